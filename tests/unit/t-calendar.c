/*
 * t-calendar: working days from the compiled-in notices, checked against
 * LAW.md's spot checks, published yearly totals and a naive reading of
 * the same text; counting both ways, past the last known year, local
 * days, and the refusals of a bad calendar file.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/calendar.h"
#include "check.h"
#include "helpers.h"
#include "base/when.h"

extern const char zf_calendar_data[];

static int32_t
D(const char *s)
{
	int32_t day = 0;

	if (zf_date_parse(s, &day) != 0) {
		check_failed++;
		fprintf(stderr, "bad date in the test: %s\n", s);
	}
	return day;
}

static const char *
F(int32_t day)
{
	static char out[4][11];
	static int next;

	next = (next + 1) % 4;
	zf_date_format(day, out[next]);
	return out[next];
}

/*
 * The reference: a per-day table for 2003..2027 filled by scanning the
 * embedded text line by line, with its own weekday and month lengths.
 */
#define REF_FIRST 2003
#define REF_LAST 2027
#define REF_YEARS (REF_LAST - REF_FIRST + 1)

static unsigned char ref_off[REF_YEARS][13][32];
static unsigned char ref_on[REF_YEARS][13][32];
static int ref_spans, ref_worked, ref_bad;

static int
ref_mdays(int y, int m)
{
	static const int mdays[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return mdays[m];
}

/* Sakamoto's method: 0 = Sunday .. 6 = Saturday. */
static int
ref_weekday(int y, int m, int d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

static int
ref_ok(int y, int m, int d)
{
	return y >= REF_FIRST && y <= REF_LAST && m >= 1 && m <= 12 &&
	    d >= 1 && d <= ref_mdays(y, m);
}

static void
ref_mark_span(int y, int m, int d, int y2, int m2, int d2)
{
	int guard = 0;

	if (!ref_ok(y, m, d) || !ref_ok(y2, m2, d2)) {
		ref_bad++;
		return;
	}
	for (;;) {
		ref_off[y - REF_FIRST][m][d] = 1;
		if ((y == y2 && m == m2 && d == d2) || ++guard > 400)
			break;
		if (++d > ref_mdays(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
		if (y > REF_LAST) {
			ref_bad++;
			break;
		}
	}
	ref_spans++;
}

static void
ref_load(void)
{
	const char *p = zf_calendar_data, *nl, *s;
	char line[512];
	int y, m, d, y2, m2, d2, used;
	size_t len;

	for (; *p != '\0'; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		len = (size_t)(nl - p) < sizeof(line) - 1 ?
		    (size_t)(nl - p) : sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		s = line + strspn(line, " ");
		if (*s == '#')
			continue;
		if ((s = strstr(line, "from: ")) != NULL) {
			const char *t = strstr(line, "to: ");

			if (t == NULL || sscanf(s, "from: %d-%d-%d", &y, &m,
			    &d) != 3 || sscanf(t, "to: %d-%d-%d", &y2, &m2,
			    &d2) != 3) {
				ref_bad++;
				continue;
			}
			ref_mark_span(y, m, d, y2, m2, d2);
		} else if ((s = strstr(line, "on: [")) != NULL) {
			s += strlen("on: [");
			while (sscanf(s, "%d-%d-%d%n", &y, &m, &d,
			    &used) == 3) {
				if (ref_ok(y, m, d))
					ref_on[y - REF_FIRST][m][d] = 1;
				else
					ref_bad++;
				ref_worked++;
				s += used;
				s += strspn(s, ", ");
			}
		}
	}
}

static int
ref_workdays_in_year(int y)
{
	int m, d, n = 0, wd, i = y - REF_FIRST;

	for (m = 1; m <= 12; m++)
		for (d = 1; d <= ref_mdays(y, m); d++) {
			wd = ref_weekday(y, m, d);
			if (ref_on[i][m][d] ||
			    (wd != 0 && wd != 6 && !ref_off[i][m][d]))
				n++;
		}
	return n;
}

static void
test_law(const struct zf_calendar *c)
{
	static const struct {
		const char *from;
		int n;
		const char *want;
	} add[] = {
		/* A calendar-day period ending in the holiday moves past it. */
		{ "2026-09-01", 30, "2026-10-08" },
		{ "2026-09-06", 30, "2026-10-08" },
		{ "2026-09-01", 90, "2026-11-30" },
		/* Ending on a worked Saturday stays there. */
		{ "2026-09-10", 30, "2026-10-10" },
		/* Ending on an ordinary Sunday moves to Monday. */
		{ "2026-10-01", 10, "2026-10-12" },
		{ "2026-10-01", 0, "2026-10-08" },
		/*
		 * 15 calendar days for the fine (Art 67): an ordinary
		 * Tuesday.
		 */
		{ "2026-03-02", 15, "2026-03-17" },
	};
	int beyond = 0;
	size_t i;

	/* LAW.md, "Counting days". */
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2026-09-28"), 7,
	    &beyond)), "2026-10-13");
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2026-01-30"), 20,
	    &beyond)), "2026-03-05");
	CHECK_INT(zf_calendar_workdays_in_year(c, 2025, &beyond), 248);
	CHECK_INT(zf_calendar_workdays_in_year(c, 2026, &beyond), 248);
	/* The 2026 notice: National Day off 10-01..10-07, 10-10 worked. */
	CHECK(!zf_calendar_is_workday(c, D("2026-10-01"), &beyond));
	CHECK(!zf_calendar_is_workday(c, D("2026-10-07"), &beyond));
	CHECK(zf_calendar_is_workday(c, D("2026-10-08"), &beyond));
	CHECK(zf_calendar_is_workday(c, D("2026-10-10"), &beyond));
	for (i = 0; i < sizeof(add) / sizeof(add[0]); i++)
		CHECK_STR(F(zf_calendar_add_days(c, D(add[i].from), add[i].n,
		    &beyond)), add[i].want);
	CHECK_INT(beyond, 0);
}

