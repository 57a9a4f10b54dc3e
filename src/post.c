/*
 * post.c -- a post's public face, shared by lists and the post page, so
 * a byline is made in exactly one place (its permalink is url_post()'s).
 */
#include <string.h>

#include "folio.h"
#include "date.h"
#include "db.h"
#include "post.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"
#include "url.h"

static const char sql_post_categories[] =
	"SELECT c.id FROM post_category pc JOIN category c "
	"ON c.id = pc.category_id WHERE pc.post_id = ?1 "
	"ORDER BY c.name COLLATE NOCASE, c.id";

void
post_summary_read(struct req *r, sqlite3_stmt *st, struct post_summary *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->slug = db_text(r->arena, st, 1);
	p->title = db_text(r->arena, st, 2);
	p->published_at = (time_t)sqlite3_column_int64(st, 4);
	p->author_id = sqlite3_column_int64(st, 5);
	p->url = url_post(r->arena, p->published_at, p->slug);
}

void
post_summary_vars(struct req *r, struct tvars *v,
    const struct post_summary *p)
{
	const struct author	*a = site_author(r->site, p->author_id);

	tvars_set(v, "title", p->title);
	tvars_set(v, "url", p->url);
	tvars_set(v, "date", date_long(r->arena, p->published_at));
	tvars_set(v, "date_iso", date_iso(r->arena, p->published_at));
	if (a != NULL) {
		tvars_set(v, "author_name", a->name);
		tvars_set(v, "author_url", a->url);
	}
}

enum folio_err
post_categories_vars(struct req *r, struct tvars *v, int64_t post_id,
    int mark_sections)
{
	sqlite3_stmt		*st = db_stmt(r->db, sql_post_categories);
	const struct category	*c;
	struct tvars		*row;
	int			 step;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_int64(st, 1, post_id) != SQLITE_OK) {
		db_log(r->db, "post categories");
		db_done(st);
		return FOLIO_ERR_DB;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		c = site_category(r->site, sqlite3_column_int64(st, 0));
		if (c == NULL)
			continue;
		row = tvars_add_row(v, "post_categories");
		tvars_set(row, "name", c->name);
		tvars_set(row, "url", c->url);
		if (mark_sections && r->nsection_urls <
		    sizeof(r->section_urls) / sizeof(r->section_urls[0]))
			r->section_urls[r->nsection_urls++] = c->url;
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "post categories");
		return FOLIO_ERR_DB;
	}
	return FOLIO_OK;
}

int
post_trash_set(sqlite3 *db, const char *table, int64_t id,
    const char *status, time_t now)
{
	/* Only a row on the other side of the trash changes. */
	static const char sql_post[] =
	    "UPDATE post SET status = ?2, updated_at = ?3 WHERE id = ?1 "
	    "AND (?2 = 'trash') <> (status = 'trash')";
	static const char sql_page[] =
	    "UPDATE page SET status = ?2, updated_at = ?3 WHERE id = ?1 "
	    "AND (?2 = 'trash') <> (status = 'trash')";
	sqlite3_stmt	*st;
	int		 post = strcmp(table, "post") == 0;

	st = db_stmt(db, post ? sql_post : sql_page);
	if (!db_bind_int(st, 1, id) || !db_bind_text(st, 2, status) ||
	    !db_bind_int(st, 3, now)) {
		db_done(st);
		return -1;
	}
	if (db_run(db, st, post ? "post status" : "page status") != SQLITE_OK)
		return -1;
	return sqlite3_changes(db) > 0;
}
