/*
 * test_tmpl.c -- unit tests of the template engine (src/tmpl.c): every
 * tag in both spellings, scoping, escaping, loops with BREAK/CONTINUE,
 * includes and their limits, comments, backslash-newlines, and the exact
 * "file:line:col: message" of each load error. Runs in tests/unit, where
 * the templates it loads live under tmpl/.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio.h"
#include "tmpl.h"
#include "harness.h"

static struct buf	out = BUF_INIT;		/* shared result of expand() */
static char		errbuf[512];

/*
 * Compile "src" (includes from tmpl/, errors labelled "t") and render it
 * with "v". Returns the output, or "ERROR " and the load error.
 */
static const char *
expand(const char *src, const struct tvars *v)
{
	struct tmpl	*t;

	buf_reset(&out);
	t = tmpl_parse(src, strlen(src), "tmpl", "t", errbuf, sizeof(errbuf));
	if (t == NULL) {
		buf_printf(&out, "ERROR %s", errbuf);
		return out.data;
	}
	tmpl_render(t, v, &out);
	tmpl_free(t);
	return out.data != NULL ? out.data : "";
}

/* The load error of "src", or "(loaded)". */
static const char *
load_error(const char *src)
{
	struct tmpl	*t;

	t = tmpl_parse(src, strlen(src), "tmpl", "t", errbuf, sizeof(errbuf));
	if (t == NULL)
		return errbuf;
	tmpl_free(t);
	return "(loaded)";
}

/* Load a file from tmpl/ and render it, or return "ERROR " and why. */
static const char *
expand_file(const char *name, const struct tvars *v)
{
	struct tmpl	*t;

	buf_reset(&out);
	t = tmpl_load("tmpl", name, errbuf, sizeof(errbuf));
	if (t == NULL) {
		buf_printf(&out, "ERROR %s", errbuf);
		return out.data;
	}
	tmpl_render(t, v, &out);
	tmpl_free(t);
	return out.data != NULL ? out.data : "";
}

/* "got" cut to the length of "want", for messages ending in strerror(). */
static const char *
prefix(const char *got, const char *want)
{
	static char	 cut[512];

	snprintf(cut, sizeof(cut), "%.*s", (int)strlen(want), got);
	return cut;
}

static void
test_text_only(void)
{
	CHECK_STR_EQ(expand("plain <b>text</b> & more\n", NULL),
	    "plain <b>text</b> & more\n");
	CHECK_STR_EQ(expand("", NULL), "");
}

static void
test_var(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	tvars_set(v, "who", "World");
	CHECK_STR_EQ(expand("Hello, <TMPL_VAR name=\"who\">!", v),
	    "Hello, World!");
	CHECK_STR_EQ(expand("<TMPL_VAR name=\"who\"><TMPL_VAR name=\"who\">",
	    v), "WorldWorld");
	arena_free(&a);
}

