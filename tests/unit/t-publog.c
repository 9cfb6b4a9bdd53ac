/* t-publog: the publication log's tree, roots and proofs in SQLite. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "record/db.h"
#include "base/merkle.h"
#include "record/publog.h"

#define MAX 300

static char entries[MAX][64];

/* MTH of entries [lo, hi), straight from RFC 9162 (the reference). */
static void
mth(int suite, size_t lo, size_t hi, uint8_t out[ZF_DIGEST_LEN])
{
	uint8_t l[ZF_DIGEST_LEN], r[ZF_DIGEST_LEN];
	size_t k = 1;

	if (hi - lo == 1) {
		zf_merkle_leaf_hash(suite, entries[lo], strlen(entries[lo]),
		    out);
		return;
	}
	while (k * 2 < hi - lo)
		k *= 2;
	mth(suite, lo, lo + k, l);
	mth(suite, lo + k, hi, r);
	zf_merkle_node_hash(suite, l, r, out);
}

static void
run(int suite)
{
	uint8_t root[ZF_DIGEST_LEN], want[ZF_DIGEST_LEN], leaf[ZF_DIGEST_LEN];
	uint8_t proof[64][ZF_DIGEST_LEN], old[ZF_DIGEST_LEN];
	struct zf_db db;
	struct zf_err e;
	uint64_t n, idx;
	size_t i, plen, m;

	CHECK(zf_db_open(&db, ":memory:", 0, &e) == 0);
	CHECK(zf_db_create_schema(&db, &e) == 0);
	CHECK(zf_publog_size(&db, &n, &e) == 0 && n == 0);
	zf_publog_root(&db, suite, 0, root, &e);
	zf_digest_buf(suite, "", 0, want);
	CHECK(memcmp(root, want, ZF_DIGEST_LEN) == 0);
	for (i = 0; i < MAX; i++) {
		snprintf(entries[i], sizeof(entries[i]),
		    "{\"kind\":\"publish\",\"n\":%zu}", i);
		CHECK(zf_publog_append(&db, suite, (int64_t)i + 10,
		    "C2026-0001", "publish", entries[i], strlen(entries[i]),
		    &idx, &e) == 0);
		CHECK_INT(idx, i);
	}
	CHECK(zf_publog_size(&db, &n, &e) == 0 && n == MAX);
	for (n = 1; n <= MAX; n += (n < 40 ? 1 : 37)) {
		mth(suite, 0, (size_t)n, want);
		CHECK(zf_publog_root(&db, suite, n, root, &e) == 0);
		CHECK(memcmp(root, want, ZF_DIGEST_LEN) == 0);
		for (i = 0; i < n; i += (n < 20 ? 1 : 7)) {
			zf_merkle_leaf_hash(suite, entries[i],
			    strlen(entries[i]), leaf);
			CHECK(zf_publog_inclusion(&db, suite, i, n, proof,
			    &plen, &e) == 0);
			CHECK(zf_merkle_verify_inclusion(suite, i, n, leaf,
			    (const uint8_t (*)[ZF_DIGEST_LEN])proof, plen,
			    root) == 1);
		}
		for (m = 1; m <= n; m += (n < 20 ? 1 : 11)) {
			mth(suite, 0, m, old);
			CHECK(zf_publog_consistency(&db, suite, m, n, proof,
			    &plen, &e) == 0);
			CHECK(zf_merkle_verify_consistency(suite, m, n, old,
			    root, (const uint8_t (*)[ZF_DIGEST_LEN])proof,
			    plen) == 1);
		}
	}
	CHECK(zf_publog_inclusion(&db, suite, MAX, MAX, proof, &plen, &e) ==
	    EX_DATAERR);
	CHECK(zf_publog_consistency(&db, suite, 0, MAX, proof, &plen, &e) ==
	    EX_DATAERR);
	CHECK(zf_publog_consistency(&db, suite, 5, 4, proof, &plen, &e) ==
	    EX_DATAERR);
	zf_db_close(&db);
}

int
main(void)
{
	CHECK_PLAN(4844);
	run(ZF_SUITE_SHA256_ED25519);
	run(ZF_SUITE_SM3_SM2);
	return check_report("t-publog");
}
