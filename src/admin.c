/*
 * admin.c -- the admin handler's request path: every check that stands
 * between the network and a handler that writes. In order: method, path,
 * body size (413) and encoding (400), session, then for each POST the
 * Origin (or Referer) and the CSRF token (403, before anything is
 * written). The admin's URL table is here too; the public site's is in
 * route.c. Responses always carry the strict security headers.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folio.h"
#include "config.h"
#include "admin.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "req.h"
#include "server.h"
#include "site.h"
#include "slug.h"
#include "tmpl.h"
#include "valid.h"


#define M_GET		0x1	/* and HEAD */
#define M_POST		0x2
#define R_PUBLIC	0x4	/* no session needed */
/*
 * A POST that failed the session or CSRF check is not answered with a
 * bare 403 that loses what was typed (see "held" below). R_FORM: with
 * a->invalid set, the handler shows its form again as typed and writes
 * nothing, so it can show it. R_READ: a POST that only reads (a
 * preview), answered as usual right after logging in again. R_LOGOUT:
 * without a session there is nothing left to end. Any other POST gets
 * the admin/held.tmpl screen that sends it again.
 */
#define R_FORM		0x8
#define R_READ		0x10
#define R_LOGOUT	0x20

/* What every admin response says about itself, after its length. */
static const char policy[] =
    "Cache-Control: no-store\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n"
    "Content-Security-Policy: default-src 'none'; script-src 'none'; "
    "style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'\r\n";

/*
 * The fields each route reads (admin.h: struct admin_param); every
 * route has a table, no_params when it reads nothing but the csrf.
 * P_TEXT is a form field taken as typed, P_QUERY one of the query.
 */
#define P_TEXT(n)	{ n, AK_TEXT, 0, 0, NULL, NULL }
#define P_QUERY(n)	{ n, AK_TEXT, AP_QUERY, 0, NULL, NULL }
#define P_SECRET(n)	{ n, AK_TEXT, AP_SECRET, 0, NULL, NULL }
#define P_END		{ NULL, AK_TEXT, 0, 0, NULL, NULL }

static const struct admin_param no_params[] = {
	P_END,
};
static const struct admin_param login_params[] = {
	P_QUERY("out"),
	P_QUERY("expired"),
	{ "name", AK_TEXT, AP_REQUIRED, 0, NULL, "Enter your user name." },
	{ "password", AK_TEXT, AP_REQUIRED | AP_SECRET, 0, NULL,
	    "Enter your password." },
	P_END,
};
static const struct admin_param reset_params[] = {
	P_QUERY("done"),
	{ "name", AK_TEXT, AP_REQUIRED, 254, NULL,
	    "Enter your user name or e-mail address." },
	P_END,
};
static const struct admin_param reset_password_params[] = {
	P_QUERY("token"),
	P_TEXT("token"),
	P_TEXT("password"),	/* admin_password_check() */
	P_TEXT("again"),
	P_END,
};
static const struct admin_param dash_params[] = {
	P_QUERY("drafted"),
	P_TEXT("title"),	/* the quick draft: the editor's save checks */
	P_TEXT("body"),
	P_END,
};
static const struct admin_param categories_params[] = {
	P_QUERY("deleted"),
	P_END,
};
static const struct admin_param category_params[] = {
	{ "name", AK_TEXT, AP_REQUIRED, 200, NULL,
	    "Give a name of 1 to 200 characters." },
	P_TEXT("slug"),	/* may come from the name */
	{ "parent", AK_ID, 0, 0, NULL, "Choose a parent from the list." },
	{ "description", AK_TEXT, 0, 2000, NULL, "At most 2000 characters." },
	P_END,
};
/*
 * Posts and tags: declared, so nothing else reaches their handlers, but
 * still checked there (admin_post.c, admin_tag.c).
 */
static const struct admin_param posts_params[] = {
	P_QUERY("status"),
	P_QUERY("q"),
	P_QUERY("page"),
	P_QUERY("trashed"),
	P_END,
};
#define POST_FIELDS \
	P_TEXT("title"), \
	P_TEXT("slug"), \
	P_TEXT("body"), \
	P_TEXT("excerpt"), \
	P_TEXT("status"), \
	P_TEXT("publish_at"), \
	P_TEXT("tags"), \
	P_TEXT("cat")	/* repeated: each kept */
