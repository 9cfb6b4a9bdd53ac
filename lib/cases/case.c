/* case: filing cases and reading them back. */
#include "cases/case.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "base/buf.h"
#include "record/db.h"
#include "cases/deadline.h"
#include "base/ident.h"
#include "record/journal.h"
#include "base/json.h"
#include "rules/permissions.h"
#include "rules/procedure.h"
#include "base/text.h"
#include "base/when.h"

static const char *const party_kinds[] = { "person", "org", "business",
    NULL };

static int
check_field(struct zf_archive *a, const char *what, const char *s,
    size_t max, int required, int multiline)
{
	struct zf_err *e = zf_archive_err(a);
	const char *why;

	if (s == NULL || s[0] == '\0') {
		if (required)
			return zf_fail(e, EX_DATAERR, "%s is required",
			    what);
		return 0;
	}
	if (zf_text_check(s, max, multiline, &why) != 0)
		return zf_fail(e, EX_DATAERR, "%s %s", what, why);
	return 0;
}

int
zf_case_check_party(struct zf_archive *a, const struct zf_case_input *in)
{
	struct zf_err *e = zf_archive_err(a);
	const char *kind = in->party_kind ? in->party_kind : "person";
	const char *why = NULL, *why2 = NULL;
	char norm[19];

	if (!zf_case_one_of(kind, party_kinds))
		return zf_fail(e, EX_DATAERR, "party kind '%s' is not "
		    "person, org or business", kind);
	if (in->party_id == NULL || in->party_id[0] == '\0')
		return 0;
	if (strcmp(kind, "person") == 0) {
		if (zf_ident_citizen(in->party_id, norm, &why) != 0)
			return zf_fail(e, EX_DATAERR, "party id '%s' is "
			    "not a valid citizen identity number (GB 11643): "
			    "%s", in->party_id, why);
	} else if (strcmp(kind, "org") == 0) {
		if (zf_ident_uscc(in->party_id, norm, &why) != 0)
			return zf_fail(e, EX_DATAERR, "party id '%s' is "
			    "not a valid unified social credit code "
			    "(GB 32100): %s", in->party_id, why);
	} else if (zf_ident_uscc(in->party_id, norm, &why) != 0 &&
	    zf_ident_citizen(in->party_id, norm, &why2) != 0) {
		return zf_fail(e, EX_DATAERR, "party id '%s' is neither "
		    "a unified social credit code (%s) nor a citizen "
		    "identity number (%s)", in->party_id, why, why2);
	}
	return 0;
}

/* The person's fields for a message, in a static buffer. */
static const char *
fields_of(const struct zf_person *p)
{
	static char text[512];
	size_t i, len = 0;

	text[0] = '\0';
	for (i = 0; p->fields != NULL && p->fields[i] != NULL; i++)
		len += snprintf(text + len, len < sizeof(text) ?
		    sizeof(text) - len : 0, "%s%s", i ? "、" : "",
		    p->fields[i]);
	return text;
}

static int
check_officers(struct zf_archive *a, const struct zf_case_input *in,
    int32_t filed)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_person *actor = zf_archive_person(a);
	const struct zf_config *cfg = zf_archive_config(a);
	struct zf_may_facts f;
	const char *conflict;
	char day[11];
	size_t i, j;
	int actor_is_officer = 0;

	zf_date_format(filed, day);
	if (in->nofficers < 2)
		return zf_fail(e, EX_NOPERM, "a case needs at least two "
		    "officers (行政处罚法 Art 42); %zu given", in->nofficers);
	for (i = 0; i < in->nofficers; i++) {
		const struct zf_person *p = zf_config_person(cfg,
		    in->officers[i]);

		for (j = 0; j < i; j++)
			if (strcmp(in->officers[j], in->officers[i]) == 0)
				return zf_fail(e, EX_NOPERM, "officer "
				    "'%s' is named twice; a case needs two "
				    "different officers", in->officers[i]);
		if (p == NULL)
			return zf_fail(e, EX_NOPERM, "officer '%s' is "
			    "not a person in %s", in->officers[i], cfg->path);
		if (p->role != ZF_ROLE_OFFICER && p->role != ZF_ROLE_HEAD)
			return zf_fail(e, EX_NOPERM, "'%s' (%s) is a "
			    "%s, not an enforcement officer", p->id, p->name,
			    zf_role_name(p->role));
		if (!zf_person_cert_valid(p, filed)) {
			char from[11], to[11];

			if (!p->has_cert)
				return zf_fail(e, EX_NOPERM, "officer "
				    "'%s' (%s) holds no enforcement "
				    "certificate (行政处罚法第四十二条)",
				    p->id, p->name);
			zf_date_format(p->cert_from, from);
			zf_date_format(p->cert_to, to);
			return zf_fail(e, EX_NOPERM, "officer '%s' (%s) "
			    "has no enforcement certificate valid on %s "
			    "(certificate %s is valid %s to %s; "
			    "行政处罚法第四十二条)", p->id, p->name, day,
			    p->certificate, from, to);
		}
		if (!zf_person_has_field(p, in->field))
			return zf_fail(e, EX_NOPERM, "officer '%s' (%s) is not "
			    "certified for the field %s: the fields of the "
			    "certificate are %s (行政处罚法第四十二条; "
			    "fields: in zhifa.yaml)", p->id, p->name,
			    in->field, fields_of(p));
		if ((conflict = zf_conflict(p, in->party,
		    in->party_id)) != NULL)
			return zf_fail(e, EX_NOPERM, "officer '%s' (%s) is in "
			    "recusal (回避) for this party: a standing "
			    "conflict ('%s' in zhifa.yaml)", p->id, p->name,
			    conflict);
		if (actor != NULL && strcmp(actor->id, p->id) == 0)
			actor_is_officer = 1;
	}
	memset(&f, 0, sizeof(f));
	f.handles = actor_is_officer;
	f.day = filed;
	return zf_may(cfg, actor, ZF_ACT_FILE, &f, e);
}

