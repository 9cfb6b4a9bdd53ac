/* site-draws: the 双随机 draws' commitments and results on the site. */
#include "publication/site-draws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "publication/site-page.h"

/* The inspectors' names, joined, for a result row. */
static void
put_names(struct zf_buf *b, const struct zf_json *ids,
    const struct zf_json *names)
{
	size_t i;

	for (i = 0; i < zf_json_len(ids); i++) {
		const char *id = zf_json_str(zf_json_at(ids, i));
		const char *name = id ? zf_json_get_str(names, id) : NULL;

		if (i > 0)
			zf_buf_addstr(b, "、");
		zf_site_page_put(b, name ? name : id ? id : "");
	}
}

/* A file of the site holding text, then a newline. */
static int
put_file(struct zf_site *s, const char *path, const char *text,
    struct zf_err *e)
{
	struct zf_buf f;
	int rc;

	zf_buf_init(&f);
	zf_buf_addstr(&f, text);
	zf_buf_addch(&f, '\n');
	rc = zf_site_page_file(s, path, &f, e);
	zf_buf_release(&f);
	return rc;
}

static int
put_result(struct zf_buf *page, const char *id, const struct zf_json *result,
    const struct zf_json *names, struct zf_err *e)
{
	static const char *const columns[] = { "序号", "检查对象",
		"统一社会信用代码", "领域", "检查人员", NULL };
	size_t i;
	int rc;

	zf_site_page_table_open(page, id, "抽取的检查对象和检查人员", columns);
	for (i = 0; i < zf_json_len(result); i++) {
		const struct zf_json *r = zf_json_at(result, i);
		const char *name, *code, *field;
		char no[24];

		if ((rc = zf_site_page_member(r, "name", 1, "draws", &name,
		    e)) != 0 || (rc = zf_site_page_member(r, "code", 1,
		    "draws", &code, e)) != 0 || (rc = zf_site_page_member(r,
		    "field", 1, "draws", &field, e)) != 0)
			return rc;
		snprintf(no, sizeof(no), "%zu", i + 1);
		zf_site_page_row_open(page, no);
		zf_site_page_fill(page, "{}</td><td>{}</td><td>{}</td><td>",
		    name, code, field);
		put_names(page, zf_json_get(r, "inspectors"), names);
		zf_buf_addstr(page, "</td></tr>\n");
	}
	zf_site_page_table_close(page);
	return 0;
}

