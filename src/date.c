/*
 * date.c -- the site's calendar: converting stored UTC seconds to the
 * dates visitors read, and archive URLs back to ranges of seconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "folio.h"
#include "date.h"

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

int
date_zone_known(const char *tz)
{
	char	 path[256], magic[4];
	FILE	*f;
	int	 n, ok;

	if (strcmp(tz, "UTC") == 0)
		return 1;
	if (tz[0] == '\0' || tz[0] == '/' || strstr(tz, "..") != NULL)
		return 0;
	n = snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", tz);
	if (n < 0 || (size_t)n >= sizeof(path))
		return 0;
	/* A zone file, not a folder ("Europe") or a table (zone.tab). */
	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	ok = fread(magic, 1, sizeof(magic), f) == sizeof(magic) &&
	    memcmp(magic, "TZif", sizeof(magic)) == 0;
	fclose(f);
	return ok;
}

int
date_set_zone(const char *tz)
{
	/* glibc silently uses UTC for a zone it cannot find: check first. */
	if (!date_zone_known(tz))
		return -1;
	if (setenv("TZ", tz, 1) != 0)
		return -1;
	tzset();
	return 0;
}

static void
local_tm(time_t t, struct tm *tm)
{
	if (localtime_r(&t, tm) == NULL) {
		/* Only for times beyond year 2^31: show the epoch. */
		t = 0;
		gmtime_r(&t, tm);
	}
}

void
date_local(time_t t, int *year, int *month, int *day)
{
	struct tm	 tm;

	local_tm(t, &tm);
	*year = tm.tm_year + 1900;
	*month = tm.tm_mon + 1;
	*day = tm.tm_mday;
}

char *
date_long(struct arena *a, time_t t)
{
	struct tm	 tm;

	local_tm(t, &tm);
	return arena_printf(a, "%s %d, %d", month_names[tm.tm_mon],
	    tm.tm_mday, tm.tm_year + 1900);
}

