/* export: journal what is owed, sign the log, write the bundle. */
#include "publication/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record/archive.h"
#include "base/buf.h"
#include "rules/procedure.h"
#include "publication/approve.h"
#include "publication/bundle.h"
#include "cases/case.h"
#include "record/checkpoint.h"
#include "rules/config.h"
#include "base/crypto.h"
#include "base/csv.h"
#include "record/db.h"
#include "record/journal.h"
#include "base/json.h"
#include "base/text.h"
#include "base/merkle.h"
#include "publication/publish.h"
#include "record/publog.h"
#include "rules/redact.h"
#include "publication/site.h"
#include "publication/siteview.h"
#include "base/when.h"
#include "base/i18n.h"

/* A request decided: what the export writes. */
struct options {
	const char *out;	/* the bundle's path; must not exist */
	int format;		/* enum zf_bundle_format */
	int audience;		/* enum zf_audience */
	int32_t as_of;		/* expiries are judged on this day */
	char *const *cases;	/* record only these cases' entries */
	size_t ncases;		/* 0: every case */
};

/* A file of the bundle built on disk, line by line (bounded memory). */
struct spool {
	FILE *f;
	const char *name;	/* its name under data/ */
	size_t lines;
};

struct exporter {
	struct zf_archive *a;
	struct zf_err *e;	/* zf_archive_err(a) */
	struct zf_db *db;	/* zf_archive_db(a) */
	const struct options *o;
	struct zf_bundle *b;
	struct spool records, csv[ZF_PUBLISH_SCHEMAS], entries;
	struct spool extra;	/* sharing: records-extra.csv */
	const char *scan_case;	/* the case being written, for messages */
};

static int
spool_open(struct exporter *x, struct spool *s, const char *name)
{
	s->name = name;
	s->lines = 0;
	if ((s->f = tmpfile()) == NULL)
		return zf_fail(x->e, EX_CANTCREAT, "cannot make a "
		    "temporary file for %s: %s", name, strerror(errno));
	return 0;
}

/*
 * The final scan: nothing that reaches the public may hold an unmasked
 * citizen ID number or mobile number.
 */
/*
 * Some organisations' credit codes pass the citizen ID check too: a hit
 * that is the credit code of an organisation or business party of the
 * archive is not a person's number.
 */
static int
credit_code(struct exporter *x, const char *s)
{
	static const char sql[] = "SELECT 1 FROM cases WHERE party_id = ? "
	    "AND party_kind IN ('org', 'business') LIMIT 1";
	sqlite3_stmt *st = zf_db_stmt(x->db, sql, x->e);
	char id[19];
	int found;

	if (st == NULL)
		return -1;
	memcpy(id, s, 18);
	id[18] = '\0';
	zf_db_bind_text(st, 1, id);
	found = zf_db_row(x->db, st, x->e, "cannot read cases");
	sqlite3_reset(st);
	return found;
}

static int
scan(struct exporter *x, const char *file, const char *text, size_t len)
{
	const char *kind;
	size_t off, at = 0;

	if (x->o->audience != ZF_AUDIENCE_PUBLIC)
		return 0;
	while (at < len && zf_redact_scan(text + at, len - at, &off, &kind)) {
		off += at;
		if (strcmp(kind, "citizen id") == 0 && off + 18 <= len &&
		    credit_code(x, text + off) < 0)
			return x->e->code;
		if (strcmp(kind, "citizen id") != 0 || off + 18 > len ||
		    !credit_code(x, text + off))
			return zf_fail(x->e, EX_DATAERR, "refused: data/%s "
			    "would publish an unmasked %s%s%s (byte %zu); "
			    "nothing was published — mask the field in "
			    "zhifa.yaml's redaction, or correct the record",
			    file, kind, x->scan_case ? " of " : "",
			    x->scan_case ? x->scan_case : "", off);
		at = off + 18;
	}
	return 0;
}

static int
spool_write(struct exporter *x, struct spool *s, const char *text,
    size_t len, int check)
{
	if (check && scan(x, s->name, text, len) != 0)
		return x->e->code;
	if (len > 0 && fwrite(text, 1, len, s->f) != len)
		return zf_fail(x->e, EX_IOERR, "cannot write %s: %s",
		    s->name, strerror(errno));
	return 0;
}

static int
spool_add(struct exporter *x, struct spool *s)
{
	int rc;

	if (fflush(s->f) != 0 || fseek(s->f, 0, SEEK_SET) != 0)
		return zf_fail(x->e, EX_IOERR, "cannot write %s: %s",
		    s->name, strerror(errno));
	rc = zf_bundle_add_fd(x->b, s->name, fileno(s->f), x->e);
	fclose(s->f);
	s->f = NULL;
	return rc;
}

static void
spool_drop(struct spool *s)
{
	if (s->f != NULL)
		fclose(s->f);
	s->f = NULL;
}

/* A payload file from memory, scanned first. */
static int
add(struct exporter *x, const char *name, const char *data, size_t len,
    int check)
{
	if (check && scan(x, name, data, len) != 0)
		return x->e->code;
	return zf_bundle_add(x->b, name, data, len, x->e);
}

