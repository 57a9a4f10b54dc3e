/*
 * test_content.c -- imported WordPress content: automatic paragraphs,
 * block comments, shortcodes, and the sanitizer against hostile input.
 */
#include <string.h>

#include "folio.h"
#include "content.h"
#include "harness.h"

static struct buf	 out = BUF_INIT;

static const char *
autop(const char *in)
{
	buf_reset(&out);
	content_autop(&out, in, strlen(in));
	buf_puts(&out, "");
	return out.data;
}

static const char *
shortcodes(const char *in)
{
	buf_reset(&out);
	content_shortcodes(&out, in, strlen(in), NULL);
	buf_puts(&out, "");
	return out.data;
}

static const char *
clean(const char *in)
{
	buf_reset(&out);
	sanitize_html(&out, in, strlen(in));
	buf_puts(&out, "");
	return out.data;
}

static const char *
text(const char *in)
{
	buf_reset(&out);
	sanitize_text(&out, in, strlen(in));
	buf_puts(&out, "");
	return out.data;
}

static const char *
pipeline(const char *in)
{
	buf_reset(&out);
	content_from_wordpress(&out, in, strlen(in), NULL);
	return out.data;
}

static void
test_autop_paragraphs(void)
{
	CHECK_STR_EQ(autop("One.\n\nTwo."), "<p>One.</p>\n<p>Two.</p>\n");
	CHECK_STR_EQ(autop("Line one\nline two"),
	    "<p>Line one<br />\nline two</p>\n");
	CHECK_STR_EQ(autop("  \n\nOnly.\n \n\n"), "<p>Only.</p>\n");
	CHECK_STR_EQ(autop(""), "");
	CHECK_STR_EQ(autop("a\r\n\r\nb"), "<p>a</p>\n<p>b</p>\n");
}

static void
test_autop_blocks(void)
{
	CHECK_STR_EQ(autop("Intro\n<ul>\n<li>one</li>\n</ul>\nAfter"),
	    "<p>Intro</p>\n<ul>\n<li>one</li>\n</ul>\n<p>After</p>\n");
	CHECK_STR_EQ(autop("<h2>Title</h2>\n\nText <em>here</em>."),
	    "<h2>Title</h2>\n<p>Text <em>here</em>.</p>\n");
	CHECK_STR_EQ(autop("<div>inline</div>"), "<div>inline</div>");
	CHECK_STR_EQ(autop("<blockquote>a\n\nb</blockquote>"),
	    "<blockquote>\n<p>a</p>\n<p>b</p>\n</blockquote>");
	/* Newlines inside a tag are not breaks. */
	CHECK_STR_EQ(autop("<a\nhref=\"x\">y</a>"),
	    "<p><a\nhref=\"x\">y</a></p>\n");
}

static void
test_autop_pre_kept(void)
{
	CHECK_STR_EQ(autop("x\n\n<pre>a\n\nb\nc</pre>\n\ny"),
	    "<p>x</p>\n<pre>a\n\nb\nc</pre>\n<p>y</p>\n");
	/* An unterminated <pre> runs to the end, untouched. */
	CHECK_STR_EQ(autop("<pre>a\n\nb"), "<pre>a\n\nb");
}

static void
test_block_comments(void)
{
	const char	*in = "<!-- wp:paragraph -->\n<p>Hi</p>\n"
	    "<!-- /wp:paragraph -->\n<!-- keep -->";

	buf_reset(&out);
	content_strip_blocks(&out, in, strlen(in));
	CHECK_STR_EQ(out.data, "\n<p>Hi</p>\n\n<!-- keep -->");
	/* Block content is not autop'd; comments go in the end. */
	CHECK_STR_EQ(pipeline("<!-- wp:paragraph -->\n<p>A\nB</p>\n"
	    "<!-- /wp:paragraph -->"), "<p>A\nB</p>\n");
}

