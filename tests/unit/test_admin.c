/*
 * test_admin.c -- the admin handler in process, through admin_serve()
 * with a fake CGI environment, so every admin page and form runs under
 * ASan/UBSan too: login, CSRF refusals, size limits, posts, pages,
 * categories, menu moves, settings, users and an upload. The HTTP tests
 * check the same over nginx; this file is about memory and error paths.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio.h"
#include "admin.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "harness.h"
#include "req.h"
#include "server.h"
#include "site.h"

#define SCHEMA_PATH	"../../schema.sql"
#define PW		"admin password 1"

static struct arena	 arena = ARENA_INIT;
static struct buf	 body = BUF_INIT, out = BUF_INIT;
static sqlite3		*db;
static char		 cookie[256], csrf[64], maildir[64];

struct fake {
	const char	*method, *uri, *ctype, *origin, *length;
	const char	*data;
	size_t		 len, off;
};

static const char *
fake_get(void *arg, const char *name)
{
	struct fake	*f = arg;

	if (strcmp(name, "REQUEST_METHOD") == 0)
		return f->method;
	if (strcmp(name, "REQUEST_URI") == 0)
		return f->uri;
	if (strcmp(name, "HTTP_HOST") == 0)
		return "example.org";
	if (strcmp(name, "HTTP_ORIGIN") == 0)
		return f->origin;
	if (strcmp(name, "HTTP_COOKIE") == 0)
		return cookie;
	if (strcmp(name, "CONTENT_TYPE") == 0)
		return f->ctype;
	if (strcmp(name, "CONTENT_LENGTH") == 0)
		return f->length;
	if (strcmp(name, "REMOTE_ADDR") == 0)
		return "192.0.2.1";
	return NULL;
}

static long
fake_read(void *arg, char *p, size_t n)
{
	struct fake	*f = arg;
	size_t		 k = f->len - f->off;

	if (k > n)
		k = n;
	memcpy(p, f->data + f->off, k);
	f->off += k;
	return (long)k;
}

/* One request; returns the status. */
static int
request(const char *method, const char *uri, const char *ctype,
    const char *data, size_t len)
{
	char		 lenbuf[32];
	struct fake	 f = { method, uri, ctype, "http://example.org",
			    lenbuf, data, len, 0 };
	struct cgi_env	 e = { fake_get, &f, fake_read };

	snprintf(lenbuf, sizeof(lenbuf), "%zu", len);
	admin_serve(db, &arena, &e, &body, &out);
	return atoi(out.data + strlen("Status: "));
}

static int
get(const char *uri)
{
	return request("GET", uri, NULL, NULL, 0);
}

/* A urlencoded POST; "%s" in fmt is replaced by the CSRF token. */
static int
post(const char *uri, const char *form)
{
	struct buf	 b = BUF_INIT;
	const char	*p = strstr(form, "CSRF");
	int		 st;

	if (p != NULL) {
		buf_append(&b, form, (size_t)(p - form));
		buf_puts(&b, csrf);
		buf_puts(&b, p + 4);
	} else
		buf_puts(&b, form);
	st = request("POST", uri, "application/x-www-form-urlencoded",
	    b.data, b.len);
	buf_free(&b);
	return st;
}

/* Copy the value after "name=" (up to ';' or '"') from the response. */
static void
grab(const char *after, char *dst, size_t sz)
{
	const char	*p = strstr(out.data, after);
	size_t		 n;

	dst[0] = '\0';
	if (p == NULL)
		return;
	p += strlen(after);
	n = strcspn(p, ";\"\r\n");
	if (n >= sz)
		n = sz - 1;
	memcpy(dst, p, n);
	dst[n] = '\0';
}

static void
test_login(void)
{
	char	 tok[64];

	CHECK_INT_EQ(get("/admin/posts/"), 303);
	CHECK_INT_EQ(get("/admin/login/"), 200);
	grab("Set-Cookie: folio_login=", tok, sizeof(tok));
	CHECK_INT_EQ(strlen(tok), 43);
	snprintf(cookie, sizeof(cookie), "folio_login=%s", tok);
	snprintf(csrf, sizeof(csrf), "%s", tok);
	CHECK_INT_EQ(post("/admin/login/", "name=boss&password=nope"), 403);
	/* A cookie and field the client made up itself are no token. */
	snprintf(cookie, sizeof(cookie), "folio_login=x");
	CHECK_INT_EQ(post("/admin/login/",
	    "csrf=x&name=boss&password=admin+password+1"), 403);
	snprintf(cookie, sizeof(cookie), "folio_login=%s", tok);
	CHECK_INT_EQ(post("/admin/login/",
	    "csrf=CSRF&name=boss&password=wrong+password"), 401);
	CHECK_INT_EQ(post("/admin/login/", "csrf=CSRF&name=&password="), 400);
	CHECK_INT_EQ(post("/admin/login/",
	    "csrf=CSRF&name=boss&password=admin+password+1"), 303);
	grab("Set-Cookie: folio_session=", tok, sizeof(tok));
	CHECK_INT_EQ(strlen(tok), 43);
	snprintf(cookie, sizeof(cookie), "x=1; folio_session=%s", tok);
	CHECK_INT_EQ(get("/admin/posts/"), 200);
	grab("name=\"csrf\" value=\"", csrf, sizeof(csrf));
	CHECK_INT_EQ(strlen(csrf), 43);
}