/*
 * An act recorded late (--at, --filed) may have happened at most
 * late_entry_max_days before its recording (zhifa.yaml recording:).
 */
static int
late_limit(struct zf_archive *a, int32_t day, const char *given)
{
	int max = zf_archive_config(a)->late_entry_max_days;

	if (day >= zf_archive_today(a) - max)
		return 0;
	return zf_fail(zf_archive_err(a), EX_DATAERR, "'%s' is more than %d "
	    "days before today: an act is recorded within %d days of it "
	    "(recording: late_entry_max_days in zhifa.yaml)", given, max,
	    max);
}

static int
filed_day(struct zf_archive *a, const struct zf_case_input *in,
    int32_t *filed)
{
	struct zf_err *e = zf_archive_err(a);

	if (in->filed == NULL || in->filed[0] == '\0') {
		*filed = zf_archive_today(a);
		return 0;
	}
	if (zf_date_parse(in->filed, filed) != 0)
		return zf_fail(e, zf_when_refusal(in->filed, 0), "filing date "
		    "'%s' is not a date YYYY-MM-DD", in->filed);
	if (late_limit(a, *filed, in->filed) != 0)
		return e->code;
	if (*filed > zf_archive_today(a))
		return zf_fail(e, EX_DATAERR, "filing date %s is in the "
		    "future", in->filed);
	return 0;
}

/* 经营性 or 非经营性 conduct: catalogs set fine thresholds by it. */
static const char *
conduct_name(const char *conduct)
{
	if (strcmp(conduct, "business") == 0 || strcmp(conduct, "经营性") == 0)
		return "business";
	if (strcmp(conduct, "non-business") == 0 ||
	    strcmp(conduct, "非经营性") == 0)
		return "non-business";
	return NULL;
}

static int
check_conduct(struct zf_archive *a, const char *conduct)
{
	struct zf_err *e = zf_archive_err(a);

	if (conduct == NULL || conduct_name(conduct) != NULL)
		return 0;
	return zf_fail(e, EX_DATAERR, "conduct '%s' is not business "
	    "(经营性) or non-business (非经营性)", conduct);
}

int
zf_case_check(struct zf_archive *a, const struct zf_case_input *in)
{
	struct zf_err *e = zf_archive_err(a);
	int32_t filed;
	int rc;

	if (zf_case_kind_find(in->kind) == NULL)
		return zf_fail(e, in->kind ? EX_DATAERR : EX_USAGE,
		    "case kind '%s' is not one of penalty, compulsion, "
		    "inspection, levy, licensing (or 处罚 强制 检查 征收 许可)",
		    in->kind ? in->kind : "");
	if ((rc = check_field(a, "party name", in->party, 300, 1, 0)) != 0 ||
	    (rc = zf_case_check_party(a, in)) != 0 ||
	    (rc = check_field(a, "party representative", in->party_rep, 100,
	    0, 0)) != 0 ||
	    (rc = check_field(a, "party address", in->party_address, 500, 0,
	    0)) != 0 ||
	    (rc = check_field(a, "party phone", in->party_phone, 40, 0,
	    0)) != 0 ||
	    (rc = check_field(a, "cause", in->cause, 4000, 1, 1)) != 0 ||
	    (rc = check_field(a, "source", in->source, 1000, 0, 0)) != 0 ||
	    (rc = check_field(a, "field", in->field, 200, 0, 0)) != 0 ||
	    (rc = check_conduct(a, in->conduct)) != 0 ||
	    (rc = filed_day(a, in, &filed)) != 0)
		return rc;
	return check_officers(a, in, filed);
}

