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
#include "base/strset.h"
#include "base/text.h"
#include "base/utf8.h"
#include "base/yaml.h"
#include "base/i18n.h"

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
	struct zf_strset codes;
	struct zf_err *e;
	int rc;
};

/* s without the spaces (ASCII, U+3000) it begins and ends with. */
static char *
trimmed(const char *s)
{
	size_t len;

	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\u3000", 3) == 0)
			s += 3;
		else
			break;
	}
	len = strlen(s);
	for (;;) {
		if (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		else if (len >= 3 && strncmp(s + len - 3, "\u3000", 3) == 0)
			len -= 3;
		else
			break;
	}
	return xstrndup(s, len);
}

/* 1 when s holds a character that shows nothing (zero-width, a mark of
 * direction, a byte order mark): two names that look alike must be. */
static int
invisible(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t n;

	while (*p != '\0' && (n = zf_utf8_decode(p, ZF_UTF8_MAX, &cp)) > 0) {
		if ((cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 &&
		    cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) ||
		    cp == 0xfeff || cp == 0x00ad)
			return 1;
		p += n;
	}
	return 0;
}

/* Takes one target's values (NULL: absent), checking them. */
static int
take(struct reading *r, const char *const given[NMEMBERS])
{
	struct zf_draw_target *t;
	char *v[NMEMBERS] = { NULL };
	const char *why;
	char code[19];
	size_t i;
	int added, rc = 0;

	if (r->n == ZF_DRAW_MAX_TARGETS)
		return r->rc = zf_fail(r->e, EX_DATAERR, "%s: more than %d "
		    "targets", r->file, ZF_DRAW_MAX_TARGETS);
	for (i = 0; i < NMEMBERS && rc == 0; i++) {
		if (given[i] == NULL)
			continue;
		if (zf_text_check(given[i], FIELD_MAX, 0, &why) != 0)
			rc = zf_fail(r->e, EX_DATAERR, "%s: target %zu: %s %s",
			    r->file, r->row, members[i][0], why);
		else if (invisible(given[i]))
			rc = zf_fail(r->e, EX_DATAERR, "%s: target %zu: its %s "
			    "holds a character that shows nothing (a "
			    "zero-width space or the like)", r->file, r->row,
			    members[i][0]);
		else
			v[i] = trimmed(given[i]);
	}
	if (rc == 0 && (v[0] == NULL || *v[0] == '\0' || v[3] == NULL ||
	    *v[3] == '\0'))
		rc = zf_fail(r->e, EX_DATAERR, "%s: target %zu has no %s",
		    r->file, r->row, v[0] == NULL || *v[0] == '\0' ?
		    _("name (名称)") : _("field (领域)"));
	if (rc == 0 && (v[1] == NULL || zf_ident_uscc(v[1], code, &why) != 0))
		rc = zf_fail(r->e, EX_DATAERR, "%s: target %zu (%s): its "
		    "unified social credit code (统一社会信用代码) %s", r->file,
		    r->row, v[0], v[1] == NULL ? _("is missing") : why);
	if (rc == 0) {
		const struct zf_strset_entry *was = zf_strset_add(&r->codes,
		    code, strlen(code), r->row, &added);

		if (!added)
			rc = zf_fail(r->e, EX_DATAERR, "%s: targets %zu and "
			    "%zu have the same code %s", r->file, was->value,
			    r->row, code);
	}
	if (rc != 0) {
		for (i = 0; i < NMEMBERS; i++)
			free(v[i]);
		return r->rc = rc;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->t = xrealloc(r->t, r->cap * sizeof(*r->t));
	}
	t = &r->t[r->n++];
	t->name = v[0];
	free(v[1]);
	t->code = xstrdup(code);
	t->address = v[2] != NULL && *v[2] != '\0' ? v[2] : NULL;
	if (t->address == NULL)
		free(v[2]);
	t->field = v[3];
	t->item = v[4] != NULL && *v[4] != '\0' ? v[4] : NULL;
	if (t->item == NULL)
		free(v[4]);
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

			if ((k = h != NULL ? member_of(h) : -1) < 0)
				continue;
			if (r->column[k] >= 0) {
				zf_json_free(row);
				return r->rc = zf_fail(r->e, EX_DATAERR,
				    "%s: its first row names the column %s "
				    "(%s) twice", r->file, members[k][0],
				    members[k][1]);
			}
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

/* One target from a mapping of YAML or an object of JSON. */
static int
take_pairs(struct reading *r, size_t npairs, const char *const *keys,
    const char *const *values, unsigned line)
{
	const char *v[NMEMBERS] = { NULL };
	size_t j;

	for (j = 0; j < npairs; j++) {
		int k = member_of(keys[j]);

		if (k < 0 || values[j] == NULL)
			return r->rc = zf_fail(r->e, EX_DATAERR, "%s:%u: '%s' "
			    "is not a member of a target (name, code, address, "
			    "field, item) with a text", r->file, line, keys[j]);
		if (v[k] != NULL)
			return r->rc = zf_fail(r->e, EX_DATAERR, "%s:%u: "
			    "target %zu names its %s twice", r->file, line,
			    r->row, members[k][0]);
		v[k] = values[j];
	}
	return take(r, v);
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
		return zf_fail(r->e, EX_DATAERR, "%s: expected one YAML "
		    "document, a list of targets", r->file);
	}
	for (i = 0; r->rc == 0 && i < list->count; i++) {
		const struct zf_yaml_node *t = list->items[i];
		const char *keys[NMEMBERS + 1], *values[NMEMBERS + 1];

		r->row = i + 1;
		if (t->kind != ZF_YAML_MAPPING || t->count > NMEMBERS) {
			r->rc = zf_fail(r->e, EX_DATAERR, "%s:%u: target %zu "
			    "is not a mapping of name, code, address, field "
			    "and item", r->file, t->line, r->row);
			break;
		}
		for (j = 0; j < t->count; j++) {
			keys[j] = t->keys[j]->text;
			values[j] = t->items[j]->kind == ZF_YAML_SCALAR ?
			    t->items[j]->text : NULL;
		}
		take_pairs(r, t->count, keys, values, t->line);
	}
	zf_yaml_free(doc);
	return r->rc;
}

