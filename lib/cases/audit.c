/* audit: 案卷评查 of a case file against the checklist of zhifa.yaml. */
#include "cases/audit.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/json.h"
#include "base/when.h"
#include "cases/case.h"
#include "cases/deadline.h"
#include "cases/require.h"
#include "cases/review.h"
#include "record/archive.h"
#include "record/db.h"
#include "record/event.h"
#include "record/object.h"
#include "record/persons.h"
#include "rules/config.h"
#include "rules/procedure.h"

#define MAX_OFFICERS 32
#define REVIEW_BASIS \
    "行政处罚法第五十八条；国办发〔2018〕118号（重大执法决定法制审核）"
#define INTEGRITY_BASIS \
    "电子签名法第十三条；国办发〔2018〕118号（记录真实、完整、可追溯）"

/* An event of the case, as the audit reads it. */
struct act {
	int64_t seq;
	struct zf_json *tree;
	struct zf_event ev;
	const char *step;	/* the step it records, or NULL */
	const char *rule_step;	/* the step its rules are found by */
	const char *at_text;	/* when it happened, as recorded */
	int64_t at;		/* when it happened (for a date: its start) */
	int64_t recorded;	/* when it was recorded */
	int32_t day;		/* the local day it happened */
};

struct evidence {
	char *id, *kind, *stage, *digest;
	int64_t size;
};

struct audit {
	struct zf_archive *a;
	const struct zf_config *cfg;
	unsigned flags;
	const char *id;
	char *kind, *measures;	/* the decision in force's, JSON */
	struct act *acts;
	size_t nacts;
	struct evidence *ev;
	size_t nev;
	struct zf_json *findings;
	int lost;		/* points */
	int keys;		/* the archive has personal keys */
};

