/* transfer: the archival transfer package of a closed case (transfer.h). */
#include "publication/transfer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/csv.h"
#include "base/json.h"
#include "base/merkle.h"
#include "base/when.h"
#include "cases/retention.h"
#include "cases/step.h"
#include "publication/bundle.h"
#include "publication/exchange.h"
#include "record/archive.h"
#include "record/checkpoint.h"
#include "record/db.h"
#include "record/journal.h"
#include "record/object.h"
#include "rules/config.h"
#include "base/i18n.h"

#define TITLE_MAX 60	/* bytes of a title in a file's name */

struct package {
	struct zf_archive *a;
	struct zf_err *e;
	struct zf_bundle *b;
	const char *case_id;
	struct zf_json *items;	/* toc.json's */
	struct zf_buf csv;
	int access;		/* 0 public, 1 restricted, 2 secret */
};

static const char *
person_name(struct zf_archive *a, const char *id)
{
	const struct zf_person *p;

	if (id == NULL)
		return NULL;
	p = zf_config_person(zf_archive_config(a), id);
	return p != NULL ? p->name : id;
}

/*
 * "objects/0003-现场照片.jpg": the item's number, its title (no '/' nor
 * control characters, cut at TITLE_MAX bytes on a character's start)
 * and the extension of the file's name as given, if a plain one.
 */
static char *
object_name(int64_t n, const char *title, const char *given)
{
	const char *dot = given != NULL ? strrchr(given, '.') : NULL;
	struct zf_buf b;
	size_t i, len = strlen(title);

	zf_buf_init(&b);
	zf_buf_printf(&b, "objects/%04lld-", (long long)n);
	if (len > TITLE_MAX) {
		len = TITLE_MAX;
		while (len > 0 && (title[len] & 0xc0) == 0x80)
			len--;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)title[i];

		zf_buf_addch(&b, c < 0x20 || c == 0x7f || c == '/' ||
		    c == '\\' || (i == 0 && c == '.') ? '_' : (char)c);
	}
	if (dot != NULL && dot[1] != '\0' && strlen(dot) <= 9 &&
	    strspn(dot + 1, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == strlen(dot + 1))
		zf_buf_addstr(&b, dot);
	return zf_buf_detach(&b, NULL);
}

static void
csv_row(struct zf_buf *b, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		zf_csv_field(b, cells[i] != NULL ? cells[i] : "", i == 0);
	zf_csv_row_end(b);
}

/* Column i of the row, or column j where i is null or empty. */
static const char *
either(sqlite3_stmt *st, int i, int j)
{
	return zf_db_text(st, i)[0] != '\0' ? zf_db_text(st, i) :
	    zf_db_text(st, j);
}

/* One document or piece of evidence: its file, its toc item. */
static int
put_object(struct package *p, sqlite3_stmt *st, int64_t n)
{
	const char *title = zf_db_text(st, 5), *access = zf_db_text(st, 9);
	const char *who = either(st, 7, 8), *date = either(st, 11, 12);
	struct zf_json *item = zf_json_object();
	char *name = object_name(n, title, zf_db_text(st, 6)), *path, num[24];
	char day[11];
	int fd, rc;

	snprintf(num, sizeof(num), "%lld", (long long)n);
	snprintf(day, sizeof(day), "%.10s", date);
	if (strcmp(access, "secret") == 0)
		p->access = 2;
	else if (strcmp(access, "restricted") == 0 && p->access < 1)
		p->access = 1;
	path = xasprintf("data/%s", name);
	zf_json_set_int(item, "n", n);
	zf_json_set_str(item, "number", zf_db_text(st, 13)[0] != '\0' ?
	    zf_db_text(st, 13) : NULL);
	zf_json_set_str(item, "title", title);
	zf_json_set_str(item, "date", day);
	zf_json_set_str(item, "kind", zf_db_text(st, 4));
	zf_json_set_str(item, "responsible", person_name(p->a, who));
	zf_json_set_int(item, "count", 1);
	zf_json_set_str(item, "file", path);
	zf_json_set_str(item, "sha256", zf_db_text(st, 2));
	zf_json_set_int(item, "size", sqlite3_column_int64(st, 3));
	zf_json_set_str(item, "evidence", zf_db_text(st, 0));
	zf_json_set_str(item, "access", access);
	zf_json_set_int(item, "event", sqlite3_column_int64(st, 10));
	zf_json_push(p->items, item);
	{
		const char *cells[] = { num, zf_db_text(st, 13), title, day,
			zf_db_text(st, 4), person_name(p->a, who), "1", path,
			zf_db_text(st, 2) };

		csv_row(&p->csv, cells, sizeof(cells) / sizeof(cells[0]));
	}
	if ((rc = zf_object_open(p->a, zf_db_text(st, 1), &fd)) == 0) {
		rc = zf_bundle_add_fd(p->b, name, fd, p->e);
		close(fd);
	}
	free(name);
	free(path);
	return rc;
}

