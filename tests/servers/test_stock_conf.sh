#!/usr/bin/env bash
# test_stock_conf.sh -- each contrib/ file, rendered as README.md shows,
# inside the main configuration Debian ships (/etc/nginx/nginx.conf,
# /etc/apache2/apache2.conf, /etc/lighttpd/lighttpd.conf): the server's own
# configuration test must accept it. Nothing under /etc is changed: the
# main file is read in place (Apache) or copied (nginx, lighttpd), and the
# site file is included from the temp dir. The tests that serve pages are
# the other scripts here.
# shellcheck source-path=SCRIPTDIR source=../http/lib.sh
. "$(dirname "$0")/../http/lib.sh"
# shellcheck source=lib.sh
. "$FOLIO_ROOT/tests/servers/lib.sh"

srv_deps nginx apache2 libapache2-mod-fcgid lighttpd lighttpd-mod-openssl \
    openssl
stack_tmp
T=$STACK_DIR
R=$FOLIO_ROOT/contrib
mkdir -p "$T/public" "$T/apache-run" "$T/apache-log"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=example.org \
    -keyout "$T/tls.key" -out "$T/tls.crt" >"$T/openssl.log" 2>&1 ||
    bail "openssl could not make a certificate" "$(cat "$T/openssl.log")"

render() {
	"$R/render.sh" "$R/$1" \
	    CERT="$T/tls.crt" KEY="$T/tls.key" PUBLIC="$T/public" "${@:3}" \
	    >"$T/$2" ||
	    bail "contrib/render.sh contrib/$1 failed"
}

# expect_ok DESCRIPTION LOG COMMAND...: COMMAND succeeds.
expect_ok() {
	local desc=$1 log=$2
	shift 2
	if "$@" >"$log" 2>&1; then
		pass "$desc"
	else
		fail "$desc"
		tail -n 15 "$log" | diag
	fi
}

# --------------------------------------------------------------- nginx
render nginx/folio.conf nginx-site.conf SERVER_NAME=example.org ADDR='*' HTTP_PORT=80 \
    HTTPS_PORT=443 SOCKET=/run/folio/folio.sock \
    ADMIN_SOCKET=/run/folio/folio-admin.sock
sed "s|^\\([[:space:]]*include /etc/nginx/sites-enabled/\\*;\\)|\\1 include \"$T/nginx-site.conf\";|" \
    /etc/nginx/nginx.conf >"$T/nginx.conf"
check "Debian's nginx.conf has the sites-enabled include we hook into" \
    grep -q "nginx-site.conf" "$T/nginx.conf"
expect_ok "nginx -t: contrib/nginx/folio.conf in Debian's nginx.conf" \
    "$T/nginx.log" nginx -t -c "$T/nginx.conf"

# -------------------------------------------------------------- Apache
# apache_t SITE MODULE...: apache2 -t on Debian's apache2.conf, with the
# modules a2enmod would enable and the site a2ensite would; its run, lock
# and log folders in the temp dir.
# shellcheck disable=SC2317 # called by expect_ok
apache_t() {
	local site=$1 m
	local -a pre=()
	shift
	for m in "$@"; do
		pre+=(-C "LoadModule ${m}_module /usr/lib/apache2/modules/mod_$m.so")
	done
	(
		set +u
		# shellcheck disable=SC1091
		. /etc/apache2/envvars
		export APACHE_RUN_DIR=$T/apache-run APACHE_LOCK_DIR=$T/apache-run \
		    APACHE_PID_FILE=$T/apache-run/apache2.pid \
		    APACHE_LOG_DIR=$T/apache-log
		apache2 -d /etc/apache2 -f /etc/apache2/apache2.conf "${pre[@]}" \
		    -c "Include $T/$site" -t
	)
}
render apache/folio.conf apache-proxy.conf SERVER_NAME=example.org \
    ADDR='*' HTTP_PORT=80 HTTPS_PORT=443 SOCKET=/run/folio/folio.sock \
    ADMIN_SOCKET=/run/folio/folio-admin.sock
