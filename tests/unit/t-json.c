/*
 * t-json: the canonical (JCS) writer, the readable writer and every
 * refusal of the strict parser.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "check.h"
#include "base/json.h"

/* The canonical encoding of v, freed by the caller. */
static char *
canon(const struct zf_json *v)
{
	return zf_json_canonical(v, NULL);
}

/* Parses s and returns its canonical encoding, or NULL. */
static char *
canon_of(const char *s)
{
	struct zf_json *v;
	char err[128], *c;

	if ((v = zf_json_parse(s, strlen(s), err, sizeof(err))) == NULL) {
		fprintf(stderr, "unexpected refusal of %s: %s\n", s, err);
		return NULL;
	}
	c = canon(v);
	zf_json_free(v);
	return c;
}

static void
check_canon_of(const char *in, const char *want)
{
	char *got = canon_of(in);

	CHECK_STR(got, want);
	free(got);
}

/*
 * Checks that s[0..len) is refused with "offset N: " and a reason
 * containing word.
 */
static void
check_refused(const char *s, size_t len, size_t offset, const char *word)
{
	struct zf_json *v;
	char err[160], prefix[32];

	memset(err, 'x', sizeof(err));
	v = zf_json_parse(s, len, err, sizeof(err));
	CHECK(v == NULL);
	zf_json_free(v);
	snprintf(prefix, sizeof(prefix), "offset %zu: ", offset);
	if (strncmp(err, prefix, strlen(prefix)) != 0 ||
	    strstr(err, word) == NULL) {
		fprintf(stderr, "input \"%.*s\": error \"%s\", "
		    "want \"%s...%s\"\n", (int)len, s, err, prefix, word);
		CHECK(0);
	} else
		CHECK(1);
}

static void
refused(const char *s, size_t offset, const char *word)
{
	check_refused(s, strlen(s), offset, word);
}

static void
test_build_and_canonical(void)
{
	struct zf_json *o, *inner, *arr, *c;
	char *s;
	int64_t n;

	o = zf_json_object();
	zf_json_set_int(o, "zeta", 3);
	zf_json_set_str(o, "alpha", "x");
	inner = zf_json_object();
	zf_json_set_bool(inner, "b", 1);
	zf_json_set_bool(inner, "a", 0);
	zf_json_set(inner, "c", zf_json_null());
	zf_json_set(inner, "B", NULL);
	zf_json_set(o, "mid", inner);
	arr = zf_json_array();
	zf_json_push(arr, zf_json_int(-1));
	zf_json_push(arr, zf_json_string("s"));
	zf_json_push(arr, zf_json_object());
	zf_json_push(arr, zf_json_array());
	zf_json_push(arr, zf_json_string(NULL));
	zf_json_set(o, "arr", arr);
	zf_json_set_str(o, "nothing", NULL);

	s = canon(o);
	CHECK_STR(s, "{\"alpha\":\"x\",\"arr\":[-1,\"s\",{},[],null],"
	    "\"mid\":{\"B\":null,\"a\":false,\"b\":true,\"c\":null},"
	    "\"nothing\":null,\"zeta\":3}");
	free(s);

	/* Insertion order is kept; set replaces in place. */
	CHECK_INT(zf_json_len(o), 5);
	CHECK_STR(zf_json_key_at(o, 0), "zeta");
	CHECK_STR(zf_json_key_at(o, 4), "nothing");
	CHECK(zf_json_key_at(o, 5) == NULL);
	CHECK(zf_json_value_at(o, 5) == NULL);
	zf_json_set_int(o, "zeta", 4);
	CHECK_INT(zf_json_len(o), 5);
	CHECK_STR(zf_json_key_at(o, 0), "zeta");
	CHECK_INT(zf_json_int_value(zf_json_value_at(o, 0)), 4);

	/* Accessors. */
	CHECK_STR(zf_json_get_str(o, "alpha"), "x");
	CHECK(zf_json_get_str(o, "zeta") == NULL);
	CHECK(zf_json_get_str(o, "absent") == NULL);
	CHECK_INT(zf_json_get_int(o, "zeta", &n), 0);
	CHECK_INT(n, 4);
	CHECK_INT(zf_json_get_int(o, "alpha", &n), -1);
	CHECK_INT(zf_json_get_int(o, "absent", &n), -1);
	CHECK_INT(zf_json_get_bool(inner, "b"), 1);
	CHECK_INT(zf_json_get_bool(inner, "a"), 0);
	CHECK_INT(zf_json_get_bool(inner, "absent"), 0);
	CHECK_INT(zf_json_get_bool(inner, "c"), -1);
	CHECK(zf_json_type(zf_json_get(o, "arr")) == ZF_JSON_ARRAY);
	CHECK(zf_json_type(zf_json_get(o, "nothing")) == ZF_JSON_NULL);
	CHECK_INT(zf_json_len(arr), 5);
	CHECK_INT(zf_json_int_value(zf_json_at(arr, 0)), -1);
	CHECK(zf_json_at(arr, 5) == NULL);
	CHECK(zf_json_str(zf_json_at(arr, 0)) == NULL);
	CHECK_INT(zf_json_len(zf_json_at(arr, 1)), 0);

	/* A deep copy is independent and encodes the same. */
	c = zf_json_copy(o);
	zf_json_set_int(o, "zeta", 5);
	s = canon(c);
	CHECK(strstr(s, "\"zeta\":4}") != NULL);
	free(s);
	zf_json_free(c);
	zf_json_free(o);
}

