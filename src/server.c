/*
 * server.c -- the process model of both FastCGI handlers, so the public
 * site and the admin run the same way: a prefork manager that owns the
 * socket (Unix or TCP) and keeps N workers alive, the worker's accept
 * loop, and plain CGI for one request. What a request gets is the
 * program's serve(). The configuration is config.c's; the manager reads
 * it again on SIGHUP. Both serve()s write their response heads with
 * server_head_begin()/_end(), from the one table of status texts.
 */
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "folio.h"
#include "config.h"
#include "db.h"
#include "req.h"
#include "server.h"

#define WORKERS_MAX	CONF_WORKERS_MAX

#define STOP_GRACE	30	/* seconds a worker may take to finish */
#define STOP_DRAIN	2	/* seconds a stopping worker takes new ones */
#define PARAMS_TIMEOUT	10	/* seconds a peer may take to send a request */

static volatile sig_atomic_t	 stopping, reloading;
static volatile sig_atomic_t	 retire;	/* worker: SIGUSR1 came */
static long			 max_requests;	/* 0: no limit */

static void	 on_stop(int);
static void	 on_retire(int);
static void	 nap(long);

/* Every status either handler sends. */
static const struct {
	int		 status;
	const char	*text;
} status_texts[] = {
	{ 200, "OK" },
	{ 301, "Moved Permanently" },
	{ 303, "See Other" },
	{ 304, "Not Modified" },
	{ 400, "Bad Request" },
	{ 401, "Unauthorized" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 409, "Conflict" },
	{ 413, "Content Too Large" },
	{ 429, "Too Many Requests" },
	{ 500, "Internal Server Error" },
	{ 503, "Service Unavailable" },
};

const char *
server_status_text(int status)
{
	size_t	 i;

	for (i = 0; i < sizeof(status_texts) / sizeof(status_texts[0]); i++)
		if (status_texts[i].status == status)
			return status_texts[i].text;
	return "Internal Server Error";
}

void
server_head_begin(struct buf *out, int status, const char *location,
    const char *allow)
{
	buf_printf(out, "Status: %d %s\r\n", status,
	    server_status_text(status));
	if (location != NULL)
		buf_printf(out, "Location: %s\r\n", location);
	if (status == 405)
		buf_printf(out, "Allow: %s\r\n", allow);
}

void
server_head_end(struct buf *out, const char *type, size_t len,
    const char *policy)
{
	if (type != NULL)
		buf_printf(out, "Content-Type: %s\r\n"
		    "Content-Length: %zu\r\n"
		    "%s", type, len, policy);
	buf_puts(out, "\r\n");
}

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

static struct deferred {
	void	(*fn)(void *);
	void	*arg;
} deferred[SERVER_DEFER_MAX];
static size_t	 ndeferred;

int
server_defer(void (*fn)(void *), void *arg)
{
	if (ndeferred == SERVER_DEFER_MAX)
		return -1;
	deferred[ndeferred].fn = fn;
	deferred[ndeferred++].arg = arg;
	return 0;
}

void
server_defer_run(void)
{
	size_t	 i, n = ndeferred;

	ndeferred = 0;
	for (i = 0; i < n; i++)
		deferred[i].fn(deferred[i].arg);
}

/* Serve one request, naming it in whatever is logged meanwhile. */
static void
serve_one(const struct server *s, sqlite3 *db, struct arena *arena,
    const struct cgi_env *e, struct buf *body, struct buf *out)
{
	log_request(e->get(e->arg, "REQUEST_METHOD"),
	    e->get(e->arg, "REQUEST_URI"));
	s->serve(db, arena, e, body, out);
	log_request(NULL, NULL);
}

static const char *
cgi_param(void *arg, const char *name)
{
	(void)arg;
	return getenv(name);
}

static long long	 cgi_body_read;	/* bytes of the body read so far */

static long
cgi_read(void *arg, char *p, size_t n)
{
	ssize_t	 got;

	(void)arg;
	do
		got = read(STDIN_FILENO, p, n);
	while (got < 0 && errno == EINTR);
	if (got > 0)
		cgi_body_read += got;
	return (long)got;
}

