/*
 * form.c -- the two encodings browsers use to POST a form. Only the bytes
 * the request carried are read; every length is checked before use, and
 * the first malformed byte refuses the whole body.
 */
#include <string.h>
#include <strings.h>

#include "folio.h"
#include "form.h"

#define PART_HEADERS_MAX	4096	/* a part's header block */
#define BOUNDARY_MAX		70	/* RFC 2046 */

/* A text value: valid UTF-8, no NUL. */
static int
text_ok(const char *s, size_t len)
{
	return memchr(s, '\0', len) == NULL && utf8_valid(s, len);
}

static enum folio_err
add(struct arena *a, struct form *f, const char *name, const char *value,
    size_t len, const char *filename, const char *type)
{
	struct form_field	*nf;

	if (f->n >= FORM_FIELDS_MAX)
		return FOLIO_ERR_INPUT;
	if (f->n % 16 == 0) {
		nf = arena_calloc(a, f->n + 16, sizeof(*nf));
		if (f->n > 0)
			memcpy(nf, f->fields, f->n * sizeof(*nf));
		f->fields = nf;
	}
	f->fields[f->n].name = name;
	f->fields[f->n].value = value;
	f->fields[f->n].len = len;
	f->fields[f->n].filename = filename;
	f->fields[f->n].type = type;
	f->n++;
	return FOLIO_OK;
}

/* Decode one urlencoded component; NULL for a bad escape or text. */
static char *
component(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	char	*out = arena_alloc(a, len + 1);

	return url_decode(out, s, len, URL_DECODE_PLUS | URL_DECODE_NONUL,
	    outlen) == 0 ? out : NULL;
}

enum folio_err
form_parse_urlencoded(struct arena *a, const char *data, size_t len,
    struct form *f)
{
	const char	*p = data, *end = data + len, *amp, *eq;
	char		*name, *value;
	size_t		 nlen, vlen;

	memset(f, 0, sizeof(*f));
	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		if (amp == p) {		/* "a=1&&b=2": tolerated */
			p++;
			continue;
		}
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq == NULL)
			eq = amp;
		if (eq == p)
			return FOLIO_ERR_INPUT;		/* no name */
		if ((name = component(a, p, (size_t)(eq - p), &nlen)) ==
		    NULL)
			return FOLIO_ERR_INPUT;
		if (eq == amp) {
			value = arena_strdup(a, "");
			vlen = 0;
		} else if ((value = component(a, eq + 1,
		    (size_t)(amp - eq - 1), &vlen)) == NULL)
			return FOLIO_ERR_INPUT;
		if (add(a, f, name, value, vlen, NULL, NULL) != FOLIO_OK)
			return FOLIO_ERR_INPUT;
		p = amp + (amp < end);
	}
	return FOLIO_OK;
}

static const char *
find(const char *hay, size_t haylen, const char *needle, size_t nlen)
{
	const char	*p, *end;

	if (nlen == 0 || haylen < nlen)
		return NULL;
	end = hay + haylen - nlen;
	for (p = hay; p <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p) + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, needle, nlen) == 0)
			return p;
	}
	return NULL;
}

static int
boundary_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("'()+_,-./:=? ", c) != NULL;
}

const char *
form_boundary(struct arena *a, const char *ct)
{
	const char	*p, *start;
	size_t		 len, i;

	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return NULL;
	for (p = ct + 19; *p != '\0'; p++) {
		if (*p != ';')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "boundary=", 9) != 0)
			continue;
		start = p + 9;
		if (*start == '"') {
			start++;
			if ((p = strchr(start, '"')) == NULL)
				return NULL;
			len = (size_t)(p - start);
		} else
			len = strcspn(start, "; \t");
		if (len == 0 || len > BOUNDARY_MAX)
			return NULL;
		for (i = 0; i < len; i++)
			if (!boundary_char(start[i]))
				return NULL;
		return arena_strndup(a, start, len);
	}
	return NULL;
}

/*
 * The value of parameter "key" in a Content-Disposition header, quoted
 * or not; NULL if absent. Browsers percent-encode '"' in quoted names.
 */
static char *
disposition_param(struct arena *a, const char *h, const char *key,
    int *bad)
{
	size_t		 klen = strlen(key), len;
	const char	*p = h, *v, *q;

	while ((p = strchr(p, ';')) != NULL) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, key, klen) != 0 || p[klen] != '=')
			continue;
		v = p + klen + 1;
		if (*v == '"') {
			v++;
			if ((q = strchr(v, '"')) == NULL) {
				*bad = 1;
				return NULL;
			}
			len = (size_t)(q - v);
		} else
			len = strcspn(v, "; \t");
		return arena_strndup(a, v, len);
	}
	return NULL;
}

