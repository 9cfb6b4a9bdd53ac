/* review: the catalog, review rounds, opinions and the decision gate. */
#include "cases/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "base/buf.h"
#include "cases/case.h"
#include "cases/may.h"
#include "record/db.h"
#include "cases/deadline.h"
#include "cases/evidence.h"
#include "record/journal.h"
#include "base/json.h"
#include "base/money.h"
#include "rules/procedure.h"
#include "base/text.h"

const struct zf_review_point_def zf_review_points[] = {
	{ "subject", "执法主体是否合法", "执法主体" },
	{ "officers", "执法人员是否具备执法资格", "执法人员" },
	{ "procedure", "执法程序是否合法", "执法程序" },
	{ "facts", "案件事实是否清楚", "案件事实" },
	{ "evidence", "证据是否合法充分", "证据" },
	{ "law", "适用法律、法规、规章是否准确", "适用法律" },
	{ "discretion", "裁量基准运用是否适当", "裁量基准" },
	{ "authority", "是否超越法定权限", "法定权限" },
	{ "documents", "执法文书是否完备、规范", "执法文书" },
	{ "transfer", "违法行为是否涉嫌犯罪需要移送", "移送" },
};

/* 1 when the n bytes at s name point p, in any of its three names. */
static int
names_point(const char *s, size_t n, const struct zf_review_point_def *p)
{
	return (strlen(p->name) == n && strncmp(s, p->name, n) == 0) ||
	    (strlen(p->chinese) == n && strncmp(s, p->chinese, n) == 0) ||
	    (strlen(p->word) == n && strncmp(s, p->word, n) == 0);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* What the catalog looks at beyond the proposal. */
struct facts {
	char kind[16], party_kind[16], conduct[16];
	char *field;		/* 执法领域, or NULL */
	char *manual;		/* reason it was marked major, or NULL */
	int hearing;
};

static int
load_facts(struct zf_archive *a, const char *case_id, struct facts *f)
{
	static const char sql[] = "SELECT kind, party_kind, conduct, "
	    "major_manual, field FROM cases WHERE id = ?";
	sqlite3_stmt *st;
	int rc;

	memset(f, 0, sizeof(*f));
	if ((rc = zf_case_row(a, sql, case_id, &st)) != 0)
		return rc;
	snprintf(f->kind, sizeof(f->kind), "%s", col(st, 0));
	snprintf(f->party_kind, sizeof(f->party_kind), "%s", col(st, 1));
	snprintf(f->conduct, sizeof(f->conduct), "%s", col(st, 2) ? col(st,
	    2) : "");
	f->manual = col(st, 3) ? xstrdup(col(st, 3)) : NULL;
	f->field = col(st, 4) ? xstrdup(col(st, 4)) : NULL;
	sqlite3_reset(st);
	f->hearing = zf_case_has_step(a, case_id, "hearing");
	return 0;
}

static int
listed(char *const *list, const char *word)
{
	size_t i;

	for (i = 0; list != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], word) == 0)
			return 1;
	return 0;
}

/* Appends the reason a rule matches, or returns 0 when it does not. */
static int
rule_matches(const struct zf_archive *a, const struct zf_major_rule *r,
    const struct facts *f, const char *const *measures, size_t n,
    int64_t fine, int64_t conf, struct zf_buf *why)
{
	const char *conduct = r->conduct == ZF_CONDUCT_BUSINESS ? "business" :
	    r->conduct == ZF_CONDUCT_NON_BUSINESS ? "non-business" : NULL;
	const struct zf_measure *hit = NULL;
	size_t i;

	if (!(r->kinds & zf_kind_bit(f->kind)))
		return 0;
	if (r->parties[0] != NULL && !listed(r->parties, f->party_kind))
		return 0;
	if (conduct != NULL && strcmp(conduct, f->conduct) != 0)
		return 0;
	if (r->fine_fen >= 0 && !(r->inclusive ? fine >= r->fine_fen :
	    fine > r->fine_fen))
		return 0;
	if (r->measures[0] != NULL) {
		/* By the measure's name, however it was typed (限期拆除). */
		for (i = 0; i < n && hit == NULL; i++) {
			const struct zf_measure *m = zf_measure_find(
			    measures[i]);

			if (m != NULL && listed(r->measures, m->name))
				hit = m;
		}
		if (hit == NULL)
			return 0;
	}
	if (r->hearing && !f->hearing)
		return 0;
	if (r->fields[0] != NULL && (f->field == NULL ||
	    !listed(r->fields, f->field)))
		return 0;
	if (r->levels[0] != NULL && !listed(r->levels,
	    zf_archive_config(a)->agency_level))
		return 0;
	if (r->confiscated_fen >= 0 && !(r->inclusive ?
	    conf >= r->confiscated_fen : conf > r->confiscated_fen))
		return 0;
	zf_buf_addstr(why, r->reason);
	if (r->fine_fen >= 0) {
		char have[24], limit[24];

		zf_money_format(fine, have);
		zf_money_format(r->fine_fen, limit);
		zf_buf_printf(why, "：罚款 %s 元，%s %s 元%s", have,
		    r->inclusive ? "不低于" : "高于", limit,
		    r->inclusive ? "（含本数）" : "");
	} else if (r->confiscated_fen >= 0) {
		char have[24], limit[24];

		zf_money_format(conf, have);
		zf_money_format(r->confiscated_fen, limit);
		zf_buf_printf(why, "：没收 %s 元，%s %s 元%s", have,
		    r->inclusive ? "不低于" : "高于", limit,
		    r->inclusive ? "（含本数）" : "");
	} else if (hit != NULL) {
		zf_buf_printf(why, "：%s", hit->chinese);
	}
	return 1;
}

