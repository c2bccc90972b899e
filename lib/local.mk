# libipvs: transport -> message codec -> objects -> batch.
lib_LTLIBRARIES += lib/libipvs.la
nobase_include_HEADERS += include/ipvs/ipvs.h
pkgconfig_DATA += lib/libipvs.pc
EXTRA_DIST += lib/libipvs.map lib/libipvs.pc.in

lib_libipvs_la_SOURCES = \
	lib/ipvs-private.h \
	lib/handle.c
lib_libipvs_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(LIBNL_CFLAGS) $(LIBNL_GENL_CFLAGS)
lib_libipvs_la_LIBADD = $(LIBNL_LIBS) $(LIBNL_GENL_LIBS)
lib_libipvs_la_LDFLAGS = -version-info $(LIBIPVS_LT_VERSION) \
	-Wl,--version-script=$(top_srcdir)/lib/libipvs.map
EXTRA_lib_libipvs_la_DEPENDENCIES = lib/libipvs.map