static void
test_refusals(void)
{
	static char	 big[64];

	CHECK_INT_EQ(post("/admin/posts/new/", "title=x&status=draft"), 403);
	CHECK_INT_EQ(post("/admin/posts/new/", "csrf=x&title=x"), 403);
	CHECK_INT_EQ(post("/admin/posts/new/", "csrf=CSRF&title=%zz"), 400);
	CHECK_INT_EQ(request("POST", "/admin/posts/new/", "text/plain", "a",
	    1), 400);
	CHECK_INT_EQ(request("POST", "/admin/upload/",
	    "multipart/form-data; boundary=b", "--b\r\nbad", 9), 400);
	/* One byte over the largest body: upload_limit plus the slack. */
	snprintf(big, sizeof(big), "%ld",
	    config_current()->upload_limit + ADMIN_BODY_SLACK + 1);
	{
		struct fake	 f = { "POST", "/admin/posts/new/",
				    "application/x-www-form-urlencoded",
				    "http://example.org", big, "", 0, 0 };
		struct cgi_env	 e = { fake_get, &f, fake_read };

		admin_serve(db, &arena, &e, &body, &out);
		CHECK(strncmp(out.data, "Status: 413", 11) == 0);
		/* The page names the limit in force: 5M + 3M by default. */
		CHECK(config_current()->upload_limit != 5L * 1024 * 1024 ||
		    strstr(out.data, "accepts (8 MB).") != NULL);
	}
	CHECK_INT_EQ(request("PUT", "/admin/posts/", NULL, NULL, 0), 405);
	CHECK_INT_EQ(get("/admin/nothing/"), 404);
	CHECK_INT_EQ(get("/admin/posts/0/"), 404);
	CHECK_INT_EQ(get("/admin/posts/999/"), 404);
	CHECK_INT_EQ(get("/admin/posts/?page=x"), 400);
	CHECK_INT_EQ(get("/admin/posts/?q=%ff"), 400);
	CHECK(strstr(out.data, "frame-ancestors 'none'") != NULL);
	CHECK(strstr(out.data, "Cache-Control: no-store") != NULL);
}

