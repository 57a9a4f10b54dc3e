/*
 * test_feed.c -- what keeps feeds well-formed and useful away from the
 * site: XML-clean text, absolute links in content, the feed dates.
 */
#include <string.h>

#include "folio.h"
#include "date.h"
#include "feed.h"
#include "harness.h"

static struct arena	 arena = ARENA_INIT;

static void
test_xml_clean(void)
{
	CHECK_STR_EQ(xml_clean(&arena, "plain <b> & text"),
	    "plain <b> & text");
	CHECK_STR_EQ(xml_clean(&arena, "a\x01\x08\x0b\x0c\x1f" "b\tc\nd\re"),
	    "ab\tc\nd\re");
	CHECK_STR_EQ(xml_clean(&arena, "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80"),
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
	CHECK_STR_EQ(feed_path(&arena, "/", FEED_RSS), "/feed/");
	CHECK_STR_EQ(feed_path(&arena, "/", FEED_ATOM), "/feed/atom/");
	CHECK_STR_EQ(feed_path(&arena, "/category/news/", FEED_ATOM),
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

int
main(void)
{
	RUN(test_xml_clean);
	RUN(test_html_absolute);
	RUN(test_feed_paths);
	RUN(test_feed_dates);
	arena_free(&arena);
	HARNESS_EXIT();
}
