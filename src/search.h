/*
 * search.h -- turning what a visitor typed into a safe SQLite FTS5 query,
 * and FTS5's highlighted text into safe HTML (page_search.c runs the
 * query), the text of a post or page body that the writers store for
 * the index (post.body_text, page.body_text), and rebuilding the indexes
 * (`folio reindex`).
 */
#ifndef SEARCH_H
#define SEARCH_H

#include <sqlite3.h>

#include "folio.h"
#include "visible.h"

struct arena;
struct buf;

#define SEARCH_TERMS_MAX	12	/* words used; the rest are ignored */
#define SEARCH_TERM_MAX		64	/* bytes of one word */

/*
 * Where a search's posts come from (?1 the FTS5 query, ?2 now), for
 * page_search.c. CROSS JOIN makes the match the outer loop: left to
 * itself SQLite 3.40 walked post's index and ran the match once per
 * post, 5 s for a common word at 100,000 posts instead of 0.1 s.
 * Visibility is decided here: the index holds every published post.
 */
#define SEARCH_FROM "FROM post_fts CROSS JOIN post p " \
	"ON p.id = post_fts.rowid " \
	"WHERE post_fts MATCH ?1 AND " SQL_POST_VISIBLE("p.", "?2") " "

/*
 * A page's path, "about/team" (url_page() makes its URL), made walking
 * up from page g, or NULL when an ancestor is not published: the path
 * page_page.c resolves one published segment at a time. Pages are few;
 * this runs once or twice per matching page, never per post.
 */
#define SEARCH_PAGE_PATH SQL_PAGE_VISIBLE_PATH("g")

/*
 * Where a search's pages come from (?1 the FTS5 query): as SEARCH_FROM,
 * the match first, each hit then finds its page by id. The index holds
 * every published page; one below an unpublished page has no path.
 */
#define SEARCH_PAGE_FROM "FROM page_fts CROSS JOIN page g " \
	"ON g.id = page_fts.rowid " \
	"WHERE page_fts MATCH ?1 AND " SQL_PAGE_PUBLISHED("g.") " " \
	"AND " SEARCH_PAGE_PATH " IS NOT NULL "

/* What snippet() and highlight() put around matches (page_search.c). */
#define SEARCH_MARK_OPEN	"\x02"
#define SEARCH_MARK_CLOSE	"\x03"

/*
 * Make an FTS5 query from free text: words are runs of letters and
 * digits (any non-ASCII byte counts as a letter), each is quoted as an
 * FTS5 string so no operator, column filter or quote survives, and all
 * must match. Returns the number of words used (0: nothing searchable,
 * *fts is ""); *dropped says whether words past the limit were ignored.
 */
int	 search_fts_query(struct arena *, const char *input,
	    const char **fts, int *dropped);

/*
 * Append s HTML-escaped, with SEARCH_MARK_OPEN/CLOSE as <mark></mark>.
 * Marks are balanced whatever s holds; other control characters vanish.
 */
void	 search_mark_html(struct buf *, const char *s);

/*
 * Append the text of a post or page body to index: body_html with its
 * tags and the common entities out, exactly as schema.sql's post_text
 * and page_text views make it, so that a writer can store it in
 * post.body_text or page.body_text and the triggers
 * need not strip tags in SQL. Inline tags (a, em, ...) vanish, any other
 * becomes a space; an unclosed '<' ends the text. out->data is non-NULL
 * afterwards, "" for a body without text.
 */
void	 search_text(struct buf *, const char *html);
/* The same, as a string in the arena. */
char	*search_text_arena(struct arena *, const char *html);

/*
 * Rebuild post_fts and page_fts from the posts and pages, in one
 * transaction, on a writable connection: for an index damaged or made
 * before the triggers. First every NULL body_text gets search_text()
 * of its body_html, so later edits and rebuilds skip the SQL strip.
 * The numbers of posts and pages indexed go to *nposts and *npages.
 * FOLIO_ERR_DB (logged) on failure, with nothing changed.
 */
enum folio_err	 search_reindex(sqlite3 *, long *nposts, long *npages);

#endif /* SEARCH_H */
