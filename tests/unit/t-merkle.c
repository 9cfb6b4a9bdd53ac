/*
 * t-merkle: the RFC 9162 tree against a naive reference written from the
 * RFC, the Certificate Transparency vectors, the stored-hash layout, and
 * every way a proof must be refused.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/crypto.h"
#include "base/merkle.h"

#define SHA ZF_SUITE_SHA256_ED25519
#define SM3 ZF_SUITE_SM3_SM2
#define LEN ZF_DIGEST_LEN
#define MAX_LEAVES 300
/* Room for a proof of 64 hashes plus garbage on either side. */
#define PROOF_ROOM 70

/*
 * The reference: MTH, PATH and SUBPROOF of RFC 9162 2.1, recursive and
 * as literal as possible.  A tree is either a list of leaf hashes or, for
 * sizes too large to list, a tree whose leaves are all one hash, so that
 * a complete subtree's MTH depends only on its height.
 */
struct ref_tree {
	int suite;
	const uint8_t (*leaves)[LEN];	/* NULL for the uniform tree */
	const uint8_t (*uniform)[LEN];	/* uniform[h]: MTH of 2^h leaves */
	int memo;			/* remember complete subtrees */
};

/*
 * The sweep asks for the same complete subtrees thousands of times;
 * once computed by the recursion below, they are remembered here.
 */
#define MEMO_LEVELS 10
static uint8_t memo_hash[MEMO_LEVELS][512][ZF_DIGEST_LEN];
static char memo_have[MEMO_LEVELS][512];

static void
ref_leaf_hash(int suite, const void *entry, size_t len, uint8_t out[LEN])
{
	uint8_t *msg = malloc(len + 1);

	if (msg == NULL)
		abort();
	msg[0] = 0x00;
	memcpy(msg + 1, entry, len);
	zf_digest_buf(suite, msg, len + 1, out);
	free(msg);
}

static void
ref_node_hash(int suite, const uint8_t *left, const uint8_t *right,
    uint8_t out[LEN])
{
	uint8_t msg[1 + 2 * LEN];

	msg[0] = 0x01;
	memcpy(msg + 1, left, LEN);
	memcpy(msg + 1 + LEN, right, LEN);
	zf_digest_buf(suite, msg, sizeof(msg), out);
}

/* The largest power of two less than n, n > 1. */
static uint64_t
ref_k(uint64_t n)
{
	uint64_t k = 1;

	while (2 * k < n)
		k *= 2;
	return k;
}

static int
ref_log2(uint64_t n)
{
	int h = 0;

	while (n > 1) {
		n /= 2;
		h++;
	}
	return h;
}

/* MTH(D[lo:lo+size]). */
static void
ref_mth(const struct ref_tree *t, uint64_t lo, uint64_t size,
    uint8_t out[LEN])
{
	uint8_t left[LEN], right[LEN];
	uint64_t k;
	int h, memo;

	if (size == 0) {
		zf_digest_buf(t->suite, "", 0, out);
		return;
	}
	if (t->leaves == NULL && (size & (size - 1)) == 0) {
		memcpy(out, t->uniform[ref_log2(size)], LEN);
		return;
	}
	if (size == 1) {
		memcpy(out, t->leaves[lo], LEN);
		return;
	}
	h = ref_log2(size);
	memo = t->memo && (size & (size - 1)) == 0 && lo % size == 0 &&
	    h < MEMO_LEVELS && lo / size < 512;
	if (memo && memo_have[h][lo / size]) {
		memcpy(out, memo_hash[h][lo / size], LEN);
		return;
	}
	k = ref_k(size);
	ref_mth(t, lo, k, left);
	ref_mth(t, lo + k, size - k, right);
	ref_node_hash(t->suite, left, right, out);
	if (memo) {
		memcpy(memo_hash[h][lo / size], out, LEN);
		memo_have[h][lo / size] = 1;
	}
}

static void
ref_push(const struct ref_tree *t, uint64_t lo, uint64_t size,
    uint8_t proof[][LEN], size_t *len)
{
	if (*len >= PROOF_ROOM)
		abort();
	ref_mth(t, lo, size, proof[*len]);
	(*len)++;
}

/* PATH(m, D[lo:lo+size]), appended to proof. */
static void
ref_path(const struct ref_tree *t, uint64_t m, uint64_t lo, uint64_t size,
    uint8_t proof[][LEN], size_t *len)
{
	uint64_t k;

	if (size == 1)
		return;
	k = ref_k(size);
	if (m < k) {
		ref_path(t, m, lo, k, proof, len);
		ref_push(t, lo + k, size - k, proof, len);
	} else {
		ref_path(t, m - k, lo + k, size - k, proof, len);
		ref_push(t, lo, k, proof, len);
	}
}

/* SUBPROOF(m, D[lo:lo+size], b), appended to proof. */
static void
ref_subproof(const struct ref_tree *t, uint64_t m, uint64_t lo,
    uint64_t size, int b, uint8_t proof[][LEN], size_t *len)
{
	uint64_t k;

	if (m == size) {
		if (!b)
			ref_push(t, lo, size, proof, len);
		return;
	}
	k = ref_k(size);
	if (m <= k) {
		ref_subproof(t, m, lo, k, b, proof, len);
		ref_push(t, lo + k, size - k, proof, len);
	} else {
		ref_subproof(t, m - k, lo + k, size - k, 0, proof, len);
		ref_push(t, lo, k, proof, len);
	}
}

