/*
 * draw-algo: the 双随机 draw computed from its published inputs alone —
 * the directory read, the seed, the stream of words, the shuffles — with
 * no archive, so that anyone can run it (draw.h says the algorithm).
 */
#include "cases/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/csv.h"
#include "base/err.h"
#include "base/ident.h"
#include "base/json.h"
#include "base/text.h"
#include "base/yaml.h"

#define SHA256 ZF_SUITE_SHA256_ED25519
#define FIELD_MAX 1000

void
zf_draw_targets_free(struct zf_draw_target *t, size_t n)
{
	size_t i;

	for (i = 0; t != NULL && i < n; i++) {
		free(t[i].name);
		free(t[i].code);
		free(t[i].address);
		free(t[i].field);
		free(t[i].item);
	}
	free(t);
}

/* --- the directory --------------------------------------------------- */

/* The member names of a target, English and Chinese. */
static const char *const members[][2] = {
	{ "name", "名称" }, { "code", "统一社会信用代码" },
	{ "address", "地址" }, { "field", "领域" }, { "item", "抽查事项" },
};
#define NMEMBERS (sizeof(members) / sizeof(members[0]))

static int
member_of(const char *s)
{
	size_t i;

	for (i = 0; i < NMEMBERS; i++)
		if (strcmp(s, members[i][0]) == 0 ||
		    strcmp(s, members[i][1]) == 0)
			return (int)i;
	return -1;
}

struct reading {
	const char *file;
	struct zf_draw_target *t;
	size_t n, cap;
	int column[NMEMBERS];	/* CSV: the column of each member */
	int header;		/* CSV: the header row was read */
	size_t row;
	struct zf_err *e;
	int rc;
};

/* Takes one target's values (NULL: absent), checking them. */
static int
take(struct reading *r, const char *const v[NMEMBERS])
{
	struct zf_draw_target *t;
	const char *why;
	char code[19];
	size_t i;

	if (r->n == ZF_DRAW_MAX_TARGETS)
		return r->rc = zf_fail(r->e, EX_DATAERR, "%s: more than %d "
		    "targets", r->file, ZF_DRAW_MAX_TARGETS);
	for (i = 0; i < NMEMBERS; i++)
		if (v[i] != NULL && zf_text_check(v[i], FIELD_MAX, 0,
		    &why) != 0)
			return r->rc = zf_fail(r->e, EX_DATAERR, "%s: target "
			    "%zu: %s %s", r->file, r->row, members[i][0], why);
	if (v[0] == NULL || *v[0] == '\0' || v[3] == NULL || *v[3] == '\0')
		return r->rc = zf_fail(r->e, EX_DATAERR, "%s: target %zu has "
		    "no %s", r->file, r->row, v[0] == NULL || *v[0] == '\0' ?
		    "name (名称)" : "field (领域)");
	if (v[1] == NULL || zf_ident_uscc(v[1], code, &why) != 0)
		return r->rc = zf_fail(r->e, EX_DATAERR, "%s: target %zu (%s): "
		    "its unified social credit code (统一社会信用代码) %s",
		    r->file, r->row, v[0], v[1] == NULL ? "is missing" : why);
	for (i = 0; i < r->n; i++)
		if (strcmp(r->t[i].code, code) == 0)
			return r->rc = zf_fail(r->e, EX_DATAERR, "%s: targets "
			    "%zu and %zu have the same code %s", r->file,
			    i + 1, r->row, code);
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->t = xrealloc(r->t, r->cap * sizeof(*r->t));
	}
	t = &r->t[r->n++];
	t->name = xstrdup(v[0]);
	t->code = xstrdup(code);
	t->address = v[2] != NULL && *v[2] != '\0' ? xstrdup(v[2]) : NULL;
	t->field = xstrdup(v[3]);
	t->item = v[4] != NULL && *v[4] != '\0' ? xstrdup(v[4]) : NULL;
	return 0;
}

