/*
 * when: dates, times and the clock.
 *
 * A date is a count of days since 1970-01-01 (proleptic Gregorian), so
 * that date arithmetic is integer arithmetic.  A time is Unix seconds plus
 * the UTC offset, in minutes, it is shown in.  The archive's zone is a
 * fixed offset (mainland China has had no daylight saving time since
 * 1991): "Asia/Shanghai" and the other +08:00 zone names, or "+HH:MM".
 *
 * The clock is the system clock unless ZHIFA_NOW holds an RFC 3339 time,
 * which fixes it (for tests and drills); zf_clock_fixed says which.
 */
#ifndef ZF_WHEN_H
#define ZF_WHEN_H

#include <stdint.h>
#include <time.h>

struct zf_time {
	int64_t unix;		/* seconds since the epoch, UTC */
	int offset;		/* minutes east of UTC it is shown in */
};

/* "YYYY-MM-DD", a real calendar date in 1900..9999; 0 or -1. */
int zf_date_parse(const char *s, int32_t *days);
/* Writes "YYYY-MM-DD" (11 bytes with NUL). */
void zf_date_format(int32_t days, char out[11]);
void zf_date_ymd(int32_t days, int *year, int *month, int *day);
int32_t zf_date_from_ymd(int year, int month, int day);
/* 0 = Monday .. 6 = Sunday. */
int zf_date_weekday(int32_t days);

/*
 * The exit code for s, a date YYYY-MM-DD (time 0) or an RFC 3339 time
 * (time 1) that its parser refused: EX_DATAERR (65) when it has the form,
 * whatever its numbers (2026-02-30 names no day: wrong for the record),
 * else EX_USAGE (64: it does not parse).
 */
int zf_when_refusal(const char *s, int time);

/*
 * RFC 3339 "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)" (the 'T' may be
 * 't' or a space; fractions are accepted and dropped).  0 or -1.
 */
int zf_time_parse(const char *s, struct zf_time *t);
/* "YYYY-MM-DDTHH:MM:SS+08:00" (26 bytes with NUL); Z is never used. */
void zf_time_format(const struct zf_time *t, char out[26]);
/* The date of t in t's own offset. */
int32_t zf_time_date(const struct zf_time *t);

/* A zone name or "+HH:MM" to minutes east of UTC; 0 or -1. */
int zf_zone_offset(const char *zone, int *minutes);

/*
 * Now, shown in the given offset: ZHIFA_NOW when set (then *fixed = 1;
 * its instant is kept and shown in offset), else the system clock.
 * Returns -1 when ZHIFA_NOW is set but not RFC 3339.
 */
int zf_clock_now(int offset, struct zf_time *t, int *fixed);

#endif
