/*
 * review-decide: the legal reviewer's opinion on the pending round of a
 * case, point by point; stores the written opinion (法制审核意见书) and
 * prints its evidence id.  Exits 77 when the reviewer handles the case
 * or lacks the legal qualification.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "base/buf.h"
#include "base/io.h"
#include "common/cli.h"
#include "cases/review.h"
#include "base/i18n.h"

static const char usage[] = "CASE --approve|--return|--reject "
    "--opinion TEXT|--opinion-file FILE [--all-pass] "
    "[--point NAME=pass|fail[:NOTE]]... [--adviser NAME "
    "--adviser-opinion TEXT]";

#define OPINION_MAX 65536

/*
 * The opinion in the file at path, less its final line breaks; only its
 * first 64 KiB are read (more is too long anyway).  NULL with errno set,
 * EILSEQ when it holds a NUL byte.
 */
static char *
read_opinion(const char *path)
{
	struct zf_buf b;

	zf_buf_init(&b);
	if (zf_read_file(AT_FDCWD, path, OPINION_MAX, &b) != 0 &&
	    errno != EFBIG) {
		zf_buf_release(&b);
		return NULL;
	}
	if (b.len > OPINION_MAX) {
		b.len = OPINION_MAX;
		b.data[b.len] = '\0';
	}
	if (memchr(b.data, '\0', b.len) != NULL) {
		zf_buf_release(&b);
		errno = EILSEQ;
		return NULL;
	}
	while (b.len > 0 && (b.data[b.len - 1] == '\n' ||
	    b.data[b.len - 1] == '\r'))
		b.data[--b.len] = '\0';
	return zf_buf_detach(&b, NULL);
}

int
main(int argc, char **argv)
{
	enum { OPT_APPROVE = ZF_OPT_FIRST_OWN, OPT_RETURN, OPT_REJECT,
		OPT_OPINION_FILE, OPT_POINT };
	struct zf_review_decision d;
	struct zf_archive *a;
	struct zf_cli cli;
	char *opinion = NULL, *id = NULL;
	int c, rc;
	const struct zf_cli_opt opts[] = {
		ZF_OWN_FLAG("approve", OPT_APPROVE),
		ZF_OWN_FLAG("return", OPT_RETURN),
		ZF_OWN_FLAG("reject", OPT_REJECT),
		ZF_TEXT("opinion", 0, &d.opinion),
		ZF_OWN("opinion-file", OPT_OPINION_FILE),
		ZF_OWN("point", OPT_POINT),
		ZF_FLAG("all-pass", &d.all_pass),
		ZF_TEXT("adviser", 0, &d.adviser),
		ZF_TEXT("adviser-opinion", 0, &d.adviser_opinion),
		ZF_OPT_END
	};

	memset(&d, 0, sizeof(d));
	zf_cli_init(&cli, argv, usage,
	    N_("Record the legal reviewer's written opinion on a case."));
	while ((c = zf_cli_next(&cli, argc, argv, opts)) != -1) {
		switch (c) {
		case OPT_APPROVE:
		case OPT_RETURN:
		case OPT_REJECT:
			if (d.verdict != NULL)
				zf_cli_usage(&cli, "give one of --approve, "
				    "--return, --reject");
			d.verdict = c == OPT_APPROVE ? "approve" :
			    c == OPT_RETURN ? "return" : "reject";
			break;
		case OPT_OPINION_FILE:
			free(opinion);
			if ((opinion = read_opinion(optarg)) == NULL) {
				rc = errno == ENOENT ? EX_NOINPUT : errno ==
				    EILSEQ ? EX_DATAERR : EX_IOERR;
				zf_cli_error(rc, "cannot read '%s': %s", optarg,
				    errno == EILSEQ ? "it holds a NUL byte" :
				    strerror(errno));
				return zf_cli_exit(rc);
			}
			d.opinion = opinion;
			break;
		case OPT_POINT:
			if (zf_review_point_parse(optarg, &d) != 0)
				zf_cli_usage(&cli, "--point '%s' is not NAME="
				    "pass|fail[:NOTE] with NAME one of "
				    "subject, officers, procedure, facts, "
				    "evidence, law, discretion, authority, "
				    "documents, transfer (or their Chinese "
				    "names: 执法主体, 执法人员, 执法程序, "
				    "案件事实, 证据, 适用法律, 裁量基准, "
				    "法定权限, 执法文书, 移送)", optarg);
			break;
		}
	}
	if (argc - optind != 1)
		zf_cli_usage(&cli, "give one case");
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0) {
		free(opinion);
		return zf_cli_exit(rc);
	}
	if ((rc = zf_review_decide(a, argv[optind], &d, &id)) == 0) {
		zf_cli_recorded(id);
		printf("%s\n", id);
	}
	free(id);
	free(opinion);
	return zf_cli_done(a, rc);
}
