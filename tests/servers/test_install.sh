#!/usr/bin/env bash
# test_install.sh -- `make install` into a temporary DESTDIR, unpacked
# where its PREFIX says (as a package manager would), then run from there
# with no hint of this checkout: create a database, serve pages as CGI.
# Then `make uninstall` leaves nothing behind.
# shellcheck source-path=SCRIPTDIR source=../http/lib.sh
. "$(dirname "$0")/../http/lib.sh"

stack_tmp
prefix=$STACK_DIR/usr
dest=$STACK_DIR/dest
log=$STACK_DIR/make.log

unset FOLIO_TEMPLATES FOLIO_SCHEMA
if ! make -C "$FOLIO_ROOT" --no-print-directory install PREFIX="$prefix" \
    DESTDIR="$dest" >"$log" 2>&1; then
	bail "make install PREFIX=$prefix DESTDIR=$dest failed" \
	    "$(tail -n 20 "$log")"
fi
pass "make install PREFIX=... DESTDIR=..."

for f in bin/folio lib/folio/cgi-bin/folio.fcgi; do
	check "installed and executable: $f" test -x "$dest$prefix/$f"
done
for f in share/folio/schema.sql share/folio/templates/list.tmpl \
    share/folio/templates/footer.tmpl share/folio/public/style.css \
    share/folio/contrib/nginx/folio.conf share/folio/contrib/apache/folio.conf \
    share/folio/contrib/apache/folio-fcgid.conf \
    share/folio/contrib/lighttpd/folio.conf share/man/man1/folio.1; do
	check "installed: $f" test -f "$dest$prefix/$f"
done
check "installed and executable: share/folio/contrib/render.sh" \
    test -x "$dest$prefix/share/folio/contrib/render.sh"
outside=$(find "$dest" -mindepth 1 -path "$dest$prefix" -prune -o -type f -print)
check "nothing installed outside DESTDIR/PREFIX${outside:+: $outside}" \
    test -z "$outside"
check "folio(1) names the installed paths" \
    grep -q "$prefix/share/folio/templates" "$dest$prefix/share/man/man1/folio.1"
if command -v man >/dev/null 2>&1; then
	check "folio(1) formats without warnings" eval \
	    "[ -z \"\$(MANWIDTH=80 man --warnings -l '$dest$prefix/share/man/man1/folio.1' 2>&1 >/dev/null)\" ]"
fi

# Unpack where PREFIX says, and run from an unrelated folder.
mkdir -p "$(dirname "$prefix")" "$STACK_DIR/elsewhere"
mv "$dest$prefix" "$prefix" || bail "moving the installed tree failed"
cd "$STACK_DIR/elsewhere" || bail "cd failed"
# A mark in the installed footer shows whose templates the handler reads.
printf '<!-- installed-templates -->\n' >>"$prefix/share/folio/templates/footer.tmpl"

FOLIO_DB=$STACK_DIR/site.db
export FOLIO_DB
check "installed folio init finds its schema" \
    eval '"$prefix/bin/folio" init >"$STACK_DIR/init.log" 2>&1'
check "installed folio demo" \
    eval '"$prefix/bin/folio" demo --posts 3 >"$STACK_DIR/demo.log" 2>&1'

STACK_HANDLER=$prefix/lib/folio/cgi-bin/folio.fcgi
cgi GET /
expect_page 200
expect_body_has '<!-- installed-templates -->' 'rendered with the installed templates'
cgi GET /no-such-page/
expect_page 404
expect_body_has '<!-- installed-templates -->' 'rendered with the installed templates'

# Back into DESTDIR, and out again with make uninstall.
cd "$FOLIO_ROOT" || bail "cd failed"
mv "$prefix" "$dest$prefix" || bail "moving the installed tree back failed"
if ! make -C "$FOLIO_ROOT" --no-print-directory uninstall PREFIX="$prefix" \
    DESTDIR="$dest" >"$log" 2>&1; then
	bail "make uninstall failed" "$(tail -n 20 "$log")"
fi
left=$(find "$dest" -type f)
check "make uninstall removes every installed file${left:+: $left}" \
    test -z "$left"

done_testing
