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
	RUN(test_arena_alloc_reset);
	HARNESS_EXIT();
}
