#!/usr/bin/env bash
# test_nginx_cache.sh -- nginx's fastcgi_cache in front of Folio, as
# README.md sets it up (scripts/nginx-conf.sh with a cache directory): a
# page is served from the cache, revalidated with a 304 when its max-age
# is over and nothing changed, and replaced when a publish changed it.
# The site's max-age is set to 1 second so expiry needs only short
# sleeps; nothing here asserts how long anything took.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

CACHE_NGINX_PID=
CACHE_PORT=

# shellcheck disable=SC2317 # the EXIT trap calls it
cache_stop() {
	trap '' INT TERM PIPE HUP
	stop_proc "$CACHE_NGINX_PID" QUIT
	CACHE_NGINX_PID=
	stack_stop
}

# A second nginx, with the cache, beside the stack's plain one.
cache_start() {
	local dir=$STACK_DIR/nginx-cache i attempt
	mkdir -p "$dir/cache"
	for ((attempt = 0; attempt < 10; attempt++)); do
		CACHE_PORT=$(random_port)
		port_in_use "$CACHE_PORT" && continue
		"$FOLIO_ROOT/scripts/nginx-conf.sh" --cache "$dir/cache" \
		    "$dir" "$CACHE_PORT" "$STACK_SOCK" "$STACK_PUBLIC" \
		    >"$dir/nginx.conf" || bail "scripts/nginx-conf.sh failed"
		: >"$dir/error.log"
		setsid nginx -p "$dir" -e "$dir/error.log" \
		    -c "$dir/nginx.conf" -g 'daemon off;' \
		    </dev/null >>"$dir/nginx.out" 2>&1 &
		CACHE_NGINX_PID=$!
		for ((i = 0; i < 100; i++)); do
			proc_alive "$CACHE_NGINX_PID" || break
			port_in_use "$CACHE_PORT" && return 0
			sleep 0.1
		done
		stop_proc "$CACHE_NGINX_PID" TERM
		CACHE_NGINX_PID=
		grep -q 'Address already in use' "$dir/error.log" \
		    "$dir/nginx.out" || bail "the caching nginx did not start" \
		    "$(tail -n 20 "$dir/error.log" "$dir/nginx.out")"
	done
	bail "found no free port for the caching nginx"
}

# cached PATH [CURL-ARG...]: a request to the caching nginx.
cached() {
	local path=$1
	shift
	: >"$BODY"
	: >"$HEADERS"
	REQ="GET (cached) $path"
	STATUS=$(curl -s --max-time 20 -o "$BODY" -D "$HEADERS" \
	    -w '%{http_code}' "$@" "http://127.0.0.1:$CACHE_PORT$path") ||
	    STATUS=000
}


stack_db
sqlite3 -bail "$FOLIO_DB" "UPDATE site SET cache_max_age = 1" ||
    bail "sqlite3 write failed"
stack_serve
trap cache_stop EXIT
cache_start

cached /
expect_status 200
expect_header X-Cache-Status '^MISS$' 'first request: from Folio'
expect_header Cache-Control '^public, max-age=0, s-maxage=1$'
first_etag=$(header_values ETag)
cached /
expect_status 200
expect_header X-Cache-Status '^HIT$' 'second request: from the cache'
check 'the cached copy has the same ETag' \
    test "$(header_values ETag)" = "$first_etag"
cached / -H "If-None-Match: $first_etag"
expect_status 304
expect_body_empty

# Past max-age with nothing changed: nginx asks Folio, which says 304.
sleep 2
cached /
expect_status 200
expect_header X-Cache-Status '^REVALIDATED$' \
    'expired, unchanged: revalidated with a 304 from Folio'
expect_body_has 'The Last Lobster Boat of the Year' 'the cached page'

# A publish (an sqlite3 write): once max-age is over, the new page.
sqlite3 -bail "$FOLIO_DB" "UPDATE post SET title = 'Lobster Boat Comes Home',
    updated_at = updated_at + 1 WHERE id = 25" || bail "sqlite3 write failed"
sleep 2
cached /
expect_status 200
expect_header X-Cache-Status '^EXPIRED$' \
    'expired, changed: Folio sent the new page'
expect_body_has 'Lobster Boat Comes Home' 'the new title'
expect_body_lacks 'The Last Lobster Boat of the Year' 'not the old one'
check 'the new page has a new ETag' \
    test "$(header_values ETag)" != "$first_etag"
cached / -H "If-None-Match: $first_etag"
expect_status 200
cached /
expect_header X-Cache-Status '^HIT$' 'and it is cached in turn'
expect_body_has 'Lobster Boat Comes Home'

# Search results are cached by their full URL.
cached '/?s=ferry'
expect_header X-Cache-Status '^MISS$'
cached '/?s=seals'
expect_header X-Cache-Status '^MISS$' 'another query is another entry'
expect_body_has '/2023/07/22/harbor-seals-return/'
cached '/?s=ferry'
expect_header X-Cache-Status '^HIT$'
expect_body_has '/2022/03/18/late-ferry-to-gull-island/'

# Errors Folio marks no-store are never cached.
cached '/?s=%ff'
expect_status 400
expect_header X-Cache-Status '^(MISS|BYPASS|EXPIRED)$'
cached '/?s=%ff'
expect_header X-Cache-Status '^(MISS|BYPASS|EXPIRED)$' '400: not cached'

done_testing
