/*
 * export.c -- `folio export-static DIR`: the whole public site as files
 * a static server serves at the same URLs (DIR/about/index.html for
 * /about/), each page rendered by render_page(), the handler's own code,
 * so the bytes are the handler's. Pages are found from the database
 * (every public post, page, category, author and archive) and by
 * following the site's own links from them (list pages, page/N/), then
 * public/ is copied beside them, and upload_dir as uploads/ (the images'
 * addresses) when it is elsewhere. Reads the database only.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "folio.h"
#include "db.h"
#include "export.h"
#include "render.h"
#include "req.h"
#include "site.h"
#include "url.h"
#include "visible.h"

#define EXPORT_PATHS_MAX	50000000	/* a runaway crawl stops here */
#define NOT_FOUND_PATH		"/.folio-not-found/"	/* no route has it */

static const char sql_posts[] =
	"SELECT slug, published_at FROM post "
	"WHERE " SQL_POST_VISIBLE("", "?1");
static const char sql_redirects[] =
	"SELECT old_path FROM redirect ORDER BY old_path";
static const char sql_pages[] =
	"WITH RECURSIVE " SQL_PAGE_VISIBLE " SELECT path FROM visible_page";

/* Paths seen, in a hash set, and the queue of those still to render. */
struct crawl {
	char		**slots;	/* open addressing; NULL is empty */
	size_t		  nslots, nused;
	char		**queue;
	size_t		  nqueue, qcap, next;
};

struct export_env {
	const char	*uri, *host, *scheme;
};

