/* t-values: identity numbers, dates and times, and money. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#define LCG_SEED 20261127
#include "lcg.h"
#include "base/ident.h"
#include "base/money.h"
#include "base/when.h"

static int
leap_year(int y)
{
	if (y % 400 == 0)
		return 1;
	if (y % 100 == 0)
		return 0;
	return y % 4 == 0;
}

static int
month_length(int y, int m)
{
	if (m == 2)
		return leap_year(y) ? 29 : 28;
	if (m == 4 || m == 6 || m == 9 || m == 11)
		return 30;
	return 31;
}

/*
 * The ISO 7064 MOD 11-2 reference: weight i is 2^(17-i) mod 11 and the
 * check value makes the weighted sum of all 18 positions 1 mod 11.
 */
static char
citizen_reference(const char *body)
{
	int i, sum = 0, weight, value;

	for (i = 0; i < 17; i++) {
		weight = (1 << (17 - i)) % 11;
		sum += (body[i] - '0') * weight;
	}
	value = (12 - sum % 11) % 11;
	return value == 10 ? 'X' : (char)('0' + value);
}

/* The 31 characters: digits and capitals without I O S V Z. */
static void
uscc_alphabet(char out[32])
{
	int c, n = 0;

	for (c = '0'; c <= '9'; c++)
		out[n++] = (char)c;
	for (c = 'A'; c <= 'Z'; c++)
		if (strchr("IOSVZ", c) == NULL)
			out[n++] = (char)c;
	out[n] = '\0';
}

/* GB 32100 reference: weight i is 3^i mod 31, check is -sum mod 31. */
static char
uscc_reference(const char *body)
{
	char alphabet[32];
	int i, sum = 0, weight = 1;

	uscc_alphabet(alphabet);
	for (i = 0; i < 17; i++) {
		sum += (int)(strchr(alphabet, body[i]) - alphabet) * weight;
		weight = weight * 3 % 31;
	}
	return alphabet[(31 - sum % 31) % 31];
}

typedef int ident_fn(const char *s, char out[19], const char **why);

/* The number is accepted, normalised to want, with no reason given. */
static void
accepts(ident_fn *check, const char *s, const char *want)
{
	char out[19];
	const char *why = "unset";

	CHECK_INT(check(s, out, &why), 0);
	CHECK_STR(out, want);
	CHECK_STR(why, "unset");
}

/* The number is refused for reason, and out left alone. */
static void
refuses(ident_fn *check, const char *s, const char *reason)
{
	char out[19];
	const char *why = NULL;

	memset(out, '#', sizeof(out));
	CHECK_INT(check(s, out, &why), -1);
	CHECK_STR(why, reason);
	CHECK(out[0] == '#' && out[18] == '#');
}

#define citizen_accepts(s, want) accepts(zf_ident_citizen, s, want)
#define citizen_refuses(s, reason) refuses(zf_ident_citizen, s, reason)
#define uscc_accepts(s, want) accepts(zf_ident_uscc, s, want)
#define uscc_refuses(s, reason) refuses(zf_ident_uscc, s, reason)

/* body is 17 digits; the reference check character completes it. */
static void
citizen_complete(const char *body, char id[19])
{
	memcpy(id, body, 17);
	id[17] = citizen_reference(body);
	id[18] = '\0';
}

static void
citizen_published(void)
{
	/* The example in GB 11643-1999 itself. */
	citizen_accepts("11010519491231002X", "11010519491231002X");
	citizen_accepts("11010519491231002x", "11010519491231002X");
	CHECK_INT(citizen_reference("11010519491231002"), 'X');
	/* A commonly cited example (born 1880-01-01). */
	citizen_accepts("440524188001010014", "440524188001010014");
	CHECK_INT(citizen_reference("44052418800101001"), '4');
	/* Neither out nor why is needed. */
	CHECK_INT(zf_ident_citizen("11010519491231002X", NULL, NULL), 0);
	CHECK_INT(zf_ident_citizen("110105194912310021", NULL, NULL), -1);
}

