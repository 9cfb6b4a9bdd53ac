/*
 * archive-init: create an archive with its configuration, agency key and
 * the head's personal key (everyone's in a drill).  Without --config it
 * makes the sample agency, a drill; --drill makes a drill of any file.
 * Prints the archive's directory, and the keys' places on stderr; exits
 * 73 when DIR exists and is not empty, 78 when --config is not valid,
 * 64 when ZHIFA_NOW is set for a real archive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "common/cli.h"
#include "base/crypto.h"
#include "base/i18n.h"

static const char usage[] = "[--config FILE] [--drill] "
    "[--algo sha256-ed25519|sm3-sm2] [--key FILE] DIR";

int
main(int argc, char **argv)
{
	enum { OPT_ALGO = ZF_OPT_FIRST_OWN };
	const char *config = NULL, *key = NULL;
	struct zf_cli cli;
	struct zf_err e;
	char *key_used = NULL;
	int suite = ZF_SUITE_SHA256_ED25519, drill = 0;
	size_t n;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("config", 0, &config),
		ZF_FLAG("drill", &drill),
		ZF_OWN("algo", OPT_ALGO),
		ZF_TEXT("key", 0, &key),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("Create a zhifa archive, its configuration, the agency key and "
	    "the first personal keys."));
	while (zf_cli_next(&cli, argc, argv, opts) == OPT_ALGO)
		if ((suite = zf_suite_parse(optarg)) < 0)
			zf_cli_usage(&cli, "--algo '%s' is not sha256-ed25519 "
			    "or sm3-sm2", optarg);
	if (optind + 1 != argc)
		zf_cli_usage(&cli, optind == argc ? "which folder?" :
		    "one folder only");
	if (config == NULL)
		drill = 1;
	if (zf_archive_create(argv[optind], config, suite, key, drill,
	    &key_used, &e) != 0)
		return zf_cli_exit(zf_cli_fail(&e));
	printf("%s\n", argv[optind]);
	fprintf(stderr, _("%s: created %s '%s' (%s)\n"
	    "%s: agency private key: %s (mode 0600; keep it safe and out "
	    "of the archive)\n"), zf_progname, drill ? "the drill archive" :
	    "archive", argv[optind], zf_suite_name(suite), zf_progname,
	    key_used);
	/* The personal keys lie beside the agency key by default: in the
	 * folder named after the archive's id. */
	if (key == NULL && (getenv("ZHIFA_KEY") == NULL ||
	    getenv("ZHIFA_KEY")[0] == '\0') && (n = strlen(key_used)) > 4)
		fprintf(stderr, _("%s: personal keys (%s): %.*s/PERSON.pem\n"),
		    zf_progname, drill ? "everyone's" : "the head's",
		    (int)(n - 4), key_used);
	else
		fprintf(stderr, _("%s: personal keys (%s): "
		    "~/.config/zhifa/keys/ARCHIVE-ID/PERSON.pem\n"),
		    zf_progname, drill ? "everyone's" : "the head's");
	free(key_used);
	return zf_cli_exit(0);
}
