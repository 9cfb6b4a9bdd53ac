/*
 * calendar: the working-day table and the counting on top of it.
 *
 * The notices are expanded once into a table of one byte per day, from
 * 1 January of first_year - 1 to 31 December of last_year + 1 (a notice
 * may reach into the December before its year; the margin years keep
 * whatever the notices say about them but still count as beyond), with
 * prefix sums beside it, so that a lookup is an index and a count over
 * any span is a subtraction.  Local days outside the table are kept in a
 * short sorted array; every other day outside it is Monday to Friday.
 *
 * Policy choices the header leaves open:
 *   - every year first_year..last_year must be listed under years, and
 *     no other: a hole would count Monday to Friday without a warning;
 *   - a notice's dates must lie in its year or the one before or after;
 *   - a day listed as worked (on) inside a span of days off is refused
 *     as a contradiction in the data, not settled by precedence;
 *   - add_workdays takes n <= 0 too: 0 gives start, -n the n-th working
 *     day before start (start not counted);
 *   - results saturate at the ends of int32_t and int.
 */
#include "rules/calendar.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/when.h"
#include "base/yaml.h"
#include "rules/schema.h"

#define CALENDAR_MAX_BYTES (4 << 20)
#define CALENDAR_MIN_YEAR 1900
#define CALENDAR_MAX_YEAR 9999
#define CALENDAR_MAX_SPAN 400	/* years first_year..last_year may cover */
/* Years whose 1 January still fits an int32_t day count, with room. */
#define CALENDAR_YEAR_LIMIT 5000000

/* Per-day flags. */
#define DAY_WORKING 0x01
#define DAY_KNOWN 0x02	/* inside coverage, or set locally */
/* Used only while parsing. */
#define DAY_LISTED_OFF 0x04
#define DAY_LISTED_ON 0x08

struct local_day {
	int32_t day;
	unsigned char flags;
};

struct zf_calendar {
	int first_year, last_year;
	int32_t base;		/* the table's first day */
	int32_t ndays;
	unsigned char *flags;	/* ndays entries */
	/* [i]: working days, and days not DAY_KNOWN, in [base, base + i) */
	int32_t *working_before;
	int32_t *unknown_before;
	struct local_day *local;	/* days set outside the table, sorted */
	size_t nlocal, localcap;
};

struct reader {
	struct zf_schema s;	/* the name in messages, the error */
	struct zf_calendar *c;
	const struct zf_yaml_node **on;	/* every "on" item, checked last */
	int32_t *onday;
	size_t non, oncap;
};

extern const char zf_calendar_data[];

/* A year written as plain decimal digits; 0 or -1. */
static int
parse_year(const char *s, int *year)
{
	size_t i;
	int y = 0;

	if (s[0] == '\0' || strlen(s) > 4)
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	*year = y;
	return 0;
}

static int
get_year(struct reader *r, const struct zf_yaml_node *root, const char *key,
    int *year)
{
	const struct zf_yaml_node *n = zf_yaml_get(root, key);

	char what[32];

	if (n == NULL)
		return zf_schema_fail(&r->s, root, "'%s' is required", key);
	snprintf(what, sizeof(what), "'%s'", key);
	if (zf_schema_want(&r->s, n, ZF_YAML_SCALAR, what) != 0)
		return r->s.e->code;
	if (parse_year(n->text, year) != 0 || *year < CALENDAR_MIN_YEAR ||
	    *year > CALENDAR_MAX_YEAR)
		return zf_schema_fail(&r->s, n, "'%s' must be a year %d..%d, "
		    "not '%s'", key, CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR,
		    n->text);
	return 0;
}

/*
 * A date of the notice for year: real, and in year - 1 .. year + 1.
 */
static int
get_date(struct reader *r, const struct zf_yaml_node *n, const char *what,
    int year, int32_t *day)
{
	int y, m, d;

	if (zf_schema_want(&r->s, n, ZF_YAML_SCALAR, what) != 0)
		return r->s.e->code;
	if (zf_date_parse(n->text, day) != 0)
		return zf_schema_fail(&r->s, n, "%s must be a date "
		    "YYYY-MM-DD, not '%s'", what, n->text);
	zf_date_ymd(*day, &y, &m, &d);
	if (y < year - 1 || y > year + 1)
		return zf_schema_fail(&r->s, n, "%s %s is outside the years "
		    "the %d notice may arrange (%d..%d)", what, n->text, year,
		    year - 1, year + 1);
	return 0;
}

