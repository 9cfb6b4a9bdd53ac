/* t-utf8: the one UTF-8 decoder and encoder (RFC 3629). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/buf.h"
#include "base/utf8.h"

/* Decodes the literal s (its bytes without the final NUL). */
static size_t
decode(const char *s, size_t len, uint32_t *cp)
{
	return zf_utf8_decode((const unsigned char *)s, len, cp);
}

static void
valid_sequences(void)
{
	uint32_t cp = 0;

	CHECK_INT(decode("A", 1, &cp), 1);
	CHECK_INT(cp, 'A');
	CHECK_INT(decode("", 1, &cp), 1);	/* NUL is U+0000 */
	CHECK_INT(cp, 0);
	CHECK_INT(decode("\x7f", 1, &cp), 1);
	CHECK_INT(cp, 0x7f);
	CHECK_INT(decode("\xc2\x80", 2, &cp), 2);
	CHECK_INT(cp, 0x80);
	CHECK_INT(decode("\xdf\xbf", 2, &cp), 2);
	CHECK_INT(cp, 0x7ff);
	CHECK_INT(decode("\xe0\xa0\x80", 3, &cp), 3);
	CHECK_INT(cp, 0x800);
	CHECK_INT(decode("张", 3, &cp), 3);
	CHECK_INT(cp, 0x5f20);
	CHECK_INT(decode("\xed\x9f\xbf", 3, &cp), 3);
	CHECK_INT(cp, 0xd7ff);
	CHECK_INT(decode("\xee\x80\x80", 3, &cp), 3);
	CHECK_INT(cp, 0xe000);
	CHECK_INT(decode("\xef\xbf\xbf", 3, &cp), 3);
	CHECK_INT(cp, 0xffff);
	CHECK_INT(decode("\xf0\x90\x80\x80", 4, &cp), 4);
	CHECK_INT(cp, 0x10000);
	CHECK_INT(decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	CHECK_INT(cp, 0x10ffff);
	/* Only the first sequence is decoded. */
	CHECK_INT(decode("a张", 4, &cp), 1);
	CHECK_INT(decode("张a", 4, &cp), 3);
	/* cp may be NULL. */
	CHECK_INT(decode("\xf0\x9f\x98\x80", 4, NULL), 4);
	CHECK(zf_utf8_valid("", 0));
	CHECK(zf_utf8_valid("ascii only", 10));
	CHECK(zf_utf8_valid("行政处罚决定书", strlen("行政处罚决定书")));
	CHECK(zf_utf8_valid("a\0b", 3));	/* NUL is valid UTF-8 */
}

static void
overlong(void)
{
	CHECK_INT(decode("\xc0\x80", 2, NULL), 0);
	CHECK_INT(decode("\xc1\xbf", 2, NULL), 0);
	CHECK_INT(decode("\xe0\x80\x80", 3, NULL), 0);
	CHECK_INT(decode("\xe0\x9f\xbf", 3, NULL), 0);
	CHECK_INT(decode("\xf0\x80\x80\x80", 4, NULL), 0);
	CHECK_INT(decode("\xf0\x8f\xbf\xbf", 4, NULL), 0);
	CHECK(!zf_utf8_valid("a\xc0\xafz", 4));
}

static void
surrogates_and_range(void)
{
	CHECK_INT(decode("\xed\xa0\x80", 3, NULL), 0);	/* U+D800 */
	CHECK_INT(decode("\xed\xaf\xbf", 3, NULL), 0);	/* U+DBFF */
	CHECK_INT(decode("\xed\xb0\x80", 3, NULL), 0);	/* U+DC00 */
	CHECK_INT(decode("\xed\xbf\xbf", 3, NULL), 0);	/* U+DFFF */
	/* A surrogate pair encoded as two sequences (CESU-8). */
	CHECK(!zf_utf8_valid("\xed\xa0\xbd\xed\xb8\x80", 6));
	CHECK_INT(decode("\xf4\x90\x80\x80", 4, NULL), 0);	/* U+110000 */
	CHECK_INT(decode("\xf5\x80\x80\x80", 4, NULL), 0);
	CHECK_INT(decode("\xf7\xbf\xbf\xbf", 4, NULL), 0);
	CHECK_INT(decode("\xf8\x88\x80\x80\x80", 5, NULL), 0);
	CHECK_INT(decode("\xfe", 1, NULL), 0);
	CHECK_INT(decode("\xff", 1, NULL), 0);
}

static void
truncated_and_stray(void)
{
	/* The length given cuts the sequence short. */
	CHECK_INT(decode("\xc2\x80", 1, NULL), 0);
	CHECK_INT(decode("张", 2, NULL), 0);
	CHECK_INT(decode("\xf0\x9f\x98\x80", 3, NULL), 0);
	CHECK(!zf_utf8_valid("abc\xe5\xbc", 5));
	/* The next byte is no continuation byte. */
	CHECK_INT(decode("\xc2" "A", 2, NULL), 0);
	CHECK_INT(decode("\xe5\xbc" "A", 3, NULL), 0);
	CHECK_INT(decode("\xe5\xbc\xe5", 3, NULL), 0);
	/* Stray continuation bytes. */
	CHECK_INT(decode("\x80", 1, NULL), 0);
	CHECK_INT(decode("\xbf", 1, NULL), 0);
	CHECK(!zf_utf8_valid("张\xa0", 4));
	CHECK(!zf_utf8_valid("\x80" "abc", 4));
}

/*
 * A NUL inside a sequence ends it: NUL-terminated text may pass
 * ZF_UTF8_MAX as the length, and nothing after the NUL is read.  The
 * buffers are allocated to their exact size so that a sanitizer catches
 * any read past them.
 */
static void
nul_inside(void)
{
	static const char *const cut[] = { "\xc3", "\xe5", "\xe5\xbc",
		"\xf0", "\xf0\x9f", "\xf0\x9f\x98", NULL };
	size_t i, n;
	char *s;

	for (i = 0; cut[i] != NULL; i++) {
		n = strlen(cut[i]) + 1;
		s = malloc(n);
		memcpy(s, cut[i], n);
		CHECK_INT(decode(s, ZF_UTF8_MAX, NULL), 0);
		CHECK_INT(decode(s, n, NULL), 0);
		free(s);
	}
	CHECK_INT(decode("\xe5\0\xbc", 3, NULL), 0);
	CHECK(!zf_utf8_valid("\xe5\0\xbc", 3));
	s = malloc(4);
	memcpy(s, "张", 4);
	CHECK_INT(decode(s, ZF_UTF8_MAX, NULL), 3);
	free(s);
}

/* Every scalar value encodes and decodes back to itself. */
static void
round_trip(void)
{
	struct zf_buf b;
	uint32_t c, got;
	size_t n, want, bad = 0;

	zf_buf_init(&b);
	for (c = 0; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		zf_buf_reset(&b);
		zf_utf8_encode(&b, c);
		want = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
		got = 0xffffffff;
		n = decode(b.data, b.len, &got);
		if (b.len != want || n != want || got != c ||
		    !zf_utf8_valid(b.data, b.len))
			bad++;
	}
	CHECK_INT(bad, 0);
	zf_buf_reset(&b);
	zf_utf8_encode(&b, 0x5f20);
	zf_utf8_encode(&b, 0x4e09);
	CHECK_STR(b.data, "张三");
	zf_buf_reset(&b);
	zf_utf8_encode(&b, 0x1f600);
	CHECK_STR(b.data, "\xf0\x9f\x98\x80");
	zf_buf_release(&b);
}

int
main(void)
{
	valid_sequences();
	overlong();
	surrogates_and_range();
	truncated_and_stray();
	nul_inside();
	round_trip();
	return check_report("t-utf8");
}
