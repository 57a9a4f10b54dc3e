/*
 * search.c -- the two places where visitor text meets search: building
 * the FTS5 query (quoting every word, so FTS5 syntax in the input is just
 * text) and writing highlighted results (escaping everything, so nothing
 * in a post or a query becomes markup), and the index rebuild.
 */
#include <string.h>

#include "folio.h"
#include "db.h"
#include "search.h"

/* The same view the schema's triggers use: one idea of "text". */
static const char sql_reindex[] =
	"DELETE FROM post_fts;"
	"INSERT INTO post_fts (rowid, title, body) "
	"SELECT id, title, body FROM post_text "
	"WHERE id IN (SELECT id FROM post WHERE status = 'published');"
	"INSERT INTO post_fts (post_fts) VALUES ('optimize');";
static const char sql_indexed[] = "SELECT count(*) FROM post_fts";

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

enum folio_err
search_reindex(sqlite3 *db, long *n)
{
	sqlite3_stmt	*st = NULL;

	*n = 0;
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		db_log(db, "reindex");
		return FOLIO_ERR_DB;
	}
	if (sqlite3_exec(db, sql_reindex, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_indexed, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		db_log(db, "reindex");
		sqlite3_finalize(st);
		if (sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
			db_log(db, "rollback");
		return FOLIO_ERR_DB;
	}
	*n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_log(db, "reindex commit");
		if (sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
			db_log(db, "rollback");
		return FOLIO_ERR_DB;
	}
	return FOLIO_OK;
}
