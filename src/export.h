/*
 * export.h -- the public site as static files (export.c).
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <sqlite3.h>

#include "folio.h"
#include "req.h"

struct tmpl;

struct export_report {
	long		 pages;		/* written as DIR/path/index.html */
	long		 files;		/* copied from public/ */
	long		 skipped;	/* links that redirect or 404 */
	long		 redirects;	/* old URLs given a forwarding page */
	char		 error[512];	/* on failure, what and where */
};

/*
 * Write every public page of the site into "dir", which must be new or
 * empty, as "origin" (http(s)://host[:port], for absolute links; the
 * site's base_url wins when set) would see it, plus DIR/404.html, a page
 * at each old URL (the redirect table) that forwards the browser, a
 * copy of "public_dir" (NULL: none) and of "upload_dir" (NULL: none) as
 * DIR/uploads, where the pages link the images. Reads the database
 * only. Returns FOLIO_ERR_IO (a file), FOLIO_ERR_INPUT (a bad origin),
 * FOLIO_ERR_DB or FOLIO_ERR_TOOLONG with report->error saying what; the
 * folder may then hold part of the site.
 */
enum folio_err	 export_static(sqlite3 *, struct tmpl *const t[TMPL__MAX],
		    const char *dir, const char *origin,
		    const char *public_dir, const char *upload_dir,
		    struct export_report *);

#endif /* EXPORT_H */
