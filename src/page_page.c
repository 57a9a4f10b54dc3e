/*
 * page_page.c -- a CMS page (the page table) at its hierarchical path,
 * /about/team/, resolved one published segment at a time down the page
 * tree (visible.h says what a visitor may see).
 */
#include <string.h>

#include "folio.h"
#include "db.h"
#include "page.h"
#include "req.h"
#include "tmpl.h"
#include "url.h"
#include "visible.h"

/* coalesce(parent_id, 0) matches the page_path index expression. */
static const char sql_page_child[] =
	"SELECT id, title, body_html, excerpt FROM page "
	"WHERE coalesce(parent_id, 0) = ?1 AND slug = ?2 "
	"AND " SQL_PAGE_PUBLISHED("");
static const char sql_page_children[] =
	"SELECT slug, title FROM page WHERE parent_id = ?1 "
	"AND " SQL_PAGE_PUBLISHED("") " ORDER BY position, id";

/* Page ?1 and its ancestors, the top first. */
static const char sql_page_ancestors[] =
	"WITH RECURSIVE up(id, parent, slug, title, n) AS ("
	" SELECT id, parent_id, slug, title, 0 FROM page WHERE id = ?1"
	" UNION ALL SELECT p.id, p.parent_id, p.slug, p.title, up.n + 1"
	"  FROM page p JOIN up ON p.id = up.parent WHERE up.n < 64) "
	"SELECT slug, title FROM up ORDER BY n DESC";

static void
crumb_add(struct req *r, const char *title, const char *path)
{
	struct tvars	*crumb = tvars_add_row(r->vars, "breadcrumbs");

	tvars_set(crumb, "title", title);
	tvars_set(crumb, "url", path);
}

static enum folio_err
children(struct req *r, int64_t id, const char *path)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql_page_children);
	struct tvars	*row;
	int		 step;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK) {
		db_log(r->db, "page children");
		db_done(st);
		return FOLIO_ERR_DB;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		row = tvars_add_row(r->vars, "children");
		tvars_set(row, "title", db_text(r->arena, st, 1));
		tvars_set(row, "url", url_child(r->arena, path,
		    (const char *)sqlite3_column_text(st, 0)));
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "page children");
		return FOLIO_ERR_DB;
	}
	return FOLIO_OK;
}

enum folio_err
page_page(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql_page_child);
	int64_t		 id = 0;
	const char	*path = url_page(r->arena, ""), *title = NULL;
	size_t		 i;
	int		 step;

	if (st == NULL)
		return FOLIO_ERR_DB;
	for (i = 0; i < r->nsegs; i++) {
		if (title != NULL)
			crumb_add(r, title, path);
		if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
		    sqlite3_bind_text(st, 2, r->segs[i], -1, SQLITE_STATIC) !=
		    SQLITE_OK) {
			db_log(r->db, "page bind");
			db_done(st);
			return FOLIO_ERR_DB;
		}
		if ((step = sqlite3_step(st)) != SQLITE_ROW) {
			if (step != SQLITE_DONE)
				db_log(r->db, "page");
			db_done(st);
			return step == SQLITE_DONE ? FOLIO_ERR_NOTFOUND :
			    FOLIO_ERR_DB;
		}
		id = sqlite3_column_int64(st, 0);
		title = db_text(r->arena, st, 1);
		path = url_child(r->arena, path, r->segs[i]);
		if (i + 1 == r->nsegs) {
			tvars_set(r->vars, "body_html",
			    db_text(r->arena, st, 2));
			r->description = db_text(r->arena, st, 3);
		}
		db_done(st);
	}
	tvars_set(r->vars, "title", title);
	r->tmpl = TMPL_PAGE;
	r->title = title;
	r->current_url = path;
	return children(r, id, path);
}

enum folio_err
page_page_extras(struct req *r, int64_t id, int64_t parent, const char *slug)
{
	sqlite3_stmt	*st;
	const char	*path = url_page(r->arena, "");
	int		 step;

	if (parent != 0) {
		if ((st = db_stmt(r->db, sql_page_ancestors)) == NULL)
			return FOLIO_ERR_DB;
		if (sqlite3_bind_int64(st, 1, parent) != SQLITE_OK) {
			db_log(r->db, "page ancestors");
			db_done(st);
			return FOLIO_ERR_DB;
		}
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			path = url_child(r->arena, path,
			    (const char *)sqlite3_column_text(st, 0));
			crumb_add(r, db_text(r->arena, st, 1), path);
		}
		db_done(st);
		if (step != SQLITE_DONE) {
			db_log(r->db, "page ancestors");
			return FOLIO_ERR_DB;
		}
	}
	path = url_child(r->arena, path, slug);
	r->current_url = path;
	return children(r, id, path);
}
