/* zip: a ZIP archive written in memory, entries stored or deflated. */
#include "documents/zip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define LOCAL_SIGNATURE		0x04034b50
#define CENTRAL_SIGNATURE	0x02014b50
#define END_SIGNATURE		0x06054b50
#define VERSION_NEEDED		20	/* 2.0: deflate */
#define FLAG_UTF8		0x0800	/* bit 11: the name is UTF-8 */
#define METHOD_STORED		0
#define METHOD_DEFLATED		8
#define DOS_TIME		0	/* 00:00:00 */
#define DOS_DATE		0x0021	/* 1980-01-01 */

/* What one entry's local and central headers share. */
struct entry {
	const char *name;
	uint16_t method;
	uint32_t crc, compressed, size, offset;
};

static void
put16(struct zf_buf *b, uint16_t v)
{
	unsigned char p[2] = { v & 0xff, v >> 8 };

	zf_buf_add(b, p, sizeof(p));
}

static void
put32(struct zf_buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

/* The fields from "version needed" to "extra field length". */
static void
put_common(struct zf_buf *b, const struct entry *en)
{
	put16(b, VERSION_NEEDED);
	put16(b, FLAG_UTF8);
	put16(b, en->method);
	put16(b, DOS_TIME);
	put16(b, DOS_DATE);
	put32(b, en->crc);
	put32(b, en->compressed);
	put32(b, en->size);
	put16(b, (uint16_t)strlen(en->name));
	put16(b, 0);
}

/*
 * data[0..len) raw-deflated (no zlib header, as ZIP wants) into out;
 * its length, or 0 when deflating does not make it smaller.
 */
static size_t
deflate_raw(const void *data, size_t len, unsigned char **out)
{
	z_stream s;
	uLong bound;
	size_t n = 0;

	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	bound = deflateBound(&s, (uLong)len);
	*out = xmalloc(bound);
	s.next_in = (Bytef *)(uintptr_t)data;
	s.avail_in = (uInt)len;
	s.next_out = *out;
	s.avail_out = (uInt)bound;
	if (deflate(&s, Z_FINISH) != Z_STREAM_END)
		abort();
	if (s.total_out < len)
		n = s.total_out;
	deflateEnd(&s);
	return n;
}

void
zf_zip_init(struct zf_zip *z)
{
	zf_buf_init(&z->entries);
	zf_buf_init(&z->central);
	z->count = 0;
}

void
zf_zip_add(struct zf_zip *z, const char *name, const void *data,
    size_t len, int deflate)
{
	struct entry en;
	unsigned char *packed = NULL;
	size_t n;

	if (len > UINT32_MAX || z->entries.len + len > UINT32_MAX / 2 ||
	    z->count >= UINT16_MAX || strlen(name) > UINT16_MAX)
		abort();
	n = deflate ? deflate_raw(data, len, &packed) : 0;
	en.name = name;
	en.method = n != 0 ? METHOD_DEFLATED : METHOD_STORED;
	en.crc = (uint32_t)crc32(crc32(0, Z_NULL, 0), data, (uInt)len);
	en.compressed = (uint32_t)(n != 0 ? n : len);
	en.size = (uint32_t)len;
	en.offset = (uint32_t)z->entries.len;

	put32(&z->entries, LOCAL_SIGNATURE);
	put_common(&z->entries, &en);
	zf_buf_addstr(&z->entries, name);
	zf_buf_add(&z->entries, n != 0 ? packed : data, en.compressed);

	put32(&z->central, CENTRAL_SIGNATURE);
	put16(&z->central, VERSION_NEEDED);	/* made by: MS-DOS, 2.0 */
	put_common(&z->central, &en);
	put16(&z->central, 0);		/* comment length */
	put16(&z->central, 0);		/* disk number */
	put16(&z->central, 0);		/* internal attributes */
	put32(&z->central, 0);		/* external attributes */
	put32(&z->central, en.offset);
	zf_buf_addstr(&z->central, name);
	z->count++;
	free(packed);
}

void
zf_zip_finish(struct zf_zip *z, struct zf_buf *out)
{
	zf_buf_add(out, z->entries.data, z->entries.len);
	zf_buf_add(out, z->central.data, z->central.len);
	put32(out, END_SIGNATURE);
	put16(out, 0);			/* this disk */
	put16(out, 0);			/* the disk the directory starts on */
	put16(out, (uint16_t)z->count);	/* entries on this disk */
	put16(out, (uint16_t)z->count);	/* entries in all */
	put32(out, (uint32_t)z->central.len);
	put32(out, (uint32_t)z->entries.len);
	put16(out, 0);			/* comment length */
}

void
zf_zip_release(struct zf_zip *z)
{
	zf_buf_release(&z->entries);
	zf_buf_release(&z->central);
	z->count = 0;
}
