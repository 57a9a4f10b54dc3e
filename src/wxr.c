/*
 * wxr.c -- read a WordPress export with libxml2's streaming reader and
 * stage what it holds in temporary tables: one row per author, term and
 * item, titles and excerpts already plain text (bodies are cleaned when
 * written, once the attachments a [gallery] shows are all known). Memory is
 * bounded by the largest single field, never by the file. Turning the
 * staged rows into content is import.c's job; both run inside the one
 * transaction wxr_import() opens, so a failure anywhere writes nothing.
 */
#define _XOPEN_SOURCE	700	/* strptime */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlreader.h>

#include "folio.h"
#include "content.h"
#include "db.h"
#include "wxr.h"

#define WXR_FIELD_MAX	(64u * 1024 * 1024)	/* one field of one item */
#define WXR_DEPTH_MAX	64

static const char sql_staging[] =
	"CREATE TEMP TABLE wxr_author (login TEXT PRIMARY KEY, "
	" email TEXT NOT NULL, display_name TEXT NOT NULL);"
	"CREATE TEMP TABLE wxr_term (seq INTEGER PRIMARY KEY, "
	" taxonomy TEXT NOT NULL, term_id INTEGER NOT NULL, "
	" slug TEXT NOT NULL, parent TEXT NOT NULL, name TEXT NOT NULL, "
	" description TEXT NOT NULL);"
	"CREATE TEMP TABLE wxr_item (seq INTEGER PRIMARY KEY, "
	" wp_id INTEGER NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL, "
	" link TEXT NOT NULL, creator TEXT NOT NULL, body TEXT NOT NULL, "
	" excerpt TEXT NOT NULL, date INTEGER NOT NULL, "
	" modified INTEGER NOT NULL, status TEXT NOT NULL, "
	" name TEXT NOT NULL, parent INTEGER NOT NULL, "
	" menu_order INTEGER NOT NULL, password INTEGER NOT NULL, "
	" sticky INTEGER NOT NULL, attachment_url TEXT NOT NULL, "
	" mi_type TEXT NOT NULL, mi_object TEXT NOT NULL, "
	" mi_object_id INTEGER NOT NULL, mi_parent INTEGER NOT NULL, "
	" mi_url TEXT NOT NULL);"
	"CREATE TEMP TABLE wxr_item_term (seq INTEGER NOT NULL, "
	" domain TEXT NOT NULL, nicename TEXT NOT NULL, name TEXT NOT NULL);"
	"CREATE INDEX temp.wxr_item_term_seq ON wxr_item_term(seq);"
	"CREATE INDEX temp.wxr_item_type ON wxr_item(type, wp_id);"
	"CREATE INDEX temp.wxr_item_parent ON wxr_item(type, parent);";
static const char sql_staging_drop[] =
	"DROP TABLE IF EXISTS temp.wxr_author;"
	"DROP TABLE IF EXISTS temp.wxr_term;"
	"DROP TABLE IF EXISTS temp.wxr_item;"
	"DROP TABLE IF EXISTS temp.wxr_item_term;";
static const char sql_put_author[] =
	"INSERT OR IGNORE INTO wxr_author (login, email, display_name) "
	"VALUES (?1, ?2, ?3)";
static const char sql_put_term[] =
	"INSERT INTO wxr_term (taxonomy, term_id, slug, parent, name, "
	"description) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_put_item[] =
	"INSERT INTO wxr_item (seq, wp_id, type, title, link, creator, body, "
	"excerpt, date, modified, status, name, parent, menu_order, "
	"password, sticky, attachment_url, mi_type, mi_object, "
	"mi_object_id, mi_parent, mi_url) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	"?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
	"?20, ?21, ?22)";
static const char sql_put_item_term[] =
	"INSERT INTO wxr_item_term (seq, domain, nicename, name) "
	"VALUES (?1, ?2, ?3, ?4)";

enum ns {
	NS_NONE,	/* RSS's own elements */
	NS_WP,
	NS_EXCERPT,
	NS_CONTENT,
	NS_DC,
	NS_OTHER,
};

/* Where we are: the container an element's text belongs to. */
enum ctx {
	CTX_NONE,
	CTX_RSS,
	CTX_CHANNEL,
	CTX_AUTHOR,
	CTX_CATEGORY,
	CTX_TAG,
	CTX_TERM,
	CTX_ITEM,
	CTX_POSTMETA,
	CTX_COMMENT,
	CTX_SKIP,	/* inside something we do not read */
};

