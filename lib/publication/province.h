/*
 * province: exchange bundles (exchange.h) loaded into a province's
 * PostgreSQL (province-load), with libpq's COPY, one transaction a
 * bundle.  Each bundle is read and checked as bundle-import reads it
 * (import.h), against the trusted keys given; one loaded before (by the
 * SHA-256 of its exchange.json) is skipped; a later bundle of the same
 * agency replaces what an earlier one said of a case (by agency and
 * case), an earlier one changes nothing.  The schema (data/pg/schema.sql,
 * installed as share/zhifa/pg/schema.sql) is applied first; every
 * statement of it may run again.
 */
#ifndef ZF_PROVINCE_H
#define ZF_PROVINCE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct zf_province_options {
	const char *conninfo;	/* libpq's: "host=/run/pg dbname=zhifa" */
	const char *schema;	/* the text of schema.sql */
	const char *const *bundles;
	size_t nbundles;
	char *const *trusted;	/* verifier keys */
	int64_t max_entries, max_bytes;
};

/*
 * Loads each bundle, telling report of each: rc 0 loaded (cases), 1
 * skipped, else refused (msg).  Returns 0, the worst refusal's code, or
 * EX_UNAVAILABLE when the database cannot be reached or written.
 */
int zf_province_load(const struct zf_province_options *o,
    void (*report)(void *ctx, const char *bundle, int rc, size_t cases,
    const char *msg), void *ctx, struct zf_err *e);

#endif
