/*
 * test_slug.c -- slugs: what the router accepts and what titles become.
 */
#include <string.h>

#include "folio.h"
#include "db.h"
#include "slug.h"
#include "harness.h"

static struct arena	 arena = ARENA_INIT;

static void
test_valid_slugs(void)
{
	char	 longest[SLUG_MAX + 2];

	CHECK(slug_valid("hello-world"));
	CHECK(slug_valid("2022"));
	CHECK(slug_valid("a"));
	CHECK(!slug_valid(""));
	CHECK(!slug_valid("Hello"));
	CHECK(!slug_valid("a_b"));
	CHECK(!slug_valid("a b"));
	CHECK(!slug_valid("../etc"));
	CHECK(!slug_valid("x'; DROP TABLE post; --"));
	CHECK(!slug_valid("<TMPL_VAR name=x>"));
	CHECK(!slug_valid("caf\xc3\xa9"));
	memset(longest, 'a', SLUG_MAX);
	longest[SLUG_MAX] = '\0';
	CHECK(slug_valid(longest));
	longest[SLUG_MAX] = 'a';
	longest[SLUG_MAX + 1] = '\0';
	CHECK(!slug_valid(longest));
}

static void
test_slug_from_title(void)
{
	CHECK_STR_EQ(slug_from_title(&arena, "Hello, World!"), "hello-world");
	CHECK_STR_EQ(slug_from_title(&arena, "  Spaces   around  "),
	    "spaces-around");
	CHECK_STR_EQ(slug_from_title(&arena, "Don't Panic"), "dont-panic");
	CHECK_STR_EQ(slug_from_title(&arena, "2022: A Year"), "2022-a-year");
	CHECK_STR_EQ(slug_from_title(&arena, "!!!"), "untitled");
	CHECK_STR_EQ(slug_from_title(&arena, ""), "untitled");
	CHECK_STR_EQ(slug_from_title(&arena, "Caf\xc3\xa9 au lait"),
	    "caf-au-lait");
}

static void
test_slug_from_long_title_is_valid(void)
{
	char	 title[1000];
	char	*s;

	memset(title, 'x', sizeof(title) - 1);
	title[sizeof(title) - 1] = '\0';
	title[SLUG_MAX - 1] = ' ';	/* a gap right at the limit */
	s = slug_from_title(&arena, title);
	CHECK(slug_valid(s));
	CHECK(strlen(s) <= SLUG_MAX);
	CHECK(s[strlen(s) - 1] != '-');
}

static const char sql_taken[] =
	"SELECT 1 FROM t WHERE slug = ?1";
static const char sql_taken_under[] =
	"SELECT 1 FROM t WHERE slug = ?1 AND parent = ?2";

/* base, base-2, ... in one table; a parent scopes; reserved names skip. */
static void
test_slug_unique(void)
{
	static const char *const reserved[] = { "admin", NULL };
	char		 longest[SLUG_MAX + 1];
	const char	*s;
	sqlite3		*db;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    db_exec(db, "CREATE TABLE t (slug TEXT, parent INTEGER);"
	    "INSERT INTO t VALUES ('a', 0), ('a-2', 0), ('b', 7);") != 0) {
		CHECK(0);
		sqlite3_close(db);
		return;
	}
	CHECK_INT_EQ(slug_taken(db, sql_taken, "a", 0), 1);
	CHECK_INT_EQ(slug_taken(db, sql_taken, "c", 0), 0);
	CHECK_INT_EQ(slug_taken(db, sql_taken_under, "b", 7), 1);
	CHECK_INT_EQ(slug_taken(db, sql_taken_under, "b", 0), 0);
	CHECK_STR_EQ(slug_unique(&arena, db, "c", sql_taken, 0, NULL), "c");
	CHECK_STR_EQ(slug_unique(&arena, db, "a", sql_taken, 0, NULL), "a-3");
	CHECK_STR_EQ(slug_unique(&arena, db, "b", sql_taken_under, 0, NULL),
	    "b");
	CHECK_STR_EQ(slug_unique(&arena, db, "b", sql_taken_under, 7, NULL),
	    "b-2");
	CHECK_STR_EQ(slug_unique(&arena, db, "admin", sql_taken, 0,
	    reserved), "admin-2");
	CHECK_STR_EQ(slug_unique(&arena, db, "admin", sql_taken, 0, NULL),
	    "admin");
	/* A long base is cut so that base-N stays within SLUG_MAX. */
	memset(longest, 'a', SLUG_MAX);
	longest[SLUG_MAX] = '\0';
	s = slug_unique(&arena, db, longest, sql_taken, 0, reserved);
	CHECK(s == longest);
	CHECK(db_exec(db, "INSERT INTO t SELECT printf('%.200c', 'a'), 0")
	    == 0);
	s = slug_unique(&arena, db, longest, sql_taken, 0, NULL);
	CHECK(s != NULL && slug_valid(s) && strlen(s) == SLUG_MAX - 3);
	CHECK(s != NULL && strcmp(s + SLUG_MAX - 5, "-2") == 0);
	db_close(db);
}

int
main(void)
{
	RUN(test_valid_slugs);
	RUN(test_slug_from_title);
	RUN(test_slug_from_long_title_is_valid);
	RUN(test_slug_unique);
	arena_free(&arena);
	HARNESS_EXIT();
}
