/*
 * events: how the events of cases change the derived tables (cases,
 * officers, evidence, reads, steps, decisions, reviews) and the clocks
 * that any event of a case may carry.
 */
#include "cases/events.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "cases/correct.h"
#include "cases/deadline.h"
#include "record/apply.h"
#include "record/db.h"
#include "record/journal.h"

static int
apply_case_filed(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "INSERT INTO cases (id, year, n, number, "
	    "kind, stage, party_name, party_kind, party_id, cause, filed, "
	    "source, field, major, filed_by, seq, conduct, party_rep, "
	    "party_address, party_phone) VALUES (?, ?, ?, ?, ?, 'filed', ?, "
	    "?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)";
	static const char sql_officer[] = "INSERT INTO case_officers "
	    "(case_id, person, ord) VALUES (?, ?, ?)";
	const struct zf_json *d = ev->data, *party, *officers;
	int64_t year, n;
	sqlite3_stmt *st;
	size_t i;

	party = zf_json_get(d, "party");
	officers = zf_json_get(d, "officers");
	if (ev->case_id == NULL || party == NULL || officers == NULL ||
	    zf_json_type(officers) != ZF_JSON_ARRAY ||
	    zf_json_get_int(d, "year", &year) != 0 ||
	    zf_json_get_int(d, "n", &n) != 0 ||
	    zf_json_get_str(d, "number") == NULL ||
	    zf_json_get_str(d, "kind") == NULL ||
	    zf_json_get_str(party, "name") == NULL ||
	    zf_json_get_str(party, "kind") == NULL ||
	    zf_json_get_str(d, "cause") == NULL ||
	    zf_json_get_str(d, "filed") == NULL)
		return zf_apply_bad(e, ev, "incomplete case");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, ev->case_id);
	sqlite3_bind_int64(st, 2, year);
	sqlite3_bind_int64(st, 3, n);
	zf_db_bind_text(st, 4, zf_json_get_str(d, "number"));
	zf_db_bind_text(st, 5, zf_json_get_str(d, "kind"));
	zf_db_bind_text(st, 6, zf_json_get_str(party, "name"));
	zf_db_bind_text(st, 7, zf_json_get_str(party, "kind"));
	zf_db_bind_text(st, 8, zf_json_get_str(party, "id"));
	zf_db_bind_text(st, 9, zf_json_get_str(d, "cause"));
	zf_db_bind_text(st, 10, zf_json_get_str(d, "filed"));
	zf_db_bind_text(st, 11, zf_json_get_str(d, "source"));
	zf_db_bind_text(st, 12, zf_json_get_str(d, "field"));
	zf_db_bind_text(st, 13, ev->actor);
	sqlite3_bind_int64(st, 14, ev->seq);
	zf_db_bind_text(st, 15, zf_json_get_str(d, "conduct"));
	zf_db_bind_text(st, 16, zf_json_get_str(party, "rep"));
	zf_db_bind_text(st, 17, zf_json_get_str(party, "address"));
	zf_db_bind_text(st, 18, zf_json_get_str(party, "phone"));
	if (zf_db_done(db, st, e, "cannot record the case") != 0)
		return e->code;
	for (i = 0; i < zf_json_len(officers); i++) {
		const struct zf_json *o = zf_json_at(officers, i);

		if (zf_json_type(o) != ZF_JSON_STRING)
			return zf_apply_bad(e, ev, "officer is not a string");
		if ((st = zf_db_stmt(db, sql_officer, e)) == NULL)
			return e->code;
		zf_db_bind_text(st, 1, ev->case_id);
		zf_db_bind_text(st, 2, zf_json_str(o));
		sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
		if (zf_db_done(db, st, e, "cannot record an officer") != 0)
			return e->code;
	}
	return 0;
}

