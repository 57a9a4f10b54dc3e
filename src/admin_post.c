/*
 * admin_post.c -- the post list, the editor (new and edit), trash,
 * preview and revisions. Every save is one transaction that writes the
 * post, its categories, its tags (tag.c makes new ones) and a revision;
 * a form that fails validation comes back with everything typed and a
 * message by each field. Revisions keep categories but not tags (their
 * table has no place for them): restoring one leaves the tags as they are.
 * Authors reach only their own posts (403 otherwise).
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "admin.h"
#include "date.h"
#include "db.h"
#include "markdown.h"
#include "meta.h"
#include "page.h"
#include "post.h"
#include "render.h"
#include "req.h"
#include "search.h"
#include "site.h"
#include "slug.h"
#include "tag.h"
#include "tmpl.h"
#include "url.h"
#include "visible.h"

#define LIST_PER_PAGE	20
#define TITLE_MAX	300	/* characters */
#define EXCERPT_MAX	1000
#define BODY_MAX	(1024 * 1024)	/* bytes of Markdown */

/* The list's filter: "" (all but trash) or one status. */
#define SQL_LIST_WHERE \
	"WHERE ((?1 = '' AND p.status <> 'trash') " \
	"OR (?1 = 'scheduled' AND " SQL_POST_SCHEDULED("p.", "?4") ") " \
	"OR (?1 = 'published' AND " SQL_POST_VISIBLE("p.", "?4") ") " \
	"OR (?1 IN ('draft', 'pending', 'private', 'trash') " \
	"AND p.status = ?1)) " \
	"AND (?2 = '' OR instr(lower(p.title), lower(?2)) > 0) " \
	"AND (?3 = 0 OR p.author_id = ?3) "
static const char sql_list_count[] =
	"SELECT count(*) FROM post p " SQL_LIST_WHERE;
static const char sql_list[] =
	"SELECT p.id, p.title, p.status, p.published_at, u.display_name "
	"FROM post p JOIN user u ON u.id = p.author_id " SQL_LIST_WHERE
	"ORDER BY p.published_at DESC, p.id DESC LIMIT ?5 OFFSET ?6";
static const char sql_post_get[] =
	"SELECT id, title, slug, body_md, body_html, excerpt, status, "
	"published_at, author_id FROM post WHERE id = ?1";
static const char sql_post_cats[] =
	"SELECT category_id FROM post_category WHERE post_id = ?1";
static const char sql_slug_taken[] =
	"SELECT 1 FROM post WHERE slug = ?1 AND id <> ?2";
static const char sql_post_insert[] =
	"INSERT INTO post (title, slug, body_md, body_html, excerpt, status, "
	"published_at, author_id, updated_at, body_text) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char sql_post_update[] =
	"UPDATE post SET title = ?1, slug = ?2, body_md = ?3, body_html = ?4, "
	"excerpt = ?5, status = ?6, published_at = ?7, updated_at = ?9, "
	"body_text = ?10 WHERE id = ?8";
static const char sql_cats_clear[] =
	"DELETE FROM post_category WHERE post_id = ?1";
static const char sql_cat_add[] =
	"INSERT OR IGNORE INTO post_category (post_id, category_id) "
	"VALUES (?1, ?2)";
static const char sql_revision_add[] =
	"INSERT INTO post_revision (post_id, saved_at, user_id, title, slug, "
	"body_md, body_html, excerpt, status, published_at, categories) "
	"SELECT id, ?2, ?3, title, slug, body_md, body_html, excerpt, status, "
	"published_at, coalesce((SELECT group_concat(category_id) FROM "
	"post_category WHERE post_id = ?1), '') FROM post WHERE id = ?1";
/* Into the trash from anywhere else; out of it only from the trash. */
static const char sql_revisions[] =
	"SELECT r.id, r.saved_at, r.title, coalesce(u.display_name, '') "
	"FROM post_revision r LEFT JOIN user u ON u.id = r.user_id "
	"WHERE r.post_id = ?1 ORDER BY r.id DESC";
static const char sql_revision_get[] =
	"SELECT id, saved_at, title, slug, body_md, body_html, excerpt, "
	"categories FROM post_revision WHERE id = ?1 AND post_id = ?2";
static const char sql_revision_restore[] =
	"UPDATE post SET title = r.title, "
	"slug = CASE WHEN EXISTS (SELECT 1 FROM post o WHERE o.slug = r.slug "
	"AND o.id <> post.id) THEN post.slug ELSE r.slug END, "
	"body_md = r.body_md, body_html = r.body_html, excerpt = r.excerpt, "
	"updated_at = ?3, body_text = ?4 "
	"FROM (SELECT * FROM post_revision WHERE id = ?2) "
	"AS r WHERE post.id = ?1";

