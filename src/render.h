/*
 * render.h -- one request in, one complete page out: the path the public
 * handler (main.c) and `folio export-static` (export.c) share, so a page
 * is made by exactly one piece of code whoever asks for it.
 */
#ifndef RENDER_H
#define RENDER_H

#include <sqlite3.h>
#include <time.h>

#include "folio.h"
#include "req.h"

struct tmpl;

/*
 * Load the page templates from $FOLIO_TEMPLATES, else the data folder's
 * templates/. Returns -1 after logging "file:line:col: message".
 */
int		 render_templates_load(struct tmpl *t[TMPL__MAX]);
void		 render_templates_free(struct tmpl *t[TMPL__MAX]);

/* The Content-Type of what template t makes. */
const char	*render_type(enum page_tmpl t);

/*
 * Start a request as of "now": reset the arena, fill r from the request
 * and the site cache. Returns 1 when it is ready to route; 0 when it is
 * already an error page (bad input: 400; no database: 503). The main
 * loop looks in its page cache in between.
 */
int		 render_begin(struct req *, sqlite3 *, struct arena *,
		    const struct cgi_env *, time_t now);

/*
 * Route (when "routed" is what render_begin returned) and render the
 * page into "body" (reset first), leaving the outcome in r: r->status,
 * r->location for a 301, r->tmpl. Cannot fail: errors become error
 * pages. The headers are the caller's.
 */
void		 render_finish(struct req *, int routed,
		    struct tmpl *const t[TMPL__MAX], struct buf *body);

/* Both in one, for callers without a cache (export-static). */
void		 render_page(struct req *, sqlite3 *,
		    struct tmpl *const t[TMPL__MAX], struct arena *,
		    const struct cgi_env *, time_t now, struct buf *body);

/*
 * Fill the variables every page template uses (docs/TEMPLATES.md) from
 * the site cache (r->site): site settings, the menu with this page's
 * items marked, categories, archives, footer. Also the admin's preview.
 */
void		 render_site_vars(struct req *, const char *page_title);

#endif /* RENDER_H */
