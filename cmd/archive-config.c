/*
 * archive-config: the configuration in force.
 *
 *   archive-config status	is zhifa.yaml the configuration in force?
 *				(exit 0 when it is, 1 when it was changed)
 *   archive-config show	prints the configuration in force
 *   archive-config apply	the head puts a changed zhifa.yaml in force
 *
 * A changed zhifa.yaml is only a proposal: readers go on with the one
 * in force, writers refuse (78), until the head named in the one in
 * force applies it, a journaled act (config.changed).
 */
#include <stdio.h>
#include <string.h>

#include "common/cli.h"
#include "record/archive.h"
#include "rules/config.h"
#include "rules/permissions.h"
#include "base/i18n.h"

static const char usage[] = "status | show | apply";

/* What the head applies, as far as who may do what: people and roles. */
static void
tell_changes(const struct zf_config *old, const struct zf_config *new)
{
	const struct zf_person *p, *q;
	size_t i;

	for (i = 0; i < new->npeople; i++) {
		p = &new->people[i];
		if ((q = zf_config_person(old, p->id)) == NULL)
			fprintf(stderr, _("%s: adds %s (%s, %s)\n"),
			    zf_progname, p->id, p->name, zf_role_name(p->role));
		else if (q->role != p->role)
			fprintf(stderr, _("%s: %s (%s) becomes %s, was %s\n"),
			    zf_progname, p->id, p->name,
			    zf_role_name(p->role), zf_role_name(q->role));
	}
	for (i = 0; i < old->npeople; i++)
		if (zf_config_person(new, old->people[i].id) == NULL)
			fprintf(stderr, _("%s: removes %s (%s)\n"), zf_progname,
			    old->people[i].id, old->people[i].name);
}

static int
do_apply(struct zf_cli *cli)
{
	const struct zf_config *old = NULL, *new = NULL;
	const struct zf_person *p;
	struct zf_archive *a;
	struct zf_err *e;
	int rc;

	if ((rc = zf_cli_open(cli, ZF_OPEN_WRITE | ZF_OPEN_PENDING, &a)) != 0)
		return zf_cli_exit(rc);
	e = zf_archive_err(a);
	p = zf_archive_person(a);
	if ((rc = zf_may(zf_archive_config(a), p, ZF_ACT_CONFIG, NULL,
	    e)) != 0)
		;
	else if (zf_archive_pending(a) == NULL)
		rc = zf_fail(e, EX_DATAERR, "zhifa.yaml is the configuration "
		    "in force already: nothing to apply");
	else if ((rc = zf_archive_begin(a)) == 0) {
		/* Both stay with the archive until it is closed. */
		old = zf_archive_config(a);
		new = zf_archive_pending(a);
		if ((rc = zf_archive_apply_config(a)) != 0 ||
		    (rc = zf_archive_commit(a)) != 0)
			zf_archive_abort(a);
	}
	if (rc == 0 && !cli->quiet) {
		tell_changes(old, new);
		fprintf(stderr, _("%s: zhifa.yaml is now the configuration in "
		    "force\n"), zf_progname);
	}
	return zf_cli_done(a, rc);
}

int
main(int argc, char **argv)
{
	static const struct zf_cli_opt none[] = { ZF_OPT_END };
	const struct zf_config *c;
	struct zf_archive *a;
	struct zf_cli cli;
	const char *verb;
	int rc;

	zf_cli_init(&cli, argv, usage,
	    N_("Tell, show and apply the configuration in force."));
	zf_cli_options(&cli, argc, argv, none);
	if (argc - optind != 1)
		zf_cli_usage(&cli, optind == argc ? "which: status, show or "
		    "apply?" : "one verb only");
	verb = argv[optind];
	if (strcmp(verb, "apply") == 0)
		return do_apply(&cli);
	if (strcmp(verb, "status") != 0 && strcmp(verb, "show") != 0)
		zf_cli_usage(&cli, "'%s' is not status, show or apply", verb);
	if ((rc = zf_cli_open(&cli, ZF_OPEN_ANYONE, &a)) != 0)
		return zf_cli_exit(rc);
	if (strcmp(verb, "show") == 0) {
		c = zf_archive_config(a);
		fwrite(c->bytes, 1, c->len, stdout);
	} else if (zf_archive_config_problem(a) != NULL) {
		if (!cli.quiet)
			printf("zhifa.yaml does not read, and the "
			    "configuration in force stays: %s\n",
			    zf_archive_config_problem(a));
		rc = 1;
	} else if (zf_archive_pending(a) != NULL) {
		if (!cli.quiet)
			printf("zhifa.yaml was changed and is not in force: "
			    "the head applies it with archive-config apply\n");
		rc = 1;
	} else if (!cli.quiet) {
		printf("zhifa.yaml is the configuration in force\n");
	}
	zf_cli_close(a);
	return zf_cli_exit(rc);
}
