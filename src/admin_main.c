/*
 * admin_main.c -- cgi-bin/folio-admin.fcgi, served under /admin/: the
 * only program that writes to the database. It runs like the public
 * handler (server.c: prefork manager, FastCGI worker or plain CGI);
 * every request goes through admin.c.
 */
#include <stdio.h>

#include "folio.h"
#include "admin.h"
#include "auth.h"
#include "server.h"
#include "site.h"

static int
admin_init(void)
{
	if (auth_login_init() != 0) {
		log_err("libsodium cannot start");
		return -1;
	}
	return admin_templates_load();
}

static const struct server admin_server = {
	"folio-admin.fcgi", DB_READWRITE, 1, admin_init, admin_templates_free,
	admin_serve, site_free,
};

int
main(int argc, char *argv[])
{
	return server_main(&admin_server, argc, argv);
}
