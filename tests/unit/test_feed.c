/*
 * test_feed.c -- what keeps feeds well-formed and useful away from the
 * site: XML-clean text, absolute links in content, the feed dates.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "date.h"
#include "db.h"
#include "meta.h"
#include "page_feed.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"
#include "url.h"
#include "validators.h"
#include "fake_request.h"
#include "harness.h"

static struct arena	 arena = ARENA_INIT;
static sqlite3		*db;

static const char fixture[] =
	"UPDATE site SET title = 'Test & Site', tagline = 'Tag <line>',"
	" base_url = 'https://t.example', posts_per_page = 2 WHERE id = 1;"
	"INSERT INTO user (id, slug, display_name, created_at)"
	" VALUES (1, 'jane', 'Jane Roe', 0);"
	"INSERT INTO category (id, parent_id, slug, name, description)"
	" VALUES (1, NULL, 'news', 'News', 'All the news'),"
	" (2, 1, 'events', 'Events', ''), (3, NULL, 'empty', 'Empty', '');"
	"INSERT INTO post (id, slug, title, body_html, excerpt, status,"
	" author_id, published_at, updated_at) VALUES"
	" (1, 'hello', 'Hello ' || char(1) || '<world>',"
	"  '<p><a href=\"/x/\">x</a></p>', 'Ex & cerpt', 'published', 1,"
	"  1647660600, 1647660600),"
	" (2, 'second', 'Second', '', '', 'published', 1, 1650000000,"
	"  1650000000),"
	" (3, 'third', 'Third', '', '', 'published', 1, 1660000000,"
	"  1660000000),"
	" (4, 'future', 'Future', '', '', 'published', 1, 4105900800,"
	"  4105900800);"
	"INSERT INTO post_category VALUES (1, 2), (2, 1), (4, 1);"
	"INSERT INTO page (id, parent_id, slug, title, status, author_id,"
	" published_at, updated_at) VALUES"
	" (1, NULL, 'about', 'About', 'published', 1, 0, 1600000000),"
	" (2, 1, 'team', 'Team', 'published', 1, 0, 0),"
	" (3, NULL, 'secret', 'Secret', 'draft', 1, 0, 0);";

static struct tmpl	*templates[TMPL__MAX];

/*
 * Route one request and render it with its template from templates/, by
 * render.c as the handler does; the page lands in "out". Returns the
 * status.
 */
static int
render_at(const char *uri, time_t now, struct buf *out,
    struct validators *v)
{
	struct req	 r;

	if (fake_render(&r, db, &arena, templates, uri, now, out) < 0)
		return -1;
	if (r.status == 301)
		return r.status;
	validators_make(&r, out, v);
	CHECK(v->has || r.status != 200);
	return r.status;
}

static int
render(const char *uri, struct buf *out)
{
	struct validators	 v;

	return render_at(uri, 1700000000, out, &v);
}

