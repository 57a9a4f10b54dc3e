#!/usr/bin/env bash
# test_wxr.sh -- import the WordPress Theme Unit Test export (real data
# made to break importers), compare what arrived with what the file holds
# (counted here with xmllint, not by the importer), then fetch every
# post, page and category through nginx and the handler, old URLs too.
#
# The file is not copied into the repository (it is not ours): it is
# found through $FOLIO_TESTDATA (the folder holding wxr/), else
# ../shared/testdata beside the checkout, else /work/shared/testdata.
# Where none holds it, the test says so and exits 77: tests/run.sh lists it
# as skipped, never as passed.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

WXR=
for dir in ${FOLIO_TESTDATA:+"$FOLIO_TESTDATA"} \
    "$FOLIO_ROOT/../shared/testdata" /work/shared/testdata; do
	if [ -r "$dir/wxr/theme-unit-test-data.xml" ]; then
		WXR=$dir/wxr/theme-unit-test-data.xml
		break
	fi
done
if [ -z "$WXR" ]; then
	echo "# SKIP test_wxr.sh: wxr/theme-unit-test-data.xml is not on this" \
	    "machine; set FOLIO_TESTDATA to the folder that holds it" \
	    "(WordPress/wordpress-importer's phpunit/data/theme-unit-test-data.xml)"
	exit 77
fi
command -v xmllint >/dev/null || bail "xmllint is not installed (make deps)"

# ------------------------------------------------------------ what it holds

xp() {
	xmllint --xpath "$1" "$WXR" 2>/dev/null
}
# An element of the wp: namespace, whatever its version or scheme.
wp() {
	printf "*[local-name()='%s']" "$1"
}
ITEM_POST="//item[$(wp post_type)='post']"
ITEM_PAGE="//item[$(wp post_type)='page']"
IMPORTED="[$(wp status)='publish' or $(wp status)='future' or $(wp status)='draft' or $(wp status)='pending' or $(wp status)='private']"

# The distinct values in "name=value" or <x>value</x> lists on stdin.
distinct() {
	sed -e 's/<!\[CDATA\[//g; s/\]\]>//g' -e 's/<[^>]*>/\n/g' \
	    -e 's/ [a-z]*="\([^"]*\)"/\n\1\n/g' | sed '/^[[:space:]]*$/d' |
	    sort -u
}

want_posts=$(xp "count($ITEM_POST$IMPORTED)")
want_pages=$(xp "count($ITEM_PAGE$IMPORTED)")
want_attachments=$(xp "count(//item[$(wp post_type)='attachment'])")
want_nav=$(xp "count(//item[$(wp post_type)='nav_menu_item'][category[@domain='nav_menu']])")
want_comments=$(xp "count(//item/$(wp comment))")
want_sticky=$(xp "count(//item$IMPORTED[$(wp is_sticky)='1'])")
want_cats=$( { xp "/rss/channel/$(wp category)/$(wp category_nicename)";
    xp "/rss/channel/$(wp term)[$(wp term_taxonomy)='category']/$(wp term_slug)";
    xp "//item/category[@domain='category']/@nicename"; } | distinct | wc -l)
want_tags=$( { xp "/rss/channel/$(wp tag)/$(wp tag_slug)";
    xp "/rss/channel/$(wp term)[$(wp term_taxonomy)='post_tag']/$(wp term_slug)";
    xp "//item/category[@domain='post_tag']/@nicename"; } | distinct | wc -l)
want_63=$(xp "count(//item[$(wp post_name)='edge-case-many-categories']/category[@domain='category'])")

check "the file holds posts, pages and menu items (xmllint: $want_posts, $want_pages, $want_nav)" \
    test "$want_posts" -gt 0 -a "$want_pages" -gt 0 -a "$want_nav" -gt 0

# ------------------------------------------------------------ import

stack_tmp
FOLIO_DB=$STACK_DIR/folio.db
export FOLIO_DB
./folio init >"$STACK_DIR/init.log" 2>&1 ||
    bail "./folio init failed" "$(cat "$STACK_DIR/init.log")"

./folio import-wxr --primary-menu all-pages "$WXR" \
    >"$STACK_DIR/import.out" 2>"$STACK_DIR/import.err"
rc=$?
if ! check "folio import-wxr exits 0" test "$rc" -eq 0; then
	diag <"$STACK_DIR/import.err"
	bail "the import failed; nothing more to test"
fi

q() {
	sqlite3 -batch -noheader "$FOLIO_DB" "$1"
}

