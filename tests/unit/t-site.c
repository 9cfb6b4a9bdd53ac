/*
 * t-site: the public web site built from standing information and three
 * entries has the right files; every page is accessible (language, one
 * h1, headings in order, tables with captions and scoped headings, skip
 * link, viewport, no script) and escapes hostile text; elder pages and
 * standard pages link to each other; every relative link resolves; the
 * colours reach 4.5:1; python3's HTML parser, when present, finds every
 * tag closed in order; and every refusal returns EX_DATAERR and no files.
 * The streaming calls emit each file as soon as it is complete, paginate
 * the index (0, 1, 100, 101, 250 and 2,500 entries), and refuse a count
 * of entries other than the one announced, or an emitter's failure.
 *
 *   t-site --write DIR [N]   writes a sample site of N entries (120) of a
 *                            county 住房和城乡建设局 into DIR, for the
 *                            browser check in tests/a11y/
 *   t-site --stream N        builds a site of N entries, emitting into
 *                            nothing, to measure time and memory
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "check.h"
#include "base/err.h"
#include "base/json.h"
#include "rules/procedure.h"
#include "publication/site.h"
#include "publication/site-search.h"

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
    "  \"published\": \"2026-11-18\", \"until\": \"2029-11-18\","
    "  \"party_id\": \"91330100MA2*****1X\","
    "  \"note\": \"原公示的罚款金额有误，\\n已更正为 60000 元。\","
    "  \"proof\": \"log/proofs/7.json\", \"index\": 7},"
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

/* In the order the streaming calls emit them. */
static const char *const want_paths[] = { "style.css", "elder.css",
	"standing.html", "elder/standing.html", "decisions/C2026-0001.html",
	"elder/decisions/C2026-0001.html", "decisions/C2026-0002.html",
	"elder/decisions/C2026-0002.html", "decisions/C2026-0003.html",
	"elder/decisions/C2026-0003.html", "index.html", "elder/index.html",
	"search/party-1.html", "elder/search/party-1.html",
	"search/number-1.html", "elder/search/number-1.html", "search.json",
	"search.html", "elder/search.html", NULL };

/* The bundle's files outside the site that pages may link to. */
static const char *const bundle_paths[] = { "records.json",
	"records-penalty.csv", "records-licensing.csv", "records-other.csv",
	"log/checkpoint", "log/agency.vkey", "log/entries.jsonl", NULL };

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
	/* Every parameter of the template is filled in. */
	CHECK(strstr(css->data, "${") == NULL);
	CHECK(strstr(elder->data, "${") == NULL);
	CHECK(strstr(css->data, "max-width: 20rem") != NULL);
	CHECK(strstr(elder->data, "max-width: 32rem") != NULL);
	CHECK(strstr(elder->data, "outline: 4px solid") != NULL);
	/* The two differ only in those parameters ("1rem", "1.5rem"). */
	CHECK(css->len + 2 == elder->len);
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

/* 1 when path, from the bundle's root, is a file of the site or bundle. */
static int
link_target(const struct zf_site_file *files, size_t n, const char *path)
{
	size_t i;

	if (find(files, n, path) != NULL)
		return 1;
	for (i = 0; bundle_paths[i] != NULL; i++)
		if (strcmp(path, bundle_paths[i]) == 0)
			return 1;
	return strncmp(path, "log/proofs/", 11) == 0 &&
	    strchr(path + 11, '/') == NULL && ends_with(path, ".json");
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
			if (path == NULL || !link_target(files, n, path))
				fprintf(stderr, "%s: broken link %s\n", f->path,
				    href);
			CHECK(path != NULL && link_target(files, n, path));
			free(path);
		}
		free(href);
		p = end;
	}
}

/* The words of a space-separated list. */
static size_t
words_in(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s != '\0'; s++) {
		if (*s != ' ' && !in)
			n++;
		in = *s != ' ';
	}
	return n;
}

