/* object: storing files by their digest, once, durably. */
#include "record/object.h"
#include "rules/config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record/handle.h"
#include "base/buf.h"
#include "base/io.h"
#include "base/i18n.h"

#define CHUNK (1 << 20)
#define NCHUNKS 4
/* Start writeback every so often, so the final fsync has little left. */
#define WRITEBACK (16 << 20)

/*
 * The hasher runs one step behind the writer over a ring of NCHUNKS
 * page-aligned buffers; the writer reuses a buffer only once it is
 * hashed.  Memory stays at NCHUNKS * CHUNK whatever the file size.
 */
struct pipeline {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	uint8_t *buf[NCHUNKS];
	size_t len[NCHUNKS];
	uint64_t filled, hashed;	/* chunks handed over / done */
	int eof;
	struct zf_digest *digest;
	struct zf_digest *fixity;	/* SHA-256 beside SM3; else NULL */
};

static void *
hasher(void *arg)
{
	struct pipeline *p = arg;
	uint64_t k;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->hashed == p->filled && !p->eof)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->hashed == p->filled) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		k = p->hashed;
		pthread_mutex_unlock(&p->mu);
		zf_digest_update(p->digest, p->buf[k % NCHUNKS],
		    p->len[k % NCHUNKS]);
		if (p->fixity != NULL)
			zf_digest_update(p->fixity, p->buf[k % NCHUNKS],
			    p->len[k % NCHUNKS]);
		pthread_mutex_lock(&p->mu);
		p->hashed++;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
}

char *
zf_object_path(const struct zf_archive *a, const char *hex)
{
	return xasprintf("objects/%s/%.2s/%s", zf_suite_digest_name(a->suite),
	    hex, hex + 2);
}

/*
 * A file to write an object into before it is linked into the store: an
 * unnamed one in tmp/ (O_TMPFILE) where the filesystem and /proc allow,
 * which a killed writer cannot leave behind, else tmp/obj-RANDOM.  name
 * gets "" for an unnamed file.
 */