static void
test_feeds_render(void)
{
	struct buf	 b = BUF_INIT;

	CHECK_INT_EQ(render("/feed/", &b), 200);
	CHECK(strncmp(b.data, "<?xml version=\"1.0\"", 19) == 0);
	CHECK(strstr(b.data, "<title>Test &amp; Site</title>") != NULL);
	CHECK(strstr(b.data, "<description>Tag &lt;line&gt;</description>")
	    != NULL);
	CHECK(strstr(b.data, "future") == NULL);
	CHECK(strstr(b.data, "Second") != NULL);
	CHECK(strstr(b.data, "Third") != NULL);
	CHECK(strstr(b.data, "Hello") == NULL);	/* 2 a page */
	CHECK_INT_EQ(render("/category/news/events/feed/", &b), 200);
	CHECK(strstr(b.data, "<title>Hello &lt;world&gt;</title>") != NULL);
	CHECK(strstr(b.data, "<link>https://t.example/2022/03/19/hello/"
	    "</link>") != NULL);
	CHECK(strstr(b.data, "&lt;a href=&quot;https://t.example/x/&quot;"
	    "&gt;") != NULL);
	CHECK(strstr(b.data, "<category>Events</category>") != NULL);
	CHECK(strstr(b.data, "\x01") == NULL);
	CHECK_INT_EQ(render("/feed/atom/", &b), 200);
	CHECK(strstr(b.data, "<feed xmlns=\"http://www.w3.org/2005/Atom\"")
	    != NULL);
	CHECK(strstr(b.data, "<updated>2022-08-08T23:06:40Z</updated>") !=
	    NULL);
	CHECK_INT_EQ(render("/category/news/feed/", &b), 200);
	CHECK(strstr(b.data, "<description>All the news</description>") !=
	    NULL);
	CHECK(strstr(b.data, "Hello") != NULL);	/* from a subcategory */
	CHECK(strstr(b.data, "Third") == NULL);
	CHECK_INT_EQ(render("/category/news/events/feed/atom/", &b), 200);
	CHECK_INT_EQ(render("/category/empty/feed/", &b), 200);
	CHECK(strstr(b.data, "<item>") == NULL);
	CHECK_INT_EQ(render("/category/events/feed/", &b), 404);
	CHECK_INT_EQ(render("/category/nope/feed/", &b), 404);
	CHECK_INT_EQ(render("/author/jane/feed/", &b), 200);
	CHECK_INT_EQ(render("/author/jane/feed/atom/", &b), 200);
	CHECK_INT_EQ(render("/author/nobody/feed/", &b), 404);
	CHECK_INT_EQ(render("/feed", &b), 301);
	CHECK_INT_EQ(render("/feed/page/2/", &b), 404);
	buf_free(&b);
}

static void
test_sitemap_and_robots_render(void)
{
	struct buf	 b = BUF_INIT;

	CHECK_INT_EQ(render("/sitemap.xml", &b), 200);
	CHECK(strstr(b.data, "<loc>https://t.example/</loc><lastmod>"
	    "2022-08-08T23:06:40Z</lastmod>") != NULL);
	CHECK(strstr(b.data, "<loc>https://t.example/about/team/</loc>") !=
	    NULL);
	CHECK(strstr(b.data, "<loc>https://t.example/about/</loc><lastmod>"
	    "2020-09-13T12:26:40Z</lastmod>") != NULL);
	CHECK(strstr(b.data, "<loc>https://t.example/category/news/events/"
	    "</loc>") != NULL);
	CHECK(strstr(b.data, "<loc>https://t.example/category/news/</loc>")
	    != NULL);
	CHECK(strstr(b.data, "secret") == NULL);
	CHECK(strstr(b.data, "future") == NULL);
	CHECK(strstr(b.data, "/category/empty/") == NULL);
	CHECK_INT_EQ(render("/robots.txt", &b), 200);
	CHECK(strstr(b.data, "Sitemap: https://t.example/sitemap.xml\n") !=
	    NULL);
	CHECK_INT_EQ(render("/sitemap.xml/", &b), 404);
	CHECK_INT_EQ(render("/robots.txt.bak", &b), 404);
	/* One file is enough: there is no index, so no parts. */
	CHECK_INT_EQ(render("/sitemap-1.xml", &b), 404);
	buf_free(&b);
}

static void
test_head_metadata(void)
{
	struct buf	 b = BUF_INIT;

	CHECK_INT_EQ(render("/category/news/", &b), 200);
	CHECK(strstr(b.data, "href=\"/category/news/feed/atom/\"") != NULL);
	CHECK(strstr(b.data, "<link rel=\"canonical\" href=\"https://"
	    "t.example/category/news/\">") != NULL);
	CHECK_INT_EQ(render("/", &b), 200);
	CHECK(strstr(b.data, "<link rel=\"next\" href=\"/page/2/\">") !=
	    NULL);
	CHECK_INT_EQ(render("/2022/03/19/hello/", &b), 200);
	CHECK(strstr(b.data, "<meta property=\"og:type\" content=\"article"
	    "\">") != NULL);
	CHECK(strstr(b.data, "<meta property=\"og:description\" content=\""
	    "Ex &amp; cerpt\">") != NULL);
	CHECK_INT_EQ(render("/nope/", &b), 404);
	CHECK(strstr(b.data, "noindex") != NULL);
	buf_free(&b);
}