static void
check_page(const struct zf_site_file *files, size_t n,
    const struct zf_site_file *f)
{
	const char *d = f->data;

	CHECK_INT(strlen(d), f->len);
	CHECK(strncmp(d, "<!DOCTYPE html>\n<html lang=\"zh-CN\">", 35) == 0);
	CHECK_INT(count(d, "<h1"), 1);
	/* One script on the site: search.html's box, which only adds to a
	 * page that works without it. */
	CHECK(strstr(d, "<script") == NULL || ends_with(f->path,
	    "search.html"));
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
	CHECK(count(d, "<table>") > 0 || ends_with(f->path, "search.html") ||
	    strstr(d, "目前没有公示中的执法决定") != NULL);
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
	const char *d = f->data, *svg, *ol, *after;
	size_t i, steps, branches;
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
		/* The main path and the branches of procedure.h's graph. */
		steps = words_in(zf_flow_find(kinds[i])->main);
		branches = words_in(zf_flow_find(kinds[i])->branches);
		CHECK(steps > 3);
		/* A box per main step and per branch, an arrow (and its
		 * head) between consecutive main steps and to each branch. */
		CHECK_INT(count_between(svg, "</svg>", "<rect"),
		    steps + branches);
		CHECK_INT(count_between(svg, "</svg>", "<text"),
		    steps + branches);
		CHECK_INT(count_between(svg, "</svg>", "<path"),
		    2 * (steps - 1) + 2 * branches);
		CHECK_INT(count_between(svg, "</svg>", "data-from="),
		    steps - 1 + branches);
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
	/* The order the programs enforce: review, then discussion, then
	 * the decision; publication is on the main path, not a branch. */
	CHECK(svg != NULL &&
	    strstr(svg, ">提交法制审核（") < strstr(svg, ">集体讨论（") &&
	    strstr(svg, ">集体讨论（") < strstr(svg, ">作出决定</text>"));
	CHECK(svg != NULL && strstr(svg, "data-from=\"review-submit\" "
	    "data-to=\"discuss\"") != NULL);
	CHECK(svg != NULL && strstr(svg, "<rect data-step=\"publish\" "
	    "x=\"16\"") != NULL);
	CHECK(svg != NULL && strstr(strstr(svg, "<rect data-step=\"publish\""),
	    "/>") < strstr(strstr(svg, "<rect data-step=\"publish\""),
	    "dasharray"));
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
	/* The new members: shown on the page, marked in the index. */
	CHECK(strstr(one->data,
		  "<th scope=\"row\">统一社会信用代码或证件号码</th>"
		  "<td>91330100MA2*****1X</td>") != NULL);
	CHECK(strstr(one->data,
		  "<th scope=\"row\">公示截止日期</th><td><time "
		  "datetime=\"2029-11-18\">2029年11月18日</time>") != NULL);
	CHECK(
	    strstr(one->data,
		"<section class=\"notice\" aria-labelledby=\"correction\">\n"
		"<h2 id=\"correction\">更正说明</h2>\n<p>本条公示信息已更正："
		"原公示的罚款金额有误，<br>\n已更正为 60000 元。</p>") != NULL);
	/* The correction comes before the decision's table. */
	CHECK(strstr(one->data, "更正说明") < strstr(one->data, "<table>"));
	CHECK(strstr(one->data, "<h2 id=\"proof\">公示日志包含证明</h2>") !=
	    NULL);
	CHECK(strstr(one->data, "日志序号为 7。") != NULL);
	CHECK(strstr(one->data,
		  "<a href=\"../log/proofs/7.json\">下载本条的公示日志包含证明"
		  "</a>") != NULL);
	CHECK(strstr(one->data, "publish-verify") != NULL);
	CHECK(strstr(two->data, "公示日志包含证明") == NULL);
	CHECK(strstr(two->data, "更正说明") == NULL);
	CHECK(strstr(two->data, "已更正") == NULL);
	CHECK(strstr(index->data,
		  "某市监罚〔2026〕12号<span class=\"flag\">已更正</span>"
		  "</th>") != NULL);
	CHECK_INT(count(index->data, "已更正"), 1);
	CHECK(
	    strstr(index->data, "<th scope=\"col\">公示截止日期</th>") != NULL);
	CHECK(strstr(index->data,
		  "<td><time datetime=\"2029-11-18\">2029年11月18日</time>"
		  "</td>") != NULL);
	CHECK_INT(count(index->data, "<td>未设定</td>"), 2);
	CHECK(strstr(index->data, "第 1 页，共 1 页；本页列出第 1 至 3 件。") !=
	    NULL);
	CHECK(strstr(index->data, "class=\"pager\"") == NULL);
	CHECK(
	    strstr(index->data, "<h2 id=\"data\">数据下载与核验</h2>") != NULL);
	CHECK(strstr(index->data, "<code>publish-verify</code>") != NULL);
	CHECK(strstr(one->data, "<a href=\"../index.html\">返回公示目录") !=
	    NULL);
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
		zf_site_files_free(files, n);
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
		{ "until", "\"2027-02-30x\"",
		    "until '2027-02-30x' is not a date" },
		{ "until", "20271118", "\"until\" is not a string" },
		{ "party_id", "\"9133\\u001b[0m\"", "control character" },
		{ "party_id", "[]", "\"party_id\" is not a string" },
		{ "note", "\"更正\\u0000\"", "NUL" },
		{ "note", "{}", "\"note\" is not a string" },
		{ "proof", "\"../log/proofs/1.json\"", "proof '../log/proofs" },
		{ "proof", "\"/log/proofs/1.json\"", "not a relative path" },
		{ "proof", "\"log//1.json\"", "proof 'log//1.json'" },
		{ "proof", "\"log/proofs/\"", "proof 'log/proofs/'" },
		{ "proof", "\"log/./1.json\"", "proof 'log/./1.json'" },
		{ "proof", "\"log/a/../1.json\"", "no \"..\"" },
		{ "proof", "\"log/证明.json\"", "proof 'log/证明.json'" },
		{ "proof", "\"javascript:alert(1)\"", "not a relative path" },
		{ "proof", "\"log/1.json?x=\\\"\"", "not a relative path" },
		{ "proof", "\"\"", "proof '' is not" },
		{ "note", "\"\"", "\"note\" is empty" },
		{ "index", "-1", "index -1 is negative" },
		{ "index", "\"12\"", "\"index\" is not an integer" },
		{ "index", "true", "\"index\" is not an integer" },
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
	CHECK_INT(n, 13);
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
	zf_site_files_free(files, n);
out:
	zf_json_free(s);
	zf_json_free(e);
}

