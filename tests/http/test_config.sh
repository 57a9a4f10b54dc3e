#!/usr/bin/env bash
# test_config.sh -- folio.conf(5) with the real handlers behind nginx:
# the database, a TCP socket and base_url come from the file (no
# FOLIO_DB); X-Forwarded-Proto is believed from a trusted proxy only
# (https links, Secure admin cookies); SIGHUP applies a changed file and
# refuses a broken one, naming its line, while the site keeps serving;
# `folio config check` reports every problem and exits 1.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

POST=/2022/03/18/late-ferry-to-gull-island/
PW='config test password'

stack_db
DB=$FOLIO_DB
unset FOLIO_DB FOLIO_TEMPLATES FOLIO_PUBLIC FOLIO_CONFIG
# The settings page's base URL must not hide the configuration's.
sqlite3 "$DB" "UPDATE site SET base_url = ''" ||
    bail "cannot clear the fixture's base_url"
CONF=$STACK_DIR/folio.conf
ADMIN_SOCK=$STACK_DIR/admin.sock

# The handler's TCP port, below Linux's ephemeral ports (32768 up), so no
# client connection of another test holds it.
tcp_port() {
	for ((i = 0; i < 20; i++)); do
		FPORT=$((20000 + RANDOM % 12000))
		port_in_use "$FPORT" || break
	done
}
tcp_port

# write_conf BASE_URL TRUSTED [MORE-LINES]
write_conf() {
	{
		printf '# folio.conf for test_config.sh\n'
		printf 'database = %s\n' "$DB"
		printf 'socket = 127.0.0.1:%s\n' "$FPORT"
		printf 'admin_socket = %s\n' "$ADMIN_SOCK"
		printf 'workers = %s\n' "${WORKERS:-2}"
		[ -n "$1" ] && printf 'base_url = %s\n' "$1"
		printf 'trusted_proxies = %s\n' "$2"
		[ -n "${3:-}" ] && printf '%s\n' "$3"
	} >"$CONF"
}
write_conf https://config.example/ '127.0.0.1 ::1'

# ------------------------------------------------------ folio config check

./folio config check --config "$CONF" >"$STACK_DIR/check.out" 2>&1
rc=$?
check "folio config check: a good file, exit 0 (got $rc)" test "$rc" -eq 0 ||
    diag <"$STACK_DIR/check.out"
check 'folio config check: shows where each value came from' \
    grep -qF "database = $DB	# $CONF:2" "$STACK_DIR/check.out"
check 'folio config check: defaults are marked' \
    grep -q '^log_level = info	# default$' "$STACK_DIR/check.out"
./folio --config "$CONF" config show >"$STACK_DIR/show.out" 2>&1
rc=$?
check "folio --config FILE config show, as folio(1) writes it (exit $rc)" \
    test "$rc" -eq 0 || diag <"$STACK_DIR/show.out"
check 'folio --config FILE config show: the same values' \
    grep -qF "database = $DB	# $CONF:2" "$STACK_DIR/show.out"
./folio --config "$CONF" config check --config "$CONF" >/dev/null 2>&1
rc=$?
check "--config twice: usage, exit 2 (got $rc)" test "$rc" -eq 2

cat >"$STACK_DIR/bad.conf" <<EOF
database = $DB
workers = many
# a comment
colour = blue
database = /elsewhere.db
timezone = Mars/Olympus
EOF
./folio config check --config "$STACK_DIR/bad.conf" \
    >"$STACK_DIR/bad.out" 2>"$STACK_DIR/bad.err"
rc=$?
check "folio config check: a broken file, exit 1 (got $rc)" test "$rc" -eq 1
for want in "bad.conf:2: workers: want a number" \
    'bad.conf:4: unknown key "colour"' \
    'bad.conf:5: database: set again (first on line 1)' \
    'bad.conf:6: timezone: unknown time zone'; do
	check "folio config check reports: $want" \
	    grep -qF "$want" "$STACK_DIR/bad.err" || diag <"$STACK_DIR/bad.err"
