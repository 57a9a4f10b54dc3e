/*
 * post.h -- what lists and the post page share about a post: its URL
 * (made by url_post()), byline and categories.
 */
#ifndef POST_H
#define POST_H

#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "folio.h"

struct req;
struct tvars;

struct post_summary {
	int64_t		 id;
	const char	*slug;
	const char	*title;		/* plain text */
	time_t		 published_at;
	int64_t		 author_id;
	const char	*url;		/* /YYYY/MM/DD/slug/ */
};

/*
 * Move post or page "id" ("table" is "post" or "page") into the trash
 * ("status" "trash") or out of it as a draft ("draft"), updated at
 * "now". Only a row on the other side of the trash changes: 1 if it
 * did, 0 if none did (already there, or no such row), -1 (logged) on a
 * database error.
 */
int		 post_trash_set(sqlite3 *, const char *table, int64_t id,
		    const char *status, time_t now);

/*
 * Read columns id, slug, title, (3: left to the caller), published_at,
 * author_id of the current row into p, in the request arena.
 */
void		 post_summary_read(struct req *, sqlite3_stmt *,
		    struct post_summary *);

/* title, url, date, date_iso, author_name, author_url */
void		 post_summary_vars(struct req *, struct tvars *,
		    const struct post_summary *);

/*
 * The post_categories loop (name, url), by name. With mark_sections the
 * menu marks the categories' items as the current section.
 */
enum folio_err	 post_categories_vars(struct req *, struct tvars *,
		    int64_t post_id, int mark_sections);

#endif /* POST_H */