static void
test_years(const struct zf_calendar *c)
{
	int y, beyond = 0;

	ref_load();
	/* The scanner must have seen the whole file, or it proves little. */
	CHECK_INT(ref_bad, 0);
	CHECK(ref_spans >= 23 * 4);
	CHECK(ref_worked >= 23 * 4);
	for (y = 2004; y <= 2026; y++) {
		int got = zf_calendar_workdays_in_year(c, y, &beyond);
		int want = ref_workdays_in_year(y);

		if (got != want)
			fprintf(stderr, "year %d: %d working days, reference "
			    "says %d\n", y, got, want);
		CHECK_INT(got, want);
		/* Every notice leaves roughly 250 working days. */
		CHECK(got >= 245 && got <= 255);
	}
	CHECK_INT(beyond, 0);
	CHECK_INT(ref_workdays_in_year(2025), 248);
	CHECK_INT(ref_workdays_in_year(2026), 248);
	/* Published totals. */
	CHECK_INT(zf_calendar_workdays_in_year(c, 2023, &beyond), 249);
	CHECK_INT(zf_calendar_workdays_in_year(c, 2024, &beyond), 251);
	CHECK_INT(zf_calendar_workdays_in_year(c, 2025, &beyond), 248);
	CHECK_INT(zf_calendar_workdays_in_year(c, 2026, &beyond), 248);
	CHECK_INT(beyond, 0);
	CHECK_INT(zf_calendar_first_year(c), 2004);
	CHECK_INT(zf_calendar_last_year(c), 2026);
}

