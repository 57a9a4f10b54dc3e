/*
 * query.c -- one parameter out of a query string. The public site reads
 * only ?s= (search), so this is a lookup, not a full parser; names are
 * compared undecoded, as every form and link Folio makes spells them.
 */
#include <string.h>

#include "folio.h"
#include "query.h"

/*
 * Point *val at the raw value of "name" and *len at its length; -1 when
 * absent. "a" and "a=" both give an empty value.
 */
static int
query_find(const char *q, const char *name, const char **val, size_t *len)
{
	size_t	 nlen = strlen(name), plen;
	const char *p, *amp, *eq;

	for (p = q; p != NULL && *p != '\0'; p = amp ? amp + 1 : NULL) {
		amp = strchr(p, '&');
		plen = amp ? (size_t)(amp - p) : strlen(p);
		eq = memchr(p, '=', plen);
		if ((size_t)((eq ? eq : p + plen) - p) != nlen ||
		    strncmp(p, name, nlen) != 0)
			continue;
		*val = eq ? eq + 1 : p + plen;
		*len = eq ? plen - nlen - 1 : 0;
		return 0;
	}
	return -1;
}

int
query_has(const char *q, const char *name)
{
	const char	*v;
	size_t		 len;

	return query_find(q, name, &v, &len) == 0;
}

enum folio_err
query_get(struct arena *a, const char *q, const char *name,
    const char **value)
{
	const char	*raw;
	size_t		 len, i, o;
	char		*out;
	unsigned char	 c;

	*value = NULL;
	if (query_find(q, name, &raw, &len) != 0)
		return FOLIO_ERR_NOTFOUND;
	out = arena_alloc(a, len + 1);
	if (url_decode(out, raw, len, URL_DECODE_PLUS, &o) != 0)
		return FOLIO_ERR_INPUT;
	for (i = 0; i < o; i++) {
		/* Tabs and line ends become spaces; other controls are bad. */
		c = (unsigned char)out[i];
		if (c == '\t' || c == '\n' || c == '\r')
			out[i] = ' ';
		else if (c < 0x20 || c == 0x7f)
			return FOLIO_ERR_INPUT;
	}
	if (o > QUERY_VALUE_MAX) {
		o = QUERY_VALUE_MAX;
		/* Back up to the start of a character. */
		while (o > 0 && ((unsigned char)out[o] & 0xc0) == 0x80)
			o--;
		out[o] = '\0';
	}
	*value = out;
	return FOLIO_OK;
}
