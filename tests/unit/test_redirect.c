/*
 * test_redirect.c -- old URLs answer 301 when no route matches: to a
 * path, or to a post's permalink as of now; never to a post that is not
 * public, never over a live route.
 */
#include <string.h>
#include <time.h>

#include "folio.h"
#include "db.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"
#include "fake_request.h"
#include "harness.h"

static const char fixture[] =
	"UPDATE site SET timezone = 'America/New_York' WHERE id = 1;"
	"INSERT INTO user (id, slug, display_name, created_at)"
	" VALUES (1, 'jane', 'Jane Roe', 0);"
	"INSERT INTO post (id, slug, title, status, author_id, published_at,"
	" updated_at) VALUES"
	" (1, 'hello', 'Hello', 'published', 1, 1647660600, 1647660600),"
	" (2, 'draft', 'Draft', 'draft', 1, 1640000000, 1640000000),"
	" (3, 'future', 'Future', 'published', 1, 4102444800, 4102444800);"
	"INSERT INTO page (id, parent_id, slug, title, status, author_id,"
	" published_at, updated_at) VALUES"
	" (1, NULL, 'about', 'About', 'published', 1, 0, 0);"
	"INSERT INTO redirect (old_path, new_path, post_id) VALUES"
	" ('/hello/', NULL, 1), ('/draft/', NULL, 2), ('/future/', NULL, 3),"
	" ('/greek/\xce\xb5\xcf\x80/', '/about/', NULL),"
	" ('/archives/12', '/about/', NULL),"
	" ('/old.html', '/about/', NULL),"
	" ('//double/', '/about/', NULL),"
	" ('/about/', '/elsewhere/', NULL),"
	" ('/loop/', '/loop/', NULL);";

static sqlite3		*db;
static struct arena	 arena = ARENA_INIT;

/* Parse and route one GET, in November 2023; returns the status. */
static int
request(struct req *r, const char *uri)
{
	return fake_request(r, db, &arena, "GET", uri, 1700000000);
}

static void
test_post_target_is_its_permalink(void)
{
	struct req	 r;

	CHECK_INT_EQ(request(&r, "/hello/"), 301);
	/* 2022-03-19 03:30 UTC is March 18 in New York. */
	CHECK_STR_EQ(r.location, "/2022/03/18/hello/");
	CHECK_INT_EQ(request(&r, "/hello/?utm=x"), 301);
	CHECK_STR_EQ(r.location, "/2022/03/18/hello/?utm=x");
	CHECK_INT_EQ(request(&r, "/hello"), 301);
	CHECK_STR_EQ(r.location, "/hello/");
}

static void
test_hidden_posts_have_none(void)
{
	struct req	 r;

	CHECK_INT_EQ(request(&r, "/draft/"), 404);
	CHECK_INT_EQ(request(&r, "/future/"), 404);
}

static void
test_paths(void)
{
	struct req	 r;

	CHECK_INT_EQ(request(&r, "/greek/%CE%B5%CF%80/"), 301);
	CHECK_STR_EQ(r.location, "/about/");
	CHECK_INT_EQ(request(&r, "/archives/12"), 301);
	CHECK_STR_EQ(r.location, "/about/");
	CHECK_INT_EQ(request(&r, "/old.html"), 301);
	CHECK_STR_EQ(r.location, "/about/");
	CHECK_INT_EQ(request(&r, "//double/"), 301);
	CHECK_STR_EQ(r.location, "/about/");
}

static void
test_routes_win_and_no_loops(void)
{
	struct req	 r;

	CHECK_INT_EQ(request(&r, "/about/"), 200);
	CHECK_INT_EQ(request(&r, "/loop/"), 404);
	CHECK_INT_EQ(request(&r, "/nothing/here/"), 404);
	CHECK_INT_EQ(request(&r, "/nothing.css"), 404);
}

int
main(void)
{
	if ((db = fixture_open(fixture)) == NULL)
		return 1;
	RUN(test_post_target_is_its_permalink);
	RUN(test_hidden_posts_have_none);
	RUN(test_paths);
	RUN(test_routes_win_and_no_loops);
	site_free();
	db_close(db);
	arena_free(&arena);
	HARNESS_EXIT();
}
