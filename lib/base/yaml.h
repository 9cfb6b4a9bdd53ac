/*
 * yaml: YAML as an untrusted input format, read into a small tree.
 *
 * Only libyaml's event API is used.  Refused, each with the place
 * "FILE:LINE:COLUMN: what is wrong" (1-based line and column):
 *   - anchors, aliases and every explicit tag (even the standard !!str);
 *   - duplicate keys in a mapping, and keys that are not scalars;
 *   - nesting deeper than ZF_YAML_MAX_DEPTH;
 *   - a scalar longer than ZF_YAML_MAX_SCALAR bytes, more than
 *     ZF_YAML_MAX_NODES nodes (callers cap the input's size);
 *   - input that is not UTF-8 (checked before libyaml sees it), or has
 *     a NUL byte;
 *   - anything libyaml itself rejects (with its problem text).
 * Scalars keep their text and their style; typing them (string, integer,
 * date, boolean) is the schema's job, not the loader's.
 */
#ifndef ZF_YAML_H
#define ZF_YAML_H

#include <stddef.h>

#define ZF_YAML_MAX_DEPTH 32
#define ZF_YAML_MAX_SCALAR 65536
#define ZF_YAML_MAX_NODES 1000000

enum zf_yaml_kind {
	ZF_YAML_SCALAR,
	ZF_YAML_SEQUENCE,
	ZF_YAML_MAPPING
};

struct zf_yaml_node {
	enum zf_yaml_kind kind;
	unsigned line, column;	/* where the node starts, 1-based */
	/* scalars */
	char *text;		/* NUL-terminated */
	size_t len;
	/* 1 when written without quotes or block style */
	int plain;
	/* sequences: items; mappings: keys[i] -> items[i] */
	size_t count;
	struct zf_yaml_node **items;
	struct zf_yaml_node **keys;	/* scalars; NULL for sequences */
};

struct zf_yaml_doc {
	char *file;	/* the name used in messages */
	size_t ndocs;
	struct zf_yaml_node **docs;	/* one root per YAML document */
};

/*
 * Parses buf[0..len) (a whole file's bytes).  Returns NULL and writes
 * "FILE:LINE:COLUMN: reason" into err on any refusal.  An empty stream
 * gives zero documents.
 */
struct zf_yaml_doc *zf_yaml_parse(const char *file, const char *buf,
    size_t len, char *err, size_t errlen);
void zf_yaml_free(struct zf_yaml_doc *doc);

/* Mapping lookup; NULL when the key is absent or node is not a mapping. */
struct zf_yaml_node *zf_yaml_get(const struct zf_yaml_node *map,
    const char *key);
/* 1 when the scalar is the YAML null (~, null, empty plain). */
int zf_yaml_is_null(const struct zf_yaml_node *n);

#endif
