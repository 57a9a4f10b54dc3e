#!/usr/bin/env bash
# test_tags.sh -- tag pages (/tag/slug/, page/N/, feeds), a post's tag
# links and each list's, over real nginx + handler, against the fixture
# site's tags (tests/http/fixture.sql: waterfront, ferries, unseen); then
# tags written through the admin: the editor's Tags field (new, reused,
# refused with everything typed kept), the preview, the Tags screen
# (rename, delete) and CSRF refusals that write nothing.
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

# ------------------------------------------------------------ lists
# Every list shows each post's tags under its excerpt, escaped.
for path in /2022/ /2022/03/ /category/news/ /author/marta-quill/ \
    /tag/waterfront/; do
	get "$path"
	expect_page 200
	expect_body_has '<p class="entry-tags">Tagged <span class="entry-tag"><a href="/tag/ferries/" rel="tag">Ferries &amp; &lt;Boats&gt; &quot;Q&quot;</a></span>' \
	    'the tag line of the late ferry post'
	expect_body_lacks '/tag/unseen/' 'no tag of hidden posts'
done
get /tag/waterfront/
expect_body_order "href=\"$POST12\"" '/tag/ferries/'

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

# ------------------------------------------------------------ the admin
# From here ferries is "Ferry Boats" on posts 12, 21, 25 and 27.
ADMIN_ORIGIN="http://127.0.0.1:$PORT"
JAR=$STACK_DIR/jar
AJAR=$STACK_DIR/ajar
db() { sqlite3 -batch "$FOLIO_DB" "PRAGMA busy_timeout = 5000; $1" | tail -n +2; }
adduser() {
	printf '%s\n' "$1 password 12345" | ./folio user add "$1" --role "$2" \
	    >>"$STACK_DIR/users.log" 2>&1 || bail "folio user add $1 failed"
}
adduser ed editor
adduser ann author
# login JAR NAME: log in with NAME's password; CSRF is the session's.
login() {
	get /admin/login/ -b "$1" -c "$1"
	request POST /admin/login/ -b "$1" -c "$1" -H "Origin: $ADMIN_ORIGIN" \
	    --data-urlencode "csrf=$(csrf_of "$BODY")" \
	    --data-urlencode "name=$2" \
	    --data-urlencode "password=$2 password 12345"
	expect_status 303
	get /admin/posts/ -b "$1"
	CSRF=$(csrf_of "$BODY")
}
# apost JAR PATH CURL-ARGS...: a POST as a form from our own page.
apost() {
	local jar=$1 path=$2
	shift 2
	request POST "$path" -b "$jar" -c "$jar" -H "Origin: $ADMIN_ORIGIN" "$@"
}
# tag_state: every tag and post_tag row, to prove a refusal wrote nothing.
tag_state() {
	db "SELECT group_concat(id || slug || name || description, '|') FROM tag;
	    SELECT group_concat(post_id || '-' || tag_id) FROM post_tag;
	    SELECT count(*), max(updated_at) FROM post"
}

login "$JAR" ed
ED_CSRF=$CSRF
expect_body_has '<a href="/admin/tags/">Tags</a>' 'editors see Tags in the navigation'
get /admin/posts/new/ -b "$JAR"
expect_page 200
expect_body_has '<label for="tags">Tags' 'the editor has a labelled Tags field'

# A new post: names trimmed, empty ones dropped, case duplicates merged,
# an existing tag reused by name whatever its case.
apost "$JAR" /admin/posts/new/ --data-urlencode "csrf=$ED_CSRF" \
    --data-urlencode 'title=Night on the Breakwater' \
    --data-urlencode 'body=The *lamp* burned till dawn.' \
    --data-urlencode 'excerpt=A night out there.' --data-urlencode cat=3 \
    --data-urlencode status=published --data-urlencode 'publish_at=2024-05-01T10:00' \
    --data-urlencode 'tags=ferry boats,  Night   Watch , ,night watch,Lighthouse <Keepers>'
expect_status 303
ID=$(header_values Location | sed 's|/admin/posts/\([0-9]*\)/.*|\1|')
POST=/2024/05/01/night-on-the-breakwater/
check 'three tags: one reused, two new with slugs from their names' \
    test "$(db "SELECT group_concat(slug, ' ') FROM (SELECT t.slug FROM post_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.post_id = $ID ORDER BY t.slug)")" = 'ferries lighthouse-keepers night-watch'
check 'the reused tag keeps its name' \
    test "$(db "SELECT name FROM tag WHERE slug = 'ferries'")" = 'Ferry Boats'
get "/admin/posts/$ID/" -b "$JAR"
expect_page 200
expect_body_has 'name="tags" type="text" value="Ferry Boats, Lighthouse &lt;Keepers&gt;, Night Watch"' \
    'the field holds the post'"'"'s tags, by name, escaped'

