# ipvsadm: parse, validate, execute, restore, help.
src_ipvsadm_libipvsadm_la_SOURCES += \
	src/ipvsadm/front.h \
	src/ipvsadm/diag.c \
	src/ipvsadm/options.c \
	src/ipvsadm/addr.c \
	src/ipvsadm/opt-reader.h \
	src/ipvsadm/opt-reader.c \
	src/ipvsadm/parse.c \
	src/ipvsadm/validate.c \
	src/ipvsadm/help.c \
	src/ipvsadm/restore-input.c \
	src/ipvsadm/restore.c \
	src/ipvsadm/exec.c \
	src/ipvsadm/exec-list.c \
	src/ipvsadm/exec-batch.c \
	src/ipvsadm/scope.c \
	src/ipvsadm/apply.h \
	src/ipvsadm/apply-input.c \
	src/ipvsadm/exec-apply.c \
	src/ipvsadm/exec-drain.c

# Wrapper scripts with the interface of the 1.31 originals.
sbin_SCRIPTS += src/ipvsadm/ipvsadm-save src/ipvsadm/ipvsadm-restore
EXTRA_DIST += src/ipvsadm/ipvsadm-save src/ipvsadm/ipvsadm-restore
