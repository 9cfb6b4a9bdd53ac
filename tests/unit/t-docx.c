/*
 * t-docx: the writers of documents/: the ZIP writer read back by
 * libarchive (names, sizes, contents, CRC-32, no data descriptors, the
 * same bytes twice); QR codes and their PNG and SVG; a document of every
 * kind of block with awkward text (& < > " ', CJK, controls, bytes that
 * are not UTF-8) as a .docx whose parts are balanced and escaped, and as
 * HTML likewise.
 */
#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/buf.h"
#include "base/err.h"
#include "documents/doc.h"
#include "documents/docx.h"
#include "documents/html.h"
#include "documents/qr.h"
#include "documents/zip.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ENTRIES 16
#define MAX_DEPTH 64

static const char awkward[] = "A <&>\"' 当事人\001\x7f\xff 止";
static const char code[] = "ZF-2026-AB12cd34EF";

/* The entries of a ZIP archive, as libarchive reads them. */
struct listing {
	char *name[MAX_ENTRIES];
	struct zf_buf data[MAX_ENTRIES];
	size_t n;
};

static uint32_t
get16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
get32(const unsigned char *p)
{
	return get16(p) | get16(p + 2) << 16;
}

/* Reads zip into l; 0, or -1 when libarchive finds it wrong. */
static int
unzip(const struct zf_buf *zip, struct listing *l)
{
	struct archive *a = archive_read_new();
	struct archive_entry *en;
	const char *name;
	char chunk[4096];
	la_ssize_t got;
	int rc;

	memset(l, 0, sizeof(*l));
	archive_read_support_format_zip(a);
	if (archive_read_open_memory(a, zip->data, zip->len) != ARCHIVE_OK)
		return archive_read_free(a), -1;
	while ((rc = archive_read_next_header(a, &en)) == ARCHIVE_OK &&
	    l->n < MAX_ENTRIES) {
		name = archive_entry_pathname_utf8(en);
		l->name[l->n] = xstrdup(name != NULL ? name : "(none)");
		zf_buf_init(&l->data[l->n]);
		while ((got = archive_read_data(a, chunk, sizeof(chunk))) > 0)
			zf_buf_add(&l->data[l->n], chunk, (size_t)got);
		l->n++;
		if (got < 0)
			break;
	}
	archive_read_free(a);
	return rc == ARCHIVE_EOF ? 0 : -1;
}

static void
listing_release(struct listing *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->name[i]);
		zf_buf_release(&l->data[i]);
	}
}

/* The entry named name, or NULL. */
static const struct zf_buf *
entry(const struct listing *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->name[i], name) == 0)
			return &l->data[i];
	return NULL;
}

/*
 * Walks the local headers from the start: how many there are before the
 * central directory, the flags of all of them or'ed, and their CRCs.
 */
static size_t
local_headers(const struct zf_buf *zip, unsigned *flags, uint32_t *crc)
{
	const unsigned char *p = (const unsigned char *)zip->data;
	size_t at = 0, n = 0;

	*flags = 0;
	while (at + 30 <= zip->len && get32(p + at) == 0x04034b50 &&
	    n < MAX_ENTRIES) {
		*flags |= get16(p + at + 6);
		crc[n++] = get32(p + at + 14);
		at += 30 + get16(p + at + 26) + get16(p + at + 28) +
		    get32(p + at + 18);
	}
	return at + 4 <= zip->len && get32(p + at) == 0x02014b50 ? n : 0;
}

static const char *const names[] = {
	"[Content_Types].xml", "a/nine.txt", "名字.txt", "empty"
};

/* An archive of names, each with text[i], all deflated but the third. */
static void
build(struct zf_buf *out, const char *const *text)
{
	struct zf_zip z;
	size_t i;

	zf_buf_init(out);
	zf_zip_init(&z);
	for (i = 0; i < NELEM(names); i++)
		zf_zip_add(&z, names[i], text[i], strlen(text[i]), i != 2);
	zf_zip_finish(&z, out);
	zf_zip_release(&z);
}

