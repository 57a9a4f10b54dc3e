/*
 * admin_dash.c -- the start screen at /admin/: the user's drafts, what is
 * scheduled, recent posts, a quick draft, and for editors the posts
 * waiting for review. Authors see only their own posts, as on the post
 * list. The quick draft is stored by the post editor's own "new post"
 * save (admin_post.c), so it follows every rule a post does; this file
 * only reads.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "admin.h"
#include "date.h"
#include "db.h"
#include "req.h"
#include "tmpl.h"
#include "url.h"
#include "visible.h"

#define DASH_ROWS	8	/* rows per list; the post list has the rest */

/*
 * Every list has the same columns: id, title, slug, a time, the
 * author's name, status, published_at. ?1 is the request's time, ?2 the
 * author to keep to (0: everyone's), ?3 the number of rows.
 */
static const char sql_drafts[] =
	"SELECT p.id, p.title, p.slug, p.updated_at, u.display_name, "
	"p.status, p.published_at FROM post p JOIN user u "
	"ON u.id = p.author_id WHERE p.status = 'draft' "
	"AND p.author_id = ?2 "
	"ORDER BY p.updated_at DESC, p.id DESC LIMIT ?3";
static const char sql_scheduled[] =
	"SELECT p.id, p.title, p.slug, p.published_at, u.display_name, "
	"p.status, p.published_at FROM post p JOIN user u "
	"ON u.id = p.author_id WHERE " SQL_POST_SCHEDULED("p.", "?1")
	" AND (?2 = 0 OR p.author_id = ?2) "
	"ORDER BY p.published_at, p.id LIMIT ?3";
static const char sql_recent[] =
	"SELECT p.id, p.title, p.slug, p.published_at, u.display_name, "
	"p.status, p.published_at FROM post p JOIN user u "
	"ON u.id = p.author_id WHERE " SQL_POST_VISIBLE("p.", "?1")
	" AND (?2 = 0 OR p.author_id = ?2) "
	"ORDER BY p.published_at DESC, p.id DESC LIMIT ?3";
static const char sql_pending[] =
	"SELECT p.id, p.title, p.slug, p.updated_at, u.display_name, "
	"p.status, p.published_at FROM post p JOIN user u "
	"ON u.id = p.author_id WHERE p.status = 'pending' "
	"AND (?2 = 0 OR p.author_id = ?2) "
	"ORDER BY p.updated_at, p.id LIMIT ?3";

/*
 * Fill loop "name" from "sql" (columns as above) for author "author"
 * (0: all). Each row: edit_url, view_url (a public post) or
 * preview_url, title, date, date_iso, author. 0, or -1 (logged).
 */
static int
dash_list(struct admin *a, const char *name, const char *sql,
    int64_t author)
{
	struct req	*r = a->r;
	sqlite3_stmt	*st;
	struct tvars	*row;
	long long	 id;
	time_t		 t, pub;
	int		 step, n = 0;
	char		*status;

	st = db_stmt_bind(r->db, sql, "iii", (int64_t)r->now, author,
	    (int64_t)DASH_ROWS + 1);
	if (st == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (++n > DASH_ROWS) {
			/* One more than shown: the list goes on. */
			tvars_set(r->vars, arena_printf(r->arena, "%s_more",
			    name), "1");
			break;
		}
		row = tvars_add_row(r->vars, name);
		id = sqlite3_column_int64(st, 0);
		t = (time_t)sqlite3_column_int64(st, 3);
		status = db_text(r->arena, st, 5);
		pub = (time_t)sqlite3_column_int64(st, 6);
		tvars_set(row, "edit_url", arena_printf(r->arena,
		    "/admin/posts/%lld/", id));
		if (visible_post(status, pub, r->now))
			tvars_set(row, "view_url", url_post(r->arena, pub,
			    db_text(r->arena, st, 2)));
		else
			tvars_set(row, "preview_url", arena_printf(r->arena,
			    "/admin/posts/%lld/preview/", id));
		tvars_set(row, "title", db_text(r->arena, st, 1));
		tvars_set(row, "date", arena_printf(r->arena, "%s, %s",
		    date_long(r->arena, t), date_clock(r->arena, t)));
		tvars_set(row, "date_iso", date_iso(r->arena, t));
		tvars_set(row, "author", db_text(r->arena, st, 4));
	}
	db_done(st);
	if (step != SQLITE_DONE && step != SQLITE_ROW) {
		db_log(r->db, name);
		return -1;
	}
	if (n > 0)
		tvars_set(r->vars, arena_printf(r->arena, "has_%s", name),
		    "1");
	return 0;
}

/* The screen's lists; the quick draft's fields are set by the caller. */
static void
dash_show(struct admin *a)
{
	int64_t	 me = a->s.user.id;
	int64_t	 scope = admin_can(a, ROLE_EDITOR) ? 0 : me;

	if (dash_list(a, "drafts", sql_drafts, me) != 0 ||
	    dash_list(a, "scheduled", sql_scheduled, scope) != 0 ||
	    dash_list(a, "recent", sql_recent, scope) != 0 ||
	    (admin_can(a, ROLE_EDITOR) &&
	    dash_list(a, "pending", sql_pending, 0) != 0)) {
		admin_error(a, 500, "The start screen could not be read.");
		return;
	}
	if (strcmp(admin_qs(a, "drafted"), "1") == 0)
		tvars_set(a->r->vars, "message", "Draft saved. It is the "
		    "first of your drafts below.");
	a->tmpl = AT_DASH;
}

/*
 * A quick draft is a new post with a title and text and nothing else,
 * always a draft: the form's status is set here, whatever was sent
 * (the route's table does not even let one through).
 */
static void
dash_quick_draft(struct admin *a)
{
	struct form_field	*f;
	size_t			 n = a->form.n;

	f = arena_calloc(a->r->arena, n + 1, sizeof(*f));
	memcpy(f, a->form.fields, n * sizeof(*f));
	f[n].name = "status";
	f[n].value = "draft";
	f[n].len = strlen("draft");
	a->form.fields = f;
	a->form.n = n + 1;

	/*
	 * The editor's save: the one place a quick draft is written.
	 * XXX When post.c has the one post writer (issue 11), this call
	 * is the line to switch.
	 */
	admin_post_new(a);

	if (a->r->status == 303 && a->location != NULL) {
		/* Stored: back here, where the draft now heads the list. */
		admin_redirect(a, "/admin/?drafted=1");
		return;
	}
	if (a->r->status != 400)
		return;		/* an error page (500), already set */
	/* Refused: this screen again, the text as typed, the messages. */
	tvars_set(a->r->vars, "error_summary", "The draft was not saved: "
	    "please correct what is marked below.");
	tvars_set(a->r->vars, "quick_title", admin_input(a, "title"));
	tvars_set(a->r->vars, "quick_body", admin_input(a, "body"));
	dash_show(a);
	if (a->tmpl == AT_DASH)
		a->r->status = 400;
}

void
admin_dash(struct admin *a)
{
	if (a->method == AM_POST) {
		dash_quick_draft(a);
		return;
	}
	dash_show(a);
}
