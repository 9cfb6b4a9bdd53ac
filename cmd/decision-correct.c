/*
 * decision-correct: put right what a decision's record states wrongly
 * (更正), by the head, without a new decision or 文号; prints the case id
 * after the commit.  A published record is republished as a correction
 * by the next publish-export.
 */
#include <stdio.h>
#include <string.h>

#include "cases/correct.h"
#include "common/cli.h"
#include "record/archive.h"
#include "base/i18n.h"

static const char usage[] = "CASE --field party|party-id|party-rep|cause|"
    "basis|number --value TEXT --reason TEXT";

int
main(int argc, char **argv)
{
	const char *field = NULL, *value = NULL, *reason = NULL, *case_id;
	struct zf_archive *a;
	struct zf_cli cli;
	int rc;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("field", 0, &field),
		ZF_TEXT("value", 0, &value),
		ZF_TEXT("reason", 0, &reason),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("Put right what a decision's record states wrongly (更正)."));
	case_id = zf_cli_one_case(&cli, argc, argv, opts);
	if (field == NULL || value == NULL || reason == NULL)
		zf_cli_usage(&cli, "--field, --value and --reason are "
		    "required");
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_decision_correct(a, case_id, field, value, reason)) ==
	    0) {
		zf_cli_recorded(case_id);
		printf("%s\n", case_id);
	}
	return zf_cli_done(a, rc);
}
