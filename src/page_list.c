/*
 * page_list.c -- lists of posts: the home page, date archives, category,
 * tag and author pages, each paginated by /page/N/. One query shape serves
 * them all: ?1 now, ?2 limit, ?3 offset, ?4 and ?5 the list's own. The
 * page's posts' tags come from one more query for the whole page.
 */
#include <string.h>

#include "folio.h"
#include "date.h"
#include "db.h"
#include "page.h"
#include "post.h"
#include "req.h"
#include "site.h"
#include "tag.h"
#include "tmpl.h"
#include "url.h"
#include "visible.h"

#define POST_COLS "id, slug, title, excerpt, published_at, author_id "
#define NEWEST_FIRST "ORDER BY published_at DESC, id DESC LIMIT ?2 OFFSET ?3"

static const char sql_home[] =
	"SELECT " POST_COLS "FROM post WHERE " SQL_POST_VISIBLE("", "?1") " "
	NEWEST_FIRST;

static const char sql_range[] =
	"SELECT " POST_COLS "FROM post WHERE " SQL_POST_VISIBLE("", "?1")
	" AND published_at >= ?4 AND published_at < ?5 " NEWEST_FIRST;
static const char sql_range_count[] =
	"SELECT count(*) FROM post WHERE " SQL_POST_VISIBLE("", "?1")
	" AND published_at >= ?4 AND published_at < ?5";

/* A category page lists its subcategories' posts too, as WordPress does. */
#define IN_CATEGORY "AND id IN (SELECT post_id FROM post_category " \
	"WHERE category_id IN (WITH RECURSIVE sub(id) AS (VALUES (?4) " \
	"UNION SELECT c.id FROM category c JOIN sub ON c.parent_id = sub.id) " \
	"SELECT id FROM sub)) "
static const char sql_category[] =
	"SELECT " POST_COLS "FROM post WHERE " SQL_POST_VISIBLE("", "?1") " "
	IN_CATEGORY NEWEST_FIRST;

/*
 * A tag's posts are found from post_tag (CROSS JOIN fixes that order):
 * walking post_public newest first would read every visible post for a
 * rare tag, and counting would always. This costs the tag's own size.
 */
#define IN_TAG "FROM post_tag CROSS JOIN post ON id = post_id " \
	"WHERE tag_id = ?4 AND " SQL_POST_VISIBLE("", "?1") " "
static const char sql_tag[] =
	"SELECT " POST_COLS IN_TAG NEWEST_FIRST;
static const char sql_tag_count[] =
	"SELECT count(*) " IN_TAG;

static const char sql_author[] =
	"SELECT " POST_COLS "FROM post WHERE " SQL_POST_VISIBLE("", "?1")
	" AND author_id = ?4 " NEWEST_FIRST;

struct list {
	const char	*heading;	/* "" on the home page */
	const char	*description;
	const char	*base;		/* the list's first page: "/2022/03/" */
	const char	*sql;
	const char	*sql_count;	/* NULL: total is known already */
	long		 total;		/* posts in the whole list */
	int64_t		 arg4, arg5;
};

static int
bind_list(sqlite3_stmt *st, const struct req *r, const struct list *l,
    long limit, long offset)
{
	int	 n = sqlite3_bind_parameter_count(st);

	if (sqlite3_bind_int64(st, 1, (sqlite3_int64)r->now) != SQLITE_OK)
		return -1;
	if (n >= 3 && (sqlite3_bind_int64(st, 2, limit) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, offset) != SQLITE_OK))
		return -1;
	if (n >= 4 && sqlite3_bind_int64(st, 4, l->arg4) != SQLITE_OK)
		return -1;
	if (n >= 5 && sqlite3_bind_int64(st, 5, l->arg5) != SQLITE_OK)
		return -1;
	return 0;
}

static enum folio_err
list_count(struct req *r, struct list *l)
{
	sqlite3_stmt	*st;
	enum folio_err	 rc = FOLIO_ERR_DB;

	if (l->sql_count == NULL)
		return FOLIO_OK;
	if ((st = db_stmt(r->db, l->sql_count)) == NULL)
		return FOLIO_ERR_DB;
	if (bind_list(st, r, l, 0, 0) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		l->total = (long)sqlite3_column_int64(st, 0);
		rc = FOLIO_OK;
	} else
		db_log(r->db, "list count");
	db_done(st);
	return rc;
}

