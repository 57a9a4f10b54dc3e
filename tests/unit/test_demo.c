/*
 * test_demo.c -- demo_populate() on an in-memory database made from
 * ../../schema.sql (run from tests/unit), checked with SQL: the shape of
 * the site, the hidden posts, text and slug rules, determinism, rollback
 * on failure, malformed data files and a larger run.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "folio.h"
#include "demo.h"
#include "harness.h"

#define SCHEMA_PATH	"../../schema.sql"
#define DATA_PATH	"../../data/demo"
#define FIXED_NOW	1750000000LL	/* 2025-06-15 15:06:40 UTC */
#define NPOSTS		180
#define YEAR_SECS	(365LL * 86400)

/* Posts the public can see at FIXED_NOW, as the site will select them. */
#define VISIBLE	"status = 'published' AND published_at <= ?1"

static sqlite3	*demo_db;	/* NPOSTS posts at FIXED_NOW, shared */

static char *
slurp(const char *path)
{
	FILE	*f;
	char	*s;
	long	 len;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	s = xmalloc((size_t)len + 1);
	if (fread(s, 1, (size_t)len, f) != (size_t)len) {
		fclose(f);
		free(s);
		return NULL;
	}
	s[len] = '\0';
	fclose(f);
	return s;
}

/* A fresh database with the schema applied and foreign keys enforced. */
static sqlite3 *
db_new(void)
{
	sqlite3	*db = NULL;
	char	*schema, *err = NULL;

	if ((schema = slurp(SCHEMA_PATH)) == NULL) {
		fprintf(stderr, "cannot read %s (run from tests/unit)\n",
		    SCHEMA_PATH);
		return NULL;
	}
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, schema, NULL, NULL, &err) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL,
	    &err) != SQLITE_OK) {
		fprintf(stderr, "schema: %s\n", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		sqlite3_close(db);
		db = NULL;
	}
	free(schema);
	return db;
}

/* Run sql (its ?1, if any, bound to FIXED_NOW) and return the first
 * column of the first row as an integer; LLONG_MIN on error or no row. */
static long long
q_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st = NULL;
	long long	 v = LLONG_MIN;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    (sqlite3_bind_parameter_count(st) > 0 &&
	    sqlite3_bind_int64(st, 1, FIXED_NOW) != SQLITE_OK)) {
		fprintf(stderr, "q_int: %s\n  %s\n", sqlite3_errmsg(db), sql);
		goto out;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		fprintf(stderr, "q_int: no row: %s\n  %s\n",
		    sqlite3_errmsg(db), sql);
out:
	sqlite3_finalize(st);
	return v;
}

/* As q_int, for text; the result is malloc'd ("" for NULL). */
static char *
q_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt		*st = NULL;
	const unsigned char	*t;
	char			*v = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    (sqlite3_bind_parameter_count(st) > 0 &&
	    sqlite3_bind_int64(st, 1, FIXED_NOW) != SQLITE_OK)) {
		fprintf(stderr, "q_text: %s\n  %s\n", sqlite3_errmsg(db), sql);
		goto out;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		t = sqlite3_column_text(st, 0);
		v = xstrdup(t ? (const char *)t : "");
	}
out:
	sqlite3_finalize(st);
	return v;
}

/* How many rows sql yields. */
static long long
q_rows(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st = NULL;
	long long	 n = 0;
	int		 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n++;
	if (rc != SQLITE_DONE)
		n = -1;
	sqlite3_finalize(st);
	return n;
}

static size_t
count_str(const char *hay, const char *needle)
{
	size_t	 n = 0, len = strlen(needle);

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += len;
	}
	return n;
}

/* The slug a title should get, written independently of demo.c. */
static void
slug_of(const char *title, char *out, size_t sz)
{
	size_t	 n = 0;
	int	 gap = 0;
	char	 c;

	for (; *title != '\0' && n + 2 < sz; title++) {
		c = *title;
		if (c == '\'')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (gap && n > 0)
				out[n++] = '-';
			out[n++] = c;
			gap = 0;
		} else
			gap = 1;
	}
	out[n] = '\0';
}

