/*
 * check: the unit tests' few assertions.  Each failure prints the file,
 * line and expression; main returns check_report(), which prints
 * "N passed, N failed" and exits non-zero on any failure.
 *
 * Each test states its plan, as TAP does: CHECK_PLAN(N) in main, before
 * the first check, N the number of checks the test makes.  check_report
 * fails when no plan was given or the count differs, so a loop that ran
 * fewer times than it should, or a part that was never reached, fails.
 */
#ifndef ZF_CHECK_H
#define ZF_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;
static long check_planned = -1;
static int check_plan_misplaced;

#define CHECK_PLAN(n) check_plan(n)

/* The test makes exactly n checks (n > 0); once, before the first. */
static inline void
check_plan(long n)
{
	if (check_planned >= 0 || check_passed + check_failed != 0 || n <= 0)
		check_plan_misplaced = 1;
	check_planned = n;
}

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

/* CHECK_PREFIX(got, want): the string got starts with want. */
#define CHECK_PREFIX(got, want) do { \
	const char *check_g = (got), *check_w = (want); \
	if (check_g != NULL && check_w != NULL && \
	    strncmp(check_g, check_w, strlen(check_w)) == 0) { \
		check_passed++; \
	} else { \
		check_failed++; \
		fprintf(stderr, "%s:%d: %s is \"%s\", want it to start " \
		    "\"%s\"\n", __FILE__, __LINE__, #got, \
		    check_g ? check_g : "(null)", \
		    check_w ? check_w : "(null)"); \
	} \
} while (0)

static inline int
check_report(const char *name)
{
	long made = (long)check_passed + check_failed;

	printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
	if (check_planned < 0) {
		fprintf(stderr, "%s: FAILED: no plan: CHECK_PLAN(N) in main, "
		    "before the first check\n", name);
		return 1;
	}
	if (check_plan_misplaced) {
		fprintf(stderr, "%s: FAILED: CHECK_PLAN must be given once, "
		    "before the first check, with N > 0\n", name);
		return 1;
	}
	if (made != check_planned) {
		fprintf(stderr, "%s: FAILED: planned %ld checks, made %ld\n",
		    name, check_planned, made);
		return 1;
	}
	return check_failed ? 1 : 0;
}

#endif
