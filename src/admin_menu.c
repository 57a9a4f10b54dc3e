/*
 * admin_menu.c -- the primary navigation menu (admins only): a tree of
 * items, each pointing at a page, a category, a post or a URL. Items are
 * added, edited, removed (with their sub-items, after saying how many
 * and asking; the last removal can be undone), moved up and down among
 * their siblings, indented under the item before them and outdented to
 * follow their parent. The screen shows the tree as nested lists. Moves are computed on the whole tree in memory
 * and the changed rows written in one transaction. The public templates
 * show three levels, so deeper moves are refused.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "admin.h"
#include "db.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"
#include "valid.h"
#include "visible.h"

#define MENU_ITEMS_MAX	500
#define MENU_LEVELS	3

static const char sql_items[] =
	"SELECT n.id, coalesce(n.parent_id, 0), n.position, n.label, "
	"n.target, coalesce(n.page_id, 0), coalesce(n.category_id, 0), "
	"coalesce(n.post_id, 0), coalesce(n.url, ''), "
	"coalesce(pg.title, c.name, po.title, n.url, '') "
	"FROM menu_item n LEFT JOIN page pg ON pg.id = n.page_id "
	"LEFT JOIN category c ON c.id = n.category_id "
	"LEFT JOIN post po ON po.id = n.post_id "
	"WHERE n.menu = ?1 ORDER BY n.parent_id, n.position, n.id";
static const char sql_move[] =
	"UPDATE menu_item SET parent_id = ?2, position = ?3 WHERE id = ?1";
static const char sql_insert[] =
	"INSERT INTO menu_item (menu, parent_id, position, label, target, "
	"page_id, category_id, post_id, url) VALUES ('primary', NULL, "
	"(SELECT coalesce(max(position), -1) + 1 FROM menu_item "
	"WHERE menu = 'primary' AND parent_id IS NULL), "
	"?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_update[] =
	"UPDATE menu_item SET label = ?1, target = ?2, page_id = ?3, "
	"category_id = ?4, post_id = ?5, url = ?6 WHERE id = ?7";
/*
 * A removal keeps what it removed, for one undo: the items move to the
 * menu REMOVED (no site shows it; a WordPress menu's slug has no
 * parentheses), the branch's top keeping its parent and position, and
 * the removal before is deleted for good.
 */
#define REMOVED	"(removed)"
static const char sql_purge[] =
	"DELETE FROM menu_item WHERE menu = '" REMOVED "'";
static const char sql_remove[] =
	"UPDATE menu_item SET menu = '" REMOVED "' "
	"WHERE id = ?1 AND menu = 'primary'";
static const char sql_restore[] =
	"UPDATE menu_item SET menu = 'primary' WHERE menu = '" REMOVED "'";
static const char sql_restore_top[] =
	"UPDATE menu_item SET parent_id = ?2, position = ?3 WHERE id = ?1";
/* Make room among the siblings where the branch goes back, if taken. */
static const char sql_restore_room[] =
	"UPDATE menu_item SET position = position + 1 "
	"WHERE menu = 'primary' AND parent_id IS ?1 AND position >= ?2 "
	"AND EXISTS (SELECT 1 FROM menu_item WHERE menu = 'primary' "
	"AND parent_id IS ?1 AND position = ?2)";
static const char sql_pages[] =
	"SELECT id, title FROM page WHERE " SQL_PAGE_PUBLISHED("") " "
	"ORDER BY title COLLATE NOCASE LIMIT 500";
static const char sql_posts[] =
	"SELECT id, title FROM post WHERE " SQL_POST_PUBLISHED("") " "
	"ORDER BY published_at DESC LIMIT 300";
static const char sql_page_ok[] =
	"SELECT 1 FROM page WHERE id = ?1";
static const char sql_post_ok[] =
	"SELECT 1 FROM post WHERE id = ?1";

struct item {
	int64_t		 id, parent;
	long		 pos, newpos;
	int64_t		 newparent;
	const char	*label, *target, *url, *what;
	int64_t		 page, cat, post;
};

struct menu {
	struct item	*v;
	size_t		 n;
};