static void
test_days(const struct zf_calendar *c)
{
	int beyond = 0;
	int32_t day;

	/* Make-up Saturdays and Sundays are working days. */
	CHECK_INT(zf_date_weekday(D("2026-02-14")), 5);
	CHECK(zf_calendar_is_workday(c, D("2026-02-14"), &beyond));
	CHECK_INT(zf_date_weekday(D("2026-01-04")), 6);
	CHECK(zf_calendar_is_workday(c, D("2026-01-04"), &beyond));
	CHECK(zf_calendar_is_workday(c, D("2026-09-20"), &beyond));
	/* Holidays on weekdays are not. */
	CHECK(!zf_calendar_is_workday(c, D("2026-02-16"), &beyond));
	CHECK(!zf_calendar_is_workday(c, D("2026-02-23"), &beyond));
	CHECK(!zf_calendar_is_workday(c, D("2025-10-08"), &beyond));
	CHECK(!zf_calendar_is_workday(c, D("2024-02-16"), &beyond));
	/* Ordinary weekends are not; ordinary weekdays are. */
	CHECK(!zf_calendar_is_workday(c, D("2026-10-11"), &beyond));
	CHECK(!zf_calendar_is_workday(c, D("2026-03-07"), &beyond));
	CHECK(zf_calendar_is_workday(c, D("2026-03-09"), &beyond));
	/* 2008's notice reaches into 2007: 12-29 worked, 12-30..01-01 off. */
	CHECK(zf_calendar_is_workday(c, D("2007-12-29"), &beyond));
	CHECK_INT(zf_date_weekday(D("2007-12-31")), 0);
	CHECK(!zf_calendar_is_workday(c, D("2007-12-31"), &beyond));
	CHECK(!zf_calendar_is_workday(c, D("2008-01-01"), &beyond));
	CHECK(zf_calendar_is_workday(c, D("2008-01-02"), &beyond));
	/* So do 2006's (2005-12-31 worked) and 2023's (2022-12-31 off). */
	CHECK(zf_calendar_is_workday(c, D("2005-12-31"), &beyond));
	CHECK(!zf_calendar_is_workday(c, D("2022-12-31"), &beyond));
	CHECK(!zf_calendar_is_workday(c, D("2023-01-02"), &beyond));
	CHECK_INT(beyond, 0);

	/* Every day of the coverage agrees with the reference. */
	for (day = D("2004-01-01"); day <= D("2026-12-31"); day++) {
		int y, m, d, wd, want;

		zf_date_ymd(day, &y, &m, &d);
		wd = ref_weekday(y, m, d);
		want = ref_on[y - REF_FIRST][m][d] ||
		    (wd != 0 && wd != 6 && !ref_off[y - REF_FIRST][m][d]);
		if (zf_calendar_is_workday(c, day, &beyond) != want) {
			CHECK_STR(F(day), "a day that agrees");
			break;
		}
	}
	CHECK_INT(beyond, 0);
}

static void
test_between(const struct zf_calendar *c)
{
	static const struct {
		const char *from, *to;
		int want;
	} between[] = {
		{ "2026-09-28", "2026-10-13", 7 },
		{ "2026-10-13", "2026-09-28", -7 },
		{ "2026-05-06", "2026-05-06", 0 },
		/* Nothing but holidays in (09-30, 10-07]. */
		{ "2026-09-30", "2026-10-07", 0 },
		{ "2026-10-07", "2026-09-30", 0 },
		/* (2025-12-31, 2026-01-05]: 01-04 (worked Sunday) and 01-05. */
		{ "2025-12-31", "2026-01-05", 2 },
		{ "2026-01-05", "2025-12-31", -2 },
		{ "2024-12-31", "2026-12-31", 248 + 248 },
		{ "2026-12-31", "2024-12-31", -(248 + 248) },
	};
	static const struct {
		const char *from;
		int n;
		const char *want;
	} add[] = {
		/* Across year ends and holidays. */
		{ "2025-12-31", 1, "2026-01-04" },
		{ "2025-12-30", 3, "2026-01-05" },
		{ "2026-02-13", 1, "2026-02-14" },
		{ "2026-02-13", 2, "2026-02-24" },
		{ "2007-12-28", 1, "2007-12-29" },
		{ "2007-12-28", 2, "2008-01-02" },
		/* Starting on a holiday: the start is not counted anyway. */
		{ "2026-10-03", 1, "2026-10-08" },
		/* 0 gives the start; -n counts back. */
		{ "2026-10-03", 0, "2026-10-03" },
		{ "2026-10-13", -7, "2026-09-28" },
		{ "2026-01-05", -2, "2025-12-31" },
	};
	int beyond = 0, n, bad = 0;
	int32_t start, end, day;
	size_t i;

	for (i = 0; i < sizeof(between) / sizeof(between[0]); i++)
		CHECK_INT(zf_calendar_workdays_between(c, D(between[i].from),
		    D(between[i].to), &beyond), between[i].want);
	for (i = 0; i < sizeof(add) / sizeof(add[0]); i++)
		CHECK_STR(F(zf_calendar_add_workdays(c, D(add[i].from),
		    add[i].n, &beyond)), add[i].want);
	CHECK_INT(beyond, 0);

	/* add_workdays and workdays_between agree, both ways. */
	for (start = D("2025-01-01"); start <= D("2026-10-31"); start++)
		for (n = 1; n <= 25; n++) {
			end = zf_calendar_add_workdays(c, start, n, &beyond);
			if (end <= start ||
			    !zf_calendar_is_workday(c, end, &beyond) ||
			    zf_calendar_workdays_between(c, start, end,
			    &beyond) != n ||
			    zf_calendar_workdays_between(c, end, start,
			    &beyond) != -n ||
			    zf_calendar_workdays_between(c, start, end - 1,
			    &beyond) != n - 1)
				bad++;
			day = zf_calendar_add_workdays(c, start, -n, &beyond);
			if (day >= start ||
			    !zf_calendar_is_workday(c, day, &beyond) ||
			    zf_calendar_workdays_between(c, day, start,
			    &beyond) + zf_calendar_is_workday(c, day, NULL) -
			    zf_calendar_is_workday(c, start, NULL) != n)
				bad++;
		}
	CHECK_INT(bad, 0);
	CHECK_INT(beyond, 0);
}

