# Benchmarks: `make bench` (not part of make check).  See bench/run.
EXTRA_PROGRAMS = bench/floor
# conn-fill also fills the connection table of tests/kernel/front/conn-writes.
check_PROGRAMS += bench/conn-fill
bench_floor_SOURCES = bench/floor.c
bench_conn_fill_SOURCES = bench/conn-fill.c
CLEANFILES += bench/floor bench/conn-fill bench/results.txt bench/bench.png bench/bench.svg bench/inner-wrapper \
	bench/icount.txt bench/icount-wrapper
EXTRA_DIST += bench/run bench/inner bench/report bench/plot bench/gen-table bench/icount bench/icount-inner

bench: all bench/floor$(EXEEXT) bench/conn-fill$(EXEEXT) tests/uml/xstate-shim.la
	$(top_srcdir)/bench/run
.PHONY: bench

# bench/attr-parse: libipvs's attribute parsing against libnl's nla_parse
# on a synthesised dump (host only; run it under callgrind, see the file).
EXTRA_PROGRAMS += bench/attr-parse
bench_attr_parse_SOURCES = bench/attr-parse.c
bench_attr_parse_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS) -I$(top_srcdir)/lib
bench_attr_parse_LDADD = lib/libipvs-core.la $(LIBNL_GENL_LIBS) $(LIBNL_LIBS)
CLEANFILES += bench/attr-parse