int
zf_case_file(struct zf_archive *a, const struct zf_case_input *in, char **id)
{
	const struct zf_case_kind *kind;
	struct zf_json *data, *party, *officers;
	char day[11], norm[19], *number;
	const char *why;
	int32_t filed;
	int year, month, mday, rc;
	int64_t n = 0;
	size_t i;

	*id = NULL;
	if ((rc = zf_case_check(a, in)) != 0)
		return rc;
	kind = zf_case_kind_find(in->kind);
	filed_day(a, in, &filed);
	zf_date_format(filed, day);
	zf_date_ymd(filed, &year, &month, &mday);
	if ((rc = zf_db_int(zf_archive_db(a), "SELECT coalesce(max(n), 0) + 1 "
	    "FROM cases WHERE year = ?", year, &n, zf_archive_err(a))) != 0)
		return rc;
	*id = xasprintf("C%d-%04lld", year, (long long)n);
	number = zf_config_case_number(zf_archive_config(a), kind->letter,
	    year, n);

	party = zf_json_object();
	zf_json_set_str(party, "name", in->party);
	zf_json_set_str(party, "kind", in->party_kind ? in->party_kind :
	    "person");
	if (in->party_id != NULL && in->party_id[0] != '\0') {
		/* Store the normalised form (upper-case X, for one). */
		if (zf_ident_citizen(in->party_id, norm, &why) != 0 &&
		    zf_ident_uscc(in->party_id, norm, &why) != 0)
			snprintf(norm, sizeof(norm), "%s", in->party_id);
		zf_json_set_str(party, "id", norm);
	}
	if (in->party_rep != NULL && in->party_rep[0] != '\0')
		zf_json_set_str(party, "rep", in->party_rep);
	if (in->party_address != NULL && in->party_address[0] != '\0')
		zf_json_set_str(party, "address", in->party_address);
	if (in->party_phone != NULL && in->party_phone[0] != '\0')
		zf_json_set_str(party, "phone", in->party_phone);
	officers = zf_json_array();
	for (i = 0; i < in->nofficers; i++)
		zf_json_push(officers, zf_json_string(in->officers[i]));
	data = zf_json_object();
	zf_json_set_str(data, "id", *id);
	zf_json_set_int(data, "year", year);
	zf_json_set_int(data, "n", n);
	zf_json_set_str(data, "number", number);
	zf_json_set_str(data, "kind", kind->name);
	zf_json_set(data, "party", party);
	zf_json_set_str(data, "cause", in->cause);
	zf_json_set(data, "officers", officers);
	zf_json_set_str(data, "filed", day);
	if (in->source != NULL && in->source[0] != '\0')
		zf_json_set_str(data, "source", in->source);
	if (in->field != NULL && in->field[0] != '\0')
		zf_json_set_str(data, "field", in->field);
	if (in->conduct != NULL)
		zf_json_set_str(data, "conduct", conduct_name(in->conduct));
	free(number);
	{
		struct zf_json *clocks = NULL;

		if ((rc = zf_clocks_plan_step(a, *id, kind->name, "filed",
		    filed, 0, &clocks)) != 0) {
			zf_json_free(data);
			free(*id);
			*id = NULL;
			return rc;
		}
		if (clocks != NULL)
			zf_json_set(data, "clocks", clocks);
	}
	rc = zf_journal_append(a, "case.filed", *id, data, NULL);
	if (rc != 0) {
		free(*id);
		*id = NULL;
	}
	return rc;
}

int
zf_case_new(struct zf_archive *a, const struct zf_case_input *in, char **id)
{
	int rc;

	*id = NULL;
	if ((rc = zf_case_check(a, in)) != 0 ||
	    (rc = zf_archive_begin(a)) != 0)
		return rc;
	if ((rc = zf_case_commit(a, zf_case_file(a, in, id))) != 0) {
		free(*id);
		*id = NULL;
	}
	return rc;
}

int
zf_case_commit(struct zf_archive *a, int rc)
{
	if (rc != 0) {
		zf_archive_abort(a);
		return rc;
	}
	return zf_archive_commit(a);
}

int
zf_case_exists(struct zf_archive *a, const char *id)
{
	static const char sql[] = "SELECT 1 FROM cases WHERE id = ?";

	return zf_case_found(a, sql, id, NULL);
}

