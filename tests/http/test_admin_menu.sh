#!/usr/bin/env bash
# test_admin_menu.sh -- the menu screen without JavaScript: the tree as
# nested lists (no "--" prefixes); removing an item with sub-items says
# how many go with it and asks first; the last removal can be undone,
# back in its place (or at the end of the top level when its place is
# gone); undo and remove are CSRF-checked forms.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_start

ORIGIN="http://127.0.0.1:$PORT"
A=$STACK_DIR/admin.jar
db() { sqlite3 -batch "$FOLIO_DB" "PRAGMA busy_timeout = 5000; $1" | tail -n 1; }
printf '%s\n' 'admin password 1' | ./folio user add ada --role admin \
    >"$STACK_DIR/users.log" 2>&1 || bail 'folio user add failed'
get /admin/login/ -c "$A" -b "$A"
c=$(csrf_of)
request POST /admin/login/ -c "$A" -b "$A" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$c" --data-urlencode name=ada \
    --data-urlencode 'password=admin password 1'
expect_status 303
get /admin/menu/ -b "$A"
AT=$(csrf_of)
apost() {
	local path=$1
	shift
	request POST "$path" -b "$A" -H "Origin: $ORIGIN" "$@"
}
# The primary menu as "id:parent:position" in order, one line.
tree() {
	sqlite3 -batch "$FOLIO_DB" "SELECT group_concat(x, ' ') FROM (SELECT
	    id || ':' || coalesce(parent_id, 0) || ':' || position AS x
	    FROM menu_item WHERE menu = 'primary' ORDER BY id)"
}
fixture_tree='1:0:0 2:0:1 3:2:0 4:3:0 5:2:1 6:0:2 7:6:0 8:6:1 9:0:3'
check "the fixture's tree ($(tree))" test "$(tree)" = "$fixture_tree"

# ------------------------------------------------------------ the tree
get /admin/menu/ -b "$A"
expect_page 200
expect_body_lacks '>--' 'no "--" prefixes'
expect_body_has '<ul class="menu-tree">' 'the tree is a list'
check 'nine items, each a node' \
    test "$(grep -c '<div class="menu-node">' "$BODY")" -eq 9
# The tree without its buttons, on one line.
perl -0pe 's/<div class="menu-actions">.*?<\/div>//gs; s/\n//g' "$BODY" \
    >"$STACK_DIR/flat"
check 'The Board sits in a list inside Our Team, inside About' \
    grep -q '>About</a>.*<ul><li>.*>Our Team</a>.*<ul><li>.*>The Board</a>.*</li></ul></li>.*>Contact</a>.*</li></ul></li>.*>News</a>' \
    "$STACK_DIR/flat"
expect_body_has 'aria-label="Remove About and its 3 sub-items…">Remove…' \
    'a parent says how many go with it'
expect_body_has 'aria-label="Remove Home">Remove</button>' \
    'a leaf says no more than Remove'

# --------------------------------------------- removal asks first
apost /admin/menu/2/delete/ --data-urlencode "csrf=$AT"
expect_page 200
expect_body_has 'Remove “About”?'
expect_body_has 'The 3 items under it go too:' 'how many go with it'
expect_body_has '<li>Our Team</li>' 'which: Our Team'
expect_body_has '<li>The Board</li>' 'which: The Board'
expect_body_has '<li>Contact</li>' 'which: Contact'
expect_body_has 'name="confirm" value="1"' 'a confirm form'
expect_body_has 'Remove all 4' 'the button says how many'
check 'asking removes nothing' test "$(tree)" = "$fixture_tree"
get /admin/menu/2/delete/ -b "$A"
expect_page 200
expect_body_has 'The 3 items under it go too:' 'GET shows the same question'
check 'GET removes nothing' test "$(tree)" = "$fixture_tree"
# Without the token, nothing either.
apost /admin/menu/2/delete/ --data-urlencode confirm=1
expect_status 403
check 'no token: nothing removed' test "$(tree)" = "$fixture_tree"

apost /admin/menu/2/delete/ --data-urlencode "csrf=$AT" \
    --data-urlencode confirm=1
expect_status 303
expect_location '/admin/menu/?removed=1'
check "confirmed: About and its branch are gone ($(tree))" \
    test "$(tree)" = '1:0:0 6:0:2 7:6:0 8:6:1 9:0:3'
get /
expect_body_lacks 'href="/about/"' 'the public menu has no About'
get '/admin/menu/?removed=1' -b "$A"
expect_page 200
expect_body_has 'Removed.'
expect_body_has 'Last removed: “About” and the 3 items under it.'
expect_body_has 'action="/admin/menu/undo/"' 'an undo form'

# --------------------------------------------------------------- undo
apost /admin/menu/undo/
expect_status 403
apost /admin/menu/undo/ --data-urlencode "csrf=$AT"
expect_status 303
expect_location '/admin/menu/?restored=1'
check "undone: the branch is back in its place ($(tree))" \
    test "$(tree)" = "$fixture_tree"
get /
expect_body_has 'href="/about/our-team/board/"' 'public again, three levels'
get '/admin/menu/?restored=1' -b "$A"
expect_body_has 'The removal was undone.'
expect_body_lacks 'Last removed' 'nothing left to undo'
apost /admin/menu/undo/ --data-urlencode "csrf=$AT"
expect_status 409

# A leaf goes without asking; only the last removal is kept.
apost /admin/menu/4/delete/ --data-urlencode "csrf=$AT"
expect_status 303
apost /admin/menu/9/delete/ --data-urlencode "csrf=$AT"
expect_status 303
check 'two removals: The Board and Harbor Life gone' \
    test "$(tree)" = '1:0:0 2:0:1 3:2:0 5:2:1 6:0:2 7:6:0 8:6:1'
check 'only the last is kept for undo' \
    test "$(db "SELECT group_concat(id) FROM menu_item WHERE menu <> 'primary'")" = 9
get /admin/menu/ -b "$A"
expect_body_has 'Last removed: “Harbor Life”.'
apost /admin/menu/undo/ --data-urlencode "csrf=$AT"
expect_status 303
check 'Harbor Life is back, The Board is not' \
    test "$(tree)" = '1:0:0 2:0:1 3:2:0 5:2:1 6:0:2 7:6:0 8:6:1 9:0:3'

# Undo when its place is too deep now: at the end of the top level.
move() {
	apost "/admin/menu/$1/move/" --data-urlencode "csrf=$AT" \
	    --data-urlencode "dir=$2"
	expect_status 303
}
move 5 indent	# Contact under Our Team: a branch of two levels
apost /admin/menu/3/delete/ --data-urlencode "csrf=$AT" \
    --data-urlencode confirm=1
expect_status 303
move 2 indent	# About under Home: Our Team's branch would be 4 deep
check "Our Team's branch out, About under Home ($(tree))" \
    test "$(tree)" = '1:0:0 2:1:0 6:0:1 7:6:0 8:6:1 9:0:2'
apost /admin/menu/undo/ --data-urlencode "csrf=$AT"
expect_status 303
check "undone at the end of the top level, the branch whole ($(tree))" \
    test "$(tree)" = '1:0:0 2:1:0 3:0:3 5:3:0 6:0:1 7:6:0 8:6:1 9:0:2'

done_testing
