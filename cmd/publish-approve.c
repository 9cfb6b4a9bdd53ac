/*
 * publish-approve: an approver (publication.approvers in zhifa.yaml)
 * approves the records due for publication now — every one, or those of
 * the cases given — exactly as publish-export --dry-run shows them; the
 * approval is journaled with each record's digest, and publish-export
 * then releases them, holding back any changed since.  Prints how many
 * records the approval covers after the commit.
 */
#include <stdio.h>
#include <string.h>

#include "common/cli.h"
#include "publication/approve.h"
#include "record/archive.h"
#include "base/i18n.h"

static const char usage[] = "[CASE...|-]";

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		ZF_CLI_LONG,
		{ NULL, 0, NULL, 0 }
	};
	struct zf_archive *a;
	struct zf_cli cli;
	char **ids = NULL;
	size_t nids = 0, n = 0;
	int c, rc;

	zf_cli_init(&cli, argv, usage,
	    N_("Approve the records due for publication before their release "
	    "(审核发布)."));
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT, longopts,
	    NULL)) != -1)
		(void)zf_cli_option(&cli, c, optarg);
	if (optind < argc) {
		ids = zf_cli_ids(argc - optind, argv + optind, &nids);
		if (nids == 0) {
			zf_cli_ids_free(ids);
			return zf_cli_exit(zf_cli_error(64, "no case ids on "
			    "standard input"));
		}
	}
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0) {
		zf_cli_ids_free(ids);
		return zf_cli_exit(rc);
	}
	if ((rc = zf_approve(a, ids, nids, &n)) != 0)
		zf_cli_fail(zf_archive_err(a));
	else
		printf("approved %zu\n", n);
	zf_cli_close(a);
	zf_cli_ids_free(ids);
	return zf_cli_exit(rc);
}