/* Common checks on any populated database. */
static void
check_common(sqlite3 *db, long long nposts)
{
	char	*s;

	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post WHERE " VISIBLE),
	    nposts);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM category"), 12);
	CHECK_INT_EQ(q_rows(db, "PRAGMA foreign_key_check"), 0);
	s = q_text(db, "PRAGMA integrity_check");
	CHECK_STR_EQ(s, "ok");
	free(s);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post WHERE "
	    "slug GLOB '*[^a-z0-9-]*' OR slug = '' OR length(slug) > 200 "
	    "OR slug LIKE '-%' OR slug LIKE '%-' OR slug LIKE '%--%'"), 0);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) - count(DISTINCT slug) "
	    "FROM post"), 0);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post WHERE "
	    "excerpt = '' OR length(excerpt) > 300 OR excerpt LIKE '%<%' "
	    "OR title = '' OR body_html NOT LIKE '<p>%'"), 0);
	/* No pattern slot left unexpanded. */
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post WHERE "
	    "instr(title, '%') OR instr(excerpt, '%') OR "
	    "instr(body_html, '%')"), 0);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post "
	    "WHERE updated_at < published_at"), 0);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post "
	    "WHERE published_at <= ?1 AND updated_at > ?1"), 0);
	/* The one post dated after now is the scheduled one. */
	s = q_text(db, "SELECT group_concat(slug) FROM post "
	    "WHERE published_at > ?1");
	CHECK_STR_EQ(s, DEMO_SLUG_SCHEDULED);
	free(s);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post WHERE "
	    "status = 'published' AND published_at > ?1"), 1);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post WHERE "
	    "status = 'draft' AND slug IN ('" DEMO_SLUG_DRAFT_1 "', '"
	    DEMO_SLUG_DRAFT_2 "')"), 2);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post "
	    "WHERE status <> 'published'"), 2);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post p WHERE "
	    "(SELECT count(*) FROM post_category pc WHERE pc.post_id = p.id) "
	    "NOT BETWEEN 1 AND 3"), 0);
	/* Nobody writes before joining. */
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post JOIN user "
	    "ON user.id = post.author_id WHERE post.published_at < "
	    "user.created_at"), 0);
	CHECK(sqlite3_get_autocommit(db));
}

static void
test_demo_site(void)
{
	char	*s;

	s = q_text(demo_db, "SELECT title FROM site WHERE id = 1");
	CHECK(s != NULL && strlen(s) > 0 && strcmp(s, "Folio") != 0);
	free(s);
	s = q_text(demo_db, "SELECT timezone FROM site WHERE id = 1");
	CHECK_STR_EQ(s, "America/New_York");
	free(s);
	CHECK_INT_EQ(q_int(demo_db,
	    "SELECT posts_per_page FROM site WHERE id = 1"), 10);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM site WHERE "
	    "tagline <> '' AND mission <> '' AND vision <> '' AND "
	    "copyright_holder <> '' AND contact_email LIKE '%_@example.org'"),
	    1);
	CHECK(q_int(demo_db, "SELECT count(*) FROM footer_link") >= 3);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) - "
	    "count(DISTINCT position) FROM footer_link"), 0);
	/* Every footer link is the path of a published page. */
	CHECK_INT_EQ(q_int(demo_db,
	    "WITH RECURSIVE p(id, path) AS ("
	    " SELECT id, '/' || slug || '/' FROM page WHERE parent_id IS NULL"
	    " AND status = 'published' UNION ALL"
	    " SELECT page.id, p.path || page.slug || '/' FROM page"
	    " JOIN p ON page.parent_id = p.id WHERE page.status = 'published')"
	    " SELECT count(*) FROM footer_link f"
	    " WHERE NOT EXISTS (SELECT 1 FROM p WHERE p.path = f.url)"), 0);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM footer_link "
	    "WHERE url = '/privacy-policy/'"), 1);
}

static void
test_demo_users(void)
{
	CHECK(q_int(demo_db, "SELECT count(*) FROM user") >= 4);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM user WHERE "
	    "display_name = '' OR bio = '' OR email NOT LIKE '%_@example.org' "
	    "OR created_at >= ?1"), 0);
	CHECK(q_int(demo_db, "SELECT count(DISTINCT author_id) FROM post "
	    "WHERE " VISIBLE) >= 3);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM user "
	    "WHERE slug = 'corinne-valdez'"), 1);
}

static void
test_demo_categories(void)
{
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM category"), 12);
	CHECK(q_int(demo_db, "SELECT count(*) FROM category "
	    "WHERE parent_id IS NOT NULL") >= 3);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM category "
	    "WHERE description = '' OR name = ''"), 0);
	/* Every category has a post the public can see. */
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM category c "
	    "WHERE NOT EXISTS (SELECT 1 FROM post_category pc JOIN post p "
	    "ON p.id = pc.post_id WHERE pc.category_id = c.id AND p."
	    "status = 'published' AND p.published_at <= ?1)"), 0);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM category c "
	    "JOIN category parent ON c.parent_id = parent.id "
	    "WHERE c.slug = 'parenting-corner' "
	    "AND parent.slug = 'family-support'"), 1);
}