static int
site_emit(void *ctx, const char *path, const char *data, size_t len,
    struct zf_err *e)
{
	struct exporter *x = ctx;

	(void)e;
	return add(x, path, data, len, 1);
}

static int
csv_header(struct exporter *x, struct spool *s, const char *schema)
{
	const char *const *cols = zf_publish_columns(schema);
	struct zf_buf b;
	size_t i;
	int rc;

	zf_buf_init(&b);
	zf_buf_addstr(&b, ZF_CSV_BOM);
	for (i = 0; cols[i] != NULL; i++)
		zf_csv_field(&b, cols[i], i == 0);
	zf_csv_row_end(&b);
	rc = spool_write(x, s, b.data, b.len, 0);
	zf_buf_release(&b);
	return rc;
}

static int
csv_row(struct exporter *x, struct spool *s, const char *schema,
    const struct zf_json *fields)
{
	const char *const *cols = zf_publish_columns(schema);
	struct zf_buf b;
	size_t i;
	int rc;

	zf_buf_init(&b);
	for (i = 0; cols[i] != NULL; i++) {
		const char *v = zf_json_get_str(fields, cols[i]);

		zf_csv_field(&b, v ? v : "", i == 0);
	}
	zf_csv_row_end(&b);
	rc = spool_write(x, s, b.data, b.len, 1);
	zf_buf_release(&b);
	s->lines++;
	return rc;
}

/* The columns of records-extra.csv: the case, then zhifa's own items. */
static const char *const extra_columns[] = { "case", "ZF_XDR_DZ",
	"ZF_XDR_LXDH", NULL };

static int
extra_header(struct exporter *x)
{
	struct zf_buf b;
	size_t i;
	int rc;

	zf_buf_init(&b);
	zf_buf_addstr(&b, ZF_CSV_BOM);
	for (i = 0; extra_columns[i] != NULL; i++)
		zf_csv_field(&b, extra_columns[i], i == 0);
	zf_csv_row_end(&b);
	rc = spool_write(x, &x->extra, b.data, b.len, 0);
	zf_buf_release(&b);
	return rc;
}

/* records-extra.csv (sharing only): what no 双公示 item holds. */
static int
extra_row(struct exporter *x, const char *case_id, int64_t decision_seq)
{
	struct zf_json *v;
	struct zf_buf b;
	size_t i;
	int rc;

	if ((rc = zf_publish_extra(x->a, case_id, decision_seq,
	    x->o->audience, &v)) != 0)
		return rc;
	zf_buf_init(&b);
	x->extra.lines++;
	zf_csv_field(&b, case_id, 1);
	for (i = 1; extra_columns[i] != NULL; i++) {
		const char *s = zf_json_get_str(v, extra_columns[i]);

		zf_csv_field(&b, s ? s : "", 0);
	}
	zf_csv_row_end(&b);
	zf_json_free(v);
	rc = spool_write(x, &x->extra, b.data, b.len, 0);
	zf_buf_release(&b);
	return rc;
}

static int
proof_file(struct exporter *x, int64_t idx, uint64_t n,
    const uint8_t leaf[ZF_DIGEST_LEN])
{
	uint8_t proof[64][ZF_DIGEST_LEN];
	struct zf_json *o, *list;
	char hex[2 * ZF_DIGEST_LEN + 1], name[64], *text;
	size_t plen, i, len;
	int rc;

	if ((rc = zf_publog_inclusion(x->db, zf_archive_suite(x->a),
	    (uint64_t)idx, n, proof, &plen, x->e)) != 0)
		return rc;
	o = zf_json_object();
	zf_hex(leaf, ZF_DIGEST_LEN, hex);
	zf_json_set_str(o, "hash", hex);
	zf_json_set_int(o, "index", idx);
	list = zf_json_array();
	for (i = 0; i < plen; i++) {
		zf_hex(proof[i], ZF_DIGEST_LEN, hex);
		zf_json_push(list, zf_json_string(hex));
	}
	zf_json_set(o, "proof", list);
	zf_json_set_int(o, "size", (int64_t)n);
	text = zf_json_canonical(o, &len);
	zf_json_free(o);
	snprintf(name, sizeof(name), "log/proofs/%lld.json", (long long)idx);
	rc = add(x, name, text, len, 0);
	free(text);
	return rc;
}

