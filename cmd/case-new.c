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
#include "base/i18n.h"

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
	struct zf_case_input in;
	struct zf_archive *a = NULL;
	struct zf_cli cli;
	const char *batch = NULL;
	char *id = NULL, **ids = NULL;
	size_t n = 0, i;
	int rc;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("kind", 't', &in.kind),
		ZF_TEXT("party", 0, &in.party),
		ZF_TEXT("party-kind", 0, &in.party_kind),
		ZF_TEXT("party-id", 0, &in.party_id),
		ZF_TEXT("party-rep", 0, &in.party_rep),
		ZF_TEXT("party-address", 0, &in.party_address),
		ZF_TEXT("party-phone", 0, &in.party_phone),
		ZF_TEXT("cause", 0, &in.cause),
		ZF_LIST("officer", in.officers, &in.nofficers,
		    ZF_CASE_MAX_OFFICERS, "officers"),
		ZF_TEXT("filed", 0, &in.filed),
		ZF_TEXT("source", 0, &in.source),
		ZF_TEXT("field", 0, &in.field),
		ZF_TEXT("batch", 0, &batch),
		ZF_TEXT("conduct", 0, &in.conduct),
		ZF_OPT_END
	};

	memset(&in, 0, sizeof(in));
	zf_cli_init(&cli, argv, usage,
	    N_("File an enforcement case."));
	zf_cli_options_only(&cli, argc, argv, opts);
	if (batch != NULL && (in.kind || in.party || in.party_kind ||
	    in.party_id || in.party_rep || in.party_address ||
	    in.party_phone || in.cause || in.nofficers || in.filed ||
	    in.source || in.field || in.conduct))
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
		for (i = 0; i < n; i++) {
			zf_cli_recorded(ids[i]);
			printf("%s\n", ids[i]);
		}
		if (id != NULL) {
			zf_cli_recorded(id);
			printf("%s\n", id);
		}
	}
	zf_cli_ids_free(ids);
	free(id);
	return zf_cli_done(a, rc);
}