static void
citizen_generated(void)
{
	const char *checks = "0123456789X";
	char body[64], id[19], reason[64];
	int n, i, y, m, d, failures = 0;

	for (n = 0; n < 3000; n++) {
		y = 1900 + (int)next_random(200);
		m = 1 + (int)next_random(12);
		d = 1 + (int)next_random((uint32_t)month_length(y, m));
		snprintf(body, sizeof(body), "%06u%04d%02d%02d%03u",
		    (unsigned)next_random(1000000), y, m, d,
		    (unsigned)next_random(1000));
		citizen_complete(body, id);
		if (zf_ident_citizen(id, NULL, NULL) != 0) {
			failures++;
			fprintf(stderr, "refused valid %s\n", id);
		}
		for (i = 0; checks[i] != '\0'; i++) {
			const char *why = NULL;

			if (checks[i] == id[17])
				continue;
			id[17] = checks[i];
			snprintf(reason, sizeof(reason), "check digit should "
			    "be %c", citizen_reference(body));
			if (zf_ident_citizen(id, NULL, &why) != -1 ||
			    why == NULL || strcmp(why, reason) != 0) {
				failures++;
				fprintf(stderr, "wrong answer for %s\n", id);
			}
			id[17] = citizen_reference(body);
		}
	}
	CHECK_INT(failures, 0);
}

static void
citizen_refusals(void)
{
	char id[19];

	citizen_refuses(NULL, "must be 18 characters");
	citizen_refuses("", "must be 18 characters");
	citizen_refuses("11010519491231002", "must be 18 characters");
	citizen_refuses("11010519491231002X0", "must be 18 characters");
	citizen_refuses(" 11010519491231002X", "must be 18 characters");
	/* A fullwidth X is three bytes. */
	citizen_refuses("11010519491231002\xef\xbc\xb8",
	    "must be 18 characters");
	citizen_refuses("1101A519491231002X", "character 5 must be a digit");
	citizen_refuses("11010519491231 02X", "character 15 must be a digit");
	citizen_refuses("X10105194912310021", "character 1 must be a digit");
	citizen_refuses("11010519491231002Y",
	    "character 18 must be a digit or X");
	citizen_refuses("110105194912310020", "check digit should be X");
	citizen_refuses("11010519491231002\n",
	    "character 18 must be a digit or X");

	/* Dates are checked before the check digit, with a valid one. */
	citizen_complete("11010519991332002", id);
	citizen_refuses(id, "birth date 19991332 is not a date");
	citizen_complete("11010520230229002", id);
	citizen_refuses(id, "birth date 20230229 is not a date");
	citizen_complete("11010519000229002", id);
	citizen_refuses(id, "birth date 19000229 is not a date");
	citizen_complete("11010520260431002", id);
	citizen_refuses(id, "birth date 20260431 is not a date");
	citizen_complete("11010520260100002", id);
	citizen_refuses(id, "birth date 20260100 is not a date");
	citizen_complete("11010520260001002", id);
	citizen_refuses(id, "birth date 20260001 is not a date");
	citizen_complete("11010520000229002", id);
	citizen_accepts(id, id);
	citizen_complete("11010520240229002", id);
	citizen_accepts(id, id);
}

static void
uscc_published(void)
{
	/* Codes as printed on business licences. */
	uscc_accepts("91350100M000100Y43", "91350100M000100Y43");
	CHECK_INT(uscc_reference("91350100M000100Y4"), '3');
	uscc_accepts("914403001922038216", "914403001922038216");
	CHECK_INT(uscc_reference("91440300192203821"), '6');
	uscc_accepts("91330100799655058B", "91330100799655058B");
	CHECK_INT(uscc_reference("91330100799655058"), 'B');
	/* Lower case is normalised. */
	uscc_accepts("91350100m000100y43", "91350100M000100Y43");
	CHECK_INT(zf_ident_uscc("91350100M000100Y43", NULL, NULL), 0);
	CHECK_INT(zf_ident_uscc("91350100M000100Y44", NULL, NULL), -1);
}

static void
uscc_generated(void)
{
	char alphabet[32], code[19], reason[64];
	int n, i, failures = 0;

	uscc_alphabet(alphabet);
	CHECK_INT(strlen(alphabet), 31);
	for (n = 0; n < 3000; n++) {
		code[0] = "159Y"[next_random(4)];
		code[1] = alphabet[next_random(31)];
		for (i = 2; i < 8; i++)
			code[i] = (char)('0' + next_random(10));
		for (i = 8; i < 17; i++)
			code[i] = alphabet[next_random(31)];
		code[17] = uscc_reference(code);
		code[18] = '\0';
		if (zf_ident_uscc(code, NULL, NULL) != 0) {
			failures++;
			fprintf(stderr, "refused valid %s\n", code);
		}
		snprintf(reason, sizeof(reason),
		    "check character should be %c", code[17]);
		for (i = 0; i < 31; i++) {
			const char *why = NULL;
			char good = code[17];

			if (alphabet[i] == good)
				continue;
			code[17] = alphabet[i];
			if (zf_ident_uscc(code, NULL, &why) != -1 ||
			    why == NULL || strcmp(why, reason) != 0) {
				failures++;
				fprintf(stderr, "wrong answer for %s\n",
				    code);
			}
			code[17] = good;
		}
	}
	CHECK_INT(failures, 0);
}

