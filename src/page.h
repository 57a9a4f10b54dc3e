/*
 * page.h -- the public handlers, one page_*.c file per page or group of
 * pages (route.c's table names them). "Page" here is a response; the
 * CMS's own pages (the page table, /about/team/) are one kind of it,
 * page_page() in page_page.c. Each handler fills r->vars, r->tmpl and
 * r->title from checked route captures and returns FOLIO_OK,
 * FOLIO_ERR_NOTFOUND (answer 404) or another error (500; already
 * logged). None writes to the client.
 */
#ifndef PAGE_H
#define PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "folio.h"

struct req;

enum folio_err	 page_home(struct req *);	/* page_list.c */
enum folio_err	 page_archive(struct req *);
enum folio_err	 page_category(struct req *);
enum folio_err	 page_tag(struct req *);
enum folio_err	 page_author(struct req *);
enum folio_err	 page_post(struct req *);	/* page_post.c */
enum folio_err	 page_page(struct req *);	/* page_page.c: CMS pages */
/*
 * What page_page() puts around page "id" (its parent "parent", 0 at the
 * top, and "slug"), for the admin's preview, which has no path to
 * resolve: the breadcrumbs of its ancestors, published or not,
 * r->current_url, and its published children.
 */
enum folio_err	 page_page_extras(struct req *, int64_t id, int64_t parent,
		    const char *slug);
enum folio_err	 page_search(struct req *);	/* page_search.c */
enum folio_err	 page_feed_rss(struct req *);	/* page_feed.c */
enum folio_err	 page_feed_atom(struct req *);
enum folio_err	 page_category_rss(struct req *);
enum folio_err	 page_category_atom(struct req *);
enum folio_err	 page_tag_rss(struct req *);
enum folio_err	 page_tag_atom(struct req *);
enum folio_err	 page_author_rss(struct req *);
enum folio_err	 page_author_atom(struct req *);
enum folio_err	 page_sitemap(struct req *);	/* page_sitemap.c */
enum folio_err	 page_sitemap_part(struct req *);
enum folio_err	 page_robots(struct req *);

/* Turn r into an error page with this status (page_error.c). */
void		 page_error(struct req *, int status);

struct post_summary;
/* Share links, categories, tags, neighbours: for the admin's preview. */
enum folio_err	 page_post_extras(struct req *, const struct post_summary *,
		    const int64_t *cats, size_t ncats,
		    const char *const *tags, size_t ntags);

#endif /* PAGE_H */
