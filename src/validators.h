/*
 * validators.h -- HTTP caching for every public response: an ETag and a
 * Last-Modified that move when what the page shows moves, Cache-Control
 * from the site's cache_max_age setting, and the check that turns a
 * conditional request for an unchanged page into a 304.
 */
#ifndef VALIDATORS_H
#define VALIDATORS_H

#include <time.h>

struct buf;
struct req;

struct validators {
	int		 has;		/* 0: no validators for this status */
	char		 etag[24];	/* "\"" 16 hex digits "\"" */
	time_t		 last_modified;
	long		 max_age;	/* seconds; -1: no-store */
};

/* Fill v for the finished response r with this body. Cannot fail. */
void	 validators_make(struct req *, const struct buf *body,
	    struct validators *);

/*
 * 1 if r is a conditional GET or HEAD of a 200 response whose copy the
 * client already has: If-None-Match (weak comparison, "*" too) decides
 * when present, else If-Modified-Since (an IMF-fixdate).
 */
int	 validators_fresh(const struct req *, const struct validators *);

/* Append the ETag, Last-Modified and Cache-Control header lines. */
void	 validators_headers(struct req *, const struct validators *,
	    struct buf *out);

/* 64-bit FNV-1a, exposed for the unit tests. */
unsigned long long validators_hash(const void *, size_t,
	    unsigned long long seed);

#endif /* VALIDATORS_H */