char *
date_clock(struct arena *a, time_t t)
{
	struct tm	 tm;

	local_tm(t, &tm);
	return arena_printf(a, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

char *
date_month(struct arena *a, int year, int month)
{
	if (month < 1 || month > 12)
		return arena_printf(a, "%d", year);
	return arena_printf(a, "%s %d", month_names[month - 1], year);
}

char *
date_iso(struct arena *a, time_t t)
{
	struct tm	 tm;
	long		 off;
	char		 sign = '+';

	local_tm(t, &tm);
	off = tm.tm_gmtoff / 60;
	if (off < 0) {
		sign = '-';
		off = -off;
	}
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, sign, off / 60, off % 60);
}

/* Local midnight starting the given day; month and day may overflow. */
static time_t
local_midnight(int year, int month, int day)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int
days_in_month(int year, int month)
{
	static const int days[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int	 leap;

	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return days[month - 1] + (month == 2 && leap);
}

int
date_range(int year, int month, int day, time_t *start, time_t *end)
{
	if (year < 1970 || year > 9999 || month < 0 || month > 12 ||
	    day < 0 || (month == 0 && day != 0))
		return -1;
	if (month == 0) {
		*start = local_midnight(year, 1, 1);
		*end = local_midnight(year + 1, 1, 1);
	} else if (day == 0) {
		*start = local_midnight(year, month, 1);
		*end = local_midnight(year, month + 1, 1);
	} else {
		if (day > days_in_month(year, month))
			return -1;
		*start = local_midnight(year, month, day);
		*end = local_midnight(year, month, day + 1);
	}
	if (*start == (time_t)-1 || *end == (time_t)-1)
		return -1;
	return 0;
}

static const char *const day_abbr[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};

/* gmtime_r cannot fail for the times Folio stores; the epoch if it does. */
static void
utc_tm(time_t t, struct tm *tm)
{
	if (gmtime_r(&t, tm) == NULL) {
		t = 0;
		gmtime_r(&t, tm);
	}
}

/* "Sat, 19 Mar 2022 03:30:00 " followed by "zone". */
static char *
date_mail(struct arena *a, time_t t, const char *zone)
{
	struct tm	 tm;

	utc_tm(t, &tm);
	return arena_printf(a, "%s, %02d %.3s %04d %02d:%02d:%02d %s",
	    day_abbr[tm.tm_wday], tm.tm_mday, month_names[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, zone);
}

char *
date_rfc822(struct arena *a, time_t t)
{
	return date_mail(a, t, "+0000");
}

char *
date_http(struct arena *a, time_t t)
{
	return date_mail(a, t, "GMT");
}

char *
date_rfc3339(struct arena *a, time_t t)
{
	struct tm	 tm;

	utc_tm(t, &tm);
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
}

/* Read exactly "n" digits at *s into *v and advance. */
static int
digits(const char **s, int n, int *v)
{
	int	 i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if ((*s)[i] < '0' || (*s)[i] > '9')
			return -1;
		*v = *v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	return 0;
}

/* Match the literal "lit" at *s and advance. */
static int
lit(const char **s, const char *l)
{
	size_t	 len = strlen(l);

	if (strncmp(*s, l, len) != 0)
		return -1;
	*s += len;
	return 0;
}

int
date_http_parse(const char *s, time_t *t)
{
	struct tm	 tm;
	int		 i, mon = -1, v;

	memset(&tm, 0, sizeof(tm));
	/* "Sun, 06 Nov 1994 08:49:37 GMT" */
	if (strlen(s) != 29)
		return -1;
	for (i = 0; i < 7; i++)
		if (strncmp(s, day_abbr[i], 3) == 0)
			break;
	if (i == 7)
		return -1;
	s += 3;
	if (lit(&s, ", ") != 0 || digits(&s, 2, &tm.tm_mday) != 0 ||
	    lit(&s, " ") != 0)
		return -1;
	for (i = 0; i < 12; i++)
		if (strncmp(s, month_names[i], 3) == 0)
			mon = i;
	if (mon < 0)
		return -1;
	s += 3;
	tm.tm_mon = mon;
	if (lit(&s, " ") != 0 || digits(&s, 4, &v) != 0 || lit(&s, " ") != 0 ||
	    digits(&s, 2, &tm.tm_hour) != 0 || lit(&s, ":") != 0 ||
	    digits(&s, 2, &tm.tm_min) != 0 || lit(&s, ":") != 0 ||
	    digits(&s, 2, &tm.tm_sec) != 0 || lit(&s, " GMT") != 0)
		return -1;
	if (v < 1970 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return -1;
	tm.tm_year = v - 1900;
	if ((*t = timegm(&tm)) == (time_t)-1)
		return -1;
	return 0;
}

char *
date_input(struct arena *a, time_t t)
{
	struct tm	 tm;

	if (localtime_r(&t, &tm) == NULL)
		return arena_strdup(a, "");
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

int
date_input_parse(const char *s, time_t *out)
{
	struct tm	 tm;
	int		 y, mo, d, h, mi, sec;
	time_t		 t;

	/* "YYYY-MM-DDTHH:MM" (or a space for the T), optionally ":SS" */
	if (digits(&s, 4, &y) != 0 || lit(&s, "-") != 0 ||
	    digits(&s, 2, &mo) != 0 || lit(&s, "-") != 0 ||
	    digits(&s, 2, &d) != 0 || (lit(&s, "T") != 0 &&
	    lit(&s, " ") != 0) || digits(&s, 2, &h) != 0 ||
	    lit(&s, ":") != 0 || digits(&s, 2, &mi) != 0)
		return -1;
	/* The seconds are checked, then ignored. */
	if (lit(&s, ":") == 0 && digits(&s, 2, &sec) != 0)
		return -1;
	if (*s != '\0')
		return -1;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h > 23 || mi > 59)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return -1;
	/* mktime moves February 30 to March 2: refuse what it moved. */
	if (tm.tm_mday != d || tm.tm_mon != mo - 1)
		return -1;
	*out = t;
	return 0;
}
