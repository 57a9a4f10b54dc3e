/*
 * mail.h -- outgoing mail: a message built so that no value can add a
 * header, handed to the sendmail(1) command of folio.conf's "sendmail"
 * (split into words, no shell). What to send and to whom is the
 * caller's (admin_reset.c).
 */
#ifndef MAIL_H
#define MAIL_H

#include <stddef.h>
#include <time.h>

#include "folio.h"

#define MAIL_ARGV_MAX	16	/* words of the sendmail command */
#define MAIL_MAX	(32 * 1024)	/* bytes: fits in a pipe */
#define MAIL_WAIT	30	/* seconds sendmail may take */

struct mail {
	const char	*from;		/* address (valid_email), required */
	const char	*from_name;	/* display name, UTF-8; NULL or "" */
	const char	*to;		/* address (valid_email), required */
	const char	*subject;	/* UTF-8 text */
	const char	*text;		/* the body: UTF-8, lines end in LF */
	time_t		 date;
};

/*
 * 1 if the "len" bytes at s may be a header value: no CR, LF or NUL
 * (any of which would end the header and start another), valid UTF-8.
 */
int		 mail_header_ok(const char *s, size_t len);

/*
 * Append the whole message to out: From, To, Subject (RFC 2047 B
 * encoded-words when not ASCII), Date, Message-ID (random, at the From
 * address's domain), MIME-Version and a text/plain; charset=utf-8 body,
 * 7bit or 8bit, quoted-printable when a line is too long for SMTP.
 * Lines end in LF, as sendmail -t reads them. FOLIO_ERR_INPUT when a
 * header value fails mail_header_ok(), an address is empty or fails
 * valid_email(), or the body is not UTF-8; out is then unchanged.
 */
enum folio_err	 mail_build(const struct mail *, struct buf *out);

/*
 * Split a sendmail command into words at blanks, in place: argv gets up
 * to n - 1 of them and a NULL. Returns the number of words, or -1 when
 * there are none, more than n - 1, or the first is not an absolute
 * path (it is run without a shell, and without a search of PATH).
 */
int		 mail_argv(char *cmd, char **argv, size_t n);

/*
 * Run "cmd" (mail_argv) with the message on its standard input and
 * wait for it, MAIL_WAIT seconds at most. FOLIO_OK when it exited with
 * status 0; otherwise the failure (exec, exit status, signal, time) is
 * logged with "what" and FOLIO_ERR_IO returned.
 */
enum folio_err	 mail_send(const char *cmd, const char *msg, size_t len,
		    const char *what);

#endif /* MAIL_H */