static const char sql_post_address[] =
	"SELECT slug, published_at FROM post WHERE id = ?1";
static const char sql_address_keep[] =
	"INSERT OR REPLACE INTO redirect (old_path, new_path, post_id) "
	"VALUES (?1, NULL, ?2)";

struct post_row {
	int64_t		 id;
	const char	*title, *slug, *body_md, *body_html, *excerpt;
	const char	*status;
	int		 has_md;	/* body_md is not NULL */
	time_t		 published_at;
	int64_t		 author_id;
};

/* What the editor form holds, checked or not. */
struct post_input {
	const char	*title, *slug, *body, *excerpt, *status, *publish_at;
	int64_t		*cats;
	size_t		 ncats;
	const char	*tags;		/* as typed: "harbor, ferries" */
	int		 tags_sent;	/* no field (a form from before
					   tags): the tags stay as they are */
	const char	**tag_names;	/* parsed by input_check() */
	size_t		 ntags;
};

static const char *
status_label(const char *status, time_t published_at, time_t now)
{
	if (strcmp(status, "published") == 0 && published_at > now)
		return "scheduled";
	return status;
}

/*
 * Load post a->id into p and check the user may edit it. On failure the
 * error page is set and -1 returned.
 */
static int
post_load(struct admin *a, struct post_row *p)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql_post_get);
	int		 step;

	if (st == NULL || !db_bind_int(st, 1, a->id)) {
		db_done(st);
		admin_error(a, 500, "The post could not be read.");
		return -1;
	}
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		db_done(st);
		if (step == SQLITE_DONE)
			admin_error(a, 404, "There is no such post.");
		else {
			db_log(a->r->db, "post get");
			admin_error(a, 500, "The post could not be read.");
		}
		return -1;
	}
	p->id = sqlite3_column_int64(st, 0);
	p->title = db_text(a->r->arena, st, 1);
	p->slug = db_text(a->r->arena, st, 2);
	p->has_md = sqlite3_column_type(st, 3) != SQLITE_NULL;
	p->body_md = db_text(a->r->arena, st, 3);
	p->body_html = db_text(a->r->arena, st, 4);
	p->excerpt = db_text(a->r->arena, st, 5);
	p->status = db_text(a->r->arena, st, 6);
	p->published_at = (time_t)sqlite3_column_int64(st, 7);
	p->author_id = sqlite3_column_int64(st, 8);
	db_done(st);
	if (!admin_can(a, ROLE_EDITOR) && p->author_id != a->s.user.id) {
		admin_error(a, 403, "Authors may only edit their own posts.");
		return -1;
	}
	return 0;
}

