/* publish: the entries owed to the public, and their records. */
#include "publication/publish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "base/buf.h"
#include "cases/case.h"
#include "cases/may.h"
#include "rules/config.h"
#include "base/crypto.h"
#include "record/db.h"
#include "cases/deadline.h"
#include "base/ident.h"
#include "record/journal.h"
#include "base/json.h"
#include "base/text.h"
#include "base/money.h"
#include "rules/procedure.h"
#include "record/publog.h"
#include "rules/redact.h"
#include "cases/step.h"
#include "base/when.h"

#define ZF_MAX_MEASURES_PUB 32

static const char *const type_names[] = { "publish", "correct", "withdraw",
	"expire" };

const char *
zf_pub_type_name(int type)
{
	return type >= 0 && type <= ZF_PUB_EXPIRE ? type_names[type] : "?";
}

static int
pub_type(const char *name)
{
	int i;

	for (i = 0; i <= ZF_PUB_EXPIRE; i++)
		if (name != NULL && strcmp(name, type_names[i]) == 0)
			return i;
	return -1;
}

/* Records: the schemas. */

static const char *const penalty_columns[] = { "CF_XDR_MC", "CF_XDR_LB",
	"CF_XDR_SHXYM", "CF_FRDB", "CF_XDR_ZJLX", "CF_XDR_ZJHM", "CF_WSH",
	"CF_WFXW", "CF_SY", "CF_YJ", "CF_CFLB", "CF_NR", "CF_NR_FK",
	"CF_NR_WFFF", "CF_NR_ZKDX", "CF_JDRQ", "CF_YXQ", "CF_GSJZQ", "CF_CFJG",
	"CF_CFJGDM", "CF_SJLY", "CF_SJLYDM", "BZ", NULL };
static const char *const licensing_columns[] = { "XK_XDR_MC", "XK_XDR_LB",
	"XK_XDR_SHXYM", "XK_FRDB", "XK_XDR_ZJLX", "XK_XDR_ZJHM", "XK_XKWS",
	"XK_WSH", "XK_XKLB", "XK_XKZS", "XK_XKBH", "XK_NR", "XK_JDRQ",
	"XK_YXQZ", "XK_YXQZI", "XK_XKJG", "XK_XKJGDM", "XK_ZT", "XK_LYDW",
	"XK_LYDWDM", "BZ", NULL };
static const char *const other_columns[] = { "ZF_LB", "ZF_XDR_MC",
	"ZF_XDR_LB", "ZF_XDR_SHXYM", "ZF_FRDB", "ZF_XDR_ZJLX", "ZF_XDR_ZJHM",
	"ZF_WSH", "ZF_SY", "ZF_YJ", "ZF_CSLB", "ZF_NR", "ZF_JE", "ZF_JDRQ",
	"ZF_GSJZQ", "ZF_JG", "ZF_JGDM", "BZ", NULL };

const char *const zf_publish_schemas[ZF_PUBLISH_SCHEMAS] = { "penalty",
	"licensing", "other" };

int
zf_publish_schema_index(const char *kind)
{
	if (strcmp(kind, "penalty") == 0)
		return 0;
	if (strcmp(kind, "licensing") == 0)
		return 1;
	return 2;
}

int
zf_publish_record_schema(const struct zf_json *record)
{
	if (zf_json_get(record, "CF_WSH") != NULL)
		return 0;
	if (zf_json_get(record, "XK_WSH") != NULL)
		return 1;
	return 2;
}

const char *
zf_publish_schema(const char *kind)
{
	return zf_publish_schemas[zf_publish_schema_index(kind)];
}

const char *const *
zf_publish_columns(const char *schema)
{
	if (strcmp(schema, "penalty") == 0)
		return penalty_columns;
	if (strcmp(schema, "licensing") == 0)
		return licensing_columns;
	return other_columns;
}

/* What a record is built from. */
struct source {
	char *kind, *party, *party_kind, *party_id, *rep, *address, *phone;
	char *cause, *field, *number, *outcome, *measures, *decided, *basis;
	int64_t fine_fen;	/* -1: none */
	/* The decision.issued event's data: the 双公示 items given with
	 * the decision (violation, violated, licence_number, certificate,
	 * valid_from, valid_to, licence_category, confiscated_fen). */
	struct zf_json *issued;
};

static void
source_free(struct source *s)
{
	free(s->kind);
	free(s->party);
	free(s->party_kind);
	free(s->party_id);
	free(s->rep);
	free(s->address);
	free(s->phone);
	free(s->cause);
	free(s->field);
	free(s->number);
	free(s->outcome);
	free(s->measures);
	free(s->decided);
	free(s->basis);
	zf_json_free(s->issued);
}

/* The data of the decision.issued event at seq (an object, maybe empty). */
static int
load_issued(struct zf_archive *a, int64_t seq, struct zf_json **out)
{
	static const char sql[] = "SELECT body FROM journal WHERE seq = ?";
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	struct zf_json *ev = NULL;
	int rc;

	*out = NULL;
	if (st == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, seq);
	if ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read the journal")) == 1)
		ev = zf_json_parse(zf_db_text(st, 0), strlen(zf_db_text(st, 0)),
		    NULL, 0);
	sqlite3_reset(st);
	if (rc < 0)
		return e->code;
	*out = ev != NULL && zf_json_get(ev, "data") != NULL ?
	    zf_json_copy(zf_json_get(ev, "data")) : zf_json_object();
	zf_json_free(ev);
	return 0;
}

