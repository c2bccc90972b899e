# libipvs kernel tests: Check programs run as root inside User-Mode Linux,
# against the real IPVS code.  Three boots: the API group, the bulk group,
# and most of both again under valgrind memcheck.
TESTS += tests/kernel/lib-api.uml tests/kernel/lib-bulk.uml tests/kernel/lib-memcheck.uml
EXTRA_DIST += tests/kernel/lib-api.uml tests/kernel/lib-bulk.uml tests/kernel/lib-memcheck.uml \
	tests/kernel/lib/memcheck \
	tests/kernel/lib/service tests/kernel/lib/dest tests/kernel/lib/admin \
	tests/kernel/lib/daemon tests/kernel/lib/batch tests/kernel/lib/table \
	tests/kernel/lib/enobufs tests/kernel/lib/example \
	tests/example/ipvs-example.c tests/example/consumer.mk

# The .uml files list the small wrapper scripts above (source tree); each
# execs the matching program here (build tree).
check_PROGRAMS += \
	tests/kernel/lib/kt-service \
	tests/kernel/lib/kt-dest \
	tests/kernel/lib/kt-admin \
	tests/kernel/lib/kt-daemon \
	tests/kernel/lib/kt-batch \
	tests/kernel/lib/kt-table \
	tests/kernel/lib/kt-enobufs

KTEST_COMMON = tests/kernel/lib/ktest.c tests/kernel/lib/ktest.h
KTEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
KTEST_LDADD = lib/libipvs.la $(CHECK_LIBS)

tests_kernel_lib_kt_service_SOURCES = tests/kernel/lib/kt-service.c $(KTEST_COMMON)
tests_kernel_lib_kt_service_CFLAGS = $(KTEST_CFLAGS)
tests_kernel_lib_kt_service_LDADD = $(KTEST_LDADD)
tests_kernel_lib_kt_dest_SOURCES = tests/kernel/lib/kt-dest.c $(KTEST_COMMON)
tests_kernel_lib_kt_dest_CFLAGS = $(KTEST_CFLAGS)
tests_kernel_lib_kt_dest_LDADD = $(KTEST_LDADD)
tests_kernel_lib_kt_admin_SOURCES = tests/kernel/lib/kt-admin.c $(KTEST_COMMON)
tests_kernel_lib_kt_admin_CFLAGS = $(KTEST_CFLAGS)
tests_kernel_lib_kt_admin_LDADD = $(KTEST_LDADD)
tests_kernel_lib_kt_daemon_SOURCES = tests/kernel/lib/kt-daemon.c $(KTEST_COMMON)
tests_kernel_lib_kt_daemon_CFLAGS = $(KTEST_CFLAGS)
tests_kernel_lib_kt_daemon_LDADD = $(KTEST_LDADD)
tests_kernel_lib_kt_batch_SOURCES = tests/kernel/lib/kt-batch.c $(KTEST_COMMON)
tests_kernel_lib_kt_batch_CFLAGS = $(KTEST_CFLAGS)
tests_kernel_lib_kt_batch_LDADD = $(KTEST_LDADD)
tests_kernel_lib_kt_table_SOURCES = tests/kernel/lib/kt-table.c $(KTEST_COMMON)
tests_kernel_lib_kt_table_CFLAGS = $(KTEST_CFLAGS)
tests_kernel_lib_kt_table_LDADD = $(KTEST_LDADD)
# kt-enobufs links the squeeze-rcvbuf shim in and exports its
# setsockopt()/getsockopt(), which then take libc's place for libipvs and libnl.
tests_kernel_lib_kt_enobufs_SOURCES = tests/kernel/lib/kt-enobufs.c $(KTEST_COMMON) \
	tests/kernel/squeeze-rcvbuf.c tests/kernel/squeeze-rcvbuf.h
tests_kernel_lib_kt_enobufs_CFLAGS = $(KTEST_CFLAGS) -I$(top_srcdir)/tests/kernel
tests_kernel_lib_kt_enobufs_LDFLAGS = -export-dynamic
tests_kernel_lib_kt_enobufs_LDADD = $(KTEST_LDADD) -ldl

# The out-of-tree consumer test (tests/kernel/lib/example) builds against a
# staged "make install", made here on the host before the UML boot: make and
# libtool inside UML are slow, and must not touch the build tree from there.
check_SCRIPTS += tests/example/stage.stamp
tests/example/stage.stamp: lib/libipvs.la lib/libipvs.pc $(top_srcdir)/include/ipvs/ipvs.h
	$(AM_V_GEN)rm -rf tests/example/stage && $(MKDIR_P) tests/example && \
	{ $(MAKE) $(AM_MAKEFLAGS) install DESTDIR='$(abs_top_builddir)/tests/example/stage' \
		> tests/example/stage.log 2>&1 || { cat tests/example/stage.log; exit 1; }; } && \
	touch $@
CLEANFILES += tests/example/stage.stamp tests/example/stage.log -r tests/example/stage
