/*
 * date.h -- times are stored as unix seconds (UTC) and shown in the site's
 * time zone, which is the process's TZ: date_set_zone() switches it.
 * Month names are English and fixed, whatever the C locale says.
 */
#ifndef DATE_H
#define DATE_H

#include <time.h>

struct arena;

/* 1 if tzdata has the zone (IANA name), or it is "UTC". */
int	 date_zone_known(const char *tz);

/* Switch the zone (IANA name). Unknown names are refused: -1. */
int	 date_set_zone(const char *tz);

/* The site-local calendar date of t. */
void	 date_local(time_t t, int *year, int *month, int *day);

/* "March 18, 2022" */
char	*date_long(struct arena *, time_t);
/* "14:05", the local time of day */
char	*date_clock(struct arena *, time_t);
/* "March 2022" */
char	*date_month(struct arena *, int year, int month);
/* "2022-03-18T23:30:00-04:00", RFC 3339 with the local offset */
char	*date_iso(struct arena *, time_t);

/* For feeds and HTTP, always in UTC and with English names. */
/* "Sat, 19 Mar 2022 03:30:00 +0000" (RFC 822 as RSS 2.0 wants it) */
char	*date_rfc822(struct arena *, time_t);
/* "2022-03-19T03:30:00Z" (RFC 3339, for Atom and sitemaps) */
char	*date_rfc3339(struct arena *, time_t);
/* "Sat, 19 Mar 2022 03:30:00 GMT" (the HTTP date, RFC 9110) */
char	*date_http(struct arena *, time_t);
/*
 * Parse an HTTP date in the preferred IMF-fixdate form only (what every
 * current client sends back). Returns -1 for anything else.
 */
int	 date_http_parse(const char *, time_t *);

/*
 * The form an <input type="datetime-local"> shows and sends, in the site
 * zone: "2022-03-18T14:05" ("" for a time localtime cannot show).
 */
char	*date_input(struct arena *, time_t);
/*
 * Parse that form back; a space may stand for the T, and ":SS" may
 * follow (checked, then ignored). -1 if malformed or impossible (before
 * 1970, February 30).
 */
int	 date_input_parse(const char *, time_t *);

/*
 * The unix times [*start, *end) covering a local year, month (day 0 for
 * the whole month) or day (month 0 for the whole year). Returns -1 for an
 * impossible date such as February 30.
 */
int	 date_range(int year, int month, int day, time_t *start, time_t *end);

#endif /* DATE_H */
