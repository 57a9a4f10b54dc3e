/*
 * test_tag.c -- the tags an author types: splitting, trimming, merging
 * and refusing names (tag_names_parse), and replacing a post's tags
 * (tag_post_store) against a database in memory: existing tags reused
 * whatever their case, new ones given free slugs, nothing else touched.
 */
#include <string.h>

#include "folio.h"
#include "db.h"
#include "req.h"
#include "tag.h"
#include "tmpl.h"
#include "harness.h"

static struct arena	 arena = ARENA_INIT;
static sqlite3		*db;

/* The names parsed from "list" joined by "|", or "!N" for refusal N. */
static const char *
parsed(const char *list)
{
	static char	 out[4096];
	const char	**names;
	size_t		 n, i, len = 0;
	enum tag_parse	 e;

	e = tag_names_parse(&arena, list, &names, &n, NULL);
	if (e != TAG_PARSE_OK) {
		snprintf(out, sizeof(out), "!%d", (int)e);
		return out;
	}
	out[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s",
		    i ? "|" : "", names[i]);
	return out;
}

static void
test_parse_split_trim_merge(void)
{
	CHECK_STR_EQ(parsed(""), "");
	CHECK_STR_EQ(parsed(" , ,, "), "");
	CHECK_STR_EQ(parsed("Harbor"), "Harbor");
	CHECK_STR_EQ(parsed("  Harbor ,ferries,  "), "Harbor|ferries");
	CHECK_STR_EQ(parsed("New   York,  new york , NEW YORK"), "New York");
	CHECK_STR_EQ(parsed("a,b,A,c,B"), "a|b|c");
	CHECK_STR_EQ(parsed("C++, C#, <b>&amp;"), "C++|C#|<b>&amp;");
	/* Only ASCII case is folded: these are two tags. */
	CHECK_STR_EQ(parsed("\xc3\x9c" "ber, \xc3\xbc" "ber"),
	    "\xc3\x9c" "ber|\xc3\xbc" "ber");
}

static void
test_parse_limits(void)
{
	char		 list[2048];
	const char	**names, *bad;
	size_t		 n, i, len;

	/* 60 characters, two bytes each, fit; 61 do not. */
	len = 0;
	for (i = 0; i < 60; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len,
		    "\xc3\xa9");
	CHECK_INT_EQ(strlen(parsed(list)), 120);
	snprintf(list + len, sizeof(list) - len, "x");
	CHECK_STR_EQ(parsed(list), "!2");
	/* Spaces around a name do not count; inside they do. */
	memset(list, ' ', 100);
	memset(list + 100, 'a', 60);
	memset(list + 160, ' ', 100);
	list[260] = '\0';
	CHECK_INT_EQ(strlen(parsed(list)), 60);
	memset(list, 'a', 30);
	memset(list + 30, ' ', 10);
	memset(list + 40, 'a', 30);
	list[70] = '\0';
	CHECK_STR_EQ(parsed(list), "!2");

	/* 20 distinct names, repeated, fit; a 21st does not. */
	len = 0;
	for (i = 0; i < 40; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len,
		    "t%zu, ", i % 20);
	CHECK(strcmp(parsed(list), "!3") != 0);
	snprintf(list + len, sizeof(list) - len, "T3, twenty-one");
	CHECK_STR_EQ(parsed(list), "!3");
	CHECK_INT_EQ(tag_names_parse(&arena, list, &names, &n, &bad),
	    TAG_PARSE_MANY);
	CHECK_INT_EQ(n, 20);
	CHECK(bad != NULL && strncmp(bad, " twenty-one", 11) == 0);

	CHECK_STR_EQ(parsed("a, b\tc"), "!1");
	CHECK_STR_EQ(parsed("a\n"), "!1");
	CHECK_STR_EQ(parsed("a\x7f"), "!1");
	CHECK_STR_EQ(parsed("\xc2\x85"), "!1");	/* U+0085, NEL */
	CHECK_STR_EQ(parsed("\xc2\xa0"), "\xc2\xa0");	/* U+00A0 is text */
	CHECK(tag_names_parse(&arena, "ok, b\rx", &names, &n, &bad) ==
	    TAG_PARSE_CONTROL && n == 1 && bad != NULL &&
	    strcmp(bad, " b\rx") == 0);
	CHECK(*tag_parse_message(TAG_PARSE_LONG) != '\0');
	CHECK_STR_EQ(tag_parse_message(TAG_PARSE_OK), "");
}

