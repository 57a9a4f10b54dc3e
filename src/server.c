/*
 * server.c -- the process model of both FastCGI handlers, so the public
 * site and the admin run the same way: a prefork manager that owns the
 * socket and keeps N workers alive, the worker's accept loop, and plain
 * CGI for one request. What a request gets is the program's serve().
 */
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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

#define STOP_GRACE	30	/* seconds a worker may take to finish */

static volatile sig_atomic_t	 stopping, reloading;
static volatile sig_atomic_t	 retire;	/* worker: SIGUSR1 came */
static long			 max_requests;	/* 0: no limit */

static void	 on_stop(int);
static void	 on_retire(int);
static void	 nap(long);

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

/* A connection waits on listening socket "fd". */
static int
queued(int fd)
{
	struct pollfd	 p;

	p.fd = fd;
	p.events = POLLIN;
	p.revents = 0;
	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

/*
 * Wait until a connection is queued on "fd", letting the stop signals in
 * only for the wait: 1 when one is, 0 when a signal ended the wait.
 */
static int
wait_queued(int fd, const sigset_t *unblocked)
{
	fd_set	 r;

	FD_ZERO(&r);
	FD_SET(fd, &r);
	if (pselect(fd + 1, &r, NULL, NULL, NULL, unblocked) == 1)
		return 1;
	if (errno != EINTR)
		log_warn("pselect: %s", strerror(errno));
	return 0;
}

/*
 * A FastCGI worker: accept on "fd" until told to stop or, with
 * --max-requests, until it has served that many. SIGTERM, SIGINT and
 * SIGUSR1 only set a flag, and they are let in only while the worker
 * waits for a connection: never while libfcgi accepts and reads a
 * request's parameters (an interrupted read would fail the request) nor
 * while it is served. The socket is non-blocking, so a worker that wakes
 * for a connection another took returns to the wait instead of blocking
 * in accept with the signals shut out. On SIGTERM it serves what is
 * still queued, as no worker will; SIGUSR1 (replaced after a reload)
 * leaves the queue to the others, which may never empty it under load.
 */
static int
worker_main(const struct server *s, int fd)
{
	FCGX_Request	 fr;
	struct cgi_env	 e = { fcgi_param, &fr, fcgi_read };
	struct arena	 arena = ARENA_INIT;
	struct buf	 body = BUF_INIT, out = BUF_INIT;
	struct sigaction sa;
	sigset_t	 stopsigs, old;
	sqlite3		*db;
	long		 served = 0;
	int		 flags, got, rc = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&stopsigs);
	sigaddset(&stopsigs, SIGTERM);
	sigaddset(&stopsigs, SIGINT);
	sigaddset(&stopsigs, SIGUSR1);
	if (sigaction(SIGTERM, &sa, NULL) != 0 ||
	    sigaction(SIGINT, &sa, NULL) != 0 ||
	    signal(SIGHUP, SIG_IGN) == SIG_ERR) {
		log_err("sigaction: %s", strerror(errno));
		return 1;
	}
	sa.sa_handler = on_retire;
	if (sigaction(SIGUSR1, &sa, NULL) != 0) {
		log_err("sigaction: %s", strerror(errno));
		return 1;
	}
	if (fd >= FD_SETSIZE || (flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) {
		log_err("the listening socket cannot be made non-blocking");
		return 1;
	}
	if (sigprocmask(SIG_BLOCK, &stopsigs, &old) != 0) {
		log_err("sigprocmask: %s", strerror(errno));
		return 1;
	}
	if ((db = db_open(db_path(), s->mode)) == NULL)
		return 1;
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, fd, 0) != 0) {
		log_err("FastCGI initialisation failed");
		db_close(db);
		return 1;
	}
	for (;;) {
		/* Stopping, a worker still serves what is queued. */
		if (retire || (stopping && !queued(fd)))
			break;
		if (!stopping && !wait_queued(fd, &old))
			continue;
		if ((got = FCGX_Accept_r(&fr)) != 0) {
			/* Another worker took it. */
			if (got == -EAGAIN || got == -EWOULDBLOCK)
				continue;
			log_err("FastCGI accept failed: %s", got < 0 &&
			    got != -9999 ? strerror(-got) : "protocol error");
			rc = 1;
			break;
		}
		s->serve(db, &arena, &e, &body, &out);
		if (FCGX_PutStr(out.data, (int)out.len, fr.out) < 0)
			log_info("client went away before the response");
		FCGX_Finish_r(&fr);
		/* Stopping, the queue must be served: no new worker comes. */
		if (max_requests > 0 && ++served >= max_requests && !stopping)
			break;
		if (retire)
			break;
	}
	FCGX_Free(&fr, 0);
	buf_free(&body);
	buf_free(&out);
	arena_free(&arena);
	site_free();
	db_close(db);
	return rc;
}