/* What a test's emitter saw. */
struct capture {
	struct zf_site_file *files;
	size_t n, cap;
	size_t *during; /* the entry being given when each file came; 0 for
			   zf_site_begin, SIZE_MAX for zf_site_end */
	size_t now; /* the entry being given */
	size_t fail_at; /* refuse the fail_at'th file (from 1); 0: never */
};

static int
capture_emit(void *ctx, const char *path, const char *data, size_t len,
    struct zf_err *e)
{
	struct capture *c = ctx;
	struct zf_site_file *f;

	if (c->fail_at != 0 && c->n + 1 == c->fail_at)
		return zf_fail(e, EX_IOERR, "cannot write '%s': disk full",
		    path);
	CHECK_INT(strlen(data), len);
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->files = xrealloc(c->files, c->cap * sizeof(*c->files));
		c->during = xrealloc(c->during, c->cap * sizeof(*c->during));
	}
	f = &c->files[c->n];
	c->during[c->n++] = c->now;
	f->path = xstrdup(path);
	f->data = xstrndup(data, len);
	f->len = len;
	return 0;
}

static void
capture_release(struct capture *c)
{
	zf_site_files_free(c->files, c->n);
	free(c->during);
	memset(c, 0, sizeof(*c));
}

/* A plain valid entry number i (from 1), of a kind that changes with i. */
static struct zf_json *
make_entry(size_t i)
{
	static const char *const kinds[][2] = { { "penalty", "行政处罚" },
		{ "licensing", "行政许可" }, { "compulsion", "行政强制" },
		{ "inspection", "行政检查" }, { "levy", "行政征收" } };
	struct zf_json *o = zf_json_object();
	char text[96];

	snprintf(text, sizeof(text), "P2026-%05zu", i);
	zf_json_set_str(o, "id", text);
	snprintf(text, sizeof(text), "C2026-%05zu.html", i);
	zf_json_set_str(o, "page", text);
	zf_json_set_str(o, "kind", kinds[i % 5][0]);
	zf_json_set_str(o, "kind_name", kinds[i % 5][1]);
	snprintf(text, sizeof(text), "某县建罚〔2026〕%zu号", i);
	zf_json_set_str(o, "number", text);
	snprintf(text, sizeof(text), "第%zu号当事人有限公司", i);
	zf_json_set_str(o, "party", text);
	zf_json_set_str(o, "decided", "2026-10-01");
	return o;
}

static const char small_standing[] =
    "{\"agency\": {\"name\": \"某县住房和城乡建设局\", \"address\": \"路\","
    " \"phone\": \"1\", \"code\": \"x\"}, \"officers\": [],"
    " \"powers\": [], \"bases\": [], \"inspections\": []}";

/* Gives n entries to a site announced with announced of them. */
static int
stream(struct capture *c, size_t announced, size_t n, struct zf_err *e)
{
	struct zf_json *standing = parse(small_standing), *v;
	struct zf_site *s;
	size_t i;
	int rc;

	rc = zf_site_begin(standing, announced, capture_emit, c, &s, e);
	zf_json_free(standing);
	if (rc != 0)
		return rc;
	for (i = 1; i <= n && rc == 0; i++) {
		c->now = i;
		v = make_entry(i);
		rc = zf_site_entry(s, v, e);
		zf_json_free(v);
	}
	c->now = SIZE_MAX;
	if (rc == 0)
		rc = zf_site_end(s, e);
	zf_site_free(s);
	return rc;
}

/* The name of index page page (from 1), optionally in elder/. */
static char *
index_page(size_t page, int elder)
{
	if (page == 1)
		return xstrdup(elder ? "elder/index.html" : "index.html");
	return xasprintf("%slist/%zu.html", elder ? "elder/" : "", page);
}

