/* t-strset: the string table and the set of 64-bit keys. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/buf.h"
#include "base/strset.h"

static void
add_and_find(void)
{
	const struct zf_strset_entry *e;
	struct zf_strset s;
	int added = -1;

	zf_strset_init(&s, 0);
	CHECK(zf_strset_find(&s, "a", 1) == NULL);	/* empty, no table */
	e = zf_strset_add(&s, "张三", strlen("张三"), 7, &added);
	CHECK(e != NULL && added == 1);
	CHECK(e != NULL && e->value == 7 && e->len == 6 &&
	    strcmp(e->key, "张三") == 0);
	/* Added again: the entry there, its value kept. */
	e = zf_strset_add(&s, "张三", strlen("张三"), 8, &added);
	CHECK(e != NULL && added == 0 && e->value == 7);
	CHECK_INT(s.len, 1);
	/* added may be NULL. */
	CHECK(zf_strset_add(&s, "李四", strlen("李四"), 9, NULL) != NULL);
	CHECK_INT(s.len, 2);
	e = zf_strset_find(&s, "李四", strlen("李四"));
	CHECK(e != NULL && e->value == 9);
	CHECK(zf_strset_find(&s, "王五", strlen("王五")) == NULL);
	/* A prefix is another key; so is the key with its NUL. */
	CHECK(zf_strset_find(&s, "张三", 3) == NULL);
	CHECK(zf_strset_find(&s, "张三", 7) == NULL);
	/* Case counts without ZF_STRSET_FOLD. */
	zf_strset_add(&s, "Penalty", 7, 1, NULL);
	CHECK(zf_strset_find(&s, "penalty", 7) == NULL);
	CHECK(zf_strset_find(&s, "Penalty", 7) != NULL);
	/* The empty string and bytes past a NUL are keys like any other. */
	e = zf_strset_add(&s, "", 0, 10, &added);
	CHECK(e != NULL && added == 1 && e->len == 0);
	CHECK(zf_strset_find(&s, "", 0) != NULL);
	e = zf_strset_add(&s, "a\0b", 3, 11, &added);
	CHECK(e != NULL && added == 1);
	e = zf_strset_add(&s, "a\0c", 3, 12, &added);
	CHECK(e != NULL && added == 1);
	e = zf_strset_find(&s, "a\0b", 3);
	CHECK(e != NULL && e->value == 11);
	CHECK(zf_strset_find(&s, "a", 1) == NULL);
	/* The key is copied. */
	{
		char key[] = "copied";

		zf_strset_add(&s, key, 6, 13, NULL);
		key[0] = 'C';
		CHECK(zf_strset_find(&s, "copied", 6) != NULL);
	}
	zf_strset_release(&s);
	CHECK_INT(s.len, 0);
	CHECK(zf_strset_find(&s, "张三", strlen("张三")) == NULL);
	/* Released, the set may be used again. */
	CHECK(zf_strset_add(&s, "x", 1, 1, &added) != NULL && added == 1);
	zf_strset_release(&s);
}

/* Past the first table of 64 slots, and several times over. */
static void
grow(void)
{
	struct zf_strset s;
	const struct zf_strset_entry *e;
	char key[32];
	size_t i, bad = 0;
	int added;

	zf_strset_init(&s, 0);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "C2026-%04zu", i);
		e = zf_strset_add(&s, key, strlen(key), i, &added);
		if (e == NULL || !added || e->value != i)
			bad++;
		if (i == 31)
			CHECK_INT(s.cap, 64);
		if (i == 32)	/* half full: the table doubles */
			CHECK_INT(s.cap, 128);
	}
	CHECK_INT(bad, 0);
	CHECK_INT(s.len, 5000);
	CHECK(s.cap >= 2 * s.len && (s.cap & (s.cap - 1)) == 0);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "C2026-%04zu", i);
		e = zf_strset_find(&s, key, strlen(key));
		if (e == NULL || e->value != i || strcmp(e->key, key) != 0)
			bad++;
		if (zf_strset_add(&s, key, strlen(key), 0, &added) == NULL ||
		    added)
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(s.len, 5000);
	CHECK(zf_strset_find(&s, "C2026-5000", 10) == NULL);
	zf_strset_release(&s);
}

