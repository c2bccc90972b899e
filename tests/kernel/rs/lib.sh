# Helpers for rs-setup kernel tests (sourced; runs inside UML as root, in a
# fresh network namespace per test).
set -u
. "$TOP_SRCDIR/tests/wait.sh"
export RS_SETUP_STATE="$TEST_TMPDIR/state"
RS=$RS_SETUP

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

# Run rs-setup, show its output, and require an exit code.
rs_expect() {
	local want=$1 out rc
	shift
	out=$("$RS" "$@" 2>&1); rc=$?
	printf '$ rs-setup %s\n%s\n' "$*" "$out"
	[ "$rc" = "$want" ] || fail "rs-setup $* exited $rc, expected $want"
	RS_OUT=$out
}
out_has() { grep -qF -- "$1" <<<"$RS_OUT" || fail "output lacks '$1'"; }
out_lacks() { ! grep -qF -- "$1" <<<"$RS_OUT" || fail "output has '$1'"; }

sysctl_is() {	# sysctl_is net/ipv4/conf/all/arp_ignore 1
	local v; v=$(cat "/proc/sys/$1")
	[ "$v" = "$2" ] || fail "$1 is $v, expected $2"
}

has_addr() {	# has_addr DEV ADDR/PLEN
	ip -o addr show dev "$1" | grep -qw "inet6\? $2" || fail "$2 not on $1"
}
lacks_addr() {
	! ip -o addr show dev "$1" 2>/dev/null | grep -qw "inet6\? $2" || fail "$2 still on $1"
}
is_up() { ip -o link show dev "$1" | grep -q '<[^>]*\bUP\b' || fail "$1 is not up"; }

# Devices that loading a tunnel module creates in every namespace: they may
# appear during start, and stop leaves them (down, no addresses).
FALLBACK_DEVS="tunl0 sit0 ip6tnl0 gre0 gretap0 erspan0 ip6gre0 ip6gretap0"

# Everything rs-setup could touch: the IPv4/IPv6 conf knobs, the addresses
# and flags of the given devices, and the GUE ports.  Bringing a device up
# for the first time gives it a qdisc and IPv6 settings the kernel never
# takes back; neither is a setting, so only conf directories that existed
# before start are compared and the qdisc is left out.  Carrier and
# operational state are the kernel's and the peer's to decide, at any
# moment, so only the administrative flag (UP or not) is compared.
snapshot() {	# snapshot FILE CONFDIRS DEV...
	local f=$1 confs=$2 d
	shift 2
	{
		# shellcheck disable=SC2086
		grep -r . $confs 2>/dev/null | grep -v '/stable_secret:'
		ip -o link show | link_settings | only_devs "$@"
		ip -o addr show | sed 's/^[0-9]*: //' | only_devs "$@"
		ip fou show 2>/dev/null
		ip -6 fou show 2>/dev/null
		ip -o link show type dummy | link_settings
	} > "$f"
}

# "NAME[@PEER]: <FLAGS> mtu N ..." without index, qdisc, link-layer details,
# operational state, or the flags the kernel sets by itself.
link_settings() {
	sed 's/^[0-9]*: //; s/ link\/.*//; s/ qdisc [^ ]*//; s/ state [A-Z]*//
	     s/ mode [A-Z]*//; s/NO-CARRIER,//; s/,LOWER_UP//; s/,M-DOWN//; s/,DORMANT//'
}


# (Not /sys/class/net: that sysfs belongs to the initial namespace.)
devices() { ip -o link show | awk '{ n = $2; sub(/[@:].*/, "", n); print n }'; }
# Keep the lines whose first word names one of the devices given.
only_devs() { awk -v list=" $* " '{ n = $1; sub(/[@:].*/, "", n); if (index(list, " " n " ")) print }'; }

# snapshot_before; ...; snapshot_compare: state after stop == state before.
snapshot_before() {
	SNAP_DEVS=$(devices)
	SNAP_CONFS=$(echo /proc/sys/net/ipv4/conf/* /proc/sys/net/ipv6/conf/*)
	# shellcheck disable=SC2086
	snapshot "$TEST_TMPDIR/before" "$SNAP_CONFS" $SNAP_DEVS
}
snapshot_compare() {
	local d
	# shellcheck disable=SC2086
	snapshot "$TEST_TMPDIR/after" "$SNAP_CONFS" $SNAP_DEVS
	diff -u "$TEST_TMPDIR/before" "$TEST_TMPDIR/after" || fail "stop did not restore the state"
	for d in $(devices); do
		grep -qxF "$d" <<<"$SNAP_DEVS" && continue
		grep -qw "$d" <<<"$FALLBACK_DEVS" || fail "device $d left behind"
		! ip -o link show dev "$d" | grep -q '<[^>]*\bUP\b' || fail "$d left up"
		[ -z "$(ip -o addr show dev "$d")" ] || fail "$d left with addresses"
	done
	[ ! -e "$RS_SETUP_STATE" ] || fail "state file left behind"
	echo "state restored"
}

# A veth to a peer namespace so ARP-capable interfaces exist.  The peer
# stays down; the kernel's link watcher marks the local end LOWERLAYERDOWN
# a moment later, so wait for that before anyone takes a snapshot.
add_veth() {	# add_veth LOCAL PEER_NS
	ip netns add "$2" 2>/dev/null
	ip link add "$1" type veth peer name "$1-p" netns "$2"
	ip link set "$1" up
	wait_until 10 link_settled "$1" || fail "$1 did not settle in 10 s"
}
link_settled() { ! ip -o link show dev "$1" | grep -q ' state UNKNOWN '; }