static void
check_index_page(const struct capture *c, size_t n, size_t page, size_t pages,
    int elder)
{
	char *name = index_page(page, elder), *want;
	const struct zf_site_file *f = find(c->files, c->n, name);
	size_t rows, at, first = (page - 1) * ZF_SITE_INDEX_ROWS + 1;
	int up = (page > 1) + elder;
	const char *d, *pager;

	CHECK(f != NULL);
	if (f == NULL) {
		fprintf(stderr, "%zu entries: no %s\n", n, name);
		free(name);
		return;
	}
	d = f->data;
	/* Emitted as soon as its last row came, not at the end. */
	at = (size_t)(f - c->files);
	if (n == 0 || (page == pages && n % ZF_SITE_INDEX_ROWS != 0))
		CHECK(c->during[at] == SIZE_MAX);
	else
		CHECK_INT(c->during[at], page * ZF_SITE_INDEX_ROWS);
	rows = n == 0	   ? 0
	    : page < pages ? ZF_SITE_INDEX_ROWS
			   : n - (pages - 1) * ZF_SITE_INDEX_ROWS;
	CHECK_INT(count(d, "<tr>"), rows ? rows + 1 : 0);
	CHECK(rows <= ZF_SITE_INDEX_ROWS);
	CHECK_INT(count(d, "<h1>"), 1);
	want = page == 1
	    ? xstrdup("<h1>行政执法决定公示</h1>")
	    : xasprintf("<h1>行政执法决定公示（第 %zu 页）</h1>", page);
	CHECK(strstr(d, want) != NULL);
	free(want);
	if (n == 0) {
		CHECK(strstr(d, "目前没有公示中的执法决定") != NULL);
		CHECK(strstr(d, "页，共") == NULL);
	} else {
		want =
		    xasprintf("<p>第 %zu 页，共 %zu 页；本页列出第 %zu 至 %zu "
			      "件。</p>",
			page, pages, first, first + rows - 1);
		CHECK(strstr(d, want) != NULL);
		free(want);
		want = xasprintf("现行公示的执法决定（共 %zu 件", n);
		CHECK(strstr(d, want) != NULL);
		free(want);
		/* The first row of the page is the page's first entry. */
		want = xasprintf("<tr><th scope=\"row\">某县建罚〔2026〕%zu号<",
		    first);
		CHECK(strstr(d, want) != NULL);
		free(want);
		want = xasprintf("<a href=\"%sdecisions/C2026-%05zu.html\">",
		    page > 1 ? "../" : "", first);
		CHECK(strstr(d, want) != NULL);
		free(want);
	}
	/* Pagination: only with more than one page. */
	CHECK_INT(count(d, "<nav class=\"pager\" aria-label=\"公示目录分页\">"),
	    pages > 1);
	CHECK_INT(count(d, "aria-current=\"page\"><span class=\"vh\">第 "),
	    pages > 1);
	if (pages > 1) {
		want = xasprintf(" aria-current=\"page\"><span class=\"vh\">第 "
				 "</span>%zu<span class=\"vh\"> 页</span></a>",
		    page);
		CHECK(strstr(d, want) != NULL);
		free(want);
		CHECK_INT(count(d, "rel=\"prev\">上一页</a>"), page > 1);
		CHECK_INT(count(d, "rel=\"next\">下一页</a>"), page < pages);
		/* The first and last pages are always offered. */
		pager = strstr(d, "<nav class=\"pager\"");
		want =
		    xasprintf("href=\"%sindex.html\"", page > 1 ? "../" : "");
		CHECK(
		    pager != NULL && count_between(pager, "</nav>", want) >= 1);
		free(want);
		want = xasprintf("href=\"%slist/%zu.html\"",
		    page > 1 ? "../" : "", pages);
		CHECK(
		    pager != NULL && count_between(pager, "</nav>", want) >= 1);
		free(want);
		/* At most the first, last, two either side and this one. */
		CHECK(pager != NULL &&
		    count_between(pager, "</nav>", "<li><a href") <= 7 + 2);
	}
	/* The bundle's files, relative from wherever the page is. */
	CHECK(strstr(d, "<h2 id=\"data\">数据下载与核验</h2>") != NULL);
	CHECK(strstr(d, "<code>publish-verify</code>") != NULL);
	want = xasprintf("<a href=\"%s%srecords.json\">", up > 0 ? "../" : "",
	    up > 1 ? "../" : "");
	CHECK(strstr(d, want) != NULL);
	free(want);
	want = xasprintf("<a href=\"%s%slog/agency.vkey\">",
	    up > 0 ? "../" : "", up > 1 ? "../" : "");
	CHECK(strstr(d, want) != NULL);
	free(want);
	CHECK_INT(count(d, "</a>（<code>"), 7);
	free(name);
}

