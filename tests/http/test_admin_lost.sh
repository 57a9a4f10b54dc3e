#!/usr/bin/env bash
# test_admin_lost.sh -- nothing typed is lost: a form sent after its
# session ended (the row deleted or its time moved in the SQLite file),
# with a stale CSRF token, or failing validation comes back with every
# field exactly as typed, and nothing is written by it. The password
# screen logs in through the login throttle; the editor's Save then
# saves. Also: a foreign Origin stays a plain 403, actions that are no
# form are sent again from a button, and the preview of a post is marked
# as one (bar, noindex, no share or feed links) while the site is not.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_start

ORIGIN="http://127.0.0.1:$PORT"
PW_ED='editor password 1'
PW_BOSS='admin password 1'
JAR=$STACK_DIR/jar

db() { sqlite3 -batch "$FOLIO_DB" "$1"; }

adduser() {
	printf '%s\n' "$3" | ./folio user add "$1" --role "$2" \
	    >>"$STACK_DIR/users.log" 2>&1 ||
	    bail "folio user add $1 failed" "$(cat "$STACK_DIR/users.log")"
}
adduser ed editor "$PW_ED"
adduser boss admin "$PW_BOSS"

login() {
	local c
	get /admin/login/ -b "$1" -c "$1"
	c=$(csrf_of)
	request POST /admin/login/ -b "$1" -c "$1" -H "Origin: $ORIGIN" \
	    --data-urlencode "csrf=$c" --data-urlencode "name=$2" \
	    --data-urlencode "password=$3"
	[ "$STATUS" = 303 ] || bail "login as $2 failed ($STATUS)"
}

session_csrf() {
	get /admin/posts/ -b "$1"
	csrf_of
}

apost() {
	local jar=$1 path=$2
	shift 2
	request POST "$path" -b "$jar" -c "$jar" -H "Origin: $ORIGIN" "$@"
}

# resend JAR PATH CLASS [NAME=VALUE...]: send the page's form (the first
# POST form with CLASS) as a browser would: the fields the page holds,
# with NAME typed as VALUE.
resend() {
	local jar=$1 path=$2 cls=$3
	shift 3
	cp "$BODY" "$STACK_DIR/page.html"
	node "$HTTP_DIR/form_fields.mjs" "$STACK_DIR/page.html" "$cls" "$@" \
	    >"$STACK_DIR/form.body" || bail "no form to send in the page"
	apost "$jar" "$path" \
	    -H 'Content-Type: application/x-www-form-urlencoded' \
	    --data-binary "@$STACK_DIR/form.body"
}

# expire_session USER: move the user's sessions past the idle limit.
expire_session() {
	db "UPDATE session SET last_seen = last_seen - 7201 WHERE user_id = (SELECT id FROM user WHERE slug = '$1')"
}

# What was typed: non-ASCII, characters HTML needs escaped, quotes,
# several lines.
TITLE=$'Tom & Jerry <b>bold</b> "quoted" \'single\' café — ünïcødé ✓'
BODY_MD=$'First line with <script>alert(1)</script> & a < b > c\n\nSecond paragraph: "quotes", \'apostrophes\', naïve façade, 日本語.'
EXCERPT=$'An excerpt & <em>more</em>'
TAGS='Harbor Lights, Fähre & Co'
E_TITLE='Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot; &#39;single&#39; café — ünïcødé ✓'
E_BODY_1='First line with &lt;script&gt;alert(1)&lt;/script&gt; &amp; a &lt; b &gt; c'
E_BODY_2='Second paragraph: &quot;quotes&quot;, &#39;apostrophes&#39;, naïve façade, 日本語.'

post_fields=(--data-urlencode "title=$TITLE" --data-urlencode "body=$BODY_MD"
    --data-urlencode "excerpt=$EXCERPT" --data-urlencode "tags=$TAGS"
    --data-urlencode status=draft --data-urlencode cat=3 --data-urlencode cat=1)
writes() {
	db "SELECT (SELECT count(*) FROM post) || '/' || (SELECT count(*) FROM post_revision) || '/' || (SELECT count(*) FROM tag) || '/' || (SELECT coalesce(max(updated_at), 0) FROM post)"
}

