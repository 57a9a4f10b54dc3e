/*
 * admin.c -- the admin handler's request path: every check that stands
 * between the network and a handler that writes. In order: method, path,
 * body size (413) and encoding (400), session, then for each POST the
 * Origin (or Referer) and the CSRF token (403, before anything is
 * written). The admin's URL table is here too; the public site's is in
 * route.c. Responses always carry the strict security headers.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folio.h"
#include "config.h"
#include "admin.h"
#include "auth.h"
#include "date.h"
#include "db.h"
#include "form.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"


#define M_GET		0x1	/* and HEAD */
#define M_POST		0x2
#define R_PUBLIC	0x4	/* no session needed */

static void	admin_home(struct admin *);

/*
 * "#" is a row id: 1 to 18 digits, no leading zero. The first two are
 * a->id and a->sub_id.
 */
static const struct admin_route {
	const char	*pattern;
	int		 flags;
	void		(*handler)(struct admin *);
} routes[] = {
	{ "/admin/", M_GET, admin_home },
	{ "/admin/login/", M_GET | M_POST | R_PUBLIC, admin_login },
	{ "/admin/logout/", M_POST, admin_logout },
	{ "/admin/posts/", M_GET, admin_posts },
	{ "/admin/posts/new/", M_GET | M_POST, admin_post_new },
	{ "/admin/posts/#/", M_GET | M_POST, admin_post_edit },
	{ "/admin/posts/#/trash/", M_POST, admin_post_trash },
	{ "/admin/posts/#/untrash/", M_POST, admin_post_untrash },
	{ "/admin/posts/preview/", M_POST, admin_post_preview },
	{ "/admin/posts/#/preview/", M_GET | M_POST, admin_post_preview },
	{ "/admin/posts/#/revisions/", M_GET, admin_revisions },
	{ "/admin/posts/#/revisions/#/", M_GET, admin_revision },
	{ "/admin/posts/#/revisions/#/restore/",
	    M_POST, admin_revision_restore },
	{ "/admin/upload/", M_GET | M_POST, admin_upload },
	{ "/admin/categories/", M_GET, admin_categories },
	{ "/admin/categories/new/", M_GET | M_POST, admin_category_new },
	{ "/admin/categories/#/", M_GET | M_POST, admin_category_edit },
	{ "/admin/categories/#/delete/", M_POST, admin_category_delete },
	{ "/admin/tags/", M_GET, admin_tags },
	{ "/admin/tags/#/", M_GET | M_POST, admin_tag_edit },
	{ "/admin/tags/#/delete/", M_POST, admin_tag_delete },
	{ "/admin/pages/", M_GET, admin_pages },
	{ "/admin/pages/new/", M_GET | M_POST, admin_page_new },
	{ "/admin/pages/#/", M_GET | M_POST, admin_page_edit },
	{ "/admin/pages/#/trash/", M_POST, admin_page_trash },
	{ "/admin/pages/#/untrash/", M_POST, admin_page_untrash },
	{ "/admin/settings/", M_GET | M_POST, admin_settings },
	{ "/admin/users/", M_GET, admin_users },
	{ "/admin/users/new/", M_GET | M_POST, admin_user_new },
	{ "/admin/users/#/", M_GET | M_POST, admin_user_edit },
	{ "/admin/account/", M_GET | M_POST, admin_account },
	{ "/admin/menu/", M_GET, admin_menu },
	{ "/admin/menu/new/", M_POST, admin_menu_new },
	{ "/admin/menu/#/", M_GET | M_POST, admin_menu_edit },
	{ "/admin/menu/#/move/", M_POST, admin_menu_move },
	{ "/admin/menu/#/delete/", M_POST, admin_menu_delete },
};

static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Content Too Large";
	case 409: return "Conflict";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default:  return "Internal Server Error";
	}
}

void
admin_error(struct admin *a, int status, const char *msg)
{
	a->r->status = status;
	a->tmpl = AT_ERROR;
	a->location = NULL;
	tvars_set(a->r->vars, "error_title", status_text(status));
	tvars_set_int(a->r->vars, "error_status", status);
	tvars_set(a->r->vars, "error_message", msg);
}

void
admin_redirect(struct admin *a, const char *path)
{
	a->r->status = 303;
	a->location = path;
}

