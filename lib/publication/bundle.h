/*
 * bundle: writing a set of files as a folder, a .tar.gz or a .zip that a
 * web server can serve as is, with BagIt (RFC 8493) manifests.
 *
 * Files are added by name (relative, ASCII or UTF-8, '/'-separated, no
 * "." or ".." parts) with their bytes, or streamed from a file
 * descriptor.  zf_bundle_close writes bagit.txt, bag-info.txt (with
 * Payload-Oxum and Bagging-Date), manifest-sha256.txt (payload under
 * data/) and tagmanifest-sha256.txt, each "HEX  NAME" so that
 * `sha256sum -c` accepts it, then makes the bundle appear whole: a
 * folder is built beside the destination and renamed; an archive file is
 * written to a temporary name and renamed.  Media are stored, not
 * compressed, in zip; text is deflated.  Memory stays bounded whatever
 * the sizes of the files (streamed in chunks).
 *
 * Payload files go under data/; tag files (the manifests, and whatever
 * the caller adds with zf_bundle_add_tag) sit at the top.
 */
#ifndef ZF_BUNDLE_H
#define ZF_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"

enum zf_bundle_format { ZF_BUNDLE_DIR, ZF_BUNDLE_TAR_GZ, ZF_BUNDLE_ZIP };

struct zf_bundle;

/* "dir", "tar.gz", "zip"; -1 otherwise. */
int zf_bundle_format_parse(const char *name);
/* The format a path's ending names: .tar.gz, .zip, else a folder. */
int zf_bundle_format_of(const char *path);

/*
 * Starts a bundle at path (which must not exist).  bag_info holds extra
 * "Key: value" lines for bag-info.txt (may be NULL).
 */
int zf_bundle_open(const char *path, int format, const char *bag_info,
    struct zf_bundle **out, struct zf_err *e);
/* A payload file data/NAME from memory. */
int zf_bundle_add(struct zf_bundle *b, const char *name, const void *data,
    size_t len, struct zf_err *e);
/* A payload file data/NAME streamed from fd (read to its end). */
int zf_bundle_add_fd(struct zf_bundle *b, const char *name, int fd,
    struct zf_err *e);
/* A tag file NAME at the top (covered by tagmanifest-sha256.txt). */
int zf_bundle_add_tag(struct zf_bundle *b, const char *name, const void *data,
    size_t len, struct zf_err *e);
/* Writes the manifests and puts the bundle in place. */
int zf_bundle_close(struct zf_bundle *b, struct zf_err *e);
/*
 * zf_bundle_close in two steps, for a caller that must record the
 * bundle before anyone can see it: zf_bundle_seal writes the manifests
 * and syncs the bundle at its temporary name (zf_bundle_staged: a
 * sibling "PATH.tmp-XXXXXX", locked with flock(2) while b lives);
 * zf_bundle_place then renames it into place and releases b.  A bundle
 * that zf_bundle_place could not put in place is left, complete, at its
 * temporary name; zf_bundle_abort before zf_bundle_place removes it.
 */
int zf_bundle_seal(struct zf_bundle *b, struct zf_err *e);
const char *zf_bundle_staged(const struct zf_bundle *b);
/*
 * The SHA-256 of a tag file written so far (bag-info.txt and
 * manifest-sha256.txt once sealed), as tagmanifest-sha256.txt lists
 * it: 0, or -1 when there is none of that name.
 */
int zf_bundle_tag_digest(const struct zf_bundle *b, const char *name,
    uint8_t digest[ZF_DIGEST_LEN]);
int zf_bundle_place(struct zf_bundle *b, struct zf_err *e);
/*
 * Puts a sealed bundle left at staged by a writer that died at path
 * (never over anything); EX_TEMPFAIL when a live writer holds it.
 */
int zf_bundle_place_staged(const char *staged, const char *path,
    int format, struct zf_err *e);
/*
 * The temporaries "PATH.tmp-XXXXXX" beside path that no live writer
 * holds (each malloc'd, and the list): 0, or -1 if the folder cannot be
 * read.
 */
int zf_bundle_leftovers(const char *path, char ***list, size_t *n);
/* Drops an unfinished bundle, leaving nothing behind. */
void zf_bundle_abort(struct zf_bundle *b);
/* Removes a bundle already put in place (folder or file). */
void zf_bundle_remove(const char *path);

#endif