static const struct admin_param post_params[] = {
	P_QUERY("uploaded"),
	P_QUERY("saved"),
	P_QUERY("restored"),
	P_QUERY("untrashed"),
	POST_FIELDS,
	P_END,
};
static const struct admin_param preview_params[] = {
	POST_FIELDS,
	P_END,
};
static const struct admin_param tags_params[] = {
	P_QUERY("q"),
	P_QUERY("page"),
	P_QUERY("deleted"),
	P_QUERY("saved"),
	P_END,
};
static const struct admin_param tag_params[] = {
	P_TEXT("name"),
	P_TEXT("slug"),
	P_TEXT("description"),
	P_END,
};
static const struct admin_param upload_params[] = {
	P_QUERY("post"),
	/* The handler answers a malformed number with a 400 page. */
	P_TEXT("post"),
	P_TEXT("image"),	/* a file part */
	P_END,
};
static const struct admin_param pages_params[] = {
	P_QUERY("trashed"),
	P_END,
};
static const struct admin_param page_params[] = {
	P_QUERY("saved"),
	P_QUERY("untrashed"),
	{ "title", AK_TEXT, AP_REQUIRED, 300, NULL,
	    "Give a title of 1 to 300 characters." },
	P_TEXT("slug"),	/* may come from the title */
	{ "parent", AK_ID, 0, 0, NULL, "Choose a parent from the list." },
	/* Checked by the handler: bytes, a choice, a number. */
	P_TEXT("body"),
	P_TEXT("status"),
	P_TEXT("position"),
	P_END,
};
static const struct admin_param settings_params[] = {
	P_QUERY("saved"),
	{ "title", AK_TEXT, AP_REQUIRED, 200, NULL,
	    "Give a title of 1 to 200 characters." },
	{ "tagline", AK_TEXT, 0, 300, NULL, "At most 300 characters." },
	{ "mission", AK_TEXT, 0, 2000, NULL, "At most 2000 characters." },
	{ "vision", AK_TEXT, 0, 2000, NULL, "At most 2000 characters." },
	{ "contact_email", AK_EMAIL, 0, 0, NULL,
	    "Give an address such as office@example.org, or leave it empty." },
	{ "copyright_holder", AK_TEXT, 0, 200, NULL,
	    "At most 200 characters." },
	/* Checked by the handler: folio.conf may fix them. */
	P_TEXT("timezone"),
	P_TEXT("base_url"),
	P_TEXT("posts_per_page"),
	/* "Label | URL" lines: the handler checks each. */
	P_TEXT("footer_links"),
	P_END,
};
static const struct admin_param users_params[] = {
	P_QUERY("saved"),
	P_END,
};
#define USER_FIELDS \
	{ "name", AK_TEXT, AP_REQUIRED, 100, NULL, \
	    "Give a name of 1 to 100 characters." }, \
	{ "email", AK_EMAIL, 0, 0, NULL, \
	    "Give an e-mail address or leave it empty." }, \
	{ "bio", AK_TEXT, 0, 2000, NULL, "At most 2000 characters." }, \
	P_TEXT("role"),	/* role_parse() */ \
	P_SECRET("password")	/* auth_password_ok() */
static const struct admin_param user_new_params[] = {
	{ "slug", AK_SLUG, 0, 64, NULL,
	    "Use 1 to 64 lowercase letters a-z, digits and hyphens." },
	USER_FIELDS,
	P_END,
};
static const struct admin_param user_params[] = {
	USER_FIELDS,
	P_END,
};
static const struct admin_param account_params[] = {
	P_QUERY("saved"),
	P_SECRET("current"),
	P_SECRET("password"),
	P_SECRET("again"),
	P_END,
};
static const struct admin_param menu_params[] = {
	P_QUERY("saved"),
	P_QUERY("removed"),
	P_QUERY("restored"),
	P_END,
};
static const struct admin_param menu_item_params[] = {
	{ "label", AK_TEXT, AP_REQUIRED, 100, NULL,
	    "Give a label of 1 to 100 characters." },
	P_TEXT("target"),	/* one of the four */
	{ "page", AK_ID, 0, 0, "target=page", "Choose a page." },
	{ "category", AK_ID, 0, 0, "target=category", "Choose a category." },
	{ "post", AK_ID, 0, 0, "target=post", "Choose a post." },
	{ "url", AK_LINK, 0, 0, "target=url",
	    "Give an address starting with https://, http:// or /." },
	P_END,
};
static const struct admin_param menu_delete_params[] = {
	P_TEXT("confirm"),	/* "1": the sub-items go too */
	P_END,
};
static const struct admin_param menu_move_params[] = {
	P_TEXT("dir"),
	P_END,
};

