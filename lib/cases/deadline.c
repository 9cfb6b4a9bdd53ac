/* deadline: planning, applying and listing the clocks of cases. */
#include "cases/deadline.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "base/buf.h"
#include "rules/calendar.h"
#include "record/db.h"
#include "base/json.h"
#include "base/when.h"
#include "rules/config.h"
#include "rules/procedure.h"
#include "base/text.h"

/* 1 when step is one of list (NULL: none). */
static int
listed(char *const *list, const char *step)
{
	size_t i;

	for (i = 0; list != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], step) == 0)
			return 1;
	return 0;
}

int
zf_measures_any(char *const *want, const char *measures)
{
	char quoted[64];
	size_t i;

	if (want == NULL || want[0] == NULL)
		return 1;
	for (i = 0; measures != NULL && want[i] != NULL; i++) {
		snprintf(quoted, sizeof(quoted), "\"%s\"", want[i]);
		if (strstr(measures, quoted) != NULL)
			return 1;
	}
	return 0;
}

/* The same day n months later, or that month's last (民法典第二百零二条). */
static int32_t
add_months(int32_t start, int n)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int y, m, d, last;

	zf_date_ymd(start, &y, &m, &d);
	m += n;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	last = len[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0));
	return zf_date_from_ymd(y, m, d < last ? d : last);
}

/*
 * The last day of n units counted from start: working days; calendar
 * days or months whose last day, on a rest day, moves to the next
 * working day unless the period is exact (a cap).  Hours are days here
 * (n / 24, at least the day itself): plan_open counts them from the
 * step's time.
 */
static int32_t
count_from(struct zf_archive *a, int32_t start, int n, enum zf_unit unit,
    int exact)
{
	struct zf_calendar *cal = zf_archive_calendar(a);
	int32_t day;

	switch (unit) {
	case ZF_UNIT_WORKING:
		return zf_calendar_add_workdays(cal, start, n,
		    zf_archive_beyond(a));
	case ZF_UNIT_MONTH:
		day = add_months(start, n);
		break;
	case ZF_UNIT_HOUR:
		return start + n / 24;
	default:
		day = start + n;
		break;
	}
	if (exact)
		return day;
	return zf_calendar_add_days(cal, day, 0, zf_archive_beyond(a));
}

/* The unit of a deadlines row: only working days count differently. */
static enum zf_unit
row_unit(const char *unit)
{
	return strcmp(unit, "working") == 0 ? ZF_UNIT_WORKING :
	    ZF_UNIT_CALENDAR;
}

/* Days from today to due in the unit, negative when past. */
static int
days_between(struct zf_archive *a, int32_t from, int32_t to, int working,
    int *beyond)
{
	if (working)
		return zf_calendar_workdays_between(zf_archive_calendar(a),
		    from, to, beyond);
	return (int)(to - from);
}

static char *
join(char *const *list)
{
	struct zf_buf b;
	size_t i;

	zf_buf_init(&b);
	for (i = 0; list != NULL && list[i] != NULL; i++)
		zf_buf_printf(&b, "%s%s", i ? " " : "", list[i]);
	return zf_buf_detach(&b, NULL);
}

static struct zf_json *
entry(const char *rule)
{
	struct zf_json *o = zf_json_object();

	zf_json_set_str(o, "rule", rule);
	return o;
}

static void
add_to(struct zf_json *clocks, const char *what, struct zf_json *item)
{
	struct zf_json *list = zf_json_get(clocks, what);

	if (list == NULL) {
		list = zf_json_array();
		zf_json_set(clocks, what, list);
	}
	zf_json_push(list, item);
}

/*
 * 1 when the case's deadline rule ran out before it was met (by day, if
 * it is still open; else by the day of the step that met it); 0 when it
 * did not, or the case never had it; -1 on error.
 */
static int
ran_out(struct zf_archive *a, const char *case_id, const char *rule,
    int32_t day)
{
	static const char sql[] = "SELECT d.due, d.state, s.at FROM deadlines "
	    "d LEFT JOIN steps s ON s.seq = d.closed_seq WHERE d.case_id = ? "
	    "AND d.rule = ?";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql,
	    zf_archive_err(a));
	struct zf_time t;
	int32_t due, met;
	int rc;

	if (st == NULL)
		return -1;
	zf_db_bind_text(st, 1, case_id);
	zf_db_bind_text(st, 2, rule);
	if ((rc = zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read deadlines")) == 1) {
		const char *at = zf_db_text(st, 2);

		rc = 0;
		if (zf_date_parse(zf_db_text(st, 0), &due) == 0) {
			met = day;
			if (strcmp(zf_db_text(st, 1), "done") == 0)
				met = at != NULL && zf_time_parse(at, &t) ==
				    0 ? zf_time_date(&t) : due;
			rc = met > due;
		}
	}
	sqlite3_reset(st);
	return rc;
}

