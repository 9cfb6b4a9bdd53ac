/*
 * t-site: the public web site built from standing information and three
 * entries has the right files; every page is accessible (language, one
 * h1, headings in order, tables with captions and scoped headings, skip
 * link, viewport, no script) and escapes hostile text; elder pages and
 * standard pages link to each other; every relative link resolves; the
 * colours reach 4.5:1; python3's HTML parser, when present, finds every
 * tag closed in order; and every refusal returns EX_DATAERR and no files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "err.h"
#include "json.h"
#include "procedure.h"
#include "site.h"

static const char standing_json[] =
    "{\"agency\": {\"name\": \"某市市场监督管理局\","
    " \"code\": \"11330100MB1234567X\","
    " \"address\": \"某市某区人民路 1 号\", \"phone\": \"0571-12345678\","
    " \"site\": \"https://scjg.example.gov.cn/\"},"
    " \"subjects\": [{\"name\": \"某市市场监管综合行政执法队\","
    " \"basis\": \"《某市机构编制委员会关于设立执法队的通知》\"}],"
    " \"officers\": ["
    "  {\"name\": \"张三\", \"certificate\": \"33010012345\","
    "   \"fields\": [\"食品安全\", \"价格监督\"]},"
    "  {\"name\": \"李四\", \"certificate\": \"33010012346\","
    "   \"fields\": [\"特种设备\"]},"
    "  {\"name\": \"王五 & 赵六\", \"certificate\": \"33010012347\","
    "   \"fields\": []}],"
    " \"powers\": ["
    "  {\"name\": \"对生产经营不符合食品安全标准的食品的行政处罚\","
    "   \"basis\": \"《中华人民共和国食品安全法》第一百二十四条\"},"
    "  {\"name\": \"查封、扣押不符合食品安全标准的食品\","
    "   \"basis\": \"《中华人民共和国食品安全法》第一百一十条\"}],"
    " \"bases\": [\"《中华人民共和国行政处罚法》\","
    "  \"《中华人民共和国行政强制法》\","
    "  \"《中华人民共和国食品安全法》\"],"
    " \"inspections\": ["
    "  {\"item\": \"食品生产经营者的监督检查\","
    "   \"basis\": \"《中华人民共和国食品安全法》第一百一十条\","
    "   \"frequency\": \"每年不少于一次\"},"
    "  {\"item\": \"特种设备使用单位的监督检查\","
    "   \"basis\": \"《中华人民共和国特种设备安全法》第五十七条\","
    "   \"frequency\": \"每年抽查比例不低于 5%\"}],"
    " \"remedies\": {\"review\": \"某市人民政府\","
    "  \"court\": \"某市某区人民法院\"}}";

static const char entries_json[] =
    "[{\"id\": \"P2026-0001\", \"page\": \"C2026-0001.html\","
    "  \"kind\": \"penalty\", \"kind_name\": \"行政处罚\","
    "  \"number\": \"某市监罚〔2026〕12号\","
    "  \"party\": \"某某<script>alert(\\\"x\\\")</script>餐饮'有限'公司\","
    "  \"party_kind\": \"法人及非法人组织\","
    "  \"cause\": \"销售超过保质期的食品。\\n货值金额 3000 元。\","
    "  \"outcome\": \"警告，罚款 60000 元\","
    "  \"measures\": [\"警告\", \"罚款\"], \"fine\": \"60000\","
    "  \"decided\": \"2026-11-16\","
    "  \"basis\": \"《中华人民共和国食品安全法》第一百二十四条\","
    "  \"published\": \"2026-11-18\"},"
    " {\"id\": \"P2026-0002\", \"page\": \"C2026-0002.html\","
    "  \"kind\": \"licensing\", \"kind_name\": \"行政许可\","
    "  \"number\": \"某市监许〔2026〕3号\", \"party\": \"张**\","
    "  \"party_kind\": \"自然人\", \"outcome\": \"准予行政许可\","
    "  \"measures\": [\"准予行政许可\"], \"fine\": null,"
    "  \"decided\": \"2026-10-02\", \"published\": \"2026-10-05\"},"
    " {\"id\": \"P2026-0003\", \"page\": \"C2026-0003.html\","
    "  \"kind\": \"compulsion\", \"kind_name\": \"行政强制\","
    "  \"number\": \"某市监强〔2026〕7号\", \"party\": \"某某商店\","
    "  \"party_kind\": \"个体工商户\", \"cause\": \"涉嫌无证经营\","
    "  \"measures\": [\"查封场所、设施或者财物\"],"
    "  \"decided\": \"2026-09-30\"}]";

static const char *const want_paths[] = { "style.css", "elder.css",
	"index.html", "elder/index.html", "standing.html",
	"elder/standing.html", "decisions/C2026-0001.html",
	"elder/decisions/C2026-0001.html", "decisions/C2026-0002.html",
	"elder/decisions/C2026-0002.html", "decisions/C2026-0003.html",
	"elder/decisions/C2026-0003.html", NULL };

/* The Python check: tags closed in order, unique ids, and every in-page
 * reference (href="#x", aria-labelledby) naming an id that exists. */
