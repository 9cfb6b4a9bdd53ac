/* doc: the blocks of a rendered document. */
#include "documents/doc.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

static struct zf_block *
grow(struct zf_doc *d)
{
	struct zf_block *b;

	d->blocks = xrealloc(d->blocks, (d->nblocks + 1) *
	    sizeof(*d->blocks));
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	return b;
}

void
zf_doc_add(struct zf_doc *d, enum zf_block_kind kind, const char *text)
{
	struct zf_block *b = grow(d);

	b->kind = kind;
	b->cells = xcalloc(1, sizeof(*b->cells));
	b->cells[0] = xstrdup(text != NULL ? text : "");
	b->ncells = 1;
}

void
zf_doc_add_row(struct zf_doc *d, const char *const *cells, size_t n)
{
	struct zf_block *b = grow(d);
	size_t i;

	b->kind = ZF_BLOCK_ROW;
	b->cells = xcalloc(n ? n : 1, sizeof(*b->cells));
	for (i = 0; i < n; i++)
		b->cells[i] = xstrdup(cells[i]);
	b->ncells = n;
}

void
zf_doc_release(struct zf_doc *d)
{
	size_t i, j;

	for (i = 0; i < d->nblocks; i++) {
		for (j = 0; j < d->blocks[i].ncells; j++)
			free(d->blocks[i].cells[j]);
		free(d->blocks[i].cells);
	}
	free(d->blocks);
	free(d->title);
	free(d->code);
	free(d->code_note);
	memset(d, 0, sizeof(*d));
}
