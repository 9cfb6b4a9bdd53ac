/*
 * pubcheck-log: the publication log of a bundle being checked
 * (pubcheck-state.h): the verifier key (the bundle's or --key), the
 * signed checkpoint, each line of entries.jsonl and the root over their
 * hashes, each inclusion proof; and that a later bundle's log extends
 * an earlier one's (zf_pubcheck_extends, pubcheck.h).
 */
#ifndef ZF_PUBCHECK_LOG_H
#define ZF_PUBCHECK_LOG_H

#include <stddef.h>

#include "base/err.h"
#include "publication/pubcheck-state.h"

/* The --key file: EX_NOINPUT, EX_IOERR or EX_DATAERR when unusable. */
int zf_pubcheck_log_load_key(struct check *k, const char *path,
    struct zf_err *e);
void zf_pubcheck_log_vkey(struct check *k, const char *text, size_t len);
/* Verifies the checkpoint once both it and a key are at hand. */
void zf_pubcheck_log_checkpoint(struct check *k);
/* A proof file (k->cur names it and its leaf). */
void zf_pubcheck_log_proof(struct check *k, const char *text, size_t len);
/* A line of entries.jsonl (k->cur.lineno counts it). */
void zf_pubcheck_log_entry_line(struct check *k, const char *line, size_t len);
/* After the last pass: what is missing, and the root over the leaves. */
void zf_pubcheck_log_end(struct check *k);

#endif
