#!/usr/bin/env bash
# test_man.sh -- the manual pages say what the code does, and lint clean:
# every command in cli.c's table (and in ./folio's usage, when built) has
# its entry in folio(1) and a line in its SYNOPSIS, with each option its
# usage names; each handler option server.c parses is in folio.fcgi(8),
# which names both handlers; every key config.c knows is in folio.conf(5);
# every FOLIO_ variable a page names is one the code reads; `make install`
# installs every page in man/ and `make uninstall` removes it; and mandoc
# (or man, through groff) finds nothing to warn about.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

MAN=$FOLIO_ROOT/man
CLI=$FOLIO_ROOT/src/cli.c

# The text of section NAME (.Sh NAME up to the next .Sh) of page FILE.
section() {
	awk -v want=".Sh $2" '/^\.Sh / { on = ($0 == want); next } on' "$1"
}

# The commands of cli.c: the names in the commands[] table.
table=$(awk '/^static const struct command commands\[\] = \{/ { on = 1; next }
    on && /^\};/ { exit }
    on && match($0, /^\t\{ "[a-z][a-z-]*",/) {
	s = substr($0, RSTART + 4, RLENGTH - 6); print s }' "$CLI")
n=$(printf '%s\n' "$table" | grep -c .)
check "cli.c's command table read: $n commands" test "$n" -ge 10 ||
    diag "the commands[] table of src/cli.c no longer parses here"

# The usage of the built ./folio lists the same commands, in order.
if [ -x "$FOLIO_ROOT/folio" ]; then
	usage=$("$FOLIO_ROOT/folio" 2>&1 >/dev/null |
	    sed -n 's/^  \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p')
	check "./folio's usage lists the commands of cli.c's table" \
	    test "$usage" = "$table" ||
	    diag "usage: $(tr '\n' ' ' <<<"$usage")" \
	    "table: $(tr '\n' ' ' <<<"$table")"
fi

synopsis=$(section "$MAN/folio.1" SYNOPSIS)
commands=$(section "$MAN/folio.1" COMMANDS)
for cmd in $table; do
	check "folio(1) COMMANDS has an entry for $cmd" \
	    grep -Eq "^\.It Cm $cmd( |\$)" <<<"$commands"
	check "folio(1) SYNOPSIS shows $cmd" \
	    grep -Eq "^\.Cm $cmd( |\$)" <<<"$synopsis"
	# The options its usage string names (the line of the table and
	# the usage lines after it, up to the function it runs).
	opts=$(awk -v cmd="$cmd" '
	    index($0, "{ \"" cmd "\",") { on = 1 }
	    on { print }
	    on && /cmd_[a-z_]* *\},?$/ { exit }' "$CLI" |
	    grep -o -- '--[a-z][a-z-]*' | sort -u)
	# mdoc writes --posts as "Fl -posts".
	for opt in $opts; do
		check "folio(1) documents $cmd $opt" \
		    grep -Eq -- "Fl ${opt#-}( |\$)" <<<"$commands"
	done
done

# The handlers: both named, each option of server.c's command line.
page=$MAN/folio.fcgi.8
for h in folio.fcgi folio-admin.fcgi; do
	check "folio.fcgi(8) names $h" \
	    grep -Eq "^\.Nm $h( ,)?\$" <(section "$page" NAME)
	check "folio.fcgi(8) SYNOPSIS shows $h" \
	    grep -q "^\.Nm $h\$" <(section "$page" SYNOPSIS)
done
hopts=$(grep -o 'strcmp(argv\[i\], "--[a-z-]*")' "$FOLIO_ROOT/src/server.c" |
    grep -o -- '--[a-z-]*')
check "server.c's handler options read: $(tr '\n' ' ' <<<"$hopts")" \
    test -n "$hopts"
for opt in $hopts; do
	check "folio.fcgi(8) OPTIONS has $opt" \
	    grep -Eq -- "^\.It Fl ${opt#-}( |\$)" <(section "$page" OPTIONS)
done
if [ -x "$FOLIO_ROOT/cgi-bin/folio.fcgi" ]; then
	for opt in $("$FOLIO_ROOT/cgi-bin/folio.fcgi" --help 2>&1 |
	    grep -o -- '--[a-z][a-z-]*' | sort -u); do
		check "folio.fcgi's usage option $opt is in folio.fcgi(8)" \
		    grep -Eq -- "^\.It Fl ${opt#-}( |\$)" <(section "$page" OPTIONS)
	done
fi
check "folio.fcgi(8) has a section for each handler" \
    test "$(grep -c '^\.Ss The \(public\|admin\) handler$' "$page")" -eq 2

# Each key of folio.conf(5): the names in config.c's defs[] table, one
# for each key of config.h's enum config_key.
keys=$(awk 'match($0, /^\t\[CONF_[A-Z_]+\] = \{ "[a-z_]+",/) {
	s = substr($0, RSTART, RLENGTH); sub(/^[^"]*"/, "", s)
	sub(/",$/, "", s); print s }' "$FOLIO_ROOT/src/config.c")
nkeys=$(awk '/^enum config_key \{/ { on = 1; next } on && /^\};/ { exit }
    on && /^\tCONF_[A-Z_]+,$/ && !/CONF__MAX/ { n++ } END { print n + 0 }' \
    "$FOLIO_ROOT/src/config.h")
check "config.c's keys read: one for each of config.h's $nkeys" \
    test "$nkeys" -gt 0 -a "$(grep -c . <<<"$keys")" -eq "$nkeys"
for k in $keys; do
	check "folio.conf(5) KEYS has $k" \
	    grep -q "^\.It Cm $k No = " <(section "$MAN/folio.conf.5" KEYS)
done

# Every FOLIO_ variable the pages name is one the code reads.
while read -r v; do
	check "the code reads \$$v, as the pages say" \
	    grep -q "\"$v\"" "$FOLIO_ROOT"/src/*.c
done < <(grep -ho 'Ev FOLIO_[A-Z_]*[A-Z]' "$MAN"/* | sed 's/^Ev //' |
    sort -u)

# make install installs each page, and make uninstall removes it.
for f in "$MAN"/*.[1-9]; do
	p=${f##*/}
	s=${p##*.}
	check "make install installs $p" \
	    grep -q "man/$p >\$(DESTDIR)\$(MANDIR)/man$s/$p\$" \
	    "$FOLIO_ROOT/Makefile"
	check "make uninstall removes $p" \
	    grep -q "\$(DESTDIR)\$(MANDIR)/man$s/$p\( \\\\\)\{0,1\}\$" \
	    <(sed -n '/^uninstall:/,/^$/p' "$FOLIO_ROOT/Makefile")
done

# Lint: mandoc's warnings (not its style notes, which depend on what is
# installed here), and groff's through man, as test_install.sh does.
linted=
if command -v mandoc >/dev/null 2>&1; then
	linted=1
	for f in "$MAN"/*.[1-9]; do
		out=$(mandoc -Tlint -Wwarning "$f" 2>&1)
		check "mandoc -Tlint: ${f##*/} is clean${out:+: $out}" \
		    test -z "$out"
	done
fi
if command -v man >/dev/null 2>&1; then
	linted=1
	for f in "$MAN"/*.[1-9]; do
		out=$(MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null)
		check "man --warnings: ${f##*/} formats clean${out:+: $out}" \
		    test -z "$out"
	done
fi
[ -n "$linted" ] || diag "neither mandoc nor man here: the pages were not" \
    "linted (apt-get install mandoc)"

done_testing
