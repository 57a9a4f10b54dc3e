#!/usr/bin/env bash
# test_export.sh -- `folio export-static`: export the fixture site, serve
# the folder with a plain static nginx (no handler), and compare every
# exported page, byte for byte, with what the live handler serves at the
# same URL; then the pages that must be there, the assets, the 404 page
# and the refusals.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

STATIC_PID=
STATIC_PORT=
cleanup() {
	stop_proc "$STATIC_PID" QUIT
	stack_stop
}

stack_start
trap cleanup EXIT
EXPORT=$STACK_DIR/export

# Old URLs, as an import leaves them: a static server cannot send a 301,
# so the export puts a page there that forwards the browser.
sqlite3 "$FOLIO_DB" "INSERT INTO redirect (old_path, post_id) SELECT
    '/old-ferry/', id FROM post WHERE slug = 'late-ferry-to-gull-island';
    INSERT INTO redirect (old_path, post_id) SELECT '/old-draft/', id
    FROM post WHERE slug = 'unfinished-draft-about-buoys';
    INSERT INTO redirect (old_path, new_path) VALUES ('/about/',
    '/nowhere/')" || bail "cannot add redirects to the fixture"
LIVE=$STACK_DIR/live.body

./folio export-static --origin "http://127.0.0.1:$PORT" "$EXPORT" \
    >"$STACK_DIR/export.out" 2>"$STACK_DIR/export.err"
if ! check "folio export-static exits 0 ($(cat "$STACK_DIR/export.out"))" \
    test "$?" -eq 0; then
	diag <"$STACK_DIR/export.err"
	bail "nothing exported"
fi

# A static server and nothing else: the export's own 404 page.
static_start() {
	local rundir=$STACK_DIR/static i attempt user_line=
	mkdir -p "$rundir"
	[ "$(id -u)" -eq 0 ] && user_line='user root;'
	for ((attempt = 0; attempt < 10; attempt++)); do
		STATIC_PORT=$(random_port)
		port_in_use "$STATIC_PORT" && continue
		cat >"$rundir/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid "$rundir/nginx.pid";
error_log "$rundir/error.log" warn;
events { worker_connections 64; }
http {
	types { text/html html; text/css css; image/svg+xml svg; }
	default_type application/octet-stream;
	access_log "$rundir/access.log";
	client_body_temp_path "$rundir/client_body_temp";
	proxy_temp_path "$rundir/proxy_temp";
	fastcgi_temp_path "$rundir/fastcgi_temp";
	uwsgi_temp_path "$rundir/uwsgi_temp";
	scgi_temp_path "$rundir/scgi_temp";
	server {
		listen 127.0.0.1:$STATIC_PORT;
		root "$EXPORT";
		charset utf-8;
		error_page 404 /404.html;
	}
}
EOF
		: >"$rundir/error.log"
		setsid nginx -p "$rundir" -e "$rundir/error.log" \
		    -c "$rundir/nginx.conf" -g 'daemon off;' \
		    </dev/null >>"$rundir/nginx.out" 2>&1 &
		STATIC_PID=$!
		for ((i = 0; i < 100; i++)); do
			proc_alive "$STATIC_PID" || break
			port_in_use "$STATIC_PORT" && return 0
			sleep 0.1
		done
		stop_proc "$STATIC_PID" QUIT
		STATIC_PID=
	done
	bail "the static nginx did not start" \
	    "$(tail -n 5 "$rundir/error.log" "$rundir/nginx.out")"
}
static_start

# sget PATH: a request to the static server, into $BODY and $STATUS.
sget() {
	: >"$BODY"
	REQ="static GET $1"
	STATUS=$(curl -s --path-as-is --max-time 20 -o "$BODY" -D "$HEADERS" \
	    -w '%{http_code}' "http://127.0.0.1:$STATIC_PORT$1") || STATUS=000
}

