/* stats: case-stats's counts and sums, and its chart. */
#include "cases/stats.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/when.h"
#include "record/archive.h"
#include "record/db.h"
#include "rules/config.h"
#include "rules/procedure.h"

const char *const zf_stats_groupings[] = { "kind", "month", "officer",
	"stage", "measure", "outcome", "review", "deadline", NULL };

/* lat: for each case, the most days by which one of its deadlines was
 * missed (stats.h); 0 or less when none was. */
#define LATE "WITH lat AS (SELECT d.case_id, max(" ZF_STATS_DAYS_LATE \
	") AS days " ZF_STATS_DEADLINES " WHERE d.party = 0 GROUP BY " \
	"d.case_id) "
#define SUMS "count(*), count(c.decision_seq), sum(coalesce(c.fine_fen, 0) " \
	"> 0), coalesce(sum(c.fine_fen), 0), sum(c.major), " \
	"sum(coalesce(l.days, 0) > 0)"
#define FROM " FROM cases c LEFT JOIN lat l ON l.case_id = c.id "
#define YEAR "(?1 IS NULL OR substr(c.filed, 1, 4) = ?1)"
#define OUTCOME "CASE WHEN c.decision_seq IS NOT NULL THEN CASE WHEN " \
	"c.fine_fen > 0 THEN 'fined' ELSE 'decided' END WHEN c.stage IN " \
	"('revoked', 'transferred') THEN c.stage WHEN c.stage IN ('closed', " \
	"'archived') THEN 'closed' ELSE 'pending' END"
#define BUCKET "CASE WHEN coalesce(l.days, 0) <= 0 THEN 'ontime' WHEN " \
	"l.days <= 7 THEN 'late-1-7' WHEN l.days <= 30 THEN 'late-8-30' " \
	"ELSE 'late-31+' END"

static const struct {
	const char *by, *sql;
} queries[] = {
	{ "kind", LATE "SELECT c.kind, " SUMS FROM "WHERE " YEAR
	    " GROUP BY c.kind ORDER BY c.kind" },
	{ "month", LATE "SELECT substr(c.filed, 1, 7), " SUMS FROM "WHERE "
	    YEAR " GROUP BY 1 ORDER BY 1" },
	{ "officer", LATE "SELECT o.person, " SUMS FROM "JOIN case_officers "
	    "o ON o.case_id = c.id WHERE " YEAR " GROUP BY o.person ORDER BY "
	    "o.person" },
	{ "stage", LATE "SELECT c.stage, " SUMS FROM "WHERE " YEAR
	    " GROUP BY c.stage ORDER BY c.stage" },
	{ "measure", LATE "SELECT m.value, " SUMS FROM "JOIN decisions d ON "
	    "d.seq = c.decision_seq JOIN json_each(d.measures) m WHERE " YEAR
	    " GROUP BY m.value ORDER BY m.value" },
	{ "outcome", LATE "SELECT " OUTCOME ", " SUMS FROM "WHERE " YEAR
	    " GROUP BY 1 ORDER BY 1" },
	{ "review", LATE "SELECT c.review_status, " SUMS FROM "WHERE " YEAR
	    " GROUP BY 1 ORDER BY 1" },
	{ "deadline", LATE "SELECT " BUCKET ", " SUMS FROM "WHERE " YEAR
	    " GROUP BY 1 ORDER BY min(coalesce(l.days, 0))" },
};
static const char sql_all[] = LATE "SELECT 'all', " SUMS FROM "WHERE "
    YEAR;

/* Names for people of the keys that are words. */
static const char *const words[][2] = {
	{ "fined", "罚款" }, { "decided", "其他决定" },
	{ "revoked", "决定已撤销" }, { "transferred", "移送" },
	{ "closed", "结案（未作决定）" }, { "pending", "办理中" },
	{ "none", "未经法制审核" }, { "submitted", "审核中" },
	{ "approved", "审核通过" }, { "returned", "退回修改" },
	{ "rejected", "审核不同意" }, { "ontime", "按期" },
	{ "late-1-7", "逾期 7 日以内" }, { "late-8-30", "逾期 8–30 日" },
	{ "late-31+", "逾期 31 日以上" },
};

