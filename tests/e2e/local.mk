# End-to-end suite: LVS clusters of network namespaces inside UML, set up
# only with our ipvsadm and rs-setup.  Each .uml file is one boot.
E2E_GROUPS = tests/e2e/e2e-forward.uml tests/e2e/e2e-sched.uml tests/e2e/e2e-state.uml \
	tests/e2e/e2e-apply.uml tests/e2e/e2e-labs.uml
E2E_TESTS = tests/e2e/nat tests/e2e/dr tests/e2e/tun tests/e2e/fwmark tests/e2e/udp-sctp \
	tests/e2e/sched-rr-wrr tests/e2e/sched-hash tests/e2e/sched-least \
	tests/e2e/sched-weight tests/e2e/persistence \
	tests/e2e/counters tests/e2e/timeouts tests/e2e/sync tests/e2e/cleanup \
	tests/e2e/no-leftovers tests/e2e/apply-nat tests/e2e/apply-dr tests/e2e/drain \
	tests/e2e/conn-filters \
	tests/e2e/lab-nat tests/e2e/lab-dr tests/e2e/lab-tun tests/e2e/lab-persistence \
	tests/e2e/lab-keepalived
TESTS += $(E2E_GROUPS)
EXTRA_DIST += $(E2E_GROUPS) $(E2E_TESTS) tests/e2e/lib.sh tests/e2e/apply-live.sh tests/e2e/readme-lab.sh \
	tests/e2e/e2e-server \
	tests/e2e/e2e-client tests/e2e/demo tests/e2e/demo-lab
