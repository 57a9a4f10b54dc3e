/*
 * page_post.c -- one published post at /YYYY/MM/DD/slug/, with its
 * byline, categories, tags, share links and the stories before and
 * after it.
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

static const char sql_post[] =
	"SELECT id, slug, title, excerpt, published_at, author_id, body_html "
	"FROM post WHERE slug = ?1 AND " SQL_POST_VISIBLE("", "?2");
/*
 * Previous is the older story, next the newer; ties broken by id. An
 * older one is visible when the post is (the admin's preview shows what
 * the post will have beside it once its time comes).
 */
static const char sql_older[] =
	"SELECT slug, title, published_at FROM post "
	"WHERE " SQL_POST_PUBLISHED("") " AND (published_at, id) < (?1, ?2) "
	"ORDER BY published_at DESC, id DESC LIMIT 1";
static const char sql_newer[] =
	"SELECT slug, title, published_at FROM post "
	"WHERE " SQL_POST_PUBLISHED("") " AND (published_at, id) > (?1, ?2) "
	"AND published_at <= ?3 ORDER BY published_at, id LIMIT 1";

/* Set prefix_title and prefix_url from the neighbour query, if any. */
static enum folio_err
neighbour(struct req *r, const char *sql, const struct post_summary *p,
    const char *prefix)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql);
	enum folio_err	 rc = FOLIO_ERR_DB;
	int		 step;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_int64(st, 1, (sqlite3_int64)p->published_at) !=
	    SQLITE_OK || sqlite3_bind_int64(st, 2, p->id) != SQLITE_OK ||
	    (sqlite3_bind_parameter_count(st) == 3 &&
	    sqlite3_bind_int64(st, 3, (sqlite3_int64)r->now) != SQLITE_OK))
		goto out;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		tvars_set(r->vars, arena_printf(r->arena, "%s_title", prefix),
		    db_text(r->arena, st, 1));
		tvars_set(r->vars, arena_printf(r->arena, "%s_url", prefix),
		    url_post(r->arena, (time_t)sqlite3_column_int64(st, 2),
		    (const char *)sqlite3_column_text(st, 0)));
	} else if (step != SQLITE_DONE)
		goto out;
	rc = FOLIO_OK;
out:
	if (rc != FOLIO_OK)
		db_log(r->db, "neighbour");
	db_done(st);
	return rc;
}

/* Plain share links: no third-party script or image loads. */
static void
share_links(struct req *r, const char *url, const char *title)
{
	struct buf	 u = BUF_INIT, t = BUF_INIT;

	url_part(&u, url, strlen(url));
	url_part(&t, title, strlen(title));
	tvars_set(r->vars, "share_x", arena_printf(r->arena,
	    "https://x.com/intent/post?url=%s&text=%s", u.data, t.data));
	tvars_set(r->vars, "share_facebook", arena_printf(r->arena,
	    "https://www.facebook.com/sharer/sharer.php?u=%s", u.data));
	tvars_set(r->vars, "share_pinterest", arena_printf(r->arena,
	    "https://pinterest.com/pin/create/button/?url=%s&description=%s",
	    u.data, t.data));
	buf_free(&u);
	buf_free(&t);
}

enum folio_err
page_post(struct req *r)
{
	sqlite3_stmt		*st = db_stmt(r->db, sql_post);
	struct post_summary	 p;
	enum folio_err		 rc = FOLIO_ERR_DB;
	int			 y, m, d, step;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_text(st, 1, r->segs[0], -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, (sqlite3_int64)r->now) != SQLITE_OK) {
		db_log(r->db, "post bind");
		goto out;
	}
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		if (step == SQLITE_DONE)
			rc = FOLIO_ERR_NOTFOUND;
		else
			db_log(r->db, "post");
		goto out;
	}
	post_summary_read(r, st, &p);
	date_local(p.published_at, &y, &m, &d);
	if (y != r->year || m != r->month || d != r->day) {
		rc = FOLIO_ERR_NOTFOUND;
		goto out;
	}
	post_summary_vars(r, r->vars, &p);
	r->description = db_text(r->arena, st, 3);
	tvars_set(r->vars, "excerpt", r->description);
	tvars_set(r->vars, "body_html", db_text(r->arena, st, 6));
	db_done(st);
	st = NULL;

	r->tmpl = TMPL_POST;
	r->title = p.title;
	r->current_url = p.url;
	rc = page_post_extras(r, &p, NULL, 0, NULL, 0);
out:
	db_done(st);
	return rc;
}

/*
 * Everything page_post() puts around a post besides its own row: share
 * links, categories, tags, the stories before and after. page_post()
 * and the admin's preview both call it, so a draft looks exactly as it
 * will once published; with "cats" (ncats ids) the categories are
 * those, not the stored ones, for a preview of what the editor holds
 * before it is saved; with "tags" (ntags names as typed) the same for
 * its tags.
 */
enum folio_err
page_post_extras(struct req *r, const struct post_summary *p,
    const int64_t *cats, size_t ncats, const char *const *tags,
    size_t ntags)
{
	const struct category	*c;
	struct tvars		*row;
	enum folio_err		 rc;
	size_t			 i;

	/* A preview is not there to share yet. */
	if (!r->preview)
		share_links(r, url_abs(r->arena, r->origin, p->url),
		    p->title);
	if (cats == NULL) {
		if ((rc = post_categories_vars(r, r->vars, p->id, 1)) !=
		    FOLIO_OK)
			return rc;
	} else
		for (i = 0; i < ncats; i++) {
			if ((c = site_category(r->site, cats[i])) == NULL)
				continue;
			row = tvars_add_row(r->vars, "post_categories");
			tvars_set(row, "name", c->name);
			tvars_set(row, "url", c->url);
		}
	rc = tags == NULL ? tag_post_vars(r, r->vars, p->id) :
	    tag_names_vars(r, r->vars, tags, ntags);
	if (rc != FOLIO_OK ||
	    (rc = neighbour(r, sql_older, p, "prev")) != FOLIO_OK ||
	    (rc = neighbour(r, sql_newer, p, "next")) != FOLIO_OK)
		return rc;
	return FOLIO_OK;
}