/* One text value from the database, in the arena ("" for none). */
static const char *
value(const char *sql)
{
	sqlite3_stmt	*st;
	const char	*s = "?";

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return "prepare failed";
	if (sqlite3_step(st) == SQLITE_ROW)
		s = db_text(&arena, st, 0);
	else
		s = "";
	sqlite3_finalize(st);
	return s;
}

/* Render "text" (a template) with v. */
static const char *
rendered(const char *text, const struct tvars *v)
{
	struct tmpl	*t;
	struct buf	 b = BUF_INIT;
	char		 err[256];
	const char	*s;

	if ((t = tmpl_parse(text, strlen(text), NULL, "t", err,
	    sizeof(err))) == NULL)
		return err[0] ? "template error" : "?";
	tmpl_render(t, v, &b);
	s = arena_strndup(&arena, b.data ? b.data : "", b.len);
	buf_free(&b);
	tmpl_free(t);
	return s;
}

#define TAGS_TMPL "<TMPL_LOOP name=\"post_tags\"><TMPL_VAR name=\"name\">=" \
	"<TMPL_VAR name=\"url\">;</TMPL_LOOP>"

static enum folio_err
store(struct req *r, int64_t post, const char *list)
{
	const char	**names;
	size_t		 n;

	if (tag_names_parse(r->arena, list, &names, &n, NULL) != TAG_PARSE_OK)
		return FOLIO_ERR_INPUT;
	return tag_post_store(r, post, names, n);
}

static void
test_store(void)
{
	struct req	 r;
	struct tvars	*v;

	memset(&r, 0, sizeof(r));
	r.db = db;
	r.arena = &arena;
	CHECK_INT_EQ(store(&r, 1, "harbor, Ferries, Brand New, c++, C"),
	    FOLIO_OK);
	/* Existing tags keep their own spelling and slug. */
	CHECK_STR_EQ(value("SELECT group_concat(slug, ' ') FROM (SELECT "
	    "t.slug FROM post_tag pt JOIN tag t ON t.id = pt.tag_id "
	    "WHERE pt.post_id = 1 ORDER BY t.slug)"),
	    "brand-new c c-2 ferries harbor");
	CHECK_STR_EQ(value("SELECT name FROM tag WHERE slug = 'harbor'"),
	    "Harbor");
	CHECK_STR_EQ(value("SELECT name FROM tag WHERE slug = 'c-2'"), "c++");
	CHECK_STR_EQ(tag_post_names(&r, 1), "Brand New, C, c++, Ferries, "
	    "Harbor");
	/* The other post's tags are its own. */
	CHECK_STR_EQ(tag_post_names(&r, 2), "Harbor");

	/* Replaced, not added to; unused tags stay for the admin. */
	CHECK_INT_EQ(store(&r, 1, "BRAND NEW"), FOLIO_OK);
	CHECK_STR_EQ(tag_post_names(&r, 1), "Brand New");
	CHECK_STR_EQ(value("SELECT count(*) FROM tag"), "6");
	CHECK_INT_EQ(store(&r, 1, ""), FOLIO_OK);
	CHECK_STR_EQ(tag_post_names(&r, 1), "");
	CHECK_STR_EQ(value("SELECT count(*) FROM post_tag"), "1");

	/* An imported name with spaces around it still matches. */
	CHECK_INT_EQ(store(&r, 1, "padded"), FOLIO_OK);
	CHECK_STR_EQ(value("SELECT group_concat(t.slug) FROM post_tag pt "
	    "JOIN tag t ON t.id = pt.tag_id WHERE pt.post_id = 1"), "padded");
	/*
	 * An imported name with a run of spaces inside reads back in the
	 * editor as it is stored; saved unchanged, the post keeps that
	 * tag rather than moving to a new "Harbor Ferries" (harbor-ferries-2).
	 */
	CHECK_INT_EQ(sqlite3_exec(db, "INSERT INTO tag (slug, name) "
	    "VALUES ('harbor-ferries', 'Harbor  Ferries');"
	    "DELETE FROM post_tag WHERE post_id = 1;"
	    "INSERT INTO post_tag VALUES (1, last_insert_rowid());", NULL, NULL, NULL),
	    SQLITE_OK);
	CHECK_INT_EQ(store(&r, 1, tag_post_names(&r, 1)), FOLIO_OK);
	CHECK_STR_EQ(value("SELECT group_concat(t.slug) FROM post_tag pt "
	    "JOIN tag t ON t.id = pt.tag_id WHERE pt.post_id = 1"),
	    "harbor-ferries");
	CHECK_STR_EQ(value("SELECT count(*) FROM tag WHERE slug GLOB "
	    "'harbor-ferries*'"), "1");
	/* Nothing usable for a slug: "untitled", then "untitled-2". */
	CHECK_INT_EQ(store(&r, 1, "\xe6\xb8\xaf, \xe8\x88\xb9"), FOLIO_OK);
	CHECK_STR_EQ(value("SELECT group_concat(slug) FROM (SELECT t.slug "
	    "FROM post_tag pt JOIN tag t ON t.id = pt.tag_id "
	    "WHERE pt.post_id = 1 ORDER BY t.slug)"), "untitled,untitled-2");

	/* A preview's links: the stored tag's own, a new one's to be. */
	v = tvars_new(&arena);
	{
		const char	*names[] = { "zeta Tag", "FERRIES" };

		CHECK_INT_EQ(tag_names_vars(&r, v, names, 2), FOLIO_OK);
	}
	CHECK_STR_EQ(rendered(TAGS_TMPL, v),
	    "Ferries=/tag/ferries/;zeta Tag=/tag/zeta-tag/;");

	/* A post that does not exist: the foreign key refuses it. */
	CHECK_INT_EQ(store(&r, 99, "harbor"), FOLIO_ERR_DB);
}

