/* pubcheck: reading a publication bundle as it is stored, and checking it. */
#include "publication/pubcheck.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* libarchive's: lib/ is searched for "quoted" names only (-iquote). */
#include <archive.h>
#include <archive_entry.h>

#include "base/buf.h"
#include "base/csv.h"
#include "record/checkpoint.h"
#include "base/json.h"
#include "base/merkle.h"

#define SHA256 ZF_SUITE_SHA256_ED25519
#define CHUNK (64 * 1024)
#define SMALL_MAX (1 << 20) /* tag files, keys, proofs */
#define MANIFEST_LINE_MAX 8192
#define ENTRY_LINE_MAX (16 << 20) /* one leaf's entry */
#define RECORD_MAX (16 << 20) /* one record of records.json */
#define RECORDS_TOP_MAX (1 << 20) /* records.json without its records */
#define REPEAT_MAX 10 /* lines of one kind of problem */
#define PASSES_MAX 3
#define DEPTH_MAX 64 /* folders within folders */
#define PROOF_MAX 64

#define ENTRIES "data/log/entries.jsonl"
#define RECORDS "data/records.json"
#define PROOFS "data/log/proofs/"

/* What a file of the bag is to the checks. */
enum kind {
	K_OTHER,
	K_BAGIT,
	K_BAGINFO,
	K_MANIFEST,
	K_TAGMANIFEST,
	K_VKEY,
	K_CHECKPOINT,
	K_ENTRIES,
	K_PROOF,
	K_RECORDS,
	K_CSV
};

/* The CSV files, one per schema, in the order records.json's kinds map. */
static const char *const csv_names[] = { "data/records-penalty.csv",
	"data/records-licensing.csv", "data/records-other.csv" };
#define NCSV 3
#define CSV_FIELD_MAX (1 << 20)

/*
 * A CSV file as it streams past (base/csv.h): each row becomes an object
 * of the header's names, and the canonical text of each, one per line,
 * goes into a digest; records.json's records of the schema, in order,
 * into another.  The two must be equal: the spreadsheet file is the same
 * records as the proven ones.
 */
struct csv {
	struct zf_csv_reader reader;
	struct zf_json *header;
	int which;		/* index in csv_names */
};

/*
 * The files whose checks need what other files hold: each is read in the
 * first pass that has what it needs when its first file comes.
 */
enum category { CAT_ENTRIES, CAT_PROOFS, CAT_RECORDS, NCAT, CAT_NONE = -1 };
enum cat_state { CAT_UNSEEN, CAT_DEFERRED, CAT_NOW, CAT_DONE };

/* Kinds of problem that can come by the thousand: cut after REPEAT_MAX. */
enum problem_kind {
	P_ONCE,
	P_MANIFEST,
	P_ORDER,
	P_LINE,
	P_LEAF,
	P_PROOF,
	P_RECORD,
	NPROBLEM
};
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

enum { F_SEEN = 1, F_LISTED = 2 };

struct file {
	size_t name; /* offset in check.names */
	unsigned flags;
	int pass; /* the last pass that read it */
	uint8_t digest[ZF_DIGEST_LEN]; /* SHA-256 of its bytes */
	uint8_t listed[ZF_DIGEST_LEN]; /* as its manifest lists it */
};

enum {
	L_SHOWN = 1,
	L_CURRENT = 2,
	L_RECORD = 4,
	L_FIELDS_DIFFER = 8,
	L_BAD = 16,
	L_ENDED = 32	/* a shown withdraw, expire or correct names it */
};

struct leaf {
	uint8_t hash[ZF_DIGEST_LEN]; /* as entries.jsonl gives it */
	uint8_t fields[ZF_DIGEST_LEN]; /* of canonical(entry.record) */
	uint8_t meta[ZF_DIGEST_LEN]; /* of canonical([case,kind,type]) */
	unsigned char flags;
};

/* records.json, split into its records as it streams past. */
struct splitter {
	int broken, ended;
	int depth, in_string, escape;
	int key_is_records, in_records, want_comma, seen_records;
	int in_record, record_depth;
	struct zf_buf top, record, key;
	uint64_t ordinal;
};

/* The file being read. */
struct reading {
	const char *name;
	size_t file;
	enum kind kind;
	int active; /* its checks run in this pass */
	int hash, duplicate;
	uint64_t proof_index;
	struct zf_buf buf;
	uint64_t lineno;
	int overlong;
};

struct check {
	struct zf_pubcheck *c;
	int pass;
	int key_given;
	int have_key;
	char *given_vkey; /* the --key text */
	int vkey_seen, checkpoint_seen;
	char *note;
	size_t notelen;
	int checkpoint_tried;

	struct file *files;
	size_t nfiles, capfiles;
	uint32_t *slots; /* file index + 1; 0 is free */
	size_t nslots;
	struct zf_buf names;
	uint64_t payload_bytes, payload_files;
	int bagit_seen, baginfo_seen, manifest_seen, tagmanifest_seen;
	char *oxum, *version, *log_size, *as_of, *audience;

	struct leaf *leaves;
	uint64_t nlines, capleaves;
	int entries_seen, entries_complete, records_seen;
	uint64_t proof_files;
	enum cat_state cat[NCAT];
	int decided[NCAT];
	struct zf_json *records_top;
	struct splitter split;

	struct csv csv;
	struct zf_digest *csv_digest[NCSV], *rec_digest[NCSV];
	uint64_t csv_rows[NCSV], rec_rows[NCSV];
	int csv_seen[NCSV];

	uint64_t counts[NPROBLEM];
	struct reading cur;
	struct zf_digest *sha;
	uint8_t *chunk;
	const char *prefix; /* archives: the bag's folder + "/" */
	size_t prefixlen;
	char *prefix_owned;
};

static void problem(struct check *k, enum problem_kind kind, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

static void
problem(struct check *k, enum problem_kind kind, const char *fmt, ...)
{
	struct zf_buf b;
	va_list ap;

	if (kind != P_ONCE && ++k->counts[kind] > REPEAT_MAX)
		return;
	zf_buf_init(&b);
	va_start(ap, fmt);
	zf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	zf_json_push(k->c->problems, zf_json_string(b.data));
	zf_buf_release(&b);
}

static int
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void
hex16(const uint8_t *d, char out[17])
{
	char full[ZF_DIGEST_HEX];

	zf_hex(d, ZF_DIGEST_LEN, full);
	memcpy(out, full, 16);
	out[16] = '\0';
}

/* The table of files */

static uint64_t
hash_name(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static const char *
file_name(struct check *k, size_t i)
{
	return k->names.data + k->files[i].name;
}

static uint32_t *
find_slot(struct check *k, const char *name)
{
	size_t mask = k->nslots - 1, i = hash_name(name) & mask;

	for (;; i = (i + 1) & mask) {
		uint32_t *s = &k->slots[i];

		if (*s == 0 || strcmp(file_name(k, *s - 1), name) == 0)
			return s;
	}
}

static void
grow_slots(struct check *k)
{
	size_t i;

	free(k->slots);
	k->nslots = k->nslots ? 2 * k->nslots : 1024;
	k->slots = xcalloc(k->nslots, sizeof(*k->slots));
	for (i = 0; i < k->nfiles; i++)
		*find_slot(k, file_name(k, i)) = (uint32_t)(i + 1);
}

/* The index of name in the table, added when absent (add) or -1. */
static long
file_lookup(struct check *k, const char *name, int add)
{
	uint32_t *s;

	if (k->nslots == 0)
		grow_slots(k);
	s = find_slot(k, name);
	if (*s != 0)
		return (long)*s - 1;
	if (!add)
		return -1;
	if (2 * (k->nfiles + 1) > k->nslots) {
		grow_slots(k);
		s = find_slot(k, name);
	}
	if (k->nfiles == k->capfiles) {
		k->capfiles = k->capfiles ? 2 * k->capfiles : 256;
		k->files = xrealloc(k->files, k->capfiles * sizeof(*k->files));
	}
	memset(&k->files[k->nfiles], 0, sizeof(k->files[0]));
	k->files[k->nfiles].name = k->names.len;
	zf_buf_add(&k->names, name, strlen(name) + 1);
	*s = (uint32_t)(k->nfiles + 1);
	return (long)k->nfiles++;
}

static struct leaf *
leaf_at(struct check *k, uint64_t i)
{
	if (i >= k->capleaves) {
		uint64_t old = k->capleaves;

		k->capleaves = k->capleaves ? 2 * k->capleaves : 256;
		while (k->capleaves <= i)
			k->capleaves *= 2;
		k->leaves =
		    xrealloc(k->leaves, k->capleaves * sizeof(*k->leaves));
		memset(k->leaves + old, 0,
		    (k->capleaves - old) * sizeof(*k->leaves));
	}
	return &k->leaves[i];
}

/* Merkle trees over a list of leaf hashes */

struct hashes {
	int suite;
	const uint8_t (*leaf)[ZF_DIGEST_LEN];
	size_t stride; /* bytes from one leaf hash to the next */
	uint64_t n;
};

static const uint8_t *
hash_of(const struct hashes *h, uint64_t i)
{
	return (const uint8_t *)h->leaf + i * h->stride;
}

/* The hash of the complete subtree (level, index), from the leaves. */
static int
read_subtree(void *ctx, int level, uint64_t index, uint8_t out[ZF_DIGEST_LEN])
{
	const struct hashes *h = ctx;
	uint8_t left[ZF_DIGEST_LEN], right[ZF_DIGEST_LEN];

	if (level < 0 || level > 62 || (index << level) >> level != index ||
	    (index << level) + ((uint64_t)1 << level) > h->n)
		return -1;
	if (level == 0) {
		memcpy(out, hash_of(h, index), ZF_DIGEST_LEN);
		return 0;
	}
	if (read_subtree(ctx, level - 1, 2 * index, left) != 0 ||
	    read_subtree(ctx, level - 1, 2 * index + 1, right) != 0)
		return -1;
	zf_merkle_node_hash(h->suite, left, right, out);
	return 0;
}

/* Small files */

static void
check_bagit(struct check *k, const char *text)
{
	int version = 0, encoding = 0;
	const char *line, *next;

	for (line = text; *line != '\0'; line = next) {
		size_t len = strcspn(line, "\n");

		next = line[len] ? line + len + 1 : line + len;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == 18 && memcmp(line, "BagIt-Version: 1.0", 18) == 0)
			version = 1;
		else if (len == 34 &&
		    memcmp(line, "Tag-File-Character-Encoding: UTF-8", 34) == 0)
			encoding = 1;
		else if (starts_with(line, "BagIt-Version:"))
			problem(k, P_ONCE,
			    "bagit.txt: '%.*s' is not BagIt "
			    "1.0",
			    (int)len, line);
	}
	if (!version)
		problem(k, P_ONCE,
		    "bagit.txt does not say 'BagIt-Version: "
		    "1.0'");
	if (!encoding)
		problem(k, P_ONCE,
		    "bagit.txt does not say "
		    "'Tag-File-Character-Encoding: UTF-8'");
}

static void
take_label(struct check *k, char **slot, const char *label, const char *value,
    size_t len)
{
	if (*slot != NULL) {
		problem(k, P_ONCE, "bag-info.txt gives %s twice", label);
		return;
	}
	*slot = xstrndup(value, len);
}

static void
check_bag_info(struct check *k, const char *text)
{
	static const struct {
		const char *label;
		size_t offset;
	} labels[] = {
		{ "Payload-Oxum", offsetof(struct check, oxum) },
		{ "Zhifa-Bundle-Version", offsetof(struct check, version) },
		{ "Zhifa-Log-Size", offsetof(struct check, log_size) },
		{ "Zhifa-As-Of", offsetof(struct check, as_of) },
		{ "Zhifa-Audience", offsetof(struct check, audience) },
	};
	const char *line, *next, *colon;
	size_t i;

	for (line = text; *line != '\0'; line = next) {
		size_t len = strcspn(line, "\n");

		next = line[len] ? line + len + 1 : line + len;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == 0 || line[0] == ' ' || line[0] == '\t')
			continue;
		if ((colon = memchr(line, ':', len)) == NULL) {
			problem(k, P_ONCE,
			    "bag-info.txt: line '%.*s' is not "
			    "'Label: value'",
			    (int)len, line);
			continue;
		}
		for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
			const char *v = colon + 1;
			size_t vlen = len - (size_t)(v - line);

			if ((size_t)(colon - line) != strlen(labels[i].label) ||
			    memcmp(line, labels[i].label,
				(size_t)(colon - line)) != 0)
				continue;
			while (vlen > 0 && (*v == ' ' || *v == '\t')) {
				v++;
				vlen--;
			}
			take_label(k, (char **)((char *)k + labels[i].offset),
			    labels[i].label, v, vlen);
		}
	}
}

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

static void
try_checkpoint(struct check *k)
{
	struct zf_pubcheck *c = k->c;
	struct zf_err e;
	char *want;

	if (!k->have_key || k->note == NULL || k->checkpoint_tried)
		return;
	k->checkpoint_tried = 1;
	if (zf_checkpoint_verify(k->note, k->notelen, c->suite, c->key_name,
		c->pub, c->publen, &c->origin, &c->size, c->root, &e) != 0) {
		if (strstr(e.msg, "is not signed by") != NULL)
			problem(k, P_ONCE,
			    k->key_given
				? "checkpoint signed "
				  "by another key than --key (%s)"
				: "checkpoint "
				  "is not signed by the key in data/log/agency.vkey "
				  "(%s)",
			    c->key);
		else if (strstr(e.msg, "does not verify") != NULL)
			problem(k, P_ONCE,
			    "checkpoint signature does not "
			    "verify (key %s)",
			    c->key);
		else
			problem(k, P_ONCE, "data/log/checkpoint: %s", e.msg);
		return;
	}
	want = xasprintf("%s/publication", c->key_name);
	if (strcmp(c->origin, want) != 0)
		problem(k, P_ONCE, "checkpoint origin is '%s', not '%s'",
		    c->origin, want);
	else
		c->signed_ok = 1;
	free(want);
}

static void
check_vkey(struct check *k, const char *text, size_t len)
{
	struct zf_pubcheck *c = k->c;
	uint8_t pub[ZF_PUBKEY_MAX];
	char *line = vkey_line(text, len), *name = NULL, *label;
	size_t publen;
	int suite;

	if (line == NULL ||
	    zf_note_vkey_parse(line, &suite, &name, pub, &publen) != 0) {
		problem(k, P_ONCE,
		    "data/log/agency.vkey is not a verifier "
		    "key (name+id+base64 key on one line)");
		free(line);
		return;
	}
	if (k->key_given) {
		if (!same_key(suite, name, pub, publen, c->suite, c->key_name,
			c->pub, c->publen)) {
			label = key_label(line);
			problem(k, P_ONCE,
			    "data/log/agency.vkey is another key "
			    "than --key: the bundle names %s, --key is %s",
			    label, c->key);
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
	try_checkpoint(k);
}

static int
parse_hex_hash(const char *s, uint8_t out[ZF_DIGEST_LEN])
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

static void
check_proof(struct check *k, const char *text, size_t len)
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
		problem(k, P_PROOF, "proof %s is not a JSON object%s%s", name,
		    v == NULL ? ": " : "", v == NULL ? err : "");
		goto out;
	}
	path = zf_json_get(v, "proof");
	if (zf_json_get_int(v, "index", &index) != 0 ||
	    zf_json_get_int(v, "size", &size) != 0 ||
	    parse_hex_hash(zf_json_get_str(v, "hash"), leaf) != 0 ||
	    path == NULL || zf_json_type(path) != ZF_JSON_ARRAY ||
	    (n = zf_json_len(path)) > PROOF_MAX) {
		problem(k, P_PROOF,
		    "proof %s lacks index, size, hash or "
		    "proof, or one of them is malformed",
		    name);
		goto out;
	}
	for (j = 0; j < n; j++) {
		if (parse_hex_hash(zf_json_str(zf_json_at(path, j)) == NULL
			    ? NULL
			    : zf_json_str(zf_json_at(path, j)),
			proof[j]) != 0 ||
		    zf_json_type(zf_json_at(path, j)) != ZF_JSON_STRING) {
			problem(k, P_PROOF,
			    "proof %s: hash %zu of the proof "
			    "is not 64 hex digits",
			    name, j);
			goto out;
		}
	}
	if ((uint64_t)index != i || index < 0)
		problem(k, P_PROOF, "proof %s says it is for leaf %" PRId64,
		    name, index);
	if (size < 0 || (uint64_t)size != c->size)
		problem(k, P_PROOF,
		    "proof %s is for a tree of %" PRId64
		    " leaves, the checkpoint's has %" PRIu64,
		    name, size, c->size);
	if (i >= k->nlines)
		problem(k, P_PROOF,
		    "proof %s is for leaf %" PRIu64 ", beyond "
		    "the %" PRIu64 " lines of entries.jsonl",
		    name, i, k->nlines);
	else if (memcmp(leaf, k->leaves[i].hash, ZF_DIGEST_LEN) != 0)
		problem(k, P_PROOF,
		    "proof %s: its leaf hash differs from "
		    "leaf %" PRIu64 " of entries.jsonl",
		    name, i);
	if (!zf_merkle_verify_inclusion(c->suite, i, c->size, leaf,
		(const uint8_t(*)[ZF_DIGEST_LEN])proof, n, c->root))
		problem(k, P_PROOF,
		    "proof %s does not verify against the "
		    "checkpoint's root",
		    name);
	else
		c->proofs++;
out:
	zf_json_free(v);
}

static void
small_done(struct check *k)
{
	struct reading *r = &k->cur;

	if (r->overlong) {
		problem(k, P_ONCE, "%s is larger than %d bytes", r->name,
		    SMALL_MAX);
		return;
	}
	switch (r->kind) {
	case K_BAGIT:
		k->bagit_seen = 1;
		check_bagit(k, r->buf.data);
		break;
	case K_BAGINFO:
		k->baginfo_seen = 1;
		check_bag_info(k, r->buf.data);
		break;
	case K_VKEY:
		k->vkey_seen = 1;
		check_vkey(k, r->buf.data, r->buf.len);
		break;
	case K_CHECKPOINT:
		k->checkpoint_seen = 1;
		k->note = zf_buf_detach(&r->buf, &k->notelen);
		zf_buf_init(&r->buf);
		try_checkpoint(k);
		break;
	case K_PROOF:
		check_proof(k, r->buf.data, r->buf.len);
		break;
	default:
		break;
	}
}

/* Manifests */

/* Undoes BagIt's percent-encoding of CR, LF and '%' in manifest paths. */
static char *
manifest_path(const char *s, size_t len)
{
	char *out = xmalloc(len + 1), *o = out;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len) {
			if (strncmp(s + i, "%0A", 3) == 0 ||
			    strncmp(s + i, "%0a", 3) == 0) {
				*o++ = '\n';
				i += 2;
				continue;
			}
			if (strncmp(s + i, "%0D", 3) == 0 ||
			    strncmp(s + i, "%0d", 3) == 0) {
				*o++ = '\r';
				i += 2;
				continue;
			}
			if (strncmp(s + i, "%25", 3) == 0) {
				*o++ = '%';
				i += 2;
				continue;
			}
		}
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

static void
manifest_line(struct check *k, const char *line, size_t len)
{
	const char *what = k->cur.name;
	int payload = k->cur.kind == K_MANIFEST;
	uint8_t digest[ZF_DIGEST_LEN];
	char hex[ZF_DIGEST_HEX], *path;
	size_t i = 2 * ZF_DIGEST_LEN;
	struct file *f;
	long idx;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len < i + 2 || (line[i] != ' ' && line[i] != '\t')) {
		problem(k, P_MANIFEST,
		    "%s line %" PRIu64 " is not "
		    "'SHA256  PATH'",
		    what, k->cur.lineno);
		return;
	}
	memcpy(hex, line, i);
	hex[i] = '\0';
	for (i = 0; i < 2 * ZF_DIGEST_LEN; i++)
		if (hex[i] >= 'A' && hex[i] <= 'F')
			hex[i] = (char)(hex[i] - 'A' + 'a');
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (parse_hex_hash(hex, digest) != 0 || i == len) {
		problem(k, P_MANIFEST,
		    "%s line %" PRIu64 " is not "
		    "'SHA256  PATH'",
		    what, k->cur.lineno);
		return;
	}
	path = manifest_path(line + i, len - i);
	if (payload != starts_with(path, "data/")) {
		problem(k, P_MANIFEST,
		    payload ? "%s lists '%s', which is not "
			      "under data/"
			    : "%s lists '%s', a payload file",
		    what, path);
		free(path);
		return;
	}
	if (!payload && strcmp(path, "tagmanifest-sha256.txt") == 0) {
		problem(k, P_MANIFEST, "%s lists itself", what);
		free(path);
		return;
	}
	idx = file_lookup(k, path, 1);
	f = &k->files[idx];
	if (f->flags & F_LISTED)
		problem(k, P_MANIFEST, "%s lists '%s' twice", what, path);
	f->flags |= F_LISTED;
	memcpy(f->listed, digest, ZF_DIGEST_LEN);
	free(path);
}

/* entries.jsonl */

static void
digest_json(const struct zf_json *v, uint8_t out[ZF_DIGEST_LEN])
{
	size_t len;
	char *s = zf_json_canonical(v, &len);

	zf_digest_buf(SHA256, s, len, out);
	free(s);
}

/* The digest of a record's case, kind and type, compared with its leaf's. */
static void
digest_meta(const char *case_id, const char *kind, const char *type,
    uint8_t out[ZF_DIGEST_LEN])
{
	struct zf_json *a = zf_json_array();

	zf_json_push(a, zf_json_string(case_id));
	zf_json_push(a, zf_json_string(kind));
	zf_json_push(a, zf_json_string(type));
	digest_json(a, out);
	zf_json_free(a);
}

static void
shown_entry(struct check *k, struct leaf *l, uint64_t i,
    const struct zf_json *entry)
{
	uint8_t h[ZF_DIGEST_LEN];
	const struct zf_json *record;
	const char *type;
	size_t len;
	char *s;

	l->flags |= L_SHOWN;
	k->c->shown++;
	if (zf_json_type(entry) != ZF_JSON_OBJECT) {
		problem(k, P_LINE,
		    "entries.jsonl line %" PRIu64 ": the entry "
		    "is not an object",
		    i + 1);
		return;
	}
	s = zf_json_canonical(entry, &len);
	zf_merkle_leaf_hash(k->c->suite, s, len, h);
	free(s);
	if (memcmp(h, l->hash, ZF_DIGEST_LEN) != 0)
		problem(k, P_LEAF,
		    "leaf %" PRIu64 ": content does not match "
		    "its hash (entries.jsonl line %" PRIu64 ")",
		    i, i + 1);
	type = zf_json_get_str(entry, "type");
	/* What the entry ends: a withdrawal's or expiry's "of", a
	 * correction's "corrects"; only earlier leaves can be ended. */
	{
		int64_t of;

		if (type != NULL && ((strcmp(type, "correct") == 0 &&
		    zf_json_get_int(entry, "corrects", &of) == 0) ||
		    ((strcmp(type, "withdraw") == 0 ||
		    strcmp(type, "expire") == 0) &&
		    zf_json_get_int(entry, "of", &of) == 0))) {
			if (of < 0 || (uint64_t)of >= i)
				problem(k, P_LINE, "leaf %" PRIu64 ": a %s "
				    "entry ends leaf %" PRId64 ", which is not "
				    "an earlier one", i, type, of);
			else
				leaf_at(k, (uint64_t)of)->flags |= L_ENDED;
			l = leaf_at(k, i);	/* leaf_at may move leaves */
		}
	}
	if (type == NULL ||
	    (strcmp(type, "publish") != 0 && strcmp(type, "correct") != 0))
		return;
	record = zf_json_get(entry, "record");
	if (record == NULL || zf_json_type(record) != ZF_JSON_OBJECT) {
		problem(k, P_LINE,
		    "leaf %" PRIu64 ": a %s entry without a "
		    "record object",
		    i, type);
		return;
	}
	l->flags |= L_CURRENT;
	digest_json(record, l->fields);
	digest_meta(zf_json_get_str(entry, "case"),
	    zf_json_get_str(entry, "kind"), type, l->meta);
}

static void
entry_line(struct check *k, const char *line, size_t len)
{
	uint64_t lineno = k->cur.lineno, i = lineno - 1;
	struct leaf *l = leaf_at(k, i);
	struct zf_json *v, *entry = NULL;
	int64_t index;
	char err[160], *canon;
	size_t clen, j;

	k->nlines = lineno;
	if ((v = zf_json_parse(line, len, err, sizeof(err))) == NULL ||
	    zf_json_type(v) != ZF_JSON_OBJECT) {
		problem(k, P_LINE,
		    "entries.jsonl line %" PRIu64 " is not a "
		    "JSON object%s%s",
		    lineno, v == NULL ? ": " : "", v == NULL ? err : "");
		l->flags |= L_BAD;
		zf_json_free(v);
		return;
	}
	canon = zf_json_canonical(v, &clen);
	if (clen != len || memcmp(canon, line, len) != 0)
		problem(k, P_LINE,
		    "entries.jsonl line %" PRIu64 " is not "
		    "canonical JSON",
		    lineno);
	free(canon);
	for (j = 0; j < zf_json_len(v); j++) {
		const char *key = zf_json_key_at(v, j);

		if (strcmp(key, "hash") != 0 && strcmp(key, "index") != 0 &&
		    strcmp(key, "entry") != 0)
			problem(k, P_LINE,
			    "entries.jsonl line %" PRIu64 " has "
			    "an unexpected member '%s'",
			    lineno, key);
	}
	if (zf_json_get_int(v, "index", &index) != 0)
		problem(k, P_LINE,
		    "entries.jsonl line %" PRIu64 " has no "
		    "index",
		    lineno);
	else if (index < 0 || (uint64_t)index != i)
		problem(k, P_ORDER,
		    "entries out of order at line %" PRIu64 ": index %" PRId64
		    " where %" PRIu64 " is due",
		    lineno, index, i);
	if (parse_hex_hash(zf_json_get_str(v, "hash"), l->hash) != 0) {
		problem(k, P_LINE,
		    "entries.jsonl line %" PRIu64 ": hash is "
		    "not 64 lowercase hex digits",
		    lineno);
		l->flags |= L_BAD;
	} else if ((entry = zf_json_get(v, "entry")) != NULL) {
		shown_entry(k, l, i, entry);
	}
	zf_json_free(v);
}

static void
line_done(struct check *k)
{
	struct reading *r = &k->cur;

	r->lineno++;
	if (r->overlong) {
		problem(k, r->kind == K_ENTRIES ? P_LINE : P_MANIFEST,
		    "%s line %" PRIu64 " is too long", r->name, r->lineno);
		if (r->kind == K_ENTRIES) {
			leaf_at(k, r->lineno - 1)->flags |= L_BAD;
			k->nlines = r->lineno;
		}
	} else if (r->kind == K_ENTRIES) {
		entry_line(k, r->buf.data, r->buf.len);
	} else {
		manifest_line(k, r->buf.data, r->buf.len);
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
	problem(k, P_ONCE, "%s: its last line does not end in a newline",
	    r->name);
	line_done(k);
}

/* records.json */

/* The CSV a kind of case goes to (lib/publish.c's schemas). */
static int
csv_of_kind(const char *kind)
{
	if (strcmp(kind, "penalty") == 0)
		return 0;
	if (strcmp(kind, "licensing") == 0)
		return 1;
	return 2;
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
			problem(k, P_ONCE, "%s has no byte order mark",
			    csv_names[c->which]);
		c->header = row;
		return 0;
	}
	if (n != zf_json_len(c->header)) {
		problem(k, P_RECORD, "%s: row %" PRIu64 " has %zu fields, "
		    "the header %zu", csv_names[c->which],
		    k->csv_rows[c->which] + 1, n, zf_json_len(c->header));
		stop = 1;
	} else {
		obj = zf_json_object();
		for (i = 0; i < n; i++) {
			name = zf_json_str(zf_json_at(c->header, i));
			zf_json_set_str(obj, name, zf_json_str(zf_json_at(
			    row, i)));
		}
		digest_line(&k->csv_digest[c->which], obj);
		zf_json_free(obj);
	}
	k->csv_rows[c->which]++;
	zf_json_free(row);
	return stop;
}

static void
csv_feed(struct check *k, const char *p, size_t n)
{
	struct csv *c = &k->csv;

	switch (zf_csv_feed(&c->reader, p, n)) {
	case ZF_CSV_LONG_FIELD:
		problem(k, P_ONCE, "%s: a field is longer than %d bytes",
		    csv_names[c->which], CSV_FIELD_MAX);
		break;
	case ZF_CSV_AFTER_QUOTE:
		problem(k, P_ONCE, "%s: text after a closing quote",
		    csv_names[c->which]);
		break;
	}
}

static void
csv_begin(struct check *k, int which)
{
	struct csv *c = &k->csv;

	zf_csv_reader_release(&c->reader);
	zf_json_free(c->header);
	c->header = NULL;
	zf_csv_reader_init(&c->reader, CSV_FIELD_MAX, csv_row, k);
	c->which = which;
	k->csv_seen[which] = 1;
}

static void
csv_end(struct check *k)
{
	struct csv *c = &k->csv;

	if (zf_csv_end(&c->reader) == ZF_CSV_IN_QUOTES)
		problem(k, P_ONCE, "%s ends inside a quoted field",
		    csv_names[c->which]);
	if (c->header == NULL && !c->reader.stopped)
		problem(k, P_ONCE, "%s has no header line",
		    csv_names[c->which]);
	if (c->reader.stopped)
		k->csv_seen[c->which] = -1;
	zf_csv_reader_release(&c->reader);
	zf_json_free(c->header);
	c->header = NULL;
}

/* Each CSV file holds exactly the records of records.json, in order. */
static void
check_csv_end(struct check *k)
{
	uint8_t a[ZF_DIGEST_LEN], b[ZF_DIGEST_LEN];
	int i;

	for (i = 0; i < NCSV; i++) {
		if (k->csv_seen[i] == 0) {
			problem(k, P_ONCE, "%s is missing", csv_names[i]);
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
			problem(k, P_ONCE, "%s has %" PRIu64 " rows but "
			    "records.json %" PRIu64 " records of its kinds",
			    csv_names[i], k->csv_rows[i], k->rec_rows[i]);
		else if (memcmp(a, b, ZF_DIGEST_LEN) != 0)
			problem(k, P_ONCE, "%s differs from the records of "
			    "records.json", csv_names[i]);
	}
}

static void
check_record(struct check *k, const char *text, size_t len)
{
	struct splitter *s = &k->split;
	uint8_t meta[ZF_DIGEST_LEN], fields[ZF_DIGEST_LEN];
	const char *case_id, *kind, *type;
	struct zf_json *v, *f;
	struct leaf *l;
	int64_t index;
	char err[160];

	s->ordinal++;
	k->c->records++;
	if ((v = zf_json_parse(text, len, err, sizeof(err))) == NULL) {
		problem(k, P_RECORD,
		    "records.json: record %" PRIu64 " is not "
		    "JSON: %s",
		    s->ordinal, err);
		return;
	}
	case_id = zf_json_get_str(v, "case");
	kind = zf_json_get_str(v, "kind");
	type = zf_json_get_str(v, "type");
	f = zf_json_get(v, "fields");
	if (zf_json_get_int(v, "index", &index) != 0 || case_id == NULL ||
	    kind == NULL || type == NULL || f == NULL ||
	    zf_json_type(f) != ZF_JSON_OBJECT) {
		problem(k, P_RECORD,
		    "records.json: record %" PRIu64 " lacks "
		    "case, kind, type, index or fields",
		    s->ordinal);
		goto out;
	}
	k->rec_rows[csv_of_kind(kind)]++;
	digest_line(&k->rec_digest[csv_of_kind(kind)], f);
	if (index < 0 || (uint64_t)index >= k->nlines) {
		problem(k, P_RECORD,
		    "records.json: record of %s names leaf %" PRId64
		    ", beyond the %" PRIu64 " lines of entries.jsonl",
		    case_id, index, k->nlines);
		goto out;
	}
	l = &k->leaves[index];
	if (l->flags & L_RECORD) {
		problem(k, P_RECORD,
		    "records.json lists leaf %" PRId64 " twice", index);
		goto out;
	}
	l->flags |= L_RECORD;
	if (!(l->flags & L_SHOWN)) {
		problem(k, P_RECORD,
		    "records.json: the record of %s is leaf %" PRId64
		    ", whose content the log withholds",
		    case_id, index);
		goto out;
	}
	if (!(l->flags & L_CURRENT)) {
		problem(k, P_RECORD,
		    "records.json: the record of %s is leaf %" PRId64
		    ", which is not a publication or correction",
		    case_id, index);
		goto out;
	}
	digest_meta(case_id, kind, type, meta);
	if (memcmp(meta, l->meta, ZF_DIGEST_LEN) != 0)
		problem(k, P_RECORD,
		    "records.json: the record of %s (leaf %" PRId64
		    ") differs from the leaf's entry in case, kind or "
		    "type",
		    case_id, index);
	digest_json(f, fields);
	if (memcmp(fields, l->fields, ZF_DIGEST_LEN) != 0)
		l->flags |= L_FIELDS_DIFFER;
out:
	zf_json_free(v);
}

static void
split_broken(struct check *k, const char *why)
{
	if (!k->split.broken)
		problem(k, P_ONCE, "records.json %s", why);
	k->split.broken = 1;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * One byte of records.json.  The records (the elements of the top
 * object's "records" array) are cut out one by one and checked; the rest
 * of the document is kept, with "records":[] left empty, and parsed at
 * the end.
 */
static void
split_byte(struct check *k, int c)
{
	struct splitter *s = &k->split;

	if (s->in_record) {
		zf_buf_addch(&s->record, c);
		if (s->record.len > RECORD_MAX)
			return split_broken(k,
			    "holds a record larger than "
			    "16 MiB");
		if (s->in_string) {
			if (s->escape)
				s->escape = 0;
			else if (c == '\\')
				s->escape = 1;
			else if (c == '"')
				s->in_string = 0;
		} else if (c == '"') {
			s->in_string = 1;
		} else if (c == '{' || c == '[') {
			s->record_depth++;
		} else if ((c == '}' || c == ']') && --s->record_depth == 0) {
			check_record(k, s->record.data, s->record.len);
			zf_buf_reset(&s->record);
			s->in_record = 0;
			s->want_comma = 1;
		}
		return;
	}
	if (s->in_records && !s->in_string) {
		if (is_space(c))
			return;
		if (c == ']') {
			s->in_records = 0;
			s->depth--;
			zf_buf_addch(&s->top, c);
		} else if (c == ',' && s->want_comma) {
			s->want_comma = 0;
		} else if (c == '{' && !s->want_comma) {
			s->in_record = 1;
			s->record_depth = 1;
			zf_buf_addch(&s->record, c);
		} else {
			split_broken(k,
			    "is malformed: its records are not a "
			    "list of objects");
		}
		return;
	}
	zf_buf_addch(&s->top, c);
	if (s->top.len > RECORDS_TOP_MAX)
		return split_broken(k,
		    "is larger than 1 MiB besides its "
		    "records");
	if (s->in_string) {
		if (s->escape)
			s->escape = 0;
		else if (c == '\\')
			s->escape = 1;
		else if (c == '"')
			s->in_string = 0;
		else if (s->depth == 1)
			zf_buf_addch(&s->key, c);
		return;
	}
	if (c == '"') {
		s->in_string = 1;
		if (s->depth == 1)
			zf_buf_reset(&s->key);
	} else if (c == ':' && s->depth == 1) {
		s->key_is_records = strcmp(s->key.data, "records") == 0;
	} else if (c == '{' || c == '[') {
		s->depth++;
		if (c == '[' && s->depth == 2 && s->key_is_records) {
			s->in_records = 1;
			s->seen_records = 1;
			s->want_comma = 0;
		}
		s->key_is_records = 0;
	} else if (c == '}' || c == ']') {
		s->depth--;
		if (s->depth == 0)
			s->ended = 1;
	} else if (!is_space(c)) {
		s->key_is_records = 0;
	}
}

static void
split_feed(struct check *k, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && !k->split.broken; i++)
		split_byte(k, (unsigned char)p[i]);
}

static void
split_end(struct check *k)
{
	struct splitter *s = &k->split;
	char err[160];

	if (s->broken)
		return;
	if (!s->ended || s->in_string || s->in_records || s->in_record) {
		split_broken(k, "ends before its closing brace");
		return;
	}
	if ((k->records_top = zf_json_parse(s->top.data, s->top.len, err,
		 sizeof(err))) == NULL ||
	    zf_json_type(k->records_top) != ZF_JSON_OBJECT) {
		problem(k, P_ONCE, "records.json is not a JSON object%s%s",
		    k->records_top == NULL ? ": " : "",
		    k->records_top == NULL ? err : "");
		return;
	}
	if (!s->seen_records)
		problem(k, P_ONCE, "records.json has no records list");
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
		{ ENTRIES, K_ENTRIES },
		{ RECORDS, K_RECORDS },
	};
	const char *p;
	size_t i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strcmp(name, fixed[i].name) == 0)
			return fixed[i].kind;
	for (i = 0; i < NCSV; i++)
		if (strcmp(name, csv_names[i]) == 0) {
			*proof_index = i;
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
	r->file = (size_t)file_lookup(k, name, 1);
	f = &k->files[r->file];
	r->hash = 1;
	if (k->pass == 1 && (f->flags & F_SEEN)) {
		problem(k, P_MANIFEST, "'%s' is twice in the bundle", name);
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
			csv_begin(k, (int)r->proof_index);
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
	if (r->active && r->kind == K_RECORDS)
		k->records_seen = 1;
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
		split_feed(k, p, n);
		break;
	case K_CSV:
		csv_feed(k, p, n);
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
			problem(k, P_ONCE, "%s changed while it was read",
			    r->name);
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
		split_end(k);
		break;
	case K_CSV:
		csv_end(k);
		break;
	default:
		small_done(k);
		break;
	}
}

/* Folders */

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
read_fd(struct check *k, int fd, const char *name)
{
	ssize_t n;

	file_begin(k, name);
	if (!k->cur.hash && !k->cur.active)
		return 0;
	while ((n = read(fd, k->chunk, CHUNK)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			problem(k, P_ONCE, "cannot read %s: %s", name,
			    strerror(errno));
			break;
		}
		file_data(k, k->chunk, (size_t)n);
	}
	file_end(k);
	return 0;
}

/* Reads the folder dirfd, whose path in the bag is rel ("" at the top). */
static int
walk(struct check *k, int dirfd, const char *rel, int depth)
{
	char **names = NULL, *path;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd;

	if (depth > DEPTH_MAX) {
		problem(k, P_ONCE, "%s is nested too deep", rel);
		return 0;
	}
	if ((fd = dup(dirfd)) < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		problem(k, P_ONCE, "cannot read folder '%s': %s", rel,
		    strerror(errno));
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), compare_names);
	for (i = 0; i < n; i++) {
		path = *rel ? xasprintf("%s/%s", rel, names[i])
			    : xstrdup(names[i]);
		if (fstatat(dirfd, names[i], &st, AT_SYMLINK_NOFOLLOW) != 0) {
			problem(k, P_ONCE, "cannot read '%s': %s", path,
			    strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			fd = openat(dirfd, names[i],
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0) {
				problem(k, P_ONCE,
				    "cannot read folder '%s': "
				    "%s",
				    path, strerror(errno));
			} else {
				walk(k, fd, path, depth + 1);
				close(fd);
			}
		} else if (!S_ISREG(st.st_mode)) {
			if (k->pass == 1)
				problem(k, P_ONCE, "'%s' is not a regular file",
				    path);
		} else if ((fd = openat(dirfd, names[i],
				O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
			problem(k, P_ONCE, "cannot read '%s': %s", path,
			    strerror(errno));
		} else {
			read_fd(k, fd, path);
			close(fd);
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return 0;
}

/*
 * The bag of a folder: the folder itself when it holds bagit.txt, or
 * its one subfolder when that does (a bundle unpacked).
 */
static int
open_bag_folder(const char *path, int *out, struct zf_err *e)
{
	struct dirent *de, *only = NULL;
	int fd, sub, count = 0;
	char name[256];
	DIR *d;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return zf_fail(e, EX_NOINPUT, "cannot open bundle '%s': %s",
		    path, strerror(errno));
	if (faccessat(fd, "bagit.txt", F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
		*out = fd;
		return 0;
	}
	if ((sub = dup(fd)) >= 0 && (d = fdopendir(sub)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			if (count++ == 0) {
				only = de;
				snprintf(name, sizeof(name), "%s",
				    only->d_name);
			}
		}
		closedir(d);
	}
	if (count == 1) {
		sub = openat(fd, name,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub >= 0 &&
		    faccessat(sub, "bagit.txt", F_OK, AT_SYMLINK_NOFOLLOW) ==
			0) {
			close(fd);
			*out = sub;
			return 0;
		}
		if (sub >= 0)
			close(sub);
	}
	close(fd);
	return zf_fail(e, EX_DATAERR,
	    "'%s' is not a bundle: the folder "
	    "holds no bagit.txt",
	    path);
}

static int
read_folder(struct check *k, const char *path, struct zf_err *e)
{
	int fd = -1, rc;

	if ((rc = open_bag_folder(path, &fd, e)) != 0)
		return rc;
	walk(k, fd, "", 0);
	close(fd);
	return 0;
}

/* Archives */

/* The entry's name inside the bag, or NULL (with a problem) outside it. */
static const char *
bag_name(struct check *k, const char *name, int is_dir)
{
	const char *slash;

	while (starts_with(name, "./"))
		name += 2;
	if (k->prefix == NULL) {
		/*
		 * The first entry tells: a file at the top is a bag without a
		 * folder (as lib/bundle.c writes), anything else names the
		 * bag's folder.
		 */
		slash = strchr(name, '/');
		if (slash == NULL ||
		    (slash - name == 4 && strncmp(name, "data", 4) == 0)) {
			k->prefix = "";
		} else {
			k->prefix_owned =
			    xstrndup(name, (size_t)(slash - name + 1));
			k->prefix = k->prefix_owned;
		}
		k->prefixlen = strlen(k->prefix);
	}
	if (strncmp(name, k->prefix, k->prefixlen) != 0) {
		if (k->pass == 1)
			problem(k, P_ONCE,
			    "'%s' lies outside the bag's folder "
			    "'%s'",
			    name, k->prefix);
		return NULL;
	}
	name += k->prefixlen;
	if (*name == '\0' && is_dir)
		return NULL;
	if (*name == '\0' || *name == '/' || strstr(name, "../") != NULL ||
	    strstr(name, "//") != NULL || strstr(name, "/./") != NULL ||
	    starts_with(name, "./") ||
	    (strlen(name) >= 2 && strcmp(name + strlen(name) - 2, "/.") == 0) ||
	    strcmp(name, "..") == 0 ||
	    (strlen(name) >= 3 &&
		strcmp(name + strlen(name) - 3, "/..") == 0)) {
		if (k->pass == 1)
			problem(k, P_ONCE, "'%s' is not a safe name in a bag",
			    name);
		return NULL;
	}
	return name;
}

static const char *
archive_reason(struct archive *ar)
{
	const char *s = archive_error_string(ar);

	return s != NULL ? s : "unknown libarchive error";
}

static int
read_archive(struct check *k, const char *path, struct zf_err *e)
{
	struct archive_entry *ae;
	struct archive *ar;
	const char *raw, *name;
	char *copy;
	la_ssize_t n;
	int r, rc = 0, entries = 0, is_dir;

	if ((ar = archive_read_new()) == NULL)
		return zf_fail(e, EX_SOFTWARE, "libarchive cannot start");
	archive_read_support_filter_gzip(ar);
	archive_read_support_format_tar(ar);
	archive_read_support_format_zip(ar);
	if (archive_read_open_filename(ar, path, CHUNK) != ARCHIVE_OK) {
		rc = zf_fail(e,
		    archive_errno(ar) == ENOENT ? EX_NOINPUT : EX_DATAERR,
		    "'%s' is not a bundle: not a folder, .tar.gz "
		    "or .zip (%s)",
		    path, archive_reason(ar));
		goto out;
	}
	for (;;) {
		r = archive_read_next_header(ar, &ae);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			if (entries == 0)
				rc = zf_fail(e, EX_DATAERR,
				    "'%s' is not a "
				    "bundle: not a folder, .tar.gz or .zip "
				    "(%s)",
				    path, archive_reason(ar));
			else if (k->pass == 1)
				problem(k, P_ONCE,
				    "the bundle is damaged after "
				    "%d entries: %s",
				    entries, archive_reason(ar));
			break;
		}
		if (entries++ == 0 && k->pass == 1) {
			int filter = archive_filter_code(ar, 0);

			if ((archive_format(ar) & ARCHIVE_FORMAT_BASE_MASK) ==
			    ARCHIVE_FORMAT_ZIP)
				k->c->format = "zip";
			else
				k->c->format = filter == ARCHIVE_FILTER_GZIP
				    ? "tar.gz"
				    : "tar";
		}
		raw = archive_entry_pathname_utf8(ae);
		if (raw == NULL)
			raw = archive_entry_pathname(ae);
		if (raw == NULL) {
			if (k->pass == 1)
				problem(k, P_ONCE, "entry %d has no name",
				    entries);
			continue;
		}
		is_dir = archive_entry_filetype(ae) == AE_IFDIR;
		copy = xstrdup(raw);
		if ((name = bag_name(k, copy, is_dir)) == NULL || is_dir) {
			free(copy);
			continue;
		}
		if (archive_entry_filetype(ae) != AE_IFREG ||
		    archive_entry_hardlink(ae) != NULL) {
			if (k->pass == 1)
				problem(k, P_ONCE, "'%s' is not a regular file",
				    name);
			free(copy);
			continue;
		}
		file_begin(k, name);
		if (k->cur.hash || k->cur.active) {
			while ((n = archive_read_data(ar, k->chunk, CHUNK)) > 0)
				file_data(k, k->chunk, (size_t)n);
			if (n < 0)
				problem(k, P_ONCE, "cannot read %s: %s", name,
				    archive_reason(ar));
			file_end(k);
		}
		free(copy);
		if (n < 0)
			break;
		n = 0;
	}
out:
	archive_read_free(ar);
	return rc;
}

/* The checks after reading */

static void
check_manifests(struct check *k)
{
	char have[17], want[17];
	size_t i;

	if (!k->manifest_seen)
		problem(k, P_ONCE, "manifest-sha256.txt is missing");
	if (!k->tagmanifest_seen)
		problem(k, P_ONCE, "tagmanifest-sha256.txt is missing");
	for (i = 0; i < k->nfiles; i++) {
		struct file *f = &k->files[i];
		const char *name = file_name(k, i);
		int payload = starts_with(name, "data/");
		const char *manifest =
		    payload ? "manifest-sha256.txt" : "tagmanifest-sha256.txt";

		if ((f->flags & (F_SEEN | F_LISTED)) == F_LISTED) {
			problem(k, P_MANIFEST,
			    "%s is listed in %s but missing "
			    "from the bundle",
			    name, manifest);
		} else if ((f->flags & (F_SEEN | F_LISTED)) == F_SEEN) {
			if (payload && k->manifest_seen)
				problem(k, P_MANIFEST,
				    "%s is not in the "
				    "manifest (manifest-sha256.txt)",
				    name);
			else if (!payload && k->tagmanifest_seen &&
			    (strcmp(name, "bagit.txt") == 0 ||
				strcmp(name, "bag-info.txt") == 0 ||
				strcmp(name, "manifest-sha256.txt") == 0))
				problem(k, P_MANIFEST,
				    "%s is not in "
				    "tagmanifest-sha256.txt",
				    name);
		} else if (memcmp(f->digest, f->listed, ZF_DIGEST_LEN) != 0) {
			hex16(f->digest, have);
			hex16(f->listed, want);
			problem(k, P_MANIFEST,
			    "%s fails its manifest: its "
			    "SHA-256 is %s..., %s says %s...",
			    name, have, manifest, want);
		}
	}
}

static int
parse_count(const char *s, uint64_t *out)
{
	char *end;

	if (s == NULL || *s < '0' || *s > '9' ||
	    (*s == '0' && s[1] != '\0' && s[1] != '.'))
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

static void
check_info(struct check *k)
{
	struct zf_pubcheck *c = k->c;
	uint64_t octets, count, size;
	const char *dot;
	char *left;

	if (!k->baginfo_seen) {
		problem(k, P_ONCE, "bag-info.txt is missing");
		return;
	}
	if (k->oxum == NULL) {
		problem(k, P_ONCE, "bag-info.txt has no Payload-Oxum");
	} else {
		dot = strchr(k->oxum, '.');
		left = dot ? xstrndup(k->oxum, (size_t)(dot - k->oxum)) : NULL;
		if (dot == NULL || parse_count(left, &octets) != 0 ||
		    parse_count(dot + 1, &count) != 0)
			problem(k, P_ONCE,
			    "bag-info.txt: Payload-Oxum '%s' is "
			    "not OCTETS.COUNT",
			    k->oxum);
		else if (octets != k->payload_bytes ||
		    count != k->payload_files)
			problem(k, P_ONCE,
			    "Payload-Oxum says %s but data/ "
			    "holds %" PRIu64 " bytes in %" PRIu64 " files",
			    k->oxum, k->payload_bytes, k->payload_files);
		free(left);
	}
	if (k->version == NULL || strcmp(k->version, "1") != 0)
		problem(k, P_ONCE,
		    "bag-info.txt: Zhifa-Bundle-Version is %s%s%s"
		    ", not 1",
		    k->version ? "'" : "", k->version ? k->version : "missing",
		    k->version ? "'" : "");
	if (k->audience == NULL ||
	    (strcmp(k->audience, "public") != 0 &&
		strcmp(k->audience, "sharing") != 0))
		problem(k, P_ONCE,
		    "bag-info.txt: Zhifa-Audience is %s, not "
		    "public or sharing",
		    k->audience ? k->audience : "missing");
	if (k->as_of == NULL)
		problem(k, P_ONCE, "bag-info.txt has no Zhifa-As-Of");
	if (parse_count(k->log_size, &size) != 0)
		problem(k, P_ONCE,
		    "bag-info.txt: Zhifa-Log-Size is %s, not a "
		    "number",
		    k->log_size ? k->log_size : "missing");
	else if (c->signed_ok && size != c->size)
		problem(k, P_ONCE,
		    "bag-info.txt: Zhifa-Log-Size is %" PRIu64
		    " but the checkpoint's tree has %" PRIu64 " leaves",
		    size, c->size);
	c->as_of = k->as_of ? xstrdup(k->as_of) : NULL;
	c->audience = k->audience ? xstrdup(k->audience) : NULL;
}

static void
check_log(struct check *k)
{
	struct zf_pubcheck *c = k->c;
	uint8_t root[ZF_DIGEST_LEN];
	struct hashes h;
	char have[ZF_DIGEST_HEX], want[ZF_DIGEST_HEX];
	uint64_t i;

	if (!k->vkey_seen)
		problem(k, P_ONCE, "data/log/agency.vkey is missing");
	if (!k->checkpoint_seen)
		problem(k, P_ONCE, "data/log/checkpoint is missing");
	else if (!k->have_key)
		problem(k, P_ONCE,
		    "the checkpoint cannot be checked without "
		    "a key");
	if (!k->entries_seen) {
		problem(k, P_ONCE, "data/log/entries.jsonl is missing");
		return;
	}
	if (!c->signed_ok)
		return;
	if (k->nlines != c->size)
		problem(k, P_ONCE,
		    "entries.jsonl has %" PRIu64 " lines but "
		    "the checkpoint's tree has %" PRIu64 " leaves",
		    k->nlines, c->size);
	for (i = 0; i < k->nlines; i++)
		if (k->leaves[i].flags & L_BAD)
			return;
	h.suite = c->suite;
	h.leaf = (const uint8_t(*)[ZF_DIGEST_LEN])k->leaves;
	h.stride = sizeof(*k->leaves);
	h.n = k->nlines;
	if (zf_merkle_root(c->suite, k->nlines, read_subtree, &h, root) != 0)
		return;
	if (memcmp(root, c->root, ZF_DIGEST_LEN) != 0) {
		zf_hex(root, ZF_DIGEST_LEN, have);
		zf_hex(c->root, ZF_DIGEST_LEN, want);
		problem(k, P_ONCE,
		    "the root over the %" PRIu64 " hashes of "
		    "entries.jsonl is %s, not the checkpoint's %s",
		    k->nlines, have, want);
	}
}

static void
check_records_end(struct check *k)
{
	struct zf_pubcheck *c = k->c;
	int public = c->audience == NULL || strcmp(c->audience, "sharing") != 0;
	const char *s;
	int64_t size;
	uint64_t i;
	char *proof;

	if (!k->records_seen) {
		problem(k, P_ONCE, "data/records.json is missing");
		return;
	}
	if (k->records_top != NULL) {
		if (zf_json_get_int(k->records_top, "log_size", &size) != 0 ||
		    (c->signed_ok && (size < 0 || (uint64_t)size != c->size)))
			problem(k, P_ONCE,
			    "records.json: log_size is not the "
			    "checkpoint's %" PRIu64,
			    c->size);
		s = zf_json_get_str(k->records_top, "as_of");
		if (s == NULL || (c->as_of != NULL && strcmp(s, c->as_of) != 0))
			problem(k, P_ONCE,
			    "records.json: as_of is not "
			    "bag-info.txt's Zhifa-As-Of %s",
			    c->as_of ? c->as_of : "");
		s = zf_json_get_str(k->records_top, "audience");
		if (s == NULL ||
		    (c->audience != NULL && strcmp(s, c->audience) != 0))
			problem(k, P_ONCE,
			    "records.json: audience is not "
			    "bag-info.txt's Zhifa-Audience %s",
			    c->audience ? c->audience : "");
	}
	for (i = 0; i < k->nlines; i++) {
		unsigned f = k->leaves[i].flags;

		if ((f & L_CURRENT) && !(f & L_ENDED) && !(f & L_RECORD))
			problem(k, P_RECORD, "records.json lacks the record "
			    "of leaf %" PRIu64 ", a publication the log "
			    "shows and has not ended", i);
		if ((f & L_RECORD) && (f & L_ENDED))
			problem(k, P_RECORD, "records.json holds the record "
			    "of leaf %" PRIu64 ", which the log withdrew, "
			    "expired or corrected", i);
		if (!(f & L_RECORD))
			continue;
		if (public && (k->leaves[i].flags & L_FIELDS_DIFFER))
			problem(k, P_RECORD,
			    "records.json: the fields of the "
			    "record of leaf %" PRIu64 " differ from the leaf's "
			    "entry.record",
			    i);
		proof = xasprintf(PROOFS "%" PRIu64 ".json", i);
		if (file_lookup(k, proof, 0) < 0 ||
		    !(k->files[file_lookup(k, proof, 0)].flags & F_SEEN))
			problem(k, P_RECORD,
			    "records.json: the record of leaf "
			    "%" PRIu64 " has no proof (%s)",
			    i, proof);
		free(proof);
	}
}

static void
check_end(struct check *k)
{
	enum problem_kind p;

	check_manifests(k);
	check_info(k);
	check_log(k);
	if (k->cat[CAT_PROOFS] == CAT_DEFERRED && k->c->signed_ok)
		problem(k, P_ONCE,
		    "%" PRIu64 " proofs are not checked: "
		    "entries.jsonl cannot be read",
		    k->proof_files);
	if (k->cat[CAT_PROOFS] == CAT_DEFERRED && !k->c->signed_ok &&
	    k->checkpoint_seen)
		problem(k, P_ONCE,
		    "%" PRIu64 " proofs are not checked: the "
		    "checkpoint does not verify",
		    k->proof_files);
	if (k->entries_seen)
		check_records_end(k);
	if (k->records_seen)
		check_csv_end(k);
	/*
	 * The audience is not signed: a bundle that says "sharing" (whose
	 * records are not held to the log's) must not carry a public site.
	 */
	if (k->c->audience != NULL && strcmp(k->c->audience, "sharing") == 0) {
		size_t i;

		for (i = 0; i < k->nfiles; i++) {
			const char *name = file_name(k, i);
			size_t n = strlen(name);

			if ((k->files[i].flags & F_SEEN) && n > 5 &&
			    strcmp(name + n - 5, ".html") == 0) {
				problem(k, P_ONCE, "a bundle for sharing "
				    "holds site pages (%s): only a public "
				    "bundle has a site, and its records are "
				    "held to the log", name);
				break;
			}
		}
	}
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

/* Driving the passes */

static int
load_key(struct check *k, const char *path, struct zf_err *e)
{
	struct zf_pubcheck *c = k->c;
	char buf[4096], *line, *name = NULL;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return zf_fail(e, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		    "cannot read key '%s': %s", path, strerror(errno));
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0)
		return zf_fail(e, EX_IOERR, "cannot read key '%s': %s", path,
		    strerror(errno));
	if ((line = vkey_line(buf, (size_t)n)) == NULL ||
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

static int
any_deferred_ready(struct check *k)
{
	int i;

	for (i = 0; i < NCAT; i++)
		if (k->cat[i] == CAT_DEFERRED && ready(k, (enum category)i))
			return 1;
	return 0;
}

static void
release_check(struct check *k)
{
	int i;

	free(k->given_vkey);
	free(k->note);
	free(k->files);
	free(k->slots);
	zf_buf_release(&k->names);
	free(k->oxum);
	free(k->version);
	free(k->log_size);
	free(k->as_of);
	free(k->audience);
	free(k->leaves);
	zf_json_free(k->records_top);
	zf_buf_release(&k->split.top);
	zf_buf_release(&k->split.record);
	zf_buf_release(&k->split.key);
	zf_buf_release(&k->cur.buf);
	zf_digest_free(k->sha);
	for (i = 0; i < NCSV; i++) {
		zf_digest_free(k->csv_digest[i]);
		zf_digest_free(k->rec_digest[i]);
	}
	zf_csv_reader_release(&k->csv.reader);
	zf_json_free(k->csv.header);
	free(k->chunk);
	free(k->prefix_owned);
}

int
zf_pubcheck_bundle(const char *path, const struct zf_pubcheck_options *o,
    struct zf_pubcheck *c, struct zf_err *e)
{
	struct check k;
	struct stat st;
	locale_t utf8, old = (locale_t)0;
	uint64_t i;
	int rc = 0, is_dir, cat;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	c->problems = zf_json_array();
	c->format = "dir";
	memset(&k, 0, sizeof(k));
	k.c = c;
	zf_buf_init(&k.names);
	zf_buf_init(&k.cur.buf);
	zf_buf_init(&k.split.top);
	zf_buf_init(&k.split.record);
	zf_buf_init(&k.split.key);
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
	if (o != NULL && o->key_file != NULL &&
	    (rc = load_key(&k, o->key_file, e)) != 0)
		goto out;
	if ((k.sha = zf_digest_new(SHA256)) == NULL) {
		rc = zf_fail(e, EX_SOFTWARE, "no sha256 digest in OpenSSL");
		goto out;
	}
	k.chunk = xmalloc(CHUNK);
	/* libarchive gives names in the locale's encoding: UTF-8 here. */
	utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (utf8 != (locale_t)0)
		old = uselocale(utf8);
	for (k.pass = 1; k.pass <= PASSES_MAX; k.pass++) {
		if (k.pass > 1 && !any_deferred_ready(&k))
			break;
		memset(k.decided, 0, sizeof(k.decided));
		rc = is_dir ? read_folder(&k, path, e)
			    : read_archive(&k, path, e);
		if (rc != 0)
			break;
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
	if (utf8 != (locale_t)0) {
		uselocale(old);
		freelocale(utf8);
	}
	if (rc != 0)
		goto out;
	check_end(&k);
	c->leaves = xmalloc((k.nlines ? k.nlines : 1) * ZF_DIGEST_LEN);
	for (i = 0; i < k.nlines; i++)
		memcpy(c->leaves[i], k.leaves[i].hash, ZF_DIGEST_LEN);
	c->nleaves = k.nlines;
	c->ended = xcalloc(k.nlines ? k.nlines : 1, 1);
	c->recorded = xcalloc(k.nlines ? k.nlines : 1, 1);
	for (i = 0; i < k.nlines; i++) {
		c->ended[i] = (k.leaves[i].flags & L_ENDED) != 0;
		c->recorded[i] = (k.leaves[i].flags & L_RECORD) != 0;
	}
out:
	release_check(&k);
	return rc;
}

/* Between two bundles */

int
zf_pubcheck_extends(const struct zf_pubcheck *old, const struct zf_pubcheck *c,
    struct zf_json *problems)
{
	uint8_t proof[PROOF_MAX][ZF_DIGEST_LEN];
	uint64_t m = old->size, n = c->size, i, first = 0, differ = 0;
	struct hashes h;
	size_t plen;
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
	for (i = 0; i < m; i++) {
		if (memcmp(old->leaves[i], c->leaves[i], ZF_DIGEST_LEN) == 0)
			continue;
		if (differ++ == 0)
			first = i;
	}
	if (differ > 0) {
		s = xasprintf("SECURITY ERROR: the log of %s is not an "
			      "extension of %s: leaf %" PRIu64 " differs%s",
		    c->path, old->path, first,
		    differ > 1 ? " (and later ones)" : "");
		zf_json_push(problems, zf_json_string(s));
		free(s);
		return count + 1;
	}
	for (i = 0; i < m; i++) {
		if (!old->ended[i] || !c->recorded[i])
			continue;
		s = xasprintf("SECURITY ERROR: %s publishes leaf %" PRIu64
		    " again, which %s shows withdrawn, expired or corrected",
		    c->path, i, old->path);
		zf_json_push(problems, zf_json_string(s));
		free(s);
		count++;
	}
	if (m == 0)
		return count;
	h.suite = c->suite;
	h.leaf = (const uint8_t(*)[ZF_DIGEST_LEN])c->leaves;
	h.stride = ZF_DIGEST_LEN;
	h.n = c->nleaves;
	if (zf_merkle_consistency_proof(c->suite, m, n, read_subtree, &h, proof,
		&plen) != 0 ||
	    !zf_merkle_verify_consistency(c->suite, m, n, old->root, c->root,
		(const uint8_t(*)[ZF_DIGEST_LEN])proof, plen)) {
		s = xasprintf(
		    "SECURITY ERROR: the log of %s is not an "
		    "extension of %s: no consistency proof from %" PRIu64
		    " to %" PRIu64 " entries verifies between their signed "
		    "roots",
		    c->path, old->path, m, n);
		zf_json_push(problems, zf_json_string(s));
		free(s);
		count++;
	}
	return count;
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
	free(c->ended);
	free(c->recorded);
	zf_json_free(c->problems);
	memset(c, 0, sizeof(*c));
}
