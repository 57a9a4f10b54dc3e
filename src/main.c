/*
 * main.c -- cgi-bin/folio.fcgi, the public site. Read-only and the hot
 * path. One binary, three ways to run:
 *
 *	folio.fcgi --socket PATH [--workers N]	bind PATH, prefork N workers
 *	folio.fcgi (fd 0 a listening socket)	a FastCGI worker, spawned
 *	folio.fcgi (anything else)		plain CGI: one request, exit
 *
 * The process model is server.c's, shared with the admin handler.
 * Each request: parse and check input (req.c), route (route.c), let the
 * handler fill variables (page_*.c), render the page's template into one
 * buffer and send headers and body in one write.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folio.h"
#include "db.h"
#include "pagecache.h"
#include "render.h"
#include "req.h"
#include "server.h"
#include "site.h"
#include "tmpl.h"
#include "validators.h"

static struct tmpl	*templates[TMPL__MAX];

/* What every public response says about itself, after its length. */
static const char policy[] =
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: strict-origin-when-cross-origin\r\n"
    "Content-Security-Policy: default-src 'self'; script-src 'none'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'\r\n";

static int
templates_load(void)
{
	return render_templates_load(templates);
}

static void
templates_free(void)
{
	pagecache_clear();
	render_templates_free(templates);
}

/* The cache key: everything that makes two responses differ. */
static const char *
page_key(const struct req *r)
{
	return arena_printf(r->arena, "%s\n%s?%s", r->origin, r->raw_path,
	    r->query);
}

/* The client's copy is current: headers only (validators.c). */
static void
not_modified(struct req *r, const struct validators *v, struct buf *out)
{
	buf_reset(out);
	server_head_begin(out, 304, NULL, NULL);
	validators_headers(r, v, out);
	server_head_end(out, NULL, 0, NULL);
}

/*
 * Answer one request: the complete response, headers and body, ends up
 * in "out", so nothing reaches the client until it is whole. A page asked
 * for before in this site build comes from the page cache, with the
 * validators it was made with.
 */
static void
serve(sqlite3 *db, struct arena *arena, const struct cgi_env *e,
    struct buf *body, struct buf *out)
{
	static unsigned long	 cached_build;
	const struct cached_page *hit;
	struct req		 r;
	struct validators	 v;
	const char		*key = NULL, *type;
	size_t			 head_len;
	int			 routed;

	buf_reset(out);
	routed = render_begin(&r, db, arena, e, time(NULL));
	if (r.site != NULL && r.site->build != cached_build) {
		pagecache_clear();
		cached_build = r.site->build;
	}
	if (routed && r.method != METHOD_OTHER) {
		key = page_key(&r);
		if ((hit = pagecache_get(key)) != NULL) {
			r.status = hit->status;
			if (validators_fresh(&r, &hit->validators))
				not_modified(&r, &hit->validators, out);
			else
				buf_append(out, hit->data,
				    r.method == METHOD_HEAD ? hit->head_len :
				    hit->len);
			return;
		}
	}
	render_finish(&r, routed, templates, body);
	validators_make(&r, body, &v);

	server_head_begin(out, r.status, r.location, "GET, HEAD");
	validators_headers(&r, &v, out);
	type = render_type(r.tmpl);
	server_head_end(out, type, body->len, policy);
	head_len = out->len;
	buf_append(out, body->data, body->len);
	/* What a page shows depends only on its key and the site build. */
	if (key != NULL && (r.status == 200 || r.status == 301 ||
	    r.status == 404))
		pagecache_put(key, out->data, out->len, head_len, r.status,
		    &v);
	if (validators_fresh(&r, &v))
		not_modified(&r, &v, out);
	else if (r.method == METHOD_HEAD) {
		out->len = head_len;
		out->data[out->len] = '\0';
	}
}

static const struct server public_server = {
	"folio.fcgi", DB_READONLY, 0, templates_load, templates_free, serve,
	site_free,
};

int
main(int argc, char *argv[])
{
	return server_main(&public_server, argc, argv);
}
