/*
 * admin_user.c -- accounts. Admins list, add and edit users (name,
 * e-mail, bio, role, a new password); everyone may change their own
 * password on /admin/account/. A new password ends the user's other
 * sessions. The last admin cannot be demoted. The rule a new password
 * meets, with its messages, is admin_password_check() (also the reset
 * screen's, admin_reset.c).
 */
#include <string.h>

#include "folio.h"
#include "admin.h"
#include "auth.h"
#include "db.h"
#include "req.h"
#include "site.h"
#include "slug.h"
#include "tmpl.h"

static const char sql_list[] =
	"SELECT id, slug, display_name, role, password_hash IS NOT NULL, "
	"(SELECT count(*) FROM post p WHERE p.author_id = user.id) "
	"FROM user ORDER BY slug";
static const char sql_get[] =
	"SELECT id, slug, display_name, email, bio, role, password_hash "
	"FROM user WHERE id = ?1";
static const char sql_update[] =
	"UPDATE user SET display_name = ?2, email = ?3, bio = ?4, role = ?5 "
	"WHERE id = ?1";
static const char sql_admins[] =
	"SELECT count(*) FROM user WHERE role = 'admin' AND id <> ?1";

struct user_row {
	int64_t		 id;
	const char	*slug, *name, *email, *bio, *role, *hash;
};

static int
user_get(struct admin *a, int64_t id, struct user_row *u)
{
	sqlite3_stmt	*st = db_stmt(a->r->db, sql_get);
	int		 step;

	if (!db_bind_int(st, 1, id)) {
		db_done(st);
		admin_error(a, 500, "The user could not be read.");
		return -1;
	}
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		db_done(st);
		admin_error(a, step == SQLITE_DONE ? 404 : 500,
		    "There is no such user.");
		return -1;
	}
	u->id = sqlite3_column_int64(st, 0);
	u->slug = db_text(a->r->arena, st, 1);
	u->name = db_text(a->r->arena, st, 2);
	u->email = db_text(a->r->arena, st, 3);
	u->bio = db_text(a->r->arena, st, 4);
	u->role = db_text(a->r->arena, st, 5);
	u->hash = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL :
	    db_text(a->r->arena, st, 6);
	db_done(st);
	return 0;
}

void
admin_users(struct admin *a)
{
	sqlite3_stmt	*st;
	struct tvars	*row;
	int		 step;

	if (admin_require(a, ROLE_ADMIN) != 0)
		return;
	if ((st = db_stmt(a->r->db, sql_list)) == NULL) {
		admin_error(a, 500, "The users could not be listed.");
		return;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		row = tvars_add_row(a->r->vars, "users");
		tvars_set(row, "edit_url", arena_printf(a->r->arena,
		    "/admin/users/%lld/", (long long)sqlite3_column_int64(st,
		    0)));
		tvars_set(row, "slug", db_text(a->r->arena, st, 1));
		tvars_set(row, "name", db_text(a->r->arena, st, 2));
		tvars_set(row, "role", db_text(a->r->arena, st, 3));
		tvars_set(row, "can_login", sqlite3_column_int(st, 4) ? "yes" :
		    "no");
		tvars_set_int(row, "posts", sqlite3_column_int64(st, 5));
	}
	db_done(st);
	if (step != SQLITE_DONE) {
		db_log(a->r->db, "users");
		admin_error(a, 500, "The users could not be listed.");
		return;
	}
	if (strcmp(admin_qs(a, "saved"), "1") == 0)
		tvars_set(a->r->vars, "message", "Saved.");
	a->tmpl = AT_USERS;
}

