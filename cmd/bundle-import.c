/*
 * bundle-import: another agency's exchange bundle (case-export), checked
 * in a quarantine — its entries, its manifests, its signature by a
 * trusted key, every event's hash and signature — then taken in as one
 * bundle.imported event (import.h); --list shows the imported cases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "common/cli.h"
#include "publication/import.h"
#include "record/archive.h"
#include "base/i18n.h"

static const char usage[] = "FILE | --list";

static const struct zf_column columns[] = {
	{ "ID", "id", 0 },
	{ "来自", "agency", 0 },
	{ "案号", "number", 0 },
	{ "类别", "kind", 0 },
	{ "事件", "events", 0 },
	ZF_COLUMN_END
};

int
main(int argc, char **argv)
{
	struct zf_json *out = NULL;
	struct zf_archive *a;
	struct zf_cli cli;
	int list = 0, rc;
	const struct zf_cli_opt opts[] = {
		ZF_FLAG("list", &list),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("Take in another agency's cases from its exchange bundle, after "
	    "checking everything."));
	zf_cli_options(&cli, argc, argv, opts);
	if (list ? optind != argc : optind + 1 != argc)
		zf_cli_usage(&cli, "give one bundle file, or --list");
	if ((rc = zf_cli_open(&cli, list ? 0 : ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if (list) {
		if ((rc = zf_import_list(a, &out)) == 0)
			zf_cli_print_list(&cli, out, columns);
	} else if ((rc = zf_import_bundle(a, argv[optind], &out)) == 0) {
		if (zf_json_get_bool(out, "skipped") == 1 &&
		    cli.format != ZF_FORMAT_JSON)
			printf("skipped: %s was taken in before\n",
			    argv[optind]);
		else if (cli.format == ZF_FORMAT_JSON)
			zf_cli_print_json(out);
		else
			zf_cli_print_list(&cli, zf_json_get(out, "cases"),
			    columns);
	}
	zf_json_free(out);
	return zf_cli_done(a, rc);
}