static const char checker_py[] =
    "import sys\n"
    "from html.parser import HTMLParser\n"
    "VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input',\n"
    "        'link', 'meta', 'source', 'track', 'wbr'}\n"
    "class Check(HTMLParser):\n"
    "    def __init__(self):\n"
    "        super().__init__(convert_charrefs=True)\n"
    "        self.stack, self.ids, self.refs, self.bad = [], set(), [], []\n"
    "    def attrs(self, attrs):\n"
    "        for k, v in attrs:\n"
    "            if k == 'id':\n"
    "                if v in self.ids:\n"
    "                    self.bad.append('duplicate id ' + v)\n"
    "                self.ids.add(v)\n"
    "            if k == 'href' and v.startswith('#'):\n"
    "                self.refs.append(v[1:])\n"
    "            if k == 'aria-labelledby':\n"
    "                self.refs.extend(v.split())\n"
    "    def handle_starttag(self, tag, attrs):\n"
    "        self.attrs(attrs)\n"
    "        if tag not in VOID:\n"
    "            self.stack.append(tag)\n"
    "    def handle_startendtag(self, tag, attrs):\n"
    "        self.attrs(attrs)\n"
    "    def handle_endtag(self, tag):\n"
    "        if not self.stack or self.stack[-1] != tag:\n"
    "            self.bad.append('</%s> closes %s' % (tag, self.stack))\n"
    "        else:\n"
    "            self.stack.pop()\n"
    "status = 0\n"
    "for name in sys.argv[1:]:\n"
    "    p = Check()\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        p.feed(f.read())\n"
    "    p.close()\n"
    "    if p.stack:\n"
    "        p.bad.append('unclosed %s' % p.stack)\n"
    "    p.bad += ['no id ' + r for r in p.refs if r not in p.ids]\n"
    "    for b in p.bad:\n"
    "        print('%s: %s' % (name, b), file=sys.stderr)\n"
    "        status = 1\n"
    "sys.exit(status)\n";

static struct zf_json *
parse(const char *s)
{
	char err[128];
	struct zf_json *v = zf_json_parse(s, strlen(s), err, sizeof(err));

	if (v == NULL)
		fprintf(stderr, "fixture refused: %s\n", err);
	return v;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static const struct zf_site_file *
find(const struct zf_site_file *files, size_t n, const char *path)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(files[i].path, path) == 0)
			return &files[i];
	return NULL;
}

static int
ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && strcmp(s + n - m, end) == 0;
}

/* The fifth root of v in (0, 1], by Newton's method (no libm needed). */
static double
root5(double v)
{
	double y = 1;
	int i;

	for (i = 0; i < 60; i++)
		y = (4 * y + v / (y * y * y * y)) / 5;
	return y;
}

/* WCAG 2 relative luminance of "#rrggbb"; -1 when malformed. */
static double
luminance(const char *hex)
{
	double c[3], x;
	unsigned v[3];
	int i;

	if (strlen(hex) != 7 || hex[0] != '#' ||
	    sscanf(hex + 1, "%2x%2x%2x", &v[0], &v[1], &v[2]) != 3)
		return -1;
	for (i = 0; i < 3; i++) {
		x = v[i] / 255.0;
		/* ((x + 0.055) / 1.055) ^ 2.4 = t^2 * (t^2)^(1/5) */
		if (x <= 0.04045) {
			c[i] = x / 12.92;
		} else {
			double t = (x + 0.055) / 1.055;

			c[i] = t * t * root5(t * t);
		}
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double
contrast(const char *fg, const char *bg)
{
	double a = luminance(fg), b = luminance(bg);

	if (a < 0 || b < 0)
		return 0;
	return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}

/* 1 when some file of the site mentions colour. */
static int
used(const struct zf_site_file *files, size_t n, const char *colour)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strstr(files[i].data, colour) != NULL)
			return 1;
	return 0;
}

