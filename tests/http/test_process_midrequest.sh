#!/usr/bin/env bash
# test_process_midrequest.sh -- a stop (SIGTERM) or a reload (SIGHUP) that
# lands while a worker is still reading a request's FastCGI parameters
# must not fail that request. nginx sends them at once, so the window is
# small there; a slow client (fcgi_client.mjs) holds it open for a second
# and the signal goes to the manager inside it. A client that stalls for
# good is cut off, so that it cannot hold a stop back.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

command -v node >/dev/null 2>&1 || bail "node is not installed (make deps)"
CLIENT=$HTTP_DIR/fcgi_client.mjs

# paused FILE: wait until the client writing stderr to FILE has sent half
# its parameters. Not a fixed sleep: on a busy machine node may take
# longer than that to start, and the signal would come before the request.
paused() {
	local i
	for ((i = 0; i < 200; i++)); do
		grep -q '^paused$' "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	bail "the slow client never connected" "$(cat "$1")"
}

# slow_get SIGNAL: a slow request to / with SIGNAL sent to the manager
# halfway through its parameters; prints the client's verdict.
slow_get() {
	node "$CLIENT" "$STACK_SOCK" / 1500 >"$STACK_DIR/slow.out" \
	    2>"$STACK_DIR/slow.err" &
	local client=$!
	paused "$STACK_DIR/slow.err"
	# The worker wakes and accepts: the pause has 1.5 s, use some.
	sleep 0.3
	kill "-$1" "$STACK_HANDLER_PID"
	wait "$client"
	cat "$STACK_DIR/slow.out"
}

stack_start

out=$(node "$CLIENT" "$STACK_SOCK" / 0 2>&1)
check "the client gets a page without pausing ($out)" \
    test "$out" = "Status: 200 OK"

out=$(slow_get HUP)
check "SIGHUP while a worker reads the parameters: the request is served ($out)" \
    test "$out" = "Status: 200 OK"
get /
expect_status 200

# A peer that stalls longer than the handler's limit (10 s) is cut off,
# so that it cannot keep a worker from a stop.
node "$CLIENT" "$STACK_SOCK" / 60000 >"$STACK_DIR/stalled.out" \
    2>"$STACK_DIR/stalled.err" &
stalled=$!
paused "$STACK_DIR/stalled.err"
sleep 0.3

out=$(slow_get TERM)
check "SIGTERM while a worker reads the parameters: the request is served ($out)" \
    test "$out" = "Status: 200 OK"
start=$SECONDS
for ((i = 0; i < 250; i++)); do
	proc_alive "$STACK_HANDLER_PID" || break
	sleep 0.1
done
check "then the manager has stopped" test -z "$(proc_alive \
    "$STACK_HANDLER_PID" && echo alive)"
check "a stalled peer held the stop $((SECONDS - start)) s, under the 30 s grace" \
    test "$((SECONDS - start))" -lt 20
check "no worker had to be killed" \
    eval "! grep -q 'still busy, killing' '$STACK_DIR/handler.log'"
wait "$stalled"
check "the stalled peer was cut off ($(cat "$STACK_DIR/stalled.out"))" \
    grep -q '^error: no complete response' "$STACK_DIR/stalled.out"
STACK_HANDLER_PID=

done_testing