/* Fields of the record being read; which ones depends on the context. */
enum field {
	F_LOGIN, F_EMAIL, F_DISPLAY,			/* author */
	F_TERM_ID, F_SLUG, F_PARENT, F_NAME, F_DESC, F_TAXONOMY, /* terms */
	F_TITLE, F_LINK, F_GUID, F_PUBDATE, F_CREATOR, F_CONTENT,
	F_EXCERPT, F_POST_ID, F_DATE, F_DATE_GMT, F_MODIFIED_GMT,
	F_POST_NAME, F_STATUS, F_POST_PARENT, F_MENU_ORDER, F_TYPE,
	F_PASSWORD, F_STICKY, F_ATTACHMENT_URL,		/* items */
	F_META_KEY, F_META_VALUE,			/* postmeta */
	F_MI_TYPE, F_MI_OBJECT, F_MI_OBJECT_ID, F_MI_PARENT, F_MI_URL,
	F__MAX
};

struct wxr {
	sqlite3			*db;
	xmlTextReaderPtr	 rd;
	struct wxr_report	*rep;
	const char		*path;

	enum ctx		 ctx[WXR_DEPTH_MAX];
	int			 leaf;		/* depth of the open leaf; -1 */
	int			 seen_wp;	/* a wp: element was found */
	long			 seq;		/* items so far */

	struct buf		 text;		/* of the current leaf */
	struct buf		 f[F__MAX];
	struct buf		 cat_domain, cat_nicename;
	struct buf		 scratch;

	int			 failed;	/* an error is in rep->error */
	int			 db_failed;	/* ... and SQLite's (logged) */
	int			 xml_line;	/* of libxml2's first error */
	char			 xml_msg[256];
};

static void
fail(struct wxr *w, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[400];
	int	 line;

	if (w->failed)
		return;
	w->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	line = w->rd != NULL ? xmlTextReaderGetParserLineNumber(w->rd) : 0;
	snprintf(w->rep->error, sizeof(w->rep->error), "%s:%d: %s",
	    w->path, line, msg);
}

/* libxml2's errors: keep the first, with its line. */
static void
on_xml_error(void *arg, xmlErrorPtr e)
{
	struct wxr	*w = arg;
	size_t		 n;

	/* Warnings (a relative namespace URI...) do not refuse a file. */
	if (e == NULL || e->level < XML_ERR_ERROR || w->xml_msg[0] != '\0')
		return;
	w->xml_line = e->line;
	snprintf(w->xml_msg, sizeof(w->xml_msg), "%s",
	    e->message != NULL ? e->message : "XML error");
	n = strlen(w->xml_msg);
	while (n > 0 && (w->xml_msg[n - 1] == '\n' || w->xml_msg[n - 1] == ' '))
		w->xml_msg[--n] = '\0';
}

static int
prefix_is(const char *s, const char *prefix, const char **rest)
{
	size_t	 n = strlen(prefix);

	if (strncmp(s, prefix, n) != 0)
		return 0;
	*rest = s + n;
	return 1;
}

/*
 * The WXR namespaces: wp is http(s)://wordpress.org/export/1.N/, excerpt
 * the same with "excerpt/" after it.
 */
static enum ns
ns_of(const char *uri)
{
	const char	*r;

	if (uri == NULL || *uri == '\0')
		return NS_NONE;
	if (strcmp(uri, "http://purl.org/rss/1.0/modules/content/") == 0)
		return NS_CONTENT;
	if (strcmp(uri, "http://purl.org/dc/elements/1.1/") == 0)
		return NS_DC;
	if ((prefix_is(uri, "http://wordpress.org/export/1.", &r) ||
	    prefix_is(uri, "https://wordpress.org/export/1.", &r)) &&
	    *r >= '0' && *r <= '9') {
		while (*r >= '0' && *r <= '9')
			r++;
		if (strcmp(r, "/") == 0)
			return NS_WP;
		if (strcmp(r, "/excerpt/") == 0)
			return NS_EXCERPT;
	}
	return NS_OTHER;
}

static int
is(enum ns ns, const char *name, enum ns want_ns, const char *want)
{
	return ns == want_ns && strcmp(name, want) == 0;
}

