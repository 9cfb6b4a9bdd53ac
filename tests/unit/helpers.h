/*
 * helpers: what several unit tests share beyond check.h's assertions: a
 * parse checked as refused, and scratch files.  (The fixed pseudo-random
 * sequence is lcg.h.)
 */
#ifndef ZF_HELPERS_H
#define ZF_HELPERS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

/*
 * Passes when a parse made nothing (made is NULL) and left status and a
 * message starting with want in the struct zf_err at e.
 */
#define CHECK_REFUSED(made, e, status, want) do { \
	CHECK((made) == NULL); \
	CHECK_INT((e)->code, (status)); \
	CHECK_PREFIX((e)->msg, (want)); \
} while (0)

/* Writes data[0..len) to path, replacing it; 0, or -1. */
static inline int
write_scratch(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "w");
	int rc = 0;

	if (f == NULL)
		return -1;
	if (len > 0 && fwrite(data, 1, len, f) != len)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

#endif
