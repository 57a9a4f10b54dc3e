#!/usr/bin/env bash
# test_install.sh -- `make install` into a temporary DESTDIR, unpacked
# where its PREFIX says (as a package manager would), then run from there
# with no hint of this checkout: create a database, serve pages as CGI,
# then the whole site, admin included, through nginx with the installed
# contrib file, as README.md's Deploy section does, with upload_dir outside
# the installed tree (var/lib/folio/uploads). Then `make uninstall` leaves
# nothing behind but the site's data and configuration.
# shellcheck source-path=SCRIPTDIR source=../http/lib.sh
. "$(dirname "$0")/../http/lib.sh"
# shellcheck source=lib.sh
. "$FOLIO_ROOT/tests/servers/lib.sh"

srv_deps nginx openssl curl

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

for f in bin/folio lib/folio/cgi-bin/folio.fcgi \
    lib/folio/cgi-bin/folio-admin.fcgi; do
	check "installed and executable: $f" test -x "$dest$prefix/$f"
done
for f in share/folio/schema.sql share/folio/templates/list.tmpl \
    share/folio/templates/footer.tmpl share/folio/public/style.css \
    share/folio/contrib/nginx/folio.conf share/folio/contrib/apache/folio.conf \
    share/folio/contrib/apache/folio-fcgid.conf \
    share/folio/contrib/apache/folio-cgi.conf \
    share/folio/contrib/lighttpd/folio.conf \
    share/folio/contrib/lighttpd/folio-cgi.conf share/man/man1/folio.1 \
    share/man/man5/folio.conf.5 share/man/man8/folio.fcgi.8 \
    share/folio/folio.conf.example \
    share/folio/data/demo/site.txt share/folio/data/demo/phrases.txt \
    share/folio/data/demo/pages/about/who-we-are/staff.html \
    share/folio/data/demo/topics/housing.txt; do
	check "installed: $f" test -f "$dest$prefix/$f"
done
check "installed: share/man/man8/folio-admin.fcgi.8, a link to folio.fcgi.8" \
    test "$(readlink "$dest$prefix/share/man/man8/folio-admin.fcgi.8")" = \
    folio.fcgi.8
# make run's uploads in this checkout, if any, are not the package's.
check "no public/uploads/ installed: upload_dir is data" \
    test ! -e "$dest$prefix/share/folio/public/uploads"
check "installed and executable: share/folio/contrib/render.sh" \
    test -x "$dest$prefix/share/folio/contrib/render.sh"
outside=$(find "$dest" -mindepth 1 -path "$dest$prefix" -prune -o -type f -print)
check "nothing installed outside DESTDIR/PREFIX${outside:+: $outside}" \
    test -z "$outside"
check "folio(1) names the installed paths" \
    grep -q "$prefix/share/folio/templates" "$dest$prefix/share/man/man1/folio.1"
check "folio.conf(5) names the installed configuration file" \
    grep -q "$prefix/etc/folio/folio.conf" \
    "$dest$prefix/share/man/man5/folio.conf.5"
check "the sample configuration names the installed paths" \
    grep -q "^#templates = $prefix/share/folio/templates\$" \
    "$dest$prefix/share/folio/folio.conf.example"
check "nothing is written to SYSCONFDIR" test ! -e "$dest$prefix/etc"
if command -v man >/dev/null 2>&1; then
	for page in man1/folio.1 man5/folio.conf.5 man8/folio.fcgi.8; do
		warnings=$(MANWIDTH=80 man --warnings \
		    -l "$dest$prefix/share/man/$page" 2>&1 >/dev/null)
		check "$page formats without warnings${warnings:+: $warnings}" \
		    test -z "$warnings"
	done
fi

# Unpack where PREFIX says, and run from an unrelated folder.
mkdir -p "$(dirname "$prefix")" "$STACK_DIR/elsewhere"
mv "$dest$prefix" "$prefix" || bail "moving the installed tree failed"
cd "$STACK_DIR/elsewhere" || bail "cd failed"
# A mark in the installed footer shows whose templates the handler reads.
printf '<!-- installed-templates -->\n' >>"$prefix/share/folio/templates/footer.tmpl"

FOLIO_DB=$STACK_DIR/site.db
export FOLIO_DB
SRV_UPLOADS=$STACK_DIR/var/lib/folio/uploads
SRV_UPLOADER=$(id -un)
mkdir -p "$SRV_UPLOADS" || bail "mkdir $SRV_UPLOADS failed"
check "installed folio init finds its schema" \
    logged "$STACK_DIR/init.log" "$prefix/bin/folio" init
# folio demo reads the installed data/demo/: a changed title shows it.
sed -i 's/^title: .*/title: Installed Demo/' \
    "$prefix/share/folio/data/demo/site.txt"