/* The container an element opens, given the one it is in. */
static enum ctx
ctx_open(enum ctx in, enum ns ns, const char *name)
{
	switch (in) {
	case CTX_NONE:
		return is(ns, name, NS_NONE, "rss") ? CTX_RSS : CTX_SKIP;
	case CTX_RSS:
		return is(ns, name, NS_NONE, "channel") ? CTX_CHANNEL :
		    CTX_SKIP;
	case CTX_CHANNEL:
		if (is(ns, name, NS_WP, "author"))
			return CTX_AUTHOR;
		if (is(ns, name, NS_WP, "category"))
			return CTX_CATEGORY;
		if (is(ns, name, NS_WP, "tag"))
			return CTX_TAG;
		if (is(ns, name, NS_WP, "term"))
			return CTX_TERM;
		if (is(ns, name, NS_NONE, "item"))
			return CTX_ITEM;
		return CTX_NONE;	/* a leaf, or something we ignore */
	case CTX_ITEM:
		if (is(ns, name, NS_WP, "postmeta"))
			return CTX_POSTMETA;
		if (is(ns, name, NS_WP, "comment"))
			return CTX_COMMENT;
		return CTX_NONE;
	default:
		return CTX_NONE;
	}
}

struct leaf {
	enum ctx	 ctx;
	enum ns		 ns;
	const char	*name;
	enum field	 f;
};

static const struct leaf leaves[] = {
	{ CTX_AUTHOR,	NS_WP,	"author_login",		F_LOGIN },
	{ CTX_AUTHOR,	NS_WP,	"author_email",		F_EMAIL },
	{ CTX_AUTHOR,	NS_WP,	"author_display_name",	F_DISPLAY },
	{ CTX_CATEGORY,	NS_WP,	"term_id",		F_TERM_ID },
	{ CTX_CATEGORY,	NS_WP,	"category_nicename",	F_SLUG },
	{ CTX_CATEGORY,	NS_WP,	"category_parent",	F_PARENT },
	{ CTX_CATEGORY,	NS_WP,	"cat_name",		F_NAME },
	{ CTX_CATEGORY,	NS_WP,	"category_description",	F_DESC },
	{ CTX_TAG,	NS_WP,	"term_id",		F_TERM_ID },
	{ CTX_TAG,	NS_WP,	"tag_slug",		F_SLUG },
	{ CTX_TAG,	NS_WP,	"tag_name",		F_NAME },
	{ CTX_TAG,	NS_WP,	"tag_description",	F_DESC },
	{ CTX_TERM,	NS_WP,	"term_id",		F_TERM_ID },
	{ CTX_TERM,	NS_WP,	"term_taxonomy",	F_TAXONOMY },
	{ CTX_TERM,	NS_WP,	"term_slug",		F_SLUG },
	{ CTX_TERM,	NS_WP,	"term_parent",		F_PARENT },
	{ CTX_TERM,	NS_WP,	"term_name",		F_NAME },
	{ CTX_TERM,	NS_WP,	"term_description",	F_DESC },
	{ CTX_ITEM,	NS_NONE, "title",		F_TITLE },
	{ CTX_ITEM,	NS_NONE, "link",		F_LINK },
	{ CTX_ITEM,	NS_NONE, "guid",		F_GUID },
	{ CTX_ITEM,	NS_NONE, "pubDate",		F_PUBDATE },
	{ CTX_ITEM,	NS_DC,	"creator",		F_CREATOR },
	{ CTX_ITEM,	NS_CONTENT, "encoded",		F_CONTENT },
	{ CTX_ITEM,	NS_EXCERPT, "encoded",		F_EXCERPT },
	{ CTX_ITEM,	NS_WP,	"post_id",		F_POST_ID },
	{ CTX_ITEM,	NS_WP,	"post_date",		F_DATE },
	{ CTX_ITEM,	NS_WP,	"post_date_gmt",	F_DATE_GMT },
	{ CTX_ITEM,	NS_WP,	"post_modified_gmt",	F_MODIFIED_GMT },
	{ CTX_ITEM,	NS_WP,	"post_name",		F_POST_NAME },
	{ CTX_ITEM,	NS_WP,	"status",		F_STATUS },
	{ CTX_ITEM,	NS_WP,	"post_parent",		F_POST_PARENT },
	{ CTX_ITEM,	NS_WP,	"menu_order",		F_MENU_ORDER },
	{ CTX_ITEM,	NS_WP,	"post_type",		F_TYPE },
	{ CTX_ITEM,	NS_WP,	"post_password",	F_PASSWORD },
	{ CTX_ITEM,	NS_WP,	"is_sticky",		F_STICKY },
	{ CTX_ITEM,	NS_WP,	"attachment_url",	F_ATTACHMENT_URL },
	{ CTX_POSTMETA,	NS_WP,	"meta_key",		F_META_KEY },
	{ CTX_POSTMETA,	NS_WP,	"meta_value",		F_META_VALUE },
};