static int
load_source(struct zf_archive *a, const char *case_id, int64_t decision_seq,
    struct source *s)
{
	static const char sql[] = "SELECT c.kind, c.party_name, c.party_kind, "
	    "c.party_id, c.party_rep, c.party_address, c.party_phone, c.cause, "
	    "c.field, d.number, d.outcome, d.measures, substr(d.at, 1, 10), "
	    "d.basis, coalesce(d.fine_fen, -1) FROM cases c JOIN decisions d "
	    "ON d.seq = ?2 AND d.case_id = c.id WHERE c.id = ?1";
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, zf_archive_err(a));
	char **f[] = { &s->kind, &s->party, &s->party_kind, &s->party_id,
		&s->rep, &s->address, &s->phone, &s->cause, &s->field,
		&s->number, &s->outcome, &s->measures, &s->decided, &s->basis };
	size_t i;

	memset(s, 0, sizeof(*s));
	if (st == NULL)
		return zf_archive_err(a)->code;
	zf_db_bind_text(st, 1, case_id);
	sqlite3_bind_int64(st, 2, decision_seq);
	switch (zf_db_row(zf_archive_db(a), st, zf_archive_err(a),
	    "cannot read decisions")) {
	case -1:
		return zf_archive_err(a)->code;
	case 0:
		return zf_fail(zf_archive_err(a), EX_NOINPUT, "%s has no "
		    "decision %lld", case_id, (long long)decision_seq);
	}
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		*f[i] = xstrdup(zf_db_text(st, (int)i));
	s->fine_fen = sqlite3_column_int64(st, 14);
	sqlite3_reset(st);
	return load_issued(a, decision_seq, &s->issued);
}

