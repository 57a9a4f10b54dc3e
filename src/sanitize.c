/*
 * sanitize.c -- the allowlist HTML sanitizer, on gumbo's HTML5 parser.
 * Imported HTML is parsed the way a browser would parse it, then written
 * back from the tree keeping only elements and attributes on the lists
 * below, so what is stored as body_html (and emitted raw) cannot carry
 * script, however it was spelt. Also the plain-text extractor used for
 * titles and excerpts.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "folio.h"
#include "content.h"

#define SANITIZE_DEPTH	128	/* deeper trees are cut, not recursed */
#define SANITIZE_NEST	2000	/* gumbo slows down quadratically with
				   nesting: deeper input is kept as text */

enum attr_kind {
	ATTR_TEXT,	/* any value, escaped */
	ATTR_NUM,	/* digits only */
	ATTR_URL,	/* a followed link */
	ATTR_SRC,	/* a loaded resource */
};

struct attr_rule {
	GumboTag	 tag;		/* GUMBO_TAG_UNKNOWN: every tag */
	const char	*name;
	enum attr_kind	 kind;
};

static const struct attr_rule attr_rules[] = {
	{ GUMBO_TAG_UNKNOWN,	"class",	ATTR_TEXT },
	{ GUMBO_TAG_UNKNOWN,	"title",	ATTR_TEXT },
	{ GUMBO_TAG_UNKNOWN,	"lang",		ATTR_TEXT },
	{ GUMBO_TAG_UNKNOWN,	"dir",		ATTR_TEXT },
	{ GUMBO_TAG_A,		"href",		ATTR_URL },
	{ GUMBO_TAG_IMG,	"src",		ATTR_SRC },
	{ GUMBO_TAG_IMG,	"alt",		ATTR_TEXT },
	{ GUMBO_TAG_IMG,	"width",	ATTR_NUM },
	{ GUMBO_TAG_IMG,	"height",	ATTR_NUM },
	{ GUMBO_TAG_TD,		"colspan",	ATTR_NUM },
	{ GUMBO_TAG_TD,		"rowspan",	ATTR_NUM },
	{ GUMBO_TAG_TH,		"colspan",	ATTR_NUM },
	{ GUMBO_TAG_TH,		"rowspan",	ATTR_NUM },
	{ GUMBO_TAG_TH,		"scope",	ATTR_TEXT },
	{ GUMBO_TAG_COL,	"span",		ATTR_NUM },
	{ GUMBO_TAG_COLGROUP,	"span",		ATTR_NUM },
	{ GUMBO_TAG_OL,		"start",	ATTR_NUM },
	{ GUMBO_TAG_OL,		"reversed",	ATTR_TEXT },
	{ GUMBO_TAG_OL,		"type",		ATTR_TEXT },
	{ GUMBO_TAG_LI,		"value",	ATTR_NUM },
	{ GUMBO_TAG_BLOCKQUOTE,	"cite",		ATTR_URL },
	{ GUMBO_TAG_Q,		"cite",		ATTR_URL },
	{ GUMBO_TAG_DEL,	"cite",		ATTR_URL },
	{ GUMBO_TAG_INS,	"cite",		ATTR_URL },
	{ GUMBO_TAG_DEL,	"datetime",	ATTR_TEXT },
	{ GUMBO_TAG_INS,	"datetime",	ATTR_TEXT },
	{ GUMBO_TAG_TIME,	"datetime",	ATTR_TEXT },
};

