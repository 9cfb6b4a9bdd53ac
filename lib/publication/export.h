/*
 * export: publish-export's work — the entries owed are journaled, the
 * publication log's new head is signed, and one bundle (bundle.h) is
 * written holding the whole current site (site.h), the records as JSON
 * and CSV, and the log with an inclusion proof per current entry.
 * zhifa-bundle(5) is the bundle's format.
 *
 * The bundle is built inside the write transaction and put in place
 * just before the commit, so the archive records exactly the entries
 * the bundle shows; a refusal (an unmasked ID or mobile number found by
 * the final scan, a missing key, a bad path) leaves both the archive and
 * the destination as they were.  Memory stays bounded: records, CSV and
 * the log's lines go through temporary files, pages are emitted one at a
 * time.
 */
#ifndef ZF_EXPORT_H
#define ZF_EXPORT_H

#include <stddef.h>
#include <stdint.h>

struct zf_archive;

struct zf_export_opts {
	const char *out;	/* the bundle's path; must not exist */
	int format;		/* enum zf_bundle_format */
	int audience;		/* enum zf_audience */
	int32_t as_of;		/* expiries are judged on this day */
	char *const *cases;	/* record only these cases' entries */
	size_t ncases;		/* 0: every case */
};

struct zf_export_result {
	size_t counts[4];	/* entries journaled, by enum zf_pub_type */
	size_t current;		/* entries on the site */
	uint64_t log_size;
	char root[65];		/* hex */
};

int zf_export(struct zf_archive *a, const struct zf_export_opts *o,
    struct zf_export_result *r);

#endif
