# Differential suite: our ipvsadm against Debian's ipvsadm 1.31, in UML.
# Each .uml file is one boot; each t-* file is one test holding many
# cases (see runner.sh).  `make check TESTS=tests/diff/diff-table.uml`
# runs one part.
# Longest first: `make -j2 check` then runs them in about 3 minutes.
DIFF_TESTS = tests/diff/diff-values.uml tests/diff/diff-compat.uml \
	tests/diff/diff-table.uml tests/diff/diff-live.uml
TESTS += $(DIFF_TESTS)
# Starts the processes for runner.sh (cheaper than bash's fork under UML).
check_PROGRAMS += tests/diff/diff-spawn
tests_diff_diff_spawn_SOURCES = tests/diff/diff-spawn.c
EXTRA_DIST += $(DIFF_TESTS) tests/diff/runner.sh tests/diff/json-check.py \
	tests/diff/hosts tests/diff/nsswitch.conf tests/diff/t-compat \
	tests/diff/t-values tests/diff/t-table tests/diff/t-live \
	tests/diff/t-deliberate