static int
get_text(struct reader *r, const struct zf_yaml_node *map, const char *key)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);
	char what[32];

	if (n == NULL)
		return 0;
	snprintf(what, sizeof(what), "'%s'", key);
	return zf_schema_want(&r->s, n, ZF_YAML_SCALAR, what);
}

static int
read_span(struct reader *r, const struct zf_yaml_node *span, int year)
{
	static const char *const keys[] = { "name", "from", "to", NULL };
	const struct zf_yaml_node *from, *to;
	struct zf_calendar *c = r->c;
	int32_t first, last, day;

	if (zf_schema_want(&r->s, span, ZF_YAML_MAPPING,
	    "a span of days off") != 0 ||
	    zf_schema_keys(&r->s, span, "a span of days off", keys) != 0 ||
	    get_text(r, span, "name") != 0)
		return r->s.e->code;
	from = zf_yaml_get(span, "from");
	to = zf_yaml_get(span, "to");
	if (from == NULL)
		return zf_schema_fail(&r->s, span, "'from' is required");
	if (to == NULL)
		return zf_schema_fail(&r->s, span, "'to' is required");
	if (get_date(r, from, "'from'", year, &first) != 0 ||
	    get_date(r, to, "'to'", year, &last) != 0)
		return r->s.e->code;
	if (last < first)
		return zf_schema_fail(&r->s, to, "'to' %s is before 'from' %s",
		    to->text, from->text);
	for (day = first; day <= last; day++)
		c->flags[day - c->base] |= DAY_LISTED_OFF;
	return 0;
}

static void
remember_on(struct reader *r, const struct zf_yaml_node *n, int32_t day)
{
	if (r->non == r->oncap) {
		r->oncap = r->oncap ? 2 * r->oncap : 64;
		r->on = xrealloc(r->on, r->oncap * sizeof(*r->on));
		r->onday = xrealloc(r->onday, r->oncap * sizeof(*r->onday));
	}
	r->on[r->non] = n;
	r->onday[r->non] = day;
	r->non++;
}

static int
read_year(struct reader *r, const struct zf_yaml_node *entry, int year)
{
	static const char *const keys[] = { "notice", "off", "on", NULL };
	const struct zf_yaml_node *off, *on;
	int32_t day;
	size_t i;

	if (zf_schema_want(&r->s, entry, ZF_YAML_MAPPING, "a year") != 0 ||
	    zf_schema_keys(&r->s, entry, "a year", keys) != 0 ||
	    get_text(r, entry, "notice") != 0)
		return r->s.e->code;
	off = zf_yaml_get(entry, "off");
	if (off != NULL) {
		if (zf_schema_want(&r->s, off, ZF_YAML_SEQUENCE, "'off'") != 0)
			return r->s.e->code;
		for (i = 0; i < off->count; i++)
			if (read_span(r, off->items[i], year) != 0)
				return r->s.e->code;
	}
	on = zf_yaml_get(entry, "on");
	if (on != NULL) {
		if (zf_schema_want(&r->s, on, ZF_YAML_SEQUENCE, "'on'") != 0)
			return r->s.e->code;
		for (i = 0; i < on->count; i++) {
			if (get_date(r, on->items[i], "a worked day", year,
			    &day) != 0)
				return r->s.e->code;
			remember_on(r, on->items[i], day);
		}
	}
	return 0;
}

static int
read_years(struct reader *r, const struct zf_yaml_node *root)
{
	const struct zf_yaml_node *years = zf_yaml_get(root, "years");
	struct zf_calendar *c = r->c;
	int year;
	size_t i;

	if (years == NULL)
		return zf_schema_fail(&r->s, root, "'years' is required");
	if (zf_schema_want(&r->s, years, ZF_YAML_MAPPING, "'years'") != 0)
		return r->s.e->code;
	for (i = 0; i < years->count; i++) {
		const struct zf_yaml_node *key = years->keys[i];

		if (parse_year(key->text, &year) != 0)
			return zf_schema_fail(&r->s, key, "a key of 'years' "
			    "must be a year, not '%s'", key->text);
		if (year < c->first_year || year > c->last_year)
			return zf_schema_fail(&r->s, key, "year %d is outside "
			    "first_year..last_year (%d..%d)", year,
			    c->first_year, c->last_year);
		if (read_year(r, years->items[i], year) != 0)
			return r->s.e->code;
	}
	/* Keys are distinct years in range, so a short count means a hole. */
	if (years->count != (size_t)(c->last_year - c->first_year + 1)) {
		for (year = c->first_year; year <= c->last_year; year++) {
			char text[8];

			snprintf(text, sizeof(text), "%d", year);
			if (zf_yaml_get(years, text) == NULL)
				break;
		}
		return zf_schema_fail(&r->s, years, "year %d is missing from "
		    "'years' (every year %d..%d must be listed)", year,
		    c->first_year, c->last_year);
	}
	return 0;
}

