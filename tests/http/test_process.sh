#!/usr/bin/env bash
# test_process.sh -- the prefork manager (server.c): --max-requests
# recycles workers, SIGHUP loads the templates again without dropping a
# request (and keeps the old ones when the new ones are broken), SIGTERM
# lets the requests in flight finish and removes the socket.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_tmp
cp -R "$FOLIO_ROOT/templates" "$STACK_DIR/templates" ||
    bail "cannot copy templates/"
FOLIO_TEMPLATES=$STACK_DIR/templates
export FOLIO_TEMPLATES
STACK_HANDLER_ARGS="--max-requests 5"
stack_start

# The manager's live workers (not the zombies it has yet to reap), one
# pid a line, sorted.
workers() {
	ps -o pid=,stat= --ppid "$STACK_HANDLER_PID" |
	    awk '$2 !~ /^Z/ { print $1 }' | sort
}

# Wait (2 s at most) until the manager has $1 live workers: one that
# has just served its last request is replaced within its 100 ms round.
settle_workers() {
	local i
	for ((i = 0; i < 20; i++)); do
		[ "$(workers | grep -c .)" -eq "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# Request / in a loop until $STACK_DIR/stop exists; one status a line.
hammer() {
	while [ ! -e "$STACK_DIR/stop" ]; do
		curl -s -o /dev/null --max-time 20 -w '%{http_code}\n' \
		    "http://127.0.0.1:$PORT/"
	done >"$1"
}

# check_all_200 FILE WHAT: every status in FILE is 200, and there are some.
# True when nginx's log $1 shows no request cut off by the handler.
nothing_cut() {
	! grep -Eq 'prematurely|reset by peer|Broken pipe|refused' "$1"
}

# True when process $1 has exited.
gone() {
	! proc_alive "$1"
}

check_all_200() {
	local n bad
	n=$(wc -l <"$1" | tr -d ' ')
	bad=$(grep -vc '^200$' "$1")
	check "$2: $n requests, all 200" test "$n" -gt 0 -a "$bad" -eq 0 ||
	    sort "$1" | uniq -c | diag
}

# ---------------------------------------------------------- --max-requests

before=$(workers)
check "two workers at the start" test "$(printf '%s\n' "$before" |
    grep -c .)" -eq 2
: >"$STACK_DIR/recycle"
for ((i = 0; i < 30; i++)); do
	curl -s -o /dev/null --max-time 20 -w '%{http_code}\n' \
	    "http://127.0.0.1:$PORT/" >>"$STACK_DIR/recycle"
done
check_all_200 "$STACK_DIR/recycle" "--max-requests 5, 30 requests"
settle_workers 2
after=$(workers)
check "still two workers" test "$(printf '%s\n' "$after" | grep -c .)" -eq 2
check "the workers were replaced ($(echo $before) -> $(echo $after))" \
    test -z "$(comm -12 <(printf '%s\n' "$before") <(printf '%s\n' "$after"))"
check "the manager logs each recycled worker" \
    grep -q 'served 5 requests, starting another' "$STACK_DIR/handler.log"

# ---------------------------------------------------------------- SIGHUP

get /
expect_status 200
expect_body_lacks 'Reloaded footer'
rm -f "$STACK_DIR/stop"
hammer "$STACK_DIR/hup" &
hammer_pid=$!
sed -i 's|<footer class="site-footer">|<footer class="site-footer"><p>Reloaded footer</p>|' \
    "$FOLIO_TEMPLATES/footer.tmpl"
sleep 0.5
old_workers=$(workers)
kill -HUP "$STACK_HANDLER_PID"
# Until every worker from before the reload has gone (a busy machine
# may take longer than any fixed wait), with requests all the while.
for ((i = 0; i < 200; i++)); do
	still=
	for pid in $old_workers; do
		proc_alive "$pid" && still=$pid
	done
	[ -z "$still" ] && break
	sleep 0.1
done
sleep 0.5
touch "$STACK_DIR/stop"
wait "$hammer_pid"
check_all_200 "$STACK_DIR/hup" "requests during SIGHUP"
get /
expect_status 200
expect_body_has 'Reloaded footer' 'the new template after SIGHUP'
get /2022/03/18/late-ferry-to-gull-island/
expect_body_has 'Reloaded footer' 'the new template on another page'
check "the manager logs the reload" \
    grep -q 'replaced after reload' "$STACK_DIR/handler.log"

# A broken template: the old ones stay.
cp "$FOLIO_TEMPLATES/footer.tmpl" "$STACK_DIR/footer.good"
printf '<TMPL_IF name="x">\nunclosed\n' >>"$FOLIO_TEMPLATES/footer.tmpl"
kill -HUP "$STACK_HANDLER_PID"
for ((i = 0; i < 200; i++)); do
	grep -q 'keep the old templates' "$STACK_DIR/handler.log" && break
	sleep 0.1
done
get /
expect_status 200
expect_body_has 'Reloaded footer' 'broken template: the old one serves'
check "broken template: the error names file:line:col" \
    grep -Eq 'footer\.tmpl:[0-9]+:[0-9]+' "$STACK_DIR/handler.log" ||
    tail -n 5 "$STACK_DIR/handler.log" | diag
check "broken template: the manager says it kept the old ones" \
    grep -q 'keep the old templates' "$STACK_DIR/handler.log"
cp "$STACK_DIR/footer.good" "$FOLIO_TEMPLATES/footer.tmpl"

# --------------------------------------------------------------- SIGTERM

# A manager without --max-requests: a worker recycled just as the stop
# begins is not replaced, and what was queued for it is lost (XXX).
stop_proc "$STACK_HANDLER_PID" TERM
FOLIO_DB=$FOLIO_DB setsid "$STACK_HANDLER" --socket "$STACK_SOCK" \
    --workers 2 </dev/null >>"$STACK_DIR/handler.log" 2>&1 &
STACK_HANDLER_PID=$!
for ((i = 0; i < 100; i++)); do
	[ -S "$STACK_SOCK" ] && break
	sleep 0.1
done
get /
expect_status 200
: >"$STACK_RUNDIR/error.log"

# Many requests at once, so that some are being served and more queued
# when the manager is told to stop.
: >"$STACK_DIR/term"
curls=()
for ((i = 0; i < 60; i++)); do
	curl -s -o /dev/null --max-time 20 -w '%{http_code}\n' \
	    "http://127.0.0.1:$PORT/?s=harbor" >>"$STACK_DIR/term" &
	curls+=($!)
done
sleep 0.05
kill -TERM "$STACK_HANDLER_PID"
wait_start=$SECONDS
while proc_alive "$STACK_HANDLER_PID" && ((SECONDS - wait_start < 10)); do
	sleep 0.1
done
check "SIGTERM: the manager exits" gone "$STACK_HANDLER_PID"
wait "${curls[@]}"
check "SIGTERM: the socket is removed" test ! -e "$STACK_SOCK"
check "SIGTERM: no workers left" test -z "$(workers)"
n200=$(grep -c '^200$' "$STACK_DIR/term")
check "SIGTERM: requests in flight finished ($n200 of 60 got 200)" \
    test "$n200" -gt 0
# The only failures allowed are requests that came after the socket was
# gone: nginx could not connect. None may be cut off once accepted.
check "SIGTERM: no other status than 200 or 502" \
    test -z "$(grep -v '^200$' "$STACK_DIR/term" | grep -v '^502$')" ||
    sort "$STACK_DIR/term" | uniq -c | diag
check "SIGTERM: nginx saw no request cut off" \
    nothing_cut "$STACK_RUNDIR/error.log" ||
    grep -E 'prematurely|reset by peer|Broken pipe|refused' \
    "$STACK_RUNDIR/error.log" | head -n 5 | diag
check "SIGTERM: the manager logs its stop" \
    grep -q 'stopped' "$STACK_DIR/handler.log"
STACK_HANDLER_PID=

done_testing
