/*
 * test_slug.c -- slugs: what the router accepts and what titles become.
 */
#include <string.h>

#include "folio.h"
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

int
main(void)
{
	RUN(test_valid_slugs);
	RUN(test_slug_from_title);
	RUN(test_slug_from_long_title_is_valid);
	arena_free(&arena);
	HARNESS_EXIT();
}
