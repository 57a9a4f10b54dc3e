/*
 * site.c -- the per-process cache of everything around a page's content.
 * One arena holds a whole build; a rebuild makes a new one and drops the
 * old, so nothing a request sees changes under it.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "config.h"
#include "db.h"
#include "date.h"
#include "site.h"
#include "url.h"
#include "visible.h"

static struct site	*cache;
static unsigned long	 builds;

static const char sql_settings[] =
	"SELECT title, tagline, mission, vision, contact_email, "
	"copyright_holder, posts_per_page, timezone, base_url "
	"FROM site WHERE id = 1";
static const char sql_footer[] =
	"SELECT label, url FROM footer_link ORDER BY position, id";
static const char sql_authors[] =
	"SELECT id, slug, display_name FROM user ORDER BY id";
static const char sql_categories[] =
	"SELECT id, coalesce(parent_id, 0), slug, name, description "
	"FROM category ORDER BY name COLLATE NOCASE, id";
/*
 * Lists need their lengths for pagination, and the sidebar its counts;
 * counting per request would scan a big category on every page view, so
 * everything is counted here, once per build, by queries that walk
 * indexes rather than join-and-group whole tables (at 100,000 posts the
 * difference is a rebuild of 0.2 s against 1 s).
 *
 * Category counts: each visible post's categories, post by post (the
 * post_public index order), so a post in a category and its parent is
 * counted once in the parent's total.
 */
static const char sql_post_categories[] =
	"SELECT pc.post_id, pc.category_id FROM post p "
	"JOIN post_category pc ON pc.post_id = p.id "
	"WHERE " SQL_POST_VISIBLE("p.", "?1") " "
	"ORDER BY p.published_at, p.id";
static const char sql_author_counts[] =
	"SELECT u.id, (SELECT count(*) FROM post p WHERE p.author_id = u.id "
	"AND " SQL_POST_VISIBLE("p.", "?1") ") FROM user u";
/* Months: one index range count per month, bounds in the site's zone. */
static const char sql_oldest[] =
	"SELECT min(published_at) FROM post "
	"WHERE " SQL_POST_VISIBLE("", "?1");
/* Visible (the time test last), within [?2, ?3). */
static const char sql_range_count[] =
	"SELECT count(*) FROM post WHERE " SQL_POST_PUBLISHED("") " "
	"AND published_at >= ?2 AND published_at < ?3 AND published_at <= ?1";
static const char sql_next_due[] =
	"SELECT min(published_at) FROM post "
	"WHERE " SQL_POST_SCHEDULED("", "?1");
static const char sql_published[] =
	"SELECT count(*) FROM post "
	"WHERE " SQL_POST_VISIBLE("", "?1");
static const char sql_menu[] =
	"WITH RECURSIVE " SQL_PAGE_VISIBLE " "
	"SELECT n.id, coalesce(n.parent_id, 0), n.label, n.target, n.url, "
	"pg.path, n.category_id, po.slug, po.published_at "
	"FROM menu_item n LEFT JOIN visible_page pg ON pg.id = n.page_id "
	"LEFT JOIN post po ON po.id = n.post_id "
	" AND " SQL_POST_VISIBLE("po.", "?1") " "
	"WHERE n.menu = 'primary' ORDER BY n.parent_id, n.position, n.id";

/* A menu row before the tree is built. */
struct menu_row {
	int64_t		 id, parent_id;
	const char	*label, *url;	/* url NULL: target not public */
};

static char *
col(struct site *s, sqlite3_stmt *st, int i)
{
	return db_text(&s->arena, st, i);
}

/* "https://example.org/" and "https://example.org" are one origin. */
static void
trim_slashes(char *url)
{
	size_t	 len = strlen(url);

	while (len > 0 && url[len - 1] == '/')
		url[--len] = '\0';
}

static int
load_settings(sqlite3 *db, struct site *s)
{
	const struct config *c = config_current();
	sqlite3_stmt	*st = db_stmt(db, sql_settings);
	int		 rc = -1;

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		s->title = col(s, st, 0);
		s->tagline = col(s, st, 1);
		s->mission = col(s, st, 2);
		s->vision = col(s, st, 3);
		s->contact_email = col(s, st, 4);
		s->copyright_holder = col(s, st, 5);
		s->posts_per_page = sqlite3_column_int(st, 6);
		s->stored_timezone = col(s, st, 7);
		s->stored_base_url = col(s, st, 8);
		trim_slashes((char *)s->stored_base_url);
		/* Set in folio.conf, they win over the settings page. */
		s->timezone = *c->value[CONF_TIMEZONE] != '\0' ?
		    arena_strdup(&s->arena, c->value[CONF_TIMEZONE]) :
		    s->stored_timezone;
		s->base_url = *c->value[CONF_BASE_URL] != '\0' ?
		    arena_strdup(&s->arena, c->value[CONF_BASE_URL]) :
		    s->stored_base_url;
		if (s->posts_per_page < 1)
			s->posts_per_page = 10;
		rc = 0;
	} else
		db_log(db, "site settings");
	db_done(st);
	return rc;
}

