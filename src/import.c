/*
 * import.c -- the staged WXR rows (wxr.c) into Folio's tables, inside
 * the caller's transaction: users, categories, tags, posts, pages,
 * attachments, menu items and redirects from old URLs. Items are known
 * by their WordPress ids through import_map, so a second import of the
 * same file finds each one and writes nothing; users, categories and
 * tags are matched by slug, as WordPress's own importer does.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "folio.h"
#include "config.h"
#include "content.h"
#include "date.h"
#include "db.h"
#include "post.h"
#include "req.h"
#include "search.h"
#include "slug.h"
#include "url.h"
#include "wxr.h"

#define USER_SLUG_MAX	64	/* schema.sql's bound on user slugs */
#define UNTITLED	"(no title)"

struct imp {
	sqlite3			*db;
	struct arena		 arena;		/* one item's; reset per item */
	struct arena		 keep;		/* lists over all items */
	struct wxr_report	*rep;
	const struct wxr_options *opt;
	const char		*source;
	int64_t			 fallback_user;
};

static const char sql_temp[] =
	"CREATE TEMP TABLE IF NOT EXISTS wxr_user (login TEXT PRIMARY KEY, "
	" user_id INTEGER NOT NULL);"
	"CREATE TEMP TABLE IF NOT EXISTS wxr_cat (nicename TEXT PRIMARY KEY, "
	" cat_id INTEGER NOT NULL, old_path TEXT NOT NULL);"
	"CREATE TEMP TABLE IF NOT EXISTS wxr_tag (nicename TEXT PRIMARY KEY, "
	" tag_id INTEGER NOT NULL);"
	"CREATE TEMP TABLE IF NOT EXISTS wxr_nav (menu TEXT NOT NULL, "
	" wp_id INTEGER NOT NULL, nav_id INTEGER NOT NULL, "
	" parent_nav INTEGER NOT NULL, PRIMARY KEY (menu, wp_id));"
	"DELETE FROM wxr_user; DELETE FROM wxr_cat; DELETE FROM wxr_tag;"
	"DELETE FROM wxr_nav;"
	/* WXR 1.0 has no nicename attribute: the name stands in. */
	"UPDATE wxr_item_term SET nicename = name WHERE nicename = '';";
static const char sql_temp_drop[] =
	"DROP TABLE IF EXISTS temp.wxr_user; DROP TABLE IF EXISTS temp.wxr_cat;"
	"DROP TABLE IF EXISTS temp.wxr_tag; DROP TABLE IF EXISTS temp.wxr_nav;";

/* Terms used by items but never declared become declared ones. */
static const char sql_undeclared[] =
	"INSERT INTO wxr_term (taxonomy, term_id, slug, parent, name, "
	"description) SELECT ?1, 0, nicename, '', min(name), '' "
	"FROM wxr_item_term WHERE domain = ?1 AND nicename NOT IN "
	"(SELECT slug FROM wxr_term WHERE taxonomy = ?1) GROUP BY nicename";

static const char sql_site_tz[] = "SELECT timezone FROM site WHERE id = 1";
/* A new site takes the old one's name; a named one keeps its own. */
static const char sql_site_name[] =
	"UPDATE site SET title = ?1, tagline = ?2 "
	"WHERE id = 1 AND title = 'Folio' AND tagline = '' AND ?1 <> ''";
static const char sql_map_get[] =
	"SELECT local_id FROM import_map "
	"WHERE source = ?1 AND kind = ?2 AND wp_id = ?3";
static const char sql_map_put[] =
	"INSERT INTO import_map (source, kind, wp_id, local_id) "
	"VALUES (?1, ?2, ?3, ?4)";

static const char sql_authors[] =
	"SELECT login, email, display_name FROM wxr_author ORDER BY rowid";
static const char sql_creators[] =
	"SELECT DISTINCT creator FROM wxr_item WHERE creator <> '' AND "
	"type IN ('post', 'page', 'attachment') AND creator NOT IN "
	"(SELECT login FROM wxr_author) ORDER BY seq";
static const char sql_user_by_slug[] = "SELECT id FROM user WHERE slug = ?1";
static const char sql_user_insert[] =
	"INSERT INTO user (slug, display_name, email, created_at) "
	"VALUES (?1, ?2, ?3, ?4)";
static const char sql_wxr_user_put[] =
	"INSERT OR REPLACE INTO wxr_user (login, user_id) VALUES (?1, ?2)";
static const char sql_wxr_user_get[] =
	"SELECT user_id FROM wxr_user WHERE login = ?1";
static const char sql_first_user[] =
	"SELECT user_id FROM wxr_user ORDER BY rowid LIMIT 1";

/* A term declared twice (wp:category and wp:term) counts once. */
static const char sql_terms[] =
	"SELECT slug, parent, name, description, term_id FROM wxr_term "
	"WHERE seq IN (SELECT min(seq) FROM wxr_term WHERE taxonomy = ?1 "
	"GROUP BY slug) ORDER BY seq";
static const char sql_cat_by_slug[] =
	"SELECT id FROM category WHERE slug = ?1";
static const char sql_cat_insert[] =
	"INSERT INTO category (parent_id, slug, name, description) "
	"VALUES (?1, ?2, ?3, ?4)";
static const char sql_cat_path[] =
	"WITH RECURSIVE up(id, parent_id, path, n) AS ("
	" SELECT id, parent_id, slug, 0 FROM category WHERE id = ?1"
	" UNION ALL SELECT c.id, c.parent_id, c.slug || '/' || up.path, n + 1"
	" FROM category c JOIN up ON c.id = up.parent_id WHERE n < 64) "
	"SELECT path FROM up WHERE parent_id IS NULL";
static const char sql_wxr_cat_put[] =
	"INSERT OR REPLACE INTO wxr_cat (nicename, cat_id, old_path) "
	"VALUES (?1, ?2, ?3)";
static const char sql_wxr_cat_get[] =
	"SELECT cat_id, old_path FROM wxr_cat WHERE nicename = ?1";