static void
test_var_escaped_by_default(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	tvars_set(v, "x", "<a href=\"x\">Tom & 'Jerry'</a>");
	CHECK_STR_EQ(expand("<TMPL_VAR name=\"x\">", v),
	    "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
	CHECK_STR_EQ(expand("<TMPL_VAR name=\"x\" fmt=\"html\">", v),
	    "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
	CHECK_STR_EQ(expand("<TMPL_VAR name=\"x\" fmt=\"entity\">", v),
	    "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
	arena_free(&a);
}

static void
test_var_raw_and_url(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	tvars_set(v, "body_html", "<p>Hi & bye</p>");
	tvars_set(v, "q", "a b&c/\xc3\xa9~");
	CHECK_STR_EQ(expand("<TMPL_VAR name=\"body_html\" fmt=\"raw\">", v),
	    "<p>Hi & bye</p>");
	CHECK_STR_EQ(expand("/s/<TMPL_VAR name=\"q\" fmt=\"url\">/", v),
	    "/s/a%20b%26c%2F%C3%A9~/");
	arena_free(&a);
}

static void
test_var_missing_and_default(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	tvars_set(v, "empty", "");
	tvars_set(v, "unset", NULL);
	tvars_add_row(v, "loop");
	CHECK_STR_EQ(expand("[<TMPL_VAR name=\"nope\">]", v), "[]");
	CHECK_STR_EQ(expand("[<TMPL_VAR name=\"nope\" default=\"none\">]", v),
	    "[none]");
	/* An empty value is a value: the default is for missing ones. */
	CHECK_STR_EQ(expand("[<TMPL_VAR name=\"empty\" default=\"none\">]", v),
	    "[]");
	CHECK_STR_EQ(expand("[<TMPL_VAR name=\"unset\" default=\"none\">]", v),
	    "[none]");
	CHECK_STR_EQ(expand("[<TMPL_VAR name=\"loop\" default=\"none\">]", v),
	    "[none]");
	/* The default goes through the same escaping as a value. */
	CHECK_STR_EQ(expand("<TMPL_VAR name=\"nope\" default=\"<none> & 'x'\">",
	    v), "&lt;none&gt; &amp; &#39;x&#39;");
	CHECK_STR_EQ(expand("<TMPL_VAR name=\"nope\" default=\"a b\" "
	    "fmt=\"url\">", v), "a%20b");
	CHECK_STR_EQ(expand("<TMPL_VAR name=\"nope\" default=\"<i>\" "
	    "fmt=\"raw\">", v), "<i>");
	CHECK_STR_EQ(expand("<TMPL_VAR name=\"nope\" default=\"\">.", NULL),
	    ".");
	arena_free(&a);
}

static void
test_comment_spelling(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a), *r;

	tvars_set(v, "x", "X<");
	r = tvars_add_row(v, "rows");
	tvars_set(r, "n", "1");
	r = tvars_add_row(v, "rows");
	tvars_set(r, "n", "2");
	r = tvars_add_row(v, "rows");
	tvars_set(r, "n", "3");
	CHECK_STR_EQ(expand("<!-- TMPL_VAR name=\"x\" -->", v), "X&lt;");
	CHECK_STR_EQ(expand("<!--TMPL_VAR name=x -->", v), "X&lt;");
	CHECK_STR_EQ(expand("<!--\n\tTMPL_VAR name='x'\n-->", v), "X&lt;");
	CHECK_STR_EQ(expand("<!-- TMPL_IF name=\"x\" -->yes<!-- TMPL_ELSE -->"
	    "no<!-- /TMPL_IF -->", v), "yes");
	CHECK_STR_EQ(expand("<!-- TMPL_IF name=\"nope\" -->1<!-- TMPL_ELSIF "
	    "name=\"x\" value=\"X<\" -->2<!-- /TMPL_IF -->", v), "2");
	CHECK_STR_EQ(expand("<!-- TMPL_LOOP name=\"rows\" -->"
	    "<!-- TMPL_IF name=\"n\" value=\"2\" --><!-- TMPL_CONTINUE -->"
	    "<!-- /TMPL_IF -->[<!-- TMPL_VAR name=\"n\" -->]"
	    "<!-- /TMPL_LOOP -->", v), "[1][3]");
	CHECK_STR_EQ(expand("<!-- TMPL_LOOP name=\"rows\" -->"
	    "<!-- TMPL_VAR name=\"n\" --><!-- TMPL_BREAK -->"
	    "<!-- /TMPL_LOOP -->", v), "1");
	CHECK_STR_EQ(expand("(<!-- TMPL_INCLUDE name=\"sub/leaf.tmpl\" -->)",
	    v), "(leaf)");
	/* The two spellings mix freely. */
	CHECK_STR_EQ(expand("<TMPL_IF name=x>a<!-- /TMPL_IF -->", v), "a");
	/* Ordinary HTML comments are text. */
	CHECK_STR_EQ(expand("<!-- note --><!----><!-- TMPLATE -->", v),
	    "<!-- note --><!----><!-- TMPLATE -->");
	arena_free(&a);
}

static void
test_case_insensitive(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a), *r;

	tvars_set(v, "x", "2");
	tvars_set(v, "word", "abc");
	r = tvars_add_row(v, "rows");
	tvars_set(r, "n", "r");
	CHECK_STR_EQ(expand("<tmpl_var NAME=\"x\">", v), "2");
	CHECK_STR_EQ(expand("<Tmpl_If nAmE=x VALUE=\"1\">one"
	    "<tmpl_elsif name=x Value=2>two<TMPL_else>other</tmpl_IF>", v),
	    "two");
	CHECK_STR_EQ(expand("<tmpl_loop Name=\"rows\"><TMPL_VAR name=n>"
	    "<tmpl_break></Tmpl_Loop>", v), "r");
	CHECK_STR_EQ(expand("<!-- tmpl_var name=x --><!-- TmPl_If name=x -->!"
	    "<!-- /tmpl_if -->", v), "2!");
	CHECK_STR_EQ(expand("<TMPL_VAR name=x DEFAULT=d FMT=raw>", v), "2");
	/* Names and values are case-sensitive. */
	CHECK_STR_EQ(expand("[<TMPL_VAR name=\"X\">]", v), "[]");
	CHECK_STR_EQ(expand("<TMPL_IF name=word value=ABC>y<TMPL_ELSE>n"
	    "</TMPL_IF>", v), "n");
	arena_free(&a);
}

static void
test_attribute_syntax(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	tvars_set(v, "x", "1");
	tvars_set(v, "a.b-c_d", "odd");
	CHECK_STR_EQ(expand("<TMPL_VAR name='x'>", v), "1");
	CHECK_STR_EQ(expand("<TMPL_VAR name=x>", v), "1");
	CHECK_STR_EQ(expand("<TMPL_VAR name=a.b-c_d>", v), "odd");
	CHECK_STR_EQ(expand("<TMPL_VAR  name   =   \"x\"  >", v), "1");
	CHECK_STR_EQ(expand("<TMPL_VAR\n\tname=\"x\"\r\n>", v), "1");
	CHECK_STR_EQ(expand("<TMPL_IF name=\"x\"value=\"1\">y</TMPL_IF>", v),
	    "y");
	CHECK_STR_EQ(expand("<TMPL_VAR default=\"d\" name=\"nope\">", v), "d");
	CHECK_STR_EQ(expand("<TMPL_VAR name=nope default='say \"hi\"'>", v),
	    "say &quot;hi&quot;");
	CHECK_STR_EQ(expand("<TMPL_VAR name=nope default=\"it's\">", v),
	    "it&#39;s");
	/* Tags work anywhere, even inside HTML attributes. */
	CHECK_STR_EQ(expand("<a href=\"<TMPL_VAR name=\"x\">\">", v),
	    "<a href=\"1\">");
	arena_free(&a);
}

static void
test_self_closing(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	tvars_set(v, "x", "1");
	tvars_add_row(v, "rows");
	CHECK_STR_EQ(expand("<TMPL_VAR name=\"x\" />", v), "1");
	CHECK_STR_EQ(expand("<TMPL_VAR name=x/>", v), "1");
	CHECK_STR_EQ(expand("<TMPL_IF name=nope>a<TMPL_ELSIF name=x/>b"
	    "<TMPL_ELSE/>c</TMPL_IF>", v), "b");
	CHECK_STR_EQ(expand("<TMPL_LOOP name=rows>a<TMPL_BREAK />b"
	    "</TMPL_LOOP><TMPL_LOOP name=rows>c<TMPL_CONTINUE/>d</TMPL_LOOP>",
	    v), "ac");
	CHECK_STR_EQ(expand("<TMPL_INCLUDE name=\"sub/leaf.tmpl\"/>", v),
	    "leaf");
	arena_free(&a);
}

/* "T" or "F" for <TMPL_IF name="name">, with "v". */
static const char *
if_name(const char *name, const struct tvars *v)
{
	char	 src[128];

	snprintf(src, sizeof(src), "<TMPL_IF name=\"%s\">T<TMPL_ELSE>F"
	    "</TMPL_IF>", name);
	return expand(src, v);
}

static void
test_if_truth(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	tvars_set(v, "full", "yes");
	tvars_set(v, "empty", "");
	tvars_set(v, "zero", "0");
	tvars_set(v, "space", " ");
	CHECK_STR_EQ(if_name("full", v), "T");
	CHECK_STR_EQ(if_name("empty", v), "F");
	/* Unlike Perl, "0" is a non-empty value, so true. */
	CHECK_STR_EQ(if_name("zero", v), "T");
	CHECK_STR_EQ(if_name("space", v), "T");
	CHECK_STR_EQ(if_name("missing", v), "F");
	CHECK_STR_EQ(if_name("missing", NULL), "F");
	CHECK_STR_EQ(expand("a<TMPL_IF name=missing>b</TMPL_IF>c", v), "ac");
	arena_free(&a);
}

static void
test_if_value(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	tvars_set(v, "color", "red");
	tvars_set(v, "empty", "");
	CHECK_STR_EQ(expand("<TMPL_IF name=color value=red>T<TMPL_ELSE>F"
	    "</TMPL_IF>", v), "T");
	CHECK_STR_EQ(expand("<TMPL_IF name=color value=blue>T<TMPL_ELSE>F"
	    "</TMPL_IF>", v), "F");
	CHECK_STR_EQ(expand("<TMPL_IF name=color value=\"red \">T<TMPL_ELSE>F"
	    "</TMPL_IF>", v), "F");
	CHECK_STR_EQ(expand("<TMPL_IF name=missing value=red>T<TMPL_ELSE>F"
	    "</TMPL_IF>", v), "F");
	/* value="" asks for a missing or empty variable. */
	CHECK_STR_EQ(expand("<TMPL_IF name=missing value=\"\">T<TMPL_ELSE>F"
	    "</TMPL_IF>", v), "T");
	CHECK_STR_EQ(expand("<TMPL_IF name=empty value=''>T<TMPL_ELSE>F"
	    "</TMPL_IF>", v), "T");
	CHECK_STR_EQ(expand("<TMPL_IF name=color value=\"\">T<TMPL_ELSE>F"
	    "</TMPL_IF>", v), "F");
	arena_free(&a);
}

static void
test_if_elsif_else(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v;
	const char	*t = "<TMPL_IF name=a>A<TMPL_ELSIF name=b>B"
	    "<TMPL_ELSIF name=c value=3>C<TMPL_ELSE>E</TMPL_IF>";
	const char	*noelse = "[<TMPL_IF name=a>A<TMPL_ELSIF name=b>B"
	    "</TMPL_IF>]";

	v = tvars_new(&a);
	CHECK_STR_EQ(expand(t, v), "E");
	CHECK_STR_EQ(expand(noelse, v), "[]");
	tvars_set(v, "c", "4");
	CHECK_STR_EQ(expand(t, v), "E");
	tvars_set(v, "c", "3");
	CHECK_STR_EQ(expand(t, v), "C");
	tvars_set(v, "b", "1");
	CHECK_STR_EQ(expand(t, v), "B");
	CHECK_STR_EQ(expand(noelse, v), "[B]");
	tvars_set(v, "a", "1");
	CHECK_STR_EQ(expand(t, v), "A");	/* the first true one only */
	arena_free(&a);
}

static void
test_if_loop_name(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	tvars_add_row(v, "rows");
	CHECK_STR_EQ(expand("<TMPL_IF name=rows>T<TMPL_ELSE>F</TMPL_IF>", v),
	    "T");
	CHECK_STR_EQ(expand("<TMPL_IF name=rows value=''>T<TMPL_ELSE>F"
	    "</TMPL_IF>", v), "F");
	CHECK_STR_EQ(expand("<TMPL_IF name=none>T<TMPL_ELSE>F</TMPL_IF>", v),
	    "F");
	CHECK_STR_EQ(expand("<TMPL_IF name=none value=''>T<TMPL_ELSE>F"
	    "</TMPL_IF>", v), "T");
	arena_free(&a);
}

static void
test_loop(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a), *r;
	int		 i;

	for (i = 1; i <= 3; i++) {
		r = tvars_add_row(v, "rows");
		tvars_set_int(r, "n", i);
	}
	CHECK_STR_EQ(expand("<ul><TMPL_LOOP name=\"rows\"><li><TMPL_VAR "
	    "name=\"n\"></li></TMPL_LOOP></ul>", v),
	    "<ul><li>1</li><li>2</li><li>3</li></ul>");
	CHECK_STR_EQ(expand("<TMPL_LOOP name=rows></TMPL_LOOP>.", v), ".");
	arena_free(&a);
}

