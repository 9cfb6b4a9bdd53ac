/*
 * html: a document (doc.h) as one standalone HTML5 page: an A4 sheet on
 * the screen and A4 in print, after the same layout as the .docx
 * (docx.h); the title as <h1>, headings as <h2>, lines as paragraphs of
 * a class, rows as a <table> whose two-cell rows lead with a row header,
 * and the verification code with its QR code as inline SVG.
 *
 * The page loads nothing and runs nothing: its style is inline, and all
 * text is escaped.
 */
#ifndef ZF_HTML_H
#define ZF_HTML_H

#include "base/buf.h"
#include "base/err.h"
#include "documents/doc.h"

/*
 * Appends the page to out, which the caller has initialised;
 * EX_DATAERR when the verification code cannot be QR-coded.
 */
int zf_doc_html(const struct zf_doc *d, struct zf_buf *out,
    struct zf_err *e);

#endif
