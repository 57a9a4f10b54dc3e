/*
 * test_search.c -- search from the visitor's text to the page: the FTS5
 * query builder, the highlighted HTML, the index the schema's triggers
 * keep (from the writers' body_text or, without it, the SQL views), and
 * /?s= through the router for hostile input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "folio.h"
#include "db.h"
#include "render.h"
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
	"link</a></p>', 'published', 1, 1600000300, 1600000300);"
	"INSERT INTO page (id, parent_id, slug, title, body_html, status,"
	" author_id, published_at, updated_at) VALUES"
	" (1, NULL, 'about', 'About Us', '<p>We keep the <em>harbour</em> "
	"lighthouse.</p>', 'published', 1, 1600000000, 1600000000),"
	" (2, 1, 'team', 'Our Team', '<p>Keepers of the lighthouse.</p>',"
	"  'published', 1, 1600000000, 1600000000),"
	" (3, NULL, 'secret', 'Secret', '<p>lighthouse secrets</p>', 'draft',"
	"  1, 1600000000, 1600000000),"
	" (4, NULL, 'old', 'Old Things', '<p>nothing</p>', 'draft', 1,"
	"  1600000000, 1600000000),"
	" (5, 4, 'log', 'Keeper Log', '<p>lighthouse log</p>', 'published',"
	"  1, 1600000000, 1600000000);";

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

/* The one text column of the row that sql (with ?1 = id) finds, or NULL. */
static char *
row_text(const char *sql, int id)
{
	sqlite3_stmt	*st;
	char		*s = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_bind_int(st, 1, id) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		s = arena_strdup(&arena, (const char *)
		    sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

/* The text the index holds for post "id", or NULL. */
static char *
indexed(int id)
{
	return row_text("SELECT title || '|' || body FROM post_fts "
	    "WHERE rowid = ?1", id);
}

/* The text page_fts holds for page "id", or NULL. */
static char *
page_indexed(int id)
{
	return row_text("SELECT title || '|' || body FROM page_fts "
	    "WHERE rowid = ?1", id);
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

/* Run sql on db; 0 on success, else the error printed. */
static int
exec_on(sqlite3 *d, const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(d, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
	sqlite3_free(msg);
	return -1;
}

/*
 * The body the view post_text (or, with "page" set, page_text) makes of
 * html, via post or page 99; NULL on error.
 */
static char *
view_text(const char *html, int page)
{
	sqlite3_stmt	*st = NULL;
	char		*s = NULL;

	if (sqlite3_prepare_v2(db, page ? "INSERT INTO page (id, slug, title, "
	    "body_html, status, author_id, published_at, updated_at) VALUES "
	    "(99, 'view-text', 'x', ?1, 'draft', 1, 0, 0)" :
	    "INSERT INTO post (id, slug, title, "
	    "body_html, status, author_id, published_at, updated_at) VALUES "
	    "(99, 'view-text', 'x', ?1, 'draft', 1, 0, 0)", -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_bind_text(st, 1, html, -1, SQLITE_STATIC) !=
	    SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
		goto out;
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, page ?
	    "SELECT body FROM page_text WHERE id = 99" :
	    "SELECT body FROM post_text WHERE id = 99",
	    -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		s = arena_strdup(&arena, sqlite3_column_text(st, 0) ?
		    (const char *)sqlite3_column_text(st, 0) : "(null)");
out:
	sqlite3_finalize(st);
	(void)exec_on(db, page ? "DELETE FROM page WHERE id = 99" :
	    "DELETE FROM post WHERE id = 99");
	return s;
}

/*
 * search_text(html) equals the view's text, post_text's and page_text's
 * (one strip, shared since migration 7); says which html if not.
 */
static void
check_same_text(const char *html)
{
	struct buf	 b = BUF_INIT;
	const char	*v;
	int		 page;

	search_text(&b, html);
	for (page = 0; page <= 1; page++) {
		v = view_text(html, page);
		if (v == NULL || strcmp(b.data, v) != 0) {
			fprintf(stderr, "html \"%s\" (%s):\n  C   \"%s\"\n"
			    "  SQL \"%s\"\n", html, page ? "page" : "post",
			    b.data, v ? v : "(error)");
			CHECK(0);
		}
	}
	buf_free(&b);
}

static void
test_c_text_matches_view(void)
{
	static const char *const cases[] = {
		"", "plain", "<p>one</p><p>two</p>", "a<br>b", "a<br/>b",
		"<P>Up</P><EM>x</EM>y", "<em>in</em>line<b>s</b>", "<a\n"
		"href=x>l</a>", "<span\tclass=y>s</span>t", "<strong/>z",
		"<!-- raw HTML omitted -->x", "<!-- a > b -->c",
		"<script>var a = 1 < 2;</script>after",
		"<style>p { color: red }</style>after", "<ul><li>a</li>"
		"<li>b</li></ul>", "<blockquote><p>q</p></blockquote>",
		"&amp;lt; &lt; &gt; &quot; &#39; &#039; &nbsp;&#160;",
		"&rsquo;&lsquo;&ldquo;&rdquo;&amp;amp;&AMP;&eacute;&#x27;",
		"&a<em>m</em>p;", "&&amp;;&", "1 < 2", "1 > 2 > 3", "tail <",
		"<unclosed", "a < b > c", "<>", "< p>x", "<//em>x", "<///>y",
		"<averyveryverylongtagname>z", "<strongly>x</strongly>y",
		"<abbr title='a>b'>t</abbr>", "<é>x</é>", "<em\xc3\xa9>x",
		"<\xe2\x80\x94\xe2\x80\x94\xe2\x80\x94\xe2\x80\x94\xe2\x80\x94"
		"\xe2\x80\x94\xe2\x80\x94\xe2\x80\x94\xe2\x80\x94\xe2\x80\x94"
		"\xe2\x80\x94" "em>x", "<////////////a>x", "<///////////a>x",
		"<em\r>x", "<wbr>w", "<code>x</code>y", "caf\xc3\xa9 <i>na"
		"\xc3\xafve</i>",
	};
	static const char alphabet[] = "<<>>//  aemp&;#3\t\nbrilt\xc3\xa9" "q";
	char		 html[24];
	unsigned	 seed = 7;
	size_t		 i, j;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_same_text(cases[i]);
	/* Random soup from the characters that matter. */
	for (i = 0; i < 3000; i++) {
		for (j = 0; j < sizeof(html) - 1; j++) {
			seed = seed * 1103515245 + 12345;
			html[j] = alphabet[(seed >> 16) %
			    (sizeof(alphabet) - 1)];
		}
		html[j] = '\0';
		/* No split UTF-8: replace a lone byte of é by 'x'. */
		for (j = 0; html[j] != '\0'; j++)
			if ((unsigned char)html[j] == 0xc3 &&
			    (unsigned char)html[j + 1] != 0xa9)
				html[j] = 'x';
			else if ((unsigned char)html[j] == 0xa9 && (j == 0 ||
			    (unsigned char)html[j - 1] != 0xc3))
				html[j] = 'x';
		check_same_text(html);
	}
}

static void
test_writer_text_is_indexed(void)
{
	/* The writer's text, not the view's (which would say "html"). */
	CHECK_INT_EQ(exec_on(db, "INSERT INTO post (id, slug, title, "
	    "body_html, body_text, status, author_id, published_at, "
	    "updated_at) VALUES (10, 'written', 'Written', '<p>html</p>', "
	    "' writer text ', 'published', 1, 1600000400, 1600000400)"), 0);
	CHECK_STR_EQ(indexed(10), "Written| writer text ");
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET title = 'Retitled' "
	    "WHERE id = 10"), 0);
	CHECK_STR_EQ(indexed(10), "Retitled| writer text ");
	/* Both changed together, as Folio's writers do. */
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET body_html = '<p>new</p>', "
	    "body_text = ' new text ' WHERE id = 10"), 0);
	CHECK_STR_EQ(indexed(10), "Retitled| new text ");
	CHECK_INT_EQ(exec_on(db, "DELETE FROM post WHERE id = 10"), 0);
	CHECK(indexed(10) == NULL);
}

/* body_text of post id, "(null)" for NULL. */
static char *
stored_text(int id)
{
	return row_text("SELECT coalesce(body_text, '(null)') FROM post "
	    "WHERE id = ?1", id);
}

static void
test_foreign_update_never_keeps_old_text(void)
{
	CHECK_INT_EQ(exec_on(db, "INSERT INTO post (id, slug, title, "
	    "body_html, body_text, status, author_id, published_at, "
	    "updated_at) VALUES (11, 'foreign', 'Foreign', '<p>old</p>', "
	    "' old ', 'published', 1, 1600000500, 1600000500)"), 0);
	/* The sqlite3 shell changes the HTML only. */
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET body_html = "
	    "'<p>fresh <em>wor</em>ds</p>' WHERE id = 11"), 0);
	CHECK_STR_EQ(indexed(11), "Foreign| fresh words ");
	CHECK_STR_EQ(stored_text(11), "(null)");
	/* Also when it names body_text but keeps its value. */
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET body_text = ' kept ' "
	    "WHERE id = 11"), 0);
	CHECK_STR_EQ(indexed(11), "Foreign| kept ");
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET body_html = '<p>b</p>', "
	    "body_text = body_text WHERE id = 11"), 0);
	CHECK_STR_EQ(indexed(11), "Foreign| b ");
	/* And when it moves the post to another id at the same time. */
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET body_text = ' c ' "
	    "WHERE id = 11; UPDATE post SET id = 12, body_html = '<p>d</p>' "
	    "WHERE id = 11"), 0);
	CHECK(indexed(11) == NULL);
	CHECK_STR_EQ(indexed(12), "Foreign| d ");
	/* Recursive triggers on: the same result. */
	CHECK_INT_EQ(exec_on(db, "PRAGMA recursive_triggers = ON; "
	    "UPDATE post SET body_text = ' e ' WHERE id = 12; "
	    "UPDATE post SET body_html = '<p>f</p>' WHERE id = 12; "
	    "PRAGMA recursive_triggers = OFF"), 0);
	CHECK_STR_EQ(indexed(12), "Foreign| f ");
	CHECK_INT_EQ(exec_on(db, "INSERT INTO post_fts (post_fts) "
	    "VALUES ('integrity-check')"), 0);
	CHECK_INT_EQ(exec_on(db, "DELETE FROM post WHERE id = 12"), 0);
}

