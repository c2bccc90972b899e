# End-to-end helpers: one L2 segment (a bridge in the test's namespace)
# joining a client, a director and two real servers, each in a namespace
# named $P<role>.  The client reaches the VIP by ARP/ND only.
. "$TOP_SRCDIR/tests/kernel/rs/lib.sh"

# The director is configured with our ipvsadm.
IPVS=$IPVSADM
VIP=192.0.2.100
VIP6=2001:db8:1::100

in_ns() { local n=$1; shift; ip netns exec "$P$n" "$@"; }

cleanup() {
	local n
	jobs -p | xargs -r kill 2>/dev/null
	for n in cl dir rs1 rs2; do ip netns del "$P$n" 2>/dev/null; done
}
trap cleanup EXIT

setup_lan() {
	local n i=0
	ip link add br0 type bridge
	ip link set br0 up
	for n in cl dir rs1 rs2; do
		ip netns add "$P$n"
		ip link add "$n" type veth peer name eth0 netns "$P$n"
		ip link set "$n" master br0 up
		ip -n "$P$n" link set lo up
		ip -n "$P$n" link set eth0 up
	done
	for n in cl:1 dir:2 rs1:11 rs2:12; do
		ip -n "$P${n%:*}" addr add "192.0.2.${n#*:}/24" dev eth0
		ip -n "$P${n%:*}" addr add "2001:db8:1::${n#*:}/64" dev eth0 nodad
	done
	ip -n "${P}dir" addr add "$VIP/32" dev eth0
	ip -n "${P}dir" addr add "$VIP6/128" dev eth0 nodad
	for n in rs1 rs2; do
		# Each server says who it is, on every local address (VIP included).
		in_ns "$n" socat TCP6-LISTEN:80,ipv6only=0,fork,reuseaddr SYSTEM:"echo $n" &
	done
	for n in rs1 rs2; do
		wait_listen 10 "$P$n" tcp 80 || fail "the server in $n does not listen"
	done
}

mac_of() { ip -n "$P$1" -o link show eth0 | sed 's/.*link\/ether \([^ ]*\).*/\1/'; }

# rs_on NS ARGS...: rs-setup in a real server's namespace, own state file.
rs_on() {
	local n=$1
	shift
	in_ns "$n" env RS_SETUP_STATE="$TEST_TMPDIR/$n.state" "$RS" "$@" ||
		fail "rs-setup $* failed in $n"
}

# Send requests to ADDR; both real servers must answer.
expect_both() {	# expect_both ADDR (socat syntax: 1.2.3.4 or [v6])
	local i out seen=""
	for i in 1 2 3 4; do
		# -t: after our EOF, wait for the reply (the default 0.5 s is short in UML)
		out=$(in_ns cl socat -t5 -T5 - "TCP:$1:80,connect-timeout=3" </dev/null 2>&1)
		echo "request $i to $1: $out"
		seen="$seen $out"
	done
	grep -qw rs1 <<<"$seen" && grep -qw rs2 <<<"$seen" || fail "not both real servers answered: $seen"
}

# The client's neighbour entry for the VIP must be the director's MAC.
expect_neigh_director() {	# expect_neigh_director ADDR
	local entry mac
	mac=$(mac_of dir)
	entry=$(ip -n "${P}cl" neigh show "$1")
	echo "client neighbour: $entry (director $mac, rs1 $(mac_of rs1), rs2 $(mac_of rs2))"
	grep -q "lladdr $mac" <<<"$entry" || fail "the VIP $1 resolved to someone else: $entry"
}

# With the VIP off the director, nobody may answer ARP/ND for it.
expect_no_answer() {	# expect_no_answer ADDR SOCKADDR
	local entry
	ip -n "${P}cl" neigh flush all
	in_ns cl socat -T1 - "TCP:$2:80,connect-timeout=2" </dev/null >/dev/null 2>&1
	entry=$(ip -n "${P}cl" neigh show "$1")
	echo "client neighbour without the director: $entry"
	! grep -q lladdr <<<"$entry" || fail "a real server answered for $1: $entry"
}
