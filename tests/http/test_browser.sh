#!/usr/bin/env bash
# test_browser.sh -- the browser tests (tests/browser/*.mjs: axe-core,
# narrow screens, zoom, print) in headless Chromium, against the real
# nginx + handler with the fixture site. Each script prints its own
# "ok"/"not ok" lines; one that dies without them counts as a failure.
# Screenshots and the print PDF go to the temp dir, which is removed at
# the end; KEEP_SCREENSHOTS=DIR copies them there first.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

[ -x /usr/bin/chromium ] || bail "chromium is missing (apt-get install chromium)"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
	bail "node_modules is missing (npm ci)"
fi

stack_start

# The scripts run side by side (each its own browser), then report in turn.
scripts=(tests/browser/a11y.mjs tests/browser/layout.mjs)
pids=()
for script in "${scripts[@]}"; do
	out=$STACK_DIR/${script##*/}.out
	node "$script" "http://127.0.0.1:$PORT" "$STACK_DIR" >"$out" \
	    2>"$out.err" &
	pids+=($!)
done
for i in "${!scripts[@]}"; do
	script=${scripts[$i]}
	out=$STACK_DIR/${script##*/}.out
	wait "${pids[$i]}"
	rc=$?
	grep -E '^(ok|not ok)( |$)' "$out"
	sed 's/^\([^#]\)/# \1/' "$out.err" | head -n 60 >&2
	# Count the script's lines in this shell's totals.
	TESTS_PASSED=$((TESTS_PASSED + $(grep -c '^ok' "$out")))
	TESTS_FAILED=$((TESTS_FAILED + $(grep -c '^not ok' "$out")))
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$out"; then
		fail "$script exited with status $rc"
	fi
done

if [ -n "${KEEP_SCREENSHOTS:-}" ]; then
	mkdir -p "$KEEP_SCREENSHOTS" &&
	    cp "$STACK_DIR"/*.png "$STACK_DIR"/*.pdf "$KEEP_SCREENSHOTS"/
fi

done_testing
