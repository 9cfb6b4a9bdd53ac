/*
 * pubcheck: checking a publication bundle (man/man5 bundle layout, the
 * format publish-export writes) as anyone can, without the archive.
 *
 * A bundle is read as it is stored — a folder, a .tar.gz or a .zip, the
 * bag at its top or in one top-level folder — streaming every file
 * through SHA-256, never extracting anything.  What stays in memory is
 * bounded by the number of files and of log leaves, not by their sizes:
 * per file its name and two digests, per leaf 49 bytes (digests of its
 * shown content; its hash only on request).  When the files come in an
 * order that leaves a check without what it needs (the proofs before
 * the checkpoint, say), those files are read again in a later pass; at
 * most three passes.
 *
 * Every problem found is kept, as one line of text without the
 * program's name; checking goes on after a problem.  A run of one kind
 * of problem is cut after ten lines, with a count of the rest.
 */
#ifndef ZF_PUBCHECK_H
#define ZF_PUBCHECK_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"

struct zf_json;

struct zf_pubcheck_options {
	/* A file holding the verifier key the bundle must be signed by. */
	const char *key_file;
	/* Keep every leaf hash (32 bytes a leaf) in leaves[]. */
	int keep_hashes;
	/* Compute the root of the first prefix leaves too (prefix_root):
	 * an older bundle's size, for zf_pubcheck_extends. */
	int want_prefix;
	uint64_t prefix;
};

struct zf_pubcheck {
	char *path;
	/* "publication", or "archival": a transfer package (transfer.h),
	 * whose shown are its events and records its toc items. */
	const char *kind;
	const char *format; /* "dir", "tar.gz", "zip" (or "tar") */
	uint64_t files; /* regular files in the bag */
	/* The key the checkpoint was checked with: "name+id". */
	char *key;
	int suite;
	char *key_name;
	uint8_t pub[ZF_PUBKEY_MAX];
	size_t publen;
	int signed_ok; /* the checkpoint verifies with the key */
	char *origin;
	uint64_t size; /* the checkpoint's tree size */
	uint8_t root[ZF_DIGEST_LEN];
	char *as_of, *audience; /* from bag-info.txt (NULL when absent) */
	uint64_t shown; /* entries whose content is shown */
	uint64_t records; /* records in records.json */
	uint64_t proofs; /* proofs that verify */
	/* The archive journal's checkpoint the bundle carries, when it
	 * verifies with the bundle's key (NULL otherwise). */
	char *journal_note;
	uint64_t journal_size;
	/* The root over the first prefix leaves of entries.jsonl, when
	 * asked for and they all have hashes (has_prefix_root). */
	int has_prefix_root;
	uint64_t prefix;
	uint8_t prefix_root[ZF_DIGEST_LEN];
	/* The leaf hashes of entries.jsonl in line order (keep_hashes). */
	uint8_t (*leaves)[ZF_DIGEST_LEN];
	uint64_t nleaves;
	/* Bit i of each: leaf i was ended by a shown withdraw, expire or
	 * correct entry; is a record of records.json (zf_pubcheck_bit). */
	unsigned char *ended, *recorded;
	/* An array of strings, one per problem; empty when all is well. */
	struct zf_json *problems;
};

/*
 * Checks the bundle at path (an archival transfer package, when its
 * bag-info.txt says so: pubcheck-archival.h).  Returns 0 when it was
 * read, whatever it holds (c->problems lists what is wrong);
 * EX_NOINPUT when path or the key file does not exist, EX_DATAERR when
 * path is not a bundle at all or the key file holds no verifier key,
 * EX_IOERR when it cannot be read.  Release c with zf_pubcheck_release
 * in every case.
 */
int zf_pubcheck_bundle(const char *path, const struct zf_pubcheck_options *o,
    struct zf_pubcheck *c, struct zf_err *e);

/*
 * Checks that the log of c extends the log of old: the same key, no
 * fewer leaves, and the first old->size leaves of c hash to old's signed
 * root (c checked with want_prefix, prefix = old->size).  Where they
 * do not, and both were checked with keep_hashes, names the first leaf
 * that differs.  Each
 * failure is appended to problems as "SECURITY ERROR: ..." naming what
 * differs; returns how many were.  When either bundle failed its own
 * checks, says so instead (not a security error) and returns 1.
 */
int zf_pubcheck_extends(const struct zf_pubcheck *old,
    const struct zf_pubcheck *c, struct zf_json *problems);

void zf_pubcheck_release(struct zf_pubcheck *c);

static inline int
zf_pubcheck_bit(const unsigned char *bits, uint64_t i)
{
	return (bits[i / 8] >> (i % 8)) & 1;
}

#endif
