#!/usr/bin/env bash
# test_feeds.sh -- RSS 2.0 and Atom feeds for the site, a category and an
# author over real nginx + handler: well-formed (xmllint), the elements
# each spec requires, RFC 822 / RFC 3339 dates, absolute URLs, escaped
# content, and autodiscovery links in the pages' heads.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=xml.sh
. "$(dirname "$0")/xml.sh"

stack_start

ORIGIN=https://harborlantern.example
RFC822='^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} (\+0000|GMT)$'
RFC3339='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$'
ENCODED='//*[local-name()="encoded"]'

# ------------------------------------------------------------ RSS
get /feed/
expect_status 200
expect_header Content-Type '^application/rss\+xml; charset=utf-8$'
expect_xml
expect_xpath 'string(/rss/@version)' 2.0
expect_xpath 'string(/rss/channel/title)' 'Harbor Lantern'
expect_xpath 'string(/rss/channel/link)' "$ORIGIN/"
expect_xpath 'string(/rss/channel/description)' \
    'News from the quiet end of the bay'
expect_xpath 'string(//*[local-name()="link" and @rel="self"]/@href)' \
    "$ORIGIN/feed/" 'atom:link rel=self names the feed'
expect_xpath_matches 'string(/rss/channel/lastBuildDate)' "$RFC822"
expect_xpath 'count(/rss/channel/item)' 10 'ten items (posts_per_page)'
expect_xpath 'count(/rss/channel/item[title and link and guid and pubDate and description])' \
    10 'every item has title, link, guid, pubDate, description'
expect_xpath "count($ENCODED)" 10 'every item has content:encoded'
expect_xpath 'string(/rss/channel/item[1]/link)' \
    "$ORIGIN/2023/11/25/the-last-lobster-boat-of-the-year/" \
    'newest first, absolute link'
expect_xpath 'string(/rss/channel/item[1]/guid)' \
    "$ORIGIN/2023/11/25/the-last-lobster-boat-of-the-year/"
expect_xpath 'string(/rss/channel/item[1]/pubDate)' \
    'Sat, 25 Nov 2023 14:00:00 +0000' 'pubDate is RFC 822 in UTC'
expect_xpath_matches 'string(/rss/channel/item[10]/pubDate)' "$RFC822"
expect_xpath 'string(/rss/channel/item[1]/description)' 'The season closes.' \
    'description is the excerpt'
expect_xpath 'string(/rss/channel/item[1]/*[local-name()="encoded"])' \
    '<p>The Mary Ellen came in low in the water, and the season closed behind her.</p>' \
    'content:encoded is the full HTML'
expect_body_has '&lt;p&gt;The Mary Ellen' 'the HTML is escaped text'
expect_xpath 'string(/rss/channel/item[1]/*[local-name()="creator"])' \
    'Marta Quill' 'dc:creator is the author'
expect_xpath 'count(/rss/channel/item[1]/category)' 2 'its two categories'
expect_xpath 'count(//link[not(starts-with(., "https://harborlantern.example/"))])' \
    0 'every link is absolute'
check_no_hidden_posts

head_req /feed/
expect_status 200
expect_header Content-Type '^application/rss\+xml'

# ------------------------------------------------------------ Atom
get /feed/atom/
expect_status 200
expect_header Content-Type '^application/atom\+xml; charset=utf-8$'
expect_xml
expect_xpath 'namespace-uri(/*)' 'http://www.w3.org/2005/Atom' 'Atom namespace'
expect_xpath 'string(/*[local-name()="feed"]/*[local-name()="title"])' \
    'Harbor Lantern'
expect_xpath 'string(/*/*[local-name()="id"])' "$ORIGIN/feed/atom/"
expect_xpath_matches 'string(/*/*[local-name()="updated"])' "$RFC3339" \
    'feed updated is RFC 3339'
expect_xpath 'string(/*/*[local-name()="link" and @rel="self"]/@href)' \
    "$ORIGIN/feed/atom/"
expect_xpath 'count(/*/*[local-name()="author"]/*[local-name()="name"])' 1 \
    'a feed-level author'
expect_xpath 'count(/*/*[local-name()="entry"])' 10 'ten entries'
expect_xpath 'count(/*/*[local-name()="entry"][*[local-name()="id"] and *[local-name()="title"] and *[local-name()="updated"] and *[local-name()="link"]])' \
    10 'every entry has id, title, updated, link'
expect_xpath 'string(/*/*[local-name()="entry"][1]/*[local-name()="published"])' \
    '2023-11-25T14:00:00Z' 'published is RFC 3339'
expect_xpath_matches 'string(/*/*[local-name()="entry"][10]/*[local-name()="updated"])' \
    "$RFC3339"