check "installed folio demo fills a database from the installed data" \
    logged "$STACK_DIR/demo.log" env FOLIO_DB="$STACK_DIR/demo.db" \
    sh -c '"$1" init && "$1" demo --posts 20' sh "$prefix/bin/folio"
check "the demo site has the installed data's title" \
    test "$(sqlite3 "$STACK_DIR/demo.db" 'SELECT title FROM site')" = \
    "Installed Demo"
# The fixture site, with links from the request's scheme and host.
check "the fixture loads into the new database" \
    logged "$STACK_DIR/fixture.log" sqlite3 -bail -init "$STACK_FIXTURE" \
    "$FOLIO_DB" "UPDATE site SET base_url = ''"

STACK_HANDLER=$prefix/lib/folio/cgi-bin/folio.fcgi
cgi GET /
expect_page 200
expect_body_has '<!-- installed-templates -->' 'rendered with the installed templates'
cgi GET /no-such-page/
expect_page 404
expect_body_has '<!-- installed-templates -->' 'rendered with the installed templates'

# The installed programs read SYSCONFDIR/folio/folio.conf (PREFIX/etc
# here) when it exists; the sample is a valid file.
check "the installed sample passes folio config show" \
    logged "$STACK_DIR/sample.log" "$prefix/bin/folio" config show \
    --config "$prefix/share/folio/folio.conf.example"
mkdir -p "$prefix/etc/folio" || bail "mkdir $prefix/etc/folio failed"
printf 'database = %s\nlog_level = warning\nupload_dir = %s\n' "$FOLIO_DB" \
    "$SRV_UPLOADS" >"$prefix/etc/folio/folio.conf"
check "installed folio reads PREFIX/etc/folio/folio.conf by default" \
    eval "env -u FOLIO_DB '$prefix/bin/folio' config show 2>&1 |
    grep -qF 'database = $FOLIO_DB	# $prefix/etc/folio/folio.conf:1'"
check "installed folio takes upload_dir from folio.conf" \
    eval "'$prefix/bin/folio' config show 2>&1 |
    grep -qF 'upload_dir = $SRV_UPLOADS	# $prefix/etc/folio/folio.conf:3'"
env -u FOLIO_DB GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
    REQUEST_URI=/ SERVER_NAME=localhost \
    "$prefix/lib/folio/cgi-bin/folio.fcgi" </dev/null >"$STACK_DIR/conf.out" \
    2>"$STACK_DIR/conf.err"
check "the installed handler finds the database through folio.conf" \
    grep -q '^Status: 200' "$STACK_DIR/conf.out"

# The installed handler on a socket, nginx with the installed contrib file
# serving the installed public/, and /uploads/ from upload_dir (the admin
# gets it as FOLIO_UPLOAD_DIR too, as srv_handler passes it).
trap srv_stop EXIT
SRV_RUN=$STACK_DIR/run
SRV_SITE=$prefix/share/folio
SRV_SOCK=$SRV_RUN/folio.sock
SRV_ADMIN_SOCK=$SRV_RUN/folio-admin.sock
SRV_HANDLER=$prefix/lib/folio/cgi-bin/folio.fcgi
SRV_ADMIN_HANDLER=$prefix/lib/folio/cgi-bin/folio-admin.fcgi
mkdir -p "$SRV_RUN" || bail "mkdir $SRV_RUN failed"
srv_admin_user "$prefix/bin/folio"
srv_cert
srv_handler
nginx_launch "$prefix/share/folio/contrib"
srv_check_site
stop_proc "$SRV_PID" "$SRV_SIG"
SRV_PID=
stop_proc "$STACK_HANDLER_PID" TERM
STACK_HANDLER_PID=
stop_proc "$STACK_ADMIN_PID" TERM
STACK_ADMIN_PID=

# Back into DESTDIR, and out again with make uninstall, which leaves the
# site's own folio.conf alone.
cd "$FOLIO_ROOT" || bail "cd failed"
mv "$prefix" "$dest$prefix" || bail "moving the installed tree back failed"
if ! make -C "$FOLIO_ROOT" --no-print-directory uninstall PREFIX="$prefix" \
    DESTDIR="$dest" >"$log" 2>&1; then
	bail "make uninstall failed" "$(tail -n 20 "$log")"
fi
check "make uninstall keeps SYSCONFDIR/folio/folio.conf" \
    test -f "$dest$prefix/etc/folio/folio.conf"
kept=$(find "$SRV_UPLOADS" -type f -name '*.png' | wc -l)
check "make uninstall leaves upload_dir and its images alone ($kept)" \
    test "$kept" -ge 2
rm -rf "${dest:?}$prefix/etc"
left=$(find "$dest" ! -type d)
check "make uninstall removes every installed file${left:+: $left}" \
    test -z "$left"

done_testing
