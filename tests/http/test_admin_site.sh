#!/usr/bin/env bash
# test_admin_site.sh -- the admin beyond posts, over real nginx: pages,
# categories, the menu tree, settings, users and one's own password; who
# may reach which (403), forms that keep their input on errors, every
# POST refused without its CSRF token, and each change public at the
# next request.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_start

ORIGIN="http://127.0.0.1:$PORT"
db() { sqlite3 -batch "$FOLIO_DB" "$1"; }
adduser() {
	printf '%s\n' "$3" | ./folio user add "$1" --role "$2" \
	    >>"$STACK_DIR/users.log" 2>&1 || bail "folio user add $1 failed"
}
login() {
	local jar=$1 c
	get /admin/login/ -b "$jar" -c "$jar"
	c=$(csrf_of)
	request POST /admin/login/ -b "$jar" -c "$jar" -H "Origin: $ORIGIN" \
	    --data-urlencode "csrf=$c" --data-urlencode "name=$2" \
	    --data-urlencode "password=$3"
	[ "$STATUS" = 303 ] || bail "login as $2 failed ($STATUS)"
	get /admin/posts/ -b "$jar"
	TOKEN=$(csrf_of)
}
apost() {
	local jar=$1 path=$2
	shift 2
	request POST "$path" -b "$jar" -c "$jar" -H "Origin: $ORIGIN" "$@"
}

adduser boss admin 'admin password 1'
adduser ed editor 'editor password 1'
adduser ann author 'author password 1'
A=$STACK_DIR/a E=$STACK_DIR/e U=$STACK_DIR/u
login "$A" boss 'admin password 1'
AT=$TOKEN
login "$E" ed 'editor password 1'
ET=$TOKEN
login "$U" ann 'author password 1'
UT=$TOKEN

# ------------------------------------------------------- valid HTML
for p in /admin/pages/ /admin/pages/new/ /admin/pages/1/ /admin/categories/ \
    /admin/categories/new/ /admin/categories/2/ /admin/menu/ /admin/menu/8/ \
    /admin/settings/ /admin/users/ /admin/users/new/ /admin/account/; do
	get "$p" -b "$A"
	expect_status 200
	expect_valid_html
	expect_body_lacks '<script' "$p: no script"
done

# ------------------------------------------------------------ roles
for p in /admin/pages/ /admin/categories/ /admin/menu/ /admin/settings/ \
    /admin/users/ /admin/pages/new/ /admin/categories/1/; do
	get "$p" -b "$U"
	expect_status 403
done
for p in /admin/menu/ /admin/settings/ /admin/users/ /admin/users/1/; do
	get "$p" -b "$E"
	expect_status 403
done
for p in /admin/pages/ /admin/categories/ /admin/account/; do
	get "$p" -b "$E"
	expect_status 200
done
get /admin/posts/ -b "$E"
expect_body_lacks 'href="/admin/users/"' 'an editor is not offered users'
get /admin/posts/ -b "$A"
expect_body_has 'href="/admin/users/"' 'an admin is offered users'
apost "$E" /admin/settings/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'title=Taken Over'
expect_status 403
check 'an editor cannot change settings' \
    test "$(db 'SELECT title FROM site')" = 'Harbor Lantern'
apost "$U" /admin/categories/new/ --data-urlencode "csrf=$UT" \
    --data-urlencode 'name=Sneaky'
expect_status 403

# -------------------------------------- every POST needs its token
ncat=$(db 'SELECT count(*) FROM category')
npage=$(db 'SELECT count(*) FROM page')
nnav=$(db 'SELECT count(*) FROM menu_item')
nuser=$(db 'SELECT count(*) FROM user')
for p in /admin/categories/new/ /admin/categories/7/ \
    /admin/categories/7/delete/ /admin/pages/new/ /admin/pages/4/ \
    /admin/pages/4/trash/ /admin/pages/4/untrash/ /admin/settings/ \
    /admin/users/new/ /admin/users/1/ /admin/account/ /admin/menu/new/ \
    /admin/menu/9/ /admin/menu/9/move/ /admin/menu/9/delete/; do
	apost "$A" "$p" --data-urlencode 'name=X' --data-urlencode 'title=X' \
	    --data-urlencode 'label=X' --data-urlencode 'dir=up'
	expect_status 403
done
check 'nothing changed without tokens' test \
    "$(db 'SELECT count(*) FROM category')/$(db 'SELECT count(*) FROM page')/$(db 'SELECT count(*) FROM menu_item')/$(db 'SELECT count(*) FROM user')/$(db "SELECT status FROM page WHERE id = 4")/$(db 'SELECT title FROM site')" = \
    "$ncat/$npage/$nnav/$nuser/published/Harbor Lantern"