void
admin_set_cookie(struct admin *a, const char *value)
{
	if (a->ncookies < sizeof(a->cookies) / sizeof(a->cookies[0]))
		a->cookies[a->ncookies++] = arena_printf(a->r->arena,
		    "%s; Path=/admin; HttpOnly; SameSite=Strict%s", value,
		    a->https ? "; Secure" : "");
}

int
admin_can(const struct admin *a, enum role need)
{
	return a->logged_in && a->s.user.role >= need;
}

void
admin_field_error(struct admin *a, const char *field, const char *msg)
{
	tvars_set(a->r->vars, arena_printf(a->r->arena, "err_%s", field),
	    msg);
	tvars_set(a->r->vars, "has_errors", "1");
}

const char *
admin_input(const struct admin *a, const char *name)
{
	const char	*v = form_get(&a->form, name);

	return v != NULL ? v : "";
}

const char *
admin_qs(const struct admin *a, const char *name)
{
	const char	*v = form_get(&a->query, name);

	return v != NULL ? v : "";
}

int
admin_id_parse(const char *s, int64_t *out)
{
	size_t	 n = strlen(s);

	*out = 0;
	if (n == 0)
		return 0;
	if (n > 18 || strspn(s, "0123456789") != n || s[0] == '0')
		return -1;
	*out = strtoll(s, NULL, 10);
	return 0;
}

int
admin_require(struct admin *a, enum role need)
{
	if (admin_can(a, need))
		return 0;
	admin_error(a, 403, need == ROLE_ADMIN ?
	    "Only administrators may do this." :
	    "Only editors and administrators may do this.");
	return -1;
}

static void
admin_home(struct admin *a)
{
	admin_redirect(a, "/admin/posts/");
}

static const char *
env(const struct cgi_env *e, const char *name)
{
	const char	*v = e->get(e->arg, name);

	return v ? v : "";
}

/* The value of cookie "name" in a Cookie header, or NULL. */
static const char *
cookie(struct arena *ar, const char *header, const char *name)
{
	size_t		 nlen = strlen(name), vlen;
	const char	*p = header;

	while (*p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		vlen = strcspn(p, ";");
		if (vlen > nlen && strncmp(p, name, nlen) == 0 &&
		    p[nlen] == '=')
			return arena_strndup(ar, p + nlen + 1,
			    vlen - nlen - 1);
		p += vlen;
	}
	return NULL;
}

