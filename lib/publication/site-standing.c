/*
 * site-standing: the standing page (事前公开信息): the agency and the other
 * subjects, officers, 权责清单, legal bases, a flowchart per kind of
 * case, remedies and the 随机抽查事项清单.
 */
#include "publication/site-standing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "publication/site-style.h"
#include "rules/procedure.h"

/* A table of the standing information: one row per array element. */
struct column {
	const char *member, *heading;
	int optional;		/* "—" when absent */
};

struct list_table {
	const char *member, *what, *caption, *unit;
	int required;
	struct column columns[7]; /* the first is the row's heading */
	const char *intro;	/* HTML before the table: its heading, ... */
};

/* The lists of standing information, in the order of the page. */
enum { SUBJECTS, OFFICERS, POWERS, INSPECTIONS, GUIDE };
static const struct list_table list_tables[] = {
	[SUBJECTS] = { "subjects", "subject", "其他执法主体", "个", 0,
	    { { "name", "名称" }, { "basis", "主体资格依据" } } },
	[OFFICERS] = { "officers", "officer", "执法人员", "名", 1,
	    { { "name", "姓名" }, { "certificate", "执法证号" },
	    { "fields", "执法领域" } },
	    "<h2 id=\"officers\">执法人员</h2>\n"
	    "<p>执法人员应当持证上岗，执法时不少于两人并主动出示执法证件。"
	    "</p>\n" },
	[POWERS] = { "powers", "power", "权责清单", "项", 1,
	    { { "name", "事项名称" }, { "basis", "设定依据" } },
	    "<h2 id=\"powers\">权责清单</h2>\n" },
	[INSPECTIONS] = { "inspections", "inspection item", "随机抽查事项清单",
	    "项", 1, { { "item", "抽查事项" }, { "basis", "抽查依据" },
	    { "frequency", "抽查频次" } },
	    "<h2 id=\"inspections\">随机抽查事项清单</h2>\n"
	    "<p>抽查实行“双随机、一公开”：从检查对象名录库中随机抽取检查"
	    "对象，从执法人员名录库中随机选派执法检查人员，抽查结果自"
	    "检查结束之日起二十个工作日内公开。</p>\n" },
	[GUIDE] = { "guide", "guide item", "服务指南", "项", 0,
	    { { "item", "事项" }, { "conditions", "受理条件" },
	    { "materials", "申请材料", 1 }, { "office", "受理机构、审批机构" },
	    { "limit", "办理时限", 1 }, { "basis", "设定依据" } },
	    "<h2 id=\"guide\">服务指南</h2>\n"
	    "<p>申请人向本机关提出申请；申请材料不齐全的，本机关一次告知需要"
	    "补正的全部内容。</p>\n" },
};

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

/* The agency's own table and, when given, the other subjects'. */
static int
put_agency(struct zf_buf *b, const struct zf_json *agency, struct zf_err *e)
{
	const char *value;
	size_t i;
	int rc;

	zf_site_page_table_open(b, "agency-caption", "执法机关", NULL);
	for (i = 0; i < sizeof(agency_rows) / sizeof(agency_rows[0]); i++) {
		if ((rc = zf_site_page_member(agency, agency_rows[i].member,
			 agency_rows[i].required, "standing: agency", &value,
			 e)) != 0)
			return rc;
		if (value == NULL)
			continue;
		zf_site_page_row_open(b, agency_rows[i].label);
		/* Only a web address is a link: never javascript: or data:. */
		if (strcmp(agency_rows[i].member, "site") == 0 &&
		    (strncmp(value, "https://", 8) == 0 ||
			strncmp(value, "http://", 7) == 0)) {
			zf_buf_addstr(b, "<a href=\"");
			zf_site_page_put(b, value);
			zf_buf_addstr(b, "\">");
			zf_site_page_put(b, value);
			zf_buf_addstr(b, "</a>");
		} else {
			zf_site_page_put(b, value);
		}
		zf_buf_addstr(b, "</td></tr>\n");
	}
	zf_site_page_table_close(b);
	return 0;
}

