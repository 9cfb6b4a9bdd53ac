/* docx-body: a document's blocks as word/document.xml. */
#include "documents/docx-body.h"

#include <stdlib.h>

#include "documents/markup.h"

#define TEXT_WIDTH	8844	/* twips between A4's margins */
#define LABEL_WIDTH	2800	/* a label column, at most */
#define QR_WIDTH	1800	/* the QR code's column */
#define QR_EMU		900000	/* the QR code's side: 25 mm */

static const char document_open[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document"
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
    "main\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships\""
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/"
    "wordprocessingDrawing\""
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
    " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/"
    "picture\"><w:body>";

/* A4; margins 37, 26, 35 and 28 mm; 22 lines of 29 pt. */
static const char section[] =
    "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
    "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\""
    " w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
    "<w:cols w:space=\"425\"/><w:docGrid w:linePitch=\"579\"/>"
    "</w:sectPr></w:body></w:document>\n";

static const char borders[] =
    "<w:tblBorders>"
    "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\""
    " w:color=\"000000\"/>"
    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\""
    " w:color=\"000000\"/>"
    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\""
    " w:color=\"000000\"/>"
    "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\""
    " w:color=\"000000\"/>"
    "</w:tblBorders>";

/* The QR code as an inline picture; %d: its side in EMU, four times. */
static const char picture[] =
    "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\""
    " distR=\"0\"><wp:extent cx=\"%d\" cy=\"%d\"/>"
    "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
    "<wp:docPr id=\"1\" name=\"QR\" descr=\"";
static const char picture_rest[] =
    "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
    "</wp:cNvGraphicFramePr><a:graphic><a:graphicData"
    " uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
    "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"1\" name=\"qr.png\"/>"
    "<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\""
    ZF_DOCX_QR_RELATION "\"/><a:stretch><a:fillRect/></a:stretch>"
    "</pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
    "<a:ext cx=\"%d\" cy=\"%d\"/></a:xfrm><a:prstGeom prst=\"rect\">"
    "<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>"
    "</a:graphic></wp:inline></w:drawing></w:r>";

/* Each kind's paragraph style (NULL: Normal); rows are tables. */
static const char *const paragraph_style[ZF_BLOCK_GAP + 1] = {
	[ZF_BLOCK_TITLE] = ZF_DOCX_TITLE,
	[ZF_BLOCK_CENTER] = ZF_DOCX_CENTER,
	[ZF_BLOCK_RIGHT] = ZF_DOCX_RIGHT,
	[ZF_BLOCK_PARA] = ZF_DOCX_PARA,
	[ZF_BLOCK_HEADING] = ZF_DOCX_HEADING,
};

/* A run of text; tabs and newlines as Word's. */
static void
put_run(struct zf_buf *b, const char *text)
{
	if (*text == '\0')
		return;
	zf_buf_addstr(b, "<w:r><w:t xml:space=\"preserve\">");
	zf_markup_text(b, text,
	    "</w:t><w:tab/><w:t xml:space=\"preserve\">",
	    "</w:t><w:br/><w:t xml:space=\"preserve\">");
	zf_buf_addstr(b, "</w:t></w:r>");
}

static void
put_paragraph(struct zf_buf *b, const char *style, const char *text)
{
	zf_buf_addstr(b, "<w:p>");
	if (style != NULL)
		zf_buf_printf(b, "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>",
		    style);
	put_run(b, text);
	zf_buf_addstr(b, "</w:p>");
}

/* Column c's width in a table of n columns: the first is a label's. */
static int
column_width(size_t n, size_t c)
{
	int first = TEXT_WIDTH / (int)n, rest;

	if (n == 1)
		return TEXT_WIDTH;
	if (first > LABEL_WIDTH)
		first = LABEL_WIDTH;
	if (c == 0)
		return first;
	rest = (TEXT_WIDTH - first) / (int)(n - 1);
	return c + 1 < n ? rest : TEXT_WIDTH - first - rest * (int)(n - 2);
}

/* A row of a table of n columns; its last cell spans those left over. */
static void
put_row(struct zf_buf *b, const struct zf_block *row, size_t n)
{
	size_t cells = row->ncells ? row->ncells : 1, c, span, k;
	int width;

	zf_buf_addstr(b, "<w:tr>");
	for (c = 0; c < cells; c++) {
		span = c + 1 < cells ? 1 : n - c;
		for (width = 0, k = c; k < c + span; k++)
			width += column_width(n, k);
		zf_buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\""
		    " w:type=\"dxa\"/>", width);
		if (span > 1)
			zf_buf_printf(b, "<w:gridSpan w:val=\"%zu\"/>", span);
		zf_buf_addstr(b, "<w:vAlign w:val=\"center\"/></w:tcPr>");
		put_paragraph(b, ZF_DOCX_CELL,
		    c < row->ncells ? row->cells[c] : "");
		zf_buf_addstr(b, "</w:tc>");
	}
	zf_buf_addstr(b, "</w:tr>");
}

