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
#include "base/i18n.h"

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
	struct zf_evidence_input in;
	struct zf_evidence_file *files = NULL;
	struct zf_archive *a = NULL;
	struct zf_cli cli;
	const char *case_id, *stdin_name = NULL;
	char hex[ZF_DIGEST_HEX];
	int i, n, rc, stdin_seen = 0;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("kind", 0, &in.kind),
		ZF_TEXT("title", 0, &in.title),
		ZF_TEXT("stage", 0, &in.stage),
		ZF_TEXT("recorded-by", 0, &in.recorded_by),
		ZF_TEXT("recorded-at", 0, &in.recorded_at),
		ZF_TEXT("device", 0, &in.device),
		ZF_TEXT("location", 0, &in.location),
		ZF_TEXT("access", 0, &in.access),
		ZF_TEXT("secret-kind", 0, &in.secret_kind),
		ZF_TEXT("name", 0, &stdin_name),
		ZF_OPT_END
	};

	memset(&in, 0, sizeof(in));
	zf_cli_init(&cli, argv, usage,
	    N_("Store files as evidence of a case."));
	zf_cli_options(&cli, argc, argv, opts);
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
	for (i = 0; i < n; i++)
		zf_cli_recorded(files[i].id);
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
	zf_cli_close(a);
	return zf_cli_exit(rc);
}
