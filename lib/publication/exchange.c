/* exchange: whole cases written as an exchange bundle (exchange.h). */
#include "publication/exchange.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/json.h"
#include "base/when.h"
#include "publication/bundle.h"
#include "record/archive.h"
#include "record/checkpoint.h"
#include "record/db.h"
#include "record/journal.h"
#include "record/object.h"
#include "rules/config.h"
#include "rules/permissions.h"

#define SHA256 ZF_SUITE_SHA256_ED25519

struct writer {
	struct zf_archive *a;
	struct zf_err *e;
	struct zf_bundle *b;
	struct zf_json *files;	/* payload name -> SHA-256 */
};

/* A payload file from memory, its SHA-256 kept for exchange.json. */
static int
put(struct writer *w, const char *name, const char *data, size_t len)
{
	uint8_t h[ZF_DIGEST_LEN];
	char hex[65];

	zf_digest_buf(SHA256, data, len, h);
	zf_hex(h, ZF_DIGEST_LEN, hex);
	zf_json_set_str(w->files, name, hex);
	return zf_bundle_add(w->b, name, data, len, w->e);
}

int
zf_exchange_events(struct zf_archive *a, const char *id, struct zf_buf *b,
    int64_t *count)
{
	static const char sql[] = "SELECT seq, hash, body, sigs FROM journal "
	    "WHERE case_id = ? ORDER BY seq";
	struct zf_err *e = zf_archive_err(a);
	struct zf_db *db = zf_archive_db(a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int rc;

	*count = 0;
	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, id);
	while ((rc = zf_db_row(db, st, e, "cannot read the journal")) == 1) {
		struct zf_json *line = zf_json_object(), *sigs;
		char hex[ZF_DIGEST_HEX], *text;
		const char *s = zf_db_text(st, 3);

		if (sqlite3_column_bytes(st, 1) == ZF_DIGEST_LEN)
			zf_hex(sqlite3_column_blob(st, 1), ZF_DIGEST_LEN, hex);
		else
			hex[0] = '\0';
		sigs = zf_json_parse(s ? s : "[]", s ? strlen(s) : 2, NULL, 0);
		zf_json_set_int(line, "seq", sqlite3_column_int64(st, 0));
		zf_json_set_str(line, "hash", hex);
		zf_json_set_str(line, "body", zf_db_text(st, 2));
		zf_json_set(line, "sigs", sigs ? sigs : zf_json_array());
		text = zf_json_canonical(line, NULL);
		zf_buf_addstr(b, text);
		zf_buf_addch(b, '\n');
		free(text);
		zf_json_free(line);
		(*count)++;
	}
	sqlite3_reset(st);
	return rc < 0 ? e->code : 0;
}

/* The case's events, a line each, as the journal holds them. */
static int
put_events(struct writer *w, const char *id, int64_t *count)
{
	struct zf_buf b;
	char *name;
	int rc;

	zf_buf_init(&b);
	if ((rc = zf_exchange_events(w->a, id, &b, count)) == 0) {
		name = xasprintf("cases/%s/events.jsonl", id);
		rc = put(w, name, b.data ? b.data : "", b.len);
		free(name);
	}
	zf_buf_release(&b);
	return rc;
}

/* The case's evidence: each file carried, secret ones withheld unless
 * transfer; the ids of both into carried and withheld. */
static int
put_evidence(struct writer *w, const char *id, int transfer,
    struct zf_json *carried, struct zf_json *withheld)
{
	static const char sql[] = "SELECT id, digest, sha256, access FROM "
	    "evidence WHERE case_id = ? ORDER BY seq";
	struct zf_db *db = zf_archive_db(w->a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, w->e);
	int rc;

