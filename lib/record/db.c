/* db: the connection, its pragmas, the schema and the statement cache. */
#include "record/db.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/merkle.h"

/*
 * Version 1.  A migration to version N is migrations[N - 2], run on an
 * archive at version N - 1; the journal's tables never change meaning.
 */
static const char schema_record[] =
    "CREATE TABLE journal ("
    " seq INTEGER PRIMARY KEY,"
    " hash BLOB NOT NULL,"		/* H(body) */
    " prev BLOB NOT NULL,"		/* hash of seq - 1; zeros for 0 */
    " time TEXT NOT NULL,"
    " actor TEXT NOT NULL,"
    " case_id TEXT,"
    " type TEXT NOT NULL,"
    " body TEXT NOT NULL,"		/* the canonical event */
    " sigs TEXT NOT NULL DEFAULT '[]'"	/* signatures over hash */
    ") STRICT;"
    "CREATE INDEX journal_case ON journal(case_id, seq);"
    "CREATE TABLE tree ("
    " idx INTEGER PRIMARY KEY,"		/* tlog stored hash index */
    " hash BLOB NOT NULL"
    ") STRICT;"
    "CREATE TABLE checkpoints ("
    " size INTEGER PRIMARY KEY,"
    " root BLOB NOT NULL,"
    " time TEXT NOT NULL,"
    " note TEXT NOT NULL"		/* the signed note, as published */
    ") STRICT;"
    "CREATE TABLE pubcheckpoints ("	/* the publication log's, signed */
    " size INTEGER PRIMARY KEY,"	/* by publish-export */
    " root BLOB NOT NULL,"
    " time TEXT NOT NULL,"
    " note TEXT NOT NULL"
    ") STRICT;";

/* Version 2: who holds which personal key, since and until which event. */
#define PERSON_KEYS \
    "CREATE TABLE person_keys (" \
    " person TEXT NOT NULL," \
    " key TEXT NOT NULL,"		/* PERSON+KEYID */ \
    " vkey TEXT NOT NULL,"		/* the verifier key */ \
    " from_seq INTEGER NOT NULL,"	/* the event that registered it */ \
    " until_seq INTEGER,"		/* the event that ended it */ \
    " ended TEXT,"			/* replaced | revoked */ \
    " by TEXT NOT NULL,"		/* who registered it */ \
    " PRIMARY KEY (person, from_seq)" \
    ") STRICT;"

#define APPROVALS \
    "CREATE TABLE approvals (" \
    " case_id TEXT NOT NULL," \
    " decision_seq INTEGER NOT NULL," \
    " digest TEXT NOT NULL,"		/* of the record approved */ \
    " seq INTEGER NOT NULL,"		/* publication.approved */ \
    " PRIMARY KEY (case_id, decision_seq, digest)" \
    ") STRICT, WITHOUT ROWID;"

/* Version 5: the cases other agencies' exchange bundles brought;
 * version 6 adds when each bundle was written (exported). */
#define IMPORTED_V5 \
    "CREATE TABLE imported (" \
    " id TEXT PRIMARY KEY,"		/* AGENCY:CASE */ \
    " agency TEXT NOT NULL,"		/* its name */ \
    " origin TEXT NOT NULL,"		/* its log's origin */ \
    " case_id TEXT NOT NULL,"		/* the id in its own archive */ \
    " number TEXT," \
    " kind TEXT," \
    " events INTEGER NOT NULL," \
    " bundle TEXT NOT NULL,"		/* digest of the bundle stored */ \
    " seq INTEGER NOT NULL"		/* bundle.imported */ \
    ") STRICT;"
#define IMPORTED_V6 \
    "ALTER TABLE imported ADD COLUMN exported TEXT NOT NULL DEFAULT '';"