/* The post's category ids, in the arena. */
static int
post_cats(struct admin *a, int64_t id, int64_t **cats, size_t *n)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql_post_cats);
	int		 step;
	size_t		 max = a->r->site->ncats;

	*n = 0;
	*cats = arena_calloc(a->r->arena, max + 1, sizeof(**cats));
	if (st == NULL || !db_bind_int(st, 1, id)) {
		db_done(st);
		return -1;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (*n < max)
			(*cats)[(*n)++] = sqlite3_column_int64(st, 0);
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(a->r->db, "post categories");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ list */

/* "/admin/posts/?status=..&q=..&page=N" with only what is set. */
static char *
list_url(struct admin *a, const char *status, const char *q, long page)
{
	struct buf	 b = BUF_INIT;
	char		*s;
	const char	*sep = "?";

	buf_puts(&b, "/admin/posts/");
	if (*status != '\0') {
		buf_puts(&b, "?status=");
		url_part(&b, status, strlen(status));
		sep = "&";
	}
	if (*q != '\0') {
		buf_printf(&b, "%sq=", sep);
		url_part(&b, q, strlen(q));
		sep = "&";
	}
	if (page > 1)
		buf_printf(&b, "%spage=%ld", sep, page);
	s = arena_strdup(a->r->arena, b.data);
	buf_free(&b);
	return s;
}

static int
list_bind(struct admin *a, sqlite3_stmt *st, const char *status,
    const char *q, int64_t author)
{
	return db_bind_text(st, 1, status) && db_bind_text(st, 2, q) &&
	    db_bind_int(st, 3, author) && db_bind_int(st, 4, a->r->now);
}

void
admin_posts(struct admin *a)
{
	static const char *const statuses[] = {
		"", "draft", "published", "scheduled", "pending", "private",
		"trash",
	};
	struct req	*r = a->r;
	const char	*status = admin_qs(a, "status");
	const char	*q = admin_qs(a, "q");
	const char	*pg = admin_qs(a, "page");
	sqlite3_stmt	*st;
	struct tvars	*row;
	int64_t		 author = admin_can(a, ROLE_EDITOR) ? 0 :
			    a->s.user.id;
	long		 page = 1, total = 0, pages;
	char		*end;
	size_t		 i;
	int		 ok = 0, step;
	time_t		 t;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strcmp(status, statuses[i]) == 0)
			ok = 1;
	if (*pg != '\0') {
		page = strtol(pg, &end, 10);
		if (*end != '\0' || strlen(pg) > 6 || page < 1)
			ok = 0;
	}
	if (!ok || strlen(q) > 200) {
		admin_error(a, 400, "That filter is not one the list knows.");
		return;
	}
	if ((st = db_stmt(r->db, sql_list_count)) == NULL ||
	    !list_bind(a, st, status, q, author) ||
	    sqlite3_step(st) != SQLITE_ROW) {
		db_done(st);
		admin_error(a, 500, "The posts could not be listed.");
		return;
	}
	total = sqlite3_column_int(st, 0);
	db_done(st);
	pages = total == 0 ? 1 : (total + LIST_PER_PAGE - 1) / LIST_PER_PAGE;
	if (page > pages) {
		admin_error(a, 404, "There is no such page of posts.");
		return;
	}
	if ((st = db_stmt(r->db, sql_list)) == NULL ||
	    !list_bind(a, st, status, q, author) ||
	    !db_bind_int(st, 5, LIST_PER_PAGE) ||
	    !db_bind_int(st, 6, (page - 1) * LIST_PER_PAGE)) {
		db_done(st);
		admin_error(a, 500, "The posts could not be listed.");
		return;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		row = tvars_add_row(r->vars, "posts");
		t = (time_t)sqlite3_column_int64(st, 3);
		tvars_set(row, "edit_url", arena_printf(r->arena,
		    "/admin/posts/%lld/", (long long)sqlite3_column_int64(st,
		    0)));
		tvars_set(row, "title", db_text(r->arena, st, 1));
		tvars_set(row, "status", status_label(db_text(r->arena, st,
		    2), t, r->now));
		tvars_set(row, "date", date_long(r->arena, t));
		tvars_set(row, "date_iso", date_iso(r->arena, t));
		tvars_set(row, "author", db_text(r->arena, st, 4));
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "post list");
		admin_error(a, 500, "The posts could not be listed.");
		return;
	}
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		row = tvars_add_row(r->vars, "filters");
		tvars_set(row, "value", statuses[i]);
		tvars_set(row, "label", *statuses[i] ? statuses[i] : "all");
		tvars_set(row, "selected", strcmp(status, statuses[i]) == 0 ?
		    "1" : "");
	}
	tvars_set(r->vars, "q", q);
	tvars_set(r->vars, "status", status);
	tvars_set_int(r->vars, "total", total);
	tvars_set_int(r->vars, "page_number", page);
	tvars_set_int(r->vars, "page_count", pages);
	if (page > 1)
		tvars_set(r->vars, "newer_url", list_url(a, status, q,
		    page - 1));
	if (page < pages)
		tvars_set(r->vars, "older_url", list_url(a, status, q,
		    page + 1));
	if (strcmp(admin_qs(a, "trashed"), "1") == 0)
		tvars_set(r->vars, "message", "The post was moved to the "
		    "trash.");
	a->tmpl = AT_POSTS;
}

/* ---------------------------------------------------------- editor */

/* Fill the editor's variables from input (typed or loaded). */
static void
editor_vars(struct admin *a, const struct post_row *p,
    const struct post_input *in)
{
	struct req		*r = a->r;
	struct tvars		*row;
	const struct category	*c;
	size_t			 i, j;
	int			 checked;

	tvars_set(r->vars, "title", in->title);
	tvars_set(r->vars, "slug", in->slug);
	tvars_set(r->vars, "body", in->body);
	tvars_set(r->vars, "excerpt", in->excerpt);
	tvars_set(r->vars, "tags", in->tags);
	tvars_set(r->vars, "publish_at", in->publish_at);
	tvars_set(r->vars, arena_printf(r->arena, "status_%s", in->status),
	    "1");
	for (i = 0; i < r->site->ncats; i++) {
		c = &r->site->cats[i];
		checked = 0;
		for (j = 0; j < in->ncats; j++)
			if (in->cats[j] == c->id)
				checked = 1;
		row = tvars_add_row(r->vars, "cats");
		tvars_set_int(row, "id", c->id);
		tvars_set(row, "name", c->name);
		tvars_set(row, "checked", checked ? "1" : "");
	}
	if (p == NULL) {
		tvars_set(r->vars, "form_url", "/admin/posts/new/");
		tvars_set(r->vars, "heading", "New post");
		a->tmpl = AT_EDIT;
		return;
	}
	tvars_set(r->vars, "heading", "Edit post");
	tvars_set_int(r->vars, "post_id", p->id);
	tvars_set(r->vars, "form_url", arena_printf(r->arena,
	    "/admin/posts/%lld/", (long long)p->id));
	tvars_set(r->vars, "status_now", status_label(p->status,
	    p->published_at, r->now));
	if (strcmp(p->status, "trash") == 0)
		tvars_set(r->vars, "in_trash", "1");
	if (!p->has_md)
		tvars_set(r->vars, "imported_html", "1");
	if (visible_post(p->status, p->published_at, r->now))
		tvars_set(r->vars, "public_url", url_post(r->arena,
		    p->published_at, p->slug));
	a->tmpl = AT_EDIT;
}

