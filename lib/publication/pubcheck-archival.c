/* pubcheck-archival: an archival transfer package checked (its header). */
#include "publication/pubcheck-archival.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "publication/pubcheck-bagit.h"
#include "publication/pubcheck-log.h"
#include "publication/pubcheck-state.h"

#define KEEP_MAX (64 << 20)	/* a kept file: events, proofs, toc */

/* The files kept whole, by name. */
enum { A_ARCHIVE, A_TOC, A_EVENTS, A_PROOFS, A_CHECKPOINT, A_VKEY, NKEPT };

static const char *const kept_names[NKEPT] = { "data/archive.json",
	"data/toc.json", "data/journal/events.jsonl",
	"data/journal/proofs.jsonl", "data/journal/checkpoint",
	"data/journal/agency.vkey" };

struct archival {
	struct check k;
	struct zf_buf kept[NKEPT];
	int seen[NKEPT];
	int which;		/* the kept file being read, or -1 */
	int manifest;		/* a manifest being read */
	struct zf_buf bag_info;	/* for the probe */
};

static int
a_begin(void *ctx, const char *name)
{
	struct archival *x = ctx;
	struct check *k = &x->k;
	struct reading *r = &k->cur;
	struct file *f;
	int i;

	zf_buf_reset(&r->buf);
	r->name = name;
	r->lineno = 0;
	r->duplicate = 0;
	r->file = (size_t)zf_pubcheck_file(k, name, 1);
	f = &k->files[r->file];
	if (f->flags & F_SEEN) {
		zf_pubcheck_problem(k, P_MANIFEST, "'%s' is twice in the "
		    "bundle", name);
		r->duplicate = 1;
		return 0;
	}
	f->flags |= F_SEEN;
	k->c->files++;
	if (starts_with(name, "data/"))
		k->payload_files++;
	x->which = -1;
	for (i = 0; i < NKEPT; i++)
		if (strcmp(name, kept_names[i]) == 0)
			x->which = i;
	x->manifest = strcmp(name, "manifest-sha256.txt") == 0 ? 1 :
	    strcmp(name, "tagmanifest-sha256.txt") == 0 ? 2 : 0;
	r->kind = x->manifest == 1 ? K_MANIFEST : x->manifest == 2 ?
	    K_TAGMANIFEST : strcmp(name, "bagit.txt") == 0 ? K_BAGIT :
	    strcmp(name, "bag-info.txt") == 0 ? K_BAGINFO : K_OTHER;
	if (x->which >= 0)
		x->seen[x->which] = 1;
	return 1;
}

static void
a_data(void *ctx, const void *p, size_t n)
{
	struct archival *x = ctx;
	struct check *k = &x->k;
	struct reading *r = &k->cur;

	zf_digest_update(k->sha, p, n);
	if (starts_with(r->name, "data/"))
		k->payload_bytes += n;
	if (x->which >= 0 && x->kept[x->which].len + n <= KEEP_MAX)
		zf_buf_add(&x->kept[x->which], p, n);
	else if (r->kind != K_OTHER && r->buf.len + n <= KEEP_MAX)
		zf_buf_add(&r->buf, p, n);
}

static void
manifest_lines(struct check *k, const char *text, size_t len)
{
	while (len > 0) {
		const char *nl = memchr(text, '\n', len);
		size_t take = nl != NULL ? (size_t)(nl - text) : len;

		k->cur.lineno++;
		zf_pubcheck_bagit_manifest_line(k, text, take);
		if (nl == NULL)
			break;
		text += take + 1;
		len -= take + 1;
	}
}

static void
a_end(void *ctx)
{
	struct archival *x = ctx;
	struct check *k = &x->k;
	struct reading *r = &k->cur;
	struct file *f = &k->files[r->file];

	zf_digest_final(k->sha, f->digest);
	zf_buf_addstr(&r->buf, "");
	if (zf_pubcheck_bagit_tag_file(k, r->kind, r->buf.data))
		r->kind = K_OTHER;
	switch (r->kind) {
	case K_MANIFEST:
	case K_TAGMANIFEST:
		if (r->kind == K_MANIFEST)
			k->manifest_seen = 1;
		else
			k->tagmanifest_seen = 1;
		manifest_lines(k, r->buf.data, r->buf.len);
		break;
	default:
		break;
	}
	x->which = -1;
}

static void
a_problem(void *ctx, const char *fmt, va_list ap)
{
	zf_pubcheck_vproblem(&((struct archival *)ctx)->k, P_ONCE, fmt, ap);
}