# ------------------------------------------------------- categories
apost "$E" /admin/categories/new/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'name=Ferry Schedules' --data-urlencode parent=1 \
    --data-urlencode 'description=When the boats run.'
expect_status 303
check 'category stored with its slug and parent' \
    test "$(db "SELECT slug || ' ' || parent_id FROM category WHERE name = 'Ferry Schedules'")" = 'ferry-schedules 1'
apost "$E" /admin/categories/new/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'name=Another News' --data-urlencode slug=news \
    --data-urlencode 'description=Typed words'
expect_status 400
expect_body_has 'Another category already uses this slug.'
expect_body_has 'value="Another News"' 'the name typed is kept'
expect_body_has 'Typed words</textarea>' 'the description typed is kept'
apost "$E" /admin/categories/1/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'name=News' --data-urlencode slug=news \
    --data-urlencode parent=6
expect_status 400
expect_body_has 'A category cannot sit below itself.'
apost "$E" /admin/categories/1/delete/ --data-urlencode "csrf=$ET"
expect_status 400
expect_body_has 'subcategories'
apost "$E" /admin/categories/3/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'name=Harbor Living' --data-urlencode slug=harbor-life
expect_status 303
get /category/harbor-life/
expect_body_has 'Harbor Living' 'a renamed category shows at once'
apost "$E" /admin/categories/7/delete/ --data-urlencode "csrf=$ET"
expect_status 303
check 'category deleted' test "$(db 'SELECT count(*) FROM category WHERE id = 7')" = 0

# ------------------------------------------------------------ pages
apost "$E" /admin/pages/new/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'title=Volunteer With Us' --data-urlencode 'slug=volunteer' \
    --data-urlencode 'body=Bring *boots*.' --data-urlencode status=published
expect_status 303
VOL=$(header_values Location | sed 's|/admin/pages/\([0-9]*\)/.*|\1|')
get /volunteer/
expect_status 200
expect_body_has '<em>boots</em>' 'a new page is public at once'
apost "$E" /admin/pages/new/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'title=Shifts' --data-urlencode "parent=$VOL" \
    --data-urlencode 'body=Saturdays.' --data-urlencode status=published
expect_status 303
SHI=$(header_values Location | sed 's|/admin/pages/\([0-9]*\)/.*|\1|')
get /volunteer/shifts/
expect_status 200
apost "$E" "/admin/pages/$VOL/" --data-urlencode "csrf=$ET" \
    --data-urlencode 'title=Volunteer With Us' --data-urlencode slug=volunteer \
    --data-urlencode "parent=$SHI" --data-urlencode status=published \
    --data-urlencode 'body=Kept text'
expect_status 400
expect_body_has 'A page cannot sit below itself.'
expect_body_has 'Kept text</textarea>' 'the text typed is kept'
apost "$E" /admin/pages/new/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'title=Category' --data-urlencode status=draft
expect_status 400
expect_body_has 'This address belongs to the site itself'
apost "$E" /admin/pages/new/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'title=About' --data-urlencode slug=about \
    --data-urlencode status=draft
expect_status 400
expect_body_has 'Another page at this level already uses this slug.'
apost "$E" "/admin/pages/$SHI/trash/" --data-urlencode "csrf=$ET"
expect_status 303
get /volunteer/shifts/
expect_status 404
apost "$E" "/admin/pages/$SHI/untrash/" --data-urlencode "csrf=$ET"
expect_status 303
check 'a page out of the trash is a draft' \
    test "$(db "SELECT status FROM page WHERE id = $SHI")" = draft

# ------------------------------------------------------------- menu
menu_pos() { db "SELECT coalesce(parent_id, 0) || ':' || position FROM menu_item WHERE id = $1"; }
move() {
	apost "$A" "/admin/menu/$1/move/" --data-urlencode "csrf=$AT" \
	    --data-urlencode "dir=$2"
}
get /admin/menu/ -b "$A"
expect_status 200
expect_body_has 'Clam Bake How-To' 'the menu tree is listed'
move 9 up
expect_status 303
check 'up: Harbor Life before News' test "$(menu_pos 9)/$(menu_pos 6)" = '0:2/0:3'
move 9 indent
expect_status 303
check 'indent: Harbor Life last under About' test "$(menu_pos 9)" = '2:2'
move 9 outdent
expect_status 303
check 'outdent: Harbor Life right after About' \
    test "$(menu_pos 9)/$(menu_pos 6)" = '0:2/0:3'
