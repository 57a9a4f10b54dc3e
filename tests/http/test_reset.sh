#!/usr/bin/env bash
# test_reset.sh -- password reset by e-mail over real nginx, with a
# stand-in sendmail (a script written here that saves each message it
# reads on its standard input) configured through folio.conf: the link
# on the login page, the request and its one answer for every name, the
# message and its link (absolute, from the site's settings), the link
# working once and only once, expiry after an hour (the time moved in
# the SQLite file), sessions ended, the throttles per client address and
# per account, header injection through the name field and through a
# stored address, a failing sendmail, and the answer not waiting for
# the mail. Also once through plain CGI.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

stack_tmp
MAILDIR=$STACK_DIR/mail
mkdir -p "$MAILDIR"
SM=$STACK_DIR/sendmail
cat >"$SM" <<'EOF'
#!/bin/sh
# The stand-in: one file per message; fails or dawdles on request.
dir=$(dirname "$0")
if [ -e "$dir/sendmail.fail" ]; then
	cat >/dev/null
	echo "stand-in sendmail: refusing, as asked" >&2
	exit 75
fi
[ -e "$dir/sendmail.slow" ] && sleep 2
f=$(mktemp "$dir/mail/msg.XXXXXX") || exit 71
printf '%s\n' "$*" >"$f.args"
cat >"$f.tmp" && mv "$f.tmp" "$f.eml"
rm -f "$f"
EOF
chmod 0755 "$SM"
cat >"$STACK_DIR/folio.conf" <<EOF
# test_reset.sh
sendmail = $SM -t -i
mail_from = folio@harborlantern.example
EOF
FOLIO_CONFIG=$STACK_DIR/folio.conf
export FOLIO_CONFIG
stack_start

ORIGIN="http://127.0.0.1:$PORT"
JAR=$STACK_DIR/jar
ADMIN_LOG=$STACK_DIR/admin.log
PW_ED='editor password 1'
PW_NEW='a brand new password'

db() { sqlite3 -batch "$FOLIO_DB" "$1"; }

adduser() {
	printf '%s\n' "$3" | ./folio user add "$1" --role "$2" \
	    >>"$STACK_DIR/users.log" 2>&1 ||
	    bail "folio user add $1 failed" "$(cat "$STACK_DIR/users.log")"
}
adduser ed editor "$PW_ED"
adduser ann author 'author password 1'
adduser zoe author 'zoe password 123'
adduser boss admin 'admin password 1'
db "UPDATE user SET email = 'ed@harborlantern.example' WHERE slug = 'ed';
    UPDATE user SET email = 'Zoe@Example.org' WHERE slug = 'zoe';"

mails() { find "$MAILDIR" -name '*.eml' | wc -l | tr -d ' '; }