/* The signed checkpoint of the log's first n leaves, kept once signed. */
static int
sign_log(struct zf_archive *a, uint64_t n, const uint8_t root[ZF_DIGEST_LEN],
    char **note)
{
	static const char sql_get[] = "SELECT root, note FROM pubcheckpoints "
	    "WHERE size = ?";
	static const char sql_put[] = "INSERT INTO pubcheckpoints (size, root, "
	    "time, note) VALUES (?, ?, ?, ?)";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	struct zf_key *key;
	sqlite3_stmt *st;
	char *origin, *text, when[26];
	int rc;

	*note = NULL;
	if ((st = zf_db_stmt(db, sql_get, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)n);
	if ((rc = zf_db_row(db, st, e, "cannot read the publication "
	    "checkpoints")) < 0)
		return e->code;
	if (rc == 1) {
		int same = sqlite3_column_bytes(st, 0) == ZF_DIGEST_LEN &&
		    memcmp(sqlite3_column_blob(st, 0), root,
		    ZF_DIGEST_LEN) == 0;

		if (same)
			*note = xstrdup((const char *)sqlite3_column_text(st,
			    1));
		sqlite3_reset(st);
		if (!same)
			return zf_fail(e, EX_SOFTWARE, "the publication "
			    "log of %llu entries has another root than the one "
			    "signed before: run archive-verify",
			    (unsigned long long)n);
		return 0;
	}
	sqlite3_reset(st);
	if ((key = zf_archive_load_key(a)) == NULL && zf_archive_key_io(a))
		return zf_fail(e, EX_IOERR, "%s", zf_archive_warning(a));
	if (key == NULL) {
		char *path = zf_archive_key_path(a);

		rc = zf_fail(e, EX_NOPERM, "the agency key signs the "
		    "publication log, and it is not at hand: expected at %s "
		    "(or give $ZHIFA_KEY)", path);
		free(path);
		return rc;
	}
	origin = xasprintf("%s/publication", zf_archive_origin(a));
	text = zf_checkpoint_text(origin, n, root);
	*note = zf_note_sign(key, zf_archive_suite(a), zf_archive_origin(a),
	    text);
	free(origin);
	free(text);
	zf_key_free(key);
	if (*note == NULL)
		return zf_fail(e, EX_SOFTWARE, "cannot sign the "
		    "publication log");
	if ((st = zf_db_stmt(db, sql_put, e)) == NULL)
		return e->code;
	zf_time_format(zf_archive_now(a), when);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)n);
	sqlite3_bind_blob(st, 2, root, ZF_DIGEST_LEN, SQLITE_TRANSIENT);
	zf_db_bind_text(st, 3, when);
	zf_db_bind_text(st, 4, *note);
	return zf_db_done(db, st, e, "cannot keep the publication "
	    "checkpoint");
}

/*
 * The withdrawal notices (行政处罚法第四十八条): a decision withdrawn from
 * the site leaves, until its publicity period would have ended, a page
 * with its 文号, the date and the reason, and nothing of its record.
 */
static int
notices(struct exporter *x, struct zf_site *site, const char *today)
{
	static const char sql[] = "SELECT p.case_id, p.idx, l.entry, p.ended, "
	    "p.reason FROM publications p JOIN publog l ON l.idx = p.idx "
	    "WHERE p.state = 'withdrawn' AND p.until >= ?1 ORDER BY p.ended "
	    "DESC, p.case_id";
	struct zf_err *e = x->e;
	sqlite3_stmt *st = zf_db_stmt(x->db, sql, e);
	int rc = 0, step;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, today);
	while ((step = zf_db_row(x->db, st, e, "cannot read publications")) ==
	    1) {
		const char *text = zf_db_text(st, 2);
		struct zf_json *entry = zf_json_parse(text, strlen(text), NULL,
		    0), *se;

		if (entry == NULL) {
			rc = zf_fail(e, EX_SOFTWARE, "leaf %lld is not an "
			    "entry", (long long)sqlite3_column_int64(st, 1));
			break;
		}
		se = zf_siteview_withdrawal(entry, zf_db_text(st, 3),
		    zf_db_text(st, 4) ? zf_db_text(st, 4) : "决定已撤销");
		x->scan_case = zf_db_text(st, 0);
		rc = zf_site_entry(site, se, e);
		zf_json_free(se);
		zf_json_free(entry);
		if (rc != 0)
			break;
	}
	sqlite3_reset(st);
	x->scan_case = NULL;
	if (rc == 0 && step < 0)
		rc = e->code;
	return rc;
}

