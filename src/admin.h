/*
 * admin.h -- the admin handler (cgi-bin/folio-admin.fcgi), the only
 * writer. admin.c checks every request before a handler sees it: method,
 * body size and encoding, session, CSRF token and Origin; handlers in
 * admin_*.c see only a logged-in user (but login itself) and, for POST,
 * a form that passed the CSRF check.
 */
#ifndef ADMIN_H
#define ADMIN_H

#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "folio.h"
#include "admin_tmpl.h"
#include "auth.h"
#include "form.h"

struct req;
struct tvars;
struct tmpl;
struct cgi_env;
struct buf;

/*
 * A request body may be the largest image (upload_limit, 5M by default)
 * plus this much for the other fields: larger ones get 413 unread.
 */
#define ADMIN_BODY_SLACK	(3L * 1024 * 1024)
#define ADMIN_COOKIE		"folio_session"
#define ADMIN_LOGIN_COOKIE	"folio_login"
/* The password screen's fields (admin/held.tmpl): no route declares them. */
#define ADMIN_REAUTH_NAME	"reauth_name"
#define ADMIN_REAUTH_PASSWORD	"reauth_password"

enum admin_method {
	AM_GET,
	AM_HEAD,
	AM_POST,
};

/*
 * What an admin route accepts, declared beside it in admin.c's route
 * table the way kcgi's khttp_parse keys are: each field of the form (or,
 * with AP_QUERY, of the query string) its handler reads, with the kind
 * of value (valid.h) and its bounds. Before the handler runs, the gate
 * drops every field not declared (but the form's csrf), then checks each
 * declared one; a failure sets err_NAME to "msg" and a->invalid, and the
 * value stays readable as typed so that the form can be shown again.
 * The handler adds the checks that need the database (a row exists, a
 * slug is free) and answers 400 when a->invalid or its own checks fail.
 */
enum admin_kind {
	AK_TEXT,	/* any text: form.c already refused NUL, bad UTF-8 */
	AK_ID,		/* a row id or "" (valid_id) */
	AK_SLUG,	/* [a-z0-9-], 1 to SLUG_MAX bytes (slug_valid) */
	AK_LINK,	/* http(s):// or a path on this site (valid_url) */
	AK_EMAIL,	/* an e-mail address or "" (valid_email) */
};

#define AP_QUERY	0x1	/* in the query string, not the form */
#define AP_REQUIRED	0x2	/* must not be empty */
#define AP_SECRET	0x4	/* a password: never written into a page */

/*
 * A POST that failed the gate's session or CSRF check but whose form is
 * shown again as typed: nothing may be written (admin.c, "held").
 */
enum admin_held {
	AH_NONE,
	AH_STALE,	/* a live session, an old or missing CSRF token */
	AH_REAUTH,	/* the session had ended; logged in again just now */
};

struct admin_param {
	const char	*name;		/* NULL ends a table */
	enum admin_kind	 kind;
	int		 flags;		/* AP_* */
	size_t		 max;		/* in UTF-8 characters; 0: any */
	const char	*when;		/* "field=value": only checked then */
	const char	*msg;		/* the field error when refused */
};

struct admin {
	struct req	*r;		/* arena, db, site, now, path */
	enum admin_method method;
	struct form	 form;		/* POST body, checked */
	struct form	 query;		/* the query string, parsed */
	struct session	 s;		/* valid when logged_in */
	const char	*token;		/* the session cookie as sent */
	int		 logged_in;
	const char	*address;	/* REMOTE_ADDR */
	int		 https;
	const char	*login_csrf;	/* the login form's cookie */
	int64_t		 id, sub_id;	/* numeric route captures */
	const struct admin_param *params;	/* the route's */
	int		 invalid;	/* a declared field was refused */
	uint32_t	 refused;	/* which: bit i for params[i] */
	int		 field_errors;	/* admin_field_error() was called */
	enum admin_held	 held;		/* set: invalid is too */
	const char	*expired_name;	/* the login of a session just over */

	/* Output besides r->status, r->vars. */
	enum admin_tmpl	 tmpl;
	const char	*location;	/* 303 See Other target */
	const char	*cookies[4];	/* Set-Cookie values */
	size_t		 ncookies;
};

