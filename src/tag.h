/*
 * tag.h -- tags: a tag's page at /tag/slug/ and the tags a post shows
 * (public, read-only), and the tags an author types in the editor (the
 * admin writes them). Unlike categories they are not kept in the site
 * cache: an imported site may have thousands, and a request needs one,
 * or one page's few.
 */
#ifndef TAG_H
#define TAG_H

#include <stddef.h>
#include <stdint.h>

#include "folio.h"

struct arena;
struct req;
struct tvars;

#define TAG_NAME_MAX	60	/* characters (not bytes) in a tag's name */
#define TAG_POST_MAX	20	/* distinct tags on one post */

struct tag {
	int64_t		 id;
	const char	*slug;
	const char	*name;		/* plain text, escape on output */
	const char	*description;	/* plain text */
	const char	*url;		/* /tag/slug/ */
};

/*
 * SQL: a stored tag name as tag_names_parse() would read it back, spaces
 * around it dropped and each run of spaces inside made one (six halvings
 * cover runs of up to 64), so that a name imported as "Harbor  Ferries"
 * matches what the editor shows and sends back, "Harbor Ferries".
 */
#define TAG_NAME_SQL(col) \
	"replace(replace(replace(replace(replace(replace(trim(" col "), " \
	"'  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), " \
	"'  ', ' ')"

/* Why tag_names_parse() refused a list. */
enum tag_parse {
	TAG_PARSE_OK,
	TAG_PARSE_CONTROL,	/* a control character (tab, newline, ...) */
	TAG_PARSE_LONG,		/* a name over TAG_NAME_MAX characters */
	TAG_PARSE_MANY,		/* over TAG_POST_MAX distinct names */
	TAG_PARSE__MAX,
};

/*
 * Fill t, in the request arena, from the tag with this slug. Returns
 * FOLIO_ERR_NOTFOUND for none, FOLIO_ERR_DB (logged) on failure.
 */
enum folio_err	 tag_by_slug(struct req *, const char *slug, struct tag *);

/* The post_tags loop (name, url) of a post, by name; nothing if none. */
enum folio_err	 tag_post_vars(struct req *, struct tvars *,
		    int64_t post_id);

/*
 * The post_tags loop of each of n posts of a list page, in one query:
 * rows[i] is the template row of post ids[i]. n is at most a page.
 */
enum folio_err	 tag_list_vars(struct req *, const int64_t *ids,
		    struct tvars *const *rows, size_t n);

/*
 * Split what an author typed ("Harbor, ferries ,, harbor") into names:
 * commas separate, spaces around a name are dropped and runs of spaces
 * inside it become one, empty names are dropped, and names equal but for
 * ASCII case are one (the first spelling is kept). *names (n of them,
 * at most TAG_POST_MAX) is in the arena, in the order typed. On refusal
 * *names holds what was read before the bad name, and *bad (if not
 * NULL) points into "list" at it.
 */
enum tag_parse	 tag_names_parse(struct arena *, const char *list,
		    const char ***names, size_t *n, const char **bad);

/* A sentence for the editor saying what tag_names_parse() refused. */
const char	*tag_parse_message(enum tag_parse);

/*
 * The post's tag names as the editor shows them, "a, b", by name; "" if
 * none. NULL (logged) on a database error. The editor saves a field
 * sent back unchanged as no change. XXX An imported name holding a comma
 * reads back as two names once the field is edited; the Tags screen,
 * which refuses commas, is where to rename it first.
 */
const char	*tag_post_names(struct req *, int64_t post_id);

/*
 * Make the post's tags exactly "names" (from tag_names_parse): a name
 * that matches an existing tag's, ignoring ASCII case, is that tag; any
 * other becomes a new tag whose slug is made from the name, with "-2",
 * "-3"... when another tag has it. The caller holds a transaction around
 * this and the post's own write, so a failure leaves nothing half done.
 * Returns FOLIO_ERR_DB (logged) on failure.
 */
enum folio_err	 tag_post_store(struct req *, int64_t post_id,
		    const char *const *names, size_t n);

/*
 * The post_tags loop for a preview of names not saved yet: existing
 * tags with their own name and link, new ones with the link they would
 * get. By name, like tag_post_vars().
 */
enum folio_err	 tag_names_vars(struct req *, struct tvars *,
		    const char *const *names, size_t n);

#endif /* TAG_H */
