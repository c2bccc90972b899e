# Benchmarks: `make bench` (not part of make check).  See bench/run.
EXTRA_PROGRAMS = bench/floor
bench_floor_SOURCES = bench/floor.c
CLEANFILES += bench/floor bench/results.txt bench/inner-wrapper
EXTRA_DIST += bench/run bench/inner bench/report bench/gen-table

bench: all bench/floor$(EXEEXT) tests/uml/xstate-shim.la
	$(top_srcdir)/bench/run
.PHONY: bench
