/*
 * demo.c -- the demo site: Brindlewood Community Partners, an invented
 * community-services nonprofit in the invented Tessaly River valley.
 * Every name, place, phone number and sentence is made up; numbers are
 * 555-01xx and addresses are at example.org.
 *
 * The content (settings, authors, categories, pages, menu, the
 * hand-written posts and the phrase pools) is in data/demo/, read by
 * demo_data.c before anything is written. Posts are put together from
 * the phrase pools by a small PRNG with a constant seed, so the same
 * files and (nposts, now) always give the same site, and 100000 posts
 * stay distinct and readable. Schema creation is left to the caller
 * (`folio init`).
 *
 * The rows are written with this file's own few INSERTs: the admin and
 * the importer each keep theirs beside their handlers, and there is no
 * shared writer of posts, pages, categories, users or menu items to call.
 * Posts, and only posts, go through staging tables (see SQL_STAGE_CREATE).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "folio.h"
#include "demo.h"
#include "db.h"
#include "demo_data.h"
#include "search.h"
#include "slug.h"

#ifndef FOLIO_DATADIR
#define FOLIO_DATADIR	"."
#endif

/* Where `folio demo` finds data/demo/: the checkout, or DATADIR. */
#define DEMO_DATADIR	FOLIO_DATADIR "/data/demo"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define DAY		86400
#define DEMO_SEED	0x466f6c696f446d6fULL	/* "FolioDmo" */
#define DEMO_MONTHS	118		/* months of posts, this one included */
#define DEMO_EXCERPT_MAX 300
#define DEMO_TITLE_TRIES 4		/* draws of a title before "-2" */
#define DEMO_BATCH	1000		/* posts staged per INSERT INTO post */
/* Room left in a generated slug for a "-N" suffix. */
#define DEMO_SLUG_CUT	(SLUG_MAX - 12)
/* Times demo_populate() accepts: gmtime_r() works for all it makes. */
#define DEMO_NOW_MAX	(INT64_C(1) << 50)

/* ------------------------------------------------------------------ */
/* The writer. */

#define SQL_SITE_UPDATE \
	"UPDATE site SET title = ?1, tagline = ?2, mission = ?3, " \
	"vision = ?4, contact_email = ?5, copyright_holder = ?6, " \
	"posts_per_page = ?7, timezone = ?8 WHERE id = 1"
#define SQL_FOOTER_INSERT \
	"INSERT INTO footer_link (position, label, url) VALUES (?1, ?2, ?3)"
#define SQL_USER_INSERT \
	"INSERT INTO user (slug, display_name, email, bio, created_at) " \
	"VALUES (?1, ?2, ?3, ?4, ?5)"
#define SQL_CATEGORY_INSERT \
	"INSERT INTO category (parent_id, slug, name, description) " \
	"VALUES (?1, ?2, ?3, ?4)"
#define SQL_PAGE_INSERT \
	"INSERT INTO page (parent_id, slug, title, body_html, excerpt, " \
	"status, position, author_id, published_at, updated_at, " \
	"body_text) " \
	"VALUES (?1, ?2, ?3, ?4, ?5, 'published', ?6, ?7, ?8, ?9, ?10)"
/*
 * Posts are staged in temporary tables and moved into post by one
 * statement per DEMO_BATCH posts. SQLite 3.40's FTS5 writes its pending
 * terms out at the start of every statement that can roll back alone,
 * so one INSERT per post made one tiny index segment per post, and the
 * search triggers cost three times the rest of the generation.
 */
#define SQL_STAGE_CREATE \
	"CREATE TEMP TABLE demo_post (id INTEGER PRIMARY KEY, " \
	"slug TEXT NOT NULL UNIQUE, title, body_html, excerpt, status, " \
	"author_id, published_at, updated_at, body_text);" \
	"CREATE TEMP TABLE demo_post_category (post_id, category_id);" \
	"CREATE TEMP TABLE demo_post_tag (post_id, tag_id)"
#define SQL_STAGE_DROP \
	"DROP TABLE IF EXISTS temp.demo_post;" \
	"DROP TABLE IF EXISTS temp.demo_post_category;" \
	"DROP TABLE IF EXISTS temp.demo_post_tag"
#define SQL_POST_INSERT \
	"INSERT INTO temp.demo_post (id, slug, title, body_html, excerpt, " \
	"status, author_id, published_at, updated_at, body_text) " \
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
#define SQL_POST_SLUG_TAKEN \
	"SELECT 1 FROM post WHERE slug = ?1 " \
	"UNION ALL SELECT 1 FROM temp.demo_post WHERE slug = ?1"
#define SQL_POST_CATEGORY_INSERT \
	"INSERT INTO temp.demo_post_category (post_id, category_id) " \
	"VALUES (?1, ?2)"
#define SQL_POST_TAG_INSERT \
	"INSERT INTO temp.demo_post_tag (post_id, tag_id) VALUES (?1, ?2)"
#define SQL_TAG_INSERT \
	"INSERT INTO tag (slug, name, description) VALUES (?1, ?2, ?3)"
#define SQL_POST_NEXT_ID \
	"SELECT coalesce(max(id), 0) + 1 FROM post"
#define SQL_POST_MOVE \
	"INSERT INTO post (id, slug, title, body_html, excerpt, status, " \
	"author_id, published_at, updated_at, body_text) " \
	"SELECT id, slug, title, body_html, excerpt, status, author_id, " \
	"published_at, updated_at, body_text FROM temp.demo_post ORDER BY id"
#define SQL_POST_CATEGORY_MOVE \
	"INSERT INTO post_category (post_id, category_id) " \
	"SELECT post_id, category_id FROM temp.demo_post_category"
#define SQL_POST_TAG_MOVE \
	"INSERT INTO post_tag (post_id, tag_id) " \
	"SELECT post_id, tag_id FROM temp.demo_post_tag"
#define SQL_STAGE_CLEAR \
	"DELETE FROM temp.demo_post"
