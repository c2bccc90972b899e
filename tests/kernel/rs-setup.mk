# rs-setup kernel tests: one UML boot for the start/stop/status/check tests,
# one for end-to-end traffic through a director.
TESTS += tests/kernel/rs-setup.uml tests/kernel/rs-setup-e2e.uml
EXTRA_DIST += tests/kernel/rs-setup.uml tests/kernel/rs-setup-e2e.uml \
	tests/kernel/rs/lib.sh tests/kernel/rs/dr-lo tests/kernel/rs/dr-dummy \
	tests/kernel/rs/tun-ipip tests/kernel/rs/tun-gue tests/kernel/rs/tun-gre \
	tests/kernel/rs/kill9 tests/kernel/rs/rollback tests/kernel/rs/guards \
	tests/kernel/rs/netns-state tests/kernel/rs/bad-input tests/kernel/rs/no-cap \
	tests/kernel/rs/e2e-lib.sh tests/kernel/rs/e2e-dr tests/kernel/rs/e2e-tun