/* Tags name the neighborhoods and partners; a post has those it names. */
static void
test_demo_tags(void)
{
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM tag"), 32);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM tag "
	    "WHERE slug = 'east-ward' AND name = 'East Ward'"), 1);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM tag "
	    "WHERE slug = 'tinkers-crossing'"), 1);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM tag "
	    "WHERE description = ''"), 0);
	/* Each link: the post's title or text has the tag's name. */
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM post_tag pt "
	    "JOIN post p ON p.id = pt.post_id JOIN tag t ON t.id = pt.tag_id "
	    "WHERE instr(p.title || ' ' || p.body_text, t.name) = 0"), 0);
	/* Most posts have one, some two, none of the hidden ones. */
	CHECK(q_int(demo_db, "SELECT count(DISTINCT post_id) FROM post_tag")
	    * 2 >= q_int(demo_db, "SELECT count(*) FROM post"));
	CHECK(q_int(demo_db, "SELECT count(*) FROM (SELECT post_id "
	    "FROM post_tag GROUP BY post_id HAVING count(*) = 2)") > 0);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM post_tag pt "
	    "JOIN post p ON p.id = pt.post_id WHERE p.status <> 'published' "
	    "OR p.published_at > ?1"), 0);
	CHECK(q_int(demo_db, "SELECT count(DISTINCT tag_id) FROM post_tag")
	    >= 24);
}

#define PAGE_PATHS \
	"WITH RECURSIVE p(id, path, depth) AS (" \
	" SELECT id, slug, 1 FROM page WHERE parent_id IS NULL UNION ALL" \
	" SELECT page.id, p.path || '/' || page.slug, p.depth + 1" \
	" FROM page JOIN p ON page.parent_id = p.id) "

static void
test_demo_pages(void)
{
	static const char *const paths[] = {
		"about", "about/who-we-are", "about/who-we-are/our-mission",
		"programs/family-resource-center/early-learning",
		"programs/housing-help/rental-assistance",
		"get-involved/volunteer/youth-volunteers", "contact",
		"contact/housing-office", "privacy-policy", "accessibility",
	};
	char	 sql[512];
	size_t	 i;

	CHECK(q_int(demo_db, "SELECT count(*) FROM page") >= 20);
	CHECK_INT_EQ(q_int(demo_db, PAGE_PATHS
	    "SELECT max(depth) FROM p"), 3);
	CHECK(q_int(demo_db, PAGE_PATHS
	    "SELECT count(*) FROM p WHERE depth = 3") >= 5);
	/* Every page is reachable from a root. */
	CHECK_INT_EQ(q_int(demo_db, PAGE_PATHS "SELECT count(*) FROM p"),
	    q_int(demo_db, "SELECT count(*) FROM page"));
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		snprintf(sql, sizeof(sql), PAGE_PATHS
		    "SELECT count(*) FROM p WHERE path = '%s'", paths[i]);
		CHECK_INT_EQ(q_int(demo_db, sql), 1);
	}
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM page WHERE "
	    "status <> 'published' OR published_at > ?1 OR "
	    "updated_at < published_at OR updated_at > ?1 OR excerpt = '' "
	    "OR title = '' OR body_html NOT LIKE '<p>%</p>%'"), 0);
	/* Siblings are at positions 0..n-1. */
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM (SELECT count(*) n,"
	    " min(position) lo, max(position) hi,"
	    " count(DISTINCT position) d FROM page"
	    " GROUP BY coalesce(parent_id, 0))"
	    " WHERE lo <> 0 OR hi <> n - 1 OR d <> n"), 0);
}

#define NAV_DEPTHS \
	"WITH RECURSIVE n(id, depth) AS (" \
	" SELECT id, 1 FROM menu_item WHERE parent_id IS NULL" \
	" AND menu = 'primary' UNION ALL" \
	" SELECT menu_item.id, n.depth + 1 FROM menu_item" \
	" JOIN n ON menu_item.parent_id = n.id) "

