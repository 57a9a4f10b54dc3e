#!/usr/bin/env bash
# test_admin.sh -- the admin handler over real nginx: login and its
# throttle, sessions (expiry, logout, password change), CSRF and Origin
# checks (403 and nothing stored), role limits, the post editor's
# validation, revisions, trash, preview, body limits and image uploads.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_public_copy
stack_start

PW_ED='editor password 1'
PW_ANN='author password 1'
ORIGIN="http://127.0.0.1:$PORT"
JAR=$STACK_DIR/jar

db() { sqlite3 -batch "$FOLIO_DB" "$1"; }

adduser() {
	printf '%s\n' "$3" | ./folio user add "$1" --role "$2" \
	    >>"$STACK_DIR/users.log" 2>&1 ||
	    bail "folio user add $1 failed" "$(cat "$STACK_DIR/users.log")"
}
adduser ed editor "$PW_ED"
adduser ann author "$PW_ANN"

# login JAR NAME PASSWORD: the login form, then its POST.
login() {
	local jar=$1 c
	get /admin/login/ -b "$jar" -c "$jar"
	c=$(csrf_of)
	request POST /admin/login/ -b "$jar" -c "$jar" -H "Origin: $ORIGIN" \
	    --data-urlencode "csrf=$c" --data-urlencode "name=$2" \
	    --data-urlencode "password=$3"
}

# session_csrf JAR: the session's CSRF token, from a page that shows it.
session_csrf() {
	get /admin/posts/ -b "$1"
	csrf_of
}

# apost JAR PATH CURL-ARGS...: a POST as a form from our own page.
apost() {
	local jar=$1 path=$2
	shift 2
	request POST "$path" -b "$jar" -c "$jar" -H "Origin: $ORIGIN" "$@"
}

expect_security_headers() {
	expect_header Content-Security-Policy "frame-ancestors 'none'"
	expect_header Content-Security-Policy "script-src 'none'"
	expect_header Cache-Control 'no-store'
	expect_header X-Content-Type-Options '^nosniff$'
	expect_header Referrer-Policy '.'
}

# ----------------------------------------- plain CGI, the same binary
STACK_HANDLER=$STACK_ADMIN cgi GET /admin/login/
expect_status 200
expect_body_has 'name="password"' 'CGI: the login form'
expect_header Content-Security-Policy "frame-ancestors 'none'"
printf 'csrf=x&name=ed' >"$STACK_DIR/cgi.body"
CGI_STDIN=$STACK_DIR/cgi.body STACK_HANDLER=$STACK_ADMIN cgi POST \
    /admin/login/ '' CONTENT_TYPE=application/x-www-form-urlencoded \
    HTTP_HOST=localhost HTTP_ORIGIN=http://localhost
expect_status 403
# Having read CONTENT_LENGTH bytes, the CGI reads no more: it answers
# before the server closes its input.
mkfifo "$STACK_DIR/cgi.fifo"
{ printf 'csrf=x&name=ed'; sleep 60; } >"$STACK_DIR/cgi.fifo" &
writer=$!
timeout 30 env -i GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=POST \
    REQUEST_URI=/admin/login/ SERVER_NAME=localhost CONTENT_LENGTH=14 \
    CONTENT_TYPE=application/x-www-form-urlencoded HTTP_HOST=localhost \
    HTTP_ORIGIN=http://localhost REMOTE_ADDR=127.0.0.1 \
    FOLIO_DB="$FOLIO_DB" "$STACK_ADMIN" <"$STACK_DIR/cgi.fifo" \
    >"$STACK_DIR/cgi.fifo.out" 2>/dev/null
rc=$?
# Not a timing: the input stays open for a minute, so a handler that
# waited for its end would still be running when timeout stops it (124).
open_input=$(proc_alive "$writer" && echo open)
check 'CGI: the admin answers once the body is read (403)' \
    grep -q '^Status: 403' "$STACK_DIR/cgi.fifo.out"
check "CGI: ... and exits on its own, the input still open (exit $rc, input ${open_input:-closed})" \
    test "$rc" -ne 124 -a "$open_input" = open
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null

# An older database: the admin writes nothing into it, nor does folio.
awk '/^-- migration 2/ { exit } { print }' schema.sql >"$STACK_DIR/v1.sql"
{ cat "$STACK_DIR/v1.sql"; echo 'PRAGMA user_version = 1;'; } |
    sqlite3 "$STACK_DIR/v1.db"
