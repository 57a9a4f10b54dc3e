#!/usr/bin/env bash
# lint.sh -- the project's own rules, checked rather than remembered
# (STYLE.md "make lint"). Run by tests/run.sh; prints ok / not ok lines.
#
# - A template prints a value raw only when its name ends in _html: those
#   are cleaned when saved; everything else is escaped.
# - No sprintf, strcpy, strcat, gets or strtok in C: bounded writers only.
# - SQL reaches sqlite3 only as string literals or the named static
#   strings beside their use, never built at run time with printf.
# - What a visitor may see is decided in src/visible.h alone: no other
#   file spells status = 'published'.
# - Public paths are made by src/url.c alone (route.c reads them): no
#   other file has a "/tag/", "/author/", "/category/" or "page/%"
#   literal, in C or in SQL. Comments may name them.
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

visible=$(grep -nE "status[[:space:]]*=[[:space:]]*'published'" \
    src/*.c src/*.h | grep -v '^src/visible\.h:' || true)
report "visibility (status = 'published') only in src/visible.h" "$visible"

# Comments are taken out first: /* ... */ on a line, and the lines of a
# block comment (" * ..."), so only code and its literals are checked.
shapes='["'"'"'][^"'"'"']*/(tag|author|category)/|page/%'
paths=$(grep -nE "$shapes" src/*.c src/*.h |
    grep -vE '^src/(url|route)\.c:' |
    sed -E 's#/\*.*\*/##' |
    grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|/\*)' |
    grep -E "$shapes" || true)
report "public paths are made only in src/url.c" "$paths"

# One open sequence: every connection is made by db_open() (db.c).
opens=$(grep -nE '\bsqlite3_open(_v2)?[[:space:]]*\(' src/*.c |
    grep -v '^src/db\.c:' || true)
report "databases are opened only by db_open() in db.c" "$opens"

exit $failed
