# rs-setup: plan -> apply -> record.  Everything but main.c goes into a
# convenience library so the unit tests link the same code.
noinst_LTLIBRARIES += src/rs-setup/librssetup.la
src_rs_setup_librssetup_la_SOURCES = \
	src/rs-setup/rs.h src/rs-setup/record.h \
	src/rs-setup/util.c src/rs-setup/config.c src/rs-setup/sys.c \
	src/rs-setup/layout.c src/rs-setup/plan.c src/rs-setup/record.c
src_rs_setup_librssetup_la_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS) $(LIBNL_ROUTE_CFLAGS) $(LIBNL_GENL_CFLAGS)
src_rs_setup_librssetup_la_LIBADD = $(LIBNL_ROUTE_LIBS) $(LIBNL_GENL_LIBS) $(LIBNL_LIBS)
