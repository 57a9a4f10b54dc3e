/*
 * valid.c -- the checks for values typed into forms and URLs (valid.h):
 * digits, row ids, link targets, e-mail addresses. Pure functions of
 * their input; what a failure means to the user is the caller's message.
 */
#include <string.h>

#include "valid.h"

int
valid_digits(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

int
valid_id(const char *s, int64_t *out)
{
	return valid_id_n(s, strlen(s), out);
}

int
valid_id_n(const char *s, size_t len, int64_t *out)
{
	size_t	 i;
	int64_t	 v = 0;

	*out = 0;
	if (len == 0)
		return 0;
	if (len > 18 || !valid_digits(s, len) || s[0] == '0')
		return -1;
	for (i = 0; i < len; i++)	/* 18 digits fit an int64_t */
		v = v * 10 + (s[i] - '0');
	*out = v;
	return 0;
}

int
valid_url(const char *u, int flags)
{
	size_t	 i;

	if (strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0 &&
	    !((flags & VALID_URL_MAILTO) && strncmp(u, "mailto:", 7) == 0) &&
	    !((flags & VALID_URL_PATH) && u[0] == '/' && u[1] != '/' &&
	    u[1] != '\\'))
		return 0;
	/* Refused bytes would end the attribute or hide in a link. */
	for (i = 0; u[i] != '\0'; i++)
		if ((unsigned char)u[i] <= 0x20 || u[i] == '"' ||
		    u[i] == '<' || u[i] == '>' || u[i] == 0x7f)
			return 0;
	return i <= 2000;
}

int
valid_email(const char *s)
{
	const char	*at = strchr(s, '@');

	return *s == '\0' || (at != NULL && at != s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL && strchr(at + 1, '.') != NULL &&
	    strcspn(s, " \t\r\n<>\"'(),;:\\[]") == strlen(s) &&
	    strlen(s) <= 254);
}
