/*
 * tmpl.c -- the template engine: compiles the ctemplate syntax (TMPL_VAR,
 * TMPL_IF/ELSIF/ELSE, TMPL_LOOP, TMPL_BREAK/CONTINUE, TMPL_INCLUDE and
 * <* comments *>) once into a tree, with includes read and inlined at load
 * time, then renders that tree any number of times against variable lists
 * kept in the request arena. Every syntax error is reported by the load;
 * rendering only appends to a struct buf, HTML-escaping values unless the
 * tag says fmt="raw" or fmt="url". docs/TEMPLATE-SYNTAX.md is the syntax.
 * What a page puts in its variables is the page's business.
 */
#include <sys/stat.h>

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio.h"
#include "tmpl.h"

#define TMPL_FILE_MAX	(1024 * 1024)	/* bytes in one template file */
#define TMPL_TOTAL_MAX	(8 * 1024 * 1024) /* bytes of a template and its
					   * includes, each copy counted */
#define TMPL_NEST_MAX	64	/* IF and LOOP nesting, through includes */
#define TMPL_INCLUDE_MAX 16	/* includes nested below the loaded file */
#define TMPL_PATH_MAX	1024

/* A variable name as the template spells it, hashed once at load. */
struct tname {
	const char	*s;		/* NUL-terminated, in the tree arena */
	size_t		 len;
	uint32_t	 hash;
};

enum tfmt {
	TFMT_HTML,			/* the default; also "html", "entity" */
	TFMT_RAW,
	TFMT_URL,
};

enum tnode_type {
	TN_TEXT,
	TN_VAR,
	TN_IF,
	TN_LOOP,
	TN_BREAK,
	TN_CONTINUE,
};

/* One TMPL_IF or TMPL_ELSIF test with its body, or the TMPL_ELSE body. */
struct tbranch {
	struct tbranch	*next;
	int		 always;	/* TMPL_ELSE */
	struct tname	 name;
	const char	*value;		/* value=, or NULL to test for truth */
	size_t		 vlen;
	struct tnode	*body;
};

struct tnode_text {
	const char	*s;		/* output as is: comments, \-newlines
					 * already removed */
	size_t		 len;
};

struct tnode_var {
	struct tname	 name;
	enum tfmt	 fmt;
	const char	*def;		/* default=, unescaped; NULL if none */
	size_t		 deflen;
};

struct tnode_loop {
	struct tname	 name;
	struct tnode	*body;
};

struct tnode {
	struct tnode		*next;
	enum tnode_type		 type;
	union {
		struct tnode_text	 text;
		struct tnode_var	 var;
		struct tbranch		*branches;	/* TN_IF */
		struct tnode_loop	 loop;
		int			 level;		/* BREAK, CONTINUE */
	} u;
};

struct tmpl {
	struct arena	 mem;		/* every node and string of the tree */
	struct tnode	*head;
};

/*
 * A variable list is an open-addressing hash table in the request arena.
 * An entry holds a string or a loop; setting one kind drops the other.
 */
struct tvar {
	const char	*name;		/* NULL: empty slot */
	size_t		 nlen;
	uint32_t	 hash;
	const char	*value;		/* NULL: a loop, or unset */
	size_t		 vlen;
	struct tvars	*rows;		/* loop rows in the order added */
	struct tvars	*last;
	size_t		 nrows;
};

struct tvars {
	struct arena		*arena;
	const struct tvars	*parent;	/* lookups fall back here */
	struct tvars		*next;		/* next row of the same loop */
	struct tvar		*slot;
	size_t			 nslot;		/* 0 or a power of two */
	size_t			 n;
};

enum tag_kind {
	TAG_VAR,
	TAG_IF,
	TAG_ELSIF,
	TAG_ELSE,
	TAG_ENDIF,
	TAG_LOOP,
	TAG_ENDLOOP,
	TAG_BREAK,
	TAG_CONTINUE,
	TAG_INCLUDE,
	TAG__MAX
};

enum tag_attr {
	ATTR_NAME,
	ATTR_VALUE,
	ATTR_DEFAULT,
	ATTR_FMT,
	ATTR_LEVEL,
	ATTR__MAX
};

static const char *const attr_names[ATTR__MAX] = {
	"name", "value", "default", "fmt", "level",
};

#define A(x)	(1u << (x))

