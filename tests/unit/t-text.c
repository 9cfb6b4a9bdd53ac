/*
 * t-text: free text in and out (base/text.h).  What zf_text_check takes
 * and refuses: lengths, every kind of invalid UTF-8, control characters
 * with and without line breaks; zf_text_has_word's whole words; display
 * widths of CJK, full-width forms, combining marks, emoji and invalid
 * bytes; prefixes that fit a width without splitting a character; and
 * the escaping of tabs, newlines, backslashes and other controls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/buf.h"
#include "base/text.h"
#include "base/utf8.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char single_why[] = "holds a control character or a line break";
static const char multi_why[] = "holds a control character";

/* The reason zf_text_check gives, or "ok". */
static const char *
checked(const char *s, size_t max, int multiline)
{
	const char *why = "unset";

	return zf_text_check(s, max, multiline, &why) == 0 ? "ok" : why;
}

static void
check_lengths(void)
{
	CHECK_STR(checked("", 0, 0), "ok");
	CHECK_STR(checked("abc", 3, 0), "ok");
	CHECK_STR(checked("abcd", 3, 0), "too long");
	/* Bytes, not characters: 某 is three. */
	CHECK_STR(checked("某", 3, 0), "ok");
	CHECK_STR(checked("某", 2, 0), "too long");
	CHECK_STR(checked("某建筑公司", 15, 1), "ok");
	CHECK_STR(checked("某建筑公司", 14, 1), "too long");
	/* The length is checked first. */
	CHECK_STR(checked("\xff\xff", 1, 0), "too long");
}

static void
check_utf8(void)
{
	static const char *const good[] = {
		"某建筑公司 未取得施工许可证擅自施工",
		"\xc2\xa0",		/* U+00A0, after the C1 controls */
		"\xdf\xbf",		/* U+07FF */
		"\xe0\xa0\x80",		/* U+0800 */
		"\xed\x9f\xbf",		/* U+D7FF, before the surrogates */
		"\xee\x80\x80",		/* U+E000, after them */
		"\xef\xbf\xbf",		/* U+FFFF */
		"\xf0\x90\x80\x80",	/* U+10000 */
		"\xf0\xa0\x80\x80",	/* U+20000, CJK extension B */
		"\xf0\x9f\x98\x80",	/* U+1F600 */
		"\xf4\x8f\xbf\xbf",	/* U+10FFFF */
	};
	static const char *const bad[] = {
		"\x80",			/* a lone continuation byte */
		"\xbf",
		"ab\xff" "cd",
		"\xfe",
		"\xc0\xaf",		/* overlong '/' */
		"\xc1\xbf",
		"\xe0\x80\xaf",
		"\xe0\x9f\xbf",		/* overlong U+07FF */
		"\xf0\x80\x80\xaf",
		"\xf0\x8f\xbf\xbf",	/* overlong U+FFFF */
		"\xed\xa0\x80",		/* U+D800, a surrogate */
		"\xed\xbf\xbf",		/* U+DFFF */
		"\xf4\x90\x80\x80",	/* U+110000 */
		"\xf5\x80\x80\x80",
		"\xf8\x88\x80\x80\x80",	/* five bytes */
		"\xe6\x9f",		/* cut short at the end */
		"\xe6\x9f" "a",		/* and before ASCII */
		"\xf0\x9f\x98",
		"\xc2",
		"\xe6" "\xe6\x9f\x90",	/* a lead byte before a whole one */
	};
	size_t i;
	int wrong = 0;

	for (i = 0; i < NELEM(good); i++) {
		if (strcmp(checked(good[i], 100, 0), "ok") != 0) {
			fprintf(stderr, "good[%zu] refused: %s\n", i,
			    checked(good[i], 100, 0));
			wrong++;
		}
	}
	CHECK_INT(wrong, 0);
	wrong = 0;
	for (i = 0; i < NELEM(bad); i++) {
		if (strcmp(checked(bad[i], 100, 0), "not valid UTF-8") != 0 ||
		    strcmp(checked(bad[i], 100, 1), "not valid UTF-8") != 0) {
			fprintf(stderr, "bad[%zu]: %s\n", i,
			    checked(bad[i], 100, 0));
			wrong++;
		}
	}
	CHECK_INT(wrong, 0);
}

