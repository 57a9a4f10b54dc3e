/*
 * admin_reset.c -- a forgotten password, reset by e-mail. /admin/reset/
 * takes a login name or an e-mail address and gives one answer whatever
 * it names (an account, one without an address, nothing); an account
 * with an address gets a link to /admin/reset/password/ that works once,
 * within an hour, and whose token is stored only as a hash (auth.c's
 * tokens). Setting the password ends all of that user's sessions
 * (auth_password_store). The mail is built here (mail.c) before the
 * answer and handed to sendmail only after it has gone (server_defer),
 * so no answer is slower for a real account. Throttles, counted in the
 * request's write transaction before anything costly: requests per
 * client address, and mails per account (a burst from anywhere cannot
 * fill a mailbox).
 */
#include <sodium.h>
#include <string.h>

#include "folio.h"
#include "admin.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "mail.h"
#include "req.h"
#include "server.h"
#include "site.h"
#include "tmpl.h"
#include "url.h"
#include "valid.h"

#define RESET_TTL		(60 * 60)	/* a link works this long, s */
#define RESET_USER_MAX		3	/* mails per account per RESET_TTL */
#define RESET_ADDR_WINDOW	(15 * 60)	/* requests counted over, s */
#define RESET_ADDR_MAX		5	/* per client address in the window */
#define RESET_KEEP		(24 * 60 * 60)	/* used links still known */
#define RESET_ACCOUNTS_MAX	4	/* accounts one address may name */

static const char sql_addr_count[] =
	"SELECT count(*) FROM reset_request WHERE address = ?1 AND at > ?2";
static const char sql_addr_add[] =
	"INSERT INTO reset_request (address, at) VALUES (?1, ?2)";
static const char sql_addr_purge[] =
	"DELETE FROM reset_request WHERE at <= ?1";
static const char sql_token_purge[] =
	"DELETE FROM password_reset WHERE created_at <= ?1";
/* Imported authors without a password are not made able to log in. */
static const char sql_accounts[] =
	"SELECT id, slug, display_name, email FROM user "
	"WHERE password_hash IS NOT NULL AND (slug = ?1 "
	"OR (email <> '' AND email = ?1 COLLATE NOCASE)) ORDER BY id LIMIT 4";
static const char sql_user_count[] =
	"SELECT count(*) FROM password_reset WHERE user_id = ?1 "
	"AND created_at > ?2";
static const char sql_token_add[] =
	"INSERT INTO password_reset (token_hash, user_id, created_at) "
	"VALUES (?1, ?2, ?3)";
static const char sql_token_get[] =
	"SELECT r.user_id, r.created_at, r.used_at IS NOT NULL, u.slug "
	"FROM password_reset r JOIN user u ON u.id = r.user_id "
	"WHERE r.token_hash = ?1";
/* Using one link spends every other link of that user too. */
static const char sql_token_spend[] =
	"UPDATE password_reset SET used_at = ?2 WHERE user_id = ?1 "
	"AND used_at IS NULL";

struct account {
	int64_t		 id;
	const char	*slug, *name, *email;
};

/* A message waiting for the answer to go (server_defer). */
struct reset_mail {
	const char	*msg;
	size_t		 len;
	const char	*what;		/* "password reset for user ed" */
};

static void
reset_form(struct admin *a, const char *name)
{
	tvars_set(a->r->vars, "login_csrf", admin_login_csrf(a));
	tvars_set(a->r->vars, "name", name);
	a->tmpl = AT_RESET;
}

/* The sender: mail_from, else the site's contact address, else folio@. */
static const char *
reset_from(struct admin *a, const char *base)
{
	const char	*from = config_current()->value[CONF_MAIL_FROM];
	const char	*host;

	if (*from != '\0')
		return from;
	if (a->r->site->contact_email[0] != '\0')
		return a->r->site->contact_email;
	/* base_url's checks (config.c, the settings) give it a scheme. */
	host = (host = strstr(base, "://")) != NULL ? host + 3 : base;
	return arena_printf(a->r->arena, "folio@%.*s",
	    (int)strcspn(host, ":/"), host);
}