/* Match the path against a pattern; fill a->id and a->sub_id. */
static int
route_match(struct admin *a, const char *pat, const char *path)
{
	int64_t		*ids[2] = { &a->id, &a->sub_id };
	size_t		 nid = 0, n;
	char		*end;

	a->id = a->sub_id = 0;
	while (*pat != '\0') {
		if (*pat == '#') {
			n = strspn(path, "0123456789");
			if (n == 0 || n > 18 || path[0] == '0' || nid == 2)
				return 0;
			*ids[nid++] = strtoll(path, &end, 10);
			path += n;
			pat++;
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	return *path == '\0';
}

/*
 * A POST must come from one of our own pages: Origin, or failing that
 * Referer, names this very origin. Browsers send Origin on every POST.
 */
static int
same_origin(struct admin *a, const struct cgi_env *e)
{
	const char	*origin = env(e, "HTTP_ORIGIN");
	const char	*ref = env(e, "HTTP_REFERER");
	const char	*host = env(e, "HTTP_HOST");
	char		*want;
	size_t		 len;

	if (*host == '\0')
		return 0;
	want = arena_printf(a->r->arena, "%s://%s",
	    a->https ? "https" : "http", host);
	len = strlen(want);
	if (*origin != '\0' && strcmp(origin, "null") != 0)
		return strcmp(origin, want) == 0;
	return strncmp(ref, want, len) == 0 && ref[len] == '/';
}

/*
 * The admin writes: a database at another schema version must not be
 * written by this build. Checked once per connection.
 */
static int
schema_ok(sqlite3 *db)
{
	static sqlite3	*checked;

	if (checked == db)
		return 1;
	if (db_schema_version(db) != DB_SCHEMA_VERSION) {
		log_err("database schema version %d, this build needs %d: "
		    "run `folio init`", db_schema_version(db),
		    DB_SCHEMA_VERSION);
		return 0;
	}
	checked = db;
	return 1;
}

/* Read exactly CONTENT_LENGTH bytes; the HTTP status on failure. */
static int
read_body(struct admin *a, const struct cgi_env *e, struct buf *body)
{
	const char	*cl = env(e, "CONTENT_LENGTH");
	char		*end;
	long		 want, got;
	char		 chunk[16384];

	/* No length: no body (nginx passes chunked bodies with one). */
	if (*cl == '\0')
		cl = "0";
	want = strtol(cl, &end, 10);
	if (*end != '\0' || want < 0 || strlen(cl) > 12)
		return 400;
	if (want > config_current()->upload_limit + ADMIN_BODY_SLACK)
		return 413;
	buf_reset(body);
	buf_grow(body, (size_t)want + 1);
	while ((long)body->len < want) {
		got = e->read(e->arg, chunk, (size_t)(want - (long)body->len) <
		    sizeof(chunk) ? (size_t)(want - (long)body->len) :
		    sizeof(chunk));
		if (got <= 0)
			return 400;	/* less than it said it would send */
		buf_append(body, chunk, (size_t)got);
	}
	buf_putc(body, '\0');
	body->len--;
	(void)a;
	return 0;
}

/*
 * Everything before the handler. Returns 0 to go on, or leaves an error
 * in a and returns the status.
 */
static int
admin_check(struct admin *a, const struct cgi_env *e, struct buf *body,
    const struct admin_route **routep)
{
	struct req		*r = a->r;
	const struct admin_route *rt = NULL;
	const char		*m, *token;
	size_t			 i;
	int			 st, matched = 0;
	enum folio_err		 rc;

	m = env(e, "REQUEST_METHOD");
	if (strcmp(m, "GET") == 0)
		a->method = AM_GET;
	else if (strcmp(m, "HEAD") == 0)
		a->method = AM_HEAD;
	else if (strcmp(m, "POST") == 0)
		a->method = AM_POST;
	else {
		admin_error(a, 405, "This method is not allowed here.");
		return 405;
	}
	if (req_parse(r, e) != FOLIO_OK) {
		admin_error(a, 400, "The request's address is malformed.");
		return 400;
	}
	if (r->site == NULL || !schema_ok(r->db)) {
		admin_error(a, 503, "The database is not available, or its "
		    "schema is older than this program: run `folio init`.");
		return 503;
	}
	a->https = req_https(e);
	a->address = arena_strdup(r->arena, env(e, "REMOTE_ADDR"));

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!route_match(a, routes[i].pattern, r->path))
			continue;
		matched = 1;
		if ((a->method == AM_POST && (routes[i].flags & M_POST)) ||
		    (a->method != AM_POST && (routes[i].flags & M_GET))) {
			rt = &routes[i];
			break;
		}
	}
	if (rt == NULL) {
		if (matched) {
			admin_error(a, 405, "This method is not allowed here.");
			return 405;
		}
		admin_error(a, 404, "There is no such page in the admin.");
		return 404;
	}
	*routep = rt;

	if (form_parse_urlencoded(r->arena, r->query, strlen(r->query),
	    &a->query) != FOLIO_OK) {
		admin_error(a, 400, "The query string is malformed.");
		return 400;
	}
	if (a->method == AM_POST) {
		if ((st = read_body(a, e, body)) != 0) {
			admin_error(a, st, st == 413 ?
			    "The request is larger than the admin accepts "
			    "(8 MB)." : "The request body is malformed.");
			return st;
		}
		/* An empty body needs no type: it is an empty form. */
		rc = body->len == 0 && *env(e, "CONTENT_TYPE") == '\0' ?
		    FOLIO_OK : form_parse(r->arena, env(e, "CONTENT_TYPE"),
		    body->data, body->len, &a->form);
		if (rc != FOLIO_OK) {
			admin_error(a, 400, rc == FOLIO_ERR_NOTFOUND ?
			    "The form was sent in an encoding the admin does "
			    "not read." : "The form data is malformed.");
			return 400;
		}
	}

	token = cookie(r->arena, env(e, "HTTP_COOKIE"), ADMIN_COOKIE);
	if (token != NULL) {
		a->token = token;
		rc = auth_session(r->db, r->arena, token, r->now, &a->s);
		if (rc == FOLIO_OK)
			a->logged_in = 1;
		else if (rc != FOLIO_ERR_NOTFOUND) {
			admin_error(a, 500, "The database failed.");
			return 500;
		}
	}
	/* Only a token we could have made counts (double submit). */
	a->login_csrf = cookie(r->arena, env(e, "HTTP_COOKIE"),
	    ADMIN_LOGIN_COOKIE);
	if (a->login_csrf != NULL &&
	    strlen(a->login_csrf) != AUTH_TOKEN_SZ - 1)
		a->login_csrf = NULL;

	if (a->method == AM_POST) {
		const char	*sent = admin_input(a, "csrf");
		const char	*want = a->logged_in ? a->s.csrf :
		    (rt->flags & R_PUBLIC) ? a->login_csrf : NULL;

		if (!same_origin(a, e) || want == NULL ||
		    !auth_token_equal(sent, want)) {
			admin_error(a, 403, "This form has expired or did not "
			    "come from this site. Go back, reload the page "
			    "and try again.");
			return 403;
		}
	} else if (!a->logged_in && !(rt->flags & R_PUBLIC)) {
		admin_redirect(a, token != NULL ? "/admin/login/?expired=1" :
		    "/admin/login/");
		return 303;
	}
	return 0;
}

