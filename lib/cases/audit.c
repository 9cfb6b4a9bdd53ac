/* audit: 案卷评查 of a case file against the checklist of zhifa.yaml. */
#include "cases/audit.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/json.h"
#include "base/utf8.h"
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

/* A piece of evidence, as its signed evidence.added event gives it. */
struct evidence {
	const char *id, *kind, *stage, *digest, *access;	/* into acts */
	int64_t size, seq;
	int64_t made;		/* recorded_at, else when it was added */
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
	size_t nev, capev;
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

	if (strcmp(step, "filed") == 0)
		return "立案";
	return d != NULL ? d->chinese : step;
}

/* "3 days 1 hour", "1 day 30 minutes" for seconds. */
static void
put_span(struct zf_buf *b, int64_t s)
{
	int64_t d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60;

	if (d > 0)
		zf_buf_printf(b, "%lld day%s", (long long)d, d == 1 ? "" : "s");
	if (h > 0)
		zf_buf_printf(b, "%s%lld hour%s", d > 0 ? " " : "",
		    (long long)h, h == 1 ? "" : "s");
	if (m > 0 || (d == 0 && h == 0))
		zf_buf_printf(b, "%s%lld minute%s", d + h > 0 ? " " : "",
		    (long long)m, m == 1 ? "" : "s");
}

/* The start of a local day, in seconds since the epoch. */
static int64_t
day_start(const struct audit *au, int32_t day)
{
	return (int64_t)day * 86400 - (int64_t)au->cfg->offset * 60;
}

/* --- the events ------------------------------------------------------ */

static int
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/*
 * The event's hash over its body, its link to the event before it, its
 * index columns against the event itself, and (unless quick) its
 * actor's signature by the key the journal says they held then.
 * st: seq, hash, body, sigs, time, actor, case_id, type.
 */