/* Each current entry: site pages, records, CSV rows and its proof. */
static int
current(struct exporter *x, const struct zf_json *stand, uint64_t n,
    size_t *count)
{
	/* A withdrawal's notice stays for the publicity period's rest. */
	static const char sql_count[] = "SELECT count(*) FROM publications "
	    "WHERE state = 'published' OR (state = 'withdrawn' AND ?1 AND "
	    "until >= ?2)";
	static const char sql[] = "SELECT p.case_id, p.idx, l.entry, "
	    "p.decision_seq FROM publications p JOIN publog l ON l.idx = "
	    "p.idx WHERE p.state = 'published' ORDER BY p.updated DESC, "
	    "p.case_id";
	struct zf_archive *a = x->a;
	struct zf_db *db = x->db;
	struct zf_err *e = x->e;
	struct zf_site *site = NULL;
	sqlite3_stmt *st;
	int64_t total;
	char day[11];
	int public = x->o->audience == ZF_AUDIENCE_PUBLIC, rc, step;
	size_t nrec = 0;

	zf_date_format(x->o->as_of, day);
	if ((st = zf_db_stmt(db, sql_count, e)) == NULL)
		return e->code;
	sqlite3_bind_int(st, 1, public);
	zf_db_bind_text(st, 2, day);
	if ((rc = zf_db_row(db, st, e, "cannot read publications")) != 1)
		return rc < 0 ? e->code : zf_fail(e, EX_SOFTWARE,
		    "publications: no count");
	total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (public && (rc = zf_site_begin(stand, (size_t)total, site_emit, x,
	    &site, e)) != 0)
		return rc;
	if ((st = zf_db_stmt(db, sql, e)) == NULL) {
		zf_site_free(site);
		return e->code;
	}
	while ((step = zf_db_row(db, st, e, "cannot read publications")) ==
	    1) {
		const char *case_id = (const char *)sqlite3_column_text(st, 0);
		int64_t idx = sqlite3_column_int64(st, 1);
		const char *text = (const char *)sqlite3_column_text(st, 2);
		size_t len = (size_t)sqlite3_column_bytes(st, 2);
		struct zf_json *entry = zf_json_parse(text, len, NULL, 0);
		struct zf_json *fields = NULL, *rec;
		const char *kind = zf_json_get_str(entry, "kind");
		const char *schema;
		uint8_t leaf[ZF_DIGEST_LEN];
		char *line;
		size_t i;

		x->scan_case = case_id;
		if (entry == NULL || kind == NULL) {
			zf_json_free(entry);
			rc = zf_fail(e, EX_SOFTWARE, "leaf %lld is not "
			    "an entry", (long long)idx);
			break;
		}
		if (public)
			fields = zf_json_copy(zf_json_get(entry, "record"));
		else if ((rc = zf_publish_fields(a, case_id,
		    sqlite3_column_int64(st, 3), x->o->audience,
		    &fields)) != 0) {
			zf_json_free(entry);
			break;
		}
		i = (size_t)zf_publish_record_schema(fields);
		schema = zf_publish_schemas[i];
		if (public) {
			struct zf_json *se = zf_siteview_entry(entry, idx);

			rc = zf_site_entry(site, se, e);
			zf_json_free(se);
			if (rc != 0) {
				zf_json_free(entry);
				zf_json_free(fields);
				break;
			}
		}
		rec = zf_json_object();
		zf_json_set_str(rec, "case", case_id);
		zf_json_set_str(rec, "kind", kind);
		zf_json_set_str(rec, "type", zf_json_get_str(entry, "type"));
		zf_json_set_int(rec, "index", idx);
		rc = csv_row(x, &x->csv[i], schema, fields);
		if (rc == 0 && !public)
			rc = extra_row(x, case_id, sqlite3_column_int64(st, 3));
		zf_json_set(rec, "fields", fields);
		line = zf_json_canonical(rec, &len);
		zf_json_free(rec);
		if (rc == 0 && (rc = spool_write(x, &x->records, nrec ? "," :
		    "", nrec ? 1 : 0, 0)) == 0)
			rc = spool_write(x, &x->records, line, len, 1);
		free(line);
		nrec++;
		zf_merkle_leaf_hash(zf_archive_suite(a), text, (size_t)
		    sqlite3_column_bytes(st, 2), leaf);
		zf_json_free(entry);
		if (rc != 0 || (rc = proof_file(x, idx, n, leaf)) != 0)
			break;
	}
	sqlite3_reset(st);
	x->scan_case = NULL;
	if (rc == 0 && step < 0)
		rc = e->code;
	if (rc == 0 && public)
		rc = notices(x, site, day);
	if (rc == 0 && public)
		rc = zf_site_end(site, e);
	zf_site_free(site);
	*count = nrec;
	return rc;
}

/* log/entries.jsonl: every leaf's hash, and the entries still shown. */
static int
log_lines(struct exporter *x)
{
	static const char sql[] = "SELECT l.idx, l.entry, l.kind IN "
	    "('withdraw', 'expire') OR EXISTS (SELECT 1 FROM publications p "
	    "WHERE p.idx = l.idx AND p.state = 'published') FROM publog l "
	    "ORDER BY l.idx";
	struct zf_archive *a = x->a;
	struct zf_db *db = x->db;
	struct zf_err *e = x->e;
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	uint8_t leaf[ZF_DIGEST_LEN];
	char hex[2 * ZF_DIGEST_LEN + 1];
	struct zf_buf b;
	int rc = 0, step;

	if (st == NULL)
		return e->code;
	zf_buf_init(&b);
	while ((step = zf_db_row(db, st, e, "cannot read the publication "
	    "log")) == 1) {
		int64_t idx = sqlite3_column_int64(st, 0);
		const char *text = (const char *)sqlite3_column_text(st, 1);
		size_t len = (size_t)sqlite3_column_bytes(st, 1);
		int shown = sqlite3_column_int(st, 2);

		zf_merkle_leaf_hash(zf_archive_suite(a), text, len, leaf);
		zf_hex(leaf, ZF_DIGEST_LEN, hex);
		zf_buf_reset(&b);
		if (shown) {
			/* Canonical: "entry" < "hash" < "index". */
			if ((rc = scan(x, x->entries.name, text, len)) != 0)
				break;
			zf_buf_addstr(&b, "{\"entry\":");
			zf_buf_add(&b, text, len);
			zf_buf_printf(&b, ",\"hash\":\"%s\",\"index\":%lld}\n",
			    hex, (long long)idx);
		} else
			zf_buf_printf(&b, "{\"hash\":\"%s\",\"index\":%lld}\n",
			    hex, (long long)idx);
		if ((rc = spool_write(x, &x->entries, b.data, b.len, 0)) != 0)
			break;
	}
	sqlite3_reset(st);
	zf_buf_release(&b);
	if (rc == 0 && step < 0)
		rc = e->code;
	return rc;
}

