/*
 * page_feed.h -- what the feed handlers (page_feed.c; their prototypes
 * are in page.h) do to a post's text so that it survives in a feed
 * reader. A feed's address is url_feed()'s (url.h).
 */
#ifndef PAGE_FEED_H
#define PAGE_FEED_H

struct arena;

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

#endif /* PAGE_FEED_H */