/* Kept, with the attributes above. */
static const GumboTag allowed[] = {
	GUMBO_TAG_A, GUMBO_TAG_ABBR, GUMBO_TAG_B, GUMBO_TAG_BDI,
	GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BR, GUMBO_TAG_CAPTION,
	GUMBO_TAG_CITE, GUMBO_TAG_CODE, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP,
	GUMBO_TAG_DD, GUMBO_TAG_DEL, GUMBO_TAG_DETAILS, GUMBO_TAG_DFN,
	GUMBO_TAG_DIV, GUMBO_TAG_DL, GUMBO_TAG_DT, GUMBO_TAG_EM,
	GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE, GUMBO_TAG_H1, GUMBO_TAG_H2,
	GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6, GUMBO_TAG_HR,
	GUMBO_TAG_I, GUMBO_TAG_IMG, GUMBO_TAG_INS, GUMBO_TAG_KBD,
	GUMBO_TAG_LI, GUMBO_TAG_MARK, GUMBO_TAG_OL, GUMBO_TAG_P,
	GUMBO_TAG_PRE, GUMBO_TAG_Q, GUMBO_TAG_S, GUMBO_TAG_SAMP,
	GUMBO_TAG_SMALL, GUMBO_TAG_SPAN, GUMBO_TAG_STRONG, GUMBO_TAG_SUB,
	GUMBO_TAG_SUMMARY, GUMBO_TAG_SUP, GUMBO_TAG_TABLE, GUMBO_TAG_TBODY,
	GUMBO_TAG_TD, GUMBO_TAG_TFOOT, GUMBO_TAG_TH, GUMBO_TAG_THEAD,
	GUMBO_TAG_TIME, GUMBO_TAG_TR, GUMBO_TAG_U, GUMBO_TAG_UL,
	GUMBO_TAG_VAR, GUMBO_TAG_WBR,
};

/* Dropped with everything inside them. */
static const GumboTag dropped[] = {
	GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_IFRAME,
	GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED, GUMBO_TAG_APPLET,
	GUMBO_TAG_NOSCRIPT, GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES,
	GUMBO_TAG_FRAME, GUMBO_TAG_FRAMESET, GUMBO_TAG_TEMPLATE,
	GUMBO_TAG_TEXTAREA, GUMBO_TAG_SELECT, GUMBO_TAG_BUTTON,
	GUMBO_TAG_INPUT, GUMBO_TAG_OPTION, GUMBO_TAG_OPTGROUP,
	GUMBO_TAG_DATALIST, GUMBO_TAG_KEYGEN, GUMBO_TAG_BASE,
	GUMBO_TAG_LINK, GUMBO_TAG_META, GUMBO_TAG_TITLE, GUMBO_TAG_HEAD,
	GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK,
	GUMBO_TAG_SVG, GUMBO_TAG_MATH, GUMBO_TAG_CANVAS, GUMBO_TAG_MAP,
	GUMBO_TAG_AREA,
};

/* Elements that start a new line of text, for sanitize_text(). */
static const GumboTag text_breaks[] = {
	GUMBO_TAG_BR, GUMBO_TAG_P, GUMBO_TAG_DIV, GUMBO_TAG_LI,
	GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_H1,
	GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5,
	GUMBO_TAG_H6, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_PRE, GUMBO_TAG_DT,
	GUMBO_TAG_DD, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_HR,
};

static int
tag_in(const GumboTag *list, size_t n, GumboTag t)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (list[i] == t)
			return 1;
	return 0;
}
#define TAG_IN(list, t)	tag_in(list, sizeof(list) / sizeof(list[0]), t)

static int
is_void(GumboTag t)
{
	return t == GUMBO_TAG_BR || t == GUMBO_TAG_HR || t == GUMBO_TAG_IMG ||
	    t == GUMBO_TAG_WBR || t == GUMBO_TAG_COL;
}

int
sanitize_url_ok(const char *url, int load)
{
	char	 scheme[16];
	size_t	 n = 0;
	const char *p;

	/* Browsers skip leading spaces and controls, and drop tabs and
	 * newlines anywhere: "\x01java\tscript:" is javascript:. */
	while (*url != '\0' && (unsigned char)*url <= 0x20)
		url++;
	for (p = url; *p != '\0'; p++) {
		if (*p == '/' || *p == '?' || *p == '#')
			return 1;	/* relative */
		if (*p == ':')
			break;
		if (*p == '\t' || *p == '\n' || *p == '\r')
			continue;
		if (!isalnum((unsigned char)*p) && *p != '+' && *p != '-' &&
		    *p != '.')
			return 0;
		if (n + 1 >= sizeof(scheme))
			return 0;
		scheme[n++] = (char)tolower((unsigned char)*p);
	}
	if (*p == '\0')
		return 1;		/* "page.html": relative */
	scheme[n] = '\0';
	if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0)
		return 1;
	if (!load && (strcmp(scheme, "mailto") == 0 ||
	    strcmp(scheme, "tel") == 0))
		return 1;
	return 0;
}

