/*
 * cli.c -- ./folio, the command line. Reads folio.conf(5) and the FOLIO_*
 * variables (FOLIO_DB...) like the handlers, and checks that file.
 * Each command is one function in the table below; the work itself lives
 * in the library so the handlers and tests can share it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "folio.h"
#include "admin_tmpl.h"
#include "auth.h"
#include "backup.h"
#include "config.h"
#include "db.h"
#include "demo.h"
#include "search.h"
#include "export.h"
#include "render.h"
#include "site.h"
#include "tmpl.h"
#include "wxr.h"

#ifndef FOLIO_DATADIR
#define FOLIO_DATADIR	"."
#endif

static const char	*config_given;	/* --config FILE */

struct command {
	const char	*name;
	const char	*usage;		/* arguments and what it does */
	int		(*run)(int, char *[]);	/* argv[0] is the name */
};

/*
 * The schema belongs to the build, not to a site: FOLIO_SCHEMA is a
 * development knob only, so it is not a folio.conf key.
 */
static const char *
schema_path(void)
{
	const char	*p = getenv("FOLIO_SCHEMA");

	return p != NULL && *p != '\0' ? p : FOLIO_DATADIR "/schema.sql";
}

static int
cmd_init(int argc, char *argv[])
{
	sqlite3		*db;
	enum folio_err	 rc;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: folio init\n");
		return 2;
	}
	if ((db = db_open(db_path(), DB_CREATE)) == NULL)
		return 1;
	rc = db_migrate(db, schema_path());
	db_close(db);
	if (rc != FOLIO_OK)
		return 1;
	printf("%s: schema version %d\n", db_path(), DB_SCHEMA_VERSION);
	return 0;
}

static int
has_posts(sqlite3 *db)
{
	sqlite3_stmt	*st;
	int		 n = -1;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM post", -1, &st,
	    NULL) != SQLITE_OK) {
		db_log(db, "count posts");
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	return n;
}

static int
cmd_demo(int argc, char *argv[])
{
	sqlite3		*db;
	long		 posts = 180;
	char		*end;
	int		 rc = 1, have;

	if (argc == 3 && strcmp(argv[1], "--posts") == 0) {
		posts = strtol(argv[2], &end, 10);
		if (*end != '\0' || posts < 1 || posts > DEMO_POSTS_MAX) {
			fprintf(stderr, "folio demo: --posts wants 1 to %d\n",
			    DEMO_POSTS_MAX);
			return 2;
		}
	} else if (argc != 1) {
		fprintf(stderr, "usage: folio demo [--posts N]\n");
		return 2;
	}
	if ((db = db_open(db_path(), DB_READWRITE)) == NULL)
		return 1;
	if ((have = has_posts(db)) != 0) {
		if (have > 0)
			fprintf(stderr, "folio demo: %s already has posts; "
			    "the demo only fills an empty site\n", db_path());
		goto out;
	}
	if (demo_populate(db, (int)posts, (int64_t)time(NULL)) != FOLIO_OK)
		goto out;
	printf("%s: demo site with %ld posts\n", db_path(), posts);
	rc = 0;
out:
	db_close(db);
	return rc;
}

/*
 * Read one password line: from the terminal without echo, or from stdin
 * when it is not a terminal (scripts). Never from argv, where any user
 * could read it in ps. Returns -1 at end of input or when too long.
 */
static int
read_password(const char *prompt, char *pw, size_t sz)
{
	struct termios	 old, quiet;
	int		 tty = isatty(STDIN_FILENO), ok;
	size_t		 len;

	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) != 0)
			return -1;
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
			return -1;
	}
	ok = fgets(pw, (int)sz, stdin) != NULL;
	if (tty) {
		(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!ok)
		return -1;
	len = strlen(pw);
	if (len > 0 && pw[len - 1] == '\n')
		pw[--len] = '\0';
	else if (len == sz - 1)
		return -1;		/* longer than we take */
	if (len > 0 && pw[len - 1] == '\r')
		pw[--len] = '\0';
	return 0;
}

