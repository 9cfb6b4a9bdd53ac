/*
 * bagread: a bundle read as it is stored — a folder, or a .tar.gz or
 * .zip file — handing the bytes of each regular file of the bag to the
 * caller as they stream past, never extracting anything.
 *
 * The bag is the folder itself or its one subfolder when that holds
 * bagit.txt; in an archive, the top or the one folder its first entry
 * names.  Files are given by their names in the bag; a folder's files
 * come in the order of their names.  Names that would step outside the
 * bag, and anything that is not a regular file, are told as problems
 * and skipped.  The same bundle may be read again (another pass): what
 * the first pass told of its layout is then not told again.
 */
#ifndef ZF_BAGREAD_H
#define ZF_BAGREAD_H

#include <stdarg.h>
#include <stddef.h>

#include "base/err.h"

struct zf_bagread {
	/* Set by the caller before the first read. */
	void *ctx;
	/* A file of the bag: 1 when its bytes are wanted (data, end). */
	int (*begin)(void *ctx, const char *name);
	void (*data)(void *ctx, const void *p, size_t n);
	void (*end)(void *ctx);
	/*
	 * A problem with the bundle, one line of text as printf makes it;
	 * fmt is the English, which the callback translates (as
	 * zf_pubcheck_vproblem does).
	 */
	void (*problem)(void *ctx, const char *fmt, va_list ap);
	int again;		/* a later pass */

	/* Found while reading: "tar.gz", "tar" or "zip" (NULL: a folder). */
	const char *format;

	/* The bag's folder in an archive and "/" ("" at the top). */
	char *prefix;
	size_t prefixlen;
	void *chunk;
};

/*
 * Reads the bundle at path, a folder when is_dir, once through.
 * Returns 0, whatever problems were told; EX_NOINPUT, EX_DATAERR (not a
 * bundle at all) or EX_SOFTWARE with e set.
 */
int zf_bagread(struct zf_bagread *r, const char *path, int is_dir,
    struct zf_err *e);
void zf_bagread_release(struct zf_bagread *r);

#endif
