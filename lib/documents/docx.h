/*
 * docx: a document (doc.h) as a WordprocessingML package (.docx) that
 * Word, WPS and LibreOffice open, laid out after the official-document
 * format of GB/T 9704: A4, margins 37 mm top, 35 mm bottom, 28 mm left,
 * 26 mm right; body text 仿宋 三号 (16 pt) on exact 29 pt lines; the
 * title 宋体 22 pt bold, centred; tables with single borders across the
 * full width; and, when the document has a verification code, its QR
 * code (word/media/qr.png), the code and its note at the end.
 *
 * The package holds no time or random value: the same document gives
 * the same bytes.
 */
#ifndef ZF_DOCX_H
#define ZF_DOCX_H

#include "base/buf.h"
#include "base/err.h"
#include "documents/doc.h"

/*
 * Appends the package to out, which the caller has initialised;
 * EX_DATAERR when the verification code cannot be QR-coded.
 */
int zf_docx_write(const struct zf_doc *d, struct zf_buf *out,
    struct zf_err *e);

#endif