/*
 * "#" is a row id: 1 to 18 digits, no leading zero. The first two are
 * a->id and a->sub_id.
 */
static const struct admin_route {
	const char	*pattern;
	int		 flags;
	void		(*handler)(struct admin *);
	const struct admin_param *params;
} routes[] = {
	{ "/admin/", M_GET | M_POST | R_FORM, admin_dash, dash_params },
	{ "/admin/login/", M_GET | M_POST | R_PUBLIC, admin_login,
	    login_params },
	{ "/admin/logout/", M_POST | R_LOGOUT, admin_logout, no_params },
	{ "/admin/reset/", M_GET | M_POST | R_PUBLIC, admin_reset,
	    reset_params },
	{ "/admin/reset/password/", M_GET | M_POST | R_PUBLIC,
	    admin_reset_password, reset_password_params },
	{ "/admin/posts/", M_GET, admin_posts, posts_params },
	{ "/admin/posts/new/", M_GET | M_POST | R_FORM, admin_post_new,
	    post_params },
	{ "/admin/posts/#/", M_GET | M_POST | R_FORM, admin_post_edit,
	    post_params },
	{ "/admin/posts/#/trash/", M_POST, admin_post_trash, no_params },
	{ "/admin/posts/#/untrash/", M_POST, admin_post_untrash, no_params },
	{ "/admin/posts/preview/", M_POST | R_READ, admin_post_preview,
	    preview_params },
	{ "/admin/posts/#/preview/", M_GET | M_POST | R_READ,
	    admin_post_preview, preview_params },
	{ "/admin/posts/#/revisions/", M_GET, admin_revisions, no_params },
	{ "/admin/posts/#/revisions/#/", M_GET, admin_revision, no_params },
	{ "/admin/posts/#/revisions/#/restore/",
	    M_POST, admin_revision_restore, no_params },
	{ "/admin/upload/", M_GET | M_POST, admin_upload, upload_params },
	{ "/admin/categories/", M_GET, admin_categories, categories_params },
	{ "/admin/categories/new/", M_GET | M_POST | R_FORM,
	    admin_category_new, category_params },
	{ "/admin/categories/#/", M_GET | M_POST | R_FORM,
	    admin_category_edit, category_params },
	{ "/admin/categories/#/delete/", M_POST, admin_category_delete,
	    no_params },
	{ "/admin/tags/", M_GET, admin_tags, tags_params },
	{ "/admin/tags/#/", M_GET | M_POST | R_FORM, admin_tag_edit,
	    tag_params },
	{ "/admin/tags/#/delete/", M_POST, admin_tag_delete, no_params },
	{ "/admin/pages/", M_GET, admin_pages, pages_params },
	{ "/admin/pages/new/", M_GET | M_POST | R_FORM, admin_page_new,
	    page_params },
	{ "/admin/pages/#/", M_GET | M_POST | R_FORM, admin_page_edit,
	    page_params },
	{ "/admin/pages/preview/", M_POST | R_READ, admin_page_preview,
	    page_params },
	{ "/admin/pages/#/preview/", M_GET | M_POST | R_READ,
	    admin_page_preview, page_params },
	{ "/admin/pages/#/trash/", M_POST, admin_page_trash, no_params },
	{ "/admin/pages/#/untrash/", M_POST, admin_page_untrash, no_params },
	{ "/admin/settings/", M_GET | M_POST | R_FORM, admin_settings,
	    settings_params },
	{ "/admin/users/", M_GET, admin_users, users_params },
	{ "/admin/users/new/", M_GET | M_POST | R_FORM, admin_user_new,
	    user_new_params },
	{ "/admin/users/#/", M_GET | M_POST | R_FORM, admin_user_edit,
	    user_params },
	{ "/admin/account/", M_GET | M_POST | R_FORM, admin_account,
	    account_params },
	{ "/admin/menu/", M_GET, admin_menu, menu_params },
	{ "/admin/menu/new/", M_POST | R_FORM, admin_menu_new,
	    menu_item_params },
	{ "/admin/menu/#/", M_GET | M_POST | R_FORM, admin_menu_edit,
	    menu_item_params },
	{ "/admin/menu/#/move/", M_POST, admin_menu_move, menu_move_params },
	{ "/admin/menu/#/delete/", M_GET | M_POST, admin_menu_delete,
	    menu_delete_params },
	{ "/admin/menu/undo/", M_POST, admin_menu_undo, no_params },
};

