# Folio -- one plain Makefile. Local overrides go in an uncommitted
# Makefile.local (e.g. CC = clang).
#
#   make            build cgi-bin/folio.fcgi, ./folio and the unit tests
#   make run        build, create a demo database if none, serve on :8080
#   make test       build and run every test (unit, ASan/UBSan, HTTP)
#   make bench      pages against static files at 1k, 10k, 100k posts
#   make install    [PREFIX=/usr/local] [DESTDIR=...]; make uninstall
#   make clean

CC	?= cc
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow -Wformat=2 \
	   -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
	   -fstack-protector-strong
CPPFLAGS += -D_FORTIFY_SOURCE=2 -Isrc -DFOLIO_DATADIR=\"$(FOLIO_DATADIR)\"
CPPFLAGS += -I/usr/include/libxml2
# Where the programs find templates/, schema.sql and the demo's data/demo/:
# this checkout, or
# $(DATADIR) for the copies `make install` builds.
FOLIO_DATADIR = $(CURDIR)
LDLIBS	+= -lsqlite3 -lfcgi -lsodium -lcmark -lxml2 -lgumbo
ASAN	= -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	  -fno-sanitize-recover=undefined

# Debian packages the build, `make run` and `make test` need.
PKGS	= build-essential pkg-config libsqlite3-dev libfcgi-dev \
	  libsodium-dev libcmark-dev nginx sqlite3 tidy tzdata curl chromium \
	  libxml2-utils libxml2-dev libgumbo-dev mandoc

-include Makefile.local

