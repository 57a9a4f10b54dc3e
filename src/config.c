/*
 * config.c -- folio.conf(5): read "key = value" lines, check each value
 * when it is set (so a problem is reported with the line that caused
 * it), and let the environment and the command line override the file.
 * What the values are used for is the business of the modules that
 * read config_current(); checks that need the file system (does the
 * database exist?) are `folio config check`'s, in cli.c.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio.h"
#include "config.h"
#include "date.h"
#include "mail.h"
#include "valid.h"

#ifndef FOLIO_DATADIR
#define FOLIO_DATADIR	"."
#endif

typedef int	(*conf_check)(struct config *, const char *, char *, size_t);

static int	check_path(struct config *, const char *, char *, size_t);
static int	check_socket(struct config *, const char *, char *, size_t);
static int	check_workers(struct config *, const char *, char *, size_t);
static int	check_admin_workers(struct config *, const char *, char *,
		    size_t);
static int	check_max_requests(struct config *, const char *, char *,
		    size_t);
static int	check_base_url(struct config *, const char *, char *, size_t);
static int	check_timezone(struct config *, const char *, char *, size_t);
static int	check_upload_limit(struct config *, const char *, char *,
		    size_t);
static int	check_log_level(struct config *, const char *, char *, size_t);
static int	check_proxies(struct config *, const char *, char *, size_t);
static int	check_sendmail(struct config *, const char *, char *, size_t);
static int	check_mail_from(struct config *, const char *, char *, size_t);

static const struct conf_def {
	const char	*name;
	const char	*env;		/* FOLIO_ + the name in capitals */
	const char	*env_old;	/* an older name that still works */
	const char	*dflt;		/* NULL: computed in config_defaults */
	conf_check	 check;
} defs[CONF__MAX] = {
	[CONF_DATABASE] = { "database", "FOLIO_DATABASE", "FOLIO_DB",
	    "var/folio.db", check_path },
	[CONF_SOCKET] = { "socket", "FOLIO_SOCKET", NULL, "",
	    check_socket },
	[CONF_ADMIN_SOCKET] = { "admin_socket", "FOLIO_ADMIN_SOCKET", NULL,
	    "", check_socket },
	[CONF_WORKERS] = { "workers", "FOLIO_WORKERS", NULL, NULL,
	    check_workers },
	[CONF_ADMIN_WORKERS] = { "admin_workers", "FOLIO_ADMIN_WORKERS",
	    NULL, NULL, check_admin_workers },
	[CONF_MAX_REQUESTS] = { "max_requests", "FOLIO_MAX_REQUESTS", NULL,
	    "0", check_max_requests },
	[CONF_BASE_URL] = { "base_url", "FOLIO_BASE_URL", NULL, "",
	    check_base_url },
	[CONF_TIMEZONE] = { "timezone", "FOLIO_TIMEZONE", NULL, "",
	    check_timezone },
	[CONF_UPLOAD_DIR] = { "upload_dir", "FOLIO_UPLOAD_DIR", NULL, "",
	    check_path },
	[CONF_UPLOAD_LIMIT] = { "upload_limit", "FOLIO_UPLOAD_LIMIT", NULL,
	    "5M", check_upload_limit },
	[CONF_LOG_LEVEL] = { "log_level", "FOLIO_LOG_LEVEL", NULL, "info",
	    check_log_level },
	[CONF_TEMPLATES] = { "templates", "FOLIO_TEMPLATES", NULL,
	    FOLIO_DATADIR "/templates", check_path },
	[CONF_PUBLIC] = { "public", "FOLIO_PUBLIC", NULL,
	    FOLIO_DATADIR "/public", check_path },
	[CONF_TRUSTED_PROXIES] = { "trusted_proxies",
	    "FOLIO_TRUSTED_PROXIES", NULL, "", check_proxies },
	[CONF_SENDMAIL] = { "sendmail", "FOLIO_SENDMAIL", NULL,
	    "/usr/sbin/sendmail -t -i", check_sendmail },
	[CONF_MAIL_FROM] = { "mail_from", "FOLIO_MAIL_FROM", NULL, "",
	    check_mail_from },
};

static struct config	*current;

