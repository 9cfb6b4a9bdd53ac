/*
 * pubcheck: the passes over a bundle, and which check reads which of its
 * files (the checks themselves: pubcheck-bagit.c, pubcheck-log.c and
 * pubcheck-records.c).
 */
#include "publication/pubcheck.h"

#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/json.h"
#include "base/text.h"
#include "publication/pubcheck-archival.h"
#include "publication/pubcheck-bagit.h"
#include "publication/pubcheck-state.h"
#include "publication/pubcheck-log.h"
#include "publication/pubcheck-records.h"
#include "base/i18n.h"

#define SMALL_MAX (1 << 20) /* tag files, keys, proofs */
#define MANIFEST_LINE_MAX 8192
#define ENTRY_LINE_MAX (16 << 20) /* one leaf's entry */
#define PASSES_MAX 3

/* Small files */

static void
small_done(struct check *k)
{
	struct reading *r = &k->cur;

	if (r->overlong) {
		zf_pubcheck_problem(k, P_ONCE, "%s is larger than %d bytes",
		    r->name, SMALL_MAX);
		return;
	}
	if (zf_pubcheck_bagit_tag_file(k, r->kind, r->buf.data))
		return;
	switch (r->kind) {
	case K_VKEY:
		k->vkey_seen = 1;
		zf_pubcheck_log_vkey(k, r->buf.data, r->buf.len);
		break;
	case K_CHECKPOINT:
		k->checkpoint_seen = 1;
		k->note = zf_buf_detach(&r->buf, &k->notelen);
		zf_buf_init(&r->buf);
		zf_pubcheck_log_checkpoint(k);
		break;
	case K_JOURNAL:
		free(k->journal_note);
		k->journal_note = zf_buf_detach(&r->buf, &k->journal_len);
		zf_buf_init(&r->buf);
		break;
	case K_PROOF:
		zf_pubcheck_log_proof(k, r->buf.data, r->buf.len);
		break;
	default:
		break;
	}
}

/* Files of lines: the manifests and entries.jsonl */

static void
line_done(struct check *k)
{
	struct reading *r = &k->cur;

	r->lineno++;
	if (r->overlong) {
		zf_pubcheck_problem(k,
		    r->kind == K_ENTRIES ? P_LINE : P_MANIFEST,
		    "%s line %" PRIu64 " is too long", r->name, r->lineno);
		if (r->kind == K_ENTRIES) {
			zf_pubcheck_leaf_room(k, r->lineno - 1);
			k->lflags[r->lineno - 1] |= L_BAD;
			k->nlines = r->lineno;
			k->tree_broken = 1;
		}
	} else if (r->kind == K_ENTRIES) {
		zf_pubcheck_log_entry_line(k, r->buf.data, r->buf.len);
	} else {
		zf_pubcheck_bagit_manifest_line(k, r->buf.data, r->buf.len);
	}
	zf_buf_reset(&r->buf);
	r->overlong = 0;
}

static void
lines_feed(struct check *k, const char *p, size_t n)
{
	struct reading *r = &k->cur;
	size_t max = r->kind == K_ENTRIES ? ENTRY_LINE_MAX : MANIFEST_LINE_MAX;

	while (n > 0) {
		const char *nl = memchr(p, '\n', n);
		size_t take = nl != NULL ? (size_t)(nl - p) : n;

		if (!r->overlong) {
			if (r->buf.len + take > max) {
				r->overlong = 1;
				zf_buf_reset(&r->buf);
			} else {
				zf_buf_add(&r->buf, p, take);
			}
		}
		if (nl == NULL)
			return;
		line_done(k);
		p += take + 1;
		n -= take + 1;
	}
}

static void
lines_end(struct check *k)
{
	struct reading *r = &k->cur;

	if (r->buf.len == 0 && !r->overlong)
		return;
	zf_pubcheck_problem(k, P_ONCE,
	    "%s: its last line does not end in a newline", r->name);
	line_done(k);
}

/* Reading files */