int
zf_review_verdict(struct zf_archive *a, const char *case_id,
    const char *const *measures, size_t nmeasures, int64_t fine_fen,
    int64_t confiscated_fen, struct zf_json **reasons)
{
	struct zf_buf why;
	struct facts f;
	size_t i;
	int rc;

	*reasons = NULL;
	if ((rc = load_facts(a, case_id, &f)) != 0)
		return rc;
	*reasons = zf_json_array();
	zf_buf_init(&why);
	for (i = 0; i < zf_archive_config(a)->ncatalog; i++) {
		zf_buf_reset(&why);
		if (rule_matches(a, &zf_archive_config(a)->catalog[i], &f,
		    measures, nmeasures, fine_fen, confiscated_fen, &why))
			zf_json_push(*reasons, zf_json_string(why.data));
	}
	if (f.manual != NULL) {
		zf_buf_reset(&why);
		zf_buf_printf(&why, "认定为重大执法决定：%s", f.manual);
		zf_json_push(*reasons, zf_json_string(why.data));
	}
	zf_buf_release(&why);
	free(f.manual);
	free(f.field);
	return 0;
}

/* The proposal as compared: measures by name, sorted, and the fine. */
static struct zf_json *
proposal(const char *const *measures, size_t n, int64_t fine_fen,
    int64_t confiscated_fen)
{
	const char *names[ZF_REVIEW_MAX_MEASURES + 2];
	struct zf_json *p = zf_json_object(), *list = zf_json_array();
	size_t i, j, count = 0;

	if (fine_fen > 0)
		names[count++] = "fine";
	/* n <= ZF_REVIEW_MAX_MEASURES: every measure is kept, and the fine. */
	for (i = 0; i < n && i < ZF_REVIEW_MAX_MEASURES; i++) {
		const struct zf_measure *m = zf_measure_find(measures[i]);
		const char *name = m ? m->name : measures[i];

		for (j = 0; j < count; j++)
			if (strcmp(names[j], name) == 0)
				break;
		if (j == count)
			names[count++] = name;
	}
	/* Insertion sort: a handful of names. */
	for (i = 1; i < count; i++)
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];

			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (i = 0; i < count; i++)
		zf_json_push(list, zf_json_string(names[i]));
	zf_json_set(p, "measures", list);
	zf_json_set_int(p, "fine_fen", fine_fen > 0 ? fine_fen : 0);
	if (confiscated_fen > 0)
		zf_json_set_int(p, "confiscated_fen", confiscated_fen);
	return p;
}

/*
 * The digest of the case's materials: every evidence item's digest, in
 * order, less the documents that come after the review (its opinions,
 * decisions, and the records of later steps) and less exclude.
 */
static int
materials(struct zf_archive *a, const char *case_id, const char *exclude,
    char hex[ZF_DIGEST_HEX])
{
	static const char sql[] = "SELECT digest FROM evidence WHERE "
	    "case_id = ?1 AND id != coalesce(?2, '') "
	    "AND id NOT IN (SELECT doc FROM decisions WHERE case_id = ?1 "
	    "AND doc IS NOT NULL) AND id NOT IN (SELECT opinion_doc FROM "
	    "reviews WHERE case_id = ?1 AND opinion_doc IS NOT NULL) "
	    "AND id NOT IN (SELECT doc FROM steps WHERE case_id = ?1 AND "
	    "doc IS NOT NULL AND step IN ('discuss', 'serve', 'execute', "
	    "'publish', 'withdraw', 'close', 'archive', 'certify')) "
	    "ORDER BY digest";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	uint8_t digest[ZF_DIGEST_LEN];
	struct zf_buf b;
	int rc;

	if (st == NULL)
		return zf_archive_err(a)->code;
	zf_buf_init(&b);
	zf_db_bind_text(st, 1, case_id);
	zf_db_bind_text(st, 2, exclude);
	while ((rc = zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read evidence")) == 1)
		zf_buf_printf(&b, "%s\n", col(st, 0));
	if (rc < 0) {
		zf_buf_release(&b);
		return zf_archive_err(a)->code;
	}
	zf_digest_buf(zf_archive_suite(a), b.data, b.len, digest);
	zf_hex(digest, ZF_DIGEST_LEN, hex);
	zf_buf_release(&b);
	return 0;
}

/*
 * The statement or draft of the previous round (column "statement" or
 * "draft" of reviews), or NULL: a later round may reuse them.
 */
static char *
previous_round_doc(struct zf_archive *a, const char *case_id, const char *stage)
{
	struct zf_err *e = zf_archive_err(a);
	static const char sql_statement[] = "SELECT statement FROM reviews "
	    "WHERE case_id = ? ORDER BY round DESC LIMIT 1";
	static const char sql_draft[] = "SELECT draft FROM reviews "
	    "WHERE case_id = ? ORDER BY round DESC LIMIT 1";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), strcmp(stage,
	    "review-statement") == 0 ? sql_statement : sql_draft, e);
	char *id = NULL;

	if (st == NULL)
		return NULL;
	zf_db_bind_text(st, 1, case_id);
	if (zf_db_row(zf_archive_db(a), st, e, "cannot read reviews") == 1 &&
	    col(st, 0) != NULL)
		id = xstrdup(col(st, 0));
	sqlite3_reset(st);
	return id;
}

