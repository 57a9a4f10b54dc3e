/*
 * tag.c -- tags for the public pages (a tag by its slug, a post's tags,
 * a list page's tags in one query) and for the editor (the names an
 * author typed, checked; a post's tags replaced). Listing a tag's posts
 * is page_list.c's and page_feed.c's job; renaming and deleting tags is
 * admin_tag.c's; the importer (import.c) writes its own.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "db.h"
#include "req.h"
#include "slug.h"
#include "tag.h"
#include "tmpl.h"
#include "url.h"

static const char sql_tag_by_slug[] =
	"SELECT id, slug, name, description FROM tag WHERE slug = ?1";

static const char sql_post_tags[] =
	"SELECT t.slug, t.name FROM post_tag pt JOIN tag t "
	"ON t.id = pt.tag_id WHERE pt.post_id = ?1 "
	"ORDER BY t.name COLLATE NOCASE, t.id";

/* One query for a whole list page: ?1 is a JSON array of post ids. */
static const char sql_list_tags[] =
	"SELECT pt.post_id, t.slug, t.name FROM post_tag pt JOIN tag t "
	"ON t.id = pt.tag_id WHERE pt.post_id IN "
	"(SELECT value FROM json_each(?1)) "
	"ORDER BY pt.post_id, t.name COLLATE NOCASE, t.id";

/*
 * A name as typed matches a tag's whatever its ASCII case, and whatever
 * spaces an imported name carries around it or inside (TAG_NAME_SQL).
 * Tags are few enough per site (thousands) that this scan, done only
 * when saving, needs no index.
 */
static const char sql_tag_by_name[] =
	"SELECT id, slug, name FROM tag WHERE " TAG_NAME_SQL("name")
	" = ?1 COLLATE NOCASE ORDER BY id LIMIT 1";
static const char sql_tag_slug_taken[] =
	"SELECT 1 FROM tag WHERE slug = ?1";
static const char sql_tag_insert[] =
	"INSERT INTO tag (slug, name) VALUES (?1, ?2)";
static const char sql_post_tags_clear[] =
	"DELETE FROM post_tag WHERE post_id = ?1";
static const char sql_post_tag_add[] =
	"INSERT OR IGNORE INTO post_tag (post_id, tag_id) VALUES (?1, ?2)";

enum folio_err
tag_by_slug(struct req *r, const char *slug, struct tag *t)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql_tag_by_slug);
	enum folio_err	 rc = FOLIO_ERR_DB;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC) != SQLITE_OK) {
		db_log(r->db, "tag bind");
		goto out;
	}
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		t->id = sqlite3_column_int64(st, 0);
		t->slug = db_text(r->arena, st, 1);
		t->name = db_text(r->arena, st, 2);
		t->description = db_text(r->arena, st, 3);
		t->url = url_tag(r->arena, t->slug);
		rc = FOLIO_OK;
		break;
	case SQLITE_DONE:
		rc = FOLIO_ERR_NOTFOUND;
		break;
	default:
		db_log(r->db, "tag");
	}
out:
	db_done(st);
	return rc;
}

enum folio_err
tag_post_vars(struct req *r, struct tvars *v, int64_t post_id)
{
	return tag_list_vars(r, &post_id, &v, 1);
}

enum folio_err
tag_list_vars(struct req *r, const int64_t *ids, struct tvars *const *rows,
    size_t n)
{
	sqlite3_stmt	*st;
	struct buf	 b = BUF_INIT;
	struct tvars	*row;
	const char	*json;
	int64_t		 id;
	size_t		 i;
	int		 step;

	if (n == 0)
		return FOLIO_OK;
	buf_putc(&b, '[');
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_putc(&b, ']');
	json = arena_strndup(r->arena, b.data, b.len);
	buf_free(&b);
	if ((st = db_stmt(r->db, sql_list_tags)) == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC) != SQLITE_OK) {
		db_log(r->db, "list tags bind");
		db_done(st);
		return FOLIO_ERR_DB;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		for (i = 0; i < n && ids[i] != id; i++)
			continue;
		if (i == n)
			continue;
		row = tvars_add_row(rows[i], "post_tags");
		tvars_set(row, "url", url_tag(r->arena, db_text(r->arena, st, 1)));
		tvars_set(row, "name", db_text(r->arena, st, 2));
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "list tags");
		return FOLIO_ERR_DB;
	}
	return FOLIO_OK;
}