static enum kind
classify(const char *name, uint64_t *proof_index)
{
	static const struct {
		const char *name;
		enum kind kind;
	} fixed[] = {
		{ "bagit.txt", K_BAGIT },
		{ "bag-info.txt", K_BAGINFO },
		{ "manifest-sha256.txt", K_MANIFEST },
		{ "tagmanifest-sha256.txt", K_TAGMANIFEST },
		{ "data/log/agency.vkey", K_VKEY },
		{ "data/log/checkpoint", K_CHECKPOINT },
		{ "data/log/journal-checkpoint", K_JOURNAL },
		{ ENTRIES, K_ENTRIES },
		{ RECORDS, K_RECORDS },
	};
	const char *p;
	size_t i;
	int csv;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strcmp(name, fixed[i].name) == 0)
			return fixed[i].kind;
	if ((csv = zf_pubcheck_records_csv_file(name)) >= 0) {
		*proof_index = (uint64_t)csv;
		return K_CSV;
	}
	if (!starts_with(name, PROOFS))
		return K_OTHER;
	p = name + strlen(PROOFS);
	if (*p < '0' || *p > '9' || (*p == '0' && p[1] != '.') ||
	    strspn(p, "0123456789") > 18 ||
	    strcmp(p + strspn(p, "0123456789"), ".json") != 0)
		return K_OTHER;
	*proof_index = strtoull(p, NULL, 10);
	return K_PROOF;
}

static enum category
category(enum kind kind)
{
	switch (kind) {
	case K_ENTRIES:
		return CAT_ENTRIES;
	case K_PROOF:
		return CAT_PROOFS;
	case K_RECORDS:
		return CAT_RECORDS;
	default:
		return CAT_NONE;
	}
}

static int
ready(struct check *k, enum category cat)
{
	switch (cat) {
	case CAT_ENTRIES:
		/* Without any key, SHA-256 it is; the missing key is told. */
		return k->have_key || k->pass > 1;
	case CAT_PROOFS:
		return k->c->signed_ok && k->entries_complete;
	case CAT_RECORDS:
		return k->entries_complete;
	default:
		return 1;
	}
}

static void
file_begin(struct check *k, const char *name)
{
	struct reading *r = &k->cur;
	enum category cat;
	struct file *f;

	zf_buf_reset(&r->buf);
	r->name = name;
	r->lineno = 0;
	r->overlong = 0;
	r->active = r->hash = r->duplicate = 0;
	r->kind = classify(name, &r->proof_index);
	cat = category(r->kind);
	if (k->pass > 1 && (cat == CAT_NONE || k->cat[cat] == CAT_DONE))
		return;
	r->file = (size_t)zf_pubcheck_file(k, name, 1);
	f = &k->files[r->file];
	r->hash = 1;
	if (k->pass == 1 && (f->flags & F_SEEN)) {
		zf_pubcheck_problem(k, P_MANIFEST,
		    "'%s' is twice in the bundle", name);
		r->duplicate = 1;
		r->hash = 0;
		return;
	}
	if (k->pass > 1 && f->pass == k->pass) {
		r->hash = 0;
		return;
	}
	f->pass = k->pass;
	if (k->pass == 1) {
		f->flags |= F_SEEN;
		k->c->files++;
		if (starts_with(name, "data/"))
			k->payload_files++;
		if (r->kind == K_PROOF)
			k->proof_files++;
	}
	if (cat == CAT_NONE) {
		r->active = k->pass == 1 && r->kind != K_OTHER;
		if (r->active && r->kind == K_CSV)
			zf_pubcheck_records_csv_begin(k, (int)r->proof_index);
		if (r->kind == K_MANIFEST)
			k->manifest_seen = 1;
		if (r->kind == K_TAGMANIFEST)
			k->tagmanifest_seen = 1;
		return;
	}
	if (!k->decided[cat]) {
		k->decided[cat] = 1;
		k->cat[cat] = ready(k, cat) ? CAT_NOW : CAT_DEFERRED;
	}
	r->active = k->cat[cat] == CAT_NOW;
	if (r->active && r->kind == K_ENTRIES)
		k->entries_seen = 1;
	if (r->active && r->kind == K_RECORDS) {
		k->records_seen = 1;
		zf_pubcheck_records_records_begin(k);
	}
}

