/*
 * db.h -- opening the database and a per-process cache of prepared
 * statements. Every SQL statement is a string literal beside the code that
 * uses it; values are always bound, never formatted in.
 */
#ifndef DB_H
#define DB_H

#include <sqlite3.h>
#include <stdint.h>

#include "folio.h"

#define DB_SCHEMA_VERSION	9	/* the last "-- migration N" in schema.sql */

enum db_mode {
	DB_READONLY,	/* the public handler: it cannot write */
	DB_READWRITE,	/* the admin handler and the command line */
	DB_CREATE,	/* folio init: create the file if missing */
	/*
	 * folio check and backup: the file as it is, at any schema
	 * version (an old one is what one backs up before an upgrade),
	 * with nothing set but the busy timeout.
	 */
	DB_INSPECT,	/* read-only: the database checked or copied */
	DB_COPY,	/* read-write, journal mode kept: the copy made */
};

/* The database path: $FOLIO_DB, else var/folio.db. */
const char	*db_path(void);

/*
 * Open "path" and set it up: busy timeout, then (but for DB_INSPECT and
 * DB_COPY) foreign keys and WAL (when writable). DB_READONLY also checks
 * that the schema version is the one this build expects. Logs and
 * returns NULL on failure.
 */
sqlite3		*db_open(const char *path, enum db_mode);
void		 db_close(sqlite3 *);

/*
 * Return the prepared statement for "sql", preparing it on first use and
 * keeping it for the life of the connection. "sql" must be a string with
 * static storage: the cache is keyed by its address. The caller binds,
 * steps and then calls db_done(); NULL (logged) on a prepare error.
 */
sqlite3_stmt	*db_stmt(sqlite3 *, const char *sql);
void		 db_done(sqlite3_stmt *);
/* Step a bound statement that asks whether a row exists, then
 * db_done() it: 1 or 0, or -1 (logged with "context") on failure. */
int		 db_exists(sqlite3 *, sqlite3_stmt *, const char *context);

/* Log the connection's last error with the caller's context. */
void		 db_log(sqlite3 *, const char *context);

/*
 * Binding, for statements from db_stmt(). Each binds parameter "i" (from
 * 1) and returns 1, or 0 when SQLite refuses or the statement is NULL (a
 * prepare error, logged by db_stmt), so binds chain with && and a NULL
 * statement falls through to the caller's error path. They do not log.
 * Text is copied (SQLITE_TRANSIENT): a value may change or go away as soon
 * as the call returns.
 */
/* Text; NULL binds SQL NULL. */
int		 db_bind_text(sqlite3_stmt *, int i, const char *);
/* A buffer's bytes as text ("" for an empty or unused buffer). */
int		 db_bind_buf(sqlite3_stmt *, int i, const struct buf *);
int		 db_bind_int(sqlite3_stmt *, int i, int64_t);
/* A row id for a nullable reference: 0 binds SQL NULL. */
int		 db_bind_id(sqlite3_stmt *, int i, int64_t);

/*
 * db_stmt() with every parameter bound in one call, one letter of
 * "types" per parameter, from ?1: 's' text (a const char *, NULL binds
 * NULL), 'i' an int64_t, 'I' an int64_t row id (0 binds NULL). Returns
 * the statement ready to step, or NULL (logged, with the SQL) when it
 * cannot be prepared or bound. Any other letter is a bug: abort().
 */
sqlite3_stmt	*db_stmt_bind(sqlite3 *, const char *sql,
		    const char *types, ...);

/*
 * Step a bound statement that returns no row (INSERT, UPDATE, DELETE),
 * then db_done() it. Returns SQLITE_OK when it ran to its end, else the
 * step's result code (SQLITE_CONSTRAINT_UNIQUE...), logged with
 * "context". A NULL statement (a failed db_stmt) gives SQLITE_ERROR,
 * already logged.
 */
int		 db_run(sqlite3 *, sqlite3_stmt *, const char *context);

/*
 * Step a bound statement and db_done() it: the first column of its first
 * row as an integer (a row id), 0 when there is no row, -1 (logged with
 * "context") on an error or a NULL statement.
 */
int64_t		 db_get_id(sqlite3 *, sqlite3_stmt *, const char *context);

/*
 * The same for text: the first column of the first row copied into the
 * arena ("" for SQL NULL); NULL when there is no row, or on an error
 * (logged with "context") or a NULL statement.
 */
char		*db_get_text(sqlite3 *, struct arena *, sqlite3_stmt *,
		    const char *context);

/*
 * Run SQL that is not cached nor bound (BEGIN, DDL, pragmas) with
 * sqlite3_exec(). Returns 0, or -1 after logging the SQL and the error.
 */
int		 db_exec(sqlite3 *, const char *sql);

/* Bring the schema up to date from schema.sql (folio init). */
enum folio_err	 db_migrate(sqlite3 *, const char *schema_path);

/* The content generation: moves on every content change. -1 on error. */
long long	 db_generation(sqlite3 *);

/* Column helpers: never NULL, "" for SQL NULL; copied into the arena. */
char		*db_text(struct arena *, sqlite3_stmt *, int col);

/*
 * One transaction per user action: BEGIN IMMEDIATE takes the write lock
 * at once, so a busy database waits (busy_timeout) instead of failing
 * half-way. Each logs and returns FOLIO_ERR_DB on failure.
 */
enum folio_err	 db_begin(sqlite3 *);
/* PRAGMA user_version: the schema version a database is at; -1 (logged). */
int		 db_schema_version(sqlite3 *);
enum folio_err	 db_commit(sqlite3 *);
void		 db_rollback(sqlite3 *);

#endif /* DB_H */