/* A new password, asked twice on a terminal; 0 when it is acceptable. */
static int
new_password(char *pw, size_t sz)
{
	char	 again[AUTH_PASSWORD_MAX + 2];
	int	 rc = -1;

	if (read_password("Password: ", pw, sz) != 0) {
		fprintf(stderr, "folio: no password given\n");
		return -1;
	}
	if (!auth_password_ok(pw)) {
		fprintf(stderr, "folio: a password needs %d to %d characters\n",
		    AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX);
		goto out;
	}
	if (isatty(STDIN_FILENO)) {
		if (read_password("Again: ", again, sizeof(again)) != 0 ||
		    strcmp(again, pw) != 0) {
			fprintf(stderr, "folio: the passwords differ\n");
			goto out;
		}
	}
	rc = 0;
out:
	sodium_memzero(again, sizeof(again));
	if (rc != 0)
		sodium_memzero(pw, sz);
	return rc;
}

/* Open the database for a user command: it must be at our schema. */
static sqlite3 *
open_current(void)
{
	sqlite3	*db = db_open(db_path(), DB_READWRITE);

	if (db != NULL && db_schema_version(db) != DB_SCHEMA_VERSION) {
		fprintf(stderr, "folio: %s is not at schema version %d: run "
		    "`folio init` first\n", db_path(), DB_SCHEMA_VERSION);
		db_close(db);
		return NULL;
	}
	return db;
}

static int
cmd_user(int argc, char *argv[])
{
	char		 pw[AUTH_PASSWORD_MAX + 2];
	sqlite3		*db;
	enum folio_err	 rc;
	int		 role = ROLE_AUTHOR;

	if (argc == 5 && strcmp(argv[1], "add") == 0 &&
	    strcmp(argv[3], "--role") == 0)
		role = role_parse(argv[4]);
	else if (argc != 3 || strcmp(argv[1], "add") != 0)
		role = -1;
	if (role < 0) {
		fprintf(stderr, "usage: folio user add NAME "
		    "[--role admin|editor|author]\n");
		return 2;
	}
	if (auth_init() != 0)
		return 1;
	if (new_password(pw, sizeof(pw)) != 0)
		return 1;
	if ((db = open_current()) == NULL) {
		sodium_memzero(pw, sizeof(pw));
		return 1;
	}
	rc = auth_user_add(db, argv[2], (enum role)role, pw, time(NULL),
	    NULL);
	sodium_memzero(pw, sizeof(pw));
	db_close(db);
	if (rc == FOLIO_ERR_INPUT) {
		fprintf(stderr, "folio: user %s exists already, or the name "
		    "is not 1-64 of a-z, 0-9 and -\n", argv[2]);
		return 1;
	}
	if (rc != FOLIO_OK)
		return 1;
	printf("user %s added (%s)\n", argv[2], role_name((enum role)role));
	return 0;
}

static int
cmd_passwd(int argc, char *argv[])
{
	struct arena	 a = ARENA_INIT;
	char		 pw[AUTH_PASSWORD_MAX + 2];
	sqlite3		*db;
	struct user	 u;
	enum folio_err	 rc;
	int		 status = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: folio passwd NAME\n");
		return 2;
	}
	if (auth_init() != 0)
		return 1;
	if ((db = open_current()) == NULL)
		return 1;
	if ((rc = auth_user_by_name(db, &a, argv[1], &u)) != FOLIO_OK) {
		if (rc == FOLIO_ERR_NOTFOUND)
			fprintf(stderr, "folio: no user %s\n", argv[1]);
		goto out;
	}
	if (new_password(pw, sizeof(pw)) != 0)
		goto out;
	rc = auth_set_password(db, u.id, pw, 0);
	sodium_memzero(pw, sizeof(pw));
	if (rc != FOLIO_OK)
		goto out;
	printf("password of %s changed; their sessions ended\n", argv[1]);
	status = 0;
out:
	db_close(db);
	arena_free(&a);
	return status;
}

