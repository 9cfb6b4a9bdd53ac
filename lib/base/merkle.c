/* merkle: RFC 9162 tree hashes, the stored-hash layout, proofs. */
#include "base/merkle.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* The most hashes a proof holds: one per level of a 2^64-leaf tree. */
#define PROOF_MAX 64

/* Entries up to this size are hashed without a heap copy. */
#define LEAF_INLINE 512

static int
popcount64(uint64_t x)
{
	int n = 0;

	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

/* RFC 9162's k for a list of n > 1 leaves: the largest power of two < n. */
static uint64_t
split_point(uint64_t n)
{
	uint64_t k = 1;

	while (k < n - k)
		k <<= 1;
	return k;
}

void
zf_merkle_leaf_hash(int suite, const void *entry, size_t len,
    uint8_t out[ZF_DIGEST_LEN])
{
	uint8_t inline_buf[LEAF_INLINE], *msg = inline_buf;

	if (len >= sizeof(inline_buf))
		msg = xmalloc(len + 1);
	msg[0] = 0x00;
	if (len > 0)
		memcpy(msg + 1, entry, len);
	zf_digest_buf(suite, msg, len + 1, out);
	if (msg != inline_buf)
		free(msg);
}

void
zf_merkle_node_hash(int suite, const uint8_t left[ZF_DIGEST_LEN],
    const uint8_t right[ZF_DIGEST_LEN], uint8_t out[ZF_DIGEST_LEN])
{
	uint8_t msg[1 + 2 * ZF_DIGEST_LEN];

	/* Copied first, so that out may be left or right. */
	msg[0] = 0x01;
	memcpy(msg + 1, left, ZF_DIGEST_LEN);
	memcpy(msg + 1 + ZF_DIGEST_LEN, right, ZF_DIGEST_LEN);
	zf_digest_buf(suite, msg, sizeof(msg), out);
}

uint64_t
zf_merkle_stored_index(int level, uint64_t n)
{
	/*
	 * The hash (level, n) is completed by leaf k = (n + 1) * 2^level - 1.
	 * Leaf k lands at zf_merkle_stored_count(k) = 2k - popcount(k), and
	 * the parents it completes follow it, one per level.  The low level
	 * bits of k are all ones, so popcount(k) = popcount(n) + level and
	 * the sum simplifies to the expression below.  Two shifts keep
	 * level 63 defined.
	 */
	if (level < 0 || level > 63)
		return UINT64_MAX;
	return (((n + 1) << level) << 1) - 2 - (uint64_t)popcount64(n);
}

uint64_t
zf_merkle_stored_count(uint64_t n)
{
	/* Each leaf, plus each complete subtree above the leaves. */
	return 2 * n - (uint64_t)popcount64(n);
}

int
zf_merkle_append(int suite, uint64_t n,
    const uint8_t leaf[ZF_DIGEST_LEN], zf_merkle_read_fn read, void *ctx,
    uint8_t out[][ZF_DIGEST_LEN])
{
	uint8_t left[ZF_DIGEST_LEN];
	int level;

	memmove(out[0], leaf, ZF_DIGEST_LEN);
	/*
	 * Leaf n is a right child at every level where n has a trailing one
	 * bit; each such level completes a parent from its left sibling.
	 */
	for (level = 0; level < 64 && ((n >> level) & 1) != 0; level++) {
		if (read(ctx, level, (n >> level) - 1, left) != 0)
			return -1;
		zf_merkle_node_hash(suite, left, out[level], out[level + 1]);
	}
	return level + 1;
}

/*
 * MTH of the leaves [lo, hi), 0 < hi - lo, where the range is a node of
 * some tree: lo is a multiple of the least power of two >= hi - lo.  The
 * MTH split peels off complete subtrees named by the bits of hi - lo,
 * largest first, each an aligned stored hash, so the MTH is their fold
 * from the right; the loop meets them right to left, smallest first.
 * Reads at most 64 hashes.
 */
static int
range_hash(int suite, uint64_t lo, uint64_t hi, zf_merkle_read_fn read,
    void *ctx, uint8_t out[ZF_DIGEST_LEN])
{
	uint8_t part[ZF_DIGEST_LEN];
	uint64_t size = hi - lo, start = hi, width;
	int level, have = 0;

	if (hi <= lo)
		return -1;
	for (level = 0; level < 64; level++) {
		width = (uint64_t)1 << level;
		if ((size & width) == 0)
			continue;
		start -= width;
		if ((start & (width - 1)) != 0)
			return -1;
		if (!have) {
			if (read(ctx, level, start >> level, out) != 0)
				return -1;
			have = 1;
		} else {
			if (read(ctx, level, start >> level, part) != 0)
				return -1;
			zf_merkle_node_hash(suite, part, out, out);
		}
	}
	return 0;
}

int
zf_merkle_root(int suite, uint64_t n, zf_merkle_read_fn read,
    void *ctx, uint8_t out[ZF_DIGEST_LEN])
{
	if (n == 0) {
		zf_digest_buf(suite, "", 0, out);
		return 0;
	}
	return range_hash(suite, 0, n, read, ctx, out);
}

/* Proofs are gathered from the root down; RFC 9162 lists them leaf up. */
static void
reverse_proof(uint8_t proof[][ZF_DIGEST_LEN], size_t len)
{
	uint8_t tmp[ZF_DIGEST_LEN];
	size_t i;

	for (i = 0; i < len / 2; i++) {
		memcpy(tmp, proof[i], ZF_DIGEST_LEN);
		memcpy(proof[i], proof[len - 1 - i], ZF_DIGEST_LEN);
		memcpy(proof[len - 1 - i], tmp, ZF_DIGEST_LEN);
	}
}

/*
 * One step down from D[*lo:*hi], split at k: into the left part when left
 * (else the right one), with the other part's hash in out.  0, or -1.
 */
static int
descend(int suite, uint64_t *lo, uint64_t *hi, uint64_t k, int left,
    zf_merkle_read_fn read, void *ctx, uint8_t out[ZF_DIGEST_LEN])
{
	if (left) {
		if (range_hash(suite, *lo + k, *hi, read, ctx, out) != 0)
			return -1;
		*hi = *lo + k;
	} else {
		if (range_hash(suite, *lo, *lo + k, read, ctx, out) != 0)
			return -1;
		*lo += k;
	}
	return 0;
}

int
zf_merkle_inclusion_proof(int suite, uint64_t index, uint64_t n,
    zf_merkle_read_fn read, void *ctx, uint8_t proof[][ZF_DIGEST_LEN],
    size_t *plen)
{
	uint64_t lo = 0, hi = n, k;
	size_t len = 0;

	*plen = 0;
	if (index >= n)
		return -1;
	/* PATH(m, D[lo:hi]): descend towards the leaf, keeping siblings. */
	while (hi - lo > 1) {
		if (len == PROOF_MAX)
			return -1;
		k = split_point(hi - lo);
		if (descend(suite, &lo, &hi, k, index < lo + k, read, ctx,
		    proof[len]) != 0)
			return -1;
		len++;
	}
	reverse_proof(proof, len);
	*plen = len;
	return 0;
}

int
zf_merkle_consistency_proof(int suite, uint64_t m, uint64_t n,
    zf_merkle_read_fn read, void *ctx, uint8_t proof[][ZF_DIGEST_LEN],
    size_t *plen)
{
	uint64_t lo = 0, hi = n, k;
	size_t len = 0;
	int whole = 1;

	*plen = 0;
	if (m == 0 || m > n)
		return -1;
	/*
	 * SUBPROOF(m, D[lo:hi], whole), with m counted from lo.  whole is
	 * RFC 9162's b: the old tree is still the whole left part, so its
	 * root need not be in the proof.
	 */
	while (m != hi - lo) {
		if (len == PROOF_MAX)
			return -1;
		k = split_point(hi - lo);
		if (descend(suite, &lo, &hi, k, m <= k, read, ctx,
		    proof[len]) != 0)
			return -1;
		if (m > k) {
			m -= k;
			whole = 0;
		}
		len++;
	}
	if (!whole) {
		if (len == PROOF_MAX)
			return -1;
		if (range_hash(suite, lo, hi, read, ctx, proof[len]) != 0)
			return -1;
		len++;
	}
	reverse_proof(proof, len);
	*plen = len;
	return 0;
}

/*
 * The loop RFC 9162's inclusion (2.1.3.2) and consistency (2.1.4.2)
 * checks share: hashes proof[i..plen) into sr, going up from node fn of a
 * tree whose last node is sn; where fr is not NULL, the left siblings go
 * into it too.  1 when the proof ends at the root (sn reaches 0), else 0.
 */
static int
walk_path(int suite, uint64_t fn, uint64_t sn,
    const uint8_t proof[][ZF_DIGEST_LEN], size_t i, size_t plen,
    uint8_t fr[ZF_DIGEST_LEN], uint8_t sr[ZF_DIGEST_LEN])
{
	for (; i < plen; i++) {
		if (sn == 0)
			return 0;
		if ((fn & 1) != 0 || fn == sn) {
			if (fr != NULL)
				zf_merkle_node_hash(suite, proof[i], fr, fr);
			zf_merkle_node_hash(suite, proof[i], sr, sr);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			zf_merkle_node_hash(suite, sr, proof[i], sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0;
}

int
zf_merkle_verify_inclusion(int suite, uint64_t index, uint64_t n,
    const uint8_t leaf[ZF_DIGEST_LEN], const uint8_t proof[][ZF_DIGEST_LEN],
    size_t plen, const uint8_t root[ZF_DIGEST_LEN])
{
	uint8_t r[ZF_DIGEST_LEN];

	if (index >= n)
		return 0;
	memcpy(r, leaf, ZF_DIGEST_LEN);
	return walk_path(suite, index, n - 1, proof, 0, plen, NULL, r) &&
	    memcmp(r, root, ZF_DIGEST_LEN) == 0;
}

int
zf_merkle_verify_consistency(int suite, uint64_t m, uint64_t n,
    const uint8_t root_m[ZF_DIGEST_LEN], const uint8_t root_n[ZF_DIGEST_LEN],
    const uint8_t proof[][ZF_DIGEST_LEN], size_t plen)
{
	uint8_t fr[ZF_DIGEST_LEN], sr[ZF_DIGEST_LEN];
	uint64_t fn, sn;
	size_t i;

	if (m == 0 || m > n)
		return 0;
	/* PROOF(n, D[n]) is empty: the trees are the same one. */
	if (m == n)
		return plen == 0 &&
		    memcmp(root_m, root_n, ZF_DIGEST_LEN) == 0;
	if (plen == 0)
		return 0;
	/* A power-of-two m is a complete subtree: its root is the start. */
	if ((m & (m - 1)) == 0) {
		memcpy(fr, root_m, ZF_DIGEST_LEN);
		i = 0;
	} else {
		memcpy(fr, proof[0], ZF_DIGEST_LEN);
		i = 1;
	}
	memcpy(sr, fr, ZF_DIGEST_LEN);
	fn = m - 1;
	sn = n - 1;
	while ((fn & 1) != 0) {
		fn >>= 1;
		sn >>= 1;
	}
	return walk_path(suite, fn, sn, proof, i, plen, fr, sr) &&
	    memcmp(fr, root_m, ZF_DIGEST_LEN) == 0 &&
	    memcmp(sr, root_n, ZF_DIGEST_LEN) == 0;
}

/* Leaves one at a time */

void
zf_merkle_stream_init(struct zf_merkle_stream *s, int suite)
{
	memset(s, 0, sizeof(*s));
	s->suite = suite;
}

void
zf_merkle_stream_add(struct zf_merkle_stream *s,
    const uint8_t leaf[ZF_DIGEST_LEN])
{
	uint8_t carry[ZF_DIGEST_LEN];
	int h = 0;

	memcpy(carry, leaf, ZF_DIGEST_LEN);
	/* Each set bit of n from the bottom is a peak the new one completes. */
	while (h < 63 && (s->n >> h & 1) != 0) {
		zf_merkle_node_hash(s->suite, s->peak[h], carry, carry);
		h++;
	}
	memcpy(s->peak[h], carry, ZF_DIGEST_LEN);
	s->n++;
}

void
zf_merkle_stream_root(const struct zf_merkle_stream *s,
    uint8_t out[ZF_DIGEST_LEN])
{
	int h, have = 0;

	if (s->n == 0) {
		zf_digest_buf(s->suite, "", 0, out);
		return;
	}
	/* RFC 9162 splits at the largest power of two below n: fold the
	 * peaks from the smallest up, each on the left of what is folded. */
	for (h = 0; h < 64; h++) {
		if ((s->n >> h & 1) == 0)
			continue;
		if (!have)
			memcpy(out, s->peak[h], ZF_DIGEST_LEN);
		else
			zf_merkle_node_hash(s->suite, s->peak[h], out, out);
		have = 1;
	}
}
