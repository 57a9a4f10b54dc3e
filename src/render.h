/*
 * render.h -- one request in, one complete response out: the path the
 * public handler (main.c) and `folio export-static` (export.c) share, so
 * a page is made by exactly one piece of code whoever asks for it.
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

/*
 * Render the page for one request as of "now" into "body" (reset
 * first), filling "r" with the outcome: r->status, r->location for a
 * 301, r->method. The arena is reset, and holds what r points to until
 * the next call. Cannot fail: errors become error pages. The headers
 * are the caller's (main.c).
 */
void		 render_page(struct req *r, sqlite3 *,
		    struct tmpl *const t[TMPL__MAX], struct arena *,
		    const struct cgi_env *, time_t now, struct buf *body);

#endif /* RENDER_H */