static void
test_loop_missing(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	tvars_set(v, "str", "not a loop");
	CHECK_STR_EQ(expand("a<TMPL_LOOP name=none>x</TMPL_LOOP>b", v), "ab");
	CHECK_STR_EQ(expand("a<TMPL_LOOP name=str>x</TMPL_LOOP>b", v), "ab");
	CHECK_STR_EQ(expand("a<TMPL_LOOP name=none>x</TMPL_LOOP>b", NULL),
	    "ab");
	arena_free(&a);
}

static void
test_if_in_loop_in_loop(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a), *p, *t;

	tvars_set(v, "title", "Blog");
	p = tvars_add_row(v, "posts");
	tvars_set(p, "title", "P1");
	t = tvars_add_row(p, "tags");
	tvars_set(t, "t", "a");
	t = tvars_add_row(p, "tags");
	tvars_set(t, "t", "b");
	p = tvars_add_row(v, "posts");
	tvars_set(p, "title", "P2");
	p = tvars_add_row(v, "posts");
	tvars_set(p, "title", "P3");
	t = tvars_add_row(p, "tags");
	tvars_set(t, "t", "c");
	tvars_set(t, "hot", "1");
	CHECK_STR_EQ(expand("<TMPL_VAR name=title>|<TMPL_LOOP name=posts>"
	    "<TMPL_VAR name=title>:<TMPL_LOOP name=tags><TMPL_IF name=hot>*"
	    "</TMPL_IF><TMPL_VAR name=t>@<TMPL_VAR name=title>,</TMPL_LOOP>"
	    "<TMPL_IF name=tags>;<TMPL_ELSE>-;</TMPL_IF></TMPL_LOOP>", v),
	    "Blog|P1:a@P1,b@P1,;P2:-;P3:*c@P3,;");
	arena_free(&a);
}