static void
fields_reset(struct wxr *w)
{
	size_t	 i;

	for (i = 0; i < F__MAX; i++) {
		buf_reset(&w->f[i]);
		buf_puts(&w->f[i], "");
	}
}

/* Trimmed copy of a field, for ids, slugs and names. */
static const char *
trimmed(struct wxr *w, enum field f)
{
	struct buf	*b = &w->f[f];
	size_t		 s = 0, e = b->len;

	while (s < e && (unsigned char)b->data[s] <= ' ')
		s++;
	while (e > s && (unsigned char)b->data[e - 1] <= ' ')
		e--;
	memmove(b->data, b->data + s, e - s);
	b->len = e - s;
	b->data[b->len] = '\0';
	return b->data;
}

static long long
num(struct wxr *w, enum field f)
{
	const char	*s = trimmed(w, f);
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0)
		return 0;
	return v;
}

/* "2023-01-16 07:08:31", UTC; -1 for the zero date or anything else. */
static long long
wp_date(const char *s)
{
	struct tm	 tm;
	char		*end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%d %H:%M:%S", &tm);
	if (end == NULL || *end != '\0' || tm.tm_year + 1900 < 1970)
		return -1;
	return (long long)timegm(&tm);
}

/* RSS's "Mon, 16 Jan 2023 07:08:31 +0000"; -1 if it is not that. */
static long long
rss_date(const char *s)
{
	struct tm	 tm;
	char		*end;
	int		 off = 0, sign = 1;

	memset(&tm, 0, sizeof(tm));
	if ((end = strptime(s, "%a, %d %b %Y %H:%M:%S", &tm)) == NULL)
		return -1;
	while (*end == ' ')
		end++;
	if ((*end == '+' || *end == '-') && strlen(end) == 5) {
		sign = *end == '-' ? -1 : 1;
		off = ((end[1] - '0') * 10 + (end[2] - '0')) * 3600 +
		    ((end[3] - '0') * 10 + (end[4] - '0')) * 60;
	}
	if (tm.tm_year + 1900 < 1970)
		return -1;
	return (long long)timegm(&tm) - sign * off;
}

/*
 * Step a bound insert to its end ("bound": every bind succeeded); -1
 * (logged, and the import marked failed) otherwise.
 */
static int
run(struct wxr *w, sqlite3_stmt *st, int bound, const char *what)
{
	if (!bound) {
		db_log(w->db, what);
		db_done(st);
	} else if (db_run(w->db, st, what) == SQLITE_OK)
		return 0;
	w->db_failed = 1;
	fail(w, "database error while staging %s", what);
	return -1;
}

/* A field's HTML as plain text, in place (WordPress stores "&amp;"). */
static const char *
plain(struct wxr *w, enum field f)
{
	buf_reset(&w->scratch);
	sanitize_text(&w->scratch, w->f[f].data ? w->f[f].data : "",
	    w->f[f].len);
	buf_reset(&w->f[f]);
	buf_append(&w->f[f], w->scratch.data ? w->scratch.data : "",
	    w->scratch.len);
	return w->f[f].data;
}

static int
stage_author(struct wxr *w)
{
	sqlite3_stmt	*st;
	const char	*login = trimmed(w, F_LOGIN);

	if (*login == '\0')
		return 0;	/* nothing to know it by */
	if ((st = db_stmt(w->db, sql_put_author)) == NULL)
		return -1;
	return run(w, st, db_bind_text(st, 1, login) &
	    db_bind_text(st, 2, trimmed(w, F_EMAIL)) &
	    db_bind_text(st, 3, plain(w, F_DISPLAY)), "author");
}