static const struct tagdef {
	const char	*name;		/* the canonical spelling */
	unsigned	 attrs;		/* A(ATTR_x) allowed */
	unsigned	 need;		/* A(ATTR_x) required */
	int		 selfclose;	/* may end in "/>" */
} tagdefs[TAG__MAX] = {
	{ "TMPL_VAR", A(ATTR_NAME) | A(ATTR_DEFAULT) | A(ATTR_FMT),
	    A(ATTR_NAME), 1 },
	{ "TMPL_IF", A(ATTR_NAME) | A(ATTR_VALUE), A(ATTR_NAME), 0 },
	{ "TMPL_ELSIF", A(ATTR_NAME) | A(ATTR_VALUE), A(ATTR_NAME), 1 },
	{ "TMPL_ELSE", 0, 0, 1 },
	{ "/TMPL_IF", 0, 0, 0 },
	{ "TMPL_LOOP", A(ATTR_NAME), A(ATTR_NAME), 0 },
	{ "/TMPL_LOOP", 0, 0, 0 },
	{ "TMPL_BREAK", A(ATTR_LEVEL), 0, 1 },
	{ "TMPL_CONTINUE", A(ATTR_LEVEL), 0, 1 },
	{ "TMPL_INCLUDE", A(ATTR_NAME), A(ATTR_NAME), 1 },
};

/* One scanned tag; values point into the source being parsed. */
struct tag {
	enum tag_kind	 kind;
	size_t		 at;		/* offset of its '<' */
	const char	*val[ATTR__MAX];
	size_t		 vlen[ATTR__MAX];
	size_t		 vat[ATTR__MAX];	/* offsets, for errors */
};

/* State shared by a template and all its includes while loading. */
struct loader {
	struct tmpl	*t;
	const char	*dir;		/* NULL: includes are refused */
	char		*err;
	size_t		 errsz;
	const char	*open[TMPL_INCLUDE_MAX + 2];	/* files being parsed */
	int		 nopen;
	int		 ninc;		/* include depth of the current file */
	size_t		 total;		/* source bytes read */
};

/* An open TMPL_IF or TMPL_LOOP. */
struct frame {
	enum tnode_type	 type;		/* TN_IF or TN_LOOP */
	size_t		 at;		/* offset of its tag, for errors */
	struct tbranch	*br;		/* TN_IF: the branch being filled */
	int		 haselse;
	struct tnode	**tail;		/* where the next node goes */
};

/* Parsing state of one file (or in-memory text). */
struct parser {
	struct loader	*ld;
	const char	*src;
	size_t		 len;
	size_t		 pos;
	const char	*label;		/* names the file in errors */
	int		 depth;		/* IF/LOOP nesting around this file */
	struct frame	 st[TMPL_NEST_MAX];
	int		 nst;
	int		 nloop;		/* TN_LOOP frames in st */
	struct tnode	*head;
	struct tnode	**tail;		/* end of the top-level list */
	struct buf	 text;		/* text not yet made into a node */
};

static int	parse_text(struct parser *);

/* FNV-1a: short names, no need for more. */
static uint32_t
name_hash(const char *s, size_t len)
{
	uint32_t	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* ASCII only: the locale must not change what a tag is. */
static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
ascii_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
tag_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Characters of an unquoted attribute value. */
static int
bare_char(int c)
{
	return ascii_alpha(c) || (c >= '0' && c <= '9') || c == '.' ||
	    c == '-' || c == '_';
}

/* Does s[0..len) equal the literal, ignoring ASCII case? */
static int
ci_eq(const char *s, size_t len, const char *lit)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (lit[i] == '\0' ||
		    ascii_lower((unsigned char)s[i]) != ascii_lower(lit[i]))
			return 0;
	return lit[len] == '\0';
}

