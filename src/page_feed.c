/*
 * page_feed.c -- /feed/ (RSS 2.0), /feed/atom/ (Atom, RFC 4287), and the same
 * after /category/slug/, /tag/slug/ and /author/slug/. Each item
 * carries the excerpt and the full content; HTML content goes out
 * escaped as text, as both formats define it, so nothing in a post can
 * break the XML. URLs are absolute (url_abs()). The documents are
 * templates/rss.tmpl and templates/atom.tmpl; their variables are in
 * docs/TEMPLATES.md.
 */
#include <string.h>

#include "folio.h"
#include "date.h"
#include "db.h"
#include "page.h"
#include "page_feed.h"
#include "post.h"
#include "req.h"
#include "site.h"
#include "tag.h"
#include "tmpl.h"
#include "url.h"
#include "visible.h"

#define FEED_COLS "id, slug, title, excerpt, published_at, author_id, " \
	"body_html, max(updated_at, published_at) "
#define NEWEST "ORDER BY published_at DESC, id DESC LIMIT ?2"

static const char sql_feed_all[] =
	"SELECT " FEED_COLS "FROM post WHERE " SQL_POST_VISIBLE("", "?1")
	" " NEWEST;
/* As on the category page: its subcategories' posts too. */
static const char sql_feed_category[] =
	"SELECT " FEED_COLS "FROM post WHERE " SQL_POST_VISIBLE("", "?1")
	" AND id IN (SELECT post_id FROM post_category "
	"WHERE category_id IN (WITH RECURSIVE sub(id) AS (VALUES (?3) "
	"UNION SELECT c.id FROM category c JOIN sub ON c.parent_id = sub.id) "
	"SELECT id FROM sub)) " NEWEST;
/* From post_tag, as on the tag page (page_list.c says why). */
static const char sql_feed_tag[] =
	"SELECT " FEED_COLS "FROM post_tag CROSS JOIN post ON id = post_id "
	"WHERE tag_id = ?3 AND " SQL_POST_VISIBLE("", "?1") " " NEWEST;
static const char sql_feed_author[] =
	"SELECT " FEED_COLS "FROM post WHERE " SQL_POST_VISIBLE("", "?1")
	" AND author_id = ?3 " NEWEST;
/* An empty feed still needs a stable date: the site's newest post. */
static const char sql_site_updated[] =
	"SELECT coalesce(max(max(updated_at, published_at)), 0) FROM post "
	"WHERE " SQL_POST_VISIBLE("", "?1") " ";

struct feed {
	enum feed_kind	 kind;
	const char	*title;		/* "Harbor Lantern", "... » News" */
	const char	*subtitle;	/* plain text; "" for the tagline */
	const char	*base;		/* its list: "/category/x/" */
	const char	*sql;
	int64_t		 arg;		/* ?3: the category or author */
};

char *
xml_clean(struct arena *a, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, o = 0, n, k;
	char			*out = arena_alloc(a, len + 1);
	unsigned int		 cp;

	while (i < len) {
		if (p[i] < 0x80) {
			if (p[i] >= 0x20 || p[i] == '\t' || p[i] == '\n' ||
			    p[i] == '\r')
				out[o++] = (char)p[i];
			i++;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0)
			n = 1;
		else if ((p[i] & 0xf0) == 0xe0)
			n = 2;
		else if ((p[i] & 0xf8) == 0xf0)
			n = 3;
		else {
			i++;	/* not a lead byte: drop it */
			continue;
		}
		if (i + n >= len || !utf8_valid(s + i, n + 1)) {
			i++;	/* cut short or malformed: drop the byte */
			continue;
		}
		cp = p[i] & (0x7f >> (n + 1));
		for (k = 1; k <= n; k++)
			cp = (cp << 6) | (p[i + k] & 0x3f);
		if (cp == 0xfffe || cp == 0xffff) {
			i += n + 1;
			continue;
		}
		memcpy(out + o, s + i, n + 1);
		o += n + 1;
		i += n + 1;
	}
	out[o] = '\0';
	return out;
}

char *
html_absolute(struct arena *a, const char *html, const char *origin)
{
	struct buf	 b = BUF_INIT;
	const char	*p = html, *hit, *h, *sv;
	size_t		 skip;
	char		*out;

	for (;;) {
		h = strstr(p, "href=\"/");
		sv = strstr(p, "src=\"/");
		hit = h == NULL || (sv != NULL && sv < h) ? sv : h;
		if (hit == NULL)
			break;
		skip = hit == h ? strlen("href=\"") : strlen("src=\"");
		buf_append(&b, p, (size_t)(hit - p) + skip);
		/* "//host/x" is already absolute (scheme-relative). */
		if (hit[skip + 1] != '/')
			buf_puts(&b, origin);
		p = hit + skip;
	}
	buf_puts(&b, p);
	out = arena_strdup(a, b.data != NULL ? b.data : "");
	buf_free(&b);
	return out;
}

static const char *
abs_url(struct req *r, const char *path)
{
	return url_abs(r->arena, r->origin, path);
}

