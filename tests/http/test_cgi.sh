#!/usr/bin/env bash
# test_cgi.sh -- the same handler run as plain CGI (one request, then it
# exits): the key routes and the malformed requests nginx would have
# filtered, which only CGI can hand it raw (dot segments, invalid UTF-8).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_db

POST12=/2022/03/18/late-ferry-to-gull-island/

cgi GET /
expect_page 200
check_chrome full
check_no_hidden_posts
expect_body_has 'href="/2023/11/25/the-last-lobster-boat-of-the-year/"' \
    'the newest post'
expect_body_has 'href="/page/2/"' 'link to older posts'
get_len=$(header_values Content-Length)

cgi HEAD /
expect_status 200
expect_html_type
expect_body_empty
head_len=$(header_values Content-Length)
if [ -n "$get_len" ] && [ -n "$head_len" ]; then
	check "HEAD and GET give the same Content-Length ($head_len, $get_len)" \
	    test "$get_len" = "$head_len"
fi

cgi GET /page/2/
expect_page 200
expect_body_has "href=\"$POST12\"" 'a post of page 2'
cgi GET /page/4/
expect_page 404
cgi GET /page/1/
expect_status 301
expect_location /

cgi GET "$POST12"
expect_page 200
check_chrome brief
expect_body_matches '<h1[^>]*>[[:space:]]*(<[^>]+>[[:space:]]*)*Late Ferry to Gull Island' \
    'title in <h1>'
expect_body_has 'March 18, 2022' 'date in the site time zone'
expect_body_has 'href="/author/marta-quill/"' 'author link'
expect_body_has 'href="/2022/03/05/gull-census-results/"' 'previous story'
expect_body_has 'href="/2022/03/24/harbor-council-budget/"' 'next story'
enc='https%3[Aa]%2[Ff]%2[Ff]harborlantern\.example%2[Ff]2022%2[Ff]03%2[Ff]18%2[Ff]late-ferry-to-gull-island%2[Ff]'
expect_body_matches "facebook\.com/sharer[^\"'<>]*$enc" \
    'share link with the encoded absolute URL'

cgi HEAD "$POST12"
expect_status 200
expect_body_empty

cgi GET /2022/03/19/late-ferry-to-gull-island/
expect_page 404
check_chrome brief
cgi GET /2100/01/05/letter-to-the-next-century/
expect_page 404
cgi GET /2021/08/10/unfinished-draft-about-buoys/
expect_page 404
cgi HEAD /no-such-page/
expect_status 404
expect_body_empty

cgi GET /2022/03/
expect_page 200
expect_body_has "href=\"$POST12\""
cgi GET /2022/12/
expect_page 200
expect_body_has 'href="/2022/12/31/new-years-eve-bell-ringing/"'
cgi GET /2022/page/2/
expect_page 404

cgi GET /category/news/events/
expect_page 200
expect_body_has 'href="/2023/06/10/kayak-club-open-house/"'
cgi GET /category/events/
expect_status 301
expect_location /category/news/events/
cgi GET /category/harbor-life/events/
expect_page 404

cgi GET /author/marta-quill/
expect_page 200
cgi GET /author/marta-quill/page/3/
expect_page 404

cgi GET /about/our-team/board/
expect_page 200
expect_body_has 'Five cooperative members'
cgi GET /about/board/
expect_page 404

cgi GET /about
expect_status 301
expect_location /about/
cgi GET /about/our-team 'ref=menu'
expect_status 301
expect_location '/about/our-team/?ref=menu'

for m in POST PUT DELETE OPTIONS; do
	cgi "$m" /
	expect_status 405
	expect_header Allow '(^|[ ,])GET([ ,]|$)'
done
printf 'comment=hello' >"$STACK_DIR/form"
CGI_STDIN=$STACK_DIR/form cgi POST "$POST12" '' \
    CONTENT_TYPE=application/x-www-form-urlencoded
expect_status 405

# Raw values no web server would pass on, but a CGI caller might.
long=$(printf 'a%.0s' $(seq 1 2000))
raw_paths=(
	'/about/../2022/'
	'/../etc/passwd'
	'/about/./our-team/'
	'/category/news/../events/'
	$'/\xc3\x28/'
	$'/caf\xc3\xa9/'
	$'/about\xff/'
	$'/category/\xc0\xaf/'
	$'/about\x01/'
	'/about%00/'
	'/about%zz/'
	"/$long/"
	"/category/$long/"
	"/category/news'--/"
	'/page/99999999999999999999/'
	'/author/marta-quill/page/99999999999999999999/'
	'//about//'
	'about/'
)
for path in "${raw_paths[@]}"; do
	cgi GET "$path"
	expect_status 400 404
done

cgi GET / 'x=%ZZ&y=%00&z=%C3%28'
expect_status 200 400
cgi GET '/<script>alert(1)</script>/'
expect_status 400 404
expect_body_lacks '<script>alert(1)' 'the path is not echoed raw'

done_testing