/*
 * Save post id as Folio's writers do: body_html with its text made by
 * search_text() in the same UPDATE, and the title when one is given.
 * 0 on success.
 */
static int
folio_save(sqlite3 *d, int id, const char *title, const char *html)
{
	sqlite3_stmt	*st = NULL;
	struct buf	 text = BUF_INIT;
	int		 rc = -1;

	search_text(&text, html);
	if (sqlite3_prepare_v2(d, title != NULL ?
	    "UPDATE post SET body_html = ?1, body_text = ?2, title = ?4 "
	    "WHERE id = ?3" :
	    "UPDATE post SET body_html = ?1, body_text = ?2 WHERE id = ?3",
	    -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, html, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, text.data, (int)text.len,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, id) != SQLITE_OK ||
	    (title != NULL && sqlite3_bind_text(st, 4, title, -1,
	    SQLITE_STATIC) != SQLITE_OK))
		goto out;
	if (sqlite3_step(st) == SQLITE_DONE)
		rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "folio_save: %s\n", sqlite3_errmsg(d));
	sqlite3_finalize(st);
	buf_free(&text);
	return rc;
}

/* The ids of the visible posts a search for words finds, "1,2", or "". */
static char *
post_hits(const char *words)
{
	sqlite3_stmt	*st = NULL;
	const char	*fts;
	char		*s = NULL;
	int		 dropped;

	(void)search_fts_query(&arena, words, &fts, &dropped);
	if (sqlite3_prepare_v2(db, "SELECT coalesce(group_concat(id), '') "
	    "FROM (SELECT p.id AS id " SEARCH_FROM "ORDER BY p.id)", -1, &st,
	    NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_bind_int64(st, 2, 1700000000) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		s = arena_strdup(&arena, (const char *)
		    sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

/*
 * Migration 6: an edit of the markup alone keeps the writer's text
 * (it is still right), and every kind of edit leaves the index right.
 */
static void
test_markup_only_edit_keeps_text(void)
{
	CHECK_INT_EQ(exec_on(db, "INSERT INTO post (id, slug, title, "
	    "body_html, body_text, status, author_id, published_at, "
	    "updated_at) VALUES (13, 'markup-only', 'Pelican', "
	    "'<p>quiet harbour pelicans</p>', ' quiet harbour pelicans ', "
	    "'published', 1, 1600000600, 1600000600)"), 0);
	/* Emphasis added, same words: the stored text stays. */
	CHECK_INT_EQ(folio_save(db, 13, NULL, "<p>quiet <em>harbour</em> "
	    "pelicans</p>"), 0);
	CHECK_STR_EQ(stored_text(13), " quiet harbour pelicans ");
	CHECK_STR_EQ(indexed(13), "Pelican| quiet harbour pelicans ");
	CHECK_STR_EQ(post_hits("harbour pelicans"), "13");
	/* Markup and title in one UPDATE: the new title is indexed. */
	CHECK_INT_EQ(folio_save(db, 13, "Pelican Bay", "<p><strong>quiet"
	    "</strong> harbour <a href=\"/p\">pelicans</a></p>"), 0);
	CHECK_STR_EQ(stored_text(13), " quiet harbour pelicans ");
	CHECK_STR_EQ(indexed(13), "Pelican Bay| quiet harbour pelicans ");
	CHECK_STR_EQ(post_hits("bay"), "13");
	/* The title alone. */
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET title = 'Cormorant' "
	    "WHERE id = 13"), 0);
	CHECK_STR_EQ(indexed(13), "Cormorant| quiet harbour pelicans ");
	CHECK_STR_EQ(post_hits("bay"), "");
	/* New words from Folio's writer. */
	CHECK_INT_EQ(folio_save(db, 13, NULL, "<p>noisy <em>harbour</em> "
	    "grebes</p>"), 0);
	CHECK_STR_EQ(stored_text(13), " noisy harbour grebes ");
	CHECK_STR_EQ(indexed(13), "Cormorant| noisy harbour grebes ");
	CHECK_STR_EQ(post_hits("pelicans"), "");
	CHECK_STR_EQ(post_hits("grebes noisy"), "13");
	/* Status: out of the index and back, the text kept. */
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET status = 'draft' "
	    "WHERE id = 13"), 0);
	CHECK(indexed(13) == NULL);
	CHECK_STR_EQ(post_hits("noisy"), "");
	CHECK_INT_EQ(folio_save(db, 13, NULL, "<p>noisy harbour "
	    "<i>grebes</i></p>"), 0);
	CHECK(indexed(13) == NULL);
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET status = 'published' "
	    "WHERE id = 13"), 0);
	CHECK_STR_EQ(stored_text(13), " noisy harbour grebes ");
	CHECK_STR_EQ(indexed(13), "Cormorant| noisy harbour grebes ");
	/* A foreign writer changing only the markup: the text is right. */
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET body_html = '<p>noisy "
	    "<b>harbour</b> grebes</p>' WHERE id = 13"), 0);
	CHECK_STR_EQ(stored_text(13), " noisy harbour grebes ");
	CHECK_STR_EQ(indexed(13), "Cormorant| noisy harbour grebes ");
	/* One changing the words: the old text goes, the new is indexed. */
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET body_html = '<p>grey "
	    "herons</p>', title = 'Heron' WHERE id = 13"), 0);
	CHECK_STR_EQ(stored_text(13), "(null)");
	CHECK_STR_EQ(indexed(13), "Heron| grey herons ");
	CHECK_STR_EQ(post_hits("grebes"), "");
	CHECK_STR_EQ(post_hits("herons"), "13");
	/* Recursive triggers on: a markup-only edit is the same. */
	CHECK_INT_EQ(folio_save(db, 13, NULL, "<p>grey herons</p>"), 0);
	CHECK_STR_EQ(stored_text(13), " grey herons ");
	CHECK_INT_EQ(exec_on(db, "PRAGMA recursive_triggers = ON"), 0);
	CHECK_INT_EQ(folio_save(db, 13, "Herons", "<p><em>grey</em> "
	    "herons</p>"), 0);
	CHECK_STR_EQ(stored_text(13), " grey herons ");
	CHECK_STR_EQ(indexed(13), "Herons| grey herons ");
	CHECK_INT_EQ(exec_on(db, "UPDATE post SET body_html = '<p>white "
	    "herons</p>' WHERE id = 13"), 0);
	CHECK_INT_EQ(exec_on(db, "PRAGMA recursive_triggers = OFF"), 0);
	CHECK_STR_EQ(stored_text(13), "(null)");
	CHECK_STR_EQ(indexed(13), "Herons| white herons ");
	CHECK_INT_EQ(exec_on(db, "INSERT INTO post_fts (post_fts) "
	    "VALUES ('integrity-check')"), 0);
	CHECK_INT_EQ(exec_on(db, "DELETE FROM post WHERE id = 13"), 0);
	CHECK(indexed(13) == NULL);
}