/* One cell: a string, or an array of strings joined with "、". */
static int
put_cell(struct zf_buf *b, const struct zf_json *o, const char *member,
    int optional, const char *where, struct zf_err *e)
{
	const struct zf_json *v = zf_json_get(o, member);
	const char *s;
	char *joined;
	int rc;

	if (v != NULL && zf_json_type(v) == ZF_JSON_ARRAY) {
		if ((rc = zf_site_page_join(v, where, member, &joined, e)) != 0)
			return rc;
		zf_site_page_put(b, joined);
		free(joined);
		return 0;
	}
	if ((rc = zf_site_page_member(o, member, !optional, where, &s,
	    e)) != 0)
		return rc;
	zf_site_page_put(b, s != NULL ? s : "—");
	return 0;
}

/* 投诉举报: how to complain of an enforcement act. */
static int
put_complaints(struct zf_buf *b, const struct zf_json *standing,
    struct zf_err *e)
{
	static const struct {
		const char *member, *label;
	} rows[] = {
		{ "phone", "投诉举报电话" },
		{ "address", "来信来访地址" },
		{ "online", "网上投诉" },
	};
	const struct zf_json *c = zf_json_get(standing, "complaints");
	const char *v;
	size_t i;
	int rc;

	zf_buf_addstr(b, "<h2 id=\"complaints\">投诉举报</h2>\n<p>对本机关"
	    "及其执法人员的行政执法行为有意见的，可以投诉、举报；本机关依法"
	    "受理、调查并答复。也可拨打 12345 政务服务便民热线。</p>\n");
	if (c == NULL)
		return 0;
	zf_site_page_table_open(b, "complaints-caption", "投诉举报渠道",
	    NULL);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if ((rc = zf_site_page_member(c, rows[i].member, 0,
		    "standing: complaints", &v, e)) != 0)
			return rc;
		if (v == NULL)
			continue;
		zf_site_page_row_open(b, rows[i].label);
		zf_site_page_put(b, v);
		zf_buf_addstr(b, "</td></tr>\n");
	}
	zf_site_page_table_close(b);
	return 0;
}

static int
put_list_table(struct zf_buf *b, const struct zf_json *standing,
    const struct list_table *t, struct zf_err *e)
{
	const char *headings[8];
	const struct zf_json *a, *o;
	char where[96], *caption, id[48];
	size_t i, c;
	int rc;

	if (t->intro != NULL)
		zf_buf_addstr(b, t->intro);

	if ((rc = zf_site_page_array(standing, t->member, t->required,
		 "standing", &a, e)) != 0)
		return rc;
	if (a == NULL)
		return 0;
	if (zf_json_len(a) == 0) {
		zf_buf_addstr(b, "<p>暂无公开的");
		zf_site_page_put(b, t->caption);
		zf_buf_addstr(b, "。</p>\n");
		return 0;
	}
	for (c = 0; t->columns[c].member != NULL; c++)
		headings[c] = t->columns[c].heading;
	headings[c] = NULL;
	caption =
	    xasprintf("%s（共 %zu %s）", t->caption, zf_json_len(a), t->unit);
	snprintf(id, sizeof(id), "%s-caption", t->member);
	zf_site_page_table_open(b, id, caption, headings);
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
			if ((rc = put_cell(b, o, t->columns[c].member,
			    t->columns[c].optional, where, e)) != 0)
				return rc;
			zf_buf_addstr(b, c == 0 ? "</th>" : "</td>");
		}
		zf_buf_addstr(b, "</tr>\n");
	}
	zf_site_page_table_close(b);
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

	if ((rc = zf_site_page_array(standing, "bases", 1, "standing", &a,
		 e)) != 0)
		return rc;
	if (zf_json_len(a) == 0) {
		zf_buf_addstr(b, "<p>暂无公开的执法依据。</p>\n");
		return 0;
	}
	zf_buf_addstr(b, "<ul>\n");
	for (i = 0; i < zf_json_len(a); i++) {
		snprintf(where, sizeof(where), "standing: basis %zu", i + 1);
		if ((rc = zf_site_page_text(zf_json_at(a, i), where, "bases",
			 &s, e)) != 0)
			return rc;
		zf_buf_addstr(b, "<li>");
		zf_site_page_put(b, s);
		zf_buf_addstr(b, "</li>\n");
	}
	zf_buf_addstr(b, "</ul>\n");
	return 0;
}

