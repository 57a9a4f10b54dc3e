/*
 * admin_tag.c -- tags (editors and admins): a list with post counts,
 * rename (name, slug, description) and delete. Tags are made by the
 * post editor (tag.c) as authors type them, so there is no "new tag"
 * form. A slug is unique among tags; a name is unique ignoring ASCII
 * case, as the editor matches names that way; a name has no comma, as
 * the editor separates names with them. Deleting a tag takes it off its
 * posts (the foreign key cascades); the posts stay. A changed slug gets
 * no redirect from the old one, as with categories.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "admin.h"
#include "db.h"
#include "req.h"
#include "slug.h"
#include "tag.h"
#include "tmpl.h"
#include "url.h"

#define TAGS_PER_PAGE	50
#define DESCRIPTION_MAX	2000	/* characters, as for categories */

#define SQL_TAGS_WHERE \
	"WHERE (?1 = '' OR instr(lower(t.name), lower(?1)) > 0) "
static const char sql_tags_count[] =
	"SELECT count(*) FROM tag t " SQL_TAGS_WHERE;
/* Posts of every status carry a tag; count them all (post_tag_by_tag). */
static const char sql_tags[] =
	"SELECT t.id, t.name, t.slug, (SELECT count(*) FROM post_tag pt "
	"WHERE pt.tag_id = t.id) FROM tag t " SQL_TAGS_WHERE
	"ORDER BY t.name COLLATE NOCASE, t.id LIMIT ?2 OFFSET ?3";
static const char sql_tag_get[] =
	"SELECT t.id, t.name, t.slug, t.description, (SELECT count(*) FROM "
	"post_tag pt WHERE pt.tag_id = t.id) FROM tag t WHERE t.id = ?1";
static const char sql_tag_slug_other[] =
	"SELECT 1 FROM tag WHERE slug = ?1 AND id <> ?2";
static const char sql_tag_name_other[] =
	"SELECT 1 FROM tag WHERE " TAG_NAME_SQL("name")
	" = ?1 COLLATE NOCASE AND id <> ?2";
static const char sql_tag_update[] =
	"UPDATE tag SET name = ?1, slug = ?2, description = ?3 WHERE id = ?4";
static const char sql_tag_delete[] =
	"DELETE FROM tag WHERE id = ?1";

struct tag_row {
	int64_t		 id;
	const char	*name, *slug, *description;
	long		 count;		/* posts carrying it, any status */
};

/* "/admin/tags/?q=..&page=N" with only what is set. */
static char *
list_url(struct admin *a, const char *q, long page)
{
	struct buf	 b = BUF_INIT;
	char		*s;

	buf_puts(&b, "/admin/tags/");
	if (*q != '\0') {
		buf_puts(&b, "?q=");
		url_part(&b, q, strlen(q));
	}
	if (page > 1)
		buf_printf(&b, "%spage=%ld", *q != '\0' ? "&" : "?", page);
	s = arena_strdup(a->r->arena, b.data);
	buf_free(&b);
	return s;
}