static void
fold(void)
{
	const struct zf_strset_entry *e;
	struct zf_strset s;
	int added;

	zf_strset_init(&s, ZF_STRSET_FOLD);
	e = zf_strset_add(&s, "Warning", 7, 1, &added);
	CHECK(e != NULL && added == 1);
	/* The first spelling stays; another finds it. */
	e = zf_strset_add(&s, "WARNING", 7, 2, &added);
	CHECK(e != NULL && added == 0 && e->value == 1 &&
	    strcmp(e->key, "Warning") == 0);
	CHECK(zf_strset_find(&s, "warning", 7) != NULL);
	CHECK(zf_strset_find(&s, "wArNiNg", 7) != NULL);
	CHECK(zf_strset_find(&s, "warnin", 6) == NULL);
	/* Only ASCII letters fold: not digits, punctuation nor UTF-8. */
	zf_strset_add(&s, "a1", 2, 3, NULL);
	CHECK(zf_strset_find(&s, "A1", 2) != NULL);
	CHECK(zf_strset_find(&s, "A!", 2) == NULL);
	zf_strset_add(&s, "[", 1, 4, NULL);	/* 'Z' + 1 */
	CHECK(zf_strset_find(&s, "{", 1) == NULL);
	zf_strset_add(&s, "Ä", strlen("Ä"), 5, NULL);
	CHECK(zf_strset_find(&s, "ä", strlen("ä")) == NULL);
	CHECK_INT(s.len, 4);
	/* The hash folds the same way. */
	CHECK(zf_strset_hash("ABC", 3, 1) == zf_strset_hash("abc", 3, 1));
	CHECK(zf_strset_hash("ABC", 3, 0) != zf_strset_hash("abc", 3, 0));
	CHECK(zf_strset_hash("abc", 3, 0) == zf_strset_hash("abc", 3, 1));
	/* FNV-1a's offset basis, and "a". */
	CHECK(zf_strset_hash("", 0, 0) == 14695981039346656037ULL);
	CHECK(zf_strset_hash("a", 1, 0) == 0xaf63dc4c8601ec8cULL);
	zf_strset_release(&s);
	CHECK_INT(s.flags, ZF_STRSET_FOLD);	/* kept for reuse */
}

static void
hashset(void)
{
	struct zf_hashset h;
	uint64_t k;
	size_t bad = 0;

	zf_hashset_init(&h);
	CHECK(!zf_hashset_has(&h, 42));
	CHECK(!zf_hashset_has(&h, 0));
	CHECK_INT(zf_hashset_add(&h, 42), 1);
	CHECK_INT(zf_hashset_add(&h, 42), 0);
	CHECK(zf_hashset_has(&h, 42));
	CHECK(!zf_hashset_has(&h, 43));
	/* Key 0 can be stored: it is taken as 1, so the two are one. */
	CHECK(!zf_hashset_has(&h, 0));
	CHECK_INT(zf_hashset_add(&h, 0), 1);
	CHECK(zf_hashset_has(&h, 0));
	CHECK(zf_hashset_has(&h, 1));
	CHECK_INT(zf_hashset_add(&h, 1), 0);
	CHECK_INT(h.len, 2);
	CHECK_INT(zf_hashset_add(&h, UINT64_MAX), 1);
	CHECK(zf_hashset_has(&h, UINT64_MAX));
	/* Past 64 slots, with keys that share their low bits. */
	for (k = 1; k <= 3000; k++)
		if (zf_hashset_add(&h, k << 32) != 1)
			bad++;
	for (k = 1; k <= 3000; k++)
		if (!zf_hashset_has(&h, k << 32) || zf_hashset_has(&h,
		    (k << 32) + 7))
			bad++;
	CHECK_INT(bad, 0);
	CHECK_INT(h.len, 3003);
	CHECK(h.cap >= 2 * h.len);
	zf_hashset_release(&h);
	CHECK_INT(h.len, 0);
	CHECK(!zf_hashset_has(&h, 42));
	CHECK_INT(zf_hashset_add(&h, 42), 1);
	zf_hashset_release(&h);
}

int
main(void)
{
	CHECK_PLAN(67);
	add_and_find();
	grow();
	fold();
	hashset();
	return check_report("t-strset");
}
