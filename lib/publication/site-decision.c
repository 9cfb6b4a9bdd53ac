/* site-decision: a decision's entry, checked, and its page. */
#include "publication/site-decision.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "publication/site-pager.h"
#include "rules/procedure.h"

#define ENTRY(member) offsetof(struct entry, member)

static const struct {
	const char *name;
	size_t offset;
	int required;
} entry_members[] = {
	{ "id", ENTRY(id), 1 },
	{ "page", ENTRY(page), 1 },
	{ "kind", ENTRY(kind), 1 },
	{ "kind_name", ENTRY(kind_name), 1 },
	{ "number", ENTRY(number), 1 },
	{ "party", ENTRY(party), 1 },
	{ "party_kind", ENTRY(party_kind), 0 },
	{ "cause", ENTRY(cause), 0 },
	{ "outcome", ENTRY(outcome), 0 },
	{ "fine", ENTRY(fine), 0 },
	{ "decided", ENTRY(decided), 1 },
	{ "basis", ENTRY(basis), 0 },
	{ "published", ENTRY(published), 0 },
	{ "party_id", ENTRY(party_id), 0 },
	{ "until", ENTRY(until), 0 },
	{ "note", ENTRY(note), 0 },
	{ "proof", ENTRY(proof), 0 },
	{ "withdrawn", ENTRY(withdrawn), 0 },
	{ "withdrawn_reason", ENTRY(withdrawn_reason), 0 },
};

enum shape { PLAIN, LINES, DATE, MONEY };

/* The rows of a decision's page; absent optional values are left out. */
static const struct {
	const char *label;
	size_t offset;
	enum shape shape;
} decision_rows[] = {
	{ "当事人", ENTRY(party), PLAIN },
	{ "决定书文号", ENTRY(number), PLAIN },
	{ "统一社会信用代码或证件号码", ENTRY(party_id), PLAIN },
	{ "当事人类别", ENTRY(party_kind), PLAIN },
	{ "案件类别", ENTRY(kind_name), PLAIN },
	{ "违法事实或事由", ENTRY(cause), LINES },
	{ "处理结果", ENTRY(outcome), LINES },
	{ "处理措施", ENTRY(measures), PLAIN },
	{ "罚款金额", ENTRY(fine), MONEY },
	{ "法律依据", ENTRY(basis), LINES },
	{ "决定日期", ENTRY(decided), DATE },
	{ "公示日期", ENTRY(published), DATE },
	{ "公示截止日期", ENTRY(until), DATE },
	{ "公示编号", ENTRY(id), PLAIN },
};

#define FIELD(entry, offset) \
	(*(const char *const *)((const char *)(entry) + (offset)))

