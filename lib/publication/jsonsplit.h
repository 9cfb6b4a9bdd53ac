/*
 * jsonsplit: a JSON document whose top object holds one long array of
 * objects (records.json's "records"), cut apart as it streams past.
 *
 * Each element of the array is handed to a function as its own text,
 * as soon as its closing brace comes; the rest of the document is kept
 * with the array left empty ("records":[]), to be parsed at the end.
 * Only the structure is followed (strings, escapes, nesting): the texts
 * are not parsed here.  Memory is bounded by the limits on one element
 * and on the rest, whatever the number of elements.
 */
#ifndef ZF_JSONSPLIT_H
#define ZF_JSONSPLIT_H

#include <stddef.h>

#include "base/buf.h"

enum zf_jsonsplit_status {
	ZF_JSONSPLIT_OK,
	ZF_JSONSPLIT_ITEM_LARGE,	/* an element over item_max bytes */
	ZF_JSONSPLIT_NOT_OBJECTS,	/* the array holds other than objects */
	ZF_JSONSPLIT_LARGE,		/* the rest over rest_max bytes */
	ZF_JSONSPLIT_UNENDED		/* it ends inside the top object */
};

/* Takes the text of one element of the array. */
typedef void (*zf_jsonsplit_fn)(void *ctx, const char *text, size_t len);

struct zf_jsonsplit {
	const char *member;	/* the array's name in the top object */
	size_t item_max, rest_max;
	zf_jsonsplit_fn item;
	void *ctx;
	int broken;		/* a refusal stopped the reading */
	int seen;		/* the array was found */
	int ended;		/* the top object closed */
	int depth, in_string, escape;
	int key_is_member, in_array, want_comma;
	int in_item, item_depth;
	struct zf_buf rest;	/* the document less the array's elements */
	struct zf_buf text;	/* the element being read */
	struct zf_buf key;	/* the top object's member name being read */
};

void zf_jsonsplit_init(struct zf_jsonsplit *s, const char *member,
    size_t item_max, size_t rest_max, zf_jsonsplit_fn item, void *ctx);
/*
 * Reads p[0..n): ZF_JSONSPLIT_OK, or the refusal that broke it (once;
 * a broken splitter reads nothing more and returns ZF_JSONSPLIT_OK).
 */
int zf_jsonsplit_feed(struct zf_jsonsplit *s, const char *p, size_t n);
/*
 * The end of the text: ZF_JSONSPLIT_UNENDED when it stops inside the
 * top object (or before it), else ZF_JSONSPLIT_OK with the rest of the
 * document in s->rest.  A broken splitter returns ZF_JSONSPLIT_OK.
 */
int zf_jsonsplit_end(struct zf_jsonsplit *s);
void zf_jsonsplit_release(struct zf_jsonsplit *s);

#endif
