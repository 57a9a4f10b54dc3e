/*
 * pagecache.c -- whole responses in a hash table with a byte budget and
 * first-in, first-out eviction: simple, bounded, and good enough when a
 * site's hot pages are a few dozen and every write empties it anyway.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "pagecache.h"

#define BUCKETS	1024	/* power of two */

struct entry {
	struct entry		*next;		/* in its bucket */
	struct entry		*newer;		/* in insertion order */
	uint32_t		 hash;
	char			*key;
	struct cached_page	 page;
	size_t			 cost;		/* bytes held, for the budget */
};

static struct entry	*buckets[BUCKETS];
static struct entry	*oldest, *newest;
static size_t		 used;

/* FNV-1a: short keys, no adversary gains from collisions but a slower
 * lookup, and the budget bounds the entries. */
static uint32_t
hash_key(const char *s)
{
	uint32_t	 h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

const struct cached_page *
pagecache_get(const char *key)
{
	uint32_t	 h = hash_key(key);
	struct entry	*e;

	for (e = buckets[h & (BUCKETS - 1)]; e != NULL; e = e->next)
		if (e->hash == h && strcmp(e->key, key) == 0)
			return &e->page;
	return NULL;
}

static void
entry_unlink(struct entry *victim)
{
	struct entry	**pp = &buckets[victim->hash & (BUCKETS - 1)];

	while (*pp != victim)
		pp = &(*pp)->next;
	*pp = victim->next;
}

static void
evict_oldest(void)
{
	struct entry	*e = oldest;

	oldest = e->newer;
	if (oldest == NULL)
		newest = NULL;
	entry_unlink(e);
	used -= e->cost;
	free(e->key);
	free((char *)e->page.data);
	free(e);
}

void
pagecache_put(const char *key, const char *data, size_t len,
    size_t head_len, int status, const struct validators *v)
{
	struct entry	*e;
	size_t		 klen = strlen(key), cost;
	char		*copy;

	cost = sizeof(*e) + klen + 1 + len;
	if (cost > PAGECACHE_BYTES / 4 || pagecache_get(key) != NULL)
		return;
	while (used + cost > PAGECACHE_BYTES && oldest != NULL)
		evict_oldest();
	e = xcalloc(1, sizeof(*e));
	e->hash = hash_key(key);
	e->key = xstrdup(key);
	copy = xmalloc(len);
	memcpy(copy, data, len);
	e->page.data = copy;
	e->page.len = len;
	e->page.head_len = head_len;
	e->page.status = status;
	e->page.validators = *v;
	e->cost = cost;
	e->next = buckets[e->hash & (BUCKETS - 1)];
	buckets[e->hash & (BUCKETS - 1)] = e;
	if (newest != NULL)
		newest->newer = e;
	else
		oldest = e;
	newest = e;
	used += cost;
}

void
pagecache_clear(void)
{
	while (oldest != NULL)
		evict_oldest();
}
