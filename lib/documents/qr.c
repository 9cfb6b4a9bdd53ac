/* qr: QR codes through libqrencode, drawn as PNG and as SVG. */
#include "documents/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const unsigned char png_signature[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};

int
zf_qr_encode(const char *text, struct zf_qr *q, struct zf_err *e)
{
	QRcode *code;
	size_t i, n;

	memset(q, 0, sizeof(*q));
	if (*text == '\0')
		return zf_fail(e, EX_DATAERR, "cannot make a QR code of "
		    "nothing");
	errno = 0;
	code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (code == NULL && errno == ERANGE)
		return zf_fail(e, EX_DATAERR, "cannot make a QR code of "
		    "'%.64s...': too long (%zu bytes)", text, strlen(text));
	if (code == NULL)
		return zf_fail(e, EX_SOFTWARE, "cannot make a QR code of "
		    "'%.64s': %s", text, strerror(errno ? errno : EINVAL));
	q->width = code->width;
	n = (size_t)code->width * (size_t)code->width;
	q->modules = xmalloc(n);
	for (i = 0; i < n; i++)
		q->modules[i] = code->data[i] & 1;
	QRcode_free(code);
	return 0;
}

/* 1 when the module at (x, y), quiet zone included, is dark. */
static int
dark(const struct zf_qr *q, int x, int y)
{
	x -= ZF_QR_QUIET;
	y -= ZF_QR_QUIET;
	if (x < 0 || y < 0 || x >= q->width || y >= q->width)
		return 0;
	return q->modules[(size_t)y * (size_t)q->width + (size_t)x];
}

static void
put32be(struct zf_buf *b, uint32_t v)
{
	unsigned char p[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff,
	    v & 0xff };

	zf_buf_add(b, p, sizeof(p));
}

/* Appends a PNG chunk: length, type, data and the CRC of type and data. */
static void
put_chunk(struct zf_buf *b, const char *type, const void *data, size_t len)
{
	uLong crc = crc32(0, Z_NULL, 0);

	put32be(b, (uint32_t)len);
	zf_buf_add(b, type, 4);
	zf_buf_add(b, data, len);
	crc = crc32(crc, (const Bytef *)type, 4);
	crc = crc32(crc, data, (uInt)len);
	put32be(b, (uint32_t)crc);
}

/* The image's rows, each a filter byte (none) and size bits: 1 light. */
static void
put_rows(const struct zf_qr *q, int scale, int size, struct zf_buf *raw)
{
	size_t stride = (size_t)(size + 7) / 8;
	unsigned char *row = xmalloc(stride);
	int x, y;

	for (y = 0; y < size; y++) {
		memset(row, 0xff, stride);
		for (x = 0; x < size; x++)
			if (dark(q, x / scale, y / scale))
				row[x / 8] &= ~(0x80 >> (x % 8));
		zf_buf_addch(raw, 0);
		zf_buf_add(raw, row, stride);
	}
	free(row);
}

void
zf_qr_png(const struct zf_qr *q, int scale, struct zf_buf *out)
{
	int size = (q->width + 2 * ZF_QR_QUIET) * scale;
	struct zf_buf header, raw;
	unsigned char *packed;
	uLongf packed_len;

	zf_buf_init(&header);
	put32be(&header, (uint32_t)size);
	put32be(&header, (uint32_t)size);
	/* Bit depth 1, greyscale, deflate, no filtering, no interlace. */
	zf_buf_add(&header, "\001\000\000\000\000", 5);
	zf_buf_init(&raw);
	put_rows(q, scale, size, &raw);
	packed_len = compressBound((uLong)raw.len);
	packed = xmalloc(packed_len);
	if (compress2(packed, &packed_len, (const Bytef *)raw.data,
	    (uLong)raw.len, Z_BEST_COMPRESSION) != Z_OK)
		abort();

	zf_buf_add(out, png_signature, sizeof(png_signature));
	put_chunk(out, "IHDR", header.data, header.len);
	put_chunk(out, "IDAT", packed, packed_len);
	put_chunk(out, "IEND", "", 0);
	free(packed);
	zf_buf_release(&raw);
	zf_buf_release(&header);
}

void
zf_qr_svg(const struct zf_qr *q, struct zf_buf *out)
{
	int size = q->width + 2 * ZF_QR_QUIET, x, y, run;

	zf_buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"", size, size, size, size);
	for (y = 0; y < size; y++)
		for (x = 0; x < size; x += run) {
			for (run = 0; dark(q, x + run, y); run++)
				continue;
			if (run > 0)
				zf_buf_printf(out, "M%d %dh%dv1h-%dz", x, y,
				    run, run);
			else
				run = 1;
		}
	zf_buf_addstr(out, "\"/></svg>");
}

void
zf_qr_release(struct zf_qr *q)
{
	free(q->modules);
	memset(q, 0, sizeof(*q));
}
