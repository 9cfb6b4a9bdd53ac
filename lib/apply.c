/*
 * apply: one function per event type, the only code that writes the
 * derived tables.  Live commands and replay both come through zf_apply,
 * so the tables are a pure function of the journal.  An apply function
 * never changes meaning for events already written: a new meaning gets a
 * new event type.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "journal.h"
#include "json.h"

typedef int (*apply_fn)(struct zf_db *, const struct zf_event *,
    struct zf_err *);

static int
step_done(struct zf_db *db, sqlite3_stmt *st, struct zf_err *e,
    const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return zf_db_fail(db, e, what);
	return 0;
}

static int
bad(struct zf_err *e, const struct zf_event *ev, const char *what)
{
	return zf_fail(e, EX_DATAERR, "event %lld (%s): %s",
	    (long long)ev->seq, ev->type, what);
}

static int
put_meta(struct zf_db *db, const char *key, const char *value,
    struct zf_err *e)
{
	static const char sql[] = "INSERT OR REPLACE INTO meta (key, value) "
	    "VALUES (?, ?)";
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, key);
	zf_db_bind_text(st, 2, value);
	return step_done(db, st, e, "cannot write meta");
}

static int
put_object(struct zf_db *db, const char *digest, int64_t size, int64_t seq,
    struct zf_err *e)
{
	static const char sql[] = "INSERT OR IGNORE INTO objects (digest, "
	    "size, first_seq) VALUES (?, ?, ?)";
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, digest);
	sqlite3_bind_int64(st, 2, size);
	sqlite3_bind_int64(st, 3, seq);
	return step_done(db, st, e, "cannot record an object");
}

static int
apply_archive_created(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char *const keys[] = { "id", "suite", "origin", "agency",
	    "pubkey", NULL };
	int i;

	for (i = 0; keys[i] != NULL; i++) {
		const char *v = zf_json_get_str(ev->data, keys[i]);

		if (v == NULL)
			return bad(e, ev, "missing archive field");
		if (put_meta(db, keys[i], v, e) != 0)
			return e->code;
	}
	return put_meta(db, "created", ev->time, e);
}

static int
apply_config_changed(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "INSERT INTO configs (seq, digest, size) "
	    "VALUES (?, ?, ?)";
	const char *digest = zf_json_get_str(ev->data, "digest");
	int64_t size;
	sqlite3_stmt *st;

	if (digest == NULL || zf_json_get_int(ev->data, "size", &size) != 0)
		return bad(e, ev, "missing digest or size");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, ev->seq);
	zf_db_bind_text(st, 2, digest);
	sqlite3_bind_int64(st, 3, size);
	if (step_done(db, st, e, "cannot record the configuration") != 0)
		return e->code;
	if (put_object(db, digest, size, ev->seq, e) != 0)
		return e->code;
	return put_meta(db, "config", digest, e);
}

static int
apply_case_filed(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "INSERT INTO cases (id, year, n, number, "
	    "kind, stage, party_name, party_kind, party_id, cause, filed, "
	    "source, field, major, filed_by, seq) VALUES (?, ?, ?, ?, ?, "
	    "'filed', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)";
	static const char sql_officer[] = "INSERT INTO case_officers "
	    "(case_id, person, ord) VALUES (?, ?, ?)";
	const struct zf_json *d = ev->data, *party, *officers;
	int64_t year, n;
	sqlite3_stmt *st;
	size_t i;

	party = zf_json_get(d, "party");
	officers = zf_json_get(d, "officers");
	if (ev->case_id == NULL || party == NULL || officers == NULL ||
	    zf_json_type(officers) != ZF_JSON_ARRAY ||
	    zf_json_get_int(d, "year", &year) != 0 ||
	    zf_json_get_int(d, "n", &n) != 0 ||
	    zf_json_get_str(d, "number") == NULL ||
	    zf_json_get_str(d, "kind") == NULL ||
	    zf_json_get_str(party, "name") == NULL ||
	    zf_json_get_str(party, "kind") == NULL ||
	    zf_json_get_str(d, "cause") == NULL ||
	    zf_json_get_str(d, "filed") == NULL)
		return bad(e, ev, "incomplete case");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, ev->case_id);
	sqlite3_bind_int64(st, 2, year);
	sqlite3_bind_int64(st, 3, n);
	zf_db_bind_text(st, 4, zf_json_get_str(d, "number"));
	zf_db_bind_text(st, 5, zf_json_get_str(d, "kind"));
	zf_db_bind_text(st, 6, zf_json_get_str(party, "name"));
	zf_db_bind_text(st, 7, zf_json_get_str(party, "kind"));
	zf_db_bind_text(st, 8, zf_json_get_str(party, "id"));
	zf_db_bind_text(st, 9, zf_json_get_str(d, "cause"));
	zf_db_bind_text(st, 10, zf_json_get_str(d, "filed"));
	zf_db_bind_text(st, 11, zf_json_get_str(d, "source"));
	zf_db_bind_text(st, 12, zf_json_get_str(d, "field"));
	zf_db_bind_text(st, 13, ev->actor);
	sqlite3_bind_int64(st, 14, ev->seq);
	if (step_done(db, st, e, "cannot record the case") != 0)
		return e->code;
	for (i = 0; i < zf_json_len(officers); i++) {
		const struct zf_json *o = zf_json_at(officers, i);

		if (zf_json_type(o) != ZF_JSON_STRING)
			return bad(e, ev, "officer is not a string");
		if ((st = zf_db_stmt(db, sql_officer, e)) == NULL)
			return e->code;
		zf_db_bind_text(st, 1, ev->case_id);
		zf_db_bind_text(st, 2, zf_json_str(o));
		sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
		if (step_done(db, st, e, "cannot record an officer") != 0)
			return e->code;
	}
	return 0;
}

static int
apply_evidence_added(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "INSERT INTO evidence (id, year, n, case_id, "
	    "digest, size, kind, title, name, stage, recorded_by, recorded_at, "
	    "device, location, access, secret_kind, added_by, seq, sha256) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const text[] = { "name", "stage", "recorded_by",
	    "recorded_at", "device", "location", "access", "secret_kind",
	    NULL };
	const struct zf_json *d = ev->data;
	const char *id = zf_json_get_str(d, "id");
	const char *digest = zf_json_get_str(d, "digest");
	const char *sha256 = zf_json_get_str(d, "sha256");
	int64_t year, n, size;
	sqlite3_stmt *st;
	int i;

	if (ev->case_id == NULL || id == NULL || digest == NULL ||
	    sha256 == NULL || zf_json_get_int(d, "year", &year) != 0 ||
	    zf_json_get_int(d, "n", &n) != 0 ||
	    zf_json_get_int(d, "size", &size) != 0 ||
	    zf_json_get_str(d, "kind") == NULL ||
	    zf_json_get_str(d, "title") == NULL ||
	    zf_json_get_str(d, "access") == NULL)
		return bad(e, ev, "incomplete evidence");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, year);
	sqlite3_bind_int64(st, 3, n);
	zf_db_bind_text(st, 4, ev->case_id);
	zf_db_bind_text(st, 5, digest);
	sqlite3_bind_int64(st, 6, size);
	zf_db_bind_text(st, 7, zf_json_get_str(d, "kind"));
	zf_db_bind_text(st, 8, zf_json_get_str(d, "title"));
	for (i = 0; text[i] != NULL; i++)
		zf_db_bind_text(st, 9 + i, zf_json_get_str(d, text[i]));
	zf_db_bind_text(st, 17, ev->actor);
	sqlite3_bind_int64(st, 18, ev->seq);
	zf_db_bind_text(st, 19, sha256);
	if (step_done(db, st, e, "cannot record the evidence") != 0)
		return e->code;
	return put_object(db, digest, size, ev->seq, e);
}

static int
apply_evidence_read(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "INSERT INTO reads (seq, evidence_id, "
	    "case_id, actor, time, reason) VALUES (?, ?, ?, ?, ?, ?)";
	const char *id = zf_json_get_str(ev->data, "evidence");
	const char *reason = zf_json_get_str(ev->data, "reason");
	sqlite3_stmt *st;

	if (ev->case_id == NULL || id == NULL || reason == NULL)
		return bad(e, ev, "incomplete read record");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, ev->seq);
	zf_db_bind_text(st, 2, id);
	zf_db_bind_text(st, 3, ev->case_id);
	zf_db_bind_text(st, 4, ev->actor);
	zf_db_bind_text(st, 5, ev->time);
	zf_db_bind_text(st, 6, reason);
	return step_done(db, st, e, "cannot record the read");
}

static const struct {
	const char *type;
	apply_fn fn;
} appliers[] = {
	{ "archive.created", apply_archive_created },
	{ "case.filed", apply_case_filed },
	{ "config.changed", apply_config_changed },
	{ "evidence.added", apply_evidence_added },
	{ "evidence.read", apply_evidence_read },
};

int
zf_apply(struct zf_db *db, const struct zf_event *ev, struct zf_err *e)
{
	size_t i;

	for (i = 0; i < sizeof(appliers) / sizeof(appliers[0]); i++)
		if (strcmp(appliers[i].type, ev->type) == 0)
			return appliers[i].fn(db, ev, e);
	return bad(e, ev, "unknown event type");
}