/* 1 when every text colour in css is one of the table's. */
static int
only_table_colours(const char *css)
{
	const struct zf_site_colour *c;
	const char *p = css;

	while ((p = strstr(p, "color: #")) != NULL) {
		p += 7;
		for (c = zf_site_colours; c->role != NULL; c++)
			if (strncmp(p, c->foreground, 7) == 0)
				break;
		if (c->role == NULL)
			return 0;
	}
	return 1;
}

static void
test_contrast(const struct zf_site_file *files, size_t n)
{
	const struct zf_site_file *css = find(files, n, "style.css");
	const struct zf_site_file *elder = find(files, n, "elder.css");
	const struct zf_site_colour *c;
	size_t pairs = 0;

	/* The formula itself, against known values. */
	CHECK(contrast("#000000", "#ffffff") > 20.99);
	CHECK(contrast("#000000", "#ffffff") < 21.01);
	CHECK(contrast("#767676", "#ffffff") > 4.5);
	CHECK(contrast("#777777", "#ffffff") < 4.5);
	CHECK(contrast("#ffffff", "#ffffff") < 1.01);
	CHECK(css != NULL && elder != NULL);
	if (css == NULL || elder == NULL)
		return;
	for (c = zf_site_colours; c->role != NULL; c++, pairs++) {
		double r = contrast(c->foreground, c->background);

		if (r < 4.5)
			fprintf(stderr, "%s: %s on %s is %.2f:1\n", c->role,
			    c->foreground, c->background, r);
		CHECK(r >= 4.5);
		/* The site uses the table's colours, and only those. */
		CHECK(used(files, n, c->foreground));
		CHECK(used(files, n, c->background));
	}
	CHECK(pairs >= 10);
	CHECK(only_table_colours(css->data));
	CHECK(only_table_colours(elder->data));
	CHECK(strstr(css->data, "font-size: 1rem") != NULL);
	CHECK(strstr(elder->data, "font-size: 1.5rem") != NULL);
	CHECK(strstr(css->data, ":focus") != NULL);
	CHECK(strstr(css->data, "@media (max-width") != NULL);
}

/* Headings never skip a level going down, and the first is the h1. */
static int
headings_in_order(const char *html)
{
	const char *p = html;
	int prev = 0, level;

	while ((p = strstr(p, "<h")) != NULL) {
		p += 2;
		if (*p < '1' || *p > '6')
			continue;
		level = *p - '0';
		if (level > prev + 1 || (prev == 0 && level != 1))
			return 0;
		prev = level;
	}
	return prev > 0;
}

/* Every <th> has a scope; "<thead" is not a th. */
static int
th_scoped(const char *html)
{
	const char *p = html;

	while ((p = strstr(p, "<th")) != NULL) {
		p += 3;
		if (*p == 'e')
			continue;
		if (strncmp(p, " scope=\"col\"", 12) != 0 &&
		    strncmp(p, " scope=\"row\"", 12) != 0)
			return 0;
	}
	return 1;
}

/* The relative path base/../href normalised, or NULL when it escapes. */
static char *
resolve(const char *from, const char *href)
{
	char *dir = xstrdup(from), *slash, *out;
	size_t len;

	len = strcspn(href, "#");
	if ((slash = strrchr(dir, '/')) != NULL)
		slash[1] = '\0';
	else
		dir[0] = '\0';
	while (strncmp(href, "../", 3) == 0) {
		size_t n = strlen(dir);

		if (n == 0) {
			free(dir);
			return NULL;
		}
		dir[n - 1] = '\0';
		slash = strrchr(dir, '/');
		if (slash != NULL)
			slash[1] = '\0';
		else
			dir[0] = '\0';
		href += 3;
		len -= 3;
	}
	out = xasprintf("%s%.*s", dir, (int)len, href);
	free(dir);
	return out;
}

