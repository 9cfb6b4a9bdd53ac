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

struct events {
	struct zf_cli *cli;
	struct zf_json *all;
};

/* The case's events, each naming the case, after those before. */
static int
log_one(struct zf_archive *a, const char *id, size_t i, void *ctx)
{
	struct events *e = ctx;
	struct zf_json *log;
	size_t j;
	int rc;

	(void)i;
	if ((rc = zf_case_log(a, id, &log)) != 0)
		return rc;
	for (j = 0; j < zf_json_len(log); j++) {
		struct zf_json *ev = zf_json_copy(zf_json_at(log, j));

		zf_json_set_str(ev, "case", id);
		zf_json_push(e->all, ev);
	}
	zf_json_free(log);
	return 0;
}

static void
print_all(void *ctx)
{
	static const struct zf_column hashes[] = {
		{ "hash", "hash", 0 }, { NULL, NULL, 0 }
	};
	struct events *e = ctx;

	zf_cli_print_list(e->cli, e->all, e->cli->quiet ? hashes : columns);
}

int
main(int argc, char **argv)
{
	struct zf_cli cli;
	struct events e = { &cli, zf_json_array() };
	const struct zf_cli_each each = { log_one, print_all, &e };
	int rc;

	zf_cli_init(&cli, argv, usage);
	rc = zf_cli_each_case(&cli, argc, argv, &each);
	zf_json_free(e.all);
	return rc;
}