static void
test_xml_clean(void)
{
	CHECK_STR_EQ(xml_clean(&arena, "plain <b> & text"),
	    "plain <b> & text");
	CHECK_STR_EQ(xml_clean(&arena, "a\x01\x08\x0b\x0c\x1f" "b\tc\nd\re"),
	    "ab\tc\nd\re");
	CHECK_STR_EQ(xml_clean(&arena,
	    "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80"),
	    "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80");
	CHECK_STR_EQ(xml_clean(&arena, "x\xff" "y\xc3" "z\xed\xa0\x80" "w"),
	    "xyzw");
	CHECK_STR_EQ(xml_clean(&arena, "a\xef\xbf\xbe" "b\xef\xbf\xbf" "c"),
	    "abc");
	CHECK_STR_EQ(xml_clean(&arena, "end\xe2\x80"), "end");
}

static void
test_html_absolute(void)
{
	CHECK_STR_EQ(html_absolute(&arena, "<a href=\"/2022/x/\">x</a> "
	    "<img src=\"/img.png\" alt=\"\">", "https://h.example"),
	    "<a href=\"https://h.example/2022/x/\">x</a> "
	    "<img src=\"https://h.example/img.png\" alt=\"\">");
	CHECK_STR_EQ(html_absolute(&arena, "<a href=\"//cdn.example/x\">"
	    "<a href=\"https://o.example/\"><a href=\"#top\">",
	    "https://h.example"), "<a href=\"//cdn.example/x\">"
	    "<a href=\"https://o.example/\"><a href=\"#top\">");
	CHECK_STR_EQ(html_absolute(&arena, "", "https://h.example"), "");
	CHECK_STR_EQ(html_absolute(&arena, "href=\"/", "http://a"),
	    "href=\"http://a/");
}

static void
test_feed_paths(void)
{
	CHECK_STR_EQ(url_feed(&arena, "/", FEED_RSS), "/feed/");
	CHECK_STR_EQ(url_feed(&arena, "/", FEED_ATOM), "/feed/atom/");
	CHECK_STR_EQ(url_feed(&arena, "/category/news/", FEED_ATOM),
	    "/category/news/feed/atom/");
}

static void
test_feed_dates(void)
{
	/* Always UTC, whatever the site's zone. */
	date_set_zone("America/New_York");
	CHECK_STR_EQ(date_rfc822(&arena, 1647660600),
	    "Sat, 19 Mar 2022 03:30:00 +0000");
	CHECK_STR_EQ(date_rfc3339(&arena, 1647660600),
	    "2022-03-19T03:30:00Z");
	CHECK_STR_EQ(date_rfc822(&arena, 0), "Thu, 01 Jan 1970 00:00:00 +0000");
	date_set_zone("UTC");
}

/*
 * Last-Modified follows what is visible: a scheduled post coming due
 * moves it without any write, and so does the ETag.
 */
static void
test_validators_follow_scheduled_posts(void)
{
	struct buf		 b = BUF_INIT;
	struct validators	 before, after;

	CHECK_INT_EQ(render_at("/", 4105900000, &b, &before), 200);
	CHECK(strstr(b.data, "/future/") == NULL);
	CHECK(before.last_modified < 4105900800);
	CHECK_INT_EQ(render_at("/", 4105901000, &b, &after), 200);
	CHECK(strstr(b.data, "/future/") != NULL);
	CHECK_INT_EQ(after.last_modified, 4105900800);
	CHECK(strcmp(before.etag, after.etag) != 0);
	CHECK_INT_EQ(after.max_age, 60);
	buf_free(&b);
}

/*
 * Past 2,000 URLs /sitemap.xml is an index and /sitemap-N.xml the
 * files, which together list every URL once, in the order of the one
 * file. Runs last: it adds 2,100 posts.
 */