/* The whole of schema.sql, for making a database at an older version. */
static char *
schema_text(void)
{
	FILE	*f = fopen("../../schema.sql", "r");
	char	*s;
	long	 n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	s = xmalloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	} else
		s[n] = '\0';
	fclose(f);
	return s;
}

/*
 * A database as schema.sql made it at "version", holding the fixture:
 * the migrations after it cut off. NULL (a failed check) on error.
 */
static sqlite3 *
old_db(int version)
{
	static const char *const set_version[] = {
		[4] = "PRAGMA user_version = 4",
		[5] = "PRAGMA user_version = 5",
		[6] = "PRAGMA user_version = 6",
	};
	sqlite3		*old = NULL;
	char		*schema = schema_text(), *cut, marker[32];
	int		 n;

	CHECK(schema != NULL);
	if (schema == NULL)
		return NULL;
	n = snprintf(marker, sizeof(marker), "\n-- migration %d\n",
	    version + 1);
	CHECK(n > 0 && (size_t)n < sizeof(marker));
	if ((cut = strstr(schema, marker)) != NULL)
		*cut = '\0';
	CHECK(cut != NULL);
	if (cut == NULL || sqlite3_open(":memory:", &old) != SQLITE_OK ||
	    exec_on(old, schema) != 0 || exec_on(old, fixture) != 0 ||
	    db_schema_version(old) != 0) {
		CHECK(0);
		sqlite3_close(old);
		old = NULL;
	}
	free(schema);
	if (old != NULL && (version < 4 || version > 6 ||
	    sqlite3_exec(old, set_version[version], NULL, NULL, NULL) !=
	    SQLITE_OK || db_schema_version(old) != version)) {
		CHECK(0);
		sqlite3_close(old);
		old = NULL;
	}
	return old;
}