/* Answer one request into "out" (server.h's serve). */
void		 admin_serve(sqlite3 *, struct arena *,
		    const struct cgi_env *, struct buf *body, struct buf *out);

/* Helpers for handlers. */
void		 admin_error(struct admin *, int status, const char *msg);
void		 admin_redirect(struct admin *, const char *path);
void		 admin_set_cookie(struct admin *, const char *value);
int		 admin_can(const struct admin *, enum role);
void		 admin_field_error(struct admin *, const char *field,
		    const char *msg);
/*
 * The posted value of a field, "" if missing or not in the route's
 * table; admin_qs() the same for the query string.
 */
const char	*admin_input(const struct admin *, const char *name);
const char	*admin_qs(const struct admin *, const char *name);
/* A declared AK_ID field's value: 0 if empty or refused. */
int64_t		 admin_input_id(const struct admin *, const char *name);
/* 1 unless the gate refused this declared field (admin_param). */
int		 admin_input_ok(const struct admin *, const char *name);
/* 403 unless the user has this role; returns 0 if allowed. */
int		 admin_require(struct admin *, enum role);
/*
 * admin_post.c: move post or page "id" into the trash ("trash") or out
 * of it as a draft ("draft") with post_trash_set(), then to the list or
 * the editor. "table" is "post" or "page"; a row already on that side of
 * the trash answers 409.
 */
void		 admin_trash_set(struct admin *, const char *table,
		    int64_t id, const char *status);

/* Handlers: each fills a->r->vars and a->tmpl, or calls admin_error. */
/* admin_login.c */
/*
 * The token a form without a session carries (login, password reset):
 * the cookie's, or a new one, set as the cookie.
 */
const char	*admin_login_csrf(struct admin *);
void		 admin_login(struct admin *);
void		 admin_logout(struct admin *);
/*
 * A POST whose session is over, sent from the password screen with
 * "name" and "pw" (NULL when it was not): log in again. 0 when logged
 * in (a->s, a->logged_in, the cookies), else the status of the password
 * screen to show again, with its message set (login_error).
 */
int		 admin_reauth(struct admin *, const char *name, const char *pw);
/* admin_dash.c */
void		 admin_dash(struct admin *);
/* admin_post.c */
void		 admin_posts(struct admin *);
void		 admin_post_new(struct admin *);
void		 admin_post_edit(struct admin *);
void		 admin_post_trash(struct admin *);
void		 admin_post_untrash(struct admin *);
void		 admin_post_preview(struct admin *);
void		 admin_revisions(struct admin *);
void		 admin_revision(struct admin *);
void		 admin_revision_restore(struct admin *);
/* admin_upload.c */
void		 admin_upload(struct admin *);
/* admin_category.c */
void		 admin_categories(struct admin *);
void		 admin_category_new(struct admin *);
void		 admin_category_edit(struct admin *);
void		 admin_category_delete(struct admin *);
/* admin_tag.c */
void		 admin_tags(struct admin *);
void		 admin_tag_edit(struct admin *);
void		 admin_tag_delete(struct admin *);
/* admin_page.c */
void		 admin_pages(struct admin *);
void		 admin_page_new(struct admin *);
void		 admin_page_edit(struct admin *);
void		 admin_page_trash(struct admin *);
void		 admin_page_untrash(struct admin *);
void		 admin_page_preview(struct admin *);
/* admin_settings.c */
void		 admin_settings(struct admin *);
/* admin_user.c */
void		 admin_users(struct admin *);
void		 admin_user_new(struct admin *);
void		 admin_user_edit(struct admin *);
void		 admin_account(struct admin *);
/*
 * A new password typed twice (again NULL: once) meets the account
 * screen's rule; else err_password or err_again is set and 1 returned.
 */
int		 admin_password_check(struct admin *, const char *pw,
		    const char *again);
/* admin_reset.c: the password reset by e-mail (public routes). */
void		 admin_reset(struct admin *);
void		 admin_reset_password(struct admin *);
/* admin_menu.c */
void		 admin_menu(struct admin *);
void		 admin_menu_new(struct admin *);
void		 admin_menu_edit(struct admin *);
void		 admin_menu_move(struct admin *);
void		 admin_menu_delete(struct admin *);
void		 admin_menu_undo(struct admin *);

#endif /* ADMIN_H */