static const char sql_cat_by_term[] =
	"SELECT c.cat_id FROM wxr_term t JOIN wxr_cat c ON c.nicename = t.slug "
	"WHERE t.taxonomy = 'category' AND t.term_id = ?1 AND t.term_id <> 0";
static const char sql_tag_by_slug[] = "SELECT id FROM tag WHERE slug = ?1";
static const char sql_tag_insert[] =
	"INSERT INTO tag (slug, name, description) VALUES (?1, ?2, ?3)";
static const char sql_wxr_tag_put[] =
	"INSERT OR REPLACE INTO wxr_tag (nicename, tag_id) VALUES (?1, ?2)";

static const char sql_items[] =
	"SELECT seq, wp_id, title, link, creator, body, excerpt, date, "
	"modified, status, name, password, sticky, parent, menu_order, "
	"attachment_url FROM wxr_item WHERE type = ?1 ORDER BY seq";
static const char sql_item_by_seq[] =
	"SELECT seq, wp_id, title, link, creator, body, excerpt, date, "
	"modified, status, name, password, sticky, parent, menu_order, "
	"attachment_url FROM wxr_item WHERE seq = ?1";
static const char sql_item_tree[] =
	"SELECT seq, wp_id, parent FROM wxr_item WHERE type = 'page' "
	"ORDER BY seq";
static const char sql_post_slug_taken[] =
	"SELECT 1 FROM post WHERE slug = ?1";
static const char sql_post_insert[] =
	"INSERT INTO post (slug, title, body_md, body_html, excerpt, status, "
	"author_id, published_at, updated_at, sticky, body_text) "
	"VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char sql_item_terms[] =
	"SELECT domain, nicename FROM wxr_item_term WHERE seq = ?1";
static const char sql_post_cat[] =
	"INSERT OR IGNORE INTO post_category (post_id, category_id) "
	"SELECT ?1, cat_id FROM wxr_cat WHERE nicename = ?2";
static const char sql_post_tag[] =
	"INSERT OR IGNORE INTO post_tag (post_id, tag_id) "
	"SELECT ?1, tag_id FROM wxr_tag WHERE nicename = ?2";
static const char sql_page_slug_taken[] =
	"SELECT 1 FROM page WHERE coalesce(parent_id, 0) = ?2 AND slug = ?1";
static const char sql_page_insert[] =
	"INSERT INTO page (parent_id, slug, title, body_md, body_html, "
	"excerpt, status, position, author_id, published_at, updated_at, "
	"body_text) "
	"VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_page_path[] =
	"WITH RECURSIVE up(id, parent_id, path, n) AS ("
	" SELECT id, parent_id, slug, 0 FROM page WHERE id = ?1"
	" UNION ALL SELECT p.id, p.parent_id, p.slug || '/' || up.path, n + 1"
	" FROM page p JOIN up ON p.id = up.parent_id WHERE n < 64) "
	"SELECT path FROM up WHERE parent_id IS NULL";
static const char sql_attachment_insert[] =
	"INSERT INTO attachment (title, url, post_id, page_id, uploaded_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5)";

static const char sql_nav_items[] =
	"SELECT i.seq, i.wp_id, i.mi_parent, "
	"(SELECT min(t.nicename) FROM wxr_item_term t WHERE t.seq = i.seq "
	"AND t.domain = 'nav_menu') FROM wxr_item i "
	"WHERE i.type = 'nav_menu_item' ORDER BY i.seq";
static const char sql_nav_item[] =
	"SELECT title, mi_type, mi_object, mi_object_id, mi_url, menu_order "
	"FROM wxr_item WHERE seq = ?1";
static const char sql_wxr_nav_put[] =
	"INSERT OR REPLACE INTO wxr_nav (menu, wp_id, nav_id, parent_nav) "
	"VALUES (?1, ?2, ?3, ?4)";
static const char sql_wxr_nav_get[] =
	"SELECT nav_id, parent_nav FROM wxr_nav WHERE menu = ?1 AND wp_id = ?2";
static const char sql_nav_insert[] =
	"INSERT INTO menu_item (menu, parent_id, position, label, target, "
	"page_id, category_id, post_id, url) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_page_title[] = "SELECT title FROM page WHERE id = ?1";
static const char sql_post_title[] = "SELECT title FROM post WHERE id = ?1";
static const char sql_cat_name[] = "SELECT name FROM category WHERE id = ?1";

static const char sql_redirect_has[] =
	"SELECT 1 FROM redirect WHERE old_path = ?1";
static const char sql_redirect_put[] =
	"INSERT INTO redirect (old_path, new_path, post_id) "
	"VALUES (?1, ?2, ?3)";
static const char sql_media_find[] =
	"SELECT attachment_url, title FROM wxr_item "
	"WHERE type = 'attachment' AND wp_id = ?1 AND attachment_url <> '' "
	"ORDER BY seq LIMIT 1";
static const char sql_media_attached[] =
	"SELECT wp_id FROM wxr_item WHERE type = 'attachment' AND parent = ?1 "
	"AND ?1 <> 0 ORDER BY menu_order, seq LIMIT ?2";
static const char sql_other_types[] =
	"SELECT type, count(*) FROM wxr_item WHERE type NOT IN "
	"('post', 'page', 'attachment', 'nav_menu_item') "
	"GROUP BY type ORDER BY count(*) DESC, type";

static int64_t
map_get(struct imp *m, const char *kind, int64_t wp_id)
{
	return db_get_id(m->db, db_stmt_bind(m->db, sql_map_get, "ssi",
	    m->source, kind, wp_id), "import map");
}

static int
map_put(struct imp *m, const char *kind, int64_t wp_id, int64_t id)
{
	return db_run(m->db, db_stmt_bind(m->db, sql_map_put, "ssii",
	    m->source, kind, wp_id, id), "import map") == SQLITE_OK ? 0 : -1;
}

/* -------------------------------------------------------------- slugs */

