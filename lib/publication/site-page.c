/* site-page: escaping, checking and laying out what the site's pages show. */
#include "publication/site-page.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "publication/site-style.h"
#include "base/i18n.h"

/* The pages every page links to. */
static const struct {
	const char *page, *label;
} navigation[] = {
	{ "index.html", "公示目录" },
	{ "standing.html", "事前公开信息" },
	{ "search.html", "查询" },
};

/* Text */

/* Appends s with & < > " ' escaped; newlines become <br> when lines. */
void
zf_site_page_escaped(struct zf_buf *b, const char *s, int lines)
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

void
zf_site_page_put(struct zf_buf *b, const char *s)
{
	zf_site_page_escaped(b, s, 0);
}

void
zf_site_page_fill(struct zf_buf *b, const char *tmpl, ...)
{
	const char *hole;
	va_list ap;

	va_start(ap, tmpl);
	while ((hole = strstr(tmpl, "{}")) != NULL) {
		zf_buf_add(b, tmpl, (size_t)(hole - tmpl));
		zf_site_page_put(b, va_arg(ap, const char *));
		tmpl = hole + 2;
	}
	va_end(ap);
	zf_buf_addstr(b, tmpl);
}

/* Appends "../" n times. */
void
zf_site_page_up(struct zf_buf *b, int n)
{
	while (n-- > 0)
		zf_buf_addstr(b, "../");
}

/* Appends a date as <time>, e.g. 2026年11月16日. */
void
zf_site_page_date(struct zf_buf *b, const char *s)
{
	zf_buf_addstr(b, "<time datetime=\"");
	zf_site_page_put(b, s);
	zf_buf_printf(b, "\">%.4s年%d月%d日</time>", s,
	    (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0'));
}

/* NULL when s may be published; otherwise why not. */
static const char *
unprintable(const char *s, size_t len)
{
	size_t i;

	if (strlen(s) != len)
		return _("contains a NUL character");
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f)
			return _("contains a control character");
		/* U+0080..U+009F, the C1 controls. */
		if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9f)
			return _("contains a control character");
	}
	return NULL;
}

