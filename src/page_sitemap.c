/*
 * page_sitemap.c -- /sitemap.xml (the sitemaps.org protocol: home, posts,
 * pages, categories and tags, each with the date it last changed; past
 * SITEMAP_FILE_URLS an index of /sitemap-N.xml files) and /robots.txt,
 * which names it. Absolute URLs from r->origin (url_abs()).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "date.h"
#include "db.h"
#include "page.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"
#include "url.h"
#include "visible.h"

/*
 * URLs per file. The protocol allows 50,000, but a response that size
 * would grow a worker well past its usual few megabytes; WordPress cuts
 * at 2,000 too. A site with more is listed by a sitemap index at
 * /sitemap.xml naming /sitemap-1.xml, /sitemap-2.xml, ...
 */
#define SITEMAP_FILE_URLS	2000

/*
 * Which of the site's URLs, in the order listed (home, posts, pages,
 * categories, tags), go into this response: pass over "skip", then take
 * up to "room". With room 0 nothing is taken, and what skip loses
 * counts the URLs: one walk both counts and lists. A request that
 * walks twice (count, then list) counts the posts and dates the
 * categories (a pass over every post) once.
 */
struct window {
	size_t		 skip;
	size_t		 room;
	sqlite3_int64	 nposts;	/* visible posts, -1: not counted */
	time_t		*cat_changed;	/* per r->site->cats[], 0: not listed */
};

static const char sql_sitemap_count_posts[] =
	"SELECT count(*) FROM post WHERE " SQL_POST_VISIBLE("", "?1") " ";
static const char sql_sitemap_newest[] =
	"SELECT max(updated_at, published_at) FROM post WHERE "
	SQL_POST_VISIBLE("", "?1") " "
	"ORDER BY published_at DESC, id DESC LIMIT 1";
/* OFFSET walks the index only: the posts before a file cost little. */
static const char sql_sitemap_posts[] =
	"SELECT slug, published_at, max(updated_at, published_at) "
	"FROM post WHERE " SQL_POST_VISIBLE("", "?1") " "
	"ORDER BY published_at DESC, id DESC LIMIT ?2 OFFSET ?3";
static const char sql_sitemap_pages[] =
	"WITH RECURSIVE " SQL_PAGE_VISIBLE " "
	"SELECT v.path, max(p.updated_at, p.published_at) "
	"FROM visible_page v JOIN page p ON p.id = v.id ORDER BY v.path";
/* Tags with a visible post: one pass over those posts, as for categories. */
static const char sql_sitemap_tags[] =
	"SELECT t.slug, max(max(p.updated_at, p.published_at)) FROM tag t "
	"JOIN post_tag pt ON pt.tag_id = t.id JOIN post p ON p.id = pt.post_id "
	"WHERE " SQL_POST_VISIBLE("p.", "?1") " "
	"GROUP BY t.id ORDER BY t.slug";
/* A category's own newest change; parents inherit below. */
static const char sql_sitemap_categories[] =
	"SELECT pc.category_id, max(max(p.updated_at, p.published_at)) "
	"FROM post_category pc JOIN post p ON p.id = pc.post_id "
	"WHERE " SQL_POST_VISIBLE("p.", "?1") " "
	"GROUP BY pc.category_id";

/* One URL in the window's place: passed over, listed, or past the end. */
static void
url_row(struct req *r, struct window *w, const char *path, time_t changed)
{
	struct tvars	*row;

	if (w->skip > 0) {
		w->skip--;
		return;
	}
	if (w->room == 0)
		return;
	w->room--;
	row = tvars_add_row(r->vars, "urls");
	tvars_set(row, "loc", url_abs(r->arena, r->origin, path));
	if (changed > 0)
		tvars_set(row, "lastmod", date_rfc3339(r->arena, changed));
}

/* The window takes nothing more: the rest need not be read. */
static int
window_full(const struct window *w)
{
	return w->skip == 0 && w->room == 0;
}