/* The items of menu "name" ("primary", or REMOVED). 0, or -1 (logged). */
static int
menu_load(struct admin *a, struct menu *m, const char *name)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql_items);
	struct item	*it;
	int		 step;

	m->n = 0;
	m->v = arena_calloc(a->r->arena, MENU_ITEMS_MAX, sizeof(*m->v));
	if (!db_bind_text(st, 1, name)) {
		db_done(st);
		return -1;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW && m->n <
	    MENU_ITEMS_MAX) {
		it = &m->v[m->n++];
		it->id = sqlite3_column_int64(st, 0);
		it->parent = it->newparent = sqlite3_column_int64(st, 1);
		it->pos = it->newpos = (long)sqlite3_column_int64(st, 2);
		it->label = db_text(a->r->arena, st, 3);
		it->target = db_text(a->r->arena, st, 4);
		it->page = sqlite3_column_int64(st, 5);
		it->cat = sqlite3_column_int64(st, 6);
		it->post = sqlite3_column_int64(st, 7);
		it->url = db_text(a->r->arena, st, 8);
		it->what = db_text(a->r->arena, st, 9);
	}
	db_done(st);
	if (step != SQLITE_DONE && step != SQLITE_ROW) {
		db_log(a->r->db, "menu");
		return -1;
	}
	return 0;
}

static struct item *
find(struct menu *m, int64_t id)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		if (m->v[i].id == id)
			return &m->v[i];
	return NULL;
}

/* The children of "parent" (new tree) in order, into out; their count. */
static size_t
children(struct menu *m, int64_t parent, struct item **out)
{
	size_t		 i, j, n = 0;
	struct item	*t;

	for (i = 0; i < m->n; i++)
		if (m->v[i].newparent == parent)
			out[n++] = &m->v[i];
	/* Insertion sort by position, then id: lists are short. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && (out[j - 1]->newpos > out[j]->newpos ||
		    (out[j - 1]->newpos == out[j]->newpos &&
		    out[j - 1]->id > out[j]->id)); j--) {
			t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

static void
renumber(struct item **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		v[i]->newpos = (long)i;
}

static int
depth_of(struct menu *m, const struct item *it)
{
	int	 d = 0;

	while (it != NULL && it->newparent != 0 && d < 64) {
		it = find(m, it->newparent);
		d++;
	}
	return d;
}

/* Levels below it, itself counting 1. */
static int
height(struct menu *m, int64_t id, int guard)
{
	size_t	 i;
	int	 h = 0, c;

	if (guard > 64)
		return 64;
	for (i = 0; i < m->n; i++)
		if (m->v[i].newparent == id) {
			c = height(m, m->v[i].id, guard + 1);
			if (c > h)
				h = c;
		}
	return h + 1;
}

/* How many items are under "id", at any depth. */
static size_t
descendants(struct menu *m, int64_t id, int guard)
{
	size_t	 i, n = 0;

	if (guard > 64)
		return 0;
	for (i = 0; i < m->n; i++)
		if (m->v[i].newparent == id)
			n += 1 + descendants(m, m->v[i].id, guard + 1);
	return n;
}

/*
 * The tree as rows in order, for nested lists: a row with has_children
 * opens a list for the rows after it, and each entry of its loop
 * "closes" ends one list (and the item holding it) after the row. *last
 * is the last row made, which the end of a level closes.
 */
static void
flatten_rows(struct admin *a, struct menu *m, int64_t parent, int depth,
    struct tvars **last)
{
	struct item	**kids = arena_calloc(a->r->arena, m->n + 1,
			    sizeof(*kids));
	struct tvars	*row;
	size_t		 n, i, under;

	if (depth > 8)
		return;
	n = children(m, parent, kids);
	for (i = 0; i < n; i++) {
		row = tvars_add_row(a->r->vars, "items");
		*last = row;
		tvars_set_int(row, "id", kids[i]->id);
		tvars_set_int(row, "depth", depth);
		tvars_set(row, "label", kids[i]->label);
		tvars_set(row, "target", kids[i]->target);
		tvars_set(row, "what", kids[i]->what);
		if ((under = descendants(m, kids[i]->id, 0)) > 0) {
			tvars_set(row, "has_children", "1");
			tvars_set_int(row, "under", (long long)under);
		}
		if (i > 0)
			tvars_set(row, "can_up", "1");
		if (i + 1 < n)
			tvars_set(row, "can_down", "1");
		if (i > 0 && depth + height(m, kids[i]->id, 0) < MENU_LEVELS)
			tvars_set(row, "can_indent", "1");
		if (depth > 0)
			tvars_set(row, "can_outdent", "1");
		flatten_rows(a, m, kids[i]->id, depth + 1, last);
	}
	if (depth > 0 && n > 0)
		tvars_add_row(*last, "closes");
}

static void
flatten(struct admin *a, struct menu *m)
{
	struct tvars	*last = NULL;

	flatten_rows(a, m, 0, 0, &last);
}

/* The selects of pages, categories and posts for the item form. */
static int
target_options(struct admin *a, int64_t page, int64_t cat, int64_t post)
{
	const struct site	*s = a->r->site;
	const char		*sqls[2] = { sql_pages, sql_posts };
	const char		*loops[2] = {
				    "page_options", "post_options" };
	int64_t			 sel[2] = { page, post };
	sqlite3_stmt		*st;
	struct tvars		*row;
	size_t			 i, k;
	int			 step;

	for (k = 0; k < 2; k++) {
		if ((st = db_stmt(a->r->db, sqls[k])) == NULL)
			return -1;
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			row = tvars_add_row(a->r->vars, loops[k]);
			tvars_set_int(row, "id", sqlite3_column_int64(st, 0));
			tvars_set(row, "title", db_text(a->r->arena, st, 1));
			tvars_set(row, "selected", sqlite3_column_int64(st, 0)
			    == sel[k] ? "1" : "");
		}
		db_done(st);
		if (step != SQLITE_DONE)
			return -1;
	}
	for (i = 0; i < s->ncats; i++) {
		row = tvars_add_row(a->r->vars, "cat_options");
		tvars_set_int(row, "id", s->cats[i].id);
		tvars_set(row, "title", s->cats[i].name);
		tvars_set(row, "selected", s->cats[i].id == cat ? "1" : "");
	}
	return 0;
}

