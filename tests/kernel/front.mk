# Kernel tests of our -R and the wrapper scripts, in one UML boot.
TESTS += tests/kernel/front.uml
EXTRA_DIST += tests/kernel/front.uml tests/kernel/front/restore-batch \
	tests/kernel/front/restore-invalid tests/kernel/front/restore-roundtrip \
	tests/kernel/front/restore-stream tests/kernel/front/list-torn \
	tests/kernel/front/apply tests/kernel/front/prometheus \
	tests/kernel/front/list-churn \
	tests/kernel/front/restore-closed-fds tests/kernel/front/bad-input \
	tests/kernel/front/no-cap tests/kernel/front/concurrent-writers \
	tests/kernel/front/restore-enobufs tests/kernel/front/conn-writes
# restore-enobufs's LD_PRELOAD shim (test code: a netlink receive buffer
# smaller than the program believes), built as a plain .so.
check_LTLIBRARIES += tests/kernel/squeeze-rcvbuf.la
tests_kernel_squeeze_rcvbuf_la_SOURCES = tests/kernel/squeeze-rcvbuf.c tests/kernel/squeeze-rcvbuf.h
tests_kernel_squeeze_rcvbuf_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
tests_kernel_squeeze_rcvbuf_la_LIBADD = -ldl