/* A 双公示 item given with the decision, or NULL. */
static const char *
issued(const struct source *s, const char *key)
{
	const char *v = zf_json_get_str(s->issued, key);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

/* The measures of a decision: their Chinese names, and their names. */
static size_t
measure_names(const char *json, const char **names, const char **chinese,
    size_t max)
{
	struct zf_json *list = zf_json_parse(json, strlen(json), NULL, 0);
	size_t i, n = 0;

	for (i = 0; list != NULL && i < zf_json_len(list) && n < max; i++) {
		const struct zf_measure *m =
		    zf_measure_find(zf_json_str(zf_json_at(list, i)));

		if (m == NULL)
			continue;
		names[n] = m->name;
		chinese[n++] = m->chinese;
	}
	zf_json_free(list);
	return n;
}

static int32_t
add_months(int32_t day, int months)
{
	int y, m, d;
	int32_t last;

	zf_date_ymd(day, &y, &m, &d);
	m += months;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	last = (m == 12 ? zf_date_from_ymd(y + 1, 1, 1) :
	    zf_date_from_ymd(y, m + 1, 1)) - 1;
	if (zf_date_from_ymd(y, m, 1) + d - 1 > last)
		return last;
	return zf_date_from_ymd(y, m, d);
}

/* The last day the record stays public. */
static int32_t
until_of(struct zf_archive *a, const struct source *s)
{
	const char *names[ZF_MAX_MEASURES_PUB], *chinese[ZF_MAX_MEASURES_PUB];
	size_t n = measure_names(s->measures, names, chinese,
	    ZF_MAX_MEASURES_PUB);
	int32_t decided = 0;

	zf_date_parse(s->decided, &decided);
	return add_months(decided, zf_config_period(zf_archive_config(a),
	    s->kind, s->party_kind, s->field, names, n));
}

/* The fields of free text, masked by pattern for the public. */
static const char *const free_text[] = { "cause", "outcome", "basis",
	"reason", NULL };

/* Sets key to value masked for the audience (a dropped value is ""). */
static void
put(struct zf_json *r, const char *key, const char *value,
    const struct zf_config *c, const char *field, int audience,
    const char *party_kind)
{
	char *masked;

	if (field == NULL || value[0] == '\0') {
		zf_json_set_str(r, key, value);
		return;
	}
	masked = zf_redact_mask(zf_config_mask(c, field, audience, party_kind),
	    value);
	/* Free text is read for numbers too: never a name (held back). */
	if (masked != NULL && audience == ZF_AUDIENCE_PUBLIC &&
	    zf_case_one_of(field, free_text)) {
		char *text = zf_redact_text(masked);

		free(masked);
		masked = text;
	}
	zf_json_set_str(r, key, masked != NULL ? masked : "");
	free(masked);
}

/*
 * A credit code under the party_id rule: the "id" mask is for a person's
 * number, and keeps an organisation's code whole.
 */
static void
put_credit(struct zf_json *r, const char *key, const char *value,
    const struct zf_config *c, int audience, const char *party_kind)
{
	const char *mask = zf_config_mask(c, "party_id", audience, party_kind);

	if (strcmp(mask, "id") == 0)
		zf_json_set_str(r, key, value);
	else
		put(r, key, value, c, "party_id", audience, party_kind);
}

static const char *
party_class(const char *kind)
{
	if (strcmp(kind, "org") == 0)
		return "法人及非法人组织";
	if (strcmp(kind, "business") == 0)
		return "个体工商户";
	return "自然人";
}

static char *
wan_yuan(int64_t fen)
{
	/* 万元 with up to six decimals, trailing zeros dropped. */
	char *s;
	size_t n;

	if (fen < 0)
		return xstrdup("");
	s = xasprintf("%lld.%06lld", (long long)(fen / 1000000),
	    (long long)(fen % 1000000));
	n = strlen(s);
	while (s[n - 1] == '0')
		s[--n] = '\0';
	if (s[n - 1] == '.')
		s[n - 1] = '\0';
	return s;
}

/* The kinds of penalty of 行政处罚法第九条, by the measures' names. */
static const char *const penalty_types[] = { "warning", "criticism", "fine",
	"confiscate", "suspend-licence", "lower-grade", "revoke-licence",
	"restrict", "stop-business", "close-down", "restrict-practice", NULL };

/*
 * The schema of a decision's record: a penalty's CF, a licence granted
 * XK; a licence refused is no 行政许可 of the 双公示 set, and goes with
 * the other decisions.
 */
static int
source_schema(const struct source *s)
{
	int i = zf_publish_schema_index(s->kind);

	if (i == 1 && (s->measures == NULL || strstr(s->measures,
	    "\"grant\"") == NULL))
		return 2;
	return i;
}

/* The record of a decision already read (load_source). */
static struct zf_json *
fields_of(struct zf_archive *a, const struct source *s, int audience)
{
	const struct zf_config *c = zf_archive_config(a);
	const char *names[ZF_MAX_MEASURES_PUB], *chinese[ZF_MAX_MEASURES_PUB];
	const char *schema, *pk, *id_type = "", *citizen = "", *credit = "";
	const char *code = c->agency_code ? c->agency_code : "";
	struct zf_json *r;
	struct zf_buf cat, zk;
	char norm[19], until[11], yuan[24], *wan;
	const char *why;
	size_t n, i;

	schema = zf_publish_schemas[source_schema(s)];
	pk = s->party_kind;
	/*
	 * An organisation's number is its credit code; a business's is its
	 * credit code when it is one (some codes pass the ID check too).
	 */
	if (s->party_id[0] != '\0') {
		if (strcmp(pk, "org") != 0 && !(strcmp(pk, "business") == 0 &&
		    zf_ident_uscc(s->party_id, norm, &why) == 0) &&
		    zf_ident_citizen(s->party_id, norm, &why) == 0) {
			id_type = "01";		/* 身份证 */
			citizen = s->party_id;
		} else
			credit = s->party_id;
	}
	n = measure_names(s->measures, names, chinese, ZF_MAX_MEASURES_PUB);
	zf_buf_init(&cat);
	zf_buf_init(&zk);
	for (i = 0; i < n; i++) {
		/* A penalty's categories are 行政处罚法第九条's alone; an order
		 * to stop or correct is none. */
		if (strcmp(schema, "penalty") != 0 ||
		    zf_case_one_of(names[i], penalty_types))
			zf_buf_printf(&cat, "%s%s", cat.len ? "；" : "",
			    chinese[i]);
		if (strcmp(names[i], "suspend-licence") == 0 ||
		    strcmp(names[i], "revoke-licence") == 0)
			zf_buf_printf(&zk, "%s%s", zk.len ? "；" : "",
			    issued(s, "certificate") ? issued(s,
			    "certificate") : chinese[i]);
	}
	zf_date_format(until_of(a, s), until);
	r = zf_json_object();
#define P(k, v, f) put(r, (k), (v), c, (f), audience, pk)
	/* The party, which the three schemas give alike but for the prefix. */
#define PARTY(x) do {							\
	P(x "_XDR_MC", s->party, "party");				\
	P(x "_XDR_LB", party_class(pk), NULL);				\
	put_credit(r, x "_XDR_SHXYM", credit, c, audience, pk);		\
	P(x "_FRDB", s->rep, "party_rep");				\
	P(x "_XDR_ZJLX", id_type, NULL);				\
	P(x "_XDR_ZJHM", citizen, "party_id");				\
} while (0)
	if (strcmp(schema, "penalty") == 0) {
		PARTY("CF");
		P("CF_WSH", s->number, NULL);
		P("CF_WFXW", issued(s, "violation") ? issued(s, "violation") :
		    s->cause, "cause");
		if (issued(s, "violated") != NULL) {
			char *text = xasprintf("%s（违反%s）", s->cause,
			    issued(s, "violated"));

			P("CF_SY", text, "cause");
			free(text);
		} else
			P("CF_SY", s->cause, "cause");
		P("CF_YJ", s->basis, "basis");
		P("CF_CFLB", cat.len ? cat.data : "", NULL);
		P("CF_NR", s->outcome, "outcome");
		wan = wan_yuan(s->fine_fen);
		P("CF_NR_FK", wan, NULL);
		free(wan);
		{
			int64_t conf = -1;

			zf_json_get_int(s->issued, "confiscated_fen", &conf);
			wan = wan_yuan(conf > 0 ? conf : -1);
			P("CF_NR_WFFF", wan, NULL);
			free(wan);
		}
		P("CF_NR_ZKDX", zk.len ? zk.data : "", NULL);
		P("CF_JDRQ", s->decided, NULL);
		/* 处罚有效期: as decided (a suspension's end), else 长期. */
		P("CF_YXQ", issued(s, "valid_to") ? issued(s, "valid_to") :
		    "2099-12-31", NULL);
		P("CF_GSJZQ", until, NULL);
		P("CF_CFJG", c->agency_name, NULL);
		P("CF_CFJGDM", code, NULL);
		P("CF_SJLY", c->agency_name, NULL);
		P("CF_SJLYDM", code, NULL);
	} else if (strcmp(schema, "licensing") == 0) {
		int granted = 0;

		for (i = 0; i < n; i++)
			granted |= strcmp(names[i], "grant") == 0;
		PARTY("XK");
		P("XK_XKWS", granted ? "准予行政许可决定书" :
		    "不予行政许可决定书", NULL);
		P("XK_WSH", s->number, NULL);
		P("XK_XKLB", issued(s, "licence_category") ? issued(s,
		    "licence_category") : "01", NULL);	/* 01 普通 */
		P("XK_XKZS", issued(s, "certificate") ? issued(s,
		    "certificate") : "", NULL);
		P("XK_XKBH", issued(s, "licence_number") ? issued(s,
		    "licence_number") : "", NULL);
		P("XK_NR", s->outcome, "outcome");
		P("XK_JDRQ", s->decided, NULL);
		P("XK_YXQZ", issued(s, "valid_from") ? issued(s, "valid_from") :
		    s->decided, NULL);
		/* 2099-12-31: 长期, when the licence states no end. */
		P("XK_YXQZI", issued(s, "valid_to") ? issued(s, "valid_to") :
		    "2099-12-31", NULL);
		P("XK_XKJG", c->agency_name, NULL);
		P("XK_XKJGDM", code, NULL);
		P("XK_ZT", granted ? "有效" : "不予许可", NULL);
		P("XK_LYDW", c->agency_name, NULL);
		P("XK_LYDWDM", code, NULL);
	} else {
		const struct zf_case_kind *k = zf_case_kind_find(s->kind);

		P("ZF_LB", k ? k->chinese : s->kind, NULL);
		PARTY("ZF");
		P("ZF_WSH", s->number, NULL);
		P("ZF_SY", s->cause, "cause");
		P("ZF_YJ", s->basis, "basis");
		P("ZF_CSLB", cat.len ? cat.data : "", NULL);
		P("ZF_NR", s->outcome, "outcome");
		yuan[0] = '\0';
		if (s->fine_fen >= 0)
			zf_money_format(s->fine_fen, yuan);
		P("ZF_JE", yuan, NULL);
		P("ZF_JDRQ", s->decided, NULL);
		P("ZF_GSJZQ", until, NULL);
		P("ZF_JG", c->agency_name, NULL);
		P("ZF_JGDM", code, NULL);
	}
	/* The party's address and phone are no 双公示 items: the public
	 * has neither (个人信息保护法第六条); sharing has them apart. */
	P("BZ", "", NULL);
#undef PARTY
#undef P
	zf_buf_release(&cat);
	zf_buf_release(&zk);
	return r;
}