static void
check_controls(void)
{
	char s[8];
	int c, wrong = 0;

	/* Every C0 control and DEL: refused on one line; on several, all
	 * but the line breaks. */
	for (c = 1; c < 0x80; c++) {
		const char *one, *many;
		int control = c < 0x20 || c == 0x7f;

		snprintf(s, sizeof(s), "a%cb", c);
		one = checked(s, 100, 0);
		many = checked(s, 100, 1);
		if (strcmp(one, control ? single_why : "ok") != 0 ||
		    strcmp(many, !control || c == '\n' || c == '\r' ? "ok" :
		    multi_why) != 0) {
			fprintf(stderr, "0x%02x: %s / %s\n", c, one, many);
			wrong++;
		}
	}
	CHECK_INT(wrong, 0);
	/* Every C1 control, U+0080 to U+009F, in either mode. */
	wrong = 0;
	for (c = 0x80; c < 0xa0; c++) {
		snprintf(s, sizeof(s), "a%c%cb", 0xc2, c);
		if (strcmp(checked(s, 100, 0), single_why) != 0 ||
		    strcmp(checked(s, 100, 1), multi_why) != 0) {
			fprintf(stderr, "U+%04X accepted\n", c);
			wrong++;
		}
	}
	CHECK_INT(wrong, 0);
	CHECK_STR(checked("第一行\r\n第二行\n", 100, 1), "ok");
	CHECK_STR(checked("第一行\r\n第二行\n", 100, 0), single_why);
	CHECK_STR(checked("证据\t清单", 100, 1), multi_why);
}

static void
check_words(void)
{
	static const struct {
		const char *list, *word;
		int want;
	} t[] = {
		{ "decided served executed closed", "decided", 1 },
		{ "decided served executed closed", "served", 1 },
		{ "decided served executed closed", "closed", 1 },
		{ "decided served executed closed", "close", 0 },
		{ "decided served executed closed", "cided", 0 },
		{ "decided served executed closed", "served executed", 1 },
		{ "reclose close", "close", 1 },	/* found second */
		{ "closed close", "close", 1 },
		{ "close", "close", 1 },
		{ "close", "closed", 0 },
		{ "", "close", 0 },
		{ "a  b", "b", 1 },
		{ "立案 调查取证", "调查取证", 1 },
		{ "立案 调查取证", "调查", 0 },
		{ "a b", "", 0 },	/* no empty word, no endless search */
	};
	size_t i;
	int wrong = 0;

	for (i = 0; i < NELEM(t); i++) {
		if (zf_text_has_word(t[i].list, t[i].word) != t[i].want) {
			fprintf(stderr, "'%s' in '%s' is not %d\n", t[i].word,
			    t[i].list, t[i].want);
			wrong++;
		}
	}
	CHECK_INT(wrong, 0);
	CHECK_INT(zf_text_has_word(NULL, "close"), 0);
}

static void
check_width(void)
{
	static const struct {
		const char *s;
		size_t width;
	} t[] = {
		{ "", 0 },
		{ "abc", 3 },
		{ "某建筑公司", 10 },
		{ "C2026-0001  示建罚立〔2026〕1号", 31 },
		{ "行政处罚决定书（代拟稿）：罚款六万元", 36 },
		{ "，。、", 6 },		/* CJK punctuation */
		{ "１２ＡＢ", 8 },		/* full-width forms */
		{ "ｱｲ", 2 },		/* half-width katakana */
		{ "あア", 4 },		/* kana */
		{ "한국", 4 },		/* Hangul */
		{ "\xf0\xa0\x80\x80", 2 },	/* U+20000 */
		{ "\xf0\x9f\x98\x80", 2 },	/* U+1F600 */
		{ "é", 1 },		/* U+00E9 */
		{ "e\xcc\x81", 1 },	/* e, combining acute */
		{ "—·", 2 },		/* U+2014, U+00B7: narrow */
		{ "\xff\xfe", 2 },	/* invalid bytes: a column each */
		{ "a\xe6\x9f" "b", 4 },	/* a character cut short */
		{ "a\tb\n", 4 },	/* controls: a column each */
	};
	size_t i;
	int wrong = 0;

	for (i = 0; i < NELEM(t); i++) {
		if (zf_text_width(t[i].s) != t[i].width) {
			fprintf(stderr, "width of '%s' is %zu, want %zu\n",
			    t[i].s, zf_text_width(t[i].s), t[i].width);
			wrong++;
		}
	}
	CHECK_INT(wrong, 0);
}

