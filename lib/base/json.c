/* json: the value tree, the strict parser and the two writers. */
#include "base/json.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

#define MAX_DEPTH	64

/*
 * Below this many members the parser looks for duplicate names pairwise;
 * above it, it sorts, so a huge object costs n log n rather than n^2.
 */
#define PAIRWISE_LIMIT	16

/*
 * Names keep an explicit length: a parsed name may contain NUL (from
 * \u0000).  Such a name is written out whole, but zf_json_get() and
 * zf_json_key_at() see it only up to its first NUL.
 */
struct member {
	char *name;
	size_t namelen;
	struct zf_json *value;
};

struct zf_json {
	enum zf_json_type type;
	union {
		int boolean;
		int64_t integer;
		struct {
			char *bytes;	/* NUL-terminated */
			size_t len;
		} string;
		struct {
			struct zf_json **items;
			size_t len, cap;
		} array;
		struct {
			struct member *members;
			size_t len, cap;
		} object;
	} u;
};

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
	const struct member *member;
	size_t index;
};

static void *
grow(void *items, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap;

	if (need <= n)
		return items;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size)
			abort();
		n = n ? n * 2 : 4;
	}
	*cap = n;
	return xrealloc(items, n * size);
}

static struct zf_json *
new_value(enum zf_json_type type)
{
	struct zf_json *v = xcalloc(1, sizeof(*v));

	v->type = type;
	return v;
}

struct zf_json *
zf_json_null(void)
{
	return new_value(ZF_JSON_NULL);
}

struct zf_json *
zf_json_bool(int v)
{
	struct zf_json *j = new_value(ZF_JSON_BOOL);

	j->u.boolean = v != 0;
	return j;
}

struct zf_json *
zf_json_int(int64_t v)
{
	struct zf_json *j = new_value(ZF_JSON_INT);

	j->u.integer = v;
	return j;
}

struct zf_json *
zf_json_string(const char *s)
{
	if (s == NULL)
		return zf_json_null();
	return zf_json_stringn(s, strlen(s));
}

struct zf_json *
zf_json_stringn(const char *s, size_t len)
{
	struct zf_json *j;

	if (s == NULL)
		return zf_json_null();
	j = new_value(ZF_JSON_STRING);
	j->u.string.bytes = xstrndup(s, len);
	j->u.string.len = len;
	return j;
}

struct zf_json *
zf_json_array(void)
{
	return new_value(ZF_JSON_ARRAY);
}

struct zf_json *
zf_json_object(void)
{
	return new_value(ZF_JSON_OBJECT);
}

void
zf_json_free(struct zf_json *v)
{
	size_t i;

	if (v == NULL)
		return;
	switch (v->type) {
	case ZF_JSON_STRING:
		free(v->u.string.bytes);
		break;
	case ZF_JSON_ARRAY:
		for (i = 0; i < v->u.array.len; i++)
			zf_json_free(v->u.array.items[i]);
		free(v->u.array.items);
		break;
	case ZF_JSON_OBJECT:
		for (i = 0; i < v->u.object.len; i++) {
			free(v->u.object.members[i].name);
			zf_json_free(v->u.object.members[i].value);
		}
		free(v->u.object.members);
		break;
	default:
		break;
	}
	free(v);
}

static void
append_member(struct zf_json *object, char *name, size_t namelen,
    struct zf_json *value)
{
	struct member *m;

	object->u.object.members = grow(object->u.object.members,
	    &object->u.object.cap, object->u.object.len + 1,
	    sizeof(*object->u.object.members));
	m = &object->u.object.members[object->u.object.len++];
	m->name = name;
	m->namelen = namelen;
	m->value = value;
}

struct zf_json *
zf_json_copy(const struct zf_json *v)
{
	struct zf_json *c;
	const struct member *m;
	size_t i;

	if (v == NULL)
		return NULL;
	switch (v->type) {
	case ZF_JSON_BOOL:
		return zf_json_bool(v->u.boolean);
	case ZF_JSON_INT:
		return zf_json_int(v->u.integer);
	case ZF_JSON_STRING:
		return zf_json_stringn(v->u.string.bytes, v->u.string.len);
	case ZF_JSON_ARRAY:
		c = zf_json_array();
		for (i = 0; i < v->u.array.len; i++)
			zf_json_push(c, zf_json_copy(v->u.array.items[i]));
		return c;
	case ZF_JSON_OBJECT:
		c = zf_json_object();
		for (i = 0; i < v->u.object.len; i++) {
			m = &v->u.object.members[i];
			append_member(c, xstrndup(m->name, m->namelen),
			    m->namelen, zf_json_copy(m->value));
		}
		return c;
	default:
		return zf_json_null();
	}
}

