/*
 * tag.h -- tags, as `folio import-wxr` brings them from WordPress: a
 * tag's page at /tag/slug/ and the tags a post shows. Unlike categories
 * they are not kept in the site cache: an imported site may have
 * thousands, and a request needs one, or one post's few.
 */
#ifndef TAG_H
#define TAG_H

#include <stdint.h>

#include "folio.h"

struct req;
struct tvars;

struct tag {
	int64_t		 id;
	const char	*slug;
	const char	*name;		/* plain text, escape on output */
	const char	*description;	/* plain text */
	const char	*url;		/* /tag/slug/ */
};

/*
 * Fill t, in the request arena, from the tag with this slug. Returns
 * FOLIO_ERR_NOTFOUND for none, FOLIO_ERR_DB (logged) on failure.
 */
enum folio_err	 tag_by_slug(struct req *, const char *slug, struct tag *);

/* The post_tags loop (name, url) of a post, by name; nothing if none. */
enum folio_err	 tag_post_vars(struct req *, struct tvars *,
		    int64_t post_id);

#endif /* TAG_H */
