/*
 * admin_login.c -- logging in and out. The login form carries its own
 * CSRF token (a cookie and a hidden field that must match), since there
 * is no session yet; a new session token is made at every login.
 */
#include <string.h>

#include "folio.h"
#include "admin.h"
#include "auth.h"
#include "req.h"
#include "tmpl.h"

const char *
admin_login_csrf(struct admin *a)
{
	char	 tok[AUTH_TOKEN_SZ];

	if (a->login_csrf == NULL || strlen(a->login_csrf) !=
	    AUTH_TOKEN_SZ - 1) {
		auth_token_new(tok);
		a->login_csrf = arena_strdup(a->r->arena, tok);
		admin_set_cookie(a, arena_printf(a->r->arena, "%s=%s",
		    ADMIN_LOGIN_COOKIE, tok));
	}
	return a->login_csrf;
}

static void
login_form(struct admin *a, const char *name)
{
	tvars_set(a->r->vars, "login_csrf", admin_login_csrf(a));
	tvars_set(a->r->vars, "name", name);
	a->tmpl = AT_LOGIN;
}

/*
 * One line per login attempt, for the sysadmin (and fail2ban). The name
 * is logged only when it is an account's: what someone typed into the
 * name field may be their password.
 */
static void
login_log(struct admin *a, const char *name, const char *outcome)
{
	struct user	 u;

	if (auth_user_by_name(a->r->db, a->r->arena, name, &u) == FOLIO_OK)
		log_info("login %s: user %s from %s", outcome, u.slug,
		    a->address);
	else
		log_info("login %s: unknown user from %s", outcome,
		    a->address);
}

void
admin_login(struct admin *a)
{
	const char	*name, *pw;
	char		 token[AUTH_TOKEN_SZ];
	struct session	 s;

	if (a->method != AM_POST) {
		if (a->logged_in) {
			admin_redirect(a, "/admin/");
			return;
		}
		if (strcmp(admin_qs(a, "out"), "1") == 0)
			tvars_set(a->r->vars, "message", "You have logged out.");
		else if (strcmp(admin_qs(a, "expired"), "1") == 0)
			tvars_set(a->r->vars, "message", "Your session has "
			    "ended; please log in again.");
		login_form(a, "");
		return;
	}
	name = admin_input(a, "name");
	pw = admin_input(a, "password");
	/* Both must be given: admin.c's table. */
	if (a->invalid) {
		a->r->status = 400;
		login_form(a, name);
		return;
	}
	switch (auth_login(a->r->db, a->r->arena, name, pw, a->address,
	    a->r->now, token, &s)) {
	case AUTH_OK:
		/* A session the browser held before is over: one per login. */
		if (a->token != NULL &&
		    auth_logout(a->r->db, a->token) != FOLIO_OK) {
			admin_error(a, 500, "The login could not be saved.");
			return;
		}
		login_log(a, name, "ok");
		admin_set_cookie(a, arena_printf(a->r->arena, "%s=%s",
		    ADMIN_COOKIE, token));
		admin_set_cookie(a, arena_printf(a->r->arena,
		    "%s=; Max-Age=0", ADMIN_LOGIN_COOKIE));
		admin_redirect(a, "/admin/");
		return;
	case AUTH_BAD:
		login_log(a, name, "failed");
		a->r->status = 401;
		tvars_set(a->r->vars, "login_error",
		    "Wrong user name or password.");
		break;
	case AUTH_THROTTLED:
		login_log(a, name, "refused (throttled)");
		a->r->status = 429;
		tvars_set(a->r->vars, "login_error",
		    "Too many failed logins. Wait 15 minutes, then try "
		    "again.");
		break;
	default:
		admin_error(a, 500, "The login could not be checked.");
		return;
	}
	login_form(a, name);
}

void
admin_logout(struct admin *a)
{
	if (auth_logout(a->r->db, a->token) != FOLIO_OK) {
		admin_error(a, 500, "The session could not be ended.");
		return;
	}
	a->logged_in = 0;
	admin_set_cookie(a, arena_printf(a->r->arena, "%s=; Max-Age=0",
	    ADMIN_COOKIE));
	admin_redirect(a, "/admin/login/?out=1");
}