/* The string v as *out, when it is a string that may be published. */
int
zf_site_page_text(const struct zf_json *v, const char *where, const char *name,
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
int
zf_site_page_member(const struct zf_json *o, const char *name, int required,
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
	if ((rc = zf_site_page_text(v, where, name, out, e)) != 0)
		return rc;
	if (required && **out == '\0')
		return zf_fail(e, EX_DATAERR, "%s: \"%s\" is empty", where,
		    name);
	return 0;
}

/* Member name of o as an array in *out; NULL when optional and absent. */
int
zf_site_page_array(const struct zf_json *o, const char *name, int required,
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
int
zf_site_page_join(const struct zf_json *a, const char *where, const char *name,
    char **out, struct zf_err *e)
{
	struct zf_buf b;
	const char *s;
	size_t i;
	int rc;

	zf_buf_init(&b);
	for (i = 0; i < zf_json_len(a); i++) {
		rc = zf_site_page_text(zf_json_at(a, i), where, name, &s, e);
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

/* Pages */

int
zf_site_page_file(struct zf_site *s, const char *path, const struct zf_buf *b,
    struct zf_err *e)
{
	return s->emit(s->ctx, path, b->data, b->len, e);
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
	zf_site_page_put(b, title);
	if (elder)
		zf_buf_addstr(b, "（长者模式）");
	zf_buf_addstr(b, " - ");
	zf_site_page_put(b, s->agency);
	zf_buf_addstr(b, "</title>\n<link rel=\"stylesheet\" href=\"");
	zf_site_page_up(b, depth + elder);
	zf_buf_addstr(b, zf_site_style_path(elder));
	zf_buf_addstr(b,
	    "\">\n</head>\n<body>\n<a class=\"skip\" "
	    "href=\"#main\">跳到正文</a>\n<header class=\"banner\">\n"
	    "<p class=\"agency\">");
	zf_site_page_put(b, s->agency);
	zf_buf_addstr(b, "</p>\n<nav aria-label=\"网站导航\">\n<ul>\n");
	for (i = 0; i < sizeof(navigation) / sizeof(navigation[0]); i++) {
		zf_buf_addstr(b, "<li><a href=\"");
		zf_site_page_up(b, depth);
		zf_buf_addstr(b, navigation[i].page);
		if (strcmp(name, navigation[i].page) == 0)
			zf_buf_addstr(b, "\" aria-current=\"page");
		zf_buf_printf(b, "\">%s</a></li>\n", navigation[i].label);
	}
	/* The same page in the other style. */
	zf_buf_addstr(b, "<li><a class=\"mode\" href=\"");
	zf_site_page_up(b, depth + elder);
	if (!elder)
		zf_buf_addstr(b, "elder/");
	zf_site_page_put(b, name);
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
	zf_site_page_fill(b, "</main>\n<footer>\n<p>{}　地址：{}　电话：{}"
	    "</p>\n<p>本网站为静态页面，无需脚本即可浏览和查询；"
	    "“长者模式”提供大字版本。</p>\n</footer>\n</body>\n</html>\n",
	    s->agency, s->address, s->phone);
}

/*
 * Emits name and elder/name, both with the same body, where each
 * ZF_SITE_ROOT becomes the way up to the bundle's root.
 */
int
zf_site_page_emit(struct zf_site *s, const char *name, const char *title,
    const struct zf_buf *body, struct zf_err *e)
{
	struct zf_buf b;
	const char *p, *root;
	char *path;
	int elder, rc = 0;

	for (elder = 0; elder <= 1 && rc == 0; elder++) {
		zf_buf_init(&b);
		page_head(&b, s, name, title, elder);
		for (p = body->data;
		     (root = strchr(p, ZF_SITE_ROOT[0])) != NULL;
		     p = root + 1) {
			zf_buf_add(&b, p, (size_t)(root - p));
			zf_site_page_up(&b, depth_of(name) + elder);
		}
		zf_buf_addstr(&b, p);
		page_foot(&b, s);
		path = elder ? xasprintf("elder/%s", name) : xstrdup(name);
		rc = zf_site_page_file(s, path, &b, e);
		free(path);
		zf_buf_release(&b);
	}
	return rc;
}

/*
 * Opens a table in a scrollable region named by its caption; columns
 * is NULL-terminated and each gets a column heading.
 */
void
zf_site_page_table_open(struct zf_buf *b, const char *id, const char *caption,
    const char *const *columns)
{
	zf_buf_printf(b,
	    "<div class=\"table-wrap\" role=\"region\" "
	    "aria-labelledby=\"%s\" tabindex=\"0\">\n<table>\n"
	    "<caption id=\"%s\">",
	    id, id);
	zf_site_page_put(b, caption);
	zf_buf_addstr(b, "</caption>\n");
	if (columns != NULL) {
		zf_buf_addstr(b, "<thead>\n<tr>");
		for (; *columns != NULL; columns++) {
			zf_buf_addstr(b, "<th scope=\"col\">");
			zf_site_page_put(b, *columns);
			zf_buf_addstr(b, "</th>");
		}
		zf_buf_addstr(b, "</tr>\n</thead>\n");
	}
	zf_buf_addstr(b, "<tbody>\n");
}

void
zf_site_page_table_close(struct zf_buf *b)
{
	zf_buf_addstr(b, "</tbody>\n</table>\n</div>\n");
}

/* A row of a two-column table: a heading and a cell opened for its value. */
void
zf_site_page_row_open(struct zf_buf *b, const char *label)
{
	zf_buf_addstr(b, "<tr><th scope=\"row\">");
	zf_site_page_put(b, label);
	zf_buf_addstr(b, "</th><td>");
}
