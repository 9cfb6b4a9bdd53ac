/*
 * person-key: a person's key pair, and the head's register of them.
 *
 *   person-key new [--as PERSON] [--out FILE]
 *	makes the acting person's key pair at its default place (or FILE),
 *	0600, and prints the public key for the head to register
 *   person-key register PERSON FILE	the head registers (or replaces)
 *   person-key revoke PERSON --reason TEXT	the head ends one
 *   person-key list			who holds which key since when
 *
 * register and revoke are journaled acts, signed by the head's own key;
 * the first key of an archive made before personal keys is the head's,
 * registered by the head and signed by itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/io.h"
#include "base/json.h"
#include "common/cli.h"
#include "record/archive.h"
#include "record/keys.h"
#include "record/persons.h"
#include "rules/config.h"
#include "base/i18n.h"

static const char usage[] = "new [--out FILE] | register PERSON FILE | "
    "revoke PERSON --reason TEXT | list";

static const struct zf_column columns[] = {
	{ "人员", "person", 0 },
	{ "密钥", "key", 0 },
	{ "状态", "state", 0 },
	{ "起", "since", 0 },
	{ "登记人", "by", 0 },
	{ "止", "until", 0 },
	ZF_COLUMN_END
};

static int
do_new(struct zf_cli *cli, const char *out)
{
	const struct zf_person *p;
	struct zf_archive *a;
	struct zf_json *doc;
	char *path, *vkey = NULL;
	int rc;

	if ((rc = zf_cli_open(cli, 0, &a)) != 0)
		return zf_cli_exit(rc);
	p = zf_archive_person(a);
	path = zf_person_key_path(zf_archive_id(a), p->id,
	    out ? out : cli->person_key);
	if ((rc = zf_keys_new(a, p->id, path, &vkey)) == 0) {
		if (cli->format == ZF_FORMAT_JSON) {
			doc = zf_json_object();
			zf_json_set_str(doc, "person", p->id);
			zf_json_set_str(doc, "path", path);
			zf_json_set_str(doc, "vkey", vkey);
			zf_cli_print_json(doc);
			zf_json_free(doc);
		} else {
			printf("%s\n", vkey);
		}
		if (!cli->quiet)
			fprintf(stderr, _("%s: %s's private key: %s "
			    "(mode 0600; it never leaves this account); the "
			    "head registers the public key above with "
			    "'person-key register %s FILE'\n"), zf_progname,
			    p->id, path, p->id);
	}
	free(vkey);
	free(path);
	return zf_cli_done(a, rc);
}

static int
do_register(struct zf_cli *cli, const char *person, const char *file)
{
	struct zf_archive *a;
	struct zf_buf b;
	int64_t seq;
	int rc;

	zf_buf_init(&b);
	if (zf_read_file(AT_FDCWD, file, 1 << 16, &b) != 0) {
		rc = zf_cli_error(errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		    "cannot read '%s': %s", file, strerror(errno));
		zf_buf_release(&b);
		return zf_cli_exit(rc);
	}
	if ((rc = zf_cli_open(cli, ZF_OPEN_WRITE | ZF_OPEN_NOKEY, &a)) != 0) {
		zf_buf_release(&b);
		return zf_cli_exit(rc);
	}
	rc = zf_keys_register(a, person, b.len ? b.data : "",
	    cli->person_key, &seq);
	if (rc == 0) {
		zf_cli_recorded(person);
		printf("%s\n", person);
	}
	zf_buf_release(&b);
	return zf_cli_done(a, rc);
}

static int
do_revoke(struct zf_cli *cli, const char *person, const char *reason)
{
	struct zf_archive *a;
	int64_t seq;
	int rc;

	if ((rc = zf_cli_open(cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_keys_revoke(a, person, reason, &seq)) == 0) {
		zf_cli_recorded(person);
		printf("%s\n", person);
	}
	return zf_cli_done(a, rc);
}

static int
do_list(struct zf_cli *cli)
{
	struct zf_archive *a;
	struct zf_json *list = NULL;
	int rc;

	if ((rc = zf_cli_open(cli, ZF_OPEN_ANYONE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_keys_list(a, &list)) == 0)
		zf_cli_print_list(cli, list, columns);
	zf_json_free(list);
	return zf_cli_done(a, rc);
}

int
main(int argc, char **argv)
{
	const char *out = NULL, *reason = NULL, *verb;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("out", 0, &out),
		ZF_TEXT("reason", 0, &reason),
		ZF_OPT_END
	};
	struct zf_cli cli;
	int n;

	zf_cli_init(&cli, argv, usage,
	    N_("Make a personal key, and register, revoke and list the keys of "
	    "an archive."));
	zf_cli_options(&cli, argc, argv, opts);
	if (optind == argc)
		zf_cli_usage(&cli, "which: new, register, revoke or list?");
	verb = argv[optind];
	n = argc - optind - 1;
	if (strcmp(verb, "new") == 0 && n == 0)
		return do_new(&cli, out);
	if (strcmp(verb, "register") == 0 && n == 2)
		return do_register(&cli, argv[optind + 1], argv[optind + 2]);
	if (strcmp(verb, "revoke") == 0 && n == 1) {
		if (reason == NULL || reason[0] == '\0')
			zf_cli_usage(&cli, "say why with --reason TEXT");
		return do_revoke(&cli, argv[optind + 1], reason);
	}
	if (strcmp(verb, "list") == 0 && n == 0)
		return do_list(&cli);
	if (strcmp(verb, "new") != 0 && strcmp(verb, "register") != 0 &&
	    strcmp(verb, "revoke") != 0 && strcmp(verb, "list") != 0)
		zf_cli_usage(&cli, "'%s' is not new, register, revoke or list",
		    verb);
	zf_cli_usage(&cli, "%s takes %s", verb,
	    strcmp(verb, "register") == 0 ? "PERSON FILE" :
	    strcmp(verb, "revoke") == 0 ? "PERSON" : _("no operand"));
	return EX_USAGE;
}
