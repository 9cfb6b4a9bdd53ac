/* site: the static, script-free public web site of a publication. */
#include "publication/site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/json.h"
#include "publication/site-decision.h"
#include "publication/site-page.h"
#include "publication/site-pager.h"
#include "publication/site-search.h"
#include "publication/site-annual.h"
#include "publication/site-draws.h"
#include "publication/site-standing.h"
#include "publication/site-style.h"

/* annual-YYYY.html for each year's enforcement data of the standing. */
static int
emit_annual(struct zf_site *s, const struct zf_json *years, struct zf_err *e)
{
	size_t i;
	int rc = 0;

	if (years == NULL || zf_json_type(years) == ZF_JSON_NULL)
		return 0;
	if (zf_json_type(years) != ZF_JSON_ARRAY)
		return zf_fail(e, EX_DATAERR, "standing: \"annual\" is not a "
		    "list");
	for (i = 0; rc == 0 && i < zf_json_len(years); i++) {
		struct zf_buf b;
		char name[32], title[64];

		zf_buf_init(&b);
		if ((rc = zf_site_annual_build(&b, zf_json_at(years, i), name,
		    e)) == 0) {
			snprintf(title, sizeof(title), "%.4s年度行政执法数据",
			    name + 7);
			rc = zf_site_page_emit(s, name, title, &b, e);
		}
		zf_buf_release(&b);
	}
	return rc;
}

int
zf_site_begin(const struct zf_json *standing, size_t nentries,
    zf_site_emit_fn emit, void *ctx, struct zf_site **out, struct zf_err *e)
{
	const struct zf_json *agency = NULL;
	const char *text[3];
	struct zf_site *s = NULL;
	struct zf_buf b;
	int i, rc;

	*out = NULL;
	zf_buf_init(&b);
	if ((rc = zf_site_standing_agency(standing, &agency, text, e)) != 0)
		goto out;
	s = xcalloc(1, sizeof(*s));
	s->emit = emit;
	s->ctx = ctx;
	s->agency = xstrdup(text[0]);
	s->address = xstrdup(text[1]);
	s->phone = xstrdup(text[2]);
	s->nentries = nentries;
	s->pages_total = nentries == 0 ? 1 : zf_site_pager_page_of(nentries);
	zf_buf_init(&s->rows);
	zf_strset_init(&s->seen, 0);
	/* Everything is checked before the first file goes out. */
	if ((rc = zf_site_standing_build(&b, s, standing, agency, e)) != 0)
		goto out;
	for (i = 0; i < ZF_SITE_STYLES && rc == 0; i++) {
		struct zf_buf css;

		zf_buf_init(&css);
		zf_site_style_css(&css, i);
		rc = zf_site_page_file(s, zf_site_style_path(i), &css, e);
		zf_buf_release(&css);
	}
	if (rc == 0)
		rc = zf_site_page_emit(s, "standing.html", "事前公开信息", &b,
		    e);
	rc = rc != 0 ? rc : emit_annual(s, zf_json_get(standing, "annual"), e);
	rc = rc != 0 ? rc : zf_site_draws_emit(s, zf_json_get(standing,
	    "draws"), e);
out:
	zf_buf_release(&b);
	if (rc != 0) {
		zf_site_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/* EX_SOFTWARE, once any call on s has failed. */
static int
refuse_failed(const struct zf_site *s, struct zf_err *e)
{
	if (!s->failed)
		return 0;
	return zf_fail(e, EX_SOFTWARE,
	    "site: an earlier failure stopped the build of this site");
}

int
zf_site_entry(struct zf_site *s, const struct zf_json *v, struct zf_err *e)
{
	const struct zf_strset_entry *seen;
	struct entry en;
	size_t number = s->given + 1;
	int rc, added;

	if ((rc = refuse_failed(s, e)) != 0)
		return rc;
	memset(&en, 0, sizeof(en));
	if (number > s->nentries) {
		rc = zf_fail(e, EX_SOFTWARE,
		    "site: entry %zu is one more than the %zu announced "
		    "to zf_site_begin",
		    number, s->nentries);
		goto out;
	}
	if ((rc = zf_site_decision_read(v, number, &en, e)) != 0)
		goto out;
	seen = zf_strset_add(&s->seen, en.page, strlen(en.page), number,
	    &added);
	if (!added) {
		rc = zf_fail(e, EX_DATAERR,
		    "entry %zu: page '%s' is entry %zu's page too", number,
		    en.page, seen->value);
		goto out;
	}
	s->given = number;
	if ((rc = zf_site_decision_emit(s, &en, number, e)) != 0)
		goto out;
	zf_site_pager_add_row(s, &en, number);
	zf_site_search_add(s, &en);
	if (s->page_rows == ZF_SITE_INDEX_ROWS)
		rc = zf_site_pager_emit(s, e);
out:
	free(en.joined);
	if (rc != 0)
		s->failed = 1;
	return rc;
}

int
zf_site_end(struct zf_site *s, struct zf_err *e)
{
	int rc;

	if ((rc = refuse_failed(s, e)) != 0)
		return rc;
	if (s->given != s->nentries)
		rc = zf_fail(e, EX_SOFTWARE,
		    "site: %zu entries were announced to zf_site_begin but "
		    "%zu given",
		    s->nentries, s->given);
	else if (s->page_rows > 0 || s->pages == 0)
		rc = zf_site_pager_emit(s, e);
	if (rc == 0)
		rc = zf_site_search_emit(s, e);
	if (rc != 0)
		s->failed = 1;
	return rc;
}

void
zf_site_free(struct zf_site *s)
{
	if (s == NULL)
		return;
	zf_strset_release(&s->seen);
	zf_buf_release(&s->rows);
	zf_site_search_free(s);
	free(s->agency);
	free(s->address);
	free(s->phone);
	free(s);
}

/* The files zf_site_build collects. */
struct file_list {
	struct zf_site_file *files;
	size_t n, cap;
};

static int
collect(void *ctx, const char *path, const char *data, size_t len,
    struct zf_err *e)
{
	struct file_list *l = ctx;
	struct zf_site_file *f;

	(void)e;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->files = xrealloc(l->files, l->cap * sizeof(*l->files));
	}
	f = &l->files[l->n++];
	f->path = xstrdup(path);
	f->data = xmalloc(len + 1);
	memcpy(f->data, data, len);
	f->data[len] = '\0';
	f->len = len;
	return 0;
}

int
zf_site_build(const struct zf_json *standing, const struct zf_json *entries,
    struct zf_site_file **files, size_t *nfiles, struct zf_err *e)
{
	struct file_list l = { NULL, 0, 0 };
	struct zf_site *s = NULL;
	size_t n = 0, i;
	int rc;

	*files = NULL;
	*nfiles = 0;
	if (zf_json_type(entries) == ZF_JSON_ARRAY)
		n = zf_json_len(entries);
	if ((rc = zf_site_begin(standing, n, collect, &l, &s, e)) != 0)
		goto out;
	if (zf_json_type(entries) != ZF_JSON_ARRAY) {
		rc = zf_fail(e, EX_DATAERR, "entries: not an array");
		goto out;
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = zf_site_entry(s, zf_json_at(entries, i), e);
	if (rc == 0)
		rc = zf_site_end(s, e);
out:
	zf_site_free(s);
	if (rc != 0) {
		zf_site_files_free(l.files, l.n);
		return rc;
	}
	*files = l.files;
	*nfiles = l.n;
	return 0;
}

void
zf_site_files_free(struct zf_site_file *files, size_t n)
{
	size_t i;

	if (files == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(files[i].path);
		free(files[i].data);
	}
	free(files);
}