int
zf_publish_extra(struct zf_archive *a, const char *case_id,
    int64_t decision_seq, int audience, struct zf_json **out)
{
	const struct zf_config *c = zf_archive_config(a);
	struct source s;
	struct zf_json *r;
	int rc;

	*out = NULL;
	if ((rc = load_source(a, case_id, decision_seq, &s)) != 0)
		return rc;
	r = zf_json_object();
	put(r, "ZF_XDR_DZ", s.address, c, "address", audience, s.party_kind);
	put(r, "ZF_XDR_LXDH", s.phone, c, "phone", audience, s.party_kind);
	source_free(&s);
	*out = r;
	return 0;
}

int
zf_publish_fields(struct zf_archive *a, const char *case_id,
    int64_t decision_seq, int audience, struct zf_json **record)
{
	struct source s;
	int rc;

	*record = NULL;
	if ((rc = load_source(a, case_id, decision_seq, &s)) != 0)
		return rc;
	*record = fields_of(a, &s, audience);
	source_free(&s);
	return 0;
}

/* The digest of a record, as publications.record keeps it. */
static void
record_digest(int suite, const struct zf_json *record, char hex[65])
{
	uint8_t d[ZF_DIGEST_LEN];
	size_t len;
	char *text = zf_json_canonical(record, &len);

	zf_digest_buf(suite, text, len, d);
	zf_hex(d, ZF_DIGEST_LEN, hex);
	free(text);
}

static int correction_reason(struct zf_archive *a, const char *case_id,
    int64_t of, char **why);