/* An address for the log, if it is one (no line break into the log). */
static const char *
loggable(const char *addr)
{
	return *addr != '\0' && mail_header_ok(addr, strlen(addr)) &&
	    valid_email(addr) ? addr : "(invalid)";
}

/*
 * The message for account u with token, into m->msg; -1 (logged) when
 * it cannot be made: no site address for the link, or a value mail.c
 * refuses (an address with a line break, say).
 */
static int
reset_message(struct admin *a, const struct account *u, const char *token,
    struct reset_mail *m)
{
	const struct site *site = a->r->site;
	struct buf	 out = BUF_INIT;
	struct mail	 mail;
	const char	*link;

	if (site->base_url[0] == '\0') {
		log_err("%s: the site's address is not set (base_url in "
		    "folio.conf or the settings); nothing sent", m->what);
		return -1;
	}
	link = url_abs(a->r->arena, site->base_url, arena_printf(a->r->arena,
	    "/admin/reset/password/?token=%s", token));
	memset(&mail, 0, sizeof(mail));
	mail.from = reset_from(a, site->base_url);
	mail.from_name = site->title;
	mail.to = u->email;
	mail.subject = arena_printf(a->r->arena, "Choose a new password for "
	    "%s", site->title);
	mail.date = a->r->now;
	mail.text = arena_printf(a->r->arena,
	    "Hello %s,\n\n"
	    "someone, probably you, asked for a new password for the "
	    "account \"%s\"\non %s. To choose one, open this link within "
	    "an hour:\n\n%s\n\n"
	    "The link works once. Setting the password logs the account "
	    "out everywhere.\nIf you did not ask for this, ignore this "
	    "message: your password stays as\nit is.\n", u->name, u->slug,
	    site->title, link);
	if (mail_build(&mail, &out) != FOLIO_OK) {
		log_err("%s: no mail: the address \"%s\" or the sender \"%s\" "
		    "cannot be used in a message header", m->what,
		    loggable(u->email), loggable(mail.from));
		buf_free(&out);
		return -1;
	}
	m->msg = arena_strndup(a->r->arena, out.data, out.len);
	m->len = out.len;
	buf_free(&out);
	return 0;
}

/* After the answer has gone: hand one message to sendmail. */
static void
reset_send(void *arg)
{
	const struct reset_mail *m = arg;

	(void)mail_send(config_current()->value[CONF_SENDMAIL], m->msg,
	    m->len, m->what);
}

/* The accounts "name" names, at most RESET_ACCOUNTS_MAX; -1 on error. */
static int
reset_accounts(struct admin *a, const char *name, struct account *u)
{
	sqlite3_stmt	*st;
	int		 n = 0, step;

	if ((st = db_stmt_bind(a->r->db, sql_accounts, "s", name)) == NULL)
		return -1;
	while (n < RESET_ACCOUNTS_MAX &&
	    (step = sqlite3_step(st)) == SQLITE_ROW) {
		u[n].id = sqlite3_column_int64(st, 0);
		u[n].slug = db_text(a->r->arena, st, 1);
		u[n].name = db_text(a->r->arena, st, 2);
		u[n].email = db_text(a->r->arena, st, 3);
		n++;
	}
	db_done(st);
	if (n < RESET_ACCOUNTS_MAX && step != SQLITE_DONE) {
		db_log(a->r->db, "reset accounts");
		return -1;
	}
	return n;
}

/*
 * For one account, inside the request's transaction: a token stored
 * and its message made, unless the account has no address or has had
 * its mails for the hour. 1 when a mail is to go, 0 when not, -1 on a
 * database error.
 */
