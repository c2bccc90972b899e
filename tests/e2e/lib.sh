# Topology helpers for the end-to-end tests (sourced by every test).
#
# A test runs as root inside UML in a fresh network namespace of its own;
# that namespace is the CLIENT, so the test shell itself opens connections
# (bash /dev/tcp, or e2e-client).  The other nodes are named namespaces
# "$LAB-dir", "$LAB-rs1", ... joined by bridges that live in "$LAB-sw".
# Starting a process costs 150-250 ms in UML, so the helpers batch: one
# `ip -batch` creates every namespace and link, one more per node sets its
# addresses and routes, and e2e-server serves every port of a node from one
# process.
#
#   lab_nat        client -- ext -- dir -- int -- rs1, rs2   (rs routed via dir)
#   lab_dr         client, dir, rs1, rs2 on one segment "lan"
#   lab_tun        like lab_dr, for tunnelling
# or build your own: lab_node, lab_wire, lab_route, lab_sysctl, lab_commit.
# Then: lab_serve, lab_ready, poll, on NODE CMD..., ipvs CMD... (our ipvsadm on
# dir), rs_start NODE MODE VIP... / rs_stop NODE (our rs-setup on a real
# server), client ... (e2e-client), hold/talk/release (long connections).
# Everything is torn down on exit, also when the test fails.

set -u

E2E_DIR=$TOP_SRCDIR/tests/e2e
IPVSADM=${IPVSADM:-$TOP_BUILDDIR/src/ipvsadm/ipvsadm}
RS_SETUP=${RS_SETUP:-$TOP_BUILDDIR/src/rs-setup/rs-setup}
# A libtool wrapper script costs about a second per run inside UML (it
# forks sed and friends); run the program it wraps directly, with the
# library path the wrapper would have set.
lab_unwrap() {
	local var=$1 w=${!1} line lib=
	[ -f "$w" ] && [ -x "${w%/*}/.libs/${w##*/}" ] || return 0
	while IFS= read -r line; do
		case $line in
		*'LD_LIBRARY_PATH="'*':$LD_LIBRARY_PATH"')
			lib=${line#*LD_LIBRARY_PATH=\"}
			lib=${lib%:\$LD_LIBRARY_PATH\"} ;;
		esac
	done < "$w"
	[ -n "$lib" ] || return 0
	case ":${LD_LIBRARY_PATH:-}:" in
	*":$lib:"*) ;;
	*) export LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ;;
	esac
	printf -v "$var" %s "${w%/*}/.libs/${w##*/}"
}
lab_unwrap IPVSADM
lab_unwrap RS_SETUP
# Short and unique: interface and namespace names stay readable.
LAB=${LAB:-e$$}
TEST_TMPDIR=${TEST_TMPDIR:-/tmp/$LAB}
mkdir -p "$TEST_TMPDIR"

# Addresses used by the stock topologies.
VIP=10.0.0.100
VIP6=fd00::100
CLIENT=10.0.0.10
CLIENT6=fd00::10

_lab_nodes=()		# named namespaces, without the prefix
_lab_pids=()		# background processes to stop on exit
_lab_main=		# ip -batch text run in the client namespace
declare -A _lab_ip=()	# per node: ip -batch text
declare -A _lab_sys=()	# per node: sysctl assignments
declare -A _lab_segs=()	# bridges already queued

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
note() { echo "-- $*"; }

# nap, wait_until, wait_steady, wait_listen: bounded waits without a process.
. "$TOP_SRCDIR/tests/wait.sh"

lab_cleanup() {
	local rc=$? p cmds=
	trap - EXIT
	for p in "${_lab_pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	for p in "${_lab_pids[@]}"; do
		wait "$p" 2>/dev/null
	done
	for p in "${_lab_nodes[@]}" sw; do
		[ -e "/run/netns/$LAB-$p" ] && cmds+="netns del $LAB-$p"$'\n'
	done
	[ -n "$cmds" ] && ip -force -batch - <<<"$cmds" 2>/dev/null
	exit $rc
}
trap lab_cleanup EXIT
trap 'exit 130' INT TERM HUP

# on NODE CMD...: run CMD in a node's namespace ("client" is our own).
on() {
	local n=$1
	shift
	if [ "$n" = client ]; then
		"$@"
	else
		ip netns exec "$LAB-$n" "$@"
	fi
}

