/*
 * db.h -- opening the database and a per-process cache of prepared
 * statements. Every SQL statement is a string literal beside the code that
 * uses it; values are always bound, never formatted in.
 */
#ifndef DB_H
#define DB_H

#include <sqlite3.h>

#include "folio.h"

#define DB_SCHEMA_VERSION	7	/* the last "-- migration N" in schema.sql */

enum db_mode {
	DB_READONLY,	/* the public handler: it cannot write */
	DB_READWRITE,	/* the admin handler and the command line */
	DB_CREATE,	/* folio init: create the file if missing */
};

/* The database path: $FOLIO_DB, else var/folio.db. */
const char	*db_path(void);

/*
 * Open "path" and set it up: foreign keys, busy timeout, WAL (when
 * writable). A read-only open also checks that the schema version is the
 * one this build expects. Logs and returns NULL on failure.
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
