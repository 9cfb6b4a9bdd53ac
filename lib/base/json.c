/* json: the value tree, its constructors and accessors. */
#include "base/json.h"
#include "base/json-tree.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

void *
zf_json_grow(void *items, size_t *cap, size_t need, size_t size)
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

struct zf_json *
zf_json_alloc(enum zf_json_type type)
{
	struct zf_json *v = xcalloc(1, sizeof(*v));

	v->type = type;
	return v;
}

struct zf_json *
zf_json_null(void)
{
	return zf_json_alloc(ZF_JSON_NULL);
}

struct zf_json *
zf_json_bool(int v)
{
	struct zf_json *j = zf_json_alloc(ZF_JSON_BOOL);

	j->u.boolean = v != 0;
	return j;
}

struct zf_json *
zf_json_int(int64_t v)
{
	struct zf_json *j = zf_json_alloc(ZF_JSON_INT);

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
	j = zf_json_alloc(ZF_JSON_STRING);
	j->u.string.bytes = xstrndup(s, len);
	j->u.string.len = len;
	return j;
}

struct zf_json *
zf_json_array(void)
{
	return zf_json_alloc(ZF_JSON_ARRAY);
}

struct zf_json *
zf_json_object(void)
{
	return zf_json_alloc(ZF_JSON_OBJECT);
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

void
zf_json_append(struct zf_json *object, char *name, size_t namelen,
    struct zf_json *value)
{
	struct zf_json_member *m;

	object->u.object.members = zf_json_grow(object->u.object.members,
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
	const struct zf_json_member *m;
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
			zf_json_append(c, xstrndup(m->name, m->namelen),
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
	array->u.array.items = zf_json_grow(array->u.array.items,
	    &array->u.array.cap, array->u.array.len + 1,
	    sizeof(*array->u.array.items));
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

static struct zf_json_member *
find_member(const struct zf_json *object, const char *name, size_t len)
{
	struct zf_json_member *m;
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
	struct zf_json_member *m;
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
	zf_json_append(object, xstrndup(name, len), len, value);
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
	struct zf_json_member *m;

	if (name == NULL)
		return NULL;
	m = find_member(object, name, strlen(name));
	return m != NULL ? m->value : NULL;
}

static const struct zf_json_member *
member_at(const struct zf_json *object, size_t i)
{
	if (object == NULL || object->type != ZF_JSON_OBJECT ||
	    i >= object->u.object.len)
		return NULL;
	return &object->u.object.members[i];
}

const char *
zf_json_key_at(const struct zf_json *object, size_t i)
{
	const struct zf_json_member *m = member_at(object, i);

	return m != NULL ? m->name : NULL;
}

struct zf_json *
zf_json_value_at(const struct zf_json *object, size_t i)
{
	const struct zf_json_member *m = member_at(object, i);

	return m != NULL ? m->value : NULL;
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
