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

static const char usage[] = "CASE --outcome TEXT --doc FILE [--fine YUAN] "
    "[--measure M]... [--basis TEXT] [--number DOCNO] [--at TIME] "
    "[--party-absent]";

int
main(int argc, char **argv)
{
	enum { OPT_OUTCOME = ZF_OPT_FIRST_OWN, OPT_DOC, OPT_FINE, OPT_MEASURE,
		OPT_NUMBER, OPT_AT, OPT_ABSENT, OPT_BASIS };
	static const struct option longopts[] = {
		ZF_CLI_LONG,
		{ "outcome", required_argument, NULL, OPT_OUTCOME },
		{ "doc", required_argument, NULL, OPT_DOC },
		{ "fine", required_argument, NULL, OPT_FINE },
		{ "measure", required_argument, NULL, OPT_MEASURE },
		{ "number", required_argument, NULL, OPT_NUMBER },
		{ "at", required_argument, NULL, OPT_AT },
		{ "party-absent", no_argument, NULL, OPT_ABSENT },
		{ "basis", required_argument, NULL, OPT_BASIS },
		{ NULL, 0, NULL, 0 }
	};
	struct zf_decision_input in;
	struct zf_archive *a;
	struct zf_cli cli;
	char *number = NULL;
	int c, rc;

	memset(&in, 0, sizeof(in));
	zf_cli_init(&cli, argv, usage);
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT, longopts,
	    NULL)) != -1) {
		if (zf_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_OUTCOME:
			in.outcome = optarg;
			break;
		case OPT_DOC:
			in.doc_file = optarg;
			break;
		case OPT_FINE:
			in.fine = optarg;
			break;
		case OPT_MEASURE:
			if (in.nmeasures == ZF_MAX_MEASURES)
				zf_cli_usage(&cli, "at most %d measures",
				    ZF_MAX_MEASURES);
			in.measures[in.nmeasures++] = optarg;
			break;
		case OPT_NUMBER:
			in.number = optarg;
			break;
		case OPT_AT:
			in.at = optarg;
			break;
		case OPT_ABSENT:
			in.party_absent = 1;
			break;
		case OPT_BASIS:
			in.basis = optarg;
			break;
		}
	}
	if (argc - optind != 1)
		zf_cli_usage(&cli, "give one case");
	if (in.doc_file == NULL)
		zf_cli_usage(&cli, "--doc is required: the decision document");
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_decision_issue(a, argv[optind], &in, &number)) == 0) {
		zf_cli_warn_calendar(a);
		printf("%s\n", number);
	}
	free(number);
	return zf_cli_done(a, rc);
}
