/*
 * qr: a QR code (ISO/IEC 18004) for a verification code, made by
 * libqrencode: text as bytes (8-bit mode; libqrencode may still pack
 * runs of digits or capitals tighter), error correction level M, case
 * kept; drawn as a PNG for a .docx and as inline SVG for HTML.
 *
 * Both drawings include the quiet zone, four light modules wide on
 * each side, that a reader needs to find the code.
 */
#ifndef ZF_QR_H
#define ZF_QR_H

#include "base/buf.h"
#include "base/err.h"

#define ZF_QR_QUIET 4	/* modules of quiet zone on each side */

struct zf_qr {
	int width;		/* modules on a side, quiet zone aside */
	unsigned char *modules;	/* width * width, row by row: 1 dark */
};

/*
 * Encodes text (non-empty) into q; EX_DATAERR when it is empty or too
 * long for any QR code.
 */
int zf_qr_encode(const char *text, struct zf_qr *q, struct zf_err *e);
/*
 * Appends a 1-bit greyscale PNG of q, scale pixels (1 or more) to a
 * module: (width + 2 * ZF_QR_QUIET) * scale pixels on a side.
 */
void zf_qr_png(const struct zf_qr *q, int scale, struct zf_buf *out);
/*
 * Appends an <svg> element of q: one <path> of the dark modules on a
 * light square, its viewBox in modules with the quiet zone, to be sized
 * by the page's style.
 */
void zf_qr_svg(const struct zf_qr *q, struct zf_buf *out);
void zf_qr_release(struct zf_qr *q);

#endif
