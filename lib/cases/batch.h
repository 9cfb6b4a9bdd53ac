/*
 * batch: many cases from one file, all or nothing.
 *
 * The file (or "-" for stdin) is either TSV — when its first line holds a
 * tab: a header naming case-new's long options (kind party party-kind
 * party-id cause officer filed source field; officer holds the officers
 * separated by commas), then one case a line — or YAML: one mapping with
 * those keys per document (officer may be a list).  Every record is
 * checked first; any failure refuses the whole batch, listing each bad
 * record with its line, and nothing is written.  Otherwise all cases are
 * filed in one transaction.
 */
#ifndef ZF_BATCH_H
#define ZF_BATCH_H

#include <stddef.h>

struct zf_archive;

/* On success *ids holds the new ids in order (NULL-terminated). */
int zf_batch_cases(struct zf_archive *a, const char *path, char ***ids,
    size_t *n);

#endif
