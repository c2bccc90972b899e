# ipvsadm-render unit tests: goldens from hand-made structs, no kernel.
# The render sources are compiled in directly so these tests do not depend
# on the rest of libipvsadm.
check_PROGRAMS += tests/unit/render-check
TESTS += tests/unit/render-check
tests_unit_render_check_SOURCES = \
	tests/unit/render-util.h tests/unit/render-util.c \
	tests/unit/render-main.c \
	tests/unit/render-list.c \
	tests/unit/render-stats.c \
	tests/unit/render-rule.c \
	tests/unit/render-conn.c \
	tests/unit/render-misc.c \
	tests/unit/render-sort.c \
	tests/unit/render-json.c \
	tests/unit/render-stream.c \
	src/common/emit.c src/ipvsadm/names.c src/ipvsadm/sort.c \
	src/ipvsadm/render-common.c src/ipvsadm/render-table.c \
	src/ipvsadm/render-rule.c src/ipvsadm/render-misc.c \
	src/ipvsadm/render-conn.c src/ipvsadm/render-conn-summary.c src/ipvsadm/conn-filter.c \
	src/ipvsadm/render-prometheus.c src/ipvsadm/spool.c
tests_unit_render_check_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/ipvsadm \
	-DTOP_SRCDIR_FALLBACK='"$(abs_top_srcdir)"'
tests_unit_render_check_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_render_check_LDADD = src/common/libcommon.la lib/libipvs-core.la \
	$(LIBNL_GENL_LIBS) $(LIBNL_LIBS) $(CHECK_LIBS)
EXTRA_DIST += \
	tests/unit/golden/render-list-n.txt \
	tests/unit/golden/render-list-names.txt \
	tests/unit/golden/render-tun.txt \
	tests/unit/golden/render-thresholds.txt \
	tests/unit/golden/render-pconn.txt \
	tests/unit/golden/render-stats.txt \
	tests/unit/golden/render-stats-exact.txt \
	tests/unit/golden/render-rate.txt \
	tests/unit/golden/render-rate-exact.txt \
	tests/unit/golden/render-rule-n.txt \
	tests/unit/golden/render-rule-names.txt \
	tests/unit/golden/render-table.json