/*
 * Run a statement and hand each row to "row"; the arrays grow in the
 * site arena. Returns the row count or -1.
 */
static long
load_rows(sqlite3 *db, struct site *s, const char *sql, time_t now,
    void (*row)(struct site *, sqlite3_stmt *, void *, size_t), void **arr,
    size_t elsz)
{
	sqlite3_stmt	*st = db_stmt(db, sql);
	size_t		 n = 0, cap = 0;
	void		*a = NULL, *grown;
	int		 rc;

	if (st == NULL)
		return -1;
	if (sqlite3_bind_parameter_count(st) > 0 &&
	    sqlite3_bind_int64(st, 1, (sqlite3_int64)now) != SQLITE_OK) {
		db_log(db, "bind");
		db_done(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			grown = arena_alloc(&s->arena, cap * elsz);
			if (n)
				memcpy(grown, a, n * elsz);
			a = grown;
		}
		row(s, st, (char *)a + n * elsz, n);
		n++;
	}
	if (rc != SQLITE_DONE) {
		db_log(db, "site cache");
		db_done(st);
		return -1;
	}
	db_done(st);
	*arr = a;
	return (long)n;
}

static void
row_footer(struct site *s, sqlite3_stmt *st, void *p, size_t i)
{
	struct footer_link *f = p;

	(void)i;
	f->label = col(s, st, 0);
	f->url = col(s, st, 1);
}

static void
row_author(struct site *s, sqlite3_stmt *st, void *p, size_t i)
{
	struct author *a = p;

	(void)i;
	a->id = sqlite3_column_int64(st, 0);
	a->slug = col(s, st, 1);
	a->name = col(s, st, 2);
	a->url = url_author(&s->arena, a->slug);
	a->count = 0;
}

static void
row_category(struct site *s, sqlite3_stmt *st, void *p, size_t i)
{
	struct category *c = p;

	(void)i;
	c->id = sqlite3_column_int64(st, 0);
	c->parent_id = sqlite3_column_int64(st, 1);
	c->slug = col(s, st, 2);
	c->name = col(s, st, 3);
	c->description = col(s, st, 4);
	c->count = 0;
	c->total = 0;
	c->url = NULL;
}

static void
row_menu(struct site *s, sqlite3_stmt *st, void *p, size_t i)
{
	struct menu_row	*m = p;
	const char	*target = (const char *)sqlite3_column_text(st, 3);

	(void)i;
	m->id = sqlite3_column_int64(st, 0);
	m->parent_id = sqlite3_column_int64(st, 1);
	m->label = col(s, st, 2);
	m->url = NULL;
	if (target == NULL)
		return;
	if (strcmp(target, "url") == 0)
		m->url = col(s, st, 4);
	else if (strcmp(target, "page") == 0 &&
	    sqlite3_column_type(st, 5) != SQLITE_NULL)
		m->url = url_page(&s->arena,
		    (const char *)sqlite3_column_text(st, 5));
	else if (strcmp(target, "category") == 0) {
		const struct category *c =
		    site_category(s, sqlite3_column_int64(st, 6));

		if (c != NULL)
			m->url = c->url;
	} else if (strcmp(target, "post") == 0 &&
	    sqlite3_column_type(st, 7) != SQLITE_NULL)
		m->url = url_post(&s->arena,
		    (time_t)sqlite3_column_int64(st, 8),
		    (const char *)sqlite3_column_text(st, 7));
}

/* /category/a/b/: walk up the parents; a loop in the data stops at 8. */
static void
category_urls(struct site *s)
{
	size_t			 i, depth;
	const struct category	*chain[8], *c;
	char			*url;

	for (i = 0; i < s->ncats; i++) {
		depth = 0;
		for (c = &s->cats[i]; c != NULL && depth < 8;
		    c = c->parent_id ? site_category(s, c->parent_id) : NULL)
			chain[depth++] = c;
		url = url_category(&s->arena, "");
		while (depth > 0)
			url = url_child(&s->arena, url, chain[--depth]->slug);
		s->cats[i].url = url;
	}
}

