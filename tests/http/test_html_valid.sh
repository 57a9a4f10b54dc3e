#!/usr/bin/env bash
# test_html_valid.sh -- every public page type is valid HTML5 by tidy
# (Debian's tidy 5.6), stricter than lib.sh's expect_valid_html: no
# errors and no warnings either, except the one tidy 5.6 gets wrong
# (it calls ARIA's aria-current a "proprietary attribute").
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_start

expect_tidy_clean() {
	local out
	out=$(tidy -errors -quiet "$BODY" 2>&1 >/dev/null |
	    grep -v 'proprietary attribute "aria-current"')
	if [ -z "$out" ]; then
		pass "$REQ: tidy finds no errors or warnings"
		return 0
	fi
	fail "$REQ: tidy finds no errors or warnings"
	printf '%s\n' "$out" | head -n 10 | diag
	return 1
}

for path in / /page/2/ /2022/03/18/late-ferry-to-gull-island/ \
    /2022/05/08/nets-knots-and-fish-tales/ /about/ /about/our-team/board/ \
    /category/news/ /category/news/events/ /author/marta-quill/ \
    /2022/ /2022/03/ /2022/03/18/ '/?s=ferry' '/?s=the' '/page/2/?s=the' \
    '/?s=' '/?s=%21%21' '/?s=zzzz' '/?s=%3Cb%3E' '/?s=%ff' \
    /no-such-page/ /2022/03/18/no-such-post/; do
	get "$path"
	expect_status 200 400 404
	expect_tidy_clean
done

done_testing
