# Manual pages.
include man/ipvsadm.mk
include man/rs-setup.mk
