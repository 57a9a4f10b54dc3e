/*
 * sitemap.c -- /sitemap.xml (the sitemaps.org protocol: home, posts,
 * pages, categories and tags, each with the date it last changed) and
 * /robots.txt, which names it. Absolute URLs from r->origin.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "date.h"
#include "db.h"
#include "page.h"
#include "post.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"

/* The protocol's limit for one file. XXX a bigger site needs an index. */
#define SITEMAP_URLS_MAX	50000

#define VISIBLE "status = 'published' AND published_at <= ?1 "
static const char sql_sitemap_posts[] =
	"SELECT slug, published_at, max(updated_at, published_at) "
	"FROM post WHERE " VISIBLE
	"ORDER BY published_at DESC, id DESC LIMIT 50000";
/* Pages are public when they and all their ancestors are published. */
static const char sql_sitemap_pages[] =
	"WITH RECURSIVE pg(id, path, changed) AS ("
	" SELECT id, slug, max(updated_at, published_at) FROM page"
	"  WHERE parent_id IS NULL AND status = 'published'"
	" UNION ALL SELECT c.id, pg.path || '/' || c.slug,"
	"  max(c.updated_at, c.published_at)"
	"  FROM page c JOIN pg ON c.parent_id = pg.id"
	"  WHERE c.status = 'published') "
	"SELECT path, changed FROM pg ORDER BY path LIMIT 50000";
/* Tags with a visible post: one pass over those posts, as for categories. */
static const char sql_sitemap_tags[] =
	"SELECT t.slug, max(max(p.updated_at, p.published_at)) FROM tag t "
	"JOIN post_tag pt ON pt.tag_id = t.id JOIN post p ON p.id = pt.post_id "
	"WHERE p.status = 'published' AND p.published_at <= ?1 "
	"GROUP BY t.id ORDER BY t.slug LIMIT 50000";
/* A category's own newest change; parents inherit below. */
static const char sql_sitemap_categories[] =
	"SELECT pc.category_id, max(max(p.updated_at, p.published_at)) "
	"FROM post_category pc JOIN post p ON p.id = pc.post_id "
	"WHERE p.status = 'published' AND p.published_at <= ?1 "
	"GROUP BY pc.category_id";

static void
url_row(struct req *r, const char *path, time_t changed)
{
	struct tvars	*row = tvars_add_row(r->vars, "urls");

	tvars_set(row, "loc", arena_printf(r->arena, "%s%s", r->origin, path));
	if (changed > 0)
		tvars_set(row, "lastmod", date_rfc3339(r->arena, changed));
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

/* Posts; the home page first, dated by the newest of them. */
static enum folio_err
sitemap_posts(struct req *r, size_t *n)
{
	sqlite3_stmt	*st;
	time_t		 t;
	int		 step;

	if ((st = start(r, sql_sitemap_posts)) == NULL)
		return FOLIO_ERR_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		t = (time_t)sqlite3_column_int64(st, 2);
		if (*n == 0) {
			url_row(r, "/", t);
			(*n)++;
		}
		url_row(r, post_url(r->arena,
		    (time_t)sqlite3_column_int64(st, 1),
		    db_text(r->arena, st, 0)), t);
		(*n)++;
	}
	if (*n == 0) {
		url_row(r, "/", 0);
		*n = 1;
	}
	return finish(r, st, step);
}

/* Rows (path, changed) of "sql" as prefix + path + "/": pages, tags. */
static enum folio_err
sitemap_paths(struct req *r, size_t *n, const char *sql, const char *prefix)
{
	sqlite3_stmt	*st;
	int		 step;

	if ((st = start(r, sql)) == NULL)
		return FOLIO_ERR_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW &&
	    *n < SITEMAP_URLS_MAX) {
		url_row(r, arena_printf(r->arena, "%s%s/", prefix,
		    db_text(r->arena, st, 0)),
		    (time_t)sqlite3_column_int64(st, 1));
		(*n)++;
	}
	if (step == SQLITE_ROW)
		step = SQLITE_DONE;	/* cut at the limit */
	return finish(r, st, step);
}

/* Categories whose page lists something: own posts or a child's. */
static enum folio_err
sitemap_categories(struct req *r, size_t *n)
{
	const struct site	*s = r->site;
	const struct category	*c;
	sqlite3_stmt		*st;
	time_t			*changed, t;
	size_t			 i, depth;
	int			 step;

	if (s->ncats == 0)
		return FOLIO_OK;
	changed = arena_calloc(r->arena, s->ncats, sizeof(*changed));
	if ((st = start(r, sql_sitemap_categories)) == NULL)
		return FOLIO_ERR_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		t = (time_t)sqlite3_column_int64(st, 1);
		/* Up the tree; a loop in the data stops at 8, as site.c. */
		c = site_category(s, sqlite3_column_int64(st, 0));
		for (depth = 0; c != NULL && depth < 8; depth++) {
			i = (size_t)(c - s->cats);
			if (t > changed[i])
				changed[i] = t;
			c = c->parent_id ? site_category(s, c->parent_id) :
			    NULL;
		}
	}
	if (finish(r, st, step) != FOLIO_OK)
		return FOLIO_ERR_DB;
	for (i = 0; i < s->ncats && *n < SITEMAP_URLS_MAX; i++) {
		if (changed[i] == 0)
			continue;
		url_row(r, s->cats[i].url, changed[i]);
		(*n)++;
	}
	return FOLIO_OK;
}

enum folio_err
page_sitemap(struct req *r)
{
	size_t		 n = 0;
	enum folio_err	 rc;

	if ((rc = sitemap_posts(r, &n)) != FOLIO_OK ||
	    (rc = sitemap_paths(r, &n, sql_sitemap_pages, "/")) != FOLIO_OK ||
	    (rc = sitemap_categories(r, &n)) != FOLIO_OK ||
	    (rc = sitemap_paths(r, &n, sql_sitemap_tags, "/tag/")) != FOLIO_OK)
		return rc;
	r->tmpl = TMPL_SITEMAP;
	return FOLIO_OK;
}

enum folio_err
page_robots(struct req *r)
{
	tvars_set(r->vars, "sitemap_url", arena_printf(r->arena,
	    "%s/sitemap.xml", r->origin));
	r->tmpl = TMPL_ROBOTS;
	return FOLIO_OK;
}
