/*
 * mail.c -- build one plain-text message and hand it to sendmail(1).
 * Every header value is checked before anything is written (no CR, LF
 * or NUL: a value cannot end its header and start another), addresses
 * go through valid.c's valid_email(), and text that is not ASCII is
 * written as RFC 2047 encoded-words. The command runs without a shell:
 * folio.conf's words, recipients read from the message (-t). Who gets
 * what is the caller's business.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "folio.h"
#include "mail.h"
#include "valid.h"

#define SMTP_LINE_MAX	998	/* octets of a line, RFC 5322 */
#define QP_LINE_MAX	76	/* quoted-printable, RFC 2045 */
#define WORD_BYTES	45	/* text per encoded-word: 60 base64 chars */

int
mail_header_ok(const char *s, size_t len)
{
	return memchr(s, '\r', len) == NULL && memchr(s, '\n', len) == NULL &&
	    memchr(s, '\0', len) == NULL && utf8_valid(s, len);
}

static int
value_ok(const char *s)
{
	return s == NULL || mail_header_ok(s, strlen(s));
}

static int
address_ok(const char *s)
{
	return s != NULL && *s != '\0' && value_ok(s) && valid_email(s);
}

/* 1 if s is printable ASCII only (a header may hold it as it is). */
static int
printable_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* 1 if s is ASCII (a body that needs no 8bit). */
static int
ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s > 0x7f)
			return 0;
	return 1;
}

/*
 * s as RFC 2047 "B" encoded-words of at most 75 characters, folded onto
 * continuation lines; each holds whole UTF-8 characters only.
 */
static void
encoded_words(struct buf *out, const char *s)
{
	char		 b64[sodium_base64_ENCODED_LEN(WORD_BYTES,
			    sodium_base64_VARIANT_ORIGINAL)];
	size_t		 len = strlen(s), n;
	int		 first = 1;

	while (len > 0) {
		n = len < WORD_BYTES ? len : WORD_BYTES;
		/* Back up to the start of a character. */
		while (n < len && n > 0 &&
		    ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)s,
		    n, sodium_base64_VARIANT_ORIGINAL);
		buf_printf(out, "%s=?UTF-8?B?%s?=", first ? "" : "\n ", b64);
		first = 0;
		s += n;
		len -= n;
	}
}

