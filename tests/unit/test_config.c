/*
 * test_config.c -- folio.conf(5): a good file, every kind of problem with
 * its line (all of them reported, not just the first), the environment
 * over the file and the command line over both, value checks (sizes,
 * base URL, time zone, sockets), and X-Forwarded-Proto believed only
 * from a trusted proxy; log_level filters the log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio.h"
#include "config.h"
#include "harness.h"
#include "req.h"

static char	 dir[] = "/tmp/folio-test-config.XXXXXX";
static char	 path[128];

static const char *const env_names[] = {
	"FOLIO_CONFIG", "FOLIO_DB", "FOLIO_DATABASE", "FOLIO_SOCKET",
	"FOLIO_ADMIN_SOCKET", "FOLIO_WORKERS", "FOLIO_ADMIN_WORKERS",
	"FOLIO_MAX_REQUESTS", "FOLIO_BASE_URL", "FOLIO_TIMEZONE",
	"FOLIO_UPLOAD_DIR", "FOLIO_UPLOAD_LIMIT", "FOLIO_LOG_LEVEL",
	"FOLIO_TEMPLATES", "FOLIO_PUBLIC", "FOLIO_TRUSTED_PROXIES",
};

static void
env_clear(void)
{
	size_t	 i;

	for (i = 0; i < sizeof(env_names) / sizeof(env_names[0]); i++)
		unsetenv(env_names[i]);
}

static void
write_file(const char *text)
{
	FILE	*f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		printf("not ok - cannot write %s\n", path);
		exit(1);
	}
}

/* Read "text" as a file; the problems, one a line, in errs. */
static int
read_text(struct config *c, const char *text, struct buf *errs)
{
	write_file(text);
	buf_reset(errs);
	config_defaults(c);
	return config_read(c, path, errs);
}

/* errs has the line "PATH:LINE: want". */
static int
has_problem(const struct buf *errs, int line, const char *want)
{
	char	 full[512];

	snprintf(full, sizeof(full), "%s:%d: %s\n", path, line, want);
	return errs->data != NULL && strstr(errs->data, full) != NULL;
}

static void
test_good_file(void)
{
	struct config	 c;
	struct buf	 errs = BUF_INIT;
	char		 src[160];

	CHECK_INT_EQ(read_text(&c,
	    "# Folio\n"
	    "\n"
	    "database = /var/lib/folio/folio.db\n"
	    "  socket=127.0.0.1:9000  \n"
	    "admin_socket = /run/folio/admin.sock\n"
	    "workers = 4\n"
	    "admin_workers = 2  # fewer\n"
	    "max_requests = 10000\n"
	    "base_url = https://blog.example.org/\n"
	    "timezone = Europe/Paris\n"
	    "upload_dir = \"/srv/up loads\"\n"
	    "upload_limit = 20M\n"
	    "log_level = warning\n"
	    "templates = /usr/share/folio/templates\n"
	    "public = /usr/share/folio/public\n"
	    "trusted_proxies = 127.0.0.1, ::1 10.0.0.0/8\n", &errs), 0);
	CHECK_STR_EQ(c.value[CONF_DATABASE], "/var/lib/folio/folio.db");
	snprintf(src, sizeof(src), "%s:3", path);
	CHECK_STR_EQ(c.source[CONF_DATABASE], src);
	CHECK_STR_EQ(c.value[CONF_SOCKET], "127.0.0.1:9000");
	CHECK_INT_EQ(c.workers, 4);
	CHECK_INT_EQ(c.admin_workers, 2);
	CHECK_INT_EQ(c.max_requests, 10000);
	/* The final slash goes: links are base_url + "/path". */
	CHECK_STR_EQ(c.value[CONF_BASE_URL], "https://blog.example.org");
	CHECK_STR_EQ(c.value[CONF_TIMEZONE], "Europe/Paris");
	CHECK_STR_EQ(c.value[CONF_UPLOAD_DIR], "/srv/up loads");
	CHECK_STR_EQ(config_upload_dir(&c), "/srv/up loads");
	CHECK_INT_EQ(c.upload_limit, 20L * 1024 * 1024);
	CHECK_INT_EQ(c.log_level, LOG_LEVEL_WARNING);
	CHECK_INT_EQ(c.nproxies, 3);
	snprintf(src, sizeof(src), "%s:13", path);
	CHECK_STR_EQ(c.source[CONF_LOG_LEVEL], src);
	config_free(&c);
	buf_free(&errs);
}

