/*
 * io: reading and writing whole buffers on a file descriptor, through
 * EINTR and short counts.
 */
#ifndef ZF_IO_H
#define ZF_IO_H

#include <stddef.h>
#include <sys/types.h>

struct zf_buf;

/* Reads until cap bytes or the end; the count, or -1 (errno set). */
ssize_t zf_read_full(int fd, void *buf, size_t cap);
/* Writes all len bytes; 0, or -1 (errno set). */
int zf_write_full(int fd, const void *buf, size_t len);
/*
 * Calls step(arg, done, left) until all len bytes are done, again on
 * EINTR; step does some of the left bytes after the done ones and returns
 * how many, or -1 with errno set.  0, or -1 (errno set).
 */
int zf_io_all(ssize_t (*step)(void *arg, size_t done, size_t left),
    void *arg, size_t len);

/*
 * Appends the whole file at path (relative to dirfd, or AT_FDCWD) to b,
 * reading through EINTR: 0, or -1 with errno set (EFBIG when it holds
 * more than limit bytes; b then holds what was read).
 */
int zf_read_file(int dirfd, const char *path, size_t limit, struct zf_buf *b);

/* The same for an open descriptor, read to its end (not closed). */
int zf_read_fd(int fd, size_t limit, struct zf_buf *b);

/* Creates the missing folders above path, mode 0700: 0, or -1. */
int zf_make_parents(const char *path);

/* fsync(2) of the folder at path (relative to dirfd): 0, or -1. */
int zf_sync_dir(int dirfd, const char *path);

/*
 * A file that appears whole or not at all: made beside path as
 * "PATH.tmp-XXXXXX" (mode 0640) by zf_file_begin, which gives its name
 * (malloc'd) and its descriptor, or -1 (errno set); then zf_file_place
 * syncs it, renames it over path and syncs the folder, or zf_file_drop
 * removes it.  Both close fd and free tmp; zf_file_place returns 0, or
 * -1 (errno set): the file removed, or in place but its folder not
 * synced.
 */
int zf_file_begin(const char *path, char **tmp);
int zf_file_place(int fd, char *tmp, const char *path);
void zf_file_drop(int fd, char *tmp);
/*
 * Writes data to path that way: 0, or -1 (errno set), nothing left; a
 * device or a pipe (/dev/stdout, a FIFO) is written directly, never
 * replaced, and a folder is EISDIR.
 */
int zf_file_write_whole(const char *path, const void *data, size_t len);

#endif
