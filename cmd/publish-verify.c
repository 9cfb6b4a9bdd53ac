/*
 * publish-verify: check a publication bundle (folder, .tar.gz or .zip) as
 * anyone can, without the archive: manifests, key, signed checkpoint, log,
 * proofs, records, and with --previous that its log extends the older
 * bundle's.  Prints a summary; each problem on stderr.  Exits 1 when any
 * check fails (a fork or rewrite of the log is a "SECURITY ERROR"), 66
 * when a bundle does not exist, 65 when it is not a bundle at all.
 */
#include <stdio.h>
#include <string.h>

#include "common/cli.h"
#include "base/crypto.h"
#include "base/json.h"
#include "publication/pubcheck.h"
#include "base/i18n.h"

static const char usage[] =
    "BUNDLE [--previous BUNDLE] [--key VKEY-FILE] [-o text|json] [-q]";

static void
print_problems(const struct zf_pubcheck *c, const struct zf_json *problems,
    int prefixed)
{
	size_t i;

	for (i = 0; i < zf_json_len(problems); i++) {
		if (prefixed)
			zf_cli_error(1, "%s: %s", c->path,
			    zf_json_str(zf_json_at(problems, i)));
		else
			zf_cli_error(1, "%s",
			    zf_json_str(zf_json_at(problems, i)));
	}
}

static struct zf_json *
bundle_json(const struct zf_pubcheck *c)
{
	struct zf_json *o = zf_json_object();
	char root[ZF_DIGEST_HEX];

	zf_hex(c->root, ZF_DIGEST_LEN, root);
	zf_json_set_str(o, "bundle", c->path);
	zf_json_set_str(o, "kind", c->kind);
	zf_json_set_str(o, "format", c->format);
	zf_json_set_int(o, "files", (int64_t)c->files);
	zf_json_set_str(o, "key", c->key);
	zf_json_set_str(o, "origin", c->origin);
	zf_json_set_int(o, "log_size", (int64_t)c->size);
	zf_json_set_str(o, "root", c->signed_ok ? root : NULL);
	zf_json_set_str(o, "as_of", c->as_of);
	zf_json_set_str(o, "audience", c->audience);
	zf_json_set_int(o, "entries_shown", (int64_t)c->shown);
	zf_json_set_int(o, "records", (int64_t)c->records);
	zf_json_set_int(o, "proofs_checked", (int64_t)c->proofs);
	return o;
}

static void
print_text(const struct zf_pubcheck *c, const struct zf_pubcheck *old)
{
	char root[ZF_DIGEST_HEX];

	zf_hex(c->root, ZF_DIGEST_LEN, root);
	if (strcmp(c->kind, "archival") == 0) {
		printf("package:  %s (%s, %llu files)\n", c->path, c->format,
		    (unsigned long long)c->files);
		printf("signed:   %s by %s\n", c->origin, c->key);
		printf("journal:  %llu events, root %s\n",
		    (unsigned long long)c->size, root);
		printf("events:   %llu, %llu proofs checked\n",
		    (unsigned long long)c->shown,
		    (unsigned long long)c->proofs);
		printf("items:    %llu in the table of contents\n",
		    (unsigned long long)c->records);
		return;
	}
	printf("bundle:   %s (%s, %llu files, as of %s)\n", c->path, c->format,
	    (unsigned long long)c->files, c->as_of ? c->as_of : "?");
	printf("signed:   %s by %s\n", c->origin, c->key);
	printf("log size: %llu\n", (unsigned long long)c->size);
	printf("root:     %s\n", root);
	printf("entries:  %llu shown, %llu withheld\n",
	    (unsigned long long)c->shown,
	    (unsigned long long)(c->size - c->shown));
	printf("proofs:   %llu checked, for %llu records\n",
	    (unsigned long long)c->proofs, (unsigned long long)c->records);
	if (old != NULL)
		printf("extends:  %s (%llu → %llu)\n", old->path,
		    (unsigned long long)old->size, (unsigned long long)c->size);
}

/*
 * When the older log is not the newer's beginning, both are read again
 * keeping every leaf hash (32 bytes a leaf, on this path only), so that
 * the problem names the first leaf that differs.
 */
static int
which_leaf(const char *previous, const char *path,
    const struct zf_pubcheck_options *given, struct zf_json **security,
    struct zf_err *e)
{
	struct zf_pubcheck_options o = *given;
	struct zf_pubcheck old, c;
	struct zf_json *found;
	int rc;

