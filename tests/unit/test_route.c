/*
 * test_route.c -- request checking and routing, against a small database
 * in memory: every URL shape, redirects, and hostile paths.
 */
#include <string.h>
#include <time.h>

#include "folio.h"
#include "db.h"
#include "render.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"
#include "fake_request.h"
#include "harness.h"

/* 2022-03-19 03:30 UTC: March 18 in the site's zone, New York. */
static const char fixture[] =
	"UPDATE site SET title = 'Test Site', timezone = 'America/New_York',"
	" posts_per_page = 2, base_url = 'https://example.org/' WHERE id = 1;"
	"INSERT INTO user (id, slug, display_name, created_at)"
	" VALUES (1, 'jane', 'Jane Roe', 0);"
	"INSERT INTO category (id, parent_id, slug, name)"
	" VALUES (1, NULL, 'news', 'News'), (2, 1, 'events', 'Events'),"
	" (3, NULL, 'empty', 'Empty');"
	"INSERT INTO post (id, slug, title, status, author_id, published_at,"
	" updated_at) VALUES"
	" (1, 'hello', 'Hello', 'published', 1, 1647660600, 1647660600),"
	" (2, 'second', 'Second', 'published', 1, 1650000000, 1650000000),"
	" (3, 'third', 'Third', 'published', 1, 1660000000, 1660000000),"
	" (4, 'draft', 'Draft', 'draft', 1, 1640000000, 1640000000),"
	" (5, 'future', 'Future', 'published', 1, 4102444800, 4102444800);"
	"INSERT INTO post_category VALUES (1, 2), (2, 1), (4, 1), (5, 1);"
	"INSERT INTO page (id, parent_id, slug, title, status, author_id,"
	" published_at, updated_at) VALUES"
	" (1, NULL, 'about', 'About', 'published', 1, 0, 0),"
	" (2, 1, 'team', 'Team', 'published', 1, 0, 0),"
	" (3, 1, 'secret', 'Secret', 'draft', 1, 0, 0);"
	"INSERT INTO tag (id, slug, name)"
	" VALUES (1, 'lantern', 'Lamp <&> \"x\"'), (2, 'hidden', 'Hidden'),"
	" (3, 'unused', 'Unused');"
	"INSERT INTO post_tag VALUES (1, 1), (2, 1), (3, 1), (4, 1), (5, 1),"
	" (4, 2), (5, 2);";

static sqlite3		*db;
static struct arena	 arena = ARENA_INIT;

/* Parse and route one request, in November 2023; returns the status. */
static int
request(struct req *r, const char *method, const char *uri)
{
	return fake_request(r, db, &arena, method, uri, 1700000000);
}

static void
test_lists(void)
{
	struct req	 r;

	CHECK_INT_EQ(request(&r, "GET", "/"), 200);
	CHECK_INT_EQ(r.tmpl, TMPL_LIST);
	/* The configured base URL wins over the Host header, less its slash. */
	CHECK_STR_EQ(r.origin, "https://example.org");
	CHECK_INT_EQ(request(&r, "GET", "/page/2/"), 200);
	CHECK_INT_EQ(r.page_no, 2);
	CHECK_INT_EQ(request(&r, "GET", "/page/3/"), 404);
	CHECK_INT_EQ(request(&r, "HEAD", "/2022/"), 200);
	CHECK_INT_EQ(request(&r, "GET", "/2022/03/"), 200);
	CHECK_INT_EQ(request(&r, "GET", "/2022/03/18/"), 200);
	CHECK_INT_EQ(request(&r, "GET", "/2022/03/19/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/2021/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/author/jane/"), 200);
	CHECK_INT_EQ(request(&r, "GET", "/author/nobody/"), 404);
}

static void
test_posts_by_local_date(void)
{
	struct req	 r;

	CHECK_INT_EQ(request(&r, "GET", "/2022/03/18/hello/"), 200);
	CHECK_INT_EQ(r.tmpl, TMPL_POST);
	CHECK_STR_EQ(r.title, "Hello");
	CHECK_INT_EQ(request(&r, "GET", "/2022/03/19/hello/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/2021/12/20/draft/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/2100/01/01/future/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/2022/03/18/nope/"), 404);
}

static void
test_categories(void)
{
	struct req	 r;

	CHECK_INT_EQ(request(&r, "GET", "/category/news/"), 200);
	CHECK_INT_EQ(request(&r, "GET", "/category/news/events/"), 200);
	CHECK_INT_EQ(request(&r, "GET", "/category/events/"), 301);
	CHECK_STR_EQ(r.location, "/category/news/events/");
	CHECK_INT_EQ(request(&r, "GET", "/category/empty/events/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/category/empty/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/category/nope/"), 404);
}

/* Route and render one GET with templates/, as the handler does. */
static int
render(const char *uri, struct buf *out)
{
	static struct tmpl	*templates[TMPL__MAX];
	struct req		 r;

	return fake_render(&r, db, &arena, templates, uri, 1700000000, out);
}

