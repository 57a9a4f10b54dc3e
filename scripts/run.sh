#!/usr/bin/env bash
# run.sh -- run Folio locally: what `make run` runs once the build is done.
#
#   [PORT=8080] [FOLIO_DB=var/folio.db] scripts/run.sh
#
# Creates the database with `./folio init` and `./folio demo` when it does
# not exist yet, plus a demo admin (user "admin", password below), starts
# the public handler (cgi-bin/folio.fcgi, one worker per core) and the
# admin handler (cgi-bin/folio-admin.fcgi, /admin/) on Unix sockets and
# nginx on 127.0.0.1:PORT, all in the foreground of this script; Ctrl-C
# stops them. nginx keeps its pid, logs
# and temp files in var/run-PORT/, so runs on different ports (and
# databases) go side by side.

# shellcheck disable=SC2317 # (cleanup and its helpers run from traps)
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${PORT:-8080}
FOLIO_DB=${FOLIO_DB:-$ROOT/var/folio.db}
case $FOLIO_DB in
/*) ;;
*) FOLIO_DB=$PWD/$FOLIO_DB ;;
esac
export FOLIO_DB
cd "$ROOT" || exit 1

handler_pid=
admin_pid=
admin_sock=
nginx_pid=
# The demo database's admin login: for trying Folio out, never for a site.
DEMO_ADMIN='admin'
DEMO_PASSWORD=folio-demo-password
sock=
sockdir=
created_db=

die() {
	echo "run.sh: $*" >&2
	exit 1
}

# shellcheck source=proc.sh
. "$ROOT/scripts/proc.sh"

cleanup() {
	trap - EXIT
	# A second Ctrl-C, or a closed terminal, must not cut it short.
	trap '' INT TERM PIPE HUP
	if [ -n "$nginx_pid" ] || [ -n "$handler_pid" ]; then
		echo "Stopping Folio..." >&2
	fi
	stop_proc "$nginx_pid" QUIT
	stop_proc "$handler_pid" TERM
	stop_proc "$admin_pid" TERM
	[ -n "$handler_pid" ] && rm -f "$sock"
	[ -n "$sockdir" ] && rm -rf "$sockdir"
	if [ -n "$created_db" ]; then
		rm -f "$FOLIO_DB" "$FOLIO_DB-wal" "$FOLIO_DB-shm" \
		    "$FOLIO_DB-journal"
	fi
}
trap cleanup EXIT
# Ctrl-C is how a user stops it, a normal end: exit 0, so make (which
# got the signal too and stops on it) prints no "Error 130" line.
trap 'exit 0' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

case $PORT in
'' | *[!0-9]*) die "PORT must be a number, not '$PORT'" ;;
esac
if [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then
	die "PORT must be between 1 and 65535, not $PORT"
fi
[ -x ./folio ] || die "./folio is not built; run make first"
[ -x cgi-bin/folio.fcgi ] || die "cgi-bin/folio.fcgi is not built; run make first"
[ -x cgi-bin/folio-admin.fcgi ] ||
    die "cgi-bin/folio-admin.fcgi is not built; run make first"
command -v nginx >/dev/null 2>&1 ||
    die "nginx is not installed (scripts/deps.sh nginx)"
if port_in_use "$PORT"; then
	die "port $PORT on 127.0.0.1 is already in use; pick another," \
	    "e.g. make run PORT=$((PORT + 1))"
fi

if [ ! -e "$FOLIO_DB" ]; then
	mkdir -p "$(dirname "$FOLIO_DB")" || die "cannot create $(dirname "$FOLIO_DB")"
	echo "Creating $FOLIO_DB with demo content..."
	created_db=yes
	./folio init || die "./folio init failed"
	./folio demo || die "./folio demo failed"
	printf '%s\n' "$DEMO_PASSWORD" |
	    ./folio user add "$DEMO_ADMIN" --role admin >/dev/null ||
	    die "./folio user add failed"
	created_db=
else
	# A database from an older checkout: bring it to this schema (the
	# handlers refuse another version). Nothing to do is quick and quiet.
	./folio init >/dev/null || die "./folio init $FOLIO_DB failed"
fi

RUNDIR=$ROOT/var/run-$PORT
mkdir -p "$RUNDIR" || die "cannot create $RUNDIR"
sock=$RUNDIR/folio.sock
admin_sock=$RUNDIR/admin.sock
if [ "${#sock}" -gt 100 ]; then
	# A Unix socket path must fit in 108 bytes.
	sockdir=$(mktemp -d /tmp/folio-run.XXXXXX) || die "mktemp failed"
	sock=$sockdir/folio.sock
	admin_sock=$sockdir/admin.sock
fi
scripts/nginx-conf.sh --admin "$admin_sock" "$RUNDIR" "$PORT" "$sock" \
    "$ROOT/public" >"$RUNDIR/nginx.conf" || die "scripts/nginx-conf.sh failed"

# The handler's log goes to this terminal.
rm -f "$sock"
setsid cgi-bin/folio.fcgi --socket "$sock" --workers "$(nproc)" </dev/null &
handler_pid=$!
for ((i = 0; i < 100; i++)); do
	[ -S "$sock" ] && break
	proc_alive "$handler_pid" || break
	sleep 0.1
done
[ -S "$sock" ] || die "the handler did not start (no socket $sock)"

rm -f "$admin_sock"
setsid cgi-bin/folio-admin.fcgi --socket "$admin_sock" --workers 2 </dev/null &
admin_pid=$!
for ((i = 0; i < 100; i++)); do
	[ -S "$admin_sock" ] && break
	proc_alive "$admin_pid" || break
	sleep 0.1
done
[ -S "$admin_sock" ] ||
    die "the admin handler did not start (no socket $admin_sock)"

: >"$RUNDIR/error.log"
setsid nginx -p "$RUNDIR" -e "$RUNDIR/error.log" -c "$RUNDIR/nginx.conf" \
    -g 'daemon off;' </dev/null &
nginx_pid=$!
for ((i = 0; i < 100; i++)); do
	proc_alive "$nginx_pid" || break
	port_in_use "$PORT" && break
	sleep 0.1
done
if ! proc_alive "$nginx_pid" || ! port_in_use "$PORT"; then
	if grep -q 'Address already in use' "$RUNDIR/error.log"; then
		die "port $PORT on 127.0.0.1 is already in use; pick another," \
		    "e.g. make run PORT=$((PORT + 1))"
	fi
	tail -n 5 "$RUNDIR/error.log" >&2
	die "nginx did not start; see $RUNDIR/error.log"
fi

echo "Folio is running at http://127.0.0.1:$PORT/"
if [ "$(sqlite3 "$FOLIO_DB" "SELECT count(*) FROM user WHERE slug = '$DEMO_ADMIN' AND role = 'admin'" 2>/dev/null)" = 1 ]; then
	echo "Admin: http://127.0.0.1:$PORT/admin/ -- the demo login is" \
	    "$DEMO_ADMIN / $DEMO_PASSWORD (unless changed with ./folio passwd)"
else
	echo "Admin: http://127.0.0.1:$PORT/admin/ -- make an account with" \
	    "./folio user add NAME --role admin"
fi
echo "Database: $FOLIO_DB; nginx logs: $RUNDIR/"
echo "Press Ctrl-C to stop."

# Until Ctrl-C (the traps), or until one of the two dies.
while proc_alive "$handler_pid" && proc_alive "$admin_pid" &&
    proc_alive "$nginx_pid"; do
	wait -n 2>/dev/null
done
if ! proc_alive "$handler_pid"; then
	echo "run.sh: the handler exited" >&2
elif ! proc_alive "$admin_pid"; then
	echo "run.sh: the admin handler exited" >&2
else
	echo "run.sh: nginx exited; see $RUNDIR/error.log" >&2
fi
exit 1