# bg NODE CMD...: like on, in the background; stopped at exit.  CMD is
# started directly (not through a function) so that $! is its process.
bg() {
	local n=$1
	shift
	if [ "$n" = client ]; then
		"$@" &
	else
		ip netns exec "$LAB-$n" "$@" &
	fi
	_lab_pids+=($!)
}

lab_node() {
	local n
	for n; do
		_lab_nodes+=("$n")
		_lab_main+="netns add $LAB-$n"$'\n'
		_lab_ip[$n]+="link set lo up"$'\n'
	done
}

# lab_wire NODE IFNAME SEGMENT [ADDR/LEN...]: a veth from NODE to the
# bridge SEGMENT, with addresses (IPv6 ones skip duplicate detection).
lab_wire() {
	local n=$1 ifn=$2 seg=$3 a peer
	shift 3
	if [ -z "${_lab_segs[$seg]:-}" ]; then
		_lab_segs[$seg]=1
		_lab_main+="link add $seg netns $LAB-sw type bridge"$'\n'
		_lab_ip[sw]+="link set $seg up"$'\n'
	fi
	peer="$n-$ifn"
	peer=${peer:0:15}
	# Name the new link by its unique switch-side name: the kernel looks
	# that one up in our namespace, where the client's eth0 may exist.
	if [ "$n" = client ]; then
		_lab_main+="link add $peer netns $LAB-sw type veth peer name $ifn"$'\n'
	else
		_lab_main+="link add $peer netns $LAB-sw type veth peer name $ifn netns $LAB-$n"$'\n'
	fi
	_lab_ip[sw]+="link set $peer master $seg up"$'\n'
	_lab_ip[$n]+="link set $ifn up"$'\n'
	for a; do
		case $a in
		*:*) _lab_ip[$n]+="addr add $a dev $ifn nodad"$'\n' ;;
		*) _lab_ip[$n]+="addr add $a dev $ifn"$'\n' ;;
		esac
	done
}

# lab_addr NODE IFNAME ADDR/LEN...: more addresses (e.g. a VIP).
lab_addr() {
	local n=$1 ifn=$2 a
	shift 2
	for a; do
		case $a in
		*:*) _lab_ip[$n]+="addr add $a dev $ifn nodad"$'\n' ;;
		*) _lab_ip[$n]+="addr add $a dev $ifn"$'\n' ;;
		esac
	done
}

# lab_route NODE ROUTE...: e.g. lab_route rs1 default via 192.168.1.1
lab_route() {
	local n=$1 r
	shift
	r="$*"
	case $r in
	default*:*) _lab_ip[$n]+="route add ::/0 ${r#default }"$'\n' ;;
	*) _lab_ip[$n]+="route add $r"$'\n' ;;
	esac
}

# lab_sysctl NODE KEY=VALUE...
lab_sysctl() {
	local n=$1
	shift
	_lab_sys[$n]+=" $*"
}

# Create everything queued so far.
lab_commit() {
	local n kv k
	if [ ! -e "/run/netns/$LAB-sw" ]; then
		_lab_main="netns add $LAB-sw"$'\n'"$_lab_main"
	fi
	ip -batch - <<<"$_lab_main" || fail "cannot create the namespaces and links"
	_lab_main=
	for n in sw "${_lab_nodes[@]}" client; do
		if [ -n "${_lab_ip[$n]:-}" ]; then
			if [ "$n" = client ]; then
				ip -batch - <<<"${_lab_ip[$n]}"
			else
				ip -n "$LAB-$n" -batch - <<<"${_lab_ip[$n]}"
			fi || fail "cannot configure node $n"
		fi
		if [ -n "${_lab_sys[$n]:-}" ]; then
			if [ "$n" = client ]; then
				for kv in ${_lab_sys[$n]}; do
					k=${kv%%=*}
					echo "${kv#*=}" > "/proc/sys/${k//.//}" ||
						fail "cannot set $kv on the client"
				done
			else
				# shellcheck disable=SC2086
				on "$n" sysctl -q -w ${_lab_sys[$n]} >/dev/null ||
					fail "cannot set sysctls on $n"
			fi
		fi
		_lab_ip[$n]=
		_lab_sys[$n]=
	done
}

# lab_serve NODE NAME PROTO:PORT...: start e2e-server in NODE.
lab_serve() {
	local n=$1 name=$2
	shift 2
	rm -f "$TEST_TMPDIR/$n.ready"
	bg "$n" python3 -S "$E2E_DIR/e2e-server" "$name" "$@" --ready "$TEST_TMPDIR/$n.ready"
}

