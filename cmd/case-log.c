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
#include "base/i18n.h"

static const char usage[] = "CASE...";

static const struct zf_column columns[] = {
	ZF_FIELD("seq"), ZF_FIELD("time"), ZF_FIELD("case"), ZF_FIELD("actor"),
	ZF_FIELD("type"), ZF_FIELD("hash"),
	ZF_COLUMN_END
};

/* The case's events, each naming the case, after those before. */
static int
log_one(struct zf_cli *cli, struct zf_archive *a, const char *id, size_t i,
    struct zf_json *all)
{
	struct zf_json *log;
	size_t j;
	int rc;

	(void)cli;
	(void)i;
	if ((rc = zf_case_log(a, id, &log)) != 0)
		return rc;
	for (j = 0; j < zf_json_len(log); j++) {
		struct zf_json *ev = zf_json_copy(zf_json_at(log, j));

		zf_json_set_str(ev, "case", id);
		zf_json_push(all, ev);
	}
	zf_json_free(log);
	return 0;
}

static void
print_all(struct zf_cli *cli, struct zf_json *all, int single)
{
	static const struct zf_column hashes[] = {
		ZF_FIELD("hash"), ZF_COLUMN_END
	};

	(void)single;
	zf_cli_print_list(cli, all, cli->quiet ? hashes : columns);
}

int
main(int argc, char **argv)
{
	struct zf_cli cli;

	zf_cli_init(&cli, argv, usage,
	    N_("Show a case's events in order, with their hashes."));
	return zf_cli_each_case(&cli, argc, argv, log_one, print_all);
}