/* Attribute values are case-sensitive. */
static int
lit_eq(const char *s, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

/* Does s[pos..n) start with the literal, ignoring ASCII case? */
static int
ci_prefix(const char *s, size_t n, size_t pos, const char *lit)
{
	size_t	 len = strlen(lit);

	return n - pos >= len && ci_eq(s + pos, len, lit);
}

static void	err_write(char *, size_t, const char *, unsigned long,
		    unsigned long, const char *, va_list)
		    __attribute__((format(printf, 6, 0)));

/* Write "label:line:col: message" for the 1-based line and column. */
static void
err_write(char *err, size_t errsz, const char *label, unsigned long line,
    unsigned long col, const char *fmt, va_list ap)
{
	int	 n;

	if (err == NULL || errsz == 0)
		return;
	n = snprintf(err, errsz, "%s:%lu:%lu: ", label, line, col);
	if (n < 0 || (size_t)n >= errsz)
		return;
	vsnprintf(err + n, errsz - (size_t)n, fmt, ap);
}

static void
err_file(struct loader *ld, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* An error about a whole file: it has no better position than 1:1. */
static void
err_file(struct loader *ld, const char *label, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	err_write(ld->err, ld->errsz, label, 1, 1, fmt, ap);
	va_end(ap);
}

static int
perr(struct parser *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Report an error at byte offset "at" of the current file; returns -1. */
static int
perr(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list		 ap;
	unsigned long	 line = 1;
	size_t		 i, bol = 0;

	if (at > p->len)
		at = p->len;
	for (i = 0; i < at; i++)
		if (p->src[i] == '\n') {
			line++;
			bol = i + 1;
		}
	va_start(ap, fmt);
	err_write(p->ld->err, p->ld->errsz, p->label, line,
	    (unsigned long)(at - bol + 1), fmt, ap);
	va_end(ap);
	return -1;
}

/* A byte quoted for an error message. */
static const char *
char_desc(char c, char *b, size_t sz)
{
	if (c >= 0x21 && c < 0x7f)
		snprintf(b, sz, "'%c'", c);
	else
		snprintf(b, sz, "byte 0x%02x", (unsigned char)c);
	return b;
}

/*
 * Read a whole regular file of at most TMPL_FILE_MAX bytes into *data
 * (caller frees). Returns NULL, or why not.
 */
static const char *
file_read(const char *path, char **data, size_t *len)
{
	struct stat	 st;
	char		*p = NULL;
	size_t		 got = 0, sz;
	ssize_t		 r;
	int		 fd;
	const char	*why = NULL;

	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY)) == -1)
		return strerror(errno);
	if (fstat(fd, &st) == -1)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	else if (st.st_size > TMPL_FILE_MAX)
		why = "larger than 1048576 bytes";
	if (why != NULL) {
		close(fd);
		return why;
	}
	/* One byte more than the size, to notice a file that grew. */
	sz = (size_t)st.st_size + 1;
	p = xmalloc(sz);
	while (got < sz) {
		r = read(fd, p + got, sz - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			why = strerror(errno);
			break;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (why == NULL && got == sz)
		why = "changed while being read";
	if (why != NULL) {
		free(p);
		return why;
	}
	*data = p;
	*len = got;
	return NULL;
}

/* Include names stay inside the template folder. */
static int
include_name_ok(const char *s, size_t len)
{
	size_t	 i, start = 0;

	if (len == 0 || s[0] == '/')
		return 0;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '/')
			continue;
		if (i - start == 2 && s[start] == '.' && s[start + 1] == '.')
			return 0;
		start = i + 1;
	}
	return 1;
}

static void
tname_set(struct parser *p, struct tname *tn, const char *s, size_t len)
{
	tn->s = arena_strndup(&p->ld->t->mem, s, len);
	tn->len = len;
	tn->hash = name_hash(s, len);
}

static struct tnode *
node_new(struct parser *p, enum tnode_type type)
{
	struct tnode	*n;

	n = arena_calloc(&p->ld->t->mem, 1, sizeof(*n));
	n->type = type;
	return n;
}

/* Append to the innermost open list. */
static void
node_add(struct parser *p, struct tnode *n)
{
	struct tnode	***tail;

	tail = p->nst > 0 ? &p->st[p->nst - 1].tail : &p->tail;
	**tail = n;
	*tail = &n->next;
}

/* Turn the text collected since the last tag into one node. */
static void
text_flush(struct parser *p)
{
	struct tnode	*n;

	if (p->text.len == 0)
		return;
	n = node_new(p, TN_TEXT);
	n->u.text.s = arena_strndup(&p->ld->t->mem, p->text.data,
	    p->text.len);
	n->u.text.len = p->text.len;
	node_add(p, n);
	buf_reset(&p->text);
}

/*
 * If a tag starts at the '<' at "i", return the offset of its name (at
 * "TMPL_" or "/TMPL_") and set *cform for the <!-- --> spelling; else 0.
 */
static size_t
tag_start(const char *s, size_t n, size_t i, int *cform)
{
	size_t	 k;

	*cform = 0;
	if (ci_prefix(s, n, i + 1, "TMPL_") ||
	    ci_prefix(s, n, i + 1, "/TMPL_"))
		return i + 1;
	if (!ci_prefix(s, n, i, "<!--"))
		return 0;
	for (k = i + 4; k < n && tag_space((unsigned char)s[k]); k++)
		continue;
	if (ci_prefix(s, n, k, "TMPL_") || ci_prefix(s, n, k, "/TMPL_")) {
		*cform = 1;
		return k;
	}
	return 0;
}

/*
 * Scan the tag whose '<' is at "at" and whose name is at "k" into "tg",
 * and move past it. Only the syntax is checked here.
 */
