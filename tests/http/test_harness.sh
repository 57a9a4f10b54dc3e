#!/usr/bin/env bash
# test_harness.sh -- checks the HTTP test harness itself (lib.sh and
# scripts/nginx-conf.sh), independently of Folio's handler: a stand-in
# FastCGI program, compiled here, echoes the CGI variables it receives,
# both behind nginx and as plain CGI. It needs only cc, libfcgi and nginx.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_tmp
mkdir -p "$STACK_DIR/public"
printf 'body { color: #123456; }\n' >"$STACK_DIR/public/style.css"

cat >"$STACK_DIR/stub.c" <<'EOF'
/* A stand-in handler: prints the CGI variables it got as an HTML page. */
#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *names[] = {
	"GATEWAY_INTERFACE", "REQUEST_METHOD", "PATH_INFO", "REQUEST_URI",
	"QUERY_STRING", "SCRIPT_NAME", "SERVER_NAME", "SERVER_PORT",
	"SERVER_PROTOCOL", "REMOTE_ADDR", "CONTENT_TYPE", "CONTENT_LENGTH",
	"HTTP_HOST", "HTTP_X_PROBE", "FOLIO_DB", NULL
};

static void
esc(FILE *o, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '&': fputs("&amp;", o); break;
		default: fputc(*s, o);
		}
}

/* Writes the whole response to o; get() reads a variable. */
static void
serve(FILE *o, char *(*get)(const char *, void *), void *arg,
    const char *body)
{
	const char *m = get("REQUEST_METHOD", arg);
	const char *p = get("PATH_INFO", arg);
	const char *q = get("QUERY_STRING", arg);
	int i;

	if (p != NULL && strcmp(p, "/redirect") == 0) {
		fprintf(o, "Status: 301 Moved Permanently\r\n"
		    "Location: /redirect/%s%s\r\n\r\n",
		    q != NULL && *q != '\0' ? "?" : "", q != NULL ? q : "");
		return;
	}
	fprintf(o, "Status: %s\r\nContent-Type: text/html; charset=utf-8\r\n"
	    "\r\n", p != NULL && strcmp(p, "/missing/") == 0 ?
	    "404 Not Found" : "200 OK");
	if (m != NULL && strcmp(m, "HEAD") == 0)
		return;
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	    "<title>stub</title></head><body><pre>\n", o);
	for (i = 0; names[i] != NULL; i++) {
		const char *v = get(names[i], arg);

		fprintf(o, "%s=", names[i]);
		esc(o, v != NULL ? v : "(unset)");
		fputc('\n', o);
	}
	fputs("BODY=", o);
	esc(o, body);
	fputs("\n</pre></body></html>\n", o);
}

static char *
get_env(const char *name, void *arg)
{
	(void)arg;
	return getenv(name);
}

static char *
get_param(const char *name, void *arg)
{
	if (strcmp(name, "FOLIO_DB") == 0)	/* the process's own */
		return getenv(name);
	return FCGX_GetParam(name, ((FCGX_Request *)arg)->envp);
}

int
main(int argc, char **argv)
{
	FCGX_Request r;
	const char *sock = NULL;
	char body[4096], *out;
	size_t n, outlen;
	FILE *o;
	int i, c, fd;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc)
			sock = argv[++i];
	if (sock == NULL) {			/* plain CGI: one request */
		n = fread(body, 1, sizeof(body) - 1, stdin);
		body[n] = '\0';
		serve(stdout, get_env, NULL, body);
		return 0;
	}
	if (FCGX_Init() != 0 || (fd = FCGX_OpenSocket(sock, 16)) < 0)
		return 1;
	FCGX_InitRequest(&r, fd, 0);
	while (FCGX_Accept_r(&r) >= 0) {
		n = 0;
		while (n < sizeof(body) - 1 && (c = FCGX_GetChar(r.in)) != EOF)
			body[n++] = (char)c;
		body[n] = '\0';
		o = open_memstream(&out, &outlen);
		serve(o, get_param, &r, body);
		fclose(o);
		FCGX_PutStr(out, (int)outlen, r.out);
		free(out);
		FCGX_Finish_r(&r);
	}
	return 0;
}
EOF
if ! cc -o "$STACK_DIR/stub.fcgi" "$STACK_DIR/stub.c" -lfcgi \
    2>"$STACK_DIR/cc.log"; then
	bail "the stand-in FastCGI handler compiles" "$(cat "$STACK_DIR/cc.log")"
