/*
 * admin_login.c -- logging in and out, and in again: the password screen
 * of a form sent after its session ended (admin.c, "held") logs in here
 * through the same auth_login(), throttle and log lines. The login form
 * carries its own CSRF token (a cookie and a hidden field that must
 * match), since there is no session yet; a new session token is made at
 * every login.
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

/*
 * Log in as name with pw through auth_login() (its throttle counts every
 * try). On AUTH_OK the session is a's and its cookie set; on a refusal
 * login_error holds the message (AUTH_ERROR: none).
 */
static enum auth_result
login_check(struct admin *a, const char *name, const char *pw)
{
	char		 token[AUTH_TOKEN_SZ];
	struct session	 s;
	enum auth_result ar;

	ar = auth_login(a->r->db, a->r->arena, name, pw, a->address,
	    a->r->now, token, &s);
	switch (ar) {
	case AUTH_OK:
		/* A session the browser held before is over: one per login. */
		if (a->token != NULL &&
		    auth_logout(a->r->db, a->token) != FOLIO_OK)
			return AUTH_ERROR;
		login_log(a, name, "ok");
		admin_set_cookie(a, arena_printf(a->r->arena, "%s=%s",
		    ADMIN_COOKIE, token));
		admin_set_cookie(a, arena_printf(a->r->arena,
		    "%s=; Max-Age=0", ADMIN_LOGIN_COOKIE));
		a->s = s;
		a->logged_in = 1;
		a->token = arena_strdup(a->r->arena, token);
		break;
	case AUTH_BAD:
		login_log(a, name, "failed");
		tvars_set(a->r->vars, "login_error",
		    "Wrong user name or password.");
		break;
	case AUTH_THROTTLED:
		login_log(a, name, "refused (throttled)");
		tvars_set(a->r->vars, "login_error",
		    "Too many failed logins. Wait 15 minutes, then try "
		    "again.");
		break;
	default:
		break;
	}
	return ar;
}

void
admin_login(struct admin *a)
{
	const char	*name, *pw;

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
	/* A login form older than its cookie: the name stays. */
	if (a->held != AH_NONE) {
		a->r->status = 403;
		tvars_set(a->r->vars, "login_error", "This login form had "
		    "expired. Type your password again.");
		login_form(a, name);
		return;
	}
	/* Both must be given: admin.c's table. */
	if (a->invalid) {
		a->r->status = 400;
		login_form(a, name);
		return;
	}
	switch (login_check(a, name, pw)) {
	case AUTH_OK:
		admin_redirect(a, "/admin/");
		return;
	case AUTH_BAD:
		a->r->status = 401;
		break;
	case AUTH_THROTTLED:
		a->r->status = 429;
		break;
	default:
		admin_error(a, 500, "The login could not be checked.");
		return;
	}
	login_form(a, name);
}

int
admin_reauth(struct admin *a, const char *name, const char *pw)
{
	/* The screen's first showing: nothing typed yet. */
	if (name == NULL || pw == NULL)
		return 403;
	/* Double submit, as the login form's. */
	if (a->login_csrf == NULL ||
	    !auth_token_equal(admin_input(a, "csrf"), a->login_csrf)) {
		tvars_set(a->r->vars, "login_error", "This form had expired "
		    "too. Type your password again.");
		return 403;
	}
	switch (login_check(a, name, pw)) {
	case AUTH_OK:
		return 0;
	case AUTH_BAD:
		return 403;
	case AUTH_THROTTLED:
		return 429;
	default:
		return 500;
	}
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