/* The count sql (a literal) returns, or -1. */
static int
count_rows(const char *sql)
{
	sqlite3_stmt	*st;
	int		 n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Pages whose body_text is not the view's text of their body_html. */
static int
page_text_stale(void)
{
	return count_rows("SELECT count(*) FROM page WHERE "
	    "body_text IS NOT (SELECT body FROM page_text t "
	    "WHERE t.id = page.id)");
}

/* Posts whose body_text is not the view's text of their body_html. */
static int
text_stale(void)
{
	return count_rows("SELECT count(*) FROM post WHERE "
	    "body_text IS NOT (SELECT body FROM post_text t "
	    "WHERE t.id = post.id)");
}

/* The redirect rows to post "id", as "old_path;old_path;...". */
static int
redirects_to(int64_t id, const char *paths)
{
	sqlite3_stmt	*st;
	int		 same = 0;

	if (sqlite3_prepare_v2(db, "SELECT coalesce(group_concat(old_path, "
	    "';'), '') FROM (SELECT old_path FROM redirect WHERE post_id = ?1 "
	    "ORDER BY old_path)", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_bind_int64(st, 1, id) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		same = strcmp((const char *)sqlite3_column_text(st, 0),
		    paths) == 0;
	sqlite3_finalize(st);
	return same;
}

/* A published post that moves keeps its old addresses; a draft has none. */
static void
test_old_addresses(void)
{
	int64_t	 id;

	CHECK_INT_EQ(post("/admin/posts/new/", "csrf=CSRF&title=Harbor+Move"
	    "&slug=harbor-move&body=B&status=published&cat=1"
	    "&publish_at=2024-03-05T10:00"), 303);
	id = count_rows("SELECT id FROM post WHERE slug = 'harbor-move'");
	CHECK(redirects_to(id, ""));
	CHECK_INT_EQ(post(arena_printf(&arena, "/admin/posts/%lld/",
	    (long long)id), "csrf=CSRF&title=Harbor+Move&slug=harbor-moved"
	    "&body=B&status=published&cat=1&publish_at=2024-03-05T10:00"),
	    303);
	CHECK(redirects_to(id, "/2024/03/05/harbor-move/"));
	CHECK_INT_EQ(post(arena_printf(&arena, "/admin/posts/%lld/",
	    (long long)id), "csrf=CSRF&title=Harbor+Move&slug=harbor-moved"
	    "&body=B&status=published&cat=1&publish_at=2024-03-06T10:00"),
	    303);
	CHECK(redirects_to(id, "/2024/03/05/harbor-move/;"
	    "/2024/03/05/harbor-moved/"));
	/* Saved unchanged: nothing new. */
	CHECK_INT_EQ(post(arena_printf(&arena, "/admin/posts/%lld/",
	    (long long)id), "csrf=CSRF&title=Harbor+Move&slug=harbor-moved"
	    "&body=B&status=published&cat=1&publish_at=2024-03-06T10:00"),
	    303);
	CHECK(redirects_to(id, "/2024/03/05/harbor-move/;"
	    "/2024/03/05/harbor-moved/"));
	/* A draft was never public: its old address is nobody's link. */
	CHECK_INT_EQ(post(arena_printf(&arena, "/admin/posts/%lld/",
	    (long long)id), "csrf=CSRF&title=Harbor+Move&slug=harbor-moved"
	    "&body=B&status=draft&cat=1&publish_at=2024-03-06T10:00"), 303);
	CHECK_INT_EQ(post(arena_printf(&arena, "/admin/posts/%lld/",
	    (long long)id), "csrf=CSRF&title=Harbor+Move&slug=harbor-gone"
	    "&body=B&status=draft&cat=1&publish_at=2024-03-06T10:00"), 303);
	CHECK(redirects_to(id, "/2024/03/05/harbor-move/;"
	    "/2024/03/05/harbor-moved/"));
}

static void
test_posts(void)
{
	CHECK_INT_EQ(get("/admin/posts/new/"), 200);
	CHECK_INT_EQ(post("/admin/posts/new/", "csrf=CSRF&title=&slug=B+a+d"
	    "&body=kept&status=scheduled&cat=99&publish_at=2024-13-01T00:00"),
	    400);
	CHECK(strstr(out.data, ">kept</textarea>") != NULL);
	CHECK_INT_EQ(post("/admin/posts/new/", "csrf=CSRF&title=First+Post"
	    "&body=Hello+*world*+%3Cb%3Ex%3C%2Fb%3E&status=published&cat=1"
	    "&excerpt=E"), 303);
	CHECK_INT_EQ(get("/admin/posts/1/"), 200);
	CHECK_INT_EQ(get("/admin/posts/1/?saved=1&uploaded=/uploads/x.png"),
	    200);
	CHECK_INT_EQ(post("/admin/posts/1/", "csrf=CSRF&title=Second"
	    "&slug=first-post&body=Two&status=draft&cat=1"), 303);
	CHECK_INT_EQ(get("/admin/posts/1/preview/"), 200);
	CHECK(strstr(out.data, "entry-title") != NULL);
	CHECK_INT_EQ(post("/admin/posts/preview/", "csrf=CSRF&title=&body=*x*"
	    "&cat=1&cat=77&publish_at=bad"), 200);
	CHECK(strstr(out.data, "<em>x</em>") != NULL);
	CHECK_INT_EQ(post("/admin/posts/1/preview/", "csrf=CSRF&title=T"),
	    200);
	CHECK_INT_EQ(get("/admin/posts/1/revisions/"), 200);
	CHECK_INT_EQ(get("/admin/posts/1/revisions/1/"), 200);
	CHECK_INT_EQ(get("/admin/posts/1/revisions/99/"), 404);
	CHECK_INT_EQ(post("/admin/posts/1/revisions/1/restore/", "csrf=CSRF"),
	    303);
	CHECK_INT_EQ(post("/admin/posts/1/trash/", "csrf=CSRF"), 303);
	CHECK_INT_EQ(get("/admin/posts/?status=trash&q=first"), 200);
	CHECK(strstr(out.data, "First Post") != NULL);
	CHECK_INT_EQ(post("/admin/posts/1/untrash/", "csrf=CSRF"), 303);
	/* Each save and the restore stored the text to index. */
	CHECK_INT_EQ(text_stale(), 0);
	CHECK_INT_EQ(get("/admin/posts/?status=draft"), 200);
}

/* The editor's Tags field and the admin's tag screen. */
static void
test_tags(void)
{
	long	 posts = count_rows("SELECT count(*) FROM post");

	CHECK_INT_EQ(post("/admin/posts/new/", "csrf=CSRF&title=Tagged"
	    "&body=B&status=published&tags=Harbor%2C+ferries+%2C%2Charbor"),
	    303);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM post_tag pt JOIN tag t "
	    "ON t.id = pt.tag_id WHERE t.slug IN ('harbor', 'ferries')"), 2);
	CHECK_INT_EQ(get("/admin/posts/2/"), 200);
	CHECK(strstr(out.data, "name=\"tags\" type=\"text\" "
	    "value=\"ferries, Harbor\"") != NULL);
	/* Refused whole: 400, everything typed kept, nothing written. */
	CHECK_INT_EQ(post("/admin/posts/2/", "csrf=CSRF&title=Kept+title"
	    "&body=Kept+body&status=published&tags=ok%2C+bad%09tab"), 400);
	CHECK(strstr(out.data, "value=\"Kept title\"") != NULL);
	CHECK(strstr(out.data, ">Kept body</textarea>") != NULL);
	CHECK(strstr(out.data, "value=\"ok, bad\ttab\"") != NULL);
	CHECK(strstr(out.data, "control characters") != NULL);
	CHECK_INT_EQ(post("/admin/posts/2/", "csrf=CSRF&title=T&body=B"
	    "&status=published&tags=123456789012345678901234567890"
	    "1234567890123456789012345678901"), 400);
	CHECK(strstr(out.data, "at most 60 characters") != NULL);
	CHECK_INT_EQ(post("/admin/posts/2/", "csrf=CSRF&title=T&body=B"
	    "&status=published&tags=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,"
	    "17,18,19,20,21"), 400);
	CHECK(strstr(out.data, "at most 20 tags") != NULL);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM post WHERE title = 'Tagged'"),
	    1);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM tag"), 2);
	/* Preview shows the typed tags and stores none. */
	CHECK_INT_EQ(post("/admin/posts/2/preview/", "csrf=CSRF&title=T"
	    "&body=B&tags=HARBOR%2C+Fresh+One"), 200);
	CHECK(strstr(out.data, "<a href=\"/tag/harbor/\" rel=\"tag\">"
	    "Harbor</a>") != NULL);
	CHECK(strstr(out.data, "<a href=\"/tag/fresh-one/\" rel=\"tag\">"
	    "Fresh One</a>") != NULL);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM tag"), 2);
	CHECK_INT_EQ(get("/admin/posts/2/preview/"), 200);
	CHECK(strstr(out.data, "/tag/ferries/") != NULL);
	/* Clearing the field clears the post's tags, not the tags. */
	CHECK_INT_EQ(post("/admin/posts/2/", "csrf=CSRF&title=Tagged&body=B"
	    "&status=published&tags=+"), 303);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM post_tag WHERE post_id = 2"),
	    0);
	CHECK_INT_EQ(post("/admin/posts/2/", "csrf=CSRF&title=Tagged&body=B"
	    "&status=published&tags=harbor,ferries"), 303);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM post") - posts, 1);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM tag"), 2);

	/* The tag screen: list, rename, refusals, delete. */
	CHECK_INT_EQ(get("/admin/tags/"), 200);
	CHECK(strstr(out.data, "<td data-label=\"Slug\">harbor</td>"
	    "<td data-label=\"Posts\">1</td>") != NULL);
	CHECK(strstr(out.data, "href=\"/admin/tags/\" aria-current=\"page\">"
	    "Tags</a>") != NULL);
	CHECK_INT_EQ(get("/admin/tags/?q=ferr"), 200);
	CHECK(strstr(out.data, "Harbor") == NULL);
	CHECK_INT_EQ(get("/admin/tags/?page=2"), 404);
	CHECK_INT_EQ(get("/admin/tags/?page=x"), 400);
	CHECK_INT_EQ(get("/admin/tags/1/"), 200);
	CHECK(strstr(out.data, "value=\"Harbor\"") != NULL);
	CHECK_INT_EQ(get("/admin/tags/99/"), 404);
	CHECK_INT_EQ(post("/admin/tags/1/", "csrf=CSRF&name=FERRIES&slug=x"),
	    400);
	CHECK(strstr(out.data, "Another tag already has this name.") != NULL);
	CHECK_INT_EQ(post("/admin/tags/1/", "csrf=CSRF&name=A%2C+B&slug="),
	    400);
	CHECK_INT_EQ(post("/admin/tags/1/", "csrf=CSRF&name=Port&slug=ferries"),
	    400);
	CHECK(strstr(out.data, "Another tag already uses this slug.") != NULL);
	CHECK(strstr(out.data, "value=\"Port\"") != NULL);
	CHECK_INT_EQ(post("/admin/tags/1/", "csrf=CSRF&name=Port&slug=B+a+d"),
	    400);
	CHECK_INT_EQ(post("/admin/tags/1/", "name=Port&slug=port"), 403);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM tag WHERE slug = 'harbor'"),
	    1);
	CHECK_INT_EQ(post("/admin/tags/1/", "csrf=CSRF&name=+Old++Port+"
	    "&slug=&description=D"), 303);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM tag WHERE slug = 'old-port' "
	    "AND name = 'Old Port' AND description = 'D'"), 1);
	CHECK_INT_EQ(get("/admin/tags/?saved=1"), 200);
	CHECK_INT_EQ(post("/admin/tags/2/delete/", ""), 403);
	CHECK_INT_EQ(post("/admin/tags/2/delete/", "csrf=CSRF"), 303);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM tag"), 1);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM post_tag WHERE post_id = 2"),
	    1);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM post WHERE id = 2"), 1);
	CHECK_INT_EQ(post("/admin/tags/2/delete/", "csrf=CSRF"), 404);
	/* A form without the field (from before tags) leaves them alone. */
	CHECK_INT_EQ(post("/admin/posts/2/", "csrf=CSRF&title=Tagged&body=B"
	    "&status=published"), 303);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM post_tag WHERE post_id = 2"),
	    1);
	CHECK_INT_EQ(get("/admin/tags/?deleted=1"), 200);
}