static enum folio_err
feed_show(struct req *r, const struct feed *f)
{
	sqlite3_stmt		*st;
	struct tvars		*row;
	struct post_summary	 p;
	const struct author	*au;
	time_t			 newest = 0, upd;
	int			 step;

	if ((st = db_stmt(r->db, f->sql)) == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_int64(st, 1, (sqlite3_int64)r->now) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, r->site->posts_per_page) != SQLITE_OK ||
	    (sqlite3_bind_parameter_count(st) >= 3 &&
	    sqlite3_bind_int64(st, 3, f->arg) != SQLITE_OK)) {
		db_log(r->db, "feed bind");
		db_done(st);
		return FOLIO_ERR_DB;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		post_summary_read(r, st, &p);
		upd = (time_t)sqlite3_column_int64(st, 7);
		if (upd > newest)
			newest = upd;
		row = tvars_add_row(r->vars, "items");
		tvars_set(row, "title", xml_clean(r->arena, p.title));
		tvars_set(row, "link", abs_url(r, p.url));
		tvars_set(row, "pub_date", date_rfc822(r->arena,
		    p.published_at));
		tvars_set(row, "published", date_rfc3339(r->arena,
		    p.published_at));
		tvars_set(row, "updated", date_rfc3339(r->arena, upd));
		au = site_author(r->site, p.author_id);
		tvars_set(row, "author_name", xml_clean(r->arena,
		    au != NULL ? au->name : r->site->title));
		tvars_set(row, "excerpt", xml_clean(r->arena,
		    db_text(r->arena, st, 3)));
		tvars_set(row, "content", xml_clean(r->arena,
		    html_absolute(r->arena, db_text(r->arena, st, 6),
		    r->origin)));
		/* Tags go out as categories too, as WordPress's feeds do. */
		if (post_categories_vars(r, row, p.id, 0) != FOLIO_OK ||
		    tag_post_vars(r, row, p.id) != FOLIO_OK) {
			db_done(st);
			return FOLIO_ERR_DB;
		}
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "feed");
		return FOLIO_ERR_DB;
	}
	if (newest == 0) {
		if ((st = db_stmt(r->db, sql_site_updated)) == NULL)
			return FOLIO_ERR_DB;
		if (sqlite3_bind_int64(st, 1, (sqlite3_int64)r->now) !=
		    SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
			db_log(r->db, "feed date");
			db_done(st);
			return FOLIO_ERR_DB;
		}
		newest = (time_t)sqlite3_column_int64(st, 0);
		db_done(st);
	}

	tvars_set(r->vars, "feed_title", xml_clean(r->arena, f->title));
	tvars_set(r->vars, "feed_subtitle", xml_clean(r->arena,
	    f->subtitle[0] != '\0' ? f->subtitle :
	    r->site->tagline[0] != '\0' ? r->site->tagline : r->site->title));
	tvars_set(r->vars, "feed_author", xml_clean(r->arena,
	    r->site->title));
	tvars_set(r->vars, "feed_link", abs_url(r, f->base));
	tvars_set(r->vars, "feed_self", abs_url(r,
	    url_feed(r->arena, f->base, f->kind)));
	tvars_set(r->vars, "feed_updated", date_rfc3339(r->arena, newest));
	tvars_set(r->vars, "feed_build_date", date_rfc822(r->arena, newest));
	r->tmpl = f->kind == FEED_ATOM ? TMPL_ATOM : TMPL_RSS;
	return FOLIO_OK;
}

static enum folio_err
site_feed(struct req *r, enum feed_kind k)
{
	struct feed	 f = { k, NULL, "", "/", sql_feed_all, 0 };

	f.title = r->site->title;
	return feed_show(r, &f);
}

/* The feed of one category, tag or author: "Site » Name". */
static enum folio_err
term_feed(struct req *r, struct feed *f, const char *name,
    const char *description, const char *url, int64_t id)
{
	f->title = arena_printf(r->arena, "%s \xc2\xbb %s", r->site->title,
	    name);
	f->subtitle = description;
	f->base = url;
	f->arg = id;
	return feed_show(r, f);
}

static enum folio_err
category_feed(struct req *r, enum feed_kind k)
{
	struct feed		 f = { k, NULL, "", NULL, sql_feed_category,
				    0 };
	const struct category	*c;

	c = site_category_slug(r->site, r->segs[r->nsegs - 1]);
	if (c == NULL)
		return FOLIO_ERR_NOTFOUND;
	/* Only at the category's own path, as its page. */
	if (strcmp(url_category_segs(r->arena, r->segs, r->nsegs),
	    c->url) != 0)
		return FOLIO_ERR_NOTFOUND;
	return term_feed(r, &f, c->name, c->description, c->url, c->id);
}

static enum folio_err
tag_feed(struct req *r, enum feed_kind k)
{
	struct feed	 f = { k, NULL, "", NULL, sql_feed_tag, 0 };
	struct tag	 t;
	enum folio_err	 rc;

	if ((rc = tag_by_slug(r, r->segs[0], &t)) != FOLIO_OK)
		return rc;
	return term_feed(r, &f, t.name, t.description, t.url, t.id);
}

static enum folio_err
author_feed(struct req *r, enum feed_kind k)
{
	struct feed		 f = { k, NULL, "", NULL, sql_feed_author, 0 };
	const struct author	*a;

	if ((a = site_author_slug(r->site, r->segs[0])) == NULL)
		return FOLIO_ERR_NOTFOUND;
	return term_feed(r, &f, a->name, "", a->url, a->id);
}

enum folio_err
page_feed_rss(struct req *r)
{
	return site_feed(r, FEED_RSS);
}

enum folio_err
page_feed_atom(struct req *r)
{
	return site_feed(r, FEED_ATOM);
}

enum folio_err
page_category_rss(struct req *r)
{
	return category_feed(r, FEED_RSS);
}

enum folio_err
page_category_atom(struct req *r)
{
	return category_feed(r, FEED_ATOM);
}

enum folio_err
page_tag_rss(struct req *r)
{
	return tag_feed(r, FEED_RSS);
}

enum folio_err
page_tag_atom(struct req *r)
{
	return tag_feed(r, FEED_ATOM);
}

enum folio_err
page_author_rss(struct req *r)
{
	return author_feed(r, FEED_RSS);
}

enum folio_err
page_author_atom(struct req *r)
{
	return author_feed(r, FEED_ATOM);
}