/* Children of "parent" in row order, to MENU_DEPTH levels. */
static void
menu_build(struct site *s, const struct menu_row *rows, size_t nrows,
    int64_t parent, int depth, struct menu_item **out, size_t *nout)
{
	size_t	 i, n = 0;

	*out = NULL;
	*nout = 0;
	if (depth > MENU_DEPTH)
		return;
	for (i = 0; i < nrows; i++)
		if (rows[i].parent_id == parent && rows[i].url != NULL)
			n++;
	if (n == 0)
		return;
	*out = arena_calloc(&s->arena, n, sizeof(**out));
	for (i = 0; i < nrows; i++) {
		struct menu_item *m;

		if (rows[i].parent_id != parent || rows[i].url == NULL)
			continue;
		m = &(*out)[(*nout)++];
		m->label = rows[i].label;
		m->url = rows[i].url;
		menu_build(s, rows, nrows, rows[i].id, depth + 1,
		    &m->children, &m->nchildren);
	}
}

static int
load_scalar(sqlite3 *db, const char *sql, time_t now, long long *v)
{
	sqlite3_stmt	*st = db_stmt(db, sql);
	int		 rc = -1;

	if (st == NULL)
		return -1;
	if (sqlite3_bind_int64(st, 1, (sqlite3_int64)now) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		*v = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 0);
		rc = 0;
	} else
		db_log(db, sql);
	db_done(st);
	return rc;
}

static int
category_index(const struct site *s, int64_t id)
{
	size_t	 i;

	for (i = 0; i < s->ncats; i++)
		if (s->cats[i].id == id)
			return (int)i;
	return -1;
}

/*
 * Count visible posts per category: "count" its own, "total" with its
 * subcategories'. mark[] remembers which totals the current post has
 * already added to, so a post filed under a child and its parent is one.
 */