static void
test_scope_fallback(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a), *r, *i;

	tvars_set(v, "name", "top");
	r = tvars_add_row(v, "rows");
	tvars_set(r, "name", "r1");
	i = tvars_add_row(r, "items");
	i = tvars_add_row(r, "items");
	tvars_set(i, "name", "i2");
	tvars_add_row(v, "rows");
	/* Set after the rows exist: rows see their list, not a copy. */
	tvars_set(v, "site", "S");
	CHECK_STR_EQ(expand("<TMPL_LOOP name=rows>(<TMPL_VAR name=name>/"
	    "<TMPL_VAR name=site><TMPL_LOOP name=items> <TMPL_VAR name=name>"
	    "</TMPL_LOOP>)</TMPL_LOOP>", v), "(r1/S r1 i2)(top/S)");
	arena_free(&a);
}

/* Outer rows o=a,b,c, each with inner rows i=1,2,3. */
static struct tvars *
nested_rows(struct arena *a)
{
	struct tvars	*v = tvars_new(a), *o, *in;
	static const char *const os[] = { "a", "b", "c" };
	int		 i, j;

	for (i = 0; i < 3; i++) {
		o = tvars_add_row(v, "outer");
		tvars_set(o, "o", os[i]);
		for (j = 1; j <= 3; j++) {
			in = tvars_add_row(o, "inner");
			tvars_set_int(in, "i", j);
		}
	}
	return v;
}

static void
test_break_continue(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a), *r;
	int		 i;

	for (i = 1; i <= 5; i++) {
		r = tvars_add_row(v, "rows");
		tvars_set_int(r, "n", i);
	}
	CHECK_STR_EQ(expand("<TMPL_LOOP name=rows><TMPL_IF name=n value=3>"
	    "<TMPL_BREAK></TMPL_IF><TMPL_VAR name=n></TMPL_LOOP>.", v), "12.");
	CHECK_STR_EQ(expand("<TMPL_LOOP name=rows><TMPL_IF name=n value=3>"
	    "<TMPL_CONTINUE></TMPL_IF><TMPL_VAR name=n></TMPL_LOOP>.", v),
	    "1245.");
	CHECK_STR_EQ(expand("<TMPL_LOOP name=rows><TMPL_VAR name=n>"
	    "<TMPL_IF name=n value=2><TMPL_BREAK level=1><TMPL_ELSE>,"
	    "</TMPL_IF></TMPL_LOOP>.", v), "1,2.");
	arena_free(&a);
}

/* Two nested loops over nested_rows(), with "tag" when i is 2. */
static const char *
levels(const char *tag, const struct tvars *v)
{
	char	 src[256];

	snprintf(src, sizeof(src), "%s%s%s", "<TMPL_LOOP name=outer>"
	    "[<TMPL_VAR name=o>:<TMPL_LOOP name=inner><TMPL_IF name=i value=2>",
	    tag, "</TMPL_IF><TMPL_VAR name=i></TMPL_LOOP>]</TMPL_LOOP>.");
	return expand(src, v);
}

static void
test_break_continue_levels(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = nested_rows(&a);

	CHECK_STR_EQ(levels("<TMPL_BREAK>", v), "[a:1][b:1][c:1].");
	CHECK_STR_EQ(levels("<TMPL_CONTINUE>", v), "[a:13][b:13][c:13].");
	CHECK_STR_EQ(levels("<TMPL_BREAK level=2>", v), "[a:1.");
	CHECK_STR_EQ(levels("<TMPL_CONTINUE level=\"2\">", v),
	    "[a:1[b:1[c:1.");
	CHECK_STR_EQ(levels("<!-- TMPL_BREAK level=2 -->", v), "[a:1.");
	CHECK_STR_EQ(levels("<!-- TMPL_CONTINUE level=2 -->", v),
	    "[a:1[b:1[c:1.");
	/* Three levels; the innermost loop finds "inner" in the outer row. */
	CHECK_STR_EQ(expand("<TMPL_LOOP name=outer>o<TMPL_LOOP name=inner>i"
	    "<TMPL_LOOP name=inner>x<TMPL_BREAK level=3>y</TMPL_LOOP>"
	    "</TMPL_LOOP></TMPL_LOOP>.", v), "oix.");
	CHECK_STR_EQ(expand("<TMPL_LOOP name=outer>o<TMPL_LOOP name=inner>i"
	    "<TMPL_LOOP name=inner>x<TMPL_CONTINUE level=3>y</TMPL_LOOP>"
	    "</TMPL_LOOP>!</TMPL_LOOP>.", v), "oixoixoix.");
	/* A BREAK inside an IF that is not taken does nothing. */
	CHECK_STR_EQ(expand("<TMPL_LOOP name=outer><TMPL_IF name=nope>"
	    "<TMPL_BREAK></TMPL_IF><TMPL_VAR name=o></TMPL_LOOP>", v), "abc");
	arena_free(&a);
}

