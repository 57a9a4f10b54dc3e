/*
 * auth.c -- who may use the admin: Argon2id passwords, session and CSRF
 * tokens, and the throttle on failed logins. Everything secret goes
 * through libsodium; only hashes are stored and nothing secret is logged.
 */
#include <sodium.h>
#include <string.h>

#include "folio.h"
#include "auth.h"
#include "db.h"
#include "slug.h"

static const char *const role_names[ROLE__MAX] = {
	[ROLE_AUTHOR] = "author",
	[ROLE_EDITOR] = "editor",
	[ROLE_ADMIN] = "admin",
};

static const char sql_fail_count_user[] =
	"SELECT count(*) FROM login_failure WHERE username = ?1 AND at > ?2";
static const char sql_fail_count_addr[] =
	"SELECT count(*) FROM login_failure WHERE address = ?1 AND at > ?2";
static const char sql_fail_add[] =
	"INSERT INTO login_failure (username, address, at) VALUES (?1, ?2, ?3)";
static const char sql_fail_clear[] =
	"DELETE FROM login_failure WHERE username = ?1 OR at <= ?2";
static const char sql_user_login[] =
	"SELECT id, slug, display_name, role, password_hash FROM user "
	"WHERE slug = ?1";
static const char sql_user_rehash[] =
	"UPDATE user SET password_hash = ?2 WHERE id = ?1";
static const char sql_session_add[] =
	"INSERT INTO session (token_hash, user_id, csrf, created_at, "
	"last_seen) VALUES (?1, ?2, ?3, ?4, ?4)";
static const char sql_session_purge[] =
	"DELETE FROM session WHERE created_at <= ?1 OR last_seen <= ?2";
static const char sql_session_get[] =
	"SELECT s.id, s.csrf, s.created_at, s.last_seen, u.id, u.slug, "
	"u.display_name, u.role FROM session s JOIN user u "
	"ON u.id = s.user_id WHERE s.token_hash = ?1";
static const char sql_session_touch[] =
	"UPDATE session SET last_seen = ?2 WHERE id = ?1";
static const char sql_session_del[] =
	"DELETE FROM session WHERE token_hash = ?1";
static const char sql_session_del_user[] =
	"DELETE FROM session WHERE user_id = ?1 AND id <> ?2";
static const char sql_user_add[] =
	"INSERT INTO user (slug, display_name, role, password_hash, "
	"created_at) VALUES (?1, ?1, ?2, ?3, ?4)";
static const char sql_user_by_name[] =
	"SELECT id, slug, display_name, role FROM user WHERE slug = ?1";

int
auth_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

/*
 * A hash of a password nobody knows, so a login for a missing user
 * costs what a real one does. Made once before the workers fork, so not
 * even a worker's first login differs.
 */
static char	 dummy[crypto_pwhash_STRBYTES];

static const char *
dummy_hash(void)
{
	return dummy;
}

int
auth_login_init(void)
{
	char	 pw[AUTH_TOKEN_SZ];
	int	 rc;

	if (auth_init() != 0)
		return -1;
	auth_token_new(pw);
	rc = auth_password_hash(pw, dummy, sizeof(dummy));
	sodium_memzero(pw, sizeof(pw));
	if (rc != 0) {
		log_err("cannot make the dummy password hash");
		return -1;
	}
	return 0;
}

int
role_parse(const char *s)
{
	int	 i;

	for (i = 0; i < ROLE__MAX; i++)
		if (s != NULL && strcmp(s, role_names[i]) == 0)
			return i;
	return -1;
}

const char *
role_name(enum role r)
{
	return r < ROLE__MAX ? role_names[r] : "author";
}

int
auth_password_ok(const char *pw)
{
	size_t	 i, len = strlen(pw), chars = 0;

	if (len > AUTH_PASSWORD_MAX || !utf8_valid(pw, len))
		return 0;
	for (i = 0; i < len; i++)
		if (((unsigned char)pw[i] & 0xc0) != 0x80)
			chars++;
	return chars >= AUTH_PASSWORD_MIN;
}

int
auth_password_hash(const char *pw, char *out, size_t outsz)
{
	if (outsz < crypto_pwhash_STRBYTES)
		return -1;
	if (crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		log_err("password hashing failed (out of memory?)");
		return -1;
	}
	return 0;
}