static int
count_evidence(struct zf_archive *a, const char *case_id)
{
	static const char sql[] = "SELECT count(*) FROM evidence WHERE "
	    "case_id = ? AND coalesce(stage, '') NOT IN ('review-statement', "
	    "'review-draft', 'review-opinion', 'decide')";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	int n = 0;

	if (st == NULL)
		return -1;
	zf_db_bind_text(st, 1, case_id);
	if ((n = zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read evidence")) == 1)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

struct round {
	int n;
	char status[16];
	int64_t decided_seq;
	char *materials, *proposal, *reasons;
};

static int
latest_round(struct zf_archive *a, const char *case_id, struct round *r)
{
	static const char sql[] = "SELECT round, status, "
	    "coalesce(decided_seq, 0), materials, proposal, reasons FROM "
	    "reviews WHERE case_id = ? ORDER BY round DESC LIMIT 1";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));

	memset(r, 0, sizeof(*r));
	if (st == NULL)
		return zf_archive_err(a)->code;
	zf_db_bind_text(st, 1, case_id);
	switch (zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read reviews")) {
	case -1:
		return zf_archive_err(a)->code;
	case 1:
		r->n = sqlite3_column_int(st, 0);
		snprintf(r->status, sizeof(r->status), "%s", col(st, 1));
		r->decided_seq = sqlite3_column_int64(st, 2);
		r->materials = xstrdup(col(st, 3));
		r->proposal = xstrdup(col(st, 4));
		r->reasons = xstrdup(col(st, 5));
		break;
	}
	sqlite3_reset(st);
	return 0;
}

static void
round_release(struct round *r)
{
	free(r->materials);
	free(r->proposal);
	free(r->reasons);
}

static int
transfer_only(const struct zf_review_submission *in)
{
	const struct zf_measure *m;

	if (in->nmeasures != 1 || (in->fine != NULL && in->fine[0] != '\0'))
		return 0;
	m = zf_measure_find(in->measures[0]);
	return m != NULL && strcmp(m->name, "transfer") == 0;
}

/* Every material the review needs, as a list of what is missing. */
static void
missing_materials(struct zf_archive *a, const char *case_id,
    const struct zf_review_submission *in, const char *kind,
    struct zf_buf *missing)
{
	unsigned bit = zf_kind_bit(kind);
	char *id;

#define MISSING(text) zf_buf_printf(missing, "%s%s", missing->len ? "；" : "", \
	    (text))
	id = in->statement_file ? NULL : previous_round_doc(a, case_id,
	    "review-statement");
	if (in->statement_file == NULL && id == NULL)
		MISSING("案件调查终结报告（情况说明）：--statement FILE");
	free(id);
	id = in->draft_file ? NULL : previous_round_doc(a, case_id,
	    "review-draft");
	if (in->draft_file == NULL && id == NULL)
		MISSING("决定书代拟稿：--draft FILE");
	free(id);
	if (count_evidence(a, case_id) == 0)
		MISSING("证据材料：evidence-add");
	/*
	 * A proposal to transfer the case (移送) ends it without a penalty:
	 * there is no notice to the party to have been given or answered.
	 */
	if (!transfer_only(in)) {
		if ((bit & (ZF_KIND_PENALTY | ZF_KIND_COMPULSION)) &&
		    !zf_case_has_step(a, case_id, "defense") &&
		    !zf_case_has_step(a, case_id, "waive"))
			MISSING("当事人陈述、申辩材料（或放弃的记录）："
			    "case-step CASE defense|waive");
		if ((bit & ZF_KIND_PENALTY) &&
		    !zf_case_has_step(a, case_id, "notify"))
			MISSING("执法过程记录（事先告知书）：case-step CASE "
			    "notify");
		if ((bit & ZF_KIND_COMPULSION) &&
		    !zf_case_has_step(a, case_id, "urge"))
			MISSING("执法过程记录（催告书）：case-step CASE urge");
	}
	if (zf_case_has_step(a, case_id, "hearing-request") &&
	    !zf_case_has_step(a, case_id, "hearing"))
		MISSING("听证笔录：case-step CASE hearing --doc FILE");
#undef MISSING
}