static void
test_include_files(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a), *r;
	struct tmpl	*t;
	struct buf	 b = BUF_INIT;
	const char	*want = "<h1>T&amp;</h1>\n"
	    "<ul><li>1</li><li>2</li></ul>\ninner:leaf\n";

	tvars_set(v, "title", "T&");
	r = tvars_add_row(v, "rows");
	tvars_set(r, "n", "1");
	r = tvars_add_row(v, "rows");
	tvars_set(r, "n", "2");
	CHECK_STR_EQ(expand_file("page.tmpl", v), want);

	/* Compiled once, rendered many times, appending each time. */
	t = tmpl_load("tmpl", "page.tmpl", errbuf, sizeof(errbuf));
	CHECK(t != NULL);
	if (t != NULL) {
		buf_puts(&b, ">");
		tmpl_render(t, v, &b);
		tmpl_render(t, v, &b);
		CHECK_INT_EQ(b.len, 1 + 2 * strlen(want));
		CHECK(strncmp(b.data + 1 + strlen(want), want,
		    strlen(want)) == 0);
		CHECK(b.data[0] == '>');
	}
	tmpl_free(t);
	buf_free(&b);
	arena_free(&a);
}

static void
test_include_in_memory(void)
{
	struct tmpl	*t;
	const char	*src = "a<TMPL_INCLUDE name=\"sub/leaf.tmpl\">";

	CHECK_STR_EQ(expand("[<TMPL_INCLUDE name=\"sub/leaf.tmpl\">]", NULL),
	    "[leaf]");
	CHECK_STR_EQ(expand("<TMPL_INCLUDE name='sub/inner.tmpl'>", NULL),
	    "inner:leaf");
	t = tmpl_parse(src, strlen(src), NULL, "mem", errbuf, sizeof(errbuf));
	CHECK(t == NULL);
	CHECK_STR_EQ(errbuf, "mem:1:2: TMPL_INCLUDE needs a template folder");
	tmpl_free(t);
}