static void
check_zip(void)
{
	const char *text[NELEM(names)];
	struct zf_buf out, again, repeated;
	struct listing l;
	uint32_t crc[MAX_ENTRIES];
	unsigned flags;
	size_t i;

	zf_buf_init(&repeated);
	for (i = 0; i < 200; i++)
		zf_buf_addstr(&repeated, "<Types>重复的内容</Types>\n");
	text[0] = repeated.data;
	text[1] = "123456789";
	text[2] = "不压缩";
	text[3] = "";
	build(&out, text);
	build(&again, text);
	/* The same entries, the same bytes; deflating made it smaller. */
	CHECK(out.len == again.len && memcmp(out.data, again.data,
	    out.len) == 0);
	CHECK(out.len < repeated.len / 4);

	CHECK_INT(unzip(&out, &l), 0);
	CHECK_INT(l.n, NELEM(names));
	for (i = 0; i < NELEM(names) && i < l.n; i++) {
		CHECK_STR(l.name[i], names[i]);
		CHECK_INT(l.data[i].len, strlen(text[i]));
		CHECK_STR(l.data[i].data, text[i]);
	}
	listing_release(&l);

	CHECK_INT(local_headers(&out, &flags, crc), NELEM(names));
	CHECK_INT(flags & 0x0008, 0);		/* no data descriptor */
	CHECK_INT(flags & 0x0800, 0x0800);	/* UTF-8 names */
	CHECK_INT(crc[1], 0xcbf43926);		/* CRC-32 of "123456789" */
	CHECK_INT(crc[3], 0);

	/* A byte changed in the first entry's data: its CRC no longer fits. */
	out.data[30 + strlen(names[0]) + 10] ^= 0x55;
	CHECK_INT(unzip(&out, &l), -1);
	listing_release(&l);
	zf_buf_release(&out);
	zf_buf_release(&again);
	zf_buf_release(&repeated);
}

static void
check_qr(void)
{
	const unsigned char *p;
	struct zf_buf b, svg;
	struct zf_qr q;
	struct zf_err e;
	char *big, *box;

	CHECK_INT(zf_qr_encode(code, &q, &e), 0);
	CHECK(q.width >= 21 && (q.width - 17) % 4 == 0);
	/* The finder pattern's corner, dark; the separator beside it. */
	CHECK_INT(q.modules[0], 1);
	CHECK_INT(q.modules[7], 0);
	zf_buf_init(&b);
	zf_qr_png(&q, 3, &b);
	p = (const unsigned char *)b.data;
	CHECK(b.len > 33 && memcmp(p, "\211PNG\r\n\032\n", 8) == 0);
	CHECK(memcmp(p + 12, "IHDR", 4) == 0);
	CHECK_INT((uint32_t)p[16] << 24 | p[17] << 16 | p[18] << 8 | p[19],
	    (q.width + 8) * 3);
	CHECK_INT(p[24], 1);		/* 1 bit */
	CHECK(memcmp(p + b.len - 8, "IEND", 4) == 0);

	zf_buf_init(&svg);
	zf_qr_svg(&q, &svg);
	box = xasprintf("viewBox=\"0 0 %d %d\"", q.width + 8, q.width + 8);
	CHECK(strstr(svg.data, box) != NULL);
	CHECK(strstr(svg.data, "crispEdges") != NULL);
	CHECK(strstr(svg.data, "<path") != NULL &&
	    strstr(strstr(svg.data, "<path") + 1, "<path") == NULL);
	free(box);
	zf_qr_release(&q);

	CHECK_INT(zf_qr_encode("", &q, &e), EX_DATAERR);
	big = xmalloc(4000);
	memset(big, 'x', 3999);
	big[3999] = '\0';
	CHECK_INT(zf_qr_encode(big, &q, &e), EX_DATAERR);
	CHECK(strstr(e.msg, "too long") != NULL);
	free(big);
	zf_buf_release(&svg);
	zf_buf_release(&b);
}

/* 1 when s[0..] starts one of the five entities markup writes. */
static int
entity(const char *s)
{
	static const char *const known[] = {
		"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"
	};
	size_t i;

	for (i = 0; i < NELEM(known); i++)
		if (strncmp(s, known[i], strlen(known[i])) == 0)
			return 1;
	return 0;
}

/* 1 when name[0..len) is an HTML void element. */
static int
is_void(const char *name, size_t len)
{
	return (len == 4 && strncmp(name, "meta", 4) == 0) ||
	    (len == 2 && strncmp(name, "br", 2) == 0);
}

