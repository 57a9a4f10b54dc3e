/*
 * valid.h -- one check per kind of value a client may type: the rules an
 * input must meet before a handler sees it. Each kind has one owner:
 *
 *	digits, id, url, email	here (valid.c)
 *	slug			slug_valid() in slug.h (it mirrors schema.sql)
 *	time			date_input_parse() in date.h ("YYYY-MM-DDTHH:MM")
 *
 * The admin's parameter tables (admin.c) name these kinds; route.c uses
 * the digit and slug checks for its captures. Not to be confused with
 * validators.h, the HTTP cache validators (ETag, Last-Modified).
 */
#ifndef VALID_H
#define VALID_H

#include <stddef.h>
#include <stdint.h>

/* 1 if s[0..len) is one or more ASCII digits. */
int	 valid_digits(const char *s, size_t len);

/*
 * A row id as typed: 1 to 18 digits without a leading zero, in *out; ""
 * gives 0 (none chosen). Returns 0, or -1 if malformed (*out is then 0).
 */
int	 valid_id(const char *s, int64_t *out);
/* The same for the first "len" bytes of s (a path segment, say). */
int	 valid_id_n(const char *s, size_t len, int64_t *out);

/*
 * A link target: http:// or https://, plus mailto: with VALID_URL_MAILTO
 * and a path on this site ("/x", not "//host") with VALID_URL_PATH. At
 * most 2000 bytes; no spaces, control bytes, '"', '<' or '>'. 1 if valid.
 */
#define VALID_URL_PATH		0x1
#define VALID_URL_MAILTO	0x2
int	 valid_url(const char *s, int flags);

/*
 * An e-mail address such as office@example.org, or "": 1 if valid. The
 * one rule for the settings' contact address and for users' addresses.
 */
int	 valid_email(const char *s);

#endif /* VALID_H */
