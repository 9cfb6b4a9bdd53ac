/* approve: records approved before their release. */
#include "publication/approve.h"

#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "cases/case.h"
#include "publication/publish.h"
#include "record/apply.h"
#include "record/archive.h"
#include "record/db.h"
#include "record/journal.h"
#include "rules/config.h"
#include "rules/permissions.h"

int
zf_approve_required(struct zf_archive *a)
{
	char **list = zf_archive_config(a)->approvers;

	return list != NULL && list[0] != NULL;
}

int
zf_approve_check(struct zf_archive *a, const struct zf_pub_due *d,
    const char **why)
{
	static const char sql[] = "SELECT max(digest = ?3) FROM approvals "
	    "WHERE case_id = ?1 AND decision_seq = ?2";
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st;
	char hex[65];
	int rc;

	*why = NULL;
	if (!zf_approve_required(a) || (d->type != ZF_PUB_PUBLISH &&
	    d->type != ZF_PUB_CORRECT))
		return 0;
	if ((rc = zf_publish_digest(a, d, hex, NULL)) != 0)
		return rc;
	if ((st = zf_db_stmt(zf_archive_db(a), sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, d->case_id);
	sqlite3_bind_int64(st, 2, d->decision_seq);
	zf_db_bind_text(st, 3, hex);
	if ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read approvals")) != 1) {
		sqlite3_reset(st);
		return rc < 0 ? e->code : zf_fail(e, EX_SOFTWARE,
		    "approvals: no row");
	}
	if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		*why = "not approved";
	else if (sqlite3_column_int(st, 0) == 0)
		*why = "changed since its approval";
	sqlite3_reset(st);
	return *why != NULL;
}

/* Refuses (77) a person who is not among the approvers. */
static int
may_approve(struct zf_archive *a)
{
	const struct zf_config *c = zf_archive_config(a);
	const struct zf_person *p = zf_archive_person(a);

	if (!zf_approve_required(a))
		return zf_fail(zf_archive_err(a), EX_NOPERM, "the "
		    "configuration in force names no approvers "
		    "(publication.approvers in zhifa.yaml): records are "
		    "released without approval");
	return zf_may(c, p, ZF_ACT_APPROVE, NULL, zf_archive_err(a));
}

/* The records due now (publications and corrections), with digests. */
static int
plan(struct zf_archive *a, char *const *cases, size_t ncases,
    struct zf_json **records)
{
	struct zf_pub_due *due = NULL;
	size_t n = 0, i;
	char hex[65];
	int rc;

	*records = zf_json_array();
	if ((rc = zf_publish_due(a, zf_archive_today(a), cases, ncases, &due,
	    &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		struct zf_json *o;

		if (due[i].type != ZF_PUB_PUBLISH &&
		    due[i].type != ZF_PUB_CORRECT)
			continue;
		if ((rc = zf_publish_digest(a, &due[i], hex, NULL)) != 0)
			break;
		o = zf_json_object();
		zf_json_set_str(o, "case", due[i].case_id);
		zf_json_set_int(o, "decision", due[i].decision_seq);
		zf_json_set_str(o, "digest", hex);
		zf_json_push(*records, o);
	}
	free(due);
	return rc;
}

int
zf_approve(struct zf_archive *a, char *const *cases, size_t ncases,
    size_t *n)
{
	struct zf_json *records = NULL, *data;
	char when[26];
	size_t i;
	int rc;

	*n = 0;
	if ((rc = may_approve(a)) != 0)
		return rc;
	for (i = 0; i < ncases; i++)
		if ((rc = zf_case_found(a, "SELECT 1 FROM cases WHERE id = ?",
		    cases[i], NULL)) <= 0)
			return rc < 0 ? zf_archive_err(a)->code :
			    zf_fail(zf_archive_err(a), EX_NOINPUT, "no case "
			    "'%s'", cases[i]);
	if ((rc = zf_archive_begin(a)) != 0)
		return rc;
	if ((rc = plan(a, cases, ncases, &records)) != 0)
		goto fail;
	if ((*n = zf_json_len(records)) == 0) {
		zf_json_free(records);
		zf_archive_abort(a);
		return 0;
	}
	/* One event a record, in its case's log. */
	zf_time_format(zf_archive_now(a), when);
	for (i = 0; i < *n; i++) {
		const struct zf_json *o = zf_json_at(records, i);
		int64_t decision = 0;

		zf_json_get_int(o, "decision", &decision);
		data = zf_json_object();
		zf_json_set_int(data, "decision", decision);
		zf_json_set_str(data, "digest", zf_json_get_str(o, "digest"));
		zf_json_set_str(data, "at", when);
		if ((rc = zf_journal_append(a, "publication.approved",
		    zf_json_get_str(o, "case"), data, NULL)) != 0)
			goto fail;
	}
	zf_json_free(records);
	return zf_archive_commit(a);
fail:
	zf_json_free(records);
	zf_archive_abort(a);
	*n = 0;
	return rc;
}

int
zf_approve_apply(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "INSERT OR IGNORE INTO approvals (case_id, "
	    "decision_seq, digest, seq) VALUES (?1, ?2, ?3, ?4)";
	int64_t decision;

	if (ev->case_id == NULL || zf_json_get_str(ev->data, "digest") ==
	    NULL || zf_json_get_int(ev->data, "decision", &decision) != 0)
		return zf_apply_bad(e, ev, "an incomplete approval");
	return zf_db_run(db, sql, e, "cannot record the approval", "titi",
	    ev->case_id, decision, zf_json_get_str(ev->data, "digest"),
	    ev->seq);
}