static int
tag_scan(struct parser *p, size_t at, size_t k, int cform, struct tag *tg)
{
	const char		*s = p->src;
	const struct tagdef	*td;
	size_t			 n = p->len, w, a, q, slash;
	int			 i, ai;
	char			 cb[16];

	memset(tg, 0, sizeof(*tg));
	tg->at = at;
	w = k;
	if (s[w] == '/')
		w++;
	while (w < n && (ascii_alpha((unsigned char)s[w]) || s[w] == '_'))
		w++;
	for (i = 0; i < TAG__MAX; i++)
		if (ci_eq(s + k, w - k, tagdefs[i].name))
			break;
	if (i == TAG__MAX)
		return perr(p, at, "unknown tag %.*s",
		    (int)(w - k > 40 ? 40 : w - k), s + k);
	tg->kind = (enum tag_kind)i;
	td = &tagdefs[i];

	for (k = w;;) {
		while (k < n && tag_space((unsigned char)s[k]))
			k++;
		if (k >= n)
			return perr(p, at, "unterminated %s tag", td->name);
		slash = k;
		w = s[k] == '/' ? k + 1 : k;
		if (!cform && w < n && s[w] == '>') {
			k = w + 1;
			break;
		}
		if (cform && n - w >= 3 && memcmp(s + w, "-->", 3) == 0) {
			k = w + 3;
			break;
		}
		if (cform && w < n && s[w] == '>')
			return perr(p, k, "%s tag opened with <!-- must end "
			    "with -->", td->name);

		a = k;
		while (k < n && ascii_alpha((unsigned char)s[k]))
			k++;
		if (k == a)
			return perr(p, a, "unexpected %s in %s tag",
			    char_desc(s[a], cb, sizeof(cb)), td->name);
		for (ai = 0; ai < ATTR__MAX; ai++)
			if (ci_eq(s + a, k - a, attr_names[ai]))
				break;
		if (ai == ATTR__MAX)
			return perr(p, a, "unknown attribute %.*s",
			    (int)(k - a > 40 ? 40 : k - a), s + a);
		if (!(td->attrs & A(ai)))
			return perr(p, a, "%s takes no %s=", td->name,
			    attr_names[ai]);
		if (tg->val[ai] != NULL)
			return perr(p, a, "%s= given twice", attr_names[ai]);
		while (k < n && tag_space((unsigned char)s[k]))
			k++;
		if (k >= n || s[k] != '=')
			return perr(p, a, "%s needs =\"...\"", attr_names[ai]);
		k++;
		while (k < n && tag_space((unsigned char)s[k]))
			k++;
		q = k;
		if (k < n && (s[k] == '"' || s[k] == '\'')) {
			/* Quoted values may hold anything but a line end. */
			for (k++; k < n && s[k] != s[q]; k++)
				if (s[k] == '\n' || s[k] == '\r' ||
				    s[k] == '\0')
					break;
			if (k >= n || s[k] != s[q])
				return perr(p, q, "unterminated quoted value");
			tg->val[ai] = s + q + 1;
			tg->vlen[ai] = k - q - 1;
			k++;
		} else {
			while (k < n && bare_char((unsigned char)s[k]))
				k++;
			if (k == q)
				return perr(p, q, "missing value for %s=",
				    attr_names[ai]);
			tg->val[ai] = s + q;
			tg->vlen[ai] = k - q;
		}
		tg->vat[ai] = q;
	}
	if (s[slash] == '/' && !td->selfclose)
		return perr(p, slash, "%s cannot end with />", td->name);
	p->pos = k;
	return 0;
}

/* The level= of a BREAK or CONTINUE, checked against the open loops. */
static int
tag_level(struct parser *p, const struct tag *tg, int *level)
{
	const char	*v = tg->val[ATTR_LEVEL];
	size_t		 i, len = tg->vlen[ATTR_LEVEL];
	int		 l = 0;

	if (v == NULL)
		l = 1;
	else {
		for (i = 0; i < len; i++) {
			if (v[i] < '0' || v[i] > '9' || l > TMPL_NEST_MAX) {
				l = 0;
				break;
			}
			l = l * 10 + (v[i] - '0');
		}
		if (l < 1 || l > TMPL_NEST_MAX)
			return perr(p, tg->vat[ATTR_LEVEL], "level= must be a "
			    "number from 1 to %d", TMPL_NEST_MAX);
	}
	if (p->nloop == 0)
		return perr(p, tg->at, "%s outside TMPL_LOOP",
		    tagdefs[tg->kind].name);
	if (l > p->nloop)
		return perr(p, tg->vat[ATTR_LEVEL], "%s level=%d but only %d "
		    "enclosing TMPL_LOOP", tagdefs[tg->kind].name, l,
		    p->nloop);
	*level = l;
	return 0;
}