static const char *
label_of(struct zf_archive *a, const char *by, const char *key)
{
	const struct zf_case_kind *k;
	const struct zf_stage_def *st;
	const struct zf_measure *m;
	const struct zf_person *p;
	size_t i;

	if (strcmp(key, "all") == 0)
		return "合计";
	if (strcmp(by, "kind") == 0 && (k = zf_case_kind_find(key)) != NULL)
		return k->chinese;
	if (strcmp(by, "stage") == 0 && (st = zf_stage_find(key)) != NULL)
		return st->chinese;
	if (strcmp(by, "measure") == 0 && (m = zf_measure_find(key)) != NULL)
		return m->chinese;
	if (strcmp(by, "officer") == 0 &&
	    (p = zf_config_person(zf_archive_config(a), key)) != NULL)
		return p->name;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(by, "kind") != 0 && strcmp(words[i][0], key) == 0)
			return words[i][1];
	return key;
}

static void
put_row(struct zf_json *out, const char *key, const char *label,
    const int64_t *v)
{
	static const char *const names[] = { "cases", "decided", "fined",
		"fine_fen", "major", "late" };
	struct zf_json *r = zf_json_object();
	size_t i;

	zf_json_set_str(r, "key", key);
	zf_json_set_str(r, "label", label);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		zf_json_set_int(r, names[i], v ? v[i] : 0);
	zf_json_push(out, r);
}

void
zf_stats_bind_clock(struct zf_archive *a, sqlite3_stmt *st)
{
	char today[11], now[26];

	zf_date_format(zf_archive_today(a), today);
	zf_time_format(zf_archive_now(a), now);
	zf_db_bind_text(st, 2, today);
	zf_db_bind_text(st, 3, now);
}

static int
rows(struct zf_archive *a, const char *by, const char *sql,
    const char *year, struct zf_json *out)
{
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, year);
	zf_stats_bind_clock(a, st);
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read cases")) == 1) {
		const char *key = zf_db_text(st, 0);
		int64_t v[6];
		int i;

		if (key == NULL || sqlite3_column_int64(st, 1) == 0)
			continue;
		for (i = 0; i < 6; i++)
			v[i] = sqlite3_column_int64(st, i + 1);
		put_row(out, key, label_of(a, by, key), v);
	}
	sqlite3_reset(st);
	return rc < 0 ? e->code : 0;
}

int
zf_case_stats(struct zf_archive *a, const char *by, const char *year,
    struct zf_json **out)
{
	struct zf_json *list;
	size_t i;
	int rc;

	*out = NULL;
	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
		if (strcmp(queries[i].by, by) == 0)
			break;
	if (i == sizeof(queries) / sizeof(queries[0]))
		return zf_fail(zf_archive_err(a), EX_USAGE, "--by '%s' is not "
		    "kind, month, officer, stage, measure, outcome, review or "
		    "deadline", by);
	list = zf_json_array();
	if ((rc = rows(a, by, queries[i].sql, year, list)) != 0 ||
	    (rc = rows(a, by, sql_all, year, list)) != 0) {
		zf_json_free(list);
		return rc;
	}
	/* No case at all: the totals row still says so. */
	if (zf_json_len(list) == 0 || strcmp(zf_json_get_str(zf_json_at(list,
	    zf_json_len(list) - 1), "key"), "all") != 0)
		put_row(list, "all", "合计", NULL);
	*out = list;
	return 0;
}

/* --- the cases other agencies sent ----------------------------------- */