static void
test_utf16_order(void)
{
	struct zf_json *o;
	char *s;

	/*
	 * UTF-8 byte order would be a, U+00E9, U+FF21, U+1F600; in UTF-16
	 * U+1F600 is 0xD83D 0xDE00 and sorts before 0xFF21.
	 */
	o = zf_json_object();
	zf_json_set_int(o, "\xef\xbc\xa1", 1);		/* U+FF21 */
	zf_json_set_int(o, "\xf0\x9f\x98\x80", 2);	/* U+1F600 */
	zf_json_set_int(o, "\xc3\xa9", 3);		/* U+00E9 */
	zf_json_set_int(o, "a", 4);
	zf_json_set_int(o, "", 5);
	zf_json_set_int(o, "ab", 6);
	s = canon(o);
	CHECK_STR(s, "{\"\":5,\"a\":4,\"ab\":6,\"\xc3\xa9\":3,"
	    "\"\xf0\x9f\x98\x80\":2,\"\xef\xbc\xa1\":1}");
	free(s);
	zf_json_free(o);

	/* RFC 8785, section 3.2.3. */
	check_canon_of("{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\","
	    "\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\","
	    "\"\\ud83d\\ude00\":\"Emoji: Grinning Face\","
	    "\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With "
	    "Diaeresis\"}",
	    "{\"\\r\":\"Carriage Return\",\"1\":\"One\","
	    "\"\xc2\x80\":\"Control\","
	    "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\","
	    "\"\xe2\x82\xac\":\"Euro Sign\","
	    "\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\","
	    "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}");

	/* Nested objects are sorted too; arrays keep their order. */
	check_canon_of("{ \"b\" : { \"y\" : 1 , \"x\" : [ 3 , 2 , { \"q\":1,"
	    "\"p\":2 } ] } , \"a\" : [ ] }",
	    "{\"a\":[],\"b\":{\"x\":[3,2,{\"p\":2,\"q\":1}],\"y\":1}}");
}

