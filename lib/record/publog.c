/* publog: the publication log's leaves, tree and proofs. */
#include "record/publog.h"

#include <string.h>

#include "record/db.h"
#include "base/merkle.h"

static int
tree_read(void *ctx, int level, uint64_t index, uint8_t out[ZF_DIGEST_LEN])
{
	static const char sql[] = "SELECT hash FROM publog_tree WHERE idx = ?";

	return zf_db_tree_read(ctx, sql, level, index, out);
}

int
zf_publog_size(struct zf_db *db, uint64_t *n, struct zf_err *e)
{
	static const char sql[] =
	    "SELECT coalesce(max(idx) + 1, 0) FROM publog";
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int rc;

	*n = 0;
	if (st == NULL)
		return e->code;
	if ((rc = zf_db_row(db, st, e, "cannot read the publication log")) < 0)
		return e->code;
	if (rc == 1)
		*n = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int
zf_publog_append(struct zf_db *db, int suite, int64_t seq,
    const char *case_id, const char *kind, const char *entry, size_t len,
    uint64_t *index, struct zf_err *e)
{
	static const char sql_leaf[] = "INSERT INTO publog (idx, seq, case_id, "
	    "kind, entry) VALUES (?, ?, ?, ?, ?)";
	static const char sql_node[] = "INSERT INTO publog_tree (idx, hash) "
	    "VALUES (?, ?)";
	uint8_t leaf[ZF_DIGEST_LEN], hashes[66][ZF_DIGEST_LEN];
	sqlite3_stmt *st;
	uint64_t n, first;
	int i, count, rc;

	if ((rc = zf_publog_size(db, &n, e)) != 0)
		return rc;
	zf_merkle_leaf_hash(suite, entry, len, leaf);
	count = zf_merkle_append(suite, n, leaf, tree_read, db, hashes);
	if (count <= 0 && zf_db_failed(db, e) != 0)
		return e->code;
	if (count <= 0)
		return zf_fail(e, EX_DATAERR, "the publication log's tree is "
		    "incomplete at entry %llu", (unsigned long long)n);
	if ((st = zf_db_stmt(db, sql_leaf, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)n);
	sqlite3_bind_int64(st, 2, seq);
	zf_db_bind_text(st, 3, case_id);
	zf_db_bind_text(st, 4, kind);
	sqlite3_bind_text(st, 5, entry, (int)len, SQLITE_TRANSIENT);
	if (zf_db_done(db, st, e, "cannot append to the publication log") != 0)
		return e->code;
	first = zf_merkle_stored_count(n);
	for (i = 0; i < count; i++) {
		if ((st = zf_db_stmt(db, sql_node, e)) == NULL)
			return e->code;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)(first + (uint64_t)i));
		sqlite3_bind_blob(st, 2, hashes[i], ZF_DIGEST_LEN,
		    SQLITE_TRANSIENT);
		if (zf_db_done(db, st, e, "cannot store the publication "
		    "log's tree") != 0)
			return e->code;
	}
	if (index != NULL)
		*index = n;
	return 0;
}

int
zf_publog_root(struct zf_db *db, int suite, uint64_t n,
    uint8_t root[ZF_DIGEST_LEN], struct zf_err *e)
{
	if (zf_merkle_root(suite, n, tree_read, db, root) != 0)
		return zf_db_failed(db, e) != 0 ? e->code :
		    zf_fail(e, EX_DATAERR, "the publication log has no tree "
		    "of %llu entries", (unsigned long long)n);
	return 0;
}

int
zf_publog_inclusion(struct zf_db *db, int suite, uint64_t index,
    uint64_t n, uint8_t proof[][ZF_DIGEST_LEN], size_t *plen,
    struct zf_err *e)
{
	if (index >= n || zf_merkle_inclusion_proof(suite, index, n, tree_read,
	    db, proof, plen) != 0)
		return zf_db_failed(db, e) != 0 ? e->code :
		    zf_fail(e, EX_DATAERR,
		    "no inclusion proof of entry %llu in %llu",
		    (unsigned long long)index, (unsigned long long)n);
	return 0;
}

int
zf_publog_consistency(struct zf_db *db, int suite, uint64_t m, uint64_t n,
    uint8_t proof[][ZF_DIGEST_LEN], size_t *plen, struct zf_err *e)
{
	if (m == 0 || m > n || zf_merkle_consistency_proof(suite, m, n,
	    tree_read, db, proof, plen) != 0)
		return zf_db_failed(db, e) != 0 ? e->code :
		    zf_fail(e, EX_DATAERR,
		    "no consistency proof from %llu to %llu entries",
		    (unsigned long long)m, (unsigned long long)n);
	return 0;
}