/* Recomputes the prefix sums from table index i on. */
static void
sum_from(struct zf_calendar *c, int32_t i)
{
	for (; i < c->ndays; i++) {
		c->working_before[i + 1] = c->working_before[i] +
		    ((c->flags[i] & DAY_WORKING) != 0);
		c->unknown_before[i + 1] = c->unknown_before[i] +
		    ((c->flags[i] & DAY_KNOWN) == 0);
	}
}

static int
weekday_working(int64_t day)
{
	/* The weekday depends on day mod 7 alone, which fits an int32_t. */
	return zf_date_weekday((int32_t)(day % 7)) < 5;
}

/* Sets up the table: Monday to Friday, known inside coverage. */
static void
table_init(struct zf_calendar *c)
{
	int32_t covered_from, covered_to, i;

	c->base = zf_date_from_ymd(c->first_year - 1, 1, 1);
	c->ndays = zf_date_from_ymd(c->last_year + 2, 1, 1) - c->base;
	covered_from = zf_date_from_ymd(c->first_year, 1, 1) - c->base;
	covered_to = zf_date_from_ymd(c->last_year + 1, 1, 1) - c->base;
	c->flags = xcalloc((size_t)c->ndays, 1);
	c->working_before = xcalloc((size_t)c->ndays + 1, sizeof(int32_t));
	c->unknown_before = xcalloc((size_t)c->ndays + 1, sizeof(int32_t));
	for (i = 0; i < c->ndays; i++) {
		if (weekday_working((int64_t)c->base + i))
			c->flags[i] |= DAY_WORKING;
		if (i >= covered_from && i < covered_to)
			c->flags[i] |= DAY_KNOWN;
	}
}

/* Applies the listed days and refuses a worked day inside days off. */
static int
table_finish(struct reader *r)
{
	struct zf_calendar *c = r->c;
	size_t i;
	int32_t j;

	for (i = 0; i < r->non; i++) {
		j = r->onday[i] - c->base;
		if (c->flags[j] & DAY_LISTED_OFF)
			return zf_schema_fail(&r->s, r->on[i], "worked day %s "
			    "lies inside a span of days off", r->on[i]->text);
		c->flags[j] |= DAY_LISTED_ON;
	}
	for (j = 0; j < c->ndays; j++) {
		if (c->flags[j] & DAY_LISTED_OFF)
			c->flags[j] &= ~DAY_WORKING;
		if (c->flags[j] & DAY_LISTED_ON)
			c->flags[j] |= DAY_WORKING;
		c->flags[j] &= ~(DAY_LISTED_OFF | DAY_LISTED_ON);
	}
	sum_from(c, 0);
	return 0;
}

static int
read_calendar(struct reader *r, const struct zf_yaml_doc *doc)
{
	static const char *const keys[] = { "region", "first_year",
	    "last_year", "years", NULL };
	const struct zf_yaml_node *root;
	struct zf_calendar *c = r->c;

	if (doc->ndocs != 1)
		return zf_schema_fail(&r->s, NULL, "expected one YAML "
		    "document, found %zu", doc->ndocs);
	root = doc->docs[0];
	if (zf_schema_want(&r->s, root, ZF_YAML_MAPPING, "the calendar") != 0 ||
	    zf_schema_keys(&r->s, root, "the calendar", keys) != 0 ||
	    get_text(r, root, "region") != 0 ||
	    get_year(r, root, "first_year", &c->first_year) != 0 ||
	    get_year(r, root, "last_year", &c->last_year) != 0)
		return r->s.e->code;
	if (c->last_year < c->first_year)
		return zf_schema_fail(&r->s, zf_yaml_get(root, "last_year"),
		    "'last_year' %d is before 'first_year' %d", c->last_year,
		    c->first_year);
	if (c->last_year - c->first_year >= CALENDAR_MAX_SPAN)
		return zf_schema_fail(&r->s, zf_yaml_get(root, "last_year"),
		    "first_year..last_year may cover at most %d years",
		    CALENDAR_MAX_SPAN);
	table_init(c);
	if (read_years(r, root) != 0 || table_finish(r) != 0)
		return r->s.e->code;
	return 0;
}