/* Every href and stylesheet that is not a fragment or a web address. */
static void
check_links(const struct zf_site_file *files, size_t n,
    const struct zf_site_file *f)
{
	const char *p = f->data, *end;
	char *href, *path;

	while ((p = strstr(p, "href=\"")) != NULL) {
		p += 6;
		end = strchr(p, '"');
		if (end == NULL)
			break;
		href = xstrndup(p, (size_t)(end - p));
		if (href[0] != '#' && strncmp(href, "https://", 8) != 0) {
			path = resolve(f->path, href);
			if (path == NULL || find(files, n, path) == NULL)
				fprintf(stderr, "%s: broken link %s\n", f->path,
				    href);
			CHECK(path != NULL && find(files, n, path) != NULL);
			free(path);
		}
		free(href);
		p = end;
	}
}

static void
check_page(const struct zf_site_file *files, size_t n,
    const struct zf_site_file *f)
{
	const char *d = f->data;

	CHECK_INT(strlen(d), f->len);
	CHECK(strncmp(d, "<!DOCTYPE html>\n<html lang=\"zh-CN\">", 35) == 0);
	CHECK_INT(count(d, "<h1"), 1);
	CHECK(strstr(d, "<script") == NULL);
	CHECK(strstr(d, "<SCRIPT") == NULL);
	CHECK(strstr(d, "javascript:") == NULL);
	CHECK_INT(count(d, "<title>"), 1);
	CHECK(strstr(d, "<meta charset=\"utf-8\">") != NULL);
	CHECK(strstr(d,
		  "<meta name=\"viewport\" content=\"width=device-width,"
		  " initial-scale=1\">") != NULL);
	CHECK(strstr(d, "<a class=\"skip\" href=\"#main\">") != NULL);
	CHECK(strstr(d, "<main id=\"main\"") != NULL);
	CHECK(headings_in_order(d));
	CHECK(count(d, "<table>") > 0);
	CHECK_INT(count(d, "<caption"), count(d, "<table>"));
	CHECK(th_scoped(d));
	CHECK_INT(count(d, "<th"),
	    count(d, "<th scope=\"") + count(d, "<thead"));
	CHECK_INT(count(d, "<a "), count(d, "</a>"));
	check_links(files, n, f);
}

/* NAME.html and elder/NAME.html link to each other and use their CSS. */
static void
check_modes(const struct zf_site_file *files, size_t n, const char *name)
{
	const struct zf_site_file *std = find(files, n, name), *old;
	char *elder_path = xasprintf("elder/%s", name), *want;
	int depth = (int)count(name, "/");

	old = find(files, n, elder_path);
	CHECK(std != NULL && old != NULL);
	if (std != NULL && old != NULL) {
		want = xasprintf("href=\"%selder/%s\">长者模式",
		    depth ? "../" : "", name);
		CHECK(strstr(std->data, want) != NULL);
		free(want);
		want = xasprintf("href=\"%s%s\">标准模式",
		    depth ? "../../" : "../", name);
		CHECK(strstr(old->data, want) != NULL);
		free(want);
		want = xasprintf("href=\"%sstyle.css\"", depth ? "../" : "");
		CHECK(strstr(std->data, want) != NULL);
		free(want);
		want =
		    xasprintf("href=\"%selder.css\"", depth ? "../../" : "../");
		CHECK(strstr(old->data, want) != NULL);
		free(want);
		CHECK(strstr(old->data, "（长者模式） - ") != NULL);
		CHECK(strstr(std->data, "（长者模式）") == NULL);
	}
	free(elder_path);
}

/* Counts occurrences of needle between from and the first until. */
static size_t
count_between(const char *from, const char *until, const char *needle)
{
	const char *end = strstr(from, until);
	size_t n = 0;

	if (end == NULL)
		return 0;
	while ((from = strstr(from, needle)) != NULL && from < end) {
		n++;
		from += strlen(needle);
	}
	return n;
}

