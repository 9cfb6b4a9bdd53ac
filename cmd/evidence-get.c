/*
 * evidence-get: write stored evidence to stdout or -O FILE, after the
 * read (who, when, why) is journaled and committed.  The bytes are
 * checked against their digest on the way out; exits 65 and removes
 * -O FILE when they do not match.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/archive.h"
#include "base/buf.h"
#include "common/cli.h"
#include "base/crypto.h"
#include "cases/evidence.h"
#include "record/object.h"
#include "base/i18n.h"

static const char usage[] = "EVIDENCE --reason TEXT [-O FILE]";

int
main(int argc, char **argv)
{
	const char *reason = NULL, *outfile = NULL;
	uint8_t digest[ZF_DIGEST_LEN];
	struct zf_archive *a;
	struct zf_cli cli;
	char *tmp = NULL;
	uint64_t size;
	int rc, in = -1, out = 1, direct = 0;
	struct stat sb;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("reason", 0, &reason),
		ZF_TEXT("output-file", 'O', &outfile),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("Read stored evidence, recording who read it and why."));
	zf_cli_options(&cli, argc, argv, opts);
	if (optind + 1 != argc)
		zf_cli_usage(&cli, "give one evidence id");
	if (reason == NULL)
		zf_cli_usage(&cli, "--reason is required: every read of "
		    "evidence is recorded with who, when and why");
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if (outfile != NULL && (rc = zf_archive_outside(a, outfile, 0)) != 0) {
		zf_cli_fail(zf_archive_err(a));
		goto out;
	}
	if ((rc = zf_evidence_open(a, argv[optind], reason, &in, digest,
	    &size)) != 0) {
		zf_cli_fail(zf_archive_err(a));
		goto out;
	}
	if (outfile != NULL && lstat(outfile, &sb) == 0 &&
	    !S_ISREG(sb.st_mode) && !S_ISLNK(sb.st_mode)) {
		/* A device or a pipe (/dev/null, /dev/stdout): written to,
		 * never replaced by a file. */
		if (S_ISDIR(sb.st_mode)) {
			rc = zf_cli_error(EX_CANTCREAT, "cannot write '%s': "
			    "a folder", outfile);
			goto out;
		}
		if ((out = open(outfile, O_WRONLY | O_CLOEXEC)) < 0) {
			rc = zf_cli_error(EX_CANTCREAT, "cannot open '%s': %s",
			    outfile, strerror(errno));
			goto out;
		}
		outfile = NULL;
		direct = 1;
	} else if (outfile != NULL) {
		tmp = xasprintf("%s.part", outfile);
		out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
		    O_CLOEXEC, 0640);
		if (out < 0) {
			rc = zf_cli_error(EX_CANTCREAT, "cannot create '%s': "
			    "%s", tmp, strerror(errno));
			goto out;
		}
	}
	if ((rc = zf_object_copy_out(a, in, out, digest, size,
	    argv[optind])) != 0)
		zf_cli_fail(zf_archive_err(a));
	if (rc == 0 && outfile != NULL && (fsync(out) != 0 ||
	    rename(tmp, outfile) != 0))
		rc = zf_cli_error(EX_IOERR, "cannot write '%s': %s", outfile,
		    strerror(errno));
out:
	if (direct && out >= 0)
		close(out);
	if (in >= 0)
		close(in);
	if (tmp != NULL && out >= 0) {
		close(out);
		if (rc != 0)
			unlink(tmp);
	}
	free(tmp);
	zf_cli_close(a);
	return zf_cli_exit(rc);
}