/* Flowchart geometry, in SVG user units. */
#define FLOW_WIDTH 620
#define FLOW_MAIN_X 16
#define FLOW_MAIN_WIDTH 250
#define FLOW_BRANCH_X 306
#define FLOW_BRANCH_WIDTH 300
#define FLOW_BOX_HEIGHT 40
#define FLOW_PITCH 76
#define FLOW_MARGIN 8
#define FLOW_WORDS 16		/* steps on the main path, at most */

/* The Chinese name of a step of the graph ("filed" is 立案). */
static const char *
step_chinese(const char *step)
{
	const struct zf_step_def *d = zf_step_find(step);

	if (strcmp(step, "filed") == 0)
		return "立案";
	return d != NULL ? d->chinese : step;
}

/* Splits the space-separated words of s into w (at most max), in place. */
static size_t
words(char *s, char **w, size_t max)
{
	size_t n = 0;
	char *p;

	while (n < max && (p = strsep(&s, " ")) != NULL)
		if (*p != '\0')
			w[n++] = p;
	return n;
}

/* The note of a conditional step of the main path ("重大执法决定"). */
static const char *
note_of(char **cond, size_t ncond, const char *step)
{
	size_t i, len = strlen(step);

	for (i = 0; i < ncond; i++)
		if (strncmp(cond[i], step, len) == 0 && cond[i][len] == '=')
			return cond[i] + len + 1;
	return NULL;
}

/* The clocks a step starts, as the standing information gives them. */
static void
put_clocks(struct zf_buf *b, const struct zf_json *clocks, const char *step,
    int x, int y)
{
	size_t i, n = 0;

	for (i = 0; i < zf_json_len(clocks); i++) {
		const struct zf_json *c = zf_json_at(clocks, i);
		const char *from = zf_json_get_str(c, "from");
		const char *text = zf_json_get_str(c, "text");

		if (from == NULL || text == NULL || strcmp(from, step) != 0 ||
		    n >= 2)
			continue;
		zf_buf_printf(b, "<text class=\"clock\" x=\"%d\" y=\"%d\" "
		    "font-size=\"12\" fill=\"%s\">", x, y + 14 * (int)n,
		    FG(C_FLOW));
		zf_site_page_put(b, text);
		zf_buf_addstr(b, "</text>\n");
		n++;
	}
}

/* An arrow's head at (x, y), pointing down (dy 1) or right (dy 0). */
static void
put_head(struct zf_buf *b, int x, int y, int down)
{
	if (down)
		zf_buf_printf(b, "<path d=\"M%d %dL%d %dL%d %dZ\" fill=\"%s\"/>"
		    "\n", x - 6, y - 9, x + 6, y - 9, x, y, FG(C_FLOW));
	else
		zf_buf_printf(b, "<path d=\"M%d %dL%d %dL%d %dZ\" fill=\"%s\"/>"
		    "\n", x - 9, y - 6, x - 9, y + 6, x, y, FG(C_FLOW));
}

static void
put_box(struct zf_buf *b, int x, int y, int width, int dashed,
    const char *step)
{
	zf_buf_printf(b, "<rect data-step=\"%s\" x=\"%d\" y=\"%d\" "
	    "width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\" stroke=\"%s\" "
	    "stroke-width=\"2\"%s/>\n", step, x, y, width, FLOW_BOX_HEIGHT,
	    BG(C_FLOW), FG(C_FLOW), dashed ? " stroke-dasharray=\"6 4\"" : "");
}

/*
 * The procedure of one kind of case as a graph (procedure.h's zf_flows):
 * the main path in the order the programs enforce it, solid boxes joined
 * by arrows, a step taken only in some cases with its condition; the
 * optional branches in dashed boxes to the right, each from the step it
 * is taken at; the clocks a step starts beside the arrow leaving it.
 * Each arrow names its ends (data-from, data-to).  Then the same as a
 * list.
 */
