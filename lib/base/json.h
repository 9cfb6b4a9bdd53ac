/*
 * json: a small JSON tree, a strict parser and the canonical writer.
 *
 * Events are encoded once, canonically (RFC 8785 JCS): object members
 * sorted by their names' UTF-16 code units, no insignificant whitespace,
 * strings escaped minimally (only '"', '\\' and U+0000..U+001F, the latter
 * as \b \t \n \f \r or \u00xx in lowercase hex), UTF-8 output.  zhifa
 * has no floating-point numbers anywhere: numbers are 64-bit integers
 * (money is integer fen), and the parser refuses fractions and exponents.
 *
 * The parser is strict: invalid UTF-8, duplicate member names, nesting
 * deeper than 64, lone surrogates, leading zeros, numbers outside int64
 * and trailing garbage are all refused with a message and byte offset.
 *
 * Objects keep members in insertion order; only the canonical writer
 * sorts.  A value belongs to the one container it was added to; freeing
 * the root frees everything.
 */
#ifndef ZF_JSON_H
#define ZF_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum zf_json_type {
	ZF_JSON_NULL,
	ZF_JSON_BOOL,
	ZF_JSON_INT,
	ZF_JSON_STRING,
	ZF_JSON_ARRAY,
	ZF_JSON_OBJECT
};

struct zf_json;

struct zf_json *zf_json_null(void);
struct zf_json *zf_json_bool(int v);
struct zf_json *zf_json_int(int64_t v);
/* Copies s; NULL makes a JSON null. */
struct zf_json *zf_json_string(const char *s);
struct zf_json *zf_json_stringn(const char *s, size_t len);
struct zf_json *zf_json_array(void);
struct zf_json *zf_json_object(void);
void zf_json_free(struct zf_json *v);
/* Deep copy. */
struct zf_json *zf_json_copy(const struct zf_json *v);

enum zf_json_type zf_json_type(const struct zf_json *v);
int zf_json_bool_value(const struct zf_json *v);
int64_t zf_json_int_value(const struct zf_json *v);
/*
 * The string's bytes (NUL-terminated; may contain NUL when parsed from
 * \u0000).
 */
const char *zf_json_str(const struct zf_json *v);
size_t zf_json_strlen(const struct zf_json *v);

/* Arrays. */
void zf_json_push(struct zf_json *array, struct zf_json *value);
size_t zf_json_len(const struct zf_json *v);	/* arrays and objects */
struct zf_json *zf_json_at(const struct zf_json *array, size_t i);

/* Objects: set replaces a member of the same name (freeing the old value). */
void zf_json_set(struct zf_json *object, const char *name,
    struct zf_json *value);
void zf_json_set_str(struct zf_json *object, const char *name,
    const char *s);	/* NULL sets null */
void zf_json_set_int(struct zf_json *object, const char *name, int64_t v);
void zf_json_set_bool(struct zf_json *object, const char *name, int v);
struct zf_json *zf_json_get(const struct zf_json *object, const char *name);
/* Member i in insertion order (for iteration). */
const char *zf_json_key_at(const struct zf_json *object, size_t i);
struct zf_json *zf_json_value_at(const struct zf_json *object, size_t i);
/* Convenience: the member's string, or NULL when absent or not a string. */
const char *zf_json_get_str(const struct zf_json *object, const char *name);
/* 0 and *out set when the member is an integer; -1 otherwise. */
int zf_json_get_int(const struct zf_json *object, const char *name,
    int64_t *out);
/* 1 for true, 0 for false or absent, -1 for any other type. */
int zf_json_get_bool(const struct zf_json *object, const char *name);

/*
 * The canonical (JCS) encoding, malloc'd and NUL-terminated; *len gets
 * its length when len is not NULL.
 */
char *zf_json_canonical(const struct zf_json *v, size_t *len);

/*
 * A readable encoding for people and programs reading zhifa's output:
 * members in insertion order, two-space indentation when pretty, a
 * final newline.  Returns 0, or -1 when the stream reports an error.
 */
int zf_json_write(FILE *f, const struct zf_json *v, int pretty);

/*
 * Parses exactly one JSON value from s[0..len).  On error returns NULL
 * and writes "offset N: reason" into err.
 */
struct zf_json *zf_json_parse(const char *s, size_t len, char *err,
    size_t errlen);

#endif