same() {
	check "$1: the file has $2, the database $3" test "$2" = "$3"
}
same posts "$want_posts" "$(q 'SELECT count(*) FROM post')"
same pages "$want_pages" "$(q 'SELECT count(*) FROM page')"
same attachments "$want_attachments" "$(q 'SELECT count(*) FROM attachment')"
same "menu items" "$want_nav" "$(q 'SELECT count(*) FROM menu_item')"
same categories "$want_cats" "$(q 'SELECT count(*) FROM category')"
same tags "$want_tags" "$(q 'SELECT count(*) FROM tag')"
same "sticky posts" "$want_sticky" "$(q 'SELECT count(*) FROM post WHERE sticky = 1')"
same "categories of the 63-category post" "$want_63" \
    "$(q "SELECT count(*) FROM post_category pc JOIN post p ON p.id = pc.post_id WHERE p.slug = 'edge-case-many-categories'")"
same "menus (one per WordPress menu in use)" \
    "$(xp "//item/category[@domain='nav_menu']/@nicename" | distinct | wc -l)" \
    "$(q 'SELECT count(DISTINCT menu) FROM menu_item')"
# Menus reuse item ids (all-pages and all-pages-flat): each keeps its own
# items and nesting.
for menu in $(xp "//item/category[@domain='nav_menu']/@nicename" | distinct); do
	name=$menu
	[ "$menu" = all-pages ] && name=primary
	in_menu="//item[category[@domain='nav_menu'][@nicename='$menu']]"
	same "items of menu $menu" "$(xp "count($in_menu)")" \
	    "$(q "SELECT count(*) FROM menu_item WHERE menu = '$name'")"
	same "nested items of menu $menu" \
	    "$(xp "count($in_menu[$(wp postmeta)[$(wp meta_key)='_menu_item_menu_item_parent'][$(wp meta_value)!='0']])")" \
	    "$(q "SELECT count(*) FROM menu_item WHERE menu = '$name' AND parent_id IS NOT NULL")"
done
for login in $(xp "/rss/channel/$(wp author)/$(wp author_login)" | distinct); do
	same "declared author $login" 1 \
	    "$(q "SELECT count(*) FROM user WHERE slug = '$login'")"
done
check "every post has an author (undeclared names included)" \
    test "$(q 'SELECT count(*) FROM post WHERE author_id NOT IN (SELECT id FROM user)')" = 0
check "the summary counts the $want_comments comments as skipped" \
    grep -Eq "comments: +$want_comments " "$STACK_DIR/import.out"
check "the file has script, iframes and style to remove" \
    test "$(grep -c -e '<iframe' -e '<script' -e 'style=' "$WXR")" -gt 0
q "SELECT body_html FROM post UNION ALL SELECT body_html FROM page" \
    >"$STACK_DIR/bodies.html"
check "nothing imported holds script, iframes, style or event handlers" \
    test -z "$(grep -aiE '<(script|iframe|style|object|embed)|<[^>]*[[:space:]](on[a-z]+|style)=|javascript:' "$STACK_DIR/bodies.html" | head -n 3)"
check "no block comment or shortcode survives" \
    test "$(q "SELECT count(*) FROM post WHERE body_html LIKE '%<!-- wp:%' OR body_html LIKE '%[caption%' OR body_html LIKE '%[gallery%'")" = 0

# ------------------------------------------------------------ twice, broken

q .dump >"$STACK_DIR/dump1"
./folio import-wxr --primary-menu all-pages "$WXR" \
    >"$STACK_DIR/import2.out" 2>&1
check "a second import exits 0" test "$?" -eq 0
q .dump >"$STACK_DIR/dump2"
check "a second import changes nothing" cmp -s "$STACK_DIR/dump1" \
    "$STACK_DIR/dump2"
check "and says so" grep -q 'posts: *0 new' "$STACK_DIR/import2.out"

head -c 300000 "$WXR" >"$STACK_DIR/broken.xml"
./folio import-wxr "$STACK_DIR/broken.xml" >"$STACK_DIR/broken.out" \
    2>"$STACK_DIR/broken.err"
check "a truncated export is refused" test "$?" -eq 1
check "with its line number ($(head -n 1 "$STACK_DIR/broken.err"))" \
    grep -Eq 'broken\.xml:[0-9]+: malformed XML' "$STACK_DIR/broken.err"
q .dump >"$STACK_DIR/dump3"
check "a refused import changes nothing" cmp -s "$STACK_DIR/dump1" \
    "$STACK_DIR/dump3"

