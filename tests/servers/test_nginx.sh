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

# The main configuration Debian's /etc/nginx/nginx.conf would be, with
# everything in $SRV_RUN; the site file is contrib's, rendered. As root,
# nginx's workers would be nobody, who cannot reach the socket: root here
# (in a real deployment, www-data in the socket's group).
render_nginx() {
	cp /etc/nginx/fastcgi_params "$SRV_RUN/fastcgi_params" || return 1
	"$FOLIO_ROOT/contrib/render.sh" "$FOLIO_ROOT/contrib/nginx/folio.conf" \
	    SERVER_NAME=127.0.0.1 ADDR=127.0.0.1 HTTP_PORT="$PORT" \
	    HTTPS_PORT="$TLS_PORT" PUBLIC="$SRV_SITE/public" \
	    SOCKET="$SRV_SOCK" ADMIN_SOCKET="$SRV_ADMIN_SOCK" \
	    CERT="$SRV_RUN/tls.crt" KEY="$SRV_RUN/tls.key" \
	    >"$SRV_RUN/folio.conf" || return 1
	cat >"$SRV_RUN/nginx.conf" <<CONF
user root;
worker_processes 1;
pid "$SRV_RUN/nginx.pid";
error_log "$SRV_RUN/error.log" warn;
events { worker_connections 64; }
http {
	types { text/html html; text/css css; image/svg+xml svg; }
	default_type application/octet-stream;
	access_log "$SRV_RUN/access.log";
	client_body_temp_path "$SRV_RUN/client_body_temp";
	proxy_temp_path "$SRV_RUN/proxy_temp";
	fastcgi_temp_path "$SRV_RUN/fastcgi_temp";
	uwsgi_temp_path "$SRV_RUN/uwsgi_temp";
	scgi_temp_path "$SRV_RUN/scgi_temp";
	include "$SRV_RUN/folio.conf";
}
CONF
}

srv_launch render_nginx QUIT nginx -p "$SRV_RUN" -e "$SRV_RUN/error.log" \
    -c "$SRV_RUN/nginx.conf" -g 'daemon off;'
srv_check_site
done_testing
