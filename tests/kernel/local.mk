# Kernel tests: each .uml file is one UML boot running the tests it lists.
TESTS += tests/kernel/smoke.uml
EXTRA_DIST += tests/kernel/smoke.uml tests/kernel/oracle-smoke
include tests/kernel/lib.mk
include tests/kernel/rs-setup.mk
include tests/kernel/service.mk
include tests/kernel/front.mk