static void
uscc_refusals(void)
{
	const char *bad = "IOSVZ-*a";
	char code[19], reason[80];
	int i;

	uscc_refuses(NULL, "must be 18 characters");
	uscc_refuses("", "must be 18 characters");
	uscc_refuses("91350100M000100Y4", "must be 18 characters");
	uscc_refuses("91350100M000100Y433", "must be 18 characters");
	uscc_refuses("91350100M000100Y4 ", "character 18 must be 0-9 or "
	    "A-Z except I O S V Z");
	for (i = 0; bad[i] != '\0'; i++) {
		strcpy(code, "91350100M000100Y43");
		code[9] = bad[i];
		snprintf(reason, sizeof(reason), "character 10 must be 0-9 "
		    "or A-Z except I O S V Z");
		if (bad[i] == 'a') {
			/* Read as A: allowed, but the check character moves. */
			code[9] = 'A';
			snprintf(reason, sizeof(reason),
			    "check character should be %c",
			    uscc_reference(code));
			CHECK(uscc_reference(code) != '3');
			code[9] = 'a';
		}
		uscc_refuses(code, reason);
	}
	code[0] = 'B';
	strcpy(code + 1, "1350100M000100Y4");
	code[17] = uscc_reference(code);
	code[18] = '\0';
	uscc_refuses(code, "registering authority (character 1) must be "
	    "one of 1-9, A, N or Y");
	strcpy(code, "9135A100M000100Y4");
	code[17] = uscc_reference(code);
	uscc_refuses(code, "region code (characters 3-8) must be digits");
	uscc_refuses("91350100M000100Y40", "check character should be 3");
	/* Every authority the standard lists is accepted. */
	for (i = 0; i < 12; i++) {
		strcpy(code, "91350100M000100Y4");
		code[0] = "123456789ANY"[i];
		code[17] = uscc_reference(code);
		code[18] = '\0';
		CHECK_INT(zf_ident_uscc(code, NULL, NULL), 0);
	}
}

static void
date_anchors(void)
{
	int32_t days = 12345;
	char text[11];
	int y, m, d;

	CHECK_INT(zf_date_from_ymd(1970, 1, 1), 0);
	CHECK_INT(zf_date_from_ymd(1900, 1, 1), -25567);
	CHECK_INT(zf_date_from_ymd(2000, 3, 1), 11017);
	CHECK_INT(zf_date_from_ymd(2026, 11, 27), 20784);
	CHECK_INT(zf_date_from_ymd(2100, 12, 31), 47846);
	CHECK_INT(zf_date_from_ymd(9999, 12, 31), 2932896);
	CHECK_INT(zf_date_weekday(20784), 4);	/* a Friday */
	CHECK_INT(zf_date_weekday(0), 3);	/* a Thursday */
	CHECK_INT(zf_date_weekday(-1), 2);
	CHECK_INT(zf_date_weekday(-25567), 0);	/* a Monday */
	zf_date_ymd(-1, &y, &m, &d);
	CHECK(y == 1969 && m == 12 && d == 31);
	zf_date_format(2932896, text);
	CHECK_STR(text, "9999-12-31");
	CHECK_INT(zf_date_parse("2026-11-27", &days), 0);
	CHECK_INT(days, 20784);
	CHECK_INT(zf_date_parse("9999-12-31", &days), 0);
	CHECK_INT(days, 2932896);
	CHECK_INT(zf_date_parse("2000-02-29", &days), 0);
	CHECK_INT(zf_date_parse("2024-02-29", &days), 0);

	/* Months and days outside their ranges carry. */
	CHECK_INT(zf_date_from_ymd(2026, 13, 1), zf_date_from_ymd(2027, 1, 1));
	CHECK_INT(zf_date_from_ymd(2026, 0, 1), zf_date_from_ymd(2025, 12, 1));
	CHECK_INT(zf_date_from_ymd(2026, -11, 1),
	    zf_date_from_ymd(2025, 1, 1));
	CHECK_INT(zf_date_from_ymd(2026, 3, 0), zf_date_from_ymd(2026, 2, 28));
	CHECK_INT(zf_date_from_ymd(2024, 3, 0), zf_date_from_ymd(2024, 2, 29));
	CHECK_INT(zf_date_from_ymd(2026, 1, 32), zf_date_from_ymd(2026, 2, 1));
	CHECK_INT(zf_date_from_ymd(2026, 11, 27 + 365),
	    zf_date_from_ymd(2027, 11, 27));
}

