# The README's labs as tests (sourced after lib.sh): the shell blocks of
# README.md's labs, run as written in the lab's machines.
#
# In README.md, the comment before a block names its lab and step, and the
# block's first line names the machines it runs on:
#
#   <!-- lab: LAB STEP -->
#   ```sh
#   # on the director            (or: # on rs1 and rs2, # on the client, ...)
#   commands
#   ```
#
# "the director" is node dir, "the client" this test's own namespace, any
# other name a node of that name.  A test runs its lab's steps in order
# (readme_run, readme_until, readme_bg), asserts what they did, and ends
# with readme_done LAB, which fails when a block of LAB did not run: a
# command added to the README is a command a test runs.
#
# Where a machine here differs from a real one, and only there:
#  - the build tree's ipvsadm and rs-setup come first on PATH;
#  - iptables is iptables-legacy: the UML kernel's nf_tables refuses every
#    table, and the rules mean the same to both;
#  - readme_private DIR... gives every machine but the client its own DIR
#    (e.g. /run, /etc/keepalived) by a bind mount in the mount namespace
#    ip netns exec makes for each command; /etc/rs-setup.conf, if the host
#    has one, is hidden;
#  - a block runs with bash -e -o pipefail, in a scratch directory of its
#    machine, killed after README_LAB_LIMIT seconds.

README_MD=$TOP_SRCDIR/README.md
README_LAB_LIMIT=${README_LAB_LIMIT:-120}
_rl=$TEST_TMPDIR/readme
_rl_private=
_rl_groups=()		# process groups of background blocks
declare -A _rl_hosts=()	# LAB/STEP -> nodes
declare -A _rl_ran=()	# LAB/STEP -> 1 once run
declare -A _rl_made=()	# machines whose directories exist
_rl_order=()		# LAB/STEP in README order

