/*
 * tag.c -- read tags for the public pages: a tag by its slug, a post's
 * tags. Listing a tag's posts is page_list.c's and feed.c's job; tags
 * are written only by the importer (import.c).
 */
#include "folio.h"
#include "db.h"
#include "req.h"
#include "tag.h"
#include "tmpl.h"

static const char sql_tag_by_slug[] =
	"SELECT id, slug, name, description FROM tag WHERE slug = ?1";

static const char sql_post_tags[] =
	"SELECT t.slug, t.name FROM post_tag pt JOIN tag t "
	"ON t.id = pt.tag_id WHERE pt.post_id = ?1 "
	"ORDER BY t.name COLLATE NOCASE, t.id";

static const char *
tag_url(struct req *r, const char *slug)
{
	return arena_printf(r->arena, "/tag/%s/", slug);
}

enum folio_err
tag_by_slug(struct req *r, const char *slug, struct tag *t)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql_tag_by_slug);
	enum folio_err	 rc = FOLIO_ERR_DB;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC) != SQLITE_OK) {
		db_log(r->db, "tag bind");
		goto out;
	}
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		t->id = sqlite3_column_int64(st, 0);
		t->slug = db_text(r->arena, st, 1);
		t->name = db_text(r->arena, st, 2);
		t->description = db_text(r->arena, st, 3);
		t->url = tag_url(r, t->slug);
		rc = FOLIO_OK;
		break;
	case SQLITE_DONE:
		rc = FOLIO_ERR_NOTFOUND;
		break;
	default:
		db_log(r->db, "tag");
	}
out:
	db_done(st);
	return rc;
}

enum folio_err
tag_post_vars(struct req *r, struct tvars *v, int64_t post_id)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql_post_tags);
	struct tvars	*row;
	int		 step;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_int64(st, 1, post_id) != SQLITE_OK) {
		db_log(r->db, "post tags bind");
		db_done(st);
		return FOLIO_ERR_DB;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		row = tvars_add_row(v, "post_tags");
		tvars_set(row, "url", tag_url(r, db_text(r->arena, st, 0)));
		tvars_set(row, "name", db_text(r->arena, st, 1));
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "post tags");
		return FOLIO_ERR_DB;
	}
	return FOLIO_OK;
}
