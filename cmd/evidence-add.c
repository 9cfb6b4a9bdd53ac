/*
 * evidence-add: store files (any size, streamed) as evidence of a case
 * and print "EVIDENCE-ID<TAB>SHA256<TAB>FILE" for each after the commit
 * (in an SM3 archive a fourth column "sm3:HEX" gives its own address).
 * "-" reads stdin (--name names it).  All files or none are recorded.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/archive.h"
#include "common/cli.h"
#include "base/crypto.h"
#include "cases/evidence.h"
#include "record/object.h"

static const char usage[] = "CASE FILE... [--kind document|photo|audio|"
    "video|record|other] [--title T] [--stage S] [--recorded-by PERSON] "
    "[--recorded-at TIME] [--device ID] [--location TEXT] [--access "
    "public|restricted|secret] [--secret-kind state|commercial|privacy] "
    "[--name NAME]";

struct stored {
	uint8_t digest[ZF_DIGEST_LEN];
	uint8_t sha256[ZF_DIGEST_LEN];
	uint64_t size;
	char *id;
};

static void
progress(void *ctx, uint64_t done)
{
	fprintf(stderr, "\r%s: %s: %llu MiB", zf_progname, (const char *)ctx,
	    (unsigned long long)(done >> 20));
}

/* Opens every file before storing any, so a missing one changes nothing. */
static int
open_all(char **files, int n, int *fds)
{
	int i;

	for (i = 0; i < n; i++) {
		fds[i] = strcmp(files[i], "-") == 0 ? 0 :
		    open(files[i], O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0)
			return zf_cli_error(errno == ENOENT ? EX_NOINPUT :
			    EX_IOERR, "cannot read '%s': %s", files[i],
			    strerror(errno));
	}
	return 0;
}

static int
store(struct zf_archive *a, int fd, const char *file, struct stored *s)
{
	const char *label = strcmp(file, "-") == 0 ? "stdin" : file;
	int rc;

	rc = zf_object_put_fd(a, fd, label, s->digest, s->sha256, &s->size,
	    zf_cli_progress_wanted() ? progress : NULL, (void *)label);
	if (zf_cli_progress_wanted())
		fputc('\n', stderr);
	return rc != 0 ? zf_cli_fail(zf_archive_err(a)) : 0;
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
	struct zf_archive *a;
	struct stored *s = NULL;
	struct zf_cli cli;
	const char *case_id, *stdin_name = NULL;
	char hex[ZF_DIGEST_HEX];
	int c, i, n, rc, stdin_seen = 0, *fds = NULL;

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
	for (i = 0; i < n; i++)
		if (strcmp(argv[optind + i], "-") == 0 && stdin_seen++)
			zf_cli_usage(&cli, "stdin ('-') can be read only once");
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	/* Refuse before hashing gigabytes, and again inside the commit. */
	if ((rc = zf_evidence_check(a, case_id, &in)) != 0) {
		zf_cli_fail(zf_archive_err(a));
		goto out;
	}
	s = calloc((size_t)n, sizeof(*s));
	fds = malloc((size_t)n * sizeof(*fds));
	for (i = 0; i < n; i++)
		fds[i] = -1;
	if ((rc = open_all(argv + optind, n, fds)) != 0)
		goto out;
	for (i = 0; i < n; i++)
		if ((rc = store(a, fds[i], argv[optind + i], &s[i])) != 0)
			goto out;
	if ((rc = zf_archive_begin(a)) != 0) {
		zf_cli_fail(zf_archive_err(a));
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct zf_evidence_input one = in;
		const char *file = argv[optind + i];
		const char *base = strrchr(file, '/');

		one.name = strcmp(file, "-") == 0 ? stdin_name :
		    base ? base + 1 : file;
		if ((rc = zf_evidence_record(a, case_id, &one, s[i].digest,
		    s[i].sha256, s[i].size, &s[i].id)) != 0) {
			zf_cli_fail(zf_archive_err(a));
			zf_archive_abort(a);
			goto out;
		}
	}
	if ((rc = zf_archive_commit(a)) != 0) {
		zf_cli_fail(zf_archive_err(a));
		goto out;
	}
	for (i = 0; i < n && cli.quiet; i++)
		printf("%s\n", s[i].id);
	for (i = 0; i < n && !cli.quiet; i++) {
		zf_hex(s[i].sha256, ZF_DIGEST_LEN, hex);
		printf("%s\t%s\t%s", s[i].id, hex, argv[optind + i]);
		/* An SM3 archive's own address follows, as "sm3:HEX". */
		if (zf_archive_suite(a) != ZF_SUITE_SHA256_ED25519) {
			zf_hex(s[i].digest, ZF_DIGEST_LEN, hex);
			printf("\t%s:%s", zf_suite_digest_name(zf_archive_suite(a)), hex);
		}
		printf("\n");
	}
out:
	for (i = 0; s != NULL && i < n; i++)
		free(s[i].id);
	for (i = 0; fds != NULL && i < n; i++)
		if (fds[i] > 0)
			close(fds[i]);
	free(fds);
	free(s);
	zf_archive_close(a);
	return zf_cli_exit(rc);
}
