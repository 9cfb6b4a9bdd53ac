/*
 * strset: the one hash table of strings (open addressing, FNV-1a),
 * mapping each string to a number the caller chooses, and a set of
 * 64-bit keys for when the strings themselves are too many to keep.
 * Keys are copied; a set compares them byte for byte, or without ASCII
 * case when made with ZF_STRSET_FOLD.
 */
#ifndef ZF_STRSET_H
#define ZF_STRSET_H

#include <stddef.h>
#include <stdint.h>

#define ZF_STRSET_FOLD 1

struct zf_strset_entry {
	char *key;	/* NULL in a free slot */
	size_t len;
	size_t value;
};

struct zf_strset {
	struct zf_strset_entry *slot;
	size_t cap, len;
	int flags;
};

void zf_strset_init(struct zf_strset *s, int flags);
void zf_strset_release(struct zf_strset *s);

/* The entry of key[0..len), or NULL. */
const struct zf_strset_entry *zf_strset_find(const struct zf_strset *s,
    const char *key, size_t len);

/*
 * Adds key[0..len) with value unless it is there: returns its entry
 * (the one there before, whose key may differ in case under
 * ZF_STRSET_FOLD), and *added (when not NULL) 1 when it was new.
 */
const struct zf_strset_entry *zf_strset_add(struct zf_strset *s,
    const char *key, size_t len, size_t value, int *added);

/* FNV-1a of key[0..len), folded to ASCII lower case under fold. */
uint64_t zf_strset_hash(const char *key, size_t len, int fold);

struct zf_hashset {
	uint64_t *slot;	/* 0 in a free slot */
	size_t cap, len;
};

void zf_hashset_init(struct zf_hashset *h);
void zf_hashset_release(struct zf_hashset *h);
/* Key 0 is taken as 1, so that every key can be stored. */
int zf_hashset_has(const struct zf_hashset *h, uint64_t key);
/* 1 when key was added, 0 when it was there. */
int zf_hashset_add(struct zf_hashset *h, uint64_t key);

#endif
