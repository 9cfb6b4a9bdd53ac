/*
 * review-submit: send a case to legal review with its materials and the
 * proposed decision, as the next round; prints whether the catalog makes
 * it major and why.  Exits 77 with the list of missing materials.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "common/cli.h"
#include "cases/evidence.h"
#include "base/json.h"
#include "cases/review.h"

static const char usage[] = "CASE [--statement FILE] [--draft FILE] "
    "[--fine YUAN] [--measure M]... [--note TEXT]";

int
main(int argc, char **argv)
{
	enum { OPT_STATEMENT = ZF_OPT_FIRST_OWN, OPT_DRAFT, OPT_FINE,
		OPT_MEASURE, OPT_NOTE };
	static const struct option longopts[] = {
		ZF_CLI_LONG,
		{ "statement", required_argument, NULL, OPT_STATEMENT },
		{ "draft", required_argument, NULL, OPT_DRAFT },
		{ "fine", required_argument, NULL, OPT_FINE },
		{ "measure", required_argument, NULL, OPT_MEASURE },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ NULL, 0, NULL, 0 }
	};
	struct zf_review_submission in;
	struct zf_json *reasons = NULL;
	struct zf_archive *a;
	struct zf_cli cli;
	const char *statement = NULL, *draft = NULL, *case_id;
	struct zf_stored sdoc, ddoc;
	char *sid = NULL, *did = NULL;
	int c, rc, round = 0;
	size_t i;

	memset(&in, 0, sizeof(in));
	zf_cli_init(&cli, argv, usage);
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT, longopts,
	    NULL)) != -1) {
		if (zf_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_STATEMENT:
			statement = optarg;
			break;
		case OPT_DRAFT:
			draft = optarg;
			break;
		case OPT_FINE:
			in.fine = optarg;
			break;
		case OPT_MEASURE:
			if (in.nmeasures == ZF_REVIEW_MAX_MEASURES)
				zf_cli_usage(&cli, "at most %d measures",
				    ZF_REVIEW_MAX_MEASURES);
			in.measures[in.nmeasures++] = optarg;
			break;
		case OPT_NOTE:
			in.note = optarg;
			break;
		}
	}
	if (argc - optind != 1)
		zf_cli_usage(&cli, "give one case");
	case_id = argv[optind];
	memset(&sdoc, 0, sizeof(sdoc));
	memset(&ddoc, 0, sizeof(ddoc));
	in.statement_given = statement != NULL;
	in.draft_given = draft != NULL;
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_review_submit_check(a, case_id, &in)) != 0)
		goto fail;
	if ((statement != NULL &&
	    (rc = zf_evidence_store_file(a, statement, &sdoc)) != 0) ||
	    (draft != NULL && (rc = zf_evidence_store_file(a, draft,
	    &ddoc)) != 0) || (rc = zf_archive_begin(a)) != 0)
		goto fail;
	if ((statement != NULL && (rc = zf_evidence_document(a, case_id,
	    &sdoc, "案件调查终结报告", "review-statement", &sid)) != 0) ||
	    (draft != NULL && (rc = zf_evidence_document(a, case_id, &ddoc,
	    "决定书代拟稿", "review-draft", &did)) != 0)) {
		zf_archive_abort(a);
		goto fail;
	}
	in.statement = sid;
	in.draft = did;
	if ((rc = zf_review_submit(a, case_id, &in, &round, &reasons)) != 0) {
		zf_archive_abort(a);
		goto fail;
	}
	if ((rc = zf_archive_commit(a)) != 0)
		goto fail;
	if (cli.quiet) {
		printf("%s\n", case_id);
	} else if (cli.format == ZF_FORMAT_JSON) {
		struct zf_json *o = zf_json_object();

		zf_json_set_str(o, "case", case_id);
		zf_json_set_int(o, "round", round);
		zf_json_set_bool(o, "major", zf_json_len(reasons) > 0);
		zf_json_set(o, "reasons", reasons);
		reasons = NULL;
		zf_cli_print_json(o);
		zf_json_free(o);
	} else {
		printf("%s  第%d轮法制审核已提交\n重大执法决定：%s\n", case_id,
		    round, zf_json_len(reasons) > 0 ? "是" : "否");
		for (i = 0; i < zf_json_len(reasons); i++)
			printf("  %s\n", zf_json_str(zf_json_at(reasons, i)));
	}
	goto out;
fail:
	zf_cli_fail(zf_archive_err(a));
out:
	zf_stored_release(&sdoc);
	zf_stored_release(&ddoc);
	zf_json_free(reasons);
	free(sid);
	free(did);
	zf_archive_close(a);
	return zf_cli_exit(rc);
}