/* zf_date_parse with its day number widened. */
static int
parse_date(const char *s, int64_t *out)
{
	int32_t days = (int32_t)*out;
	int r = zf_date_parse(s, &days);

	*out = days;
	return r;
}

/* parse refuses each of bad, and NULL, leaving its result at keep. */
static void
refused(const char *what, const char *const *bad, size_t n,
    int (*parse)(const char *, int64_t *), int64_t keep)
{
	size_t i;
	int64_t v = keep;
	int r;

	for (i = 0; i < n; i++) {
		r = parse(bad[i], &v);
		if (r != -1)
			fprintf(stderr, "accepted %s \"%s\"\n", what, bad[i]);
		CHECK_INT(r, -1);
		CHECK_INT(v, keep);
	}
	CHECK_INT(parse(NULL, &v), -1);
	CHECK_INT(v, keep);
}

static void
date_refusals(void)
{
	static const char *const bad[] = {
		"2025-02-29", "1900-02-29", "2100-02-29", "2026-13-01",
		"2026-00-10", "2026-04-31", "2026-01-00", "2026-01-32",
		"1899-12-31", "0000-01-01", "10000-01-01", "2026-1-01",
		"2026-01-1", "2026/01/01", "2026-01-01 ", " 2026-01-01",
		"2026-01-01T00:00:00", "20260101", "+026-01-01", "2026-01-0a",
		"2026-01", "", "２０２６-01-01",
	};

	refused("date", bad, sizeof(bad) / sizeof(bad[0]), parse_date, 777);
}

