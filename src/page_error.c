/*
 * page_error.c -- the page for every error status: the menu and sidebar
 * stay, so a visitor who followed a dead link can still find their way.
 */
#include "folio.h"
#include "page.h"
#include "req.h"
#include "tmpl.h"

struct error_text {
	int		 status;
	const char	*heading;
	const char	*message;
};

static const struct error_text errors[] = {
	{ 400, "Bad request",
	    "The address of this request is malformed." },
	{ 404, "Page not found",
	    "There is nothing at this address. It may have moved, or the "
	    "link that led here may be mistyped." },
	{ 405, "Method not allowed",
	    "This address can only be read." },
	{ 500, "Something went wrong",
	    "The page could not be shown because of an error on our side. "
	    "Please try again in a moment." },
	{ 503, "Temporarily unavailable",
	    "The site cannot answer right now. Please try again in a "
	    "moment." },
};

void
page_error(struct req *r, int status)
{
	const struct error_text	*e = &errors[3];
	size_t			 i;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (errors[i].status == status)
			e = &errors[i];
	/* Whatever a failed handler left behind is dropped. */
	r->vars = tvars_new(r->arena);
	r->status = status;
	r->location = NULL;
	r->tmpl = TMPL_ERROR;
	r->title = e->heading;
	r->description = "";
	r->current_url = NULL;
	r->nsection_urls = 0;
	tvars_set_int(r->vars, "status", status);
	tvars_set(r->vars, "heading", e->heading);
	tvars_set(r->vars, "message", e->message);
}
