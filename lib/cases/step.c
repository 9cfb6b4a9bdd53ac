/* step: procedural steps, checked and journaled. */
#include "cases/step.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "record/archive.h"
#include "cases/case.h"
#include "record/db.h"
#include "cases/deadline.h"
#include "cases/evidence.h"
#include "record/journal.h"
#include "base/json.h"
#include "rules/procedure.h"
#include "cases/require.h"
#include "cases/review.h"
#include "base/text.h"
#include "cases/may.h"
#include "rules/permissions.h"
#include "base/i18n.h"

/*
 * The table's answer: a recusal is declared by whoever it bars; the
 * transfer package of an archived file is the archives' work.
 */
static int
may_act(struct zf_archive *a, const char *case_id,
    const struct zf_step_input *in, int32_t day)
{
	const char *step = in->step;

	return zf_case_may(a, case_id, strcmp(step, "recuse") == 0 ?
	    ZF_ACT_RECUSE : strcmp(step, "reassign") == 0 ? ZF_ACT_REASSIGN :
	    in->out != NULL ? ZF_ACT_ARCHIVE : ZF_ACT_STEP, day);
}

/* Why the head approves the steps the procedure table marks. */
static const char *
approval_basis(const char *step)
{
	if (strcmp(step, "extend") == 0)
		return "行政处罚法第六十条; 行政许可法第四十二条; "
		    "行政强制法第二十五条";
	if (strcmp(step, "transfer") == 0 ||
	    strncmp(step, "transfer-", 9) == 0)
		return "行政执法机关移送涉嫌犯罪案件的规定第五条";
	return "负责人批准";
}

static int
check_approval(struct zf_archive *a, const char *approved_by,
    const struct zf_step_def *d, const char *basis)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_person *p;

	if (basis == NULL)
		basis = approval_basis(d->name);
	if (zf_archive_person(a)->role == ZF_ROLE_HEAD && approved_by == NULL)
		return 0;
	if (approved_by == NULL)
		return zf_fail(e, EX_NOPERM, "%s (%s) needs the head's "
		    "approval: give --approved-by HEAD, or let the head take "
		    "it (%s)", d->name, d->chinese, basis);
	p = zf_config_person(zf_archive_config(a), approved_by);
	if (p == NULL || p->role != ZF_ROLE_HEAD)
		return zf_fail(e, EX_NOPERM, "'%s' is not the head "
		    "(负责人): only the head approves %s (%s; %s)",
		    approved_by, d->name, d->chinese, basis);
	return 0;
}

/* A step's own needs: method, approval, days, the rule it extends. */
static int
check_details(struct zf_archive *a, const struct zf_step_def *d,
    const struct zf_step_input *in, int approval, const char *basis)
{
	struct zf_err *e = zf_archive_err(a);
	const char *why;
	size_t i;
	int rc;

	if (d->flags & ZF_STEP_METHOD) {
		for (i = 0; in->method && zf_serve_methods[i] != NULL; i++)
			if (strcmp(in->method, zf_serve_methods[i]) == 0)
				break;
		if (in->method == NULL || zf_serve_methods[i] == NULL)
			return zf_fail(e, in->method == NULL ? EX_USAGE :
			    EX_DATAERR, "%s needs --method: "
			    "direct (直接送达), residence (留置送达), post "
			    "(邮寄送达), electronic (电子送达), notice "
			    "(公告送达) or entrusted (委托送达)", d->name);
	} else if (in->method != NULL) {
		return zf_fail(e, EX_USAGE, "--method is for serve only");
	}
	if (approval && (rc = check_approval(a, in->approved_by, d,
	    basis)) != 0)
		return rc;
	if (!approval && in->approved_by != NULL)
		return zf_fail(e, EX_USAGE, "%s (%s) needs no approval; "
		    "--approved-by is for the steps the head approves (see "
		    "case-step(1))", d->name, d->chinese);
	if (d->flags & ZF_STEP_DAYS) {
		if (in->days < 1 || in->days > 366)
			return zf_fail(e, EX_USAGE, "%s needs --days, "
			    "from 1 to 366", d->name);
	} else if (in->days != 0 || in->rule != NULL) {
		return zf_fail(e, EX_USAGE, "--days and --rule are for "
		    "extend only");
	}
	if (in->note != NULL && zf_text_check(in->note, 4000, 1, &why) != 0)
		return zf_fail(e, EX_DATAERR, "note %s", why);
	if (strcmp(d->name, "archive") != 0 && in->out != NULL)
		return zf_fail(e, EX_USAGE, "--out is for archive only");
	if (strcmp(d->name, "reassign") != 0 &&
	    (in->officer != NULL || in->replaces != NULL))
		return zf_fail(e, EX_USAGE, "--officer and --replaces are for "
		    "reassign only");
	return 0;
}