/* Checks a submission: who submits, the stage, and every material. */
static int
check_submission(struct zf_archive *a, const char *case_id,
    const struct zf_review_submission *in)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_step_def *d = zf_step_find("review-submit");
	struct zf_case_state s;
	struct zf_buf missing;
	struct round r;
	const char *why;
	int64_t fen;
	size_t i;
	int rc;

	if ((rc = zf_case_state(a, case_id, &s)) != 0 ||
	    (rc = zf_case_may(a, case_id, ZF_ACT_SUBMIT,
	    zf_archive_today(a))) != 0)
		return rc;
	if (!zf_step_allowed(d, s.kind, s.stage)) {
		char *allowed = zf_steps_allowed_list(s.kind, s.stage);

		rc = zf_fail(e, EX_NOPERM, "%s is at stage %s (%s), "
		    "where it cannot go to legal review; allowed now: %s",
		    case_id, s.stage, zf_stage_chinese(s.stage), allowed);
		free(allowed);
		return rc;
	}
	for (i = 0; i < in->nmeasures; i++)
		if (!zf_measure_known(in->measures[i]))
			return zf_fail(e, EX_DATAERR, "measure '%s' is "
			    "not known (see decision-issue(1))",
			    in->measures[i]);
	if (in->fine != NULL && zf_money_parse(in->fine, &fen) != 0)
		return zf_fail(e, EX_DATAERR, "fine '%s' is not an amount "
		    "of yuan", in->fine);
	if (in->confiscated != NULL && zf_money_parse(in->confiscated,
	    &fen) != 0)
		return zf_fail(e, EX_DATAERR, "confiscated '%s' is not an "
		    "amount of yuan", in->confiscated);
	if (in->note != NULL && zf_text_check(in->note, 4000, 1, &why) != 0)
		return zf_fail(e, EX_DATAERR, "note %s", why);
	if ((rc = latest_round(a, case_id, &r)) != 0)
		return rc;
	if (strcmp(r.status, "submitted") == 0) {
		rc = zf_fail(e, EX_NOPERM, "round %d of %s is still with "
		    "the reviewer", r.n, case_id);
		round_release(&r);
		return rc;
	}
	round_release(&r);
	zf_buf_init(&missing);
	missing_materials(a, case_id, in, s.kind, &missing);
	if (zf_db_failed(zf_archive_db(a), e) != 0)
		rc = e->code;
	else if (missing.len > 0)
		rc = zf_fail(e, EX_NOPERM, "%s cannot go to legal review: "
		    "materials missing: %s", case_id, missing.data);
	zf_buf_release(&missing);
	return rc;
}

/*
 * Journals the round with its stored statement and draft (NULL: the
 * previous round's).
 */
static int
record_submission(struct zf_archive *a, const char *case_id,
    const struct zf_review_submission *in, const char *statement_id,
    const char *draft_id, int *round, struct zf_json **reasons)
{
	struct zf_case_state s;
	struct zf_json *data, *clocks = NULL, *p, *kept = NULL;
	char hex[ZF_DIGEST_HEX], when[26], *statement, *draft;
	const char *measures[ZF_REVIEW_MAX_MEASURES];
	size_t nmeasures = in->nmeasures, i;
	struct round r;
	int64_t fen = 0, conf = 0;
	int rc;

	*reasons = NULL;
	if ((rc = check_submission(a, case_id, in)) != 0 ||
	    (rc = zf_case_state(a, case_id, &s)) != 0 ||
	    (rc = latest_round(a, case_id, &r)) != 0)
		return rc;
	*round = r.n + 1;
	for (i = 0; i < nmeasures; i++)
		measures[i] = in->measures[i];
	if (in->fine != NULL)
		zf_money_parse(in->fine, &fen);
	if (in->confiscated != NULL)
		zf_money_parse(in->confiscated, &conf);
	/* A round submitted again keeps the proposal it was given, unless
	 * new values are. */
	if (r.n > 0 && in->fine == NULL && in->nmeasures == 0 &&
	    in->confiscated == NULL &&
	    r.proposal != NULL && (kept = zf_json_parse(r.proposal,
	    strlen(r.proposal), NULL, 0)) != NULL) {
		const struct zf_json *list = zf_json_get(kept, "measures");

		if (zf_json_get_int(kept, "fine_fen", &fen) != 0)
			fen = 0;
		if (zf_json_get_int(kept, "confiscated_fen", &conf) != 0)
			conf = 0;
		for (i = 0; i < zf_json_len(list) &&
		    nmeasures < ZF_REVIEW_MAX_MEASURES; i++) {
			const char *m = zf_json_str(zf_json_at(list, i));

			if (m != NULL && strcmp(m, "fine") != 0)
				measures[nmeasures++] = m;
		}
	}
	round_release(&r);
	statement = statement_id ? xstrdup(statement_id) :
	    previous_round_doc(a, case_id, "review-statement");
	draft = draft_id ? xstrdup(draft_id) :
	    previous_round_doc(a, case_id, "review-draft");
	if ((rc = zf_db_failed(zf_archive_db(a), zf_archive_err(a))) != 0 ||
	    (rc = zf_review_verdict(a, case_id, measures, nmeasures,
	    fen, conf, reasons)) != 0 || (rc = materials(a, case_id, NULL,
	    hex)) != 0)
		goto out;
	if ((rc = zf_clocks_plan_step(a, case_id, s.kind, "review-submit",
	    zf_archive_today(a), 0, &clocks)) != 0)
		goto out;
	p = proposal(measures, nmeasures, fen, conf);
	zf_time_format(zf_archive_now(a), when);
	data = zf_json_object();
	zf_json_set_int(data, "round", *round);
	zf_json_set(data, "proposal", p);
	zf_json_set_str(data, "materials", hex);
	zf_json_set_str(data, "statement", statement);
	zf_json_set_str(data, "draft", draft);
	zf_json_set_bool(data, "major", zf_json_len(*reasons) > 0);
	zf_json_set(data, "reasons", zf_json_copy(*reasons));
	if (in->note != NULL)
		zf_json_set_str(data, "note", in->note);
	zf_json_set_str(data, "at", when);
	zf_json_set_str(data, "stage", s.stage);
	if (clocks != NULL)
		zf_json_set(data, "clocks", clocks);
	rc = zf_journal_append(a, "review.submitted", case_id, data, NULL);
out:
	zf_json_free(kept);
	free(statement);
	free(draft);
	if (rc != 0) {
		zf_json_free(*reasons);
		*reasons = NULL;
	}
	return rc;
}