int
auth_password_verify(const char *hash, const char *pw)
{
	if (hash == NULL || strlen(hash) >= crypto_pwhash_STRBYTES)
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

int
auth_password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

void
auth_token_new(char *out)
{
	unsigned char	 raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, AUTH_TOKEN_SZ, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void
auth_token_hash(const char *token, char *out)
{
	unsigned char	 h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(out, AUTH_HASH_SZ, h, sizeof(h));
}

int
auth_token_equal(const char *a, const char *b)
{
	size_t	 len = strlen(a);

	/* The length of a token is no secret; its bytes are. */
	if (len == 0 || len != strlen(b))
		return 0;
	return sodium_memcmp(a, b, len) == 0;
}

/* A token as we make them: 43 base64url characters. */
static int
token_wellformed(const char *t)
{
	size_t	 i;

	if (t == NULL || strlen(t) != AUTH_TOKEN_SZ - 1)
		return 0;
	for (i = 0; t[i] != '\0'; i++)
		if (!((t[i] >= 'a' && t[i] <= 'z') ||
		    (t[i] >= 'A' && t[i] <= 'Z') ||
		    (t[i] >= '0' && t[i] <= '9') || t[i] == '-' ||
		    t[i] == '_'))
			return 0;
	return 1;
}

static long
fail_count(sqlite3 *db, const char *sql, const char *key, time_t since)
{
	sqlite3_stmt	*st = db_stmt(db, sql);
	long		 n = -1;

	if (st == NULL)
		return -1;
	if (db_bind_text(st, 1, key) && db_bind_int(st, 2, since) &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	else
		db_log(db, "login failures");
	db_done(st);
	return n;
}

/*
 * Within the throttle's window: 1 when name or address has used up its
 * attempts (nothing written), 0 when this attempt is allowed and has
 * been recorded as a failure, -1 on a database error.
 */
static int
attempt_record(sqlite3 *db, const char *name, const char *address,
    time_t now)
{
	sqlite3_stmt	*st;
	long		 nuser, naddr;

	if (db_begin(db) != FOLIO_OK)
		return -1;
	nuser = fail_count(db, sql_fail_count_user, name,
	    now - AUTH_FAIL_WINDOW);
	naddr = fail_count(db, sql_fail_count_addr, address,
	    now - AUTH_FAIL_WINDOW);
	if (nuser < 0 || naddr < 0)
		goto fail;
	if (nuser >= AUTH_FAIL_USER_MAX || naddr >= AUTH_FAIL_ADDR_MAX) {
		db_rollback(db);
		return 1;
	}
	if ((st = db_stmt(db, sql_fail_add)) == NULL)
		goto fail;
	if (!db_bind_text(st, 1, name) || !db_bind_text(st, 2, address) ||
	    !db_bind_int(st, 3, now)) {
		db_done(st);
		goto fail;
	}
	if (db_run(db, st, "login failure") != SQLITE_OK ||
	    db_commit(db) != FOLIO_OK)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

static void
user_read(struct arena *a, sqlite3_stmt *st, int col, struct user *u)
{
	int	 r;

	u->id = sqlite3_column_int64(st, col);
	u->slug = db_text(a, st, col + 1);
	u->display_name = db_text(a, st, col + 2);
	r = role_parse((const char *)sqlite3_column_text(st, col + 3));
	u->role = r < 0 ? ROLE_AUTHOR : (enum role)r;
}

/* Store a new session for u; its token into token. Inside a transaction. */
static enum folio_err
session_add(sqlite3 *db, struct arena *a, const struct user *u, time_t now,
    char *token, struct session *s)
{
	sqlite3_stmt	*st = db_stmt(db, sql_session_add);
	char		 hash[AUTH_HASH_SZ], csrf[AUTH_TOKEN_SZ];

	if (st == NULL)
		return FOLIO_ERR_DB;
	auth_token_new(token);
	auth_token_hash(token, hash);
	auth_token_new(csrf);
	if (!db_bind_text(st, 1, hash) || !db_bind_int(st, 2, u->id) ||
	    !db_bind_text(st, 3, csrf) || !db_bind_int(st, 4, now)) {
		db_done(st);
		return FOLIO_ERR_DB;
	}
	if (db_run(db, st, "session add") != SQLITE_OK)
		return FOLIO_ERR_DB;
	s->id = sqlite3_last_insert_rowid(db);
	s->user = *u;
	s->csrf = arena_strdup(a, csrf);
	return FOLIO_OK;
}

enum auth_result
auth_login(sqlite3 *db, struct arena *a, const char *name, const char *pw,
    const char *address, time_t now, char *token, struct session *s)
{
	sqlite3_stmt	*st;
	struct user	 u;
	char		*hash = NULL, newhash[crypto_pwhash_STRBYTES];
	int		 ok = 0, found = 0, step;

	memset(&u, 0, sizeof(u));
	if (strlen(name) > SLUG_MAX || strlen(pw) > AUTH_PASSWORD_MAX) {
		name = "";		/* still counted, against no one */
		pw = "";
	}
	/*
	 * Count and record the attempt as a failure in one write
	 * transaction, before the slow password check: attempts made at
	 * the same moment each see the ones before them, so running them
	 * in parallel buys no extra guesses. A success removes the record.
	 */
	switch (attempt_record(db, name, address, now)) {
	case 0:
		break;
	case 1:
		/* The same work as a real attempt: timing tells nothing. */
		(void)auth_password_verify(dummy_hash(), pw);
		return AUTH_THROTTLED;
	default:
		return AUTH_ERROR;
	}

	if ((st = db_stmt(db, sql_user_login)) == NULL)
		return AUTH_ERROR;
	if (!db_bind_text(st, 1, name)) {
		db_done(st);
		return AUTH_ERROR;
	}
	if ((step = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 4) == SQLITE_TEXT) {
		user_read(a, st, 0, &u);
		hash = db_text(a, st, 4);
		found = 1;
	} else if (step != SQLITE_ROW && step != SQLITE_DONE) {
		db_log(db, "login user");
		db_done(st);
		return AUTH_ERROR;
	}
	db_done(st);
	if (found)
		ok = auth_password_verify(hash, pw);
	else
		(void)auth_password_verify(dummy_hash(), pw);

	if (!ok)
		return AUTH_BAD;	/* recorded already */
	if (db_begin(db) != FOLIO_OK)
		return AUTH_ERROR;
	if (auth_password_needs_rehash(hash)) {
		if (auth_password_hash(pw, newhash, sizeof(newhash)) != 0 ||
		    (st = db_stmt(db, sql_user_rehash)) == NULL ||
		    !db_bind_int(st, 1, u.id) || !db_bind_text(st, 2, newhash) ||
		    db_run(db, st, "rehash") != SQLITE_OK)
			goto fail;
	}
	if ((st = db_stmt(db, sql_fail_clear)) == NULL ||
	    !db_bind_text(st, 1, name) ||
	    !db_bind_int(st, 2, now - AUTH_FAIL_WINDOW) ||
	    db_run(db, st, "login failures clear") != SQLITE_OK)
		goto fail;
	if ((st = db_stmt(db, sql_session_purge)) == NULL ||
	    !db_bind_int(st, 1, now - AUTH_SESSION_MAX) ||
	    !db_bind_int(st, 2, now - AUTH_IDLE_MAX) ||
	    db_run(db, st, "session purge") != SQLITE_OK)
		goto fail;
	if (session_add(db, a, &u, now, token, s) != FOLIO_OK ||
	    db_commit(db) != FOLIO_OK)
		goto fail;
	return AUTH_OK;
fail:
	db_rollback(db);
	return AUTH_ERROR;
}

enum folio_err
auth_session(sqlite3 *db, struct arena *a, const char *token, time_t now,
    struct session *s)
{
	sqlite3_stmt	*st;
	char		 hash[AUTH_HASH_SZ];
	time_t		 created, seen;
	int		 step;

	memset(s, 0, sizeof(*s));
	if (!token_wellformed(token))
		return FOLIO_ERR_NOTFOUND;
	auth_token_hash(token, hash);
	if ((st = db_stmt(db, sql_session_get)) == NULL)
		return FOLIO_ERR_DB;
	if (!db_bind_text(st, 1, hash)) {
		db_done(st);
		return FOLIO_ERR_DB;
	}
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		db_done(st);
		if (step == SQLITE_DONE)
			return FOLIO_ERR_NOTFOUND;
		db_log(db, "session");
		return FOLIO_ERR_DB;
	}
	s->id = sqlite3_column_int64(st, 0);
	s->csrf = db_text(a, st, 1);
	created = (time_t)sqlite3_column_int64(st, 2);
	seen = (time_t)sqlite3_column_int64(st, 3);
	user_read(a, st, 4, &s->user);
	db_done(st);

	if (now - created >= AUTH_SESSION_MAX || now - seen >= AUTH_IDLE_MAX) {
		(void)auth_logout(db, token);
		/* Only s->user stays: whose it was. */
		s->id = 0;
		s->csrf = NULL;
		return FOLIO_ERR_NOTFOUND;
	}
	if (now - seen < 60)
		return FOLIO_OK;	/* fresh enough: spare a write */
	if ((st = db_stmt(db, sql_session_touch)) == NULL ||
	    !db_bind_int(st, 1, s->id) || !db_bind_int(st, 2, now)) {
		db_done(st);
		return FOLIO_ERR_DB;
	}
	return db_run(db, st, "session touch") == SQLITE_OK ? FOLIO_OK :
	    FOLIO_ERR_DB;
}

enum folio_err
auth_logout(sqlite3 *db, const char *token)
{
	sqlite3_stmt	*st;
	char		 hash[AUTH_HASH_SZ];

	if (!token_wellformed(token))
		return FOLIO_OK;
	auth_token_hash(token, hash);
	if ((st = db_stmt(db, sql_session_del)) == NULL)
		return FOLIO_ERR_DB;
	if (!db_bind_text(st, 1, hash)) {
		db_done(st);
		return FOLIO_ERR_DB;
	}
	return db_run(db, st, "logout") == SQLITE_OK ? FOLIO_OK :
	    FOLIO_ERR_DB;
}

enum folio_err
auth_password_store(sqlite3 *db, int64_t user_id, const char *pw,
    int64_t keep_session)
{
	sqlite3_stmt	*st;
	char		 hash[crypto_pwhash_STRBYTES];

	if (!auth_password_ok(pw))
		return FOLIO_ERR_INPUT;
	if (auth_password_hash(pw, hash, sizeof(hash)) != 0)
		return FOLIO_ERR_IO;
	if ((st = db_stmt(db, sql_user_rehash)) == NULL ||
	    !db_bind_int(st, 1, user_id) || !db_bind_text(st, 2, hash)) {
		db_done(st);
		return FOLIO_ERR_DB;
	}
	if (db_run(db, st, "set password") != SQLITE_OK)
		return FOLIO_ERR_DB;
	if (sqlite3_changes(db) != 1)
		return FOLIO_ERR_NOTFOUND;
	/* A new password ends every other session of that user. */
	if ((st = db_stmt(db, sql_session_del_user)) == NULL ||
	    !db_bind_int(st, 1, user_id) ||
	    !db_bind_int(st, 2, keep_session)) {
		db_done(st);
		return FOLIO_ERR_DB;
	}
	return db_run(db, st, "end sessions") == SQLITE_OK ? FOLIO_OK :
	    FOLIO_ERR_DB;
}

enum folio_err
auth_set_password(sqlite3 *db, int64_t user_id, const char *pw,
    int64_t keep_session)
{
	enum folio_err	 rc;

	if (!auth_password_ok(pw))
		return FOLIO_ERR_INPUT;
	if (db_begin(db) != FOLIO_OK)
		return FOLIO_ERR_DB;
	if ((rc = auth_password_store(db, user_id, pw, keep_session)) !=
	    FOLIO_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

enum folio_err
auth_user_add(sqlite3 *db, const char *name, enum role role, const char *pw,
    time_t now, int64_t *id)
{
	sqlite3_stmt	*st;
	char		 hash[crypto_pwhash_STRBYTES];
	int		 step;

	if (!slug_valid(name) || strlen(name) > 64 || !auth_password_ok(pw))
		return FOLIO_ERR_INPUT;
	if (auth_password_hash(pw, hash, sizeof(hash)) != 0)
		return FOLIO_ERR_IO;
	if ((st = db_stmt(db, sql_user_add)) == NULL)
		return FOLIO_ERR_DB;
	if (!db_bind_text(st, 1, name) ||
	    !db_bind_text(st, 2, role_name(role)) ||
	    !db_bind_text(st, 3, hash) || !db_bind_int(st, 4, now)) {
		db_done(st);
		return FOLIO_ERR_DB;
	}
	step = sqlite3_step(st);
	db_done(st);
	if (step == SQLITE_CONSTRAINT_UNIQUE)
		return FOLIO_ERR_INPUT;
	if (step != SQLITE_DONE) {
		db_log(db, "user add");
		return FOLIO_ERR_DB;
	}
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(db);
	return FOLIO_OK;
}

enum folio_err
auth_user_by_name(sqlite3 *db, struct arena *a, const char *name,
    struct user *u)
{
	sqlite3_stmt	*st = db_stmt(db, sql_user_by_name);
	enum folio_err	 rc = FOLIO_ERR_DB;
	int		 step;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (!db_bind_text(st, 1, name))
		goto out;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		user_read(a, st, 0, u);
		rc = FOLIO_OK;
	} else if (step == SQLITE_DONE)
		rc = FOLIO_ERR_NOTFOUND;
	else
		db_log(db, "user by name");
out:
	db_done(st);
	return rc;
}