FOLIO_DB=$STACK_DIR/v1.db STACK_HANDLER=$STACK_ADMIN cgi GET /admin/login/
expect_status 503
expect_body_has 'folio init'
check 'folio user add refuses an old schema' \
    eval "! printf 'long enough pass\n' | FOLIO_DB=$STACK_DIR/v1.db ./folio user add x >/dev/null 2>&1"

# ----------------------------------------------------------- login
get /admin/posts/
expect_status 303
expect_location /admin/login/
get /admin/login/ -c "$JAR"
expect_status 200
expect_valid_html
expect_security_headers
expect_body_has '<label for="name">' 'labelled name field'
expect_body_has '<label for="password">' 'labelled password field'
expect_body_lacks '<script' 'no script'

login "$JAR" ed 'wrong password here'
expect_status 401
expect_body_has 'Wrong user name or password.'
expect_body_has 'value="ed"' 'the name typed is kept'
check 'failed login sets no session cookie' \
    test -z "$(header_values Set-Cookie | grep folio_session)"
bad_msg=$(grep -o 'Wrong user name[^<]*' "$BODY")
login "$JAR" nobody-here 'wrong password here'
expect_status 401
check 'unknown user: the very same message' \
    test "$(grep -o 'Wrong user name[^<]*' "$BODY")" = "$bad_msg"

# CSRF on the login form: missing or wrong token, foreign origin.
get /admin/login/ -b "$JAR" -c "$JAR"
c=$(csrf_of)
request POST /admin/login/ -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "name=ed" --data-urlencode "password=$PW_ED"
expect_status 403
request POST /admin/login/ -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=${c}x" --data-urlencode "name=ed" \
    --data-urlencode "password=$PW_ED"
expect_status 403
request POST /admin/login/ -b "$JAR" -H "Origin: http://evil.example" \
    --data-urlencode "csrf=$c" --data-urlencode "name=ed" \
    --data-urlencode "password=$PW_ED"
expect_status 403
check 'no session after refused logins' test "$(db 'SELECT count(*) FROM session')" = 0

login "$JAR" ed "$PW_ED"
expect_status 303
expect_location /admin/
expect_header Set-Cookie '^folio_session=[A-Za-z0-9_-]{43}; Path=/admin; HttpOnly; SameSite=Strict$'
token=$(header_values Set-Cookie | sed -n 's/^folio_session=\([^;]*\);.*/\1/p')
check 'one session stored' test "$(db 'SELECT count(*) FROM session')" = 1
check 'the token itself is not stored' \
    test "$(db "SELECT count(*) FROM session WHERE token_hash = '$token' OR csrf = '$token'")" = 0
get /admin/posts/ -b "$JAR"
expect_status 200
expect_security_headers
expect_body_has 'ed (editor)'
expect_body_has 'Late Ferry to Gull Island' 'the list shows posts'
expect_body_has 'Marta Quill' 'the list shows authors'
CSRF=$(csrf_of)
check 'a CSRF token in the page' test "${#CSRF}" = 43
expect_valid_html
get /admin/posts/new/ -b "$JAR"
expect_valid_html
get /admin/upload/ -b "$JAR"
expect_valid_html

# ------------------------------------------------- list and filters
get '/admin/posts/?status=draft' -b "$JAR"
expect_status 200
expect_body_has 'Unfinished Draft About Buoys' 'draft filter: the draft'
expect_body_lacks 'Late Ferry to Gull Island' 'draft filter: no published'
get '/admin/posts/?status=scheduled' -b "$JAR"
expect_body_has 'Letter to the Next Century' 'scheduled filter'
get '/admin/posts/?q=ferry' -b "$JAR"
expect_body_has 'Late Ferry to Gull Island' 'search by title'
expect_body_lacks 'Regatta Day Recap' 'search leaves others out'
get '/admin/posts/?page=2' -b "$JAR"
expect_status 200
expect_body_has 'page 2 of' 'pagination'
get '/admin/posts/?status=bogus' -b "$JAR"
expect_status 400
get '/admin/posts/?page=99' -b "$JAR"
expect_status 404

# ------------------------------------------------------ CSRF on POST
n0=$(db 'SELECT count(*) FROM post')
apost "$JAR" /admin/posts/new/ --data-urlencode 'title=No token' \
    --data-urlencode status=draft
expect_status 403
# A token one character off (never the token itself: it may end in A).
case $CSRF in
*A) WRONG=${CSRF%?}B ;;
*) WRONG=${CSRF%?}A ;;
esac
apost "$JAR" /admin/posts/new/ --data-urlencode "csrf=$WRONG" \
    --data-urlencode 'title=Wrong token' --data-urlencode status=draft
