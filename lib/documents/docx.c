/* docx: the parts of a .docx package, zipped. */
#include "documents/docx.h"

#include "documents/docx-body.h"
#include "documents/markup.h"
#include "documents/qr.h"
#include "documents/zip.h"

#define XML_DECLARATION \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define W_NAMESPACE \
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define RELATIONSHIPS \
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/" \
    "relationships\">"
#define RELATION \
    "<Relationship Id=\"%s\" Type=\"http://schemas.openxmlformats.org/" \
    "%s\" Target=\"%s\"/>"
#define OFFICE_RELATION "officeDocument/2006/relationships/"
#define PART_TYPE "application/vnd.openxmlformats-"
#define WORD_TYPE PART_TYPE "officedocument.wordprocessingml."
#define QR_SCALE 8	/* pixels to a module of the QR code's image */

static const char content_types[] = XML_DECLARATION
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\">"
    "<Default Extension=\"rels\" ContentType=\"" PART_TYPE
    "package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"" WORD_TYPE
    "document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"" WORD_TYPE
    "styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"" WORD_TYPE
    "settings+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"" PART_TYPE
    "package.core-properties+xml\"/></Types>\n";

/* Lines that end in a line break are not stretched to the margin. */
static const char settings[] = XML_DECLARATION
    "<w:settings " W_NAMESPACE "><w:defaultTabStop w:val=\"640\"/>"
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
    "<w:compat><w:doNotExpandShiftReturn/>"
    "<w:compatSetting w:name=\"compatibilityMode\""
    " w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
    "</w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
    "</w:settings>\n";

/* A paragraph style: id, name, paragraph and run properties. */
#define STYLE(id, name, ppr, rpr) \
    "<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" \
    name "\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>" ppr \
    "</w:pPr><w:rPr>" rpr "</w:rPr></w:style>"
#define BOLD "<w:b/><w:bCs/>"
#define SIZE(half_points) \
    "<w:sz w:val=\"" half_points "\"/><w:szCs w:val=\"" half_points "\"/>"
#define FONTS(east_asia) \
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"" \
    " w:eastAsia=\"" east_asia "\" w:cs=\"Times New Roman\"/>"
#define LINES(twips, rule) \
    "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"" twips "\"" \
    " w:lineRule=\"" rule "\"/>"

/* 仿宋 16 pt (三号) on exact 29 pt lines; the title 宋体 22 pt (二号). */
static const char styles[] = XML_DECLARATION
    "<w:styles " W_NAMESPACE "><w:docDefaults><w:rPrDefault><w:rPr>"
    FONTS("仿宋") "<w:kern w:val=\"2\"/>" SIZE("32")
    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    "<w:widowControl w:val=\"0\"/>" LINES("580", "exact")
    "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
    "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\""
    " w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
    "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\""
    " w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
    "</w:tblCellMar></w:tblPr></w:style>"
    STYLE(ZF_DOCX_TITLE, "zhifa title", "<w:spacing w:before=\"0\""
    " w:after=\"580\" w:line=\"720\" w:lineRule=\"exact\"/>"
    "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>",
    FONTS("宋体") BOLD SIZE("44"))
    STYLE(ZF_DOCX_CENTER, "zhifa centred", "<w:jc w:val=\"center\"/>", "")
    STYLE(ZF_DOCX_RIGHT, "zhifa right", "<w:jc w:val=\"right\"/>", "")
    STYLE(ZF_DOCX_PARA, "zhifa body",
    "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>", "")
    STYLE(ZF_DOCX_HEADING, "zhifa heading", "<w:keepNext/>", BOLD)
    STYLE(ZF_DOCX_CELL, "zhifa cell", LINES("440", "exact")
    "<w:jc w:val=\"left\"/>", SIZE("28"))
    STYLE(ZF_DOCX_CODE, "zhifa code", LINES("240", "auto")
    "<w:jc w:val=\"left\"/>", SIZE("24"))
    "</w:styles>\n";

static void
add_part(struct zf_zip *z, const char *name, const struct zf_buf *b)
{
	zf_zip_add(z, name, b->data, b->len, 1);
}

static void
add_relations(struct zf_zip *z, int qr)
{
	struct zf_buf b;

	zf_buf_init(&b);
	zf_buf_printf(&b, XML_DECLARATION RELATIONSHIPS RELATION RELATION
	    "</Relationships>\n", "rId1", OFFICE_RELATION "officeDocument",
	    "word/document.xml", "rId2",
	    "package/2006/relationships/metadata/core-properties",
	    "docProps/core.xml");
	add_part(z, "_rels/.rels", &b);
	zf_buf_reset(&b);
	zf_buf_printf(&b, XML_DECLARATION RELATIONSHIPS RELATION RELATION,
	    "rId1", OFFICE_RELATION "styles", "styles.xml",
	    "rId2", OFFICE_RELATION "settings", "settings.xml");
	if (qr)
		zf_buf_printf(&b, RELATION, ZF_DOCX_QR_RELATION,
		    OFFICE_RELATION "image", "media/qr.png");
	zf_buf_addstr(&b, "</Relationships>\n");
	add_part(z, "word/_rels/document.xml.rels", &b);
	zf_buf_release(&b);
}

/* docProps/core.xml: the title and language, and no time. */
static void
add_core(struct zf_zip *z, const struct zf_doc *d)
{
	struct zf_buf b;

	zf_buf_init(&b);
	zf_buf_addstr(&b, XML_DECLARATION "<cp:coreProperties"
	    " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
	    "metadata/core-properties\""
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
	zf_markup_line(&b, d->title != NULL ? d->title : "");
	zf_buf_addstr(&b, "</dc:title><dc:language>zh-CN</dc:language>"
	    "</cp:coreProperties>\n");
	add_part(z, "docProps/core.xml", &b);
	zf_buf_release(&b);
}

int
zf_docx_write(const struct zf_doc *d, struct zf_buf *out, struct zf_err *e)
{
	struct zf_qr qr;
	struct zf_zip z;
	struct zf_buf b;
	int rc;

	if (d->code != NULL && (rc = zf_qr_encode(d->code, &qr, e)) != 0)
		return rc;
	zf_zip_init(&z);
	zf_buf_init(&b);
	zf_zip_add(&z, "[Content_Types].xml", content_types,
	    sizeof(content_types) - 1, 1);
	add_relations(&z, d->code != NULL);
	add_core(&z, d);
	zf_docx_body(&b, d);
	add_part(&z, "word/document.xml", &b);
	zf_zip_add(&z, "word/styles.xml", styles, sizeof(styles) - 1, 1);
	zf_zip_add(&z, "word/settings.xml", settings, sizeof(settings) - 1, 1);
	if (d->code != NULL) {
		zf_buf_reset(&b);
		zf_qr_png(&qr, QR_SCALE, &b);
		zf_zip_add(&z, "word/media/qr.png", b.data, b.len, 0);
		zf_qr_release(&qr);
	}
	zf_zip_finish(&z, out);
	zf_buf_release(&b);
	zf_zip_release(&z);
	return 0;
}