static void
test_demo_menu(void)
{
	long long	 n, pages;

	n = q_int(demo_db, "SELECT count(*) FROM menu_item "
	    "WHERE menu = 'primary'");
	CHECK(n >= 40 && n <= 50);
	CHECK_INT_EQ(q_int(demo_db, NAV_DEPTHS "SELECT max(depth) FROM n"),
	    3);
	CHECK_INT_EQ(q_int(demo_db, NAV_DEPTHS "SELECT count(*) FROM n"), n);
	CHECK(q_int(demo_db, NAV_DEPTHS
	    "SELECT count(*) FROM n WHERE depth = 1") >= 4);
	CHECK(q_int(demo_db, NAV_DEPTHS
	    "SELECT count(*) FROM n WHERE depth = 3") >= 10);
	pages = q_int(demo_db, "SELECT count(*) FROM menu_item "
	    "WHERE target = 'page'");
	CHECK(pages * 2 > n);
	CHECK(q_int(demo_db, "SELECT count(*) FROM menu_item "
	    "WHERE target = 'category'") >= 5);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM menu_item "
	    "WHERE target = 'post'"), 2);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM menu_item "
	    "WHERE target = 'url' AND url LIKE 'https://%'"), 1);
	/* Targets are public. */
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM menu_item i "
	    "JOIN page ON page.id = i.page_id "
	    "WHERE page.status <> 'published'"), 0);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM menu_item i "
	    "JOIN post p ON p.id = i.post_id WHERE NOT (p." VISIBLE ")"), 0);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM (SELECT count(*) c,"
	    " min(position) lo, max(position) hi,"
	    " count(DISTINCT position) d FROM menu_item"
	    " GROUP BY menu, coalesce(parent_id, 0))"
	    " WHERE lo <> 0 OR hi <> c - 1 OR d <> c"), 0);
}

static void
test_demo_post_dates(void)
{
	long long	 span, months, filled, recent, old;

	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM post WHERE "
	    VISIBLE), NPOSTS);
	CHECK(q_int(demo_db, "SELECT count(DISTINCT strftime('%Y', "
	    "published_at, 'unixepoch')) FROM post WHERE " VISIBLE) >= 8);
	span = q_int(demo_db, "SELECT max(published_at) - min(published_at) "
	    "FROM post WHERE " VISIBLE);
	CHECK(span >= 8 * YEAR_SECS && span <= 11 * YEAR_SECS);
	/* Some months in the range have no post. */
	months = q_int(demo_db, "SELECT (strftime('%Y', max(published_at), "
	    "'unixepoch') * 12 + strftime('%m', max(published_at), "
	    "'unixepoch')) - (strftime('%Y', min(published_at), 'unixepoch') "
	    "* 12 + strftime('%m', min(published_at), 'unixepoch')) + 1 "
	    "FROM post WHERE " VISIBLE);
	filled = q_int(demo_db, "SELECT count(DISTINCT strftime('%Y-%m', "
	    "published_at, 'unixepoch')) FROM post WHERE " VISIBLE);
	CHECK(filled > 0 && filled < months);
	/* Busier lately than in the early years. */
	recent = q_int(demo_db, "SELECT count(*) FROM post WHERE " VISIBLE
	    " AND published_at > ?1 - 3 * 365 * 86400");
	old = q_int(demo_db, "SELECT count(*) FROM post WHERE " VISIBLE
	    " AND published_at < (SELECT min(published_at) FROM post) "
	    "+ 3 * 365 * 86400");
	CHECK(recent > old);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM post WHERE "
	    "slug = 'a-look-back-at-a-busy-year' AND published_at = "
	    "(SELECT max(published_at) FROM post WHERE " VISIBLE ")"), 1);
}