static struct zf_json *
finding(struct audit *au, enum zf_audit_check check, int64_t seq,
    const char *basis, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static struct zf_json *
finding(struct audit *au, enum zf_audit_check check, int64_t seq,
    const char *basis, const char *fmt, ...)
{
	struct zf_json *f = zf_json_object();
	struct zf_buf b;
	va_list ap;

	zf_buf_init(&b);
	va_start(ap, fmt);
	zf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	zf_json_set_str(f, "check", zf_audit_checks[check]);
	zf_json_set_int(f, "points", au->cfg->audit.points[check]);
	zf_json_set_str(f, "what", b.data);
	zf_json_set_str(f, "basis", basis != NULL ? basis : "");
	if (seq >= 0)
		zf_json_set_int(f, "seq", seq);
	zf_json_push(au->findings, f);
	au->lost += au->cfg->audit.points[check];
	zf_buf_release(&b);
	return f;
}

static const char *
step_name(const char *step)
{
	const struct zf_step_def *d = zf_step_find(step);

	return d != NULL ? d->chinese : step;
}

/* "3 days 1 hour" for seconds. */
static void
put_span(struct zf_buf *b, int64_t s)
{
	int64_t d = s / 86400, h = (s % 86400) / 3600;

	if (d > 0)
		zf_buf_printf(b, "%lld day%s", (long long)d, d == 1 ? "" : "s");
	if (h > 0 || d == 0)
		zf_buf_printf(b, "%s%lld hour%s", d > 0 ? " " : "",
		    (long long)h, h == 1 ? "" : "s");
}

/* The start of a local day, in seconds since the epoch. */
static int64_t
day_start(const struct audit *au, int32_t day)
{
	return (int64_t)day * 86400 - (int64_t)au->cfg->offset * 60;
}

/* --- the events ------------------------------------------------------ */

/*
 * The event's hash over its body, and (unless quick) its actor's
 * signature by the key the journal says they held then.
 */
static int
check_integrity(struct audit *au, sqlite3_stmt *st, const char *actor)
{
	static const char sql_key[] = "SELECT vkey FROM person_keys WHERE "
	    "person = ?1 AND from_seq < ?2 AND (until_seq IS NULL OR "
	    "until_seq >= ?2) ORDER BY from_seq DESC LIMIT 1";
	int64_t seq = sqlite3_column_int64(st, 0);
	const void *hash = sqlite3_column_blob(st, 1);
	const char *body = (const char *)sqlite3_column_text(st, 2);
	const char *sigs = (const char *)sqlite3_column_text(st, 3);
	uint8_t h[ZF_DIGEST_LEN];
	sqlite3_stmt *k;
	int rc;

	zf_digest_buf(zf_archive_suite(au->a), body ? body : "",
	    (size_t)sqlite3_column_bytes(st, 2), h);
	if (sqlite3_column_bytes(st, 1) != ZF_DIGEST_LEN ||
	    memcmp(hash, h, ZF_DIGEST_LEN) != 0) {
		finding(au, ZF_AUDIT_INTEGRITY, seq, INTEGRITY_BASIS,
		    "event %lld does not match its hash: it was changed after "
		    "it was recorded (archive-verify tells more)",
		    (long long)seq);
		return 0;
	}
	if ((au->flags & ZF_AUDIT_QUICK) || !au->keys || actor == NULL)
		return 0;
	if ((k = zf_db_stmt(zf_archive_db(au->a), sql_key,
	    zf_archive_err(au->a))) == NULL)
		return zf_archive_err(au->a)->code;
	zf_db_bind_text(k, 1, actor);
	sqlite3_bind_int64(k, 2, seq);
	rc = zf_db_row(zf_archive_db(au->a), k, zf_archive_err(au->a),
	    "cannot read personal keys");
	if (rc == 0)
		finding(au, ZF_AUDIT_INTEGRITY, seq, INTEGRITY_BASIS,
		    "event %lld is by %s, who held no registered key then: "
		    "who did it is not proven", (long long)seq, actor);
	else if (rc == 1 && zf_event_sig_check(zf_archive_suite(au->a),
	    zf_db_text(k, 0), h, sigs) != 0)
		finding(au, ZF_AUDIT_INTEGRITY, seq, INTEGRITY_BASIS,
		    "event %lld is not signed by its actor %s's key",
		    (long long)seq, actor);
	sqlite3_reset(k);
	return rc < 0 ? zf_archive_err(au->a)->code : 0;
}

/* When the act of ev happened, and which step it was. */
static void
place(struct audit *au, struct act *x)
{
	const struct zf_json *d = x->ev.data;
	struct zf_time t;
	int32_t day;

	x->recorded = 0;
	if (x->ev.time != NULL && zf_time_parse(x->ev.time, &t) == 0)
		x->recorded = t.unix;
	x->at = x->recorded;
	x->at_text = x->ev.time;
	if (strcmp(x->ev.type, "case.filed") == 0) {
		x->step = x->rule_step = "filed";
		x->at_text = zf_json_get_str(d, "filed");
		if (x->at_text != NULL && zf_date_parse(x->at_text, &day) == 0)
			x->at = day_start(au, day);
	} else if (strcmp(x->ev.type, "case.step") == 0) {
		x->step = x->rule_step = zf_json_get_str(d, "step");
		x->at_text = zf_json_get_str(d, "at");
	} else if (strcmp(x->ev.type, "decision.issued") == 0) {
		x->step = "decide";
		x->rule_step = zf_json_get_bool(d, "summary") ? "summary" :
		    "decide";
		x->at_text = zf_json_get_str(d, "at");
	}
	if (x->at_text == NULL)
		x->at_text = x->ev.time;
	if (x->step != NULL && strcmp(x->step, "filed") != 0 &&
	    x->at_text != NULL && zf_time_parse(x->at_text, &t) == 0)
		x->at = t.unix;
	x->day = (int32_t)((x->at + (int64_t)au->cfg->offset * 60) / 86400);
}

static int
load_acts(struct audit *au)
{
	static const char sql[] = "SELECT seq, hash, body, sigs FROM journal "
	    "WHERE case_id = ? ORDER BY seq";
	struct zf_db *db = zf_archive_db(au->a);
	struct zf_err *e = zf_archive_err(au->a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	size_t cap = 0;
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, au->id);
	while ((rc = zf_db_row(db, st, e, "cannot read the journal")) == 1) {
		struct act x;
		struct zf_err de;

		memset(&x, 0, sizeof(x));
		x.seq = sqlite3_column_int64(st, 0);
		if (zf_event_decode((const char *)sqlite3_column_text(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2), &x.tree, &x.ev,
		    &de) != 0) {
			finding(au, ZF_AUDIT_INTEGRITY, x.seq, INTEGRITY_BASIS,
			    "event %lld cannot be read: %s", (long long)x.seq,
			    de.msg);
			continue;
		}
		if ((rc = check_integrity(au, st, x.ev.actor)) != 0) {
			zf_json_free(x.tree);
			sqlite3_reset(st);
			return rc;
		}
		place(au, &x);
		if (au->nacts == cap) {
			cap = cap ? 2 * cap : 16;
			au->acts = xrealloc(au->acts, cap * sizeof(*au->acts));
		}
		au->acts[au->nacts++] = x;
	}
	sqlite3_reset(st);
	return rc < 0 ? e->code : 0;
}

static const struct act *
act_by_seq(const struct audit *au, int64_t seq)
{
	size_t i;

	for (i = 0; i < au->nacts; i++)
		if (au->acts[i].seq == seq)
			return &au->acts[i];
	return NULL;
}

/* --- late entries (补录) ---------------------------------------------- */

static void
check_late(struct audit *au)
{
	int64_t limit = (int64_t)au->cfg->audit.late_entry_hours * 3600;
	struct zf_buf b;
	size_t i;

	zf_buf_init(&b);
	for (i = 0; i < au->nacts; i++) {
		const struct act *x = &au->acts[i];
		/* A date alone happened by the end of its day. */
		int64_t end = strcmp(x->step ? x->step : "", "filed") == 0 ?
		    x->at + 86400 : x->at, late = x->recorded - end;
		struct zf_json *f;

		if (x->step == NULL || late <= limit)
			continue;
		zf_buf_reset(&b);
		put_span(&b, late);
		f = finding(au, ZF_AUDIT_LATE_ENTRY, x->seq,
		    au->cfg->audit.late_entry_basis, "%s (%s) happened %s and "
		    "was recorded %s: %s late (补录, event %lld)",
		    step_name(x->step), x->step, x->at_text, x->ev.time,
		    b.data, (long long)x->seq);
		zf_json_set_int(f, "late_hours", late / 3600);
	}
	zf_buf_release(&b);
}

/* --- officers at on-site acts ---------------------------------------- */

static void
check_officers(struct audit *au)
{
	const char *who[MAX_OFFICERS];
	size_t n = 0, i, j;

	for (i = 0; i < au->nacts; i++) {
		const struct act *x = &au->acts[i];
		const struct zf_json *list;
		struct zf_buf names;
		int certified = 0;

		if (strcmp(x->ev.type, "case.filed") == 0 &&
		    (list = zf_json_get(x->ev.data, "officers")) != NULL) {
			for (n = 0; n < zf_json_len(list) && n < MAX_OFFICERS;
			    n++)
				who[n] = zf_json_str(zf_json_at(list, n));
			continue;
		}
		if (x->step == NULL || strcmp(x->ev.type, "case.step") != 0)
			continue;
		if (strcmp(x->step, "reassign") == 0) {
			const char *from = zf_json_get_str(x->ev.data,
			    "replaces");
			const char *to = zf_json_get_str(x->ev.data, "officer");

			for (j = 0; j < n && from != NULL && to != NULL; j++)
				if (who[j] != NULL && strcmp(who[j], from) == 0)
					who[j] = to;
			continue;
		}
		if (!zf_case_one_of(x->step, (const char *const *)
		    au->cfg->audit.onsite))
			continue;
		zf_buf_init(&names);
		for (j = 0; j < n; j++) {
			const struct zf_person *p = who[j] ? zf_config_person(
			    au->cfg, who[j]) : NULL;

			if (p != NULL && zf_person_cert_valid(p, x->day))
				certified++;
			else
				zf_buf_printf(&names, "%s%s", names.len ? ", " :
				    "", who[j] ? who[j] : "?");
		}
		if (certified < 2)
			finding(au, ZF_AUDIT_OFFICERS, x->seq,
			    au->cfg->audit.officers_basis, "%s (%s) on %s: %d "
			    "officer%s of the case held a valid 执法证 that "
			    "day, not two%s%s", step_name(x->step), x->step,
			    x->at_text, certified, certified == 1 ? "" : "s",
			    names.len ? "; not: " : "",
			    names.len ? names.data : "");
		zf_buf_release(&names);
	}
}

/* --- steps: order and evidence --------------------------------------- */

static int
rule_applies(const struct audit *au, const struct zf_step_rule *r,
    const struct act *x)
{
	const char *method = zf_json_get_str(x->ev.data, "method");

	return strcmp(r->step, x->rule_step) == 0 &&
	    (r->kinds & zf_kind_bit(au->kind)) &&
	    zf_measures_any(r->measures, au->measures) &&
	    (r->method == NULL || (method != NULL &&
	    strcmp(r->method, method) == 0));
}

/* The first act of step, or NULL; *before: one no later than x. */
static const struct act *
find_step(const struct audit *au, const char *step, const struct act *x,
    int *before)
{
	const struct act *first = NULL;
	size_t i;

	*before = 0;
	for (i = 0; i < au->nacts; i++) {
		const struct act *y = &au->acts[i];

		if (y == x || y->step == NULL || strcmp(y->step, step) != 0)
			continue;
		if (y->at <= x->at)
			*before = 1;
		if (first == NULL)
			first = y;
	}
	return first;
}

static void
check_after(struct audit *au, const struct zf_step_rule *r,
    const struct act *x)
{
	const struct act *y;
	size_t i;
	int before, any = r->after_any[0] == NULL;

	for (i = 0; r->after[i] != NULL; i++) {
		if ((y = find_step(au, r->after[i], x, &before)) != NULL &&
		    before)
			continue;
		if (y != NULL)
			finding(au, ZF_AUDIT_ORDER, x->seq, r->basis, "%s (%s) "
			    "on %s came before %s (%s), on %s",
			    step_name(x->step), x->step, x->at_text,
			    step_name(r->after[i]), r->after[i], y->at_text);
		else
			finding(au, ZF_AUDIT_ORDER, x->seq, r->basis, "%s (%s) "
			    "on %s was taken without %s (%s) before it",
			    step_name(x->step), x->step, x->at_text,
			    step_name(r->after[i]), r->after[i]);
	}
	for (i = 0; !any && r->after_any[i] != NULL; i++)
		any = find_step(au, r->after_any[i], x, &before) != NULL &&
		    before;
	if (!any) {
		struct zf_buf b;

		zf_buf_init(&b);
		for (i = 0; r->after_any[i] != NULL; i++)
			zf_buf_printf(&b, "%s%s (%s)", i ? " or " : "",
			    step_name(r->after_any[i]), r->after_any[i]);
		finding(au, ZF_AUDIT_ORDER, x->seq, r->basis, "%s (%s) on %s "
		    "was taken without %s before it", step_name(x->step),
		    x->step, x->at_text, b.data);
		zf_buf_release(&b);
	}
}

/* 1 when the case holds evidence of one of kinds ("a|b") for step. */
static int
has_evidence(const struct audit *au, const struct act *x, const char *kinds)
{
	char *copy = xstrdup(kinds), *p = copy, *w;
	size_t i;
	int found = 0;

	while (!found && (w = strsep(&p, "|")) != NULL) {
		if (strcmp(w, "record") == 0 &&
		    zf_json_get_str(x->ev.data, "doc") != NULL)
			found = 1;
		for (i = 0; !found && i < au->nev; i++)
			found = au->ev[i].stage != NULL &&
			    strcmp(au->ev[i].stage, x->step) == 0 &&
			    strcmp(au->ev[i].kind, w) == 0;
	}
	free(copy);
	return found;
}

static void
check_requires(struct audit *au, const struct zf_step_rule *r,
    const struct act *x)
{
	size_t i;

	for (i = 0; r->requires[i] != NULL; i++) {
		const char *method = zf_json_get_str(x->ev.data, "method");

		if (has_evidence(au, x, r->requires[i]))
			continue;
		finding(au, strcmp(x->step, "serve") == 0 ? ZF_AUDIT_SERVICE :
		    ZF_AUDIT_DOCUMENT, x->seq, r->basis, "%s (%s%s%s) on %s "
		    "has no evidence of kind %s stored for it (evidence-add "
		    "%s FILE --kind %s --stage %s)", step_name(x->step),
		    x->step, method ? ", " : "", method ? method : "",
		    x->at_text, r->requires[i], au->id, r->requires[i],
		    x->step);
	}
}

static void
check_steps(struct audit *au)
{
	const struct zf_config *c = au->cfg;
	size_t i, j;

	for (i = 0; i < au->nacts; i++) {
		const struct act *x = &au->acts[i];

		if (x->step == NULL)
			continue;
		for (j = 0; j < c->nstep_rules; j++)
			if (rule_applies(au, &c->step_rules[j], x))
				check_after(au, &c->step_rules[j], x);
		for (j = 0; j < c->audit.nsteps; j++)
			if (rule_applies(au, &c->audit.steps[j], x)) {
				check_after(au, &c->audit.steps[j], x);
				check_requires(au, &c->audit.steps[j], x);
			}
	}
}

/* --- deadlines ------------------------------------------------------- */

static int
check_deadlines(struct audit *au)
{
	static const char sql[] = "SELECT rule, what, basis, due, due_at, "
	    "state, closed_seq FROM deadlines WHERE case_id = ? AND party = 0 "
	    "ORDER BY opened_seq, rule";
	struct zf_db *db = zf_archive_db(au->a);
	struct zf_err *e = zf_archive_err(au->a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int32_t today = zf_archive_today(au->a);
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, au->id);
	while ((rc = zf_db_row(db, st, e, "cannot read deadlines")) == 1) {
		const char *rule = zf_db_text(st, 0), *what = zf_db_text(st, 1);
		const char *basis = zf_db_text(st, 2), *due = zf_db_text(st, 3);
		const char *state = zf_db_text(st, 5);
		const struct act *y = NULL;
		struct zf_json *f;
		int32_t due_day, day;

		if (due == NULL || zf_date_parse(due, &due_day) != 0)
			continue;
		if (strcmp(state, "done") == 0) {
			y = act_by_seq(au,
			    sqlite3_column_int64(st, 6));
			if (y == NULL || y->day <= due_day)
				continue;
			day = y->day;
		} else if (strcmp(state, "open") == 0 && today > due_day) {
			day = today;
		} else {
			continue;
		}
		if (y != NULL)
			f = finding(au, ZF_AUDIT_DEADLINE, y->seq, basis,
			    "%s (%s) was due %s and met on %s by %s (%s): %d "
			    "day%s late", what, rule, due, y->at_text,
			    step_name(y->step ? y->step : y->ev.type),
			    y->step ? y->step : y->ev.type, day - due_day,
			    day - due_day == 1 ? "" : "s");
		else
			f = finding(au, ZF_AUDIT_DEADLINE, -1, basis, "%s (%s) "
			    "was due %s and is still not met: %d day%s "
			    "overdue", what, rule, due, day - due_day,
			    day - due_day == 1 ? "" : "s");
		zf_json_set_int(f, "late_days", day - due_day);
	}
	sqlite3_reset(st);
	return rc < 0 ? e->code : 0;
}

/* --- legal review ---------------------------------------------------- */

static int
reviewed_before(struct audit *au, int64_t seq, int *yes)
{
	static const char sql[] = "SELECT 1 FROM reviews WHERE case_id = ?1 "
	    "AND status = 'approved' AND decided_seq < ?2 LIMIT 1";
	struct zf_db *db = zf_archive_db(au->a);
	struct zf_err *e = zf_archive_err(au->a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, au->id);
	sqlite3_bind_int64(st, 2, seq);
	rc = zf_db_row(db, st, e, "cannot read reviews");
	sqlite3_reset(st);
	*yes = rc == 1;
	return rc < 0 ? e->code : 0;
}

static int
check_review(struct audit *au, const struct act *x)
{
	const struct zf_json *list = zf_json_get(x->ev.data, "measures");
	const char *measures[ZF_REVIEW_MAX_MEASURES];
	const char *then = zf_json_get_str(x->tree, "config");
	char now[ZF_DIGEST_HEX];
	struct zf_json *reasons = NULL;
	struct zf_buf why;
	int64_t fine = 0, conf = 0;
	size_t n = 0, i;
	int rc, yes;

	for (i = 0; list != NULL && i < zf_json_len(list) &&
	    n < ZF_REVIEW_MAX_MEASURES; i++)
		if (zf_json_str(zf_json_at(list, i)) != NULL)
			measures[n++] = zf_json_str(zf_json_at(list, i));
	zf_json_get_int(x->ev.data, "fine_fen", &fine);
	zf_json_get_int(x->ev.data, "confiscated_fen", &conf);
	if ((rc = zf_review_verdict(au->a, au->id, measures, n, fine, conf,
	    &reasons)) != 0)
		return rc;
	if (zf_json_len(reasons) == 0 ||
	    (rc = reviewed_before(au, x->seq, &yes)) != 0 || yes) {
		zf_json_free(reasons);
		return rc;
	}
	zf_buf_init(&why);
	for (i = 0; i < zf_json_len(reasons); i++)
		zf_buf_printf(&why, "%s%s", i ? "；" : "",
		    zf_json_str(zf_json_at(reasons, i)));
	zf_hex(zf_config_digest(zf_archive_config(au->a)), ZF_DIGEST_LEN,
	    now);
	finding(au, ZF_AUDIT_REVIEW, x->seq, REVIEW_BASIS, "the decision %s "
	    "of %s is major under the catalog now in force (%s), and no "
	    "legal review passed before it%s",
	    zf_json_get_str(x->ev.data, "number") ?
	    zf_json_get_str(x->ev.data, "number") : "", x->at_text, why.data,
	    then != NULL && strcmp(then, now) != 0 ? "; it was decided under "
	    "an earlier configuration, since changed (archive-config)" : "");
	zf_buf_release(&why);
	zf_json_free(reasons);
	return 0;
}

static int
check_reviews(struct audit *au)
{
	size_t i;
	int rc;

	for (i = 0; i < au->nacts; i++)
		if (strcmp(au->acts[i].ev.type, "decision.issued") == 0 &&
		    (rc = check_review(au, &au->acts[i])) != 0)
			return rc;
	return 0;
}

/* --- evidence -------------------------------------------------------- */

static int
load_evidence(struct audit *au)
{
	static const char sql[] = "SELECT id, kind, stage, digest, size FROM "
	    "evidence WHERE case_id = ? ORDER BY seq";
	struct zf_db *db = zf_archive_db(au->a);
	struct zf_err *e = zf_archive_err(au->a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	size_t cap = 0;
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, au->id);
	while ((rc = zf_db_row(db, st, e, "cannot read evidence")) == 1) {
		struct evidence *v;

		if (au->nev == cap) {
			cap = cap ? 2 * cap : 8;
			au->ev = xrealloc(au->ev, cap * sizeof(*au->ev));
		}
		v = &au->ev[au->nev++];
		v->id = xstrdup(zf_db_text(st, 0));
		v->kind = xstrdup(zf_db_text(st, 1));
		v->stage = zf_db_text(st, 2) ? xstrdup(zf_db_text(st, 2)) :
		    NULL;
		v->digest = xstrdup(zf_db_text(st, 3));
		v->size = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	return rc < 0 ? e->code : 0;
}

/* Each piece of evidence re-hashed against the digest recorded. */
static int
check_objects(struct audit *au)
{
	uint8_t want[ZF_DIGEST_LEN];
	size_t i;
	int null, rc = 0;

	if (au->flags & ZF_AUDIT_QUICK || au->nev == 0)
		return 0;
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0)
		return zf_fail(zf_archive_err(au->a), EX_OSERR, "cannot open "
		    "/dev/null");
	for (i = 0; rc == 0 && i < au->nev; i++) {
		const struct evidence *v = &au->ev[i];
		int fd, r;

		if (zf_unhex(v->digest, want, ZF_DIGEST_LEN) != 0) {
			finding(au, ZF_AUDIT_INTEGRITY, -1, INTEGRITY_BASIS,
			    "evidence %s records no digest", v->id);
			continue;
		}
		if ((r = zf_object_open(au->a, v->digest, &fd)) == EX_NOINPUT) {
			finding(au, ZF_AUDIT_INTEGRITY, -1, INTEGRITY_BASIS,
			    "evidence %s is missing from the store", v->id);
			continue;
		}
		if (r != 0) {
			rc = r;
			break;
		}
		r = zf_object_copy_out(au->a, fd, null, want,
		    (uint64_t)v->size, v->id);
		close(fd);
		if (r == EX_DATAERR)
			finding(au, ZF_AUDIT_INTEGRITY, -1, INTEGRITY_BASIS,
			    "evidence %s does not match its digest: the file "
			    "was changed", v->id);
		else
			rc = r;
	}
	close(null);
	return rc;
}

static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int
check_reads(struct audit *au)
{
	static const char sql[] = "SELECT r.seq, r.evidence_id, r.actor, "
	    "r.time, r.reason FROM reads r JOIN evidence e ON e.id = "
	    "r.evidence_id WHERE r.case_id = ? AND e.access = 'secret' "
	    "ORDER BY r.seq";
	struct zf_db *db = zf_archive_db(au->a);
	struct zf_err *e = zf_archive_err(au->a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, au->id);
	while ((rc = zf_db_row(db, st, e, "cannot read the reads")) == 1) {
		const char *reason = zf_db_text(st, 4);

		if (reason != NULL && chars(reason) >=
		    (size_t)au->cfg->audit.read_reason_min)
			continue;
		finding(au, ZF_AUDIT_SECRET_READ, sqlite3_column_int64(st, 0),
		    au->cfg->audit.secret_read_basis, "%s read secret evidence "
		    "%s on %s for the reason \"%s\", fewer than %d characters: "
		    "it does not say why", zf_db_text(st, 2),
		    zf_db_text(st, 1), zf_db_text(st, 3), reason ? reason : "",
		    au->cfg->audit.read_reason_min);
	}
	sqlite3_reset(st);
	return rc < 0 ? e->code : 0;
}

/* --- the whole ------------------------------------------------------- */

static void
audit_release(struct audit *au)
{
	size_t i;

	for (i = 0; i < au->nacts; i++)
		zf_json_free(au->acts[i].tree);
	free(au->acts);
	for (i = 0; i < au->nev; i++) {
		free(au->ev[i].id);
		free(au->ev[i].kind);
		free(au->ev[i].stage);
		free(au->ev[i].digest);
	}
	free(au->ev);
	free(au->kind);
	free(au->measures);
	zf_json_free(au->findings);
}

int
zf_case_audit(struct zf_archive *a, const char *id, unsigned flags,
    struct zf_json **out)
{
	static const char sql[] = "SELECT number, kind, stage, (SELECT "
	    "count(*) FROM person_keys) FROM cases WHERE id = ?";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	struct audit au;
	struct zf_json *r;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	memset(&au, 0, sizeof(au));
	au.a = a;
	au.cfg = zf_archive_config(a);
	au.flags = flags;
	au.id = id;
	au.findings = zf_json_array();
	if ((st = zf_db_stmt(db, sql, e)) == NULL) {
		audit_release(&au);
		return e->code;
	}
	zf_db_bind_text(st, 1, id);
	if ((rc = zf_db_row(db, st, e, "cannot read cases")) != 1) {
		sqlite3_reset(st);
		audit_release(&au);
		return rc < 0 ? e->code : zf_fail(e, EX_NOINPUT, "no case '%s' "
		    "(case-list shows the cases)", id);
	}
	r = zf_json_object();
	zf_json_set_str(r, "case", id);
	zf_json_set_str(r, "number", zf_db_text(st, 0));
	zf_json_set_str(r, "kind", zf_db_text(st, 1));
	zf_json_set_str(r, "stage", zf_db_text(st, 2));
	au.kind = xstrdup(zf_db_text(st, 1));
	au.keys = sqlite3_column_int64(st, 3) > 0;
	sqlite3_reset(st);
	if ((rc = zf_require_measures(a, id, &au.measures)) != 0 ||
	    (rc = load_evidence(&au)) != 0 || (rc = load_acts(&au)) != 0)
		goto out;
	check_late(&au);
	check_steps(&au);
	check_officers(&au);
	if ((rc = check_deadlines(&au)) != 0 ||
	    (rc = check_reviews(&au)) != 0 ||
	    (rc = check_objects(&au)) != 0 || (rc = check_reads(&au)) != 0)
		goto out;
	zf_json_set_int(r, "score", au.lost >= 100 ? 0 : 100 - au.lost);
	zf_json_set(r, "findings", au.findings);
	au.findings = NULL;
	*out = r;
	r = NULL;
out:
	zf_json_free(r);
	audit_release(&au);
	return rc;
}

int
zf_case_audit_all(struct zf_archive *a, unsigned flags,
    int (*each)(void *ctx, const struct zf_json *audit), void *ctx)
{
	static const char sql[] = "SELECT id FROM cases WHERE id > ? "
	    "ORDER BY id LIMIT 256";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	char *last = xstrdup(""), *ids[256];
	size_t n, i;
	int rc = 0;

	do {
		sqlite3_stmt *st = zf_db_stmt(db, sql, e);

		if (st == NULL) {
			rc = e->code;
			break;
		}
		zf_db_bind_text(st, 1, last);
		n = 0;
		while (n < 256 && (rc = zf_db_row(db, st, e,
		    "cannot read cases")) == 1)
			ids[n++] = xstrdup(zf_db_text(st, 0));
		sqlite3_reset(st);
		rc = rc < 0 ? e->code : 0;
		for (i = 0; i < n; i++) {
			struct zf_json *r = NULL;

			if (rc == 0 && (rc = zf_case_audit(a, ids[i], flags,
			    &r)) == 0)
				rc = each(ctx, r);
			zf_json_free(r);
			if (i + 1 == n) {
				free(last);
				last = ids[i];
			} else {
				free(ids[i]);
			}
		}
	} while (rc == 0 && n == 256);
	free(last);
	return rc;
}
