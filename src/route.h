/*
 * route.h -- the public site's URL table (route.c): from a checked
 * request path to its handler, with the captures checked on the way.
 */
#ifndef ROUTE_H
#define ROUTE_H

struct req;

/*
 * Route the request to its handler and fill its output: a page, a
 * redirect (trailing slash, an old URL from redirect.c) or an error page.
 */
void	 route_dispatch(struct req *);

#endif /* ROUTE_H */
