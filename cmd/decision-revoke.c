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

static const char usage[] = "CASE --reason TEXT "
    "[--kind revoked|illegal|remade]";

int
main(int argc, char **argv)
{
	enum { OPT_REASON = ZF_OPT_FIRST_OWN, OPT_KIND };
	static const struct option longopts[] = {
		ZF_CLI_LONG,
		{ "reason", required_argument, NULL, OPT_REASON },
		{ "kind", required_argument, NULL, OPT_KIND },
		{ NULL, 0, NULL, 0 }
	};
	const char *reason = NULL, *kind = "revoked";
	struct zf_archive *a;
	struct zf_cli cli;
	int c, rc;

	zf_cli_init(&cli, argv, usage);
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT, longopts,
	    NULL)) != -1) {
		if (zf_cli_option(&cli, c, optarg))
			continue;
		if (c == OPT_REASON)
			reason = optarg;
		else if (c == OPT_KIND)
			kind = optarg;
	}
	if (argc - optind != 1)
		zf_cli_usage(&cli, "give one case");
	if (reason == NULL)
		zf_cli_usage(&cli, "--reason is required");
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_decision_revoke(a, argv[optind], kind, reason)) == 0) {
		zf_cli_warn_calendar(a);
		printf("%s\n", argv[optind]);
	}
	return zf_cli_done(a, rc);
}
