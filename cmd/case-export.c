/*
 * case-export: whole cases (their events, documents and decisions) for
 * another agency, as a signed exchange bundle (exchange.h); secret
 * evidence stays unless it is a judicial transfer (--transfer, 移送).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "common/cli.h"
#include "publication/bundle.h"
#include "publication/exchange.h"
#include "record/archive.h"
#include "base/i18n.h"

static const char usage[] = "CASE... --to AGENCY --out PATH [--transfer] "
    "[--format dir|tar.gz|zip]";

int
main(int argc, char **argv)
{
	const char *to = NULL, *out = NULL, *format = NULL;
	struct zf_exchange_options o;
	struct zf_json *summary = NULL;
	struct zf_archive *a;
	struct zf_cli cli;
	int transfer = 0, rc;
	char **ids;
	size_t n;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("to", 0, &to),
		ZF_TEXT("out", 0, &out),
		ZF_TEXT("format", 0, &format),
		ZF_FLAG("transfer", &transfer),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("Share whole cases with another agency as a signed exchange "
	    "bundle."));
	zf_cli_options(&cli, argc, argv, opts);
	if (optind == argc)
		zf_cli_usage(&cli, "which cases? (give their ids, or - to read "
		    "them from standard input)");
	if (to == NULL || *to == '\0')
		zf_cli_usage(&cli, "--to AGENCY is required: the agency the "
		    "cases are shared with");
	if (out == NULL)
		zf_cli_usage(&cli, "--out PATH is required");
	memset(&o, 0, sizeof(o));
	if (format != NULL)
		o.format = zf_bundle_format_parse(format);
	else
		o.format = zf_bundle_format_of(out);
	if ((int)o.format < 0)
		zf_cli_usage(&cli, "--format '%s' is not dir, tar.gz or zip",
		    format);
	ids = zf_cli_ids(argc - optind, argv + optind, &n);
	{
		/* A case named twice goes once. */
		size_t i, j, k = 0;

		for (i = 0; i < n; i++) {
			for (j = 0; j < k && strcmp(ids[j], ids[i]) != 0; j++)
				continue;
			if (j < k) {
				free(ids[i]);
				continue;
			}
			ids[k++] = ids[i];
		}
		if (ids != NULL)
			ids[k] = NULL;
		n = k;
	}
	if (n == 0) {
		zf_cli_ids_free(ids);
		zf_cli_usage(&cli, "no case ids on standard input");
	}
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0) {
		zf_cli_ids_free(ids);
		return zf_cli_exit(rc);
	}
	o.cases = (const char *const *)ids;
	o.ncases = n;
	o.to = to;
	o.transfer = transfer;
	o.out = out;
	if ((rc = zf_exchange_export(a, &o, &summary)) == 0) {
		if (cli.format == ZF_FORMAT_JSON) {
			zf_cli_print_json(summary);
		} else if (!cli.quiet) {
			const struct zf_json *cs = zf_json_get(summary,
			    "cases");
			size_t i;

			for (i = 0; i < zf_json_len(cs); i++) {
				const struct zf_json *c = zf_json_at(cs, i);
				int64_t ev = 0;

				zf_json_get_int(c, "events", &ev);
				printf("%s\t%lld events\t%zu evidence\t%zu "
				    "withheld\n", zf_json_get_str(c, "id"),
				    (long long)ev, zf_json_len(zf_json_get(c,
				    "evidence")), zf_json_len(zf_json_get(c,
				    "withheld")));
			}
			printf("bundle: %s\nsha256: %s\n", out,
			    zf_json_get_str(summary, "sha256"));
		}
		zf_json_free(summary);
	}
	zf_cli_ids_free(ids);
	return zf_cli_done(a, rc);
}