fi
pass "the stand-in FastCGI handler compiles"

STACK_HANDLER=$STACK_DIR/stub.fcgi
STACK_PUBLIC=$STACK_DIR/public
FOLIO_DB=$STACK_DIR/stub.db
export STACK_HANDLER STACK_PUBLIC
stack_serve
pass "nginx and the handler start (port $PORT)"

conf=$STACK_RUNDIR/nginx.conf
if ! grep -q '/etc/nginx' "$conf"; then
	pass "nginx.conf reads nothing under /etc/nginx"
else
	fail "nginx.conf reads nothing under /etc/nginx"
fi
if [ "$(id -u)" -ne 0 ] || grep -q '^user root;' "$conf"; then
	pass "nginx.conf says 'user root;' when started as root"
else
	fail "nginx.conf says 'user root;' when started as root"
fi

# Static files come from the public folder.
get /style.css
expect_status 200
expect_header Content-Type '^text/css'
expect_body_has 'color: #123456'

# Everything else goes to the handler, with the CGI variables it needs.
get '/echo/?a=1&b=%41' -H 'X-Probe: yes'
expect_page 200
expect_body_has 'GATEWAY_INTERFACE=CGI/1.1'
expect_body_has 'REQUEST_METHOD=GET'
expect_body_has 'PATH_INFO=/echo/'
expect_body_has 'REQUEST_URI=/echo/?a=1&amp;b=%41'
expect_body_has 'QUERY_STRING=a=1&amp;b=%41'
expect_body_matches '^SCRIPT_NAME=$' 'SCRIPT_NAME is empty'
expect_body_has "SERVER_PORT=$PORT"
expect_body_has 'REMOTE_ADDR=127.0.0.1'
expect_body_has "HTTP_HOST=127.0.0.1:$PORT"
expect_body_has 'HTTP_X_PROBE=yes'
expect_body_has "FOLIO_DB=$FOLIO_DB"

get '/caf%C3%A9/'
expect_body_has 'PATH_INFO=/café/' 'PATH_INFO is percent-decoded'
expect_body_has 'REQUEST_URI=/caf%C3%A9/' 'REQUEST_URI is as sent'

get /style.css/
expect_body_has 'PATH_INFO=/style.css/' 'a file path with a slash is not a file'

request POST /echo/ --data 'x=1'
expect_status 200
expect_body_has 'REQUEST_METHOD=POST'
expect_body_has 'CONTENT_TYPE=application/x-www-form-urlencoded'
expect_body_has 'CONTENT_LENGTH=3'
expect_body_has 'BODY=x=1'

get '/redirect?x=1'
expect_status 301
expect_header Location '^/redirect/\?x=1$'
expect_location '/redirect/?x=1'

head_req /echo/
expect_status 200
expect_html_type
expect_body_empty

get /missing/
expect_status 404
expect_html_type
expect_body_has 'PATH_INFO=/missing/' "the handler's 404 page passes through"