static int
cmd_reindex(int argc, char *argv[])
{
	sqlite3		*db;
	long		 nposts, npages;
	enum folio_err	 rc;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: folio reindex\n");
		return 2;
	}
	if ((db = db_open(db_path(), DB_READWRITE)) == NULL)
		return 1;
	rc = search_reindex(db, &nposts, &npages);
	db_close(db);
	if (rc != FOLIO_OK)
		return 1;
	printf("%s: search index rebuilt, %ld posts, %ld pages\n",
	    db_path(), nposts, npages);
	return 0;
}

static int
cmd_import_wxr(int argc, char *argv[])
{
	struct wxr_options	 opt = { NULL };
	struct wxr_report	 rep;
	sqlite3			*db;
	enum folio_err		 rc;
	int			 i;

	for (i = 1; i + 1 < argc && strcmp(argv[i], "--primary-menu") == 0;
	    i += 2)
		opt.primary_menu = argv[i + 1];
	if (i != argc - 1 || argv[i][0] == '-') {
		fprintf(stderr, "usage: folio import-wxr [--primary-menu SLUG] "
		    "FILE\n");
		return 2;
	}
	if ((db = db_open(db_path(), DB_READWRITE)) == NULL)
		return 1;
	rc = wxr_import(db, argv[i], &opt, &rep);
	db_close(db);
	if (rc != FOLIO_OK) {
		fprintf(stderr, "folio import-wxr: %s\n", rep.error[0] ?
		    rep.error : "the database failed; nothing was imported");
		if (rep.error[0])
			fprintf(stderr, "folio import-wxr: nothing was "
			    "imported\n");
		return 1;
	}
	wxr_report_print(stdout, &rep);
	if (opt.primary_menu != NULL && !rep.primary_found)
		fprintf(stderr, "folio import-wxr: warning: the file has no "
		    "menu \"%s\", so the site's menu is unchanged\n",
		    opt.primary_menu);
	return 0;
}

static int
cmd_export_static(int argc, char *argv[])
{
	struct tmpl		*t[TMPL__MAX] = { NULL };
	struct export_report	 rep;
	const char		*origin = NULL;
	sqlite3			*db;
	enum folio_err		 rc;
	int			 i;

	for (i = 1; i + 1 < argc && strcmp(argv[i], "--origin") == 0; i += 2)
		origin = argv[i + 1];
	if (i != argc - 1 || argv[i][0] == '-') {
		fprintf(stderr, "usage: folio export-static [--origin URL] "
		    "DIR\n");
		return 2;
	}
	if (render_templates_load(t) != 0)
		return 1;
	if ((db = db_open(db_path(), DB_READONLY)) == NULL) {
		render_templates_free(t);
		return 1;
	}
	rc = export_static(db, t, argv[i], origin,
	    config_current()->value[CONF_PUBLIC],
	    config_upload_dir(config_current()), &rep);
	site_free();
	db_close(db);
	render_templates_free(t);
	if (rc != FOLIO_OK) {
		fprintf(stderr, "folio export-static: %s\n", rep.error);
		return 1;
	}
	printf("%s: %ld pages, %ld forwarding pages for old URLs, %ld static "
	    "files (%ld links skipped: redirects or missing)\n", argv[i],
	    rep.pages, rep.redirects, rep.files, rep.skipped);
	return 0;
}

static int
cmd_backup(int argc, char *argv[])
{
	int	 force = 0;

	if (argc == 3 && strcmp(argv[1], "--force") == 0)
		force = 1;
	else if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: folio backup [--force] FILE\n");
		return 2;
	}
	if (backup_copy(db_path(), argv[argc - 1], force) != FOLIO_OK)
		return 1;
	printf("%s: backed up to %s\n", db_path(), argv[argc - 1]);
	return 0;
}

static int
cmd_check(int argc, char *argv[])
{
	const char	*path = argc == 2 ? argv[1] : db_path();
	int		 problems;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: folio check [FILE]\n");
		return 2;
	}
	if ((problems = backup_check(path)) < 0)
		return 1;
	if (problems > 0) {
		fprintf(stderr, "folio check: %s: %d problem%s\n", path,
		    problems, problems == 1 ? "" : "s");
		return 1;
	}
	printf("%s: ok\n", path);
	return 0;
}