static void
test_escaping(void)
{
	struct zf_json *v;
	char *s;
	size_t len;

	v = zf_json_string("\x01\x1f\b\t\n\f\r\"\\/\x7f"
	    "\xe4\xb8\xad");
	s = canon(v);
	CHECK_STR(s, "\"\\u0001\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\x7f"
	    "\xe4\xb8\xad\"");
	free(s);
	zf_json_free(v);

	/* NUL survives: explicit lengths everywhere. */
	v = zf_json_stringn("a\0b", 3);
	CHECK_INT(zf_json_strlen(v), 3);
	s = zf_json_canonical(v, &len);
	CHECK_STR(s, "\"a\\u0000b\"");
	CHECK_INT(len, 10);
	free(s);
	zf_json_free(v);

	v = zf_json_parse("\"x\\u0000y\"", 10, NULL, 0);
	CHECK(v != NULL);
	CHECK_INT(zf_json_strlen(v), 3);
	CHECK(memcmp(zf_json_str(v), "x\0y", 4) == 0);
	zf_json_free(v);

	/* A parsed name with NUL is kept whole. */
	check_canon_of("{\"a\\u0000\":1,\"a\":2}", "{\"a\":2,\"a\\u0000\":1}");

	/* Escapes in input decode; the output is minimal. */
	check_canon_of("\"\\/\\u0041\\u00e9\\u4E2D\\uD83D\\uDE00\\u007f\"",
	    "\"/A\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\x7f\"");

	/* Invalid UTF-8 given through the API is written as U+FFFD. */
	v = zf_json_string("a\xff" "b\xc0\xaf");
	s = canon(v);
	CHECK_STR(s, "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\"");
	free(s);
	zf_json_free(v);
}

static void
test_round_trip(void)
{
	const char *in =
	    "  {\"\xe6\xa1\x88\xe4\xbb\xb6\": {\"fine\": 60000, \"id\": "
	    "\"C2026-0012\"},\r\n\t\"list\": [true, false, null, -0, 0, "
	    "-9223372036854775808, 9223372036854775807, \"\\u001F\\\\\"],"
	    " \"a\": {\"z\": {}, \"y\": []}, \"\\u00e9\": \"\\ud83d\\ude00\"}"
	    " \n";
	const char *want =
	    "{\"a\":{\"y\":[],\"z\":{}},\"list\":[true,false,null,0,0,"
	    "-9223372036854775808,9223372036854775807,\"\\u001f\\\\\"],"
	    "\"\xc3\xa9\":\"\xf0\x9f\x98\x80\","
	    "\"\xe6\xa1\x88\xe4\xbb\xb6\":{\"fine\":60000,"
	    "\"id\":\"C2026-0012\"}}";
	struct zf_json *v, *w;
	char *c1, *c2, err[128];
	size_t len1, len2;

	v = zf_json_parse(in, strlen(in), err, sizeof(err));
	CHECK(v != NULL);
	c1 = zf_json_canonical(v, &len1);
	CHECK_STR(c1, want);
	w = zf_json_parse(c1, len1, err, sizeof(err));
	CHECK(w != NULL);
	c2 = zf_json_canonical(w, &len2);
	CHECK_STR(c2, c1);
	CHECK_INT(len2, len1);
	zf_json_free(w);
	free(c2);
	free(c1);
	zf_json_free(v);
}

static void
test_int64(void)
{
	struct zf_json *v;
	char *s;

	v = zf_json_parse("-9223372036854775808", 20, NULL, 0);
	CHECK(v != NULL);
	CHECK(zf_json_type(v) == ZF_JSON_INT);
	CHECK(zf_json_int_value(v) == INT64_MIN);
	zf_json_free(v);
	v = zf_json_parse("9223372036854775807", 19, NULL, 0);
	CHECK(v != NULL);
	CHECK(zf_json_int_value(v) == INT64_MAX);
	zf_json_free(v);

	v = zf_json_int(INT64_MIN);
	s = canon(v);
	CHECK_STR(s, "-9223372036854775808");
	free(s);
	zf_json_free(v);
	v = zf_json_int(INT64_MAX);
	s = canon(v);
	CHECK_STR(s, "9223372036854775807");
	free(s);
	zf_json_free(v);

	/* -0 is accepted and is 0. */
	check_canon_of("-0", "0");
	check_canon_of("[0,-1,10,-10]", "[0,-1,10,-10]");
	check_canon_of(" true ", "true");
	check_canon_of("\"\"", "\"\"");

	refused("9223372036854775808", 0, "out of range");
	refused("-9223372036854775809", 0, "out of range");
	refused("[1, 99999999999999999999]", 4, "out of range");
	refused("18446744073709551616", 0, "out of range");
}