void
admin_tags(struct admin *a)
{
	struct req	*r = a->r;
	const char	*q = admin_qs(a, "q");
	const char	*pg = admin_qs(a, "page");
	sqlite3_stmt	*st;
	struct tvars	*row;
	long		 page = 1, total, pages;
	int64_t		 id;
	char		*end;
	int		 step;

	if (admin_require(a, ROLE_EDITOR) != 0)
		return;
	if (*pg != '\0') {
		page = strtol(pg, &end, 10);
		if (*end != '\0' || strlen(pg) > 6 || page < 1)
			page = -1;
	}
	if (page < 1 || strlen(q) > 200) {
		admin_error(a, 400, "That filter is not one the list knows.");
		return;
	}
	if ((st = db_stmt(r->db, sql_tags_count)) == NULL ||
	    !db_bind_text(st, 1, q) || sqlite3_step(st) != SQLITE_ROW) {
		db_log(r->db, "tag count");
		db_done(st);
		admin_error(a, 500, "The tags could not be listed.");
		return;
	}
	total = (long)sqlite3_column_int64(st, 0);
	db_done(st);
	pages = total == 0 ? 1 : (total + TAGS_PER_PAGE - 1) / TAGS_PER_PAGE;
	if (page > pages) {
		admin_error(a, 404, "There is no such page of tags.");
		return;
	}
	if ((st = db_stmt(r->db, sql_tags)) == NULL ||
	    !db_bind_text(st, 1, q) ||
	    !db_bind_int(st, 2, TAGS_PER_PAGE) ||
	    !db_bind_int(st, 3, (page - 1) * TAGS_PER_PAGE)) {
		db_done(st);
		admin_error(a, 500, "The tags could not be listed.");
		return;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		row = tvars_add_row(r->vars, "tags");
		id = sqlite3_column_int64(st, 0);
		tvars_set(row, "edit_url", arena_printf(r->arena,
		    "/admin/tags/%lld/", (long long)id));
		tvars_set(row, "name", db_text(r->arena, st, 1));
		tvars_set(row, "slug", db_text(r->arena, st, 2));
		tvars_set(row, "url", url_tag(r->arena,
		    db_text(r->arena, st, 2)));
		tvars_set_int(row, "count", sqlite3_column_int64(st, 3));
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "tag list");
		admin_error(a, 500, "The tags could not be listed.");
		return;
	}
	tvars_set(r->vars, "q", q);
	tvars_set_int(r->vars, "total", total);
	tvars_set_int(r->vars, "page_number", page);
	tvars_set_int(r->vars, "page_count", pages);
	if (page > 1)
		tvars_set(r->vars, "newer_url", list_url(a, q, page - 1));
	if (page < pages)
		tvars_set(r->vars, "older_url", list_url(a, q, page + 1));
	if (strcmp(admin_qs(a, "deleted"), "1") == 0)
		tvars_set(r->vars, "message", "The tag was deleted; its posts "
		    "stay, without it.");
	else if (strcmp(admin_qs(a, "saved"), "1") == 0)
		tvars_set(r->vars, "message", "The tag was saved.");
	a->tmpl = AT_TAGS;
}

/*
 * Load tag a->id into t. On failure the error page is set and -1
 * returned.
 */
static int
tag_load(struct admin *a, struct tag_row *t)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql_tag_get);
	int		 step;

	if (st == NULL || !db_bind_int(st, 1, a->id)) {
		db_done(st);
		admin_error(a, 500, "The tag could not be read.");
		return -1;
	}
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		db_done(st);
		if (step == SQLITE_DONE)
			admin_error(a, 404, "There is no such tag.");
		else {
			db_log(a->r->db, "tag get");
			admin_error(a, 500, "The tag could not be read.");
		}
		return -1;
	}
	t->id = sqlite3_column_int64(st, 0);
	t->name = db_text(a->r->arena, st, 1);
	t->slug = db_text(a->r->arena, st, 2);
	t->description = db_text(a->r->arena, st, 3);
	t->count = (long)sqlite3_column_int64(st, 4);
	db_done(st);
	return 0;
}

static void
form_vars(struct admin *a, const struct tag_row *t, const char *name,
    const char *slug, const char *desc)
{
	struct req	*r = a->r;

	tvars_set(r->vars, "name", name);
	tvars_set(r->vars, "slug", slug);
	tvars_set(r->vars, "description", desc);
	tvars_set_int(r->vars, "tag_id", t->id);
	tvars_set_int(r->vars, "count", t->count);
	tvars_set(r->vars, "public_url", url_tag(r->arena, t->slug));
	tvars_set(r->vars, "form_url", arena_printf(r->arena,
	    "/admin/tags/%lld/", (long long)t->id));
	a->tmpl = AT_TAG_EDIT;
}

/* 1 if sql (?1 text, ?2 this tag's id) finds a row, 0 if not, -1. */
static int
other_has(struct admin *a, const char *sql, const char *value, int64_t id)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql);

	if (!db_bind_text(st, 1, value) || !db_bind_int(st, 2, id)) {
		db_done(st);
		return -1;
	}
	return db_exists(a->r->db, st, "tag check");
}