# ------------------------------------- the session ended while writing
login "$JAR" ed "$PW_ED"
CSRF=$(session_csrf "$JAR")
before=$(writes)
expire_session ed
apost "$JAR" /admin/posts/new/ --data-urlencode "csrf=$CSRF" "${post_fields[@]}"
expect_status 403
expect_valid_html
expect_body_has 'Log in again to keep your work' 'the password screen'
expect_body_has 'action="/admin/posts/new/"' '... on the same address'
expect_body_has 'name="reauth_password" type="password"' '... asks for the password'
expect_body_has 'name="reauth_name" type="text" autocomplete="username" required value="ed"' \
    '... the user name filled in from the session that ended'
expect_body_has "<input type=\"hidden\" name=\"title\" value=\"$E_TITLE\">" \
    'the title carried, escaped'
expect_body_has "$E_BODY_1" 'the text carried, escaped'
expect_body_has "$E_BODY_2" '... all of it'
expect_body_has 'name="tags" value="Harbor Lights, Fähre &amp; Co"' 'the tags carried'
expect_body_has 'name="cat" value="3"' 'the categories carried'
expect_body_has 'name="cat" value="1"' '... each'
expect_body_lacks "value=\"$CSRF\"" 'not the old token'
expect_header Set-Cookie '^folio_login=[A-Za-z0-9_-]{43};'
expect_body_lacks '<script>' 'nothing typed is markup'
check 'nothing written by the expired POST' test "$(writes)" = "$before"
check 'the expired session is gone' \
    test "$(db "SELECT count(*) FROM session")" = 0

# A wrong password: the screen again, the fields still there.
fails=$(db 'SELECT count(*) FROM login_failure')
resend "$JAR" /admin/posts/new/ held 'reauth_password=not my password'
expect_status 403
expect_body_has 'Wrong user name or password.'
expect_body_has "<input type=\"hidden\" name=\"title\" value=\"$E_TITLE\">" \
    'wrong password: the title still carried'
expect_body_has "$E_BODY_2" 'wrong password: the text still carried'
expect_body_has 'value="ed"' 'wrong password: the name as typed'
check 'a wrong password counts as a failed login' \
    test "$(db 'SELECT count(*) FROM login_failure')" = "$((fails + 1))"
check 'no session from a wrong password' \
    test "$(db 'SELECT count(*) FROM session')" = 0
check 'log: the failure is logged as a login' \
    grep -q 'POST /admin/posts/new/: login failed: user ed from' \
    "$STACK_DIR/admin.log"

# The right password: the editor as typed, with a new token, unsaved.
resend "$JAR" /admin/posts/new/ held "reauth_password=$PW_ED"
expect_status 200
expect_valid_html
expect_header Set-Cookie '^folio_session=[A-Za-z0-9_-]{43};'
expect_body_has 'You are logged in again. Nothing has been saved yet' \
    'the editor says nothing is saved yet'
expect_body_has "id=\"title\" name=\"title\" type=\"text\" maxlength=\"300\" value=\"$E_TITLE\"" \
    'the editor: the title as typed'
expect_body_has "$E_BODY_1" 'the editor: the text as typed'
expect_body_has "$E_BODY_2</textarea>" '... to its end'
expect_body_has 'An excerpt &amp; &lt;em&gt;more&lt;/em&gt;</textarea>' \
    'the editor: the excerpt'
expect_body_has 'value="Harbor Lights, Fähre &amp; Co"' 'the editor: the tags'
expect_body_matches 'value="3" checked' 'the editor: category 3 ticked'
expect_body_matches 'value="1" checked' 'the editor: category 1 ticked'
expect_body_lacks 'please correct the fields' 'no field is blamed'
NEW_CSRF=$(csrf_of)
check 'a fresh token, the new session'"'"'s' \
    test "$NEW_CSRF" = "$(db 'SELECT csrf FROM session')" -a "$NEW_CSRF" != "$CSRF"
check 'nothing written by logging in again' test "$(writes)" = "$before"
check 'one session' test "$(db 'SELECT count(*) FROM session')" = 1
check 'the failures of that name are cleared by the login' \
    test "$(db "SELECT count(*) FROM login_failure WHERE username = 'ed'")" = 0

# Save, as the author presses it: the page's fields, the new token.
resend "$JAR" /admin/posts/new/ editor
expect_status 303
expect_header Location '^/admin/posts/[0-9]+/\?saved=1$'
ID=$(header_values Location | sed 's|/admin/posts/\([0-9]*\)/.*|\1|')
check 'saved: the title exactly as typed' \
    test "$(db "SELECT title FROM post WHERE id = $ID")" = "$TITLE"