static void
form_vars(struct admin *a, const char *label, const char *target,
    int64_t page, int64_t cat, int64_t post, const char *url)
{
	tvars_set(a->r->vars, "label", label);
	tvars_set(a->r->vars, "url", url);
	tvars_set(a->r->vars, arena_printf(a->r->arena, "target_%s", target),
	    "1");
	if (target_options(a, page, cat, post) != 0)
		admin_error(a, 500, "The menu's targets could not be listed.");
}

/* The top of the last removal's branch (its parent is not removed). */
static struct item *
removed_top(struct menu *gone)
{
	size_t	 i;

	for (i = 0; i < gone->n; i++)
		if (gone->v[i].parent == 0 ||
		    find(gone, gone->v[i].parent) == NULL)
			return &gone->v[i];
	return NULL;
}

/*
 * The last removal's top item, and how many items it took, into the
 * menu screen's undo box (removed_label, removed_total); 0, or -1.
 */
static int
removed_vars(struct admin *a)
{
	struct menu	 gone;
	struct item	*top;

	if (menu_load(a, &gone, REMOVED) != 0)
		return -1;
	if ((top = removed_top(&gone)) == NULL)
		return 0;
	tvars_set(a->r->vars, "removed_label", top->label);
	tvars_set_int(a->r->vars, "removed_total", (long long)gone.n);
	tvars_set_int(a->r->vars, "removed_under", (long long)gone.n - 1);
	return 0;
}

void
admin_menu(struct admin *a)
{
	struct menu	 m;

	if (admin_require(a, ROLE_ADMIN) != 0)
		return;
	if (menu_load(a, &m, "primary") != 0) {
		admin_error(a, 500, "The menu could not be read.");
		return;
	}
	flatten(a, &m);
	if (removed_vars(a) != 0) {
		admin_error(a, 500, "The menu could not be read.");
		return;
	}
	a->tmpl = AT_MENU;
	if (strcmp(admin_qs(a, "saved"), "1") == 0)
		tvars_set(a->r->vars, "message", "Saved.");
	else if (strcmp(admin_qs(a, "removed"), "1") == 0)
		tvars_set(a->r->vars, "message", "Removed.");
	else if (strcmp(admin_qs(a, "restored"), "1") == 0)
		tvars_set(a->r->vars, "message", "The removal was undone.");
	form_vars(a, "", "page", 0, 0, 0, "");
}

