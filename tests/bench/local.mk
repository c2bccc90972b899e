# The benchmark's report and plot, on a fixed sample of results: host only.
TESTS += tests/bench/report-plot
EXTRA_DIST += tests/bench/report-plot tests/bench/results-sample.txt
