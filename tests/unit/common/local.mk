# Unit tests of src/common (the code both programs share).
check_PROGRAMS += tests/unit/common/emit
TESTS += tests/unit/common/emit
tests_unit_common_emit_SOURCES = tests/unit/common/emit.c
tests_unit_common_emit_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_common_emit_LDADD = src/common/libcommon.la $(CHECK_LIBS)

# The standard-descriptor guard and scratch files (each case in a child).
check_PROGRAMS += tests/unit/common/stdio-guard
TESTS += tests/unit/common/stdio-guard
tests_unit_common_stdio_guard_SOURCES = tests/unit/common/stdio-guard.c
tests_unit_common_stdio_guard_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_common_stdio_guard_LDADD = src/common/libcommon.la $(CHECK_LIBS)