/* The form's fields as typed. */
static void
input_read(struct admin *a, struct post_input *in)
{
	size_t	 i, n = 0;
	char	*end;

	in->title = admin_input(a, "title");
	in->slug = admin_input(a, "slug");
	in->body = admin_input(a, "body");
	in->excerpt = admin_input(a, "excerpt");
	in->status = admin_input(a, "status");
	in->publish_at = admin_input(a, "publish_at");
	in->tags = admin_input(a, "tags");
	in->tags_sent = form_get(&a->form, "tags") != NULL;
	in->tag_names = NULL;
	in->ntags = 0;
	in->cats = arena_calloc(a->r->arena, a->form.n + 1,
	    sizeof(*in->cats));
	for (i = 0; i < a->form.n; i++) {
		if (strcmp(a->form.fields[i].name, "cat") != 0)
			continue;
		in->cats[n] = strtoll(a->form.fields[i].value, &end, 10);
		if (*end != '\0' || in->cats[n] <= 0)
			in->cats[n] = -1;	/* refused by validation */
		n++;
	}
	in->ncats = n;
}

/*
 * Check the input; messages go beside the fields. On success *slug is
 * the slug to store and *when the publish time.
 */
static int
input_check(struct admin *a, struct post_input *in, int64_t id,
    const char **slug, time_t *when)
{
	struct req	*r = a->r;
	const char	*stored;
	enum tag_parse	 tp;
	size_t		 i;
	int		 bad = a->invalid, taken;

	if (*in->title == '\0') {
		admin_field_error(a, "title", "A post needs a title.");
		bad = 1;
	} else if (utf8_chars(in->title) > TITLE_MAX) {
		admin_field_error(a, "title", "At most 300 characters.");
		bad = 1;
	}
	*slug = *in->slug != '\0' ? in->slug :
	    slug_from_title(r->arena, in->title);
	if (!slug_valid(*slug)) {
		admin_field_error(a, "slug", "Use only lowercase letters a-z, "
		    "digits and hyphens, at most 200.");
		bad = 1;
	} else {
		if ((taken = slug_taken(r->db, sql_slug_taken, *slug, id)) < 0)
			return -2;
		if (taken) {
			admin_field_error(a, "slug", "Another post already "
			    "uses this slug.");
			bad = 1;
		}
	}
	if (strlen(in->body) > BODY_MAX) {
		admin_field_error(a, "body", "The text is longer than 1 MB.");
		bad = 1;
	}
	if (utf8_chars(in->excerpt) > EXCERPT_MAX) {
		admin_field_error(a, "excerpt", "At most 1000 characters.");
		bad = 1;
	}
	for (i = 0; i < in->ncats; i++)
		if (site_category(r->site, in->cats[i]) == NULL) {
			admin_field_error(a, "cats", "Choose from the "
			    "categories listed.");
			bad = 1;
			break;
		}
	/*
	 * The field as the editor filled it, sent back unchanged, leaves
	 * the tags as they are: imported ones may break the rules for
	 * typed ones (over 20, a name over 60 characters or with a comma),
	 * and the post must still save.
	 */
	if (in->tags_sent && id != 0) {
		if ((stored = tag_post_names(r, id)) == NULL)
			return -2;
		if (strcmp(stored, in->tags) == 0)
			in->tags_sent = 0;
	}
	tp = in->tags_sent ? tag_names_parse(r->arena, in->tags,
	    &in->tag_names, &in->ntags, NULL) : TAG_PARSE_OK;
	if (tp != TAG_PARSE_OK) {
		admin_field_error(a, "tags", tag_parse_message(tp));
		bad = 1;
	}
	*when = r->now;
	if (*in->publish_at != '\0' &&
	    date_input_parse(in->publish_at, when) != 0) {
		admin_field_error(a, "publish_at", "Give a date and time such "
		    "as 2024-05-01T09:30.");
		bad = 1;
	} else if (strcmp(in->status, "scheduled") == 0) {
		if (*in->publish_at == '\0' || *when <= r->now) {
			admin_field_error(a, "publish_at", "A scheduled post "
			    "needs a publish time in the future.");
			bad = 1;
		}
	} else if (strcmp(in->status, "draft") != 0 &&
	    strcmp(in->status, "published") != 0) {
		admin_field_error(a, "status", "Choose draft, published or "
		    "scheduled.");
		bad = 1;
	}
	return bad ? -1 : 0;
}

