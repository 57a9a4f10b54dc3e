/*
 * demo_data.c -- read the demo site's content from data/demo/ (see
 * data/demo/README for the formats). Everything is read and checked
 * before demo.c writes a row, so a bad file costs nothing but an error
 * naming it and its line.
 *
 * Each file is read whole into the arena and cut up in place: a logical
 * line is a physical line plus the lines after it that start with a
 * space or a tab (joined with one space); lines starting with '#' are
 * comments; an empty line ends a record. A page or post file is such a
 * header, an empty line, and then its HTML body taken as it is.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "demo.h"
#include "demo_data.h"
#include "slug.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define DEMO_FILE_MAX	(1024 * 1024)	/* no demo file is near this */
#define DEMO_ITEMS_MAX	10000		/* per list or table */

/* The hand-written posts' files, posts/<slug>.html, by role. */
static const char *const demo_fixed_slugs[FIX__MAX] = {
	[FIX_YEAR] =		"a-look-back-at-a-busy-year",
	[FIX_FIRST_SHIFT] =	"what-to-expect-at-your-first-volunteer-shift",
	[FIX_DRAFT_1] =		DEMO_SLUG_DRAFT_1,
	[FIX_DRAFT_2] =		DEMO_SLUG_DRAFT_2,
	[FIX_SCHEDULED] =	DEMO_SLUG_SCHEDULED,
};

static const char *const demo_pool_names[POOL__MAX] = {
	[POOL_PLACES] = "places", [POOL_GROUPS] = "groups",
	[POOL_HUBS] = "hubs", [POOL_PARTNERS] = "partners",
	[POOL_SEASONS] = "seasons", [POOL_MONTHS] = "months",
	[POOL_WEEKDAYS] = "weekdays", [POOL_QUOTES] = "quotes",
	[POOL_SPEAKERS] = "speakers", [POOL_GENERIC] = "generic",
	[POOL_LOGISTICS] = "logistics", [POOL_HEADINGS] = "headings",
	[POOL_CLOSERS] = "closers",
};

/* The pools whose items are patterns with %-slots (demo.c expands). */
#define DEMO_PATTERN_POOLS	((1u << POOL_GENERIC) | (1u << POOL_LOGISTICS))
#define DEMO_SLOTS		"TPGHASYMDNK"

struct demo_file {
	char		 path[1024];	/* for messages */
	char		**line;		/* logical lines, "" ends a record */
	int		*lineno;	/* where each began */
	size_t		 n;
	const char	*body;		/* after the header, if asked for */
};

/* A "key: value" line of a record. */
struct demo_field {
	const char	*key;
	const char	*val;		/* NULL: not given */
	int		 lineno;
};