/* %-decode s, keeping bad escapes; when not UTF-8, s as it was. */
static char *
pct_decode(struct arena *a, const char *s)
{
	size_t	 len = strlen(s);
	char	*out = arena_alloc(a, len + 1);

	return url_decode(out, s, len, URL_DECODE_NONUL | URL_DECODE_KEEP,
	    NULL) == 0 ? out : arena_strdup(a, s);
}

static int
has_letter(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'a' && *s <= 'z')
			return 1;
	return 0;
}

/*
 * A valid slug for an item: its WordPress slug (decoded) if that fits
 * [a-z0-9-] once lowercased, else one made from it or from the title,
 * else "kind-ID". With "letter" set a slug must have a letter: a
 * top-level page called "2022" would hide that year's archive. At most
 * "max" bytes.
 */
static char *
make_slug(struct imp *m, const char *wp_slug, const char *title,
    const char *kind, int64_t wp_id, size_t max, int letter)
{
	const char	*src[2];
	char		*s;
	size_t		 i, len;

	src[0] = pct_decode(&m->arena, wp_slug);
	src[1] = title;
	for (i = 0; i < 2; i++) {
		if (src[i] == NULL || *src[i] == '\0')
			continue;
		s = slug_from_title(&m->arena, src[i]);
		if (strcmp(s, "untitled") == 0 &&
		    strcasecmp(src[i], "untitled") != 0)
			continue;
		len = strlen(s);
		if (len > max) {
			len = max;
			while (len > 0 && s[len - 1] == '-')
				len--;
			s[len] = '\0';
		}
		if (len > 0 && (!letter || has_letter(s)))
			return s;
	}
	return arena_printf(&m->arena, "%s-%lld", kind, (long long)wp_id);
}

/* A top-level page may not take a path the site routes itself. */
static const char *const top_reserved[] = { "category", "author", "page",
    "feed", "tag", "wp-admin", "admin", NULL };

/* ---------------------------------------------------------- redirects */

/*
 * The decoded path of an old permalink, or NULL when it has none of its
 * own (a ?p=123 link) or could never be requested.
 */
static char *
old_path(struct imp *m, const char *link)
{
	const char	*p = link, *e;
	char		*path;

	if ((e = strstr(p, "://")) != NULL) {
		p = strchr(e + 3, '/');
		if (p == NULL)
			return NULL;
	}
	if (*p != '/' || strchr(p, '?') != NULL)
		return NULL;
	e = strchr(p, '#');
	path = arena_strndup(&m->arena, p, e ? (size_t)(e - p) : strlen(p));
	path = pct_decode(&m->arena, path);
	if (strlen(path) <= 1 || strlen(path) > REQ_PATH_MAX ||
	    strchr(path, '%') != NULL || !utf8_valid(path, strlen(path)))
		return NULL;
	return path;
}

/* Remember old -> new, unless old is new or already redirected. */
static int
redirect_add(struct imp *m, const char *old, const char *new_path,
    int64_t post_id)
{
	int64_t	 has;

	if (old == NULL || (new_path != NULL && strcmp(old, new_path) == 0))
		return 0;
	if ((has = db_get_id(m->db, db_stmt_bind(m->db, sql_redirect_has, "s",
	    old), "redirect")) != 0)
		return has < 0 ? -1 : 0;
	if (db_run(m->db, db_stmt_bind(m->db, sql_redirect_put, "ssI", old,
	    new_path, post_id), "redirect") != SQLITE_OK)
		return -1;
	m->rep->redirects_new++;
	return 0;
}

/* -------------------------------------------------------------- users */

static int
user_for(struct imp *m, const char *login, const char *name,
    const char *email, int undeclared)
{
	char		*slug;
	int64_t		 id;

	slug = make_slug(m, login, name, "author",
	    (int64_t)m->rep->users_new + m->rep->users_existing + 1,
	    USER_SLUG_MAX, 0);
	if ((id = db_get_id(m->db, db_stmt_bind(m->db, sql_user_by_slug, "s",
	    slug), "user")) < 0)
		return -1;
	if (id > 0) {
		if (!undeclared)
			m->rep->users_existing++;
	} else {
		if (*name == '\0')
			name = login;
		if (db_run(m->db, db_stmt_bind(m->db, sql_user_insert, "sssi",
		    slug, name, email, (int64_t)time(NULL)), "user") !=
		    SQLITE_OK)
			return -1;
		id = sqlite3_last_insert_rowid(m->db);
		if (!undeclared)
			m->rep->users_new++;
	}
	if (undeclared)
		m->rep->users_undeclared++;
	if (strcmp(slug, login) != 0 && !undeclared &&
	    redirect_add(m, url_author(&m->arena,
	    pct_decode(&m->arena, login)), url_author(&m->arena, slug), 0) != 0)
		return -1;
	return db_run(m->db, db_stmt_bind(m->db, sql_wxr_user_put, "si", login,
	    id), "user map") == SQLITE_OK ? 0 : -1;
}

static int
import_users(struct imp *m)
{
	sqlite3_stmt	*st;
	int		 rc, err = 0;
	const char	*login;

	/* Declared authors first, then names that only posts give. */
	if ((st = db_stmt(m->db, sql_authors)) == NULL)
		return -1;
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		login = db_text(&m->arena, st, 0);
		err = user_for(m, login, db_text(&m->arena, st, 2),
		    db_text(&m->arena, st, 1), 0);
	}
	db_done(st);
	if (err)
		return -1;
	if ((st = db_stmt(m->db, sql_creators)) == NULL)
		return -1;
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		login = db_text(&m->arena, st, 0);
		err = user_for(m, login, login, "", 1);
	}
	db_done(st);
	if (err)
		return -1;
	/* Items with no author at all get the first declared one. */
	m->fallback_user = db_get_id(m->db, db_stmt_bind(m->db, sql_first_user,
	    ""), "user");
	return m->fallback_user < 0 ? -1 : 0;
}

