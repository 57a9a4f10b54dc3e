/*
 * test_buf.c -- buffers, the context writers and the request arena.
 */
#include <string.h>

#include "folio.h"
#include "harness.h"

static void
test_html_text_escapes_markup(void)
{
	struct buf	 b = BUF_INIT;
	const char	*s = "<i>\"a\" & 'b'</i>";

	html_text(&b, s, strlen(s));
	CHECK_STR_EQ(b.data,
	    "&lt;i&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/i&gt;");
	buf_free(&b);
}

static void
test_url_part_encodes_all_but_unreserved(void)
{
	struct buf	 b = BUF_INIT;
	const char	*s = "a b/c?d=e&f~g.h_i-j\xc3\xa9";

	url_part(&b, s, strlen(s));
	CHECK_STR_EQ(b.data, "a%20b%2Fc%3Fd%3De%26f~g.h_i-j%C3%A9");
	buf_free(&b);
}

static void
test_buf_grows_and_resets(void)
{
	struct buf	 b = BUF_INIT;
	int		 i;

	for (i = 0; i < 10000; i++)
		buf_putc(&b, 'x');
	CHECK_INT_EQ(b.len, 10000);
	CHECK_INT_EQ(strlen(b.data), 10000);
	buf_printf(&b, "%d-%s", 42, "y");
	CHECK_STR_EQ(b.data + 10000, "42-y");
	buf_reset(&b);
	CHECK_INT_EQ(b.len, 0);
	CHECK_STR_EQ(b.data, "");
	buf_free(&b);
	CHECK(b.data == NULL);
}

/* The flags are what tell the path, query, form and importer apart. */
static void
test_url_decode_flags(void)
{
	char	 out[64], in[64];
	size_t	 n;

	CHECK_INT_EQ(url_decode(out, "a+b%2Fc", 7, 0, &n), 0);
	CHECK_STR_EQ(out, "a+b/c");
	CHECK_INT_EQ(n, 5);
	CHECK_INT_EQ(url_decode(out, "a+b%2fc", 7, URL_DECODE_PLUS, &n), 0);
	CHECK_STR_EQ(out, "a b/c");
	/* Bad escapes: refused, or kept as typed. */
	CHECK_INT_EQ(url_decode(out, "100%", 4, 0, NULL), -1);
	CHECK_INT_EQ(url_decode(out, "%4", 2, 0, NULL), -1);
	CHECK_INT_EQ(url_decode(out, "%zz", 3, 0, NULL), -1);
	CHECK_INT_EQ(url_decode(out, "100%-%zz%41", 11, URL_DECODE_KEEP,
	    NULL), 0);
	CHECK_STR_EQ(out, "100%-%zzA");
	/* A NUL: decoded, refused, or (with KEEP) left escaped. */
	CHECK_INT_EQ(url_decode(out, "a%00b", 5, 0, &n), 0);
	CHECK_INT_EQ(n, 3);
	CHECK_INT_EQ(url_decode(out, "a%00b", 5, URL_DECODE_NONUL, NULL), -1);
	CHECK_INT_EQ(url_decode(out, "a\0b", 3, URL_DECODE_NONUL, NULL), -1);
	CHECK_INT_EQ(url_decode(out, "a%00b", 5,
	    URL_DECODE_NONUL | URL_DECODE_KEEP, NULL), 0);
	CHECK_STR_EQ(out, "a%00b");
	/* The result must be UTF-8, however it was spelled. */
	CHECK_INT_EQ(url_decode(out, "caf%C3%A9", 9, 0, NULL), 0);
	CHECK_STR_EQ(out, "caf\xc3\xa9");
	CHECK_INT_EQ(url_decode(out, "caf%C3", 6, 0, NULL), -1);
	CHECK_INT_EQ(url_decode(out, "%C0%AF", 6, URL_DECODE_KEEP, NULL), -1);
	/* In place. */
	memcpy(in, "x%20y+z", 8);
	CHECK_INT_EQ(url_decode(in, in, strlen(in), URL_DECODE_PLUS, &n), 0);
	CHECK_STR_EQ(in, "x y z");
}

static void
test_utf8_valid(void)
{
	CHECK(utf8_valid("", 0));
	CHECK(utf8_valid("caf\xc3\xa9 \xf0\x9f\x98\x80", 10));
	CHECK(!utf8_valid("\xc3", 1));			/* cut short */
	CHECK(!utf8_valid("\xc0\xaf", 2));		/* overlong */
	CHECK(!utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4));	/* past U+10FFFF */
	CHECK(!utf8_valid("\xff", 1));
}

static void
test_arena_alloc_reset(void)
{
	struct arena	 a = ARENA_INIT;
	char		*big, *s;
	int		 i;

	s = arena_printf(&a, "%s=%d", "n", 7);
	CHECK_STR_EQ(s, "n=7");
	big = arena_alloc(&a, 1 << 20);		/* larger than a block */
	memset(big, 1, 1 << 20);
	for (i = 0; i < 10000; i++)
		CHECK(arena_strdup(&a, "0123456789") != NULL);
	CHECK_STR_EQ(arena_strndup(&a, "abcdef", 3), "abc");
	arena_reset(&a);
	s = arena_strdup(&a, "after reset");
	CHECK_STR_EQ(s, "after reset");
	CHECK(((uintptr_t)arena_alloc(&a, 3) & 15) == 0);
	arena_free(&a);
}

int
main(void)
{
	RUN(test_html_text_escapes_markup);
	RUN(test_url_part_encodes_all_but_unreserved);
	RUN(test_buf_grows_and_resets);
	RUN(test_url_decode_flags);
	RUN(test_utf8_valid);
	RUN(test_arena_alloc_reset);
	HARNESS_EXIT();
}
