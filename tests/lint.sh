#!/usr/bin/env bash
# lint.sh -- the project's own rules, checked rather than remembered
# (STYLE.md "make lint"). Run by tests/run.sh; prints ok / not ok lines.
#
# - A template prints a value raw only when its name ends in _html: those
#   are cleaned when saved; everything else is escaped.
# - No sprintf, strcpy, strcat, gets or strtok in C: bounded writers only.
# - SQL reaches sqlite3 only as string literals or the named static
#   strings beside their use, never built at run time with printf.
# - Input has one reader each: %-escapes are decoded only by buf.c's
#   url_decode(), CGI parameters read only through req.c (server.c makes
#   them), and status lines written only by server.c's table and writer.
set -u
cd "$(dirname "$0")/.." || exit 1
failed=0

report() {
	local desc=$1 found=$2
	if [ -z "$found" ]; then
		echo "ok - lint: $desc"
	else
		echo "not ok - lint: $desc"
		printf '#   %s\n' "$found" | head -n 20 >&2
		failed=1
	fi
}

raw=$(grep -rnoiE '<(!-- *)?TMPL_VAR[^>]*fmt *= *"?raw"?[^>]*>' templates |
    grep -viE 'name *= *"?[a-z0-9_]*_html"?' || true)
report "raw template values are only *_html names" "$raw"

unsafe=$(grep -nE '\b(sprintf|vsprintf|strcpy|strcat|gets|strtok)[[:space:]]*\(' \
    src/*.c src/*.h || true)
report "no sprintf/strcpy/strcat/gets/strtok in src/" "$unsafe"

# A prepare whose SQL argument is a call or a buffer is SQL made at run
# time; the statement cache (db_stmt) is keyed by literal addresses anyway.
built=$(grep -nE 'sqlite3_prepare(_v[23])?\([^,]+, *[a-z_]+(\.data|->data|\()' \
    src/*.c || true)
built+=$(grep -nE '(arena_printf|buf_printf)\([^;]*\b(SELECT|INSERT|UPDATE|DELETE)\b' \
    src/*.c || true)
report "SQL is never built with printf" "$built"

# One percent-decoder: hex digits of %XX are read in buf.c only.
pct=$(grep -nE '\bhex_value[[:space:]]*\(' src/*.c | grep -v '^src/buf\.c:' ||
    true)
report "%-decoding only in buf.c (url_decode)" "$pct"

cgi=$(grep -nE '\be->get[[:space:]]*\(' src/*.c |
    grep -vE '^src/(req|server)\.c:' || true)
report "CGI parameters read only through req.c (req_env)" "$cgi"

status=$(grep -nE '"Status: ' src/*.c | grep -v '^src/server\.c:' || true)
report "status lines only from server.c (server_head_begin)" "$status"

exit $failed
