/*
 * wxr.h -- importing a WordPress eXtended RSS export (WXR 1.0, 1.1 and
 * 1.2, with the http or https namespace). wxr.c streams the file through
 * libxml2's reader into temporary staging tables, so memory stays bounded
 * by the largest single item; import.c then turns the staged rows into
 * Folio's users, categories, tags, posts, pages, attachments, menus and
 * redirects. All of it is one transaction.
 */
#ifndef WXR_H
#define WXR_H

#include <sqlite3.h>
#include <stdio.h>

#include "folio.h"

struct wxr_options {
	const char	*primary_menu;	/* WordPress menu slug shown as the
					   site's menu ("primary"), or NULL */
};

/* What an import did; "skipped" rows say why in the summary. */
struct wxr_report {
	char		 version[16];	/* wxr_version as found */
	char		 source[512];	/* the site exported from */
	char		 error[512];	/* on failure: "line N: message" */
	char		 title[256];	/* the channel's: the site's title */
	char		 tagline[512];	/* and description, if Folio's are
					   still the defaults */
	int		 site_named;	/* they were taken */

	long		 users_new, users_existing, users_undeclared;
	long		 cats_new, cats_existing, cats_undeclared;
	long		 tags_new, tags_existing, tags_undeclared;
	long		 posts_new, pages_new, attachments_new, nav_new;
	long		 post_links;	/* post-category and post-tag rows */
	long		 redirects_new;
	long		 published, scheduled, drafts, pending, private_;
	long		 protected_;	/* password-protected: made private */
	long		 renamed;	/* slugs changed to fit or be unique */
	long		 untitled;	/* posts and pages without a title */
	long		 already;	/* items imported before: left alone */

	long		 skipped_comments;
	long		 skipped_types;	/* unknown post types, see below */
	long		 skipped_status;	/* auto-draft, inherit... */
	long		 skipped_nav;	/* menu items whose target is missing */
	long		 skipped_other_menu;	/* menu items in no menu */
	long		 orphans;	/* parent not in the file: top level */
	char		 types[256];	/* "type (N), ..." of skipped types */
	char		 menus[256];	/* the WordPress menus, "a, b" */
	int		 primary_found;	/* --primary-menu named one of them */
};

/*
 * Import "path" into "db" (schema up to date, opened read-write) in one
 * transaction: on any failure nothing is written, FOLIO_ERR_INPUT is
 * returned for a file that is not well-formed XML or not a WXR export
 * (report->error says where and why), FOLIO_ERR_IO for a file that
 * cannot be read, FOLIO_ERR_DB when SQLite fails (logged). Importing the
 * same file again finds everything in place and writes nothing.
 */
enum folio_err	 wxr_import(sqlite3 *db, const char *path,
		    const struct wxr_options *, struct wxr_report *);

/* Print the report's summary, a line per kind of thing, to "f". */
void		 wxr_report_print(FILE *f, const struct wxr_report *);

/*
 * The staged rows into Folio's tables (import.c). Called by
 * wxr_import() inside its transaction, with the staging tables filled.
 */
enum folio_err	 import_apply(sqlite3 *db, const struct wxr_options *,
		    struct wxr_report *);

#endif /* WXR_H */