static int
apply_evidence_added(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "INSERT INTO evidence (id, year, n, case_id, "
	    "digest, size, kind, title, name, stage, recorded_by, recorded_at, "
	    "device, location, access, secret_kind, added_by, seq, sha256) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const text[] = { "name", "stage", "recorded_by",
	    "recorded_at", "device", "location", "access", "secret_kind",
	    NULL };
	const struct zf_json *d = ev->data;
	const char *id = zf_json_get_str(d, "id");
	const char *digest = zf_json_get_str(d, "digest");
	const char *sha256 = zf_json_get_str(d, "sha256");
	int64_t year, n, size;
	sqlite3_stmt *st;
	int i;

	if (ev->case_id == NULL || id == NULL || digest == NULL ||
	    sha256 == NULL || zf_json_get_int(d, "year", &year) != 0 ||
	    zf_json_get_int(d, "n", &n) != 0 ||
	    zf_json_get_int(d, "size", &size) != 0 ||
	    zf_json_get_str(d, "kind") == NULL ||
	    zf_json_get_str(d, "title") == NULL ||
	    zf_json_get_str(d, "access") == NULL)
		return zf_apply_bad(e, ev, "incomplete evidence");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, year);
	sqlite3_bind_int64(st, 3, n);
	zf_db_bind_text(st, 4, ev->case_id);
	zf_db_bind_text(st, 5, digest);
	sqlite3_bind_int64(st, 6, size);
	zf_db_bind_text(st, 7, zf_json_get_str(d, "kind"));
	zf_db_bind_text(st, 8, zf_json_get_str(d, "title"));
	for (i = 0; text[i] != NULL; i++)
		zf_db_bind_text(st, 9 + i, zf_json_get_str(d, text[i]));
	zf_db_bind_text(st, 17, ev->actor);
	sqlite3_bind_int64(st, 18, ev->seq);
	zf_db_bind_text(st, 19, sha256);
	if (zf_db_done(db, st, e, "cannot record the evidence") != 0)
		return e->code;
	return zf_apply_object(db, digest, size, ev->seq, e);
}

static int
apply_evidence_read(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "INSERT INTO reads (seq, evidence_id, "
	    "case_id, actor, time, reason) VALUES (?, ?, ?, ?, ?, ?)";
	const char *id = zf_json_get_str(ev->data, "evidence");
	const char *reason = zf_json_get_str(ev->data, "reason");

	if (ev->case_id == NULL || id == NULL || reason == NULL)
		return zf_apply_bad(e, ev, "incomplete read record");
	return zf_db_run(db, sql, e, "cannot record the read", "ittttt",
	    (int64_t)ev->seq, id, ev->case_id, ev->actor, ev->time, reason);
}

/* Writes the case's stage, and the steps table, for every step event. */
static int
put_step(struct zf_db *db, const struct zf_event *ev, const char *step,
    struct zf_err *e)
{
	static const char sql[] = "INSERT INTO steps (seq, case_id, step, at, "
	    "stage, actor, method, note, doc, approved_by) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?)";
	static const char sql_case[] = "UPDATE cases SET stage = ?2, "
	    /* The stage to resume to is set when the case is suspended and
	     * kept while it stays so; it means nothing otherwise. */
	    "prior_stage = CASE WHEN ?2 != 'suspended' THEN NULL "
	    "WHEN stage = 'suspended' THEN prior_stage ELSE ?3 END "
	    "WHERE id = ?1";
	const struct zf_json *d = ev->data;
	const char *stage = zf_json_get_str(d, "stage");
	const char *at = zf_json_get_str(d, "at");
	sqlite3_stmt *st;

	if (ev->case_id == NULL || stage == NULL || at == NULL)
		return zf_apply_bad(e, ev, "a step without case, stage or "
		    "time");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, ev->seq);
	zf_db_bind_text(st, 2, ev->case_id);
	zf_db_bind_text(st, 3, step);
	zf_db_bind_text(st, 4, at);
	zf_db_bind_text(st, 5, stage);
	zf_db_bind_text(st, 6, ev->actor);
	zf_db_bind_text(st, 7, zf_json_get_str(d, "method"));
	zf_db_bind_text(st, 8, zf_json_get_str(d, "note"));
	zf_db_bind_text(st, 9, zf_json_get_str(d, "doc"));
	zf_db_bind_text(st, 10, zf_json_get_str(d, "approved_by"));
	if (zf_db_done(db, st, e, "cannot record the step") != 0)
		return e->code;
	return zf_db_run(db, sql_case, e, "cannot move the case", "ttt",
	    ev->case_id, stage, zf_json_get_str(d, "prior"));
}