int
zf_stats_imported(struct zf_archive *a, struct zf_json **out)
{
	static const char sql[] = "SELECT a, k, n, ev FROM (SELECT agency AS "
	    "a, coalesce(kind, '') AS k, count(*) AS n, coalesce(sum(events), "
	    "0) AS ev FROM imported GROUP BY 1, 2 UNION ALL SELECT 'all', '', "
	    "count(*), coalesce(sum(events), 0) FROM imported) ORDER BY "
	    "a = 'all', a, k";
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	struct zf_json *list;
	int rc;

	*out = NULL;
	if (st == NULL)
		return e->code;
	list = zf_json_array();
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read the imported cases")) == 1) {
		struct zf_json *r = zf_json_object();
		const char *agency = zf_db_text(st, 0);
		const char *kind = zf_db_text(st, 1);
		const struct zf_case_kind *k = zf_case_kind_find(kind);
		int all = strcmp(agency, "all") == 0;
		char *key = xasprintf("%s/%s", agency, kind);

		zf_json_set_str(r, "key", all ? "all" : key);
		zf_json_set_str(r, "label", all ? "合计" : k != NULL ?
		    k->chinese : kind);
		zf_json_set_str(r, "agency", all ? "" : agency);
		zf_json_set_str(r, "kind", kind);
		zf_json_set_int(r, "cases", sqlite3_column_int64(st, 2));
		zf_json_set_int(r, "events", sqlite3_column_int64(st, 3));
		zf_json_push(list, r);
		free(key);
	}
	sqlite3_reset(st);
	if (rc < 0) {
		zf_json_free(list);
		return e->code;
	}
	*out = list;
	return 0;
}

/* --- who read what (调阅监督) ----------------------------------------- */

int
zf_stats_reads(struct zf_archive *a, const char *year, struct zf_json **out)
{
	static const char sql[] = "SELECT r.seq, r.time, r.actor, "
	    "r.evidence_id, r.case_id, e.access, e.title, r.reason FROM reads "
	    "r JOIN evidence e ON e.id = r.evidence_id WHERE (?1 IS NULL OR "
	    "substr(r.time, 1, 4) = ?1) ORDER BY e.access = 'secret' DESC, "
	    "r.seq";
	static const char *const names[] = { "time", "actor", "evidence",
		"case", "access", "title", "reason" };
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	struct zf_json *list;
	int rc, i;

	*out = NULL;
	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, year);
	list = zf_json_array();
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read the reads")) == 1) {
		struct zf_json *r = zf_json_object();
		const struct zf_person *p = zf_config_person(
		    zf_archive_config(a), zf_db_text(st, 2));

		zf_json_set_int(r, "seq", sqlite3_column_int64(st, 0));
		for (i = 0; i < 7; i++)
			zf_json_set_str(r, names[i], zf_db_text(st, i + 1));
		zf_json_set_str(r, "name", p != NULL ? p->name :
		    zf_db_text(st, 2));
		zf_json_push(list, r);
	}
	sqlite3_reset(st);
	if (rc < 0) {
		zf_json_free(list);
		return e->code;
	}
	*out = list;
	return 0;
}

/* --- the year's enforcement data (国办发〔2018〕118号) --------------- */

const struct zf_stats_name zf_stats_annual_parts[] = {
	{ "kind", "案件（按立案年度，按类别）" },
	{ "measure", "处理决定的种类" },
	{ "outcome", "办理结果" },
	{ "review", "法制审核" },
	{ "deadline", "办案期限" },
	{ NULL, NULL }
};

const struct zf_stats_name zf_stats_annual_acts[] = {
	{ "hearings", "举行听证" },
	{ "reviews", "作出法制审核意见" },
	{ "revocations", "撤销、确认违法或者责令重作的决定" },
	{ "appeals", "当事人申请行政复议或者提起行政诉讼" },
	{ "remedies_lost", "其中经复议、诉讼后被撤销、确认违法或者责令重作" },
	{ NULL, NULL }
};

/* Acts of the year: steps of a name, by the day they happened. */
static int
count(struct zf_archive *a, const char *sql, const char *year, int64_t *n)
{
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	int rc;

	*n = 0;
	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, year);
	if ((rc = zf_db_row(zf_archive_db(a), st, e, "cannot count")) == 1)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc < 0 ? e->code : 0;
}