static int
csv_row(void *ctx, struct zf_json *row)
{
	struct reading *r = ctx;
	const char *v[NMEMBERS] = { NULL };
	size_t i;
	int k;

	if (!r->header) {
		r->header = 1;
		for (i = 0; i < NMEMBERS; i++)
			r->column[i] = -1;
		for (i = 0; i < zf_json_len(row); i++) {
			const char *h = zf_json_str(zf_json_at(row, i));

			if ((k = h != NULL ? member_of(h) : -1) >= 0)
				r->column[k] = (int)i;
		}
		zf_json_free(row);
		if (r->column[0] < 0 || r->column[1] < 0 || r->column[3] < 0)
			return r->rc = zf_fail(r->e, EX_DATAERR, "%s: its "
			    "first row must name the columns: name (名称), "
			    "code (统一社会信用代码), field (领域), and "
			    "address (地址) and item (抽查事项) if given",
			    r->file);
		return 0;
	}
	r->row++;
	if (zf_json_len(row) == 1 && *zf_json_str(zf_json_at(row, 0)) ==
	    '\0') {
		zf_json_free(row);	/* a blank line */
		r->row--;
		return 0;
	}
	for (i = 0; i < NMEMBERS; i++)
		if (r->column[i] >= 0)
			v[i] = zf_json_str(zf_json_at(row, (size_t)
			    r->column[i]));
	k = take(r, v);
	zf_json_free(row);
	return k;
}

static int
read_yaml(struct reading *r, const char *bytes, size_t len)
{
	struct zf_yaml_doc *doc;
	const struct zf_yaml_node *list;
	char msg[512];
	size_t i, j;

	if ((doc = zf_yaml_parse(r->file, bytes, len, msg,
	    sizeof(msg))) == NULL)
		return zf_fail(r->e, EX_DATAERR, "%s", msg);
	list = doc->ndocs == 1 ? doc->docs[0] : NULL;
	if (list == NULL || list->kind != ZF_YAML_SEQUENCE) {
		zf_yaml_free(doc);
		return zf_fail(r->e, EX_DATAERR, "%s: expected a list of "
		    "targets", r->file);
	}
	for (i = 0; r->rc == 0 && i < list->count; i++) {
		const struct zf_yaml_node *t = list->items[i];
		const char *v[NMEMBERS] = { NULL };

		r->row = i + 1;
		if (t->kind != ZF_YAML_MAPPING) {
			r->rc = zf_fail(r->e, EX_DATAERR, "%s: target %zu is "
			    "not a mapping", r->file, r->row);
			break;
		}
		for (j = 0; j < t->count; j++) {
			int k = member_of(t->keys[j]->text);

			if (k < 0 || t->items[j]->kind != ZF_YAML_SCALAR) {
				r->rc = zf_fail(r->e, EX_DATAERR, "%s:%u: '%s' "
				    "is not a member of a target (name, code, "
				    "address, field, item) with a text",
				    r->file, t->keys[j]->line,
				    t->keys[j]->text);
				break;
			}
			v[k] = t->items[j]->text;
		}
		if (r->rc == 0)
			take(r, v);
	}
	zf_yaml_free(doc);
	return r->rc;
}

int
zf_draw_targets_parse(const char *file, const char *bytes, size_t len,
    struct zf_draw_target **out, size_t *n, struct zf_err *e)
{
	struct reading r;
	size_t flen = strlen(file);

