/*
 * auth.h -- passwords, session tokens, CSRF tokens and login throttling
 * (libsodium). Only hashes of passwords and session tokens are stored;
 * none of them is ever logged.
 */
#ifndef AUTH_H
#define AUTH_H

#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "folio.h"

#define AUTH_PASSWORD_MIN	12	/* characters */
#define AUTH_PASSWORD_MAX	1024	/* bytes: hashing is costly */
#define AUTH_TOKEN_SZ		44	/* 32 bytes base64url, + NUL */
#define AUTH_HASH_SZ		65	/* 32 bytes hex, + NUL */
#define AUTH_IDLE_MAX		(2 * 60 * 60)	/* session idle expiry, s */
#define AUTH_SESSION_MAX	(12 * 60 * 60)	/* absolute expiry, s */
#define AUTH_FAIL_WINDOW	(15 * 60)	/* failures counted over, s */
#define AUTH_FAIL_USER_MAX	5	/* per account in the window */
#define AUTH_FAIL_ADDR_MAX	5	/* per client address */

enum role {
	ROLE_AUTHOR,		/* writes and publishes own posts */
	ROLE_EDITOR,		/* all posts, pages, categories */
	ROLE_ADMIN,		/* also users, menu, settings */
	ROLE__MAX,
};

struct user {
	int64_t		 id;
	const char	*slug;		/* the login name */
	const char	*display_name;
	enum role	 role;
};

struct session {
	int64_t		 id;
	struct user	 user;
	const char	*csrf;		/* per-session token for POSTs */
};

enum auth_result {
	AUTH_OK,
	AUTH_BAD,		/* wrong name or password: one answer for both */
	AUTH_THROTTLED,		/* too many failures lately */
	AUTH_ERROR,		/* database trouble; logged */
};

/* sodium_init(); -1 if libsodium cannot start. */
int		 auth_init(void);
/*
 * auth_init() and what logins need made once, before the workers fork:
 * the hash an unknown user's password is checked against. -1 (logged)
 * on failure: the handler must not start.
 */
int		 auth_login_init(void);

/* Role names "author", "editor", "admin"; -1 for anything else. */
int		 role_parse(const char *);
const char	*role_name(enum role);

/* 1 if pw has AUTH_PASSWORD_MIN to AUTH_PASSWORD_MAX characters. */
int		 auth_password_ok(const char *pw);

/*
 * Argon2id hash of pw into out (crypto_pwhash_STRBYTES); -1 on failure
 * (out of memory).
 */
int		 auth_password_hash(const char *pw, char *out, size_t outsz);
/* 1 if pw matches the stored hash. */
int		 auth_password_verify(const char *hash, const char *pw);
/* 1 if the hash was made with other parameters than ours. */
int		 auth_password_needs_rehash(const char *hash);

/* A new random token (32 bytes, base64url) into out[AUTH_TOKEN_SZ]. */
void		 auth_token_new(char *out);
/* The hex hash under which a token is stored, into out[AUTH_HASH_SZ]. */
void		 auth_token_hash(const char *token, char *out);
/* Compare two tokens in time independent of where they differ. */
int		 auth_token_equal(const char *, const char *);

/*
 * Check name and password for a login from "address". On AUTH_OK a new
 * session is stored and its token written to token[AUTH_TOKEN_SZ], the
 * password rehashed if needed. Failures are recorded; after too many,
 * AUTH_THROTTLED without checking the password.
 */
enum auth_result auth_login(sqlite3 *, struct arena *, const char *name,
		    const char *pw, const char *address, time_t now,
		    char *token, struct session *);

/*
 * The live session for a cookie's token, its last use set to now.
 * FOLIO_ERR_NOTFOUND if none or expired (an expired one is deleted, and
 * s->user then says whose it was: the password screen fills in the name;
 * otherwise s is all zero).
 */
enum folio_err	 auth_session(sqlite3 *, struct arena *, const char *token,
		    time_t now, struct session *);

/* Delete the session of this token (logout). */
enum folio_err	 auth_logout(sqlite3 *, const char *token);

/*
 * Set a user's password and end all their sessions but keep_session (0:
 * all). pw must pass auth_password_ok().
 */
enum folio_err	 auth_set_password(sqlite3 *, int64_t user_id,
		    const char *pw, int64_t keep_session);
/* The same inside the caller's transaction. */
enum folio_err	 auth_password_store(sqlite3 *, int64_t user_id,
		    const char *pw, int64_t keep_session);

/* Create a user; FOLIO_ERR_INPUT if the name is taken or invalid. */
enum folio_err	 auth_user_add(sqlite3 *, const char *name, enum role,
		    const char *pw, time_t now, int64_t *id);

/* Look up a user by login name; FOLIO_ERR_NOTFOUND if none. */
enum folio_err	 auth_user_by_name(sqlite3 *, struct arena *,
		    const char *name, struct user *);

#endif /* AUTH_H */