static int
revision_add(struct admin *a, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql_revision_add);

	if (!db_bind_int(st, 1, id) || !db_bind_int(st, 2, a->r->now) ||
	    !db_bind_int(st, 3, a->s.user.id)) {
		db_done(st);
		return -1;
	}
	return db_run(a->r->db, st, "revision add") == 0 ? 0 : -1;
}

static int
cats_store(struct admin *a, int64_t id, const int64_t *cats, size_t n)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql_cats_clear);
	size_t		 i;

	if (st == NULL || !db_bind_int(st, 1, id)) {
		db_done(st);
		return -1;
	}
	if (db_run(a->r->db, st, "categories clear") != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if ((st = db_stmt(a->r->db, sql_cat_add)) == NULL ||
		    !db_bind_int(st, 1, id) || !db_bind_int(st, 2, cats[i])) {
			db_done(st);
			return -1;
		}
		if (db_run(a->r->db, st, "category add") != 0)
			return -1;
	}
	return 0;
}

/*
 * In the transaction that changed post "before": if it was public and
 * its address moved (a new slug or date), the old address becomes a
 * redirect to the post (redirect.c follows it to wherever the post is
 * then), so links already shared still lead to it. 0, or -1 on error.
 */
static int
old_address_keep(struct admin *a, const struct post_row *before)
{
	struct req	*r = a->r;
	sqlite3_stmt	*st;
	const char	*old, *moved;

	if (!visible_post(before->status, before->published_at, r->now))
		return 0;
	if ((st = db_stmt(r->db, sql_post_address)) == NULL ||
	    !db_bind_int(st, 1, before->id) ||
	    sqlite3_step(st) != SQLITE_ROW) {
		db_log(r->db, "post address");
		db_done(st);
		return -1;
	}
	moved = url_post(r->arena, (time_t)sqlite3_column_int64(st, 1),
	    db_text(r->arena, st, 0));
	db_done(st);
	old = url_post(r->arena, before->published_at, before->slug);
	if (strcmp(old, moved) == 0)
		return 0;
	st = db_stmt(r->db, sql_address_keep);
	if (!db_bind_text(st, 1, old) || !db_bind_int(st, 2, before->id)) {
		db_done(st);
		return -1;
	}
	return db_run(a->r->db, st, "keep the old address") == 0 ? 0 : -1;
}