move 3 indent
expect_status 400
move 5 indent
expect_status 303
check 'Contact under Our Team, after The Board' test "$(menu_pos 5)" = '3:1'
move 5 indent
expect_status 400
expect_body_has 'cannot move that way'
move 1 up
expect_status 400
move 9 down
expect_status 303
check 'down' test "$(menu_pos 9)/$(menu_pos 6)" = '0:3/0:2'
apost "$A" /admin/menu/new/ --data-urlencode "csrf=$AT" \
    --data-urlencode 'label=Tide Tables' --data-urlencode target=url \
    --data-urlencode 'url=https://tides.example.org/bay'
expect_status 303
get /
expect_body_has 'href="https://tides.example.org/bay"' 'a new menu item is public at once'
apost "$A" /admin/menu/new/ --data-urlencode "csrf=$AT" \
    --data-urlencode 'label=Bad' --data-urlencode target=url \
    --data-urlencode 'url=javascript:alert(1)'
expect_status 400
expect_body_has 'Give an address starting with'
expect_body_has 'value="javascript:alert(1)"' 'the address typed is kept'
# A control byte in a link is refused here as on the settings page.
apost "$A" /admin/menu/new/ --data-urlencode "csrf=$AT" \
    --data-urlencode 'label=Control Tide' --data-urlencode target=url \
    --data-urlencode $'url=https://tides.example.org/a\x01b'
expect_status 400
expect_body_has 'The menu item was not saved' 'a control byte: the summary'
expect_body_has 'Give an address starting with' 'a control byte: the message'
expect_body_has 'value="Control Tide"' 'a control byte: the label typed is kept'
expect_body_has 'value="https://tides.example.org/a' \
    'a control byte: the address typed is kept'
check 'a control byte: nothing stored' \
    test "$(db "SELECT count(*) FROM menu_item WHERE label = 'Control Tide'")" = 0
apost "$A" /admin/menu/8/ --data-urlencode "csrf=$AT" \
    --data-urlencode 'label=Clam Bake' --data-urlencode target=url \
    --data-urlencode $'url=/clam\x7f/'
expect_status 400
expect_body_has 'Give an address starting with' 'DEL in an edited item'
apost "$A" /admin/menu/new/ --data-urlencode "csrf=$AT" \
    --data-urlencode 'label=Volunteer' --data-urlencode target=page \
    --data-urlencode "page=$VOL"
expect_status 303
get /
expect_body_has 'href="/volunteer/"' 'a menu item for a page'
apost "$A" /admin/menu/8/ --data-urlencode "csrf=$AT" \
    --data-urlencode 'label=Clam Bake' --data-urlencode target=category \
    --data-urlencode category=4
expect_status 303
check 'item edited' test "$(db 'SELECT label || target || category_id || coalesce(post_id, 0) FROM menu_item WHERE id = 8')" = 'Clam Bakecategory40'
apost "$A" /admin/menu/2/delete/ --data-urlencode "csrf=$AT"
expect_status 200
expect_body_has 'items under it go too' 'a branch is removed only once confirmed'
apost "$A" /admin/menu/2/delete/ --data-urlencode "csrf=$AT" \
    --data-urlencode confirm=1
expect_status 303
check 'removed with its sub-items' \
    test "$(db "SELECT count(*) FROM menu_item WHERE id IN (2, 3, 4, 5) AND menu = 'primary'")" = 0

# --------------------------------------------------------- settings
get /admin/settings/ -b "$A"
expect_status 200
expect_body_has 'Privacy Notice | /privacy/' 'footer links as lines'
apost "$A" /admin/settings/ --data-urlencode "csrf=$AT" \
    --data-urlencode 'title=Harbor Beacon' --data-urlencode 'tagline=Typed tagline' \
    --data-urlencode 'timezone=Mars/Olympus' --data-urlencode posts_per_page=0 \
    --data-urlencode 'contact_email=not an address' \
    --data-urlencode $'footer_links=Good | /good/\nno bar here'
expect_status 400
expect_body_has 'Give a time zone name' 'message by the time zone'
expect_body_has 'Give a number from 1' 'message by posts per page'
expect_body_has 'Give an address such as' 'message by the e-mail'
expect_body_has 'Write one link a line' 'message by the footer links'
expect_body_has 'value="Typed tagline"' 'the tagline typed is kept'
check 'nothing saved' test "$(db 'SELECT title FROM site')" = 'Harbor Lantern'
apost "$A" /admin/settings/ --data-urlencode "csrf=$AT" \
    --data-urlencode 'title=Harbor Beacon' --data-urlencode 'tagline=Typed tagline' \
    --data-urlencode 'timezone=Europe/Paris' --data-urlencode posts_per_page=5 \
    --data-urlencode $'footer_links=Control | https://code.example.org/a\x01b'
