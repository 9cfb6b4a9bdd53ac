/*
 * case-list: one line per case matching the filters, oldest first;
 * -q prints only the ids, for pipes.  --ledger writes the enforcement
 * ledger (执法台账) of those cases instead, as CSV to stdout or -O FILE,
 * or as an .xlsx workbook to -O FILE; 64 for an -O inside the archive
 * or a workbook without one.
 * --disposal-due: the closed case files (and evidence kept a period of
 * its own) whose retention period has passed today.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "record/archive.h"
#include "cases/case.h"
#include "cases/ledger.h"
#include "cases/retention.h"
#include "common/cli.h"
#include "base/buf.h"
#include "base/io.h"
#include "base/json.h"
#include "base/text.h"
#include "documents/ledger-xlsx.h"
#include "publication/import.h"
#include "rules/procedure.h"
#include "base/i18n.h"

static const char usage[] = "[--kind K] [--stage S] [--officer P] [--major] "
    "[--overdue] [--awaiting-review] [--filed-since DATE] "
    "[--ledger [--format csv|xlsx] [-O FILE]] | --imported | --disposal-due";

/* The cases other agencies' bundles brought (bundle-import). */
static const struct zf_column imported_columns[] = {
	{ "ID", "id", 0 },
	{ "来自", "agency", 0 },
	{ "案号", "number", 0 },
	{ "类别", "kind", 0 },
	{ "事件", "events", 0 },
	ZF_COLUMN_END
};

/* The files kept their full period (保管期限届满). */
static const struct zf_column due_columns[] = {
	{ "ID", "case", 0 },
	{ "案号", "number", 0 },
	{ "档案", "what", 0 },
	{ "结案日期", "closed", 0 },
	{ "保管期限", "period", 0 },
	{ "期满日期", "passed", 0 },
	{ "依据", "basis", 40 },
	ZF_COLUMN_END
};

static const struct zf_column columns[] = {
	{ "ID", "id", 0 },
	{ "案号", "number", 0 },
	{ "类别", "kind_name", 0 },
	{ "阶段", "stage_name", 0 },
	{ "立案日期", "filed", 0 },
	{ "下一期限", "next_due", 0 },
	{ "当事人", "party.name", 24 },
	{ "案由", "cause", 30 },
	ZF_COLUMN_END
};

/* The ledger of the cases f selects, in format to out (NULL: stdout). */
static int
write_ledger(struct zf_cli *cli, struct zf_archive *a,
    const struct zf_case_filter *f, const char *format, const char *out)
{
	struct zf_json *rows;
	struct zf_buf b;
	int rc;

	if (out != NULL && (rc = zf_archive_outside(a, out, 0)) != 0)
		return rc;
	if ((rc = zf_case_ledger(a, f, &rows)) != 0)
		return rc;
	if (cli->format == ZF_FORMAT_JSON)
		zf_cli_print_json(rows);
	else if (strcmp(format, "xlsx") == 0)
		rc = zf_ledger_xlsx(rows, out, zf_archive_err(a));
	else {
		zf_buf_init(&b);
		zf_ledger_csv(rows, &b);
		if (out == NULL)
			fwrite(b.data, 1, b.len, stdout);
		else if (zf_file_write_whole(out, b.data, b.len) != 0)
			rc = zf_fail(zf_archive_err(a), EX_CANTCREAT,
			    "cannot write '%s': %s", out, strerror(errno));
		zf_buf_release(&b);
	}
	zf_json_free(rows);
	return rc;
}

/* --format, or the -O file's suffix: csv or xlsx. */
static const char *
ledger_format(struct zf_cli *cli, const char *format, const char *out)
{
	if (format == NULL)
		format = out != NULL && zf_text_ends_with(out, ".xlsx", 0) ?
		    "xlsx" : "csv";
	if (strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0)
		zf_cli_usage(cli, "--format '%s' is not csv or xlsx", format);
	if (strcmp(format, "xlsx") == 0 && out == NULL &&
	    cli->format != ZF_FORMAT_JSON)
		zf_cli_usage(cli, "--format xlsx needs -O FILE: a workbook "
		    "is not written to standard output");
	if (cli->quiet || cli->format == ZF_FORMAT_TSV)
		zf_cli_usage(cli, "--ledger writes csv, xlsx or its rows "
		    "(-o json), not tsv nor -q");
	return format;
}

int
main(int argc, char **argv)
{
	enum { OPT_STAGE = ZF_OPT_FIRST_OWN };
	struct zf_case_filter f;
	struct zf_archive *a;
	struct zf_json *list;
	struct zf_cli cli;
	int32_t day;
	const char *format = NULL, *out = NULL;
	int rc, imported = 0, ledger = 0, due = 0;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("kind", 0, &f.kind),
		ZF_OWN("stage", OPT_STAGE),
		ZF_TEXT("officer", 0, &f.officer),
		ZF_FLAG("major", &f.major),
		ZF_DATE("filed-since", &f.filed_since, &day),
		ZF_FLAG("overdue", &f.overdue),
		ZF_FLAG("awaiting-review", &f.awaiting_review),
		ZF_FLAG("imported", &imported),
		ZF_FLAG("ledger", &ledger),
		ZF_TEXT("format", 0, &format),
		ZF_TEXT("out", 'O', &out),
		ZF_FLAG("disposal-due", &due),
		ZF_OPT_END
	};

	memset(&f, 0, sizeof(f));
	zf_cli_init(&cli, argv, usage,
	    N_("List the cases of an archive."));
	while (zf_cli_next(&cli, argc, argv, opts) == OPT_STAGE) {
		if (zf_stage_find(optarg) == NULL)
			zf_cli_usage(&cli, "'%s' is not a stage (filed, "
			    "investigating, notified, hearing, heard, "
			    "discussed, decided, served, executed, suspended, "
			    "closed, archived, transferred, revoked)", optarg);
		f.stage = optarg;
	}
	zf_cli_no_operands(&cli, argc, argv);
	if (!ledger && (format != NULL || out != NULL))
		zf_cli_usage(&cli, "--format and -O go with --ledger");
	if (ledger && imported)
		zf_cli_usage(&cli, "--ledger is of this agency's cases, not "
		    "with --imported");
	if (due && (ledger || imported))
		zf_cli_usage(&cli, "--disposal-due goes alone");
	if (ledger)
		format = ledger_format(&cli, format, out);
	if ((rc = zf_cli_open(&cli, 0, &a)) != 0)
		return zf_cli_exit(rc);
	if (ledger)
		rc = write_ledger(&cli, a, &f, format, out);
	else if (due) {
		if ((rc = zf_retention_due(a, zf_archive_today(a),
		    &list)) == 0) {
			zf_cli_print_list(&cli, list, due_columns);
			zf_json_free(list);
		}
	} else if (imported) {
		if ((rc = zf_import_list(a, &list)) == 0) {
			zf_cli_print_list(&cli, list, imported_columns);
			zf_json_free(list);
		}
	} else if ((rc = zf_case_list(a, &f, &list)) == 0) {
		zf_cli_print_list(&cli, list, columns);
		zf_json_free(list);
	}
	return zf_cli_done(a, rc);
}
