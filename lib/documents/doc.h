/*
 * doc: a rendered enforcement document, as blocks, written out as .docx
 * (docx.h) for Word and WPS and as HTML (html.h) for the screen.
 *
 * A template (template.h) gives the blocks with their fields filled in;
 * the writers only lay them out.  Text is UTF-8 and plain: the writers
 * escape it.  Consecutive ZF_BLOCK_ROW blocks form one table, each row
 * with its own cells (a row of two cells: a label and its value).
 */
#ifndef ZF_DOC_H
#define ZF_DOC_H

#include <stddef.h>

enum zf_block_kind {
	ZF_BLOCK_TITLE,		/* the document's name, large, centred */
	ZF_BLOCK_CENTER,	/* a centred line (the agency's name) */
	ZF_BLOCK_RIGHT,		/* right-aligned (the 文号, the seal, a date) */
	ZF_BLOCK_PARA,		/* body text, first line indented two chars */
	ZF_BLOCK_PLAIN,		/* body text, not indented (an address line) */
	ZF_BLOCK_HEADING,	/* a bold line inside the body */
	ZF_BLOCK_ROW,		/* a table row: cells[0..ncells) */
	ZF_BLOCK_GAP		/* an empty line (room to sign) */
};

struct zf_block {
	enum zf_block_kind kind;
	char **cells;		/* one text, or a row's cells */
	size_t ncells;
};

struct zf_doc {
	char *title;		/* the document's name (its metadata) */
	struct zf_block *blocks;
	size_t nblocks;
	char *code;		/* the verification code, shown and QR-coded
				   at the foot of the last page; NULL: none */
	char *code_note;	/* the line beside it: how to check it */
};

/* Adds a block of one text (copied) or of n cells (copied). */
void zf_doc_add(struct zf_doc *d, enum zf_block_kind kind, const char *text);
void zf_doc_add_row(struct zf_doc *d, const char *const *cells, size_t n);
void zf_doc_release(struct zf_doc *d);

#endif
