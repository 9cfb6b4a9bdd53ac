/* site-annual: a year's enforcement data as a page of the site. */
#include "publication/site-annual.h"

#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "base/money.h"
#include "cases/stats.h"
#include "publication/site-page.h"

static int
put_part(struct zf_buf *b, const struct zf_json *rows, size_t n,
    struct zf_err *e)
{
	static const char *const columns[] = { "分组", "案件", "已作决定",
		"罚款", "罚款金额（元）", "重大执法决定", "期限延误", NULL };
	static const char *const counts[] = { "cases", "decided", "fined",
		"fine_fen", "major", "late" };
	char id[32];
	size_t i, j;

	if (zf_json_type(rows) != ZF_JSON_ARRAY)
		return zf_fail(e, EX_DATAERR, "annual: \"%s\" is not a list",
		    zf_stats_annual_parts[n].key);
	snprintf(id, sizeof(id), "annual-%s", zf_stats_annual_parts[n].key);
	zf_site_page_table_open(b, id, zf_stats_annual_parts[n].chinese,
	    columns);
	for (i = 0; i < zf_json_len(rows); i++) {
		const struct zf_json *r = zf_json_at(rows, i);
		const char *label;
		int rc;

		if ((rc = zf_site_page_member(r, "label", 1, "annual: a row",
		    &label, e)) != 0)
			return rc;
		zf_site_page_row_open(b, label);
		for (j = 0; j < sizeof(counts) / sizeof(counts[0]); j++) {
			int64_t v = 0;
			char money[24];

			if (zf_json_get_int(r, counts[j], &v) != 0 || v < 0)
				return zf_fail(e, EX_DATAERR, "annual: a row "
				    "has no count \"%s\"", counts[j]);
			if (j > 0)
				zf_buf_addstr(b, "</td><td>");
			if (strcmp(counts[j], "fine_fen") == 0) {
				zf_money_format(v, money);
				zf_buf_addstr(b, money);
			} else {
				zf_buf_printf(b, "%lld", (long long)v);
			}
		}
		zf_buf_addstr(b, "</td></tr>\n");
	}
	zf_site_page_table_close(b);
	return 0;
}

int
zf_site_annual_build(struct zf_buf *b, const struct zf_json *report,
    char name[32], struct zf_err *e)
{
	const struct zf_json *in_year = zf_json_get(report, "acts");
	const char *year, *agency;
	size_t i;
	int rc;

	if ((rc = zf_site_page_member(report, "year", 1, "annual", &year,
	    e)) != 0 || (rc = zf_site_page_member(report, "agency", 1,
	    "annual", &agency, e)) != 0)
		return rc;
	if (strlen(year) != 4 || strspn(year, "0123456789") != 4)
		return zf_fail(e, EX_DATAERR, "annual: '%s' is not a year",
		    year);
	snprintf(name, 32, "annual-%s.html", year);
	zf_site_page_fill(b, "<h1>{}年度行政执法数据</h1>\n<p>{}依据"
	    "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度"
	    "重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号），"
	    "公开{}年度行政执法数据。案件按立案年度统计；“期限延误”指本机关"
	    "办案期限届满后才完成或者尚未完成的案件数。</p>\n", year, agency,
	    year);
	for (i = 0; zf_stats_annual_parts[i].key != NULL; i++) {
		zf_buf_printf(b, "<h2>");
		zf_site_page_put(b, zf_stats_annual_parts[i].chinese);
		zf_buf_addstr(b, "</h2>\n");
		if ((rc = put_part(b, zf_json_get(report,
		    zf_stats_annual_parts[i].key), i, e)) != 0)
			return rc;
	}
	if (zf_json_type(in_year) != ZF_JSON_OBJECT)
		return zf_fail(e, EX_DATAERR, "annual: \"acts\" is not an "
		    "object");
	zf_buf_addstr(b, "<h2>本年度的执法行为</h2>\n");
	zf_site_page_table_open(b, "annual-acts", "本年度的执法行为（件）",
	    NULL);
	for (i = 0; zf_stats_annual_acts[i].key != NULL; i++) {
		const struct zf_stats_name *act = &zf_stats_annual_acts[i];
		int64_t v = 0;

		if (zf_json_get_int(in_year, act->key, &v) != 0 || v < 0)
			return zf_fail(e, EX_DATAERR, "annual: acts has no "
			    "count \"%s\"", act->key);
		zf_site_page_row_open(b, act->chinese);
		zf_buf_printf(b, "%lld</td></tr>\n", (long long)v);
	}
	zf_site_page_table_close(b);
	return 0;
}
