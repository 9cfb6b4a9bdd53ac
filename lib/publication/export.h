/*
 * export: publish-export's work — the entries owed are journaled, the
 * publication log's new head is signed, and one bundle (bundle.h) is
 * written holding the whole current site (site.h), the records as JSON
 * and CSV, and the log with an inclusion proof per current entry.
 * zhifa-bundle(5) is the bundle's format.
 *
 * The request comes as the command line gives it; this module decides
 * the bundle's format (by the name of --out when not given), its
 * audience and the day expiries are judged on, and checks who acts and
 * which cases are meant.  A dry run only lists what would be journaled.
 *
 * The bundle is built inside the write transaction, which zf_export
 * owns, at a temporary name beside --out (locked while the export
 * runs), synced, and recorded by the commit (the publication.exported
 * event names the temporary); only then is it renamed into place.  So
 * nothing signed is ever seen that the archive did not record, and a
 * killed export is finished by running it again to the same --out: the
 * recorded temporary is placed as it is, signature and all, and the
 * temporaries of exports killed before their commit are removed.  A
 * refusal (an unmasked ID or mobile number found by the final scan, a
 * missing key, a bad path) leaves both the archive and the destination
 * as they were.  Memory
 * stays bounded: records, CSV and the log's lines go through temporary
 * files, pages are emitted one at a time.
 */
#ifndef ZF_EXPORT_H
#define ZF_EXPORT_H

#include <stddef.h>
#include <stdint.h>

struct zf_archive;
struct zf_err;
struct zf_pub_due;

/* What publish-export is asked, as given. */
struct zf_export_request {
	const char *out;	/* the bundle's path; must not exist */
	const char *format;	/* "dir", "tar.gz", "zip"; NULL: by out */
	const char *audience;	/* "public" or "sharing"; NULL: public */
	const char *as_of;	/* YYYY-MM-DD, not after today; NULL: today */
	char *const *cases;	/* record only these cases' entries */
	size_t ncases;		/* 0: every case */
	int dry_run;		/* list what is owed, change nothing */
};

struct zf_export_result {
	int audience;		/* enum zf_audience */
	const char *audience_name;	/* "public" or "sharing" */
	/* A dry run's: the entries owed (none for sharing), and for each a
	 * publication's or a correction's record, NULL for the others:
	 * {number, record, digest, approval: "approved", "not approved",
	 * "changed since its approval" or "not needed"}. */
	struct zf_pub_due *due;
	size_t ndue;
	struct zf_json **records;
	/* An export's. */
	size_t counts[4];	/* entries journaled, by enum zf_pub_type */
	size_t current;		/* entries on the site */
	uint64_t log_size;
	char root[65];		/* hex */
	/* Records held back, each "CASE\tITEM\tKIND": published with
	 * nothing else wrong, they would still show a number. */
	char **held;
	size_t nheld;
	/*
	 * Not 0: no new export was made; the one this event recorded, whose
	 * run was killed before its bundle was in place, was placed.
	 */
	int64_t finished;
};

/*
 * Checks what can be checked of q without the archive (the options and
 * how they go together): 0, or EX_USAGE with the reason in e.  ncases
 * may count the arguments naming cases before they are read.
 */
int zf_export_check(const struct zf_export_request *q, struct zf_err *e);

/*
 * publish-export: checks q (EX_USAGE, or EX_DATAERR for a day in the
 * future), that the acting person may publish and that each case
 * exists (EX_NOINPUT), then lists what is owed (a dry run) or journals
 * it and writes the bundle.  Errors are in zf_archive_err(a).  Release
 * r with zf_export_result_release whatever this returns.
 */
int zf_export(struct zf_archive *a, const struct zf_export_request *q,
    struct zf_export_result *r);
void zf_export_result_release(struct zf_export_result *r);

#endif
