/* render: doc-render's work — fill, number, store, journal, check. */
#include "documents/render.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/io.h"
#include "base/json.h"
#include "base/text.h"
#include "base/when.h"
#include "cases/case.h"
#include "cases/evidence.h"
#include "cases/may.h"
#include "documents/doc.h"
#include "documents/docx.h"
#include "documents/fields.h"
#include "documents/html.h"
#include "documents/template.h"
#include "record/archive.h"
#include "record/db.h"
#include "record/journal.h"
#include "rules/config.h"
#include "rules/permissions.h"
#include "rules/procedure.h"
#include "base/i18n.h"

#define TEMPLATE_MAX	(1u << 20)
#define INPUT_MAX	(64u << 10)	/* the bytes of one --set value */

extern const char zf_data_filing_tpl[], zf_data_inspection_tpl[],
    zf_data_inquiry_tpl[], zf_data_rectify_tpl[], zf_data_notice_tpl[],
    zf_data_hearing_notice_tpl[], zf_data_decision_tpl[],
    zf_data_receipt_tpl[], zf_data_closing_tpl[],
    zf_data_review_opinion_tpl[];

/* The documents built in, in the order of a case. */
static const struct {
	const char *name;
	const char *text;
} builtins[] = {
	{ "filing", zf_data_filing_tpl },
	{ "inspection", zf_data_inspection_tpl },
	{ "inquiry", zf_data_inquiry_tpl },
	{ "rectify", zf_data_rectify_tpl },
	{ "notice", zf_data_notice_tpl },
	{ "hearing-notice", zf_data_hearing_notice_tpl },
	{ "review-opinion", zf_data_review_opinion_tpl },
	{ "decision", zf_data_decision_tpl },
	{ "receipt", zf_data_receipt_tpl },
	{ "closing", zf_data_closing_tpl },
};
#define NBUILTINS (sizeof(builtins) / sizeof(builtins[0]))

static int
good_name(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || (s[i] == '-' && i > 0)))
			return 0;
	return i > 0 && i < 64;
}

/*
 * The template of type: the file given, else the bureau's in
 * $ZHIFA_TEMPLATES (TYPE.tpl), else the one built in.
 */
/* Reads the template at file: a regular file, not a pipe or a device. */
static int
load_file(const char *type, const char *file, struct zf_template *t,
    struct zf_err *e)
{
	struct zf_buf b;
	struct stat st;
	int rc;

	if (stat(file, &st) != 0)
		return zf_fail(e, EX_NOINPUT, "cannot read template '%s': %s",
		    file, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return zf_fail(e, EX_NOINPUT, "template '%s' is not a "
		    "regular file", file);
	zf_buf_init(&b);
	if (zf_read_file(AT_FDCWD, file, TEMPLATE_MAX, &b) != 0)
		rc = zf_fail(e, EX_NOINPUT, "cannot read template '%s': %s",
		    file, strerror(errno));
	else
		rc = zf_template_parse(type, b.data, b.len, t, e);
	zf_buf_release(&b);
	return rc;
}

/*
 * The template of type: the file given, else the bureau's in
 * $ZHIFA_TEMPLATES (TYPE.tpl), which must be a folder, else the one
 * built in.
 */
static int
load(const char *type, const char *file, struct zf_template *t,
    struct zf_err *e)
{
	const char *dir = getenv("ZHIFA_TEMPLATES");
	struct stat st;
	char *path;
	size_t i;
	int rc;

