/* site-draws: the 双随机 draws' results as a page and files of the site. */
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

static int
put_draw(struct zf_site *s, struct zf_buf *page, const struct zf_json *d,
    struct zf_err *e)
{
	static const char *const columns[] = { "序号", "检查对象",
		"统一社会信用代码", "领域", "检查人员", NULL };
	const struct zf_json *record = zf_json_get(d, "record");
	const struct zf_json *c = zf_json_get(record, "commitment");
	const struct zf_json *result = zf_json_get(record, "result");
	const char *text = zf_json_get_str(d, "directory");
	const char *tname = zf_json_get_str(zf_json_get(c, "targets"), "name");
	const char *day, *value, *sha, *random, *committed, *ext = ".csv";
	char id[48], path[64], tpath[64], *json;
	struct zf_buf f;
	int64_t seq;
	size_t i, n;
	int rc;

	if (zf_json_get_int(d, "seq", &seq) != 0 || seq < 0 || text == NULL ||
	    zf_json_type(result) != ZF_JSON_ARRAY)
		return zf_fail(e, EX_DATAERR, "draws: a draw without its seq, "
		    "record or directory");
	if ((rc = zf_site_page_member(d, "day", 1, "draws", &day, e)) != 0 ||
	    (rc = zf_site_page_member(record, "value", 1, "draws", &value,
	    e)) != 0 || (rc = zf_site_page_member(record, "sha256", 1,
	    "draws", &sha, e)) != 0 || (rc = zf_site_page_member(c,
	    "randomness", 1, "draws", &random, e)) != 0 ||
	    (rc = zf_site_page_member(c, "day", 1, "draws", &committed,
	    e)) != 0)
		return rc;
	n = tname ? strlen(tname) : 0;
	if ((n > 5 && strcmp(tname + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(tname + n - 4, ".yml") == 0))
		ext = ".yaml";
	snprintf(path, sizeof(path), "draws/%lld.json", (long long)seq);
	snprintf(tpath, sizeof(tpath), "draws/%lld-targets%s", (long long)seq,
	    ext);
	snprintf(id, sizeof(id), "draw-%lld", (long long)seq);
	zf_buf_printf(page, "<h2 id=\"%s\">", id);
	zf_site_page_put(page, day);
	zf_buf_addstr(page, " 抽取结果</h2>\n<p>");
	zf_site_page_fill(page, "于{}承诺（承诺值 SHA-256：<code>{}</code>），"
	    "以“{}”为随机源，其开奖值为“{}”。", committed, sha, random, value);
	zf_buf_printf(page, "任何人可以用<a href=\"" ZF_SITE_ROOT "%s\">抽取"
	    "记录</a>和<a href=\"" ZF_SITE_ROOT "%s\">检查对象名录</a>重新计算"
	    "本次抽取"
	    "（inspect-draw --verify）。</p>\n", path, tpath);
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
		put_names(page, zf_json_get(r, "inspectors"),
		    zf_json_get(d, "names"));
		zf_buf_addstr(page, "</td></tr>\n");
	}
	zf_site_page_table_close(page);
	/* The record and the directory, as inspect-draw --verify takes. */
	zf_buf_init(&f);
	json = zf_json_canonical(record, NULL);
	zf_buf_addstr(&f, json);
	zf_buf_addch(&f, '\n');
	free(json);
	rc = zf_site_page_file(s, path, &f, e);
	zf_buf_release(&f);
	if (rc != 0)
		return rc;
	zf_buf_init(&f);
	zf_buf_addstr(&f, text);
	rc = zf_site_page_file(s, tpath, &f, e);
	zf_buf_release(&f);
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
	zf_buf_addstr(&page, "<h1>双随机抽查结果</h1>\n<p>检查对象和检查人员"
	    "均随机抽取：抽取前先公开承诺（检查对象名录、检查人员名录和将来"
	    "公开的随机源），随机源公开后据以抽取，任何人可以重新计算。</p>\n");
	for (i = 0; rc == 0 && i < zf_json_len(draws); i++)
		rc = put_draw(s, &page, zf_json_at(draws, i), e);
	if (rc == 0)
		rc = zf_site_page_emit(s, "draws.html", "双随机抽查结果", &page,
		    e);
	zf_buf_release(&page);
	return rc;
}
