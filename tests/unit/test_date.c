/*
 * test_date.c -- the site's calendar: local dates, month labels, RFC 3339
 * offsets, archive ranges across DST changes and leap years.
 */
#include <stdlib.h>
#include <time.h>

#include "folio.h"
#include "date.h"
#include "harness.h"

static struct arena	 arena = ARENA_INIT;

static void
test_zone_switch_and_refusal(void)
{
	CHECK_INT_EQ(date_set_zone("America/New_York"), 0);
	CHECK_INT_EQ(date_set_zone("No/Such_Zone"), -1);
	CHECK_INT_EQ(date_set_zone("../../etc/passwd"), -1);
	CHECK_INT_EQ(date_set_zone(""), -1);
	CHECK_INT_EQ(date_set_zone("UTC"), 0);
}

static void
test_long_date_in_site_zone(void)
{
	/* 2022-03-19 03:30 UTC is still March 18 in New York. */
	time_t	 t = 1647660600;

	date_set_zone("UTC");
	CHECK_STR_EQ(date_long(&arena, t), "March 19, 2022");
	date_set_zone("America/New_York");
	CHECK_STR_EQ(date_long(&arena, t), "March 18, 2022");
	CHECK_STR_EQ(date_iso(&arena, t), "2022-03-18T23:30:00-04:00");
	date_set_zone("Asia/Kolkata");
	CHECK_STR_EQ(date_iso(&arena, t), "2022-03-19T09:00:00+05:30");
}

static void
test_month_label(void)
{
	CHECK_STR_EQ(date_month(&arena, 2022, 3), "March 2022");
	CHECK_STR_EQ(date_month(&arena, 2019, 12), "December 2019");
	CHECK_STR_EQ(date_month(&arena, 2019, 13), "2019");
}

static void
test_ranges(void)
{
	time_t	 s, e;

	date_set_zone("UTC");
	CHECK_INT_EQ(date_range(2022, 3, 0, &s, &e), 0);
	CHECK_INT_EQ(s, 1646092800);		/* 2022-03-01 00:00 UTC */
	CHECK_INT_EQ(e - s, 31 * 86400);
	CHECK_INT_EQ(date_range(2024, 2, 29, &s, &e), 0);	/* leap */
	CHECK_INT_EQ(e - s, 86400);
	CHECK_INT_EQ(date_range(2023, 2, 29, &s, &e), -1);
	CHECK_INT_EQ(date_range(2022, 4, 31, &s, &e), -1);
	CHECK_INT_EQ(date_range(2022, 0, 0, &s, &e), 0);
	CHECK_INT_EQ(e - s, 365 * 86400);
	CHECK_INT_EQ(date_range(2022, 0, 5, &s, &e), -1);
	CHECK_INT_EQ(date_range(1969, 1, 0, &s, &e), -1);
	CHECK_INT_EQ(date_range(2022, 13, 0, &s, &e), -1);

	/* The day DST starts in New York has 23 hours. */
	date_set_zone("America/New_York");
	CHECK_INT_EQ(date_range(2022, 3, 13, &s, &e), 0);
	CHECK_INT_EQ(e - s, 23 * 3600);
	CHECK_INT_EQ(s, 1647147600);		/* 05:00 UTC */
}

/* The admin's <input type="datetime-local"> form, both ways. */
static void
test_input_form(void)
{
	time_t	 t = 0;

	date_set_zone("America/New_York");
	CHECK_STR_EQ(date_input(&arena, 1647147600), "2022-03-13T00:00");
	CHECK_INT_EQ(date_input_parse("2022-03-13T01:00", &t), 0);
	CHECK_INT_EQ(t, 1647151200);
	CHECK_INT_EQ(date_input_parse("2022-03-13 00:00:59", &t), 0);
	CHECK_INT_EQ(t, 1647147600);
	CHECK_INT_EQ(date_input_parse("2022-02-30T10:00", &t), -1);
	CHECK_INT_EQ(date_input_parse("1969-12-31T23:59", &t), -1);
	CHECK_INT_EQ(date_input_parse("2022-03-13T24:00", &t), -1);
	CHECK_INT_EQ(date_input_parse("2022-03-13T01:00:", &t), -1);
	CHECK_INT_EQ(date_input_parse("2022-03-13T01:00:5x", &t), -1);
	CHECK_INT_EQ(date_input_parse("2022-03-13T01:00Z", &t), -1);
	CHECK_INT_EQ(date_input_parse("2022-3-13T01:00", &t), -1);
	CHECK_INT_EQ(date_input_parse("2022-03-13", &t), -1);
	CHECK_INT_EQ(date_input_parse("", &t), -1);
	CHECK_INT_EQ(t, 1647147600);	/* untouched by the failures */
	date_set_zone("UTC");
}

int
main(void)
{
	RUN(test_zone_switch_and_refusal);
	RUN(test_long_date_in_site_zone);
	RUN(test_month_label);
	RUN(test_ranges);
	RUN(test_input_form);
	arena_free(&arena);
	HARNESS_EXIT();
}