/* Validate and store the editor's form; p NULL for a new post. */
static void
post_save(struct admin *a, const struct post_row *p)
{
	struct req		*r = a->r;
	struct post_input	 in;
	sqlite3_stmt		*st;
	const char		*slug, *html, *md;
	time_t			 when;
	int64_t			 id = p ? p->id : 0;
	int			 rc, step;

	input_read(a, &in);
	rc = input_check(a, &in, id, &slug, &when);
	if (rc == -2) {
		admin_error(a, 500, "The post could not be checked.");
		return;
	}
	if (rc != 0) {
		r->status = 400;
		tvars_set(r->vars, "error_summary", "The post was not saved: "
		    "please correct the fields marked below.");
		editor_vars(a, p, &in);
		return;
	}
	/* An imported post keeps its HTML until Markdown replaces it. */
	md = in.body;
	if (p != NULL && !p->has_md && *in.body == '\0') {
		md = NULL;
		html = p->body_html;
	} else if ((html = markdown_html(r->arena, in.body,
	    strlen(in.body))) == NULL) {
		admin_error(a, 500, "The text could not be rendered.");
		return;
	}
	if (db_begin(r->db) != FOLIO_OK) {
		admin_error(a, 500, "The database is busy; nothing was saved.");
		return;
	}
	st = db_stmt(r->db, p ? sql_post_update : sql_post_insert);
	if (st == NULL || !db_bind_text(st, 1, in.title) ||
	    !db_bind_text(st, 2, slug) ||
	    (md != NULL ? !db_bind_text(st, 3, md) :
	    sqlite3_bind_null(st, 3) != SQLITE_OK) ||
	    !db_bind_text(st, 4, html) || !db_bind_text(st, 5, in.excerpt) ||
	    !db_bind_text(st, 6, strcmp(in.status, "draft") == 0 ? "draft" :
	    "published") || !db_bind_int(st, 7, when) ||
	    !db_bind_int(st, 8, p ? p->id : a->s.user.id) ||
	    !db_bind_int(st, 9, r->now) ||
	    !db_bind_text(st, 10, search_text_arena(r->arena, html))) {
		db_done(st);
		goto fail;
	}
	step = db_run(a->r->db, st, "post save");
	if (step == SQLITE_CONSTRAINT_UNIQUE) {
		/* Taken between our check and the write. */
		db_rollback(r->db);
		r->status = 400;
		admin_field_error(a, "slug", "Another post already uses this "
		    "slug.");
		editor_vars(a, p, &in);
		return;
	}
	if (step != 0)
		goto fail;
	if (p == NULL)
		id = sqlite3_last_insert_rowid(r->db);
	else if (old_address_keep(a, p) != 0)
		goto fail;
	if (cats_store(a, id, in.cats, in.ncats) != 0 ||
	    (in.tags_sent && tag_post_store(r, id, in.tag_names, in.ntags) !=
	    FOLIO_OK) ||
	    revision_add(a, id) != 0 || db_commit(r->db) != FOLIO_OK)
		goto fail;
	admin_redirect(a, arena_printf(r->arena, "/admin/posts/%lld/?saved=1",
	    (long long)id));
	return;
fail:
	db_rollback(r->db);
	admin_error(a, 500, "The post could not be saved; nothing was "
	    "changed.");
}

