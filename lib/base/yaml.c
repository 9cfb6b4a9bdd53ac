/*
 * yaml: a hardened loader over libyaml's event API.
 *
 * Policy choices the header leaves open:
 *   - No explicit tag is accepted, not even the standard "!!str" family
 *     or the bare "!": typing is the schema's job, so a tag can only
 *     confuse it.  %TAG directives are harmless without a tag and pass.
 *   - Keys are plain or quoted scalars; a block scalar key ("? |") is
 *     refused like a collection key.  Duplicates compare the key's bytes
 *     after unescaping, whatever the quoting, so "a" and 'a' clash.
 *   - Depth counts open collections: 32 nested ones pass, the 33rd is
 *     refused.  The node cap counts every node of the whole stream.
 *   - A scalar whose text holds a NUL (a "\0" escape) is refused too:
 *     callers treat the text as a C string.
 */
#include "base/yaml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libyaml's: lib/ is searched for "quoted" names only (-iquote). */
#include <yaml.h>

#include "base/buf.h"
#include "base/utf8.h"

struct frame {
	struct zf_yaml_node *node;
	struct zf_yaml_node *key;	/* mapping: a key awaiting its value */
	size_t cap;			/* room in node->items (and keys) */
};

struct loader {
	const char *file;
	char *err;
	size_t errlen;
	struct zf_yaml_doc *doc;
	size_t doccap;
	struct frame stack[ZF_YAML_MAX_DEPTH];
	size_t depth;
	size_t nodes;
};

static void
refuse(struct loader *l, unsigned line, unsigned column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
refuse(struct loader *l, unsigned line, unsigned column, const char *fmt, ...)
{
	struct zf_buf b;
	va_list ap;

	if (l->err == NULL || l->errlen == 0)
		return;
	zf_buf_init(&b);
	zf_buf_printf(&b, "%s:%u:%u: ", l->file, line, column);
	va_start(ap, fmt);
	zf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	snprintf(l->err, l->errlen, "%s", b.data);
	zf_buf_release(&b);
}

static int
has_bom(const unsigned char *s, size_t len)
{
	return len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf;
}

/*
 * The 1-based line and column of byte offset in s, counted the way
 * libyaml counts its marks: columns in characters, a leading BOM not
 * counted, CR LF as one break and NEL, LS and PS as breaks.  The bytes
 * before offset must be valid UTF-8.
 */
static void
locate(const unsigned char *s, size_t offset, unsigned *line,
    unsigned *column)
{
	size_t i = has_bom(s, offset) ? 3 : 0, n;

	*line = *column = 1;
	while (i < offset) {
		n = zf_utf8_decode(s + i, offset - i, NULL);
		if (n == 0)
			n = 1;
		if (s[i] == '\r' && i + 1 < offset && s[i + 1] == '\n')
			n = 2;
		if (s[i] == '\n' || s[i] == '\r' ||
		    (n == 2 && s[i] == 0xc2 && s[i + 1] == 0x85) ||
		    (n == 3 && s[i] == 0xe2 && s[i + 1] == 0x80 &&
		    (s[i + 2] == 0xa8 || s[i + 2] == 0xa9))) {
			(*line)++;
			*column = 1;
		} else {
			(*column)++;
		}
		i += n;
	}
}

/*
 * Refuses NUL bytes and invalid UTF-8 before libyaml sees the input,
 * so the message can name the line and column.
 */
static int
check_encoding(struct loader *l, const unsigned char *s, size_t len)
{
	unsigned line, column;
	size_t i = 0, n;

	while (i < len) {
		if (s[i] == '\0') {
			locate(s, i, &line, &column);
			refuse(l, line, column, "NUL byte in input");
			return -1;
		}
		n = zf_utf8_decode(s + i, len - i, NULL);
		if (n == 0) {
			locate(s, i, &line, &column);
			refuse(l, line, column, "invalid UTF-8 (byte 0x%02x)",
			    s[i]);
			return -1;
		}
		i += n;
	}
	return 0;
}

static void
report_libyaml(struct loader *l, const yaml_parser_t *parser,
    const unsigned char *s)
{
	const char *problem = parser->problem;
	unsigned line, column;

	if (problem == NULL)
		problem = parser->error == YAML_MEMORY_ERROR ?
		    "out of memory" : "cannot parse";
	if (parser->error == YAML_READER_ERROR) {
		/* Reader errors carry a byte offset, not a mark. */
		locate(s, parser->problem_offset, &line, &column);
		refuse(l, line, column, "%s", problem);
	} else if (parser->context != NULL) {
		refuse(l, (unsigned)parser->problem_mark.line + 1,
		    (unsigned)parser->problem_mark.column + 1,
		    "%s (%s at %u:%u)", problem, parser->context,
		    (unsigned)parser->context_mark.line + 1,
		    (unsigned)parser->context_mark.column + 1);
	} else {
		refuse(l, (unsigned)parser->problem_mark.line + 1,
		    (unsigned)parser->problem_mark.column + 1, "%s", problem);
	}
}

static void
free_node(struct zf_yaml_node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->count; i++) {
		free_node(n->items[i]);
		if (n->keys != NULL)
			free_node(n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->text);
	free(n);
}

void
zf_yaml_free(struct zf_yaml_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->ndocs; i++)
		free_node(doc->docs[i]);
	free(doc->docs);
	free(doc->file);
	free(doc);
}

