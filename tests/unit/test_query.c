/*
 * test_query.c -- one query-string parameter: lookup by exact name,
 * decoding, and refusing what is not text.
 */
#include <string.h>

#include "folio.h"
#include "query.h"
#include "req.h"
#include "harness.h"

static struct arena	 arena = ARENA_INIT;

static const char *
get(const char *q, const char *name, enum folio_err want)
{
	const char	*v = "unset";

	CHECK_INT_EQ(query_get(&arena, q, name, &v), want);
	return v;
}

static void
test_lookup(void)
{
	CHECK_STR_EQ(get("s=harbor", "s", FOLIO_OK), "harbor");
	CHECK_STR_EQ(get("a=1&s=two+words&s=later", "s", FOLIO_OK),
	    "two words");
	CHECK_STR_EQ(get("ss=1&s=x", "s", FOLIO_OK), "x");
	CHECK_STR_EQ(get("s", "s", FOLIO_OK), "");
	CHECK_STR_EQ(get("s=", "s", FOLIO_OK), "");
	CHECK(get("x=s", "s", FOLIO_ERR_NOTFOUND) == NULL);
	CHECK(get("", "s", FOLIO_ERR_NOTFOUND) == NULL);
	CHECK(query_has("a&s", "s"));
	CHECK(query_has("s=1", "s"));
	CHECK(!query_has("sx=1&xs=2", "s"));
	CHECK(!query_has("", "s"));
}

static void
test_decoding(void)
{
	CHECK_STR_EQ(get("s=%22a%22%2B%26b", "s", FOLIO_OK), "\"a\"+&b");
	CHECK_STR_EQ(get("s=caf%C3%A9", "s", FOLIO_OK), "caf\xc3\xa9");
	CHECK_STR_EQ(get("s=a%09b%0Ac", "s", FOLIO_OK), "a b c");
	CHECK(get("s=%ff", "s", FOLIO_ERR_INPUT) == NULL);
	CHECK(get("s=%C3", "s", FOLIO_ERR_INPUT) == NULL);
	CHECK(get("s=%00", "s", FOLIO_ERR_INPUT) == NULL);
	CHECK(get("s=%01", "s", FOLIO_ERR_INPUT) == NULL);
	CHECK(get("s=%", "s", FOLIO_ERR_INPUT) == NULL);
	CHECK(get("s=%4", "s", FOLIO_ERR_INPUT) == NULL);
	CHECK(get("s=%zz", "s", FOLIO_ERR_INPUT) == NULL);
}

static void
test_long_value_cut_at_character(void)
{
	struct buf	 b = BUF_INIT;
	const char	*v;
	size_t		 i;

	buf_puts(&b, "s=");
	for (i = 0; i < QUERY_VALUE_MAX; i++)
		buf_puts(&b, "%C3%A9");		/* 2 bytes each */
	buf_puts(&b, "x");
	CHECK_INT_EQ(query_get(&arena, b.data, "s", &v), FOLIO_OK);
	CHECK(v != NULL && strlen(v) <= QUERY_VALUE_MAX);
	CHECK(v != NULL && utf8_valid(v, strlen(v)));
	buf_free(&b);
}

int
main(void)
{
	RUN(test_lookup);
	RUN(test_decoding);
	RUN(test_long_value_cut_at_character);
	arena_free(&arena);
	HARNESS_EXIT();
}
