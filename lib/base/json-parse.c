/*
 * json-parse: the strict parser (see json.h for what it refuses).
 *
 * It records the first error only, as "offset N: reason", and every
 * caller returns at once after it.
 */
#include "base/json.h"
#include "base/json-tree.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/utf8.h"

#define MAX_DEPTH	64

/*
 * Below this many members the parser looks for duplicate names pairwise;
 * above it, it sorts, so a huge object costs n log n rather than n^2.
 */
#define PAIRWISE_LIMIT	16

struct parser {
	const unsigned char *s;
	size_t len, pos;
	char *err;
	size_t errlen;
	struct zf_buf scratch;	/* the string being decoded */
	/*
	 * The offsets of the names of every object still open, innermost
	 * last, so a duplicate can be reported where it stands.
	 */
	size_t *offsets;
	size_t noffsets, offsetscap;
};

/* One member name, remembered with its position for duplicate search. */
struct name_entry {
	const struct zf_json_member *member;
	size_t index;
};

/* Records the first error only; callers return at once after it. */
static struct zf_json *
fail(struct parser *p, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static struct zf_json *
fail(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->err == NULL || p->errlen == 0)
		return NULL;
	n = snprintf(p->err, p->errlen, "offset %zu: ", at);
	if (n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return NULL;
}

static struct zf_json *
fail_unexpected(struct parser *p, const char *what)
{
	unsigned char c;

	if (p->pos >= p->len)
		return fail(p, p->pos, "unexpected end of input, expected %s",
		    what);
	c = p->s[p->pos];
	if (c > 0x20 && c < 0x7f)
		return fail(p, p->pos, "expected %s, found '%c'", what, c);
	return fail(p, p->pos, "expected %s, found byte 0x%02x", what, c);
}

static void
skip_space(struct parser *p)
{
	unsigned char c;

	while (p->pos < p->len) {
		c = p->s[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Reads the four hex digits after "\u" at s[at]; -1 if there are none. */
static long
read_hex4(const struct parser *p, size_t at)
{
	long v = 0;
	size_t i;
	int h;

	if (at > p->len || p->len - at < 6 || p->s[at] != '\\' ||
	    p->s[at + 1] != 'u')
		return -1;
	for (i = 2; i < 6; i++) {
		if ((h = zf_hex_digit(p->s[at + i])) < 0)
			return -1;
		v = v << 4 | h;
	}
	return v;
}

/* Decodes the \u escape at at, and a low surrogate's after a high one. */
static int
parse_unicode(struct parser *p, size_t at)
{
	long hi, lo;

	if ((hi = read_hex4(p, at)) < 0) {
		fail(p, at, "invalid \\u escape, expected four hex digits");
		return -1;
	}
	if (hi >= 0xdc00 && hi <= 0xdfff) {
		fail(p, at, "lone low surrogate \\u%04lx", hi);
		return -1;
	}
	if (hi < 0xd800 || hi > 0xdbff) {
		zf_utf8_encode(&p->scratch, (uint32_t)hi);
		p->pos = at + 6;
		return 0;
	}
	lo = read_hex4(p, at + 6);
	if (lo < 0xdc00 || lo > 0xdfff) {
		fail(p, at, "lone high surrogate \\u%04lx", hi);
		return -1;
	}
	zf_utf8_encode(&p->scratch, 0x10000 +
	    ((uint32_t)(hi - 0xd800) << 10) + (uint32_t)(lo - 0xdc00));
	p->pos = at + 12;
	return 0;
}

/*
 * Decodes the escape at p->pos (a backslash) into p->scratch: the
 * writer's escapes, \u, and "\/".
 */
static int
parse_escape(struct parser *p)
{
	size_t at = p->pos;
	const char *e;
	unsigned char c;

	if (at + 1 >= p->len) {
		fail(p, p->len, "unexpected end of input in string");
		return -1;
	}
	c = p->s[at + 1];
	if (c == 'u')
		return parse_unicode(p, at);
	for (e = ZF_JSON_ESCAPES "//"; *e != '\0'; e += 2) {
		if ((unsigned char)e[1] == c) {
			zf_buf_addch(&p->scratch, e[0]);
			p->pos = at + 2;
			return 0;
		}
	}
	if (c > 0x20 && c < 0x7f)
		fail(p, at, "invalid escape '\\%c'", c);
	else
		fail(p, at, "invalid escape");
	return -1;
}

/*
 * Parses the string at p->pos (a '"') into a new allocation of *len
 * bytes plus a NUL.  Returns NULL on error.
 */
static char *
parse_string(struct parser *p, size_t *len)
{
	size_t start, n;
	unsigned char c;

	zf_buf_reset(&p->scratch);
	p->pos++;
	for (;;) {
		start = p->pos;
		while (p->pos < p->len) {
			c = p->s[p->pos];
			if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
				break;
			p->pos++;
		}
		zf_buf_add(&p->scratch, p->s + start, p->pos - start);
		if (p->pos >= p->len) {
			fail(p, p->pos, "unexpected end of input in string");
			return NULL;
		}
		c = p->s[p->pos];
		if (c == '"')
			break;
		if (c == '\\') {
			if (parse_escape(p) < 0)
				return NULL;
			continue;
		}
		if (c < 0x20) {
			fail(p, p->pos, "control character 0x%02x in string "
			    "must be escaped", c);
			return NULL;
		}
		n = zf_utf8_decode(p->s + p->pos, p->len - p->pos, NULL);
		if (n == 0) {
			fail(p, p->pos, "invalid UTF-8");
			return NULL;
		}
		zf_buf_add(&p->scratch, p->s + p->pos, n);
		p->pos += n;
	}
	p->pos++;
	*len = p->scratch.len;
	return xstrndup(p->scratch.data, p->scratch.len);
}

/*
 * Integers only.  "-0" is accepted and read as 0: it is a valid JSON
 * integer and JCS writes negative zero as "0" anyway.
 */
static struct zf_json *
parse_number(struct parser *p)
{
	size_t start = p->pos;
	uint64_t magnitude = 0, limit = INT64_MAX;
	unsigned digit;
	int negative = 0;

	if (p->s[p->pos] == '-') {
		negative = 1;
		limit = (uint64_t)INT64_MAX + 1;
		p->pos++;
	}
	if (p->pos >= p->len || !is_digit(p->s[p->pos]))
		return fail_unexpected(p, "a digit");
	if (p->s[p->pos] == '0' && p->pos + 1 < p->len &&
	    is_digit(p->s[p->pos + 1]))
		return fail(p, start, "leading zeros are not allowed");
	while (p->pos < p->len && is_digit(p->s[p->pos])) {
		digit = p->s[p->pos] - '0';
		if (magnitude > (limit - digit) / 10)
			return fail(p, start, "integer out of range "
			    "(-9223372036854775808..9223372036854775807)");
		magnitude = magnitude * 10 + digit;
		p->pos++;
	}
	if (p->pos < p->len && p->s[p->pos] == '.')
		return fail(p, p->pos, "fractions are not allowed, "
		    "numbers are integers");
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E'))
		return fail(p, p->pos, "exponents are not allowed, "
		    "numbers are integers");
	if (!negative)
		return zf_json_int((int64_t)magnitude);
	if (magnitude == (uint64_t)INT64_MAX + 1)
		return zf_json_int(INT64_MIN);
	return zf_json_int(-(int64_t)magnitude);
}

static struct zf_json *
parse_literal(struct parser *p, const char *word, enum zf_json_type type)
{
	size_t n = strlen(word);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return fail(p, p->pos, "invalid literal, expected '%s'", word);
	p->pos += n;
	if (type == ZF_JSON_NULL)
		return zf_json_null();
	return zf_json_bool(word[0] == 't');
}

static struct zf_json *parse_value(struct parser *, size_t);

/*
 * At an opening bracket: steps over it and the space after it, and over
 * close too when the container is empty (1); otherwise 0.
 */
static int
open_container(struct parser *p, unsigned char close)
{
	p->pos++;
	skip_space(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		return 1;
	}
	return 0;
}

/*
 * After an item: steps over the ',' before the next one (0) or over
 * close (1); anything else is refused (-1).
 */
static int
next_item(struct parser *p, unsigned char close, const char *expected)
{
	unsigned char c;

	skip_space(p);
	c = p->pos < p->len ? p->s[p->pos] : '\0';
	if (c != close && c != ',') {
		fail_unexpected(p, expected);
		return -1;
	}
	p->pos++;
	return c == close;
}

static struct zf_json *
parse_array(struct parser *p, size_t depth)
{
	struct zf_json *array = zf_json_array(), *item;
	int end = open_container(p, ']');

	while (!end) {
		if ((item = parse_value(p, depth)) == NULL)
			goto out;
		zf_json_push(array, item);
		if ((end = next_item(p, ']', "',' or ']'")) < 0)
			goto out;
	}
	return array;
out:
	zf_json_free(array);
	return NULL;
}

static int
same_name(const struct zf_json_member *a, const struct zf_json_member *b)
{
	return a->namelen == b->namelen &&
	    memcmp(a->name, b->name, a->namelen) == 0;
}

static int
compare_name_entries(const void *pa, const void *pb)
{
	const struct name_entry *a = pa, *b = pb;
	size_t n;
	int c;

	n = a->member->namelen < b->member->namelen ?
	    a->member->namelen : b->member->namelen;
	if ((c = memcmp(a->member->name, b->member->name, n)) != 0)
		return c;
	if (a->member->namelen != b->member->namelen)
		return a->member->namelen < b->member->namelen ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/*
 * Returns the index of the first member whose name already appeared
 * earlier in the object, or SIZE_MAX when the names are all distinct.
 */
static size_t
find_duplicate(const struct zf_json *object)
{
	const struct zf_json_member *m = object->u.object.members;
	struct name_entry *entries;
	size_t n = object->u.object.len, first = SIZE_MAX, i, j;

	if (n < PAIRWISE_LIMIT) {
		for (j = 1; j < n; j++)
			for (i = 0; i < j; i++)
				if (same_name(&m[i], &m[j]))
					return j;
		return SIZE_MAX;
	}
	entries = xmalloc(n * sizeof(*entries));
	for (i = 0; i < n; i++) {
		entries[i].member = &m[i];
		entries[i].index = i;
	}
	qsort(entries, n, sizeof(*entries), compare_name_entries);
	for (i = 1; i < n; i++)
		if (same_name(entries[i - 1].member, entries[i].member) &&
		    entries[i].index < first)
			first = entries[i].index;
	free(entries);
	return first;
}

static void
report_duplicate(struct parser *p, const struct zf_json_member *m, size_t at)
{
	size_t i;

	for (i = 0; i < m->namelen && i < 64; i++)
		if ((unsigned char)m->name[i] < 0x20 || m->name[i] == '"')
			break;
	if (i == m->namelen)
		fail(p, at, "duplicate member name \"%s\"", m->name);
	else
		fail(p, at, "duplicate member name");
}

static struct zf_json *
parse_object(struct parser *p, size_t depth)
{
	struct zf_json *object = zf_json_object(), *value;
	size_t base = p->noffsets, at, namelen, dup;
	int end = open_container(p, '}');
	char *name;

	while (!end) {
		skip_space(p);
		if (p->pos >= p->len || p->s[p->pos] != '"') {
			fail_unexpected(p, "a member name");
			goto out;
		}
		at = p->pos;
		if ((name = parse_string(p, &namelen)) == NULL)
			goto out;
		skip_space(p);
		if (p->pos >= p->len || p->s[p->pos] != ':') {
			free(name);
			fail_unexpected(p, "':'");
			goto out;
		}
		p->pos++;
		if ((value = parse_value(p, depth)) == NULL) {
			free(name);
			goto out;
		}
		zf_json_append(object, name, namelen, value);
		p->offsets = zf_json_grow(p->offsets, &p->offsetscap,
		    p->noffsets + 1, sizeof(*p->offsets));
		p->offsets[p->noffsets++] = at;
		if ((end = next_item(p, '}', "',' or '}'")) < 0)
			goto out;
	}
	if ((dup = find_duplicate(object)) != SIZE_MAX) {
		report_duplicate(p, &object->u.object.members[dup],
		    p->offsets[base + dup]);
		goto out;
	}
	p->noffsets = base;
	return object;
out:
	p->noffsets = base;
	zf_json_free(object);
	return NULL;
}

static struct zf_json *
parse_string_value(struct parser *p)
{
	struct zf_json *v;
	size_t len;
	char *s;

	if ((s = parse_string(p, &len)) == NULL)
		return NULL;
	v = zf_json_alloc(ZF_JSON_STRING);
	v->u.string.bytes = s;
	v->u.string.len = len;
	return v;
}

/* depth counts the containers around the value. */
static struct zf_json *
parse_value(struct parser *p, size_t depth)
{
	skip_space(p);
	if (p->pos >= p->len)
		return fail_unexpected(p, "a value");
	switch (p->s[p->pos]) {
	case '[':
	case '{':
		if (depth >= MAX_DEPTH)
			return fail(p, p->pos, "nesting deeper than %d",
			    MAX_DEPTH);
		if (p->s[p->pos] == '[')
			return parse_array(p, depth + 1);
		return parse_object(p, depth + 1);
	case '"':
		return parse_string_value(p);
	case 't':
		return parse_literal(p, "true", ZF_JSON_BOOL);
	case 'f':
		return parse_literal(p, "false", ZF_JSON_BOOL);
	case 'n':
		return parse_literal(p, "null", ZF_JSON_NULL);
	default:
		if (p->s[p->pos] == '-' || is_digit(p->s[p->pos]))
			return parse_number(p);
		return fail_unexpected(p, "a value");
	}
}

struct zf_json *
zf_json_parse(const char *s, size_t len, char *err, size_t errlen)
{
	struct parser p;
	struct zf_json *v;

	memset(&p, 0, sizeof(p));
	p.s = (const unsigned char *)(s != NULL ? s : "");
	p.len = s != NULL ? len : 0;
	p.err = err;
	p.errlen = errlen;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	zf_buf_init(&p.scratch);
	v = parse_value(&p, 0);
	if (v != NULL) {
		skip_space(&p);
		if (p.pos < p.len) {
			fail_unexpected(&p, "end of input after the value");
			zf_json_free(v);
			v = NULL;
		}
	}
	zf_buf_release(&p.scratch);
	free(p.offsets);
	return v;
}

