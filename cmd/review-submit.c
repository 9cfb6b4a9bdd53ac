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
#include "base/json.h"
#include "cases/review.h"
#include "base/i18n.h"

static const char usage[] = "CASE [--statement FILE] [--draft FILE] "
    ZF_FINE_MEASURES_USAGE " [--confiscated YUAN] [--note TEXT]";

int
main(int argc, char **argv)
{
	struct zf_review_submission in;
	struct zf_json *reasons = NULL;
	struct zf_archive *a;
	struct zf_cli cli;
	const char *case_id;
	int rc, round = 0;
	size_t i;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("statement", 0, &in.statement_file),
		ZF_TEXT("draft", 0, &in.draft_file),
		ZF_FINE_MEASURES(in, ZF_REVIEW_MAX_MEASURES),
		ZF_TEXT("note", 0, &in.note),
		ZF_TEXT("confiscated", 0, &in.confiscated),
		ZF_OPT_END
	};

	memset(&in, 0, sizeof(in));
	zf_cli_init(&cli, argv, usage,
	    N_("Send a case to legal review with its proposed decision."));
	case_id = zf_cli_one_case(&cli, argc, argv, opts);
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_review_submit(a, case_id, &in, &round, &reasons)) != 0)
		return zf_cli_done(a, rc);
	zf_cli_recorded(case_id);
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
	zf_json_free(reasons);
	return zf_cli_done(a, 0);
}
