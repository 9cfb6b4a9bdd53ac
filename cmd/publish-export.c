/*
 * publish-export: journal every publication that is due or pending
 * (decisions, corrections, withdrawals, expiries) and write one bundle
 * holding the whole current public site, the records and the signed
 * publication log (export.h, zhifa-bundle(5)).  --dry-run lists what
 * would be journaled and writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/json.h"
#include "common/cli.h"
#include "publication/export.h"
#include "publication/publish.h"
#include "record/archive.h"
#include "rules/redact.h"
#include "base/i18n.h"

static const char usage[] = "--out PATH [--format dir|tar.gz|zip] "
    "[--as-of DATE] [--audience public|sharing] [--dry-run] [CASE...|-]";

/*
 * A dry run in text: the list, then each record that would go out, item
 * by item, as the public would read it, for the approver.
 */
static int
print_records(struct zf_cli *cli, const struct zf_json *list,
    const struct zf_column *cols)
{
	size_t i, k;
	int rc;

	if ((rc = zf_cli_print_list(cli, list, cols)) != 0 || cli->quiet)
		return rc;
	for (i = 0; i < zf_json_len(list); i++) {
		const struct zf_json *row = zf_json_at(list, i);
		const struct zf_json *rec = zf_json_get(row, "record");

		if (rec == NULL)
			continue;
		printf("\n%s %s %s（%s）\n", zf_json_get_str(row, "case"),
		    zf_json_get_str(row, "type"), zf_json_get_str(row,
		    "number"), zf_json_get_str(row, "approval"));
		for (k = 0; k < zf_json_len(rec); k++) {
			const char *key = zf_json_key_at(rec, k);

			printf("  %-14s %s\n", key, zf_json_str(zf_json_get(rec,
			    key)));
		}
		if (zf_json_get_str(row, "reason") != NULL)
			printf("  %-14s %s\n", "reason",
			    zf_json_get_str(row, "reason"));
		printf("  %-14s %s\n", "digest", zf_json_get_str(row,
		    "digest"));
	}
	return 0;
}

/* A dry run's list: what would be journaled. */
static int
print_due(struct zf_cli *cli, const struct zf_export_result *r)
{
	static const struct zf_column cols[] = {
		{ "CASE", "case", 0 }, { "ENTRY", "type", 0 },
		{ "OF", "of", 0 }, ZF_COLUMN_END
	};
	struct zf_json *list, *row;
	size_t i;
	int rc;

	/* A sharing export journals nothing: nothing to list. */
	if (r->audience == ZF_AUDIENCE_SHARING) {
		if (cli->format == ZF_FORMAT_JSON)
			printf("[]\n");
		return 0;
	}
	list = zf_json_array();
	for (i = 0; i < r->ndue; i++) {
		row = zf_json_object();
		zf_json_set_str(row, "case", r->due[i].case_id);
		zf_json_set_str(row, "type", zf_pub_type_name(r->due[i].type));
		if (r->due[i].of >= 0)
			zf_json_set_int(row, "of", r->due[i].of);
		if (r->records != NULL && r->records[i] != NULL) {
			const struct zf_json *rec = r->records[i];

			zf_json_set_str(row, "number", zf_json_get_str(rec,
			    "number"));
			zf_json_set_str(row, "approval", zf_json_get_str(rec,
			    "approval"));
			zf_json_set(row, "record", zf_json_copy(zf_json_get(
			    rec, "record")));
			zf_json_set_str(row, "digest", zf_json_get_str(rec,
			    "digest"));
			if (zf_json_get_str(rec, "reason") != NULL)
				zf_json_set_str(row, "reason",
				    zf_json_get_str(rec, "reason"));
		}
		zf_json_push(list, row);
	}
	if (cli->format == ZF_FORMAT_JSON)
		rc = zf_cli_print_list(cli, list, cols);
	else
		rc = print_records(cli, list, cols);
	zf_json_free(list);
	return rc;
}

static void
print_export(struct zf_cli *cli, const char *out,
    const struct zf_export_result *r)
{
	struct zf_json *j, *counts;
	int t;

	zf_cli_recorded(out);
	if (cli->quiet) {
		printf("%s\n", out);
		return;
	}
	if (cli->format != ZF_FORMAT_JSON) {
		if (r->finished != 0)
			printf("finished the export of event %lld (killed "
			    "before its bundle was in place)\n",
			    (long long)r->finished);
		printf("published %zu, corrected %zu, withdrawn %zu, "
		    "expired %zu\n", r->counts[ZF_PUB_PUBLISH],
		    r->counts[ZF_PUB_CORRECT], r->counts[ZF_PUB_WITHDRAW],
		    r->counts[ZF_PUB_EXPIRE]);
		printf("on the site: %zu\nlog: %llu entries, root %s\n"
		    "bundle: %s\n", r->current, (unsigned long long)r->log_size,
		    r->root, out);
		return;
	}
	j = zf_json_object();
	counts = zf_json_object();
	zf_json_set_str(j, "bundle", out);
	zf_json_set_str(j, "audience", r->audience_name);
	for (t = 0; t <= ZF_PUB_EXPIRE; t++)
		zf_json_set_int(counts, zf_pub_type_name(t),
		    (int64_t)r->counts[t]);
	zf_json_set(j, "entries", counts);
	zf_json_set_int(j, "current", (int64_t)r->current);
	zf_json_set_int(j, "log_size", (int64_t)r->log_size);
	zf_json_set_str(j, "root", r->root);
	if (r->finished != 0)
		zf_json_set_int(j, "finished", r->finished);
	zf_cli_print_json(j);
	zf_json_free(j);
}