static int
stage_term(struct wxr *w, const char *taxonomy)
{
	sqlite3_stmt	*st;

	if (taxonomy == NULL)
		taxonomy = trimmed(w, F_TAXONOMY);
	if ((st = db_stmt(w->db, sql_put_term)) == NULL)
		return -1;
	return run(w, st, db_bind_text(st, 1, taxonomy) &
	    db_bind_int(st, 2, num(w, F_TERM_ID)) &
	    db_bind_text(st, 3, trimmed(w, F_SLUG)) &
	    db_bind_text(st, 4, trimmed(w, F_PARENT)) &
	    db_bind_text(st, 5, plain(w, F_NAME)) &
	    db_bind_text(st, 6, plain(w, F_DESC)), "term");
}

static int
stage_item_term(struct wxr *w)
{
	sqlite3_stmt	*st;
	const char	*name;

	buf_reset(&w->scratch);
	sanitize_text(&w->scratch, w->text.data ? w->text.data : "",
	    w->text.len);
	name = w->scratch.data ? w->scratch.data : "";
	if ((st = db_stmt(w->db, sql_put_item_term)) == NULL)
		return -1;
	return run(w, st,
	    db_bind_int(st, 1, w->seq) &
	    db_bind_buf(st, 2, &w->cat_domain) &
	    db_bind_buf(st, 3, &w->cat_nicename) &
	    db_bind_text(st, 4, name), "item category");
}

/* A wp:postmeta pair: only the menu item's own keys matter. */
static void
take_meta(struct wxr *w)
{
	static const struct { const char *key; enum field f; } keys[] = {
		{ "_menu_item_type",		F_MI_TYPE },
		{ "_menu_item_object",		F_MI_OBJECT },
		{ "_menu_item_object_id",	F_MI_OBJECT_ID },
		{ "_menu_item_menu_item_parent", F_MI_PARENT },
		{ "_menu_item_url",		F_MI_URL },
	};
	const char	*key = trimmed(w, F_META_KEY);
	size_t		 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i].key) == 0) {
			buf_reset(&w->f[keys[i].f]);
			buf_append(&w->f[keys[i].f], w->f[F_META_VALUE].data,
			    w->f[F_META_VALUE].len);
		}
	buf_reset(&w->f[F_META_KEY]);
	buf_reset(&w->f[F_META_VALUE]);
}

static int
stage_item(struct wxr *w)
{
	sqlite3_stmt	*st;
	long long	 date, modified;
	const char	*link;

	/* The publish date from the GMT field; else local; else RSS's. */
	if ((date = wp_date(trimmed(w, F_DATE_GMT))) < 0 &&
	    (date = wp_date(trimmed(w, F_DATE))) < 0 &&
	    (date = rss_date(trimmed(w, F_PUBDATE))) < 0)
		date = (long long)time(NULL);
	if ((modified = wp_date(trimmed(w, F_MODIFIED_GMT))) < date)
		modified = date;
	link = trimmed(w, F_LINK);
	if (*link == '\0')
		link = trimmed(w, F_GUID);

	buf_reset(&w->scratch);
	sanitize_text(&w->scratch, w->f[F_TITLE].data, w->f[F_TITLE].len);
	/* The excerpt is plain text here; reuse the title's leftover. */
	buf_reset(&w->text);
	sanitize_text(&w->text, w->f[F_EXCERPT].data, w->f[F_EXCERPT].len);

	if ((st = db_stmt(w->db, sql_put_item)) == NULL)
		return -1;
	return run(w, st,
	    db_bind_int(st, 1, w->seq) &
	    db_bind_int(st, 2, num(w, F_POST_ID)) &
	    db_bind_text(st, 3, trimmed(w, F_TYPE)) &
	    db_bind_buf(st, 4, &w->scratch) &
	    db_bind_text(st, 5, link) &
	    db_bind_text(st, 6, trimmed(w, F_CREATOR)) &
	    db_bind_buf(st, 7, &w->f[F_CONTENT]) &
	    db_bind_buf(st, 8, &w->text) &
	    db_bind_int(st, 9, date) &
	    db_bind_int(st, 10, modified) &
	    db_bind_text(st, 11, trimmed(w, F_STATUS)) &
	    db_bind_text(st, 12, trimmed(w, F_POST_NAME)) &
	    db_bind_int(st, 13, num(w, F_POST_PARENT)) &
	    db_bind_int(st, 14, num(w, F_MENU_ORDER)) &
	    db_bind_int(st, 15, *trimmed(w, F_PASSWORD) != '\0') &
	    db_bind_int(st, 16, num(w, F_STICKY) != 0) &
	    db_bind_text(st, 17, trimmed(w, F_ATTACHMENT_URL)) &
	    db_bind_text(st, 18, trimmed(w, F_MI_TYPE)) &
	    db_bind_text(st, 19, trimmed(w, F_MI_OBJECT)) &
	    db_bind_int(st, 20, num(w, F_MI_OBJECT_ID)) &
	    db_bind_int(st, 21, num(w, F_MI_PARENT)) &
	    db_bind_text(st, 22, trimmed(w, F_MI_URL)), "item");
}

