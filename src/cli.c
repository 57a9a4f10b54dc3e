/*
 * cli.c -- ./folio, the command line. Honours FOLIO_DB like the handlers.
 * Each command is one function in the table below; the work itself lives
 * in the library so the handlers and tests can share it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folio.h"
#include "db.h"
#include "demo.h"
#include "export.h"
#include "render.h"
#include "site.h"
#include "tmpl.h"
#include "wxr.h"

#ifndef FOLIO_DATADIR
#define FOLIO_DATADIR	"."
#endif

struct command {
	const char	*name;
	const char	*usage;		/* arguments and what it does */
	int		(*run)(int, char *[]);	/* argv[0] is the name */
};

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
	rc = export_static(db, t, argv[i], origin, FOLIO_DATADIR "/public",
	    &rep);
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

static const struct command commands[] = {
	{ "init", "                create or migrate the database",
	    cmd_init },
	{ "demo", "[--posts N]     fill an empty database with a demo site",
	    cmd_demo },
	{ "import-wxr", "[--primary-menu SLUG] FILE  import a WordPress "
	    "export", cmd_import_wxr },
	{ "export-static", "[--origin URL] DIR  the public site as static "
	    "files", cmd_export_static },
};

static void
usage(void)
{
	size_t	 i;

	fprintf(stderr, "usage: folio command [arguments]\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stderr, "  %s %s\n", commands[i].name,
		    commands[i].usage);
	fprintf(stderr, "The database is $FOLIO_DB (default var/folio.db).\n");
}

int
main(int argc, char *argv[])
{
	size_t	 i;

	log_init("folio");
	if (argc >= 2)
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[1], commands[i].name) == 0)
				return commands[i].run(argc - 1, argv + 1);
	usage();
	return 2;
}