/* Every day of 1900-2100 against a counter that steps one day at a time. */
static void
date_every_day(void)
{
	int32_t days = -25567, parsed;
	int y = 1900, m = 1, d = 1, weekday = 0, gy, gm, gd, failures = 0;
	char want[40], got[11];

	while (y <= 2100) {
		snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d);
		zf_date_format(days, got);
		zf_date_ymd(days, &gy, &gm, &gd);
		if (strcmp(got, want) != 0 ||
		    zf_date_parse(want, &parsed) != 0 || parsed != days ||
		    gy != y || gm != m || gd != d ||
		    zf_date_from_ymd(y, m, d) != days ||
		    zf_date_weekday(days) != weekday) {
			if (failures++ < 5)
				fprintf(stderr, "day %ld: %s, got %s\n",
				    (long)days, want, got);
		}
		days++;
		weekday = (weekday + 1) % 7;
		if (++d > month_length(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	CHECK_INT(failures, 0);
	CHECK_INT(days, 47846 + 1);
}

static void
time_round(const char *in, int64_t unix, int offset, const char *out)
{
	struct zf_time t = { 0, 0 };
	char text[26];

	CHECK_INT(zf_time_parse(in, &t), 0);
	CHECK_INT(t.unix, unix);
	CHECK_INT(t.offset, offset);
	zf_time_format(&t, text);
	CHECK_STR(text, out);
}

static void
time_parsing(void)
{
	struct zf_time t;
	char text[26], date[11];

	time_round("2026-11-20T10:02:11+08:00", 1795140131, 480,
	    "2026-11-20T10:02:11+08:00");
	time_round("2026-11-20T02:02:11Z", 1795140131, 0,
	    "2026-11-20T02:02:11+00:00");
	time_round("2026-11-20t02:02:11z", 1795140131, 0,
	    "2026-11-20T02:02:11+00:00");
	time_round("2026-11-20 10:02:11+08:00", 1795140131, 480,
	    "2026-11-20T10:02:11+08:00");
	time_round("2026-11-20T10:02:11.987654+08:00", 1795140131, 480,
	    "2026-11-20T10:02:11+08:00");
	time_round("2026-11-19T20:32:11-05:30", 1795140131, -330,
	    "2026-11-19T20:32:11-05:30");
	time_round("2026-11-20T02:02:11-00:00", 1795140131, 0,
	    "2026-11-20T02:02:11+00:00");
	time_round("1969-12-31T23:59:59Z", -1, 0,
	    "1969-12-31T23:59:59+00:00");
	time_round("1900-01-01T00:00:00Z", -2208988800LL, 0,
	    "1900-01-01T00:00:00+00:00");
	time_round("9999-12-31T23:59:59Z", 253402300799LL, 0,
	    "9999-12-31T23:59:59+00:00");
	time_round("2024-02-29T23:59:59+23:59", 1709164859, 1439,
	    "2024-02-29T23:59:59+23:59");

	/* Shown in another offset, the same instant. */
	t.unix = 1795140131;
	t.offset = -720;
	zf_time_format(&t, text);
	CHECK_STR(text, "2026-11-19T14:02:11-12:00");

	/* The date is taken in the time's own offset. */
	CHECK_INT(zf_time_parse("2026-11-20T23:30:00-01:00", &t), 0);
	zf_date_format(zf_time_date(&t), date);
	CHECK_STR(date, "2026-11-20");
	t.offset = 480;
	zf_date_format(zf_time_date(&t), date);
	CHECK_STR(date, "2026-11-21");
	CHECK_INT(zf_time_parse("1969-12-31T23:59:59Z", &t), 0);
	CHECK_INT(zf_time_date(&t), -1);
}

static void
time_refusals(void)
{
	static const char *const bad[] = {
		"2026-11-20T24:00:00+08:00", "2026-11-20T10:60:00+08:00",
		/* Leap seconds are refused. */
		"2026-12-31T23:59:60Z",
		"2026-11-20T10:02:11+24:00", "2026-11-20T10:02:11+08:60",
		"2026-11-20T10:02:11+0800", "2026-11-20T10:02:11+08",
		"2026-11-20T10:02:11", "2026-11-20T10:02+08:00",
		"2026-11-20T10:02:11.+08:00", "2026-11-20T10:02:11+08:00 ",
		"2026-11-20x10:02:11Z", "2026-11-20T1:02:11Z",
		"2025-02-29T00:00:00Z", "1899-12-31T23:59:59Z",
		"2026-11-20T10:02:11 +08:00", "2026-11-20T10:02:11UTC",
		"2026-11-20", "2026-11-20T", "2026-11-20TZ", "",
		"2026-11-20T10:02:11Z2",
	};
	struct zf_time t = { 42, 7 };
	size_t i;
	int r;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = zf_time_parse(bad[i], &t);
		if (r != -1)
			fprintf(stderr, "accepted time \"%s\"\n", bad[i]);
		CHECK_INT(r, -1);
		CHECK(t.unix == 42 && t.offset == 7);
	}
	CHECK_INT(zf_time_parse(NULL, &t), -1);
}

/* Instants across two centuries in assorted offsets: format, parse back. */
static void
time_sweep(void)
{
	struct zf_time t, back;
	char text[26], want[16], date[11];
	int64_t local, seconds;
	int failures = 0;

	for (t.unix = -2208988800LL + 43200; t.unix < 4133894400LL;
	    t.unix += 7919) {
		t.offset = -720 + 15 * (int)next_random(105);
		zf_time_format(&t, text);
		local = t.unix + t.offset * 60;
		seconds = (local % 86400 + 86400) % 86400;
		snprintf(want, sizeof(want), "%02d:%02d:%02d",
		    (int)(seconds / 3600), (int)(seconds / 60 % 60),
		    (int)(seconds % 60));
		zf_date_format(zf_time_date(&t), date);
		if (zf_time_parse(text, &back) != 0 ||
		    back.unix != t.unix || back.offset != t.offset ||
		    strncmp(text, date, 10) != 0 ||
		    strncmp(text + 11, want, 8) != 0) {
			if (failures++ < 5)
				fprintf(stderr, "%lld %d: %s\n",
				    (long long)t.unix, t.offset, text);
		}
	}
	CHECK_INT(failures, 0);
}

static void
zones(void)
{
	static const char *const beijing[] = {
		"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin",
		"Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei",
		"PRC",
	};
	static const char *const bad[] = {
		"asia/shanghai", "Asia/Tokyo", "", "+8:00", "+08:00 ",
		"+24:00", "+08:60", "08:00", "Z", "GMT+8", "+0800", "utc",
	};
	size_t i;
	int minutes, r;

	for (i = 0; i < sizeof(beijing) / sizeof(beijing[0]); i++) {
		minutes = -1;
		CHECK_INT(zf_zone_offset(beijing[i], &minutes), 0);
		CHECK_INT(minutes, 480);
	}
	CHECK_INT(zf_zone_offset("UTC", &minutes), 0);
	CHECK_INT(minutes, 0);
	minutes = 1;
	CHECK_INT(zf_zone_offset("Etc/UTC", &minutes), 0);
	CHECK_INT(minutes, 0);
	CHECK_INT(zf_zone_offset("+05:30", &minutes), 0);
	CHECK_INT(minutes, 330);
	CHECK_INT(zf_zone_offset("-03:00", &minutes), 0);
	CHECK_INT(minutes, -180);
	CHECK_INT(zf_zone_offset("+08:00", &minutes), 0);
	CHECK_INT(minutes, 480);
	CHECK_INT(zf_zone_offset("-00:00", &minutes), 0);
	CHECK_INT(minutes, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		minutes = 99;
		r = zf_zone_offset(bad[i], &minutes);
		if (r != -1)
			fprintf(stderr, "accepted zone \"%s\"\n", bad[i]);
		CHECK_INT(r, -1);
		CHECK_INT(minutes, 99);
	}
	CHECK_INT(zf_zone_offset(NULL, &minutes), -1);
}

static void
clock_now(void)
{
	struct zf_time t = { 5, 5 };
	char text[26];
	time_t before, after;
	int fixed = -1;

	setenv("ZHIFA_NOW", "2026-11-20T10:02:11+08:00", 1);
	CHECK_INT(zf_clock_now(0, &t, &fixed), 0);
	CHECK_INT(fixed, 1);
	CHECK_INT(t.unix, 1795140131);
	CHECK_INT(t.offset, 0);
	zf_time_format(&t, text);
	CHECK_STR(text, "2026-11-20T02:02:11+00:00");
	CHECK_INT(zf_clock_now(480, &t, NULL), 0);
	zf_time_format(&t, text);
	CHECK_STR(text, "2026-11-20T10:02:11+08:00");

	t.unix = t.offset = 5;
	fixed = -1;
	setenv("ZHIFA_NOW", "2026-11-20", 1);
	CHECK_INT(zf_clock_now(480, &t, &fixed), -1);
	CHECK_INT(fixed, 1);
	CHECK(t.unix == 5 && t.offset == 5);
	setenv("ZHIFA_NOW", "yesterday", 1);
	CHECK_INT(zf_clock_now(480, &t, &fixed), -1);

	/* Empty is unset: the system clock. */
	setenv("ZHIFA_NOW", "", 1);
	before = time(NULL);
	CHECK_INT(zf_clock_now(480, &t, &fixed), 0);
	after = time(NULL);
	CHECK_INT(fixed, 0);
	CHECK(t.unix >= (int64_t)before && t.unix <= (int64_t)after);
	CHECK_INT(t.offset, 480);

	unsetenv("ZHIFA_NOW");
	fixed = -1;
	before = time(NULL);
	CHECK_INT(zf_clock_now(-300, &t, &fixed), 0);
	after = time(NULL);
	CHECK_INT(fixed, 0);
	CHECK(t.unix >= (int64_t)before && t.unix <= (int64_t)after);
	CHECK_INT(t.offset, -300);
}

static void
money_accepts(const char *s, int64_t want)
{
	int64_t fen = -1;

	CHECK_INT(zf_money_parse(s, &fen), 0);
	CHECK_INT(fen, want);
}

static void
money_parsing(void)
{
	money_accepts("50000", 5000000);
	money_accepts("1234.5", 123450);
	money_accepts("1234.56", 123456);
	money_accepts("0.01", 1);
	money_accepts("0.10", 10);
	money_accepts("0", 0);
	money_accepts("0.00", 0);
	money_accepts("007", 700);
	money_accepts("50,000", 5000000);
	money_accepts("999", 99900);
	money_accepts("1,000", 100000);
	money_accepts("1,234,567.89", 123456789);
	money_accepts("\xc2\xa5" "50000", 5000000);		/* ¥ */
	money_accepts("\xef\xbf\xa5" "12.5", 1250);		/* ￥ */
	money_accepts("50000\xe5\x85\x83", 5000000);		/* 元 */
	money_accepts("1,000.5\xe5\x85\x83", 100050);
	money_accepts("10000000000000", INT64_C(1000000000000000));
	money_accepts("10,000,000,000,000.00", INT64_C(1000000000000000));
	money_accepts("9999999999999.99", INT64_C(999999999999999));
}

static void
money_words(void)
{
	static const struct {
		int64_t fen;
		const char *words;
	} cases[] = {
		{ 1234560, "壹万贰仟叁佰肆拾伍元陆角整" },
		{ 10050000, "壹拾万零伍佰元整" },
		{ 10005000, "壹拾万零伍拾元整" },
		{ 100000000, "壹佰万元整" },
		{ 1000500, "壹万零伍元整" },
		{ 500000000, "伍佰万元整" },
		{ 10000000000, "壹亿元整" },
		{ 10000100000, "壹亿零壹仟元整" },
		{ 10100000000, "壹亿零壹佰万元整" },
		{ 5, "伍分" },
		{ 50, "伍角整" },
		{ 0, "零元整" },
		{ 10005, "壹佰元零伍分" },
		{ 10025, "壹佰元贰角伍分" },
		{ 1000, "壹拾元整" },
		{ INT64_C(1000000000000000), "壹拾万亿元整" },
		{ INT64_C(1000000000000000) + 1, "" },
	};
	char out[ZF_MONEY_WORDS];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		zf_money_words(cases[i].fen, out);
		CHECK_STR(out, cases[i].words);
	}
}

