/*
 * calendar: mainland China's working days, from the State Council's yearly
 * holiday notices (data/cn-workdays.yaml, compiled in as the default and
 * installed beside the programs; an agency may add days in zhifa.yaml).
 *
 * A day is a working day when it is listed as a worked day (调休 "on"),
 * or it is Monday to Friday and not inside a listed span of days off.  A
 * year's spans may reach into the year before (look a date up in all
 * years).  Outside first_year..last_year the notices are unknown: such a
 * day counts Monday to Friday, and every function that met one sets
 * *beyond, so that callers can warn and say so in their output.
 *
 * Counting follows 民事诉讼法 Art 85 as LAW.md states it: the start day is
 * not counted; day 1 of a working-day period is the first working day
 * after the start; a calendar-day period whose last day is not a working
 * day ends on the next working day.
 */
#ifndef ZF_CALENDAR_H
#define ZF_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct zf_calendar;

/*
 * Reads a calendar in the cn-workdays.yaml format from bytes; name is
 * used in messages ("FILE:LINE:COLUMN: reason", EX_CONFIG).
 */
int zf_calendar_parse(const char *name, const char *bytes, size_t len,
    struct zf_calendar **out, struct zf_err *e);
/* The calendar compiled into zhifa. */
int zf_calendar_default(struct zf_calendar **out, struct zf_err *e);
void zf_calendar_free(struct zf_calendar *c);

/* Adds a local exception: day becomes a working day (1) or a day off (0). */
void zf_calendar_set(struct zf_calendar *c, int32_t day, int working);

int zf_calendar_first_year(const struct zf_calendar *c);
int zf_calendar_last_year(const struct zf_calendar *c);

/* 1 on a working day, 0 on a day off. */
int zf_calendar_is_workday(const struct zf_calendar *c, int32_t day,
    int *beyond);
/* The n-th working day after start (n >= 1); start itself is not counted. */
int32_t zf_calendar_add_workdays(const struct zf_calendar *c, int32_t start,
    int n, int *beyond);
/* start + n days, moved to the next working day when that is a day off. */
int32_t zf_calendar_add_days(const struct zf_calendar *c, int32_t start, int n,
    int *beyond);
/*
 * Working days in (from, to]: how many working days from the day after
 * from up to and including to; negative (-(working days in (to, from]))
 * when to < from.
 */
int zf_calendar_workdays_between(const struct zf_calendar *c, int32_t from,
    int32_t to, int *beyond);
/* Working days in a calendar year. */
int zf_calendar_workdays_in_year(const struct zf_calendar *c, int year,
    int *beyond);

#endif