/* The rows that start at rows[0] as one table; returns how many. */
static size_t
put_table(struct zf_buf *b, const struct zf_block *rows, size_t left)
{
	size_t n, columns = 1, c;

	for (n = 0; n < left && rows[n].kind == ZF_BLOCK_ROW; n++)
		if (rows[n].ncells > columns)
			columns = rows[n].ncells;
	zf_buf_printf(b, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\""
	    " w:type=\"dxa\"/>%s<w:tblLayout w:type=\"fixed\"/></w:tblPr>"
	    "<w:tblGrid>", TEXT_WIDTH, borders);
	for (c = 0; c < columns; c++)
		zf_buf_printf(b, "<w:gridCol w:w=\"%d\"/>",
		    column_width(columns, c));
	zf_buf_addstr(b, "</w:tblGrid>");
	for (c = 0; c < n; c++)
		put_row(b, &rows[c], columns);
	zf_buf_addstr(b, "</w:tbl>");
	return n;
}

/* A borderless row: the QR code, and beside it the code and its note. */
static void
put_code(struct zf_buf *b, const struct zf_doc *d)
{
	char *line = xasprintf("校验码：%s", d->code);

	/* A paragraph between, or Word joins this table to one above. */
	put_paragraph(b, NULL, "");
	zf_buf_printf(b, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
	    "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
	    "<w:gridCol w:w=\"%d\"/><w:gridCol w:w=\"%d\"/></w:tblGrid>"
	    "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>"
	    "<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr>"
	    "<w:pStyle w:val=\"" ZF_DOCX_CODE "\"/></w:pPr>", TEXT_WIDTH,
	    QR_WIDTH, TEXT_WIDTH - QR_WIDTH, QR_WIDTH);
	zf_buf_printf(b, picture, QR_EMU, QR_EMU);
	zf_markup_line(b, line);
	zf_buf_printf(b, picture_rest, QR_EMU, QR_EMU);
	zf_buf_printf(b, "</w:p></w:tc><w:tc><w:tcPr><w:tcW w:w=\"%d\""
	    " w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>",
	    TEXT_WIDTH - QR_WIDTH);
	put_paragraph(b, ZF_DOCX_CODE, line);
	if (d->code_note != NULL)
		put_paragraph(b, ZF_DOCX_CODE, d->code_note);
	zf_buf_addstr(b, "</w:tc></w:tr></w:tbl>");
	free(line);
}

void
zf_docx_body(struct zf_buf *b, const struct zf_doc *d)
{
	const struct zf_block *block;
	size_t i = 0;

	zf_buf_addstr(b, document_open);
	while (i < d->nblocks) {
		block = &d->blocks[i];
		if (block->kind == ZF_BLOCK_ROW) {
			i += put_table(b, block, d->nblocks - i);
			continue;
		}
		put_paragraph(b, paragraph_style[block->kind],
		    block->kind == ZF_BLOCK_GAP || block->ncells == 0 ? "" :
		    block->cells[0]);
		i++;
	}
	if (d->code != NULL)
		put_code(b, d);
	zf_buf_addstr(b, section);
}
