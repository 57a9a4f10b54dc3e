/*
 * visible.h -- what a visitor may see, decided in one place: every
 * query that lists, counts, dates or links posts and pages for the
 * public site (lists, feeds, sitemap, search, tags, authors, neighbours,
 * redirects, the site cache, the export) takes its condition from here,
 * and tests/lint.sh refuses "status = 'published'" anywhere else.
 *
 * The macros expand to string literals, so a statement stays one
 * literal (db_stmt() caches by its address; tests/lint.sh refuses SQL
 * built at run time): "a" is a table alias with its dot ("p.") or "",
 * "now" the parameter holding the request's time ("?1").
 */
#ifndef VISIBLE_H
#define VISIBLE_H

#include <string.h>
#include <time.h>

/*
 * A post is public once published and its time has come; published
 * with a later time is scheduled. The search index holds every
 * published post (schema.sql's triggers), visible or not yet.
 */
#define SQL_POST_PUBLISHED(a)	a "status = 'published'"
#define SQL_POST_VISIBLE(a, now) \
	SQL_POST_PUBLISHED(a) " AND " a "published_at <= " now
#define SQL_POST_SCHEDULED(a, now) \
	SQL_POST_PUBLISHED(a) " AND " a "published_at > " now

/* The same test in C, for a post already read (the admin's links). */
static inline int
visible_post(const char *status, time_t published_at, time_t now)
{
	return strcmp(status, "published") == 0 && published_at <= now;
}

/*
 * A page is public when it and every page above it are published (it
 * has no time of its own). SQL_PAGE_PUBLISHED is one page's part of
 * that; page_page.c walks a path down with it, one segment at a time.
 */
#define SQL_PAGE_PUBLISHED(a)	a "status = 'published'"

/*
 * The public pages, for "WITH RECURSIVE " SQL_PAGE_VISIBLE " SELECT...":
 * visible_page(id, path) from the top down, path being the slugs from
 * the top joined by '/' ("about/team", url_page() makes its URL).
 */
#define SQL_PAGE_VISIBLE "visible_page(id, path) AS (" \
	" SELECT id, slug FROM page" \
	"  WHERE parent_id IS NULL AND " SQL_PAGE_PUBLISHED("") \
	" UNION ALL SELECT c.id, v.path || '/' || c.slug" \
	"  FROM page c JOIN visible_page v ON c.parent_id = v.id" \
	"  WHERE " SQL_PAGE_PUBLISHED("c.") ")"

/*
 * The same path for one page, walking up from the row "g" names (an
 * alias without its dot), or NULL when a page above it is not
 * published; the row itself the caller tests with SQL_PAGE_PUBLISHED.
 * A subquery, for the search's few matching pages, where the whole
 * tree would be walked for each. A loop in the data stops at 64 levels.
 */
#define SQL_PAGE_VISIBLE_PATH(g) "(WITH RECURSIVE up(parent, path, n) AS (" \
	"SELECT " g ".parent_id, " g ".slug, 0 " \
	"UNION ALL SELECT a.parent_id, a.slug || '/' || up.path, up.n + 1 " \
	"FROM page a JOIN up ON a.id = up.parent " \
	"WHERE " SQL_PAGE_PUBLISHED("a.") " AND up.n < 64) " \
	"SELECT path FROM up WHERE parent IS NULL)"

#endif /* VISIBLE_H */