get "$POST"
expect_page 200
expect_body_has '<a href="/tag/night-watch/" rel="tag">Night Watch</a>' 'the post links a new tag'
expect_body_has '<a href="/tag/lighthouse-keepers/" rel="tag">Lighthouse &lt;Keepers&gt;</a>' \
    'escaped'
expect_body_has '<a href="/tag/ferries/" rel="tag">Ferry Boats</a>' 'and the reused one'
get /tag/night-watch/
expect_page 200
expect_body_has 'Posts tagged “Night Watch”'
expect_body_has "href=\"$POST\"" 'the tag page lists the post'
for path in / /2024/05/ /category/harbor-life/ /author/ed/ /tag/ferries/; do
	get "$path"
	expect_page 200
	expect_body_has "href=\"$POST\"" 'the post is listed'
	expect_body_has '<a href="/tag/night-watch/" rel="tag">Night Watch</a>' \
	    'with its tags under the excerpt'
done

# Refusals: 400, the form again with everything typed, nothing written.
before=$(tag_state)
long=$(printf 'x%.0s' $(seq 61))
apost "$JAR" "/admin/posts/$ID/" --data-urlencode "csrf=$ED_CSRF" \
    --data-urlencode 'title=Kept <Title>' --data-urlencode 'body=Kept *body* & all' \
    --data-urlencode status=published --data-urlencode "tags=fine, $long"
expect_status 400
expect_valid_html
expect_body_has 'A tag can have at most 60 characters.' 'the message by the field'
expect_body_has 'The post was not saved' 'the summary'
expect_body_has 'value="Kept &lt;Title&gt;"' 'the title is kept'
expect_body_has 'Kept *body* &amp; all</textarea>' 'the text is kept'
expect_body_has "value=\"fine, $long\"" 'the tags typed are kept'
expect_body_has 'aria-describedby="tags-error"' 'the field points at its message'
apost "$JAR" "/admin/posts/$ID/" --data-urlencode "csrf=$ED_CSRF" \
    --data-urlencode 'title=Kept' --data-urlencode status=published \
    --data-urlencode "tags=$(seq -s, 1 21)"
expect_status 400
expect_body_has 'A post can have at most 20 tags.'
apost "$JAR" "/admin/posts/$ID/" --data-urlencode "csrf=$ED_CSRF" \
    --data-urlencode 'title=Kept' --data-urlencode status=published \
    --data-urlencode $'tags=one\ttwo'
expect_status 400
expect_body_has 'Tags cannot contain control characters'
check 'refused forms wrote nothing' test "$(tag_state)" = "$before"

# CSRF and Origin: 403 and nothing written, for every tag write.
apost "$JAR" "/admin/posts/$ID/" --data-urlencode 'title=No token' \
    --data-urlencode status=published --data-urlencode 'tags=sneaky'
expect_status 403
request POST "/admin/posts/$ID/" -b "$JAR" -H 'Origin: http://evil.example' \
    --data-urlencode "csrf=$ED_CSRF" --data-urlencode 'title=Evil' \
    --data-urlencode status=published --data-urlencode 'tags=sneaky'
expect_status 403
NW=$(db "SELECT id FROM tag WHERE slug = 'night-watch'")
apost "$JAR" "/admin/tags/$NW/" --data-urlencode 'name=Sneaky' \
    --data-urlencode slug=sneaky
expect_status 403
request POST "/admin/tags/$NW/delete/" -b "$JAR" \
    -H 'Origin: http://evil.example' --data-urlencode "csrf=$ED_CSRF"
expect_status 403
apost "$JAR" "/admin/tags/$NW/delete/" --data-urlencode "csrf=${ED_CSRF%?}"
expect_status 403
check 'refused POSTs wrote nothing' test "$(tag_state)" = "$before"

# Preview the typed tags; nothing stored.
apost "$JAR" "/admin/posts/$ID/preview/" --data-urlencode "csrf=$ED_CSRF" \
    --data-urlencode 'title=Night on the Breakwater' --data-urlencode 'body=x' \
    --data-urlencode 'tags=NIGHT WATCH, Only In Preview'
expect_status 200
expect_body_has '<a href="/tag/night-watch/" rel="tag">Night Watch</a>' \
    'preview: an existing tag as stored'
expect_body_has '<a href="/tag/only-in-preview/" rel="tag">Only In Preview</a>' \
    'preview: a new one as it would be'
expect_body_lacks '/tag/lighthouse-keepers/' 'preview: a removed tag is gone'
check 'a preview writes nothing' test "$(tag_state)" = "$before"

