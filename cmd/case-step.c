/*
 * case-step: record a procedural step of a case (事先告知, 送达, 延期 ...),
 * with its time, document and note.  Prints the case id after the
 * commit.  Exits 77, naming the steps allowed now, when the procedure
 * does not allow the step at the case's stage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "common/cli.h"
#include "cases/step.h"

static const char usage[] = "CASE STEP [--at TIME] [--doc FILE] "
    "[--method M] [--note TEXT] [--approved-by HEAD] [--days N] "
    "[--rule RULE]";

int
main(int argc, char **argv)
{
	enum { OPT_AT = ZF_OPT_FIRST_OWN, OPT_DOC, OPT_METHOD, OPT_NOTE,
		OPT_APPROVED, OPT_DAYS, OPT_RULE };
	static const struct option longopts[] = {
		ZF_CLI_LONG,
		{ "at", required_argument, NULL, OPT_AT },
		{ "doc", required_argument, NULL, OPT_DOC },
		{ "method", required_argument, NULL, OPT_METHOD },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "approved-by", required_argument, NULL, OPT_APPROVED },
		{ "days", required_argument, NULL, OPT_DAYS },
		{ "rule", required_argument, NULL, OPT_RULE },
		{ NULL, 0, NULL, 0 }
	};
	struct zf_step_input in;
	struct zf_archive *a;
	struct zf_cli cli;
	const char *case_id;
	char *end;
	long days;
	int c, rc;

	memset(&in, 0, sizeof(in));
	zf_cli_init(&cli, argv, usage);
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT, longopts,
	    NULL)) != -1) {
		if (zf_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_AT:
			in.at = optarg;
			break;
		case OPT_DOC:
			in.doc_file = optarg;
			break;
		case OPT_METHOD:
			in.method = optarg;
			break;
		case OPT_NOTE:
			in.note = optarg;
			break;
		case OPT_APPROVED:
			in.approved_by = optarg;
			break;
		case OPT_DAYS:
			days = strtol(optarg, &end, 10);
			in.days = days >= 1 && days <= 3660 ? (int)days : 0;
			if (*end != '\0' || in.days == 0)
				zf_cli_usage(&cli, "--days '%s' is not a "
				    "number of days", optarg);
			break;
		case OPT_RULE:
			in.rule = optarg;
			break;
		}
	}
	if (argc - optind != 2)
		zf_cli_usage(&cli, "give a case and a step");
	case_id = argv[optind];
	in.step = argv[optind + 1];
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_step_take(a, case_id, &in)) == 0) {
		zf_cli_warn_calendar(a);
		printf("%s\n", case_id);
	}
	return zf_cli_done(a, rc);
}