/* Counts Monday to Friday in (from, to] one day at a time. */
static int
naive_weekdays(int32_t from, int32_t to)
{
	int n = 0;
	int32_t day;

	for (day = from + 1; day <= to; day++)
		n += zf_date_weekday(day) < 5;
	return n;
}

/* The n-th working day after start by asking is_workday day by day. */
static int32_t
naive_add(const struct zf_calendar *c, int32_t start, int n)
{
	int step = n > 0 ? 1 : -1;
	int32_t day = start;

	if (n < 0)
		n = -n;
	while (n > 0) {
		day += step;
		n -= zf_calendar_is_workday(c, day, NULL);
	}
	return day;
}

static void
test_beyond(const struct zf_calendar *c)
{
	int beyond = 0;

	/* 2026-12-31 is known; 2027-01-01, a Friday, is not. */
	CHECK(zf_calendar_is_workday(c, D("2026-12-31"), &beyond));
	CHECK_INT(beyond, 0);
	CHECK(zf_calendar_is_workday(c, D("2027-01-01"), &beyond));
	CHECK_INT(beyond, 1);
	/* Never reset by a later, known, day. */
	CHECK(zf_calendar_is_workday(c, D("2026-06-01"), &beyond));
	CHECK_INT(beyond, 1);
	beyond = 0;
	CHECK(!zf_calendar_is_workday(c, D("2027-01-02"), &beyond));
	CHECK_INT(beyond, 1);
	beyond = 0;
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2026-12-29"), 2,
	    &beyond)), "2026-12-31");
	CHECK_INT(beyond, 0);
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2026-12-30"), 3,
	    &beyond)), "2027-01-04");
	CHECK_INT(beyond, 1);
	beyond = 0;
	CHECK_STR(F(zf_calendar_add_days(c, D("2026-12-01"), 30, &beyond)),
	    "2026-12-31");
	CHECK_INT(beyond, 0);
	CHECK_STR(F(zf_calendar_add_days(c, D("2026-12-01"), 31, &beyond)),
	    "2027-01-01");
	CHECK_INT(beyond, 1);
	beyond = 0;
	CHECK_INT(zf_calendar_workdays_in_year(c, 2027, &beyond), 261);
	CHECK_INT(beyond, 1);
	beyond = 0;
	CHECK_INT(zf_calendar_workdays_in_year(c, 2028, &beyond), 260);
	CHECK_INT(beyond, 1);
	beyond = 0;
	CHECK_INT(zf_calendar_workdays_in_year(c, 2003, &beyond), 261);
	CHECK_INT(beyond, 1);
	beyond = 0;
	CHECK_INT(zf_calendar_workdays_in_year(c, 1990, &beyond), 261);
	CHECK_INT(beyond, 1);
	beyond = 0;
	CHECK_INT(zf_calendar_workdays_between(c, D("2026-12-30"),
	    D("2026-12-31"), &beyond), 1);
	CHECK_INT(beyond, 0);
	CHECK_INT(zf_calendar_workdays_between(c, D("2026-12-31"),
	    D("2027-01-01"), &beyond), 1);
	CHECK_INT(beyond, 1);
	beyond = 0;
	CHECK_INT(zf_calendar_workdays_between(c, D("2027-01-01"),
	    D("2026-12-31"), &beyond), -1);
	CHECK_INT(beyond, 1);
	/* NULL is allowed. */
	CHECK(zf_calendar_is_workday(c, D("2040-01-02"), NULL));
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2040-01-06"), 1, NULL)),
	    "2040-01-09");

	/* Far outside the table the counting is plain Monday to Friday. */
	CHECK_INT(zf_calendar_workdays_between(c, D("2040-01-01"),
	    D("2041-03-17"), NULL), naive_weekdays(D("2040-01-01"),
	    D("2041-03-17")));
	CHECK_INT(zf_calendar_workdays_between(c, D("1980-02-03"),
	    D("1999-07-04"), NULL), naive_weekdays(D("1980-02-03"),
	    D("1999-07-04")));
	CHECK_INT(zf_calendar_workdays_between(c, D("2041-03-17"),
	    D("2040-01-01"), NULL), -naive_weekdays(D("2040-01-01"),
	    D("2041-03-17")));
	/* Spans that cross the table from both sides. */
	CHECK_INT(zf_calendar_workdays_between(c, D("1995-05-05"),
	    D("2035-05-05"), NULL),
	    naive_weekdays(D("1995-05-05"), D("2003-12-31")) +
	    zf_calendar_workdays_between(c, D("2003-12-31"), D("2026-12-31"),
	    NULL) + naive_weekdays(D("2026-12-31"), D("2035-05-05")));
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2030-01-01"), 1000, NULL)),
	    F(naive_add(c, D("2030-01-01"), 1000)));
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2030-01-01"), -1500,
	    NULL)), F(naive_add(c, D("2030-01-01"), -1500)));
	CHECK_STR(F(zf_calendar_add_workdays(c, D("1995-03-04"), 3000, NULL)),
	    F(naive_add(c, D("1995-03-04"), 3000)));
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2001-03-04"), -700, NULL)),
	    F(naive_add(c, D("2001-03-04"), -700)));
	beyond = 0;
	zf_calendar_add_workdays(c, D("1995-03-04"), 3000, &beyond);
	CHECK_INT(beyond, 1);

	/* Absurd counts saturate instead of overflowing. */
	CHECK_INT(zf_calendar_add_workdays(c, INT32_MAX - 10, 100, NULL),
	    INT32_MAX);
	CHECK_INT(zf_calendar_add_workdays(c, 0, INT_MAX, NULL), INT32_MAX);
	CHECK_INT(zf_calendar_add_workdays(c, 0, INT_MIN, NULL), INT32_MIN);
	CHECK_INT(zf_calendar_add_days(c, INT32_MAX, 5, NULL), INT32_MAX);
	CHECK_INT(zf_calendar_add_days(c, INT32_MIN, -5, NULL), INT32_MIN);
	CHECK_INT(zf_calendar_workdays_between(c, INT32_MIN, INT32_MAX,
	    NULL), INT_MAX);
	CHECK_INT(zf_calendar_workdays_between(c, INT32_MAX, INT32_MIN,
	    NULL), INT_MIN);
	beyond = 0;
	CHECK(zf_calendar_workdays_in_year(c, INT_MAX, &beyond) >= 260);
	CHECK(zf_calendar_workdays_in_year(c, INT_MIN, &beyond) <= 262);
	CHECK_INT(beyond, 1);
}

