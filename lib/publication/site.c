/* site: the static, script-free public web site of a publication. */
#include "publication/site.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/json.h"
#include "rules/procedure.h"

enum colour {
	C_TEXT,
	C_LINK,
	C_VISITED,
	C_BANNER,
	C_HEAD,
	C_STRIPE,
	C_LINK_STRIPE,
	C_VISITED_STRIPE,
	C_NOTICE,
	C_LINK_NOTICE,
	C_VISITED_NOTICE,
	C_NOTE,
	C_FOCUS,
	C_SKIP,
	C_FLOW,
	C_CURRENT,
	C_END
};

/* clang-format off */
const struct zf_site_colour zf_site_colours[] = {
	[C_TEXT] = { "text", "#1b1b1b", "#ffffff" },
	[C_LINK] = { "link", "#0a4b94", "#ffffff" },
	[C_VISITED] = { "visited link", "#5b2a86", "#ffffff" },
	[C_BANNER] = { "banner, its links and the correction mark",
	    "#ffffff", "#8b1a1a" },
	[C_HEAD] = { "table heading", "#1b1b1b", "#e6edf5" },
	[C_STRIPE] = { "striped row", "#1b1b1b", "#f3f5f8" },
	[C_LINK_STRIPE] = { "link in a striped row", "#0a4b94", "#f3f5f8" },
	[C_VISITED_STRIPE] = { "visited link in a striped row", "#5b2a86",
	    "#f3f5f8" },
	[C_NOTICE] = { "notice", "#1b1b1b", "#fff4d6" },
	[C_LINK_NOTICE] = { "link in a notice", "#0a4b94", "#fff4d6" },
	[C_VISITED_NOTICE] = { "visited link in a notice", "#5b2a86",
	    "#fff4d6" },
	[C_NOTE] = { "secondary text", "#4a4a4a", "#ffffff" },
	[C_FOCUS] = { "focused link", "#1b1b1b", "#ffd84d" },
	[C_SKIP] = { "skip link", "#ffffff", "#1b1b1b" },
	[C_FLOW] = { "flowchart box", "#1b1b1b", "#eef3f8" },
	[C_CURRENT] = { "current page number", "#ffffff", "#0a4b94" },
	[C_END] = { NULL, NULL, NULL }
};
/* clang-format on */

#define FG(c) (zf_site_colours[c].foreground)
#define BG(c) (zf_site_colours[c].background)

/* The two style sheets differ only in these. */
struct style {
	const char *path;
	const char *font_size, *line_height, *measure, *flow_width;
	const char *focus_width;
};

static const struct style styles[] = {
	{ "style.css", "1rem", "1.7", "60rem", "20rem", "3px" },
	{ "elder.css", "1.5rem", "1.9", "70rem", "32rem", "4px" },
};

/* The pages every page links to. */
static const struct {
	const char *page, *label;
} navigation[] = {
	{ "index.html", "公示目录" },
	{ "standing.html", "事前公开信息" },
};

struct entry {
	const char *id, *page, *kind, *kind_name, *number, *party;
	const char *party_kind, *cause, *outcome, *fine, *decided, *basis;
	const char *published, *party_id, *until, *note, *proof;
	const char *measures; /* joined with "、"; NULL when none */
	char *joined; /* what measures points to, owned */
	int64_t log_index; /* "index"; -1 when absent */
};

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
};

enum shape { PLAIN, LINES, DATE, MONEY };

/* The rows of a decision's page; absent optional values are left out. */
static const struct {
	const char *label;
	size_t offset;
	enum shape shape;
} decision_rows[] = {
	{ "公示编号", ENTRY(id), PLAIN },
	{ "决定书文号", ENTRY(number), PLAIN },
	{ "当事人", ENTRY(party), PLAIN },
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
};

#define FIELD(entry, offset) \
	(*(const char *const *)((const char *)(entry) + (offset)))

/* A table of the standing information: one row per array element. */
struct column {
	const char *member, *heading;
};

struct list_table {
	const char *member, *what, *caption, *unit;
	int required;
	struct column columns[4]; /* the first is the row's heading */
};

/* clang-format off */
static const struct list_table subjects_table = {
	"subjects", "subject", "其他执法主体", "个", 0,
	{ { "name", "名称" }, { "basis", "主体资格依据" } }
};
static const struct list_table officers_table = {
	"officers", "officer", "执法人员", "名", 1,
	{ { "name", "姓名" }, { "certificate", "执法证号" },
	  { "fields", "执法领域" } }
};
static const struct list_table powers_table = {
	"powers", "power", "权责清单", "项", 1,
	{ { "name", "事项名称" }, { "basis", "设定依据" } }
};
static const struct list_table inspections_table = {
	"inspections", "inspection item", "随机抽查事项清单", "项", 1,
	{ { "item", "抽查事项" }, { "basis", "抽查依据" },
	  { "frequency", "抽查频次" } }
};
/* clang-format on */

/* The agency's own rows on the standing page. */
static const struct {
	const char *member, *label;
	int required;
} agency_rows[] = {
	{ "name", "机关名称", 1 },
	{ "code", "统一社会信用代码", 1 },
	{ "address", "地址", 1 },
	{ "phone", "联系电话", 1 },
	{ "site", "网站", 0 },
};

/*
 * In a page's body, stands for the way up from the page to the bundle's
 * root, which differs between NAME.html and elder/NAME.html; values with
 * control characters never reach a body.
 */
#define ROOT "\001"

/* A page name already used, and the entry that used it. */
struct seen_page {
	char *page;
	size_t entry;
};

struct zf_site {
	zf_site_emit_fn emit;
	void *ctx;
	char *agency, *address, *phone;
	size_t nentries, given; /* entries announced and given so far */
	size_t pages, pages_total; /* index pages emitted, and in all */
	struct zf_buf rows; /* the current index page's, at most one page */
	size_t page_rows;
	struct seen_page *seen; /* open addressing; a power of two long */
	size_t nseen, seen_cap;
	int failed;
};

/* Appends s with & < > " ' escaped; newlines become <br> when lines. */
static void
put_escaped(struct zf_buf *b, const char *s, int lines)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			zf_buf_addstr(b, "&amp;");
			break;
		case '<':
			zf_buf_addstr(b, "&lt;");
			break;
		case '>':
			zf_buf_addstr(b, "&gt;");
			break;
		case '"':
			zf_buf_addstr(b, "&quot;");
			break;
		case '\'':
			zf_buf_addstr(b, "&#39;");
			break;
		case '\r':
			if (!lines)
				zf_buf_addch(b, ' ');
			break;
		case '\n':
			zf_buf_addstr(b, lines ? "<br>\n" : " ");
			break;
		default:
			zf_buf_addch(b, *s);
		}
	}
}

static void
put(struct zf_buf *b, const char *s)
{
	put_escaped(b, s, 0);
}

/* Appends "../" n times. */
static void
put_up(struct zf_buf *b, int n)
{
	while (n-- > 0)
		zf_buf_addstr(b, "../");
}

