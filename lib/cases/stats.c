/* stats: case-stats's counts and sums, and its chart. */
#include "cases/stats.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "record/archive.h"
#include "record/db.h"
#include "rules/config.h"
#include "rules/procedure.h"

const char *const zf_stats_groupings[] = { "kind", "month", "officer",
	"stage", NULL };

#define SUMS "count(*), count(c.decision_seq), sum(coalesce(c.fine_fen, 0) " \
	"> 0), coalesce(sum(c.fine_fen), 0), sum(c.major)"
#define YEAR "(?1 IS NULL OR substr(c.filed, 1, 4) = ?1)"

static const struct {
	const char *by, *sql;
} queries[] = {
	{ "kind", "SELECT c.kind, " SUMS " FROM cases c WHERE " YEAR
	    " GROUP BY c.kind ORDER BY c.kind" },
	{ "month", "SELECT substr(c.filed, 1, 7), " SUMS " FROM cases c "
	    "WHERE " YEAR " GROUP BY 1 ORDER BY 1" },
	{ "officer", "SELECT o.person, " SUMS " FROM cases c JOIN "
	    "case_officers o ON o.case_id = c.id WHERE " YEAR
	    " GROUP BY o.person ORDER BY o.person" },
	{ "stage", "SELECT c.stage, " SUMS " FROM cases c WHERE " YEAR
	    " GROUP BY c.stage ORDER BY c.stage" },
};
static const char sql_all[] = "SELECT 'all', " SUMS " FROM cases c WHERE "
    YEAR;

static const char *
label_of(struct zf_archive *a, const char *by, const char *key)
{
	const struct zf_case_kind *k;
	const struct zf_stage_def *st;
	const struct zf_person *p;

	if (strcmp(key, "all") == 0)
		return "合计";
	if (strcmp(by, "kind") == 0 && (k = zf_case_kind_find(key)) != NULL)
		return k->chinese;
	if (strcmp(by, "stage") == 0 && (st = zf_stage_find(key)) != NULL)
		return st->chinese;
	if (strcmp(by, "officer") == 0 &&
	    (p = zf_config_person(zf_archive_config(a), key)) != NULL)
		return p->name;
	return key;
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
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read cases")) == 1) {
		struct zf_json *r = zf_json_object();
		const char *key = zf_db_text(st, 0);

		if (key == NULL || sqlite3_column_int64(st, 1) == 0) {
			zf_json_free(r);
			continue;
		}
		zf_json_set_str(r, "key", key);
		zf_json_set_str(r, "label", label_of(a, by, key));
		zf_json_set_int(r, "cases", sqlite3_column_int64(st, 1));
		zf_json_set_int(r, "decided", sqlite3_column_int64(st, 2));
		zf_json_set_int(r, "fined", sqlite3_column_int64(st, 3));
		zf_json_set_int(r, "fine_fen", sqlite3_column_int64(st, 4));
		zf_json_set_int(r, "major", sqlite3_column_int64(st, 5));
		zf_json_push(out, r);
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
		    "kind, month, officer or stage", by);
	list = zf_json_array();
	if ((rc = rows(a, by, queries[i].sql, year, list)) != 0 ||
	    (rc = rows(a, by, sql_all, year, list)) != 0) {
		zf_json_free(list);
		return rc;
	}
	/* No case at all: the totals row still says so. */
	if (zf_json_len(list) == 0 || strcmp(zf_json_get_str(zf_json_at(list,
	    zf_json_len(list) - 1), "key"), "all") != 0) {
		struct zf_json *r = zf_json_object();

		zf_json_set_str(r, "key", "all");
		zf_json_set_str(r, "label", "合计");
		zf_json_set_int(r, "cases", 0);
		zf_json_set_int(r, "decided", 0);
		zf_json_set_int(r, "fined", 0);
		zf_json_set_int(r, "fine_fen", 0);
		zf_json_set_int(r, "major", 0);
		zf_json_push(list, r);
	}
	*out = list;
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