/* Row by row: slug from title, markup balanced, excerpt in the body. */
static void
check_post_rows(sqlite3 *db, long long nrows)
{
	sqlite3_stmt	*st = NULL;
	struct buf	 esc = BUF_INIT;
	const char	*slug, *title, *body, *excerpt;
	char		 want[256];
	size_t		 n = 0, lists = 0, heads = 0, wlen;
	int		 before, bad = 0;

	if (sqlite3_prepare_v2(db, "SELECT slug, title, body_html, "
	    "excerpt FROM post", -1, &st, NULL) != SQLITE_OK) {
		CHECK(!"prepare");
		return;
	}
	/* Stop at the first bad row rather than print thousands. */
	while (!bad && sqlite3_step(st) == SQLITE_ROW) {
		before = harness_check_failures;
		slug = (const char *)sqlite3_column_text(st, 0);
		title = (const char *)sqlite3_column_text(st, 1);
		body = (const char *)sqlite3_column_text(st, 2);
		excerpt = (const char *)sqlite3_column_text(st, 3);
		n++;
		/* The slug comes from the title, maybe with "-N" added. */
		slug_of(title, want, sizeof(want));
		wlen = strlen(want);
		CHECK(strncmp(slug, want, wlen) == 0 && (slug[wlen] == '\0' ||
		    (slug[wlen] == '-' && strspn(slug + wlen + 1,
		    "0123456789") == strlen(slug + wlen + 1))));
		CHECK((title[0] >= 'A' && title[0] <= 'Z') ||
		    (title[0] >= '0' && title[0] <= '9'));
		CHECK(count_str(body, "<p>") >= 2);
		CHECK_INT_EQ(count_str(body, "<p>"), count_str(body, "</p>"));
		CHECK_INT_EQ(count_str(body, "<ul>"), count_str(body, "</ul>"));
		CHECK_INT_EQ(count_str(body, "<li>"), count_str(body, "</li>"));
		CHECK_INT_EQ(count_str(body, "<h2>"), count_str(body, "</h2>"));
		lists += strstr(body, "<ul>") != NULL;
		heads += strstr(body, "<h2>") != NULL;
		/* The excerpt opens the first paragraph. */
		buf_reset(&esc);
		html_text(&esc, excerpt, strlen(excerpt));
		if (esc.len > 3 && strcmp(esc.data + esc.len - 3, "...") == 0)
			esc.len -= 3;
		CHECK(strncmp(body + 3, esc.data, esc.len) == 0);
		bad = harness_check_failures != before;
	}
	sqlite3_finalize(st);
	buf_free(&esc);
	if (!bad)
		CHECK_INT_EQ(n, nrows);
	/* Generated posts have a list about a third of the time. */
	CHECK(lists * 5 > n && lists < n);
	CHECK(heads * 5 > n && heads < n);
}

static void
test_demo_post_text(void)
{
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(DISTINCT title) FROM post"),
	    q_int(demo_db, "SELECT count(*) FROM post"));
	check_post_rows(demo_db, NPOSTS + 3);
	/* The generator stores the text to index, as the view makes it. */
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM post WHERE "
	    "body_text IS NOT (SELECT body FROM post_text t "
	    "WHERE t.id = post.id)"), 0);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM page WHERE "
	    "body_text IS NOT (SELECT body FROM page_text t "
	    "WHERE t.id = page.id)"), 0);
	CHECK(q_int(demo_db, "SELECT count(*) FROM page_fts") > 0);
	CHECK(q_int(demo_db, "SELECT count(*) FROM post WHERE "
	    "length(body_html) - length(replace(body_html, '<p>', '')) "
	    ">= 3 * 3") * 2 > NPOSTS);
}

static void
test_demo_hidden_and_common(void)
{
	check_common(demo_db, NPOSTS);
	CHECK_INT_EQ(q_int(demo_db, "SELECT count(*) FROM post WHERE slug = '"
	    DEMO_SLUG_SCHEDULED "' AND status = 'published' AND "
	    "published_at = ?1 + 7 * 86400"), 1);
}

/* Same arguments, same site. */
static void
test_demo_deterministic(void)
{
	sqlite3		*db = db_new();
	const char	*sql = "SELECT group_concat(slug || ' ' || "
	    "published_at || ' ' || updated_at || ' ' || author_id || ' ' || "
	    "length(body_html) || ' ' || (SELECT group_concat(tag_id) FROM "
	    "post_tag WHERE post_id = post.id), ',') FROM (SELECT * FROM post "
	    "ORDER BY id) post";
	char		*a, *b;

	CHECK(db != NULL);
	if (db == NULL)
		return;
	CHECK_INT_EQ(demo_populate(db, NPOSTS, FIXED_NOW), FOLIO_OK);
	a = q_text(demo_db, sql);
	b = q_text(db, sql);
	CHECK(a != NULL && b != NULL && strlen(a) > 1000);
	CHECK_STR_EQ(a, b);
	free(a);
	free(b);
	sqlite3_close(db);
}

/* A failure part way leaves the database as it was, transaction closed. */
static void
test_demo_rollback(void)
{
	sqlite3		*db = db_new();
	long long	 gen, posts, links;

	CHECK(db != NULL);
	if (db == NULL)
		return;
	CHECK_INT_EQ(demo_populate(db, 20, FIXED_NOW), FOLIO_OK);
	gen = q_int(db, "SELECT n FROM generation");
	posts = q_int(db, "SELECT count(*) FROM post");
	links = q_int(db, "SELECT count(*) FROM footer_link");
	/* Users and categories exist already: the second run must fail
	 * after it has written the site row and the footer links. */
	fprintf(stderr, "(an error logged below is expected)\n");
	CHECK_INT_EQ(demo_populate(db, 20, FIXED_NOW), FOLIO_ERR_DB);
	CHECK(sqlite3_get_autocommit(db));
	CHECK_INT_EQ(q_int(db, "SELECT n FROM generation"), gen);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM post"), posts);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM footer_link"), links);
	sqlite3_close(db);
}

