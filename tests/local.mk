# Test harness.  Unit tests (Check) run on the host; kernel tests run in
# User-Mode Linux through tests/uml/uml-run, one boot per group.
AM_TESTS_ENVIRONMENT = TOP_SRCDIR='$(abs_top_srcdir)' TOP_BUILDDIR='$(abs_top_builddir)'; export TOP_SRCDIR TOP_BUILDDIR;

# The UML xstate shim (see the file for why), built as a plain .so.
check_LTLIBRARIES += tests/uml/xstate-shim.la
tests_uml_xstate_shim_la_SOURCES = tests/uml/xstate-shim.c
tests_uml_xstate_shim_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
tests_uml_xstate_shim_la_LIBADD = -ldl
EXTRA_DIST += tests/uml/uml-run
CLEANFILES += -r tests/uml/work

include tests/unit/local.mk
include tests/kernel/local.mk
include tests/diff/local.mk
include tests/e2e/local.mk
include tests/docs/local.mk
include tests/bench/local.mk
include tests/pkg/local.mk
include tests/fuzz/local.mk

TEST_EXTENSIONS = .uml
UML_LOG_COMPILER = $(top_srcdir)/tests/uml/uml-group
EXTRA_DIST += tests/uml/uml-group
EXTRA_DIST += tests/summary
EXTRA_DIST += tests/wait.sh tests/prom-check

# The tests that need no kernel (no UML) and build no packages: the Debian
# package build runs these (make check-host), CI's distcheck these and a few
# kernel groups (.ci/distcheck).
list-host-tests:
	@for t in $(TESTS); do case $$t in *.uml | tests/pkg/*) ;; *) echo $$t ;; esac; done
check-host:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="`$(MAKE) -s --no-print-directory list-host-tests`"
.PHONY: check-host list-host-tests
