#!/usr/bin/env bash
# test_apache_fcgid.sh -- contrib/apache/folio-fcgid.conf in Debian's
# Apache with mod_fcgid: Apache starts the handler itself (as www-data),
# over HTTP and HTTPS.
# shellcheck source-path=SCRIPTDIR source=../http/lib.sh
. "$(dirname "$0")/../http/lib.sh"
# shellcheck source=lib.sh
. "$FOLIO_ROOT/tests/servers/lib.sh"

srv_deps apache2 libapache2-mod-fcgid openssl curl
srv_site www-data

# shellcheck disable=SC2317 # called by srv_launch
render() {
	mkdir -p "$SRV_RUN/fcgid" && chown www-data: "$SRV_RUN/fcgid" &&
	    apache_conf fcgid rewrite &&
	    cat >>"$SRV_RUN/apache2.conf" <<CONF &&
FcgidIPCDir "$SRV_RUN/fcgid"
FcgidProcessTableFile "$SRV_RUN/fcgid_shm"
# The test's copy of the templates (an installed handler finds its own).
FcgidInitialEnv FOLIO_TEMPLATES "$FOLIO_TEMPLATES"
CONF
	    apache_site folio-fcgid.conf CGI_BIN="$SRV_SITE/cgi-bin" \
	    DB="$FOLIO_DB"
}

srv_launch render TERM apache2 -f "$SRV_RUN/apache2.conf" -DFOREGROUND
srv_check_site
done_testing