	memset(t, 0, sizeof(*t));
	if (!good_name(type))
		return zf_fail(e, EX_USAGE, "'%s' is not a document's name "
		    "(doc-render --list names them)", type);
	if (file != NULL)
		return load_file(type, file, t, e);
	if (dir != NULL && dir[0] != '\0') {
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			return zf_fail(e, EX_CONFIG, "ZHIFA_TEMPLATES '%s' is "
			    "not a folder", dir);
		path = xasprintf("%s/%s.tpl", dir, type);
		if (lstat(path, &st) == 0) {
			rc = load_file(type, path, t, e);
			free(path);
			return rc;
		}
		free(path);
	}
	for (i = 0; i < NBUILTINS; i++)
		if (strcmp(builtins[i].name, type) == 0)
			return zf_template_parse(type, builtins[i].text,
			    strlen(builtins[i].text), t, e);
	return zf_fail(e, EX_USAGE, "no document '%s' (doc-render --list "
	    "names them)", type);
}

int
zf_render_list(struct zf_json **out)
{
	struct zf_template t;
	struct zf_err e;
	struct zf_json *o;
	size_t i;

	*out = zf_json_array();
	for (i = 0; i < NBUILTINS; i++) {
		if (load(builtins[i].name, NULL, &t, &e) != 0) {
			zf_template_release(&t);
			zf_json_free(*out);
			*out = NULL;
			return e.code;
		}
		o = zf_json_object();
		zf_json_set_str(o, "name", t.name);
		zf_json_set_str(o, "title", t.title);
		zf_json_set_str(o, "number", t.number);
		zf_json_push(*out, o);
		zf_template_release(&t);
	}
	return 0;
}

/* The rules a template sets before it is made: its kinds, its steps. */
static int
may_make(struct zf_archive *a, const struct zf_template *t,
    const char *case_id, const struct zf_json *root)
{
	struct zf_err *e = zf_archive_err(a);
	const char *kind = zf_json_get_str(zf_json_get(root, "case"), "kind");
	size_t i;
	int rc, found = t->kinds == NULL;

	for (i = 0; t->kinds != NULL && t->kinds[i] != NULL; i++)
		found |= strcmp(t->kinds[i], kind) == 0;
	if (!found)
		return zf_fail(e, EX_NOPERM, "a %s (%s) is not made in a case "
		    "of kind %s such as %s", t->title, t->name, kind, case_id);
	for (i = 0; t->after != NULL && t->after[i] != NULL; i++) {
		if ((rc = zf_case_has_step(a, case_id, t->after[i])) < 0)
			return e->code;
		if (rc == 0)
			return zf_fail(e, EX_NOPERM, "a %s (%s) of %s follows "
			    "the %s step, which is not recorded: its dates "
			    "count from it (case-step %s %s)", t->title,
			    t->name, case_id, t->after[i], case_id,
			    t->after[i]);
	}
	return zf_case_may(a, case_id, ZF_ACT_RENDER, zf_archive_today(a));
}

static int
bad_input(const struct zf_template *t, const char *name, int twice,
    struct zf_err *e)
{
	struct zf_buf b;
	size_t i;
	int rc;

	zf_buf_init(&b);
	for (i = 0; i < t->ninputs; i++)
		zf_buf_printf(&b, "%s%s", i ? ", " : "", t->inputs[i].name);
	rc = zf_fail(e, EX_USAGE, "the %s (%s) takes no %s'%s' (its inputs: "
	    "%s)", t->title, t->name, twice ? _("second ") : "", name,
	    b.len ? b.data : _("none"));
	zf_buf_release(&b);
	return rc;
}

/* The maker's inputs as input.NAME; each declared, each once. */
static int
inputs(const struct zf_template *t, const struct zf_render_input *in,
    struct zf_json *root, struct zf_err *e)
{
	struct zf_json *o = zf_json_object();
	const char *why;
	size_t i;

