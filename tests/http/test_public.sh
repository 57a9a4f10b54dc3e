#!/usr/bin/env bash
# test_public.sh -- the public site's routes over real nginx + handler,
# against the fixture site (tests/http/fixture.sql has the list of posts).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_start

POST12=/2022/03/18/late-ferry-to-gull-island/
POST18=/2022/12/31/new-years-eve-bell-ringing/

# ------------------------------------------------------------ home page
get /
expect_page 200
expect_body_has 'News from the quiet end of the bay' 'tagline'
check_chrome full
check_no_hidden_posts
expect_body_has 'href="/2023/11/25/the-last-lobster-boat-of-the-year/"' \
    'the newest post'
expect_body_has 'The Last Lobster Boat of the Year'
expect_body_has 'href="/2022/08/13/regatta-day-recap/"' 'the 10th post'
expect_body_lacks '/2022/06/21/cafe-nights-at-the-pier/' \
    'not the 11th post (10 a page)'
expect_body_order '/2023/11/25/the-last-lobster-boat-of-the-year/' \
    '/2023/09/16/boatyard-fire-drill/'
expect_body_order '/2023/02/11/seawall-repairs-begin/' "$POST18"
expect_body_has "href=\"$POST18\"" \
    'a post from 03:00 UTC on Jan 1 is dated Dec 31 (New York)'
expect_body_lacks '/2023/01/01/' 'no link dated in UTC'
expect_body_has 'href="/page/2/"' 'link to older posts'
expect_body_has 'href="/author/marta-quill/"' 'post list: author link'

get /page/2/
expect_page 200
check_chrome brief
expect_body_has 'href="/2022/06/21/cafe-nights-at-the-pier/"' 'the 11th post'
expect_body_has 'href="/2021/09/12/lighthouse-keeper-retires/"' 'the 20th post'
expect_body_has "href=\"$POST12\"" 'a post from page 2'
expect_body_lacks '/2022/08/13/regatta-day-recap/' 'not the 10th post'
expect_body_lacks '/2021/07/04/fireworks-over-the-breakwater/' \
    'not the 21st post'
expect_body_has 'href="/page/3/"' 'link to older posts'
check_no_hidden_posts

get /page/3/
expect_page 200
expect_body_has 'href="/2021/07/04/fireworks-over-the-breakwater/"' \
    'the 21st post'
expect_body_has 'href="/2021/02/14/harbor-ice-breaks-early/"' 'the oldest post'
expect_body_lacks '/2021/09/12/lighthouse-keeper-retires/' 'not the 20th post'
expect_body_has 'href="/page/2/"' 'link to newer posts'
expect_body_lacks '/page/4/' 'no link past the last page'
check_no_hidden_posts

get /page/4/
expect_page 404
get /page/1/
expect_status 301
expect_location /
get /page/0/
expect_status 404 400

# ------------------------------------------------------------ one post
get "$POST12"
expect_page 200
check_chrome full
expect_body_matches '<h1[^>]*>[[:space:]]*(<[^>]+>[[:space:]]*)*Late Ferry to Gull Island' \
    'title in <h1>'
expect_body_has 'March 18, 2022' 'date in the site time zone'
expect_body_lacks 'March 19, 2022' 'not the UTC date'
expect_body_has '<em>half past eleven</em>' 'the body HTML as stored'
expect_body_matches '[Bb]y[[:space:]]*(<[^>]+>[[:space:]]*)*<a[^>]*href="/author/marta-quill/"' \
    '"by" and the author link'
expect_body_has 'Marta Quill' 'author name'
enc='https%3[Aa]%2[Ff]%2[Ff]harborlantern\.example%2[Ff]2022%2[Ff]03%2[Ff]18%2[Ff]late-ferry-to-gull-island%2[Ff]'
expect_body_matches "(https?:)?//(www\.)?(x|twitter)\.com/intent/[^\"'<>]*$enc" \
    'share on X with the encoded absolute URL'