/*
 * Read and drop what is left of the request body, after what serve()
 * read itself: reading past CONTENT_LENGTH would wait for the server to
 * close our input. A CGI that exits with its body unread makes Apache's
 * mod_cgid reset the connection instead of sending our answer (a 405
 * for a POST to the public site, say).
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
	left -= cgi_body_read;
	while (left > 0 && (got = cgi_read(NULL, chunk, left < (long long)
	    sizeof(chunk) ? (size_t)left : sizeof(chunk))) > 0)
		left -= got;
}

/* A CGI that cannot serve says so, rather than leave a bare 500. */
static void
cgi_unavailable(const char *why)
{
	printf("Status: 503 %s\r\n"
	    "Content-Type: text/plain\r\n\r\n%s\n",
	    server_status_text(503), why);
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
	int		 rc = 0, nullfd;

	if ((db = db_open(db_path(), s->mode)) == NULL) {
		cgi_unavailable("The site's database cannot be opened.");
		return 1;
	}
	serve_one(s, db, &arena, &e, &body, &out);
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
	/* The answer is complete: the server need not wait for the rest. */
	if (ndeferred > 0) {
		if ((nullfd = open("/dev/null", O_WRONLY)) >= 0) {
			(void)dup2(nullfd, STDOUT_FILENO);
			(void)close(nullfd);
		}
		server_defer_run();
	}
	buf_free(&body);
	buf_free(&out);
	arena_free(&arena);
	if (s->worker_fini != NULL)
		s->worker_fini();
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
	if (errno == EINTR)
		return 0;
	log_err("pselect: %s", strerror(errno));
	return -1;
}

/* SIGALRM only interrupts a read that takes too long. */
static void
on_alarm(int sig)
{
	(void)sig;
}

/*
 * A FastCGI worker: accept on "fd" until told to stop or, with
 * --max-requests, until it has served that many. SIGTERM, SIGINT and
 * SIGUSR1 only set a flag, and they are let in only while the worker
 * waits for a connection: never while libfcgi accepts and reads a
 * request's parameters (an interrupted read would fail the request) nor
 * while it is served. The socket is non-blocking, so a worker that wakes
 * for a connection another took returns to the wait instead of blocking
 * in accept with the signals shut out; and a peer that stalls while
 * sending its request is cut off after PARAMS_TIMEOUT seconds (SIGALRM
 * interrupts the read; libfcgi then drops the connection), so it cannot
 * keep a worker deaf to a stop. On SIGTERM it serves what is still
 * queued, as no worker will, for STOP_DRAIN seconds at most (a TCP or
 * systemd socket stays open, so under load the queue never empties);
 * SIGUSR1 (replaced after a reload) leaves the queue to the others.
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
	time_t		 stop_seen = 0;
	int		 flags, got, ready, rc = 0;

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
	sa.sa_handler = on_alarm;
	if (sigaction(SIGALRM, &sa, NULL) != 0) {
		log_err("sigaction: %s", strerror(errno));
		return 1;
	}
	if (fd >= FD_SETSIZE || (flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) {
		log_err("the listening socket cannot be made non-blocking: %s",
		    fd >= FD_SETSIZE ? "descriptor too high" : strerror(errno));
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
		/* Stopping, a worker still serves what is queued, briefly. */
		if (stopping && stop_seen == 0)
			stop_seen = time(NULL);
		if (retire || (stopping && (!queued(fd) ||
		    time(NULL) - stop_seen >= STOP_DRAIN)))
			break;
		/* A connection libfcgi kept open (FCGI_KEEP_CONN) is read. */
		if (!stopping && fr.ipcFd < 0) {
			if ((ready = wait_queued(fd, &old)) < 0) {
				rc = 1;
				break;
			}
			if (ready == 0)
				continue;
		}
		alarm(PARAMS_TIMEOUT);
		got = FCGX_Accept_r(&fr);
		alarm(0);
		if (got != 0) {
			/* Another worker took it, or a stalled peer was cut. */
			if (got == -EAGAIN || got == -EWOULDBLOCK ||
			    got == -EINTR)
				continue;
			log_err("FastCGI accept failed: %s", got < 0 &&
			    got != -9999 ? strerror(-got) : "protocol error");
			rc = 1;
			break;
		}
		serve_one(s, db, &arena, &e, &body, &out);
		if (FCGX_PutStr(out.data, (int)out.len, fr.out) < 0)
			log_info("client went away before the response");
		FCGX_Finish_r(&fr);
		server_defer_run();
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
	if (s->worker_fini != NULL)
		s->worker_fini();
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
	unsigned	 gen;		/* configuration generation it runs */
	int		 retiring;	/* sent SIGUSR1 to be replaced */
};

