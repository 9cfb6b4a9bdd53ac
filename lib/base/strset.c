/* strset: open-addressing tables of strings and of 64-bit keys. */
#include "base/strset.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

static unsigned char
lower(unsigned char c, int fold)
{
	return fold && c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

uint64_t
zf_strset_hash(const char *key, size_t len, int fold)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= lower((unsigned char)key[i], fold);
		h *= 1099511628211ULL;
	}
	return h;
}

static int
same(const char *a, const char *b, size_t len, int fold)
{
	size_t i;

	if (!fold)
		return memcmp(a, b, len) == 0;
	for (i = 0; i < len; i++)
		if (lower((unsigned char)a[i], 1) !=
		    lower((unsigned char)b[i], 1))
			return 0;
	return 1;
}

void
zf_strset_init(struct zf_strset *s, int flags)
{
	memset(s, 0, sizeof(*s));
	s->flags = flags;
}

void
zf_strset_release(struct zf_strset *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->slot[i].key);
	free(s->slot);
	zf_strset_init(s, s->flags);
}

/* The slot holding key, or the free one where it would go; cap > 0. */
static struct zf_strset_entry *
slot_of(const struct zf_strset *s, const char *key, size_t len)
{
	int fold = s->flags & ZF_STRSET_FOLD;
	size_t mask = s->cap - 1;
	size_t i = (size_t)zf_strset_hash(key, len, fold) & mask;

	for (;; i = (i + 1) & mask) {
		struct zf_strset_entry *e = &s->slot[i];

		if (e->key == NULL || (e->len == len &&
		    same(e->key, key, len, fold)))
			return e;
	}
}

const struct zf_strset_entry *
zf_strset_find(const struct zf_strset *s, const char *key, size_t len)
{
	const struct zf_strset_entry *e;

	if (s->cap == 0)
		return NULL;
	e = slot_of(s, key, len);
	return e->key != NULL ? e : NULL;
}

const struct zf_strset_entry *
zf_strset_add(struct zf_strset *s, const char *key, size_t len,
    size_t value, int *added)
{
	struct zf_strset_entry *e;
	size_t i;

	if (2 * (s->len + 1) > s->cap) {
		struct zf_strset_entry *old = s->slot;
		size_t oldcap = s->cap;

		s->cap = oldcap != 0 ? 2 * oldcap : 64;
		s->slot = xcalloc(s->cap, sizeof(*s->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i].key != NULL)
				*slot_of(s, old[i].key, old[i].len) = old[i];
		free(old);
	}
	e = slot_of(s, key, len);
	if (added != NULL)
		*added = e->key == NULL;
	if (e->key == NULL) {
		e->key = xstrndup(key, len);
		e->len = len;
		e->value = value;
		s->len++;
	}
	return e;
}

void
zf_hashset_init(struct zf_hashset *h)
{
	memset(h, 0, sizeof(*h));
}

void
zf_hashset_release(struct zf_hashset *h)
{
	free(h->slot);
	zf_hashset_init(h);
}

static uint64_t *
key_slot(const struct zf_hashset *h, uint64_t key)
{
	size_t mask = h->cap - 1, i = (size_t)(key ^ (key >> 29)) & mask;

	while (h->slot[i] != 0 && h->slot[i] != key)
		i = (i + 1) & mask;
	return &h->slot[i];
}

int
zf_hashset_has(const struct zf_hashset *h, uint64_t key)
{
	if (key == 0)
		key = 1;
	return h->cap != 0 && *key_slot(h, key) != 0;
}

int
zf_hashset_add(struct zf_hashset *h, uint64_t key)
{
	uint64_t *s;
	size_t i;

	if (key == 0)
		key = 1;
	if (2 * (h->len + 1) > h->cap) {
		uint64_t *old = h->slot;
		size_t oldcap = h->cap;

		h->cap = oldcap != 0 ? 2 * oldcap : 64;
		h->slot = xcalloc(h->cap, sizeof(*h->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				*key_slot(h, old[i]) = old[i];
		free(old);
	}
	s = key_slot(h, key);
	if (*s != 0)
		return 0;
	*s = key;
	h->len++;
	return 1;
}