static void
test_defaults_are_todays_behaviour(void)
{
	struct config	 c;

	config_defaults(&c);
	CHECK_STR_EQ(c.value[CONF_DATABASE], "var/folio.db");
	CHECK_STR_EQ(c.value[CONF_SOCKET], "");
	CHECK_STR_EQ(c.value[CONF_BASE_URL], "");
	CHECK_INT_EQ(c.upload_limit, 5L * 1024 * 1024);
	CHECK_INT_EQ(c.max_requests, 0);
	CHECK_INT_EQ(c.log_level, LOG_LEVEL_INFO);
	CHECK_INT_EQ(c.nproxies, 0);
	CHECK(c.workers >= 1);
	CHECK_STR_EQ(c.source[CONF_WORKERS], "default");
	CHECK(strstr(config_upload_dir(&c), "/public/uploads") != NULL);
	config_free(&c);
}

static void
test_every_problem_with_its_line(void)
{
	struct config	 c;
	struct buf	 errs = BUF_INIT;

	CHECK_INT_EQ(read_text(&c,
	    "database = /tmp/a.db\n"		/* 1 */
	    "colour = blue\n"			/* 2: unknown */
	    "workers 4\n"			/* 3: no = */
	    "workers = many\n"			/* 4: bad value */
	    "database = /tmp/b.db\n"		/* 5: twice */
	    "log_level = \"info\n"		/* 6: open quote */
	    "# fine\n"				/* 7 */
	    "max_requests = -1\n", &errs), 6);	/* 8: bad value */
	CHECK(has_problem(&errs, 2, "unknown key \"colour\""));
	CHECK(has_problem(&errs, 3, "missing '=' (want key = value)"));
	CHECK(has_problem(&errs, 4, "workers: want a number of workers "
	    "from 1 to 256"));
	CHECK(has_problem(&errs, 5, "database: set again (first on line "
	    "1)"));
	CHECK(has_problem(&errs, 6, "log_level: missing closing quote"));
	CHECK(has_problem(&errs, 8, "max_requests: want a number of "
	    "requests, 0 for no limit"));
	/* A bad value leaves the setting as it was. */
	CHECK_STR_EQ(c.value[CONF_DATABASE], "/tmp/a.db");
	CHECK_STR_EQ(c.source[CONF_WORKERS], "default");
	config_free(&c);
	buf_free(&errs);
}

static void
test_long_line_and_missing_file(void)
{
	struct config	 c;
	struct buf	 errs = BUF_INIT;
	char		 text[2200], want[256];

	memset(text, 'x', sizeof(text));
	memcpy(text, "public = ", 9);
	memcpy(text + 2100, "\nworkers = 0\n", 14);
	CHECK_INT_EQ(read_text(&c, text, &errs), 2);
	CHECK(has_problem(&errs, 1, "line longer than 1024 bytes"));
	CHECK(has_problem(&errs, 2, "workers: want a number of workers "
	    "from 1 to 256"));
	config_free(&c);

	buf_reset(&errs);
	config_defaults(&c);
	CHECK_INT_EQ(config_read(&c, "/nonexistent/folio.conf", &errs), 1);
	snprintf(want, sizeof(want), "/nonexistent/folio.conf: No such file "
	    "or directory\n");
	CHECK_STR_EQ(errs.data, want);
	config_free(&c);
	buf_free(&errs);
}

static void
test_environment_beats_file_and_options_beat_both(void)
{
	struct config	 c;
	struct buf	 errs = BUF_INIT;
	char		 src[160];

	env_clear();
	write_file("database = /from/file.db\nworkers = 3\n"
	    "socket = /from/file.sock\n");
	setenv("FOLIO_CONFIG", path, 1);
	setenv("FOLIO_DB", "/from/env.db", 1);
	setenv("FOLIO_WORKERS", "5", 1);
	CHECK_INT_EQ(config_load(&c, NULL, &errs), 0);
	CHECK_STR_EQ(c.value[CONF_DATABASE], "/from/env.db");
	CHECK_STR_EQ(c.source[CONF_DATABASE], "$FOLIO_DB");
	CHECK_INT_EQ(c.workers, 5);
	snprintf(src, sizeof(src), "%s:3", path);
	CHECK_STR_EQ(c.source[CONF_SOCKET], src);
	/* The command line last. */
	CHECK_INT_EQ(config_option(&c, CONF_WORKERS, "--workers", "7", &errs),
	    0);
	CHECK_INT_EQ(c.workers, 7);
	CHECK_STR_EQ(c.source[CONF_WORKERS], "--workers");
	CHECK_INT_EQ(config_option(&c, CONF_WORKERS, "--workers", "0", &errs),
	    1);
	CHECK_STR_EQ(errs.data, "--workers 0: want a number of workers from "
	    "1 to 256\n");
	CHECK_INT_EQ(c.workers, 7);
	config_free(&c);

	/* The new name beats the old; a bad variable is a problem too. */
	buf_reset(&errs);
	setenv("FOLIO_DATABASE", "/new/name.db", 1);
	setenv("FOLIO_LOG_LEVEL", "loud", 1);
	CHECK_INT_EQ(config_load(&c, NULL, &errs), 1);
	CHECK_STR_EQ(c.value[CONF_DATABASE], "/new/name.db");
	CHECK_STR_EQ(errs.data, "$FOLIO_LOG_LEVEL: want error, warning or "
	    "info\n");
	config_free(&c);

	/* A file named on purpose must exist. */
	buf_reset(&errs);
	env_clear();
	CHECK_INT_EQ(config_load(&c, "/nonexistent/folio.conf", &errs), 1);
	config_free(&c);
	buf_free(&errs);
}

