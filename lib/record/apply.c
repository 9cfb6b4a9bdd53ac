/* apply: the appliers' table, and the record's own event types. */
#include "record/apply.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "record/db.h"
#include "record/event.h"
#include "record/persons.h"

#define MAX_TABLES 8

static const struct zf_appliers *tables[MAX_TABLES];
static size_t ntables;

int
zf_apply_bad(struct zf_err *e, const struct zf_event *ev, const char *what)
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

	return zf_db_run(db, sql, e, "cannot write meta", "tt", key, value);
}

int
zf_apply_object(struct zf_db *db, const char *digest, int64_t size, int64_t seq,
    struct zf_err *e)
{
	static const char sql[] = "INSERT OR IGNORE INTO objects (digest, "
	    "size, first_seq) VALUES (?, ?, ?)";

	return zf_db_run(db, sql, e, "cannot record an object", "tii", digest,
	    size, seq);
}

static int
apply_archive_created(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char *const keys[] = { "id", "suite", "origin", "agency",
	    "pubkey", NULL };
	int i;

	if (ev->seq != 0)
		return zf_apply_bad(e, ev, "an archive is created by event 0 "
		    "alone");
	for (i = 0; keys[i] != NULL; i++) {
		const char *v = zf_json_get_str(ev->data, keys[i]);

		if (v == NULL)
			return zf_apply_bad(e, ev, "missing archive field");
		if (put_meta(db, keys[i], v, e) != 0)
			return e->code;
	}
	if (zf_persons_apply_created(db, ev->seq, ev->actor, ev->data,
	    e) != 0)
		return e->code;
	return put_meta(db, "created", ev->time, e);
}

static int
apply_key_registered(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	return zf_persons_apply_registered(db, ev->seq, ev->actor, ev->data,
	    e);
}

static int
apply_key_revoked(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	return zf_persons_apply_revoked(db, ev->seq, ev->actor, ev->data, e);
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
		return zf_apply_bad(e, ev, "missing digest or size");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, ev->seq);
	zf_db_bind_text(st, 2, digest);
	sqlite3_bind_int64(st, 3, size);
	if (zf_db_done(db, st, e, "cannot record the configuration") != 0)
		return e->code;
	if (zf_apply_object(db, digest, size, ev->seq, e) != 0)
		return e->code;
	return put_meta(db, "config", digest, e);
}

/* The journal keeps the head's account; no table derives from it. */
static int
apply_archive_restored(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	int64_t size;

	(void)db;
	if (zf_json_get_str(ev->data, "lost") == NULL ||
	    zf_json_get_str(ev->data, "reason") == NULL ||
	    zf_json_get_int(ev->data, "lost_size", &size) != 0)
		return zf_apply_bad(e, ev, "missing lost, lost_size or reason");
	return 0;
}

static const struct zf_applier record_types[] = {
	{ "archive.restored", apply_archive_restored },
	{ "archive.created", apply_archive_created },
	{ "config.changed", apply_config_changed },
	{ "person.key_registered", apply_key_registered },
	{ "person.key_revoked", apply_key_revoked },
};

static const struct zf_appliers record_appliers = {
	record_types, sizeof(record_types) / sizeof(record_types[0]), NULL
};

void
zf_apply_register(const struct zf_appliers *t)
{
	size_t i;

	for (i = 0; i < ntables; i++)
		if (tables[i] == t)
			return;
	if (ntables == MAX_TABLES)
		abort();
	tables[ntables++] = t;
}

static const struct zf_applier *
find(const char *type)
{
	size_t i, j;

	for (j = 0; j < record_appliers.n; j++)
		if (strcmp(record_appliers.types[j].type, type) == 0)
			return &record_appliers.types[j];
	for (i = 0; i < ntables; i++)
		for (j = 0; j < tables[i]->n; j++)
			if (strcmp(tables[i]->types[j].type, type) == 0)
				return &tables[i]->types[j];
	return NULL;
}

int
zf_apply(struct zf_db *db, const struct zf_event *ev, struct zf_err *e)
{
	const struct zf_applier *ap = find(ev->type);
	size_t i;

	if (ap == NULL)
		return zf_apply_bad(e, ev, "unknown event type");
	if (ap->fn(db, ev, e) != 0)
		return e->code;
	for (i = 0; i < ntables; i++)
		if (tables[i]->after != NULL &&
		    tables[i]->after(db, ev, e) != 0)
			return e->code;
	return 0;
}
