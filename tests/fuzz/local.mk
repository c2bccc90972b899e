# Fuzz targets (see tests/fuzz/fuzz.h).  Every build links them with a
# small main that replays files, and `make check` replays the corpora in
# the tree (tests/fuzz/replay); `./configure --enable-fuzzing CC=clang`
# links libFuzzer instead, and `make fuzz` then fuzzes each target for
# FUZZ_TIME seconds, from a copy of its corpus.
FUZZ_TARGETS = \
	tests/fuzz/fuzz-restore tests/fuzz/fuzz-argv tests/fuzz/fuzz-addr \
	tests/fuzz/fuzz-netlink tests/fuzz/fuzz-conn \
	tests/fuzz/fuzz-rs-config tests/fuzz/fuzz-rs-state
check_PROGRAMS += $(FUZZ_TARGETS)
TESTS += tests/fuzz/replay
EXTRA_DIST += tests/fuzz/replay tests/fuzz/corpus
CLEANFILES += -r tests/fuzz/work

if FUZZING
FUZZ_MAIN =
FUZZ_LINK = -fsanitize=fuzzer
else
FUZZ_MAIN = tests/fuzz/replay-main.c
FUZZ_LINK =
endif
# Every target's own file comes with the name service stubs (they must be
# linked in as objects: they take the place of libc's) and, outside
# --enable-fuzzing, the replay main.
FUZZ_COMMON = tests/fuzz/fuzz.h tests/fuzz/fuzz-names.c $(FUZZ_MAIN)
# One set of flags for all (no two of these directories share a header a
# target includes); the compile flags also go to the link, which is where
# libFuzzer comes in.
FUZZ_CFLAGS = $(AM_CFLAGS) $(POPT_CFLAGS) $(FUZZ_LINK) -I$(top_srcdir)/tests/fuzz \
	-I$(top_srcdir)/src/ipvsadm -I$(top_srcdir)/src/rs-setup -I$(top_srcdir)/lib
FUZZ_IPVSADM_LDADD = src/ipvsadm/libipvsadm.la src/common/libcommon.la \
	lib/libipvs-core.la $(LIBNL_GENL_LIBS) $(LIBNL_LIBS) $(POPT_LIBS)
FUZZ_RS_LDADD = src/rs-setup/librssetup.la

# Automake wants each program's variables spelled out.
tests_fuzz_fuzz_restore_SOURCES = tests/fuzz/fuzz-restore.c $(FUZZ_COMMON)
tests_fuzz_fuzz_restore_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_restore_LDADD = $(FUZZ_IPVSADM_LDADD)
tests_fuzz_fuzz_argv_SOURCES = tests/fuzz/fuzz-argv.c $(FUZZ_COMMON)
tests_fuzz_fuzz_argv_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_argv_LDADD = $(FUZZ_IPVSADM_LDADD)
tests_fuzz_fuzz_addr_SOURCES = tests/fuzz/fuzz-addr.c $(FUZZ_COMMON)
tests_fuzz_fuzz_addr_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_addr_LDADD = $(FUZZ_IPVSADM_LDADD)
tests_fuzz_fuzz_conn_SOURCES = tests/fuzz/fuzz-conn.c $(FUZZ_COMMON)
tests_fuzz_fuzz_conn_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_conn_LDADD = $(FUZZ_IPVSADM_LDADD)
tests_fuzz_fuzz_netlink_SOURCES = tests/fuzz/fuzz-netlink.c $(FUZZ_COMMON)
tests_fuzz_fuzz_netlink_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_netlink_LDADD = $(FUZZ_IPVSADM_LDADD)
tests_fuzz_fuzz_rs_config_SOURCES = tests/fuzz/fuzz-rs-config.c $(FUZZ_COMMON)
tests_fuzz_fuzz_rs_config_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_rs_config_LDADD = $(FUZZ_RS_LDADD)
tests_fuzz_fuzz_rs_state_SOURCES = tests/fuzz/fuzz-rs-state.c $(FUZZ_COMMON)
tests_fuzz_fuzz_rs_state_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_rs_state_LDADD = $(FUZZ_RS_LDADD)

# make fuzz [FUZZ_TIME=seconds]: each target in turn; new inputs collect in
# tests/fuzz/work/NAME/ (the tree's corpus is only read), a crash leaves
# tests/fuzz/work/NAME-crash-* and fails the run.  Add such a file to the
# corpus with the fix: the replay test then keeps it fixed.
FUZZ_TIME = 300
fuzz: $(FUZZ_TARGETS)
	@if test -z "$(FUZZ_LINK)"; then \
		echo "make fuzz: configure with --enable-fuzzing CC=clang first" >&2; exit 1; fi; \
	rc=0; for t in $(FUZZ_TARGETS); do \
		n=$${t##*/fuzz-}; w=tests/fuzz/work; mkdir -p $$w/$$n; \
		echo "fuzz: $$n for $(FUZZ_TIME) s"; \
		if ./$$t -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=1024 \
			-print_final_stats=1 -artifact_prefix=$$w/$$n- \
			$$w/$$n $(srcdir)/tests/fuzz/corpus/$$n > $$w/$$n.log 2>&1; then \
			grep -E '^(stat::number_of_executed_units|Done)' $$w/$$n.log | tr '\n' ' '; echo; \
		else \
			rc=1; echo "fuzz: $$n FAILED (log: $$w/$$n.log)"; tail -n 60 $$w/$$n.log; \
		fi; \
	done; exit $$rc
.PHONY: fuzz
