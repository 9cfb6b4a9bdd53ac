/*
 * fields: what a case's documents are filled with, as one JSON object
 * whose paths templates name (doc-render(1) lists them):
 *   agency    name code short seal address phone remedies.review
 *             remedies.court
 *   case      the case as case-show -o json gives it (number cause filed
 *             field kind_name source ...)
 *   party     name kind kind_name id rep address phone
 *   officers  [{id name certificate}], and officer_names (张伟、李娜)
 *   evidence  [{id title kind kind_name sha256 recorded_at ...}]
 *   decision  the decision in force: number outcome fine_fen basis at
 *             measure_names ...
 *   due       each period's last day by its rule: due.penalty-statement
 *   step      the latest of each step: step.notify.at .note .method
 *             .actor_name
 *   review    the latest round: reviewer_name opinion verdict ...
 *   today     the day it is made (YYYY-MM-DD)
 */
#ifndef ZF_FIELDS_H
#define ZF_FIELDS_H

struct zf_archive;
struct zf_json;

/* The fields of the case; EX_NOINPUT when there is no such case. */
int zf_doc_fields(struct zf_archive *a, const char *case_id,
    struct zf_json **root);
/* What gives a field that has no value, or NULL. */
const char *zf_doc_field_hint(const char *path);

#endif
