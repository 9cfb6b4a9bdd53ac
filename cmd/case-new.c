/*
 * case-new: file a case, or many with --batch (all or nothing); prints
 * each new case id on stdout after the commit.  Exits 65 on bad input,
 * 77 when a rule refuses (officers, certificates, who may file).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "cases/batch.h"
#include "cases/case.h"
#include "common/cli.h"
#include "base/err.h"

static const char usage[] = "-t KIND --party NAME [--party-kind "
    "person|org|business] [--party-id ID] [--party-rep NAME]\n"
    "       [--party-address TEXT] [--party-phone NUMBER] --cause TEXT "
    "--officer PERSON "
    "--officer PERSON [--filed DATE] [--source TEXT] [--field TEXT] "
    "[--conduct business|non-business]\n"
    "       case-new --batch FILE|-";

int
main(int argc, char **argv)
{
	enum { OPT_PARTY = ZF_OPT_FIRST_OWN, OPT_PARTY_KIND, OPT_PARTY_ID,
	    OPT_CAUSE, OPT_OFFICER, OPT_FILED, OPT_SOURCE, OPT_FIELD,
	    OPT_BATCH, OPT_CONDUCT, OPT_PARTY_REP, OPT_PARTY_ADDRESS,
	    OPT_PARTY_PHONE };
	static const struct option longopts[] = {
		ZF_CLI_LONG,
		{ "kind", required_argument, NULL, 't' },
		{ "party", required_argument, NULL, OPT_PARTY },
		{ "party-kind", required_argument, NULL, OPT_PARTY_KIND },
		{ "party-id", required_argument, NULL, OPT_PARTY_ID },
		{ "party-rep", required_argument, NULL, OPT_PARTY_REP },
		{ "party-address", required_argument, NULL, OPT_PARTY_ADDRESS },
		{ "party-phone", required_argument, NULL, OPT_PARTY_PHONE },
		{ "cause", required_argument, NULL, OPT_CAUSE },
		{ "officer", required_argument, NULL, OPT_OFFICER },
		{ "filed", required_argument, NULL, OPT_FILED },
		{ "source", required_argument, NULL, OPT_SOURCE },
		{ "field", required_argument, NULL, OPT_FIELD },
		{ "batch", required_argument, NULL, OPT_BATCH },
		{ "conduct", required_argument, NULL, OPT_CONDUCT },
		{ NULL, 0, NULL, 0 }
	};
	struct zf_case_input in;
	struct zf_archive *a = NULL;
	struct zf_cli cli;
	const char *batch = NULL;
	char *id = NULL, **ids = NULL;
	size_t n = 0, i;
	int c, rc;

	memset(&in, 0, sizeof(in));
	zf_cli_init(&cli, argv, usage);
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT "t:", longopts,
	    NULL)) != -1) {
		if (zf_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case 't':
			in.kind = optarg;
			break;
		case OPT_PARTY:
			in.party = optarg;
			break;
		case OPT_PARTY_KIND:
			in.party_kind = optarg;
			break;
		case OPT_PARTY_ID:
			in.party_id = optarg;
			break;
		case OPT_PARTY_REP:
			in.party_rep = optarg;
			break;
		case OPT_PARTY_ADDRESS:
			in.party_address = optarg;
			break;
		case OPT_PARTY_PHONE:
			in.party_phone = optarg;
			break;
		case OPT_CAUSE:
			in.cause = optarg;
			break;
		case OPT_OFFICER:
			if (in.nofficers == ZF_CASE_MAX_OFFICERS)
				zf_cli_usage(&cli, "at most %d officers",
				    ZF_CASE_MAX_OFFICERS);
			in.officers[in.nofficers++] = optarg;
			break;
		case OPT_FILED:
			in.filed = optarg;
			break;
		case OPT_SOURCE:
			in.source = optarg;
			break;
		case OPT_FIELD:
			in.field = optarg;
			break;
		case OPT_BATCH:
			batch = optarg;
			break;
		case OPT_CONDUCT:
			in.conduct = optarg;
			break;
		}
	}
	if (optind != argc)
		zf_cli_usage(&cli, "unexpected argument '%s'", argv[optind]);
	if (batch != NULL && (in.kind || in.party || in.party_kind ||
	    in.party_id || in.party_rep || in.party_address ||
	    in.party_phone || in.cause || in.nofficers || in.filed || in.source ||
	    in.field || in.conduct))
		zf_cli_usage(&cli, "--batch takes every case from its file; "
		    "give no other case options");
	if (batch == NULL && in.kind == NULL)
		zf_cli_usage(&cli, "which kind of case? give -t KIND");
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	rc = batch != NULL ? zf_batch_cases(a, batch, &ids, &n) :
	    zf_case_new(a, &in, &id);
	if (rc == 0) {
		zf_cli_warn_calendar(a);
		for (i = 0; i < n; i++)
			printf("%s\n", ids[i]);
		if (id != NULL)
			printf("%s\n", id);
	}
	zf_cli_ids_free(ids);
	free(id);
	return zf_cli_done(a, rc);
}
