/*
 * test_search.c -- search from the visitor's text to the page: the FTS5
 * query builder, the highlighted HTML, the index the schema's triggers
 * keep, and /?s= through the router for hostile input.
 */
#include <string.h>
#include <time.h>

#include "folio.h"
#include "db.h"
#include "req.h"
#include "search.h"
#include "site.h"
#include "tmpl.h"
#include "fake_request.h"
#include "harness.h"

static const char fixture[] =
	"UPDATE site SET title = 'Test Site', posts_per_page = 2 WHERE id = 1;"
	"INSERT INTO user (id, slug, display_name, created_at)"
	" VALUES (1, 'jane', 'Jane Roe', 0);"
	"INSERT INTO post (id, slug, title, body_html, status, author_id,"
	" published_at, updated_at) VALUES"
	" (1, 'ferry', 'Late Ferry', '<p>The <em>ferry</em> left late.</p>',"
	"  'published', 1, 1600000000, 1600000000),"
	" (2, 'gulls', 'Gulls', '<p>Gulls &amp; terns<br>on the ferry "
	"dock</p><p>Next</p>', 'published', 1, 1600000100, 1600000100),"
	" (3, 'draft', 'Draft ferry', '<p>secret ferry</p>', 'draft', 1,"
	"  1600000200, 1600000200),"
	" (4, 'future', 'Future ferry', '<p>ferry later</p>', 'published', 1,"
	"  4102444800, 4102444800),"
	" (5, 'tags', 'Markup', '<p class=\"strong\">paragraph <a href=\"/x\">"
	"link</a></p>', 'published', 1, 1600000300, 1600000300);";

static sqlite3		*db;
static struct arena	 arena = ARENA_INIT;

static void
test_fts_query_quotes_every_word(void)
{
	const char	*q;
	int		 dropped;

	CHECK_INT_EQ(search_fts_query(&arena, "harbor ferry", &q, &dropped),
	    2);
	CHECK_STR_EQ(q, "\"harbor\" \"ferry\"");
	CHECK_INT_EQ(search_fts_query(&arena, "\"a\" OR b* NEAR(c) title:d",
	    &q, &dropped), 7);
	CHECK_STR_EQ(q, "\"a\" \"OR\" \"b\" \"NEAR\" \"c\" \"title\" \"d\"");
	CHECK_INT_EQ(search_fts_query(&arena, "caf\xc3\xa9!", &q, &dropped),
	    1);
	CHECK_STR_EQ(q, "\"caf\xc3\xa9\"");
	CHECK_INT_EQ(search_fts_query(&arena, "", &q, &dropped), 0);
	CHECK_STR_EQ(q, "");
	CHECK_INT_EQ(search_fts_query(&arena, "\"'*^-:()", &q, &dropped), 0);
	CHECK_INT_EQ(dropped, 0);
}

static void
test_fts_query_bounds(void)
{
	struct buf	 b = BUF_INIT;
	const char	*q;
	int		 i, dropped;

	for (i = 0; i < 500; i++)
		buf_puts(&b, "word ");
	CHECK_INT_EQ(search_fts_query(&arena, b.data, &q, &dropped),
	    SEARCH_TERMS_MAX);
	CHECK_INT_EQ(dropped, 1);
	buf_reset(&b);
	for (i = 0; i < 100; i++)
		buf_puts(&b, "\xc3\xa9");	/* one 200-byte word */
	CHECK_INT_EQ(search_fts_query(&arena, b.data, &q, &dropped), 1);
	CHECK_INT_EQ(strlen(q), SEARCH_TERM_MAX + 2);
	CHECK(utf8_valid(q, strlen(q)));
	buf_free(&b);
}

static void
test_marks_are_escaped_and_balanced(void)
{
	struct buf	 b = BUF_INIT;

	search_mark_html(&b, "a <b> \x02" "ferry\x03 & \"c\"");
	CHECK_STR_EQ(b.data, "a &lt;b&gt; <mark>ferry</mark> &amp; "
	    "&quot;c&quot;");
	buf_reset(&b);
	search_mark_html(&b, "\x03x\x02y\x02z\x01");
	CHECK_STR_EQ(b.data, "x<mark>yz</mark>");
	buf_reset(&b);
	search_mark_html(&b, "<script>\x02</script>");
	CHECK_STR_EQ(b.data, "&lt;script&gt;<mark>&lt;/script&gt;</mark>");
	buf_free(&b);
}