static void
form_vars(struct admin *a, const struct user_row *u, const char *slug,
    const char *name, const char *email, const char *bio, const char *role)
{
	int	 i;

	tvars_set(a->r->vars, "slug", slug);
	tvars_set(a->r->vars, "name", name);
	tvars_set(a->r->vars, "email", email);
	tvars_set(a->r->vars, "bio", bio);
	i = role_parse(role);
	tvars_set(a->r->vars, arena_printf(a->r->arena, "role_%s",
	    role_name(i < 0 ? ROLE_AUTHOR : (enum role)i)), "1");
	tvars_set_int(a->r->vars, "password_min", AUTH_PASSWORD_MIN);
	if (u == NULL) {
		tvars_set(a->r->vars, "form_url", "/admin/users/new/");
		tvars_set(a->r->vars, "heading", "New user");
		tvars_set(a->r->vars, "is_new", "1");
	} else {
		tvars_set(a->r->vars, "form_url", arena_printf(a->r->arena,
		    "/admin/users/%lld/", (long long)u->id));
		tvars_set(a->r->vars, "heading", arena_printf(a->r->arena,
		    "Edit user %s", u->slug));
	}
	a->tmpl = AT_USER_EDIT;
}

int
admin_password_check(struct admin *a, const char *pw, const char *again)
{
	if (!auth_password_ok(pw)) {
		admin_field_error(a, "password", arena_printf(a->r->arena,
		    "A password needs at least %d characters.",
		    AUTH_PASSWORD_MIN));
		return 1;
	}
	if (again != NULL && strcmp(pw, again) != 0) {
		admin_field_error(a, "again", "The two new passwords differ.");
		return 1;
	}
	return 0;
}

/* Check the fields both forms share; 1 if any is bad. */
static int
check_common(struct admin *a, const char *role, const char *pw,
    int pw_needed)
{
	/* The name, e-mail and bio: admin.c's table. */
	int	 bad = a->invalid;

	if (role_parse(role) < 0) {
		admin_field_error(a, "role", "Choose author, editor or admin.");
		bad = 1;
	}
	if ((pw_needed || *pw != '\0') && admin_password_check(a, pw, NULL))
		bad = 1;
	return bad;
}

void
admin_user_new(struct admin *a)
{
	struct req	*r = a->r;
	const char	*slug = admin_input(a, "slug");
	const char	*name = admin_input(a, "name");
	const char	*email = admin_input(a, "email");
	const char	*bio = admin_input(a, "bio");
	const char	*role = admin_input(a, "role");
	const char	*pw = admin_input(a, "password");
	struct user	 existing;
	sqlite3_stmt	*st;
	int64_t		 id;
	int		 bad;
	enum folio_err	 rc;

	if (admin_require(a, ROLE_ADMIN) != 0)
		return;
	if (a->method != AM_POST) {
		form_vars(a, NULL, "", "", "", "", "author");
		return;
	}
	bad = check_common(a, role, pw, 1);
	/* The slug's form: admin.c's table; whether it is free: here. */
	if (admin_input_ok(a, "slug") && (rc = auth_user_by_name(r->db,
	    r->arena, slug, &existing)) != FOLIO_ERR_NOTFOUND) {
		if (rc != FOLIO_OK) {
			admin_error(a, 500, "The user could not be checked.");
			return;
		}
		admin_field_error(a, "slug", "This login name is taken.");
		bad = 1;
	}
	if (bad) {
		r->status = 400;
		form_vars(a, NULL, slug, name, email, bio, role);
		return;
	}
	if (db_begin(r->db) != FOLIO_OK)
		goto fail;
	if (auth_user_add(r->db, slug, (enum role)role_parse(role), pw, r->now,
	    &id) != FOLIO_OK)
		goto fail;
	st = db_stmt(r->db, sql_update);
	if (!db_bind_int(st, 1, id) || !db_bind_text(st, 2, name) ||
	    !db_bind_text(st, 3, email) || !db_bind_text(st, 4, bio) ||
	    !db_bind_text(st, 5, role)) {
		db_done(st);
		goto fail;
	}
	if (db_run(a->r->db, st, "user update") != 0 ||
	    db_commit(r->db) != FOLIO_OK)
		goto fail;
	admin_redirect(a, "/admin/users/?saved=1");
	return;
fail:
	db_rollback(r->db);
	admin_error(a, 500, "The user could not be added; nothing was "
	    "changed.");
}

