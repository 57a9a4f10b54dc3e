/*
 * admin_category.c -- categories (editors and admins): list, add, edit,
 * delete. A slug is unique site-wide; a parent may not be the category
 * itself or one below it. Reads come from the site cache, which is
 * current for this request; writes go to the database.
 */
#include <string.h>

#include "folio.h"
#include "admin.h"
#include "db.h"
#include "req.h"
#include "site.h"
#include "slug.h"
#include "tmpl.h"

static const char sql_cat_insert[] =
	"INSERT INTO category (parent_id, slug, name, description) "
	"VALUES (?1, ?2, ?3, ?4)";
static const char sql_cat_update[] =
	"UPDATE category SET parent_id = ?1, slug = ?2, name = ?3, "
	"description = ?4 WHERE id = ?5";
static const char sql_cat_slug_taken[] =
	"SELECT 1 FROM category WHERE slug = ?1 AND id <> ?2";
static const char sql_cat_children[] =
	"SELECT 1 FROM category WHERE parent_id = ?1";
static const char sql_cat_delete[] =
	"DELETE FROM category WHERE id = ?1";

/* Depth of c in the tree (0 at the top), bounded against bad data. */
static int
depth(const struct site *s, const struct category *c)
{
	int	 d = 0;

	while (c != NULL && c->parent_id != 0 && d < 32) {
		c = site_category(s, c->parent_id);
		d++;
	}
	return d;
}

/* 1 if category "anc" is "id" or lies below it (id is an ancestor). */
static int
is_below(const struct site *s, int64_t anc, int64_t id)
{
	const struct category	*c = site_category(s, anc);
	int			 n = 0;

	for (; c != NULL && n < 64; n++) {
		if (c->id == id)
			return 1;
		c = c->parent_id ? site_category(s, c->parent_id) : NULL;
	}
	return 0;
}

static void
parent_options(struct admin *a, int64_t self, int64_t selected)
{
	const struct site	*s = a->r->site;
	struct tvars		*row;
	size_t			 i;
	int			 d;

	for (i = 0; i < s->ncats; i++) {
		if (self != 0 && is_below(s, s->cats[i].id, self))
			continue;	/* itself and its subtree */
		row = tvars_add_row(a->r->vars, "parents");
		tvars_set_int(row, "id", s->cats[i].id);
		d = depth(s, &s->cats[i]);
		tvars_set(row, "name", d == 0 ? s->cats[i].name :
		    arena_printf(a->r->arena, "%.*s%s", d * 2, "--------",
		    s->cats[i].name));
		tvars_set(row, "selected", s->cats[i].id == selected ? "1" :
		    "");
	}
}

void
admin_categories(struct admin *a)
{
	const struct site	*s = a->r->site;
	const struct category	*p;
	struct tvars		*row;
	size_t			 i;

	if (admin_require(a, ROLE_EDITOR) != 0)
		return;
	for (i = 0; i < s->ncats; i++) {
		row = tvars_add_row(a->r->vars, "categories");
		tvars_set(row, "name", s->cats[i].name);
		tvars_set(row, "slug", s->cats[i].slug);
		tvars_set(row, "url", s->cats[i].url);
		tvars_set(row, "edit_url", arena_printf(a->r->arena,
		    "/admin/categories/%lld/", (long long)s->cats[i].id));
		tvars_set_int(row, "count", s->cats[i].count);
		p = s->cats[i].parent_id ? site_category(s,
		    s->cats[i].parent_id) : NULL;
		tvars_set(row, "parent", p ? p->name : "");
	}
	if (strcmp(admin_qs(a, "deleted"), "1") == 0)
		tvars_set(a->r->vars, "message", "The category was deleted.");
	a->tmpl = AT_CATEGORIES;
}

static void
form_vars(struct admin *a, int64_t id, const char *name, const char *slug,
    int64_t parent, const char *desc)
{
	tvars_set(a->r->vars, "name", name);
	tvars_set(a->r->vars, "slug", slug);
	tvars_set(a->r->vars, "description", desc);
	parent_options(a, id, parent);
	if (id != 0) {
		tvars_set_int(a->r->vars, "cat_id", id);
		tvars_set(a->r->vars, "form_url", arena_printf(a->r->arena,
		    "/admin/categories/%lld/", (long long)id));
		tvars_set(a->r->vars, "heading", "Edit category");
	} else {
		tvars_set(a->r->vars, "form_url", "/admin/categories/new/");
		tvars_set(a->r->vars, "heading", "New category");
	}
	a->tmpl = AT_CATEGORY_EDIT;
}