/* Version 7: the documents doc-render made, and the 文号 each holds. */
#define DOCUMENTS \
    "CREATE TABLE documents (" \
    " seq INTEGER PRIMARY KEY,"		/* document.rendered */ \
    " case_id TEXT NOT NULL," \
    " type TEXT NOT NULL,"		/* notice, decision, ... */ \
    " number TEXT,"			/* its 文号, if it has one */ \
    " series TEXT,"			/* its numbering.documents name */ \
    " year INTEGER," \
    " n INTEGER," \
    " evidence_id TEXT NOT NULL," \
    " code TEXT NOT NULL UNIQUE"		/* the verification code */ \
    ") STRICT;" \
    "CREATE INDEX documents_case ON documents(case_id, type);" \
    "CREATE INDEX documents_number ON documents(number);"

static const char schema_derived[] =
    PERSON_KEYS
    APPROVALS
    IMPORTED_V5
    IMPORTED_V6
    DOCUMENTS
    "CREATE TABLE meta ("
    " key TEXT PRIMARY KEY,"
    " value TEXT NOT NULL"
    ") STRICT;"
    "CREATE TABLE configs ("
    " seq INTEGER PRIMARY KEY,"
    " digest TEXT NOT NULL,"
    " size INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE objects ("
    " digest TEXT PRIMARY KEY,"
    " size INTEGER NOT NULL,"
    " first_seq INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE cases ("
    " id TEXT PRIMARY KEY,"
    " year INTEGER NOT NULL,"
    " n INTEGER NOT NULL,"
    " number TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " stage TEXT NOT NULL,"
    " party_name TEXT NOT NULL,"
    " party_kind TEXT NOT NULL,"
    " party_id TEXT,"
    " party_rep TEXT,"			/* 法定代表人 */
    " party_address TEXT,"
    " party_phone TEXT,"
    " cause TEXT NOT NULL,"
    " filed TEXT NOT NULL,"
    " source TEXT,"
    " field TEXT,"
    " major INTEGER NOT NULL DEFAULT 0,"
    " filed_by TEXT NOT NULL,"
    " seq INTEGER NOT NULL,"
    " prior_stage TEXT,"		/* before a suspension */
    " decision_seq INTEGER,"		/* the decision in force */
    " fine_fen INTEGER,"
    " published INTEGER NOT NULL DEFAULT 0,"
    " conduct TEXT,"			/* business | non-business */
    " review_round INTEGER NOT NULL DEFAULT 0,"
    " review_status TEXT NOT NULL DEFAULT 'none',"
    " major_manual TEXT,"		/* the reason it was marked major */
    " UNIQUE (year, n)"
    ") STRICT;"
    "CREATE TABLE case_officers ("
    " case_id TEXT NOT NULL,"
    " person TEXT NOT NULL,"
    " ord INTEGER NOT NULL,"
    " PRIMARY KEY (case_id, person)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE evidence ("
    " id TEXT PRIMARY KEY,"
    " year INTEGER NOT NULL,"
    " n INTEGER NOT NULL,"
    " case_id TEXT NOT NULL,"
    " digest TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " size INTEGER NOT NULL,"
    " kind TEXT NOT NULL,"
    " title TEXT NOT NULL,"
    " name TEXT,"
    " stage TEXT,"
    " recorded_by TEXT,"
    " recorded_at TEXT,"
    " device TEXT,"
    " location TEXT,"
    " access TEXT NOT NULL,"
    " secret_kind TEXT,"
    " added_by TEXT NOT NULL,"
    " seq INTEGER NOT NULL,"
    " UNIQUE (year, n)"
    ") STRICT;"
    "CREATE TABLE steps ("
    " seq INTEGER PRIMARY KEY,"
    " case_id TEXT NOT NULL,"
    " step TEXT NOT NULL,"
    " at TEXT NOT NULL,"
    " stage TEXT NOT NULL,"		/* the stage it led to */
    " actor TEXT NOT NULL,"
    " method TEXT,"
    " note TEXT,"
    " doc TEXT,"			/* evidence id of its document */
    " approved_by TEXT"
    ") STRICT;"
    "CREATE TABLE decisions ("
    " seq INTEGER PRIMARY KEY,"
    " case_id TEXT NOT NULL,"
    " year INTEGER NOT NULL,"
    " kind TEXT NOT NULL,"
    " n INTEGER,"			/* NULL when numbered by hand */
    " number TEXT NOT NULL UNIQUE,"
    " outcome TEXT NOT NULL,"
    " measures TEXT NOT NULL,"		/* JSON array */
    " fine_fen INTEGER,"
    " doc TEXT,"
    " at TEXT NOT NULL,"
    " party_absent INTEGER NOT NULL,"
    " basis TEXT,"			/* 处罚依据, as given */
    " issued_by TEXT NOT NULL,"
    " state TEXT NOT NULL,"	/* in-force | revoked | illegal | remade */
    " revoked_seq INTEGER,"
    " revoke_reason TEXT,"
    " UNIQUE (year, kind, n)"
    ") STRICT;"
    "CREATE TABLE deadlines ("
    " case_id TEXT NOT NULL,"
    " rule TEXT NOT NULL,"
    " kind TEXT NOT NULL,"		/* the case's, for one-table queries */
    " what TEXT NOT NULL,"
    " basis TEXT NOT NULL,"
    " start TEXT NOT NULL,"
    " due TEXT NOT NULL,"
    " unit TEXT NOT NULL,"		/* working | calendar */
    " days INTEGER NOT NULL,"
    " party INTEGER NOT NULL,"
    " done TEXT NOT NULL,"		/* steps that meet it */
    " extend TEXT,"
    " extend_max INTEGER,"		/* days extensions may add in all */
    " extended INTEGER NOT NULL DEFAULT 0,"
    " blocks TEXT NOT NULL,"
    " state TEXT NOT NULL,"		/* open | paused | done */
    " remaining INTEGER,"		/* while paused */
    " estimated INTEGER NOT NULL,"	/* counted past the calendar */
    " opened_seq INTEGER NOT NULL,"
    " closed_seq INTEGER,"
    " due_at TEXT,"			/* periods in hours: the time */
    " PRIMARY KEY (case_id, rule)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE reviews ("
    " case_id TEXT NOT NULL,"
    " round INTEGER NOT NULL,"
    " seq INTEGER NOT NULL,"		/* review.submitted */
    " submitted_by TEXT NOT NULL,"
    " at TEXT NOT NULL,"
    " proposal TEXT NOT NULL,"		/* canonical JSON */
    " materials TEXT NOT NULL,"		/* digest of the evidence */
    " statement TEXT NOT NULL,"
    " draft TEXT NOT NULL,"
    " major INTEGER NOT NULL,"
    " reasons TEXT NOT NULL,"		/* JSON array */
    " status TEXT NOT NULL,"	/* submitted approved returned rejected */
    " decided_seq INTEGER,"
    " reviewer TEXT,"
    " opinion TEXT,"
    " points TEXT,"			/* JSON array */
    " opinion_doc TEXT,"
    " PRIMARY KEY (case_id, round)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE publog ("		/* the publication log's leaves */
    " idx INTEGER PRIMARY KEY,"
    " seq INTEGER NOT NULL,"
    " case_id TEXT,"
    " kind TEXT NOT NULL,"		/* publish correct withdraw expire */
    " entry TEXT NOT NULL"		/* canonical JSON, as published */
    ") STRICT;"
    "CREATE TABLE publications ("	/* what each case has on the site */
    " case_id TEXT PRIMARY KEY,"
    " decision_seq INTEGER NOT NULL,"	/* the decision its entry shows */
    " idx INTEGER NOT NULL,"		/* its latest publish/correct leaf */
    " state TEXT NOT NULL,"		/* published | withdrawn | expired */
    " first TEXT NOT NULL,"		/* first published, YYYY-MM-DD */
    " updated TEXT NOT NULL,"		/* the latest entry's date */
    " until TEXT NOT NULL,"		/* the publicity period's end */
    " record TEXT NOT NULL,"		/* digest of the record published */
    " ended TEXT,"			/* withdrawn or expired on */
    " reason TEXT"			/* of the withdrawal */
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE publog_tree ("
    " idx INTEGER PRIMARY KEY,"		/* tlog stored hash index */
    " hash BLOB NOT NULL"
    ") STRICT;"
    "CREATE TABLE reads ("
    " seq INTEGER PRIMARY KEY,"
    " evidence_id TEXT NOT NULL,"
    " case_id TEXT NOT NULL,"
    " actor TEXT NOT NULL,"
    " time TEXT NOT NULL,"
    " reason TEXT NOT NULL"
    ") STRICT;"
    ;

/* What the programs' queries need; a replay does without them. */
static const char schema_indexes[] =
    "CREATE INDEX cases_kind ON cases(kind, id);"
    "CREATE INDEX cases_stage ON cases(stage, id);"
    "CREATE INDEX cases_filed ON cases(filed, id);"
    "CREATE INDEX case_officers_person ON case_officers(person, case_id);"
    "CREATE INDEX evidence_case ON evidence(case_id, seq);"
    "CREATE INDEX reads_evidence ON reads(evidence_id, seq);"
    "CREATE INDEX steps_case ON steps(case_id, step);"
    "CREATE INDEX decisions_case ON decisions(case_id);"
    "CREATE INDEX cases_review ON cases(review_status, id);"
    "CREATE INDEX decisions_year ON decisions(year, n);"
    "CREATE INDEX publications_idx ON publications(idx);"
    "CREATE INDEX publications_state ON publications(state, updated);"
    "CREATE INDEX deadlines_open ON deadlines(due, case_id) "
    "WHERE state = 'open';";

const char *const zf_db_derived_tables[] = {
	"meta", "configs", "objects", "cases", "case_officers", "evidence",
	"reads", "steps", "decisions", "deadlines", "reviews", "publog",
	"publog_tree", "publications", "person_keys", "approvals", "imported",
	"documents", NULL
};

const char *const zf_db_derived_keys[] = {
	"key", "seq", "digest", "id", "case_id, person", "id", "seq", "seq",
	"seq", "case_id, rule", "case_id, round", "idx", "idx", "case_id",
	"person, from_seq", "case_id, decision_seq, digest", "id", "seq", NULL
};

/*
 * A write transaction that SQLite ended on its own (it rolls back after
 * some I/O errors and when the disk is full) must not go on in autocommit:
 * what the command writes next would be recorded without the rest.
 */
static int
tx_lost(struct zf_db *db, struct zf_err *e)
{
	if (!db->in_tx || sqlite3_get_autocommit(db->h) == 0)
		return 0;
	if (!db->failed)
		zf_fail(&db->err, EX_IOERR, "the database ended the "
		    "transaction after an I/O error: nothing was recorded");
	db->failed = 1;
	*e = db->err;
	return e->code;
}

static void
keep_failure(struct zf_db *db, const struct zf_err *e)
{
	if (!db->failed) {
		db->err = *e;
		db->failed = 1;
	}
}

int
zf_db_failed(struct zf_db *db, struct zf_err *e)
{
	if (tx_lost(db, e) != 0)
		return e->code;
	if (!db->failed)
		return 0;
	*e = db->err;
	if (!db->in_tx)
		db->failed = 0;
	return e->code;
}

/*
 * The error of the last failed read of a database or its WAL, when it
 * is one that SQLite reports as a malformed database (it does for EIO,
 * ENXIO and ERANGE): a disk that failed, not a database that is damaged.
 */
static int
read_errno(struct zf_db *db)
{
	sqlite3_file *f;
	const char *name;
	int i, k, n;

	for (i = 0; (name = sqlite3_db_name(db->h, i)) != NULL; i++) {
		for (k = 0; k < 2; k++) {
			n = 0;
			f = NULL;
			if (k == 0 && sqlite3_file_control(db->h, name,
			    SQLITE_FCNTL_LAST_ERRNO, &n) != SQLITE_OK)
				n = 0;
			if (k == 1 && (sqlite3_file_control(db->h, name,
			    SQLITE_FCNTL_JOURNAL_POINTER, &f) != SQLITE_OK ||
			    f == NULL || f->pMethods == NULL ||
			    f->pMethods->xFileControl(f,
			    SQLITE_FCNTL_LAST_ERRNO, &n) != SQLITE_OK))
				n = 0;
			if (n == EIO || n == ENXIO || n == ERANGE)
				return n;
		}
	}
	return 0;
}

int
zf_db_fail(struct zf_db *db, struct zf_err *e, const char *what)
{
	int rc = sqlite3_extended_errcode(db->h);
	int code = EX_IOERR, err;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		zf_fail(e, EX_TEMPFAIL, "%s: the archive is busy; try again",
		    what);
		keep_failure(db, e);
		return e->code;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		/*
		 * SQLite reports a read that failed with EIO as a malformed
		 * database: with an error from the system, it is I/O.
		 */
		if ((err = read_errno(db)) != 0) {
			zf_fail(e, EX_IOERR, "%s: %s", what, strerror(err));
			keep_failure(db, e);
			return e->code;
		}
		/* ATTACH says so, and closes the file it could not read. */
		if (strcmp(sqlite3_errmsg(db->h),
		    sqlite3_errstr(SQLITE_IOERR)) == 0)
			break;
		code = EX_DATAERR;
		break;
	case SQLITE_CANTOPEN:
		code = EX_NOINPUT;
		break;
	case SQLITE_READONLY:
		/*
		 * A database a writer opened that cannot be written: the
		 * system refused a file (its log, a folder): not a rule.
		 */
		code = EX_IOERR;
		break;
	case SQLITE_PERM:
	case SQLITE_AUTH:
		code = EX_NOPERM;
		break;
	case SQLITE_FULL:
	case SQLITE_IOERR:
		code = EX_IOERR;
		break;
	default:
		code = EX_SOFTWARE;
	}
	zf_fail(e, code, "%s: %s", what, sqlite3_errmsg(db->h));
	if ((rc & 0xff) != SQLITE_CONSTRAINT)
		keep_failure(db, e);
	return e->code;
}

