# shellcheck shell=bash
# lib.sh -- the HTTP test harness, sourced by tests/http/test_*.sh.
#
#   . "$(dirname "$0")/lib.sh"
#   stack_start                  # temp dir, fixture database, handler, nginx
#   get /2022/03/18/late-ferry-to-gull-island/
#   expect_status 200
#   expect_body_has "March 18, 2022"
#   cgi GET /no-such-page/       # the same handler as plain CGI
#   expect_status 404
#   done_testing
#
# Each expect_* prints one "ok - ..." or "not ok - ..." line (tests/run.sh
# counts them) and, on failure, a diagnostic on stderr whose lines start
# with "#". The last response is in $STATUS, the files $BODY and $HEADERS.
# An EXIT trap stops everything stack_start started and removes its temp
# dir; a test that sets its own EXIT trap must call stack_stop itself.
#
# stack_start also starts the admin handler (STACK_ADMIN, default
# cgi-bin/folio-admin.fcgi) behind /admin/ when it is built; a test that
# uploads files calls stack_public_copy first, so they land in a copy of
# public/ inside the temp dir, not in the checkout.
#
# Settings (environment): STACK_HANDLER (default cgi-bin/folio.fcgi),
# STACK_PUBLIC (default public/), STACK_FIXTURE (default the fixture.sql
# beside this file), STACK_HANDLER_ARGS (more options for the handler's
# manager, split at spaces), STACK_NGINX_ARGS (more options for
# scripts/nginx-conf.sh, split at spaces). The lib works from the
# repository root (it cd's there).
set -u

HTTP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FOLIO_ROOT=$(cd "$HTTP_DIR/../.." && pwd)
cd "$FOLIO_ROOT" || exit 1

STACK_HANDLER=${STACK_HANDLER:-$FOLIO_ROOT/cgi-bin/folio.fcgi}
STACK_PUBLIC=${STACK_PUBLIC:-$FOLIO_ROOT/public}
STACK_ADMIN=${STACK_ADMIN:-$FOLIO_ROOT/cgi-bin/folio-admin.fcgi}
STACK_ADMIN_SOCK=
STACK_ADMIN_PID=
STACK_FIXTURE=${STACK_FIXTURE:-$HTTP_DIR/fixture.sql}

STACK_DIR=
STACK_SOCK=
STACK_RUNDIR=
PORT=
FOLIO_DB=
STACK_HANDLER_PID=
STACK_NGINX_PID=
BODY=/dev/null
HEADERS=/dev/null
STATUS=000
REQ='(no request yet)'
TESTS_PASSED=0
TESTS_FAILED=0

# ---------------------------------------------------------------- output

# Print a diagnostic: arguments, or standard input when there are none.
diag() {
	if [ "$#" -gt 0 ]; then
		printf '#   %s\n' "$@" >&2
	else
		sed 's/^/#   /' >&2
	fi
}

pass() {
	TESTS_PASSED=$((TESTS_PASSED + 1))
	printf 'ok - %s\n' "$1"
}

fail() {
	TESTS_FAILED=$((TESTS_FAILED + 1))
	printf 'not ok - %s\n' "$1"
}

# The last response, for a failure's diagnostic.
show_response() {
	diag "response to $REQ: status $STATUS"
	if [ -s "$HEADERS" ]; then
		tr -d '\r' <"$HEADERS" | sed 's/^/  /' | head -n 20 | diag
	fi
	if [ -s "$BODY" ]; then
		diag "body ($(wc -c <"$BODY") bytes), first lines:"
		head -n 15 "$BODY" | cut -c 1-200 | sed 's/^/  /' | diag
	fi
	if [ "${REQ#CGI }" != "$REQ" ] && [ -s "$STACK_DIR/cgi.err" ]; then
		diag "handler's stderr:"
		head -n 15 "$STACK_DIR/cgi.err" | sed 's/^/  /' | diag
	fi
}

# A path shortened for a test's description.
short() {
	if [ "${#1}" -gt 70 ]; then
		printf '%s...(%d bytes)' "${1:0:50}" "${#1}"
	else
		printf '%s' "$1"
	fi
}

# Exit with the verdict of this script; call it last.
done_testing() {
	printf '# %s: %d ok, %d not ok\n' "${0##*/}" "$TESTS_PASSED" \
	    "$TESTS_FAILED"
	[ "$TESTS_FAILED" -eq 0 ] && [ "$TESTS_PASSED" -gt 0 ]
	exit
}