int
zf_review_point_parse(const char *arg, struct zf_review_decision *d)
{
	const char *eq = strchr(arg, '='), *colon;
	size_t i, n;

	if (eq == NULL)
		return -1;
	n = (size_t)(eq - arg);
	for (i = 0; i < ZF_REVIEW_POINTS; i++)
		if (names_point(arg, n, &zf_review_points[i]))
			break;
	if (i == ZF_REVIEW_POINTS)
		return -1;
	colon = strchr(eq + 1, ':');
	n = colon ? (size_t)(colon - eq - 1) : strlen(eq + 1);
	if (n == 4 && strncmp(eq + 1, "pass", 4) == 0)
		d->fail[i] = 0;
	else if (n == 4 && strncmp(eq + 1, "fail", 4) == 0)
		d->fail[i] = 1;
	else
		return -1;
	d->note[i] = colon ? colon + 1 : NULL;
	d->named[i] = 1;
	return 0;
}

const char *
zf_review_status_chinese(const char *status)
{
	static const char *const names[][2] = { { "submitted", "审核中" },
		{ "approved", "同意" }, { "returned", "建议修改后再次提交" },
		{ "rejected", "不同意" } };
	size_t i;

	for (i = 0; status != NULL && i < 4; i++)
		if (strcmp(status, names[i][0]) == 0)
			return names[i][1];
	return NULL;
}

/* The verdict approve, return or reject as its opinion says it. */
static const char *
verdict_chinese(const char *v)
{
	return zf_review_status_chinese(strcmp(v, "approve") == 0 ?
	    "approved" : strcmp(v, "return") == 0 ? "returned" : "rejected");
}