static int
row_exists(struct admin *a, const char *sql, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql);
	int		 step;

	if (!db_bind_int(st, 1, id)) {
		db_done(st);
		return 0;
	}
	step = sqlite3_step(st);
	db_done(st);
	return step == SQLITE_ROW;
}

/* Validate and store the item form; id 0 adds one at the top level. */
static void
item_save(struct admin *a, int64_t id)
{
	struct req	*r = a->r;
	const char	*label = admin_input(a, "label");
	const char	*target = admin_input(a, "target");
	const char	*url = admin_input(a, "url");
	int64_t		 page = 0, cat = 0, post = 0;
	sqlite3_stmt	*st;
	int		 bad;

	/* The label and the form of each target: admin.c's table. */
	bad = a->invalid;
	if (strcmp(target, "page") == 0) {
		page = admin_input_id(a, "page");
		if (admin_input_ok(a, "page") &&
		    !row_exists(a, sql_page_ok, page)) {
			admin_field_error(a, "page", "Choose a page.");
			bad = 1;
		}
	} else if (strcmp(target, "category") == 0) {
		cat = admin_input_id(a, "category");
		if (admin_input_ok(a, "category") &&
		    site_category(r->site, cat) == NULL) {
			admin_field_error(a, "category", "Choose a category.");
			bad = 1;
		}
	} else if (strcmp(target, "post") == 0) {
		post = admin_input_id(a, "post");
		if (admin_input_ok(a, "post") &&
		    !row_exists(a, sql_post_ok, post)) {
			admin_field_error(a, "post", "Choose a post.");
			bad = 1;
		}
	} else if (strcmp(target, "url") == 0) {
		/* The table's valid_url() checked it. */
	} else {
		admin_field_error(a, "target", "Choose what the item points "
		    "at.");
		bad = 1;
		target = "page";
	}
	if (bad) {
		r->status = 400;
		tvars_set(r->vars, "error_summary", "The menu item was not "
		    "saved: please correct the fields marked below.");
		if (id == 0) {
			struct menu	 m;

			if (menu_load(a, &m, "primary") == 0)
				flatten(a, &m);
			a->tmpl = AT_MENU;
		} else {
			tvars_set_int(r->vars, "item_id", id);
			a->tmpl = AT_MENU_EDIT;
		}
		form_vars(a, label, target, page, cat, post, url);
		return;
	}
	st = db_stmt(r->db, id ? sql_update : sql_insert);
	if (!db_bind_text(st, 1, label) || !db_bind_text(st, 2, target) ||
	    (page ? !db_bind_int(st, 3, page) :
	    sqlite3_bind_null(st, 3) != SQLITE_OK) ||
	    (cat ? !db_bind_int(st, 4, cat) :
	    sqlite3_bind_null(st, 4) != SQLITE_OK) ||
	    (post ? !db_bind_int(st, 5, post) :
	    sqlite3_bind_null(st, 5) != SQLITE_OK) ||
	    (strcmp(target, "url") == 0 ? !db_bind_text(st, 6, url) :
	    sqlite3_bind_null(st, 6) != SQLITE_OK) ||
	    (id && !db_bind_int(st, 7, id))) {
		db_done(st);
		admin_error(a, 500, "The menu item could not be saved.");
		return;
	}
	if (db_run(a->r->db, st, "menu item") != 0) {
		admin_error(a, 500, "The menu item could not be saved.");
		return;
	}
	admin_redirect(a, "/admin/menu/?saved=1");
}

void
admin_menu_new(struct admin *a)
{
	if (admin_require(a, ROLE_ADMIN) != 0)
		return;
	item_save(a, 0);
}

/*
 * For an admin, the menu and its item a->id; NULL when the error page
 * (403, 404 or 500) is already made.
 */
static struct item *
item_open(struct admin *a, struct menu *m)
{
	struct item	*it;

	if (admin_require(a, ROLE_ADMIN) != 0)
		return NULL;
	if (menu_load(a, m, "primary") != 0) {
		admin_error(a, 500, "The menu could not be read.");
		return NULL;
	}
	if ((it = find(m, a->id)) == NULL)
		admin_error(a, 404, "There is no such menu item.");
	return it;
}