/* Every document and piece of evidence of the case, as recorded. */
static int
put_objects(struct package *p)
{
	static const char sql[] = "SELECT e.id, e.digest, e.sha256, e.size, "
	    "e.kind, e.title, e.name, e.recorded_by, e.added_by, e.access, "
	    "e.seq, e.recorded_at, j.time, (SELECT d.number FROM decisions d "
	    "WHERE d.doc = e.id ORDER BY d.seq DESC LIMIT 1) FROM evidence e "
	    "JOIN journal j ON j.seq = e.seq WHERE e.case_id = ? "
	    "ORDER BY e.seq";
	static const char *const header[] = { "顺序号", "文号", "题名", "日期",
		"种类", "责任者", "件数", "文件", "SHA-256" };
	struct zf_db *db = zf_archive_db(p->a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, p->e);
	int64_t n = 0;
	int rc;

	if (st == NULL)
		return p->e->code;
	zf_buf_addstr(&p->csv, "\xef\xbb\xbf");
	csv_row(&p->csv, header, sizeof(header) / sizeof(header[0]));
	zf_db_bind_text(st, 1, p->case_id);
	while ((rc = zf_db_row(db, st, p->e, "cannot read evidence")) == 1)
		if ((rc = put_object(p, st, ++n)) != 0)
			break;
	sqlite3_reset(st);
	return rc < 0 ? p->e->code : rc;
}

/*
 * The journal's latest checkpoint, which must cover the case's events,
 * and the proof of each event's inclusion in its tree.
 */
static int
put_journal(struct package *p, uint64_t *size)
{
	static const char sql[] = "SELECT seq FROM journal WHERE case_id = ? "
	    "ORDER BY seq";
	struct zf_archive *a = p->a;
	struct zf_db *db = zf_archive_db(a);
	uint8_t root[ZF_DIGEST_LEN], proof[64][ZF_DIGEST_LEN];
	struct zf_buf lines;
	sqlite3_stmt *st;
	char *note = NULL, *origin = NULL, *vkey;
	int64_t count;
	size_t plen, i;
	int rc;

	zf_buf_init(&lines);
	if ((rc = zf_archive_latest_checkpoint(a, &note)) != 0)
		goto out;
	if (note == NULL || zf_checkpoint_verify(note, strlen(note),
	    zf_archive_suite(a), zf_archive_origin(a), zf_archive_pubkey(a),
	    zf_archive_pubkey_len(a), &origin, size, root, p->e) != 0) {
		rc = zf_fail(p->e, EX_NOPERM, "%s: a transfer package carries "
		    "a checkpoint of the journal signed by the agency key, and "
		    "there is %s: let the head sign one (any write with the "
		    "agency key at hand does)", p->case_id, note == NULL ?
		    _("none") : _("none that verifies"));
		goto out;
	}
	if ((rc = zf_exchange_events(a, p->case_id, &lines, &count)) != 0 ||
	    (rc = zf_bundle_add(p->b, "journal/events.jsonl", lines.data ?
	    lines.data : "", lines.len, p->e)) != 0)
		goto out;
	zf_buf_reset(&lines);
	if ((st = zf_db_stmt(db, sql, p->e)) == NULL) {
		rc = p->e->code;
		goto out;
	}
	zf_db_bind_text(st, 1, p->case_id);
	while ((rc = zf_db_row(db, st, p->e, "cannot read the journal")) ==
	    1) {
		uint64_t seq = (uint64_t)sqlite3_column_int64(st, 0);
		char hex[ZF_DIGEST_HEX];

		if (seq >= *size) {
			rc = zf_fail(p->e, EX_NOPERM, "%s: event %llu is not "
			    "yet under a signed checkpoint of the journal "
			    "(size %llu): let the head sign one (any write "
			    "with the agency key at hand does)", p->case_id,
			    (unsigned long long)seq,
			    (unsigned long long)*size);
			break;
		}
		if (zf_merkle_inclusion_proof(zf_archive_suite(a), seq, *size,
		    zf_journal_tree_read, db, proof, &plen) != 0) {
			rc = zf_fail(p->e, EX_SOFTWARE, "cannot prove event "
			    "%llu in the journal's tree",
			    (unsigned long long)seq);
			break;
		}
		zf_buf_printf(&lines, "{\"proof\":[");
		for (i = 0; i < plen; i++) {
			zf_hex(proof[i], ZF_DIGEST_LEN, hex);
			zf_buf_printf(&lines, "%s\"%s\"", i ? "," : "", hex);
		}
		zf_buf_printf(&lines, "],\"seq\":%llu}\n",
		    (unsigned long long)seq);
	}
	sqlite3_reset(st);
	if (rc != 0) {
		rc = rc < 0 ? p->e->code : rc;
		goto out;
	}
	vkey = zf_note_vkey(zf_archive_suite(a), zf_archive_origin(a),
	    zf_archive_pubkey(a), zf_archive_pubkey_len(a));
	if ((rc = zf_bundle_add(p->b, "journal/proofs.jsonl", lines.data ?
	    lines.data : "", lines.len, p->e)) == 0 &&
	    (rc = zf_bundle_add(p->b, "journal/checkpoint", note,
	    strlen(note), p->e)) == 0) {
		char *line = xasprintf("%s\n", vkey);

		rc = zf_bundle_add(p->b, "journal/agency.vkey", line,
		    strlen(line), p->e);
		free(line);
	}
	free(vkey);
out:
	zf_buf_release(&lines);
	free(note);
	free(origin);
	return rc;
}