done
check 'folio config check: counts 4 problems' \
    grep -q '^folio config: 4 problems$' "$STACK_DIR/bad.err"

./folio config check --config "$STACK_DIR/none.conf" >/dev/null \
    2>"$STACK_DIR/none.err"
rc=$?
check "a named file that is missing is an error (exit $rc)" \
    test "$rc" -eq 1
check 'and says so' grep -qF 'none.conf: No such file or directory' \
    "$STACK_DIR/none.err"
FOLIO_DB=/no/such/dir/x.db ./folio config check --config "$CONF" \
    >"$STACK_DIR/env.out" 2>"$STACK_DIR/env.err"
rc=$?
check "config check: the environment beats the file, and an unusable \
database is a problem (exit $rc)" test "$rc" -eq 1
# shellcheck disable=SC2016 # a literal $
check 'config check: names the variable' \
    grep -qF '$FOLIO_DB: database: /no/such/dir/x.db: does not exist' \
    "$STACK_DIR/env.err" || diag <"$STACK_DIR/env.err"

# A CGI with a broken file answers 503 and logs the line.
FOLIO_DB='' cgi GET / '' FOLIO_CONFIG="$STACK_DIR/bad.conf"
expect_status 503
check 'CGI: the broken line is in the log' \
    grep -qF 'bad.conf:2: workers: want a number' "$STACK_DIR/cgi.err"
FOLIO_DB='' cgi GET / '' FOLIO_CONFIG="$CONF"
expect_status 200
expect_body_has 'https://config.example/' 'CGI: base_url from FOLIO_CONFIG'

# The CLI reads the file too: no FOLIO_DB anywhere.
printf '%s\n' "$PW" | ./folio --config "$CONF" user add boss --role admin \
    >"$STACK_DIR/user.log" 2>&1 ||
    bail 'folio --config FILE user add failed' "$(cat "$STACK_DIR/user.log")"
pass 'folio --config FILE user add writes the database the file names'

# ------------------------------------------------------------ the stack

# Both handlers as managers on the file's sockets, as systemd runs them.
setsid "$STACK_ADMIN" --config "$CONF" </dev/null \
    >>"$STACK_DIR/admin.log" 2>&1 &
STACK_ADMIN_PID=$!
for ((attempt = 0; attempt < 5; attempt++)); do
	setsid "$STACK_HANDLER" --config "$CONF" </dev/null \
	    >>"$STACK_DIR/handler.log" 2>&1 &
	STACK_HANDLER_PID=$!
	for ((i = 0; i < 100; i++)); do
		port_in_use "$FPORT" && break 2
		proc_alive "$STACK_HANDLER_PID" || break
		sleep 0.1
	done
	# Taken meanwhile by someone else: another port.
	grep -q 'cannot listen: Address already in use' \
	    "$STACK_DIR/handler.log" || break
	tcp_port
	write_conf https://config.example/ '127.0.0.1 ::1'
done
port_in_use "$FPORT" || bail "the handler does not listen on 127.0.0.1:$FPORT" \
    "$(tail -n 20 "$STACK_DIR/handler.log")"
for ((i = 0; i < 100; i++)); do
	[ -S "$ADMIN_SOCK" ] && break
	sleep 0.1
done
[ -S "$ADMIN_SOCK" ] || bail 'the admin handler made no socket' \
    "$(tail -n 20 "$STACK_DIR/admin.log")"
check 'the manager listens on the TCP socket from the file' \
    grep -q "listening on 127.0.0.1:$FPORT with 2 workers" \
    "$STACK_DIR/handler.log"

# nginx passes to the TCP socket.
STACK_SOCK=$STACK_DIR/unused.sock
STACK_ADMIN_SOCK=$ADMIN_SOCK
STACK_NGINX_EDIT="s|\"unix:$STACK_SOCK\"|127.0.0.1:$FPORT|"
stack_nginx
grep -q "fastcgi_pass 127.0.0.1:$FPORT;" "$STACK_RUNDIR/nginx.conf" ||
    bail 'nginx.conf does not pass to the TCP socket'
