#!/usr/bin/env bash
# bench.sh -- what `make bench` runs: Folio's pages against the same bytes
# served as static files by the same nginx, at 1,000, 10,000 and 100,000
# posts. It reports; it never passes or fails on timing.
#
#   [BENCH_SIZES="1000 10000 100000"] [BENCH_SECONDS=10] [BENCH_CONNS=64]
#   scripts/bench.sh
#
# Sites are generated once into var/bench/ (./folio demo --posts N) and
# reused while their schema version is schema.sql's last migration; a site
# made by an older schema is made again, since a migrated one would not
# hold what the current writers store. For each size the real stack
# starts (nginx + FastCGI workers, through tests/http/lib.sh), each page
# is fetched once and saved as a static file in the served folder, then
# wrk (another process, loopback) drives the page, its static twin and
# its "floor" in turn: the same bytes from bench/floor.c, a FastCGI
# program on libfcgi that does nothing but write them, behind the same
# nginx. Folio against the floor is Folio's own cost; the floor against
# the static file is FastCGI's. Results go to stdout and to
# bench/results/DATE-HOST.md.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${BENCH_SIZES:-1000 10000 100000}
SECONDS_EACH=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNS:-64}
THREADS=2

# shellcheck source=../tests/http/lib.sh
. "$ROOT/tests/http/lib.sh"

command -v wrk >/dev/null || bail "wrk is not installed (scripts/deps.sh wrk)"
FLOOR=$ROOT/build/floor
[ -x "$FLOOR" ] || bail "$FLOOR is not built (make build/floor)"

OUT=$ROOT/bench/results/$(date -u +%Y-%m-%d)-$(hostname -s).md
TABLE=$(mktemp /tmp/folio-bench.XXXXXX)
floor_pid=
trap 'rm -f "$TABLE"; stop_proc "$floor_pid" TERM; stack_stop' EXIT

# wrk's summary into "rps p50_ms p99_ms errors".
wrk_run() {
	local url=$1 out rps p50 p99 errs
	out=$(wrk -t"$THREADS" -c"$CONNS" -d"${SECONDS_EACH}s" --latency "$url" 2>&1)
	rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
	p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
	p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
	errs=$(awk '/Non-2xx or 3xx responses:/ { n += $NF }
	    /Socket errors:/ { n += 1 } END { print n + 0 }' <<<"$out")
	printf '%s %s %s %s\n' "${rps:-0}" "$(to_ms "${p50:-0}")" \
	    "$(to_ms "${p99:-0}")" "$errs"
}

# wrk prints 812.00us, 1.20ms or 2.01s; make it milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
		else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
		else printf "%.3f", v }'
}

# Resident memory of the handler's workers, in KiB, one per line.
worker_rss() {
	local pid
	for pid in $(pgrep -P "$STACK_HANDLER_PID"); do
		awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"
	done
}

# The first link in the page at $1 that matches the regex $2.
first_link() {
	curl -s "http://127.0.0.1:$PORT$1" |
	    grep -oE "href=\"$2\"" | head -n 1 | sed 's/^href="//; s/"$//'
}

# The schema version this build makes: the last "-- migration N".
SCHEMA_VERSION=$(awk '/^-- migration [0-9]+$/ { v = $3 } END { print v }' \
    "$ROOT/schema.sql")

