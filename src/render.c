/*
 * render.c -- one request's page into a buffer: check input, route, let
 * the handler fill variables, add what every page shows, render the
 * template. The public handler (main.c) puts headers in front and sends
 * it; export-static writes it to a file. Moved here from main.c so both
 * are the same code.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "render.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"

#ifndef FOLIO_DATADIR
#define FOLIO_DATADIR	"."
#endif

static const char *const tmpl_files[TMPL__MAX] = {
	[TMPL_LIST] = "list.tmpl",
	[TMPL_POST] = "post.tmpl",
	[TMPL_PAGE] = "page.tmpl",
	[TMPL_ERROR] = "error.tmpl",
};

int
render_templates_load(struct tmpl *t[TMPL__MAX])
{
	const char	*dir = getenv("FOLIO_TEMPLATES");
	char		 err[512];
	size_t		 i;

	if (dir == NULL || *dir == '\0')
		dir = FOLIO_DATADIR "/templates";
	for (i = 0; i < TMPL__MAX; i++) {
		t[i] = tmpl_load(dir, tmpl_files[i], err, sizeof(err));
		if (t[i] == NULL) {
			log_err("template %s", err);
			return -1;
		}
	}
	return 0;
}

void
render_templates_free(struct tmpl *t[TMPL__MAX])
{
	size_t	 i;

	for (i = 0; i < TMPL__MAX; i++) {
		tmpl_free(t[i]);
		t[i] = NULL;
	}
}

void
render_page(struct req *r, sqlite3 *db,
    struct tmpl *const templates[TMPL__MAX], struct arena *arena,
    const struct cgi_env *e, time_t now, struct buf *body)
{
	arena_reset(arena);
	buf_reset(body);
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
		route_dispatch(r);

	if (r->status != 301) {
		if (r->site != NULL)
			site_vars(r, r->title);
		if (r->description != NULL && r->description[0] != '\0')
			tvars_set(r->vars, "meta_description", r->description);
		tmpl_render(templates[r->tmpl], r->vars, body);
	}
}