int
zf_publish_digest(struct zf_archive *a, const struct zf_pub_due *d,
    char hex[65], char **reason)
{
	struct zf_json *record, *what;
	char *why = NULL;
	int rc;

	if (reason != NULL)
		*reason = NULL;
	if ((rc = zf_publish_fields(a, d->case_id, d->decision_seq,
	    ZF_AUDIENCE_PUBLIC, &record)) != 0)
		return rc;
	/* What is approved is the whole entry as it would be published:
	 * the record, the kind of entry, the leaf it corrects, the reason
	 * (masked as published). */
	what = zf_json_object();
	zf_json_set(what, "record", record);
	zf_json_set_str(what, "type", zf_pub_type_name(d->type));
	zf_json_set_int(what, "of", d->of);
	if (d->type == ZF_PUB_CORRECT) {
		if ((rc = correction_reason(a, d->case_id, d->of, &why)) != 0) {
			zf_json_free(what);
			return rc;
		}
		if (why != NULL) {
			char *text = zf_redact_text(why);

			zf_json_set_str(what, "reason", text);
			if (reason != NULL)
				*reason = text;
			else
				free(text);
			free(why);
		}
	}
	record_digest(zf_archive_suite(a), what, hex);
	zf_json_free(what);
	return 0;
}

/* What is due. */

struct due_list {
	struct zf_pub_due *v;
	size_t n, cap;
	char *const *cases;
	size_t ncases;
};

static int
case_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int
wanted(const struct due_list *l, const char *id)
{
	return l->ncases == 0 || bsearch(&id, l->cases, l->ncases,
	    sizeof(char *), case_cmp) != NULL;
}

static void
due_add(struct due_list *l, int type, const char *case_id, int64_t seq,
    int64_t of)
{
	struct zf_pub_due *d;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->type = type;
	snprintf(d->case_id, sizeof(d->case_id), "%s", case_id);
	d->decision_seq = seq;
	d->of = of;
}

int
zf_publish_due(struct zf_archive *a, int32_t as_of, char *const *cases,
    size_t ncases, struct zf_pub_due **out, size_t *nout)
{
	static const char sql_end[] = "SELECT p.case_id, p.decision_seq, "
	    "p.idx, d.state != 'in-force', p.until < ?1 FROM publications p "
	    "JOIN decisions d ON d.seq = p.decision_seq "
	    "WHERE p.state = 'published' AND (d.state != 'in-force' OR "
	    "p.until < ?1) ORDER BY p.case_id";
	static const char sql_pub[] = "SELECT c.id, c.decision_seq, p.state, "
	    "p.decision_seq, p.idx, p.record, p.until < ?1 FROM cases c JOIN "
	    "decisions d ON d.seq = c.decision_seq LEFT JOIN publications p "
	    "ON p.case_id = c.id WHERE d.state = 'in-force' ORDER BY c.id";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	struct due_list l;
	char **sorted = NULL, day[11];
	sqlite3_stmt *st;
	int rc;

	memset(&l, 0, sizeof(l));
	*out = NULL;
	*nout = 0;
	if (ncases > 0) {
		sorted = xcalloc(ncases, sizeof(char *));
		memcpy(sorted, cases, ncases * sizeof(char *));
		qsort(sorted, ncases, sizeof(char *), case_cmp);
		l.cases = sorted;
		l.ncases = ncases;
	}
	zf_date_format(as_of, day);
	/* Withdrawals and expiries. */
	if ((st = zf_db_stmt(db, sql_end, e)) == NULL) {
		rc = e->code;
		goto out;
	}
	zf_db_bind_text(st, 1, day);
	while ((rc = zf_db_row(db, st, e, "cannot read publications")) == 1) {
		const char *id = zf_db_text(st, 0);

		if (!wanted(&l, id))
			continue;
		due_add(&l, sqlite3_column_int(st, 3) ? ZF_PUB_WITHDRAW :
		    ZF_PUB_EXPIRE, id, sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 2));
	}
	if (rc < 0) {
		rc = e->code;
		goto out;
	}
	/* Publications and corrections. */
	if ((st = zf_db_stmt(db, sql_pub, e)) == NULL) {
		rc = e->code;
		goto out;
	}
	zf_db_bind_text(st, 1, day);
	while ((rc = zf_db_row(db, st, e, "cannot read decisions")) == 1) {
		const char *id = zf_db_text(st, 0), *state = zf_db_text(st, 2);
		int64_t seq = sqlite3_column_int64(st, 1);
		int64_t pseq = sqlite3_column_int64(st, 3);
		int64_t idx = sqlite3_column_int64(st, 4);
		int shown = sqlite3_column_type(st, 2) != SQLITE_NULL;
		int type = -1;
		struct source src;

		if (!wanted(&l, id))
			continue;
		if (!shown || (pseq != seq && strcmp(state, "expired") == 0))
			type = ZF_PUB_PUBLISH;
		else if (pseq != seq)
			type = ZF_PUB_CORRECT;	/* a decision remade */
		else if (strcmp(state, "published") != 0 ||
		    sqlite3_column_int(st, 6))
			continue;	/* ended, or expiring (listed above) */
		if (load_source(a, id, seq, &src) != 0) {
			sqlite3_reset(st);
			rc = e->code;
			goto out;
		}
		if (type < 0) {
			/* Shown: is the record still what it would be now? */
			struct zf_json *record = fields_of(a, &src,
			    ZF_AUDIENCE_PUBLIC);
			char hex[65];

			record_digest(zf_archive_suite(a), record, hex);
			zf_json_free(record);
			if (strcmp(hex, zf_db_text(st, 5)) != 0)
				type = ZF_PUB_CORRECT;
		}
		/*
		 * Published late, or its period shortened since: whatever is
		 * (re)published past its period leaves the site at once, so
		 * the log tells both and the site never shows it.
		 */
		if (type >= 0) {
			due_add(&l, type, id, seq, type == ZF_PUB_PUBLISH ?
			    -1 : idx);
			if (until_of(a, &src) < as_of)
				due_add(&l, ZF_PUB_EXPIRE, id, seq, -1);
		}
		source_free(&src);
	}
	if (rc < 0 || (rc = zf_db_failed(db, e)) != 0) {
		rc = e->code;
		goto out;
	}
	*out = l.v;
	*nout = l.n;
	l.v = NULL;
	rc = 0;
