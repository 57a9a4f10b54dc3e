/*
 * search.c -- the two places where visitor text meets search: building
 * the FTS5 query (quoting every word, so FTS5 syntax in the input is just
 * text) and writing highlighted results (escaping everything, so nothing
 * in a post or a query becomes markup); the text the writers store for
 * the index to hold (search_text, the C twin of schema.sql's post_text
 * and page_text views), and the rebuild of both indexes.
 */
#include <limits.h>
#include <string.h>

#include "folio.h"
#include "db.h"
#include "search.h"
#include "visible.h"

/*
 * The same view the schema's triggers use: one idea of "text" (the
 * writer's body_text, else body_html stripped in SQL). New search
 * results are a content change: the generation moves, so no worker
 * keeps serving a search page cached from the old index.
 */
static const char sql_reindex[] =
	"DELETE FROM post_fts;"
	"INSERT INTO post_fts (rowid, title, body) "
	"SELECT id, title, body FROM post_search_text "
	"WHERE id IN (SELECT id FROM post WHERE " SQL_POST_PUBLISHED("") ");"
	"INSERT INTO post_fts (post_fts) VALUES ('optimize');"
	"DELETE FROM page_fts;"
	"INSERT INTO page_fts (rowid, title, body) "
	"SELECT id, title, body FROM page_search_text "
	"WHERE id IN (SELECT id FROM page WHERE " SQL_PAGE_PUBLISHED("") ");"
	"INSERT INTO page_fts (page_fts) VALUES ('optimize');"
	"UPDATE generation SET n = n + 1 WHERE id = 1;";
/*
 * Text missing from body_text (a post or page from before migration 5
 * or 7, a foreign writer's, or one the defect that migration 6 fixed
 * dropped): made in C, staged, and stored by one UPDATE per table, so
 * the triggers' index work happens in one statement, not one per row.
 */
static const char sql_fill_create[] =
	"CREATE TEMP TABLE search_fill (id INTEGER PRIMARY KEY, "
	"body_text TEXT NOT NULL)";
static const char sql_fill_drop[] = "DROP TABLE temp.search_fill";
static const char sql_fill_clear[] = "DELETE FROM temp.search_fill";
static const char sql_fill_put[] =
	"INSERT INTO temp.search_fill (id, body_text) VALUES (?1, ?2)";
static const char sql_fill_posts[] =
	"SELECT id, body_html FROM post WHERE body_text IS NULL";
static const char sql_fill_post_update[] =
	"UPDATE post SET body_text = f.body_text FROM temp.search_fill f "
	"WHERE post.id = f.id";
static const char sql_fill_pages[] =
	"SELECT id, body_html FROM page WHERE body_text IS NULL";
static const char sql_fill_page_update[] =
	"UPDATE page SET body_text = f.body_text FROM temp.search_fill f "
	"WHERE page.id = f.id";
static const char sql_indexed[] =
	"SELECT (SELECT count(*) FROM post_fts), "
	"(SELECT count(*) FROM page_fts)";

/*
 * What search_text() shares with schema.sql's post_text_tagless and
 * post_text views: the tags that vanish without a space, and the
 * entities decoded (each begins with its only '&', so decoding them in
 * one pass equals the view's chain of replace()).
 */
static const char search_inline[] = " a abbr b bdi bdo cite code data dfn "
	"em i kbd mark q s samp small span strong sub sup time u var wbr ";
static const struct {
	const char	*from;
	const char	*to;
} search_entities[] = {
	{ "&nbsp;", " " },	{ "&#160;", " " },
	{ "&lt;", "<" },	{ "&gt;", ">" },
	{ "&quot;", "\"" },	{ "&#39;", "'" },
	{ "&#039;", "'" },	{ "&rsquo;", "\xe2\x80\x99" },
	{ "&lsquo;", "\xe2\x80\x98" }, { "&ldquo;", "\xe2\x80\x9c" },
	{ "&rdquo;", "\xe2\x80\x9d" }, { "&amp;", "&" },
};
#define SEARCH_NENTITIES \
	(sizeof(search_entities) / sizeof(search_entities[0]))
