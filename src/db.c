/*
 * db.c -- open the SQLite database the way every Folio program needs it,
 * cache prepared statements per connection, and migrate the schema.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db.h"

#define DB_STMT_SLOTS	128	/* more statements than Folio has */

struct stmt_slot {
	const char	*sql;
	sqlite3_stmt	*st;
};

/*
 * One cache per process is enough: each program holds one connection.
 * The connection it belongs to is kept so a second connection (tests,
 * folio commands that reopen) does not get another's statements.
 */
static struct stmt_slot	 stmt_cache[DB_STMT_SLOTS];
static sqlite3		*stmt_cache_db;

const char *
db_path(void)
{
	return config_current()->value[CONF_DATABASE];
}

void
db_log(sqlite3 *db, const char *context)
{
	log_err("%s: sqlite: %s", context, sqlite3_errmsg(db));
}

int
db_exec(sqlite3 *db, const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_err("%s: %s", sql, msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
db_user_version(sqlite3 *db)
{
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL)
	    != SQLITE_OK) {
		db_log(db, "user_version");
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

sqlite3 *
db_open(const char *path, enum db_mode mode)
{
	sqlite3	*db = NULL;
	int	 flags, v;

	switch (mode) {
	case DB_READONLY:
	case DB_INSPECT:
		flags = SQLITE_OPEN_READONLY;
		break;
	case DB_READWRITE:
	case DB_COPY:
		flags = SQLITE_OPEN_READWRITE;
		break;
	default:
		flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
		break;
	}
	flags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		log_err("%s: cannot open database: %s", path,
		    db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db, 1);
	if (sqlite3_busy_timeout(db, 5000) != SQLITE_OK) {
		log_err("%s: busy_timeout: %s", path, sqlite3_errmsg(db));
		goto fail;
	}
	if (mode == DB_INSPECT || mode == DB_COPY)
		return db;
	if (db_exec(db, "PRAGMA foreign_keys = ON") != 0)
		goto fail;
	if (mode == DB_READONLY) {
		/* Belt and braces: the handle is read-only already. */
		if (db_exec(db, "PRAGMA query_only = ON") != 0)
			goto fail;
		v = db_user_version(db);
		if (v != DB_SCHEMA_VERSION) {
			log_err("%s: schema version %d, this build needs %d: "
			    "run `folio init`", path, v, DB_SCHEMA_VERSION);
			goto fail;
		}
	} else if (db_exec(db, "PRAGMA journal_mode = WAL") != 0)
		goto fail;
	return db;
fail:
	sqlite3_close(db);
	return NULL;
}

void
db_close(sqlite3 *db)
{
	size_t	 i;

	if (db == NULL)
		return;
	if (db == stmt_cache_db) {
		for (i = 0; i < DB_STMT_SLOTS; i++) {
			sqlite3_finalize(stmt_cache[i].st);
			stmt_cache[i].sql = NULL;
			stmt_cache[i].st = NULL;
		}
		stmt_cache_db = NULL;
	}
	if (sqlite3_close(db) != SQLITE_OK)
		log_err("close: sqlite: %s", sqlite3_errmsg(db));
}

sqlite3_stmt *
db_stmt(sqlite3 *db, const char *sql)
{
	size_t		 i, h;
	sqlite3_stmt	*st;

	if (stmt_cache_db != db) {
		if (stmt_cache_db != NULL) {
			log_err("statement cache used by two connections");
			abort();
		}
		stmt_cache_db = db;
	}
	/* Open addressing on the literal's address. */
	h = ((uintptr_t)sql >> 4) % DB_STMT_SLOTS;
	for (i = 0; i < DB_STMT_SLOTS; i++) {
		struct stmt_slot *s = &stmt_cache[(h + i) % DB_STMT_SLOTS];

		if (s->sql == sql)
			return s->st;
		if (s->sql != NULL)
			continue;
		if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT,
		    &st, NULL) != SQLITE_OK) {
			log_err("prepare: %s: %s", sqlite3_errmsg(db), sql);
			return NULL;
		}
		s->sql = sql;
		s->st = st;
		return st;
	}
	log_err("statement cache full");
	abort();
}

void
db_done(sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int
db_exists(sqlite3 *db, sqlite3_stmt *st, const char *context)
{
	int	 step = sqlite3_step(st);

	db_done(st);
	if (step == SQLITE_ROW)
		return 1;
	if (step == SQLITE_DONE)
		return 0;
	db_log(db, context);
	return -1;
}

int
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return st != NULL &&
	    sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) == SQLITE_OK;
}

int
db_bind_buf(sqlite3_stmt *st, int i, const struct buf *b)
{
	return st != NULL && sqlite3_bind_text(st, i, b->len ? b->data : "",
	    (int)b->len, SQLITE_TRANSIENT) == SQLITE_OK;
}

int
db_bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	return st != NULL &&
	    sqlite3_bind_int64(st, i, (sqlite3_int64)v) == SQLITE_OK;
}

int
db_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id == 0)
		return st != NULL && sqlite3_bind_null(st, i) == SQLITE_OK;
	return db_bind_int(st, i, id);
}