const char *
config_key_name(enum config_key k)
{
	return k < CONF__MAX ? defs[k].name : NULL;
}

/* The key called "name", or CONF__MAX. */
static enum config_key
key_by_name(const char *name)
{
	int	 k;

	for (k = 0; k < CONF__MAX; k++)
		if (strcmp(defs[k].name, name) == 0)
			return (enum config_key)k;
	return CONF__MAX;
}

static int
check_path(struct config *c, const char *v, char *msg, size_t sz)
{
	size_t	 i;

	(void)c;
	/* Paths are joined with file names into 1024-byte buffers. */
	if (strlen(v) > 800) {
		snprintf(msg, sz, "path longer than 800 bytes");
		return -1;
	}
	for (i = 0; v[i] != '\0'; i++)
		if ((unsigned char)v[i] < 0x20) {
			snprintf(msg, sz, "control character in path");
			return -1;
		}
	return 0;
}

/* The first "len" bytes of v: decimal digits only, min to max, in *out. */
static int
number_n(const char *v, size_t len, long min, long max, long *out)
{
	char	 digits[16], *end;
	long	 n;

	if (len == 0 || len >= sizeof(digits) ||
	    strspn(v, "0123456789") < len)
		return -1;
	memcpy(digits, v, len);
	digits[len] = '\0';
	errno = 0;
	n = strtol(digits, &end, 10);
	if (*end != '\0' || errno != 0 || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

static int
number(const char *v, long min, long max, long *out)
{
	return number_n(v, strlen(v), min, max, out);
}

/* The n bytes at s (inside [ ] in a URL or socket) are an IPv6 address. */
static int
ipv6_literal(const char *s, size_t n)
{
	char		 buf[INET6_ADDRSTRLEN];
	unsigned char	 addr[16];

	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return inet_pton(AF_INET6, buf, addr) == 1;
}

int
config_socket_is_tcp(const char *s)
{
	const char	*colon;

	if (s[0] == '[') {
		if ((colon = strstr(s, "]:")) == NULL ||
		    !ipv6_literal(s + 1, (size_t)(colon - s - 1)))
			return 0;
		colon++;
	} else if ((colon = strrchr(s, ':')) == NULL ||
	    memchr(s, '/', (size_t)(colon - s)) != NULL ||
	    memchr(s, ':', (size_t)(colon - s)) != NULL)
		return 0;
	return colon[1] != '\0' && strspn(colon + 1, "0123456789") ==
	    strlen(colon + 1);
}

static int
check_socket(struct config *c, const char *v, char *msg, size_t sz)
{
	long	 port;

	if (v[0] != '\0' && !config_socket_is_tcp(v) && strchr(v, ':')) {
		snprintf(msg, sz, "want a Unix socket path or host:port, "
		    "such as /run/folio/folio.sock or 127.0.0.1:9000");
		return -1;
	}
	if (config_socket_is_tcp(v) && number(strrchr(v, ':') + 1, 1, 65535,
	    &port) != 0) {
		snprintf(msg, sz, "port must be 1 to 65535");
		return -1;
	}
	/* sun_path holds 108 bytes with its NUL. */
	if (!config_socket_is_tcp(v) && strlen(v) > 107) {
		snprintf(msg, sz, "Unix socket path longer than 107 bytes");
		return -1;
	}
	return check_path(c, v, msg, sz);
}

static int
workers(const char *v, long *out, char *msg, size_t sz)
{
	if (number(v, 1, CONF_WORKERS_MAX, out) != 0) {
		snprintf(msg, sz, "want a number of workers from 1 to %d",
		    CONF_WORKERS_MAX);
		return -1;
	}
	return 0;
}

static int
check_workers(struct config *c, const char *v, char *msg, size_t sz)
{
	return workers(v, &c->workers, msg, sz);
}

static int
check_admin_workers(struct config *c, const char *v, char *msg, size_t sz)
{
	return workers(v, &c->admin_workers, msg, sz);
}

static int
check_max_requests(struct config *c, const char *v, char *msg, size_t sz)
{
	if (number(v, 0, 1000000000L, &c->max_requests) != 0) {
		snprintf(msg, sz, "want a number of requests, 0 for no limit");
		return -1;
	}
	return 0;
}

/*
 * http(s)://host[:port], nothing after: absolute links are this plus a
 * path the router knows, so a base URL with a path of its own would make
 * links the site cannot serve. One final slash is tolerated (and
 * removed by the caller, as the settings page does).
 */
static int
check_base_url(struct config *c, const char *v, char *msg, size_t sz)
{
	const char	*h, *end, *open;
	long		 port;
	size_t		 len;

	(void)c;
	if (v[0] == '\0')
		return 0;
	if (strncmp(v, "https://", 8) == 0)
		h = v + 8;
	else if (strncmp(v, "http://", 7) == 0)
		h = v + 7;
	else
		goto bad;
	len = strlen(h);
	if (len > 0 && h[len - 1] == '/')
		len--;
	end = h + len;
	if (h[0] == '[') {
		open = h;
		if ((h = memchr(h, ']', len)) == NULL ||
		    !ipv6_literal(open + 1, (size_t)(h - open - 1)))
			goto bad;
		h++;
	} else {
		len = strspn(h, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");
		if (len == 0 || h[0] == '.' || h[0] == '-')
			goto bad;
		h += len;
	}
	if (h < end && *h == ':') {
		if (number_n(h + 1, (size_t)(end - h - 1), 1, 65535, &port) !=
		    0)
			goto bad;
		h = end;
	}
	if (h != end || strlen(v) > 255)
		goto bad;
	return 0;
bad:
	snprintf(msg, sz, "want http:// or https:// and a host with an "
	    "optional port, no path, such as https://example.org");
	return -1;
}

static int
check_timezone(struct config *c, const char *v, char *msg, size_t sz)
{
	(void)c;
	if (v[0] != '\0' && (strlen(v) > 64 || !date_zone_known(v))) {
		snprintf(msg, sz, "unknown time zone \"%.64s\" (want a name "
		    "from the tz database, such as Europe/Paris)", v);
		return -1;
	}
	return 0;
}

/* "5M", "512K", "1048576": bytes, from 1K to 1G. */
static int
check_upload_limit(struct config *c, const char *v, char *msg, size_t sz)
{
	size_t	 len = strlen(v);
	long	 n, mult = 1;

	if (len > 0 && strchr("kKmMgG", v[len - 1]) != NULL) {
		mult = strchr("kK", v[len - 1]) ? 1024L :
		    strchr("mM", v[len - 1]) ? 1024L * 1024 :
		    1024L * 1024 * 1024;
		len--;
	}
	if (number_n(v, len, 1, 1024L * 1024 * 1024, &n) != 0 ||
	    n > 1024L * 1024 * 1024 / mult || n * mult < 1024)
		goto bad;
	c->upload_limit = n * mult;
	return 0;
bad:
	snprintf(msg, sz, "want a size from 1K to 1G, such as 5M, 800K or "
	    "1048576 (bytes)");
	return -1;
}

static int
check_log_level(struct config *c, const char *v, char *msg, size_t sz)
{
	if (strcmp(v, "error") == 0)
		c->log_level = LOG_LEVEL_ERROR;
	else if (strcmp(v, "warning") == 0)
		c->log_level = LOG_LEVEL_WARNING;
	else if (strcmp(v, "info") == 0)
		c->log_level = LOG_LEVEL_INFO;
	else {
		snprintf(msg, sz, "want error, warning or info");
		return -1;
	}
	return 0;
}

/* One address or network into n; -1 if it is neither. */
static int
net_parse(const char *s, struct conf_net *n)
{
	char		 addr[INET6_ADDRSTRLEN];
	const char	*slash = strchr(s, '/');
	size_t		 len = slash ? (size_t)(slash - s) : strlen(s);
	long		 bits;

	if (len == 0 || len >= sizeof(addr))
		return -1;
	memcpy(addr, s, len);
	addr[len] = '\0';
	memset(n, 0, sizeof(*n));
	if (inet_pton(AF_INET, addr, n->addr) == 1) {
		n->family = AF_INET;
		n->bits = 32;
	} else if (inet_pton(AF_INET6, addr, n->addr) == 1) {
		n->family = AF_INET6;
		n->bits = 128;
	} else
		return -1;
	if (slash != NULL) {
		if (number(slash + 1, 0, n->bits, &bits) != 0)
			return -1;
		n->bits = (int)bits;
	}
	return 0;
}

/* Addresses or networks, separated by spaces or commas. */
static int
check_proxies(struct config *c, const char *v, char *msg, size_t sz)
{
	struct conf_net	 nets[CONF_PROXIES_MAX];
	char		 word[64];
	size_t		 n = 0, len;

	while (*v != '\0') {
		v += strspn(v, " \t,");
		if ((len = strcspn(v, " \t,")) == 0)
			break;
		if (n == CONF_PROXIES_MAX) {
			snprintf(msg, sz, "more than %d proxies",
			    CONF_PROXIES_MAX);
			return -1;
		}
		if (len >= sizeof(word))
			len = sizeof(word) - 1;
		memcpy(word, v, len);
		word[len] = '\0';
		if (net_parse(word, &nets[n]) != 0) {
			snprintf(msg, sz, "\"%s\" is not an IP address or "
			    "network (such as 127.0.0.1, ::1, 10.0.0.0/8)",
			    word);
			return -1;
		}
		n++;
		v += strcspn(v, " \t,");
	}
	memcpy(c->proxies, nets, n * sizeof(nets[0]));
	c->nproxies = n;
	return 0;
}

/* A program and its arguments, split as mail.c runs them (no shell). */
static int
check_sendmail(struct config *c, const char *v, char *msg, size_t sz)
{
	char	 copy[CONF_LINE_MAX + 1], *argv[MAIL_ARGV_MAX + 1];

	if (check_path(c, v, msg, sz) != 0)
		return -1;
	memcpy(copy, v, strlen(v) + 1);
	if (mail_argv(copy, argv, sizeof(argv) / sizeof(argv[0])) < 0) {
		snprintf(msg, sz, "want an absolute path and at most %d "
		    "arguments, separated by blanks (no shell, no quotes), "
		    "such as /usr/sbin/sendmail -t -i", MAIL_ARGV_MAX - 1);
		return -1;
	}
	return 0;
}

static int
check_mail_from(struct config *c, const char *v, char *msg, size_t sz)
{
	(void)c;
	if (v[0] != '\0' && (!mail_header_ok(v, strlen(v)) ||
	    !valid_email(v))) {
		snprintf(msg, sz, "want an e-mail address such as "
		    "folio@example.org");
		return -1;
	}
	return 0;
}

int
config_proxy_trusted(const struct config *c, const char *addr)
{
	struct conf_net	 a;
	size_t		 i;
	int		 full, rest;

	if (c->nproxies == 0 || addr == NULL || strchr(addr, '/') != NULL ||
	    net_parse(addr, &a) != 0)
		return 0;
	/* A dual-stack socket shows IPv4 peers as ::ffff:a.b.c.d. */
	if (a.family == AF_INET6 && memcmp(a.addr,
	    "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
		memmove(a.addr, a.addr + 12, 4);
		memset(a.addr + 4, 0, 12);
		a.family = AF_INET;
		a.bits = 32;
	}
	for (i = 0; i < c->nproxies; i++) {
		if (c->proxies[i].family != a.family)
			continue;
		full = c->proxies[i].bits / 8;
		rest = c->proxies[i].bits % 8;
		if (memcmp(c->proxies[i].addr, a.addr, (size_t)full) != 0)
			continue;
		if (rest == 0 || ((c->proxies[i].addr[full] ^ a.addr[full]) &
		    (0xff << (8 - rest)) & 0xff) == 0)
			return 1;
	}
	return 0;
}

int
config_set(struct config *c, enum config_key k, const char *value,
    const char *source, char *msg, size_t msgsz)
{
	char	*v;
	size_t	 len;

	if (defs[k].check(c, value, msg, msgsz) != 0)
		return -1;
	v = xstrdup(value);
	/* One form for base_url, so links never get "//". */
	if (k == CONF_BASE_URL && (len = strlen(v)) > 0 && v[len - 1] == '/')
		v[len - 1] = '\0';
	free(c->value[k]);
	free(c->source[k]);
	c->value[k] = v;
	c->source[k] = xstrdup(source);
	c->line[k] = 0;
	return 0;
}

void
config_defaults(struct config *c)
{
	char	 msg[256], n[16];
	long	 cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int	 k;

	memset(c, 0, sizeof(*c));
	if (cpus < 1)
		cpus = 1;
	if (cpus > CONF_WORKERS_MAX)
		cpus = CONF_WORKERS_MAX;
	snprintf(n, sizeof(n), "%ld", cpus);
	for (k = 0; k < CONF__MAX; k++)
		if (config_set(c, (enum config_key)k, defs[k].dflt ?
		    defs[k].dflt : n, "default", msg, sizeof(msg)) != 0) {
			/* A default that fails its own check is a bug. */
			log_err("default %s: %s", defs[k].name, msg);
			abort();
		}
}

void
config_free(struct config *c)
{
	int	 k;

	if (c == NULL)
		return;
	for (k = 0; k < CONF__MAX; k++) {
		free(c->value[k]);
		free(c->source[k]);
	}
	free(c->path);
	memset(c, 0, sizeof(*c));
}

static void
problem(struct buf *errs, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(struct buf *errs, const char *path, int line, const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		buf_printf(errs, "%s:%d: %s\n", path, line, msg);
	else
		buf_printf(errs, "%s: %s\n", path, msg);
}

/*
 * The value part of a line: a "double-quoted" string (no escapes; for
 * values with blanks at the ends or " #"), or the text up to a comment
 * (" #") or the end. NULL with a message when malformed.
 */
static char *
line_value(char *v, const char **why)
{
	char	*q, *hash;

	v = str_trim(v);
	if (*v == '"') {
		if ((q = strchr(v + 1, '"')) == NULL) {
			*why = "missing closing quote";
			return NULL;
		}
		*q = '\0';
		if (*str_trim(q + 1) != '\0' && *str_trim(q + 1) != '#') {
			*why = "text after the closing quote";
			return NULL;
		}
		return v + 1;
	}
	for (hash = v; (hash = strchr(hash, '#')) != NULL; hash++)
		if (hash == v || hash[-1] == ' ' || hash[-1] == '\t') {
			*hash = '\0';
			break;
		}
	return str_trim(v);
}

/* One line of the file; 0 or 1 problem. */
static int
read_line(struct config *c, const char *path, int lineno, char *line,
    struct buf *errs)
{
	char		 msg[256], src[1100];
	const char	*why = NULL;
	char		*eq, *key, *val;
	enum config_key	 k;

	key = str_trim(line);
	if (*key == '\0' || *key == '#')
		return 0;
	if ((eq = strchr(key, '=')) == NULL) {
		problem(errs, path, lineno, "missing '=' (want key = value)");
		return 1;
	}
	*eq = '\0';
	key = str_trim(key);
	if ((k = key_by_name(key)) == CONF__MAX) {
		problem(errs, path, lineno, "unknown key \"%.64s\"", key);
		return 1;
	}
	if (c->line[k] > 0) {
		problem(errs, path, lineno, "%s: set again (first on line %d)",
		    key, c->line[k]);
		return 1;
	}
	if ((val = line_value(eq + 1, &why)) == NULL) {
		problem(errs, path, lineno, "%s: %s", key, why);
		return 1;
	}
	snprintf(src, sizeof(src), "%s:%d", path, lineno);
	if (config_set(c, k, val, src, msg, sizeof(msg)) != 0) {
		problem(errs, path, lineno, "%s: %s", key, msg);
		return 1;
	}
	c->line[k] = lineno;
	return 0;
}

int
config_read(struct config *c, const char *path, struct buf *errs)
{
	FILE	*f;
	char	 line[CONF_LINE_MAX + 2];
	size_t	 len;
	int	 lineno = 0, n = 0, ch;

	free(c->path);
	c->path = xstrdup(path);
	if ((f = fopen(path, "r")) == NULL) {
		problem(errs, path, 0, "%s", strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		len = strlen(line);
		if (len > CONF_LINE_MAX && line[len - 1] != '\n') {
			problem(errs, path, lineno, "line longer than %d bytes",
			    CONF_LINE_MAX);
			n++;
			while ((ch = getc(f)) != EOF && ch != '\n')
				;
			continue;
		}
		n += read_line(c, path, lineno, line, errs);
	}
	if (ferror(f)) {
		problem(errs, path, 0, "read: %s", strerror(errno));
		n++;
	}
	fclose(f);
	return n;
}

int
config_env(struct config *c, struct buf *errs)
{
	const char	*name, *v;
	char		 msg[256], src[64];
	int		 k, i, n = 0;

	for (k = 0; k < CONF__MAX; k++)
		for (i = 0; i < 2; i++) {
			/* The older name first, so the new one wins. */
			name = i == 0 ? defs[k].env_old : defs[k].env;
			if (name == NULL || (v = getenv(name)) == NULL ||
			    *v == '\0')
				continue;
			snprintf(src, sizeof(src), "$%s", name);
			if (config_set(c, (enum config_key)k, v, src, msg,
			    sizeof(msg)) != 0) {
				problem(errs, src, 0, "%s", msg);
				n++;
			}
		}
	return n;
}

const char *
config_path(const char *given, int *must)
{
	const char	*p;

	*must = 1;
	if (given != NULL)
		return given;
	if ((p = getenv("FOLIO_CONFIG")) != NULL && *p != '\0')
		return p;
	*must = 0;
#ifdef FOLIO_SYSCONFDIR
	if (access(FOLIO_SYSCONFDIR "/folio/folio.conf", F_OK) == 0)
		return FOLIO_SYSCONFDIR "/folio/folio.conf";
#endif
	return NULL;
}

int
config_load(struct config *c, const char *given, struct buf *errs)
{
	const char	*path;
	int		 must, n = 0;

	config_defaults(c);
	if ((path = config_path(given, &must)) != NULL)
		n += config_read(c, path, errs);
	return n + config_env(c, errs);
}

const struct config *
config_current(void)
{
	struct config	*c;
	struct buf	 errs = BUF_INIT;

	if (current != NULL)
		return current;
	c = xmalloc(sizeof(*c));
	config_defaults(c);
	/* Nobody asked for a file: a broken variable keeps its default. */
	if (config_env(c, &errs) > 0)
		log_warn("ignored: %s", str_trim(errs.data));
	buf_free(&errs);
	config_use(c);
	return current;
}

struct config *
config_swap(struct config *c)
{
	struct config	*old = current;

	current = c;
	log_set_level(c->log_level);
	return old;
}

void
config_use(struct config *c)
{
	struct config	*old = config_swap(c);

	if (old != NULL && old != c) {
		config_free(old);
		free(old);
	}
}

int
config_option(struct config *c, enum config_key k, const char *option,
    const char *value, struct buf *errs)
{
	char	 msg[256];

	if (config_set(c, k, value, option, msg, sizeof(msg)) == 0)
		return 0;
	buf_printf(errs, "%s %s: %s\n", option, value, msg);
	return 1;
}

struct config *
config_build(const char *given, const struct config_arg *args, size_t n)
{
	struct config	*c = xmalloc(sizeof(*c));
	struct buf	 errs = BUF_INIT;
	size_t		 i;
	int		 problems;

	problems = config_load(c, given, &errs);
	for (i = 0; i < n; i++)
		problems += config_option(c, args[i].key, args[i].option,
		    args[i].value, &errs);
	if (problems > 0) {
		config_log_problems(&errs);
		config_free(c);
		free(c);
		c = NULL;
	}
	buf_free(&errs);
	return c;
}

void
config_log_problems(const struct buf *errs)
{
	const char	*p, *nl;

	for (p = errs->data; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		log_err("%.*s", (int)(nl - p), p);
		if (*nl == '\0')
			break;
	}
}

void
config_fini(void)
{
	config_free(current);
	free(current);
	current = NULL;
}

const char *
config_upload_dir(const struct config *c)
{
	static char	 dflt[1024];

	if (c->value[CONF_UPLOAD_DIR][0] != '\0')
		return c->value[CONF_UPLOAD_DIR];
	snprintf(dflt, sizeof(dflt), "%s/uploads", c->value[CONF_PUBLIC]);
	return dflt;
}
