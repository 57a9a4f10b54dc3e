/*
 * test_valid.c -- the checks for typed values (valid.c).
 */
#include <stdint.h>
#include <string.h>

#include "folio.h"
#include "valid.h"
#include "harness.h"

static void
test_valid_digits(void)
{
	CHECK(valid_digits("0123456789", 10));
	CHECK(valid_digits("12x", 2));
	CHECK(!valid_digits("12x", 3));
	CHECK(!valid_digits("", 0));
	CHECK(!valid_digits("-1", 2));
}

static void
test_valid_id(void)
{
	int64_t	 id = 7;

	CHECK_INT_EQ(valid_id("", &id), 0);
	CHECK_INT_EQ(id, 0);
	CHECK_INT_EQ(valid_id("42", &id), 0);
	CHECK_INT_EQ(id, 42);
	CHECK_INT_EQ(valid_id("999999999999999999", &id), 0);
	CHECK_INT_EQ(valid_id("1000000000000000000", &id), -1);
	CHECK_INT_EQ(id, 0);
	CHECK_INT_EQ(valid_id("042", &id), -1);
	CHECK_INT_EQ(valid_id("0", &id), -1);
	CHECK_INT_EQ(valid_id("4 2", &id), -1);
	CHECK_INT_EQ(valid_id("-4", &id), -1);
	CHECK_INT_EQ(valid_id("999999999999999999", &id), 0);
	CHECK(id == 999999999999999999LL);
	/* A path segment: only the first len bytes count. */
	CHECK_INT_EQ(valid_id_n("12/edit/", 2, &id), 0);
	CHECK_INT_EQ(id, 12);
	CHECK_INT_EQ(valid_id_n("0123", 2, &id), -1);
	CHECK_INT_EQ(valid_id_n("12", 0, &id), 0);
	CHECK_INT_EQ(id, 0);
}

static void
test_valid_url(void)
{
	CHECK(valid_url("https://example.org/a?b=1&c=2", 0));
	CHECK(valid_url("http://example.org", 0));
	CHECK(!valid_url("/about/", 0));
	CHECK(valid_url("/about/", VALID_URL_PATH));
	CHECK(!valid_url("//evil.example/", VALID_URL_PATH));
	CHECK(!valid_url("/\\evil.example/", VALID_URL_PATH));
	CHECK(!valid_url("mailto:a@example.org", VALID_URL_PATH));
	CHECK(valid_url("mailto:a@example.org", VALID_URL_MAILTO));
	CHECK(!valid_url("javascript:alert(1)",
	    VALID_URL_PATH | VALID_URL_MAILTO));
	CHECK(!valid_url("", VALID_URL_PATH));
	/* Nothing that ends an attribute or hides in a link. */
	CHECK(!valid_url("https://example.org/a b", 0));
	CHECK(!valid_url("https://example.org/a\tb", 0));
	CHECK(!valid_url("https://example.org/a\x01" "b", 0));
	CHECK(!valid_url("https://example.org/a\x7f", 0));
	CHECK(!valid_url("https://example.org/\"x", 0));
	CHECK(!valid_url("https://example.org/<x>", 0));
}

static void
test_valid_url_length(void)
{
	char	 u[2100];

	memset(u, 'a', sizeof(u));
	memcpy(u, "https://", 8);
	u[2000] = '\0';
	CHECK(valid_url(u, 0));
	u[2000] = 'a';
	u[2001] = '\0';
	CHECK(!valid_url(u, 0));
}

static void
test_valid_email(void)
{
	CHECK(valid_email(""));
	CHECK(valid_email("office@example.org"));
	CHECK(!valid_email("office@localhost"));
	CHECK(!valid_email("@example.org"));
	CHECK(!valid_email("office@"));
	CHECK(!valid_email("a@b@example.org"));
	CHECK(!valid_email("not an address"));
	CHECK(!valid_email("a<b>@example.org"));
}

int
main(void)
{
	RUN(test_valid_digits);
	RUN(test_valid_id);
	RUN(test_valid_url);
	RUN(test_valid_url_length);
	RUN(test_valid_email);
	HARNESS_EXIT();
}