# Give up on this script: one failure, then exit (the trap cleans up).
bail() {
	fail "$1"
	shift
	[ "$#" -gt 0 ] && diag "$@"
	exit 1
}

# ------------------------------------------------------------- processes

# shellcheck source=../../scripts/proc.sh
. "$FOLIO_ROOT/scripts/proc.sh"

random_port() {
	printf '%d' $((20000 + (RANDOM * 32768 + RANDOM) % 40001))
}

# ----------------------------------------------------------------- stack

# Make the temp dir (short enough for a Unix socket path under it).
stack_tmp() {
	[ -n "$STACK_DIR" ] && return 0
	STACK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/folio-http.XXXXXX") ||
	    bail "stack_start: mktemp failed"
	if [ "${#STACK_DIR}" -gt 80 ]; then
		rmdir "$STACK_DIR"
		STACK_DIR=$(mktemp -d /tmp/folio-http.XXXXXX) ||
		    bail "stack_start: mktemp failed"
	fi
	trap stack_stop EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	BODY=$STACK_DIR/body
	HEADERS=$STACK_DIR/headers
	: >"$BODY"
	: >"$HEADERS"
}

# A database from schema.sql (through ./folio init) plus the fixture.
stack_db() {
	stack_tmp
	FOLIO_DB=$STACK_DIR/folio.db
	export FOLIO_DB
	[ -x ./folio ] || bail "stack_start: ./folio is not built (run make)"
	if ! ./folio init >"$STACK_DIR/init.log" 2>&1; then
		bail "stack_start: ./folio init failed" \
		    "$(cat "$STACK_DIR/init.log")"
	fi
	[ -f "$FOLIO_DB" ] || bail "stack_start: ./folio init made no $FOLIO_DB"
	if ! sqlite3 -bail "$FOLIO_DB" <"$STACK_FIXTURE" \
	    >"$STACK_DIR/fixture.log" 2>&1; then
		bail "stack_start: loading $STACK_FIXTURE failed" \
		    "$(cat "$STACK_DIR/fixture.log")"
	fi
}

# Start the handler on a socket, then nginx on a free port; wait for both.
stack_serve() {
	local i
	stack_tmp
	[ -x "$STACK_HANDLER" ] ||
	    bail "stack_start: $STACK_HANDLER is not built (run make)"
	STACK_SOCK=$STACK_DIR/folio.sock
	rm -f "$STACK_SOCK"
	# shellcheck disable=SC2086 # split on purpose
	FOLIO_DB=${FOLIO_DB:-$STACK_DIR/folio.db} setsid "$STACK_HANDLER" \
	    --socket "$STACK_SOCK" --workers 2 ${STACK_HANDLER_ARGS:-} \
	    </dev/null >>"$STACK_DIR/handler.log" 2>&1 &
	STACK_HANDLER_PID=$!
	for ((i = 0; i < 100; i++)); do
		[ -S "$STACK_SOCK" ] && break
		proc_alive "$STACK_HANDLER_PID" || break
		sleep 0.1
	done
	if [ ! -S "$STACK_SOCK" ]; then
		bail "stack_start: the handler made no socket $STACK_SOCK" \
		    "$(tail -n 20 "$STACK_DIR/handler.log")"
	fi

	stack_admin
	stack_nginx
}

