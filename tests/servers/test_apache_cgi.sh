#!/usr/bin/env bash
# test_apache_cgi.sh -- contrib/apache/folio-cgi.conf in Debian's Apache
# with mod_cgid: the handler as plain CGI, one process per request, over
# HTTP and HTTPS.
# shellcheck source-path=SCRIPTDIR source=../http/lib.sh
. "$(dirname "$0")/../http/lib.sh"
# shellcheck source=lib.sh
. "$FOLIO_ROOT/tests/servers/lib.sh"

srv_deps apache2 openssl curl
srv_site www-data

# shellcheck disable=SC2317 # called by srv_launch
render() {
	apache_conf cgid rewrite env &&
	    cat >>"$SRV_RUN/apache2.conf" <<CONF &&
ScriptSock "$SRV_RUN/cgid.sock"
# The test's copy of the templates (an installed handler finds its own).
SetEnv FOLIO_TEMPLATES "$FOLIO_TEMPLATES"
CONF
	    apache_site folio-cgi.conf CGI_BIN="$SRV_SITE/cgi-bin" \
	    DB="$FOLIO_DB"
}

srv_launch render TERM apache2 -f "$SRV_RUN/apache2.conf" -DFOREGROUND
srv_check_site
done_testing