static void
put_flowchart(struct zf_buf *b, const char *kind, const char *chinese,
    const struct zf_json *clocks)
{
	const struct zf_flow *f = zf_flow_find(kind);
	char *mainv, *condv, *branv, *path[FLOW_WORDS], *cond[FLOW_WORDS];
	char *bran[FLOW_WORDS];
	size_t n, ncond, nbran, i, j, k, rows = 0, row;
	int height, y, yb, mid = FLOW_MAIN_X + FLOW_MAIN_WIDTH / 2;

	if (f == NULL)
		return;
	mainv = xstrdup(f->main);
	condv = xstrdup(f->conditional);
	branv = xstrdup(f->branches);
	n = words(mainv, path, FLOW_WORDS);
	ncond = words(condv, cond, FLOW_WORDS);
	nbran = words(branv, bran, FLOW_WORDS);
	/* A main step takes a row for each branch taken from it. */
	for (i = 0; i < n; i++) {
		size_t m = 0, len = strlen(path[i]);

		for (j = 0; j < nbran; j++)
			m += strncmp(bran[j], path[i], len) == 0 &&
			    bran[j][len] == ':';
		rows += m > 0 ? m : 1;
	}
	height = 2 * FLOW_MARGIN + (int)rows * FLOW_PITCH -
	    (FLOW_PITCH - FLOW_BOX_HEIGHT);
	zf_buf_printf(b, "<h3 id=\"flow-%s\">", kind);
	zf_site_page_put(b, chinese);
	zf_buf_printf(b,
	    "程序</h3>\n<svg class=\"flow\" role=\"img\" "
	    "aria-labelledby=\"flow-%s-title flow-%s-desc\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n"
	    "<title id=\"flow-%s-title\">",
	    kind, kind, FLOW_WIDTH, height, FLOW_WIDTH, height, kind);
	zf_site_page_put(b, chinese);
	zf_buf_printf(b, "程序流程图</title>\n<desc id=\"flow-%s-desc\">"
	    "左列为必经步骤，共 %zu 个，自上而下依次进行，从“立案”到“",
	    kind, n);
	zf_site_page_put(b, step_chinese(path[n - 1]));
	zf_buf_addstr(b, "”，括号内为其适用的情形；右列虚线框为视案件情况"
	    "采取的步骤；箭头旁为期限。图下的列表列出相同的内容。</desc>\n");
	row = 0;
	for (i = 0; i < n; i++) {
		const char *note = note_of(cond, ncond, path[i]);
		size_t len = strlen(path[i]), first = row;

		y = FLOW_MARGIN + (int)row * FLOW_PITCH;
		put_box(b, FLOW_MAIN_X, y, FLOW_MAIN_WIDTH, 0, path[i]);
		zf_buf_printf(b, "<text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\" font-size=\"16\" fill=\"%s\">",
		    mid, y + 26, FG(C_FLOW));
		zf_site_page_put(b, step_chinese(path[i]));
		if (note != NULL) {
			zf_buf_addstr(b, "（");
			zf_site_page_put(b, note);
			zf_buf_addstr(b, "）");
		}
		zf_buf_addstr(b, "</text>\n");
		/* The branches taken from this step, a row each. */
		for (j = 0, k = 0; j < nbran; j++) {
			char *chain, *steps[FLOW_WORDS], *copy;
			size_t ns, t;

			if (strncmp(bran[j], path[i], len) != 0 ||
			    bran[j][len] != ':')
				continue;
			copy = xstrdup(bran[j] + len + 1);
			chain = copy;
			for (ns = 0; ns < FLOW_WORDS &&
			    (steps[ns] = strsep(&chain, ":")) != NULL; ns++)
				continue;
			yb = FLOW_MARGIN + (int)(first + k) * FLOW_PITCH;
			put_box(b, FLOW_BRANCH_X, yb, FLOW_BRANCH_WIDTH, 1,
			    steps[0]);
			zf_buf_printf(b, "<text x=\"%d\" y=\"%d\" "
			    "text-anchor=\"middle\" font-size=\"14\" "
			    "fill=\"%s\">", FLOW_BRANCH_X +
			    FLOW_BRANCH_WIDTH / 2, yb + 25, FG(C_FLOW));
			for (t = 0; t < ns; t++) {
				if (t > 0)
					zf_buf_addstr(b, "→");
				zf_site_page_put(b, step_chinese(steps[t]));
			}
			zf_buf_addstr(b, "</text>\n");
			zf_buf_printf(b, "<path data-from=\"%s\" "
			    "data-to=\"%s\" d=\"M%d %dH%d V%d H%d\" "
			    "fill=\"none\" "
			    "stroke=\"%s\" stroke-width=\"2\" "
			    "stroke-dasharray=\"4 3\"/>\n", path[i], steps[0],
			    FLOW_MAIN_X + FLOW_MAIN_WIDTH, y + 20,
			    FLOW_MAIN_X + FLOW_MAIN_WIDTH + 18, yb + 20,
			    FLOW_BRANCH_X - 9, FG(C_FLOW));
			put_head(b, FLOW_BRANCH_X - 1, yb + 20, 0);
			free(copy);
			k++;
		}
		row += k > 0 ? k : 1;
		if (i + 1 < n) {
			int ynext = FLOW_MARGIN + (int)row * FLOW_PITCH;

			zf_buf_printf(b, "<path data-from=\"%s\" "
			    "data-to=\"%s\" d=\"M%d %dV%d\" stroke=\"%s\" "
			    "stroke-width=\"2\"/>\n", path[i], path[i + 1], mid,
			    y +
			    FLOW_BOX_HEIGHT, ynext - 9, FG(C_FLOW));
			put_head(b, mid, ynext - 1, 1);
		}
		put_clocks(b, clocks, path[i], mid + 8, y + FLOW_BOX_HEIGHT +
		    14);
	}
	zf_buf_printf(b, "</svg>\n<ol aria-label=\"");
	zf_site_page_put(b, chinese);
	zf_buf_addstr(b, "程序步骤\">\n");
	for (i = 0; i < n; i++) {
		const char *note = note_of(cond, ncond, path[i]);
		size_t len = strlen(path[i]);

		zf_buf_addstr(b, "<li>");
		zf_site_page_put(b, step_chinese(path[i]));
		if (note != NULL) {
			zf_buf_addstr(b, "<span class=\"note\">（");
			zf_site_page_put(b, note);
			zf_buf_addstr(b, "）</span>");
		}
		for (j = 0; j < nbran; j++) {
			char *copy, *chain, *w;
			int t = 0;

			if (strncmp(bran[j], path[i], len) != 0 ||
			    bran[j][len] != ':')
				continue;
			zf_buf_addstr(b, "<span class=\"note\">；视情况：");
			copy = xstrdup(bran[j] + len + 1);
			chain = copy;
			while ((w = strsep(&chain, ":")) != NULL) {
				if (t++ > 0)
					zf_buf_addstr(b, "→");
				zf_site_page_put(b, step_chinese(w));
			}
			free(copy);
			zf_buf_addstr(b, "</span>");
		}
		zf_buf_addstr(b, "</li>\n");
	}
	zf_buf_addstr(b, "</ol>\n");
	free(mainv);
	free(condv);
	free(branv);
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
		if ((rc = zf_site_page_member(r, "review", 0,
			 "standing: remedies", &review, e)) != 0 ||
		    (rc = zf_site_page_member(r, "court", 0,
			 "standing: remedies", &court, e)) != 0)
			return rc;
	}
	zf_buf_addstr(b,
	    "<p>公民、法人或者其他组织认为行政行为侵犯其合法"
	    "权益的，可以依法申请行政复议或者提起行政诉讼。</p>\n");
	zf_site_page_table_open(b, "remedies-caption", "救济途径和期限",
	    columns);
	zf_buf_addstr(b,
	    "<tr><th scope=\"row\">行政复议</th><td>自知道或者"
	    "应当知道该行政行为之日起六十日内提出申请（法律规定的申请期限"
	    "超过六十日的除外）</td><td>《中华人民共和国行政复议法》"
	    "第二十条</td><td>");
	zf_site_page_put(b, review != NULL ? review : "依法确定的行政复议机关");
	zf_buf_addstr(b,
	    "</td></tr>\n<tr><th scope=\"row\">行政诉讼</th>"
	    "<td>直接起诉的，自知道或者应当知道作出行政行为之日起六个月内"
	    "提起；经行政复议的，自收到复议决定书之日起十五日内提起</td>"
	    "<td>《中华人民共和国行政诉讼法》第四十六条、第四十五条</td>"
	    "<td>");
	zf_site_page_put(b, court != NULL ? court : "有管辖权的人民法院");
	zf_buf_addstr(b, "</td></tr>\n");
	zf_site_page_table_close(b);
	return 0;
}