/* NULL when s may be published; otherwise why not. */
static const char *
unprintable(const char *s, size_t len)
{
	size_t i;

	if (strlen(s) != len)
		return "contains a NUL character";
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f)
			return "contains a control character";
		/* U+0080..U+009F, the C1 controls. */
		if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9f)
			return "contains a control character";
	}
	return NULL;
}

/* The string v as *out, when it is a string that may be published. */
static int
value_text(const struct zf_json *v, const char *where, const char *name,
    const char **out, struct zf_err *e)
{
	const char *why;

	if (zf_json_type(v) != ZF_JSON_STRING)
		return zf_fail(e, EX_DATAERR, "%s: \"%s\" is not a string",
		    where, name);
	if ((why = unprintable(zf_json_str(v), zf_json_strlen(v))) != NULL)
		return zf_fail(e, EX_DATAERR, "%s: \"%s\" %s", where, name,
		    why);
	*out = zf_json_str(v);
	return 0;
}

/*
 * Member name of object o as *out: NULL when optional and absent or null;
 * a required member must be a non-empty string.
 */
static int
member_text(const struct zf_json *o, const char *name, int required,
    const char *where, const char **out, struct zf_err *e)
{
	const struct zf_json *v = zf_json_get(o, name);
	int rc;

	*out = NULL;
	if (v == NULL || zf_json_type(v) == ZF_JSON_NULL) {
		if (!required)
			return 0;
		return zf_fail(e, EX_DATAERR, "%s: \"%s\" is missing", where,
		    name);
	}
	if ((rc = value_text(v, where, name, out, e)) != 0)
		return rc;
	if (required && **out == '\0')
		return zf_fail(e, EX_DATAERR, "%s: \"%s\" is empty", where,
		    name);
	return 0;
}

/* Member name of o as an array in *out; NULL when optional and absent. */
static int
member_array(const struct zf_json *o, const char *name, int required,
    const char *where, const struct zf_json **out, struct zf_err *e)
{
	const struct zf_json *v = zf_json_get(o, name);

	*out = NULL;
	if (v == NULL || zf_json_type(v) == ZF_JSON_NULL) {
		if (!required)
			return 0;
		return zf_fail(e, EX_DATAERR, "%s: \"%s\" is missing", where,
		    name);
	}
	if (zf_json_type(v) != ZF_JSON_ARRAY)
		return zf_fail(e, EX_DATAERR, "%s: \"%s\" is not an array",
		    where, name);
	*out = v;
	return 0;
}

/* The strings of array a joined with "、" in *out (malloc'd). */
static int
join_strings(const struct zf_json *a, const char *where, const char *name,
    char **out, struct zf_err *e)
{
	struct zf_buf b;
	const char *s;
	size_t i;
	int rc;

	zf_buf_init(&b);
	for (i = 0; i < zf_json_len(a); i++) {
		rc = value_text(zf_json_at(a, i), where, name, &s, e);
		if (rc != 0) {
			zf_buf_release(&b);
			return rc;
		}
		if (i > 0)
			zf_buf_addstr(&b, "、");
		zf_buf_addstr(&b, s);
	}
	*out = zf_buf_detach(&b, NULL);
	return 0;
}

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

