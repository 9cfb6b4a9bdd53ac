/*
 * case-stats: counts and sums over the cases, grouped by kind, month of
 * filing, officer or stage, with a row of totals; --chart FILE writes an
 * SVG bar chart of the cases per group.  Read-only.
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

static const char usage[] = "[--by kind|month|officer|stage] [--year YYYY] "
    "[--chart FILE]";

static const struct zf_column columns[] = {
	{ "分组", "label", 0 },
	{ "案件", "cases", 0 },
	{ "已决定", "decided", 0 },
	{ "罚款", "fined", 0 },
	{ "罚款金额（分）", "fine_fen", 0 },
	{ "重大", "major", 0 },
	ZF_COLUMN_END
};

int
main(int argc, char **argv)
{
	const char *by = "kind", *year = NULL, *chart = NULL;
	struct zf_archive *a;
	struct zf_json *list;
	struct zf_cli cli;
	int rc;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("by", 0, &by),
		ZF_TEXT("year", 0, &year),
		ZF_TEXT("chart", 0, &chart),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage);
	while (zf_cli_next(&cli, argc, argv, opts) != -1)
		continue;
	zf_cli_no_operands(&cli, argc, argv);
	if (year != NULL && (strlen(year) != 4 ||
	    strspn(year, "0123456789") != 4))
		zf_cli_usage(&cli, "--year '%s' is not a year (YYYY)", year);
	if ((rc = zf_cli_open(&cli, 0, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_case_stats(a, by, year, &list)) == 0) {
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
			zf_cli_print_list(&cli, list, columns);
		zf_json_free(list);
	}
	return zf_cli_done(a, rc);
}