/* The events: hash against body, and their leaves, by line. */
struct event {
	uint64_t seq;
	uint8_t leaf[ZF_DIGEST_LEN];
	int proved;
	struct zf_json *body;
};

static size_t
read_events(struct check *k, const struct zf_buf *b, const char *case_id,
    struct event **out)
{
	struct zf_pubcheck *c = k->c;
	struct event *v = NULL;
	size_t n = 0, cap = 0, len = b->len, line = 0;
	const char *p = b->data ? b->data : "";

	while (len > 0) {
		const char *nl = memchr(p, '\n', len);
		size_t take = nl != NULL ? (size_t)(nl - p) : len;
		struct zf_json *e = zf_json_parse(p, take, NULL, 0), *body;
		const char *text = e ? zf_json_get_str(e, "body") : NULL;
		const char *hash = e ? zf_json_get_str(e, "hash") : NULL;
		uint8_t h[ZF_DIGEST_LEN], want[ZF_DIGEST_LEN];
		int64_t seq, bseq;

		line++;
		p += take + (nl != NULL);
		len -= take + (nl != NULL);
		if (text == NULL || hash == NULL ||
		    zf_json_get_int(e, "seq", &seq) != 0 || seq < 0 ||
		    zf_pubcheck_hex_hash(hash, want) != 0) {
			zf_pubcheck_problem(k, P_LINE, "data/journal/events."
			    "jsonl line %zu is not an event", line);
			zf_json_free(e);
			continue;
		}
		zf_digest_buf(c->suite, text, strlen(text), h);
		if (memcmp(h, want, ZF_DIGEST_LEN) != 0)
			zf_pubcheck_problem(k, P_LEAF, "event %" PRId64 ": its "
			    "hash is not the hash of its body", seq);
		body = zf_json_parse(text, strlen(text), NULL, 0);
		if (body == NULL || zf_json_get_int(body, "seq", &bseq) != 0 ||
		    bseq != seq || zf_json_get_str(body, "case") == NULL ||
		    strcmp(zf_json_get_str(body, "case"), case_id) != 0)
			zf_pubcheck_problem(k, P_LEAF, "event %" PRId64 ": its "
			    "body is not an event %" PRId64 " of %s", seq, seq,
			    case_id);
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n].seq = (uint64_t)seq;
		v[n].proved = 0;
		v[n].body = body;
		zf_merkle_leaf_hash(c->suite, text, strlen(text), v[n].leaf);
		n++;
		zf_json_free(e);
	}
	*out = v;
	return n;
}

static struct event *
find_event(struct event *v, size_t n, uint64_t seq)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].seq == seq)
			return &v[i];
	return NULL;
}

/* Each proof against the checkpoint's root; every event proved. */
static void
check_proofs(struct check *k, const struct zf_buf *b, struct event *v,
    size_t n)
{
	struct zf_pubcheck *c = k->c;
	const char *p = b->data ? b->data : "";
	size_t len = b->len, i, line = 0;

	while (len > 0) {
		const char *nl = memchr(p, '\n', len);
		size_t take = nl != NULL ? (size_t)(nl - p) : len;
		struct zf_json *o = zf_json_parse(p, take, NULL, 0), *list;
		uint8_t proof[PROOF_MAX][ZF_DIGEST_LEN];
		struct event *ev;
		size_t plen;
		int64_t seq;

		line++;
		p += take + (nl != NULL);
		len -= take + (nl != NULL);
		list = o ? zf_json_get(o, "proof") : NULL;
		plen = list ? zf_json_len(list) : 0;
		if (list == NULL || zf_json_get_int(o, "seq", &seq) != 0 ||
		    plen > PROOF_MAX) {
			zf_pubcheck_problem(k, P_PROOF, "data/journal/proofs."
			    "jsonl line %zu is not a proof", line);
			zf_json_free(o);
			continue;
		}
		for (i = 0; i < plen; i++)
			if (zf_pubcheck_hex_hash(zf_json_str(zf_json_at(list,
			    i)) ? zf_json_str(zf_json_at(list, i)) : "",
			    proof[i]) != 0)
				break;
		ev = find_event(v, n, (uint64_t)seq);
		if (ev == NULL)
			zf_pubcheck_problem(k, P_PROOF, "a proof for event %"
			    PRId64 ", which the package does not hold", seq);
		else if (i < plen || !zf_merkle_verify_inclusion(c->suite,
		    ev->seq, c->size, ev->leaf, proof, plen, c->root))
			zf_pubcheck_problem(k, P_PROOF, "event %" PRId64 " is "
			    "not proved in the checkpoint's tree of %" PRIu64
			    " events", seq, c->size);
		else {
			ev->proved = 1;
			c->proofs++;
		}
		zf_json_free(o);
	}
	for (i = 0; i < n; i++)
		if (!v[i].proved && c->signed_ok)
			zf_pubcheck_problem(k, P_PROOF, "event %" PRIu64 " has "
			    "no proof that verifies", v[i].seq);
}