static void
test_set(void)
{
	struct zf_calendar *c = NULL;
	struct zf_err e;
	int beyond = 0, bad = 0;
	int32_t day;

	CHECK_INT(zf_calendar_default(&c, &e), 0);
	if (c == NULL)
		return;
	/* A local day off (a typhoon closure) pushes the period on. */
	zf_calendar_set(c, D("2026-10-12"), 0);
	CHECK(!zf_calendar_is_workday(c, D("2026-10-12"), &beyond));
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2026-09-28"), 7,
	    &beyond)), "2026-10-14");
	CHECK_INT(zf_calendar_workdays_in_year(c, 2026, &beyond), 247);
	/* A local worked Sunday pulls it back; setting again replaces. */
	zf_calendar_set(c, D("2026-10-11"), 1);
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2026-09-28"), 7,
	    &beyond)), "2026-10-13");
	zf_calendar_set(c, D("2026-10-11"), 0);
	zf_calendar_set(c, D("2026-10-12"), 1);
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2026-09-28"), 7,
	    &beyond)), "2026-10-13");
	CHECK_INT(zf_calendar_workdays_in_year(c, 2026, &beyond), 248);
	CHECK_INT(beyond, 0);

	/* Set days outside the coverage are known: no *beyond for them. */
	zf_calendar_set(c, D("2027-01-01"), 0);
	CHECK(!zf_calendar_is_workday(c, D("2027-01-01"), &beyond));
	CHECK_INT(beyond, 0);
	zf_calendar_set(c, D("2035-03-05"), 0);
	zf_calendar_set(c, D("2035-03-10"), 1);
	zf_calendar_set(c, D("2035-03-05"), 0);
	zf_calendar_set(c, D("1980-05-05"), 0);
	zf_calendar_set(c, D("1980-05-03"), 1);
	CHECK(!zf_calendar_is_workday(c, D("2035-03-05"), &beyond));
	CHECK(zf_calendar_is_workday(c, D("2035-03-10"), &beyond));
	CHECK(!zf_calendar_is_workday(c, D("1980-05-05"), &beyond));
	CHECK(zf_calendar_is_workday(c, D("1980-05-03"), &beyond));
	CHECK_INT(beyond, 0);
	CHECK(zf_calendar_is_workday(c, D("2035-03-06"), &beyond));
	CHECK_INT(beyond, 1);
	beyond = 0;
	CHECK_INT(zf_calendar_workdays_in_year(c, 2027, &beyond), 260);
	CHECK_INT(beyond, 1);
	CHECK_INT(zf_calendar_workdays_in_year(c, 2035, NULL), 261);
	CHECK_INT(zf_calendar_workdays_in_year(c, 1980, NULL), 262);
	/* The fast paths step around set days, both ways. */
	for (day = D("2034-01-01"); day <= D("2035-06-30"); day += 3) {
		if (zf_calendar_add_workdays(c, day, 300, NULL) !=
		    naive_add(c, day, 300) ||
		    zf_calendar_add_workdays(c, day, -300, NULL) !=
		    naive_add(c, day, -300))
			bad++;
	}
	for (day = D("1979-06-01"); day <= D("1981-01-01"); day += 5) {
		if (zf_calendar_add_workdays(c, day, 200, NULL) !=
		    naive_add(c, day, 200) ||
		    zf_calendar_add_workdays(c, day, -200, NULL) !=
		    naive_add(c, day, -200))
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(zf_calendar_workdays_between(c, D("2035-03-01"),
	    D("2035-03-12"), NULL), 7);
	CHECK_INT(zf_calendar_workdays_between(c, D("2035-03-12"),
	    D("2035-03-01"), NULL), -7);
	/* Only the set day in (2035-03-09, 2035-03-10]: not beyond. */
	beyond = 0;
	CHECK_INT(zf_calendar_workdays_between(c, D("2035-03-09"),
	    D("2035-03-10"), &beyond), 1);
	CHECK_INT(beyond, 0);
	CHECK_STR(F(zf_calendar_add_workdays(c, D("2035-03-09"), 1,
	    &beyond)), "2035-03-10");
	CHECK_INT(beyond, 0);
	zf_calendar_free(c);
	zf_calendar_free(NULL);
}