expect_body_matches "(https?:)?//(www\.)?facebook\.com/sharer[^\"'<>]*$enc" \
    'share on Facebook with the encoded absolute URL'
expect_body_matches "(https?:)?//(www\.)?pinterest\.com/pin/create[^\"'<>]*$enc" \
    'share on Pinterest with the encoded absolute URL'
expect_body_has 'href="/2022/03/05/gull-census-results/"' \
    'previous (older) story link'
expect_body_has 'Gull Census Results' 'previous story title'
expect_body_has 'href="/2022/03/24/harbor-council-budget/"' \
    'next (newer) story link'
expect_body_has 'Harbor Council Passes Budget' 'next story title'
check_no_hidden_posts
# Its categories: news and news/events. The sidebar links every category
# anyway, so compare with a post that is in neither.
events12=$(body_count 'href="/category/news/events/"')
news12=$(body_count 'href="/category/news/"')
life12=$(body_count 'href="/category/harbor-life/"')
get /2022/03/05/gull-census-results/
expect_page 200
check "post page links its categories (news/events: $events12 links on post 12, $(body_count 'href="/category/news/events/"') on post 11)" \
    test "$events12" -gt "$(body_count 'href="/category/news/events/"')"
check "post page links its categories (news: $news12 links on post 12, $(body_count 'href="/category/news/"') on post 11)" \
    test "$news12" -gt "$(body_count 'href="/category/news/"')"
check "post page links its categories (harbor-life: $life12 links on post 12, $(body_count 'href="/category/harbor-life/"') on post 11)" \
    test "$life12" -lt "$(body_count 'href="/category/harbor-life/"')"
expect_body_has 'March 5, 2022' 'date'

get "$POST18"
expect_page 200
expect_body_has 'December 31, 2022' 'date in the site time zone'
expect_body_lacks 'January 1, 2023' 'not the UTC date'
expect_body_has 'href="/2022/10/02/dredging-schedule-announced/"' \
    'previous story, skipping a private post'
expect_body_has 'href="/2023/02/11/seawall-repairs-begin/"' 'next story'
check_no_hidden_posts

get /2023/11/25/the-last-lobster-boat-of-the-year/
expect_page 200
expect_body_has 'href="/2023/09/16/boatyard-fire-drill/"' 'previous story'
check_no_hidden_posts

get /2021/02/14/harbor-ice-breaks-early/
expect_page 200
expect_body_has 'href="/2021/03/09/tide-tables-go-digital/"' 'next story'

get /2021/07/04/fireworks-over-the-breakwater/
expect_page 200
expect_body_has 'href="/2021/09/12/lighthouse-keeper-retires/"' \
    'next story, skipping a draft'
check_no_hidden_posts

get /2022/05/08/nets-knots-and-fish-tales/
expect_page 200
expect_body_has 'Nets, Knots &amp;' 'title: & escaped'
expect_body_has '&lt;Part 1&gt;' 'title: < > escaped'
expect_body_lacks '<Part 1>' 'title: no raw markup'

get /2022/06/21/cafe-nights-at-the-pier/
expect_page 200
expect_body_has 'Café Nights at the Pier' 'UTF-8 title'

# Posts that are not there.
for path in /2022/03/19/late-ferry-to-gull-island/ \
    /2022/04/18/late-ferry-to-gull-island/ \
    /2021/03/18/late-ferry-to-gull-island/ \
    /2022/03/18/no-such-post/ \
    /2023/01/01/new-years-eve-bell-ringing/; do
	get "$path"
	expect_page 404
done
check_chrome brief

get /2021/08/10/unfinished-draft-about-buoys/
expect_page 404
expect_body_lacks 'Nobody should ever read' 'draft body not shown'
get /2100/01/05/letter-to-the-next-century/
expect_page 404
expect_body_lacks 'Dear reader of the year 2100' 'scheduled body not shown'
get /2022/11/11/private-board-minutes/
expect_page 404
expect_body_lacks 'for the cooperative board only' 'private body not shown'

