/* pubcheck-state: the problems, the table of the bag's files and the leaves. */
#include "publication/pubcheck-state.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/i18n.h"

#define REPEAT_MAX 10 /* lines of one kind of problem */

static const char *const problem_more[NPROBLEM] = { NULL,
	"problems with the manifests",
	"lines of entries.jsonl out of "
	"order",
	"malformed lines of entries.jsonl",
	"leaves whose content "
	"does not match their hash",
	"problems with proofs",
	"problems with "
	"records.json" };

void
zf_pubcheck_state_init(struct check *k, struct zf_pubcheck *c)
{
	memset(k, 0, sizeof(*k));
	k->c = c;
	k->vkey_file = "data/log/agency.vkey";
	k->checkpoint_file = "data/log/checkpoint";
	zf_strset_init(&k->index, 0);
	zf_buf_init(&k->names);
	zf_buf_init(&k->cur.buf);
}

void
zf_pubcheck_vproblem(struct check *k, enum problem_kind kind, const char *fmt,
    va_list ap)
{
	struct zf_buf b;

	if (kind != P_ONCE && ++k->counts[kind] > REPEAT_MAX)
		return;
	zf_buf_init(&b);
	zf_buf_vprintf(&b, _(fmt), ap);
	zf_json_push(k->c->problems, zf_json_string(b.data));
	zf_buf_release(&b);
}

void
zf_pubcheck_problem(struct check *k, enum problem_kind kind, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	zf_pubcheck_vproblem(k, kind, fmt, ap);
	va_end(ap);
}

void
zf_pubcheck_more(struct check *k)
{
	enum problem_kind p;

	for (p = P_ONCE + 1; p < NPROBLEM; p++) {
		char *s;

		if (k->counts[p] <= REPEAT_MAX)
			continue;
		s = xasprintf("(and %" PRIu64 " more %s, not shown)",
		    k->counts[p] - REPEAT_MAX, problem_more[p]);
		zf_json_push(k->c->problems, zf_json_string(s));
		free(s);
	}
}

/* The table of files */

const char *
zf_pubcheck_file_name(const struct check *k, size_t i)
{
	return k->names.data + k->files[i].name;
}

long
zf_pubcheck_file(struct check *k, const char *name, int add)
{
	const struct zf_strset_entry *e;
	size_t len = strlen(name);
	int added;

	if (!add) {
		e = zf_strset_find(&k->index, name, len);
		return e != NULL ? (long)e->value : -1;
	}
	e = zf_strset_add(&k->index, name, len, k->nfiles, &added);
	if (!added)
		return (long)e->value;
	if (k->nfiles == k->capfiles) {
		k->capfiles = k->capfiles ? 2 * k->capfiles : 256;
		k->files = xrealloc(k->files, k->capfiles * sizeof(*k->files));
	}
	memset(&k->files[k->nfiles], 0, sizeof(k->files[0]));
	k->files[k->nfiles].name = k->names.len;
	zf_buf_add(&k->names, name, len + 1);
	return (long)k->nfiles++;
}

/* Grows *p from old to cap elements of size, the new ones zeroed. */
static void *
grow(void *p, uint64_t old, uint64_t cap, size_t size)
{
	p = xrealloc(p, cap * size);
	memset((char *)p + old * size, 0, (cap - old) * size);
	return p;
}

void
zf_pubcheck_leaf_room(struct check *k, uint64_t i)
{
	uint64_t old = k->capleaves;

	if (i < k->capleaves)
		return;
	/* The checkpoint says how many to expect (believed up to a
	 * million, which costs 49 MB); more grow by half. */
	if (k->capleaves == 0 && k->c->size > i)
		k->capleaves = k->c->size < (1u << 20) ? k->c->size : 1u << 20;
	else
		k->capleaves = k->capleaves ? k->capleaves + k->capleaves / 2
					    : 256;
	if (k->capleaves <= i)
		k->capleaves = i + 256;
	k->lflags = grow(k->lflags, old, k->capleaves, 1);
	k->fields = grow(k->fields, old, k->capleaves, ZF_DIGEST_LEN);
	k->meta = grow(k->meta, old, k->capleaves, META_LEN);
	if (k->keep_hashes)
		k->hashes = grow(k->hashes, old, k->capleaves, ZF_DIGEST_LEN);
}

/* Digests */

int
zf_pubcheck_hex_hash(const char *s, uint8_t out[ZF_DIGEST_LEN])
{
	size_t i;

	if (s == NULL || strlen(s) != 2 * ZF_DIGEST_LEN)
		return -1;
	for (i = 0; i < 2 * ZF_DIGEST_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f')))
			return -1;
	return zf_unhex(s, out, ZF_DIGEST_LEN);
}

void
zf_pubcheck_digest_json(const struct zf_json *v, uint8_t out[ZF_DIGEST_LEN])
{
	size_t len;
	char *s = zf_json_canonical(v, &len);

	zf_digest_buf(SHA256, s, len, out);
	free(s);
}

void
zf_pubcheck_digest_meta(const char *case_id, const char *kind, const char *type,
    uint8_t out[META_LEN])
{
	struct zf_json *a = zf_json_array();
	uint8_t d[ZF_DIGEST_LEN];

	zf_json_push(a, zf_json_string(case_id));
	zf_json_push(a, zf_json_string(kind));
	zf_json_push(a, zf_json_string(type));
	zf_pubcheck_digest_json(a, d);
	memcpy(out, d, META_LEN);
	zf_json_free(a);
}

void
zf_pubcheck_state_release(struct check *k)
{
	int i;

	free(k->given_vkey);
	free(k->note);
	free(k->journal_note);
	free(k->files);
	zf_strset_release(&k->index);
	zf_buf_release(&k->names);
	free(k->oxum);
	free(k->version);
	free(k->log_size);
	free(k->as_of);
	free(k->audience);
	free(k->lflags);
	free(k->fields);
	free(k->meta);
	free(k->hashes);
	zf_json_free(k->records_top);
	zf_jsonsplit_release(&k->split);
	zf_buf_release(&k->cur.buf);
	zf_digest_free(k->sha);
	for (i = 0; i < NCSV; i++) {
		zf_digest_free(k->csv_digest[i]);
		zf_digest_free(k->rec_digest[i]);
	}
	zf_csv_reader_release(&k->csv.reader);
	zf_json_free(k->csv.header);
	zf_bagread_release(&k->bag);
}
