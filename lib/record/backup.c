/* backup: the online copy of the database and its objects. */
#include "record/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/io.h"
#include "record/archive.h"
#include "record/db.h"
#include "record/handle.h"
#include "record/object.h"
#include "base/i18n.h"

struct backup {
	struct zf_archive *a;
	const char *dest;
	int fd;			/* the destination folder */
	int lockfd;
	struct zf_db copy;	/* the new database, in tmp/ */
	char *tmpdb;		/* its name, relative to the destination */
	int64_t dest_events;	/* the events of the backup it replaces */
	char *dest_hash;	/* and the hash of its last (hex) */
	struct zf_backup_stats *st;
};

/* The names an archive may hold: what an earlier backup may have left. */
static const char *const names[] = { "zhifa.yaml", "zhifa.db",
    "zhifa.db-wal", "zhifa.db-shm", "checkpoint", "objects", "keys",
    "tmp", "exports", "lock", NULL };

static int
io_fail(struct backup *b, const char *what, const char *path)
{
	return zf_fail(&b->a->err, EX_IOERR, "cannot %s '%s/%s': %s", _(what),
	    b->dest, path, strerror(errno));
}

/* mkdir path in the destination unless it is there (synced). */
static int
make_dir(struct backup *b, const char *path)
{
	char *parent;
	int rc;

	if (mkdirat(b->fd, path, 0750) != 0)
		return errno == EEXIST ? 0 : io_fail(b, "create", path);
	parent = xstrdup(path);
	if (strrchr(parent, '/') != NULL)
		*strrchr(parent, '/') = '\0';
	else
		strcpy(parent, ".");
	rc = zf_sync_dir(b->fd, parent) != 0 ? io_fail(b, "sync", parent) : 0;
	free(parent);
	return rc;
}

/* A fresh file tmp/NAME-RANDOM in the destination; its name in name. */
static int
temp_file(struct backup *b, const char *prefix, char *name, size_t len)
{
	uint8_t rnd[8];
	char hex[17];
	int fd;

	if (zf_random(rnd, sizeof(rnd)) != 0)
		return -1;
	zf_hex(rnd, sizeof(rnd), hex);
	snprintf(name, len, "tmp/%s-%s", prefix, hex);
	fd = openat(b->fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600);
	return fd;
}

/*
 * Puts data as path in the destination with mode: written to tmp/,
 * synced and renamed over the old one.
 */
static int
put_file(struct backup *b, const char *path, const void *data, size_t len,
    mode_t mode)
{
	char tmp[64];
	int fd;

	if ((fd = temp_file(b, "file", tmp, sizeof(tmp))) < 0)
		return io_fail(b, "create a file in", "tmp");
	if (zf_write_full(fd, data, len) != 0 || fchmod(fd, mode) != 0 ||
	    fsync(fd) != 0) {
		close(fd);
		unlinkat(b->fd, tmp, 0);
		return io_fail(b, "write", path);
	}
	close(fd);
	if (renameat(b->fd, tmp, b->fd, path) != 0) {
		unlinkat(b->fd, tmp, 0);
		return io_fail(b, "replace", path);
	}
	return 0;
}

/* Copies the archive's file path, with its mode, to the destination. */
static int
copy_small(struct backup *b, const char *path)
{
	struct zf_buf data;
	struct stat sb;
	int rc;

	zf_buf_init(&data);
	if (fstatat(b->a->dirfd, path, &sb, 0) != 0 ||
	    zf_read_file(b->a->dirfd, path, 16 << 20, &data) != 0) {
		zf_buf_release(&data);
		return zf_fail(&b->a->err, EX_IOERR, "cannot read '%s/%s': %s",
		    b->a->dir, path, strerror(errno));
	}
	rc = put_file(b, path, data.data, data.len, sb.st_mode & 0777);
	zf_buf_release(&data);
	return rc;
}

/*
 * The archive id of the destination's database, its number of events and
 * the hash of its last (hex), or NULL (malloc'd).
 */