int
zf_stats_annual(struct zf_archive *a, const char *year, struct zf_json **out)
{
	static const char *const parts[] = { "kind", "measure", "outcome",
		"review", "deadline", NULL };
	static const struct {
		const char *name, *sql;
	} acts[] = {
		{ "hearings", "SELECT count(*) FROM steps WHERE step = "
		    "'hearing' AND substr(at, 1, 4) = ?1" },
		{ "reviews", "SELECT count(*) FROM reviews r JOIN journal j "
		    "ON j.seq = r.decided_seq WHERE substr(j.time, 1, 4) = "
		    "?1" },
		{ "revocations", "SELECT count(*) FROM steps WHERE step = "
		    "'revoke' AND substr(at, 1, 4) = ?1" },
		{ "appeals", "SELECT count(*) FROM steps WHERE step = "
		    "'appeal' AND substr(at, 1, 4) = ?1" },
		/* 复议、诉讼中被撤销、确认违法或者责令重作: revoked after
		 * the party appealed. */
		{ "remedies_lost", "SELECT count(*) FROM steps s WHERE "
		    "s.step = 'revoke' AND substr(s.at, 1, 4) = ?1 AND EXISTS "
		    "(SELECT 1 FROM steps p WHERE p.case_id = s.case_id AND "
		    "p.step = 'appeal' AND p.seq < s.seq)" },
	};
	const struct zf_config *c = zf_archive_config(a);
	struct zf_json *r = zf_json_object(), *list, *in_year;
	size_t i;
	int rc = 0;

	*out = NULL;
	zf_json_set_str(r, "year", year);
	zf_json_set_str(r, "agency", c->agency_name);
	if (c->agency_code != NULL)
		zf_json_set_str(r, "code", c->agency_code);
	for (i = 0; rc == 0 && parts[i] != NULL; i++)
		if ((rc = zf_case_stats(a, parts[i], year, &list)) == 0)
			zf_json_set(r, parts[i], list);
	in_year = zf_json_object();
	zf_json_set(r, "acts", in_year);
	for (i = 0; rc == 0 && i < sizeof(acts) / sizeof(acts[0]); i++) {
		int64_t n;

		if ((rc = count(a, acts[i].sql, year, &n)) == 0)
			zf_json_set_int(in_year, acts[i].name, n);
	}
	if (rc != 0) {
		zf_json_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

/* Text escaped for XML. */
static void
put_xml(struct zf_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '&')
			zf_buf_addstr(b, "&amp;");
		else if (*s == '<')
			zf_buf_addstr(b, "&lt;");
		else if (*s == '>')
			zf_buf_addstr(b, "&gt;");
		else if (*s == '"')
			zf_buf_addstr(b, "&quot;");
		else
			zf_buf_addch(b, *s);
	}
}

char *
zf_stats_chart(const struct zf_json *list, const char *title)
{
	struct zf_buf b;
	int64_t max = 1, v;
	size_t i, n = 0;
	int height;

	for (i = 0; i < zf_json_len(list); i++) {
		const struct zf_json *r = zf_json_at(list, i);

		if (strcmp(zf_json_get_str(r, "key"), "all") == 0)
			continue;
		n++;
		if (zf_json_get_int(r, "cases", &v) == 0 && v > max)
			max = v;
	}
	height = 40 + (int)n * 32;
	zf_buf_init(&b);
	zf_buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "role=\"img\" viewBox=\"0 0 640 %d\" width=\"640\" "
	    "height=\"%d\" font-family=\"sans-serif\">\n<title>", height,
	    height);
	put_xml(&b, title);
	zf_buf_addstr(&b, "</title>\n");
	n = 0;
	for (i = 0; i < zf_json_len(list); i++) {
		const struct zf_json *r = zf_json_at(list, i);
		int y = 24 + (int)n * 32, w;

		if (strcmp(zf_json_get_str(r, "key"), "all") == 0)
			continue;
		zf_json_get_int(r, "cases", &v);
		w = (int)(v * 400 / max);
		zf_buf_printf(&b, "<text x=\"150\" y=\"%d\" "
		    "text-anchor=\"end\" font-size=\"14\">", y + 15);
		put_xml(&b, zf_json_get_str(r, "label"));
		zf_buf_printf(&b, "</text>\n<rect class=\"bar\" data-key=\"");
		put_xml(&b, zf_json_get_str(r, "key"));
		zf_buf_printf(&b, "\" data-value=\"%lld\" x=\"160\" y=\"%d\" "
		    "width=\"%d\" height=\"22\" fill=\"#1f5fa8\"/>\n"
		    "<text x=\"%d\" y=\"%d\" font-size=\"14\">%lld</text>\n",
		    (long long)v, y, w, 166 + w, y + 15, (long long)v);
		n++;
	}
	zf_buf_addstr(&b, "</svg>\n");
	return zf_buf_detach(&b, NULL);
}