static void
save(struct admin *a, const struct tag_row *t)
{
	struct req	*r = a->r;
	const char	*name = admin_input(a, "name");
	const char	*slug = admin_input(a, "slug");
	const char	*desc = admin_input(a, "description");
	const char	**names, *clean = "";
	sqlite3_stmt	*st;
	enum tag_parse	 tp;
	size_t		 n;
	int		 bad = a->invalid, has, step;

	/* The editor's own rules, so the name reads back the same there. */
	tp = tag_names_parse(r->arena, name, &names, &n, NULL);
	if (strchr(name, ',') != NULL) {
		admin_field_error(a, "name", "A tag's name cannot hold a "
		    "comma: the editor separates tags with commas.");
		bad = 1;
	} else if (tp != TAG_PARSE_OK) {
		admin_field_error(a, "name", tag_parse_message(tp));
		bad = 1;
	} else if (n == 0) {
		admin_field_error(a, "name", "A tag needs a name.");
		bad = 1;
	} else {
		clean = names[0];
		if ((has = other_has(a, sql_tag_name_other, clean,
		    t->id)) < 0)
			goto fail;
		if (has) {
			admin_field_error(a, "name", "Another tag already has "
			    "this name.");
			bad = 1;
		}
	}
	if (*slug == '\0' && *clean != '\0')
		slug = slug_from_title(r->arena, clean);
	if (!slug_valid(slug)) {
		admin_field_error(a, "slug", "Use only lowercase letters a-z, "
		    "digits and hyphens, at most 200.");
		bad = 1;
	} else {
		if ((has = other_has(a, sql_tag_slug_other, slug, t->id)) < 0)
			goto fail;
		if (has) {
			admin_field_error(a, "slug", "Another tag already uses "
			    "this slug.");
			bad = 1;
		}
	}
	if (utf8_chars(desc) > DESCRIPTION_MAX) {
		admin_field_error(a, "description", "At most 2000 "
		    "characters.");
		bad = 1;
	}
	if (bad) {
		r->status = 400;
		tvars_set(r->vars, "error_summary", "The tag was not saved: "
		    "please correct the fields marked below.");
		form_vars(a, t, name, admin_input(a, "slug"), desc);
		return;
	}
	st = db_stmt(r->db, sql_tag_update);
	if (!db_bind_text(st, 1, clean) || !db_bind_text(st, 2, slug) ||
	    !db_bind_text(st, 3, desc) || !db_bind_int(st, 4, t->id)) {
		db_done(st);
		goto fail;
	}
	if ((step = db_run(a->r->db, st, "tag save")) != 0) {
		if (step == SQLITE_CONSTRAINT_UNIQUE) {
			/* Taken between our check and the write. */
			r->status = 400;
			admin_field_error(a, "slug", "Another tag already uses "
			    "this slug.");
			form_vars(a, t, name, slug, desc);
			return;
		}
		goto fail;
	}
	admin_redirect(a, "/admin/tags/?saved=1");
	return;
fail:
	admin_error(a, 500, "The tag could not be saved; nothing was "
	    "changed.");
}

void
admin_tag_edit(struct admin *a)
{
	struct tag_row	 t;

	if (admin_require(a, ROLE_EDITOR) != 0 || tag_load(a, &t) != 0)
		return;
	if (a->method == AM_POST)
		save(a, &t);
	else
		form_vars(a, &t, t.name, t.slug, t.description);
}

void
admin_tag_delete(struct admin *a)
{
	struct tag_row	 t;
	sqlite3_stmt	*st;

	if (admin_require(a, ROLE_EDITOR) != 0 || tag_load(a, &t) != 0)
		return;
	/* Its posts lose it (post_tag cascades); they stay themselves. */
	st = db_stmt(a->r->db, sql_tag_delete);
	if (!db_bind_int(st, 1, t.id)) {
		db_done(st);
		admin_error(a, 500, "The tag could not be deleted.");
		return;
	}
	if (db_run(a->r->db, st, "tag delete") != 0) {
		admin_error(a, 500, "The tag could not be deleted.");
		return;
	}
	admin_redirect(a, "/admin/tags/?deleted=1");
}