# ------------------------------------------------------------ over HTTP

stack_serve

# The title as the templates print it: tags gone, HTML-escaped.
html_title() {
	printf '%s' "$1" | sed -e 's/<[^>]*>//g' | tr -s ' \t\n' '   ' |
	    sed -e 's/^ //; s/ $//' -e 's/&/\&amp;/g; s/</\&lt;/g' \
	    -e 's/>/\&gt;/g; s/"/\&quot;/g' -e "s/'/\&#39;/g"
}

# expect_title TITLE: the page's <h1> is it ("(no title)" when empty).
expect_title() {
	local t
	t=$(html_title "$1")
	[ -n "$t" ] || t='(no title)'
	expect_body_has "class=\"entry-title\">$t</h1>" "title \"$(short "$t")\""
}

# follow: the last response was a 301 to a site path; fetch that.
follow() {
	local to
	to=$(header_values Location | head -n 1)
	to=${to#http://127.0.0.1:$PORT}
	case $to in
	/*) get "$to" ;;
	*) fail "$REQ: a redirect to a site path (got \"$to\")" ;;
	esac
}

SEP='@@'
n=$(xp "count(//item[$(wp post_type)='post' or $(wp post_type)='page'])")
now=$(date +%s)
for ((i = 1; i <= n; i++)); do
	it="(//item[$(wp post_type)='post' or $(wp post_type)='page'])[$i]"
	rec=$(xp "concat($it/$(wp post_type), '$SEP', $it/$(wp status), '$SEP', $it/$(wp post_name), '$SEP', $it/$(wp post_date_gmt), '$SEP', $it/$(wp post_password), '$SEP', normalize-space($it/link), '$SEP', $it/title)")
	type=${rec%%"$SEP"*}; rec=${rec#*"$SEP"}
	status=${rec%%"$SEP"*}; rec=${rec#*"$SEP"}
	name=${rec%%"$SEP"*}; rec=${rec#*"$SEP"}
	gmt=${rec%%"$SEP"*}; rec=${rec#*"$SEP"}
	password=${rec%%"$SEP"*}; rec=${rec#*"$SEP"}
	link=${rec%%"$SEP"*}; rec=${rec#*"$SEP"}
	title=$rec
	old=/${link#*://*/}
	case $link in *'?'*) old= ;; esac
	t=$(date -u -d "$gmt" +%s 2>/dev/null) || t=0
	public=0
	[ "$status" = publish ] && [ -z "$password" ] && [ "$t" -le "$now" ] &&
	    public=1

	if [ "$type" = post ]; then
		url=
		[[ $name =~ ^[a-z0-9-]+$ ]] && [ "$t" -gt 0 ] &&
		    url=$(date -u -d "@$t" +/%Y/%m/%d/)$name/
		if [ "$public" -eq 1 ]; then
			if [ -n "$url" ]; then
				get "$url"
				expect_status 200 && expect_title "$title"
			fi
			if [ -n "$old" ] && [ "$old" != "$url" ]; then
				get "$old"
				expect_status 301 && follow && {
				    expect_status 200 && expect_title "$title"; }
			fi
		elif [ -n "$url" ]; then
			get "$url"
			expect_status 404
		fi
	else
		[ -n "$old" ] || continue
		get "$old"
		if [ "$public" -eq 0 ]; then
			expect_status 404
			continue
		fi
		if [[ $old =~ ^/[a-z0-9/-]+/$ ]] && [[ $old != //* ]]; then
			expect_status 200 && expect_title "$title"
		else
			expect_status 301 && follow && {
			    expect_status 200 && expect_title "$title"; }
		fi
	fi
done

# Every category: 200 with its name where it (or a child) has a public
# post, else 404, as for any empty category.
while IFS='|' read -r path name posts; do
	get "$path"
	if [ "$posts" -gt 0 ]; then
		expect_status 200 &&
		    expect_body_has "Category: $(html_title "$name")" \
		    "heading names \"$(short "$name")\""
	else
		expect_status 404
	fi
done < <(q "WITH RECURSIVE up(id, top, path) AS (
	SELECT id, id, slug || '/' FROM category WHERE parent_id IS NULL
	UNION ALL SELECT c.id, up.top, up.path || c.slug || '/'
	FROM category c JOIN up ON c.parent_id = up.id),
	sub(root, id) AS (SELECT id, id FROM category
	UNION ALL SELECT sub.root, c.id FROM category c
	JOIN sub ON c.parent_id = sub.id)
	SELECT '/category/' || up.path, c.name,
	(SELECT count(*) FROM sub JOIN post_category pc ON pc.category_id = sub.id
	 JOIN post p ON p.id = pc.post_id WHERE sub.root = c.id
	 AND p.status = 'published' AND p.published_at <= strftime('%s', 'now'))
	FROM up JOIN category c ON c.id = up.id ORDER BY 1")

# Every imported tag: its old /tag/slug/ link answers 200 with its newest
# public post where it has one, else 404. Ten a page: page 2 exists when
# it has more than ten.
ntags=0
while IFS='|' read -r slug name posts newest; do
	get "/tag/$slug/"
	if [ "$posts" -gt 0 ]; then
		ntags=$((ntags + 1))
		expect_page 200 &&
		    expect_body_has "Posts tagged “$(html_title "$name")”" \
		    "heading names \"$(short "$name")\"" &&
		    expect_body_has "href=\"$newest\"" 'its newest post'
		get "/tag/$slug/page/2/"
		if [ "$posts" -gt 10 ]; then
			expect_status 200
		else
			expect_status 404
		fi
	else
		expect_status 404
	fi
done < <(q "SELECT t.slug, t.name, count(p.id),
	(SELECT strftime('/%Y/%m/%d/', p2.published_at, 'unixepoch') ||
	 p2.slug || '/' FROM post_tag pt2 JOIN post p2 ON p2.id = pt2.post_id
	 WHERE pt2.tag_id = t.id AND p2.status = 'published'
	 AND p2.published_at <= strftime('%s', 'now')
	 ORDER BY p2.published_at DESC, p2.id DESC LIMIT 1)
	FROM tag t LEFT JOIN post_tag pt ON pt.tag_id = t.id
	LEFT JOIN post p ON p.id = pt.post_id AND p.status = 'published'
	AND p.published_at <= strftime('%s', 'now')
	GROUP BY t.id ORDER BY t.slug")
check "imported tags with public posts have pages ($ntags)" test "$ntags" -gt 0

# The WordPress menu chosen as primary, three levels deep, on every page.
get /
expect_page 200
expect_body_has 'href="/about/"' 'menu: a page'
expect_body_has 'href="/level-1/level-2/"' 'menu: a second level'
expect_body_has 'href="/level-1/level-2/level-3/"' 'menu: a third level'
for p in /2013/01/12/markup-html-tags-and-formatting/ \
    /2013/01/11/markup-image-alignment/ /2018/11/03/block-image/ \
    /2010/08/07/post-format-image-caption/; do
	get "$p"
	expect_page 200
done
expect_body_has '<figcaption class="wp-caption-text">' '[caption] rendered'

# A file's path as a URL: bytes outside [A-Za-z0-9/._~-] %-encoded.
enc_path() {
	local LC_ALL=C s=$1 out='' c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[a-zA-Z0-9/._~-]) out+=$c ;;
		*) printf -v c '%%%02X' "'$c"; out+=$c ;;
		esac
	done
	printf '%s' "$out"
}

# The imported site exported: every file is the live page, byte for byte.
./folio export-static --origin "http://127.0.0.1:$PORT" "$STACK_DIR/export" \
    >"$STACK_DIR/export.out" 2>&1
check "export-static of the imported site ($(head -n 1 "$STACK_DIR/export.out"))" \
    test "$?" -eq 0
n=0
same=0
moved=0
while IFS= read -r file; do
	path=${file#"$STACK_DIR/export"}
	path=${path%index.html}
	n=$((n + 1))
	get "$(enc_path "$path")"
	if [ "$STATUS" = 200 ] && cmp -s "$file" "$BODY"; then
		same=$((same + 1))
	elif [ "$STATUS" = 301 ]; then
		# An old URL: a page that forwards where the 301 goes.
		to=$(header_values Location | head -n 1)
		if grep -qF "content=\"0; url=$to\"" "$file"; then
			moved=$((moved + 1))
		else
			fail "$path: the forwarding page goes to $to"
		fi
	else
		fail "$path: the exported file is the live page (status $STATUS)"
	fi
done < <(find "$STACK_DIR/export" -name index.html | sort)
check "all $n exported pages are byte for byte the live ones ($same), or forward old URLs as the live 301s do ($moved)" \
    test "$n" -gt 100 -a "$((same + moved))" -eq "$n" -a "$moved" -gt 0

done_testing
