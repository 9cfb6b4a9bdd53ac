/*
 * publog: the publication log (公示日志).
 *
 * A second RFC 9162 Merkle tree, beside the journal's, whose leaves are
 * the published entries themselves — each publication, correction,
 * withdrawal or expiry, as the canonical JSON the public sees (already
 * redacted) — so that anyone holding two published checkpoints can be
 * shown that nothing published between them was silently changed or
 * removed.  Leaves and their stored hashes live in derived tables (the
 * publication events of the journal rebuild them on replay); the signed
 * checkpoints of the log, under the origin "<journal origin>/publication",
 * are kept like the journal's.  The same leaf/node hashing, stored-hash
 * order and signed-note format as the journal (merkle.h, checkpoint.h).
 */
#ifndef ZF_PUBLOG_H
#define ZF_PUBLOG_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"

struct zf_db;
struct zf_err;

/*
 * Appends one entry (its canonical bytes) as the next leaf, with the
 * event that published it; *index gets its leaf index.
 */
int zf_publog_append(struct zf_db *db, int suite, int64_t seq,
    const char *case_id, const char *kind, const char *entry, size_t len,
    uint64_t *index, struct zf_err *e);

/* The number of leaves. */
int zf_publog_size(struct zf_db *db, uint64_t *n, struct zf_err *e);
/* The root of the first n leaves. */
int zf_publog_root(struct zf_db *db, int suite, uint64_t n,
    uint8_t root[ZF_DIGEST_LEN], struct zf_err *e);
/* Inclusion proof of leaf index in the tree of n leaves. */
int zf_publog_inclusion(struct zf_db *db, int suite, uint64_t index,
    uint64_t n, uint8_t proof[][ZF_DIGEST_LEN], size_t *plen,
    struct zf_err *e);
/* Consistency proof from m to n leaves. */
int zf_publog_consistency(struct zf_db *db, int suite, uint64_t m,
    uint64_t n, uint8_t proof[][ZF_DIGEST_LEN], size_t *plen,
    struct zf_err *e);

#endif
