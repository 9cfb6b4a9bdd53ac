/* archive: finding, creating, opening and writing to an archive. */
#include "record/archive.h"
#include "record/handle.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <ftw.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/io.h"
#include "rules/calendar.h"
#include "record/checkpoint.h"
#include "record/db.h"
#include "record/journal.h"
#include "base/json.h"
#include "base/merkle.h"
#include "record/object.h"
#include "record/persons.h"
#include "record/signer.h"
#include "record/trust.h"
#include "base/i18n.h"

int
zf_archive_locate(const char *option, const char **dir, struct zf_err *e)
{
	const char *env = getenv("ZHIFA_ARCHIVE");

	if (option != NULL && option[0] != '\0')
		*dir = option;
	else if (env != NULL && env[0] != '\0')
		*dir = env;
	else
		return zf_fail(e, EX_USAGE, "no archive: give -A DIR or set "
		    "ZHIFA_ARCHIVE");
	return 0;
}

static int
read_meta(struct zf_archive *a)
{
	static const char sql[] = "SELECT key, value FROM meta";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	const char *suite = NULL;
	char *pub64 = NULL, *suite_s = NULL;
	long n;
	int rc = 0;

	if (st == NULL)
		return a->err.code;
	while ((rc = zf_db_row(a->db, st, &a->err,
	    "cannot read the archive's identity")) == 1) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);

		if (k == NULL || v == NULL)
			continue;
		if (strcmp(k, "id") == 0)
			a->id = xstrdup(v);
		else if (strcmp(k, "origin") == 0)
			a->origin = xstrdup(v);
		else if (strcmp(k, "suite") == 0)
			suite_s = xstrdup(v);
		else if (strcmp(k, "pubkey") == 0)
			pub64 = xstrdup(v);
	}
	sqlite3_reset(st);
	if (rc < 0) {
		rc = a->err.code;
		goto out;
	}
	rc = 0;
	suite = suite_s;
	if (a->id == NULL || a->origin == NULL || suite == NULL ||
	    pub64 == NULL || (a->suite = zf_suite_parse(suite)) < 0) {
		rc = zf_fail(&a->err, EX_DATAERR, "zhifa.db has no archive "
		    "record: run archive-verify");
		goto out;
	}
	n = zf_base64_decode(pub64, strlen(pub64), a->pubkey,
	    sizeof(a->pubkey));
	if (n <= 0) {
		rc = zf_fail(&a->err, EX_DATAERR, "zhifa.db holds a malformed "
		    "agency key: run archive-verify");
		goto out;
	}
	a->pubkey_len = (size_t)n;
out:
	free(suite_s);
	free(pub64);
	return rc;
}

static struct zf_archive *
archive_new(const char *dir)
{
	struct zf_archive *a = xcalloc(1, sizeof(*a));

	a->dir = xstrdup(dir);
	a->dirfd = -1;
	a->lockfd = -1;
	a->db = xcalloc(1, sizeof(*a->db));
	return a;
}

/* "file:" and path with the characters a URI gives meaning escaped. */
static char *
db_uri(const char *dir, const char *query)
{
	struct zf_buf b;
	const char *p;

	zf_buf_init(&b);
	zf_buf_addstr(&b, "file:");
	for (p = dir; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			zf_buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			zf_buf_add(&b, p, 1);
	}
	zf_buf_printf(&b, "/zhifa.db?%s", query);
	return zf_buf_detach(&b, NULL);
}

char *
zf_archive_db_uri(const struct zf_archive *a)
{
	return db_uri(a->dir, a->immutable ? "mode=ro&immutable=1" :
	    "mode=ro");
}

/*
 * Whether a reader must open the database immutable: nobody can write
 * it (no write bit, or a read-only mount), this process cannot write it
 * or its folder (root can), and no write-ahead log holds anything: a
 * copy or a read-only mount, never an archive that is being written.
 */
static int
frozen(int dirfd)
{
	struct statvfs vfs;
	struct stat sb;
	int rofs;

	if (fstatat(dirfd, "zhifa.db", &sb, 0) != 0)
		return 0;
	rofs = fstatvfs(dirfd, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
	if (!rofs && (sb.st_mode & 0222) != 0)
		return 0;
	if (faccessat(dirfd, "zhifa.db", W_OK, AT_EACCESS) == 0 &&
	    faccessat(dirfd, ".", W_OK, AT_EACCESS) == 0)
		return 0;
	if (fstatat(dirfd, "zhifa.db-wal", &sb, 0) == 0 && sb.st_size > 0)
		return 0;
	return 1;
}

/*
 * The lock: read-write, else, for a reader, read-only (flock needs no
 * write access), else none for a reader that may not open it.
 */
static int
open_lock(struct zf_archive *a, int flags, struct zf_err *e)
{
	a->lockfd = openat(a->dirfd, "lock", O_RDWR | O_CLOEXEC);
	if (a->lockfd < 0 && !(flags & ZF_OPEN_WRITE) &&
	    (errno == EACCES || errno == EROFS || errno == EPERM))
		a->lockfd = openat(a->dirfd, "lock", O_RDONLY | O_CLOEXEC);
	if (a->lockfd < 0 && !(flags & ZF_OPEN_WRITE) &&
	    (errno == EACCES || errno == EPERM))
		return 0;
	if (a->lockfd < 0)
		return zf_fail(e, EX_IOERR, "cannot lock archive '%s': %s",
		    a->dir, strerror(errno));
	/*
	 * A writer that finds the archive to itself clears what killed
	 * commands left in tmp/.  It asks before taking its shared lock:
	 * a lock changed from shared to exclusive is first let go.
	 */
	if ((flags & ZF_OPEN_WRITE) && flock(a->lockfd, LOCK_EX | LOCK_NB) == 0)
		zf_object_clean_tmp(a);
	if (flock(a->lockfd, LOCK_SH) != 0)
		return zf_fail(e, EX_IOERR, "cannot lock archive '%s': %s",
		    a->dir, strerror(errno));
	return 0;
}

/*
 * The configuration in force is the one the journal last recorded
 * (config.changed): when zhifa.yaml differs, it is kept aside as pending
 * and the recorded one, read from the object store, is used.
 */
static int
config_in_force(struct zf_archive *a)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = 'config'";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	struct zf_config *c = NULL;
	char hex[ZF_DIGEST_HEX], *want = NULL;
	int rc;

	if (st == NULL)
		return a->err.code;
	if ((rc = zf_db_row(a->db, st, &a->err,
	    "cannot read the configuration in force")) < 0)
		return a->err.code;
	if (rc == 1) {
		want = xstrdup(zf_db_text(st, 0));
		sqlite3_reset(st);
	}
	if (a->config != NULL)
		zf_hex(zf_config_digest(a->config), ZF_DIGEST_LEN, hex);
	if (want == NULL && a->config == NULL)
		return zf_fail(&a->err, EX_CONFIG, "%s", a->config_problem);
	if (want == NULL || (a->config != NULL && strcmp(want, hex) == 0)) {
		free(want);
		return 0;
	}
	if ((rc = zf_object_config(a, want, &c)) == 0) {
		a->pending = a->config;
		a->config = c;
	}
	free(want);
	return rc;
}