static void
check_standing(const struct zf_site_file *f)
{
	static const char *const kinds[] = { "penalty", "compulsion",
		"inspection", "levy", "licensing" };
	const struct zf_step_def *st;
	const char *d = f->data, *svg, *ol, *after;
	size_t i, steps;
	char *id;

	CHECK_INT(count(d, "<svg"), 5);
	CHECK_INT(count(d, "role=\"img\""), 5);
	for (i = 0; i < 5; i++) {
		id = xasprintf("<h3 id=\"flow-%s\">", kinds[i]);
		svg = strstr(d, id);
		free(id);
		CHECK(svg != NULL);
		if (svg == NULL)
			continue;
		svg = strstr(svg, "<svg");
		CHECK(svg != NULL &&
		    strncmp(svg,
			"<svg class=\"flow\" "
			"role=\"img\" aria-labelledby=",
			45) == 0);
		if (svg == NULL)
			continue;
		CHECK(
		    strstr(svg, "<title id=\"flow-") == strstr(svg, "<title"));
		CHECK(strstr(svg, "<desc") < strstr(svg, "</svg>"));
		steps = 0;
		for (st = zf_steps; st->name != NULL; st++)
			steps += (st->kinds & zf_kind_bit(kinds[i])) != 0;
		CHECK(steps > 3);
		/* A box per step, an arrow between consecutive boxes. */
		CHECK_INT(count_between(svg, "</svg>", "<rect"), steps);
		CHECK_INT(count_between(svg, "</svg>", "<text"), steps);
		CHECK_INT(count_between(svg, "</svg>", "<path"),
		    2 * (steps - 1));
		/* The list follows the drawing. */
		ol = strstr(svg, "<ol");
		after = strstr(svg, "</svg>\n<ol");
		CHECK(ol != NULL && after != NULL && ol == after + 7);
		if (ol != NULL)
			CHECK_INT(count_between(ol, "</ol>", "<li>"), steps);
	}
	/* The boxes follow the table's order. */
	svg = strstr(d, "<h3 id=\"flow-penalty\">");
	CHECK(svg != NULL &&
	    strstr(svg, ">调查取证</text>") < strstr(svg, ">作出决定</text>"));
	CHECK(svg != NULL &&
	    strstr(svg, ">作出决定</text>") < strstr(svg, ">送达</text>"));
	CHECK(strstr(d, "进入“已决定”阶段") != NULL);
	CHECK(strstr(d, "<h2 id=\"subjects\">") != NULL);
	CHECK(strstr(d,
		  "<th scope=\"row\">张三</th><td>33010012345</td>"
		  "<td>食品安全、价格监督</td>") != NULL);
	CHECK(strstr(d, "王五 &amp; 赵六") != NULL);
	CHECK(strstr(d, "执法人员（共 3 名）") != NULL);
	CHECK(strstr(d, "权责清单（共 2 项）") != NULL);
	CHECK(strstr(d, "随机抽查事项清单（共 2 项）") != NULL);
	CHECK(strstr(d, "其他执法主体（共 1 个）") != NULL);
	CHECK(strstr(d, "<li>《中华人民共和国行政强制法》</li>") != NULL);
	CHECK(strstr(d, "六十日内") != NULL);
	CHECK(strstr(d, "六个月内") != NULL);
	CHECK(strstr(d, "《中华人民共和国行政复议法》") != NULL);
	CHECK(strstr(d, "《中华人民共和国行政诉讼法》") != NULL);
	CHECK(strstr(d, "某市某区人民法院") != NULL);
	CHECK(strstr(d, "二十个工作日") != NULL);
	CHECK(strstr(d, "每年抽查比例不低于 5%") != NULL);
	CHECK(strstr(d, "<a href=\"https://scjg.example.gov.cn/\">") != NULL);
	CHECK(strstr(d, "aria-current=\"page\">事前公开信息") != NULL);
}

