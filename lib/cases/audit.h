/*
 * audit: 案卷评查, a case file scored against the checklist of zhifa.yaml
 * (audit:), which may ask more than the gates did when each act was
 * recorded: acts recorded late (补录) and how late; the evidence each step
 * should have; steps in legal order, by when they happened; each of the
 * agency's periods met, or how late; two certified officers at each
 * on-site act; a passed legal review before each decision the catalog now
 * in force counts as major; service with its record; every event's hash
 * and signature and every piece of evidence's digest; a reason for each
 * read of secret evidence.
 *
 * Read-only: the case's journal events, read once, and its rows.
 */
#ifndef ZF_AUDIT_H
#define ZF_AUDIT_H

struct zf_archive;
struct zf_json;

/* Do not verify signatures nor re-hash the evidence (hashes of events
 * are still checked). */
#define ZF_AUDIT_QUICK 1u

/*
 * The audit of one case: {case, number, kind, stage, score, findings:
 * [{check, points, what, basis, seq?, late_hours?, late_days?}]}, the
 * score 100 less each finding's points, 0 at least.  EX_NOINPUT when
 * there is no such case.
 */
int zf_case_audit(struct zf_archive *a, const char *id, unsigned flags,
    struct zf_json **out);

/*
 * Calls each on the audit of every case, in the order of their numbers,
 * one at a time; stops at the first code each returns that is not 0.
 */
int zf_case_audit_all(struct zf_archive *a, unsigned flags,
    int (*each)(void *ctx, const struct zf_json *audit), void *ctx);

#endif
