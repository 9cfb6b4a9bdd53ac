/*
 * site-search: finding a decision on the public site by its party's name
 * or its 文号, with no script: search.html links to two indexes,
 * search/party-N.html (every decision under its party's name, in order)
 * and search/number-N.html (under its 文号), ZF_SITE_SEARCH_ROWS rows a
 * page; with a script, search.html also filters search.json as one
 * types.  The rows are the only part of the site kept for all entries
 * at once (a party's name, a 文号 and a page name each).
 */
#ifndef ZF_SITE_SEARCH_H
#define ZF_SITE_SEARCH_H

#include "base/err.h"

#define ZF_SITE_SEARCH_ROWS 500

struct zf_site;
struct entry;

/* Keeps the entry's row for the indexes. */
void zf_site_search_add(struct zf_site *s, const struct entry *en);
/* Emits search.html, search.json and the index pages. */
int zf_site_search_emit(struct zf_site *s, struct zf_err *e);
/* Frees the rows. */
void zf_site_search_free(struct zf_site *s);

#endif
