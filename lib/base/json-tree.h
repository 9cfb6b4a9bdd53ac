/*
 * json-tree: the layout of a JSON value, for json.c (the tree and its
 * accessors), json-parse.c and json-write.c alone; everything else sees
 * struct zf_json as opaque through json.h.
 *
 * Invariants: a string's bytes are NUL-terminated and may hold NULs
 * before len; an object keeps its members in insertion order, each name
 * with an explicit length; every value belongs to one container.
 */
#ifndef ZF_JSON_TREE_H
#define ZF_JSON_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "base/json.h"

/*
 * Names keep an explicit length: a parsed name may contain NUL (from
 * \u0000).  Such a name is written out whole, but zf_json_get() and
 * zf_json_key_at() see it only up to its first NUL.
 */
struct zf_json_member {
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
			struct zf_json_member *members;
			size_t len, cap;
		} object;
	} u;
};

/*
 * The escapes written as a backslash and one letter: each character
 * followed by its letter.
 */
#define ZF_JSON_ESCAPES "\"\"\\\\\bb\ff\nn\rr\tt"

/*
 * Room for need items of size bytes at items, which has room for *cap:
 * cap doubles (from 4) until it is enough.
 */
void *zf_json_grow(void *items, size_t *cap, size_t need, size_t size);
/* A new value of type, zeroed. */
struct zf_json *zf_json_alloc(enum zf_json_type type);
/* Appends a member; the object takes name (malloc'd) and value. */
void zf_json_append(struct zf_json *object, char *name, size_t namelen,
    struct zf_json *value);

#endif
