/*
 * case-audit: 案卷评查 — each case file given (or --all, streamed) scored
 * against the checklist of zhifa.yaml, with its findings: text for the
 * reviewer, -o json for the supervision office's scripts, -o tsv one
 * finding a line.  Exits 1 when a case has findings.  Read-only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "cases/audit.h"
#include "common/cli.h"
#include "record/archive.h"
#include "base/i18n.h"

static const char usage[] = "CASE...|--all [--quick]";

/* -o tsv: one line for each finding, and one for a clean case. */
static const struct zf_column tsv_columns[] = {
	ZF_FIELD("case"),
	ZF_FIELD("score"),
	ZF_FIELD("check"),
	ZF_FIELD("points"),
	ZF_FIELD("what"),
	ZF_FIELD("basis"),
	ZF_COLUMN_END
};

struct out {
	struct zf_cli *cli;
	struct zf_cli_stream s;
	int cases, flawed;
};

static void
print_text(const struct zf_json *r)
{
	const struct zf_json *list = zf_json_get(r, "findings");
	int64_t score = 0, points = 0;
	size_t i;

	zf_json_get_int(r, "score", &score);
	printf("%s  %s  评查得分 %lld", zf_json_get_str(r, "case"),
	    zf_json_get_str(r, "number"), (long long)score);
	if (zf_json_len(list) == 0)
		printf("  无问题 (no findings)");
	putchar('\n');
	for (i = 0; i < zf_json_len(list); i++) {
		const struct zf_json *f = zf_json_at(list, i);
		const char *basis = zf_json_get_str(f, "basis");

		zf_json_get_int(f, "points", &points);
		printf("  %-12s -%-3lld %s\n", zf_json_get_str(f, "check"),
		    (long long)points, zf_json_get_str(f, "what"));
		if (basis != NULL && *basis != '\0')
			printf("  %18s依据：%s\n", "", basis);
	}
}

static int
put(void *ctx, const struct zf_json *r)
{
	struct out *o = ctx;
	const struct zf_json *list = zf_json_get(r, "findings");
	size_t i;

	o->cases++;
	if (zf_json_len(list) > 0)
		o->flawed++;
	if (o->cli->quiet) {
		if (zf_json_len(list) > 0)
			printf("%s\n", zf_json_get_str(r, "case"));
	} else if (o->cli->format == ZF_FORMAT_JSON) {
		zf_cli_stream_row(&o->s, r);
	} else if (o->cli->format == ZF_FORMAT_TSV) {
		for (i = 0; i == 0 || i < zf_json_len(list); i++) {
			struct zf_json *row = zf_json_object();
			const struct zf_json *f = zf_json_at(list, i);
			int64_t v;

			zf_json_set_str(row, "case", zf_json_get_str(r,
			    "case"));
			zf_json_get_int(r, "score", &v);
			zf_json_set_int(row, "score", v);
			if (f != NULL) {
				zf_json_set_str(row, "check",
				    zf_json_get_str(f, "check"));
				zf_json_get_int(f, "points", &v);
				zf_json_set_int(row, "points", v);
				zf_json_set_str(row, "what",
				    zf_json_get_str(f, "what"));
				zf_json_set_str(row, "basis",
				    zf_json_get_str(f, "basis"));
			}
			zf_cli_stream_row(&o->s, row);
			zf_json_free(row);
		}
	} else {
		print_text(r);
	}
	return ferror(stdout) ? EX_IOERR : 0;
}

int
main(int argc, char **argv)
{
	int all = 0, quick = 0, rc = 0, worst = 0;
	struct zf_archive *a;
	struct zf_cli cli;
	struct out o;
	char **ids = NULL;
	size_t n = 0, i;
	const struct zf_cli_opt opts[] = {
		ZF_FLAG("all", &all),
		ZF_FLAG("quick", &quick),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("案卷评查: score case files against the checklist and list what "
	    "is missing or late."));
	zf_cli_options(&cli, argc, argv, opts);
	if (all && optind < argc)
		zf_cli_usage(&cli, "give cases or --all, not both");
	if (!all && optind == argc)
		zf_cli_usage(&cli, "which case? (give its id, or --all)");
	if ((rc = zf_cli_open(&cli, 0, &a)) != 0)
		return zf_cli_exit(rc);
	memset(&o, 0, sizeof(o));
	o.cli = &cli;
	zf_cli_stream_begin(&o.s, &cli, tsv_columns);
	if (all) {
		rc = zf_case_audit_all(a, quick ? ZF_AUDIT_QUICK : 0, put, &o);
	} else {
		ids = zf_cli_ids(argc - optind, argv + optind, &n);
		if (n == 0) {
			zf_cli_ids_free(ids);
			zf_cli_close(a);
			return zf_cli_exit(zf_cli_error(EX_USAGE, "no case ids "
			    "on standard input"));
		}
		for (i = 0; i < n; i++) {
			struct zf_json *r = NULL;

			if ((rc = zf_case_audit(a, ids[i], quick ?
			    ZF_AUDIT_QUICK : 0, &r)) == 0)
				rc = put(&o, r);
			zf_json_free(r);
			if (rc == EX_NOINPUT) {
				zf_cli_fail(zf_archive_err(a));
				worst = rc;
				rc = 0;
			} else if (rc != 0) {
				break;
			}
		}
		zf_cli_ids_free(ids);
	}
	if (!cli.quiet && cli.format != ZF_FORMAT_TEXT)
		zf_cli_stream_end(&o.s);
	if (rc == 0 && worst != 0) {
		/* Each missing case was said as it came. */
		zf_cli_close(a);
		return zf_cli_exit(worst);
	}
	if (rc == 0 && o.flawed > 0)
		rc = 1;
	if (rc == 1) {
		zf_cli_close(a);
		return zf_cli_exit(1);
	}
	return zf_cli_done(a, rc);
}