/*
 * A hearing is presided by someone who did not investigate the case
 * (行政处罚法第六十四条第四项; a licence's, not its examiner: 行政许可法
 * 第四十八条第一款第三项), and has its written record, 听证笔录 (第六十四条
 * 第八项; 第四十八条第一款第五项): given with --doc, or stored before with
 * --stage.
 */
static int
check_hearing(struct zf_archive *a, const char *case_id, const char *kind,
    const struct zf_step_def *d, const struct zf_step_input *in)
{
	struct zf_err *e = zf_archive_err(a);
	int licence = strcmp(kind, "licensing") == 0;
	const char *presides = licence ? "行政许可法第四十八条第一款第三项" :
	    "行政处罚法第六十四条第四项";
	const char *record = licence ? "行政许可法第四十八条第一款第五项" :
	    "行政处罚法第六十四条第八项";
	const struct zf_person *p;
	int rc;

	if (!(d->flags & ZF_STEP_PRESIDED) && in->presided_by != NULL)
		return zf_fail(e, EX_USAGE, "--presided-by is for hearing "
		    "only");
	if (d->flags & ZF_STEP_PRESIDED) {
		if (in->presided_by == NULL)
			return zf_fail(e, EX_USAGE, "%s needs --presided-by "
			    "PERSON: who presided (%s)", d->name, presides);
		if ((p = zf_config_person(zf_archive_config(a),
		    in->presided_by)) == NULL)
			return zf_fail(e, EX_DATAERR, "'%s' is not a person in "
			    "the configuration in force", in->presided_by);
		if ((rc = zf_case_has_officer(a, case_id, p->id)) != 0)
			return rc < 0 ? e->code : zf_fail(e, EX_NOPERM,
			    "'%s' (%s) %s %s and may not preside over its "
			    "hearing (%s)", p->id, p->name, licence ?
			    _("examined") : _("investigated"), case_id,
			    presides);
	}
	if ((d->flags & ZF_STEP_RECORD) && in->doc_file == NULL &&
	    in->doc == NULL) {
		if ((rc = zf_case_found(a, "SELECT 1 FROM evidence WHERE "
		    "case_id = ? AND stage = ?", case_id, d->name)) < 0)
			return e->code;
		if (rc == 0)
			return zf_fail(e, EX_NOPERM, "%s (%s) needs its "
			    "written record (笔录, %s): give --doc FILE, or "
			    "store it first with evidence-add --stage %s",
			    d->name, d->chinese, record, d->name);
	}
	return 0;
}

/* The officer who takes over is certified for the case's field. */
static int
field_ok(struct zf_archive *a, const char *case_id, const struct zf_person *p)
{
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), "SELECT field FROM "
	    "cases WHERE id = ?", e);
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	if ((rc = zf_db_row(zf_archive_db(a), st, e, "cannot read the case"))
	    == 1 && !zf_person_has_field(p, zf_db_text(st, 0)))
		rc = zf_fail(e, EX_NOPERM, "'%s' (%s) is not certified for the "
		    "field %s and cannot take the case over "
		    "(行政处罚法第四十二条; fields: in zhifa.yaml)", p->id,
		    p->name, zf_db_text(st, 0));
	else
		rc = rc < 0 ? e->code : 0;
	sqlite3_reset(st);
	return rc;
}

/*
 * reassign: the officer who takes over holds a certificate valid that
 * day, is not already on the case and is not in conflict with its party;
 * the one who leaves is on it.
 */