/* Three visible posts of five tagged: the draft and the future one hide. */
static void
test_tags(void)
{
	struct req	 r;
	struct buf	 b = BUF_INIT;

	CHECK_INT_EQ(request(&r, "GET", "/tag/lantern/"), 200);
	CHECK_INT_EQ(r.tmpl, TMPL_LIST);
	CHECK_STR_EQ(r.title,
	    "Posts tagged \xe2\x80\x9cLamp <&> \"x\"\xe2\x80\x9d");
	CHECK_STR_EQ(r.current_url, "/tag/lantern/");
	CHECK_STR_EQ(r.feed_base, "/tag/lantern/");
	CHECK_INT_EQ(request(&r, "HEAD", "/tag/lantern/"), 200);
	CHECK_INT_EQ(request(&r, "GET", "/tag/lantern/page/2/"), 200);
	CHECK_STR_EQ(r.current_url, "/tag/lantern/page/2/");
	CHECK_INT_EQ(request(&r, "GET", "/tag/lantern/page/3/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/tag/lantern/page/1/"), 301);
	CHECK_STR_EQ(r.location, "/tag/lantern/");
	CHECK_INT_EQ(request(&r, "GET", "/tag/lantern"), 301);
	CHECK_STR_EQ(r.location, "/tag/lantern/");
	CHECK_INT_EQ(request(&r, "GET", "/tag/hidden/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/tag/unused/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/tag/nope/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/tag/lantern/more/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/tag/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/tag/lantern/feed/"), 200);
	CHECK_INT_EQ(r.tmpl, TMPL_RSS);
	CHECK_INT_EQ(request(&r, "GET", "/tag/lantern/feed/atom/"), 200);
	CHECK_INT_EQ(r.tmpl, TMPL_ATOM);
	CHECK_INT_EQ(request(&r, "GET", "/tag/nope/feed/"), 404);

	/* Newest first, only what is visible. */
	CHECK_INT_EQ(render("/tag/lantern/", &b), 200);
	CHECK(b.data != NULL && strstr(b.data, "/2022/08/08/third/") != NULL &&
	    strstr(b.data, "/2022/08/08/third/") <
	    strstr(b.data, "/2022/04/15/second/"));
	CHECK(b.data != NULL && strstr(b.data, "/2022/03/18/hello/") == NULL);
	CHECK(b.data != NULL && strstr(b.data, "draft/") == NULL);
	CHECK(b.data != NULL && strstr(b.data, "future/") == NULL);
	CHECK(b.data != NULL && strstr(b.data, "Lamp <&>") == NULL);
	CHECK_INT_EQ(render("/tag/lantern/page/2/", &b), 200);
	CHECK(b.data != NULL && strstr(b.data, "/2022/03/18/hello/") != NULL);
	CHECK(b.data != NULL && strstr(b.data, "/2022/08/08/third/") == NULL);

	/* The post page links its tags, escaped; the hidden tag's posts
	 * are not visible, so no page shows it. */
	CHECK_INT_EQ(render("/2022/03/18/hello/", &b), 200);
	CHECK(b.data != NULL && strstr(b.data, "<a href=\"/tag/lantern/\" "
	    "rel=\"tag\">Lamp &lt;&amp;&gt; &quot;x&quot;</a>") != NULL);
	CHECK(b.data != NULL && strstr(b.data, "/tag/hidden/") == NULL);

	/* Every list shows each post's tags, the hidden posts' never. */
	{
		static const char *const lists[] = { "/", "/2022/",
		    "/2022/04/", "/category/news/", "/author/jane/",
		    "/tag/lantern/", "/tag/lantern/page/2/" };
		size_t	 i;

		for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
			CHECK_INT_EQ(render(lists[i], &b), 200);
			CHECK(b.data != NULL && strstr(b.data, "<p class=\""
			    "entry-tags\">Tagged <span class=\"entry-tag\">"
			    "<a href=\"/tag/lantern/\" rel=\"tag\">Lamp "
			    "&lt;&amp;&gt; &quot;x&quot;</a>") != NULL);
			CHECK(b.data != NULL &&
			    strstr(b.data, "/tag/hidden/") == NULL);
		}
	}
	buf_free(&b);
}

static void
test_pages(void)
{
	struct req	 r;

	CHECK_INT_EQ(request(&r, "GET", "/about/"), 200);
	CHECK_INT_EQ(r.tmpl, TMPL_PAGE);
	CHECK_INT_EQ(request(&r, "GET", "/about/team/"), 200);
	CHECK_STR_EQ(r.current_url, "/about/team/");
	CHECK_INT_EQ(request(&r, "GET", "/team/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/about/secret/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/about/team/more/"), 404);
}

