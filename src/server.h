/*
 * server.h -- the process model both handlers share: a prefork manager
 * (socket and workers from folio.conf or --socket PATH --workers N), a
 * FastCGI worker on fd 0, or plain CGI for one request. The program
 * supplies how to answer one request.
 */
#ifndef SERVER_H
#define SERVER_H

#include <sqlite3.h>

#include "folio.h"
#include "db.h"

struct cgi_env;

struct server {
	const char	*name;		/* for usage: "folio.fcgi" */
	enum db_mode	 mode;		/* how each worker opens the database */
	int		 admin;		/* reads admin_socket, admin_workers */
	/* Once, before forking: load templates. Nonzero stops start-up. */
	int		(*init)(void);
	void		(*fini)(void);
	/*
	 * Answer one request: the complete response, CGI headers and body,
	 * goes into "out"; "body" is scratch. The request body, if any, is
	 * read through e->read.
	 */
	void		(*serve)(sqlite3 *, struct arena *,
			    const struct cgi_env *, struct buf *body,
			    struct buf *out);
	/* In each worker (and plain CGI) before it exits: free what the
	 * requests cached (site_free()); may be NULL. */
	void		(*worker_fini)(void);
};

/*
 * Response heads, the same for both handlers: server_head_begin() writes
 * the Status line (server_status_text() gives its reason phrase,
 * "Internal Server Error" for a status we never send), Location: when
 * not NULL, and for a 405 Allow: with the methods given. The caller adds
 * its own lines (cookies, cache validators), then server_head_end()
 * writes Content-Type and Content-Length unless "type" is NULL (a 304),
 * then "policy" (header lines, each ending in CRLF) and the empty line.
 */
const char	*server_status_text(int);
void		 server_head_begin(struct buf *, int status,
		    const char *location, const char *allow);
void		 server_head_end(struct buf *, const char *type, size_t len,
		    const char *policy);

/*
 * Work a handler leaves for after its response (mail that must not make
 * the answer slower for some requests than for others): fn(arg) runs
 * once the response is written and the request finished, before the
 * next one is read, so arg may live in the request's arena. At most
 * SERVER_DEFER_MAX per request; -1 (nothing queued) beyond that.
 * server_defer_run() runs and forgets them (for tests that call
 * serve() themselves).
 */
#define SERVER_DEFER_MAX	8
int		 server_defer(void (*fn)(void *), void *arg);
void		 server_defer_run(void);

/* Parse the command line and run; returns the exit status. */
int	 server_main(const struct server *, int argc, char *argv[]);

#endif /* SERVER_H */
