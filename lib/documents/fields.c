/* fields: a case's record as the fields of its documents. */
#include "documents/fields.h"

#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/when.h"
#include "cases/case.h"
#include "cases/review.h"
#include "record/archive.h"
#include "record/db.h"
#include "rules/config.h"
#include "rules/procedure.h"

static const char *const party_kinds[][2] = {
	{ "person", "自然人" }, { "org", "法人或者其他组织" },
	{ "business", "个体工商户" }, { NULL, NULL }
};
static const char *const evidence_kinds[][2] = {
	{ "document", "书证" }, { "photo", "照片" }, { "audio", "录音" },
	{ "video", "录像" }, { "record", "笔录" }, { "other", "其他" },
	{ NULL, NULL }
};

/* The Chinese of code in a two-column table; NULL when absent. */
static const char *
chinese(const char *const table[][2], const char *code)
{
	size_t i;

	for (i = 0; code != NULL && table[i][0] != NULL; i++)
		if (strcmp(table[i][0], code) == 0)
			return table[i][1];
	return NULL;
}

static void
set_name(struct zf_json *o, const char *key, const char *value)
{
	if (value != NULL)
		zf_json_set_str(o, key, value);
}

static const char *
person_name(const struct zf_config *c, const char *id)
{
	const struct zf_person *p = id != NULL ? zf_config_person(c, id) :
	    NULL;

	return p != NULL ? p->name : NULL;
}

static struct zf_json *
agency(const struct zf_config *c)
{
	struct zf_json *o = zf_json_object();
	const struct zf_json *v;

	zf_json_set_str(o, "name", c->agency_name);
	set_name(o, "code", c->agency_code);
	zf_json_set_str(o, "short", c->agency_short);
	zf_json_set_str(o, "seal", c->agency_seal);
	if ((v = zf_json_get(c->standing, "address")) != NULL)
		zf_json_set(o, "address", zf_json_copy(v));
	if ((v = zf_json_get(c->standing, "phone")) != NULL)
		zf_json_set(o, "phone", zf_json_copy(v));
	if ((v = zf_json_get(c->standing, "remedies")) != NULL)
		zf_json_set(o, "remedies", zf_json_copy(v));
	return o;
}

static struct zf_json *
officers(const struct zf_config *c, const struct zf_json *ids,
    struct zf_buf *names)
{
	struct zf_json *list = zf_json_array(), *o;
	size_t i;

	for (i = 0; i < zf_json_len(ids); i++) {
		const char *id = zf_json_str(zf_json_at(ids, i));
		const struct zf_person *p = zf_config_person(c, id);

		o = zf_json_object();
		zf_json_set_str(o, "id", id);
		if (p != NULL) {
			zf_json_set_str(o, "name", p->name);
			set_name(o, "certificate", p->certificate);
			zf_buf_printf(names, "%s%s", i ? "、" : "", p->name);
		}
		zf_json_push(list, o);
	}
	return list;
}

/*
 * The evidence that proves the facts: each piece of the case's with the
 * Chinese of its kind, less the case's own papers (the documents of its
 * steps, decisions, reviews and doc-render), which a notice does not
 * list as evidence.
 */
static int
evidence(struct zf_archive *a, const char *case_id, const struct zf_json *all,
    struct zf_json *root)
{
	static const char sql[] = "SELECT doc FROM steps WHERE case_id = ?1 "
	    "UNION SELECT doc FROM decisions WHERE case_id = ?1 UNION SELECT "
	    "evidence_id FROM documents WHERE case_id = ?1 UNION SELECT "
	    "statement FROM reviews WHERE case_id = ?1 UNION SELECT draft FROM "
	    "reviews WHERE case_id = ?1 UNION SELECT opinion_doc FROM reviews "
	    "WHERE case_id = ?1";
	struct zf_db *db = zf_archive_db(a);
	struct zf_json *out = zf_json_array(), *papers = zf_json_object();
	sqlite3_stmt *st;
	size_t i;
	int rc;

	zf_json_set(root, "evidence", out);
	if ((st = zf_db_stmt(db, sql, zf_archive_err(a))) == NULL) {
		zf_json_free(papers);
		return -1;
	}
	zf_db_bind_text(st, 1, case_id);
	while ((rc = zf_db_row(db, st, zf_archive_err(a), "cannot read the "
	    "case's documents")) == 1)
		zf_json_set_bool(papers, zf_db_text(st, 0), 1);
	for (i = 0; rc == 0 && i < zf_json_len(all); i++) {
		const struct zf_json *x = zf_json_at(all, i);
		struct zf_json *y;

		if (zf_json_get(papers, zf_json_get_str(x, "id")) != NULL)
			continue;
		y = zf_json_copy(x);
		set_name(y, "kind_name", chinese(evidence_kinds,
		    zf_json_get_str(x, "kind")));
		zf_json_push(out, y);
	}
	zf_json_free(papers);
	return rc;
}

static struct zf_json *
decision(const struct zf_json *d)
{
	struct zf_json *o = zf_json_copy(d), *names = zf_json_array();
	const struct zf_json *m = zf_json_get(d, "measures");
	size_t i;

	for (i = 0; i < zf_json_len(m); i++) {
		const struct zf_measure *x = zf_measure_find(zf_json_str(
		    zf_json_at(m, i)));

		if (x != NULL)
			zf_json_push(names, zf_json_string(x->chinese));
	}
	zf_json_set(o, "measure_names", names);
	return o;
}

