/* step: procedural steps and decisions, checked and journaled. */
#include "cases/step.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "base/buf.h"
#include "cases/case.h"
#include "record/db.h"
#include "cases/deadline.h"
#include "record/journal.h"
#include "base/json.h"
#include "base/money.h"
#include "rules/procedure.h"
#include "cases/review.h"
#include "base/text.h"

/* The time a step was taken: --at, else now; never ahead of now. */
/* A step recorded late is still recorded after the steps before it. */
static int
after_last_step(struct zf_archive *a, const char *case_id,
    const struct zf_time *t, const char *at)
{
	static const char sql[] = "SELECT at, step FROM steps WHERE "
	    "case_id = ? ORDER BY seq DESC LIMIT 1";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	struct zf_time last;
	char *when = NULL, *step = NULL;
	int rc = 0;

	if (st == NULL)
		return zf_archive_err(a)->code;
	zf_db_bind_text(st, 1, case_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		when = xstrdup(zf_db_text(st, 0));
		step = xstrdup(zf_db_text(st, 1));
	}
	sqlite3_reset(st);
	if (when != NULL && zf_time_parse(when, &last) == 0 &&
	    t->unix < last.unix)
		rc = zf_fail(zf_archive_err(a), EX_DATAERR, "'%s' is before the case's "
		    "last step (%s at %s)", at, step, when);
	free(when);
	free(step);
	return rc;
}

static int
step_time(struct zf_archive *a, const struct zf_case_state *s,
    const char *at, struct zf_time *t, int32_t *day)
{
	char filed[11];
	int rc;

	*t = (*zf_archive_now(a));
	if (at != NULL) {
		if (zf_time_parse(at, t) != 0)
			return zf_fail(zf_archive_err(a), EX_DATAERR, "'%s' is not an RFC "
			    "3339 time such as 2026-11-20T10:02:11+08:00", at);
		t->offset = zf_archive_config(a)->offset;
		if (t->unix > zf_archive_now(a)->unix + 300)
			return zf_fail(zf_archive_err(a), EX_DATAERR, "'%s' is in the "
			    "future", at);
	}
	*day = zf_time_date(t);
	if (*day < s->filed) {
		zf_date_format(s->filed, filed);
		return zf_fail(zf_archive_err(a), EX_DATAERR, "'%s' is before the case "
		    "was filed on %s", at, filed);
	}
	if (at != NULL && (rc = after_last_step(a, s->id, t, at)) != 0)
		return rc;
	return 0;
}

/* Officers of the case with a certificate valid that day, and the head. */
static int
may_act(struct zf_archive *a, const char *case_id, int32_t day)
{
	const struct zf_person *p = zf_archive_person(a);

	if (p == NULL)
		return zf_fail(zf_archive_err(a), EX_NOPERM, "nobody is acting");
	if (p->role == ZF_ROLE_HEAD)
		return 0;
	if (p->role == ZF_ROLE_OFFICER && zf_case_has_officer(a, case_id,
	    p->id)) {
		if (zf_person_cert_valid(p, day))
			return 0;
		return zf_fail(zf_archive_err(a), EX_NOPERM, "'%s' (%s) holds no "
		    "enforcement certificate valid on that day", p->id,
		    p->name);
	}
	return zf_fail(zf_archive_err(a), EX_NOPERM, "'%s' (%s, %s) may not act on %s: "
	    "only its officers or the head may", p->id, p->name,
	    zf_role_name(p->role), case_id);
}

static int
not_allowed(struct zf_archive *a, const struct zf_case_state *s,
    const struct zf_step_def *d)
{
	char *allowed = zf_steps_allowed_list(s->kind, s->stage);
	int rc;

	rc = zf_fail(zf_archive_err(a), EX_NOPERM, "%s (%s) is not allowed in %s %s at "
	    "stage %s (%s); allowed now: %s", d->name, d->chinese,
	    s->kind, s->id, s->stage, zf_stage_chinese(s->stage), allowed);
	free(allowed);
	return rc;
}