	zf_json_set(root, "input", o);
	for (i = 0; i < in->nsets; i++) {
		const char *eq = strchr(in->sets[i], '=');
		char *name;

		if (eq == NULL || eq == in->sets[i])
			return zf_fail(e, EX_USAGE, "--set '%s' is not "
			    "NAME=VALUE", in->sets[i]);
		name = xstrndup(in->sets[i], (size_t)(eq - in->sets[i]));
		if (zf_template_input(t, name) == NULL || zf_json_get(o,
		    name) != NULL) {
			int rc = bad_input(t, name, zf_json_get(o, name) !=
			    NULL, e);

			free(name);
			return rc;
		}
		if (zf_text_check(eq + 1, INPUT_MAX, 1, &why) != 0) {
			int rc = zf_fail(e, EX_DATAERR, "--set %s: the value "
			    "is %s (at most %u bytes of UTF-8 text, lines "
			    "allowed)", name, why, INPUT_MAX);

			free(name);
			return rc;
		}
		zf_json_set_str(o, name, eq + 1);
		free(name);
	}
	return 0;
}

/* 1 when number is held by a document of another kind or case, or a
 * decision. */
static int
number_held(struct zf_archive *a, const char *number, const char *case_id,
    const char *type)
{
	static const char sql[] = "SELECT 1 FROM documents WHERE number = ?1 "
	    "AND NOT (case_id = ?2 AND type = ?3) UNION ALL SELECT 1 FROM "
	    "decisions WHERE number = ?1 LIMIT 1";
	struct zf_db *db = zf_archive_db(a);
	sqlite3_stmt *st;
	int rc;

	if ((st = zf_db_stmt(db, sql, zf_archive_err(a))) == NULL)
		return -1;
	zf_db_bind_text(st, 1, number);
	zf_db_bind_text(st, 2, case_id);
	zf_db_bind_text(st, 3, type);
	rc = zf_db_row(db, st, zf_archive_err(a), "cannot read the numbers");
	if (rc == 1)
		sqlite3_reset(st);
	return rc;
}

/* The number this case's document of type already holds, if any. */
static int
number_kept(struct zf_archive *a, const char *case_id, const char *type,
    struct zf_json *doc)
{
	static const char sql[] = "SELECT number, year, n, series FROM "
	    "documents WHERE case_id = ? AND type = ? AND n IS NOT NULL ORDER "
	    "BY seq DESC LIMIT 1";
	struct zf_db *db = zf_archive_db(a);
	sqlite3_stmt *st;
	int rc;