static void
test_shortcode_caption(void)
{
	CHECK_STR_EQ(shortcodes("[caption id=\"attachment_1\" "
	    "align=\"alignright\" width=\"300\"]<a href=\"/x\">"
	    "<img src=\"/i.jpg\" alt=\"\" /></a> A cat.[/caption]"),
	    "<figure class=\"wp-caption alignright\"><a href=\"/x\">"
	    "<img src=\"/i.jpg\" alt=\"\" /></a><figcaption "
	    "class=\"wp-caption-text\"> A cat.</figcaption></figure>");
	CHECK_STR_EQ(shortcodes("[caption caption=\"Hi\"]<img src=a>"
	    "[/caption]"), "<figure class=\"wp-caption\"><img src=a>"
	    "<figcaption class=\"wp-caption-text\">Hi</figcaption>"
	    "</figure>");
	/* An align value that is no class name is left out. */
	CHECK_STR_EQ(shortcodes("[caption align='x\" onclick=y']t"
	    "[/caption]"), "<figure class=\"wp-caption\">"
	    "<figcaption class=\"wp-caption-text\">t</figcaption></figure>");
}

static void
test_shortcode_unknown_dropped(void)
{
	CHECK_STR_EQ(shortcodes("a [gallery ids=\"1,2\"] b"), "a  b");
	CHECK_STR_EQ(shortcodes("a [foo x=1]inside[/foo] b"), "a inside b");
	CHECK_STR_EQ(shortcodes("a [br /] b [/stray] c"), "a  b  c");
	CHECK_STR_EQ(shortcodes("[[caption]] is literal"),
	    "[caption] is literal");
	CHECK_STR_EQ(shortcodes("[1] and [ x ] and [unclosed"),
	    "[1] and [ x ] and [unclosed");
	CHECK_STR_EQ(shortcodes("[embed]https://example.org/v[/embed]"),
	    "<p><a href=\"https://example.org/v\">https://example.org/v"
	    "</a></p>");
	CHECK_STR_EQ(shortcodes("[embed]javascript:alert(1)[/embed]"), "");
	CHECK_STR_EQ(shortcodes("[audio mp3=\"https://e.org/a.mp3\"]"
	    "[/audio]"), "<p><a href=\"https://e.org/a.mp3\">"
	    "https://e.org/a.mp3</a></p>");
	CHECK_STR_EQ(shortcodes("[video width=\"1\" src='/v.mp4' /]"),
	    "<p><a href=\"/v.mp4\">/v.mp4</a></p>");
	CHECK_STR_EQ(shortcodes("[video src=\"javascript:x\"]"), "");
}

static const char *
fake_find(void *arg, long long id, const char **title)
{
	(void)arg;
	*title = "A \"cat\"";
	if (id == 7)
		return "https://e.org/7.jpg";
	if (id == 8)
		return "javascript:alert(1)";
	return NULL;
}

static size_t
fake_attached(void *arg, long long *ids, size_t n)
{
	(void)arg;
	if (n < 2)
		return 0;
	ids[0] = 9;
	ids[1] = 7;
	return 2;
}

static void
test_shortcode_gallery(void)
{
	struct content_media	 media = { fake_find, fake_attached, NULL };
	const char		*in = "[gallery ids=\"8, 7,x\"]";
	const char		*want = "<ul class=\"gallery\"><li><a href="
				    "\"https://e.org/7.jpg\"><img src=\"https:"
				    "//e.org/7.jpg\" alt=\"A &quot;cat&quot;\">"
				    "</a></li></ul>";

	buf_reset(&out);
	content_shortcodes(&out, in, strlen(in), &media);
	CHECK_STR_EQ(out.data, want);
	/* Without ids: the item's own attachments. */
	buf_reset(&out);
	content_shortcodes(&out, "[gallery columns=2]", 19, &media);
	CHECK_STR_EQ(out.data, want);
	/* Nothing to show, or nobody to ask: nothing. */
	buf_reset(&out);
	content_shortcodes(&out, "[gallery ids=\"1\"]", 17, &media);
	CHECK_STR_EQ(out.data ? out.data : "", "");
	CHECK_STR_EQ(shortcodes("[gallery]"), "");
}

