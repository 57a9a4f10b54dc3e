/*
 * admin_settings.c -- the site's settings (admins only): title, tagline,
 * mission, vision, contact e-mail, copyright holder, time zone, posts per
 * page, base URL and the footer links, saved in one transaction.
 * Footer links are edited as lines "Label | URL" so the form needs no
 * script to add or remove one.
 */
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "config.h"
#include "admin.h"
#include "date.h"
#include "db.h"
#include "req.h"
#include "site.h"
#include "tmpl.h"

#define FOOTER_LINKS_MAX	50

static const char sql_update[] =
	"UPDATE site SET title = ?1, tagline = ?2, mission = ?3, vision = ?4, "
	"contact_email = ?5, copyright_holder = ?6, timezone = ?7, "
	"posts_per_page = ?8, base_url = ?9 WHERE id = 1";
static const char sql_links_clear[] = "DELETE FROM footer_link";
static const char sql_link_add[] =
	"INSERT INTO footer_link (position, label, url) VALUES (?1, ?2, ?3)";

static const char *const text_fields[] = {
	"title", "tagline", "mission", "vision", "contact_email",
	"copyright_holder", "timezone", "posts_per_page", "base_url",
	"footer_links",
};

static int
email_ok(const char *s)
{
	const char	*at = strchr(s, '@');

	return *s == '\0' || (at != NULL && at != s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL && strchr(at + 1, '.') != NULL &&
	    strcspn(s, " \t\r\n<>\"'(),;:\\[]") == strlen(s) &&
	    strlen(s) <= 254);
}

static int
url_ok(const char *u, int site_paths)
{
	size_t	 i;

	if (strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0 &&
	    strncmp(u, "mailto:", 7) != 0 &&
	    !(site_paths && u[0] == '/' && u[1] != '/' && u[1] != '\\'))
		return 0;
	for (i = 0; u[i] != '\0'; i++)
		if ((unsigned char)u[i] <= 0x20 || u[i] == '"' ||
		    u[i] == '<' || u[i] == '>' || u[i] == 0x7f)
			return 0;
	return i <= 2000;
}

/* Parse "Label | URL" lines into labels/urls; -1 with a message if bad. */
static int
links_parse(struct admin *a, const char *text, const char **labels,
    const char **urls, size_t *n)
{
	char	*copy = arena_strdup(a->r->arena, text), *line, *next, *bar;

	*n = 0;
	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line = str_trim(line);
		if (*line == '\0')
			continue;
		if ((bar = strrchr(line, '|')) == NULL || *n ==
		    FOOTER_LINKS_MAX) {
			admin_field_error(a, "footer_links", "Write one link a "
			    "line as: Label | https://example.org/page "
			    "(at most 50).");
			return -1;
		}
		*bar = '\0';
		labels[*n] = str_trim(line);
		urls[*n] = str_trim(bar + 1);
		if (*labels[*n] == '\0' || utf8_chars(labels[*n]) > 200 ||
		    !url_ok(urls[*n], 1)) {
			admin_field_error(a, "footer_links", arena_printf(
			    a->r->arena, "Line \"%s\": give a label and an "
			    "address starting with https://, http://, "
			    "mailto: or /.", labels[*n]));
			return -1;
		}
		(*n)++;
	}
	return 0;
}

/* Set in folio.conf, which wins over what this page saves. */
static int
fixed(enum config_key k)
{
	return config_current()->value[k][0] != '\0';
}

static void
form_vars(struct admin *a, int from_input)
{
	const struct site	*s = a->r->site;
	struct buf		 b = BUF_INIT;
	size_t			 i;

	if (from_input) {
		for (i = 0; i < sizeof(text_fields) / sizeof(*text_fields);
		    i++)
			tvars_set(a->r->vars, text_fields[i],
			    admin_input(a, text_fields[i]));
	} else {
		tvars_set(a->r->vars, "title", s->title);
		tvars_set(a->r->vars, "tagline", s->tagline);
		tvars_set(a->r->vars, "mission", s->mission);
		tvars_set(a->r->vars, "vision", s->vision);
		tvars_set(a->r->vars, "contact_email", s->contact_email);
		tvars_set(a->r->vars, "copyright_holder", s->copyright_holder);
		tvars_set(a->r->vars, "timezone", s->timezone);
		tvars_set_int(a->r->vars, "posts_per_page", s->posts_per_page);
		tvars_set(a->r->vars, "base_url", s->base_url);
		for (i = 0; i < s->nfooter; i++)
			buf_printf(&b, "%s | %s\n", s->footer[i].label,
			    s->footer[i].url);
		tvars_set(a->r->vars, "footer_links",
		    arena_strdup(a->r->arena, b.data ? b.data : ""));
		buf_free(&b);
	}
	/* Fixed by folio.conf: show what is in effect, keep it as it is. */
	if (fixed(CONF_TIMEZONE)) {
		tvars_set(a->r->vars, "timezone_fixed", "1");
		tvars_set(a->r->vars, "timezone", s->timezone);
	}
	if (fixed(CONF_BASE_URL)) {
		tvars_set(a->r->vars, "base_url_fixed", "1");
		tvars_set(a->r->vars, "base_url", s->base_url);
	}
	a->tmpl = AT_SETTINGS;
}

