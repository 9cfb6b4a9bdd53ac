/* json-write: the canonical (JCS) writer and the readable one. */
#include "base/json.h"
#include "base/json-tree.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

/*
 * Strings made through the API are not checked, so the writers must cope
 * with invalid UTF-8: each bad byte is written (and sorted) as U+FFFD,
 * which keeps every output valid UTF-8 that the parser accepts.
 */
static uint32_t
next_code_point(const char *s, size_t len, size_t *i)
{
	uint32_t cp;
	size_t n;

	n = zf_utf8_decode((const unsigned char *)s + *i, len - *i, &cp);
	if (n == 0) {
		*i += 1;
		return 0xfffd;
	}
	*i += n;
	return cp;
}

/*
 * Orders code points as their UTF-16 code units would: U+E000..U+FFFF
 * come after U+10000 and above, whose leading surrogates are
 * 0xD800..0xDBFF.  Beyond the first unit, comparing supplementary code
 * points as numbers gives the same order as their surrogate pairs.
 */
static uint32_t
utf16_rank(uint32_t cp)
{
	return cp >= 0xe000 && cp <= 0xffff ? cp + 0x200000 : cp;
}

static int
compare_utf16(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0, n;
	uint32_t ra, rb;
	int c;

	while (i < alen && j < blen) {
		ra = utf16_rank(next_code_point(a, alen, &i));
		rb = utf16_rank(next_code_point(b, blen, &j));
		if (ra != rb)
			return ra < rb ? -1 : 1;
	}
	if (i < alen || j < blen)
		return i < alen ? 1 : -1;
	/* Equal as text only when invalid bytes became U+FFFD. */
	n = alen < blen ? alen : blen;
	if ((c = memcmp(a, b, n)) != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static int
compare_members_utf16(const void *pa, const void *pb)
{
	const struct zf_json_member *const *a = pa, *const *b = pb;

	return compare_utf16((*a)->name, (*a)->namelen, (*b)->name,
	    (*b)->namelen);
}

/* The escape of c, or U+FFFD for a byte that is not valid UTF-8. */
static void
put_escape(struct zf_buf *b, unsigned char c)
{
	const char *e;

	for (e = ZF_JSON_ESCAPES; *e != '\0'; e += 2) {
		if ((unsigned char)e[0] == c) {
			zf_buf_addch(b, '\\');
			zf_buf_addch(b, e[1]);
			return;
		}
	}
	if (c < 0x20)
		zf_buf_printf(b, "\\u%04x", c);
	else
		zf_buf_add(b, "\xef\xbf\xbd", 3);
}

/* Escapes only what JCS escapes; everything else is raw UTF-8. */
static void
put_string(struct zf_buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start, n;

	zf_buf_addch(b, '"');
	while (i < len) {
		start = i;
		while (i < len) {
			if (p[i] >= 0x80) {
				n = zf_utf8_decode(p + i, len - i, NULL);
				if (n == 0)
					break;
				i += n;
			} else if (p[i] < 0x20 || p[i] == '"' || p[i] == '\\')
				break;
			else
				i++;
		}
		zf_buf_add(b, s + start, i - start);
		if (i < len)
			put_escape(b, p[i++]);
	}
	zf_buf_addch(b, '"');
}

/*
 * JCS writes numbers as ECMAScript does; for integers within int64 that
 * is plain decimal without a sign for zero.
 */
static void
put_scalar(struct zf_buf *b, const struct zf_json *v)
{
	switch (zf_json_type(v)) {
	case ZF_JSON_BOOL:
		zf_buf_addstr(b, v->u.boolean ? "true" : "false");
		break;
	case ZF_JSON_INT:
		zf_buf_printf(b, "%" PRId64, v->u.integer);
		break;
	case ZF_JSON_STRING:
		put_string(b, v->u.string.bytes, v->u.string.len);
		break;
	default:
		zf_buf_addstr(b, "null");
		break;
	}
}

/*
 * How a value is written: canonically (members sorted, no space), or
 * readably, compact (members in insertion order, no space) or pretty
 * (indented two spaces a level, a space after each ':').
 */
enum style { CANONICAL, COMPACT, PRETTY };

/* Before an item, or before the closing bracket: a pretty newline. */
static void
put_break(struct zf_buf *b, enum style style, size_t depth)
{
	size_t i;

	if (style != PRETTY)
		return;
	zf_buf_addch(b, '\n');
	for (i = 0; i < depth; i++)
		zf_buf_add(b, "  ", 2);
}

static void
put_value(struct zf_buf *b, const struct zf_json *v, enum style style,
    size_t depth)
{
	const struct zf_json_member **m;
	size_t i, n;

	switch (zf_json_type(v)) {
	case ZF_JSON_ARRAY:
		zf_buf_addch(b, '[');
		for (i = 0; i < v->u.array.len; i++) {
			if (i > 0)
				zf_buf_addch(b, ',');
			put_break(b, style, depth + 1);
			put_value(b, v->u.array.items[i], style, depth + 1);
		}
		if (v->u.array.len > 0)
			put_break(b, style, depth);
		zf_buf_addch(b, ']');
		break;
	case ZF_JSON_OBJECT:
		n = v->u.object.len;
		m = xmalloc(n * sizeof(*m));
		for (i = 0; i < n; i++)
			m[i] = &v->u.object.members[i];
		if (style == CANONICAL)
			qsort(m, n, sizeof(*m), compare_members_utf16);
		zf_buf_addch(b, '{');
		for (i = 0; i < n; i++) {
			if (i > 0)
				zf_buf_addch(b, ',');
			put_break(b, style, depth + 1);
			put_string(b, m[i]->name, m[i]->namelen);
			zf_buf_add(b, ": ", style == PRETTY ? 2 : 1);
			put_value(b, m[i]->value, style, depth + 1);
		}
		if (n > 0)
			put_break(b, style, depth);
		zf_buf_addch(b, '}');
		free(m);
		break;
	default:
		put_scalar(b, v);
		break;
	}
}

char *
zf_json_canonical(const struct zf_json *v, size_t *len)
{
	struct zf_buf b;

	zf_buf_init(&b);
	put_value(&b, v, CANONICAL, 0);
	return zf_buf_detach(&b, len);
}

int
zf_json_write(FILE *f, const struct zf_json *v, int pretty)
{
	struct zf_buf b;
	int rc = 0;

	zf_buf_init(&b);
	put_value(&b, v, pretty ? PRETTY : COMPACT, 0);
	zf_buf_addch(&b, '\n');
	if (fwrite(b.data, 1, b.len, f) != b.len || ferror(f))
		rc = -1;
	zf_buf_release(&b);
	return rc;
}
