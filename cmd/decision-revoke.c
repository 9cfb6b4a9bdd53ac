/*
 * decision-revoke: void the decision in force of a case (撤销, 确认违法,
 * 责令重作), by the head; a published decision must then be withdrawn.
 * Prints the case id after the commit.
 */
#include <stdio.h>
#include <string.h>

#include "record/archive.h"
#include "common/cli.h"
#include "cases/decision.h"
#include "base/i18n.h"

static const char usage[] = "CASE --reason TEXT "
    "[--kind revoked|illegal|remade]";

int
main(int argc, char **argv)
{
	const char *reason = NULL, *kind = "revoked", *case_id;
	struct zf_archive *a;
	struct zf_cli cli;
	int rc;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("reason", 0, &reason),
		ZF_TEXT("kind", 0, &kind),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("Record that the decision of a case is void."));
	case_id = zf_cli_one_case(&cli, argc, argv, opts);
	if (reason == NULL)
		zf_cli_usage(&cli, "--reason is required");
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_decision_revoke(a, case_id, kind, reason)) == 0) {
		zf_cli_warn_calendar(a);
		zf_cli_recorded(case_id);
		printf("%s\n", case_id);
	}
	return zf_cli_done(a, rc);
}