static struct zf_calendar *
parse(const char *text, struct zf_err *e)
{
	struct zf_calendar *c = (struct zf_calendar *)&c;

	zf_err_clear(e);
	if (zf_calendar_parse("t.yaml", text, strlen(text), &c, e) != 0)
		CHECK(c == NULL);
	return c;
}

/* The calendar must be refused with a message starting with want. */
static void
refused(const char *text, const char *want)
{
	struct zf_err e;
	struct zf_calendar *c = parse(text, &e);

	CHECK_REFUSED(c, &e, EX_CONFIG, want);
	zf_calendar_free(c);
}

#define HEAD "region: CN\nfirst_year: 2030\nlast_year: 2031\nyears:\n"

static void
test_parse(void)
{
	struct zf_calendar *c;
	struct zf_err e;
	int beyond = 0;

	c = parse(HEAD "  2030:\n"
	    "    notice: \"X\"\n"
	    "    off:\n"
	    "      - {name: a, from: 2029-12-31, to: 2030-01-01}\n"
	    "      - {from: 2030-05-01, to: 2030-05-03}\n"
	    "    on: [2029-12-29, '2030-05-04']\n"
	    "  2031: {}\n", &e);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_INT(zf_calendar_first_year(c), 2030);
		CHECK_INT(zf_calendar_last_year(c), 2031);
		/* 2029 lies outside the coverage, though its notice said. */
		CHECK(!zf_calendar_is_workday(c, D("2029-12-31"), &beyond));
		CHECK(zf_calendar_is_workday(c, D("2029-12-29"), &beyond));
		CHECK_INT(beyond, 1);
		beyond = 0;
		CHECK(!zf_calendar_is_workday(c, D("2030-01-01"), &beyond));
		CHECK(!zf_calendar_is_workday(c, D("2030-05-03"), &beyond));
		CHECK(zf_calendar_is_workday(c, D("2030-05-04"), &beyond));
		/* 2030 has 261 weekdays; 4 are off, Saturday 05-04 worked. */
		CHECK_INT(zf_calendar_workdays_in_year(c, 2030, &beyond), 258);
		CHECK_INT(zf_calendar_workdays_in_year(c, 2031, &beyond), 261);
		CHECK_INT(beyond, 0);
		zf_calendar_free(c);
	}

	refused(HEAD "  2030: {}\n  2031: {}\nextra: 1\n",
	    "t.yaml:7:1: unknown key 'extra' in the calendar (known: region, "
	    "first_year, last_year, years)");
	refused(HEAD "  2030: {}\n  2031: {notice: x, of: []}\n",
	    "t.yaml:6:21: unknown key 'of' in a year (known: notice, off, "
	    "on)");
	refused(HEAD "  2030:\n    off:\n      - {name: a, form: 2030-01-01, "
	    "to: 2030-01-01}\n  2031: {}\n",
	    "t.yaml:7:19: unknown key 'form' in a span of days off");
	refused(HEAD "  2030:\n    off:\n      - {name: a, from: 2030-02-30, "
	    "to: 2030-03-01}\n  2031: {}\n",
	    "t.yaml:7:25: 'from' must be a date YYYY-MM-DD, not '2030-02-30'");
	refused(HEAD "  2030:\n    on: [2030-01-05, 20300106]\n  2031: {}\n",
	    "t.yaml:6:22: a worked day must be a date YYYY-MM-DD, not "
	    "'20300106'");
	refused(HEAD "  2030:\n    off:\n      - {name: a, from: 2030-10-07, "
	    "to: 2030-10-01}\n  2031: {}\n",
	    "t.yaml:7:41: 'to' 2030-10-01 is before 'from' 2030-10-07");
	refused("region: CN\nfirst_year: 2030\nyears:\n  2030: {}\n",
	    "t.yaml:1:1: 'last_year' is required");
	refused("region: CN\nlast_year: 2030\nyears:\n  2030: {}\n",
	    "t.yaml:1:1: 'first_year' is required");
	refused("region: CN\nfirst_year: 2030\nlast_year: 2030\n",
	    "t.yaml:1:1: 'years' is required");
	refused("first_year: 2031\nlast_year: 2030\nyears: {}\n",
	    "t.yaml:2:12: 'last_year' 2030 is before 'first_year' 2031");
	refused("first_year: 1066\nlast_year: 2030\nyears: {}\n",
	    "t.yaml:1:13: 'first_year' must be a year 1900..9999, not '1066'");
	refused("first_year: 2030\nlast_year: twenty\nyears: {}\n",
	    "t.yaml:2:12: 'last_year' must be a year");
	refused("first_year: 1900\nlast_year: 9999\nyears: {}\n",
	    "t.yaml:2:12: first_year..last_year may cover at most");
	refused(HEAD "  2030: {}\n",
	    "t.yaml:5:3: year 2031 is missing from 'years'");
	refused(HEAD "  2030: {}\n  2031: {}\n  2032: {}\n",
	    "t.yaml:7:3: year 2032 is outside first_year..last_year "
	    "(2030..2031)");
	refused(HEAD "  2030: {}\n  next: {}\n",
	    "t.yaml:6:3: a key of 'years' must be a year, not 'next'");
	refused(HEAD "  2030:\n    on: [2032-01-04]\n  2031: {}\n",
	    "t.yaml:6:10: a worked day 2032-01-04 is outside the years the "
	    "2030 notice may arrange (2029..2031)");
	refused(HEAD "  2030:\n    off:\n      - {from: 2030-10-01, "
	    "to: 2030-10-07}\n    on: [2030-10-05]\n  2031: {}\n",
	    "t.yaml:8:10: worked day 2030-10-05 lies inside a span of days "
	    "off");
	refused(HEAD "  2030: []\n  2031: {}\n",
	    "t.yaml:5:9: a year must be a mapping, not a list");
	refused(HEAD "  2030: {off: {from: 2030-01-01}}\n  2031: {}\n",
	    "t.yaml:5:15: 'off' must be a list, not a mapping");
	refused(HEAD "  2030: {off: [{to: 2030-01-01}]}\n  2031: {}\n",
	    "t.yaml:5:16: 'from' is required");
	refused(HEAD "  2030: {off: [{from: [2030-01-01], to: 2030-01-01}]}\n"
	    "  2031: {}\n", "t.yaml:5:23: 'from' must be a scalar, not a list");
	refused(HEAD "  2030: {notice: [a]}\n  2031: {}\n",
	    "t.yaml:5:18: 'notice' must be a scalar, not a list");
	refused("- 1\n", "t.yaml:1:1: the calendar must be a mapping");
	refused("", "t.yaml:1:1: expected one YAML document, found 0");
	refused("a: 1\n---\nb: 2\n",
	    "t.yaml:1:1: expected one YAML document, found 2");
	/* The loader's own refusals keep its place. */
	refused(HEAD "  2030: &x {}\n  2031: *x\n", "t.yaml:5:9:");
	refused(HEAD "  2030: {}\n  2030: {}\n", "t.yaml:6:3:");
	refused("first_year: [\n", "t.yaml:");
}