expect_status 403
request POST /admin/posts/new/ -b "$JAR" -H 'Origin: http://evil.example' \
    --data-urlencode "csrf=$CSRF" --data-urlencode 'title=Evil origin' \
    --data-urlencode status=draft
expect_status 403
request POST /admin/posts/new/ -b "$JAR" --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=No origin' --data-urlencode status=draft
expect_status 403
check 'nothing stored by refused POSTs' \
    test "$(db 'SELECT count(*) FROM post')" = "$n0"
request POST /admin/posts/new/ -b "$JAR" -H "Referer: $ORIGIN/admin/posts/new/" \
    --data-urlencode "csrf=$CSRF" --data-urlencode 'title=Referer only' \
    --data-urlencode status=draft
expect_status 303
request GET /admin/logout/ -b "$JAR"
expect_status 405
request PUT /admin/posts/new/ -b "$JAR"
expect_status 405
get /admin/no-such-page/ -b "$JAR"
expect_status 404

# ------------------------------------------------------ validation
apost "$JAR" /admin/posts/new/ --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=' --data-urlencode 'slug=Bad Slug!' \
    --data-urlencode 'body=My *careful* words & more' \
    --data-urlencode 'excerpt=Typed <excerpt>' \
    --data-urlencode status=scheduled --data-urlencode cat=3
expect_status 400
expect_body_has 'A post needs a title.' 'message by the title'
expect_body_has 'Use only lowercase letters' 'message by the slug'
expect_body_has 'A scheduled post needs a publish time' 'message by the time'
expect_body_has 'value="Bad Slug!"' 'the slug typed is kept'
expect_body_has 'My *careful* words &amp; more</textarea>' 'the text is kept'
expect_body_has 'Typed &lt;excerpt&gt;</textarea>' 'the excerpt is kept'
expect_body_matches 'value="3" checked' 'the category ticked is kept'
expect_body_matches 'value="scheduled" checked' 'the status is kept'
check 'nothing stored by an invalid form' \
    test "$(db 'SELECT count(*) FROM post')" = "$((n0 + 1))"
apost "$JAR" /admin/posts/new/ --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=Copy' --data-urlencode 'slug=late-ferry-to-gull-island' \
    --data-urlencode status=draft
expect_status 400
expect_body_has 'Another post already uses this slug.'
apost "$JAR" /admin/posts/new/ --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=Bad time' --data-urlencode 'publish_at=2024-02-30T10:00' \
    --data-urlencode status=published
expect_status 400
expect_body_has 'Give a date and time'
apost "$JAR" /admin/posts/new/ --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=Bad cat' --data-urlencode cat=999 \
    --data-urlencode status=draft
expect_status 400
expect_body_has 'Choose from the categories listed.'

# ------------------------------------------------- save and publish
apost "$JAR" /admin/posts/new/ --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=Tide Tables Are Back' \
    --data-urlencode $'body=The **tide** tables return.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))' \
    --data-urlencode 'excerpt=Tables again.' --data-urlencode cat=3 \
    --data-urlencode cat=1 --data-urlencode status=published \
    --data-urlencode 'publish_at=2024-04-02T09:15'
expect_status 303
expect_header Location '^/admin/posts/[0-9]+/\?saved=1$'
ID=$(header_values Location | sed 's|/admin/posts/\([0-9]*\)/.*|\1|')
check 'stored as published at 09:15 New York time' \
    test "$(db "SELECT status || ' ' || published_at FROM post WHERE id = $ID")" = 'published 1712063700'
check 'slug made from the title' \
    test "$(db "SELECT slug FROM post WHERE id = $ID")" = tide-tables-are-back
check 'two categories' \
    test "$(db "SELECT group_concat(category_id) FROM (SELECT category_id FROM post_category WHERE post_id = $ID ORDER BY 1)")" = 1,3
check 'Markdown rendered at save' \
    test "$(db "SELECT instr(body_html, '<strong>tide</strong>') > 0 FROM post WHERE id = $ID")" = 1
check 'raw HTML not passed through' \
    test "$(db "SELECT instr(body_html, '<script') + instr(body_html, 'javascript:') FROM post WHERE id = $ID")" = 0
check 'a revision kept' \
    test "$(db "SELECT count(*) FROM post_revision WHERE post_id = $ID")" = 1