int
zf_archive_open(const char *dir, int flags, struct zf_archive **out,
    struct zf_err *e)
{
	struct zf_archive *a = archive_new(dir);
	char *path = NULL;
	int rc, version;

	*out = NULL;
	a->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (a->dirfd < 0) {
		rc = zf_fail(e, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		    "cannot open archive '%s': %s", dir, strerror(errno));
		goto fail;
	}
	if (faccessat(a->dirfd, "zhifa.db", F_OK, 0) != 0) {
		rc = zf_fail(e, EX_NOINPUT, "'%s' is not a zhifa archive "
		    "(no zhifa.db)", dir);
		goto fail;
	}
	if ((rc = open_lock(a, flags, e)) != 0)
		goto fail;
	if (!(flags & ZF_OPEN_WRITE) && frozen(a->dirfd)) {
		a->immutable = 1;
		path = zf_archive_db_uri(a);
	} else {
		path = xasprintf("%s/zhifa.db", dir);
	}
	if ((rc = zf_db_open(a->db, path, !(flags & ZF_OPEN_WRITE), e)) != 0 ||
	    (rc = zf_db_schema_version(a->db, &version, e)) != 0)
		goto fail;
	if (version < ZF_DB_SCHEMA_VERSION) {
		if (a->lockfd < 0 || a->immutable) {
			rc = zf_fail(e, EX_IOERR, "'%s' has an older schema "
			    "and cannot be written: open it once where it "
			    "can, to bring it up to date", dir);
			goto fail;
		}
		/* Migration runs alone: wait for every other command. */
		if (flock(a->lockfd, LOCK_EX) != 0) {
			rc = zf_fail(e, EX_IOERR, "cannot lock archive '%s': "
			    "%s", dir, strerror(errno));
			goto fail;
		}
		rc = zf_db_migrate(a->db, e);
		flock(a->lockfd, LOCK_SH);
		if (rc != 0)
			goto fail;
	}
	if ((rc = read_meta(a)) != 0 || (rc = zf_trust_genesis(a)) != 0) {
		*e = a->err;
		goto fail;
	}
	free(path);
	path = xasprintf("%s/zhifa.yaml", dir);
	/* A zhifa.yaml that does not read is told to writers; readers go
	 * on with the configuration in force. */
	if ((rc = zf_config_load(path, a->suite, &a->config, e)) != 0) {
		if (rc != EX_CONFIG)
			goto fail;
		a->config_problem = xstrdup(e->msg);
	}
	if ((rc = config_in_force(a)) != 0) {
		*e = a->err;
		if (a->config_problem != NULL && rc == EX_NOINPUT)
			zf_fail(e, EX_CONFIG, "%s", a->config_problem);
		goto fail;
	}
	if (zf_clock_now(a->config->offset, &a->now, &a->fixed_clock) != 0) {
		rc = zf_fail(e, EX_USAGE, "ZHIFA_NOW is not an RFC 3339 time: "
		    "'%s'", getenv("ZHIFA_NOW"));
		goto fail;
	}
	if ((rc = zf_trust_clock(a)) != 0) {
		*e = a->err;
		goto fail;
	}
	free(path);
	*out = a;
	return 0;
fail:
	free(path);
	zf_archive_close(a);
	return rc;
}

void
zf_archive_close(struct zf_archive *a)
{
	if (a == NULL)
		return;
	if (a->db != NULL) {
		zf_db_rollback(a->db);
		zf_db_close(a->db);
		free(a->db);
	}
	zf_object_discard_uncommitted(a);
	if (a->lockfd >= 0)
		close(a->lockfd);
	if (a->dirfd >= 0)
		close(a->dirfd);
	zf_config_free(a->config);
	zf_config_free(a->pending);
	free(a->config_problem);
	zf_key_free(a->actor_key);
	free(a->actor_label);
	zf_calendar_free(a->calendar);
	free(a->checkpoint_note);
	free(a->signer_state);
	free(a->key_problem);
	free(a->dir);
	free(a->id);
	free(a->origin);
	free(a);
}

struct zf_calendar *
zf_archive_calendar(struct zf_archive *a)
{
	struct zf_err e;
	size_t i;

	if (a->calendar != NULL)
		return a->calendar;
	/* The built-in data is checked by the tests; failing here is a bug. */
	if (zf_calendar_default(&a->calendar, &e) != 0)
		abort();
	for (i = 0; i < a->config->ncal_on; i++)
		zf_calendar_set(a->calendar, a->config->cal_on[i], 1);
	for (i = 0; i < a->config->ncal_off; i++)
		zf_calendar_set(a->calendar, a->config->cal_off[i], 0);
	return a->calendar;
}

int32_t
zf_archive_today(const struct zf_archive *a)
{
	return zf_time_date(&a->now);
}

