/*
 * demo_data.h -- the demo site's content, read from the plain files in
 * data/demo/ (FOLIO_DATADIR/data/demo once installed) by demo_data.c and
 * written into a database by demo.c. The files' formats are described in
 * data/demo/README; every reference between them (a page's parent, a
 * topic's author, a menu item's target) is resolved here, so that demo.c
 * only deals with indexes into these arrays.
 */
#ifndef DEMO_DATA_H
#define DEMO_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "folio.h"

#define DEMO_NONE	(-1)	/* no parent, no category */
#define DEMO_NAV_DEPTH	3	/* menu levels */
#define DEMO_RELATED	3	/* a topic's related-category slots */
#define DEMO_POST_CATS	3	/* categories of a hand-written post */

struct demo_list {
	const char	**v;
	size_t		  n;
};

struct demo_link {
	const char	*label;
	const char	*url;
};

struct demo_author {
	const char	*slug;
	const char	*name;
	const char	*email;
	const char	*bio;
	int64_t		 days_ago;	/* joined this many days before now */
};

struct demo_category {
	int		 parent;	/* index, or DEMO_NONE */
	const char	*slug;
	const char	*name;
	const char	*description;
};

/* A page, or a hand-written post: a header and an HTML body. */
struct demo_text {
	int		 parent;	/* pages: index, or DEMO_NONE */
	const char	*slug;
	const char	*title;
	const char	*excerpt;	/* plain text, also the first <p> */
	const char	*rest_html;	/* trusted literal HTML, the rest */
	int		 author;	/* posts: index into authors */
	int		 cats[DEMO_POST_CATS];	/* posts: DEMO_NONE-padded */
};

enum demo_nav_kind {
	NAV_PAGE,
	NAV_CATEGORY,
	NAV_POST,
	NAV_URL
};

struct demo_nav {
	int		 depth;		/* below DEMO_NAV_DEPTH */
	const char	*label;
	enum demo_nav_kind kind;
	int		 ref;		/* index of its page, category, post */
	const char	*url;		/* NAV_URL only */
};

/* The hand-written posts, by the part each plays in the generated site. */
enum demo_fixed {
	FIX_YEAR,		/* the newest post */
	FIX_FIRST_SHIFT,	/* a third of the way through */
	FIX_DRAFT_1,
	FIX_DRAFT_2,
	FIX_SCHEDULED,
	FIX__MAX
};

/* What generated posts of one category are made of. */
struct demo_topic {
	int		 author;		/* the usual one */
	int		 related[DEMO_RELATED];	/* DEMO_NONE-padded */
	unsigned	 weight;		/* relative share of posts */
	const char	*list_head;
	struct demo_list things, titles, openers, details, items;
};

/* The phrase pools of data/demo/phrases.txt. */
enum demo_pool {
	POOL_PLACES,
	POOL_GROUPS,
	POOL_HUBS,
	POOL_PARTNERS,
	POOL_SEASONS,		/* 12, by month */
	POOL_MONTHS,		/* 12 */
	POOL_WEEKDAYS,		/* 7, from Sunday */
	POOL_QUOTES,
	POOL_SPEAKERS,
	POOL_GENERIC,
	POOL_LOGISTICS,
	POOL_HEADINGS,
	POOL_CLOSERS,
	POOL__MAX
};

struct demo_data {
	struct arena		 arena;		/* owns everything below */
	const char		*title, *tagline, *mission, *vision;
	const char		*contact_email, *copyright_holder, *timezone;
	int64_t			 posts_per_page;
	struct demo_link	*footer;
	size_t			 nfooter;
	struct demo_author	*authors;	/* the first writes the pages */
	size_t			 nauthors;
	struct demo_category	*cats;		/* parents first */
	size_t			 ncats;
	struct demo_text	*pages;		/* parents first */
	size_t			 npages;
	struct demo_text	 fixed[FIX__MAX];
	struct demo_nav		*menu;
	size_t			 nmenu;
	struct demo_list	 pool[POOL__MAX];
	struct demo_topic	*topics;	/* one per category, in order */
};

/*
 * Read the demo's files from directory "dir" into "d". On failure logs
 * the file and line at fault, frees what was read and returns
 * FOLIO_ERR_INPUT (FOLIO_ERR_IO for a file that cannot be read).
 */
enum folio_err	 demo_data_load(struct demo_data *d, const char *dir);
void		 demo_data_free(struct demo_data *d);

#endif /* DEMO_DATA_H */
