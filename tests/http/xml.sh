# shellcheck shell=bash
# xml.sh -- XML checks for the HTTP tests (feeds, sitemap), with xmllint
# from Debian's libxml2-utils. Source it after lib.sh:
#
#   expect_xml                       # the body is well-formed XML
#   expect_xpath 'count(//item)' 10  # an XPath 1.0 expression's value
#   expect_xpath_matches 'string(//pubDate[1])' '^[A-Z][a-z]{2}, '
#
# Namespaced elements are easiest reached by local-name():
#   //*[local-name()="encoded"]

# The body parses as XML (no network, no DTD loading).
expect_xml() {
	if ! command -v xmllint >/dev/null; then
		fail "$REQ: well-formed XML (xmllint missing: apt-get install libxml2-utils)"
		return 1
	fi
	if xmllint --noout --nonet "$BODY" 2>"$STACK_DIR/xmllint.out"; then
		pass "$REQ: well-formed XML"
		return 0
	fi
	fail "$REQ: well-formed XML"
	head -n 10 "$STACK_DIR/xmllint.out" | diag
	return 1
}

# The value of XPath expression $1 over the body (empty on error).
xpath() {
	xmllint --nonet --xpath "$1" "$BODY" 2>/dev/null
}

# expect_xpath EXPR WANT [DESCRIPTION]: the expression's value is WANT.
expect_xpath() {
	local got
	got=$(xpath "$1")
	if [ "$got" = "$2" ]; then
		pass "$REQ: ${3:-$1 = $2}"
		return 0
	fi
	fail "$REQ: ${3:-$1 = $2}"
	diag "got: $(short "$got")"
	return 1
}

# expect_xpath_matches EXPR ERE [DESCRIPTION]
expect_xpath_matches() {
	local got
	got=$(xpath "$1")
	if printf '%s' "$got" | grep -Eq -- "$2"; then
		pass "$REQ: ${3:-$1 matches /$2/}"
		return 0
	fi
	fail "$REQ: ${3:-$1 matches /$2/}"
	diag "got: $(short "$got")"
	return 1
}