static int
apply_case_step(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql_pub[] = "UPDATE cases SET published = ?2 "
	    "WHERE id = ?1";
	const char *step = zf_json_get_str(ev->data, "step");

	if (step == NULL)
		return zf_apply_bad(e, ev, "a step without its name");
	if (put_step(db, ev, step, e) != 0)
		return e->code;
	if (strcmp(step, "reassign") == 0) {
		static const char sql_officer[] = "UPDATE case_officers SET "
		    "person = ?3 WHERE case_id = ?1 AND person = ?2";
		const char *from = zf_json_get_str(ev->data, "replaces");
		const char *to = zf_json_get_str(ev->data, "officer");

		if (from == NULL || to == NULL)
			return zf_apply_bad(e, ev, "a reassignment without "
			    "officer or replaces");
		return zf_db_run(db, sql_officer, e, "cannot reassign the "
		    "case", "ttt", ev->case_id, from, to);
	}
	if (strcmp(step, "mark-major") == 0) {
		static const char sql_major[] = "UPDATE cases SET major = 1, "
		    "major_manual = ?2 WHERE id = ?1";

		return zf_db_run(db, sql_major, e, "cannot mark the case",
		    "tt", ev->case_id, zf_json_get_str(ev->data, "note"));
	}
	if (strcmp(step, "publish") != 0 && strcmp(step, "withdraw") != 0)
		return 0;
	return zf_db_run(db, sql_pub, e, "cannot mark the publication", "tn",
	    ev->case_id, strcmp(step, "publish") == 0);
}

static int
apply_decision_issued(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "INSERT INTO decisions (seq, case_id, year, "
	    "kind, n, number, outcome, measures, fine_fen, doc, at, "
	    "party_absent, issued_by, state, basis) VALUES (?1, ?2, ?3, "
	    "(SELECT kind FROM cases WHERE id = ?2), ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11, ?12, 'in-force', ?13)";
	static const char sql_case[] = "UPDATE cases SET decision_seq = ?2, "
	    "fine_fen = ?3 WHERE id = ?1";
	const struct zf_json *d = ev->data;
	const struct zf_json *measures = zf_json_get(d, "measures");
	int64_t year, n, fen;
	int has_fine;
	char *text;
	sqlite3_stmt *st;

	if (zf_json_get_str(d, "number") == NULL ||
	    zf_json_get_str(d, "outcome") == NULL || measures == NULL ||
	    zf_json_get_int(d, "year", &year) != 0 ||
	    zf_json_get_int(d, "n", &n) != 0)
		return zf_apply_bad(e, ev, "incomplete decision");
	has_fine = zf_json_get_int(d, "fine_fen", &fen) == 0;
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, ev->seq);
	zf_db_bind_text(st, 2, ev->case_id);
	sqlite3_bind_int64(st, 3, year);
	if (n > 0)	/* 0: numbered by hand, outside the count */
		sqlite3_bind_int64(st, 4, n);
	zf_db_bind_text(st, 5, zf_json_get_str(d, "number"));
	zf_db_bind_text(st, 6, zf_json_get_str(d, "outcome"));
	text = zf_json_canonical(measures, NULL);
	zf_db_bind_text(st, 7, text);
	free(text);
	if (has_fine)
		sqlite3_bind_int64(st, 8, fen);
	zf_db_bind_text(st, 9, zf_json_get_str(d, "doc"));
	zf_db_bind_text(st, 10, zf_json_get_str(d, "at"));
	sqlite3_bind_int(st, 11, zf_json_get_bool(d, "party_absent") == 1);
	zf_db_bind_text(st, 12, ev->actor);
	zf_db_bind_text(st, 13, zf_json_get_str(d, "basis"));
	if (zf_db_done(db, st, e, "cannot record the decision") != 0 ||
	    put_step(db, ev, "decide", e) != 0)
		return e->code;
	if ((st = zf_db_stmt(db, sql_case, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, ev->case_id);
	sqlite3_bind_int64(st, 2, ev->seq);
	if (has_fine)
		sqlite3_bind_int64(st, 3, fen);
	return zf_db_done(db, st, e, "cannot record the decision");
}

static int
apply_decision_revoked(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "UPDATE decisions SET state = ?2, "
	    "revoked_seq = ?3, revoke_reason = ?4 WHERE seq = ?1";
	static const char sql_case[] = "UPDATE cases SET decision_seq = NULL, "
	    "fine_fen = NULL WHERE id = ?1";
	const struct zf_json *d = ev->data;
	int64_t decision;
	sqlite3_stmt *st;

	if (zf_json_get_int(d, "decision", &decision) != 0 ||
	    zf_json_get_str(d, "kind") == NULL ||
	    zf_json_get_str(d, "reason") == NULL)
		return zf_apply_bad(e, ev, "incomplete revocation");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, decision);
	zf_db_bind_text(st, 2, zf_json_get_str(d, "kind"));
	sqlite3_bind_int64(st, 3, ev->seq);
	zf_db_bind_text(st, 4, zf_json_get_str(d, "reason"));
	if (zf_db_done(db, st, e, "cannot revoke the decision") != 0 ||
	    put_step(db, ev, "revoke", e) != 0)
		return e->code;
	return zf_db_run(db, sql_case, e, "cannot revoke the decision", "t",
	    ev->case_id);
}