ORIGIN="http://127.0.0.1:$PORT"
JAR=$STACK_DIR/jar

get "$POST"
expect_status 200
expect_body_has 'href="https://config.example/2022/03/18/late-ferry-to-gull-island/"' \
    'base_url from the file makes the canonical URL'

# login JAR ORIGIN [CURL-ARGS]: the form, then its POST.
login() {
	local jar=$1 origin=$2 c
	shift 2
	get /admin/login/ -b "$jar" -c "$jar" "$@"
	c=$(csrf_of)
	request POST /admin/login/ -b "$jar" -c "$jar" -H "Origin: $origin" \
	    --data-urlencode "csrf=$c" --data-urlencode "name=boss" \
	    --data-urlencode "password=$PW" "$@"
}

login "$JAR" "$ORIGIN"
expect_status 303
expect_header Set-Cookie '^folio_session=.*HttpOnly; SameSite=Strict$'
get /admin/settings/ -b "$JAR"
expect_status 200
expect_body_has 'id="base_url-fixed"' 'settings: base_url shown as fixed by folio.conf'
expect_body_has 'value="https://config.example" readonly' \
    'settings: the field holds the configured value, read-only'
# Saving the page keeps the stored base URL, whatever the field sent.
csrf=$(csrf_of)
request POST /admin/settings/ -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$csrf" --data-urlencode 'title=Configured' \
    --data-urlencode "timezone=$(sqlite3 "$DB" 'SELECT timezone FROM site')" \
    --data-urlencode "posts_per_page=$(sqlite3 "$DB" \
    'SELECT posts_per_page FROM site')" \
    --data-urlencode 'base_url=https://typed.example' \
    --data-urlencode 'footer_links='
expect_status 303
check 'settings saved, but not the base URL fixed by folio.conf' \
    test "$(sqlite3 "$DB" 'SELECT title || "|" || base_url FROM site')" = \
    'Configured|'

# A trusted proxy says the client used HTTPS.
login "$STACK_DIR/jar2" "https://127.0.0.1:$PORT" \
    -H 'X-Forwarded-Proto: https'
expect_status 303
expect_header Set-Cookie '^folio_session=.*; Secure$'

# ---------------------------------------------------------------- SIGHUP

# until_body ERE PATH [CURL-ARGS]: ask until the body matches (the
# workers are replaced one by one), at most 10 seconds.
# shellcheck disable=SC2317 # (run through check)
until_body() {
	local ere=$1 i
	shift
	for ((i = 0; i < 50; i++)); do
		get "$@"
		grep -Eq "$ere" "$BODY" && return 0
		sleep 0.2
	done
	return 1
}

: >"$STACK_DIR/handler.log"
write_conf '' '127.0.0.1 ::1' "socket = 127.0.0.1:$((FPORT + 1))"
# The file now sets socket twice: a problem on line 7, refused.
kill -HUP "$STACK_HANDLER_PID"
for ((i = 0; i < 50; i++)); do
	grep -q 'reload refused' "$STACK_DIR/handler.log" && break
	sleep 0.1
done
check 'SIGHUP: a broken file names its line' \
    grep -qF "$CONF:7: socket: set again (first on line 3)" \
    "$STACK_DIR/handler.log" || diag <"$STACK_DIR/handler.log"
check 'SIGHUP: a broken file is refused' \
    grep -q 'reload refused: the workers keep the old configuration' \
    "$STACK_DIR/handler.log"
sleep 0.5
get "$POST"
expect_status 200
expect_body_has 'href="https://config.example/2022/03/18/late-ferry-to-gull-island/"' \
    'broken file: the old configuration still serves'

