/*
 * admin_upload.c -- images for posts. The type is decided by the file's
 * first bytes, never by its name or the browser's Content-Type: JPEG,
 * PNG, GIF and WebP only. Files are stored under upload_dir/YYYY/MM/
 * (config_upload_dir(): /var/lib/folio/uploads in a deployment,
 * public/uploads by default) with a random name, written to a temporary
 * file first and linked into place, so nothing half-written is ever
 * served. The address is /uploads/YYYY/MM/NAME whatever the folder:
 * serving it there, inert (nosniff, CSP sandbox), is the web server's job.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "folio.h"
#include "config.h"
#include "admin.h"
#include "req.h"
#include "tmpl.h"


/* The extension for an image by its magic bytes, or NULL. */
static const char *
image_type(const unsigned char *p, size_t len)
{
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return "jpg";
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "png";
	if (len >= 6 && (memcmp(p, "GIF87a", 6) == 0 ||
	    memcmp(p, "GIF89a", 6) == 0))
		return "gif";
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return "webp";
	return NULL;
}


static int
mkdir_one(const char *path)
{
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	log_err("%s: mkdir: %s", path, strerror(errno));
	return -1;
}

/* Write data to dir/name through a temporary file; -1 (logged). */
static int
store(const char *dir, const char *name, const char *data, size_t len)
{
	char		 tmp[1024], dst[1024];
	int		 fd, n1, n2;
	size_t		 off = 0;
	ssize_t		 w;

	n1 = snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, name);
	n2 = snprintf(dst, sizeof(dst), "%s/%s", dir, name);
	if (n1 < 0 || (size_t)n1 >= sizeof(tmp) || n2 < 0 ||
	    (size_t)n2 >= sizeof(dst)) {
		log_err("upload path too long");
		return -1;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644)) < 0) {
		log_err("%s: %s", tmp, strerror(errno));
		return -1;
	}
	while (off < len) {
		w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			log_err("%s: write: %s", tmp, strerror(errno));
			close(fd);
			unlink(tmp);
			return -1;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		log_err("%s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	/* link() refuses to replace: a name collision cannot clobber. */
	if (link(tmp, dst) != 0) {
		log_err("%s: %s", dst, strerror(errno));
		unlink(tmp);
		return -1;
	}
	unlink(tmp);
	return 0;
}

void
admin_upload(struct admin *a)
{
	struct req			*r = a->r;
	const struct form_field		*f;
	const char			*ext, *post = admin_input(a, "post");
	char				 dir[900], name[64];
	unsigned char			 rnd[12];
	char				 hex[25];
	struct tm			 tm;
	char				*url, *end;
	long long			 post_id = 0;
	long				 limit = config_current()->upload_limit;
	int				 n;

	if (a->method != AM_POST) {
		if (*admin_qs(a, "post") != '\0')
			tvars_set(r->vars, "post", admin_qs(a, "post"));
		a->tmpl = AT_UPLOAD;
		return;
	}
	if (*post != '\0') {
		post_id = strtoll(post, &end, 10);
		if (*end != '\0' || post_id <= 0) {
			admin_error(a, 400, "The post number is malformed.");
			return;
		}
		tvars_set(r->vars, "post", post);
	}
	a->tmpl = AT_UPLOAD;
	f = form_field(&a->form, "image");
	if (f == NULL || f->filename == NULL || f->len == 0) {
		r->status = 400;
		admin_field_error(a, "image", "Choose an image file to "
		    "upload.");
		return;
	}
	if ((long)f->len > limit) {
		r->status = 413;
		admin_field_error(a, "image", limit % (1024 * 1024) == 0 ?
		    arena_printf(r->arena, "The image is larger than %ld MB.",
		    limit / (1024 * 1024)) : arena_printf(r->arena, "The "
		    "image is larger than %ld KB.", limit / 1024));
		return;
	}
	if ((ext = image_type((const unsigned char *)f->value, f->len)) ==
	    NULL) {
		r->status = 400;
		admin_field_error(a, "image", "This file is not a JPEG, PNG, "
		    "GIF or WebP image, whatever its name says.");
		return;
	}
	if (localtime_r(&r->now, &tm) == NULL) {
		admin_error(a, 500, "The upload could not be stored.");
		return;
	}
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	snprintf(name, sizeof(name), "%s.%s", hex, ext);
	n = snprintf(dir, sizeof(dir), "%s",
	    config_upload_dir(config_current()));
	if (n < 0 || (size_t)n >= sizeof(dir) - 16 || mkdir_one(dir) != 0) {
		admin_error(a, 500, "The upload could not be stored.");
		return;
	}
	snprintf(dir + n, sizeof(dir) - (size_t)n, "/%04d",
	    tm.tm_year + 1900);
	if (mkdir_one(dir) != 0) {
		admin_error(a, 500, "The upload could not be stored.");
		return;
	}
	snprintf(dir + n + 5, sizeof(dir) - (size_t)n - 5, "/%02d",
	    tm.tm_mon + 1);
	if (mkdir_one(dir) != 0 || store(dir, name, f->value, f->len) != 0) {
		admin_error(a, 500, "The upload could not be stored.");
		return;
	}
	url = arena_printf(r->arena, "/uploads/%04d/%02d/%s",
	    tm.tm_year + 1900, tm.tm_mon + 1, name);
	log_info("upload %s by %s", url, a->s.user.slug);
	if (post_id > 0) {
		admin_redirect(a, arena_printf(r->arena,
		    "/admin/posts/%lld/?uploaded=%s", post_id, url));
		return;
	}
	tvars_set(r->vars, "url", url);
	tvars_set(r->vars, "upload_markdown", arena_printf(r->arena,
	    "![Describe the image](%s)", url));
}
