/*
 * test_validators.c -- HTTP dates both ways, and the conditional-request
 * rules: If-None-Match lists, weak tags, "*", If-Modified-Since, and
 * which statuses are never answered with 304.
 */
#include <string.h>

#include "folio.h"
#include "date.h"
#include "req.h"
#include "validators.h"
#include "harness.h"

static struct arena	 arena = ARENA_INIT;

static void
test_http_dates(void)
{
	time_t	 t;

	CHECK_STR_EQ(date_http(&arena, 784111777),
	    "Sun, 06 Nov 1994 08:49:37 GMT");
	CHECK_INT_EQ(date_http_parse("Sun, 06 Nov 1994 08:49:37 GMT", &t), 0);
	CHECK_INT_EQ(t, 784111777);
	CHECK_INT_EQ(date_http_parse(date_http(&arena, 1700000000), &t), 0);
	CHECK_INT_EQ(t, 1700000000);
	CHECK_INT_EQ(date_http_parse("Sunday, 06-Nov-94 08:49:37 GMT", &t),
	    -1);
	CHECK_INT_EQ(date_http_parse("Sun Nov  6 08:49:37 1994", &t), -1);
	CHECK_INT_EQ(date_http_parse("Sun, 06 Nov 1994 08:49:37 UTC", &t),
	    -1);
	CHECK_INT_EQ(date_http_parse("Sun, 06 Xyz 1994 08:49:37 GMT", &t),
	    -1);
	CHECK_INT_EQ(date_http_parse("Sun, 6a Nov 1994 08:49:37 GMT", &t),
	    -1);
	CHECK_INT_EQ(date_http_parse("", &t), -1);
}

static int
fresh(int status, const char *inm, const char *ims)
{
	struct req		 r;
	struct validators	 v;

	memset(&r, 0, sizeof(r));
	memset(&v, 0, sizeof(v));
	r.status = status;
	r.method = METHOD_GET;
	r.if_none_match = inm;
	r.if_modified_since = ims;
	v.has = 1;
	strcpy(v.etag, "\"0123456789abcdef\"");
	v.last_modified = 784111777;
	return validators_fresh(&r, &v);
}

static void
test_conditionals(void)
{
	const char	*tag = "\"0123456789abcdef\"";

	CHECK(fresh(200, tag, ""));
	CHECK(fresh(200, "W/\"0123456789abcdef\"", ""));
	CHECK(fresh(200, "\"x\", \"0123456789abcdef\"", ""));
	CHECK(fresh(200, "*", ""));
	CHECK(!fresh(200, "\"0123456789abcdee\"", ""));
	CHECK(!fresh(200, "0123456789abcdef", ""));
	CHECK(!fresh(200, "\"0123456789abcdef", ""));
	CHECK(!fresh(200, "", ""));
	CHECK(!fresh(404, tag, ""));
	CHECK(!fresh(400, tag, ""));
	/* If-None-Match decides when present, even against a good date. */
	CHECK(!fresh(200, "\"other\"", "Sun, 06 Nov 1994 08:49:37 GMT"));
	CHECK(fresh(200, "", "Sun, 06 Nov 1994 08:49:37 GMT"));
	CHECK(fresh(200, NULL, "Mon, 07 Nov 1994 08:49:37 GMT"));
	CHECK(!fresh(200, NULL, "Sun, 06 Nov 1994 08:49:36 GMT"));
	CHECK(!fresh(200, NULL, "garbage"));
}

static void
test_hash_moves_with_every_byte(void)
{
	unsigned long long	 a, b;

	a = validators_hash("page one", 8, 0xcbf29ce484222325ULL);
	b = validators_hash("page onf", 8, 0xcbf29ce484222325ULL);
	CHECK(a != b);
	CHECK(a == validators_hash("page one", 8, 0xcbf29ce484222325ULL));
}

int
main(void)
{
	RUN(test_http_dates);
	RUN(test_conditionals);
	RUN(test_hash_moves_with_every_byte);
	arena_free(&arena);
	HARNESS_EXIT();
}
