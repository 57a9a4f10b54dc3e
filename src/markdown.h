/*
 * markdown.h -- the author's Markdown to the HTML visitors get, once, at
 * save time (cmark, CommonMark). Raw HTML in the source is not passed
 * through and dangerous link schemes are dropped (cmark's safe mode).
 */
#ifndef MARKDOWN_H
#define MARKDOWN_H

#include <stddef.h>

struct arena;

/* The HTML for md, in the arena; NULL (logged) if cmark fails. */
char	*markdown_html(struct arena *, const char *md, size_t len);

#endif /* MARKDOWN_H */
