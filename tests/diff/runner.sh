# Differential test runner: Debian's ipvsadm 1.31 (the oracle) against ours.
# Sourced by the executable case files tests/diff/t-*, which run as root
# inside UML (see tests/uml/uml-run) in a network namespace of their own.
#
# A case is one ipvsadm invocation run against a "fixture": a starting
# table built with the oracle (and optionally shell steps such as
# traffic).  For each case the oracle runs first, then ours, on the same
# starting state; stdout, stderr and the exit status are compared byte
# for byte, and for commands that changed something, so is the
# resulting kernel state (the oracle's -S -n, -L -n --thresholds,
# --timeout and --daemon).  Everything is kept in one namespace and the
# state is rebuilt with one oracle -R per side, because every exec
# costs ~90 ms under UML.
#
# Case-file vocabulary (see the t-* files for examples):
#   fixture NAME [LINE...]  starting table: oracle -R lines (after a flush,
#                           default timeouts and no daemons)
#   fixsh 'CODE'            shell run after the fixture's -R (traffic ...)
#   c ARG...                one case: ipvsadm ARG... (no ARG: no arguments)
#   stdin 'TEXT'            stdin for the next case (default /dev/null)
#   name 'TEXT'             a name for the next case (default: its argv)
#   volatile                next case reads timers/rates: the oracle runs
#                           twice and ours must equal one of the two runs
#   helpish                 next case compares only exit status and which
#                           streams are empty (help wording is ours)
#   stats                   next case's state has -L -n --stats --exact in
#                           place of the thresholds view
#   nonroot                 next case runs as user nobody (no IPVS access)
#   xo KEY VALUE            ours is EXPECTED to differ (deliberate): KEY is
#                           rc|out|err|state; VALUE a literal, '~GLOB',
#                           '!GLOB' (must not match),
#                           '@sed:EXPR' (the oracle's, edited by sed -E -e EXPR)
#                           or, for state, '@unchanged' (the fixture's) or
#                           '@as:LINES' (the fixture plus these -R lines)
#   xr KEY VALUE            what the oracle must do (reference behaviour)
#   json ARG...             ours only: --json output must be valid JSON and
#                           agree with the oracle's -S -n on services
#   diff_finish             print the counts; exit status for the test
#
# Settings, from the environment or $TOP_BUILDDIR/tests/diff/diff.conf:
#   DIFF_SELF=1    run the oracle in place of ours (validates the runner)
#   DIFF_ONLY=GLOB run only the cases whose name matches
#   DIFF_VERBOSE=1 print every case, not only failures

set -u
: "${TOP_SRCDIR:?}" "${TOP_BUILDDIR:?}" "${TEST_TMPDIR:?}"
ORACLE=${ORACLE:-/usr/sbin/ipvsadm}
IPVSADM=${IPVSADM:-$TOP_BUILDDIR/src/ipvsadm/ipvsadm}
DIFF_SELF=${DIFF_SELF:-0}
DIFF_ONLY=${DIFF_ONLY:-*}
DIFF_VERBOSE=${DIFF_VERBOSE:-0}
if [ -f "$TOP_BUILDDIR/tests/diff/diff.conf" ]; then
	. "$TOP_BUILDDIR/tests/diff/diff.conf"
fi
DIFF_DIR=$TOP_SRCDIR/tests/diff

# A private mount namespace so our hosts file (names the cases resolve)
# can be bind-mounted over /etc/hosts without touching anyone else's.
if [ -z "${DIFF_IN_MNTNS:-}" ]; then
	export DIFF_IN_MNTNS=1
	exec unshare -m --propagation private -- "$0" "$@"
fi
mount --bind "$DIFF_DIR/hosts" /etc/hosts || exit 99
mount --bind "$DIFF_DIR/nsswitch.conf" /etc/nsswitch.conf || exit 99
# Bounded waits (wait_until, wait_steady, wait_listen) for fixture shell steps.
. "$TOP_SRCDIR/tests/wait.sh"

DIFF_GROUP=$(basename "$0")
W=$TEST_TMPDIR/w
rm -rf "$W"
mkdir -p "$W"
: > "$W/empty"
FAILLOG=$TEST_TMPDIR/failures.txt
: > "$FAILLOG"