_readme_cleanup() {
	local rc=$? g f p
	for g in "${_rl_groups[@]}"; do
		kill -- "-$g" 2>/dev/null
	done
	# Daemons a block started (keepalived) left their pid in a private /run.
	for f in "$_rl"/m/*/_run/*.pid; do
		[ -f "$f" ] || continue
		p=$(<"$f")
		kill "$p" 2>/dev/null && wait_until 10 _rl_gone "$p"
	done
	(exit $rc)
	lab_cleanup
}
_rl_gone() { ! kill -0 "$1" 2>/dev/null; }
trap _readme_cleanup EXIT

# _rl_nodes "HOST LINE": the node names in a block's first line.
_rl_nodes() {
	local line=$1 w out=()
	case $line in
	'# on '*) line=${line#'# on '} ;;
	*) return 1 ;;
	esac
	line=${line//,/ }
	for w in $line; do
		case $w in
		the|and) ;;
		director) out+=(dir) ;;
		*) out+=("$w") ;;
		esac
	done
	[ ${#out[@]} -gt 0 ] || return 1
	echo "${out[*]}"
}

# Split README.md into one script per block, under $_rl/blocks/LAB.STEP.
readme_load() {
	local line n=0 key= in=0 first=0 hosts section= labs=0
	mkdir -p "$_rl/blocks" "$_rl/bin" "$_rl/out" || fail "cannot make $_rl"
	while IFS= read -r line; do
		n=$((n + 1))
		if [ $in = 1 ]; then
			if [ "$line" = '```' ]; then
				in=0
				continue
			fi
			if [ $first = 1 ]; then
				first=0
				hosts=$(_rl_nodes "$line") ||
					fail "README.md:$n: lab $key: the block's first line must say '# on MACHINE', not: $line"
				_rl_hosts[$key]=$hosts
			fi
			printf '%s\n' "$line" >> "$_rl/blocks/${key/\//.}"
			continue
		fi
		case $line in
		'## '*)
			section=$line
			case $section in '## Labs'*) labs=1 ;; esac
			;;
		'```sh')
			case $section in
			'## Labs'*) fail "README.md:$n: a shell block in the labs without a <!-- lab: LAB STEP --> comment before it" ;;
			esac
			;;
		'<!-- lab: '*' -->')
			set -- ${line#'<!-- lab: '}
			[ $# = 3 ] || fail "README.md:$n: want <!-- lab: LAB STEP -->, got: $line"
			key=$1/$2
			[ -z "${_rl_hosts[$key]:-}" ] || fail "README.md:$n: lab step $key is there twice"
			_rl_order+=("$key")
			_rl_hosts[$key]=pending
			IFS= read -r line || fail "README.md: the file ends after the lab comment for $key"
			n=$((n + 1))
			[ "$line" = '```sh' ] || fail "README.md:$n: a lab comment must come right before a \`\`\`sh block ($key)"
			in=1 first=1
			: > "$_rl/blocks/${key/\//.}"
			;;
		esac
	done < "$README_MD"
	[ $in = 0 ] || fail "README.md: the block of $key has no end"
	[ $labs = 1 ] || fail "README.md has no '## Labs' section"
	ln -sf "$IPVSADM" "$_rl/bin/ipvsadm"
	ln -sf "$RS_SETUP" "$_rl/bin/rs-setup"
	ln -sf "$(command -v iptables-legacy)" "$_rl/bin/iptables"
	# What every block runs through: the machine's private directories,
	# its scratch directory, our programs first on PATH.
	cat > "$_rl/machine" <<'EOF'
host=$1 script=$2
if [ "$host" != client ]; then
	for d in $README_LAB_PRIVATE; do
		mount --bind "$README_LAB_M/$host/${d//\//_}" "$d" || exit 97
	done
	if [ -e /etc/rs-setup.conf ]; then mount --bind /dev/null /etc/rs-setup.conf || exit 97; fi
fi
cd "$README_LAB_M/$host/home" || exit 97
PATH=$README_LAB_BIN:$PATH
exec bash -e -o pipefail "$script"
EOF
}

# readme_private DIR...: each machine gets its own, empty DIR.
readme_private() { _rl_private+=" $*"; }

# _rl_prepare HOST
_rl_prepare() {
	local d dirs=("$_rl/m/$1/home")
	[ -z "${_rl_made[$1]:-}" ] || return 0
	for d in $_rl_private; do dirs+=("$_rl/m/$1/${d//\//_}"); done
	mkdir -p "${dirs[@]}" || fail "cannot make the directories of $1"
	_rl_made[$1]=1
}

_rl_check() {
	[ -n "${_rl_hosts[$1]:-}" ] || fail "README.md has no lab step $1"
}

# _rl_exec KEY HOST OUT: run the block of KEY on HOST, output to OUT.
_rl_exec() {
	local key=$1 host=$2 out=$3
	_rl_prepare "$host"
	README_LAB_PRIVATE=$_rl_private README_LAB_M=$_rl/m README_LAB_BIN=$_rl/bin \
		on "$host" timeout "$README_LAB_LIMIT" bash "$_rl/machine" "$host" \
		"$_rl/blocks/${key/\//.}" > "$out" 2>&1
}

_rl_show() {
	echo "== README $1 on $2:"
	sed '1d; s/^/   $ /' "$_rl/blocks/${1/\//.}"
}

# readme_run LAB/STEP: run the step on each of its machines in turn; its
# output is shown and kept in README_OUT (of the last machine) and in
# $TEST_TMPDIR/readme/out/LAB.STEP.HOST.
readme_run() {
	local key=$1 host rc out
	_rl_check "$key"
	for host in ${_rl_hosts[$key]}; do
		_rl_show "$key" "$host"
		out=$_rl/out/${key/\//.}.$host
		_rl_exec "$key" "$host" "$out"
		rc=$?
		sed 's/^/     /' "$out"
		README_OUT=$(<"$out")
		[ $rc = 0 ] || fail "README step $key failed on $host (exit $rc)"
	done
	_rl_ran[$key]=1
}

# readme_until SECONDS LAB/STEP CHECK...: run the step (one machine) until
# CHECK succeeds (it reads README_OUT); fail after SECONDS.
readme_until() {
	local limit=$1 key=$2 host out rc
	shift 2
	_rl_check "$key"
	host=${_rl_hosts[$key]}
	[ "$host" = "${host% *}" ] || fail "readme_until: $key runs on more than one machine"
	out=$_rl/out/${key/\//.}.$host
	_rl_show "$key" "$host"
	_rl_until_once() {
		_rl_exec "$key" "$host" "$out"
		rc=$?
		README_OUT=$(<"$out")
		[ $rc = 0 ] && "$@"
	}
	wait_until "$limit" _rl_until_once "$@"
	rc=$?
	sed 's/^/     /' "$out"
	[ $rc = 0 ] || fail "README step $key on $host: timed out after ${limit}s waiting for $*"
	_rl_ran[$key]=1
}

# readme_bg LAB/STEP: start the step (one machine) in the background, in a
# process group of its own, stopped at exit; its output goes to the file
# README_BG_OUT as it comes.
readme_bg() {
	local key=$1 host
	_rl_check "$key"
	host=${_rl_hosts[$key]}
	[ "$host" = "${host% *}" ] || fail "readme_bg: $key runs on more than one machine"
	_rl_show "$key" "$host"
	_rl_prepare "$host"
	README_BG_OUT=$_rl/out/${key/\//.}.$host
	: > "$README_BG_OUT"
	local ns=()
	[ "$host" = client ] || ns=(ip netns exec "$LAB-$host")
	README_LAB_PRIVATE=$_rl_private README_LAB_M=$_rl/m README_LAB_BIN=$_rl/bin \
		setsid "${ns[@]}" bash "$_rl/machine" "$host" \
		"$_rl/blocks/${key/\//.}" > "$README_BG_OUT" 2>&1 &
	_rl_groups+=($!)
	_rl_ran[$key]=1
}

# readme_lan [RS_SYSCTL...]: the machines of the README's LVS-DR lab, with
# their own addresses only: client, dir, rs1 and rs2 on one segment; the
# real servers get RS_SYSCTLs (KEY=VALUE).
readme_lan() {
	lab_node dir rs1 rs2
	lab_sysctl client net.ipv4.tcp_syn_retries=1
	lab_wire client eth0 lan 10.0.0.10/24
	lab_wire dir eth0 lan 10.0.0.2/24
	lab_wire rs1 eth0 lan 10.0.0.11/24
	lab_wire rs2 eth0 lan 10.0.0.12/24
	if [ $# -gt 0 ]; then
		lab_sysctl rs1 "$@"
		lab_sysctl rs2 "$@"
	fi
	lab_commit
}

# readme_out LAB/STEP HOST: what the step printed on HOST.
readme_out() { cat "$_rl/out/${1/\//.}.$2"; }

# readme_done LAB: every block of LAB ran.
readme_done() {
	local key missing=
	for key in "${_rl_order[@]}"; do
		[ "${key%%/*}" = "$1" ] || continue
		[ -n "${_rl_ran[$key]:-}" ] || missing+=" $key"
	done
	[ -z "$missing" ] || fail "README blocks no test ran:$missing"
	note "every README block of lab $1 ran"
}

readme_load