# lab_ready NODE...: wait until those servers listen.
lab_ready() {
	local n
	for n; do
		wait_until 20 test -e "$TEST_TMPDIR/$n.ready" || fail "the server in $n did not start"
	done
}

# poll SECONDS WHAT CMD...: wait until CMD succeeds; fail after SECONDS.
poll() {
	local limit=$1 what=$2
	shift 2
	wait_until "$limit" "$@" || fail "timed out after ${limit}s waiting for $what"
}

# ipvs ARGS...: our ipvsadm on the director.
ipvs() { on dir "$IPVSADM" "$@"; }
# ipvs_rules: our ipvsadm -R on the director, rules on stdin (one process
# for the whole table).
ipvs_rules() { on dir "$IPVSADM" -R; }
# ipvs_on NODE ARGS...: our ipvsadm on another director.
ipvs_on() { local n=$1; shift; on "$n" "$IPVSADM" "$@"; }

# rs_setup NODE VERB ARGS...: our rs-setup on a real server, with a state
# file of that node's own (every namespace shares the one /run inside UML)
# and no config file (the host's /etc is visible inside UML).
rs_setup() {
	local n=$1 verb=$2
	shift 2
	on "$n" "$RS_SETUP" "$verb" --config /dev/null --state "$TEST_TMPDIR/$n.rs-state" "$@"
}

# client KIND HOST PORT N [--count] [--src A[,B...]]: N requests from the
# client namespace; see e2e-client.  Plain TCP and HTTP without --src run
# in this shell (bash /dev/tcp: no process to start); the rest in Python.
client() {
	case "$1 $*" in
	"tcp "*--src*|"http "*--src*) ;;
	"tcp "*|"http "*) _client_bash "$@"; return ;;
	esac
	python3 -S "$E2E_DIR/e2e-client" "$@"
}
_client_bash() {
	local kind=$1 host=$2 port=$3 n=$4 count=${5:-} i fd line name order=()
	local -A tally=()
	for ((i = 0; i < n; i++)); do
		name=
		if { exec {fd}<>"/dev/tcp/$host/$port"; } 2>/dev/null; then
			if [ "$kind" = http ]; then
				printf 'GET / HTTP/1.0\r\nHost: %s\r\n\r\n' "$host" >&"$fd"
				read -r -t 3 line <&"$fd"
				if [[ $line == "HTTP/1.0 200"* ]]; then
					while read -r -t 3 line <&"$fd" && [ -n "${line%$'\r'}" ]; do :; done
					read -r -t 3 name <&"$fd"
				fi
			else
				read -r -t 3 name <&"$fd"
			fi
			exec {fd}>&-
		fi
		[ -n "$name" ] || name="!failed"
		if [ -n "$count" ]; then
			[ -n "${tally[$name]:-}" ] || order+=("$name")
			tally[$name]=$((${tally[$name]:-0} + 1))
		else
			echo "$name"
		fi
		# Stop at the first failure: the test fails anyway.
		[ "$name" = "!failed" ] && break
	done
	for name in "${order[@]}"; do echo "$name ${tally[$name]}"; done
	[ "$name" != "!failed" ]
}

# ---- stock topologies ----

# Both are dual-stack (VIP and VIP6); arguments are more client addresses.
# NAT: the client and the VIP on "ext", the real servers on "int" behind
# the director, which is their default gateway.
lab_nat() {
	lab_node dir rs1 rs2
	lab_sysctl client net.ipv4.tcp_syn_retries=1
	lab_wire client eth0 ext 10.0.0.10/24 fd00::10/64 "$@"
	lab_wire dir eth0 ext 10.0.0.2/24 fd00::2/64
	lab_addr dir eth0 $VIP/32 $VIP6/128
	lab_wire dir eth1 int 192.168.1.1/24 fd01::1/64
	lab_wire rs1 eth0 int 192.168.1.11/24 fd01::11/64
	lab_wire rs2 eth0 int 192.168.1.12/24 fd01::12/64
	lab_route rs1 default via 192.168.1.1
	lab_route rs2 default via 192.168.1.1
	lab_route rs1 default via fd01::1
	lab_route rs2 default via fd01::1
	lab_sysctl dir net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	lab_commit
	RIP1=192.168.1.11 RIP2=192.168.1.12 RIP1_6=fd01::11 RIP2_6=fd01::12
}

