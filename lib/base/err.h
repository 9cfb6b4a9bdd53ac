/*
 * err: how the library reports failure without printing or exiting.
 *
 * Every function that can fail returns 0 or a sysexits(3) code (plus 1,
 * "a check found problems") and leaves a message, without the program's
 * name, in a struct zf_err.  Only cmd/ and cli.c print it.
 *
 *   0 done            1 problems found     64 EX_USAGE     65 EX_DATAERR
 *   66 EX_NOINPUT     70 EX_SOFTWARE       73 EX_CANTCREAT 74 EX_IOERR
 *   75 EX_TEMPFAIL    77 EX_NOPERM         78 EX_CONFIG
 */
#ifndef ZF_ERR_H
#define ZF_ERR_H

#include <sysexits.h>

#define ZF_PROBLEMS 1

struct zf_err {
	int code;
	char msg[2048];
};

/* Sets the message and code; returns code, for "return zf_fail(...)". */
int zf_fail(struct zf_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Puts "context: " in front of the message already there. */
void zf_err_prefix(struct zf_err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void zf_err_clear(struct zf_err *e);

#endif
