# Unit tests of src/common (the code both programs share).
check_PROGRAMS += tests/unit/common-check
TESTS += tests/unit/common-check
tests_unit_common_check_SOURCES = tests/unit/common-emit.c
tests_unit_common_check_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_common_check_LDADD = src/common/libcommon.la $(CHECK_LIBS)

# The standard-descriptor guard and scratch files (each case in a child).
check_PROGRAMS += tests/unit/common-stdio
TESTS += tests/unit/common-stdio
tests_unit_common_stdio_SOURCES = tests/unit/common-stdio.c
tests_unit_common_stdio_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_common_stdio_LDADD = src/common/libcommon.la $(CHECK_LIBS)
