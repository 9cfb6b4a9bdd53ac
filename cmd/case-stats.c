/*
 * case-stats: counts and sums over the cases, grouped by kind, month of
 * filing, officer, stage, measure, outcome, review or deadline, with a
 * row of totals; --chart FILE writes an SVG bar chart of the cases per
 * group.  --annual: the year's enforcement data; --reads: who read which
 * evidence and why.  Read-only.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/io.h"
#include "base/json.h"
#include "cases/stats.h"
#include "common/cli.h"
#include "record/archive.h"
#include "rules/config.h"
#include "rules/permissions.h"
#include "base/i18n.h"

static const char usage[] = "[--by kind|month|officer|stage|measure|"
    "outcome|review|deadline] [--year YYYY] [--chart FILE] | --year YYYY "
    "--annual | --reads [--year YYYY] | --imported";

/* For scripts (-o tsv, -q): the group's key first; people see the rest. */
static const struct zf_column key_columns[] = {
	{ "键", "key", 0 },
	{ "分组", "label", 0 },
	{ "案件", "cases", 0 },
	{ "已决定", "decided", 0 },
	{ "罚款", "fined", 0 },
	{ "罚款金额（分）", "fine_fen", 0 },
	{ "重大", "major", 0 },
	{ "期限延误", "late", 0 },
	ZF_COLUMN_END
};
static const struct zf_column *const columns = key_columns + 1;

static const struct zf_column imported_columns[] = {
	{ "来自", "agency", 0 },
	{ "类别", "label", 0 },
	{ "案件", "cases", 0 },
	{ "事件", "events", 0 },
	ZF_COLUMN_END
};

static const struct zf_column read_columns[] = {
	{ "时间", "time", 0 },
	{ "阅读人", "actor", 0 },
	{ "姓名", "name", 0 },
	{ "证据", "evidence", 0 },
	{ "名称", "title", 0 },
	{ "案件", "case", 0 },
	{ "密级", "access", 0 },
	{ "理由", "reason", 0 },
	ZF_COLUMN_END
};

/* The year's enforcement data as a report a person reads. */
static void
print_annual(struct zf_cli *cli, const struct zf_json *r)
{
	static const char *const numbers[] = { "一", "二", "三", "四",
		"五", "六" };
	const struct zf_json *in_year = zf_json_get(r, "acts");
	size_t i;

	printf("%s %s年度行政执法数据\n", zf_json_get_str(r, "agency"),
	    zf_json_get_str(r, "year"));
	for (i = 0; zf_stats_annual_parts[i].key != NULL; i++) {
		printf("\n%s、%s\n", numbers[i],
		    zf_stats_annual_parts[i].chinese);
		zf_cli_print_list(cli, zf_json_get(r,
		    zf_stats_annual_parts[i].key), columns);
	}
	printf("\n%s、本年度的执法行为\n", numbers[i]);
	for (i = 0; zf_stats_annual_acts[i].key != NULL; i++) {
		int64_t n = 0;

		zf_json_get_int(in_year, zf_stats_annual_acts[i].key, &n);
		printf("%s  %lld\n", zf_stats_annual_acts[i].chinese,
		    (long long)n);
	}
}

int
main(int argc, char **argv)
{
	const char *by = NULL, *year = NULL, *chart = NULL;
	int annual = 0, reads = 0, imported = 0, people;
	struct zf_archive *a;
	struct zf_json *list;
	struct zf_cli cli;
	int rc;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("by", 0, &by),
		ZF_TEXT("year", 0, &year),
		ZF_TEXT("chart", 0, &chart),
		ZF_FLAG("annual", &annual),
		ZF_FLAG("reads", &reads),
		ZF_FLAG("imported", &imported),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("Counts and sums over the cases, the year's enforcement data "
	    "and who read what."));
	while (zf_cli_next(&cli, argc, argv, opts) != -1)
		continue;
	zf_cli_no_operands(&cli, argc, argv);
	if (year != NULL && (strlen(year) != 4 ||
	    strspn(year, "0123456789") != 4))
		zf_cli_usage(&cli, "--year '%s' is not a year (YYYY)", year);
	if (annual + reads + imported > 1 || ((annual || reads ||
	    imported) && (by || chart)))
		zf_cli_usage(&cli, "--annual, --reads and --imported go alone "
		    "(with --year), not with each other, --by or --chart");
	if (annual && year == NULL)
		zf_cli_usage(&cli, "--annual needs --year YYYY");
	if (annual && (cli.format == ZF_FORMAT_TSV || cli.quiet))
		zf_cli_usage(&cli, "--annual prints a report (text) or its "
		    "data (-o json), not tsv nor -q");
	if ((rc = zf_cli_open(&cli, 0, &a)) != 0)
		return zf_cli_exit(rc);
	if (annual) {
		if ((rc = zf_stats_annual(a, year, &list)) == 0) {
			if (cli.format == ZF_FORMAT_JSON)
				zf_cli_print_json(list);
			else
				print_annual(&cli, list);
			zf_json_free(list);
		}
		return zf_cli_done(a, rc);
	}
	if (imported) {
		if ((rc = zf_stats_imported(a, &list)) == 0) {
			zf_cli_print_list(&cli, list, imported_columns);
			zf_json_free(list);
		}
		return zf_cli_done(a, rc);
	}
	if (reads) {
		if ((rc = zf_may(zf_archive_config(a), zf_archive_person(a),
		    ZF_ACT_READ_LOG, NULL, zf_archive_err(a))) == 0 &&
		    (rc = zf_stats_reads(a, year, &list)) == 0) {
			zf_cli_print_list(&cli, list, read_columns);
			zf_json_free(list);
		}
		return zf_cli_done(a, rc);
	}
	/* People read labels; scripts (tsv, json, -q) get the keys too. */
	people = cli.format == ZF_FORMAT_TEXT && !cli.quiet;
	if ((rc = zf_case_stats(a, by ? by : "kind", year, &list)) == 0) {
		if (chart != NULL &&
		    (rc = zf_archive_outside(a, chart, 0)) == 0) {
			char *svg = zf_stats_chart(list, "案件数量");
			FILE *f = fopen(chart, "w");
			int bad = f == NULL;

			if (f != NULL) {
				bad |= fputs(svg, f) == EOF;
				bad |= fclose(f) != 0;
			}
			if (bad)
				rc = zf_fail(zf_archive_err(a), EX_CANTCREAT,
				    "cannot write '%s': %s", chart,
				    strerror(errno));
			free(svg);
		}
		if (rc == 0)
			zf_cli_print_list(&cli, list, people ? columns :
			    key_columns);
		zf_json_free(list);
	}
	return zf_cli_done(a, rc);
}