int
zf_db_row(struct zf_db *db, sqlite3_stmt *st, struct zf_err *e,
    const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	zf_db_fail(db, e, what);
	sqlite3_reset(st);
	return -1;
}

int
zf_db_open(struct zf_db *db, const char *path, int readonly,
    struct zf_err *e)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    SQLITE_OPEN_URI;

	memset(db, 0, sizeof(*db));
	/*
	 * Readers open read-write too when they may: the last connection to
	 * close then removes the -wal and -shm files, so a command that
	 * changed nothing leaves the archive byte for byte as it found it.
	 * Without write permission, a reader still gets a read-only view.
	 */
	if (!readonly)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK &&
	    readonly) {
		sqlite3_close(db->h);
		db->h = NULL;
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX |
		    SQLITE_OPEN_URI;
		sqlite3_open_v2(path, &db->h, flags, NULL);
	}
	if (sqlite3_errcode(db->h) != SQLITE_OK) {
		int rc = zf_db_fail(db, e, "cannot open the database");

		zf_db_close(db);
		return rc;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, ZF_DB_BUSY_MS);
	if (zf_db_exec(db, "PRAGMA foreign_keys=ON;", e) != 0)
		goto fail;
	if (!readonly && zf_db_exec(db, "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;", e) != 0)
		goto fail;
	return 0;
