#!/usr/bin/env bash
# deps.sh -- make sure the Debian packages Folio needs are installed.
#
#   scripts/deps.sh PKG...
#
# Silent when every package is already installed. Otherwise, as root, runs
# "apt-get update" once and installs the missing ones; as any other user,
# prints the exact command to run and exits 1. Touches nothing else.
set -u

if [ "$#" -eq 0 ]; then
	echo "usage: scripts/deps.sh PKG..." >&2
	exit 2
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps.sh: not a Debian system (no dpkg-query); make sure these" \
	    "are installed: $*" >&2
	exit 0
fi

missing=()
for pkg in "$@"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) || status=
	case $status in
	*" ok installed") ;;
	*) missing+=("$pkg") ;;
	esac
done

[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: missing packages: ${missing[*]}" >&2
	echo "Run this, then try again:" >&2
	echo "sudo apt-get install -y ${missing[*]}"
	exit 1
fi

echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update; then
	echo "deps.sh: apt-get update failed" >&2
	exit 1
fi
if ! apt-get install -y "${missing[@]}"; then
	echo "deps.sh: could not install: ${missing[*]}" >&2
	exit 1
fi
exit 0
