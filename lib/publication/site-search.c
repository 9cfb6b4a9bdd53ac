/* site-search: the indexes by party and by 文号, and search.html. */
#include "publication/site-search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "publication/site-decision.h"
#include "publication/site-page.h"

struct zf_site_search_row {
	char *party, *number, *page;
	int withdrawn;
};

void
zf_site_search_add(struct zf_site *s, const struct entry *en)
{
	struct zf_site_search_row *r;

	if (s->nsearch == s->capsearch) {
		s->capsearch = s->capsearch ? 2 * s->capsearch : 64;
		s->search = xrealloc(s->search, s->capsearch *
		    sizeof(*s->search));
	}
	r = &s->search[s->nsearch++];
	r->party = xstrdup(en->party);
	r->number = xstrdup(en->number);
	r->page = xstrdup(en->page);
	r->withdrawn = en->withdrawn != NULL;
}

void
zf_site_search_free(struct zf_site *s)
{
	size_t i;

	for (i = 0; i < s->nsearch; i++) {
		free(s->search[i].party);
		free(s->search[i].number);
		free(s->search[i].page);
	}
	free(s->search);
	s->search = NULL;
	s->nsearch = s->capsearch = 0;
}

static int
by_party(const void *x, const void *y)
{
	const struct zf_site_search_row *a = x, *b = y;
	int c = strcmp(a->party, b->party);

	return c != 0 ? c : strcmp(a->number, b->number);
}

/*
 * Text with its runs of ASCII digits compared by value: 〔2026〕2号
 * before 〔2026〕10号.
 */
static int
natural_cmp(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			size_t na, nb;

			while (*a == '0' && a[1] >= '0' && a[1] <= '9')
				a++;
			while (*b == '0' && b[1] >= '0' && b[1] <= '9')
				b++;
			na = strspn(a, "0123456789");
			nb = strspn(b, "0123456789");
			if (na != nb)
				return na < nb ? -1 : 1;
			if (strncmp(a, b, na) != 0)
				return strncmp(a, b, na);
			a += na;
			b += nb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a == *b ? 0 : *a == '\0' ? -1 : 1;
}

static int
by_number(const void *x, const void *y)
{
	const struct zf_site_search_row *a = x, *b = y;
	int c = natural_cmp(a->number, b->number);

	return c != 0 ? c : strcmp(a->page, b->page);
}

/* One page of an index: rows [from, to) of the sorted list. */
static int
emit_index_page(struct zf_site *s, const char *what, const char *label,
    size_t page, size_t pages, size_t from, size_t to, struct zf_err *e)
{
	static const char *const columns[] = { "当事人", "决定书文号", "决定",
		NULL };
	struct zf_buf b;
	char *name, *title, caption[128];
	size_t i;
	int rc;

	zf_buf_init(&b);
	zf_buf_printf(&b, "<h1>按%s查询</h1>\n<p>本页按%s排列本机关公示中的"
	    "全部行政执法决定（第 %zu 页，共 %zu 页）。可用浏览器的“查找”"
	    "功能搜索本页。</p>\n", label, label, page, pages);
	snprintf(caption, sizeof(caption), "按%s排列的决定（第 %zu 页）",
	    label, page);
	zf_site_page_table_open(&b, "search-caption", caption, columns);
	for (i = from; i < to; i++) {
		const struct zf_site_search_row *r = &s->search[i];

		zf_buf_addstr(&b, "<tr><th scope=\"row\">");
		zf_site_page_put(&b, strcmp(what, "party") == 0 ? r->party :
		    r->number);
		zf_buf_addstr(&b, "</th><td>");
		zf_site_page_put(&b, strcmp(what, "party") == 0 ? r->number :
		    r->party);
		if (r->withdrawn)
			zf_buf_addstr(&b, "<span class=\"flag\">已撤回</span>");
		zf_buf_addstr(&b, "</td><td><a href=\"../decisions/");
		zf_site_page_put(&b, r->page);
		zf_buf_addstr(&b, "\">查看<span class=\"vh\">决定 ");
		zf_site_page_put(&b, r->number);
		zf_buf_addstr(&b, "</span></a></td></tr>\n");
	}
	zf_site_page_table_close(&b);
	zf_buf_addstr(&b, "<nav aria-label=\"分页\"><p>");
	if (page > 1)
		zf_buf_printf(&b, "<a href=\"%s-%zu.html\">上一页</a> ", what,
		    page - 1);
	if (page < pages)
		zf_buf_printf(&b, "<a href=\"%s-%zu.html\">下一页</a> ", what,
		    page + 1);
	zf_buf_addstr(&b, "<a href=\"../search.html\">返回查询</a></p>"
	    "</nav>\n");
	name = xasprintf("search/%s-%zu.html", what, page);
	title = xasprintf("按%s查询（第 %zu 页）", label, page);
	rc = zf_site_page_emit(s, name, title, &b, e);
	free(title);
	free(name);
	zf_buf_release(&b);
	return rc;
}

