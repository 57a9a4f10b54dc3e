#!/usr/bin/env bash
# test_search.sh -- /?s=words over real nginx + handler: ranked and
# highlighted results, pagination, hostile input (never a 5xx, always a
# valid page), pages found beside posts (first, at their paths, without a
# date line), the indexes following sqlite3 shell and admin writes
# through the schema's triggers, and `folio reindex`.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_start

FERRY12=/2022/03/18/late-ferry-to-gull-island/
FERRY21=/2023/04/29/ferry-timetable-changes/

# expect_search_page N: status N, a valid HTML page, no server error text.
expect_search_page() {
	expect_page "$1"
	expect_body_has 'role="search"' 'the page has a search box'
	expect_body_lacks 'sqlite' 'no database text'
	expect_body_lacks 'fts5' 'no FTS5 error text'
}

sql() {
	sqlite3 -bail "$FOLIO_DB" "$1" || bail "sqlite3 write failed: $1"
}

# ------------------------------------------------------------ results
get '/?s=ferry'
expect_search_page 200
expect_body_has "href=\"$FERRY12\"" 'a post with ferry in its title'
expect_body_has "href=\"$FERRY21\"" 'another'
expect_body_has 'Late <mark>Ferry</mark> to Gull Island' 'highlighted title'
expect_body_matches '<mark>ferry</mark>' 'highlighted snippet'
expect_body_has 'value="ferry"' 'the box keeps the words'
expect_body_has '<meta name="robots" content="noindex">' \
    'results are not for search engines'
check_no_hidden_posts

get '/?s=seawall'
expect_status 200
expect_body_order '/2023/02/11/seawall-repairs-begin/' \
    '/2021/12/20/winter-solstice-lantern-walk/' \
    'bm25: a title match ranks above a body match'

get '/?s=Ferry+LAMPS'
expect_status 200
expect_body_has "href=\"$FERRY12\"" 'all words must match, any case'
expect_body_lacks "href=\"$FERRY21\"" 'not a post with only one word'

get '/?s=em'
expect_search_page 200
expect_body_lacks "href=\"$FERRY12\"" 'tags are not indexed (<em>)'
expect_body_has 'No posts or pages match' \
    'a helpful page when nothing matches'

get '/?s=Caf%C3%A9'
expect_status 200
expect_body_has 'href="/2022/06/21/cafe-nights-at-the-pier/"' 'UTF-8 words'
get '/?s=cafe'
expect_body_has 'href="/2022/06/21/cafe-nights-at-the-pier/"' \
    'diacritics folded'

cgi GET / 's=ferry'
expect_search_page 200
expect_body_has "href=\"$FERRY12\"" 'plain CGI too'

# ------------------------------------------------------------ pages
get '/?s=the'
expect_search_page 200
expect_body_has '27 results found' \
    'the count of all visible matches: 23 posts, 4 pages'
expect_body_has 'href="/page/2/?s=the"' 'link to the next results'
expect_body_has '<link rel="next" href="/page/2/?s=the">' 'rel next in head'
get '/page/2/?s=the'
expect_search_page 200
expect_body_has 'href="/?s=the"' 'link back to the first results'
expect_body_has '<link rel="prev" href="/?s=the">' 'rel prev in head'
expect_body_has 'href="/page/3/?s=the"'
get '/page/3/?s=the'
expect_search_page 200
expect_body_lacks '/page/4/' 'no link past the end'
get '/page/4/?s=the'
expect_page 404
get '/page/1/?s=the'
expect_status 301
expect_location '/?s=the'

# ------------------------------------------------------------ any input
get '/?s='
expect_search_page 200
expect_body_has 'Type a word or two' 'empty: a helpful page'
get '/?s'
expect_search_page 200
get '/?s=%21%2C%3B%3F'
expect_search_page 200
expect_body_has 'Punctuation on its own finds nothing' \
    'only punctuation: a helpful page'
