/*
 * object: the content-addressed store, objects/ALGO/xx/rest-of-hex.
 *
 * A file is read once, in one streaming pass with bounded memory: each
 * chunk is hashed (on a second thread) while it is written to a fresh
 * file in tmp/.  Then: fsync, check the size, chmod 0440, link() into
 * place (the same content is stored once: when the name exists, the
 * existing file's size and digest are checked instead), fsync the shard
 * folder, remove the temporary name.  Only after this returns may an
 * event reference the object, so a crash leaves at most an unreferenced
 * file, never an event that points to nothing.
 */
#ifndef ZF_OBJECT_H
#define ZF_OBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"

struct zf_archive;
struct zf_config;

/* Called now and then with the bytes stored so far. */
typedef void (*zf_progress_fn)(void *ctx, uint64_t done);

/*
 * Stores everything readable from fd; name is used in messages.  Fills
 * digest (the archive's), sha256 (SHA-256 fixity, computed in the same
 * pass; equal to digest in a SHA-256 archive) and *size.  0, or a code
 * with the message in a->err.
 */
int zf_object_put_fd(struct zf_archive *a, int fd, const char *name,
    uint8_t digest[ZF_DIGEST_LEN], uint8_t sha256[ZF_DIGEST_LEN],
    uint64_t *size, zf_progress_fn progress, void *ctx);
int zf_object_put_mem(struct zf_archive *a, const void *data, size_t len,
    uint8_t digest[ZF_DIGEST_LEN]);

/*
 * The objects a command stored and never committed a reference to are
 * removed when it closes the archive, when no other command has it open
 * (another may have found one of them in place and be about to use it):
 * a command that fails leaves the archive as it found it.  A commit keeps
 * what was stored before it.
 */
void zf_object_discard_uncommitted(struct zf_archive *a);
void zf_object_keep_stored(struct zf_archive *a);

/*
 * Removes what killed commands left in tmp/; called by a writer holding
 * the archive's lock exclusively, so that none of it is a live writer's.
 */
void zf_object_clean_tmp(struct zf_archive *a);

/* "objects/sha256/ab/cdef...", relative to the archive (malloc'd). */
char *zf_object_path(const struct zf_archive *a, const char *hex);

/* Opens a stored object for reading; EX_NOINPUT when it is missing. */
int zf_object_open(struct zf_archive *a, const char *hex, int *fd);

/*
 * Copies a stored object, open at fd, to out, hashing it on the way:
 * 0; EX_IOERR when it cannot be read or written; EX_DATAERR when it has
 * not this size and digest, so that what was written must not be used.
 * name names it in messages.
 */
int zf_object_copy_out(struct zf_archive *a, int fd, int out,
    const uint8_t digest[ZF_DIGEST_LEN], uint64_t size, const char *name);

/*
 * The configuration the journal recorded with digest hex, read from the
 * object store, checked against its digest and parsed: 0, or the
 * error's code (EX_DATAERR when the stored bytes are not the recorded
 * ones, EX_CONFIG when they do not read).
 */
int zf_object_config(struct zf_archive *a, const char *hex,
    struct zf_config **out);

#endif