/* What the command line set: applied again over each reloaded file. */
static struct config_arg	 cli_options[3];
static size_t			 ncli_options;
static const char		*config_given;	/* --config PATH */

static enum config_key
socket_key(const struct server *s)
{
	return s->admin ? CONF_ADMIN_SOCKET : CONF_SOCKET;
}

static enum config_key
workers_key(const struct server *s)
{
	return s->admin ? CONF_ADMIN_WORKERS : CONF_WORKERS;
}

static int
workers_wanted(const struct server *s)
{
	const struct config	*c = config_current();

	return (int)(s->admin ? c->admin_workers : c->workers);
}

/* Run s->init() in a child: 0 if it succeeded there. */
static int
init_in_child(const struct server *s)
{
	pid_t	 pid;
	int	 status;

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
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/*
 * What a reload cannot change: the socket the manager listens on. Say
 * so, rather than leave the administrator wondering.
 */
static void
reload_notes(const struct server *s, const struct config *old,
    const struct config *c, const char *listening, int own)
{
	enum config_key	 k = socket_key(s);

	if (own && strcmp(listening, c->value[k]) != 0)
		log_warn("%s changed from \"%s\" to \"%s\": that takes a "
		    "restart; still listening on %s", config_key_name(k),
		    listening, c->value[k], listening);
	k = workers_key(s);
	if (strcmp(old->value[k], c->value[k]) != 0)
		log_info("%s: %s, was %s", config_key_name(k), c->value[k],
		    old->value[k]);
}

/*
 * SIGHUP: read the configuration and load the templates again. A broken
 * file (its problems are logged with file:line) changes nothing. Then a
 * child loads the templates first, so that broken ones (the error,
 * file:line:col, is logged there) leave the manager's copy, and the
 * workers, as they were. Returns 0 on success; the workers are then
 * replaced, and the new ones read the new configuration.
 * XXX A template changed between the child's load and ours fails here,
 * and the manager's copy is then incomplete until the next good SIGHUP.
 */
static int
reload(const struct server *s, const char *listening, int own)
{
	struct config	*c, *old;

	if ((c = config_build(config_given, cli_options, ncli_options)) == NULL) {
		log_err("reload refused: the workers keep the old "
		    "configuration and templates");
		return -1;
	}
	reload_notes(s, config_current(), c, listening, own);
	old = config_swap(c);
	if (s->init != NULL && init_in_child(s) != 0) {
		log_err("reload failed: the workers keep the old templates "
		    "and configuration");
		config_swap(old);
		config_free(c);
		free(c);
		return -1;
	}
	config_free(old);
	free(old);
	max_requests = c->max_requests;
	if (s->init == NULL)
		return 0;
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

/*
 * Worker "pid" has exited: start another in its slot, unless we are
 * stopping or the slot is beyond the "n" now wanted.
 */
static void
worker_exited(const struct server *s, struct worker *w, int nslots, int n,
    int fd, unsigned gen, pid_t pid, int status)
{
	int	 i;

	for (i = 0; i < nslots; i++) {
		if (w[i].pid != pid)
			continue;
		w[i].pid = -1;
		if (stopping || i >= n)
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
 * Stop gracefully: a Unix socket is unlinked first, so nothing new
 * arrives; each worker finishes its request and what is queued (for
 * STOP_DRAIN seconds at most), then exits. SIGTERM is sent again each
 * second, for a worker that was between signals; after STOP_GRACE
 * seconds, SIGKILL.
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

/* 127.0.0.0/8 or ::1 (or ::ffff:127.x.y.z). */
static int
loopback(const struct sockaddr *sa)
{
	const struct in6_addr	*a6;

	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)(const void *)sa)->
		    sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family != AF_INET6)
		return 0;
	a6 = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
	return IN6_IS_ADDR_LOOPBACK(a6) || (IN6_IS_ADDR_V4MAPPED(a6) &&
	    a6->s6_addr[12] == 127);
}

/*
 * Listen on "spec": a Unix socket path (libfcgi binds it, as always), or
 * host:port, [v6]:port, or :port for every address. -1 with errno set.
 */
static int
listen_on(const char *spec)
{
	struct addrinfo	 hints, *res, *ai;
	const char	*port;
	char		 host[256];
	size_t		 len;
	int		 fd = -1, on = 1, rc, saved = EADDRNOTAVAIL;

	if (!config_socket_is_tcp(spec))
		return FCGX_OpenSocket(spec, 128);
	port = strrchr(spec, ':') + 1;
	len = (size_t)(port - 1 - spec);
	if (spec[0] == '[') {
		spec++;
		len -= 2;
	}
	if (len >= sizeof(host)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(host, spec, len);
	host[len] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(len > 0 ? host : NULL, port, &hints, &res)) !=
	    0) {
		log_err("%s: %s", host, gai_strerror(rc));
		errno = EADDRNOTAVAIL;
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype,
		    ai->ai_protocol)) < 0) {
			saved = errno;
			continue;
		}
		if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on,
		    sizeof(on)) == 0 && bind(fd, ai->ai_addr,
		    ai->ai_addrlen) == 0 && listen(fd, 128) == 0) {
			if (!loopback(ai->ai_addr))
				log_warn("%s: FastCGI has no authentication: "
				    "anyone who reaches this address can "
				    "claim any client address and scheme; "
				    "let only the web server reach it",
				    len > 0 ? host : "every address");
			break;
		}
		saved = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		errno = saved;
	return fd;
}