/* A site of n entries: its files, index pages, links and order. */
static void
test_pages(size_t n)
{
	size_t pages =
	    n == 0 ? 1 : (n + ZF_SITE_INDEX_ROWS - 1) / ZF_SITE_INDEX_ROWS;
	struct capture c = { 0 };
	struct zf_err err;
	char *want;
	size_t i, html = 0;
	int rc;

	zf_err_clear(&err);
	rc = stream(&c, n, n, &err);
	if (rc != 0)
		fprintf(stderr, "%zu entries: %s\n", n, err.msg);
	CHECK_INT(rc, 0);
	/* And the search: its page, its data and the two indexes. */
	CHECK_INT(c.n, 4 + 2 * n + 2 * pages + 3 + 4 * (n == 0 ? 1 :
	    (n + ZF_SITE_SEARCH_ROWS - 1) / ZF_SITE_SEARCH_ROWS));
	/* Begin's four files come before any entry. */
	CHECK(c.n >= 4 && strcmp(c.files[2].path, "standing.html") == 0);
	for (i = 0; i < 4 && i < c.n; i++)
		CHECK_INT(c.during[i], 0);
	for (i = 0; i < c.n; i++) {
		/* Each decision's pages come while its entry is given. */
		if (strncmp(c.files[i].path, "decisions/", 10) == 0) {
			want = xasprintf("decisions/C2026-%05zu.html",
			    c.during[i]);
			CHECK_STR(c.files[i].path, want);
			free(want);
		}
		CHECK(find(c.files, i, c.files[i].path) == NULL);
		if (!ends_with(c.files[i].path, ".html"))
			continue;
		html++;
		check_page(c.files, c.n, &c.files[i]);
		if (strncmp(c.files[i].path, "elder/", 6) != 0)
			check_modes(c.files, c.n, c.files[i].path);
	}
	CHECK_INT(html, 2 + 2 * n + 2 * pages + 2 + 4 * (n == 0 ? 1 :
	    (n + ZF_SITE_SEARCH_ROWS - 1) / ZF_SITE_SEARCH_ROWS));
	for (i = 1; i <= pages; i++) {
		check_index_page(&c, n, i, pages, 0);
		check_index_page(&c, n, i, pages, 1);
	}
	want = index_page(pages + 1, 0);
	CHECK(find(c.files, c.n, want) == NULL);
	free(want);
	if (n == 250)
		check_well_formed(c.files, c.n);
	/* A decision leads back to the index page that lists it. */
	if (n > ZF_SITE_INDEX_ROWS) {
		const struct zf_site_file *f =
		    find(c.files, c.n, "elder/decisions/C2026-00101.html");

		CHECK(f != NULL &&
		    strstr(f->data,
			"<a href=\"../list/2.html\">返回公示目录") != NULL);
	}
	capture_release(&c);
}

/* Too few or too many entries, and failures after which nothing goes. */
static void
test_counts(void)
{
	struct zf_json *standing = parse(small_standing), *v;
	struct capture c = { 0 };
	struct zf_site *s;
	struct zf_err err;
	size_t before;

	zf_err_clear(&err);
	CHECK_INT(stream(&c, 3, 2, &err), EX_SOFTWARE);
	CHECK(strstr(err.msg,
		  "site: 3 entries were announced to zf_site_begin but 2 "
		  "given") != NULL);
	CHECK(find(c.files, c.n, "index.html") == NULL);
	capture_release(&c);

	CHECK_INT(stream(&c, 2, 3, &err), EX_SOFTWARE);
	CHECK(strstr(err.msg,
		  "site: entry 3 is one more than the 2 announced") != NULL);
	CHECK_INT(c.n, 4 + 4);
	CHECK(find(c.files, c.n, "decisions/C2026-00003.html") == NULL);
	capture_release(&c);

	CHECK_INT(stream(&c, 0, 1, &err), EX_SOFTWARE);
	CHECK(strstr(err.msg, "entry 1 is one more than the 0 announced") !=
	    NULL);
	capture_release(&c);

	/* 150 announced, 100 given: the first page went out, the end fails. */
	CHECK_INT(stream(&c, 150, 100, &err), EX_SOFTWARE);
	CHECK(strstr(err.msg, "150 entries were announced") != NULL);
	CHECK(find(c.files, c.n, "list/2.html") == NULL);
	capture_release(&c);

	/* After a refused entry, the site refuses everything. */
	CHECK_INT(zf_site_begin(standing, 2, capture_emit, &c, &s, &err), 0);
	v = parse("{\"id\": \"x\"}");
	CHECK_INT(zf_site_entry(s, v, &err), EX_DATAERR);
	CHECK(strstr(err.msg, "entry 1: \"page\" is missing") != NULL);
	zf_json_free(v);
	before = c.n;
	v = make_entry(1);
	CHECK_INT(zf_site_entry(s, v, &err), EX_SOFTWARE);
	CHECK(strstr(err.msg, "an earlier failure stopped the build") != NULL);
	CHECK_INT(zf_site_end(s, &err), EX_SOFTWARE);
	CHECK_INT(c.n, before);
	zf_json_free(v);
	zf_site_free(s);
	capture_release(&c);

	/* The emitter's failure comes back as is, and stops the site. */
	c.fail_at = 5;
	CHECK_INT(zf_site_begin(standing, 2, capture_emit, &c, &s, &err), 0);
	v = make_entry(1);
	CHECK_INT(zf_site_entry(s, v, &err), EX_IOERR);
	CHECK(strstr(err.msg, "cannot write 'decisions/C2026-00001.html'") !=
	    NULL);
	zf_json_free(v);
	v = make_entry(2);
	CHECK_INT(zf_site_entry(s, v, &err), EX_SOFTWARE);
	CHECK_INT(zf_site_end(s, &err), EX_SOFTWARE);
	zf_json_free(v);
	zf_site_free(s);
	capture_release(&c);

	c.fail_at = 3;
	s = (struct zf_site *)&s;
	CHECK_INT(zf_site_begin(standing, 0, capture_emit, &c, &s, &err),
	    EX_IOERR);
	CHECK(s == NULL);
	CHECK(strstr(err.msg, "cannot write 'standing.html'") != NULL);
	capture_release(&c);

	/* A refused standing emits nothing. */
	v = parse("{\"agency\": {\"name\": \"局\"}}");
	s = (struct zf_site *)&s;
	CHECK_INT(zf_site_begin(v, 0, capture_emit, &c, &s, &err), EX_DATAERR);
	CHECK(s == NULL);
	CHECK_INT(c.n, 0);
	zf_json_free(v);
	v = parse(small_standing);
	zf_json_set(v, "bases", parse("[1]"));
	CHECK_INT(zf_site_begin(v, 0, capture_emit, &c, &s, &err), EX_DATAERR);
	CHECK_INT(c.n, 0);
	zf_json_free(v);

	/* A page already used, however far back. */
	CHECK_INT(zf_site_begin(standing, 300, capture_emit, &c, &s, &err), 0);
	for (before = 1; before <= 250; before++) {
		v = make_entry(before);
		CHECK_INT(zf_site_entry(s, v, &err), 0);
		zf_json_free(v);
	}
	v = make_entry(251);
	zf_json_set_str(v, "page", "C2026-00007.html");
	before = c.n;
	CHECK_INT(zf_site_entry(s, v, &err), EX_DATAERR);
	CHECK(strstr(err.msg,
		  "entry 251: page 'C2026-00007.html' is entry 7's page "
		  "too") != NULL);
	CHECK_INT(c.n, before);
	zf_json_free(v);
	zf_site_free(s);
	capture_release(&c);
	zf_json_free(standing);
}

