#!/usr/bin/env bash
# test_apache_cgi_prefork.sh -- contrib/apache/folio-cgi.conf in Debian's
# Apache with the prefork MPM and mod_cgi (the classic CGI setup; Debian's
# default, event and mod_cgid, is test_apache_cgi.sh), over HTTP and HTTPS.
# shellcheck source-path=SCRIPTDIR source=../http/lib.sh
. "$(dirname "$0")/../http/lib.sh"
# shellcheck source=lib.sh
. "$FOLIO_ROOT/tests/servers/lib.sh"

srv_deps apache2 openssl curl
srv_site www-data
APACHE_MPM=prefork

# shellcheck disable=SC2317 # called by srv_launch
render() {
	apache_conf cgi rewrite env &&
	    cat >>"$SRV_RUN/apache2.conf" <<CONF &&
# The test's copy of the templates (an installed handler finds its own).
SetEnv FOLIO_TEMPLATES "$FOLIO_TEMPLATES"
CONF
	    apache_site folio-cgi.conf CGI_BIN="$SRV_SITE/cgi-bin" \
	    DB="$FOLIO_DB"
}

srv_launch render TERM apache2 -f "$SRV_RUN/apache2.conf" -DFOREGROUND
srv_check_site
done_testing
