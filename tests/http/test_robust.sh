#!/usr/bin/env bash
# test_robust.sh -- HEAD, other methods and hostile or malformed URLs over
# real nginx + handler: answers are 400/404/405 as the contract says, never
# a 5xx, and nothing from the request comes back unescaped.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_start

POST12=/2022/03/18/late-ferry-to-gull-island/

# ------------------------------------------------------------ HEAD
for path in / "$POST12" /about/our-team/ /category/news/events/ \
    /2022/03/ /author/marta-quill/ /page/2/; do
	head_req "$path"
	expect_status 200
	expect_html_type
done
head_req /no-such-page/
expect_status 404
expect_html_type
head_req /about
expect_status 301
expect_location /about/
head_req /page/1/
expect_status 301
expect_location /
# Browsers read "/\host/x/" as "//host/x/": never a Location like that.
get '/\evil.example/x'
expect_status 404
check 'no Location for a path with a backslash' \
    test -z "$(header_values Location)"

# ------------------------------------------------------------ methods
for m in POST PUT DELETE PATCH OPTIONS; do
	request "$m" / --data 'x=1'
	expect_status 405
	expect_header Allow '(^|[ ,])GET([ ,]|$)'
	expect_header Allow '(^|[ ,])HEAD([ ,]|$)'
done
request POST "$POST12" --data 'comment=hello'
expect_status 405
expect_header Allow 'GET'
request DELETE /about/our-team/
expect_status 405
expect_header Allow 'GET'

# ------------------------------------------------------------ bad URLs
long=$(printf 'a%.0s' $(seq 1 2000))
bad_paths=(
	"/$long/"
	"/category/$long/"
	"/about/$long/"
	"/2022/03/18/$long/"
	"/author/$long/"
	'/%zz/'
	'/about%/'
	'/about%2/'
	'/%C3%28/'
	'/%FF%FE/'
	'/category/%C0%AF/'
	'/%ED%A0%80/'
	'/about%00/'
	'/%00/'
	'/caf%C3%A9/'
	'/about%20us/'
	'/../../../etc/passwd'
	'/category/..%2f..%2fetc/'
	"/category/news'%20OR%20'1'='1/"
	'/category/news%27%20OR%201=1--/'
	'/author/x%27%3B%20DROP%20TABLE%20post%3B--/'
	"/2022/03/18/late-ferry-to-gull-island'--/"
	'/2022/03/18/late-ferry-to-gull-island%22%3E/'
	'/%7B%7Bsite_title%7D%7D/'
	'/%3CTMPL_VAR%20NAME%3Dsite_title%3E/'
	'/category/%3CTMPL_INCLUDE%20NAME%3D%22header.tmpl%22%3E/'
	'/%25s%25s%25s%25n/'
	'/page/99999999999999999999/'
	'/page/18446744073709551617/'
	'/page/2147483648/'
	'/page/-1/'
	'/page/1e3/'
	'/page/0x10/'
	'/2022/page/99999999999999999999/'
	'/category/news/page/99999999999999999999/'
	'/author/marta-quill/page/0/'
	'/99999999999999999999/'
	'/2022/99999999999999999999/'
	'/2022/03/99999999999999999999/'
	'/0000/00/00/x/'
	"$POST12"'page/2/'
	'/category/'
	'/author/'
	'/category/news/page/'
)
for path in "${bad_paths[@]}"; do
	get "$path"
	expect_status 400 404
	expect_body_lacks 'root:x:0:0' 'no file content leaks'
done

get '/%3Cscript%3Ealert(1)%3C/script%3E/'
expect_status 400 404
expect_body_lacks '<script>alert(1)' 'the path is not echoed raw'
get '/category/%3Cb%3Ebold%3C%2Fb%3E/'
expect_status 400 404
expect_body_lacks '<b>bold</b>' 'the path is not echoed raw'
get '/?q=%3Cscript%3Ealert(1)%3C/script%3E'
expect_status 200 400
expect_body_lacks '<script>alert(1)' 'the query is not echoed raw'
get '/%7B%7Bsite_title%7D%7D/'
expect_body_lacks '{{site_title}}' 'no template syntax echoed'

# The site still answers and the data is intact after all that.
get /
expect_page 200
expect_body_has 'href="/2023/11/25/the-last-lobster-boat-of-the-year/"' \
    'posts still there'
get "$POST12"
expect_page 200

# A burst of parallel requests: every one answered.
pids=()
for i in $(seq 1 20); do
	curl -s -o /dev/null -w '%{http_code}\n' --max-time 20 \
	    "http://127.0.0.1:$PORT/page/$((i % 2 + 2))/" \
	    >"$STACK_DIR/burst.$i" 2>&1 &
	pids+=("$!")
done
wait "${pids[@]}"
cat "$STACK_DIR"/burst.* >"$STACK_DIR/burst"
check "20 parallel requests all answered 200 ($(sort "$STACK_DIR/burst" |
    uniq -c | tr -s ' \n' ' '))" \
    test "$(grep -c '^200$' "$STACK_DIR/burst")" -eq 20

done_testing
