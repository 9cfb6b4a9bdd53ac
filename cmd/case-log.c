/*
 * case-log: a case's events in journal order with their hashes (each id
 * given, "-" for stdin).  Exits 66 when a case does not exist.
 */
#include <stdio.h>
#include <string.h>

#include "record/archive.h"
#include "cases/case.h"
#include "common/cli.h"
#include "base/json.h"

static const char usage[] = "CASE...";

static const struct zf_column columns[] = {
	{ "seq", "seq", 0 },
	{ "time", "time", 0 },
	{ "case", "case", 0 },
	{ "actor", "actor", 0 },
	{ "type", "type", 0 },
	{ "hash", "hash", 0 },
	{ NULL, NULL, 0 }
};

int
main(int argc, char **argv)
{
	static const struct zf_cli_opt opts[] = { ZF_OPT_END };
	struct zf_archive *a;
	struct zf_json *log, *all;
	struct zf_cli cli;
	char **ids;
	size_t n, i, j;
	int rc, worst = 0;

	zf_cli_init(&cli, argv, usage);
	zf_cli_options(&cli, argc, argv, opts);
	if (optind == argc)
		zf_cli_usage(&cli, "which case?");
	if ((rc = zf_cli_open(&cli, 0, &a)) != 0)
		return zf_cli_exit(rc);
	ids = zf_cli_ids(argc - optind, argv + optind, &n);
	all = zf_json_array();
	for (i = 0; i < n; i++) {
		if ((rc = zf_case_log(a, ids[i], &log)) != 0) {
			zf_cli_fail(zf_archive_err(a));
			if (rc > worst)
				worst = rc;
			continue;
		}
		for (j = 0; j < zf_json_len(log); j++) {
			struct zf_json *ev = zf_json_copy(zf_json_at(log, j));

			zf_json_set_str(ev, "case", ids[i]);
			zf_json_push(all, ev);
		}
		zf_json_free(log);
	}
	if (cli.quiet) {
		static const struct zf_column hashes[] = {
			{ "hash", "hash", 0 }, { NULL, NULL, 0 }
		};

		zf_cli_print_list(&cli, all, hashes);
	} else {
		zf_cli_print_list(&cli, all, columns);
	}
	zf_json_free(all);
	zf_cli_ids_free(ids);
	zf_archive_close(a);
	return zf_cli_exit(worst);
}
