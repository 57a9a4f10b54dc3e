/*
 * test_url.c -- the public paths url.c writes: each is a shape route.c
 * reads (test_route.c requests them), in the site's zone for dates.
 */
#include <stdlib.h>
#include <time.h>

#include "folio.h"
#include "date.h"
#include "url.h"
#include "harness.h"

static struct arena	 arena = ARENA_INIT;

static void
test_dates_in_site_zone(void)
{
	/* 2022-03-19 03:30 UTC is still March 18 in New York. */
	time_t	 t = 1647660600;

	date_set_zone("America/New_York");
	CHECK_STR_EQ(url_day(&arena, t), "/2022/03/18/");
	CHECK_STR_EQ(url_post(&arena, t, "hello"), "/2022/03/18/hello/");
	date_set_zone("UTC");
	CHECK_STR_EQ(url_post(&arena, t, "hello"), "/2022/03/19/hello/");
	CHECK_STR_EQ(url_archive(&arena, 2022, 0, 0), "/2022/");
	CHECK_STR_EQ(url_archive(&arena, 2022, 3, 0), "/2022/03/");
	CHECK_STR_EQ(url_archive(&arena, 2022, 3, 8), "/2022/03/08/");
}

static void
test_trees(void)
{
	const char	*segs[] = { "news", "events" };

	CHECK_STR_EQ(url_page(&arena, ""), "/");
	CHECK_STR_EQ(url_page(&arena, "about/team"), "/about/team/");
	CHECK_STR_EQ(url_category(&arena, ""), "/category/");
	CHECK_STR_EQ(url_category(&arena, "news/events"),
	    "/category/news/events/");
	CHECK_STR_EQ(url_child(&arena, url_category(&arena, ""), "news"),
	    "/category/news/");
	CHECK_STR_EQ(url_child(&arena, "/about/", "team"), "/about/team/");
	CHECK_STR_EQ(url_category_segs(&arena, segs, 2),
	    "/category/news/events/");
}

static void
test_terms_and_lists(void)
{
	CHECK_STR_EQ(url_tag(&arena, "lantern"), "/tag/lantern/");
	CHECK_STR_EQ(url_author(&arena, "jane"), "/author/jane/");
	CHECK_STR_EQ(url_feed(&arena, "/tag/lantern/", FEED_RSS),
	    "/tag/lantern/feed/");
	CHECK_STR_EQ(url_list_page(&arena, "/2022/", 1), "/2022/");
	CHECK_STR_EQ(url_list_page(&arena, "/2022/", 3), "/2022/page/3/");
	CHECK_STR_EQ(url_search(&arena, "a b&c", 1), "/?s=a%20b%26c");
	CHECK_STR_EQ(url_search(&arena, "x", 2), "/page/2/?s=x");
	CHECK_STR_EQ(url_sitemap(&arena, 0), "/sitemap.xml");
	CHECK_STR_EQ(url_sitemap(&arena, 2), "/sitemap-2.xml");
	CHECK_STR_EQ(url_abs(&arena, "https://example.org", "/x/"),
	    "https://example.org/x/");
}

int
main(void)
{
	RUN(test_dates_in_site_zone);
	RUN(test_trees);
	RUN(test_terms_and_lists);
	arena_free(&arena);
	HARNESS_EXIT();
}
