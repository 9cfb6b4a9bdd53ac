/*
 * pubcheck-records: records.json and the CSV files of a bundle: every record
 * is a leaf the log shows and has not ended, with its proof, and each
 * CSV file holds the same records as records.json, in order.
 */
#include "publication/pubcheck-records.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "publication/publish.h"

#define RECORD_MAX (16 << 20) /* one record of records.json */
#define RECORDS_TOP_MAX (1 << 20) /* records.json without its records */
#define CSV_FIELD_MAX (1 << 20)

/* The CSV files, one per schema, in the order of zf_publish_schemas. */
static const char *const csv_names[NCSV] = { "data/records-penalty.csv",
	"data/records-licensing.csv", "data/records-other.csv" };

int
zf_pubcheck_records_csv_file(const char *name)
{
	int i;

	for (i = 0; i < NCSV; i++)
		if (strcmp(name, csv_names[i]) == 0)
			return i;
	return -1;
}

static void
digest_line(struct zf_digest **d, const struct zf_json *v)
{
	size_t len;
	char *text = zf_json_canonical(v, &len);

	if (*d == NULL)
		*d = zf_digest_new(SHA256);
	zf_digest_update(*d, text, len);
	zf_digest_update(*d, "\n", 1);
	free(text);
}

/* The CSV files */

static int
csv_row(void *ctx, struct zf_json *row)
{
	struct check *k = ctx;
	struct csv *c = &k->csv;
	struct zf_json *obj;
	const char *name;
	size_t i, n = zf_json_len(row);
	int stop = 0;

	if (c->header == NULL) {
		if (!c->reader.had_bom)
			zf_pubcheck_problem(k, P_ONCE,
			    "%s has no byte order mark", csv_names[c->which]);
		c->header = row;
		return 0;
	}
	if (n != zf_json_len(c->header)) {
		zf_pubcheck_problem(k, P_RECORD,
		    "%s: row %" PRIu64 " has %zu fields, "
		    "the header %zu",
		    csv_names[c->which], k->csv_rows[c->which] + 1, n,
		    zf_json_len(c->header));
		stop = 1;
	} else {
		obj = zf_json_object();
		for (i = 0; i < n; i++) {
			name = zf_json_str(zf_json_at(c->header, i));
			zf_json_set_str(obj, name,
			    zf_json_str(zf_json_at(row, i)));
		}
		digest_line(&k->csv_digest[c->which], obj);
		zf_json_free(obj);
	}
	k->csv_rows[c->which]++;
	zf_json_free(row);
	return stop;
}

void
zf_pubcheck_records_csv_feed(struct check *k, const char *p, size_t n)
{
	struct csv *c = &k->csv;

	switch (zf_csv_feed(&c->reader, p, n)) {
	case ZF_CSV_LONG_FIELD:
		zf_pubcheck_problem(k, P_ONCE,
		    "%s: a field is longer than %d bytes", csv_names[c->which],
		    CSV_FIELD_MAX);
		break;
	case ZF_CSV_AFTER_QUOTE:
		zf_pubcheck_problem(k, P_ONCE, "%s: text after a closing quote",
		    csv_names[c->which]);
		break;
	}
}

void
zf_pubcheck_records_csv_begin(struct check *k, int which)
{
	struct csv *c = &k->csv;

	zf_csv_reader_release(&c->reader);
	zf_json_free(c->header);
	c->header = NULL;
	zf_csv_reader_init(&c->reader, CSV_FIELD_MAX, csv_row, k);
	c->which = which;
	k->csv_seen[which] = 1;
}

void
zf_pubcheck_records_csv_end(struct check *k)
{
	struct csv *c = &k->csv;

	if (zf_csv_end(&c->reader) == ZF_CSV_IN_QUOTES)
		zf_pubcheck_problem(k, P_ONCE, "%s ends inside a quoted field",
		    csv_names[c->which]);
	if (c->header == NULL && !c->reader.stopped)
		zf_pubcheck_problem(k, P_ONCE, "%s has no header line",
		    csv_names[c->which]);
	if (c->reader.stopped)
		k->csv_seen[c->which] = -1;
	zf_csv_reader_release(&c->reader);
	zf_json_free(c->header);
	c->header = NULL;
}