enum zf_json_type
zf_json_type(const struct zf_json *v)
{
	return v == NULL ? ZF_JSON_NULL : v->type;
}

int
zf_json_bool_value(const struct zf_json *v)
{
	return v != NULL && v->type == ZF_JSON_BOOL ? v->u.boolean : 0;
}

int64_t
zf_json_int_value(const struct zf_json *v)
{
	return v != NULL && v->type == ZF_JSON_INT ? v->u.integer : 0;
}

const char *
zf_json_str(const struct zf_json *v)
{
	return v != NULL && v->type == ZF_JSON_STRING ?
	    v->u.string.bytes : NULL;
}

size_t
zf_json_strlen(const struct zf_json *v)
{
	return v != NULL && v->type == ZF_JSON_STRING ? v->u.string.len : 0;
}

/*
 * Adding to something that is not a container is a caller's mistake;
 * the value is freed so that ownership stays simple.  A NULL value is
 * taken as JSON null, as zf_json_string(NULL) gives.
 */
void
zf_json_push(struct zf_json *array, struct zf_json *value)
{
	if (value == NULL)
		value = zf_json_null();
	if (array == NULL || array->type != ZF_JSON_ARRAY) {
		zf_json_free(value);
		return;
	}
	array->u.array.items = grow(array->u.array.items, &array->u.array.cap,
	    array->u.array.len + 1, sizeof(*array->u.array.items));
	array->u.array.items[array->u.array.len++] = value;
}

size_t
zf_json_len(const struct zf_json *v)
{
	if (v == NULL)
		return 0;
	if (v->type == ZF_JSON_ARRAY)
		return v->u.array.len;
	if (v->type == ZF_JSON_OBJECT)
		return v->u.object.len;
	return 0;
}

struct zf_json *
zf_json_at(const struct zf_json *array, size_t i)
{
	if (array == NULL || array->type != ZF_JSON_ARRAY ||
	    i >= array->u.array.len)
		return NULL;
	return array->u.array.items[i];
}

static struct member *
find_member(const struct zf_json *object, const char *name, size_t len)
{
	struct member *m;
	size_t i;

	if (object == NULL || object->type != ZF_JSON_OBJECT || name == NULL)
		return NULL;
	for (i = 0; i < object->u.object.len; i++) {
		m = &object->u.object.members[i];
		if (m->namelen == len && memcmp(m->name, name, len) == 0)
			return m;
	}
	return NULL;
}

void
zf_json_set(struct zf_json *object, const char *name, struct zf_json *value)
{
	struct member *m;
	size_t len;

	if (value == NULL)
		value = zf_json_null();
	if (object == NULL || object->type != ZF_JSON_OBJECT || name == NULL) {
		zf_json_free(value);
		return;
	}
	len = strlen(name);
	if ((m = find_member(object, name, len)) != NULL) {
		if (m->value != value)
			zf_json_free(m->value);
		m->value = value;
		return;
	}
	append_member(object, xstrndup(name, len), len, value);
}

void
zf_json_set_str(struct zf_json *object, const char *name, const char *s)
{
	zf_json_set(object, name, zf_json_string(s));
}

void
zf_json_set_int(struct zf_json *object, const char *name, int64_t v)
{
	zf_json_set(object, name, zf_json_int(v));
}

void
zf_json_set_bool(struct zf_json *object, const char *name, int v)
{
	zf_json_set(object, name, zf_json_bool(v));
}

struct zf_json *
zf_json_get(const struct zf_json *object, const char *name)
{
	struct member *m;

	if (name == NULL)
		return NULL;
	m = find_member(object, name, strlen(name));
	return m != NULL ? m->value : NULL;
}

const char *
zf_json_key_at(const struct zf_json *object, size_t i)
{
	if (object == NULL || object->type != ZF_JSON_OBJECT ||
	    i >= object->u.object.len)
		return NULL;
	return object->u.object.members[i].name;
}

