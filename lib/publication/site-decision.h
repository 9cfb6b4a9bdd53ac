/*
 * site-decision: one entry of the site (site.h's entry shape), checked, and
 * its page decisions/PAGE.html: the decision's particulars, where it
 * stands in the publication log with its proof, and the remedies.
 */
#ifndef ZF_SITE_DECISION_H
#define ZF_SITE_DECISION_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "publication/site-page.h"

struct zf_json;

/* An entry's strings point into its JSON, which must outlive it. */
struct entry {
	const char *id, *page, *kind, *kind_name, *number, *party;
	const char *party_kind, *cause, *outcome, *fine, *decided, *basis;
	const char *published, *party_id, *until, *note, *proof;
	/* A withdrawal notice: when, and why. */
	const char *withdrawn, *withdrawn_reason;
	const char *measures; /* joined with "、"; NULL when none */
	char *joined; /* what measures points to, owned */
	int64_t log_index; /* "index"; -1 when absent */
};

/*
 * Entry v, the number'th given, into en: EX_DATAERR when it is not one.
 * en->joined is then the caller's to free, whatever this returns.
 */
int zf_site_decision_read(const struct zf_json *v, size_t number,
    struct entry *en, struct zf_err *e);
/* Emits the entry's page, in both styles. */
int zf_site_decision_emit(struct zf_site *s, const struct entry *en,
    size_t number, struct zf_err *e);

#endif