out:
	free(l.v);
	free(sorted);
	return rc;
}

/* Journaling an entry. */

/* The decision's 文号 and the reason it no longer stands. */
static int
decision_end(struct zf_archive *a, int64_t seq, char **number,
    char **reason)
{
	static const char sql[] = "SELECT number, state, "
	    "coalesce(revoke_reason, '') FROM decisions WHERE seq = ?";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	const char *state;
	char *why;

	if (st == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, seq);
	switch (zf_db_row(zf_archive_db(a), st, e, "cannot read decisions")) {
	case -1:
		return e->code;
	case 0:
		return zf_fail(e, EX_SOFTWARE, "no decision %lld",
		    (long long)seq);
	}
	*number = xstrdup(zf_db_text(st, 0));
	state = zf_db_text(st, 1);
	/*
	 * The revocation's reason was written for the file: the public reads
	 * it with the numbers in it masked, as any free text.
	 */
	why = zf_redact_text(zf_db_text(st, 2));
	*reason = xasprintf("%s%s%s", strcmp(state, "revoked") == 0 ?
	    "决定已撤销" : strcmp(state, "illegal") == 0 ? "决定被确认违法" :
	    strcmp(state, "remade") == 0 ? "决定被责令重作" : "撤回公示",
	    why[0] ? "：" : "", why);
	free(why);
	sqlite3_reset(st);
	return 0;
}

/* The leaf a case's publication shows now. */
static int
shown_leaf(struct zf_archive *a, const char *case_id, int64_t *idx)
{
	static const char sql[] = "SELECT idx FROM publications WHERE "
	    "case_id = ?";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int rc = 0;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	if ((rc = zf_db_row(db, st, e, "cannot read publications")) == 1) {
		*idx = sqlite3_column_int64(st, 0);
		rc = 0;
	} else
		rc = rc < 0 ? e->code : zf_fail(e, EX_SOFTWARE, "%s has no "
		    "publication to end", case_id);
	sqlite3_reset(st);
	return rc;
}

/*
 * Why a record is published again: the reasons of the corrections of its
 * decision (decision-correct) since the leaf it corrects, in order and
 * joined by "；", or NULL (a change of the redaction rules, a decision
 * remade).
 */
static int
correction_reason(struct zf_archive *a, const char *case_id, int64_t of,
    char **why)
{
	static const char sql[] = "SELECT body FROM journal WHERE case_id = ?1 "
	    "AND type = 'decision.corrected' AND seq > coalesce((SELECT seq "
	    "FROM publog WHERE idx = ?2), 0) ORDER BY seq";
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	int rc;

	*why = NULL;
	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	sqlite3_bind_int64(st, 2, of);
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read the journal")) == 1) {
		const char *body = zf_db_text(st, 0);
		struct zf_json *ev = zf_json_parse(body, strlen(body), NULL,
		    0);
		const char *r = zf_json_get_str(zf_json_get(ev, "data"),
		    "reason");

		if (r != NULL) {
			char *joined = xasprintf("%s%s%s", *why ? *why : "",
			    *why ? "；" : "", r);

			free(*why);
			*why = joined;
		}
		zf_json_free(ev);
	}
	sqlite3_reset(st);
	if (rc < 0) {
		free(*why);
		*why = NULL;
		return e->code;
	}
	return 0;
}

int
zf_publish_held(struct zf_archive *a, const struct zf_pub_due *d,
    char *field, size_t cap, const char **kind)
{
	struct zf_json *record;
	size_t i, off, len;
	int rc;

	if (d->type != ZF_PUB_PUBLISH && d->type != ZF_PUB_CORRECT)
		return 0;
	if ((rc = zf_publish_fields(a, d->case_id, d->decision_seq,
	    ZF_AUDIENCE_PUBLIC, &record)) != 0)
		return rc;
	rc = 0;
	for (i = 0; rc == 0 && i < zf_json_len(record); i++) {
		const char *key = zf_json_key_at(record, i);
		const char *v = zf_json_str(zf_json_get(record, key));

		/* An organisation's credit code is public, and may pass the
		 * ID check. */
		if (v == NULL || strstr(key, "_SHXYM") != NULL)
			continue;
		len = strlen(v);
		if (zf_redact_scan(v, len, &off, kind)) {
			snprintf(field, cap, "%s", key);
			rc = 1;
		}
	}
	/* An organisation's penalty names its legal representative
	 * (CF_FRDB is a required item of the 双公示 exchange). */
	if (rc == 0 && zf_json_get_str(record, "CF_FRDB") != NULL &&
	    zf_json_get_str(record, "CF_FRDB")[0] == '\0' &&
	    strcmp(zf_json_get_str(record, "CF_XDR_LB"), "法人及非法人组织") ==
	    0) {
		snprintf(field, cap, "CF_FRDB");
		*kind = "no legal representative";
		rc = 1;
	}
	zf_json_free(record);
	return rc;
}