struct zf_json *
zf_json_value_at(const struct zf_json *object, size_t i)
{
	if (object == NULL || object->type != ZF_JSON_OBJECT ||
	    i >= object->u.object.len)
		return NULL;
	return object->u.object.members[i].value;
}

const char *
zf_json_get_str(const struct zf_json *object, const char *name)
{
	return zf_json_str(zf_json_get(object, name));
}

int
zf_json_get_int(const struct zf_json *object, const char *name,
    int64_t *out)
{
	struct zf_json *v = zf_json_get(object, name);

	if (v == NULL || v->type != ZF_JSON_INT)
		return -1;
	*out = v->u.integer;
	return 0;
}

int
zf_json_get_bool(const struct zf_json *object, const char *name)
{
	struct zf_json *v = zf_json_get(object, name);

	if (v == NULL)
		return 0;
	if (v->type != ZF_JSON_BOOL)
		return -1;
	return v->u.boolean;
}

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
	const struct member *a = *(const struct member *const *)pa;
	const struct member *b = *(const struct member *const *)pb;

	return compare_utf16(a->name, a->namelen, b->name, b->namelen);
}

static void
put_escape(struct zf_buf *b, unsigned char c)
{
	switch (c) {
	case '"':
		zf_buf_add(b, "\\\"", 2);
		break;
	case '\\':
		zf_buf_add(b, "\\\\", 2);
		break;
	case '\b':
		zf_buf_add(b, "\\b", 2);
		break;
	case '\t':
		zf_buf_add(b, "\\t", 2);
		break;
	case '\n':
		zf_buf_add(b, "\\n", 2);
		break;
	case '\f':
		zf_buf_add(b, "\\f", 2);
		break;
	case '\r':
		zf_buf_add(b, "\\r", 2);
		break;
	default:
		if (c < 0x20)
			zf_buf_printf(b, "\\u%04x", c);
		else
			zf_buf_add(b, "\xef\xbf\xbd", 3);
		break;
	}
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
				if ((n = zf_utf8_decode(p + i, len - i, NULL)) == 0)
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

static void
put_canonical(struct zf_buf *b, const struct zf_json *v)
{
	const struct member **sorted;
	size_t i, n;

	switch (zf_json_type(v)) {
	case ZF_JSON_ARRAY:
		zf_buf_addch(b, '[');
		for (i = 0; i < v->u.array.len; i++) {
			if (i > 0)
				zf_buf_addch(b, ',');
			put_canonical(b, v->u.array.items[i]);
		}
		zf_buf_addch(b, ']');
		break;
	case ZF_JSON_OBJECT:
		n = v->u.object.len;
		sorted = xmalloc(n * sizeof(*sorted));
		for (i = 0; i < n; i++)
			sorted[i] = &v->u.object.members[i];
		qsort(sorted, n, sizeof(*sorted), compare_members_utf16);
		zf_buf_addch(b, '{');
		for (i = 0; i < n; i++) {
			if (i > 0)
				zf_buf_addch(b, ',');
			put_string(b, sorted[i]->name, sorted[i]->namelen);
			zf_buf_addch(b, ':');
			put_canonical(b, sorted[i]->value);
		}
		zf_buf_addch(b, '}');
		free(sorted);
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
	put_canonical(&b, v);
	return zf_buf_detach(&b, len);
}

static void
put_newline(struct zf_buf *b, size_t depth)
{
	size_t i;

	zf_buf_addch(b, '\n');
	for (i = 0; i < depth; i++)
		zf_buf_add(b, "  ", 2);
}

static void
put_readable(struct zf_buf *b, const struct zf_json *v, int pretty,
    size_t depth)
{
	const struct member *m;
	size_t i;

	switch (zf_json_type(v)) {
	case ZF_JSON_ARRAY:
		zf_buf_addch(b, '[');
		for (i = 0; i < v->u.array.len; i++) {
			if (i > 0)
				zf_buf_addch(b, ',');
			if (pretty)
				put_newline(b, depth + 1);
			put_readable(b, v->u.array.items[i], pretty, depth + 1);
		}
		if (pretty && v->u.array.len > 0)
			put_newline(b, depth);
		zf_buf_addch(b, ']');
		break;
	case ZF_JSON_OBJECT:
		zf_buf_addch(b, '{');
		for (i = 0; i < v->u.object.len; i++) {
			m = &v->u.object.members[i];
			if (i > 0)
				zf_buf_addch(b, ',');
			if (pretty)
				put_newline(b, depth + 1);
			put_string(b, m->name, m->namelen);
			zf_buf_add(b, ": ", pretty ? 2 : 1);
			put_readable(b, m->value, pretty, depth + 1);
		}
		if (pretty && v->u.object.len > 0)
			put_newline(b, depth);
		zf_buf_addch(b, '}');
		break;
	default:
		put_scalar(b, v);
		break;
	}
}

int
zf_json_write(FILE *f, const struct zf_json *v, int pretty)
{
	struct zf_buf b;
	int rc = 0;

	zf_buf_init(&b);
	put_readable(&b, v, pretty, 0);
	zf_buf_addch(&b, '\n');
	if (fwrite(b.data, 1, b.len, f) != b.len || ferror(f))
		rc = -1;
	zf_buf_release(&b);
	return rc;
}

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

static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
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
		if ((h = hex_value(p->s[at + i])) < 0)
			return -1;
		v = v << 4 | h;
	}
	return v;
}