/* The text the index holds for post "id", or NULL. */
static char *
indexed(int id)
{
	sqlite3_stmt	*st;
	char		*s = NULL;

	if (sqlite3_prepare_v2(db, "SELECT title || '|' || body FROM post_fts "
	    "WHERE rowid = ?1", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_bind_int(st, 1, id) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		s = arena_strdup(&arena, (const char *)
		    sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

static void
test_index_holds_text_not_tags(void)
{
	CHECK_STR_EQ(indexed(1), "Late Ferry| The ferry left late. ");
	CHECK_STR_EQ(indexed(2), "Gulls| Gulls & terns on the ferry dock  "
	    "Next ");
	CHECK_STR_EQ(indexed(5), "Markup| paragraph link ");
	CHECK(indexed(3) == NULL);	/* a draft is not indexed */
}

static void
test_triggers_follow_edits(void)
{
	CHECK_INT_EQ(sqlite3_exec(db, "UPDATE post SET status = 'published' "
	    "WHERE id = 3", NULL, NULL, NULL), SQLITE_OK);
	CHECK_STR_EQ(indexed(3), "Draft ferry| secret ferry ");
	CHECK_INT_EQ(sqlite3_exec(db, "UPDATE post SET body_html = "
	    "'<p>new words</p>', title = 'Renamed' WHERE id = 3", NULL, NULL,
	    NULL), SQLITE_OK);
	CHECK_STR_EQ(indexed(3), "Renamed| new words ");
	CHECK_INT_EQ(sqlite3_exec(db, "UPDATE post SET status = 'trash' "
	    "WHERE id = 3", NULL, NULL, NULL), SQLITE_OK);
	CHECK(indexed(3) == NULL);
	CHECK_INT_EQ(sqlite3_exec(db, "UPDATE post SET status = 'published' "
	    "WHERE id = 3; DELETE FROM post WHERE id = 3", NULL, NULL, NULL),
	    SQLITE_OK);
	CHECK(indexed(3) == NULL);
}

/* Parse and route one GET, in November 2023; returns the status. */
static int
request(struct req *r, const char *uri)
{
	return fake_request(r, db, &arena, "GET", uri, 1700000000);
}

static void
test_search_route(void)
{
	struct req	 r;

	CHECK_INT_EQ(request(&r, "/?s=ferry"), 200);
	CHECK_INT_EQ(r.tmpl, TMPL_SEARCH);
	CHECK_STR_EQ(r.search_query, "ferry");
	CHECK_STR_EQ(r.current_url, "/?s=ferry");
	CHECK_INT_EQ(request(&r, "/page/2/?s=ferry"), 404);	/* 2 hits */
	CHECK_INT_EQ(request(&r, "/page/1/?s=ferry"), 301);
	CHECK_STR_EQ(r.location, "/?s=ferry");
	CHECK_INT_EQ(request(&r, "/?s=%ff%fe"), 400);
	CHECK_INT_EQ(r.tmpl, TMPL_SEARCH);
	CHECK_INT_EQ(request(&r, "/?x=1"), 200);
	CHECK_INT_EQ(r.tmpl, TMPL_LIST);
}

static void
test_hostile_searches_never_fail(void)
{
	static const char *const inputs[] = {
		"", "%22", "%22%22%22", "*", "NEAR(a+b)", "a+OR+b+NOT+c",
		"title%3Aferry", "%5E%2B-%3A%28%29%7B%7D",
		"'%3B+DROP+TABLE+post",
		"%E2%80%94", "%E2%80%94+%E2%80%94", "ferry*", "%EF%BF%BF",
		"%F0%9F%98%80", "a%00b", "%C0%AF", "%ED%A0%80", "+++",
	};
	struct req	 r;
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 st;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		buf_reset(&b);
		buf_printf(&b, "/?s=%s", inputs[i]);
		st = request(&r, b.data);
		if (st != 200 && st != 400) {
			fprintf(stderr, "%s: status %d\n", b.data, st);
			CHECK(0);
		}
	}
	buf_reset(&b);
	buf_puts(&b, "/?s=");
	for (i = 0; i < 2000; i++)
		buf_puts(&b, i % 7 ? "a" : "+");
	CHECK_INT_EQ(request(&r, b.data), 200);
	buf_free(&b);
}

int
main(void)
{
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    db_migrate(db, "../../schema.sql") != FOLIO_OK ||
	    sqlite3_exec(db, fixture, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "fixture: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	RUN(test_fts_query_quotes_every_word);
	RUN(test_fts_query_bounds);
	RUN(test_marks_are_escaped_and_balanced);
	RUN(test_index_holds_text_not_tags);
	RUN(test_triggers_follow_edits);
	RUN(test_search_route);
	RUN(test_hostile_searches_never_fail);
	site_free();
	db_close(db);
	arena_free(&arena);
	HARNESS_EXIT();
}
