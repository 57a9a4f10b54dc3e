#!/usr/bin/env bash
# test_nginx.sh -- contrib/nginx/folio.conf in Debian's nginx, in front of
# the public handler's socket, over HTTP and HTTPS.
# shellcheck source-path=SCRIPTDIR source=../http/lib.sh
. "$(dirname "$0")/../http/lib.sh"
# shellcheck source=lib.sh
. "$FOLIO_ROOT/tests/servers/lib.sh"

srv_deps nginx openssl curl
srv_site
srv_handler

nginx_launch "$FOLIO_ROOT/contrib"
srv_check_site
done_testing