#define SQL_STAGE_CATEGORY_CLEAR \
	"DELETE FROM temp.demo_post_category"
#define SQL_STAGE_TAG_CLEAR \
	"DELETE FROM temp.demo_post_tag"
#define SQL_NAV_INSERT \
	"INSERT INTO menu_item (menu, parent_id, position, label, target, " \
	"page_id, category_id, post_id, url) " \
	"VALUES ('primary', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"

enum demo_stmt {
	ST_SITE,
	ST_FOOTER,
	ST_USER,
	ST_CATEGORY,
	ST_PAGE,
	ST_POST,
	ST_SLUG,
	ST_POST_CATEGORY,
	ST_POST_TAG,
	ST_TAG,
	ST_NEXT_ID,
	ST_MOVE,
	ST_MOVE_CATEGORY,
	ST_MOVE_TAG,
	ST_CLEAR,
	ST_CLEAR_CATEGORY,
	ST_CLEAR_TAG,
	ST_NAV,
	ST__MAX
};

static const struct {
	const char	*name;		/* for the log, db_run's context */
	const char	*sql;
} demo_stmts[ST__MAX] = {
	[ST_SITE] =		{ "demo: site settings", SQL_SITE_UPDATE },
	[ST_FOOTER] =		{ "demo: footer link", SQL_FOOTER_INSERT },
	[ST_USER] =		{ "demo: user", SQL_USER_INSERT },
	[ST_CATEGORY] =		{ "demo: category", SQL_CATEGORY_INSERT },
	[ST_PAGE] =		{ "demo: page", SQL_PAGE_INSERT },
	[ST_POST] =		{ "demo: post", SQL_POST_INSERT },
	[ST_SLUG] =		{ "demo: post slug lookup",
				    SQL_POST_SLUG_TAKEN },
	[ST_POST_CATEGORY] =	{ "demo: post category",
				    SQL_POST_CATEGORY_INSERT },
	[ST_POST_TAG] =		{ "demo: post tag", SQL_POST_TAG_INSERT },
	[ST_TAG] =		{ "demo: tag", SQL_TAG_INSERT },
	[ST_NEXT_ID] =		{ "demo: next post id", SQL_POST_NEXT_ID },
	[ST_MOVE] =		{ "demo: posts", SQL_POST_MOVE },
	[ST_MOVE_CATEGORY] =	{ "demo: post categories",
				    SQL_POST_CATEGORY_MOVE },
	[ST_MOVE_TAG] =		{ "demo: post tags", SQL_POST_TAG_MOVE },
	[ST_CLEAR] =		{ "demo: staged posts", SQL_STAGE_CLEAR },
	[ST_CLEAR_CATEGORY] =	{ "demo: staged categories",
				    SQL_STAGE_CATEGORY_CLEAR },
	[ST_CLEAR_TAG] =	{ "demo: staged tags", SQL_STAGE_TAG_CLEAR },
	[ST_NAV] =		{ "demo: menu item", SQL_NAV_INSERT },
};

struct demo {
	sqlite3			*db;
	const struct demo_data	*data;
	int64_t			 now;
	uint64_t		 rng;		/* splitmix64 state */
	sqlite3_stmt		*st[ST__MAX];
	int64_t			*user_id;	/* row ids, by index in data */
	int64_t			*cat_id;
	int64_t			*page_id;
	int64_t			 fixed_id[FIX__MAX];	/* 0: not created */
	int64_t			*place_tag;
	int64_t			*partner_tag;
	int64_t			 next_id;	/* of the next post staged */
	int			 staged;	/* posts in temp.demo_post */
	struct arena		 scratch;	/* slug_from_title's */
	struct buf		 slug;
	struct buf		 title;
	struct buf		 body;		/* HTML */
	struct buf		 body_text;	/* body's text to index */
	struct buf		 excerpt;	/* plain text */
	struct buf		 text;		/* scratch, plain text */
};

/* What one generated post talks about; fixed before any text is made. */
struct demo_ctx {
	const struct demo_data	*data;		/* the pools */
	const struct demo_topic	*topic;
	const char		*thing;
	size_t			 place;		/* index in POOL_PLACES */
	const char		*group;
	const char		*hub;
	size_t			 partner;	/* index in POOL_PARTNERS */
	int64_t			 year;
	unsigned		 month;		/* 1-12 */
	int64_t			 event;		/* %D, a time on that day */
	unsigned		 small;		/* %N */
	unsigned		 count;		/* %K */
};

/* A month of history that posts may fall in: [start, end). */
struct demo_month {
	int64_t		 start;
	int64_t		 end;
	double		 cum;		/* cumulative weight up to here */
};

static uint64_t
demo_rand(struct demo *d)
{
	uint64_t	 z;

	z = (d->rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0; the modulo bias is irrelevant here. */
static uint64_t
demo_below(struct demo *d, uint64_t n)
{
	return demo_rand(d) % n;
}

/* Uniform in [0, 1). */
static double
demo_unit(struct demo *d)
{
	return (double)(demo_rand(d) >> 11) * (1.0 / 9007199254740992.0);
}

static const char *
demo_pick(struct demo *d, const struct demo_list *l)
{
	return l->v[demo_below(d, l->n)];
}

/* t in UTC; demo_populate_from() checked "now", so gmtime_r works. */
static void
demo_gmtime(int64_t t, struct tm *tm)
{
	time_t	 tt = (time_t)t;

	if (gmtime_r(&tt, tm) == NULL)
		memset(tm, 0, sizeof(*tm));
}

/* The start of UTC day "day" (1-based, may run past the month's end) of
 * month "mon" (1-12) of year "year". */
static int64_t
demo_timegm(int64_t year, int mon, int day)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)(year - 1900);
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	return (int64_t)timegm(&tm);
}

/*
 * Step statement "which", whose parameters the caller has bound ("bound"
 * is false if any bind failed), expecting no row; then reset it for the
 * next use. On success stores the new rowid in "id" unless NULL.
 */