# Every exported page is the live page, byte for byte.
n=0
same=0
moved=0
while IFS= read -r file; do
	path=${file#"$EXPORT"}
	path=${path%index.html}
	n=$((n + 1))
	get "$path"
	cp "$BODY" "$LIVE"
	live_status=$STATUS
	to=$(header_values Location | head -n 1)
	sget "$path"
	if [ "$live_status" = 200 ] && [ "$STATUS" = 200 ] &&
	    cmp -s "$LIVE" "$BODY"; then
		same=$((same + 1))
	elif [ "$live_status" = 301 ] && [ "$STATUS" = 200 ] &&
	    grep -qF "content=\"0; url=$to\"" "$BODY"; then
		moved=$((moved + 1))
	else
		fail "$path: live $live_status and static $STATUS, same bytes"
		cmp "$LIVE" "$BODY" 2>&1 | diag
	fi
done < <(find "$EXPORT" -name index.html | sort)
check "all $n exported pages are the live pages byte for byte ($same), or forward as its 301s do ($moved)" \
    test "$n" -gt 0 -a "$((same + moved))" -eq "$n" -a "$moved" -eq 1
sget /old-ferry/
expect_status 200
expect_body_has 'url=/2022/03/18/late-ferry-to-gull-island/' \
    'an old URL forwards to the post'
sget /old-draft/
expect_status 404
sget /about/
expect_status 200
expect_body_lacks 'url=/nowhere/' 'a page beats an old URL' 

# What the site has is all there.
for path in / /page/2/ /page/3/ /2022/03/18/late-ferry-to-gull-island/ \
    /2022/12/31/new-years-eve-bell-ringing/ /about/ /about/our-team/ \
    /about/our-team/board/ /category/news/ /category/news/events/ \
    /category/harbor-life/ /author/marta-quill/ /2022/ /2022/12/ \
    /2022/03/18/; do
	sget "$path"
	expect_status 200
done
sget /style.css
expect_status 200
check "public/style.css copied as it is" cmp -s "$BODY" public/style.css

# What is not public is not there.
sget /no-such-page/
expect_status 404
expect_body_has 'Harbor Lantern' 'the 404 page is the site'"'"'s'
# Hidden posts appear nowhere: all pages at once as the "body".
find "$EXPORT" -name '*.html' -exec cat {} + >"$BODY"
REQ="the whole export"
check_no_hidden_posts
check "as many post pages as published posts" \
    test "$(find "$EXPORT" -mindepth 4 -maxdepth 4 -type d | grep -Ec '/[0-9]{4}/[0-9]{2}/[0-9]{2}/[a-z0-9-]+$')" = \
    "$(sqlite3 "$FOLIO_DB" "SELECT count(*) FROM post WHERE status = 'published' AND published_at <= strftime('%s', 'now')")"

# upload_dir outside public/, as deployed: copied as uploads/, where the
# posts link the images; and an export inside it is refused.
UP=$STACK_DIR/uploads
if ! mkdir -p "$UP/2024/04" || ! printf 'GIF89a\n' >"$UP/2024/04/abc.gif"
then
	bail "cannot make an upload folder"
fi
FOLIO_UPLOAD_DIR=$UP ./folio export-static "$STACK_DIR/export-up" \
    >/dev/null 2>"$STACK_DIR/up.err"
check "export-static with upload_dir elsewhere exits 0" test "$?" -eq 0
check "upload_dir is copied as uploads/" \
    cmp -s "$UP/2024/04/abc.gif" "$STACK_DIR/export-up/uploads/2024/04/abc.gif"
# public/uploads as a symbolic link to upload_dir, as some deployments
# keep it: the images are copied once, as files.
mkdir -p "$STACK_DIR/pub" && cp public/style.css "$STACK_DIR/pub/" &&
    ln -s "$UP" "$STACK_DIR/pub/uploads" || bail "cannot make a public folder"
FOLIO_PUBLIC=$STACK_DIR/pub FOLIO_UPLOAD_DIR=$UP ./folio export-static \
    "$STACK_DIR/export-link" >/dev/null 2>"$STACK_DIR/up.err"
check "export-static with public/uploads a link to upload_dir exits 0" \
    test "$?" -eq 0
check "the linked upload_dir is copied as uploads/" \
    cmp -s "$UP/2024/04/abc.gif" "$STACK_DIR/export-link/uploads/2024/04/abc.gif"
check "as a folder, not a link" test ! -L "$STACK_DIR/export-link/uploads"
FOLIO_UPLOAD_DIR=$UP ./folio export-static "$UP/site" >/dev/null \
    2>"$STACK_DIR/up.err"
check "an export inside upload_dir is refused" test "$?" -eq 1
check "and left as it was" test ! -e "$UP/site"
FOLIO_UPLOAD_DIR=$STACK_DIR/none ./folio export-static \
    "$STACK_DIR/export-none" >/dev/null 2>"$STACK_DIR/up.err"
check "a missing upload_dir is no uploads yet" test "$?" -eq 0

# Refusals: a folder with something in it, a bad origin.
./folio export-static "$EXPORT" >/dev/null 2>"$STACK_DIR/again.err"
check "a non-empty folder is refused" test "$?" -eq 1
check "and says why" grep -q 'not empty' "$STACK_DIR/again.err"
./folio export-static --origin ftp://x "$STACK_DIR/other" >/dev/null \
    2>"$STACK_DIR/origin.err"
check "a bad origin is refused" test "$?" -eq 1
./folio export-static "public/.test-export-$$" >/dev/null \
    2>"$STACK_DIR/inside.err"
check "a folder inside public/ is refused" test "$?" -eq 1
check "and left as it was" test ! -e "public/.test-export-$$"
rmdir "public/.test-export-$$" 2>/dev/null

# A site too big for one sitemap file: the index and every file it
# names are exported, each as the live site serves it.
sqlite3 "$FOLIO_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT
    i + 1 FROM n WHERE i < 2100) INSERT INTO post (slug, title, body_html,
    excerpt, status, author_id, published_at, updated_at) SELECT
    'bulk-' || i, 'Bulk ' || i, '<p>Bulk.</p>', '', 'published', 1,
    1500000000 + i * 3600, 1500000000 + i * 3600 FROM n" ||
    bail "cannot add 2,100 posts"
./folio export-static --origin "http://127.0.0.1:$PORT" \
    "$STACK_DIR/export-big" >/dev/null 2>"$STACK_DIR/big.err"
check "export-static of 2,100 more posts exits 0" test "$?" -eq 0
check "sitemap.xml is an index" \
    grep -q '<sitemapindex' "$STACK_DIR/export-big/sitemap.xml"
for f in sitemap-1.xml sitemap-2.xml; do
	get "/$f"
	expect_status 200
	check "the export has $f, as served" \
	    cmp -s "$BODY" "$STACK_DIR/export-big/$f"
done
check "and no file the index does not name" \
    test ! -e "$STACK_DIR/export-big/sitemap-3.xml"

done_testing
