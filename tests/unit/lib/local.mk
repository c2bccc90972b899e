# libipvs unit tests: message building and parsing, validation, error texts
# and batches, all without a kernel (linked against the convenience library,
# so the hidden internals are reachable).
check_PROGRAMS += tests/unit/lib/check
TESTS += tests/unit/lib/check
tests_unit_lib_check_SOURCES = \
	tests/unit/lib/util.h \
	tests/unit/lib/main.c \
	tests/unit/lib/codec.c \
	tests/unit/lib/parse.c \
	tests/unit/lib/validate.c \
	tests/unit/lib/strerror.c \
	tests/unit/lib/batch.c \
	tests/unit/lib/diff.c \
	tests/unit/lib/want.c
tests_unit_lib_check_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) -I$(top_srcdir)/lib -pthread
tests_unit_lib_check_LDADD = lib/libipvs-core.la $(LIBNL_GENL_LIBS) $(LIBNL_LIBS) $(CHECK_LIBS) -lpthread

# The exported symbols against the header and the version script.
TESTS += tests/unit/lib/symbols
EXTRA_DIST += tests/unit/lib/symbols