static void
test_speed(const struct zf_calendar *c)
{
	int32_t start = D("2026-09-28"), got;
	long i, wrong = 0;
	int beyond = 0;

	for (i = 0; i < 1000000; i++) {
		got = zf_calendar_add_workdays(c, start, 7, &beyond);
		if (got != D("2026-10-13"))
			wrong++;
	}
	CHECK_INT(wrong, 0);
	/* Varied starts over the whole coverage. */
	wrong = 0;
	for (i = 0; i < 1000000; i++) {
		int32_t from = D("2004-01-01") + (int32_t)(i % 8000);

		got = zf_calendar_add_workdays(c, from, 7, &beyond);
		if (got <= from || got > from + 30)
			wrong++;
	}
	CHECK_INT(wrong, 0);
	CHECK_INT(beyond, 0);
}

int
main(void)
{
	struct zf_calendar *c = NULL;
	struct zf_err e;

	CHECK_PLAN(330);

	zf_err_clear(&e);
	CHECK_INT(zf_calendar_default(&c, &e), 0);
	if (c == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		return check_report("t-calendar");
	}
	test_law(c);
	test_years(c);
	test_days(c);
	test_between(c);
	test_beyond(c);
	test_speed(c);
	zf_calendar_free(c);
	test_set();
	test_parse();
	return check_report("t-calendar");
}