/*
 * 1 when every tag of s closes in order, no tag holds a '<', every '&'
 * is an entity, and no control character but tab and newline is there.
 */
static int
well_formed(const char *s)
{
	const char *stack[MAX_DEPTH], *p, *end, *name;
	size_t depth = 0, len;

	for (p = s; *p != '\0'; p++)
		if ((*p == '&' && !entity(p)) || ((unsigned char)*p < 0x20 &&
		    *p != '\t' && *p != '\n') || *p == 0x7f)
			return 0;
	for (p = s; (p = strchr(p, '<')) != NULL; p = end + 1) {
		if ((end = strchr(p, '>')) == NULL ||
		    memchr(p + 1, '<', (size_t)(end - p - 1)) != NULL)
			return 0;
		if (p[1] == '?' || p[1] == '!')
			continue;
		name = p + 1 + (p[1] == '/');
		len = strcspn(name, " />\n");
		if (p[1] == '/') {
			if (depth == 0 || strncmp(stack[--depth], name, len) ||
			    strcspn(stack[depth], " />\n") != len)
				return 0;
		} else if (end[-1] != '/' && !is_void(name, len)) {
			if (depth == MAX_DEPTH)
				return 0;
			stack[depth++] = name;
		}
	}
	return depth == 0;
}

/* A document with every kind of block, awkward text, and a code. */
static void
sample(struct zf_doc *d)
{
	const char *label[] = { "当事人", awkward };
	const char *four[] = { "序号", "名称", "", "备注" };
	const char *one[] = { "说明" };

	memset(d, 0, sizeof(*d));
	d->title = xstrdup("行政处罚决定书 <&>");
	d->code = xstrdup(code);
	d->code_note = xstrdup("扫码或登录网站核验 \"&\"");
	zf_doc_add(d, ZF_BLOCK_CENTER, "某市市场监督管理局");
	zf_doc_add(d, ZF_BLOCK_TITLE, "行政处罚决定书");
	zf_doc_add(d, ZF_BLOCK_RIGHT, "某市监处罚〔2026〕12号");
	zf_doc_add_row(d, label, 2);
	zf_doc_add(d, ZF_BLOCK_HEADING, "一、违法事实");
	zf_doc_add(d, ZF_BLOCK_PARA, "第一行\t制表\n第二行");
	zf_doc_add(d, ZF_BLOCK_PLAIN, awkward);
	zf_doc_add_row(d, four, 4);
	zf_doc_add_row(d, one, 1);
	zf_doc_add_row(d, NULL, 0);
	zf_doc_add(d, ZF_BLOCK_GAP, NULL);
	zf_doc_add(d, ZF_BLOCK_RIGHT, "2026年3月15日");
}

/* How many times needle is in haystack. */
static size_t
count(const char *haystack, const char *needle)
{
	size_t n = 0;

	while ((haystack = strstr(haystack, needle)) != NULL) {
		n++;
		haystack += strlen(needle);
	}
	return n;
}

/* The escaped text, and the bytes dropped or replaced. */
static void
check_escaped(const char *s)
{
	CHECK(strstr(s, "A &lt;&amp;&gt;&quot;&#39; 当事人\357\277\275 止") !=
	    NULL);
	CHECK(strstr(s, "<&") == NULL && strstr(s, "\001") == NULL);
	CHECK(well_formed(s));
}