void
admin_menu_edit(struct admin *a)
{
	struct menu	 m;
	struct item	*it;

	if ((it = item_open(a, &m)) == NULL)
		return;
	if (a->method == AM_POST) {
		item_save(a, it->id);
		return;
	}
	tvars_set_int(a->r->vars, "item_id", it->id);
	a->tmpl = AT_MENU_EDIT;
	form_vars(a, it->label, it->target, it->page, it->cat, it->post,
	    it->url);
}

void
admin_menu_move(struct admin *a)
{
	struct req	*r = a->r;
	const char	*dir = admin_input(a, "dir");
	struct menu	 m;
	struct item	*it, *par, **sib, **kids, *t;
	size_t		 n, k, i, idx = 0;
	sqlite3_stmt	*st;

	if ((it = item_open(a, &m)) == NULL)
		return;
	sib = arena_calloc(r->arena, m.n + 1, sizeof(*sib));
	kids = arena_calloc(r->arena, m.n + 1, sizeof(*kids));
	n = children(&m, it->parent, sib);
	renumber(sib, n);
	for (i = 0; i < n; i++)
		if (sib[i] == it)
			idx = i;
	if (strcmp(dir, "up") == 0 && idx > 0) {
		t = sib[idx - 1];
		sib[idx - 1] = it;
		sib[idx] = t;
		renumber(sib, n);
	} else if (strcmp(dir, "down") == 0 && idx + 1 < n) {
		t = sib[idx + 1];
		sib[idx + 1] = it;
		sib[idx] = t;
		renumber(sib, n);
	} else if (strcmp(dir, "indent") == 0 && idx > 0 &&
	    depth_of(&m, it) + height(&m, it->id, 0) < MENU_LEVELS) {
		par = sib[idx - 1];
		k = children(&m, par->id, kids);
		renumber(kids, k);
		it->newparent = par->id;
		it->newpos = (long)k;
		for (i = idx + 1; i < n; i++)
			sib[i]->newpos--;
	} else if (strcmp(dir, "outdent") == 0 && it->parent != 0 &&
	    (par = find(&m, it->parent)) != NULL) {
		k = children(&m, par->parent, kids);
		renumber(kids, k);
		for (i = 0; i < k; i++)
			if (kids[i]->newpos > par->newpos)
				kids[i]->newpos++;
		for (i = idx + 1; i < n; i++)
			sib[i]->newpos--;
		it->newparent = par->parent;
		it->newpos = par->newpos + 1;
	} else {
		admin_error(a, 400, "This menu item cannot move that way.");
		return;
	}
	if (db_begin(r->db) != FOLIO_OK)
		goto fail;
	for (i = 0; i < m.n; i++) {
		if (m.v[i].newparent == m.v[i].parent &&
		    m.v[i].newpos == m.v[i].pos)
			continue;
		st = db_stmt(r->db, sql_move);
		if (!db_bind_int(st, 1, m.v[i].id) ||
		    (m.v[i].newparent ? !db_bind_int(st, 2,
		    m.v[i].newparent) : sqlite3_bind_null(st, 2) !=
		    SQLITE_OK) || !db_bind_int(st, 3, m.v[i].newpos)) {
			db_done(st);
			goto fail;
		}
		if (db_run(a->r->db, st, "menu move") != 0)
			goto fail;
	}
	if (db_commit(r->db) != FOLIO_OK)
		goto fail;
	admin_redirect(a, "/admin/menu/?saved=1");
	return;
fail:
	db_rollback(r->db);
	admin_error(a, 500, "The menu could not be changed; nothing was "
	    "changed.");
}

/* Add "id" and every item under it to out (from *n); their count. */
static void
branch(struct menu *m, int64_t id, struct item **out, size_t *n, int guard)
{
	size_t	 i;

	if (guard > 64)
		return;
	for (i = 0; i < m->n; i++)
		if (m->v[i].id == id) {
			out[(*n)++] = &m->v[i];
			break;
		}
	for (i = 0; i < m->n; i++)
		if (m->v[i].newparent == id)
			branch(m, m->v[i].id, out, n, guard + 1);
}

/*
 * Remove an item: with sub-items only once confirmed (the form's
 * confirm=1; GET and an unconfirmed POST show what would go). The items
 * are kept for one undo (REMOVED above).
 */