# Ours is usually a libtool wrapper script that would exec the real
# binary under its own path, which changes argv[0] (it appears in
# messages).  Run the real binary with the library path set instead.
OURS_BIN=$IPVSADM
OURS_LD=
if [ "$DIFF_SELF" = 1 ]; then
	OURS_BIN=$ORACLE
elif [ -f "$IPVSADM" ] && [ "$(head -c 2 "$IPVSADM")" = '#!' ]; then
	d=$(dirname "$IPVSADM") b=$(basename "$IPVSADM")
	if [ -x "$d/.libs/lt-$b" ]; then OURS_BIN=$d/.libs/lt-$b; else OURS_BIN=$d/.libs/$b; fi
	OURS_LD=$TOP_BUILDDIR/lib/.libs
fi
mkdir -p "$W/bin-oracle" "$W/bin-ours"
ln -s "$ORACLE" "$W/bin-oracle/ipvsadm"
ln -s "$OURS_BIN" "$W/bin-ours/ipvsadm"
chmod 755 "$W" "$TEST_TMPDIR"

# Processes are started by diff-spawn (see diff-spawn.c) when it is built.
SPAWN_PID=
if [ -x "$TOP_BUILDDIR/tests/diff/diff-spawn" ]; then
	coproc SPAWN { exec "$TOP_BUILDDIR/tests/diff/diff-spawn"; }
fi

STATE_LINES=$'-S -n\n-L -n --thresholds\n-L --timeout\n-L --daemon\n'
# With `stats`, counters replace the thresholds view (whose connection
# counts include older connections still bound to a re-added server).
STATS_LINES=$'-S -n\n-L -n --stats --exact\n-L --timeout\n-L --daemon\n'
RESET_LINES=$'--stop-daemon master\n--stop-daemon backup\n-C\n--set 900 120 300\n'

n_total=0 n_same=0 n_expected=0 n_fail=0 n_skip=0
FIX_NAME=none FIX_LINES=() FIX_SH='' FIX_DIRTY=1 FIX_BROKEN=0
JSON_LIST=()
_reset_mods() {
	M_IN=$W/empty M_INLEN=0 M_NAME='' M_VOLATILE=0 M_HELPISH=0 M_STATS=0 M_MUT=0
	M_NONROOT=0
	declare -gA XO=() XR=()
}
_reset_mods

# ---- running ipvsadm -------------------------------------------------------