static int
frame_push(struct parser *p, const struct tag *tg, struct tnode *n)
{
	struct frame	*f;

	if (p->depth + p->nst >= TMPL_NEST_MAX)
		return perr(p, tg->at, "TMPL_IF and TMPL_LOOP nested more "
		    "than %d deep", TMPL_NEST_MAX);
	node_add(p, n);
	f = &p->st[p->nst++];
	memset(f, 0, sizeof(*f));
	f->type = n->type;
	f->at = tg->at;
	if (n->type == TN_IF) {
		f->br = n->u.branches;
		f->tail = &f->br->body;
	} else {
		f->tail = &n->u.loop.body;
		p->nloop++;
	}
	return 0;
}

/* Describe where an open frame started, for mismatch errors. */
static int
frame_mismatch(struct parser *p, const struct tag *tg)
{
	const struct frame	*f = &p->st[p->nst - 1];
	unsigned long		 line = 1;
	size_t			 i, bol = 0;

	for (i = 0; i < f->at; i++)
		if (p->src[i] == '\n') {
			line++;
			bol = i + 1;
		}
	return perr(p, tg->at, "<%s> does not close the %s at %lu:%lu",
	    tagdefs[tg->kind].name, f->type == TN_IF ? "TMPL_IF" : "TMPL_LOOP",
	    line, (unsigned long)(f->at - bol + 1));
}

static struct tbranch *
branch_new(struct parser *p, const struct tag *tg)
{
	struct tbranch	*br;

	br = arena_calloc(&p->ld->t->mem, 1, sizeof(*br));
	if (tg->kind == TAG_ELSE) {
		br->always = 1;
		return br;
	}
	tname_set(p, &br->name, tg->val[ATTR_NAME], tg->vlen[ATTR_NAME]);
	if (tg->val[ATTR_VALUE] != NULL) {
		br->value = arena_strndup(&p->ld->t->mem, tg->val[ATTR_VALUE],
		    tg->vlen[ATTR_VALUE]);
		br->vlen = tg->vlen[ATTR_VALUE];
	}
	return br;
}

/* Read, compile and splice in the file named by a TMPL_INCLUDE. */
static int
tag_include(struct parser *p, const struct tag *tg)
{
	struct loader	*ld = p->ld;
	struct parser	*sub;
	const char	*name = tg->val[ATTR_NAME], *why;
	size_t		 nlen = tg->vlen[ATTR_NAME], dlen;
	char		 path[TMPL_PATH_MAX], *data;
	int		 i, n, rc;

	if (ld->dir == NULL)
		return perr(p, tg->at, "TMPL_INCLUDE needs a template folder");
	if (!include_name_ok(name, nlen))
		return perr(p, tg->vat[ATTR_NAME], "include name must be "
		    "relative, without \"..\"");
	if (ld->ninc >= TMPL_INCLUDE_MAX)
		return perr(p, tg->at, "includes nested more than %d deep",
		    TMPL_INCLUDE_MAX);
	n = snprintf(path, sizeof(path), "%s/%.*s", ld->dir, (int)nlen, name);
	if (n < 0 || (size_t)n >= sizeof(path))
		return perr(p, tg->vat[ATTR_NAME], "include name too long");
	for (i = 0; i < ld->nopen; i++)
		if (strcmp(ld->open[i], path) == 0)
			return perr(p, tg->at, "%s includes itself", path);
	if ((why = file_read(path, &data, &dlen)) != NULL)
		return perr(p, tg->at, "cannot include %s: %s", path, why);
	if (dlen > TMPL_TOTAL_MAX - ld->total) {
		free(data);
		return perr(p, tg->at, "template and includes exceed %d bytes",
		    TMPL_TOTAL_MAX);
	}
	ld->total += dlen;

	/* The parser is large; keep it off the stack. */
	sub = xcalloc(1, sizeof(*sub));
	sub->ld = ld;
	sub->src = data;
	sub->len = dlen;
	sub->label = path;
	sub->depth = p->depth + p->nst;
	ld->open[ld->nopen++] = path;
	ld->ninc++;
	rc = parse_text(sub);
	ld->ninc--;
	ld->nopen--;
	if (rc == 0 && sub->head != NULL) {
		node_add(p, sub->head);
		/* node_add() linked the first node; move to the real end. */
		if (p->nst > 0)
			p->st[p->nst - 1].tail = sub->tail;
		else
			p->tail = sub->tail;
	}
	free(sub);
	free(data);
	return rc;
}

