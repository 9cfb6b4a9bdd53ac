/*
 * may: the permissions table (rules/permissions.h) asked about a case:
 * the facts of the acting person's relation to it read from the archive
 * — officer of it, in recusal (a standing conflict with its party in
 * zhifa.yaml, or a recuse step they recorded), the case under review.
 */
#ifndef ZF_MAY_H
#define ZF_MAY_H

#include <stdint.h>

#include "rules/permissions.h"

struct zf_archive;
struct zf_person;

/*
 * 0 when the acting person may do act on case_id (NULL: no case) on
 * day; else the refusal (EX_NOPERM) in the archive's error, or another
 * code when the archive cannot be read.
 */
int zf_case_may(struct zf_archive *a, const char *case_id, enum zf_act act,
    int32_t day);

/*
 * The standing conflict (zhifa.yaml conflicts:) of p with the party of
 * case_id, into conflict (NULL: none), with the case's review status
 * into under_review when not NULL: 0, or the error's code.
 */
int zf_case_party_conflict(struct zf_archive *a, const char *case_id,
    const struct zf_person *p, const char **conflict, int *under_review);

#endif