static const struct {
	const char *input;
	size_t offset;
} bad_utf8[] = {
	{ "\"\xc0\xaf\"", 1 },
	{ "\"\xc1\xbf\"", 1 },
	{ "\"\xe0\x80\xaf\"", 1 },
	{ "\"\xe0\x9f\xbf\"", 1 },
	{ "\"\xf0\x80\x80\xaf\"", 1 },
	{ "\"\xf0\x8f\xbf\xbf\"", 1 },
	{ "\"ab\xed\xa0\x80\"", 3 },
	{ "\"\xed\xbf\xbf\"", 1 },
	{ "\"\xf4\x90\x80\x80\"", 1 },
	{ "\"\xf5\x80\x80\x80\"", 1 },
	{ "\"\xff\"", 1 },
	{ "\"\x80\"", 1 },
	{ "\"\xe4\xb8\"", 1 },
	{ "\"\xe4\xb8", 1 },
	{ "\"\xc3\x28\"", 1 },
	{ "{\"\xc3\x28\":1}", 2 },
};

static void
test_refusals(void)
{
	/*
	 * Strings, \u escapes, structure and trailing garbage: the offset
	 * and a word of the refusal.
	 */
	static const struct {
		const char *s;
		size_t offset;
		const char *word;
	} bad[] = {
		/* Lone surrogates in \u escapes. */
		{ "\"\\ud800\"", 1, "lone high surrogate" },
		{ "\"\\uDBFF\"", 1, "lone high surrogate" },
		{ "\"\\udc00\"", 1, "lone low surrogate" },
		{ "\"\\ud800\\u0041\"", 1, "lone high surrogate" },
		{ "\"\\ud800\\ud800\"", 1, "lone high surrogate" },
		{ "\"x\\ud83dx\"", 2, "lone high surrogate" },
		{ "\"\\ude00\\ud83d\"", 1, "lone low surrogate" },
		/* Other string errors. */
		{ "\"abc", 4, "end of input" },
		{ "\"a\tb\"", 2, "control character" },
		{ "\"\\x\"", 1, "invalid escape '\\x'" },
		{ "\"\\u12\"", 1, "invalid \\u escape" },
		{ "\"\\u12g4\"", 1, "invalid \\u escape" },
		{ "\"\\", 2, "end of input" },
		{ "'a'", 0, "a value" },
		/* Structure. */
		{ "", 0, "end of input" },
		{ " \n\t ", 4, "end of input" },
		{ "[", 1, "end of input" },
		{ "[1", 2, "',' or ']'" },
		{ "[1,]", 3, "a value" },
		{ "[1 2]", 3, "',' or ']'" },
		{ "{", 1, "a member name" },
		{ "{\"a\"}", 4, "':'" },
		{ "{\"a\":}", 5, "a value" },
		{ "{\"a\":1,}", 7, "a member name" },
		{ "{\"a\":1 \"b\":2}", 7, "',' or '}'" },
		{ "{1:2}", 1, "a member name" },
		{ "tru", 0, "invalid literal" },
		{ "True", 0, "a value" },
		{ "nul", 0, "invalid literal" },
		{ "NaN", 0, "a value" },
		/* Trailing garbage; trailing whitespace is fine. */
		{ "1 2", 2, "end of input after the value" },
		{ "{} x", 3, "end of input after the value" },
		{ "nulls", 4, "end of input after the value" },
		{ "[1]]", 3, "end of input after the value" },
		{ "0x10", 1, "end of input after the value" },
	};
	size_t i;

	/* Fractions and exponents. */
	refused("1.5", 1, "fractions");
	refused("-1.0", 2, "fractions");
	refused("[0.0]", 2, "fractions");
	refused("1e5", 1, "exponents");
	refused("1E5", 1, "exponents");
	refused("{\"fine\": 6e4}", 10, "exponents");

	/* Leading zeros and malformed numbers. */
	refused("01", 0, "leading zeros");
	refused("-01", 0, "leading zeros");
	refused("[00]", 1, "leading zeros");
	refused("-", 1, "a digit");
	refused("-a", 1, "a digit");
	refused("+1", 0, "a value");

	/* Duplicate member names, small and large objects. */
	refused("{\"a\":1,\"a\":2}", 7, "duplicate member name \"a\"");
	refused("{\"a\":1,\"b\":{\"c\":1,\"c\":1}}", 18, "duplicate");
	refused("{\"x\":{\"a\":1},\"y\":2,\"x\":3}", 19, "duplicate");
	refused("{\"\\u0061\":1,\"a\":2}", 12, "duplicate");
	refused("{\"a\\u0000\":1,\"a\\u0000\":2}", 13, "duplicate member name");

	/* Invalid UTF-8: overlongs, surrogates, > U+10FFFF, stray, cut. */
	for (i = 0; i < sizeof(bad_utf8) / sizeof(bad_utf8[0]); i++)
		refused(bad_utf8[i].input, bad_utf8[i].offset, "invalid UTF-8");
	refused("\xef\xbb\xbf{}", 0, "a value");		/* BOM */
	check_canon_of("\"\xf4\x8f\xbf\xbf\xed\x9f\xbf\xee\x80\x80\"",
	    "\"\xf4\x8f\xbf\xbf\xed\x9f\xbf\xee\x80\x80\"");

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		refused(bad[i].s, bad[i].offset, bad[i].word);
	/* The same with NUL bytes, and with no input at all. */
	check_refused("\"a\0b\"", 5, 2, "control character");
	check_refused(NULL, 0, 0, "end of input");
	check_refused("1\0", 2, 1, "end of input after the value");
	check_canon_of(" \t\r\n1 \t\r\n", "1");
}

