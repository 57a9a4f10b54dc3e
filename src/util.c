/*
 * util.c -- process-memory allocation that aborts on failure, and the
 * one-line-per-event logger on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio.h"

static const char	*log_prog = "folio";
static int		 log_level = LOG_LEVEL_INFO;
static char		 log_context[256];	/* "GET /path", or "" */

void
log_init(const char *progname)
{
	const char	*slash = strrchr(progname, '/');

	log_prog = slash ? slash + 1 : progname;
}

void
log_set_level(int level)
{
	log_level = level;
}

/* One event, one line: a control character must not forge another. */
static void
log_clean(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

void
log_request(const char *method, const char *uri)
{
	if (method == NULL || uri == NULL) {
		log_context[0] = '\0';
		return;
	}
	snprintf(log_context, sizeof(log_context), "%s %s", method, uri);
	log_clean(log_context);
}

static void
log_line(const char *level, const char *fmt, va_list ap)
{
	char	 line[1024];

	vsnprintf(line, sizeof(line), fmt, ap);
	log_clean(line);
	if (log_context[0] != '\0')
		fprintf(stderr, "%s: %s: %s: %s\n", log_prog, level,
		    log_context, line);
	else
		fprintf(stderr, "%s: %s: %s\n", log_prog, level, line);
}

void
log_err(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;

	if (log_level < LOG_LEVEL_WARNING)
		return;
	va_start(ap, fmt);
	log_line("warning", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	if (log_level < LOG_LEVEL_INFO)
		return;
	va_start(ap, fmt);
	log_line("info", fmt, ap);
	va_end(ap);
}

char *
str_trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

size_t
utf8_chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void
oom(size_t sz)
{
	log_err("out of memory allocating %zu bytes", sz);
	abort();
}

void *
xmalloc(size_t sz)
{
	void	*p = malloc(sz ? sz : 1);

	if (p == NULL)
		oom(sz);
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom(n * sz);
	return p;
}

void *
xrealloc(void *old, size_t sz)
{
	void	*p = realloc(old, sz ? sz : 1);

	if (p == NULL)
		oom(sz);
	return p;
}

char *
xstrdup(const char *s)
{
	size_t	 len = strlen(s);
	char	*p = xmalloc(len + 1);

	memcpy(p, s, len + 1);
	return p;
}
