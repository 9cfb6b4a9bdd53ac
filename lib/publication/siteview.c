/*
 * siteview: what the public site (site.h) shows of the archive: the
 * standing information, from the configuration, and each current entry
 * of the publication log in the site's entry shape.
 */
#include "publication/siteview.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/when.h"
#include "cases/stats.h"
#include "record/archive.h"
#include "record/db.h"
#include "rules/config.h"
#include "rules/procedure.h"

/* The standing information (事前公开) for site.h. */
/* A period's unit as people read it, by enum zf_unit. */
static const char *const units[] = { "日", "个工作日", "个月", "小时" };

/*
 * The clocks each step of each kind of case starts, for the flowcharts:
 * {kind: [{from, text}]}, each text such as "5个工作日：当事人陈述、申辩
 * 和要求听证的期限".
 */
static struct zf_json *
clocks_of(const struct zf_config *c)
{
	struct zf_json *all = zf_json_object();
	size_t i, k;

	for (k = 0; zf_case_kinds[k].name != NULL; k++) {
		struct zf_json *list = zf_json_array();

		for (i = 0; i < c->nrules; i++) {
			const struct zf_rule *r = &c->rules[i];
			struct zf_json *o;
			char *text;

			if (!(r->kinds & zf_kind_bit(zf_case_kinds[k].name)))
				continue;
			o = zf_json_object();
			zf_json_set_str(o, "from", r->from);
			text = xasprintf("%d%s：%s", r->days, units[r->unit],
			    r->what);
			zf_json_set_str(o, "text", text);
			free(text);
			zf_json_push(list, o);
		}
		zf_json_set(all, zf_case_kinds[k].name, list);
	}
	return all;
}

/*
 * 服务指南: each item of publication.guide with who accepts and decides
 * it (the agency) and its time limit, from the deadline rule that a
 * licensing case's decision meets, counted from filing or 受理.
 */
static void
guide_of(const struct zf_config *c, struct zf_json *s)
{
	struct zf_json *g = zf_json_get(s, "guide");
	char *limit = NULL;
	size_t i;

	const struct zf_rule *best = NULL;

	/* The agency's clock for the decision: the longest that it meets
	 * (not the 5 days to ask for 补正, which the decision meets too). */
	for (i = 0; i < c->nrules; i++) {
		const struct zf_rule *r = &c->rules[i];
		size_t j;

		if (!(r->kinds & ZF_KIND_LICENSING) || r->party)
			continue;
		for (j = 0; r->done[j] != NULL; j++)
			if (strcmp(r->done[j], "decide") == 0)
				break;
		if (r->done[j] != NULL && (best == NULL ||
		    r->days > best->days))
			best = r;
	}
	if (best != NULL)
		limit = best->extend_max > 0 ? xasprintf("%d%s（经负责人批准"
		    "可延长%d%s）", best->days, units[best->unit],
		    best->extend_max, units[best->unit]) : xasprintf("%d%s",
		    best->days, units[best->unit]);
	for (i = 0; i < zf_json_len(g); i++) {
		struct zf_json *item = (struct zf_json *)zf_json_at(g, i);

		zf_json_set_str(item, "office", c->agency_name);
		if (limit != NULL)
			zf_json_set_str(item, "limit", limit);
	}
	free(limit);
}

/*
 * The enforcement data of each of the last ANNUAL_YEARS years before
 * this one in which cases were filed (国办发〔2018〕118号: published by
 * 31 January), the latest first.
 */
#define ANNUAL_YEARS 5