/* Each CSV file holds exactly the records of records.json, in order. */
void
zf_pubcheck_records_csv_files_end(struct check *k)
{
	uint8_t a[ZF_DIGEST_LEN], b[ZF_DIGEST_LEN];
	int i;

	for (i = 0; i < NCSV; i++) {
		if (k->csv_seen[i] == 0) {
			zf_pubcheck_problem(k, P_ONCE, "%s is missing",
			    csv_names[i]);
			continue;
		}
		if (k->csv_seen[i] < 0)
			continue;
		memset(a, 0, sizeof(a));
		memset(b, 0, sizeof(b));
		if (k->csv_digest[i] != NULL)
			zf_digest_final(k->csv_digest[i], a);
		if (k->rec_digest[i] != NULL)
			zf_digest_final(k->rec_digest[i], b);
		if (k->csv_rows[i] != k->rec_rows[i])
			zf_pubcheck_problem(k, P_ONCE,
			    "%s has %" PRIu64 " rows but "
			    "records.json %" PRIu64 " records of its kinds",
			    csv_names[i], k->csv_rows[i], k->rec_rows[i]);
		else if (memcmp(a, b, ZF_DIGEST_LEN) != 0)
			zf_pubcheck_problem(k, P_ONCE,
			    "%s differs from the records of "
			    "records.json",
			    csv_names[i]);
	}
}

/* records.json */

/* One record of records.json, as the splitter cuts it out. */
static void
check_record(void *ctx, const char *text, size_t len)
{
	struct check *k = ctx;
	uint8_t meta[META_LEN], fields[ZF_DIGEST_LEN];
	const char *case_id, *kind, *type;
	struct zf_json *v, *f;
	unsigned char *flags;
	int64_t index;
	char err[160];

	k->ordinal++;
	k->c->records++;
	if ((v = zf_json_parse(text, len, err, sizeof(err))) == NULL) {
		zf_pubcheck_problem(k, P_RECORD,
		    "records.json: record %" PRIu64 " is not "
		    "JSON: %s",
		    k->ordinal, err);
		return;
	}
	case_id = zf_json_get_str(v, "case");
	kind = zf_json_get_str(v, "kind");
	type = zf_json_get_str(v, "type");
	f = zf_json_get(v, "fields");
	if (zf_json_get_int(v, "index", &index) != 0 || case_id == NULL ||
	    kind == NULL || type == NULL || f == NULL ||
	    zf_json_type(f) != ZF_JSON_OBJECT) {
		zf_pubcheck_problem(k, P_RECORD,
		    "records.json: record %" PRIu64 " lacks "
		    "case, kind, type, index or fields",
		    k->ordinal);
		goto out;
	}
	k->rec_rows[zf_publish_record_schema(f)]++;
	digest_line(&k->rec_digest[zf_publish_record_schema(f)], f);
	if (index < 0 || (uint64_t)index >= k->nlines) {
		zf_pubcheck_problem(k, P_RECORD,
		    "records.json: record of %s names leaf %" PRId64
		    ", beyond the %" PRIu64 " lines of entries.jsonl",
		    case_id, index, k->nlines);
		goto out;
	}
	flags = &k->lflags[index];
	if (*flags & L_RECORD) {
		zf_pubcheck_problem(k, P_RECORD,
		    "records.json lists leaf %" PRId64 " twice", index);
		goto out;
	}
	*flags |= L_RECORD;
	if (!(*flags & L_SHOWN)) {
		zf_pubcheck_problem(k, P_RECORD,
		    "records.json: the record of %s is leaf %" PRId64
		    ", whose content the log withholds",
		    case_id, index);
		goto out;
	}
	if (!(*flags & L_CURRENT)) {
		zf_pubcheck_problem(k, P_RECORD,
		    "records.json: the record of %s is leaf %" PRId64
		    ", which is not a publication or correction",
		    case_id, index);
		goto out;
	}
	zf_pubcheck_digest_meta(case_id, kind, type, meta);
	if (memcmp(meta, k->meta[index], META_LEN) != 0)
		zf_pubcheck_problem(k, P_RECORD,
		    "records.json: the record of %s (leaf %" PRId64
		    ") differs from the leaf's entry in case, kind or "
		    "type",
		    case_id, index);
	zf_pubcheck_digest_json(f, fields);
	if (memcmp(fields, k->fields[index], ZF_DIGEST_LEN) != 0)
		*flags |= L_FIELDS_DIFFER;
out:
	zf_json_free(v);
}

static const char *const split_why[] = {
	[ZF_JSONSPLIT_ITEM_LARGE] = "holds a record larger than 16 MiB",
	[ZF_JSONSPLIT_NOT_OBJECTS] =
	    "is malformed: its records are not a list of objects",
	[ZF_JSONSPLIT_LARGE] = "is larger than 1 MiB besides its records",
	[ZF_JSONSPLIT_UNENDED] = "ends before its closing brace",
};

