/*
 * site-page: what the pages of the public site are made of, and the state of
 * a site being built (struct zf_site), which every kind of page reads.
 *
 * Every page exists twice, NAME.html and elder/NAME.html, with the same
 * body between a head, banner and footer of its own style; in a body,
 * ZF_SITE_ROOT stands for the way up to the bundle's root, which differs
 * between the two.  Every value taken from the JSON is checked here
 * (a string, no control characters) and escaped (& < > " ') on its way
 * into a page.
 */
#ifndef ZF_SITE_PAGE_H
#define ZF_SITE_PAGE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/strset.h"
#include "publication/site.h"

struct zf_json;
struct zf_site_search_row;

/*
 * In a page's body, stands for the way up from the page to the bundle's
 * root; values with control characters never reach a body.
 */
#define ZF_SITE_ROOT "\001"

struct zf_site {
	zf_site_emit_fn emit;
	void *ctx;
	char *agency, *address, *phone;
	size_t nentries, given; /* entries announced and given so far */
	size_t pages, pages_total; /* index pages emitted, and in all */
	struct zf_buf rows; /* the current index page's, at most one page */
	size_t page_rows;
	struct zf_strset seen; /* page names used -> the entry that did */
	struct zf_site_search_row *search; /* site-search.h's rows */
	size_t nsearch, capsearch;
	int failed;
};

/* Appends s with & < > " ' escaped; newlines become <br> when lines. */
void zf_site_page_escaped(struct zf_buf *b, const char *s, int lines);
/* Appends s escaped, newlines as spaces. */
void zf_site_page_put(struct zf_buf *b, const char *s);
/*
 * Appends tmpl with each "{}" in it replaced by the next argument, a
 * const char *, escaped as by zf_site_page_put.
 */
void zf_site_page_fill(struct zf_buf *b, const char *tmpl, ...);
/* Appends "../" n times. */
void zf_site_page_up(struct zf_buf *b, int n);
/* Appends a date (YYYY-MM-DD) as <time>, e.g. 2026年11月16日. */
void zf_site_page_date(struct zf_buf *b, const char *s);

/* The string v as *out, when it is a string that may be published. */
int zf_site_page_text(const struct zf_json *v, const char *where,
    const char *name, const char **out, struct zf_err *e);
/*
 * Member name of object o as *out: NULL when optional and absent or null;
 * a required member must be a non-empty string.
 */
int zf_site_page_member(const struct zf_json *o, const char *name, int required,
    const char *where, const char **out, struct zf_err *e);
/* Member name of o as an array in *out; NULL when optional and absent. */
int zf_site_page_array(const struct zf_json *o, const char *name, int required,
    const char *where, const struct zf_json **out, struct zf_err *e);
/* The strings of array a joined with "、" in *out (malloc'd). */
int zf_site_page_join(const struct zf_json *a, const char *where,
    const char *name, char **out, struct zf_err *e);

/* Hands a finished file to the site's emit function. */
int zf_site_page_file(struct zf_site *s, const char *path,
    const struct zf_buf *b, struct zf_err *e);
/*
 * Emits name and elder/name, both with the same body, where each
 * ZF_SITE_ROOT becomes the way up to the bundle's root.
 */
int zf_site_page_emit(struct zf_site *s, const char *name, const char *title,
    const struct zf_buf *body, struct zf_err *e);

/*
 * Opens a table in a scrollable region named by its caption; columns
 * is NULL-terminated and each gets a column heading (NULL: none).
 */
void zf_site_page_table_open(struct zf_buf *b, const char *id,
    const char *caption, const char *const *columns);
void zf_site_page_table_close(struct zf_buf *b);
/* A row of a two-column table: a heading and a cell opened for its value. */
void zf_site_page_row_open(struct zf_buf *b, const char *label);

#endif
