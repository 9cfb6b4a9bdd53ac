/* may: the permissions table asked about a case. */
#include "cases/may.h"

#include <stdio.h>
#include <string.h>

#include "base/when.h"
#include "cases/case.h"
#include "record/archive.h"
#include "record/db.h"
#include "rules/config.h"

/*
 * Two certified officers act throughout (行政处罚法第四十二条、第五十五条):
 * when an officer's certificate is not valid on the act's day, nothing
 * more is done on the case until the head reassigns it.
 */
static int
two_officers(struct zf_archive *a, const char *case_id, int32_t day)
{
	static const char sql[] = "SELECT person FROM case_officers "
	    "WHERE case_id = ? ORDER BY ord";
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	const struct zf_person *p;
	char d[11];
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read the case's officers")) == 1) {
		p = zf_config_person(zf_archive_config(a), zf_db_text(st, 0));
		if (p != NULL && zf_person_cert_valid(p, day))
			continue;
		zf_date_format(day, d);
		rc = zf_fail(e, EX_NOPERM, "officer '%s'%s%s%s of %s holds no "
		    "enforcement certificate valid on %s: two certified "
		    "officers act throughout (行政处罚法第四十二条); the head "
		    "reassigns the case first (case-step %s reassign "
		    "--officer PERSON --replaces %s --note REASON)",
		    zf_db_text(st, 0), p ? " (" : "", p ? p->name : "",
		    p ? ")" : "", case_id, d, case_id, zf_db_text(st, 0));
		sqlite3_reset(st);
		return rc;
	}
	return rc < 0 ? e->code : 0;
}

int
zf_case_party_conflict(struct zf_archive *a, const char *case_id,
    const struct zf_person *p, const char **conflict, int *under_review)
{
	static const char sql[] = "SELECT party_name, party_id, "
	    "review_status FROM cases WHERE id = ?";
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	int rc;

	*conflict = NULL;
	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	if ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read the case")) < 0)
		return e->code;
	if (rc == 1) {
		*conflict = zf_conflict(p, zf_db_text(st, 0),
		    sqlite3_column_type(st, 1) == SQLITE_NULL ? NULL :
		    zf_db_text(st, 1));
		if (under_review != NULL)
			*under_review = strcmp(zf_db_text(st, 2),
			    "submitted") == 0;
		sqlite3_reset(st);
	}
	return 0;
}

int
zf_case_may(struct zf_archive *a, const char *case_id, enum zf_act act,
    int32_t day)
{
	const struct zf_person *p = zf_archive_person(a);
	struct zf_err *e = zf_archive_err(a);
	struct zf_may_facts f;
	char why[256];
	const char *c;
	int rc;

	memset(&f, 0, sizeof(f));
	f.case_id = case_id;
	f.day = day;
	if (p == NULL || case_id == NULL)
		return zf_may(zf_archive_config(a), p, act, &f, e);
	if ((rc = zf_case_has_officer(a, case_id, p->id)) < 0)
		return e->code;
	f.handles = rc;
	if ((rc = zf_case_party_conflict(a, case_id, p, &c,
	    &f.under_review)) != 0)
		return rc;
	if (c != NULL) {
		snprintf(why, sizeof(why), "a standing conflict with its party "
		    "('%s' in zhifa.yaml)", c);
		f.conflict = why;
	}
	if (f.conflict == NULL && (rc = zf_case_found(a, "SELECT 1 FROM steps "
	    "WHERE case_id = ? AND step = 'recuse' AND actor = ?", case_id,
	    p->id)) != 0) {
		if (rc < 0)
			return e->code;
		f.conflict = "they declared it (case-step recuse)";
	}
	if (act == ZF_ACT_RECUSE)
		f.conflict = NULL;
	if ((rc = zf_may(zf_archive_config(a), p, act, &f, e)) != 0)
		return rc;
	if (act == ZF_ACT_EVIDENCE || act == ZF_ACT_STEP ||
	    act == ZF_ACT_SUBMIT || act == ZF_ACT_DECIDE ||
	    act == ZF_ACT_SUMMARY)
		return two_officers(a, case_id, day);
	return 0;
}
