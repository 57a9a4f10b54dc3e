/*
 * slug.c -- checking and making slugs. Validity here matches the CHECK
 * constraints in schema.sql, so a slug the router accepts can exist.
 */
#include <string.h>

#include "folio.h"
#include "slug.h"

static int
slug_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

int
slug_valid(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= SLUG_MAX || !slug_char(s[i]))
			return 0;
	return i > 0;
}

char *
slug_from_title(struct arena *a, const char *title)
{
	char	*out = arena_alloc(a, SLUG_MAX + 1);
	size_t	 len = 0;
	int	 gap = 0;
	char	 c;

	for (; *title != '\0' && len < SLUG_MAX; title++) {
		c = *title;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (gap && len > 0 && len < SLUG_MAX - 1)
				out[len++] = '-';
			gap = 0;
			out[len++] = c;
		} else if (c != '\'')	/* "Don't" reads as "dont" */
			gap = 1;
	}
	out[len] = '\0';
	if (len == 0)
		return arena_strdup(a, "untitled");
	return out;
}