static char *
bag_info(struct zf_archive *a, const struct options *o, uint64_t n)
{
	char day[11];

	zf_date_format(o->as_of, day);
	return xasprintf("Source-Organization: %s\nBagging-Date: %s\n"
	    "External-Description: 行政执法公示 (zhifa publication bundle)\n"
	    "Zhifa-Bundle-Version: 1\nZhifa-Audience: %s\n"
	    "Zhifa-Log-Size: %llu\nZhifa-As-Of: %s\n",
	    zf_archive_config(a)->agency_name, day,
	    o->audience == ZF_AUDIENCE_PUBLIC ? "public" : "sharing",
	    (unsigned long long)n, day);
}

static int
journal_export(struct zf_archive *a, const struct options *o,
    const struct zf_export_result *r, const char *staged)
{
	struct zf_json *data = zf_json_object(), *counts = zf_json_object();
	const char *base = strrchr(o->out, '/');
	char day[11];
	int i;

	zf_date_format(o->as_of, day);
	zf_json_set_str(data, "audience", o->audience == ZF_AUDIENCE_PUBLIC ?
	    "public" : "sharing");
	zf_json_set_str(data, "format", o->format == ZF_BUNDLE_DIR ? "dir" :
	    o->format == ZF_BUNDLE_ZIP ? "zip" : "tar.gz");
	zf_json_set_str(data, "bundle", base ? base + 1 : o->out);
	zf_json_set_str(data, "as_of", day);
	zf_json_set_int(data, "log_size", (int64_t)r->log_size);
	zf_json_set_str(data, "root", r->root);
	zf_json_set_int(data, "current", (int64_t)r->current);
	for (i = 0; i <= ZF_PUB_EXPIRE; i++)
		zf_json_set_int(counts, zf_pub_type_name(i),
		    (int64_t)r->counts[i]);
	zf_json_set(data, "entries", counts);
	base = strrchr(staged, '/');
	zf_json_set_str(data, "staged", base ? base + 1 : staged);
	return zf_journal_append(a, "publication.exported", NULL, data, NULL);
}

/* Journals what is owed and writes the bundle, in one transaction. */
static int
export_bundle(struct zf_archive *a, const struct options *o,
    struct zf_export_result *r)
{
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	struct exporter x;
	struct zf_pub_due *due = NULL;
	struct zf_json *stand = NULL;
	uint8_t root[ZF_DIGEST_LEN];
	char *note = NULL, *info = NULL, *vkey = NULL, *jnote = NULL, *staged;
	size_t ndue = 0, i;
	uint64_t n;
	int rc;