void
admin_error(struct admin *a, int status, const char *msg)
{
	a->r->status = status;
	a->tmpl = AT_ERROR;
	a->location = NULL;
	tvars_set(a->r->vars, "error_title", server_status_text(status));
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
	a->field_errors = 1;
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

/* The declaration of field "name" of the form (where 0) or query. */
static const struct admin_param *
param_find(const struct admin *a, const char *name, int where, size_t *i)
{
	for (*i = 0; a->params != NULL && a->params[*i].name != NULL; (*i)++)
		if ((a->params[*i].flags & AP_QUERY) == where &&
		    strcmp(a->params[*i].name, name) == 0)
			return &a->params[*i];
	return NULL;
}

int64_t
admin_input_id(const struct admin *a, const char *name)
{
	int64_t	 id;

	if (!admin_input_ok(a, name) || valid_id(admin_input(a, name), &id)
	    != 0)
		return 0;
	return id;
}

int
admin_input_ok(const struct admin *a, const char *name)
{
	size_t	 i;

	return param_find(a, name, 0, &i) == NULL || i >= 32 ||
	    !(a->refused & (1U << i));
}

/* 1 if the value meets its declaration. */
static int
param_ok(const struct admin_param *p, const char *v)
{
	int64_t	 id;

	if ((p->flags & AP_REQUIRED) && *v == '\0')
		return 0;
	if (p->max != 0 && utf8_chars(v) > p->max)
		return 0;
	switch (p->kind) {
	case AK_TEXT:
		return 1;
	case AK_ID:
		return valid_id(v, &id) == 0;
	case AK_LINK:
		return valid_url(v, VALID_URL_PATH);
	case AK_SLUG:
		return slug_valid(v);
	case AK_EMAIL:
		return valid_email(v);
	}
	return 0;
}

/* Keep only the fields of f that the table declares (where: AP_QUERY). */
static void
params_filter(struct admin *a, struct form *f, int where)
{
	size_t	 i, n = 0, k;

	for (i = 0; i < f->n; i++)
		if (param_find(a, f->fields[i].name, where, &k) != NULL ||
		    (where == 0 && strcmp(f->fields[i].name, "csrf") == 0))
			f->fields[n++] = f->fields[i];
	f->n = n;
}

/* "field=value": the form's first "field" has this value ("" if none). */
static int
when_holds(const struct admin *a, const char *when)
{
	const char	*eq = strchr(when, '=');
	size_t		 n, i;

	assert(eq != NULL);
	n = (size_t)(eq - when);
	for (i = 0; i < a->form.n; i++)
		if (strncmp(a->form.fields[i].name, when, n) == 0 &&
		    a->form.fields[i].name[n] == '\0')
			return a->form.fields[i].filename == NULL &&
			    strcmp(a->form.fields[i].value, eq + 1) == 0;
	return eq[1] == '\0';
}

/* Check the declared fields of a request that passed the gate. */
static void
params_check(struct admin *a)
{
	const struct admin_param *p;
	const char	*v;
	size_t		 i;

	for (i = 0; a->params[i].name != NULL; i++) {
		p = &a->params[i];
		assert(i < 32);
		if (!(p->flags & AP_QUERY) && a->method != AM_POST)
			continue;
		v = p->flags & AP_QUERY ? admin_qs(a, p->name) :
		    admin_input(a, p->name);
		if (p->when != NULL && !when_holds(a, p->when))
			continue;
		if (param_ok(p, v))
			continue;
		a->refused |= 1U << i;
		a->invalid = 1;
		if (p->msg != NULL)
			admin_field_error(a, p->name, p->msg);
	}
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

/* Match the path against a pattern; fill a->id and a->sub_id. */
static int
route_match(struct admin *a, const char *pat, const char *path)
{
	int64_t		*ids[2] = { &a->id, &a->sub_id };
	size_t		 nid = 0, n;

	a->id = a->sub_id = 0;
	while (*pat != '\0') {
		if (*pat == '#') {
			n = strspn(path, "0123456789");
			if (n == 0 || nid == 2 ||
			    valid_id_n(path, n, ids[nid++]) != 0)
				return 0;
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
	const char	*origin = req_env(e, "HTTP_ORIGIN");
	const char	*ref = req_env(e, "HTTP_REFERER");
	const char	*host = req_env(e, "HTTP_HOST");
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

/*
 * Held forms. A POST from our own pages whose session has ended, or
 * whose CSRF token is not the session's (a form opened before the last
 * login, perhaps in another tab), is not written; but what it carries is
 * not lost either. Without a session: admin/held.tmpl asks for the
 * password on the same address, with every field as hidden fields, and
 * once logged in again the handler shows its form as typed (R_FORM) and
 * writes nothing: the author saves it again with the new session's
 * token. With a stale token: the form at once, with the fresh token.
 * A POST that is no form (trash, delete, move) gets admin/held.tmpl's
 * button that sends it again.
 */

/* The address the form was sent to, as sent, for the screen's action. */
static const char *
held_url(struct admin *a)
{
	struct req	*r = a->r;

	return *r->query == '\0' ? r->raw_path :
	    arena_printf(r->arena, "%s?%s", r->raw_path, r->query);
}

#define HELD_FILES	0x1	/* a file was chosen: it cannot be kept */
#define HELD_SECRETS	0x2	/* a password was typed: never kept */

/*
 * The form as sent, into the loop "held" (name, value) when fill: every
 * declared field but the csrf and passwords (AP_SECRET); files cannot be
 * carried in a page. It is as large as the request's body was, so within
 * the body limit. Returns HELD_* for what could not be kept.
 */
static int
held_fields(struct admin *a, int fill)
{
	const struct form_field	*f;
	const struct admin_param *p;
	struct tvars		*row;
	size_t			 i, k;
	int			 lost = 0;

	for (i = 0; i < a->form.n; i++) {
		f = &a->form.fields[i];
		if ((p = param_find(a, f->name, 0, &k)) == NULL)
			continue;	/* the csrf */
		if (f->filename != NULL) {
			if (*f->filename != '\0' || f->len > 0)
				lost |= HELD_FILES;
			continue;
		}
		if (p->flags & AP_SECRET) {
			if (*f->value != '\0')
				lost |= HELD_SECRETS;
			continue;
		}
		if (!fill)
			continue;
		row = tvars_add_row(a->r->vars, "held");
		tvars_set(row, "name", f->name);
		tvars_set(row, "value", f->value);
	}
	if (lost & HELD_FILES)
		tvars_set(a->r->vars, "held_files", "1");
	if (lost & HELD_SECRETS)
		tvars_set(a->r->vars, "held_secrets", "1");
	return lost;
}

/* admin/held.tmpl, asking for the password (AT_REAUTH) or not. */
static void
held_screen(struct admin *a, enum admin_tmpl t, const char *name,
    int can_get)
{
	struct tvars	*v = a->r->vars;

	a->tmpl = t;
	tvars_set(v, "form_url", held_url(a));
	(void)held_fields(a, 1);
	if (can_get)
		tvars_set(v, "get_url", held_url(a));
	if (t == AT_REAUTH) {
		tvars_set(v, "reauth", "1");
		tvars_set(v, "reauth_name", name != NULL ? name :
		    a->expired_name != NULL ? a->expired_name : "");
		tvars_set(v, "login_csrf", admin_login_csrf(a));
	} else if (a->held == AH_REAUTH)
		tvars_set(v, "held_reauth", "1");
}

/*
 * The session and CSRF checks of a POST from one of our pages. Returns 0
 * to go on (a->held says whether it is held), or the status of the
 * screen it has set up: the password screen, a held action's, or the
 * logout of a session already over.
 */
static int
post_check(struct admin *a, const struct admin_route *rt, const char *rname,
    const char *rpw)
{
	const char	*sent = admin_input(a, "csrf");
	int		 st;

	if (a->logged_in) {
		if (auth_token_equal(sent, a->s.csrf))
			return 0;
		/*
		 * A public form (login, reset) may carry the login cookie's
		 * token from a browser with a session: the reset link opened
		 * from a mail client came without the SameSite session cookie.
		 */
		if ((rt->flags & R_PUBLIC) && a->login_csrf != NULL &&
		    auth_token_equal(sent, a->login_csrf))
			return 0;
		a->held = AH_STALE;
	} else if (rt->flags & R_PUBLIC) {
		if (a->login_csrf != NULL &&
		    auth_token_equal(sent, a->login_csrf))
			return 0;
		a->held = AH_STALE;	/* the login form shows itself again */
		return 0;
	} else if (rt->flags & R_LOGOUT) {
		admin_set_cookie(a, arena_printf(a->r->arena, "%s=; Max-Age=0",
		    ADMIN_COOKIE));
		admin_redirect(a, "/admin/login/?out=1");
		return 303;
	} else {
		if ((st = admin_reauth(a, rname, rpw)) != 0) {
			if (st >= 500) {
				admin_error(a, st, "The login could not be "
				    "checked; nothing was changed.");
				return st;
			}
			a->r->status = st;
			held_screen(a, AT_REAUTH, rname,
			    (rt->flags & M_GET) != 0);
			return st;
		}
		a->held = AH_REAUTH;
	}
	/* Logged in on our own page just now, for one that writes nothing. */
	if ((rt->flags & R_READ) && a->held == AH_REAUTH) {
		a->held = AH_NONE;
		return 0;
	}
	if (rt->flags & R_FORM)
		return 0;
	st = a->held == AH_STALE ? 403 : 200;
	a->r->status = st;
	held_screen(a, AT_HELD, NULL, (rt->flags & M_GET) != 0);
	return st;
}

/*
 * After the handler of a held form: its status and a message that says
 * nothing was saved and why, in place of the handler's "not saved:
 * please correct" (held is not a field's fault).
 */
static void
held_finish(struct admin *a)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 lost, secret = 0;

	if (a->location != NULL || a->tmpl == AT_ERROR ||
	    a->r->status >= 500)
		return;
	lost = held_fields(a, 0);
	for (i = 0; a->params[i].name != NULL; i++)
		if (a->params[i].flags & AP_SECRET)
			secret = 1;
	a->r->status = a->held == AH_STALE ? 403 : 200;
	buf_puts(&b, a->held == AH_STALE ? "Nothing was saved: this form had "
	    "expired (it was opened before your last login, perhaps in "
	    "another tab). Everything you typed is below: press Save again "
	    "to save it." : "You are logged in again. Nothing has been saved "
	    "yet: everything you typed is below; press Save again to save "
	    "it.");
	if (a->field_errors)
		buf_puts(&b, " Some fields need correcting first: they are "
		    "marked below.");
	/* The password screen carried none: say so where there were some. */
	if (lost & HELD_SECRETS)
		buf_puts(&b, " Passwords are never kept: type them again.");
	else if (secret && a->held == AH_REAUTH)
		buf_puts(&b, " Passwords are never kept: type again any you "
		    "had typed.");
	tvars_set(a->r->vars, "error_summary", NULL);
	tvars_set(a->r->vars, "held_notice", arena_strdup(a->r->arena,
	    b.data));
	buf_free(&b);
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
	const char		*m, *token, *rname = NULL, *rpw = NULL;
	size_t			 i;
	int			 st, matched = 0;
	long			 max;
	enum folio_err		 rc;

	m = req_env(e, "REQUEST_METHOD");
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
	a->address = arena_strdup(r->arena, req_env(e, "REMOTE_ADDR"));

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
		max = config_current()->upload_limit + ADMIN_BODY_SLACK;
		rc = req_body_read(e, max, body);
		if (rc != FOLIO_OK) {
			st = rc == FOLIO_ERR_TOOLONG ? 413 : 400;
			admin_error(a, st, st == 413 ? arena_printf(r->arena,
			    "The request is larger than the admin accepts "
			    "(%ld %s).", max % (1024 * 1024) == 0 ?
			    max / (1024 * 1024) : max / 1024,
			    max % (1024 * 1024) == 0 ? "MB" : "KB") :
			    "The request body is malformed.");
			return st;
		}
		/* An empty body needs no type: it is an empty form. */
		rc = body->len == 0 && *req_env(e, "CONTENT_TYPE") == '\0' ?
		    FOLIO_OK : form_parse(r->arena, req_env(e, "CONTENT_TYPE"),
		    body->data, body->len, &a->form);
		if (rc != FOLIO_OK) {
			admin_error(a, 400, rc == FOLIO_ERR_NOTFOUND ?
			    "The form was sent in an encoding the admin does "
			    "not read." : "The form data is malformed.");
			return 400;
		}
	}

	token = req_cookie(r->arena, req_env(e, "HTTP_COOKIE"), ADMIN_COOKIE);
	if (token != NULL) {
		a->token = token;
		rc = auth_session(r->db, r->arena, token, r->now, &a->s);
		if (rc == FOLIO_OK)
			a->logged_in = 1;
		else if (rc != FOLIO_ERR_NOTFOUND) {
			admin_error(a, 500, "The database failed.");
			return 500;
		} else {
			/* Whose it was, to fill in the password screen. */
			a->expired_name = a->s.user.slug;
			memset(&a->s, 0, sizeof(a->s));
		}
	}
	/* Only a token we could have made counts (double submit). */
	a->login_csrf = req_cookie(r->arena, req_env(e, "HTTP_COOKIE"),
	    ADMIN_LOGIN_COOKIE);
	if (a->login_csrf != NULL &&
	    strlen(a->login_csrf) != AUTH_TOKEN_SZ - 1)
		a->login_csrf = NULL;

	if (a->method == AM_POST) {
		/* A page of another site: refused, never shown again. */
		if (!same_origin(a, e)) {
			admin_error(a, 403, "This form did not come from a page "
			    "of this site, so it was refused; nothing was "
			    "changed.");
			return 403;
		}
		/* The password screen's own fields: never a handler's. */
		rname = form_get(&a->form, ADMIN_REAUTH_NAME);
		rpw = form_get(&a->form, ADMIN_REAUTH_PASSWORD);
	} else if (!a->logged_in && !(rt->flags & R_PUBLIC)) {
		admin_redirect(a, token != NULL ? "/admin/login/?expired=1" :
		    "/admin/login/");
		return 303;
	}
	/* The handler sees only what its table declares, checked. */
	a->params = rt->params;
	params_filter(a, &a->form, 0);
	params_filter(a, &a->query, AP_QUERY);
	if (a->method == AM_POST && (st = post_check(a, rt, rname, rpw)) != 0)
		return st;
	params_check(a);
	if (a->held != AH_NONE)
		a->invalid = 1;
	return 0;
}

/*
 * The navigation's mark for the screen shown: "nav_" and the path's part
 * after /admin/ ("/admin/posts/3/" is nav_posts), nav_start for the
 * start screen, nav_new for a new post.
 */
static const char *
nav_section(struct admin *a)
{
	const char	*p = a->r->path;
	size_t		 n;

	if (p == NULL || strncmp(p, "/admin/", 7) != 0 || p[7] == '\0')
		return "nav_start";
	if (strcmp(p, "/admin/posts/new/") == 0)
		return "nav_new";
	p += 7;
	n = strcspn(p, "/");
	return arena_printf(a->r->arena, "nav_%.*s", (int)(n < 40 ? n : 40),
	    p);
}

/* Variables every admin page shows: who is logged in, the CSRF token. */
static void
admin_vars(struct admin *a)
{
	struct tvars	*v = a->r->vars;

	if (a->tmpl == AT_PUBLIC_POST || a->tmpl == AT_PUBLIC_PAGE)
		return;		/* the public page's own variables */
	tvars_set(v, "site_title", a->r->site ? a->r->site->title : "Folio");
	tvars_set(v, "page_title", admin_template_title(a->tmpl));
	if (!a->logged_in)
		return;
	tvars_set(v, "user_name", a->s.user.display_name);
	tvars_set(v, "user_role", role_name(a->s.user.role));
	tvars_set(v, "csrf", a->s.csrf);
	tvars_set(v, nav_section(a), "1");
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

	if (admin_check(&a, e, body, &rt) == 0) {
		rt->handler(&a);
		if (a.held != AH_NONE && (rt->flags & R_FORM))
			held_finish(&a);
	}
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

	server_head_begin(out, r.status, a.location, "GET, HEAD, POST");
	for (i = 0; i < a.ncookies; i++)
		buf_printf(out, "Set-Cookie: %s\r\n", a.cookies[i]);
	server_head_end(out, "text/html; charset=utf-8", page.len, policy);
	if (a.method != AM_HEAD)
		buf_append(out, page.data, page.len);
	buf_free(&page);
	if (body->sz > 1024 * 1024)
		buf_free(body);	/* an upload's memory goes back */
}