/*
 * 1 when rule r's clock is moved by this step's restart or pause: always,
 * unless r names a deemed rule that ran out unmet, and the step is a
 * restart or one that meets the deemed rule (the 补正 notice and 受理 once
 * 受理 is deemed done; a hearing still pauses the clock).
 */
static int
movable(struct zf_archive *a, const struct zf_rule *r,
    const struct zf_clock_step *s)
{
	const struct zf_rule *d;
	int rc;

	if (r == NULL || r->deemed == NULL)
		return 1;
	d = zf_config_rule(zf_archive_config(a), r->deemed);
	if (!listed(r->restart, s->step) && (d == NULL ||
	    !listed(d->done, s->step)))
		return 1;
	if ((rc = ran_out(a, s->case_id, r->deemed, s->day)) < 0)
		return -1;
	return !rc;
}

/*
 * The due date of a deadline row (st: rule, due, unit, state, remaining,
 * done, extend, start, days) extended by n units: the period is longer,
 * so its end is counted from its start — not from a due date moved off a
 * rest day; a period paused on the way (its due no longer the count from
 * its start) is extended from its due.
 */
static int32_t
extended_due(struct zf_archive *a, sqlite3_stmt *st, int32_t due, int n,
    enum zf_unit unit, int exact)
{
	int32_t start;
	int days = sqlite3_column_int(st, 8);

	if (zf_date_parse(zf_db_text(st, 7), &start) == 0 &&
	    strcmp(zf_db_text(st, 2), "month") != 0 &&
	    strcmp(zf_db_text(st, 2), "hour") != 0 &&
	    count_from(a, start, days, unit, exact) == due)
		return count_from(a, start, days + n, unit, exact);
	return count_from(a, due, n, unit, exact);
}

/* What the step does to the deadlines already running. */
static int
plan_running(struct zf_archive *a, const struct zf_clock_step *s,
    struct zf_json *clocks)
{
	static const char sql[] = "SELECT rule, due, unit, state, remaining, "
	    "done, extend, start, days FROM deadlines WHERE case_id = ? AND "
	    "state != 'done' ORDER BY rule";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	char date[11];
	int rc;

	if (st == NULL)
		return zf_archive_err(a)->code;
	zf_db_bind_text(st, 1, s->case_id);
	while ((rc = zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read deadlines")) == 1) {
		const char *rule = (const char *)sqlite3_column_text(st, 0);
		const char *due_s = (const char *)sqlite3_column_text(st, 1);
		enum zf_unit unit = row_unit(zf_db_text(st, 2));
		int open = strcmp((const char *)sqlite3_column_text(st, 3),
		    "open") == 0;
		const char *done = (const char *)sqlite3_column_text(st, 5);
		const char *extend = (const char *)sqlite3_column_text(st, 6);
		const struct zf_rule *r = zf_config_rule(zf_archive_config(a),
		    rule);
		int pauses = r != NULL && listed(r->pauses, s->step);
		int resumes = r != NULL && listed(r->resumes, s->step);
		int32_t due;
		struct zf_json *e;

		if (pauses || resumes) {
			int m = movable(a, r, s);

			if (m < 0) {
				rc = -1;
				break;
			}
			pauses = pauses && m;
			resumes = resumes && m;
		}
		zf_date_parse(due_s, &due);
		if (zf_text_has_word(done, s->step)) {
			add_to(clocks, "close", zf_json_string(rule));
		} else if ((strcmp(s->step, "suspend") == 0 || pauses) &&
		    open) {
			e = entry(rule);
			zf_json_set_int(e, "remaining", days_between(a, s->day,
			    due, unit == ZF_UNIT_WORKING,
			    zf_archive_beyond(a)));
			add_to(clocks, "pause", e);
		} else if ((strcmp(s->step, "resume") == 0 || resumes) &&
		    !open) {
			int left = sqlite3_column_int(st, 4), before;

			/* What was left, or how late it already was. */
			before = (*zf_archive_beyond(a));
			(*zf_archive_beyond(a)) = 0;
			due = left != 0 ? count_from(a, s->day, left, unit,
			    r != NULL && r->exact) : s->day;
			e = entry(rule);
			zf_date_format(due, date);
			zf_json_set_str(e, "due", date);
			zf_json_set_bool(e, "estimated",
			    *zf_archive_beyond(a));
			(*zf_archive_beyond(a)) |= before;
			add_to(clocks, "resume", e);
		} else if (extend != NULL && strcmp(extend, s->step) == 0 &&
		    open && s->extend_days > 0 && (s->extend_rule == NULL ||
		    strcmp(s->extend_rule, rule) == 0)) {
			int before = (*zf_archive_beyond(a));

			(*zf_archive_beyond(a)) = 0;
			due = extended_due(a, st, due, s->extend_days, unit,
			    r != NULL && r->exact);
			e = entry(rule);
			zf_date_format(due, date);
			zf_json_set_str(e, "due", date);
			zf_json_set_int(e, "days", s->extend_days);
			zf_json_set_bool(e, "estimated",
			    *zf_archive_beyond(a));
			(*zf_archive_beyond(a)) |= before;
			add_to(clocks, "extend", e);
		}
	}
	sqlite3_reset(st);
	return rc < 0 ? zf_archive_err(a)->code : 0;
}

int
zf_clocks_plan_step(struct zf_archive *a, const char *case_id,
    const char *kind, const char *step, int32_t day, unsigned when,
    struct zf_json **clocks)
{
	struct zf_clock_step cs;

