#!/usr/bin/env bash
# test_browser_admin.sh -- runs tests/browser/admin_e2e.mjs (a walk
# through the admin with JavaScript off) and tests/browser/admin_screens.mjs
# (axe-core and the narrow-screen checks on every admin screen, as admin
# and as author) in headless Debian chromium through playwright-core,
# against a fresh stack, so `make test` covers what a person clicks in the
# admin.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

command -v node >/dev/null || bail 'node is not installed (make test installs it)'
[ -x /usr/bin/chromium ] || bail '/usr/bin/chromium is not installed'
[ -d node_modules/playwright-core ] ||
    bail 'playwright-core is missing (make test runs npm ci)'

stack_public_copy
stack_start
printf '%s\n' 'browser test password' |
    ./folio user add walker --role admin >/dev/null 2>&1 ||
    bail 'folio user add failed'
printf '%s\n' 'author test password' |
    ./folio user add penn --role author >/dev/null 2>&1 ||
    bail 'folio user add failed'
printf 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' |
    base64 -d >"$STACK_DIR/dot.png"

# One script at a time: they share two cores with everything else.
report() {
	while IFS= read -r line; do
		case $line in
		"ok - "*) pass "browser: ${line#ok - }" ;;
		"not ok - "*) fail "browser: ${line#not ok - }" ;;
		*) printf '%s\n' "$line" ;;
		esac
	done <"$1"
}
BASE_URL="http://127.0.0.1:$PORT" ADMIN_USER=walker \
    ADMIN_PASSWORD='browser test password' IMAGE="$STACK_DIR/dot.png" \
    node tests/browser/admin_e2e.mjs >"$STACK_DIR/e2e.out" 2>&1
rc=$?
before=$TESTS_FAILED
report "$STACK_DIR/e2e.out"
[ "$rc" -eq 0 ] || [ "$TESTS_FAILED" -gt "$before" ] ||
    fail "browser: admin_e2e.mjs exited with status $rc"

ADMIN_USER=walker ADMIN_PASSWORD='browser test password' \
    AUTHOR_USER=penn AUTHOR_PASSWORD='author test password' \
    node tests/browser/admin_screens.mjs "http://127.0.0.1:$PORT" \
    "$STACK_DIR" >"$STACK_DIR/screens.out" 2>&1
rc=$?
before=$TESTS_FAILED
report "$STACK_DIR/screens.out"
[ "$rc" -eq 0 ] || [ "$TESTS_FAILED" -gt "$before" ] ||
    fail "browser: admin_screens.mjs exited with status $rc"
done_testing
