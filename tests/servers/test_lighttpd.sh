#!/usr/bin/env bash
# test_lighttpd.sh -- contrib/lighttpd/folio.conf in Debian's lighttpd
# (mod_fastcgi) in front of the public handler's socket, over HTTP and
# HTTPS.
# shellcheck source-path=SCRIPTDIR source=../http/lib.sh
. "$(dirname "$0")/../http/lib.sh"
# shellcheck source=lib.sh
. "$FOLIO_ROOT/tests/servers/lib.sh"

srv_deps lighttpd lighttpd-mod-openssl openssl curl
srv_site
srv_handler

# The main configuration Debian's /etc/lighttpd/lighttpd.conf would be,
# with everything in $SRV_RUN, then contrib's snippet, rendered. Started
# as root without server.username, lighttpd stays root (and says so); a
# real deployment runs it as www-data in the socket's group.
# shellcheck disable=SC2317 # called by srv_launch
render_lighttpd() {
	"$FOLIO_ROOT/contrib/render.sh" \
	    "$FOLIO_ROOT/contrib/lighttpd/folio.conf" ADDR=127.0.0.1 \
	    HTTPS_PORT="$TLS_PORT" PUBLIC="$SRV_SITE/public" \
	    SOCKET="$SRV_SOCK" ADMIN_SOCKET="$SRV_ADMIN_SOCK" \
	    CERT="$SRV_RUN/tls.crt" KEY="$SRV_RUN/tls.key" \
	    >"$SRV_RUN/folio.conf" || return 1
	cat >"$SRV_RUN/lighttpd.conf" <<CONF
server.bind = "127.0.0.1"
server.port = $PORT
server.document-root = "/nonexistent"
server.pid-file = "$SRV_RUN/lighttpd.pid"
server.errorlog = "$SRV_RUN/error.log"
server.upload-dirs = ( "$SRV_RUN" )
server.modules = ( "mod_access" )
mimetype.assign = ( ".css" => "text/css", ".svg" => "image/svg+xml",
    ".html" => "text/html" )
include "$SRV_RUN/folio.conf"
CONF
}

srv_launch render_lighttpd TERM lighttpd -D -f "$SRV_RUN/lighttpd.conf"
srv_check_site
done_testing