static void
file_data(struct check *k, const void *p, size_t n)
{
	struct reading *r = &k->cur;

	if (r->hash)
		zf_digest_update(k->sha, p, n);
	if (k->pass == 1 && !r->duplicate && starts_with(r->name, "data/"))
		k->payload_bytes += n;
	if (!r->active)
		return;
	switch (r->kind) {
	case K_MANIFEST:
	case K_TAGMANIFEST:
	case K_ENTRIES:
		lines_feed(k, p, n);
		break;
	case K_RECORDS:
		zf_pubcheck_records_records_feed(k, p, n);
		break;
	case K_CSV:
		zf_pubcheck_records_csv_feed(k, p, n);
		break;
	default:
		if (!r->overlong && r->buf.len + n > SMALL_MAX)
			r->overlong = 1;
		if (!r->overlong)
			zf_buf_add(&r->buf, p, n);
		break;
	}
}

static void
file_end(struct check *k)
{
	struct reading *r = &k->cur;
	uint8_t digest[ZF_DIGEST_LEN];
	struct file *f;

	if (r->hash) {
		f = &k->files[r->file];
		zf_digest_final(k->sha, digest);
		if (k->pass == 1)
			memcpy(f->digest, digest, ZF_DIGEST_LEN);
		else if (memcmp(f->digest, digest, ZF_DIGEST_LEN) != 0)
			zf_pubcheck_problem(k, P_ONCE,
			    "%s changed while it was read", r->name);
	}
	if (!r->active)
		return;
	switch (r->kind) {
	case K_MANIFEST:
	case K_TAGMANIFEST:
		lines_end(k);
		break;
	case K_ENTRIES:
		lines_end(k);
		k->entries_complete = 1;
		break;
	case K_RECORDS:
		zf_pubcheck_records_records_end(k);
		break;
	case K_CSV:
		zf_pubcheck_records_csv_end(k);
		break;
	default:
		small_done(k);
		break;
	}
}

/* The bag's files as bagread gives them */

static int
bag_begin(void *ctx, const char *name)
{
	struct check *k = ctx;

	file_begin(k, name);
	return k->cur.hash || k->cur.active;
}

static void
bag_data(void *ctx, const void *p, size_t n)
{
	file_data(ctx, p, n);
}

static void
bag_end(void *ctx)
{
	file_end(ctx);
}

static void
bag_problem(void *ctx, const char *fmt, va_list ap)
{
	zf_pubcheck_vproblem(ctx, P_ONCE, fmt, ap);
}

/* The checks after reading */

static void
check_end(struct check *k)
{
	zf_pubcheck_bagit_manifests_end(k);
	zf_pubcheck_bagit_bag_info_end(k);
	zf_pubcheck_log_end(k);
	if (k->cat[CAT_PROOFS] == CAT_DEFERRED && k->c->signed_ok)
		zf_pubcheck_problem(k, P_ONCE,
		    "%" PRIu64 " proofs are not checked: "
		    "entries.jsonl cannot be read",
		    k->proof_files);
	if (k->cat[CAT_PROOFS] == CAT_DEFERRED && !k->c->signed_ok &&
	    k->checkpoint_seen)
		zf_pubcheck_problem(k, P_ONCE,
		    "%" PRIu64 " proofs are not checked: the "
		    "checkpoint does not verify",
		    k->proof_files);
	if (k->entries_seen)
		zf_pubcheck_records_end(k);
	if (k->records_seen)
		zf_pubcheck_records_csv_files_end(k);
	/*
	 * The audience is not signed: a bundle that says "sharing" (whose
	 * records are not held to the log's) must not carry a public site.
	 */
	if (k->c->audience != NULL && strcmp(k->c->audience, "sharing") == 0) {
		size_t i;

		for (i = 0; i < k->nfiles; i++) {
			const char *name = zf_pubcheck_file_name(k, i);

			if ((k->files[i].flags & F_SEEN) &&
			    zf_text_ends_with(name, ".html", 0)) {
				zf_pubcheck_problem(k, P_ONCE,
				    "a bundle for sharing "
				    "holds site pages (%s): only a public "
				    "bundle has a site, and its records are "
				    "held to the log",
				    name);
				break;
			}
		}
	}
	zf_pubcheck_more(k);
}

/* Driving the passes */

static int
any_deferred_ready(struct check *k)
{
	int i;

	for (i = 0; i < NCAT; i++)
		if (k->cat[i] == CAT_DEFERRED && ready(k, (enum category)i))
			return 1;
	return 0;
}

