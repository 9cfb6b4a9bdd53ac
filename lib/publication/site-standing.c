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
};

struct list_table {
	const char *member, *what, *caption, *unit;
	int required;
	struct column columns[4]; /* the first is the row's heading */
	const char *intro;	/* HTML before the table: its heading, ... */
};

/* The lists of standing information, in the order of the page. */
enum { SUBJECTS, OFFICERS, POWERS, INSPECTIONS };
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
    const char *where, struct zf_err *e)
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
	if ((rc = zf_site_page_member(o, member, 1, where, &s, e)) != 0)
		return rc;
	zf_site_page_put(b, s);
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
			if ((rc = put_cell(b, o, t->columns[c].member, where,
				 e)) != 0)
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
		zf_site_page_put(b, to->chinese);
		zf_buf_addstr(b, "”阶段");
	} else
		zf_site_page_put(b, st->to);
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
	zf_site_page_put(b, chinese);
	zf_buf_printf(b,
	    "程序</h3>\n<svg class=\"flow\" role=\"img\" "
	    "aria-labelledby=\"flow-%s-title flow-%s-desc\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n"
	    "<title id=\"flow-%s-title\">",
	    kind, kind, FLOW_WIDTH, height, FLOW_WIDTH, height, kind);
	zf_site_page_put(b, chinese);
	zf_buf_printf(b,
	    "程序流程图</title>\n<desc id=\"flow-%s-desc\">"
	    "按程序表的顺序列出 %d 个步骤，从“",
	    kind, n);
	zf_site_page_put(b, first->chinese);
	zf_buf_addstr(b, "”到“");
	zf_site_page_put(b, last->chinese);
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
		zf_site_page_put(b, st->chinese);
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
	zf_site_page_put(b, chinese);
	zf_buf_addstr(b, "程序步骤\">\n");
	for (st = zf_steps; st->name != NULL; st++) {
		if (!(st->kinds & bit))
			continue;
		zf_buf_addstr(b, "<li>");
		zf_site_page_put(b, st->chinese);
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
	    "<li><a href=\"#inspections\">随机抽查事项清单</a></li>\n"
	    "</ul>\n</nav>\n");

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
	    "<p>每类案件的流程图按程序表的顺序列出各个步骤。实线框的步骤"
	    "使案件进入下一阶段，虚线框的步骤视案件情况采取。每幅图下的"
	    "编号列表列出相同的步骤。</p>\n");
	for (i = 0; zf_case_kinds[i].name != NULL; i++)
		put_flowchart(b, zf_case_kinds[i].name,
		    zf_case_kinds[i].chinese);
	zf_buf_addstr(b, "<h2 id=\"remedies\">救济途径</h2>\n");
	if ((rc = put_remedies(b, standing, e)) != 0)
		return rc;
	return put_list_table(b, standing, &list_tables[INSPECTIONS], e);
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
