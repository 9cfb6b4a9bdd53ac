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
	const char *access;	/* public restricted secret; default restricted */
	const char *secret_kind;	/* state commercial privacy */
};

/* Checks the input and that the actor may add evidence to the case. */
int zf_evidence_check(struct zf_archive *a, const char *case_id,
    const struct zf_evidence_input *in);

/*
 * Journals one stored object as evidence of the case, inside the
 * caller's write transaction.  digest is the archive's content address;
 * sha256 its SHA-256 (the same in a SHA-256 archive).  *id gets the evidence id (malloc'd).
 */
int zf_evidence_record(struct zf_archive *a, const char *case_id,
    const struct zf_evidence_input *in, const uint8_t digest[ZF_DIGEST_LEN],
    const uint8_t sha256[ZF_DIGEST_LEN], uint64_t size, char **id);

/*
 * A document stored before its transaction and journaled inside it:
 * the documents of steps, decisions and reviews.
 */
struct zf_stored {
	uint8_t digest[ZF_DIGEST_LEN];
	uint8_t sha256[ZF_DIGEST_LEN];
	uint64_t size;
	char *name;		/* the file's own name */
};

/* Stores the file at path; EX_NOINPUT when it is missing. */
int zf_evidence_store_file(struct zf_archive *a, const char *path,
    struct zf_stored *s);
/* Stores bytes made by zhifa itself (an opinion), named name. */
int zf_evidence_store_text(struct zf_archive *a, const char *text,
    const char *name, struct zf_stored *s);
/* Journals a stored document of the case at stage; *id gets its id. */
int zf_evidence_document(struct zf_archive *a, const char *case_id,
    const struct zf_stored *s, const char *title, const char *stage,
    char **id);
void zf_stored_release(struct zf_stored *s);

/*
 * Journals and commits a read of the evidence, then opens the stored
 * object: *fd to read, *digest and *size to check it against.
 */
int zf_evidence_open(struct zf_archive *a, const char *id, const char *reason,
    int *fd, uint8_t digest[ZF_DIGEST_LEN], uint64_t *size);

#endif