int
zf_calendar_parse(const char *name, const char *bytes, size_t len,
    struct zf_calendar **out, struct zf_err *e)
{
	struct zf_yaml_doc *doc = NULL;
	struct reader r;
	char msg[1024];
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.s.file = name;
	r.s.e = e;
	r.c = xcalloc(1, sizeof(*r.c));
	if (len > CALENDAR_MAX_BYTES) {
		rc = zf_fail(e, EX_CONFIG, "%s: larger than %d bytes", name,
		    CALENDAR_MAX_BYTES);
		goto out;
	}
	doc = zf_yaml_parse(name, bytes, len, msg, sizeof(msg));
	if (doc == NULL) {
		rc = zf_fail(e, EX_CONFIG, "%s", msg);
		goto out;
	}
	rc = read_calendar(&r, doc);
	if (rc == 0) {
		*out = r.c;
		r.c = NULL;
	}
out:
	free(r.onday);
	free(r.on);
	zf_yaml_free(doc);
	zf_calendar_free(r.c);
	return rc;
}

int
zf_calendar_default(struct zf_calendar **out, struct zf_err *e)
{
	return zf_calendar_parse("cn-workdays.yaml", zf_calendar_data,
	    strlen(zf_calendar_data), out, e);
}

void
zf_calendar_free(struct zf_calendar *c)
{
	if (c == NULL)
		return;
	free(c->local);
	free(c->unknown_before);
	free(c->working_before);
	free(c->flags);
	free(c);
}