check 'saved: the text exactly as typed (newlines as the browser sends them)' \
    test "$(db "SELECT replace(body_md, char(13), '') FROM post WHERE id = $ID")" = "$BODY_MD"
check 'saved: the excerpt' \
    test "$(db "SELECT excerpt FROM post WHERE id = $ID")" = "$EXCERPT"
check 'saved: both tags' \
    test "$(db "SELECT group_concat(t.name, '|') FROM (SELECT t.name FROM post_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.post_id = $ID ORDER BY t.name) t")" = 'Fähre & Co|Harbor Lights'
check 'saved: both categories' \
    test "$(db "SELECT count(*) FROM post_category WHERE post_id = $ID")" = 2
check 'saved once: one revision' \
    test "$(db "SELECT count(*) FROM post_revision WHERE post_id = $ID")" = 1

# The session row deleted outright: no name to fill in, fields kept.
CSRF=$NEW_CSRF
db 'DELETE FROM session'
before=$(writes)
apost "$JAR" "/admin/posts/$ID/" --data-urlencode "csrf=$CSRF" \
    --data-urlencode 'title=Changed after the row went' \
    --data-urlencode "body=$BODY_MD" --data-urlencode status=draft
expect_status 403
expect_body_has 'name="reauth_name" type="text" autocomplete="username" required value=""' \
    'no session row: the name is left to type'
expect_body_has 'name="title" value="Changed after the row went"'
expect_body_has "action=\"/admin/posts/$ID/\""
check 'nothing written' test "$(writes)" = "$before"
resend "$JAR" "/admin/posts/$ID/" held reauth_name=ed \
    "reauth_password=$PW_ED"
expect_status 200
expect_body_has 'value="Changed after the row went"' 'logged in: the change as typed'
check 'nothing written' test "$(writes)" = "$before"
CSRF=$(csrf_of)

# No cookie at all (another browser): the same screen.
request POST /admin/posts/new/ -H "Origin: $ORIGIN" \
    --data-urlencode 'csrf=whatever' "${post_fields[@]}"
expect_status 403
expect_body_has 'name="reauth_password"' 'no cookie: the password screen'
expect_body_has "$E_BODY_2" 'no cookie: the text carried'

# A foreign page is refused outright: nothing carried, no password asked.
expire_session ed
request POST /admin/posts/new/ -b "$JAR" -H 'Origin: http://evil.example' \
    "${post_fields[@]}"
expect_status 403
expect_body_lacks 'reauth_password' 'foreign Origin: no password screen'
expect_body_lacks 'Jerry' 'foreign Origin: nothing typed echoed'
expect_body_has 'did not come from a page of this site'
check 'nothing written' test "$(writes)" = "$before"

# ------------------------------------------ a stale token, a live session
login "$JAR" ed "$PW_ED"
CSRF=$(session_csrf "$JAR")
case $CSRF in *A) OLD=${CSRF%?}B ;; *) OLD=${CSRF%?}A ;; esac
before=$(writes)
apost "$JAR" "/admin/posts/$ID/" --data-urlencode "csrf=$OLD" \
    --data-urlencode "title=Stale $TITLE" "${post_fields[@]:2}"
expect_status 403
expect_valid_html
expect_body_has 'Nothing was saved: this form had expired' 'stale token: says so'
expect_body_has "value=\"Stale $E_TITLE\"" 'stale token: the title as typed'
expect_body_has "$E_BODY_2</textarea>" 'stale token: the text as typed'
check 'stale token: the fresh token in the form' test "$(csrf_of)" = "$CSRF"
check 'stale token: nothing written' test "$(writes)" = "$before"
resend "$JAR" "/admin/posts/$ID/" editor
expect_status 303
check 'then Save saves it' \
    test "$(db "SELECT title FROM post WHERE id = $ID")" = "Stale $TITLE"

# A missing token is a stale one too.
before=$(writes)
apost "$JAR" "/admin/posts/$ID/" --data-urlencode 'title=No token at all' \
    --data-urlencode status=draft
expect_status 403
expect_body_has 'value="No token at all"'
check 'no token: nothing written' test "$(writes)" = "$before"

# A stale token and a field the rules refuse: both said.
apost "$JAR" "/admin/posts/$ID/" --data-urlencode "csrf=$OLD" \
    --data-urlencode 'title=' --data-urlencode 'body=kept words' \
    --data-urlencode status=draft
