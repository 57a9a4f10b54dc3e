/*
 * demo.h -- fill a freshly created Folio database with the demo site of a
 * fictional nonprofit, Brindlewood Community Partners: settings, footer
 * links, authors, categories, a page tree, a three-level primary menu and
 * any number of generated posts. Used by `folio demo` and the benchmarks;
 * the words are invented, the shape follows a real nonprofit's site. The
 * content is in the files of data/demo/ (FOLIO_DATADIR/data/demo once
 * installed); data/demo/README describes them.
 *
 * Besides the "nposts" public posts, three posts exist that the public
 * site must NOT show (tests look for them by slug):
 *   gala-seating-notes-draft		status 'draft'
 *   board-retreat-agenda-draft		status 'draft'
 *   summer-reading-buddies-return	status 'published', published_at is
 *					one week after "now" (scheduled)
 */
#ifndef DEMO_H
#define DEMO_H

#include <stdint.h>

#include <sqlite3.h>

#include "folio.h"

#define DEMO_SLUG_DRAFT_1	"gala-seating-notes-draft"
#define DEMO_SLUG_DRAFT_2	"board-retreat-agenda-draft"
#define DEMO_SLUG_SCHEDULED	"summer-reading-buddies-return"

/* Most posts demo_populate() accepts; more would only exhaust memory. */
#define DEMO_POSTS_MAX		10000000

/*
 * Populate "db", which must hold the schema and nothing else but the site
 * and generation rows, with the demo site and "nposts" published posts
 * (0 <= nposts <= DEMO_POSTS_MAX). "now" is unix seconds UTC and the only
 * clock used: every public post is published at or before it, over the
 * ten years before it, and the output is the same for the same arguments.
 * With nposts >= 14 every category has a post; with nposts >= 2 the menu
 * links two of them.
 *
 * The data files are all read and checked first; then the site is
 * written in one transaction (BEGIN IMMEDIATE). On failure nothing is
 * written, the error is logged (a data file's with its name and line)
 * and FOLIO_ERR_DB returned: FOLIO_ERR_INPUT for a bad nposts or now or
 * a malformed data file, FOLIO_ERR_IO for one that cannot be read.
 */
enum folio_err	 demo_populate(sqlite3 *db, int nposts, int64_t now);

/* The same with the data files of directory "dir" (tests). */
enum folio_err	 demo_populate_from(sqlite3 *db, const char *dir, int nposts,
		    int64_t now);

#endif /* DEMO_H */
