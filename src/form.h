/*
 * form.h -- request bodies of HTML forms: application/x-www-form-urlencoded
 * and multipart/form-data. Parsing is all or nothing: malformed input is
 * refused whole (FOLIO_ERR_INPUT, answer 400), never half-read.
 */
#ifndef FORM_H
#define FORM_H

#include <stddef.h>

#include "folio.h"

#define FORM_FIELDS_MAX	512	/* more fields than any admin form has */

struct form_field {
	const char	*name;		/* valid UTF-8, no NUL */
	const char	*value;		/* NUL-terminated; a file may hold NULs */
	size_t		 len;		/* of value, in bytes */
	const char	*filename;	/* NULL unless a file part */
	const char	*type;		/* a part's Content-Type, or NULL */
};

struct form {
	struct form_field	*fields;	/* in the order sent */
	size_t			 n;
};

/*
 * Parse "data" (len bytes) into f, everything in the arena. Text values
 * must be valid UTF-8 without NUL; file parts are taken as bytes.
 * form_parse() picks the parser from the Content-Type header and returns
 * FOLIO_ERR_NOTFOUND for a type it does not know.
 */
enum folio_err	 form_parse(struct arena *, const char *content_type,
		    const char *data, size_t len, struct form *f);
enum folio_err	 form_parse_urlencoded(struct arena *, const char *data,
		    size_t len, struct form *f);
enum folio_err	 form_parse_multipart(struct arena *, const char *boundary,
		    const char *data, size_t len, struct form *f);

/* The multipart boundary from a Content-Type value; NULL if none/bad. */
const char	*form_boundary(struct arena *, const char *content_type);

/*
 * The first field called name: form_get() its text value (NULL when
 * absent or a file part), form_field() the field itself, or NULL.
 */
const char			*form_get(const struct form *, const char *);
const struct form_field		*form_field(const struct form *,
				    const char *);

#endif /* FORM_H */
