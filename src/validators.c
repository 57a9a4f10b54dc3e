/*
 * validators.c -- ETag, Last-Modified, Cache-Control and 304s.
 *
 * The ETag is a hash of the exact response (status, template and body),
 * so it changes exactly when what the page shows changes: a publish, an
 * edit, a scheduled post coming due, even the footer's year. Rendering
 * still happens; what a 304 saves is the transfer, and it lets nginx's
 * fastcgi_cache or a CDN revalidate cheaply (README.md).
 *
 * Last-Modified is the latest of: the last content change (generation's
 * changed_at, kept by a trigger), the newest visible post's publication
 * (a scheduled post coming due changes nothing in the database) and the
 * start of the current year (the footer's year). It is one date for the
 * whole site, so it is never later than the truth but often earlier than
 * a quiet page's; clients that send If-None-Match never rely on it.
 */
#include <stdio.h>
#include <string.h>

#include "folio.h"
#include "date.h"
#include "db.h"
#include "req.h"
#include "site.h"
#include "validators.h"
#include "visible.h"

/* One statement, one snapshot: the generation it read comes with it. */
static const char sql_cache_state[] =
	"SELECT g.n, g.changed_at, s.cache_max_age, "
	"(SELECT max(published_at) FROM post WHERE "
	SQL_POST_VISIBLE("", "?1") ") FROM generation g, site s "
	"WHERE g.id = 1 AND s.id = 1";

/* Kept per process until the site cache is rebuilt. */
static struct {
	int		 loaded;
	long long	 generation;
	time_t		 valid_until;
	time_t		 changed;
	long		 max_age;
} state;

#define MAX_AGE_DEFAULT	60

unsigned long long
validators_hash(const void *p, size_t len, unsigned long long h)
{
	const unsigned char	*s = p;
	size_t			 i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Refresh the cached state when the site cache was rebuilt. */
static void
state_load(struct req *r)
{
	sqlite3_stmt	*st;
	long long	 gen = r->site->generation;

	if (state.loaded && state.generation == gen &&
	    state.valid_until == r->site->valid_until)
		return;
	state.loaded = 0;
	state.changed = 0;
	state.max_age = MAX_AGE_DEFAULT;
	if ((st = db_stmt(r->db, sql_cache_state)) == NULL)
		return;
	if (sqlite3_bind_int64(st, 1, (sqlite3_int64)r->now) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		db_log(r->db, "cache state");
		db_done(st);
		return;
	}
	state.changed = (time_t)sqlite3_column_int64(st, 1);
	state.max_age = (long)sqlite3_column_int64(st, 2);
	if ((time_t)sqlite3_column_int64(st, 3) > state.changed)
		state.changed = (time_t)sqlite3_column_int64(st, 3);
	/* Only trusted for this very generation of the site cache. */
	state.loaded = sqlite3_column_int64(st, 0) == gen;
	state.generation = gen;
	state.valid_until = r->site->valid_until;
	db_done(st);
}

void
validators_make(struct req *r, const struct buf *body, struct validators *v)
{
	unsigned long long	 h = 0xcbf29ce484222325ULL;
	time_t			 year_start, year_end;
	int			 y, m, d;

	memset(v, 0, sizeof(*v));
	v->max_age = -1;
	/* Errors on our side, or in the request: never stored. */
	if (r->site == NULL || (r->status != 200 && r->status != 301 &&
	    r->status != 404))
		return;
	state_load(r);
	v->max_age = state.max_age;
	if (r->status == 301)
		return;
	v->has = 1;
	h = validators_hash(&r->status, sizeof(r->status), h);
	h = validators_hash(&r->tmpl, sizeof(r->tmpl), h);
	h = validators_hash(body->data != NULL ? body->data : "", body->len,
	    h);
	snprintf(v->etag, sizeof(v->etag), "\"%016llx\"", h);

	v->last_modified = state.changed;
	date_local(r->now, &y, &m, &d);
	if (date_range(y, 0, 0, &year_start, &year_end) == 0 &&
	    year_start > v->last_modified)
		v->last_modified = year_start;
	if (v->last_modified > r->now)
		v->last_modified = r->now;
}

/* 1 if the If-None-Match list names this ETag (weak comparison). */
static int
etag_listed(const char *list, const char *etag)
{
	size_t		 elen = strlen(etag), n;
	const char	*p = list, *q;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (*p != '"')
			return 0;	/* malformed: no match */
		if ((q = strchr(p + 1, '"')) == NULL)
			return 0;
		n = (size_t)(q - p) + 1;
		if (n == elen && strncmp(p, etag, n) == 0)
			return 1;
		p = q + 1;
	}
	return 0;
}

int
validators_fresh(const struct req *r, const struct validators *v)
{
	time_t	 since;

	if (!v->has || r->status != 200 || r->method == METHOD_OTHER)
		return 0;
	if (r->if_none_match != NULL && r->if_none_match[0] != '\0')
		return etag_listed(r->if_none_match, v->etag);
	if (r->if_modified_since != NULL &&
	    r->if_modified_since[0] != '\0' &&
	    date_http_parse(r->if_modified_since, &since) == 0)
		return v->last_modified <= since;
	return 0;
}

void
validators_headers(struct req *r, const struct validators *v,
    struct buf *out)
{
	if (v->max_age < 0) {
		buf_puts(out, "Cache-Control: no-store\r\n");
		return;
	}
	/*
	 * Browsers revalidate every time (a cheap 304), so an author sees
	 * an edit at once; shared caches (nginx, a CDN) keep the page for
	 * the site's cache_max_age.
	 */
	buf_printf(out, "Cache-Control: public, max-age=0, s-maxage=%ld\r\n",
	    v->max_age);
	if (!v->has)
		return;
	buf_printf(out, "ETag: %s\r\nLast-Modified: %s\r\n", v->etag,
	    date_http(r->arena, v->last_modified));
}
