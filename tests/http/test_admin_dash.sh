#!/usr/bin/env bash
# test_admin_dash.sh -- the admin's start screen at /admin/: what each
# role sees (own drafts, scheduled, recent, and for editors the posts
# waiting for review), and the quick draft: stored as a draft by the
# editor's own save, refused with the text kept and a 400, CSRF and
# Origin checked like every form.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_start

ORIGIN="http://127.0.0.1:$PORT"
db() { sqlite3 -batch "$FOLIO_DB" "PRAGMA busy_timeout = 5000; $1" | tail -n 1; }
adduser() {
	printf '%s\n' "$3" | ./folio user add "$1" --role "$2" \
	    >>"$STACK_DIR/users.log" 2>&1 ||
	    bail "folio user add $1 failed" "$(cat "$STACK_DIR/users.log")"
}
adduser ed editor 'editor password 1'
adduser ann author 'author password 1'
adduser bo author 'author password 2'

# login JAR NAME PASSWORD
login() {
	local c
	get /admin/login/ -b "$1" -c "$1"
	c=$(csrf_of)
	request POST /admin/login/ -b "$1" -c "$1" -H "Origin: $ORIGIN" \
	    --data-urlencode "csrf=$c" --data-urlencode "name=$2" \
	    --data-urlencode "password=$3"
}
ED=$STACK_DIR/ed.jar
ANN=$STACK_DIR/ann.jar
BO=$STACK_DIR/bo.jar
login "$ED" ed 'editor password 1'
expect_status 303
expect_location /admin/
login "$ANN" ann 'author password 1'
login "$BO" bo 'author password 2'

ann=$(db "SELECT id FROM user WHERE slug = 'ann'")
bo=$(db "SELECT id FROM user WHERE slug = 'bo'")
now=$(date +%s)
# Ann: a draft, a post waiting for review, a scheduled and a public post;
# Bo: a draft and one waiting for review.
db "INSERT INTO post (slug, title, body_md, body_html, status, author_id,
    published_at, updated_at) VALUES
    ('ann-draft', 'Ann Draft About Buoys', 'x', '<p>x</p>', 'draft', $ann,
	$now, $now),
    ('ann-pending', 'Ann Pending Piece', 'x', '<p>x</p>', 'pending', $ann,
	$now, $now),
    ('ann-later', 'Ann Scheduled Story', 'x', '<p>x</p>', 'published',
	$ann, $((now + 86400)), $now),
    ('ann-out', 'Ann Public Story', 'x', '<p>x</p>', 'published', $ann,
	$((now - 60)), $now),
    ('bo-draft', 'Bo Draft On Nets', 'x', '<p>x</p>', 'draft', $bo,
	$now, $now),
    ('bo-pending', 'Bo Pending Piece', 'x', '<p>x</p>', 'pending', $bo,
	$now, $now)" >/dev/null
annout=$(db "SELECT id FROM post WHERE slug = 'ann-out'")
annpend=$(db "SELECT id FROM post WHERE slug = 'ann-pending'")

# -------------------------------------------------------- what each sees
get /admin/
expect_status 303
expect_location /admin/login/

get /admin/ -b "$ANN"
expect_page 200
expect_body_has '<h1>Hello, ann</h1>' 'the author is greeted'
expect_body_has 'Ann Draft About Buoys' 'author: her draft'
expect_body_lacks 'Bo Draft On Nets' "author: not another's draft"
expect_body_has 'Ann Scheduled Story' 'author: her scheduled post'
expect_body_has 'Ann Public Story' 'author: her recent post'
expect_body_has "href=\"/admin/posts/$annout/\"" 'author: an edit link'
expect_body_matches 'href="/[0-9]{4}/[0-9]{2}/[0-9]{2}/ann-out/"' \
    'author: a view link to the public post'
expect_body_lacks 'Harbor Ice Breaks Early' \
    "author: not others' recent posts (as on the post list)"
expect_body_lacks 'Waiting for review' 'author: no review list'
expect_body_lacks 'Bo Pending Piece' "author: not another's pending post"
expect_body_has 'name="csrf"' 'the quick draft carries the CSRF token'
expect_body_has 'id="quick-title"' 'the quick draft has a title field'
expect_body_has '<label for="quick-body">' 'a labelled text field'

