/*
 * test_pagecache.c -- the workers' response cache: hits, HEAD lengths,
 * the byte budget with oldest-first eviction, and clearing.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "pagecache.h"
#include "validators.h"
#include "harness.h"

static const struct validators	 none = { 0, "", 0, -1 };

static void
test_put_and_get(void)
{
	const struct cached_page	*p;
	struct validators		 v = { 1, "\"0123456789abcdef\"", 42, 60 };

	pagecache_put("http://a\n/x/?", "HEAD\r\n\r\nbody", 13, 8, 404, &v);
	p = pagecache_get("http://a\n/x/?");
	CHECK(p != NULL);
	if (p != NULL) {
		CHECK_INT_EQ(p->len, 13);
		CHECK_INT_EQ(p->head_len, 8);
		CHECK(memcmp(p->data, "HEAD\r\n\r\nbody", 13) == 0);
		CHECK_INT_EQ(p->status, 404);
		CHECK_STR_EQ(p->validators.etag, v.etag);
		CHECK_INT_EQ(p->validators.last_modified, 42);
	}
	CHECK(pagecache_get("http://a\n/y/?") == NULL);
	CHECK(pagecache_get("http://b\n/x/?") == NULL);
	/* The first response stored under a key stays. */
	pagecache_put("http://a\n/x/?", "other", 5, 0, 200, &none);
	p = pagecache_get("http://a\n/x/?");
	CHECK(p != NULL && p->len == 13);
	pagecache_clear();
	CHECK(pagecache_get("http://a\n/x/?") == NULL);
}

static void
test_budget_evicts_oldest(void)
{
	size_t	 sz = PAGECACHE_BYTES / 10;
	char	*page = calloc(1, sz), key[32];
	int	 i, kept = 0;

	if (page == NULL)
		abort();
	for (i = 0; i < 30; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		pagecache_put(key, page, sz, 0, 200, &none);
	}
	for (i = 0; i < 30; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		if (pagecache_get(key) != NULL)
			kept++;
	}
	CHECK(kept >= 5 && kept <= 10);
	CHECK(pagecache_get("k29") != NULL);	/* the newest stays */
	CHECK(pagecache_get("k0") == NULL);	/* the oldest went */
	/* Too big to be worth a quarter of the budget: not kept. */
	free(page);
	page = calloc(1, PAGECACHE_BYTES / 2);
	if (page == NULL)
		abort();
	pagecache_put("huge", page, PAGECACHE_BYTES / 2, 0, 200, &none);
	CHECK(pagecache_get("huge") == NULL);
	CHECK(pagecache_get("k29") != NULL);
	free(page);
	pagecache_clear();
}

int
main(void)
{
	RUN(test_put_and_get);
	RUN(test_budget_evicts_oldest);
	HARNESS_EXIT();
}