fail:
	zf_db_close(db);
	return e->code;
}

void
zf_db_close(struct zf_db *db)
{
	int i;

	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	free(db->cache);
	db->cache = NULL;
	db->ncache = db->capcache = 0;
	if (db->h != NULL)
		sqlite3_close(db->h);
	db->h = NULL;
}

int
zf_db_exec(struct zf_db *db, const char *sql, struct zf_err *e)
{
	char *msg = NULL;

	if (tx_lost(db, e) != 0)
		return e->code;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = zf_db_fail(db, e, "database");

		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

int
zf_db_create_schema(struct zf_db *db, struct zf_err *e)
{
	char pragma[128];

	snprintf(pragma, sizeof(pragma), "PRAGMA application_id=%d;"
	    "PRAGMA user_version=%d;", ZF_DB_APPLICATION_ID,
	    ZF_DB_SCHEMA_VERSION);
	if (zf_db_exec(db, schema_record, e) != 0 ||
	    zf_db_exec(db, schema_derived, e) != 0 ||
	    zf_db_exec(db, schema_indexes, e) != 0)
		return e->code;
	return zf_db_exec(db, pragma, e);
}

int
zf_db_create_derived(struct zf_db *db, struct zf_err *e)
{
	return zf_db_exec(db, schema_derived, e);
}

static int
pragma_int(struct zf_db *db, const char *sql, int *out, struct zf_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return zf_db_fail(db, e, "cannot read the database");
	if ((rc = zf_db_row(db, st, e, "cannot read the database")) == 1)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc == 0)
		return zf_fail(e, EX_DATAERR, "zhifa.db: no %s", sql + 7);
	return rc < 0 ? e->code : 0;
}

