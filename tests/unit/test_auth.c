/*
 * test_auth.c -- password hashing and verification, tokens, and the
 * login/session/throttle rules against a real SQLite database built
 * from ../../schema.sql (run from tests/unit).
 */
#include <sys/stat.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio.h"
#include "auth.h"
#include "db.h"
#include "harness.h"

#define SCHEMA_PATH	"../../schema.sql"
#define PW		"correct horse battery"
#define T0		1700000000

static struct arena	 arena = ARENA_INIT;
static sqlite3		*db;

static void
test_password_rules(void)
{
	char	 big[AUTH_PASSWORD_MAX + 2];

	CHECK(!auth_password_ok(""));
	CHECK(!auth_password_ok("elevenchars"));
	CHECK(auth_password_ok("twelve chars"));
	/* Characters, not bytes: 11 two-byte letters are too few. */
	CHECK(!auth_password_ok("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"));
	CHECK(!auth_password_ok("bad utf-8 \xff\xfe here"));
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(!auth_password_ok(big));
}

static void
test_hash_and_verify(void)
{
	char	 h1[crypto_pwhash_STRBYTES], h2[crypto_pwhash_STRBYTES];
	char	 weak[crypto_pwhash_STRBYTES];

	CHECK_INT_EQ(auth_password_hash(PW, h1, sizeof(h1)), 0);
	CHECK_INT_EQ(auth_password_hash(PW, h2, sizeof(h2)), 0);
	CHECK(strncmp(h1, "$argon2id$", 10) == 0);
	CHECK(strcmp(h1, h2) != 0);		/* salted */
	CHECK(strstr(h1, PW) == NULL);
	CHECK(auth_password_verify(h1, PW));
	CHECK(!auth_password_verify(h1, "correct horse battery "));
	CHECK(!auth_password_verify(h1, ""));
	CHECK(!auth_password_verify("garbage", PW));
	CHECK(!auth_password_needs_rehash(h1));
	CHECK_INT_EQ(crypto_pwhash_str(weak, PW, strlen(PW),
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
	CHECK(auth_password_verify(weak, PW));
	CHECK(auth_password_needs_rehash(weak));
}

static void
test_tokens(void)
{
	char	 a[AUTH_TOKEN_SZ], b[AUTH_TOKEN_SZ];
	char	 ha[AUTH_HASH_SZ], ha2[AUTH_HASH_SZ], hb[AUTH_HASH_SZ];
	size_t	 i;

	auth_token_new(a);
	auth_token_new(b);
	CHECK_INT_EQ(strlen(a), 43);
	CHECK(strcmp(a, b) != 0);
	for (i = 0; a[i] != '\0'; i++)
		CHECK(strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789-_", a[i]) != NULL);
	auth_token_hash(a, ha);
	auth_token_hash(a, ha2);
	auth_token_hash(b, hb);
	CHECK_INT_EQ(strlen(ha), 64);
	CHECK_STR_EQ(ha, ha2);
	CHECK(strcmp(ha, hb) != 0);
	CHECK(strstr(ha, a) == NULL);
	CHECK(auth_token_equal(a, a));
	CHECK(!auth_token_equal(a, b));
	CHECK(!auth_token_equal(a, ""));
	CHECK(!auth_token_equal("", ""));
	b[0] = '\0';
	CHECK(!auth_token_equal(a, "x"));
}

static int
count(const char *sql)
{
	sqlite3_stmt	*st;
	int		 n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
test_login_and_sessions(void)
{
	char		 tok[AUTH_TOKEN_SZ], tok2[AUTH_TOKEN_SZ];
	struct session	 s, s2, got;
	int64_t		 id;

	CHECK_INT_EQ(auth_user_add(db, "ann", ROLE_EDITOR, PW, T0, &id),
	    FOLIO_OK);
	CHECK_INT_EQ(auth_user_add(db, "ann", ROLE_EDITOR, PW, T0, NULL),
	    FOLIO_ERR_INPUT);
	CHECK_INT_EQ(auth_user_add(db, "Bad Name", ROLE_EDITOR, PW, T0,
	    NULL), FOLIO_ERR_INPUT);
	CHECK_INT_EQ(auth_user_add(db, "short", ROLE_EDITOR, "short", T0,
	    NULL), FOLIO_ERR_INPUT);

	CHECK_INT_EQ(auth_login(db, &arena, "ann", PW, "10.0.0.1", T0, tok,
	    &s), AUTH_OK);
	CHECK_INT_EQ(s.user.id, id);
	CHECK_INT_EQ(s.user.role, ROLE_EDITOR);
	CHECK_INT_EQ(strlen(s.csrf), 43);
	CHECK_INT_EQ(count("SELECT count(*) FROM session"), 1);
	/* Only the token's hash is stored. */
	CHECK_INT_EQ(count("SELECT count(*) FROM session WHERE "
	    "instr(token_hash, '-') > 0 OR length(token_hash) <> 64"), 0);

	CHECK_INT_EQ(auth_session(db, &arena, tok, T0 + 10, &got), FOLIO_OK);
	CHECK_INT_EQ(got.id, s.id);
	CHECK_STR_EQ(got.csrf, s.csrf);
	CHECK_INT_EQ(auth_session(db, &arena, "nope", T0, &got),
	    FOLIO_ERR_NOTFOUND);
	tok2[0] = tok[0] == 'A' ? 'B' : 'A';
	memcpy(tok2 + 1, tok + 1, AUTH_TOKEN_SZ - 1);
	CHECK_INT_EQ(auth_session(db, &arena, tok2, T0, &got),
	    FOLIO_ERR_NOTFOUND);

	/* Idle expiry: used now and then it lives; left alone it dies. */
	CHECK_INT_EQ(auth_session(db, &arena, tok, T0 + AUTH_IDLE_MAX - 5,
	    &got), FOLIO_OK);
	CHECK_INT_EQ(auth_session(db, &arena, tok, T0 + 2 * AUTH_IDLE_MAX -
	    10, &got), FOLIO_OK);
	CHECK_INT_EQ(auth_session(db, &arena, tok, T0 + 4 * AUTH_IDLE_MAX,
	    &got), FOLIO_ERR_NOTFOUND);
	CHECK_INT_EQ(count("SELECT count(*) FROM session"), 0);

	/* Absolute expiry, however busy the session. */
	CHECK_INT_EQ(auth_login(db, &arena, "ann", PW, "10.0.0.1", T0, tok,
	    &s), AUTH_OK);
	CHECK_INT_EQ(auth_session(db, &arena, tok, T0 + AUTH_SESSION_MAX,
	    &got), FOLIO_ERR_NOTFOUND);

	/* Logout, and a password change ending the other sessions. */
	CHECK_INT_EQ(auth_login(db, &arena, "ann", PW, "10.0.0.1", T0, tok,
	    &s), AUTH_OK);
	CHECK_INT_EQ(auth_login(db, &arena, "ann", PW, "10.0.0.2", T0, tok2,
	    &s2), AUTH_OK);
	CHECK(strcmp(tok, tok2) != 0);
	CHECK_INT_EQ(auth_set_password(db, id, "a new password here", s.id),
	    FOLIO_OK);
	CHECK_INT_EQ(auth_session(db, &arena, tok, T0 + 1, &got), FOLIO_OK);
	CHECK_INT_EQ(auth_session(db, &arena, tok2, T0 + 1, &got),
	    FOLIO_ERR_NOTFOUND);
	CHECK_INT_EQ(auth_logout(db, tok), FOLIO_OK);
	CHECK_INT_EQ(auth_session(db, &arena, tok, T0 + 1, &got),
	    FOLIO_ERR_NOTFOUND);
	CHECK_INT_EQ(auth_login(db, &arena, "ann", PW, "10.0.0.1", T0, tok,
	    &s), AUTH_BAD);
	CHECK_INT_EQ(auth_login(db, &arena, "ann", "a new password here",
	    "10.0.0.1", T0, tok, &s), AUTH_OK);
}

static void
test_throttling(void)
{
	char		 tok[AUTH_TOKEN_SZ];
	struct session	 s;
	int		 i;

	/* Per account: five failures, then even the right password waits. */
	for (i = 0; i < AUTH_FAIL_USER_MAX; i++)
		CHECK_INT_EQ(auth_login(db, &arena, "ann", "wrong password!",
		    i % 2 ? "10.0.1.1" : "10.0.1.2", T0 + i, tok, &s),
		    AUTH_BAD);
	CHECK_INT_EQ(auth_login(db, &arena, "ann", "a new password here",
	    "10.0.1.3", T0 + 10, tok, &s), AUTH_THROTTLED);
	/* Later the window has passed. */
	CHECK_INT_EQ(auth_login(db, &arena, "ann", "a new password here",
	    "10.0.1.3", T0 + AUTH_FAIL_WINDOW + 10, tok, &s), AUTH_OK);

	/* An unknown name fails and throttles exactly like a real one. */
	for (i = 0; i < AUTH_FAIL_USER_MAX; i++)
		CHECK_INT_EQ(auth_login(db, &arena, "ghost", "whatever pass",
		    "10.0.2.1", T0 + 2000 + i, tok, &s), AUTH_BAD);
	CHECK_INT_EQ(auth_login(db, &arena, "ghost", "whatever pass",
	    "10.0.2.9", T0 + 2010, tok, &s), AUTH_THROTTLED);

	/* Per address: one client guessing many names is held back too. */
	for (i = 0; i < AUTH_FAIL_ADDR_MAX; i++)
		CHECK_INT_EQ(auth_login(db, &arena, i % 2 ? "x1" : "x2",
		    "whatever pass", "10.0.3.1", T0 + 3000 + i, tok, &s),
		    AUTH_BAD);
	CHECK_INT_EQ(auth_login(db, &arena, "ann", "a new password here",
	    "10.0.3.1", T0 + 3010, tok, &s), AUTH_THROTTLED);
	CHECK_INT_EQ(auth_login(db, &arena, "ann", "a new password here",
	    "10.0.3.2", T0 + 3010, tok, &s), AUTH_OK);
}

/* Remove dir/t.db and what SQLite keeps beside it, then dir. */
static void
cleanup(const char *dir)
{
	static const char *const names[] = {
		"t.db", "t.db-wal", "t.db-shm", "t.db-journal",
	};
	char	 p[256];
	size_t	 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
}

int
main(void)
{
	char	 dir[] = "/tmp/folio-test-auth.XXXXXX";
	char	 dbfile[64];

	if (auth_login_init() != 0 || mkdtemp(dir) == NULL) {
		printf("not ok - setup: libsodium or mkdtemp\n");
		return 1;
	}
	snprintf(dbfile, sizeof(dbfile), "%s/t.db", dir);
	if ((db = db_open(dbfile, DB_CREATE)) == NULL ||
	    db_migrate(db, SCHEMA_PATH) != FOLIO_OK) {
		printf("not ok - setup: cannot create %s\n", dbfile);
		db_close(db);
		cleanup(dir);
		return 1;
	}
	RUN(test_password_rules);
	RUN(test_hash_and_verify);
	RUN(test_tokens);
	RUN(test_login_and_sessions);
	RUN(test_throttling);
	db_close(db);
	arena_free(&arena);
	cleanup(dir);
	HARNESS_EXIT();
}
