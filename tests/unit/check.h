/*
 * check: the unit tests' few assertions.  Each failure prints the file,
 * line and expression; main returns check_report(), which prints
 * "N passed, N failed" and exits non-zero on any failure.
 */
#ifndef ZF_CHECK_H
#define ZF_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond) do { \
	if (cond) { \
		check_passed++; \
	} else { \
		check_failed++; \
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, \
		    __LINE__, #cond); \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *check_g = (got), *check_w = (want); \
	if (check_g != NULL && check_w != NULL && \
	    strcmp(check_g, check_w) == 0) { \
		check_passed++; \
	} else { \
		check_failed++; \
		fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n", \
		    __FILE__, __LINE__, #got, check_g ? check_g : "(null)", \
		    check_w ? check_w : "(null)"); \
	} \
} while (0)

#define CHECK_INT(got, want) do { \
	long long check_g = (long long)(got), check_w = (long long)(want); \
	if (check_g == check_w) { \
		check_passed++; \
	} else { \
		check_failed++; \
		fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", __FILE__, \
		    __LINE__, #got, check_g, check_w); \
	} \
} while (0)

static inline int
check_report(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
