/*
 * archive-verify: check everything — chain, hashes, tree, checkpoints,
 * signatures, objects, derived tables, permissions.  Prints each problem
 * with its code; exits 1 when any error is found (warnings alone: 0).
 * --witness BUNDLE proves the archive extends the journal checkpoint a
 * publication bundle carried out of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "common/cli.h"
#include "base/buf.h"
#include "base/json.h"
#include "publication/pubcheck.h"
#include "record/verify.h"
#include "base/i18n.h"

#define WITNESS_MAX 64

static const char usage[] = "[--quick] [--checkpoint FILE] "
    "[--witness BUNDLE]...";

/* What publish-verify found wrong with the bundle's journal checkpoint. */
static const char *
journal_problem(const struct zf_pubcheck *c)
{
	size_t i;

	for (i = 0; i < zf_json_len(c->problems); i++) {
		const char *p = zf_json_str(zf_json_at(c->problems, i));

		if (p != NULL && strstr(p, "journal-checkpoint") != NULL)
			return p;
	}
	return NULL;
}

/* The journal checkpoint each bundle carries, or why it cannot serve. */
static void
read_witnesses(const char **bundles, size_t n, const char **note,
    const char **why)
{
	struct zf_pubcheck c;
	struct zf_err e;
	size_t i;

	for (i = 0; i < n; i++) {
		note[i] = why[i] = NULL;
		if (zf_pubcheck_bundle(bundles[i], NULL, &c, &e) != 0)
			why[i] = xstrdup(e.msg);
		else if (c.journal_note != NULL)
			note[i] = xstrdup(c.journal_note);
		else
			why[i] = xstrdup(journal_problem(&c) != NULL ?
			    journal_problem(&c) : c.signed_ok ? "it carries "
			    "no journal checkpoint (bundles made before they "
			    "did)" : "its signature does not verify "
			    "(publish-verify tells why)");
		zf_pubcheck_release(&c);
	}
}

static const struct zf_column columns[] = {
	ZF_FIELD("code"), ZF_FIELD("what"), ZF_FIELD("message"),
	ZF_COLUMN_END
};

static void
progress(void *ctx, const char *what, uint64_t done, uint64_t total)
{
	(void)ctx;
	fprintf(stderr, "\r%s: %s %llu/%llu", zf_progname, what,
	    (unsigned long long)done, (unsigned long long)total);
	if (done == total)
		fputc('\n', stderr);
}

int
main(int argc, char **argv)
{
	struct zf_verify_options o;
	struct zf_verify_report r;
	struct zf_archive *a;
	struct zf_cli cli;
	const char *bundles[WITNESS_MAX], *notes[WITNESS_MAX];
	const char *whys[WITNESS_MAX];
	size_t nbundles = 0, i;
	int rc;
	const struct zf_cli_opt opts[] = {
		ZF_FLAG("quick", &o.quick),
		ZF_TEXT("checkpoint", 0, &o.witness),
		ZF_LIST("witness", bundles, &nbundles, WITNESS_MAX, "bundles"),
		ZF_OPT_END
	};

	memset(&o, 0, sizeof(o));
	zf_cli_init(&cli, argv, usage,
	    N_("Check that an archive's record is intact."));
	zf_cli_options_only(&cli, argc, argv, opts);
	if (zf_cli_progress_wanted())
		o.progress = progress;
	read_witnesses(bundles, nbundles, notes, whys);
	o.witness_name = bundles;
	o.witness_note = notes;
	o.witness_why = whys;
	o.nwitnesses = nbundles;
	if ((rc = zf_cli_open(&cli, ZF_OPEN_ANYONE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_verify(a, &o, &r)) != 0) {
		zf_cli_fail(zf_archive_err(a));
		zf_verify_report_release(&r);
		zf_cli_close(a);
		return zf_cli_exit(rc);
	}
	if (cli.format == ZF_FORMAT_JSON && !cli.quiet) {
		struct zf_json *doc = zf_json_object();

		zf_json_set_bool(doc, "ok", r.errors == 0);
		zf_json_set_int(doc, "events", r.events);
		zf_json_set_int(doc, "objects", r.objects);
		zf_json_set_int(doc, "checkpoints", r.checkpoints);
		zf_json_set_int(doc, "errors", r.errors);
		zf_json_set_int(doc, "warnings", r.warnings);
		zf_json_set(doc, "problems", r.problems);
		r.problems = NULL;
		zf_cli_print_json(doc);
		zf_json_free(doc);
	} else if (zf_json_len(r.problems) > 0) {
		zf_cli_print_list(&cli, r.problems, columns);
	}
	fflush(stdout);
	if (!cli.quiet)
		fprintf(stderr, _("%s: %lld events, %lld objects, %lld "
		    "checkpoints: %s (%d errors, %d warnings)\n"), zf_progname,
		    (long long)r.events, (long long)r.objects,
		    (long long)r.checkpoints, r.errors ? "PROBLEMS FOUND" :
		    "ok", r.errors, r.warnings);
	rc = r.errors ? 1 : 0;
	for (i = 0; i < nbundles; i++) {
		free((char *)notes[i]);
		free((char *)whys[i]);
	}
	zf_verify_report_release(&r);
	zf_cli_close(a);
	return zf_cli_exit(rc);
}
