/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer targets: each file defines LLVMFuzzerTestOneInput() for one
 * parser.  The name service is replaced by a fixed table (fuzz-names.c)
 * so that no input waits on DNS and every run is repeatable.
 */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A stream that reads data[0..size) (never NULL: aborts on no memory). */
FILE *fuzz_stream(const uint8_t *data, size_t size);
/* /dev/null for output, opened once. */
FILE *fuzz_sink(void);

#endif /* FUZZ_FUZZ_H */