/* Appends a date as <time>, e.g. 2026年11月16日. */
static void
put_date(struct zf_buf *b, const char *s)
{
	zf_buf_addstr(b, "<time datetime=\"");
	put(b, s);
	zf_buf_printf(b, "\">%.4s年%d月%d日</time>", s,
	    (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0'));
}

static int
emit_file(struct zf_site *s, const char *path, const struct zf_buf *b,
    struct zf_err *e)
{
	return s->emit(s->ctx, path, b->data, b->len, e);
}

static void
put_css(struct zf_buf *b, const struct style *st)
{
	zf_buf_addstr(b,
	    "/* zhifa public site; no script needed */\n"
	    "*, *::before, *::after { box-sizing: border-box; }\n"
	    "html { -webkit-text-size-adjust: 100%; "
	    "text-size-adjust: 100%; }\n");
	zf_buf_printf(b,
	    "body { margin: 0; font-family: \"PingFang SC\", "
	    "\"Hiragino Sans GB\", \"Microsoft YaHei\", \"Noto Sans CJK SC\", "
	    "\"Source Han Sans SC\", sans-serif;\n"
	    "  font-size: %s; line-height: %s; color: %s; "
	    "background: %s; }\n",
	    st->font_size, st->line_height, FG(C_TEXT), BG(C_TEXT));
	zf_buf_printf(b,
	    "h1 { font-size: 1.75em; line-height: 1.3; }\n"
	    "h2 { font-size: 1.4em; line-height: 1.35; margin-top: 2em; }\n"
	    "h3 { font-size: 1.15em; margin-top: 1.5em; }\n"
	    "a { color: %s; text-decoration: underline; "
	    "text-underline-offset: 0.15em; }\n"
	    "a:visited { color: %s; }\n",
	    FG(C_LINK), FG(C_VISITED));
	zf_buf_printf(b,
	    "a:focus, a:focus-visible { outline: %s solid %s; "
	    "outline-offset: 2px; color: %s; background: %s; }\n",
	    st->focus_width, FG(C_FOCUS), FG(C_FOCUS), BG(C_FOCUS));
	zf_buf_printf(b,
	    ".table-wrap:focus { outline: %s solid %s; "
	    "outline-offset: 2px; }\n"
	    "main:focus { outline: none; }\n",
	    st->focus_width, FG(C_TEXT));
	zf_buf_printf(b,
	    ".skip { position: absolute; left: 0.5rem; "
	    "top: -20rem; z-index: 10; padding: 0.5em 1em; "
	    "color: %s; background: %s; }\n"
	    ".skip:visited { color: %s; }\n"
	    ".skip:focus { top: 0.5rem; }\n",
	    FG(C_SKIP), BG(C_SKIP), FG(C_SKIP));
	zf_buf_printf(b,
	    ".banner { color: %s; background: %s; "
	    "padding: 0.75em 1rem; }\n"
	    ".banner a, .banner a:visited { color: %s; }\n"
	    ".banner .agency { margin: 0; font-weight: bold; "
	    "font-size: 1.2em; }\n"
	    ".banner ul { list-style: none; margin: 0.5em 0 0; padding: 0; "
	    "display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; }\n"
	    ".banner a[aria-current] { font-weight: bold; "
	    "text-decoration-thickness: 3px; }\n",
	    FG(C_BANNER), BG(C_BANNER), FG(C_BANNER));
	zf_buf_printf(b,
	    "main, footer { display: block; max-width: %s; "
	    "margin: 0 auto; padding: 0.5em 1rem 1.5em; }\n"
	    "footer { border-top: 1px solid #6b6b6b; color: %s; }\n",
	    st->measure, FG(C_NOTE));
	zf_buf_printf(b,
	    ".table-wrap { overflow-x: auto; margin: 1em 0; }\n"
	    "table { border-collapse: collapse; width: 100%%; }\n"
	    "caption { text-align: left; font-weight: bold; "
	    "padding: 0.5em 0; }\n"
	    "th, td { border: 1px solid #6b6b6b; padding: 0.5em 0.75em; "
	    "text-align: left; vertical-align: top; }\n"
	    "thead th { color: %s; background: %s; }\n"
	    "tbody tr:nth-child(even) { color: %s; background: %s; }\n"
	    "tbody tr:nth-child(even) a { color: %s; }\n"
	    "tbody tr:nth-child(even) a:visited { color: %s; }\n",
	    FG(C_HEAD), BG(C_HEAD), FG(C_STRIPE), BG(C_STRIPE),
	    FG(C_LINK_STRIPE), FG(C_VISITED_STRIPE));
	zf_buf_printf(b,
	    ".notice { color: %s; background: %s; "
	    "border-left: 0.3em solid %s; padding: 0.75em 1em; }\n"
	    ".notice a { color: %s; }\n"
	    ".notice a:visited { color: %s; }\n"
	    ".note { color: %s; }\n",
	    FG(C_NOTICE), BG(C_NOTICE), BG(C_BANNER), FG(C_LINK_NOTICE),
	    FG(C_VISITED_NOTICE), FG(C_NOTE));
	zf_buf_printf(b,
	    ".notice h2 { margin-top: 0; }\n"
	    ".flag { color: %s; background: %s; font-weight: bold; "
	    "font-size: 0.9em; padding: 0 0.3em; margin-left: 0.3em; "
	    "white-space: nowrap; }\n",
	    FG(C_BANNER), BG(C_BANNER));
	zf_buf_printf(b,
	    ".pager ul { list-style: none; margin: 1em 0; padding: 0; "
	    "display: flex; flex-wrap: wrap; gap: 0.5em; }\n"
	    ".pager a, .pager .gap { display: inline-block; "
	    "min-width: 2.75em; padding: 0.4em 0.6em; text-align: center; }\n"
	    ".pager a { border: 1px solid #6b6b6b; }\n"
	    ".pager a[aria-current], .pager a[aria-current]:visited "
	    "{ color: %s; background: %s; font-weight: bold; "
	    "text-decoration: none; }\n"
	    "code { font-family: monospace, monospace; font-size: 0.95em; }\n"
	    "td, th { overflow-wrap: anywhere; }\n",
	    FG(C_CURRENT), BG(C_CURRENT));
	zf_buf_printf(b,
	    "svg.flow { display: block; width: 100%%; "
	    "max-width: %s; height: auto; margin: 1em 0; }\n"
	    ".vh { position: absolute !important; width: 1px; height: 1px; "
	    "margin: -1px; padding: 0; overflow: hidden; "
	    "clip: rect(0 0 0 0); clip-path: inset(50%%); "
	    "white-space: nowrap; border: 0; }\n",
	    st->flow_width);
	zf_buf_addstr(b,
	    "@media (max-width: 40rem) {\n"
	    "  h1 { font-size: 1.5em; }\n"
	    "  th, td { padding: 0.4em 0.5em; }\n"
	    "  main, footer { padding-left: 0.75rem; "
	    "padding-right: 0.75rem; }\n"
	    "}\n"
	    "@media print {\n"
	    "  .skip, .banner ul { display: none; }\n"
	    "}\n");
}

/* The number of folders above the page name, e.g. 1 for "list/2.html". */
static int
depth_of(const char *name)
{
	int depth = 0;

	for (; *name != '\0'; name++)
		depth += *name == '/';
	return depth;
}

/* The head of a page and the banner, down to the opening of <main>. */
static void
page_head(struct zf_buf *b, const struct zf_site *s, const char *name,
    const char *title, int elder)
{
	int depth = depth_of(name);
	size_t i;

	zf_buf_addstr(b,
	    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	put(b, title);
	if (elder)
		zf_buf_addstr(b, "（长者模式）");
	zf_buf_addstr(b, " - ");
	put(b, s->agency);
	zf_buf_addstr(b, "</title>\n<link rel=\"stylesheet\" href=\"");
	put_up(b, depth + elder);
	zf_buf_addstr(b, styles[elder].path);
	zf_buf_addstr(b,
	    "\">\n</head>\n<body>\n<a class=\"skip\" "
	    "href=\"#main\">跳到正文</a>\n<header class=\"banner\">\n"
	    "<p class=\"agency\">");
	put(b, s->agency);
	zf_buf_addstr(b, "</p>\n<nav aria-label=\"网站导航\">\n<ul>\n");
	for (i = 0; i < sizeof(navigation) / sizeof(navigation[0]); i++) {
		zf_buf_addstr(b, "<li><a href=\"");
		put_up(b, depth);
		zf_buf_addstr(b, navigation[i].page);
		if (strcmp(name, navigation[i].page) == 0)
			zf_buf_addstr(b, "\" aria-current=\"page");
		zf_buf_printf(b, "\">%s</a></li>\n", navigation[i].label);
	}
	/* The same page in the other style. */
	zf_buf_addstr(b, "<li><a class=\"mode\" href=\"");
	put_up(b, depth + elder);
	if (!elder)
		zf_buf_addstr(b, "elder/");
	put(b, name);
	if (elder)
		zf_buf_addstr(b,
		    "\">标准模式<span class=\"vh\">（标准字号）</span>");
	else
		zf_buf_addstr(b,
		    "\">长者模式<span class=\"vh\">（大字号）</span>");
	zf_buf_addstr(b, "</a></li>\n");
	zf_buf_addstr(b,
	    "</ul>\n</nav>\n</header>\n"
	    "<main id=\"main\" tabindex=\"-1\">\n");
}

static void
page_foot(struct zf_buf *b, const struct zf_site *s)
{
	zf_buf_addstr(b, "</main>\n<footer>\n<p>");
	put(b, s->agency);
	zf_buf_addstr(b, "　地址：");
	put(b, s->address);
	zf_buf_addstr(b, "　电话：");
	put(b, s->phone);
	zf_buf_addstr(b,
	    "</p>\n<p>本网站为静态页面，无需脚本即可浏览；"
	    "“长者模式”提供大字版本。</p>\n</footer>\n</body>\n</html>\n");
}

/*
 * Emits name and elder/name, both with the same body, where each ROOT
 * becomes the way up to the bundle's root.
 */
static int
emit_page(struct zf_site *s, const char *name, const char *title,
    const struct zf_buf *body, struct zf_err *e)
{
	struct zf_buf b;
	const char *p, *root;
	char *path;
	int elder, rc = 0;

	for (elder = 0; elder <= 1 && rc == 0; elder++) {
		zf_buf_init(&b);
		page_head(&b, s, name, title, elder);
		for (p = body->data; (root = strchr(p, ROOT[0])) != NULL;
		     p = root + 1) {
			zf_buf_add(&b, p, (size_t)(root - p));
			put_up(&b, depth_of(name) + elder);
		}
		zf_buf_addstr(&b, p);
		page_foot(&b, s);
		path = elder ? xasprintf("elder/%s", name) : xstrdup(name);
		rc = emit_file(s, path, &b, e);
		free(path);
		zf_buf_release(&b);
	}
	return rc;
}

/*
 * Opens a table in a scrollable region named by its caption; columns
 * is NULL-terminated and each gets a column heading.
 */
static void
table_open(struct zf_buf *b, const char *id, const char *caption,
    const char *const *columns)
{
	zf_buf_printf(b,
	    "<div class=\"table-wrap\" role=\"region\" "
	    "aria-labelledby=\"%s\" tabindex=\"0\">\n<table>\n"
	    "<caption id=\"%s\">",
	    id, id);
	put(b, caption);
	zf_buf_addstr(b, "</caption>\n");
	if (columns != NULL) {
		zf_buf_addstr(b, "<thead>\n<tr>");
		for (; *columns != NULL; columns++) {
			zf_buf_addstr(b, "<th scope=\"col\">");
			put(b, *columns);
			zf_buf_addstr(b, "</th>");
		}
		zf_buf_addstr(b, "</tr>\n</thead>\n");
	}
	zf_buf_addstr(b, "<tbody>\n");
}

static void
table_close(struct zf_buf *b)
{
	zf_buf_addstr(b, "</tbody>\n</table>\n</div>\n");
}

/* A row of a two-column table: a heading and a cell opened for its value. */
static void
row_open(struct zf_buf *b, const char *label)
{
	zf_buf_addstr(b, "<tr><th scope=\"row\">");
	put(b, label);
	zf_buf_addstr(b, "</th><td>");
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
static int
read_entry(const struct zf_json *v, size_t number, struct entry *en,
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
		if ((rc = member_text(v, entry_members[i].name,
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
	if (!is_date(en->decided))
		return zf_fail(e, EX_DATAERR,
		    "%s: decided '%s' is not a "
		    "date (YYYY-MM-DD)",
		    where, en->decided);
	if (en->published != NULL && !is_date(en->published))
		return zf_fail(e, EX_DATAERR,
		    "%s: published '%s' is not a "
		    "date (YYYY-MM-DD)",
		    where, en->published);
	if (en->until != NULL && !is_date(en->until))
		return zf_fail(e, EX_DATAERR,
		    "%s: until '%s' is not a "
		    "date (YYYY-MM-DD)",
		    where, en->until);
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
	if ((rc = read_log_index(v, where, en, e)) != 0)
		return rc;
	if ((rc = member_array(v, "measures", 0, where, &measures, e)) != 0)
		return rc;
	if (measures == NULL || zf_json_len(measures) == 0)
		return 0;
	rc = join_strings(measures, where, "measures", &en->joined, e);
	if (rc != 0)
		return rc;
	en->measures = en->joined;
	return 0;
}

/* FNV-1a, for the set of page names. */
static size_t
name_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* The slot of page in the set: where it is, or the empty one to fill. */
static struct seen_page *
seen_slot(const struct zf_site *s, const char *page)
{
	size_t i = name_hash(page) & (s->seen_cap - 1);

	while (s->seen[i].page != NULL && strcmp(s->seen[i].page, page) != 0)
		i = (i + 1) & (s->seen_cap - 1);
	return &s->seen[i];
}

static void
seen_add(struct zf_site *s, const char *page, size_t entry)
{
	struct seen_page *old = s->seen, *slot;
	size_t i, n = s->seen_cap;

	if (2 * (s->nseen + 1) > s->seen_cap) {
		s->seen_cap = n ? 2 * n : 64;
		s->seen = xcalloc(s->seen_cap, sizeof(*s->seen));
		for (i = 0; i < n; i++)
			if (old[i].page != NULL)
				*seen_slot(s, old[i].page) = old[i];
		free(old);
	}
	slot = seen_slot(s, page);
	slot->page = xstrdup(page);
	slot->entry = entry;
	s->nseen++;
}

/* The index page number (from 1) that lists the entry-th entry. */
static size_t
page_of(size_t entry)
{
	return (entry - 1) / ZF_SITE_INDEX_ROWS + 1;
}

/* The name of index page number page: index.html, list/2.html, ... */
static void
put_index_name(struct zf_buf *b, size_t page)
{
	if (page == 1)
		zf_buf_addstr(b, "index.html");
	else
		zf_buf_printf(b, "list/%zu.html", page);
}

/* A link from index page from to index page to, in the pagination. */
static void
put_pager_link(struct zf_buf *b, size_t from, size_t to, const char *rel)
{
	zf_buf_addstr(b, "<li><a href=\"");
	put_up(b, from > 1);
	put_index_name(b, to);
	zf_buf_addstr(b, "\"");
	if (rel != NULL)
		zf_buf_printf(b, " rel=\"%s\">%s</a></li>\n", rel,
		    strcmp(rel, "prev") == 0 ? "上一页" : "下一页");
	else
		zf_buf_printf(b,
		    "%s><span class=\"vh\">第 </span>%zu"
		    "<span class=\"vh\"> 页</span></a></li>\n",
		    from == to ? " aria-current=\"page\"" : "", to);
}

/*
 * The pagination of index page page of pages: previous and next, the
 * first and last pages and the two either side of this one.
 */
static void
put_pager(struct zf_buf *b, size_t page, size_t pages)
{
	size_t i;

	zf_buf_addstr(b,
	    "<nav class=\"pager\" aria-label=\"公示目录分页\">\n<ul>\n");
	if (page > 1)
		put_pager_link(b, page, page - 1, "prev");
	for (i = 1; i <= pages; i++) {
		if (i == 1 || i == pages || (i + 2 >= page && i <= page + 2)) {
			put_pager_link(b, page, i, NULL);
		} else if (i == 2 || i == page + 3) {
			zf_buf_addstr(b, "<li class=\"gap\">…</li>\n");
		}
	}
	if (page < pages)
		put_pager_link(b, page, page + 1, "next");
	zf_buf_addstr(b, "</ul>\n</nav>\n");
}

/* The bundle's files that every index page offers, relative to its root. */
static const struct {
	const char *path, *label, *format;
} downloads[] = {
	{ "records.json", "全部公示记录", "JSON" },
	{ "records-penalty.csv", "行政处罚决定记录", "CSV" },
	{ "records-licensing.csv", "行政许可决定记录", "CSV" },
	{ "records-other.csv", "其他行政执法决定记录", "CSV" },
	{ "log/checkpoint", "公示日志检查点（本机关签名）", NULL },
	{ "log/agency.vkey", "本机关验证公钥", NULL },
	{ "log/entries.jsonl", "公示日志全部条目", "JSON Lines" },
};

static void
put_downloads(struct zf_buf *b)
{
	size_t i;

	zf_buf_addstr(b,
	    "<h2 id=\"data\">数据下载与核验</h2>\n"
	    "<p>任何人都可以用 zhifa 的 <code>publish-verify</code> 程序核验"
	    "下载的公示数据包：每条记录都已记入公示日志，日志检查点由本机关"
	    "签名，公示以后没有被改动或删除。</p>\n<ul>\n");
	for (i = 0; i < sizeof(downloads) / sizeof(downloads[0]); i++) {
		zf_buf_printf(b,
		    "<li><a href=\"" ROOT "%s\">%s</a>"
		    "（<code>%s</code>%s%s%s）</li>\n",
		    downloads[i].path, downloads[i].label, downloads[i].path,
		    downloads[i].format != NULL ? "，" : "",
		    downloads[i].format != NULL ? downloads[i].format : "",
		    downloads[i].format != NULL ? " 格式" : "");
	}
	zf_buf_addstr(b, "</ul>\n");
}

/* Emits the current index page with its rows, and starts the next one. */
static int
emit_index_page(struct zf_site *s, struct zf_err *e)
{
	static const char *const columns[] = { "文号", "当事人", "类别",
		"决定日期", "公示截止日期", "详情", NULL };
	size_t page = s->pages + 1, first;
	struct zf_buf b, name;
	char *caption, *title;
	int rc;

	first = (page - 1) * ZF_SITE_INDEX_ROWS + 1;
	zf_buf_init(&b);
	zf_buf_init(&name);
	put_index_name(&name, page);
	if (page == 1)
		title = xstrdup("行政执法决定公示");
	else
		title = xasprintf("行政执法决定公示（第 %zu 页）", page);
	zf_buf_addstr(&b, "<h1>");
	put(&b, title);
	zf_buf_addstr(&b, "</h1>\n<p>");
	put(&b, s->agency);
	zf_buf_addstr(&b,
	    "依法公示的行政执法决定如下。执法主体、执法人员、"
	    "权责清单、执法程序和救济途径见<a href=\"");
	put_up(&b, page > 1);
	zf_buf_addstr(&b,
	    "standing.html\">事前公开信息</a>；全部记录可在"
	    "本页末尾<a href=\"#data\">下载并核验</a>。</p>\n");
	if (s->nentries == 0) {
		zf_buf_addstr(&b, "<p>目前没有公示中的执法决定。</p>\n");
	} else {
		zf_buf_printf(&b,
		    "<p>第 %zu 页，共 %zu 页；本页列出第 %zu 至 %zu 件。"
		    "</p>\n",
		    page, s->pages_total, first, first + s->page_rows - 1);
		if (s->pages_total == 1)
			caption = xasprintf("现行公示的执法决定（共 %zu 件）",
			    s->nentries);
		else
			caption = xasprintf("现行公示的执法决定（共 %zu 件，"
					    "本页第 %zu 至 %zu 件）",
			    s->nentries, first, first + s->page_rows - 1);
		table_open(&b, "list-caption", caption, columns);
		free(caption);
		zf_buf_add(&b, s->rows.data, s->rows.len);
		table_close(&b);
		if (s->pages_total > 1)
			put_pager(&b, page, s->pages_total);
	}
	put_downloads(&b);
	rc = emit_page(s, name.data, title, &b, e);
	free(title);
	zf_buf_release(&name);
	zf_buf_release(&b);
	zf_buf_reset(&s->rows);
	s->page_rows = 0;
	s->pages++;
	return rc;
}

/* The entry's row in the index page that lists it. */
static void
add_index_row(struct zf_site *s, const struct entry *en, size_t number)
{
	struct zf_buf *b = &s->rows;

	zf_buf_addstr(b, "<tr><th scope=\"row\">");
	put(b, en->number);
	if (en->note != NULL)
		zf_buf_addstr(b, "<span class=\"flag\">已更正</span>");
	zf_buf_addstr(b, "</th><td>");
	put(b, en->party);
	zf_buf_addstr(b, "</td><td>");
	put(b, en->kind_name);
	zf_buf_addstr(b, "</td><td>");
	put_date(b, en->decided);
	zf_buf_addstr(b, "</td><td>");
	if (en->until != NULL)
		put_date(b, en->until);
	else
		zf_buf_addstr(b, "未设定");
	zf_buf_addstr(b, "</td><td><a href=\"");
	put_up(b, page_of(number) > 1);
	zf_buf_addstr(b, "decisions/");
	put(b, en->page);
	zf_buf_addstr(b, "\">查看<span class=\"vh\">决定 ");
	put(b, en->number);
	zf_buf_addstr(b, "</span></a></td></tr>\n");
	s->page_rows++;
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
		zf_buf_addstr(b, "<a href=\"" ROOT);
		put(b, en->proof);
		zf_buf_addstr(b,
		    "\">下载本条的公示日志包含证明</a>（JSON 格式），"
		    "可与<a href=\"" ROOT "log/checkpoint\">日志检查点</a>"
		    "一起用 <code>publish-verify</code> 核验。");
	}
	zf_buf_addstr(b, "</p>\n");
}

static int
emit_decision(struct zf_site *s, const struct entry *en, size_t number,
    struct zf_err *e)
{
	struct zf_buf b;
	const char *value;
	char *name, *title;
	size_t i;
	int rc;

	zf_buf_init(&b);
	zf_buf_addstr(&b, "<h1>");
	put(&b, en->kind_name);
	zf_buf_addstr(&b, "决定信息公示</h1>\n");
	if (en->note != NULL) {
		zf_buf_addstr(&b,
		    "<section class=\"notice\" aria-labelledby=\"correction\">\n"
		    "<h2 id=\"correction\">更正说明</h2>\n<p>本条公示信息已"
		    "更正：");
		put_escaped(&b, en->note, 1);
		zf_buf_addstr(&b, "</p>\n</section>\n");
	}
	table_open(&b, "decision-caption", "决定信息", NULL);
	for (i = 0; i < sizeof(decision_rows) / sizeof(decision_rows[0]); i++) {
		if ((value = FIELD(en, decision_rows[i].offset)) == NULL)
			continue;
		row_open(&b, decision_rows[i].label);
		switch (decision_rows[i].shape) {
		case PLAIN:
			put(&b, value);
			break;
		case LINES:
			put_escaped(&b, value, 1);
			break;
		case DATE:
			put_date(&b, value);
			break;
		case MONEY:
			put(&b, value);
			zf_buf_addstr(&b, " 元");
			break;
		}
		zf_buf_addstr(&b, "</td></tr>\n");
	}
	table_close(&b);
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
	put_index_name(&b, page_of(number));
	zf_buf_addstr(&b, "\">返回公示目录</a></p>\n");
	name = xasprintf("decisions/%s", en->page);
	title = xasprintf("%s %s决定信息公示", en->number, en->kind_name);
	rc = emit_page(s, name, title, &b, e);
	free(title);
	free(name);
	zf_buf_release(&b);
	return rc;
}

/* The agency's own table and, when given, the other subjects'. */
static int
put_agency(struct zf_buf *b, const struct zf_json *agency, struct zf_err *e)
{
	const char *value;
	size_t i;
	int rc;

	table_open(b, "agency-caption", "执法机关", NULL);
	for (i = 0; i < sizeof(agency_rows) / sizeof(agency_rows[0]); i++) {
		if ((rc = member_text(agency, agency_rows[i].member,
			 agency_rows[i].required, "standing: agency", &value,
			 e)) != 0)
			return rc;
		if (value == NULL)
			continue;
		row_open(b, agency_rows[i].label);
		/* Only a web address is a link: never javascript: or data:. */
		if (strcmp(agency_rows[i].member, "site") == 0 &&
		    (strncmp(value, "https://", 8) == 0 ||
			strncmp(value, "http://", 7) == 0)) {
			zf_buf_addstr(b, "<a href=\"");
			put(b, value);
			zf_buf_addstr(b, "\">");
			put(b, value);
			zf_buf_addstr(b, "</a>");
		} else {
			put(b, value);
		}
		zf_buf_addstr(b, "</td></tr>\n");
	}
	table_close(b);
	return 0;
}

/* One cell: a string, or an array of strings joined with "、". */
static int
put_cell(struct zf_buf *b, const struct zf_json *o, const char *member,
    const char *where, struct zf_err *e)
{
	const struct zf_json *v = zf_json_get(o, member);
	const char *s;
	char *joined;
	int rc;

	if (v != NULL && zf_json_type(v) == ZF_JSON_ARRAY) {
		if ((rc = join_strings(v, where, member, &joined, e)) != 0)
			return rc;
		put(b, joined);
		free(joined);
		return 0;
	}
	if ((rc = member_text(o, member, 1, where, &s, e)) != 0)
		return rc;
	put(b, s);
	return 0;
}

static int
put_list_table(struct zf_buf *b, const struct zf_json *standing,
    const struct list_table *t, struct zf_err *e)
{
	const char *headings[5];
	const struct zf_json *a, *o;
	char where[96], *caption, id[48];
	size_t i, c;
	int rc;

	if ((rc = member_array(standing, t->member, t->required, "standing", &a,
		 e)) != 0)
		return rc;
	if (a == NULL)
		return 0;
	if (zf_json_len(a) == 0) {
		zf_buf_addstr(b, "<p>暂无公开的");
		put(b, t->caption);
		zf_buf_addstr(b, "。</p>\n");
		return 0;
	}
	for (c = 0; t->columns[c].member != NULL; c++)
		headings[c] = t->columns[c].heading;
	headings[c] = NULL;
	caption =
	    xasprintf("%s（共 %zu %s）", t->caption, zf_json_len(a), t->unit);
	snprintf(id, sizeof(id), "%s-caption", t->member);
	table_open(b, id, caption, headings);
	free(caption);
	for (i = 0; i < zf_json_len(a); i++) {
		o = zf_json_at(a, i);
		snprintf(where, sizeof(where), "standing: %s %zu", t->what,
		    i + 1);
		if (zf_json_type(o) != ZF_JSON_OBJECT)
			return zf_fail(e, EX_DATAERR, "%s: not an object",
			    where);
		zf_buf_addstr(b, "<tr>");
		for (c = 0; t->columns[c].member != NULL; c++) {
			zf_buf_addstr(b,
			    c == 0 ? "<th scope=\"row\">" : "<td>");
			if ((rc = put_cell(b, o, t->columns[c].member, where,
				 e)) != 0)
				return rc;
			zf_buf_addstr(b, c == 0 ? "</th>" : "</td>");
		}
		zf_buf_addstr(b, "</tr>\n");
	}
	table_close(b);
	return 0;
}

static int
put_bases(struct zf_buf *b, const struct zf_json *standing, struct zf_err *e)
{
	const struct zf_json *a;
	const char *s;
	char where[48];
	size_t i;
	int rc;

	if ((rc = member_array(standing, "bases", 1, "standing", &a, e)) != 0)
		return rc;
	if (zf_json_len(a) == 0) {
		zf_buf_addstr(b, "<p>暂无公开的执法依据。</p>\n");
		return 0;
	}
	zf_buf_addstr(b, "<ul>\n");
	for (i = 0; i < zf_json_len(a); i++) {
		snprintf(where, sizeof(where), "standing: basis %zu", i + 1);
		if ((rc = value_text(zf_json_at(a, i), where, "bases", &s,
			 e)) != 0)
			return rc;
		zf_buf_addstr(b, "<li>");
		put(b, s);
		zf_buf_addstr(b, "</li>\n");
	}
	zf_buf_addstr(b, "</ul>\n");
	return 0;
}

/* Flowchart geometry, in SVG user units. */
#define FLOW_WIDTH 320
#define FLOW_BOX_X 30
#define FLOW_BOX_WIDTH 260
#define FLOW_BOX_HEIGHT 40
#define FLOW_PITCH 64
#define FLOW_MARGIN 8

/* What a step does to the case's stage, for the list. */
static void
put_step_effect(struct zf_buf *b, const struct zf_step_def *st)
{
	const struct zf_stage_def *to;

	zf_buf_addstr(b, "<span class=\"note\">（");
	if (st->to == NULL)
		zf_buf_addstr(b, "视情况采取，不改变案件阶段");
	else if (strcmp(st->to, "resume") == 0)
		zf_buf_addstr(b, "回到中止前的阶段");
	else if ((to = zf_stage_find(st->to)) != NULL) {
		zf_buf_addstr(b, "进入“");
		put(b, to->chinese);
		zf_buf_addstr(b, "”阶段");
	} else
		put(b, st->to);
	zf_buf_addstr(b, "）</span>");
}

/*
 * The steps of one kind of case, in the order of the procedure table:
 * boxes joined by arrows, and the same steps as a list.
 */
static void
put_flowchart(struct zf_buf *b, const char *kind, const char *chinese)
{
	const struct zf_step_def *st, *first = NULL, *last = NULL;
	unsigned bit = zf_kind_bit(kind);
	int n = 0, i = 0, y, height, mid = FLOW_WIDTH / 2;

	for (st = zf_steps; st->name != NULL; st++)
		if (st->kinds & bit) {
			if (first == NULL)
				first = st;
			last = st;
			n++;
		}
	if (n == 0)
		return;
	height =
	    2 * FLOW_MARGIN + n * FLOW_PITCH - (FLOW_PITCH - FLOW_BOX_HEIGHT);
	zf_buf_printf(b, "<h3 id=\"flow-%s\">", kind);
	put(b, chinese);
	zf_buf_printf(b,
	    "程序</h3>\n<svg class=\"flow\" role=\"img\" "
	    "aria-labelledby=\"flow-%s-title flow-%s-desc\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n"
	    "<title id=\"flow-%s-title\">",
	    kind, kind, FLOW_WIDTH, height, FLOW_WIDTH, height, kind);
	put(b, chinese);
	zf_buf_printf(b,
	    "程序流程图</title>\n<desc id=\"flow-%s-desc\">"
	    "按程序表的顺序列出 %d 个步骤，从“",
	    kind, n);
	put(b, first->chinese);
	zf_buf_addstr(b, "”到“");
	put(b, last->chinese);
	zf_buf_addstr(b,
	    "”；实线框的步骤改变案件阶段，虚线框的步骤视情况"
	    "采取。图下的列表列出相同的步骤。</desc>\n");
	for (st = zf_steps; st->name != NULL; st++) {
		if (!(st->kinds & bit))
			continue;
		y = FLOW_MARGIN + i * FLOW_PITCH;
		zf_buf_printf(b,
		    "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" rx=\"6\" fill=\"%s\" stroke=\"%s\" "
		    "stroke-width=\"2\"%s/>\n",
		    FLOW_BOX_X, y, FLOW_BOX_WIDTH, FLOW_BOX_HEIGHT, BG(C_FLOW),
		    FG(C_FLOW),
		    st->to == NULL ? " stroke-dasharray=\"6 4\"" : "");
		zf_buf_printf(b,
		    "<text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\" font-size=\"16\" fill=\"%s\">",
		    mid, y + 26, FG(C_FLOW));
		put(b, st->chinese);
		zf_buf_addstr(b, "</text>\n");
		if (++i < n)
			zf_buf_printf(b,
			    "<path d=\"M%d %dV%d\" stroke=\"%s\" "
			    "stroke-width=\"2\"/>\n<path d=\"M%d %dL%d %dL%d "
			    "%dZ\" fill=\"%s\"/>\n",
			    mid, y + FLOW_BOX_HEIGHT, y + FLOW_PITCH - 8,
			    FG(C_FLOW), mid - 6, y + FLOW_PITCH - 10, mid + 6,
			    y + FLOW_PITCH - 10, mid, y + FLOW_PITCH - 1,
			    FG(C_FLOW));
	}
	zf_buf_printf(b, "</svg>\n<ol aria-label=\"");
	put(b, chinese);
	zf_buf_addstr(b, "程序步骤\">\n");
	for (st = zf_steps; st->name != NULL; st++) {
		if (!(st->kinds & bit))
			continue;
		zf_buf_addstr(b, "<li>");
		put(b, st->chinese);
		put_step_effect(b, st);
		zf_buf_addstr(b, "</li>\n");
	}
	zf_buf_addstr(b, "</ol>\n");
}

static int
put_remedies(struct zf_buf *b, const struct zf_json *standing, struct zf_err *e)
{
	static const char *const columns[] = { "途径", "期限", "法律依据",
		"受理机关", NULL };
	const struct zf_json *r = zf_json_get(standing, "remedies");
	const char *review = NULL, *court = NULL;
	int rc;

	if (r != NULL && zf_json_type(r) != ZF_JSON_NULL) {
		if (zf_json_type(r) != ZF_JSON_OBJECT)
			return zf_fail(e, EX_DATAERR,
			    "standing: \"remedies\" "
			    "is not an object");
		if ((rc = member_text(r, "review", 0, "standing: remedies",
			 &review, e)) != 0 ||
		    (rc = member_text(r, "court", 0, "standing: remedies",
			 &court, e)) != 0)
			return rc;
	}
	zf_buf_addstr(b,
	    "<p>公民、法人或者其他组织认为行政行为侵犯其合法"
	    "权益的，可以依法申请行政复议或者提起行政诉讼。</p>\n");
	table_open(b, "remedies-caption", "救济途径和期限", columns);
	zf_buf_addstr(b,
	    "<tr><th scope=\"row\">行政复议</th><td>自知道或者"
	    "应当知道该行政行为之日起六十日内提出申请（法律规定的申请期限"
	    "超过六十日的除外）</td><td>《中华人民共和国行政复议法》"
	    "第二十条</td><td>");
	put(b, review != NULL ? review : "依法确定的行政复议机关");
	zf_buf_addstr(b,
	    "</td></tr>\n<tr><th scope=\"row\">行政诉讼</th>"
	    "<td>直接起诉的，自知道或者应当知道作出行政行为之日起六个月内"
	    "提起；经行政复议的，自收到复议决定书之日起十五日内提起</td>"
	    "<td>《中华人民共和国行政诉讼法》第四十六条、第四十五条</td>"
	    "<td>");
	put(b, court != NULL ? court : "有管辖权的人民法院");
	zf_buf_addstr(b, "</td></tr>\n");
	table_close(b);
	return 0;
}

/* The body of the standing page in b. */
static int
build_standing(struct zf_buf *b, const struct zf_site *s,
    const struct zf_json *standing, const struct zf_json *agency,
    struct zf_err *e)
{
	size_t i;
	int rc;

	zf_buf_addstr(b, "<h1>事前公开信息</h1>\n<p>");
	put(b, s->agency);
	zf_buf_addstr(b,
	    "在实施行政执法前公开以下信息。</p>\n"
	    "<nav aria-label=\"本页目录\">\n<ul>\n"
	    "<li><a href=\"#subjects\">执法主体</a></li>\n"
	    "<li><a href=\"#officers\">执法人员</a></li>\n"
	    "<li><a href=\"#powers\">权责清单</a></li>\n"
	    "<li><a href=\"#bases\">执法依据</a></li>\n"
	    "<li><a href=\"#procedures\">执法程序和流程图</a></li>\n"
	    "<li><a href=\"#remedies\">救济途径</a></li>\n"
	    "<li><a href=\"#inspections\">随机抽查事项清单</a></li>\n"
	    "</ul>\n</nav>\n");

	zf_buf_addstr(b, "<h2 id=\"subjects\">执法主体</h2>\n");
	if ((rc = put_agency(b, agency, e)) != 0 ||
	    (rc = put_list_table(b, standing, &subjects_table, e)) != 0)
		return rc;
	zf_buf_addstr(b,
	    "<h2 id=\"officers\">执法人员</h2>\n"
	    "<p>执法人员应当持证上岗，执法时不少于两人并主动出示执法证件。"
	    "</p>\n");
	if ((rc = put_list_table(b, standing, &officers_table, e)) != 0)
		return rc;
	zf_buf_addstr(b, "<h2 id=\"powers\">权责清单</h2>\n");
	if ((rc = put_list_table(b, standing, &powers_table, e)) != 0)
		return rc;
	zf_buf_addstr(b, "<h2 id=\"bases\">执法依据</h2>\n");
	if ((rc = put_bases(b, standing, e)) != 0)
		return rc;
	zf_buf_addstr(b,
	    "<h2 id=\"procedures\">执法程序和流程图</h2>\n"
	    "<p>每类案件的流程图按程序表的顺序列出各个步骤。实线框的步骤"
	    "使案件进入下一阶段，虚线框的步骤视案件情况采取。每幅图下的"
	    "编号列表列出相同的步骤。</p>\n");
	for (i = 0; zf_case_kinds[i].name != NULL; i++)
		put_flowchart(b, zf_case_kinds[i].name, zf_case_kinds[i].chinese);
	zf_buf_addstr(b, "<h2 id=\"remedies\">救济途径</h2>\n");
	if ((rc = put_remedies(b, standing, e)) != 0)
		return rc;
	zf_buf_addstr(b,
	    "<h2 id=\"inspections\">随机抽查事项清单</h2>\n"
	    "<p>抽查实行“双随机、一公开”：从检查对象名录库中随机抽取检查"
	    "对象，从执法人员名录库中随机选派执法检查人员，抽查结果自"
	    "检查结束之日起二十个工作日内公开。</p>\n");
	return put_list_table(b, standing, &inspections_table, e);
}

/* The strings of the agency the pages' banners and footers show. */
static int
read_agency(const struct zf_json *standing, const struct zf_json **agency,
    const char *text[3], struct zf_err *e)
{
	static const char *const members[] = { "name", "address", "phone" };
	size_t i;
	int rc;

	if (zf_json_type(standing) != ZF_JSON_OBJECT)
		return zf_fail(e, EX_DATAERR, "standing: not an object");
	*agency = zf_json_get(standing, "agency");
	if (*agency == NULL || zf_json_type(*agency) != ZF_JSON_OBJECT)
		return zf_fail(e, EX_DATAERR, "standing: \"agency\" is %s",
		    *agency == NULL ? "missing" : "not an object");
	for (i = 0; i < 3; i++)
		if ((rc = member_text(*agency, members[i], 1,
			 "standing: agency", &text[i], e)) != 0)
			return rc;
	return 0;
}

int
zf_site_begin(const struct zf_json *standing, size_t nentries,
    zf_site_emit_fn emit, void *ctx, struct zf_site **out, struct zf_err *e)
{
	const struct zf_json *agency = NULL;
	const char *text[3];
	struct zf_site *s = NULL;
	struct zf_buf b;
	size_t i;
	int rc;

	*out = NULL;
	zf_buf_init(&b);
	if ((rc = read_agency(standing, &agency, text, e)) != 0)
		goto out;
	s = xcalloc(1, sizeof(*s));
	s->emit = emit;
	s->ctx = ctx;
	s->agency = xstrdup(text[0]);
	s->address = xstrdup(text[1]);
	s->phone = xstrdup(text[2]);
	s->nentries = nentries;
	s->pages_total = nentries == 0 ? 1 : page_of(nentries);
	zf_buf_init(&s->rows);
	/* Everything is checked before the first file goes out. */
	if ((rc = build_standing(&b, s, standing, agency, e)) != 0)
		goto out;
	for (i = 0; i < sizeof(styles) / sizeof(styles[0]) && rc == 0; i++) {
		struct zf_buf css;

		zf_buf_init(&css);
		put_css(&css, &styles[i]);
		rc = emit_file(s, styles[i].path, &css, e);
		zf_buf_release(&css);
	}
	if (rc == 0)
		rc = emit_page(s, "standing.html", "事前公开信息", &b, e);
out:
	zf_buf_release(&b);
	if (rc != 0) {
		zf_site_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/* EX_SOFTWARE, once any call on s has failed. */
static int
refuse_failed(const struct zf_site *s, struct zf_err *e)
{
	if (!s->failed)
		return 0;
	return zf_fail(e, EX_SOFTWARE,
	    "site: an earlier failure stopped the build of this site");
}

int
zf_site_entry(struct zf_site *s, const struct zf_json *v, struct zf_err *e)
{
	struct seen_page *slot;
	struct entry en;
	size_t number = s->given + 1;
	int rc;

	if ((rc = refuse_failed(s, e)) != 0)
		return rc;
	memset(&en, 0, sizeof(en));
	if (number > s->nentries) {
		rc = zf_fail(e, EX_SOFTWARE,
		    "site: entry %zu is one more than the %zu announced "
		    "to zf_site_begin",
		    number, s->nentries);
		goto out;
	}
	if ((rc = read_entry(v, number, &en, e)) != 0)
		goto out;
	if (s->seen_cap > 0 && (slot = seen_slot(s, en.page))->page != NULL) {
		rc = zf_fail(e, EX_DATAERR,
		    "entry %zu: page '%s' is entry %zu's page too", number,
		    en.page, slot->entry);
		goto out;
	}
	seen_add(s, en.page, number);
	s->given = number;
	if ((rc = emit_decision(s, &en, number, e)) != 0)
		goto out;
	add_index_row(s, &en, number);
	if (s->page_rows == ZF_SITE_INDEX_ROWS)
		rc = emit_index_page(s, e);
out:
	free(en.joined);
	if (rc != 0)
		s->failed = 1;
	return rc;
}

int
zf_site_end(struct zf_site *s, struct zf_err *e)
{
	int rc;

	if ((rc = refuse_failed(s, e)) != 0)
		return rc;
	if (s->given != s->nentries)
		rc = zf_fail(e, EX_SOFTWARE,
		    "site: %zu entries were announced to zf_site_begin but "
		    "%zu given",
		    s->nentries, s->given);
	else if (s->page_rows > 0 || s->pages == 0)
		rc = emit_index_page(s, e);
	if (rc != 0)
		s->failed = 1;
	return rc;
}

void
zf_site_free(struct zf_site *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->seen_cap; i++)
		free(s->seen[i].page);
	free(s->seen);
	zf_buf_release(&s->rows);
	free(s->agency);
	free(s->address);
	free(s->phone);
	free(s);
}

/* The files zf_site_build collects. */
struct file_list {
	struct zf_site_file *files;
	size_t n, cap;
};

static int
collect(void *ctx, const char *path, const char *data, size_t len,
    struct zf_err *e)
{
	struct file_list *l = ctx;
	struct zf_site_file *f;

	(void)e;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->files = xrealloc(l->files, l->cap * sizeof(*l->files));
	}
	f = &l->files[l->n++];
	f->path = xstrdup(path);
	f->data = xmalloc(len + 1);
	memcpy(f->data, data, len);
	f->data[len] = '\0';
	f->len = len;
	return 0;
}

int
zf_site_build(const struct zf_json *standing, const struct zf_json *entries,
    struct zf_site_file **files, size_t *nfiles, struct zf_err *e)
{
	struct file_list l = { NULL, 0, 0 };
	struct zf_site *s = NULL;
	size_t n = 0, i;
	int rc;

	*files = NULL;
	*nfiles = 0;
	if (zf_json_type(entries) == ZF_JSON_ARRAY)
		n = zf_json_len(entries);
	if ((rc = zf_site_begin(standing, n, collect, &l, &s, e)) != 0)
		goto out;
	if (zf_json_type(entries) != ZF_JSON_ARRAY) {
		rc = zf_fail(e, EX_DATAERR, "entries: not an array");
		goto out;
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = zf_site_entry(s, zf_json_at(entries, i), e);
	if (rc == 0)
		rc = zf_site_end(s, e);
out:
	zf_site_free(s);
	if (rc != 0) {
		zf_site_files_free(l.files, l.n);
		return rc;
	}
	*files = l.files;
	*nfiles = l.n;
	return 0;
}

void
zf_site_files_free(struct zf_site_file *files, size_t n)
{
	size_t i;

	if (files == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(files[i].path);
		free(files[i].data);
	}
	free(files);
}