	memset(&cs, 0, sizeof(cs));
	cs.case_id = case_id;
	cs.kind = kind;
	cs.step = step;
	cs.day = day;
	cs.when = when;
	return zf_clocks_plan(a, &cs, clocks);
}

/*
 * 1 when rule r starts at this step: it is counted from it, or the step
 * starts it again (restart:) and its deemed rule did not run out.
 */
static int
starts(struct zf_archive *a, const struct zf_rule *r,
    const struct zf_clock_step *s)
{
	if (!(r->kinds & zf_kind_bit(s->kind)) ||
	    (r->when & s->when) != r->when ||
	    !zf_measures_any(r->measures, s->measures))
		return 0;
	if (strcmp(r->from, s->step) == 0)
		return 1;
	if (!listed(r->restart, s->step))
		return 0;
	return movable(a, r, s);
}

/* The deadline rule r opens at the step: its entry in the event. */
static struct zf_json *
plan_open(struct zf_archive *a, const struct zf_rule *r,
    const struct zf_clock_step *s)
{
	const struct zf_rule *after = r->after != NULL ?
	    zf_config_rule(zf_archive_config(a), r->after) : NULL;
	int32_t start = s->day;
	struct zf_json *e = entry(r->id);
	char date[11], at[26];
	char *words;

	if (after != NULL)
		start = count_from(a, s->day, after->days, after->unit,
		    after->exact);
	zf_date_format(start, date);
	zf_json_set_str(e, "start", date);
	if (r->unit == ZF_UNIT_HOUR) {
		struct zf_time t = { 0, 0 };

		if (s->at != NULL) {
			t = *s->at;
		} else {
			t.offset = zf_archive_config(a)->offset;
			t.unix = (int64_t)s->day * 86400 - t.offset * 60;
		}
		t.unix += (int64_t)r->days * 3600;
		zf_time_format(&t, at);
		zf_json_set_str(e, "due_at", at);
		zf_date_format(zf_time_date(&t), date);
	} else {
		zf_date_format(count_from(a, start, r->days, r->unit,
		    r->exact), date);
	}
	zf_json_set_str(e, "what", r->what);
	zf_json_set_str(e, "basis", r->basis);
	zf_json_set_str(e, "due", date);
	zf_json_set_str(e, "unit", zf_unit_name(r->unit));
	zf_json_set_int(e, "days", r->days);
	zf_json_set_bool(e, "party", r->party);
	words = join(r->done);
	zf_json_set_str(e, "done", words);
	free(words);
	words = join(r->blocks);
	zf_json_set_str(e, "blocks", words);
	free(words);
	if (r->extend != NULL)
		zf_json_set_str(e, "extend", r->extend);
	if (r->extend_max > 0)
		zf_json_set_int(e, "extend_max", r->extend_max);
	return e;
}

int
zf_clocks_plan(struct zf_archive *a, const struct zf_clock_step *s,
    struct zf_json **out)
{
	struct zf_json *clocks = zf_json_object();
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = plan_running(a, s, clocks)) != 0) {
		zf_json_free(clocks);
		return rc;
	}
	for (i = 0; i < zf_archive_config(a)->nrules; i++) {
		const struct zf_rule *r = &zf_archive_config(a)->rules[i];
		struct zf_json *e;
		int before = (*zf_archive_beyond(a));

		if ((rc = starts(a, r, s)) <= 0) {
			if (rc < 0) {
				zf_json_free(clocks);
				return zf_archive_err(a)->code;
			}
			continue;
		}
		(*zf_archive_beyond(a)) = 0;
		e = plan_open(a, r, s);
		zf_json_set_bool(e, "estimated", (*zf_archive_beyond(a)));
		(*zf_archive_beyond(a)) |= before;
		add_to(clocks, "open", e);
	}
	if (zf_json_len(clocks) == 0) {
		zf_json_free(clocks);
		return 0;
	}
	*out = clocks;
	return 0;
}