	if (st == NULL)
		return w->e->code;
	zf_db_bind_text(st, 1, id);
	while ((rc = zf_db_row(db, st, w->e, "cannot read evidence")) == 1) {
		const char *digest = zf_db_text(st, 1);
		char *name;
		int fd, r;

		if (strcmp(zf_db_text(st, 3), "secret") == 0 && !transfer) {
			zf_json_push(withheld, zf_json_string(zf_db_text(st,
			    0)));
			continue;
		}
		zf_json_push(carried, zf_json_string(zf_db_text(st, 0)));
		name = xasprintf("objects/%s", digest);
		if (zf_json_get(w->files, name) != NULL) {
			free(name);	/* the same file, already carried */
			continue;
		}
		zf_json_set_str(w->files, name, zf_db_text(st, 2));
		if ((r = zf_object_open(w->a, digest, &fd)) == 0) {
			r = zf_bundle_add_fd(w->b, name, fd, w->e);
			close(fd);
		}
		free(name);
		if (r != 0) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc < 0 ? w->e->code : 0;
}

int
zf_exchange_keys(struct zf_archive *a, char **text)
{
	static const char sql[] = "SELECT person, vkey, from_seq, until_seq "
	    "FROM person_keys ORDER BY from_seq, person";
	struct zf_err *e = zf_archive_err(a);
	struct zf_db *db = zf_archive_db(a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	struct zf_json *list;
	int rc;

	*text = NULL;
	if (st == NULL)
		return e->code;
	list = zf_json_array();
	while ((rc = zf_db_row(db, st, e, "cannot read keys")) == 1) {
		struct zf_json *k = zf_json_object();

		zf_json_set_str(k, "person", zf_db_text(st, 0));
		zf_json_set_str(k, "vkey", zf_db_text(st, 1));
		zf_json_set_int(k, "from_seq", sqlite3_column_int64(st, 2));
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			zf_json_set_int(k, "until_seq",
			    sqlite3_column_int64(st, 3));
		zf_json_push(list, k);
	}
	sqlite3_reset(st);
	if (rc == 0)
		*text = zf_json_canonical(list, NULL);
	zf_json_free(list);
	return rc < 0 ? e->code : 0;
}

/* The personal keys the events are signed with. */
static int
put_keys(struct writer *w)
{
	char *text;
	int rc;

	if ((rc = zf_exchange_keys(w->a, &text)) == 0)
		rc = put(w, "keys.json", text, strlen(text));
	free(text);
	return rc;
}

static int
one_case(struct writer *w, const char *id, int transfer, struct zf_json *list)
{
	static const char sql[] = "SELECT number, kind FROM cases WHERE id = ?";
	struct zf_db *db = zf_archive_db(w->a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, w->e);
	struct zf_json *c, *carried, *withheld;
	int64_t events;
	int rc;

	if (st == NULL)
		return w->e->code;
	zf_db_bind_text(st, 1, id);
	if ((rc = zf_db_row(db, st, w->e, "cannot read cases")) != 1) {
		sqlite3_reset(st);
		return rc < 0 ? w->e->code : zf_fail(w->e, EX_NOINPUT,
		    "no case '%s' (case-list shows the cases)", id);
	}
	c = zf_json_object();
	zf_json_set_str(c, "id", id);
	zf_json_set_str(c, "number", zf_db_text(st, 0));
	zf_json_set_str(c, "kind", zf_db_text(st, 1));
	sqlite3_reset(st);
	carried = zf_json_array();
	withheld = zf_json_array();
	zf_json_push(list, c);
	if ((rc = put_events(w, id, &events)) != 0 ||
	    (rc = put_evidence(w, id, transfer, carried, withheld)) != 0) {
		zf_json_free(carried);
		zf_json_free(withheld);
		return rc;
	}
	zf_json_set_int(c, "events", events);
	zf_json_set(c, "evidence", carried);
	zf_json_set(c, "withheld", withheld);
	return 0;
}

int
zf_exchange_export(struct zf_archive *a, const struct zf_exchange_options *o,
    struct zf_json **summary)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_config *cfg = zf_archive_config(a);
	struct zf_json *x = NULL, *agency, *cases, *data;
	struct writer w;
	struct zf_key *key = NULL;
	uint8_t h[ZF_DIGEST_LEN];
	char hex[65], when[26], *text = NULL, *origin = NULL, *note = NULL;
	char *vkey = NULL, *info = NULL, *cp = NULL;
	const char *base = strrchr(o->out, '/');
	size_t i, len;
	int rc;

	*summary = NULL;
	memset(&w, 0, sizeof(w));
	w.a = a;
	w.e = e;
	if ((rc = zf_may(cfg, zf_archive_person(a), ZF_ACT_SHARE, NULL,
	    e)) != 0)
		return rc;
	if ((rc = zf_archive_outside(a, o->out, 0)) != 0)
		return rc;
	if ((key = zf_archive_load_key(a)) == NULL) {
		char *path = zf_archive_key_path(a);

		rc = zf_fail(e, zf_archive_key_io(a) ? EX_IOERR : EX_NOPERM,
		    "the agency key signs an exchange bundle, and it is not at "
		    "hand: expected at %s (or give $ZHIFA_KEY)", path);
		free(path);
		return rc;
	}
	if ((rc = zf_archive_begin(a)) != 0) {
		zf_key_free(key);
		return rc;
	}
	zf_time_format(zf_archive_now(a), when);
	info = xasprintf("Source-Organization: %s\nExternal-Description: "
	    "zhifa exchange bundle: %zu case(s) for %s%s\n",
	    cfg->agency_name, o->ncases, o->to, o->transfer ?
	    " (移送, judicial transfer)" : "");
	if ((rc = zf_bundle_open(o->out, o->format, info, &w.b, e)) != 0)
		goto fail;
	w.files = zf_json_object();
	cases = zf_json_array();
	for (i = 0; rc == 0 && i < o->ncases; i++)
		rc = one_case(&w, o->cases[i], o->transfer, cases);
	if (rc == 0)
		rc = put_keys(&w);
	if (rc != 0) {
		zf_json_free(cases);
		goto fail;
	}
	vkey = zf_note_vkey(zf_archive_suite(a), zf_archive_origin(a),
	    zf_archive_pubkey(a), zf_archive_pubkey_len(a));
	x = zf_json_object();
	zf_json_set_str(x, "format", "zhifa-exchange");
	zf_json_set_int(x, "version", 1);
	agency = zf_json_object();
	zf_json_set_str(agency, "name", cfg->agency_name);
	if (cfg->agency_code != NULL)
		zf_json_set_str(agency, "code", cfg->agency_code);
	zf_json_set_str(agency, "origin", zf_archive_origin(a));
	zf_json_set_str(agency, "vkey", vkey);
	zf_json_set_str(agency, "suite", zf_suite_name(zf_archive_suite(a)));
	zf_json_set(x, "agency", agency);
	zf_json_set_str(x, "to", o->to);
	zf_json_set_bool(x, "transfer", o->transfer);
	zf_json_set_str(x, "exported", when);
	zf_json_set(x, "cases", cases);
	zf_json_set(x, "files", w.files);
	w.files = NULL;
	text = zf_json_canonical(x, &len);
	zf_digest_buf(SHA256, text, len, h);
	zf_hex(h, ZF_DIGEST_LEN, hex);
	origin = xasprintf("%s/exchange", zf_archive_origin(a));
	cp = zf_checkpoint_text(origin, o->ncases, h);
	if ((note = zf_note_sign(key, zf_archive_suite(a), zf_archive_origin(a),
	    cp)) == NULL) {
		rc = zf_fail(e, EX_SOFTWARE, "cannot sign the exchange bundle");
		goto fail;
	}
	if ((rc = zf_bundle_add(w.b, "exchange.json", text, len, e)) != 0 ||
	    (rc = zf_bundle_add_tag(w.b, "exchange-signature", note,
	    strlen(note), e)) != 0 || (rc = zf_bundle_seal(w.b, e)) != 0)
		goto fail;
	data = zf_json_object();
	zf_json_set_str(data, "to", o->to);
	zf_json_set_bool(data, "transfer", o->transfer);
	zf_json_set_str(data, "bundle", base ? base + 1 : o->out);
	zf_json_set_str(data, "sha256", hex);
	cases = zf_json_array();
	for (i = 0; i < o->ncases; i++)
		zf_json_push(cases, zf_json_string(o->cases[i]));
	zf_json_set(data, "cases", cases);
	if ((rc = zf_journal_append(a, "cases.exported", NULL, data,
	    NULL)) != 0 || (rc = zf_archive_commit(a)) != 0)
		goto fail;
	rc = zf_bundle_place(w.b, e);
	w.b = NULL;
	if (rc == 0) {
		*summary = zf_json_object();
		zf_json_set_str(*summary, "bundle", o->out);
		zf_json_set_str(*summary, "to", o->to);
		zf_json_set_bool(*summary, "transfer", o->transfer);
		zf_json_set_str(*summary, "sha256", hex);
		zf_json_set(*summary, "cases", zf_json_copy(zf_json_get(x,
		    "cases")));
	}
	goto out;
fail:
	zf_archive_abort(a);
	if (w.b != NULL)
		zf_bundle_abort(w.b);
out:
	zf_json_free(w.files);
	zf_json_free(x);
	zf_key_free(key);
	free(text);
	free(origin);
	free(note);
	free(vkey);
	free(info);
	free(cp);
	return rc;
}
