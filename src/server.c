/*
 * server.c -- the process model of both FastCGI handlers, so the public
 * site and the admin run the same way: a prefork manager that owns the
 * socket and keeps N workers alive, the worker's accept loop, and plain
 * CGI for one request. What a request gets is the program's serve().
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
#include "req.h"
#include "server.h"
#include "site.h"

#define WORKERS_MAX	256

static volatile sig_atomic_t	 stopping;

static const char *
fcgi_param(void *arg, const char *name)
{
	return FCGX_GetParam(name, ((FCGX_Request *)arg)->envp);
}

static long
fcgi_read(void *arg, char *p, size_t n)
{
	int	 len = n > 65536 ? 65536 : (int)n;

	return FCGX_GetStr(p, len, ((FCGX_Request *)arg)->in);
}

static const char *
cgi_param(void *arg, const char *name)
{
	(void)arg;
	return getenv(name);
}

static long
cgi_read(void *arg, char *p, size_t n)
{
	ssize_t	 got;

	(void)arg;
	do
		got = read(STDIN_FILENO, p, n);
	while (got < 0 && errno == EINTR);
	return (long)got;
}

/*
 * Read and drop what is left of the request body. A CGI that exits with
 * its body unread makes Apache's mod_cgid reset the connection instead
 * of sending our answer (a 405 for a POST to the public site, say).
 */
static void
cgi_drain(void)
{
	char		 chunk[8192];
	const char	*cl = getenv("CONTENT_LENGTH");
	long long	 left;
	long		 got;
	char		*end;

	if (cl == NULL || *cl == '\0')
		return;
	left = strtoll(cl, &end, 10);
	if (*end != '\0' || left <= 0)
		return;
	while (left > 0 && (got = cgi_read(NULL, chunk, left < (long long)
	    sizeof(chunk) ? (size_t)left : sizeof(chunk))) > 0)
		left -= got;
}

static int
cgi_main(const struct server *s)
{
	struct cgi_env	 e = { cgi_param, NULL, cgi_read };
	struct arena	 arena = ARENA_INIT;
	struct buf	 body = BUF_INIT, out = BUF_INIT;
	sqlite3		*db;
	size_t		 off = 0;
	ssize_t		 n;
	int		 rc = 0;

	if ((db = db_open(db_path(), s->mode)) == NULL) {
		fputs("Status: 503 Service Unavailable\r\n"
		    "Content-Type: text/plain\r\n\r\n"
		    "The site's database cannot be opened.\n", stdout);
		return 1;
	}
	s->serve(db, &arena, &e, &body, &out);
	cgi_drain();
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
worker_main(const struct server *s, int fd)
{
	FCGX_Request	 fr;
	struct cgi_env	 e = { fcgi_param, &fr, fcgi_read };
	struct arena	 arena = ARENA_INIT;
	struct buf	 body = BUF_INIT, out = BUF_INIT;
	sqlite3		*db;

	if ((db = db_open(db_path(), s->mode)) == NULL)
		return 1;
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, fd, 0) != 0) {
		log_err("FastCGI initialisation failed");
		db_close(db);
		return 1;
	}
	while (!stopping && FCGX_Accept_r(&fr) == 0) {
		s->serve(db, &arena, &e, &body, &out);
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
spawn(const struct server *s, int fd)
{
	pid_t	 pid = fork();

	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		_exit(worker_main(s, fd));
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
manager_main(const struct server *s, const char *path, int n)
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
		pids[i] = spawn(s, fd);
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
				pids[i] = spawn(s, fd);
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
usage(const struct server *s)
{
	fprintf(stderr, "usage: %s [--socket PATH [--workers N]]\n"
	    "  without --socket: a FastCGI worker on fd 0, or plain CGI\n",
	    s->name);
	exit(2);
}

int
server_main(const struct server *s, int argc, char *argv[])
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
				usage(s);
		} else
			usage(s);
	}
	if (workers < 1)
		workers = 1;
	if (workers > WORKERS_MAX)
		workers = WORKERS_MAX;
	if (s->init != NULL && s->init() != 0)
		return 1;
	if (sock != NULL)
		rc = manager_main(s, sock, (int)workers);
	else if (FCGX_IsCGI())
		rc = cgi_main(s);
	else
		rc = worker_main(s, 0);
	if (s->fini != NULL)
		s->fini();
	return rc;
}