	memset(&x, 0, sizeof(x));
	x.a = a;
	x.e = e;
	x.db = db;
	x.o = o;
	if (o->audience == ZF_AUDIENCE_PUBLIC &&
	    (rc = zf_siteview_standing(a, &stand)) != 0)
		return rc;
	if ((rc = zf_archive_begin(a)) != 0) {
		zf_json_free(stand);
		return rc;
	}
	if (o->audience == ZF_AUDIENCE_PUBLIC) {
		if ((rc = zf_publish_due(a, o->as_of, o->cases, o->ncases,
		    &due, &ndue)) != 0)
			goto fail;
		const char *held_case = NULL;

		for (i = 0; i < ndue; i++) {
			char item[64];
			const char *kind;

			/* A record published late and past its period is
			 * published and expired at once: held back, neither. */
			if (due[i].type == ZF_PUB_EXPIRE && held_case != NULL &&
			    strcmp(held_case, due[i].case_id) == 0)
				continue;

			if ((rc = zf_publish_held(a, &due[i], item,
			    sizeof(item), &kind)) != 0 && rc != 1)
				goto fail;
			/* Approved, as it is now, before its release. */
			if (rc == 0 && (rc = zf_approve_check(a, &due[i],
			    &kind)) != 0 && rc != 1)
				goto fail;
			if (rc == 1 && kind != NULL && (strcmp(kind,
			    "not approved") == 0 || strcmp(kind,
			    "changed since its approval") == 0))
				snprintf(item, sizeof(item), "approval");
			if (rc == 1) {
				r->held = xrealloc(r->held, (r->nheld + 1) *
				    sizeof(*r->held));
				r->held[r->nheld++] = xasprintf("%s\t%s\t%s",
				    due[i].case_id, item, kind);
				held_case = due[i].case_id;
				rc = 0;
				continue;
			}
			if ((rc = zf_publish_record(a, &due[i], NULL)) != 0)
				goto fail;
			r->counts[due[i].type]++;
		}
	}
	if ((rc = zf_publog_size(db, &n, e)) != 0 ||
	    (rc = zf_publog_root(db, zf_archive_suite(a), n, root, e)) != 0 ||
	    (rc = sign_log(a, n, root, &note)) != 0)
		goto fail;
	r->log_size = n;
	zf_hex(root, ZF_DIGEST_LEN, r->root);
	info = bag_info(a, o, n);
	if ((rc = zf_bundle_open(o->out, o->format, info, &x.b,
	    e)) != 0)
		goto fail;
	if ((rc = spool_open(&x, &x.records, "records.json")) != 0 ||
	    (rc = spool_open(&x, &x.csv[0], "records-penalty.csv")) != 0 ||
	    (rc = spool_open(&x, &x.csv[1], "records-licensing.csv")) != 0 ||
	    (rc = spool_open(&x, &x.csv[2], "records-other.csv")) != 0 ||
	    (rc = spool_open(&x, &x.entries, "log/entries.jsonl")) != 0 ||
	    (o->audience == ZF_AUDIENCE_SHARING && (rc = spool_open(&x,
	    &x.extra, "records-extra.csv")) != 0))
		goto fail;
	{
		char day[11], *head;

		zf_date_format(o->as_of, day);
		head = xasprintf("{\"as_of\":\"%s\",\"audience\":\"%s\","
		    "\"log_size\":%llu,\"records\":[", day, o->audience ==
		    ZF_AUDIENCE_PUBLIC ? "public" : "sharing",
		    (unsigned long long)n);
		rc = spool_write(&x, &x.records, head, strlen(head), 0);
		free(head);
	}
	for (i = 0; rc == 0 && i < ZF_PUBLISH_SCHEMAS; i++)
		rc = csv_header(&x, &x.csv[i], zf_publish_schemas[i]);
	if (rc == 0 && x.extra.f != NULL)
		rc = extra_header(&x);
	if (rc != 0 || (rc = current(&x, stand, n, &r->current)) != 0 ||
	    (rc = spool_write(&x, &x.records, "]}\n", 3, 0)) != 0 ||
	    (rc = log_lines(&x)) != 0)
		goto fail;
	vkey = zf_note_vkey(zf_archive_suite(a), zf_archive_origin(a),
	    zf_archive_pubkey(a), zf_archive_pubkey_len(a));
	{
		char *line = xasprintf("%s\n", vkey);

		rc = add(&x, "log/agency.vkey", line, strlen(line), 0);
		free(line);
	}
	/* The journal's latest checkpoint: the public holds it from now on,
	 * and anyone can prove the archive still extends it. */
	if (rc == 0 && (rc = zf_archive_latest_checkpoint(a, &jnote)) == 0 &&
	    jnote != NULL)
		rc = add(&x, "log/journal-checkpoint", jnote, strlen(jnote), 0);
	if (rc != 0 ||
	    (rc = add(&x, "log/checkpoint", note, strlen(note), 0)) != 0 ||
	    (rc = spool_add(&x, &x.records)) != 0 ||
	    (rc = spool_add(&x, &x.csv[0])) != 0 ||
	    (rc = spool_add(&x, &x.csv[1])) != 0 ||
	    (rc = spool_add(&x, &x.csv[2])) != 0 ||
	    (rc = spool_add(&x, &x.entries)) != 0 ||
	    (x.extra.f != NULL && (rc = spool_add(&x, &x.extra)) != 0) ||
	    (rc = zf_bundle_seal(x.b, e)) != 0 ||
	    (rc = journal_export(a, o, r, zf_bundle_staged(x.b))) != 0 ||
	    (rc = zf_archive_commit(a)) != 0)
		goto fail;
	/*
	 * Recorded, signature and all: from here on the bundle is placed
	 * as it is, now or by a re-run to the same path.
	 */
	staged = xstrdup(zf_bundle_staged(x.b));
	rc = zf_bundle_place(x.b, e);
	x.b = NULL;
	if (rc != 0 && access(staged, F_OK) == 0) {
		char *why = xstrdup(e->msg);

		rc = zf_fail(e, rc, "%s; the export was recorded, and its "
		    "bundle waits at %s: %s%s%srun publish-export again with "
		    "the same --out to put it in place", why, staged,
		    rc == EX_CANTCREAT ? _("remove what is at ") : "",
		    rc == EX_CANTCREAT ? o->out : "",
		    rc == EX_CANTCREAT ? _(" and ") : "");
		free(why);
	}
	free(staged);
	free(due);
	free(note);
	free(info);
	free(vkey);
	free(jnote);
	zf_json_free(stand);
	return rc;
fail:
	if (x.b != NULL)
		zf_bundle_abort(x.b);
	spool_drop(&x.records);
	for (i = 0; i < ZF_PUBLISH_SCHEMAS; i++)
		spool_drop(&x.csv[i]);
	spool_drop(&x.entries);
	spool_drop(&x.extra);
	zf_archive_abort(a);
	free(due);
	free(note);
	free(info);
	free(vkey);
	free(jnote);
	zf_json_free(stand);
	return rc;
}

/* Exports killed before they were done */