/* The sample site's agency: a county housing and construction bureau. */
static const char sample_standing[] =
    "{\"agency\": {\"name\": \"青山县住房和城乡建设局\","
    " \"code\": \"11331122002587436X\","
    " \"address\": \"青山县城关镇建设路 88 号\","
    " \"phone\": \"0578-6123456\","
    " \"site\": \"https://zjj.qingshan.example.gov.cn/\"},"
    " \"subjects\": [{\"name\": \"青山县住房和城乡建设综合行政执法大队\","
    "   \"basis\": \"《青山县机构编制委员会关于设立县住房和城乡建设综合"
    "行政执法大队的批复》（青编〔2021〕14号）\"}],"
    " \"officers\": ["
    "  {\"name\": \"张伟\", \"certificate\": \"33112220001\","
    "   \"fields\": [\"建筑市场\", \"工程质量安全\"]},"
    "  {\"name\": \"李娜\", \"certificate\": \"33112220002\","
    "   \"fields\": [\"建筑市场\", \"房地产市场\"]},"
    "  {\"name\": \"王强\", \"certificate\": \"33112220003\","
    "   \"fields\": [\"城镇燃气\", \"物业管理\"]},"
    "  {\"name\": \"欧阳晓明\", \"certificate\": \"33112220004\","
    "   \"fields\": [\"城市基础设施配套费征收\"]},"
    "  {\"name\": \"陈静\", \"certificate\": \"33112220005\","
    "   \"fields\": [\"工程质量安全\", \"城镇排水\"]}],"
    " \"powers\": ["
    "  {\"name\": \"对未取得施工许可证擅自施工的行政处罚\","
    "   \"basis\": \"《中华人民共和国建筑法》第六十四条；《建设工程质量"
    "管理条例》第五十七条\"},"
    "  {\"name\": \"建筑工程施工许可\","
    "   \"basis\": \"《中华人民共和国建筑法》第七条、第八条\"},"
    "  {\"name\": \"对违法建设工程的查封施工现场\","
    "   \"basis\": \"《中华人民共和国城乡规划法》第六十八条\"},"
    "  {\"name\": \"建设工程质量安全监督检查\","
    "   \"basis\": \"《建设工程质量管理条例》第四十七条\"},"
    "  {\"name\": \"城市基础设施配套费征收\","
    "   \"basis\": \"《浙江省城市基础设施配套费征收管理办法》\"}],"
    " \"bases\": [\"《中华人民共和国行政处罚法》\","
    "  \"《中华人民共和国行政许可法》\", \"《中华人民共和国行政强制法》\","
    "  \"《中华人民共和国建筑法》\", \"《中华人民共和国城乡规划法》\","
    "  \"《建设工程质量管理条例》\", \"《城镇燃气管理条例》\","
    "  \"《物业管理条例》\"],"
    " \"inspections\": ["
    "  {\"item\": \"在建房屋建筑和市政基础设施工程质量安全检查\","
    "   \"basis\": \"《建设工程质量管理条例》第四十七条；《建设工程安全"
    "生产管理条例》第四十三条\","
    "   \"frequency\": \"每季度随机抽取在建项目的 10%\"},"
    "  {\"item\": \"燃气经营企业经营行为检查\","
    "   \"basis\": \"《城镇燃气管理条例》第四十二条\","
    "   \"frequency\": \"每年不少于一次\"},"
    "  {\"item\": \"物业服务企业服务质量检查\","
    "   \"basis\": \"《物业管理条例》第五条\","
    "   \"frequency\": \"每半年随机抽查 5 家\"}],"
    " \"remedies\": {\"review\": \"青山县人民政府\","
    "  \"court\": \"青山县人民法院\"}}";