expect_xpath 'string(/*/*[local-name()="entry"][1]/*[local-name()="summary"])' \
    'The season closes.' 'summary is the excerpt'
expect_xpath 'string(/*/*[local-name()="entry"][1]/*[local-name()="content"]/@type)' \
    html
expect_xpath 'string(/*/*[local-name()="entry"][1]/*[local-name()="content"])' \
    '<p>The Mary Ellen came in low in the water, and the season closed behind her.</p>' \
    'content is the full HTML'
check_no_hidden_posts

# ------------------------------------------------------------ category
get /category/news/events/feed/
expect_status 200
expect_header Content-Type '^application/rss\+xml'
expect_xml
expect_xpath 'count(/rss/channel/item)' 6 'the six events posts'
expect_xpath 'string(/rss/channel/link)' "$ORIGIN/category/news/events/"
expect_xpath 'string(/rss/channel/description)' \
    'Gatherings on the docks and in the square.' 'the category description'
expect_xpath 'string(/rss/channel/title)' 'Harbor Lantern » Events'
expect_body_has '/2022/03/18/late-ferry-to-gull-island/' 'an events post'
expect_body_lacks '/2023/07/22/harbor-seals-return/' 'no harbor-life post'
expect_body_has '&lt;em&gt;half past eleven&lt;/em&gt;' 'inline HTML, escaped'
expect_xpath 'string(//item[link="https://harborlantern.example/2022/03/18/late-ferry-to-gull-island/"]/pubDate)' \
    'Sat, 19 Mar 2022 03:30:00 +0000' 'the UTC date (March 18 in New York)'
check_no_hidden_posts

get /category/news/events/feed/atom/
expect_status 200
expect_header Content-Type '^application/atom\+xml'
expect_xml
expect_xpath 'count(/*/*[local-name()="entry"])' 6
get /category/news/feed/
expect_status 200
expect_xml
expect_body_has '/2022/03/18/late-ferry-to-gull-island/' \
    'a parent category feed has its subcategories posts'

get /category/lighthouse-history/feed/
expect_status 200
expect_xml
expect_xpath 'count(/rss/channel/item)' 0 'a category without posts: no items'
get /category/events/feed/
expect_status 404
get /category/no-such-category/feed/
expect_page 404
get /category/news/events/feed
expect_status 301
expect_location /category/news/events/feed/

# ------------------------------------------------------------ author
get /author/lin-fairweather/feed/
expect_status 200
expect_xml
expect_xpath 'count(/rss/channel/item)' 5 'her five posts'
expect_xpath 'count(//*[local-name()="creator" and . != "Lin Fairweather"])' 0 \
    'only hers'
expect_body_lacks 'unfinished-draft-about-buoys' 'not her draft'
get /author/lin-fairweather/feed/atom/
expect_status 200
expect_xml
expect_xpath 'count(/*/*[local-name()="entry"])' 5
get /author/no-such-author/feed/
expect_page 404

# ------------------------------------------------------------ escaping
get /author/lin-fairweather/feed/
expect_xpath 'string(//item[guid="https://harborlantern.example/2022/05/08/nets-knots-and-fish-tales/"]/title)' \
    'Nets, Knots & "Fish" Tales <Part 1>' 'a title with & < > " survives'
expect_body_lacks '<Part 1>' 'no raw markup from a title'

# A stray control character or bad byte in a post cannot break the feed.
sqlite3 "$FOLIO_DB" "UPDATE post SET title = 'Bell' || char(1) || 'Ringing ]]> <x>',
    body_html = '<p>ring' || char(11) || '</p>' || CAST(X'FF' AS TEXT)
    WHERE id = 25" || bail "sqlite3 write failed"
get /feed/
expect_xml
expect_xpath 'string(/rss/channel/item[1]/title)' 'BellRinging ]]> <x>' \
    'control character dropped, the rest escaped'
get /feed/atom/
expect_xml

# ------------------------------------------------------------ discovery
for path in / /2022/03/18/late-ferry-to-gull-island/ /about/ /2022/03/ \
    /no-such-page/; do
	get "$path"
	expect_body_matches '<link rel="alternate" type="application/rss\+xml" title="[^"]*" href="/feed/">' \
	    'RSS autodiscovery'
	expect_body_matches '<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="/feed/atom/">' \
	    'Atom autodiscovery'
done
get /category/news/events/
expect_body_has 'href="/category/news/events/feed/"' 'the category feed too'
expect_body_has 'href="/category/news/events/feed/atom/"'
get /author/marta-quill/
expect_body_has 'href="/author/marta-quill/feed/"' 'the author feed too'

done_testing