/* b holds open n times, then middle, then close n times. */
static void
nested(struct zf_buf *b, const char *open, int n, const char *middle,
    const char *close)
{
	int i;

	zf_buf_reset(b);
	for (i = 0; i < n; i++)
		zf_buf_addstr(b, open);
	zf_buf_addstr(b, middle);
	for (i = 0; i < n; i++)
		zf_buf_addstr(b, close);
}

static void
test_depth(void)
{
	struct zf_buf b;
	struct zf_json *v;
	char err[128];

	zf_buf_init(&b);
	nested(&b, "[", 64, "7", "]");
	v = zf_json_parse(b.data, b.len, err, sizeof(err));
	CHECK(v != NULL);
	zf_json_free(v);
	nested(&b, "[", 65, "", "]");
	check_refused(b.data, b.len, 64, "nesting deeper than 64");

	/* Objects and arrays count alike. */
	nested(&b, "{\"a\":[", 32, "", "]}");
	v = zf_json_parse(b.data, b.len, err, sizeof(err));
	CHECK(v != NULL);
	zf_json_free(v);
	nested(&b, "{\"a\":[", 32, "{}", "]}");
	check_refused(b.data, b.len, 32 * 6, "nesting");

	/* Deeply nested refusals free everything (checked by ASan). */
	nested(&b, "[1,", 1000, "", "");
	check_refused(b.data, b.len, 64 * 3, "nesting");
	zf_buf_release(&b);
}

static void
test_big(void)
{
	struct zf_buf b;
	struct zf_json *v;
	char err[128], *c;
	size_t len;
	int i;

	zf_buf_init(&b);
	zf_buf_addch(&b, '[');
	for (i = 0; i < 1000000; i++)
		zf_buf_printf(&b, i ? ",%d" : "%d", i - 500000);
	zf_buf_addch(&b, ']');
	v = zf_json_parse(b.data, b.len, err, sizeof(err));
	CHECK(v != NULL);
	CHECK_INT(zf_json_len(v), 1000000);
	CHECK_INT(zf_json_int_value(zf_json_at(v, 0)), -500000);
	CHECK_INT(zf_json_int_value(zf_json_at(v, 999999)), 499999);
	c = zf_json_canonical(v, &len);
	CHECK_INT(len, b.len);
	CHECK(strcmp(c, b.data) == 0);
	free(c);
	zf_json_free(v);

	/* A big object: duplicates found by sorting, reported in place. */
	zf_buf_reset(&b);
	zf_buf_addch(&b, '{');
	for (i = 0; i < 100000; i++)
		zf_buf_printf(&b, i ? ",\"k%d\":%d" : "\"k%d\":%d", i, i);
	zf_buf_addch(&b, '}');
	v = zf_json_parse(b.data, b.len, err, sizeof(err));
	CHECK(v != NULL);
	CHECK_INT(zf_json_len(v), 100000);
	zf_json_free(v);
	b.len--;
	len = b.len;
	zf_buf_addstr(&b, ",\"k99\":0,\"k5\":1}");
	check_refused(b.data, b.len, len + 1, "duplicate member name \"k99\"");

	/* The earliest second occurrence is the one reported. */
	zf_buf_reset(&b);
	zf_buf_addstr(&b, "{\"z\":0,\"y\":0");
	for (i = 0; i < 20; i++)
		zf_buf_printf(&b, ",\"m%02d\":0", i);
	len = b.len;
	zf_buf_addstr(&b, ",\"y\":1,\"z\":1}");
	check_refused(b.data, b.len, len + 1, "duplicate member name \"y\"");
	zf_buf_release(&b);
}