int
zf_clocks_gate(struct zf_archive *a, const char *case_id, const char *step,
    int32_t day)
{
	struct zf_err *e = zf_archive_err(a);
	static const char sql[] = "SELECT rule, what, due, basis, blocks, "
	    "party FROM deadlines WHERE case_id = ? AND state = 'open'";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	const struct zf_rule *r;
	const char *what, *due_s, *basis;
	int32_t due;
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read deadlines")) == 1) {
		what = zf_db_text(st, 1);
		due_s = zf_db_text(st, 2);
		basis = zf_db_text(st, 3);
		if (zf_date_parse(due_s, &due) != 0)
			continue;
		r = zf_config_rule(zf_archive_config(a), zf_db_text(st, 0));
		if (r != NULL && listed(r->holds, step))
			rc = zf_fail(e, EX_NOPERM, "%s cannot be taken while "
			    "this is still to be done: %s, due %s (%s)", step,
			    what, due_s, basis);
		else if (r != NULL && day > due && listed(r->closes, step))
			rc = zf_fail(e, EX_NOPERM, "%s can no longer be taken: "
			    "%s ran until %s (%s)", step, what, due_s, basis);
		else if (sqlite3_column_int(st, 5) && day <= due &&
		    zf_text_has_word(zf_db_text(st, 4), step))
			rc = zf_fail(e, EX_NOPERM, "%s cannot be taken before "
			    "the party's period ends: %s runs until %s (%s)",
			    step, what, due_s, basis);
		else
			continue;
		sqlite3_reset(st);
		return rc;
	}
	return rc < 0 ? e->code : 0;
}

static int
exec_rule(struct zf_db *db, const char *sql, const char *case_id,
    const char *rule, const char *text, int64_t num, int64_t seq,
    struct zf_err *e)
{
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int n;

	if (st == NULL)
		return e->code;
	/* Each statement uses some of the five; bind only those. */
	n = sqlite3_bind_parameter_count(st);
	zf_db_bind_text(st, 1, case_id);
	zf_db_bind_text(st, 2, rule);
	if (n >= 3 && sqlite3_bind_parameter_name(st, 3) != NULL)
		zf_db_bind_text(st, 3, text);
	if (n >= 4 && sqlite3_bind_parameter_name(st, 4) != NULL)
		sqlite3_bind_int64(st, 4, num);
	if (n >= 5)
		sqlite3_bind_int64(st, 5, seq);
	return zf_db_done(db, st, e, "cannot record deadlines");
}

static int
apply_open(struct zf_db *db, const char *case_id, int64_t seq,
    const struct zf_json *o, struct zf_err *e)
{
	static const char sql[] = "INSERT OR REPLACE INTO deadlines (case_id, "
	    "rule, what, basis, start, due, unit, days, party, done, extend, "
	    "blocks, state, remaining, estimated, opened_seq, closed_seq, "
	    "kind, extend_max, extended, due_at) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9, ?10, ?11, ?12, 'open', NULL, ?13, ?14, NULL, "
	    "(SELECT kind FROM cases WHERE id = ?1), ?15, 0, ?16)";
	static const char *const text[] = { "rule", "what", "basis", "start",
		"due", "unit" };
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int64_t days;
	int i;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	for (i = 0; i < 6; i++) {
		const char *v = zf_json_get_str(o, text[i]);

		if (v == NULL)
			return zf_fail(e, EX_DATAERR, "event %lld: a deadline "
			    "without %s", (long long)seq, text[i]);
		zf_db_bind_text(st, 2 + i, v);
	}
	if (zf_json_get_int(o, "days", &days) != 0)
		return zf_fail(e, EX_DATAERR, "event %lld: a deadline without "
		    "days", (long long)seq);
	sqlite3_bind_int64(st, 8, days);
	sqlite3_bind_int(st, 9, zf_json_get_bool(o, "party") == 1);
	zf_db_bind_text(st, 10, zf_json_get_str(o, "done") ?
	    zf_json_get_str(o, "done") : "");
	zf_db_bind_text(st, 11, zf_json_get_str(o, "extend"));
	zf_db_bind_text(st, 12, zf_json_get_str(o, "blocks") ?
	    zf_json_get_str(o, "blocks") : "");
	sqlite3_bind_int(st, 13, zf_json_get_bool(o, "estimated") == 1);
	sqlite3_bind_int64(st, 14, seq);
	if (zf_json_get_int(o, "extend_max", &days) == 0)
		sqlite3_bind_int64(st, 15, days);
	zf_db_bind_text(st, 16, zf_json_get_str(o, "due_at"));
	return zf_db_done(db, st, e, "cannot record deadlines");
}