static int
check_approval(struct zf_archive *a, const char *approved_by,
    const struct zf_step_def *d)
{
	const struct zf_person *p;

	if (zf_archive_person(a)->role == ZF_ROLE_HEAD && approved_by == NULL)
		return 0;
	if (approved_by == NULL)
		return zf_fail(zf_archive_err(a), EX_NOPERM, "%s (%s) needs the head's "
		    "approval: give --approved-by HEAD, or let the head take "
		    "it", d->name, d->chinese);
	p = zf_config_person(zf_archive_config(a), approved_by);
	if (p == NULL || p->role != ZF_ROLE_HEAD)
		return zf_fail(zf_archive_err(a), EX_NOPERM, "'%s' is not the head "
		    "(负责人): only the head approves %s (%s)", approved_by,
		    d->name, d->chinese);
	return 0;
}

/* A step's own needs: method, approval, days, the rule it extends. */
static int
check_details(struct zf_archive *a, const struct zf_step_def *d,
    const struct zf_step_input *in)
{
	const char *why;
	size_t i;
	int rc;

	if (d->flags & ZF_STEP_METHOD) {
		for (i = 0; in->method && zf_serve_methods[i] != NULL; i++)
			if (strcmp(in->method, zf_serve_methods[i]) == 0)
				break;
		if (in->method == NULL || zf_serve_methods[i] == NULL)
			return zf_fail(zf_archive_err(a), EX_DATAERR, "%s needs --method: "
			    "direct (直接送达), residence (留置送达), post "
			    "(邮寄送达), electronic (电子送达), notice (公告送达) "
			    "or entrusted (委托送达)", d->name);
	} else if (in->method != NULL) {
		return zf_fail(zf_archive_err(a), EX_USAGE, "--method is for serve only");
	}
	if ((d->flags & ZF_STEP_APPROVAL) &&
	    (rc = check_approval(a, in->approved_by, d)) != 0)
		return rc;
	if (!(d->flags & ZF_STEP_APPROVAL) && in->approved_by != NULL)
		return zf_fail(zf_archive_err(a), EX_USAGE, "%s (%s) needs no approval; "
		    "--approved-by is for extend, suspend and transfer",
		    d->name, d->chinese);
	if (d->flags & ZF_STEP_DAYS) {
		if (in->days < 1 || in->days > 366)
			return zf_fail(zf_archive_err(a), EX_USAGE, "%s needs --days, "
			    "from 1 to 366", d->name);
	} else if (in->days != 0 || in->rule != NULL) {
		return zf_fail(zf_archive_err(a), EX_USAGE, "--days and --rule are for "
		    "extend only");
	}
	if (in->note != NULL && zf_text_check(in->note, 4000, 1, &why) != 0)
		return zf_fail(zf_archive_err(a), EX_DATAERR, "note %s", why);
	return 0;
}

/* Refuses an extension past what the law allows a deadline in all. */
static int
within_cap(struct zf_archive *a, const char *case_id, const char *rule,
    int days)
{
	static const char sql[] = "SELECT what, extend_max, extended, basis "
	    "FROM deadlines WHERE case_id = ?1 AND (?2 IS NULL OR rule = ?2) "
	    "AND state = 'open' AND extend IS NOT NULL AND extend_max IS NOT "
	    "NULL AND extended + ?3 > extend_max";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	int rc = 0;

	if (st == NULL)
		return zf_archive_err(a)->code;
	zf_db_bind_text(st, 1, case_id);
	zf_db_bind_text(st, 2, rule);
	sqlite3_bind_int(st, 3, days);
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = zf_fail(zf_archive_err(a), EX_NOPERM, "%s may be extended by at most "
		    "%d days in all and has been by %d (%s)", zf_db_text(st, 0),
		    sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
		    zf_db_text(st, 3));
	sqlite3_reset(st);
	return rc;
}