/* Rendering uses only the compiled tree: the files may be gone. */
static void
test_render_needs_no_files(void)
{
	char		 dir[] = "/tmp/test_tmpl.XXXXXX", path[64];
	struct tmpl	*t = NULL;
	struct buf	 b = BUF_INIT;
	FILE		*f;

	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	snprintf(path, sizeof(path), "%s/a.tmpl", dir);
	if ((f = fopen(path, "w")) != NULL) {
		fputs("a<TMPL_INCLUDE name=\"b.tmpl\">a", f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/b.tmpl", dir);
	if ((f = fopen(path, "w")) != NULL) {
		fputs("b", f);
		fclose(f);
	}
	t = tmpl_load(dir, "a.tmpl", errbuf, sizeof(errbuf));
	CHECK(t != NULL);
	unlink(path);
	snprintf(path, sizeof(path), "%s/a.tmpl", dir);
	unlink(path);
	CHECK_INT_EQ(rmdir(dir), 0);
	if (t != NULL) {
		tmpl_render(t, NULL, &b);
		CHECK_STR_EQ(b.data, "aba");
	}
	tmpl_free(t);
	buf_free(&b);
}

static void
test_include_errors(void)
{
	const char	*missing = "ERROR tmpl/missing_inc.tmpl:2:3: "
	    "cannot include tmpl/nosuch.tmpl: ";

	CHECK_STR_EQ(prefix(expand_file("missing_inc.tmpl", NULL), missing),
	    missing);
	CHECK_STR_EQ(expand_file("self.tmpl", NULL),
	    "ERROR tmpl/self.tmpl:1:5: tmpl/self.tmpl includes itself");
	CHECK_STR_EQ(expand_file("cycle_a.tmpl", NULL),
	    "ERROR tmpl/cycle_b.tmpl:1:3: tmpl/cycle_a.tmpl includes itself");
	/* An error inside an included file names that file. */
	CHECK_STR_EQ(expand_file("includes_bad.tmpl", NULL),
	    "ERROR tmpl/bad_inner.tmpl:2:1: unclosed TMPL_IF");
	CHECK_STR_EQ(load_error("<TMPL_INCLUDE name=\"../harness.h\">"),
	    "t:1:20: include name must be relative, without \"..\"");
	CHECK_STR_EQ(load_error("<TMPL_INCLUDE name=\"sub/../../x\">"),
	    "t:1:20: include name must be relative, without \"..\"");
	CHECK_STR_EQ(load_error("<TMPL_INCLUDE name=\"/etc/passwd\">"),
	    "t:1:20: include name must be relative, without \"..\"");
	CHECK_STR_EQ(load_error("<TMPL_INCLUDE name=\"..\">"),
	    "t:1:20: include name must be relative, without \"..\"");
	CHECK_STR_EQ(load_error("\n <TMPL_INCLUDE name=\"sub\">"),
	    "t:2:2: cannot include tmpl/sub: not a regular file");
}

static void
test_include_depth(void)
{
	/* deepNN.tmpl includes deepNN+1.tmpl, down to deep18.tmpl. */
	CHECK_STR_EQ(expand_file("deep02.tmpl", NULL),
	    "02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18");
	CHECK_STR_EQ(expand_file("deep01.tmpl", NULL),
	    "ERROR tmpl/deep17.tmpl:1:4: includes nested more than 16 deep");
}

static void
test_load_errors(void)
{
	CHECK_STR_EQ(expand_file("bad.tmpl", NULL),
	    "ERROR tmpl/bad.tmpl:3:5: unknown tag TMPL_ELSEIF");
	CHECK_STR_EQ(prefix(expand_file("nosuch.tmpl", NULL),
	    "ERROR tmpl/nosuch.tmpl:1:1: cannot read: "),
	    "ERROR tmpl/nosuch.tmpl:1:1: cannot read: ");
	CHECK_STR_EQ(expand_file("sub", NULL),
	    "ERROR tmpl/sub:1:1: cannot read: not a regular file");
	CHECK_STR_EQ(expand_file("../tmpl/page.tmpl", NULL),
	    "ERROR ../tmpl/page.tmpl:1:1: template name must be relative, "
	    "without \"..\"");
	CHECK_STR_EQ(expand_file("/etc/passwd", NULL),
	    "ERROR /etc/passwd:1:1: template name must be relative, "
	    "without \"..\"");
}

static void
test_comments(void)
{
	CHECK_STR_EQ(expand("a<* comment *>b", NULL), "ab");
	CHECK_STR_EQ(expand("a<* <TMPL_VAR name=x>\n<TMPL_IF>\n *>b", NULL),
	    "ab");
	CHECK_STR_EQ(expand("<* <* not nested *>x", NULL), "x");
	CHECK_STR_EQ(expand("<* a *> b *>", NULL), " b *>");
	CHECK_STR_EQ(expand("a *> b", NULL), "a *> b");
	CHECK_STR_EQ(expand("<<**>*", NULL), "<*");
	CHECK_STR_EQ(expand("<TMPL_IF name=x><* no *></TMPL_IF>.", NULL), ".");
	CHECK_STR_EQ(load_error("ok\n  <* open"),
	    "t:2:3: unterminated <* comment");
	CHECK_STR_EQ(load_error("<* a *> <* b"),
	    "t:1:9: unterminated <* comment");
}

static void
test_backslash_newline(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	CHECK_STR_EQ(expand("a\\\nb", NULL), "ab");
	CHECK_STR_EQ(expand("a\\\r\nb", NULL), "ab");
	CHECK_STR_EQ(expand("a\\\\\nb", NULL), "a\\\nb");
	CHECK_STR_EQ(expand("a\\\\\r\nb", NULL), "a\\\r\nb");
	CHECK_STR_EQ(expand("a\\\\\\\nb", NULL), "a\\\\\nb");
	CHECK_STR_EQ(expand("a\\b\\ c\\", NULL), "a\\b\\ c\\");
	CHECK_STR_EQ(expand("a\\ \nb", NULL), "a\\ \nb");
	CHECK_STR_EQ(expand("a\\\rb", NULL), "a\\\rb");
	CHECK_STR_EQ(expand("<TMPL_IF name=x>\\\nyes\\\n</TMPL_IF>\\\n.", NULL),
	    ".");
	tvars_set(v, "x", "1\\\n");
	CHECK_STR_EQ(expand("<TMPL_IF name=x>\\\nyes\\\n</TMPL_IF>\\\n.", v),
	    "yes.");
	/* Values are not templates: their backslashes stay. */
	CHECK_STR_EQ(expand("<TMPL_VAR name=x>", v), "1\\\n");
	/* A comment ending a line, then "\": the line is joined. */
	CHECK_STR_EQ(expand("<* note *>\\\nx", v), "x");
	arena_free(&a);
}

static void
test_not_tags(void)
{
	const char	*const same[] = {
		"< TMPL_VAR name=x>",
		"<TMPL>",
		"<TMPLVAR name=x>",
		"a < b <= c > d",
		"<!-- TMPL -->",
		"</ TMPL_IF>",
		"<",
		"<!--",
	};
	size_t		 i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		CHECK_STR_EQ(expand(same[i], NULL), same[i]);
}

static void
test_malformed(void)
{
	static const struct {
		const char	*src;
		const char	*err;
	} bad[] = {
		{ "<TMPL_FOO name=x>", "t:1:1: unknown tag TMPL_FOO" },
		{ "line1\nline2 <TMPL_BOGUS>",
		    "t:2:7: unknown tag TMPL_BOGUS" },
		{ "ab\n  </TMPL_VAR>", "t:2:3: unknown tag /TMPL_VAR" },
		{ "<!-- TMPL_VARS name=x -->", "t:1:1: unknown tag TMPL_VARS" },
		{ "<TMPL_IF name=x>", "t:1:1: unclosed TMPL_IF" },
		{ "x\n<TMPL_LOOP name=r>\n<TMPL_IF name=x></TMPL_IF>",
		    "t:2:1: unclosed TMPL_LOOP" },
		{ "<TMPL_IF name=x>\n<TMPL_LOOP name=r></TMPL_IF>",
		    "t:2:19: </TMPL_IF> does not close the TMPL_LOOP at 2:1" },
		{ "<TMPL_LOOP name=r><TMPL_IF name=x></TMPL_LOOP>",
		    "t:1:35: </TMPL_LOOP> does not close the TMPL_IF at 1:19" },
		{ "</TMPL_IF>", "t:1:1: </TMPL_IF> without TMPL_IF" },
		{ "<!-- /TMPL_LOOP -->",
		    "t:1:1: </TMPL_LOOP> without TMPL_LOOP" },
		{ "<TMPL_ELSE>", "t:1:1: TMPL_ELSE outside TMPL_IF" },
		{ "<TMPL_ELSIF name=x>", "t:1:1: TMPL_ELSIF outside TMPL_IF" },
		{ "<TMPL_IF name=x><TMPL_LOOP name=r><TMPL_ELSE></TMPL_LOOP>"
		    "</TMPL_IF>", "t:1:35: TMPL_ELSE outside TMPL_IF" },
		{ "<TMPL_IF name=x>a<TMPL_ELSE>b<TMPL_ELSIF name=y>c</TMPL_IF>",
		    "t:1:30: TMPL_ELSIF after TMPL_ELSE" },
		{ "<TMPL_IF name=x><TMPL_ELSE><TMPL_ELSE></TMPL_IF>",
		    "t:1:28: TMPL_ELSE after TMPL_ELSE" },
		{ "<TMPL_BREAK>", "t:1:1: TMPL_BREAK outside TMPL_LOOP" },
		{ "<!-- TMPL_CONTINUE -->",
		    "t:1:1: TMPL_CONTINUE outside TMPL_LOOP" },
		{ "<TMPL_IF name=x><TMPL_BREAK></TMPL_IF>",
		    "t:1:17: TMPL_BREAK outside TMPL_LOOP" },
		{ "<TMPL_LOOP name=r><TMPL_BREAK level=2></TMPL_LOOP>",
		    "t:1:37: TMPL_BREAK level=2 but only 1 enclosing "
		    "TMPL_LOOP" },
		{ "<TMPL_LOOP name=r><TMPL_CONTINUE level=0></TMPL_LOOP>",
		    "t:1:40: level= must be a number from 1 to 64" },
		{ "<TMPL_LOOP name=r><TMPL_CONTINUE level=x></TMPL_LOOP>",
		    "t:1:40: level= must be a number from 1 to 64" },
		{ "<TMPL_LOOP name=r><TMPL_BREAK level=99999999999999>"
		    "</TMPL_LOOP>",
		    "t:1:37: level= must be a number from 1 to 64" },
		{ "<TMPL_VAR>", "t:1:1: TMPL_VAR needs name=" },
		{ "<TMPL_VAR default=x>", "t:1:1: TMPL_VAR needs name=" },
		{ "<TMPL_IF value=x></TMPL_IF>", "t:1:1: TMPL_IF needs name=" },
		{ "<TMPL_IF name=x><TMPL_ELSIF></TMPL_IF>",
		    "t:1:17: TMPL_ELSIF needs name=" },
		{ "<TMPL_LOOP></TMPL_LOOP>", "t:1:1: TMPL_LOOP needs name=" },
		{ "<TMPL_INCLUDE>", "t:1:1: TMPL_INCLUDE needs name=" },
		{ "<TMPL_VAR name=\"\">", "t:1:16: empty name=" },
		{ "<TMPL_VAR name=x fmt=\"js\">",
		    "t:1:22: unknown fmt=\"js\"" },
		{ "<TMPL_VAR name=x fmt=RAW>", "t:1:22: unknown fmt=\"RAW\"" },
		{ "<TMPL_VAR name=x color=red>",
		    "t:1:18: unknown attribute color" },
		{ "<TMPL_VAR name=x value=red>",
		    "t:1:18: TMPL_VAR takes no value=" },
		{ "<TMPL_IF name=x><TMPL_ELSE name=x></TMPL_IF>",
		    "t:1:28: TMPL_ELSE takes no name=" },
		{ "<TMPL_IF name=x></TMPL_IF name=x>",
		    "t:1:27: /TMPL_IF takes no name=" },
		{ "<TMPL_VAR name=x name=y>", "t:1:18: name= given twice" },
		{ "<TMPL_VAR name>", "t:1:11: name needs =\"...\"" },
		{ "<TMPL_VAR name=>", "t:1:16: missing value for name=" },
		{ "<TMPL_VAR name=\"x>\nmore",
		    "t:1:16: unterminated quoted value" },
		{ "<TMPL_VAR name=\"x", "t:1:16: unterminated quoted value" },
		{ "<TMPL_VAR name=x default='a\nb'>",
		    "t:1:26: unterminated quoted value" },
		{ "a\n<TMPL_VAR name=x", "t:2:1: unterminated TMPL_VAR tag" },
		{ "<!-- TMPL_IF name=x", "t:1:1: unterminated TMPL_IF tag" },
		{ "<TMPL_VAR name=x <p>",
		    "t:1:18: unexpected '<' in TMPL_VAR tag" },
		{ "<TMPL_VAR name=x -->",
		    "t:1:18: unexpected '-' in TMPL_VAR tag" },
		{ "<TMPL_VAR\"x\">",
		    "t:1:10: unexpected '\"' in TMPL_VAR tag" },
		/* A '/' in a value needs quotes: name=x/> is "x", then />. */
		{ "<TMPL_INCLUDE name=sub/leaf.tmpl>",
		    "t:1:23: unexpected '/' in TMPL_INCLUDE tag" },
		{ "<TMPL_IF name=x/></TMPL_IF>",
		    "t:1:16: TMPL_IF cannot end with />" },
		{ "<TMPL_LOOP name=r />",
		    "t:1:19: TMPL_LOOP cannot end with />" },
		{ "<!-- TMPL_VAR name=x >",
		    "t:1:22: TMPL_VAR tag opened with <!-- must end with -->" },
		/* Unquoted values take '-', so "x-->" needs a space. */
		{ "<!-- TMPL_VAR name=x-->",
		    "t:1:23: TMPL_VAR tag opened with <!-- must end with -->" },
		{ "<TMPL_INCLUDE name=\"nosuch.tmpl\">",
		    "t:1:1: cannot include tmpl/nosuch.tmpl: No such file or "
		    "directory" },
	};
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_STR_EQ(load_error(bad[i].src), bad[i].err);
}

static void
test_nesting_limit(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);
	struct buf	 src = BUF_INIT;
	int		 i;

	tvars_set(v, "x", "1");
	for (i = 0; i < 64; i++)
		buf_puts(&src, "<TMPL_IF name=x>");
	buf_puts(&src, "deep");
	for (i = 0; i < 64; i++)
		buf_puts(&src, "</TMPL_IF>");
	CHECK_STR_EQ(expand(src.data, v), "deep");

	buf_reset(&src);
	for (i = 0; i < 65; i++)
		buf_puts(&src, "<TMPL_LOOP name=x>");
	CHECK_STR_EQ(load_error(src.data),
	    "t:1:1153: TMPL_IF and TMPL_LOOP nested more than 64 deep");

	/* The count goes on inside included files. */
	buf_reset(&src);
	for (i = 0; i < 63; i++)
		buf_puts(&src, "<TMPL_LOOP name=x>");
	buf_puts(&src, "<TMPL_INCLUDE name=\"if.tmpl\">");
	for (i = 0; i < 63; i++)
		buf_puts(&src, "</TMPL_LOOP>");
	CHECK_STR_EQ(load_error(src.data), "(loaded)");
	buf_reset(&src);
	for (i = 0; i < 64; i++)
		buf_puts(&src, "<TMPL_IF name=x>");
	buf_puts(&src, "<TMPL_INCLUDE name=\"if.tmpl\">");
	for (i = 0; i < 64; i++)
		buf_puts(&src, "</TMPL_IF>");
	CHECK_STR_EQ(load_error(src.data), "tmpl/if.tmpl:1:1: "
	    "TMPL_IF and TMPL_LOOP nested more than 64 deep");
	buf_free(&src);
	arena_free(&a);
}

static void
test_size_limit(void)
{
	size_t		 len = 1024 * 1024;
	char		*big = malloc(len + 2);
	struct tmpl	*t;
	struct buf	 b = BUF_INIT;

	CHECK(big != NULL);
	if (big == NULL)
		return;
	memset(big, 'a', len + 1);
	big[len + 1] = '\0';
	t = tmpl_parse(big, len, NULL, "big", errbuf, sizeof(errbuf));
	CHECK(t != NULL);
	if (t != NULL)
		tmpl_render(t, NULL, &b);
	CHECK_INT_EQ(b.len, len);
	tmpl_free(t);
	t = tmpl_parse(big, len + 1, NULL, "big", errbuf, sizeof(errbuf));
	CHECK(t == NULL);
	CHECK_STR_EQ(errbuf, "big:1:1: larger than 1048576 bytes");
	tmpl_free(t);
	buf_free(&b);
	free(big);
}

/* Nine includes of a 1 MB file pass the 8 MiB cap on the whole. */
static void
test_total_limit(void)
{
	char		 dir[] = "/tmp/test_tmpl.XXXXXX", path[64];
	char		*big;
	struct buf	 src = BUF_INIT;
	struct tmpl	*t;
	FILE		*f;
	int		 i;

	if (mkdtemp(dir) == NULL || (big = malloc(1000000)) == NULL) {
		CHECK(0);
		return;
	}
	memset(big, 'a', 1000000);
	snprintf(path, sizeof(path), "%s/big.tmpl", dir);
	if ((f = fopen(path, "w")) != NULL) {
		CHECK_INT_EQ(fwrite(big, 1, 1000000, f), 1000000);
		fclose(f);
	}
	for (i = 0; i < 8; i++)
		buf_puts(&src, "<TMPL_INCLUDE name=big.tmpl>");
	t = tmpl_parse(src.data, src.len, dir, "t", errbuf, sizeof(errbuf));
	CHECK(t != NULL);
	tmpl_free(t);
	buf_puts(&src, "<TMPL_INCLUDE name=big.tmpl>");
	t = tmpl_parse(src.data, src.len, dir, "t", errbuf, sizeof(errbuf));
	CHECK(t == NULL);
	CHECK_STR_EQ(errbuf, "t:1:225: template and includes exceed 8388608 "
	    "bytes");
	tmpl_free(t);
	unlink(path);
	CHECK_INT_EQ(rmdir(dir), 0);
	buf_free(&src);
	free(big);
}

static void
test_tvars(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a);

	tvars_set(v, "x", "first");
	tvars_set(v, "x", "second");
	CHECK_STR_EQ(expand("<TMPL_VAR name=x>", v), "second");
	tvars_set_int(v, "n", 0);
	tvars_set_int(v, "neg", -42);
	tvars_set_int(v, "max", LLONG_MAX);
	tvars_set_int(v, "min", LLONG_MIN);
	CHECK_STR_EQ(expand("<TMPL_VAR name=n> <TMPL_VAR name=neg> "
	    "<TMPL_VAR name=max> <TMPL_VAR name=min>", v),
	    "0 -42 9223372036854775807 -9223372036854775808");
	/* A name is a string or a loop, whichever was set last. */
	tvars_add_row(v, "x");
	CHECK_STR_EQ(expand("[<TMPL_VAR name=x>]<TMPL_LOOP name=x>r"
	    "</TMPL_LOOP>", v), "[]r");
	tvars_set(v, "x", "s");
	CHECK_STR_EQ(expand("[<TMPL_VAR name=x>]<TMPL_LOOP name=x>r"
	    "</TMPL_LOOP>", v), "[s]");
	arena_free(&a);
}