static struct frame *
top(struct loader *l)
{
	return l->depth > 0 ? &l->stack[l->depth - 1] : NULL;
}

/* 1 when the next node is a mapping's key. */
static int
expecting_key(struct loader *l)
{
	struct frame *f = top(l);

	return f != NULL && f->node->kind == ZF_YAML_MAPPING && f->key == NULL;
}

/* The checks every node shares, made before anything is allocated. */
static int
check_node(struct loader *l, const yaml_mark_t *mark, const yaml_char_t *anchor,
    const yaml_char_t *tag)
{
	unsigned line = (unsigned)mark->line + 1;
	unsigned column = (unsigned)mark->column + 1;

	if (anchor != NULL) {
		refuse(l, line, column, "anchors are not allowed");
		return -1;
	}
	if (tag != NULL) {
		refuse(l, line, column, "tags are not allowed");
		return -1;
	}
	if (l->nodes >= ZF_YAML_MAX_NODES) {
		refuse(l, line, column, "more than %d nodes",
		    ZF_YAML_MAX_NODES);
		return -1;
	}
	l->nodes++;
	return 0;
}

static struct zf_yaml_node *
new_node(enum zf_yaml_kind kind, const yaml_mark_t *mark)
{
	struct zf_yaml_node *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->line = (unsigned)mark->line + 1;
	n->column = (unsigned)mark->column + 1;
	return n;
}

/* Hangs n under the open collection, or makes it a document's root. */
static void
attach(struct loader *l, struct zf_yaml_node *n)
{
	struct frame *f = top(l);
	struct zf_yaml_node *parent;

	if (f == NULL) {
		if (l->doc->ndocs == l->doccap) {
			l->doccap = l->doccap ? l->doccap * 2 : 4;
			l->doc->docs = xrealloc(l->doc->docs,
			    l->doccap * sizeof(*l->doc->docs));
		}
		l->doc->docs[l->doc->ndocs++] = n;
		return;
	}
	parent = f->node;
	if (parent->kind == ZF_YAML_MAPPING && f->key == NULL) {
		f->key = n;
		return;
	}
	if (parent->count == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		parent->items = xrealloc(parent->items,
		    f->cap * sizeof(*parent->items));
		if (parent->kind == ZF_YAML_MAPPING)
			parent->keys = xrealloc(parent->keys,
			    f->cap * sizeof(*parent->keys));
	}
	if (parent->kind == ZF_YAML_MAPPING) {
		parent->keys[parent->count] = f->key;
		f->key = NULL;
	}
	parent->items[parent->count++] = n;
}

