# Check unit tests, no kernel needed.  The directories mirror the source:
# one per component, each with its own fragment.
include tests/unit/common/local.mk
include tests/unit/lib/local.mk
include tests/unit/ipvsadm/local.mk
include tests/unit/rs-setup/local.mk