# nginx on a free port in front of $STACK_SOCK (and $STACK_ADMIN_SOCK);
# STACK_NGINX_EDIT, if set, is a sed script run over its configuration.
stack_nginx() {
	local i attempt
	STACK_RUNDIR=$STACK_DIR/nginx
	mkdir -p "$STACK_RUNDIR"
	for ((attempt = 0; attempt < 10; attempt++)); do
		PORT=$(random_port)
		port_in_use "$PORT" && continue
		# shellcheck disable=SC2086 # STACK_NGINX_ARGS: split on purpose
		"$FOLIO_ROOT/scripts/nginx-conf.sh" \
		    ${STACK_ADMIN_SOCK:+--admin "$STACK_ADMIN_SOCK"} \
		    ${STACK_NGINX_ARGS:-} \
		    "$STACK_RUNDIR" "$PORT" "$STACK_SOCK" "$STACK_PUBLIC" \
		    >"$STACK_RUNDIR/nginx.conf" ||
		    bail "stack_start: scripts/nginx-conf.sh failed"
		if [ -n "${STACK_NGINX_EDIT:-}" ] && ! sed -i \
		    "$STACK_NGINX_EDIT" "$STACK_RUNDIR/nginx.conf"; then
			bail "stack_start: STACK_NGINX_EDIT failed"
		fi
		: >"$STACK_RUNDIR/error.log"
		setsid nginx -p "$STACK_RUNDIR" -e "$STACK_RUNDIR/error.log" \
		    -c "$STACK_RUNDIR/nginx.conf" -g 'daemon off;' \
		    </dev/null >>"$STACK_RUNDIR/nginx.out" 2>&1 &
		STACK_NGINX_PID=$!
		for ((i = 0; i < 100; i++)); do
			proc_alive "$STACK_NGINX_PID" || break
			port_in_use "$PORT" && return 0
			sleep 0.1
		done
		stop_proc "$STACK_NGINX_PID" TERM
		STACK_NGINX_PID=
		if ! grep -q 'Address already in use' \
		    "$STACK_RUNDIR/error.log" "$STACK_RUNDIR/nginx.out"; then
			bail "stack_start: nginx did not start" \
			    "$(tail -n 20 "$STACK_RUNDIR/nginx.out" \
			    "$STACK_RUNDIR/error.log")"
		fi
	done
	bail "stack_start: found no free port for nginx"
}

# The admin handler on its own socket, if it is built; it writes
# uploads under $STACK_PUBLIC.
stack_admin() {
	local i
	[ -x "$STACK_ADMIN" ] || return 0
	STACK_ADMIN_SOCK=$STACK_DIR/admin.sock
	rm -f "$STACK_ADMIN_SOCK"
	FOLIO_DB=${FOLIO_DB:-$STACK_DIR/folio.db} FOLIO_PUBLIC=$STACK_PUBLIC \
	    setsid "$STACK_ADMIN" --socket "$STACK_ADMIN_SOCK" --workers 2 \
	    </dev/null >>"$STACK_DIR/admin.log" 2>&1 &
	STACK_ADMIN_PID=$!
	for ((i = 0; i < 100; i++)); do
		[ -S "$STACK_ADMIN_SOCK" ] && return 0
		proc_alive "$STACK_ADMIN_PID" || break
		sleep 0.1
	done
	bail "stack_start: the admin handler made no socket" \
	    "$(tail -n 20 "$STACK_DIR/admin.log")"
}

# Serve a copy of public/ from the temp dir (call before stack_start).
stack_public_copy() {
	stack_tmp
	if ! mkdir -p "$STACK_DIR/public" ||
	    ! cp -R "$FOLIO_ROOT/public/." "$STACK_DIR/public/"; then
		bail "stack_public_copy: cannot copy public/"
	fi
	rm -rf "$STACK_DIR/public/uploads"
	STACK_PUBLIC=$STACK_DIR/public
}

stack_start() {
	stack_db
	stack_serve
}

# Stop nginx and the handler, remove the temp dir (the EXIT trap).
stack_stop() {
	# A second signal, or a reader gone away, must not cut it short.
	trap '' INT TERM PIPE HUP
	stop_proc "$STACK_NGINX_PID" QUIT
	STACK_NGINX_PID=
	stop_proc "$STACK_HANDLER_PID" TERM
	STACK_HANDLER_PID=
	stop_proc "$STACK_ADMIN_PID" TERM
	STACK_ADMIN_PID=
	if [ -n "$STACK_DIR" ] && [ -d "$STACK_DIR" ]; then
		rm -rf "$STACK_DIR"
	fi
	STACK_DIR=
}

# -------------------------------------------------------------- requests

# request METHOD PATH [CURL-ARG...]: one request to the stack, no redirect
# following; PATH is sent as it is (no dot-segment squashing).
request() {
	local method=$1 path=$2
	shift 2
	local -a how=()
	case $method in
	GET) ;;
	HEAD) how=(--head) ;;
	*) how=(-X "$method") ;;
	esac
	: >"$BODY"
	: >"$HEADERS"
	REQ="$method $(short "$path")"
	STATUS=$(curl -s --path-as-is --max-time 20 -o "$BODY" -D "$HEADERS" \
	    -w '%{http_code}' "${how[@]}" "$@" \
	    "http://127.0.0.1:$PORT$path") || STATUS=000
	# curl --head writes the headers as the body too; HEAD has no body.
	[ "$method" = HEAD ] && : >"$BODY"
	return 0
}

get() { request GET "$@"; }
head_req() { request HEAD "$@"; }

