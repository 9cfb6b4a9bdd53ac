/* retention: the periods case files are kept (retention.h). */
#include "cases/retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/when.h"
#include "record/archive.h"
#include "record/db.h"
#include "rules/config.h"

/* Every case with its decision's measures and the day it was closed. */
#define CASES_SQL "SELECT c.id, c.number, c.kind, c.major, d.measures, " \
	"(SELECT s.at FROM steps s WHERE s.case_id = c.id AND s.stage IN " \
	"('closed', 'transferred', 'revoked') ORDER BY s.seq DESC LIMIT 1) " \
	"FROM cases c LEFT JOIN decisions d ON d.seq = c.decision_seq "

const char *
zf_retention_name(int years, char out[16])
{
	if (years == 0)
		return "永久";
	snprintf(out, 16, "%d年", years);
	return out;
}

static void
passes(struct zf_retention *r)
{
	int y, m, d;

	r->passes = -1;
	if (r->closed < 0 || r->years == 0)
		return;
	zf_date_ymd(r->closed, &y, &m, &d);
	r->passes = zf_date_from_ymd(y + 1 + r->years, 1, 1);
}

/* The case file's rule from a row of CASES_SQL. */
static void
from_row(struct zf_archive *a, sqlite3_stmt *st, struct zf_retention *r)
{
	const char *text = zf_db_text(st, 4), *closed = zf_db_text(st, 5);
	const struct zf_retention_rule *rule;
	struct zf_json *list = NULL;
	const char *names[32];
	size_t i, n = 0;

	if (text != NULL)
		list = zf_json_parse(text, strlen(text), NULL, 0);
	for (i = 0; list != NULL && i < zf_json_len(list) && n < 32; i++)
		if (zf_json_str(zf_json_at(list, i)) != NULL)
			names[n++] = zf_json_str(zf_json_at(list, i));
	rule = zf_config_retention(zf_archive_config(a), zf_db_text(st, 2),
	    sqlite3_column_int(st, 3), names, n);
	r->years = rule != NULL ? rule->years : 0;
	r->basis = rule != NULL ? rule->basis : "no retention rule matches";
	r->closed = -1;
	if (closed != NULL && strlen(closed) >= 10) {
		char day[11];

		memcpy(day, closed, 10);
		day[10] = '\0';
		if (zf_date_parse(day, &r->closed) != 0)
			r->closed = -1;
	}
	passes(r);
	zf_json_free(list);
}

int
zf_retention_case(struct zf_archive *a, const char *case_id,
    struct zf_retention *r)
{
	struct zf_err *e = zf_archive_err(a);
	struct zf_db *db = zf_archive_db(a);
	sqlite3_stmt *st = zf_db_stmt(db, CASES_SQL "WHERE c.id = ?", e);
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	if ((rc = zf_db_row(db, st, e, "cannot read the case")) != 1) {
		sqlite3_reset(st);
		return rc < 0 ? e->code : zf_fail(e, EX_NOINPUT, "no case '%s' "
		    "(case-list shows the cases)", case_id);
	}
	from_row(a, st, r);
	sqlite3_reset(st);
	return 0;
}

static void
push(struct zf_json *list, sqlite3_stmt *st, const char *evidence,
    const struct zf_retention *r)
{
	struct zf_json *o = zf_json_object();
	char date[11], name[16];

	zf_json_set_str(o, "case", zf_db_text(st, 0));
	zf_json_set_str(o, "number", zf_db_text(st, 1));
	zf_json_set_str(o, "evidence", evidence);
	zf_json_set_str(o, "what", evidence != NULL ? evidence : "案卷");
	zf_date_format(r->closed, date);
	zf_json_set_str(o, "closed", date);
	zf_json_set_str(o, "period", zf_retention_name(r->years, name));
	zf_json_set_int(o, "years", r->years);
	zf_json_set_str(o, "basis", r->basis);
	zf_date_format(r->passes, date);
	zf_json_set_str(o, "passed", date);
	zf_json_push(list, o);
}

/* The case's evidence whose own period differs from the case file's. */
static int
evidence_due(struct zf_archive *a, sqlite3_stmt *cs,
    const struct zf_retention *file, int32_t day, struct zf_json *list)
{
	static const char sql[] = "SELECT id, kind FROM evidence "
	    "WHERE case_id = ? ORDER BY seq";
	struct zf_err *e = zf_archive_err(a);
	struct zf_db *db = zf_archive_db(a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, zf_db_text(cs, 0));
	while ((rc = zf_db_row(db, st, e, "cannot read evidence")) == 1) {
		const struct zf_retention_rule *rule;
		struct zf_retention r = *file;

		rule = zf_config_evidence_retention(zf_archive_config(a),
		    zf_db_text(cs, 2), zf_db_text(st, 1));
		if (rule == NULL || rule->years == file->years)
			continue;
		r.years = rule->years;
		r.basis = rule->basis;
		passes(&r);
		if (r.passes >= 0 && r.passes <= day)
			push(list, cs, zf_db_text(st, 0), &r);
	}
	sqlite3_reset(st);
	return rc < 0 ? e->code : 0;
}

int
zf_retention_due(struct zf_archive *a, int32_t day, struct zf_json **list)
{
	struct zf_err *e = zf_archive_err(a);
	struct zf_db *db = zf_archive_db(a);
	sqlite3_stmt *st = zf_db_stmt(db, CASES_SQL "WHERE c.stage IN "
	    "('closed', 'archived', 'transferred', 'revoked') "
	    "ORDER BY c.year, c.n", e);
	int rc;

	*list = NULL;
	if (st == NULL)
		return e->code;
	*list = zf_json_array();
	while ((rc = zf_db_row(db, st, e, "cannot read the cases")) == 1) {
		struct zf_retention r;

		from_row(a, st, &r);
		if (r.closed < 0)
			continue;
		if (r.passes >= 0 && r.passes <= day)
			push(*list, st, NULL, &r);
		if ((rc = evidence_due(a, st, &r, day, *list)) != 0)
			break;
	}
	sqlite3_reset(st);
	if (rc < 0 || rc > 1) {
		zf_json_free(*list);
		*list = NULL;
		return e->code;
	}
	return 0;
}
