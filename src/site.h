/*
 * site.h -- what every page shows besides its own content: settings, the
 * menu, sidebar categories and archives, footer links, authors. Built
 * from the database once per content generation and kept in process
 * memory, so a request that changes nothing costs one small query.
 */
#ifndef SITE_H
#define SITE_H

#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "folio.h"

#define MENU_DEPTH	3	/* menu levels the templates show */

struct menu_item {
	const char		*label;
	const char		*url;	/* site path or absolute URL */
	struct menu_item	*children;
	size_t			 nchildren;
};

struct category {
	int64_t			 id;
	int64_t			 parent_id;	/* 0 for none */
	const char		*slug;
	const char		*name;
	const char		*description;
	const char		*url;		/* /category/parent/child/ */
	long			 count;		/* visible posts, own only */
	long			 total;		/* with subcategories' */
};

struct author {
	int64_t			 id;
	const char		*slug;
	const char		*name;
	const char		*url;		/* /author/slug/ */
	long			 count;		/* visible posts */
};

struct archive_month {
	int			 year, month;
	long			 count;
};

struct footer_link {
	const char		*label;
	const char		*url;
};

struct site {
	unsigned long		 build;		/* serial: changes every rebuild */
	long long		 generation;
	time_t			 valid_until;	/* next scheduled post, or max */

	const char		*title, *tagline, *mission, *vision;
	const char		*contact_email, *copyright_holder;
	const char		*timezone, *base_url;	/* in effect */
	/* As stored in the database; folio.conf may fix the ones above. */
	const char		*stored_timezone, *stored_base_url;
	int			 posts_per_page;

	struct menu_item	*menu;
	size_t			 nmenu;
	struct category		*cats;		/* by name */
	size_t			 ncats;
	struct author		*authors;
	size_t			 nauthors;
	struct archive_month	*months;	/* newest first */
	size_t			 nmonths;
	struct footer_link	*footer;
	size_t			 nfooter;
	long			 published;	/* visible posts */

	struct arena		 arena;		/* owns all of the above */
};

/*
 * The site as of now: rebuilt when the content generation moved or a
 * scheduled post came due. NULL (logged) when the database fails.
 */
const struct site	*site_get(sqlite3 *, time_t now);
void			 site_free(void);

const struct category	*site_category(const struct site *, int64_t id);
const struct category	*site_category_slug(const struct site *,
			    const char *slug);
const struct author	*site_author(const struct site *, int64_t id);
const struct author	*site_author_slug(const struct site *,
			    const char *slug);

/* Visible posts in a local year, or a month of it (month 0: the year). */
long			 site_posts_in(const struct site *, int year,
			    int month);

#endif /* SITE_H */
