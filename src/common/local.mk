# libcommon: code both programs share (ipvsadm and rs-setup), a noinst
# convenience library linked into each one's own.
noinst_LTLIBRARIES += src/common/libcommon.la
src_common_libcommon_la_SOURCES = src/common/emit.h src/common/emit.c \
	src/common/stdio-guard.h src/common/stdio-guard.c \
	src/common/anon-file.h src/common/anon-file.c
