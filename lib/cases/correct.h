/*
 * correct: 更正 — putting right what a decision's record states wrongly,
 * without a new decision or a new 文号 (decision-correct).
 *
 * Only what the legal review did not decide may change: the party's
 * name, identity number and representative, the cause's wording, the
 * basis as cited, and the 文号's typography (its brackets, digits and
 * spaces, never its number).  A change of fine, measures or outcome is a
 * revocation and a new decision.  The head records the correction, with
 * the request that asked for it as its reason, as a decision.corrected
 * event; a record already published is then republished by
 * publish-export as a correction (更正) under the same 文号.
 */
#ifndef ZF_CORRECT_H
#define ZF_CORRECT_H

#include <stdint.h>

struct zf_archive;
struct zf_db;
struct zf_err;

/* The fields that may be corrected: "party", "party-id", "party-rep",
 * "cause", "basis", "number"; NULL-terminated. */
extern const char *const zf_correct_fields[];

/*
 * Corrects field of case_id's decision in force to value, for reason, in
 * a transaction of its own: 0, or 64 (an unknown field), 65 (a value
 * that is not one, or the same as before), 77 (no decision in force, a
 * 文号 whose number differs, a person who is not the head).
 */
int zf_decision_correct(struct zf_archive *a, const char *case_id,
    const char *field, const char *value, const char *reason);

/*
 * A 文号 with its typography folded (malloc'd): every kind of bracket as
 * 〔〕, full-width digits as ASCII, spaces dropped.  Two 文号 that fold
 * alike are one number.
 */
char *zf_correct_fold_number(const char *s);

/* Applies a decision.corrected event's change to the derived tables. */
int zf_correct_apply(struct zf_db *db, const char *case_id, int64_t decision,
    const char *field, const char *value, struct zf_err *e);

#endif
