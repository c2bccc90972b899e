# ipvsadm, ipvsadm-save, ipvsadm-restore, libipvs, ipvsadm.service man pages
dist_man_MANS += \
	man/ipvsadm.8 \
	man/ipvsadm-save.8 \
	man/ipvsadm-restore.8 \
	man/libipvs.3 \
	man/ipvsadm-service.8