static int
put_commitment(struct zf_site *s, struct zf_buf *page,
    const struct zf_json *x, struct zf_err *e)
{
	const struct zf_json *doc = zf_json_get(x, "commitment");
	const struct zf_json *c = zf_json_get(doc, "commitment");
	const struct zf_json *draw = zf_json_get(x, "draw");
	const char *text = zf_json_get_str(x, "directory");
	const char *time, *sha, *random, *available;
	char id[48], cpath[64], tpath[64], dpath[64], counts[96], *json;
	int64_t seq, n = 0, m = 0, k = 0;
	int rc;

	if (zf_json_get_int(x, "seq", &seq) != 0 || seq < 0 || text == NULL)
		return zf_fail(e, EX_DATAERR, "draws: a commitment without its "
		    "seq or directory");
	if ((rc = zf_site_page_member(x, "time", 1, "draws", &time, e)) != 0 ||
	    (rc = zf_site_page_member(doc, "sha256", 1, "draws", &sha,
	    e)) != 0 || (rc = zf_site_page_member(c, "randomness", 1,
	    "draws", &random, e)) != 0 || (rc = zf_site_page_member(c,
	    "available", 1, "draws", &available, e)) != 0)
		return rc;
	zf_json_get_int(c, "count", &n);
	zf_json_get_int(c, "inspectors", &m);
	zf_json_get_int(zf_json_get(c, "targets"), "count", &k);
	snprintf(cpath, sizeof(cpath), "draws/C%lld.json", (long long)seq);
	snprintf(tpath, sizeof(tpath), "draws/C%lld-targets.json",
	    (long long)seq);
	snprintf(id, sizeof(id), "draw-%lld", (long long)seq);
	snprintf(counts, sizeof(counts), "从 %lld 个检查对象中抽取 %lld 个，"
	    "每个 %lld 名检查人员", (long long)k, (long long)n, (long long)m);
	zf_buf_printf(page, "<h2 id=\"%s\">承诺 %lld（", id, (long long)seq);
	zf_site_page_put(page, draw != NULL ? "已抽取" : "待抽取");
	zf_buf_addstr(page, "）</h2>\n<p>");
	zf_site_page_fill(page, "于{}承诺：{}；以“{}”为随机源（{}公开）。"
	    "承诺值 SHA-256：<code>{}</code>。", time, counts, random,
	    available, sha);
	zf_buf_printf(page, "<a href=\"" ZF_SITE_ROOT "%s\">承诺</a>，"
	    "<a href=\"" ZF_SITE_ROOT "%s\">检查对象名录</a>。</p>\n", cpath,
	    tpath);
	json = zf_json_canonical(doc, NULL);
	rc = put_file(s, cpath, json, e);
	free(json);
	if (rc != 0 || (rc = put_file(s, tpath, text, e)) != 0)
		return rc;
	if (draw != NULL) {
		const struct zf_json *record = zf_json_get(draw, "record");
		const char *value, *when;
		int64_t ds;

		if (zf_json_get_int(draw, "seq", &ds) != 0 ||
		    (rc = zf_site_page_member(draw, "time", 1, "draws", &when,
		    e)) != 0 || (rc = zf_site_page_member(record, "value", 1,
		    "draws", &value, e)) != 0)
			return rc != 0 ? rc : zf_fail(e, EX_DATAERR, "draws: a "
			    "draw without its seq");
		snprintf(dpath, sizeof(dpath), "draws/D%lld.json",
		    (long long)ds);
		zf_buf_addstr(page, "<p>");
		zf_site_page_fill(page, "于{}抽取，随机源的值为“{}”。", when,
		    value);
		zf_buf_printf(page, "任何人可以用<a href=\"" ZF_SITE_ROOT
		    "%s\">抽取记录</a>和检查对象名录重新计算本次抽取"
		    "（inspect-draw --verify）。</p>\n", dpath);
		strncat(id, "-result", sizeof(id) - strlen(id) - 1);
		if ((rc = put_result(page, id, zf_json_get(record, "result"),
		    zf_json_get(x, "names"), e)) != 0)
			return rc;
		json = zf_json_canonical(record, NULL);
		rc = put_file(s, dpath, json, e);
		free(json);
	}
	return rc;
}

int
zf_site_draws_emit(struct zf_site *s, const struct zf_json *draws,
    struct zf_err *e)
{
	struct zf_buf page;
	size_t i;
	int rc = 0;

	if (zf_json_len(draws) == 0)
		return 0;
	if (zf_json_type(draws) != ZF_JSON_ARRAY)
		return zf_fail(e, EX_DATAERR, "standing: \"draws\" is not a "
		    "list");
	zf_buf_init(&page);
	zf_buf_addstr(&page, "<h1>双随机抽查</h1>\n<p>检查对象和检查人员均随机"
	    "抽取：抽取前先公开承诺——检查对象名录、检查人员名录和将来公开的"
	    "随机源，随机源公开后据以抽取，任何人可以重新计算。每一项承诺，"
	    "无论是否已经抽取，都在此公开。</p>\n");
	for (i = 0; rc == 0 && i < zf_json_len(draws); i++)
		rc = put_commitment(s, &page, zf_json_at(draws, i), e);
	if (rc == 0)
		rc = zf_site_page_emit(s, "draws.html", "双随机抽查", &page, e);
	zf_buf_release(&page);
	return rc;
}