static int
check_decision(struct zf_archive *a, const char *case_id,
    const struct zf_review_decision *d)
{
	struct zf_err *e = zf_archive_err(a);
	struct zf_case_state s;
	struct round r;
	const char *why;
	int i, failed = 0, rc;

	if ((rc = zf_case_state(a, case_id, &s)) != 0)
		return rc;
	if (!zf_step_allowed(zf_step_find("review-decide"), s.kind,
	    s.stage))
		return zf_fail(e, EX_NOPERM, "%s is at stage %s (%s), "
		    "where no review can be decided", case_id, s.stage,
		    zf_stage_chinese(s.stage));
	if ((rc = zf_case_may(a, case_id, ZF_ACT_REVIEW,
	    zf_archive_today(a))) != 0)
		return rc;
	if ((rc = latest_round(a, case_id, &r)) != 0)
		return rc;
	if (strcmp(r.status, "submitted") != 0) {
		rc = r.n == 0 ? zf_fail(e, EX_NOPERM, "%s has not been "
		    "submitted for legal review", case_id) :
		    zf_fail(e, EX_NOPERM, "round %d of %s is already "
		    "decided (%s)", r.n, case_id, r.status);
		round_release(&r);
		return rc;
	}
	round_release(&r);
	if (d->verdict == NULL)
		return zf_fail(e, EX_USAGE, "give --approve, --return or "
		    "--reject");
	if (d->opinion == NULL || d->opinion[0] == '\0')
		return zf_fail(e, EX_USAGE, "a written opinion is "
		    "required: --opinion TEXT or --opinion-file FILE");
	if (zf_text_check(d->opinion, 20000, 1, &why) != 0)
		return zf_fail(e, EX_DATAERR, "opinion %s", why);
	if ((d->adviser == NULL) != (d->adviser_opinion == NULL) ||
	    (d->adviser != NULL && (d->adviser[0] == '\0' ||
	    d->adviser_opinion[0] == '\0')))
		return zf_fail(e, EX_USAGE, "a legal adviser's opinion "
		    "needs both --adviser NAME and --adviser-opinion TEXT");
	if (d->adviser != NULL && (zf_text_check(d->adviser, 200, 0,
	    &why) != 0 || zf_text_check(d->adviser_opinion, 20000, 1,
	    &why) != 0))
		return zf_fail(e, EX_DATAERR, "the adviser's name or opinion "
		    "%s", why);
	for (i = 0; i < ZF_REVIEW_POINTS; i++) {
		failed += d->fail[i];
		if (d->note[i] != NULL && zf_text_check(d->note[i], 1000, 0,
		    &why) != 0)
			return zf_fail(e, EX_DATAERR, "note on %s %s",
			    zf_review_points[i].name, why);
	}
	if (strcmp(d->verdict, "approve") == 0 && failed > 0)
		return zf_fail(e, EX_DATAERR, "a review with failed "
		    "points cannot be approved: return or reject it");
	/* An approval certifies every point: each examined, or all. */
	if (strcmp(d->verdict, "approve") == 0 && !d->all_pass) {
		struct zf_buf missing;

		zf_buf_init(&missing);
		for (i = 0; i < ZF_REVIEW_POINTS; i++)
			if (!d->named[i])
				zf_buf_printf(&missing, "%s%s",
				    missing.len ? ", " : "",
				    zf_review_points[i].name);
		if (missing.len > 0) {
			rc = zf_fail(e, EX_USAGE, "an approval certifies all "
			    "ten points: name each (--point NAME=pass[:NOTE]) "
			    "or say --all-pass; not named: %s", missing.data);
			zf_buf_release(&missing);
			return rc;
		}
		zf_buf_release(&missing);
	}
	if (strcmp(d->verdict, "approve") != 0 && failed == 0)
		return zf_fail(e, EX_DATAERR, "say which points fail: "
		    "--point NAME=fail:NOTE");
	return 0;
}

