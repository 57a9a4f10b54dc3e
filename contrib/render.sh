#!/usr/bin/env bash
# render.sh -- fill the @NAME@ placeholders of a contrib/ configuration.
#
#   contrib/render.sh TEMPLATE NAME=VALUE... > OUTPUT
#
# Every @NAME@ in TEMPLATE becomes VALUE. It fails, printing nothing, when
# a placeholder is left without a value (so a half-filled configuration
# never reaches a server), when a NAME is not in the template (a typo), or
# when a value holds a character that would end a quoted string in a
# server configuration (" \ newline). An empty VALUE is allowed.
#
# A placeholder with a default may be left out: UPLOADS (folio.conf's
# upload_dir) is /var/lib/folio/uploads unless given.
set -u

prog=${0##*/}
if [ "$#" -lt 1 ]; then
	echo "usage: $prog TEMPLATE NAME=VALUE..." >&2
	exit 2
fi
template=$1
shift
if [ ! -r "$template" ]; then
	echo "$prog: $template: cannot read" >&2
	exit 1
fi
text=$(cat "$template"; printf x) || exit 1
text=${text%x}

for pair in "$@"; do
	name=${pair%%=*}
	value=${pair#*=}
	if [ "$name" = "$pair" ] || ! [[ $name =~ ^[A-Z][A-Z0-9_]*$ ]]; then
		echo "$prog: not NAME=VALUE: $pair" >&2
		exit 2
	fi
	case $value in
	*[\"\\]* | *$'\n'*)
		echo "$prog: $name: unusable character in value: $value" >&2
		exit 2
		;;
	esac
	if [[ $text != *"@$name@"* ]]; then
		echo "$prog: $template has no placeholder @$name@" >&2
		exit 2
	fi
	text=${text//"@$name@"/$value}
done

# The defaults, for what the arguments left.
text=${text//"@UPLOADS@"/"/var/lib/folio/uploads"}

left=$(printf '%s' "$text" | grep -on '@[A-Z][A-Z0-9_]*@' |
    sort -s -u -t: -k2,2 | sed 's/^\([0-9]*\):\(.*\)/\2 (line \1)/' | tr '\n' ' ')
if [ -n "$left" ]; then
	echo "$prog: $template: no value for: ${left% }" >&2
	exit 2
fi
printf '%s' "$text"
