/* bundle-store: a bundle's files written as a folder, a .tar.gz or a .zip. */
#include "publication/bundle-store.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* libarchive's: lib/ is searched for "quoted" names only (-iquote). */
#include <archive.h>
#include <archive_entry.h>

#include "base/buf.h"
#include "base/io.h"
#include "publication/bundle.h"

/* Content that is compressed already: stored as it is in a zip. */
static const char *const stored_extensions[] = {
	"jpg", "jpeg", "png", "gif", "webp", "mp4", "mov", "avi", "mp3",
	"m4a", "wav", "pdf", "zip", "gz", NULL
};

/* Whether a zip stores the file as it is (by its extension). */
static int
is_stored(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	int i;

	base = base != NULL ? base + 1 : path;
	if ((dot = strrchr(base, '.')) == NULL || dot == base)
		return 0;
	for (i = 0; stored_extensions[i] != NULL; i++)
		if (strcasecmp(dot + 1, stored_extensions[i]) == 0)
			return 1;
	return 0;
}

static const char *
archive_reason(struct zf_bundle_store *s)
{
	const char *why = archive_error_string(s->ar);

	return why != NULL ? why : "unknown libarchive error";
}

static int
failed(struct zf_bundle_store *s, const char *path, const char *reason,
    struct zf_err *e)
{
	s->broken = 1;
	return zf_fail(e, EX_IOERR, "cannot write '%s' in bundle '%s': %s",
	    path, s->path, reason);
}

int
zf_bundle_store_failed(struct zf_bundle_store *s, const char *path,
    const char *reason, struct zf_err *e)
{
	return failed(s, path, reason, e);
}

/* Entries */

/* Folder format: makes the folders above path, 0755 whatever the umask. */
static int
make_parents(struct zf_bundle_store *s, const char *path, struct zf_err *e)
{
	char *dir = xstrdup(path), *slash;
	int rc = 0;

	for (slash = strchr(dir, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdirat(s->tmpfd, dir, 0755) == 0) {
			if (fchmodat(s->tmpfd, dir, 0755, 0) != 0)
				rc = failed(s, dir, strerror(errno), e);
		} else if (errno != EEXIST) {
			rc = failed(s, dir, strerror(errno), e);
		}
		*slash = '/';
		if (rc != 0)
			break;
	}
	free(dir);
	return rc;
}