/* ------------------------------------------------------------ editor */

/* strcasecmp() in the C locale, whatever the process's locale is. */
static int
ascii_casecmp(const char *a, const char *b)
{
	unsigned char	 x, y;

	for (;; a++, b++) {
		x = (unsigned char)*a;
		y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y || x == '\0')
			return (int)x - (int)y;
	}
}

/* 1 if s[0..len) holds a C0 or C1 control character or DEL. */
static int
has_control(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < len; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			return 1;
		/* U+0080..U+009F are C2 80..C2 9F in UTF-8. */
		if (u[i] == 0xc2 && i + 1 < len && u[i + 1] >= 0x80 &&
		    u[i + 1] <= 0x9f)
			return 1;
	}
	return 0;
}

enum tag_parse
tag_names_parse(struct arena *a, const char *list, const char ***names,
    size_t *n, const char **bad)
{
	const char	**out;
	const char	 *p = list, *seg, *q, *end;
	char		  tmp[TAG_NAME_MAX * 4 + 1];	/* UTF-8: 4 a char */
	size_t		  len, chars, k;
	int		  gap;

	out = arena_calloc(a, TAG_POST_MAX + 1, sizeof(*out));
	*names = out;
	*n = 0;
	if (bad != NULL)
		*bad = NULL;
	while (*p != '\0') {
		seg = p;
		end = seg + strcspn(seg, ",");
		p = *end == ',' ? end + 1 : end;
		if (bad != NULL)
			*bad = seg;
		if (has_control(seg, (size_t)(end - seg)))
			return TAG_PARSE_CONTROL;
		/* Count first, so that a long name costs no copy. */
		while (seg < end && *seg == ' ')
			seg++;
		while (end > seg && end[-1] == ' ')
			end--;
		chars = 0;
		for (q = seg, gap = 0; q < end; q++) {
			if (*q == ' ') {
				gap = 1;
				continue;
			}
			if (gap)
				chars++;
			gap = 0;
			if (((unsigned char)*q & 0xc0) != 0x80)
				chars++;
		}
		if (chars == 0)
			continue;
		if (chars > TAG_NAME_MAX)
			return TAG_PARSE_LONG;
		/* chars <= TAG_NAME_MAX, so at most 4 bytes each fit. */
		for (q = seg, len = 0, gap = 0; q < end; q++) {
			if (*q == ' ') {
				gap = 1;
				continue;
			}
			if (gap)
				tmp[len++] = ' ';
			gap = 0;
			tmp[len++] = *q;
		}
		tmp[len] = '\0';
		for (k = 0; k < *n; k++)
			if (ascii_casecmp(out[k], tmp) == 0)
				break;
		if (k < *n)
			continue;	/* a duplicate: the first spelling stays */
		if (*n == TAG_POST_MAX)
			return TAG_PARSE_MANY;
		out[(*n)++] = arena_strndup(a, tmp, len);
	}
	if (bad != NULL)
		*bad = NULL;
	return TAG_PARSE_OK;
}

const char *
tag_parse_message(enum tag_parse e)
{
	switch (e) {
	case TAG_PARSE_CONTROL:
		return "Tags cannot contain control characters such as tabs "
		    "or line breaks.";
	case TAG_PARSE_LONG:
		return "A tag can have at most 60 characters.";
	case TAG_PARSE_MANY:
		return "A post can have at most 20 tags.";
	default:
		return "";
	}
}

const char *
tag_post_names(struct req *r, int64_t post_id)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql_post_tags);
	struct buf	 b = BUF_INIT;
	const char	*s;
	int		 step;

	if (st == NULL)
		return NULL;
	if (sqlite3_bind_int64(st, 1, post_id) != SQLITE_OK) {
		db_log(r->db, "post tag names bind");
		db_done(st);
		return NULL;
	}
	buf_puts(&b, "");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, db_text(r->arena, st, 1));
	}
	db_done(st);
	s = step == SQLITE_DONE ? arena_strndup(r->arena, b.data, b.len) :
	    NULL;
	buf_free(&b);
	if (s == NULL)
		db_log(r->db, "post tag names");
	return s;
}

/*
 * The tag named "name" (ASCII case ignored): FOLIO_OK with *id (and
 * *slug, *stored in the arena when not NULL), FOLIO_ERR_NOTFOUND, or
 * FOLIO_ERR_DB (logged).
 */
