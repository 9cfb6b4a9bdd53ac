/* events: how the events of documents change the derived tables. */
#include "documents/events.h"

#include "base/json.h"
#include "publication/events.h"
#include "record/apply.h"
#include "record/db.h"
#include "record/event.h"

/* A document made: its kind, 文号, evidence and verification code. */
static int
apply_document_rendered(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	static const char sql[] = "INSERT INTO documents (seq, case_id, "
	    "type, number, year, n, evidence_id, code, series) VALUES (?, ?, "
	    "?, ?, ?, ?, ?, ?, ?)";
	const struct zf_json *s = zf_json_get(ev->data, "signed");
	const char *type = zf_json_get_str(s, "document");
	const char *evidence = zf_json_get_str(ev->data, "evidence");
	const char *code = zf_json_get_str(ev->data, "code");
	int64_t year, n;
	sqlite3_stmt *st;

	if (ev->case_id == NULL || type == NULL || evidence == NULL ||
	    code == NULL)
		return zf_apply_bad(e, ev, "a document without its case, "
		    "kind, evidence or code");
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, ev->seq);
	zf_db_bind_text(st, 2, ev->case_id);
	zf_db_bind_text(st, 3, type);
	zf_db_bind_text(st, 4, zf_json_get_str(s, "number"));
	if (zf_json_get_int(ev->data, "year", &year) == 0 &&
	    zf_json_get_int(ev->data, "n", &n) == 0) {
		sqlite3_bind_int64(st, 5, year);
		sqlite3_bind_int64(st, 6, n);
	}
	zf_db_bind_text(st, 7, evidence);
	zf_db_bind_text(st, 8, code);
	zf_db_bind_text(st, 9, zf_json_get_str(ev->data, "series"));
	return zf_db_done(db, st, e, "cannot record the document");
}

static const struct zf_applier document_types[] = {
	{ "document.rendered", apply_document_rendered },
};

static const struct zf_appliers document_appliers = {
	document_types, sizeof(document_types) / sizeof(document_types[0]),
	NULL
};

void
zf_documents_register(void)
{
	zf_publication_register();
	zf_apply_register(&document_appliers);
}