static void
test_redirects(void)
{
	struct req	 r;

	CHECK_INT_EQ(request(&r, "GET", "/about"), 301);
	CHECK_STR_EQ(r.location, "/about/");
	CHECK_INT_EQ(request(&r, "GET", "/about?x=1&y=2"), 301);
	CHECK_STR_EQ(r.location, "/about/?x=1&y=2");
	CHECK_INT_EQ(request(&r, "GET", "/page/1/"), 301);
	CHECK_STR_EQ(r.location, "/");
	CHECK_INT_EQ(request(&r, "GET", "/category/news/page/1/"), 301);
	CHECK_STR_EQ(r.location, "/category/news/");
	CHECK_INT_EQ(request(&r, "GET", "/style.css"), 404);
	/* Never an open redirect to another host. */
	CHECK_INT_EQ(request(&r, "GET", "//evil.example/x"), 404);
	CHECK(r.location == NULL);
	/* Browsers read "/\\host/" as "//host/": no slash added there. */
	CHECK_INT_EQ(request(&r, "GET", "/\\evil.example/x"), 404);
	CHECK(r.location == NULL);
	CHECK_INT_EQ(request(&r, "GET", "/\\2130706433"), 404);
	CHECK(r.location == NULL);
	CHECK_INT_EQ(request(&r, "GET", "/a\\b"), 404);
	CHECK(r.location == NULL);
}

static void
test_hostile_input(void)
{
	struct req	 r;
	char		 longpath[3000];

	CHECK_INT_EQ(request(&r, "POST", "/"), 405);
	CHECK_INT_EQ(request(&r, "DELETE", "/about/"), 405);
	CHECK_INT_EQ(request(&r, "GET", "/%zz/"), 400);
	/* Refused early, the error page still has the origin (base_url). */
	CHECK(r.origin != NULL && strcmp(r.origin, "https://example.org") == 0);
	CHECK_INT_EQ(request(&r, "GET", "/a b/"), 400);
	CHECK(r.origin != NULL && strcmp(r.origin, "https://example.org") == 0);
	CHECK_INT_EQ(request(&r, "GET", "/%4/"), 400);
	CHECK_INT_EQ(request(&r, "GET", "/a%00b/"), 400);
	CHECK_INT_EQ(request(&r, "GET", "/%c3%28/"), 400);
	CHECK_INT_EQ(request(&r, "GET", "/%ed%a0%80/"), 400);	/* surrogate */
	CHECK_INT_EQ(request(&r, "GET", "/%c0%af/"), 400);	/* overlong */
	CHECK_INT_EQ(request(&r, "GET", "/caf%c3%a9/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/a/../about/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/../etc/passwd"), 404);
	CHECK(r.location == NULL);
	CHECK_INT_EQ(request(&r, "GET", "/about/.."), 404);
	CHECK_INT_EQ(request(&r, "GET", "/./about/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/%2e%2e/about"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/x'%20OR%201=1--/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/<TMPL_VAR%20x>/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/%3CTMPL_VAR%20x%3E/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/page/99999999999999999999/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/page/0/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/page/01/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/99999/"), 404);
	CHECK_INT_EQ(request(&r, "GET", "/2022/13/"), 404);
	memset(longpath, 'a', sizeof(longpath) - 2);
	longpath[0] = '/';
	longpath[sizeof(longpath) - 2] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	CHECK_INT_EQ(request(&r, "GET", longpath), 400);
}

static void
test_menu_marks_and_sidebar(void)
{
	struct req		 r;
	const struct site	*s;

	CHECK_INT_EQ(request(&r, "GET", "/"), 200);
	s = r.site;
	/* The empty category and the unpublished posts count for nothing. */
	CHECK_INT_EQ(s->published, 3);
	CHECK_INT_EQ(s->nmonths, 3);
	CHECK_INT_EQ(s->months[0].year, 2022);
	CHECK_INT_EQ(s->months[0].month, 8);
	CHECK_INT_EQ(s->months[2].month, 3);
	CHECK_STR_EQ(site_category(s, 2)->url, "/category/news/events/");
	CHECK_INT_EQ(site_category(s, 3)->count, 0);
	CHECK_INT_EQ(site_category(s, 1)->count, 1);
	/* List lengths come from the cache: a parent counts its children's. */
	CHECK_INT_EQ(site_category(s, 1)->total, 2);
	CHECK_INT_EQ(site_category(s, 2)->total, 1);
	CHECK_INT_EQ(site_category(s, 3)->total, 0);
	CHECK_INT_EQ(site_author_slug(s, "jane")->count, 3);
	CHECK_INT_EQ(site_posts_in(s, 2022, 0), 3);
	CHECK_INT_EQ(site_posts_in(s, 2022, 3), 1);
	CHECK_INT_EQ(site_posts_in(s, 2021, 0), 0);
}

int
main(void)
{
	if ((db = fixture_open(fixture)) == NULL)
		return 1;
	RUN(test_lists);
	RUN(test_posts_by_local_date);
	RUN(test_categories);
	RUN(test_tags);
	RUN(test_pages);
	RUN(test_redirects);
	RUN(test_hostile_input);
	RUN(test_menu_marks_and_sidebar);
	site_free();
	db_close(db);
	arena_free(&arena);
	HARNESS_EXIT();
}