/*
 * Schema migrations: migrations[N - 2] takes an archive from version
 * N - 1 to N.  They change derived tables only (and may rebuild them by
 * replay); the journal, tree and checkpoints never change meaning.
 * Version 2 adds the personal keys, none in an archive made before;
 * version 3 the time a period counted in hours ends (deadlines.due_at);
 * version 4 the records approved for publication (approvals); version 5
 * the cases taken in from other agencies (imported); version 6 the
 * time of each one's bundle (imported.exported); version 7 the
 * documents doc-render made (documents).
 */
static const char *const migrations[] = { PERSON_KEYS,
	"ALTER TABLE deadlines ADD COLUMN due_at TEXT;", APPROVALS, IMPORTED_V5,
	IMPORTED_V6, DOCUMENTS };

int
zf_db_schema_version(struct zf_db *db, int *version, struct zf_err *e)
{
	int app = 0;

	if (pragma_int(db, "PRAGMA application_id", &app, e) != 0 ||
	    pragma_int(db, "PRAGMA user_version", version, e) != 0)
		return e->code;
	if (app != ZF_DB_APPLICATION_ID)
		return zf_fail(e, EX_CONFIG, "zhifa.db is not a zhifa "
		    "database (application_id %d)", app);
	if (*version > ZF_DB_SCHEMA_VERSION)
		return zf_fail(e, EX_CONFIG, "zhifa.db has schema version %d; "
		    "this zhifa knows up to %d: upgrade zhifa", *version,
		    ZF_DB_SCHEMA_VERSION);
	if (*version < 1)
		return zf_fail(e, EX_CONFIG, "zhifa.db has no schema version");
	return 0;
}