int
zf_clocks_apply(struct zf_db *db, const char *case_id, int64_t seq,
    const struct zf_json *clocks, struct zf_err *e)
{
	/* Parameters: ?1 case, ?2 rule, ?3 date, ?4 number, ?5 seq or flag. */
	static const char sql_close[] = "UPDATE deadlines SET state = 'done', "
	    "closed_seq = ?5 WHERE case_id = ?1 AND rule = ?2";
	static const char sql_pause[] = "UPDATE deadlines SET state = "
	    "'paused', remaining = ?4 WHERE case_id = ?1 AND rule = ?2";
	static const char sql_move[] = "UPDATE deadlines SET state = 'open', "
	    "due = ?3, remaining = NULL, days = days + ?4, extended = "
	    "extended + ?4, estimated = (estimated OR ?5) WHERE case_id = ?1 "
	    "AND rule = ?2";
	/* Each list of rules, its statement, number and whether it moves. */
	static const struct {
		const char *list, *sql, *number;
		int due;
	} moves[] = {
		{ "pause", sql_pause, "remaining", 0 },
		{ "resume", sql_move, NULL, 1 },
		{ "extend", sql_move, "days", 1 },
	};
	const struct zf_json *list;
	size_t i, k;
	int rc = 0;

	if (clocks == NULL)
		return 0;
	list = zf_json_get(clocks, "close");
	for (i = 0; rc == 0 && i < zf_json_len(list); i++)
		rc = exec_rule(db, sql_close, case_id,
		    zf_json_str(zf_json_at(list, i)), NULL, 0, seq, e);
	for (k = 0; k < sizeof(moves) / sizeof(moves[0]); k++) {
		list = zf_json_get(clocks, moves[k].list);
		for (i = 0; rc == 0 && i < zf_json_len(list); i++) {
			const struct zf_json *o = zf_json_at(list, i);
			int64_t n = 0;

			if (moves[k].number != NULL)
				zf_json_get_int(o, moves[k].number, &n);
			rc = exec_rule(db, moves[k].sql, case_id,
			    zf_json_get_str(o, "rule"), moves[k].due ?
			    zf_json_get_str(o, "due") : NULL, n, moves[k].due &&
			    zf_json_get_bool(o, "estimated") == 1, e);
		}
	}
	list = zf_json_get(clocks, "open");
	for (i = 0; rc == 0 && i < zf_json_len(list); i++)
		rc = apply_open(db, case_id, seq, zf_json_at(list, i), e);
	return rc;
}

/* "还有 3 个工作日", "今日届满", "逾期 2 日" ... for people. */
static void
describe(struct zf_json *d)
{
	int64_t left = 0;
	const char *unit = zf_json_get_str(d, "unit");
	const char *u = unit && strcmp(unit, "working") == 0 ?
	    "个工作日" : "日";
	const char *at = zf_json_get_str(d, "due_at");
	char text[64];

	zf_json_get_int(d, "days_left", &left);
	if (at != NULL && strlen(at) >= 16 && left >= 0)
		/* "09-04 16:00 前": the day and the hour it runs out. */
		snprintf(text, sizeof(text), "%.5s %.5s 前", at + 5, at + 11);
	else if (zf_json_get_bool(d, "overdue") == 1)
		snprintf(text, sizeof(text), "逾期%s %lld %s",
		    zf_json_get_bool(d, "party") == 1 ? "（当事人）" : "",
		    (long long)(left < 0 ? -left : left), u);
	else if (left == 0)
		snprintf(text, sizeof(text), "今日届满");
	else
		snprintf(text, sizeof(text), "还有 %lld %s", (long long)left,
		    u);
	if (zf_json_get_bool(d, "estimated") == 1)
		strcat(text, "（估算）");
	zf_json_set_str(d, "left", text);
}