static int
check_integrity(struct audit *au, sqlite3_stmt *st, const struct zf_json *tree,
    const struct zf_event *ev)
{
	static const char sql_key[] = "SELECT vkey FROM person_keys WHERE "
	    "person = ?1 AND from_seq < ?2 AND (until_seq IS NULL OR "
	    "until_seq >= ?2) ORDER BY from_seq DESC LIMIT 1";
	static const char sql_prev[] = "SELECT hash FROM journal WHERE seq = ?";
	struct zf_db *db = zf_archive_db(au->a);
	struct zf_err *e = zf_archive_err(au->a);
	int64_t seq = sqlite3_column_int64(st, 0);
	const void *hash = sqlite3_column_blob(st, 1);
	const char *body = (const char *)sqlite3_column_text(st, 2);
	const char *sigs = (const char *)sqlite3_column_text(st, 3);
	const char *prev = zf_json_get_str(tree, "prev");
	uint8_t h[ZF_DIGEST_LEN];
	char hex[ZF_DIGEST_HEX];
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
	if (!same(ev->time, zf_db_text(st, 4)) ||
	    !same(ev->actor, zf_db_text(st, 5)) ||
	    !same(ev->case_id, zf_db_text(st, 6)) ||
	    !same(ev->type, zf_db_text(st, 7)))
		finding(au, ZF_AUDIT_INTEGRITY, seq, INTEGRITY_BASIS,
		    "event %lld's index columns (time, actor, case, type) "
		    "differ from the event itself (%s of %s, by %s): the "
		    "journal's rows were changed", (long long)seq, ev->type,
		    ev->case_id ? ev->case_id : "no case", ev->actor);
	/* The link to the event before it: a deleted or changed one. */
	if ((k = zf_db_stmt(db, sql_prev, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(k, 1, seq - 1);
	rc = zf_db_row(db, k, e, "cannot read the journal");
	if (rc == 1 && sqlite3_column_bytes(k, 0) == ZF_DIGEST_LEN)
		zf_hex(sqlite3_column_blob(k, 0), ZF_DIGEST_LEN, hex);
	sqlite3_reset(k);
	if (rc < 0)
		return e->code;
	if (seq > 0 && (rc == 0 || !same(prev, hex)))
		finding(au, ZF_AUDIT_INTEGRITY, seq, INTEGRITY_BASIS,
		    "event %lld does not link to the event before it, which "
		    "is %s: the journal was cut or changed (archive-verify "
		    "tells more)", (long long)seq, rc == 0 ? "missing" :
		    "another");
	if ((au->flags & ZF_AUDIT_QUICK) || !au->keys || ev->actor == NULL)
		return 0;
	if ((k = zf_db_stmt(db, sql_key, e)) == NULL)
		return e->code;
	zf_db_bind_text(k, 1, ev->actor);
	sqlite3_bind_int64(k, 2, seq);
	rc = zf_db_row(db, k, e, "cannot read personal keys");
	if (rc == 0)
		finding(au, ZF_AUDIT_INTEGRITY, seq, INTEGRITY_BASIS,
		    "event %lld is by %s, who held no registered key then: "
		    "who did it is not proven", (long long)seq, ev->actor);
	else if (rc == 1 && zf_event_sig_check(zf_archive_suite(au->a),
	    zf_db_text(k, 0), h, sigs) != 0)
		finding(au, ZF_AUDIT_INTEGRITY, seq, INTEGRITY_BASIS,
		    "event %lld is not signed by its actor %s's key",
		    (long long)seq, ev->actor);
	sqlite3_reset(k);
	return rc < 0 ? e->code : 0;
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

static void
add_evidence(struct audit *au, const struct act *x)
{
	const struct zf_json *d = x->ev.data;
	const char *made = zf_json_get_str(d, "recorded_at");
	struct evidence *v;
	struct zf_time t;

	if (au->nev == au->capev) {
		au->capev = au->capev ? 2 * au->capev : 8;
		au->ev = xrealloc(au->ev, au->capev * sizeof(*au->ev));
	}
	v = &au->ev[au->nev++];
	v->id = zf_json_get_str(d, "id");
	v->kind = zf_json_get_str(d, "kind");
	v->stage = zf_json_get_str(d, "stage");
	v->digest = zf_json_get_str(d, "digest");
	v->access = zf_json_get_str(d, "access");
	v->size = 0;
	zf_json_get_int(d, "size", &v->size);
	v->seq = x->seq;
	v->made = made != NULL && zf_time_parse(made, &t) == 0 ? t.unix :
	    x->recorded;
	if (v->id == NULL || v->kind == NULL || v->digest == NULL)
		au->nev--;
}

static int
load_acts(struct audit *au)
{
	static const char sql[] = "SELECT seq, hash, body, sigs, time, actor, "
	    "case_id, type FROM journal WHERE case_id = ? ORDER BY seq";
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
		if ((rc = check_integrity(au, st, x.tree, &x.ev)) != 0) {
			zf_json_free(x.tree);
			sqlite3_reset(st);
			return rc;
		}
		place(au, &x);
		if (strcmp(x.ev.type, "evidence.added") == 0)
			add_evidence(au, &x);
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
		zf_json_set_int(f, "late_hours", (late + 3599) / 3600);
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
		if (strcmp(x->step, "recuse") == 0) {
			/* 回避: the one who declares it stands aside. */
			for (j = 0; j < n; j++)
				if (who[j] != NULL && x->ev.actor != NULL &&
				    strcmp(who[j], x->ev.actor) == 0)
					who[j] = NULL;
			continue;
		}
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

			if (who[j] == NULL)
				continue;	/* stood aside (回避) */
			if (p != NULL && zf_person_cert_valid(p, x->day))
				certified++;
			else
				zf_buf_printf(&names, "%s%s", names.len ? ", " :
				    "", who[j]);
		}
		if (certified < 2)
			finding(au, ZF_AUDIT_OFFICERS, x->seq,
			    au->cfg->audit.officers_basis, "%s (%s) on %s: %d "
			    "officer%s of the case, not in recusal, held a "
			    "valid 执法证 that day, not two%s%s",
			    step_name(x->step), x->step, x->at_text, certified,
			    certified == 1 ? "" : "s",
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

static const struct evidence *
evidence_by_id(const struct audit *au, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < au->nev; i++)
		if (strcmp(au->ev[i].id, id) == 0)
			return &au->ev[i];
	return NULL;
}

/*
 * 1 when evidence v was made for act x: stored with x's step as its
 * stage, made no earlier than the day of x, and not after another act
 * of the same step that came later (each service its own 送达回证).
 */
static int
made_for(const struct audit *au, const struct evidence *v,
    const struct act *x)
{
	size_t i;

	if (v->stage == NULL || strcmp(v->stage, x->step) != 0 ||
	    v->made < day_start(au, x->day))
		return 0;
	for (i = 0; i < au->nacts; i++) {
		const struct act *y = &au->acts[i];

		if (y != x && y->step != NULL &&
		    strcmp(y->step, x->step) == 0 && y->at > x->at &&
		    y->at <= v->made)
			return 0;
	}
	return 1;
}

/* 1 when the case holds evidence of one of kinds ("a|b") for act x. */
static int
has_evidence(const struct audit *au, const struct act *x, const char *kinds)
{
	const struct evidence *doc = evidence_by_id(au,
	    zf_json_get_str(x->ev.data, "doc"));
	char *copy = xstrdup(kinds), *p = copy, *w;
	size_t i;
	int found = 0;

	while (!found && (w = strsep(&p, "|")) != NULL) {
		/* The step's own document (--doc) counts as a record too. */
		if (doc != NULL && (strcmp(w, "record") == 0 ||
		    strcmp(doc->kind, w) == 0))
			found = 1;
		for (i = 0; !found && i < au->nev; i++)
			found = strcmp(au->ev[i].kind, w) == 0 &&
			    made_for(au, &au->ev[i], x);
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
	    "state, closed_seq, remaining, unit FROM deadlines WHERE "
	    "case_id = ? AND party = 0 ORDER BY opened_seq, rule";
	struct zf_db *db = zf_archive_db(au->a);
	struct zf_err *e = zf_archive_err(au->a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int32_t today = zf_archive_today(au->a);
	int64_t now = zf_archive_now(au->a)->unix;
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, au->id);
	while ((rc = zf_db_row(db, st, e, "cannot read deadlines")) == 1) {
		const char *rule = zf_db_text(st, 0), *what = zf_db_text(st, 1);
		const char *basis = zf_db_text(st, 2), *due = zf_db_text(st, 3);
		const char *due_at = zf_db_text(st, 4);
		const char *state = zf_db_text(st, 5);
		const struct act *y = NULL;
		struct zf_json *f;
		struct zf_time t;
		struct zf_buf span;
		int32_t due_day;
		int64_t late, at_end = -1;

		if (due == NULL || zf_date_parse(due, &due_day) != 0)
			continue;
		if (due_at != NULL && *due_at == '\0')
			due_at = NULL;
		/* A period in hours ends at its hour, not at its day's end. */
		if (due_at != NULL && zf_time_parse(due_at, &t) == 0)
			at_end = t.unix;
		if (strcmp(state, "paused") == 0) {
			int64_t left = sqlite3_column_int64(st, 7);

			if (sqlite3_column_type(st, 7) == SQLITE_NULL ||
			    left >= 0)
				continue;
			f = finding(au, ZF_AUDIT_DEADLINE, -1, basis, "%s (%s) "
			    "was due %s and was %lld %s day%s overdue when it "
			    "was paused", what, rule, due, (long long)-left,
			    zf_db_text(st, 8) ? zf_db_text(st, 8) : "",
			    left == -1 ? "" : "s");
			zf_json_set_int(f, "late_days", -left);
			continue;
		}
		if (strcmp(state, "done") == 0) {
			y = act_by_seq(au, sqlite3_column_int64(st, 6));
			if (y == NULL || (at_end >= 0 ? y->at <= at_end :
			    y->day <= due_day))
				continue;
		} else if (strcmp(state, "open") != 0 || (at_end >= 0 ?
		    now <= at_end : today <= due_day)) {
			continue;
		}
		zf_buf_init(&span);
		if (at_end >= 0) {
			late = (y != NULL ? y->at : now) - at_end;
			put_span(&span, late);
		} else {
			late = (int64_t)((y != NULL ? y->day : today) -
			    due_day);
			zf_buf_printf(&span, "%lld day%s", (long long)late,
			    late == 1 ? "" : "s");
		}
		if (y != NULL)
			f = finding(au, ZF_AUDIT_DEADLINE, y->seq, basis,
			    "%s (%s) was due %s and met on %s by %s (%s): %s "
			    "late", what, rule, due_at ? due_at : due,
			    y->at_text, step_name(y->step ? y->step :
			    y->ev.type), y->step ? y->step : y->ev.type,
			    span.data);
		else
			f = finding(au, ZF_AUDIT_DEADLINE, -1, basis, "%s (%s) "
			    "was due %s and is still not met: %s overdue", what,
			    rule, due_at ? due_at : due, span.data);
		if (at_end >= 0)
			zf_json_set_int(f, "late_hours", (late + 3599) / 3600);
		else
			zf_json_set_int(f, "late_days", late);
		zf_buf_release(&span);
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
	int rc, yes = 0;

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

/* Each piece of evidence re-hashed against the digest recorded. */
static int
check_objects(struct audit *au)
{
	struct zf_err *e = zf_archive_err(au->a);
	uint8_t want[ZF_DIGEST_LEN], got[ZF_DIGEST_LEN];
	char buf[65536];
	size_t i;
	int rc = 0;

	if (au->flags & ZF_AUDIT_QUICK)
		return 0;
	for (i = 0; rc == 0 && i < au->nev; i++) {
		const struct evidence *v = &au->ev[i];
		struct zf_digest *d;
		uint64_t size = 0;
		ssize_t n;
		int fd;

		if (zf_unhex(v->digest, want, ZF_DIGEST_LEN) != 0) {
			finding(au, ZF_AUDIT_INTEGRITY, v->seq, INTEGRITY_BASIS,
			    "evidence %s records no digest", v->id);
			continue;
		}
		rc = zf_object_open(au->a, v->digest, &fd);
		if (rc == EX_NOINPUT) {
			rc = 0;
			finding(au, ZF_AUDIT_INTEGRITY, v->seq, INTEGRITY_BASIS,
			    "evidence %s is missing from the store", v->id);
			continue;
		}
		if (rc != 0)
			break;
		d = zf_digest_new(zf_archive_suite(au->a));
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			zf_digest_update(d, buf, (size_t)n);
			size += (uint64_t)n;
		}
		zf_digest_final(d, got);
		zf_digest_free(d);
		close(fd);
		if (n < 0)
			rc = zf_fail(e, EX_IOERR, "cannot read evidence %s: %s",
			    v->id, strerror(errno));
		else if (size != (uint64_t)v->size ||
		    memcmp(want, got, ZF_DIGEST_LEN) != 0)
			finding(au, ZF_AUDIT_INTEGRITY, v->seq, INTEGRITY_BASIS,
			    "evidence %s does not match its digest: the file "
			    "was changed", v->id);
	}
	return rc;
}

/* The characters of s that say something: not spaces nor punctuation. */
static size_t
chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, len;
	uint32_t cp;

	while (*p != '\0') {
		if ((len = zf_utf8_decode(p, strlen((const char *)p),
		    &cp)) == 0)
			break;
		p += len;
		if (cp < 0x80 ? isalnum((int)cp) != 0 : !(cp >= 0x3000 &&
		    cp <= 0x303f) && !(cp >= 0xff00 && cp <= 0xff20) &&
		    !(cp >= 0x2000 && cp <= 0x206f))
			n++;
	}
	return n;
}

/* Each read of the case's secret evidence, by its evidence.read event. */
static void
check_reads(struct audit *au)
{
	size_t i;

	for (i = 0; i < au->nacts; i++) {
		const struct act *x = &au->acts[i];
		const struct evidence *v;
		const char *reason;

		if (strcmp(x->ev.type, "evidence.read") != 0 ||
		    (v = evidence_by_id(au, zf_json_get_str(x->ev.data,
		    "evidence"))) == NULL || v->access == NULL ||
		    strcmp(v->access, "secret") != 0)
			continue;
		reason = zf_json_get_str(x->ev.data, "reason");
		if (reason != NULL && chars(reason) >=
		    (size_t)au->cfg->audit.read_reason_min)
			continue;
		finding(au, ZF_AUDIT_SECRET_READ, x->seq,
		    au->cfg->audit.secret_read_basis, "%s read secret evidence "
		    "%s on %s for the reason \"%s\", fewer than %d characters "
		    "that say something: it does not say why", x->ev.actor,
		    v->id, x->ev.time, reason ? reason : "",
		    au->cfg->audit.read_reason_min);
	}
}

/*
 * The case's rows in the tables the record is read from (steps,
 * evidence, decisions) each come from one of its events: a row whose
 * event the journal does not hold for the case was changed or its event
 * taken away.
 */
static int
check_tables(struct audit *au)
{
	static const char sql[] = "SELECT seq, 'steps' FROM steps WHERE "
	    "case_id = ?1 UNION ALL SELECT seq, 'evidence' FROM evidence WHERE "
	    "case_id = ?1 UNION ALL SELECT seq, 'decisions' FROM decisions "
	    "WHERE case_id = ?1";
	struct zf_db *db = zf_archive_db(au->a);
	struct zf_err *e = zf_archive_err(au->a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, au->id);
	while ((rc = zf_db_row(db, st, e, "cannot read the case")) == 1) {
		int64_t seq = sqlite3_column_int64(st, 0);

		if (act_by_seq(au, seq) == NULL)
			finding(au, ZF_AUDIT_INTEGRITY, seq, INTEGRITY_BASIS,
			    "the table %s holds a row of event %lld, which the "
			    "journal does not hold for %s: an event was taken "
			    "away or moved (archive-verify tells more)",
			    zf_db_text(st, 1), (long long)seq, au->id);
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
	    (rc = load_acts(&au)) != 0 || (rc = check_tables(&au)) != 0)
		goto out;
	check_late(&au);
	check_steps(&au);
	check_officers(&au);
	check_reads(&au);
	if ((rc = check_deadlines(&au)) != 0 ||
	    (rc = check_reviews(&au)) != 0 ||
	    (rc = check_objects(&au)) != 0)
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
