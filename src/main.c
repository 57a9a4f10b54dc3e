/*
 * main.c -- cgi-bin/folio.fcgi, the public site. Read-only and the hot
 * path. One binary, three ways to run:
 *
 *	folio.fcgi --socket PATH [--workers N]	bind PATH, prefork N workers
 *	folio.fcgi (fd 0 a listening socket)	a FastCGI worker, spawned
 *	folio.fcgi (anything else)		plain CGI: one request, exit
 *
 * Each request: parse and check input (req.c), route (route.c), let the
 * handler fill variables (page_*.c), render the page's template into one
 * buffer and send headers and body in one write.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "folio.h"
#include "db.h"
#include "pagecache.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"

#ifndef FOLIO_DATADIR
#define FOLIO_DATADIR	"."
#endif
#define WORKERS_MAX	256

static const char *const tmpl_files[TMPL__MAX] = {
	[TMPL_LIST] = "list.tmpl",
	[TMPL_POST] = "post.tmpl",
	[TMPL_PAGE] = "page.tmpl",
	[TMPL_ERROR] = "error.tmpl",
};
static struct tmpl	*templates[TMPL__MAX];

static volatile sig_atomic_t	 stopping;

static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 503: return "Service Unavailable";
	default:  return "Internal Server Error";
	}
}

static int
templates_load(void)
{
	const char	*dir = getenv("FOLIO_TEMPLATES");
	char		 err[512];
	size_t		 i;

	if (dir == NULL || *dir == '\0')
		dir = FOLIO_DATADIR "/templates";
	for (i = 0; i < TMPL__MAX; i++) {
		templates[i] = tmpl_load(dir, tmpl_files[i], err, sizeof(err));
		if (templates[i] == NULL) {
			log_err("template %s", err);
			return -1;
		}
	}
	return 0;
}

static void
templates_free(void)
{
	size_t	 i;

	for (i = 0; i < TMPL__MAX; i++) {
		tmpl_free(templates[i]);
		templates[i] = NULL;
	}
}

/* The cache key: everything that makes two responses differ. */
static const char *
page_key(const struct req *r)
{
	return arena_printf(r->arena, "%s\n%s?%s", r->origin, r->raw_path,
	    r->query);
}

/*
 * Answer one request: the complete response, headers and body, ends up
 * in "out", so nothing reaches the client until it is whole. Sets *data
 * and *len to the bytes to send: from the page cache or from "out".
 */
static void
serve(sqlite3 *db, struct arena *arena, const struct cgi_env *e,
    struct buf *body, struct buf *out, const char **data, size_t *len)
{
	static unsigned long	 cached_build;
	const struct cached_page *hit;
	struct req		 r;
	const char		*key = NULL;
	size_t			 head_len;

	arena_reset(arena);
	buf_reset(body);
	buf_reset(out);
	memset(&r, 0, sizeof(r));
	r.arena = arena;
	r.db = db;
	r.now = time(NULL);
	r.status = 200;
	r.vars = tvars_new(arena);
	r.site = site_get(db, r.now);
	if (r.site != NULL && r.site->build != cached_build) {
		pagecache_clear();
		cached_build = r.site->build;
	}

	if (req_parse(&r, e) != FOLIO_OK)
		page_error(&r, 400);
	else if (r.site == NULL)
		page_error(&r, 503);
	else if (r.method != METHOD_OTHER) {
		key = page_key(&r);
		if ((hit = pagecache_get(key)) != NULL) {
			*data = hit->data;
			*len = r.method == METHOD_HEAD ? hit->head_len :
			    hit->len;
			return;
		}
		route_dispatch(&r);
	} else
		route_dispatch(&r);

	if (r.status != 301) {
		if (r.site != NULL)
			site_vars(&r, r.title);
		if (r.description != NULL && r.description[0] != '\0')
			tvars_set(r.vars, "meta_description", r.description);
		tmpl_render(templates[r.tmpl], r.vars, body);
	}

	buf_printf(out, "Status: %d %s\r\n", r.status, status_text(r.status));
	if (r.location != NULL)
		buf_printf(out, "Location: %s\r\n", r.location);
	if (r.status == 405)
		buf_puts(out, "Allow: GET, HEAD\r\n");
	buf_printf(out,
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %zu\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "Referrer-Policy: strict-origin-when-cross-origin\r\n"
	    "Content-Security-Policy: default-src 'self'; script-src 'none'; "
	    "object-src 'none'; base-uri 'self'; form-action 'self'; "
	    "frame-ancestors 'self'\r\n"
	    "\r\n", body->len);
	head_len = out->len;
	buf_append(out, body->data, body->len);
	/* What a page shows depends only on its key and the site build. */
	if (key != NULL && (r.status == 200 || r.status == 301 ||
	    r.status == 404))
		pagecache_put(key, out->data, out->len, head_len);
	*data = out->data;
	*len = r.method == METHOD_HEAD ? head_len : out->len;
}