int
zf_publish_record(struct zf_archive *a, const struct zf_pub_due *d,
    const char *reason)
{
	struct zf_json *entry, *data, *clocks = NULL;
	struct zf_case_state cstate;
	const char *kind = cstate.kind;
	char today[11], until[11];
	char *number = NULL, *why = NULL;
	int32_t day = zf_archive_today(a);
	int rc;

	if ((rc = zf_case_state(a, d->case_id, &cstate)) != 0)
		return rc;
	zf_date_format(day, today);
	entry = zf_json_object();
	zf_json_set_int(entry, "v", 1);
	zf_json_set_str(entry, "type", zf_pub_type_name(d->type));
	zf_json_set_str(entry, "case", d->case_id);
	zf_json_set_str(entry, "kind", kind);
	if (d->type == ZF_PUB_PUBLISH || d->type == ZF_PUB_CORRECT) {
		struct source s;

		if ((rc = load_source(a, d->case_id, d->decision_seq,
		    &s)) != 0) {
			zf_json_free(entry);
			return rc;
		}
		zf_date_format(until_of(a, &s), until);
		zf_json_set_str(entry, "number", s.number);
		zf_json_set_str(entry, "decided", s.decided);
		zf_json_set_str(entry, "published", today);
		zf_json_set_str(entry, "until", until);
		zf_json_set(entry, "record", fields_of(a, &s,
		    ZF_AUDIENCE_PUBLIC));
		if (d->type == ZF_PUB_CORRECT) {
			char *asked = NULL;

			zf_json_set_int(entry, "corrects", d->of);
			if (reason == NULL && (rc = correction_reason(a,
			    d->case_id, d->of, &asked)) != 0) {
				source_free(&s);
				zf_json_free(entry);
				return rc;
			}
			if (reason != NULL || asked != NULL) {
				char *text = zf_redact_text(reason ? reason :
				    asked);

				zf_json_set_str(entry, "reason", text);
				free(text);
			}
			free(asked);
		}
		source_free(&s);
	} else {
		int64_t of = d->of;

		/* An expiry right after its publication: the leaf just made. */
		if (of < 0 && (rc = shown_leaf(a, d->case_id, &of)) != 0) {
			zf_json_free(entry);
			return rc;
		}
		if ((rc = decision_end(a, d->decision_seq, &number,
		    &why)) != 0) {
			zf_json_free(entry);
			return rc;
		}
		zf_json_set_str(entry, "number", number);
		zf_json_set_int(entry, "of", of);
		zf_json_set_str(entry, "date", today);
		if (d->type == ZF_PUB_WITHDRAW) {
			char *text = zf_redact_text(reason ? reason : why);

			zf_json_set_str(entry, "reason", text);
			free(text);
		}
		free(number);
		free(why);
	}
	if (d->type != ZF_PUB_EXPIRE) {
		if ((rc = zf_clocks_plan_step(a, d->case_id, kind,
		    d->type == ZF_PUB_WITHDRAW ? "withdraw" : "publish", day,
		    0, &clocks)) != 0) {
			zf_json_free(entry);
			return rc;
		}
	}
	data = zf_json_object();
	zf_json_set(data, "entry", entry);
	zf_json_set_int(data, "decision", d->decision_seq);
	if (clocks != NULL)
		zf_json_set(data, "clocks", clocks);
	return zf_journal_append(a, "publication.entry", d->case_id, data,
	    NULL);
}

int
zf_publish_may(struct zf_archive *a, const char *case_id)
{
	return zf_case_may(a, case_id, case_id == NULL ? ZF_ACT_EXPORT :
	    ZF_ACT_WITHDRAW, zf_archive_today(a));
}

/* The withdrawal, inside the write transaction. */
static int
withdraw(struct zf_archive *a, const char *case_id, const char *reason)
{
	static const char sql[] = "SELECT decision_seq, idx, state FROM "
	    "publications WHERE case_id = ?";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	struct zf_case_state cstate;
	struct zf_pub_due d;
	sqlite3_stmt *st;
	const char *why;
	int rc;

	if ((rc = zf_publish_may(a, case_id)) != 0 ||
	    (rc = zf_case_state(a, case_id, &cstate)) != 0)
		return rc;
	if (reason == NULL || reason[0] == '\0')
		return zf_fail(e, EX_USAGE, "say why with --reason");
	if (zf_text_check(reason, 2000, 0, &why) != 0)
		return zf_fail(e, EX_DATAERR, "the reason must be one "
		    "line of at most 2000 bytes of text: it %s", why);
	{
		const char *what;
		size_t off;

		/* The reason is published as it is: no personal numbers. */
		if (zf_redact_scan(reason, strlen(reason), &off, &what))
			return zf_fail(e, EX_DATAERR, "the reason is "
			    "published with the withdrawal, and holds a %s "
			    "(at byte %zu): leave it out", what, off);
	}
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, case_id);
	switch (zf_db_row(db, st, e, "cannot read publications")) {
	case -1:
		return e->code;
	case 0:
		return zf_fail(e, EX_NOPERM, "%s has nothing published "
		    "to withdraw", case_id);
	}
	memset(&d, 0, sizeof(d));
	d.type = ZF_PUB_WITHDRAW;
	snprintf(d.case_id, sizeof(d.case_id), "%s", case_id);
	d.decision_seq = sqlite3_column_int64(st, 0);
	d.of = sqlite3_column_int64(st, 1);
	if (strcmp(zf_db_text(st, 2), "published") != 0) {
		rc = zf_fail(e, EX_NOPERM, "%s: its entry is already %s",
		    case_id, zf_db_text(st, 2));
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return zf_publish_record(a, &d, reason);
}