static void
test_config_path(void)
{
	int	 must = -1;

	env_clear();
	CHECK_STR_EQ(config_path("/given.conf", &must), "/given.conf");
	CHECK_INT_EQ(must, 1);
	setenv("FOLIO_CONFIG", "/env.conf", 1);
	CHECK_STR_EQ(config_path(NULL, &must), "/env.conf");
	CHECK_INT_EQ(must, 1);
	CHECK_STR_EQ(config_path("/given.conf", &must), "/given.conf");
	env_clear();
	/* The development build has no default file: today's behaviour. */
	CHECK(config_path(NULL, &must) == NULL);
	CHECK_INT_EQ(must, 0);
}

/* Set one key from text: 0 or -1. */
static int
try(struct config *c, enum config_key k, const char *v)
{
	char	 msg[256];

	return config_set(c, k, v, "test", msg, sizeof(msg));
}

static void
test_upload_limit_sizes(void)
{
	struct config	 c;

	config_defaults(&c);
	CHECK_INT_EQ(try(&c, CONF_UPLOAD_LIMIT, "800K"), 0);
	CHECK_INT_EQ(c.upload_limit, 800L * 1024);
	CHECK_INT_EQ(try(&c, CONF_UPLOAD_LIMIT, "12m"), 0);
	CHECK_INT_EQ(c.upload_limit, 12L * 1024 * 1024);
	CHECK_INT_EQ(try(&c, CONF_UPLOAD_LIMIT, "1G"), 0);
	CHECK_INT_EQ(c.upload_limit, 1024L * 1024 * 1024);
	CHECK_INT_EQ(try(&c, CONF_UPLOAD_LIMIT, "1048576"), 0);
	CHECK_INT_EQ(c.upload_limit, 1048576);
	CHECK_INT_EQ(try(&c, CONF_UPLOAD_LIMIT, "2G"), -1);
	CHECK_INT_EQ(try(&c, CONF_UPLOAD_LIMIT, "100"), -1);	/* < 1K */
	CHECK_INT_EQ(try(&c, CONF_UPLOAD_LIMIT, "5MB"), -1);
	CHECK_INT_EQ(try(&c, CONF_UPLOAD_LIMIT, "M"), -1);
	CHECK_INT_EQ(try(&c, CONF_UPLOAD_LIMIT, "-5M"), -1);
	CHECK_INT_EQ(try(&c, CONF_UPLOAD_LIMIT, "99999999999999999999"), -1);
	CHECK_INT_EQ(c.upload_limit, 1048576);
	config_free(&c);
}

static void
test_base_url_and_timezone(void)
{
	struct config	 c;

	config_defaults(&c);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "https://example.org"), 0);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "http://example.org:8080/"), 0);
	CHECK_STR_EQ(c.value[CONF_BASE_URL], "http://example.org:8080");
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "https://[2001:db8::1]:443"), 0);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, ""), 0);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "ftp://example.org"), -1);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "example.org"), -1);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "https://example.org/blog"), -1);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "https://"), -1);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "https://exa mple.org"), -1);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "https://example.org:99999"), -1);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "https://example.org:"), -1);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "https://[]"), -1);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "http://[\"><script>]"), -1);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "http://[::1]:8080"), 0);
	CHECK_INT_EQ(try(&c, CONF_BASE_URL, "https://a.org?x=1"), -1);

	CHECK_INT_EQ(try(&c, CONF_TIMEZONE, "America/New_York"), 0);
	CHECK_INT_EQ(try(&c, CONF_TIMEZONE, "UTC"), 0);
	CHECK_INT_EQ(try(&c, CONF_TIMEZONE, "Mars/Olympus_Mons"), -1);
	CHECK_INT_EQ(try(&c, CONF_TIMEZONE, "../../etc/passwd"), -1);
	CHECK_INT_EQ(try(&c, CONF_TIMEZONE, "Europe"), -1);
	CHECK_INT_EQ(try(&c, CONF_TIMEZONE, "zone.tab"), -1);
	CHECK_STR_EQ(c.value[CONF_TIMEZONE], "UTC");
	config_free(&c);
}

