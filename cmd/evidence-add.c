/*
 * evidence-add: store files (any size, streamed) as evidence of a case
 * and print "EVIDENCE-ID<TAB>SHA256<TAB>FILE" for each after the commit
 * (in an SM3 archive a fourth column "sm3:HEX" gives its own address).
 * "-" reads stdin (--name names it).  All files or none are recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "cases/evidence.h"
#include "common/cli.h"
#include "record/archive.h"

static const char usage[] = "CASE FILE... [--kind document|photo|audio|"
    "video|record|other] [--title T] [--stage S] [--recorded-by PERSON] "
    "[--recorded-at TIME] [--device ID] [--location TEXT] [--access "
    "public|restricted|secret] [--secret-kind state|commercial|privacy] "
    "[--name NAME]";

static void
progress(void *ctx, const char *file, uint64_t done, int ended)
{
	(void)ctx;
	if (ended)
		fputc('\n', stderr);
	else
		fprintf(stderr, "\r%s: %s: %llu MiB", zf_progname, file,
		    (unsigned long long)(done >> 20));
}

int
main(int argc, char **argv)
{
	enum { OPT_KIND = ZF_OPT_FIRST_OWN, OPT_TITLE, OPT_STAGE, OPT_BY,
	    OPT_AT, OPT_DEVICE, OPT_LOCATION, OPT_ACCESS, OPT_SECRET,
	    OPT_NAME };
	static const struct option longopts[] = {
		ZF_CLI_LONG,
		{ "kind", required_argument, NULL, OPT_KIND },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "stage", required_argument, NULL, OPT_STAGE },
		{ "recorded-by", required_argument, NULL, OPT_BY },
		{ "recorded-at", required_argument, NULL, OPT_AT },
		{ "device", required_argument, NULL, OPT_DEVICE },
		{ "location", required_argument, NULL, OPT_LOCATION },
		{ "access", required_argument, NULL, OPT_ACCESS },
		{ "secret-kind", required_argument, NULL, OPT_SECRET },
		{ "name", required_argument, NULL, OPT_NAME },
		{ NULL, 0, NULL, 0 }
	};
	struct zf_evidence_input in;
	struct zf_evidence_file *files = NULL;
	struct zf_archive *a = NULL;
	struct zf_cli cli;
	const char *case_id, *stdin_name = NULL;
	char hex[ZF_DIGEST_HEX];
	int c, i, n, rc, stdin_seen = 0;

	memset(&in, 0, sizeof(in));
	zf_cli_init(&cli, argv, usage);
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT, longopts,
	    NULL)) != -1) {
		if (zf_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_KIND: in.kind = optarg; break;
		case OPT_TITLE: in.title = optarg; break;
		case OPT_STAGE: in.stage = optarg; break;
		case OPT_BY: in.recorded_by = optarg; break;
		case OPT_AT: in.recorded_at = optarg; break;
		case OPT_DEVICE: in.device = optarg; break;
		case OPT_LOCATION: in.location = optarg; break;
		case OPT_ACCESS: in.access = optarg; break;
		case OPT_SECRET: in.secret_kind = optarg; break;
		case OPT_NAME: stdin_name = optarg; break;
		}
	}
	if (argc - optind < 2)
		zf_cli_usage(&cli, "give a case and at least one file");
	case_id = argv[optind++];
	n = argc - optind;
	files = xcalloc((size_t)n, sizeof(*files));
	for (i = 0; i < n; i++) {
		files[i].path = argv[optind + i];
		if (strcmp(files[i].path, "-") != 0)
			continue;
		if (stdin_seen++)
			zf_cli_usage(&cli, "stdin ('-') can be read only once");
		files[i].name = stdin_name;
	}
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		goto out;
	if ((rc = zf_evidence_add(a, case_id, &in, files, (size_t)n,
	    zf_cli_progress_wanted() ? progress : NULL, NULL)) != 0) {
		zf_cli_fail(zf_archive_err(a));
		goto out;
	}
	for (i = 0; i < n && cli.quiet; i++)
		printf("%s\n", files[i].id);
	for (i = 0; i < n && !cli.quiet; i++) {
		const struct zf_stored *s = &files[i].stored;

		zf_hex(s->sha256, ZF_DIGEST_LEN, hex);
		printf("%s\t%s\t%s", files[i].id, hex, files[i].path);
		/* An SM3 archive's own address follows, as "sm3:HEX". */
		if (zf_archive_suite(a) != ZF_SUITE_SHA256_ED25519) {
			zf_hex(s->digest, ZF_DIGEST_LEN, hex);
			printf("\t%s:%s", zf_suite_digest_name(
			    zf_archive_suite(a)), hex);
		}
		printf("\n");
	}
out:
	zf_evidence_files_release(files, (size_t)n);
	free(files);
	zf_archive_close(a);
	return zf_cli_exit(rc);
}
