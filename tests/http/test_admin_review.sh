#!/usr/bin/env bash
# test_admin_review.sh -- what a security review of the admin found, each
# kept fixed: parallel logins cannot beat the throttle, "untrash" cannot
# unpublish a live post or page, and logging in again ends the session
# before.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_public_copy
stack_start

PW='editor password 1'
ORIGIN="http://127.0.0.1:$PORT"
db() { sqlite3 -batch "$FOLIO_DB" "PRAGMA busy_timeout = 5000; $1" | tail -n 1; }
printf '%s\n' "$PW" | ./folio user add ed --role editor \
    >"$STACK_DIR/users.log" 2>&1 || bail "folio user add failed"

# One login attempt with its own cookie jar; prints the status.
attempt() {
	local jar=$STACK_DIR/jar$1 page=$STACK_DIR/page$1 c
	curl -s -o "$page" -b "$jar" -c "$jar" \
	    "http://127.0.0.1:$PORT/admin/login/"
	c=$(csrf_of "$page")
	curl -s -o /dev/null -w '%{http_code}\n' -b "$jar" -c "$jar" \
	    -H "Origin: $ORIGIN" --data-urlencode "csrf=$c" \
	    --data-urlencode "name=ed" \
	    --data-urlencode "password=wrong password $1" \
	    "http://127.0.0.1:$PORT/admin/login/"
}

# ------------------------------------------- the throttle, in parallel
pids=()
for i in $(seq 1 12); do
	attempt "$i" >"$STACK_DIR/status$i" &
	pids+=($!)
done
wait "${pids[@]}"	# not the stack's servers, which are children too
cat "$STACK_DIR"/status* >"$STACK_DIR/statuses"
n401=$(grep -c '^401$' "$STACK_DIR/statuses")
n429=$(grep -c '^429$' "$STACK_DIR/statuses")
check "12 parallel wrong logins: at most 5 checked ($n401), the rest 429 ($n429)" \
    test "$n401" -le 5 -a $((n401 + n429)) -eq 12
check 'at most 5 failures recorded' \
    test "$(db 'SELECT count(*) FROM login_failure')" -le 5
db 'DELETE FROM login_failure' >/dev/null

# ------------------------------------------------------- one session
# login JAR: the login form, then its POST, with that jar's cookies.
login() {
	get /admin/login/ -b "$1" -c "$1"
	c=$(csrf_of "$BODY")
	request POST /admin/login/ -b "$1" -c "$1" -H "Origin: $ORIGIN" \
	    --data-urlencode "csrf=$c" --data-urlencode "name=ed" \
	    --data-urlencode "password=$PW"
}
session_of() {
	header_values Set-Cookie | sed -n 's/^folio_session=\([^;]*\);.*/\1/p'
}
JAR=$STACK_DIR/jar
login "$JAR"
expect_status 303
old=$(session_of)
# Logged in, the same browser posts the login form again (a stale tab,
# say), with its session's CSRF token as any of its forms carries.
get /admin/posts/ -b "$JAR"
c=$(csrf_of "$BODY")
request POST /admin/login/ -b "$JAR" -c "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$c" --data-urlencode "name=ed" \
    --data-urlencode "password=$PW"
expect_status 303
new=$(session_of)
check 'a new token at the second login' test -n "$new" -a "$new" != "$old"
get /admin/posts/ -H "Cookie: folio_session=$old"
expect_status 303
expect_header Location '^/admin/login/'
check 'one session left' test "$(db 'SELECT count(*) FROM session')" = 1

# -------------------------------------- untrash only from the trash
get /admin/posts/ -b "$JAR"
CSRF=$(csrf_of "$BODY")
request POST /admin/posts/12/untrash/ -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF"
expect_status 409
check 'a live post stays published' \
    test "$(db 'SELECT status FROM post WHERE id = 12')" = published
request POST /admin/posts/12/trash/ -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF"
expect_status 303
request POST /admin/posts/12/trash/ -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF"
expect_status 409
request POST /admin/posts/12/untrash/ -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF"
expect_status 303
check 'out of the trash as a draft' \
    test "$(db 'SELECT status FROM post WHERE id = 12')" = draft

# The same for pages.
page=$(db "SELECT id FROM page WHERE status = 'published' ORDER BY id LIMIT 1")
request POST "/admin/pages/$page/untrash/" -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF"
expect_status 409
check 'a live page stays published' \
    test "$(db "SELECT status FROM page WHERE id = $page")" = published
request POST "/admin/pages/$page/trash/" -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF"
expect_status 303
expect_location '/admin/pages/?trashed=1'
request POST "/admin/pages/$page/trash/" -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF"
expect_status 409
request POST "/admin/pages/$page/untrash/" -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$CSRF"
expect_status 303
expect_location "/admin/pages/$page/?untrashed=1"
check 'the page is out of the trash as a draft' \
    test "$(db "SELECT status FROM page WHERE id = $page")" = draft

done_testing
