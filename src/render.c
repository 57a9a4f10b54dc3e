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
#include "date.h"
#include "meta.h"
#include "page.h"
#include "render.h"
#include "req.h"
#include "route.h"
#include "site.h"
#include "tmpl.h"
#include "url.h"


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
		render_site_vars(r, r->title);
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

/* 1 if "url" is a site path ("/x/") that contains "path". */
static int
url_contains(const char *url, const char *path)
{
	size_t	 len = strlen(url);

	return len > 1 && url[0] == '/' && url[len - 1] == '/' &&
	    strncmp(url, path, len) == 0;
}

/*
 * "page" for this very page, "section" for an item above it in the menu
 * or in the URL tree (or above one of its section URLs, such as a post's
 * categories), else "".
 */
static const char *
menu_mark(const struct req *r, const struct menu_item *m, int child_marked)
{
	size_t	 i;

	if (r->current_url == NULL)
		return "";
	if (strcmp(m->url, r->current_url) == 0)
		return "page";
	if (child_marked || url_contains(m->url, r->current_url))
		return "section";
	for (i = 0; i < r->nsection_urls; i++)
		if (url_contains(m->url, r->section_urls[i]))
			return "section";
	return "";
}

/*
 * Add the items as rows of v's menu loop for their depth; 1 if any is
 * marked.
 */
static int
menu_vars(struct req *r, struct tvars *v, const struct menu_item *items,
    size_t n, int depth)
{
	static const char *const loops[] = { "menu", "submenu", "subsubmenu" };
	size_t		 i;
	int		 any = 0, below;
	struct tvars	*row;
	const char	*mark;

	for (i = 0; i < n; i++) {
		row = tvars_add_row(v, loops[depth]);
		below = 0;
		if (depth + 1 < MENU_DEPTH && items[i].nchildren > 0)
			below = menu_vars(r, row, items[i].children,
			    items[i].nchildren, depth + 1);
		mark = menu_mark(r, &items[i], below);
		tvars_set(row, "label", items[i].label);
		tvars_set(row, "url", items[i].url);
		tvars_set(row, "current", mark);
		any |= mark[0] != '\0';
	}
	return any;
}

void
render_site_vars(struct req *r, const char *page_title)
{
	const struct site	*s = r->site;
	struct tvars		*v = r->vars, *row;
	size_t			 i;
	int			 y, m, d;

	tvars_set(v, "site_title", s->title);
	tvars_set(v, "site_tagline", s->tagline);
	tvars_set(v, "site_mission", s->mission);
	tvars_set(v, "site_vision", s->vision);
	tvars_set(v, "contact_email", s->contact_email);
	tvars_set(v, "copyright_holder", s->copyright_holder);
	date_local(r->now, &y, &m, &d);
	tvars_set_int(v, "year", y);
	tvars_set(v, "page_title", page_title && *page_title ?
	    arena_printf(r->arena, "%s \xe2\x80\x94 %s", page_title,
	    s->title) : s->title);
	if (r->current_url != NULL)
		tvars_set(v, "canonical_url", r->current_url);
	if (r->preview) {
		tvars_set(v, "preview", "1");
		tvars_set(v, "preview_edit_url", r->preview_edit_url);
	}
	menu_vars(r, v, s->menu, s->nmenu, 0);
	for (i = 0; i < s->ncats; i++) {
		if (s->cats[i].count == 0)
			continue;
		row = tvars_add_row(v, "categories");
		tvars_set(row, "name", s->cats[i].name);
		tvars_set(row, "url", s->cats[i].url);
		tvars_set_int(row, "count", s->cats[i].count);
	}
	for (i = 0; i < s->nmonths; i++) {
		row = tvars_add_row(v, "archives");
		tvars_set(row, "label", date_month(r->arena, s->months[i].year,
		    s->months[i].month));
		tvars_set(row, "url", url_archive(r->arena, s->months[i].year,
		    s->months[i].month, 0));
		tvars_set_int(row, "count", s->months[i].count);
	}
	for (i = 0; i < s->nfooter; i++) {
		row = tvars_add_row(v, "footer_links");
		tvars_set(row, "label", s->footer[i].label);
		tvars_set(row, "url", s->footer[i].url);
	}
}