static enum folio_err
demo_run(struct demo *d, enum demo_stmt which, int bound, int64_t *id)
{
	sqlite3_stmt	*st = d->st[which];

	if (!bound) {
		log_err("%s: binding: %s", demo_stmts[which].name,
		    sqlite3_errmsg(d->db));
		db_done(st);
		return FOLIO_ERR_DB;
	}
	if (db_run(d->db, st, demo_stmts[which].name) != SQLITE_OK)
		return FOLIO_ERR_DB;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(d->db);
	return FOLIO_OK;
}

static enum folio_err
demo_site(struct demo *d)
{
	sqlite3_stmt	*st = d->st[ST_SITE];
	enum folio_err	 rc;
	size_t		 i;

	const struct demo_data	*dd = d->data;

	rc = demo_run(d, ST_SITE,
	    db_bind_text(st, 1, dd->title) &&
	    db_bind_text(st, 2, dd->tagline) &&
	    db_bind_text(st, 3, dd->mission) &&
	    db_bind_text(st, 4, dd->vision) &&
	    db_bind_text(st, 5, dd->contact_email) &&
	    db_bind_text(st, 6, dd->copyright_holder) &&
	    db_bind_int(st, 7, dd->posts_per_page) &&
	    db_bind_text(st, 8, dd->timezone), NULL);
	if (rc != FOLIO_OK)
		return rc;
	if (sqlite3_changes(d->db) != 1) {
		log_err("demo: the site settings row is missing");
		return FOLIO_ERR_DB;
	}

	st = d->st[ST_FOOTER];
	for (i = 0; i < dd->nfooter; i++) {
		rc = demo_run(d, ST_FOOTER,
		    db_bind_int(st, 1, (int64_t)i) &&
		    db_bind_text(st, 2, dd->footer[i].label) &&
		    db_bind_text(st, 3, dd->footer[i].url), NULL);
		if (rc != FOLIO_OK)
			return rc;
	}
	return FOLIO_OK;
}

static int64_t
demo_user_since(const struct demo *d, size_t user)
{
	return d->now - d->data->authors[user].days_ago * DAY;
}

static enum folio_err
demo_users(struct demo *d)
{
	sqlite3_stmt		 *st = d->st[ST_USER];
	const struct demo_author *a;
	enum folio_err		  rc;
	size_t			  i;

	for (i = 0; i < d->data->nauthors; i++) {
		a = &d->data->authors[i];
		rc = demo_run(d, ST_USER,
		    db_bind_text(st, 1, a->slug) &&
		    db_bind_text(st, 2, a->name) &&
		    db_bind_text(st, 3, a->email) &&
		    db_bind_text(st, 4, a->bio) &&
		    db_bind_int(st, 5, demo_user_since(d, i)),
		    &d->user_id[i]);
		if (rc != FOLIO_OK)
			return rc;
	}
	return FOLIO_OK;
}

static enum folio_err
demo_categories_add(struct demo *d)
{
	sqlite3_stmt			*st = d->st[ST_CATEGORY];
	const struct demo_category	*c;
	enum folio_err			 rc;
	size_t				 i;

	for (i = 0; i < d->data->ncats; i++) {
		c = &d->data->cats[i];
		rc = demo_run(d, ST_CATEGORY,
		    db_bind_id(st, 1,
			c->parent == DEMO_NONE ? 0 : d->cat_id[c->parent]) &&
		    db_bind_text(st, 2, c->slug) &&
		    db_bind_text(st, 3, c->name) &&
		    db_bind_text(st, 4, c->description), &d->cat_id[i]);
		if (rc != FOLIO_OK)
			return rc;
	}
	return FOLIO_OK;
}

/*
 * Published ten years ago, a few days apart, edited some time since; by
 * the first author, in the order of pages.txt, which is also the order
 * of siblings.
 */
static enum folio_err
demo_pages_add(struct demo *d)
{
	sqlite3_stmt			*st = d->st[ST_PAGE];
	const struct demo_text		*p, *pages = d->data->pages;
	enum folio_err			 rc;
	int64_t				 pub, upd, pos;
	size_t				 i, j;

	for (i = 0; i < d->data->npages; i++) {
		p = &pages[i];
		for (pos = 0, j = 0; j < i; j++)
			if (pages[j].parent == p->parent)
				pos++;
		pub = d->now - 3640 * (int64_t)DAY +
		    (int64_t)i * 2 * (int64_t)DAY + 15 * 3600;
		upd = pub + (int64_t)demo_below(d, 1500 * (uint64_t)DAY);
		if (upd > d->now)
			upd = d->now;
		buf_reset(&d->body);
		buf_puts(&d->body, "<p>");
		html_text(&d->body, p->excerpt, strlen(p->excerpt));
		buf_puts(&d->body, "</p>\n");
		buf_puts(&d->body, p->rest_html);
		buf_reset(&d->body_text);
		search_text(&d->body_text, d->body.data);
		rc = demo_run(d, ST_PAGE,
		    db_bind_id(st, 1,
			p->parent == DEMO_NONE ? 0 : d->page_id[p->parent]) &&
		    db_bind_text(st, 2, p->slug) &&
		    db_bind_text(st, 3, p->title) &&
		    db_bind_buf(st, 4, &d->body) &&
		    db_bind_text(st, 5, p->excerpt) &&
		    db_bind_int(st, 6, pos) &&
		    db_bind_int(st, 7, d->user_id[0]) &&
		    db_bind_int(st, 8, pub) &&
		    db_bind_int(st, 9, upd) &&
		    db_bind_buf(st, 10, &d->body_text), &d->page_id[i]);
		if (rc != FOLIO_OK)
			return rc;
	}
	return FOLIO_OK;
}

