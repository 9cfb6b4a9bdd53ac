/* markup: plain text made safe for XML and HTML. */
#include "documents/markup.h"

#include <stdint.h>

#include "base/utf8.h"
#include "publication/site-page.h"

/* Appends the text gathered in piece, escaped, and empties it. */
static void
flush(struct zf_buf *b, struct zf_buf *piece)
{
	zf_site_page_put(b, piece->data);
	zf_buf_reset(piece);
}

/* 1 when XML 1.0 allows the character (tab and newline aside). */
static int
allowed(uint32_t cp)
{
	return cp >= 0x20 && cp != 0x7f && cp != 0xfffe && cp != 0xffff;
}

void
zf_markup_text(struct zf_buf *b, const char *s, const char *tab,
    const char *newline)
{
	const unsigned char *p = (const unsigned char *)s;
	struct zf_buf piece;
	uint32_t cp;
	size_t n;

	zf_buf_init(&piece);
	for (; *p != '\0'; p += n) {
		if ((n = zf_utf8_decode(p, ZF_UTF8_MAX, &cp)) == 0) {
			n = 1;
			zf_utf8_encode(&piece, 0xfffd);
		} else if (cp == '\t' || cp == '\n') {
			flush(b, &piece);
			zf_buf_addstr(b, cp == '\t' ? tab : newline);
		} else if (allowed(cp))
			zf_buf_add(&piece, p, n);
	}
	flush(b, &piece);
	zf_buf_release(&piece);
}

void
zf_markup_line(struct zf_buf *b, const char *s)
{
	zf_markup_text(b, s, " ", " ");
}