# Without base_url, links follow the request: https from a trusted proxy.
: >"$STACK_DIR/handler.log"
write_conf '' '127.0.0.1 ::1'
sed -i "s/^socket = .*/socket = 127.0.0.1:$((FPORT + 1))/" "$CONF"
kill -HUP "$STACK_HANDLER_PID"
check 'SIGHUP: the new file applies (no base_url: links from the request)' \
    until_body "href=\"http://127.0.0.1:$PORT$POST\"" "$POST"
check 'SIGHUP: a socket change is logged as needing a restart' \
    grep -q "socket changed from \"127.0.0.1:$FPORT\" to \"127.0.0.1:$((FPORT + 1))\": that takes a restart" \
    "$STACK_DIR/handler.log" || diag <"$STACK_DIR/handler.log"
get "$POST" -H 'X-Forwarded-Proto: https'
expect_status 200
expect_body_has "href=\"https://127.0.0.1:$PORT$POST\"" \
    'X-Forwarded-Proto: https from a trusted proxy: https links'
check 'and the share link is https too' \
    grep -qF "https%3A%2F%2F127.0.0.1%3A$PORT" "$BODY"

# Now nginx (127.0.0.1) is no longer trusted: the header is ignored; and
# one more worker.
WORKERS=3 write_conf '' '192.0.2.1'
kill -HUP "$STACK_HANDLER_PID"
check 'SIGHUP: X-Forwarded-Proto from an untrusted address is ignored' \
    until_body "href=\"http://127.0.0.1:$PORT$POST\"" "$POST" \
    -H 'X-Forwarded-Proto: https'
expect_body_lacks "https://127.0.0.1:$PORT" 'no https link at all'
# until_workers N: wait until the manager has N workers; 1 if it does not.
until_workers() {
	for ((i = 0; i < 50; i++)); do
		n=$(pgrep -c -P "$STACK_HANDLER_PID")
		[ "$n" -eq "$1" ] && return 0
		sleep 0.2
	done
	return 1
}
until_workers 3
check "SIGHUP: workers = 3 applies without a restart ($n workers)" \
    test "$n" -eq 3
check 'SIGHUP: the new number is logged' \
    grep -q 'info: workers: 3, was 2' "$STACK_DIR/handler.log"

kill -HUP "$STACK_ADMIN_PID"
for ((i = 0; i < 100; i++)); do
	[ "$(grep -c 'replaced after reload' "$STACK_DIR/admin.log")" -ge 2 ] &&
	    break
	sleep 0.1
done
login "$STACK_DIR/jar3" "https://127.0.0.1:$PORT" \
    -H 'X-Forwarded-Proto: https'
expect_status 403
login "$STACK_DIR/jar3" "$ORIGIN" -H 'X-Forwarded-Proto: https'
expect_status 303
check 'untrusted X-Forwarded-Proto: the session cookie is not Secure' \
    eval "! header_values Set-Cookie | grep -q Secure"

WORKERS=1 write_conf '' '192.0.2.1'
kill -HUP "$STACK_HANDLER_PID"
until_workers 1
check "SIGHUP: workers = 1 retires the others ($n workers)" test "$n" -eq 1
get "$POST"
expect_status 200
check 'the site served throughout' proc_alive "$STACK_HANDLER_PID"
check 'a loopback TCP socket: no exposure warning' \
    eval "! grep -q 'FastCGI has no authentication' '$STACK_DIR/handler.log'"

# Every address: FastCGI has no authentication, so the handler says so.
# Another test may hold the port on 127.0.0.1, which every address
# includes: then another port.
for ((try = 0; try < 5; try++)); do
	wport=$(random_port)
	FOLIO_DB=$DB timeout 2 ./cgi-bin/folio.fcgi --socket ":$wport" \
	    --workers 1 >"$STACK_DIR/wide.log" 2>&1
	grep -q 'Address already in use' "$STACK_DIR/wide.log" || break
done
check 'a TCP socket on every address: warned at start' \
    grep -q 'warning: every address: FastCGI has no authentication' \
    "$STACK_DIR/wide.log" || diag <"$STACK_DIR/wide.log"
done_testing
