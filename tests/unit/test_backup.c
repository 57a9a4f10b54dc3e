/*
 * test_backup.c -- backup_copy() and backup_check() on databases made in
 * a temporary folder from ../../schema.sql (run from tests/unit): a copy
 * is whole and single-file, an existing file is kept unless forced, the
 * database itself is never a target, and check finds a broken foreign key
 * and a stale schema version.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "folio.h"
#include "backup.h"
#include "db.h"
#include "harness.h"

#define SCHEMA_PATH	"../../schema.sql"

static char	 dir[] = "/tmp/folio-test-backup.XXXXXX";
static char	 live[PATH_MAX];

static void
path_in_dir(char *out, size_t sz, const char *name)
{
	int	 n = snprintf(out, sz, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= sz)
		abort();
}

static int
exists(const char *name)
{
	char		 p[PATH_MAX];
	struct stat	 sb;

	path_in_dir(p, sizeof(p), name);
	return stat(p, &sb) == 0;
}

/* Run "sql" on the database "path"; 0 on success. */
static int
exec_on(const char *path, const char *sql)
{
	sqlite3	*db;
	int	 rc;

	if (sqlite3_open(path, &db) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static long long
count_rows(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	long long	 n = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

static void
test_backup_copies_whole_database(void)
{
	char	 copy[PATH_MAX];

	path_in_dir(copy, sizeof(copy), "copy.db");
	CHECK_INT_EQ(backup_copy(live, copy, 0), FOLIO_OK);
	CHECK_INT_EQ(count_rows(copy, "SELECT count(*) FROM user"), 1);
	CHECK_INT_EQ(count_rows(copy, "PRAGMA user_version"),
	    DB_SCHEMA_VERSION);
	CHECK_INT_EQ(backup_check(copy), 0);
	CHECK(!exists("copy.db-wal"));
	CHECK(!exists("copy.db-shm"));
}

static void
test_backup_keeps_existing_file(void)
{
	char	 copy[PATH_MAX];

	path_in_dir(copy, sizeof(copy), "copy.db");
	CHECK_INT_EQ(exec_on(copy, "INSERT INTO user (slug, display_name, created_at) "
	    "VALUES ('second', 'Second', 0)"), 0);
	CHECK_INT_EQ(backup_copy(live, copy, 0), FOLIO_ERR_INPUT);
	CHECK_INT_EQ(count_rows(copy, "SELECT count(*) FROM user"), 2);
	CHECK_INT_EQ(backup_copy(live, copy, 1), FOLIO_OK);
	CHECK_INT_EQ(count_rows(copy, "SELECT count(*) FROM user"), 1);
}

static void
test_backup_refuses_itself(void)
{
	CHECK_INT_EQ(backup_copy(live, live, 1), FOLIO_ERR_INPUT);
	CHECK_INT_EQ(backup_check(live), 0);
}

static void
test_backup_missing_source(void)
{
	char	 src[PATH_MAX], copy[PATH_MAX];

	path_in_dir(src, sizeof(src), "none.db");
	path_in_dir(copy, sizeof(copy), "from-none.db");
	CHECK(backup_copy(src, copy, 0) != FOLIO_OK);
	CHECK(!exists("from-none.db"));
	CHECK(!exists("none.db"));
	CHECK_INT_EQ(backup_check(src), -1);
}

static void
test_check_finds_problems(void)
{
	char	 copy[PATH_MAX];

	path_in_dir(copy, sizeof(copy), "orphan.db");
	CHECK_INT_EQ(backup_copy(live, copy, 0), FOLIO_OK);
	/*
	 * sqlite3_open leaves foreign keys off, so the row goes in: its post
	 * and its category are both missing, two problems.
	 */
	CHECK_INT_EQ(exec_on(copy,
	    "INSERT INTO post_category VALUES (424242, 434343)"), 0);
	CHECK_INT_EQ(backup_check(copy), 2);
	CHECK_INT_EQ(exec_on(copy, "PRAGMA user_version = 0"), 0);
	CHECK_INT_EQ(backup_check(copy), 3);
}

int
main(void)
{
	static const char *const files[] = {
		"live.db", "live.db-wal", "live.db-shm", "live.db-journal",
		"copy.db", "orphan.db",
	};
	sqlite3	*db;
	char	 path[PATH_MAX];
	size_t	 i;

	log_init("test_backup");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	path_in_dir(live, sizeof(live), "live.db");
	if ((db = db_open(live, DB_CREATE)) == NULL ||
	    db_migrate(db, SCHEMA_PATH) != FOLIO_OK ||
	    sqlite3_exec(db, "INSERT INTO user (slug, display_name, created_at) "
	    "VALUES ('first', 'First', 0)", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "test_backup: cannot make %s\n", live);
		return 1;
	}

	RUN(test_backup_copies_whole_database);
	RUN(test_backup_keeps_existing_file);
	RUN(test_backup_refuses_itself);
	RUN(test_backup_missing_source);
	RUN(test_check_finds_problems);

	db_close(db);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		path_in_dir(path, sizeof(path), files[i]);
		if (unlink(path) != 0 && errno != ENOENT)
			fprintf(stderr, "test_backup: %s: %s\n", path,
			    strerror(errno));
	}
	if (rmdir(dir) != 0)
		fprintf(stderr, "test_backup: %s: %s\n", dir, strerror(errno));
	HARNESS_EXIT();
}