/* Writes v through zf_json_write and returns what came out. */
static char *
written(const struct zf_json *v, int pretty)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	if ((f = open_memstream(&out, &len)) == NULL)
		return NULL;
	CHECK_INT(zf_json_write(f, v, pretty), 0);
	fclose(f);
	return out;
}

static void
test_write(void)
{
	struct zf_json *v;
	char *s, err[128];
	FILE *f;
	const char *in = "{\"z\":1,\"\xe6\xa1\x88\":\"\xe6\xa1\x88\\n\","
	    "\"a\":[1,{\"q\":true,\"b\":null},[],{}],\"e\":{}}";

	v = zf_json_parse(in, strlen(in), err, sizeof(err));
	CHECK(v != NULL);
	s = written(v, 1);
	CHECK_STR(s,
	    "{\n"
	    "  \"z\": 1,\n"
	    "  \"\xe6\xa1\x88\": \"\xe6\xa1\x88\\n\",\n"
	    "  \"a\": [\n"
	    "    1,\n"
	    "    {\n"
	    "      \"q\": true,\n"
	    "      \"b\": null\n"
	    "    },\n"
	    "    [],\n"
	    "    {}\n"
	    "  ],\n"
	    "  \"e\": {}\n"
	    "}\n");
	free(s);
	s = written(v, 0);
	CHECK_STR(s, "{\"z\":1,\"\xe6\xa1\x88\":\"\xe6\xa1\x88\\n\","
	    "\"a\":[1,{\"q\":true,\"b\":null},[],{}],\"e\":{}}\n");
	free(s);

	/* A stream that refuses writes is reported. */
	if ((f = fopen("/dev/null", "r")) != NULL) {
		CHECK_INT(zf_json_write(f, v, 1), -1);
		fclose(f);
	}
	zf_json_free(v);

	v = zf_json_int(-5);
	s = written(v, 1);
	CHECK_STR(s, "-5\n");
	free(s);
	zf_json_free(v);
}

static void
test_misc(void)
{
	struct zf_json *v;
	char err[16];

	/* A short error buffer is truncated, not overrun. */
	v = zf_json_parse("[1,", 3, err, sizeof(err));
	CHECK(v == NULL);
	CHECK_INT(strlen(err), sizeof(err) - 1);
	CHECK(strncmp(err, "offset 3: ", 10) == 0);
	CHECK(zf_json_parse("[1,", 3, NULL, 0) == NULL);
	CHECK(zf_json_parse("[1,", 3, err, 0) == NULL);

	/* Adding to a non-container frees the value. */
	v = zf_json_int(1);
	zf_json_push(v, zf_json_string("lost"));
	zf_json_set(v, "k", zf_json_string("lost"));
	CHECK_INT(zf_json_len(v), 0);
	CHECK(zf_json_get(v, "k") == NULL);
	zf_json_free(v);
	zf_json_free(NULL);
	CHECK(zf_json_copy(NULL) == NULL);
}

int
main(void)
{
	CHECK_PLAN(247);
	test_build_and_canonical();
	test_utf16_order();
	test_escaping();
	test_round_trip();
	test_int64();
	test_refusals();
	test_depth();
	test_big();
	test_write();
	test_misc();
	return check_report("t-json");
}
