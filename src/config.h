/*
 * config.h -- all runtime configuration in one place: folio.conf(5)
 * ("key = value" lines), then the environment (FOLIO_KEY), then the
 * command line, each beating the one before. Every program installs one
 * struct config as the current one; the library reads it from there.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

#include "folio.h"

enum config_key {
	CONF_DATABASE,
	CONF_SOCKET,
	CONF_ADMIN_SOCKET,
	CONF_WORKERS,
	CONF_ADMIN_WORKERS,
	CONF_MAX_REQUESTS,
	CONF_BASE_URL,
	CONF_TIMEZONE,
	CONF_UPLOAD_DIR,
	CONF_UPLOAD_LIMIT,
	CONF_LOG_LEVEL,
	CONF_TEMPLATES,
	CONF_PUBLIC,
	CONF_TRUSTED_PROXIES,
	CONF_SENDMAIL,
	CONF_MAIL_FROM,
	CONF__MAX,
};

#define CONF_PROXIES_MAX	32
#define CONF_WORKERS_MAX	256
#define CONF_LINE_MAX		1024	/* bytes of one line of the file */

/* One trusted proxy: an address and how many leading bits must match. */
struct conf_net {
	int		 family;	/* AF_INET or AF_INET6 */
	unsigned char	 addr[16];
	int		 bits;
};

struct config {
	char		*value[CONF__MAX];	/* effective, "" when unset */
	char		*source[CONF__MAX];	/* "default", "FILE:LINE",
						   "$FOLIO_DB", "--workers" */
	int		 line[CONF__MAX];	/* in the file, 0 if not */
	char		*path;			/* the file read, or NULL */

	/* Parsed from value[] by config_set(). */
	long		 workers, admin_workers, max_requests;
	long		 upload_limit;		/* bytes of one image */
	int		 log_level;		/* LOG_LEVEL_* in folio.h */
	struct conf_net	 proxies[CONF_PROXIES_MAX];
	size_t		 nproxies;
};

/* The key's name in the file ("upload_limit"), or NULL. */
const char	*config_key_name(enum config_key);

/* Fill c with the defaults; config_free() releases it. */
void		 config_defaults(struct config *);
void		 config_free(struct config *);

/*
 * Set one key from text, from "source" (for messages and `config show`).
 * Returns 0, or -1 with the reason (no source, no key) in msg.
 */
int		 config_set(struct config *, enum config_key, const char *value,
		    const char *source, char *msg, size_t msgsz);

/*
 * Read the file at "path" into c: every problem is appended to "errs" as
 * one line "PATH:LINE: message". Returns the number of problems; a file
 * that cannot be opened is one (line 0, no line number shown).
 */
int		 config_read(struct config *, const char *path, struct buf *errs);

/* Apply the FOLIO_* environment variables; problems as above. */
int		 config_env(struct config *, struct buf *errs);

/*
 * The file to read: "given" (--config), else $FOLIO_CONFIG, else the
 * compiled-in SYSCONFDIR/folio/folio.conf if it exists, else NULL. With
 * *must set, a missing file is an error.
 */
const char	*config_path(const char *given, int *must);

/*
 * Defaults, then the file config_path(given) names, then the
 * environment: the usual start of a program. Problems as above.
 */
int		 config_load(struct config *, const char *given,
		    struct buf *errs);

/*
 * The current configuration. Until config_use() is called it is the
 * defaults plus the environment (what unit tests and libraries get).
 */
const struct config *config_current(void);

/* Make c the current one (the struct is taken over) and apply log_level. */
void		 config_use(struct config *);

/* The same, but hand back the previous one (NULL if none) to the caller. */
struct config	*config_swap(struct config *);

/*
 * Set a key from a command-line option such as "--workers"; a bad value
 * is appended to errs as "--workers 0: message". Returns the problems, 0
 * or 1.
 */
int		 config_option(struct config *, enum config_key,
		    const char *option, const char *value, struct buf *errs);

/* A command-line setting, applied over the file and the environment. */
struct config_arg {
	enum config_key	 key;
	const char	*option;	/* "--workers", for messages */
	const char	*value;
};

/*
 * Defaults, the file config_path(given) names, the environment, then
 * the "n" arguments: a new configuration to config_use(), or NULL when
 * anything is wrong, each problem logged on a line of its own with its
 * file:line, so that nothing starts (or reloads) half configured.
 */
struct config	*config_build(const char *given, const struct config_arg *,
		    size_t n);

/* Log each line of errs with log_err(). */
void		 config_log_problems(const struct buf *errs);

/* Release the current one (at exit, for valgrind). */
void		 config_fini(void);

/* Where uploads go: upload_dir, or public/uploads when unset. */
const char	*config_upload_dir(const struct config *);

/*
 * 1 if "addr" (REMOTE_ADDR, text) is one of trusted_proxies. A proxy may
 * be written as an address or a network (192.0.2.0/24, fd00::/8).
 */
int		 config_proxy_trusted(const struct config *, const char *addr);

/* 1 if "s" is host:port or [v6]:port rather than a Unix socket path. */
int		 config_socket_is_tcp(const char *s);

#endif /* CONFIG_H */
