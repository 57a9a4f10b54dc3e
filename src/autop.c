/*
 * autop.c -- WordPress's automatic paragraphs (wpautop), so classic
 * posts read as they did on WordPress: blank-line-separated text becomes
 * <p>, a lone newline <br />. Written as a scanner, not as wpautop's
 * chain of regular expressions: text between block-level tags is a
 * "run", and a run is made into paragraphs at the top level, or inside a
 * container (div, blockquote, li...) when it has a blank line in it.
 * Well-formedness is the sanitizer's job, which comes after.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "folio.h"
#include "content.h"

#define AUTOP_DEPTH	64	/* deeper block nesting is just not tracked */

/* WordPress's $allblocks, plus a few HTML5 ones it learnt later. */
static const char *const blocks[] = {
	"address", "area", "article", "aside", "blockquote", "caption",
	"col", "colgroup", "dd", "details", "div", "dl", "dt", "fieldset",
	"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
	"h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "map",
	"math", "menu", "nav", "ol", "p", "section", "summary", "table",
	"tbody", "td", "tfoot", "th", "thead", "tr", "ul",
};

/* Blocks whose text may hold paragraphs of its own. */
static const char *const containers[] = {
	"article", "aside", "blockquote", "dd", "details", "div",
	"fieldset", "figure", "footer", "form", "header", "li", "main",
	"nav", "section", "td", "th",
};

/* Copied untouched, up to their end tag. */
static const char *const raws[] = { "pre", "script", "style", "textarea" };

/* Blocks that have no end tag. */
static const char *const voids[] = { "area", "col", "hr" };

static int
in_list(const char *const *list, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcasecmp(list[i], name) == 0)
			return 1;
	return 0;
}
#define IN(list, name)	in_list(list, sizeof(list) / sizeof(list[0]), name)

/*
 * If s[0] starts a tag "<name" or "</name", store the lowercased name
 * (truncated to namesz - 1) and whether it closes; return the length of
 * the whole tag up to and including '>' (quotes respected), or 0 when
 * this is no tag. A tag without its '>' runs to the end of the input.
 */
static size_t
tag_at(const char *s, size_t len, char *name, size_t namesz, int *closing)
{
	size_t	 i = 1, n = 0;
	char	 q = 0;

	if (len < 2 || s[0] != '<')
		return 0;
	*closing = s[1] == '/';
	if (*closing)
		i++;
	if (i >= len || !isalpha((unsigned char)s[i]))
		return 0;
	for (; i < len && isalnum((unsigned char)s[i]); i++)
		if (n + 1 < namesz)
			name[n++] = (char)tolower((unsigned char)s[i]);
	name[n] = '\0';
	for (; i < len; i++) {
		if (q != 0) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'')
			q = s[i];
		else if (s[i] == '>')
			return i + 1;
	}
	return len;
}

/* Length of an HTML comment starting at s, or 0. */
static size_t
comment_at(const char *s, size_t len)
{
	size_t	 i;

	if (len < 4 || memcmp(s, "<!--", 4) != 0)
		return 0;
	for (i = 4; i + 3 <= len; i++)
		if (memcmp(s + i, "-->", 3) == 0)
			return i + 3;
	return len;
}

/* Does the output end with a <br> already (spaces aside)? */
static int
ends_with_br(const struct buf *out)
{
	size_t	 n = out->len;

	while (n > 0 && (out->data[n - 1] == ' ' || out->data[n - 1] == '\t'))
		n--;
	return (n >= 6 && strncasecmp(out->data + n - 6, "<br />", 6) == 0) ||
	    (n >= 5 && strncasecmp(out->data + n - 5, "<br/>", 5) == 0) ||
	    (n >= 4 && strncasecmp(out->data + n - 4, "<br>", 4) == 0);
}

/*
 * Copy s, turning each newline in text (not inside a tag or comment)
 * into "<br />\n".
 */
static void
nl2br(struct buf *out, const char *s, size_t len)
{
	char	 name[16];
	size_t	 i = 0, n;
	int	 closing;

	while (i < len) {
		if ((n = comment_at(s + i, len - i)) > 0 ||
		    (n = tag_at(s + i, len - i, name, sizeof(name),
		    &closing)) > 0) {
			buf_append(out, s + i, n);
			i += n;
			continue;
		}
		if (s[i] == '\n') {
			/* "a  \n b": the spaces around a break are noise. */
			while (out->len > 0 && out->data[out->len - 1] == ' ')
				out->data[--out->len] = '\0';
			if (!ends_with_br(out))
				buf_puts(out, "<br />");
			buf_putc(out, '\n');
			i++;
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			continue;
		}
		buf_putc(out, s[i++]);
	}
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* A newline, white space, and another newline. */
static int
has_blank_line(const char *s, size_t len)
{
	size_t	 i;
	int	 nl = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\n') {
			if (nl)
				return 1;
			nl = 1;
		} else if (!is_space(s[i]))
			nl = 0;
	}
	return 0;
}