static sqlite3_stmt *
start(struct req *r, const char *sql)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql);

	if (st == NULL)
		return NULL;
	if (sqlite3_bind_parameter_count(st) >= 1 &&
	    sqlite3_bind_int64(st, 1, (sqlite3_int64)r->now) != SQLITE_OK) {
		db_log(r->db, "sitemap bind");
		db_done(st);
		return NULL;
	}
	return st;
}

static enum folio_err
finish(struct req *r, sqlite3_stmt *st, int step)
{
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "sitemap");
		return FOLIO_ERR_DB;
	}
	return FOLIO_OK;
}

/* The one number "sql" answers, or -1. */
static sqlite3_int64
sitemap_number(struct req *r, const char *sql)
{
	sqlite3_stmt	*st;
	sqlite3_int64	 v = 0;
	int		 step;

	if ((st = start(r, sql)) == NULL)
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		step = sqlite3_step(st);
	}
	return finish(r, st, step) == FOLIO_OK ? v : -1;
}

/* The home page, dated by the newest post. */
static enum folio_err
sitemap_home(struct req *r, struct window *w)
{
	sqlite3_int64	 t = 0;

	if (w->skip == 0 && w->room > 0 &&
	    (t = sitemap_number(r, sql_sitemap_newest)) < 0)
		return FOLIO_ERR_DB;
	url_row(r, w, "/", (time_t)t);
	return FOLIO_OK;
}

/* Posts, newest first; those before the window are counted, not read. */
static enum folio_err
sitemap_posts(struct req *r, struct window *w)
{
	sqlite3_stmt	*st;
	time_t		 t;
	int		 step;

	if (w->skip > 0) {
		if (w->nposts < 0 && (w->nposts =
		    sitemap_number(r, sql_sitemap_count_posts)) < 0)
			return FOLIO_ERR_DB;
		if ((size_t)w->nposts <= w->skip) {
			w->skip -= (size_t)w->nposts;
			return FOLIO_OK;
		}
	}
	if (w->room == 0)
		return FOLIO_OK;
	if ((st = start(r, sql_sitemap_posts)) == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_int64(st, 2, (sqlite3_int64)w->room) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, (sqlite3_int64)w->skip) != SQLITE_OK) {
		db_log(r->db, "sitemap bind");
		db_done(st);
		return FOLIO_ERR_DB;
	}
	w->skip = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		t = (time_t)sqlite3_column_int64(st, 2);
		url_row(r, w, url_post(r->arena,
		    (time_t)sqlite3_column_int64(st, 1),
		    db_text(r->arena, st, 0)), t);
	}
	return finish(r, st, step);
}

/* Rows (path or slug, changed) of "sql", "url" making their URLs. */
static enum folio_err
sitemap_paths(struct req *r, struct window *w, const char *sql,
    char *(*url)(struct arena *, const char *))
{
	sqlite3_stmt	*st;
	int		 step;

	if (window_full(w))
		return FOLIO_OK;
	if ((st = start(r, sql)) == NULL)
		return FOLIO_ERR_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && !window_full(w))
		url_row(r, w, w->skip > 0 ? NULL : url(r->arena,
		    db_text(r->arena, st, 0)),
		    (time_t)sqlite3_column_int64(st, 1));
	if (step == SQLITE_ROW)
		step = SQLITE_DONE;	/* the window is full */
	return finish(r, st, step);
}

/* When each category last changed: its own posts' or a child's. */
static enum folio_err
category_changes(struct req *r, struct window *w)
{
	const struct site	*s = r->site;
	const struct category	*c;
	sqlite3_stmt		*st;
	time_t			 t;
	size_t			 i, depth;
	int			 step;

	w->cat_changed = arena_calloc(r->arena, s->ncats,
	    sizeof(*w->cat_changed));
	if ((st = start(r, sql_sitemap_categories)) == NULL)
		return FOLIO_ERR_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		t = (time_t)sqlite3_column_int64(st, 1);
		/* Up the tree; a loop in the data stops at 8, as site.c. */
		c = site_category(s, sqlite3_column_int64(st, 0));
		for (depth = 0; c != NULL && depth < 8; depth++) {
			i = (size_t)(c - s->cats);
			if (t > w->cat_changed[i])
				w->cat_changed[i] = t;
			c = c->parent_id ? site_category(s, c->parent_id) :
			    NULL;
		}
	}
	return finish(r, st, step);
}