# Percent-decode $1 as nginx does for PATH_INFO; a bad escape stays as it
# is. A path with %00 stays undecoded (no NUL in a variable). The result
# is left in $DECODED.
pct_decode() {
	local s=$1 out='' ch
	case $s in
	*%00*) DECODED=$s; return ;;
	esac
	while [[ $s == *%* ]]; do
		out+=${s%%\%*}
		s=${s#*%}
		if [[ $s =~ ^[0-9A-Fa-f]{2} ]]; then
			# shellcheck disable=SC2059
			printf -v ch "\\x${s:0:2}"
			out+=$ch
			s=${s:2}
		else
			out+=%
		fi
	done
	DECODED=$out$s
}

# cgi METHOD PATH [QUERY [VAR=VALUE...]]: run the handler once as plain
# CGI with a clean environment. PATH_INFO is PATH percent-decoded,
# REQUEST_URI is PATH[?QUERY] as given. A request body, if any, is the file
# named by $CGI_STDIN. The output is split at the first blank line into
# $HEADERS and $BODY; a "Status:" header gives $STATUS (200 without one).
cgi() {
	local method=$1 path=$2 query=${3-} uri info rc stdin=/dev/null len
	local DECODED
	shift 2
	[ -x "$STACK_HANDLER" ] ||
	    bail "cgi: $STACK_HANDLER is not built (run make)"
	stack_tmp
	[ "$#" -gt 0 ] && shift
	uri=$path
	[ -n "$query" ] && uri="$path?$query"
	pct_decode "$path"
	info=$DECODED
	local -a extra=("$@")
	if [ -n "${CGI_STDIN:-}" ]; then
		stdin=$CGI_STDIN
		len=$(wc -c <"$stdin")
		extra+=("CONTENT_LENGTH=${len// /}")
	fi
	: >"$BODY"
	: >"$HEADERS"
	REQ="CGI $method $(short "$uri")"
	timeout 20 env -i GATEWAY_INTERFACE=CGI/1.1 \
	    REQUEST_METHOD="$method" PATH_INFO="$info" REQUEST_URI="$uri" \
	    QUERY_STRING="$query" SERVER_NAME=localhost SERVER_PORT=80 \
	    SERVER_PROTOCOL=HTTP/1.1 SCRIPT_NAME= REMOTE_ADDR=127.0.0.1 \
	    FOLIO_DB="$FOLIO_DB" "${extra[@]}" "$STACK_HANDLER" \
	    <"$stdin" >"$STACK_DIR/cgi.out" 2>"$STACK_DIR/cgi.err"
	rc=$?
	cgi_split "$STACK_DIR/cgi.out"
	if [ "$rc" -ge 124 ]; then
		STATUS=000
		fail "$REQ: the handler died or hung (exit status $rc)"
		show_response
	fi
	return 0
}