/* What puts right a record held back for the item named. */
static const char *
advice(const char *item, const char *id)
{
	static char text[256];
	static const struct {
		const char *suffix, *field;
	} fixes[] = {
		{ "_XDR_MC", "party" }, { "_FRDB", "party-rep" },
		{ "_XDR_ZJHM", "party-id" }, { "_SY", "cause" },
		{ "_WFXW", "cause" }, { "_YJ", "basis" }, { "_WSH", "number" },
	};
	size_t i, n = strlen(item), k;

	for (i = 0; i < sizeof(fixes) / sizeof(fixes[0]); i++) {
		k = strlen(fixes[i].suffix);
		if (n >= k && strcmp(item + n - k, fixes[i].suffix) == 0) {
			snprintf(text, sizeof(text), _("Correct it "
			    "(decision-correct %s --field %s) or mask the "
			    "field in zhifa.yaml's redaction"), id,
			    fixes[i].field);
			return text;
		}
	}
	snprintf(text, sizeof(text), _("No correction reaches %s: revoke "
	    "the decision and issue it again (decision-revoke %s, "
	    "decision-issue)"), item, id);
	return text;
}

/*
 * The records held back, on stderr, for the person cron mails: exit 1
 * when there are any, the rest having gone out.
 */
static int
report_held(const struct zf_export_result *r)
{
	size_t i;

	for (i = 0; i < r->nheld; i++) {
		char *line = xstrdup(r->held[i]), *p = line;
		char *id = strsep(&p, "\t"), *item = strsep(&p, "\t");

		if (strcmp(item, "approval") == 0)
			fprintf(stderr, _("%s: held back: %s: its record is %s "
			    "for release; the rest was published.  An approver "
			    "(publication.approvers) checks it with "
			    "publish-export --dry-run and runs publish-approve "
			    "%s, then export again\n"), zf_progname, id,
			    p != NULL ? p : "", id);
		else if (p != NULL && strcmp(p, "no legal representative") ==
		    0)
			fprintf(stderr, _("%s: held back: %s: an "
			    "organisation's penalty names its legal "
			    "representative (CF_FRDB, 双公示); the rest was "
			    "published.  Give it (decision-correct %s --field "
			    "party-rep), then export again\n"), zf_progname,
			    id, id);
		else
			fprintf(stderr, _("%s: held back: %s: %s would "
			    "publish a %s number; the rest was published.  "
			    "%s, then export again\n"), zf_progname, id, item,
			    p != NULL ? p : "", advice(item, id));
		free(line);
	}
	return r->nheld > 0 ? 1 : 0;
}

int
main(int argc, char **argv)
{
	enum { OPT_OUT = ZF_OPT_FIRST_OWN, OPT_FORMAT, OPT_AS_OF, OPT_DRY_RUN,
	    OPT_AUDIENCE };
	static const struct option longopts[] = {
		ZF_CLI_LONG,
		{ "out", required_argument, NULL, OPT_OUT },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "audience", required_argument, NULL, OPT_AUDIENCE },
		{ NULL, 0, NULL, 0 }
	};
	struct zf_export_request q;
	struct zf_export_result r;
	struct zf_archive *a;
	struct zf_cli cli;
	struct zf_err e;
	char **ids = NULL;
	size_t nids = 0;
	int c, rc;

	memset(&q, 0, sizeof(q));
	memset(&r, 0, sizeof(r));
	zf_cli_init(&cli, argv, usage,
	    N_("Publish the decisions that are due, and write the public site "
	    "as a signed bundle."));
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT, longopts,
	    NULL)) != -1) {
		if (zf_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_OUT:
			q.out = optarg;
			break;
		case OPT_FORMAT:
			q.format = optarg;
			break;
		case OPT_AS_OF:
			q.as_of = optarg;
			break;
		case OPT_DRY_RUN:
			q.dry_run = 1;
			break;
		case OPT_AUDIENCE:
			q.audience = optarg;
			break;
		}
	}
	/* The cases are read after the options are found sound. */
	q.ncases = (size_t)(argc - optind);
	if (zf_export_check(&q, &e) != 0)
		zf_cli_usage(&cli, "%s", e.msg);
	if (optind < argc) {
		ids = zf_cli_ids(argc - optind, argv + optind, &nids);
		if (nids == 0) {
			zf_cli_ids_free(ids);
			return zf_cli_exit(zf_cli_error(64, "no case ids on "
			    "standard input"));
		}
	}
	q.cases = ids;
	q.ncases = nids;
	if ((rc = zf_cli_open(&cli, q.dry_run ? 0 : ZF_OPEN_WRITE, &a)) != 0) {
		zf_cli_ids_free(ids);
		return zf_cli_exit(rc);
	}
	if ((rc = zf_export(a, &q, &r)) != 0)
		zf_cli_fail(zf_archive_err(a));
	else if (q.dry_run)
		rc = print_due(&cli, &r);
	else {
		print_export(&cli, q.out, &r);
		zf_cli_warn_calendar(a);
		rc = report_held(&r);
	}
	zf_export_result_release(&r);
	zf_cli_close(a);
	zf_cli_ids_free(ids);
	return zf_cli_exit(rc);
}