int
zf_db_migrate(struct zf_db *db, struct zf_err *e)
{
	char pragma[64];
	int version, rc;

	if ((rc = zf_db_schema_version(db, &version, e)) != 0)
		return rc;
	if (version == ZF_DB_SCHEMA_VERSION)
		return 0;
	if ((rc = zf_db_exec(db, "BEGIN EXCLUSIVE", e)) != 0)
		return rc;
	for (; version < ZF_DB_SCHEMA_VERSION; version++) {
		const char *sql = migrations[version - 1];

		snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d",
		    version + 1);
		if ((sql != NULL && (rc = zf_db_exec(db, sql, e)) != 0) ||
		    (rc = zf_db_exec(db, pragma, e)) != 0) {
			zf_db_exec(db, "ROLLBACK", e);
			zf_err_prefix(e,
			    "cannot migrate zhifa.db to version %d",
			    version + 1);
			return rc;
		}
	}
	return zf_db_exec(db, "COMMIT", e);
}

sqlite3_stmt *
zf_db_stmt(struct zf_db *db, const char *sql, struct zf_err *e)
{
	sqlite3_stmt *st;
	int i;

	if (tx_lost(db, e) != 0)
		return NULL;
	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK) {
		zf_db_fail(db, e, "database");
		return NULL;
	}
	if (db->ncache == db->capcache) {
		db->capcache = db->capcache ? 2 * db->capcache : 32;
		db->cache = xrealloc(db->cache,
		    (size_t)db->capcache * sizeof(*db->cache));
	}
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].stmt = st;
	db->ncache++;
	return st;
}