static void
test_sanitize_drops_script(void)
{
	CHECK_STR_EQ(clean("<p>a<script>alert(1)</script>b</p>"),
	    "<p>ab</p>");
	CHECK_STR_EQ(clean("<style>p{}</style><iframe src=x></iframe>"
	    "<object data=x></object><embed src=x>ok"), "ok");
	CHECK_STR_EQ(clean("<SCRIPT SRC=//x.example/x.js></SCRIPT>"), "");
	CHECK_STR_EQ(clean("<scr<script>ipt>alert(1)</script>"),
	    "ipt&gt;alert(1)");
	CHECK_STR_EQ(clean("<svg><script>alert(1)</script></svg>t"), "t");
	CHECK_STR_EQ(clean("<math><mi xlink:href=\"javascript:x\">m</mi>"
	    "</math>"), "");
	/* gumbo parses as a browser without script would: all text. */
	CHECK(strstr(clean("<noscript><p title=\"</noscript><img src=x "
	    "onerror=alert(1)>\"></noscript>"), "<img") == NULL);
}

static void
test_sanitize_attributes(void)
{
	CHECK_STR_EQ(clean("<p onclick=\"x()\" style=\"color:red\" "
	    "class=\"c\">t</p>"), "<p class=\"c\">t</p>");
	CHECK_STR_EQ(clean("<img src=x onerror=alert(1)>"),
	    "<img src=\"x\">");
	CHECK_STR_EQ(clean("<a href=\"javascript:alert(1)\">x</a>"),
	    "<a>x</a>");
	CHECK_STR_EQ(clean("<a href=\"&#106;avascript:alert(1)\">x</a>"),
	    "<a>x</a>");
	CHECK_STR_EQ(clean("<a href=\" java\tscript:alert(1)\">x</a>"),
	    "<a>x</a>");
	CHECK_STR_EQ(clean("<a href=\"JaVaScRiPt:alert(1)\">x</a>"),
	    "<a>x</a>");
	CHECK_STR_EQ(clean("<a href=\"vbscript:x\">x</a>"), "<a>x</a>");
	CHECK_STR_EQ(clean("<img src=\"data:image/svg+xml,<svg>\">"),
	    "<img>");
	CHECK_STR_EQ(clean("<a href=\"https://e.org/?a=1&amp;b=2\" "
	    "target=_blank>x</a>"),
	    "<a href=\"https://e.org/?a=1&amp;b=2\">x</a>");
	CHECK_STR_EQ(clean("<a href=\"/rel/path\">x</a><a href=\"mailto:a@"
	    "b.org\">m</a>"),
	    "<a href=\"/rel/path\">x</a><a href=\"mailto:a@b.org\">m</a>");
	CHECK_STR_EQ(clean("<img src=x width=\"100%\" height=\"20\">"),
	    "<img src=\"x\" height=\"20\">");
	CHECK_STR_EQ(clean("<p title='\"><script>'>t</p>"),
	    "<p title=\"&quot;&gt;&lt;script&gt;\">t</p>");
}

static void
test_sanitize_structure(void)
{
	CHECK_STR_EQ(clean("<p>open <b>bold"), "<p>open <b>bold</b></p>");
	CHECK_STR_EQ(clean("<font color=red>t</font><center>c</center>"),
	    "tc");
	CHECK_STR_EQ(clean("<form action=x><input name=a>f</form>"), "f");
	CHECK_STR_EQ(clean("<table><tr><td colspan=2>x</td></tr></table>"),
	    "<table><tbody><tr><td colspan=\"2\">x</td></tr></tbody>"
	    "</table>");
	CHECK_STR_EQ(clean("a<!-- secret -->b<br/>c"), "ab<br>c");
	CHECK_STR_EQ(clean("5 < 6 & 7 > 3"), "5 &lt; 6 &amp; 7 &gt; 3");
	CHECK_STR_EQ(clean(""), "");
	CHECK_STR_EQ(clean("<p> <!--more--> </p><p>x</p><p></p>"),
	    "<p>x</p>");
}