static int
attr_ok(GumboTag tag, const GumboAttribute *a)
{
	size_t	 i;
	const char *v;

	for (i = 0; i < sizeof(attr_rules) / sizeof(attr_rules[0]); i++) {
		if ((attr_rules[i].tag != GUMBO_TAG_UNKNOWN &&
		    attr_rules[i].tag != tag) ||
		    strcasecmp(attr_rules[i].name, a->name) != 0)
			continue;
		switch (attr_rules[i].kind) {
		case ATTR_TEXT:
			return 1;
		case ATTR_NUM:
			for (v = a->value; *v != '\0'; v++)
				if (!isdigit((unsigned char)*v))
					return 0;
			return v != a->value && v - a->value < 10;
		case ATTR_URL:
			return sanitize_url_ok(a->value, 0);
		case ATTR_SRC:
			return sanitize_url_ok(a->value, 1);
		}
	}
	return 0;
}

/*
 * Roughly how deep the input nests, counting start tags that need an
 * end tag and end tags; elements whose end tag may be left out (p, li,
 * td...) close themselves and do not count.
 */
static int
too_deep(const char *in, size_t len)
{
	static const char *const flat[] = { "area", "base", "br", "col",
	    "dd", "dt", "embed", "hr", "img", "input", "li", "link", "meta",
	    "option", "p", "param", "source", "tbody", "td", "th", "thead",
	    "tr", "track", "wbr" };
	char		 name[16];
	size_t		 i, j, n;
	long		 depth = 0;

	for (i = 0; i < len; i++) {
		if (in[i] != '<' || i + 1 >= len)
			continue;
		if (in[i + 1] == '/') {
			if (depth > 0)
				depth--;
			continue;
		}
		if (!isalpha((unsigned char)in[i + 1]))
			continue;
		for (j = i + 1, n = 0; j < len && isalnum((unsigned char)in[j]);
		    j++)
			if (n + 1 < sizeof(name))
				name[n++] = (char)tolower((unsigned char)in[j]);
		name[n] = '\0';
		while (j < len && in[j] != '>')
			j++;
		if (j < len && in[j - 1] == '/')
			continue;
		for (n = 0; n < sizeof(flat) / sizeof(flat[0]); n++)
			if (strcmp(flat[n], name) == 0)
				break;
		if (n == sizeof(flat) / sizeof(flat[0]) &&
		    ++depth > SANITIZE_NEST)
			return 1;
		i = j;
	}
	return 0;
}

/* Input too deep to parse: its text, tags dropped, escaped if asked. */
static void
strip_tags(struct buf *out, const char *in, size_t len, int escape)
{
	size_t	 i, run = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && in[i] != '<')
			continue;
		if (escape)
			html_text(out, in + run, i - run);
		else
			buf_append(out, in + run, i - run);
		while (i < len && in[i] != '>')
			i++;
		run = i + 1;
	}
}

static void
put_text(struct buf *out, const char *s)
{
	html_text(out, s, strlen(s));
}

/* A <p> with nothing in it but white space and comments. */
static int
empty_p(const GumboElement *e)
{
	const GumboNode	*k;
	unsigned int	 i;

	if (e->tag != GUMBO_TAG_P)
		return 0;
	for (i = 0; i < e->children.length; i++) {
		k = e->children.data[i];
		if (k->type != GUMBO_NODE_WHITESPACE &&
		    k->type != GUMBO_NODE_COMMENT)
			return 0;
	}
	return 1;
}

static void
write_node(struct buf *out, const GumboNode *n, int depth)
{
	const GumboElement	*e;
	const GumboAttribute	*a;
	const char		*name;
	unsigned int		 i;
	int			 keep;

	switch (n->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
	case GUMBO_NODE_CDATA:
		put_text(out, n->v.text.text);
		return;
	case GUMBO_NODE_ELEMENT:
		break;
	default:		/* comments, the document */
		return;
	}
	e = &n->v.element;
	/* An empty paragraph is what <!--more--> and a dropped shortcode
	 * leave behind: it shows nothing but a gap. */
	if (e->tag_namespace != GUMBO_NAMESPACE_HTML ||
	    TAG_IN(dropped, e->tag) || depth > SANITIZE_DEPTH || empty_p(e))
		return;
	keep = TAG_IN(allowed, e->tag);
	if (keep) {
		name = gumbo_normalized_tagname(e->tag);
		buf_putc(out, '<');
		buf_puts(out, name);
		for (i = 0; i < e->attributes.length; i++) {
			a = e->attributes.data[i];
			if (!attr_ok(e->tag, a))
				continue;
			buf_putc(out, ' ');
			put_text(out, a->name);
			buf_puts(out, "=\"");
			put_text(out, a->value);
			buf_putc(out, '"');
		}
		buf_putc(out, '>');
		if (is_void(e->tag))
			return;
	}
	for (i = 0; i < e->children.length; i++)
		write_node(out, e->children.data[i], depth + 1);
	if (keep)
		buf_printf(out, "</%s>", gumbo_normalized_tagname(e->tag));
}