int
zf_bundle_store_begin(struct zf_bundle_store *s, const char *path,
    uint64_t size, struct zf_err *e)
{
	int r;

	if (s->format == ZF_BUNDLE_DIR) {
		if (make_parents(s, path, e) != 0)
			return EX_IOERR;
		s->filefd = openat(s->tmpfd, path, O_WRONLY | O_CREAT |
		    O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (s->filefd < 0 || fchmod(s->filefd, 0644) != 0)
			return failed(s, path, strerror(errno), e);
		return 0;
	}
	archive_entry_clear(s->ae);
	archive_entry_copy_pathname(s->ae, path);
	archive_entry_set_filetype(s->ae, AE_IFREG);
	archive_entry_set_perm(s->ae, 0644);
	archive_entry_set_size(s->ae, (la_int64_t)size);
	archive_entry_set_mtime(s->ae, s->mtime, 0);
	if (s->format == ZF_BUNDLE_ZIP) {
		r = is_stored(path) ?
		    archive_write_zip_set_compression_store(s->ar) :
		    archive_write_zip_set_compression_deflate(s->ar);
		if (r != ARCHIVE_OK)
			return failed(s, path, archive_reason(s), e);
	}
	if (archive_write_header(s->ar, s->ae) != ARCHIVE_OK)
		return failed(s, path, archive_reason(s), e);
	return 0;
}

int
zf_bundle_store_write(struct zf_bundle_store *s, const char *path,
    const void *data, size_t len, struct zf_err *e)
{
	const char *p = data;
	la_ssize_t n;

	if (s->format == ZF_BUNDLE_DIR) {
		if (zf_write_full(s->filefd, data, len) != 0)
			return failed(s, path, strerror(errno), e);
		return 0;
	}
	while (len > 0) {
		if ((n = archive_write_data(s->ar, p, len)) <= 0)
			return failed(s, path, n < 0 ?
			    archive_reason(s) : "nothing was written", e);
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
zf_bundle_store_end(struct zf_bundle_store *s, const char *path,
    struct zf_err *e)
{
	int fd;

	if (s->format == ZF_BUNDLE_DIR) {
		/* Synced all at once at the close (syncfs), not per file. */
		fd = s->filefd;
		s->filefd = -1;
		if (close(fd) != 0)
			return failed(s, path, strerror(errno), e);
		return 0;
	}
	if (archive_write_finish_entry(s->ar) != ARCHIVE_OK)
		return failed(s, path, archive_reason(s), e);
	return 0;
}

/* A folder entry (0755); the same folder may come again in a dir. */
int
zf_bundle_store_folder(struct zf_bundle_store *s, const char *name,
    struct zf_err *e)
{
	char *slashed = xasprintf("%s/", name);
	int rc = 0;

	if (s->format == ZF_BUNDLE_DIR) {
		if (mkdirat(s->tmpfd, name, 0755) != 0 ||
		    fchmodat(s->tmpfd, name, 0755, 0) != 0)
			rc = failed(s, slashed, strerror(errno), e);
		goto out;
	}
	archive_entry_clear(s->ae);
	archive_entry_copy_pathname(s->ae, slashed);
	archive_entry_set_filetype(s->ae, AE_IFDIR);
	archive_entry_set_perm(s->ae, 0755);
	archive_entry_set_size(s->ae, 0);
	archive_entry_set_mtime(s->ae, s->mtime, 0);
	if (s->format == ZF_BUNDLE_ZIP &&
	    archive_write_zip_set_compression_store(s->ar) != ARCHIVE_OK)
		rc = failed(s, slashed, archive_reason(s), e);
	else if (archive_write_header(s->ar, s->ae) != ARCHIVE_OK ||
	    archive_write_finish_entry(s->ar) != ARCHIVE_OK)
		rc = failed(s, slashed, archive_reason(s), e);
out:
	free(slashed);
	return rc;
}

/* Life cycle */

void
zf_bundle_store_init(struct zf_bundle_store *s, int format, char *path)
{
	memset(s, 0, sizeof(*s));
	s->format = format;
	s->path = path;
	s->tmpfd = s->filefd = s->lockfd = -1;
}

static int
remove_one(const char *path, const struct stat *st, int type,
    struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

static int
open_archive(struct zf_bundle_store *s, struct zf_err *e)
{
	int r;

	if ((s->ar = archive_write_new()) == NULL ||
	    (s->ae = archive_entry_new()) == NULL)
		return zf_fail(e, EX_SOFTWARE, "cannot create bundle '%s': "
		    "libarchive cannot start", s->path);
	if (s->format == ZF_BUNDLE_TAR_GZ)
		r = archive_write_set_format_pax_restricted(s->ar) ||
		    archive_write_add_filter_gzip(s->ar) ||
		    archive_write_set_options(s->ar, "gzip:!timestamp");
	else
		r = archive_write_set_format_zip(s->ar) ||
		    archive_write_set_options(s->ar, "zip:hdrcharset=UTF-8");
	/* No padding after the gzip or zip stream. */
	if (r != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(s->ar, 1) != ARCHIVE_OK ||
	    archive_write_open_fd(s->ar, s->tmpfd) != ARCHIVE_OK)
		return zf_fail(e, EX_SOFTWARE, "cannot create bundle '%s': %s",
		    s->path, archive_reason(s));
	return 0;
}

static int
make_temp(struct zf_bundle_store *s, struct zf_err *e)
{
	int saved;

	s->tmp = xasprintf("%s.tmp-XXXXXX", s->path);
	if (s->format == ZF_BUNDLE_DIR) {
		if (mkdtemp(s->tmp) == NULL)
			goto none;
		if ((s->tmpfd = open(s->tmp, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) < 0 || fchmod(s->tmpfd, 0755) != 0)
			goto fail;
	} else {
		if ((s->tmpfd = mkostemp(s->tmp, O_CLOEXEC)) < 0)
			goto none;
		if (fchmod(s->tmpfd, 0644) != 0)
			goto fail;
	}
	/* Ours while we live: a later export removes it once we are gone. */
	if ((s->lockfd = open(s->tmp, O_RDONLY | O_CLOEXEC)) < 0 ||
	    flock(s->lockfd, LOCK_EX | LOCK_NB) != 0)
		goto fail;
	return 0;
none:
	saved = errno;
	free(s->tmp);
	s->tmp = NULL;
	errno = saved;
fail:
	return zf_fail(e, EX_CANTCREAT, "cannot create bundle '%s': %s",
	    s->path, strerror(errno));
}

int
zf_bundle_store_open(struct zf_bundle_store *s, struct zf_err *e)
{
	int rc;

	if ((rc = make_temp(s, e)) != 0)
		return rc;
	if (s->format != ZF_BUNDLE_DIR)
		return open_archive(s, e);
	return 0;
}

void
zf_bundle_store_release(struct zf_bundle_store *s)
{
	/* Frees libarchive's state; an unfinished archive is flushed first. */
	if (s->ar != NULL)
		archive_write_free(s->ar);
	if (s->ae != NULL)
		archive_entry_free(s->ae);
	if (s->filefd >= 0)
		close(s->filefd);
	if (s->tmpfd >= 0)
		close(s->tmpfd);
	if (s->tmp != NULL && !(s->sealed && s->keep)) {
		if (s->format == ZF_BUNDLE_DIR)
			nftw(s->tmp, remove_one, 16, FTW_DEPTH | FTW_PHYS);
		else
			unlink(s->tmp);
	}
	if (s->lockfd >= 0)
		close(s->lockfd);
	free(s->tmp);
	free(s->path);
	memset(s, 0, sizeof(*s));
	s->tmpfd = s->filefd = s->lockfd = -1;
}

/* The folder path is in, given its last slash (or NULL); malloc'd. */
static char *
folder_of(const char *path, const char *slash)
{
	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Moves tmp to path, never over something that appeared, and syncs. */
static int
move_into_place(const char *tmp, const char *path, int format,
    struct zf_err *e)
{
	const char *slash = strrchr(path, '/');
	char *parent;
	struct stat st;
	int rc = 0;

	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) != 0) {
		if (errno != EINVAL && errno != ENOSYS)
			goto fail;
		/* A file system without RENAME_NOREPLACE. */
		if (format != ZF_BUNDLE_DIR) {
			if (link(tmp, path) != 0)
				goto fail;
			unlink(tmp);
		} else {
			if (lstat(path, &st) == 0)
				errno = EEXIST;
			if (errno != ENOENT || rename(tmp, path) != 0)
				goto fail;
		}
	}
	parent = folder_of(path, slash);
	if (zf_sync_dir(AT_FDCWD, parent) != 0)
		rc = zf_fail(e, EX_IOERR, "bundle '%s' is in place, but folder "
		    "'%s' cannot be synced: %s", path, parent,
		    strerror(errno));
	free(parent);
	return rc;
fail:
	if (errno == EEXIST || errno == ENOTEMPTY)
		return zf_fail(e, EX_CANTCREAT, "cannot create bundle '%s': it "
		    "appeared while the bundle was written", path);
	return zf_fail(e, EX_IOERR, "cannot put bundle '%s' in place: %s",
	    path, strerror(errno));
}

int
zf_bundle_store_seal(struct zf_bundle_store *s, struct zf_err *e)
{
	int fd;

	if (s->format != ZF_BUNDLE_DIR) {
		if (archive_write_close(s->ar) != ARCHIVE_OK)
			return zf_fail(e, EX_IOERR, "cannot write bundle '%s': "
			    "%s", s->path, archive_reason(s));
		archive_write_free(s->ar);
		s->ar = NULL;
	} else {
		/*
		 * One syncfs for every file and folder written, before the
		 * rename makes the folder appear: thousands of fsyncs would
		 * cost a second per thousand files.
		 */
		if (syncfs(s->tmpfd) != 0)
			return zf_fail(e, EX_IOERR, "cannot sync bundle '%s': "
			    "%s", s->path, strerror(errno));
	}
	fd = s->tmpfd;
	s->tmpfd = -1;
	if (fsync(fd) != 0) {
		close(fd);
		return zf_fail(e, EX_IOERR, "cannot sync bundle '%s': %s",
		    s->path, strerror(errno));
	}
	if (close(fd) != 0)
		return zf_fail(e, EX_IOERR, "cannot write bundle '%s': %s",
		    s->path, strerror(errno));
	s->sealed = 1;
	return 0;
}

int
zf_bundle_store_place(struct zf_bundle_store *s, struct zf_err *e)
{
	int rc;

	if (!s->sealed)
		return zf_fail(e, EX_SOFTWARE, "bundle '%s' is not complete",
		    s->path);
	rc = move_into_place(s->tmp, s->path, s->format, e);
	if (rc == 0 || e->code == EX_IOERR) {
		/* In place: no temporary is left to remove. */
		free(s->tmp);
		s->tmp = NULL;
	}
	return rc;
}

int
zf_bundle_store_finish(struct zf_bundle_store *s, struct zf_err *e)
{
	int rc;

	if ((rc = zf_bundle_store_seal(s, e)) != 0)
		return rc;
	if ((rc = zf_bundle_store_place(s, e)) != 0 && s->tmp == NULL)
		/* Not durably in place: take it back, leaving nothing. */
		zf_bundle_store_remove(s->path);
	return rc;
}

int
zf_bundle_store_place_at(const char *tmp, const char *path, int format,
    struct zf_err *e)
{
	return move_into_place(tmp, path, format, e);
}

int
zf_bundle_store_take(const char *tmp, int *fd)
{
	if ((*fd = open(tmp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return -1;
	if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		close(*fd);
		*fd = -1;
		return -1;
	}
	return 0;
}

/* Whether name is base followed by ".tmp-" and six characters. */
static int
is_temporary(const char *name, const char *base)
{
	size_t n = strlen(base);

	return strncmp(name, base, n) == 0 &&
	    strncmp(name + n, ".tmp-", 5) == 0 && strlen(name + n + 5) == 6 &&
	    strchr(name + n + 5, '/') == NULL;
}

int
zf_bundle_store_leftovers(const char *path, char ***list, size_t *n)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	char *parent;
	struct dirent *d;
	size_t cap = 0;
	DIR *dir;
	int fd;

	*list = NULL;
	*n = 0;
	parent = folder_of(path, slash);
	if ((dir = opendir(parent)) == NULL) {
		free(parent);
		return -1;
	}
	while ((d = readdir(dir)) != NULL) {
		char *full;

		if (!is_temporary(d->d_name, base))
			continue;
		full = xasprintf("%s/%s", parent, d->d_name);
		if (zf_bundle_store_take(full, &fd) != 0) {
			free(full);
			continue;
		}
		close(fd);
		if (*n == cap) {
			cap = cap ? 2 * cap : 4;
			*list = xrealloc(*list, cap * sizeof(**list));
		}
		(*list)[(*n)++] = full;
	}
	closedir(dir);
	free(parent);
	return 0;
}

void
zf_bundle_store_remove(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode))
		nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	else
		unlink(path);
}