/*
 * An imported post's tags as the editor shows them, sent back as they
 * are, save: the import keeps names over 60 characters and posts with
 * over 20 tags, which the editor refuses when typed.
 */
static void
test_tags_imported(void)
{
	struct buf	 form = BUF_INIT;
	char		 tags[4096];

	CHECK_INT_EQ(sqlite3_exec(db, "DELETE FROM post_tag WHERE post_id = 2;"
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	    "WHERE i < 21) INSERT INTO tag (slug, name) "
	    "SELECT 'imported-' || i, 'Imported ' || i FROM n;"
	    "INSERT INTO tag (slug, name) VALUES ('long', 'Notes from the "
	    "harbor master on the winter timetable of the ferries, 1998');"
	    "INSERT INTO post_tag (post_id, tag_id) SELECT 2, id FROM tag "
	    "WHERE slug GLOB 'imported-*' OR slug = 'long';",
	    NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT_EQ(get("/admin/posts/2/"), 200);
	grab("name=\"tags\" type=\"text\" value=\"", tags, sizeof(tags));
	CHECK(strstr(tags, "Imported 21") != NULL);
	buf_puts(&form, "csrf=CSRF&title=Tagged&body=B&status=published&tags=");
	url_part(&form, tags, strlen(tags));
	CHECK_INT_EQ(post("/admin/posts/2/", form.data), 303);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM post_tag WHERE post_id = 2"),
	    22);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM tag WHERE slug GLOB "
	    "'imported-*' OR slug GLOB 'long*' OR slug GLOB 'notes*' "
	    "OR slug GLOB '1998*'"), 22);
	/* Changed, the field is checked as typed. */
	buf_puts(&form, "%2C+one+more");
	CHECK_INT_EQ(post("/admin/posts/2/", form.data), 400);
	CHECK(strstr(out.data, "at most 20 tags") != NULL);
	buf_free(&form);
}