/* Five decisions, one of each kind, that the sample cycles through. */
static const char *const sample_entries[] = {
	"{\"kind\": \"penalty\", \"kind_name\": \"行政处罚\","
	" \"prefix\": \"青建罚\", \"party\": \"青山县某某建筑工程有限公司\","
	" \"party_kind\": \"法人及非法人组织\","
	" \"party_id\": \"91331122MA2*****7K\","
	" \"cause\": \"经查，当事人承建的青山县城关镇某某小区 3 号楼工程，在"
	"未取得建筑工程施工许可证的情况下，于 2026 年 8 月 12 日擅自开工建"
	"设，至 2026 年 9 月 3 日我局执法人员现场检查时，已完成基础工程及地"
	"上一层主体结构施工。\\n当事人的上述行为违反了《中华人民共和国建筑"
	"法》第七条第一款的规定。\","
	" \"outcome\": \"责令停止施工，限期改正；处工程合同价款百分之一的罚款"
	"计 38650.00 元。\","
	" \"measures\": [\"责令停止施工\", \"限期改正\", \"罚款\"],"
	" \"fine\": \"38650.00\","
	" \"basis\": \"《中华人民共和国建筑法》第六十四条；《建设工程质量管理"
	"条例》第五十七条\"}",
	"{\"kind\": \"licensing\", \"kind_name\": \"行政许可\","
	" \"prefix\": \"青建许\","
	" \"party\": \"青山县城市建设投资集团有限公司\","
	" \"party_kind\": \"法人及非法人组织\","
	" \"party_id\": \"91331122MA2*****3P\","
	" \"outcome\": \"准予核发建筑工程施工许可证，工程名称：青山县第二实验"
	"小学迁建工程，建筑面积 32180 平方米。\","
	" \"measures\": [\"准予行政许可\"],"
	" \"basis\": \"《中华人民共和国建筑法》第七条、第八条\"}",
	"{\"kind\": \"compulsion\", \"kind_name\": \"行政强制\","
	" \"prefix\": \"青建强\", \"party\": \"赵**\","
	" \"party_kind\": \"自然人\","
	" \"party_id\": \"3311**********0012\","
	" \"cause\": \"当事人在青山县溪口乡某某村未取得建设工程规划许可证进行"
	"建设，经责令停止建设后仍继续施工。\","
	" \"outcome\": \"查封施工现场，查封期限三十日。\","
	" \"measures\": [\"查封施工现场\"],"
	" \"basis\": \"《中华人民共和国城乡规划法》第六十八条；《中华人民共和"
	"国行政强制法》第二十二条\"}",
	"{\"kind\": \"inspection\", \"kind_name\": \"行政检查\","
	" \"prefix\": \"青建检\", \"party\": \"青山县某某燃气有限公司\","
	" \"party_kind\": \"法人及非法人组织\","
	" \"party_id\": \"91331122MA2*****5D\","
	" \"cause\": \"按照 2026 年度“双随机、一公开”抽查计划，对燃气经营企业"
	"的经营行为进行检查。\","
	" \"outcome\": \"检查发现瓶装燃气充装台账记录不完整 1 处，已责令当场"
	"改正；未发现其他问题。\","
	" \"basis\": \"《城镇燃气管理条例》第四十二条\"}",
	"{\"kind\": \"levy\", \"kind_name\": \"行政征收\","
	" \"prefix\": \"青建征\", \"party\": \"青山县某某置业有限公司\","
	" \"party_kind\": \"法人及非法人组织\","
	" \"party_id\": \"91331122MA2*****9Q\","
	" \"outcome\": \"征收城市基础设施配套费 1286400 元。\","
	" \"measures\": [\"征收城市基础设施配套费\"],"
	" \"basis\": \"《浙江省城市基础设施配套费征收管理办法》第五条\"}",
};

/* The sample's entry number i (from 1): one of the five, numbered. */
static struct zf_json *
sample_entry(size_t i)
{
	struct zf_json *o = parse(sample_entries[(i - 1) % 5]);
	const char *prefix = zf_json_get_str(o, "prefix");
	char text[128];
	int month = (int)(12 - (i - 1) % 12), day = (int)(28 - (i - 1) % 27);

	snprintf(text, sizeof(text), "P2026-%05zu", i);
	zf_json_set_str(o, "id", text);
	snprintf(text, sizeof(text), "C2026-%05zu.html", i);
	zf_json_set_str(o, "page", text);
	snprintf(text, sizeof(text), "%s〔2026〕%zu号", prefix, i);
	zf_json_set_str(o, "number", text);
	snprintf(text, sizeof(text), "2026-%02d-%02d", month, day);
	zf_json_set_str(o, "decided", text);
	snprintf(text, sizeof(text), "2026-%02d-%02d", month,
	    day == 28 ? 28 : day + 1);
	zf_json_set_str(o, "published", text);
	if (strcmp(zf_json_get_str(o, "kind"), "penalty") == 0) {
		snprintf(text, sizeof(text), "2029-%02d-%02d", month, day);
		zf_json_set_str(o, "until", text);
	}
	if (i == 1)
		zf_json_set_str(o, "note",
		    "2026 年 12 月 3 日更正：原公示的罚款金额“36850.00 元”"
		    "系录入错误，应为“38650.00 元”；决定书内容不变。");
	snprintf(text, sizeof(text), "log/proofs/%zu.json", i - 1);
	zf_json_set_str(o, "proof", text);
	zf_json_set_int(o, "index", (int64_t)(i - 1));
	if (i == 3) {
		/* A withdrawal notice, as publish-export makes one. */
		zf_json_set_str(o, "withdrawn", "2026-12-04");
		zf_json_set_str(o, "withdrawn_reason", "决定已撤销：复议机关"
		    "决定撤销原行政行为（联系人电话 139****5678）");
	}
	return o;
}