/* Parse one part's header block [h, h + len) and add the part. */
static enum folio_err
add_part(struct arena *a, struct form *f, const char *h, size_t hlen,
    const char *body, size_t blen)
{
	char		*headers, *line, *next, *colon;
	char		*name = NULL, *filename = NULL, *type = NULL;
	char		*value;
	int		 bad = 0, disposition = 0;

	if (hlen > PART_HEADERS_MAX || !text_ok(h, hlen))
		return FOLIO_ERR_INPUT;
	headers = arena_strndup(a, h, hlen);
	for (line = headers; line != NULL && *line != '\0'; line = next) {
		if ((next = strstr(line, "\r\n")) != NULL) {
			*next = '\0';
			next += 2;
		}
		if ((colon = strchr(line, ':')) == NULL)
			return FOLIO_ERR_INPUT;
		*colon++ = '\0';
		while (*colon == ' ' || *colon == '\t')
			colon++;
		if (strcasecmp(line, "Content-Disposition") == 0) {
			if (disposition ||
			    strncasecmp(colon, "form-data", 9) != 0)
				return FOLIO_ERR_INPUT;
			disposition = 1;
			name = disposition_param(a, colon, "name", &bad);
			filename = disposition_param(a, colon, "filename",
			    &bad);
		} else if (strcasecmp(line, "Content-Type") == 0)
			type = arena_strdup(a, colon);
	}
	if (bad || name == NULL || name[0] == '\0')
		return FOLIO_ERR_INPUT;
	if (filename == NULL && !text_ok(body, blen))
		return FOLIO_ERR_INPUT;
	value = arena_strndup(a, body, blen);
	return add(a, f, name, value, blen, filename, type);
}

enum folio_err
form_parse_multipart(struct arena *a, const char *boundary,
    const char *data, size_t len, struct form *f)
{
	char		*delim;
	size_t		 dlen;
	const char	*p, *end = data + len, *hend, *next;
	enum folio_err	 rc;

	memset(f, 0, sizeof(*f));
	if (boundary == NULL || boundary[0] == '\0' ||
	    strlen(boundary) > BOUNDARY_MAX)
		return FOLIO_ERR_INPUT;
	/* "\r\n--boundary": the body starts with it minus the CRLF. */
	delim = arena_printf(a, "\r\n--%s", boundary);
	dlen = strlen(delim);
	if (len < dlen - 2 || memcmp(data, delim + 2, dlen - 2) != 0)
		return FOLIO_ERR_INPUT;
	p = data + dlen - 2;
	for (;;) {
		/* After a delimiter: "--" ends the body, CRLF starts a part. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return FOLIO_OK;	/* epilogue ignored */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return FOLIO_ERR_INPUT;
		p += 2;
		if ((hend = find(p, (size_t)(end - p), "\r\n\r\n", 4)) ==
		    NULL) {
			/* A part with no headers at all is malformed too. */
			return FOLIO_ERR_INPUT;
		}
		if ((next = find(hend + 4, (size_t)(end - hend - 4), delim,
		    dlen)) == NULL)
			return FOLIO_ERR_INPUT;
		rc = add_part(a, f, p, (size_t)(hend - p), hend + 4,
		    (size_t)(next - hend - 4));
		if (rc != FOLIO_OK)
			return rc;
		p = next + dlen;
	}
}

enum folio_err
form_parse(struct arena *a, const char *ct, const char *data, size_t len,
    struct form *f)
{
	const char	*b;

	memset(f, 0, sizeof(*f));
	if (ct == NULL)
		ct = "";
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0 &&
	    (ct[33] == '\0' || ct[33] == ';'))
		return form_parse_urlencoded(a, data, len, f);
	if (strncasecmp(ct, "multipart/form-data", 19) == 0) {
		if ((b = form_boundary(a, ct)) == NULL)
			return FOLIO_ERR_INPUT;
		return form_parse_multipart(a, b, data, len, f);
	}
	return FOLIO_ERR_NOTFOUND;
}

const struct form_field *
form_field(const struct form *f, const char *name)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return &f->fields[i];
	return NULL;
}

const char *
form_get(const struct form *f, const char *name)
{
	const struct form_field	*ff = form_field(f, name);

	/* A file part's bytes were never checked as text: not a value. */
	return ff != NULL && ff->filename == NULL ? ff->value : NULL;
}