/* Write one run: paragraphs, or the text with its newlines as <br />. */
static void
flush_run(struct buf *out, const char *s, size_t len, int paragraphs)
{
	size_t	 start, end, i, lstart, chunk;
	int	 blank_line, any = 0;

	for (i = 0; i < len; i++)
		if (!is_space(s[i]))
			break;
	if (i == len) {		/* only white space between blocks */
		if (memchr(s, '\n', len) != NULL)
			buf_putc(out, '\n');
		else
			buf_append(out, s, len);
		return;
	}
	if (!paragraphs) {
		/* Newlines at either end belong to the blocks around. */
		start = 0;
		while (start < len && is_space(s[start]))
			start++;
		end = len;
		while (end > start && is_space(s[end - 1]))
			end--;
		buf_append(out, s, start);
		nl2br(out, s + start, end - start);
		buf_append(out, s + end, len - end);
		return;
	}
	/* Chunks end at a blank line: a line of nothing but white space. */
	chunk = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n')
			continue;
		blank_line = 0;
		if (i < len) {
			lstart = i + 1;
			while (lstart < len && s[lstart] != '\n' &&
			    is_space(s[lstart]))
				lstart++;
			blank_line = lstart < len && s[lstart] == '\n';
			if (!blank_line)
				continue;
		}
		start = chunk;
		end = i;
		while (start < end && is_space(s[start]))
			start++;
		while (end > start && is_space(s[end - 1]))
			end--;
		if (end > start) {
			if (!any && out->len > 0 &&
			    out->data[out->len - 1] != '\n')
				buf_putc(out, '\n');
			buf_puts(out, "<p>");
			nl2br(out, s + start, end - start);
			buf_puts(out, "</p>\n");
			any = 1;
		}
		if (i < len) {
			i = lstart;
			chunk = lstart;
		}
	}
}

void
content_autop(struct buf *out, const char *in, size_t len)
{
	char		 stack[AUTOP_DEPTH][16], name[16];
	size_t		 depth = 0, i = 0, run = 0, n, j;
	const char	*end;
	int		 closing, paragraphs;
	struct buf	 closer = BUF_INIT;

	while (i < len) {
		if ((n = comment_at(in + i, len - i)) > 0) {
			i += n;
			continue;
		}
		n = tag_at(in + i, len - i, name, sizeof(name), &closing);
		if (n == 0 || (!IN(blocks, name) && !IN(raws, name))) {
			i += n > 0 ? n : 1;
			continue;
		}
		/* A block or raw tag ends the run before it. */
		paragraphs = depth == 0 || (IN(containers, stack[depth - 1]) &&
		    has_blank_line(in + run, i - run));
		flush_run(out, in + run, i - run, paragraphs);
		if (!closing && IN(raws, name)) {
			/* Copy through the matching end tag. */
			buf_reset(&closer);
			buf_printf(&closer, "</%s", name);
			end = NULL;
			for (j = i + n; j + closer.len <= len; j++)
				if (strncasecmp(in + j, closer.data,
				    closer.len) == 0) {
					end = in + j;
					break;
				}
			if (end == NULL)
				j = len;
			else {
				j = (size_t)(end - in);
				while (j < len && in[j] != '>')
					j++;
				if (j < len)
					j++;
			}
			buf_append(out, in + i, j - i);
			i = run = j;
			continue;
		}
		buf_append(out, in + i, n);
		if (closing) {
			for (j = depth; j > 0; j--)
				if (strcmp(stack[j - 1], name) == 0) {
					depth = j - 1;
					break;
				}
		} else if (!IN(voids, name) && in[i + n - 2] != '/' &&
		    depth < AUTOP_DEPTH) {
			memcpy(stack[depth++], name, sizeof(name));
		}
		i += n;
		run = i;
	}
	paragraphs = depth == 0 || (IN(containers, stack[depth - 1]) &&
	    has_blank_line(in + run, len - run));
	flush_run(out, in + run, len - run, paragraphs);
	buf_free(&closer);
}