/* Act on one scanned tag: add a node or open or close a block. */
static int
tag_apply(struct parser *p, const struct tag *tg)
{
	const struct tagdef	*td = &tagdefs[tg->kind];
	struct frame		*f;
	struct tnode		*n;
	struct tbranch		*br;
	const char		*v;
	size_t			 vlen;
	int			 ai, level = 1;

	for (ai = 0; ai < ATTR__MAX; ai++) {
		if ((td->need & A(ai)) && tg->val[ai] == NULL)
			return perr(p, tg->at, "%s needs %s=", td->name,
			    attr_names[ai]);
		if (ai == ATTR_NAME && tg->val[ai] != NULL &&
		    tg->vlen[ai] == 0)
			return perr(p, tg->vat[ai], "empty name=");
	}
	f = p->nst > 0 ? &p->st[p->nst - 1] : NULL;

	switch (tg->kind) {
	case TAG_VAR:
		n = node_new(p, TN_VAR);
		tname_set(p, &n->u.var.name, tg->val[ATTR_NAME],
		    tg->vlen[ATTR_NAME]);
		v = tg->val[ATTR_FMT];
		vlen = tg->vlen[ATTR_FMT];
		if (v == NULL || lit_eq(v, vlen, "html") ||
		    lit_eq(v, vlen, "entity"))
			n->u.var.fmt = TFMT_HTML;
		else if (lit_eq(v, vlen, "raw"))
			n->u.var.fmt = TFMT_RAW;
		else if (lit_eq(v, vlen, "url"))
			n->u.var.fmt = TFMT_URL;
		else
			return perr(p, tg->vat[ATTR_FMT],
			    "unknown fmt=\"%.*s\"",
			    (int)(vlen > 40 ? 40 : vlen), v);
		if (tg->val[ATTR_DEFAULT] != NULL) {
			n->u.var.def = arena_strndup(&p->ld->t->mem,
			    tg->val[ATTR_DEFAULT], tg->vlen[ATTR_DEFAULT]);
			n->u.var.deflen = tg->vlen[ATTR_DEFAULT];
		}
		node_add(p, n);
		return 0;
	case TAG_IF:
		n = node_new(p, TN_IF);
		n->u.branches = branch_new(p, tg);
		return frame_push(p, tg, n);
	case TAG_ELSIF:
	case TAG_ELSE:
		if (f == NULL || f->type != TN_IF)
			return perr(p, tg->at, "%s outside TMPL_IF", td->name);
		if (f->haselse)
			return perr(p, tg->at, "%s after TMPL_ELSE", td->name);
		br = branch_new(p, tg);
		f->br->next = br;
		f->br = br;
		f->tail = &br->body;
		f->haselse = tg->kind == TAG_ELSE;
		return 0;
	case TAG_LOOP:
		n = node_new(p, TN_LOOP);
		tname_set(p, &n->u.loop.name, tg->val[ATTR_NAME],
		    tg->vlen[ATTR_NAME]);
		return frame_push(p, tg, n);
	case TAG_ENDIF:
	case TAG_ENDLOOP:
		if (f == NULL)
			return perr(p, tg->at, "<%s> without %s", td->name,
			    td->name + 1);
		if (f->type != (tg->kind == TAG_ENDIF ? TN_IF : TN_LOOP))
			return frame_mismatch(p, tg);
		if (f->type == TN_LOOP)
			p->nloop--;
		p->nst--;
		return 0;
	case TAG_BREAK:
	case TAG_CONTINUE:
		if (tag_level(p, tg, &level) == -1)
			return -1;
		n = node_new(p, tg->kind == TAG_BREAK ? TN_BREAK : TN_CONTINUE);
		n->u.level = level;
		node_add(p, n);
		return 0;
	case TAG_INCLUDE:
		return tag_include(p, tg);
	default:
		abort();
	}
}

/*
 * Compile p->src into the list p->head. Text is copied with comments and
 * backslash-newlines removed; each tag becomes a node or block.
 */
static int
parse_text(struct parser *p)
{
	const char	*s = p->src;
	size_t		 n = p->len, i, j, k, nb, eol;
	struct tag	 tg;
	int		 cform, rc = -1;

	p->head = NULL;
	p->tail = &p->head;
	p->pos = 0;
	while (p->pos < n) {
		i = p->pos;
		if (s[i] == '<' && i + 1 < n && s[i + 1] == '*') {
			/* <* comment *>: no nesting, ends at the first *>. */
			for (j = i + 2; j + 1 < n; j++)
				if (s[j] == '*' && s[j + 1] == '>')
					break;
			if (j + 1 >= n) {
				perr(p, i, "unterminated <* comment");
				goto out;
			}
			p->pos = j + 2;
		} else if (s[i] == '<' && (k = tag_start(s, n, i, &cform))) {
			if (tag_scan(p, i, k, cform, &tg) == -1)
				goto out;
			text_flush(p);
			if (tag_apply(p, &tg) == -1)
				goto out;
		} else if (s[i] == '\\') {
			/* "\" + line end joins lines; "\\" + end is "\". */
			for (j = i; j < n && s[j] == '\\'; j++)
				continue;
			nb = j - i;
			eol = 0;
			if (j < n && s[j] == '\n')
				eol = 1;
			else if (n - j >= 2 && s[j] == '\r' && s[j + 1] == '\n')
				eol = 2;
			if (eol && nb == 1) {
				p->pos = j + eol;
				continue;
			}
			buf_append(&p->text, s + i, eol ? nb - 1 : nb);
			p->pos = j;
		} else {
			for (j = i + 1; j < n; j++)
				if (s[j] == '<' || s[j] == '\\')
					break;
			buf_append(&p->text, s + i, j - i);
			p->pos = j;
		}
	}
	text_flush(p);
	if (p->nst > 0) {
		perr(p, p->st[p->nst - 1].at, "unclosed %s",
		    p->st[p->nst - 1].type == TN_IF ? "TMPL_IF" : "TMPL_LOOP");
		goto out;
	}
	rc = 0;
out:
	buf_free(&p->text);
	return rc;
}

