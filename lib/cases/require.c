/* require: the rules of steps, checked against a case's record. */
#include "cases/require.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cases/case.h"
#include "cases/deadline.h"
#include "record/archive.h"
#include "record/db.h"
#include "rules/config.h"
#include "rules/procedure.h"
#include "base/i18n.h"

static int
applies(const struct zf_step_rule *r, const struct zf_require_step *s)
{
	return strcmp(r->step, s->step) == 0 &&
	    (r->kinds & zf_kind_bit(s->kind)) &&
	    zf_measures_any(r->measures, s->measures) &&
	    (r->method == NULL || (s->method != NULL &&
	    strcmp(r->method, s->method) == 0));
}

int
zf_require_approval(struct zf_archive *a, const struct zf_require_step *s,
    const char **basis)
{
	const struct zf_config *c = zf_archive_config(a);
	size_t i;

	for (i = 0; i < c->nstep_rules; i++)
		if (applies(&c->step_rules[i], s) &&
		    c->step_rules[i].approval) {
			*basis = c->step_rules[i].basis;
			return 1;
		}
	return 0;
}

/* 1 when the case holds evidence of one of the kinds ("a|b") for step. */
static int
has_evidence(struct zf_archive *a, const char *case_id, const char *step,
    const char *kinds, int doc)
{
	/* Made for this step: not before the day of the case's last step
	 * (a video of the execution, not an old one). */
	static const char sql[] = "SELECT 1 FROM evidence e WHERE e.case_id "
	    "= ?1 AND e.stage = ?2 AND e.kind = ?3 AND substr(coalesce("
	    "e.recorded_at, (SELECT j.time FROM journal j WHERE j.seq = "
	    "e.seq)), 1, 10) >= coalesce((SELECT substr(max(s.at), 1, 10) "
	    "FROM steps s WHERE s.case_id = ?1), '')";
	char *copy = xstrdup(kinds), *p = copy, *w;
	int rc = 0;

	while (rc == 0 && (w = strsep(&p, "|")) != NULL) {
		sqlite3_stmt *st;

		if (doc && strcmp(w, "record") == 0) {
			rc = 1;
			break;
		}
		if ((st = zf_db_stmt(zf_archive_db(a), sql,
		    zf_archive_err(a))) == NULL) {
			rc = -1;
			break;
		}
		zf_db_bind_text(st, 1, case_id);
		zf_db_bind_text(st, 2, step);
		zf_db_bind_text(st, 3, w);
		rc = zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
		    "cannot read evidence");
		sqlite3_reset(st);
	}
	free(copy);
	return rc;
}

/* The names of list joined for a message: "announce, court-ruling". */
static char *
names(char *const *list, const char *sep)
{
	struct zf_buf b;
	size_t i;

	zf_buf_init(&b);
	for (i = 0; list[i] != NULL; i++) {
		const struct zf_step_def *d = zf_step_find(list[i]);

		zf_buf_printf(&b, "%s%s", i ? sep : "", list[i]);
		if (d != NULL)
			zf_buf_printf(&b, " (%s)", d->chinese);
	}
	return zf_buf_detach(&b, NULL);
}

static int
check_rule(struct zf_archive *a, const char *case_id,
    const struct zf_step_rule *r, const struct zf_require_step *s)
{
	struct zf_err *e = zf_archive_err(a);
	char *what;
	size_t i;
	int rc, any = r->after_any[0] == NULL;

	for (i = 0; r->after[i] != NULL; i++)
		if (!zf_case_has_step(a, case_id, r->after[i])) {
			const struct zf_step_def *d = zf_step_find(r->after[i]);

			return zf_fail(e, EX_NOPERM, "%s cannot be taken in %s "
			    "before %s (%s) (%s)", s->step, case_id,
			    r->after[i], d != NULL ? d->chinese : "",
			    r->basis);
		}
	for (i = 0; !any && r->after_any[i] != NULL; i++)
		any = zf_case_has_step(a, case_id, r->after_any[i]);
	if (!any) {
		what = names(r->after_any, " or ");
		rc = zf_fail(e, EX_NOPERM, "%s cannot be taken in %s before "
		    "%s (%s)", s->step, case_id, what, r->basis);
		free(what);
		return rc;
	}
	for (i = 0; r->requires[i] != NULL; i++) {
		if ((rc = has_evidence(a, case_id, s->step, r->requires[i],
		    s->doc)) < 0)
			return e->code;
		if (rc == 0)
			return zf_fail(e, EX_NOPERM, "%s needs evidence of "
			    "kind %s made for it, not before the case's last "
			    "step (evidence-add CASE FILE --kind %s --stage "
			    "%s)%s (%s)", s->step,
			    r->requires[i], r->requires[i], s->step,
			    strcmp(r->requires[i], "record") == 0 ?
			    _(", or its record given with --doc") : "",
			    r->basis);
	}
	return 0;
}

int
zf_require_check(struct zf_archive *a, const char *case_id,
    const struct zf_require_step *s)
{
	const struct zf_config *c = zf_archive_config(a);
	size_t i;
	int rc;

	for (i = 0; i < c->nstep_rules; i++)
		if (applies(&c->step_rules[i], s) && (rc = check_rule(a,
		    case_id, &c->step_rules[i], s)) != 0)
			return rc;
	return 0;
}

int
zf_require_measures(struct zf_archive *a, const char *case_id, char **out)
{
	static const char sql[] = "SELECT d.measures FROM decisions d JOIN "
	    "cases c ON c.decision_seq = d.seq WHERE c.id = ?";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql,
	    zf_archive_err(a));
	int rc;

	*out = NULL;
	if (st == NULL)
		return zf_archive_err(a)->code;
	zf_db_bind_text(st, 1, case_id);
	if ((rc = zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read decisions")) == 1)
		*out = xstrdup(zf_db_text(st, 0));
	sqlite3_reset(st);
	return rc < 0 ? zf_archive_err(a)->code : 0;
}
