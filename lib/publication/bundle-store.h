/*
 * bundle-store: how a bundle (bundle.h) is stored: as a folder, a .tar.gz or
 * a .zip, built under a temporary name beside the destination and put
 * in place at the end, never over anything that appeared meanwhile.
 *
 * Files are written one at a time: begin (its name and size), write its
 * bytes, end.  Archive entries carry the bagging date's midnight (UTC)
 * as their time, owner 0 and modes 0644/0755, and the gzip header no
 * time, so the same files on the same date give the same bytes; in a
 * zip, media are stored as they are and text is deflated.  A failed
 * write marks the store broken: it cannot be completed, only released.
 */
#ifndef ZF_BUNDLE_STORE_H
#define ZF_BUNDLE_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/err.h"

struct archive;
struct archive_entry;

struct zf_bundle_store {
	int format;		/* enum zf_bundle_format */
	char *path;		/* the destination */
	char *tmp;		/* built here, beside it; NULL once moved */
	int tmpfd;		/* the temporary file, or folder */
	int lockfd;		/* holds the temporary's flock: it is ours */
	int sealed;		/* the temporary is complete and synced */
	int keep;		/* release leaves a sealed temporary */
	int filefd;		/* folder format: the file being written */
	struct archive *ar;
	struct archive_entry *ae;
	time_t mtime;		/* of every entry */
	int broken;		/* a write failed: only release is left */
};

/* Sets up an empty store for path (taken), writing nothing. */
void zf_bundle_store_init(struct zf_bundle_store *s, int format, char *path);
/* Makes the temporary beside the destination, and the archive in it. */
int zf_bundle_store_open(struct zf_bundle_store *s, struct zf_err *e);
/* A folder (name without the '/'), even when empty. */
int zf_bundle_store_folder(struct zf_bundle_store *s, const char *name,
    struct zf_err *e);
/* A file: its name and size first, then its bytes, then its end. */
int zf_bundle_store_begin(struct zf_bundle_store *s, const char *path,
    uint64_t size, struct zf_err *e);
int zf_bundle_store_write(struct zf_bundle_store *s, const char *path,
    const void *data, size_t len, struct zf_err *e);
int zf_bundle_store_end(struct zf_bundle_store *s, const char *path,
    struct zf_err *e);
/* Marks the store broken, with EX_IOERR: path could not be written. */
int zf_bundle_store_failed(struct zf_bundle_store *s, const char *path,
    const char *reason, struct zf_err *e);
/* Completes the store, syncs it and puts it in place. */
int zf_bundle_store_finish(struct zf_bundle_store *s, struct zf_err *e);
/* Completes the store and syncs it, leaving it at its temporary name. */
int zf_bundle_store_seal(struct zf_bundle_store *s, struct zf_err *e);
/* Puts a sealed store in place. */
int zf_bundle_store_place(struct zf_bundle_store *s, struct zf_err *e);
/* Frees s; an unfinished temporary is removed. */
void zf_bundle_store_release(struct zf_bundle_store *s);
/* Removes a bundle already put in place (folder or file). */
void zf_bundle_store_remove(const char *path);
/*
 * Temporaries of path: "PATH.tmp-XXXXXX".  The writer of one holds an
 * exclusive flock(2) on it until it is placed or removed, so a
 * temporary nobody holds was left by a writer that died.
 * zf_bundle_store_take locks one (0), or returns -1 when a live writer
 * holds it (or it is gone); the caller closes *fd when done with it.
 */
int zf_bundle_store_take(const char *tmp, int *fd);
/*
 * The temporaries of path that no live writer holds, as full paths in
 * *list (malloc'd, each and all); 0, or -1 when path's folder cannot
 * be read.
 */
int zf_bundle_store_leftovers(const char *path, char ***list, size_t *n);
/* Puts a sealed temporary tmp (taken) at path, never over anything. */
int zf_bundle_store_place_at(const char *tmp, const char *path, int format,
    struct zf_err *e);

#endif
