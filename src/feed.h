/*
 * feed.h -- RSS 2.0 and Atom feeds of the newest posts: the whole site,
 * one category (with its subcategories) or one author. The handlers are
 * in page.h; this is what other modules need to link to feeds.
 */
#ifndef FEED_H
#define FEED_H

struct arena;

enum feed_kind {
	FEED_RSS,
	FEED_ATOM,
	FEED__MAX,
};

/* The feed of the list at "base" ("/", "/category/news/"). */
char	*feed_path(struct arena *, const char *base, enum feed_kind);

/*
 * A copy of s without what XML 1.0 forbids (control characters but tab
 * and line ends, U+FFFE, U+FFFF) or what is not UTF-8, so a stray byte in
 * a post cannot make a whole feed unreadable. Escaping stays the
 * template's job.
 */
char	*xml_clean(struct arena *, const char *s);

/*
 * A copy of html whose site-relative links (href="/x", src="/x") are made
 * absolute with origin, as feed readers show posts away from the site.
 */
char	*html_absolute(struct arena *, const char *html, const char *origin);

#endif /* FEED_H */
