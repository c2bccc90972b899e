# Debian packages: built and checked on the host (tests/pkg/debs); then, from
# what it built, the libipvs example in UML (tests/pkg/example.uml) and
# ipvs-tools installed in place of ipvsadm in an overlay chroot (tests/pkg/replace).
TESTS += tests/pkg/debs tests/pkg/example.uml tests/pkg/replace
tests/pkg/example.log tests/pkg/replace.log: tests/pkg/debs.log
EXTRA_DIST += tests/pkg/debs tests/pkg/example-from-deb tests/pkg/example.uml tests/pkg/replace
CLEANFILES += -r tests/pkg/work