/* The publication.exported event that staged name, if one did. */
static int
staged_export(struct zf_archive *a, const char *name, int64_t *seq,
    struct zf_json **data)
{
	static const char sql[] = "SELECT seq, body FROM journal WHERE type = "
	    "'publication.exported' AND json_extract(body, '$.data.staged') "
	    "= ? ORDER BY seq DESC LIMIT 1";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	struct zf_json *body;
	int step;

	*data = NULL;
	*seq = 0;
	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, name);
	if ((step = zf_db_row(db, st, e, "cannot read the journal")) <= 0)
		return step < 0 ? e->code : 0;
	*seq = sqlite3_column_int64(st, 0);
	body = zf_json_parse((const char *)sqlite3_column_text(st, 1),
	    (size_t)sqlite3_column_bytes(st, 1), NULL, 0);
	*data = zf_json_copy(zf_json_get(body, "data"));
	zf_json_free(body);
	sqlite3_reset(st);
	return 0;
}

/* What the export recorded as data said, as its result. */
static void
result_of(const struct zf_json *data, int64_t seq,
    struct zf_export_result *r)
{
	const struct zf_json *counts = zf_json_get(data, "entries");
	const char *root = zf_json_get_str(data, "root");
	int64_t v;
	int i;

	r->finished = seq;
	if (zf_json_get_int(data, "log_size", &v) == 0)
		r->log_size = (uint64_t)v;
	if (zf_json_get_int(data, "current", &v) == 0)
		r->current = (size_t)v;
	snprintf(r->root, sizeof(r->root), "%s", root ? root : "");
	for (i = 0; i <= ZF_PUB_EXPIRE; i++)
		if (zf_json_get_int(counts, zf_pub_type_name(i), &v) == 0)
			r->counts[i] = (size_t)v;
}

/*
 * The temporaries beside o->out that no live export holds: one that a
 * recorded export staged is put in place (when nothing is there yet),
 * the others, of exports killed before they were recorded, are removed.
 * *done is set when a recorded export was placed: the request is done.
 */
static int
finish_killed(struct zf_archive *a, const struct options *o,
    struct zf_export_result *r, int *done)
{
	struct zf_err *e = zf_archive_err(a);
	struct zf_json *data;
	struct stat st;
	char **list;
	size_t n, i;
	int64_t seq;
	int rc = 0;

	*done = 0;
	if (zf_bundle_leftovers(o->out, &list, &n) != 0)
		return 0;	/* the export itself will say why */
	for (i = 0; i < n; i++) {
		const char *slash = strrchr(list[i], '/');

		if (rc != 0)
			break;
		if ((rc = staged_export(a, slash ? slash + 1 : list[i], &seq,
		    &data)) != 0)
			break;
		if (data == NULL)
			zf_bundle_remove(list[i]);
		else if (!*done && lstat(o->out, &st) != 0 &&
		    errno == ENOENT) {
			const char *f = zf_json_get_str(data, "format");
			int format = zf_bundle_format_parse(f);

			if (format < 0)
				format = o->format;
			if ((rc = zf_bundle_place_staged(list[i], o->out,
			    format, e)) == 0) {
				result_of(data, seq, r);
				*done = 1;
			}
		}
		zf_json_free(data);
	}
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	return rc;
}

/* The request */

/* The options that follow from q alone: 0 or EX_USAGE. */
static int
decide(const struct zf_export_request *q, struct options *o,
    struct zf_err *e)
{
	const char *audience = q->audience != NULL ? q->audience : "public";

	memset(o, 0, sizeof(*o));
	o->out = q->out;
	o->cases = q->cases;
	o->ncases = q->ncases;
	if (q->out == NULL && !q->dry_run)
		return zf_fail(e, EX_USAGE, "where to? give --out PATH");
	if (q->out != NULL && q->out[0] == '\0')
		return zf_fail(e, EX_USAGE, "--out must name a path");
	if (q->format != NULL) {
		if ((o->format = zf_bundle_format_parse(q->format)) < 0)
			return zf_fail(e, EX_USAGE, "format '%s' is not dir, "
			    "tar.gz or zip", q->format);
	} else if (q->out != NULL && (zf_text_ends_with(q->out, ".tar.gz", 0) ||
	    zf_text_ends_with(q->out, ".tgz", 0)))
		o->format = ZF_BUNDLE_TAR_GZ;
	else if (q->out != NULL && zf_text_ends_with(q->out, ".zip", 0))
		o->format = ZF_BUNDLE_ZIP;
	else
		o->format = ZF_BUNDLE_DIR;
	if (strcmp(audience, "public") == 0)
		o->audience = ZF_AUDIENCE_PUBLIC;
	else if (strcmp(audience, "sharing") == 0)
		o->audience = ZF_AUDIENCE_SHARING;
	else
		return zf_fail(e, EX_USAGE, "audience '%s' is not public or "
		    "sharing", audience);
	if (o->audience == ZF_AUDIENCE_SHARING && q->ncases > 0)
		return zf_fail(e, EX_USAGE, "a sharing export holds every "
		    "current record; give no cases");
	return 0;
}