# wait_mails N: up to 10 s for N messages in all (they go after the answer).
wait_mails() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ "$(mails)" -ge "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# The newest message.
last_mail() { ls -t "$MAILDIR"/*.eml | head -n 1; }

# The path of the reset link in message $1 (the origin checked apart).
link_path() {
	grep -o 'https://harborlantern\.example/admin/reset/password/?token=[A-Za-z0-9_-]*' \
	    "$1" | head -n 1 | sed 's#^https://harborlantern\.example##'
}

login() {
	local jar=$1 c
	get /admin/login/ -b "$jar" -c "$jar"
	c=$(csrf_of)
	request POST /admin/login/ -b "$jar" -c "$jar" -H "Origin: $ORIGIN" \
	    --data-urlencode "csrf=$c" --data-urlencode "name=$2" \
	    --data-urlencode "password=$3"
}

# ask NAME [CURL-ARGS]: the reset form, then its POST for NAME.
ask() {
	local name=$1 c
	shift
	get /admin/reset/ -b "$JAR" -c "$JAR"
	c=$(csrf_of)
	request POST /admin/reset/ -b "$JAR" -c "$JAR" -H "Origin: $ORIGIN" \
	    --data-urlencode "csrf=$c" --data-urlencode "name=$name" "$@"
}

# The login form's token in the cookie jar (what the browser holds).
jar_token() { sed -n 's/.*folio_login[[:space:]]*//p' "$JAR" | head -n 1; }

# choose PATH PASSWORD AGAIN: the link's page, then the form's POST (with
# the cookie's token: a refused link shows no form).
choose() {
	local c token
	get "$1" -b "$JAR" -c "$JAR"
	c=$(jar_token)
	token=${1##*token=}
	request POST /admin/reset/password/ -b "$JAR" -c "$JAR" \
	    -H "Origin: $ORIGIN" --data-urlencode "csrf=$c" \
	    --data-urlencode "token=$token" --data-urlencode "password=$2" \
	    --data-urlencode "again=$3"
}

# Forget the requests so far (as 15 minutes passing would).
forget_requests() { db 'DELETE FROM reset_request'; }

# ------------------------------------------------------- the screens
get /admin/login/
expect_page 200
expect_body_has '<a href="/admin/reset/">Forgot your password?</a>'
get /admin/reset/ -c "$JAR"
expect_page 200
expect_body_has '<label for="name">Login name or e-mail address</label>'
expect_body_lacks '<script'
expect_header Content-Security-Policy "frame-ancestors 'none'"
expect_header Set-Cookie '^folio_login='

# The form is a form of ours: no token, or another origin, is refused.
request POST /admin/reset/ -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "name=ed"
expect_status 403
c=$(jar_token)
request POST /admin/reset/ -b "$JAR" -H "Origin: http://evil.example" \
    --data-urlencode "csrf=$c" --data-urlencode "name=ed"
expect_status 403
ask ''
expect_status 400
expect_body_has 'Enter your user name or e-mail address.'
sleep 0.5
check 'refused requests send no mail' test "$(mails)" = 0

# ------------------------------------------------- a request, its mail
login "$STACK_DIR/ed1" ed "$PW_ED"
expect_status 303
login "$STACK_DIR/ed2" ed "$PW_ED"
check 'ed has two sessions' test "$(db "SELECT count(*) FROM session
    WHERE user_id = (SELECT id FROM user WHERE slug = 'ed')")" = 2

# A Host header of the asker's choosing does not make the link.
# (curl matches cookies against a Host given: the cookie goes by hand.)
c=$(jar_token)
request POST /admin/reset/ -H 'Host: evil.example' \
    -H "Origin: http://evil.example" -b "folio_login=$c" \
    --data-urlencode "csrf=$c" --data-urlencode "name=ed"
expect_status 200
check 'a mail for the evil Host too' wait_mails 1
check '... whose link is on the site address, not the Host' \
    eval "grep -q 'https://harborlantern.example/admin/reset/password/?token=' \"\$(last_mail)\" && ! grep -q evil \"\$(last_mail)\""
ask ed
expect_page 200
expect_body_has 'a link to choose a new password is on its way'
cp "$BODY" "$STACK_DIR/answer.known"
check 'the mail arrives' wait_mails 2
M=$(last_mail)
check 'sendmail is run as configured: -t -i' \
    grep -qx -- '-t -i' "${M%.eml}.args"
head=$(sed '/^$/q' "$M")
check 'To: the account address' grep -qx 'To: ed@harborlantern.example' <<<"$head"
check 'From: the site title and mail_from' \
    grep -qx 'From: Harbor Lantern <folio@harborlantern.example>' <<<"$head"
check 'Subject names the site' \
    grep -qx 'Subject: Choose a new password for Harbor Lantern' <<<"$head"
check 'Date: in RFC 5322 form' \
    grep -qE '^Date: [A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} \+0000$' <<<"$head"
check 'Message-ID: at the sender domain' \
    grep -qE '^Message-ID: <[0-9a-f]+\.[0-9]+@harborlantern\.example>$' <<<"$head"
check 'MIME-Version and a UTF-8 text/plain body' \
    grep -qx 'Content-Type: text/plain; charset=utf-8' <<<"$head"
check 'MIME-Version: 1.0' grep -qx 'MIME-Version: 1.0' <<<"$head"
check 'the headers are only those' test "$(grep -c . <<<"$head")" = 8
LINK=$(link_path "$M")
check 'the link is absolute, on the site address of the settings (not Host)' \
    test -n "$LINK"
TOKEN=${LINK##*token=}
check 'only a hash of the token is stored' \
    test "$(db "SELECT count(*) FROM password_reset WHERE token_hash = '$TOKEN'")" = 0
check 'the token is nowhere in the database file' \
    eval "! grep -aqF -- '$TOKEN' '$FOLIO_DB' '$FOLIO_DB-wal'"
check 'the admin log names the account and the hand-over' \
    grep -q 'mail password reset for user ed: handed to' "$ADMIN_LOG"

# ------------------------------------------- the same answer for all
forget_requests
ask nobody-at-all
expect_status 200
check 'unknown name: the very same page' cmp -s "$BODY" "$STACK_DIR/answer.known"
ask nobody@example.org
check 'unknown address: the very same page' cmp -s "$BODY" "$STACK_DIR/answer.known"
ask ann
check 'an account without an address: the very same page' \
    cmp -s "$BODY" "$STACK_DIR/answer.known"
ask marta-quill
check 'an author without a password: the very same page' \
    cmp -s "$BODY" "$STACK_DIR/answer.known"
sleep 1
check 'no mail for them' test "$(mails)" = 2
check 'the log says why ann got none' \
    grep -q 'user ann: the account has no e-mail address' "$ADMIN_LOG"

# By address, in any case: zoe's is stored as Zoe@Example.org.
forget_requests
ask zoe@example.org
expect_status 200
check 'found by e-mail address' wait_mails 3
check '... to that address' grep -qx 'To: Zoe@Example.org' "$(last_mail)"
forget_requests
get /admin/reset/ -b "$JAR" -c "$JAR"
request POST /admin/reset/ -b "$JAR" -c "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$(jar_token | tr 'a-zA-Z' 'b-zaB-ZA')" \
    --data-urlencode 'name=zoe'
expect_status 403
expect_body_has 'This form had expired. Press Send again.'
expect_body_has 'value="zoe"' 'the name stays as typed'
sleep 1
check 'a request with a stale token sends nothing' test "$(mails)" = 3

# ------------------------------------------ the link, once and only once
get "$LINK" -c "$JAR"
expect_page 200
expect_body_has '<strong>ed</strong>'
expect_body_has "name=\"token\" value=\"$TOKEN\""
expect_body_has 'autocomplete="new-password"'
choose "$LINK" 'short' 'short'
expect_status 400
expect_body_has 'A password needs at least 12 characters.' \
    'the account screen rule and message'
choose "$LINK" "$PW_NEW" "${PW_NEW}x"
expect_status 400
expect_body_has 'The two new passwords differ.'
hash=$(db "SELECT password_hash FROM user WHERE slug = 'ed'")
request POST /admin/reset/password/ -b "$JAR" -c "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$(jar_token | tr 'a-zA-Z' 'b-zaB-ZA')" \
    --data-urlencode "token=$TOKEN" --data-urlencode "password=$PW_NEW" \
    --data-urlencode "again=$PW_NEW"
expect_status 403
expect_body_has 'This form had expired. Type the new password again.'
check 'a form with a stale token changes no password' \
    test "$(db "SELECT password_hash FROM user WHERE slug = 'ed'")" = "$hash"
check '... and spends no link' test "$(db "SELECT count(*) FROM password_reset
    WHERE used_at IS NOT NULL")" = 0
choose "$LINK" "$PW_NEW" "$PW_NEW"
expect_status 303
expect_location '/admin/reset/?done=1'
check 'every session of ed has ended' test "$(db "SELECT count(*) FROM session
    WHERE user_id = (SELECT id FROM user WHERE slug = 'ed')")" = 0
get /admin/posts/ -b "$STACK_DIR/ed1"
expect_status 303
get /admin/reset/?done=1
expect_page 200
expect_body_has 'Your password has been changed'
login "$STACK_DIR/ed3" ed "$PW_ED"
expect_status 401
login "$STACK_DIR/ed3" ed "$PW_NEW"
expect_status 303
hash=$(db "SELECT password_hash FROM user WHERE slug = 'ed'")

get "$LINK"
expect_page 410
expect_body_has 'This link has been used already'
expect_body_has '<a class="button" href="/admin/reset/">Ask for a new link</a>'
choose "$LINK" 'another new password' 'another new password'
expect_status 410
check 'a used link changes nothing' \
    test "$(db "SELECT password_hash FROM user WHERE slug = 'ed'")" = "$hash"
check 'a used link leaves the sessions alone' test "$(db "SELECT count(*)
    FROM session WHERE user_id = (SELECT id FROM user WHERE slug = 'ed')")" = 1
get "/admin/reset/password/?token=${TOKEN%?}A"
expect_page 400
expect_body_has 'Ask for a new link'
get '/admin/reset/password/?token=short'
expect_status 400
get '/admin/reset/password/'
expect_status 400

# -------------------------------------------------------- an hour
forget_requests
n=$(mails)
ask ed
check 'a second link' wait_mails $((n + 1))
LINK2=$(link_path "$(last_mail)")
db 'UPDATE password_reset SET created_at = created_at - 3590 WHERE used_at IS NULL'
get "$LINK2"
expect_status 200
db 'UPDATE password_reset SET created_at = created_at - 10 WHERE used_at IS NULL'
get "$LINK2"
expect_page 410
expect_body_has 'This link has expired'
choose "$LINK2" 'yet another password' 'yet another password'
expect_status 410
check 'an expired link changes nothing' \
    test "$(db "SELECT password_hash FROM user WHERE slug = 'ed'")" = "$hash"

# ------------------------------------------------------- throttles
# Per client address: five requests in 15 minutes, then 429, whatever
# is asked, before any account is looked at.
forget_requests
db 'DELETE FROM password_reset'
n=$(mails)
for i in 1 2 3 4 5; do
	ask "nobody-$i"
done
expect_status 200
ask ed
expect_status 429
expect_body_has 'Too many requests from your address'
expect_body_has 'value="ed"' 'what was typed is kept'
sleep 1
check 'a throttled request sends nothing, stores no link' \
    test "$(mails)/$(db 'SELECT count(*) FROM password_reset')" = "$n/0"

# Per account: a burst from many addresses mails zoe three times.
forget_requests
n=$(mails)
get /admin/reset/ -b "$JAR" -c "$JAR"
c=$(csrf_of)
pids=()
for i in 2 3 4 5 6 7 8 9 10 11; do
	curl -s --interface "127.0.0.$i" -o "$STACK_DIR/burst.$i" \
	    -w '%{http_code}\n' -b "$JAR" -H "Origin: $ORIGIN" \
	    --data-urlencode "csrf=$c" --data-urlencode 'name=zoe' \
	    "$ORIGIN/admin/reset/" >"$STACK_DIR/burst.$i.status" &
	pids+=($!)
done
wait "${pids[@]}"
check 'the burst came from ten addresses' \
    test "$(db 'SELECT count(DISTINCT address) FROM reset_request')" = 10
check 'every answer of the burst is 200' \
    test "$(cat "$STACK_DIR"/burst.*.status | sort -u)" = 200
same=1
for i in 2 3 4 5 6 7 8 9 10 11; do
	cmp -s "$STACK_DIR/burst.$i" "$STACK_DIR/answer.known" || same=0
done
check '... and the same page' test "$same" = 1
wait_mails $((n + 3))
sleep 1
check 'three mails to zoe, no more' test "$(mails)" = $((n + 3))
check 'the log says the limit held' \
    grep -q 'user zoe: 3 links sent within the hour already' "$ADMIN_LOG"

# ------------------------------------------------- header injection
forget_requests
db 'DELETE FROM password_reset'
n=$(mails)
for name in $'ed\r\nBcc: evil@example.net' $'ed@harborlantern.example\nBcc: evil@example.net' \
    'ed@harborlantern.example, evil@example.net'; do
	ask "$name"
	check "injection in the name field: the same answer ($(printf %q "$name"))" \
	    cmp -s "$BODY" "$STACK_DIR/answer.known"
done
# An address stored with a line break (written past the admin's checks).
db "UPDATE user SET email = 'zoe@example.org' || char(13, 10) ||
    'Bcc: evil@example.net' WHERE slug = 'zoe'"
ask zoe
check 'a stored address with a line break: the same answer' \
    cmp -s "$BODY" "$STACK_DIR/answer.known"
sleep 1
check 'no mail for any of them' test "$(mails)" = "$n"
check 'no message anywhere names evil@' \
    eval "! grep -rq 'evil@' '$MAILDIR'"
check 'the refusal is logged' \
    grep -q 'user zoe: no mail: the address "(invalid)"' "$ADMIN_LOG"
check 'no link stored for a mail not sent' \
    test "$(db 'SELECT count(*) FROM password_reset')" = 0
db "UPDATE user SET email = 'zoe@example.org' WHERE slug = 'zoe'"

# ------------------------------------------------- sendmail fails
forget_requests
touch "$STACK_DIR/sendmail.fail"
n=$(mails)
ask ed
check 'sendmail failing: the same answer' cmp -s "$BODY" "$STACK_DIR/answer.known"
for ((i = 0; i < 50; i++)); do
	grep -q 'failed with exit status 75' "$ADMIN_LOG" && break
	sleep 0.1
done
check 'the failure and its exit status are logged' \
    grep -q "mail password reset for user ed: $SM failed with exit status 75" \
    "$ADMIN_LOG"
check 'no mail' test "$(mails)" = "$n"
rm -f "$STACK_DIR/sendmail.fail"

# ----------------------------------- the answer does not wait for mail
forget_requests
touch "$STACK_DIR/sendmail.slow"
n=$(mails)
get /admin/reset/ -b "$JAR" -c "$JAR"
c=$(csrf_of)
t=$(curl -s -o "$BODY" -w '%{time_total}' -b "$JAR" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$c" --data-urlencode 'name=zoe' \
    "$ORIGIN/admin/reset/")
check "the answer comes before a 2 s sendmail finishes (${t}s)" \
    awk -v t="$t" 'BEGIN { exit !(t < 1.5) }'
check '... and the mail still goes' wait_mails $((n + 1))
rm -f "$STACK_DIR/sendmail.slow"

# ------------------------------------------- non-ASCII site title
forget_requests
db "UPDATE site SET title = 'Les Carnets de l’Île' WHERE id = 1"
n=$(mails)
ask ed
check 'a mail with a non-ASCII title' wait_mails $((n + 1))
M=$(last_mail)
check 'Subject as an RFC 2047 encoded-word' \
    grep -q '^Subject: =?UTF-8?B?' "$M"
check 'From name as an encoded-word' \
    grep -qE '^From: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <folio@harborlantern\.example>$' "$M"
check 'the head is ASCII' eval "! sed '/^\$/q' '$M' | LC_ALL=C grep -q '[^ -~]'"
check 'the body is 8bit UTF-8' \
    grep -qx 'Content-Transfer-Encoding: 8bit' "$M"
check '... with the title as it is' grep -q 'on Les Carnets de l’Île' "$M"
subject=$(sed -n '/^Subject: /,/^[^ S]/p' "$M" | sed '$d' |
    grep -o '=?UTF-8?B?[^?]*?=' | sed 's/^=?UTF-8?B?//; s/?=$//' |
    while read -r w; do printf '%s' "$w" | base64 -d; done)
check "the subject decodes back ($subject)" \
    test "$subject" = 'Choose a new password for Les Carnets de l’Île'
db "UPDATE site SET title = 'Harbor Lantern' WHERE id = 1"

# ------------------------------------------------ the users' screen
login "$STACK_DIR/boss" boss 'admin password 1'
ann_id=$(db "SELECT id FROM user WHERE slug = 'ann'")
get "/admin/users/$ann_id/" -b "$STACK_DIR/boss"
expect_page 200
expect_body_has 'Password reset by e-mail is unavailable for this user'
get "/admin/users/$(db "SELECT id FROM user WHERE slug = 'ed'")/" \
    -b "$STACK_DIR/boss"
expect_body_lacks 'Password reset by e-mail is unavailable'

# A logged-in browser may ask too (the login cookie's token counts).
forget_requests
n=$(mails)
get /admin/reset/ -b "$STACK_DIR/boss" -c "$STACK_DIR/boss"
c=$(grep -o 'name="csrf" value="[^"]*"' "$BODY" | tail -n 1 |
    sed 's/.*value="//; s/"$//')
check 'the reset form carries the login token, not the session one' \
    test "$c" != "$(csrf_of)"
request POST /admin/reset/ -b "$STACK_DIR/boss" -H "Origin: $ORIGIN" \
    --data-urlencode "csrf=$c" --data-urlencode "name=ed"
expect_status 200
check '... and it is mailed' wait_mails $((n + 1))

# ------------------------------------------------------ plain CGI
forget_requests
db 'DELETE FROM password_reset'
n=$(mails)
tok=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
printf 'csrf=%s&name=zoe' "$tok" >"$STACK_DIR/cgi.body"
CGI_STDIN=$STACK_DIR/cgi.body STACK_HANDLER=$STACK_ADMIN cgi POST \
    /admin/reset/ '' CONTENT_TYPE=application/x-www-form-urlencoded \
    HTTP_HOST=localhost HTTP_ORIGIN=http://localhost \
    "HTTP_COOKIE=folio_login=$tok" "FOLIO_CONFIG=$FOLIO_CONFIG"
expect_status 200
expect_body_has 'is on its way'
check 'CGI: the mail goes after the answer' wait_mails $((n + 1))
check 'CGI: to zoe' grep -qx 'To: zoe@example.org' "$(last_mail)"

done_testing