int
zf_case_found(struct zf_archive *a, const char *sql, const char *p1,
    const char *p2)
{
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	int rc;

	if (st == NULL)
		return -1;
	zf_db_bind_text(st, 1, p1);
	if (sqlite3_bind_parameter_count(st) > 1)
		zf_db_bind_text(st, 2, p2);
	rc = zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read the archive");
	sqlite3_reset(st);
	return rc;
}

int
zf_case_one_of(const char *s, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

int
zf_case_row(struct zf_archive *a, const char *sql, const char *id,
    sqlite3_stmt **st)
{
	struct zf_err *e = zf_archive_err(a);

	if ((*st = zf_db_stmt(zf_archive_db(a), sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(*st, 1, id);
	switch (zf_db_row(zf_archive_db(a), *st, e, "cannot read cases")) {
	case -1:
		return e->code;
	case 0:
		return zf_fail(e, EX_NOINPUT, "no case '%s'", id);
	}
	return 0;
}

int
zf_case_has_officer(struct zf_archive *a, const char *id, const char *person)
{
	return zf_case_found(a, "SELECT 1 FROM case_officers WHERE "
	    "case_id = ? AND person = ?", id, person);
}

int
zf_case_has_step(struct zf_archive *a, const char *id, const char *step)
{
	return zf_case_found(a, "SELECT 1 FROM steps WHERE case_id = ? AND "
	    "step = ?", id, step);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Sets o's members keys[0], keys[1] ... to the texts of columns first ... */
static void
set_texts(struct zf_json *o, sqlite3_stmt *st, int first,
    const char *const *keys)
{
	int i;

	for (i = 0; keys[i] != NULL; i++)
		zf_json_set_str(o, keys[i], col(st, first + i));
}

/* Makes the JSON of one row a statement found. */
typedef struct zf_json *(*row_fn)(struct zf_archive *a, sqlite3_stmt *st);

/* The rows sql finds for the case id, each made by row, as a list. */
static struct zf_json *
rows_of(struct zf_archive *a, const char *sql, const char *id, row_fn row)
{
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	struct zf_json *list = zf_json_array();

	if (st == NULL)
		return list;
	zf_db_bind_text(st, 1, id);
	while (zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read a case") == 1)
		zf_json_push(list, row(a, st));
	sqlite3_reset(st);
	return list;
}

/* The lists zf_case_show gives of a case, each read by rows_of. */
#define DECISION_COLUMNS "number, outcome, measures, fine_fen, doc, at, " \
    "party_absent, issued_by, state, revoke_reason, basis"

static const char officers_sql[] = "SELECT person FROM case_officers "
    "WHERE case_id = ? ORDER BY ord";

static const char evidence_sql[] = "SELECT id, sha256, kind, title, "
    "size, name, access, secret_kind, recorded_by, recorded_at, added_by, "
    "digest FROM evidence WHERE case_id = ? ORDER BY seq";

/* Every decision of the case, revoked ones too. */
static const char decisions_sql[] = "SELECT " DECISION_COLUMNS
    " FROM decisions WHERE case_id = ? ORDER BY seq";

static const char steps_sql[] = "SELECT s.seq, s.step, s.at, s.stage, "
    "s.actor, s.method, s.note, s.doc, s.approved_by, j.time FROM steps s "
    "LEFT JOIN journal j ON j.seq = s.seq WHERE s.case_id = ? "
    "ORDER BY s.seq";

static const char reviews_sql[] = "SELECT round, submitted_by, at, "
    "proposal, major, reasons, status, reviewer, opinion, points, "
    "opinion_doc, statement, draft FROM reviews WHERE case_id = ? "
    "ORDER BY round";

static struct zf_json *
officer_row(struct zf_archive *a, sqlite3_stmt *st)
{
	return zf_json_string(col(st, 0));
}

/* What the public site shows of the case (publish.h), or NULL. */
static struct zf_json *
publication_of(struct zf_archive *a, const char *id)
{
	static const char sql[] = "SELECT state, first, ended, until, idx, "
	    "updated, reason FROM publications WHERE case_id = ?";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	struct zf_json *p;
	const char *state;

	if (st == NULL)
		return NULL;
	p = zf_json_object();
	zf_db_bind_text(st, 1, id);
	if (zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read the publication") != 1) {
		zf_json_set_str(p, "status", "none");
		zf_json_set(p, "published", zf_json_null());
		zf_json_set(p, "withdrawn", zf_json_null());
		return p;
	}
	state = col(st, 0);
	zf_json_set_str(p, "status", state);
	zf_json_set_str(p, "published", col(st, 1));
	if (strcmp(state, "withdrawn") == 0)
		zf_json_set_str(p, "withdrawn", col(st, 2));
	else
		zf_json_set(p, "withdrawn", zf_json_null());
	if (strcmp(state, "expired") == 0)
		zf_json_set_str(p, "expired", col(st, 2));
	zf_json_set_str(p, "until", col(st, 3));
	zf_json_set_int(p, "index", sqlite3_column_int64(st, 4));
	zf_json_set_str(p, "updated", col(st, 5));
	if (sqlite3_column_type(st, 6) != SQLITE_NULL)
		zf_json_set_str(p, "reason", col(st, 6));
	sqlite3_reset(st);
	return p;
}

/* The party's representative, address and phone, for case-show. */
static int
party_details(struct zf_archive *a, const char *id, struct zf_json *party)
{
	static const char sql[] = "SELECT party_rep, party_address, "
	    "party_phone FROM cases WHERE id = ?";
	static const char *const keys[] = { "rep", "address", "phone" };
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	int i, rc;

	if (st == NULL)
		return zf_archive_err(a)->code;
	zf_db_bind_text(st, 1, id);
	if ((rc = zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read a case")) < 0)
		return zf_archive_err(a)->code;
	if (rc == 1)
		for (i = 0; i < 3; i++)
			if (sqlite3_column_type(st, i) != SQLITE_NULL)
				zf_json_set_str(party, keys[i], col(st, i));
	sqlite3_reset(st);
	return 0;
}

/* The columns every case view starts with. */
#define CASE_COLUMNS "id, number, kind, stage, party_name, party_kind, " \
    "party_id, cause, filed, major, source, field, filed_by, " \
    "conduct, review_status, review_round, " \
    "(SELECT min(due) FROM deadlines WHERE case_id = cases.id AND " \
    "state = 'open' AND party = 0), " \
    "(SELECT d.number FROM decisions d WHERE d.seq = cases.decision_seq), " \
    "(SELECT d.outcome FROM decisions d WHERE d.seq = " \
    "cases.decision_seq), fine_fen"

static struct zf_json *
case_row(struct zf_archive *a, sqlite3_stmt *st)
{
	static const char *const party_keys[] = { "name", "kind", "id", NULL };
	static const char *const more_keys[] = { "source", "field",
		"filed_by", "conduct", "review_status", NULL };
	struct zf_json *c = zf_json_object(), *party = zf_json_object();
	const struct zf_case_kind *kind = zf_case_kind_find(col(st, 2));

	zf_json_set_str(c, "id", col(st, 0));
	zf_json_set_str(c, "number", col(st, 1));
	zf_json_set_str(c, "kind", col(st, 2));
	zf_json_set_str(c, "kind_name", kind ? kind->chinese : col(st, 2));
	zf_json_set_str(c, "stage", col(st, 3));
	zf_json_set_str(c, "stage_name", zf_stage_chinese(col(st, 3)));
	set_texts(party, st, 4, party_keys);
	zf_json_set(c, "party", party);
	zf_json_set_str(c, "cause", col(st, 7));
	zf_json_set(c, "officers", rows_of(a, officers_sql, col(st, 0),
	    officer_row));
	zf_json_set_str(c, "filed", col(st, 8));
	zf_json_set_bool(c, "major", sqlite3_column_int(st, 9));
	set_texts(c, st, 10, more_keys);
	zf_json_set_int(c, "review_round", sqlite3_column_int(st, 15));
	zf_json_set_str(c, "next_due", col(st, 16));
	/* The decision in force: its 文号, outcome and fine (in fen), each
	 * null without one. */
	zf_json_set(c, "decision_number", col(st, 17) ? zf_json_string(col(st,
	    17)) : zf_json_null());
	zf_json_set(c, "outcome", col(st, 18) ? zf_json_string(col(st, 18)) :
	    zf_json_null());
	zf_json_set(c, "fine_fen", sqlite3_column_type(st, 19) ==
	    SQLITE_NULL ? zf_json_null() : zf_json_int(
	    sqlite3_column_int64(st, 19)));
	return c;
}

static struct zf_json *
evidence_row(struct zf_archive *a, sqlite3_stmt *st)
{
	static const char *const keys[] = { "name", "access", "secret_kind",
		"recorded_by", "recorded_at", "added_by", NULL };
	struct zf_json *e = zf_json_object();

	zf_json_set_str(e, "id", col(st, 0));
	zf_json_set_str(e, "sha256", col(st, 1));
	if (zf_archive_suite(a) != ZF_SUITE_SHA256_ED25519)
		zf_json_set_str(e,
		    zf_suite_digest_name(zf_archive_suite(a)), col(st, 11));
	zf_json_set_str(e, "kind", col(st, 2));
	zf_json_set_str(e, "title", col(st, 3));
	zf_json_set_int(e, "size", sqlite3_column_int64(st, 4));
	set_texts(e, st, 5, keys);
	return e;
}

static struct zf_json *
decision_row(struct zf_archive *a, sqlite3_stmt *st)
{
	static const char *const keys[] = { "issued_by", "state",
		"revoke_reason", "basis", NULL };
	struct zf_json *d = zf_json_object(), *measures;
	char msg[128];

	zf_json_set_str(d, "number", col(st, 0));
	zf_json_set_str(d, "outcome", col(st, 1));
	measures = zf_json_parse(col(st, 2), strlen(col(st, 2)), msg,
	    sizeof(msg));
	zf_json_set(d, "measures", measures ? measures : zf_json_array());
	if (sqlite3_column_type(st, 3) == SQLITE_NULL)
		zf_json_set(d, "fine_fen", zf_json_null());
	else
		zf_json_set_int(d, "fine_fen", sqlite3_column_int64(st, 3));
	zf_json_set_str(d, "doc", col(st, 4));
	zf_json_set_str(d, "at", col(st, 5));
	zf_json_set_bool(d, "party_absent", sqlite3_column_int(st, 6));
	set_texts(d, st, 7, keys);
	return d;
}

/* The decision in force, or null. */
static struct zf_json *
decision_of(struct zf_archive *a, const char *id)
{
	static const char sql[] = "SELECT " DECISION_COLUMNS " FROM decisions "
	    "WHERE seq = (SELECT decision_seq FROM cases WHERE id = ?)";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	struct zf_json *d = NULL;

	if (st == NULL)
		return zf_json_null();
	zf_db_bind_text(st, 1, id);
	if (zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read a decision") == 1)
		d = decision_row(a, st);
	sqlite3_reset(st);
	return d != NULL ? d : zf_json_null();
}

static struct zf_json *
step_row(struct zf_archive *a, sqlite3_stmt *st)
{
	static const char *const keys[] = { "at", "stage", "actor", "method",
		"note", "doc", "approved_by", NULL };
	struct zf_json *o = zf_json_object();
	const struct zf_step_def *d = zf_step_find(col(st, 1));

	zf_json_set_int(o, "seq", sqlite3_column_int64(st, 0));
	zf_json_set_str(o, "step", col(st, 1));
	zf_json_set_str(o, "step_name", d ? d->chinese : col(st, 1));
	set_texts(o, st, 2, keys);
	/* A late entry (补录): the act's day is before its recording's. */
	if (col(st, 9) != NULL && col(st, 2) != NULL &&
	    strncmp(col(st, 2), col(st, 9), 10) < 0) {
		zf_json_set_bool(o, "late", 1);
		zf_json_set_str(o, "recorded", col(st, 9));
	}
	return o;
}

static struct zf_json *
review_row(struct zf_archive *a, sqlite3_stmt *st)
{
	static const int json_cols[] = { 3, 5, 9 };
	static const char *const json_keys[] = { "proposal", "reasons",
		"points" };
	static const char *const decided[] = { "status", "reviewer",
		"opinion", NULL };
	static const char *const documents[] = { "opinion_doc",
		"statement", "draft", NULL };
	struct zf_json *r = zf_json_object();
	char msg[128];
	int i;

	zf_json_set_int(r, "round", sqlite3_column_int(st, 0));
	zf_json_set_str(r, "submitted_by", col(st, 1));
	zf_json_set_str(r, "submitted", col(st, 2));
	zf_json_set_bool(r, "major", sqlite3_column_int(st, 4));
	set_texts(r, st, 6, decided);
	set_texts(r, st, 10, documents);
	for (i = 0; i < 3; i++) {
		const char *t = col(st, json_cols[i]);
		struct zf_json *v = t ? zf_json_parse(t, strlen(t), msg,
		    sizeof(msg)) : NULL;

		zf_json_set(r, json_keys[i], v ? v : zf_json_null());
	}
	return r;
}

int
zf_case_show(struct zf_archive *a, const char *id, struct zf_json **out)
{
	struct zf_err *e = zf_archive_err(a);
	static const char sql[] = "SELECT " CASE_COLUMNS
	    " FROM cases WHERE id = ?";
	sqlite3_stmt *st;
	struct zf_json *c, *review, *publication;
	int rc;

	*out = NULL;
	if ((rc = zf_case_row(a, sql, id, &st)) != 0)
		return rc;
	c = case_row(a, st);
	sqlite3_reset(st);
	zf_json_set(c, "evidence", rows_of(a, evidence_sql, id, evidence_row));
	review = zf_json_object();
	zf_json_set_str(review, "status", zf_json_get_str(c,
	    "review_status"));
	{
		int64_t round = 0;

		zf_json_get_int(c, "review_round", &round);
		zf_json_set_int(review, "round", round);
	}
	zf_json_set(review, "rounds", rows_of(a, reviews_sql, id,
	    review_row));
	zf_json_set(c, "review", review);
	zf_json_set(c, "decision", decision_of(a, id));
	zf_json_set(c, "decisions", rows_of(a, decisions_sql, id,
	    decision_row));
	zf_json_set(c, "steps", rows_of(a, steps_sql, id, step_row));
	{
		struct zf_deadline_filter f;
		struct zf_json *deadlines = NULL;

		memset(&f, 0, sizeof(f));
		f.today = zf_archive_today(a);
		f.until = INT32_MAX;
		f.case_id = id;
		f.party = 1;
		if (zf_deadline_list(a, &f, &deadlines) != 0)
			deadlines = zf_json_array();
		zf_json_set(c, "deadlines", deadlines);
	}
	if ((publication = publication_of(a, id)) == NULL ||
	    party_details(a, id, zf_json_get(c, "party")) != 0 ||
	    zf_db_failed(zf_archive_db(a), e) != 0) {
		zf_json_free(publication);
		zf_json_free(c);
		return e->code;
	}
	zf_json_set(c, "publication", publication);
	*out = c;
	return 0;
}

int
zf_case_list(struct zf_archive *a, const struct zf_case_filter *f,
    struct zf_json **out)
{
	struct zf_err *e = zf_archive_err(a);
	static const char sql[] = "SELECT " CASE_COLUMNS " FROM cases "
	    "WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR stage = ?2) "
	    "AND (?3 IS NULL OR id IN (SELECT case_id FROM case_officers "
	    "WHERE person = ?3)) AND (?4 = 0 OR major = 1) "
	    "AND (?5 IS NULL OR filed >= ?5) AND (?7 = 0 OR "
	    "review_status = 'submitted') AND (?6 IS NULL OR EXISTS "
	    "(SELECT 1 FROM deadlines d WHERE d.case_id = cases.id AND "
	    "d.state = 'open' AND d.party = 0 AND d.due < ?6)) "
	    "ORDER BY year, n";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	const struct zf_case_kind *kind = NULL;
	struct zf_json *list;
	int rc;

	*out = NULL;
	if (st == NULL)
		return e->code;
	if (f->kind != NULL && (kind = zf_case_kind_find(f->kind)) == NULL)
		return zf_fail(e, EX_USAGE, "case kind '%s' is not one of "
		    "penalty, compulsion, inspection, levy, licensing",
		    f->kind);
	zf_db_bind_text(st, 1, kind ? kind->name : NULL);
	zf_db_bind_text(st, 2, f->stage);
	zf_db_bind_text(st, 3, f->officer);
	sqlite3_bind_int(st, 4, f->major);
	zf_db_bind_text(st, 5, f->filed_since);
	sqlite3_bind_int(st, 7, f->awaiting_review);
	if (f->overdue) {
		char today[11];

		zf_date_format(zf_archive_today(a), today);
		zf_db_bind_text(st, 6, today);
	}
	list = zf_json_array();
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot list cases")) == 1)
		zf_json_push(list, case_row(a, st));
	if (rc < 0) {
		zf_json_free(list);
		return e->code;
	}
	*out = list;
	return 0;
}

int
zf_case_log(struct zf_archive *a, const char *id, struct zf_json **out)
{
	struct zf_err *e = zf_archive_err(a);
	static const char sql[] = "SELECT seq, time, actor, type, hash, body "
	    "FROM journal WHERE case_id = ? ORDER BY seq";
	sqlite3_stmt *st;
	struct zf_json *list;
	char hex[ZF_DIGEST_HEX], msg[256];
	int rc;

	*out = NULL;
	if ((rc = zf_case_exists(a, id)) <= 0)
		return rc < 0 ? e->code : zf_fail(e, EX_NOINPUT,
		    "no case '%s'", id);
	if ((st = zf_db_stmt(zf_archive_db(a), sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, id);
	list = zf_json_array();
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read the journal")) == 1) {
		struct zf_json *ev = zf_json_object(), *body;

		zf_json_set_int(ev, "seq", sqlite3_column_int64(st, 0));
		zf_json_set_str(ev, "time", col(st, 1));
		zf_json_set_str(ev, "actor", col(st, 2));
		zf_json_set_str(ev, "type", col(st, 3));
		if (sqlite3_column_bytes(st, 4) == ZF_DIGEST_LEN)
			zf_hex(sqlite3_column_blob(st, 4), ZF_DIGEST_LEN, hex);
		else
			hex[0] = '\0';
		zf_json_set_str(ev, "hash", hex);
		body = zf_json_parse(col(st, 5),
		    (size_t)sqlite3_column_bytes(st, 5), msg, sizeof(msg));
		if (body != NULL && zf_json_get(body, "data") != NULL)
			zf_json_set(ev, "data", zf_json_copy(zf_json_get(body,
			    "data")));
		zf_json_free(body);
		zf_json_push(list, ev);
	}
	if (rc < 0) {
		zf_json_free(list);
		return e->code;
	}
	*out = list;
	return 0;
}

const char *
zf_stage_chinese(const char *stage)
{
	const struct zf_stage_def *s = zf_stage_find(stage);

	return s != NULL ? s->chinese : stage;
}

int
zf_case_state(struct zf_archive *a, const char *id, struct zf_case_state *s)
{
	static const char sql[] = "SELECT kind, stage, prior_stage, filed, "
	    "published, coalesce(fine_fen, -1), coalesce(decision_seq, 0) "
	    "FROM cases WHERE id = ?";
	sqlite3_stmt *st;
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = zf_case_row(a, sql, id, &st)) != 0)
		return rc;
	snprintf(s->id, sizeof(s->id), "%s", id);
	snprintf(s->kind, sizeof(s->kind), "%s", zf_db_text(st, 0));
	snprintf(s->stage, sizeof(s->stage), "%s", zf_db_text(st, 1));
	snprintf(s->prior, sizeof(s->prior), "%s", zf_db_text(st, 2));
	zf_date_parse(zf_db_text(st, 3), &s->filed);
	s->published = sqlite3_column_int(st, 4);
	s->fine_fen = sqlite3_column_int64(st, 5);
	s->decision_seq = sqlite3_column_int64(st, 6);
	sqlite3_reset(st);
	return 0;
}

/* A step recorded late is still recorded after the steps before it. */
static int
after_last_step(struct zf_archive *a, const char *case_id,
    const struct zf_time *t, const char *at)
{
	static const char sql[] = "SELECT at, step FROM steps WHERE "
	    "case_id = ? ORDER BY seq DESC LIMIT 1";
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	struct zf_time last;
	char *when = NULL, *step = NULL;
	int rc = 0;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	if ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read the case's steps")) < 0)
		return e->code;
	if (rc == 1) {
		when = xstrdup(zf_db_text(st, 0));
		step = xstrdup(zf_db_text(st, 1));
	}
	sqlite3_reset(st);
	rc = 0;
	if (when != NULL && zf_time_parse(when, &last) == 0 &&
	    t->unix < last.unix)
		rc = zf_fail(e, EX_DATAERR, "'%s' is before the case's last "
		    "step (%s at %s)", at, step, when);
	free(when);
	free(step);
	return rc;
}

int
zf_case_step_time(struct zf_archive *a, const struct zf_case_state *s,
    const char *at, struct zf_time *t, int32_t *day)
{
	struct zf_err *e = zf_archive_err(a);
	char filed[11];
	int rc;

	*t = *zf_archive_now(a);
	if (at != NULL) {
		if (zf_time_parse(at, t) != 0)
			return zf_fail(e, zf_when_refusal(at, 1), "'%s' is not "
			    "an RFC 3339 time such as "
			    "2026-11-20T10:02:11+08:00", at);
		t->offset = zf_archive_config(a)->offset;
		if (t->unix > zf_archive_now(a)->unix + 300)
			return zf_fail(e, EX_DATAERR, "'%s' is in the future",
			    at);
	}
	*day = zf_time_date(t);
	if (*day < s->filed) {
		zf_date_format(s->filed, filed);
		return zf_fail(e, EX_DATAERR, "'%s' is before the case was "
		    "filed on %s", at, filed);
	}
	if (at != NULL && (rc = late_limit(a, *day, at)) != 0)
		return rc;
	return at != NULL ? after_last_step(a, s->id, t, at) : 0;
}

int
zf_case_refuse_step(struct zf_archive *a, const struct zf_case_state *s,
    const struct zf_step_def *d)
{
	char *allowed = zf_steps_allowed_list(s->kind, s->stage);
	int rc;

	rc = zf_fail(zf_archive_err(a), EX_NOPERM, "%s (%s) is not allowed in "
	    "%s %s at stage %s (%s); allowed now: %s", d->name, d->chinese,
	    s->kind, s->id, s->stage, zf_stage_chinese(s->stage), allowed);
	free(allowed);
	return rc;
}
