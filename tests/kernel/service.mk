# ipvsadm.service in UML: the script its ExecStart/ExecStop run, against a
# real table and real sync daemons.
TESTS += tests/kernel/service.uml
EXTRA_DIST += tests/kernel/service.uml tests/kernel/service/start-stop tests/kernel/service/errors
