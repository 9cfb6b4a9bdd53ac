/* journal: appending events, their hashes and their tree. */
#include "record/apply.h"
#include "record/journal.h"

#include <stdlib.h>
#include <string.h>

#include "record/handle.h"
#include "rules/config.h"
#include "base/buf.h"
#include "record/db.h"
#include "base/json.h"
#include "base/merkle.h"
#include "record/persons.h"

int
zf_journal_tree_read(void *ctx, int level, uint64_t index,
    uint8_t out[ZF_DIGEST_LEN])
{
	static const char sql[] = "SELECT hash FROM tree WHERE idx = ?";

	return zf_db_tree_read(ctx, sql, level, index, out);
}

int
zf_journal_size(struct zf_archive *a, int64_t *n)
{
	static const char sql[] = "SELECT coalesce(max(seq) + 1, 0) "
	    "FROM journal";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);

	if (st == NULL)
		return a->err.code;
	switch (zf_db_row(a->db, st, &a->err, "cannot read the journal")) {
	case -1:
		return a->err.code;
	case 0:
		return zf_fail(&a->err, EX_SOFTWARE,
		    "cannot read the journal's size");
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

static int
store_tree(struct zf_archive *a, int64_t seq, const uint8_t *body,
    size_t len)
{
	static const char sql[] = "INSERT INTO tree (idx, hash) VALUES (?, ?)";
	uint8_t leaf[ZF_DIGEST_LEN], hashes[66][ZF_DIGEST_LEN];
	uint64_t idx = zf_merkle_stored_count((uint64_t)seq);
	int i, n;

	zf_merkle_leaf_hash(a->suite, body, len, leaf);
	n = zf_merkle_append(a->suite, (uint64_t)seq, leaf,
	    zf_journal_tree_read, a->db, hashes);
	if (n <= 0 && zf_db_failed(a->db, &a->err) != 0)
		return a->err.code;
	if (n <= 0)
		return zf_fail(&a->err, EX_DATAERR, "the journal's tree is "
		    "damaged at event %lld: run archive-verify",
		    (long long)seq);
	for (i = 0; i < n; i++) {
		sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);

		if (st == NULL)
			return a->err.code;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)(idx + (uint64_t)i));
		sqlite3_bind_blob(st, 2, hashes[i], ZF_DIGEST_LEN,
		    SQLITE_STATIC);
		if (zf_db_done(a->db, st, &a->err,
		    "cannot store the journal's tree") != 0)
			return a->err.code;
	}
	return 0;
}

int
zf_journal_append(struct zf_archive *a, const char *type,
    const char *case_id, struct zf_json *data, int64_t *seq)
{
	static const char sql[] = "INSERT INTO journal (seq, hash, prev, "
	    "time, actor, case_id, type, body, sigs) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	struct zf_json *ev = zf_json_object();
	struct zf_event event;
	uint8_t hash[ZF_DIGEST_LEN];
	char prev[ZF_DIGEST_HEX], config[ZF_DIGEST_HEX], when[26];
	const char *actor = a->actor ? a->actor->id : NULL;
	sqlite3_stmt *st;
	char *body = NULL, *sigs = NULL;
	size_t len;
	int rc;

	/* Every event is signed by its actor (persons.h). */
	if (actor == NULL || a->actor_key == NULL) {
		zf_json_free(data);
		zf_json_free(ev);
		return zf_fail(&a->err, EX_NOPERM, "nobody whose key is at "
		    "hand is acting: an event needs its actor's signature");
	}
	zf_time_format(&a->now, when);
	zf_hex(a->head, ZF_DIGEST_LEN, prev);
	zf_hex(zf_config_digest(a->config), ZF_DIGEST_LEN, config);
	zf_json_set_str(ev, "actor", actor);
	zf_json_set_str(ev, "case", case_id);
	if (a->fixed_clock)
		zf_json_set_str(ev, "clock", "fixed");
	zf_json_set_str(ev, "config", config);
	zf_json_set(ev, "data", data);
	zf_json_set_str(ev, "prev", prev);
	zf_json_set_int(ev, "seq", a->next_seq);
	zf_json_set_str(ev, "time", when);
	zf_json_set_str(ev, "type", type);
	zf_json_set_int(ev, "v", ZF_EVENT_VERSION);
	body = zf_json_canonical(ev, &len);
	zf_digest_buf(a->suite, body, len, hash);
	if ((sigs = zf_event_sign(a->actor_key, a->actor_label, hash)) ==
	    NULL) {
		rc = zf_fail(&a->err, EX_SOFTWARE, "cannot sign the event");
		goto out;
	}

	if ((st = zf_db_stmt(a->db, sql, &a->err)) == NULL) {
		rc = a->err.code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, a->next_seq);
	sqlite3_bind_blob(st, 2, hash, ZF_DIGEST_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, a->head, ZF_DIGEST_LEN, SQLITE_STATIC);
	zf_db_bind_text(st, 4, when);
	zf_db_bind_text(st, 5, actor);
	zf_db_bind_text(st, 6, case_id);
	zf_db_bind_text(st, 7, type);
	sqlite3_bind_text(st, 8, body, (int)len, SQLITE_STATIC);
	zf_db_bind_text(st, 9, sigs);
	if ((rc = zf_db_done(a->db, st, &a->err,
	    "cannot append to the journal")) != 0)
		goto out;
	if ((rc = store_tree(a, a->next_seq, (const uint8_t *)body, len)) != 0)
		goto out;

	event.seq = a->next_seq;
	event.time = when;
	event.actor = actor;
	event.case_id = case_id;
	event.type = type;
	event.data = data;
	if ((rc = zf_apply(a->db, &event, &a->err)) != 0)
		goto out;
	if (seq != NULL)
		*seq = a->next_seq;
	memcpy(a->head, hash, ZF_DIGEST_LEN);
	a->next_seq++;
	a->appended++;
out:
	free(sigs);
	free(body);
	zf_json_free(ev);
	return rc;
}