mkdir -p "$ROOT/var/bench"
for n in $SIZES; do
	db=$ROOT/var/bench/posts-$n.db
	if [ -f "$db" ] && [ "$(sqlite3 "$db" 'PRAGMA user_version' 2>/dev/null)" \
	    != "$SCHEMA_VERSION" ]; then
		echo "$db has an older schema: generating it again" >&2
		rm -f "$db" "$db-wal" "$db-shm"
	fi
	if [ ! -f "$db" ]; then
		echo "Generating a site with $n posts..." >&2
		rm -f "$db" "$db-wal" "$db-shm"
		start=$(date +%s.%N)
		FOLIO_DB=$db ./folio init >/dev/null &&
		    FOLIO_DB=$db ./folio demo --posts "$n" >/dev/null ||
		    bail "generating $db failed"
		echo "  took $(awk -v s="$start" -v e="$(date +%s.%N)" \
		    'BEGIN { printf "%.1f", e - s }') s" >&2
	fi

	# A served folder of our own: public/ plus the static twins.
	stack_tmp
	STACK_PUBLIC=$STACK_DIR/public
	mkdir -p "$STACK_PUBLIC/static"
	cp -R "$ROOT/public/." "$STACK_PUBLIC/"
	FOLIO_DB=$db
	export FOLIO_DB
	STACK_NGINX_ARGS="--floor $STACK_DIR/floor.sock"
	stack_serve

	post=$(first_link / '/[0-9]{4}/[0-9]{2}/[0-9]{2}/[a-z0-9-]+/')
	category=$(first_link "$post" '/category/[a-z0-9/-]+/')
	month=$(first_link / '/[0-9]{4}/[0-9]{2}/')
	pages="home=/ post=$post category=$category archive=$month"
	# Search and feeds, where this build has them.
	curl -s "http://127.0.0.1:$PORT/?s=volunteer" |
	    grep -qi '<title>[^<]*search' && pages="$pages search=/?s=volunteer"
	curl -s -o /dev/null -w '%{http_code} %{content_type}' \
	    "http://127.0.0.1:$PORT/feed/" | grep -q '^200 .*xml' &&
	    pages="$pages feed=/feed/"

	for page in $pages; do
		curl -s -o "$STACK_PUBLIC/static/${page%%=*}.html" \
		    "http://127.0.0.1:$PORT${page#*=}"
	done
	setsid "$FLOOR" "$STACK_DIR/floor.sock" "$STACK_PUBLIC/static" 2 \
	    </dev/null >>"$STACK_DIR/floor.log" 2>&1 &
	floor_pid=$!
	for ((i = 0; i < 50; i++)); do
		[ -S "$STACK_DIR/floor.sock" ] && break
		sleep 0.1
	done
	[ -S "$STACK_DIR/floor.sock" ] ||
	    bail "bench/floor did not start" "$(cat "$STACK_DIR/floor.log")"

	for page in $pages; do
		name=${page%%=*}
		path=${page#*=}
		echo "  $n posts: $name ($path)..." >&2
		read -r d_rps d_p50 d_p99 d_err < <(wrk_run "http://127.0.0.1:$PORT$path")
		read -r s_rps s_p50 s_p99 s_err < <(wrk_run "http://127.0.0.1:$PORT/static/$name.html")
		read -r f_rps f_p50 f_p99 f_err < <(wrk_run "http://127.0.0.1:$PORT/floor/$name")
		printf '%s %s %s %s %s %s %s %s %s %s %s %s %s %s\n' "$n" \
		    "$name" "$d_rps" "$d_p50" "$d_p99" "$s_rps" "$s_p50" \
		    "$s_p99" "$((d_err + s_err + f_err))" \
		    "$(wc -c <"$STACK_PUBLIC/static/$name.html")" "$path" \
		    "$f_rps" "$f_p50" "$f_p99" >>"$TABLE"
	done
	rss=$(worker_rss | sort -n | tail -n 1)
	echo "$n worker-rss ${rss:-0}" >>"$TABLE"
	stop_proc "$floor_pid" TERM
	stack_stop
done

report() {
	echo "# Folio benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "Host $(hostname -s): $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
	    "$(nginx -v 2>&1 | sed 's/.*: //'), wrk $THREADS threads," \
	    "$CONNS connections, ${SECONDS_EACH} s per run, 2 FastCGI workers."
	echo "\"static\" is the same bytes saved as a file and served by the same nginx;"
	echo "\"floor\" the same bytes from a FastCGI program that only writes them"
	echo "(bench/floor.c, libfcgi, 2 workers) behind the same nginx."
	echo
	echo "| posts | page | bytes | req/s | p50 ms | p99 ms | static req/s | static p99 ms | of static | floor req/s | floor p99 ms | of floor | errors |"
	echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	awk '$2 != "worker-rss" { printf "| %s | %s | %s | %.0f | %.2f | %.2f | %.0f | %.2f | %.0f%% | %.0f | %.2f | %.0f%% | %s |\n",
	    $1, $2, $10, $3, $4, $5, $6, $8, ($6 > 0 ? 100 * $3 / $6 : 0),
	    $12, $14, ($12 > 0 ? 100 * $3 / $12 : 0), $9 }' "$TABLE"
	echo
	echo "Largest worker resident memory after the run:"
	echo
	awk '$2 == "worker-rss" { printf "- %s posts: %.1f MB\n", $1, $3 / 1024 }' "$TABLE"
	echo
	echo "From the smallest to the largest site (req/s and p99, largest / smallest):"
	echo
	awk '$2 != "worker-rss" { if (!($2 in first)) { first[$2] = $3; fp99[$2] = $5; order[++k] = $2 }
	    last[$2] = $3; lp99[$2] = $5 }
	    END { for (i = 1; i <= k; i++) { p = order[i];
	    printf "- %s: req/s x%.2f, p99 x%.2f\n", p,
	    (first[p] > 0 ? last[p] / first[p] : 0),
	    (fp99[p] > 0 ? lp99[p] / fp99[p] : 0) } }' "$TABLE"
	echo
	echo "Goals: post page >= 50% of static req/s; p99 < 5 ms at 64 connections;"
	echo "each worker < 10 MB resident; at 100,000 posts every page within 1.3x"
	echo "its 1,000-post figure."
}

mkdir -p "$(dirname "$OUT")"
report | tee "$OUT"
echo >&2
echo "Written to ${OUT#"$ROOT"/}" >&2
