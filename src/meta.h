/*
 * meta.h -- what a page tells browsers, feed readers, search engines and
 * link previews about itself: the head's canonical link, OpenGraph and
 * Twitter card tags, feed autodiscovery, robots and the search box.
 */
#ifndef META_H
#define META_H

struct req;

/*
 * Add those variables (docs/TEMPLATES.md) to r->vars; after
 * render_site_vars().
 */
void	 meta_vars(struct req *);

#endif /* META_H */
