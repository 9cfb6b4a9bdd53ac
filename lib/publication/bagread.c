/* bagread: the files of a bag, from a folder or an archive, streamed. */
#include "publication/bagread.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* libarchive's: lib/ is searched for "quoted" names only (-iquote). */
#include <archive.h>
#include <archive_entry.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "base/i18n.h"

#define CHUNK (64 * 1024)
#define DEPTH_MAX 64 /* folders within folders */

static void tell(struct zf_bagread *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
tell(struct zf_bagread *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	r->problem(r->ctx, fmt, ap);
	va_end(ap);
}

/* Folders */

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
read_fd(struct zf_bagread *r, int fd, const char *name)
{
	ssize_t n;

	if (!r->begin(r->ctx, name))
		return 0;
	while ((n = read(fd, r->chunk, CHUNK)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			tell(r, "cannot read %s: %s", name, strerror(errno));
			break;
		}
		r->data(r->ctx, r->chunk, (size_t)n);
	}
	r->end(r->ctx);
	return 0;
}

/* Reads the folder dirfd, whose path in the bag is rel ("" at the top). */
static int
walk(struct zf_bagread *r, int dirfd, const char *rel, int depth)
{
	char **names = NULL, *path;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd;

	if (depth > DEPTH_MAX) {
		tell(r, "%s is nested too deep", rel);
		return 0;
	}
	if ((fd = dup(dirfd)) < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		tell(r, "cannot read folder '%s': %s", rel, strerror(errno));
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), compare_names);
	for (i = 0; i < n; i++) {
		path = *rel ? xasprintf("%s/%s", rel, names[i])
			    : xstrdup(names[i]);
		if (!zf_utf8_valid(names[i], strlen(names[i]))) {
			if (!r->again)
				tell(r, "a name in the bag is not UTF-8");
		} else if (fstatat(dirfd, names[i], &st, AT_SYMLINK_NOFOLLOW) !=
		    0) {
			tell(r, "cannot read '%s': %s", path, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			fd = openat(dirfd, names[i],
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0) {
				tell(r,
				    "cannot read folder '%s': "
				    "%s",
				    path, strerror(errno));
			} else {
				walk(r, fd, path, depth + 1);
				close(fd);
			}
		} else if (!S_ISREG(st.st_mode)) {
			if (!r->again)
				tell(r, "'%s' is not a regular file", path);
		} else if ((fd = openat(dirfd, names[i],
				O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
			tell(r, "cannot read '%s': %s", path, strerror(errno));
		} else {
			read_fd(r, fd, path);
			close(fd);
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return 0;
}

/*
 * The bag of a folder: the folder itself when it holds bagit.txt, or
 * its one subfolder when that does (a bundle unpacked).
 */
static int
open_bag_folder(const char *path, int *out, struct zf_err *e)
{
	struct dirent *de, *only = NULL;
	int fd, sub, count = 0;
	char name[256];
	DIR *d;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return zf_fail(e, EX_NOINPUT, "cannot open bundle '%s': %s",
		    path, strerror(errno));
	if (faccessat(fd, "bagit.txt", F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
		*out = fd;
		return 0;
	}
	if ((sub = dup(fd)) >= 0 && (d = fdopendir(sub)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			if (count++ == 0) {
				only = de;
				snprintf(name, sizeof(name), "%s",
				    only->d_name);
			}
		}
		closedir(d);
	}
	if (count == 1) {
		sub = openat(fd, name,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub >= 0 &&
		    faccessat(sub, "bagit.txt", F_OK, AT_SYMLINK_NOFOLLOW) ==
			0) {
			close(fd);
			*out = sub;
			return 0;
		}
		if (sub >= 0)
			close(sub);
	}
	close(fd);
	return zf_fail(e, EX_DATAERR,
	    "'%s' is not a bundle: the folder "
	    "holds no bagit.txt",
	    path);
}

static int
read_folder(struct zf_bagread *r, const char *path, struct zf_err *e)
{
	int fd = -1, rc;

	if ((rc = open_bag_folder(path, &fd, e)) != 0)
		return rc;
	walk(r, fd, "", 0);
	close(fd);
	return 0;
}

/* Archives */

/* The entry's name inside the bag, or NULL (with a problem) outside it. */
static const char *
bag_name(struct zf_bagread *r, const char *name, int is_dir)
{
	const char *slash;

	while (strncmp(name, "./", 2) == 0)
		name += 2;
	if (r->prefix == NULL) {
		/*
		 * The first entry tells: a file at the top is a bag without a
		 * folder (as bundle.c writes), anything else names the
		 * bag's folder.
		 */
		slash = strchr(name, '/');
		if (slash == NULL ||
		    (slash - name == 4 && strncmp(name, "data", 4) == 0)) {
			r->prefix = xstrdup("");
		} else {
			r->prefix = xstrndup(name, (size_t)(slash - name + 1));
		}
		r->prefixlen = strlen(r->prefix);
	}
	if (strncmp(name, r->prefix, r->prefixlen) != 0) {
		if (!r->again)
			tell(r,
			    "'%s' lies outside the bag's folder "
			    "'%s'",
			    name, r->prefix);
		return NULL;
	}
	name += r->prefixlen;
	if (*name == '\0' && is_dir)
		return NULL;
	if (!zf_utf8_valid(name, strlen(name))) {
		if (!r->again)
			tell(r, "a name in the bag is not UTF-8");
		return NULL;
	}
	if (*name == '\0' || *name == '/' || strstr(name, "../") != NULL ||
	    strstr(name, "//") != NULL || strstr(name, "/./") != NULL ||
	    strncmp(name, "./", 2) == 0 ||
	    (strlen(name) >= 2 && strcmp(name + strlen(name) - 2, "/.") == 0) ||
	    strcmp(name, "..") == 0 ||
	    (strlen(name) >= 3 &&
		strcmp(name + strlen(name) - 3, "/..") == 0)) {
		if (!r->again)
			tell(r, "'%s' is not a safe name in a bag", name);
		return NULL;
	}
	return name;
}

static const char *
archive_reason(struct archive *ar)
{
	const char *s = archive_error_string(ar);

	return s != NULL ? s : "unknown libarchive error";
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/*
 * A zip ends with its central directory and the end record after it:
 * entries read one by one from the front are no proof that the file is
 * whole.  NULL when the end record is there, and the directory it names
 * ends right where the record begins; else what is wrong.
 */
static const char *
zip_end_problem(const char *path)
{
	enum { EOCD = 22, MAXTAIL = EOCD + 65535 };
	unsigned char *tail;
	const char *why = _("its end record is missing: the file is "
	    "truncated");
	struct stat st;
	size_t len, i;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return _("it cannot be read again");
	}
	len = st.st_size < MAXTAIL ? (size_t)st.st_size : MAXTAIL;
	tail = xmalloc(len + 1);
	if (len < EOCD || pread(fd, tail, len, st.st_size - (off_t)len) !=
	    (ssize_t)len) {
		free(tail);
		close(fd);
		return why;
	}
	close(fd);
	for (i = len - EOCD + 1; i-- > 0;) {
		const unsigned char *p = tail + i;
		uint32_t size, offset;
		off_t at;

		if (memcmp(p, "PK\5\6", 4) != 0 ||
		    i + EOCD + ((size_t)p[20] | (size_t)p[21] << 8) != len)
			continue;
		at = st.st_size - (off_t)(len - i);
		size = le32(p + 12);
		offset = le32(p + 16);
		/* Zip64: the real values are in the zip64 end record. */
		if (size == 0xffffffffU || offset == 0xffffffffU ||
		    (i >= 20 && memcmp(p - 20, "PK\6\7", 4) == 0))
			why = NULL;
		else if ((off_t)offset + (off_t)size == at)
			why = NULL;
		else
			why = _("its central directory does not end where its "
			    "end record begins: the file is damaged");
		break;
	}
	free(tail);
	return why;
}

static int
read_archive(struct zf_bagread *r, const char *path, struct zf_err *e)
{
	struct archive_entry *ae;
	struct archive *ar;
	const char *raw, *name;
	char *copy;
	la_ssize_t n = 0;
	int status, rc = 0, entries = 0, is_dir;

	if ((ar = archive_read_new()) == NULL)
		return zf_fail(e, EX_SOFTWARE, "libarchive cannot start");
	archive_read_support_filter_gzip(ar);
	archive_read_support_format_tar(ar);
	archive_read_support_format_zip(ar);
	if (archive_read_open_filename(ar, path, CHUNK) != ARCHIVE_OK) {
		rc = zf_fail(e,
		    archive_errno(ar) == ENOENT ? EX_NOINPUT : EX_DATAERR,
		    "'%s' is not a bundle: not a folder, .tar.gz "
		    "or .zip (%s)",
		    path, archive_reason(ar));
		goto out;
	}
	for (;;) {
		status = archive_read_next_header(ar, &ae);
		if (status == ARCHIVE_EOF) {
			const char *why;

			if (entries > 0 && !r->again &&
			    strcmp(r->format, "zip") == 0 &&
			    (why = zip_end_problem(path)) != NULL)
				tell(r, "the zip is not whole: %s", why);
			break;
		}
		if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
			if (entries == 0)
				rc = zf_fail(e, EX_DATAERR,
				    "'%s' is not a "
				    "bundle: not a folder, .tar.gz or .zip "
				    "(%s)",
				    path, archive_reason(ar));
			else if (!r->again)
				tell(r,
				    "the bundle is damaged after "
				    "%d entries: %s",
				    entries, archive_reason(ar));
			break;
		}
		if (entries++ == 0 && !r->again) {
			int filter = archive_filter_code(ar, 0);

			if ((archive_format(ar) & ARCHIVE_FORMAT_BASE_MASK) ==
			    ARCHIVE_FORMAT_ZIP)
				r->format = "zip";
			else
				r->format = filter == ARCHIVE_FILTER_GZIP
				    ? "tar.gz"
				    : "tar";
		}
		raw = archive_entry_pathname_utf8(ae);
		if (raw == NULL)
			raw = archive_entry_pathname(ae);
		if (raw == NULL) {
			if (!r->again)
				tell(r, "entry %d has no name", entries);
			continue;
		}
		is_dir = archive_entry_filetype(ae) == AE_IFDIR;
		copy = xstrdup(raw);
		if ((name = bag_name(r, copy, is_dir)) == NULL || is_dir) {
			free(copy);
			continue;
		}
		if (archive_entry_filetype(ae) != AE_IFREG ||
		    archive_entry_hardlink(ae) != NULL) {
			if (!r->again)
				tell(r, "'%s' is not a regular file", name);
			free(copy);
			continue;
		}
		if (r->begin(r->ctx, name)) {
			while ((n = archive_read_data(ar, r->chunk, CHUNK)) > 0)
				r->data(r->ctx, r->chunk, (size_t)n);
			if (n < 0)
				tell(r, "cannot read %s: %s", name,
				    archive_reason(ar));
			r->end(r->ctx);
		}
		free(copy);
		if (n < 0)
			break;
		n = 0;
	}
out:
	archive_read_free(ar);
	return rc;
}

int
zf_bagread(struct zf_bagread *r, const char *path, int is_dir, struct zf_err *e)
{
	if (r->chunk == NULL)
		r->chunk = xmalloc(CHUNK);
	return is_dir ? read_folder(r, path, e) : read_archive(r, path, e);
}

void
zf_bagread_release(struct zf_bagread *r)
{
	free(r->prefix);
	free(r->chunk);
	r->prefix = NULL;
	r->chunk = NULL;
}