# ------------------------------------------------------------ archives
get /2022/03/
expect_page 200
expect_body_has 'March 2022' 'heading'
expect_body_has 'href="/2022/03/05/gull-census-results/"' 'a post of the month'
expect_body_has "href=\"$POST12\"" 'the post of March 18 (New York)'
expect_body_has 'href="/2022/03/24/harbor-council-budget/"' 'a post of the month'
expect_body_lacks '/2022/02/26/smoked-mackerel-at-home/' 'no post of February'
expect_body_order '/2022/03/24/harbor-council-budget/' \
    '/2022/03/05/gull-census-results/'

get /2022/03/18/
expect_page 200
expect_body_has "href=\"$POST12\"" 'the day in the site time zone'
expect_body_lacks '/2022/03/05/gull-census-results/' 'no other day'

get /2022/12/
expect_page 200
expect_body_has "href=\"$POST18\"" 'Dec 31 in New York is in December'
get /2022/12/31/
expect_page 200
expect_body_has "href=\"$POST18\""

get /2022/
expect_page 200
expect_body_has 'href="/2022/01/15/new-pilings-for-pier-two/"' \
    'first post of the year'
expect_body_has "href=\"$POST18\"" 'last post of the year (New York)'
expect_body_lacks '/2023/02/11/seawall-repairs-begin/' 'no post of 2023'
expect_body_lacks '/2021/12/20/winter-solstice-lantern-walk/' \
    'no post of 2021'
expect_body_lacks '/2022/page/2/' 'ten posts: one page'
check_no_hidden_posts
get /2022/page/2/
expect_page 404

get /2023/
expect_page 200
expect_body_has 'href="/2023/02/11/seawall-repairs-begin/"'
expect_body_has 'href="/2023/11/25/the-last-lobster-boat-of-the-year/"'
expect_body_lacks "$POST18" 'not the post of Dec 31 (New York)'
get /2023/01/
expect_status 200 404
expect_body_lacks "$POST18" 'January 2023 has no post in New York'

get /2021/
expect_page 200
expect_body_has 'href="/2021/02/14/harbor-ice-breaks-early/"'
expect_body_has 'href="/2021/12/20/winter-solstice-lantern-walk/"'
check_no_hidden_posts

get /2022/13/
expect_status 404 400
get /2022/02/30/
expect_status 404 400

# ------------------------------------------------------------ categories
get /category/news/
expect_page 200
check_chrome brief
expect_body_has 'News' 'heading'
expect_body_has 'href="/2023/11/25/the-last-lobster-boat-of-the-year/"' \
    'a news post'
expect_body_lacks '/2023/07/22/harbor-seals-return/' 'no harbor-life post'
expect_body_has 'href="/category/news/page/2/"' 'link to older posts'
check_no_hidden_posts
get /category/news/page/2/
expect_page 200
expect_body_has 'href="/2021/03/09/tide-tables-go-digital/"' \
    'an old news post'
expect_body_has 'href="/2021/02/14/harbor-ice-breaks-early/"' \
    'the oldest news post'
check_no_hidden_posts
get /category/news/page/3/
expect_page 404

get /category/news/events/
expect_page 200
expect_body_has 'Events' 'heading'
expect_body_has "href=\"$POST12\"" 'an events post'
expect_body_has 'href="/2023/06/10/kayak-club-open-house/"' 'an events post'
expect_body_has 'href="/2021/04/17/spring-net-mending-circle/"' \
    'an events post'
expect_body_lacks '/2023/07/22/harbor-seals-return/' 'no harbor-life post'
expect_body_lacks '/2023/09/16/boatyard-fire-drill/' 'no news-only post'
check_no_hidden_posts