static void
channel_leaf(struct wxr *w, enum ns ns, const char *name)
{
	const char	*v = w->text.data ? w->text.data : "";
	struct wxr_report *r = w->rep;

	if (is(ns, name, NS_WP, "wxr_version"))
		snprintf(r->version, sizeof(r->version), "%s", v);
	else if (is(ns, name, NS_WP, "base_blog_url") ||
	    (is(ns, name, NS_NONE, "link") && r->source[0] == '\0'))
		snprintf(r->source, sizeof(r->source), "%s", v);
	else if (is(ns, name, NS_NONE, "title") ||
	    is(ns, name, NS_NONE, "description")) {
		buf_reset(&w->scratch);
		sanitize_text(&w->scratch, v, strlen(v));
		v = w->scratch.data ? w->scratch.data : "";
		if (strcmp(name, "title") == 0)
			snprintf(r->title, sizeof(r->title), "%s", v);
		else
			snprintf(r->tagline, sizeof(r->tagline), "%s", v);
	}
}

/* An element ended: its text goes where its container says. */
static int
leaf_end(struct wxr *w, enum ctx in, enum ns ns, const char *name)
{
	size_t	 i;

	if (in == CTX_CHANNEL) {
		channel_leaf(w, ns, name);
		return 0;
	}
	if (in == CTX_ITEM && is(ns, name, NS_NONE, "category"))
		return stage_item_term(w);
	for (i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++)
		if (leaves[i].ctx == in && leaves[i].ns == ns &&
		    strcmp(leaves[i].name, name) == 0) {
			buf_reset(&w->f[leaves[i].f]);
			buf_append(&w->f[leaves[i].f], w->text.data ?
			    w->text.data : "", w->text.len);
			break;
		}
	return 0;
}

/* A container ended. */
static int
container_end(struct wxr *w, enum ctx c)
{
	switch (c) {
	case CTX_AUTHOR:
		return stage_author(w);
	case CTX_CATEGORY:
		return stage_term(w, "category");
	case CTX_TAG:
		return stage_term(w, "post_tag");
	case CTX_TERM:
		return stage_term(w, NULL);
	case CTX_ITEM:
		return stage_item(w);
	case CTX_POSTMETA:
		take_meta(w);
		return 0;
	case CTX_COMMENT:
		w->rep->skipped_comments++;
		return 0;
	default:
		return 0;
	}
}

static int
element_start(struct wxr *w, int depth)
{
	const char	*name = (const char *)
			    xmlTextReaderConstLocalName(w->rd);
	enum ns		 ns = ns_of((const char *)
			    xmlTextReaderConstNamespaceUri(w->rd));
	enum ctx	 in = depth > 0 ? w->ctx[depth - 1] : CTX_NONE, c;
	xmlChar		*a;

	if (depth >= WXR_DEPTH_MAX) {
		fail(w, "elements nested deeper than %d", WXR_DEPTH_MAX);
		return -1;
	}
	if (ns == NS_WP || ns == NS_EXCERPT)
		w->seen_wp = 1;
	if (depth == 0 && !is(ns, name, NS_NONE, "rss")) {
		fail(w, "not a WordPress export: the root element is <%s>, "
		    "not <rss>", name);
		return -1;
	}
	/* Inside a leaf, markup counts only for its text; inside an
	 * ignored part nothing counts. */
	if (in == CTX_SKIP || (w->leaf >= 0 && depth > w->leaf))
		c = CTX_SKIP;
	else
		c = ctx_open(in, ns, name);
	w->ctx[depth] = c;
	if (c == CTX_NONE && depth >= 2) {
		w->leaf = depth;
		buf_reset(&w->text);
	}
	if (c == CTX_ITEM) {
		fields_reset(w);
		w->seq++;
	}
	if (c == CTX_AUTHOR || c == CTX_CATEGORY || c == CTX_TAG ||
	    c == CTX_TERM)
		fields_reset(w);
	if (in == CTX_ITEM && is(ns, name, NS_NONE, "category")) {
		buf_reset(&w->cat_domain);
		buf_reset(&w->cat_nicename);
		if ((a = xmlTextReaderGetAttribute(w->rd,
		    (const xmlChar *)"domain")) != NULL) {
			buf_puts(&w->cat_domain, (const char *)a);
			xmlFree(a);
		}
		if ((a = xmlTextReaderGetAttribute(w->rd,
		    (const xmlChar *)"nicename")) != NULL) {
			buf_puts(&w->cat_nicename, (const char *)a);
			xmlFree(a);
		}
	}
	return 0;
}

