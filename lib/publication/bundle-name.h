/*
 * bundle-name: the names of the files of a bag being written (bundle.h).
 *
 * A name is relative, '/'-separated parts that are neither empty nor
 * "." or "..", no backslash, UTF-8 without control characters, within
 * the lengths every file system takes; a tag file's name keeps out of
 * data/ and off the names the bundle writes itself.
 *
 * The set of names taken refuses clashes: a name taken twice, a file
 * where a folder is or the other way round, and names that differ only
 * in ASCII case, which are one name on the file systems of Windows and
 * macOS (an import refuses them).  Folders are kept by name; files only
 * by the 64-bit hash of their case-folded name, so that memory grows by
 * a few bytes a file, not by its name.  Two different names with one
 * hash would be refused as a clash too, with odds of 1 in 2^64.
 */
#ifndef ZF_BUNDLE_NAME_H
#define ZF_BUNDLE_NAME_H

#include <stddef.h>

#include "base/err.h"
#include "base/strset.h"

/*
 * Checks the bytes of s: valid UTF-8 without control characters but
 * those in allowed.  Returns NULL or what is wrong ("is not valid
 * UTF-8", "has a control character").
 */
const char *zf_bundle_name_text_problem(const char *s, const char *allowed);
/* A name for a file in the bag; what says which ("payload file"). */
int zf_bundle_name_check(const char *name, const char *what, struct zf_err *e);
/* A tag file's name: not under data/, not one the bundle writes. */
int zf_bundle_name_check_tag(const char *name, struct zf_err *e);

struct zf_bundle_names {
	struct zf_strset folders;	/* without ASCII case */
	struct zf_hashset files;	/* hashes of case-folded names */
};

void zf_bundle_names_init(struct zf_bundle_names *n);
void zf_bundle_names_release(struct zf_bundle_names *n);
/*
 * Takes path for a file: EX_DATAERR when it is taken already, by a file
 * or a folder, or when one of its folders is a file (names compared
 * without ASCII case).  Nothing is taken unless all of it can be.
 */
int zf_bundle_names_claim(struct zf_bundle_names *n, const char *path,
    struct zf_err *e);
/* Takes a file's name, unchecked (the bundle's own files). */
void zf_bundle_names_take_file(struct zf_bundle_names *n, const char *name);
/* Takes a folder's name, unchecked. */
void zf_bundle_names_take_folder(struct zf_bundle_names *n, const char *name);

#endif
