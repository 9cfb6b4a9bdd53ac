/* jsonsplit: the elements of one array of a JSON document, one by one. */
#include "publication/jsonsplit.h"

#include <string.h>

void
zf_jsonsplit_init(struct zf_jsonsplit *s, const char *member,
    size_t item_max, size_t rest_max, zf_jsonsplit_fn item, void *ctx)
{
	memset(s, 0, sizeof(*s));
	s->member = member;
	s->item_max = item_max;
	s->rest_max = rest_max;
	s->item = item;
	s->ctx = ctx;
	zf_buf_init(&s->rest);
	zf_buf_init(&s->text);
	zf_buf_init(&s->key);
}

void
zf_jsonsplit_release(struct zf_jsonsplit *s)
{
	zf_buf_release(&s->rest);
	zf_buf_release(&s->text);
	zf_buf_release(&s->key);
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A byte inside a string; key, when not NULL, gets its text. */
static void
string_byte(struct zf_jsonsplit *s, int c, struct zf_buf *key)
{
	if (s->escape)
		s->escape = 0;
	else if (c == '\\')
		s->escape = 1;
	else if (c == '"')
		s->in_string = 0;
	else if (key != NULL)
		zf_buf_addch(key, c);
}

/* A byte inside an element: kept, and the element handed on at its end. */
static int
item_byte(struct zf_jsonsplit *s, int c)
{
	zf_buf_addch(&s->text, c);
	if (s->text.len > s->item_max)
		return ZF_JSONSPLIT_ITEM_LARGE;
	if (s->in_string) {
		string_byte(s, c, NULL);
	} else if (c == '"') {
		s->in_string = 1;
	} else if (c == '{' || c == '[') {
		s->item_depth++;
	} else if ((c == '}' || c == ']') && --s->item_depth == 0) {
		s->item(s->ctx, s->text.data, s->text.len);
		zf_buf_reset(&s->text);
		s->in_item = 0;
		s->want_comma = 1;
	}
	return ZF_JSONSPLIT_OK;
}

/* A byte of the array between its elements. */
static int
array_byte(struct zf_jsonsplit *s, int c)
{
	if (is_space(c))
		return ZF_JSONSPLIT_OK;
	if (c == ']') {
		s->in_array = 0;
		s->depth--;
		zf_buf_addch(&s->rest, c);
	} else if (c == ',' && s->want_comma) {
		s->want_comma = 0;
	} else if (c == '{' && !s->want_comma) {
		s->in_item = 1;
		s->item_depth = 1;
		zf_buf_addch(&s->text, c);
	} else {
		return ZF_JSONSPLIT_NOT_OBJECTS;
	}
	return ZF_JSONSPLIT_OK;
}

/* A byte of the rest of the document. */
static int
rest_byte(struct zf_jsonsplit *s, int c)
{
	zf_buf_addch(&s->rest, c);
	if (s->rest.len > s->rest_max)
		return ZF_JSONSPLIT_LARGE;
	if (s->in_string) {
		string_byte(s, c, s->depth == 1 ? &s->key : NULL);
		return ZF_JSONSPLIT_OK;
	}
	if (c == '"') {
		s->in_string = 1;
		if (s->depth == 1)
			zf_buf_reset(&s->key);
	} else if (c == ':' && s->depth == 1) {
		s->key_is_member = strcmp(s->key.data, s->member) == 0;
	} else if (c == '{' || c == '[') {
		s->depth++;
		if (c == '[' && s->depth == 2 && s->key_is_member) {
			s->in_array = 1;
			s->seen = 1;
			s->want_comma = 0;
		}
		s->key_is_member = 0;
	} else if (c == '}' || c == ']') {
		s->depth--;
		if (s->depth == 0)
			s->ended = 1;
	} else if (!is_space(c)) {
		s->key_is_member = 0;
	}
	return ZF_JSONSPLIT_OK;
}

int
zf_jsonsplit_feed(struct zf_jsonsplit *s, const char *p, size_t n)
{
	size_t i;
	int c, rc;

	for (i = 0; i < n && !s->broken; i++) {
		c = (unsigned char)p[i];
		if (s->in_item)
			rc = item_byte(s, c);
		else if (s->in_array && !s->in_string)
			rc = array_byte(s, c);
		else
			rc = rest_byte(s, c);
		if (rc != ZF_JSONSPLIT_OK) {
			s->broken = 1;
			return rc;
		}
	}
	return ZF_JSONSPLIT_OK;
}

int
zf_jsonsplit_end(struct zf_jsonsplit *s)
{
	if (s->broken)
		return ZF_JSONSPLIT_OK;
	if (!s->ended || s->in_string || s->in_array || s->in_item) {
		s->broken = 1;
		return ZF_JSONSPLIT_UNENDED;
	}
	return ZF_JSONSPLIT_OK;
}
