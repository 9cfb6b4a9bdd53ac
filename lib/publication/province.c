/* province: exchange bundles loaded into a province's PostgreSQL. */
#include "publication/province.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "publication/import.h"
#include "record/event.h"

/* The columns of zhifa_cases that a bundle fills, in COPY's order. */
#define COLUMNS "agency_code, case_id, agency, number, kind, party, filed, " \
	"stage, decided, decision_number, fine_fen, revoked, major, " \
	"reviewed, publish_due, published, events, exported, bundle"
#define NCOLUMNS 19

struct facts {
	const char *v[NCOLUMNS];
	char *own[NCOLUMNS];	/* what facts made itself */
};

static void
set(struct facts *f, int i, const char *s)
{
	free(f->own[i]);
	f->own[i] = s ? xstrdup(s) : NULL;
	f->v[i] = f->own[i];
}

static void
set_day(struct facts *f, int i, const char *time)
{
	char d[11];

	if (time == NULL || strlen(time) < 10) {
		set(f, i, NULL);
		return;
	}
	memcpy(d, time, 10);
	d[10] = '\0';
	set(f, i, d);
}

/* COPY's text form of a value: \N for none, \t \n \r \\ escaped. */
static void
put_value(struct zf_buf *b, const char *s)
{
	if (s == NULL) {
		zf_buf_addstr(b, "\\N");
		return;
	}
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			zf_buf_addstr(b, "\\\\");
		else if (*s == '\t')
			zf_buf_addstr(b, "\\t");
		else if (*s == '\n')
			zf_buf_addstr(b, "\\n");
		else if (*s == '\r')
			zf_buf_addstr(b, "\\r");
		else
			zf_buf_addch(b, *s);
	}
}

/*
 * What the case's events say of it: filed, kind, party, its stage, its
 * decision and fine, a revocation, a major decision and a passed review
 * before it, when its publication was due and when it was published.
 */
static void
read_events(struct facts *f, const char *text, int64_t *count)
{
	const char *p = text, *nl;
	int64_t decided_seq = -1, approved_seq = -1;

	*count = 0;
	while (p != NULL && *p != '\0') {
		struct zf_json *l, *tree = NULL;
		struct zf_event ev;
		struct zf_err de;
		const char *body;
		size_t len;

		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		l = zf_json_parse(p, len, NULL, 0);
		p = nl ? nl + 1 : NULL;
		body = zf_json_get_str(l, "body");
		if (body == NULL || zf_event_decode(body, strlen(body), &tree,
		    &ev, &de) != 0) {
			zf_json_free(l);
			continue;
		}
		(*count)++;
		if (strcmp(ev.type, "case.filed") == 0) {
			set(f, 3, zf_json_get_str(ev.data, "number"));
			set(f, 4, zf_json_get_str(ev.data, "kind"));
			set(f, 5, zf_json_get_str(zf_json_get(ev.data, "party"),
			    "name"));
			set(f, 6, zf_json_get_str(ev.data, "filed"));
			set(f, 7, "filed");
		} else if (strcmp(ev.type, "decision.issued") == 0) {
			const struct zf_json *open = zf_json_get(zf_json_get(
			    ev.data, "clocks"), "open");
			int64_t fen;
			size_t i;
			char n[24];

			set_day(f, 8, zf_json_get_str(ev.data, "at"));
			set(f, 9, zf_json_get_str(ev.data, "number"));
			if (zf_json_get_int(ev.data, "fine_fen", &fen) == 0) {
				snprintf(n, sizeof(n), "%lld", (long long)fen);
				set(f, 10, n);
			} else {
				set(f, 10, NULL);
			}
			set(f, 11, "false");
			decided_seq = ev.seq;
			set(f, 13, approved_seq >= 0 ? "true" : "false");
			for (i = 0; i < zf_json_len(open); i++) {
				const char *rule = zf_json_get_str(zf_json_at(
				    open, i), "rule");

				if (rule != NULL && strncmp(rule, "publish-",
				    8) == 0)
					set(f, 14, zf_json_get_str(zf_json_at(
					    open, i), "due"));
			}
		} else if (strcmp(ev.type, "decision.revoked") == 0) {
			set(f, 11, "true");
		} else if (strcmp(ev.type, "review.submitted") == 0) {
			if (zf_json_get_bool(ev.data, "major") == 1)
				set(f, 12, "true");
		} else if (strcmp(ev.type, "review.decided") == 0) {
			const char *v = zf_json_get_str(ev.data, "verdict");

			if (v != NULL && strcmp(v, "approve") == 0 &&
			    decided_seq < 0)
				approved_seq = ev.seq;
		} else if (strcmp(ev.type, "publication.entry") == 0) {
			const char *k = zf_json_get_str(zf_json_get(ev.data,
			    "entry"), "kind");

			if (f->v[15] == NULL && k != NULL &&
			    strcmp(k, "publish") == 0)
				set_day(f, 15, ev.time);
		}
		if (zf_json_get_str(ev.data, "stage") != NULL)
			set(f, 7, zf_json_get_str(ev.data, "stage"));
		zf_json_free(tree);
		zf_json_free(l);
	}
}