int
zf_db_begin(struct zf_db *db, struct zf_err *e)
{
	db->failed = 0;
	if (zf_db_exec(db, "BEGIN IMMEDIATE", e) != 0)
		return e->code;
	db->in_tx = 1;
	return 0;
}

int
zf_db_commit(struct zf_db *db, struct zf_err *e)
{
	if (zf_db_failed(db, e) != 0 || zf_db_exec(db, "COMMIT", e) != 0) {
		zf_db_rollback(db);
		return e->code;
	}
	db->in_tx = 0;
	return 0;
}

void
zf_db_rollback(struct zf_db *db)
{
	if (db->in_tx && sqlite3_get_autocommit(db->h) == 0)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
	db->failed = 0;
}

int
zf_db_int(struct zf_db *db, const char *sql, int64_t arg, int64_t *out,
    struct zf_err *e)
{
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int rc;

	if (st == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, arg);
	if ((rc = zf_db_row(db, st, e, "cannot read the database")) < 0)
		return e->code;
	if (rc == 0)
		return zf_fail(e, EX_SOFTWARE, "database: no row");
	*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

void
zf_db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

const char *
zf_db_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL ? s : "";
}

int
zf_db_done(struct zf_db *db, sqlite3_stmt *st, struct zf_err *e,
    const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE) {
		zf_db_fail(db, e, what);
		sqlite3_reset(st);
		return e->code;
	}
	sqlite3_reset(st);
	return 0;
}

int
zf_db_run(struct zf_db *db, const char *sql, struct zf_err *e,
    const char *what, const char *types, ...)
{
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	va_list ap;
	int i;

	if (st == NULL)
		return e->code;
	va_start(ap, types);
	for (i = 0; types[i] != '\0'; i++) {
		if (types[i] == 't')
			zf_db_bind_text(st, i + 1, va_arg(ap, const char *));
		else if (types[i] == 'i')
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
		else
			sqlite3_bind_int(st, i + 1, va_arg(ap, int));
	}
	va_end(ap);
	return zf_db_done(db, st, e, what);
}

int
zf_db_tree_read(struct zf_db *db, const char *sql, int level, uint64_t index,
    uint8_t out[ZF_DIGEST_LEN])
{
	struct zf_err e;
	sqlite3_stmt *st = zf_db_stmt(db, sql, &e);
	int rc = -1;

	if (st == NULL) {
		keep_failure(db, &e);
		return -1;
	}
	sqlite3_bind_int64(st, 1, (sqlite3_int64)zf_merkle_stored_index(level,
	    index));
	switch (zf_db_row(db, st, &e, "cannot read a tree")) {
	case 1:
		if (sqlite3_column_bytes(st, 0) == ZF_DIGEST_LEN) {
			memcpy(out, sqlite3_column_blob(st, 0),
			    ZF_DIGEST_LEN);
			rc = 0;
		}
		break;
	case -1:
		keep_failure(db, &e);
		break;
	}
	sqlite3_reset(st);
	return rc;
}