/*
 * The prefork manager: own the socket and keep the configured number of
 * workers alive. On SIGTERM or SIGINT stop gracefully and remove the
 * socket; on SIGHUP read the configuration and templates again and
 * replace the workers one at a time (so requests in flight finish and
 * the queue is always served), growing or shrinking their number if the
 * configuration says so.
 */
static int
manager_main(const struct server *s, const char *socket_path, int fd)
{
	struct sigaction sa;
	struct worker	 w[WORKERS_MAX];
	unsigned	 gen = 0;
	pid_t		 pid;
	int		 own = fd < 0, unix_sock, i, status, busy;
	int		 n = workers_wanted(s), nslots = n;
	/* Ours: the configuration it came from is freed by a reload. */
	char		*path = xstrdup(socket_path);

	memset(w, 0, sizeof(w));
	unix_sock = own && !config_socket_is_tcp(path);
	if (FCGX_Init() != 0) {
		log_err("FastCGI initialisation failed");
		goto fail;
	}
	if (own && (fd = listen_on(path)) < 0) {
		log_err("%s: cannot listen: %s", path, strerror(errno));
		goto fail;
	}
	if (unix_sock && chmod(path, 0660) != 0)
		log_warn("%s: chmod: %s", path, strerror(errno));

	/* No SA_RESTART: a signal must cut the manager's nap short. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) != 0 ||
	    sigaction(SIGINT, &sa, NULL) != 0) {
		log_err("sigaction: %s", strerror(errno));
		goto fail;
	}
	sa.sa_handler = on_hup;
	if (sigaction(SIGHUP, &sa, NULL) != 0) {
		log_err("sigaction: %s", strerror(errno));
		goto fail;
	}

	for (i = 0; i < WORKERS_MAX; i++)
		w[i].pid = -1;
	for (i = 0; i < n; i++)
		worker_start(s, &w[i], fd, gen);
	log_info("listening on %s with %d workers", path, n);
	while (!stopping) {
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			worker_exited(s, w, nslots, n, fd, gen, pid, status);
		if (stopping)
			break;
		if (reloading) {
			reloading = 0;
			log_info("SIGHUP: reading the configuration and the "
			    "templates again");
			if (reload(s, path, own) == 0) {
				gen++;
				n = workers_wanted(s);
				if (n > nslots)
					nslots = n;
			}
		}
		/* Fewer workers wanted: those beyond n leave, all at once. */
		for (i = n; i < nslots; i++)
			if (w[i].pid > 0 && !w[i].retiring) {
				w[i].retiring = 1;
				kill(w[i].pid, SIGUSR1);
			}
		while (nslots > n && w[nslots - 1].pid <= 0)
			nslots--;
		/*
		 * A slot whose fork failed is tried again each second; the
		 * workers of an older generation are replaced one at a time.
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
	if (unix_sock)
		unlink(path);
	workers_stop(w, nslots);
	close(fd);
	log_info("stopped");
	free(path);
	return 0;
fail:
	free(path);
	return 1;
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
	fprintf(stderr, "usage: %s [--config FILE] [--socket PATH|HOST:PORT] "
	    "[--workers N] [--max-requests N]\n"
	    "  with LISTEN_FDS=1 (systemd): the manager, on fd 3\n"
	    "  with a socket (option, folio.conf or environment): the "
	    "manager\n"
	    "  else: a FastCGI worker on fd 0, or plain CGI\n",
	    s->name);
	exit(2);
}

static void
cli_option(const struct server *s, const char *option, enum config_key k,
    const char *value)
{
	if (ncli_options == sizeof(cli_options) / sizeof(cli_options[0]))
		usage(s);	/* more than three: one was given again */
	cli_options[ncli_options].key = k;
	cli_options[ncli_options].option = option;
	cli_options[ncli_options].value = value;
	ncli_options++;
}