static int
add_scalar(struct loader *l, const yaml_event_t *ev)
{
	const yaml_mark_t *mark = &ev->start_mark;
	unsigned line = (unsigned)mark->line + 1;
	unsigned column = (unsigned)mark->column + 1;
	size_t len = ev->data.scalar.length;
	struct zf_yaml_node *n;

	if (check_node(l, mark, ev->data.scalar.anchor, ev->data.scalar.tag))
		return -1;
	if (expecting_key(l) &&
	    (ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
	    ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE)) {
		refuse(l, line, column, "a mapping key must not be a block "
		    "scalar");
		return -1;
	}
	if (len > ZF_YAML_MAX_SCALAR) {
		refuse(l, line, column, "scalar is longer than %d bytes",
		    ZF_YAML_MAX_SCALAR);
		return -1;
	}
	if (memchr(ev->data.scalar.value, '\0', len) != NULL) {
		refuse(l, line, column, "scalar contains a NUL character");
		return -1;
	}
	n = new_node(ZF_YAML_SCALAR, mark);
	n->text = xstrndup((const char *)ev->data.scalar.value, len);
	n->len = len;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	attach(l, n);
	return 0;
}

static int
open_collection(struct loader *l, const yaml_event_t *ev,
    enum zf_yaml_kind kind)
{
	const yaml_mark_t *mark = &ev->start_mark;
	const yaml_char_t *anchor, *tag;
	struct zf_yaml_node *n;
	struct frame *f;

	if (kind == ZF_YAML_MAPPING) {
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
	} else {
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
	}
	if (check_node(l, mark, anchor, tag))
		return -1;
	if (expecting_key(l)) {
		refuse(l, (unsigned)mark->line + 1, (unsigned)mark->column + 1,
		    "a mapping key must be a scalar, not a %s",
		    kind == ZF_YAML_MAPPING ? "mapping" : "sequence");
		return -1;
	}
	if (l->depth == ZF_YAML_MAX_DEPTH) {
		refuse(l, (unsigned)mark->line + 1, (unsigned)mark->column + 1,
		    "nested deeper than %d levels", ZF_YAML_MAX_DEPTH);
		return -1;
	}
	n = new_node(kind, mark);
	attach(l, n);
	f = &l->stack[l->depth++];
	f->node = n;
	f->key = NULL;
	f->cap = 0;
	return 0;
}

static int
compare_keys(const void *a, const void *b)
{
	const struct zf_yaml_node *x = *(const struct zf_yaml_node *const *)a;
	const struct zf_yaml_node *y = *(const struct zf_yaml_node *const *)b;
	int c;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	c = memcmp(x->text, y->text, x->len);
	if (c != 0)
		return c;
	/* Keys of one mapping come in stream order: ties break by place. */
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return 0;
}

static int
before(const struct zf_yaml_node *x, const struct zf_yaml_node *y)
{
	return x->line < y->line ||
	    (x->line == y->line && x->column < y->column);
}

/*
 * The key for a message: control characters and quotes become '?', and
 * a long key is cut on a character boundary.
 */
static void
add_key_name(struct zf_buf *b, const struct zf_yaml_node *key)
{
	const unsigned char *t = (const unsigned char *)key->text;
	size_t i, cut = key->len;

	if (cut > 64) {
		cut = 64;
		while (cut > 0 && (t[cut] & 0xc0) == 0x80)
			cut--;
	}
	for (i = 0; i < cut; i++)
		zf_buf_addch(b, t[i] < 0x20 || t[i] == 0x7f || t[i] == '\'' ?
		    '?' : t[i]);
	if (cut < key->len)
		zf_buf_addstr(b, "...");
}

/*
 * Sorting finds duplicates in O(n log n) whatever the keys are, where a
 * hash table could be driven quadratic by chosen collisions.  The
 * repeat reported is the earliest one in the stream.
 */