/* A display name: atoms as they are, else quoted, else encoded. */
static void
display_name(struct buf *out, const char *s)
{
	static const char atext[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ";

	if (strspn(s, atext) == strlen(s)) {
		buf_puts(out, s);
		return;
	}
	if (!printable_ascii(s)) {
		encoded_words(out, s);
		return;
	}
	buf_putc(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(out, '\\');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

/* RFC 5322 date in UTC, with English names whatever the locale. */
static void
mail_date(struct buf *out, time_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm	 tm;

	if (gmtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The longest line of s, in bytes. */
static size_t
longest_line(const char *s)
{
	size_t	 max = 0, n;

	while (*s != '\0') {
		n = strcspn(s, "\n");
		if (n > max)
			max = n;
		s += n;
		if (*s == '\n')
			s++;
	}
	return max;
}

/* One line (no LF) as quoted-printable, soft breaks at 76 characters. */
static void
qp_line(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char	 c;
	size_t		 i, col = 0, w;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		/* A blank at the end of a line would be lost: encode it. */
		w = (c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && i + 1 < len) ? 1 : 3;
		if (col + w > QP_LINE_MAX - 1) {
			buf_puts(out, "=\n");
			col = 0;
		}
		if (w == 1)
			buf_putc(out, (char)c);
		else {
			buf_putc(out, '=');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 0xf]);
		}
		col += w;
	}
	buf_putc(out, '\n');
}

/* The body, LF line ends (CRs dropped), ending in a line end. */
static void
body(struct buf *out, const char *s, int qp)
{
	size_t	 n;

	while (*s != '\0') {
		n = strcspn(s, "\n");
		while (n > 0 && s[n - 1] == '\r')
			n--;
		if (qp)
			qp_line(out, s, n);
		else {
			buf_append(out, s, n);
			buf_putc(out, '\n');
		}
		s += strcspn(s, "\n");
		if (*s == '\n')
			s++;
	}
}

enum folio_err
mail_build(const struct mail *m, struct buf *out)
{
	unsigned char	 rnd[16];
	char		 id[33];
	const char	*text = m->text != NULL ? m->text : "";
	const char	*encoding;
	int		 qp = 0;

	if (!address_ok(m->from) || !address_ok(m->to) ||
	    !value_ok(m->from_name) || !value_ok(m->subject) ||
	    !utf8_valid(text, strlen(text)))
		return FOLIO_ERR_INPUT;
	if (longest_line(text) > SMTP_LINE_MAX) {
		qp = 1;
		encoding = "quoted-printable";
	} else
		encoding = ascii(text) ? "7bit" : "8bit";

	buf_puts(out, "From: ");
	if (m->from_name != NULL && *m->from_name != '\0') {
		display_name(out, m->from_name);
		buf_printf(out, " <%s>\n", m->from);
	} else
		buf_printf(out, "%s\n", m->from);
	buf_printf(out, "To: %s\n", m->to);
	buf_puts(out, "Subject: ");
	if (m->subject == NULL || printable_ascii(m->subject))
		buf_puts(out, m->subject != NULL ? m->subject : "");
	else
		encoded_words(out, m->subject);
	buf_puts(out, "\nDate: ");
	mail_date(out, m->date);
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(id, sizeof(id), rnd, sizeof(rnd));
	buf_printf(out, "\nMessage-ID: <%s.%lld@%s>\n", id,
	    (long long)m->date, strchr(m->from, '@') + 1);
	buf_printf(out, "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: %s\n\n", encoding);
	body(out, text, qp);
	return FOLIO_OK;
}

int
mail_argv(char *cmd, char **argv, size_t n)
{
	size_t	 k = 0;
	char	*p = cmd;

	while (*p != '\0') {
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		if (k + 1 >= n)
			return -1;
		argv[k++] = p;
		p += strcspn(p, " \t");
		if (*p != '\0')
			*p++ = '\0';
	}
	argv[k] = NULL;
	if (k == 0 || argv[0][0] != '/')
		return -1;
	return (int)k;
}

/*
 * In the child: the worker's signal state undone (blocked stop signals,
 * ignored SIGHUP and SIGPIPE would reach sendmail), the message on fd 0,
 * nothing of ours on fd 1, no other descriptor inherited. Never returns.
 */
static void
child_exec(int in, char **argv)
{
	sigset_t	 none;
	int		 fd, sigs[] = { SIGPIPE, SIGHUP, SIGTERM, SIGINT,
			    SIGUSR1, SIGALRM, SIGCHLD };
	size_t		 i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(in, STDIN_FILENO) < 0)
		_exit(126);
	if ((fd = open("/dev/null", O_WRONLY)) < 0 ||
	    dup2(fd, STDOUT_FILENO) < 0)
		_exit(126);
	for (fd = 3; fd < 1024; fd++)
		(void)close(fd);
	execv(argv[0], argv);
	_exit(127);
}

/* Write all of msg to fd; 0, or -1 with errno (EPIPE: it stopped reading). */
static int
write_all(int fd, const char *msg, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, msg, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		msg += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Wait for pid, MAIL_WAIT seconds at most (then kill it): its status. */
static int
wait_child(pid_t pid, int *timed_out)
{
	struct timespec	 nap = { 0, 10 * 1000 * 1000 };
	int		 status = 0, i;
	pid_t		 got;

	*timed_out = 0;
	for (i = 0; i < MAIL_WAIT * 100; i++) {
		got = waitpid(pid, &status, WNOHANG);
		if (got == pid)
			return status;
		if (got < 0 && errno != EINTR)
			return -1;
		nanosleep(&nap, NULL);
	}
	*timed_out = 1;
	(void)kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

enum folio_err
mail_send(const char *cmd, const char *msg, size_t len, const char *what)
{
	char			 copy[1024], *argv[MAIL_ARGV_MAX + 1];
	struct sigaction	 ign, old;
	int			 p[2], status, timed_out, wrote, werr = 0;
	pid_t			 pid;

	if (len > MAIL_MAX) {
		log_err("mail %s: message of %zu bytes, over %d", what, len,
		    MAIL_MAX);
		return FOLIO_ERR_IO;
	}
	if (strlen(cmd) >= sizeof(copy)) {
		log_err("mail %s: the sendmail command is too long", what);
		return FOLIO_ERR_IO;
	}
	memcpy(copy, cmd, strlen(cmd) + 1);
	if (mail_argv(copy, argv, sizeof(argv) / sizeof(argv[0])) < 0) {
		log_err("mail %s: the sendmail command \"%s\" is not a path "
		    "and arguments", what, cmd);
		return FOLIO_ERR_IO;
	}
	if (pipe(p) != 0) {
		log_err("mail %s: pipe: %s", what, strerror(errno));
		return FOLIO_ERR_IO;
	}
	if ((pid = fork()) < 0) {
		log_err("mail %s: fork: %s", what, strerror(errno));
		close(p[0]);
		close(p[1]);
		return FOLIO_ERR_IO;
	}
	if (pid == 0) {
		close(p[1]);
		child_exec(p[0], argv);
	}
	close(p[0]);
	/* A sendmail that exits early must not kill us with SIGPIPE. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	(void)sigaction(SIGPIPE, &ign, &old);
	wrote = write_all(p[1], msg, len);
	if (wrote != 0)
		werr = errno;
	close(p[1]);
	(void)sigaction(SIGPIPE, &old, NULL);
	status = wait_child(pid, &timed_out);

	if (timed_out) {
		log_err("mail %s: %s did not finish within %d s; killed", what,
		    argv[0], MAIL_WAIT);
		return FOLIO_ERR_IO;
	}
	if (status < 0) {
		log_err("mail %s: waitpid: %s", what, strerror(errno));
		return FOLIO_ERR_IO;
	}
	if (WIFSIGNALED(status)) {
		log_err("mail %s: %s was killed by signal %d", what, argv[0],
		    WTERMSIG(status));
		return FOLIO_ERR_IO;
	}
	if (WEXITSTATUS(status) == 127) {
		log_err("mail %s: %s could not be run (exit status 127)", what,
		    argv[0]);
		return FOLIO_ERR_IO;
	}
	if (WEXITSTATUS(status) != 0) {
		log_err("mail %s: %s failed with exit status %d", what,
		    argv[0], WEXITSTATUS(status));
		return FOLIO_ERR_IO;
	}
	if (wrote != 0) {
		log_err("mail %s: writing to %s: %s", what, argv[0],
		    strerror(werr));
		return FOLIO_ERR_IO;
	}
	log_info("mail %s: handed to %s", what, argv[0]);
	return FOLIO_OK;
}