void
admin_settings(struct admin *a)
{
	struct req	*r = a->r;
	const char	*labels[FOOTER_LINKS_MAX], *urls[FOOTER_LINKS_MAX];
	const char	*tz, *ppp, *base;
	sqlite3_stmt	*st;
	size_t		 nlinks = 0, i;
	long		 per_page = 0;
	char		*end;
	int		 bad = 0;

	if (admin_require(a, ROLE_ADMIN) != 0)
		return;
	if (a->method != AM_POST) {
		form_vars(a, 0);
		if (strcmp(admin_qs(a, "saved"), "1") == 0)
			tvars_set(r->vars, "message", "Saved.");
		return;
	}
	if (*admin_input(a, "title") == '\0' ||
	    utf8_chars(admin_input(a, "title")) > 200) {
		admin_field_error(a, "title", "Give a title of 1 to 200 "
		    "characters.");
		bad = 1;
	}
	if (utf8_chars(admin_input(a, "tagline")) > 300) {
		admin_field_error(a, "tagline", "At most 300 characters.");
		bad = 1;
	}
	if (utf8_chars(admin_input(a, "mission")) > 2000) {
		admin_field_error(a, "mission", "At most 2000 characters.");
		bad = 1;
	}
	if (utf8_chars(admin_input(a, "vision")) > 2000) {
		admin_field_error(a, "vision", "At most 2000 characters.");
		bad = 1;
	}
	if (!email_ok(admin_input(a, "contact_email"))) {
		admin_field_error(a, "contact_email", "Give an address such as "
		    "office@example.org, or leave it empty.");
		bad = 1;
	}
	if (utf8_chars(admin_input(a, "copyright_holder")) > 200) {
		admin_field_error(a, "copyright_holder", "At most 200 "
		    "characters.");
		bad = 1;
	}
	/* Trying the zone switches it; the site's own is put back. */
	tz = fixed(CONF_TIMEZONE) ? r->site->stored_timezone :
	    admin_input(a, "timezone");
	if (!fixed(CONF_TIMEZONE) && (strlen(tz) > 64 ||
	    date_set_zone(tz) != 0)) {
		admin_field_error(a, "timezone", "Give a time zone name such "
		    "as Europe/Paris or America/New_York.");
		bad = 1;
	}
	(void)date_set_zone(r->site->timezone);
	ppp = admin_input(a, "posts_per_page");
	per_page = strtol(ppp, &end, 10);
	if (*ppp == '\0' || *end != '\0' || per_page < 1 || per_page > 100) {
		admin_field_error(a, "posts_per_page", "Give a number from 1 "
		    "to 100.");
		bad = 1;
	}
	base = fixed(CONF_BASE_URL) ? r->site->stored_base_url :
	    admin_input(a, "base_url");
	if (!fixed(CONF_BASE_URL) && *base != '\0' && (!url_ok(base, 0) ||
	    strncmp(base, "mailto:", 7) == 0 ||
	    base[strlen(base) - 1] == '/' ||
	    strchr(strchr(base, ':') + 3, '/') != NULL)) {
		admin_field_error(a, "base_url", "Give the site's address "
		    "without a path or final slash, such as "
		    "https://example.org, or leave it empty.");
		bad = 1;
	}
	if (links_parse(a, admin_input(a, "footer_links"), labels, urls,
	    &nlinks) != 0)
		bad = 1;
	if (bad) {
		r->status = 400;
		tvars_set(r->vars, "error_summary", "The settings were not "
		    "saved: please correct the fields marked below.");
		form_vars(a, 1);
		return;
	}

	if (db_begin(r->db) != FOLIO_OK)
		goto fail;
	st = db_stmt(r->db, sql_update);
	if (!db_bind_text(st, 1, admin_input(a, "title")) ||
	    !db_bind_text(st, 2, admin_input(a, "tagline")) ||
	    !db_bind_text(st, 3, admin_input(a, "mission")) ||
	    !db_bind_text(st, 4, admin_input(a, "vision")) ||
	    !db_bind_text(st, 5, admin_input(a, "contact_email")) ||
	    !db_bind_text(st, 6, admin_input(a, "copyright_holder")) ||
	    !db_bind_text(st, 7, tz) || !db_bind_int(st, 8, per_page) ||
	    !db_bind_text(st, 9, base)) {
		db_done(st);
		goto fail;
	}
	if (db_run(a->r->db, st, "settings") != 0 ||
	    db_run(a->r->db, db_stmt(r->db, sql_links_clear), "links") != 0)
		goto fail;
	for (i = 0; i < nlinks; i++) {
		st = db_stmt(r->db, sql_link_add);
		if (!db_bind_int(st, 1, (int64_t)i) ||
		    !db_bind_text(st, 2, labels[i]) ||
		    !db_bind_text(st, 3, urls[i])) {
			db_done(st);
			goto fail;
		}
		if (db_run(a->r->db, st, "link") != 0)
			goto fail;
	}
	if (db_commit(r->db) != FOLIO_OK)
		goto fail;
	admin_redirect(a, "/admin/settings/?saved=1");
	return;
fail:
	db_rollback(r->db);
	admin_error(a, 500, "The settings could not be saved; nothing was "
	    "changed.");
}
