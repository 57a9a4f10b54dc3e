/*
 * date.h -- times are stored as unix seconds (UTC) and shown in the site's
 * time zone, which is the process's TZ: date_set_zone() switches it.
 * Month names are English and fixed, whatever the C locale says.
 */
#ifndef DATE_H
#define DATE_H

#include <time.h>

struct arena;

/* Switch the zone (IANA name). Unknown names are refused: -1. */
int	 date_set_zone(const char *tz);

/* The site-local calendar date of t. */
void	 date_local(time_t t, int *year, int *month, int *day);

/* "March 18, 2022" */
char	*date_long(struct arena *, time_t);
/* "March 2022" */
char	*date_month(struct arena *, int year, int month);
/* "2022-03-18T23:30:00-04:00", RFC 3339 with the local offset */
char	*date_iso(struct arena *, time_t);
/* "/2022/03/18/" */
char	*date_path(struct arena *, time_t);

/*
 * The unix times [*start, *end) covering a local year, month (day 0 for
 * the whole month) or day (month 0 for the whole year). Returns -1 for an
 * impossible date such as February 30.
 */
int	 date_range(int year, int month, int day, time_t *start, time_t *end);

#endif /* DATE_H */