static int
reset_prepare(struct admin *a, const struct account *u, struct reset_mail *m)
{
	struct req	*r = a->r;
	char		 token[AUTH_TOKEN_SZ], hash[AUTH_HASH_SZ];
	int64_t		 n;
	int		 rc;

	m->what = arena_printf(r->arena, "password reset for user %s",
	    u->slug);
	if (u->email[0] == '\0') {
		log_info("%s: the account has no e-mail address; nothing sent",
		    m->what);
		return 0;
	}
	n = db_get_id(r->db, db_stmt_bind(r->db, sql_user_count, "ii", u->id,
	    (int64_t)(r->now - RESET_TTL)), "reset count");
	if (n < 0)
		return -1;
	if (n >= RESET_USER_MAX) {
		log_info("%s: %d links sent within the hour already; nothing "
		    "sent", m->what, RESET_USER_MAX);
		return 0;
	}
	auth_token_new(token);
	auth_token_hash(token, hash);
	rc = reset_message(a, u, token, m);
	sodium_memzero(token, sizeof(token));
	if (rc != 0)
		return 0;
	if (db_run(r->db, db_stmt_bind(r->db, sql_token_add, "sii", hash,
	    u->id, (int64_t)r->now), "reset token") != SQLITE_OK)
		return -1;
	return 1;
}

void
admin_reset(struct admin *a)
{
	struct req		*r = a->r;
	struct account		 u[RESET_ACCOUNTS_MAX];
	struct reset_mail	 m[RESET_ACCOUNTS_MAX], *job;
	const char		*name;
	int64_t			 n;
	int			 i, naccounts, nmail = 0, rc;

	if (a->method != AM_POST) {
		if (strcmp(admin_qs(a, "done"), "1") == 0)
			tvars_set(r->vars, "done", "1");
		reset_form(a, "");
		return;
	}
	name = admin_input(a, "name");
	/* A form older than its cookie (admin.c's gate): nothing sent. */
	if (a->held != AH_NONE) {
		r->status = 403;
		tvars_set(r->vars, "reset_error", "This form had expired. "
		    "Press Send again.");
		reset_form(a, name);
		return;
	}
	if (a->invalid) {
		r->status = 400;
		reset_form(a, name);
		return;
	}
	if (db_begin(r->db) != FOLIO_OK)
		goto fail;
	n = db_get_id(r->db, db_stmt_bind(r->db, sql_addr_count, "si",
	    a->address, (int64_t)(r->now - RESET_ADDR_WINDOW)),
	    "reset throttle");
	if (n < 0)
		goto fail;
	if (n >= RESET_ADDR_MAX) {
		db_rollback(r->db);
		log_info("password reset refused (throttled) from %s",
		    a->address);
		r->status = 429;
		tvars_set(r->vars, "reset_error", "Too many requests from your "
		    "address. Wait 15 minutes, then try again.");
		reset_form(a, name);
		return;
	}
	if (db_run(r->db, db_stmt_bind(r->db, sql_addr_add, "si", a->address,
	    (int64_t)r->now), "reset request") != SQLITE_OK ||
	    db_run(r->db, db_stmt_bind(r->db, sql_addr_purge, "i",
	    (int64_t)(r->now - RESET_ADDR_WINDOW)), "reset purge") !=
	    SQLITE_OK ||
	    db_run(r->db, db_stmt_bind(r->db, sql_token_purge, "i",
	    (int64_t)(r->now - RESET_KEEP)), "reset purge") != SQLITE_OK)
		goto fail;
	if ((naccounts = reset_accounts(a, name, u)) < 0)
		goto fail;
	if (naccounts == 0)
		log_info("password reset asked for an unknown name or address "
		    "from %s", a->address);
	for (i = 0; i < naccounts; i++) {
		if ((rc = reset_prepare(a, &u[i], &m[nmail])) < 0)
			goto fail;
		nmail += rc;
	}
	if (db_commit(r->db) != FOLIO_OK)
		goto fail;
	for (i = 0; i < nmail; i++) {
		job = arena_alloc(r->arena, sizeof(*job));
		*job = m[i];
		if (server_defer(reset_send, job) != 0)
			log_err("%s: too much mail for one request; not sent",
			    job->what);
	}
	tvars_set(r->vars, "sent", "1");
	a->tmpl = AT_RESET;
	return;
fail:
	db_rollback(r->db);
	admin_error(a, 500, "The request could not be handled; nothing was "
	    "sent.");
}