static void
test_sockets_and_levels(void)
{
	struct config	 c;

	CHECK(config_socket_is_tcp("127.0.0.1:9000"));
	CHECK(config_socket_is_tcp("[::1]:9000"));
	CHECK(config_socket_is_tcp(":9000"));
	CHECK(config_socket_is_tcp("localhost:9000"));
	CHECK(!config_socket_is_tcp("/run/folio/folio.sock"));
	CHECK(!config_socket_is_tcp("var/run/folio.sock"));
	CHECK(!config_socket_is_tcp("/run/a:b/folio.sock"));
	CHECK(!config_socket_is_tcp("::1:9000"));
	config_defaults(&c);
	CHECK_INT_EQ(try(&c, CONF_SOCKET, "[::1]:9000"), 0);
	CHECK_INT_EQ(try(&c, CONF_SOCKET, "127.0.0.1:0"), -1);
	CHECK_INT_EQ(try(&c, CONF_SOCKET, "127.0.0.1:70000"), -1);
	CHECK_INT_EQ(try(&c, CONF_SOCKET, "::1:9000"), -1);
	CHECK_INT_EQ(try(&c, CONF_SOCKET, "[]:9000"), -1);
	CHECK_INT_EQ(try(&c, CONF_SOCKET, "[nonsense]:9000"), -1);
	CHECK_INT_EQ(try(&c, CONF_LOG_LEVEL, "error"), 0);
	CHECK_INT_EQ(c.log_level, LOG_LEVEL_ERROR);
	CHECK_INT_EQ(try(&c, CONF_LOG_LEVEL, "debug"), -1);
	CHECK_INT_EQ(try(&c, CONF_WORKERS, "257"), -1);
	CHECK_INT_EQ(try(&c, CONF_WORKERS, "+3"), -1);
	CHECK_INT_EQ(try(&c, CONF_TRUSTED_PROXIES, "10.0.0.0/33"), -1);
	CHECK_INT_EQ(try(&c, CONF_TRUSTED_PROXIES, "proxy.example"), -1);
	config_free(&c);
}

/* sendmail: a path and words, no shell; mail_from: one address. */
static void
test_mail_keys(void)
{
	struct config	 c;

	config_defaults(&c);
	CHECK_STR_EQ(c.value[CONF_SENDMAIL], "/usr/sbin/sendmail -t -i");
	CHECK_STR_EQ(c.value[CONF_MAIL_FROM], "");
	CHECK_INT_EQ(try(&c, CONF_SENDMAIL,
	    "/usr/bin/msmtp -t --read-envelope-from"), 0);
	CHECK_INT_EQ(try(&c, CONF_SENDMAIL, "sendmail -t"), -1);
	CHECK_INT_EQ(try(&c, CONF_SENDMAIL, ""), -1);
	CHECK_INT_EQ(try(&c, CONF_SENDMAIL,
	    "/a 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16"), -1);
	CHECK_INT_EQ(try(&c, CONF_SENDMAIL, "/usr/sbin/sendmail\n-t"), -1);
	CHECK_STR_EQ(c.value[CONF_SENDMAIL],
	    "/usr/bin/msmtp -t --read-envelope-from");
	CHECK_INT_EQ(try(&c, CONF_MAIL_FROM, "folio@example.org"), 0);
	CHECK_INT_EQ(try(&c, CONF_MAIL_FROM, "Folio <folio@example.org>"), -1);
	CHECK_INT_EQ(try(&c, CONF_MAIL_FROM, "folio@example.org\rBcc: x@y.z"),
	    -1);
	CHECK_INT_EQ(try(&c, CONF_MAIL_FROM, "nobody"), -1);
	CHECK_INT_EQ(try(&c, CONF_MAIL_FROM, ""), 0);
	config_free(&c);
}

static const char	*fake_vars[8][2];

static const char *
fake_get(void *arg, const char *name)
{
	size_t	 i;

	(void)arg;
	for (i = 0; i < 8 && fake_vars[i][0] != NULL; i++)
		if (strcmp(fake_vars[i][0], name) == 0)
			return fake_vars[i][1];
	return NULL;
}

