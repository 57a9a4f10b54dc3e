/*
 * req.c -- check a request's input at the edge: method, path and the
 * origin used for absolute links. Everything a handler reads from the
 * request has passed through here.
 */
#include <string.h>

#include "folio.h"
#include "config.h"
#include "req.h"
#include "site.h"

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, k;
	unsigned int		 cp, min;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0) {
			n = 1; cp = p[i] & 0x1f; min = 0x80;
		} else if ((p[i] & 0xf0) == 0xe0) {
			n = 2; cp = p[i] & 0x0f; min = 0x800;
		} else if ((p[i] & 0xf8) == 0xf0) {
			n = 3; cp = p[i] & 0x07; min = 0x10000;
		} else
			return 0;
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}

/* Percent-decode a path; NULL for bad escapes, NUL bytes or bad UTF-8. */
static char *
path_decode(struct arena *a, const char *s, size_t len)
{
	char	*out = arena_alloc(a, len + 1);
	size_t	 i, o = 0;
	int	 hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] != '%') {
			out[o++] = s[i];
			continue;
		}
		if (i + 2 >= len ||
		    (hi = hex_value(s[i + 1])) < 0 || (lo = hex_value(s[i + 2])) < 0)
			return NULL;
		if (hi == 0 && lo == 0)
			return NULL;
		out[o++] = (char)(hi << 4 | lo);
		i += 2;
	}
	out[o] = '\0';
	return utf8_valid(out, o) ? out : NULL;
}

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

static const char *
env(const struct cgi_env *e, const char *name)
{
	const char	*v = e->get(e->arg, name);

	return v ? v : "";
}

/*
 * The server says HTTPS (HTTPS=on, REQUEST_SCHEME=https), or a proxy
 * listed in trusted_proxies says X-Forwarded-Proto: https. From anyone
 * else that header is the client's word and changes nothing.
 */
int
req_https(const struct cgi_env *e)
{
	if (strcmp(env(e, "HTTPS"), "on") == 0 ||
	    strcmp(env(e, "HTTPS"), "1") == 0 ||
	    strcmp(env(e, "REQUEST_SCHEME"), "https") == 0)
		return 1;
	return strcmp(env(e, "HTTP_X_FORWARDED_PROTO"), "https") == 0 &&
	    config_proxy_trusted(config_current(), env(e, "REMOTE_ADDR"));
}

enum folio_err
req_parse(struct req *r, const struct cgi_env *e)
{
	const char	*m, *uri, *q, *host;
	size_t		 i, len;

	/* First: the error page of a request refused below links with it. */
	if (r->site != NULL && r->site->base_url[0] != '\0')
		r->origin = r->site->base_url;
	else {
		host = env(e, "HTTP_HOST");
		if (!host_valid(host)) {
			host = env(e, "SERVER_NAME");
			if (!host_valid(host))
				host = "localhost";
		}
		r->origin = arena_printf(r->arena, "%s://%s",
		    req_https(e) ? "https" : "http", host);
	}

	m = env(e, "REQUEST_METHOD");
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
	uri = env(e, "REQUEST_URI");
	if (*uri != '\0') {
		q = strchr(uri, '?');
		len = q ? (size_t)(q - uri) : strlen(uri);
		r->query = q ? arena_strdup(r->arena, q + 1) :
		    arena_strdup(r->arena, env(e, "QUERY_STRING"));
	} else {
		uri = arena_printf(r->arena, "%s%s", env(e, "SCRIPT_NAME"),
		    env(e, "PATH_INFO"));
		len = strlen(uri);
		r->query = arena_strdup(r->arena, env(e, "QUERY_STRING"));
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
	if ((r->path = path_decode(r->arena, uri, len)) == NULL)
		return FOLIO_ERR_INPUT;

	/* Conditional request headers: validators.c compares them. */
	r->if_none_match = arena_strdup(r->arena, env(e, "HTTP_IF_NONE_MATCH"));
	r->if_modified_since = arena_strdup(r->arena,
	    env(e, "HTTP_IF_MODIFIED_SINCE"));

	return FOLIO_OK;
}
