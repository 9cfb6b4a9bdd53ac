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

#include "record/archive.h"
#include "publication/bundle.h"
#include "cases/case.h"
#include "common/cli.h"
#include "publication/export.h"
#include "base/json.h"
#include "publication/publish.h"
#include "rules/redact.h"
#include "base/when.h"

static const char usage[] = "--out PATH [--format dir|tar.gz|zip] "
    "[--as-of DATE] [--audience public|sharing] [--dry-run] [CASE...|-]";

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n > m && strcmp(s + n - m, tail) == 0;
}

static int
dry_run(struct zf_cli *cli, struct zf_archive *a,
    const struct zf_export_opts *o)
{
	struct zf_pub_due *due;
	struct zf_json *list, *row;
	size_t n, i;
	int rc;

	if ((rc = zf_publish_due(a, o->as_of, o->cases, o->ncases, &due,
	    &n)) != 0)
		return zf_cli_fail(zf_archive_err(a));
	list = zf_json_array();
	for (i = 0; i < n; i++) {
		row = zf_json_object();
		zf_json_set_str(row, "case", due[i].case_id);
		zf_json_set_str(row, "type", zf_pub_type_name(due[i].type));
		if (due[i].of >= 0)
			zf_json_set_int(row, "of", due[i].of);
		zf_json_push(list, row);
	}
	free(due);
	{
		static const struct zf_column cols[] = {
			{ "CASE", "case", 0 }, { "ENTRY", "type", 0 },
			{ "OF", "of", 0 }, { NULL, NULL, 0 }
		};

		rc = zf_cli_print_list(cli, list, cols);
	}
	zf_json_free(list);
	return rc;
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
	struct zf_export_opts o;
	struct zf_export_result r;
	struct zf_archive *a;
	struct zf_cli cli;
	const char *format = NULL, *as_of = NULL, *audience = "public";
	char **ids = NULL;
	size_t nids = 0, i;
	int c, rc, dry = 0;

	memset(&o, 0, sizeof(o));
	zf_cli_init(&cli, argv, usage);
	while ((c = getopt_long(argc, argv, ZF_CLI_SHORT, longopts,
	    NULL)) != -1) {
		if (zf_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_OUT:
			o.out = optarg;
			break;
		case OPT_FORMAT:
			format = optarg;
			break;
		case OPT_AS_OF:
			as_of = optarg;
			break;
		case OPT_DRY_RUN:
			dry = 1;
			break;
		case OPT_AUDIENCE:
			audience = optarg;
			break;
		}
	}
	if (o.out == NULL && !dry)
		zf_cli_usage(&cli, "where to? give --out PATH");
	if (o.out != NULL && o.out[0] == '\0')
		zf_cli_usage(&cli, "--out must name a path");
	if (format != NULL) {
		if ((o.format = zf_bundle_format_parse(format)) < 0)
			zf_cli_usage(&cli, "format '%s' is not dir, tar.gz or "
			    "zip", format);
	} else if (o.out != NULL && (ends_with(o.out, ".tar.gz") ||
	    ends_with(o.out, ".tgz")))
		o.format = ZF_BUNDLE_TAR_GZ;
	else if (o.out != NULL && ends_with(o.out, ".zip"))
		o.format = ZF_BUNDLE_ZIP;
	else
		o.format = ZF_BUNDLE_DIR;
	if (strcmp(audience, "public") == 0)
		o.audience = ZF_AUDIENCE_PUBLIC;
	else if (strcmp(audience, "sharing") == 0)
		o.audience = ZF_AUDIENCE_SHARING;
	else
		zf_cli_usage(&cli, "audience '%s' is not public or sharing",
		    audience);
	if (o.audience == ZF_AUDIENCE_SHARING && optind < argc)
		zf_cli_usage(&cli, "a sharing export holds every current "
		    "record; give no cases");
	if (optind < argc) {
		ids = zf_cli_ids(argc - optind, argv + optind, &nids);
		o.cases = ids;
		o.ncases = nids;
		if (nids == 0) {
			zf_cli_ids_free(ids);
			return zf_cli_exit(zf_cli_error(64, "no case ids on "
			    "standard input"));
		}
	}
	if ((rc = zf_cli_open(&cli, dry ? 0 : ZF_OPEN_WRITE, &a)) != 0) {
		zf_cli_ids_free(ids);
		return zf_cli_exit(rc);
	}
	o.as_of = zf_archive_today(a);
	if (as_of != NULL) {
		int32_t day;

		if (zf_date_parse(as_of, &day) != 0) {
			rc = zf_cli_error(64, "--as-of '%s' is not a date "
			    "(YYYY-MM-DD)", as_of);
			goto out;
		}
		if (day > o.as_of) {
			rc = zf_cli_error(65, "--as-of %s is in the future; "
			    "publication is judged on today or an earlier day",
			    as_of);
			goto out;
		}
		o.as_of = day;
	}
	if ((rc = zf_publish_may(a)) != 0) {
		zf_cli_fail(zf_archive_err(a));
		goto out;
	}
	for (i = 0; i < nids; i++)
		if (zf_case_exists(a, ids[i]) != 1) {
			rc = zf_cli_error(66, "no case '%s'", ids[i]);
			goto out;
		}
	if (dry) {
		/* A sharing export journals nothing: nothing to list. */
		if (o.audience == ZF_AUDIENCE_SHARING) {
			if (cli.format == ZF_FORMAT_JSON)
				printf("[]\n");
			rc = 0;
		} else
			rc = dry_run(&cli, a, &o);
		goto out;
	}
	if ((rc = zf_export(a, &o, &r)) != 0) {
		zf_cli_fail(zf_archive_err(a));
		goto out;
	}
	if (cli.quiet)
		printf("%s\n", o.out);
	else if (cli.format == ZF_FORMAT_JSON) {
		struct zf_json *j = zf_json_object(), *counts = zf_json_object();
		int t;

		zf_json_set_str(j, "bundle", o.out);
		zf_json_set_str(j, "audience", audience);
		for (t = 0; t <= ZF_PUB_EXPIRE; t++)
			zf_json_set_int(counts, zf_pub_type_name(t),
			    (int64_t)r.counts[t]);
		zf_json_set(j, "entries", counts);
		zf_json_set_int(j, "current", (int64_t)r.current);
		zf_json_set_int(j, "log_size", (int64_t)r.log_size);
		zf_json_set_str(j, "root", r.root);
		zf_cli_print_json(j);
		zf_json_free(j);
	} else {
		printf("published %zu, corrected %zu, withdrawn %zu, "
		    "expired %zu\n", r.counts[ZF_PUB_PUBLISH],
		    r.counts[ZF_PUB_CORRECT], r.counts[ZF_PUB_WITHDRAW],
		    r.counts[ZF_PUB_EXPIRE]);
		printf("on the site: %zu\nlog: %llu entries, root %s\n"
		    "bundle: %s\n", r.current, (unsigned long long)r.log_size,
		    r.root, o.out);
	}
	zf_cli_warn_calendar(a);
out:
	zf_archive_close(a);
	zf_cli_ids_free(ids);
	return zf_cli_exit(rc);
}
