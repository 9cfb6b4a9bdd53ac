/*
 * siteview: what the public site (site.h) shows of the archive: the
 * standing information (事前公开), made from zhifa.yaml, and each
 * current entry of the publication log as one of the site's entries.
 */
#ifndef ZF_SITEVIEW_H
#define ZF_SITEVIEW_H

#include <stdint.h>

struct zf_archive;
struct zf_json;

/*
 * The standing information in site.h's shape, with the officers whose
 * certificates are valid today: 0, or EX_CONFIG when zhifa.yaml lacks
 * the agency's code, address or phone.
 */
int zf_siteview_standing(struct zf_archive *a, struct zf_json **out);
/* The site's entry for a log entry shown at leaf idx. */
struct zf_json *zf_siteview_entry(const struct zf_json *entry, int64_t idx);
/*
 * The site's withdrawal notice for the decision whose last entry shown
 * was entry, withdrawn on date (YYYY-MM-DD) for reason (already masked).
 */
struct zf_json *zf_siteview_withdrawal(const struct zf_json *entry,
    const char *date, const char *reason);

#endif
