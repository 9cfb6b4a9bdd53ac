/*
 * io: reading and writing whole buffers on a file descriptor, through
 * EINTR and short counts.
 */
#ifndef ZF_IO_H
#define ZF_IO_H

#include <stddef.h>
#include <sys/types.h>

/* Reads until cap bytes or the end; the count, or -1 (errno set). */
ssize_t zf_read_full(int fd, void *buf, size_t cap);
/* Writes all len bytes; 0, or -1 (errno set). */
int zf_write_full(int fd, const void *buf, size_t len);

#endif
