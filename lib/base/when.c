/*
 * when: proleptic Gregorian day counts, RFC 3339 times and fixed zones.
 *
 * Day counts use the closed-form civil calendar conversion (eras of
 * 400 years, March-based years), so no libc time zone state is involved.
 * Leap seconds are refused: a time with second 60 does not parse.
 */
#include "base/when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"

#define SECONDS_PER_DAY	86400
#define YEAR_MIN	1900
#define YEAR_MAX	9999

/*
 * Zone names the archive may be configured with.  All of China keeps
 * Beijing time officially, so Asia/Urumqi is +08:00 here even though the
 * tz database gives it Xinjiang's local +06:00.  Hong Kong, Macau and
 * Taipei have kept +08:00 without daylight saving time since 1979.
 */
static const struct zone {
	const char *name;
	int minutes;
} zones[] = {
	{ "Asia/Shanghai", 480 },
	{ "Asia/Chongqing", 480 },
	{ "Asia/Chungking", 480 },
	{ "Asia/Harbin", 480 },
	{ "Asia/Urumqi", 480 },
	{ "Asia/Hong_Kong", 480 },
	{ "Asia/Macau", 480 },
	{ "Asia/Macao", 480 },
	{ "Asia/Taipei", 480 },
	{ "PRC", 480 },
	{ "UTC", 0 },
	{ "Etc/UTC", 0 },
};

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int
is_leap(int64_t year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

static int
days_in_month(int64_t year, int month)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month == 2 && is_leap(year))
		return 29;
	return mdays[month - 1];
}

/* Days since 1970-01-01 of a valid year, month (1-12) and day. */
static int64_t
days_from_civil(int64_t year, int month, int day)
{
	int64_t era, yoe, doy, doe;

	/* Years start in March, so that February's leap day comes last. */
	if (month <= 2)
		year--;
	era = floor_div(year, 400);
	yoe = year - era * 400;
	doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t days, int64_t *year, int *month, int *day)
{
	int64_t z, era, doe, yoe, doy, mp;

	z = days + 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = yoe + era * 400 + (*month <= 2);
}

/* Exactly n decimal digits at *p; advances *p past them. */
static int
take_digits(const char **p, int n, int *value)
{
	const char *s = *p;
	int v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	*value = v;
	*p = s;
	return 0;
}

static int
take_char(const char **p, char c)
{
	if (**p != c)
		return -1;
	(*p)++;
	return 0;
}

/* "YYYY-MM-DD" at *p, a real date in YEAR_MIN..YEAR_MAX. */
static int
take_date(const char **p, int64_t *days)
{
	int year, month, day;

	if (take_digits(p, 4, &year) < 0 || take_char(p, '-') < 0 ||
	    take_digits(p, 2, &month) < 0 || take_char(p, '-') < 0 ||
	    take_digits(p, 2, &day) < 0)
		return -1;
	if (year < YEAR_MIN || year > YEAR_MAX || month < 1 || month > 12 ||
	    day < 1 || day > days_in_month(year, month))
		return -1;
	*days = days_from_civil(year, month, day);
	return 0;
}

/* "+HH:MM" or "-HH:MM" at *p, hours 00-23 and minutes 00-59. */
static int
take_offset(const char **p, int *minutes)
{
	int sign, hours, mins;

	if (**p == '+')
		sign = 1;
	else if (**p == '-')
		sign = -1;
	else
		return -1;
	(*p)++;
	if (take_digits(p, 2, &hours) < 0 || take_char(p, ':') < 0 ||
	    take_digits(p, 2, &mins) < 0 || hours > 23 || mins > 59)
		return -1;
	*minutes = sign * (hours * 60 + mins);
	return 0;
}

int
zf_date_parse(const char *s, int32_t *days)
{
	int64_t d;

	if (s == NULL || take_date(&s, &d) < 0 || *s != '\0')
		return -1;
	*days = (int32_t)d;
	return 0;
}

void
zf_date_format(int32_t days, char out[11])
{
	int year, month, day;

	zf_date_ymd(days, &year, &month, &day);
	/* Years outside 0000-9999 do not fit and are cut short. */
	snprintf(out, 11, "%04d-%02d-%02d", year, month, day);
}

void
zf_date_ymd(int32_t days, int *year, int *month, int *day)
{
	int64_t y;

	civil_from_days(days, &y, month, day);
	*year = (int)y;
}