/*
 * The store: stored hashes in an array, as the journal keeps them in a
 * table.  limit is the size of the tree the caller claims to work on;
 * reading a hash that tree does not contain is an error and is counted.
 */
struct store {
	uint8_t (*hashes)[LEN];
	uint64_t count;
	uint64_t limit;
	const uint8_t (*uniform)[LEN];	/* answers every read, when set */
	long reads;
	long bad_reads;
};

static int
store_read(void *ctx, int level, uint64_t index, uint8_t out[LEN])
{
	struct store *s = ctx;
	uint64_t at;

	s->reads++;
	if (level < 0 || level > 63 || index + 1 > s->limit >> level) {
		s->bad_reads++;
		return -1;
	}
	if (s->uniform != NULL) {
		memcpy(out, s->uniform[level], LEN);
		return 0;
	}
	at = zf_merkle_stored_index(level, index);
	if (at >= s->count) {
		s->bad_reads++;
		return -1;
	}
	memcpy(out, s->hashes[at], LEN);
	return 0;
}

static int
failing_read(void *ctx, int level, uint64_t index, uint8_t out[LEN])
{
	(void)ctx;
	(void)level;
	(void)index;
	memset(out, 0, LEN);
	return -1;
}

static int
popcount(uint64_t x)
{
	int n = 0;

	while (x != 0) {
		n += (int)(x & 1);
		x >>= 1;
	}
	return n;
}