static size_t
hash(const char *s)
{
	size_t	 h = 5381;

	for (; *s != '\0'; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

/* Add a path to render, once. Returns -1 past EXPORT_PATHS_MAX. */
static int
crawl_add(struct crawl *c, const char *path, size_t len)
{
	char	**old, *p;
	size_t	  i, n, h;

	if (c->nused * 2 >= c->nslots) {
		old = c->slots;
		n = c->nslots;
		c->nslots = n ? n * 2 : 1024;
		c->slots = xcalloc(c->nslots, sizeof(*c->slots));
		for (i = 0; i < n; i++) {
			if (old[i] == NULL)
				continue;
			h = hash(old[i]) % c->nslots;
			while (c->slots[h] != NULL)
				h = (h + 1) % c->nslots;
			c->slots[h] = old[i];
		}
		free(old);
	}
	p = xmalloc(len + 1);
	memcpy(p, path, len);
	p[len] = '\0';
	for (h = hash(p) % c->nslots; c->slots[h] != NULL;
	    h = (h + 1) % c->nslots)
		if (strcmp(c->slots[h], p) == 0) {
			free(p);
			return 0;
		}
	if (c->nused >= EXPORT_PATHS_MAX) {
		free(p);
		return -1;
	}
	c->slots[h] = p;
	c->nused++;
	if (c->nqueue == c->qcap) {
		c->qcap = c->qcap ? c->qcap * 2 : 1024;
		c->queue = xrealloc(c->queue, c->qcap * sizeof(*c->queue));
	}
	c->queue[c->nqueue++] = p;	/* owned by slots */
	return 0;
}

static void
crawl_free(struct crawl *c)
{
	size_t	 i;

	for (i = 0; i < c->nslots; i++)
		free(c->slots[i]);
	free(c->slots);
	free(c->queue);
}

/* The last segment of a path has a dot: "/feed.xml", not "/about". */
static int
is_file(const char *v, size_t len)
{
	size_t	 i = len;

	while (i > 0 && v[i - 1] != '/')
		i--;
	return memchr(v + i, '.', len - i) != NULL;
}

/* One link of the site's, if the crawl should follow it. */
static int
crawl_link(struct crawl *c, const char *v, size_t len)
{
	if (memchr(v, '#', len) != NULL)
		len = (size_t)((const char *)memchr(v, '#', len) - v);
	if (len == 0 || v[0] != '/' || (len > 1 && v[1] == '/') ||
	    memchr(v, '?', len) != NULL || memchr(v, '&', len) != NULL)
		return 0;
	if (v[len - 1] != '/' && !is_file(v, len))
		return 0;
	return crawl_add(c, v, len);
}

/*
 * The site's own links in a rendered page: href="/.../" for pages, and
 * href="/name.ext" for files a route may answer (a feed, a sitemap);
 * and the path of each absolute <loc> in a sitemap, which is how a
 * sitemap index names its files. What the site does not answer is
 * skipped when rendered.
 */
static int
crawl_links(struct crawl *c, const struct buf *body)
{
	const char	*p, *end = body->data + body->len, *q, *v;

	for (p = body->data; (p = strstr(p, "href=\"")) != NULL &&
	    p < end; p = q + 1) {
		v = p + 6;
		if ((q = strchr(v, '"')) == NULL)
			break;
		if (crawl_link(c, v, (size_t)(q - v)) != 0)
			return -1;
	}
	for (p = body->data; (p = strstr(p, "<loc>")) != NULL && p < end;
	    p = q) {
		v = p + 5;
		if ((q = strchr(v, '<')) == NULL)
			break;
		/* "scheme://host/path": the path. */
		if ((v = strstr(v, "://")) == NULL || v > q ||
		    (v = memchr(v + 3, '/', (size_t)(q - v - 3))) == NULL)
			continue;
		if (crawl_link(c, v, (size_t)(q - v)) != 0)
			return -1;
	}
	return 0;
}

static const char *
env_get(void *arg, const char *name)
{
	const struct export_env	*e = arg;

	if (strcmp(name, "REQUEST_METHOD") == 0)
		return "GET";
	if (strcmp(name, "REQUEST_URI") == 0)
		return e->uri;
	if (strcmp(name, "HTTP_HOST") == 0)
		return e->host;
	if (strcmp(name, "REQUEST_SCHEME") == 0)
		return e->scheme;
	return NULL;
}

/* mkdir -p for the folders leading to "file". */
static int
make_parents(char *file, struct export_report *rep)
{
	char	*s;

	for (s = strchr(file + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(file, 0755) != 0 && errno != EEXIST) {
			snprintf(rep->error, sizeof(rep->error), "%s: %s",
			    file, strerror(errno));
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	return 0;
}

static int
write_file(const char *path, const char *data, size_t len,
    struct export_report *rep)
{
	FILE	*f;
	int	 ok;

	if ((f = fopen(path, "wb")) == NULL) {
		snprintf(rep->error, sizeof(rep->error), "%s: %s", path,
		    strerror(errno));
		return -1;
	}
	ok = fwrite(data, 1, len, f) == len;
	if (fclose(f) != 0)
		ok = 0;
	if (!ok) {
		snprintf(rep->error, sizeof(rep->error), "%s: write failed: %s",
		    path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Where a site path's page goes: DIR/path/index.html. */
static int
write_page(const char *dir, const char *path, const struct buf *body,
    struct export_report *rep)
{
	struct buf	 file = BUF_INIT;
	size_t		 len;
	int		 rc;

	/* The router refuses these already; a file write checks again. */
	len = strlen(path);
	if (path[0] != '/' || strstr(path, "//") != NULL ||
	    strstr(path, "/./") != NULL || strstr(path, "/../") != NULL ||
	    (len >= 3 && strcmp(path + len - 3, "/..") == 0)) {
		snprintf(rep->error, sizeof(rep->error), "%s: not a path to "
		    "write", path);
		return -1;
	}
	buf_puts(&file, dir);
	buf_puts(&file, path);
	if (path[strlen(path) - 1] == '/')
		buf_puts(&file, "index.html");
	rc = make_parents(file.data, rep) == 0 &&
	    write_file(file.data, body->data ? body->data : "", body->len,
	    rep) == 0 ? 0 : -1;
	buf_free(&file);
	return rc;
}

/* Copy the static files: public/ as it is, folders and regular files. */
static int
copy_tree(const char *from, const char *to, struct export_report *rep)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	struct buf	 src = BUF_INIT, dst = BUF_INIT, data = BUF_INIT;
	FILE		*f;
	char		 chunk[65536];
	size_t		 n;
	int		 rc = 0;

	if ((d = opendir(from)) == NULL) {
		snprintf(rep->error, sizeof(rep->error), "%s: %s", from,
		    strerror(errno));
		return -1;
	}
	if (mkdir(to, 0755) != 0 && errno != EEXIST) {
		snprintf(rep->error, sizeof(rep->error), "%s: %s", to,
		    strerror(errno));
		closedir(d);
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;	/* ., .. and hidden files */
		buf_reset(&src);
		buf_printf(&src, "%s/%s", from, de->d_name);
		buf_reset(&dst);
		buf_printf(&dst, "%s/%s", to, de->d_name);
		if (lstat(src.data, &st) != 0) {
			snprintf(rep->error, sizeof(rep->error), "%s: %s",
			    src.data, strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			rc = copy_tree(src.data, dst.data, rep);
		} else if (S_ISREG(st.st_mode)) {
			if ((f = fopen(src.data, "rb")) == NULL) {
				snprintf(rep->error, sizeof(rep->error),
				    "%s: %s", src.data, strerror(errno));
				rc = -1;
				continue;
			}
			buf_reset(&data);
			while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
				buf_append(&data, chunk, n);
			if (ferror(f)) {
				snprintf(rep->error, sizeof(rep->error),
				    "%s: read error", src.data);
				rc = -1;
			}
			fclose(f);
			if (rc == 0)
				rc = write_file(dst.data, data.data ?
				    data.data : "", data.len, rep);
			rep->files++;
		}
	}
	closedir(d);
	buf_free(&src);
	buf_free(&dst);
	buf_free(&data);
	return rc;
}

/* DIR must be new or empty: stale files would be served as the site. */
static int
prepare_dir(const char *dir, struct export_report *rep)
{
	DIR		*d;
	struct dirent	*de;
	int		 empty = 1;

	if (mkdir(dir, 0755) == 0)
		return 0;
	if (errno != EEXIST || (d = opendir(dir)) == NULL) {
		snprintf(rep->error, sizeof(rep->error), "%s: %s", dir,
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	if (!empty) {
		snprintf(rep->error, sizeof(rep->error), "%s is not empty; "
		    "export into a new folder", dir);
		return -1;
	}
	return 0;
}

/* Is folder "a" inside folder "b" (or b itself)? Both must exist. */
static int
inside(const char *a, const char *b)
{
	char	*ra = realpath(a, NULL), *rb = realpath(b, NULL);
	size_t	 n;
	int	 in = 0;

	if (ra != NULL && rb != NULL) {
		n = strlen(rb);
		in = strncmp(ra, rb, n) == 0 && (ra[n] == '/' ||
		    ra[n] == '\0');
	}
	free(ra);
	free(rb);
	return in;
}

/*
 * Old URLs (the redirect table): a static server cannot answer 301, so
 * each old folder gets a page that sends the browser on, to where the
 * handler's 301 would. Old paths that are files, that a page already
 * uses, or that do not redirect (a post no longer public) get nothing.
 */
static int
write_redirects(sqlite3 *db, struct tmpl *const t[TMPL__MAX],
    const char *dir, struct export_env *ee, time_t now,
    struct export_report *rep)
{
	struct cgi_env	 e = { env_get, ee, NULL };
	struct arena	 arena = ARENA_INIT;
	struct buf	 body = BUF_INIT, uri = BUF_INIT, file = BUF_INIT;
	struct req	 r;
	sqlite3_stmt	*st;
	const char	*old;
	struct stat	 sb;
	int		 rc = 0, step;

	if ((st = db_stmt(db, sql_redirects)) == NULL)
		return -1;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		old = (const char *)sqlite3_column_text(st, 0);
		if (old == NULL || old[strlen(old) - 1] != '/' ||
		    strstr(old, "//") != NULL)
			continue;
		buf_reset(&file);
		buf_printf(&file, "%s%sindex.html", dir, old);
		if (stat(file.data, &sb) == 0)
			continue;	/* a page lives there now */
		/* The request line is ASCII: encode all but the slashes. */
		buf_reset(&uri);
		for (; *old != '\0'; old++) {
			if (*old == '/')
				buf_putc(&uri, '/');
			else
				url_part(&uri, old, 1);
		}
		ee->uri = uri.data;
		render_page(&r, db, t, &arena, &e, now, &body);
		if (r.status != 301 || r.location == NULL ||
		    r.location[0] != '/')
			continue;
		buf_reset(&body);
		buf_puts(&body, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>Moved</title>\n"
		    "<meta http-equiv=\"refresh\" content=\"0; url=");
		html_text(&body, r.location, strlen(r.location));
		buf_puts(&body, "\">\n<link rel=\"canonical\" href=\"");
		html_text(&body, r.location, strlen(r.location));
		buf_puts(&body, "\">\n</head>\n<body>\n<p>This page has moved "
		    "to <a href=\"");
		html_text(&body, r.location, strlen(r.location));
		buf_puts(&body, "\">");
		html_text(&body, r.location, strlen(r.location));
		buf_puts(&body, "</a>.</p>\n</body>\n</html>\n");
		if (write_page(dir, r.path, &body, rep) != 0)
			rc = -1;
		else
			rep->redirects++;
	}
	db_done(st);
	if (rc == 0 && step != SQLITE_DONE) {
		db_log(db, "export redirects");
		snprintf(rep->error, sizeof(rep->error), "cannot list the "
		    "redirects (database error)");
		rc = -1;
	}
	buf_free(&body);
	buf_free(&uri);
	buf_free(&file);
	arena_free(&arena);
	return rc;
}

/* Seed the crawl from the database: everything a visitor can reach. */
static int
seed(struct crawl *c, sqlite3 *db, time_t now, struct arena *a)
{
	const struct site	*s;
	sqlite3_stmt		*st;
	const char		*url;
	size_t			 i;
	int			 rc;

	if ((s = site_get(db, now)) == NULL)
		return -1;
	/* The home page, and the files robots and crawlers look for. */
	if (crawl_add(c, "/", 1) != 0 ||
	    crawl_add(c, "/robots.txt", 11) != 0 ||
	    crawl_add(c, "/sitemap.xml", 12) != 0)
		return -1;
	for (i = 0; i < s->ncats; i++)
		if (crawl_add(c, s->cats[i].url, strlen(s->cats[i].url)) != 0)
			return -1;
	for (i = 0; i < s->nauthors; i++)
		if (crawl_add(c, s->authors[i].url,
		    strlen(s->authors[i].url)) != 0)
			return -1;
	for (i = 0; i < s->nmonths; i++) {
		/* The month, and its year. */
		url = url_archive(a, s->months[i].year, s->months[i].month, 0);
		if (crawl_add(c, url, strlen(url)) != 0)
			return -1;
		url = url_archive(a, s->months[i].year, 0, 0);
		if (crawl_add(c, url, strlen(url)) != 0)
			return -1;
	}
	if ((st = db_stmt(db, sql_posts)) == NULL)
		return -1;
	if (sqlite3_bind_int64(st, 1, (sqlite3_int64)now) != SQLITE_OK) {
		db_done(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		url = url_post(a, (time_t)sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 0));
		/* The post, and its day's archive. */
		if (crawl_add(c, url, strlen(url)) != 0 ||
		    crawl_add(c, url, 12) != 0) {
			db_done(st);
			return -1;
		}
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_log(db, "export posts");
		return -1;
	}
	if ((st = db_stmt(db, sql_pages)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		url = url_page(a, (const char *)sqlite3_column_text(st, 0));
		if (crawl_add(c, url, strlen(url)) != 0) {
			db_done(st);
			return -1;
		}
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_log(db, "export pages");
		return -1;
	}
	return 0;
}

/*
 * Copy upload_dir to dir/uploads, unless it is public_dir/uploads (copied
 * with public/) or does not exist (nothing uploaded yet). Returns -1 with
 * rep->error set.
 */
static int
copy_uploads(const char *upload_dir, const char *public_dir, const char *dir,
    struct export_report *rep)
{
	struct buf	 path = BUF_INIT;
	struct stat	 up, in_public;
	int		 rc = 0;

	if (upload_dir == NULL)
		return 0;
	if (stat(upload_dir, &up) != 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(rep->error, sizeof(rep->error), "%s: %s",
		    upload_dir, strerror(errno));
		return -1;
	}
	/* Already copied with public/ if it is that folder itself; not if
	 * public/uploads is a symbolic link to it, which copy_tree() skips. */
	if (public_dir != NULL) {
		buf_printf(&path, "%s/uploads", public_dir);
		if (lstat(path.data, &in_public) == 0 &&
		    in_public.st_dev == up.st_dev &&
		    in_public.st_ino == up.st_ino)
			goto out;
	}
	buf_reset(&path);
	buf_printf(&path, "%s/uploads", dir);
	rc = copy_tree(upload_dir, path.data, rep);
out:
	buf_free(&path);
	return rc;
}

enum folio_err
export_static(sqlite3 *db, struct tmpl *const t[TMPL__MAX],
    const char *dir, const char *origin, const char *public_dir,
    const char *upload_dir, struct export_report *rep)
{
	struct crawl		 c;
	struct export_env	 ee;
	struct cgi_env		 e = { env_get, &ee, NULL };
	struct arena		 arena = ARENA_INIT, seeds = ARENA_INIT;
	struct buf		 body = BUF_INIT;
	struct req		 r;
	const char		*p;
	time_t			 now = time(NULL);
	enum folio_err		 rc = FOLIO_ERR_IO;

	memset(rep, 0, sizeof(*rep));
	memset(&c, 0, sizeof(c));
	if (origin == NULL)
		origin = "http://localhost";
	if (strncmp(origin, "http://", 7) == 0) {
		ee.scheme = "http";
		ee.host = origin + 7;
	} else if (strncmp(origin, "https://", 8) == 0) {
		ee.scheme = "https";
		ee.host = origin + 8;
	} else
		ee.host = NULL;
	if (ee.host == NULL || *ee.host == '\0' || strchr(ee.host, '/')) {
		snprintf(rep->error, sizeof(rep->error), "origin %s is not "
		    "http(s)://host[:port]", origin);
		return FOLIO_ERR_INPUT;
	}
	if (prepare_dir(dir, rep) != 0)
		return FOLIO_ERR_IO;
	if ((public_dir != NULL && inside(dir, public_dir)) ||
	    (upload_dir != NULL && inside(dir, upload_dir))) {
		snprintf(rep->error, sizeof(rep->error), "%s is inside %s, "
		    "which is copied into it", dir, upload_dir != NULL &&
		    inside(dir, upload_dir) ? upload_dir : public_dir);
		rmdir(dir);	/* empty: prepare_dir() saw to that */
		return FOLIO_ERR_INPUT;
	}
	if (seed(&c, db, now, &seeds) != 0) {
		snprintf(rep->error, sizeof(rep->error), "cannot list the "
		    "site's pages (database error)");
		rc = FOLIO_ERR_DB;
		goto out;
	}
	for (; c.next < c.nqueue; c.next++) {
		p = c.queue[c.next];
		ee.uri = p;
		render_page(&r, db, t, &arena, &e, now, &body);
		if (r.status == 301 || r.status == 404) {
			rep->skipped++;
			continue;
		}
		if (r.status != 200) {
			snprintf(rep->error, sizeof(rep->error), "%s: the "
			    "handler answered %d", p, r.status);
			rc = FOLIO_ERR_DB;
			goto out;
		}
		/* The decoded path, as a static server maps URLs to files. */
		if (write_page(dir, r.path, &body, rep) != 0)
			goto out;
		rep->pages++;
		if (crawl_links(&c, &body) != 0) {
			snprintf(rep->error, sizeof(rep->error), "more than %d "
			    "pages", EXPORT_PATHS_MAX);
			rc = FOLIO_ERR_TOOLONG;
			goto out;
		}
	}
	/* What static servers show for a missing file (error_page). */
	ee.uri = NOT_FOUND_PATH;
	render_page(&r, db, t, &arena, &e, now, &body);
	if (r.status != 404) {
		snprintf(rep->error, sizeof(rep->error), "%s: the handler "
		    "answered %d, not 404", NOT_FOUND_PATH, r.status);
		goto out;
	}
	if (write_page(dir, "/404.html", &body, rep) != 0 ||
	    write_redirects(db, t, dir, &ee, now, rep) != 0 ||
	    (public_dir != NULL && copy_tree(public_dir, dir, rep) != 0) ||
	    copy_uploads(upload_dir, public_dir, dir, rep) != 0)
		goto out;
	rc = FOLIO_OK;
out:
	crawl_free(&c);
	buf_free(&body);
	arena_free(&arena);
	arena_free(&seeds);
	return rc;
}
