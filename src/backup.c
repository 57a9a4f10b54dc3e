/*
 * backup.c -- folio backup and folio check: a consistent copy of a live
 * database, and the checks that say whether a database (or a copy) is
 * sound. Restoring is a file copy while the site is stopped (README.md).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "folio.h"
#include "backup.h"
#include "db.h"

#define BACKUP_BUSY_TRIES	50	/* times 100 ms: a writer's commit */

/* The copy "path" passes PRAGMA quick_check: 1 if so, 0 (logged) if not. */
static int
backup_quick_check(sqlite3 *db, const char *path)
{
	static const char sql[] = "PRAGMA quick_check";
	sqlite3_stmt	*st;
	const char	*msg;
	int		 ok = 0, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		log_err("%s: quick_check: %s", path, sqlite3_errmsg(db));
		return 0;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(st, 0);
		if (msg != NULL && strcmp(msg, "ok") == 0)
			ok = 1;
		else {
			log_err("%s: the copy fails quick_check: %s", path,
			    msg ? msg : "(null)");
			ok = 0;
			break;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		log_err("%s: quick_check: %s", path, sqlite3_errmsg(db));
		ok = 0;
	}
	sqlite3_finalize(st);
	return ok;
}

/* Make a rename in the folder of "path" durable. */
static void
backup_sync_dir(const char *path)
{
	char	 dir[PATH_MAX];
	char	*slash;
	int	 fd, n;

	n = snprintf(dir, sizeof(dir), "%s", path);
	if (n < 0 || (size_t)n >= sizeof(dir))
		return;
	if ((slash = strrchr(dir, '/')) == NULL) {
		dir[0] = '.';
		dir[1] = '\0';
	} else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) < 0)
		return;
	if (fsync(fd) != 0)
		log_warn("%s: fsync: %s", dir, strerror(errno));
	close(fd);
}

/* Copy the whole of "src" into "dst" in one step: one snapshot. */
static int
backup_pages(sqlite3 *src, sqlite3 *dst, const char *spath)
{
	sqlite3_backup	*b;
	int		 rc, tries = 0;

	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		log_err("%s: backup: %s", spath, sqlite3_errmsg(dst));
		return -1;
	}
	/* -1: every page under one read transaction on the source. */
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED) {
		if (++tries > BACKUP_BUSY_TRIES)
			break;
		sqlite3_sleep(100);
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE) {
		log_err("%s: backup: %s", spath, rc == SQLITE_DONE ?
		    sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

enum folio_err
backup_copy(const char *spath, const char *dest, int force)
{
	sqlite3		*src = NULL, *dst = NULL;
	struct stat	 sb, ssb;
	char		 tmp[PATH_MAX];
	enum folio_err	 rc = FOLIO_ERR_DB;
	int		 fd = -1, n, made = 0;

	if (lstat(dest, &sb) == 0) {
		if (stat(spath, &ssb) == 0 && ssb.st_dev == sb.st_dev &&
		    ssb.st_ino == sb.st_ino) {
			log_err("%s: is the database itself", dest);
			return FOLIO_ERR_INPUT;
		}
		if (!force) {
			log_err("%s: already exists; use --force to replace "
			    "it", dest);
			return FOLIO_ERR_INPUT;
		}
	}
	n = snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", dest);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		log_err("%s: path too long", dest);
		return FOLIO_ERR_TOOLONG;
	}
	if ((src = db_open(spath, DB_INSPECT)) == NULL)
		goto out;
	if ((fd = mkstemp(tmp)) < 0) {
		log_err("%s: cannot create: %s", tmp, strerror(errno));
		rc = FOLIO_ERR_IO;
		goto out;
	}
	made = 1;
	close(fd);
	if ((dst = db_open(tmp, DB_COPY)) == NULL)
		goto out;
	if (backup_pages(src, dst, spath) != 0 ||
	    !backup_quick_check(dst, tmp))
		goto out;
	/*
	 * One self-contained file: reading a WAL copy (folio check) would
	 * leave -wal and -shm files beside it. `folio init` or the admin
	 * turn WAL back on after a restore.
	 */
	if (db_exec(dst, "PRAGMA journal_mode = DELETE") != 0)
		goto out;
	db_close(dst);
	dst = NULL;

	/* link() will not replace an existing file; rename() will. */
	if (force) {
		if (rename(tmp, dest) != 0) {
			log_err("%s: cannot rename to %s: %s", tmp, dest,
			    strerror(errno));
			rc = FOLIO_ERR_IO;
			goto out;
		}
	} else {
		if (link(tmp, dest) != 0) {
			if (errno == EEXIST) {
				log_err("%s: already exists; use --force to "
				    "replace it", dest);
				rc = FOLIO_ERR_INPUT;
			} else {
				log_err("%s: cannot create: %s", dest,
				    strerror(errno));
				rc = FOLIO_ERR_IO;
			}
			goto out;
		}
		if (unlink(tmp) != 0)
			log_warn("%s: cannot remove: %s", tmp,
			    strerror(errno));
	}
	made = 0;
	backup_sync_dir(dest);
	rc = FOLIO_OK;
out:
	db_close(dst);
	db_close(src);
	if (made && unlink(tmp) != 0 && errno != ENOENT)
		log_warn("%s: cannot remove: %s", tmp, strerror(errno));
	return rc;
}

/* PRAGMA integrity_check: each row other than "ok" is a problem. */
static int
check_integrity(sqlite3 *db, const char *path)
{
	static const char sql[] = "PRAGMA integrity_check";
	sqlite3_stmt	*st;
	const char	*msg;
	int		 problems = 0, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		log_err("%s: integrity: %s", path, sqlite3_errmsg(db));
		return 1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(st, 0);
		if (msg != NULL && strcmp(msg, "ok") == 0)
			continue;
		log_err("%s: integrity: %s", path, msg ? msg : "(null)");
		problems++;
	}
	if (rc != SQLITE_DONE) {
		log_err("%s: integrity: %s", path, sqlite3_errmsg(db));
		problems++;
	}
	sqlite3_finalize(st);
	return problems;
}