/* req_https() for a request from "addr" with these two headers. */
static int
https_from(const char *addr, const char *proto, const char *https)
{
	struct cgi_env	 e = { fake_get, NULL, NULL };

	memset(fake_vars, 0, sizeof(fake_vars));
	fake_vars[0][0] = "REMOTE_ADDR";
	fake_vars[0][1] = addr;
	fake_vars[1][0] = "HTTP_X_FORWARDED_PROTO";
	fake_vars[1][1] = proto;
	fake_vars[2][0] = "HTTPS";
	fake_vars[2][1] = https;
	return req_https(&e);
}

static void
test_forwarded_proto_only_from_trusted_proxies(void)
{
	struct config	*c = xmalloc(sizeof(*c));

	config_defaults(c);
	config_use(c);
	/* Nobody is trusted by default. */
	CHECK_INT_EQ(https_from("127.0.0.1", "https", ""), 0);
	CHECK_INT_EQ(https_from("127.0.0.1", "", "on"), 1);
	CHECK_INT_EQ(try(c, CONF_TRUSTED_PROXIES, "127.0.0.1 ::1, "
	    "10.1.0.0/16"), 0);
	CHECK_INT_EQ(https_from("127.0.0.1", "https", ""), 1);
	CHECK_INT_EQ(https_from("::1", "https", ""), 1);
	CHECK_INT_EQ(https_from("0:0::1", "https", ""), 1);
	CHECK_INT_EQ(https_from("::ffff:127.0.0.1", "https", ""), 1);
	CHECK_INT_EQ(https_from("::ffff:127.0.0.2", "https", ""), 0);
	CHECK_INT_EQ(https_from("10.1.200.3", "https", ""), 1);
	CHECK_INT_EQ(https_from("10.2.0.1", "https", ""), 0);
	CHECK_INT_EQ(https_from("192.0.2.7", "https", ""), 0);
	CHECK_INT_EQ(https_from("127.0.0.2", "https", ""), 0);
	CHECK_INT_EQ(https_from("127.0.0.1", "http", ""), 0);
	CHECK_INT_EQ(https_from("127.0.0.1", "HTTPS, http", ""), 0);
	CHECK_INT_EQ(https_from("", "https", ""), 0);
	CHECK_INT_EQ(https_from("not-an-address", "https", ""), 0);
	/* The server's own word still counts from anyone. */
	CHECK_INT_EQ(https_from("192.0.2.7", "", "on"), 1);
	CHECK_INT_EQ(try(c, CONF_TRUSTED_PROXIES, "10.1.128.0/17"), 0);
	CHECK_INT_EQ(https_from("10.1.200.3", "https", ""), 1);
	CHECK_INT_EQ(https_from("10.1.127.3", "https", ""), 0);
	config_fini();
}

/* What log_info, log_warn and log_err print at the configured level. */
static void
test_log_level_filters(void)
{
	struct config	*c = xmalloc(sizeof(*c));
	FILE		*f = tmpfile();
	char		 got[512];
	size_t		 n = 0;
	int		 saved = dup(STDERR_FILENO);

	CHECK(f != NULL && saved >= 0);
	if (f == NULL || saved < 0)
		return;
	config_defaults(c);
	CHECK_INT_EQ(try(c, CONF_LOG_LEVEL, "warning"), 0);
	fflush(stderr);
	dup2(fileno(f), STDERR_FILENO);
	config_use(c);
	log_info("hidden info");
	log_warn("shown warning");
	log_set_level(LOG_LEVEL_ERROR);
	log_warn("hidden warning");
	log_err("shown error");
	config_fini();
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	log_set_level(LOG_LEVEL_INFO);
	rewind(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	fclose(f);
	CHECK(strstr(got, "shown warning") != NULL);
	CHECK(strstr(got, "shown error") != NULL);
	CHECK(strstr(got, "hidden") == NULL);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL) {
		printf("not ok - mkdtemp\n");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/folio.conf", dir);
	env_clear();
	RUN(test_good_file);
	RUN(test_defaults_are_todays_behaviour);
	RUN(test_every_problem_with_its_line);
	RUN(test_long_line_and_missing_file);
	RUN(test_environment_beats_file_and_options_beat_both);
	RUN(test_config_path);
	RUN(test_upload_limit_sizes);
	RUN(test_base_url_and_timezone);
	RUN(test_sockets_and_levels);
	RUN(test_forwarded_proto_only_from_trusted_proxies);
	RUN(test_log_level_filters);
	RUN(test_mail_keys);
	unlink(path);
	rmdir(dir);
	HARNESS_EXIT();
}
