/*
 * render.c -- one request's page into a buffer: check input, route, let
 * the handler fill variables, add what every page shows, render the
 * template. The public handler (main.c) puts headers in front and sends
 * it; export-static writes it to a file. Both use this code, so a page is
 * made by exactly one piece of code whoever asks for it.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "config.h"
#include "meta.h"
#include "render.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"


static const char *const tmpl_files[TMPL__MAX] = {
	[TMPL_LIST] = "list.tmpl",
	[TMPL_POST] = "post.tmpl",
	[TMPL_PAGE] = "page.tmpl",
	[TMPL_ERROR] = "error.tmpl",
	[TMPL_SEARCH] = "search.tmpl",
	[TMPL_RSS] = "rss.tmpl",
	[TMPL_ATOM] = "atom.tmpl",
	[TMPL_SITEMAP] = "sitemap.tmpl",
	[TMPL_ROBOTS] = "robots.tmpl",
};

/* What each template makes; NULL: an HTML page. */
static const char *const tmpl_types[TMPL__MAX] = {
	[TMPL_RSS] = "application/rss+xml; charset=utf-8",
	[TMPL_ATOM] = "application/atom+xml; charset=utf-8",
	[TMPL_SITEMAP] = "application/xml; charset=utf-8",
	[TMPL_ROBOTS] = "text/plain; charset=utf-8",
};

const char *
render_type(enum page_tmpl t)
{
	return tmpl_types[t] != NULL ? tmpl_types[t] :
	    "text/html; charset=utf-8";
}

int
render_templates_load(struct tmpl *t[TMPL__MAX])
{
	return tmpl_load_set(config_current()->value[CONF_TEMPLATES],
	    tmpl_files, t, TMPL__MAX);
}

void
render_templates_free(struct tmpl *t[TMPL__MAX])
{
	tmpl_free_set(t, TMPL__MAX);
}

int
render_begin(struct req *r, sqlite3 *db, struct arena *arena,
    const struct cgi_env *e, time_t now)
{
	arena_reset(arena);
	memset(r, 0, sizeof(*r));
	r->arena = arena;
	r->db = db;
	r->now = now;
	r->status = 200;
	r->vars = tvars_new(arena);
	r->site = site_get(db, r->now);

	if (req_parse(r, e) != FOLIO_OK)
		page_error(r, 400);
	else if (r->site == NULL)
		page_error(r, 503);
	else
		return 1;
	return 0;
}

void
render_finish(struct req *r, int routed, struct tmpl *const t[TMPL__MAX],
    struct buf *body)
{
	buf_reset(body);
	if (routed)
		route_dispatch(r);
	if (r->status == 301)
		return;
	if (r->site != NULL)
		site_vars(r, r->title);
	if (r->description != NULL && r->description[0] != '\0')
		tvars_set(r->vars, "meta_description", r->description);
	if (r->site != NULL)
		meta_vars(r);
	tmpl_render(t[r->tmpl], r->vars, body);
}

void
render_page(struct req *r, sqlite3 *db, struct tmpl *const t[TMPL__MAX],
    struct arena *arena, const struct cgi_env *e, time_t now,
    struct buf *body)
{
	render_finish(r, render_begin(r, db, arena, e, now), t, body);
}