sqlite3_stmt *
db_stmt_bind(sqlite3 *db, const char *sql, const char *types, ...)
{
	sqlite3_stmt	*st = db_stmt(db, sql);
	va_list		 ap;
	int		 i, ok = 1;

	if (st == NULL)
		return NULL;
	va_start(ap, types);
	for (i = 0; types[i] != '\0' && ok; i++) {
		switch (types[i]) {
		case 's':
			ok = db_bind_text(st, i + 1, va_arg(ap, const char *));
			break;
		case 'i':
			ok = db_bind_int(st, i + 1, va_arg(ap, int64_t));
			break;
		case 'I':
			ok = db_bind_id(st, i + 1, va_arg(ap, int64_t));
			break;
		default:
			abort();	/* a bad type string in the caller */
		}
	}
	va_end(ap);
	if (!ok) {
		log_err("bind: %s: %s", sqlite3_errmsg(db), sql);
		db_done(st);
		return NULL;
	}
	return st;
}

int
db_run(sqlite3 *db, sqlite3_stmt *st, const char *context)
{
	int	 step;

	if (st == NULL)
		return SQLITE_ERROR;
	step = sqlite3_step(st);
	db_done(st);
	if (step == SQLITE_DONE)
		return SQLITE_OK;
	db_log(db, context);
	return step;
}

int64_t
db_get_id(sqlite3 *db, sqlite3_stmt *st, const char *context)
{
	int64_t	 id = 0;
	int	 step;

	if (st == NULL)
		return -1;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (step != SQLITE_DONE) {
		db_log(db, context);
		id = -1;
	}
	db_done(st);
	return id;
}

char *
db_get_text(sqlite3 *db, struct arena *a, sqlite3_stmt *st,
    const char *context)
{
	char	*s = NULL;
	int	 step;

	if (st == NULL)
		return NULL;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		s = db_text(a, st, 0);
	else if (step != SQLITE_DONE)
		db_log(db, context);
	db_done(st);
	return s;
}

char *
db_text(struct arena *a, sqlite3_stmt *st, int col)
{
	const unsigned char	*s = sqlite3_column_text(st, col);
	int			 n = sqlite3_column_bytes(st, col);

	if (s == NULL)
		return arena_strdup(a, "");
	return arena_strndup(a, (const char *)s, (size_t)n);
}

long long
db_generation(sqlite3 *db)
{
	static const char sql[] = "SELECT n FROM generation WHERE id = 1";
	sqlite3_stmt	*st = db_stmt(db, sql);
	long long	 n = -1;

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		db_log(db, "generation");
	db_done(st);
	return n;
}

/*
 * Read the whole schema file. Sections start at lines "-- migration N";
 * text before the first one is commentary.
 */
static char *
read_file(const char *path)
{
	FILE	*f;
	struct buf b = BUF_INIT;
	char	 chunk[8192];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		log_err("%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	if (ferror(f)) {
		log_err("%s: read error", path);
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	buf_putc(&b, '\0');
	return b.data;
}

enum folio_err
db_migrate(sqlite3 *db, const char *schema_path)
{
	static const char marker[] = "\n-- migration ";
	char		*text, *p, *next, *end;
	int		 have, n;
	long		 l;
	struct buf	 sql = BUF_INIT;
	enum folio_err	 rc = FOLIO_ERR_DB;

	if ((have = db_user_version(db)) < 0)
		return FOLIO_ERR_DB;
	if (have > DB_SCHEMA_VERSION) {
		log_err("database schema version %d is newer than this "
		    "build's %d", have, DB_SCHEMA_VERSION);
		return FOLIO_ERR_DB;
	}
	if ((text = read_file(schema_path)) == NULL)
		return FOLIO_ERR_IO;
	for (p = strstr(text, marker); p != NULL; p = next) {
		p += sizeof(marker) - 1;
		errno = 0;
		l = strtol(p, &end, 10);
		/* A line that only begins like a marker ("-- migration
		 * 3's view", in a comment) is an error, not a section. */
		if (errno || end == p || *end != '\n' || l < 1 ||
		    l > DB_SCHEMA_VERSION) {
			log_err("%s: bad migration marker", schema_path);
			rc = FOLIO_ERR_INPUT;
			goto out;
		}
		n = (int)l;
		next = strstr(end, marker);
		if (n <= have)
			continue;
		if (n != have + 1) {
			log_err("%s: migration %d follows %d", schema_path,
			    n, have);
			rc = FOLIO_ERR_INPUT;
			goto out;
		}
		buf_reset(&sql);
		buf_puts(&sql, "BEGIN IMMEDIATE;\n");
		buf_append(&sql, end, next ? (size_t)(next - end) :
		    strlen(end));
		buf_printf(&sql, ";\nPRAGMA user_version = %d;\nCOMMIT;", n);
		if (db_exec(db, sql.data) != 0) {
			db_exec(db, "ROLLBACK");
			goto out;
		}
		log_info("database migrated to schema version %d", n);
		have = n;
	}
	if (have != DB_SCHEMA_VERSION) {
		log_err("%s: ends at version %d, this build needs %d",
		    schema_path, have, DB_SCHEMA_VERSION);
		goto out;
	}
	rc = FOLIO_OK;
out:
	buf_free(&sql);
	free(text);
	return rc;
}

enum folio_err
db_begin(sqlite3 *db)
{
	return db_exec(db, "BEGIN IMMEDIATE") == 0 ? FOLIO_OK : FOLIO_ERR_DB;
}

enum folio_err
db_commit(sqlite3 *db)
{
	if (db_exec(db, "COMMIT") == 0)
		return FOLIO_OK;
	db_rollback(db);
	return FOLIO_ERR_DB;
}

void
db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		(void)db_exec(db, "ROLLBACK");
}

int
db_schema_version(sqlite3 *db)
{
	return db_user_version(db);
}