/* Each toc item: its file, its digest, the event that recorded it. */
static void
check_toc(struct check *k, const struct zf_json *toc, struct event *v,
    size_t n)
{
	const struct zf_json *items = zf_json_get(toc, "items");
	char hex[ZF_DIGEST_HEX];
	size_t i, j;

	if (items == NULL) {
		zf_pubcheck_problem(k, P_ONCE, "data/toc.json holds no items");
		return;
	}
	for (i = 0; i < zf_json_len(items); i++) {
		const struct zf_json *it = zf_json_at(items, i), *data;
		const char *file = zf_json_get_str(it, "file");
		const char *sha = zf_json_get_str(it, "sha256");
		const char *id = zf_json_get_str(it, "evidence");
		struct event *ev;
		int64_t seq = -1;
		long f;

		zf_json_get_int(it, "event", &seq);
		f = file ? zf_pubcheck_file(k, file, 0) : -1;
		if (f < 0 || !(k->files[f].flags & F_SEEN)) {
			zf_pubcheck_problem(k, P_RECORD, "toc item %zu: its "
			    "file '%s' is not in the package", i + 1,
			    file ? file : "");
			continue;
		}
		k->files[f].flags |= 4;	/* named by the toc */
		zf_hex(k->files[f].digest, ZF_DIGEST_LEN, hex);
		if (sha == NULL || strcmp(sha, hex) != 0)
			zf_pubcheck_problem(k, P_RECORD, "toc item %zu: %s is "
			    "not the file it names (SHA-256 %.16s...)", i + 1,
			    file, hex);
		ev = seq >= 0 ? find_event(v, n, (uint64_t)seq) : NULL;
		data = ev && ev->body ? zf_json_get(ev->body, "data") : NULL;
		if (data == NULL || id == NULL ||
		    zf_json_get_str(data, "id") == NULL ||
		    strcmp(zf_json_get_str(data, "id"), id) != 0 ||
		    zf_json_get_str(data, "sha256") == NULL || sha == NULL ||
		    strcmp(zf_json_get_str(data, "sha256"), sha) != 0)
			zf_pubcheck_problem(k, P_RECORD, "toc item %zu: event "
			    "%" PRId64 " does not record %s with its SHA-256",
			    i + 1, seq, id ? id : "it");
	}
	for (j = 0; j < k->nfiles; j++) {
		const char *name = zf_pubcheck_file_name(k, j);

		if ((k->files[j].flags & F_SEEN) && !(k->files[j].flags & 4) &&
		    starts_with(name, "data/objects/"))
			zf_pubcheck_problem(k, P_RECORD, "%s is in no item of "
			    "data/toc.json", name);
	}
}