/* PRAGMA foreign_key_check: each row is a reference to a missing row. */
static int
check_foreign_keys(sqlite3 *db, const char *path)
{
	static const char sql[] = "PRAGMA foreign_key_check";
	sqlite3_stmt	*st;
	const char	*table, *parent;
	int		 problems = 0, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		log_err("%s: foreign keys: %s", path, sqlite3_errmsg(db));
		return 1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		table = (const char *)sqlite3_column_text(st, 0);
		parent = (const char *)sqlite3_column_text(st, 2);
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			log_err("%s: foreign key: a row of %s refers to a "
			    "missing row of %s", path, table ? table : "?",
			    parent ? parent : "?");
		else
			log_err("%s: foreign key: %s row %lld refers to a "
			    "missing row of %s", path, table ? table : "?",
			    (long long)sqlite3_column_int64(st, 1),
			    parent ? parent : "?");
		problems++;
	}
	if (rc != SQLITE_DONE) {
		log_err("%s: foreign keys: %s", path, sqlite3_errmsg(db));
		problems++;
	}
	sqlite3_finalize(st);
	return problems;
}

static int
check_version(sqlite3 *db, const char *path)
{
	static const char sql[] = "PRAGMA user_version";
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		log_err("%s: user_version: %s", path, sqlite3_errmsg(db));
		return 1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else
		log_err("%s: user_version: %s", path, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	if (v == DB_SCHEMA_VERSION)
		return 0;
	if (v >= 0 && v < DB_SCHEMA_VERSION)
		log_err("%s: schema version %d, this build needs %d: run "
		    "`folio init`", path, v, DB_SCHEMA_VERSION);
	else if (v > DB_SCHEMA_VERSION)
		log_err("%s: schema version %d is newer than this build's %d",
		    path, v, DB_SCHEMA_VERSION);
	return 1;
}

int
backup_check(const char *path)
{
	sqlite3	*db;
	int	 problems;

	if ((db = db_open(path, DB_INSPECT)) == NULL)
		return -1;
	problems = check_integrity(db, path);
	problems += check_foreign_keys(db, path);
	problems += check_version(db, path);
	db_close(db);
	return problems;
}