/* Links to the pages of each year's enforcement data (site-annual.h). */
static void
put_annual(struct zf_buf *b, const struct zf_json *years)
{
	size_t i;

	if (zf_json_len(years) == 0)
		return;
	zf_buf_addstr(b, "<h2 id=\"annual\">年度行政执法数据</h2>\n<ul>\n");
	for (i = 0; i < zf_json_len(years); i++) {
		const char *y = zf_json_get_str(zf_json_at(years, i), "year");

		if (y == NULL || strlen(y) != 4 || strspn(y, "0123456789") != 4)
			continue;
		zf_buf_printf(b, "<li><a href=\"annual-%s.html\">%s年度行政"
		    "执法数据</a></li>\n", y, y);
	}
	zf_buf_addstr(b, "</ul>\n");
}

/* The body of the standing page in b. */
int
zf_site_standing_build(struct zf_buf *b, const struct zf_site *s,
    const struct zf_json *standing, const struct zf_json *agency,
    struct zf_err *e)
{
	size_t i;
	int rc;

	zf_buf_addstr(b, "<h1>事前公开信息</h1>\n<p>");
	zf_site_page_put(b, s->agency);
	zf_buf_addstr(b,
	    "在实施行政执法前公开以下信息。</p>\n"
	    "<nav aria-label=\"本页目录\">\n<ul>\n"
	    "<li><a href=\"#subjects\">执法主体</a></li>\n"
	    "<li><a href=\"#officers\">执法人员</a></li>\n"
	    "<li><a href=\"#powers\">权责清单</a></li>\n"
	    "<li><a href=\"#bases\">执法依据</a></li>\n"
	    "<li><a href=\"#procedures\">执法程序和流程图</a></li>\n"
	    "<li><a href=\"#remedies\">救济途径</a></li>\n"
	    "<li><a href=\"#inspections\">随机抽查事项清单</a></li>\n");
	if (zf_json_len(zf_json_get(standing, "annual")) > 0)
		zf_buf_addstr(b, "<li><a href=\"#annual\">年度行政执法数据</a>"
		    "</li>\n");
	if (zf_json_len(zf_json_get(standing, "draws")) > 0)
		zf_buf_addstr(b, "<li><a href=\"draws.html\">双随机抽查结果"
		    "</a></li>\n");
	zf_buf_addstr(b, "</ul>\n</nav>\n");