static const char *
fcgi_param(void *arg, const char *name)
{
	return FCGX_GetParam(name, ((FCGX_Request *)arg)->envp);
}

static const char *
cgi_param(void *arg, const char *name)
{
	(void)arg;
	return getenv(name);
}

static int
cgi_main(void)
{
	struct cgi_env	 e = { cgi_param, NULL };
	struct arena	 arena = ARENA_INIT;
	struct buf	 body = BUF_INIT, out = BUF_INIT;
	sqlite3		*db;
	const char	*data;
	size_t		 len, off = 0;
	ssize_t		 n;
	int		 rc = 0;

	if ((db = db_open(db_path(), DB_READONLY)) == NULL) {
		fputs("Status: 503 Service Unavailable\r\n"
		    "Content-Type: text/plain\r\n\r\n"
		    "The site's database cannot be opened.\n", stdout);
		return 1;
	}
	serve(db, &arena, &e, &body, &out, &data, &len);
	while (off < len) {
		n = write(STDOUT_FILENO, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_err("write: %s", strerror(errno));
			rc = 1;
			break;
		}
		off += (size_t)n;
	}
	buf_free(&body);
	buf_free(&out);
	arena_free(&arena);
	site_free();
	db_close(db);
	return rc;
}

/* A FastCGI worker: accept on "fd" until told to stop. */
static int
worker_main(int fd)
{
	FCGX_Request	 fr;
	struct cgi_env	 e = { fcgi_param, &fr };
	struct arena	 arena = ARENA_INIT;
	struct buf	 body = BUF_INIT, out = BUF_INIT;
	sqlite3		*db;
	const char	*data;
	size_t		 len;

	if ((db = db_open(db_path(), DB_READONLY)) == NULL)
		return 1;
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, fd, 0) != 0) {
		log_err("FastCGI initialisation failed");
		db_close(db);
		return 1;
	}
	while (!stopping && FCGX_Accept_r(&fr) == 0) {
		serve(db, &arena, &e, &body, &out, &data, &len);
		if (FCGX_PutStr(data, (int)len, fr.out) < 0)
			log_info("client went away before the response");
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 0);
	pagecache_clear();
	buf_free(&body);
	buf_free(&out);
	arena_free(&arena);
	site_free();
	db_close(db);
	return 0;
}

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static pid_t
spawn(int fd)
{
	pid_t	 pid = fork();

	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		_exit(worker_main(fd));
	}
	if (pid < 0)
		log_err("fork: %s", strerror(errno));
	return pid;
}

/*
 * The prefork manager: own the socket, keep "n" workers alive, and on
 * SIGTERM or SIGINT stop them all and remove the socket.
 */
static int
manager_main(const char *path, int n)
{
	struct sigaction sa;
	pid_t		 pids[WORKERS_MAX], pid;
	time_t		 started[WORKERS_MAX];
	int		 fd, i, status;

	if (FCGX_Init() != 0) {
		log_err("FastCGI initialisation failed");
		return 1;
	}
	if ((fd = FCGX_OpenSocket(path, 128)) < 0) {
		log_err("%s: cannot listen: %s", path, strerror(errno));
		return 1;
	}
	if (path[0] != ':' && chmod(path, 0660) != 0)
		log_warn("%s: chmod: %s", path, strerror(errno));

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	for (i = 0; i < n; i++) {
		pids[i] = spawn(fd);
		started[i] = time(NULL);
	}
	log_info("listening on %s with %d workers", path, n);
	while (!stopping) {
		if ((pid = wait(&status)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < n; i++) {
			if (pids[i] != pid)
				continue;
			log_warn("worker %d exited (status %d), restarting",
			    (int)pid, status);
			/* A worker that dies at once would spin: slow down. */
			if (time(NULL) - started[i] < 1)
				sleep(1);
			if (!stopping) {
				pids[i] = spawn(fd);
				started[i] = time(NULL);
			}
		}
	}
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	while (wait(&status) > 0 || errno == EINTR)
		;
	if (path[0] != ':')
		unlink(path);
	close(fd);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: folio.fcgi [--socket PATH [--workers N]]\n"
	    "  without --socket: a FastCGI worker on fd 0, or plain CGI\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char	*sock = NULL;
	long		 workers = sysconf(_SC_NPROCESSORS_ONLN);
	char		*end;
	int		 i, rc;

	log_init(argv[0]);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc)
			sock = argv[++i];
		else if (strcmp(argv[i], "--workers") == 0 && i + 1 < argc) {
			workers = strtol(argv[++i], &end, 10);
			if (*end != '\0' || workers < 1 ||
			    workers > WORKERS_MAX)
				usage();
		} else
			usage();
	}
	if (workers < 1)
		workers = 1;
	if (templates_load() != 0)
		return 1;
	if (sock != NULL)
		rc = manager_main(sock, (int)workers);
	else if (FCGX_IsCGI())
		rc = cgi_main();
	else
		rc = worker_main(0);
	templates_free();
	return rc;
}
