/*
 * helpers: what several unit tests share beyond check.h's assertions: a
 * message checked by how it starts, a parse checked as refused, a fixed
 * pseudo-random sequence, and scratch files.
 *
 * The sequence is the same on every run: a test sets random_state to
 * its own seed before the first next_random().
 */
#ifndef ZF_HELPERS_H
#define ZF_HELPERS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

/* Passes when the string got starts with want. */
#define CHECK_PREFIX(got, want) do { \
	const char *check_g = (got), *check_w = (want); \
	if (check_g != NULL && \
	    strncmp(check_g, check_w, strlen(check_w)) == 0) { \
		check_passed++; \
	} else { \
		check_failed++; \
		fprintf(stderr, "%s:%d: message \"%s\", want it to start " \
		    "\"%s\"\n", __FILE__, __LINE__, \
		    check_g ? check_g : "(null)", check_w); \
	} \
} while (0)

/*
 * Passes when a parse made nothing (made is NULL) and left status and a
 * message starting with want in the struct zf_err at e.
 */
#define CHECK_REFUSED(made, e, status, want) do { \
	CHECK((made) == NULL); \
	CHECK_INT((e)->code, (status)); \
	CHECK_PREFIX((e)->msg, (want)); \
} while (0)

static uint32_t random_state;

/* A linear congruential sequence: a number below below. */
static inline uint32_t
next_random(uint32_t below)
{
	random_state = random_state * 1103515245u + 12345u;
	return (random_state >> 8) % below;
}

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