int
zf_pubcheck_bundle(const char *path, const struct zf_pubcheck_options *o,
    struct zf_pubcheck *c, struct zf_err *e)
{
	struct check k;
	struct stat st;
	locale_t utf8 = (locale_t)0, old = (locale_t)0;
	uint64_t i;
	int rc = 0, is_dir, cat;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	c->problems = zf_json_array();
	c->format = "dir";
	c->kind = "publication";
	zf_pubcheck_state_init(&k, c);
	if (o != NULL) {
		k.keep_hashes = o->keep_hashes;
		k.want_prefix = o->want_prefix;
		k.prefix = o->prefix;
		c->prefix = o->prefix;
	}
	k.bag.ctx = &k;
	k.bag.begin = bag_begin;
	k.bag.data = bag_data;
	k.bag.end = bag_end;
	k.bag.problem = bag_problem;
	if (stat(path, &st) != 0) {
		rc = zf_fail(e,
		    errno == ENOENT || errno == ENOTDIR ? EX_NOINPUT : EX_IOERR,
		    "cannot open bundle '%s': %s", path, strerror(errno));
		goto out;
	}
	is_dir = S_ISDIR(st.st_mode);
	if (!is_dir && !S_ISREG(st.st_mode)) {
		rc = zf_fail(e, EX_DATAERR,
		    "'%s' is not a bundle: neither a "
		    "folder nor a file",
		    path);
		goto out;
	}
	/* libarchive gives names in the locale's encoding: UTF-8 here. */
	utf8 = zf_i18n_utf8_locale();
	if (utf8 != (locale_t)0)
		old = uselocale(utf8);
	if ((rc = zf_pubcheck_is_archival(path, is_dir, e)) != 0) {
		rc = rc < 0 ? e->code : zf_pubcheck_archival(path, is_dir, o,
		    c, e);
		goto out;
	}
	if (o != NULL && o->key_file != NULL &&
	    (rc = zf_pubcheck_log_load_key(&k, o->key_file, e)) != 0)
		goto out;
	if ((k.sha = zf_digest_new(SHA256)) == NULL) {
		rc = zf_fail(e, EX_SOFTWARE, "no sha256 digest in OpenSSL");
		goto out;
	}
	for (k.pass = 1; k.pass <= PASSES_MAX; k.pass++) {
		if (k.pass > 1 && !any_deferred_ready(&k))
			break;
		memset(k.decided, 0, sizeof(k.decided));
		k.bag.again = k.pass > 1;
		if ((rc = zf_bagread(&k.bag, path, is_dir, e)) != 0)
			break;
		if (k.bag.format != NULL)
			c->format = k.bag.format;
		if (k.pass == 1 && !k.bagit_seen) {
			rc = zf_fail(e, EX_DATAERR,
			    "'%s' is not a bundle: it "
			    "holds no bagit.txt",
			    path);
			break;
		}
		for (cat = 0; cat < NCAT; cat++)
			if (k.cat[cat] == CAT_NOW)
				k.cat[cat] = CAT_DONE;
	}
	if (rc != 0)
		goto out;
	check_end(&k);
	if (k.keep_hashes && !k.tree_broken) {
		c->leaves = k.hashes;
		c->nleaves = k.nlines;
		k.hashes = NULL;
	}
	c->ended = xcalloc(k.nlines / 8 + 1, 1);
	c->recorded = xcalloc(k.nlines / 8 + 1, 1);
	for (i = 0; i < k.nlines; i++) {
		if (k.lflags[i] & L_ENDED)
			c->ended[i / 8] |= (unsigned char)(1u << (i % 8));
		if (k.lflags[i] & L_RECORD)
			c->recorded[i / 8] |= (unsigned char)(1u << (i % 8));
	}
out:
	if (utf8 != (locale_t)0) {
		uselocale(old);
		freelocale(utf8);
	}
	zf_pubcheck_state_release(&k);
	return rc;
}

void
zf_pubcheck_release(struct zf_pubcheck *c)
{
	free(c->path);
	free(c->key);
	free(c->key_name);
	free(c->origin);
	free(c->as_of);
	free(c->audience);
	free(c->leaves);
	free(c->journal_note);
	free(c->ended);
	free(c->recorded);
	zf_json_free(c->problems);
	memset(c, 0, sizeof(*c));
}
