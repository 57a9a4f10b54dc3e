/*
 * admin_page.c -- static pages (editors and admins): a tree, each page
 * at its hierarchical path. A slug is unique among siblings; top-level
 * slugs may not take a path the public routes or nginx own (category,
 * author, page, admin, uploads, or a year). Delete moves to the trash.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "admin.h"
#include "db.h"
#include "markdown.h"
#include "meta.h"
#include "page.h"
#include "render.h"
#include "req.h"
#include "search.h"
#include "site.h"
#include "slug.h"
#include "tmpl.h"
#include "valid.h"

#define BODY_MAX	(1024 * 1024)

static const char sql_tree[] =
	"WITH RECURSIVE t(id, depth, path) AS ("
	" SELECT id, 0, printf('%010d/', position + 1000000000) || slug "
	"  FROM page WHERE parent_id IS NULL"
	" UNION ALL SELECT p.id, t.depth + 1, t.path || '/' || "
	"  printf('%010d/', p.position + 1000000000) || p.slug"
	"  FROM page p JOIN t ON p.parent_id = t.id WHERE t.depth < 30) "
	"SELECT p.id, p.title, p.slug, p.status, t.depth FROM t "
	"JOIN page p ON p.id = t.id ORDER BY t.path";
static const char sql_get[] =
	"SELECT id, coalesce(parent_id, 0), slug, title, body_md, body_html, "
	"status, position FROM page WHERE id = ?1";
static const char sql_exists[] =
	"SELECT 1 FROM page WHERE id = ?1 AND ?2 = ?2";
static const char sql_slug_taken[] =
	"SELECT 1 FROM page WHERE coalesce(parent_id, 0) = ?1 AND slug = ?2 "
	"AND id <> ?3";
/* Is ?2 the page ?1 or one of its ancestors? */
static const char sql_is_ancestor[] =
	"WITH RECURSIVE up(id, parent, n) AS ("
	" SELECT id, parent_id, 0 FROM page WHERE id = ?1"
	" UNION ALL SELECT p.id, p.parent_id, up.n + 1 FROM page p"
	"  JOIN up ON p.id = up.parent WHERE up.n < 64) "
	"SELECT 1 FROM up WHERE id = ?2";
static const char sql_path[] =
	"WITH RECURSIVE up(parent, path, n) AS ("
	" SELECT parent_id, slug, 0 FROM page WHERE id = ?1"
	" UNION ALL SELECT p.parent_id, p.slug || '/' || up.path, up.n + 1"
	"  FROM page p JOIN up ON p.id = up.parent WHERE up.n < 64) "
	"SELECT '/' || path || '/' FROM up WHERE parent IS NULL";
static const char sql_insert[] =
	"INSERT INTO page (parent_id, slug, title, body_md, body_html, "
	"status, position, author_id, published_at, updated_at, body_text) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)";
/* body_text: the text search indexes (search_text(), schema.sql). */
static const char sql_update[] =
	"UPDATE page SET parent_id = ?1, slug = ?2, title = ?3, body_md = ?4, "
	"body_html = ?5, status = ?6, position = ?7, updated_at = ?9, "
	"body_text = ?10 WHERE id = ?8";
static const char *const reserved[] = {
	"admin", "author", "category", "page", "uploads",
};

struct page_row {
	int64_t		 id, parent_id;
	const char	*slug, *title, *body_md, *body_html, *status;
	int		 has_md;
	long		 position;
};

static int
page_get(struct admin *a, int64_t id, struct page_row *p)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql_get);
	int		 step;

	if (!db_bind_int(st, 1, id)) {
		db_done(st);
		admin_error(a, 500, "The page could not be read.");
		return -1;
	}
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		db_done(st);
		admin_error(a, step == SQLITE_DONE ? 404 : 500,
		    "There is no such page.");
		return -1;
	}
	p->id = sqlite3_column_int64(st, 0);
	p->parent_id = sqlite3_column_int64(st, 1);
	p->slug = db_text(a->r->arena, st, 2);
	p->title = db_text(a->r->arena, st, 3);
	p->has_md = sqlite3_column_type(st, 4) != SQLITE_NULL;
	p->body_md = db_text(a->r->arena, st, 4);
	p->body_html = db_text(a->r->arena, st, 5);
	p->status = db_text(a->r->arena, st, 6);
	p->position = (long)sqlite3_column_int64(st, 7);
	db_done(st);
	return 0;
}

