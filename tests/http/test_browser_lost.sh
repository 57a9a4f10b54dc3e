#!/usr/bin/env bash
# test_browser_lost.sh -- runs tests/browser/admin_lost.mjs (headless
# Debian chromium through playwright-core) against a fresh stack: a
# session ended on the server while the editor was open loses nothing,
# with JavaScript and without.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

command -v node >/dev/null || bail 'node is not installed (make test installs it)'
[ -x /usr/bin/chromium ] || bail '/usr/bin/chromium is not installed'
[ -d node_modules/playwright-core ] ||
    bail 'playwright-core is missing (make test runs npm ci)'

stack_start
printf '%s\n' 'browser test password' |
    ./folio user add walker --role admin >/dev/null 2>&1 ||
    bail 'folio user add failed'

BASE_URL="http://127.0.0.1:$PORT" ADMIN_USER=walker \
    ADMIN_PASSWORD='browser test password' FOLIO_DB="$FOLIO_DB" \
    node tests/browser/admin_lost.mjs "$STACK_DIR" >"$STACK_DIR/lost.out" 2>&1
rc=$?
while IFS= read -r line; do
	case $line in
	"ok - "*) pass "browser: ${line#ok - }" ;;
	"not ok - "*) fail "browser: ${line#not ok - }" ;;
	*) printf '%s\n' "$line" ;;
	esac
done <"$STACK_DIR/lost.out"
[ "$rc" -eq 0 ] || [ "$TESTS_FAILED" -gt 0 ] ||
    fail "browser: node exited with status $rc"
done_testing