expect_ok "apache2 -t: contrib/apache/folio.conf (mod_proxy_fcgi)" \
    "$T/apache.log" apache_t apache-proxy.conf proxy proxy_fcgi headers ssl \
    socache_shmcb
render apache/folio-fcgid.conf apache-fcgid.conf SERVER_NAME=example.org \
    ADDR='*' HTTP_PORT=80 HTTPS_PORT=443 CGI_BIN=/usr/local/lib/folio/cgi-bin \
    DB=/var/lib/folio/folio.db
expect_ok "apache2 -t: contrib/apache/folio-fcgid.conf (mod_fcgid)" \
    "$T/apache.log" apache_t apache-fcgid.conf fcgid rewrite headers ssl \
    socache_shmcb
render apache/folio-cgi.conf apache-cgi.conf SERVER_NAME=example.org \
    ADDR='*' HTTP_PORT=80 HTTPS_PORT=443 CGI_BIN=/usr/local/lib/folio/cgi-bin \
    DB=/var/lib/folio/folio.db
expect_ok "apache2 -t: contrib/apache/folio-cgi.conf (mod_cgid)" \
    "$T/apache.log" apache_t apache-cgi.conf cgid rewrite headers ssl \
    socache_shmcb

# ------------------------------------------------------------ lighttpd
render lighttpd/folio.conf lighttpd-site.conf ADDR=0.0.0.0 HTTPS_PORT=443 \
    SOCKET=/run/folio/folio.sock ADMIN_SOCKET=/run/folio/folio-admin.sock
{
	cat /etc/lighttpd/lighttpd.conf
	printf 'include "%s"\n' "$T/lighttpd-site.conf"
} >"$T/lighttpd.conf"
expect_ok "lighttpd -tt: contrib/lighttpd/folio.conf in Debian's lighttpd.conf" \
    "$T/lighttpd.log" lighttpd -tt -f "$T/lighttpd.conf"
check "lighttpd -tt: no warnings" fails grep -qi warn "$T/lighttpd.log"
render lighttpd/folio-cgi.conf lighttpd-cgi.conf ADDR=0.0.0.0 HTTPS_PORT=443 \
    CGI_BIN=/usr/local/lib/folio/cgi-bin DB=/var/lib/folio/folio.db
{
	cat /etc/lighttpd/lighttpd.conf
	printf 'include "%s"\n' "$T/lighttpd-cgi.conf"
} >"$T/lighttpd-cgi-main.conf"
expect_ok "lighttpd -tt: contrib/lighttpd/folio-cgi.conf in Debian's lighttpd.conf" \
    "$T/lighttpd.log" lighttpd -tt -f "$T/lighttpd-cgi-main.conf"
check "lighttpd -tt: no warnings" fails grep -qi warn "$T/lighttpd.log"

# ------------------------------------------------------------ render.sh
check "render.sh refuses to leave a placeholder unfilled" \
    fails "$R/render.sh" "$R/nginx/folio.conf" SERVER_NAME=x
check "render.sh refuses a name the file does not have" \
    fails "$R/render.sh" "$R/nginx/folio.conf" SERVR_NAME=x
check "render.sh refuses a value with a double quote" \
    fails "$R/render.sh" "$R/lighttpd/folio.conf" 'PUBLIC=a"b'
# UPLOADS, left out above as README.md leaves it, is upload_dir's place.
for f in nginx-site.conf apache-proxy.conf apache-fcgid.conf apache-cgi.conf \
    lighttpd-site.conf lighttpd-cgi.conf; do
	check "render.sh: $f serves /uploads/ from /var/lib/folio/uploads" \
	    grep -Eq '(alias|Alias "/uploads/"|"/uploads/" =>) "/var/lib/folio/uploads/"' \
	    "$T/$f"
done
check "render.sh: UPLOADS=DIR names another upload folder" \
    eval "'$R/render.sh' '$R/lighttpd/folio.conf' ADDR=x HTTPS_PORT=1 \
    PUBLIC=/p SOCKET=/s ADMIN_SOCKET=/a CERT=/c KEY=/k UPLOADS=/srv/up |
    grep -q '\"/uploads/\" => \"/srv/up/\"'"

done_testing
