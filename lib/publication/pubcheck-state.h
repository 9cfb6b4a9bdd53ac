/*
 * pubcheck-state: the state of one bundle's check (pubcheck.h), for
 * the files that do it alone: pubcheck.c (the passes, and which check
 * reads which file), pubcheck-bagit.c (BagIt), pubcheck-log.c (key,
 * checkpoint, log and proofs) and pubcheck-records.c (records.json and
 * the CSV files).  pubcheck-state.c owns the list of problems, the
 * table of the bag's files and the leaves.
 *
 * Per file of the bag the table keeps its name, flags and two digests.
 * The log's root is computed as the leaves stream past, in constant
 * memory; per leaf stay only its flags and the digests of its shown
 * content (49 bytes), for records.json to be compared with: memory grows
 * with the number of files and leaves, never with their sizes.
 */
#ifndef ZF_PUBCHECK_STATE_H
#define ZF_PUBCHECK_STATE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/csv.h"
#include "base/merkle.h"
#include "base/strset.h"
#include "publication/bagread.h"
#include "publication/jsonsplit.h"
#include "publication/pubcheck.h"
#include "publication/publish.h"

struct zf_json;

#define SHA256 ZF_SUITE_SHA256_ED25519
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
	K_JOURNAL,	/* the archive journal's checkpoint */
	K_ENTRIES,
	K_PROOF,
	K_RECORDS,
	K_CSV
};

/* The CSV files, one per schema (pubcheck-records.c names them). */
#define NCSV ZF_PUBLISH_SCHEMAS

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
	int which;		/* the schema's index */
};

/*
 * The files whose checks need what other files hold: each is read in the
 * first pass that has what it needs when its first file comes.
 */
enum category { CAT_ENTRIES, CAT_PROOFS, CAT_RECORDS, NCAT, CAT_NONE = -1 };
enum cat_state { CAT_UNSEEN, CAT_DEFERRED, CAT_NOW, CAT_DONE };

/* Kinds of problem that can come by the thousand: cut after ten. */
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

/*
 * The digest of a shown entry's case, kind and type, cut to 16 bytes:
 * second preimages stay out of reach, and it only tells which of two
 * problems to name.
 */
#define META_LEN 16

/* The file being read. */
struct reading {
	const char *name;
	size_t file;
	enum kind kind;
	int active; /* its checks run in this pass */
	int hash, duplicate;
	uint64_t proof_index; /* a proof's leaf; a CSV file's schema */
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
	/* Where the key and the checkpoint are (data/log/agency.vkey and
	 * data/log/checkpoint; an archival package's, data/journal/), and
	 * whether the checkpoint is the journal's (origin: the key's name)
	 * rather than the publication log's (NAME/publication). */
	const char *vkey_file, *checkpoint_file;
	int journal_origin;
	char *journal_note;	/* data/log/journal-checkpoint */
	size_t journal_len;
	int checkpoint_tried;

	struct file *files;
	size_t nfiles, capfiles;
	struct zf_strset index; /* name -> index in files */
	struct zf_buf names;
	uint64_t payload_bytes, payload_files;
	int bagit_seen, baginfo_seen, manifest_seen, tagmanifest_seen;
	char *oxum, *version, *log_size, *as_of, *audience;

	/* Per leaf (zf_pubcheck_leaf_room): its L_ flags; the digests of
	 * canonical(entry.record) and of [case, kind, type]. */
	unsigned char *lflags;
	uint8_t (*fields)[ZF_DIGEST_LEN];
	uint8_t (*meta)[META_LEN];
	uint8_t (*hashes)[ZF_DIGEST_LEN]; /* only when keep_hashes */
	uint64_t nlines, capleaves;
	struct zf_merkle_stream tree; /* over the leaves so far */
	int keep_hashes; /* the options' */
	uint64_t prefix; /* the options', when want_prefix */
	int want_prefix;
	int tree_broken; /* a leaf without a hash came */
	int entries_seen, entries_complete, records_seen;
	uint64_t proof_files;
	enum cat_state cat[NCAT];
	int decided[NCAT];
	struct zf_json *records_top;
	struct zf_jsonsplit split;
	uint64_t ordinal; /* records of records.json so far */

	struct csv csv;
	struct zf_digest *csv_digest[NCSV], *rec_digest[NCSV];
	uint64_t csv_rows[NCSV], rec_rows[NCSV];
	int csv_seen[NCSV];

	uint64_t counts[NPROBLEM];
	struct reading cur;
	struct zf_digest *sha;
	struct zf_bagread bag;
};

static inline int
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

void zf_pubcheck_state_init(struct check *k, struct zf_pubcheck *c);
void zf_pubcheck_state_release(struct check *k);
/* Adds a problem; after ten of a kind (not P_ONCE), only counts it. */
void zf_pubcheck_problem(struct check *k, enum problem_kind kind,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void zf_pubcheck_vproblem(struct check *k, enum problem_kind kind,
    const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
/* "(and N more ..., not shown)" for each kind that was cut. */
void zf_pubcheck_more(struct check *k);
/* The index of name in the table of files, added when absent (add), or -1. */
long zf_pubcheck_file(struct check *k, const char *name, int add);
const char *zf_pubcheck_file_name(const struct check *k, size_t i);
/* Makes room for leaf i (zeroed when new); earlier pointers may move. */
void zf_pubcheck_leaf_room(struct check *k, uint64_t i);
/* 64 lowercase hex digits; 0 or -1. */
int zf_pubcheck_hex_hash(const char *s, uint8_t out[ZF_DIGEST_LEN]);
/* SHA-256 of v's canonical JSON. */
void zf_pubcheck_digest_json(const struct zf_json *v,
    uint8_t out[ZF_DIGEST_LEN]);
/* The digest of a record's case, kind and type, compared with its leaf's. */
void zf_pubcheck_digest_meta(const char *case_id, const char *kind,
    const char *type, uint8_t out[META_LEN]);

#endif
