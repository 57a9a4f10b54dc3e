#!/usr/bin/env bash
# test_backup.sh -- folio backup while the site serves and a writer
# commits, folio check on good, corrupted and inconsistent copies, and a
# restore served from the copy.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_start
B=$STACK_DIR/backups
mkdir -p "$B"
LIVE=$FOLIO_DB

# folio_run NAME ARGS...: run ./folio, keep stdout, stderr and status.
folio_run() {
	local name=$1
	shift
	./folio "$@" >"$STACK_DIR/$name.out" 2>"$STACK_DIR/$name.err"
	RC=$?
}

expect_rc() {
	local want=$1 what=$2
	if { [ "$want" = nonzero ] && [ "$RC" -ne 0 ]; } || [ "$RC" = "$want" ]; then
		pass "$what: exit status $RC"
		return 0
	fi
	fail "$what: exit status $RC, want $want"
	cat "$STACK_DIR"/*.err 2>/dev/null | tail -n 5 | diag
	return 1
}

# ------------------------------------------- backup while serving
# Readers: requests all through the backup. A writer: commits in a loop,
# as the admin would.
(
	for ((i = 0; i < 200; i++)); do
		curl -s -o /dev/null -w '%{http_code}\n' --max-time 20 \
		    "http://127.0.0.1:$PORT/2022/03/18/late-ferry-to-gull-island/"
	done
) >"$STACK_DIR/statuses" &
readers=$!
(
	for ((i = 0; i < 100; i++)); do
		printf '.timeout 5000\nUPDATE site SET tagline = %s;\n' \
		    "'tagline $i'" | sqlite3 "$LIVE" || exit 1
	done
) >"$STACK_DIR/writer.out" 2>&1 &
writer=$!

for n in 1 2 3; do
	folio_run backup backup "$B/site-$n.db"
	expect_rc 0 "folio backup while serving and writing (copy $n)"
	folio_run check check "$B/site-$n.db"
	expect_rc 0 "folio check on copy $n"
	check "folio check on copy $n says ok" grep -q ': ok$' "$STACK_DIR/check.out"
done
wait "$readers"
check "the writer committed while the copies were taken" wait "$writer"
ok200=$(grep -c '^200$' "$STACK_DIR/statuses")
check "every request during the backups answered 200 ($ok200 of 200)" \
    test "$ok200" = 200

posts=$(sqlite3 "$LIVE" 'SELECT count(*) FROM post')
check "a copy has every post ($posts)" \
    test "$(sqlite3 "$B/site-1.db" 'SELECT count(*) FROM post')" = "$posts"
others=$(find "$B" -mindepth 1 ! -name 'site-[0-9].db')
check "a copy is one file, no -wal or -shm beside it${others:+: $others}" \
    test -z "$others"
check "a copy is readable by its owner only" \
    test "$(stat -c %a "$B/site-1.db")" = 600

# ------------------------------------------- overwriting
sum=$(cksum <"$B/site-1.db")
folio_run backup backup "$B/site-1.db"
expect_rc nonzero "folio backup onto an existing file"
check "it says why: already exists, --force" \
    grep -q 'site-1.db: already exists; use --force' "$STACK_DIR/backup.err"
check "the existing file is untouched" test "$(cksum <"$B/site-1.db")" = "$sum"
folio_run backup backup --force "$B/site-1.db"
expect_rc 0 "folio backup --force onto an existing file"
folio_run backup backup --force "$LIVE"
expect_rc nonzero "folio backup --force onto the database itself"
folio_run backup backup "$B/no-such-dir/site.db"
expect_rc nonzero "folio backup into a missing folder"
check "it names the file it could not create" \
    grep -q 'no-such-dir/site.db' "$STACK_DIR/backup.err"
others=$(find "$B" -mindepth 1 -name '*tmp*')
check "no temporary files left behind${others:+: $others}" test -z "$others"
folio_run backup backup
expect_rc 2 "folio backup without a file: usage"

# ------------------------------------------- check
folio_run check check
expect_rc 0 "folio check on the live database"

cp "$B/site-2.db" "$B/broken.db"
# 0xff over two pages in the middle: after VACUUM every page is in use,
# so this breaks a b-tree page header or an overflow chain, not free space.
sqlite3 "$B/broken.db" VACUUM
size=$(stat -c %s "$B/broken.db")
head -c 8192 /dev/zero | tr '\0' '\377' | dd of="$B/broken.db" bs=1 \
    seek=$((size / 2)) conv=notrunc status=none
folio_run check check "$B/broken.db"
expect_rc nonzero "folio check on a corrupted copy"
check "it reports the damage, naming the file" \
    grep -q 'broken.db: ' "$STACK_DIR/check.err"

cp "$B/site-3.db" "$B/orphan.db"
sqlite3 "$B/orphan.db" 'INSERT INTO post_category VALUES (999999, 1)'
folio_run check check "$B/orphan.db"
expect_rc nonzero "folio check with a broken foreign key"
check "it names the table" \
    grep -q 'foreign key: .*post_category' "$STACK_DIR/check.err"

cp "$B/site-3.db" "$B/old.db"
sqlite3 "$B/old.db" 'PRAGMA user_version = 0'
folio_run check check "$B/old.db"
expect_rc nonzero "folio check on an unmigrated database"
check "it says to run folio init" grep -q 'folio init' "$STACK_DIR/check.err"

folio_run check check "$B/none.db"
expect_rc nonzero "folio check on a missing file"

# ------------------------------------------- restore
cp "$B/site-3.db" "$STACK_DIR/restored.db"
FOLIO_DB=$STACK_DIR/restored.db
cgi GET /2022/03/18/late-ferry-to-gull-island/
expect_page 200
expect_body_has 'Late Ferry to Gull Island' 'served from the restored copy'
cgi GET /
expect_body_has 'tagline ' 'with the tagline the writer had committed'

done_testing