get /category/events/
expect_status 301
expect_location /category/news/events/
get /category/harbor-life/events/
expect_page 404
get /category/news/harbor-life/
expect_page 404
get /category/events/news/
expect_page 404
get /category/no-such-category/
expect_page 404

get /category/harbor-life/
expect_page 200
expect_body_has 'href="/2023/07/22/harbor-seals-return/"' 'a harbor-life post'
expect_body_lacks '/2023/09/16/boatyard-fire-drill/' 'no news-only post'

get /category/recipes/
expect_page 200
expect_body_has 'href="/2021/05/30/chowder-for-forty/"'
expect_body_lacks '/page/2/' 'four posts: one page'

get /category/opinion/
expect_status 200 404
expect_body_lacks 'unfinished-draft-about-buoys' 'no draft'

# ------------------------------------------------------------ authors
get /author/marta-quill/
expect_page 200
check_chrome brief
expect_body_has 'Marta Quill' 'name'
expect_body_has 'href="/2023/11/25/the-last-lobster-boat-of-the-year/"' \
    'her newest post'
expect_body_lacks '/2023/07/22/harbor-seals-return/' "no one else's post"
expect_body_has 'href="/author/marta-quill/page/2/"' 'link to older posts'
check_no_hidden_posts
get /author/marta-quill/page/2/
expect_page 200
expect_body_has 'href="/2021/07/04/fireworks-over-the-breakwater/"' \
    'her 11th post'
expect_body_has 'href="/2021/03/09/tide-tables-go-digital/"' 'her oldest post'
expect_body_lacks '/2021/10/31/fog-season-safety-notes/' 'not her 10th post'
check_no_hidden_posts
get /author/marta-quill/page/3/
expect_page 404

get /author/lin-fairweather/
expect_page 200
expect_body_has 'href="/2021/05/30/chowder-for-forty/"'
expect_body_lacks 'unfinished-draft-about-buoys' 'not her draft'
get /author/osei-brandt/
expect_page 200
expect_body_has 'href="/2023/07/22/harbor-seals-return/"'
expect_body_lacks 'letter-to-the-next-century' 'not his scheduled post'
get /author/no-such-author/
expect_page 404

# ------------------------------------------------------------ pages
get /about/
expect_page 200
check_chrome full
expect_body_has 'About the Lantern' 'title'
expect_body_has 'written by neighbors, for neighbors' 'body'

get /about/our-team/
expect_page 200
expect_body_has 'Our Team' 'title'
expect_body_has 'one borrowed office above the chandlery' 'body'

get /about/our-team/board/
expect_page 200
expect_body_has 'The Board' 'title'
expect_body_has 'Five cooperative members' 'body'

get /contact/
expect_page 200
expect_body_has 'Contact the Desk' 'title'

for path in /our-team/ /board/ /about/board/ /our-team/board/ \
    /about/our-team/board/extra/ /about/page/2/ /no-such-page/; do
	get "$path"
	expect_page 404
done
check_chrome brief
get /winter-plans/
expect_page 404
expect_body_lacks 'Nobody should ever read' 'draft page not shown'

# ------------------------------------------------------------ trailing slash
get /about
expect_status 301
expect_location /about/
get '/about/our-team?ref=menu&x=1'
expect_status 301
expect_location '/about/our-team/?ref=menu&x=1'
get /2022/03/18/late-ferry-to-gull-island
expect_status 301
expect_location "$POST12"
get /category/news/events
expect_status 301
expect_location /category/news/events/
get /2022/03
expect_status 301
expect_location /2022/03/
get /author/marta-quill
expect_status 301
expect_location /author/marta-quill/
get /page/2
expect_status 301
expect_location /page/2/

# ------------------------------------------------------------ static files
get /style.css
expect_status 200
expect_header Content-Type '^text/css'
get /favicon.svg
expect_status 200
expect_header Content-Type '^image/svg\+xml'

done_testing