int
zf_archive_actor(struct zf_archive *a, const char *as)
{
	const char *who = as;
	struct passwd *pw;

	if (who == NULL || who[0] == '\0')
		who = getenv("ZHIFA_ACTOR");
	if (who != NULL && who[0] != '\0') {
		if ((a->actor = zf_config_person(a->config, who)) == NULL)
			return zf_fail(&a->err, EX_NOPERM, "'%s' is not a "
			    "person in %s", who, a->config->path);
		return 0;
	}
	pw = getpwuid(geteuid());
	if (pw == NULL)
		return zf_fail(&a->err, EX_NOPERM, "cannot tell who you are: "
		    "give --as PERSON");
	a->actor = zf_config_person_by_login(a->config, pw->pw_name);
	if (a->actor == NULL)
		return zf_fail(&a->err, EX_NOPERM, "no person in %s has the "
		    "login '%s': give --as PERSON or set ZHIFA_ACTOR",
		    a->config->path, pw->pw_name);
	return 0;
}

int
zf_archive_actor_key(struct zf_archive *a, const char *path)
{
	const char *who;
	char *file, *held = NULL, *mine = NULL, msg[256];
	char *label = NULL;
	struct zf_key *k = NULL;
	struct stat sb;
	int any, rc;
	int64_t revoked;

	if (a->actor == NULL)
		return zf_fail(&a->err, EX_NOPERM, "nobody is acting");
	who = a->actor->id;
	file = zf_person_key_path(a->id, who, path);
	if ((rc = zf_persons_key_in_force(a->db, who, &held, &any,
	    &a->err)) != 0)
		goto out;
	if (!any) {
		rc = zf_fail(&a->err, EX_NOPERM, "this archive holds no "
		    "personal key yet (it was made before them): the head "
		    "first registers their own, with person-key new and "
		    "person-key register");
		goto out;
	}
	if (access(file, F_OK) != 0) {
		rc = zf_fail(&a->err, EX_NOPERM, "acting as %s needs %s's "
		    "private key, which is not at '%s' (give --person-key "
		    "FILE or set ZHIFA_PERSON_KEY): make one with 'person-key "
		    "new --as %s' and have the head register it "
		    "('person-key register %s FILE')%s", who, who, file, who,
		    who, held ? "" : _("; no key of theirs is registered"));
		goto out;
	}
	if (stat(file, &sb) == 0 && (sb.st_mode & 077) != 0) {
		rc = zf_fail(&a->err, EX_NOPERM, "%s's private key '%s' may be "
		    "read by others (mode %04o): it proves who acts only "
		    "while it is theirs alone; chmod 600 it", who, file,
		    (unsigned)(sb.st_mode & 07777));
		goto out;
	}
	if ((k = zf_key_load_private(a->suite, file, msg, sizeof(msg))) ==
	    NULL) {
		rc = zf_fail(&a->err, errno == EINVAL || errno == EACCES ||
		    errno == ENOENT ? EX_NOPERM : EX_IOERR, "%s's private key "
		    "'%s' cannot be used: %s", who, file, msg);
		goto out;
	}
	mine = zf_note_key_vkey(k, a->suite, who);
	label = zf_vkey_label(mine);
	if (held == NULL || strcmp(held, mine) != 0) {
		revoked = zf_persons_revoked_at(a->db, label, &a->err);
		if (revoked >= 0)
			rc = zf_fail(&a->err, EX_NOPERM, "the key '%s' (%s) "
			    "was revoked at event %lld: %s acts with a key "
			    "the head registers anew (person-key new, "
			    "person-key register)", file, label,
			    (long long)revoked, who);
		else if (held == NULL)
			rc = zf_fail(&a->err, EX_NOPERM, "%s holds no "
			    "registered key: the head registers '%s' with "
			    "'person-key register %s FILE' (its public key: "
			    "%s)", who, file, who, mine);
		else
			rc = zf_fail(&a->err, EX_NOPERM, "the key '%s' (%s) "
			    "is not the one registered for %s: give the right "
			    "one (--person-key FILE) or have the head register "
			    "this one", file, label, who);
		goto out;
	}
	a->actor_key = k;
	a->actor_label = label;
	k = NULL;
	label = NULL;
out:
	zf_key_free(k);
	free(label);
	free(mine);
	free(held);
	free(file);
	return rc;
}

int
zf_archive_sign_as(struct zf_archive *a, struct zf_key *k)
{
	char *vkey;

	if (a->actor == NULL)
		return zf_fail(&a->err, EX_NOPERM, "nobody is acting");
	vkey = zf_note_key_vkey(k, a->suite, a->actor->id);
	zf_key_free(a->actor_key);
	free(a->actor_label);
	a->actor_key = k;
	a->actor_label = zf_vkey_label(vkey);
	free(vkey);
	return 0;
}

const struct zf_config *
zf_archive_pending(const struct zf_archive *a)
{
	return a->applied ? NULL : a->pending;
}

int
zf_archive_latest_checkpoint(struct zf_archive *a, char **note)
{
	static const char sql[] = "SELECT note FROM checkpoints "
	    "ORDER BY size DESC LIMIT 1";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	int rc;

	*note = NULL;
	if (st == NULL)
		return a->err.code;
	if ((rc = zf_db_row(a->db, st, &a->err,
	    "cannot read the last checkpoint")) < 0)
		return a->err.code;
	if (rc == 1) {
		*note = xstrdup(zf_db_text(st, 0));
		sqlite3_reset(st);
	}
	return 0;
}

const char *
zf_archive_config_problem(const struct zf_archive *a)
{
	return a->config_problem;
}

int
zf_archive_drill(const struct zf_archive *a)
{
	return a->drill;
}

const char *
zf_archive_id(const struct zf_archive *a)
{
	return a->id;
}

static char *
default_key_path(const char *id)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	const char *key = getenv("ZHIFA_KEY");

	if (key != NULL && key[0] != '\0')
		return xstrdup(key);
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/zhifa/keys/%s.pem", xdg, id);
	if (home == NULL || home[0] == '\0') {
		struct passwd *pw = getpwuid(geteuid());

		home = pw ? pw->pw_dir : "/";
	}
	return xasprintf("%s/.config/zhifa/keys/%s.pem", home, id);
}

char *
zf_archive_key_path(const struct zf_archive *a)
{
	return default_key_path(a->id);
}