/* Decodes the escape at p->pos (a backslash) into p->scratch. */
static int
parse_escape(struct parser *p)
{
	size_t at = p->pos;
	long hi, lo;

	if (at + 1 >= p->len) {
		fail(p, p->len, "unexpected end of input in string");
		return -1;
	}
	switch (p->s[at + 1]) {
	case '"':
	case '\\':
	case '/':
		zf_buf_addch(&p->scratch, p->s[at + 1]);
		break;
	case 'b':
		zf_buf_addch(&p->scratch, '\b');
		break;
	case 'f':
		zf_buf_addch(&p->scratch, '\f');
		break;
	case 'n':
		zf_buf_addch(&p->scratch, '\n');
		break;
	case 'r':
		zf_buf_addch(&p->scratch, '\r');
		break;
	case 't':
		zf_buf_addch(&p->scratch, '\t');
		break;
	case 'u':
		if ((hi = read_hex4(p, at)) < 0) {
			fail(p, at, "invalid \\u escape, expected four "
			    "hex digits");
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
		zf_utf8_encode(&p->scratch,
		    0x10000 + ((uint32_t)(hi - 0xd800) << 10) +
		    (uint32_t)(lo - 0xdc00));
		p->pos = at + 12;
		return 0;
	default:
		if (p->s[at + 1] > 0x20 && p->s[at + 1] < 0x7f)
			fail(p, at, "invalid escape '\\%c'", p->s[at + 1]);
		else
			fail(p, at, "invalid escape");
		return -1;
	}
	p->pos = at + 2;
	return 0;
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

static struct zf_json *
parse_array(struct parser *p, size_t depth)
{
	struct zf_json *array = zf_json_array(), *item;
	unsigned char c;

	p->pos++;
	skip_space(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		return array;
	}
	for (;;) {
		if ((item = parse_value(p, depth)) == NULL)
			goto out;
		zf_json_push(array, item);
		skip_space(p);
		c = p->pos < p->len ? p->s[p->pos] : '\0';
		if (c == ']')
			break;
		if (c != ',') {
			fail_unexpected(p, "',' or ']'");
			goto out;
		}
		p->pos++;
	}
	p->pos++;
	return array;
out:
	zf_json_free(array);
	return NULL;
}

static int
same_name(const struct member *a, const struct member *b)
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
	const struct member *m = object->u.object.members;
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
report_duplicate(struct parser *p, const struct member *m, size_t at)
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
	unsigned char c;
	char *name;

	p->pos++;
	skip_space(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		return object;
	}
	for (;;) {
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
		append_member(object, name, namelen, value);
		p->offsets = grow(p->offsets, &p->offsetscap,
		    p->noffsets + 1, sizeof(*p->offsets));
		p->offsets[p->noffsets++] = at;
		skip_space(p);
		c = p->pos < p->len ? p->s[p->pos] : '\0';
		if (c == '}')
			break;
		if (c != ',') {
			fail_unexpected(p, "',' or '}'");
			goto out;
		}
		p->pos++;
	}
	p->pos++;
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
	v = new_value(ZF_JSON_STRING);
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
