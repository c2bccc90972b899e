# ipvsadm: parse -> validate -> execute -> render.  Everything but main.c
# goes into a convenience library so unit tests link the same code.
noinst_LTLIBRARIES += src/ipvsadm/libipvsadm.la
src_ipvsadm_libipvsadm_la_SOURCES = src/ipvsadm/cmd.h src/ipvsadm/render.h
src_ipvsadm_libipvsadm_la_CFLAGS = $(AM_CFLAGS) $(POPT_CFLAGS)
src_ipvsadm_libipvsadm_la_LIBADD = src/common/libcommon.la

sbin_PROGRAMS += src/ipvsadm/ipvsadm
src_ipvsadm_ipvsadm_SOURCES = src/ipvsadm/main.c
src_ipvsadm_ipvsadm_CFLAGS = $(AM_CFLAGS) $(POPT_CFLAGS)
# libipvs goes in as objects: no libtool wrapper in the build tree (it costs
# a second per run inside UML) and no symbol lookups at each start.  libnl
# and popt as configure chose (--disable-static-deps).
src_ipvsadm_ipvsadm_LDADD = src/ipvsadm/libipvsadm.la lib/libipvs-core.la $(IPVSADM_DEP_LIBS)
src_ipvsadm_ipvsadm_LDFLAGS = -static

include src/ipvsadm/front.mk
include src/ipvsadm/render.mk