static void
test_site(void)
{
	CHECK_INT_EQ(get("/admin/categories/"), 200);
	CHECK_INT_EQ(post("/admin/categories/new/",
	    "csrf=CSRF&name=Sub&parent=1"), 303);
	CHECK_INT_EQ(post("/admin/categories/1/",
	    "csrf=CSRF&name=Top&slug=top&parent=2"), 400);
	CHECK_INT_EQ(get("/admin/categories/2/"), 200);
	CHECK_INT_EQ(post("/admin/categories/1/delete/", "csrf=CSRF"), 400);
	CHECK_INT_EQ(post("/admin/categories/2/delete/", "csrf=CSRF"), 303);
	CHECK_INT_EQ(post("/admin/pages/new/",
	    "csrf=CSRF&title=About&body=x&status=published"), 303);
	CHECK_INT_EQ(post("/admin/pages/new/",
	    "csrf=CSRF&title=Team&parent=1&body=y&status=published"), 303);
	CHECK_INT_EQ(post("/admin/pages/1/",
	    "csrf=CSRF&title=About&parent=2&status=published"), 400);
	CHECK_INT_EQ(get("/admin/pages/"), 200);
	CHECK_INT_EQ(get("/admin/pages/2/"), 200);
	/* The page writer stores the text to index, as the view makes it. */
	CHECK_INT_EQ(post("/admin/pages/2/",
	    "csrf=CSRF&title=Team&parent=1&body=*y*&status=published"), 303);
	CHECK_INT_EQ(page_text_stale(), 0);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM page WHERE body_text "
	    "IS NULL"), 0);
	CHECK_INT_EQ(post("/admin/pages/2/trash/", "csrf=CSRF"), 303);
	CHECK_INT_EQ(post("/admin/menu/new/",
	    "csrf=CSRF&label=A&target=url&url=%2F"), 303);
	CHECK_INT_EQ(post("/admin/menu/new/",
	    "csrf=CSRF&label=B&target=page&page=1"), 303);
	CHECK_INT_EQ(post("/admin/menu/new/",
	    "csrf=CSRF&label=C&target=category&category=1"), 303);
	CHECK_INT_EQ(post("/admin/menu/new/",
	    "csrf=CSRF&label=D&target=post&post=999"), 400);
	CHECK_INT_EQ(post("/admin/menu/new/",
	    "csrf=CSRF&label=D&target=url&url=javascript:x"), 400);
	/* "//host" and "/\host" lead a browser to another site. */
	CHECK_INT_EQ(post("/admin/menu/new/",
	    "csrf=CSRF&label=D&target=url&url=%2F%2Fevil.example"), 400);
	CHECK_INT_EQ(post("/admin/menu/new/",
	    "csrf=CSRF&label=D&target=url&url=%2F%5Cevil.example"), 400);
	CHECK_INT_EQ(post("/admin/menu/2/move/", "csrf=CSRF&dir=indent"), 303);
	CHECK_INT_EQ(post("/admin/menu/3/move/", "csrf=CSRF&dir=indent"), 303);
	CHECK_INT_EQ(post("/admin/menu/3/move/", "csrf=CSRF&dir=indent"), 303);
	CHECK_INT_EQ(post("/admin/menu/3/move/", "csrf=CSRF&dir=outdent"), 303);
	CHECK_INT_EQ(post("/admin/menu/3/move/", "csrf=CSRF&dir=up"), 303);
	CHECK_INT_EQ(post("/admin/menu/3/move/", "csrf=CSRF&dir=sideways"),
	    400);
	CHECK_INT_EQ(get("/admin/menu/"), 200);
	CHECK_INT_EQ(get("/admin/menu/3/"), 200);
	CHECK_INT_EQ(post("/admin/menu/3/", "csrf=CSRF&label=&target=x"), 400);
	/* A has B and C under it: asked first, then kept for one undo. */
	CHECK_INT_EQ(post("/admin/menu/1/delete/", "csrf=CSRF"), 200);
	CHECK(strstr(out.data, "The 2 items under it go too") != NULL);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM menu_item "
	    "WHERE menu = 'primary'"), 3);
	CHECK_INT_EQ(post("/admin/menu/1/delete/", "csrf=CSRF&confirm=1"), 303);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM menu_item "
	    "WHERE menu = 'primary'"), 0);
	CHECK_INT_EQ(post("/admin/menu/undo/", "csrf=CSRF"), 303);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM menu_item "
	    "WHERE menu = 'primary'"), 3);
	CHECK_INT_EQ(post("/admin/menu/undo/", "csrf=CSRF"), 409);
	CHECK_INT_EQ(post("/admin/menu/1/delete/", "csrf=CSRF&confirm=1"), 303);
	CHECK_INT_EQ(get("/admin/settings/"), 200);
	CHECK_INT_EQ(post("/admin/settings/", "csrf=CSRF&title=T&timezone=Nope"
	    "&posts_per_page=5&footer_links=bad"), 400);
	CHECK_INT_EQ(post("/admin/settings/", "csrf=CSRF&title=T"
	    "&timezone=Europe%2FParis&posts_per_page=5"
	    "&footer_links=A+%7C+%2F%5Cevil.example"), 400);
	CHECK_INT_EQ(post("/admin/settings/", "csrf=CSRF&title=T"
	    "&timezone=Europe%2FParis&posts_per_page=5"
	    "&footer_links=A+%7C+%2Fa%2F%0D%0AB+%7C+https%3A%2F%2Fb.example"),
	    303);
	CHECK_INT_EQ(get("/admin/users/"), 200);
	CHECK_INT_EQ(post("/admin/users/new/", "csrf=CSRF&slug=al&name=Al"
	    "&role=author&password=al+password+123"), 303);
	/* One e-mail rule for users and settings (valid_email). */
	CHECK_INT_EQ(post("/admin/users/new/", "csrf=CSRF&slug=bo&name=Bo"
	    "&email=bo%40localhost&role=author&password=bo+password+123"), 400);
	CHECK(strstr(out.data, "Give an e-mail address or leave it empty.") !=
	    NULL && strstr(out.data, "bo@localhost") != NULL);
	CHECK_INT_EQ(post("/admin/users/new/", "csrf=CSRF&slug=bo&name=Bo"
	    "&email=bo%40example.org&role=author&password=bo+password+123"),
	    303);
	CHECK_INT_EQ(get("/admin/users/2/"), 200);
	CHECK_INT_EQ(post("/admin/users/1/", "csrf=CSRF&name=B&role=author"),
	    400);
	CHECK_INT_EQ(get("/admin/account/"), 200);
	CHECK_INT_EQ(post("/admin/account/", "csrf=CSRF&current=x&password=y"),
	    400);
}