static void
money_refusals(void)
{
	static const char *const bad[] = {
		"-5", "+5", "5.123", "0.001", "1e5", "1E5", "5e", " 5", "5 ",
		"5 \xe5\x85\x83", "\xc2\xa5 5", "", ".5", "5.", "5..0",
		"5.5.5", "5,0000", "50,00", ",500", "500,", "1,,000",
		"1234,567", "1,000.000", "1,000,5", "10000000000000.01",
		"10000000000001", "99999999999999999999999999",
		"\xc2\xa5", "\xe5\x85\x83", "\xc2\xa5" "5\xe5\x85\x83",
		"5\xe5\x85\x83\xe5\x85\x83", "5\xc2\xa5", "\xef\xbc\x95",
		"0x10", "NaN", "inf", "5\t", "5\n", "5,000.", "1.2,3",
		"\xe5\x85\x83" "5", "5\xe5\x85",
	};

	refused("money", bad, sizeof(bad) / sizeof(bad[0]), zf_money_parse,
	    31337);
}

static void
money_formatting(void)
{
	char out[24];
	int64_t fen, back;
	int failures = 0;

	zf_money_format(0, out);
	CHECK_STR(out, "0");
	zf_money_format(5000000, out);
	CHECK_STR(out, "50000");
	zf_money_format(123450, out);
	CHECK_STR(out, "1234.50");
	zf_money_format(123456, out);
	CHECK_STR(out, "1234.56");
	zf_money_format(1, out);
	CHECK_STR(out, "0.01");
	zf_money_format(10, out);
	CHECK_STR(out, "0.10");
	zf_money_format(INT64_C(1000000000000000), out);
	CHECK_STR(out, "10000000000000");
	zf_money_format(-150, out);
	CHECK_STR(out, "-1.50");
	zf_money_format(-100, out);
	CHECK_STR(out, "-1");
	zf_money_format(INT64_MAX, out);
	CHECK_STR(out, "92233720368547758.07");
	zf_money_format(INT64_MIN, out);
	CHECK_STR(out, "-92233720368547758.08");

	for (fen = 0; fen <= INT64_C(1000000000000000);
	    fen = fen < 200000 ? fen + 1 : fen * 3 + 7) {
		zf_money_format(fen, out);
		if (zf_money_parse(out, &back) != 0 || back != fen) {
			if (failures++ < 5)
				fprintf(stderr, "%lld: %s\n", (long long)fen,
				    out);
		}
	}
	CHECK_INT(failures, 0);
}

int
main(void)
{
	CHECK_PLAN(550);
	citizen_published();
	citizen_generated();
	citizen_refusals();
	uscc_published();
	uscc_generated();
	uscc_refusals();
	date_anchors();
	date_refusals();
	date_every_day();
	time_parsing();
	time_refusals();
	time_sweep();
	zones();
	clock_now();
	money_parsing();
	money_words();
	money_refusals();
	money_formatting();
	return check_report("t-values");
}
