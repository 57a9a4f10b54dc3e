/*
 * meta.c -- the variables header.tmpl needs to describe the page to
 * other programs. Handlers say what the page is (title, description,
 * current_url, feed_base); this turns that into absolute URLs and tags.
 */
#include <string.h>

#include "folio.h"
#include "meta.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"
#include "url.h"

void
meta_vars(struct req *r)
{
	const struct site	*s = r->site;
	struct tvars		*v = r->vars;
	const char		*title;

	title = r->title != NULL && r->title[0] != '\0' ? r->title : s->title;
	tvars_set(v, "og_title", title);
	tvars_set(v, "og_type", r->tmpl == TMPL_POST ? "article" : "website");
	tvars_set(v, "site_url", url_abs(r->arena, r->origin,
	    url_page(r->arena, "")));
	/* A preview is no page of the site yet: none of it is announced. */
	if (r->preview) {
		tvars_set(v, "robots_noindex", "1");
		return;
	}
	if (r->current_url != NULL)
		tvars_set(v, "canonical_abs", url_abs(r->arena, r->origin,
		    r->current_url));
	/* Error pages and search results are not for search engines. */
	if (r->status != 200 || r->tmpl == TMPL_SEARCH)
		tvars_set(v, "robots_noindex", "1");

	tvars_set(v, "feed_rss_url", url_feed(r->arena, "/", FEED_RSS));
	tvars_set(v, "feed_atom_url", url_feed(r->arena, "/", FEED_ATOM));
	if (r->feed_base != NULL) {
		tvars_set(v, "section_feed_title", r->feed_title != NULL ?
		    r->feed_title : title);
		tvars_set(v, "section_feed_rss_url",
		    url_feed(r->arena, r->feed_base, FEED_RSS));
		tvars_set(v, "section_feed_atom_url",
		    url_feed(r->arena, r->feed_base, FEED_ATOM));
	}
	if (r->search_query != NULL)
		tvars_set(v, "search_query", r->search_query);
}
