#!/usr/bin/env bash
# test_seo.sh -- what search engines and link previews read: /sitemap.xml
# (sitemaps.org: posts, pages, categories, tags with lastmod), /robots.txt, and
# each page's title, meta description, canonical link, OpenGraph and
# Twitter card tags, and rel prev/next on paginated lists.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=xml.sh
. "$(dirname "$0")/xml.sh"

stack_start

ORIGIN=https://harborlantern.example
POST12=/2022/03/18/late-ferry-to-gull-island/
LOC='//*[local-name()="url"]/*[local-name()="loc"]'
W3CDATE='^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2}))?$'

# lastmod of the sitemap entry for URL $1.
lastmod() {
	xpath "string(//*[local-name()=\"url\"][*[local-name()=\"loc\"]=\"$1\"]/*[local-name()=\"lastmod\"])"
}

# ------------------------------------------------------------ sitemap
get /sitemap.xml
expect_status 200
expect_header Content-Type '^application/xml; charset=utf-8$'
expect_xml
expect_xpath 'namespace-uri(/*)' 'http://www.sitemaps.org/schemas/sitemap/0.9'
expect_xpath 'local-name(/*)' urlset
# 25 posts + home + 5 pages + 4 categories with posts (news, events,
# harbor-life, recipes) + 2 tags with posts (waterfront, ferries).
expect_xpath "count($LOC)" 37 'home, 25 posts, 5 pages, 4 categories, 2 tags'
expect_xpath "count(${LOC}[not(starts-with(., \"$ORIGIN/\"))])" 0 \
    'every loc is absolute'
expect_xpath 'count(//*[local-name()="url"][not(*[local-name()="lastmod"])])' \
    0 'every url has a lastmod'
for u in / "$POST12" /about/ /about/our-team/board/ /contact/ \
    /category/news/ /category/news/events/ /category/recipes/ \
    /tag/waterfront/ /tag/ferries/; do
	expect_xpath "count(${LOC}[. = \"$ORIGIN$u\"])" 1 "lists $u"
	check "lastmod of $u is a W3C date ($(lastmod "$ORIGIN$u"))" \
	    grep -Eq "$W3CDATE" <<<"$(lastmod "$ORIGIN$u")"
done
check "a post's lastmod is its date ($(lastmod "$ORIGIN$POST12"))" \
    test "$(lastmod "$ORIGIN$POST12")" = 2022-03-19T03:30:00Z
check "the home page's lastmod is the newest post's" \
    test "$(lastmod "$ORIGIN/")" = 2023-11-25T14:00:00Z
check "a parent category is as new as its children's posts" \
    test "$(lastmod "$ORIGIN/category/news/")" = 2023-11-25T14:00:00Z
for hidden in letter-to-the-next-century unfinished-draft-about-buoys \
    private-board-minutes /winter-plans/ /category/opinion/ /tag/unseen/ \
    /category/lighthouse-history/ /category/news/events/knot-workshops/; do
	expect_body_lacks "$hidden" "not listed: $hidden"
done

sqlite3 "$FOLIO_DB" "UPDATE post SET updated_at = 1750000000 WHERE id = 12" ||
    bail "sqlite3 write failed"
get /sitemap.xml
check "an edit moves the post's lastmod ($(lastmod "$ORIGIN$POST12"))" \
    test "$(lastmod "$ORIGIN$POST12")" = 2025-06-15T15:06:40Z

# ------------------------------------------------------------ robots
get /robots.txt
expect_status 200
expect_header Content-Type '^text/plain; charset=utf-8$'
expect_body_matches '^User-agent: \*' 'a User-agent group'
expect_body_matches "^Sitemap: $ORIGIN/sitemap\\.xml\$" 'names the sitemap'
expect_body_matches '^Disallow: /\?s=' 'search results are off limits'
expect_body_lacks '<' 'plain text, not a page'
get /robots.txt/
expect_status 404

# ------------------------------------------------------------ heads
get "$POST12"
expect_body_has '<title>Late Ferry to Gull Island — Harbor Lantern</title>' \
    'title: post and site'
expect_body_has '<meta name="description" content="The last boat of the night.">' \
    'meta description is the excerpt'
expect_body_has "<link rel=\"canonical\" href=\"$ORIGIN$POST12\">" \
    'absolute canonical'
expect_body_has '<meta property="og:title" content="Late Ferry to Gull Island">'
expect_body_has '<meta property="og:type" content="article">'
expect_body_has '<meta property="article:published_time" content="2022-03-18T23:30:00-04:00">' \
    'article:published_time in the site zone'
expect_body_has "<meta property=\"og:url\" content=\"$ORIGIN$POST12\">"
expect_body_has '<meta property="og:description" content="The last boat of the night.">'
expect_body_has '<meta property="og:site_name" content="Harbor Lantern">'
expect_body_has '<meta name="twitter:card" content="summary">'
expect_body_has '<meta name="twitter:title" content="Late Ferry to Gull Island">'
expect_body_has '<meta name="twitter:description" content="The last boat of the night.">'
expect_body_lacks 'name="robots"' 'a post may be indexed'

get /2022/05/08/nets-knots-and-fish-tales/
expect_body_has '<meta property="og:title" content="Nets, Knots &amp; &quot;Fish&quot; Tales &lt;Part 1&gt;">' \
    'og:title escaped'
expect_valid_html

get /about/our-team/
expect_body_has '<meta name="description" content="The people behind the paper.">' \
    'a page: its excerpt'
expect_body_has "<link rel=\"canonical\" href=\"$ORIGIN/about/our-team/\">"
expect_body_has '<meta property="og:type" content="website">'
expect_body_lacks 'article:published_time' 'only posts are articles'

get /category/news/events/
expect_body_has '<title>Category: Events — Harbor Lantern</title>'
expect_body_has '<meta name="description" content="Gatherings on the docks and in the square.">' \
    'a category: its description'
expect_body_has "<link rel=\"canonical\" href=\"$ORIGIN/category/news/events/\">"

get /
expect_body_has '<title>Harbor Lantern</title>' 'home: the site title'
expect_body_has "<link rel=\"canonical\" href=\"$ORIGIN/\">"
expect_body_has '<link rel="next" href="/page/2/">' 'page 1: rel next only'
expect_body_lacks 'rel="prev"' 'page 1: no rel prev'
get /page/2/
expect_body_has '<title>Page 2 — Harbor Lantern</title>'
expect_body_has "<link rel=\"canonical\" href=\"$ORIGIN/page/2/\">"
expect_body_has '<link rel="prev" href="/">' 'page 2: rel prev'
expect_body_has '<link rel="next" href="/page/3/">' 'page 2: rel next'
get /page/3/
expect_body_has '<link rel="prev" href="/page/2/">' 'last page: rel prev'
expect_body_lacks '<link rel="next"' 'last page: no rel next'
get /category/news/page/2/
expect_body_has '<link rel="prev" href="/category/news/">'
get /author/marta-quill/
expect_body_has '<link rel="next" href="/author/marta-quill/page/2/">'

get /no-such-page/
expect_page 404
expect_body_has '<meta name="robots" content="noindex">' 'a 404 is not indexed'
expect_body_lacks 'rel="canonical"' 'a 404 has no canonical'

done_testing