static int
element_end(struct wxr *w, int depth)
{
	const char	*name = (const char *)
			    xmlTextReaderConstLocalName(w->rd);
	enum ns		 ns = ns_of((const char *)
			    xmlTextReaderConstNamespaceUri(w->rd));
	enum ctx	 c = w->ctx[depth], in;

	in = depth > 0 ? w->ctx[depth - 1] : CTX_NONE;
	if (c == CTX_NONE && depth == w->leaf) {
		w->leaf = -1;
		return leaf_end(w, in, ns, name);
	}
	if (c == CTX_SKIP)
		return 0;
	return container_end(w, c);
}

static int
parse(struct wxr *w)
{
	int		 rc, type, depth, empty;
	const char	*v;

	while ((rc = xmlTextReaderRead(w->rd)) == 1) {
		type = xmlTextReaderNodeType(w->rd);
		depth = xmlTextReaderDepth(w->rd);
		if (depth < 0 || depth >= WXR_DEPTH_MAX) {
			fail(w, "elements nested deeper than %d",
			    WXR_DEPTH_MAX);
			return -1;
		}
		switch (type) {
		case XML_READER_TYPE_DOCUMENT_TYPE:
			/* WXR has none; a DTD only brings entity tricks. */
			fail(w, "a document type declaration is not allowed "
			    "in a WordPress export");
			return -1;
		case XML_READER_TYPE_ELEMENT:
			empty = xmlTextReaderIsEmptyElement(w->rd);
			if (element_start(w, depth) != 0)
				return -1;
			if (empty && element_end(w, depth) != 0)
				return -1;
			break;
		case XML_READER_TYPE_END_ELEMENT:
			if (element_end(w, depth) != 0)
				return -1;
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		case XML_READER_TYPE_WHITESPACE:
			if (w->leaf < 0 || depth <= w->leaf)
				break;	/* text between containers */
			v = (const char *)xmlTextReaderConstValue(w->rd);
			if (v == NULL)
				break;
			if (w->text.len + strlen(v) > WXR_FIELD_MAX) {
				fail(w, "a field is larger than %u bytes",
				    WXR_FIELD_MAX);
				return -1;
			}
			buf_puts(&w->text, v);
			break;
		default:
			break;
		}
		if (w->failed)
			return -1;
	}
	if (rc != 0 || w->xml_msg[0] != '\0') {
		if (w->xml_msg[0] != '\0')
			snprintf(w->rep->error, sizeof(w->rep->error),
			    "%s:%d: malformed XML: %s", w->path, w->xml_line,
			    w->xml_msg);
		else
			fail(w, "malformed XML");
		w->failed = 1;
		return -1;
	}
	if (!w->seen_wp) {
		fail(w, "not a WordPress export: no element in the "
		    "wordpress.org/export/ namespace");
		return -1;
	}
	if (w->rep->version[0] != '\0' && strncmp(w->rep->version, "1.", 2)
	    != 0) {
		fail(w, "WXR version %s is not supported (1.0 to 1.2 are)",
		    w->rep->version);
		return -1;
	}
	return 0;
}

enum folio_err
wxr_import(sqlite3 *db, const char *path, const struct wxr_options *opt,
    struct wxr_report *rep)
{
	struct wxr	 w;
	FILE		*f;
	enum folio_err	 rc = FOLIO_ERR_DB;
	size_t		 i;

	memset(rep, 0, sizeof(*rep));
	memset(&w, 0, sizeof(w));
	w.db = db;
	w.rep = rep;
	w.path = path;
	w.leaf = -1;

