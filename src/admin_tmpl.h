/*
 * admin_tmpl.h -- the admin's templates: which file each screen uses,
 * its title, and the set compiled once at start-up. The handler
 * (admin.c) renders them; `folio config check` loads them to see that
 * they compile, without needing the handler.
 */
#ifndef ADMIN_TMPL_H
#define ADMIN_TMPL_H

struct tmpl;

enum admin_tmpl {
	AT_LOGIN,
	AT_POSTS,
	AT_EDIT,
	AT_REVISIONS,
	AT_REVISION,
	AT_UPLOAD,
	AT_ERROR,
	AT_CATEGORIES,
	AT_CATEGORY_EDIT,
	AT_PAGES,
	AT_PAGE_EDIT,
	AT_SETTINGS,
	AT_USERS,
	AT_USER_EDIT,
	AT_ACCOUNT,
	AT_MENU,
	AT_MENU_EDIT,
	AT_TAGS,
	AT_TAG_EDIT,
	AT_REAUTH,		/* admin/held.tmpl: log in again, form kept */
	AT_HELD,		/* admin/held.tmpl: send the kept form again */
	AT_RESET,
	AT_RESET_PASSWORD,
	AT_DASH,
	AT_MENU_DELETE,
	AT_PUBLIC_POST,		/* templates/post.tmpl: previews */
	AT_PUBLIC_PAGE,		/* templates/page.tmpl: a page's preview */
	AT__MAX,
};

/*
 * Compile every admin template from $FOLIO_TEMPLATES (else the data
 * folder's templates/); -1 after logging the first error. Freed with
 * admin_templates_free(), which may be called after a failed load.
 */
int		 admin_templates_load(void);
void		 admin_templates_free(void);

/* A loaded template, and the screen's title (NULL for AT_PUBLIC_*). */
const struct tmpl *admin_template(enum admin_tmpl);
const char	*admin_template_title(enum admin_tmpl);

#endif /* ADMIN_TMPL_H */