	if ((st = zf_db_stmt(db, sql, zf_archive_err(a))) == NULL)
		return -1;
	zf_db_bind_text(st, 1, case_id);
	zf_db_bind_text(st, 2, type);
	if ((rc = zf_db_row(db, st, zf_archive_err(a), "cannot read the "
	    "documents")) != 1)
		return rc;
	zf_json_set_str(doc, "number", zf_db_text(st, 0));
	zf_json_set_int(doc, "year", sqlite3_column_int64(st, 1));
	zf_json_set_int(doc, "n", sqlite3_column_int64(st, 2));
	zf_json_set_str(doc, "series", zf_db_text(st, 3));
	sqlite3_reset(st);
	return 1;
}

/* The next n of the documents numbered in series in year. */
static int
next_n(struct zf_archive *a, const char *series, int year, int64_t *n)
{
	static const char sql[] = "SELECT coalesce(max(n), 0) + 1 FROM "
	    "documents WHERE series = ? AND year = ?";
	struct zf_db *db = zf_archive_db(a);
	sqlite3_stmt *st;
	int rc;

	if ((st = zf_db_stmt(db, sql, zf_archive_err(a))) == NULL)
		return -1;
	zf_db_bind_text(st, 1, series);
	sqlite3_bind_int(st, 2, year);
	if ((rc = zf_db_row(db, st, zf_archive_err(a), "cannot count the "
	    "documents")) != 1)
		return -1;
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* A new number from numbering.documents: the next free one this year. */
static int
number_new(struct zf_archive *a, const struct zf_template *t,
    const char *case_id, const char *letter, struct zf_json *doc)
{
	const struct zf_config *c = zf_archive_config(a);
	const char *fmt = zf_config_doc_number(c, t->number);
	int year, month, day, rc;
	int64_t n;
	char *number;

	zf_date_ymd(zf_archive_today(a), &year, &month, &day);
	if (next_n(a, t->number, year, &n) != 0)
		return -1;
	for (;; n++) {
		number = zf_config_number(c, fmt, letter, year, n);
		if ((rc = number_held(a, number, case_id, t->name)) != 1)
			break;
		free(number);
	}
	if (rc == 0) {
		zf_json_set_str(doc, "number", number);
		zf_json_set_str(doc, "series", t->number);
		zf_json_set_int(doc, "year", year);
		zf_json_set_int(doc, "n", n);
	}
	free(number);
	return rc;
}

/*
 * The document's 文号 into doc: the case's, the decision's, the one this
 * case's document of the kind already holds, or a new one.
 */
static int
number(struct zf_archive *a, const struct zf_template *t,
    const char *case_id, const struct zf_json *root, struct zf_json *doc)
{
	const struct zf_json *cs = zf_json_get(root, "case");
	const struct zf_case_kind *k;
	const char *v;
	int rc;

	if (t->number == NULL)
		return 0;
	if (strcmp(t->number, "case") == 0) {
		zf_json_set_str(doc, "number", zf_json_get_str(cs, "number"));
		return 0;
	}
	if (strcmp(t->number, "decision") == 0) {
		v = zf_json_get_str(zf_json_get(root, "decision"), "number");
		if (v == NULL)
			return zf_fail(zf_archive_err(a), EX_NOPERM, "a %s "
			    "(%s) carries the decision's 文号, and %s has no "
			    "decision in force (decision-issue)", t->title,
			    t->name, case_id);
		zf_json_set_str(doc, "number", v);
		return 0;
	}
	if (zf_config_doc_number(zf_archive_config(a), t->number) == NULL)
		return zf_fail(zf_archive_err(a), EX_CONFIG, "the %s (%s) is "
		    "numbered by numbering.documents.%s, which zhifa.yaml does "
		    "not give", t->title, t->name, t->number);
	if ((rc = number_kept(a, case_id, t->name, doc)) != 0)
		return rc < 0 ? -1 : 0;
	k = zf_case_kind_find(zf_json_get_str(cs, "kind"));
	return number_new(a, t, case_id, k != NULL ? k->letter : "", doc);
}

static const char base32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void
zf_render_code(const struct zf_json *signed_part, char out[20])
{
	uint8_t d[ZF_DIGEST_LEN];
	char *text = zf_json_canonical(signed_part, NULL);
	int i, o = 0;

	zf_digest_buf(ZF_SUITE_SHA256_ED25519, text, strlen(text), d);
	free(text);
	/* 80 bits, five bits a character, a dash after each four. */
	for (i = 0; i < 16; i++) {
		int bit = i * 5, v = ((d[bit / 8] << 8 | d[bit / 8 + 1]) >>
		    (11 - bit % 8)) & 31;

		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = base32[v];
	}
	out[o] = '\0';
}

/*
 * The rest of the event's "signed" member s, beside its fields: what the
 * verification code is made of.
 */
static int
signed_part(struct zf_archive *a, const struct zf_template *t,
    const char *case_id, struct zf_json *doc, struct zf_json *s)
{
	const struct zf_config *c = zf_archive_config(a);
	char hex[ZF_DIGEST_HEX], day[11];
	int64_t serial;

	if (zf_db_int(zf_archive_db(a), "SELECT count(*) + ? FROM documents",
	    1, &serial, zf_archive_err(a)) != 0)
		return -1;
	zf_json_set_str(s, "agency", c->agency_name);
	zf_json_set_str(s, "case", case_id);
	zf_json_set_str(s, "document", t->name);
	zf_json_set_str(s, "title", t->title);
	zf_json_set_str(s, "number", zf_json_get_str(doc, "number"));
	zf_date_format(zf_archive_today(a), day);
	zf_json_set_str(s, "date", day);
	zf_json_set_int(s, "serial", serial);
	zf_hex(t->sha256, ZF_DIGEST_LEN, hex);
	zf_json_set_str(s, "template", hex);
	return 0;
}

static void
code_note(struct zf_doc *d, const struct zf_config *c)
{
	d->code_note = xasprintf("本文书由%s执法档案制作并记录，制作人的签名记"
	    "入档案日志。核验：doc-render --check 校验码，或扫描二维码后在本机"
	    "关档案或公开的案卷包中查验。", c->agency_name);
}

/* Journals the stored .docx as evidence, then document.rendered. */
static int
record(struct zf_archive *a, const struct zf_template *t,
    const char *case_id, struct zf_json *doc, struct zf_json *signed_doc,
    struct zf_rendered *out)
{
	struct zf_evidence_doc ed;
	struct zf_json *data;
	char *name, *title, hex[ZF_DIGEST_HEX];
	const char *num = zf_json_get_str(doc, "number");
	int64_t v;
	int rc;

	memset(&ed, 0, sizeof(ed));
	title = num != NULL ? xasprintf("%s %s", t->title, num) :
	    xstrdup(t->title);
	name = xasprintf("%s-%s.docx", t->title, out->code);
	ed.text = out->docx.data;
	ed.len = out->docx.len;
	ed.name = name;
	ed.title = title;
	ed.stage = t->stage;
	if ((rc = zf_evidence_doc_store(a, &ed)) == 0)
		rc = zf_evidence_doc_record(a, case_id, &ed);
	if (rc == 0) {
		data = zf_json_object();
		zf_json_set_str(data, "evidence", ed.id);
		zf_hex(ed.stored.sha256, ZF_DIGEST_LEN, hex);
		zf_json_set_str(data, "sha256", hex);
		zf_json_set_str(data, "code", out->code);
		if (zf_json_get_int(doc, "year", &v) == 0) {
			zf_json_set_str(data, "series", zf_json_get_str(doc,
			    "series"));
			zf_json_set_int(data, "year", v);
			zf_json_get_int(doc, "n", &v);
			zf_json_set_int(data, "n", v);
		}
		zf_json_set(data, "signed", zf_json_copy(signed_doc));
		rc = zf_journal_append(a, "document.rendered", case_id, data,
		    NULL);
	}
	if (rc == 0)
		out->evidence_id = xstrdup(ed.id);
	zf_evidence_doc_release(&ed);
	free(name);
	free(title);
	return rc;
}

/* Inside the transaction: everything but the commit. */
static int
make(struct zf_archive *a, const struct zf_template *t,
    const struct zf_render_input *in, struct zf_rendered *out)
{
	struct zf_err *e = zf_archive_err(a);
	struct zf_json *root = NULL, *doc, *used, *sp;
	struct zf_doc d;
	char code[20], day[11];
	int rc;

	memset(&d, 0, sizeof(d));
	if ((rc = zf_doc_fields(a, in->case_id, &root)) != 0)
		return rc;
	doc = zf_json_object();
	zf_json_set(root, "document", doc);
	zf_json_set_str(doc, "title", t->title);
	zf_date_format(zf_archive_today(a), day);
	zf_json_set_str(doc, "date", day);
	/* The fields filled in go into the signed part as they are. */
	sp = zf_json_object();
	used = zf_json_object();
	zf_json_set(sp, "fields", used);
	if ((rc = may_make(a, t, in->case_id, root)) != 0 ||
	    (rc = inputs(t, in, root, e)) != 0 ||
	    (rc = number(a, t, in->case_id, root, doc)) != 0 ||
	    (rc = zf_template_fill(t, root, zf_doc_field_hint, &d, used,
	    e)) != 0 ||
	    (rc = signed_part(a, t, in->case_id, doc, sp)) != 0)
		goto out;
	zf_render_code(sp, code);
	out->code = xstrdup(code);
	out->title = xstrdup(t->title);
	if (zf_json_get_str(doc, "number") != NULL)
		out->number = xstrdup(zf_json_get_str(doc, "number"));
	d.title = xstrdup(t->title);
	d.code = xstrdup(code);
	code_note(&d, zf_archive_config(a));
	if ((rc = zf_docx_write(&d, &out->docx, e)) != 0 ||
	    (rc = zf_doc_html(&d, &out->html, e)) != 0)
		goto out;
	rc = record(a, t, in->case_id, doc, sp, out);
out:
	if (rc < 0)
		rc = e->code;
	zf_doc_release(&d);
	zf_json_free(sp);
	zf_json_free(root);
	return rc;
}

int
zf_render(struct zf_archive *a, const struct zf_render_input *in,
    struct zf_rendered *out)
{
	struct zf_template t;
	int rc;

	memset(out, 0, sizeof(*out));
	zf_buf_init(&out->docx);
	zf_buf_init(&out->html);
	if ((rc = load(in->type, in->template_file, &t,
	    zf_archive_err(a))) != 0) {
		zf_template_release(&t);
		return rc;
	}
	if ((rc = zf_case_exists(a, in->case_id)) <= 0) {
		zf_template_release(&t);
		return rc < 0 ? zf_archive_err(a)->code :
		    zf_fail(zf_archive_err(a), EX_NOINPUT, "no case '%s'",
		    in->case_id);
	}
	if ((rc = zf_archive_begin(a)) == 0)
		rc = zf_case_commit(a, make(a, &t, in, out));
	zf_template_release(&t);
	return rc;
}

void
zf_rendered_release(struct zf_rendered *r)
{
	free(r->title);
	free(r->number);
	free(r->code);
	free(r->evidence_id);
	zf_buf_release(&r->docx);
	zf_buf_release(&r->html);
	memset(r, 0, sizeof(*r));
}

/* The code as written: upper case, dashes after each four. */
static int
normal_code(const char *in, char out[20])
{
	int o = 0, n = 0;

	for (; *in != '\0'; in++) {
		char ch = *in >= 'a' && *in <= 'z' ? *in - 32 : *in;

		if (ch == '-' || ch == ' ')
			continue;
		if (strchr(base32, ch) == NULL || n == 16)
			return -1;
		if (n > 0 && n % 4 == 0)
			out[o++] = '-';
		out[o++] = ch;
		n++;
	}
	out[o] = '\0';
	return n == 16 ? 0 : -1;
}

/* The code of a later document of the same kind in the case, if any. */
static int
later(struct zf_archive *a, struct zf_json *o)
{
	static const char sql[] = "SELECT code FROM documents WHERE case_id "
	    "= ? AND type = ? AND seq > ? ORDER BY seq DESC LIMIT 1";
	struct zf_db *db = zf_archive_db(a);
	const struct zf_json *seq = zf_json_get(o, "seq");
	sqlite3_stmt *st;
	int rc;

	zf_json_set(o, "superseded_by", NULL);
	if ((st = zf_db_stmt(db, sql, zf_archive_err(a))) == NULL)
		return -1;
	zf_db_bind_text(st, 1, zf_json_get_str(o, "case"));
	zf_db_bind_text(st, 2, zf_json_get_str(o, "document"));
	sqlite3_bind_int64(st, 3, zf_json_int_value(seq));
	if ((rc = zf_db_row(db, st, zf_archive_err(a), "cannot read the "
	    "documents")) == 1) {
		zf_json_set_str(o, "superseded_by", zf_db_text(st, 0));
		sqlite3_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

int
zf_render_check(struct zf_archive *a, const char *code,
    struct zf_json **out)
{
	static const char sql[] = "SELECT d.seq, j.body, j.actor, j.time "
	    "FROM documents d JOIN journal j ON j.seq = d.seq WHERE d.code = ?";
	struct zf_err *e = zf_archive_err(a);
	struct zf_db *db = zf_archive_db(a);
	struct zf_json *body, *o;
	const struct zf_json *data, *sp;
	const struct zf_person *p;
	char want[20], got[20], err[128];
	const char *text;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (normal_code(code, want) != 0)
		return zf_fail(e, EX_USAGE, "'%s' is not a verification code "
		    "(16 letters and digits, such as ABCD-EFGH-JKLM-NPQR)",
		    code);
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, want);
	if ((rc = zf_db_row(db, st, e, "cannot read the documents")) != 1)
		return rc < 0 ? e->code : zf_fail(e, EX_NOINPUT, "no document "
		    "of this archive has the verification code %s", want);
	text = zf_db_text(st, 1);
	body = zf_json_parse(text, strlen(text), err, sizeof(err));
	data = zf_json_get(body, "data");
	sp = zf_json_get(data, "signed");
	if (sp != NULL)
		zf_render_code(sp, got);
	if (sp == NULL || strcmp(got, want) != 0) {
		zf_json_free(body);
		sqlite3_reset(st);
		return zf_fail(e, EX_DATAERR, "the event that made the "
		    "document of code %s does not give that code: the record "
		    "was changed (run archive-verify)", want);
	}
	o = zf_json_copy(sp);
	zf_json_set_str(o, "code", want);
	zf_json_set_int(o, "seq", sqlite3_column_int64(st, 0));
	zf_json_set_str(o, "actor", zf_db_text(st, 2));
	p = zf_config_person(zf_archive_config(a), zf_db_text(st, 2));
	zf_json_set_str(o, "actor_name", p != NULL ? p->name : NULL);
	zf_json_set_str(o, "made", zf_db_text(st, 3));
	zf_json_set_str(o, "evidence", zf_json_get_str(data, "evidence"));
	zf_json_set_str(o, "sha256", zf_json_get_str(data, "sha256"));
	sqlite3_reset(st);
	zf_json_free(body);
	if (later(a, o) != 0) {
		zf_json_free(o);
		return e->code;
	}
	*out = o;
	return 0;
}