/* One row of the page tree: fn(a, id, title, slug, status, depth). */
static int
tree_walk(struct admin *a, void (*fn)(struct admin *, sqlite3_stmt *,
    void *), void *arg)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql_tree);
	int		 step;

	if (st == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		fn(a, st, arg);
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(a->r->db, "page tree");
		return -1;
	}
	return 0;
}

static char *
indent(struct admin *a, int depth, const char *s)
{
	if (depth <= 0)
		return (char *)s;
	if (depth > 8)
		depth = 8;
	return arena_printf(a->r->arena, "%.*s%s", depth * 2,
	    "----------------", s);
}

static void
list_row(struct admin *a, sqlite3_stmt *st, void *arg)
{
	struct tvars	*row = tvars_add_row(a->r->vars, "pages");

	(void)arg;
	tvars_set(row, "title", indent(a, sqlite3_column_int(st, 4),
	    db_text(a->r->arena, st, 1)));
	tvars_set(row, "slug", db_text(a->r->arena, st, 2));
	tvars_set(row, "status", db_text(a->r->arena, st, 3));
	tvars_set(row, "edit_url", arena_printf(a->r->arena,
	    "/admin/pages/%lld/", (long long)sqlite3_column_int64(st, 0)));
}

void
admin_pages(struct admin *a)
{
	if (admin_require(a, ROLE_EDITOR) != 0)
		return;
	if (tree_walk(a, list_row, NULL) != 0) {
		admin_error(a, 500, "The pages could not be listed.");
		return;
	}
	if (strcmp(admin_qs(a, "trashed"), "1") == 0)
		tvars_set(a->r->vars, "message", "The page was moved to the "
		    "trash.");
	a->tmpl = AT_PAGES;
}

struct parent_ctx {
	int64_t		 self, selected;
	int		 skip_depth;	/* in self's subtree while >= 0 */
};

static void
parent_row(struct admin *a, sqlite3_stmt *st, void *arg)
{
	struct parent_ctx	*c = arg;
	struct tvars		*row;
	int64_t			 id = sqlite3_column_int64(st, 0);
	int			 d = sqlite3_column_int(st, 4);

	/* The tree comes in path order: a subtree follows its root. */
	if (c->skip_depth >= 0 && d > c->skip_depth)
		return;
	c->skip_depth = -1;
	if (id == c->self) {
		c->skip_depth = d;
		return;
	}
	row = tvars_add_row(a->r->vars, "parents");
	tvars_set_int(row, "id", id);
	tvars_set(row, "title", indent(a, d, db_text(a->r->arena, st, 1)));
	tvars_set(row, "selected", id == c->selected ? "1" : "");
}

static int
form_vars(struct admin *a, const struct page_row *p, const char *title,
    const char *slug, int64_t parent, const char *body, const char *status,
    const char *position)
{
	struct parent_ctx	 c = { p ? p->id : 0, parent, -1 };
	sqlite3_stmt		*st;

	tvars_set(a->r->vars, "title", title);
	tvars_set(a->r->vars, "slug", slug);
	tvars_set(a->r->vars, "body", body);
	tvars_set(a->r->vars, "position", position);
	tvars_set(a->r->vars, strcmp(status, "published") == 0 ?
	    "status_published" : "status_draft", "1");
	if (tree_walk(a, parent_row, &c) != 0) {
		admin_error(a, 500, "The pages could not be listed.");
		return -1;
	}
	a->tmpl = AT_PAGE_EDIT;
	if (p == NULL) {
		tvars_set(a->r->vars, "form_url", "/admin/pages/new/");
		tvars_set(a->r->vars, "heading", "New page");
		return 0;
	}
	tvars_set(a->r->vars, "heading", "Edit page");
	tvars_set_int(a->r->vars, "page_id", p->id);
	tvars_set(a->r->vars, "form_url", arena_printf(a->r->arena,
	    "/admin/pages/%lld/", (long long)p->id));
	tvars_set(a->r->vars, "status_now", p->status);
	if (strcmp(p->status, "trash") == 0)
		tvars_set(a->r->vars, "in_trash", "1");
	if (!p->has_md)
		tvars_set(a->r->vars, "imported_html", "1");
	if (strcmp(p->status, "published") == 0 &&
	    (st = db_stmt(a->r->db, sql_path)) != NULL) {
		if (db_bind_int(st, 1, p->id) &&
		    sqlite3_step(st) == SQLITE_ROW)
			tvars_set(a->r->vars, "public_url",
			    db_text(a->r->arena, st, 0));
		db_done(st);
	}
	return 0;
}

