/* events: how the events of publication change the derived tables. */
#include "publication/events.h"

#include <stdlib.h>

#include "base/json.h"
#include "cases/events.h"
#include "publication/approve.h"
#include "publication/publish.h"
#include "record/apply.h"
#include "record/db.h"
#include "record/journal.h"

/* An export changes no table: the journal keeps who wrote which bundle. */
static int
apply_publication_exported(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	(void)db;
	if (zf_json_get_str(ev->data, "audience") == NULL)
		return zf_apply_bad(e, ev, "an export without its audience");
	return 0;
}

/* Cases shared with another agency: the journal keeps which, with whom. */
static int
apply_cases_exported(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	(void)db;
	if (zf_json_get_str(ev->data, "to") == NULL ||
	    zf_json_get_str(ev->data, "sha256") == NULL ||
	    zf_json_get(ev->data, "cases") == NULL)
		return zf_apply_bad(e, ev, "an export of cases without its "
		    "agency, cases or digest");
	return 0;
}

/*
 * Another agency's bundle taken in: the bundle kept as an object, and
 * each of its cases in the imported table, by AGENCY:CASE; a later bundle
 * of the same agency replaces what an earlier one said of a case.
 */
static int
apply_bundle_imported(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	/* A later bundle replaces what an earlier one said; an earlier
	 * one taken in after it changes nothing. */
	static const char sql[] = "INSERT INTO imported (id, agency, origin, "
	    "case_id, number, kind, events, bundle, seq, exported) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO "
	    "UPDATE SET agency = excluded.agency, number = excluded.number, "
	    "kind = excluded.kind, events = excluded.events, bundle = "
	    "excluded.bundle, seq = excluded.seq, exported = "
	    "excluded.exported WHERE imported.exported <= excluded.exported";
	const struct zf_json *agency = zf_json_get(ev->data, "agency");
	const struct zf_json *cases = zf_json_get(ev->data, "cases");
	const char *bundle = zf_json_get_str(ev->data, "bundle");
	int64_t size, events;
	size_t i;

	if (bundle == NULL || zf_json_get_int(ev->data, "size", &size) != 0 ||
	    zf_json_get_str(agency, "name") == NULL ||
	    zf_json_get_str(agency, "origin") == NULL ||
	    zf_json_type(cases) != ZF_JSON_ARRAY)
		return zf_apply_bad(e, ev, "an import without its bundle, "
		    "agency or cases");
	if (zf_apply_object(db, bundle, size, ev->seq, e) != 0)
		return e->code;
	for (i = 0; i < zf_json_len(cases); i++) {
		const struct zf_json *c = zf_json_at(cases, i);
		sqlite3_stmt *st;

		if (zf_json_get_str(c, "id") == NULL ||
		    zf_json_get_str(c, "case") == NULL ||
		    zf_json_get_int(c, "events", &events) != 0)
			return zf_apply_bad(e, ev, "an imported case without "
			    "its id");
		if ((st = zf_db_stmt(db, sql, e)) == NULL)
			return e->code;
		zf_db_bind_text(st, 1, zf_json_get_str(c, "id"));
		zf_db_bind_text(st, 2, zf_json_get_str(agency, "name"));
		zf_db_bind_text(st, 3, zf_json_get_str(agency, "origin"));
		zf_db_bind_text(st, 4, zf_json_get_str(c, "case"));
		zf_db_bind_text(st, 5, zf_json_get_str(c, "number"));
		zf_db_bind_text(st, 6, zf_json_get_str(c, "kind"));
		sqlite3_bind_int64(st, 7, events);
		zf_db_bind_text(st, 8, bundle);
		sqlite3_bind_int64(st, 9, ev->seq);
		/* Imports of schema version 5 told no time: "". */
		zf_db_bind_text(st, 10, zf_json_get_str(ev->data,
		    "exported") ? zf_json_get_str(ev->data, "exported") :
		    "");
		if (zf_db_done(db, st, e, "cannot record the imported "
		    "case") != 0)
			return e->code;
	}
	return 0;
}

static const struct zf_applier publication_types[] = {
	{ "bundle.imported", apply_bundle_imported },
	{ "cases.exported", apply_cases_exported },
	{ "publication.approved", zf_approve_apply },
	{ "publication.entry", zf_publish_apply },
	{ "publication.exported", apply_publication_exported },
};

static const struct zf_appliers publication_appliers = {
	publication_types,
	sizeof(publication_types) / sizeof(publication_types[0]), NULL
};

void
zf_publication_register(void)
{
	zf_cases_register();
	zf_apply_register(&publication_appliers);
}
