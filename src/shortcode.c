/*
 * shortcode.c -- WordPress shortcodes in imported content. Folio has no
 * plugins to answer them, so the few every site uses are rendered here
 * ([caption], [embed]) and the rest are dropped rather than shown as
 * bracket soup. The output is HTML still to be sanitized.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio.h"
#include "content.h"

#define SC_NAME_MAX	32
#define SC_DEPTH_MAX	8	/* shortcodes inside shortcodes */
/* Bytes searched for closing tags, per byte of text: past this, tags
 * close themselves, so "[a][a][a]..." cannot take n^2 time. */
#define SC_SCAN_FACTOR	8
#define SC_GALLERY_MAX	200	/* images in one [gallery] */
#define SC_SCAN_MIN	65536

struct sc_tag {
	char		 name[SC_NAME_MAX + 1];
	const char	*attrs;		/* between the name and "]" or "/]" */
	size_t		 attrs_len;
	size_t		 len;		/* of the whole tag, "[" to "]" */
	int		 closing;	/* [/name] */
	int		 self_closed;	/* [name /] */
};

/* One content_shortcodes() call. */
struct sc_ctx {
	size_t				 budget;	/* bytes to scan left */
	const struct content_media	*media;		/* or NULL */
};

static void	 expand(struct buf *, const char *, size_t, int,
		    struct sc_ctx *);

static int
name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* Parse a shortcode tag at s[0] == '['; 0 when it is none. */
static int
tag_parse(const char *s, size_t len, struct sc_tag *t)
{
	size_t	 i = 1, n = 0;
	char	 q = 0;

	memset(t, 0, sizeof(*t));
	if (i < len && s[i] == '/') {
		t->closing = 1;
		i++;
	}
	if (i >= len || !isalpha((unsigned char)s[i]))
		return 0;
	for (; i < len && name_char(s[i]); i++) {
		if (n == SC_NAME_MAX)
			return 0;
		t->name[n++] = (char)tolower((unsigned char)s[i]);
	}
	if (i >= len || (s[i] != ']' && s[i] != '/' && !isspace(
	    (unsigned char)s[i])))
		return 0;
	t->attrs = s + i;
	for (; i < len; i++) {
		if (q != 0) {
			if (s[i] == q)
				q = 0;
			continue;
		}
		if (s[i] == '"' || s[i] == '\'')
			q = s[i];
		else if (s[i] == '[')
			return 0;	/* "[a [b]": the first is text */
		else if (s[i] == ']')
			break;
	}
	if (i >= len)
		return 0;
	t->attrs_len = (size_t)(s + i - t->attrs);
	t->len = i + 1;
	if (t->attrs_len > 0 && t->attrs[t->attrs_len - 1] == '/') {
		t->self_closed = 1;
		t->attrs_len--;
	}
	return !(t->closing && t->attrs_len > 0 &&
	    strspn(t->attrs, " \t\n") < t->attrs_len);
}

/*
 * The value of attribute "want" in a tag's attribute text, in a buffer
 * ("" and 0 when absent). Values may be "double", 'single' or bare.
 */
static int
attr_get(const struct sc_tag *t, const char *want, struct buf *val)
{
	const char	*s = t->attrs, *e = t->attrs + t->attrs_len, *k, *v;
	size_t		 klen, vlen;
	char		 q;

	buf_reset(val);
	buf_puts(val, "");
	while (s < e) {
		while (s < e && isspace((unsigned char)*s))
			s++;
		k = s;
		while (s < e && name_char(*s))
			s++;
		klen = (size_t)(s - k);
		if (klen == 0) {
			s++;
			continue;
		}
		if (s >= e || *s != '=')
			continue;	/* a bare value */
		s++;
		if (s < e && (*s == '"' || *s == '\'')) {
			q = *s++;
			v = s;
			while (s < e && *s != q)
				s++;
			vlen = (size_t)(s - v);
			if (s < e)
				s++;
		} else {
			v = s;
			while (s < e && !isspace((unsigned char)*s))
				s++;
			vlen = (size_t)(s - v);
		}
		if (strlen(want) == klen && strncasecmp(want, k, klen) == 0) {
			buf_append(val, v, vlen);
			return 1;
		}
	}
	return 0;
}