get /2024/04/02/tide-tables-are-back/
expect_status 200
expect_body_has '<strong>tide</strong>' 'public at the next request'
get /category/harbor-life/
expect_body_has '/2024/04/02/tide-tables-are-back/' 'on its category page'

get "/admin/posts/$ID/?saved=1" -b "$JAR"
expect_status 200
expect_body_has 'Saved.'
expect_body_has 'value="2024-04-02T09:15"' 'publish time in site time'
get "/admin/posts/$ID/preview/" -b "$JAR"
expect_status 200
expect_body_has 'class="entry-title">Tide Tables Are Back' 'preview: the public template'
expect_body_has 'class="site-title"' 'preview: the public chrome'
expect_body_has 'Share on X' 'preview: the share links'
expect_body_has 'Previous story' 'preview: the neighbours'
expect_body_has 'href="/category/harbor-life/"' 'preview: its categories'

# Preview what the editor holds, unsaved.
nposts=$(db 'SELECT count(*) FROM post')
apost "$JAR" /admin/posts/preview/ --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=Not Saved Yet' --data-urlencode 'body=Draft _words_' \
    --data-urlencode cat=4 --data-urlencode status=draft
expect_status 200
expect_body_has 'class="entry-title">Not Saved Yet' 'unsaved preview: the title'
expect_body_has '<em>words</em>' 'unsaved preview: the Markdown'
expect_body_has 'href="/category/recipes/"' 'unsaved preview: categories ticked'
apost "$JAR" "/admin/posts/$ID/preview/" --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=Changed Not Saved' --data-urlencode 'body=x'
expect_status 200
expect_body_has 'Changed Not Saved' 'preview of unsaved edits'
apost "$JAR" /admin/posts/preview/ --data-urlencode 'title=x'
expect_status 403
check 'a preview stores nothing' test "$(db 'SELECT count(*) FROM post')/$(db "SELECT title FROM post WHERE id = $ID")" = "$nposts/Tide Tables Are Back"

# Edit, then restore the first revision.
apost "$JAR" "/admin/posts/$ID/" --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=Tide Tables, Revised' \
    --data-urlencode 'slug=tide-tables-are-back' \
    --data-urlencode 'body=Second version.' --data-urlencode cat=3 \
    --data-urlencode status=published --data-urlencode 'publish_at=2024-04-02T09:15'
expect_status 303
check 'edited' test "$(db "SELECT title FROM post WHERE id = $ID")" = 'Tide Tables, Revised'
get "/admin/posts/$ID/revisions/" -b "$JAR"
expect_status 200
REV1=$(db "SELECT min(id) FROM post_revision WHERE post_id = $ID")
expect_body_has "/admin/posts/$ID/revisions/$REV1/" 'the first revision listed'
get "/admin/posts/$ID/revisions/$REV1/" -b "$JAR"
expect_status 200
expect_valid_html
expect_body_has 'The **tide** tables return.' 'the revision Markdown'
apost "$JAR" "/admin/posts/$ID/revisions/$REV1/restore/"
expect_status 403
apost "$JAR" "/admin/posts/$ID/revisions/$REV1/restore/" \
    --data-urlencode "csrf=$CSRF"
expect_status 303
check 'restored title' test "$(db "SELECT title FROM post WHERE id = $ID")" = 'Tide Tables Are Back'
check 'restored categories' \
    test "$(db "SELECT count(*) FROM post_category WHERE post_id = $ID")" = 2
check 'the restore is a revision too' \
    test "$(db "SELECT count(*) FROM post_revision WHERE post_id = $ID")" = 3

# Trash and back.
apost "$JAR" "/admin/posts/$ID/trash/" --data-urlencode "csrf=$CSRF"
expect_status 303
check 'in the trash' test "$(db "SELECT status FROM post WHERE id = $ID")" = trash
get /2024/04/02/tide-tables-are-back/
expect_status 404
get '/admin/posts/?status=trash' -b "$JAR"
expect_body_has 'Tide Tables Are Back' 'listed in the trash'
apost "$JAR" "/admin/posts/$ID/untrash/" --data-urlencode "csrf=$CSRF"
expect_status 303
check 'out of the trash as a draft' test "$(db "SELECT status FROM post WHERE id = $ID")" = draft

# Scheduled: stored, not public yet.
apost "$JAR" /admin/posts/new/ --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=Future Regatta' --data-urlencode 'body=Soon.' \
    --data-urlencode status=scheduled --data-urlencode 'publish_at=2099-06-01T10:00'