/* Render one page of the list; past the last page is a 404. */
static enum folio_err
list_show(struct req *r, struct list *l)
{
	sqlite3_stmt	*st;
	long		 per = r->site->posts_per_page, pages;
	struct tvars	*row, **rows;
	int64_t		*ids;
	size_t		 n = 0;
	enum folio_err	 rc;
	int		 step;

	if ((rc = list_count(r, l)) != FOLIO_OK)
		return rc;
	pages = l->total > 0 ? (l->total + per - 1) / per : 1;
	if (r->page_no > pages)
		return FOLIO_ERR_NOTFOUND;
	/* An empty month or category does not exist, as far as links go. */
	if (l->total == 0 && l->base[1] != '\0')
		return FOLIO_ERR_NOTFOUND;
	if ((st = db_stmt(r->db, l->sql)) == NULL)
		return FOLIO_ERR_DB;
	if (bind_list(st, r, l, per, (r->page_no - 1) * per) != 0) {
		db_log(r->db, "list bind");
		db_done(st);
		return FOLIO_ERR_DB;
	}
	ids = arena_calloc(r->arena, (size_t)per, sizeof(*ids));
	rows = arena_calloc(r->arena, (size_t)per, sizeof(*rows));
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct post_summary	 p;

		post_summary_read(r, st, &p);
		row = tvars_add_row(r->vars, "posts");
		if (n < (size_t)per) {	/* LIMIT ?2 is per */
			ids[n] = p.id;
			rows[n++] = row;
		}
		post_summary_vars(r, row, &p);
		tvars_set(row, "excerpt", db_text(r->arena, st, 3));
		if (post_categories_vars(r, row, p.id, 0) != FOLIO_OK) {
			db_done(st);
			return FOLIO_ERR_DB;
		}
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "list");
		return FOLIO_ERR_DB;
	}
	if ((rc = tag_list_vars(r, ids, rows, n)) != FOLIO_OK)
		return rc;

	tvars_set(r->vars, "heading", l->heading);
	tvars_set(r->vars, "description", l->description);
	tvars_set_int(r->vars, "page_number", r->page_no);
	tvars_set_int(r->vars, "page_count", pages);
	if (r->page_no > 1)
		tvars_set(r->vars, "newer_url", url_list_page(r->arena,
		    l->base, r->page_no - 1));
	if (r->page_no < pages)
		tvars_set(r->vars, "older_url", url_list_page(r->arena,
		    l->base, r->page_no + 1));
	r->tmpl = TMPL_LIST;
	r->current_url = url_list_page(r->arena, l->base, r->page_no);
	if (r->nsection_urls == 0 && r->page_no > 1)
		r->section_urls[r->nsection_urls++] = l->base;
	if (l->heading[0] != '\0')
		r->title = r->page_no > 1 ? arena_printf(r->arena,
		    "%s (page %ld)", l->heading, r->page_no) : l->heading;
	else if (r->page_no > 1)
		r->title = arena_printf(r->arena, "Page %ld", r->page_no);
	r->description = l->description[0] ? l->description :
	    r->site->tagline;
	return FOLIO_OK;
}

/*
 * A list of one thing's posts -- a category, tag or author -- with its
 * heading, description and its own feed. l->sql, and l->total or
 * l->sql_count, are the caller's.
 */
static enum folio_err
term_show(struct req *r, struct list *l, const char *heading,
    const char *name, const char *description, const char *url, int64_t id)
{
	l->heading = heading;
	l->description = description;
	l->base = url;
	l->arg4 = id;
	r->feed_base = url;		/* its own feed (page_feed.c) */
	r->feed_title = name;
	return list_show(r, l);
}

enum folio_err
page_home(struct req *r)
{
	struct list	 l = { "", "", "/", sql_home, NULL, 0, 0, 0 };

	l.total = r->site->published;
	return list_show(r, &l);
}

enum folio_err
page_archive(struct req *r)
{
	struct list	 l = { NULL, "", NULL, sql_range, NULL, 0, 0, 0 };
	time_t		 start, end;
	const char	*label;

	if (date_range(r->year, r->month, r->day, &start, &end) != 0)
		return FOLIO_ERR_NOTFOUND;
	l.arg4 = (int64_t)start;
	l.arg5 = (int64_t)end;
	if (r->day != 0) {
		l.sql_count = sql_range_count;
		label = date_long(r->arena, start);
		l.base = url_archive(r->arena, r->year, r->month, r->day);
	} else if (r->month != 0) {
		l.total = site_posts_in(r->site, r->year, r->month);
		label = date_month(r->arena, r->year, r->month);
		l.base = url_archive(r->arena, r->year, r->month, 0);
	} else {
		l.total = site_posts_in(r->site, r->year, 0);
		label = arena_printf(r->arena, "%d", r->year);
		l.base = url_archive(r->arena, r->year, 0, 0);
	}
	l.heading = arena_printf(r->arena, "Archives: %s", label);
	return list_show(r, &l);
}

enum folio_err
page_category(struct req *r)
{
	struct list		 l = { NULL, "", NULL, sql_category, NULL,
				    0, 0, 0 };
	const struct category	*c;

	c = site_category_slug(r->site, r->segs[r->nsegs - 1]);
	if (c == NULL)
		return FOLIO_ERR_NOTFOUND;
	/* The path must be the category's own: /category/parent/child/. */
	if (strcmp(url_category_segs(r->arena, r->segs, r->nsegs),
	    c->url) != 0) {
		if (r->nsegs != 1)
			return FOLIO_ERR_NOTFOUND;
		/* /category/child/ is a known short form: send it home. */
		r->status = 301;
		r->location = url_list_page(r->arena, c->url, r->page_no);
		return FOLIO_OK;
	}
	l.total = c->total;
	return term_show(r, &l, arena_printf(r->arena, "Category: %s",
	    c->name), c->name, c->description, c->url, c->id);
}

enum folio_err
page_tag(struct req *r)
{
	struct list	 l = { NULL, "", NULL, sql_tag, sql_tag_count,
			    0, 0, 0 };
	struct tag	 t;
	enum folio_err	 rc;

	if ((rc = tag_by_slug(r, r->segs[0], &t)) != FOLIO_OK)
		return rc;
	return term_show(r, &l, arena_printf(r->arena,
	    "Posts tagged \xe2\x80\x9c%s\xe2\x80\x9d", t.name), t.name,
	    t.description, t.url, t.id);
}

enum folio_err
page_author(struct req *r)
{
	struct list		 l = { NULL, "", NULL, sql_author, NULL,
				    0, 0, 0 };
	const struct author	*a;

	if ((a = site_author_slug(r->site, r->segs[0])) == NULL)
		return FOLIO_ERR_NOTFOUND;
	l.total = a->count;
	return term_show(r, &l, arena_printf(r->arena, "Author: %s",
	    a->name), a->name, "", a->url, a->id);
}
