/*
 * query.h -- reading one parameter of a URL query string
 * (application/x-www-form-urlencoded: "a=1&s=harbor+ferry").
 */
#ifndef QUERY_H
#define QUERY_H

#include <stddef.h>

#include "folio.h"

#define QUERY_VALUE_MAX	4096	/* longer values are cut, never refused */

struct arena;

/*
 * Find the first parameter "name" in "query" and decode its value ('+'
 * is a space, %XX a byte) into the arena. Returns FOLIO_OK with *value
 * set (possibly ""), FOLIO_ERR_NOTFOUND when the name is absent, or
 * FOLIO_ERR_INPUT when the value is badly escaped, holds a NUL or control
 * character, or is not valid UTF-8 (*value is then left NULL). A value
 * longer than QUERY_VALUE_MAX bytes is cut there, at a character boundary.
 */
enum folio_err	 query_get(struct arena *, const char *query,
		    const char *name, const char **value);

/* 1 if "name" appears in the query, with or without a value. */
int		 query_has(const char *query, const char *name);

#endif /* QUERY_H */
