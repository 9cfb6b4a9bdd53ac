/*
 * markup: plain text on its way into XML (a .docx's parts) and HTML.
 *
 * What XML 1.0 forbids never gets through: control characters other
 * than tab and newline are dropped (a carriage return too), as are
 * U+FFFE and U+FFFF; bytes that are not UTF-8 become U+FFFD.  The rest
 * is escaped (& < > " ') by publication's escaper, and each tab and
 * newline is replaced by the caller's markup for it.
 */
#ifndef ZF_MARKUP_H
#define ZF_MARKUP_H

#include "base/buf.h"

/* Appends s as text; tab and newline as the given markup. */
void zf_markup_text(struct zf_buf *b, const char *s, const char *tab,
    const char *newline);
/* Appends s as one line (a title, an attribute): tab, newline as spaces. */
void zf_markup_line(struct zf_buf *b, const char *s);

#endif