# A failing check says "not ok" (run in a subshell: not counted here).
out=$(get /missing/; expect_status 200 2>/dev/null)
case $out in
"not ok - "*) pass "expect_status reports a wrong status" ;;
*) fail "expect_status reports a wrong status (said: $out)" ;;
esac
out=$(get /echo/; expect_body_has 'no such text' 2>/dev/null)
case $out in
"not ok - "*) pass "expect_body_has reports missing text" ;;
*) fail "expect_body_has reports missing text (said: $out)" ;;
esac
out=$(get /echo/; expect_body_lacks 'PATH_INFO' 2>/dev/null)
case $out in
"not ok - "*) pass "expect_body_lacks reports present text" ;;
*) fail "expect_body_lacks reports present text (said: $out)" ;;
esac
out=$(get /echo/; expect_header Content-Type '^image/' 2>/dev/null)
case $out in
"not ok - "*) pass "expect_header reports a wrong value" ;;
*) fail "expect_header reports a wrong value (said: $out)" ;;
esac
out=$(printf '<p>no doctype<p><b>unclosed <x-y>\n' >"$BODY"
    expect_valid_html 2>/dev/null)
case $out in
"not ok - "*) pass "expect_valid_html reports broken HTML" ;;
*) fail "expect_valid_html reports broken HTML (said: $out)" ;;
esac

# The same program as plain CGI.
cgi GET /echo/ 'q=1'
expect_page 200
expect_body_has 'GATEWAY_INTERFACE=CGI/1.1'
expect_body_has 'PATH_INFO=/echo/'
expect_body_has 'REQUEST_URI=/echo/?q=1'
expect_body_has 'QUERY_STRING=q=1'
expect_body_has 'SERVER_PROTOCOL=HTTP/1.1'
expect_body_matches '^SCRIPT_NAME=$' 'SCRIPT_NAME is empty'
expect_body_has "FOLIO_DB=$FOLIO_DB"
expect_body_has 'HTTP_HOST=(unset)' 'a clean environment'

cgi GET '/caf%C3%A9/'
expect_body_has 'PATH_INFO=/café/' 'PATH_INFO is percent-decoded'
cgi GET /echo/ '' HTTP_X_PROBE=cgi
expect_body_has 'HTTP_X_PROBE=cgi' 'extra variables are passed'
cgi GET /missing/
expect_status 404
cgi GET /redirect 'x=1'
expect_status 301
expect_location '/redirect/?x=1'
expect_body_empty
cgi HEAD /echo/
expect_status 200
expect_html_type
expect_body_empty
printf 'x=1' >"$STACK_DIR/post.txt"
CGI_STDIN=$STACK_DIR/post.txt cgi POST /echo/ '' \
    CONTENT_TYPE=application/x-www-form-urlencoded
expect_body_has 'CONTENT_LENGTH=3'
expect_body_has 'BODY=x=1'

# A second stack runs beside this one, then leaves nothing behind.
out=$(bash -c '. tests/http/lib.sh
	stack_serve
	side=no
	curl -sf "http://127.0.0.1:$PORT/echo/" | grep -q "SERVER_PORT=$PORT" &&
	    curl -sf "http://127.0.0.1:$1/style.css" >/dev/null && side=yes
	echo "$STACK_DIR $STACK_HANDLER_PID $STACK_NGINX_PID $PORT $side"' \
    child "$PORT" >"$STACK_DIR/child.out" 2>&1; tail -n 1 "$STACK_DIR/child.out")
read -r dir hpid npid port side <<<"$out"
if [ "$side" = yes ] && [ "$port" != "$PORT" ]; then
	pass "a second stack runs beside the first"
else
	fail "a second stack runs beside the first (child said: $out)"
fi
if [ -n "$dir" ] && [ ! -e "$dir" ] && [ -n "$hpid" ] && [ -n "$npid" ] &&
    ! proc_alive "$hpid" && ! proc_alive "$npid" && ! port_in_use "$port"
then
	pass "the second stack stopped its processes and removed its temp dir"
else
	fail "the second stack stopped its processes and removed its temp dir"
	diag "child said: $out"
fi

if ! grep -Eq '\[(emerg|alert)\]' "$STACK_RUNDIR/error.log"; then
	pass "nginx logged no alert"
else
	fail "nginx logged no alert"
	grep -E '\[(emerg|alert)\]' "$STACK_RUNDIR/error.log" | diag
fi

done_testing
