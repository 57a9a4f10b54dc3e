/*
 * route.c -- URL shapes, read: this table and url.c (which writes the
 * same shapes, url.h) are the only places they are spelled out.
 * WordPress's permalinks, so a migrated site keeps its links:
 *
 *	/				latest posts	(+ page/N/)
 *	/YYYY/MM/DD/slug/		one post
 *	/YYYY/MM/DD/  /YYYY/MM/  /YYYY/	archives	(+ page/N/)
 *	/category/slug/.../		category	(+ page/N/)
 *	/tag/slug/			tag		(+ page/N/)
 *	/author/slug/			author		(+ page/N/)
 *	/any/page/path/			a page, by its hierarchy
 *	/?s=words			search		(+ page/N/)
 *	/feed/  /feed/atom/		RSS 2.0 and Atom feeds, also after
 *					/category/slug/, /tag/slug/ and
 *					/author/slug/
 *	/sitemap.xml  /robots.txt	for search engines, and
 *	/sitemap-N.xml			the files of a big site's sitemap
 *
 * A capture is checked here ({y} four digits, {slug} [a-z0-9-]...), so
 * handlers see only well-formed values.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "page.h"
#include "query.h"
#include "redirect.h"
#include "req.h"
#include "slug.h"

#define PAGE_NO_MAX	1000000L	/* beyond this no site has pages */

struct route {
	const char	*pattern;
	enum folio_err	(*handler)(struct req *);
	int		 paged;		/* accepts a trailing page/N/ */
};

/* WordPress's search is the home page with ?s=, so old links work. */
static enum folio_err
page_index(struct req *r)
{
	return query_has(r->query, "s") ? page_search(r) : page_home(r);
}

static const struct route routes[] = {
	{ "/",				page_index,	1 },
	{ "/feed/",			page_feed_rss,	0 },
	{ "/feed/atom/",		page_feed_atom,	0 },
	{ "/category/{slugs}/feed/",	page_category_rss, 0 },
	{ "/category/{slugs}/feed/atom/", page_category_atom, 0 },
	{ "/tag/{slug}/feed/",		page_tag_rss,	0 },
	{ "/tag/{slug}/feed/atom/",	page_tag_atom,	0 },
	{ "/author/{slug}/feed/",	page_author_rss, 0 },
	{ "/author/{slug}/feed/atom/",	page_author_atom, 0 },
	{ "/{y}/{m}/{d}/{slug}/",	page_post,	0 },
	{ "/{y}/{m}/{d}/",		page_archive,	1 },
	{ "/{y}/{m}/",			page_archive,	1 },
	{ "/{y}/",			page_archive,	1 },
	{ "/category/{slugs}/",		page_category,	1 },
	{ "/tag/{slug}/",		page_tag,	1 },
	{ "/author/{slug}/",		page_author,	1 },
	{ "/{slugs}/",			page_page,	0 },
};

/* Files at the top, answered by a handler rather than from public/;
 * {n} is a number from 1, in r->page_no. */
static const struct route files[] = {
	{ "/robots.txt",		page_robots,	0 },
	{ "/sitemap.xml",		page_sitemap,	0 },
	{ "/sitemap-{n}.xml",		page_sitemap_part, 0 },
};

