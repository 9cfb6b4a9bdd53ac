/*
 * siteview: what the public site (site.h) shows of the archive: the
 * standing information, from the configuration, and each current entry
 * of the publication log in the site's entry shape.
 */
#include "publication/siteview.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "base/buf.h"
#include "base/io.h"
#include "base/json.h"
#include "base/when.h"
#include "cases/draw.h"
#include "cases/stats.h"
#include "record/archive.h"
#include "record/db.h"
#include "record/object.h"
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

/*
 * A commitment of a 双随机 draw as site-draws.h takes it: its data d (of
 * event seq, at time), its directory as committed (read from the store,
 * published without addresses), its officers' names, and its draw when
 * made (made: the draw.made event's {seq, time, data}, or NULL).
 */
static int
commitment_of(struct zf_archive *a, int64_t seq, const char *time,
    const struct zf_json *d, const struct zf_json *made,
    struct zf_json **out)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_json *c = zf_json_get(d, "commitment"), *officers;
	const char *object = zf_json_get_str(d, "object");
	struct zf_json *doc, *names;
	struct zf_draw_target *t = NULL;
	char sha[65], *canon;
	struct zf_buf text;
	size_t i, nt = 0;
	int rc, fd;

	*out = NULL;
	if (c == NULL || object == NULL || zf_json_get_str(d, "sha256") == NULL)
		return zf_fail(e, EX_DATAERR, "event %lld is a commitment "
		    "without its data", (long long)seq);
	zf_buf_init(&text);
	if ((rc = zf_object_open(a, object, &fd)) == 0) {
		if (zf_read_fd(fd, 64u << 20, &text) != 0)
			rc = zf_fail(e, EX_IOERR, "cannot read the directory "
			    "of commitment %lld", (long long)seq);
		close(fd);
	}
	if (rc == 0)
		rc = zf_draw_targets_parse(zf_json_get_str(zf_json_get(c,
		    "targets"), "name") ? zf_json_get_str(zf_json_get(c,
		    "targets"), "name") : "targets.csv", text.data ?
		    text.data : "", text.len, &t, &nt, e);
	zf_buf_release(&text);
	if (rc != 0)
		return rc;
	canon = zf_draw_targets_canonical(t, nt, sha);
	zf_draw_targets_free(t, nt);
	doc = zf_json_object();
	zf_json_set(doc, "commitment", zf_json_copy(c));
	zf_json_set_str(doc, "sha256", zf_json_get_str(d, "sha256"));
	names = zf_json_object();
	officers = zf_json_get(c, "officers");
	for (i = 0; i < zf_json_len(officers); i++) {
		const struct zf_json *o = zf_json_at(officers, i);

		if (zf_json_get_str(o, "id") && zf_json_get_str(o, "name"))
			zf_json_set_str(names, zf_json_get_str(o, "id"),
			    zf_json_get_str(o, "name"));
	}
	*out = zf_json_object();
	zf_json_set_int(*out, "seq", seq);
	zf_json_set_str(*out, "time", time ? time : "");
	zf_json_set(*out, "commitment", doc);
	zf_json_set_str(*out, "directory", canon);
	zf_json_set(*out, "names", names);
	free(canon);
	if (made != NULL) {
		const struct zf_json *md = zf_json_get(made, "data");
		struct zf_json *draw = zf_json_object(), *record;
		int64_t ds = 0;

		zf_json_get_int(made, "seq", &ds);
		record = zf_json_object();
		zf_json_set(record, "commitment", zf_json_copy(c));
		zf_json_set_str(record, "sha256", zf_json_get_str(d, "sha256"));
		zf_json_set_str(record, "value", zf_json_get_str(md, "value"));
		zf_json_set(record, "result", zf_json_copy(zf_json_get(md,
		    "result")));
		zf_json_set_int(draw, "seq", ds);
		zf_json_set_str(draw, "time", zf_json_get_str(made, "time"));
		zf_json_set(draw, "record", record);
		zf_json_set(*out, "draw", draw);
	}
	return 0;
}

/* The events of type, the latest first, at most max: {seq, time, data}. */
static int
events_of(struct zf_archive *a, const char *sql, struct zf_json **out)
{
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	int rc;

	*out = zf_json_array();
	if (st == NULL)
		return e->code;
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read the journal")) == 1) {
		struct zf_json *tree = zf_json_parse(zf_db_text(st, 2),
		    strlen(zf_db_text(st, 2)), NULL, 0), *x = zf_json_object();

		zf_json_set_int(x, "seq", sqlite3_column_int64(st, 0));
		zf_json_set_str(x, "time", zf_db_text(st, 1));
		zf_json_set(x, "data", zf_json_copy(zf_json_get(tree, "data")));
		zf_json_free(tree);
		zf_json_push(*out, x);
	}
	sqlite3_reset(st);
	return rc < 0 ? e->code : 0;
}

/*
 * The latest hundred commitments of 双随机 draws, each with its draw once
 * made, the latest first: every commitment is public, drawn or not.
 */
static int
draws_of(struct zf_archive *a, struct zf_json *standing)
{
	static const char sql_c[] = "SELECT seq, time, body FROM journal "
	    "WHERE type = 'draw.committed' ORDER BY seq DESC LIMIT 100";
	static const char sql_d[] = "SELECT seq, time, body FROM journal "
	    "WHERE type = 'draw.made' ORDER BY seq DESC LIMIT 1000";
	struct zf_json *cs = NULL, *ds = NULL, *list = zf_json_array();
	size_t i, j;
	int rc;

	if ((rc = events_of(a, sql_c, &cs)) != 0 ||
	    (rc = events_of(a, sql_d, &ds)) != 0)
		goto out;
	for (i = 0; rc == 0 && i < zf_json_len(cs); i++) {
		const struct zf_json *x = zf_json_at(cs, i), *made = NULL;
		struct zf_json *one = NULL;
		int64_t seq = 0, committed;

		zf_json_get_int(x, "seq", &seq);
		for (j = 0; made == NULL && j < zf_json_len(ds); j++)
			if (zf_json_get_int(zf_json_get(zf_json_at(ds, j),
			    "data"), "committed", &committed) == 0 &&
			    committed == seq)
				made = zf_json_at(ds, j);
		if ((rc = commitment_of(a, seq, zf_json_get_str(x, "time"),
		    zf_json_get(x, "data"), made, &one)) == 0)
			zf_json_push(list, one);
	}
out:
	zf_json_free(cs);
	zf_json_free(ds);
	if (rc == 0 && zf_json_len(list) > 0) {
		zf_json_set(standing, "draws", list);
		list = NULL;
	}
	zf_json_free(list);
	return rc;
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
	if ((rc = annual_of(a, s)) != 0 || (rc = draws_of(a, s)) != 0) {
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
