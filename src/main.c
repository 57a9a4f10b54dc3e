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
#include "render.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"

#define WORKERS_MAX	256

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
	return render_templates_load(templates);
}

static void
templates_free(void)
{
	render_templates_free(templates);
}

/*
 * Answer one request: the complete response, headers and body, ends up
 * in "out", so nothing reaches the client until it is whole.
 */
static void
serve(sqlite3 *db, struct arena *arena, const struct cgi_env *e,
    struct buf *body, struct buf *out)
{
	struct req	 r;

	render_page(&r, db, templates, arena, e, time(NULL), body);
	buf_reset(out);

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
	if (r.method != METHOD_HEAD)
		buf_append(out, body->data, body->len);
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
	size_t		 off = 0;
	ssize_t		 n;
	int		 rc = 0;

	if ((db = db_open(db_path(), DB_READONLY)) == NULL) {
		fputs("Status: 503 Service Unavailable\r\n"
		    "Content-Type: text/plain\r\n\r\n"
		    "The site's database cannot be opened.\n", stdout);
		return 1;
	}
	serve(db, &arena, &e, &body, &out);
	while (off < out.len) {
		n = write(STDOUT_FILENO, out.data + off, out.len - off);
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

	if ((db = db_open(db_path(), DB_READONLY)) == NULL)
		return 1;
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, fd, 0) != 0) {
		log_err("FastCGI initialisation failed");
		db_close(db);
		return 1;
	}
	while (!stopping && FCGX_Accept_r(&fr) == 0) {
		serve(db, &arena, &e, &body, &out);
		if (FCGX_PutStr(out.data, (int)out.len, fr.out) < 0)
			log_info("client went away before the response");
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 0);
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
