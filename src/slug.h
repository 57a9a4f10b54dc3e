/*
 * slug.h -- slugs are the URL parts naming posts, pages, categories and
 * authors: 1 to SLUG_MAX bytes of [a-z0-9-].
 */
#ifndef SLUG_H
#define SLUG_H

#include <stddef.h>

#define SLUG_MAX	200

struct arena;

/* 1 if s is a valid slug, else 0. */
int	 slug_valid(const char *s);

/*
 * Make a slug from a title: ASCII letters lowercased, digits kept, every
 * other run of characters one hyphen, no hyphen at either end, at most
 * SLUG_MAX bytes. A title with nothing usable gives "untitled".
 */
char	*slug_from_title(struct arena *, const char *title);

#endif /* SLUG_H */
