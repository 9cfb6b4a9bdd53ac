/* io: whole reads and writes. */
#include "base/io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"

ssize_t
zf_read_full(int fd, void *buf, size_t cap)
{
	char *p = buf;
	size_t got = 0;

	while (got < cap) {
		ssize_t n = read(fd, p + got, cap - got);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

int
zf_io_all(ssize_t (*step)(void *arg, size_t done, size_t left), void *arg,
    size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = step(arg, done, len - done);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

/* Where zf_write_full writes from. */
struct write_to {
	int fd;
	const char *p;
};

static ssize_t
write_step(void *arg, size_t done, size_t left)
{
	const struct write_to *w = arg;

	return write(w->fd, w->p + done, left);
}

int
zf_write_full(int fd, const void *buf, size_t len)
{
	struct write_to w = { fd, buf };

	return zf_io_all(write_step, &w, len);
}

int
zf_read_fd(int fd, size_t limit, struct zf_buf *b)
{
	char chunk[65536];
	size_t start = b->len;

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		zf_buf_add(b, chunk, (size_t)n);
		if (b->len - start > limit) {
			errno = EFBIG;
			return -1;
		}
	}
}

int
zf_read_file(int dirfd, const char *path, size_t limit, struct zf_buf *b)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC), rc, saved;

	if (fd < 0)
		return -1;
	rc = zf_read_fd(fd, limit, b);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int
zf_sync_dir(int dirfd, const char *path)
{
	int fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;
	int saved;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int
zf_make_parents(const char *path)
{
	char *copy = xstrdup(path), *p;
	int rc = 0;

	for (p = copy + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(copy);
	return rc;
}

int
zf_file_begin(const char *path, char **tmp)
{
	int fd, saved;

	*tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkostemp(*tmp, O_CLOEXEC)) < 0 || fchmod(fd, 0640) != 0) {
		saved = errno;
		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		errno = saved;
		return -1;
	}
	return fd;
}

void
zf_file_drop(int fd, char *tmp)
{
	int saved = errno;

	if (fd >= 0)
		close(fd);
	if (tmp != NULL)
		unlink(tmp);
	free(tmp);
	errno = saved;
}

int
zf_file_place(int fd, char *tmp, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *parent;
	int rc;

	if (fsync(fd) != 0 || rename(tmp, path) != 0) {
		zf_file_drop(fd, tmp);
		return -1;
	}
	close(fd);
	free(tmp);
	if (slash == NULL)
		return zf_sync_dir(AT_FDCWD, ".");
	parent = slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	rc = zf_sync_dir(AT_FDCWD, parent);
	free(parent);
	return rc;
}

/* A device or a pipe (/dev/stdout, a FIFO) is written as it is. */
static int
write_special(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY), rc, saved;

	if (fd < 0)
		return -1;
	rc = zf_write_full(fd, data, len);
	saved = errno;
	if (close(fd) != 0 && rc == 0)
		return -1;
	errno = saved;
	return rc;
}

int
zf_file_write_whole(const char *path, const void *data, size_t len)
{
	struct stat st;
	char *tmp;
	int fd;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return -1;
		}
		return write_special(path, data, len);
	}

	if ((fd = zf_file_begin(path, &tmp)) < 0)
		return -1;
	if (zf_write_full(fd, data, len) != 0) {
		zf_file_drop(fd, tmp);
		return -1;
	}
	return zf_file_place(fd, tmp, path);
}