/* 1 if the query with ?1, ?2 (and maybe ?3) bound returns a row. */
static int
exists(struct admin *a, const char *sql, int64_t x, const char *s, int64_t y)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql);
	int		 step;

	if (!db_bind_int(st, 1, x) ||
	    (s != NULL ? !db_bind_text(st, 2, s) :
	    !db_bind_int(st, 2, y)) ||
	    (s != NULL && !db_bind_int(st, 3, y))) {
		db_done(st);
		return -1;
	}
	step = sqlite3_step(st);
	db_done(st);
	return step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -1;
}

static void
save(struct admin *a, const struct page_row *p)
{
	struct req	*r = a->r;
	const char	*title = admin_input(a, "title");
	const char	*slug = admin_input(a, "slug");
	const char	*body = admin_input(a, "body");
	const char	*status = admin_input(a, "status");
	const char	*pos = admin_input(a, "position");
	const char	*html, *md = body;
	sqlite3_stmt	*st;
	int64_t		 parent, id = p ? p->id : 0;
	long		 position = 0;
	char		*end;
	size_t		 i;
	int		 bad, e;

	/* The title, the parent's form: admin.c's table. */
	bad = a->invalid;
	parent = admin_input_id(a, "parent");
	if (admin_input_ok(a, "parent") && parent != 0) {
		e = exists(a, sql_exists, parent, NULL, 0);
		if (e == 0) {
			admin_field_error(a, "parent", "Choose a parent from "
			    "the list.");
			bad = 1;
		} else if (id != 0 && (e = exists(a, sql_is_ancestor, parent,
		    NULL, id)) != 0) {
			admin_field_error(a, "parent", "A page cannot sit "
			    "below itself.");
			bad = 1;
		}
		if (e < 0)
			goto fail;
	}
	if (*slug == '\0' && *title != '\0')
		slug = slug_from_title(r->arena, title);
	if (!slug_valid(slug)) {
		admin_field_error(a, "slug", "Use only lowercase letters a-z, "
		    "digits and hyphens, at most 200.");
		bad = 1;
	} else {
		if (parent == 0) {
			for (i = 0; i < sizeof(reserved) / sizeof(*reserved);
			    i++)
				if (strcmp(slug, reserved[i]) == 0)
					break;
			if (i < sizeof(reserved) / sizeof(*reserved) ||
			    strspn(slug, "0123456789") == strlen(slug)) {
				admin_field_error(a, "slug", "This address "
				    "belongs to the site itself; choose "
				    "another slug.");
				bad = 1;
			}
		}
		if ((e = exists(a, sql_slug_taken, parent, slug, id)) < 0)
			goto fail;
		if (e) {
			admin_field_error(a, "slug", "Another page at this "
			    "level already uses this slug.");
			bad = 1;
		}
	}
	if (strlen(body) > BODY_MAX) {
		admin_field_error(a, "body", "The text is longer than 1 MB.");
		bad = 1;
	}
	if (strcmp(status, "draft") != 0 && strcmp(status, "published") != 0) {
		admin_field_error(a, "status", "Choose draft or published.");
		bad = 1;
	}
	if (*pos != '\0') {
		position = strtol(pos, &end, 10);
		if (*end != '\0' || strlen(pos) > 6 || position < -99999 ||
		    position > 999999) {
			admin_field_error(a, "position", "Give a whole "
			    "number.");
			bad = 1;
		}
	}
	if (bad) {
		r->status = 400;
		tvars_set(r->vars, "error_summary", "The page was not saved: "
		    "please correct the fields marked below.");
		(void)form_vars(a, p, title, admin_input(a, "slug"), parent,
		    body, status, pos);
		return;
	}
	if (p != NULL && !p->has_md && *body == '\0') {
		md = NULL;
		html = p->body_html;
	} else if ((html = markdown_html(r->arena, body, strlen(body))) ==
	    NULL)
		goto fail;
	st = db_stmt(r->db, p ? sql_update : sql_insert);
	if (st == NULL || (parent ? !db_bind_int(st, 1, parent) :
	    sqlite3_bind_null(st, 1) != SQLITE_OK) ||
	    !db_bind_text(st, 2, slug) || !db_bind_text(st, 3, title) ||
	    (md ? !db_bind_text(st, 4, md) :
	    sqlite3_bind_null(st, 4) != SQLITE_OK) ||
	    !db_bind_text(st, 5, html) || !db_bind_text(st, 6, status) ||
	    !db_bind_int(st, 7, position) ||
	    !db_bind_int(st, 8, p ? p->id : a->s.user.id) ||
	    !db_bind_int(st, 9, r->now) ||
	    !db_bind_text(st, 10, search_text_arena(r->arena, html))) {
		db_done(st);
		goto fail;
	}
	if ((e = db_run(a->r->db, st, "page save")) != 0) {
		if (e == SQLITE_CONSTRAINT_UNIQUE) {
			r->status = 400;
			admin_field_error(a, "slug", "Another page at this "
			    "level already uses this slug.");
			(void)form_vars(a, p, title, slug, parent, body,
			    status, pos);
			return;
		}
		goto fail;
	}
	if (p == NULL)
		id = sqlite3_last_insert_rowid(r->db);
	admin_redirect(a, arena_printf(r->arena, "/admin/pages/%lld/?saved=1",
	    (long long)id));
	return;
fail:
	admin_error(a, 500, "The page could not be saved; nothing was "
	    "changed.");
}

