# rs-setup: plan -> apply -> record.  Everything but main.c goes into a
# convenience library so the unit tests link the same code.
noinst_LTLIBRARIES += src/rs-setup/librssetup.la
src_rs_setup_librssetup_la_SOURCES = \
	src/rs-setup/rs.h src/rs-setup/record.h src/rs-setup/io.h src/rs-setup/netns.h \
	src/rs-setup/apply.h src/rs-setup/out.h src/rs-setup/status.h \
	src/rs-setup/cmd.h \
	src/rs-setup/util.c src/rs-setup/config.c src/rs-setup/sys.c \
	src/rs-setup/layout.c src/rs-setup/plan.c src/rs-setup/netns.c src/rs-setup/record.c \
	src/rs-setup/check.c src/rs-setup/out.c src/rs-setup/status.c \
	src/rs-setup/sysctl.c src/rs-setup/module.c src/rs-setup/link.c \
	src/rs-setup/fou.c src/rs-setup/probe.c src/rs-setup/apply.c \
	src/rs-setup/cmd.c
src_rs_setup_librssetup_la_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS) $(LIBNL_ROUTE_CFLAGS) $(LIBNL_GENL_CFLAGS)
src_rs_setup_librssetup_la_LIBADD = src/common/libcommon.la $(LIBNL_ROUTE_LIBS) $(LIBNL_GENL_LIBS) $(LIBNL_LIBS)

sbin_PROGRAMS += src/rs-setup/rs-setup
src_rs_setup_rs_setup_SOURCES = src/rs-setup/main.c
src_rs_setup_rs_setup_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS) $(POPT_CFLAGS)
src_rs_setup_rs_setup_LDADD = src/rs-setup/librssetup.la $(LIBNL_ROUTE_LIBS) $(LIBNL_GENL_LIBS) $(LIBNL_LIBS) $(POPT_LIBS)

# The systemd unit, installed where configure says, with our sbindir.
systemdsystemunit_DATA += src/rs-setup/rs-setup.service
src/rs-setup/rs-setup.service: src/rs-setup/rs-setup.service.in
	$(AM_V_GEN)$(MKDIR_P) src/rs-setup && sed -e 's|@sbindir[@]|$(sbindir)|g' $< > $@
CLEANFILES += src/rs-setup/rs-setup.service
EXTRA_DIST += src/rs-setup/rs-setup.service.in