static void
test_demo_bad_input(void)
{
	sqlite3	*db = db_new();

	CHECK(db != NULL);
	if (db == NULL)
		return;
	fprintf(stderr, "(errors logged below are expected)\n");
	CHECK_INT_EQ(demo_populate(db, -1, FIXED_NOW), FOLIO_ERR_INPUT);
	CHECK_INT_EQ(demo_populate(db, DEMO_POSTS_MAX + 1, FIXED_NOW),
	    FOLIO_ERR_INPUT);
	CHECK(sqlite3_get_autocommit(db));
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM user"), 0);
	CHECK_INT_EQ(q_int(db, "SELECT n FROM generation"), 1);
	/* Inside the caller's transaction BEGIN fails, nothing is done. */
	CHECK(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	CHECK_INT_EQ(demo_populate(db, 5, FIXED_NOW), FOLIO_ERR_DB);
	CHECK(!sqlite3_get_autocommit(db));
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM user"), 0);
	sqlite3_close(db);
}

/* Tiny sites: the menu drops the post links it cannot have. */
static void
test_demo_few_posts(void)
{
	static const int	 counts[] = { 0, 1, 2, 13, 14 };
	sqlite3			*db;
	size_t			 i;

	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		if ((db = db_new()) == NULL) {
			CHECK(db != NULL);
			return;
		}
		CHECK_INT_EQ(demo_populate(db, counts[i], FIXED_NOW), FOLIO_OK);
		check_common(db, counts[i]);
		CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM menu_item "
		    "WHERE target = 'post'"), counts[i] < 2 ? counts[i] : 2);
		/* From 14 posts on, 12 generated ones cover the categories. */
		if (counts[i] >= 14)
			CHECK_INT_EQ(q_int(db, "SELECT count(DISTINCT "
			    "category_id) FROM post_category JOIN post "
			    "ON post.id = post_id WHERE " VISIBLE), 12);
		sqlite3_close(db);
	}
}

/* ------------------------------------------------------------------ */
/* Malformed data files: each case spoils one file of a fresh copy of
 * data/demo/ and expects an error naming it (and its line), with nothing
 * written. */

struct bad_case {
	const char	*file;		/* under the copy */
	const char	*from;		/* replace this (NULL: all the file) */
	const char	*to;		/* with this (NULL: remove the file) */
	enum folio_err	 rc;
	const char	*msg;		/* in the log */
	size_t		 len;		/* of "to" if it holds a NUL, else 0 */
};

#define SITE_OK \
	"title: T\ntagline: G\nmission: M\nvision: V\n" \
	"contact_email: a@example.org\ncopyright_holder: H\n" \
	"timezone: UTC\n"