expect_status 400
expect_body_has 'The settings were not saved' 'a control byte in a footer link'
expect_body_has 'Line &quot;Control&quot;: give a label and an address' \
    'a control byte: the footer links message'
expect_body_has 'value="Typed tagline"' 'a control byte: the tagline typed is kept'
apost "$A" /admin/settings/ --data-urlencode "csrf=$AT" \
    --data-urlencode 'title=Harbor Beacon' --data-urlencode 'tagline=Lights on' \
    --data-urlencode 'mission=M' --data-urlencode 'vision=V' \
    --data-urlencode 'contact_email=desk@beacon.example' \
    --data-urlencode 'copyright_holder=Beacon Co-op' \
    --data-urlencode 'timezone=Europe/Paris' --data-urlencode posts_per_page=5 \
    --data-urlencode 'base_url=' \
    --data-urlencode $'footer_links=Imprint | /imprint/\nCode | https://code.example.org/?a=1&b=2'
expect_status 303
get /
expect_body_has 'Harbor Beacon' 'new title public at once'
expect_body_has 'href="/imprint/"' 'new footer link'
expect_body_lacks 'Privacy Notice' 'old footer links gone'
check 'settings stored' test "$(db 'SELECT timezone || posts_per_page FROM site')" = 'Europe/Paris5'

# ------------------------------------------------------------ users
apost "$A" /admin/users/new/ --data-urlencode "csrf=$AT" \
    --data-urlencode slug=newbie --data-urlencode 'name=New Bie' \
    --data-urlencode role=author --data-urlencode password=short
expect_status 400
expect_body_has 'A password needs at least 12 characters.'
expect_body_has 'value="New Bie"' 'the name typed is kept'
apost "$A" /admin/users/new/ --data-urlencode "csrf=$AT" \
    --data-urlencode slug=ed --data-urlencode 'name=Ed Two' \
    --data-urlencode role=author --data-urlencode 'password=long enough pass'
expect_status 400
expect_body_has 'This login name is taken.'
apost "$A" /admin/users/new/ --data-urlencode "csrf=$AT" \
    --data-urlencode slug=newbie --data-urlencode 'name=New Bie' \
    --data-urlencode 'email=nb@example.org' --data-urlencode role=author \
    --data-urlencode 'password=newbie password'
expect_status 303
N=$STACK_DIR/n
login "$N" newbie 'newbie password'
pass 'a user added in the admin can log in'
check 'no password stored in clear' \
    test "$(db "SELECT instr(password_hash, 'newbie') FROM user WHERE slug = 'newbie'")" = 0
BOSS=$(db "SELECT id FROM user WHERE slug = 'boss'")
apost "$A" "/admin/users/$BOSS/" --data-urlencode "csrf=$AT" \
    --data-urlencode 'name=Boss' --data-urlencode role=editor
expect_status 400
expect_body_has 'This is the last administrator'
NB=$(db "SELECT id FROM user WHERE slug = 'newbie'")
apost "$A" "/admin/users/$NB/" --data-urlencode "csrf=$AT" \
    --data-urlencode 'name=New Bie' --data-urlencode role=editor \
    --data-urlencode 'password=newbie password 2'
expect_status 303
get /admin/posts/ -b "$N"
expect_status 303
expect_location '/admin/login/?expired=1'
check 'role changed' test "$(db "SELECT role FROM user WHERE id = $NB")" = editor

# ----------------------------------------------------- own password
E2=$STACK_DIR/e2
login "$E2" ed 'editor password 1'
apost "$E" /admin/account/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'current=wrong password!' \
    --data-urlencode 'password=editor password 2' \
    --data-urlencode 'again=editor password 2'
expect_status 400
expect_body_has 'This is not your current password.'
apost "$E" /admin/account/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'current=editor password 1' \
    --data-urlencode 'password=editor password 2' \
    --data-urlencode 'again=editor password 3'
expect_status 400
expect_body_has 'The two new passwords differ.'
apost "$E" /admin/account/ --data-urlencode "csrf=$ET" \
    --data-urlencode 'current=editor password 1' \
    --data-urlencode 'password=editor password 2' \
    --data-urlencode 'again=editor password 2'
expect_status 303
get /admin/posts/ -b "$E"
expect_status 200
get /admin/posts/ -b "$E2"
expect_status 303

done_testing
