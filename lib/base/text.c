/* text: checking, escaping and measuring free text. */
#include "base/text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "base/i18n.h"

int
zf_text_check(const char *s, size_t max_bytes, int multiline,
    const char **why)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t n;

	if (strlen(s) > max_bytes) {
		*why = _("too long");
		return -1;
	}
	while (*p != '\0') {
		if ((n = zf_utf8_decode(p, ZF_UTF8_MAX, &cp)) == 0) {
			*why = _("not valid UTF-8");
			return -1;
		}
		if ((cp < 0x20 && !(multiline && (cp == '\n' || cp == '\r'))) ||
		    cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0)) {
			*why = multiline ? "holds a control character" :
			    "holds a control character or a line break";
			return -1;
		}
		p += n;
	}
	return 0;
}

int
zf_text_has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	if (n == 0)
		return 0;
	while (p != NULL && (p = strstr(p, word)) != NULL) {
		if ((p == list || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

static int
wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) ||
	    (cp >= 0x2e80 && cp <= 0x303e) ||
	    (cp >= 0x3041 && cp <= 0x33ff) ||
	    (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xa000 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) ||
	    (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) ||
	    (cp >= 0x1f300 && cp <= 0x1f64f) ||
	    (cp >= 0x20000 && cp <= 0x3fffd);
}

size_t
zf_text_width(const char *s)
{
	size_t w;

	zf_text_prefix(s, SIZE_MAX, &w);
	return w;
}

/*
 * 1 for a code point shown as an escape although it is valid: the C1
 * controls, and the marks that reorder or hide text (bidirectional
 * embeddings, overrides and isolates, zero-width marks).
 */
static int
hidden(uint32_t cp)
{
	return (cp >= 0x80 && cp < 0xa0) || cp == 0x61c ||
	    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

void
zf_text_escape(struct zf_buf *b, const char *s)
{
	/* Each character escaped as a backslash and a letter, the letter. */
	static const char letters[] = "\tt\nn\rr\\\\";
	const unsigned char *p = (const unsigned char *)s, *run = p;
	const char *e;
	uint32_t cp;
	size_t n;

	while (*p != '\0') {
		if (*p >= 0x80) {
			n = zf_utf8_decode(p, ZF_UTF8_MAX, &cp);
			if (n != 0 && !hidden(cp)) {
				p += n;
				continue;
			}
			zf_buf_add(b, run, (size_t)(p - run));
			if (n == 0) {
				zf_buf_printf(b, "\\x%02x", *p);
				n = 1;
			} else {
				zf_buf_printf(b, "\\u%04x", (unsigned)cp);
			}
			p += n;
			run = p;
			continue;
		}
		if (*p >= 0x20 && *p != '\\' && *p != 0x7f) {
			p++;
			continue;
		}
		/* Plain runs go in whole; only what needs escaping is slow. */
		zf_buf_add(b, run, (size_t)(p - run));
		run = p + 1;
		for (e = letters; *e != '\0' && (unsigned char)*e != *p; e += 2)
			;
		if (*e != '\0') {
			zf_buf_addch(b, '\\');
			zf_buf_addch(b, e[1]);
		} else {
			zf_buf_printf(b, "\\x%02x", *p);
		}
		p++;
	}
	zf_buf_add(b, run, (size_t)(p - run));
}

size_t
zf_text_prefix(const char *s, size_t max_columns, size_t *columns)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, n, cw;
	uint32_t cp;

	while (*p != '\0') {
		if (*p < 0x80) {	/* most of what is printed */
			n = 1;
			cw = 1;
		} else if ((n = zf_utf8_decode(p, ZF_UTF8_MAX, &cp)) == 0) {
			n = 1;	/* a stray byte takes one column */
			cw = 1;
		} else {
			/* Combining marks take no column. */
			cw = cp >= 0x300 && cp <= 0x36f ? 0 : wide(cp) ? 2 : 1;
		}
		if (w + cw > max_columns)
			break;
		w += cw;
		p += n;
	}
	if (columns != NULL)
		*columns = w;
	return (size_t)(p - (const unsigned char *)s);
}

int
zf_text_ends_with(const char *s, const char *tail, int fold)
{
	size_t n = strlen(s), m = strlen(tail);

	if (n <= m)
		return 0;
	return fold ? strcasecmp(s + n - m, tail) == 0 :
	    strcmp(s + n - m, tail) == 0;
}