static int
read_head(struct zf_archive *a)
{
	static const char sql[] = "SELECT seq, hash FROM journal "
	    "ORDER BY seq DESC LIMIT 1";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	int rc;

	if (st == NULL)
		return a->err.code;
	memset(a->head, 0, sizeof(a->head));
	a->next_seq = 0;
	rc = zf_db_row(a->db, st, &a->err, "cannot read the journal");
	if (rc < 0)
		return a->err.code;
	if (rc == 1) {
		if (sqlite3_column_bytes(st, 1) != ZF_DIGEST_LEN) {
			sqlite3_reset(st);
			return zf_fail(&a->err, EX_DATAERR,
			    "the journal's last event has no hash: "
			    "run archive-verify");
		}
		a->next_seq = sqlite3_column_int64(st, 0) + 1;
		memcpy(a->head, sqlite3_column_blob(st, 1), ZF_DIGEST_LEN);
	}
	sqlite3_reset(st);
	return 0;
}

/* Journals zhifa.yaml when it is not the version in force. */
static int
journal_config(struct zf_archive *a)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = 'config'";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	char hex[ZF_DIGEST_HEX];
	uint8_t digest[ZF_DIGEST_LEN];
	struct zf_json *data;
	int same = 0, rc;

	if (st == NULL)
		return a->err.code;
	zf_hex(zf_config_digest(a->config), ZF_DIGEST_LEN, hex);
	if ((rc = zf_db_row(a->db, st, &a->err,
	    "cannot read the configuration in force")) < 0)
		return a->err.code;
	if (rc == 1)
		same = strcmp((const char *)sqlite3_column_text(st, 0),
		    hex) == 0;
	sqlite3_reset(st);
	if (same)
		return 0;
	rc = zf_object_put_mem(a, a->config->bytes, a->config->len, digest);
	if (rc != 0)
		return rc;
	data = zf_json_object();
	zf_json_set_str(data, "digest", hex);
	zf_json_set_int(data, "size", (int64_t)a->config->len);
	zf_json_set_str(data, "file", "zhifa.yaml");
	return zf_journal_append(a, "config.changed", NULL, data, NULL);
}

/*
 * What was checked when the command began must still hold once it
 * writes: the actor's key not revoked or replaced meanwhile, the
 * configuration it read still the one in force.
 */
static int
still_so(struct zf_archive *a)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = 'config'";
	char hex[ZF_DIGEST_HEX], *held = NULL, *label;
	sqlite3_stmt *st;
	int any, rc, same = 1;

	if (a->actor_key != NULL && a->actor != NULL && a->next_seq > 0) {
		if ((rc = zf_persons_key_in_force(a->db, a->actor->id, &held,
		    &any, &a->err)) != 0)
			return rc;
		label = held ? zf_vkey_label(held) : NULL;
		same = any == 0 || (label != NULL &&
		    strcmp(label, a->actor_label) == 0);
		free(label);
		free(held);
		if (!same)
			return zf_fail(&a->err, EX_NOPERM, "%s's key %s was "
			    "revoked or replaced while this command ran: "
			    "nothing was recorded", a->actor->id,
			    a->actor_label);
	}
	if (a->applied || (st = zf_db_stmt(a->db, sql, &a->err)) == NULL)
		return a->applied ? 0 : a->err.code;
	if ((rc = zf_db_row(a->db, st, &a->err,
	    "cannot read the configuration in force")) < 0)
		return a->err.code;
	if (rc == 1) {
		zf_hex(zf_config_digest(a->config), ZF_DIGEST_LEN, hex);
		same = strcmp(zf_db_text(st, 0), hex) == 0;
		sqlite3_reset(st);
	}
	if (!same)
		return zf_fail(&a->err, EX_CONFIG, "the configuration in force "
		    "changed while this command ran (archive-config apply): "
		    "nothing was recorded; run it again");
	return 0;
}

int
zf_archive_begin(struct zf_archive *a)
{
	int rc;

	a->appended = 0;
	if ((rc = zf_db_begin(a->db, &a->err)) != 0)
		return rc;
	/* The recording time is taken now, not when the command began: a
	 * writer that read a large file meanwhile is not behind the clock. */
	if (!a->fixed_clock)
		zf_clock_now(a->config->offset, &a->now, NULL);
	if ((rc = read_head(a)) != 0 || (rc = zf_trust_forward(a)) != 0 ||
	    (rc = still_so(a)) != 0) {
		zf_db_rollback(a->db);
		return rc;
	}
	return 0;
}

/* 1 when some head of c holds a key in force (or no key exists yet). */
static int
keyed_head(struct zf_archive *a, const struct zf_config *c)
{
	char *held;
	size_t i;
	int any, found = 0;

	for (i = 0; i < c->npeople && !found; i++) {
		if (c->people[i].role != ZF_ROLE_HEAD ||
		    zf_persons_key_in_force(a->db, c->people[i].id, &held,
		    &any, &a->err) != 0)
			continue;
		found = held != NULL || !any;
		free(held);
	}
	return found;
}

int
zf_archive_apply_config(struct zf_archive *a)
{
	struct zf_config *c = a->pending;

	if (c == NULL)
		return zf_fail(&a->err, EX_DATAERR, "zhifa.yaml is the "
		    "configuration in force already: nothing to apply");
	if (!keyed_head(a, c))
		return zf_fail(&a->err, EX_CONFIG, "zhifa.yaml names no head "
		    "(role: head) who holds a registered key: nobody could "
		    "register keys or apply the next configuration; keep a "
		    "head whose key is registered");
	/* From here on the file is the configuration in force; the one it
	 * replaces stays until close, for the actor resolved from it. */
	a->pending = a->config;
	a->config = c;
	a->applied = 1;
	return journal_config(a);
}

void
zf_archive_abort(struct zf_archive *a)
{
	zf_db_rollback(a->db);
	free(a->checkpoint_note);
	a->checkpoint_note = NULL;
}

/*
 * Signs a checkpoint of the tree as it now stands, after checking that
 * the tree is an extension of the last checkpoint.  No key at hand is
 * not an error: a later command, or archive-checkpoint, signs.
 */
