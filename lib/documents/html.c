/* html: a document as a standalone HTML page. */
#include "documents/html.h"

#include <stdlib.h>

#include "documents/markup.h"
#include "documents/qr.h"

extern const char zf_data_document_css[];

/* Each kind's element and class; rows are tables. */
static const struct {
	const char *element, *class;
} element[ZF_BLOCK_GAP + 1] = {
	[ZF_BLOCK_TITLE] = { "h1", NULL },
	[ZF_BLOCK_CENTER] = { "p", "center" },
	[ZF_BLOCK_RIGHT] = { "p", "right" },
	[ZF_BLOCK_PARA] = { "p", "para" },
	[ZF_BLOCK_PLAIN] = { "p", "plain" },
	[ZF_BLOCK_HEADING] = { "h2", NULL },
	[ZF_BLOCK_GAP] = { "div", "gap" },
};

static void
put_text(struct zf_buf *b, const char *s)
{
	zf_markup_text(b, s, "\t", "<br>\n");
}

static void
put_head(struct zf_buf *b, const struct zf_doc *d)
{
	zf_buf_addstr(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\""
	    " content=\"width=device-width, initial-scale=1\">\n<title>");
	zf_markup_line(b, d->title != NULL ? d->title : "");
	zf_buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<main class=\"page\">\n", zf_data_document_css);
}

static void
put_block(struct zf_buf *b, const struct zf_block *block)
{
	const char *name = element[block->kind].element;
	const char *class = element[block->kind].class;

	zf_buf_printf(b, "<%s", name);
	if (class != NULL)
		zf_buf_printf(b, " class=\"%s\"", class);
	zf_buf_addch(b, '>');
	if (block->kind != ZF_BLOCK_GAP && block->ncells > 0)
		put_text(b, block->cells[0]);
	zf_buf_printf(b, "</%s>\n", name);
}

/* A row of n columns; its last cell spans those left over. */
static void
put_row(struct zf_buf *b, const struct zf_block *row, size_t n)
{
	size_t c;

	zf_buf_addstr(b, "<tr>");
	for (c = 0; c < row->ncells; c++) {
		if (row->ncells == 2 && c == 0)
			zf_buf_addstr(b, "<th scope=\"row\"");
		else
			zf_buf_addstr(b, "<td");
		if (c + 1 == row->ncells && c + 1 < n)
			zf_buf_printf(b, " colspan=\"%zu\"", n - c);
		zf_buf_addch(b, '>');
		put_text(b, row->cells[c]);
		zf_buf_addstr(b, row->ncells == 2 && c == 0 ? "</th>" :
		    "</td>");
	}
	if (row->ncells == 0)
		zf_buf_printf(b, "<td colspan=\"%zu\"></td>", n);
	zf_buf_addstr(b, "</tr>\n");
}

/* The rows that start at rows[0] as one table; returns how many. */
static size_t
put_table(struct zf_buf *b, const struct zf_block *rows, size_t left)
{
	size_t n, columns = 1, i;

	for (n = 0; n < left && rows[n].kind == ZF_BLOCK_ROW; n++)
		if (rows[n].ncells > columns)
			columns = rows[n].ncells;
	zf_buf_addstr(b, "<table>\n<tbody>\n");
	for (i = 0; i < n; i++)
		put_row(b, &rows[i], columns);
	zf_buf_addstr(b, "</tbody>\n</table>\n");
	return n;
}

/* The QR code, the code and its note. */
static void
put_code(struct zf_buf *b, const struct zf_doc *d, const struct zf_qr *qr)
{
	char *line = xasprintf("校验码：%s", d->code);

	zf_buf_addstr(b, "<footer class=\"code\">\n<div class=\"qr\""
	    " role=\"img\" aria-label=\"");
	zf_markup_line(b, line);
	zf_buf_addstr(b, "（二维码）\">");
	zf_qr_svg(qr, b);
	zf_buf_addstr(b, "</div>\n<div>\n<p>");
	put_text(b, line);
	zf_buf_addstr(b, "</p>\n");
	if (d->code_note != NULL) {
		zf_buf_addstr(b, "<p class=\"note\">");
		put_text(b, d->code_note);
		zf_buf_addstr(b, "</p>\n");
	}
	zf_buf_addstr(b, "</div>\n</footer>\n");
	free(line);
}

int
zf_doc_html(const struct zf_doc *d, struct zf_buf *out, struct zf_err *e)
{
	struct zf_qr qr;
	size_t i = 0;
	int rc;

	if (d->code != NULL && (rc = zf_qr_encode(d->code, &qr, e)) != 0)
		return rc;
	put_head(out, d);
	while (i < d->nblocks) {
		if (d->blocks[i].kind == ZF_BLOCK_ROW)
			i += put_table(out, &d->blocks[i], d->nblocks - i);
		else
			put_block(out, &d->blocks[i++]);
	}
	if (d->code != NULL) {
		put_code(out, d, &qr);
		zf_qr_release(&qr);
	}
	zf_buf_addstr(out, "</main>\n</body>\n</html>\n");
	return 0;
}
