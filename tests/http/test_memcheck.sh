#!/usr/bin/env bash
# test_memcheck.sh -- the workers live long, so what one request takes
# it must give back. The public and admin handlers run under valgrind's
# memcheck behind nginx, serve every kind of page (the admin a login, a
# post saved, an upload), stop, and must end with no memory error and
# nothing lost. Then, without valgrind, one public worker serves the
# same pages a thousand times more and its resident memory must not
# grow with the count (a leak valgrind calls "still reachable", such as
# a list that is never emptied, shows there).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

out=$("$FOLIO_ROOT/scripts/deps.sh" valgrind 2>&1) ||
    bail "cannot install valgrind" "$out"

stack_public_copy
VG=$STACK_DIR/valgrind
mkdir -p "$VG" || bail "cannot make $VG"
# Each handler through valgrind; the workers it forks stay under it,
# each with its own log (%p).
for h in folio folio-admin; do
	cat >"$STACK_DIR/$h.vg" <<SH
#!/bin/sh
exec valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect \\
    --errors-for-leak-kinds=definite,indirect \\
    --log-file="$VG/$h.%p.log" "$FOLIO_ROOT/cgi-bin/$h.fcgi" "\$@"
SH
	chmod +x "$STACK_DIR/$h.vg" || bail "chmod $h.vg"
done
STACK_HANDLER=$STACK_DIR/folio.vg STACK_ADMIN=$STACK_DIR/folio-admin.vg \
    stack_start
trap stack_stop EXIT
ORIGIN="http://127.0.0.1:$PORT"
JAR=$STACK_DIR/jar
POST=/2022/03/18/late-ferry-to-gull-island/

# Every route, each twice: the second from the worker's page cache.
public_pages() {
	local u
	for u in / /page/2/ "$POST" /about/ /about/our-team/board/ \
	    /category/news/ /category/news/events/page/2/ /tag/waterfront/ \
	    /author/marta-quill/ /2022/ /2022/03/ /2022/03/18/ '/?s=ferry' \
	    '/page/2/?s=harbor' /feed/ /feed/atom/ /category/news/feed/ \
	    /tag/ferries/feed/atom/ /sitemap.xml /robots.txt /nowhere/ \
	    /about '/%zz/' '/?s=%ff' /category/opinion/; do
		get "$u"
		get "$u"
	done
	request POST / --data a=1
	request HEAD "$POST"
}

public_pages
expect_status 200
get "$POST"
expect_page 200
etag=$(header_values ETag)
get "$POST" -H "If-None-Match: $etag"
expect_status 304

# The admin: a wrong password, a login, the editor, a post, held forms,
# an upload.
# Argon2id under valgrind takes seconds: more time than request() gives.
printf '%s\n' 'memcheck password 1' |
    ./folio user add mia --role admin >"$STACK_DIR/user.log" 2>&1 ||
    bail "folio user add failed" "$(cat "$STACK_DIR/user.log")"
get /admin/login/ -b "$JAR" -c "$JAR"
csrf=$(csrf_of)
request POST /admin/login/ -b "$JAR" -c "$JAR" -H "Origin: $ORIGIN" \
    --max-time 120 --data-urlencode "csrf=$csrf" --data-urlencode name=mia \
    --data-urlencode 'password=wrong password 1'
expect_status 401
request POST /admin/login/ -b "$JAR" -c "$JAR" -H "Origin: $ORIGIN" \
    --max-time 120 --data-urlencode "csrf=$csrf" --data-urlencode name=mia \
    --data-urlencode 'password=memcheck password 1'
expect_status 303
get /admin/posts/new/ -b "$JAR"
expect_status 200
csrf=$(csrf_of)
request POST /admin/posts/new/ -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$csrf" --data-urlencode 'title=Memcheck Notes' \
    --data-urlencode 'body=Some *text* and [a link](https://example.org/).' \
    --data-urlencode status=published \
    --data-urlencode 'publish_at=2024-05-01T10:00'