static int
sign_checkpoint(struct zf_archive *a, struct zf_key *key)
{
	static const char sql_last[] = "SELECT size, root FROM checkpoints "
	    "ORDER BY size DESC LIMIT 1";
	static const char sql_put[] = "INSERT INTO checkpoints (size, root, "
	    "time, note) VALUES (?, ?, ?, ?)";
	uint8_t root[ZF_DIGEST_LEN], old[ZF_DIGEST_LEN];
	uint8_t proof[64][ZF_DIGEST_LEN];
	uint64_t n = (uint64_t)a->next_seq, m = 0;
	char *text, when[26], *why = NULL;
	sqlite3_stmt *st;
	size_t plen;
	int rc;

	if (zf_merkle_root(a->suite, n, zf_journal_tree_read, a->db,
	    root) != 0)
		return zf_db_failed(a->db, &a->err) != 0 ? a->err.code :
		    zf_fail(&a->err, EX_DATAERR, "the journal's tree is "
		    "incomplete: run archive-verify");
	if ((st = zf_db_stmt(a->db, sql_last, &a->err)) == NULL)
		return a->err.code;
	if ((rc = zf_db_row(a->db, st, &a->err,
	    "cannot read the last checkpoint")) < 0)
		return a->err.code;
	if (rc == 1 && sqlite3_column_bytes(st, 1) == ZF_DIGEST_LEN) {
		m = (uint64_t)sqlite3_column_int64(st, 0);
		memcpy(old, sqlite3_column_blob(st, 1), ZF_DIGEST_LEN);
	}
	sqlite3_reset(st);
	if (m == n)
		return 0;
	/* Only over events it can vouch for, and a journal that extends
	 * what this key signed before: else the tail stays unsigned. */
	{
		char *kp = zf_archive_key_path(a);

		free(a->signer_state);
		rc = zf_signer_vouch(a, kp, n, root, &a->rewound,
		    &a->signer_state, &why);
		free(kp);
	}
	if (rc == 1) {
		if (a->key_problem == NULL)
			a->key_problem = xasprintf("the checkpoint was not "
			    "signed: %s; run archive-verify", why);
		free(why);
		return 0;
	}
	if (rc != 0)
		return rc;
	if (m > n)
		return zf_fail(&a->err, EX_DATAERR, "the journal has %llu "
		    "events but checkpoint %llu exists: it was cut short; "
		    "run archive-verify", (unsigned long long)n,
		    (unsigned long long)m);
	if (m > 0 && (zf_merkle_consistency_proof(a->suite, m, n,
	    zf_journal_tree_read, a->db, proof, &plen) != 0 ||
	    !zf_merkle_verify_consistency(a->suite, m, n, old, root, proof,
	    plen)))
		return zf_db_failed(a->db, &a->err) != 0 ? a->err.code :
		    zf_fail(&a->err, EX_DATAERR, "the journal is not an "
		    "extension of checkpoint %llu: refusing to sign; run "
		    "archive-verify", (unsigned long long)m);
	text = zf_checkpoint_text(a->origin, n, root);
	free(a->checkpoint_note);
	a->checkpoint_note = zf_note_sign(key, a->suite, a->origin, text);
	free(text);
	if (a->checkpoint_note == NULL)
		return zf_fail(&a->err, EX_SOFTWARE, "cannot sign the "
		    "checkpoint");
	zf_time_format(&a->now, when);
	if ((st = zf_db_stmt(a->db, sql_put, &a->err)) == NULL)
		return a->err.code;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)n);
	sqlite3_bind_blob(st, 2, root, ZF_DIGEST_LEN, SQLITE_STATIC);
	zf_db_bind_text(st, 3, when);
	zf_db_bind_text(st, 4, a->checkpoint_note);
	return zf_db_done(a->db, st, &a->err, "cannot store the checkpoint");
}

struct zf_key *
zf_archive_load_key(struct zf_archive *a)
{
	char *path = zf_archive_key_path(a), msg[256];
	uint8_t pub[ZF_PUBKEY_MAX];
	struct zf_key *k = NULL;
	size_t len;

	if (access(path, F_OK) != 0)
		goto out;	/* no key here: writes go unsigned, by design */
	errno = 0;
	if (access(path, R_OK) != 0)
		snprintf(msg, sizeof(msg), "%s", strerror(errno));
	else
		k = zf_key_load_private(a->suite, path, msg, sizeof(msg));
	a->key_io = k == NULL && (errno == EIO || errno == ENOSPC ||
	    errno == ESTALE || errno == ETIMEDOUT || errno == ENXIO);
	if (k != NULL) {
		len = zf_key_public(k, pub);
		if (len != a->pubkey_len || memcmp(pub, a->pubkey, len) != 0) {
			snprintf(msg, sizeof(msg), "it is not this archive's "
			    "key (keys/agency.vkey)");
			zf_key_free(k);
			k = NULL;
		}
	}
	if (k == NULL && a->key_problem == NULL)
		a->key_problem = xasprintf("the agency key '%s' cannot be "
		    "used: %s; what is recorded now is not signed until a "
		    "later command signs a checkpoint with the right key",
		    path, msg);
out:
	free(path);
	return k;
}