/* The latest of each step. */
static void
steps(const struct zf_config *c, const struct zf_json *cs,
    struct zf_json *root)
{
	struct zf_json *all = zf_json_object(), *o;
	const struct zf_json *list = zf_json_get(cs, "steps");
	size_t i;

	for (i = 0; i < zf_json_len(list); i++) {
		const struct zf_json *s = zf_json_at(list, i);

		o = zf_json_copy(s);
		set_name(o, "actor_name", person_name(c,
		    zf_json_get_str(s, "actor")));
		zf_json_set(all, zf_json_get_str(s, "step"), o);
	}
	zf_json_set(root, "step", all);
}

/* Each period's last day by its rule, met or not: a document states it. */
static int
dues(struct zf_archive *a, const char *case_id, struct zf_json *root)
{
	static const char sql[] = "SELECT rule, due FROM deadlines WHERE "
	    "case_id = ?";
	struct zf_db *db = zf_archive_db(a);
	struct zf_json *due = zf_json_object();
	sqlite3_stmt *st;
	int rc;

	zf_json_set(root, "due", due);
	if ((st = zf_db_stmt(db, sql, zf_archive_err(a))) == NULL)
		return -1;
	zf_db_bind_text(st, 1, case_id);
	while ((rc = zf_db_row(db, st, zf_archive_err(a), "cannot read the "
	    "deadlines")) == 1)
		zf_json_set_str(due, zf_db_text(st, 0), zf_db_text(st, 1));
	return rc;
}

/* Each point of the review with its question and its answer. */
static void
points(struct zf_json *list)
{
	size_t i, j;

	for (i = 0; i < zf_json_len(list); i++) {
		struct zf_json *x = zf_json_at(list, i);
		const char *name = zf_json_get_str(x, "point");

		for (j = 0; j < ZF_REVIEW_POINTS; j++)
			if (name != NULL &&
			    strcmp(zf_review_points[j].name, name) == 0)
				zf_json_set_str(x, "question",
				    zf_review_points[j].chinese);
		zf_json_set_str(x, "answer", zf_json_get_bool(x, "pass") ?
		    "符合" : "不符合");
	}
}

static void
review(const struct zf_config *c, const struct zf_json *cs,
    struct zf_json *root)
{
	const struct zf_json *rounds = zf_json_get(zf_json_get(cs, "review"),
	    "rounds");
	struct zf_json *o;

	if (zf_json_len(rounds) == 0)
		return;
	o = zf_json_copy(zf_json_at(rounds, zf_json_len(rounds) - 1));
	set_name(o, "reviewer_name", person_name(c, zf_json_get_str(o,
	    "reviewer")));
	set_name(o, "submitter_name", person_name(c, zf_json_get_str(o,
	    "submitted_by")));
	set_name(o, "verdict", zf_review_status_chinese(zf_json_get_str(o,
	    "status")));
	points(zf_json_get(o, "points"));
	zf_json_set(root, "review", o);
}

int
zf_doc_fields(struct zf_archive *a, const char *case_id,
    struct zf_json **out)
{
	const struct zf_config *c = zf_archive_config(a);
	struct zf_json *cs, *root, *party;
	const struct zf_json *d;
	struct zf_buf names;
	char day[11];
	int rc;

	*out = NULL;
	if ((rc = zf_case_show(a, case_id, &cs)) != 0)
		return rc;
	root = zf_json_object();
	zf_json_set(root, "agency", agency(c));
	party = zf_json_copy(zf_json_get(cs, "party"));
	set_name(party, "kind_name", chinese(party_kinds,
	    zf_json_get_str(party, "kind")));
	zf_json_set(root, "party", party);
	zf_buf_init(&names);
	zf_json_set(root, "officers", officers(c, zf_json_get(cs, "officers"),
	    &names));
	zf_json_set_str(root, "officer_names", names.data);
	zf_buf_release(&names);
	if ((d = zf_json_get(cs, "decision")) != NULL &&
	    zf_json_type(d) == ZF_JSON_OBJECT)
		zf_json_set(root, "decision", decision(d));
	steps(c, cs, root);
	review(c, cs, root);
	if (dues(a, case_id, root) != 0 || evidence(a, case_id,
	    zf_json_get(cs, "evidence"), root) != 0) {
		zf_json_free(cs);
		zf_json_free(root);
		return zf_archive_err(a)->code;
	}
	zf_date_format(zf_archive_today(a), day);
	zf_json_set_str(root, "today", day);
	zf_json_set(root, "case", cs);
	*out = root;
	return 0;
}

const char *
zf_doc_field_hint(const char *path)
{
	static const struct {
		const char *prefix, *hint;
	} hints[] = {
		{ "due.", "its period has not started: record the step it "
		    "counts from (case-step)" },
		{ "step.", "record the step first (case-step)" },
		{ "decision.", "the decision in force does not give it, or "
		    "there is none (decision-issue; decision-correct)" },
		{ "review.", "the case has no legal review (review-submit)" },
		{ "input.", "give it: --set NAME=VALUE" },
		{ "party.", "the party's record lacks it (case-new --party-id, "
		    "--party-rep, --party-address, --party-phone)" },
		{ "agency.", "zhifa.yaml lacks it (agency:, publication:)" },
		{ "document.number", "this document carries no 文号 "
		    "(numbering.documents in zhifa.yaml)" },
	};
	size_t i;

	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (strncmp(path, hints[i].prefix,
		    strlen(hints[i].prefix)) == 0)
			return hints[i].hint;
	return NULL;
}