static int
annual_of(struct zf_archive *a, struct zf_json *standing)
{
	static const char sql[] = "SELECT DISTINCT year FROM cases WHERE "
	    "year BETWEEN ?1 AND ?2 ORDER BY year DESC";
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	struct zf_json *list = zf_json_array();
	int year, month, day, rc;
	char *years[ANNUAL_YEARS];
	size_t n = 0, i;

	if (st == NULL) {
		zf_json_free(list);
		return e->code;
	}
	zf_date_ymd(zf_archive_today(a), &year, &month, &day);
	sqlite3_bind_int(st, 1, year - ANNUAL_YEARS);
	sqlite3_bind_int(st, 2, year - 1);
	while (n < ANNUAL_YEARS && (rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read cases")) == 1)
		years[n++] = xasprintf("%d", sqlite3_column_int(st, 0));
	sqlite3_reset(st);
	for (i = 0; i < n; i++) {
		struct zf_json *r = NULL;

		if (rc >= 0 && (rc = zf_stats_annual(a, years[i], &r)) == 0)
			zf_json_push(list, r);
		free(years[i]);
	}
	if (rc != 0) {
		zf_json_free(list);
		return rc < 0 ? e->code : rc;
	}
	zf_json_set(standing, "annual", list);
	return 0;
}

int
zf_siteview_standing(struct zf_archive *a, struct zf_json **out)
{
	const struct zf_config *c = zf_archive_config(a);
	struct zf_json *s = zf_json_copy(c->standing), *agency, *officers;
	static const char *const lists[] = { "subjects", "powers", "bases",
		"inspections", "guide", NULL };
	int32_t today = zf_archive_today(a);
	int rc;
	const char *address = zf_json_get_str(s, "address");
	const char *phone = zf_json_get_str(s, "phone");
	size_t i, j;

	*out = NULL;
	if (c->agency_code == NULL || address == NULL || phone == NULL) {
		zf_json_free(s);
		return zf_fail(zf_archive_err(a), EX_CONFIG, "%s: the public "
		    "site needs the agency's %s: give %s", c->path,
		    c->agency_code == NULL ? "统一社会信用代码" :
		    "address and phone",
		    c->agency_code == NULL ? "agency: code" :
		    "publication: address and phone");
	}
	agency = zf_json_object();
	zf_json_set_str(agency, "name", c->agency_name);
	zf_json_set_str(agency, "code", c->agency_code);
	zf_json_set_str(agency, "address", address);
	zf_json_set_str(agency, "phone", phone);
	if (zf_json_get_str(s, "site") != NULL)
		zf_json_set_str(agency, "site", zf_json_get_str(s, "site"));
	zf_json_set(s, "agency", agency);
	for (i = 0; lists[i] != NULL; i++)
		if (zf_json_get(s, lists[i]) == NULL)
			zf_json_set(s, lists[i], zf_json_array());
	/* Officers: those whose certificate is valid today. */
	officers = zf_json_array();
	for (i = 0; i < c->npeople; i++) {
		const struct zf_person *p = &c->people[i];
		struct zf_json *o, *fields;

		if (p->role != ZF_ROLE_OFFICER || !zf_person_cert_valid(p,
		    today))
			continue;
		o = zf_json_object();
		zf_json_set_str(o, "name", p->name);
		zf_json_set_str(o, "certificate", p->certificate);
		fields = zf_json_array();
		for (j = 0; p->fields != NULL && p->fields[j] != NULL; j++)
			zf_json_push(fields, zf_json_string(p->fields[j]));
		zf_json_set(o, "fields", fields);
		zf_json_push(officers, o);
	}
	zf_json_set(s, "officers", officers);
	zf_json_set(s, "clocks", clocks_of(c));
	guide_of(c, s);
	/* 投诉举报: the agency's own channels when none is given. */
	if (zf_json_get(s, "complaints") == NULL) {
		struct zf_json *cp = zf_json_object();

		zf_json_set_str(cp, "phone", phone);
		zf_json_set_str(cp, "address", address);
		zf_json_set(s, "complaints", cp);
	}
	if ((rc = annual_of(a, s)) != 0) {
		zf_json_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/* 万元 as yuan ("6" → "60000", "0.12345" → "1234.5"). */
static char *
yuan_of(const char *wan)
{
	const char *dot = strchr(wan, '.');
	size_t ilen = dot ? (size_t)(dot - wan) : strlen(wan);
	const char *frac = dot ? dot + 1 : "";
	struct zf_buf b;
	size_t i, flen = strlen(frac);
	char *s;

	zf_buf_init(&b);
	zf_buf_add(&b, wan, ilen);
	for (i = 0; i < 4; i++)
		zf_buf_addch(&b, i < flen ? frac[i] : '0');
	if (flen > 4) {
		zf_buf_addch(&b, '.');
		zf_buf_addstr(&b, frac + 4);
	}
	s = zf_buf_detach(&b, NULL);
	/* Leading zeros off, keeping one before the point. */
	i = 0;
	while (s[i] == '0' && s[i + 1] != '\0' && s[i + 1] != '.')
		i++;
	memmove(s, s + i, strlen(s + i) + 1);
	return s;
}

static const char *
field_of(const struct zf_json *rec, const char *const *keys)
{
	size_t i;

	for (i = 0; keys[i] != NULL; i++) {
		const char *v = zf_json_get_str(rec, keys[i]);

		if (v != NULL && v[0] != '\0')
			return v;
	}
	return NULL;
}

static void
set_some(struct zf_json *o, const char *key, const char *v)
{
	if (v != NULL && v[0] != '\0')
		zf_json_set_str(o, key, v);
}

/* The site's view of a current entry (site.h's entry shape). */
struct zf_json *
zf_siteview_entry(const struct zf_json *entry, int64_t idx)
{
	static const char *const party[] = { "CF_XDR_MC", "XK_XDR_MC",
		"ZF_XDR_MC", NULL };
	static const char *const lb[] = { "CF_XDR_LB", "XK_XDR_LB",
		"ZF_XDR_LB", NULL };
	static const char *const pid[] = { "CF_XDR_SHXYM", "CF_XDR_ZJHM",
		"XK_XDR_SHXYM", "XK_XDR_ZJHM", "ZF_XDR_SHXYM", "ZF_XDR_ZJHM",
		NULL };
	static const char *const cause[] = { "CF_SY", "ZF_SY", NULL };
	static const char *const outcome[] = { "CF_NR", "XK_NR", "ZF_NR",
		NULL };
	static const char *const basis[] = { "CF_YJ", "ZF_YJ", NULL };
	static const char *const cats[] = { "CF_CFLB", "ZF_CSLB", NULL };
	const struct zf_json *rec = zf_json_get(entry, "record");
	const char *kind = zf_json_get_str(entry, "kind");
	const struct zf_case_kind *k = zf_case_kind_find(kind);
	struct zf_json *s = zf_json_object(), *measures;
	const char *v;
	char *text;

	text = xasprintf("%lld", (long long)idx);
	zf_json_set_str(s, "id", text);
	free(text);
	text = xasprintf("%s.html", zf_json_get_str(entry, "case"));
	zf_json_set_str(s, "page", text);
	free(text);
	zf_json_set_str(s, "kind", kind);
	zf_json_set_str(s, "kind_name", k ? k->chinese : kind);
	zf_json_set_str(s, "number", zf_json_get_str(entry, "number"));
	v = field_of(rec, party);
	zf_json_set_str(s, "party", v ? v : "—");
	set_some(s, "party_kind", field_of(rec, lb));
	set_some(s, "party_id", field_of(rec, pid));
	set_some(s, "cause", field_of(rec, cause));
	set_some(s, "outcome", field_of(rec, outcome));
	set_some(s, "basis", field_of(rec, basis));
	if ((v = field_of(rec, cats)) != NULL) {
		const char *p = v, *sep;

		measures = zf_json_array();
		while ((sep = strstr(p, "；")) != NULL) {
			zf_json_push(measures, zf_json_stringn(p,
			    (size_t)(sep - p)));
			p = sep + strlen("；");
		}
		zf_json_push(measures, zf_json_string(p));
		zf_json_set(s, "measures", measures);
	}
	if ((v = zf_json_get_str(rec, "CF_NR_FK")) != NULL && v[0] != '\0') {
		text = yuan_of(v);
		zf_json_set_str(s, "fine", text);
		free(text);
	} else if ((v = zf_json_get_str(rec, "ZF_JE")) != NULL &&
	    v[0] != '\0')
		zf_json_set_str(s, "fine", v);
	zf_json_set_str(s, "decided", zf_json_get_str(entry, "decided"));
	set_some(s, "published", zf_json_get_str(entry, "published"));
	set_some(s, "until", zf_json_get_str(entry, "until"));
	if (strcmp(zf_json_get_str(entry, "type"), "correct") == 0) {
		const char *why = zf_json_get_str(entry, "reason");

		const char *on = zf_json_get_str(entry, "published");

		text = xasprintf("%s%s取代公示日志第 %lld 条%s%s。",
		    on ? on : "", on ? " 更正，" : "",
		    (long long)zf_json_int_value(zf_json_get(entry,
		    "corrects")), why ? "。更正理由：" : "", why ? why : "");
		zf_json_set_str(s, "note", text);
		free(text);
	}
	text = xasprintf("log/proofs/%lld.json", (long long)idx);
	zf_json_set_str(s, "proof", text);
	free(text);
	zf_json_set_int(s, "index", idx);
	return s;
}

struct zf_json *
zf_siteview_withdrawal(const struct zf_json *entry, const char *date,
    const char *reason)
{
	const char *kind = zf_json_get_str(entry, "kind");
	const struct zf_case_kind *k = zf_case_kind_find(kind);
	struct zf_json *s = zf_json_object();
	char *text;

	text = xasprintf("withdrawn-%s", zf_json_get_str(entry, "case"));
	zf_json_set_str(s, "id", text);
	free(text);
	text = xasprintf("%s.html", zf_json_get_str(entry, "case"));
	zf_json_set_str(s, "page", text);
	free(text);
	zf_json_set_str(s, "kind", kind);
	zf_json_set_str(s, "kind_name", k ? k->chinese : kind);
	zf_json_set_str(s, "number", zf_json_get_str(entry, "number"));
	zf_json_set_str(s, "party", "—");
	zf_json_set_str(s, "decided", zf_json_get_str(entry, "decided"));
	set_some(s, "until", zf_json_get_str(entry, "until"));
	zf_json_set_str(s, "withdrawn", date);
	zf_json_set_str(s, "withdrawn_reason", reason);
	return s;
}
