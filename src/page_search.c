/*
 * page_search.c -- /?s=words and /page/N/?s=words, WordPress's search
 * URLs: published pages, then published posts, each ranked by bm25 over
 * its index (page_fts, post_fts; title weighted above body), with
 * highlighted titles and snippets. Any input gets a page: unreadable
 * input a 400 that says so, nothing searchable or nothing found a 200
 * with advice; never a 500 for what was typed.
 *
 * Pages come first rather than ranked among the posts: a page is the
 * site's standing answer (About, Contact, opening hours), the one a
 * visitor who searches "contact" is after, and pages are few, so they
 * cost a line or two above the posts. Ranking them together would also
 * compare bm25 scores of two indexes of very different sizes: a word's
 * weight (IDF) among a handful of pages says little, so pages would
 * float or sink at random among thousands of posts.
 */
#include <string.h>

#include "folio.h"
#include "db.h"
#include "page.h"
#include "post.h"
#include "query.h"
#include "req.h"
#include "search.h"
#include "site.h"
#include "tmpl.h"
#include "url.h"

#define SEARCH_SHOWN_MAX	80	/* bytes of the query in the title */

/* bm25 weights: a word in the title counts five times one in the body. */
static const char sql_search[] =
	"SELECT p.id, p.slug, p.title, p.excerpt, p.published_at, "
	"p.author_id, highlight(post_fts, 0, char(2), char(3)), "
	"trim(snippet(post_fts, 1, char(2), char(3), '\xe2\x80\xa6', 40)) "
	SEARCH_FROM "ORDER BY bm25(post_fts, 5.0, 1.0), p.published_at DESC "
	"LIMIT ?3 OFFSET ?4";
static const char sql_search_count[] =
	"SELECT count(*) " SEARCH_FROM;
/* ?1 the FTS5 query, ?3 limit, ?4 offset; the same weights. */
static const char sql_search_pages[] =
	"SELECT " SEARCH_PAGE_PATH ", highlight(page_fts, 0, char(2), char(3)), "
	"trim(snippet(page_fts, 1, char(2), char(3), '\xe2\x80\xa6', 40)) "
	SEARCH_PAGE_FROM "ORDER BY bm25(page_fts, 5.0, 1.0), g.id "
	"LIMIT ?3 OFFSET ?4";
static const char sql_search_pages_count[] =
	"SELECT count(*) " SEARCH_PAGE_FROM;

static const char *
marked(struct req *r, sqlite3_stmt *st, int col)
{
	struct buf	 b = BUF_INIT;
	const char	*s;

	search_mark_html(&b, db_text(r->arena, st, col));
	s = arena_strdup(r->arena, b.data != NULL ? b.data : "");
	buf_free(&b);
	return s;
}

/* The query for titles and headings: long ones end in an ellipsis. */
static const char *
shown_query(struct req *r, const char *q)
{
	size_t	 len = strlen(q);

	if (len <= SEARCH_SHOWN_MAX)
		return q;
	len = SEARCH_SHOWN_MAX;
	while (len > 0 && ((unsigned char)q[len] & 0xc0) == 0x80)
		len--;
	return arena_printf(r->arena, "%.*s\xe2\x80\xa6", (int)len, q);
}

/* ?1 the FTS5 query, ?2 now (posts only), ?3 limit and ?4 offset. */
static int
bind_search(struct req *r, sqlite3_stmt *st, const char *fts, long limit,
    long offset)
{
	if (sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	if (sqlite3_bind_parameter_index(st, "?2") != 0 &&
	    sqlite3_bind_int64(st, 2, (sqlite3_int64)r->now) != SQLITE_OK)
		return -1;
	if (sqlite3_bind_parameter_count(st) >= 4 &&
	    (sqlite3_bind_int64(st, 3, limit) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, offset) != SQLITE_OK))
		return -1;
	return 0;
}

/* The number of hits of sql, sql_search_count or sql_search_pages_count. */
static enum folio_err
search_count(struct req *r, const char *sql, const char *fts, long *total)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql);
	enum folio_err	 rc = FOLIO_ERR_DB;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (bind_search(r, st, fts, 0, 0) == 0 &&
	    sqlite3_step(st) == SQLITE_ROW) {
		*total = (long)sqlite3_column_int64(st, 0);
		rc = FOLIO_OK;
	} else
		db_log(r->db, "search count");
	db_done(st);
	return rc;
}

/*
 * Add up to "limit" matching pages from the "offset"th on to the results;
 * their number goes to *n. No date or byline: a page has none to show.
 */
