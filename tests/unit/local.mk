# Check unit tests, no kernel needed.  One fragment per area.
include tests/unit/common.mk
include tests/unit/lib.mk
include tests/unit/ipvsadm-front.mk
include tests/unit/ipvsadm-render.mk
include tests/unit/rs-setup.mk