void
zf_pubcheck_records_records_begin(struct check *k)
{
	zf_jsonsplit_release(&k->split);
	zf_jsonsplit_init(&k->split, "records", RECORD_MAX, RECORDS_TOP_MAX,
	    check_record, k);
}

void
zf_pubcheck_records_records_feed(struct check *k, const char *p, size_t n)
{
	int rc = zf_jsonsplit_feed(&k->split, p, n);

	if (rc != ZF_JSONSPLIT_OK)
		zf_pubcheck_problem(k, P_ONCE, "records.json %s",
		    split_why[rc]);
}

/* The rest of records.json, once its records are checked. */
void
zf_pubcheck_records_records_end(struct check *k)
{
	struct zf_jsonsplit *s = &k->split;
	char err[160];
	int rc;

	if (s->broken)
		return;
	if ((rc = zf_jsonsplit_end(s)) != ZF_JSONSPLIT_OK) {
		zf_pubcheck_problem(k, P_ONCE, "records.json %s",
		    split_why[rc]);
		return;
	}
	if ((k->records_top = zf_json_parse(s->rest.data, s->rest.len, err,
		 sizeof(err))) == NULL ||
	    zf_json_type(k->records_top) != ZF_JSON_OBJECT) {
		zf_pubcheck_problem(k, P_ONCE,
		    "records.json is not a JSON object%s%s",
		    k->records_top == NULL ? ": " : "",
		    k->records_top == NULL ? err : "");
		return;
	}
	if (!s->seen)
		zf_pubcheck_problem(k, P_ONCE,
		    "records.json has no records list");
}
void
zf_pubcheck_records_end(struct check *k)
{
	struct zf_pubcheck *c = k->c;
	int public = c->audience == NULL || strcmp(c->audience, "sharing") != 0;
	const char *s;
	int64_t size;
	uint64_t i;
	char *proof;

	if (!k->records_seen) {
		zf_pubcheck_problem(k, P_ONCE, "data/records.json is missing");
		return;
	}
	if (k->records_top != NULL) {
		if (zf_json_get_int(k->records_top, "log_size", &size) != 0 ||
		    (c->signed_ok && (size < 0 || (uint64_t)size != c->size)))
			zf_pubcheck_problem(k, P_ONCE,
			    "records.json: log_size is not the "
			    "checkpoint's %" PRIu64,
			    c->size);
		s = zf_json_get_str(k->records_top, "as_of");
		if (s == NULL || (c->as_of != NULL && strcmp(s, c->as_of) != 0))
			zf_pubcheck_problem(k, P_ONCE,
			    "records.json: as_of is not "
			    "bag-info.txt's Zhifa-As-Of %s",
			    c->as_of ? c->as_of : "");
		s = zf_json_get_str(k->records_top, "audience");
		if (s == NULL ||
		    (c->audience != NULL && strcmp(s, c->audience) != 0))
			zf_pubcheck_problem(k, P_ONCE,
			    "records.json: audience is not "
			    "bag-info.txt's Zhifa-Audience %s",
			    c->audience ? c->audience : "");
	}
	for (i = 0; i < k->nlines; i++) {
		unsigned f = k->lflags[i];

		if ((f & L_CURRENT) && !(f & L_ENDED) && !(f & L_RECORD))
			zf_pubcheck_problem(k, P_RECORD,
			    "records.json lacks the record "
			    "of leaf %" PRIu64 ", a publication the log "
			    "shows and has not ended",
			    i);
		if ((f & L_RECORD) && (f & L_ENDED))
			zf_pubcheck_problem(k, P_RECORD,
			    "records.json holds the record "
			    "of leaf %" PRIu64 ", which the log withdrew, "
			    "expired or corrected",
			    i);
		if (!(f & L_RECORD))
			continue;
		if (public && (f & L_FIELDS_DIFFER))
			zf_pubcheck_problem(k, P_RECORD,
			    "records.json: the fields of the "
			    "record of leaf %" PRIu64 " differ from the leaf's "
			    "entry.record",
			    i);
		proof = xasprintf(PROOFS "%" PRIu64 ".json", i);
		if (zf_pubcheck_file(k, proof, 0) < 0 ||
		    !(k->files[zf_pubcheck_file(k, proof, 0)].flags & F_SEEN))
			zf_pubcheck_problem(k, P_RECORD,
			    "records.json: the record of leaf "
			    "%" PRIu64 " has no proof (%s)",
			    i, proof);
		free(proof);
	}
}