# DR: everyone on one segment.  The director holds the VIP on eth0 and
# answers ARP/ND for it; the real servers get it from rs-setup.
lab_dr() {
	lab_node dir rs1 rs2
	lab_sysctl client net.ipv4.tcp_syn_retries=1
	lab_wire client eth0 lan 10.0.0.10/24 fd00::10/64 "$@"
	lab_wire dir eth0 lan 10.0.0.2/24 fd00::2/64
	lab_addr dir eth0 $VIP/32 $VIP6/128
	lab_wire rs1 eth0 lan 10.0.0.11/24 fd00::11/64
	lab_wire rs2 eth0 lan 10.0.0.12/24 fd00::12/64
	lab_commit
	RIP1=10.0.0.11 RIP2=10.0.0.12 RIP1_6=fd00::11 RIP2_6=fd00::12
}

# TUN: the same wiring; the director does not route.
lab_tun() {
	lab_node dir rs1 rs2
	lab_sysctl client net.ipv4.tcp_syn_retries=1
	lab_wire client eth0 lan 10.0.0.10/24
	lab_wire dir eth0 lan 10.0.0.2/24
	lab_addr dir eth0 $VIP/32
	lab_wire rs1 eth0 lan 10.0.0.11/24
	lab_wire rs2 eth0 lan 10.0.0.12/24
	lab_sysctl dir net.ipv4.ip_forward=0 net.ipv4.conf.all.send_redirects=0
	lab_commit
	RIP1=10.0.0.11 RIP2=10.0.0.12
}

# ---- checks ----

# expect_all NAME LIST: every word of LIST is NAME.
expect_all() {
	local want=$1 w
	shift
	for w in $*; do
		[ "$w" = "$want" ] || fail "expected only $want, got: $(echo $*)"
	done
}

# alternates LIST: two names, strictly alternating.
alternates() {
	local prev= w n=0 seen=
	for w in $*; do
		case $w in '!'*) fail "a request failed: $(echo $*)" ;; esac
		[ "$w" != "$prev" ] || fail "not alternating: $(echo $*)"
		case " $seen " in *" $w "*) ;; *) seen+=" $w" ;; esac
		prev=$w
		n=$((n + 1))
	done
	[ $n -ge 2 ] || fail "too few answers: $(echo $*)"
	set -- $seen
	[ $# = 2 ] || fail "expected two servers, got:$seen"
}

# hold VAR HOST PORT: open a TCP connection, keep its fd in VAR and the
# name of the server in ${VAR}_name.
hold() {
	local var=$1 fd name
	exec {fd}<>"/dev/tcp/$2/$3" || fail "cannot connect to $2:$3"
	read -r -t 3 name <&"$fd" || fail "no greeting on $2:$3"
	printf -v "$var" %s "$fd"
	printf -v "${var}_name" %s "$name"
}

# talk FD LINE: send a line on a held connection; echo the answer.
talk() {
	local ans
	echo "$2" >&"$1" || return 1
	read -r -t 3 ans <&"$1" || return 1
	echo "$ans"
}
release() { eval "exec $1>&-"; }

# rs_start NODE dr|ipip|gue|gre VIP...: make NODE a real server for VIPs
# with our rs-setup (gue uses UDP port 6080).  rs_stop NODE undoes it.
rs_start() {
	local n=$1 mode=$2 v args=()
	shift 2
	case $mode in
	dr) args=(--mode dr) ;;
	gue) args=(--mode tun --tun-type gue --tun-port 6080) ;;
	*) args=(--mode tun --tun-type "$mode") ;;
	esac
	for v; do args+=(--vip "$v"); done
	rs_setup "$n" start "${args[@]}"
}
rs_stop() { rs_setup "$1" stop; }

# rip NAME: the IPv4 address of real server NAME (rs1, rs2).
rip() { case $1 in rs1) echo "$RIP1" ;; rs2) echo "$RIP2" ;; *) fail "no real server $1" ;; esac; }
other() { case $1 in rs1) echo rs2 ;; rs2) echo rs1 ;; *) fail "no real server $1" ;; esac; }

# within N WANT PCT: N is WANT +- PCT percent.
within() { [ $(($1 * 100)) -ge $(($2 * (100 - $3))) ] && [ $(($1 * 100)) -le $(($2 * (100 + $3))) ]; }
