/*
 * test_form.c -- urlencoded and multipart/form-data parsing, including
 * malformed and oversized bodies, which must be refused whole.
 */
#include <stdio.h>
#include <string.h>

#include "folio.h"
#include "form.h"
#include "harness.h"

static struct arena	 arena = ARENA_INIT;

static enum folio_err
url(const char *s, struct form *f)
{
	return form_parse_urlencoded(&arena, s, strlen(s), f);
}

static void
test_urlencoded_fields(void)
{
	struct form	 f;

	CHECK_INT_EQ(url("title=Hello+World&body=a%26b%3Dc&empty=&flag", &f),
	    FOLIO_OK);
	CHECK_INT_EQ(f.n, 4);
	CHECK_STR_EQ(form_get(&f, "title"), "Hello World");
	CHECK_STR_EQ(form_get(&f, "body"), "a&b=c");
	CHECK_STR_EQ(form_get(&f, "empty"), "");
	CHECK_STR_EQ(form_get(&f, "flag"), "");
	CHECK(form_get(&f, "missing") == NULL);
	CHECK_INT_EQ(url("", &f), FOLIO_OK);
	CHECK_INT_EQ(f.n, 0);
	CHECK_INT_EQ(url("cat=1&cat=2&&x=%C3%A9", &f), FOLIO_OK);
	CHECK_INT_EQ(f.n, 3);
	CHECK_STR_EQ(f.fields[1].value, "2");
	CHECK_STR_EQ(form_get(&f, "x"), "\xc3\xa9");
}

static void
test_urlencoded_malformed(void)
{
	struct form	 f;

	CHECK_INT_EQ(url("a=%zz", &f), FOLIO_ERR_INPUT);
	CHECK_INT_EQ(url("a=%4", &f), FOLIO_ERR_INPUT);
	CHECK_INT_EQ(url("a=%", &f), FOLIO_ERR_INPUT);
	CHECK_INT_EQ(url("a=%00", &f), FOLIO_ERR_INPUT);
	CHECK_INT_EQ(url("a=%ff%fe", &f), FOLIO_ERR_INPUT);
	CHECK_INT_EQ(url("a=%C0%80", &f), FOLIO_ERR_INPUT);	/* overlong */
	CHECK_INT_EQ(url("=x", &f), FOLIO_ERR_INPUT);
	CHECK_INT_EQ(url("%zz=1", &f), FOLIO_ERR_INPUT);
}

static void
test_urlencoded_too_many_fields(void)
{
	struct buf	 b = BUF_INIT;
	struct form	 f;
	int		 i;

	for (i = 0; i < FORM_FIELDS_MAX; i++)
		buf_printf(&b, "f%d=1&", i);
	CHECK_INT_EQ(form_parse_urlencoded(&arena, b.data, b.len, &f),
	    FOLIO_OK);
	CHECK_INT_EQ(f.n, FORM_FIELDS_MAX);
	buf_puts(&b, "one=more");
	CHECK_INT_EQ(form_parse_urlencoded(&arena, b.data, b.len, &f),
	    FOLIO_ERR_INPUT);
	buf_free(&b);
}

#define CT	"multipart/form-data; boundary=----XyZ"

static enum folio_err
mp(const char *body, size_t len, struct form *f)
{
	return form_parse(&arena, CT, body, len, f);
}

static void
test_multipart_fields_and_file(void)
{
	static const char body[] =
	    "------XyZ\r\n"
	    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "tok\r\n"
	    "------XyZ\r\n"
	    "Content-Disposition: form-data; name=\"image\"; "
	    "filename=\"a b.png\"\r\n"
	    "Content-Type: image/png\r\n\r\n"
	    "\x89PNG\0\r\n--not-the-boundary\r\n"
	    "------XyZ\r\n"
	    "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
	    "\r\n"
	    "------XyZ--\r\n";
	struct form			 f;
	const struct form_field		*ff;

	CHECK_INT_EQ(mp(body, sizeof(body) - 1, &f), FOLIO_OK);
	CHECK_INT_EQ(f.n, 3);
	CHECK_STR_EQ(form_get(&f, "csrf"), "tok");
	CHECK_STR_EQ(form_get(&f, "empty"), "");
	ff = form_field(&f, "image");
	CHECK(ff != NULL);
	if (ff != NULL) {
		CHECK_STR_EQ(ff->filename, "a b.png");
		CHECK_STR_EQ(ff->type, "image/png");
		CHECK_INT_EQ(ff->len, 25);
		CHECK(memcmp(ff->value, "\x89PNG\0\r\n--not", 12) == 0);
	}
	/* A file's bytes are not text: no value for form_get(). */
	CHECK(form_get(&f, "image") == NULL);
}