expect_status 403
expect_body_has 'A post needs a title.' 'stale and invalid: the field message'
expect_body_has 'Some fields need correcting first'
expect_body_has 'kept words</textarea>'

# ------------------------------------ actions that are no form: a button
apost "$JAR" "/admin/posts/$ID/trash/" --data-urlencode "csrf=$OLD"
expect_status 403
expect_body_has 'Not done yet'
expect_body_has "action=\"/admin/posts/$ID/trash/\""
check 'stale trash: not in the trash' \
    test "$(db "SELECT status FROM post WHERE id = $ID")" = draft
resend "$JAR" "/admin/posts/$ID/trash/" held
expect_status 303
check 'the button does it' \
    test "$(db "SELECT status FROM post WHERE id = $ID")" = trash
CSRF=$(session_csrf "$JAR")
expire_session ed
apost "$JAR" "/admin/posts/$ID/untrash/" --data-urlencode "csrf=$CSRF"
expect_status 403
expect_body_has 'name="reauth_password"' 'an action after expiry: the password screen'
resend "$JAR" "/admin/posts/$ID/untrash/" held "reauth_password=$PW_ED"
expect_status 200
expect_body_has 'You are logged in again. Nothing was changed yet.'
check 'logging in did not do it' \
    test "$(db "SELECT status FROM post WHERE id = $ID")" = trash
resend "$JAR" "/admin/posts/$ID/untrash/" held
expect_status 303
check 'the button does it' \
    test "$(db "SELECT status FROM post WHERE id = $ID")" = draft

# Logging out of a session already over: logged out.
CSRF=$(session_csrf "$JAR")
expire_session ed
apost "$JAR" /admin/logout/ --data-urlencode "csrf=$CSRF"
expect_status 303
expect_location '/admin/login/?out=1'

# An upload cannot carry its file: the screen says so.
login "$JAR" ed "$PW_ED"
CSRF=$(session_csrf "$JAR")
expire_session ed
printf 'GIF89a' >"$STACK_DIR/x.gif"
apost "$JAR" /admin/upload/ -F "csrf=$CSRF" -F "post=$ID" \
    -F "image=@$STACK_DIR/x.gif"
expect_status 403
expect_body_has 'A file cannot be kept on this page' 'upload: the file is not carried'
expect_body_has "name=\"post\" value=\"$ID\"" 'upload: its other fields are'
expect_body_has 'href="/admin/upload/">choose it again' 'upload: a way back to the form'

# The login form itself, older than its cookie: the name stays.
get /admin/login/ -c "$STACK_DIR/ljar"
request POST /admin/login/ -H "Origin: $ORIGIN" --data-urlencode 'csrf=old' \
    --data-urlencode 'name=ed' --data-urlencode "password=$PW_ED"
expect_status 403
expect_body_has 'This login form had expired' 'stale login form: says so'
expect_body_has 'name="name" type="text" autocomplete="username" required value="ed"'
expect_body_lacks "$PW_ED" 'the password is never echoed'

# ------------------------------------------- the throttle still counts
login "$JAR" ed "$PW_ED"
CSRF=$(session_csrf "$JAR")
expire_session ed
db 'DELETE FROM login_failure'
apost "$JAR" /admin/posts/new/ --data-urlencode "csrf=$CSRF" "${post_fields[@]}"
for i in 1 2 3 4 5; do
	resend "$JAR" /admin/posts/new/ held \
	    "reauth_password=wrong password $i"
	[ "$STATUS" = 403 ] || fail "wrong password $i: status $STATUS"
done
resend "$JAR" /admin/posts/new/ held "reauth_password=$PW_ED"
expect_status 429
expect_body_has 'Too many failed logins'
expect_body_has "<input type=\"hidden\" name=\"title\" value=\"$E_TITLE\">" \
    'throttled: the fields are still carried'
check 'throttled: no session' test "$(db 'SELECT count(*) FROM session')" = 0
check 'five failures counted' \
    test "$(db "SELECT count(*) FROM login_failure WHERE username = 'ed'")" = 5
get /admin/login/ -b "$STACK_DIR/tjar" -c "$STACK_DIR/tjar"
c=$(csrf_of)
request POST /admin/login/ -b "$STACK_DIR/tjar" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$c" --data-urlencode 'name=ed' \
    --data-urlencode "password=$PW_ED"
