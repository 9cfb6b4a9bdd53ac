/* decision: decisions issued and revoked, checked and journaled. */
#include "cases/decision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/money.h"
#include "base/text.h"
#include "cases/case.h"
#include "cases/correct.h"
#include "cases/may.h"
#include "cases/deadline.h"
#include "cases/evidence.h"
#include "cases/require.h"
#include "cases/review.h"
#include "cases/step.h"
#include "record/archive.h"
#include "record/db.h"
#include "record/journal.h"
#include "rules/procedure.h"

static void
set_opt(struct zf_json *o, const char *key, const char *value)
{
	if (value != NULL && value[0] != '\0')
		zf_json_set_str(o, key, value);
}

/*
 * The measures the decision carries, by their names: a fine is one
 * whether or not it was listed.  *granted: a licence is granted.
 */
static struct zf_json *
decided_measures(const struct zf_decision_input *in, int64_t fen,
    int *granted)
{
	struct zf_json *measures = zf_json_array();
	int listed = 0;
	size_t i;

	*granted = 0;
	for (i = 0; i < in->nmeasures; i++)
		listed |= strcmp(zf_measure_find(in->measures[i])->name,
		    "fine") == 0;
	if (fen > 0 && !listed)
		zf_json_push(measures, zf_json_string("fine"));
	for (i = 0; i < in->nmeasures; i++) {
		const struct zf_measure *m = zf_measure_find(in->measures[i]);

		zf_json_push(measures, zf_json_string(m->name));
		*granted |= strcmp(m->name, "grant") == 0;
	}
	return measures;
}

/*
 * 简易程序 (行政处罚法第五十一条): a penalty case, decided on the spot with
 * no measure beyond those allowed, and a fine within the cap for the
 * party's kind.
 */
