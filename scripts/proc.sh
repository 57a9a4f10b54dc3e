# shellcheck shell=bash
# proc.sh -- starting and stopping the servers Folio's scripts run, shared
# by scripts/run.sh, scripts/bench.sh and tests/http/lib.sh. Sourced, never
# run. Servers are started with setsid so each leads its own process group
# and nothing it forks can outlive it.

# True while process $1 runs (a zombie does not run).
proc_alive() {
	local stat state
	[ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
	read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
	stat=${stat##*) }
	state=${stat%% *}
	[ "$state" != Z ] && [ "$state" != X ]
}

# Live processes of process group $1 other than its leader.
group_stragglers() {
	local f stat rest pid pgrp
	for f in /proc/[0-9]*/stat; do
		read -r stat 2>/dev/null <"$f" || continue
		pid=${stat%% *}
		[ "$pid" = "$1" ] && continue
		rest=${stat##*) }
		read -r _ _ pgrp _ <<<"$rest"
		[ "$pgrp" = "$1" ] && proc_alive "$pid" && printf '%s\n' "$pid"
	done
}

# Stop process $1 (started with setsid, so it leads its own group) with
# signal $2, then anything left in its group; reap it.
stop_proc() {
	local pid=$1 sig=$2 i
	[ -n "$pid" ] || return 0
	if proc_alive "$pid"; then
		kill "-$sig" "$pid" 2>/dev/null
		for ((i = 0; i < 50; i++)); do
			proc_alive "$pid" || break
			sleep 0.1
		done
		proc_alive "$pid" && kill -KILL "$pid" 2>/dev/null
	fi
	if [ -n "$(group_stragglers "$pid")" ]; then
		kill -TERM -- "-$pid" 2>/dev/null
		for ((i = 0; i < 20; i++)); do
			[ -z "$(group_stragglers "$pid")" ] && break
			sleep 0.1
		done
		kill -KILL -- "-$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	return 0
}

# True when something listens on 127.0.0.1:$1.
port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