static void
test_upload(void)
{
	static const char part[] =
	    "--XB\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "%s\r\n--XB\r\nContent-Disposition: form-data; name=\"image\"; "
	    "filename=\"a.gif\"\r\nContent-Type: image/gif\r\n\r\n"
	    "%s\r\n--XB--\r\n";
	char	 b[1024];
	int	 n;

	n = snprintf(b, sizeof(b), part, csrf, "GIF89a....");
	CHECK_INT_EQ(request("POST", "/admin/upload/",
	    "multipart/form-data; boundary=XB", b, (size_t)n), 200);
	CHECK(strstr(out.data, "![Describe the image](/uploads/") != NULL);
	n = snprintf(b, sizeof(b), part, csrf, "<svg onload=x>");
	CHECK_INT_EQ(request("POST", "/admin/upload/",
	    "multipart/form-data; boundary=XB", b, (size_t)n), 400);
	CHECK_INT_EQ(get("/admin/upload/"), 200);
}

/* Posts whose title is not valid UTF-8 or holds a NUL. */
static int
bad_titles(void)
{
	sqlite3_stmt	*st;
	int		 n = 0;
	const char	*t;

	if (sqlite3_prepare_v2(db, "SELECT title, length(CAST(title AS BLOB))"
	    " FROM post", -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(st, 0);
		if (t == NULL || strlen(t) !=
		    (size_t)sqlite3_column_int(st, 1) ||
		    !utf8_valid(t, strlen(t)))
			n++;
	}
	sqlite3_finalize(st);
	return n;
}

/*
 * A text field sent as a file part (with a filename) is not checked as
 * text: it must not reach a handler as one.
 */
static void
test_file_part_is_not_text(void)
{
	static const char part[] =
	    "--XB\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "%s\r\n--XB\r\nContent-Disposition: form-data; name=\"title\"; "
	    "filename=\"t\"\r\n\r\nBad \xff\xfe title\r\n"
	    "--XB\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n"
	    "x\r\n--XB\r\nContent-Disposition: form-data; name=\"status\""
	    "\r\n\r\ndraft\r\n--XB--\r\n";
	char	 b[1024];
	int	 n;

	n = snprintf(b, sizeof(b), part, csrf);
	CHECK_INT_EQ(request("POST", "/admin/posts/new/",
	    "multipart/form-data; boundary=XB", b, (size_t)n), 400);
	CHECK_INT_EQ(bad_titles(), 0);
}

static void
test_logout(void)
{
	CHECK_INT_EQ(post("/admin/logout/", "csrf=CSRF"), 303);
	CHECK_INT_EQ(get("/admin/posts/"), 303);
}

/*
 * A route's parameter table (admin.c): a field is checked only when its
 * condition holds, a refused one gets its message beside it, and a
 * control byte in a link is refused as on the settings page.
 */
static void
test_params(void)
{
	int	 before = count_rows("SELECT count(*) FROM menu_item");

	CHECK_INT_EQ(post("/admin/menu/new/",
	    "csrf=CSRF&label=E&target=page&page=1&url=javascript:x"), 303);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM menu_item WHERE "
	    "label = 'E' AND url IS NULL"), 1);
	CHECK_INT_EQ(post("/admin/menu/new/",
	    "csrf=CSRF&label=&target=post&post=abc&url=javascript:x"), 400);
	CHECK(strstr(out.data, "Give a label of 1 to 100") != NULL);
	CHECK(strstr(out.data, "Choose a post.") != NULL);
	CHECK(strstr(out.data, "Give an address starting") == NULL);
	CHECK_INT_EQ(post("/admin/menu/new/",
	    "csrf=CSRF&label=F&target=url&url=%2Fa%01b"), 400);
	CHECK(strstr(out.data, "Give an address starting") != NULL);
	CHECK(strstr(out.data, "value=\"F\"") != NULL);
	CHECK_INT_EQ(count_rows("SELECT count(*) FROM menu_item"), before + 1);
	/* A field no table declares is dropped, not refused. */
	CHECK_INT_EQ(post("/admin/settings/", "csrf=CSRF&title=T"
	    "&timezone=Europe%2FParis&posts_per_page=5&vision=V&evil=1"), 303);
}

