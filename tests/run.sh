#!/usr/bin/env bash
# run.sh -- run every test and end with "N passed, M failed": what
# `make test` runs once everything is built.
#
#   tests/run.sh
#
# Runs each unit test binary in tests/unit/bin/ (normal build) and
# tests/unit/bin-asan/ (ASan/UBSan build) from tests/unit/, then each
# tests/http/test_*.sh and tests/servers/test_*.sh from the repository
# root, streaming their output.
# Lines starting "ok " count as passes and "not ok " as failures; a program
# that exits non-zero without reporting a failure, is killed by a signal,
# hangs past its time limit or trips a sanitizer counts as one more failure,
# named. A program that exits 77 having reported nothing failed was skipped
# (it says why, e.g. test data not on this machine) and is listed as such.
# The exit status is 0 only when nothing failed and something passed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

UNIT_TIMEOUT=${UNIT_TIMEOUT:-300}
HTTP_TIMEOUT=${HTTP_TIMEOUT:-900}
SANITIZER_EXIT=86	# sanitizers exit with this, to tell it from a test's 1

# Unless the caller chose otherwise: every sanitizer finding is fatal and
# recognisable by its exit status.
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=$SANITIZER_EXIT:detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-exitcode=$SANITIZER_EXIT:halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-exitcode=$SANITIZER_EXIT}

passed=0
failed=0
failures=()
skipped=()
SKIP_EXIT=77	# a test that cannot run here (as automake's harness)

shopt -s lastpipe nullglob

signame() {
	kill -l "$1" 2>/dev/null || printf 'signal %s' "$1"
}

# run_one NAME DIR TIMEOUT COMMAND...: run COMMAND in DIR, stream and count.
run_one() {
	local name=$1 dir=$2 limit=$3 line rest rc p=0 f=0 why=''
	shift 3
	printf '# %s\n' "$name"
	(cd "$dir" && exec timeout -k 10 "$limit" "$@" </dev/null 2>&1) |
	    while IFS= read -r line || [ -n "$line" ]; do
		printf '%s\n' "$line"
		case $line in
		"ok "* | ok) p=$((p + 1)) ;;
		"not ok "* | "not ok")
			f=$((f + 1))
			rest=${line#not ok}
			rest=${rest# }
			failures+=("$name: ${rest#- }")
			;;
		esac
	    done
	rc=${PIPESTATUS[0]}
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -eq 124 ]; then
		why="timed out after ${limit}s"
	elif [ "$rc" -gt 128 ]; then
		why="killed by SIG$(signame $((rc - 128)))"
	elif [ "$rc" -eq "$SANITIZER_EXIT" ]; then
		why="a sanitizer reported an error (exit status $rc)"
	elif [ "$rc" -eq "$SKIP_EXIT" ] && [ "$f" -eq 0 ]; then
		skipped+=("$name")
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		why="exited with status $rc without reporting a failure"
	elif [ "$rc" -eq 0 ] && [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		why="ran no test"
	fi
	if [ -n "$why" ]; then
		printf 'not ok - %s %s\n' "$name" "$why"
		failed=$((failed + 1))
		failures+=("$name $why")
	fi
}

for kind in bin bin-asan; do
	bins=()
	for f in tests/unit/"$kind"/*; do
		[ -f "$f" ] && [ -x "$f" ] && bins+=("$f")
	done
	if [ "${#bins[@]}" -eq 0 ]; then
		printf '# no unit test binaries in tests/unit/%s/\n' "$kind"
		continue
	fi
	for f in "${bins[@]}"; do
		run_one "$f" tests/unit "$UNIT_TIMEOUT" "./${f#tests/unit/}"
	done
done

run_one tests/lint.sh . 60 bash tests/lint.sh

scripts=(tests/http/test_*.sh)
if [ "${#scripts[@]}" -eq 0 ]; then
	printf '# no HTTP tests in tests/http/\n'
fi
# The contrib/ configurations in the real web servers.
scripts+=(tests/servers/test_*.sh)
for f in "${scripts[@]}"; do
	run_one "$f" . "$HTTP_TIMEOUT" bash "$f"
done

if [ "${#failures[@]}" -gt 0 ]; then
	printf '# failed:\n'
	printf '#   %s\n' "${failures[@]}"
fi
if [ "${#skipped[@]}" -gt 0 ]; then
	printf '# skipped (see their output above for why):\n'
	printf '#   %s\n' "${skipped[@]}"
fi
printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
