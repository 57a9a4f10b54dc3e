/*
 * test_mail.c -- mail.c: header values that would add a header are
 * refused with nothing written, addresses go through valid_email(),
 * non-ASCII headers become RFC 2047 encoded-words (decoded back here),
 * the body's transfer encoding, the sendmail command's words, and
 * mail_send() against a real program (/bin/sh scripts written here).
 */
#include <sys/stat.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio.h"
#include "harness.h"
#include "mail.h"

static struct mail
sample(void)
{
	struct mail	 m;

	memset(&m, 0, sizeof(m));
	m.from = "folio@example.org";
	m.from_name = "Island Notes";
	m.to = "ann@example.org";
	m.subject = "Choose a new password";
	m.text = "Hello,\nthe link: https://example.org/x\n";
	m.date = 1733349282;	/* 2024-12-04 21:54:42 UTC, a Wednesday */
	return m;
}

/* The value of header "name" (first line only) in msg, into out. */
static const char *
header(const char *msg, const char *name, char *out, size_t sz)
{
	size_t		 n = strlen(name);
	const char	*p = msg, *end;

	while (*p != '\0' && *p != '\n') {
		end = strchr(p, '\n');
		if (end == NULL)
			break;
		if (strncmp(p, name, n) == 0 && p[n] == ':') {
			snprintf(out, sz, "%.*s", (int)(end - p - n - 2),
			    p + n + 2);
			return out;
		}
		p = end + 1;
	}
	return NULL;
}

/* 1 if some line of the head (before the empty line) starts with s. */
static int
head_has_line(const char *msg, const char *s)
{
	const char	*p = msg;

	for (;;) {
		if (strncmp(p, s, strlen(s)) == 0)
			return 1;
		if ((p = strchr(p, '\n')) == NULL || p[1] == '\n')
			return 0;
		p++;
	}
}

static void
test_build_plain(void)
{
	struct mail	 m = sample();
	struct buf	 b = BUF_INIT;
	char		 v[256];

	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_OK);
	CHECK_STR_EQ(header(b.data, "From", v, sizeof(v)),
	    "Island Notes <folio@example.org>");
	CHECK_STR_EQ(header(b.data, "To", v, sizeof(v)), "ann@example.org");
	CHECK_STR_EQ(header(b.data, "Subject", v, sizeof(v)),
	    "Choose a new password");
	CHECK_STR_EQ(header(b.data, "Date", v, sizeof(v)),
	    "Wed, 04 Dec 2024 21:54:42 +0000");
	CHECK_STR_EQ(header(b.data, "MIME-Version", v, sizeof(v)), "1.0");
	CHECK_STR_EQ(header(b.data, "Content-Type", v, sizeof(v)),
	    "text/plain; charset=utf-8");
	CHECK_STR_EQ(header(b.data, "Content-Transfer-Encoding", v,
	    sizeof(v)), "7bit");
	CHECK(header(b.data, "Message-ID", v, sizeof(v)) != NULL &&
	    v[0] == '<' && strstr(v, "@example.org>") != NULL);
	CHECK(strstr(b.data, "\n\nHello,\nthe link: https://example.org/x\n")
	    != NULL);
	CHECK(strchr(b.data, '\r') == NULL);
	buf_free(&b);
}

/* Every way a value could end its header is refused, nothing written. */
static void
test_injection_refused(void)
{
	static const char *const bad[] = {
		"x\r\nBcc: evil@example.net",
		"x\nBcc: evil@example.net",
		"x\rBcc: evil@example.net",
		"x\n",
	};
	struct mail	 m;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		m = sample();
		m.subject = bad[i];
		CHECK_INT_EQ(mail_build(&m, &b), FOLIO_ERR_INPUT);
		m = sample();
		m.from_name = bad[i];
		CHECK_INT_EQ(mail_build(&m, &b), FOLIO_ERR_INPUT);
		CHECK_INT_EQ(b.len, 0);
	}
	/* Header text without a line break is only text. */
	m = sample();
	m.subject = "x Bcc: evil@example.net";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_OK);
	CHECK(!head_has_line(b.data, "Bcc"));
	CHECK(head_has_line(b.data, "Subject: x Bcc: evil@example.net\n"));
	buf_reset(&b);
	m.to = "ann@example.org\r\nBcc: evil@example.net";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_ERR_INPUT);
	m.to = "ann@example.org\nBcc: evil@example.net";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_ERR_INPUT);
	m.to = "ann@example.org, evil@example.net";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_ERR_INPUT);
	m.to = "Ann <ann@example.org>";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_ERR_INPUT);
	m.to = "";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_ERR_INPUT);
	m.to = NULL;
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_ERR_INPUT);
	m = sample();
	m.from = "folio@example.org\nBcc: evil@example.net";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_ERR_INPUT);
	m.from = "no-at-sign";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_ERR_INPUT);
	m = sample();
	m.subject = "bad UTF-8 \xc3\x28";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_ERR_INPUT);
	CHECK_INT_EQ(b.len, 0);

	/* NUL, CR and LF anywhere in the bytes of a value. */
	CHECK(mail_header_ok("plain value", 11));
	CHECK(!mail_header_ok("a\0Bcc: x", 8));
	CHECK(!mail_header_ok("a\rb", 3));
	CHECK(!mail_header_ok("a\nb", 3));
	CHECK(mail_header_ok("caf\xc3\xa9", 5));
	buf_free(&b);
}

