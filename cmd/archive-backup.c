/*
 * archive-backup: a consistent copy of the archive in DEST, taken while
 * other commands write, and updated in place: only objects DEST lacks
 * are copied.  archive-backup --restored --reason TEXT is the head's
 * account, journaled, of an archive restored from a backup older than a
 * checkpoint the agency key signed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "record/archive.h"
#include "record/backup.h"
#include "rules/permissions.h"
#include "common/cli.h"
#include "base/json.h"
#include "base/i18n.h"

static const char usage[] = "DEST | --restored --reason TEXT "
    "[--lost CHECKPOINT]";

/* The head's account of a restore: one event, archive.restored. */
static int
restored(struct zf_cli *cli, const char *lost, const char *reason)
{
	struct zf_archive *a;
	int64_t seq;
	int rc;

	if ((rc = zf_cli_open(cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_archive_restored(a, lost, reason, &seq)) == 0) {
		zf_cli_recorded("archive.restored");
		if (!cli->quiet)
			printf("archive.restored: event %lld\n",
			    (long long)seq);
	}
	return zf_cli_done(a, rc);
}

int
main(int argc, char **argv)
{
	struct zf_backup_stats st;
	struct zf_archive *a;
	struct zf_cli cli;
	const char *dest, *reason = NULL, *lost = NULL;
	int rc, was_restored = 0;
	const struct zf_cli_opt opts[] = {
		ZF_FLAG("restored", &was_restored),
		ZF_TEXT("reason", 0, &reason),
		ZF_TEXT("lost", 0, &lost),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("Copy an archive while it is in use, updating an earlier "
	    "copy."));
	zf_cli_options(&cli, argc, argv, opts);
	if (was_restored) {
		if (optind != argc)
			zf_cli_usage(&cli, "--restored takes no destination");
		if (reason == NULL || reason[0] == '\0')
			zf_cli_usage(&cli, "say why with --reason TEXT");
		return restored(&cli, lost, reason);
	}
	if (reason != NULL || lost != NULL)
		zf_cli_usage(&cli, "--reason and --lost go with --restored");
	if (argc - optind != 1)
		zf_cli_usage(&cli, "give one destination folder");
	dest = argv[optind];
	if ((rc = zf_cli_open(&cli, 0, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_may(zf_archive_config(a), zf_archive_person(a),
	    ZF_ACT_BACKUP, NULL, zf_archive_err(a))) != 0 ||
	    (rc = zf_backup(a, dest, &st)) != 0)
		return zf_cli_done(a, rc);
	if (cli.quiet) {
		/* nothing */
	} else if (cli.format == ZF_FORMAT_JSON) {
		struct zf_json *doc = zf_json_object();

		zf_json_set_str(doc, "dest", dest);
		zf_json_set_int(doc, "events", st.events);
		zf_json_set_int(doc, "checkpoint", st.checkpoint);
		zf_json_set_int(doc, "objects", st.objects);
		zf_json_set_int(doc, "copied", st.copied);
		zf_json_set_int(doc, "bytes", (int64_t)st.bytes);
		zf_cli_print_json(doc);
		zf_json_free(doc);
	} else if (cli.format == ZF_FORMAT_TSV) {
		printf("dest\tevents\tcheckpoint\tobjects\tcopied\tbytes\n");
		printf("%s\t%" PRId64 "\t%" PRId64 "\t%" PRId64 "\t%" PRId64
		    "\t%" PRIu64 "\n", dest, st.events, st.checkpoint,
		    st.objects, st.copied, st.bytes);
	} else {
		printf("%s: %" PRId64 " events (checkpoint at %" PRId64 "), %"
		    PRId64 " objects: %" PRId64 " copied (%" PRIu64
		    " bytes)\n", dest, st.events, st.checkpoint, st.objects,
		    st.copied, st.bytes);
	}
	return zf_cli_done(a, 0);
}
