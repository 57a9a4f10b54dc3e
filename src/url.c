/*
 * url.c -- every public path Folio writes, the reverse of route.c's
 * table (url.h). Keep the two in step: a shape added there is made here.
 */
#include <string.h>

#include "folio.h"
#include "date.h"
#include "url.h"

char *
url_post(struct arena *a, time_t t, const char *slug)
{
	return url_child(a, url_day(a, t), slug);
}

char *
url_archive(struct arena *a, int year, int month, int day)
{
	if (month == 0)
		return arena_printf(a, "/%04d/", year);
	if (day == 0)
		return arena_printf(a, "/%04d/%02d/", year, month);
	return arena_printf(a, "/%04d/%02d/%02d/", year, month, day);
}

char *
url_day(struct arena *a, time_t t)
{
	int	 y, m, d;

	date_local(t, &y, &m, &d);
	return url_archive(a, y, m, d);
}

char *
url_page(struct arena *a, const char *path)
{
	return *path == '\0' ? arena_strdup(a, "/") :
	    arena_printf(a, "/%s/", path);
}

char *
url_category(struct arena *a, const char *path)
{
	return *path == '\0' ? arena_strdup(a, "/category/") :
	    arena_printf(a, "/category/%s/", path);
}

char *
url_child(struct arena *a, const char *parent, const char *slug)
{
	return arena_printf(a, "%s%s/", parent, slug);
}

char *
url_category_segs(struct arena *a, const char *const *slugs, size_t n)
{
	char	*url = url_category(a, "");
	size_t	 i;

	for (i = 0; i < n; i++)
		url = url_child(a, url, slugs[i]);
	return url;
}

char *
url_tag(struct arena *a, const char *slug)
{
	return arena_printf(a, "/tag/%s/", slug);
}

char *
url_author(struct arena *a, const char *slug)
{
	return arena_printf(a, "/author/%s/", slug);
}

char *
url_feed(struct arena *a, const char *list, enum feed_kind k)
{
	return arena_printf(a, "%s%s", list,
	    k == FEED_ATOM ? "feed/atom/" : "feed/");
}

char *
url_list_page(struct arena *a, const char *list, long n)
{
	return n == 1 ? arena_strdup(a, list) :
	    arena_printf(a, "%spage/%ld/", list, n);
}

char *
url_search(struct arena *a, const char *query, long n)
{
	struct buf	 b = BUF_INIT;
	char		*s;

	buf_puts(&b, url_list_page(a, "/", n > 1 ? n : 1));
	buf_puts(&b, "?s=");
	url_part(&b, query, strlen(query));
	s = arena_strdup(a, b.data);
	buf_free(&b);
	return s;
}

char *
url_sitemap(struct arena *a, size_t n)
{
	return n == 0 ? arena_strdup(a, "/sitemap.xml") :
	    arena_printf(a, "/sitemap-%zu.xml", n);
}

char *
url_abs(struct arena *a, const char *origin, const char *path)
{
	return arena_printf(a, "%s%s", origin, path);
}