static const char *const access_names[] = { "public", "restricted",
	"secret" };

/* archive.json: the file described as the archives take it. */
static struct zf_json *
description(struct package *p, sqlite3_stmt *c, const struct zf_retention *r,
    uint64_t size)
{
	struct zf_archive *a = p->a;
	const struct zf_config *cfg = zf_archive_config(a);
	const struct zf_person *me = zf_archive_person(a);
	struct zf_json *x = zf_json_object(), *o;
	char date[11], name[16], *title, *vkey;

	zf_json_set_str(x, "format", "zhifa-archival");
	zf_json_set_int(x, "version", 1);
	o = zf_json_object();
	zf_json_set_str(o, "name", cfg->agency_name);
	if (cfg->agency_code != NULL)
		zf_json_set_str(o, "code", cfg->agency_code);
	zf_json_set_str(o, "origin", zf_archive_origin(a));
	vkey = zf_note_vkey(zf_archive_suite(a), zf_archive_origin(a),
	    zf_archive_pubkey(a), zf_archive_pubkey_len(a));
	zf_json_set_str(o, "vkey", vkey);
	free(vkey);
	zf_json_set_str(o, "suite", zf_suite_name(zf_archive_suite(a)));
	zf_json_set(x, "fonds", o);
	title = xasprintf("%s %s %s", zf_db_text(c, 0), zf_db_text(c, 2),
	    zf_db_text(c, 3));
	zf_json_set_str(x, "title", title);
	free(title);
	zf_json_set_str(x, "responsible", cfg->agency_name);
	o = zf_json_object();
	zf_json_set_str(o, "id", p->case_id);
	zf_json_set_str(o, "number", zf_db_text(c, 0));
	zf_json_set_str(o, "kind", zf_db_text(c, 1));
	zf_json_set_str(o, "party", zf_db_text(c, 2));
	zf_json_set_str(o, "cause", zf_db_text(c, 3));
	zf_json_set(x, "case", o);
	o = zf_json_object();
	zf_json_set_str(o, "filed", zf_db_text(c, 4));
	zf_date_format(r->closed, date);
	zf_json_set_str(o, "closed", r->closed >= 0 ? date : NULL);
	zf_json_set(x, "dates", o);
	o = zf_json_object();
	zf_json_set_str(o, "period", zf_retention_name(r->years, name));
	zf_json_set_int(o, "years", r->years);
	zf_json_set_str(o, "basis", r->basis);
	zf_json_set_str(o, "counted_from", "the 1 January after closing");
	if (r->passes >= 0) {
		zf_date_format(r->passes, date);
		zf_json_set_str(o, "passes", date);
	} else {
		zf_json_set_str(o, "passes", NULL);
	}
	zf_json_set(x, "retention", o);
	zf_json_set_str(x, "access", access_names[p->access]);
	zf_json_set_int(x, "items", (int64_t)zf_json_len(p->items));
	zf_date_format(zf_archive_today(a), date);
	zf_json_set_str(x, "archived", date);
	o = zf_json_object();
	zf_json_set_str(o, "id", me->id);
	zf_json_set_str(o, "name", me->name);
	zf_json_set(x, "transferred_by", o);
	zf_json_set_int(x, "journal_size", (int64_t)size);
	return x;
}