# An author tags their own post; the Tags screen is for editors.
login "$AJAR" ann
expect_body_lacks '<a href="/admin/tags/">' 'authors do not see Tags'
apost "$AJAR" /admin/posts/new/ --data-urlencode "csrf=$CSRF" \
    --data-urlencode "title=Ann's Gulls" --data-urlencode 'body=Gulls.' \
    --data-urlencode status=draft --data-urlencode 'tags=night watch, Gulls'
expect_status 303
AID=$(header_values Location | sed 's|/admin/posts/\([0-9]*\)/.*|\1|')
check "the author's post has both tags" \
    test "$(db "SELECT count(*) FROM post_tag WHERE post_id = $AID")" = 2
get /admin/tags/ -b "$AJAR"
expect_status 403
get "/admin/tags/$NW/" -b "$AJAR"
expect_status 403
apost "$AJAR" "/admin/tags/$NW/delete/" --data-urlencode "csrf=$CSRF"
expect_status 403

# The Tags screen: list with counts, rename, delete.
get /admin/tags/ -b "$JAR"
expect_page 200
expect_body_has "<a href=\"/admin/tags/$NW/\">Night Watch</a></td><td data-label=\"Slug\">night-watch</td><td data-label=\"Posts\">2</td>" \
    'a tag, its slug and its posts (a draft counts)'
expect_body_has '>Waterfront</a></td><td data-label="Slug">waterfront</td><td data-label="Posts">0</td>' 'imported tags are listed too'
expect_body_lacks '&amp;lt;' 'escaped once'
get '/admin/tags/?q=night' -b "$JAR"
expect_body_lacks 'Lighthouse' 'filtered by name'
get "/admin/tags/$NW/" -b "$JAR"
expect_page 200
expect_body_has 'value="Night Watch"'
apost "$JAR" "/admin/tags/$NW/" --data-urlencode "csrf=$ED_CSRF" \
    --data-urlencode 'name=Typed Name' --data-urlencode slug=ferries \
    --data-urlencode 'description=Typed description'
expect_status 400
expect_body_has 'Another tag already uses this slug.'
expect_body_has 'value="Typed Name"' 'the name typed is kept'
expect_body_has 'Typed description</textarea>' 'the description typed is kept'
apost "$JAR" "/admin/tags/$NW/" --data-urlencode "csrf=$ED_CSRF" \
    --data-urlencode 'name=ferry BOATS' --data-urlencode slug=x
expect_status 400
expect_body_has 'Another tag already has this name.'
apost "$JAR" "/admin/tags/$NW/" --data-urlencode "csrf=$ED_CSRF" \
    --data-urlencode 'name=Night, Watch' --data-urlencode slug=x
expect_status 400
expect_body_has 'cannot hold a comma'
check 'refused renames wrote nothing' \
    test "$(db "SELECT slug || name FROM tag WHERE id = $NW")" = 'night-watchNight Watch'
apost "$JAR" "/admin/tags/$NW/" --data-urlencode "csrf=$ED_CSRF" \
    --data-urlencode 'name=Night Shift' --data-urlencode slug=night-shift \
    --data-urlencode 'description=After dark on the water.'
expect_status 303
expect_location '/admin/tags/?saved=1'
get /tag/night-shift/
expect_page 200
expect_body_has 'Posts tagged “Night Shift”' 'renamed: its new page'
expect_body_has '<meta name="description" content="After dark on the water.">'
expect_body_has "href=\"$POST\""
get /tag/night-watch/
expect_page 404
get "$POST"
expect_body_has '<a href="/tag/night-shift/" rel="tag">Night Shift</a>' \
    'the post links the new name at once'

apost "$JAR" "/admin/tags/$NW/delete/" --data-urlencode "csrf=$ED_CSRF"
expect_status 303
expect_location '/admin/tags/?deleted=1'
get /tag/night-shift/
expect_page 404
get "$POST"
expect_page 200
expect_body_lacks 'night-shift' 'deleted: off the post'
expect_body_has '/tag/ferries/' 'its other tags stay'
check 'the posts stay, without the tag' \
    test "$(db "SELECT count(*) FROM post WHERE id IN ($ID, $AID)")/$(db "SELECT count(*) FROM post_tag WHERE post_id IN ($ID, $AID)")" = 2/3

# Clearing the field takes every tag off the post.
apost "$JAR" "/admin/posts/$ID/" --data-urlencode "csrf=$ED_CSRF" \
    --data-urlencode 'title=Night on the Breakwater' --data-urlencode 'body=x' \
    --data-urlencode status=published --data-urlencode 'publish_at=2024-05-01T10:00' \
    --data-urlencode 'tags= , '
expect_status 303
get "$POST"
expect_page 200
expect_body_lacks 'entry-tags' 'no tags, no tag line'

done_testing
