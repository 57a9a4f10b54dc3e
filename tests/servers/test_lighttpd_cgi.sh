#!/usr/bin/env bash
# test_lighttpd_cgi.sh -- contrib/lighttpd/folio-cgi.conf in Debian's
# lighttpd with mod_cgi: the handler as plain CGI, one process per
# request, over HTTP and HTTPS.
# shellcheck source-path=SCRIPTDIR source=../http/lib.sh
. "$(dirname "$0")/../http/lib.sh"
# shellcheck source=lib.sh
. "$FOLIO_ROOT/tests/servers/lib.sh"

srv_deps lighttpd lighttpd-mod-openssl openssl curl
srv_site

# shellcheck disable=SC2317 # called by srv_launch
render_lighttpd() {
	"$FOLIO_ROOT/contrib/render.sh" \
	    "$FOLIO_ROOT/contrib/lighttpd/folio-cgi.conf" ADDR=127.0.0.1 \
	    HTTPS_PORT="$TLS_PORT" PUBLIC="$SRV_SITE/public" \
	    UPLOADS="$SRV_UPLOADS" \
	    CGI_BIN="$SRV_SITE/cgi-bin" DB="$FOLIO_DB" \
	    CERT="$SRV_RUN/tls.crt" KEY="$SRV_RUN/tls.key" \
	    >"$SRV_RUN/folio.conf" && lighttpd_conf
}

srv_launch render_lighttpd TERM lighttpd -D -f "$SRV_RUN/lighttpd.conf"
srv_check_site
done_testing