/* 1 when the decision in force grants a licence. */
static int
granted(struct zf_archive *a, const char *case_id)
{
	static const char sql[] = "SELECT 1 FROM decisions d JOIN cases c "
	    "ON c.decision_seq = d.seq WHERE c.id = ? AND d.measures LIKE "
	    "'%\"grant\"%'";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	int rc;

	if (st == NULL)
		return 0;
	zf_db_bind_text(st, 1, case_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW;
}

/* 1 when the case has an extendable open deadline named rule. */
static int
extendable(struct zf_archive *a, const char *case_id, const char *rule)
{
	static const char sql[] = "SELECT 1 FROM deadlines WHERE case_id = ?1 "
	    "AND (?2 IS NULL OR rule = ?2) AND state = 'open' AND extend IS "
	    "NOT NULL";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	int rc;

	if (st == NULL)
		return 0;
	zf_db_bind_text(st, 1, case_id);
	zf_db_bind_text(st, 2, rule);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW;
}

/* The program that takes a step case-step does not. */
static const char *
program_of(const char *step)
{
	if (strcmp(step, "decide") == 0)
		return "decision-issue";
	if (strcmp(step, "revoke") == 0)
		return "decision-revoke";
	/* The publication log is written by the publishing programs only. */
	if (strcmp(step, "publish") == 0)
		return "publish-export";
	if (strcmp(step, "withdraw") == 0)
		return "publish-withdraw (or publish-export, for a revoked "
		    "decision)";
	return step;	/* review-submit, review-decide */
}

int
zf_step_check(struct zf_archive *a, const char *case_id,
    const struct zf_step_input *in)
{
	const struct zf_step_def *d = zf_step_find(in->step);
	struct zf_case_state s;
	struct zf_time t;
	int32_t day;
	int rc;

	if ((rc = zf_case_state(a, case_id, &s)) != 0)
		return rc;
	if (d == NULL) {
		char *allowed = zf_steps_allowed_list(s.kind, s.stage);

		rc = zf_fail(zf_archive_err(a), EX_USAGE, "'%s' is not a step; allowed "
		    "now in %s: %s", in->step, case_id, allowed);
		free(allowed);
		return rc;
	}
	if (d->flags & ZF_STEP_DECISION)
		return zf_fail(zf_archive_err(a), EX_USAGE, "%s (%s) is taken with %s",
		    d->name, d->chinese, program_of(d->name));
	if ((d->flags & ZF_STEP_NOTE) && (in->note == NULL ||
	    in->note[0] == '\0'))
		return zf_fail(zf_archive_err(a), EX_USAGE, "%s (%s) needs --note: the "
		    "reason", d->name, d->chinese);
	if (!zf_step_allowed(d, s.kind, s.stage))
		return not_allowed(a, &s, d);
	if ((rc = step_time(a, &s, in->at, &t, &day)) != 0 ||
	    (rc = may_act(a, case_id, day)) != 0 ||
	    (rc = check_details(a, d, in)) != 0)
		return rc;
	if (in->rule != NULL && !extendable(a, case_id, in->rule))
		return zf_fail(zf_archive_err(a), EX_DATAERR, "%s has no running deadline "
		    "'%s' that can be extended", case_id, in->rule);
	if ((d->flags & ZF_STEP_DAYS) && in->rule == NULL &&
	    !extendable(a, case_id, NULL))
		return zf_fail(zf_archive_err(a), EX_NOPERM, "%s has no running deadline "
		    "that an extension moves", case_id);
	if ((d->flags & ZF_STEP_DAYS) &&
	    (rc = within_cap(a, case_id, in->rule, in->days)) != 0)
		return rc;
	if (strcmp(in->step, "certify") == 0 && !granted(a, case_id))
		return zf_fail(zf_archive_err(a), EX_NOPERM, "%s: the decision in force "
		    "grants no licence, so there is no certificate to issue",
		    case_id);
	/* A transfer is a decision too, and may be a major one. */
	if (strcmp(in->step, "transfer") == 0) {
		static const char *const transfer[] = { "transfer" };

		if ((rc = zf_review_gate(a, case_id, transfer, 1, 0,
		    in->doc)) != 0)
			return rc;
	}
	return zf_clocks_blocking(a, case_id, in->step, day);
}

static void
set_opt(struct zf_json *o, const char *key, const char *value)
{
	if (value != NULL && value[0] != '\0')
		zf_json_set_str(o, key, value);
}

int
zf_step_record(struct zf_archive *a, const char *case_id,
    const struct zf_step_input *in)
{
	const struct zf_step_def *d;
	struct zf_clock_step cs;
	struct zf_case_state s;
	struct zf_json *data, *clocks = NULL;
	struct zf_time t;
	char when[26];
	int32_t day;
	int rc;

	if ((rc = zf_step_check(a, case_id, in)) != 0 ||
	    (rc = zf_case_state(a, case_id, &s)) != 0 ||
	    (rc = step_time(a, &s, in->at, &t, &day)) != 0)
		return rc;
	d = zf_step_find(in->step);
	memset(&cs, 0, sizeof(cs));
	cs.case_id = case_id;
	cs.kind = s.kind;
	cs.step = in->step;
	cs.day = day;
	cs.when = (s.fine_fen > 0 ? ZF_WHEN_FINE : 0) |
	    (s.published ? ZF_WHEN_PUBLISHED : 0);
	cs.extend_days = in->days;
	cs.extend_rule = in->rule;
	if ((rc = zf_clocks_plan(a, &cs, &clocks)) != 0)
		return rc;
	zf_time_format(&t, when);
	data = zf_json_object();
	zf_json_set_str(data, "step", in->step);
	zf_json_set_str(data, "at", when);
	zf_json_set_str(data, "stage", zf_step_target(d, s.stage, s.prior));
	zf_json_set_str(data, "prior", s.stage);
	set_opt(data, "method", in->method);
	set_opt(data, "note", in->note);
	set_opt(data, "doc", in->doc);
	set_opt(data, "approved_by", in->approved_by);
	set_opt(data, "rule", in->rule);
	if (in->days > 0)
		zf_json_set_int(data, "days", in->days);
	if (clocks != NULL)
		zf_json_set(data, "clocks", clocks);
	return zf_journal_append(a, "case.step", case_id, data, NULL);
}

/* Decisions. */

/* Steps the law requires before a kind's decision. */
static const struct {
	unsigned kinds;
	const char *step, *why;
} required_before_decision[] = {
	{ ZF_KIND_PENALTY, "notify", "事先告知 must come first "
	    "(行政处罚法第四十四条、第六十二条)" },
	{ ZF_KIND_COMPULSION, "urge", "催告 must come first "
	    "(行政强制法第三十五条)" },
};

static int
number_taken(struct zf_archive *a, const char *number)
{
	static const char sql[] = "SELECT 1 FROM decisions WHERE number = ?";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	int rc;

	if (st == NULL)
		return 1;
	zf_db_bind_text(st, 1, number);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW;
}

/* The legal-review gate (review.h) for this decision. */
static int
review_gate(struct zf_archive *a, const char *case_id,
    const struct zf_decision_input *in)
{
	int64_t fen = 0;

	if (in->fine != NULL)
		zf_money_parse(in->fine, &fen);
	return zf_review_gate(a, case_id, in->measures, in->nmeasures, fen,
	    in->doc);
}

int
zf_decision_check(struct zf_archive *a, const char *case_id,
    const struct zf_decision_input *in)
{
	const struct zf_step_def *d = zf_step_find("decide");
	struct zf_case_state s;
	struct zf_time t;
	const char *why;
	int32_t day;
	int64_t fen;
	size_t i;
	int rc;

	if ((rc = zf_case_state(a, case_id, &s)) != 0)
		return rc;
	if (zf_archive_person(a) == NULL || zf_archive_person(a)->role != ZF_ROLE_HEAD)
		return zf_fail(zf_archive_err(a), EX_NOPERM, "only the head (负责人) "
		    "issues decisions; '%s' is %s", zf_archive_person(a) ? zf_archive_person(a)->id :
		    "nobody", zf_archive_person(a) ? zf_role_name(zf_archive_person(a)->role) :
		    "acting");
	if (!zf_step_allowed(d, s.kind, s.stage))
		return not_allowed(a, &s, d);
	if (in->outcome == NULL || in->outcome[0] == '\0')
		return zf_fail(zf_archive_err(a), EX_USAGE, "--outcome is required: what "
		    "was decided");
	if (zf_text_check(in->outcome, 4000, 1, &why) != 0)
		return zf_fail(zf_archive_err(a), EX_DATAERR, "outcome %s", why);
	if (in->basis != NULL && zf_text_check(in->basis, 4000, 1, &why) != 0)
		return zf_fail(zf_archive_err(a), EX_DATAERR, "basis %s", why);
	for (i = 0; i < in->nmeasures; i++)
		if (zf_measure_find(in->measures[i]) == NULL)
			return zf_fail(zf_archive_err(a), EX_DATAERR, "measure '%s' is "
			    "not one of warning, criticism, fine, confiscate, "
			    "suspend-licence, lower-grade, revoke-licence, "
			    "restrict, stop-business, close-down, "
			    "restrict-practice, stop-construction, correct, "
			    "demolish, forced-demolition, seal, grant, deny, "
			    "no-penalty, levy, transfer, other (or their "
			    "Chinese names)", in->measures[i]);
	if (in->fine != NULL && zf_money_parse(in->fine, &fen) != 0)
		return zf_fail(zf_archive_err(a), EX_DATAERR, "fine '%s' is not an amount "
		    "of yuan such as 50000 or 1234.5", in->fine);
	if (in->number != NULL && in->number[strspn(in->number, " ")] == '\0')
		return zf_fail(zf_archive_err(a), EX_USAGE, "--number is empty");
	if (in->number != NULL && zf_text_check(in->number, 200, 0, &why) != 0)
		return zf_fail(zf_archive_err(a), EX_DATAERR, "number %s", why);
	if (in->number != NULL && number_taken(a, in->number))
		return zf_fail(zf_archive_err(a), EX_DATAERR, "decision number %s is "
		    "already used", in->number);
	if ((rc = step_time(a, &s, in->at, &t, &day)) != 0)
		return rc;
	for (i = 0; i < sizeof(required_before_decision) /
	    sizeof(required_before_decision[0]); i++)
		if ((required_before_decision[i].kinds & zf_kind_bit(s.kind)) &&
		    !zf_case_has_step(a, case_id, required_before_decision[i].step))
			return zf_fail(zf_archive_err(a), EX_NOPERM, "%s cannot be "
			    "decided yet: %s", case_id,
			    required_before_decision[i].why);
	if ((rc = zf_clocks_blocking(a, case_id, "decide", day)) != 0)
		return rc;
	return review_gate(a, case_id, in);
}

int
zf_decision_issue(struct zf_archive *a, const char *case_id,
    const struct zf_decision_input *in, char **number)
{
	/* Numbered per kind and year, or per year when the 文号 has no kind. */
	static const char sql_kind[] = "SELECT coalesce(max(n), 0) + 1 FROM "
	    "decisions WHERE year = ?1 AND kind = ?2";
	static const char sql_year[] = "SELECT coalesce(max(n), 0) + 1 FROM "
	    "decisions WHERE year = ?1";
	int per_kind;
	const struct zf_case_kind *kind;
	struct zf_json *data, *measures, *clocks = NULL;
	struct zf_clock_step cs;
	struct zf_case_state s;
	struct zf_time t;
	sqlite3_stmt *st;
	int64_t n = 0, fen = 0;
	int year, month, mday, rc, granted = 0;
	char when[26];
	int32_t day;
	size_t i;

	*number = NULL;
	if ((rc = zf_decision_check(a, case_id, in)) != 0 ||
	    (rc = zf_case_state(a, case_id, &s)) != 0 ||
	    (rc = step_time(a, &s, in->at, &t, &day)) != 0)
		return rc;
	kind = zf_case_kind_find(s.kind);
	zf_date_ymd(day, &year, &month, &mday);
	/* Two statements, so that each is answered from an index. */
	per_kind = strstr(zf_archive_config(a)->decision_number, "{kind}") != NULL;
	if ((st = zf_db_stmt(zf_archive_db(a), per_kind ? sql_kind : sql_year,
	    zf_archive_err(a))) == NULL)
		return zf_archive_err(a)->code;
	sqlite3_bind_int(st, 1, year);
	if (per_kind)
		zf_db_bind_text(st, 2, s.kind);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (in->number != NULL) {
		*number = xstrdup(in->number);
		n = 0;	/* a number given by hand takes no place in the count */
	} else {
		/* Skip any number already given by hand. */
		for (;;) {
			*number = zf_config_number(zf_archive_config(a),
			    zf_archive_config(a)->decision_number, kind->letter, year, n);
			if (!number_taken(a, *number))
				break;
			free(*number);
			n++;
		}
	}
	if (in->fine != NULL)
		zf_money_parse(in->fine, &fen);
	measures = zf_json_array();
	if (fen > 0 && zf_measure_find("fine") != NULL) {
		int listed = 0;

		for (i = 0; i < in->nmeasures; i++)
			listed |= strcmp(zf_measure_find(in->measures[i])->name,
			    "fine") == 0;
		if (!listed)
			zf_json_push(measures, zf_json_string("fine"));
	}
	for (i = 0; i < in->nmeasures; i++) {
		const struct zf_measure *m = zf_measure_find(in->measures[i]);

		zf_json_push(measures, zf_json_string(m->name));
		granted |= strcmp(m->name, "grant") == 0;
	}
	memset(&cs, 0, sizeof(cs));
	cs.case_id = case_id;
	cs.kind = s.kind;
	cs.step = "decide";
	cs.day = day;
	cs.when = (in->party_absent ? ZF_WHEN_PARTY_ABSENT : 0) |
	    (fen > 0 ? ZF_WHEN_FINE : 0) | (granted ? ZF_WHEN_GRANTED : 0) |
	    (s.published ? ZF_WHEN_PUBLISHED : 0);
	if ((rc = zf_clocks_plan(a, &cs, &clocks)) != 0) {
		zf_json_free(measures);
		goto fail;
	}
	zf_time_format(&t, when);
	data = zf_json_object();
	zf_json_set_str(data, "number", *number);
	zf_json_set_int(data, "year", year);
	zf_json_set_int(data, "n", n);
	zf_json_set_str(data, "outcome", in->outcome);
	zf_json_set(data, "measures", measures);
	if (fen > 0)
		zf_json_set_int(data, "fine_fen", fen);
	set_opt(data, "doc", in->doc);
	zf_json_set_str(data, "at", when);
	zf_json_set_bool(data, "party_absent", in->party_absent);
	set_opt(data, "basis", in->basis);
	zf_json_set_str(data, "stage", "decided");
	zf_json_set_str(data, "prior", s.stage);
	if (clocks != NULL)
		zf_json_set(data, "clocks", clocks);
	if ((rc = zf_journal_append(a, "decision.issued", case_id, data,
	    NULL)) != 0)
		goto fail;
	return 0;
fail:
	free(*number);
	*number = NULL;
	return rc;
}

static const char *const revoke_kinds[] = { "revoked", "illegal", "remade",
	NULL };

int
zf_decision_revoke_check(struct zf_archive *a, const char *case_id,
    const char *kind, const char *reason)
{
	const struct zf_step_def *d = zf_step_find("revoke");
	struct zf_case_state s;
	const char *why;
	size_t i;
	int rc;

	if ((rc = zf_case_state(a, case_id, &s)) != 0)
		return rc;
	if (zf_archive_person(a) == NULL || zf_archive_person(a)->role != ZF_ROLE_HEAD)
		return zf_fail(zf_archive_err(a), EX_NOPERM, "only the head (负责人) "
		    "revokes decisions");
	if (s.decision_seq == 0)
		return zf_fail(zf_archive_err(a), EX_NOPERM, "%s has no decision in "
		    "force to revoke", case_id);
	if (!zf_step_allowed(d, s.kind, s.stage))
		return not_allowed(a, &s, d);
	for (i = 0; revoke_kinds[i] != NULL; i++)
		if (strcmp(kind, revoke_kinds[i]) == 0)
			break;
	if (revoke_kinds[i] == NULL)
		return zf_fail(zf_archive_err(a), EX_USAGE, "--kind '%s' is not revoked "
		    "(撤销), illegal (确认违法) or remade (责令重作)", kind);
	if (reason == NULL || reason[0] == '\0')
		return zf_fail(zf_archive_err(a), EX_USAGE, "--reason is required");
	if (zf_text_check(reason, 4000, 1, &why) != 0)
		return zf_fail(zf_archive_err(a), EX_DATAERR, "reason %s", why);
	return 0;
}

int
zf_decision_revoke(struct zf_archive *a, const char *case_id,
    const char *kind, const char *reason)
{
	struct zf_clock_step cs;
	struct zf_case_state s;
	struct zf_json *data, *clocks = NULL;
	char when[26];
	int rc;

	if ((rc = zf_decision_revoke_check(a, case_id, kind, reason)) != 0 ||
	    (rc = zf_case_state(a, case_id, &s)) != 0)
		return rc;
	memset(&cs, 0, sizeof(cs));
	cs.case_id = case_id;
	cs.kind = s.kind;
	cs.step = "revoke";
	cs.day = zf_archive_today(a);
	cs.when = s.published ? ZF_WHEN_PUBLISHED : 0;
	if ((rc = zf_clocks_plan(a, &cs, &clocks)) != 0)
		return rc;
	zf_time_format(zf_archive_now(a), when);
	data = zf_json_object();
	zf_json_set_int(data, "decision", s.decision_seq);
	zf_json_set_str(data, "kind", kind);
	zf_json_set_str(data, "reason", reason);
	zf_json_set_str(data, "at", when);
	/* A decision to be remade sends the case back to be handled again. */
	zf_json_set_str(data, "stage", strcmp(kind, "remade") == 0 ?
	    "investigating" : "revoked");
	zf_json_set_str(data, "prior", s.stage);
	if (clocks != NULL)
		zf_json_set(data, "clocks", clocks);
	return zf_journal_append(a, "decision.revoked", case_id, data, NULL);
}