static enum folio_err
demo_menu_add(struct demo *d)
{
	sqlite3_stmt		*st = d->st[ST_NAV];
	const struct demo_nav	*n;
	static const char *const kinds[] = {
		[NAV_PAGE] = "page", [NAV_CATEGORY] = "category",
		[NAV_POST] = "post", [NAV_URL] = "url",
	};
	int64_t			 last[DEMO_NAV_DEPTH] = { 0 };
	int64_t			 page, cat, post, id;
	int			 pos[DEMO_NAV_DEPTH] = { 0 };
	enum folio_err		 rc;
	size_t			 i;

	for (i = 0; i < d->data->nmenu; i++) {
		n = &d->data->menu[i];
		page = n->kind == NAV_PAGE ? d->page_id[n->ref] : 0;
		cat = n->kind == NAV_CATEGORY ? d->cat_id[n->ref] : 0;
		post = n->kind == NAV_POST ? d->fixed_id[n->ref] : 0;
		if (n->kind == NAV_POST && post == 0)
			continue;	/* too few posts asked for */
		rc = demo_run(d, ST_NAV,
		    db_bind_id(st, 1, n->depth ? last[n->depth - 1] : 0) &&
		    db_bind_int(st, 2, pos[n->depth]) &&
		    db_bind_text(st, 3, n->label) &&
		    db_bind_text(st, 4, kinds[n->kind]) &&
		    db_bind_id(st, 5, page) &&
		    db_bind_id(st, 6, cat) &&
		    db_bind_id(st, 7, post) &&
		    db_bind_text(st, 8, n->kind == NAV_URL ? n->url : NULL),
		    &id);
		if (rc != FOLIO_OK)
			return rc;
		last[n->depth] = id;
		pos[n->depth]++;
		if (n->depth + 1 < DEMO_NAV_DEPTH)
			pos[n->depth + 1] = 0;
	}
	return FOLIO_OK;
}

/* ------------------------------------------------------------------ */
/* Post text. */

static void
demo_expand(struct buf *out, const char *pat, const struct demo_ctx *c)
{
	const struct demo_list	*pool = c->data->pool;
	const char		*p;
	struct tm		 tm;

	for (p = pat; *p != '\0'; p++) {
		if (*p != '%' || p[1] == '\0') {
			buf_putc(out, *p);
			continue;
		}
		switch (*++p) {
		case 'T':
			buf_puts(out, c->thing);
			break;
		case 'P':
			buf_puts(out, pool[POOL_PLACES].v[c->place]);
			break;
		case 'G':
			buf_puts(out, c->group);
			break;
		case 'H':
			buf_puts(out, c->hub);
			break;
		case 'A':
			buf_puts(out, pool[POOL_PARTNERS].v[c->partner]);
			break;
		case 'S':
			buf_puts(out, pool[POOL_SEASONS].v[c->month - 1]);
			break;
		case 'M':
			buf_puts(out, pool[POOL_MONTHS].v[c->month - 1]);
			break;
		case 'Y':
			buf_printf(out, "%lld", (long long)c->year);
			break;
		case 'D':
			demo_gmtime(c->event, &tm);
			buf_printf(out, "%s, %s %d",
			    pool[POOL_WEEKDAYS].v[tm.tm_wday],
			    pool[POOL_MONTHS].v[tm.tm_mon], tm.tm_mday);
			break;
		case 'N':
			buf_printf(out, "%u", c->small);
			break;
		case 'K':
			buf_printf(out, "%u", c->count);
			break;
		default:
			buf_putc(out, *p);
			break;
		}
	}
}

static void
demo_upcase(char *s)
{
	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 'a' + 'A');
}

/* Append one sentence from pattern "pat", starting with a capital. */
static void
demo_sentence(struct buf *out, const char *pat, const struct demo_ctx *c)
{
	size_t	 start = out->len;

	demo_expand(out, pat, c);
	if (out->len > start)
		demo_upcase(out->data + start);
}

static int
demo_small_word(const char *w, size_t len)
{
	static const char *const small[] = {
		"a", "an", "and", "as", "at", "but", "by", "for", "in", "of",
		"on", "or", "the", "to", "with",
	};
	size_t	 i;

	for (i = 0; i < NITEMS(small); i++)
		if (strlen(small[i]) == len && memcmp(small[i], w, len) == 0)
			return 1;
	return 0;
}

/* Capitalize each word of a title but the small ones inside it. */
static void
demo_title_case(struct buf *b)
{
	size_t	 i, j;

	for (i = 0; i < b->len; i = j) {
		while (i < b->len && b->data[i] == ' ')
			i++;
		for (j = i; j < b->len && b->data[j] != ' '; j++)
			continue;
		if (j == i)
			break;
		if (i == 0 || (i >= 2 && b->data[i - 2] == ':') ||
		    !demo_small_word(b->data + i, j - i))
			demo_upcase(b->data + i);
	}
}

/*
 * Make d->slug from d->title as the admin does (slug_from_title), then
 * cut it at a hyphen to leave room for a "-N" suffix.
 */
static void
demo_slugify(struct demo *d)
{
	buf_reset(&d->slug);
	buf_puts(&d->slug, slug_from_title(&d->scratch, d->title.data));
	arena_reset(&d->scratch);
	if (d->slug.len > DEMO_SLUG_CUT) {
		d->slug.len = DEMO_SLUG_CUT;
		while (d->slug.len > 1 && d->slug.data[d->slug.len] != '-')
			d->slug.len--;
		d->slug.data[d->slug.len] = '\0';
	}
}

/* Set *taken to whether a post has slug d->slug. */
static enum folio_err
demo_slug_taken(struct demo *d, int *taken)
{
	sqlite3_stmt	*st = d->st[ST_SLUG];

	if (!db_bind_buf(st, 1, &d->slug)) {
		log_err("%s: binding: %s", demo_stmts[ST_SLUG].name,
		    sqlite3_errmsg(d->db));
		db_done(st);
		return FOLIO_ERR_DB;
	}
	if ((*taken = db_exists(d->db, st, demo_stmts[ST_SLUG].name)) < 0)
		return FOLIO_ERR_DB;
	return FOLIO_OK;
}