	*out = NULL;
	*n = 0;
	memset(&r, 0, sizeof(r));
	r.file = file;
	r.e = e;
	if (memchr(bytes, '\0', len) != NULL)
		return zf_fail(e, EX_DATAERR, "%s: not a text file", file);
	if ((flen > 5 && strcmp(file + flen - 5, ".yaml") == 0) ||
	    (flen > 4 && strcmp(file + flen - 4, ".yml") == 0)) {
		read_yaml(&r, bytes, len);
	} else {
		struct zf_csv_reader cr;
		int st;

		zf_csv_reader_init(&cr, FIELD_MAX * 4, csv_row, &r);
		if ((st = zf_csv_feed(&cr, bytes, len)) == ZF_CSV_OK)
			st = zf_csv_end(&cr);
		zf_csv_reader_release(&cr);
		if (r.rc == 0 && st != ZF_CSV_OK)
			r.rc = zf_fail(e, EX_DATAERR, "%s: not a CSV file "
			    "(%s)", file, st == ZF_CSV_LONG_FIELD ? "a field "
			    "too long" : st == ZF_CSV_AFTER_QUOTE ? "text "
			    "after a closing quote" : "a quote not closed");
	}
	if (r.rc == 0 && r.n == 0)
		r.rc = zf_fail(e, EX_DATAERR, "%s: no targets", file);
	if (r.rc != 0) {
		zf_draw_targets_free(r.t, r.n);
		return r.rc;
	}
	*out = r.t;
	*n = r.n;
	return 0;
}

/* --- the stream of words ---------------------------------------------- */

struct stream {
	uint8_t seed[ZF_DIGEST_LEN];
	uint8_t block[ZF_DIGEST_LEN];
	uint64_t counter;
	int used;		/* words of the block taken */
};

static void
stream_init(struct stream *s, const uint8_t hash[ZF_DIGEST_LEN],
    const char *value)
{
	static const char tag[] = "zhifa-draw-v1";
	struct zf_digest *d = zf_digest_new(SHA256);

	zf_digest_update(d, tag, sizeof(tag));	/* with its NUL */
	zf_digest_update(d, hash, ZF_DIGEST_LEN);
	zf_digest_update(d, value, strlen(value));
	zf_digest_final(d, s->seed);
	zf_digest_free(d);
	s->counter = 0;
	s->used = 4;
}

static uint64_t
word(struct stream *s)
{
	uint64_t w = 0;
	int i;

	if (s->used == 4) {
		uint8_t in[ZF_DIGEST_LEN + 8];

		memcpy(in, s->seed, ZF_DIGEST_LEN);
		for (i = 0; i < 8; i++)
			in[ZF_DIGEST_LEN + i] = (uint8_t)(s->counter >>
			    (56 - 8 * i));
		zf_digest_buf(SHA256, in, sizeof(in), s->block);
		s->counter++;
		s->used = 0;
	}
	for (i = 0; i < 8; i++)
		w = w << 8 | s->block[8 * s->used + i];
	s->used++;
	return w;
}

/* Uniform in [0, n), n > 0: words below 2^64 mod n are skipped. */
static uint64_t
below(struct stream *s, uint64_t n)
{
	uint64_t floor = (0 - n) % n, w;

	do
		w = word(s);
	while (w < floor);
	return w % n;
}

/* The first k of list[0..n) shuffled in place (a partial Fisher-Yates). */
static void
pick(struct stream *s, size_t *list, size_t n, size_t k)
{
	size_t i, j, t;

	for (i = 0; i < k && i < n; i++) {
		j = i + (size_t)below(s, (uint64_t)(n - i));
		t = list[i];
		list[i] = list[j];
		list[j] = t;
	}
}

/* --- the draw --------------------------------------------------------- */

void
zf_draw_commitment_hash(const struct zf_json *commitment, char hex[65])
{
	uint8_t h[ZF_DIGEST_LEN];
	size_t len;
	char *text = zf_json_canonical(commitment, &len);

	zf_digest_buf(SHA256, text, len, h);
	zf_hex(h, ZF_DIGEST_LEN, hex);
	free(text);
}

static int
in_list(const struct zf_json *list, const char *s)
{
	size_t i;

	for (i = 0; i < zf_json_len(list); i++) {
		const char *v = zf_json_str(zf_json_at(list, i));

		if (v != NULL && strcmp(v, s) == 0)
			return 1;
	}
	return 0;
}