int
server_main(const struct server *s, int argc, char *argv[])
{
	struct config	*c;
	const char	*sock;
	int		 fd, i, rc;

	log_init(argv[0]);
	for (i = 1; i < argc; i++) {
		if (i + 1 == argc)
			usage(s);
		if (strcmp(argv[i], "--config") == 0)
			config_given = argv[++i];
		else if (strcmp(argv[i], "--socket") == 0)
			cli_option(s, "--socket", socket_key(s), argv[++i]);
		else if (strcmp(argv[i], "--workers") == 0)
			cli_option(s, "--workers", workers_key(s), argv[++i]);
		else if (strcmp(argv[i], "--max-requests") == 0)
			cli_option(s, "--max-requests", CONF_MAX_REQUESTS,
			    argv[++i]);
		else
			usage(s);
	}
	if ((c = config_build(config_given, cli_options, ncli_options)) == NULL) {
		if (getenv("GATEWAY_INTERFACE") != NULL)
			cgi_unavailable("The site's configuration has "
			    "problems; the server's log names them.");
		return 1;
	}
	config_use(c);
	max_requests = c->max_requests;
	if (s->init != NULL && s->init() != 0) {
		config_fini();
		return 1;
	}
	/*
	 * A socket from the file or the environment makes a manager only
	 * when no web server started us: not as a FastCGI worker (fd 0 is
	 * a socket) nor as a CGI (GATEWAY_INTERFACE), so one folio.conf
	 * serves every way of running.
	 */
	sock = c->value[socket_key(s)];
	if ((fd = systemd_socket()) >= 0)
		rc = manager_main(s, "the systemd socket", fd);
	else if (*sock != '\0' && (strcmp(c->source[socket_key(s)],
	    "--socket") == 0 || (FCGX_IsCGI() &&
	    getenv("GATEWAY_INTERFACE") == NULL)))
		rc = manager_main(s, sock, -1);
	else if (FCGX_IsCGI())
		rc = cgi_main(s);
	else
		rc = worker_main(s, 0);
	if (s->fini != NULL)
		s->fini();
	config_fini();
	return rc;
}