static void
check_end(struct archival *x)
{
	struct check *k = &x->k;
	struct zf_pubcheck *c = k->c;
	struct zf_json *meta = NULL, *toc = NULL;
	const char *case_id = "";
	struct event *v = NULL;
	size_t n = 0, i;

	zf_pubcheck_bagit_manifests_end(k);
	zf_pubcheck_bagit_oxum(k);
	for (i = 0; i < NKEPT; i++)
		if (!x->seen[i])
			zf_pubcheck_problem(k, P_ONCE, "%s is missing",
			    kept_names[i]);
	if (x->seen[A_VKEY]) {
		k->cur.name = kept_names[A_VKEY];
		zf_pubcheck_log_vkey(k, x->kept[A_VKEY].data ?
		    x->kept[A_VKEY].data : "", x->kept[A_VKEY].len);
	}
	if (x->seen[A_CHECKPOINT] && k->have_key) {
		k->note = zf_buf_detach(&x->kept[A_CHECKPOINT], &k->notelen);
		zf_pubcheck_log_checkpoint(k);
	}
	meta = zf_json_parse(x->kept[A_ARCHIVE].data ? x->kept[A_ARCHIVE].data :
	    "", x->kept[A_ARCHIVE].len, NULL, 0);
	if (meta == NULL || zf_json_get_str(meta, "format") == NULL ||
	    strcmp(zf_json_get_str(meta, "format"), "zhifa-archival") != 0)
		zf_pubcheck_problem(k, P_ONCE, "data/archive.json is not the "
		    "description of an archival package");
	else if (zf_json_get(meta, "case") != NULL &&
	    zf_json_get_str(zf_json_get(meta, "case"), "id") != NULL)
		case_id = zf_json_get_str(zf_json_get(meta, "case"), "id");
	if (!c->signed_ok)
		goto out;
	n = read_events(k, &x->kept[A_EVENTS], case_id, &v);
	c->shown = n;
	check_proofs(k, &x->kept[A_PROOFS], v, n);
	toc = zf_json_parse(x->kept[A_TOC].data ? x->kept[A_TOC].data : "",
	    x->kept[A_TOC].len, NULL, 0);
	if (toc == NULL)
		zf_pubcheck_problem(k, P_ONCE, "data/toc.json is not JSON");
	else
		check_toc(k, toc, v, n);
	c->records = toc ? zf_json_len(zf_json_get(toc, "items")) : 0;
out:
	for (i = 0; i < n; i++)
		zf_json_free(v[i].body);
	free(v);
	zf_json_free(meta);
	zf_json_free(toc);
	zf_pubcheck_more(k);
}

int
zf_pubcheck_archival(const char *path, int is_dir,
    const struct zf_pubcheck_options *o, struct zf_pubcheck *c,
    struct zf_err *e)
{
	struct archival x;
	int rc = 0, i;

	memset(&x, 0, sizeof(x));
	zf_pubcheck_state_init(&x.k, c);
	x.k.vkey_file = kept_names[A_VKEY];
	x.k.checkpoint_file = kept_names[A_CHECKPOINT];
	x.k.journal_origin = 1;
	for (i = 0; i < NKEPT; i++)
		zf_buf_init(&x.kept[i]);
	x.k.bag.ctx = &x;
	x.k.bag.begin = a_begin;
	x.k.bag.data = a_data;
	x.k.bag.end = a_end;
	x.k.bag.problem = a_problem;
	x.k.pass = 1;
	c->kind = "archival";
	if (o != NULL && o->key_file != NULL &&
	    (rc = zf_pubcheck_log_load_key(&x.k, o->key_file, e)) != 0)
		goto out;
	if ((x.k.sha = zf_digest_new(SHA256)) == NULL) {
		rc = zf_fail(e, EX_SOFTWARE, "no sha256 digest in OpenSSL");
		goto out;
	}
	if ((rc = zf_bagread(&x.k.bag, path, is_dir, e)) != 0)
		goto out;
	if (x.k.bag.format != NULL)
		c->format = x.k.bag.format;
	check_end(&x);
out:
	for (i = 0; i < NKEPT; i++)
		zf_buf_release(&x.kept[i]);
	zf_pubcheck_state_release(&x.k);
	return rc;
}

/* The probe: bag-info.txt alone is read. */
static int
p_begin(void *ctx, const char *name)
{
	return strcmp(name, "bag-info.txt") == 0 && ctx != NULL;
}

static void
p_data(void *ctx, const void *p, size_t n)
{
	struct zf_buf *b = ctx;

	if (b->len + n <= KEEP_MAX)
		zf_buf_add(b, p, n);
}

static void
p_end(void *ctx)
{
	(void)ctx;
}

static void
p_problem(void *ctx, const char *fmt, va_list ap)
{
	(void)ctx;
	(void)fmt;
	(void)ap;
}

int
zf_pubcheck_is_archival(const char *path, int is_dir, struct zf_err *e)
{
	struct zf_bagread r;
	struct zf_buf b;
	int rc;

	memset(&r, 0, sizeof(r));
	zf_buf_init(&b);
	r.ctx = &b;
	r.begin = p_begin;
	r.data = p_data;
	r.end = p_end;
	r.problem = p_problem;
	rc = zf_bagread(&r, path, is_dir, e);
	zf_bagread_release(&r);
	zf_buf_addstr(&b, "");
	if (rc == 0)
		rc = strstr(b.data, "\nZhifa-Package: archival\n") != NULL ||
		    strncmp(b.data, "Zhifa-Package: archival\n", 24) == 0;
	else
		rc = -1;
	zf_buf_release(&b);
	return rc;
}
