# libipvs: handle and transport -> message codec -> objects -> batch, and
# the consistent listing (list.c) on the objects.
#
# Everything but the public entry points is built into a noinst convenience
# library, so the unit tests link the internal (hidden) functions directly.
lib_LTLIBRARIES += lib/libipvs.la
noinst_LTLIBRARIES += lib/libipvs-core.la
ipvsincludedir = $(includedir)/ipvs
ipvsinclude_HEADERS = include/ipvs/ipvs.h
pkgconfig_DATA += lib/libipvs.pc
EXTRA_DIST += lib/libipvs.map lib/libipvs.pc.in

lib_libipvs_core_la_SOURCES = \
	lib/ipvs-private.h \
	lib/ipvs-genl.h \
	lib/mem.h \
	lib/mem.c \
	lib/nlbuf.h \
	lib/nlbuf.c \
	lib/attr.h \
	lib/attr.c \
	lib/codec.h \
	lib/codec-common.c \
	lib/codec-service.c \
	lib/codec-dest.c \
	lib/codec-misc.c \
	lib/validate.c \
	lib/strerror.c \
	lib/handle.c \
	lib/sockbuf.c \
	lib/transport.c \
	lib/dump.h \
	lib/dump.c \
	lib/list.c \
	lib/conn.c \
	lib/diff.h \
	lib/table-diff.c \
	lib/want.c \
	lib/service.c \
	lib/dest.c \
	lib/daemon.c \
	lib/admin.c \
	lib/batch.h \
	lib/batch.c \
	lib/batch-commit.c
lib_libipvs_core_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(LIBNL_CFLAGS) $(LIBNL_GENL_CFLAGS)
# The core names no libraries of its own, so that each program linking it
# chooses how (ipvsadm may take libnl's static archives).
lib_libipvs_la_SOURCES =
lib_libipvs_la_LIBADD = lib/libipvs-core.la $(LIBNL_GENL_LIBS) $(LIBNL_LIBS)
lib_libipvs_la_LDFLAGS = -version-info $(LIBIPVS_LT_VERSION) \
	-Wl,--version-script=$(top_srcdir)/lib/libipvs.map
EXTRA_lib_libipvs_la_DEPENDENCIES = lib/libipvs.map