/* Make d->slug unused by any post, adding "-2", "-3", ... if need be. */
static enum folio_err
demo_slug_unique(struct demo *d)
{
	enum folio_err	 rc;
	size_t		 base = d->slug.len;
	unsigned	 n = 2;
	int		 taken;

	while ((rc = demo_slug_taken(d, &taken)) == FOLIO_OK && taken) {
		d->slug.len = base;
		buf_printf(&d->slug, "-%u", n++);
	}
	return rc;
}

/* Cut plain text "src" to DEMO_EXCERPT_MAX bytes at a space, into out. */
static void
demo_excerpt(struct buf *out, const char *src, size_t len)
{
	size_t	 cut;

	buf_reset(out);
	if (len <= DEMO_EXCERPT_MAX) {
		buf_append(out, src, len);
		return;
	}
	cut = DEMO_EXCERPT_MAX - 3;
	while (cut > 0 && src[cut] != ' ')
		cut--;
	buf_append(out, src, cut);
	buf_puts(out, "...");
}

static void
demo_para(struct buf *body, const struct buf *text)
{
	buf_puts(body, "<p>");
	html_text(body, text->data, text->len);
	buf_puts(body, "</p>\n");
}

/* Choose k distinct indexes below n (k <= 3 < n) into idx. */
static void
demo_distinct(struct demo *d, size_t n, size_t *idx, size_t k)
{
	size_t	 i, j;

	for (i = 0; i < k; i++) {
		do {
			idx[i] = (size_t)demo_below(d, n);
			for (j = 0; j < i && idx[j] != idx[i]; j++)
				continue;
		} while (j < i);
	}
}

/* Fill d->body and d->excerpt for a post about c. */
static void
demo_compose(struct demo *d, const struct demo_ctx *c)
{
	const struct demo_list	*pool = d->data->pool;
	const struct demo_topic	*tp = c->topic;
	const char		*quote, *speaker;
	size_t			 det[3], first, i, start, n;

	demo_distinct(d, tp->details.n, det, 3);
	buf_reset(&d->body);

	/* The opening paragraph, which the excerpt comes from. */
	buf_reset(&d->text);
	demo_sentence(&d->text, demo_pick(d, &tp->openers), c);
	first = d->text.len;
	buf_putc(&d->text, ' ');
	demo_sentence(&d->text, tp->details.v[det[0]], c);
	if (d->text.len <= DEMO_EXCERPT_MAX)
		demo_excerpt(&d->excerpt, d->text.data, d->text.len);
	else
		demo_excerpt(&d->excerpt, d->text.data, first);
	demo_para(&d->body, &d->text);

	buf_reset(&d->text);
	demo_sentence(&d->text, tp->details.v[det[1]], c);
	buf_putc(&d->text, ' ');
	demo_sentence(&d->text, demo_pick(d, &pool[POOL_LOGISTICS]), c);
	buf_putc(&d->text, ' ');
	demo_sentence(&d->text, tp->details.v[det[2]], c);
	if (demo_below(d, 2)) {
		buf_putc(&d->text, ' ');
		demo_sentence(&d->text, demo_pick(d, &pool[POOL_GENERIC]), c);
	}
	demo_para(&d->body, &d->text);

	if (demo_below(d, 100) < 35) {
		buf_puts(&d->body, "<h2>");
		html_text(&d->body, tp->list_head, strlen(tp->list_head));
		buf_puts(&d->body, "</h2>\n<ul>\n");
		n = 3 + (size_t)demo_below(d, tp->items.n - 2);
		start = (size_t)demo_below(d, tp->items.n - n + 1);
		for (i = start; i < start + n; i++) {
			buf_puts(&d->body, "<li>");
			html_text(&d->body, tp->items.v[i],
			    strlen(tp->items.v[i]));
			buf_puts(&d->body, "</li>\n");
		}
		buf_puts(&d->body, "</ul>\n");
	}

	if (demo_below(d, 100) < 70) {
		/* Drawn in this order (once two arguments of one call). */
		speaker = demo_pick(d, &pool[POOL_SPEAKERS]);
		quote = demo_pick(d, &pool[POOL_QUOTES]);
		buf_reset(&d->text);
		buf_printf(&d->text, "\"%s,\" said %s.", quote, speaker);
		demo_para(&d->body, &d->text);
	}

	if (demo_below(d, 100) < 25) {
		buf_puts(&d->body, "<h2>");
		buf_puts(&d->body, demo_pick(d, &pool[POOL_HEADINGS]));
		buf_puts(&d->body, "</h2>\n");
	}
	buf_puts(&d->body, "<p>");
	buf_puts(&d->body, demo_pick(d, &pool[POOL_CLOSERS]));
	buf_puts(&d->body, "</p>\n");
}

/* Move the staged posts and their categories into post. */
static enum folio_err
demo_posts_move(struct demo *d)
{
	enum folio_err	 rc;

	if ((rc = demo_run(d, ST_MOVE, 1, NULL)) != FOLIO_OK ||
	    (rc = demo_run(d, ST_MOVE_CATEGORY, 1, NULL)) != FOLIO_OK ||
	    (rc = demo_run(d, ST_MOVE_TAG, 1, NULL)) != FOLIO_OK ||
	    (rc = demo_run(d, ST_CLEAR, 1, NULL)) != FOLIO_OK ||
	    (rc = demo_run(d, ST_CLEAR_CATEGORY, 1, NULL)) != FOLIO_OK ||
	    (rc = demo_run(d, ST_CLEAR_TAG, 1, NULL)) != FOLIO_OK)
		return rc;
	d->staged = 0;
	return FOLIO_OK;
}

/* The name a place goes by as a tag: "the East Ward" is "East Ward". */
static const char *
demo_place_name(const char *place)
{
	return strncmp(place, "the ", 4) == 0 ? place + 4 : place;
}

