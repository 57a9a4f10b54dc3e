/*
 * fake_request.h -- a GET or HEAD as nginx would pass it, for the unit
 * tests that route requests against a database in memory. The request
 * goes through render_begin(), the handler's own start, so the tests
 * exercise the same path a visitor does.
 */
#ifndef FAKE_REQUEST_H
#define FAKE_REQUEST_H

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "render.h"
#include "req.h"
#include "route.h"

struct fake_env {
	const char	*method, *uri;
};

static inline const char *
fake_get(void *arg, const char *name)
{
	const struct fake_env	*f = arg;

	if (strcmp(name, "REQUEST_METHOD") == 0)
		return f->method;
	if (strcmp(name, "REQUEST_URI") == 0)
		return f->uri;
	if (strcmp(name, "HTTP_HOST") == 0)
		return "example.org";
	return NULL;
}

/* Parse and route one request as of "now"; returns the status. */
static inline int
fake_request(struct req *r, sqlite3 *db, struct arena *a,
    const char *method, const char *uri, time_t now)
{
	struct fake_env	 f = { method, uri };
	struct cgi_env	 e = { fake_get, &f, NULL };

	if (render_begin(r, db, a, &e, now))
		route_dispatch(r);
	return r->status;
}

/*
 * Route and render one GET with templates/ (loaded into "t" on first
 * use) as of "now", as the handler does: the page lands in "out", the
 * request in *r. Returns the status, or -1 if the templates fail.
 */
static inline int
fake_render(struct req *r, sqlite3 *db, struct arena *a,
    struct tmpl *t[TMPL__MAX], const char *uri, time_t now, struct buf *out)
{
	struct fake_env	 f = { "GET", uri };
	struct cgi_env	 e = { fake_get, &f, NULL };

	if (t[0] == NULL && render_templates_load(t) != 0)
		return -1;
	render_page(r, db, t, a, &e, now, out);
	return r->status;
}

/* How many times "needle" occurs in "s" (a rendered page). */
static inline int
count_of(const char *s, const char *needle)
{
	int	 n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/*
 * A database in memory at the current schema, holding "fixture" (SQL);
 * NULL, said on stderr, when that fails. The tests run from tests/unit/.
 */
static inline sqlite3 *
fixture_open(const char *fixture)
{
	sqlite3	*db;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    db_migrate(db, "../../schema.sql") != FOLIO_OK ||
	    sqlite3_exec(db, fixture, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "fixture: %s\n", sqlite3_errmsg(db));
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

#endif /* FAKE_REQUEST_H */
