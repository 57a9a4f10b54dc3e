/*
 * admin_tmpl.c -- the admin's template table and the compiled set, kept
 * for the life of the process (admin_main.c loads it at start-up).
 */
#include <stddef.h>

#include "folio.h"
#include "admin_tmpl.h"
#include "config.h"
#include "tmpl.h"

static const char *const tmpl_files[AT__MAX] = {
	[AT_LOGIN] = "admin/login.tmpl",
	[AT_POSTS] = "admin/posts.tmpl",
	[AT_EDIT] = "admin/post_edit.tmpl",
	[AT_REVISIONS] = "admin/revisions.tmpl",
	[AT_REVISION] = "admin/revision.tmpl",
	[AT_UPLOAD] = "admin/upload.tmpl",
	[AT_ERROR] = "admin/error.tmpl",
	[AT_CATEGORIES] = "admin/categories.tmpl",
	[AT_CATEGORY_EDIT] = "admin/category_edit.tmpl",
	[AT_PAGES] = "admin/pages.tmpl",
	[AT_PAGE_EDIT] = "admin/page_edit.tmpl",
	[AT_SETTINGS] = "admin/settings.tmpl",
	[AT_USERS] = "admin/users.tmpl",
	[AT_USER_EDIT] = "admin/user_edit.tmpl",
	[AT_ACCOUNT] = "admin/account.tmpl",
	[AT_MENU] = "admin/menu.tmpl",
	[AT_MENU_EDIT] = "admin/menu_edit.tmpl",
	[AT_TAGS] = "admin/tags.tmpl",
	[AT_TAG_EDIT] = "admin/tag_edit.tmpl",
	[AT_REAUTH] = "admin/held.tmpl",
	[AT_HELD] = "admin/held.tmpl",
	[AT_RESET] = "admin/reset.tmpl",
	[AT_RESET_PASSWORD] = "admin/reset_password.tmpl",
	[AT_DASH] = "admin/dashboard.tmpl",
	[AT_MENU_DELETE] = "admin/menu_delete.tmpl",
	[AT_PUBLIC_POST] = "post.tmpl",
	[AT_PUBLIC_PAGE] = "page.tmpl",
};
static struct tmpl	*templates[AT__MAX];
static const char *const tmpl_titles[AT__MAX] = {
	[AT_LOGIN] = "Log in",
	[AT_POSTS] = "Posts",
	[AT_EDIT] = "Edit post",
	[AT_REVISIONS] = "Revisions",
	[AT_REVISION] = "Revision",
	[AT_UPLOAD] = "Upload an image",
	[AT_ERROR] = "Error",
	[AT_CATEGORIES] = "Categories",
	[AT_CATEGORY_EDIT] = "Edit category",
	[AT_PAGES] = "Pages",
	[AT_PAGE_EDIT] = "Edit page",
	[AT_SETTINGS] = "Settings",
	[AT_USERS] = "Users",
	[AT_USER_EDIT] = "Edit user",
	[AT_ACCOUNT] = "Your account",
	[AT_MENU] = "Menu",
	[AT_MENU_EDIT] = "Edit menu item",
	[AT_TAGS] = "Tags",
	[AT_TAG_EDIT] = "Edit tag",
	[AT_REAUTH] = "Log in again",
	[AT_HELD] = "Not done yet",
	[AT_RESET] = "Forgot your password?",
	[AT_RESET_PASSWORD] = "Choose a new password",
	[AT_DASH] = "Start",
	[AT_MENU_DELETE] = "Remove a menu item",
};

int
admin_templates_load(void)
{
	return tmpl_load_set(config_current()->value[CONF_TEMPLATES],
	    tmpl_files, templates, AT__MAX);
}

void
admin_templates_free(void)
{
	tmpl_free_set(templates, AT__MAX);
}

const struct tmpl *
admin_template(enum admin_tmpl t)
{
	return templates[t];
}

const char *
admin_template_title(enum admin_tmpl t)
{
	return tmpl_titles[t];
}