static enum folio_err
tag_find_name(struct req *r, const char *name, int64_t *id,
    const char **slug, const char **stored)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql_tag_by_name);
	enum folio_err	 rc = FOLIO_ERR_DB;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK) {
		db_log(r->db, "tag by name bind");
		goto out;
	}
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		*id = sqlite3_column_int64(st, 0);
		if (slug != NULL)
			*slug = db_text(r->arena, st, 1);
		if (stored != NULL)
			*stored = db_text(r->arena, st, 2);
		rc = FOLIO_OK;
		break;
	case SQLITE_DONE:
		rc = FOLIO_ERR_NOTFOUND;
		break;
	default:
		db_log(r->db, "tag by name");
	}
out:
	db_done(st);
	return rc;
}

/* A new tag named "name" with a free slug; its id in *id. */
static enum folio_err
tag_create(struct req *r, const char *name, int64_t *id)
{
	sqlite3_stmt	*st;
	const char	*slug;

	if ((slug = slug_unique(r->arena, r->db, slug_from_title(r->arena,
	    name), sql_tag_slug_taken, 0, NULL)) == NULL)
		return FOLIO_ERR_DB;
	if ((st = db_stmt(r->db, sql_tag_insert)) == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		db_log(r->db, "tag insert");
		db_done(st);
		return FOLIO_ERR_DB;
	}
	db_done(st);
	*id = sqlite3_last_insert_rowid(r->db);
	return FOLIO_OK;
}

/* Run a statement on (post_id, tag_id or nothing) that returns no row. */
static enum folio_err
exec_ids(struct req *r, const char *sql, int64_t a, int64_t b, int nb,
    const char *what)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql);
	int		 step;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (sqlite3_bind_int64(st, 1, a) != SQLITE_OK ||
	    (nb == 2 && sqlite3_bind_int64(st, 2, b) != SQLITE_OK)) {
		db_log(r->db, what);
		db_done(st);
		return FOLIO_ERR_DB;
	}
	step = sqlite3_step(st);
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, what);
		return FOLIO_ERR_DB;
	}
	return FOLIO_OK;
}

enum folio_err
tag_post_store(struct req *r, int64_t post_id, const char *const *names,
    size_t n)
{
	enum folio_err	 rc;
	int64_t		 id;
	size_t		 i;

	if (exec_ids(r, sql_post_tags_clear, post_id, 0, 1,
	    "post tags clear") != FOLIO_OK)
		return FOLIO_ERR_DB;
	for (i = 0; i < n; i++) {
		rc = tag_find_name(r, names[i], &id, NULL, NULL);
		if (rc == FOLIO_ERR_NOTFOUND)
			rc = tag_create(r, names[i], &id);
		if (rc != FOLIO_OK ||
		    exec_ids(r, sql_post_tag_add, post_id, id, 2,
		    "post tag add") != FOLIO_OK)
			return FOLIO_ERR_DB;
	}
	return FOLIO_OK;
}

struct named_link {
	const char	*name, *url;
};

static int
named_link_cmp(const void *a, const void *b)
{
	const struct named_link	*x = a, *y = b;

	return ascii_casecmp(x->name, y->name);
}

enum folio_err
tag_names_vars(struct req *r, struct tvars *v, const char *const *names,
    size_t n)
{
	struct named_link	*l;
	struct tvars		*row;
	const char		*slug, *stored;
	enum folio_err		 rc;
	int64_t			 id;
	size_t			 i;

	if (n == 0)
		return FOLIO_OK;
	l = arena_calloc(r->arena, n, sizeof(*l));
	for (i = 0; i < n; i++) {
		rc = tag_find_name(r, names[i], &id, &slug, &stored);
		if (rc == FOLIO_ERR_NOTFOUND) {
			slug = slug_from_title(r->arena, names[i]);
			stored = names[i];
		} else if (rc != FOLIO_OK)
			return rc;
		l[i].name = stored;
		l[i].url = url_tag(r->arena, slug);
	}
	qsort(l, n, sizeof(*l), named_link_cmp);
	for (i = 0; i < n; i++) {
		row = tvars_add_row(v, "post_tags");
		tvars_set(row, "url", l[i].url);
		tvars_set(row, "name", l[i].name);
	}
	return FOLIO_OK;
}
