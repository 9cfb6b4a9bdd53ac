/*
 * merkle: the RFC 6962 / RFC 9162 Merkle tree over a log's entries.
 *
 *   leaf hash  = H(0x00 || entry)
 *   node hash  = H(0x01 || left || right)
 *   MTH of an empty tree = H("")
 *   MTH(D[0:n]) for n > 1 splits at k, the largest power of two < n.
 *
 * The tree is stored as its complete subtrees: the hash at (level L,
 * index i) covers leaves [i*2^L, (i+1)*2^L).  These are kept in the
 * order of golang.org/x/mod/sumdb/tlog's StoredHashIndex, so that the
 * stored hashes of a tree of n leaves are exactly indexes
 * 0 .. zf_merkle_stored_count(n) - 1, appended as leaves arrive.
 *
 * H is the archive suite's digest (SHA-256 or SM3); both are 32 bytes.
 * Proofs are lists of 32-byte hashes in RFC 9162 order.
 */
#ifndef ZF_MERKLE_H
#define ZF_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"

/* Reads the stored hash at (level, index); returns 0, or -1 on failure. */
typedef int (*zf_merkle_read_fn)(void *ctx, int level, uint64_t index,
    uint8_t out[ZF_DIGEST_LEN]);

void zf_merkle_leaf_hash(int suite, const void *entry, size_t len,
    uint8_t out[ZF_DIGEST_LEN]);
void zf_merkle_node_hash(int suite, const uint8_t left[ZF_DIGEST_LEN],
    const uint8_t right[ZF_DIGEST_LEN], uint8_t out[ZF_DIGEST_LEN]);

/* tlog's StoredHashIndex(level, n) and the count for a tree of n leaves. */
uint64_t zf_merkle_stored_index(int level, uint64_t n);
uint64_t zf_merkle_stored_count(uint64_t n);

/*
 * Appending leaf number n (0-based) to a tree of n leaves stores the
 * leaf hash and then every subtree it completes.  Given the leaf hash,
 * this fills out[] with those hashes in storage order (out[0] is the
 * leaf hash itself) and returns how many there are (at most 65).  The
 * first lands at index zf_merkle_stored_count(n).  read fetches the
 * left siblings it needs.
 */
int zf_merkle_append(int suite, uint64_t n,
    const uint8_t leaf[ZF_DIGEST_LEN], zf_merkle_read_fn read, void *ctx,
    uint8_t out[][ZF_DIGEST_LEN]);

/* MTH of the first n leaves, from the stored hashes.  0 or -1. */
int zf_merkle_root(int suite, uint64_t n, zf_merkle_read_fn read,
    void *ctx, uint8_t out[ZF_DIGEST_LEN]);

/*
 * Inclusion proof of leaf index in a tree of n leaves (RFC 9162 2.1.3.1).
 * proof must hold 64 hashes; *plen gets the count.  0 or -1.
 */
int zf_merkle_inclusion_proof(int suite, uint64_t index, uint64_t n,
    zf_merkle_read_fn read, void *ctx, uint8_t proof[][ZF_DIGEST_LEN],
    size_t *plen);

/* Consistency proof from size m to size n, 0 < m <= n (RFC 9162 2.1.4.1). */
int zf_merkle_consistency_proof(int suite, uint64_t m, uint64_t n,
    zf_merkle_read_fn read, void *ctx, uint8_t proof[][ZF_DIGEST_LEN],
    size_t *plen);

/*
 * The root of a tree whose leaves come one at a time, in constant memory:
 * the roots of its perfect subtrees ("peaks"), one per set bit of n.
 */
struct zf_merkle_stream {
	int suite;
	uint64_t n;
	uint8_t peak[64][ZF_DIGEST_LEN]; /* peak[h] covers 2^h leaves */
};

void zf_merkle_stream_init(struct zf_merkle_stream *s, int suite);
void zf_merkle_stream_add(struct zf_merkle_stream *s,
    const uint8_t leaf[ZF_DIGEST_LEN]);
/* MTH of the s->n leaves added so far. */
void zf_merkle_stream_root(const struct zf_merkle_stream *s,
    uint8_t out[ZF_DIGEST_LEN]);

/* RFC 9162 2.1.3.2: 1 when the proof verifies, 0 when it does not. */
int zf_merkle_verify_inclusion(int suite, uint64_t index, uint64_t n,
    const uint8_t leaf[ZF_DIGEST_LEN], const uint8_t proof[][ZF_DIGEST_LEN],
    size_t plen, const uint8_t root[ZF_DIGEST_LEN]);

/* RFC 9162 2.1.4.2: 1 when the proof verifies, 0 when it does not. */
int zf_merkle_verify_consistency(int suite, uint64_t m, uint64_t n,
    const uint8_t root_m[ZF_DIGEST_LEN], const uint8_t root_n[ZF_DIGEST_LEN],
    const uint8_t proof[][ZF_DIGEST_LEN], size_t plen);

#endif