static int
count_categories(sqlite3 *db, struct site *s, time_t now)
{
	sqlite3_stmt	*st = db_stmt(db, sql_post_categories);
	int64_t		*mark, post = 0, id;
	int		 rc, i, depth;

	if (st == NULL)
		return -1;
	mark = arena_calloc(&s->arena, s->ncats ? s->ncats : 1,
	    sizeof(*mark));
	if (sqlite3_bind_int64(st, 1, (sqlite3_int64)now) != SQLITE_OK) {
		db_log(db, "bind");
		db_done(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		post = sqlite3_column_int64(st, 0);
		i = category_index(s, sqlite3_column_int64(st, 1));
		if (i < 0)
			continue;
		s->cats[i].count++;
		/* Up the parents; a loop in the data stops at 8. */
		for (depth = 0; i >= 0 && depth < 8; depth++) {
			if (mark[i] != post) {
				mark[i] = post;
				s->cats[i].total++;
			}
			id = s->cats[i].parent_id;
			i = id ? category_index(s, id) : -1;
		}
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_log(db, "category counts");
		return -1;
	}
	return 0;
}

static int
count_authors(sqlite3 *db, struct site *s, time_t now)
{
	sqlite3_stmt	*st = db_stmt(db, sql_author_counts);
	struct author	*a;
	int		 rc;

	if (st == NULL)
		return -1;
	if (sqlite3_bind_int64(st, 1, (sqlite3_int64)now) != SQLITE_OK) {
		db_log(db, "bind");
		db_done(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((a = (struct author *)site_author(s,
		    sqlite3_column_int64(st, 0))) != NULL)
			a->count = (long)sqlite3_column_int64(st, 1);
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_log(db, "author counts");
		return -1;
	}
	return 0;
}

/* Visible posts in [start, end), or -1. */
static long
count_range(sqlite3 *db, time_t now, time_t start, time_t end)
{
	sqlite3_stmt	*st = db_stmt(db, sql_range_count);
	long		 n = -1;

	if (st == NULL)
		return -1;
	if (sqlite3_bind_int64(st, 1, (sqlite3_int64)now) == SQLITE_OK &&
	    sqlite3_bind_int64(st, 2, (sqlite3_int64)start) == SQLITE_OK &&
	    sqlite3_bind_int64(st, 3, (sqlite3_int64)end) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	else
		db_log(db, "month count");
	db_done(st);
	return n;
}

/* The archive months, newest first, from this month back to the oldest. */
static int
count_months(sqlite3 *db, struct site *s, time_t now)
{
	long long	 oldest;
	int		 y, m, d, oy, om;
	size_t		 cap = 0;
	time_t		 start, end;
	long		 n;
	struct archive_month *grown;

	if (load_scalar(db, sql_oldest, now, &oldest) != 0)
		return -1;
	if (oldest < 0)
		return 0;
	date_local((time_t)oldest, &oy, &om, &d);
	date_local(now, &y, &m, &d);
	for (;; m--) {
		if (m == 0) {
			m = 12;
			y--;
		}
		if (y < oy || (y == oy && m < om))
			break;
		if (date_range(y, m, 0, &start, &end) != 0 ||
		    (n = count_range(db, now, start, end)) < 0)
			return -1;
		if (n == 0)
			continue;
		if (s->nmonths == cap) {
			cap = cap ? cap * 2 : 64;
			grown = arena_calloc(&s->arena, cap, sizeof(*grown));
			if (s->nmonths)
				memcpy(grown, s->months,
				    s->nmonths * sizeof(*grown));
			s->months = grown;
		}
		s->months[s->nmonths].year = y;
		s->months[s->nmonths].month = m;
		s->months[s->nmonths].count = n;
		s->nmonths++;
	}
	return 0;
}


static int
year_of(time_t t)
{
	int	 y, m, d;

	date_local(t, &y, &m, &d);
	return y;
}

static struct site *
site_build(sqlite3 *db, long long gen, time_t now)
{
	struct site	*s = xcalloc(1, sizeof(*s));
	struct menu_row	*rows = NULL;
	long		 n;
	long long	 v;
	time_t		 year_start, year_end;

	s->build = ++builds;
	s->generation = gen;
	if (load_settings(db, s) != 0)
		goto fail;
	if (date_set_zone(s->timezone) != 0) {
		log_warn("unknown time zone \"%s\", using UTC", s->timezone);
		if (date_set_zone("UTC") != 0)
			goto fail;
	}
	if ((n = load_rows(db, s, sql_footer, now, row_footer,
	    (void **)&s->footer, sizeof(*s->footer))) < 0)
		goto fail;
	s->nfooter = (size_t)n;
	if ((n = load_rows(db, s, sql_authors, now, row_author,
	    (void **)&s->authors, sizeof(*s->authors))) < 0)
		goto fail;
	s->nauthors = (size_t)n;
	if ((n = load_rows(db, s, sql_categories, now, row_category,
	    (void **)&s->cats, sizeof(*s->cats))) < 0)
		goto fail;
	s->ncats = (size_t)n;
	category_urls(s);
	if (count_categories(db, s, now) != 0 ||
	    count_authors(db, s, now) != 0 ||
	    count_months(db, s, now) != 0)
		goto fail;
	if ((n = load_rows(db, s, sql_menu, now, row_menu,
	    (void **)&rows, sizeof(*rows))) < 0)
		goto fail;
	menu_build(s, rows, (size_t)n, 0, 1, &s->menu, &s->nmenu);
	if (load_scalar(db, sql_published, now, &v) != 0)
		goto fail;
	s->published = (long)v;
	if (load_scalar(db, sql_next_due, now, &v) != 0)
		goto fail;
	s->valid_until = v < 0 ? (time_t)LLONG_MAX : (time_t)v;
	/* The footer shows the year: a new one is a change too. */
	if (date_range(year_of(now) + 1, 1, 1, &year_start, &year_end) == 0 &&
	    year_start < s->valid_until)
		s->valid_until = year_start;
	return s;
fail:
	arena_free(&s->arena);
	free(s);
	return NULL;
}

const struct site *
site_get(sqlite3 *db, time_t now)
{
	struct site	*s;
	long long	 gen;

	if ((gen = db_generation(db)) < 0)
		return NULL;
	if (cache != NULL && cache->generation == gen &&
	    now < cache->valid_until)
		return cache;
	/* Read the whole build from one snapshot. */
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		db_log(db, "begin");
		return NULL;
	}
	gen = db_generation(db);
	s = gen < 0 ? NULL : site_build(db, gen, now);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		db_log(db, "commit");
	if (s == NULL)
		return NULL;
	site_free();
	cache = s;
	return cache;
}

void
site_free(void)
{
	if (cache == NULL)
		return;
	arena_free(&cache->arena);
	free(cache);
	cache = NULL;
}

const struct category *
site_category(const struct site *s, int64_t id)
{
	size_t	 i;

	for (i = 0; i < s->ncats; i++)
		if (s->cats[i].id == id)
			return &s->cats[i];
	return NULL;
}

const struct category *
site_category_slug(const struct site *s, const char *slug)
{
	size_t	 i;

	for (i = 0; i < s->ncats; i++)
		if (strcmp(s->cats[i].slug, slug) == 0)
			return &s->cats[i];
	return NULL;
}

const struct author *
site_author(const struct site *s, int64_t id)
{
	size_t	 i;

	for (i = 0; i < s->nauthors; i++)
		if (s->authors[i].id == id)
			return &s->authors[i];
	return NULL;
}

long
site_posts_in(const struct site *s, int year, int month)
{
	size_t	 i;
	long	 n = 0;

	for (i = 0; i < s->nmonths; i++)
		if (s->months[i].year == year &&
		    (month == 0 || s->months[i].month == month))
			n += s->months[i].count;
	return n;
}

const struct author *
site_author_slug(const struct site *s, const char *slug)
{
	size_t	 i;

	for (i = 0; i < s->nauthors; i++)
		if (strcmp(s->authors[i].slug, slug) == 0)
			return &s->authors[i];
	return NULL;
}