void
admin_page_new(struct admin *a)
{
	if (admin_require(a, ROLE_EDITOR) != 0)
		return;
	if (a->method == AM_POST)
		save(a, NULL);
	else
		(void)form_vars(a, NULL, "", "", 0, "", "draft", "0");
}

void
admin_page_edit(struct admin *a)
{
	struct page_row	 p;

	if (admin_require(a, ROLE_EDITOR) != 0 || page_get(a, a->id, &p) != 0)
		return;
	if (a->method == AM_POST) {
		save(a, &p);
		return;
	}
	if (form_vars(a, &p, p.title, p.slug, p.parent_id, p.body_md,
	    p.status, arena_printf(a->r->arena, "%ld", p.position)) != 0)
		return;
	if (strcmp(admin_qs(a, "saved"), "1") == 0)
		tvars_set(a->r->vars, "message", "Saved.");
	else if (strcmp(admin_qs(a, "untrashed"), "1") == 0)
		tvars_set(a->r->vars, "message", "The page was taken out of "
		    "the trash; it is a draft now.");
}

static void
status_change(struct admin *a, const char *status)
{
	struct page_row	 p;

	if (admin_require(a, ROLE_EDITOR) != 0 || page_get(a, a->id, &p) != 0)
		return;
	admin_trash_set(a, "page", p.id, status);
}

void
admin_page_trash(struct admin *a)
{
	status_change(a, "trash");
}

void
admin_page_untrash(struct admin *a)
{
	status_change(a, "draft");
}

/*
 * The preview of page a->id (0: a new one). GET: the page as saved;
 * POST (the editor's Preview button): what the form holds, unsaved. The
 * public page.tmpl, filled by page_page.c and render.c as for a
 * visitor, switched to a preview (req.h: the bar, noindex, no feed
 * links); nothing is written.
 */
void
admin_page_preview(struct admin *a)
{
	struct req	*r = a->r;
	struct page_row	 p;
	const char	*title, *slug, *html, *body;
	int64_t		 parent;

	memset(&p, 0, sizeof(p));
	p.has_md = 1;
	p.title = p.slug = p.body_html = "";
	if (admin_require(a, ROLE_EDITOR) != 0 ||
	    (a->id != 0 && page_get(a, a->id, &p) != 0))
		return;
	title = p.title;
	slug = p.slug;
	parent = p.parent_id;
	html = p.body_html;
	if (a->method == AM_POST) {
		title = *admin_input(a, "title") != '\0' ?
		    admin_input(a, "title") : "(no title)";
		if (slug_valid(admin_input(a, "slug")))
			slug = admin_input(a, "slug");
		else if (a->id == 0)
			slug = slug_from_title(r->arena, title);
		if (admin_input_ok(a, "parent"))
			parent = admin_input_id(a, "parent");
		body = admin_input(a, "body");
		/* An imported page keeps its HTML until Markdown replaces it. */
		if ((p.has_md || *body != '\0') && (html = markdown_html(
		    r->arena, body, strlen(body))) == NULL) {
			admin_error(a, 500, "The preview could not be made.");
			return;
		}
	}
	r->preview = 1;
	if (p.id != 0)
		r->preview_edit_url = arena_printf(r->arena,
		    "/admin/pages/%lld/", (long long)p.id);
	if (page_page_extras(r, p.id, parent, slug) != FOLIO_OK) {
		admin_error(a, 500, "The preview could not be made.");
		return;
	}
	tvars_set(r->vars, "title", title);
	tvars_set(r->vars, "body_html", html);
	r->tmpl = TMPL_PAGE;
	r->title = title;
	render_site_vars(r, title);
	meta_vars(r);
	a->tmpl = AT_PUBLIC_PAGE;
}