expect_status 303
request POST /admin/posts/new/ -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$csrf" --data-urlencode 'title=' \
    --data-urlencode 'body=No title.' --data-urlencode status=draft
expect_status 400
# Held forms: a stale token, then a session that ended and the login
# on the password screen (test_admin_lost.sh).
request POST /admin/posts/new/ -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=${csrf}x" --data-urlencode 'title=Stale & kept' \
    --data-urlencode status=draft
expect_status 403
sqlite3 "$FOLIO_DB" 'UPDATE session SET last_seen = last_seen - 7201'
request POST /admin/posts/new/ -b "$JAR" -c "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$csrf" --data-urlencode 'title=Kept & held' \
    --data-urlencode status=draft
expect_status 403
request POST /admin/posts/new/ -b "$JAR" -c "$JAR" -H "Origin: $ORIGIN" \
    --max-time 120 --data-urlencode "csrf=$(csrf_of)" \
    --data-urlencode 'title=Kept & held' --data-urlencode status=draft \
    --data-urlencode reauth_name=mia \
    --data-urlencode 'reauth_password=memcheck password 1'
expect_status 200
csrf=$(csrf_of)
printf 'GIF89a\001\000\001\000\000\000\000;' >"$STACK_DIR/dot.gif"
request POST /admin/upload/ -b "$JAR" -H "Origin: $ORIGIN" \
    -F "csrf=$csrf" -F "image=@$STACK_DIR/dot.gif;type=image/gif"
expect_status 200
get /admin/posts/ -b "$JAR"
expect_status 200
get '/admin/posts/?q=memcheck' -b "$JAR"
expect_status 200
public_pages

# Stop both (workers drain, then valgrind checks for leaks: slow), and
# read every process's report.
for pid in "$STACK_NGINX_PID" "$STACK_HANDLER_PID" "$STACK_ADMIN_PID"; do
	kill -TERM "$pid" 2>/dev/null
done
for ((i = 0; i < 600; i++)); do
	proc_alive "$STACK_HANDLER_PID" || proc_alive "$STACK_ADMIN_PID" ||
	    break
	sleep 0.1
done
check "the handlers stop under valgrind" \
    test -z "$(proc_alive "$STACK_HANDLER_PID" && echo up)$(proc_alive "$STACK_ADMIN_PID" && echo up)"
STACK_NGINX_PID=
for h in folio folio-admin; do
	logs=("$VG/$h".*.log)
	# The manager and two workers, each a log.
	check "$h: a report from the manager and its workers (${#logs[@]})" \
	    test "${#logs[@]}" -ge 3
	for log in "${logs[@]}"; do
		[ -e "$log" ] || continue
		if ! check "$h: valgrind reports nothing (${log##*/})" \
		    test ! -s "$log"; then
			diag <"$log"
		fi
	done
done
stack_stop

# ---------------------------------------------------------- growth
# One worker, plain. Each round moves the content generation, as a
# publish does, so the worker drops its cached pages and site data and
# renders every page again; what it holds once warm (10 rounds) must be
# what it holds after many more.
STACK_HANDLER_ARGS='--workers 1' stack_start
trap stack_stop EXIT
worker=$(group_stragglers "$STACK_HANDLER_PID" | head -n 1)
[ -n "$worker" ] || bail "no worker"
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$worker/status"; }
rounds() {
	local round
	for ((round = 0; round < $1; round++)); do
		sqlite3 "$FOLIO_DB" 'UPDATE generation SET n = n + 1' ||
		    bail "cannot move the generation"
		public_pages
	done
}
rounds 10
before=$(rss)
rounds 20
after=$(rss)
check "a worker does not grow with requests (${before} kB, then ${after} kB after 20 more rounds)" \
    test "$((after - before))" -le 128
check "the same worker served them all" proc_alive "$worker"

done_testing
