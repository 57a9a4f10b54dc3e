#!/usr/bin/env bash
# test_apache_proxy_fcgi.sh -- contrib/apache/folio.conf in Debian's
# Apache (mod_proxy_fcgi) in front of the public handler's socket, over
# HTTP and HTTPS.
# shellcheck source-path=SCRIPTDIR source=../http/lib.sh
. "$(dirname "$0")/../http/lib.sh"
# shellcheck source=lib.sh
. "$FOLIO_ROOT/tests/servers/lib.sh"

srv_deps apache2 openssl curl
srv_site
srv_handler www-data

# shellcheck disable=SC2317 # called by srv_launch
render() {
	apache_conf proxy proxy_fcgi &&
	    apache_site folio.conf SOCKET="$SRV_SOCK" \
	    ADMIN_SOCKET="$SRV_ADMIN_SOCK"
}

srv_launch render TERM apache2 -f "$SRV_RUN/apache2.conf" -DFOREGROUND
srv_check_site
done_testing
