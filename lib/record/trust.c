/* trust: the drill flag, the honest clock, the actor's key, the signer. */
#include "record/trust.h"
#include "record/handle.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/io.h"
#include "base/json.h"
#include "base/merkle.h"
#include "record/checkpoint.h"
#include "record/db.h"
#include "record/event.h"
#include "record/journal.h"
#include "record/persons.h"
#include "rules/config.h"

/* The sample agency's name: its archives made before drills were marked
 * are drills. */
#define SAMPLE_AGENCY "示例县住房和城乡建设局"

int
zf_trust_genesis(struct zf_archive *a)
{
	static const char sql[] = "SELECT body FROM journal WHERE seq = 0";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	struct zf_json *tree = NULL;
	struct zf_event ev;
	int rc;

	if (st == NULL)
		return a->err.code;
	if ((rc = zf_db_row(a->db, st, &a->err, "cannot read event 0")) < 0)
		return a->err.code;
	if (rc == 0)
		return zf_fail(&a->err, EX_DATAERR, "the journal has no event "
		    "0: run archive-verify");
	rc = zf_event_decode(zf_db_text(st, 0), strlen(zf_db_text(st, 0)),
	    &tree, &ev, &a->err);
	sqlite3_reset(st);
	if (rc != 0)
		return a->err.code;
	a->drill = zf_trust_drill(ev.data);
	zf_json_free(tree);
	return 0;
}

int
zf_trust_drill(const struct zf_json *data)
{
	const struct zf_json *drill = zf_json_get(data, "drill");
	const char *agency;

	if (drill != NULL)
		return zf_json_type(drill) == ZF_JSON_BOOL &&
		    zf_json_bool_value(drill);
	return (agency = zf_json_get_str(data, "agency")) != NULL &&
	    strcmp(agency, SAMPLE_AGENCY) == 0 &&
	    zf_json_get(data, "keys") == NULL;
}

int
zf_trust_clock(struct zf_archive *a)
{
	if (!a->fixed_clock || a->drill)
		return 0;
	return zf_fail(&a->err, EX_USAGE, "ZHIFA_NOW is set, but '%s' is a "
	    "real archive: its times come from the system clock, and only a "
	    "drill (archive-init --drill) takes a set clock; unset ZHIFA_NOW "
	    "(an act recorded late takes --at)", a->dir);
}

int
zf_trust_forward(struct zf_archive *a)
{
	static const char sql[] = "SELECT time FROM journal "
	    "ORDER BY seq DESC LIMIT 1";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	struct zf_time last;
	char now[26], when[26];
	int rc;

	/* A drill's set clock may go back: a drill rehearses. */
	if (a->fixed_clock)
		return 0;
	if (st == NULL)
		return a->err.code;
	if ((rc = zf_db_row(a->db, st, &a->err, "cannot read the journal")) <
	    0)
		return a->err.code;
	if (rc == 0)
		return 0;
	rc = zf_time_parse(zf_db_text(st, 0), &last);
	sqlite3_reset(st);
	if (rc != 0)
		return zf_fail(&a->err, EX_DATAERR, "the journal's last event "
		    "has no time: run archive-verify");
	if (a->now.unix >= last.unix)
		return 0;
	if (a->now.unix + ZF_CLOCK_SLACK >= last.unix) {
		a->now.unix = last.unix;
		return 0;
	}
	zf_time_format(&a->now, now);
	zf_time_format(&last, when);
	return zf_fail(&a->err, EX_TEMPFAIL, "the clock says %s, but the "
	    "journal's last event was recorded at %s: recording times never "
	    "go back; check the system clock (timedatectl: is NTP on?)",
	    now, when);
}

static void
sync_parent(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');

	if (slash != NULL) {
		*slash = '\0';
		zf_sync_dir(AT_FDCWD, dir[0] ? dir : "/");
	}
	free(dir);
}

/* The tree size a checkpoint note states (its second line), or 0. */
static uint64_t
note_size(const char *note)
{
	const char *nl = note ? strchr(note, '\n') : NULL;

	return nl ? strtoull(nl + 1, NULL, 10) : 0;
}

/*
 * Writers that commit at the same moment take turns (an exclusive flock
 * on the key's folder), and each replaces the record only with a larger
 * tree: it never goes back, and is never half written.
 */
/* Writes text at path through a temporary file of this process. */
static void
replace_file(const char *path, const char *text)
{
	char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	size_t len = strlen(text);
	int fd;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		if (zf_write_full(fd, text, len) == 0 && fsync(fd) == 0 &&
		    close(fd) == 0) {
			fd = -1;
			if (rename(tmp, path) == 0)
				sync_parent(path);
		}
		if (fd >= 0)
			close(fd);
	}
	unlink(tmp);
	free(tmp);
}

void
zf_trust_signer_record(const char *key, const char *note, const char *state,
    int force)
{
	char *path = xasprintf("%s.signed", key), *dir = xstrdup(path);
	char *ring = xasprintf("%s.ring", key);
	char *slash = strrchr(dir, '/');
	struct zf_buf b;
	int lockfd;

	zf_buf_init(&b);
	if (slash != NULL)
		*slash = '\0';
	lockfd = open(slash ? (dir[0] ? dir : "/") : ".", O_RDONLY |
	    O_DIRECTORY | O_CLOEXEC);
	if (lockfd < 0 || flock(lockfd, LOCK_EX) != 0)
		goto out;
	if (!force && zf_read_file(AT_FDCWD, path, 1 << 16, &b) == 0 &&
	    note_size(b.data) >= note_size(note))
		goto out;
	/* The state first: a state that is not the record's is not used. */
	if (state != NULL)
		replace_file(ring, state);
	replace_file(path, note);
out:
	if (lockfd >= 0)
		close(lockfd);
	zf_buf_release(&b);
	free(ring);
	free(dir);
	free(path);
}