static char *
dest_head(struct backup *b)
{
	static const char sql[] = "SELECT (SELECT value FROM meta WHERE "
	    "key = 'id'), (SELECT count(*) FROM journal), (SELECT hex(hash) "
	    "FROM journal ORDER BY seq DESC LIMIT 1)";
	char *path = xasprintf("%s/zhifa.db", b->dest), *id = NULL;
	sqlite3_stmt *st = NULL;
	sqlite3 *h = NULL;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(h, sql, -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL) {
		id = xstrdup((const char *)sqlite3_column_text(st, 0));
		b->dest_events = sqlite3_column_int64(st, 1);
		b->dest_hash = xstrdup(zf_db_text(st, 2));
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	free(path);
	return id;
}

/*
 * Refuses a destination whose journal is not a beginning of the copy's:
 * a newer backup, or one of a different history.
 */
static int
check_history(struct backup *b)
{
	static const char sql[] = "SELECT hex(hash) FROM journal WHERE "
	    "seq = ?";
	sqlite3_stmt *st;
	int same = 0, step;

	if (b->dest_events == 0)
		return 0;
	if ((st = zf_db_stmt(&b->copy, sql, &b->a->err)) == NULL)
		return b->a->err.code;
	sqlite3_bind_int64(st, 1, b->dest_events - 1);
	if ((step = zf_db_row(&b->copy, st, &b->a->err,
	    "cannot read the copy")) < 0)
		return b->a->err.code;
	if (step == 1)
		same = strcmp(zf_db_text(st, 0), b->dest_hash) == 0;
	sqlite3_reset(st);
	if (!same)
		return zf_fail(&b->a->err, EX_DATAERR, "'%s' is not an "
		    "earlier backup of this archive: its journal of %lld "
		    "events is not where the archive's begins; give a new "
		    "folder", b->dest, (long long)b->dest_events);
	return 0;
}

/*
 * Opens (creating it when missing) and locks the destination; refuses
 * one that is not a backup of this archive.
 */
static int
open_dest(struct backup *b)
{
	struct stat sb, ab;
	struct dirent *de;
	char *id, *real;
	DIR *d;
	int i, fd;

	if (mkdir(b->dest, 0750) != 0 && errno != EEXIST)
		return zf_fail(&b->a->err, EX_CANTCREAT, "cannot create "
		    "'%s': %s", b->dest, strerror(errno));
	b->fd = open(b->dest, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (b->fd < 0)
		return zf_fail(&b->a->err, EX_CANTCREAT, "cannot open '%s': "
		    "%s", b->dest, strerror(errno));
	/* Through a link, DEST may still be the archive or inside it. */
	if ((real = realpath(b->dest, NULL)) == NULL)
		return io_fail(b, "resolve", ".");
	i = zf_archive_outside(b->a, real, 0);
	free(real);
	if (i != 0)
		return i;
	if (fstat(b->fd, &sb) != 0 || fstat(b->a->dirfd, &ab) != 0)
		return io_fail(b, "read", ".");
	if (sb.st_dev == ab.st_dev && sb.st_ino == ab.st_ino)
		return zf_fail(&b->a->err, EX_USAGE, "'%s' is the archive "
		    "itself", b->dest);
	if (faccessat(b->fd, "zhifa.db", F_OK, 0) == 0) {
		id = dest_head(b);
		i = id != NULL && strcmp(id, b->a->id) == 0;
		free(id);
		if (!i)
			return zf_fail(&b->a->err, EX_CANTCREAT, "'%s' holds "
			    "another archive, or a damaged one", b->dest);
	} else {
		if ((fd = dup(b->fd)) < 0 || (d = fdopendir(fd)) == NULL)
			return io_fail(b, "read", ".");
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			for (i = 0; names[i] != NULL; i++)
				if (strcmp(de->d_name, names[i]) == 0)
					break;
			if (names[i] == NULL) {
				closedir(d);
				return zf_fail(&b->a->err, EX_CANTCREAT,
				    "'%s' is neither empty nor a backup of "
				    "this archive", b->dest);
			}
		}
		closedir(d);
	}
	b->lockfd = openat(b->fd, "lock", O_RDWR | O_CREAT | O_CLOEXEC,
	    0640);
	if (b->lockfd < 0)
		return io_fail(b, "create", "lock");
	if (flock(b->lockfd, LOCK_EX | LOCK_NB) != 0)
		return zf_fail(&b->a->err, EX_TEMPFAIL, "'%s' is in use (by "
		    "another backup, or a command reading it)", b->dest);
	return 0;
}

/* Empties the destination's tmp/ (its lock is ours alone). */
static void
clean_tmp(struct backup *b)
{
	struct dirent *de;
	char *path;
	DIR *d;
	int fd;

	fd = openat(b->fd, "tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("tmp/%s", de->d_name);
		unlinkat(b->fd, path, 0);
		free(path);
	}
	closedir(d);
}

/* The database, in one read transaction of the archive, into tmp/. */
static int
copy_db(struct backup *b)
{
	char tmp[64], *path;
	sqlite3_backup *bk;
	int rc, fd, tries = 0;

	if ((fd = temp_file(b, "zhifa.db", tmp, sizeof(tmp))) < 0)
		return io_fail(b, "create a file in", "tmp");
	close(fd);
	b->tmpdb = xstrdup(tmp);
	path = xasprintf("%s/%s", b->dest, tmp);
	rc = sqlite3_open_v2(path, &b->copy.h, SQLITE_OPEN_READWRITE, NULL);
	free(path);
	if (rc != SQLITE_OK)
		return zf_db_fail(&b->copy, &b->a->err,
		    "cannot create the copy");
	bk = sqlite3_backup_init(b->copy.h, "main", b->a->db->h, "main");
	if (bk == NULL)
		return zf_db_fail(&b->copy, &b->a->err, "cannot copy zhifa.db");
	/* One step: one read transaction, so one snapshot. */
	while ((rc = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED) {
		if (++tries > 600)
			break;
		sqlite3_sleep(100);
	}
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE)
		return zf_fail(&b->a->err, rc == SQLITE_FULL ? EX_CANTCREAT :
		    EX_IOERR, "cannot copy zhifa.db: %s", sqlite3_errstr(rc));
	return zf_db_exec(&b->copy, "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;", &b->a->err);
}

/* Copies one object the destination lacks (or holds with another size). */
static int
copy_object(struct backup *b, const char *hex, int64_t size)
{
	uint8_t digest[ZF_DIGEST_LEN];
	char tmp[64], *path, *shard;
	struct stat sb;
	int rc, in, out;

	path = zf_object_path(b->a, hex);
	if (fstatat(b->fd, path, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(sb.st_mode) && sb.st_size == size) {
		free(path);
		return 0;
	}
	shard = xstrndup(path, strrchr(path, '/') - path);
	*strrchr(shard, '/') = '\0';
	rc = make_dir(b, shard);
	*strchr(shard, '\0') = '/';
	if (rc == 0)
		rc = make_dir(b, shard);
	if (rc != 0)
		goto out;
	if (zf_unhex(hex, digest, ZF_DIGEST_LEN) != 0) {
		rc = zf_fail(&b->a->err, EX_DATAERR, "object '%s' has no "
		    "digest: run archive-verify", hex);
		goto out;
	}
	if ((rc = zf_object_open(b->a, hex, &in)) != 0)
		goto out;
	if ((out = temp_file(b, "obj", tmp, sizeof(tmp))) < 0) {
		close(in);
		rc = io_fail(b, "create a file in", "tmp");
		goto out;
	}
	rc = zf_object_copy_out(b->a, in, out, digest, (uint64_t)size, path);
	close(in);
	if (rc == 0 && (fchmod(out, 0440) != 0 || fsync(out) != 0))
		rc = io_fail(b, "write", tmp);
	close(out);
	if (rc == 0 && renameat(b->fd, tmp, b->fd, path) != 0)
		rc = io_fail(b, "place", path);
	if (rc != 0)
		unlinkat(b->fd, tmp, 0);
	else if (zf_sync_dir(b->fd, shard) != 0)
		rc = io_fail(b, "sync", shard);
	if (rc == 0) {
		b->st->copied++;
		b->st->bytes += (uint64_t)size;
	}
out:
	free(shard);
	free(path);
	return rc;
}

/* Every object the copy references. */
static int
copy_objects(struct backup *b)
{
	static const char sql[] = "SELECT digest, size FROM objects "
	    "ORDER BY digest";
	sqlite3_stmt *st = zf_db_stmt(&b->copy, sql, &b->a->err);
	char *dir;
	int rc = 0, step;

	if (st == NULL)
		return b->a->err.code;
	dir = xasprintf("objects/%s", zf_suite_digest_name(b->a->suite));
	if ((rc = make_dir(b, "objects")) != 0 || (rc = make_dir(b, dir)) != 0)
		goto out;
	while ((step = zf_db_row(&b->copy, st, &b->a->err,
	    "cannot read the copy")) == 1) {
		b->st->objects++;
		if ((rc = copy_object(b, zf_db_text(st, 0),
		    sqlite3_column_int64(st, 1))) != 0)
			goto out;
	}
	if (step < 0)
		rc = b->a->err.code;
out:
	sqlite3_reset(st);
	free(dir);
	return rc;
}

/* The events and the latest checkpoint of the copy. */
static int
read_copy(struct backup *b, char **note)
{
	static const char sql_n[] = "SELECT count(*) FROM journal";
	static const char sql_cp[] = "SELECT size, note FROM checkpoints "
	    "ORDER BY size DESC LIMIT 1";
	sqlite3_stmt *st;
	int step;

	*note = NULL;
	if ((st = zf_db_stmt(&b->copy, sql_n, &b->a->err)) == NULL)
		return b->a->err.code;
	if ((step = zf_db_row(&b->copy, st, &b->a->err,
	    "cannot read the copy")) != 1)
		return step < 0 ? b->a->err.code : zf_fail(&b->a->err,
		    EX_SOFTWARE, "cannot count the copy's events");
	b->st->events = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if ((st = zf_db_stmt(&b->copy, sql_cp, &b->a->err)) == NULL)
		return b->a->err.code;
	if ((step = zf_db_row(&b->copy, st, &b->a->err,
	    "cannot read the copy")) < 0)
		return b->a->err.code;
	if (step == 1) {
		b->st->checkpoint = sqlite3_column_int64(st, 0);
		*note = xstrdup(zf_db_text(st, 1));
		sqlite3_reset(st);
	}
	return 0;
}

/* Closes the copy (which folds its log in), syncs it, puts it in place. */
static int
place_db(struct backup *b)
{
	struct stat sb;
	int fd;

	zf_db_close(&b->copy);
	fd = openat(b->fd, b->tmpdb, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) != 0) {
		if (fd >= 0)
			close(fd);
		return io_fail(b, "sync", b->tmpdb);
	}
	if (fstatat(b->a->dirfd, "zhifa.db", &sb, 0) != 0)
		sb.st_mode = 0640;
	if (fchmod(fd, sb.st_mode & 0777) != 0) {
		close(fd);
		return io_fail(b, "write", b->tmpdb);
	}
	close(fd);
	if (renameat(b->fd, b->tmpdb, b->fd, "zhifa.db") != 0)
		return io_fail(b, "place", "zhifa.db");
	free(b->tmpdb);
	b->tmpdb = NULL;
	return fsync(b->fd) != 0 ? io_fail(b, "sync", ".") : 0;
}

int
zf_backup(struct zf_archive *a, const char *dest, struct zf_backup_stats *st)
{
	struct backup b;
	char *note = NULL;
	int rc;

	memset(&b, 0, sizeof(b));
	memset(st, 0, sizeof(*st));
	b.a = a;
	b.dest = dest;
	b.st = st;
	b.fd = b.lockfd = -1;
	if ((rc = zf_archive_outside(a, dest, 0)) != 0)
		return rc;
	if ((rc = open_dest(&b)) != 0)
		goto out;
	if ((rc = make_dir(&b, "tmp")) != 0 ||
	    (rc = make_dir(&b, "keys")) != 0 ||
	    (rc = make_dir(&b, "exports")) != 0)
		goto out;
	clean_tmp(&b);
	if ((rc = copy_db(&b)) != 0 || (rc = read_copy(&b, &note)) != 0 ||
	    (rc = check_history(&b)) != 0 ||
	    (rc = copy_objects(&b)) != 0 ||
	    (rc = copy_small(&b, "zhifa.yaml")) != 0 ||
	    (rc = copy_small(&b, "keys/agency.vkey")) != 0 ||
	    (rc = zf_sync_dir(b.fd, "keys") != 0 ? io_fail(&b, "sync", "keys") :
	    0) != 0 || (rc = place_db(&b)) != 0)
		goto out;
	if (note != NULL && (rc = put_file(&b, "checkpoint", note,
	    strlen(note), 0444)) != 0)
		goto out;
	if (fsync(b.fd) != 0)
		rc = io_fail(&b, "sync", ".");
out:
	zf_db_close(&b.copy);
	if (b.tmpdb != NULL && b.fd >= 0) {
		char *p = xasprintf("%s-wal", b.tmpdb);

		unlinkat(b.fd, p, 0);
		free(p);
		p = xasprintf("%s-shm", b.tmpdb);
		unlinkat(b.fd, p, 0);
		free(p);
		unlinkat(b.fd, b.tmpdb, 0);
	}
	free(b.tmpdb);
	free(b.dest_hash);
	free(note);
	if (b.lockfd >= 0)
		close(b.lockfd);
	if (b.fd >= 0)
		close(b.fd);
	return rc;
}
