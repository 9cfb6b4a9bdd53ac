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
	const struct zf_json *drill;
	struct zf_event ev;
	const char *agency;
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
	if ((drill = zf_json_get(ev.data, "drill")) != NULL)
		a->drill = zf_json_type(drill) == ZF_JSON_BOOL &&
		    zf_json_bool_value(drill);
	else
		a->drill = (agency = zf_json_get_str(ev.data, "agency")) !=
		    NULL && strcmp(agency, SAMPLE_AGENCY) == 0 &&
		    zf_json_get(ev.data, "keys") == NULL;
	zf_json_free(tree);
	return 0;
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

/* The key actor held for event seq, or that the event registers for
 * itself (event 0, the first registration); NULL when none. */
static char *
key_for(struct zf_archive *a, const char *actor, int64_t seq)
{
	static const char sql[] = "SELECT vkey FROM person_keys "
	    "WHERE person = ?1 AND ((from_seq < ?2 AND (until_seq IS NULL "
	    "OR until_seq >= ?2)) OR (from_seq = ?2 AND (?2 = 0 OR NOT "
	    "EXISTS (SELECT 1 FROM person_keys WHERE from_seq < ?2)))) "
	    "ORDER BY from_seq LIMIT 1";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	char *vkey = NULL;

	if (st == NULL)
		return NULL;
	zf_db_bind_text(st, 1, actor);
	sqlite3_bind_int64(st, 2, seq);
	if (zf_db_row(a->db, st, &a->err, "cannot read the personal keys") ==
	    1) {
		vkey = xstrdup(zf_db_text(st, 0));
		sqlite3_reset(st);
	}
	return vkey;
}