/* The written opinion (法制审核意见书), as the text to store (malloc'd). */
static char *
opinion_text(struct zf_archive *a, const char *case_id,
    const struct zf_review_decision *d)
{
	static const char sql[] = "SELECT c.number, c.party_name, c.cause, "
	    "r.round, r.proposal, r.reasons FROM cases c JOIN reviews r ON "
	    "r.case_id = c.id WHERE c.id = ? ORDER BY r.round DESC LIMIT 1";
	static const char *const numerals[] = { "一", "二", "三", "四", "五",
		"六", "七", "八", "九", "十" };
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	struct zf_json *p = NULL, *reasons = NULL;
	struct zf_buf b;
	char msg[128], yuan[24];
	int year, month, day, i;
	int64_t fen = 0;
	size_t k;

	zf_buf_init(&b);
	if (st == NULL)
		return zf_buf_detach(&b, NULL);
	zf_db_bind_text(st, 1, case_id);
	if (zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read reviews") != 1)
		return zf_buf_detach(&b, NULL);
	p = zf_json_parse(col(st, 4), strlen(col(st, 4)), msg, sizeof(msg));
	reasons = zf_json_parse(col(st, 5), strlen(col(st, 5)), msg,
	    sizeof(msg));
	zf_buf_printf(&b, "%s\n法制审核意见书\n（第%d轮）\n\n",
	    zf_archive_config(a)->agency_name, sqlite3_column_int(st, 3));
	zf_buf_printf(&b, "案件：%s  %s\n当事人：%s\n案由：%s\n", case_id,
	    col(st, 0), col(st, 1), col(st, 2));
	sqlite3_reset(st);
	zf_buf_addstr(&b, "拟作决定：");
	for (k = 0; p != NULL && k < zf_json_len(zf_json_get(p,
	    "measures")); k++) {
		const char *m = zf_json_str(zf_json_at(zf_json_get(p,
		    "measures"), k));
		const struct zf_measure *def = zf_measure_find(m);

		zf_buf_printf(&b, "%s%s", k ? "；" : "",
		    def ? def->chinese : m);
	}
	if (p != NULL && zf_json_get_int(p, "fine_fen", &fen) == 0 &&
	    fen > 0) {
		zf_money_format(fen, yuan);
		zf_buf_printf(&b, "（罚款 %s 元）", yuan);
	}
	zf_buf_printf(&b, "\n重大执法决定：%s\n", zf_json_len(reasons) > 0 ?
	    "是" : "否");
	for (k = 0; k < zf_json_len(reasons); k++)
		zf_buf_printf(&b, "  %s\n", zf_json_str(zf_json_at(reasons,
		    k)));
	zf_buf_addstr(&b, "\n审核事项：\n");
	for (i = 0; i < ZF_REVIEW_POINTS; i++) {
		zf_buf_printf(&b, "%s、%s：%s", numerals[i],
		    zf_review_points[i].chinese, d->fail[i] ? "不通过" :
		    "通过");
		if (d->note[i] != NULL)
			zf_buf_printf(&b, "（%s）", d->note[i]);
		zf_buf_addch(&b, '\n');
	}
	if (d->adviser != NULL)
		zf_buf_printf(&b, "\n法律顾问（公职律师）意见：%s：%s\n",
		    d->adviser, d->adviser_opinion);
	zf_date_ymd(zf_archive_today(a), &year, &month, &day);
	zf_buf_printf(&b, "\n审核结论：%s\n审核意见：%s\n\n审核人：%s（%s）\n"
	    "日期：%d年%d月%d日\n", verdict_chinese(d->verdict), d->opinion,
	    zf_archive_person(a)->name, zf_archive_person(a)->id, year, month,
	    day);
	zf_json_free(p);
	zf_json_free(reasons);
	return zf_buf_detach(&b, NULL);
}

/* Journals the decision d with the stored opinion's evidence id. */
static int
record_decision(struct zf_archive *a, const char *case_id,
    const char *opinion_doc, void *d_arg)
{
	const struct zf_review_decision *d = d_arg;
	struct zf_json *data, *points, *clocks = NULL;
	struct zf_case_state s;
	struct round r;
	char when[26];
	int i, rc;

	if ((rc = check_decision(a, case_id, d)) != 0 ||
	    (rc = zf_case_state(a, case_id, &s)) != 0 ||
	    (rc = latest_round(a, case_id, &r)) != 0)
		return rc;
	if ((rc = zf_clocks_plan_step(a, case_id, s.kind, "review-decide",
	    zf_archive_today(a), 0, &clocks)) != 0) {
		round_release(&r);
		return rc;
	}
	points = zf_json_array();
	for (i = 0; i < ZF_REVIEW_POINTS; i++) {
		struct zf_json *o = zf_json_object();

		zf_json_set_str(o, "point", zf_review_points[i].name);
		zf_json_set_bool(o, "pass", !d->fail[i]);
		if (d->note[i] != NULL)
			zf_json_set_str(o, "note", d->note[i]);
		zf_json_push(points, o);
	}
	zf_time_format(zf_archive_now(a), when);
	data = zf_json_object();
	zf_json_set_int(data, "round", r.n);
	zf_json_set_str(data, "verdict", d->verdict);
	zf_json_set_str(data, "opinion", d->opinion);
	if (d->adviser != NULL) {
		struct zf_json *adv = zf_json_object();

		zf_json_set_str(adv, "name", d->adviser);
		zf_json_set_str(adv, "opinion", d->adviser_opinion);
		zf_json_set(data, "adviser", adv);
	}
	zf_json_set(data, "points", points);
	zf_json_set_str(data, "doc", opinion_doc);
	zf_json_set_str(data, "at", when);
	zf_json_set_str(data, "stage", s.stage);
	if (clocks != NULL)
		zf_json_set(data, "clocks", clocks);
	round_release(&r);
	return zf_journal_append(a, "review.decided", case_id, data, NULL);
}

int
zf_review_submit(struct zf_archive *a, const char *case_id,
    const struct zf_review_submission *in, int *round,
    struct zf_json **reasons)
{
	struct zf_evidence_doc statement = { .file = in->statement_file,
	    .title = "案件调查终结报告", .stage = "review-statement" };
	struct zf_evidence_doc draft = { .file = in->draft_file,
	    .title = "决定书代拟稿", .stage = "review-draft" };
	int rc;

	*reasons = NULL;
	if ((rc = check_submission(a, case_id, in)) != 0 ||
	    (rc = zf_evidence_doc_store(a, &statement)) != 0 ||
	    (rc = zf_evidence_doc_store(a, &draft)) != 0 ||
	    (rc = zf_archive_begin(a)) != 0)
		goto out;
	if ((rc = zf_evidence_doc_record(a, case_id, &statement)) == 0 &&
	    (rc = zf_evidence_doc_record(a, case_id, &draft)) == 0)
		rc = record_submission(a, case_id, in, statement.id, draft.id,
		    round, reasons);
	if ((rc = zf_case_commit(a, rc)) != 0) {
		zf_json_free(*reasons);
		*reasons = NULL;
	}
out:
	zf_evidence_doc_release(&statement);
	zf_evidence_doc_release(&draft);
	return rc;
}

int
zf_review_decide(struct zf_archive *a, const char *case_id,
    const struct zf_review_decision *d, char **opinion_id)
{
	struct zf_evidence_doc opinion = { .title = "法制审核意见书",
	    .stage = "review-opinion" };
	char *text, name[64];
	int rc;

	*opinion_id = NULL;
	if ((rc = check_decision(a, case_id, d)) != 0)
		return rc;
	/* The opinion document is written, stored, then journaled. */
	opinion.text = text = opinion_text(a, case_id, d);
	if ((rc = zf_db_failed(zf_archive_db(a), zf_archive_err(a))) != 0) {
		free(text);
		return rc;
	}
	snprintf(name, sizeof(name), "法制审核意见书-%s.txt", case_id);
	opinion.name = name;
	if ((rc = zf_evidence_doc_act(a, case_id, &opinion, record_decision,
	    (void *)d)) == 0) {
		*opinion_id = opinion.id;
		opinion.id = NULL;
	}
	zf_evidence_doc_release(&opinion);
	free(text);
	return rc;
}

/* 1 when sql, given the case and a journal seq, finds a row; -1 error. */
static int
found_after(struct zf_archive *a, const char *sql, const char *case_id,
    int64_t seq)
{
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	int rc;

	if (st == NULL)
		return -1;
	zf_db_bind_text(st, 1, case_id);
	sqlite3_bind_int64(st, 2, seq);
	rc = zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read the case");
	sqlite3_reset(st);
	return rc;
}

/* 1 when a decision of the case was revoked after seq. */
static int
revoked_after(struct zf_archive *a, const char *case_id, int64_t seq)
{
	return found_after(a, "SELECT 1 FROM decisions WHERE case_id = ? AND "
	    "revoked_seq > ?", case_id, seq);
}

/* 1 when a collective discussion was recorded after seq. */
static int
discussed_after(struct zf_archive *a, const char *case_id, int64_t seq)
{
	return found_after(a, "SELECT 1 FROM steps WHERE case_id = ? AND "
	    "step = 'discuss' AND seq > ?", case_id, seq);
}

int
zf_review_gate(struct zf_archive *a, const char *case_id,
    const char *const *measures, size_t nmeasures, int64_t fine_fen,
    int64_t confiscated_fen, const char *exclude)
{
	struct zf_err *e = zf_archive_err(a);
	struct zf_json *reasons = NULL, *p;
	char hex[ZF_DIGEST_HEX], *proposed = NULL;
	struct zf_buf why;
	struct round r;
	size_t i;
	int rc;

	if ((rc = zf_review_verdict(a, case_id, measures, nmeasures, fine_fen,
	    confiscated_fen, &reasons)) != 0)
		return rc;
	if (zf_json_len(reasons) == 0) {
		zf_json_free(reasons);
		return 0;
	}
	zf_buf_init(&why);
	for (i = 0; i < zf_json_len(reasons); i++)
		zf_buf_printf(&why, "%s%s", i ? "；" : "",
		    zf_json_str(zf_json_at(reasons, i)));
	zf_json_free(reasons);
	memset(&r, 0, sizeof(r));
	if ((rc = latest_round(a, case_id, &r)) != 0)
		goto out;
	if (r.n == 0) {
		rc = zf_fail(e, EX_NOPERM, "%s is major (%s) and has not "
		    "passed legal review (法制审核): run review-submit",
		    case_id, why.data);
		goto out;
	}
	if (strcmp(r.status, "approved") != 0) {
		rc = zf_fail(e, EX_NOPERM, "%s is major (%s) and its "
		    "review round %d is not approved (%s)", case_id, why.data,
		    r.n, r.status);
		goto out;
	}
	if ((rc = revoked_after(a, case_id, r.decided_seq)) != 0) {
		rc = rc < 0 ? e->code : zf_fail(e, EX_NOPERM, "%s: a "
		    "decision was revoked after review round %d: submit it "
		    "again for review", case_id, r.n);
		goto out;
	}
	if ((rc = materials(a, case_id, exclude, hex)) != 0)
		goto out;
	if (strcmp(hex, r.materials) != 0) {
		rc = zf_fail(e, EX_NOPERM, "%s: materials changed after "
		    "approval of review round %d (evidence was added or "
		    "changed): submit it again for review", case_id, r.n);
		goto out;
	}
	p = proposal(measures, nmeasures, fine_fen, confiscated_fen);
	proposed = zf_json_canonical(p, NULL);
	zf_json_free(p);
	if (strcmp(proposed, r.proposal) != 0) {
		rc = zf_fail(e, EX_NOPERM, "%s: the decision %s differs "
		    "from the proposal approved in review round %d %s: submit "
		    "it again for review", case_id, proposed, r.n, r.proposal);
		goto out;
	}
	if ((rc = discussed_after(a, case_id, r.decided_seq)) < 0)
		rc = e->code;
	else if (rc == 0)
		rc = zf_fail(e, EX_NOPERM, "%s is a major decision: the "
		    "collective discussion (集体讨论, 行政处罚法第五十七条) "
		    "must be recorded after the review: case-step %s discuss",
		    case_id, case_id);
	else
		rc = 0;
out:
	free(proposed);
	round_release(&r);
	zf_buf_release(&why);
	return rc;
}