static enum folio_err
demo_bad(const struct demo_file *f, int lineno, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum folio_err
demo_bad(const struct demo_file *f, int lineno, const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (lineno > 0)
		log_err("demo: %s:%d: %s", f->path, lineno, msg);
	else
		log_err("demo: %s: %s", f->path, msg);
	return FOLIO_ERR_INPUT;
}

/* Read f->path whole into the arena. */
static enum folio_err
demo_slurp(struct demo_data *d, struct demo_file *f, char **text)
{
	FILE	*fp;
	long	 len;
	char	*s;

	if ((fp = fopen(f->path, "rb")) == NULL) {
		log_err("demo: %s: %s", f->path, strerror(errno));
		return FOLIO_ERR_IO;
	}
	if (fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		log_err("demo: %s: %s", f->path, strerror(errno));
		fclose(fp);
		return FOLIO_ERR_IO;
	}
	if (len > DEMO_FILE_MAX) {
		fclose(fp);
		return demo_bad(f, 0, "longer than %d bytes", DEMO_FILE_MAX);
	}
	s = arena_alloc(&d->arena, (size_t)len + 1);
	if (fread(s, 1, (size_t)len, fp) != (size_t)len) {
		log_err("demo: %s: %s", f->path, ferror(fp) ?
		    strerror(errno) : "changed while read");
		fclose(fp);
		return FOLIO_ERR_IO;
	}
	fclose(fp);
	s[len] = '\0';
	if (strlen(s) != (size_t)len)
		return demo_bad(f, 0, "holds a NUL byte");
	*text = s;
	return FOLIO_OK;
}

/*
 * Open data file "name" of "dir" and cut it into logical lines; with
 * "body", the header ends at the first empty line and the rest is kept
 * whole in f->body.
 */
static enum folio_err
demo_open(struct demo_data *d, const char *dir, const char *name, int body,
    struct demo_file *f)
{
	char		*text = NULL, *p, *nl, *s, *end = NULL;
	size_t		 max = 1;
	int		 lineno = 0;
	enum folio_err	 rc;

	memset(f, 0, sizeof(*f));
	if ((size_t)snprintf(f->path, sizeof(f->path), "%s/%s", dir, name) >=
	    sizeof(f->path)) {
		log_err("demo: %s/%s: path too long", dir, name);
		return FOLIO_ERR_IO;
	}
	if ((rc = demo_slurp(d, f, &text)) != FOLIO_OK)
		return rc;
	for (p = text; *p != '\0'; p++)
		max += *p == '\n';
	f->line = arena_calloc(&d->arena, max, sizeof(*f->line));
	f->lineno = arena_calloc(&d->arena, max, sizeof(*f->lineno));

	for (p = text; *p != '\0'; p = nl) {
		lineno++;
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		else
			nl = p + strlen(p);
		if (body && (*p == '\0' || strcmp(p, "\r") == 0)) {
			f->body = nl;
			return FOLIO_OK;
		}
		if (*p == '#')
			continue;
		if (*p == ' ' || *p == '\t') {
			s = str_trim(p);
			if (*s == '\0')
				return demo_bad(f, lineno, "a line of only "
				    "blanks (an empty line ends a record)");
			if (end == NULL)
				return demo_bad(f, lineno, "an indented line "
				    "continues nothing");
			/* The line moves back over what joining saved. */
			*end++ = ' ';
			memmove(end, s, strlen(s) + 1);
			end += strlen(end);
			continue;
		}
		s = str_trim(p);
		f->line[f->n] = s;
		f->lineno[f->n] = lineno;
		f->n++;
		end = *s == '\0' ? NULL : s + strlen(s);
	}
	if (body)
		return demo_bad(f, lineno, "no empty line before the body");
	return FOLIO_OK;
}

/*
 * Read the record starting at line *i (skipping empty lines) into
 * "fields", whose keys are the ones allowed. Returns 1 with *at its
 * first line, 0 at the end of the file or at a "[section]" line, or -1
 * (logged) for an unknown or repeated key.
 */
static int
demo_record(const struct demo_file *f, size_t *i, struct demo_field *fields,
    size_t nfields, int *at)
{
	char	*s, *colon;
	size_t	 k;
	int	 any = 0;

	for (k = 0; k < nfields; k++)
		fields[k].val = NULL;
	while (*i < f->n && f->line[*i][0] == '\0')
		(*i)++;
	for (; *i < f->n && f->line[*i][0] != '\0' && f->line[*i][0] != '[';
	    (*i)++) {
		s = f->line[*i];
		if (!any)
			*at = f->lineno[*i];
		any = 1;
		if ((colon = strchr(s, ':')) == NULL || colon == s ||
		    colon[1] != ' ' || colon[2] == '\0') {
			demo_bad(f, f->lineno[*i], "not \"key: value\"");
			return -1;
		}
		*colon = '\0';
		for (k = 0; k < nfields && strcmp(fields[k].key, s) != 0; k++)
			continue;
		if (k == nfields) {
			demo_bad(f, f->lineno[*i], "unknown key \"%s\"", s);
			return -1;
		}
		if (fields[k].val != NULL) {
			demo_bad(f, f->lineno[*i], "\"%s\" given twice", s);
			return -1;
		}
		fields[k].val = str_trim(colon + 2);
		fields[k].lineno = f->lineno[*i];
	}
	return any;
}

/* Fail unless only empty lines are left from line i on. */
static enum folio_err
demo_end(const struct demo_file *f, size_t i)
{
	while (i < f->n && f->line[i][0] == '\0')
		i++;
	if (i < f->n)
		return demo_bad(f, f->lineno[i], "one record only, and no "
		    "[section]");
	return FOLIO_OK;
}

/* Fail unless every field but the optional ones (a bit mask) is given. */
static enum folio_err
demo_need(const struct demo_file *f, int at, const struct demo_field *fields,
    size_t nfields, unsigned optional)
{
	size_t	 k;

	for (k = 0; k < nfields; k++)
		if (fields[k].val == NULL && !(optional & (1u << k)))
			return demo_bad(f, at, "no \"%s\" in this record",
			    fields[k].key);
	return FOLIO_OK;
}

static enum folio_err
demo_int(const struct demo_file *f, const struct demo_field *fl,
    int64_t lo, int64_t hi, int64_t *v)
{
	char		*end;
	long long	 n;

	errno = 0;
	n = strtoll(fl->val, &end, 10);
	if (errno != 0 || *end != '\0' || end == fl->val || n < lo || n > hi)
		return demo_bad(f, fl->lineno, "%s: want a number from %lld "
		    "to %lld", fl->key, (long long)lo, (long long)hi);
	*v = n;
	return FOLIO_OK;
}

/* Append s to list l, growing it in the arena. */
static void
demo_push(struct demo_data *d, struct demo_list *l, const char *s)
{
	const char	**v;

	if ((l->n & (l->n - 1)) == 0) {	/* 0, 1, 2, 4, ...: full */
		v = arena_calloc(&d->arena, l->n ? 2 * l->n : 1, sizeof(*v));
		if (l->n)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
	}
	l->v[l->n++] = s;
}

/* Check a pattern's %-slots (demo.c's demo_expand). */
static enum folio_err
demo_pattern(const struct demo_file *f, int lineno, const char *s)
{
	for (; (s = strchr(s, '%')) != NULL; s += 2)
		if (s[1] == '\0' || strchr(DEMO_SLOTS, s[1]) == NULL)
			return demo_bad(f, lineno, "unknown slot \"%%%.1s\" "
			    "(the slots are %%T %%P %%G %%H %%A %%S %%Y %%M "
			    "%%D %%N %%K)", s + 1);
	return FOLIO_OK;
}

/*
 * Read "[name]" sections from line *i to the end into lists[], one per
 * name, each of them required and not empty. Those in "patterns" (a bit
 * mask) hold patterns.
 */
static enum folio_err
demo_sections(struct demo_data *d, const struct demo_file *f, size_t i,
    const char *const *names, struct demo_list *lists, size_t n,
    unsigned patterns)
{
	const char	*s;
	size_t		 k, cur = n, len;
	int		 lineno;
	enum folio_err	 rc;

	for (; i < f->n; i++) {
		s = f->line[i];
		lineno = f->lineno[i];
		if (*s == '\0')
			continue;
		if (*s == '[') {
			len = strlen(s);
			for (k = 0; k < n; k++)
				if (len == strlen(names[k]) + 2 &&
				    strncmp(s + 1, names[k], len - 2) == 0 &&
				    s[len - 1] == ']')
					break;
			if (k == n)
				return demo_bad(f, lineno, "unknown section "
				    "%s", s);
			if (lists[k].n > 0)
				return demo_bad(f, lineno, "second %s", s);
			cur = k;
			continue;
		}
		if (cur == n)
			return demo_bad(f, lineno, "a line before the first "
			    "[section]");
		if (lists[cur].n >= DEMO_ITEMS_MAX)
			return demo_bad(f, lineno, "more than %d lines",
			    DEMO_ITEMS_MAX);
		if ((patterns & (1u << cur)) &&
		    (rc = demo_pattern(f, lineno, s)) != FOLIO_OK)
			return rc;
		demo_push(d, &lists[cur], s);
	}
	for (k = 0; k < n; k++)
		if (lists[k].n == 0)
			return demo_bad(f, 0, "no [%s] section, or an empty "
			    "one", names[k]);
	return FOLIO_OK;
}

/* Split s in place at " | " into exactly n fields. */
static enum folio_err
demo_split(const struct demo_file *f, size_t i, char **out, size_t n)
{
	char	*s = f->line[i], *bar;
	size_t	 k;

	for (k = 0; k < n; k++) {
		bar = k + 1 < n ? strstr(s, " | ") : NULL;
		if (k + 1 < n && bar == NULL)
			break;
		if (bar != NULL)
			*bar = '\0';
		out[k] = str_trim(s);
		if (*out[k] == '\0' || strstr(out[k], " | ") != NULL)
			break;
		if (bar != NULL)
			s = bar + 3;
	}
	if (k < n)
		return demo_bad(f, f->lineno[i], "want %zu fields separated "
		    "by \" | \"", n);
	return FOLIO_OK;
}

/* Split s in place at spaces into at most max words. */
static enum folio_err
demo_words(const struct demo_file *f, const struct demo_field *fl,
    char **out, size_t max, size_t *n)
{
	char	*s = (char *)fl->val;

	for (*n = 0; *s != '\0'; ) {
		if (*n == max)
			return demo_bad(f, fl->lineno, "%s: at most %zu",
			    fl->key, max);
		out[(*n)++] = s;
		while (*s != '\0' && *s != ' ')
			s++;
		while (*s == ' ')
			*s++ = '\0';
	}
	return FOLIO_OK;
}

static int
demo_author_find(const struct demo_data *d, const char *slug)
{
	size_t	 i;

	for (i = 0; i < d->nauthors; i++)
		if (strcmp(d->authors[i].slug, slug) == 0)
			return (int)i;
	return DEMO_NONE;
}

static int
demo_cat_find(const struct demo_data *d, const char *slug)
{
	size_t	 i;

	for (i = 0; i < d->ncats; i++)
		if (strcmp(d->cats[i].slug, slug) == 0)
			return (int)i;
	return DEMO_NONE;
}

static enum folio_err
demo_slug_check(const struct demo_file *f, const struct demo_field *fl)
{
	if (!slug_valid(fl->val) || fl->val[0] == '-' ||
	    fl->val[strlen(fl->val) - 1] == '-')
		return demo_bad(f, fl->lineno, "%s: \"%s\" is not a slug "
		    "([a-z0-9-], no hyphen at either end)", fl->key, fl->val);
	return FOLIO_OK;
}

/* Up to "max" distinct categories named in field fl, DEMO_NONE-padded. */
static enum folio_err
demo_cat_list(const struct demo_data *d, const struct demo_file *f,
    const struct demo_field *fl, int *cats, size_t max, size_t *n)
{
	char		*w[DEMO_RELATED > DEMO_POST_CATS ? DEMO_RELATED :
			    DEMO_POST_CATS];
	size_t		 k, j;
	enum folio_err	 rc;

	if ((rc = demo_words(f, fl, w, max, n)) != FOLIO_OK)
		return rc;
	for (k = 0; k < max; k++)
		cats[k] = DEMO_NONE;
	for (k = 0; k < *n; k++) {
		if ((cats[k] = demo_cat_find(d, w[k])) == DEMO_NONE)
			return demo_bad(f, fl->lineno, "%s: no category "
			    "\"%s\" in categories.txt", fl->key, w[k]);
		for (j = 0; j < k; j++)
			if (cats[j] == cats[k])
				return demo_bad(f, fl->lineno, "%s: \"%s\" "
				    "twice", fl->key, w[k]);
	}
	return FOLIO_OK;
}

static enum folio_err
demo_site_load(struct demo_data *d, const char *dir)
{
	struct demo_field	 fl[] = {
		{ "title", NULL, 0 }, { "tagline", NULL, 0 },
		{ "mission", NULL, 0 }, { "vision", NULL, 0 },
		{ "contact_email", NULL, 0 }, { "copyright_holder", NULL, 0 },
		{ "posts_per_page", NULL, 0 }, { "timezone", NULL, 0 },
	};
	struct demo_file	 f;
	enum folio_err		 rc;
	size_t			 i = 0;
	int			 at = 0, got;

	if ((rc = demo_open(d, dir, "site.txt", 0, &f)) != FOLIO_OK)
		return rc;
	if ((got = demo_record(&f, &i, fl, NITEMS(fl), &at)) < 0)
		return FOLIO_ERR_INPUT;
	if (got == 0)
		return demo_bad(&f, 0, "no settings");
	if ((rc = demo_need(&f, at, fl, NITEMS(fl), 0)) != FOLIO_OK ||
	    (rc = demo_int(&f, &fl[6], 1, 100, &d->posts_per_page)) !=
	    FOLIO_OK)
		return rc;
	if ((rc = demo_end(&f, i)) != FOLIO_OK)
		return rc;
	d->title = fl[0].val;
	d->tagline = fl[1].val;
	d->mission = fl[2].val;
	d->vision = fl[3].val;
	d->contact_email = fl[4].val;
	d->copyright_holder = fl[5].val;
	d->timezone = fl[7].val;
	return FOLIO_OK;
}

/* What ended a file's loop over records: its end, an error or a line. */
static enum folio_err
demo_records_end(const struct demo_file *f, int got, size_t i, size_t n,
    const char *what)
{
	if (got < 0)
		return FOLIO_ERR_INPUT;
	if (i < f->n)
		return demo_bad(f, f->lineno[i], "a [section] in a list of "
		    "records");
	if (n == 0)
		return demo_bad(f, 0, "no %s", what);
	return FOLIO_OK;
}

static enum folio_err
demo_footer_load(struct demo_data *d, const char *dir)
{
	struct demo_file	 f;
	char			*v[2];
	enum folio_err		 rc;
	size_t			 i;

	if ((rc = demo_open(d, dir, "footer.txt", 0, &f)) != FOLIO_OK)
		return rc;
	d->footer = arena_calloc(&d->arena, f.n + 1, sizeof(*d->footer));
	for (i = 0; i < f.n; i++) {
		if (f.line[i][0] == '\0')
			continue;
		if ((rc = demo_split(&f, i, v, 2)) != FOLIO_OK)
			return rc;
		d->footer[d->nfooter].label = v[0];
		d->footer[d->nfooter].url = v[1];
		d->nfooter++;
	}
	return FOLIO_OK;
}

static enum folio_err
demo_authors_load(struct demo_data *d, const char *dir)
{
	struct demo_field	 fl[] = {
		{ "slug", NULL, 0 }, { "name", NULL, 0 },
		{ "email", NULL, 0 }, { "joined_days_ago", NULL, 0 },
		{ "bio", NULL, 0 },
	};
	struct demo_author	*a;
	struct demo_file	 f;
	enum folio_err		 rc;
	size_t			 i = 0;
	int			 at = 0, got;

	if ((rc = demo_open(d, dir, "authors.txt", 0, &f)) != FOLIO_OK)
		return rc;
	d->authors = arena_calloc(&d->arena, f.n + 1, sizeof(*d->authors));
	while ((got = demo_record(&f, &i, fl, NITEMS(fl), &at)) > 0) {
		a = &d->authors[d->nauthors];
		if ((rc = demo_need(&f, at, fl, NITEMS(fl), 0)) != FOLIO_OK ||
		    (rc = demo_slug_check(&f, &fl[0])) != FOLIO_OK ||
		    (rc = demo_int(&f, &fl[3], 0, 100000, &a->days_ago)) !=
		    FOLIO_OK)
			return rc;
		if (demo_author_find(d, fl[0].val) != DEMO_NONE)
			return demo_bad(&f, fl[0].lineno, "a second author "
			    "\"%s\"", fl[0].val);
		a->slug = fl[0].val;
		a->name = fl[1].val;
		a->email = fl[2].val;
		a->bio = fl[4].val;
		d->nauthors++;
	}
	return demo_records_end(&f, got, i, d->nauthors, "author");
}

static enum folio_err
demo_categories_load(struct demo_data *d, const char *dir)
{
	struct demo_field	 fl[] = {
		{ "slug", NULL, 0 }, { "name", NULL, 0 },
		{ "parent", NULL, 0 }, { "description", NULL, 0 },
	};
	struct demo_category	*c;
	struct demo_file	 f;
	enum folio_err		 rc;
	size_t			 i = 0;
	int			 at = 0, got;

	if ((rc = demo_open(d, dir, "categories.txt", 0, &f)) != FOLIO_OK)
		return rc;
	d->cats = arena_calloc(&d->arena, f.n + 1, sizeof(*d->cats));
	while ((got = demo_record(&f, &i, fl, NITEMS(fl), &at)) > 0) {
		c = &d->cats[d->ncats];
		if ((rc = demo_need(&f, at, fl, NITEMS(fl), 1u << 2)) !=
		    FOLIO_OK ||
		    (rc = demo_slug_check(&f, &fl[0])) != FOLIO_OK)
			return rc;
		if (demo_cat_find(d, fl[0].val) != DEMO_NONE)
			return demo_bad(&f, fl[0].lineno, "a second category "
			    "\"%s\"", fl[0].val);
		c->parent = DEMO_NONE;
		if (fl[2].val != NULL &&
		    (c->parent = demo_cat_find(d, fl[2].val)) == DEMO_NONE)
			return demo_bad(&f, fl[2].lineno, "parent: no category "
			    "\"%s\" above", fl[2].val);
		c->slug = fl[0].val;
		c->name = fl[1].val;
		c->description = fl[3].val;
		d->ncats++;
	}
	return demo_records_end(&f, got, i, d->ncats, "category");
}

/*
 * Read a page or post file: title and excerpt, for a post also author
 * and categories, then the body.
 */
static enum folio_err
demo_text_load(struct demo_data *d, const char *dir, const char *name,
    int post, struct demo_text *t)
{
	struct demo_field	 fl[] = {
		{ "title", NULL, 0 }, { "excerpt", NULL, 0 },
		{ "author", NULL, 0 }, { "categories", NULL, 0 },
	};
	struct demo_file	 f;
	enum folio_err		 rc;
	size_t			 i = 0, n;
	int			 at = 1;

	if ((rc = demo_open(d, dir, name, 1, &f)) != FOLIO_OK)
		return rc;
	if (demo_record(&f, &i, fl, post ? 4 : 2, &at) < 0)
		return FOLIO_ERR_INPUT;
	if ((rc = demo_need(&f, at, fl, post ? 4 : 2, 0)) != FOLIO_OK ||
	    (rc = demo_end(&f, i)) != FOLIO_OK)
		return rc;
	t->title = fl[0].val;
	t->excerpt = fl[1].val;
	t->rest_html = f.body;
	if (!post)
		return FOLIO_OK;
	if ((t->author = demo_author_find(d, fl[2].val)) == DEMO_NONE)
		return demo_bad(&f, fl[2].lineno, "author: no \"%s\" in "
		    "authors.txt", fl[2].val);
	if ((rc = demo_cat_list(d, &f, &fl[3], t->cats, DEMO_POST_CATS,
	    &n)) != FOLIO_OK)
		return rc;
	if (n == 0)
		return demo_bad(&f, fl[3].lineno, "categories: at least one");
	return FOLIO_OK;
}

/* The index of the page at "path" ("/about/history/"), or DEMO_NONE. */
static int
demo_page_find(const struct demo_data *d, const char *const *paths,
    const char *path, size_t len)
{
	size_t	 i;

	for (i = 0; i < d->npages; i++)
		if (strlen(paths[i]) == len &&
		    strncmp(paths[i], path, len) == 0)
			return (int)i;
	return DEMO_NONE;
}

/* Check that "path" is "/slug/.../slug/" and find its parent. */
static enum folio_err
demo_page_path(struct demo_data *d, const struct demo_file *f,
    int lineno, const char **paths, const char *path, int *parent,
    const char **slug)
{
	const char	*s, *last = path + 1;
	char		 seg[SLUG_MAX + 1];
	size_t		 len = strlen(path), n;

	if (len < 3 || path[0] != '/' || path[len - 1] != '/')
		return demo_bad(f, lineno, "\"%s\": a page's path is "
		    "/slug/ or /parent/.../slug/", path);
	for (s = path + 1; s < path + len; s += n + 1) {
		n = strcspn(s, "/");
		last = s;
		if (n == 0 || n > SLUG_MAX || s[0] == '-' || s[n - 1] == '-')
			break;
		memcpy(seg, s, n);
		seg[n] = '\0';
		if (!slug_valid(seg))
			break;
	}
	if (s < path + len)
		return demo_bad(f, lineno, "\"%s\": each part of a page's "
		    "path is a slug ([a-z0-9-], no hyphen at either end)",
		    path);
	if (demo_page_find(d, paths, path, len) != DEMO_NONE)
		return demo_bad(f, lineno, "\"%s\" listed twice", path);
	*parent = DEMO_NONE;
	if (last > path + 1 && (*parent = demo_page_find(d, paths, path,
	    (size_t)(last - path))) == DEMO_NONE)
		return demo_bad(f, lineno, "\"%s\": its parent \"%.*s\" is "
		    "not listed above", path, (int)(last - path), path);
	*slug = arena_strndup(&d->arena, last, len - 1 - (size_t)(last -
	    path));
	return FOLIO_OK;
}

static enum folio_err
demo_pages_load(struct demo_data *d, const char *dir, const char ***pathsp)
{
	struct demo_file	 f;
	struct demo_text	*p;
	const char		**paths;
	char			*name;
	enum folio_err		 rc;
	size_t			 i;
	int			 parent = DEMO_NONE;

	if ((rc = demo_open(d, dir, "pages.txt", 0, &f)) != FOLIO_OK)
		return rc;
	d->pages = arena_calloc(&d->arena, f.n + 1, sizeof(*d->pages));
	paths = arena_calloc(&d->arena, f.n + 1, sizeof(*paths));
	for (i = 0; i < f.n; i++) {
		if (f.line[i][0] == '\0')
			continue;
		p = &d->pages[d->npages];
		if ((rc = demo_page_path(d, &f, f.lineno[i], paths, f.line[i],
		    &parent, &p->slug)) != FOLIO_OK)
			return rc;
		/* "/about/history/" is in pages/about/history.html. */
		name = arena_printf(&d->arena, "pages%.*s.html",
		    (int)strlen(f.line[i]) - 1, f.line[i]);
		if ((rc = demo_text_load(d, dir, name, 0, p)) != FOLIO_OK)
			return rc;
		p->parent = parent;
		paths[d->npages++] = f.line[i];
	}
	*pathsp = paths;
	return FOLIO_OK;
}

static enum folio_err
demo_posts_load(struct demo_data *d, const char *dir)
{
	enum folio_err	 rc;
	char		*name;
	size_t		 i;

	for (i = 0; i < FIX__MAX; i++) {
		name = arena_printf(&d->arena, "posts/%s.html",
		    demo_fixed_slugs[i]);
		if ((rc = demo_text_load(d, dir, name, 1, &d->fixed[i])) !=
		    FOLIO_OK)
			return rc;
		d->fixed[i].slug = demo_fixed_slugs[i];
	}
	return FOLIO_OK;
}

/* One menu item's target: "page /path/", "category slug", "post slug"
 * or "url URL". */
static enum folio_err
demo_nav_target(const struct demo_data *d, const struct demo_file *f,
    int lineno, const char **paths, char *s, struct demo_nav *n)
{
	static const char *const kinds[] = {
		[NAV_PAGE] = "page", [NAV_CATEGORY] = "category",
		[NAV_POST] = "post", [NAV_URL] = "url",
	};
	char	*ref;
	size_t	 k;

	if ((ref = strchr(s, ' ')) == NULL)
		return demo_bad(f, lineno, "a target is \"page /path/\", "
		    "\"category slug\", \"post slug\" or \"url URL\"");
	*ref++ = '\0';
	for (k = 0; k < NITEMS(kinds) && strcmp(kinds[k], s) != 0; k++)
		continue;
	n->kind = (enum demo_nav_kind)k;
	n->ref = DEMO_NONE;
	switch (k) {
	case NAV_PAGE:
		n->ref = demo_page_find(d, paths, ref, strlen(ref));
		break;
	case NAV_CATEGORY:
		n->ref = demo_cat_find(d, ref);
		break;
	case NAV_POST:
		for (k = 0; k < FIX__MAX; k++)
			if (strcmp(demo_fixed_slugs[k], ref) == 0)
				n->ref = (int)k;
		break;
	case NAV_URL:
		n->url = ref;
		return FOLIO_OK;
	default:
		return demo_bad(f, lineno, "unknown target \"%s\" (page, "
		    "category, post or url)", s);
	}
	if (n->ref == DEMO_NONE)
		return demo_bad(f, lineno, "no %s \"%s\"%s", s, ref,
		    n->kind == NAV_POST ? " among the posts/ files" : "");
	return FOLIO_OK;
}

static enum folio_err
demo_menu_load(struct demo_data *d, const char *dir, const char **paths)
{
	struct demo_file	 f;
	struct demo_nav		*n;
	char			*v[3];
	int64_t			 depth;
	enum folio_err		 rc;
	size_t			 i;
	int			 prev = -1;

	if ((rc = demo_open(d, dir, "menu.txt", 0, &f)) != FOLIO_OK)
		return rc;
	d->menu = arena_calloc(&d->arena, f.n + 1, sizeof(*d->menu));
	for (i = 0; i < f.n; i++) {
		if (f.line[i][0] == '\0')
			continue;
		n = &d->menu[d->nmenu];
		if ((rc = demo_split(&f, i, v, 3)) != FOLIO_OK)
			return rc;
		if (strlen(v[0]) != 1 || v[0][0] < '0' ||
		    v[0][0] >= '0' + DEMO_NAV_DEPTH)
			return demo_bad(&f, f.lineno[i], "a depth is 0 to %d",
			    DEMO_NAV_DEPTH - 1);
		depth = v[0][0] - '0';
		if (depth > prev + 1)
			return demo_bad(&f, f.lineno[i], "depth %d under "
			    "depth %d", (int)depth, prev);
		n->depth = prev = (int)depth;
		n->label = v[1];
		if ((rc = demo_nav_target(d, &f, f.lineno[i], paths, v[2],
		    n)) != FOLIO_OK)
			return rc;
		d->nmenu++;
	}
	return FOLIO_OK;
}

static enum folio_err
demo_phrases_load(struct demo_data *d, const char *dir)
{
	static const struct {
		enum demo_pool	 pool;
		size_t		 n;
	} sized[] = {
		{ POOL_SEASONS, 12 }, { POOL_MONTHS, 12 }, { POOL_WEEKDAYS, 7 },
	};
	struct demo_file	 f;
	enum folio_err		 rc;
	size_t			 i;

	if ((rc = demo_open(d, dir, "phrases.txt", 0, &f)) != FOLIO_OK ||
	    (rc = demo_sections(d, &f, 0, demo_pool_names, d->pool,
	    POOL__MAX, DEMO_PATTERN_POOLS)) != FOLIO_OK)
		return rc;
	for (i = 0; i < NITEMS(sized); i++)
		if (d->pool[sized[i].pool].n != sized[i].n)
			return demo_bad(&f, 0, "[%s] has %zu lines, not %zu",
			    demo_pool_names[sized[i].pool],
			    d->pool[sized[i].pool].n, sized[i].n);
	return FOLIO_OK;
}

/* topics/<category slug>.txt for category "cat". */
static enum folio_err
demo_topic_load(struct demo_data *d, const char *dir, int cat)
{
	static const char *const names[] = {
		"things", "titles", "openers", "details", "items",
	};
	struct demo_field	 fl[] = {
		{ "author", NULL, 0 }, { "related", NULL, 0 },
		{ "weight", NULL, 0 }, { "list_head", NULL, 0 },
	};
	struct demo_topic	*t = &d->topics[cat];
	struct demo_list	 lists[NITEMS(names)];
	struct demo_file	 f;
	int64_t			 weight;
	enum folio_err		 rc;
	size_t			 i = 0, n;
	int			 at = 1;

	memset(lists, 0, sizeof(lists));
	if ((rc = demo_open(d, dir, arena_printf(&d->arena, "topics/%s.txt",
	    d->cats[cat].slug), 0, &f)) != FOLIO_OK)
		return rc;
	if (demo_record(&f, &i, fl, NITEMS(fl), &at) < 0)
		return FOLIO_ERR_INPUT;
	if ((rc = demo_need(&f, at, fl, NITEMS(fl), 0)) != FOLIO_OK ||
	    (rc = demo_int(&f, &fl[2], 1, 1000, &weight)) != FOLIO_OK ||
	    (rc = demo_cat_list(d, &f, &fl[1], t->related, DEMO_RELATED,
	    &n)) != FOLIO_OK)
		return rc;
	if ((t->author = demo_author_find(d, fl[0].val)) == DEMO_NONE)
		return demo_bad(&f, fl[0].lineno, "author: no \"%s\" in "
		    "authors.txt", fl[0].val);
	for (n = 0; n < DEMO_RELATED; n++)
		if (t->related[n] == cat)
			return demo_bad(&f, fl[1].lineno, "related: not the "
			    "topic's own category");
	t->weight = (unsigned)weight;
	t->list_head = fl[3].val;
	/* Titles and the first three lists are patterns; items are not. */
	if ((rc = demo_sections(d, &f, i, names, lists, NITEMS(names),
	    0x0e)) != FOLIO_OK)
		return rc;
	t->things = lists[0];
	t->titles = lists[1];
	t->openers = lists[2];
	t->details = lists[3];
	t->items = lists[4];
	if (t->details.n < 3 || t->items.n < 3)
		return demo_bad(&f, 0, "[details] and [items] want at least "
		    "three lines each");
	return FOLIO_OK;
}

enum folio_err
demo_data_load(struct demo_data *d, const char *dir)
{
	const char	**paths = NULL;
	enum folio_err	 rc;
	size_t		 i;

	memset(d, 0, sizeof(*d));
	if ((rc = demo_site_load(d, dir)) != FOLIO_OK ||
	    (rc = demo_footer_load(d, dir)) != FOLIO_OK ||
	    (rc = demo_authors_load(d, dir)) != FOLIO_OK ||
	    (rc = demo_categories_load(d, dir)) != FOLIO_OK ||
	    (rc = demo_pages_load(d, dir, &paths)) != FOLIO_OK ||
	    (rc = demo_posts_load(d, dir)) != FOLIO_OK ||
	    (rc = demo_menu_load(d, dir, paths)) != FOLIO_OK ||
	    (rc = demo_phrases_load(d, dir)) != FOLIO_OK)
		goto fail;
	d->topics = arena_calloc(&d->arena, d->ncats, sizeof(*d->topics));
	for (i = 0; i < d->ncats; i++)
		if ((rc = demo_topic_load(d, dir, (int)i)) != FOLIO_OK)
			goto fail;
	return FOLIO_OK;
fail:
	demo_data_free(d);
	return rc;
}

void
demo_data_free(struct demo_data *d)
{
	arena_free(&d->arena);
	memset(d, 0, sizeof(*d));
}
