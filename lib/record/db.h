/*
 * db: SQLite under zhifa's rules.  Internal to lib/: it is the one header
 * that exposes sqlite3.h, and no program includes it.
 *
 * A struct zf_db is one connection with a cache of prepared statements
 * keyed by the address of their SQL text (always a string literal), so a
 * hot path prepares each statement once per process.  Writes happen only
 * between zf_db_begin (BEGIN IMMEDIATE: the write lock is taken up front,
 * so the busy timeout applies and no read-to-write upgrade can deadlock)
 * and zf_db_commit; a failure rolls back.
 *
 * The schema: the journal, the stored Merkle hashes and the checkpoints
 * are the record; every other table is derived from the journal by the
 * apply functions and can be rebuilt by replay (see journal.h).
 */
#ifndef ZF_DB_H
#define ZF_DB_H

#include <sqlite3.h>
#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"

#define ZF_DB_APPLICATION_ID 0x5a484641	/* "ZHFA" */
#define ZF_DB_SCHEMA_VERSION 7
#define ZF_DB_BUSY_MS 60000

struct zf_db_cached {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct zf_db {
	sqlite3 *h;
	struct zf_db_cached *cache;
	int ncache, capcache;
	int in_tx;
	int failed;		/* a step failed (see zf_db_failed) */
	struct zf_err err;	/* and how */
};

/*
 * Opens path (flags as sqlite3_open_v2) and sets WAL, synchronous=FULL,
 * foreign keys and the busy timeout.  A read-only open skips the pragmas
 * that write.
 */
int zf_db_open(struct zf_db *db, const char *path, int readonly,
    struct zf_err *e);
void zf_db_close(struct zf_db *db);

/* Creates every table of the current schema in an empty database. */
int zf_db_create_schema(struct zf_db *db, struct zf_err *e);
/* Creates only the derived tables, without the indexes (for a replay). */
int zf_db_create_derived(struct zf_db *db, struct zf_err *e);
/*
 * Names of the derived tables, NULL-terminated, and each one's primary
 * key columns, for comparing a replay with the live tables.
 */
extern const char *const zf_db_derived_tables[];
extern const char *const zf_db_derived_keys[];
/*
 * Reads user_version after checking application_id; refuses a newer
 * schema than this zhifa knows (EX_CONFIG).
 */
int zf_db_schema_version(struct zf_db *db, int *version, struct zf_err *e);
/*
 * Brings an older schema to the current version in one exclusive
 * transaction.  The caller holds the archive's exclusive lock.
 */
int zf_db_migrate(struct zf_db *db, struct zf_err *e);

/* A reset statement for sql (a literal), prepared once. NULL on error. */
sqlite3_stmt *zf_db_stmt(struct zf_db *db, const char *sql,
    struct zf_err *e);
/* Runs SQL without results (may hold several statements). */
int zf_db_exec(struct zf_db *db, const char *sql, struct zf_err *e);

int zf_db_begin(struct zf_db *db, struct zf_err *e);
int zf_db_commit(struct zf_db *db, struct zf_err *e);
void zf_db_rollback(struct zf_db *db);

/*
 * Maps the connection's last error to a code and message.  The failure
 * is also kept (a constraint's excepted) until zf_db_failed reports it or
 * the transaction ends: zf_db_commit refuses after one, so a caller that
 * went on after an error cannot commit half a command.
 */
int zf_db_fail(struct zf_db *db, struct zf_err *e, const char *what);

/*
 * Steps st: 1 with a row, 0 when done (st is then reset), -1 on an error,
 * with the connection's error in e as zf_db_fail with what (st reset).
 * An error is never "no row".
 */
int zf_db_row(struct zf_db *db, sqlite3_stmt *st, struct zf_err *e,
    const char *what);

/*
 * The failure kept since the transaction began (a step whose caller could
 * not report it, such as a tree read or a list), copied to e: its code,
 * or 0.  Outside a transaction this also forgets it.
 */
int zf_db_failed(struct zf_db *db, struct zf_err *e);

/*
 * Runs sql (a literal with one integer parameter) and gives the first
 * column of its one row: numbering and counting.
 */
int zf_db_int(struct zf_db *db, const char *sql, int64_t arg, int64_t *out,
    struct zf_err *e);

/* Binds a string or NULL. */
void zf_db_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Column i as text, "" when NULL. */
const char *zf_db_text(sqlite3_stmt *st, int i);

/*
 * Steps st, which must finish without a row (an INSERT or UPDATE), and
 * resets it; else the connection's error, as zf_db_fail with what.
 */
int zf_db_done(struct zf_db *db, sqlite3_stmt *st, struct zf_err *e,
    const char *what);

/*
 * Runs sql, a statement that returns no row, with its parameters bound in
 * order from the arguments, one letter of types each: t a const char *
 * (NULL binds NULL), i an int64_t, n an int.  0, or the failure of
 * zf_db_done with what.
 */
int zf_db_run(struct zf_db *db, const char *sql, struct zf_err *e,
    const char *what, const char *types, ...);

/*
 * Reads the stored hash of node (level, index) of a Merkle tree kept in
 * a table by stored index: sql selects it, "SELECT hash FROM T WHERE
 * idx = ?".  0, or -1 when it is not there or cannot be read; a read
 * error is kept for zf_db_failed.
 */
int zf_db_tree_read(struct zf_db *db, const char *sql, int level,
    uint64_t index, uint8_t out[ZF_DIGEST_LEN]);

#endif