static int
pg_fail(PGconn *db, PGresult *res, struct zf_err *e, const char *what)
{
	int rc = zf_fail(e, EX_UNAVAILABLE, "%s: %s", what,
	    res ? PQresultErrorMessage(res) : PQerrorMessage(db));

	PQclear(res);
	return rc;
}

static int
pg_do(PGconn *db, const char *sql, struct zf_err *e, const char *what)
{
	PGresult *res = PQexec(db, sql);

	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK)
		return pg_fail(db, res, e, what);
	PQclear(res);
	return 0;
}

/* One bundle in one transaction: 0 loaded, 1 skipped (loaded before). */
static int
load_one(PGconn *db, struct zf_exchange_in *r, size_t *ncases,
    struct zf_err *e)
{
	static const char upsert[] = "INSERT INTO zhifa_cases (" COLUMNS ") "
	    "SELECT " COLUMNS " FROM zhifa_stage ON CONFLICT (agency_code, "
	    "case_id) DO UPDATE SET agency = EXCLUDED.agency, number = "
	    "EXCLUDED.number, kind = EXCLUDED.kind, party = EXCLUDED.party, "
	    "filed = EXCLUDED.filed, stage = EXCLUDED.stage, decided = "
	    "EXCLUDED.decided, decision_number = EXCLUDED.decision_number, "
	    "fine_fen = EXCLUDED.fine_fen, revoked = EXCLUDED.revoked, major = "
	    "EXCLUDED.major, reviewed = EXCLUDED.reviewed, publish_due = "
	    "EXCLUDED.publish_due, published = EXCLUDED.published, events = "
	    "EXCLUDED.events, exported = EXCLUDED.exported, bundle = "
	    "EXCLUDED.bundle WHERE zhifa_cases.exported <= EXCLUDED.exported";
	const struct zf_json *x = zf_exchange_in_manifest(r);
	const struct zf_json *cases = zf_exchange_in_cases(r);
	const struct zf_json *agency = zf_json_get(x, "agency");
	const char *code = zf_json_get_str(agency, "code") ?
	    zf_json_get_str(agency, "code") : zf_json_get_str(agency, "origin");
	const char *sha = zf_exchange_in_sha256(r);
	const char *params[6];
	char count[24];
	PGresult *res;
	size_t i;
	int rc;