void
admin_menu_delete(struct admin *a)
{
	struct req	*r = a->r;
	struct menu	 m;
	struct item	*it, **gone;
	struct tvars	*row;
	sqlite3_stmt	*st;
	size_t		 n = 0, i;

	if ((it = item_open(a, &m)) == NULL)
		return;
	gone = arena_calloc(r->arena, m.n + 1, sizeof(*gone));
	branch(&m, it->id, gone, &n, 0);
	if (a->method != AM_POST || (n > 1 &&
	    strcmp(admin_input(a, "confirm"), "1") != 0)) {
		tvars_set_int(r->vars, "item_id", it->id);
		tvars_set(r->vars, "label", it->label);
		tvars_set_int(r->vars, "under", (long long)(n - 1));
		tvars_set_int(r->vars, "total", (long long)n);
		for (i = 1; i < n; i++) {
			row = tvars_add_row(r->vars, "branch");
			tvars_set(row, "label", gone[i]->label);
		}
		a->tmpl = AT_MENU_DELETE;
		return;
	}
	if (db_begin(r->db) != FOLIO_OK)
		goto fail;
	st = db_stmt(r->db, sql_purge);
	if (db_run(r->db, st, "menu purge") != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		st = db_stmt(r->db, sql_remove);
		if (!db_bind_int(st, 1, gone[i]->id)) {
			db_done(st);
			goto fail;
		}
		if (db_run(r->db, st, "menu remove") != 0)
			goto fail;
	}
	if (db_commit(r->db) != FOLIO_OK)
		goto fail;
	admin_redirect(a, "/admin/menu/?removed=1");
	return;
fail:
	db_rollback(r->db);
	admin_error(a, 500, "The menu item could not be removed; nothing "
	    "was changed.");
}

/*
 * Undo the last removal: the branch goes back where it was, under its
 * parent if that is still in the menu and deep enough room is left
 * there, else at the end of the top level.
 */
void
admin_menu_undo(struct admin *a)
{
	struct req	*r = a->r;
	struct menu	 m, gone;
	struct item	*top, *par;
	sqlite3_stmt	*st;
	int64_t		 parent;
	long		 pos;
	size_t		 i;

	if (admin_require(a, ROLE_ADMIN) != 0)
		return;
	if (menu_load(a, &m, "primary") != 0 ||
	    menu_load(a, &gone, REMOVED) != 0) {
		admin_error(a, 500, "The menu could not be read.");
		return;
	}
	top = removed_top(&gone);
	if (top == NULL) {
		admin_error(a, 409, "There is no removal to undo.");
		return;
	}
	parent = top->parent;
	pos = top->pos;
	par = parent != 0 ? find(&m, parent) : NULL;
	if (parent != 0 && (par == NULL || depth_of(&m, par) + 1 +
	    height(&gone, top->id, 0) > MENU_LEVELS)) {
		/* Its place is gone: last at the top level. */
		parent = 0;
		pos = 0;
		for (i = 0; i < m.n; i++)
			if (m.v[i].parent == 0 && m.v[i].pos >= pos)
				pos = m.v[i].pos + 1;
	}
	if (db_begin(r->db) != FOLIO_OK)
		goto fail;
	st = db_stmt(r->db, sql_restore_room);
	if (!db_bind_id(st, 1, parent) || !db_bind_int(st, 2, pos)) {
		db_done(st);
		goto fail;
	}
	if (db_run(r->db, st, "menu restore room") != 0)
		goto fail;
	st = db_stmt(r->db, sql_restore_top);
	if (!db_bind_int(st, 1, top->id) || !db_bind_id(st, 2, parent) ||
	    !db_bind_int(st, 3, pos)) {
		db_done(st);
		goto fail;
	}
	if (db_run(r->db, st, "menu restore top") != 0)
		goto fail;
	st = db_stmt(r->db, sql_restore);
	if (db_run(r->db, st, "menu restore") != 0 ||
	    db_commit(r->db) != FOLIO_OK)
		goto fail;
	admin_redirect(a, "/admin/menu/?restored=1");
	return;
fail:
	db_rollback(r->db);
	admin_error(a, 500, "The removal could not be undone; nothing was "
	    "changed.");
}