/* Stage tag "tag" for post "id" if its title or text names "name". */
static enum folio_err
demo_tag_if_named(struct demo *d, int64_t id, int64_t tag, const char *name)
{
	sqlite3_stmt	*st = d->st[ST_POST_TAG];

	if (strstr(d->title.data, name) == NULL &&
	    strstr(d->body_text.data, name) == NULL)
		return FOLIO_OK;
	return demo_run(d, ST_POST_TAG, db_bind_int(st, 1, id) &&
	    db_bind_int(st, 2, tag), NULL);
}

/*
 * Stage the post in d->slug (made unique here), d->title, d->body and
 * d->excerpt, with its categories (DEMO_NONE entries skipped) and, for a
 * generated post ("c"), tags for the place and partner its text names.
 */
static enum folio_err
demo_post_insert(struct demo *d, const char *status, int author,
    int64_t published, int64_t updated, const int *cats, size_t ncats,
    const struct demo_ctx *c, int64_t *idp)
{
	sqlite3_stmt	*st = d->st[ST_POST];
	enum folio_err	 rc;
	int64_t		 id;
	size_t		 i;

	if ((rc = demo_slug_unique(d)) != FOLIO_OK)
		return rc;
	/* Made here, so the index triggers need not strip tags in SQL. */
	buf_reset(&d->body_text);
	search_text(&d->body_text, d->body.data);
	id = d->next_id;
	rc = demo_run(d, ST_POST,
	    db_bind_int(st, 1, id) &&
	    db_bind_buf(st, 2, &d->slug) &&
	    db_bind_buf(st, 3, &d->title) &&
	    db_bind_buf(st, 4, &d->body) &&
	    db_bind_buf(st, 5, &d->excerpt) &&
	    db_bind_text(st, 6, status) &&
	    db_bind_int(st, 7, d->user_id[author]) &&
	    db_bind_int(st, 8, published) &&
	    db_bind_int(st, 9, updated) &&
	    db_bind_buf(st, 10, &d->body_text), NULL);
	if (rc != FOLIO_OK)
		return rc;
	d->next_id++;
	d->staged++;

	st = d->st[ST_POST_CATEGORY];
	for (i = 0; i < ncats; i++) {
		if (cats[i] == DEMO_NONE)
			continue;
		rc = demo_run(d, ST_POST_CATEGORY,
		    db_bind_int(st, 1, id) &&
		    db_bind_int(st, 2, d->cat_id[cats[i]]), NULL);
		if (rc != FOLIO_OK)
			return rc;
	}
	if (c != NULL && ((rc = demo_tag_if_named(d, id,
	    d->place_tag[c->place], demo_place_name(
	    d->data->pool[POOL_PLACES].v[c->place]))) != FOLIO_OK ||
	    (rc = demo_tag_if_named(d, id, d->partner_tag[c->partner],
	    d->data->pool[POOL_PARTNERS].v[c->partner])) != FOLIO_OK))
		return rc;
	if (idp != NULL)
		*idp = id;
	return d->staged < DEMO_BATCH ? FOLIO_OK : demo_posts_move(d);
}

static enum folio_err
demo_fixed_insert(struct demo *d, enum demo_fixed which, const char *status,
    int64_t published, int64_t updated)
{
	const struct demo_text	*f = &d->data->fixed[which];

	buf_reset(&d->title);
	buf_puts(&d->title, f->title);
	buf_reset(&d->slug);
	buf_puts(&d->slug, f->slug);
	buf_reset(&d->excerpt);
	buf_puts(&d->excerpt, f->excerpt);
	buf_reset(&d->body);
	buf_puts(&d->body, "<p>");
	html_text(&d->body, f->excerpt, strlen(f->excerpt));
	buf_puts(&d->body, "</p>\n");
	buf_puts(&d->body, f->rest_html);
	return demo_post_insert(d, status, f->author, published, updated,
	    f->cats, NITEMS(f->cats), NULL, &d->fixed_id[which]);
}

/* Edited never, within a few days, or months later; never after now. */
static int64_t
demo_updated(struct demo *d, int64_t published)
{
	uint64_t	 r = demo_below(d, 100);
	int64_t		 upd = published;

	if (r >= 90)
		upd += DAY + (int64_t)demo_below(d, 120 * (uint64_t)DAY);
	else if (r >= 60)
		upd += 600 + (int64_t)demo_below(d, 3 * (uint64_t)DAY);
	if (upd > d->now)
		upd = d->now > published ? d->now : published;
	return upd;
}

