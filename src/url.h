/*
 * url.h -- the public paths Folio links to, made in one place: route.c
 * reads a path into a handler, this writes one from what it names, so a
 * URL shape is spelled in route.c's table and in url.c and nowhere else
 * (tests/lint.sh checks). Every path is site-relative, starts and ends
 * with '/' and holds its slugs as they are stored ([a-z0-9-], nothing
 * to escape); url_abs() puts an origin in front.
 */
#ifndef URL_H
#define URL_H

#include <stddef.h>
#include <time.h>

struct arena;

enum feed_kind {
	FEED_RSS,
	FEED_ATOM,
	FEED__MAX,
};

/* "/2022/03/18/slug/": a post published at t, in the site's zone. */
char	*url_post(struct arena *, time_t t, const char *slug);

/*
 * A date archive: "/2022/", "/2022/03/" (day 0) or "/2022/03/18/";
 * url_day() is the day archive of time t in the site's zone.
 */
char	*url_archive(struct arena *, int year, int month, int day);
char	*url_day(struct arena *, time_t t);

/*
 * Pages and categories are trees: "path" is their slugs from the top,
 * joined by '/' ("about/team"), as the SQL of visible.h makes it. ""
 * is the tree's root, "/" or "/category/", below which url_child()
 * puts a child: "/about/" and "team" are "/about/team/".
 */
char	*url_page(struct arena *, const char *path);
char	*url_category(struct arena *, const char *path);
char	*url_child(struct arena *, const char *parent, const char *slug);
/* The category at the slugs of a request's path ("news", "events"). */
char	*url_category_segs(struct arena *, const char *const *slugs,
	    size_t n);

/* "/tag/slug/", "/author/slug/" */
char	*url_tag(struct arena *, const char *slug);
char	*url_author(struct arena *, const char *slug);

/* The feed of the list at "list" ("/", "/category/news/"): + feed/ or
 * feed/atom/. */
char	*url_feed(struct arena *, const char *list, enum feed_kind);

/* Page n of the list at "list": the list itself for 1, else list + page/N/. */
char	*url_list_page(struct arena *, const char *list, long n);

/* "/?s=words" or "/page/3/?s=words": the query percent-encoded. */
char	*url_search(struct arena *, const char *query, long n);

/* "/sitemap.xml" for 0, else the sitemap index's "/sitemap-N.xml". */
char	*url_sitemap(struct arena *, size_t n);

/* origin + path: "https://example.org" and "/x/" make
 * "https://example.org/x/". */
char	*url_abs(struct arena *, const char *origin, const char *path);

#endif /* URL_H */
