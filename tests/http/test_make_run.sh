#!/usr/bin/env bash
# test_make_run.sh -- `make run` as a new user meets it: on a fresh
# database it creates the demo site and prints the URL and the demo
# login, serves the site and the admin, and Ctrl-C (SIGINT to the whole
# process group, as a terminal sends it) stops everything without make
# reporting an error; on a database from an older checkout it applies
# the migrations first, since the handlers refuse another schema.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_tmp

# run_site DB: `make run` on a free port with database DB until the site
# answers; sets RUN_PID, RUN_PORT, RUN_OUT.
run_site() {
	local i
	RUN_OUT=$STACK_DIR/run-$RANDOM.out
	for ((i = 0; i < 10; i++)); do
		RUN_PORT=$(random_port)
		port_in_use "$RUN_PORT" || break
	done
	(cd "$FOLIO_ROOT" && PORT=$RUN_PORT FOLIO_DB=$1 \
	    exec setsid make --no-print-directory run) </dev/null \
	    >"$RUN_OUT" 2>&1 &
	RUN_PID=$!
	for ((i = 0; i < 600; i++)); do
		grep -q '^Folio is running at' "$RUN_OUT" 2>/dev/null &&
		    return 0
		proc_alive "$RUN_PID" || break
		sleep 0.1
	done
	return 1
}

# stop_site: Ctrl-C, then wait for the whole group to be gone.
stop_site() {
	local i
	kill -INT -- "-$RUN_PID" 2>/dev/null
	for ((i = 0; i < 100; i++)); do
		[ -z "$(group_stragglers "$RUN_PID")" ] &&
		    ! proc_alive "$RUN_PID" && break
		sleep 0.1
	done
	wait "$RUN_PID" 2>/dev/null
	rm -rf "$FOLIO_ROOT/var/run-$RUN_PORT"
}

# ------------------------------------------------------------ fresh
db=$STACK_DIR/fresh.db
if ! run_site "$db"; then
	stop_site
	bail "make run did not start" "$(tail -n 20 "$RUN_OUT")"
fi
check "make run prints the URL" \
    grep -q "^Folio is running at http://127.0.0.1:$RUN_PORT/\$" "$RUN_OUT"
check "make run prints the demo login" \
    grep -q 'the demo login is admin / folio-demo-password' "$RUN_OUT"
PORT=$RUN_PORT
get /
expect_page 200
get /admin/login/
expect_status 200
expect_body_has 'name="password"' 'the admin login form'
stop_site
check "Ctrl-C: nothing left running" test -z "$(group_stragglers "$RUN_PID")"
check "Ctrl-C: make reports no error" \
    eval "! grep -q 'Error [0-9]' '$RUN_OUT'" || diag <"$RUN_OUT"
check "Ctrl-C: the handlers stopped cleanly" \
    test "$(grep -c 'info: stopped$' "$RUN_OUT")" -eq 2
check "the demo database stays for the next run" test -s "$db"

# ------------------------------------------- a database at schema 1
old=$STACK_DIR/old.db
sed '/^-- migration 2$/,$d' "$FOLIO_ROOT/schema.sql" |
    sqlite3 -bail "$old" >/dev/null || bail "cannot make a schema 1 database"
sqlite3 -bail "$old" 'PRAGMA user_version = 1' || bail "user_version failed"
if ! run_site "$old"; then
	stop_site
	bail "make run did not start on an old database" "$(tail -n 20 "$RUN_OUT")"
fi
latest=$(sed -n 's/^#define DB_SCHEMA_VERSION[[:space:]]*\([0-9]*\).*/\1/p' \
    "$FOLIO_ROOT/src/db.h")
check "an old database is migrated to version $latest before the handlers start" \
    grep -q "database migrated to schema version $latest\$" "$RUN_OUT"
PORT=$RUN_PORT
get /
expect_status 200
stop_site

done_testing