/* The index of the first local day >= day. */
static size_t
local_lower_bound(const struct zf_calendar *c, int64_t day)
{
	size_t lo = 0, hi = c->nlocal, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->local[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
zf_calendar_set(struct zf_calendar *c, int32_t day, int working)
{
	unsigned char flags = DAY_KNOWN | (working ? DAY_WORKING : 0);
	size_t i;

	if (day >= c->base && (int64_t)day < (int64_t)c->base + c->ndays) {
		c->flags[day - c->base] = flags;
		sum_from(c, day - c->base);
		return;
	}
	i = local_lower_bound(c, day);
	if (i < c->nlocal && c->local[i].day == day) {
		c->local[i].flags = flags;
		return;
	}
	if (c->nlocal == c->localcap) {
		c->localcap = c->localcap ? 2 * c->localcap : 16;
		c->local = xrealloc(c->local,
		    c->localcap * sizeof(*c->local));
	}
	memmove(c->local + i + 1, c->local + i,
	    (c->nlocal - i) * sizeof(*c->local));
	c->local[i].day = day;
	c->local[i].flags = flags;
	c->nlocal++;
}

int
zf_calendar_first_year(const struct zf_calendar *c)
{
	return c->first_year;
}

int
zf_calendar_last_year(const struct zf_calendar *c)
{
	return c->last_year;
}

static int
in_table(const struct zf_calendar *c, int64_t day)
{
	return day >= c->base && day < (int64_t)c->base + c->ndays;
}

static unsigned char
day_flags(const struct zf_calendar *c, int64_t day)
{
	size_t i;

	if (in_table(c, day))
		return c->flags[day - c->base];
	i = local_lower_bound(c, day);
	if (i < c->nlocal && c->local[i].day == day)
		return c->local[i].flags;
	return weekday_working(day) ? DAY_WORKING : 0;
}

/* Working days in [from, to), a span wholly outside the table. */
static int64_t
count_outside(const struct zf_calendar *c, int64_t from, int64_t to,
    int *beyond)
{
	int64_t n, day, set = 0;
	size_t i;

	n = (to - from) / 7 * 5;
	for (day = from + (to - from) / 7 * 7; day < to; day++)
		n += weekday_working(day);
	for (i = local_lower_bound(c, from);
	    i < c->nlocal && c->local[i].day < to; i++) {
		n += ((c->local[i].flags & DAY_WORKING) != 0) -
		    weekday_working(c->local[i].day);
		set++;
	}
	if (to - from > set && beyond != NULL)
		*beyond = 1;
	return n;
}

/* Working days in [from, to). */
static int64_t
count(const struct zf_calendar *c, int64_t from, int64_t to, int *beyond)
{
	int64_t end = (int64_t)c->base + c->ndays, a, b, n = 0;

	if (from >= to)
		return 0;
	if (from < c->base)
		n += count_outside(c, from, to < c->base ? to : c->base,
		    beyond);
	a = (from > c->base ? from : c->base) - c->base;
	b = (to < end ? to : end) - c->base;
	if (a < b) {
		n += c->working_before[b] - c->working_before[a];
		if (c->unknown_before[b] != c->unknown_before[a] &&
		    beyond != NULL)
			*beyond = 1;
	}
	if (to > end)
		n += count_outside(c, from > end ? from : end, to, beyond);
	return n;
}

/* v brought within [lo, hi]. */
static int64_t
clamp(int64_t v, int64_t lo, int64_t hi)
{
	if (v > hi)
		return hi;
	if (v < lo)
		return lo;
	return v;
}

static int32_t
clamp_day(int64_t day)
{
	return (int32_t)clamp(day, INT32_MIN, INT32_MAX);
}

static int
clamp_int(int64_t n)
{
	return (int)clamp(n, INT_MIN, INT_MAX);
}

int
zf_calendar_is_workday(const struct zf_calendar *c, int32_t day, int *beyond)
{
	unsigned char flags = day_flags(c, day);

	if (!(flags & DAY_KNOWN) && beyond != NULL)
		*beyond = 1;
	return (flags & DAY_WORKING) != 0;
}

/*
 * How many whole weeks past day (in direction step) hold only plain
 * Monday-to-Friday days, at most max: none in the table or set locally.
 */
static int64_t
plain_weeks(const struct zf_calendar *c, int64_t day, int step, int64_t max)
{
	int64_t end = (int64_t)c->base + c->ndays, room;
	size_t i;

	if (in_table(c, day) || in_table(c, day + step))
		return 0;
	i = local_lower_bound(c, day);
	if (step > 0) {
		/* Room runs to the table, a local day or the last day. */
		room = (int64_t)INT32_MAX - day;
		if (day < c->base)
			room = c->base - 1 - day;
		if (i < c->nlocal && c->local[i].day == day)
			i++;
		if (i < c->nlocal && c->local[i].day - 1 - day < room)
			room = c->local[i].day - 1 - day;
	} else {
		room = day - INT32_MIN;
		if (day >= end)
			room = day - end;
		if (i > 0 && day - c->local[i - 1].day - 1 < room)
			room = day - c->local[i - 1].day - 1;
	}
	room /= 7;
	return room < max ? room : max;
}

int32_t
zf_calendar_add_workdays(const struct zf_calendar *c, int32_t start, int n,
    int *beyond)
{
	int64_t day = start, left, weeks;
	unsigned char flags;
	int step;

	if (n == 0)
		return start;
	step = n > 0 ? 1 : -1;
	left = n > 0 ? (int64_t)n : -(int64_t)n;
	while (left > 0) {
		/* Far from the table a week is five working days. */
		weeks = plain_weeks(c, day, step, (left - 1) / 5);
		if (weeks > 0) {
			day += step * 7 * weeks;
			left -= 5 * weeks;
			if (beyond != NULL)
				*beyond = 1;
		}
		day += step;
		if (day > INT32_MAX || day < INT32_MIN)
			return clamp_day(day);
		flags = day_flags(c, day);
		if (!(flags & DAY_KNOWN) && beyond != NULL)
			*beyond = 1;
		if (flags & DAY_WORKING)
			left--;
	}
	return (int32_t)day;
}

int32_t
zf_calendar_add_days(const struct zf_calendar *c, int32_t start, int n,
    int *beyond)
{
	int64_t day = (int64_t)start + n;

	if (day > INT32_MAX || day < INT32_MIN)
		return clamp_day(day);
	while (!zf_calendar_is_workday(c, (int32_t)day, beyond)) {
		if (day == INT32_MAX)
			break;
		day++;
	}
	return (int32_t)day;
}

int
zf_calendar_workdays_between(const struct zf_calendar *c, int32_t from,
    int32_t to, int *beyond)
{
	if (to >= from)
		return clamp_int(count(c, (int64_t)from + 1, (int64_t)to + 1,
		    beyond));
	return clamp_int(-count(c, (int64_t)to + 1, (int64_t)from + 1,
	    beyond));
}

int
zf_calendar_workdays_in_year(const struct zf_calendar *c, int year,
    int *beyond)
{
	if (year > CALENDAR_YEAR_LIMIT)
		year = CALENDAR_YEAR_LIMIT;
	if (year < -CALENDAR_YEAR_LIMIT)
		year = -CALENDAR_YEAR_LIMIT;
	return clamp_int(count(c, zf_date_from_ymd(year, 1, 1),
	    zf_date_from_ymd(year + 1, 1, 1), beyond));
}