	zf_buf_addstr(b, "<h2 id=\"subjects\">执法主体</h2>\n");
	if ((rc = put_agency(b, agency, e)) != 0 ||
	    (rc = put_list_table(b, standing, &list_tables[SUBJECTS], e)) != 0)
		return rc;
	if ((rc = put_list_table(b, standing, &list_tables[OFFICERS], e)) != 0)
		return rc;
	if ((rc = put_list_table(b, standing, &list_tables[POWERS], e)) != 0)
		return rc;
	zf_buf_addstr(b, "<h2 id=\"bases\">执法依据</h2>\n");
	if ((rc = put_bases(b, standing, e)) != 0)
		return rc;
	zf_buf_addstr(b,
	    "<h2 id=\"procedures\">执法程序和流程图</h2>\n"
	    "<p>每类案件的流程图自上而下列出必经步骤，顺序即系统执行的顺序；"
	    "右侧虚线框为视案件情况采取的步骤；箭头旁为法定或规定的期限。"
	    "每幅图下的编号列表列出相同的内容。</p>\n");
	for (i = 0; zf_case_kinds[i].name != NULL; i++)
		put_flowchart(b, zf_case_kinds[i].name,
		    zf_case_kinds[i].chinese, zf_json_get(zf_json_get(standing,
		    "clocks"), zf_case_kinds[i].name));
	if ((rc = put_list_table(b, standing, &list_tables[GUIDE], e)) != 0)
		return rc;
	zf_buf_addstr(b, "<h2 id=\"remedies\">救济途径</h2>\n");
	if ((rc = put_remedies(b, standing, e)) != 0 ||
	    (rc = put_complaints(b, standing, e)) != 0)
		return rc;
	if ((rc = put_list_table(b, standing, &list_tables[INSPECTIONS],
	    e)) != 0)
		return rc;
	put_annual(b, zf_json_get(standing, "annual"));
	return 0;
}

/* The strings of the agency the pages' banners and footers show. */
int
zf_site_standing_agency(const struct zf_json *standing,
    const struct zf_json **agency, const char *text[3], struct zf_err *e)
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
		if ((rc = zf_site_page_member(*agency, members[i], 1,
			 "standing: agency", &text[i], e)) != 0)
			return rc;
	return 0;
}