int
zf_export_check(const struct zf_export_request *q, struct zf_err *e)
{
	struct options o;

	return decide(q, &o, e);
}

/* The day expiries are judged on: --as-of, today or earlier. */
static int
judged_on(struct zf_archive *a, const char *given, int32_t *day)
{
	int32_t today = zf_archive_today(a);

	*day = today;
	if (given == NULL)
		return 0;
	if (zf_date_parse(given, day) != 0)
		return zf_fail(zf_archive_err(a), zf_when_refusal(given, 0),
		    "--as-of '%s' is not a date (YYYY-MM-DD)", given);
	if (*day > today)
		return zf_fail(zf_archive_err(a), EX_DATAERR, "--as-of %s is "
		    "in the future; publication is judged on today or an "
		    "earlier day", given);
	return 0;
}

static int
decision_number(struct zf_archive *a, int64_t seq, char **number)
{
	static const char sql[] = "SELECT number FROM decisions WHERE seq = ?";
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	int rc;

	*number = NULL;
	if (st == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, seq);
	if ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read decisions")) == 1)
		*number = xstrdup(zf_db_text(st, 0));
	sqlite3_reset(st);
	return rc < 0 ? e->code : 0;
}

/*
 * A dry run shows exactly what would go out: each publication's and
 * correction's public record, its digest and whether it is approved.
 */
static int
dry_records(struct zf_archive *a, struct zf_export_result *r)
{
	size_t i;
	int rc;

	r->records = xcalloc(r->ndue ? r->ndue : 1, sizeof(*r->records));
	for (i = 0; i < r->ndue; i++) {
		const struct zf_pub_due *d = &r->due[i];
		struct zf_json *o, *record;
		const char *why, *kind;
		char hex[65], *number = NULL, *reason = NULL, item[64];
		int held;

		if (d->type != ZF_PUB_PUBLISH && d->type != ZF_PUB_CORRECT)
			continue;
		if ((rc = zf_publish_fields(a, d->case_id, d->decision_seq,
		    ZF_AUDIENCE_PUBLIC, &record)) != 0 ||
		    (rc = zf_publish_digest(a, d, hex, &reason)) != 0 ||
		    ((rc = zf_approve_check(a, d, &why)) != 0 && rc != 1) ||
		    ((held = zf_publish_held(a, d, item, sizeof(item),
		    &kind)) != 0 && held != 1)) {
			zf_json_free(record);
			free(reason);
			return rc != 0 && rc != 1 ? rc : held;
		}
		if ((rc = decision_number(a, d->decision_seq, &number)) != 0) {
			zf_json_free(record);
			return rc;
		}
		o = zf_json_object();
		zf_json_set_str(o, "number", number);
		zf_json_set(o, "record", record);
		zf_json_set_str(o, "digest", hex);
		if (reason != NULL)
			zf_json_set_str(o, "reason", reason);
		if (held == 1) {
			char *text = xasprintf("held back: %s would publish a "
			    "%s number", item, kind);

			zf_json_set_str(o, "approval", text);
			free(text);
		} else
			zf_json_set_str(o, "approval", !zf_approve_required(a) ?
			    "not needed" : why != NULL ? why : "approved");
		free(number);
		free(reason);
		r->records[i] = o;
	}
	return 0;
}

int
zf_export(struct zf_archive *a, const struct zf_export_request *q,
    struct zf_export_result *r)
{
	struct options o;
	size_t i;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = decide(q, &o, zf_archive_err(a))) != 0)
		return rc;
	r->audience = o.audience;
	r->audience_name = o.audience == ZF_AUDIENCE_PUBLIC ? "public" :
	    "sharing";
	if ((rc = judged_on(a, q->as_of, &o.as_of)) != 0 ||
	    (rc = zf_publish_may(a, NULL)) != 0 ||
	    (q->out != NULL && (rc = zf_archive_outside(a, q->out, 1)) != 0))
		return rc;
	for (i = 0; i < o.ncases; i++)
		if (zf_case_exists(a, o.cases[i]) != 1)
			return zf_fail(zf_archive_err(a), EX_NOINPUT, "no case "
			    "'%s'", o.cases[i]);
	if (!q->dry_run) {
		int done;

		if ((rc = finish_killed(a, &o, r, &done)) != 0 || done)
			return rc;
		return export_bundle(a, &o, r);
	}
	/* A sharing export journals nothing: nothing to list. */
	if (o.audience == ZF_AUDIENCE_SHARING)
		return 0;
	if ((rc = zf_publish_due(a, o.as_of, o.cases, o.ncases, &r->due,
	    &r->ndue)) != 0)
		return rc;
	return dry_records(a, r);
}

void
zf_export_result_release(struct zf_export_result *r)
{
	size_t i;

	for (i = 0; r->records != NULL && i < r->ndue; i++)
		zf_json_free(r->records[i]);
	free(r->records);
	r->records = NULL;
	free(r->due);
	r->due = NULL;
	r->ndue = 0;
	for (i = 0; i < r->nheld; i++)
		free(r->held[i]);
	free(r->held);
	r->held = NULL;
	r->nheld = 0;
}