static int
open_temp(struct zf_archive *a, char *name, size_t namelen)
{
	static int proc = -1;	/* /proc/self/fd is there to link from */
	uint8_t rnd[8];
	char hex[17];
	int fd, tries;

	name[0] = '\0';
	if (proc < 0)
		proc = access("/proc/self/fd", X_OK) == 0;
	if (proc && (fd = openat(a->dirfd, "tmp", O_TMPFILE | O_WRONLY |
	    O_CLOEXEC, 0600)) >= 0)
		return fd;
	for (tries = 0; tries < 100; tries++) {
		if (zf_random(rnd, sizeof(rnd)) != 0)
			return -1;
		zf_hex(rnd, sizeof(rnd), hex);
		snprintf(name, namelen, "tmp/obj-%s", hex);
		fd = openat(a->dirfd, name, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/* Gives the temporary file (fd, or tmp when named) the name path. */
static int
link_temp(struct zf_archive *a, int fd, const char *tmp, const char *path)
{
	char proc[32];

	if (tmp[0] != '\0')
		return linkat(a->dirfd, tmp, a->dirfd, path, 0);
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, a->dirfd, path, AT_SYMLINK_FOLLOW);
}

/*
 * Reads fd to its end, hashing it with the archive's digest into got
 * and writing it to out unless out is -1: 0, or 'r' or 'w' for the side
 * that failed (errno set).  *total gets the bytes read.
 */
static int
pass(struct zf_archive *a, int fd, int out, uint8_t got[ZF_DIGEST_LEN],
    uint64_t *total)
{
	struct zf_digest *d = zf_digest_new(a->suite);
	uint8_t *buf = xmalloc(CHUNK);
	ssize_t n;
	int rc = 0, saved = 0;

	*total = 0;
	while ((n = zf_read_full(fd, buf, CHUNK)) > 0) {
		zf_digest_update(d, buf, (size_t)n);
		*total += (uint64_t)n;
		if (out >= 0 && zf_write_full(out, buf, (size_t)n) != 0) {
			rc = 'w';
			break;
		}
	}
	if (n < 0)
		rc = 'r';
	saved = errno;
	zf_digest_final(d, got);
	zf_digest_free(d);
	free(buf);
	errno = saved;
	return rc;
}

/* Checks that an object already in place has this size and digest. */
static int
check_existing(struct zf_archive *a, const char *path, uint64_t size,
    const uint8_t digest[ZF_DIGEST_LEN])
{
	uint8_t got[ZF_DIGEST_LEN];
	uint64_t total;
	struct stat st;
	int fd, rc = 0;

	if ((fd = openat(a->dirfd, path, O_RDONLY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0 || fstat(fd, &st) != 0) {
		rc = zf_fail(&a->err, EX_IOERR, "cannot check stored object "
		    "'%s': %s", path, strerror(errno));
		goto out;
	}
	if ((uint64_t)st.st_size != size)
		goto damaged;
	if (pass(a, fd, -1, got, &total) != 0) {
		rc = zf_fail(&a->err, EX_IOERR, "cannot read stored object "
		    "'%s': %s", path, strerror(errno));
		goto out;
	}
	if (memcmp(got, digest, ZF_DIGEST_LEN) != 0)
		goto damaged;
	goto out;
damaged:
	rc = zf_fail(&a->err, EX_DATAERR, "stored object '%s' is damaged "
	    "(its content no longer matches its name): run archive-verify",
	    path);
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

static void
remember(struct zf_archive *a, const char *path, const char *suffix)
{
	a->stored = xrealloc(a->stored, (a->nstored + 1) * sizeof(*a->stored));
	a->stored[a->nstored++] = xasprintf("%s%s", path, suffix);
}

void
zf_object_keep_stored(struct zf_archive *a)
{
	size_t i;

	for (i = 0; i < a->nstored; i++)
		free(a->stored[i]);
	free(a->stored);
	a->stored = NULL;
	a->nstored = 0;
}

void
zf_object_discard_uncommitted(struct zf_archive *a)
{
	size_t i, len;

	if (a->nstored == 0 || a->lockfd < 0 || a->dirfd < 0 ||
	    flock(a->lockfd, LOCK_EX | LOCK_NB) != 0) {
		zf_object_keep_stored(a);
		return;
	}
	for (i = a->nstored; i-- > 0;) {
		len = strlen(a->stored[i]);
		if (len > 0 && a->stored[i][len - 1] == '/') {
			a->stored[i][len - 1] = '\0';
			unlinkat(a->dirfd, a->stored[i], AT_REMOVEDIR);
		} else
			unlinkat(a->dirfd, a->stored[i], 0);
	}
	flock(a->lockfd, LOCK_SH);
	zf_object_keep_stored(a);
}

void
zf_object_clean_tmp(struct zf_archive *a)
{
	struct dirent *de;
	DIR *d;
	int fd;

	fd = openat(a->dirfd, "tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			unlinkat(fd, de->d_name, 0);
	closedir(d);
}

/* Moves a complete, fsynced temporary file into the store. */
static int
install(struct zf_archive *a, int fd, const char *tmp, uint64_t size,
    const uint8_t digest[ZF_DIGEST_LEN])
{
	char hex[ZF_DIGEST_HEX], *path, *shard;
	int rc = 0;

	zf_hex(digest, ZF_DIGEST_LEN, hex);
	path = zf_object_path(a, hex);
	shard = xstrndup(path, strrchr(path, '/') - path);
	if (mkdirat(a->dirfd, shard, 0750) == 0) {
		char *parent = xstrndup(shard, strrchr(shard, '/') - shard);

		remember(a, shard, "/");
		if (zf_sync_dir(a->dirfd, parent) != 0)
			rc = zf_fail(&a->err, EX_IOERR, "cannot sync '%s': %s",
			    parent, strerror(errno));
		free(parent);
	} else if (errno != EEXIST) {
		rc = zf_fail(&a->err, EX_CANTCREAT, "cannot create '%s': %s",
		    shard, strerror(errno));
	}
	if (rc != 0)
		goto out;
	if (link_temp(a, fd, tmp, path) != 0) {
		if (errno != EEXIST) {
			rc = zf_fail(&a->err, EX_CANTCREAT, "cannot store "
			    "'%s': %s", path, strerror(errno));
			goto out;
		}
		if ((rc = check_existing(a, path, size, digest)) != 0)
			goto out;
	} else
		remember(a, path, "");
	if (zf_sync_dir(a->dirfd, shard) != 0)
		rc = zf_fail(&a->err, EX_IOERR, "cannot sync '%s': %s", shard,
		    strerror(errno));
out:
	if (tmp[0] != '\0')
		unlinkat(a->dirfd, tmp, 0);
	free(shard);
	free(path);
	return rc;
}

int
zf_object_put_fd(struct zf_archive *a, int fd, const char *name,
    uint8_t digest[ZF_DIGEST_LEN], uint8_t sha256[ZF_DIGEST_LEN],
    uint64_t *size, zf_progress_fn progress, void *ctx)
{
	struct pipeline p;
	pthread_t thread;
	char tmp[64];
	uint64_t total = 0, synced = 0;
	int out = -1, rc = 0, started = 0, i;
	struct stat st;

	memset(&p, 0, sizeof(p));
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	for (i = 0; i < NCHUNKS; i++)
		if (posix_memalign((void **)&p.buf[i], 4096, CHUNK) != 0)
			abort();
	if ((p.digest = zf_digest_new(a->suite)) == NULL) {
		rc = zf_fail(&a->err, EX_SOFTWARE, "no %s digest in OpenSSL",
		    zf_suite_digest_name(a->suite));
		goto out;
	}
	if (a->suite != ZF_SUITE_SHA256_ED25519 &&
	    (p.fixity = zf_digest_new(ZF_SUITE_SHA256_ED25519)) == NULL) {
		rc = zf_fail(&a->err, EX_SOFTWARE, "no sha256 digest in "
		    "OpenSSL");
		goto out;
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	if ((out = open_temp(a, tmp, sizeof(tmp))) < 0) {
		rc = zf_fail(&a->err, EX_CANTCREAT, "cannot store '%s': "
		    "cannot create a file in tmp/: %s", name, strerror(errno));
		goto out;
	}
	if (pthread_create(&thread, NULL, hasher, &p) != 0) {
		rc = zf_fail(&a->err, EX_SOFTWARE, "cannot start a thread");
		goto out;
	}
	started = 1;
	for (;;) {
		uint64_t k = p.filled;
		uint8_t *buf = p.buf[k % NCHUNKS];
		ssize_t n;

		pthread_mutex_lock(&p.mu);
		while (k >= NCHUNKS && p.hashed + NCHUNKS <= k)
			pthread_cond_wait(&p.cv, &p.mu);
		pthread_mutex_unlock(&p.mu);
		if ((n = zf_read_full(fd, buf, CHUNK)) < 0) {
			rc = zf_fail(&a->err, EX_IOERR, "cannot read '%s': %s",
			    name, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		pthread_mutex_lock(&p.mu);
		p.len[k % NCHUNKS] = (size_t)n;
		p.filled = k + 1;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
		if (zf_write_full(out, buf, (size_t)n) != 0) {
			rc = zf_fail(&a->err, EX_IOERR, "cannot store '%s': %s",
			    name, strerror(errno));
			break;
		}
		total += (uint64_t)n;
		if (total - synced >= WRITEBACK) {
			sync_file_range(out, (off_t)synced,
			    (off_t)(total - synced), SYNC_FILE_RANGE_WRITE);
			synced = total;
		}
		if (progress != NULL)
			progress(ctx, total);
	}
	pthread_mutex_lock(&p.mu);
	p.eof = 1;
	pthread_cond_broadcast(&p.cv);
	pthread_mutex_unlock(&p.mu);
	pthread_join(thread, NULL);
	started = 0;
	if (rc != 0)
		goto out;
	zf_digest_final(p.digest, digest);
	if (p.fixity != NULL)
		zf_digest_final(p.fixity, sha256);
	else
		memcpy(sha256, digest, ZF_DIGEST_LEN);
	if (fchmod(out, 0440) != 0 || fsync(out) != 0 || fstat(out, &st) != 0) {
		rc = zf_fail(&a->err, EX_IOERR, "cannot store '%s': %s", name,
		    strerror(errno));
		goto out;
	}
	if ((uint64_t)st.st_size != total) {
		rc = zf_fail(&a->err, EX_IOERR, "cannot store '%s': wrote "
		    "%llu bytes but the file holds %llu", name,
		    (unsigned long long)total, (unsigned long long)st.st_size);
		goto out;
	}
	*size = total;
	rc = install(a, out, tmp, total, digest);
	close(out);
	out = -1;
out:
	if (started) {
		pthread_mutex_lock(&p.mu);
		p.eof = 1;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
		pthread_join(thread, NULL);
	}
	if (out >= 0) {
		close(out);
		if (tmp[0] != '\0')
			unlinkat(a->dirfd, tmp, 0);
	}
	zf_digest_free(p.digest);
	zf_digest_free(p.fixity);
	for (i = 0; i < NCHUNKS; i++)
		free(p.buf[i]);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
	return rc;
}

int
zf_object_put_mem(struct zf_archive *a, const void *data, size_t len,
    uint8_t digest[ZF_DIGEST_LEN])
{
	char tmp[64];
	int out, rc;

	zf_digest_buf(a->suite, data, len, digest);
	if ((out = open_temp(a, tmp, sizeof(tmp))) < 0)
		return zf_fail(&a->err, EX_CANTCREAT, "cannot create a file in "
		    "tmp/: %s", strerror(errno));
	if (zf_write_full(out, data, len) != 0 || fchmod(out, 0440) != 0 ||
	    fsync(out) != 0) {
		rc = zf_fail(&a->err, EX_IOERR, "cannot store an object: %s",
		    strerror(errno));
		close(out);
		if (tmp[0] != '\0')
			unlinkat(a->dirfd, tmp, 0);
		return rc;
	}
	rc = install(a, out, tmp, len, digest);
	close(out);
	return rc;
}

int
zf_object_open(struct zf_archive *a, const char *hex, int *fd)
{
	char *path = zf_object_path(a, hex);
	int rc = 0;

	*fd = openat(a->dirfd, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (*fd < 0)
		rc = zf_fail(&a->err, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		    "cannot open stored object '%s': %s", path,
		    strerror(errno));
	free(path);
	return rc;
}

int
zf_object_copy_out(struct zf_archive *a, int fd, int out,
    const uint8_t digest[ZF_DIGEST_LEN], uint64_t size, const char *name)
{
	uint8_t got[ZF_DIGEST_LEN];
	uint64_t total;
	int side = pass(a, fd, out, got, &total);

	if (side != 0)
		return zf_fail(&a->err, EX_IOERR, "cannot %s %s: %s",
		    side == 'r' ? _("read") : _("write"), name,
		    strerror(errno));
	if (total != size || memcmp(got, digest, ZF_DIGEST_LEN) != 0)
		return zf_fail(&a->err, EX_DATAERR, "stored %s does not match "
		    "its digest: the archive is damaged; run archive-verify",
		    name);
	return 0;
}

int
zf_object_config(struct zf_archive *a, const char *hex,
    struct zf_config **out)
{
	uint8_t want[ZF_DIGEST_LEN], have[ZF_DIGEST_LEN];
	struct zf_buf b;
	int rc, fd;

	*out = NULL;
	if (hex == NULL || zf_unhex(hex, want, ZF_DIGEST_LEN) != 0)
		return zf_fail(&a->err, EX_DATAERR, "'%s' is no configuration "
		    "digest", hex ? hex : "");
	zf_buf_init(&b);
	if ((rc = zf_object_open(a, hex, &fd)) == 0) {
		if (zf_read_fd(fd, 4 << 20, &b) != 0)
			rc = zf_fail(&a->err, EX_IOERR, "cannot read the "
			    "configuration %s: %s", hex, strerror(errno));
		close(fd);
	}
	if (rc == 0) {
		zf_digest_buf(a->suite, b.data, b.len, have);
		if (memcmp(have, want, ZF_DIGEST_LEN) != 0)
			rc = zf_fail(&a->err, EX_DATAERR, "the stored "
			    "configuration %s is not what the journal "
			    "recorded", hex);
	}
	if (rc == 0)
		rc = zf_config_parse("zhifa.yaml (journaled)", b.data, b.len,
		    a->suite, out, &a->err);
	zf_buf_release(&b);
	return rc;
}
