/* may: the permissions table asked about a case. */
#include "cases/may.h"

#include <stdio.h>
#include <string.h>

#include "cases/case.h"
#include "record/archive.h"
#include "record/db.h"
#include "rules/config.h"

int
zf_case_may(struct zf_archive *a, const char *case_id, enum zf_act act,
    int32_t day)
{
	static const char sql[] = "SELECT party_name, party_id, "
	    "review_status FROM cases WHERE id = ?";
	const struct zf_person *p = zf_archive_person(a);
	struct zf_err *e = zf_archive_err(a);
	struct zf_may_facts f;
	sqlite3_stmt *st;
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
	if ((st = zf_db_stmt(zf_archive_db(a), sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	if ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read the case")) < 0)
		return e->code;
	if (rc == 1) {
		c = zf_conflict(p, zf_db_text(st, 0),
		    sqlite3_column_type(st, 1) == SQLITE_NULL ? NULL :
		    zf_db_text(st, 1));
		if (c != NULL) {
			snprintf(why, sizeof(why), "a standing conflict with "
			    "its party ('%s' in zhifa.yaml)", c);
			f.conflict = why;
		}
		f.under_review = strcmp(zf_db_text(st, 2), "submitted") == 0;
		sqlite3_reset(st);
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
	return zf_may(zf_archive_config(a), p, act, &f, e);
}