static int
by_id(const void *x, const void *y)
{
	const struct zf_json *const *a = x, *const *b = y;

	return strcmp(zf_json_get_str(*a, "id"), zf_json_get_str(*b, "id"));
}

int
zf_draw_compute(const struct zf_json *c, const char *value,
    const struct zf_draw_target *t, size_t nt, const char *targets_sha256,
    struct zf_json **result, struct zf_err *e)
{
	const struct zf_json *officers = zf_json_get(c, "officers");
	const struct zf_json *targets = zf_json_get(c, "targets");
	const struct zf_json **eligible;
	int64_t count = 0, inspectors = 0, k = -1;
	uint8_t hash[ZF_DIGEST_LEN];
	char hex[65];
	struct stream s;
	size_t *order, *who, i, j, n, no;

	*result = NULL;
	no = zf_json_len(officers);
	if (zf_json_get_int(c, "count", &count) != 0 || zf_json_get_int(c,
	    "inspectors", &inspectors) != 0 || zf_json_get_int(targets,
	    "count", &k) != 0 || zf_json_type(officers) != ZF_JSON_ARRAY ||
	    zf_json_get_str(targets, "sha256") == NULL || count < 1 ||
	    inspectors < 2 || inspectors > ZF_DRAW_MAX_INSPECTORS)
		return zf_fail(e, EX_DATAERR, "not a commitment of a draw");
	for (i = 0; i < no; i++)
		if (zf_json_get_str(zf_json_at(officers, i), "id") == NULL)
			return zf_fail(e, EX_DATAERR, "a committed officer has "
			    "no id");
	if (strcmp(zf_json_get_str(targets, "sha256"), targets_sha256) != 0 ||
	    (int64_t)nt != k)
		return zf_fail(e, EX_DATAERR, "the directory of targets is not "
		    "the one committed to: its SHA-256 is %s, the commitment "
		    "names %s", targets_sha256, zf_json_get_str(targets,
		    "sha256"));
	if ((size_t)count > nt)
		return zf_fail(e, EX_DATAERR, "the commitment draws %lld of "
		    "%zu targets", (long long)count, nt);
	if (value == NULL || *value == '\0' ||
	    strlen(value) > ZF_DRAW_VALUE_MAX)
		return zf_fail(e, EX_DATAERR, "the value must be 1 to %d bytes",
		    ZF_DRAW_VALUE_MAX);
	zf_draw_commitment_hash(c, hex);
	zf_unhex(hex, hash, ZF_DIGEST_LEN);
	stream_init(&s, hash, value);
	order = xcalloc(nt, sizeof(*order));
	for (i = 0; i < nt; i++)
		order[i] = i;
	pick(&s, order, nt, (size_t)count);
	eligible = xcalloc(no ? no : 1, sizeof(*eligible));
	who = xcalloc(no ? no : 1, sizeof(*who));
	*result = zf_json_array();
	for (i = 0; i < (size_t)count; i++) {
		const struct zf_draw_target *g = &t[order[i]];
		struct zf_json *r = zf_json_object(), *ids = zf_json_array();
		const struct zf_json *cf;

		for (j = n = 0; j < no; j++) {
			const struct zf_json *o = zf_json_at(officers, j);

			cf = zf_json_get(o, "conflicts");
			if (in_list(zf_json_get(o, "fields"), g->field) &&
			    !in_list(cf, g->name) && !in_list(cf, g->code))
				eligible[n++] = o;
		}
		qsort(eligible, n, sizeof(*eligible), by_id);
		if (n < (size_t)inspectors) {
			zf_json_free(r);
			zf_json_free(ids);
			zf_json_free(*result);
			*result = NULL;
			free(order);
			free(eligible);
			free(who);
			return zf_fail(e, EX_DATAERR, "target %s (%s) has %zu "
			    "qualified officers without a conflict, fewer than "
			    "%lld", g->name, g->code, n, (long long)inspectors);
		}
		for (j = 0; j < n; j++)
			who[j] = j;
		pick(&s, who, n, (size_t)inspectors);
		for (j = 0; j < (size_t)inspectors; j++)
			zf_json_push(ids, zf_json_string(zf_json_get_str(
			    eligible[who[j]], "id")));
		zf_json_set_int(r, "target", (int64_t)order[i]);
		zf_json_set_str(r, "name", g->name);
		zf_json_set_str(r, "code", g->code);
		zf_json_set_str(r, "field", g->field);
		zf_json_set(r, "inspectors", ids);
		zf_json_push(*result, r);
	}
	free(order);
	free(eligible);
	free(who);
	return 0;
}