expect_status 303
get /2099/06/01/future-regatta/
expect_status 404
get '/admin/posts/?status=scheduled' -b "$JAR"
expect_body_has 'Future Regatta' 'listed as scheduled'

# ------------------------------------------------------ role limits
AJAR=$STACK_DIR/ajar
login "$AJAR" ann "$PW_ANN"
expect_status 303
ACSRF=$(session_csrf "$AJAR")
expect_body_lacks 'Late Ferry to Gull Island' "an author's list: own posts only"
get /admin/posts/12/ -b "$AJAR"
expect_status 403
before=$(db 'SELECT title || updated_at FROM post WHERE id = 12')
apost "$AJAR" /admin/posts/12/ --data-urlencode "csrf=$ACSRF" \
    --data-urlencode 'title=Hijacked' --data-urlencode status=draft
expect_status 403
apost "$AJAR" /admin/posts/12/trash/ --data-urlencode "csrf=$ACSRF"
expect_status 403
check "another's post unchanged" \
    test "$(db 'SELECT title || updated_at FROM post WHERE id = 12')" = "$before"
apost "$AJAR" /admin/posts/new/ --data-urlencode "csrf=$ACSRF" \
    --data-urlencode "title=Ann's Note" --data-urlencode status=draft
expect_status 303
AID=$(header_values Location | sed 's|/admin/posts/\([0-9]*\)/.*|\1|')
get "/admin/posts/$AID/" -b "$AJAR"
expect_status 200
check "the author's own post" \
    test "$(db "SELECT u.slug FROM post p JOIN user u ON u.id = p.author_id WHERE p.id = $AID")" = ann
# The editor's CSRF token is no use in the author's session.
apost "$AJAR" /admin/posts/new/ --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=Cross token' --data-urlencode status=draft
expect_status 403

# --------------------------------------------------- bodies, uploads
head -c 9000000 /dev/zero | tr '\0' 'a' >"$STACK_DIR/big"
apost "$JAR" /admin/posts/new/ -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary "@$STACK_DIR/big"
expect_status 413
apost "$JAR" /admin/posts/new/ --data-binary 'csrf=x&title=%zz'
expect_status 400
apost "$JAR" /admin/upload/ -H 'Content-Type: multipart/form-data; boundary=XX' \
    --data-binary $'--XX\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XX--'
expect_status 400
apost "$JAR" /admin/posts/new/ -H 'Content-Type: text/plain' --data-binary 'x'
expect_status 400

printf 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' |
    base64 -d >"$STACK_DIR/dot.png"
printf '<html><script>alert(1)</script></html>' >"$STACK_DIR/evil.png"
apost "$JAR" /admin/upload/ -F "csrf=$CSRF" \
    -F "image=@$STACK_DIR/evil.png;type=image/png"
expect_status 400
expect_body_has 'not a JPEG, PNG, GIF or WebP image'
check 'a disguised file is not stored' \
    test -z "$(find "$STACK_PUBLIC/uploads" -type f 2>/dev/null)"
apost "$JAR" /admin/upload/ -F "image=@$STACK_DIR/dot.png;type=image/png"
expect_status 403
{ cat "$STACK_DIR/dot.png"; head -c 6000000 /dev/zero; } >"$STACK_DIR/huge.png"
apost "$JAR" /admin/upload/ -F "csrf=$CSRF" -F "image=@$STACK_DIR/huge.png"
expect_status 413
expect_body_has 'larger than 5 MB'
apost "$JAR" /admin/upload/ -F "csrf=$CSRF" \
    -F "image=@$STACK_DIR/dot.png;filename=../../x.php;type=text/plain"
expect_status 200
expect_body_matches '!\[Describe the image\]\(/uploads/[0-9]{4}/[0-9]{2}/[0-9a-f]{24}\.png\)' \
    'the Markdown to insert'
url=$(grep -oE '/uploads/[0-9]{4}/[0-9]{2}/[0-9a-f]{24}\.png' "$BODY" | head -n 1)
get "$url"
expect_status 200
expect_header Content-Type '^image/png'
check 'the upload is byte for byte' cmp -s "$BODY" "$STACK_DIR/dot.png"
apost "$JAR" /admin/upload/ -F "csrf=$CSRF" -F "post=$ID" \
    -F "image=@$STACK_DIR/dot.png"
expect_status 303
expect_header Location "^/admin/posts/$ID/\\?uploaded=/uploads/"
get "$(header_values Location)" -b "$JAR"
expect_body_matches 'value="!\[Describe the image\]\(/uploads/' 'the editor shows the Markdown'

