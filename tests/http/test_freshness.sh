#!/usr/bin/env bash
# test_freshness.sh -- workers keep whole pages in memory (pagecache.c);
# these checks prove no visitor sees a stale page: every write that the
# admin or the command line makes shows at the next request, and a
# scheduled post appears when its time comes, with no write at all.
# Writes go through the sqlite3 CLI, a separate process, as a writer would.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_start

POST=/2022/03/18/late-ferry-to-gull-island/
sql() { sqlite3 -bail "$FOLIO_DB" "PRAGMA busy_timeout = 5000; $1" >/dev/null; }

# Warm both workers' caches with several requests each.
for _ in 1 2 3 4 5 6; do get "$POST"; done
expect_body_has 'Late Ferry to Gull Island' 'the post as first served'
for _ in 1 2 3 4 5 6; do get /; done

sql "UPDATE post SET title = 'Late Ferry, Revised' WHERE slug = 'late-ferry-to-gull-island'"
for i in 1 2 3 4; do
	get "$POST"
	expect_body_has 'Late Ferry, Revised' "edited title served (request $i)"
	expect_body_lacks 'Late Ferry to Gull Island' \
	    "old title gone (request $i)"
done
get /2022/03/
expect_body_has 'Late Ferry, Revised' 'edited title in its month archive'

sql "UPDATE post SET status = 'draft' WHERE slug = 'late-ferry-to-gull-island'"
for i in 1 2 3 4; do
	get "$POST"
	expect_status 404
done

sql "UPDATE site SET title = 'Harbor Lantern Weekly' WHERE id = 1"
for i in 1 2 3 4; do
	get /
	expect_body_has 'Harbor Lantern Weekly' \
	    "a settings change reaches every page (request $i)"
done

# A post scheduled three seconds ahead appears once the time has come.
due=$(($(date +%s) + 3))
sql "UPDATE post SET status = 'published', published_at = $due,
    updated_at = $due WHERE slug = 'late-ferry-to-gull-island'"
for _ in 1 2 3 4; do get /; done
expect_body_lacks 'Late Ferry, Revised' 'scheduled post not shown early'
while [ "$(date +%s)" -le "$due" ]; do sleep 0.2; done
for i in 1 2 3 4; do
	get /
	expect_body_has 'Late Ferry, Revised' \
	    "scheduled post shown once due, without a write (request $i)"
done

# HEAD from the cache: same headers, no body.
get /
len=$(header_values Content-Length)
head_req /
expect_status 200
expect_body_empty
expect_header Content-Length "^$len\$"

done_testing