static const struct bad_case bad_cases[] = {
	{ "menu.txt", NULL, NULL, FOLIO_ERR_IO, "/menu.txt: No such file", 0 },
	{ "site.txt", NULL, SITE_OK "posts_per_page: many\n", FOLIO_ERR_INPUT,
	    "/site.txt:8: posts_per_page: want a number from 1 to 100", 0 },
	{ "site.txt", NULL, SITE_OK, FOLIO_ERR_INPUT,
	    "/site.txt:1: no \"posts_per_page\" in this record", 0 },
	{ "site.txt", NULL, "title: T\n\0tagline: x\n", FOLIO_ERR_INPUT,
	    "/site.txt: holds a NUL byte", 21 },
	{ "authors.txt", NULL, "slug: a\nname: A\nemail: a@example.org\n"
	    "joined_days_ago: 1\nbio: B\ncolour: red\n", FOLIO_ERR_INPUT,
	    "/authors.txt:6: unknown key \"colour\"", 0 },
	{ "authors.txt", NULL, "\tslug: a\n", FOLIO_ERR_INPUT,
	    "/authors.txt:1: an indented line continues nothing", 0 },
	{ "categories.txt", NULL, "slug: x\nname: X\nparent: y\n"
	    "description: D\n", FOLIO_ERR_INPUT,
	    "/categories.txt:3: parent: no category \"y\" above", 0 },
	{ "footer.txt", NULL, "Only a label\n", FOLIO_ERR_INPUT,
	    "/footer.txt:1: want 2 fields separated by \" | \"", 0 },
	{ "pages.txt", NULL, "/about/\n/nowhere/child/\n", FOLIO_ERR_INPUT,
	    "/pages.txt:2: \"/nowhere/child/\": its parent \"/nowhere/\" is "
	    "not listed above", 0 },
	{ "pages.txt", NULL, "/about/\n/Bad_Slug/\n", FOLIO_ERR_INPUT,
	    "/pages.txt:2: \"/Bad_Slug/\": each part", 0 },
	{ "pages.txt", NULL, "/about/\n/missing/\n", FOLIO_ERR_IO,
	    "/pages/missing.html: No such file", 0 },
	{ "pages/about.html", NULL, "title: About\nexcerpt: E\n",
	    FOLIO_ERR_INPUT, "/pages/about.html:2: no empty line before the "
	    "body", 0 },
	{ "pages/about.html", NULL, "title: About\n\n<p>x</p>\n",
	    FOLIO_ERR_INPUT, "/pages/about.html:1: no \"excerpt\"", 0 },
	{ "posts/" DEMO_SLUG_DRAFT_1 ".html", "author: corinne-valdez",
	    "author: nobody", FOLIO_ERR_INPUT,
	    "/posts/" DEMO_SLUG_DRAFT_1 ".html:2: author: no \"nobody\"",
	    0 },
	{ "menu.txt", NULL, "0 | Home | page /about/\n2 | Deep | page "
	    "/about/\n", FOLIO_ERR_INPUT, "/menu.txt:2: depth 2 under depth 0",
	    0 },
	{ "menu.txt", NULL, "0 | Lost | post no-such-post\n", FOLIO_ERR_INPUT,
	    "/menu.txt:1: no post \"no-such-post\" among the posts/ files",
	    0 },
	{ "menu.txt", NULL, "0 | Odd | shop /about/\n", FOLIO_ERR_INPUT,
	    "/menu.txt:1: unknown target \"shop\"", 0 },
	{ "phrases.txt", "[months]\nJanuary\n", "[months]\n", FOLIO_ERR_INPUT,
	    "/phrases.txt: [months] has 11 lines, not 12", 0 },
	{ "phrases.txt", "[hubs]", "[hubz]", FOLIO_ERR_INPUT,
	    "unknown section [hubz]", 0 },
	{ "phrases.txt", "grateful to the %A", "grateful to the %Q",
	    FOLIO_ERR_INPUT, "unknown slot \"%Q\"", 0 },
	{ "topics/housing.txt", NULL, NULL, FOLIO_ERR_IO,
	    "/topics/housing.txt: No such file", 0 },
	{ "topics/housing.txt", NULL, "author: desmond-okafor\nrelated: "
	    "housing\nweight: 1\nlist_head: L\n", FOLIO_ERR_INPUT,
	    "/topics/housing.txt:2: related: not the topic's own category", 0 },
	{ "topics/housing.txt", NULL, "author: desmond-okafor\nrelated: "
	    "policy-watch\nweight: 1\nlist_head: L\n\n[things]\nt\n[titles]\n"
	    "T\n[openers]\nO\n[details]\nD\nE\n[items]\nI\nJ\nK\n",
	    FOLIO_ERR_INPUT, "/topics/housing.txt: [details] and [items] "
	    "want at least three lines each", 0 },
};