static int
check_summary(struct zf_archive *a, const char *case_id,
    const struct zf_case_state *s, const struct zf_decision_input *in,
    int64_t fen)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_summary *sm = &zf_archive_config(a)->summary;
	static const char sql[] = "SELECT party_kind FROM cases WHERE id = ?";
	sqlite3_stmt *st;
	char party[16] = "person";
	int64_t cap;
	size_t i, j;
	int rc;

	if (strcmp(s->kind, "penalty") != 0)
		return zf_fail(e, EX_NOPERM, "only a penalty is decided on the "
		    "spot (简易程序, 行政处罚法第五十一条), not a %s case",
		    s->kind);
	if (in->confiscated != NULL)
		return zf_fail(e, EX_NOPERM, "a penalty decided on the spot "
		    "confiscates nothing: only a warning or a small fine "
		    "(%s)", sm->basis != NULL ? sm->basis :
		    "行政处罚法第五十一条");
	if (sm->basis == NULL)
		return zf_fail(e, EX_NOPERM, "the configuration in force "
		    "allows no 简易程序 (summary: in zhifa.yaml)");
	for (i = 0; i < in->nmeasures; i++) {
		const char *name = zf_measure_find(in->measures[i])->name;

		for (j = 0; sm->measures[j] != NULL; j++)
			if (strcmp(sm->measures[j], name) == 0)
				break;
		if (sm->measures[j] == NULL)
			return zf_fail(e, EX_NOPERM, "a penalty decided on the "
			    "spot carries no %s (%s): only a warning or a "
			    "small fine (%s)", name,
			    zf_measure_find(name)->chinese, sm->basis);
	}
	if ((st = zf_db_stmt(zf_archive_db(a), sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	if ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read cases")) == 1 && zf_db_text(st, 0) != NULL)
		snprintf(party, sizeof(party), "%s", zf_db_text(st, 0));
	sqlite3_reset(st);
	if (rc < 0)
		return e->code;
	cap = strcmp(party, "org") == 0 ? sm->org_fen :
	    strcmp(party, "business") == 0 ? sm->business_fen : sm->person_fen;
	if (cap < 0 || fen > cap) {
		char yuan[24];

		zf_money_format(cap < 0 ? 0 : cap, yuan);
		return zf_fail(e, EX_NOPERM, "a fine decided on the spot on "
		    "a party of kind %s is at most %s yuan; this one takes "
		    "the general procedure (%s)", party, yuan, sm->basis);
	}
	return 0;
}

/*
 * 1 when another decision holds the number, in any typography.  The
 * numbers folded (zf_correct_fold_number) are kept in a table of the
 * connection's own, not of the archive: filled once, then with the
 * decisions recorded since (by seq), so that a batch of decisions does
 * not fold every number again for each.  Its rows roll back with the
 * transaction that added them.
 */
static int
number_taken(struct zf_archive *a, const char *number)
{
	static const char sql_make[] = "CREATE TEMP TABLE IF NOT EXISTS "
	    "zf_folded (folded TEXT PRIMARY KEY, seq INTEGER NOT NULL) "
	    "WITHOUT ROWID; CREATE INDEX IF NOT EXISTS temp.zf_folded_seq ON "
	    "zf_folded(seq)";
	static const char sql_new[] = "SELECT seq, number FROM decisions "
	    "WHERE seq > (SELECT coalesce(max(seq), -1) FROM temp.zf_folded) "
	    "ORDER BY seq";
	static const char sql_add[] = "INSERT OR IGNORE INTO temp.zf_folded "
	    "(folded, seq) VALUES (?, ?)";
	static const char sql_find[] = "SELECT 1 FROM temp.zf_folded WHERE "
	    "folded = ?";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st, *add;
	char *want, *have;
	int rc;

	if (zf_db_exec(db, sql_make, e) != 0 ||
	    (st = zf_db_stmt(db, sql_new, e)) == NULL)
		return -1;
	while ((rc = zf_db_row(db, st, e, "cannot read decisions")) == 1) {
		if ((add = zf_db_stmt(db, sql_add, e)) == NULL) {
			rc = -1;
			break;
		}
		have = zf_correct_fold_number(zf_db_text(st, 1));
		zf_db_bind_text(add, 1, have);
		sqlite3_bind_int64(add, 2, sqlite3_column_int64(st, 0));
		rc = zf_db_done(db, add, e, "cannot fold the numbers");
		free(have);
		if (rc != 0) {
			rc = -1;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc < 0 || (st = zf_db_stmt(db, sql_find, e)) == NULL)
		return -1;
	want = zf_correct_fold_number(number);
	zf_db_bind_text(st, 1, want);
	rc = zf_db_row(db, st, e, "cannot read decisions");
	sqlite3_reset(st);
	free(want);
	return rc;
}

/* The legal-review gate (review.h) for this decision. */
static int
review_gate(struct zf_archive *a, const char *case_id,
    const struct zf_decision_input *in)
{
	int64_t fen = 0, conf = 0;

	if (in->fine != NULL)
		zf_money_parse(in->fine, &fen);
	if (in->confiscated != NULL)
		zf_money_parse(in->confiscated, &conf);
	return zf_review_gate(a, case_id, in->measures, in->nmeasures, fen,
	    conf, in->doc);
}

/* Reads the case's state into s, and refuses unless the table allows act. */
static int
head_case(struct zf_archive *a, const char *case_id, struct zf_case_state *s,
    enum zf_act act)
{
	int rc;

	if ((rc = zf_case_state(a, case_id, s)) != 0)
		return rc;
	return zf_case_may(a, case_id, act, zf_archive_today(a));
}

/* The 双公示 items given with the decision, each where it belongs. */
static int
check_items(struct zf_archive *a, const struct zf_case_state *s,
    const struct zf_decision_input *in)
{
	struct zf_err *e = zf_archive_err(a);
	static const char *const categories[] = { "01", "02", "03", "04",
		"05", "06", NULL };
	const char *texts[] = { in->violation, in->violated,
		in->licence_number, in->certificate };
	const char *why;
	int32_t from = 0, to = 0;
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i] != NULL && zf_text_check(texts[i], 1000, 0,
		    &why) != 0)
			return zf_fail(e, EX_DATAERR, "'%s' %s", texts[i],
			    why);
	if ((in->violation != NULL || in->violated != NULL) &&
	    strcmp(s->kind, "penalty") != 0)
		return zf_fail(e, EX_USAGE, "--violation and --violated are "
		    "a penalty's (CF_WFXW, CF_SY), not a %s case's", s->kind);
	if ((in->licence_number != NULL || in->licence_category != NULL) &&
	    strcmp(s->kind, "licensing") != 0)
		return zf_fail(e, EX_USAGE, "--licence-number and "
		    "--licence-category are a licence's (XK_XKBH, XK_XKLB), "
		    "not a %s case's", s->kind);
	if (in->licence_category != NULL &&
	    !zf_case_one_of(in->licence_category, categories))
		return zf_fail(e, EX_DATAERR, "--licence-category '%s' is not "
		    "01 (普通), 02 (特许), 03 (认可), 04 (核准), 05 (登记) or "
		    "06 (其他)", in->licence_category);
	if ((in->valid_from != NULL && zf_date_parse(in->valid_from,
	    &from) != 0) || (in->valid_to != NULL &&
	    zf_date_parse(in->valid_to, &to) != 0))
		return zf_fail(e, EX_DATAERR, "--valid-from and --valid-to "
		    "are dates, YYYY-MM-DD");
	if (in->valid_from != NULL && in->valid_to != NULL && to < from)
		return zf_fail(e, EX_DATAERR, "--valid-to %s is before "
		    "--valid-from %s", in->valid_to, in->valid_from);
	return 0;
}

static int
check_issue(struct zf_archive *a, const char *case_id,
    const struct zf_decision_input *in)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_step_def *d = zf_step_find("decide");
	struct zf_require_step req = { NULL, NULL, NULL, NULL, 0 };
	struct zf_json *measures;
	struct zf_case_state s;
	struct zf_time t;
	const char *why;
	char *text;
	int32_t day;
	int64_t fen = 0, conf;
	size_t i;
	int rc, granted;

	if ((rc = head_case(a, case_id, &s, in->summary ? ZF_ACT_SUMMARY :
	    ZF_ACT_DECIDE)) != 0)
		return rc;
	if (!zf_step_allowed(d, s.kind, s.stage))
		return zf_case_refuse_step(a, &s, d);
	if (in->outcome == NULL || in->outcome[0] == '\0')
		return zf_fail(e, EX_USAGE, "--outcome is required: what "
		    "was decided");
	if (zf_text_check(in->outcome, 4000, 1, &why) != 0)
		return zf_fail(e, EX_DATAERR, "outcome %s", why);
	if (in->basis != NULL && zf_text_check(in->basis, 4000, 1, &why) != 0)
		return zf_fail(e, EX_DATAERR, "basis %s", why);
	for (i = 0; i < in->nmeasures; i++) {
		const struct zf_measure *m = zf_measure_find(in->measures[i]);

		if (m != NULL && !(m->kinds & zf_kind_bit(s.kind)))
			return zf_fail(e, EX_NOPERM, "%s (%s) is no decision "
			    "of a %s case: %s", m->name, m->chinese, s.kind,
			    m->why);
	}
	for (i = 0; i < in->nmeasures; i++)
		if (zf_measure_find(in->measures[i]) == NULL)
			return zf_fail(e, EX_DATAERR, "measure '%s' is "
			    "not one of warning, criticism, fine, confiscate, "
			    "suspend-licence, lower-grade, revoke-licence, "
			    "restrict, stop-business, close-down, "
			    "restrict-practice, stop-construction, correct, "
			    "demolish, forced-demolition, substitute, seal, "
			    "grant, deny, "
			    "no-penalty, levy, transfer, other (or their "
			    "Chinese names)", in->measures[i]);
	if (in->fine != NULL && zf_money_parse(in->fine, &fen) != 0)
		return zf_fail(e, EX_DATAERR, "fine '%s' is not an amount "
		    "of yuan such as 50000 or 1234.5", in->fine);
	if (in->number != NULL && in->number[strspn(in->number, " ")] == '\0')
		return zf_fail(e, EX_USAGE, "--number is empty");
	if (in->number != NULL && zf_text_check(in->number, 200, 0, &why) != 0)
		return zf_fail(e, EX_DATAERR, "number %s", why);
	if (in->number != NULL && (rc = number_taken(a, in->number)) < 0)
		return e->code;
	if (in->number != NULL && rc > 0)
		return zf_fail(e, EX_DATAERR, "decision number %s is "
		    "already used", in->number);
	if ((rc = check_items(a, &s, in)) != 0)
		return rc;
	if (in->confiscated != NULL && zf_money_parse(in->confiscated,
	    &conf) != 0)
		return zf_fail(e, EX_DATAERR, "confiscated '%s' is not an "
		    "amount of yuan", in->confiscated);
	if ((rc = zf_case_step_time(a, &s, in->at, &t, &day)) != 0)
		return rc;
	if (in->summary && (rc = check_summary(a, case_id, &s, in, fen)) != 0)
		return rc;
	measures = decided_measures(in, fen, &granted);
	text = zf_json_canonical(measures, NULL);
	zf_json_free(measures);
	req.step = in->summary ? "summary" : "decide";
	req.kind = s.kind;
	req.measures = text;
	req.doc = in->doc != NULL || in->doc_file != NULL;
	rc = zf_require_check(a, case_id, &req);
	free(text);
	if (rc != 0)
		return rc;
	/* On the spot, the party's periods of the general procedure do not
	 * run: 行政处罚法第五十二条. */
	if (!in->summary &&
	    (rc = zf_clocks_gate(a, case_id, "decide", day)) != 0)
		return rc;
	return review_gate(a, case_id, in);
}

