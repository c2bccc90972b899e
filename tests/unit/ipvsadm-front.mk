# ipvsadm-front unit tests: parse, validate and the -R reader, no kernel.
FRONT_UNIT_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(POPT_CFLAGS) -I$(top_srcdir)/src/ipvsadm
FRONT_UNIT_LDADD = src/ipvsadm/libipvsadm.la lib/libipvs-core.la $(LIBNL_GENL_LIBS) $(LIBNL_LIBS) \
	$(POPT_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/unit/front-parse
TESTS += tests/unit/front-parse
tests_unit_front_parse_SOURCES = tests/unit/front-parse.c tests/unit/front-compat.c \
	tests/unit/front-restore.c tests/unit/front-util.h tests/unit/front-oracle-errors.h
tests_unit_front_parse_CFLAGS = $(FRONT_UNIT_CFLAGS)
tests_unit_front_parse_LDADD = $(FRONT_UNIT_LDADD)

# -h, -v and usage errors without IPVS (a plain host).
TESTS += tests/unit/front-noipvs
EXTRA_DIST += tests/unit/front-noipvs

# Kernel tests of our -R and the wrapper scripts, in one UML boot.
TESTS += tests/kernel/front.uml
EXTRA_DIST += tests/kernel/front.uml tests/kernel/front/restore-batch \
	tests/kernel/front/restore-invalid tests/kernel/front/restore-roundtrip \
	tests/kernel/front/restore-stream tests/kernel/front/list-torn \
	tests/kernel/front/apply tests/kernel/front/prometheus \
	tests/kernel/front/list-churn \
	tests/kernel/front/restore-closed-fds tests/kernel/front/bad-input