expect_status 429
db 'DELETE FROM login_failure'

# ------------------------------------------ validation: every editor
B=$STACK_DIR/boss
login "$B" boss "$PW_BOSS"
BT=$(session_csrf "$B")
T1=$'Quay & Co <Ltd> "Nord" café'
ET1='Quay &amp; Co &lt;Ltd&gt; &quot;Nord&quot; café'
D1=$'Line one & <two>\nLine "three" ünï'
ED1_A='Line one &amp; &lt;two&gt;'
ED1_B='Line &quot;three&quot; ünï'
state() {
	db "SELECT (SELECT count(*) FROM page) || (SELECT count(*) FROM category) || (SELECT count(*) FROM tag) || (SELECT count(*) FROM menu_item) || (SELECT count(*) FROM user) || (SELECT title || tagline FROM site) || (SELECT group_concat(password_hash) FROM user)"
}
before=$(state)

# A page: no title.
apost "$B" /admin/pages/new/ --data-urlencode "csrf=$BT" \
    --data-urlencode 'title=' --data-urlencode 'slug=Bad Slug' \
    --data-urlencode "body=$D1" --data-urlencode status=published \
    --data-urlencode position=7
expect_status 400
expect_body_has 'value="Bad Slug"' 'page: the slug as typed'
expect_body_has "$ED1_A" 'page: the text'
expect_body_has "$ED1_B</textarea>" 'page: ... all of it'
expect_body_matches 'value="published" checked' 'page: the status'
expect_body_has 'value="7"' 'page: the position'
# A category: a slug the rules refuse.
apost "$B" /admin/categories/new/ --data-urlencode "csrf=$BT" \
    --data-urlencode "name=$T1" --data-urlencode 'slug=No Good' \
    --data-urlencode "description=$D1" --data-urlencode parent=1
expect_status 400
expect_body_has "value=\"$ET1\"" 'category: the name'
expect_body_has 'value="No Good"' 'category: the slug'
expect_body_has "$ED1_B</textarea>" 'category: the description'
expect_body_matches 'value="1" selected' 'category: the parent'
# A tag: a name with a comma.
TAG=$(db 'SELECT min(id) FROM tag')
apost "$B" "/admin/tags/$TAG/" --data-urlencode "csrf=$BT" \
    --data-urlencode "name=$T1, two" --data-urlencode 'slug=some-slug' \
    --data-urlencode "description=$D1"
expect_status 400
expect_body_has "value=\"$ET1, two\"" 'tag: the name'
expect_body_has 'value="some-slug"' 'tag: the slug'
expect_body_has "$ED1_B</textarea>" 'tag: the description'
# A menu item: a label too long, an address typed.
LONG=$(printf 'é%.0s' $(seq 101))
apost "$B" /admin/menu/new/ --data-urlencode "csrf=$BT" \
    --data-urlencode "label=$LONG" --data-urlencode target=url \
    --data-urlencode 'url=https://example.org/a?b=1&c="2"'
expect_status 400
expect_body_has "value=\"$LONG\"" 'menu item: the label'
expect_body_has 'value="https://example.org/a?b=1&amp;c=&quot;2&quot;"' 'menu item: the address'
expect_body_matches 'value="url"[^>]* checked' 'menu item: the target'
# Settings: a bad number.
apost "$B" /admin/settings/ --data-urlencode "csrf=$BT" \
    --data-urlencode "title=$T1" --data-urlencode "tagline=$T1 tag" \
    --data-urlencode "mission=$D1" --data-urlencode posts_per_page=0 \
    --data-urlencode timezone=America/New_York \
    --data-urlencode $'footer_links=Privacy & you | /privacy/\nTerms | /terms/'
expect_status 400
expect_body_has "value=\"$ET1\"" 'settings: the title'
expect_body_has "value=\"$ET1 tag\"" 'settings: the tagline'
expect_body_has "$ED1_B</textarea>" 'settings: the mission'
expect_body_has 'value="0"' 'settings: the number'
expect_body_has 'Privacy &amp; you | /privacy/' 'settings: the footer links'
# A user: a name already taken; the password is never echoed.
apost "$B" /admin/users/new/ --data-urlencode "csrf=$BT" \
    --data-urlencode slug=ed --data-urlencode "name=$T1" \
    --data-urlencode 'email=x@example.org' --data-urlencode "bio=$D1" \
    --data-urlencode role=editor --data-urlencode 'password=a new secret 123'