/*
 * The reset by e-mail in process: the mail (the stand-in sendmail of
 * main() saves it), the link once, the refusals; the HTTP test covers
 * the rules, this the memory and error paths.
 */
static void
test_reset(void)
{
	char		 tok[64], path[128], msg[4096], *t;
	FILE		*f;
	size_t		 n = 0;

	CHECK(sqlite3_exec(db, "UPDATE site SET base_url = "
	    "'https://example.org'; UPDATE user SET email = "
	    "'boss@example.org' WHERE slug = 'boss'", NULL, NULL, NULL) ==
	    SQLITE_OK);
	cookie[0] = '\0';
	CHECK_INT_EQ(get("/admin/reset/"), 200);
	grab("Set-Cookie: folio_login=", tok, sizeof(tok));
	snprintf(cookie, sizeof(cookie), "folio_login=%s", tok);
	snprintf(csrf, sizeof(csrf), "%s", tok);
	CHECK_INT_EQ(post("/admin/reset/", "name=boss"), 403);
	CHECK_INT_EQ(post("/admin/reset/", "csrf=CSRF&name="), 400);
	CHECK_INT_EQ(post("/admin/reset/",
	    "csrf=CSRF&name=boss%0d%0aBcc:+x@example.net"), 200);
	CHECK_INT_EQ(post("/admin/reset/", "csrf=CSRF&name=boss"), 200);
	CHECK(strstr(out.data, "is on its way") != NULL);
	server_defer_run();
	snprintf(path, sizeof(path), "%s/mail", maildir);
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(msg, 1, sizeof(msg) - 1, f);
		fclose(f);
	}
	msg[n] = '\0';
	CHECK(strstr(msg, "To: boss@example.org\n") != NULL);
	CHECK(strstr(msg, "x@example.net") == NULL);
	t = strstr(msg, "https://example.org/admin/reset/password/?token=");
	CHECK(t != NULL);
	if (t == NULL)
		return;
	t[strcspn(t, "\n")] = '\0';
	t += strlen("https://example.org");
	CHECK_INT_EQ(get(t), 200);
	snprintf(path, sizeof(path), "csrf=CSRF&token=%s&password=short&"
	    "again=short", strchr(t, '=') + 1);
	CHECK_INT_EQ(post("/admin/reset/password/", path), 400);
	snprintf(path, sizeof(path), "csrf=CSRF&token=%s&password=a+new+"
	    "password+1&again=a+new+password+1", strchr(t, '=') + 1);
	CHECK_INT_EQ(post("/admin/reset/password/", path), 303);
	CHECK_INT_EQ(post("/admin/reset/password/", path), 410);
	CHECK_INT_EQ(get(t), 410);
	CHECK_INT_EQ(get("/admin/reset/password/?token=nope"), 400);
	CHECK_INT_EQ(get("/admin/reset/?done=1"), 200);
	server_defer_run();
}