int
zf_decision_record(struct zf_archive *a, const char *case_id,
    const struct zf_decision_input *in, char **number)
{
	/* Numbered per kind and year, or per year when the 文号 has no kind. */
	static const char sql_kind[] = "SELECT coalesce(max(n), 0) + 1 FROM "
	    "decisions WHERE year = ?1 AND kind = ?2";
	static const char sql_year[] = "SELECT coalesce(max(n), 0) + 1 FROM "
	    "decisions WHERE year = ?1";
	const struct zf_config *cfg = zf_archive_config(a);
	const struct zf_case_kind *kind;
	int per_kind;
	struct zf_json *data, *measures, *clocks = NULL;
	struct zf_clock_step cs;
	struct zf_case_state s;
	struct zf_time t;
	sqlite3_stmt *st;
	int64_t n = 0, fen = 0, conf = 0;
	int year, month, mday, rc, granted = 0;
	char when[26], *text;
	int32_t day;

	*number = NULL;
	if ((rc = check_issue(a, case_id, in)) != 0 ||
	    (rc = zf_case_state(a, case_id, &s)) != 0 ||
	    (rc = zf_case_step_time(a, &s, in->at, &t, &day)) != 0)
		return rc;
	kind = zf_case_kind_find(s.kind);
	zf_date_ymd(day, &year, &month, &mday);
	/* Two statements, so that each is answered from an index. */
	per_kind = strstr(cfg->decision_number, "{kind}") != NULL;
	if ((st = zf_db_stmt(zf_archive_db(a), per_kind ? sql_kind : sql_year,
	    zf_archive_err(a))) == NULL)
		return zf_archive_err(a)->code;
	sqlite3_bind_int(st, 1, year);
	if (per_kind)
		zf_db_bind_text(st, 2, s.kind);
	if ((rc = zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read decisions")) < 0)
		return zf_archive_err(a)->code;
	if (rc == 1)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (in->number != NULL) {
		*number = xstrdup(in->number);
		n = 0;	/* a number given by hand takes no place in the count */
	} else {
		/* Skip any number already given by hand. */
		for (;;) {
			*number = zf_config_number(cfg, cfg->decision_number,
			    kind->letter, year, n);
			if ((rc = number_taken(a, *number)) <= 0)
				break;
			free(*number);
			n++;
		}
		if (rc < 0) {
			free(*number);
			*number = NULL;
			return zf_archive_err(a)->code;
		}
	}
	if (in->fine != NULL)
		zf_money_parse(in->fine, &fen);
	if (in->confiscated != NULL)
		zf_money_parse(in->confiscated, &conf);
	measures = decided_measures(in, fen, &granted);
	text = zf_json_canonical(measures, NULL);
	memset(&cs, 0, sizeof(cs));
	cs.case_id = case_id;
	cs.kind = s.kind;
	cs.step = "decide";
	cs.day = day;
	cs.at = &t;
	cs.measures = text;
	cs.when = (in->party_absent ? ZF_WHEN_PARTY_ABSENT : 0) |
	    (fen > 0 ? ZF_WHEN_FINE : 0) | (granted ? ZF_WHEN_GRANTED : 0) |
	    (s.published ? ZF_WHEN_PUBLISHED : 0);
	rc = zf_clocks_plan(a, &cs, &clocks);
	free(text);
	if (rc != 0) {
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
	if (conf > 0)
		zf_json_set_int(data, "confiscated_fen", conf);
	if (in->summary)
		zf_json_set_bool(data, "summary", 1);
	set_opt(data, "violation", in->violation);
	set_opt(data, "violated", in->violated);
	set_opt(data, "licence_number", in->licence_number);
	set_opt(data, "certificate", in->certificate);
	set_opt(data, "valid_from", in->valid_from);
	set_opt(data, "valid_to", in->valid_to);
	set_opt(data, "licence_category", in->licence_category);
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

/* A decision to issue with its document, and where its 文号 goes. */
struct issue {
	struct zf_decision_input in;
	char **number;
};

/* Records the decision with the document just stored, if any. */
static int
record_with_doc(struct zf_archive *a, const char *case_id,
    const char *doc_id, void *arg)
{
	struct issue *is = arg;
	struct zf_step_input serve;
	int rc;

	if (doc_id != NULL)
		is->in.doc = doc_id;
	if ((rc = zf_decision_record(a, case_id, &is->in, is->number)) != 0 ||
	    !is->in.summary)
		return rc;
	/* 当场交付: handed to the party on the spot, the same moment. */
	memset(&serve, 0, sizeof(serve));
	serve.step = "serve";
	serve.at = is->in.at;
	serve.method = "direct";
	serve.note = "简易程序，当场交付（行政处罚法第五十二条）";
	if ((rc = zf_step_record(a, case_id, &serve)) != 0) {
		free(*is->number);
		*is->number = NULL;
	}
	return rc;
}

int
zf_decision_issue(struct zf_archive *a, const char *case_id,
    const struct zf_decision_input *in, char **number)
{
	struct zf_evidence_doc doc = { .file = in->doc_file,
	    .title = "决定书", .stage = "decide" };
	struct issue is = { *in, number };
	int rc;

	*number = NULL;
	if ((rc = check_issue(a, case_id, in)) == 0 &&
	    (rc = zf_evidence_doc_act(a, case_id, &doc, record_with_doc,
	    &is)) != 0) {
		free(*number);
		*number = NULL;
	}
	zf_evidence_doc_release(&doc);
	return rc;
}

static const char *const revoke_kinds[] = { "revoked", "illegal", "remade",
	NULL };

static int
check_revoke(struct zf_archive *a, const char *case_id, const char *kind,
    const char *reason)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_step_def *d = zf_step_find("revoke");
	struct zf_case_state s;
	const char *why;
	int rc;

	if ((rc = head_case(a, case_id, &s, ZF_ACT_REVOKE)) != 0)
		return rc;
	if (s.decision_seq == 0)
		return zf_fail(e, EX_NOPERM, "%s has no decision in "
		    "force to revoke", case_id);
	if (!zf_step_allowed(d, s.kind, s.stage))
		return zf_case_refuse_step(a, &s, d);
	if (!zf_case_one_of(kind, revoke_kinds))
		return zf_fail(e, EX_USAGE, "--kind '%s' is not revoked "
		    "(撤销), illegal (确认违法) or remade (责令重作)", kind);
	if (reason == NULL || reason[0] == '\0')
		return zf_fail(e, EX_USAGE, "--reason is required");
	if (zf_text_check(reason, 4000, 1, &why) != 0)
		return zf_fail(e, EX_DATAERR, "reason %s", why);
	return 0;
}

static int
record_revoke(struct zf_archive *a, const char *case_id, const char *kind,
    const char *reason)
{
	struct zf_case_state s;
	struct zf_json *data, *clocks = NULL;
	char when[26];
	int rc;

	if ((rc = check_revoke(a, case_id, kind, reason)) != 0 ||
	    (rc = zf_case_state(a, case_id, &s)) != 0)
		return rc;
	if ((rc = zf_clocks_plan_step(a, case_id, s.kind, "revoke",
	    zf_archive_today(a), s.published ? ZF_WHEN_PUBLISHED : 0,
	    &clocks)) != 0)
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

int
zf_decision_revoke(struct zf_archive *a, const char *case_id,
    const char *kind, const char *reason)
{
	int rc;

	if ((rc = check_revoke(a, case_id, kind, reason)) != 0 ||
	    (rc = zf_archive_begin(a)) != 0)
		return rc;
	return zf_case_commit(a, record_revoke(a, case_id, kind, reason));
}