#define SEARCH_TAG_CHARS	12	/* the view's substr(rest, 2, 12) */

/*
 * Whether the tag whose name starts at s (just after its '<') is an
 * inline one, judged as the view does: from the first 12 characters
 * (SQLite's count: a byte below 0xc0, or one with its continuation
 * bytes), leading '/' dropped, up to '>', ' ', '/', tab or newline,
 * ASCII lowercased.
 */
static int
search_tag_inline(const unsigned char *s)
{
	const unsigned char	*end = s, *name;
	char			 word[16];
	size_t			 n, len;

	for (n = 0; n < SEARCH_TAG_CHARS && *end != '\0'; n++)
		if (*end++ >= 0xc0)
			while ((*end & 0xc0) == 0x80)
				end++;
	while (s < end && *s == '/')
		s++;
	for (name = s; s < end && *s != '>' && *s != ' ' && *s != '/' &&
	    *s != '\t' && *s != '\n'; s++)
		;
	len = (size_t)(s - name);
	if (len == 0 || len > sizeof(word) - 3)
		return 0;
	word[0] = ' ';
	for (n = 0; n < len; n++)
		word[n + 1] = name[n] >= 'A' && name[n] <= 'Z' ?
		    (char)(name[n] - 'A' + 'a') : (char)name[n];
	word[len + 1] = ' ';
	word[len + 2] = '\0';
	return strstr(search_inline, word) != NULL;
}

void
search_text(struct buf *out, const char *html)
{
	const char	*p = html, *lt, *gt;
	size_t		 start = out->len, i, j, k, len;

	buf_append(out, "", 0);
	/* Tags out: inline ones leave nothing, others a space; an
	 * unclosed '<' ends the text. */
	while (*p != '\0') {
		if (*p != '<') {
			if ((lt = strchr(p, '<')) == NULL)
				lt = p + strlen(p);
			buf_append(out, p, (size_t)(lt - p));
			p = lt;
			continue;
		}
		if ((gt = strchr(p, '>')) == NULL)
			break;
		if (!search_tag_inline((const unsigned char *)p + 1))
			buf_putc(out, ' ');
		p = gt + 1;
	}
	/* Entities, in place: each replacement is shorter than its name. */
	for (i = j = start; i < out->len; ) {
		k = SEARCH_NENTITIES;
		if (out->data[i] == '&')
			for (k = 0; k < SEARCH_NENTITIES; k++) {
				len = strlen(search_entities[k].from);
				if (strncmp(out->data + i,
				    search_entities[k].from, len) == 0)
					break;
			}
		if (k == SEARCH_NENTITIES) {
			out->data[j++] = out->data[i++];
			continue;
		}
		i += strlen(search_entities[k].from);
		len = strlen(search_entities[k].to);
		memcpy(out->data + j, search_entities[k].to, len);
		j += len;
	}
	out->len = j;
	out->data[j] = '\0';
}

char *
search_text_arena(struct arena *a, const char *html)
{
	struct buf	 b = BUF_INIT;
	char		*s;

	search_text(&b, html);
	s = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return s;
}

static int
word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') ||
	    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int