/*
 * The link's token: its user and login name when it may still be used;
 * otherwise the refusal is on the page (400 unknown, 410 used or
 * expired) and -1 returned, or -2 after a database error.
 */
static int
reset_token(struct admin *a, const char *token, int64_t *uid,
    const char **slug)
{
	struct req	*r = a->r;
	sqlite3_stmt	*st;
	char		 hash[AUTH_HASH_SZ];
	time_t		 created;
	int		 step, used;

	a->tmpl = AT_RESET_PASSWORD;
	if (strlen(token) != AUTH_TOKEN_SZ - 1) {
		r->status = 400;
		tvars_set(r->vars, "link_error", "This link is not complete "
		    "or not one we sent. Copy the whole link from the "
		    "message, or ask for a new one.");
		return -1;
	}
	auth_token_hash(token, hash);
	if ((st = db_stmt_bind(r->db, sql_token_get, "s", hash)) == NULL)
		return -2;
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		db_done(st);
		if (step != SQLITE_DONE) {
			db_log(r->db, "reset token");
			return -2;
		}
		r->status = 400;
		tvars_set(r->vars, "link_error", "This link is not complete "
		    "or not one we sent. Copy the whole link from the "
		    "message, or ask for a new one.");
		return -1;
	}
	*uid = sqlite3_column_int64(st, 0);
	created = (time_t)sqlite3_column_int64(st, 1);
	used = sqlite3_column_int(st, 2);
	*slug = db_text(r->arena, st, 3);
	db_done(st);
	if (used) {
		r->status = 410;
		tvars_set(r->vars, "link_error", "This link has been used "
		    "already: each link works once.");
		return -1;
	}
	if (r->now - created >= RESET_TTL) {
		r->status = 410;
		tvars_set(r->vars, "link_error", "This link has expired: a "
		    "link works for one hour.");
		return -1;
	}
	return 0;
}

void
admin_reset_password(struct admin *a)
{
	struct req	*r = a->r;
	const char	*token, *slug, *pw;
	int64_t		 uid;
	int		 rc;

	token = a->method == AM_POST ? admin_input(a, "token") :
	    admin_qs(a, "token");
	if ((rc = reset_token(a, token, &uid, &slug)) != 0) {
		if (rc == -2)
			admin_error(a, 500, "The link could not be checked.");
		return;
	}
	tvars_set(r->vars, "login_csrf", admin_login_csrf(a));
	tvars_set(r->vars, "token", token);
	tvars_set(r->vars, "slug", slug);
	tvars_set_int(r->vars, "password_min", AUTH_PASSWORD_MIN);
	if (a->method != AM_POST)
		return;
	/* A form older than its cookie (admin.c's gate): nothing changed. */
	if (a->held != AH_NONE) {
		r->status = 403;
		tvars_set(r->vars, "reset_error", "This form had expired. "
		    "Type the new password again.");
		return;
	}
	pw = admin_input(a, "password");
	if (admin_password_check(a, pw, admin_input(a, "again"))) {
		r->status = 400;
		return;
	}
	/* Again inside the write transaction: two posts, one password. */
	if (db_begin(r->db) != FOLIO_OK)
		goto fail;
	if ((rc = reset_token(a, token, &uid, &slug)) != 0) {
		db_rollback(r->db);
		if (rc == -2)
			goto fail;
		return;
	}
	if (auth_password_store(r->db, uid, pw, 0) != FOLIO_OK ||
	    db_run(r->db, db_stmt_bind(r->db, sql_token_spend, "ii", uid,
	    (int64_t)r->now), "reset spend") != SQLITE_OK ||
	    db_commit(r->db) != FOLIO_OK)
		goto fail;
	log_info("password reset: user %s chose a new password from %s; "
	    "their sessions have ended", slug, a->address);
	if (a->token != NULL)
		admin_set_cookie(a, arena_printf(r->arena, "%s=; Max-Age=0",
		    ADMIN_COOKIE));
	admin_redirect(a, "/admin/reset/?done=1");
	return;
fail:
	db_rollback(r->db);
	admin_error(a, 500, "The password could not be changed.");
}
