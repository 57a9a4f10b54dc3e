#!/usr/bin/env bash
# test_tags.sh -- tag pages (/tag/slug/, page/N/, feeds) and a post's tag
# links, over real nginx + handler, against the fixture site's tags
# (tests/http/fixture.sql: waterfront, ferries, unseen).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=xml.sh
. "$(dirname "$0")/xml.sh"

stack_start

ORIGIN=https://harborlantern.example
POST12=/2022/03/18/late-ferry-to-gull-island/
POST25=/2023/11/25/the-last-lobster-boat-of-the-year/
sql() { sqlite3 -bail "$FOLIO_DB" "PRAGMA busy_timeout = 5000; $1" >/dev/null; }

# ------------------------------------------------------------ tag pages
# waterfront: posts 12..1 public (12 of them), 26 a draft.
get /tag/waterfront/
expect_page 200
check_chrome brief
check_no_hidden_posts
expect_body_has '<title>Posts tagged “Waterfront” — Harbor Lantern</title>'
expect_body_has 'Posts tagged “Waterfront”' 'heading'
expect_body_has '<meta name="description" content="Life along the docks and piers.">' \
    'the tag description'
expect_body_has "<link rel=\"canonical\" href=\"$ORIGIN/tag/waterfront/\">"
expect_body_has '<link rel="next" href="/tag/waterfront/page/2/">' 'rel next'
expect_body_lacks 'rel="prev"' 'page 1: no rel prev'
expect_body_has "href=\"$POST12\"" 'the newest tagged post'
expect_body_has 'href="/2021/04/17/spring-net-mending-circle/"' \
    'the 10th tagged post'
expect_body_order "$POST12" '/2021/04/17/spring-net-mending-circle/'
expect_body_lacks '/2021/03/09/tide-tables-go-digital/' \
    'not the 11th (ten a page)'
expect_body_lacks "$POST25" 'no untagged post'
expect_body_has 'href="/tag/waterfront/feed/"' 'its feed in the head'

get /tag/waterfront/page/2/
expect_page 200
expect_body_has '<link rel="prev" href="/tag/waterfront/">' 'rel prev'
expect_body_lacks '<link rel="next"' 'last page: no rel next'
expect_body_has 'href="/2021/03/09/tide-tables-go-digital/"' 'the 11th'
expect_body_has 'href="/2021/02/14/harbor-ice-breaks-early/"' 'the oldest'
expect_body_lacks "href=\"$POST12\"" 'not the newest'
check_no_hidden_posts

head_req /tag/waterfront/
expect_status 200
expect_html_type
expect_body_empty

get /tag/waterfront/page/3/
expect_page 404
get /tag/waterfront/page/1/
expect_status 301
expect_location /tag/waterfront/
get /tag/waterfront
expect_status 301
expect_location /tag/waterfront/
get /tag/unseen/
expect_page 404
get /tag/no-such-tag/
expect_page 404
get /tag/no-such-tag/feed/
expect_status 404
get /tag/
expect_status 404
get /tag/waterfront/extra/
expect_status 404

# ferries: 21 and 12 public, 27 scheduled; a name with <>&" in it.
get /tag/ferries/
expect_page 200
expect_body_has 'Posts tagged “Ferries &amp; &lt;Boats&gt; &quot;Q&quot;”' \
    'the name escaped'
expect_body_lacks '<Boats>' 'never raw'
expect_body_order '/2023/04/29/ferry-timetable-changes/' "$POST12"
check_no_hidden_posts

# ------------------------------------------------------------ post page
get "$POST12"
expect_page 200
expect_body_has '<a href="/tag/ferries/" rel="tag">Ferries &amp; &lt;Boats&gt; &quot;Q&quot;</a>' \
    'post page: a tag link, escaped'
expect_body_has '<a href="/tag/waterfront/" rel="tag">Waterfront</a>' \
    'post page: its other tag'
expect_body_order '/tag/ferries/' '/tag/waterfront/'
get "$POST25"
expect_page 200
expect_body_lacks 'entry-tags' 'no tag line on a post without tags'
expect_body_lacks '/tag/' 'no tag link at all'

# ------------------------------------------------------------ feeds
get /tag/ferries/feed/
expect_status 200
expect_header Content-Type '^application/rss\+xml; charset=utf-8$'
expect_xml
expect_xpath 'string(/rss/channel/title)' \
    'Harbor Lantern » Ferries & <Boats> "Q"'
expect_xpath 'string(/rss/channel/link)' "$ORIGIN/tag/ferries/"
expect_xpath 'count(/rss/channel/item)' 2 'the two visible posts'
expect_xpath "string(/rss/channel/item[link='$ORIGIN$POST12']/category[last()])" \
    'Waterfront' 'an item lists its tags as categories, after its own'
expect_xpath "count(/rss/channel/item[link='$ORIGIN$POST12']/category)" 4 \
    'news, events, ferries, waterfront'
expect_body_lacks 'letter-to-the-next-century' 'no scheduled post'
get /tag/ferries/feed/atom/
expect_status 200
expect_header Content-Type '^application/atom\+xml; charset=utf-8$'
expect_xml
expect_xpath 'count(//*[local-name()="entry"])' 2
expect_xpath "count(//*[local-name()='category'][@term='Ferries & <Boats> \"Q\"'])" \
    2 'the tag as an Atom category on both entries'

# ------------------------------------------------------------ freshness
# A tag written after the page was cached shows at the next request.
for _ in 1 2 3 4; do get /tag/ferries/; done
sql "INSERT INTO post_tag (post_id, tag_id) VALUES (25, 2)"
for i in 1 2 3; do
	get /tag/ferries/
	expect_body_has "href=\"$POST25\"" "newly tagged post listed (request $i)"
done
sql "UPDATE tag SET name = 'Ferry Boats' WHERE slug = 'ferries'"
get "$POST12"
expect_body_has 'rel="tag">Ferry Boats</a>' 'renamed tag on the post page'
sql "DELETE FROM post_tag WHERE tag_id = 1"
get /tag/waterfront/
expect_page 404

done_testing