static uint64_t
file_checkpoint_size(int dirfd)
{
	char buf[4096], *p;
	ssize_t n;
	int fd = openat(dirfd, "checkpoint", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = zf_read_full(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if ((p = strchr(buf, '\n')) == NULL)
		return 0;
	return strtoull(p + 1, NULL, 10);
}

/*
 * Replaces ARCHIVE/checkpoint with a newer note, durably.  Commands that
 * commit at the same moment take turns (an exclusive flock on the
 * archive folder), and each replaces the file only with a larger tree,
 * so the file never goes back.
 */
static void
write_checkpoint_file(struct zf_archive *a)
{
	char tmp[64];
	uint8_t rnd[6];
	char hex[13];
	size_t len = strlen(a->checkpoint_note);
	int fd, lockfd;

	lockfd = openat(a->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lockfd < 0)
		return;
	if (flock(lockfd, LOCK_EX) != 0)
		goto out;
	if (file_checkpoint_size(a->dirfd) >= (uint64_t)a->next_seq)
		goto out;
	if (zf_random(rnd, sizeof(rnd)) != 0)
		goto out;
	zf_hex(rnd, sizeof(rnd), hex);
	snprintf(tmp, sizeof(tmp), "tmp/checkpoint-%s", hex);
	fd = openat(a->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0444);
	if (fd < 0)
		goto out;
	if (write(fd, a->checkpoint_note, len) != (ssize_t)len ||
	    fsync(fd) != 0) {
		close(fd);
		unlinkat(a->dirfd, tmp, 0);
		goto out;
	}
	close(fd);
	if (renameat(a->dirfd, tmp, a->dirfd, "checkpoint") != 0) {
		unlinkat(a->dirfd, tmp, 0);
		goto out;
	}
	fsync(a->dirfd);
out:
	close(lockfd);
}

int
zf_archive_commit(struct zf_archive *a)
{
	struct zf_key *key = NULL;
	int rc;

	if (a->appended > 0 && (key = zf_archive_load_key(a)) != NULL) {
		rc = sign_checkpoint(a, key);
		zf_key_free(key);
		if (rc != 0) {
			zf_archive_abort(a);
			return rc;
		}
	}
	if ((rc = zf_db_commit(a->db, &a->err)) != 0) {
		zf_archive_abort(a);
		return rc;
	}
	zf_object_keep_stored(a);
	if (a->checkpoint_note != NULL) {
		char *kp = zf_archive_key_path(a);

		write_checkpoint_file(a);
		zf_trust_signer_record(kp, a->checkpoint_note,
		    a->signer_state, a->rewound);
		free(kp);
	}
	free(a->checkpoint_note);
	a->checkpoint_note = NULL;
	return 0;
}

/* Creation. */

static int
read_file(const char *path, struct zf_buf *b, struct zf_err *e)
{
	if (zf_read_file(AT_FDCWD, path, SIZE_MAX, b) != 0)
		return zf_fail(e, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		    "cannot read '%s': %s", path, strerror(errno));
	return 0;
}

static int
write_file_at(int dirfd, const char *name, const void *data, size_t len,
    mode_t mode)
{
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    mode);
	const char *p = data;

	if (fd < 0)
		return -1;
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* mkdir -p for the key's folder, private to its owner. */
/*
 * An absolute, normalised form of path, which need not exist: "." and
 * ".." are resolved lexically, and the deepest part that exists is
 * resolved through realpath(3), symbolic links and all.
 */
static char *
absolute(const char *path)
{
	char cwd[PATH_MAX], real[PATH_MAX], *full, *out, *p, *save = NULL;
	size_t len = 0, keep;

	if (path[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		full = xstrdup(path);
	else
		full = xasprintf("%s/%s", cwd, path);
	out = xcalloc(1, strlen(full) + 2);
	for (p = strtok_r(full, "/", &save); p != NULL;
	    p = strtok_r(NULL, "/", &save)) {
		if (strcmp(p, ".") == 0)
			continue;
		if (strcmp(p, "..") == 0) {
			while (len > 0 && out[--len] != '/')
				;
			out[len] = '\0';
			continue;
		}
		len += (size_t)sprintf(out + len, "/%s", p);
	}
	if (len == 0)
		strcpy(out, "/");
	free(full);
	/* Resolve the deepest existing ancestor. */
	for (keep = strlen(out); keep > 0; ) {
		char save_ch = out[keep];

		out[keep] = '\0';
		if (realpath(out[0] ? out : "/", real) != NULL) {
			out[keep] = save_ch;
			full = xasprintf("%s%s", strcmp(real, "/") == 0 ? "" :
			    real, out + keep);
			free(out);
			return full;
		}
		out[keep] = save_ch;
		while (keep > 0 && out[--keep] != '/')
			;
	}
	return out;
}

/* 1 when path lies inside dir (neither need exist yet). */
static int
inside(const char *path, const char *dir)
{
	char *p = absolute(path), *d = absolute(dir);
	size_t n = strlen(d);
	int in = strncmp(p, d, n) == 0 && (p[n] == '\0' || p[n] == '/' ||
	    strcmp(d, "/") == 0);

	free(p);
	free(d);
	return in;
}

static int
dir_is_empty(const char *dir, int *exists)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	int empty = 1;

	*exists = stat(dir, &st) == 0;
	if (!*exists)
		return 1;
	if (!S_ISDIR(st.st_mode))
		return 0;
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * The people who get a key at creation: the head named first in the
 * file (the actor of the first events), and in a drill everyone.
 */
static int
genesis_keys(struct zf_archive *a, int drill, struct zf_json *keys,
    struct zf_err *e)
{
	char *path, *vkey, msg[256];
	struct zf_key *k;
	size_t i;

	for (i = 0; i < a->config->npeople && a->actor == NULL; i++)
		if (a->config->people[i].role == ZF_ROLE_HEAD)
			a->actor = &a->config->people[i];
	if (a->actor == NULL)
		return zf_fail(e, EX_CONFIG, "zhifa.yaml names no head "
		    "(role: head): the head registers everyone's key");
	for (i = 0; i < a->config->npeople; i++) {
		const struct zf_person *p = &a->config->people[i];

		if (!drill && p != a->actor)
			continue;
		if ((k = zf_key_generate(a->suite)) == NULL)
			return zf_fail(e, EX_SOFTWARE, "cannot generate a key");
		path = zf_person_key_default(a->id, p->id);
		if (zf_make_parents(path) != 0 ||
		    zf_key_save_private(k, path, msg, sizeof(msg)) != 0) {
			zf_fail(e, EX_CANTCREAT, "cannot save %s's key to "
			    "'%s': %s", p->id, path, zf_make_parents(path) ?
			    strerror(errno) : msg);
			free(path);
			zf_key_free(k);
			return e->code;
		}
		free(path);
		vkey = zf_note_key_vkey(k, a->suite, p->id);
		zf_json_set_str(keys, p->id, vkey);
		free(vkey);
		if (p == a->actor)
			zf_archive_sign_as(a, k);
		else
			zf_key_free(k);
	}
	return 0;
}

/* The first events: the archive itself, then its configuration. */
static int
journal_genesis(struct zf_archive *a, struct zf_key *key, int drill,
    struct zf_err *e)
{
	struct zf_json *data = zf_json_object(), *keys = zf_json_object();
	char pub64[128];
	struct passwd *pw = getpwuid(geteuid());
	int rc;

	if ((rc = genesis_keys(a, drill, keys, e)) != 0) {
		zf_json_free(keys);
		zf_json_free(data);
		return rc;
	}

	zf_base64_encode(a->pubkey, a->pubkey_len, pub64);
	zf_json_set_str(data, "id", a->id);
	zf_json_set_str(data, "suite", zf_suite_name(a->suite));
	zf_json_set_str(data, "origin", a->origin);
	zf_json_set_str(data, "agency", a->config->agency_name);
	zf_json_set_str(data, "pubkey", pub64);
	zf_json_set_str(data, "login", pw ? pw->pw_name : "");
	zf_json_set_bool(data, "drill", drill);
	zf_json_set(data, "keys", keys);
	a->drill = drill;
	a->appended = 0;
	if ((rc = zf_db_begin(a->db, &a->err)) != 0) {
		zf_json_free(data);
		*e = a->err;
		return rc;
	}
	if ((rc = zf_journal_append(a, "archive.created", NULL, data,
	    NULL)) != 0 || (rc = journal_config(a)) != 0 ||
	    (rc = sign_checkpoint(a, key)) != 0) {
		zf_archive_abort(a);
		*e = a->err;
		return rc;
	}
	if ((rc = zf_db_commit(a->db, &a->err)) != 0) {
		*e = a->err;
		return rc;
	}
	zf_object_keep_stored(a);
	if (a->checkpoint_note == NULL)
		return zf_fail(e, EX_SOFTWARE, "the first checkpoint was not "
		    "signed: %s", a->key_problem ? a->key_problem : "?");
	write_checkpoint_file(a);
	zf_trust_signer_record(a->key_file, a->checkpoint_note,
	    a->signer_state, 0);
	return 0;
}

static int
build(struct zf_archive *a, const char *tmpdir, struct zf_buf *config,
    struct zf_key *key, int drill, struct zf_err *e)
{
	static const char *const dirs[] = { "objects", "keys", "tmp",
	    "exports", NULL };
	char *path = NULL, *vkey = NULL;
	int i, rc = 0;

	if ((a->dirfd = open(tmpdir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0)
		return zf_fail(e, EX_CANTCREAT, "cannot open '%s': %s", tmpdir,
		    strerror(errno));
	for (i = 0; dirs[i] != NULL; i++)
		if (mkdirat(a->dirfd, dirs[i], 0750) != 0)
			goto io;
	path = xasprintf("objects/%s", zf_suite_digest_name(a->suite));
	if (mkdirat(a->dirfd, path, 0750) != 0)
		goto io;
	vkey = zf_note_vkey(a->suite, a->origin, a->pubkey, a->pubkey_len);
	if (write_file_at(a->dirfd, "zhifa.yaml", config->data, config->len,
	    0640) != 0 ||
	    write_file_at(a->dirfd, "lock", "", 0, 0660) != 0)
		goto io;
	{
		char *line = xasprintf("%s\n", vkey);

		i = write_file_at(a->dirfd, "keys/agency.vkey", line,
		    strlen(line), 0444);
		free(line);
		if (i != 0)
			goto io;
	}
	free(path);
	path = xasprintf("%s/zhifa.db", tmpdir);
	if ((rc = zf_db_open(a->db, path, 0, e)) != 0 ||
	    (rc = zf_db_create_schema(a->db, e)) != 0)
		goto out;
	if ((rc = zf_config_parse("zhifa.yaml", config->data, config->len,
	    a->suite, &a->config, e)) != 0)
		goto out;
	if (zf_clock_now(a->config->offset, &a->now, &a->fixed_clock) != 0) {
		rc = zf_fail(e, EX_USAGE, "ZHIFA_NOW is not an RFC 3339 time");
		goto out;
	}
	if (a->fixed_clock && !drill) {
		rc = zf_fail(e, EX_USAGE, "ZHIFA_NOW is set, but a real "
		    "archive's times come from the system clock: unset it, or "
		    "make a drill (archive-init --drill)");
		goto out;
	}
	if ((rc = journal_genesis(a, key, drill, e)) != 0)
		goto out;
	goto out;
io:
	rc = zf_fail(e, EX_CANTCREAT, "cannot create the archive in '%s': %s",
	    tmpdir, strerror(errno));
out:
	free(vkey);
	free(path);
	return rc;
}

int
zf_archive_create(const char *dir, const char *config_path, int suite,
    const char *key_path, int drill, char **key_used, struct zf_err *e)
{
	struct zf_archive *a = NULL;
	struct zf_config *check = NULL;
	struct zf_key *key = NULL;
	struct zf_buf config;
	char *tmpdir = NULL, *keyfile = NULL, *copy, *slash, msg[256];
	uint8_t rnd[16];
	char hex[33];
	int exists, rc = 0, key_saved = 0;

	*key_used = NULL;
	zf_buf_init(&config);
	if (config_path != NULL) {
		if ((rc = read_file(config_path, &config, e)) != 0)
			goto out;
		if ((rc = zf_config_parse(config_path, config.data, config.len,
		    suite, &check, e)) != 0)
			goto out;
	} else {
		zf_buf_addstr(&config, zf_config_sample);
	}
	if (!dir_is_empty(dir, &exists)) {
		rc = zf_fail(e, EX_CANTCREAT, "'%s' exists and is not an empty "
		    "folder", dir);
		goto out;
	}
	if (zf_random(rnd, sizeof(rnd)) != 0) {
		rc = zf_fail(e, EX_SOFTWARE, "no random numbers: %s",
		    strerror(errno));
		goto out;
	}
	zf_hex(rnd, sizeof(rnd), hex);
	a = archive_new(dir);
	a->suite = suite;
	a->id = xstrdup(hex);
	a->origin = xasprintf("zhifa.archive/%s", hex);

	keyfile = key_path ? xstrdup(key_path) : default_key_path(a->id);
	if (inside(keyfile, dir)) {
		rc = zf_fail(e, EX_USAGE, "the private key '%s' must not be "
		    "inside the archive", keyfile);
		goto out;
	}
	if ((key = zf_key_generate(suite)) == NULL) {
		rc = zf_fail(e, EX_SOFTWARE, "cannot generate an %s key",
		    zf_suite_name(suite));
		goto out;
	}
	a->pubkey_len = zf_key_public(key, a->pubkey);

	/* Build beside dir, then rename: the archive appears whole. */
	copy = xstrdup(dir);
	while ((slash = strrchr(copy, '/')) != NULL && slash[1] == '\0' &&
	    slash != copy)
		*slash = '\0';
	slash = strrchr(copy, '/');
	if (slash == NULL)
		tmpdir = xasprintf(".%s.new-XXXXXX", copy);
	else
		tmpdir = xasprintf("%.*s/.%s.new-XXXXXX", (int)(slash - copy),
		    copy, slash + 1);
	free(copy);
	if (mkdtemp(tmpdir) == NULL) {
		rc = zf_fail(e, EX_CANTCREAT, "cannot create '%s': %s", dir,
		    strerror(errno));
		free(tmpdir);
		tmpdir = NULL;
		goto out;
	}
	chmod(tmpdir, 0750);
	if (zf_make_parents(keyfile) != 0 ||
	    zf_key_save_private(key, keyfile, msg, sizeof(msg)) != 0) {
		rc = zf_fail(e, EX_CANTCREAT, "cannot save the agency key to "
		    "'%s': %s", keyfile, zf_make_parents(keyfile) ?
		    strerror(errno) : msg);
		goto out;
	}
	key_saved = 1;
	a->key_file = keyfile;
	if ((rc = build(a, tmpdir, &config, key, drill, e)) != 0)
		goto out;
	zf_db_close(a->db);
	if (rename(tmpdir, dir) != 0) {
		rc = zf_fail(e, EX_CANTCREAT, "cannot create '%s': %s", dir,
		    strerror(errno));
		goto out;
	}
	{
		char *parent = xstrdup(dir), *s = strrchr(parent, '/');
		int fd;

		if (s != NULL)
			*s = '\0';
		fd = open(s ? (parent[0] ? parent : "/") : ".",
		    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
		free(parent);
	}
	free(tmpdir);
	tmpdir = NULL;
	*key_used = keyfile;
	keyfile = NULL;
out:
	if (tmpdir != NULL) {
		remove_tree(tmpdir);
		free(tmpdir);
	}
	if (rc != 0 && key_saved)
		unlink(keyfile);
	zf_key_free(key);
	zf_config_free(check);
	zf_archive_close(a);
	zf_buf_release(&config);
	free(keyfile);
	return rc;
}

struct zf_err *
zf_archive_err(struct zf_archive *a)
{
	return &a->err;
}

struct zf_db *
zf_archive_db(struct zf_archive *a)
{
	return a->db;
}

struct zf_config *
zf_archive_config(const struct zf_archive *a)
{
	return a->config;
}

const struct zf_person *
zf_archive_person(const struct zf_archive *a)
{
	return a->actor;
}

int
zf_archive_suite(const struct zf_archive *a)
{
	return a->suite;
}

const struct zf_time *
zf_archive_now(const struct zf_archive *a)
{
	return &a->now;
}

int *
zf_archive_beyond(struct zf_archive *a)
{
	return &a->calendar_beyond;
}

const char *
zf_archive_origin(const struct zf_archive *a)
{
	return a->origin;
}

const uint8_t *
zf_archive_pubkey(const struct zf_archive *a)
{
	return a->pubkey;
}

int
zf_archive_key_io(const struct zf_archive *a)
{
	return a->key_io;
}

const char *
zf_archive_warning(const struct zf_archive *a)
{
	return a->key_problem;
}

size_t
zf_archive_pubkey_len(const struct zf_archive *a)
{
	return a->pubkey_len;
}

/*
 * path made absolute with its folder's links and dots resolved, and the
 * link it ends in, if it does, followed (a dangling one too: writing
 * through it would create its target); NULL.
 */
static char *
resolve_output_at(const char *path, int depth)
{
	char *copy = xstrdup(path), *slash = strrchr(copy, '/'), *dir, *out;
	char target[4096];
	const char *base;
	ssize_t n;

	if (slash == NULL) {
		dir = realpath(".", NULL);
		base = copy;
	} else {
		*slash = '\0';
		dir = realpath(slash == copy ? "/" : copy, NULL);
		base = slash + 1;
	}
	if (dir == NULL) {
		out = NULL;
	} else if (*base == '\0' || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0) {
		out = realpath(path, NULL);
	} else {
		out = xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir,
		    base);
		if ((n = readlink(out, target, sizeof(target) - 1)) > 0) {
			char *next;

			target[n] = '\0';
			next = target[0] == '/' ? xstrdup(target) :
			    xasprintf("%s/%s", dir, target);
			free(out);
			out = depth < 40 ? resolve_output_at(next, depth + 1) :
			    NULL;
			free(next);
		}
	}
	free(dir);
	free(copy);
	return out;
}

static char *
resolve_output(const char *path)
{
	return resolve_output_at(path, 0);
}

int
zf_archive_outside(struct zf_archive *a, const char *path, int exports)
{
	char *root = realpath(a->dir, NULL), *where = resolve_output(path);
	size_t n;
	int rc = 0;

	if (root == NULL || where == NULL)
		goto out;
	n = strlen(root);
	if (strncmp(where, root, n) != 0 ||
	    (where[n] != '\0' && where[n] != '/'))
		goto out;
	if (exports && strncmp(where + n, "/exports/", 9) == 0 &&
	    where[n + 9] != '\0')
		goto out;
	rc = zf_fail(&a->err, EX_USAGE, "'%s' is inside the archive %s%s: "
	    "nothing is written there but by the archive's own programs",
	    path, a->dir, exports ? _(" (only its exports/ folder takes "
	    "bundles)") : "");
out:
	free(root);
	free(where);
	return rc;
}