static int
check_duplicates(struct loader *l, const struct zf_yaml_node *map)
{
	struct zf_yaml_node **sorted, *dup = NULL, *first = NULL;
	struct zf_buf name;
	size_t i, group = 0;
	int rc = 0;

	if (map->count < 2)
		return 0;
	sorted = xmalloc(map->count * sizeof(*sorted));
	memcpy(sorted, map->keys, map->count * sizeof(*sorted));
	qsort(sorted, map->count, sizeof(*sorted), compare_keys);
	/* Equal keys sort together in stream order: group starts first. */
	for (i = 1; i < map->count; i++) {
		if (sorted[i]->len != sorted[group]->len ||
		    memcmp(sorted[i]->text, sorted[group]->text,
		    sorted[i]->len) != 0) {
			group = i;
			continue;
		}
		if (i == group + 1 && (dup == NULL || before(sorted[i], dup))) {
			dup = sorted[i];
			first = sorted[group];
		}
	}
	if (dup == NULL)
		goto out;
	zf_buf_init(&name);
	add_key_name(&name, dup);
	refuse(l, dup->line, dup->column, "duplicate key '%s' (first at %u:%u)",
	    name.data, first->line, first->column);
	zf_buf_release(&name);
	rc = -1;
out:
	free(sorted);
	return rc;
}

static int
close_collection(struct loader *l)
{
	struct frame *f = &l->stack[--l->depth];

	if (f->node->kind == ZF_YAML_MAPPING)
		return check_duplicates(l, f->node);
	return 0;
}

static int
handle_event(struct loader *l, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		refuse(l, (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1,
		    "aliases are not allowed");
		return -1;
	case YAML_SCALAR_EVENT:
		return add_scalar(l, ev);
	case YAML_SEQUENCE_START_EVENT:
		return open_collection(l, ev, ZF_YAML_SEQUENCE);
	case YAML_MAPPING_START_EVENT:
		return open_collection(l, ev, ZF_YAML_MAPPING);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(l);
	default:
		return 0;
	}
}

struct zf_yaml_doc *
zf_yaml_parse(const char *file, const char *buf, size_t len, char *err,
    size_t errlen)
{
	const unsigned char *s = (const unsigned char *)buf;
	struct zf_yaml_doc *doc;
	struct loader l;
	yaml_parser_t parser;
	yaml_event_t ev;
	int done = 0, rc = -1;
	size_t i;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	doc = xcalloc(1, sizeof(*doc));
	doc->file = xstrdup(file != NULL ? file : "-");
	memset(&l, 0, sizeof(l));
	l.file = doc->file;
	l.err = err;
	l.errlen = errlen;
	l.doc = doc;
	if (check_encoding(&l, s, len))
		goto out_doc;
	if (!yaml_parser_initialize(&parser)) {
		refuse(&l, 1, 1, "cannot start the YAML parser");
		goto out_doc;
	}
	yaml_parser_set_input_string(&parser, s, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			report_libyaml(&l, &parser, s);
			goto out;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (handle_event(&l, &ev)) {
			yaml_event_delete(&ev);
			goto out;
		}
		yaml_event_delete(&ev);
	}
	rc = 0;
out:
	yaml_parser_delete(&parser);
out_doc:
	/* A key waiting for its value is not yet in the tree. */
	for (i = 0; i < l.depth; i++)
		free_node(l.stack[i].key);
	if (rc != 0) {
		zf_yaml_free(doc);
		return NULL;
	}
	return doc;
}

struct zf_yaml_node *
zf_yaml_get(const struct zf_yaml_node *map, const char *key)
{
	size_t i, len;

	if (map == NULL || map->kind != ZF_YAML_MAPPING || key == NULL)
		return NULL;
	len = strlen(key);
	for (i = 0; i < map->count; i++)
		if (map->keys[i]->len == len &&
		    memcmp(map->keys[i]->text, key, len) == 0)
			return map->items[i];
	return NULL;
}

int
zf_yaml_is_null(const struct zf_yaml_node *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t i;

	if (n == NULL || n->kind != ZF_YAML_SCALAR || !n->plain)
		return 0;
	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strcmp(n->text, nulls[i]) == 0)
			return 1;
	return 0;
}