/* Decode every "=?UTF-8?B?...?=" word of a (folded) header value. */
static void
decode_words(const char *v, char *out, size_t sz)
{
	const char	*p = v, *end;
	unsigned char	 bin[256];
	size_t		 n, len = 0;

	out[0] = '\0';
	while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
		p += 10;
		if ((end = strstr(p, "?=")) == NULL)
			break;
		if (sodium_base642bin(bin, sizeof(bin), p, (size_t)(end - p),
		    NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
			break;
		if (len + n >= sz)
			break;
		memcpy(out + len, bin, n);
		len += n;
		out[len] = '\0';
		p = end + 2;
	}
}

static void
test_encoded_words(void)
{
	struct mail	 m = sample();
	struct buf	 b = BUF_INIT;
	char		 subject[600], v[600];
	const char	*p, *end;
	size_t		 i;

	/* Long enough for several words, with 2-byte characters. */
	snprintf(subject, sizeof(subject), "%s", "Nouveau mot de passe : ");
	for (i = 0; i < 12; i++)
		strncat(subject, "été ", sizeof(subject) - strlen(subject) - 1);
	m.subject = subject;
	m.from_name = "Les Carnets de l'Île";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_OK);
	/* The folded Subject: from "Subject: " to the line not folded. */
	p = strstr(b.data, "\nSubject: ") + 10;
	end = strstr(p, "\nDate: ");
	CHECK(p != NULL && end != NULL);
	snprintf(v, sizeof(v), "%.*s", (int)(end - p), p);
	CHECK(strstr(v, "\n ") != NULL);	/* folded */
	for (p = v; *p != '\0'; p += strcspn(p, "\n") + (p[strcspn(p, "\n")]
	    != '\0'))
		CHECK(strcspn(p, "\n") <= 76);
	for (i = 0; v[i] != '\0'; i++)
		CHECK((unsigned char)v[i] < 0x80);
	decode_words(v, subject + 300, 300);
	CHECK_STR_EQ(subject + 300, subject);
	header(b.data, "From", v, sizeof(v));
	CHECK(strncmp(v, "=?UTF-8?B?", 10) == 0);
	CHECK(strstr(v, " <folio@example.org>") != NULL);
	decode_words(v, subject + 300, 300);
	CHECK_STR_EQ(subject + 300, "Les Carnets de l'Île");
	buf_free(&b);

	/* ASCII with specials: a quoted string, escapes inside. */
	m = sample();
	m.from_name = "Notes, \"Island\" \\ Co.";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_OK);
	CHECK_STR_EQ(header(b.data, "From", v, sizeof(v)),
	    "\"Notes, \\\"Island\\\" \\\\ Co.\" <folio@example.org>");
	buf_free(&b);
	m.from_name = NULL;
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_OK);
	CHECK_STR_EQ(header(b.data, "From", v, sizeof(v)),
	    "folio@example.org");
	buf_free(&b);
}

static void
test_body_encoding(void)
{
	struct mail	 m = sample();
	struct buf	 b = BUF_INIT, text = BUF_INIT;
	char		 v[64];
	const char	*body, *p;
	size_t		 i;

	m.text = "Bonjour Zoë,\r\nvoici le lien.\n";
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_OK);
	CHECK_STR_EQ(header(b.data, "Content-Transfer-Encoding", v,
	    sizeof(v)), "8bit");
	CHECK(strstr(b.data, "\n\nBonjour Zoë,\nvoici le lien.\n") != NULL);
	buf_free(&b);

	/* A line longer than SMTP allows: quoted-printable, soft breaks. */
	buf_puts(&text, "start ");
	for (i = 0; i < 1200; i++)
		buf_putc(&text, "abcde"[i % 5]);
	buf_puts(&text, "= café \nend \n");
	m.text = text.data;
	CHECK_INT_EQ(mail_build(&m, &b), FOLIO_OK);
	CHECK_STR_EQ(header(b.data, "Content-Transfer-Encoding", v,
	    sizeof(v)), "quoted-printable");
	body = strstr(b.data, "\n\n") + 2;
	for (p = body; *p != '\0'; p += strcspn(p, "\n") + 1)
		CHECK(strcspn(p, "\n") <= 76);
	CHECK(strstr(body, "=3D caf=C3=A9=20\n") != NULL);
	CHECK(strstr(body, "\nend=20\n") != NULL);
	CHECK(strstr(body, "=\n") != NULL);	/* soft line breaks */
	buf_free(&b);
	buf_free(&text);
}

