# Debian packages: built and checked on the host (tests/pkg/debs), then the
# libipvs example from them in UML (tests/pkg/example.uml, after debs).
TESTS += tests/pkg/debs tests/pkg/example.uml
tests/pkg/example.log: tests/pkg/debs.log
EXTRA_DIST += tests/pkg/debs tests/pkg/example-from-deb tests/pkg/example.uml
CLEANFILES += -r tests/pkg/work
