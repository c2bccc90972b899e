# rs-setup unit tests: the config parser, the plan, the state file and check.
RS_UNIT_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) -I$(top_srcdir)/src/rs-setup
RS_UNIT_LDADD = src/rs-setup/librssetup.la $(CHECK_LIBS)

RS_UNIT_TESTS = tests/unit/rs-setup/config tests/unit/rs-setup/plan \
	tests/unit/rs-setup/record tests/unit/rs-setup/check
check_PROGRAMS += $(RS_UNIT_TESTS)
TESTS += $(RS_UNIT_TESTS)
tests_unit_rs_setup_config_SOURCES = tests/unit/rs-setup/config.c tests/unit/rs-setup/fixture.h
tests_unit_rs_setup_config_CFLAGS = $(RS_UNIT_CFLAGS)
tests_unit_rs_setup_config_LDADD = $(RS_UNIT_LDADD)
tests_unit_rs_setup_plan_SOURCES = tests/unit/rs-setup/plan.c tests/unit/rs-setup/fixture.h
tests_unit_rs_setup_plan_CFLAGS = $(RS_UNIT_CFLAGS)
tests_unit_rs_setup_plan_LDADD = $(RS_UNIT_LDADD)
tests_unit_rs_setup_record_SOURCES = tests/unit/rs-setup/record.c tests/unit/rs-setup/fixture.h
tests_unit_rs_setup_record_CFLAGS = $(RS_UNIT_CFLAGS)
tests_unit_rs_setup_record_LDADD = $(RS_UNIT_LDADD)
tests_unit_rs_setup_check_SOURCES = tests/unit/rs-setup/check.c tests/unit/rs-setup/fixture.h
tests_unit_rs_setup_check_CFLAGS = $(RS_UNIT_CFLAGS)
tests_unit_rs_setup_check_LDADD = $(RS_UNIT_LDADD)
