# Build the example against an installed libipvs, the way any consumer would:
#   make -f consumer.mk
CFLAGS ?= -O2 -Wall
ipvs-example: ipvs-example.c
	$(CC) $(CFLAGS) -o $@ $< $$(pkg-config --cflags --libs libipvs)
clean:
	rm -f ipvs-example
.PHONY: clean