/* The package's payload, all of it, and its seal. */
static int
write_package(struct package *p, const struct zf_retention *r)
{
	static const char sql[] = "SELECT number, kind, party_name, cause, "
	    "filed FROM cases WHERE id = ?";
	struct zf_db *db = zf_archive_db(p->a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, p->e);
	struct zf_json *x = NULL, *toc;
	uint64_t size = 0;
	char *text = NULL;
	int rc;

	if (st == NULL)
		return p->e->code;
	if ((rc = put_objects(p)) != 0 || (rc = put_journal(p, &size)) != 0 ||
	    (rc = zf_exchange_keys(p->a, &text)) != 0 ||
	    (rc = zf_bundle_add(p->b, "keys.json", text, strlen(text),
	    p->e)) != 0)
		goto out;
	free(text);
	toc = zf_json_object();
	zf_json_set_str(toc, "case", p->case_id);
	zf_json_set(toc, "items", zf_json_copy(p->items));
	text = zf_json_canonical(toc, NULL);
	zf_json_free(toc);
	if ((rc = zf_bundle_add(p->b, "toc.json", text, strlen(text),
	    p->e)) != 0 || (rc = zf_bundle_add(p->b, "卷内目录.csv",
	    p->csv.data, p->csv.len, p->e)) != 0)
		goto out;
	free(text);
	text = NULL;
	zf_db_bind_text(st, 1, p->case_id);
	if ((rc = zf_db_row(db, st, p->e, "cannot read the case")) != 1) {
		sqlite3_reset(st);
		rc = rc < 0 ? p->e->code : zf_fail(p->e, EX_NOINPUT, "no case "
		    "'%s'", p->case_id);
		goto out;
	}
	x = description(p, st, r, size);
	sqlite3_reset(st);
	text = zf_json_canonical(x, NULL);
	if ((rc = zf_bundle_add(p->b, "archive.json", text, strlen(text),
	    p->e)) == 0)
		rc = zf_bundle_seal(p->b, p->e);
out:
	zf_json_free(x);
	free(text);
	return rc;
}

int
zf_transfer_take(struct zf_archive *a, const char *case_id,
    const struct zf_step_input *in, struct zf_json **summary)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_config *cfg = zf_archive_config(a);
	struct zf_step_input step = *in;
	struct zf_json *extra = NULL, *ret;
	struct package p;
	struct zf_retention r;
	uint8_t h[ZF_DIGEST_LEN];
	char hex[ZF_DIGEST_HEX], name[16], date[11], *info = NULL;
	const char *base = strrchr(in->out, '/');
	int rc, format;

	*summary = NULL;
	memset(&p, 0, sizeof(p));
	p.a = a;
	p.e = e;
	p.case_id = case_id;
	if ((rc = zf_archive_outside(a, in->out, 0)) != 0 ||
	    (rc = zf_step_check(a, case_id, in)) != 0 ||
	    (rc = zf_retention_case(a, case_id, &r)) != 0)
		return rc;
	format = zf_bundle_format_of(in->out);
	if ((rc = zf_archive_begin(a)) != 0)
		return rc;
	p.items = zf_json_array();
	zf_buf_init(&p.csv);
	info = xasprintf("Source-Organization: %s\nExternal-Identifier: %s\n"
	    "External-Description: zhifa archival transfer package "
	    "(归档移交) of %s\nZhifa-Package: archival\n", cfg->agency_name,
	    case_id, case_id);
	if ((rc = zf_bundle_open(in->out, format, info, &p.b, e)) != 0 ||
	    (rc = write_package(&p, &r)) != 0)
		goto fail;
	zf_bundle_tag_digest(p.b, "manifest-sha256.txt", h);
	zf_hex(h, ZF_DIGEST_LEN, hex);
	extra = zf_json_object();
	zf_json_set_str(extra, "package", base ? base + 1 : in->out);
	zf_json_set_str(extra, "manifest_sha256", hex);
	ret = zf_json_object();
	zf_json_set_str(ret, "period", zf_retention_name(r.years, name));
	zf_json_set_int(ret, "years", r.years);
	zf_json_set_str(ret, "basis", r.basis);
	zf_date_format(r.passes, date);
	zf_json_set_str(ret, "passes", r.passes >= 0 ? date : NULL);
	zf_json_set(extra, "retention", ret);
	step.extra = extra;
	if ((rc = zf_step_record(a, case_id, &step)) != 0 ||
	    (rc = zf_archive_commit(a)) != 0)
		goto fail;
	rc = zf_bundle_place(p.b, e);
	p.b = NULL;
	if (rc == 0) {
		*summary = zf_json_copy(extra);
		zf_json_set_str(*summary, "case", case_id);
		zf_json_set_str(*summary, "package", in->out);
		zf_json_set_int(*summary, "objects",
		    (int64_t)zf_json_len(p.items));
	}
	goto out;
fail:
	zf_archive_abort(a);
	if (p.b != NULL)
		zf_bundle_abort(p.b);
out:
	zf_json_free(extra);
	zf_json_free(p.items);
	zf_buf_release(&p.csv);
	free(info);
	return rc;
}