/* A class name, or nothing: attribute values only ever reach a class. */
static void
put_class_word(struct buf *out, const char *w)
{
	size_t	 i;

	for (i = 0; w[i] != '\0'; i++)
		if (!isalnum((unsigned char)w[i]) && w[i] != '-' && w[i] != '_')
			return;
	if (i > 0) {
		buf_putc(out, ' ');
		buf_puts(out, w);
	}
}

/*
 * [caption align="alignright" caption="text"]<a><img></a> text[/caption]:
 * the image (with its link), then the caption, from the attribute or
 * from what follows the image.
 */
static void
render_caption(struct buf *out, const struct sc_tag *t, const char *in,
    size_t len, int depth, struct sc_ctx *cx)
{
	struct buf	 val = BUF_INIT;
	size_t		 i, end = 0;
	const char	*p;

	buf_puts(out, "<figure class=\"wp-caption");
	if (attr_get(t, "align", &val))
		put_class_word(out, val.data);
	buf_puts(out, "\">");
	/* Where the image part ends: <img ...>, and </a> if linked. */
	for (i = 0; i + 4 <= len; i++)
		if (strncasecmp(in + i, "<img", 4) == 0)
			break;
	if (i + 4 <= len) {
		p = memchr(in + i, '>', len - i);
		end = p != NULL ? (size_t)(p - in) + 1 : len;
		for (i = end; i < len && isspace((unsigned char)in[i]); i++)
			;
		if (len - i >= 4 && strncasecmp(in + i, "</a>", 4) == 0)
			end = i + 4;
	}
	expand(out, in, end, depth + 1, cx);
	buf_puts(out, "<figcaption class=\"wp-caption-text\">");
	if (attr_get(t, "caption", &val) && val.len > 0)
		expand(out, val.data, val.len, depth + 1, cx);
	else
		expand(out, in + end, len - end, depth + 1, cx);
	buf_puts(out, "</figcaption></figure>");
	buf_free(&val);
}

/* [embed]https://...[/embed]: a plain link, as oEmbed needs a network. */
static void
render_embed(struct buf *out, const char *in, size_t len)
{
	struct buf	 url = BUF_INIT;

	while (len > 0 && isspace((unsigned char)*in)) {
		in++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)in[len - 1]))
		len--;
	buf_append(&url, in, len);
	if (url.len > 0 && sanitize_url_ok(url.data, 0)) {
		buf_puts(out, "<p><a href=\"");
		html_text(out, url.data, url.len);
		buf_puts(out, "\">");
		html_text(out, url.data, url.len);
		buf_puts(out, "</a></p>");
	}
	buf_free(&url);
}

static int
is_media(const char *name)
{
	return strcmp(name, "audio") == 0 || strcmp(name, "video") == 0;
}

/*
 * [audio mp3="..."] and [video src="..."]: a link to the file, since a
 * player would need script or third-party markup.
 */
static void
render_media(struct buf *out, const struct sc_tag *t)
{
	static const char *const keys[] = { "src", "mp3", "m4a", "ogg",
	    "wav", "mp4", "m4v", "webm", "ogv" };
	struct buf	 url = BUF_INIT;
	size_t		 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!attr_get(t, keys[i], &url) || url.len == 0 ||
		    !sanitize_url_ok(url.data, 0))
			continue;
		buf_puts(out, "<p><a href=\"");
		html_text(out, url.data, url.len);
		buf_puts(out, "\">");
		html_text(out, url.data, url.len);
		buf_puts(out, "</a></p>");
		break;
	}
	buf_free(&url);
}

/*
 * [gallery ids="3,4"], or plain [gallery] for the item's own
 * attachments: a list of the images, each linking to itself.
 */