static void
check_entries(const struct zf_site_file *files, size_t n)
{
	const struct zf_site_file *index = find(files, n, "index.html");
	const struct zf_site_file *one =
	    find(files, n, "decisions/C2026-0001.html");
	const struct zf_site_file *two =
	    find(files, n, "decisions/C2026-0002.html");
	static const char hostile[] = "某某&lt;script&gt;alert(&quot;x&quot;)"
				      "&lt;/script&gt;餐饮&#39;有限&#39;公司";

	CHECK(index != NULL && one != NULL && two != NULL);
	if (index == NULL || one == NULL || two == NULL)
		return;
	CHECK(strstr(index->data, "现行公示的执法决定（共 3 件）") != NULL);
	CHECK_INT(count(index->data, "<tr>"), 4);
	CHECK(strstr(index->data,
		  "<th scope=\"col\">文号</th>"
		  "<th scope=\"col\">当事人</th><th scope=\"col\">类别</th>"
		  "<th scope=\"col\">决定日期</th>") != NULL);
	CHECK(strstr(index->data, hostile) != NULL);
	CHECK(strstr(index->data, "<a href=\"decisions/C2026-0003.html\">") !=
	    NULL);
	CHECK(strstr(index->data,
		  "<time datetime=\"2026-11-16\">2026年11月"
		  "16日</time>") != NULL);
	CHECK(strstr(index->data, "aria-current=\"page\">公示目录") != NULL);
	/* The order of the entries is kept. */
	CHECK(strstr(index->data, "C2026-0001.html") <
	    strstr(index->data, "C2026-0002.html"));
	CHECK(strstr(one->data, hostile) != NULL);
	CHECK(strstr(one->data,
		  "<title>某市监罚〔2026〕12号 行政处罚决定"
		  "信息公示 - 某市市场监督管理局</title>") != NULL);
	CHECK(strstr(one->data, "<h1>行政处罚决定信息公示</h1>") != NULL);
	CHECK(
	    strstr(one->data, "销售超过保质期的食品。<br>\n货值金额") != NULL);
	CHECK(strstr(one->data,
		  "<th scope=\"row\">处理措施</th><td>警告、罚款"
		  "</td>") != NULL);
	CHECK(strstr(one->data, "<td>60000 元</td>") != NULL);
	CHECK(strstr(one->data, "href=\"../standing.html#remedies\"") != NULL);
	/* Absent and null optional values leave their rows out. */
	CHECK(strstr(two->data, "罚款金额") == NULL);
	CHECK(strstr(two->data, "违法事实") == NULL);
	CHECK(strstr(two->data, "<h1>行政许可决定信息公示</h1>") != NULL);
}

/* Writes the HTML files under dir and runs the Python check on them. */
static void
check_well_formed(const struct zf_site_file *files, size_t n)
{
	char dir[] = "/tmp/t-site.XXXXXX";
	struct zf_buf cmd;
	char *path, *slash;
	FILE *f;
	size_t i;

	if (system("command -v python3 >/dev/null 2>&1") != 0) {
		fprintf(stderr,
		    "t-site: no python3, well-formedness "
		    "not checked\n");
		return;
	}
	CHECK(mkdtemp(dir) != NULL);
	zf_buf_init(&cmd);
	zf_buf_printf(&cmd, "python3 %s/check.py", dir);
	for (i = 0; i <= n; i++) {
		if (i < n && !ends_with(files[i].path, ".html"))
			continue;
		path =
		    xasprintf("%s/%s", dir, i < n ? files[i].path : "check.py");
		for (slash = strchr(path + strlen(dir) + 1, '/'); slash != NULL;
		     slash = strchr(slash + 1, '/')) {
			*slash = '\0';
			mkdir(path, 0700);
			*slash = '/';
		}
		f = fopen(path, "w");
		CHECK(f != NULL);
		if (f != NULL) {
			if (i < n)
				fwrite(files[i].data, 1, files[i].len, f);
			else
				fputs(checker_py, f);
			CHECK(fclose(f) == 0);
		}
		if (i < n)
			zf_buf_printf(&cmd, " %s", path);
		free(path);
	}
	CHECK(system(cmd.data) == 0);
	zf_buf_release(&cmd);
	path = xasprintf("rm -rf %s", dir);
	CHECK(system(path) == 0);
	free(path);
}

/* Builds a site expecting a refusal whose message contains word. */
static void
check_refused(const char *standing, const char *entries, const char *word)
{
	struct zf_json *s = parse(standing), *e = parse(entries);
	struct zf_site_file *files = (struct zf_site_file *)&files;
	struct zf_err err;
	size_t n = 99;
	int rc;

	zf_err_clear(&err);
	CHECK(s != NULL && e != NULL);
	if (s != NULL && e != NULL) {
		rc = zf_site_build(s, e, &files, &n, &err);
		CHECK_INT(rc, EX_DATAERR);
		CHECK_INT(err.code, EX_DATAERR);
		CHECK(files == NULL);
		CHECK_INT(n, 0);
		if (strstr(err.msg, word) == NULL)
			fprintf(stderr, "message \"%s\" lacks \"%s\"\n",
			    err.msg, word);
		CHECK(strstr(err.msg, word) != NULL);
		zf_site_free(files, n);
	}
	zf_json_free(s);
	zf_json_free(e);
}