int
zf_publish_withdraw(struct zf_archive *a, const char *case_id,
    const char *reason)
{
	int rc;

	if ((rc = zf_archive_begin(a)) != 0)
		return rc;
	if ((rc = withdraw(a, case_id, reason)) != 0) {
		zf_archive_abort(a);
		return rc;
	}
	return zf_archive_commit(a);
}

/* Apply. */

static int
db_suite(struct zf_db *db, struct zf_err *e, int *suite)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = 'suite'";
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);

	if (st == NULL)
		return e->code;
	*suite = -1;
	switch (zf_db_row(db, st, e, "cannot read the archive's suite")) {
	case -1:
		return e->code;
	case 1:
		*suite = zf_suite_parse(zf_db_text(st, 0));
		break;
	}
	sqlite3_reset(st);
	if (*suite < 0)
		return zf_fail(e, EX_DATAERR, "the archive's suite is unknown");
	return 0;
}

int
zf_publish_apply(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql_pub[] = "INSERT INTO publications (case_id, "
	    "decision_seq, idx, state, first, updated, until, record) VALUES "
	    "(?1, ?2, ?3, 'published', ?4, ?4, ?5, ?6) ON CONFLICT (case_id) "
	    "DO UPDATE SET first = CASE WHEN decision_seq = ?2 AND state = "
	    "'published' THEN first ELSE ?4 END, decision_seq = ?2, idx = ?3, "
	    "state = 'published', updated = ?4, until = ?5, record = ?6, "
	    "ended = NULL, reason = NULL";
	static const char sql_end[] = "UPDATE publications SET state = ?2, "
	    "updated = ?3, ended = ?3, reason = ?4 WHERE case_id = ?1";
	static const char sql_case[] = "UPDATE cases SET published = ?2 WHERE "
	    "id = ?1";
	const struct zf_json *entry = zf_json_get(ev->data, "entry");
	const char *type_name = zf_json_get_str(entry, "type");
	int type = pub_type(type_name);
	int64_t decision;
	uint64_t idx;
	sqlite3_stmt *st;
	size_t len;
	char *text;
	int suite = 0, rc;

	if (ev->case_id == NULL || entry == NULL || type < 0 ||
	    zf_json_get_int(ev->data, "decision", &decision) != 0)
		return zf_fail(e, EX_DATAERR, "event %lld: an incomplete "
		    "publication entry", (long long)ev->seq);
	if ((rc = db_suite(db, e, &suite)) != 0)
		return rc;
	text = zf_json_canonical(entry, &len);
	rc = zf_publog_append(db, suite, ev->seq, ev->case_id, type_name, text,
	    len, &idx, e);
	free(text);
	if (rc != 0)
		return rc;
	if (type == ZF_PUB_PUBLISH || type == ZF_PUB_CORRECT) {
		const struct zf_json *record = zf_json_get(entry, "record");
		const char *day = zf_json_get_str(entry, "published");
		const char *until = zf_json_get_str(entry, "until");
		char hex[65];

		if (record == NULL || day == NULL || until == NULL)
			return zf_fail(e, EX_DATAERR, "event %lld: a "
			    "publication without its record or dates",
			    (long long)ev->seq);
		record_digest(suite, record, hex);
		if ((st = zf_db_stmt(db, sql_pub, e)) == NULL)
			return e->code;
		zf_db_bind_text(st, 1, ev->case_id);
		sqlite3_bind_int64(st, 2, decision);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)idx);
		zf_db_bind_text(st, 4, day);
		zf_db_bind_text(st, 5, until);
		zf_db_bind_text(st, 6, hex);
	} else {
		const char *day = zf_json_get_str(entry, "date");

		if (day == NULL)
			return zf_fail(e, EX_DATAERR, "event %lld: an entry "
			    "without its date", (long long)ev->seq);
		if ((st = zf_db_stmt(db, sql_end, e)) == NULL)
			return e->code;
		zf_db_bind_text(st, 1, ev->case_id);
		zf_db_bind_text(st, 2, type == ZF_PUB_WITHDRAW ? "withdrawn" :
		    "expired");
		zf_db_bind_text(st, 3, day);
		zf_db_bind_text(st, 4, zf_json_get_str(entry, "reason"));
	}
	if ((rc = zf_db_done(db, st, e, "cannot record the publication")) !=
	    0)
		return rc;
	if ((st = zf_db_stmt(db, sql_case, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, ev->case_id);
	sqlite3_bind_int(st, 2, type == ZF_PUB_PUBLISH ||
	    type == ZF_PUB_CORRECT);
	return zf_db_done(db, st, e, "cannot record the publication");
}