LIB_SRCS  = $(filter-out src/main.c src/cli.c src/admin_main.c, \
	    $(wildcard src/*.c))
LIB_OBJS  = $(LIB_SRCS:src/%.c=build/%.o)
ASAN_OBJS = $(LIB_SRCS:src/%.c=build/asan/%.o)
TESTS	  = $(wildcard tests/unit/test_*.c)
TEST_BINS = $(TESTS:tests/unit/%.c=tests/unit/bin/%)
ASAN_BINS = $(TESTS:tests/unit/%.c=tests/unit/bin-asan/%)
HEADERS	  = $(wildcard src/*.h) $(wildcard tests/unit/*.h)

all: cgi-bin/folio.fcgi cgi-bin/folio-admin.fcgi folio $(TEST_BINS) \
     $(ASAN_BINS)

build/%.o: src/%.c $(HEADERS)
	@mkdir -p build
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

build/asan/%.o: src/%.c $(HEADERS)
	@mkdir -p build/asan
	$(CC) $(CPPFLAGS) $(CFLAGS) $(ASAN) -c $< -o $@

build/libfolio.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

build/asan/libfolio.a: $(ASAN_OBJS)
	rm -f $@
	$(AR) rcs $@ $(ASAN_OBJS)

cgi-bin/folio.fcgi: build/main.o build/libfolio.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ build/main.o build/libfolio.a $(LDLIBS)

cgi-bin/folio-admin.fcgi: build/admin_main.o build/libfolio.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ build/admin_main.o build/libfolio.a \
	    $(LDLIBS)

folio: build/cli.o build/libfolio.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ build/cli.o build/libfolio.a $(LDLIBS)

tests/unit/bin/%: tests/unit/%.c build/libfolio.a $(HEADERS)
	@mkdir -p tests/unit/bin
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< build/libfolio.a $(LDLIBS)

tests/unit/bin-asan/%: tests/unit/%.c build/asan/libfolio.a $(HEADERS)
	@mkdir -p tests/unit/bin-asan
	$(CC) $(CPPFLAGS) $(CFLAGS) $(ASAN) -o $@ $< build/asan/libfolio.a \
	    $(LDLIBS)

deps:
	@scripts/deps.sh $(PKGS)

run: deps
	@$(MAKE) --no-print-directory cgi-bin/folio.fcgi \
	    cgi-bin/folio-admin.fcgi folio
	@scripts/run.sh

# Browser tests drive Debian's chromium with the npm package playwright-core.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || scripts/deps.sh nodejs npm
	npm ci --no-audit --no-fund

bench: deps
	@scripts/deps.sh wrk
	@$(MAKE) --no-print-directory cgi-bin/folio.fcgi folio build/floor
	@scripts/bench.sh

# The benchmark's measuring stick, not part of Folio (bench/floor.c).
build/floor: bench/floor.c
	@mkdir -p build
	$(CC) $(CFLAGS) -o $@ bench/floor.c -lfcgi

test: deps
	@$(MAKE) --no-print-directory all node_modules/.package-lock.json
	@tests/run.sh

# Installation. The installed programs find their templates and schema in
# $(DATADIR), compiled in: `make install` builds its own objects under
# build/install/ with that path, so the development build keeps using this
# checkout. DESTDIR only stages the files (for a package); it is never
# compiled in. The installed programs read $(SYSCONFDIR)/folio/folio.conf
# when it exists (/etc for PREFIX=/usr, else PREFIX/etc, as GNU has it);
# the development build has no default file. `make install` puts a
# commented sample in $(DATADIR)/folio.conf.example and never writes
# SYSCONFDIR. The man pages' and the sample's paths are written for
# /usr/local and rewritten for PREFIX. A site's data lives outside PREFIX
# (/var/lib/folio: the database and upload_dir), so install and uninstall
# never touch it; public/uploads/, make run's uploads, is not installed.
PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
LIBDIR	 = $(PREFIX)/lib/folio
DATADIR	 = $(PREFIX)/share/folio
MANDIR	 = $(PREFIX)/share/man
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
INST_OBJS = $(LIB_SRCS:src/%.c=build/install/%.o)
INST_SED = sed -e 's|/usr/local/etc|$(SYSCONFDIR)|g' \
	   -e 's|/usr/local|$(PREFIX)|g'

build/install/%.o: FOLIO_DATADIR = $(DATADIR)
build/install/%.o: CPPFLAGS += -DFOLIO_SYSCONFDIR=\"$(SYSCONFDIR)\"
build/install/%.o: src/%.c $(HEADERS) build/install/datadir
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# Changes when DATADIR or SYSCONFDIR does, so another PREFIX rebuilds the
# objects.
build/install/datadir: FORCE
	@mkdir -p build/install
	@echo '$(DATADIR) $(SYSCONFDIR)' | cmp -s - $@ || \
	    echo '$(DATADIR) $(SYSCONFDIR)' >$@

build/install/libfolio.a: $(INST_OBJS)
	rm -f $@
	$(AR) rcs $@ $(INST_OBJS)

build/install/folio.fcgi: build/install/main.o build/install/libfolio.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

build/install/folio-admin.fcgi: build/install/admin_main.o \
    build/install/libfolio.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

build/install/folio: build/install/cli.o build/install/libfolio.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

install: build/install/folio build/install/folio.fcgi \
    build/install/folio-admin.fcgi
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/cgi-bin \
	    $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/public \
	    $(DESTDIR)$(DATADIR)/contrib $(DESTDIR)$(DATADIR)/data \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man8
	install -m 0755 build/install/folio $(DESTDIR)$(BINDIR)/folio
	install -m 0755 build/install/folio.fcgi \
	    build/install/folio-admin.fcgi $(DESTDIR)$(LIBDIR)/cgi-bin
	install -m 0644 schema.sql $(DESTDIR)$(DATADIR)/schema.sql
	cp -R templates/. $(DESTDIR)$(DATADIR)/templates
	for f in public/*; do \
		[ "$$f" = public/uploads ] || \
		    cp -R "$$f" $(DESTDIR)$(DATADIR)/public/ || exit 1; \
	done
	cp -R contrib/. $(DESTDIR)$(DATADIR)/contrib
	cp -R data/demo $(DESTDIR)$(DATADIR)/data
	chmod -R u=rwX,go=rX $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(DATADIR)/public \
	    $(DESTDIR)$(DATADIR)/contrib $(DESTDIR)$(DATADIR)/data
	chmod 0755 $(DESTDIR)$(DATADIR)/contrib/render.sh
	$(INST_SED) man/folio.1 >$(DESTDIR)$(MANDIR)/man1/folio.1
	$(INST_SED) man/folio.conf.5 >$(DESTDIR)$(MANDIR)/man5/folio.conf.5
	$(INST_SED) man/folio.fcgi.8 >$(DESTDIR)$(MANDIR)/man8/folio.fcgi.8
	ln -sf folio.fcgi.8 $(DESTDIR)$(MANDIR)/man8/folio-admin.fcgi.8
	$(INST_SED) contrib/folio.conf >$(DESTDIR)$(DATADIR)/folio.conf.example
	chmod 0644 $(DESTDIR)$(MANDIR)/man1/folio.1 \
	    $(DESTDIR)$(MANDIR)/man5/folio.conf.5 \
	    $(DESTDIR)$(MANDIR)/man8/folio.fcgi.8 \
	    $(DESTDIR)$(DATADIR)/folio.conf.example

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/folio $(DESTDIR)$(MANDIR)/man1/folio.1 \
	    $(DESTDIR)$(MANDIR)/man5/folio.conf.5 \
	    $(DESTDIR)$(MANDIR)/man8/folio.fcgi.8 \
	    $(DESTDIR)$(MANDIR)/man8/folio-admin.fcgi.8
	rm -rf $(DESTDIR)$(LIBDIR) $(DESTDIR)$(DATADIR)

lint:
	@tests/lint.sh

clean:
	rm -rf build tests/unit/bin tests/unit/bin-asan cgi-bin/folio.fcgi \
	    cgi-bin/folio-admin.fcgi folio

.PHONY: all bench deps lint run test clean install uninstall FORCE
.SECONDARY:
