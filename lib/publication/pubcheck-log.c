/*
 * pubcheck-log: the publication log of a bundle: the verifier key, the
 * signed checkpoint, entries.jsonl leaf by leaf, the root over its
 * hashes, each proof, and that one bundle's log extends another's.
 */
#include "publication/pubcheck-log.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/io.h"
#include "base/json.h"
#include "base/merkle.h"
#include "record/checkpoint.h"

#define KEY_MAX 4096

/* The key and the checkpoint */

static int
same_key(int suite_a, const char *name_a, const uint8_t *pub_a, size_t len_a,
    int suite_b, const char *name_b, const uint8_t *pub_b, size_t len_b)
{
	return suite_a == suite_b && strcmp(name_a, name_b) == 0 &&
	    len_a == len_b && memcmp(pub_a, pub_b, len_a) == 0;
}

/* "name+keyid" of a vkey, for messages. */
static char *
key_label(const char *vkey)
{
	const char *plus = strchr(vkey, '+');

	if (plus != NULL && (plus = strchr(plus + 1, '+')) != NULL)
		return xstrndup(vkey, (size_t)(plus - vkey));
	return xstrdup(vkey);
}

/* One line, ending in one newline, that zf_note_vkey_parse takes. */
static char *
vkey_line(const char *text, size_t len)
{
	if (len > 0 && text[len - 1] == '\n')
		len--;
	if (len == 0 || memchr(text, '\n', len) != NULL ||
	    memchr(text, '\0', len) != NULL)
		return NULL;
	return xstrndup(text, len);
}

int
zf_pubcheck_log_load_key(struct check *k, const char *path, struct zf_err *e)
{
	struct zf_pubcheck *c = k->c;
	char *line, *name = NULL;
	struct zf_buf b;
	int rc;

	/* A key is one short line: what comes after 4 KiB is not read. */
	zf_buf_init(&b);
	if (zf_read_file(AT_FDCWD, path, KEY_MAX, &b) != 0 && errno != EFBIG) {
		rc = zf_fail(e, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		    "cannot read key '%s': %s", path, strerror(errno));
		zf_buf_release(&b);
		return rc;
	}
	line = vkey_line(b.data, b.len < KEY_MAX ? b.len : KEY_MAX);
	zf_buf_release(&b);
	if (line == NULL ||
	    zf_note_vkey_parse(line, &c->suite, &name, c->pub, &c->publen) !=
		0) {
		free(line);
		return zf_fail(e, EX_DATAERR,
		    "key '%s' is not a verifier key "
		    "(name+id+base64 key on one line)",
		    path);
	}
	c->key_name = name;
	c->key = key_label(line);
	k->given_vkey = line;
	k->key_given = k->have_key = 1;
	return 0;
}

void
zf_pubcheck_log_checkpoint(struct check *k)
{
	struct zf_pubcheck *c = k->c;
	struct zf_err e;
	char *want;

	if (!k->have_key || k->note == NULL || k->checkpoint_tried)
		return;
	k->checkpoint_tried = 1;
	if (zf_checkpoint_verify(k->note, k->notelen, c->suite, c->key_name,
		c->pub, c->publen, &c->origin, &c->size, c->root, &e) != 0) {
		if (strstr(e.msg, "is not signed by") != NULL && k->key_given)
			zf_pubcheck_problem(k, P_ONCE, "checkpoint signed by "
			    "another key than --key (%s)", c->key);
		else if (strstr(e.msg, "is not signed by") != NULL)
			zf_pubcheck_problem(k, P_ONCE, "checkpoint is not "
			    "signed by the key in %s (%s)", k->vkey_file,
			    c->key);
		else if (strstr(e.msg, "does not verify") != NULL)
			zf_pubcheck_problem(k, P_ONCE,
			    "checkpoint signature does not "
			    "verify (key %s)",
			    c->key);
		else
			zf_pubcheck_problem(k, P_ONCE, "%s: %s",
			    k->checkpoint_file, e.msg);
		return;
	}
	want = k->journal_origin ? xstrdup(c->key_name) :
	    xasprintf("%s/publication", c->key_name);
	if (strcmp(c->origin, want) != 0)
		zf_pubcheck_problem(k, P_ONCE,
		    "checkpoint origin is '%s', not '%s'", c->origin, want);
	else
		c->signed_ok = 1;
	free(want);
}

void
zf_pubcheck_log_vkey(struct check *k, const char *text, size_t len)
{
	struct zf_pubcheck *c = k->c;
	uint8_t pub[ZF_PUBKEY_MAX];
	char *line = vkey_line(text, len), *name = NULL, *label;
	size_t publen;
	int suite;

	if (line == NULL ||
	    zf_note_vkey_parse(line, &suite, &name, pub, &publen) != 0) {
		zf_pubcheck_problem(k, P_ONCE,
		    "%s is not a verifier "
		    "key (name+id+base64 key on one line)", k->vkey_file);
		free(line);
		return;
	}
	if (k->key_given) {
		if (!same_key(suite, name, pub, publen, c->suite, c->key_name,
			c->pub, c->publen)) {
			label = key_label(line);
			zf_pubcheck_problem(k, P_ONCE,
			    "%s is another key "
			    "than --key: the bundle names %s, --key is %s",
			    k->vkey_file, label, c->key);
			free(label);
		}
		free(name);
		free(line);
		return;
	}
	c->suite = suite;
	c->key_name = name;
	memcpy(c->pub, pub, publen);
	c->publen = publen;
	c->key = key_label(line);
	k->have_key = 1;
	free(line);
	zf_pubcheck_log_checkpoint(k);
}

/* Proofs */

void
zf_pubcheck_log_proof(struct check *k, const char *text, size_t len)
{
	struct zf_pubcheck *c = k->c;
	uint64_t i = k->cur.proof_index;
	uint8_t leaf[ZF_DIGEST_LEN], proof[PROOF_MAX][ZF_DIGEST_LEN];
	const char *name = k->cur.name;
	struct zf_json *v, *path;
	int64_t index, size;
	char err[160];
	size_t n, j;

	if ((v = zf_json_parse(text, len, err, sizeof(err))) == NULL ||
	    zf_json_type(v) != ZF_JSON_OBJECT) {
		zf_pubcheck_problem(k, P_PROOF,
		    "proof %s is not a JSON object%s%s", name,
		    v == NULL ? ": " : "", v == NULL ? err : "");
		goto out;
	}
	path = zf_json_get(v, "proof");
	if (zf_json_get_int(v, "index", &index) != 0 ||
	    zf_json_get_int(v, "size", &size) != 0 ||
	    zf_pubcheck_hex_hash(zf_json_get_str(v, "hash"), leaf) != 0 ||
	    path == NULL || zf_json_type(path) != ZF_JSON_ARRAY ||
	    (n = zf_json_len(path)) > PROOF_MAX) {
		zf_pubcheck_problem(k, P_PROOF,
		    "proof %s lacks index, size, hash or "
		    "proof, or one of them is malformed",
		    name);
		goto out;
	}
	for (j = 0; j < n; j++) {
		if (zf_pubcheck_hex_hash(zf_json_str(zf_json_at(path, j)) ==
				NULL
			    ? NULL
			    : zf_json_str(zf_json_at(path, j)),
			proof[j]) != 0 ||
		    zf_json_type(zf_json_at(path, j)) != ZF_JSON_STRING) {
			zf_pubcheck_problem(k, P_PROOF,
			    "proof %s: hash %zu of the proof "
			    "is not 64 hex digits",
			    name, j);
			goto out;
		}
	}
	if ((uint64_t)index != i || index < 0)
		zf_pubcheck_problem(k, P_PROOF,
		    "proof %s says it is for leaf %" PRId64, name, index);
	if (size < 0 || (uint64_t)size != c->size)
		zf_pubcheck_problem(k, P_PROOF,
		    "proof %s is for a tree of %" PRId64
		    " leaves, the checkpoint's has %" PRIu64,
		    name, size, c->size);
	/* That its leaf hash is line i's of entries.jsonl follows from
	 * both: the proof verifies against the root the lines hash to. */
	if (i >= k->nlines)
		zf_pubcheck_problem(k, P_PROOF,
		    "proof %s is for leaf %" PRIu64 ", beyond "
		    "the %" PRIu64 " lines of entries.jsonl",
		    name, i, k->nlines);
	if (!zf_merkle_verify_inclusion(c->suite, i, c->size, leaf,
		(const uint8_t(*)[ZF_DIGEST_LEN])proof, n, c->root))
		zf_pubcheck_problem(k, P_PROOF,
		    "proof %s does not verify against the "
		    "checkpoint's root",
		    name);
	else
		c->proofs++;
out:
	zf_json_free(v);
}

/* entries.jsonl */

/*
 * The leaf an entry ends: a withdrawal's or expiry's "of", a correction's
 * "corrects".
 */
static int
ends(const struct zf_json *entry, const char *type, int64_t *of)
{
	if (type == NULL)
		return 0;
	if (strcmp(type, "correct") == 0)
		return zf_json_get_int(entry, "corrects", of) == 0;
	if (strcmp(type, "withdraw") == 0 || strcmp(type, "expire") == 0)
		return zf_json_get_int(entry, "of", of) == 0;
	return 0;
}

static void
shown_entry(struct check *k, uint64_t i, const uint8_t hash[ZF_DIGEST_LEN],
    const struct zf_json *entry)
{
	uint8_t h[ZF_DIGEST_LEN];
	const struct zf_json *record;
	const char *type;
	int64_t of;
	size_t len;
	char *s;

	k->lflags[i] |= L_SHOWN;
	k->c->shown++;
	if (zf_json_type(entry) != ZF_JSON_OBJECT) {
		zf_pubcheck_problem(k, P_LINE,
		    "entries.jsonl line %" PRIu64 ": the entry "
		    "is not an object",
		    i + 1);
		return;
	}
	s = zf_json_canonical(entry, &len);
	zf_merkle_leaf_hash(k->c->suite, s, len, h);
	free(s);
	if (memcmp(h, hash, ZF_DIGEST_LEN) != 0)
		zf_pubcheck_problem(k, P_LEAF,
		    "leaf %" PRIu64 ": content does not match "
		    "its hash (entries.jsonl line %" PRIu64 ")",
		    i, i + 1);
	type = zf_json_get_str(entry, "type");
	if (ends(entry, type, &of)) {
		/* Only earlier leaves can be ended. */
		if (of < 0 || (uint64_t)of >= i)
			zf_pubcheck_problem(k, P_LINE,
			    "leaf %" PRIu64 ": a %s "
			    "entry ends leaf %" PRId64 ", which is not "
			    "an earlier one",
			    i, type, of);
		else
			k->lflags[of] |= L_ENDED;
	}
	if (type == NULL ||
	    (strcmp(type, "publish") != 0 && strcmp(type, "correct") != 0))
		return;
	record = zf_json_get(entry, "record");
	if (record == NULL || zf_json_type(record) != ZF_JSON_OBJECT) {
		zf_pubcheck_problem(k, P_LINE,
		    "leaf %" PRIu64 ": a %s entry without a "
		    "record object",
		    i, type);
		return;
	}
	k->lflags[i] |= L_CURRENT;
	zf_pubcheck_digest_json(record, k->fields[i]);
	zf_pubcheck_digest_meta(zf_json_get_str(entry, "case"),
	    zf_json_get_str(entry, "kind"), type, k->meta[i]);
}

void
zf_pubcheck_log_entry_line(struct check *k, const char *line, size_t len)
{
	uint64_t lineno = k->cur.lineno, i = lineno - 1;
	uint8_t hash[ZF_DIGEST_LEN];
	struct zf_json *v, *entry = NULL;
	int64_t index;
	char err[160], *canon;
	size_t clen, j;

	zf_pubcheck_leaf_room(k, i);
	if (i == 0)
		zf_merkle_stream_init(&k->tree, k->c->suite);
	k->nlines = lineno;
	if ((v = zf_json_parse(line, len, err, sizeof(err))) == NULL ||
	    zf_json_type(v) != ZF_JSON_OBJECT) {
		zf_pubcheck_problem(k, P_LINE,
		    "entries.jsonl line %" PRIu64 " is not a "
		    "JSON object%s%s",
		    lineno, v == NULL ? ": " : "", v == NULL ? err : "");
		k->lflags[i] |= L_BAD;
		k->tree_broken = 1;
		zf_json_free(v);
		return;
	}
	canon = zf_json_canonical(v, &clen);
	if (clen != len || memcmp(canon, line, len) != 0)
		zf_pubcheck_problem(k, P_LINE,
		    "entries.jsonl line %" PRIu64 " is not "
		    "canonical JSON",
		    lineno);
	free(canon);
	for (j = 0; j < zf_json_len(v); j++) {
		const char *key = zf_json_key_at(v, j);

		if (strcmp(key, "hash") != 0 && strcmp(key, "index") != 0 &&
		    strcmp(key, "entry") != 0)
			zf_pubcheck_problem(k, P_LINE,
			    "entries.jsonl line %" PRIu64 " has "
			    "an unexpected member '%s'",
			    lineno, key);
	}
	if (zf_json_get_int(v, "index", &index) != 0)
		zf_pubcheck_problem(k, P_LINE,
		    "entries.jsonl line %" PRIu64 " has no "
		    "index",
		    lineno);
	else if (index < 0 || (uint64_t)index != i)
		zf_pubcheck_problem(k, P_ORDER,
		    "entries out of order at line %" PRIu64 ": index %" PRId64
		    " where %" PRIu64 " is due",
		    lineno, index, i);
	if (zf_pubcheck_hex_hash(zf_json_get_str(v, "hash"), hash) != 0) {
		zf_pubcheck_problem(k, P_LINE,
		    "entries.jsonl line %" PRIu64 ": hash is "
		    "not 64 lowercase hex digits",
		    lineno);
		k->lflags[i] |= L_BAD;
		k->tree_broken = 1;
		zf_json_free(v);
		return;
	}
	if ((entry = zf_json_get(v, "entry")) != NULL)
		shown_entry(k, i, hash, entry);
	zf_json_free(v);
	if (k->keep_hashes)
		memcpy(k->hashes[i], hash, ZF_DIGEST_LEN);
	if (k->tree_broken)
		return;
	zf_merkle_stream_add(&k->tree, hash);
	if (k->want_prefix && k->tree.n == k->prefix) {
		zf_merkle_stream_root(&k->tree, k->c->prefix_root);
		k->c->has_prefix_root = 1;
	}
}

/*
 * The journal's checkpoint, signed with the same key under the archive's
 * own origin: kept for archive-verify --witness.  Bundles made before it
 * was carried have none, which is no problem.
 */
static void
journal_checkpoint(struct check *k)
{
	struct zf_pubcheck *c = k->c;
	uint8_t root[ZF_DIGEST_LEN];
	char *origin = NULL;
	struct zf_err e;

	if (k->journal_note == NULL || !k->have_key)
		return;
	if (zf_checkpoint_verify(k->journal_note, k->journal_len, c->suite,
		c->key_name, c->pub, c->publen, &origin, &c->journal_size,
		root, &e) != 0)
		zf_pubcheck_problem(k, P_ONCE,
		    "data/log/journal-checkpoint: %s", e.msg);
	else if (strcmp(origin, c->key_name) != 0)
		zf_pubcheck_problem(k, P_ONCE,
		    "data/log/journal-checkpoint is for the log '%s', not "
		    "the archive's '%s'", origin, c->key_name);
	else
		c->journal_note = xstrdup(k->journal_note);
	free(origin);
}

void
zf_pubcheck_log_end(struct check *k)
{
	struct zf_pubcheck *c = k->c;
	uint8_t root[ZF_DIGEST_LEN];
	char have[ZF_DIGEST_HEX], want[ZF_DIGEST_HEX];

	if (!k->vkey_seen)
		zf_pubcheck_problem(k, P_ONCE,
		    "data/log/agency.vkey is missing");
	if (!k->checkpoint_seen)
		zf_pubcheck_problem(k, P_ONCE,
		    "data/log/checkpoint is missing");
	else if (!k->have_key)
		zf_pubcheck_problem(k, P_ONCE,
		    "the checkpoint cannot be checked without "
		    "a key");
	journal_checkpoint(k);
	if (!k->entries_seen) {
		zf_pubcheck_problem(k, P_ONCE,
		    "data/log/entries.jsonl is missing");
		return;
	}
	if (!c->signed_ok)
		return;
	if (k->nlines != c->size)
		zf_pubcheck_problem(k, P_ONCE,
		    "entries.jsonl has %" PRIu64 " lines but "
		    "the checkpoint's tree has %" PRIu64 " leaves",
		    k->nlines, c->size);
	if (k->tree_broken)
		return;
	if (k->nlines == 0)
		zf_merkle_stream_init(&k->tree, c->suite);
	zf_merkle_stream_root(&k->tree, root);
	if (memcmp(root, c->root, ZF_DIGEST_LEN) != 0) {
		zf_hex(root, ZF_DIGEST_LEN, have);
		zf_hex(c->root, ZF_DIGEST_LEN, want);
		zf_pubcheck_problem(k, P_ONCE,
		    "the root over the %" PRIu64 " hashes of "
		    "entries.jsonl is %s, not the checkpoint's %s",
		    k->nlines, have, want);
	}
}

/* Between two bundles */

/* The first of the first m leaf hashes that differ, and how many do. */
static uint64_t
first_difference(const struct zf_pubcheck *old, const struct zf_pubcheck *c,
    uint64_t m, uint64_t *first)
{
	uint64_t i, differ = 0;

	for (i = 0; i < m; i++) {
		if (memcmp(old->leaves[i], c->leaves[i], ZF_DIGEST_LEN) == 0)
			continue;
		if (differ++ == 0)
			*first = i;
	}
	return differ;
}

int
zf_pubcheck_extends(const struct zf_pubcheck *old, const struct zf_pubcheck *c,
    struct zf_json *problems)
{
	uint64_t m = old->size, n = c->size, i, first = 0, differ;
	char *s;
	int count = 0;

	if (zf_json_len(old->problems) > 0 || !old->signed_ok ||
	    zf_json_len(c->problems) > 0 || !c->signed_ok) {
		s = xasprintf("cannot check that %s extends %s: %s does not "
			      "verify",
		    c->path, old->path,
		    zf_json_len(old->problems) > 0 || !old->signed_ok
			? old->path
			: c->path);
		zf_json_push(problems, zf_json_string(s));
		free(s);
		return 1;
	}
	if (!same_key(old->suite, old->key_name, old->pub, old->publen,
		c->suite, c->key_name, c->pub, c->publen)) {
		s = xasprintf("SECURITY ERROR: %s is signed by another key "
			      "than %s (%s, not %s)",
		    c->path, old->path, c->key, old->key);
		zf_json_push(problems, zf_json_string(s));
		free(s);
		count++;
	}
	if (m > n) {
		s = xasprintf("SECURITY ERROR: the log of %s is not an "
			      "extension of %s: log shrank from %" PRIu64
			      " to %" PRIu64 " entries",
		    c->path, old->path, m, n);
		zf_json_push(problems, zf_json_string(s));
		free(s);
		return count + 1;
	}
	/*
	 * The first m leaves of c hash to old's signed root: c's log holds
	 * old's as its beginning (RFC 9162's consistency, shown directly).
	 */
	if (m > 0 &&
	    (!c->has_prefix_root || c->prefix != m ||
		memcmp(c->prefix_root, old->root, ZF_DIGEST_LEN) != 0)) {
		if (old->leaves != NULL && c->leaves != NULL &&
		    old->nleaves >= m && c->nleaves >= m &&
		    (differ = first_difference(old, c, m, &first)) > 0)
			s = xasprintf("SECURITY ERROR: the log of %s is not "
				      "an extension of %s: leaf %" PRIu64
				      " differs%s",
			    c->path, old->path, first,
			    differ > 1 ? " (and later ones)" : "");
		else
			s = xasprintf("SECURITY ERROR: the log of %s is not "
				      "an extension of %s: its first %" PRIu64
				      " leaves do not hash to the signed root "
				      "of %s",
			    c->path, old->path, m, old->path);
		zf_json_push(problems, zf_json_string(s));
		free(s);
		return count + 1;
	}
	for (i = 0; i < m; i++) {
		if (!zf_pubcheck_bit(old->ended, i) ||
		    !zf_pubcheck_bit(c->recorded, i))
			continue;
		s = xasprintf(
		    "SECURITY ERROR: %s publishes leaf %" PRIu64
		    " again, which %s shows withdrawn, expired or corrected",
		    c->path, i, old->path);
		zf_json_push(problems, zf_json_string(s));
		free(s);
		count++;
	}
	return count;
}