static int
trailing_ones(uint64_t x)
{
	int n = 0;

	while ((x & 1) != 0) {
		n++;
		x >>= 1;
	}
	return n;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Records a failure with its coordinates, then counts it. */
static void
expect(int ok, const char *what, uint64_t a, uint64_t b)
{
	if (!ok)
		fprintf(stderr, "t-merkle: %s (%llu, %llu)\n", what,
		    (unsigned long long)a, (unsigned long long)b);
	CHECK(ok);
}

static int
same(const uint8_t *a, const uint8_t *b)
{
	return memcmp(a, b, LEN) == 0;
}

static int
same_proof(const uint8_t (*a)[LEN], size_t alen, const uint8_t (*b)[LEN],
    size_t blen)
{
	return alen == blen && (alen == 0 || memcmp(a, b, alen * LEN) == 0);
}

static void
entry_text(int i, char *buf, size_t size)
{
	snprintf(buf, size, "event %d: %.*s", i, i % 23,
	    "abcdefghijklmnopqrstuvwxyz");
}

/*
 * Appends leaves one at a time, checking every hash append produces
 * lands where zf_merkle_stored_index says and is the reference MTH of
 * the subtree it names.
 */
static void
store_build(int suite, struct store *s, const struct ref_tree *t,
    const uint8_t (*leaves)[LEN], uint64_t n)
{
	uint8_t out[65][LEN], want[LEN];
	uint64_t i;
	int j, k, ok;

	for (i = 0; i < n; i++) {
		s->limit = i;
		expect(s->count == zf_merkle_stored_count(i), "count before", i,
		    s->count);
		k = zf_merkle_append(suite, i, leaves[i], store_read, s, out);
		expect(k == 1 + trailing_ones(i), "append count", i,
		    (uint64_t)k);
		if (k < 1)
			continue;
		ok = 1;
		for (j = 0; j < k; j++) {
			if (zf_merkle_stored_index(j, i >> j) != s->count + j)
				ok = 0;
			ref_mth(t, (i >> j) << j, (uint64_t)1 << j, want);
			if (!same(out[j], want))
				ok = 0;
		}
		expect(ok, "append hashes", i, (uint64_t)k);
		memcpy(s->hashes[s->count], out, (size_t)k * LEN);
		s->count += (uint64_t)k;
	}
	expect(s->count == zf_merkle_stored_count(n), "count after", n,
	    s->count);
	expect(s->bad_reads == 0, "append read outside the tree", n,
	    (uint64_t)s->bad_reads);
}

static void
flip(uint8_t *h, unsigned bit)
{
	h[(bit / 8) % LEN] ^= (uint8_t)(1u << (bit % 8));
}

static uint8_t leaves[MAX_LEAVES + 1][LEN];
static uint8_t roots[MAX_LEAVES + 2][LEN];
static uint8_t stored[2 * MAX_LEAVES][LEN];

static void
inclusion_refusals(uint64_t index, uint64_t n, uint8_t (*proof)[LEN],
    size_t plen)
{
	uint8_t bad[PROOF_ROOM][LEN], root[LEN];
	size_t i;

	/* One bit flipped in each element. */
	for (i = 0; i < plen; i++) {
		memcpy(bad, proof, plen * LEN);
		flip(bad[i], (unsigned)(i * 37 + index));
		expect(!zf_merkle_verify_inclusion(SHA, index, n,
		    leaves[index], (const uint8_t (*)[LEN])bad, plen,
		    roots[n]), "inclusion: flipped element", index, n);
	}
	/* One too short, at either end; one too long, at either end. */
	if (plen > 0) {
		expect(!zf_merkle_verify_inclusion(SHA, index, n,
		    leaves[index], (const uint8_t (*)[LEN])proof, plen - 1,
		    roots[n]), "inclusion: last dropped", index, n);
		expect(!zf_merkle_verify_inclusion(SHA, index, n,
		    leaves[index], (const uint8_t (*)[LEN])proof + 1,
		    plen - 1, roots[n]), "inclusion: first dropped", index, n);
		expect(!zf_merkle_verify_inclusion(SHA, index, n,
		    leaves[index], NULL, 0, roots[n]),
		    "inclusion: empty", index, n);
	}
	memcpy(bad, proof, plen * LEN);
	memcpy(bad[plen], leaves[index], LEN);
	expect(!zf_merkle_verify_inclusion(SHA, index, n, leaves[index],
	    (const uint8_t (*)[LEN])bad, plen + 1, roots[n]),
	    "inclusion: trailing garbage", index, n);
	memcpy(bad[0], roots[n], LEN);
	memcpy(bad + 1, proof, plen * LEN);
	expect(!zf_merkle_verify_inclusion(SHA, index, n, leaves[index],
	    (const uint8_t (*)[LEN])bad, plen + 1, roots[n]),
	    "inclusion: preceding garbage", index, n);

	/* The wrong index, leaf, size or root. */
	if (index > 0)
		expect(!zf_merkle_verify_inclusion(SHA, index - 1, n,
		    leaves[index], (const uint8_t (*)[LEN])proof, plen,
		    roots[n]), "inclusion: index - 1", index, n);
	if (index + 1 < n)
		expect(!zf_merkle_verify_inclusion(SHA, index + 1, n,
		    leaves[index], (const uint8_t (*)[LEN])proof, plen,
		    roots[n]), "inclusion: index + 1", index, n);
	expect(!zf_merkle_verify_inclusion(SHA, n, n, leaves[index],
	    (const uint8_t (*)[LEN])proof, plen, roots[n]),
	    "inclusion: index n", index, n);
	expect(!zf_merkle_verify_inclusion(SHA, index, n,
	    leaves[(index + 1) % MAX_LEAVES], (const uint8_t (*)[LEN])proof,
	    plen, roots[n]), "inclusion: wrong leaf", index, n);
	expect(!zf_merkle_verify_inclusion(SHA, index, n + 1, leaves[index],
	    (const uint8_t (*)[LEN])proof, plen, roots[n + 1]),
	    "inclusion: size + 1", index, n);
	expect(!zf_merkle_verify_inclusion(SHA, index, 2 * n, leaves[index],
	    (const uint8_t (*)[LEN])proof, plen, roots[n]),
	    "inclusion: size * 2", index, n);
	if (index < n - 1)
		expect(!zf_merkle_verify_inclusion(SHA, index, n - 1,
		    leaves[index], (const uint8_t (*)[LEN])proof, plen,
		    roots[n - 1]), "inclusion: size - 1", index, n);
	if (index < n / 2)
		expect(!zf_merkle_verify_inclusion(SHA, index, n / 2,
		    leaves[index], (const uint8_t (*)[LEN])proof, plen,
		    roots[n]), "inclusion: size / 2", index, n);
	memcpy(root, roots[n], LEN);
	flip(root, (unsigned)index);
	expect(!zf_merkle_verify_inclusion(SHA, index, n, leaves[index],
	    (const uint8_t (*)[LEN])proof, plen, root),
	    "inclusion: wrong root", index, n);
}

static void
consistency_refusals(uint64_t m, uint64_t n, uint8_t (*proof)[LEN],
    size_t plen)
{
	uint8_t bad[PROOF_ROOM][LEN], root[LEN];
	const uint8_t (*p)[LEN] = (const uint8_t (*)[LEN])proof;
	size_t i;

	for (i = 0; i < plen; i++) {
		memcpy(bad, proof, plen * LEN);
		flip(bad[i], (unsigned)(i * 53 + m + n));
		expect(!zf_merkle_verify_consistency(SHA, m, n, roots[m],
		    roots[n], (const uint8_t (*)[LEN])bad, plen),
		    "consistency: flipped element", m, n);
	}
	expect(!zf_merkle_verify_consistency(SHA, m, n, roots[m], roots[n],
	    p, plen - 1), "consistency: last dropped", m, n);
	expect(!zf_merkle_verify_consistency(SHA, m, n, roots[m], roots[n],
	    p + 1, plen - 1), "consistency: first dropped", m, n);
	expect(!zf_merkle_verify_consistency(SHA, m, n, roots[m], roots[n],
	    NULL, 0), "consistency: empty", m, n);
	memcpy(bad, proof, plen * LEN);
	memcpy(bad[plen], roots[m], LEN);
	expect(!zf_merkle_verify_consistency(SHA, m, n, roots[m], roots[n],
	    (const uint8_t (*)[LEN])bad, plen + 1),
	    "consistency: trailing garbage", m, n);
	memcpy(bad[0], roots[m], LEN);
	memcpy(bad + 1, proof, plen * LEN);
	expect(!zf_merkle_verify_consistency(SHA, m, n, roots[m], roots[n],
	    (const uint8_t (*)[LEN])bad, plen + 1),
	    "consistency: preceding garbage", m, n);

	/* The wrong sizes, with the roots of those sizes. */
	if (m > 1)
		expect(!zf_merkle_verify_consistency(SHA, m - 1, n,
		    roots[m - 1], roots[n], p, plen),
		    "consistency: m - 1", m, n);
	expect(!zf_merkle_verify_consistency(SHA, m + 1, n, roots[m + 1],
	    roots[n], p, plen), "consistency: m + 1", m, n);
	expect(!zf_merkle_verify_consistency(SHA, m, n + 1, roots[m],
	    roots[n + 1], p, plen), "consistency: n + 1", m, n);
	if (n - 1 > m)
		expect(!zf_merkle_verify_consistency(SHA, m, n - 1, roots[m],
		    roots[n - 1], p, plen), "consistency: n - 1", m, n);
	expect(!zf_merkle_verify_consistency(SHA, n, m, roots[n], roots[m],
	    p, plen), "consistency: m > n", m, n);
	expect(!zf_merkle_verify_consistency(SHA, 0, n, roots[0], roots[n],
	    p, plen), "consistency: m == 0", m, n);

	/* The wrong roots. */
	memcpy(root, roots[m], LEN);
	flip(root, (unsigned)n);
	expect(!zf_merkle_verify_consistency(SHA, m, n, root, roots[n], p,
	    plen), "consistency: wrong old root", m, n);
	memcpy(root, roots[n], LEN);
	flip(root, (unsigned)m);
	expect(!zf_merkle_verify_consistency(SHA, m, n, roots[m], root, p,
	    plen), "consistency: wrong new root", m, n);
	expect(!zf_merkle_verify_consistency(SHA, m, n, roots[n], roots[m],
	    p, plen), "consistency: roots swapped", m, n);
}

static int
consistency_sampled(uint64_t m, uint64_t n)
{
	if (n <= 64 || m <= 3 || m + 3 >= n)
		return 1;
	if ((m & (m - 1)) == 0 || m % 17 == n % 17)
		return 1;
	return 0;
}

/* Every size 1..300: roots, all inclusion proofs, consistency proofs. */
static void
sweep(void)
{
	struct ref_tree t = { SHA, (const uint8_t (*)[LEN])leaves, NULL, 1 };
	struct store s = { stored, 0, 0, NULL, 0, 0 };
	struct zf_merkle_stream ms;
	uint8_t proof[PROOF_ROOM][LEN], want[PROOF_ROOM][LEN], root[LEN];
	char text[64];
	size_t plen, wlen;
	uint64_t n, i, m;
	int rc;

	for (i = 0; i <= MAX_LEAVES; i++) {
		entry_text((int)i, text, sizeof(text));
		zf_merkle_leaf_hash(SHA, text, strlen(text), leaves[i]);
		ref_leaf_hash(SHA, text, strlen(text), root);
		expect(same(leaves[i], root), "leaf hash", i, 0);
	}
	store_build(SHA, &s, &t, (const uint8_t (*)[LEN])leaves,
	    MAX_LEAVES + 1);

	for (n = 0; n <= MAX_LEAVES + 1; n++) {
		s.limit = n;
		rc = zf_merkle_root(SHA, n, store_read, &s, roots[n]);
		ref_mth(&t, 0, n, root);
		expect(rc == 0 && same(roots[n], root), "root", n, 0);
	}
	/* Leaves one at a time give the same roots at every size. */
	zf_merkle_stream_init(&ms, SHA);
	for (n = 0; n <= MAX_LEAVES + 1; n++) {
		zf_merkle_stream_root(&ms, root);
		expect(ms.n == n && same(roots[n], root), "stream root", n, 0);
		zf_merkle_stream_add(&ms, leaves[n <= MAX_LEAVES ? n : 0]);
	}

	for (n = 1; n <= MAX_LEAVES; n++) {
		s.limit = n;
		for (i = 0; i < n; i++) {
			rc = zf_merkle_inclusion_proof(SHA, i, n, store_read,
			    &s, proof, &plen);
			wlen = 0;
			ref_path(&t, i, 0, n, want, &wlen);
			expect(rc == 0 && same_proof(
			    (const uint8_t (*)[LEN])proof, plen,
			    (const uint8_t (*)[LEN])want, wlen),
			    "inclusion proof", i, n);
			expect(zf_merkle_verify_inclusion(SHA, i, n, leaves[i],
			    (const uint8_t (*)[LEN])proof, plen, roots[n]),
			    "inclusion verify", i, n);
			inclusion_refusals(i, n, proof, plen);
		}
		rc = zf_merkle_inclusion_proof(SHA, n, n, store_read, &s,
		    proof, &plen);
		expect(rc == -1 && plen == 0, "inclusion proof of index n", n,
		    0);

		for (m = 1; m <= n; m++) {
			if (!consistency_sampled(m, n))
				continue;
			rc = zf_merkle_consistency_proof(SHA, m, n, store_read,
			    &s, proof, &plen);
			wlen = 0;
			ref_subproof(&t, m, 0, n, 1, want, &wlen);
			expect(rc == 0 && same_proof(
			    (const uint8_t (*)[LEN])proof, plen,
			    (const uint8_t (*)[LEN])want, wlen),
			    "consistency proof", m, n);
			expect(zf_merkle_verify_consistency(SHA, m, n, roots[m],
			    roots[n], (const uint8_t (*)[LEN])proof, plen),
			    "consistency verify", m, n);
			if (m < n)
				consistency_refusals(m, n, proof, plen);
		}
		/* m == n: the empty proof, and only it, with equal roots. */
		expect(zf_merkle_verify_consistency(SHA, n, n, roots[n],
		    roots[n], NULL, 0), "consistency n == n", n, n);
		expect(!zf_merkle_verify_consistency(SHA, n, n, roots[n],
		    roots[n - 1], NULL, 0), "consistency n == n, roots", n, n);
		expect(!zf_merkle_verify_consistency(SHA, n, n, roots[n],
		    roots[n], (const uint8_t (*)[LEN])roots, 1),
		    "consistency n == n, proof", n, n);
		rc = zf_merkle_consistency_proof(SHA, 0, n, store_read, &s,
		    proof, &plen);
		expect(rc == -1, "consistency proof from 0", n, 0);
		rc = zf_merkle_consistency_proof(SHA, n + 1, n, store_read, &s,
		    proof, &plen);
		expect(rc == -1, "consistency proof m > n", n, 0);
	}
	CHECK_INT(s.bad_reads, 0);

	/* The empty tree has no leaf to prove. */
	CHECK(!zf_merkle_verify_inclusion(SHA, 0, 0, leaves[0], NULL, 0,
	    roots[0]));
	CHECK(zf_merkle_inclusion_proof(SHA, 0, 0, store_read, &s, proof,
	    &plen) == -1);
	CHECK(!zf_merkle_verify_consistency(SHA, 0, 0, roots[0], roots[0],
	    NULL, 0));
}

static const char *const ct_inputs[] = {
	"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
	"606162636465666768696a6b6c6d6e6f"
};

/* RFC 6962 roots of the first n CT inputs, n = 0..8. */
static const char *const ct_roots[] = {
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
};

struct ct_proof {
	int a, b;		/* index and size, or m and n */
	const char *hashes[3];
};

static const struct ct_proof ct_inclusion[] = {
	{ 0, 8, {
	    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"
	} },
	{ 5, 8, {
	    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
	    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
	    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
	} },
	{ 2, 3, {
	    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	    NULL, NULL
	} },
	{ 1, 5, {
	    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"
	} },
	{ 6, 7, {
	    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
	    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	    NULL
	} },
	{ 0, 1, { NULL, NULL, NULL } }
};

static const struct ct_proof ct_consistency[] = {
	{ 1, 1, { NULL, NULL, NULL } },
	{ 1, 8, {
	    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"
	} },
	{ 6, 8, {
	    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
	    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
	    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
	} },
	{ 2, 5, {
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
	    NULL
	} }
};

#define NCT_INCLUSION (sizeof(ct_inclusion) / sizeof(ct_inclusion[0]))
#define NCT_CONSISTENCY \
	(sizeof(ct_consistency) / sizeof(ct_consistency[0]))

static size_t
ct_unhex_proof(const struct ct_proof *v, uint8_t out[][LEN])
{
	size_t n;

	for (n = 0; n < 3 && v->hashes[n] != NULL; n++)
		if (zf_unhex(v->hashes[n], out[n], LEN) != 0)
			abort();
	return n;
}

/* The Certificate Transparency reference tree (RFC 6962 test data). */
static void
ct_vectors(void)
{
	uint8_t ct_leaves[8][LEN], ct_stored[16][LEN], ct_root[9][LEN];
	uint8_t raw[16], proof[PROOF_ROOM][LEN], want[PROOF_ROOM][LEN];
	uint8_t ref[LEN];
	struct ref_tree t = { SHA, (const uint8_t (*)[LEN])ct_leaves, NULL, 0 };
	struct store s = { ct_stored, 0, 0, NULL, 0, 0 };
	char hex[ZF_DIGEST_HEX];
	size_t i, len, plen, wlen;
	int n;

	for (i = 0; i < 8; i++) {
		len = strlen(ct_inputs[i]) / 2;
		if (zf_unhex(ct_inputs[i], raw, len) != 0)
			abort();
		zf_merkle_leaf_hash(SHA, raw, len, ct_leaves[i]);
	}
	store_build(SHA, &s, &t, (const uint8_t (*)[LEN])ct_leaves, 8);
	for (n = 0; n <= 8; n++) {
		s.limit = (uint64_t)n;
		CHECK_INT(zf_merkle_root(SHA, (uint64_t)n, store_read, &s,
		    ct_root[n]), 0);
		zf_hex(ct_root[n], LEN, hex);
		CHECK_STR(hex, ct_roots[n]);
		ref_mth(&t, 0, (uint64_t)n, ref);
		zf_hex(ref, LEN, hex);
		CHECK_STR(hex, ct_roots[n]);
	}
	/* The leaf hash of the empty entry is the size-1 root. */
	zf_hex(ct_leaves[0], LEN, hex);
	CHECK_STR(hex, ct_roots[1]);

	/* The inclusion vectors, then the consistency ones. */
	for (i = 0; i < NCT_INCLUSION + NCT_CONSISTENCY; i++) {
		int incl = i < NCT_INCLUSION;
		const struct ct_proof *v = incl ? &ct_inclusion[i] :
		    &ct_consistency[i - NCT_INCLUSION];
		uint64_t a = (uint64_t)v->a, b = (uint64_t)v->b;
		const uint8_t (*w)[LEN] = (const uint8_t (*)[LEN])want;

		wlen = ct_unhex_proof(v, want);
		s.limit = b;
		CHECK_INT((incl ? zf_merkle_inclusion_proof :
		    zf_merkle_consistency_proof)(SHA, a, b, store_read, &s,
		    proof, &plen), 0);
		CHECK(same_proof((const uint8_t (*)[LEN])proof, plen, w, wlen));
		CHECK(incl ? zf_merkle_verify_inclusion(SHA, a, b,
		    ct_leaves[v->a], w, wlen, ct_root[v->b]) :
		    zf_merkle_verify_consistency(SHA, a, b, ct_root[v->a],
		    ct_root[v->b], w, wlen));
	}
	CHECK_INT(s.bad_reads, 0);
}

/* The stored-hash order: the order in which hashes become complete. */
static void
layout(void)
{
	static const uint64_t big[] = {
		(uint64_t)1 << 40, ((uint64_t)1 << 40) - 1,
		((uint64_t)1 << 40) + 12345, 0x5a5a5a5a5aULL,
		(uint64_t)1 << 62, ((uint64_t)1 << 62) + 0x123456789ULL,
		((uint64_t)1 << 63) - 1
	};
	uint64_t pos = 0, k, i, n, width;
	int level, ok = 1, nok = 1;
	size_t j;

	/* Leaf k, then each subtree it completes, bottom up. */
	for (k = 0; k < 4096; k++) {
		if (zf_merkle_stored_count(k) != pos)
			nok = 0;
		if (zf_merkle_stored_index(0, k) != pos++)
			ok = 0;
		for (level = 1; level < 64; level++) {
			width = (uint64_t)1 << level;
			if ((k + 1) % width != 0)
				break;
			i = (k + 1) / width - 1;
			if (zf_merkle_stored_index(level, i) != pos++)
				ok = 0;
		}
	}
	CHECK(ok);
	CHECK(nok);
	CHECK_INT(zf_merkle_stored_count(4096), pos);

	ok = 1;
	for (n = 0; n < 100000; n++)
		if (zf_merkle_stored_count(n) != 2 * n - (uint64_t)popcount(n))
			ok = 0;
	CHECK(ok);
	for (j = 0; j < sizeof(big) / sizeof(big[0]); j++) {
		n = big[j];
		CHECK(zf_merkle_stored_count(n) == 2 * n -
		    (uint64_t)popcount(n));
		CHECK(zf_merkle_stored_index(0, n) ==
		    zf_merkle_stored_count(n));
	}
	/* (level, i) is completed by leaf (i + 1) * 2^level - 1. */
	ok = 1;
	for (j = 0; j < 20000; j++) {
		level = (int)(rng() % 41);
		i = rng() % ((uint64_t)1 << (41 - level));
		k = ((i + 1) << level) - 1;
		if (zf_merkle_stored_index(level, i) !=
		    zf_merkle_stored_count(k) + (uint64_t)level)
			ok = 0;
	}
	CHECK(ok);
	CHECK(zf_merkle_stored_index(0, 0) == 0);
	CHECK(zf_merkle_stored_index(0, 1) == 1);
	CHECK(zf_merkle_stored_index(1, 0) == 2);
	CHECK(zf_merkle_stored_index(2, 0) == 6);
	CHECK(zf_merkle_stored_index(1, 1) == 5);
	CHECK(zf_merkle_stored_index(3, 0) == 14);
}

/*
 * Sizes far beyond what an array holds: every leaf the same, so every
 * complete subtree's hash depends on its height alone.
 */
static void
huge_sizes(void)
{
	static const uint64_t sizes[] = {
		(uint64_t)1 << 40, ((uint64_t)1 << 40) - 1,
		((uint64_t)1 << 40) + 1, ((uint64_t)1 << 40) + 0x5a5a5a5,
		((uint64_t)3 << 39) - 7, ((uint64_t)1 << 62) + 3,
		((uint64_t)1 << 63) - 1
	};
	uint8_t uniform[64][LEN], root[LEN], ref[LEN];
	uint8_t proof[PROOF_ROOM][LEN], want[PROOF_ROOM][LEN];
	struct ref_tree t = { SHA, NULL, (const uint8_t (*)[LEN])uniform, 0 };
	struct store s = { NULL, 0, 0, (const uint8_t (*)[LEN])uniform, 0, 0 };
	uint64_t n, picks[8];
	size_t j, p, plen, wlen;
	int h, rc;

	zf_merkle_leaf_hash(SHA, "same", 4, uniform[0]);
	for (h = 1; h < 64; h++)
		ref_node_hash(SHA, uniform[h - 1], uniform[h - 1], uniform[h]);

	for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++) {
		n = sizes[j];
		s.limit = n;
		s.reads = 0;
		rc = zf_merkle_root(SHA, n, store_read, &s, root);
		ref_mth(&t, 0, n, ref);
		expect(rc == 0 && same(root, ref), "huge root", n, 0);
		expect(s.reads <= 64, "huge root reads", n,
		    (uint64_t)s.reads);

		picks[0] = 0;
		picks[1] = 1;
		picks[2] = n / 2;
		picks[3] = n / 3;
		picks[4] = n - 2;
		picks[5] = n - 1;
		picks[6] = rng() % n;
		picks[7] = ((uint64_t)1 << 39) + 1;
		for (p = 0; p < 8; p++) {
			rc = zf_merkle_inclusion_proof(SHA, picks[p], n,
			    store_read, &s, proof, &plen);
			wlen = 0;
			ref_path(&t, picks[p], 0, n, want, &wlen);
			expect(rc == 0 && plen <= 64 && same_proof(
			    (const uint8_t (*)[LEN])proof, plen,
			    (const uint8_t (*)[LEN])want, wlen),
			    "huge inclusion proof", picks[p], n);
			expect(zf_merkle_verify_inclusion(SHA, picks[p], n,
			    uniform[0], (const uint8_t (*)[LEN])proof, plen,
			    root), "huge inclusion verify", picks[p], n);
			flip(proof[plen - 1], 3);
			expect(!zf_merkle_verify_inclusion(SHA, picks[p], n,
			    uniform[0], (const uint8_t (*)[LEN])proof, plen,
			    root), "huge inclusion flipped", picks[p], n);
			expect(!zf_merkle_verify_inclusion(SHA, picks[p], n,
			    uniform[0], (const uint8_t (*)[LEN])want,
			    wlen - 1, root), "huge inclusion short", picks[p],
			    n);
		}

		picks[0] = 1;
		picks[1] = 3;
		picks[2] = n / 2;
		picks[3] = n - 1;
		picks[4] = (uint64_t)1 << 39;
		picks[5] = rng() % (n - 1) + 1;
		picks[6] = (n / 3) | 1;
		picks[7] = n;
		for (p = 0; p < 8; p++) {
			s.limit = picks[p];
			rc = zf_merkle_root(SHA, picks[p], store_read, &s, ref);
			CHECK_INT(rc, 0);
			s.limit = n;
			rc = zf_merkle_consistency_proof(SHA, picks[p], n,
			    store_read, &s, proof, &plen);
			wlen = 0;
			ref_subproof(&t, picks[p], 0, n, 1, want, &wlen);
			expect(rc == 0 && plen <= 64 && same_proof(
			    (const uint8_t (*)[LEN])proof, plen,
			    (const uint8_t (*)[LEN])want, wlen),
			    "huge consistency proof", picks[p], n);
			expect(zf_merkle_verify_consistency(SHA, picks[p], n,
			    ref, root, (const uint8_t (*)[LEN])proof, plen),
			    "huge consistency verify", picks[p], n);
			if (plen == 0)
				continue;
			flip(proof[0], 5);
			expect(!zf_merkle_verify_consistency(SHA, picks[p], n,
			    ref, root, (const uint8_t (*)[LEN])proof, plen),
			    "huge consistency flipped", picks[p], n);
		}
	}
	CHECK_INT(s.bad_reads, 0);
}

