/*
 * zf_template_parse and zf_template_fill: a bureau's template, read and
 * filled with a small record, then written as .docx and HTML.
 */
#include "fuzz.h"

#include "base/buf.h"
#include "base/err.h"
#include "base/json.h"
#include "documents/doc.h"
#include "documents/docx.h"
#include "documents/html.h"
#include "documents/template.h"

static const char record[] = "{\"agency\":{\"name\":\"示例县住房和城乡建设局\","
    "\"remedies\":{\"review\":\"示例县人民政府\"}},\"party\":{\"name\":\"某"
    "公司\"},\"case\":{\"number\":\"示建罚立〔2026〕1号\",\"filed\":"
    "\"2026-09-01\"},\"officers\":[{\"name\":\"张伟\",\"certificate\":\"1\"}],"
    "\"evidence\":[{\"title\":\"照片\"},{\"title\":\"笔录\"}],\"decision\":"
    "{\"fine_fen\":1234560,\"at\":\"2026-10-16T09:30:00+08:00\"},\"due\":"
    "{\"penalty-statement\":\"2026-10-10\"},\"input\":{\"facts\":\"<&>\"}}";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zf_template t;
	struct zf_json *root, *used;
	struct zf_doc d;
	struct zf_buf out;
	struct zf_err e;
	char err[128];

	memset(&e, 0, sizeof(e));
	memset(&d, 0, sizeof(d));
	root = zf_json_parse(record, sizeof(record) - 1, err, sizeof(err));
	FUZZ_ASSERT(root != NULL);
	if (zf_template_parse("fuzz", (const char *)data, size, &t, &e) != 0) {
		FUZZ_ASSERT(e.code != 0 && e.msg[0] != '\0');
		zf_template_release(&t);
		zf_json_free(root);
		return 0;
	}
	used = zf_json_object();
	if (zf_template_fill(&t, root, NULL, &d, used, &e) == 0) {
		d.code = xstrdup("ABCD-EFGH-JKLM-NPQR");
		zf_buf_init(&out);
		FUZZ_ASSERT(zf_docx_write(&d, &out, &e) == 0);
		FUZZ_ASSERT(zf_doc_html(&d, &out, &e) == 0);
		zf_buf_release(&out);
	} else {
		FUZZ_ASSERT(e.code != 0 && e.msg[0] != '\0');
	}
	zf_doc_release(&d);
	zf_json_free(used);
	zf_json_free(root);
	zf_template_release(&t);
	return 0;
}