/* Writes each file under the folder ctx, making folders as needed. */
static int
write_emit(void *ctx, const char *path, const char *data, size_t len,
    struct zf_err *e)
{
	char *full = xasprintf("%s/%s", (const char *)ctx, path), *slash;
	FILE *f;
	int rc = 0;

	for (slash = strchr(full + strlen(ctx) + 1, '/'); slash != NULL;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(full, 0755) != 0 && errno != EEXIST)
			rc = zf_fail(e, EX_CANTCREAT, "cannot create '%s': %s",
			    full, strerror(errno));
		*slash = '/';
	}
	if (rc == 0 && (f = fopen(full, "w")) == NULL)
		rc = zf_fail(e, EX_CANTCREAT, "cannot create '%s': %s", full,
		    strerror(errno));
	else if (rc == 0 && (fwrite(data, 1, len, f) != len) + fclose(f) != 0)
		rc = zf_fail(e, EX_IOERR, "cannot write '%s': %s", full,
		    strerror(errno));
	free(full);
	return rc;
}

static int
null_emit(void *ctx, const char *path, const char *data, size_t len,
    struct zf_err *e)
{
	(void)path;
	(void)data;
	(void)e;
	*(size_t *)ctx += len;
	return 0;
}

/* Streams the sample site of n entries to emit; 0 or the exit status. */
static int
sample_site(size_t n, zf_site_emit_fn emit, void *ctx)
{
	struct zf_json *standing = parse(sample_standing), *v;
	struct zf_site *s = NULL;
	struct zf_err err;
	size_t i;
	int rc;

	zf_err_clear(&err);
	rc = zf_site_begin(standing, n, emit, ctx, &s, &err);
	for (i = 1; i <= n && rc == 0; i++) {
		v = sample_entry(i);
		rc = zf_site_entry(s, v, &err);
		zf_json_free(v);
	}
	if (rc == 0)
		rc = zf_site_end(s, &err);
	if (rc != 0)
		fprintf(stderr, "t-site: %s\n", err.msg);
	zf_site_free(s);
	zf_json_free(standing);
	return rc;
}

/* A count of entries from the command line; 0 when not one. */
static size_t
count_arg(const char *s)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-')
		return 0;
	return (size_t)n;
}

/* t-site --write DIR [N] and t-site --stream N. */
static int
run_mode(int argc, char **argv)
{
	size_t n, bytes = 0;

	if (strcmp(argv[1], "--write") == 0 && (argc == 3 || argc == 4) &&
	    (n = argc == 4 ? count_arg(argv[3]) : 120) > 0) {
		if (mkdir(argv[2], 0755) != 0 && errno != EEXIST) {
			fprintf(stderr, "t-site: cannot create '%s': %s\n",
			    argv[2], strerror(errno));
			return EX_CANTCREAT;
		}
		return sample_site(n, write_emit, argv[2]);
	}
	if (strcmp(argv[1], "--stream") == 0 && argc == 3 &&
	    (n = count_arg(argv[2])) > 0) {
		if (sample_site(n, null_emit, &bytes) != 0)
			return 1;
		printf("%zu entries, %zu bytes\n", n, bytes);
		return 0;
	}
	fprintf(stderr, "usage: t-site [--write DIR [N] | --stream N]\n");
	return EX_USAGE;
}

int
main(int argc, char **argv)
{
	struct zf_json *standing, *entries;
	struct zf_site_file *files = NULL;
	struct zf_err err;
	size_t n = 0, i, html = 0;
	int rc;

	if (argc > 1)
		return run_mode(argc, argv);
	CHECK_PLAN(204287);
	standing = parse(standing_json);
	entries = parse(entries_json);
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
	CHECK_INT(html, 16);
	test_contrast(files, n);
	if (find(files, n, "standing.html") != NULL)
		check_standing(find(files, n, "standing.html"));
	if (find(files, n, "elder/standing.html") != NULL)
		check_standing(find(files, n, "elder/standing.html"));
	check_entries(files, n);
	check_well_formed(files, n);
	zf_site_files_free(files, n);
	zf_json_free(standing);
	zf_json_free(entries);

	test_refusals();
	test_minimal();
	test_pages(0);
	test_pages(1);
	test_pages(ZF_SITE_INDEX_ROWS);
	test_pages(ZF_SITE_INDEX_ROWS + 1);
	test_pages(250);
	test_pages(2500);
	test_counts();
	return check_report("t-site");
}