/* The SM3 suite builds the same shape of tree with its own digest. */
static void
sm3_suite(void)
{
	uint8_t sm3_leaves[7][LEN], sm3_stored[16][LEN], sha_leaf[LEN];
	uint8_t root[LEN], ref[LEN], root3[LEN];
	uint8_t proof[PROOF_ROOM][LEN], want[PROOF_ROOM][LEN];
	struct ref_tree t = {
		SM3, (const uint8_t (*)[LEN])sm3_leaves, NULL, 0
	};
	struct store s = { sm3_stored, 0, 0, NULL, 0, 0 };
	char text[64];
	size_t plen, wlen;
	int i;

	for (i = 0; i < 7; i++) {
		entry_text(i, text, sizeof(text));
		zf_merkle_leaf_hash(SM3, text, strlen(text), sm3_leaves[i]);
		ref_leaf_hash(SM3, text, strlen(text), ref);
		CHECK(same(sm3_leaves[i], ref));
		zf_merkle_leaf_hash(SHA, text, strlen(text), sha_leaf);
		CHECK(!same(sm3_leaves[i], sha_leaf));
	}
	store_build(SM3, &s, &t, (const uint8_t (*)[LEN])sm3_leaves, 7);
	s.limit = 7;
	CHECK_INT(zf_merkle_root(SM3, 7, store_read, &s, root), 0);
	ref_mth(&t, 0, 7, ref);
	CHECK(same(root, ref));
	CHECK(!same(root, roots[7]));

	CHECK_INT(zf_merkle_inclusion_proof(SM3, 5, 7, store_read, &s, proof,
	    &plen), 0);
	wlen = 0;
	ref_path(&t, 5, 0, 7, want, &wlen);
	CHECK(same_proof((const uint8_t (*)[LEN])proof, plen,
	    (const uint8_t (*)[LEN])want, wlen));
	CHECK(zf_merkle_verify_inclusion(SM3, 5, 7, sm3_leaves[5],
	    (const uint8_t (*)[LEN])proof, plen, root));
	CHECK(!zf_merkle_verify_inclusion(SHA, 5, 7, sm3_leaves[5],
	    (const uint8_t (*)[LEN])proof, plen, root));

	s.limit = 3;
	CHECK_INT(zf_merkle_root(SM3, 3, store_read, &s, root3), 0);
	s.limit = 7;
	CHECK_INT(zf_merkle_consistency_proof(SM3, 3, 7, store_read, &s,
	    proof, &plen), 0);
	wlen = 0;
	ref_subproof(&t, 3, 0, 7, 1, want, &wlen);
	CHECK(same_proof((const uint8_t (*)[LEN])proof, plen,
	    (const uint8_t (*)[LEN])want, wlen));
	CHECK(zf_merkle_verify_consistency(SM3, 3, 7, root3, root,
	    (const uint8_t (*)[LEN])proof, plen));
	CHECK(!zf_merkle_verify_consistency(SHA, 3, 7, root3, root,
	    (const uint8_t (*)[LEN])proof, plen));

	s.limit = 0;
	CHECK_INT(zf_merkle_root(SM3, 0, store_read, &s, root), 0);
	zf_digest_buf(SM3, "", 0, ref);
	CHECK(same(root, ref));
	CHECK_INT(s.bad_reads, 0);
}

