/*
 * floor.c -- the FastCGI floor for `make bench`: the least a FastCGI
 * program behind nginx can cost. It answers /floor/NAME with the bytes of
 * DIR/NAME.html, held in memory, from N prefork workers on libfcgi, the
 * way Folio's handler is run but with no work at all between accept and
 * write. Folio's figure against this one is its own cost; this one
 * against the static file is the cost of FastCGI itself.
 *
 *	floor SOCKET DIR [WORKERS]
 *
 * Not part of Folio: a measuring stick, built only by `make bench`.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>

#define PAGES_MAX	32
#define PAGE_MAX	(4 * 1024 * 1024)
#define WORKERS_MAX	64

struct page {
	char	 name[64];	/* the NAME in /floor/NAME */
	char	*data;		/* headers and body, ready to write */
	int	 len;
};

static struct page	 pages[PAGES_MAX];
static int		 npages;

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "floor: %s: %s\n", what, detail);
	exit(1);
}

/* DIR/NAME.html into a complete response, headers first. */
static void
page_load(const char *dir, const char *file)
{
	static const char head[] = "Status: 200 OK\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %ld\r\n\r\n";
	struct page	*p = &pages[npages];
	char		 path[4096];
	struct stat	 sb;
	FILE		*f;
	size_t		 namelen = strlen(file) - strlen(".html");
	int		 hl;

	if (npages == PAGES_MAX || namelen >= sizeof(p->name))
		die(file, "too many pages or too long a name");
	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >=
	    (int)sizeof(path))
		die(file, "path too long");
	if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &sb) != 0)
		die(path, strerror(errno));
	if (sb.st_size > PAGE_MAX)
		die(path, "larger than 4 MB");
	if ((p->data = malloc(256 + (size_t)sb.st_size)) == NULL)
		die(path, "out of memory");
	hl = snprintf(p->data, 256, head, (long)sb.st_size);
	if (fread(p->data + hl, 1, (size_t)sb.st_size, f) !=
	    (size_t)sb.st_size)
		die(path, "short read");
	fclose(f);
	memcpy(p->name, file, namelen);
	p->name[namelen] = '\0';
	p->len = hl + (int)sb.st_size;
	npages++;
}

static const struct page *
page_find(const char *uri)
{
	int	 i;

	if (uri == NULL || strncmp(uri, "/floor/", 7) != 0)
		return NULL;
	for (i = 0; i < npages; i++)
		if (strcmp(uri + 7, pages[i].name) == 0)
			return &pages[i];
	return NULL;
}

static void
worker(int fd)
{
	static const char	 missing[] = "Status: 404 Not Found\r\n"
	    "Content-Type: text/plain\r\nContent-Length: 10\r\n\r\nnot found\n";
	FCGX_Request		 r;
	const struct page	*p;

	if (FCGX_InitRequest(&r, fd, 0) != 0)
		die("FCGX_InitRequest", "failed");
	while (FCGX_Accept_r(&r) >= 0) {
		p = page_find(FCGX_GetParam("REQUEST_URI", r.envp));
		if (p != NULL)
			FCGX_PutStr(p->data, p->len, r.out);
		else
			FCGX_PutStr(missing, sizeof(missing) - 1, r.out);
		FCGX_Finish_r(&r);
	}
	_exit(0);
}

int
main(int argc, char *argv[])
{
	struct dirent	*de;
	DIR		*d;
	size_t		 len;
	long		 n = 2;
	int		 fd, i;

	if (argc < 3 || argc > 4 ||
	    (argc == 4 && ((n = strtol(argv[3], NULL, 10)) < 1 ||
	    n > WORKERS_MAX))) {
		fprintf(stderr, "usage: floor SOCKET DIR [WORKERS]\n");
		return 2;
	}
	if ((d = opendir(argv[2])) == NULL)
		die(argv[2], strerror(errno));
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len > 5 && strcmp(de->d_name + len - 5, ".html") == 0)
			page_load(argv[2], de->d_name);
	}
	closedir(d);
	if (FCGX_Init() != 0)
		die("FCGX_Init", "failed");
	/* libfcgi may have caught SIGTERM; the bench stops us with it. */
	if (signal(SIGTERM, SIG_DFL) == SIG_ERR)
		die("signal", strerror(errno));
	if ((fd = FCGX_OpenSocket(argv[1], 128)) < 0)
		die(argv[1], "cannot listen");
	for (i = 0; i < n; i++)
		switch (fork()) {
		case -1:
			die("fork", strerror(errno));
			break;
		case 0:
			worker(fd);
			break;
		default:
			break;
		}
	/* The bench stops the whole process group with SIGTERM. */
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}