/*
 * The problems `folio config check` finds beyond the file's syntax: what
 * the programs will need from the file system, checked as the user who
 * runs the check (run it as the site's user). Each is one line on
 * "errs", located where the value came from. Returns their count.
 */
/* Why "dir" is not a folder we can write in, or NULL if it is. */
static const char *
dir_problem(const char *dir)
{
	struct stat	 sb;

	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return "no such folder";
	return access(dir, W_OK | X_OK) == 0 ? NULL : "not writable";
}

/* The folder "path" is in, into buf. */
static const char *
parent_of(const char *path, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s", path);
	return dirname(buf);
}

static void
check_problem(struct buf *errs, const struct config *c, enum config_key k,
    const char *what)
{
	buf_printf(errs, "%s: %s: %s: %s\n", c->source[k], config_key_name(k),
	    c->value[k][0] != '\0' ? c->value[k] : "(default)", what);
}

static int
config_check_files(const struct config *c, struct buf *errs)
{
	struct tmpl	*t[TMPL__MAX] = { NULL };
	struct stat	 sb;
	const char	*db = c->value[CONF_DATABASE], *up, *why;
	char		 dir[1100], msg[1300];
	int		 n = 0, k, ok, up_exists;
	int		 exists = stat(db, &sb) == 0;
	int		 unreadable = exists && access(db, R_OK) != 0;

	why = dir_problem(parent_of(db, dir, sizeof(dir)));
	if (unreadable || why != NULL) {
		if (unreadable)
			snprintf(msg, sizeof(msg), "not readable");
		else
			snprintf(msg, sizeof(msg), "%s; its folder %s: %s",
			    exists ? "SQLite makes its -wal and -shm files "
			    "beside it" : "does not exist, for `folio init` "
			    "to create", dir, why);
		check_problem(errs, c, CONF_DATABASE, msg);
		n++;
	}
	/* The admin makes upload_dir (one level) at the first upload. */
	up = config_upload_dir(c);
	up_exists = stat(up, &sb) == 0;
	why = up_exists ? dir_problem(up) :
	    dir_problem(parent_of(up, dir, sizeof(dir)));
	if (why != NULL) {
		buf_printf(errs, "%s: upload_dir: %s: %s%s\n",
		    c->source[CONF_UPLOAD_DIR], up, up_exists ? "" :
		    "its folder: ", why);
		n++;
	}
	if (stat(c->value[CONF_PUBLIC], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		check_problem(errs, c, CONF_PUBLIC, "not a folder");
		n++;
	}
	/* Loading them is the real test: each error is logged above. */
	ok = render_templates_load(t) == 0 && admin_templates_load() == 0;
	render_templates_free(t);
	admin_templates_free();
	if (!ok) {
		check_problem(errs, c, CONF_TEMPLATES, "the templates do not "
		    "load (the error is above)");
		n++;
	}
	for (k = CONF_SOCKET; k <= CONF_ADMIN_SOCKET; k++) {
		if (c->value[k][0] == '\0' ||
		    config_socket_is_tcp(c->value[k]))
			continue;
		if (stat(parent_of(c->value[k], dir, sizeof(dir)), &sb) != 0 ||
		    !S_ISDIR(sb.st_mode)) {
			check_problem(errs, c, (enum config_key)k, "its "
			    "folder does not exist");
			n++;
		}
	}
	return n;
}

/* "key = value  # where it came from": itself a valid folio.conf. */
static void
config_print(const struct config *c)
{
	const char	*v, *src;
	int		 k;

	for (k = 0; k < CONF__MAX; k++) {
		v = c->value[k];
		src = c->source[k];
		if (k == CONF_UPLOAD_DIR && *v == '\0') {
			v = config_upload_dir(c);
			src = "default: public/uploads";
		}
		if (strchr(v, '#') != NULL || v[0] == ' ' ||
		    (v[0] != '\0' && v[strlen(v) - 1] == ' '))
			printf("%s = \"%s\"", config_key_name(k), v);
		else
			printf("%s = %s", config_key_name(k), v);
		printf("\t# %s\n", src);
	}
}

static int
cmd_config(int argc, char *argv[])
{
	struct config	*c = xmalloc(sizeof(*c));
	struct buf	 errs = BUF_INIT;
	const char	*path;
	int		 check, must, n;

	/* --config FILE before the command (main took it) or after it. */
	if (argc == 4 && strcmp(argv[2], "--config") == 0 &&
	    config_given == NULL) {
		config_given = argv[3];
		argc = 2;
	}
	if (argc != 2 ||
	    (strcmp(argv[1], "check") != 0 && strcmp(argv[1], "show") != 0)) {
		fprintf(stderr, "usage: folio config check|show "
		    "[--config FILE]\n");
		free(c);
		return 2;
	}
	check = strcmp(argv[1], "check") == 0;
	path = config_path(config_given, &must);
	n = config_load(c, config_given, &errs);
	/* The file checks use the values read, the good ones at least. */
	config_use(c);
	if (check)
		n += config_check_files(c, &errs);
	if (errs.len > 0)
		fputs(errs.data, stderr);
	printf("# %s\n", path != NULL ? path : "no configuration file: "
	    "defaults and environment");
	config_print(config_current());
	if (n > 0)
		fprintf(stderr, "folio config: %d problem%s\n", n,
		    n == 1 ? "" : "s");
	buf_free(&errs);
	return n > 0 ? 1 : 0;
}

static const struct command commands[] = {
	{ "init", "                create or migrate the database",
	    cmd_init },
	{ "demo", "[--posts N]     fill an empty database with a demo site",
	    cmd_demo },
	{ "user", "add NAME [--role admin|editor|author]\n"
	    "                       add a user; password from the terminal "
	    "or stdin", cmd_user },
	{ "passwd", "NAME          set a user's password (terminal or stdin)",
	    cmd_passwd },
	{ "reindex", "             rebuild the search index",
	    cmd_reindex },
	{ "import-wxr", "[--primary-menu SLUG] FILE\n"
	    "                       import a WordPress export (WXR)",
	    cmd_import_wxr },
	{ "backup", "[--force] FILE\n"
	    "                       copy the database, consistently, while "
	    "the site serves", cmd_backup },
	{ "check", "[FILE]         integrity and foreign-key checks",
	    cmd_check },
	{ "config", "check|show [--config FILE]\n"
	    "                       check folio.conf (every problem, with "
	    "its line), show the settings", cmd_config },
	{ "export-static", "[--origin URL] DIR\n"
	    "                       write the public site as static files",
	    cmd_export_static },
};

static void
usage(void)
{
	size_t	 i;

	fprintf(stderr, "usage: folio [--config FILE] command [arguments]\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stderr, "  %s %s\n", commands[i].name,
		    commands[i].usage);
	fprintf(stderr, "Settings come from folio.conf(5) (--config FILE or "
	    "$FOLIO_CONFIG) and FOLIO_*\nvariables; the database is "
	    "$FOLIO_DB (default var/folio.db).\n");
}

/* The configuration every command but `config` runs with; -1 if broken. */
static int
config_start(void)
{
	struct config	*c;

	if ((c = config_build(config_given, NULL, 0)) == NULL)
		return -1;
	config_use(c);
	return 0;
}

int
main(int argc, char *argv[])
{
	size_t	 i;
	int	 rc;

	log_init("folio");
	if (argc >= 3 && strcmp(argv[1], "--config") == 0) {
		config_given = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc >= 2)
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
			if (strcmp(argv[1], commands[i].name) != 0)
				continue;
			if (commands[i].run != cmd_config &&
			    config_start() != 0)
				return 1;
			rc = commands[i].run(argc - 1, argv + 1);
			config_fini();
			return rc;
		}
	usage();
	return 2;
}
