/*
 * slug.c -- checking and making slugs. Validity here matches the CHECK
 * constraints in schema.sql, so a slug the router accepts can exist.
 * Whether a slug is free is asked of the table that would hold it, with
 * the query its owner passes in.
 */
#include <string.h>

#include "folio.h"
#include "db.h"
#include "slug.h"

static int
slug_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

int
slug_valid(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= SLUG_MAX || !slug_char(s[i]))
			return 0;
	return i > 0;
}

char *
slug_from_title(struct arena *a, const char *title)
{
	char	*out = arena_alloc(a, SLUG_MAX + 1);
	size_t	 len = 0;
	int	 gap = 0;
	char	 c;

	for (; *title != '\0' && len < SLUG_MAX; title++) {
		c = *title;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (gap && len > 0 && len < SLUG_MAX - 1)
				out[len++] = '-';
			gap = 0;
			out[len++] = c;
		} else if (c != '\'')	/* "Don't" reads as "dont" */
			gap = 1;
	}
	out[len] = '\0';
	if (len == 0)
		return arena_strdup(a, "untitled");
	return out;
}

int
slug_taken(sqlite3 *db, const char *taken_sql, const char *slug,
    int64_t scope)
{
	sqlite3_stmt	*st = db_stmt(db, taken_sql);

	if (st == NULL)
		return -1;
	if (!db_bind_text(st, 1, slug) ||
	    (sqlite3_bind_parameter_count(st) >= 2 &&
	    !db_bind_int(st, 2, scope))) {
		db_log(db, "slug bind");
		db_done(st);
		return -1;
	}
	return db_exists(db, st, "slug taken");
}

static int
slug_reserved(const char *const *reserved, const char *s)
{
	for (; reserved != NULL && *reserved != NULL; reserved++)
		if (strcmp(s, *reserved) == 0)
			return 1;
	return 0;
}

const char *
slug_unique(struct arena *a, sqlite3 *db, const char *base,
    const char *taken_sql, int64_t scope, const char *const *reserved)
{
	const char	*s = base;
	size_t		 len;
	int		 n, taken;

	/* Room for "-NNNN" within the slug bound. */
	len = strlen(base);
	if (len > SLUG_MAX - 5)
		len = SLUG_MAX - 5;
	for (n = 1; n <= SLUG_TRIES; n++) {
		if (n > 1)
			s = arena_printf(a, "%.*s-%d", (int)len, base, n);
		taken = slug_reserved(reserved, s) ? 1 :
		    slug_taken(db, taken_sql, s, scope);
		if (taken < 0)
			return NULL;
		if (taken == 0)
			return s;
	}
	log_err("no free slug like %s", base);
	return NULL;
}
