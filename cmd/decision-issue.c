/*
 * decision-issue: record the decision of a case, by the head, with its
 * document and 文号; prints the 文号 after the commit.  Exits 77 when the
 * procedure, a party's period or the legal-review gate refuses it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "common/cli.h"
#include "cases/decision.h"
#include "base/i18n.h"

static const char usage[] = "CASE --outcome TEXT --doc FILE "
    ZF_FINE_MEASURES_USAGE " [--confiscated YUAN] [--basis TEXT] "
    "[--number DOCNO] [--at TIME] [--party-absent] [--summary] "
    "[--violation TEXT] [--violated TEXT] [--licence-number NO] "
    "[--certificate NAME] [--valid-from DATE] [--valid-to DATE] "
    "[--licence-category 01-06]";

int
main(int argc, char **argv)
{
	struct zf_decision_input in;
	struct zf_archive *a;
	struct zf_cli cli;
	const char *case_id;
	char *number = NULL;
	int rc;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("outcome", 0, &in.outcome),
		ZF_TEXT("doc", 0, &in.doc_file),
		ZF_FINE_MEASURES(in, ZF_MAX_MEASURES),
		ZF_TEXT("number", 0, &in.number),
		ZF_TEXT("at", 0, &in.at),
		ZF_FLAG("party-absent", &in.party_absent),
		ZF_FLAG("summary", &in.summary),
		ZF_TEXT("confiscated", 0, &in.confiscated),
		ZF_TEXT("violation", 0, &in.violation),
		ZF_TEXT("violated", 0, &in.violated),
		ZF_TEXT("licence-number", 0, &in.licence_number),
		ZF_TEXT("certificate", 0, &in.certificate),
		ZF_TEXT("valid-from", 0, &in.valid_from),
		ZF_TEXT("valid-to", 0, &in.valid_to),
		ZF_TEXT("licence-category", 0, &in.licence_category),
		ZF_TEXT("basis", 0, &in.basis),
		ZF_OPT_END
	};

	memset(&in, 0, sizeof(in));
	zf_cli_init(&cli, argv, usage,
	    N_("Record the decision of a case."));
	case_id = zf_cli_one_case(&cli, argc, argv, opts);
	if (in.doc_file == NULL)
		zf_cli_usage(&cli, "--doc is required: the decision document");
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_decision_issue(a, case_id, &in, &number)) == 0) {
		zf_cli_warn_calendar(a);
		zf_cli_recorded(number);
		printf("%s\n", number);
	}
	free(number);
	return zf_cli_done(a, rc);
}