# _run WHO STDIN PREFIX ARG...: WHO is oracle or ours; writes PREFIX.out
# and PREFIX.err and sets RC.  argv[0] is "ipvsadm" for both.
_run() {
	local who=$1 in=$2 p=$3 bin=$ORACLE env=() argv
	shift 3
	local out=$p.out
	# The state capture writes straight to PREFIX.state (no mv: every
	# process costs ~0.1 s under UML).
	[ "${p%.st}" != "$p" ] && out=${p%.st}.state
	if [ "$who" = ours ]; then
		bin=$OURS_BIN
		[ -n "$OURS_LD" ] && env+=("LD_LIBRARY_PATH=$OURS_LD")
	fi
	argv=(ipvsadm "$@")
	if [ "$M_NONROOT" = 1 ] && [ "$p" = "$W/o" -o "$p" = "$W/u" -o "$p" = "$W/o2" ]; then
		# As nobody, through a PATH lookup so argv[0] stays "ipvsadm".
		env+=("PATH=$W/bin-$who:$PATH")
		bin=setpriv
		argv=(setpriv --reuid=65534 --regid=65534 --clear-groups "${argv[@]}")
	fi
	if [ -n "${SPAWN_PID:-}" ]; then
		printf '%s\n' "$bin" "$in" "$out" "$p.err" ${#env[@]} "${env[@]}" \
			${#argv[@]} "${argv[@]}" >&"${SPAWN[1]}"
		IFS= read -r RC <&"${SPAWN[0]}" || { echo "runner: diff-spawn died" >&2; exit 99; }
		return
	fi
	if [ "$bin" = setpriv ]; then
		(export "${env[@]}"; exec "${argv[@]}") < "$in" > "$out" 2> "$p.err"
	elif [ ${#env[@]} -gt 0 ]; then
		(export "${env[@]}"; exec -a ipvsadm "$bin" "$@") < "$in" > "$out" 2> "$p.err"
	else
		(exec -a ipvsadm "$bin" "$@") < "$in" > "$out" 2> "$p.err"
	fi
	RC=$?
}

# _slurp VAR FILE: the file's exact bytes into VAR (no fork).
_slurp() { IFS= read -r -d '' "$1" < "$2"; }

# The reset step prints one of these per daemon it did not find.
_strip_reset_noise() {
	local v=$1
	v=${v//$'No daemon is running\n'/}
	REPLY=$v
}

# _state PREFIX: capture the kernel state into PREFIX.state, then reset
# to the fixture.  One oracle run; the fixture's shell steps follow.
_state() {
	local p=$1 st=$STATE_LINES e
	[ "$M_STATS" = 1 ] && st=$STATS_LINES
	{
		printf '%s%s' "$st" "$RESET_LINES"
		[ ${#FIX_LINES[@]} -gt 0 ] && printf '%s\n' "${FIX_LINES[@]}"
	} > "$W/state.in"
	_run oracle "$W/state.in" "$p.st" -R
	_slurp e "$p.st.err"
	_strip_reset_noise "$e"
	if [ -n "$REPLY" ]; then
		echo "runner: state capture/reset for fixture '$FIX_NAME' printed:"
		printf '%s' "$REPLY" | sed 's/^/    /'
		FIX_BROKEN=1
	fi
	_fixture_shell
}

_fixture_shell() {
	[ -n "$FIX_SH" ] || return 0
	if ! (eval "$FIX_SH") > "$W/fixsh.log" 2>&1; then
		echo "runner: fixture '$FIX_NAME' shell steps failed:"
		sed 's/^/    /' "$W/fixsh.log"
		FIX_BROKEN=1
	fi
}

# Build the fixture from scratch (first use, or after a case left the
# table in an unknown state).
_establish() {
	local e
	{
		printf '%s' "$RESET_LINES"
		[ ${#FIX_LINES[@]} -gt 0 ] && printf '%s\n' "${FIX_LINES[@]}"
	} > "$W/fix.in"
	_run oracle "$W/fix.in" "$W/fix" -R
	_slurp e "$W/fix.err"
	_strip_reset_noise "$e"
	if [ -n "$REPLY" ] || [ "$RC" != 0 ]; then
		echo "runner: fixture '$FIX_NAME' did not build (exit $RC):"
		printf '%s' "$REPLY" | sed 's/^/    /'
		FIX_BROKEN=1
	fi
	_fixture_shell
	FIX_DIRTY=0
}

# The current state, as _state captures it, into FIXSTATE (for
# xo state @unchanged, called when the table is back at the fixture).
_fixture_state() {
	local st=$STATE_LINES
	[ "$M_STATS" = 1 ] && st=$STATS_LINES
	printf '%s' "$st" > "$W/fixstate.in"
	_run oracle "$W/fixstate.in" "$W/fixstate" -R
	_slurp FIXSTATE "$W/fixstate.out"
}

# ---- the vocabulary --------------------------------------------------------

fixture() {
	FIX_NAME=$1
	shift
	FIX_LINES=("$@")
	FIX_SH=''
	FIX_DIRTY=1
	FIX_BROKEN=0
}
fixsh() { FIX_SH+=$1$'\n'; FIX_DIRTY=1; }
stdin() { printf '%s' "$1" > "$W/case.in"; M_IN=$W/case.in; M_INLEN=${#1}; }
name() { M_NAME=$1; }
volatile() { M_VOLATILE=1; }
helpish() { M_HELPISH=1; }
nonroot() { M_NONROOT=1; }
stats() { M_STATS=1; }
# gq TEXT: TEXT with glob characters escaped, in REPLY (for '~' specs).
gq() {
	local t=$1
	t=${t//\\/\\\\}
	t=${t//\[/\\[}
	t=${t//\]/\\]}
	t=${t//\*/\\*}
	t=${t//\?/\\?}
	REPLY=$t
}
xo() { XO[$1]=$2; [ "$1" = state ] && M_MUT=1; }
xr() { XR[$1]=$2; }

# Is this argv read-only for the kernel (listing, save, help)?
_readonly_argv() {
	case ${1-} in
	'') return 0 ;;
	-L* | -l* | --list | -S* | --save | -h* | --help | -v* | --version) return 0 ;;
	esac
	return 1
}

_quote_argv() {
	local a s=''
	for a in "$@"; do
		if [[ -z $a || $a =~ [^-A-Za-z0-9_.:/=,@+\[\]] ]]; then
			s+=" '${a//\'/\'\\\'\'}'"
		else
			s+=" $a"
		fi
	done
	REPLY=${s# }
}

# _close_enough A B: the two -L -c listings are equal but for the expire
# column, which may differ by up to 2 s per row (every connection's timer
# ticks on its own, so two runs straddle some second boundary).
_close_enough() {
	local la lb ta tb ra rb re='^([^ ]+ +)([0-9]+):([0-9][0-9])( .*)$' rc=0
	exec 7< "$1" 8< "$2"
	while true; do
		IFS= read -r la <&7; ra=$?
		IFS= read -r lb <&8; rb=$?
		[ $ra = $rb ] || { rc=1; break; }
		[ $ra = 0 ] || break
		[ "$la" = "$lb" ] && continue
		[[ $la =~ $re ]] || { rc=1; break; }
		ta=$((10#${BASH_REMATCH[2]} * 60 + 10#${BASH_REMATCH[3]}))
		la="${BASH_REMATCH[1]}#${BASH_REMATCH[4]}"
		[[ $lb =~ $re ]] || { rc=1; break; }
		tb=$((10#${BASH_REMATCH[2]} * 60 + 10#${BASH_REMATCH[3]}))
		lb="${BASH_REMATCH[1]}#${BASH_REMATCH[4]}"
		if [ "$la" != "$lb" ] || [ $((ta - tb)) -gt 2 ] || [ $((tb - ta)) -gt 2 ]; then
			rc=1
			break
		fi
	done
	exec 7<&- 8<&-
	return $rc
}

# _visible FILE: every line end marked with '$' so trailing spaces show.
_visible() { sed 's/$/$/' "$1" > "$1.vis"; }

# _show_diff LABEL A B
_show_diff() {
	_visible "$2"
	_visible "$3"
	echo "  $1 (--- oracle, +++ ours; \$ marks line ends):"
	diff -u --label oracle --label ours "$2.vis" "$3.vis" | sed 's/^/    /'
}

# _check_expect WHAT KEY SPEC ACTUAL-FILE ORACLE-FILE: 0 if it matches.
_check_expect() {
	local key=$2 spec=$3 file=$4 ofile=$5 got want
	_slurp got "$file"
	case $spec in
	'~'*)
		[[ $got == ${spec#\~} ]] && return 0
		want="(glob) ${spec#\~}"
		;;
	'!'*)
		[[ $got != ${spec#!} ]] && return 0
		want="(anything but the glob) ${spec#!}"
		;;
	@sed:*)
		sed -E -e "${spec#@sed:}" "$ofile" > "$file.want"
		_slurp want "$file.want"
		[ "$got" = "$want" ] && return 0
		;;
	@unchanged)
		_fixture_state
		want=$FIXSTATE
		[ "$got" = "$want" ] && return 0
		;;
	@as:*)
		# The state the oracle reaches by applying these -R lines to
		# the fixture (then the fixture is rebuilt).
		if [ "$M_STATS" = 1 ]; then
			printf '%s%s' "${spec#@as:}" "$STATS_LINES" > "$W/as.in"
		else
			printf '%s%s' "${spec#@as:}" "$STATE_LINES" > "$W/as.in"
		fi
		_run oracle "$W/as.in" "$W/as" -R
		FIX_DIRTY=1
		_slurp want "$W/as.out"
		[ "$got" = "$want" ] && return 0
		;;
	*)
		want=$spec
		[ "$got" = "$want" ] && return 0
		;;
	esac
	printf '%s' "$want" > "$file.want"
	echo "  $1 $key is not as expected:"
	_visible "$file.want"
	_visible "$file"
	diff -u --label expected --label got "$file.want.vis" "$file.vis" | sed 's/^/    /'
	return 1
}

_record_fail() {
	local label=$1
	{
		echo "== $DIFF_GROUP [$FIX_NAME] $label"
		cat "$W/report"
		echo
	} >> "$FAILLOG"
	echo "FAIL: [$FIX_NAME] $label"
	cat "$W/report"
}

# c ARG...: run one case.
c() {
	local label o=$W/o u=$W/u o2=$W/o2 ok=1 mut=0 a b k
	if [ -n "$M_NAME" ]; then label=$M_NAME; else _quote_argv "$@"; label="ipvsadm $REPLY"; fi
	[ "$M_IN" != "$W/empty" ] && [ -z "$M_NAME" ] && label+=" < ($M_INLEN bytes)"
	if [[ $label != $DIFF_ONLY ]]; then _reset_mods; return; fi
	n_total=$((n_total + 1))
	[ "$FIX_DIRTY" = 1 ] && _establish
	if [ "$FIX_BROKEN" = 1 ]; then
		n_fail=$((n_fail + 1))
		echo "FAIL: [$FIX_NAME] $label (fixture broken, see above)"
		echo "== $DIFF_GROUP [$FIX_NAME] $label: fixture broken" >> "$FAILLOG"
		_reset_mods
		return
	fi
	: > "$W/report"

	_run oracle "$M_IN" "$o" "$@"
	ORC=$RC
	if [ "$M_MUT" = 1 ] || { ! _readonly_argv "${1-}" &&
		{ [ "$ORC" = 0 ] || [ "${1-}" = -R ] || [ "${1-}" = --restore ]; }; }; then
		mut=1
		_state "$o"
	fi
	_run ours "$M_IN" "$u" "$@"
	URC=$RC
	if [ "$mut" = 1 ]; then
		_state "$u"
	elif [ "$M_VOLATILE" = 1 ]; then
		_run oracle "$M_IN" "$o2" "$@"
		O2RC=$RC
	fi
	printf '%s\n' "$ORC" > "$o.rc"
	printf '%s\n' "$URC" > "$u.rc"

	# What the oracle must do (deliberate-difference cases).
	for k in "${!XR[@]}"; do
		case $k in
		rc) _check_expect oracle rc "${XR[rc]}"$'\n' "$o.rc" "$o.rc" >> "$W/report" || ok=0 ;;
		out | err) _check_expect oracle "$k" "${XR[$k]}" "$o.$k" "$o.$k" >> "$W/report" || ok=0 ;;
		esac
	done

	if [ ${#XO[@]} -gt 0 ] && [ "$DIFF_SELF" != 1 ]; then
		for k in rc out err state; do
			a=${XO[$k]-@oracle}
			if [ "$a" = @oracle ]; then
				[ "$k" = state ] && [ "$mut" = 0 ] && continue
				_slurp a "$o.$k"
				_slurp b "$u.$k"
				if [ "$a" != "$b" ]; then
					ok=0
					_show_diff "$k" "$o.$k" "$u.$k" >> "$W/report"
				fi
			else
				[ "$k" = rc ] && a+=$'\n'
				_check_expect ours "$k" "$a" "$u.$k" "$o.$k" >> "$W/report" || ok=0
			fi
		done
		[ "$ok" = 1 ] && n_expected=$((n_expected + 1))
	elif [ "$M_HELPISH" = 1 ]; then
		[ "$ORC" = "$URC" ] || { ok=0; echo "  exit status: oracle $ORC, ours $URC" >> "$W/report"; }
		for k in out err; do
			a=0 b=0
			[ -s "$o.$k" ] && a=1
			[ -s "$u.$k" ] && b=1
			[ "$a" = "$b" ] || { ok=0; echo "  std$k: oracle non-empty=$a, ours non-empty=$b" >> "$W/report"; }
		done
		[ "$ok" = 1 ] && n_same=$((n_same + 1))
	else
		local same=1 same2=0
		for k in rc out err state; do
			[ "$k" = state ] && [ "$mut" = 0 ] && continue
			_slurp a "$o.$k"
			_slurp b "$u.$k"
			[ "$a" = "$b" ] || same=0
		done
		if [ "$same" = 0 ] && [ "$M_VOLATILE" = 1 ]; then
			printf '%s\n' "$O2RC" > "$o2.rc"
			same2=1
			for k in rc out err; do
				_slurp a "$o2.$k"
				_slurp b "$u.$k"
				[ "$a" = "$b" ] || same2=0
			done
			if [ "$same2" = 0 ] && [ "$ORC" = "$URC" ] && cmp -s "$o.err" "$u.err" &&
				{ _close_enough "$o.out" "$u.out" || _close_enough "$o2.out" "$u.out"; }; then
				same2=1
			fi
		fi
		if [ "$same" = 1 ] || [ "$same2" = 1 ]; then
			[ "$ok" = 1 ] && n_same=$((n_same + 1))
		else
			ok=0
			for k in rc out err state; do
				[ "$k" = state ] && [ "$mut" = 0 ] && continue
				cmp -s "$o.$k" "$u.$k" || _show_diff "$k" "$o.$k" "$u.$k" >> "$W/report"
			done
		fi
	fi

	if [ "$ok" = 1 ]; then
		[ "$DIFF_VERBOSE" = 1 ] && echo "ok: [$FIX_NAME] $label"
	else
		n_fail=$((n_fail + 1))
		{
			_quote_argv "$@"
			echo "  command: ipvsadm $REPLY"
			if [ "$M_IN" != "$W/empty" ]; then
				echo "  stdin:"
				sed 's/^/    | /; s/$/$/' "$M_IN"
				[ -z "$(tail -c 1 "$M_IN")" ] || echo '    (no newline at the end)'
			fi
			cat "$W/report"
		} > "$W/report2"
		mv "$W/report2" "$W/report"
		_record_fail "$label"
		# Ours may have left the table in another state.
		[ "$mut" = 0 ] && [ "$M_VOLATILE" = 0 ] && FIX_DIRTY=1
	fi
	_reset_mods
}

# json ARG...: ours must print valid JSON that matches the table
# (--json is added unless ARG has it).
json() {
	local label p a
	for a in "$@"; do [ "$a" = --json ] && break; done
	[ "$a" = --json ] || set -- "$@" --json
	_quote_argv "$@"
	label="ipvsadm $REPLY (json)"
	if [[ $label != $DIFF_ONLY ]]; then _reset_mods; return; fi
	n_total=$((n_total + 1))
	if [ "$DIFF_SELF" = 1 ]; then
		n_skip=$((n_skip + 1))
		_reset_mods
		return
	fi
	[ "$FIX_DIRTY" = 1 ] && _establish
	p=$W/json${#JSON_LIST[@]}
	_run ours "$M_IN" "$p" "$@"
	printf '%s\n' "$RC" > "$p.rc"
	printf -- '-S -n\n' > "$p.save.in"
	_run oracle "$p.save.in" "$p.save" -R
	printf '%s\n' "$FIX_NAME" > "$p.fixture"
	printf '%s\n' "$label" > "$p.label"
	printf '%s\n' "$@" > "$p.argv"
	JSON_LIST+=("$p")
	_reset_mods
}

_json_finish() {
	[ ${#JSON_LIST[@]} -gt 0 ] || return 0
	local p label
	python3 "$DIFF_DIR/json-check.py" "${JSON_LIST[@]}" > "$W/json.report" 2>&1
	for p in "${JSON_LIST[@]}"; do
		label=$(cat "$p.label")
		FIX_NAME=$(cat "$p.fixture")
		if grep -q "^OK $p\$" "$W/json.report"; then
			n_expected=$((n_expected + 1))
			[ "$DIFF_VERBOSE" = 1 ] && echo "ok: [$FIX_NAME] $label"
		else
			n_fail=$((n_fail + 1))
			grep "^ *$p:" "$W/json.report" | sed "s|$p: *|  |" > "$W/report"
			[ -s "$W/report" ] || cp "$W/json.report" "$W/report"
			_record_fail "$label"
		fi
	done
}

diff_finish() {
	_json_finish
	echo "$DIFF_GROUP: $n_total cases: $n_same identical, $n_expected as expected (deliberate/ours-only), $n_skip skipped, $n_fail failed"
	[ "$DIFF_SELF" = 1 ] && echo "$DIFF_GROUP: self mode (the oracle stood in for ours)"
	[ "$n_fail" = 0 ] || exit 1
	[ "$n_total" -gt 0 ] || exit 77
	exit 0
}