int
main(void)
{
	char	 dir[] = "/tmp/folio-test-admin.XXXXXX", path[128], sm[128];
	FILE	*f;

	if (mkdtemp(dir) == NULL || auth_init() != 0) {
		printf("not ok - setup: mkdtemp or libsodium\n");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/t.db", dir);
	setenv("FOLIO_PUBLIC", dir, 1);
	/* The stand-in sendmail: the message into dir/mail. */
	snprintf(maildir, sizeof(maildir), "%s", dir);
	snprintf(sm, sizeof(sm), "%s/sendmail", dir);
	if ((f = fopen(sm, "w")) == NULL || fprintf(f, "#!/bin/sh\n"
	    "cat >\"$(dirname \"$0\")/mail\"\n") < 0 || fclose(f) != 0 ||
	    chmod(sm, 0700) != 0) {
		printf("not ok - setup: the stand-in sendmail\n");
		return 1;
	}
	setenv("FOLIO_SENDMAIL", sm, 1);
	if ((db = db_open(path, DB_CREATE)) == NULL ||
	    db_migrate(db, SCHEMA_PATH) != FOLIO_OK ||
	    auth_user_add(db, "boss", ROLE_ADMIN, PW, 1700000000, NULL) !=
	    FOLIO_OK ||
	    sqlite3_exec(db, "INSERT INTO category (slug, name) VALUES "
	    "('news', 'News')", NULL, NULL, NULL) != SQLITE_OK ||
	    admin_templates_load() != 0) {
		printf("not ok - setup: cannot set up %s\n", dir);
		return 1;
	}
	RUN(test_login);
	RUN(test_refusals);
	RUN(test_posts);
	RUN(test_tags);
	RUN(test_tags_imported);
	RUN(test_site);
	RUN(test_params);
	RUN(test_upload);
	RUN(test_file_part_is_not_text);
	RUN(test_old_addresses);
	RUN(test_logout);
	RUN(test_reset);
	admin_templates_free();
	site_free();
	db_close(db);
	arena_free(&arena);
	buf_free(&body);
	buf_free(&out);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		return 1;
	HARNESS_EXIT();
}
