/*
 * harness.h -- the smallest test harness that reports well: each test is a
 * function; CHECK* macros record failures with file and line; RUN() prints
 * "ok - name" or "not ok - name", which tests/run.sh counts.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>
#include <string.h>

static int	harness_check_failures;	/* in the running test */
static int	harness_tests_failed;	/* over the whole file */

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n",		\
		    __FILE__, __LINE__, #c);				\
		harness_check_failures++;				\
	}								\
} while (0)

#define CHECK_STR_EQ(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ == NULL || w_ == NULL || strcmp(g_, w_) != 0) {		\
		fprintf(stderr, "%s:%d: %s\n   got: \"%s\"\n  want: \"%s\"\n",\
		    __FILE__, __LINE__, #got, g_ ? g_ : "(null)",	\
		    w_ ? w_ : "(null)");				\
		harness_check_failures++;				\
	}								\
} while (0)

#define CHECK_INT_EQ(got, want) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (g_ != w_) {							\
		fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n",	\
		    __FILE__, __LINE__, #got, g_, w_);			\
		harness_check_failures++;				\
	}								\
} while (0)

#define RUN(fn) do {							\
	harness_check_failures = 0;					\
	fn();								\
	if (harness_check_failures) {					\
		printf("not ok - %s\n", #fn);				\
		harness_tests_failed++;					\
	} else								\
		printf("ok - %s\n", #fn);				\
	fflush(stdout);							\
} while (0)

#define HARNESS_EXIT() return harness_tests_failed ? 1 : 0

#endif /* HARNESS_H */
