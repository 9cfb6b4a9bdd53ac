/*
 * pubcheck-records: the records of a bundle being checked
 * (pubcheck-state.h): records.json cut into its records as it streams
 * past (jsonsplit.h), each one a current leaf of the log with its
 * proof, and each CSV file (base/csv.h) the same records as
 * records.json's of its schema, in order.
 */
#ifndef ZF_PUBCHECK_RECORDS_H
#define ZF_PUBCHECK_RECORDS_H

#include <stddef.h>

#include "publication/pubcheck-state.h"

/* The schema's index of a CSV file's name, or -1. */
int zf_pubcheck_records_csv_file(const char *name);
void zf_pubcheck_records_csv_begin(struct check *k, int which);
void zf_pubcheck_records_csv_feed(struct check *k, const char *p, size_t n);
void zf_pubcheck_records_csv_end(struct check *k);
/* After the last pass: each CSV file against records.json. */
void zf_pubcheck_records_csv_files_end(struct check *k);

void zf_pubcheck_records_records_begin(struct check *k);
void zf_pubcheck_records_records_feed(struct check *k, const char *p, size_t n);
void zf_pubcheck_records_records_end(struct check *k);
/* After the last pass: the leaves records.json lacks or should not have. */
void zf_pubcheck_records_end(struct check *k);

#endif
