/*
 * evidence: files recorded with a case, and every look at them.
 *
 * Adding stores the bytes first (object.h: streamed, fsynced, linked),
 * then journals evidence.added in one transaction.  Reading journals
 * evidence.read — who, when, why (调阅监督) — and commits it before a
 * single byte is handed out.  Access levels: public (anyone in
 * zhifa.yaml may read with a reason), restricted (the case's officers,
 * the head, legal reviewers), secret (the case's officers and the head).
 */
#ifndef ZF_EVIDENCE_H
#define ZF_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"

struct zf_archive;

struct zf_evidence_input {
	const char *kind;	/* document photo audio video record other */
	const char *title;	/* default: the file's name */
	const char *name;	/* the file's own name */
	const char *stage;
	const char *recorded_by;
	const char *recorded_at;	/* RFC 3339 */
	const char *device;
	const char *location;
	const char *access;	/* public restricted secret (the default:
				   restricted) */
	const char *secret_kind;	/* state commercial privacy */
};

/* What storing a file gave. */
struct zf_stored {
	uint8_t digest[ZF_DIGEST_LEN];
	uint8_t sha256[ZF_DIGEST_LEN];
	uint64_t size;
	char *name;		/* the file's own name */
};

/*
 * The document of a step, a decision or a review: stored before the
 * transaction that journals it, so that a refusal comes before a large
 * file is read and no event names an object not yet stored.
 */
struct zf_evidence_doc {
	const char *file;	/* the file to store; NULL: text, or none */
	const char *text;	/* or bytes made by zhifa (an opinion) */
	size_t len;		/* the bytes' length; 0: a text's strlen */
	const char *name;	/* the text's name */
	const char *title;	/* NULL: the file's name */
	const char *stage;
	struct zf_stored stored;
	char *id;		/* its evidence id, once journaled */
};

/* Stores the document, if there is one; EX_NOINPUT for a missing file. */
int zf_evidence_doc_store(struct zf_archive *a, struct zf_evidence_doc *d);
/* Journals the stored document, if any, in the caller's transaction. */
int zf_evidence_doc_record(struct zf_archive *a, const char *case_id,
    struct zf_evidence_doc *d);
void zf_evidence_doc_release(struct zf_evidence_doc *d);

/* An act recorded with a document's evidence id (NULL: no document). */
typedef int (*zf_evidence_act_fn)(struct zf_archive *a, const char *case_id,
    const char *doc_id, void *arg);

/*
 * Stores the document, then in one write transaction journals it and
 * the act fn records; the caller releases the document either way.
 */
int zf_evidence_doc_act(struct zf_archive *a, const char *case_id,
    struct zf_evidence_doc *d, zf_evidence_act_fn fn, void *arg);

/* One file of zf_evidence_add. */
struct zf_evidence_file {
	const char *path;	/* "-": stdin */
	const char *name;	/* its own name; NULL: the path's last part
				   (stdin has none) */
	struct zf_stored stored;	/* its digests and size, once stored */
	char *id;		/* its evidence id, once recorded */
};

/*
 * Told how the storing of a file goes: file is its path ("stdin" for
 * "-"), done the bytes stored so far; the last call, once the file is
 * stored or has failed, has ended set.
 */
typedef void (*zf_evidence_progress_fn)(void *ctx, const char *file,
    uint64_t done, int ended);

/*
 * Stores the files and journals each as evidence of the case with in
 * (whose name is each file's own), all or none, in a transaction of its
 * own.  The case, the actor and in are checked before a byte is read,
 * every file is opened before any is stored, and all are stored before
 * the transaction begins.  progress may be NULL.
 */
int zf_evidence_add(struct zf_archive *a, const char *case_id,
    const struct zf_evidence_input *in, struct zf_evidence_file *files,
    size_t n, zf_evidence_progress_fn progress, void *ctx);
void zf_evidence_files_release(struct zf_evidence_file *files, size_t n);

/*
 * Journals and commits a read of the evidence, then opens the stored
 * object: *fd to read, *digest and *size to check it against.
 */
int zf_evidence_open(struct zf_archive *a, const char *id, const char *reason,
    int *fd, uint8_t digest[ZF_DIGEST_LEN], uint64_t *size);

#endif