static void
on_stop(int sig)
{
	(void)sig;
	/*
	 * Not FCGX_ShutdownPending(): it makes libfcgi fail every later
	 * read, so the requests still queued could not be served.
	 */
	stopping = 1;
}

static void
on_retire(int sig)
{
	(void)sig;
	retire = 1;
}

static void
on_hup(int sig)
{
	(void)sig;
	reloading = 1;
}

static pid_t
spawn(const struct server *s, int fd)
{
	pid_t	 pid = fork();

	if (pid == 0)
		_exit(worker_main(s, fd));
	if (pid < 0)
		log_err("fork: %s", strerror(errno));
	return pid;
}

/* Sleep "ms" milliseconds; a signal cuts it short. */
static void
nap(long ms)
{
	struct timespec	 ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

struct worker {
	pid_t		 pid;		/* -1: none running */
	time_t		 started;
	unsigned	 gen;		/* templates generation it runs */
	int		 retiring;	/* sent SIGUSR1 to be replaced */
};

/*
 * SIGHUP: load the templates again. A child tries first, so that broken
 * templates (the error, file:line:col, is logged there) leave the
 * manager's copy, and the workers, as they were. Returns 0 on success.
 * XXX A template changed between the child's load and ours fails here,
 * and the manager's copy is then incomplete until the next good SIGHUP.
 */
static int
reload(const struct server *s)
{
	pid_t	 pid;
	int	 status;

	if (s->init == NULL)
		return 0;
	if ((pid = fork()) < 0) {
		log_err("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0)
		_exit(s->init() == 0 ? 0 : 1);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			log_err("waitpid: %s", strerror(errno));
			return -1;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		log_err("reload failed: the workers keep the old templates");
		return -1;
	}
	if (s->fini != NULL)
		s->fini();
	if (s->init() != 0) {
		log_err("reload failed in the manager");
		return -1;
	}
	return 0;
}

static void
worker_start(const struct server *s, struct worker *w, int fd, unsigned gen)
{
	w->pid = spawn(s, fd);
	w->started = time(NULL);
	w->gen = gen;
	w->retiring = 0;
}

/* Worker "pid" has exited: start another unless we are stopping. */
static void
worker_exited(const struct server *s, struct worker *w, int n, int fd,
    unsigned gen, pid_t pid, int status)
{
	int	 i;

	for (i = 0; i < n; i++) {
		if (w[i].pid != pid)
			continue;
		w[i].pid = -1;
		if (stopping)
			return;
		if (w[i].retiring)
			log_info("worker %d replaced after reload", (int)pid);
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			log_info("worker %d served %ld requests, starting "
			    "another", (int)pid, max_requests);
		else {
			log_warn("worker %d exited (status %d), restarting",
			    (int)pid, status);
			/* A worker that dies at once would spin: slow down. */
			if (time(NULL) - w[i].started < 1)
				sleep(1);
			if (stopping)
				return;
		}
		worker_start(s, &w[i], fd, gen);
		return;
	}
}

/*
 * Stop gracefully: the socket is unlinked first, so nothing new arrives;
 * each worker finishes its request and what is queued, then exits.
 * SIGTERM is sent again each second (one that came just before a worker
 * blocked in accept is lost); after STOP_GRACE seconds, SIGKILL.
 */
static void
workers_stop(struct worker *w, int n)
{
	time_t	 start = time(NULL), kicked = start;
	pid_t	 pid;
	int	 i, alive, status;

	for (i = 0; i < n; i++)
		if (w[i].pid > 0)
			kill(w[i].pid, SIGTERM);
	for (;;) {
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			for (i = 0; i < n; i++)
				if (w[i].pid == pid)
					w[i].pid = -1;
		for (alive = 0, i = 0; i < n; i++)
			if (w[i].pid > 0)
				alive++;
		if (alive == 0)
			break;
		if (time(NULL) - start >= STOP_GRACE) {
			log_warn("%d workers still busy, killing them", alive);
			for (i = 0; i < n; i++)
				if (w[i].pid > 0)
					kill(w[i].pid, SIGKILL);
			while (wait(&status) > 0 || errno == EINTR)
				;
			break;
		}
		if (time(NULL) != kicked) {
			kicked = time(NULL);
			for (i = 0; i < n; i++)
				if (w[i].pid > 0)
					kill(w[i].pid, SIGTERM);
		}
		nap(100);
	}
}

/*
 * The prefork manager: own the socket and keep "n" workers alive. On
 * SIGTERM or SIGINT stop gracefully and remove the socket; on SIGHUP load
 * the templates again and replace the workers one at a time.
 */
static int
manager_main(const struct server *s, const char *path, int fd, int n)
{
	struct sigaction sa;
	struct worker	 w[WORKERS_MAX];
	unsigned	 gen = 0;
	pid_t		 pid;
	int		 own = fd < 0, i, status, busy;

	if (FCGX_Init() != 0) {
		log_err("FastCGI initialisation failed");
		return 1;
	}
	if (own && (fd = FCGX_OpenSocket(path, 128)) < 0) {
		log_err("%s: cannot listen: %s", path, strerror(errno));
		return 1;
	}
	if (own && path[0] != ':' && chmod(path, 0660) != 0)
		log_warn("%s: chmod: %s", path, strerror(errno));

	/* No SA_RESTART: a signal must cut the manager's nap short. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) != 0 ||
	    sigaction(SIGINT, &sa, NULL) != 0) {
		log_err("sigaction: %s", strerror(errno));
		return 1;
	}
	sa.sa_handler = on_hup;
	if (sigaction(SIGHUP, &sa, NULL) != 0) {
		log_err("sigaction: %s", strerror(errno));
		return 1;
	}

	for (i = 0; i < n; i++)
		worker_start(s, &w[i], fd, gen);
	log_info("listening on %s with %d workers", path, n);
	while (!stopping) {
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			worker_exited(s, w, n, fd, gen, pid, status);
		if (stopping)
			break;
		if (reloading) {
			reloading = 0;
			log_info("SIGHUP: loading the templates again");
			if (reload(s) == 0)
				gen++;
		}
		/*
		 * A slot whose fork failed is tried again each second; the
		 * workers of older templates are replaced one at a time.
		 */
		for (busy = 0, i = 0; i < n; i++) {
			if (w[i].pid <= 0 && !stopping &&
			    time(NULL) - w[i].started >= 1)
				worker_start(s, &w[i], fd, gen);
			if (w[i].retiring)
				busy = 1;
		}
		for (i = 0; !busy && i < n; i++)
			if (w[i].pid > 0 && w[i].gen != gen) {
				w[i].retiring = 1;
				kill(w[i].pid, SIGUSR1);
				busy = 1;
			}
		nap(100);
	}
	log_info("stopping: the workers finish their requests");
	if (own && path[0] != ':')
		unlink(path);
	workers_stop(w, n);
	close(fd);
	log_info("stopped");
	return 0;
}

/*
 * A listening socket passed by systemd (sd_listen_fds(3)): fd 3 when
 * LISTEN_FDS is 1 and LISTEN_PID is ours, else -1. The variables are
 * removed so the workers do not take them for their own.
 */
static int
systemd_socket(void)
{
	const char	*fds = getenv("LISTEN_FDS");
	const char	*pid = getenv("LISTEN_PID");
	char		*end;
	long		 p;
	int		 fd = -1;

	if (fds == NULL || pid == NULL)
		return -1;
	p = strtol(pid, &end, 10);
	if (*end == '\0' && p == (long)getpid()) {
		if (strcmp(fds, "1") == 0)
			fd = 3;
		else
			log_warn("LISTEN_FDS=%s: want one socket, ignored", fds);
	}
	if (unsetenv("LISTEN_FDS") != 0 || unsetenv("LISTEN_PID") != 0 ||
	    unsetenv("LISTEN_FDNAMES") != 0)
		log_warn("unsetenv: %s", strerror(errno));
	return fd;
}

static void
usage(const struct server *s)
{
	fprintf(stderr, "usage: %s [--socket PATH [--workers N] "
	    "[--max-requests N]]\n"
	    "  with LISTEN_FDS=1 (systemd): the manager, on fd 3\n"
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
	int		 fd, i, rc;

	log_init(argv[0]);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc)
			sock = argv[++i];
		else if (strcmp(argv[i], "--workers") == 0 && i + 1 < argc) {
			workers = strtol(argv[++i], &end, 10);
			if (*end != '\0' || workers < 1 ||
			    workers > WORKERS_MAX)
				usage(s);
		} else if (strcmp(argv[i], "--max-requests") == 0 &&
		    i + 1 < argc) {
			max_requests = strtol(argv[++i], &end, 10);
			if (*end != '\0' || max_requests < 0)
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
	if ((fd = systemd_socket()) >= 0)
		rc = manager_main(s, "the systemd socket", fd, (int)workers);
	else if (sock != NULL)
		rc = manager_main(s, sock, -1, (int)workers);
	else if (FCGX_IsCGI())
		rc = cgi_main(s);
	else
		rc = worker_main(s, 0);
	if (s->fini != NULL)
		s->fini();
	return rc;
}
