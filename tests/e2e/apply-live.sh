# Sourced by apply-nat and apply-dr (MODE=nat|dr): --apply on a director
# that carries traffic.  A client keeps opening connections to a service
# while one long-lived connection stays open to a real server; the apply
# adds a service, edits a weight, changes a scheduler and removes that real
# server with --wait.  No connection to what stays fails, the long-lived
# connection lives until the client closes it, the real server is deleted
# right after, and the counters of an untouched service never reset.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

if [ "$MODE" = nat ]; then
	lab_nat
	fwd=-m
	P80=8080 P81=8081 P82=8082
else
	lab_dr
	fwd=-g
	P80=80 P81=81 P82=82
	rs_start rs1 dr $VIP >/dev/null || fail "rs-setup on rs1"
	rs_start rs2 dr $VIP >/dev/null || fail "rs-setup on rs2"
fi
lab_serve rs1 rs1 tcp:$P80 tcp:$P81 tcp:$P82
lab_serve rs2 rs2 tcp:$P80 tcp:$P81 tcp:$P82
ipvs_rules <<EOF || fail "ipvsadm -R"
-A -t $VIP:80 -s rr
-a -t $VIP:80 -r $RIP1:$P80 $fwd -w 1
-a -t $VIP:80 -r $RIP2:$P80 $fwd -w 1
-A -t $VIP:81 -s rr
-a -t $VIP:81 -r $RIP1:$P81 $fwd -w 1
EOF
lab_ready rs1 rs2

# conns_of SERVICE: the service's exact connection counter.
conns_of() { ipvs -Ln --stats --exact -t "$1" | awk 'NR == 3 { print $3 }'; }
at_least() { [ "$(conns_of "$1")" -ge "$2" ]; }

note "an untouched service counts"
client tcp $VIP 81 5 >/dev/null || fail "service 81"
poll 10 "the estimator to count service 81" at_least $VIP:81 5
c81=$(conns_of $VIP:81)

note "a long-lived connection, and a client that keeps connecting"
hold H $VIP 80
victim=$H_name keep=$(other "$H_name")
note "held by $victim; $victim is the real server to remove"
T=$TEST_TMPDIR
# (Children must not keep a copy of the held connection: it would stay
# open when the client closes it.)
(
	eval "exec $H>&-"
	while [ ! -e "$T/stop" ]; do
		client tcp $VIP 80 1 >> "$T/stream" || echo '!failed' >> "$T/stream"
	done
) &
_lab_pids+=($!)
streamer=$!
poll 10 "the client's first answers" test -s "$T/stream"

cat > "$T/want" <<EOF
-A -t $VIP:80 -s wrr
-a -t $VIP:80 -r $(rip "$keep"):$P80 $fwd -w 2
-A -t $VIP:81 -s rr
-a -t $VIP:81 -r $RIP1:$P81 $fwd -w 1
-A -t $VIP:82 -s rr
-a -t $VIP:82 -r $RIP2:$P82 $fwd -w 1
EOF
( eval "exec $H>&-"; exec ip netns exec "$LAB-dir" "$IPVSADM" --apply "$T/want" --wait 60 \
	> "$T/apply.out" 2> "$T/apply.err" ) &
applier=$!
_lab_pids+=($applier)
quiesced() { ipvs -Ln | grep -q -- "-> $(rip "$victim"):$P80 .* 0 *[0-9]* *[0-9]* *\$"; }
poll 10 "$victim to be quiesced" quiesced
ipvs -Ln

note "during the drain"
ans=$(talk "$H" during) || fail "the held connection broke during the drain"
[ "$ans" = "$victim during" ] || fail "held connection answered: $ans"
got=$(client tcp $VIP 80 4) || fail "new connections failed: $(echo $got)"
expect_all "$keep" $got
got=$(client tcp $VIP 82 1) || fail "the added service does not answer"
expect_all rs2 $got
kill -0 $applier 2>/dev/null || fail "--apply ended while $victim still had a connection: $(cat "$T/apply.err")"
ipvs -Ln | grep -q -- "-> $(rip "$victim"):$P80 " || fail "$victim was deleted with a live connection"
ipvs -Ln | grep -q "^TCP  $VIP:80 wrr" || fail "the scheduler was not changed"
ipvs -Ln | grep -q -- "-> $(rip "$keep"):$P80 .* 2 " || fail "the weight was not edited"

note "the client closes; the real server goes right after"
ans=$(talk "$H" last) || fail "the held connection broke before the client closed it"
release "$H"
applied() { ! kill -0 $applier 2>/dev/null; }
poll 10 "--apply to finish after the last connection closed" applied
wait $applier; rc=$?
cat "$T/apply.out" "$T/apply.err"
[ "$rc" = 0 ] || fail "--apply exited $rc"
grep -q "^drained: -a -t $VIP:80 -r $(rip "$victim"):$P80 .*: no connections left" "$T/apply.err" ||
	fail "no drain report"
tail -n 1 "$T/apply.out" | grep -qx "applied: services 1 added, 1 edited, 0 removed; destinations 1 added, 1 edited, 1 quiesced, 1 removed" ||
	fail "summary: $(tail -n 1 "$T/apply.out")"
! ipvs -Ln | grep -q -- "-> $(rip "$victim"):$P80 " || fail "$victim is still in the table"

touch "$T/stop"
wait $streamer
grep -c . "$T/stream" | { read -r n; note "$n connections made during the apply"; }
! grep -q '!failed' "$T/stream" || fail "a connection to the service failed: $(sort "$T/stream" | uniq -c)"
[ "$(grep -c . "$T/stream")" -ge 5 ] || fail "too few connections during the apply"

note "service 81 was never reset: it keeps counting from $c81"
client tcp $VIP 81 3 >/dev/null || fail "service 81 after the apply"
poll 10 "service 81's counter to go on from $c81" at_least $VIP:81 $((c81 + 3))
exit 0