/* The user for a dc:creator; -1 on error. */
static int64_t
author_of(struct imp *m, const char *creator)
{
	int64_t	 id = db_get_id(m->db, db_stmt_bind(m->db, sql_wxr_user_get,
		    "s", creator), "user");

	if (id != 0)
		return id;
	/* No author declared or named: one made up, once. */
	if (m->fallback_user == 0 &&
	    (user_for(m, "wordpress", "WordPress", "", 0) != 0 ||
	    (m->fallback_user = db_get_id(m->db, db_stmt_bind(m->db,
	    sql_wxr_user_get, "s", "wordpress"), "user")) <= 0))
		return -1;
	return m->fallback_user;
}

/* --------------------------------------------------------- categories */

struct term {
	const char	*slug, *parent, *name, *desc;
	int64_t		 term_id;
	int		 done;
};

static struct term *
load_terms(struct imp *m, const char *taxonomy, size_t *np)
{
	sqlite3_stmt	*st;
	struct term	*t = NULL, *grown;
	size_t		 n = 0, cap = 0;
	int		 rc;

	if ((st = db_stmt_bind(m->db, sql_terms, "s", taxonomy)) == NULL)
		return NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = arena_calloc(&m->keep, cap, sizeof(*t));
			if (n)
				memcpy(grown, t, n * sizeof(*t));
			t = grown;
		}
		t[n].slug = db_text(&m->keep, st, 0);
		t[n].parent = db_text(&m->keep, st, 1);
		t[n].name = db_text(&m->keep, st, 2);
		t[n].desc = db_text(&m->keep, st, 3);
		t[n].term_id = sqlite3_column_int64(st, 4);
		t[n].done = 0;
		n++;
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_log(m->db, "terms");
		return NULL;
	}
	*np = n;
	return t != NULL ? t : arena_calloc(&m->keep, 1, sizeof(*t));
}

static int
declared(const struct term *t, size_t n, const char *slug)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].slug, slug) == 0)
			return 1;
	return 0;
}

static int
cat_add(struct imp *m, struct term *t, int64_t parent_id,
    const char *parent_old)
{
	sqlite3_stmt	*st;
	char		*slug, *old, *now;
	const char	*name = *t->name ? t->name : pct_decode(&m->arena,
			    t->slug);
	int64_t		 id;

	slug = make_slug(m, t->slug, name, "category", t->term_id, SLUG_MAX,
	    0);
	if (*name == '\0')
		name = slug;
	if ((id = db_get_id(m->db, db_stmt_bind(m->db, sql_cat_by_slug, "s",
	    slug), "category")) < 0)
		return -1;
	if (id > 0)
		m->rep->cats_existing++;
	else {
		if (db_run(m->db, db_stmt_bind(m->db, sql_cat_insert, "Isss",
		    parent_id, slug, name, t->desc), "category") != SQLITE_OK)
			return -1;
		id = sqlite3_last_insert_rowid(m->db);
		m->rep->cats_new++;
		if (strcmp(slug, t->slug) != 0)
			m->rep->renamed++;
	}
	old = url_child(&m->arena, parent_old,
	    pct_decode(&m->arena, t->slug));
	if ((now = db_get_text(m->db, &m->arena, db_stmt_bind(m->db,
	    sql_cat_path, "i", id), "category path")) == NULL)
		return -1;
	now = url_category(&m->arena, now);
	if (redirect_add(m, old_path(m, old), now, 0) != 0)
		return -1;
	st = db_stmt_bind(m->db, sql_wxr_cat_put, "sis", t->slug, id, old);
	t->done = 1;
	return db_run(m->db, st, "category map") == SQLITE_OK ? 0 : -1;
}

static int
import_categories(struct imp *m)
{
	struct term	*t;
	sqlite3_stmt	*st;
	size_t		 n, i, left;
	int		 progress, force = 0, rc;
	int64_t		 parent_id;
	const char	*parent_old;

	if (db_run(m->db, db_stmt_bind(m->db, sql_undeclared, "s", "category"),
	    "categories") != SQLITE_OK)
		return -1;
	m->rep->cats_undeclared = sqlite3_changes(m->db);
	if ((t = load_terms(m, "category", &n)) == NULL)
		return -1;
	/* Parents first: pass over the list until nothing moves. */
	for (left = n; left > 0; ) {
		progress = 0;
		for (i = 0; i < n; i++) {
			if (t[i].done)
				continue;
			arena_reset(&m->arena);
			parent_id = 0;
			parent_old = url_category(&m->arena, "");
			if (*t[i].parent != '\0' && !force &&
			    declared(t, n, t[i].parent)) {
				if ((st = db_stmt_bind(m->db, sql_wxr_cat_get,
				    "s", t[i].parent)) == NULL)
					return -1;
				rc = sqlite3_step(st);
				if (rc == SQLITE_ROW) {
					parent_id = sqlite3_column_int64(st, 0);
					parent_old = db_text(&m->arena, st, 1);
				}
				db_done(st);
				if (rc != SQLITE_ROW)
					continue;	/* not yet */
			} else if (*t[i].parent != '\0')
				m->rep->orphans++;
			if (cat_add(m, &t[i], parent_id, parent_old) != 0)
				return -1;
			left--;
			progress = 1;
		}
		force = !progress;	/* a cycle: break it at the top */
	}
	return 0;
}

