/*
 * arena.c -- the per-request allocator. A request allocates freely and
 * never frees; arena_reset() at the end of the request releases it all,
 * keeping the first block so a steady worker stops calling malloc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio.h"

#define ARENA_BLOCK	(64 * 1024)
#define ARENA_ALIGN	16

struct arena_block {
	struct arena_block	*next;
	size_t			 used;
	size_t			 sz;	/* bytes of data[] */
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

void *
arena_alloc(struct arena *a, size_t len)
{
	struct arena_block	*bl = a->head;
	size_t			 sz;
	void			*p;

	if (len > SIZE_MAX - ARENA_ALIGN)
		abort();
	len = (len + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (len == 0)
		len = ARENA_ALIGN;
	if (bl == NULL || bl->sz - bl->used < len) {
		sz = len > ARENA_BLOCK ? len : ARENA_BLOCK;
		bl = xmalloc(sizeof(*bl) + sz);
		bl->used = 0;
		bl->sz = sz;
		/* A large one-off block goes second so the current block
		 * keeps serving small allocations. */
		if (a->head != NULL && len > ARENA_BLOCK) {
			bl->next = a->head->next;
			a->head->next = bl;
		} else {
			bl->next = a->head;
			a->head = bl;
		}
	}
	p = bl->data + bl->used;
	bl->used += len;
	return p;
}

void *
arena_calloc(struct arena *a, size_t n, size_t sz)
{
	void	*p;

	if (sz != 0 && n > SIZE_MAX / sz)
		abort();
	p = arena_alloc(a, n * sz);
	memset(p, 0, n * sz);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char	*p = arena_alloc(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_reset(struct arena *a)
{
	struct arena_block	*bl, *next;

	if (a->head == NULL)
		return;
	/* Keep the last block in the chain: the oldest, standard-sized one. */
	for (bl = a->head; bl->next != NULL; bl = next) {
		next = bl->next;
		free(bl);
	}
	bl->used = 0;
	a->head = bl;
}

void
arena_free(struct arena *a)
{
	struct arena_block	*bl, *next;

	for (bl = a->head; bl != NULL; bl = next) {
		next = bl->next;
		free(bl);
	}
	a->head = NULL;
}
