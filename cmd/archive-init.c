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
	enum { OPT_CONFIG = ZF_OPT_FIRST_OWN, OPT_ALGO, OPT_KEY };
	static const struct option longopts[] = {
		ZF_CLI_LONG,
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "algo", required_argument, NULL, OPT_ALGO },
		{ "key", required_argument, NULL, OPT_KEY },
		{ NULL, 0, NULL, 0 }
	};
	const char *config = NULL, *key = NULL;
	struct zf_cli cli;
	struct zf_err e;
	char *key_used = NULL;
	int c, suite = ZF_SUITE_SHA256_ED25519;

	zf_cli_init(&cli, argv, usage);
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT, longopts,
	    NULL)) != -1) {
		if (zf_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_ALGO:
			if ((suite = zf_suite_parse(optarg)) < 0)
				zf_cli_usage(&cli, "--algo '%s' is not "
				    "sha256-ed25519 or sm3-sm2", optarg);
			break;
		case OPT_KEY:
			key = optarg;
			break;
		}
	}
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