/* The first fixture entry with member replaced by value (raw JSON). */
static char *
entry_with(const char *member, const char *value)
{
	struct zf_json *all = parse(entries_json), *one, *v, *list;
	char *out;

	one = zf_json_copy(zf_json_at(all, 0));
	v = parse(value);
	zf_json_set(one, member, v);
	list = zf_json_array();
	zf_json_push(list, one);
	out = zf_json_canonical(list, NULL);
	zf_json_free(list);
	zf_json_free(all);
	return out;
}

static void
test_refusals(void)
{
	static const struct {
		const char *member, *value, *word;
	} bad[] = {
		{ "page", "\"../evil.html\"", "page '../evil.html'" },
		{ "page", "\"a/b.html\"", "not a file name" },
		{ "page", "\"C1.htm\"", "ending .html" },
		{ "page", "\".html\"", "page '.html'" },
		{ "decided", "\"2026-13-01\"", "decided '2026-13-01'" },
		{ "decided", "\"16/11/2026\"", "not a date" },
		{ "published", "\"2026-11-18T00:00\"", "published" },
		{ "fine", "\"6万\"", "fine '6万'" },
		{ "fine", "\"1.234\"", "not an amount" },
		{ "fine", "60000", "\"fine\" is not a string" },
		{ "party", "42", "\"party\" is not a string" },
		{ "party", "\"\"", "\"party\" is empty" },
		{ "party", "null", "\"party\" is missing" },
		{ "party", "\"某\\u0000某\"", "NUL" },
		{ "cause", "\"a\\u0007b\"", "control character" },
		{ "cause", "\"a\\u0085b\"", "control character" },
		{ "kind", "\"punishment\"", "unknown kind 'punishment'" },
		{ "measures", "\"警告\"", "\"measures\" is not an array" },
		{ "measures", "[\"警告\", 3]", "\"measures\" is not a string" },
	};
	char *entries, *two;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		entries = entry_with(bad[i].member, bad[i].value);
		check_refused(standing_json, entries, bad[i].word);
		free(entries);
	}
	check_refused(standing_json, "{}", "entries: not an array");
	check_refused(standing_json, "[1]", "entry 1: not an object");
	/* The same page twice. */
	entries = entry_with("id", "\"P2026-0009\"");
	two = xasprintf("[%.*s,%s", (int)(strlen(entries) - 2), entries + 1,
	    entries + 1);
	check_refused(standing_json, two,
	    "entry 2: page 'C2026-0001.html' "
	    "is entry 1's page too");
	free(two);
	free(entries);

	check_refused("[]", "[]", "standing: not an object");
	check_refused("{}", "[]", "\"agency\" is missing");
	check_refused("{\"agency\": {\"name\": \"局\"}}", "[]",
	    "standing: agency: \"address\" is missing");
	check_refused("{\"agency\": {\"name\": \"局\", \"address\": \"路\","
		      " \"phone\": \"1\", \"code\": \"x\"}, \"officers\": [],"
		      " \"powers\": [], \"bases\": [], \"inspections\": []}",
	    "[{\"id\": \"x\"}]", "entry 1: \"page\" is missing");
	check_refused("{\"agency\": {\"name\": \"局\", \"address\": \"路\","
		      " \"phone\": \"1\", \"code\": \"x\"}, \"powers\": [],"
		      " \"bases\": [], \"inspections\": []}",
	    "[]", "standing: \"officers\" is missing");
	check_refused(
	    "{\"agency\": {\"name\": \"局\", \"address\": \"路\","
	    " \"phone\": \"1\", \"code\": \"x\"}, \"officers\": [{\"name\":"
	    " \"甲\", \"fields\": []}], \"powers\": [], \"bases\": [],"
	    " \"inspections\": []}",
	    "[]", "standing: officer 1: \"certificate\" is missing");
	check_refused("{\"agency\": {\"name\": \"局\", \"address\": \"路\","
		      " \"phone\": \"1\", \"code\": \"x\"}, \"officers\": [],"
		      " \"powers\": [], \"bases\": [7], \"inspections\": []}",
	    "[]", "standing: basis 1: \"bases\" is not a string");
	check_refused("{\"agency\": {\"name\": \"局\", \"address\": \"路\","
		      " \"phone\": \"1\", \"code\": \"x\"}, \"officers\": [],"
		      " \"powers\": [], \"bases\": [], \"inspections\": [],"
		      " \"remedies\": []}",
	    "[]", "\"remedies\" is not an object");
}