void
admin_user_edit(struct admin *a)
{
	struct req	*r = a->r;
	struct user_row	 u;
	const char	*name, *email, *bio, *role, *pw;
	sqlite3_stmt	*st;
	int		 bad, others;

	if (admin_require(a, ROLE_ADMIN) != 0 || user_get(a, a->id, &u) != 0)
		return;
	if (a->method != AM_POST) {
		form_vars(a, &u, u.slug, u.name, u.email, u.bio, u.role);
		return;
	}
	name = admin_input(a, "name");
	email = admin_input(a, "email");
	bio = admin_input(a, "bio");
	role = admin_input(a, "role");
	pw = admin_input(a, "password");
	bad = check_common(a, role, pw, 0);
	if (!bad && strcmp(u.role, "admin") == 0 &&
	    strcmp(role, "admin") != 0) {
		st = db_stmt(r->db, sql_admins);
		if (!db_bind_int(st, 1, u.id) ||
		    sqlite3_step(st) != SQLITE_ROW) {
			db_done(st);
			admin_error(a, 500, "The user could not be checked.");
			return;
		}
		others = sqlite3_column_int(st, 0);
		db_done(st);
		if (others == 0) {
			admin_field_error(a, "role", "This is the last "
			    "administrator; make another one first.");
			bad = 1;
		}
	}
	if (bad) {
		r->status = 400;
		form_vars(a, &u, u.slug, name, email, bio, role);
		return;
	}
	if (db_begin(r->db) != FOLIO_OK)
		goto fail;
	st = db_stmt(r->db, sql_update);
	if (!db_bind_int(st, 1, u.id) || !db_bind_text(st, 2, name) ||
	    !db_bind_text(st, 3, email) || !db_bind_text(st, 4, bio) ||
	    !db_bind_text(st, 5, role)) {
		db_done(st);
		goto fail;
	}
	if (db_run(a->r->db, st, "user update") != 0)
		goto fail;
	/* Their other sessions end; the admin's own one survives. */
	if (*pw != '\0' && auth_password_store(r->db, u.id, pw,
	    u.id == a->s.user.id ? a->s.id : 0) != FOLIO_OK)
		goto fail;
	if (db_commit(r->db) != FOLIO_OK)
		goto fail;
	admin_redirect(a, "/admin/users/?saved=1");
	return;
fail:
	db_rollback(r->db);
	admin_error(a, 500, "The user could not be saved; nothing was "
	    "changed.");
}

void
admin_account(struct admin *a)
{
	struct req	*r = a->r;
	struct user_row	 u;
	const char	*cur, *pw, *again;
	int		 bad = a->invalid;

	if (user_get(a, a->s.user.id, &u) != 0)
		return;
	a->tmpl = AT_ACCOUNT;
	tvars_set_int(r->vars, "password_min", AUTH_PASSWORD_MIN);
	if (a->method != AM_POST) {
		if (strcmp(admin_qs(a, "saved"), "1") == 0)
			tvars_set(r->vars, "message", "Your password was "
			    "changed; your other sessions have ended.");
		return;
	}
	cur = admin_input(a, "current");
	pw = admin_input(a, "password");
	again = admin_input(a, "again");
	if (!auth_password_verify(u.hash, cur)) {
		admin_field_error(a, "current", "This is not your current "
		    "password.");
		bad = 1;
	}
	if (admin_password_check(a, pw, again))
		bad = 1;
	if (bad) {
		r->status = 400;
		return;
	}
	if (auth_set_password(r->db, u.id, pw, a->s.id) != FOLIO_OK) {
		admin_error(a, 500, "The password could not be changed.");
		return;
	}
	admin_redirect(a, "/admin/account/?saved=1");
}
