/*
 * req.h -- one request as the handlers see it: checked input on the way
 * in, a status, a template and its variables on the way out. Handlers
 * never write to the client; main.c sends the finished response.
 */
#ifndef REQ_H
#define REQ_H

#include <sqlite3.h>
#include <time.h>

#include "folio.h"

#define REQ_PATH_MAX	1024	/* longer request paths are refused */
#define REQ_SEGS_MAX	16	/* path segments a route may capture */

struct tvars;
struct site;

enum method {
	METHOD_GET,
	METHOD_HEAD,
	METHOD_OTHER,
};

/* The page templates, loaded once at start-up (main.c). */
enum page_tmpl {
	TMPL_LIST,
	TMPL_POST,
	TMPL_PAGE,
	TMPL_ERROR,
	TMPL_SEARCH,	/* page_search.c */
	TMPL_RSS,	/* page_feed.c: application/rss+xml */
	TMPL_ATOM,	/* page_feed.c: application/atom+xml */
	TMPL_SITEMAP,	/* page_sitemap.c: application/xml */
	TMPL_ROBOTS,	/* page_sitemap.c: text/plain */
	TMPL__MAX,
};

struct req {
	struct arena	*arena;
	sqlite3		*db;
	const struct site *site;
	time_t		 now;

	/* Input, checked by req_parse(). */
	enum method	 method;
	const char	*raw_path;	/* as sent: percent-encoded, no query */
	const char	*path;		/* decoded: valid UTF-8, no NUL */
	const char	*query;		/* raw query string, "" if none */
	const char	*origin;	/* "https://host" for absolute URLs */
	const char	*if_none_match;		/* as sent, "" if none */
	const char	*if_modified_since;	/* as sent, "" if none */

	/* Route captures (route.c). */
	int		 year, month, day;	/* 0 when absent */
	long		 page_no;		/* list page, 1 when absent */
	const char	*segs[REQ_SEGS_MAX];	/* slug captures, in order */
	size_t		 nsegs;

	/* Output. */
	int		 status;	/* 200 unless set */
	const char	*location;	/* for 301 */
	enum page_tmpl	 tmpl;
	struct tvars	*vars;
	const char	*title;		/* of the page, for <title> */
	const char	*description;	/* plain text, for <meta> */
	const char	*current_url;	/* marks the menu */
	const char	*section_urls[8];	/* menu items to mark as section */
	size_t		 nsection_urls;
	const char	*feed_base;	/* a list with its own feed: its URL */
	const char	*feed_title;	/* ... and what that list is called */
	const char	*search_query;	/* what was searched for, as typed */
	/*
	 * An admin's preview (admin_post.c): the same page with a "Preview,
	 * not published" bar, noindex, and no share or feed links.
	 */
	int		 preview;
	const char	*preview_edit_url;	/* back to the editor, or NULL */
};

/*
 * The request's environment: get() a CGI parameter (NULL if unset);
 * read() up to n bytes of the request body, returning how many (0 at its
 * end, -1 on error).
 */
struct cgi_env {
	const char	*(*get)(void *, const char *);
	void		*arg;
	long		(*read)(void *, char *, size_t);
};

/*
 * Fill the input part of r from the request's parameters. Returns
 * FOLIO_ERR_INPUT (answer 400) for a path that is too long, badly
 * percent-encoded, or decodes to a NUL or invalid UTF-8.
 */
enum folio_err	 req_parse(struct req *, const struct cgi_env *);

/* The CGI parameter "name", or "" when unset: never NULL. */
const char	*req_env(const struct cgi_env *, const char *name);

/* The value of cookie "name" in a Cookie header, in the arena; or NULL. */
const char	*req_cookie(struct arena *, const char *header,
		    const char *name);

/*
 * Read exactly CONTENT_LENGTH bytes of body (none when it is unset) into
 * "body", NUL-terminated. Returns FOLIO_ERR_TOOLONG, unread, past "max"
 * bytes (answer 413), FOLIO_ERR_INPUT for a malformed length or a body
 * shorter than it said (400).
 */
enum folio_err	 req_body_read(const struct cgi_env *, long max,
		    struct buf *body);

/*
 * 1 if the client reached us over HTTPS: the server's HTTPS or
 * REQUEST_SCHEME, or X-Forwarded-Proto from a trusted proxy (config.h).
 */
int		 req_https(const struct cgi_env *);

#endif /* REQ_H */