static void
test_migration_5_keeps_index(void)
{
	sqlite3		*old;
	sqlite3_stmt	*st;
	long		 n, npages;

	if ((old = old_db(4)) == NULL)
		return;
	CHECK_INT_EQ(db_migrate(old, "../../schema.sql"), FOLIO_OK);
	CHECK_INT_EQ(db_schema_version(old), DB_SCHEMA_VERSION);
	/* The index made at version 4 answers as before. */
	CHECK_INT_EQ(sqlite3_prepare_v2(old, "SELECT group_concat(rowid) "
	    "FROM (SELECT rowid FROM post_fts WHERE post_fts MATCH 'ferry' "
	    "ORDER BY rowid)", -1, &st, NULL), SQLITE_OK);
	CHECK_INT_EQ(sqlite3_step(st), SQLITE_ROW);
	CHECK_STR_EQ((const char *)sqlite3_column_text(st, 0), "1,2,4");
	sqlite3_finalize(st);
	/* Old posts have no body_text: edits strip body_html in SQL. */
	CHECK_INT_EQ(exec_on(old, "UPDATE post SET body_html = '<p>new "
	    "<b>gull</b>s</p>' WHERE id = 2"), 0);
	CHECK_INT_EQ(sqlite3_prepare_v2(old, "SELECT body FROM post_fts "
	    "WHERE post_fts MATCH 'gulls'", -1, &st, NULL), SQLITE_OK);
	CHECK_INT_EQ(sqlite3_step(st), SQLITE_ROW);
	CHECK_STR_EQ((const char *)sqlite3_column_text(st, 0), " new gulls ");
	sqlite3_finalize(st);
	CHECK_INT_EQ(search_reindex(old, &n, &npages), FOLIO_OK);
	CHECK_INT_EQ(n, 4);
	CHECK_INT_EQ(npages, 3);	/* published: about, team, log */
	CHECK_INT_EQ(exec_on(old, "INSERT INTO post_fts (post_fts) "
	    "VALUES ('integrity-check')"), 0);
	sqlite3_close(old);
}