get /admin/ -b "$ED"
expect_page 200
expect_body_has 'Waiting for review' 'editor: the review list'
expect_body_has 'Ann Pending Piece' 'editor: a pending post'
expect_body_has 'Bo Pending Piece' "editor: another author's pending post"
expect_body_has "href=\"/admin/posts/$annpend/\"" 'editor: its edit link'
expect_body_has 'No drafts.' 'editor: no drafts of his own'
expect_body_lacks 'Ann Draft About Buoys' "editor: drafts are one's own"
expect_body_has 'Ann Scheduled Story' "editor: everyone's scheduled posts"
newest=$(db "SELECT title FROM post WHERE status = 'published'
    AND published_at <= $now AND author_id <> $ann
    ORDER BY published_at DESC LIMIT 1")
expect_body_has "$newest" "editor: everyone's recent posts ($newest)"
expect_body_has 'by ann, sent' 'editor: who sent it for review'
expect_body_has 'Letter to the Next Century' \
    "editor: the fixture's scheduled post too"
head_req /admin/ -b "$ED"
expect_status 200

# ------------------------------------------------------------ quick draft
get /admin/ -b "$ANN"
CSRF_ANN=$(csrf_of)
before=$(db 'SELECT count(*) FROM post')

request POST /admin/ -b "$ANN" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF_ANN" \
    --data-urlencode 'title=Gulls Over The Breakwater' \
    --data-urlencode 'body=They came in at *dawn*.' \
    --data-urlencode 'status=published'
expect_status 303
expect_location '/admin/?drafted=1'
check 'quick draft: one post more' \
    test "$(db 'SELECT count(*) FROM post')" = $((before + 1))
row=$(db "SELECT status || '|' || author_id || '|' || slug || '|' || rtrim(body_html, char(10))
    FROM post WHERE title = 'Gulls Over The Breakwater'")
check "quick draft: a draft of hers, slug from the title, Markdown rendered ($row)" \
    test "$row" = "draft|$ann|gulls-over-the-breakwater|<p>They came in at <em>dawn</em>.</p>"
qid=$(db "SELECT id FROM post WHERE title = 'Gulls Over The Breakwater'")
check 'quick draft: a revision, as every save makes' \
    test "$(db "SELECT count(*) FROM post_revision WHERE post_id = $qid")" = 1
get '/admin/?drafted=1' -b "$ANN"
expect_page 200
expect_body_has 'Draft saved.' 'the screen says it was saved'
expect_body_order 'Gulls Over The Breakwater' 'Ann Draft About Buoys'
expect_body_has "href=\"/admin/posts/$qid/preview/\"" 'a preview link'

# Refused: no title. The text stays as typed, 400, nothing written.
before=$(db 'SELECT count(*) FROM post')
request POST /admin/ -b "$ANN" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF_ANN" --data-urlencode 'title=' \
    --data-urlencode 'body=Fog <again> & "rain" over the pier'
expect_page 400
expect_body_has 'A post needs a title.' 'the message by the field'
expect_body_has 'aria-invalid="true" aria-describedby="quick-title-error"' \
    'the field is marked invalid'
expect_body_has 'Fog &lt;again&gt; &amp; &quot;rain&quot; over the pier</textarea>' \
    'the text typed is kept, escaped'
expect_body_has 'role="alert"' 'a summary'
expect_body_has 'Ann Draft About Buoys' 'the lists are still shown'
check 'a refused quick draft writes nothing' \
    test "$(db 'SELECT count(*) FROM post')" = "$before"

# Empty: title and text both empty.
request POST /admin/ -b "$ANN" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF_ANN"
expect_status 400
expect_body_has 'A post needs a title.'

# The same title again: the slug it makes is taken; the text is kept.
request POST /admin/ -b "$ANN" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF_ANN" \
    --data-urlencode 'title=Gulls Over The Breakwater' \
    --data-urlencode 'body=second try'
expect_page 400
expect_body_has 'The address (slug) made from this title cannot be used'
expect_body_has 'value="Gulls Over The Breakwater"' 'the title is kept'
expect_body_has '>second try</textarea>' 'the text is kept'

# Too long a title: the editor's rule.
long=$(printf 'a%.0s' $(seq 1 301))
request POST /admin/ -b "$ANN" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF_ANN" --data-urlencode "title=$long"
expect_status 400
expect_body_has 'At most 300 characters.'

# CSRF and Origin, checked before anything is written.
before=$(db 'SELECT count(*) FROM post')
request POST /admin/ -b "$ANN" -H "Origin: $ORIGIN" \
    --data-urlencode 'title=No Token Here'
expect_status 403
request POST /admin/ -b "$ANN" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=${CSRF_ANN}x" --data-urlencode 'title=Bad Token'
expect_status 403
CSRF_BO=$(get /admin/ -b "$BO"; csrf_of)
request POST /admin/ -b "$ANN" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF_BO" --data-urlencode 'title=Her Token'
expect_status 403
request POST /admin/ -b "$ANN" -H 'Origin: http://evil.example' \
    --data-urlencode "csrf=$CSRF_ANN" --data-urlencode 'title=Elsewhere'
expect_status 403
request POST /admin/ -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF_ANN" --data-urlencode 'title=No Session'
expect_status 403
check 'refused quick drafts write nothing' \
    test "$(db 'SELECT count(*) FROM post')" = "$before"

done_testing
