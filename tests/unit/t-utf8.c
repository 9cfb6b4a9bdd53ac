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
	static const struct {
		const char *s;
		size_t len, n;
		uint32_t cp;
	} valid[] = {
		{ "A", 1, 1, 'A' },
		{ "", 1, 1, 0 },	/* NUL is U+0000 */
		{ "\x7f", 1, 1, 0x7f },
		{ "\xc2\x80", 2, 2, 0x80 },
		{ "\xdf\xbf", 2, 2, 0x7ff },
		{ "\xe0\xa0\x80", 3, 3, 0x800 },
		{ "张", 3, 3, 0x5f20 },
		{ "\xed\x9f\xbf", 3, 3, 0xd7ff },
		{ "\xee\x80\x80", 3, 3, 0xe000 },
		{ "\xef\xbf\xbf", 3, 3, 0xffff },
		{ "\xf0\x90\x80\x80", 4, 4, 0x10000 },
		{ "\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff },
		/* Only the first sequence is decoded. */
		{ "a张", 4, 1, 'a' },
		{ "张a", 4, 3, 0x5f20 },
	};
	size_t i;
	uint32_t cp;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		cp = 0xffffffff;
		CHECK_INT(decode(valid[i].s, valid[i].len, &cp), valid[i].n);
		CHECK_INT(cp, valid[i].cp);
	}
	/* cp may be NULL. */
	CHECK_INT(decode("\xf0\x9f\x98\x80", 4, NULL), 4);
	CHECK(zf_utf8_valid("", 0));
	CHECK(zf_utf8_valid("ascii only", 10));
	CHECK(zf_utf8_valid("行政处罚决定书", strlen("行政处罚决定书")));
	CHECK(zf_utf8_valid("a\0b", 3));	/* NUL is valid UTF-8 */
}

/* No sequence of bad (NULL-terminated) is valid, nor any text holding it. */
static void
refused(const char *what, const char *const *bad)
{
	char text[16];
	size_t i, n;

	for (i = 0; bad[i] != NULL; i++) {
		n = strlen(bad[i]);
		if (decode(bad[i], n, NULL) != 0) {
			check_failed++;
			fprintf(stderr, "%s %zu decoded\n", what, i);
		} else {
			check_passed++;
		}
		snprintf(text, sizeof(text), "a%sz", bad[i]);
		CHECK(!zf_utf8_valid(text, n + 2));
	}
}

static void
overlong(void)
{
	static const char *const bad[] = { "\xc0\x80", "\xc1\xbf",
		"\xc0\xaf", "\xe0\x80\x80", "\xe0\x9f\xbf",
		"\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", NULL };

	refused("overlong", bad);
}

static void
surrogates_and_range(void)
{
	static const char *const bad[] = {
		"\xed\xa0\x80", "\xed\xaf\xbf",	/* U+D800, U+DBFF */
		"\xed\xb0\x80", "\xed\xbf\xbf",	/* U+DC00, U+DFFF */
		"\xf4\x90\x80\x80",		/* U+110000 */
		"\xf5\x80\x80\x80", "\xf7\xbf\xbf\xbf", "\xf8\x88\x80\x80\x80",
		"\xfe", "\xff", NULL };

	refused("surrogate or out of range", bad);
	/* A surrogate pair encoded as two sequences (CESU-8). */
	CHECK(!zf_utf8_valid("\xed\xa0\xbd\xed\xb8\x80", 6));
}

static void
truncated_and_stray(void)
{
	static const char *const bad[] = {
		/* Cut short. */
		"\xc2", "\xe5\xbc", "\xf0\x9f\x98",
		/* The next byte is no continuation byte. */
		"\xc2" "A", "\xe5\xbc" "A", "\xe5\xbc\xe5", "\xf0\x9f" "AA",
		/* Stray continuation bytes. */
		"\x80", "\xbf", "\xa0\x80", NULL };

	refused("truncated or stray", bad);
	CHECK(!zf_utf8_valid("张\xa0", 4));
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
	CHECK_PLAN(107);
	valid_sequences();
	overlong();
	surrogates_and_range();
	truncated_and_stray();
	nul_inside();
	round_trip();
	return check_report("t-utf8");
}