static void
save(struct admin *a, int64_t id)
{
	struct req	*r = a->r;
	const char	*name = admin_input(a, "name");
	const char	*slug = admin_input(a, "slug");
	const char	*desc = admin_input(a, "description");
	sqlite3_stmt	*st;
	int64_t		 parent;
	int		 bad = 0, step;

	if (admin_id_parse(admin_input(a, "parent"), &parent) != 0 ||
	    (parent != 0 && site_category(r->site, parent) == NULL)) {
		admin_field_error(a, "parent", "Choose a parent from the "
		    "list.");
		bad = 1;
		parent = 0;
	} else if (parent != 0 && id != 0 && is_below(r->site, parent, id)) {
		admin_field_error(a, "parent", "A category cannot sit below "
		    "itself.");
		bad = 1;
	}
	if (*name == '\0' || utf8_chars(name) > 200) {
		admin_field_error(a, "name", "Give a name of 1 to 200 "
		    "characters.");
		bad = 1;
	}
	if (*slug == '\0' && *name != '\0')
		slug = slug_from_title(r->arena, name);
	if (!slug_valid(slug)) {
		admin_field_error(a, "slug", "Use only lowercase letters a-z, "
		    "digits and hyphens, at most 200.");
		bad = 1;
	} else {
		st = db_stmt(r->db, sql_cat_slug_taken);
		if (!db_bind_text(st, 1, slug) ||
		    !db_bind_int(st, 2, id)) {
			db_done(st);
			admin_error(a, 500, "The category could not be "
			    "checked.");
			return;
		}
		step = sqlite3_step(st);
		db_done(st);
		if (step == SQLITE_ROW) {
			admin_field_error(a, "slug", "Another category already "
			    "uses this slug.");
			bad = 1;
		}
	}
	if (utf8_chars(desc) > 2000) {
		admin_field_error(a, "description", "At most 2000 characters.");
		bad = 1;
	}
	if (bad) {
		r->status = 400;
		form_vars(a, id, name, admin_input(a, "slug"), parent, desc);
		return;
	}
	st = db_stmt(r->db, id ? sql_cat_update : sql_cat_insert);
	if (st == NULL || (parent ? !db_bind_int(st, 1, parent) :
	    sqlite3_bind_null(st, 1) != SQLITE_OK) ||
	    !db_bind_text(st, 2, slug) || !db_bind_text(st, 3, name) ||
	    !db_bind_text(st, 4, desc) ||
	    (id != 0 && !db_bind_int(st, 5, id))) {
		db_done(st);
		admin_error(a, 500, "The category could not be saved.");
		return;
	}
	if ((step = db_run(a->r->db, st, "category save")) != 0) {
		if (step == SQLITE_CONSTRAINT_UNIQUE) {
			r->status = 400;
			admin_field_error(a, "slug", "Another category already "
			    "uses this slug.");
			form_vars(a, id, name, slug, parent, desc);
			return;
		}
		admin_error(a, 500, "The category could not be saved.");
		return;
	}
	admin_redirect(a, "/admin/categories/");
}

void
admin_category_new(struct admin *a)
{
	if (admin_require(a, ROLE_EDITOR) != 0)
		return;
	if (a->method == AM_POST)
		save(a, 0);
	else
		form_vars(a, 0, "", "", 0, "");
}

void
admin_category_edit(struct admin *a)
{
	const struct category	*c;

	if (admin_require(a, ROLE_EDITOR) != 0)
		return;
	if ((c = site_category(a->r->site, a->id)) == NULL) {
		admin_error(a, 404, "There is no such category.");
		return;
	}
	if (a->method == AM_POST)
		save(a, c->id);
	else
		form_vars(a, c->id, c->name, c->slug, c->parent_id,
		    c->description);
}

void
admin_category_delete(struct admin *a)
{
	struct req	*r = a->r;
	sqlite3_stmt	*st;
	int		 step;

	if (admin_require(a, ROLE_EDITOR) != 0)
		return;
	if (site_category(r->site, a->id) == NULL) {
		admin_error(a, 404, "There is no such category.");
		return;
	}
	st = db_stmt(r->db, sql_cat_children);
	if (!db_bind_int(st, 1, a->id)) {
		db_done(st);
		admin_error(a, 500, "The category could not be checked.");
		return;
	}
	step = sqlite3_step(st);
	db_done(st);
	if (step == SQLITE_ROW) {
		admin_error(a, 400, "This category has subcategories: move or "
		    "delete them first.");
		return;
	}
	/* Its posts lose it (cascade); so do menu items pointing at it. */
	st = db_stmt(r->db, sql_cat_delete);
	if (!db_bind_int(st, 1, a->id) ||
	    db_run(a->r->db, st, "category delete") != 0) {
		admin_error(a, 500, "The category could not be deleted.");
		return;
	}
	admin_redirect(a, "/admin/categories/?deleted=1");
}