static void
test_sitemap_index(void)
{
	struct buf	 b = BUF_INIT;

	/* 3 posts + home + 2 pages + 2 categories are there; 2,100 more
	 * posts, a day apart, make 2,108 URLs. */
	CHECK_INT_EQ(sqlite3_exec(db, "WITH RECURSIVE n(i) AS (SELECT 1"
	    " UNION ALL SELECT i + 1 FROM n WHERE i < 2100)"
	    " INSERT INTO post (slug, title, body_html, excerpt, status,"
	    " author_id, published_at, updated_at)"
	    " SELECT 'bulk-' || i, 'Bulk', '', '', 'published', 1,"
	    " 1500000000 + i * 86400, 1500000000 + i * 86400 FROM n",
	    NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT_EQ(render("/sitemap.xml", &b), 200);
	CHECK(strstr(b.data, "<sitemapindex xmlns=\"http://www.sitemaps.org/"
	    "schemas/sitemap/0.9\">") != NULL);
	CHECK(strstr(b.data, "<urlset") == NULL);
	CHECK(strstr(b.data, "<sitemap><loc>https://t.example/sitemap-1.xml"
	    "</loc></sitemap>") != NULL);
	CHECK(strstr(b.data, "<loc>https://t.example/sitemap-2.xml</loc>") !=
	    NULL);
	CHECK(strstr(b.data, "sitemap-3.xml") == NULL);

	CHECK_INT_EQ(render("/sitemap-1.xml", &b), 200);
	CHECK(strstr(b.data, "<urlset") != NULL);
	CHECK_INT_EQ(count_of(b.data, "<url>"), 2000);
	CHECK(strstr(b.data, "<loc>https://t.example/</loc>") != NULL);
	/* Home and the newest 1,999 of the 2,103 posts. */
	CHECK(strstr(b.data, "/bulk-2100/") != NULL);
	CHECK(strstr(b.data, "/hello/") != NULL);
	CHECK(strstr(b.data, "/bulk-105/") != NULL);
	CHECK(strstr(b.data, "/bulk-104/") == NULL);

	CHECK_INT_EQ(render("/sitemap-2.xml", &b), 200);
	/* The oldest 104 posts, 2 pages and 2 categories. */
	CHECK_INT_EQ(count_of(b.data, "<url>"), 108);
	CHECK(strstr(b.data, "/bulk-104/") != NULL);
	CHECK(strstr(b.data, "/bulk-1/") != NULL);
	CHECK(strstr(b.data, "/bulk-105/") == NULL);
	CHECK(strstr(b.data, "<loc>https://t.example/</loc>") == NULL);
	CHECK(strstr(b.data, "/hello/") == NULL);
	CHECK(strstr(b.data, "<loc>https://t.example/about/team/</loc>") !=
	    NULL);
	CHECK(strstr(b.data, "<loc>https://t.example/category/news/</loc>")
	    != NULL);
	CHECK(strstr(b.data, "secret") == NULL);
	CHECK(strstr(b.data, "future") == NULL);

	CHECK_INT_EQ(render("/sitemap-3.xml", &b), 404);
	CHECK_INT_EQ(render("/sitemap-0.xml", &b), 404);
	CHECK_INT_EQ(render("/sitemap-01.xml", &b), 404);
	CHECK_INT_EQ(render("/sitemap-.xml", &b), 404);
	CHECK_INT_EQ(render("/sitemap-1x.xml", &b), 404);
	CHECK_INT_EQ(render("/sitemap-99999999.xml", &b), 404);
	buf_free(&b);
}

int
main(void)
{
	if ((db = fixture_open(fixture)) == NULL)
		return 1;
	RUN(test_xml_clean);
	RUN(test_html_absolute);
	RUN(test_feed_paths);
	RUN(test_feed_dates);
	RUN(test_feeds_render);
	RUN(test_sitemap_and_robots_render);
	RUN(test_head_metadata);
	RUN(test_validators_follow_scheduled_posts);
	RUN(test_sitemap_index);
	render_templates_free(templates);
	site_free();
	db_close(db);
	arena_free(&arena);
	HARNESS_EXIT();
}