static int
check_reassign(struct zf_archive *a, const char *case_id,
    const struct zf_step_input *in, int32_t day)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_person *p;
	const char *c = NULL;
	char d[11];
	int rc;

	if (in->officer == NULL || in->replaces == NULL)
		return zf_fail(e, EX_USAGE, "reassign needs --officer PERSON "
		    "(who takes over) and --replaces PERSON (who leaves)");
	if ((rc = zf_case_has_officer(a, case_id, in->replaces)) <= 0)
		return rc < 0 ? e->code : zf_fail(e, EX_DATAERR, "'%s' is not "
		    "an officer of %s", in->replaces, case_id);
	if ((rc = zf_case_has_officer(a, case_id, in->officer)) != 0)
		return rc < 0 ? e->code : zf_fail(e, EX_DATAERR, "'%s' is an "
		    "officer of %s already", in->officer, case_id);
	if ((p = zf_config_person(zf_archive_config(a), in->officer)) ==
	    NULL)
		return zf_fail(e, EX_DATAERR, "'%s' is not a person in the "
		    "configuration in force", in->officer);
	zf_date_format(day, d);
	if ((p->role != ZF_ROLE_OFFICER && p->role != ZF_ROLE_HEAD) ||
	    !zf_person_cert_valid(p, day))
		return zf_fail(e, EX_NOPERM, "'%s' (%s) holds no enforcement "
		    "certificate valid on %s and cannot take the case over "
		    "(行政处罚法第四十二条)", p->id, p->name, d);
	if ((rc = field_ok(a, case_id, p)) != 0)
		return rc;
	if ((rc = zf_case_party_conflict(a, case_id, p, &c, NULL)) != 0)
		return rc;
	if (c != NULL)
		return zf_fail(e, EX_NOPERM, "'%s' (%s) is in recusal (回避) "
		    "for the party of %s ('%s' in zhifa.yaml)", p->id, p->name,
		    case_id, c);
	return 0;
}

/* An open deadline an extension would move. */
struct extendable_row {
	char *what, *basis, *rule;
	int32_t due;
	int extended, extend_max;	/* extend_max 0: no cap */
};

/*
 * Refuses an extension the law does not allow, checked over the open
 * deadlines it would move (rule, or every extendable one), each check
 * over all of them before the next: one that ran out already (an
 * extension is decided within the period); one past what the law allows
 * in all; one past what the head approves alone, without the heads'
 * collective discussion (集体讨论) recorded after the last extension.
 */
static int
check_extension(struct zf_archive *a, const char *case_id, const char *rule,
    int days, int32_t day)
{
	struct zf_err *e = zf_archive_err(a);
	static const char sql[] = "SELECT what, due, basis, rule, extended, "
	    "coalesce(extend_max, 0) FROM deadlines WHERE case_id = ?1 AND "
	    "(?2 IS NULL OR rule = ?2) AND state = 'open' AND extend IS NOT "
	    "NULL ORDER BY due";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	struct extendable_row *row = NULL;
	const struct zf_rule *r;
	size_t n = 0, i;
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	zf_db_bind_text(st, 2, rule);
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read deadlines")) == 1) {
		row = xrealloc(row, (n + 1) * sizeof(*row));
		row[n].what = xstrdup(zf_db_text(st, 0));
		if (zf_date_parse(zf_db_text(st, 1), &row[n].due) != 0)
			row[n].due = INT32_MAX;
		row[n].basis = xstrdup(zf_db_text(st, 2));
		row[n].rule = xstrdup(zf_db_text(st, 3));
		row[n].extended = sqlite3_column_int(st, 4);
		row[n].extend_max = sqlite3_column_int(st, 5);
		n++;
	}
	rc = rc < 0 ? e->code : 0;
	for (i = 0; rc == 0 && i < n; i++)
		if (day > row[i].due) {
			char due[11];

			zf_date_format(row[i].due, due);
			rc = zf_fail(e, EX_NOPERM, "%s ran out on %s and can "
			    "no longer be extended: an extension is decided "
			    "within the period (%s)", row[i].what, due,
			    row[i].basis);
		}
	for (i = 0; rc == 0 && i < n; i++)
		if (row[i].extend_max > 0 &&
		    row[i].extended + days > row[i].extend_max)
			rc = zf_fail(e, EX_NOPERM, "%s may be extended by at "
			    "most %d days in all and has been by %d (%s)",
			    row[i].what, row[i].extend_max, row[i].extended,
			    row[i].basis);
	for (i = 0; rc == 0 && i < n; i++) {
		r = zf_config_rule(zf_archive_config(a), row[i].rule);
		if (r == NULL || r->extend_head_max <= 0 ||
		    row[i].extended + days <= r->extend_head_max)
			continue;
		rc = zf_case_found(a, "SELECT 1 FROM steps WHERE case_id = ?1 "
		    "AND step = ?2 AND seq > coalesce((SELECT max(seq) FROM "
		    "steps WHERE case_id = ?1 AND step = 'extend'), 0)",
		    case_id, "discuss");
		if (rc < 0)
			rc = e->code;
		else if (rc == 0)
			rc = zf_fail(e, EX_NOPERM, "%s may be extended by the "
			    "head's approval alone by %d days in all; a "
			    "further extension needs the heads' collective "
			    "discussion "
			    "(集体讨论: case-step %s discuss) after the last "
			    "extension (%s)", row[i].what, r->extend_head_max,
			    case_id, row[i].basis);
		else
			rc = 0;
		/* The first that needs it decides, as for the others. */
		break;
	}
	for (i = 0; i < n; i++) {
		free(row[i].what);
		free(row[i].basis);
		free(row[i].rule);
	}
	free(row);
	return rc;
}

