/*
 * site-pager: the index of the site (公示目录), ZF_SITE_INDEX_ROWS rows a page,
 * and the pagination between its pages.
 */
#include "publication/site-pager.h"

#include <stdlib.h>
#include <string.h>

#include "publication/site-decision.h"

/* The index page number (from 1) that lists the entry-th entry. */
size_t
zf_site_pager_page_of(size_t entry)
{
	return (entry - 1) / ZF_SITE_INDEX_ROWS + 1;
}

/* The name of index page number page: index.html, list/2.html, ... */
void
zf_site_pager_index_name(struct zf_buf *b, size_t page)
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
	zf_site_page_up(b, from > 1);
	zf_site_pager_index_name(b, to);
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
		    "<li><a href=\"" ZF_SITE_ROOT "%s\">%s</a>"
		    "（<code>%s</code>%s%s%s）</li>\n",
		    downloads[i].path, downloads[i].label, downloads[i].path,
		    downloads[i].format != NULL ? "，" : "",
		    downloads[i].format != NULL ? downloads[i].format : "",
		    downloads[i].format != NULL ? " 格式" : "");
	}
	zf_buf_addstr(b, "</ul>\n");
}

/* Emits the current index page with its rows, and starts the next one. */
int
zf_site_pager_emit(struct zf_site *s, struct zf_err *e)
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
	zf_site_pager_index_name(&name, page);
	if (page == 1)
		title = xstrdup("行政执法决定公示");
	else
		title = xasprintf("行政执法决定公示（第 %zu 页）", page);
	zf_buf_addstr(&b, "<h1>");
	zf_site_page_put(&b, title);
	zf_buf_addstr(&b, "</h1>\n<p>");
	zf_site_page_put(&b, s->agency);
	zf_buf_addstr(&b,
	    "依法公示的行政执法决定如下。执法主体、执法人员、"
	    "权责清单、执法程序和救济途径见<a href=\"");
	zf_site_page_up(&b, page > 1);
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
		zf_site_page_table_open(&b, "list-caption", caption, columns);
		free(caption);
		zf_buf_add(&b, s->rows.data, s->rows.len);
		zf_site_page_table_close(&b);
		if (s->pages_total > 1)
			put_pager(&b, page, s->pages_total);
	}
	put_downloads(&b);
	rc = zf_site_page_emit(s, name.data, title, &b, e);
	free(title);
	zf_buf_release(&name);
	zf_buf_release(&b);
	zf_buf_reset(&s->rows);
	s->page_rows = 0;
	s->pages++;
	return rc;
}

/* The entry's row in the index page that lists it. */
void
zf_site_pager_add_row(struct zf_site *s, const struct entry *en, size_t number)
{
	struct zf_buf *b = &s->rows;

	zf_buf_addstr(b, "<tr><th scope=\"row\">");
	zf_site_page_put(b, en->number);
	if (en->withdrawn != NULL)
		zf_buf_addstr(b, "<span class=\"flag\">已撤回</span>");
	else if (en->note != NULL)
		zf_buf_addstr(b, "<span class=\"flag\">已更正</span>");
	zf_site_page_fill(b, "</th><td>{}</td><td>{}</td><td>", en->party,
	    en->kind_name);
	zf_site_page_date(b, en->decided);
	zf_buf_addstr(b, "</td><td>");
	if (en->until != NULL)
		zf_site_page_date(b, en->until);
	else
		zf_buf_addstr(b, "未设定");
	zf_buf_addstr(b, "</td><td><a href=\"");
	zf_site_page_up(b, zf_site_pager_page_of(number) > 1);
	zf_buf_addstr(b, "decisions/");
	zf_site_page_put(b, en->page);
	zf_buf_addstr(b, "\">查看<span class=\"vh\">决定 ");
	zf_site_page_put(b, en->number);
	zf_buf_addstr(b, "</span></a></td></tr>\n");
	s->page_rows++;
}