# --------------------------------------- expiry, logout, passwords
db "UPDATE session SET last_seen = last_seen - 7201 WHERE user_id = (SELECT id FROM user WHERE slug = 'ann')"
get /admin/posts/ -b "$AJAR"
expect_status 303
expect_location '/admin/login/?expired=1'
get '/admin/login/?expired=1'
expect_body_has 'Your session has ended' 'the login page says why'
check 'the idle session is deleted' \
    test "$(db "SELECT count(*) FROM session s JOIN user u ON u.id = s.user_id WHERE u.slug = 'ann'")" = 0
login "$AJAR" ann "$PW_ANN"
db "UPDATE session SET created_at = created_at - 43201 WHERE user_id = (SELECT id FROM user WHERE slug = 'ann')"
get /admin/posts/ -b "$AJAR"
expect_status 303
expect_location '/admin/login/?expired=1'

OJAR=$STACK_DIR/ojar
login "$OJAR" ed "$PW_ED"
expect_status 303
printf 'editor password 2\n' | ./folio passwd ed >/dev/null 2>&1
get /admin/posts/ -b "$OJAR"
expect_status 303
get /admin/posts/ -b "$JAR"
expect_status 303
login "$JAR" ed 'editor password 2'
expect_status 303
CSRF=$(session_csrf "$JAR")
apost "$JAR" /admin/logout/
expect_status 403
apost "$JAR" /admin/logout/ --data-urlencode "csrf=$CSRF"
expect_status 303
expect_location '/admin/login/?out=1'
expect_header Set-Cookie '^folio_session=; Max-Age=0'
check 'logout deletes the session' test "$(db 'SELECT count(*) FROM session')" = 0
request GET /admin/posts/ -H "Cookie: folio_session=$token"
expect_status 303

# ------------------------------------------------------- throttling
db 'DELETE FROM login_failure'
for i in 1 2 3 4 5; do
	login "$STACK_DIR/tjar" ed "not the password $i"
	[ "$STATUS" = 401 ] || fail "failure $i: status $STATUS"
done
login "$STACK_DIR/tjar" ed 'editor password 2'
expect_status 429
expect_body_has 'Too many failed logins'
check 'no session while throttled' test "$(db 'SELECT count(*) FROM session')" = 0
throttle_msg=$(grep -o 'Too many failed logins[^<]*' "$BODY")
db 'DELETE FROM login_failure'
for i in 1 2 3 4 5; do
	login "$STACK_DIR/tjar" ghost "not the password $i"
done
login "$STACK_DIR/tjar" ghost 'whatever password'
expect_status 429
check 'unknown user: the same throttle message' \
    test "$(grep -o 'Too many failed logins[^<]*' "$BODY")" = "$throttle_msg"
check 'failures kept in SQLite' \
    test "$(db "SELECT count(*) FROM login_failure WHERE address = '127.0.0.1'")" -ge 5

# ------------------------------------------------------- the logs
# Each attempt is one line a sysadmin (or fail2ban) can act on; a name
# is logged only when it is an account's, and no secret is ever logged.
logs="$STACK_DIR/admin.log $STACK_DIR/handler.log $STACK_RUNDIR/error.log"
check 'log: a failed login names the request, account and address' \
    grep -q ': POST /admin/login/: login failed: user ed from 127\.0\.0\.1$' \
    "$STACK_DIR/admin.log"
check 'log: a failed login for no account does not echo the name' \
    grep -q 'login failed: unknown user from 127\.0\.0\.1$' "$STACK_DIR/admin.log"
check 'log: nobody-here is not in the log' \
    test -z "$(grep -l 'nobody-here' $logs)"
check 'log: a login' grep -q 'login ok: user ed from 127\.0\.0\.1$' \
    "$STACK_DIR/admin.log"
check 'log: throttled logins' \
    grep -q 'login refused (throttled): user ed from' "$STACK_DIR/admin.log"
declare -A secrets=([ed\'s password]=$PW_ED [ann\'s password]=$PW_ANN
    [ed\'s new password]='editor password 2'
    [a wrong password]='wrong password here' [a session token]=$token
    [a CSRF token]=$CSRF)
for what in "${!secrets[@]}"; do
	# shellcheck disable=SC2086 # $logs: the three files
	check "log: not $what" \
	    test -z "$(grep -lF -- "${secrets[$what]}" $logs)"
done

done_testing
