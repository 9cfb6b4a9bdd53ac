/*
 * recordcheck: the records of a bundle being checked (check.h):
 * records.json cut into its records as it streams past (jsonsplit.h),
 * each one a current leaf of the log with its proof, and each CSV file
 * (base/csv.h) the same records as records.json's of its schema, in
 * order.
 */
#ifndef ZF_RECORDCHECK_H
#define ZF_RECORDCHECK_H

#include <stddef.h>

#include "publication/check.h"

/* The schema's index of a CSV file's name, or -1. */
int zf_recordcheck_csv_file(const char *name);
void zf_recordcheck_csv_begin(struct check *k, int which);
void zf_recordcheck_csv_feed(struct check *k, const char *p, size_t n);
void zf_recordcheck_csv_end(struct check *k);
/* After the last pass: each CSV file against records.json. */
void zf_recordcheck_csv_files_end(struct check *k);

void zf_recordcheck_records_begin(struct check *k);
void zf_recordcheck_records_feed(struct check *k, const char *p, size_t n);
void zf_recordcheck_records_end(struct check *k);
/* After the last pass: the leaves records.json lacks or should not have. */
void zf_recordcheck_end(struct check *k);

#endif
