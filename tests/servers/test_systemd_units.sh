#!/usr/bin/env bash
# test_systemd_units.sh -- the units in contrib/systemd/ are ones systemd
# accepts: `systemd-analyze verify` (Debian's systemd package) loads each
# as systemd would, with the installed paths pointed at this checkout's
# binaries so that a wrong ExecStart is caught too. This machine has no
# systemd running; starting the units is what test_process_systemd.sh
# imitates with systemd-socket-activate.
# shellcheck source-path=SCRIPTDIR source=../http/lib.sh
. "$(dirname "$0")/../http/lib.sh"
# shellcheck source=lib.sh
. "$FOLIO_ROOT/tests/servers/lib.sh"

srv_deps systemd

stack_tmp
units=$STACK_DIR/units
mkdir -p "$units" || bail "mkdir $units failed"
set -- "$FOLIO_ROOT"/contrib/systemd/*.service "$FOLIO_ROOT"/contrib/systemd/*.socket
check "contrib/systemd has a service and a socket for each handler ($#)" \
    test "$#" -ge 4
for f in "$@"; do
	sed -e "s#/usr/local/lib/folio/cgi-bin/#$FOLIO_ROOT/cgi-bin/#g" \
	    -e "s#/usr/local/bin/folio#$FOLIO_ROOT/folio#g" \
	    "$f" >"$units/${f##*/}" || bail "cannot copy $f"
done

for f in "$units"/*; do
	name=${f##*/}
	out=$(cd "$units" && systemd-analyze verify "./$name" 2>&1)
	rc=$?
	check "systemd-analyze verify $name${out:+: $out}" \
	    test "$rc" = 0 -a -z "$out"
done

# Each socket unit activates a service that exists, and each service
# starts a program that exists: a renamed binary breaks the unit above.
for f in "$units"/*.socket; do
	svc=$(sed -n 's/^Service=//p' "$f")
	svc=${svc:-$(basename "$f" .socket).service}
	check "${f##*/} activates $svc, which is in contrib/systemd" \
	    test -f "$units/$svc"
done
for f in "$units"/*.service; do
	exe=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$f")
	check "${f##*/} starts $exe, built here" test -x "$exe"
done

# The admin may write upload_dir as the sample folio.conf (written for
# these units) sets it: ProtectSystem=strict leaves only ReadWritePaths.
up=$(sed -n 's/^upload_dir *= *//p' "$FOLIO_ROOT/contrib/folio.conf")
rw=$(sed -n 's/^ReadWritePaths=//p' "$units/folio-admin.service")
under=
for d in $rw; do
	case $up/ in "${d%/}"/*) under=$d ;; esac
done
check "folio-admin.service may write upload_dir ${up:-(unset)}${under:+, under $under}" \
    test -n "$up" -a -n "$under"

done_testing