static int
read_json(struct reading *r, const char *bytes, size_t len)
{
	struct zf_json *list;
	char msg[256];
	size_t i, j;

	if ((list = zf_json_parse(bytes, len, msg, sizeof(msg))) == NULL)
		return zf_fail(r->e, EX_DATAERR, "%s: not JSON: %s", r->file,
		    msg);
	if (zf_json_type(list) != ZF_JSON_ARRAY)
		r->rc = zf_fail(r->e, EX_DATAERR, "%s: expected an array of "
		    "targets", r->file);
	for (i = 0; r->rc == 0 && i < zf_json_len(list); i++) {
		const struct zf_json *t = zf_json_at(list, i);
		const char *keys[NMEMBERS + 1], *values[NMEMBERS + 1];

		r->row = i + 1;
		if (zf_json_type(t) != ZF_JSON_OBJECT ||
		    zf_json_len(t) > NMEMBERS) {
			r->rc = zf_fail(r->e, EX_DATAERR, "%s: target %zu is "
			    "not an object of name, code, address, field and "
			    "item", r->file, r->row);
			break;
		}
		for (j = 0; j < zf_json_len(t); j++) {
			keys[j] = zf_json_key_at(t, j);
			values[j] = zf_json_type(zf_json_value_at(t, j)) ==
			    ZF_JSON_STRING ? zf_json_str(zf_json_value_at(t,
			    j)) : NULL;
		}
		take_pairs(r, zf_json_len(t), keys, values, 1);
	}
	zf_json_free(list);
	return r->rc;
}

int
zf_draw_targets_parse(const char *file, const char *bytes, size_t len,
    struct zf_draw_target **out, size_t *n, struct zf_err *e)
{
	struct reading r;