search_fts_query(struct arena *a, const char *input, const char **fts,
    int *dropped)
{
	const unsigned char	*p = (const unsigned char *)input;
	struct buf		 b = BUF_INIT;
	size_t			 start, len;
	int			 n = 0;

	*dropped = 0;
	while (*p != '\0') {
		if (!word_byte(*p)) {
			p++;
			continue;
		}
		for (len = 0; word_byte(p[len]); len++)
			;
		start = 0;
		if (n == SEARCH_TERMS_MAX) {
			*dropped = 1;
			break;
		}
		/* A long word is cut, at a character boundary. */
		if (len > SEARCH_TERM_MAX) {
			start = SEARCH_TERM_MAX;
			while (start > 0 && (p[start] & 0xc0) == 0x80)
				start--;
		} else
			start = len;
		if (n > 0)
			buf_putc(&b, ' ');
		/* Words hold no '"' (not a word byte): quoting is enough. */
		buf_putc(&b, '"');
		buf_append(&b, p, start);
		buf_putc(&b, '"');
		n++;
		p += len;
	}
	*fts = arena_strdup(a, b.data != NULL ? b.data : "");
	buf_free(&b);
	return n;
}

void
search_mark_html(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 run;
	int			 open = 0;

	while (*p != '\0') {
		for (run = 0; p[run] >= 0x20 || p[run] == '\t' ||
		    p[run] == '\n'; run++)
			;
		html_text(b, (const char *)p, run);
		p += run;
		if (*p == '\0')
			break;
		if (*p == SEARCH_MARK_OPEN[0] && !open) {
			buf_puts(b, "<mark>");
			open = 1;
		} else if (*p == SEARCH_MARK_CLOSE[0] && open) {
			buf_puts(b, "</mark>");
			open = 0;
		}
		p++;
	}
	if (open)
		buf_puts(b, "</mark>");
}

/*
 * Store search_text() of body_html as body_text wherever it is NULL, in
 * the rows "sql_select" finds, by "sql_update". -1 on failure (the
 * caller logs and rolls back).
 */
static int
search_fill(sqlite3 *db, const char *sql_select, const char *sql_update)
{
	sqlite3_stmt	*sel = NULL, *put = NULL;
	struct buf	 text = BUF_INIT;
	const char	*html;
	int		 step = SQLITE_ERROR, rc = -1;

	if (sqlite3_exec(db, sql_fill_clear, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_select, -1, &sel, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_fill_put, -1, &put, NULL) != SQLITE_OK)
		goto out;
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		if ((html = (const char *)sqlite3_column_text(sel, 1)) == NULL)
			html = "";
		buf_reset(&text);
		search_text(&text, html);
		if (text.len > INT_MAX ||
		    sqlite3_bind_int64(put, 1, sqlite3_column_int64(sel, 0)) !=
		    SQLITE_OK ||
		    sqlite3_bind_text(put, 2, text.data, (int)text.len,
		    SQLITE_STATIC) != SQLITE_OK ||
		    sqlite3_step(put) != SQLITE_DONE ||
		    sqlite3_reset(put) != SQLITE_OK)
			goto out;
	}
	if (step == SQLITE_DONE && sqlite3_exec(db, sql_update, NULL, NULL,
	    NULL) == SQLITE_OK)
		rc = 0;
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(put);
	buf_free(&text);
	return rc;
}

enum folio_err
search_reindex(sqlite3 *db, long *nposts, long *npages)
{
	sqlite3_stmt	*st = NULL;

	*nposts = *npages = 0;
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		db_log(db, "reindex");
		return FOLIO_ERR_DB;
	}
	if (sqlite3_exec(db, sql_fill_create, NULL, NULL, NULL) != SQLITE_OK ||
	    search_fill(db, sql_fill_posts, sql_fill_post_update) != 0 ||
	    search_fill(db, sql_fill_pages, sql_fill_page_update) != 0 ||
	    sqlite3_exec(db, sql_fill_drop, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, sql_reindex, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_indexed, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		db_log(db, "reindex");
		sqlite3_finalize(st);
		if (sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
			db_log(db, "rollback");
		return FOLIO_ERR_DB;
	}
	*nposts = (long)sqlite3_column_int64(st, 0);
	*npages = (long)sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_log(db, "reindex commit");
		if (sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
			db_log(db, "rollback");
		return FOLIO_ERR_DB;
	}
	return FOLIO_OK;
}