/* Hashing details and a store that cannot be read. */
static void
edges(void)
{
	uint8_t big[5000], a[LEN], b[LEN], c[LEN], out[65][LEN];
	uint8_t proof[PROOF_ROOM][LEN];
	size_t i, plen = 99;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 131 + 7);
	zf_merkle_leaf_hash(SHA, big, sizeof(big), a);
	ref_leaf_hash(SHA, big, sizeof(big), b);
	CHECK(same(a, b));
	zf_merkle_leaf_hash(SHA, big, 511, a);
	ref_leaf_hash(SHA, big, 511, b);
	CHECK(same(a, b));
	zf_merkle_leaf_hash(SHA, big, 512, a);
	ref_leaf_hash(SHA, big, 512, b);
	CHECK(same(a, b));

	/* The node hash may overwrite either input. */
	ref_node_hash(SHA, a, b, c);
	zf_merkle_node_hash(SHA, a, b, a);
	CHECK(same(a, c));
	ref_leaf_hash(SHA, big, 512, a);
	ref_node_hash(SHA, a, b, c);
	zf_merkle_node_hash(SHA, a, b, b);
	CHECK(same(b, c));
	/* Domain separation: a leaf is never a node. */
	zf_merkle_leaf_hash(SHA, "", 0, a);
	zf_digest_buf(SHA, "\0", 1, b);
	CHECK(same(a, b));

	/* Read failures reach the caller. */
	CHECK_INT(zf_merkle_append(SHA, 0, a, failing_read, NULL, out), 1);
	CHECK(same(out[0], a));
	CHECK_INT(zf_merkle_append(SHA, 1, a, failing_read, NULL, out), -1);
	CHECK_INT(zf_merkle_append(SHA, 6, a, failing_read, NULL, out), 1);
	CHECK_INT(zf_merkle_root(SHA, 5, failing_read, NULL, a), -1);
	CHECK_INT(zf_merkle_inclusion_proof(SHA, 1, 5, failing_read, NULL,
	    proof, &plen), -1);
	CHECK_INT(plen, 0);
	plen = 99;
	CHECK_INT(zf_merkle_consistency_proof(SHA, 3, 5, failing_read, NULL,
	    proof, &plen), -1);
	CHECK_INT(plen, 0);
	/* Size 1 and m == n need no reads at all. */
	CHECK_INT(zf_merkle_inclusion_proof(SHA, 0, 1, failing_read, NULL,
	    proof, &plen), 0);
	CHECK_INT(plen, 0);
	CHECK_INT(zf_merkle_consistency_proof(SHA, 9, 9, failing_read, NULL,
	    proof, &plen), 0);
	CHECK_INT(plen, 0);
	CHECK_INT(zf_merkle_root(SHA, 0, failing_read, NULL, a), 0);
	zf_hex(a, LEN, (char *)big);
	CHECK_STR((char *)big, ct_roots[0]);
}

int
main(void)
{
	CHECK_PLAN(1214696);
	layout();
	edges();
	ct_vectors();
	sweep();
	sm3_suite();
	huge_sizes();
	return check_report("t-merkle");
}