static void
test_argv(void)
{
	char	 cmd[128], *argv[MAIL_ARGV_MAX + 1];

	snprintf(cmd, sizeof(cmd), "  /usr/sbin/sendmail\t-t  -i ");
	CHECK_INT_EQ(mail_argv(cmd, argv, MAIL_ARGV_MAX + 1), 3);
	CHECK_STR_EQ(argv[0], "/usr/sbin/sendmail");
	CHECK_STR_EQ(argv[1], "-t");
	CHECK_STR_EQ(argv[2], "-i");
	CHECK(argv[3] == NULL);
	snprintf(cmd, sizeof(cmd), "sendmail -t");
	CHECK_INT_EQ(mail_argv(cmd, argv, MAIL_ARGV_MAX + 1), -1);
	snprintf(cmd, sizeof(cmd), "   ");
	CHECK_INT_EQ(mail_argv(cmd, argv, MAIL_ARGV_MAX + 1), -1);
	snprintf(cmd, sizeof(cmd), "/bin/a b c d");
	CHECK_INT_EQ(mail_argv(cmd, argv, 4), -1);
	/* No shell: a ; is an argument like any other. */
	snprintf(cmd, sizeof(cmd), "/bin/true ; rm -rf x");
	CHECK_INT_EQ(mail_argv(cmd, argv, MAIL_ARGV_MAX + 1), 5);
	CHECK_STR_EQ(argv[1], ";");
}

/* A script at path that runs "body" (sh). */
static void
script(const char *path, const char *body)
{
	FILE	*f = fopen(path, "w");

	CHECK(f != NULL);
	if (f == NULL)
		return;
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	CHECK(chmod(path, 0700) == 0);
}

/* The file dir/name into buf (NUL-terminated), or NULL. */
static const char *
slurp(const char *dir, const char *name, char *buf, size_t sz)
{
	char	 path[256];
	FILE	*f;
	size_t	 n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	n = fread(buf, 1, sz - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
test_send(void)
{
	char		 dir[] = "/tmp/folio-mail.XXXXXX", sm[128], cmd[512];
	char		 got[256];
	const char	*msg = "To: ann@example.org\n\nhello\n";

	CHECK(mkdtemp(dir) != NULL);
	snprintf(sm, sizeof(sm), "%s/sendmail", dir);
	script(sm, "printf '%s\\n' \"$*\" >\"$(dirname \"$0\")/args\"\n"
	    "cat >\"$(dirname \"$0\")/out\"");
	snprintf(cmd, sizeof(cmd), "%s -t -i", sm);
	CHECK_INT_EQ(mail_send(cmd, msg, strlen(msg), "test"), FOLIO_OK);
	CHECK_STR_EQ(slurp(dir, "out", got, sizeof(got)), msg);
	CHECK_STR_EQ(slurp(dir, "args", got, sizeof(got)), "-t -i\n");

	/* Failures: an exit status, a program that is not there. */
	script(sm, "cat >/dev/null; exit 75");
	CHECK_INT_EQ(mail_send(cmd, msg, strlen(msg), "test"), FOLIO_ERR_IO);
	script(sm, "exit 0");	/* reads nothing: no SIGPIPE for us */
	CHECK_INT_EQ(mail_send(cmd, msg, strlen(msg), "test"), FOLIO_OK);
	snprintf(cmd, sizeof(cmd), "%s/missing -t", dir);
	CHECK_INT_EQ(mail_send(cmd, msg, strlen(msg), "test"), FOLIO_ERR_IO);
	CHECK_INT_EQ(mail_send("relative -t", msg, strlen(msg), "test"),
	    FOLIO_ERR_IO);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
}

int
main(void)
{
	if (sodium_init() < 0)
		return 1;
	log_set_level(LOG_LEVEL_ERROR);
	RUN(test_build_plain);
	RUN(test_injection_refused);
	RUN(test_encoded_words);
	RUN(test_body_encoding);
	RUN(test_argv);
	RUN(test_send);
	HARNESS_EXIT();
}
