# rs-setup unit tests: the config parser, the plan, the state file and check.
RS_UNIT_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) -I$(top_srcdir)/src/rs-setup
RS_UNIT_LDADD = src/rs-setup/librssetup.la $(CHECK_LIBS)

check_PROGRAMS += tests/unit/rs-config tests/unit/rs-plan tests/unit/rs-record tests/unit/rs-check
TESTS += tests/unit/rs-config tests/unit/rs-plan tests/unit/rs-record tests/unit/rs-check
tests_unit_rs_config_SOURCES = tests/unit/rs-config.c
tests_unit_rs_config_CFLAGS = $(RS_UNIT_CFLAGS)
tests_unit_rs_config_LDADD = $(RS_UNIT_LDADD)
tests_unit_rs_plan_SOURCES = tests/unit/rs-plan.c tests/unit/rs-fixture.h
tests_unit_rs_plan_CFLAGS = $(RS_UNIT_CFLAGS)
tests_unit_rs_plan_LDADD = $(RS_UNIT_LDADD)
tests_unit_rs_record_SOURCES = tests/unit/rs-record.c
tests_unit_rs_record_CFLAGS = $(RS_UNIT_CFLAGS)
tests_unit_rs_record_LDADD = $(RS_UNIT_LDADD)
tests_unit_rs_check_SOURCES = tests/unit/rs-check.c tests/unit/rs-fixture.h
tests_unit_rs_check_CFLAGS = $(RS_UNIT_CFLAGS)
tests_unit_rs_check_LDADD = $(RS_UNIT_LDADD)
