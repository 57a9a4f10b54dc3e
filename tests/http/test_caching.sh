#!/usr/bin/env bash
# test_caching.sh -- HTTP validators over real nginx + handler: ETag,
# Last-Modified and Cache-Control on every response, 304 with no body for
# a current copy, and validators that move after a publish or an edit made
# with the sqlite3 shell (pages the change does not touch keep their ETag).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_start

POST12=/2022/03/18/late-ferry-to-gull-island/

sql() {
	sqlite3 -bail "$FOLIO_DB" "$1" || bail "sqlite3 write failed: $1"
}

# Before any request: make the last recorded change long ago, so that
# Last-Modified is the start of this year and a change today moves it
# even within the second the fixture was loaded.
sql "UPDATE generation SET changed_at = 1000000000"

etag() { header_values ETag; }
lastmod() { header_values Last-Modified; }

# ------------------------------------------------------------ headers
get /
expect_status 200
expect_header ETag '^"[0-9a-f]{16}"$'
expect_header Last-Modified '^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$'
expect_header Cache-Control '^public, max-age=0, s-maxage=60$'
home_etag=$(etag)
home_lm=$(lastmod)
year=$(TZ=America/New_York date +%Y)
expect_header Last-Modified " $year " 'Last-Modified: the start of this year'

get /
check "the same page gives the same ETag ($(etag))" test "$(etag)" = "$home_etag"

for path in "$POST12" /about/ /category/news/ /2022/03/ /author/marta-quill/ \
    '/?s=ferry' /feed/ /feed/atom/ /sitemap.xml /robots.txt; do
	get "$path"
	expect_status 200
	expect_header ETag '^"[0-9a-f]{16}"$'
	expect_header Last-Modified 'GMT$'
	expect_header Cache-Control '^public, max-age=0, s-maxage=60$'
done

# ------------------------------------------------------------ 304
get / -H "If-None-Match: $home_etag"
expect_status 304
expect_body_empty
expect_header ETag "^$(ere_quote "$home_etag")\$" '304 repeats the ETag'
expect_header Cache-Control '^public, max-age=0, s-maxage=60$'
get / -H "If-None-Match: W/$home_etag"
expect_status 304
get / -H "If-None-Match: \"0000000000000000\", $home_etag"
expect_status 304
get / -H 'If-None-Match: *'
expect_status 304
get / -H 'If-None-Match: "0000000000000000"'
expect_status 200
expect_body_has 'Harbor Lantern' 'a stale ETag gets the page'
get / -H "If-Modified-Since: $home_lm"
expect_status 304
expect_body_empty
get / -H 'If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT'
expect_status 200
get / -H 'If-Modified-Since: not a date'
expect_status 200
get / -H 'If-None-Match: "0000000000000000"' -H "If-Modified-Since: $home_lm"
expect_status 200 # If-None-Match decides
head_req / -H "If-None-Match: $home_etag"
expect_status 304

get /feed/
feed_etag=$(etag)
get /feed/ -H "If-None-Match: $feed_etag"
expect_status 304
expect_body_empty

# ------------------------------------------------------------ errors
get /no-such-page/
expect_status 404
expect_header ETag '^"'
expect_header Cache-Control '^public, max-age=0, s-maxage=60$'
nf_etag=$(etag)
get /no-such-page/ -H "If-None-Match: $nf_etag"
expect_status 404 # conditionals apply to 200s only
get /about
expect_status 301
expect_header Cache-Control '^public, max-age=0, s-maxage=60$'
get '/?s=%ff'
expect_status 400
expect_header Cache-Control '^no-store$'
expect_no_header ETag

# ------------------------------------------------------------ changes
get "$POST12"
post_etag=$(etag)
get /about/
about_etag=$(etag)

# An edit with the sqlite3 shell, as any writer might.
sql "UPDATE post SET title = 'The Very Last Lobster Boat' WHERE id = 25"
get /
expect_status 200
check "an edit changes the home page's ETag ($home_etag -> $(etag))" \
    test "$(etag)" != "$home_etag"
check "an edit moves Last-Modified ($home_lm -> $(lastmod))" \
    test "$(lastmod)" != "$home_lm"
new_etag=$(etag)
get / -H "If-None-Match: $home_etag"
expect_status 200
expect_body_has 'The Very Last Lobster Boat' 'the old ETag gets the new page'
get / -H "If-Modified-Since: $home_lm"
expect_status 200
expect_body_has 'The Very Last Lobster Boat' 'the old date gets the new page'
get / -H "If-None-Match: $new_etag"
expect_status 304
get "$POST12"
check 'a post the edit does not show keeps its ETag' \
    test "$(etag)" = "$post_etag"
get /about/
check 'a page the edit does not show keeps its ETag' \
    test "$(etag)" = "$about_etag"

# A publish: the draft appears, the sidebar counts change everywhere.
sql "UPDATE post SET status = 'published' WHERE id = 26"
get /about/
check "a publish changes a page's ETag (sidebar counts)" \
    test "$(etag)" != "$about_etag"
get / -H "If-None-Match: $new_etag"
expect_status 200
expect_body_has 'href="/2021/08/"' 'its month appears in the sidebar'

# ------------------------------------------------------------ setting
sql "UPDATE site SET cache_max_age = 300"
get /
expect_header Cache-Control '^public, max-age=0, s-maxage=300$' 'max-age from the settings'
if sqlite3 "$FOLIO_DB" "UPDATE site SET cache_max_age = -1" 2>/dev/null; then
	fail 'a negative max-age is refused by the schema'
else
	pass 'a negative max-age is refused by the schema'
fi

done_testing
