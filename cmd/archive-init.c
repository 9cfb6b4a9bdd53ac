/*
 * archive-init: create an archive with its configuration and agency key.
 * Prints the archive's directory and the key's path on stderr; exits 73
 * when DIR exists and is not empty, 78 when --config is not valid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "common/cli.h"
#include "base/crypto.h"

static const char usage[] = "[--config FILE] [--algo sha256-ed25519|sm3-sm2] "
    "[--key FILE] DIR";

int
main(int argc, char **argv)
{
	enum { OPT_ALGO = ZF_OPT_FIRST_OWN };
	const char *config = NULL, *key = NULL;
	struct zf_cli cli;
	struct zf_err e;
	char *key_used = NULL;
	int suite = ZF_SUITE_SHA256_ED25519;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("config", 0, &config),
		ZF_OWN("algo", OPT_ALGO),
		ZF_TEXT("key", 0, &key),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage);
	while (zf_cli_next(&cli, argc, argv, opts) == OPT_ALGO)
		if ((suite = zf_suite_parse(optarg)) < 0)
			zf_cli_usage(&cli, "--algo '%s' is not sha256-ed25519 "
			    "or sm3-sm2", optarg);
	if (optind + 1 != argc)
		zf_cli_usage(&cli, optind == argc ? "which folder?" :
		    "one folder only");
	if (zf_archive_create(argv[optind], config, suite, key, &key_used,
	    &e) != 0)
		return zf_cli_exit(zf_cli_fail(&e));
	printf("%s\n", argv[optind]);
	fprintf(stderr, "%s: created archive '%s' (%s)\n"
	    "%s: agency private key: %s (mode 0600; keep it safe and out "
	    "of the archive)\n", zf_progname, argv[optind],
	    zf_suite_name(suite), zf_progname, key_used);
	free(key_used);
	return zf_cli_exit(0);
}