/* The <body> of a parsed document, or NULL. */
static const GumboNode *
body_of(const GumboOutput *doc)
{
	const GumboVector	*kids = &doc->root->v.element.children;
	const GumboNode		*k;
	unsigned int		 i;

	for (i = 0; i < kids->length; i++) {
		k = kids->data[i];
		if (k->type == GUMBO_NODE_ELEMENT &&
		    k->v.element.tag == GUMBO_TAG_BODY)
			return k;
	}
	return NULL;
}

void
sanitize_html(struct buf *out, const char *in, size_t len)
{
	GumboOptions		 opt = kGumboDefaultOptions;
	GumboOutput		*doc;
	const GumboNode		*body;
	unsigned int		 i;

	if (too_deep(in, len)) {
		log_warn("sanitize: HTML nested deeper than %d: kept as text",
		    SANITIZE_NEST);
		strip_tags(out, in, len, 1);
		return;
	}
	opt.max_errors = 0;	/* we want the tree, not the complaints */
	if ((doc = gumbo_parse_with_options(&opt, in, len)) == NULL) {
		log_err("gumbo: cannot parse");
		abort();	/* only out of memory gets here */
	}
	if ((body = body_of(doc)) != NULL)
		for (i = 0; i < body->v.element.children.length; i++)
			write_node(out, body->v.element.children.data[i], 0);
	gumbo_destroy_output(&opt, doc);
}

static void
text_node(struct buf *out, const GumboNode *n, int depth)
{
	const GumboElement	*e;
	unsigned int		 i;

	switch (n->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
	case GUMBO_NODE_CDATA:
		buf_puts(out, n->v.text.text);
		return;
	case GUMBO_NODE_ELEMENT:
		break;
	default:
		return;
	}
	e = &n->v.element;
	if (TAG_IN(dropped, e->tag) || depth > SANITIZE_DEPTH)
		return;
	if (TAG_IN(text_breaks, e->tag))
		buf_putc(out, ' ');
	for (i = 0; i < e->children.length; i++)
		text_node(out, e->children.data[i], depth + 1);
	if (TAG_IN(text_breaks, e->tag))
		buf_putc(out, ' ');
}

void
sanitize_text(struct buf *out, const char *in, size_t len)
{
	GumboOptions		 opt = kGumboDefaultOptions;
	GumboOutput		*doc;
	const GumboNode		*body;
	struct buf		 raw = BUF_INIT;
	unsigned int		 i;
	size_t			 j;
	int			 space = 0, any = 0;
	unsigned char		 c;

	opt.max_errors = 0;
	if (too_deep(in, len)) {
		strip_tags(&raw, in, len, 0);
	} else {
		if ((doc = gumbo_parse_with_options(&opt, in, len)) == NULL) {
			log_err("gumbo: cannot parse");
			abort();
		}
		if ((body = body_of(doc)) != NULL)
			for (i = 0; i < body->v.element.children.length; i++)
				text_node(&raw,
				    body->v.element.children.data[i], 0);
		gumbo_destroy_output(&opt, doc);
	}
	/* Collapse white space (and the no-break space) to one space. */
	for (j = 0; j < raw.len; j++) {
		c = (unsigned char)raw.data[j];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			space = 1;
			continue;
		}
		if (space && any)
			buf_putc(out, ' ');
		space = 0;
		any = 1;
		buf_putc(out, (char)c);
	}
	if (!any)
		buf_puts(out, "");
	buf_free(&raw);
}