/* Categories whose page lists something. */
static enum folio_err
sitemap_categories(struct req *r, struct window *w)
{
	const struct site	*s = r->site;
	size_t			 i;

	if (s->ncats == 0 || window_full(w))
		return FOLIO_OK;
	if (w->cat_changed == NULL && category_changes(r, w) != FOLIO_OK)
		return FOLIO_ERR_DB;
	for (i = 0; i < s->ncats; i++)
		if (w->cat_changed[i] != 0)
			url_row(r, w, s->cats[i].url, w->cat_changed[i]);
	return FOLIO_OK;
}

/* The URLs of the window, in the order every file agrees on. */
static enum folio_err
sitemap_walk(struct req *r, struct window *w)
{
	enum folio_err	 rc;

	if ((rc = sitemap_home(r, w)) != FOLIO_OK ||
	    (rc = sitemap_posts(r, w)) != FOLIO_OK ||
	    (rc = sitemap_paths(r, w, sql_sitemap_pages, url_page)) !=
	    FOLIO_OK ||
	    (rc = sitemap_categories(r, w)) != FOLIO_OK ||
	    (rc = sitemap_paths(r, w, sql_sitemap_tags, url_tag)) != FOLIO_OK)
		return rc;
	return FOLIO_OK;
}

/* How many URLs the site has. */
static enum folio_err
sitemap_count(struct req *r, struct window *w, size_t *n)
{
	enum folio_err	 rc;

	w->skip = SIZE_MAX;
	w->room = 0;
	if ((rc = sitemap_walk(r, w)) == FOLIO_OK)
		*n = SIZE_MAX - w->skip;
	return rc;
}

/* One file's URLs: the "file"th SITEMAP_FILE_URLS, from 1. */
static enum folio_err
sitemap_file(struct req *r, struct window *w, size_t file)
{
	enum folio_err	 rc;

	w->skip = (file - 1) * SITEMAP_FILE_URLS;
	w->room = SITEMAP_FILE_URLS;
	if ((rc = sitemap_walk(r, w)) == FOLIO_OK)
		r->tmpl = TMPL_SITEMAP;
	return rc;
}

/* /sitemap.xml: every URL, or an index of the files when too many. */
enum folio_err
page_sitemap(struct req *r)
{
	struct window	 w = { 0, 0, -1, NULL };
	size_t		 n, i;
	enum folio_err	 rc;

	if ((rc = sitemap_count(r, &w, &n)) != FOLIO_OK)
		return rc;
	if (n <= SITEMAP_FILE_URLS)
		return sitemap_file(r, &w, 1);
	for (i = 1; (i - 1) * SITEMAP_FILE_URLS < n; i++)
		tvars_set(tvars_add_row(r->vars, "files"), "loc",
		    url_abs(r->arena, r->origin, url_sitemap(r->arena, i)));
	r->tmpl = TMPL_SITEMAP;
	return FOLIO_OK;
}

/* /sitemap-N.xml (N in r->page_no): only the index names them. */
enum folio_err
page_sitemap_part(struct req *r)
{
	struct window	 w = { 0, 0, -1, NULL };
	size_t		 n;
	enum folio_err	 rc;

	if ((rc = sitemap_count(r, &w, &n)) != FOLIO_OK)
		return rc;
	if (n <= SITEMAP_FILE_URLS ||
	    (size_t)(r->page_no - 1) * SITEMAP_FILE_URLS >= n)
		return FOLIO_ERR_NOTFOUND;
	return sitemap_file(r, &w, (size_t)r->page_no);
}

enum folio_err
page_robots(struct req *r)
{
	tvars_set(r->vars, "sitemap_url", url_abs(r->arena, r->origin,
	    url_sitemap(r->arena, 0)));
	r->tmpl = TMPL_ROBOTS;
	return FOLIO_OK;
}