int
zf_trust_tail(struct zf_archive *a, int64_t from, char **why)
{
	static const char sql[] = "SELECT seq, hash, actor, type, sigs "
	    "FROM journal WHERE seq >= ? ORDER BY seq";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	const char *actor;
	int64_t keys_then;
	char *vkey;
	int rc, bad;

	*why = NULL;
	if (st == NULL)
		return a->err.code;
	sqlite3_bind_int64(st, 1, from);
	while ((rc = zf_db_row(a->db, st, &a->err,
	    "cannot read the journal")) == 1) {
		int64_t seq = sqlite3_column_int64(st, 0);

		actor = zf_db_text(st, 2);
		/* Events before the archive's first personal key carry none
		 * (archive-verify's W017): the checkpoints of their time
		 * vouch for them. */
		if ((rc = zf_db_int(a->db, "SELECT count(*) FROM person_keys "
		    "WHERE from_seq <= ?", seq, &keys_then, &a->err)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
		if (keys_then == 0)
			continue;
		vkey = key_for(a, actor, seq);
		if (zf_db_failed(a->db, &a->err) != 0) {
			free(vkey);
			sqlite3_reset(st);
			return a->err.code;
		}
		bad = vkey == NULL ? 4 :
		    sqlite3_column_bytes(st, 1) != ZF_DIGEST_LEN ? 3 :
		    zf_event_sig_check(a->suite, vkey,
			sqlite3_column_blob(st, 1), zf_db_text(st, 4));
		free(vkey);
		if (bad != 0) {
			*why = xasprintf("event %lld (%s, by %s) %s",
			    (long long)seq, zf_db_text(st, 3), actor,
			    bad == 4 ? "is by someone who held no key then" :
			    bad == 1 ? "is not signed by its actor's key" :
			    bad == 2 ? "has a signature that does not verify" :
			    "has malformed signatures");
			sqlite3_reset(st);
			return 1;
		}
	}
	return rc < 0 ? a->err.code : 0;
}

/*
 * 1 when an archive.restored event of the head names note as the
 * checkpoint lost: the rewind was told, and the signer goes on.
 */
static int
acknowledged(struct zf_archive *a, const char *note)
{
	static const char sql[] = "SELECT body FROM journal "
	    "WHERE type = 'archive.restored'";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	struct zf_json *v;
	const char *lost;
	int found = 0;

	if (st == NULL)
		return 0;
	while (!found && zf_db_row(a->db, st, &a->err,
	    "cannot read the journal") == 1) {
		v = zf_json_parse(zf_db_text(st, 0), strlen(zf_db_text(st, 0)),
		    NULL, 0);
		lost = zf_json_get_str(zf_json_get(v, "data"), "lost");
		found = lost != NULL && strcmp(lost, note) == 0;
		zf_json_free(v);
	}
	sqlite3_reset(st);
	return found;
}

int
zf_trust_signer_check(struct zf_archive *a, const char *key, uint64_t n,
    const uint8_t root[ZF_DIGEST_LEN], char **why)
{
	uint8_t old[ZF_DIGEST_LEN], proof[64][ZF_DIGEST_LEN];
	char *path = xasprintf("%s.signed", key), *origin = NULL;
	struct zf_buf b;
	struct zf_err e;
	uint64_t m;
	size_t plen;
	int rc = 0;

	*why = NULL;
	zf_buf_init(&b);
	if (zf_read_file(AT_FDCWD, path, 1 << 16, &b) != 0) {
		if (errno != ENOENT)
			*why = xasprintf("its record of what it last signed "
			    "('%s') cannot be read: %s", path,
			    strerror(errno));
		goto out;
	}
	if (zf_checkpoint_verify(b.data, b.len, a->suite, a->origin,
	    a->pubkey, a->pubkey_len, &origin, &m, old, &e) != 0) {
		*why = xasprintf("its record of what it last signed ('%s') "
		    "does not verify: %s", path, e.msg);
		goto out;
	}
	if (acknowledged(a, b.data)) {
		rc = 0;
		goto out;
	}
	if (m > n) {
		*why = xasprintf("the journal has %llu events, but this key "
		    "signed a checkpoint of %llu ('%s'): the journal was cut "
		    "back", (unsigned long long)n, (unsigned long long)m, path);
		goto out;
	}
	if (m > 0 && (zf_merkle_consistency_proof(a->suite, m, n,
	    zf_journal_tree_read, a->db, proof, &plen) != 0 ||
	    !zf_merkle_verify_consistency(a->suite, m, n, old, root, proof,
	    plen))) {
		if ((rc = zf_db_failed(a->db, &a->err)) != 0)
			goto out;
		*why = xasprintf("the journal does not extend the checkpoint "
		    "of %llu events this key last signed ('%s'): it was "
		    "rewritten", (unsigned long long)m, path);
	}
out:
	if (*why != NULL && rc == 0)
		rc = 1;
	free(origin);
	free(path);
	zf_buf_release(&b);
	return rc;
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
void
zf_trust_signer_record(const char *key, const char *note)
{
	char *path = xasprintf("%s.signed", key), *dir = xstrdup(path);
	char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	char *slash = strrchr(dir, '/');
	struct zf_buf b;
	size_t len = strlen(note);
	int fd, lockfd;

	zf_buf_init(&b);
	if (slash != NULL)
		*slash = '\0';
	lockfd = open(slash ? (dir[0] ? dir : "/") : ".", O_RDONLY |
	    O_DIRECTORY | O_CLOEXEC);
	if (lockfd < 0 || flock(lockfd, LOCK_EX) != 0)
		goto out;
	if (zf_read_file(AT_FDCWD, path, 1 << 16, &b) == 0 &&
	    note_size(b.data) >= note_size(note))
		goto out;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		if (zf_write_full(fd, note, len) == 0 && fsync(fd) == 0 &&
		    close(fd) == 0) {
			fd = -1;
			if (rename(tmp, path) == 0)
				sync_parent(path);
		}
		if (fd >= 0)
			close(fd);
	}
	unlink(tmp);
out:
	if (lockfd >= 0)
		close(lockfd);
	zf_buf_release(&b);
	free(dir);
	free(tmp);
	free(path);
}