# Split CGI output file $1 into $HEADERS and $BODY and set $STATUS.
cgi_split() {
	local out=$1 hit off sep
	hit=$(grep -abm1 -E $'^\r?$' "$out") || hit=
	if [ -z "$hit" ]; then
		cp "$out" "$HEADERS"
		: >"$BODY"
		diag "$REQ: CGI output has no blank line after the headers"
		STATUS=000
		return
	else
		off=${hit%%:*}
		sep=$((${#hit} - ${#off}))	# ":" or ":\r": 1 or 2 bytes
		head -c "$off" "$out" >"$HEADERS"
		tail -c +"$((off + sep + 1))" "$out" >"$BODY"
	fi
	STATUS=$(tr -d '\r' <"$HEADERS" |
	    sed -n 's/^[Ss][Tt][Aa][Tt][Uu][Ss]:[[:space:]]*\([0-9][0-9][0-9]\).*/\1/p' |
	    head -n 1)
	[ -n "$STATUS" ] || STATUS=200
}

# --------------------------------------------------------------- checks

# All values of header $1 in the last response, one a line.
header_values() {
	tr -d '\r' <"$HEADERS" | awk -v name="$1" '
	BEGIN { name = tolower(name) }
	{
		i = index($0, ":")
		if (i > 1 && tolower(substr($0, 1, i - 1)) == name) {
			v = substr($0, i + 1)
			sub(/^[ \t]+/, "", v)
			sub(/[ \t]+$/, "", v)
			print v
		}
	}'
}

# expect_status N [N...]: the status is one of these.
expect_status() {
	local want
	for want in "$@"; do
		if [ "$STATUS" = "$want" ]; then
			pass "$REQ: status $STATUS"
			return 0
		fi
	done
	fail "$REQ: status $STATUS, want $(printf '%s' "$*" | sed 's/ / or /g')"
	show_response
	return 1
}

# expect_header NAME REGEX: a header NAME whose value matches the ERE.
expect_header() {
	local name=$1 re=$2 values
	values=$(header_values "$name")
	if [ -n "$values" ] && printf '%s\n' "$values" | grep -Eq -- "$re"; then
		pass "$REQ: $name matches /$re/"
		return 0
	fi
	if [ -z "$values" ]; then
		fail "$REQ: no $name header (want /$re/)"
	else
		fail "$REQ: $name is \"$values\", want /$re/"
	fi
	show_response
	return 1
}

expect_no_header() {
	local values
	values=$(header_values "$1")
	if [ -z "$values" ]; then
		pass "$REQ: no $1 header"
		return 0
	fi
	fail "$REQ: unexpected $1: $values"
	show_response
	return 1
}

# An ERE matching the fixed string $1.
ere_quote() {
	printf '%s' "$1" | sed 's/[][\.*^$?+(){}|/]/\\&/g'
}

# expect_location PATH: a redirect to PATH (site-relative, or absolute on
# any origin).
expect_location() {
	expect_header Location "^(https?://[^/]+)?$(ere_quote "$1")\$"
}

# Content-Type is text/html; charset=utf-8.
expect_html_type() {
	expect_header Content-Type '^text/html;[[:space:]]*charset="?[Uu][Tt][Ff]-8"?$'
}

# expect_body_has STRING [DESCRIPTION]: the body contains STRING.
expect_body_has() {
	if grep -aFq -- "$1" "$BODY"; then
		pass "$REQ: ${2:-body has \"$(short "$1")\"}"
		return 0
	fi
	fail "$REQ: ${2:-body has \"$(short "$1")\"}"
	diag "not found: $1"
	show_response
	return 1
}

# expect_body_lacks STRING [DESCRIPTION]
expect_body_lacks() {
	local at
	if ! grep -aFq -- "$1" "$BODY"; then
		pass "$REQ: ${2:-body lacks \"$(short "$1")\"}"
		return 0
	fi
	fail "$REQ: ${2:-body lacks \"$(short "$1")\"}"
	at=$(grep -aFn -- "$1" "$BODY" | head -n 3 | cut -c 1-200)
	diag "found: $1" "at line(s):" "$at"
	return 1
}

# expect_body_matches ERE [DESCRIPTION]
expect_body_matches() {
	if grep -aEq -- "$1" "$BODY"; then
		pass "$REQ: ${2:-body matches /$1/}"
		return 0
	fi
	fail "$REQ: ${2:-body matches /$1/}"
	show_response
	return 1
}

expect_body_empty() {
	if [ ! -s "$BODY" ]; then
		pass "$REQ: empty body"
		return 0
	fi
	fail "$REQ: empty body (got $(wc -c <"$BODY") bytes)"
	show_response
	return 1
}

# How many times STRING occurs in the body.
body_count() {
	grep -aoF -- "$1" "$BODY" | wc -l | tr -d ' '
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
# csrf_of [FILE]: the first CSRF token in FILE (the last response body).
csrf_of() {
	grep -o 'name="csrf" value="[^"]*"' "${1:-$BODY}" | head -n 1 |
	    sed 's/.*value="//; s/"$//'
}

check() {
	local desc=$1
	shift
	if "$@"; then
		pass "$desc"
		return 0
	fi
	fail "$desc"
	return 1
}

# Byte offset of the first STRING in the body, or nothing.
body_offset() {
	grep -aboF -- "$1" "$BODY" | head -n 1 | cut -d: -f1
}

# expect_body_order FIRST SECOND: both occur, FIRST before SECOND.
expect_body_order() {
	local a b
	a=$(body_offset "$1")
	b=$(body_offset "$2")
	if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; then
		pass "$REQ: \"$(short "$1")\" before \"$(short "$2")\""
		return 0
	fi
	fail "$REQ: \"$(short "$1")\" before \"$(short "$2")\""
	diag "offsets: ${a:-absent} and ${b:-absent}"
	return 1
}

# The body is an HTML document tidy finds no errors in (warnings pass).
expect_valid_html() {
	local rc
	if [ ! -s "$BODY" ]; then
		fail "$REQ: valid HTML (the body is empty)"
		show_response
		return 1
	fi
	tidy -errors -quiet "$BODY" >/dev/null 2>"$STACK_DIR/tidy.out"
	rc=$?
	if [ "$rc" -le 1 ]; then
		pass "$REQ: valid HTML"
		return 0
	fi
	fail "$REQ: valid HTML (tidy exit status $rc)"
	head -n 20 "$STACK_DIR/tidy.out" | diag
	return 1
}

# expect_page N: status N, an HTML page with the right type, tidy-clean.
expect_page() {
	expect_status "$1"
	expect_html_type
	expect_valid_html
}

# ------------------------------------------------ the fixture's chrome

# Site-wide parts every HTML page of the fixture site shows: the menu
# (three levels), the sidebar (only categories and months with public
# posts, newest month first) and the footer. "brief" checks one thing of
# each; "full" checks them all.
check_chrome() {
	local year
	year=$(TZ=America/New_York date +%Y)
	expect_body_has 'href="/about/our-team/board/"' 'menu: third level'
	expect_body_has 'href="/category/harbor-life/"' 'sidebar: a category'
	expect_body_has 'href="/2022/12/"' 'sidebar: a month in the site zone'
	expect_body_has 'desk@harborlantern.example' 'footer: contact'
	[ "${1:-full}" = brief ] && return 0

	expect_body_has 'Harbor Lantern' 'site title'
	expect_body_has 'href="/about/"' 'menu: top level'
	expect_body_has 'href="/about/our-team/"' 'menu: second level'
	expect_body_has 'href="/category/news/events/"' \
	    'menu: a child category at its full path'
	expect_body_has 'href="/2023/03/25/clam-bake-basics/"' 'menu: a post'
	expect_body_has 'Clam Bake How-To' 'menu: a label'

	expect_body_has 'href="/category/news/"' 'sidebar: news'
	expect_body_has 'href="/category/recipes/"' 'sidebar: recipes'
	expect_body_lacks '/category/opinion/' \
	    'sidebar: no category with only a draft'
	expect_body_lacks 'Knot Workshops' \
	    'sidebar: no category with only a scheduled post'
	expect_body_lacks 'knot-workshops' \
	    'sidebar: no link to a category with only a scheduled post'
	expect_body_lacks 'lighthouse-history' 'sidebar: no category without posts'

	expect_body_has 'href="/2023/11/"' 'sidebar: newest month'
	expect_body_has 'href="/2021/02/"' 'sidebar: oldest month'
	expect_body_has 'href="/2022/03/"' 'sidebar: March 2022'
	expect_body_has 'November 2023' 'sidebar: a month label'
	expect_body_order 'href="/2023/11/"' 'href="/2021/02/"'
	expect_body_order 'href="/2022/12/"' 'href="/2022/10/"'
	expect_body_lacks 'href="/2023/01/"' \
	    'sidebar: no January 2023 (its only post is Dec 31 in New York)'
	expect_body_lacks 'href="/2021/08/"' 'sidebar: no month of a draft'
	expect_body_lacks 'href="/2022/11/"' 'sidebar: no month of a private post'
	expect_body_lacks 'href="/2100/' 'sidebar: no month of a scheduled post'

	expect_body_has 'We keep a light on for every story the tide brings in.' \
	    'footer: mission'
	expect_body_has 'A harbor town where neighbors hear the news before the fog rolls in.' \
	    'footer: vision'
	expect_body_has 'mailto:desk@harborlantern.example' 'footer: mailto link'
	expect_body_has 'href="/privacy/"' 'footer: a link'
	expect_body_has 'Terms of Use' 'footer: a link label'
	expect_body_has 'href="https://ethics.example.org/code?lang=en&amp;v=2"' \
	    'footer: an external link, escaped'
	expect_body_matches "(©|&copy;|&#169;|&#[xX]0*[aA]9;)[[:space:]]*${year}[[:space:]]+Harbor Lantern Cooperative" \
	    "footer: © $year Harbor Lantern Cooperative"
}

# The fixture's hidden posts appear nowhere on this page.
check_no_hidden_posts() {
	expect_body_lacks 'letter-to-the-next-century' 'no scheduled post'
	expect_body_lacks 'Letter to the Next Century' 'no scheduled post title'
	expect_body_lacks 'unfinished-draft-about-buoys' 'no draft'
	expect_body_lacks 'private-board-minutes' 'no private post'
}
