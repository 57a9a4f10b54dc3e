/*
 * pagecache.h -- a worker's memory of whole responses, so a page asked
 * for again costs a lookup and one write. Entries are valid for one build
 * of the site cache: when content changes (or a scheduled post comes due)
 * the caller empties it before serving, so no visitor sees a stale page.
 */
#ifndef PAGECACHE_H
#define PAGECACHE_H

#include <stddef.h>

#include "validators.h"

#define PAGECACHE_BYTES	(4u * 1024 * 1024)	/* per worker */

struct cached_page {
	const char	*data;		/* headers, blank line, body */
	size_t		 len;
	size_t		 head_len;	/* headers and blank line: for HEAD */
	int		 status;
	struct validators validators;	/* to answer conditional requests */
};

/* Find the response stored under "key"; NULL if none. */
const struct cached_page *pagecache_get(const char *key);

/*
 * Keep a copy of a response under "key", dropping the oldest entries
 * when over PAGECACHE_BYTES. A response too large to fit is not kept.
 */
void		 pagecache_put(const char *key, const char *data, size_t len,
		    size_t head_len, int status, const struct validators *);

/* Forget everything (content changed); also frees all memory. */
void		 pagecache_clear(void);

#endif /* PAGECACHE_H */
