/*
 * site-style: the colours of the site and its two style sheets, style.css and
 * elder.css, made from data/site.css.
 */
#include "publication/site-style.h"

#include <stddef.h>
#include <string.h>

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

/* The names data/site.css gives the colours, by row of zf_site_colours. */
static const char *const colour_names[C_END] = {
	[C_TEXT] = "text",
	[C_LINK] = "link",
	[C_VISITED] = "visited",
	[C_BANNER] = "banner",
	[C_HEAD] = "head",
	[C_STRIPE] = "stripe",
	[C_LINK_STRIPE] = "link-stripe",
	[C_VISITED_STRIPE] = "visited-stripe",
	[C_NOTICE] = "notice",
	[C_LINK_NOTICE] = "link-notice",
	[C_VISITED_NOTICE] = "visited-notice",
	[C_NOTE] = "note",
	[C_FOCUS] = "focus",
	[C_SKIP] = "skip",
	[C_FLOW] = "flow",
	[C_CURRENT] = "current",
};

/* The two style sheets differ only in these. */
struct style {
	const char *path;
	const char *font_size, *line_height, *measure, *flow_width;
	const char *focus_width;
};

static const struct style styles[ZF_SITE_STYLES] = {
	{ "style.css", "1rem", "1.7", "60rem", "20rem", "3px" },
	{ "elder.css", "1.5rem", "1.9", "70rem", "32rem", "4px" },
};

static const struct {
	const char *name;
	size_t offset;
} parameters[] = {
	{ "font-size", offsetof(struct style, font_size) },
	{ "line-height", offsetof(struct style, line_height) },
	{ "measure", offsetof(struct style, measure) },
	{ "flow-width", offsetof(struct style, flow_width) },
	{ "focus-width", offsetof(struct style, focus_width) },
};

/* The template, data/site.css. */
extern const char zf_data_site_css[];

static int
is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

/* What "${name}" stands for in style st; NULL when nothing. */
static const char *
value(const struct style *st, const char *name, size_t len)
{
	size_t i;

	if (len > 3 && (memcmp(name, "fg:", 3) == 0 ||
	    memcmp(name, "bg:", 3) == 0)) {
		for (i = 0; i < C_END; i++)
			if (is(name + 3, len - 3, colour_names[i]))
				return name[0] == 'f' ? FG(i) : BG(i);
		return NULL;
	}
	for (i = 0; i < sizeof(parameters) / sizeof(parameters[0]); i++)
		if (is(name, len, parameters[i].name))
			return *(const char *const *)((const char *)st +
			    parameters[i].offset);
	return NULL;
}

const char *
zf_site_style_path(int elder)
{
	return styles[elder].path;
}

void
zf_site_style_css(struct zf_buf *b, int elder)
{
	const char *p = zf_data_site_css, *at, *end, *v;

	while ((at = strstr(p, "${")) != NULL &&
	    (end = strchr(at, '}')) != NULL) {
		zf_buf_add(b, p, (size_t)(at - p));
		v = value(&styles[elder], at + 2, (size_t)(end - at - 2));
		/* What stands for nothing is left as it is, to be seen. */
		if (v != NULL)
			zf_buf_addstr(b, v);
		else
			zf_buf_add(b, at, (size_t)(end + 1 - at));
		p = end + 1;
	}
	zf_buf_addstr(b, p);
}