long=$(printf 'harbor%%20%.0s' $(seq 1 300))
get "/?s=$long"
expect_search_page 200
expect_body_has 'Only the first words' 'a 2,000-character search is cut'
expect_body_matches '<title>Search results for “(harbor ){10,20}[a-z ]*…” — Harbor Lantern</title>' \
    'a long search is shortened in the title'
for q in '%22' '%22ferry' 'ferry%22+OR+%22x' 'NEAR%28ferry+boat%29' \
    'title%3Aferry' 'ferry*' '%2A' '%5E' '-ferry' '%28%29' '%7B%7D%5B%5D' \
    "%27%3B+DROP+TABLE+post%3B--" '%E2%80%94' 'AND+OR+NOT' \
    '%F0%9F%8C%8A' '%EF%BF%BF' 'a%2Bb' '%25' '%5C' \
    '%3Cscript%3Ealert(1)%3C%2Fscript%3E'; do
	get "/?s=$q"
	expect_search_page 200
done
expect_body_has '&lt;script&gt;alert(1)&lt;/script&gt;' \
    'the words are escaped in the page'
expect_body_lacks '<script>' 'no markup from the search'
for q in '%FF' '%C3%28' '%ED%A0%80' '%C0%AF' '%00' '%01' '%zz'; do
	get "/?s=$q"
	expect_search_page 400
	expect_body_has 'could not be read' 'bad input: says so'
done

# Markup in a post's text stays text in titles and snippets.
sql "INSERT INTO post (id, slug, title, body_html, excerpt, status,
    author_id, published_at, updated_at) VALUES (40, 'markup-test',
    'Zebra <b onmouseover=x>bold</b>',
    '<p>zebra &lt;img src=x onerror=alert(1)&gt; &amp;lt;i&amp;gt;</p>',
    '', 'published', 1, 1600000000, 1600000000)"
get '/?s=zebra'
expect_search_page 200
expect_body_has 'href="/2020/09/13/markup-test/"' 'the new post is found'
expect_body_has '<mark>Zebra</mark> &lt;b onmouseover=x&gt;bold&lt;/b&gt;' \
    'a title with markup is escaped around the highlight'
expect_body_has '&lt;img src=x onerror=alert(1)&gt;' 'body text escaped'
expect_body_lacks '<img src=x' 'no image injected'
expect_body_lacks '<b onmouseover' 'no bold injected'

# ------------------------------------------------------------ index
get '/?s=buoys'
expect_status 200
expect_body_lacks 'unfinished-draft-about-buoys' 'a draft is not found'
sql "UPDATE post SET status = 'published' WHERE id = 26"
get '/?s=buoys'
expect_body_has 'href="/2021/08/10/unfinished-draft-about-buoys/"' \
    'found once published (sqlite3 write)'
sql "UPDATE post SET title = 'Finished Piece About Moorings',
    body_html = '<p>All about moorings now.</p>' WHERE id = 26"
get '/?s=buoys'
expect_body_lacks 'unfinished-draft-about-buoys' 'old words gone after an edit'
get '/?s=moorings'
expect_body_has 'href="/2021/08/10/unfinished-draft-about-buoys/"' \
    'new words found after an edit'
sql "UPDATE post SET status = 'draft' WHERE id = 26"
get '/?s=moorings'
expect_body_lacks 'unfinished-draft-about-buoys' 'gone once unpublished'
sql "UPDATE post SET status = 'published' WHERE id = 26;
    DELETE FROM post_category WHERE post_id = 26; DELETE FROM post WHERE id = 26"
get '/?s=moorings'
expect_body_lacks 'unfinished-draft-about-buoys' 'gone once deleted'
get '/?s=century'
expect_body_lacks 'letter-to-the-next-century' 'a scheduled post is not found'
get '/?s=board'
expect_body_lacks 'private-board-minutes' 'a private post is not found'

# ------------------------------------------------------------ pages
# A page's result: its title linked as a heading (the menu links it too).
hit() { printf '<h2 class="entry-title"><a href="%s">' "$1"; }
get '/?s=borrowed'
expect_search_page 200
expect_body_has "$(hit /about/our-team/)" 'a page found by a word in its body'
expect_body_has 'one <mark>borrowed</mark> office' 'its snippet highlighted'
expect_body_has '1 result found' 'counted'
expect_body_lacks 'class="entry-meta"' 'no date or author line for a page'
get '/?s=chandlery'
expect_body_order "$(hit /about/our-team/)" 'class="entry-meta"' \
    'pages come before posts'