/* Compile a template held in memory; "path" is its file, if any. */
static struct tmpl *
tmpl_compile(const char *text, size_t len, const char *dir,
    const char *label, const char *path, char *err, size_t errsz)
{
	struct loader	 ld;
	struct parser	*p;
	struct tmpl	*t;

	memset(&ld, 0, sizeof(ld));
	ld.dir = dir;
	ld.err = err;
	ld.errsz = errsz;
	if (len > TMPL_FILE_MAX) {
		err_file(&ld, label, "larger than %d bytes", TMPL_FILE_MAX);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	ld.t = t;
	ld.total = len;
	if (path != NULL)
		ld.open[ld.nopen++] = path;
	p = xcalloc(1, sizeof(*p));
	p->ld = &ld;
	p->src = text;
	p->len = len;
	p->label = label;
	if (parse_text(p) == -1) {
		free(p);
		tmpl_free(t);
		return NULL;
	}
	t->head = p->head;
	free(p);
	return t;
}

struct tmpl *
tmpl_parse(const char *text, size_t len, const char *dir, const char *label,
    char *err, size_t errsz)
{
	if (err != NULL && errsz > 0)
		err[0] = '\0';
	return tmpl_compile(text, len, dir, label ? label : "(template)",
	    NULL, err, errsz);
}

struct tmpl *
tmpl_load(const char *dir, const char *name, char *err, size_t errsz)
{
	struct loader	 ld;
	struct tmpl	*t;
	const char	*why;
	char		 path[TMPL_PATH_MAX], *data;
	size_t		 len;
	int		 n;

	assert(dir != NULL && name != NULL);
	if (err != NULL && errsz > 0)
		err[0] = '\0';
	memset(&ld, 0, sizeof(ld));
	ld.err = err;
	ld.errsz = errsz;
	if (!include_name_ok(name, strlen(name))) {
		err_file(&ld, name, "template name must be relative, "
		    "without \"..\"");
		return NULL;
	}
	n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		err_file(&ld, name, "template path too long");
		return NULL;
	}
	if ((why = file_read(path, &data, &len)) != NULL) {
		err_file(&ld, path, "cannot read: %s", why);
		return NULL;
	}
	t = tmpl_compile(data, len, dir, path, path, err, errsz);
	free(data);
	return t;
}

void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	arena_free(&t->mem);
	free(t);
}

int
tmpl_load_set(const char *dir, const char *const *files, struct tmpl **t,
    size_t n)
{
	char	 err[512];
	size_t	 i;

	for (i = 0; i < n; i++) {
		t[i] = tmpl_load(dir, files[i], err, sizeof(err));
		if (t[i] == NULL) {
			log_err("template %s", err);
			return -1;
		}
	}
	return 0;
}

void
tmpl_free_set(struct tmpl **t, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		tmpl_free(t[i]);
		t[i] = NULL;
	}
}

/* Find "name" in the list or the lists it falls back to. */
static const struct tvar *
tvars_find(const struct tvars *v, const struct tname *tn)
{
	const struct tvar	*e;
	size_t			 i, mask;

	for (; v != NULL; v = v->parent) {
		if (v->n == 0)
			continue;
		mask = v->nslot - 1;
		for (i = tn->hash & mask; v->slot[i].name != NULL;
		    i = (i + 1) & mask) {
			e = &v->slot[i];
			if (e->hash == tn->hash && e->nlen == tn->len &&
			    memcmp(e->name, tn->s, tn->len) == 0)
				return e;
		}
	}
	return NULL;
}

static void
put_value(struct buf *out, enum tfmt fmt, const char *s, size_t len)
{
	switch (fmt) {
	case TFMT_RAW:
		buf_append(out, s, len);
		break;
	case TFMT_URL:
		url_part(out, s, len);
		break;
	default:
		html_text(out, s, len);
		break;
	}
}

