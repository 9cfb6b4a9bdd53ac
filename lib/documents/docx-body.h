/*
 * docx-body: word/document.xml of a .docx (docx.h): the blocks, their
 * tables, the verification code and the page.  The styles it names are
 * docx.c's word/styles.xml; the QR image is the relation rIdQr.
 */
#ifndef ZF_DOCX_BODY_H
#define ZF_DOCX_BODY_H

#include "base/buf.h"
#include "documents/doc.h"

/* Paragraph styles, as word/styles.xml defines them. */
#define ZF_DOCX_TITLE	"ZfTitle"
#define ZF_DOCX_CENTER	"ZfCenter"
#define ZF_DOCX_RIGHT	"ZfRight"
#define ZF_DOCX_PARA	"ZfPara"
#define ZF_DOCX_HEADING	"ZfHeading"
#define ZF_DOCX_CELL	"ZfCell"
#define ZF_DOCX_CODE	"ZfCode"
/* The QR image's relation in word/_rels/document.xml.rels. */
#define ZF_DOCX_QR_RELATION "rIdQr"

/* Appends word/document.xml of d. */
void zf_docx_body(struct zf_buf *b, const struct zf_doc *d);

#endif
