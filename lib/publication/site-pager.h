/*
 * site-pager: the index of the public site (公示目录): index.html, then
 * list/2.html, list/3.html ..., ZF_SITE_INDEX_ROWS rows a page, each
 * with numbered links to the others and the bundle's files to download.
 * Rows are kept until their page is full, so that no more than one
 * page of rows is ever in memory.
 */
#ifndef ZF_SITE_PAGER_H
#define ZF_SITE_PAGER_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"
#include "publication/site-page.h"

struct entry;

/* The index page number (from 1) that lists the entry-th entry. */
size_t zf_site_pager_page_of(size_t entry);
/* Appends the name of index page number page: index.html, list/2.html. */
void zf_site_pager_index_name(struct zf_buf *b, size_t page);
/* Adds the entry-th entry's row to the current index page. */
void zf_site_pager_add_row(struct zf_site *s, const struct entry *en,
    size_t number);
/* Emits the current index page with its rows, and starts the next one. */
int zf_site_pager_emit(struct zf_site *s, struct zf_err *e);

#endif