static int
branch_true(const struct tbranch *br, const struct tvars *v)
{
	const struct tvar	*e;
	int			 set;

	if (br->always)
		return 1;
	e = tvars_find(v, &br->name);
	set = e != NULL && (e->vlen > 0 || e->nrows > 0);
	if (br->value == NULL)
		return set;
	if (br->vlen == 0)
		return !set;
	return e != NULL && e->value != NULL && e->vlen == br->vlen &&
	    memcmp(e->value, br->value, br->vlen) == 0;
}

/*
 * Render a node list. Returns 0, or how many loops a TMPL_BREAK (> 0)
 * or TMPL_CONTINUE (< 0) still has to leave. Recursion depth is bounded
 * by TMPL_NEST_MAX, checked at load.
 */
static int
render_list(const struct tnode *n, const struct tvars *v, struct buf *out)
{
	const struct tvar	*e;
	const struct tbranch	*br;
	const struct tvars	*row;
	int			 rc;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case TN_TEXT:
			buf_append(out, n->u.text.s, n->u.text.len);
			break;
		case TN_VAR:
			e = tvars_find(v, &n->u.var.name);
			if (e != NULL && e->value != NULL)
				put_value(out, n->u.var.fmt, e->value, e->vlen);
			else if (n->u.var.def != NULL)
				put_value(out, n->u.var.fmt, n->u.var.def,
				    n->u.var.deflen);
			break;
		case TN_IF:
			for (br = n->u.branches; br != NULL; br = br->next)
				if (branch_true(br, v))
					break;
			if (br != NULL && (rc = render_list(br->body, v, out)))
				return rc;
			break;
		case TN_LOOP:
			e = tvars_find(v, &n->u.loop.name);
			for (row = e ? e->rows : NULL; row; row = row->next) {
				rc = render_list(n->u.loop.body, row, out);
				if (rc == 0 || rc == -1)
					continue;
				if (rc == 1)
					break;
				return rc > 0 ? rc - 1 : rc + 1;
			}
			break;
		case TN_BREAK:
			return n->u.level;
		case TN_CONTINUE:
			return -n->u.level;
		}
	}
	return 0;
}

void
tmpl_render(const struct tmpl *t, const struct tvars *v, struct buf *out)
{
	assert(t != NULL);
	/* Levels were checked at load, so nothing can escape the top. */
	(void)render_list(t->head, v, out);
}

struct tvars *
tvars_new(struct arena *a)
{
	struct tvars	*v;

	v = arena_calloc(a, 1, sizeof(*v));
	v->arena = a;
	return v;
}

/* The entry for "name" in this very list, created empty if missing. */
static struct tvar *
tvars_slot(struct tvars *v, const char *name)
{
	struct tvar	*old, *e;
	size_t		 len = strlen(name), i, j, mask, oldn;
	uint32_t	 h = name_hash(name, len);

	/* Keep at least a quarter free so probes stay short and end. */
	if ((v->n + 1) * 4 > v->nslot * 3) {
		old = v->slot;
		oldn = v->nslot;
		v->nslot = oldn ? oldn * 2 : 16;
		v->slot = arena_calloc(v->arena, v->nslot, sizeof(*v->slot));
		mask = v->nslot - 1;
		for (j = 0; j < oldn; j++) {
			if (old[j].name == NULL)
				continue;
			for (i = old[j].hash & mask; v->slot[i].name != NULL;
			    i = (i + 1) & mask)
				continue;
			v->slot[i] = old[j];
		}
	}
	mask = v->nslot - 1;
	for (i = h & mask; v->slot[i].name != NULL; i = (i + 1) & mask) {
		e = &v->slot[i];
		if (e->hash == h && e->nlen == len &&
		    memcmp(e->name, name, len) == 0)
			return e;
	}
	e = &v->slot[i];
	e->name = name;
	e->nlen = len;
	e->hash = h;
	v->n++;
	return e;
}

void
tvars_set(struct tvars *v, const char *name, const char *value)
{
	struct tvar	*e = tvars_slot(v, name);

	e->value = value;
	e->vlen = value ? strlen(value) : 0;
	e->rows = e->last = NULL;
	e->nrows = 0;
}

void
tvars_set_int(struct tvars *v, const char *name, long long n)
{
	tvars_set(v, name, arena_printf(v->arena, "%lld", n));
}

struct tvars *
tvars_add_row(struct tvars *v, const char *name)
{
	struct tvar	*e = tvars_slot(v, name);
	struct tvars	*row;

	row = tvars_new(v->arena);
	row->parent = v;
	e->value = NULL;
	e->vlen = 0;
	if (e->last != NULL)
		e->last->next = row;
	else
		e->rows = row;
	e->last = row;
	e->nrows++;
	return row;
}
