# ipvsadm unit tests, no kernel.
# front: parse, validate and the -R reader.
FRONT_UNIT_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(POPT_CFLAGS) -I$(top_srcdir)/src/ipvsadm
FRONT_UNIT_LDADD = src/ipvsadm/libipvsadm.la lib/libipvs-core.la $(LIBNL_GENL_LIBS) $(LIBNL_LIBS) \
	$(POPT_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/unit/ipvsadm/front-parse
TESTS += tests/unit/ipvsadm/front-parse
tests_unit_ipvsadm_front_parse_SOURCES = tests/unit/ipvsadm/front-parse.c \
	tests/unit/ipvsadm/front-compat.c tests/unit/ipvsadm/front-restore.c \
	tests/unit/ipvsadm/front-util.h tests/unit/ipvsadm/front-oracle-errors.h
tests_unit_ipvsadm_front_parse_CFLAGS = $(FRONT_UNIT_CFLAGS)
tests_unit_ipvsadm_front_parse_LDADD = $(FRONT_UNIT_LDADD)

# -h, -v and usage errors without IPVS (a plain host).
TESTS += tests/unit/ipvsadm/front-noipvs
EXTRA_DIST += tests/unit/ipvsadm/front-noipvs

# render: goldens from hand-made structs.  The render sources are compiled
# in directly so these tests do not depend on the rest of libipvsadm.
check_PROGRAMS += tests/unit/ipvsadm/render-check
TESTS += tests/unit/ipvsadm/render-check
tests_unit_ipvsadm_render_check_SOURCES = \
	tests/unit/ipvsadm/render-util.h tests/unit/ipvsadm/render-util.c \
	tests/unit/ipvsadm/render-main.c \
	tests/unit/ipvsadm/render-list.c \
	tests/unit/ipvsadm/render-stats.c \
	tests/unit/ipvsadm/render-rule.c \
	tests/unit/ipvsadm/render-conn.c \
	tests/unit/ipvsadm/render-misc.c \
	tests/unit/ipvsadm/render-sort.c \
	tests/unit/ipvsadm/render-json.c \
	tests/unit/ipvsadm/render-stream.c \
	src/common/emit.c src/ipvsadm/names.c src/ipvsadm/sort.c \
	src/ipvsadm/render-common.c src/ipvsadm/render-table.c \
	src/ipvsadm/render-rule.c src/ipvsadm/render-misc.c \
	src/ipvsadm/render-conn.c src/ipvsadm/render-conn-summary.c src/ipvsadm/conn-filter.c \
	src/ipvsadm/render-prometheus.c src/ipvsadm/spool.c
tests_unit_ipvsadm_render_check_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/ipvsadm \
	-DTOP_SRCDIR_FALLBACK='"$(abs_top_srcdir)"'
tests_unit_ipvsadm_render_check_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_ipvsadm_render_check_LDADD = src/common/libcommon.la lib/libipvs-core.la \
	$(LIBNL_GENL_LIBS) $(LIBNL_LIBS) $(CHECK_LIBS)
EXTRA_DIST += tests/unit/ipvsadm/golden
