# Man pages and shell completions of ipvsadm: host only, no kernel.
TESTS += tests/docs/check-docs
EXTRA_DIST += tests/docs/check-docs