static void
test_sanitize_deep_nesting(void)
{
	struct buf	 in = BUF_INIT;
	int		 i;

	/* Deep enough to be cut when written, not so deep as to be text. */
	for (i = 0; i < 1500; i++)
		buf_puts(&in, "<div>");
	buf_puts(&in, "deep");
	CHECK(strstr(clean(in.data), "deep") == NULL);
	CHECK(strncmp(clean(in.data), "<div><div>", 10) == 0);
	buf_free(&in);
}

/* Inputs that would take quadratic time; the harness's time limit is
 * what notices a regression. */
static void
test_hostile_sizes(void)
{
	struct buf	 in = BUF_INIT;
	int		 i;

	for (i = 0; i < 300000; i++)
		buf_puts(&in, "<div><b>");
	buf_puts(&in, "deep <script>x</script>");
	CHECK_STR_EQ(clean(in.data), "deep x");
	CHECK_STR_EQ(text(in.data), "deep x");
	buf_reset(&in);
	for (i = 0; i < 300000; i++)
		buf_puts(&in, "[a]");
	CHECK_STR_EQ(shortcodes(in.data), "");
	buf_reset(&in);
	for (i = 0; i < 100000; i++)
		buf_puts(&in, "[b]x[/b]");
	CHECK_INT_EQ(strlen(shortcodes(in.data)), 100000);
	buf_reset(&in);
	for (i = 0; i < 100000; i++)
		buf_puts(&in, "<li>x");
	CHECK(strncmp(clean(in.data), "<li>x</li><li>x</li>", 20) == 0);
	buf_free(&in);
}

static void
test_text(void)
{
	CHECK_STR_EQ(text("Markup: Title <em>With</em> <b>Mark<sup>up</sup>"
	    "</b>"), "Markup: Title With Markup");
	CHECK_STR_EQ(text("  a &amp; b &#039;c&#039; &gt; "), "a & b 'c' >");
	CHECK_STR_EQ(text("<p>one</p><p>two</p><script>x</script>"),
	    "one two");
	CHECK_STR_EQ(text(""), "");
}

static void
test_url_ok(void)
{
	CHECK(sanitize_url_ok("https://example.org/", 1));
	CHECK(sanitize_url_ok("/a:b", 1));
	CHECK(sanitize_url_ok("page.html", 1));
	CHECK(sanitize_url_ok("#top", 0));
	CHECK(sanitize_url_ok("mailto:x@example.org", 0));
	CHECK(!sanitize_url_ok("mailto:x@example.org", 1));
	CHECK(!sanitize_url_ok("javascript:alert(1)", 0));
	CHECK(!sanitize_url_ok("\x01javascript:alert(1)", 0));
	CHECK(!sanitize_url_ok("java\nscript:alert(1)", 0));
	CHECK(!sanitize_url_ok("data:text/html,x", 0));
}

static void
test_pipeline(void)
{
	CHECK_STR_EQ(pipeline("Hello <b onmouseover=x>world</b>\n\n"
	    "[caption align=\"alignleft\"]<img src=\"https://e.org/a.jpg\" "
	    "onerror=\"x\"> Cap[/caption]\n\n[unknown]<script>x</script>"),
	    "<p>Hello <b>world</b></p>\n<figure class=\"wp-caption "
	    "alignleft\"><img src=\"https://e.org/a.jpg\"><figcaption "
	    "class=\"wp-caption-text\"> Cap</figcaption></figure>\n");
}

int
main(void)
{
	RUN(test_autop_paragraphs);
	RUN(test_autop_blocks);
	RUN(test_autop_pre_kept);
	RUN(test_block_comments);
	RUN(test_shortcode_caption);
	RUN(test_shortcode_unknown_dropped);
	RUN(test_shortcode_gallery);
	RUN(test_sanitize_drops_script);
	RUN(test_sanitize_attributes);
	RUN(test_sanitize_structure);
	RUN(test_sanitize_deep_nesting);
	RUN(test_hostile_sizes);
	RUN(test_text);
	RUN(test_url_ok);
	RUN(test_pipeline);
	buf_free(&out);
	HARNESS_EXIT();
}