expect_status 400
expect_body_has 'This login name is taken.'
expect_body_has "value=\"$ET1\"" 'user: the name'
expect_body_has 'value="x@example.org"' 'user: the e-mail'
expect_body_has "$ED1_B</textarea>" 'user: the bio'
expect_body_lacks 'a new secret 123' 'user: the password is not echoed'
# The account: a wrong current password; no password is echoed.
apost "$B" /admin/account/ --data-urlencode "csrf=$BT" \
    --data-urlencode 'current=not it at all' \
    --data-urlencode 'password=a new secret 123' \
    --data-urlencode 'again=a new secret 123'
expect_status 400
expect_body_has 'This is not your current password.'
expect_body_lacks 'a new secret 123' 'account: passwords are not echoed'
check 'no editor wrote anything' test "$(state)" = "$before"

# The same forms after the session ended: kept through the login.
expire_session boss
apost "$B" /admin/settings/ --data-urlencode "csrf=$BT" \
    --data-urlencode "title=$T1" --data-urlencode "tagline=$T1 tag" \
    --data-urlencode "mission=$D1" --data-urlencode posts_per_page=9 \
    --data-urlencode timezone=America/New_York
expect_status 403
resend "$B" /admin/settings/ held "reauth_password=$PW_BOSS"
expect_status 200
expect_body_has "value=\"$ET1\"" 'settings after the login: the title'
expect_body_has "$ED1_B</textarea>" 'settings after the login: the mission'
check 'settings after the login: nothing written' test "$(state)" = "$before"
BT=$(csrf_of)
expire_session boss
apost "$B" /admin/users/new/ --data-urlencode "csrf=$BT" \
    --data-urlencode slug=newbie --data-urlencode "name=$T1" \
    --data-urlencode role=author --data-urlencode 'password=a new secret 123'
expect_status 403
expect_body_lacks 'a new secret 123' 'the password screen does not carry passwords'
expect_body_has 'Passwords are never kept'
resend "$B" /admin/users/new/ held "reauth_password=$PW_BOSS"
expect_status 200
expect_body_has "value=\"$ET1\"" 'user after the login: the name'
expect_body_has 'value="newbie"' 'user after the login: the login name'
expect_body_has 'Passwords are never kept: type again any you had typed.'
check 'user after the login: nothing written' test "$(state)" = "$before"

# The start screen's quick draft, after the session ended.
BT=$(session_csrf "$B")
expire_session boss
nposts=$(db 'SELECT count(*) FROM post')
apost "$B" /admin/ --data-urlencode "csrf=$BT" --data-urlencode "title=$T1" \
    --data-urlencode "body=$D1"
expect_status 403
expect_body_has 'action="/admin/"' 'quick draft: the password screen on the start screen'
resend "$B" /admin/ held "reauth_password=$PW_BOSS"
expect_status 200
expect_body_has "id=\"quick-title\" name=\"title\" type=\"text\" maxlength=\"300\" value=\"$ET1\"" \
    'quick draft after the login: the title as typed'
expect_body_has "$ED1_B</textarea>" 'quick draft after the login: the text'
expect_body_has 'Nothing has been saved yet' 'quick draft after the login: not saved'
check 'quick draft after the login: nothing written' \
    test "$(db 'SELECT count(*) FROM post')" = "$nposts"
resend "$B" /admin/ /admin/
expect_status 303
check 'then its button saves it' \
    test "$(db "SELECT count(*) FROM post WHERE title = '$(printf %s "$T1" | sed "s/'/''/g")'")" = 1

# ----------------------------------------------------------- preview
BT=$(session_csrf "$B")
get /2022/03/18/late-ferry-to-gull-island/
expect_status 200
expect_body_lacks 'preview-bar' 'the site: no preview bar'
expect_body_lacks 'name="robots"' 'the site: indexable'
expect_body_has 'Share on X' 'the site: share links'
expect_body_has 'type="application/rss+xml"' 'the site: feed links'
public=$(cat "$BODY")
PID=$(db "SELECT id FROM post WHERE slug = 'late-ferry-to-gull-island'")
get "/admin/posts/$PID/preview/" -b "$B"
expect_status 200
expect_valid_html
expect_body_has '<p class="preview-bar" role="note"><strong>Preview, not published</strong>' \
    'preview: the bar'
