/*
 * case-step: record a procedural step of a case (事先告知, 送达, 延期 ...),
 * with its time, document and note; archive --out PATH writes the closed
 * case's transfer package (归档移交) too.  Prints the case id after the
 * commit.  Exits 77, naming the steps allowed now, when the procedure
 * does not allow the step at the case's stage; 64 for a package inside
 * the archive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "common/cli.h"
#include "base/json.h"
#include "cases/step.h"
#include "publication/transfer.h"
#include "base/i18n.h"

static const char usage[] = "CASE STEP [--at TIME] [--doc FILE] "
    "[--method M] [--note TEXT] [--approved-by HEAD] [--days N] "
    "[--rule RULE] [--officer PERSON --replaces PERSON] "
    "[--presided-by PERSON] [--out PATH]";

int
main(int argc, char **argv)
{
	struct zf_step_input in;
	struct zf_archive *a;
	struct zf_json *summary = NULL;
	struct zf_cli cli;
	const char *case_id;
	int rc;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("at", 0, &in.at),
		ZF_TEXT("doc", 0, &in.doc_file),
		ZF_TEXT("method", 0, &in.method),
		ZF_TEXT("note", 0, &in.note),
		ZF_TEXT("approved-by", 0, &in.approved_by),
		ZF_NUMBER("days", &in.days, 1, 3660, "days"),
		ZF_TEXT("rule", 0, &in.rule),
		ZF_TEXT("officer", 0, &in.officer),
		ZF_TEXT("replaces", 0, &in.replaces),
		ZF_TEXT("presided-by", 0, &in.presided_by),
		ZF_TEXT("out", 0, &in.out),
		ZF_OPT_END
	};

	memset(&in, 0, sizeof(in));
	zf_cli_init(&cli, argv, usage,
	    N_("Record a procedural step of a case."));
	zf_cli_options(&cli, argc, argv, opts);
	if (argc - optind != 2)
		zf_cli_usage(&cli, "give a case and a step");
	case_id = argv[optind];
	in.step = argv[optind + 1];
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if (in.out != NULL)
		rc = zf_transfer_take(a, case_id, &in, &summary);
	else
		rc = zf_step_take(a, case_id, &in);
	if (rc == 0 && summary != NULL && cli.format == ZF_FORMAT_JSON) {
		zf_cli_recorded(case_id);
		zf_cli_print_json(summary);
	} else if (rc == 0) {
		zf_cli_warn_calendar(a);
		zf_cli_recorded(case_id);
		printf("%s\n", case_id);
	}
	zf_json_free(summary);
	return zf_cli_done(a, rc);
}