/* A bare agency, no entries, and a site address that is not a web one. */
static void
test_minimal(void)
{
	struct zf_json *s =
	    parse("{\"agency\": {\"name\": \"某县<b>局</b>\","
		  " \"address\": \"路\", \"phone\": \"1\", \"code\": \"x\","
		  " \"site\": \"javascript:alert(1)\"}, \"officers\": [],"
		  " \"powers\": [], \"bases\": [], \"inspections\": []}");
	struct zf_json *e = parse("[]");
	struct zf_site_file *files;
	const struct zf_site_file *index, *standing;
	struct zf_err err;
	size_t n;

	CHECK(s != NULL && e != NULL);
	if (s == NULL || e == NULL)
		goto out;
	CHECK_INT(zf_site_build(s, e, &files, &n, &err), 0);
	CHECK_INT(n, 6);
	index = find(files, n, "elder/index.html");
	standing = find(files, n, "standing.html");
	CHECK(index != NULL && standing != NULL);
	if (index != NULL && standing != NULL) {
		CHECK(strstr(index->data, "目前没有公示中的执法决定") != NULL);
		CHECK(strstr(index->data, "<table") == NULL);
		CHECK(strstr(index->data, "某县&lt;b&gt;局&lt;/b&gt;") != NULL);
		CHECK(strstr(index->data, "<b>") == NULL);
		/* Shown as text, never as a link. */
		CHECK(strstr(standing->data, "href=\"javascript") == NULL);
		CHECK(strstr(standing->data, "<td>javascript:alert(1)</td>") !=
		    NULL);
		CHECK(strstr(standing->data, "暂无公开的执法人员") != NULL);
		CHECK_INT(count(standing->data, "<svg"), 5);
	}
	zf_site_free(files, n);
out:
	zf_json_free(s);
	zf_json_free(e);
}

int
main(void)
{
	struct zf_json *standing = parse(standing_json);
	struct zf_json *entries = parse(entries_json);
	struct zf_site_file *files = NULL;
	struct zf_err err;
	size_t n = 0, i, html = 0;
	int rc;

	zf_err_clear(&err);
	CHECK(standing != NULL && entries != NULL);
	if (standing == NULL || entries == NULL)
		return check_report("t-site");
	rc = zf_site_build(standing, entries, &files, &n, &err);
	if (rc != 0)
		fprintf(stderr, "zf_site_build: %s\n", err.msg);
	CHECK_INT(rc, 0);
	for (i = 0; want_paths[i] != NULL; i++)
		CHECK(i < n && strcmp(files[i].path, want_paths[i]) == 0);
	CHECK_INT(n, i);
	for (i = 0; i < n; i++) {
		CHECK(files[i].path[0] != '/');
		CHECK(strstr(files[i].path, "..") == NULL);
		CHECK(strspn(files[i].path,
			  "abcdefghijklmnopqrstuvwxyz"
			  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") ==
		    strlen(files[i].path));
		if (!ends_with(files[i].path, ".html"))
			continue;
		html++;
		check_page(files, n, &files[i]);
		if (strncmp(files[i].path, "elder/", 6) != 0)
			check_modes(files, n, files[i].path);
	}
	CHECK_INT(html, 10);
	test_contrast(files, n);
	if (find(files, n, "standing.html") != NULL)
		check_standing(find(files, n, "standing.html"));
	if (find(files, n, "elder/standing.html") != NULL)
		check_standing(find(files, n, "elder/standing.html"));
	check_entries(files, n);
	check_well_formed(files, n);
	zf_site_free(files, n);
	zf_json_free(standing);
	zf_json_free(entries);

	test_refusals();
	test_minimal();
	return check_report("t-site");
}