int
zf_deadline_each(struct zf_archive *a, const struct zf_deadline_filter *f,
    int (*fn)(void *ctx, struct zf_json *row), void *ctx)
{
	struct zf_err *e = zf_archive_err(a);

/* The same conditions; the first walks the index of open deadlines by
 * due date, the second, for one case, its primary key. */
#define DEADLINE_COLUMNS "SELECT d.case_id, d.rule, d.what, d.due, d.unit, " \
    "d.basis, d.party, d.estimated, d.kind, d.due_at FROM deadlines d "
#define DEADLINE_FILTER "d.due <= ?1 AND (?2 IS NULL OR d.kind = ?2) " \
    "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM case_officers o " \
    "WHERE o.case_id = d.case_id AND o.person = ?3)) " \
    "AND (?5 OR d.party = 0) " \
    /* A party's waiting period that has run out is simply over. */ \
    "AND NOT (d.party = 1 AND d.blocks != '' AND d.due < ?6) "
	static const char sql_all[] = DEADLINE_COLUMNS "WHERE d.state = "
	    "'open' AND ?4 IS NULL AND " DEADLINE_FILTER
	    "ORDER BY d.due, d.case_id, d.rule";
	static const char sql_case[] = DEADLINE_COLUMNS "WHERE d.case_id = ?4 "
	    "AND d.state = 'open' AND " DEADLINE_FILTER
	    "ORDER BY d.due, d.case_id, d.rule";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), f->case_id != NULL ?
	    sql_case : sql_all, e);
	char until[11], today[11];
	int rc, stop = 0;

	if (st == NULL)
		return e->code;
	if (f->until == INT32_MAX)
		strcpy(until, "9999-12-31");
	else
		zf_date_format(f->until, until);
	zf_db_bind_text(st, 1, until);
	zf_db_bind_text(st, 2, f->kind);
	zf_db_bind_text(st, 3, f->officer);
	zf_db_bind_text(st, 4, f->case_id);
	sqlite3_bind_int(st, 5, f->party);
	zf_date_format(f->today, today);
	zf_db_bind_text(st, 6, today);
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot list deadlines")) == 1) {
		struct zf_json *d = zf_json_object();
		const char *due_s = (const char *)sqlite3_column_text(st, 3);
		const char *unit = (const char *)sqlite3_column_text(st, 4);
		int working = strcmp(unit, "working") == 0, beyond = 0;
		int32_t due;

		zf_date_parse(due_s, &due);
		zf_json_set_str(d, "case", (const char *)sqlite3_column_text(st,
		    0));
		zf_json_set_str(d, "rule", (const char *)sqlite3_column_text(st,
		    1));
		zf_json_set_str(d, "what", (const char *)sqlite3_column_text(st,
		    2));
		zf_json_set_str(d, "due", due_s);
		zf_json_set_int(d, "days_left", days_between(a, f->today, due,
		    working, &beyond));
		zf_json_set_str(d, "unit", unit);
		zf_json_set_bool(d, "overdue", due < f->today);
		zf_json_set_str(d, "basis", (const char *)sqlite3_column_text(
		    st, 5));
		zf_json_set_bool(d, "party", sqlite3_column_int(st, 6));
		zf_json_set_bool(d, "estimated", sqlite3_column_int(st, 7) ||
		    beyond);
		zf_json_set_str(d, "kind", (const char *)sqlite3_column_text(st,
		    8));
		if (sqlite3_column_type(st, 9) != SQLITE_NULL)
			zf_json_set_str(d, "due_at", zf_db_text(st, 9));
		(*zf_archive_beyond(a)) |= beyond;
		describe(d);
		stop = fn(ctx, d);
		zf_json_free(d);
		if (stop != 0)
			break;
	}
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	return rc < 0 ? e->code : 0;
}

static int
gather(void *ctx, struct zf_json *row)
{
	zf_json_push(ctx, zf_json_copy(row));
	return 0;
}

int
zf_deadline_list(struct zf_archive *a, const struct zf_deadline_filter *f,
    struct zf_json **out)
{
	struct zf_json *list = zf_json_array();
	int rc = zf_deadline_each(a, f, gather, list);

	if (rc != 0) {
		zf_json_free(list);
		list = NULL;
	}
	*out = list;
	return rc;
}