/* The members of a result item that the draw decides. */
static int
same_item(const struct zf_json *a, const struct zf_json *b)
{
	static const char *const keys[] = { "target", "name", "code",
		"inspectors" };
	size_t i;
	int same = 1;

	for (i = 0; same && i < 4; i++) {
		char *x = zf_json_canonical(zf_json_get(a, keys[i]), NULL);
		char *y = zf_json_get(b, keys[i]) ?
		    zf_json_canonical(zf_json_get(b, keys[i]), NULL) : NULL;

		same = y != NULL && strcmp(x, y) == 0;
		free(x);
		free(y);
	}
	return same;
}

int
zf_draw_verify(const struct zf_json *record, const char *file,
    const char *bytes, size_t len, char *why, size_t whylen,
    struct zf_err *e)
{
	const struct zf_json *c = zf_json_get(record, "commitment");
	const struct zf_json *given = zf_json_get(record, "result");
	const char *sha = zf_json_get_str(record, "sha256");
	const char *value = zf_json_get_str(record, "value");
	struct zf_draw_target *t;
	struct zf_json *mine;
	uint8_t h[ZF_DIGEST_LEN];
	char hex[65], thex[65];
	size_t nt, i;
	int rc;

	if (c == NULL || zf_json_type(c) != ZF_JSON_OBJECT || sha == NULL ||
	    value == NULL || zf_json_type(given) != ZF_JSON_ARRAY)
		return zf_fail(e, EX_DATAERR, "not the record of a draw: it "
		    "needs commitment, sha256, value and result");
	zf_draw_commitment_hash(c, hex);
	if (strcmp(hex, sha) != 0)
		return zf_fail(e, EX_DATAERR, "the commitment's SHA-256 is %s, "
		    "not the %s the record gives: it was changed", hex, sha);
	zf_digest_buf(SHA256, bytes, len, h);
	zf_hex(h, ZF_DIGEST_LEN, thex);
	if ((rc = zf_draw_targets_parse(file, bytes, len, &t, &nt, e)) != 0)
		return rc;
	rc = zf_draw_compute(c, value, t, nt, thex, &mine, e);
	zf_draw_targets_free(t, nt);
	if (rc != 0)
		return rc;
	rc = 0;
	if (zf_json_len(mine) != zf_json_len(given)) {
		snprintf(why, whylen, "the record draws %zu targets, the "
		    "commitment %zu", zf_json_len(given), zf_json_len(mine));
		rc = 1;
	}
	for (i = 0; rc == 0 && i < zf_json_len(mine); i++)
		if (!same_item(zf_json_at(mine, i), zf_json_at(given, i))) {
			snprintf(why, whylen, "draw %zu: the record has %s, "
			    "the draw computed again %s (%s)", i + 1,
			    zf_json_get_str(zf_json_at(given, i), "name") ?
			    zf_json_get_str(zf_json_at(given, i), "name") :
			    "another", zf_json_get_str(zf_json_at(mine, i),
			    "name"), zf_json_get_str(zf_json_at(mine, i),
			    "code"));
			rc = 1;
		}
	zf_json_free(mine);
	return rc;
}
