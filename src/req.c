/*
 * req.c -- check a request's input at the edge: method, path and the
 * origin used for absolute links; for the admin, also cookies and the
 * request body. Everything a handler reads from the request has passed
 * through here (form.c parses the body once read).
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "config.h"
#include "req.h"
#include "site.h"

/* A Host header we are willing to echo into links: name[:port]. */
static int
host_valid(const char *h)
{
	size_t	 i;

	if (h == NULL || h[0] == '\0' || strlen(h) > 255)
		return 0;
	for (i = 0; h[i] != '\0'; i++)
		if (!((h[i] >= 'a' && h[i] <= 'z') ||
		    (h[i] >= 'A' && h[i] <= 'Z') ||
		    (h[i] >= '0' && h[i] <= '9') ||
		    h[i] == '.' || h[i] == '-' || h[i] == ':' ||
		    h[i] == '[' || h[i] == ']'))
			return 0;
	return 1;
}

const char *
req_env(const struct cgi_env *e, const char *name)
{
	const char	*v = e->get(e->arg, name);

	return v ? v : "";
}

const char *
req_cookie(struct arena *ar, const char *header, const char *name)
{
	size_t		 nlen = strlen(name), vlen;
	const char	*p = header;

	while (*p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		vlen = strcspn(p, ";");
		if (vlen > nlen && strncmp(p, name, nlen) == 0 &&
		    p[nlen] == '=')
			return arena_strndup(ar, p + nlen + 1,
			    vlen - nlen - 1);
		p += vlen;
	}
	return NULL;
}

enum folio_err
req_body_read(const struct cgi_env *e, long max, struct buf *body)
{
	const char	*cl = req_env(e, "CONTENT_LENGTH");
	char		*end;
	long		 want, got;
	char		 chunk[16384];

	/* No length: no body (nginx passes chunked bodies with one). */
	if (*cl == '\0')
		cl = "0";
	want = strtol(cl, &end, 10);
	if (*end != '\0' || want < 0 || strlen(cl) > 12)
		return FOLIO_ERR_INPUT;
	if (want > max)
		return FOLIO_ERR_TOOLONG;
	buf_reset(body);
	buf_grow(body, (size_t)want + 1);
	while ((long)body->len < want) {
		got = e->read(e->arg, chunk, (size_t)(want - (long)body->len) <
		    sizeof(chunk) ? (size_t)(want - (long)body->len) :
		    sizeof(chunk));
		if (got <= 0)
			return FOLIO_ERR_INPUT;	/* less than it said */
		buf_append(body, chunk, (size_t)got);
	}
	buf_putc(body, '\0');
	body->len--;
	return FOLIO_OK;
}

/*
 * The server says HTTPS (HTTPS=on, REQUEST_SCHEME=https), or a proxy
 * listed in trusted_proxies says X-Forwarded-Proto: https. From anyone
 * else that header is the client's word and changes nothing.
 */
int
req_https(const struct cgi_env *e)
{
	if (strcmp(req_env(e, "HTTPS"), "on") == 0 ||
	    strcmp(req_env(e, "HTTPS"), "1") == 0 ||
	    strcmp(req_env(e, "REQUEST_SCHEME"), "https") == 0)
		return 1;
	return strcmp(req_env(e, "HTTP_X_FORWARDED_PROTO"), "https") == 0 &&
	    config_proxy_trusted(config_current(), req_env(e, "REMOTE_ADDR"));
}

enum folio_err
req_parse(struct req *r, const struct cgi_env *e)
{
	const char	*m, *uri, *q, *host;
	char		*path;
	size_t		 i, len;

	/* First: the error page of a request refused below links with it. */
	if (r->site != NULL && r->site->base_url[0] != '\0')
		r->origin = r->site->base_url;
	else {
		host = req_env(e, "HTTP_HOST");
		if (!host_valid(host)) {
			host = req_env(e, "SERVER_NAME");
			if (!host_valid(host))
				host = "localhost";
		}
		r->origin = arena_printf(r->arena, "%s://%s",
		    req_https(e) ? "https" : "http", host);
	}

	m = req_env(e, "REQUEST_METHOD");
	if (strcmp(m, "GET") == 0)
		r->method = METHOD_GET;
	else if (strcmp(m, "HEAD") == 0)
		r->method = METHOD_HEAD;
	else
		r->method = METHOD_OTHER;

	/*
	 * REQUEST_URI is the path exactly as the client sent it, the same
	 * under every server and under CGI; servers that lack it give the
	 * already-decoded SCRIPT_NAME and PATH_INFO, which we re-encode
	 * nothing of and take as they are.
	 */
	uri = req_env(e, "REQUEST_URI");
	if (*uri != '\0') {
		q = strchr(uri, '?');
		len = q ? (size_t)(q - uri) : strlen(uri);
		r->query = q ? arena_strdup(r->arena, q + 1) :
		    arena_strdup(r->arena, req_env(e, "QUERY_STRING"));
	} else {
		uri = arena_printf(r->arena, "%s%s", req_env(e, "SCRIPT_NAME"),
		    req_env(e, "PATH_INFO"));
		len = strlen(uri);
		r->query = arena_strdup(r->arena, req_env(e, "QUERY_STRING"));
	}
	if (len == 0) {
		uri = "/";
		len = 1;
	}
	if (len > REQ_PATH_MAX || uri[0] != '/')
		return FOLIO_ERR_INPUT;
	/* The raw path may be echoed in Location: printable ASCII only. */
	for (i = 0; i < len; i++)
		if ((unsigned char)uri[i] <= 0x20 ||
		    (unsigned char)uri[i] >= 0x7f)
			return FOLIO_ERR_INPUT;
	for (i = 0; r->query[i] != '\0'; i++)
		if ((unsigned char)r->query[i] < 0x20 ||
		    (unsigned char)r->query[i] == 0x7f)
			return FOLIO_ERR_INPUT;
	r->raw_path = arena_strndup(r->arena, uri, len);
	path = arena_alloc(r->arena, len + 1);
	if (url_decode(path, uri, len, URL_DECODE_NONUL, NULL) != 0)
		return FOLIO_ERR_INPUT;
	r->path = path;

	/* Conditional request headers: validators.c compares them. */
	r->if_none_match = arena_strdup(r->arena,
	    req_env(e, "HTTP_IF_NONE_MATCH"));
	r->if_modified_since = arena_strdup(r->arena,
	    req_env(e, "HTTP_IF_MODIFIED_SINCE"));

	return FOLIO_OK;
}