static void
test_multipart_boundary(void)
{
	CHECK_STR_EQ(form_boundary(&arena,
	    "multipart/form-data; boundary=abc"), "abc");
	CHECK_STR_EQ(form_boundary(&arena,
	    "multipart/form-data; charset=utf-8; boundary=\"a b\""), "a b");
	CHECK(form_boundary(&arena, "multipart/form-data") == NULL);
	CHECK(form_boundary(&arena, "multipart/form-data; boundary=") ==
	    NULL);
	CHECK(form_boundary(&arena, "multipart/form-data; boundary=\"abc") ==
	    NULL);
	CHECK(form_boundary(&arena, "multipart/form-data; boundary="
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaa") == NULL);
	CHECK(form_boundary(&arena, "text/plain; boundary=abc") == NULL);
}

static void
test_multipart_malformed(void)
{
	static const char *const bad[] = {
		"",					/* empty */
		"garbage",				/* no delimiter */
		"------XyZ\r\n"				/* never closed */
		"Content-Disposition: form-data; name=\"a\"\r\n\r\nx",
		"------XyZ\r\n"				/* no blank line */
		"Content-Disposition: form-data; name=\"a\"\r\n"
		"------XyZ--\r\n",
		"------XyZ\r\n"				/* no name */
		"Content-Disposition: form-data\r\n\r\nx\r\n"
		"------XyZ--\r\n",
		"------XyZ\r\n"				/* not form-data */
		"Content-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n"
		"------XyZ--\r\n",
		"------XyZ\r\n"				/* header without colon */
		"Content-Disposition form-data; name=\"a\"\r\n\r\nx\r\n"
		"------XyZ--\r\n",
		"------XyZ\r\n"				/* unterminated quote */
		"Content-Disposition: form-data; name=\"a\r\n\r\nx\r\n"
		"------XyZ--\r\n",
		"------XyZ\r\n"				/* bad UTF-8 text */
		"Content-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n"
		"------XyZ--\r\n",
		"------XyZ\r\n"				/* junk after delimiter */
		"Content-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n"
		"------XyZjunk",
	};
	struct form	 f;
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (mp(bad[i], strlen(bad[i]), &f) != FOLIO_ERR_INPUT) {
			fprintf(stderr, "case %zu accepted\n", i);
			CHECK(0);
		}
	}
	/* A body cut anywhere inside is refused, never half-read. */
	{
		static const char good[] =
		    "------XyZ\r\n"
		    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "value\r\n------XyZ--";
		size_t	 cut;

		CHECK_INT_EQ(mp(good, sizeof(good) - 1, &f), FOLIO_OK);
		for (cut = 0; cut + 2 < sizeof(good) - 1; cut++)
			if (mp(good, cut, &f) != FOLIO_ERR_INPUT) {
				fprintf(stderr, "cut at %zu accepted\n", cut);
				CHECK(0);
			}
	}
}

static void
test_multipart_oversized_headers(void)
{
	struct buf	 b = BUF_INIT;
	struct form	 f;
	int		 i;

	buf_puts(&b, "------XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\nX-Pad: ");
	for (i = 0; i < 5000; i++)
		buf_putc(&b, 'p');
	buf_puts(&b, "\r\n\r\nx\r\n------XyZ--\r\n");
	CHECK_INT_EQ(mp(b.data, b.len, &f), FOLIO_ERR_INPUT);
	buf_free(&b);
}

static void
test_unknown_type(void)
{
	struct form	 f;

	CHECK_INT_EQ(form_parse(&arena, "text/plain", "a=b", 3, &f),
	    FOLIO_ERR_NOTFOUND);
	CHECK_INT_EQ(form_parse(&arena, "application/x-www-form-urlencodedX",
	    "a=b", 3, &f), FOLIO_ERR_NOTFOUND);
	CHECK_INT_EQ(form_parse(&arena, "multipart/form-data", "a=b", 3, &f),
	    FOLIO_ERR_INPUT);
}

int
main(void)
{
	RUN(test_urlencoded_fields);
	RUN(test_urlencoded_malformed);
	RUN(test_urlencoded_too_many_fields);
	RUN(test_multipart_fields_and_file);
	RUN(test_multipart_boundary);
	RUN(test_multipart_malformed);
	RUN(test_multipart_oversized_headers);
	RUN(test_unknown_type);
	arena_free(&arena);
	HARNESS_EXIT();
}