/* 1 when the decision in force grants a licence. */
static int
granted(struct zf_archive *a, const char *case_id)
{
	return zf_case_found(a, "SELECT 1 FROM decisions d JOIN cases c "
	    "ON c.decision_seq = d.seq WHERE c.id = ? AND d.measures LIKE "
	    "'%\"grant\"%'", case_id, NULL);
}

/* 1 when the case has an extendable open deadline named rule. */
static int
extendable(struct zf_archive *a, const char *case_id, const char *rule)
{
	return zf_case_found(a, "SELECT 1 FROM deadlines WHERE case_id = ?1 "
	    "AND (?2 IS NULL OR rule = ?2) AND state = 'open' AND extend IS "
	    "NOT NULL", case_id, rule);
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

/*
 * Checks a step without writing (its document is not needed yet).
 * The document, once recorded, is left out of the review gate's
 * materials.
 */
int
zf_step_check(struct zf_archive *a, const char *case_id,
    const struct zf_step_input *in)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_step_def *d = zf_step_find(in->step);
	struct zf_require_step req;
	struct zf_case_state s;
	struct zf_time t;
	const char *basis = NULL;
	char *measures = NULL;
	int32_t day;
	int rc;

	if ((rc = zf_case_state(a, case_id, &s)) != 0)
		return rc;
	if (d == NULL) {
		char *allowed = zf_steps_allowed_list(s.kind, s.stage);

		rc = zf_fail(e, EX_USAGE, "'%s' is not a step; allowed "
		    "now in %s: %s", in->step, case_id, allowed);
		free(allowed);
		return rc;
	}
	if (d->flags & ZF_STEP_DECISION)
		return zf_fail(e, EX_USAGE, "%s (%s) is taken with %s",
		    d->name, d->chinese, program_of(d->name));
	if ((d->flags & ZF_STEP_NOTE) && (in->note == NULL ||
	    in->note[0] == '\0'))
		return zf_fail(e, EX_USAGE, "%s (%s) needs --note: the "
		    "reason", d->name, d->chinese);
	if (!zf_step_allowed(d, s.kind, s.stage))
		return zf_case_refuse_step(a, &s, d);
	if ((rc = zf_case_step_time(a, &s, in->at, &t, &day)) != 0 ||
	    (rc = may_act(a, case_id, in, day)) != 0 ||
	    (rc = zf_require_measures(a, case_id, &measures)) != 0)
		return rc;
	req.step = d->name;
	req.kind = s.kind;
	req.measures = measures;
	req.method = in->method;
	req.doc = in->doc != NULL || in->doc_file != NULL;
	if (zf_require_approval(a, &req, &basis))
		rc = check_details(a, d, in, 1, basis);
	else
		rc = check_details(a, d, in, (d->flags & ZF_STEP_APPROVAL) != 0,
		    NULL);
	if (rc == 0)
		rc = zf_require_check(a, case_id, &req);
	free(measures);
	if (rc != 0)
		return rc;
	if (strcmp(d->name, "reassign") == 0 &&
	    (rc = check_reassign(a, case_id, in, day)) != 0)
		return rc;
	if ((rc = check_hearing(a, case_id, s.kind, d, in)) != 0)
		return rc;
	if ((in->rule != NULL || (d->flags & ZF_STEP_DAYS)) &&
	    (rc = extendable(a, case_id, in->rule)) < 0)
		return e->code;
	if (in->rule != NULL && rc == 0)
		return zf_fail(e, EX_DATAERR, "%s has no running deadline "
		    "'%s' that can be extended", case_id, in->rule);
	if ((d->flags & ZF_STEP_DAYS) && in->rule == NULL && rc == 0)
		return zf_fail(e, EX_NOPERM, "%s has no running deadline "
		    "that an extension moves", case_id);
	if ((d->flags & ZF_STEP_DAYS) &&
	    (rc = check_extension(a, case_id, in->rule, in->days, day)) != 0)
		return rc;
	if (strcmp(in->step, "certify") == 0 &&
	    (rc = granted(a, case_id)) <= 0)
		return rc < 0 ? e->code : zf_fail(e, EX_NOPERM, "%s: the "
		    "decision in force grants no licence, so there is no "
		    "certificate to issue", case_id);
	/* A transfer is a decision too, and may be a major one. */
	if (strcmp(in->step, "transfer") == 0) {
		static const char *const transfer[] = { "transfer" };

		if ((rc = zf_review_gate(a, case_id, transfer, 1, 0, 0,
		    in->doc)) != 0)
			return rc;
	}
	return zf_clocks_gate(a, case_id, in->step, day);
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
	char when[26], *measures = NULL;
	int32_t day;
	size_t i;
	int rc;

	if ((rc = zf_step_check(a, case_id, in)) != 0 ||
	    (rc = zf_case_state(a, case_id, &s)) != 0 ||
	    (rc = zf_case_step_time(a, &s, in->at, &t, &day)) != 0)
		return rc;
	if ((rc = zf_require_measures(a, case_id, &measures)) != 0)
		return rc;
	d = zf_step_find(in->step);
	memset(&cs, 0, sizeof(cs));
	cs.case_id = case_id;
	cs.kind = s.kind;
	cs.step = in->step;
	cs.day = day;
	cs.at = &t;
	cs.measures = measures;
	cs.when = (s.fine_fen > 0 ? ZF_WHEN_FINE : 0) |
	    (s.published ? ZF_WHEN_PUBLISHED : 0);
	cs.extend_days = in->days;
	cs.extend_rule = in->rule;
	rc = zf_clocks_plan(a, &cs, &clocks);
	free(measures);
	if (rc != 0)
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
	set_opt(data, "officer", in->officer);
	set_opt(data, "replaces", in->replaces);
	set_opt(data, "presided_by", in->presided_by);
	if (in->days > 0)
		zf_json_set_int(data, "days", in->days);
	if (clocks != NULL)
		zf_json_set(data, "clocks", clocks);
	for (i = 0; in->extra != NULL && i < zf_json_len(in->extra); i++)
		zf_json_set(data, zf_json_key_at(in->extra, i),
		    zf_json_copy(zf_json_value_at(in->extra, i)));
	return zf_journal_append(a, "case.step", case_id, data, NULL);
}

/* Records the step with the document just stored, if any. */
static int
record_with_doc(struct zf_archive *a, const char *case_id,
    const char *doc_id, void *arg)
{
	struct zf_step_input *one = arg;

	if (doc_id != NULL)
		one->doc = doc_id;
	return zf_step_record(a, case_id, one);
}

int
zf_step_take(struct zf_archive *a, const char *case_id,
    const struct zf_step_input *in)
{
	struct zf_evidence_doc doc = { .file = in->doc_file,
	    .stage = in->step };
	struct zf_step_input one = *in;
	int rc;

	if ((rc = zf_step_check(a, case_id, in)) == 0)
		rc = zf_evidence_doc_act(a, case_id, &doc, record_with_doc,
		    &one);
	zf_evidence_doc_release(&doc);
	return rc;
}