void
admin_post_new(struct admin *a)
{
	struct post_input	 in;

	if (a->method == AM_POST) {
		post_save(a, NULL);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.title = in.slug = in.body = in.excerpt = in.publish_at = "";
	in.tags = "";
	in.status = "draft";
	editor_vars(a, NULL, &in);
}

static void
editor_messages(struct admin *a)
{
	const char	*up = admin_qs(a, "uploaded");

	if (strcmp(admin_qs(a, "saved"), "1") == 0)
		tvars_set(a->r->vars, "message", "Saved.");
	else if (strcmp(admin_qs(a, "restored"), "1") == 0)
		tvars_set(a->r->vars, "message", "The revision was restored.");
	else if (strcmp(admin_qs(a, "untrashed"), "1") == 0)
		tvars_set(a->r->vars, "message", "The post was taken out of "
		    "the trash; it is a draft now.");
	/* Only our own upload paths are echoed back as Markdown. */
	if (strncmp(up, "/uploads/", 9) == 0 && strlen(up) < 100 &&
	    strspn(up, "abcdefghijklmnopqrstuvwxyz0123456789/.") ==
	    strlen(up) && strstr(up, "..") == NULL)
		tvars_set(a->r->vars, "upload_markdown", arena_printf(
		    a->r->arena, "![Describe the image](%s)", up));
}

void
admin_post_edit(struct admin *a)
{
	struct post_row		 p;
	struct post_input	 in;
	const char		*st;

	if (post_load(a, &p) != 0)
		return;
	if (a->method == AM_POST) {
		post_save(a, &p);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.title = p.title;
	in.slug = p.slug;
	in.body = p.body_md;
	in.excerpt = p.excerpt;
	st = status_label(p.status, p.published_at, a->r->now);
	in.status = strcmp(st, "scheduled") == 0 ||
	    strcmp(st, "published") == 0 ? st : "draft";
	in.publish_at = date_input(a->r->arena, p.published_at);
	if (post_cats(a, p.id, &in.cats, &in.ncats) != 0 ||
	    (in.tags = tag_post_names(a->r, p.id)) == NULL) {
		admin_error(a, 500, "The post could not be read.");
		return;
	}
	editor_vars(a, &p, &in);
	editor_messages(a);
}

void
admin_trash_set(struct admin *a, const char *table, int64_t id,
    const char *status)
{
	struct arena	*ar = a->r->arena;
	int		 trash = strcmp(status, "trash") == 0;

	switch (post_trash_set(a->r->db, table, id, status, a->r->now)) {
	case 1:
		break;
	case 0:
		/* A repeated or stale form must not unpublish a live one. */
		admin_error(a, 409, arena_printf(ar, trash ?
		    "This %s is in the trash already." :
		    "This %s is not in the trash.", table));
		return;
	default:
		admin_error(a, 500, arena_printf(ar, "The %s could not be "
		    "changed.", table));
		return;
	}
	if (trash)
		admin_redirect(a, arena_printf(ar, "/admin/%ss/?trashed=1",
		    table));
	else
		admin_redirect(a, arena_printf(ar,
		    "/admin/%ss/%lld/?untrashed=1", table, (long long)id));
}

/* Into the trash or out of it; then to the list or the editor. */
static void
status_change(struct admin *a, const char *status)
{
	struct post_row	 p;

	if (post_load(a, &p) != 0)
		return;
	admin_trash_set(a, "post", p.id, status);
}

void
admin_post_trash(struct admin *a)
{
	status_change(a, "trash");
}

void
admin_post_untrash(struct admin *a)
{
	status_change(a, "draft");
}

/* --------------------------------------------------------- preview */

/* Fill the public post page's variables for a preview. */
static void
preview(struct admin *a, struct post_summary *ps, const char *excerpt,
    const char *html, const struct post_input *in)
{
	struct req	*r = a->r;

	/* The site's page, switched to a preview (req.h). */
	r->preview = 1;
	if (ps->id != 0)
		r->preview_edit_url = arena_printf(r->arena,
		    "/admin/posts/%lld/", (long long)ps->id);
	ps->url = url_post(r->arena, ps->published_at, ps->slug);
	/* The public page's own code and template: what visitors will get. */
	post_summary_vars(r, r->vars, ps);
	r->description = excerpt;
	tvars_set(r->vars, "excerpt", excerpt);
	tvars_set(r->vars, "body_html", html);
	r->current_url = ps->url;
	if (page_post_extras(r, ps, in ? in->cats : NULL, in ? in->ncats : 0,
	    in ? in->tag_names : NULL, in ? in->ntags : 0) != FOLIO_OK) {
		admin_error(a, 500, "The preview could not be made.");
		return;
	}
	render_site_vars(r, ps->title);
	if (excerpt[0] != '\0')
		tvars_set(r->vars, "meta_description", excerpt);
	r->tmpl = TMPL_POST;
	r->title = ps->title;
	meta_vars(r);
	a->tmpl = AT_PUBLIC_POST;
}

/*
 * GET: the saved post. POST (the editor's Preview button): what the form
 * holds, unsaved, so an author sees the page before publishing it.
 */
void
admin_post_preview(struct admin *a)
{
	struct req		*r = a->r;
	struct post_row		 p;
	struct post_input	 in;
	struct post_summary	 ps;
	const char		*html;
	time_t			 when = r->now;

	memset(&ps, 0, sizeof(ps));
	memset(&p, 0, sizeof(p));
	if (a->id != 0) {
		if (post_load(a, &p) != 0)
			return;
		ps.id = p.id;
		ps.slug = p.slug;
		ps.title = p.title;
		ps.published_at = p.published_at;
		ps.author_id = p.author_id;
	} else
		ps.author_id = a->s.user.id;
	if (a->method != AM_POST && a->id != 0) {
		preview(a, &ps, p.excerpt, p.body_html, NULL);
		return;
	}
	input_read(a, &in);
	/* Tags as typed; what comes before a name it refuses is shown. */
	(void)tag_names_parse(r->arena, in.tags, &in.tag_names, &in.ntags,
	    NULL);
	if (*in.publish_at != '\0')
		(void)date_input_parse(in.publish_at, &when);
	ps.published_at = when;
	ps.title = *in.title ? in.title : "(no title)";
	ps.slug = slug_valid(in.slug) ? in.slug :
	    slug_from_title(r->arena, ps.title);
	if (a->id != 0 && !p.has_md && *in.body == '\0')
		html = p.body_html;
	else if ((html = markdown_html(r->arena, in.body, strlen(in.body))) ==
	    NULL) {
		admin_error(a, 500, "The preview could not be made.");
		return;
	}
	preview(a, &ps, in.excerpt, html, &in);
}

/* ------------------------------------------------------- revisions */

void
admin_revisions(struct admin *a)
{
	struct req	*r = a->r;
	struct post_row	 p;
	sqlite3_stmt	*st;
	struct tvars	*row;
	int		 step;
	time_t		 t;

	if (post_load(a, &p) != 0)
		return;
	if ((st = db_stmt(r->db, sql_revisions)) == NULL ||
	    !db_bind_int(st, 1, p.id)) {
		db_done(st);
		admin_error(a, 500, "The revisions could not be read.");
		return;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		row = tvars_add_row(r->vars, "revisions");
		t = (time_t)sqlite3_column_int64(st, 1);
		tvars_set(row, "url", arena_printf(r->arena,
		    "/admin/posts/%lld/revisions/%lld/", (long long)p.id,
		    (long long)sqlite3_column_int64(st, 0)));
		tvars_set(row, "saved", arena_printf(r->arena, "%s %s",
		    date_long(r->arena, t), date_clock(r->arena, t)));
		tvars_set(row, "title", db_text(r->arena, st, 2));
		tvars_set(row, "by", db_text(r->arena, st, 3));
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "revisions");
		admin_error(a, 500, "The revisions could not be read.");
		return;
	}
	tvars_set(r->vars, "title", p.title);
	tvars_set(r->vars, "edit_url", arena_printf(r->arena,
	    "/admin/posts/%lld/", (long long)p.id));
	a->tmpl = AT_REVISIONS;
}

/*
 * The post in the URL and its revision a->sub_id: the statement stands on
 * the revision's row (the caller ends it with db_done), or NULL when the
 * error page is already made.
 */
static sqlite3_stmt *
revision_open(struct admin *a, struct post_row *p)
{
	sqlite3_stmt	*st;
	int		 step;

	if (post_load(a, p) != 0)
		return NULL;
	if ((st = db_stmt(a->r->db, sql_revision_get)) == NULL ||
	    !db_bind_int(st, 1, a->sub_id) || !db_bind_int(st, 2, p->id)) {
		db_done(st);
		admin_error(a, 500, "The revision could not be read.");
		return NULL;
	}
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		db_done(st);
		admin_error(a, step == SQLITE_DONE ? 404 : 500,
		    "There is no such revision of this post.");
		return NULL;
	}
	return st;
}