static int
import_tags(struct imp *m)
{
	struct term	*t;
	size_t		 n, i;
	char		*slug;
	const char	*name;
	int64_t		 id;

	if (db_run(m->db, db_stmt_bind(m->db, sql_undeclared, "s", "post_tag"),
	    "tags") != SQLITE_OK)
		return -1;
	m->rep->tags_undeclared = sqlite3_changes(m->db);
	if ((t = load_terms(m, "post_tag", &n)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		arena_reset(&m->arena);
		name = *t[i].name ? t[i].name : pct_decode(&m->arena,
		    t[i].slug);
		slug = make_slug(m, t[i].slug, name, "tag", t[i].term_id,
		    SLUG_MAX, 0);
		if (*name == '\0')
			name = slug;
		if ((id = db_get_id(m->db, db_stmt_bind(m->db, sql_tag_by_slug,
		    "s", slug), "tag")) < 0)
			return -1;
		if (id > 0)
			m->rep->tags_existing++;
		else {
			if (db_run(m->db, db_stmt_bind(m->db, sql_tag_insert,
			    "sss", slug, name, t[i].desc), "tag") != SQLITE_OK)
				return -1;
			id = sqlite3_last_insert_rowid(m->db);
			m->rep->tags_new++;
		}
		if (db_run(m->db, db_stmt_bind(m->db, sql_wxr_tag_put, "si",
		    t[i].slug, id), "tag map") != SQLITE_OK)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------ posts, pages */

struct item {
	int64_t		 seq, wp_id, parent, menu_order;
	const char	*title, *link, *creator, *body, *excerpt;
	const char	*status, *name, *attachment_url;
	int64_t		 date, modified;
	int		 password, sticky;
};

static void
item_read(struct imp *m, sqlite3_stmt *st, struct item *it)
{
	it->seq = sqlite3_column_int64(st, 0);
	it->wp_id = sqlite3_column_int64(st, 1);
	it->title = db_text(&m->arena, st, 2);
	it->link = db_text(&m->arena, st, 3);
	it->creator = db_text(&m->arena, st, 4);
	it->body = db_text(&m->arena, st, 5);
	it->excerpt = db_text(&m->arena, st, 6);
	it->date = sqlite3_column_int64(st, 7);
	it->modified = sqlite3_column_int64(st, 8);
	it->status = db_text(&m->arena, st, 9);
	it->name = db_text(&m->arena, st, 10);
	it->password = sqlite3_column_int(st, 11);
	it->sticky = sqlite3_column_int(st, 12);
	it->parent = sqlite3_column_int64(st, 13);
	it->menu_order = sqlite3_column_int64(st, 14);
	it->attachment_url = db_text(&m->arena, st, 15);
}

/* The export's attachments, for [gallery]: see content.h. */
struct media_arg {
	struct imp	*m;
	int64_t		 wp_id;		/* of the item being cleaned */
};

static const char *
media_find(void *arg, long long id, const char **title)
{
	struct media_arg	*a = arg;
	sqlite3_stmt		*st;
	const char		*url = NULL;

	if ((st = db_stmt_bind(a->m->db, sql_media_find, "i", (int64_t)id)) ==
	    NULL)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		url = db_text(&a->m->arena, st, 0);
		*title = db_text(&a->m->arena, st, 1);
	}
	db_done(st);
	return url;
}

static size_t
media_attached(void *arg, long long *ids, size_t n)
{
	struct media_arg	*a = arg;
	sqlite3_stmt		*st;
	size_t			 got = 0;

	if ((st = db_stmt_bind(a->m->db, sql_media_attached, "ii", a->wp_id,
	    (int64_t)n)) == NULL)
		return 0;
	while (got < n && sqlite3_step(st) == SQLITE_ROW)
		ids[got++] = sqlite3_column_int64(st, 0);
	db_done(st);
	return got;
}

/* The item's body as Folio keeps it: cleaned HTML, in the arena. */
static const char *
clean_body(struct imp *m, const struct item *it)
{
	struct media_arg	 a = { m, it->wp_id };
	struct content_media	 media = { media_find, media_attached, &a };
	struct buf		 b = BUF_INIT;
	char			*s;

	content_from_wordpress(&b, it->body, strlen(it->body), &media);
	s = arena_strndup(&m->arena, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

/* Folio's status for a WordPress one, counted; NULL: not imported. */
static const char *
status_of(struct imp *m, const struct item *it, time_t now)
{
	const char	*s = it->status;

	if (strcmp(s, "publish") == 0 || strcmp(s, "future") == 0) {
		if (it->password) {
			m->rep->protected_++;
			m->rep->private_++;
			return "private";
		}
		if (it->date > (int64_t)now)
			m->rep->scheduled++;
		else
			m->rep->published++;
		return "published";
	}
	if (strcmp(s, "draft") == 0) {
		m->rep->drafts++;
		return "draft";
	}
	if (strcmp(s, "pending") == 0) {
		m->rep->pending++;
		return "pending";
	}
	if (strcmp(s, "private") == 0) {
		m->rep->private_++;
		return "private";
	}
	m->rep->skipped_status++;
	return NULL;
}

static const char *
title_of(struct imp *m, const struct item *it)
{
	if (*it->title != '\0')
		return it->title;
	m->rep->untitled++;
	return UNTITLED;
}

static int
post_terms(struct imp *m, int64_t post_id, int64_t seq)
{
	sqlite3_stmt	*st, *w;
	const char	*domain, *nicename;
	int		 rc, err = 0;

	if ((st = db_stmt_bind(m->db, sql_item_terms, "i", seq)) == NULL)
		return -1;
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		domain = (const char *)sqlite3_column_text(st, 0);
		nicename = (const char *)sqlite3_column_text(st, 1);
		if (strcmp(domain, "category") == 0)
			w = db_stmt_bind(m->db, sql_post_cat, "is", post_id,
			    nicename);
		else if (strcmp(domain, "post_tag") == 0)
			w = db_stmt_bind(m->db, sql_post_tag, "is", post_id,
			    nicename);
		else
			continue;
		err = db_run(m->db, w, "post terms") != SQLITE_OK;
		if (!err)
			m->rep->post_links += sqlite3_changes(m->db);
	}
	db_done(st);
	return err ? -1 : 0;
}

static int
post_add(struct imp *m, const struct item *it, time_t now)
{
	const char	*status, *title, *body, *slug;
	char		*old;
	int64_t		 id;

	if ((id = map_get(m, "post", it->wp_id)) != 0) {
		if (id > 0)
			m->rep->already++;
		return id < 0 ? -1 : 0;
	}
	if ((status = status_of(m, it, now)) == NULL)
		return 0;
	title = title_of(m, it);
	slug = make_slug(m, it->name, it->title, "post", it->wp_id, SLUG_MAX,
	    0);
	if ((slug = slug_unique(&m->arena, m->db, slug, sql_post_slug_taken,
	    0, NULL)) == NULL)
		return -1;
	if (strcmp(slug, it->name) != 0)
		m->rep->renamed++;
	body = clean_body(m, it);
	/* The text to index, so the triggers need not strip tags in SQL. */
	if (db_run(m->db, db_stmt_bind(m->db, sql_post_insert, "sssssiiiis",
	    slug, title, body, it->excerpt, status, author_of(m, it->creator),
	    it->date, it->modified, (int64_t)(it->sticky != 0),
	    search_text_arena(&m->arena, body)), "post") != SQLITE_OK)
		return -1;
	id = sqlite3_last_insert_rowid(m->db);
	m->rep->posts_new++;
	if (map_put(m, "post", it->wp_id, id) != 0 ||
	    post_terms(m, id, it->seq) != 0)
		return -1;
	/* The new permalink is the post's date and slug; the old one, if
	 * it differs, answers with a redirect to wherever that is now. */
	if ((old = old_path(m, it->link)) == NULL ||
	    strcmp(old, url_post(&m->arena, (time_t)it->date, slug)) == 0)
		return 0;
	return redirect_add(m, old, NULL, id);
}

static int
import_posts(struct imp *m, time_t now)
{
	sqlite3_stmt	*st;
	struct item	 it;
	int		 rc, err = 0;

	if ((st = db_stmt_bind(m->db, sql_items, "s", "post")) == NULL)
		return -1;
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		arena_reset(&m->arena);
		item_read(m, st, &it);
		err = post_add(m, &it, now);
	}
	db_done(st);
	return err ? -1 : 0;
}

static int
page_add(struct imp *m, const struct item *it, int64_t parent_id,
    time_t now)
{
	const char	*status, *title, *body, *slug;
	char		*path;
	int64_t		 id;

	if ((status = status_of(m, it, now)) == NULL)
		return 0;
	title = title_of(m, it);
	slug = make_slug(m, it->name, it->title, "page", it->wp_id, SLUG_MAX,
	    parent_id == 0);
	if ((slug = slug_unique(&m->arena, m->db, slug, sql_page_slug_taken,
	    parent_id, parent_id == 0 ? top_reserved : NULL)) == NULL)
		return -1;
	if (strcmp(slug, it->name) != 0)
		m->rep->renamed++;
	body = clean_body(m, it);
	/* The text to index, as for a post. */
	if (db_run(m->db, db_stmt_bind(m->db, sql_page_insert, "Isssssiiiis",
	    parent_id, slug, title, body, it->excerpt, status, it->menu_order,
	    author_of(m, it->creator), it->date, it->modified,
	    search_text_arena(&m->arena, body)), "page") != SQLITE_OK)
		return -1;
	id = sqlite3_last_insert_rowid(m->db);
	m->rep->pages_new++;
	if (map_put(m, "page", it->wp_id, id) != 0)
		return -1;
	if ((path = db_get_text(m->db, &m->arena, db_stmt_bind(m->db,
	    sql_page_path, "i", id), "page path")) == NULL)
		return -1;
	return redirect_add(m, old_path(m, it->link), url_page(&m->arena,
	    path), 0);
}

/* A page or menu item waiting for its parent to be written first. */
struct node {
	int64_t		 seq, wp_id, parent;
	const char	*menu;		/* WordPress menu slug; "" for pages */
	int		 done;
	int		 parent_known;	/* the parent is in the file */
};

static int
node_cmp(const void *a, const void *b)
{
	const struct node *x = *(const struct node *const *)a;
	const struct node *y = *(const struct node *const *)b;
	int		 c = strcmp(x->menu, y->menu);

	if (c != 0)
		return c;
	return x->wp_id < y->wp_id ? -1 : x->wp_id > y->wp_id;
}

/* Set parent_known: is there a node with the parent's id (and menu)? */
static void
mark_known(struct imp *m, struct node *v, size_t n)
{
	struct node	**byid, key, *kp = &key;
	size_t		 i;

	if (n == 0)
		return;
	byid = arena_calloc(&m->keep, n, sizeof(*byid));
	for (i = 0; i < n; i++)
		byid[i] = &v[i];
	qsort(byid, n, sizeof(*byid), node_cmp);
	for (i = 0; i < n; i++) {
		key.menu = v[i].menu;
		key.wp_id = v[i].parent;
		v[i].parent_known = v[i].parent != 0 &&
		    bsearch(&kp, byid, n, sizeof(*byid), node_cmp) != NULL;
	}
}

/*
 * The rows of "sql" (seq, WordPress id, parent and, "with_menu", the
 * menu's slug) as nodes kept in m->keep, each marked with whether its
 * parent is in the file. A menu item of no menu is counted and left out.
 * -1 (logged as "what") on a database error.
 */
static int
nodes_load(struct imp *m, const char *sql, int with_menu, const char *what,
    struct node **vp, size_t *np)
{
	sqlite3_stmt	*st;
	struct node	*v = NULL, *grown;
	size_t		 n = 0, cap = 0;
	int		 rc;

	*vp = NULL;
	*np = 0;
	if ((st = db_stmt(m->db, sql)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (with_menu && sqlite3_column_type(st, 3) == SQLITE_NULL) {
			m->rep->skipped_other_menu++;
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = arena_calloc(&m->keep, cap, sizeof(*v));
			if (n)
				memcpy(grown, v, n * sizeof(*v));
			v = grown;
		}
		v[n].seq = sqlite3_column_int64(st, 0);
		v[n].wp_id = sqlite3_column_int64(st, 1);
		v[n].parent = sqlite3_column_int64(st, 2);
		v[n].menu = with_menu ? db_text(&m->keep, st, 3) : "";
		v[n].done = 0;
		n++;
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_log(m->db, what);
		return -1;
	}
	mark_known(m, v, n);
	*vp = v;
	*np = n;
	return 0;
}

static int
import_pages(struct imp *m, time_t now)
{
	sqlite3_stmt	*st;
	struct node	*v;
	struct item	 it;
	size_t		 n, i, left;
	int64_t		 parent_id, id;
	int		 rc, progress, force = 0;

	if (nodes_load(m, sql_item_tree, 0, "pages", &v, &n) != 0)
		return -1;
	/* Parents before children, as with categories. */
	for (left = n; left > 0; ) {
		progress = 0;
		for (i = 0; i < n; i++) {
			if (v[i].done)
				continue;
			arena_reset(&m->arena);
			if ((id = map_get(m, "page", v[i].wp_id)) != 0) {
				if (id < 0)
					return -1;
				m->rep->already++;
				goto done;
			}
			parent_id = 0;
			if (v[i].parent != 0 && !force) {
				if ((parent_id = map_get(m, "page",
				    v[i].parent)) < 0)
					return -1;
				if (parent_id == 0 && v[i].parent_known)
					continue;	/* not yet */
				if (parent_id == 0)
					m->rep->orphans++;
			} else if (v[i].parent != 0)
				m->rep->orphans++;
			if ((st = db_stmt_bind(m->db, sql_item_by_seq, "i",
			    v[i].seq)) == NULL)
				return -1;
			rc = sqlite3_step(st);
			if (rc == SQLITE_ROW)
				item_read(m, st, &it);
			db_done(st);
			if (rc != SQLITE_ROW || page_add(m, &it, parent_id,
			    now) != 0)
				return -1;
done:
			v[i].done = 1;
			left--;
			progress = 1;
		}
		force = !progress;
	}
	return 0;
}

static int
import_attachments(struct imp *m)
{
	sqlite3_stmt	*st;
	struct item	 it;
	const char	*url;
	int64_t		 id, post_id, page_id;
	int		 rc, err = 0;

	if ((st = db_stmt_bind(m->db, sql_items, "s", "attachment")) == NULL)
		return -1;
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		arena_reset(&m->arena);
		item_read(m, st, &it);
		url = *it.attachment_url ? it.attachment_url : it.link;
		if ((id = map_get(m, "attachment", it.wp_id)) != 0) {
			err = id < 0;
			m->rep->already++;
			continue;
		}
		if (*url == '\0') {
			m->rep->skipped_status++;
			continue;
		}
		post_id = page_id = 0;
		if (it.parent != 0 && (post_id = map_get(m, "post",
		    it.parent)) == 0)
			page_id = map_get(m, "page", it.parent);
		if (post_id < 0 || page_id < 0 ||
		    db_run(m->db, db_stmt_bind(m->db, sql_attachment_insert,
		    "ssIIi", it.title, url, post_id, page_id, it.date),
		    "attachment") != SQLITE_OK ||
		    map_put(m, "attachment", it.wp_id,
		    sqlite3_last_insert_rowid(m->db)) != 0) {
			err = 1;
			break;
		}
		m->rep->attachments_new++;
	}
	db_done(st);
	return err ? -1 : 0;
}

/* --------------------------------------------------------------- menus */

/* Resolve a menu item's target; 0 with *target NULL when it has none. */
static int
nav_target(struct imp *m, int64_t seq, const char **target, int64_t *id,
    const char **url, const char **label, int64_t *position)
{
	sqlite3_stmt	*st;
	const char	*type, *object, *title, *sql = NULL;
	int64_t		 object_id;
	int		 rc;

	*target = NULL;
	*id = 0;
	*url = NULL;
	if ((st = db_stmt_bind(m->db, sql_nav_item, "i", seq)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		db_done(st);
		db_log(m->db, "menu item");
		return -1;
	}
	title = db_text(&m->arena, st, 0);
	type = db_text(&m->arena, st, 1);
	object = db_text(&m->arena, st, 2);
	object_id = sqlite3_column_int64(st, 3);
	*url = db_text(&m->arena, st, 4);
	*position = sqlite3_column_int64(st, 5);
	db_done(st);

	if (strcmp(type, "post_type") == 0 && (strcmp(object, "page") == 0 ||
	    strcmp(object, "post") == 0)) {
		*target = object;
		*id = map_get(m, object, object_id);
		sql = strcmp(object, "page") == 0 ? sql_page_title :
		    sql_post_title;
		*url = NULL;
	} else if (strcmp(type, "taxonomy") == 0 &&
	    strcmp(object, "category") == 0) {
		*target = "category";
		*id = db_get_id(m->db, db_stmt_bind(m->db, sql_cat_by_term, "i",
		    object_id), "menu category");
		sql = sql_cat_name;
		*url = NULL;
	} else if (strcmp(type, "custom") == 0 && **url != '\0' &&
	    sanitize_url_ok(*url, 0)) {
		*target = "url";
		*label = *title ? title : *url;
		return 0;
	}
	if (*id < 0)
		return -1;
	if (*id == 0) {
		*target = NULL;
		return 0;
	}
	*label = title;
	if (**label == '\0' && (*label = db_get_text(m->db, &m->arena,
	    db_stmt_bind(m->db, sql, "i", *id), "menu label")) == NULL)
		*label = *target;
	return 0;
}

static int
nav_add(struct imp *m, const struct node *v, int64_t parent_nav)
{
	const char	*kind = arena_printf(&m->arena, "nav:%s", v->menu);
	const char	*menu = v->menu, *target, *url, *label = "";
	int64_t		 id, tid, position;

	if ((id = map_get(m, kind, v->wp_id)) < 0)
		return -1;
	if (id > 0) {
		m->rep->already++;
	} else {
		if (m->opt->primary_menu != NULL &&
		    strcmp(m->opt->primary_menu, v->menu) == 0)
			menu = "primary";
		if (nav_target(m, v->seq, &target, &tid, &url, &label,
		    &position) != 0)
			return -1;
		if (target == NULL) {
			m->rep->skipped_nav++;
		} else {
			if (db_run(m->db, db_stmt_bind(m->db, sql_nav_insert,
			    "sIissIIIs", menu, parent_nav, position, label,
			    target,
			    strcmp(target, "page") == 0 ? tid : 0,
			    strcmp(target, "category") == 0 ? tid : 0,
			    strcmp(target, "post") == 0 ? tid : 0,
			    strcmp(target, "url") == 0 ? url : NULL),
			    "menu item") != SQLITE_OK)
				return -1;
			id = sqlite3_last_insert_rowid(m->db);
			if (map_put(m, kind, v->wp_id, id) != 0)
				return -1;
			m->rep->nav_new++;
		}
	}
	/* A skipped item's children hang from its parent instead. */
	return db_run(m->db, db_stmt_bind(m->db, sql_wxr_nav_put, "siii",
	    v->menu, v->wp_id, id, id > 0 ? id : parent_nav), "menu map") ==
	    SQLITE_OK ? 0 : -1;
}

/* List the menus for the summary; note whether the primary is one. */
static void
menu_names(struct imp *m, const struct node *v, size_t n)
{
	const char	*seen[16];
	struct buf	 b = BUF_INIT;
	size_t		 i, j, nseen = 0;

	for (i = 0; i < n; i++) {
		if (m->opt->primary_menu != NULL &&
		    strcmp(m->opt->primary_menu, v[i].menu) == 0)
			m->rep->primary_found = 1;
		for (j = 0; j < nseen; j++)
			if (strcmp(seen[j], v[i].menu) == 0)
				break;
		if (j < nseen || nseen == sizeof(seen) / sizeof(seen[0]))
			continue;	/* listed already, or enough */
		seen[nseen++] = v[i].menu;
		buf_printf(&b, "%s%s", b.len ? ", " : "", v[i].menu);
	}
	snprintf(m->rep->menus, sizeof(m->rep->menus), "%s",
	    b.data ? b.data : "");
	buf_free(&b);
}

static int
import_menus(struct imp *m)
{
	sqlite3_stmt	*st;
	struct node	*v;
	size_t		 n, i, left;
	int64_t		 parent_nav;
	int		 rc, progress, force = 0;

	if (nodes_load(m, sql_nav_items, 1, "menu items", &v, &n) != 0)
		return -1;
	menu_names(m, v, n);
	for (left = n; left > 0; ) {
		progress = 0;
		for (i = 0; i < n; i++) {
			if (v[i].done)
				continue;
			arena_reset(&m->arena);
			parent_nav = 0;
			if (v[i].parent != 0 && !force) {
				if ((st = db_stmt_bind(m->db, sql_wxr_nav_get,
				    "si", v[i].menu, v[i].parent)) == NULL)
					return -1;
				rc = sqlite3_step(st);
				if (rc == SQLITE_ROW)
					parent_nav = sqlite3_column_int64(st,
					    0) > 0 ? sqlite3_column_int64(st,
					    0) : sqlite3_column_int64(st, 1);
				db_done(st);
				if (rc != SQLITE_ROW && v[i].parent_known)
					continue;	/* not yet */
				if (rc != SQLITE_ROW)
					m->rep->orphans++;
			} else if (v[i].parent != 0)
				m->rep->orphans++;
			if (nav_add(m, &v[i], parent_nav) != 0)
				return -1;
			v[i].done = 1;
			left--;
			progress = 1;
		}
		force = !progress;
	}
	return 0;
}

static int
count_other_types(struct imp *m)
{
	sqlite3_stmt	*st;
	struct buf	 b = BUF_INIT;
	const char	*type;
	long		 n;
	int		 rc;

	if ((st = db_stmt(m->db, sql_other_types)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		type = (const char *)sqlite3_column_text(st, 0);
		n = (long)sqlite3_column_int64(st, 1);
		m->rep->skipped_types += n;
		buf_printf(&b, "%s%s: %ld", b.len ? ", " : "",
		    type && *type ? type : "(none)", n);
	}
	db_done(st);
	snprintf(m->rep->types, sizeof(m->rep->types), "%s",
	    b.data ? b.data : "");
	buf_free(&b);
	if (rc != SQLITE_DONE) {
		db_log(m->db, "item types");
		return -1;
	}
	return 0;
}

enum folio_err
import_apply(sqlite3 *db, const struct wxr_options *opt,
    struct wxr_report *rep)
{
	struct imp	 m;
	char		*tz;
	time_t		 now = time(NULL);
	enum folio_err	 rc = FOLIO_ERR_DB;

	memset(&m, 0, sizeof(m));
	m.db = db;
	m.rep = rep;
	m.opt = opt;
	m.source = rep->source;
	if (db_exec(db, sql_temp) != 0)
		goto out;
	/* Post URLs compared with the old ones are in the site's zone. */
	tz = config_current()->value[CONF_TIMEZONE];
	if ((*tz == '\0' && (tz = db_get_text(m.db, &m.arena,
	    db_stmt_bind(m.db, sql_site_tz, ""), "site time zone")) == NULL) ||
	    date_set_zone(tz) != 0)
		log_warn("import: site time zone unusable, dates in UTC");
	if (db_run(m.db, db_stmt_bind(m.db, sql_site_name, "ss", rep->title,
	    rep->tagline), "site name") != SQLITE_OK)
		goto out;
	rep->site_named = sqlite3_changes(db) > 0;
	if (import_users(&m) != 0 || import_categories(&m) != 0 ||
	    import_tags(&m) != 0 || import_posts(&m, now) != 0 ||
	    import_pages(&m, now) != 0 || import_attachments(&m) != 0 ||
	    import_menus(&m) != 0 || count_other_types(&m) != 0)
		goto out;
	if (db_exec(db, sql_temp_drop) != 0)
		goto out;
	rc = FOLIO_OK;
out:
	arena_free(&m.arena);
	arena_free(&m.keep);
	return rc;
}