/* Write "len" bytes of "text" to dir/name. */
static int
put_file(const char *dir, const char *name, const char *text, size_t len)
{
	char	 path[1024];
	FILE	*f;
	int	 ok;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	ok = fwrite(text, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

/* Replace the first "from" in dir/name by "to". */
static int
sub_file(const char *dir, const char *name, const char *from, const char *to)
{
	char	 path[1024], *s, *at, *t;
	size_t	 len;
	int	 ok;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((s = slurp(path)) == NULL || (at = strstr(s, from)) == NULL) {
		free(s);
		return 0;
	}
	len = strlen(s) - strlen(from) + strlen(to);
	t = xmalloc(len + 1);
	memcpy(t, s, (size_t)(at - s));
	memcpy(t + (at - s), to, strlen(to));
	memcpy(t + (at - s) + strlen(to), at + strlen(from),
	    strlen(at + strlen(from)) + 1);
	ok = put_file(dir, name, t, len);
	free(s);
	free(t);
	return ok;
}

/* demo_populate_from() with what it logs on stderr into *log. */
static enum folio_err
populate_logged(sqlite3 *db, const char *dir, char **log)
{
	enum folio_err	 rc;
	char		 path[] = "/tmp/test_demo_log.XXXXXX";
	int		 fd, saved;

	*log = NULL;
	fflush(stderr);
	if ((fd = mkstemp(path)) == -1 || (saved = dup(2)) == -1) {
		if (fd != -1)
			close(fd);
		return FOLIO_ERR_IO;
	}
	(void)dup2(fd, 2);
	rc = demo_populate_from(db, dir, 20, FIXED_NOW);
	fflush(stderr);
	(void)dup2(saved, 2);
	close(saved);
	close(fd);
	*log = slurp(path);
	(void)unlink(path);
	return rc;
}

static void
test_demo_bad_data(void)
{
	char			 tmp[] = "/tmp/test_demo.XXXXXX", dir[600];
	char			 cmd[1400], path[700], *log;
	const struct bad_case	*b;
	sqlite3			*db;
	size_t			 i;
	int			 ok;

	if (mkdtemp(tmp) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	(void)snprintf(dir, sizeof(dir), "%s/demo", tmp);
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		b = &bad_cases[i];
		(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s' && cp -R %s '%s'",
		    dir, DATA_PATH, dir);
		(void)snprintf(path, sizeof(path), "%s/%s", dir, b->file);
		ok = system(cmd) == 0;
		if (ok && b->to == NULL)
			ok = unlink(path) == 0;
		else if (ok && b->from == NULL)
			ok = put_file(dir, b->file, b->to, b->len ? b->len :
			    strlen(b->to));
		else if (ok)
			ok = sub_file(dir, b->file, b->from, b->to);
		CHECK(ok);
		if (!ok || (db = db_new()) == NULL)
			continue;
		CHECK_INT_EQ(populate_logged(db, dir, &log), b->rc);
		if (log == NULL || strstr(log, b->msg) == NULL) {
			fprintf(stderr, "case %zu: want \"%s\" in the log:\n%s",
			    i, b->msg, log ? log : "(none)\n");
			CHECK(!"the message");
		} else if (strstr(log, dir) == NULL)
			CHECK(!"the file's path in the message");
		if (getenv("TEST_DEMO_VERBOSE") != NULL && log != NULL)
			fprintf(stderr, "%s", log);
		free(log);
		/* Nothing written, no transaction left open. */
		CHECK(sqlite3_get_autocommit(db));
		CHECK_INT_EQ(q_int(db, "SELECT n FROM generation"), 1);
		CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM user"), 0);
		sqlite3_close(db);
	}
	/* The unspoilt copy works, and gives the same site. */
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s' && cp -R %s '%s'", dir,
	    DATA_PATH, dir);
	CHECK(system(cmd) == 0);
	if ((db = db_new()) != NULL) {
		CHECK_INT_EQ(demo_populate_from(db, dir, 20, FIXED_NOW),
		    FOLIO_OK);
		check_common(db, 20);
		sqlite3_close(db);
	}
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	CHECK(system(cmd) == 0);
}

static void
test_demo_20000(void)
{
	sqlite3	*db = db_new();

	CHECK(db != NULL);
	if (db == NULL)
		return;
	CHECK_INT_EQ(demo_populate(db, 20000, FIXED_NOW), FOLIO_OK);
	check_common(db, 20000);
	check_post_rows(db, 20003);
	CHECK(q_int(db, "SELECT count(DISTINCT title) FROM post") * 100 >=
	    97 * 20003);
	CHECK_INT_EQ(q_int(db, "SELECT count(DISTINCT body_html) "
	    "FROM post"), 20003);
	CHECK_INT_EQ(q_int(db, "SELECT count(*) FROM category c "
	    "WHERE (SELECT count(*) FROM post_category pc "
	    "WHERE pc.category_id = c.id) < 100"), 0);
	CHECK(q_int(db, "SELECT count(DISTINCT author_id) FROM post") >= 5);
	sqlite3_close(db);
}

int
main(void)
{
	log_init("test_demo");
	if ((demo_db = db_new()) == NULL ||
	    demo_populate(demo_db, NPOSTS, FIXED_NOW) != FOLIO_OK) {
		printf("not ok - setup\n");
		return 1;
	}
	RUN(test_demo_site);
	RUN(test_demo_users);
	RUN(test_demo_categories);
	RUN(test_demo_tags);
	RUN(test_demo_pages);
	RUN(test_demo_menu);
	RUN(test_demo_post_dates);
	RUN(test_demo_post_text);
	RUN(test_demo_hidden_and_common);
	RUN(test_demo_deterministic);
	RUN(test_demo_rollback);
	RUN(test_demo_bad_input);
	RUN(test_demo_bad_data);
	RUN(test_demo_few_posts);
	RUN(test_demo_20000);
	sqlite3_close(demo_db);
	HARNESS_EXIT();
}