/* The dates of an entry, YYYY-MM-DD when given. */
static const struct {
	const char *name;
	size_t offset;
} dates[] = {
	{ "decided", ENTRY(decided) },
	{ "published", ENTRY(published) },
	{ "until", ENTRY(until) },
	{ "withdrawn", ENTRY(withdrawn) },
};

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 when s is YYYY-MM-DD with a plausible month and day. */
static int
is_date(const char *s)
{
	static const char pattern[] = "dddd-dd-dd";
	int i, month, day;

	for (i = 0; pattern[i] != '\0'; i++)
		if (pattern[i] == 'd' ? !is_digit(s[i]) : s[i] != pattern[i])
			return 0;
	if (s[i] != '\0')
		return 0;
	month = (s[5] - '0') * 10 + (s[6] - '0');
	day = (s[8] - '0') * 10 + (s[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* 1 when s is an amount of yuan: digits, then at most two decimals. */
static int
is_money(const char *s)
{
	size_t n = strspn(s, "0123456789"), d;

	if (n == 0 || n > 15)
		return 0;
	if (s[n] == '\0')
		return 1;
	if (s[n] != '.')
		return 0;
	d = strspn(s + n + 1, "0123456789");
	return d >= 1 && d <= 2 && s[n + 1 + d] == '\0';
}

/* 1 when s is a plain ASCII file name ending ".html". */
static int
is_page_name(const char *s)
{
	size_t n = strlen(s);

	return n > 5 && n <= 128 && s[0] != '.' &&
	    strspn(s,
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		"0123456789-_.") == n &&
	    strcmp(s + n - 5, ".html") == 0;
}

/*
 * 1 when s is a relative path inside the bundle: segments of letters,
 * digits, '-', '_' and '.', none empty, none "." or "..".
 */
static int
is_bundle_path(const char *s)
{
	size_t n;

	if (strlen(s) > 256)
		return 0;
	for (;;) {
		n = strspn(s,
		    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789-_.");
		if (n == 0 || (n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return 0;
		if (s[n] == '\0')
			return 1;
		if (s[n] != '/')
			return 0;
		s += n + 1;
	}
}

/* The optional integer "index" of entry v as en->log_index. */
static int
read_log_index(const struct zf_json *v, const char *where, struct entry *en,
    struct zf_err *e)
{
	const struct zf_json *n = zf_json_get(v, "index");

	en->log_index = -1;
	if (n == NULL || zf_json_type(n) == ZF_JSON_NULL)
		return 0;
	if (zf_json_type(n) != ZF_JSON_INT)
		return zf_fail(e, EX_DATAERR, "%s: \"index\" is not an integer",
		    where);
	if (zf_json_int_value(n) < 0)
		return zf_fail(e, EX_DATAERR,
		    "%s: index %lld is negative, "
		    "want a leaf number from 0",
		    where, (long long)zf_json_int_value(n));
	en->log_index = zf_json_int_value(n);
	return 0;
}

/* Entry v, the number'th given, into en; en->joined is then owned. */
int
zf_site_decision_read(const struct zf_json *v, size_t number, struct entry *en,
    struct zf_err *e)
{
	const struct zf_json *measures;
	char where[64];
	size_t i;
	int rc;

	memset(en, 0, sizeof(*en));
	snprintf(where, sizeof(where), "entry %zu", number);
	if (zf_json_type(v) != ZF_JSON_OBJECT)
		return zf_fail(e, EX_DATAERR, "%s: not an object", where);
	for (i = 0; i < sizeof(entry_members) / sizeof(entry_members[0]); i++) {
		if ((rc = zf_site_page_member(v, entry_members[i].name,
			 entry_members[i].required, where,
			 (const char **)((char *)en + entry_members[i].offset),
			 e)) != 0)
			return rc;
	}
	if (zf_kind_bit(en->kind) == 0)
		return zf_fail(e, EX_DATAERR, "%s: unknown kind '%s'", where,
		    en->kind);
	if (!is_page_name(en->page))
		return zf_fail(e, EX_DATAERR,
		    "%s: page '%s' is not a file "
		    "name of letters, digits, '-', '_' and '.' ending .html",
		    where, en->page);
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		const char *day = FIELD(en, dates[i].offset);

		if (day != NULL && !is_date(day))
			return zf_fail(e, EX_DATAERR,
			    "%s: %s '%s' is not a date (YYYY-MM-DD)", where,
			    dates[i].name, day);
	}
	if (en->fine != NULL && !is_money(en->fine))
		return zf_fail(e, EX_DATAERR,
		    "%s: fine '%s' is not an "
		    "amount of yuan (digits, at most two decimals)",
		    where, en->fine);
	if (en->note != NULL && en->note[0] == '\0')
		return zf_fail(e, EX_DATAERR,
		    "%s: \"note\" is empty, want "
		    "the correction's explanation or null",
		    where);
	if (en->proof != NULL && !is_bundle_path(en->proof))
		return zf_fail(e, EX_DATAERR,
		    "%s: proof '%s' is not a "
		    "relative path in the bundle (letters, digits, '-', '_', "
		    "'.' and '/', no \"..\", no leading '/')",
		    where, en->proof);
	if ((en->withdrawn == NULL) != (en->withdrawn_reason == NULL))
		return zf_fail(e, EX_DATAERR, "%s: a withdrawal notice needs "
		    "both \"withdrawn\" and \"withdrawn_reason\"", where);
	if ((rc = read_log_index(v, where, en, e)) != 0)
		return rc;
	if ((rc = zf_site_page_array(v, "measures", 0, where, &measures, e)) !=
	    0)
		return rc;
	if (measures == NULL || zf_json_len(measures) == 0)
		return 0;
	rc = zf_site_page_join(measures, where, "measures", &en->joined, e);
	if (rc != 0)
		return rc;
	en->measures = en->joined;
	return 0;
}

/* Where the entry stands in the publication log, and its proof. */
static void
put_proof(struct zf_buf *b, const struct entry *en)
{
	zf_buf_addstr(b, "<h2 id=\"proof\">公示日志包含证明</h2>\n<p>");
	if (en->log_index >= 0)
		zf_buf_printf(b,
		    "本决定信息已记入本机关的公示日志，日志序号为 "
		    "%lld。",
		    (long long)en->log_index);
	else
		zf_buf_addstr(b, "本决定信息已记入本机关的公示日志。");
	if (en->proof != NULL) {
		zf_buf_addstr(b, "<a href=\"" ZF_SITE_ROOT);
		zf_site_page_put(b, en->proof);
		zf_buf_addstr(b,
		    "\">下载本条的公示日志包含证明</a>（JSON 格式），"
		    "可与<a href=\"" ZF_SITE_ROOT
		    "log/checkpoint\">日志检查点</a>"
		    "一起用 <code>publish-verify</code> 核验。");
	}
	zf_buf_addstr(b, "</p>\n");
}

/*
 * A withdrawal notice (行政处罚法第四十八条): the decision's 文号, when it
 * was decided and withdrawn, and why; nothing of its content.
 */
static int
emit_withdrawal(struct zf_site *s, const struct entry *en, size_t number,
    struct zf_err *e)
{
	struct zf_buf b;
	char *name, *title;
	int rc;

	zf_buf_init(&b);
	zf_buf_addstr(&b, "<h1>撤回公示说明</h1>\n<section class=\"notice\" "
	    "aria-labelledby=\"withdrawal\">\n<h2 id=\"withdrawal\">");
	zf_site_page_put(&b, en->number);
	zf_buf_addstr(&b, "已撤回公示</h2>\n<p>本机关于");
	zf_site_page_date(&b, en->withdrawn);
	zf_buf_addstr(&b, "撤回");
	zf_site_page_put(&b, en->kind_name);
	zf_buf_addstr(&b, "决定");
	zf_site_page_put(&b, en->number);
	zf_buf_addstr(&b, "的公示信息。理由：");
	zf_site_page_escaped(&b, en->withdrawn_reason, 1);
	zf_buf_addstr(&b, "</p>\n</section>\n");
	zf_site_page_table_open(&b, "withdrawal-caption", "撤回信息", NULL);
	zf_site_page_row_open(&b, "决定书文号");
	zf_site_page_put(&b, en->number);
	zf_buf_addstr(&b, "</td></tr>\n");
	zf_site_page_row_open(&b, "案件类别");
	zf_site_page_put(&b, en->kind_name);
	zf_buf_addstr(&b, "</td></tr>\n");
	zf_site_page_row_open(&b, "决定日期");
	zf_site_page_date(&b, en->decided);
	zf_buf_addstr(&b, "</td></tr>\n");
	zf_site_page_row_open(&b, "撤回日期");
	zf_site_page_date(&b, en->withdrawn);
	zf_buf_addstr(&b, "</td></tr>\n");
	zf_site_page_row_open(&b, "撤回理由");
	zf_site_page_escaped(&b, en->withdrawn_reason, 1);
	zf_buf_addstr(&b, "</td></tr>\n");
	zf_site_page_table_close(&b);
	zf_buf_addstr(&b, "<p><a href=\"../");
	zf_site_pager_index_name(&b, zf_site_pager_page_of(number));
	zf_buf_addstr(&b, "\">返回公示目录</a></p>\n");
	name = xasprintf("decisions/%s", en->page);
	title = xasprintf("%s 撤回公示说明", en->number);
	rc = zf_site_page_emit(s, name, title, &b, e);
	free(title);
	free(name);
	zf_buf_release(&b);
	return rc;
}

int
zf_site_decision_emit(struct zf_site *s, const struct entry *en, size_t number,
    struct zf_err *e)
{
	struct zf_buf b;
	const char *value;
	char *name, *title;
	size_t i;
	int rc;

	if (en->withdrawn != NULL)
		return emit_withdrawal(s, en, number, e);
	zf_buf_init(&b);
	zf_buf_addstr(&b, "<h1>");
	zf_site_page_put(&b, en->kind_name);
	zf_buf_addstr(&b, "决定信息公示</h1>\n");
	if (en->note != NULL) {
		zf_buf_addstr(&b,
		    "<section class=\"notice\" "
		    "aria-labelledby=\"correction\">\n"
		    "<h2 id=\"correction\">更正说明</h2>\n<p>本条公示信息已"
		    "更正：");
		zf_site_page_escaped(&b, en->note, 1);
		zf_buf_addstr(&b, "</p>\n</section>\n");
	}
	/* What a citizen looks for first: who, what was decided, when. */
	zf_buf_addstr(&b, "<p class=\"lead\">");
	zf_site_page_put(&b, en->party);
	zf_buf_addstr(&b, "：");
	if (en->outcome != NULL)
		zf_site_page_put(&b, en->outcome);
	else
		zf_site_page_put(&b, en->kind_name);
	zf_buf_addstr(&b, "（");
	zf_site_page_put(&b, en->number);
	zf_buf_addstr(&b, "，");
	zf_site_page_date(&b, en->decided);
	zf_buf_addstr(&b, "作出）</p>\n");
	zf_site_page_table_open(&b, "decision-caption", "决定信息", NULL);
	for (i = 0; i < sizeof(decision_rows) / sizeof(decision_rows[0]); i++) {
		if ((value = FIELD(en, decision_rows[i].offset)) == NULL)
			continue;
		zf_site_page_row_open(&b, decision_rows[i].label);
		switch (decision_rows[i].shape) {
		case PLAIN:
			zf_site_page_put(&b, value);
			break;
		case LINES:
			zf_site_page_escaped(&b, value, 1);
			break;
		case DATE:
			zf_site_page_date(&b, value);
			break;
		case MONEY:
			zf_site_page_put(&b, value);
			zf_buf_addstr(&b, " 元");
			break;
		}
		zf_buf_addstr(&b, "</td></tr>\n");
	}
	zf_site_page_table_close(&b);
	if (en->proof != NULL || en->log_index >= 0)
		put_proof(&b, en);
	zf_buf_addstr(&b,
	    "<h2 id=\"remedy\">救济途径</h2>\n"
	    "<p class=\"notice\">当事人对本决定不服的，可以自知道或者应当"
	    "知道该决定之日起六十日内依照《中华人民共和国行政复议法》申请"
	    "行政复议，或者自知道或者应当知道之日起六个月内依照《中华人民"
	    "共和国行政诉讼法》提起行政诉讼。详见<a href=\"../standing.html"
	    "#remedies\">事前公开信息中的救济途径</a>。</p>\n"
	    "<p><a href=\"../");
	zf_site_pager_index_name(&b, zf_site_pager_page_of(number));
	zf_buf_addstr(&b, "\">返回公示目录</a></p>\n");
	name = xasprintf("decisions/%s", en->page);
	title = xasprintf("%s %s决定信息公示", en->number, en->kind_name);
	rc = zf_site_page_emit(s, name, title, &b, e);
	free(title);
	free(name);
	zf_buf_release(&b);
	return rc;
}