static int
demo_cmp_time(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Publication times for n posts, oldest first, over the DEMO_MONTHS
 * months up to now: more recent months are busier, some are busy, some
 * are empty, and there is one half-year gap, as on a real site. The
 * oldest post is in the oldest month. Times fall in New York office
 * hours. Returns an xmalloc'd array the caller frees.
 */
static int64_t *
demo_dates(struct demo *d, int n)
{
	struct demo_month	 mon[DEMO_MONTHS];
	struct tm		 tm;
	int64_t			*t, y, ny, day, sec;
	int			 m, nm;
	double			 w, total = 0, x;
	size_t			 k, lo, hi;
	uint64_t		 ndays;
	int			 i;

	demo_gmtime(d->now, &tm);
	y = (int64_t)tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	for (k = 0; k < DEMO_MONTHS; k++) {
		ny = m == 12 ? y + 1 : y;
		nm = m == 12 ? 1 : m + 1;
		mon[k].start = demo_timegm(y, m, 1);
		mon[k].end = k == 0 ? d->now + 1 : demo_timegm(ny, nm, 1);
		w = 0.3 + 0.7 * (double)(DEMO_MONTHS - 1 - k) /
		    (DEMO_MONTHS - 1);
		if (demo_below(d, 100) < 12)
			w *= 2.5;
		if (k > 0 && k < DEMO_MONTHS - 1 &&
		    ((k >= 64 && k < 70) || demo_below(d, 100) < 15))
			w = 0;
		total += w;
		mon[k].cum = total;
		if (--m == 0) {
			m = 12;
			y--;
		}
	}

	t = xcalloc((size_t)n, sizeof(*t));
	for (i = 0; i < n; i++) {
		if (i == 0)
			k = DEMO_MONTHS - 1;
		else {
			x = demo_unit(d) * total;
			for (lo = 0, hi = DEMO_MONTHS - 1; lo < hi; ) {
				k = lo + (hi - lo) / 2;
				if (mon[k].cum > x)
					hi = k;
				else
					lo = k + 1;
			}
			k = lo;
		}
		ndays = (uint64_t)(mon[k].end - mon[k].start + DAY - 1) / DAY;
		/* Drawn in this order (once two terms of one sum). */
		day = (int64_t)demo_below(d, ndays);
		sec = (int64_t)demo_below(d, 9 * 3600);
		t[i] = mon[k].start + day * DAY + 13 * 3600 + sec;
		if (t[i] >= mon[k].end)
			t[i] = mon[k].start + (int64_t)demo_below(d,
			    (uint64_t)(mon[k].end - mon[k].start));
	}
	qsort(t, (size_t)n, sizeof(*t), demo_cmp_time);
	return t;
}

/* The preferred author most of the time, if already on staff. */
static int
demo_author(struct demo *d, int preferred, int64_t when)
{
	size_t	 n = 0, i, k;

	if (demo_user_since(d, (size_t)preferred) <= when &&
	    demo_below(d, 100) < 55)
		return preferred;
	for (i = 0; i < d->data->nauthors; i++)
		if (demo_user_since(d, i) <= when)
			n++;
	/* Posts are never older than the first author. */
	if (n == 0)
		return 0;
	k = (size_t)demo_below(d, (uint64_t)n);
	for (i = 0; ; i++)
		if (demo_user_since(d, i) <= when && k-- == 0)
			return (int)i;
}

static const struct demo_topic *
demo_topic(struct demo *d, int generated)
{
	const struct demo_topic	*topics = d->data->topics;
	unsigned		 total = 0, x;
	size_t			 i;

	if ((size_t)generated < d->data->ncats)
		return &topics[generated];
	for (i = 0; i < d->data->ncats; i++)
		total += topics[i].weight;
	x = (unsigned)demo_below(d, total);
	for (i = 0; x >= topics[i].weight; i++)
		x -= topics[i].weight;
	return &topics[i];
}

static enum folio_err
demo_generated_insert(struct demo *d, int generated, int64_t when)
{
	const struct demo_list	*pool = d->data->pool;
	const struct demo_topic	*tp = demo_topic(d, generated);
	struct demo_ctx		 c;
	struct tm		 tm;
	int			 cats[3], author;
	size_t			 rel[2], nrel = 0, ncats, i;
	uint64_t		 r;
	enum folio_err		 rc;
	int			 tries, taken;

	c.data = d->data;
	c.topic = tp;
	demo_gmtime(when, &tm);
	c.year = (int64_t)tm.tm_year + 1900;
	c.month = (unsigned)tm.tm_mon + 1;
	c.event = demo_timegm(c.year, tm.tm_mon + 1,
	    tm.tm_mday + 2 + (int)demo_below(d, 28));
	/* A title already used is drawn again, a few times at most, so
	 * that even large sites rarely repeat one. */
	for (tries = 0; ; tries++) {
		c.thing = demo_pick(d, &tp->things);
		c.place = (size_t)demo_below(d, pool[POOL_PLACES].n);
		c.group = demo_pick(d, &pool[POOL_GROUPS]);
		c.hub = demo_pick(d, &pool[POOL_HUBS]);
		c.partner = (size_t)demo_below(d, pool[POOL_PARTNERS].n);
		c.small = 3 + (unsigned)demo_below(d, 5);
		c.count = 10 * (2 + (unsigned)demo_below(d, 39));
		buf_reset(&d->title);
		demo_expand(&d->title, demo_pick(d, &tp->titles), &c);
		demo_title_case(&d->title);
		demo_slugify(d);
		if (tries == DEMO_TITLE_TRIES - 1)
			break;
		if ((rc = demo_slug_taken(d, &taken)) != FOLIO_OK)
			return rc;
		if (!taken)
			break;
	}
	demo_compose(d, &c);

	/* One to three categories: the topic's, maybe related ones. */
	cats[0] = (int)(tp - d->data->topics);
	r = demo_below(d, 100);
	nrel = r < 50 ? 0 : r < 85 ? 1 : 2;
	demo_distinct(d, DEMO_RELATED, rel, nrel);
	for (ncats = 1, i = 0; i < nrel; i++)
		cats[ncats++] = tp->related[rel[i]];
	author = demo_author(d, tp->author, when);
	return demo_post_insert(d, "published", author, when,
	    demo_updated(d, when), cats, ncats, &c, NULL);
}

/* One tag: its slug from the name, as a post's from its title. */
static enum folio_err
demo_tag_add(struct demo *d, const char *name, const char *what,
    int64_t *id)
{
	sqlite3_stmt	*st = d->st[ST_TAG];

	buf_reset(&d->title);
	buf_puts(&d->title, name);
	demo_slugify(d);
	buf_reset(&d->text);
	buf_printf(&d->text, "Stories %s %s.", what, name);
	return demo_run(d, ST_TAG, db_bind_buf(st, 1, &d->slug) &&
	    db_bind_text(st, 2, name) && db_bind_buf(st, 3, &d->text), id);
}

/* Tags: the neighborhoods and the partners, which posts name. */
static enum folio_err
demo_tags_add(struct demo *d)
{
	enum folio_err	 rc;
	size_t		 i;

	const struct demo_list	*places = &d->data->pool[POOL_PLACES];
	const struct demo_list	*partners = &d->data->pool[POOL_PARTNERS];

	for (i = 0; i < places->n; i++)
		if ((rc = demo_tag_add(d, demo_place_name(places->v[i]),
		    "from", &d->place_tag[i])) != FOLIO_OK)
			return rc;
	for (i = 0; i < partners->n; i++)
		if ((rc = demo_tag_add(d, partners->v[i], "with",
		    &d->partner_tag[i])) != FOLIO_OK)
			return rc;
	return FOLIO_OK;
}

static enum folio_err
demo_posts_add(struct demo *d, int nposts)
{
	int64_t		*when;
	enum folio_err	 rc = FOLIO_OK;
	int		 i, generated = 0;

	/* Hidden ones first, so that they keep their documented slugs. */
	if ((rc = demo_fixed_insert(d, FIX_DRAFT_1, "draft",
	    d->now - 2 * DAY, d->now - DAY)) != FOLIO_OK ||
	    (rc = demo_fixed_insert(d, FIX_DRAFT_2, "draft",
	    d->now - 9 * DAY, d->now - 9 * DAY + 3600)) != FOLIO_OK ||
	    (rc = demo_fixed_insert(d, FIX_SCHEDULED, "published",
	    d->now + 7 * DAY, d->now + 7 * DAY)) != FOLIO_OK)
		return rc;

	when = demo_dates(d, nposts);
	for (i = 0; i < nposts && rc == FOLIO_OK; i++) {
		if (i == nposts - 1)
			rc = demo_fixed_insert(d, FIX_YEAR, "published",
			    when[i], demo_updated(d, when[i]));
		else if (i == nposts / 3)
			rc = demo_fixed_insert(d, FIX_FIRST_SHIFT, "published",
			    when[i], demo_updated(d, when[i]));
		else
			rc = demo_generated_insert(d, generated++, when[i]);
	}
	free(when);
	return rc == FOLIO_OK ? demo_posts_move(d) : rc;
}

enum folio_err
demo_populate(sqlite3 *db, int nposts, int64_t now)
{
	return demo_populate_from(db, DEMO_DATADIR, nposts, now);
}

enum folio_err
demo_populate_from(sqlite3 *db, const char *dir, int nposts, int64_t now)
{
	struct demo_data data;
	struct demo	*d;
	enum folio_err	 rc = FOLIO_ERR_DB;
	size_t		 i;

	if (nposts < 0 || nposts > DEMO_POSTS_MAX) {
		log_err("demo: %d posts asked for, not in 0..%d", nposts,
		    DEMO_POSTS_MAX);
		return FOLIO_ERR_INPUT;
	}
	if (now < -DEMO_NOW_MAX || now > DEMO_NOW_MAX) {
		log_err("demo: the time %lld is out of range", (long long)now);
		return FOLIO_ERR_INPUT;
	}
	/* Every file is read and checked before anything is written. */
	if ((rc = demo_data_load(&data, dir)) != FOLIO_OK)
		return rc;
	if ((rc = db_begin(db)) != FOLIO_OK) {
		demo_data_free(&data);
		return rc;
	}

	d = xcalloc(1, sizeof(*d));
	d->db = db;
	d->data = &data;
	d->now = now;
	d->rng = DEMO_SEED;
	d->user_id = xcalloc(data.nauthors, sizeof(*d->user_id));
	d->cat_id = xcalloc(data.ncats, sizeof(*d->cat_id));
	d->page_id = xcalloc(data.npages + 1, sizeof(*d->page_id));
	d->place_tag = xcalloc(data.pool[POOL_PLACES].n,
	    sizeof(*d->place_tag));
	d->partner_tag = xcalloc(data.pool[POOL_PARTNERS].n,
	    sizeof(*d->partner_tag));
	rc = FOLIO_ERR_DB;
	if (db_exec(db, SQL_STAGE_CREATE) != 0)
		goto out;
	for (i = 0; i < ST__MAX; i++)
		if (sqlite3_prepare_v2(db, demo_stmts[i].sql, -1, &d->st[i],
		    NULL) != SQLITE_OK) {
			log_err("%s: preparing: %s", demo_stmts[i].name,
			    sqlite3_errmsg(db));
			goto out;
		}
	if ((d->next_id = db_get_id(db, d->st[ST_NEXT_ID],
	    demo_stmts[ST_NEXT_ID].name)) <= 0)
		goto out;

	if ((rc = demo_site(d)) != FOLIO_OK ||
	    (rc = demo_users(d)) != FOLIO_OK ||
	    (rc = demo_categories_add(d)) != FOLIO_OK ||
	    (rc = demo_tags_add(d)) != FOLIO_OK ||
	    (rc = demo_pages_add(d)) != FOLIO_OK ||
	    (rc = demo_posts_add(d, nposts)) != FOLIO_OK ||
	    (rc = demo_menu_add(d)) != FOLIO_OK)
		goto out;
	for (i = 0; i < ST__MAX; i++) {
		sqlite3_finalize(d->st[i]);
		d->st[i] = NULL;
	}
	rc = db_exec(db, SQL_STAGE_DROP) == 0 ? db_commit(db) : FOLIO_ERR_DB;
out:
	for (i = 0; i < ST__MAX; i++)
		sqlite3_finalize(d->st[i]);
	if (rc != FOLIO_OK)
		db_rollback(db);
	/* Undone by the rollback, unless made outside the transaction;
	 * quietly, as there is usually nothing left to drop. */
	(void)sqlite3_exec(db, SQL_STAGE_DROP, NULL, NULL, NULL);
	arena_free(&d->scratch);
	buf_free(&d->slug);
	buf_free(&d->title);
	buf_free(&d->body);
	buf_free(&d->body_text);
	buf_free(&d->excerpt);
	buf_free(&d->text);
	free(d->user_id);
	free(d->cat_id);
	free(d->page_id);
	free(d->place_tag);
	free(d->partner_tag);
	free(d);
	demo_data_free(&data);
	return rc;
}