	*ncases = zf_json_len(cases);
	if ((rc = pg_do(db, "BEGIN", e, "cannot begin")) != 0)
		return rc;
	params[0] = sha;
	res = PQexecParams(db, "SELECT 1 FROM zhifa_bundles WHERE sha256 = $1",
	    1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = pg_fail(db, res, e, "cannot read zhifa_bundles");
		goto fail;
	}
	if (PQntuples(res) > 0) {
		PQclear(res);
		pg_do(db, "ROLLBACK", e, "cannot end");
		return 1;
	}
	PQclear(res);
	/* A code binds to the first key that loaded it. */
	params[0] = code;
	params[1] = zf_exchange_in_key(r);
	res = PQexecParams(db, "SELECT signed_by FROM zhifa_bundles WHERE "
	    "agency_code = $1 AND signed_by != $2 LIMIT 1", 2, NULL, params,
	    NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = pg_fail(db, res, e, "cannot read zhifa_bundles");
		goto fail;
	}
	if (PQntuples(res) > 0) {
		rc = zf_fail(e, EX_NOPERM, "the code %s is another agency's, "
		    "loaded with the key %s: refused", code,
		    PQgetvalue(res, 0, 0));
		PQclear(res);
		goto fail;
	}
	PQclear(res);
	snprintf(count, sizeof(count), "%zu", *ncases);
	params[0] = sha;
	params[1] = code;
	params[2] = zf_json_get_str(agency, "name");
	params[3] = zf_exchange_in_key(r);
	params[4] = zf_json_get_str(x, "exported");
	params[5] = count;
	res = PQexecParams(db, "INSERT INTO zhifa_bundles (sha256, "
	    "agency_code, agency, signed_by, exported, cases) VALUES ($1, $2, "
	    "$3, $4, $5, $6)", 6, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = pg_fail(db, res, e, "cannot record the bundle");
		goto fail;
	}
	PQclear(res);
	if ((rc = pg_do(db, "CREATE TEMP TABLE zhifa_stage (LIKE zhifa_cases) "
	    "ON COMMIT DROP", e, "cannot stage")) != 0)
		goto fail;
	res = PQexec(db, "COPY zhifa_stage (" COLUMNS ") FROM STDIN");
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		rc = pg_fail(db, res, e, "cannot copy");
		goto fail;
	}
	PQclear(res);
	for (i = 0; rc == 0 && i < *ncases; i++) {
		const struct zf_json *c = zf_json_at(cases, i);
		struct facts f;
		struct zf_buf text, line;
		int64_t events = 0;
		char n[24];
		int k;

		memset(&f, 0, sizeof(f));
		if ((rc = zf_exchange_in_events(r, zf_json_get_str(c, "case"),
		    &text)) != 0)
			break;
		set(&f, 0, code);
		set(&f, 1, zf_json_get_str(c, "case"));
		set(&f, 2, zf_json_get_str(agency, "name"));
		set(&f, 11, "false");
		set(&f, 12, "false");
		set(&f, 13, "false");
		read_events(&f, text.data ? text.data : "", &events);
		zf_buf_release(&text);
		snprintf(n, sizeof(n), "%lld", (long long)events);
		set(&f, 16, n);
		set(&f, 17, zf_json_get_str(x, "exported"));
		set(&f, 18, sha);
		zf_buf_init(&line);
		for (k = 0; k < NCOLUMNS; k++) {
			if (k > 0)
				zf_buf_addch(&line, '\t');
			put_value(&line, f.v[k]);
		}
		zf_buf_addch(&line, '\n');
		if (PQputCopyData(db, line.data, (int)line.len) != 1)
			rc = zf_fail(e, EX_UNAVAILABLE, "cannot copy: %s",
			    PQerrorMessage(db));
		zf_buf_release(&line);
		for (k = 0; k < NCOLUMNS; k++)
			free(f.own[k]);
	}
	if (PQputCopyEnd(db, rc == 0 ? NULL : "refused") != 1 && rc == 0)
		rc = zf_fail(e, EX_UNAVAILABLE, "cannot end the copy: %s",
		    PQerrorMessage(db));
	res = PQgetResult(db);
	if (rc == 0 && PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_fail(db, res, e, "the copy failed");
	else
		PQclear(res);
	while ((res = PQgetResult(db)) != NULL)
		PQclear(res);
	if (rc != 0 ||
	    (rc = pg_do(db, upsert, e, "cannot load the cases")) != 0 ||
	    (rc = pg_do(db, "COMMIT", e, "cannot commit")) != 0)
		goto fail;
	return 0;
fail:
	pg_do(db, "ROLLBACK", e, "cannot roll back");
	return rc;
}

int
zf_province_load(const struct zf_province_options *o,
    void (*report)(void *ctx, const char *bundle, int rc, size_t cases,
    const char *msg), void *ctx, struct zf_err *e)
{
	PGconn *db = PQconnectdb(o->conninfo);
	size_t i;
	int worst = 0, rc;

	if (PQstatus(db) != CONNECTION_OK) {
		rc = zf_fail(e, EX_UNAVAILABLE, "cannot connect to the "
		    "province's database: %s", PQerrorMessage(db));
		PQfinish(db);
		return rc;
	}
	if ((rc = pg_do(db, "SET client_min_messages = warning", e,
	    "cannot set up")) != 0 || (rc = pg_do(db, o->schema, e,
	    "cannot make the schema (schema.sql)")) != 0) {
		PQfinish(db);
		return rc;
	}
	for (i = 0; i < o->nbundles; i++) {
		struct zf_exchange_in *r = NULL;
		struct zf_err be;
		size_t n = 0;

		memset(&be, 0, sizeof(be));
		rc = zf_exchange_in_open(o->bundles[i], o->trusted,
		    o->max_entries, o->max_bytes, &r, &be);
		if (rc == 0) {
			rc = load_one(db, r, &n, &be);
			zf_exchange_in_close(r);
		}
		report(ctx, o->bundles[i], rc, n, rc > 1 ? be.msg : NULL);
		if (rc > 1 && rc > worst)
			worst = rc;
		if (rc == EX_UNAVAILABLE)
			break;
	}
	PQfinish(db);
	if (worst != 0)
		return zf_fail(e, worst, "not every bundle was loaded");
	return 0;
}