static void
check_docx(void)
{
	static const char *const parts[] = {
		"[Content_Types].xml", "_rels/.rels",
		"word/_rels/document.xml.rels", "docProps/core.xml",
		"word/document.xml", "word/styles.xml", "word/settings.xml",
		"word/media/qr.png"
	};
	const struct zf_buf *body;
	struct zf_buf out, again;
	struct listing l;
	struct zf_doc d;
	struct zf_err e;
	size_t i;

	sample(&d);
	zf_buf_init(&out);
	zf_buf_init(&again);
	CHECK_INT(zf_docx_write(&d, &out, &e), 0);
	CHECK_INT(zf_docx_write(&d, &again, &e), 0);
	CHECK(out.len == again.len && memcmp(out.data, again.data,
	    out.len) == 0);
	CHECK_INT(unzip(&out, &l), 0);
	CHECK_INT(l.n, NELEM(parts));
	for (i = 0; i < NELEM(parts) && i < l.n; i++) {
		CHECK_STR(l.name[i], parts[i]);
		if (i + 1 < NELEM(parts))
			CHECK(well_formed(l.data[i].data));
	}
	body = entry(&l, "word/document.xml");
	CHECK(body != NULL);
	if (body != NULL) {
		check_escaped(body->data);
		/* Two tables of rows and the code's; the empty cells. */
		CHECK_INT(count(body->data, "<w:tbl>"), 3);
		CHECK_INT(count(body->data, "<w:pStyle w:val=\"ZfCell\"/>"
		    "</w:pPr></w:p>"), 2);
		CHECK(strstr(body->data, "<w:gridSpan w:val=\"4\"/>") != NULL);
		CHECK(strstr(body->data, "第一行</w:t><w:tab/>") != NULL);
		CHECK(strstr(body->data, "制表</w:t><w:br/>") != NULL);
		CHECK(strstr(body->data, "校验码：" "ZF-2026") != NULL);
		CHECK(strstr(body->data, "w:w=\"11906\" w:h=\"16838\"") !=
		    NULL);
	}
	CHECK(strstr(entry(&l, "docProps/core.xml")->data,
	    "<dc:title>行政处罚决定书 &lt;&amp;&gt;</dc:title>") != NULL);
	CHECK(strstr(entry(&l, "word/_rels/document.xml.rels")->data,
	    "media/qr.png") != NULL);
	listing_release(&l);

	/* Without a code: no image and no relation to one. */
	free(d.code);
	d.code = NULL;
	zf_buf_reset(&out);
	CHECK_INT(zf_docx_write(&d, &out, &e), 0);
	CHECK_INT(unzip(&out, &l), 0);
	CHECK(l.n == NELEM(parts) - 1 && entry(&l, "word/media/qr.png") ==
	    NULL);
	CHECK(strstr(entry(&l, "word/_rels/document.xml.rels")->data,
	    "image") == NULL);
	listing_release(&l);
	zf_doc_release(&d);
	zf_buf_release(&out);
	zf_buf_release(&again);
}

static void
check_html(void)
{
	struct zf_buf out;
	struct zf_doc d;
	struct zf_err e;

	sample(&d);
	zf_buf_init(&out);
	CHECK_INT(zf_doc_html(&d, &out, &e), 0);
	CHECK_PREFIX(out.data, "<!DOCTYPE html>\n<html lang=\"zh-CN\">");
	check_escaped(out.data);
	CHECK(strstr(out.data, "<title>行政处罚决定书 &lt;&amp;&gt;</title>")
	    != NULL);
	CHECK(strstr(out.data, "<h1>行政处罚决定书</h1>") != NULL);
	CHECK(strstr(out.data, "<tr><th scope=\"row\">当事人</th><td>A ") !=
	    NULL);
	CHECK(strstr(out.data, "<td colspan=\"4\">说明</td>") != NULL);
	CHECK(strstr(out.data, "第一行\t制表<br>\n第二行") != NULL);
	CHECK(strstr(out.data, "aria-label=\"校验码：ZF-2026") != NULL);
	CHECK_INT(count(out.data, "<svg"), 1);
	CHECK(strstr(out.data, "<script") == NULL &&
	    strstr(out.data, "src=") == NULL &&
	    strstr(out.data, "href=") == NULL);

	/* A code no QR code can hold is refused. */
	free(d.code);
	d.code = xstrdup("");
	zf_buf_reset(&out);
	CHECK_INT(zf_doc_html(&d, &out, &e), EX_DATAERR);
	CHECK_INT(zf_docx_write(&d, &out, &e), EX_DATAERR);
	zf_doc_release(&d);
	zf_buf_release(&out);
}

int
main(void)
{
	CHECK_PLAN(22 + 15 + 37 + 15);
	/* libarchive gives UTF-8 names only where the locale can hold them. */
	setlocale(LC_CTYPE, "C.UTF-8");
	check_zip();
	check_qr();
	check_docx();
	check_html();
	return check_report("t-docx");
}