static enum folio_err
search_page_rows(struct req *r, const char *fts, long limit, long offset,
    long *n)
{
	sqlite3_stmt	*st = db_stmt(r->db, sql_search_pages);
	struct tvars	*row;
	int		 step;

	*n = 0;
	if (st == NULL)
		return FOLIO_ERR_DB;
	if (bind_search(r, st, fts, limit, offset) != 0) {
		db_log(r->db, "search pages bind");
		db_done(st);
		return FOLIO_ERR_DB;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		row = tvars_add_row(r->vars, "results");
		tvars_set(row, "result_page", "1");
		tvars_set(row, "url", url_page(r->arena,
		    db_text(r->arena, st, 0)));
		tvars_set(row, "title_html", marked(r, st, 1));
		tvars_set(row, "snippet_html", marked(r, st, 2));
		(*n)++;
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "search pages");
		return FOLIO_ERR_DB;
	}
	return FOLIO_OK;
}

/* Add up to "limit" matching posts from the "offset"th on. */
static enum folio_err
search_rows(struct req *r, const char *fts, long limit, long offset)
{
	sqlite3_stmt		*st = db_stmt(r->db, sql_search);
	struct post_summary	 p;
	struct tvars		*row;
	int			 step;

	if (st == NULL)
		return FOLIO_ERR_DB;
	if (bind_search(r, st, fts, limit, offset) != 0) {
		db_log(r->db, "search bind");
		db_done(st);
		return FOLIO_ERR_DB;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		post_summary_read(r, st, &p);
		row = tvars_add_row(r->vars, "results");
		post_summary_vars(r, row, &p);
		tvars_set(row, "title_html", marked(r, st, 6));
		tvars_set(row, "snippet_html", marked(r, st, 7));
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(r->db, "search");
		return FOLIO_ERR_DB;
	}
	return FOLIO_OK;
}

enum folio_err
page_search(struct req *r)
{
	const char	*q, *fts;
	long		 per = r->site->posts_per_page, total = 0, pages;
	long		 npages = 0, nposts = 0, offset, shown = 0;
	int		 nwords, dropped;
	enum folio_err	 rc;

	r->tmpl = TMPL_SEARCH;
	r->title = "Search";
	r->description = "";
	if (query_get(r->arena, r->query, "s", &q) != FOLIO_OK) {
		r->status = 400;
		r->search_query = "";
		tvars_set(r->vars, "search_message", "The search could not "
		    "be read: it was not valid text. Please type it again.");
		return FOLIO_OK;
	}
	r->search_query = q;
	nwords = search_fts_query(r->arena, q, &fts, &dropped);
	if (nwords == 0) {
		/* One URL for "nothing to search": no page 2 of it. */
		if (r->page_no > 1)
			return FOLIO_ERR_NOTFOUND;
		r->current_url = url_search(r->arena, q, 1);
		tvars_set(r->vars, "search_message", q[0] == '\0' ?
		    "Type a word or two to search the site." :
		    "Search for words: letters and digits. Punctuation on "
		    "its own finds nothing.");
		return FOLIO_OK;
	}
	if ((rc = search_count(r, sql_search_pages_count, fts, &npages)) !=
	    FOLIO_OK ||
	    (rc = search_count(r, sql_search_count, fts, &nposts)) != FOLIO_OK)
		return rc;
	total = npages + nposts;
	pages = total > 0 ? (total + per - 1) / per : 1;
	if (r->page_no > pages)
		return FOLIO_ERR_NOTFOUND;
	/* One list, pages then posts: this page's share of each. */
	offset = (r->page_no - 1) * per;
	if (offset < npages &&
	    (rc = search_page_rows(r, fts, per, offset, &shown)) != FOLIO_OK)
		return rc;
	if (shown < per && (rc = search_rows(r, fts, per - shown,
	    offset > npages ? offset - npages : 0)) != FOLIO_OK)
		return rc;

	r->title = arena_printf(r->arena, "Search results for \xe2\x80\x9c%s"
	    "\xe2\x80\x9d", shown_query(r, q));
	if (r->page_no > 1)
		r->title = arena_printf(r->arena, "%s (page %ld)", r->title,
		    r->page_no);
	r->current_url = url_search(r->arena, q, r->page_no);
	tvars_set(r->vars, "heading", r->title);
	tvars_set_int(r->vars, "result_count", total);
	tvars_set(r->vars, "result_plural", total == 1 ? "" : "s");
	if (total == 0)
		tvars_set(r->vars, "search_message", "No posts or pages "
		    "match all of these words. Try fewer words, other "
		    "spellings, or browse the categories and archives.");
	if (dropped)
		tvars_set(r->vars, "search_note", "Only the first words of "
		    "this long search were used.");
	tvars_set_int(r->vars, "page_number", r->page_no);
	tvars_set_int(r->vars, "page_count", pages);
	if (r->page_no > 1)
		tvars_set(r->vars, "newer_url", url_search(r->arena, q,
		    r->page_no - 1));
	if (r->page_no < pages)
		tvars_set(r->vars, "older_url", url_search(r->arena, q,
		    r->page_no + 1));
	return FOLIO_OK;
}
