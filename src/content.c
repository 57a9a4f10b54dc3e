/*
 * content.c -- the import pipeline for WordPress post content, in the
 * order WordPress itself applies it on display, then the sanitizer.
 */
#include <string.h>

#include "folio.h"
#include "content.h"

void
content_strip_blocks(struct buf *out, const char *in, size_t len)
{
	size_t	 i = 0, run = 0, j;

	while (i + 4 <= len) {
		if (memcmp(in + i, "<!--", 4) != 0) {
			i++;
			continue;
		}
		j = i + 4;
		while (j < len && (in[j] == ' ' || in[j] == '\t' ||
		    in[j] == '\n'))
			j++;
		if (j < len && in[j] == '/')
			j++;
		if (len - j < 3 || memcmp(in + j, "wp:", 3) != 0) {
			i++;
			continue;
		}
		for (j += 3; j + 3 <= len; j++)
			if (memcmp(in + j, "-->", 3) == 0)
				break;
		if (j + 3 > len)
			break;		/* unterminated: the sanitizer's job */
		buf_append(out, in + run, i - run);
		i = run = j + 3;
	}
	buf_append(out, in + run, len - run);
}

/* Gutenberg content says so in its comments; it has its own <p>s. */
static int
has_blocks(const char *in, size_t len)
{
	size_t	 i;

	for (i = 0; i + 8 <= len; i++)
		if (memcmp(in + i, "<!-- wp:", 8) == 0)
			return 1;
	return 0;
}

void
content_from_wordpress(struct buf *out, const char *in, size_t len,
    const struct content_media *media)
{
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	int		 blocks = has_blocks(in, len);

	content_strip_blocks(&a, in, len);
	content_shortcodes(&b, a.data ? a.data : "", a.len, media);
	if (blocks) {
		sanitize_html(out, b.data ? b.data : "", b.len);
	} else {
		buf_reset(&a);
		content_autop(&a, b.data ? b.data : "", b.len);
		sanitize_html(out, a.data ? a.data : "", a.len);
	}
	buf_puts(out, "");
	buf_free(&a);
	buf_free(&b);
}
