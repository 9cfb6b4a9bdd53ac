/*
 * publish-withdraw: withdraw a case's entry from the public site (撤回
 *公示) for a reason other than a revoked decision, which publish-export
 * withdraws by itself.  The withdrawal is journaled at once as an entry
 * of the publication log; the next publish-export takes the page down.
 * Prints the case id after the commit.
 */
#include <stdio.h>
#include <string.h>

#include "record/archive.h"
#include "common/cli.h"
#include "publication/publish.h"
#include "base/i18n.h"

static const char usage[] = "CASE --reason TEXT";

int
main(int argc, char **argv)
{
	enum { OPT_REASON = ZF_OPT_FIRST_OWN };
	static const struct option longopts[] = {
		ZF_CLI_LONG,
		{ "reason", required_argument, NULL, OPT_REASON },
		{ NULL, 0, NULL, 0 }
	};
	const char *reason = NULL;
	struct zf_archive *a;
	struct zf_cli cli;
	int c, rc;

	zf_cli_init(&cli, argv, usage,
	    N_("Withdraw a case's record from the public site."));
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT, longopts,
	    NULL)) != -1) {
		if (zf_cli_option(&cli, c, optarg))
			continue;
		if (c == OPT_REASON)
			reason = optarg;
	}
	if (argc - optind != 1)
		zf_cli_usage(&cli, "give one case");
	if (reason == NULL || reason[0] == '\0')
		zf_cli_usage(&cli, "say why with --reason TEXT");
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_publish_withdraw(a, argv[optind], reason)) != 0)
		zf_cli_fail(zf_archive_err(a));
	else {
		zf_cli_recorded(argv[optind]);
		printf("%s\n", argv[optind]);
	}
	zf_cli_close(a);
	return zf_cli_exit(rc);
}
