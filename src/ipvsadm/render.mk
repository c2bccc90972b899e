# ipvsadm: render (text, rules, JSON), listing order, names, the spool.
src_ipvsadm_libipvsadm_la_SOURCES += \
	src/ipvsadm/names.h src/ipvsadm/names.c \
	src/ipvsadm/sort.h src/ipvsadm/sort.c \
	src/ipvsadm/spool.h src/ipvsadm/spool.c \
	src/ipvsadm/render-priv.h \
	src/ipvsadm/render-common.c \
	src/ipvsadm/render-table.c \
	src/ipvsadm/render-rule.c \
	src/ipvsadm/render-misc.c \
	src/ipvsadm/conn-filter.c \
	src/ipvsadm/render-conn.c \
	src/ipvsadm/render-conn-summary.c \
	src/ipvsadm/render-prometheus.c \
	src/ipvsadm/render-plan.c
