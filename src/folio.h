/*
 * folio.h -- the types and helpers every part of Folio shares: error codes,
 * growable buffers, the per-request arena, logging and allocation.
 * Module-specific interfaces live beside their module (tmpl.h, db.h, ...).
 */
#ifndef FOLIO_H
#define FOLIO_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

enum folio_err {
	FOLIO_OK = 0,
	FOLIO_ERR_NOTFOUND,	/* no such row, file or route */
	FOLIO_ERR_INPUT,	/* the client sent something malformed */
	FOLIO_ERR_TOOLONG,	/* a bound was reached */
	FOLIO_ERR_DB,		/* SQLite said no; already logged */
	FOLIO_ERR_TMPL,		/* template missing or malformed */
	FOLIO_ERR_IO,		/* a system call failed; already logged */
};

/*
 * A growable byte buffer. "data" is always NUL-terminated once anything
 * has been appended, so it can be used as a C string; "len" excludes the
 * NUL. Growth aborts on out-of-memory (see xmalloc), so appends cannot fail.
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 sz;
};
#define BUF_INIT { NULL, 0, 0 }

void	 buf_grow(struct buf *, size_t);
void	 buf_append(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);

/*
 * Context-specific writers: the only way untrusted text reaches a page.
 * html_text() escapes & < > " ' so its output is safe in element content
 * and in quoted attributes; url_part() percent-encodes everything but the
 * RFC 3986 unreserved characters, for one path segment or query value.
 */
void	 html_text(struct buf *, const char *, size_t);
void	 url_part(struct buf *, const char *, size_t);

/* The value of one hex digit (either case), or -1: for %-decoding. */
int	 hex_value(char);

/*
 * Per-request allocator: everything a request needs dies together in
 * arena_reset(). Allocation aborts when memory runs out.
 */
struct arena_block;
struct arena {
	struct arena_block	*head;
};
#define ARENA_INIT { NULL }

void	*arena_alloc(struct arena *, size_t);
void	*arena_calloc(struct arena *, size_t, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 arena_reset(struct arena *);	/* frees all but the first block */
void	 arena_free(struct arena *);

/* Skip blanks at the start, cut them (and CR, LF) off the end: in place. */
char	*str_trim(char *);
/* The characters in UTF-8 text: bytes that do not continue a sequence. */
size_t	 utf8_chars(const char *);

/* Process memory: these log and abort on out-of-memory. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);

/*
 * Logging: one line on stderr, prefixed with the program name and level.
 * Never pass passwords, tokens or cookies.
 */
void	 log_init(const char *progname);
/* Drop lines below this level (config.c sets it from log_level). */
enum { LOG_LEVEL_ERROR, LOG_LEVEL_WARNING, LOG_LEVEL_INFO };
void	 log_set_level(int);
/*
 * The request being served, named in every line logged until it is
 * cleared with NULLs, so an error says which request met it.
 */
void	 log_request(const char *method, const char *uri);
void	 log_err(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif /* FOLIO_H */