static int
all_digits(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

/* A number of exactly "len" digits within [min, max], else -1. */
static int
fixed_num(const char *s, size_t len, int min, int max)
{
	int	 v;

	if (strlen(s) != len || !all_digits(s, len))
		return -1;
	v = atoi(s);
	return v >= min && v <= max ? v : -1;
}

/* How many segments the rest of a pattern ("feed/atom/") has. */
static size_t
count_segs(const char *s)
{
	size_t	 n = 0;

	for (; s != NULL && *s != '\0'; s++)
		if (*s != '/' && (s[1] == '/' || s[1] == '\0'))
			n++;
	return n;
}

/* Match segs against one pattern, filling the captures of r. */
static int
route_match(struct req *r, const char *pattern, char **segs, size_t nsegs)
{
	char		 pat[64], *p, *save = NULL;
	size_t		 i = 0, len = strlen(pattern), after, end;
	int		 v;

	r->year = r->month = r->day = 0;
	r->nsegs = 0;
	if (len >= sizeof(pat))
		abort();	/* the table above is wrong */
	memcpy(pat, pattern, len + 1);	/* strtok_r needs a copy */
	for (p = strtok_r(pat, "/", &save); p != NULL;
	    p = strtok_r(NULL, "/", &save)) {
		if (strcmp(p, "{slugs}") == 0) {
			/* All but what the rest of the pattern needs. */
			after = count_segs(save);
			if (nsegs < i + after + 1)
				return 0;
			end = nsegs - after;
			if (end - i > REQ_SEGS_MAX)
				return 0;
			for (; i < end; i++) {
				if (!slug_valid(segs[i]))
					return 0;
				r->segs[r->nsegs++] = segs[i];
			}
			continue;
		}
		if (i == nsegs)
			return 0;
		if (strcmp(p, "{y}") == 0) {
			if ((v = fixed_num(segs[i], 4, 1970, 9999)) < 0)
				return 0;
			r->year = v;
		} else if (strcmp(p, "{m}") == 0) {
			if ((v = fixed_num(segs[i], 2, 1, 12)) < 0)
				return 0;
			r->month = v;
		} else if (strcmp(p, "{d}") == 0) {
			if ((v = fixed_num(segs[i], 2, 1, 31)) < 0)
				return 0;
			r->day = v;
		} else if (strcmp(p, "{slug}") == 0) {
			if (!slug_valid(segs[i]))
				return 0;
			r->segs[r->nsegs++] = segs[i];
		} else if (strcmp(p, segs[i]) != 0)
			return 0;
		i++;
	}
	return i == nsegs;
}

/*
 * Split the decoded path, which ends in '/', into its segments; empty
 * segments ("//") are refused.
 */
static int
split_path(struct req *r, char ***segsp, size_t *nsegsp)
{
	char	*p, *slash, **segs;
	size_t	 n = 0;

	segs = arena_calloc(r->arena, strlen(r->path), sizeof(*segs));
	for (p = arena_strdup(r->arena, r->path + 1); *p != '\0';
	    p = slash + 1) {
		slash = strchr(p, '/');
		if (slash == p)
			return -1;
		*slash = '\0';
		segs[n++] = p;
	}
	*segsp = segs;
	*nsegsp = n;
	return 0;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t	 len = strlen(s), slen = strlen(suffix);

	return len >= slen && strcmp(s + len - slen, suffix) == 0;
}

/* A path matches a files[] pattern: exactly, or with a number for {n}. */
static int
file_match(struct req *r, const char *pattern, const char *path)
{
	const char	*n = strstr(pattern, "{n}"), *digits;
	size_t		 pre, post, len = strlen(path);

	if (n == NULL)
		return strcmp(pattern, path) == 0;
	pre = (size_t)(n - pattern);
	post = strlen(n + 3);
	if (len <= pre + post || strncmp(path, pattern, pre) != 0 ||
	    strcmp(path + len - post, n + 3) != 0)
		return 0;
	digits = path + pre;
	len -= pre + post;
	/* One URL per file: no leading zero, and no absurd numbers. */
	if (len > 7 || digits[0] == '0' || !all_digits(digits, len))
		return 0;
	r->page_no = atol(digits);
	return 1;
}

static void
redirect(struct req *r, const char *path)
{
	r->status = 301;
	r->location = r->query[0] != '\0' ?
	    arena_printf(r->arena, "%s?%s", path, r->query) : path;
}

/* No route has it: an old URL that moved (redirect.c), or a 404. */
static void
not_found(struct req *r)
{
	const char	*to;

	if (r->site != NULL && redirect_find(r, &to) == FOLIO_OK)
		redirect(r, to);
	else
		page_error(r, 404);
}

void
route_dispatch(struct req *r)
{
	char		**segs;
	size_t		 nsegs, i, len = strlen(r->path);
	long		 page_no = 1;
	char		*end;
	const char	*to;
	int		 paged = 0;
	enum folio_err	 rc = FOLIO_ERR_NOTFOUND;

	if (r->method == METHOD_OTHER) {
		page_error(r, 405);
		return;
	}
	/*
	 * No empty or dot segments: one resource, one path, no escapes. No
	 * backslash either: no URL of ours has one, and browsers read the
	 * "/\host/x/" we would redirect to as "//host/x/", another site.
	 */
	if (strstr(r->path, "//") != NULL || strstr(r->path, "/./") != NULL ||
	    strchr(r->path, '\\') != NULL ||
	    strstr(r->path, "/../") != NULL || has_suffix(r->path, "/.") ||
	    has_suffix(r->path, "/..")) {
		not_found(r);
		return;
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (!file_match(r, files[i].pattern, r->path))
			continue;
		if ((rc = files[i].handler(r)) == FOLIO_ERR_NOTFOUND)
			page_error(r, 404);
		else if (rc != FOLIO_OK)
			page_error(r, 500);
		return;
	}
	if (r->path[len - 1] != '/') {
		/* "/about" means "/about/"; "/x.css" was not found; either
		 * may be an old URL first. */
		if (strchr(strrchr(r->path, '/'), '.') != NULL ||
		    (r->site != NULL && redirect_find(r, &to) == FOLIO_OK))
			not_found(r);
		else
			redirect(r, arena_printf(r->arena, "%s/",
			    r->raw_path));
		return;
	}
	if (split_path(r, &segs, &nsegs) != 0) {
		not_found(r);
		return;
	}
	if (nsegs >= 2 && strcmp(segs[nsegs - 2], "page") == 0 &&
	    all_digits(segs[nsegs - 1], strlen(segs[nsegs - 1]))) {
		if (strlen(segs[nsegs - 1]) > 7 || segs[nsegs - 1][0] == '0' ||
		    (page_no = strtol(segs[nsegs - 1], &end, 10)) < 1 ||
		    page_no > PAGE_NO_MAX) {
			not_found(r);
			return;
		}
		paged = 1;
		nsegs -= 2;
	}
	r->page_no = page_no;
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (paged && !routes[i].paged)
			continue;
		if (!route_match(r, routes[i].pattern, segs, nsegs))
			continue;
		if (paged && page_no == 1) {
			/* One URL per page: /page/1/ is the list itself. */
			len = strlen(r->path) - strlen("page/1/");
			redirect(r, arena_strndup(r->arena, r->path, len));
			return;
		}
		rc = routes[i].handler(r);
		break;
	}
	if (rc == FOLIO_ERR_NOTFOUND)
		not_found(r);
	else if (rc != FOLIO_OK)
		page_error(r, 500);
}