static void
check_prefix(void)
{
	static const struct {
		const char *s;
		size_t max, bytes, cols;
	} t[] = {
		{ "abcdef", 3, 3, 3 },
		{ "ab", 5, 2, 2 },
		/* A wide character is never split: 5 columns hold two. */
		{ "某建筑", 4, 6, 4 },
		{ "某建筑", 5, 6, 4 },
		{ "某建筑", 0, 0, 0 },
		{ "a某", 2, 1, 1 },
		/* A combining mark goes with its letter. */
		{ "e\xcc\x81x", 1, 3, 1 },
		{ "\xff\xfe" "ab", 3, 3, 3 },
	};
	static const char mixed[] = "C2026-0001 某建筑公司\xcc\x81（ｱ）😀\xff!";
	size_t cols, n, max, i, width = zf_text_width(mixed);
	int wrong = 0;

	for (i = 0; i < NELEM(t); i++) {
		cols = 99;
		CHECK_INT(zf_text_prefix(t[i].s, t[i].max, &cols), t[i].bytes);
		CHECK_INT(cols, t[i].cols);
	}
	CHECK_INT(zf_text_prefix("\xf0\x9f\x98\x80" "a", 2, NULL), 4);
	/* Every width of a mixed string: the longest prefix that fits (no
	 * more of the rest would), its width as zf_text_width says, no
	 * character split. */
	for (max = 0; max <= width + 1; max++) {
		char prefix[sizeof(mixed)];

		n = zf_text_prefix(mixed, max, &cols);
		memcpy(prefix, mixed, n);
		prefix[n] = '\0';
		if (cols > max || cols != zf_text_width(prefix) ||
		    (n < strlen(mixed) && ((unsigned char)mixed[n] & 0xc0) ==
		    0x80) || (n < strlen(mixed) && zf_text_prefix(mixed + n,
		    max - cols, NULL) != 0) ||
		    (max >= width && n != strlen(mixed))) {
			fprintf(stderr, "prefix of %zu columns: %zu bytes, "
			    "%zu columns\n", max, n, cols);
			wrong++;
		}
	}
	CHECK_INT(wrong, 0);
}

/* Undoes zf_text_escape. */
static void
unescape(const char *s, struct zf_buf *out)
{
	for (; *s != '\0'; s++) {
		if (*s != '\\') {
			zf_buf_addch(out, *s);
			continue;
		}
		switch (*++s) {
		case 't':
			zf_buf_addch(out, '\t');
			break;
		case 'n':
			zf_buf_addch(out, '\n');
			break;
		case 'r':
			zf_buf_addch(out, '\r');
			break;
		case 'x':
			zf_buf_addch(out, (int)strtol((char[]){ s[1], s[2],
			    '\0' }, NULL, 16));
			s += 2;
			break;
		case 'u':
			zf_utf8_encode(out, (uint32_t)strtol((char[]){ s[1],
			    s[2], s[3], s[4], '\0' }, NULL, 16));
			s += 4;
			break;
		default:
			zf_buf_addch(out, *s);
		}
	}
}

static void
check_escape(void)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "", "" },
		{ "plain text", "plain text" },
		{ "a\tb", "a\\tb" },
		{ "第一行\n第二行", "第一行\\n第二行" },
		{ "a\r\n", "a\\r\\n" },
		{ "C:\\dir", "C:\\\\dir" },
		{ "\x01\x1b\x1f\x7f", "\\x01\\x1b\\x1f\\x7f" },
		{ "某建筑公司", "某建筑公司" },
		/* C1 controls, marks that reorder text, and bytes that are
		 * not UTF-8 are escaped; other text passes as it is. */
		{ "\xc2\x85\xff", "\\u0085\\xff" },
		{ "a\xe2\x80\xae" "b\xe2\x81\xa6", "a\\u202eb\\u2066" },
		{ "\xe2\x80\x8b\xef\xbb\xbf", "\\u200b\\ufeff" },
		{ "\t\t", "\\t\\t" },
	};
	struct zf_buf b, back;
	char all[256];
	size_t i;
	int wrong = 0;

	zf_buf_init(&b);
	for (i = 0; i < NELEM(t); i++) {
		zf_buf_reset(&b);
		zf_text_escape(&b, t[i].in);
		if (strcmp(b.data, t[i].out) != 0) {
			fprintf(stderr, "escape[%zu] is '%s', want '%s'\n", i,
			    b.data, t[i].out);
			wrong++;
		}
	}
	CHECK_INT(wrong, 0);
	/* It appends. */
	zf_buf_reset(&b);
	zf_buf_addstr(&b, "note=");
	zf_text_escape(&b, "a\tb");
	CHECK_STR(b.data, "note=a\\tb");
	/* Every byte: the result is one line without controls, and reads
	 * back as it was. */
	for (i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	zf_buf_reset(&b);
	zf_text_escape(&b, all);
	for (i = 0; i < b.len; i++)
		if ((unsigned char)b.data[i] < 0x20 || b.data[i] == 0x7f)
			wrong++;
	CHECK_INT(wrong, 0);
	zf_buf_init(&back);
	unescape(b.data, &back);
	CHECK_STR(back.data, all);
	zf_buf_release(&back);
	zf_buf_release(&b);
}

int
main(void)
{
	CHECK_PLAN(8 + 2 + 5 + 2 + 1 + 18 + 4);
	check_lengths();	/* 8 */
	check_utf8();		/* 2 */
	check_controls();	/* 5 */
	check_words();		/* 2 */
	check_width();		/* 1 */
	check_prefix();		/* 18 */
	check_escape();		/* 4 */
	return check_report("t-text");
}