/*
 * A version-5 database with a post written by Folio (body_text filled):
 * after migration 6 a markup-only edit keeps the text, a change of the
 * words still drops it, and the index follows both.
 */
static void
test_migration_6_upgrades_version_5(void)
{
	sqlite3		*old;
	sqlite3_stmt	*st;
	sqlite3		*keep = db;

	if ((old = old_db(5)) == NULL)
		return;
	CHECK_INT_EQ(exec_on(old, "UPDATE post SET body_text = "
	    "' The ferry left late. ' WHERE id = 1"), 0);
	CHECK_INT_EQ(db_migrate(old, "../../schema.sql"), FOLIO_OK);
	CHECK_INT_EQ(db_schema_version(old), DB_SCHEMA_VERSION);
	db = old;	/* for stored_text(), indexed() */
	CHECK_INT_EQ(folio_save(old, 1, NULL, "<p>The <b>ferry</b> left "
	    "<i>late</i>.</p>"), 0);
	CHECK_STR_EQ(stored_text(1), " The ferry left late. ");
	CHECK_STR_EQ(indexed(1), "Late Ferry| The ferry left late. ");
	CHECK_INT_EQ(exec_on(old, "UPDATE post SET body_html = "
	    "'<p>The ferry left early.</p>' WHERE id = 1"), 0);
	CHECK_STR_EQ(stored_text(1), "(null)");
	CHECK_STR_EQ(indexed(1), "Late Ferry| The ferry left early. ");
	db = keep;
	CHECK_INT_EQ(sqlite3_prepare_v2(old, "SELECT count(*) FROM post_fts "
	    "WHERE post_fts MATCH 'early'", -1, &st, NULL), SQLITE_OK);
	CHECK_INT_EQ(sqlite3_step(st), SQLITE_ROW);
	CHECK_INT_EQ(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	CHECK_INT_EQ(exec_on(old, "INSERT INTO post_fts (post_fts) "
	    "VALUES ('integrity-check')"), 0);
	sqlite3_close(old);
}

/* body_text of page id, "(null)" for NULL. */
static char *
page_stored_text(int id)
{
	return row_text("SELECT coalesce(body_text, '(null)') FROM page "
	    "WHERE id = ?1", id);
}

/* Save page id as admin_page.c does: body_html and its search_text(). */
static int
folio_page_save(int id, const char *title, const char *html)
{
	sqlite3_stmt	*st = NULL;
	struct buf	 text = BUF_INIT;
	int		 rc = -1;

	search_text(&text, html);
	if (sqlite3_prepare_v2(db, "UPDATE page SET title = ?4, "
	    "body_html = ?1, body_text = ?2 WHERE id = ?3", -1, &st, NULL) ==
	    SQLITE_OK &&
	    sqlite3_bind_text(st, 1, html, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_bind_text(st, 2, text.data, (int)text.len,
	    SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_bind_int(st, 3, id) == SQLITE_OK &&
	    sqlite3_bind_text(st, 4, title, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_DONE)
		rc = 0;
	else
		fprintf(stderr, "folio_page_save: %s\n", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	buf_free(&text);
	return rc;
}

/* Pages have their own index, kept by the same kind of triggers. */
static void
test_page_index_follows_edits(void)
{
	CHECK_STR_EQ(page_indexed(1), "About Us| We keep the harbour "
	    "lighthouse. ");
	CHECK_STR_EQ(page_indexed(2), "Our Team| Keepers of the lighthouse. ");
	CHECK(page_indexed(3) == NULL);		/* a draft */
	CHECK(page_indexed(4) == NULL);
	CHECK_INT_EQ(exec_on(db, "INSERT INTO page (id, slug, title, "
	    "body_html, body_text, status, author_id, published_at, "
	    "updated_at) VALUES (10, 'hours', 'Opening Hours', "
	    "'<p>html</p>', ' daily from nine ', 'published', 1, 0, 0)"), 0);
	CHECK_STR_EQ(page_indexed(10), "Opening Hours| daily from nine ");
	/* Markup only, as the admin saves it: the text stays. */
	CHECK_INT_EQ(folio_page_save(10, "Hours", "<p><b>daily</b> from "
	    "nine</p>"), 0);
	CHECK_STR_EQ(page_stored_text(10), " daily from nine ");
	CHECK_STR_EQ(page_indexed(10), "Hours| daily from nine ");
	/* New words. */
	CHECK_INT_EQ(folio_page_save(10, "Hours", "<p>weekdays from "
	    "ten</p>"), 0);
	CHECK_STR_EQ(page_stored_text(10), " weekdays from ten ");
	CHECK_STR_EQ(page_indexed(10), "Hours| weekdays from ten ");
	/* A foreign writer: markup only keeps the text, words drop it. */
	CHECK_INT_EQ(exec_on(db, "UPDATE page SET body_html = '<p>weekdays "
	    "<em>from</em> ten</p>' WHERE id = 10"), 0);
	CHECK_STR_EQ(page_stored_text(10), " weekdays from ten ");
	CHECK_INT_EQ(exec_on(db, "UPDATE page SET body_html = '<p>closed "
	    "<i>mondays</i></p>', title = 'Closed' WHERE id = 10"), 0);
	CHECK_STR_EQ(page_stored_text(10), "(null)");
	CHECK_STR_EQ(page_indexed(10), "Closed| closed mondays ");
	/* Title only, status, trash, delete. */
	CHECK_INT_EQ(exec_on(db, "UPDATE page SET title = 'Shut' "
	    "WHERE id = 10"), 0);
	CHECK_STR_EQ(page_indexed(10), "Shut| closed mondays ");
	CHECK_INT_EQ(exec_on(db, "UPDATE page SET status = 'trash' "
	    "WHERE id = 10"), 0);
	CHECK(page_indexed(10) == NULL);
	CHECK_INT_EQ(exec_on(db, "UPDATE page SET status = 'published' "
	    "WHERE id = 10"), 0);
	CHECK_STR_EQ(page_indexed(10), "Shut| closed mondays ");
	CHECK_INT_EQ(exec_on(db, "INSERT INTO page_fts (page_fts) "
	    "VALUES ('integrity-check')"), 0);
	CHECK_INT_EQ(exec_on(db, "DELETE FROM page WHERE id = 10"), 0);
	CHECK(page_indexed(10) == NULL);
}

/* A version-6 database gets the page index, the post index kept. */
static void
test_migration_7_indexes_pages(void)
{
	sqlite3		*old, *keep = db;

	if ((old = old_db(6)) == NULL)
		return;
	CHECK_INT_EQ(db_migrate(old, "../../schema.sql"), FOLIO_OK);
	CHECK_INT_EQ(db_schema_version(old), DB_SCHEMA_VERSION);
	db = old;	/* for indexed(), page_indexed() */
	CHECK_STR_EQ(page_indexed(1), "About Us| We keep the harbour "
	    "lighthouse. ");
	CHECK_STR_EQ(page_indexed(5), "Keeper Log| lighthouse log ");
	CHECK(page_indexed(3) == NULL);
	CHECK_STR_EQ(indexed(1), "Late Ferry| The ferry left late. ");
	/* The shared strip still makes a post's text. */
	CHECK_INT_EQ(exec_on(old, "UPDATE post SET body_html = "
	    "'<p>a <b>new</b> day</p>' WHERE id = 1"), 0);
	CHECK_STR_EQ(indexed(1), "Late Ferry| a new day ");
	db = keep;
	CHECK_INT_EQ(exec_on(old, "INSERT INTO page_fts (page_fts) "
	    "VALUES ('integrity-check')"), 0);
	sqlite3_close(old);
}

static struct tmpl	*templates[TMPL__MAX];

/* Route and render one GET with templates/, as the handler does. */
static int
render(const char *uri, struct buf *out)
{
	struct req	 r;

	return fake_render(&r, db, &arena, templates, uri, 1700000000, out);
}

/* Whether "a" comes before "b" in s (both there). */
static int
before(const char *s, const char *a, const char *b)
{
	const char	*pa = strstr(s, a), *pb = strstr(s, b);

	return pa != NULL && pb != NULL && pa < pb;
}

/*
 * /?s= finds visible pages, first, at their paths, without a date line;
 * a page below an unpublished one is not visible; the total counts both.
 */
static void
test_search_finds_pages(void)
{
	struct buf	 b = BUF_INIT;

	CHECK_INT_EQ(exec_on(db, "INSERT INTO post (id, slug, title, "
	    "body_html, status, author_id, published_at, updated_at) VALUES "
	    "(20, 'beacon', 'Lighthouse Beacon', '<p>the beam</p>', "
	    "'published', 1, 1600000700, 1600000700)"), 0);
	/* A word only in a page's body. */
	CHECK_INT_EQ(render("/?s=keepers", &b), 200);
	CHECK(strstr(b.data, "href=\"/about/team/\"") != NULL);
	CHECK(strstr(b.data, "<mark>Keepers</mark> of the lighthouse") !=
	    NULL);
	CHECK(strstr(b.data, "1 result found") != NULL);
	CHECK(strstr(b.data, "class=\"entry-meta\"") == NULL);
	/* Two visible pages and a post, two a page: pages first. */
	CHECK_INT_EQ(render("/?s=lighthouse", &b), 200);
	CHECK(strstr(b.data, "3 results found") != NULL);
	CHECK(strstr(b.data, "href=\"/about/\"") != NULL);
	CHECK(strstr(b.data, "href=\"/about/team/\"") != NULL);
	CHECK(strstr(b.data, "/2020/09/13/beacon/") == NULL);
	CHECK(strstr(b.data, "/secret/") == NULL);	/* a draft */
	CHECK(strstr(b.data, "/old/log/") == NULL);	/* its parent is */
	CHECK(strstr(b.data, "href=\"/page/2/?s=lighthouse\"") != NULL);
	CHECK_INT_EQ(render("/page/2/?s=lighthouse", &b), 200);
	CHECK(strstr(b.data, "href=\"/2020/09/13/beacon/\"") != NULL);
	CHECK(strstr(b.data, "href=\"/about/") == NULL);
	CHECK(strstr(b.data, "class=\"entry-meta\"") != NULL);
	CHECK_INT_EQ(render("/page/3/?s=lighthouse", &b), 404);
	/* The parent published: its child is found, the last page of
	 * results then holds a page and a post, in that order. */
	CHECK_INT_EQ(exec_on(db, "UPDATE page SET status = 'published' "
	    "WHERE id = 4"), 0);
	CHECK_INT_EQ(render("/?s=lighthouse", &b), 200);
	CHECK(strstr(b.data, "4 results found") != NULL);
	CHECK(strstr(b.data, "/2020/09/13/beacon/") == NULL);
	CHECK_INT_EQ(render("/page/2/?s=lighthouse", &b), 200);
	CHECK(before(b.data, "search-result-page",
	    "href=\"/2020/09/13/beacon/\""));
	CHECK_INT_EQ(count_of(b.data, "search-result-page"), 1);
	CHECK_INT_EQ(exec_on(db, "UPDATE page SET status = 'draft' "
	    "WHERE id = 4; DELETE FROM post WHERE id = 20"), 0);
	/* Nothing found: the advice names both. */
	CHECK_INT_EQ(render("/?s=zzyzx", &b), 200);
	CHECK(strstr(b.data, "No posts or pages match") != NULL);
	buf_free(&b);
}

/*
 * A comment line that begins like a marker ("-- migration 3's view")
 * once hid the whole section after it: db_migrate took it for an old
 * section and skipped the rest. Now it is refused.
 */
static void
test_migration_marker_is_a_whole_line(void)
{
	static const char text[] = "-- schema\n-- migration 1\n"
	    "CREATE TABLE a (x);\n-- migration 1's table a, noted\n"
	    "CREATE TABLE b (x);\n";
	char	 path[] = "/tmp/folio-schema-XXXXXX";
	sqlite3	*d;
	FILE	*f;
	int	 fd;

	CHECK((fd = mkstemp(path)) >= 0);
	if (fd < 0)
		return;
	CHECK((f = fdopen(fd, "w")) != NULL);
	if (f == NULL) {
		(void)unlink(path);
		return;
	}
	CHECK(fwrite(text, 1, sizeof(text) - 1, f) == sizeof(text) - 1);
	CHECK(fclose(f) == 0);
	CHECK_INT_EQ(sqlite3_open(":memory:", &d), SQLITE_OK);
	CHECK_INT_EQ(db_migrate(d, path), FOLIO_ERR_INPUT);
	sqlite3_close(d);
	(void)unlink(path);
}

/* Parse and route one GET, in November 2023; returns the status. */
static int
request(struct req *r, const char *uri)
{
	return fake_request(r, db, &arena, "GET", uri, 1700000000);
}

/*
 * The match drives the search, each hit then finds its post by id: the
 * other order ran the match once per post (seconds at 100,000 posts).
 */
static void
test_search_plan_starts_from_the_index(void)
{
	sqlite3_stmt	*st;
	const char	*first = NULL;

	if (sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT count(*) "
	    SEARCH_FROM, -1, &st, NULL) != SQLITE_OK) {
		CHECK(0);
		return;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		first = arena_strdup(&arena,
		    (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	CHECK(first != NULL && strncmp(first, "SCAN post_fts", 13) == 0);
	first = NULL;
	if (sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT count(*) "
	    SEARCH_PAGE_FROM, -1, &st, NULL) != SQLITE_OK) {
		CHECK(0);
		return;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		first = arena_strdup(&arena,
		    (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	CHECK(first != NULL && strncmp(first, "SCAN page_fts", 13) == 0);
}

/*
 * folio reindex fills a missing body_text (a foreign writer's post, a
 * page from before migration 7) with search_text(), and indexes it.
 */
static void
test_reindex_fills_missing_text(void)
{
	long	 n = 0, npages = 0;

	CHECK_INT_EQ(exec_on(db, "UPDATE post SET body_html = '<p>The "
	    "<em>ferry</em> left late.</p>', body_text = NULL WHERE id = 1; "
	    "UPDATE page SET body_text = NULL WHERE id = 1"), 0);
	CHECK_STR_EQ(stored_text(1), "(null)");
	CHECK_STR_EQ(page_stored_text(1), "(null)");
	CHECK_INT_EQ(search_reindex(db, &n, &npages), FOLIO_OK);
	CHECK_STR_EQ(stored_text(1), " The ferry left late. ");
	CHECK_STR_EQ(page_stored_text(1), " We keep the harbour lighthouse. ");
	CHECK_STR_EQ(row_text("SELECT count(*) FROM post WHERE body_text IS "
	    "NOT (SELECT body FROM post_text t WHERE t.id = post.id) "
	    "AND ?1 = ?1", 1), "0");
	CHECK_STR_EQ(row_text("SELECT count(*) FROM page WHERE body_text IS "
	    "NOT (SELECT body FROM page_text t WHERE t.id = page.id) "
	    "AND ?1 = ?1", 1), "0");
	CHECK_STR_EQ(indexed(1), "Late Ferry| The ferry left late. ");
	CHECK_STR_EQ(page_indexed(1), "About Us| We keep the harbour "
	    "lighthouse. ");
	CHECK_INT_EQ(exec_on(db, "INSERT INTO post_fts (post_fts) VALUES "
	    "('integrity-check'); INSERT INTO page_fts (page_fts) VALUES "
	    "('integrity-check')"), 0);
	/* Run again: nothing left to fill, the same index. */
	CHECK_INT_EQ(search_reindex(db, &n, &npages), FOLIO_OK);
	CHECK_STR_EQ(indexed(1), "Late Ferry| The ferry left late. ");
}

/* A rebuilt index is a content change: cached search pages must go. */
static void
test_reindex_moves_the_generation(void)
{
	char	*before, *after;
	long	 n = 0, npages = 0;

	before = row_text("SELECT n FROM generation WHERE id = ?1", 1);
	CHECK_INT_EQ(exec_on(db, "DELETE FROM page_fts"), 0);
	CHECK_INT_EQ(search_reindex(db, &n, &npages), FOLIO_OK);
	CHECK_STR_EQ(page_indexed(1), "About Us| We keep the harbour "
	    "lighthouse. ");
	CHECK(npages >= 3);
	after = row_text("SELECT n FROM generation WHERE id = ?1", 1);
	CHECK(before != NULL && after != NULL);
	if (before != NULL && after != NULL)
		CHECK(atol(after) > atol(before));
	CHECK_STR_EQ(indexed(1), "Late Ferry| The ferry left late. ");
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
	if ((db = fixture_open(fixture)) == NULL)
		return 1;
	RUN(test_fts_query_quotes_every_word);
	RUN(test_fts_query_bounds);
	RUN(test_marks_are_escaped_and_balanced);
	RUN(test_index_holds_text_not_tags);
	RUN(test_triggers_follow_edits);
	RUN(test_c_text_matches_view);
	RUN(test_writer_text_is_indexed);
	RUN(test_foreign_update_never_keeps_old_text);
	RUN(test_markup_only_edit_keeps_text);
	RUN(test_migration_5_keeps_index);
	RUN(test_migration_6_upgrades_version_5);
	RUN(test_page_index_follows_edits);
	RUN(test_migration_7_indexes_pages);
	RUN(test_migration_marker_is_a_whole_line);
	RUN(test_reindex_moves_the_generation);
	RUN(test_reindex_fills_missing_text);
	RUN(test_search_plan_starts_from_the_index);
	RUN(test_search_route);
	RUN(test_hostile_searches_never_fail);
	RUN(test_search_finds_pages);
	render_templates_free(templates);
	site_free();
	db_close(db);
	arena_free(&arena);
	HARNESS_EXIT();
}