static void
render_gallery(struct buf *out, const struct sc_tag *t,
    const struct content_media *media)
{
	long long	 ids[SC_GALLERY_MAX];
	struct buf	 val = BUF_INIT;
	const char	*url, *title, *p;
	char		*end;
	size_t		 n = 0, i;
	int		 any = 0;

	if (media == NULL)
		return;
	if (attr_get(t, "ids", &val) && val.len > 0) {
		for (p = val.data; *p != '\0' && n < SC_GALLERY_MAX; ) {
			ids[n] = strtoll(p, &end, 10);
			if (end == p)
				break;
			if (ids[n] > 0)
				n++;
			p = end;
			while (*p == ',' || *p == ' ')
				p++;
		}
	} else
		n = media->attached(media->arg, ids, SC_GALLERY_MAX);
	for (i = 0; i < n; i++) {
		title = "";
		if ((url = media->find(media->arg, ids[i], &title)) == NULL ||
		    !sanitize_url_ok(url, 1))
			continue;
		if (!any)
			buf_puts(out, "<ul class=\"gallery\">");
		any = 1;
		buf_puts(out, "<li><a href=\"");
		html_text(out, url, strlen(url));
		buf_puts(out, "\"><img src=\"");
		html_text(out, url, strlen(url));
		buf_puts(out, "\" alt=\"");
		html_text(out, title, strlen(title));
		buf_puts(out, "\"></a></li>");
	}
	if (any)
		buf_puts(out, "</ul>");
	buf_free(&val);
}

/* Where "[/name]" starts in s, or len. */
static size_t
find_close(const char *s, size_t len, const char *name)
{
	struct sc_tag	 t;
	size_t		 i;

	for (i = 0; i < len; i++)
		if (s[i] == '[' && tag_parse(s + i, len - i, &t) &&
		    t.closing && strcmp(t.name, name) == 0)
			return i;
	return len;
}

static void
expand(struct buf *out, const char *in, size_t len, int depth,
    struct sc_ctx *cx)
{
	struct sc_tag	 t, inner;
	size_t		 i = 0, run = 0, body, close;

	while (i < len) {
		if (in[i] != '[') {
			i++;
			continue;
		}
		/* [[name]] is how WordPress writes a literal [name]. */
		if (i + 1 < len && in[i + 1] == '[' &&
		    tag_parse(in + i + 1, len - i - 1, &inner) &&
		    i + 1 + inner.len < len && in[i + 1 + inner.len] == ']') {
			buf_append(out, in + run, i - run);
			buf_append(out, in + i + 1, inner.len);
			i += inner.len + 2;
			run = i;
			continue;
		}
		if (!tag_parse(in + i, len - i, &t)) {
			i++;
			continue;
		}
		buf_append(out, in + run, i - run);
		body = i + t.len;
		close = len;
		if (!t.closing && !t.self_closed && cx->budget > 0) {
			close = body + find_close(in + body, len - body,
			    t.name);
			cx->budget = close - body >= cx->budget ? 0 :
			    cx->budget - (close - body);
		}
		if (!t.closing && is_media(t.name))
			render_media(out, &t);
		if (!t.closing && strcmp(t.name, "gallery") == 0)
			render_gallery(out, &t, cx->media);
		if (t.closing || close == len) {
			/* A stray [/name], or one that stands alone. */
			i = body;
		} else {
			tag_parse(in + close, len - close, &inner);
			if (depth >= SC_DEPTH_MAX || is_media(t.name))
				;	/* too deep, or done: drop the lot */
			else if (strcmp(t.name, "caption") == 0 ||
			    strcmp(t.name, "wp_caption") == 0)
				render_caption(out, &t, in + body,
				    close - body, depth, cx);
			else if (strcmp(t.name, "embed") == 0)
				render_embed(out, in + body, close - body);
			else if (strcmp(t.name, "gallery") != 0 &&
			    strcmp(t.name, "playlist") != 0)
				expand(out, in + body, close - body,
				    depth + 1, cx);
			i = close + inner.len;
		}
		run = i;
	}
	buf_append(out, in + run, len - run);
}

void
content_shortcodes(struct buf *out, const char *in, size_t len,
    const struct content_media *media)
{
	struct sc_ctx	 cx = { SC_SCAN_MIN, media };

	if (len < (SIZE_MAX - SC_SCAN_MIN) / SC_SCAN_FACTOR)
		cx.budget += len * SC_SCAN_FACTOR;
	expand(out, in, len, 0, &cx);
}