	*out = NULL;
	*n = 0;
	memset(&r, 0, sizeof(r));
	r.file = file;
	r.e = e;
	if (memchr(bytes, '\0', len) != NULL)
		return zf_fail(e, EX_DATAERR, "%s: not a text file", file);
	zf_strset_init(&r.codes, 0);
	if (zf_text_ends_with(file, ".yaml", 0) ||
	    zf_text_ends_with(file, ".yml", 0)) {
		read_yaml(&r, bytes, len);
	} else if (zf_text_ends_with(file, ".json", 0)) {
		read_json(&r, bytes, len);
	} else {
		struct zf_csv_reader cr;
		int st;

		zf_csv_reader_init(&cr, FIELD_MAX * 4, csv_row, &r);
		if ((st = zf_csv_feed(&cr, bytes, len)) == ZF_CSV_OK)
			st = zf_csv_end(&cr);
		zf_csv_reader_release(&cr);
		if (r.rc == 0 && st != ZF_CSV_OK)
			r.rc = zf_fail(e, EX_DATAERR, "%s: not a CSV file "
			    "(%s)", file, st == ZF_CSV_LONG_FIELD ? _("a field "
			    "too long") : st == ZF_CSV_AFTER_QUOTE ? _("text "
			    "after a closing quote") : _("a quote not closed"));
	}
	zf_strset_release(&r.codes);
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

char *
zf_draw_targets_canonical(const struct zf_draw_target *t, size_t n,
    char sha[65])
{
	struct zf_json *list = zf_json_array();
	uint8_t h[ZF_DIGEST_LEN];
	size_t i, len;
	char *text;

	for (i = 0; i < n; i++) {
		struct zf_json *o = zf_json_object();

		zf_json_set_str(o, "name", t[i].name);
		zf_json_set_str(o, "code", t[i].code);
		zf_json_set_str(o, "field", t[i].field);
		zf_json_push(list, o);
	}
	text = zf_json_canonical(list, &len);
	zf_json_free(list);
	zf_digest_buf(SHA256, text, len, h);
	zf_hex(h, ZF_DIGEST_LEN, sha);
	return text;
}

char *
zf_draw_value_canonical(const char *value)
{
	const unsigned char *p = (const unsigned char *)value;
	struct zf_buf b;
	uint32_t cp;
	size_t n;

	zf_buf_init(&b);
	while (*p != '\0' && (n = zf_utf8_decode(p, ZF_UTF8_MAX, &cp)) > 0) {
		p += n;
		if (cp >= 0xff10 && cp <= 0xff19)
			cp = '0' + (cp - 0xff10);
		else if (cp >= 0xff21 && cp <= 0xff3a)
			cp = 'a' + (cp - 0xff21);
		else if (cp >= 0xff41 && cp <= 0xff5a)
			cp = 'a' + (cp - 0xff41);
		else if (cp >= 'A' && cp <= 'Z')
			cp = cp - 'A' + 'a';
		if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z'))
			zf_buf_addch(&b, (char)cp);
	}
	if (b.len == 0) {
		zf_buf_release(&b);
		return NULL;
	}
	return zf_buf_detach(&b, NULL);
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

int
zf_draw_compute(const struct zf_json *c, const char *value,
    const struct zf_draw_target *t, size_t nt, struct zf_json **result,
    struct zf_err *e)
{
	const struct zf_json *officers = zf_json_get(c, "officers");
	const struct zf_json *targets = zf_json_get(c, "targets");
	const struct zf_json **eligible;
	int64_t v = 0, count = 0, inspectors = 0, k = -1;
	uint8_t hash[ZF_DIGEST_LEN];
	char hex[65], sha[65], *canon, *text;
	struct stream s;
	size_t *order, *who, i, j, n, no;

	*result = NULL;
	no = zf_json_len(officers);
	if (zf_json_get_int(c, "v", &v) != 0 || v != 1)
		return zf_fail(e, EX_DATAERR, "not a commitment of a draw of "
		    "version 1, the one this program computes");
	if (zf_json_get_int(c, "count", &count) != 0 || zf_json_get_int(c,
	    "inspectors", &inspectors) != 0 || zf_json_get_int(targets,
	    "count", &k) != 0 || zf_json_type(officers) != ZF_JSON_ARRAY ||
	    zf_json_get_str(targets, "sha256") == NULL || count < 1 ||
	    inspectors < 2 || inspectors > ZF_DRAW_MAX_INSPECTORS)
		return zf_fail(e, EX_DATAERR, "not a commitment of a draw");
	for (i = 0; i < no; i++) {
		const char *id = zf_json_get_str(zf_json_at(officers, i), "id");
		const char *prev = i ? zf_json_get_str(zf_json_at(officers,
		    i - 1), "id") : NULL;

		if (id == NULL || (prev != NULL && strcmp(prev, id) >= 0))
			return zf_fail(e, EX_DATAERR, "the committed officers "
			    "are not each named once, in the order of their "
			    "ids");
	}
	text = zf_draw_targets_canonical(t, nt, sha);
	free(text);
	if (strcmp(zf_json_get_str(targets, "sha256"), sha) != 0 ||
	    (int64_t)nt != k)
		return zf_fail(e, EX_DATAERR, "the directory of targets is not "
		    "the one committed to: its SHA-256 is %s, the commitment "
		    "names %s", sha, zf_json_get_str(targets, "sha256"));
	if ((size_t)count > nt)
		return zf_fail(e, EX_DATAERR, "the commitment draws %lld of "
		    "%zu targets", (long long)count, nt);
	if (value == NULL || strlen(value) > ZF_DRAW_VALUE_MAX ||
	    (canon = zf_draw_value_canonical(value)) == NULL)
		return zf_fail(e, EX_DATAERR, "the value must be 1 to %d bytes "
		    "with a letter or a digit", ZF_DRAW_VALUE_MAX);
	zf_draw_commitment_hash(c, hex);
	zf_unhex(hex, hash, ZF_DIGEST_LEN);
	stream_init(&s, hash, canon);
	free(canon);
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

		n = zf_draw_eligible(officers, g, eligible);
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

size_t
zf_draw_eligible(const struct zf_json *officers,
    const struct zf_draw_target *g, const struct zf_json **out)
{
	size_t j, n = 0;

	for (j = 0; j < zf_json_len(officers); j++) {
		const struct zf_json *o = zf_json_at(officers, j);
		const struct zf_json *cf = zf_json_get(o, "conflicts");

		if (in_list(zf_json_get(o, "fields"), g->field) &&
		    !in_list(cf, g->name) && !in_list(cf, g->code)) {
			if (out != NULL)
				out[n] = o;
			n++;
		}
	}
	return n;
}

/* The first member the draw decides in which a and b differ, or NULL. */
static const char *
differs(const struct zf_json *a, const struct zf_json *b)
{
	static const char *const keys[] = { "target", "name", "code",
		"field", "inspectors", NULL };
	size_t i;

	for (i = 0; keys[i] != NULL; i++) {
		char *x = zf_json_canonical(zf_json_get(a, keys[i]), NULL);
		char *y = zf_json_get(b, keys[i]) ?
		    zf_json_canonical(zf_json_get(b, keys[i]), NULL) : NULL;
		int same = y != NULL && strcmp(x, y) == 0;

		free(x);
		free(y);
		if (!same)
			return keys[i];
	}
	return NULL;
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
	char hex[65];
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
	if ((rc = zf_draw_targets_parse(file, bytes, len, &t, &nt, e)) != 0)
		return rc;
	rc = zf_draw_compute(c, value, t, nt, &mine, e);
	zf_draw_targets_free(t, nt);
	if (rc != 0)
		return rc;
	if (zf_json_len(mine) != zf_json_len(given)) {
		snprintf(why, whylen, "the record draws %zu targets, the "
		    "commitment %zu", zf_json_len(given), zf_json_len(mine));
		rc = 1;
	}
	for (i = 0; rc == 0 && i < zf_json_len(mine); i++) {
		const struct zf_json *x = zf_json_at(mine, i);
		const char *key = differs(x, zf_json_at(given, i));
		char *want, *got;

		if (key == NULL)
			continue;
		want = zf_json_canonical(zf_json_get(x, key), NULL);
		got = zf_json_get(zf_json_at(given, i), key) ?
		    zf_json_canonical(zf_json_get(zf_json_at(given, i), key),
		    NULL) : xstrdup("nothing");
		snprintf(why, whylen, "draw %zu: its %s is %s in the record, "
		    "%s computed again", i + 1, key, got, want);
		free(want);
		free(got);
		rc = 1;
	}
	zf_json_free(mine);
	return rc;
}