static int
emit_index(struct zf_site *s, const char *what, const char *label,
    int (*cmp)(const void *, const void *), struct zf_err *e)
{
	size_t pages = s->nsearch == 0 ? 1 : (s->nsearch - 1) /
	    ZF_SITE_SEARCH_ROWS + 1, p;
	int rc = 0;

	if (s->nsearch > 1)
		qsort(s->search, s->nsearch, sizeof(*s->search), cmp);
	for (p = 1; rc == 0 && p <= pages; p++) {
		size_t from = (p - 1) * ZF_SITE_SEARCH_ROWS;
		size_t to = from + ZF_SITE_SEARCH_ROWS;

		rc = emit_index_page(s, what, label, p, pages, from,
		    to < s->nsearch ? to : s->nsearch, e);
	}
	return rc;
}

/* A JSON string of s (escaped for JSON and for a <script>-free file). */
static void
json_string(struct zf_buf *b, const char *s)
{
	zf_buf_addch(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			zf_buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == '<' || c == '>' || c == '&')
			zf_buf_printf(b, "\\u%04x", c);
		else
			zf_buf_addch(b, (char)c);
	}
	zf_buf_addch(b, '"');
}

/* search.json: [[party, 文号, page], ...], for the script. */
static int
emit_json(struct zf_site *s, struct zf_err *e)
{
	struct zf_buf b;
	size_t i;
	int rc;

	zf_buf_init(&b);
	zf_buf_addch(&b, '[');
	for (i = 0; i < s->nsearch; i++) {
		zf_buf_addstr(&b, i ? ",\n[" : "[");
		json_string(&b, s->search[i].party);
		zf_buf_addch(&b, ',');
		json_string(&b, s->search[i].number);
		zf_buf_addch(&b, ',');
		json_string(&b, s->search[i].page);
		zf_buf_addch(&b, ']');
	}
	zf_buf_addstr(&b, "]\n");
	rc = zf_site_page_file(s, "search.json", &b, e);
	zf_buf_release(&b);
	return rc;
}

/*
 * The search box, for readers with a script: it filters search.json by
 * what is typed, matching the party's name or the 文号.
 */
static const char search_script[] =
    "<script>\n"
    "(function () {\n"
    "  var box = document.getElementById('search-box');\n"
    "  if (!box || !window.fetch) return;\n"
    "  box.innerHTML = '<label for=\"q\">输入当事人名称或决定书文号</label>"
    "<input id=\"q\" type=\"search\" autocomplete=\"off\">"
    "<ul id=\"hits\" aria-live=\"polite\"></ul>';\n"
    "  var q = document.getElementById('q'), hits = "
    "document.getElementById('hits'), rows = [];\n"
    "  var up = '" ZF_SITE_ROOT "';\n"
    "  fetch(up + 'search.json').then(function (r) { return r.json(); })"
    ".then(function (j) { rows = j; });\n"
    /* 文号 typography folded: brackets, full-width digits, spaces. */
    "  var fold = function (s) { return s.replace(/[\\[(（【［]/g, '〔')"
    ".replace(/[\\])）】］]/g, '〕').replace(/[０-９]/g, function (d) {"
    " return String.fromCharCode(d.charCodeAt(0) - 0xfee0); })"
    ".replace(/\\s/g, ''); };\n"
    "  q.addEventListener('input', function () {\n"
    "    var t = fold(q.value); hits.textContent = '';\n"
    "    if (t === '') return;\n"
    "    rows.filter(function (r) { return r[0].indexOf(t) >= 0 || "
    "fold(r[1]).indexOf(t) >= 0; }).slice(0, 50).forEach(function (r) {\n"
    "      var li = document.createElement('li'), a = "
    "document.createElement('a');\n"
    "      a.href = up + 'decisions/' + r[2]; a.textContent = r[1] + ' ' + "
    "r[0];\n"
    "      li.appendChild(a); hits.appendChild(li);\n"
    "    });\n"
    "  });\n"
    "})();\n"
    "</script>\n";

int
zf_site_search_emit(struct zf_site *s, struct zf_err *e)
{
	struct zf_buf b;
	int rc;

	if ((rc = emit_index(s, "party", "当事人名称", by_party, e)) != 0 ||
	    (rc = emit_index(s, "number", "决定书文号", by_number, e)) != 0 ||
	    (rc = emit_json(s, e)) != 0)
		return rc;
	zf_buf_init(&b);
	zf_buf_addstr(&b, "<h1>查询行政执法决定</h1>\n"
	    "<p>按当事人名称或决定书文号查找本机关公示的行政执法决定：</p>\n"
	    "<ul>\n<li><a href=\"search/party-1.html\">按当事人名称查询"
	    "</a>（按名称排列的全部决定）</li>\n"
	    "<li><a href=\"search/number-1.html\">按决定书文号查询</a>"
	    "（按文号排列的全部决定）</li>\n</ul>\n"
	    "<div id=\"search-box\"></div>\n");
	zf_buf_addstr(&b, search_script);
	rc = zf_site_page_emit(s, "search.html", "查询行政执法决定", &b, e);
	zf_buf_release(&b);
	return rc;
}