expect_body_has '2 results found' 'a page and a post'
get '/?s=winter+plans'
expect_body_lacks "$(hit /winter-plans/)" 'a draft page is not found'
sql "UPDATE page SET status = 'draft' WHERE id = 1"
get '/?s=borrowed'
expect_body_lacks "$(hit /about/our-team/)" 'nor one below a draft page'
expect_body_has 'No posts or pages match' 'nothing else matches'
sql "UPDATE page SET status = 'published' WHERE id = 1"
get '/?s=trackers'
expect_body_has "$(hit /privacy/)" 'a published page'
sql "UPDATE page SET status = 'trash' WHERE id = 5"
get '/?s=trackers'
expect_body_lacks "$(hit /privacy/)" 'a trashed page is not found'
sql "UPDATE page SET status = 'published' WHERE id = 5"

# A page edited in the admin: new words found, old ones gone; an edit of
# the markup alone keeps the stored text (migration 6) and the match.
ORIGIN="http://127.0.0.1:$PORT"
JAR=$STACK_DIR/editor.jar
printf '%s\n' 'editor password 1' | ./folio user add ed --role editor \
    >>"$STACK_DIR/users.log" 2>&1 || bail 'folio user add ed failed'
get /admin/login/ -b "$JAR" -c "$JAR"
request POST /admin/login/ -b "$JAR" -c "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$(csrf_of)" --data-urlencode name=ed \
    --data-urlencode 'password=editor password 1'
[ "$STATUS" = 303 ] || bail "login as ed failed ($STATUS)"
get /admin/pages/5/ -b "$JAR"
TOKEN=$(csrf_of)
edit_privacy() {
	request POST /admin/pages/5/ -b "$JAR" -c "$JAR" -H "Origin: $ORIGIN" \
	    --data-urlencode "csrf=$TOKEN" --data-urlencode 'title=Privacy Notice' \
	    --data-urlencode slug=privacy --data-urlencode status=published \
	    --data-urlencode position=3 --data-urlencode "body=$1"
	expect_status 303
}
edit_privacy 'We keep no cookies, only a visitor tally.'
get '/?s=cookies+tally'
expect_body_has "$(hit /privacy/)" 'an admin edit: new words found'
get '/?s=trackers'
expect_body_lacks "$(hit /privacy/)" 'an admin edit: old words gone'
edit_privacy 'We keep *no cookies*, only a **visitor** tally.'
check 'a markup-only edit keeps the page text' test \
    "$(sqlite3 "$FOLIO_DB" "SELECT body_text FROM page WHERE id = 5")" = \
    ' We keep no cookies, only a visitor tally. '
get '/?s=cookies+tally'
expect_body_has "$(hit /privacy/)" 'still found after a markup-only edit'

# A damaged index, then folio reindex.
sql "DELETE FROM post_fts; DELETE FROM page_fts"
get '/?s=seawall'
expect_body_lacks '/2023/02/11/seawall-repairs-begin/' 'the index was emptied'
get '/?s=borrowed'
expect_body_lacks "$(hit /about/our-team/)" 'the page index too'
check 'folio reindex succeeds' sh -c './folio reindex >/dev/null'
get '/?s=seawall'
expect_body_has 'href="/2023/02/11/seawall-repairs-begin/"' \
    'found again after folio reindex'
get '/?s=borrowed'
expect_body_has "$(hit /about/our-team/)" 'a page too'

# ------------------------------------------------------------ the box
for path in / "$FERRY12" /about/ /category/news/ /no-such-page/; do
	get "$path"
	expect_body_matches '<form[^>]*role="search"[^>]*action="/"' \
	    "$path: a search form"
	expect_body_matches '<input type="search" [^>]*name="s"' \
	    "$path: its field is s"
done

done_testing