/* Enough names to grow the hash table several times. */
static void
test_tvars_many(void)
{
	struct arena	 a = ARENA_INIT;
	struct tvars	*v = tvars_new(&a), *r;
	struct buf	 src = BUF_INIT, want = BUF_INIT;
	int		 i;

	for (i = 0; i < 300; i++) {
		tvars_set(v, arena_printf(&a, "v%d", i),
		    arena_printf(&a, "%d,", i * 7));
		buf_printf(&src, "<TMPL_VAR name=v%d>", i);
		buf_printf(&want, "%d,", i * 7);
	}
	CHECK_STR_EQ(expand(src.data, v), want.data);

	buf_reset(&src);
	buf_reset(&want);
	for (i = 0; i < 100; i++) {
		r = tvars_add_row(v, "rows");
		tvars_set_int(r, "i", i);
	}
	for (i = 0; i < 100; i++)
		buf_printf(&want, "%d7,", i);
	/* Each row misses "v1" and falls back to the big top-level list. */
	CHECK_STR_EQ(expand("<TMPL_LOOP name=rows><TMPL_VAR name=i>"
	    "<TMPL_VAR name=v1></TMPL_LOOP>", v), want.data);
	buf_free(&src);
	buf_free(&want);
	arena_free(&a);
}

int
main(void)
{
	RUN(test_text_only);
	RUN(test_var);
	RUN(test_var_escaped_by_default);
	RUN(test_var_raw_and_url);
	RUN(test_var_missing_and_default);
	RUN(test_comment_spelling);
	RUN(test_case_insensitive);
	RUN(test_attribute_syntax);
	RUN(test_self_closing);
	RUN(test_if_truth);
	RUN(test_if_value);
	RUN(test_if_elsif_else);
	RUN(test_if_loop_name);
	RUN(test_loop);
	RUN(test_loop_missing);
	RUN(test_if_in_loop_in_loop);
	RUN(test_scope_fallback);
	RUN(test_break_continue);
	RUN(test_break_continue_levels);
	RUN(test_include_files);
	RUN(test_include_in_memory);
	RUN(test_render_needs_no_files);
	RUN(test_include_errors);
	RUN(test_include_depth);
	RUN(test_load_errors);
	RUN(test_comments);
	RUN(test_backslash_newline);
	RUN(test_not_tags);
	RUN(test_malformed);
	RUN(test_nesting_limit);
	RUN(test_size_limit);
	RUN(test_total_limit);
	RUN(test_tvars);
	RUN(test_tvars_many);
	buf_free(&out);
	HARNESS_EXIT();
}
