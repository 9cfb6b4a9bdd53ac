/*
 * case-list: one line per case matching the filters, oldest first;
 * -q prints only the ids, for pipes.
 */
#include <stdio.h>
#include <string.h>

#include "record/archive.h"
#include "cases/case.h"
#include "common/cli.h"
#include "base/json.h"
#include "rules/procedure.h"

static const char usage[] = "[--kind K] [--stage S] [--officer P] [--major] "
    "[--overdue] [--awaiting-review] [--filed-since DATE]";

static const struct zf_column columns[] = {
	{ "ID", "id", 0 },
	{ "案号", "number", 0 },
	{ "类别", "kind_name", 0 },
	{ "阶段", "stage_name", 0 },
	{ "立案日期", "filed", 0 },
	{ "下一期限", "next_due", 0 },
	{ "当事人", "party.name", 24 },
	{ "案由", "cause", 30 },
	{ NULL, NULL, 0 }
};

int
main(int argc, char **argv)
{
	enum { OPT_KIND = ZF_OPT_FIRST_OWN, OPT_STAGE, OPT_OFFICER, OPT_MAJOR,
	    OPT_SINCE, OPT_OVERDUE, OPT_AWAITING };
	static const struct option longopts[] = {
		ZF_CLI_LONG,
		{ "kind", required_argument, NULL, OPT_KIND },
		{ "stage", required_argument, NULL, OPT_STAGE },
		{ "officer", required_argument, NULL, OPT_OFFICER },
		{ "major", no_argument, NULL, OPT_MAJOR },
		{ "filed-since", required_argument, NULL, OPT_SINCE },
		{ "overdue", no_argument, NULL, OPT_OVERDUE },
		{ "awaiting-review", no_argument, NULL, OPT_AWAITING },
		{ NULL, 0, NULL, 0 }
	};
	struct zf_case_filter f;
	struct zf_archive *a;
	struct zf_json *list;
	struct zf_cli cli;
	int32_t day;
	int c, rc;

	memset(&f, 0, sizeof(f));
	zf_cli_init(&cli, argv, usage);
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT, longopts,
	    NULL)) != -1) {
		if (zf_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_KIND:
			f.kind = optarg;
			break;
		case OPT_STAGE:
			if (zf_stage_find(optarg) == NULL)
				zf_cli_usage(&cli, "'%s' is not a stage (filed, "
				    "investigating, notified, hearing, heard, "
				    "discussed, decided, served, executed, "
				    "suspended, closed, archived, transferred, "
				    "revoked)", optarg);
			f.stage = optarg;
			break;
		case OPT_OFFICER:
			f.officer = optarg;
			break;
		case OPT_MAJOR:
			f.major = 1;
			break;
		case OPT_OVERDUE:
			f.overdue = 1;
			break;
		case OPT_AWAITING:
			f.awaiting_review = 1;
			break;
		case OPT_SINCE:
			if (zf_date_parse(optarg, &day) != 0)
				zf_cli_usage(&cli, "--filed-since '%s' is not a "
				    "date YYYY-MM-DD", optarg);
			f.filed_since = optarg;
			break;
		}
	}
	if (optind != argc)
		zf_cli_usage(&cli, "unexpected argument '%s'", argv[optind]);
	if ((rc = zf_cli_open(&cli, 0, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_case_list(a, &f, &list)) != 0) {
		zf_cli_fail(zf_archive_err(a));
		zf_archive_close(a);
		return zf_cli_exit(rc);
	}
	zf_cli_print_list(&cli, list, columns);
	zf_json_free(list);
	zf_archive_close(a);
	return zf_cli_exit(0);
}
