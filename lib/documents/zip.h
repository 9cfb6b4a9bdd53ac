/*
 * zip: a ZIP archive written in memory, as the Office Open XML formats
 * (.docx, .xlsx) package their parts.
 *
 * Each entry's local header carries its CRC-32 and both sizes (flag bit
 * 3, the data descriptor, is never set, as strict OOXML readers want),
 * names are UTF-8 (flag bit 11), and every entry is dated 1980-01-01
 * 00:00, so the same entries in the same order give the same bytes.
 * Entries are stored or raw-deflated; no ZIP64, so an archive stays
 * below 2 GiB and 65535 entries (beyond, zf_zip_add aborts).
 */
#ifndef ZF_ZIP_H
#define ZF_ZIP_H

#include <stddef.h>

#include "base/buf.h"

struct zf_zip {
	struct zf_buf entries;	/* the local headers and data so far */
	struct zf_buf central;	/* their central directory headers */
	size_t count;
};

void zf_zip_init(struct zf_zip *z);
/*
 * Adds the file name (UTF-8, '/' between folders) with data[0..len),
 * deflated when deflate is not 0 and that makes it smaller, else stored.
 * Entries keep the order they were added in.
 */
void zf_zip_add(struct zf_zip *z, const char *name, const void *data,
    size_t len, int deflate);
/*
 * Appends the archive (the entries, the central directory and its end
 * record) to out, which the caller has initialised; z may then be
 * released or given more entries.
 */
void zf_zip_finish(struct zf_zip *z, struct zf_buf *out);
void zf_zip_release(struct zf_zip *z);

#endif
