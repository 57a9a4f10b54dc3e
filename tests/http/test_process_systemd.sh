#!/usr/bin/env bash
# test_process_systemd.sh -- socket activation without systemd: Debian's
# systemd-socket-activate binds the socket and execs the handler with
# LISTEN_FDS=1 and LISTEN_PID, as systemd does for folio.socket. The
# manager serves on fd 3 and on SIGTERM it leaves the socket, which is not its own, in place.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

if ! command -v systemd-socket-activate >/dev/null 2>&1; then
	echo "# skipped: no systemd-socket-activate (Debian package systemd)"
	exit 77
fi

stack_start
# The stack's own manager makes way for one started by "systemd".
stop_proc "$STACK_HANDLER_PID" TERM
check "the first manager removed its socket" test ! -e "$STACK_SOCK"
setsid systemd-socket-activate -l "$STACK_SOCK" -E FOLIO_DB="$FOLIO_DB" \
    "$STACK_HANDLER" --socket "$STACK_DIR/unused.sock" --workers 2 \
    </dev/null >>"$STACK_DIR/handler.log" 2>&1 &
STACK_HANDLER_PID=$!
# Like systemd, it starts the handler at the first connection.
for ((i = 0; i < 100; i++)); do
	[ -S "$STACK_SOCK" ] && break
	sleep 0.1
done

for path in / /2022/03/18/late-ferry-to-gull-island/ /no-such-page/; do
	get "$path"
	case $path in
	/no-such-page/) expect_status 404 ;;
	*) expect_status 200 ;;
	esac
done

check "the manager takes the socket systemd passed" \
    grep -q 'listening on the systemd socket' "$STACK_DIR/handler.log" ||
    tail -n 5 "$STACK_DIR/handler.log" | diag
check "--socket is not bound then" test ! -e "$STACK_DIR/unused.sock"

kill -TERM "$STACK_HANDLER_PID"
for ((i = 0; i < 100; i++)); do
	proc_alive "$STACK_HANDLER_PID" || break
	sleep 0.1
done
alive() { proc_alive "$STACK_HANDLER_PID"; }
check "SIGTERM: the manager exits" test "$(alive && echo yes)" = ""
check "SIGTERM: systemd's socket file is left to systemd" test -S "$STACK_SOCK"
STACK_HANDLER_PID=

done_testing
