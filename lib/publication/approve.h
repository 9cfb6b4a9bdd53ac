/*
 * approve: the approval of records before their release (审核发布).
 *
 * When zhifa.yaml's publication.approvers names people, a record is
 * published or corrected only once one of them approved exactly that
 * record: publish-approve journals, in one transaction, a
 * publication.approved event of each record's case holding its decision
 * and the digest of its public record, and publish-export releases a
 * record only when that digest is approved, holding back one changed
 * since.  Withdrawals and expiries
 * only take down, and need none.
 */
#ifndef ZF_APPROVE_H
#define ZF_APPROVE_H

#include <stddef.h>

struct zf_archive;
struct zf_db;
struct zf_err;
struct zf_event;
struct zf_pub_due;

/* 1 when the configuration in force asks for approvals. */
int zf_approve_required(struct zf_archive *a);

/*
 * Whether the entry d may be released: 0 when it needs no approval or
 * its record is approved; 1 when it is not, with why in *why ("not
 * approved" / "changed since its approval"); an error's code.
 */
int zf_approve_check(struct zf_archive *a, const struct zf_pub_due *d,
    const char **why);

/*
 * publish-approve: approves the records due now, of the cases given (all
 * when ncases is 0), by the acting person, who must be an approver (77).
 * *n gets how many records the approval covers (0: nothing to approve,
 * and nothing is journaled).
 */
int zf_approve(struct zf_archive *a, char *const *cases, size_t ncases,
    size_t *n);

/* Applies publication.approved (events.c). */
int zf_approve_apply(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e);

#endif
