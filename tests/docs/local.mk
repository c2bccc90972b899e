# Man pages and shell completions of ipvsadm: host only, no kernel.
TESTS += tests/docs/check-docs
EXTRA_DIST += tests/docs/check-docs

# The option words of the popt table, for check-docs and front-noipvs.
check_PROGRAMS += tests/docs/option-words
tests_docs_option_words_SOURCES = tests/docs/option-words.c
tests_docs_option_words_CFLAGS = $(AM_CFLAGS) $(POPT_CFLAGS) -I$(top_srcdir)/src/ipvsadm
tests_docs_option_words_LDADD = src/ipvsadm/libipvsadm.la lib/libipvs-core.la \
	$(LIBNL_GENL_LIBS) $(LIBNL_LIBS) $(POPT_LIBS)
