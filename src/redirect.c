/*
 * redirect.c -- look up an old path in the redirect table. A post's
 * target is its id, so the permalink comes from its current date and
 * slug in the site's zone; a post that is not public has no redirect.
 */
#include <string.h>
#include <time.h>

#include "folio.h"
#include "db.h"
#include "redirect.h"
#include "req.h"
#include "url.h"
#include "visible.h"

static const char sql_redirect[] =
	"SELECT r.new_path, r.post_id IS NOT NULL, p.slug, p.published_at "
	"FROM redirect r LEFT JOIN post p ON p.id = r.post_id "
	"AND " SQL_POST_VISIBLE("p.", "?2") " "
	"WHERE r.old_path = ?1";

enum folio_err
redirect_find(struct req *r, const char **location)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql_redirect);
	const char	*to = NULL;
	enum folio_err	 rc = FOLIO_ERR_NOTFOUND;
	int		 step;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_text(st, 1, r->path, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, (sqlite3_int64)r->now) != SQLITE_OK) {
		db_log(r->db, "redirect bind");
		db_done(st);
		return FOLIO_ERR_DB;
	}
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		if (sqlite3_column_int(st, 1) == 0)
			to = db_text(r->arena, st, 0);
		else if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			to = url_post(r->arena,
			    (time_t)sqlite3_column_int64(st, 3),
			    (const char *)sqlite3_column_text(st, 2));
	} else if (step != SQLITE_DONE) {
		db_log(r->db, "redirect");
		rc = FOLIO_ERR_DB;
	}
	db_done(st);
	/* A redirect to itself would loop. */
	if (to != NULL && *to == '/' && strcmp(to, r->path) != 0) {
		*location = to;
		rc = FOLIO_OK;
	}
	return rc;
}