static int
apply_decision_corrected(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	const struct zf_json *d = ev->data;
	int64_t decision;

	if (zf_json_get_int(d, "decision", &decision) != 0 ||
	    zf_json_get_str(d, "field") == NULL ||
	    zf_json_get_str(d, "value") == NULL ||
	    zf_json_get_str(d, "reason") == NULL)
		return zf_apply_bad(e, ev, "incomplete correction");
	return zf_correct_apply(db, ev->case_id, decision,
	    zf_json_get_str(d, "field"), zf_json_get_str(d, "value"), e);
}

static int
apply_review_submitted(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "INSERT INTO reviews (case_id, round, seq, "
	    "submitted_by, at, proposal, materials, statement, draft, major, "
	    "reasons, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "'submitted')";
	static const char sql_case[] = "UPDATE cases SET review_round = ?2, "
	    "review_status = 'submitted', major = (?3 OR major_manual IS NOT "
	    "NULL) WHERE id = ?1";
	const struct zf_json *d = ev->data;
	const struct zf_json *p = zf_json_get(d, "proposal");
	const struct zf_json *reasons = zf_json_get(d, "reasons");
	int64_t round;
	char *text;
	sqlite3_stmt *st;
	int major = zf_json_get_bool(d, "major") == 1;

	if (zf_json_get_int(d, "round", &round) != 0 || p == NULL ||
	    reasons == NULL || zf_json_get_str(d, "materials") == NULL ||
	    zf_json_get_str(d, "statement") == NULL ||
	    zf_json_get_str(d, "draft") == NULL)
		return zf_apply_bad(e, ev, "incomplete review submission");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, ev->case_id);
	sqlite3_bind_int64(st, 2, round);
	sqlite3_bind_int64(st, 3, ev->seq);
	zf_db_bind_text(st, 4, ev->actor);
	zf_db_bind_text(st, 5, zf_json_get_str(d, "at"));
	text = zf_json_canonical(p, NULL);
	zf_db_bind_text(st, 6, text);
	free(text);
	zf_db_bind_text(st, 7, zf_json_get_str(d, "materials"));
	zf_db_bind_text(st, 8, zf_json_get_str(d, "statement"));
	zf_db_bind_text(st, 9, zf_json_get_str(d, "draft"));
	sqlite3_bind_int(st, 10, major);
	text = zf_json_canonical(reasons, NULL);
	zf_db_bind_text(st, 11, text);
	free(text);
	if (zf_db_done(db, st, e, "cannot record the review") != 0 ||
	    put_step(db, ev, "review-submit", e) != 0)
		return e->code;
	return zf_db_run(db, sql_case, e, "cannot record the review", "tin",
	    ev->case_id, (int64_t)round, major);
}

