/*
 * slug.h -- slugs are the URL parts naming posts, pages, categories and
 * authors: 1 to SLUG_MAX bytes of [a-z0-9-].
 */
#ifndef SLUG_H
#define SLUG_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#define SLUG_MAX	200
#define SLUG_TRIES	1000	/* slug_unique: base-2 ... base-1000 */

struct arena;

/* 1 if s is a valid slug, else 0. */
int	 slug_valid(const char *s);

/*
 * Make a slug from a title: ASCII letters lowercased, digits kept, every
 * other run of characters one hyphen, no hyphen at either end, at most
 * SLUG_MAX bytes. A title with nothing usable gives "untitled".
 */
char	*slug_from_title(struct arena *, const char *title);

/*
 * Whether "slug" is in use: "taken_sql" is a query with the slug as ?1
 * and, when it has a second parameter, "scope" as ?2 (the row to leave
 * out, or the parent to look under). 1 if it finds a row, 0 if not, -1
 * (logged) on failure.
 */
int	 slug_taken(sqlite3 *, const char *taken_sql, const char *slug,
	    int64_t scope);

/*
 * The first free one of "base", base-2, base-3 ... base-SLUG_TRIES: free
 * when slug_taken() finds no row and it is none of "reserved" (a list
 * ending in NULL, or NULL). A base longer than SLUG_MAX - 5 bytes is cut
 * there before a suffix, so the result is still a slug. Returns base
 * itself or a new string in the arena; NULL (logged) on a database error
 * or when every one is taken.
 */
const char *slug_unique(struct arena *, sqlite3 *, const char *base,
	    const char *taken_sql, int64_t scope,
	    const char *const *reserved);

#endif /* SLUG_H */