void
admin_revision(struct admin *a)
{
	struct req	*r = a->r;
	struct post_row	 p;
	sqlite3_stmt	*st;
	time_t		 t;

	if ((st = revision_open(a, &p)) == NULL)
		return;
	t = (time_t)sqlite3_column_int64(st, 1);
	tvars_set(r->vars, "saved", arena_printf(r->arena, "%s %s",
	    date_long(r->arena, t), date_clock(r->arena, t)));
	tvars_set(r->vars, "title", db_text(r->arena, st, 2));
	tvars_set(r->vars, "slug", db_text(r->arena, st, 3));
	tvars_set(r->vars, "body", db_text(r->arena, st, 4));
	tvars_set(r->vars, "body_html", db_text(r->arena, st, 5));
	tvars_set(r->vars, "excerpt", db_text(r->arena, st, 6));
	db_done(st);
	tvars_set(r->vars, "restore_url", arena_printf(r->arena,
	    "/admin/posts/%lld/revisions/%lld/restore/", (long long)p.id,
	    (long long)a->sub_id));
	tvars_set(r->vars, "revisions_url", arena_printf(r->arena,
	    "/admin/posts/%lld/revisions/", (long long)p.id));
	a->tmpl = AT_REVISION;
}

void
admin_revision_restore(struct admin *a)
{
	struct req	*r = a->r;
	struct post_row	 p;
	sqlite3_stmt	*st;
	const char	*list, *c, *text;
	int64_t		*cats;
	size_t		 n = 0;
	char		*end;

	if ((st = revision_open(a, &p)) == NULL)
		return;
	list = db_text(r->arena, st, 7);
	/* The text to index, so the triggers need not strip tags in SQL. */
	text = search_text_arena(r->arena, db_text(r->arena, st, 5));
	db_done(st);
	cats = arena_calloc(r->arena, strlen(list) / 2 + 2, sizeof(*cats));
	for (c = list; *c != '\0'; c = *end == ',' ? end + 1 : end) {
		cats[n] = strtoll(c, &end, 10);
		if (end == c)
			break;
		/* A category deleted since is left out. */
		if (site_category(r->site, cats[n]) != NULL)
			n++;
	}

	if (db_begin(r->db) != FOLIO_OK) {
		admin_error(a, 500, "The database is busy; nothing was "
		    "changed.");
		return;
	}
	if ((st = db_stmt(r->db, sql_revision_restore)) == NULL ||
	    !db_bind_int(st, 1, p.id) || !db_bind_int(st, 2, a->sub_id) ||
	    !db_bind_int(st, 3, r->now) || !db_bind_text(st, 4, text)) {
		db_done(st);
		goto fail;
	}
	if (db_run(a->r->db, st, "revision restore") != 0 ||
	    old_address_keep(a, &p) != 0 ||
	    cats_store(a, p.id, cats, n) != 0 || revision_add(a, p.id) != 0 ||
	    db_commit(r->db) != FOLIO_OK)
		goto fail;
	admin_redirect(a, arena_printf(r->arena,
	    "/admin/posts/%lld/?restored=1", (long long)p.id));
	return;
fail:
	db_rollback(r->db);
	admin_error(a, 500, "The revision could not be restored; nothing "
	    "was changed.");
}
