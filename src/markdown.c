/*
 * markdown.c -- render Markdown with cmark. cmark since 0.29 is safe by
 * default: raw HTML becomes a comment and javascript:, vbscript:, file:
 * and most data: links are emptied. CMARK_OPT_UNSAFE is never passed.
 */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "markdown.h"

char *
markdown_html(struct arena *a, const char *md, size_t len)
{
	char	*html, *copy;

	html = cmark_markdown_to_html(md, len,
	    CMARK_OPT_DEFAULT | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8);
	if (html == NULL) {
		log_err("markdown: cmark failed");
		return NULL;
	}
	copy = arena_strdup(a, html);
	free(html);
	return copy;
}