	memset(&c, 0, sizeof(c));
	o.keep_hashes = 1;
	o.want_prefix = 0;
	if ((rc = zf_pubcheck_bundle(previous, &o, &old, e)) == 0) {
		o.want_prefix = 1;
		o.prefix = old.size;
		rc = zf_pubcheck_bundle(path, &o, &c, e);
	}
	if (rc == 0) {
		found = zf_json_array();
		zf_pubcheck_extends(&old, &c, found);
		zf_json_free(*security);
		*security = found;
	}
	zf_pubcheck_release(&c);
	zf_pubcheck_release(&old);
	return rc;
}

int
main(int argc, char **argv)
{
	enum { OPT_PREVIOUS = ZF_OPT_FIRST_OWN, OPT_KEY };
	/* -A and --as are taken, as by every program, and unused. */
	static const struct option longopts[] = { ZF_CLI_LONG,
		{ "previous", required_argument, NULL, OPT_PREVIOUS },
		{ "key", required_argument, NULL, OPT_KEY },
		{ NULL, 0, NULL, 0 } };
	struct zf_pubcheck_options o = { NULL };
	struct zf_pubcheck old, c;
	struct zf_json *security = zf_json_array(), *doc;
	const char *previous = NULL;
	struct zf_cli cli;
	struct zf_err e;
	int ch, rc = 0, bad;

	memset(&old, 0, sizeof(old));
	memset(&c, 0, sizeof(c));
	zf_cli_init(&cli, argv, usage,
	    N_("Check a publication bundle, and that it extends an earlier "
	    "one."));
	while ((ch = getopt_long(argc, argv, ZF_CLI_SHORT, longopts, NULL)) !=
	    -1) {
		if (ch == OPT_PREVIOUS)
			previous = optarg;
		else if (ch == OPT_KEY)
			o.key_file = optarg;
		else if (!zf_cli_option(&cli, ch, optarg))
			zf_cli_usage(&cli, "unknown option");
	}
	if (cli.format == ZF_FORMAT_TSV)
		zf_cli_usage(&cli,
		    "output format 'tsv' is not offered: use "
		    "text or json");
	if (optind == argc)
		zf_cli_usage(&cli, "which bundle?");
	if (optind + 1 < argc)
		zf_cli_usage(&cli, "unexpected argument '%s'",
		    argv[optind + 1]);
	if (previous != NULL &&
	    (rc = zf_pubcheck_bundle(previous, &o, &old, &e)) != 0) {
		zf_cli_fail(&e);
		goto out;
	}
	if (previous != NULL) {
		o.want_prefix = 1;
		o.prefix = old.size;
	}
	if ((rc = zf_pubcheck_bundle(argv[optind], &o, &c, &e)) != 0) {
		zf_cli_fail(&e);
		goto out;
	}
	if (previous != NULL) {
		print_problems(&old, old.problems, 1);
		if (zf_pubcheck_extends(&old, &c, security) > 0 &&
		    zf_json_len(security) > 0 &&
		    (rc = which_leaf(previous, argv[optind], &o, &security,
			 &e)) != 0) {
			zf_cli_fail(&e);
			goto out;
		}
	}
	print_problems(&c, c.problems, 1);
	print_problems(&c, security, 0);
	bad = zf_json_len(c.problems) > 0 || zf_json_len(security) > 0 ||
	    (previous != NULL && zf_json_len(old.problems) > 0);
	rc = bad ? 1 : 0;
	if (cli.format == ZF_FORMAT_JSON && !cli.quiet) {
		doc = bundle_json(&c);
		zf_json_set_bool(doc, "ok", !bad);
		if (previous != NULL)
			zf_json_set(doc, "previous", bundle_json(&old));
		zf_json_set(doc, "problems", zf_json_copy(c.problems));
		if (previous != NULL)
			zf_json_set(doc, "previous_problems",
			    zf_json_copy(old.problems));
		zf_json_set(doc, "security", zf_json_copy(security));
		zf_cli_print_json(doc);
		zf_json_free(doc);
	} else if (!bad && !cli.quiet) {
		print_text(&c, previous != NULL ? &old : NULL);
	}
out:
	zf_json_free(security);
	zf_pubcheck_release(&c);
	zf_pubcheck_release(&old);
	return zf_cli_exit(rc);
}
