# ipvsadm, ipvsadm-save, ipvsadm-restore, libipvs man pages