static int
apply_review_decided(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "UPDATE reviews SET status = ?3, "
	    "decided_seq = ?4, reviewer = ?5, opinion = ?6, points = ?7, "
	    "opinion_doc = ?8 WHERE case_id = ?1 AND round = ?2";
	static const char sql_case[] = "UPDATE cases SET review_status = ?2 "
	    "WHERE id = ?1";
	static const char *const status[][2] = { { "approve", "approved" },
		{ "return", "returned" }, { "reject", "rejected" } };
	const struct zf_json *d = ev->data;
	const char *verdict = zf_json_get_str(d, "verdict"), *to = NULL;
	const struct zf_json *points = zf_json_get(d, "points");
	int64_t round;
	sqlite3_stmt *st;
	char *text;
	size_t i;

	for (i = 0; verdict != NULL && i < 3; i++)
		if (strcmp(verdict, status[i][0]) == 0)
			to = status[i][1];
	if (to == NULL || points == NULL ||
	    zf_json_get_int(d, "round", &round) != 0 ||
	    zf_json_get_str(d, "opinion") == NULL)
		return zf_apply_bad(e, ev, "incomplete review decision");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, ev->case_id);
	sqlite3_bind_int64(st, 2, round);
	zf_db_bind_text(st, 3, to);
	sqlite3_bind_int64(st, 4, ev->seq);
	zf_db_bind_text(st, 5, ev->actor);
	zf_db_bind_text(st, 6, zf_json_get_str(d, "opinion"));
	text = zf_json_canonical(points, NULL);
	zf_db_bind_text(st, 7, text);
	free(text);
	zf_db_bind_text(st, 8, zf_json_get_str(d, "doc"));
	if (zf_db_done(db, st, e, "cannot record the review") != 0 ||
	    put_step(db, ev, "review-decide", e) != 0)
		return e->code;
	return zf_db_run(db, sql_case, e, "cannot record the review", "tt",
	    ev->case_id, to);
}

/* Any event of a case may carry the clocks it moved. */
static int
apply_clocks(struct zf_db *db, const struct zf_event *ev, struct zf_err *e)
{
	if (ev->case_id == NULL)
		return 0;
	return zf_clocks_apply(db, ev->case_id, ev->seq,
	    zf_json_get(ev->data, "clocks"), e);
}

/* The directory of a draw's commitment is stored (draw.h); the draw
 * itself files its cases by case.filed events of their own. */
static int
apply_draw_committed(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	const char *object = zf_json_get_str(ev->data, "object");
	int64_t size;

	if (object == NULL || zf_json_get_int(ev->data, "size", &size) != 0 ||
	    zf_json_get(ev->data, "commitment") == NULL)
		return zf_apply_bad(e, ev, "a commitment without its "
		    "directory");
	return zf_apply_object(db, object, size, ev->seq, e);
}

static int
apply_draw_made(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	int64_t committed;

	(void)db;
	if (zf_json_get_int(ev->data, "committed", &committed) != 0 ||
	    zf_json_get_str(ev->data, "value") == NULL ||
	    zf_json_get(ev->data, "result") == NULL)
		return zf_apply_bad(e, ev, "a draw without its commitment, "
		    "value or result");
	return 0;
}

static const struct zf_applier case_types[] = {
	{ "draw.committed", apply_draw_committed },
	{ "draw.made", apply_draw_made },
	{ "case.filed", apply_case_filed },
	{ "case.step", apply_case_step },
	{ "decision.issued", apply_decision_issued },
	{ "decision.corrected", apply_decision_corrected },
	{ "decision.revoked", apply_decision_revoked },
	{ "evidence.added", apply_evidence_added },
	{ "evidence.read", apply_evidence_read },
	{ "review.decided", apply_review_decided },
	{ "review.submitted", apply_review_submitted },
};

static const struct zf_appliers case_appliers = {
	case_types, sizeof(case_types) / sizeof(case_types[0]), apply_clocks
};

void
zf_cases_register(void)
{
	zf_apply_register(&case_appliers);
}
