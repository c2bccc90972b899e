# Bounded waits for the test scripts (sourced; bash).  A test waits for the
# condition a delay would only guess at, and gives up after a bound.
# Starting a process costs 0.1-0.25 s inside UML, so the waiting itself
# forks nothing: nap reads from a FIFO nobody writes, and the clock is
# $EPOCHREALTIME.
#
#   nap SECONDS                  sleep without a process
#   wait_until SECONDS CMD...    run CMD until it succeeds; 1 when it never
#                                did within SECONDS
#   wait_steady SECONDS QUIET CMD...
#                                run CMD until its output has not changed
#                                for QUIET seconds; 1 when that did not
#                                happen within SECONDS.  The last output is
#                                left in WAIT_OUT.
#   wait_listen SECONDS NS tcp|udp PORT...
#                                until something listens on each PORT in
#                                network namespace NS ("" for our own)

# /run is a tmpfs inside UML (the hostfs root cannot hold a FIFO).
_wait_fifo=/run/wait-nap.$$.$RANDOM
mkfifo "$_wait_fifo" && exec {_wait_napfd}<>"$_wait_fifo" && rm -f "$_wait_fifo"
nap() { read -r -t "$1" -u "$_wait_napfd" _ || true; }

# _wait_us: the time in microseconds.
_wait_us() { _WAIT_NOW=${EPOCHREALTIME/[.,]/}; }
# _wait_sec_us SECONDS: SECONDS (e.g. 2.5) in microseconds, in _WAIT_US.
_wait_sec_us() {
	local s=$1 frac=000000
	case $s in *.*) frac=${s#*.}000000; s=${s%%.*} ;; esac
	_WAIT_US=$((10#${s:-0} * 1000000 + 10#${frac:0:6}))
}

wait_until() {
	local end
	_wait_sec_us "$1"
	shift
	_wait_us
	end=$((_WAIT_NOW + _WAIT_US))
	until "$@"; do
		_wait_us
		[ "$_WAIT_NOW" -lt "$end" ] || return 1
		nap 0.1
	done
}

wait_steady() {
	local end quiet since prev
	_wait_sec_us "$1"
	_wait_us
	end=$((_WAIT_NOW + _WAIT_US))
	_wait_sec_us "$2"
	quiet=$_WAIT_US
	shift 2
	WAIT_OUT=$("$@")
	_wait_us
	since=$_WAIT_NOW
	while :; do
		nap 0.2
		prev=$WAIT_OUT
		WAIT_OUT=$("$@")
		_wait_us
		if [ "$WAIT_OUT" != "$prev" ]; then
			since=$_WAIT_NOW
		elif [ $((_WAIT_NOW - since)) -ge "$quiet" ]; then
			return 0
		fi
		[ "$_WAIT_NOW" -lt "$end" ] || return 1
	done
}

# _wait_listening NS PROTO PORT...: each PORT has a listening socket.
_wait_listening() {
	local ns=$1 opt=-ltnH p out
	[ "$2" = udp ] && opt=-lunH
	shift 2
	if [ -n "$ns" ]; then
		out=$(ip netns exec "$ns" ss "$opt") || return 1
	else
		out=$(ss "$opt") || return 1
	fi
	for p; do
		[[ $out == *:"$p "* ]] || return 1
	done
}
wait_listen() {
	local s=$1
	shift
	wait_until "$s" _wait_listening "$@"
}