	/* Say "cannot read" plainly, before libxml2 says it its way. */
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(rep->error, sizeof(rep->error), "%s: %s", path,
		    strerror(errno));
		return FOLIO_ERR_IO;
	}
	fclose(f);
	/* No network, no DTD loading, no entity substitution. */
	w.rd = xmlReaderForFile(path, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOCDATA);
	if (w.rd == NULL) {
		snprintf(rep->error, sizeof(rep->error), "%s: cannot be read "
		    "as XML", path);
		return FOLIO_ERR_IO;
	}
	xmlTextReaderSetStructuredErrorHandler(w.rd, on_xml_error, &w);

	if (db_exec(db, "BEGIN IMMEDIATE") != 0)
		goto done;
	if (db_exec(db, sql_staging_drop) != 0 || db_exec(db, sql_staging) != 0)
		goto rollback;
	if (parse(&w) != 0) {
		rc = w.db_failed || !w.failed ? FOLIO_ERR_DB : FOLIO_ERR_INPUT;
		goto rollback;
	}
	if (rep->source[0] == '\0')
		snprintf(rep->source, sizeof(rep->source), "(unnamed site)");
	if ((rc = import_apply(db, opt, rep)) != FOLIO_OK)
		goto rollback;
	if (db_exec(db, sql_staging_drop) != 0 || db_exec(db, "COMMIT") != 0) {
		rc = FOLIO_ERR_DB;
		goto rollback;
	}
	rc = FOLIO_OK;
	goto done;
rollback:
	if (rc == FOLIO_OK)
		rc = FOLIO_ERR_DB;
	db_exec(db, "ROLLBACK");
done:
	xmlFreeTextReader(w.rd);
	for (i = 0; i < F__MAX; i++)
		buf_free(&w.f[i]);
	buf_free(&w.text);
	buf_free(&w.cat_domain);
	buf_free(&w.cat_nicename);
	buf_free(&w.scratch);
	return rc;
}

void
wxr_report_print(FILE *f, const struct wxr_report *r)
{
	fprintf(f, "imported WXR %s from %s\n",
	    r->version[0] ? r->version : "(no version)", r->source);
	if (r->site_named)
		fprintf(f, "  site title:  \"%s\" (Folio's was the default)\n",
		    r->title);
	fprintf(f, "  authors:     %ld new, %ld already there, %ld named "
	    "only on posts\n", r->users_new, r->users_existing,
	    r->users_undeclared);
	fprintf(f, "  categories:  %ld new, %ld already there, %ld used but "
	    "not declared\n", r->cats_new, r->cats_existing,
	    r->cats_undeclared);
	fprintf(f, "  tags:        %ld new, %ld already there, %ld used but "
	    "not declared\n", r->tags_new, r->tags_existing,
	    r->tags_undeclared);
	fprintf(f, "  posts:       %ld new\n", r->posts_new);
	fprintf(f, "  pages:       %ld new\n", r->pages_new);
	fprintf(f, "    of these:  %ld published, %ld scheduled, %ld drafts, "
	    "%ld pending, %ld private (%ld of them password-protected, "
	    "which Folio does not offer)\n", r->published, r->scheduled,
	    r->drafts, r->pending, r->private_, r->protected_);
	fprintf(f, "    %ld without a title, shown as \"(no title)\"; %ld "
	    "slugs changed to fit [a-z0-9-] or to be unique\n", r->untitled,
	    r->renamed);
	fprintf(f, "  attachments: %ld new (records of their URLs; the files "
	    "stay where they are)\n", r->attachments_new);
	fprintf(f, "  menu items:  %ld new%s%s%s\n", r->nav_new,
	    r->menus[0] ? " (menus: " : "", r->menus, r->menus[0] ? ")" : "");
	fprintf(f, "  redirects:   %ld new, from old URLs that differ\n",
	    r->redirects_new);
	if (r->already > 0)
		fprintf(f, "  unchanged:   %ld items imported before\n",
		    r->already);
	if (r->orphans > 0)
		fprintf(f, "  %ld items whose parent is not in the file were "
		    "put at the top level\n", r->orphans);
	fprintf(f, "skipped:\n");
	fprintf(f, "  comments:    %ld (comments are not imported yet)\n",
	    r->skipped_comments);
	fprintf(f, "  other types: %ld%s%s%s\n", r->skipped_types,
	    r->types[0] ? " (" : "", r->types, r->types[0] ? ")" : "");
	fprintf(f, "  by status:   %ld (auto-drafts and the like)\n",
	    r->skipped_status);
	fprintf(f, "  menu items:  %ld whose target was not imported, %ld "
	    "in no menu\n", r->skipped_nav, r->skipped_other_menu);
}
