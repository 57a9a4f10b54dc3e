/*
 * redirect.h -- old URLs (from an import) that answer 301 when no route
 * matches them. Read-only: rows are written by the importer.
 */
#ifndef REDIRECT_H
#define REDIRECT_H

#include "folio.h"

struct req;

/*
 * Where the decoded request path r->path moved to, in the request arena:
 * FOLIO_OK with *location set, FOLIO_ERR_NOTFOUND when it is no old URL
 * or its post is not public (now), FOLIO_ERR_DB (logged) on failure.
 */
enum folio_err	 redirect_find(struct req *r, const char **location);

#endif /* REDIRECT_H */