expect_body_has "href=\"/admin/posts/$PID/\">Back to the editor" 'preview: back to the editor'
expect_body_has '<meta name="robots" content="noindex">' 'preview: noindex'
expect_body_lacks 'Share on' 'preview: no share links'
expect_body_lacks 'x.com/intent' 'preview: ... none at all'
expect_body_lacks 'application/rss+xml' 'preview: no feed links'
expect_body_lacks 'application/atom+xml' 'preview: ... no Atom either'
expect_body_lacks 'rel="canonical"' 'preview: no canonical address'
expect_body_has 'class="entry-title">Late Ferry to Gull Island' 'preview: the site'"'"'s template'
apost "$B" /admin/posts/preview/ --data-urlencode "csrf=$BT" \
    --data-urlencode "title=$T1" --data-urlencode 'body=Unsaved *words*'
expect_status 200
expect_body_has 'Preview, not published' 'unsaved preview: the bar'
expect_body_lacks 'Back to the editor' 'unsaved new post: no editor to go back to'
expect_body_has '<meta name="robots" content="noindex">' 'unsaved preview: noindex'
expect_body_lacks 'Share on' 'unsaved preview: no share links'
get /2022/03/18/late-ferry-to-gull-island/
check 'the public page is unchanged by previews' test "$(cat "$BODY")" = "$public"

# A page's preview: the same page.tmpl and breadcrumbs as the site's.
get /about/our-team/
expect_status 200
expect_body_lacks 'preview-bar' 'the site'"'"'s page: no preview bar'
ppublic=$(cat "$BODY")
get /admin/pages/2/preview/ -b "$B"
expect_status 200
expect_valid_html
expect_body_has 'Preview, not published' 'page preview: the bar'
expect_body_has 'href="/admin/pages/2/">Back to the editor' 'page preview: back to the editor'
expect_body_has '<meta name="robots" content="noindex">' 'page preview: noindex'
expect_body_lacks 'application/rss+xml' 'page preview: no feed links'
expect_body_has '<li><a href="/about/">About the Lantern</a></li>' 'page preview: the breadcrumbs'
expect_body_has 'href="/about/our-team/board/"' 'page preview: its children'
expect_body_has 'Three writers, one borrowed office' 'page preview: the saved text'
npages=$(db 'SELECT count(*) || group_concat(title) FROM page')
apost "$B" /admin/pages/2/preview/ --data-urlencode "csrf=$BT"     --data-urlencode "title=$T1" --data-urlencode 'body=Unsaved _page_ words'     --data-urlencode parent=1 --data-urlencode slug=our-team     --data-urlencode status=published
expect_status 200
expect_body_has "class=\"entry-title\">$ET1<" 'page preview of the form: the title typed'
expect_body_has '<em>page</em>' 'page preview of the form: the Markdown'
expect_body_has 'Preview, not published' 'page preview of the form: the bar'
check 'a page preview writes nothing' \
    test "$(db 'SELECT count(*) || group_concat(title) FROM page')" = "$npages"
get /about/our-team/
check 'the public page is unchanged by page previews' test "$(cat "$BODY")" = "$ppublic"
get /admin/pages/2/ -b "$B"
expect_body_has 'href="/admin/pages/2/preview/">Preview</a>' 'the page editor links its preview'
apost "$B" /admin/pages/preview/ --data-urlencode "csrf=$BT" \
    --data-urlencode 'title=A Page Not Saved' --data-urlencode 'body=New *page*' \
    --data-urlencode parent=1
expect_status 200
expect_body_has 'class="entry-title">A Page Not Saved<' 'a new page'"'"'s preview: the title'
expect_body_has '<em>page</em>' 'a new page'"'"'s preview: the Markdown'
expect_body_has '<li><a href="/about/">About the Lantern</a></li>' 'a new page'"'"'s preview: below its parent'
expect_body_has 'Preview, not published' 'a new page'"'"'s preview: the bar'
expect_body_lacks 'Back to the editor' 'a new page'"'"'s preview: no editor to go back to'
check 'a new page'"'"'s preview writes nothing' \
    test "$(db 'SELECT count(*) || group_concat(title) FROM page')" = "$npages"
get /admin/pages/new/ -b "$B"
expect_body_has 'formaction="/admin/pages/preview/"' 'the new page editor has Preview'

done_testing