/*
 * Months outside 1-12 carry into the year and days outside the month
 * carry into the next or previous ones, so (2026, 13, 1) is 2027-01-01
 * and (2026, 3, 0) is 2026-02-28.
 */
int32_t
zf_date_from_ymd(int year, int month, int day)
{
	int64_t y, m;

	m = (int64_t)month - 1;
	y = (int64_t)year + floor_div(m, 12);
	m -= floor_div(m, 12) * 12;
	return (int32_t)(days_from_civil(y, (int)m + 1, 1) + (int64_t)day - 1);
}

int
zf_date_weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday. */
	return (int)((((int64_t)days % 7) + 7 + 3) % 7);
}

int
zf_time_parse(const char *s, struct zf_time *t)
{
	int64_t days;
	int hour, minute, second, offset;

	if (s == NULL || take_date(&s, &days) < 0)
		return -1;
	if (*s != 'T' && *s != 't' && *s != ' ')
		return -1;
	s++;
	if (take_digits(&s, 2, &hour) < 0 || take_char(&s, ':') < 0 ||
	    take_digits(&s, 2, &minute) < 0 || take_char(&s, ':') < 0 ||
	    take_digits(&s, 2, &second) < 0)
		return -1;
	if (hour > 23 || minute > 59 || second > 59)
		return -1;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
		offset = 0;
	} else if (take_offset(&s, &offset) < 0) {
		return -1;
	}
	if (*s != '\0')
		return -1;
	t->unix = days * SECONDS_PER_DAY + hour * 3600 + minute * 60 +
	    second - (int64_t)offset * 60;
	t->offset = offset;
	return 0;
}

void
zf_time_format(const struct zf_time *t, char out[26])
{
	int64_t local, days, secs, year, offset;
	int month, day;
	char sign, text[96];

	local = t->unix + (int64_t)t->offset * 60;
	days = floor_div(local, SECONDS_PER_DAY);
	secs = local - days * SECONDS_PER_DAY;
	civil_from_days(days, &year, &month, &day);
	sign = t->offset < 0 ? '-' : '+';
	offset = t->offset < 0 ? -(int64_t)t->offset : t->offset;
	snprintf(text, sizeof(text),
	    "%04lld-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", (long long)year,
	    month, day, (int)(secs / 3600), (int)(secs / 60 % 60),
	    (int)(secs % 60), sign, (int)(offset / 60), (int)(offset % 60));
	/* Years past 9999 and offsets of a day or more are cut short. */
	memcpy(out, text, 25);
	out[25] = '\0';
}

int32_t
zf_time_date(const struct zf_time *t)
{
	return (int32_t)floor_div(t->unix + (int64_t)t->offset * 60,
	    SECONDS_PER_DAY);
}

int
zf_zone_offset(const char *zone, int *minutes)
{
	size_t i;
	int offset;

	if (zone == NULL)
		return -1;
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		if (strcmp(zone, zones[i].name) == 0) {
			*minutes = zones[i].minutes;
			return 0;
		}
	}
	if (take_offset(&zone, &offset) < 0 || *zone != '\0')
		return -1;
	*minutes = offset;
	return 0;
}

/*
 * An empty ZHIFA_NOW counts as unset, so that "ZHIFA_NOW= program" runs
 * on the system clock.  A system clock that cannot be read is -1 too.
 */
int
zf_clock_now(int offset, struct zf_time *t, int *fixed)
{
	const char *now = getenv("ZHIFA_NOW");
	struct zf_time parsed;
	time_t clock;

	if (now != NULL && *now != '\0') {
		if (fixed != NULL)
			*fixed = 1;
		if (zf_time_parse(now, &parsed) < 0)
			return -1;
		t->unix = parsed.unix;
		t->offset = offset;
		return 0;
	}
	if (fixed != NULL)
		*fixed = 0;
	if ((clock = time(NULL)) == (time_t)-1)
		return -1;
	t->unix = (int64_t)clock;
	t->offset = offset;
	return 0;
}

/* 1 when s has the form of a date, or of a time when time is 1. */
static int
has_form(const char *s, int time)
{
	static const char form[] = "dddd-dd-dd";
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; form[i] != '\0'; i++)
		if (form[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != form[i])
			return 0;
	if (!time)
		return s[i] == '\0';
	if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
		return 0;
	return s[i + 1] != '\0' && strspn(s + i + 1, "0123456789:.+-Zz") ==
	    strlen(s + i + 1);
}

int
zf_when_refusal(const char *s, int time)
{
	return has_form(s, time) ? EX_DATAERR : EX_USAGE;
}