/* Variables every admin page shows: who is logged in, the CSRF token. */
static void
admin_vars(struct admin *a)
{
	struct tvars	*v = a->r->vars;

	if (a->tmpl == AT_PUBLIC_POST)
		return;		/* the public page's own variables */
	tvars_set(v, "site_title", a->r->site ? a->r->site->title : "Folio");
	tvars_set(v, "page_title", admin_template_title(a->tmpl));
	if (!a->logged_in)
		return;
	tvars_set(v, "user_name", a->s.user.display_name);
	tvars_set(v, "user_role", role_name(a->s.user.role));
	tvars_set(v, "csrf", a->s.csrf);
	if (admin_can(a, ROLE_EDITOR))
		tvars_set(v, "is_editor", "1");
	if (admin_can(a, ROLE_ADMIN))
		tvars_set(v, "is_admin", "1");
}

void
admin_serve(sqlite3 *db, struct arena *arena, const struct cgi_env *e,
    struct buf *body, struct buf *out)
{
	struct req		 r;
	struct admin		 a;
	const struct admin_route *rt = NULL;
	struct buf		 page = BUF_INIT;
	size_t			 i;

	arena_reset(arena);
	buf_reset(body);
	buf_reset(out);
	memset(&r, 0, sizeof(r));
	memset(&a, 0, sizeof(a));
	r.arena = arena;
	r.db = db;
	r.now = time(NULL);
	r.status = 200;
	r.vars = tvars_new(arena);
	r.site = site_get(db, r.now);
	a.r = &r;
	a.tmpl = AT_ERROR;

	if (admin_check(&a, e, body, &rt) == 0)
		rt->handler(&a);
	if (r.status >= 500 && a.tmpl != AT_ERROR)
		admin_error(&a, r.status, "Something went wrong on our side; "
		    "nothing was changed.");
	/* A failed handler must not leave a transaction open. */
	db_rollback(db);

	if (a.location == NULL) {
		admin_vars(&a);
		tmpl_render(admin_template(a.tmpl), r.vars, &page);
	} else
		buf_puts(&page, "");

	buf_printf(out, "Status: %d %s\r\n", r.status, status_text(r.status));
	if (a.location != NULL)
		buf_printf(out, "Location: %s\r\n", a.location);
	if (r.status == 405)
		buf_puts(out, "Allow: GET, HEAD, POST\r\n");
	for (i = 0; i < a.ncookies; i++)
		buf_printf(out, "Set-Cookie: %s\r\n", a.cookies[i]);
	buf_printf(out,
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %zu\r\n"
	    "Cache-Control: no-store\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "Content-Security-Policy: default-src 'none'; script-src 'none'; "
	    "style-src 'self'; img-src 'self'; form-action 'self'; "
	    "base-uri 'none'; frame-ancestors 'none'\r\n"
	    "\r\n", page.len);
	if (a.method != AM_HEAD)
		buf_append(out, page.data, page.len);
	buf_free(&page);
	if (body->sz > 1024 * 1024)
		buf_free(body);	/* an upload's memory goes back */
}
