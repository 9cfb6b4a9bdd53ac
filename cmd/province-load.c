/*
 * province-load: exchange bundles of a province's agencies loaded into
 * its PostgreSQL (province.h): each checked against the trusted keys,
 * loaded in a transaction of its own, skipped when loaded before.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/io.h"
#include "common/cli.h"
#include "publication/province.h"
#include "record/checkpoint.h"
#include "base/i18n.h"

static const char usage[] = "BUNDLE... --db CONNINFO --trust KEYS "
    "[--max-entries N] [--max-mib N]";

/* The schema, data/pg/schema.sql, compiled in. */
extern const char zf_pg_schema[];

struct out {
	struct zf_cli *cli;
	int quiet;
};

static void
report(void *ctx, const char *bundle, int rc, size_t cases, const char *msg)
{
	struct out *o = ctx;

	if (rc == 0 && !o->quiet)
		printf("%s\tloaded\t%zu cases\n", bundle, cases);
	else if (rc == 1 && !o->quiet)
		printf("%s\tskipped\tloaded before\n", bundle);
	else if (rc > 1)
		zf_cli_error(rc, "%s: %s", bundle, msg ? msg : "refused");
}

/* The verifier keys of the file, a line each ('#' begins a comment). */
static char **
read_keys(struct zf_cli *cli, const char *path)
{
	struct zf_buf b;
	char **keys = xcalloc(1, sizeof(char *)), *line, *save = NULL;
	size_t n = 0;

	zf_buf_init(&b);
	if (zf_read_file(AT_FDCWD, path, 1u << 20, &b) != 0)
		zf_cli_usage(cli, "--trust '%s' cannot be read: %s", path,
		    strerror(errno));
	for (line = strtok_r(b.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		line += strspn(line, " \t");
		line[strcspn(line, " \t\r#")] = '\0';
		if (*line == '\0')
			continue;
		{
			uint8_t pub[ZF_PUBKEY_MAX];
			char *name = NULL;
			size_t publen;
			int suite;

			if (zf_note_vkey_parse(line, &suite, &name, pub,
			    &publen) != 0)
				zf_cli_usage(cli, "--trust '%s': '%s' is not a "
				    "verifier key (NAME+ID+KEY)", path, line);
			free(name);
		}
		keys = xrealloc(keys, (n + 2) * sizeof(char *));
		keys[n++] = xstrdup(line);
		keys[n] = NULL;
	}
	zf_buf_release(&b);
	if (n == 0)
		zf_cli_usage(cli, "--trust '%s' names no key", path);
	return keys;
}

int
main(int argc, char **argv)
{
	const char *db = NULL, *trust = NULL;
	int max_entries = 100000, max_mib = 8192, rc;
	struct zf_province_options po;
	struct zf_cli cli;
	struct zf_err e;
	struct out o;
	char **keys;
	size_t i;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("db", 0, &db),
		ZF_TEXT("trust", 0, &trust),
		ZF_NUMBER("max-entries", &max_entries, 1, 10000000, "entries"),
		ZF_NUMBER("max-mib", &max_mib, 1, 1048576, "MiB"),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("Load agencies' exchange bundles into a province's PostgreSQL "
	    "database."));
	zf_cli_options(&cli, argc, argv, opts);
	if (optind == argc)
		zf_cli_usage(&cli, "which bundles?");
	if (db == NULL || trust == NULL)
		zf_cli_usage(&cli, "--db CONNINFO and --trust KEYS are needed");
	keys = read_keys(&cli, trust);
	memset(&po, 0, sizeof(po));
	memset(&e, 0, sizeof(e));
	po.conninfo = db;
	po.schema = zf_pg_schema;
	po.bundles = (const char *const *)(argv + optind);
	po.nbundles = (size_t)(argc - optind);
	po.trusted = keys;
	po.max_entries = max_entries;
	po.max_bytes = (int64_t)max_mib << 20;
	o.cli = &cli;
	o.quiet = cli.quiet;
	rc = zf_province_load(&po, report, &o, &e);
	if (rc == EX_UNAVAILABLE)
		zf_cli_fail(&e);
	for (i = 0; keys[i] != NULL; i++)
		free(keys[i]);
	free(keys);
	return zf_cli_exit(rc);
}
