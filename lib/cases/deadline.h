/*
 * deadline: the statutory clocks of every case.
 *
 * When a step is taken, the rules in force (zhifa.yaml's deadlines, or
 * the shipped ones) decide what it does to the case's clocks, and the
 * answer — which deadlines it opens with their due dates, which it
 * meets, pauses, resumes or extends — is written into the step's event
 * as "clocks".  Applying the event only copies that answer into the
 * deadlines table, so a replay reproduces it exactly, and a later change
 * of rules or calendar never moves a date already set.  Each deadline
 * row keeps the steps that meet it, as they were when it was opened.
 */
#ifndef ZF_DEADLINE_H
#define ZF_DEADLINE_H

#include <stdint.h>

struct zf_archive;
struct zf_db;
struct zf_err;
struct zf_json;
struct zf_time;

struct zf_clock_step {
	const char *case_id, *kind, *step;
	int32_t day;		/* the date the step was taken */
	const struct zf_time *at;	/* its time, for periods in hours;
					   NULL: the start of day */
	unsigned when;		/* ZF_WHEN_* conditions it carries */
	/* The measures of the decision it is taken under (or makes), as
	 * a JSON array of names; NULL: none. */
	const char *measures;
	int extend_days;	/* for the extending step */
	const char *extend_rule;	/* NULL: every rule it extends */
};

/* 1 when the JSON array of measure names holds one of want (NULL-
 * terminated); an empty want always holds. */
int zf_measures_any(char *const *want, const char *measures);

/*
 * Works out the step's effect on the case's clocks; *clocks gets the
 * JSON to put in the event (NULL when the step touches no clock).
 * Sets the flag zf_archive_beyond(a) when a date was counted past the calendar.
 */
int zf_clocks_plan(struct zf_archive *a, const struct zf_clock_step *s,
    struct zf_json **clocks);
/* zf_clocks_plan for a step of a case that extends no period. */
int zf_clocks_plan_step(struct zf_archive *a, const char *case_id,
    const char *kind, const char *step, int32_t day, unsigned when,
    struct zf_json **clocks);

/*
 * Refuses (EX_NOPERM) a step the case's open deadlines keep back, naming
 * the deadline, its end and its basis: one its rule holds until it is
 * met (holds: closing a case not yet published), one it closed when it
 * ran out unmet (closes: a hearing requested after the party's five
 * working days), one a party's period keeps back until it ends (blocks).
 */
int zf_clocks_gate(struct zf_archive *a, const char *case_id,
    const char *step, int32_t day);

/* Copies an event's clocks into the deadlines table (apply). */
int zf_clocks_apply(struct zf_db *db, const char *case_id, int64_t seq,
    const struct zf_json *clocks, struct zf_err *e);

struct zf_deadline_filter {
	int32_t today;
	int32_t until;		/* due on or before; INT32_MAX: all */
	const char *kind, *officer, *case_id;
	int party;		/* include the parties' periods */
};
/*
 * Open deadlines, soonest first, each as a JSON object {case, rule, what,
 * due, days_left, unit, overdue, basis, party, estimated, kind, left} —
 * left says it for people: "还有 3 个工作日", "今日届满", "逾期 2 日" —
 * handed to fn (which must not keep it) one at a time, so that memory
 * stays flat however many there are.  A non-zero return from fn stops the
 * walk and is returned.
 */
int zf_deadline_each(struct zf_archive *a, const struct zf_deadline_filter *f,
    int (*fn)(void *ctx, struct zf_json *row), void *ctx);
/* The same, gathered into one JSON array (for a single case). */
int zf_deadline_list(struct zf_archive *a, const struct zf_deadline_filter *f,
    struct zf_json **out);

#endif