/* One query for a page's posts, each row getting its own tags. */
static void
test_list_vars(void)
{
	struct req	 r;
	struct tvars	*top, *rows[3];
	int64_t		 ids[3] = { 2, 3, 1 };
	size_t		 i;

	memset(&r, 0, sizeof(r));
	r.db = db;
	r.arena = &arena;
	top = tvars_new(&arena);
	for (i = 0; i < 3; i++)
		rows[i] = tvars_add_row(top, "posts");
	CHECK_INT_EQ(store(&r, 3, "Harbor, ferries, Zed"), FOLIO_OK);
	CHECK_INT_EQ(tag_list_vars(&r, ids, rows, 3), FOLIO_OK);
	CHECK_INT_EQ(tag_list_vars(&r, ids, rows, 0), FOLIO_OK);
	/* Each row its own post's tags, by name, in the stored spelling. */
	CHECK_STR_EQ(rendered("<TMPL_LOOP name=\"posts\">[" TAGS_TMPL
	    "]</TMPL_LOOP>", top), "[Harbor=/tag/harbor/;]"
	    "[Ferries=/tag/ferries/;Harbor=/tag/harbor/;Zed=/tag/zed/;]"
	    "[\xe6\xb8\xaf=/tag/untitled/;\xe8\x88\xb9=/tag/untitled-2/;]");
	CHECK_INT_EQ(store(&r, 1, ""), FOLIO_OK);
	rows[2] = tvars_add_row(top, "posts");
	CHECK_INT_EQ(tag_list_vars(&r, ids, rows, 3), FOLIO_OK);
	CHECK(strstr(rendered("<TMPL_LOOP name=\"posts\">[" TAGS_TMPL
	    "]</TMPL_LOOP>", top), "][]") != NULL);
}

int
main(void)
{
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    db_migrate(db, "../../schema.sql") != FOLIO_OK ||
	    sqlite3_exec(db, "PRAGMA foreign_keys = ON;"
	    "INSERT INTO user (id, slug, display_name, created_at) "
	    "VALUES (1, 'jane', 'Jane', 0);"
	    "INSERT INTO post (id, slug, title, author_id, published_at, "
	    "updated_at) VALUES (1, 'one', 'One', 1, 0, 0), "
	    "(2, 'two', 'Two', 1, 0, 0), (3, 'three', 'Three', 1, 0, 0);"
	    "INSERT INTO tag (id, slug, name) VALUES (1, 'harbor', 'Harbor'),"
	    " (2, 'ferries', 'Ferries'), (3, 'c', 'C'),"
	    " (4, 'padded', '  Padded ');"
	    "INSERT INTO post_tag VALUES (2, 1);", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		printf("not ok - setup: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	RUN(test_parse_split_trim_merge);
	RUN(test_parse_limits);
	RUN(test_store);
	RUN(test_list_vars);
	sqlite3_close(db);
	arena_free(&arena);
	HARNESS_EXIT();
}
