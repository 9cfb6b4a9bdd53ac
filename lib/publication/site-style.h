/*
 * site-style: the colours of the public site (zf_site_colours, site.h) and
 * its two style sheets: style.css in the standard style and elder.css in
 * the large type of 长者模式.  Both are made from one template,
 * data/site.css, compiled in: "${name}" in it stands for a parameter of
 * the style ("font-size", "line-height", "measure", "flow-width",
 * "focus-width") or for a colour of the table, "${fg:ROLE}" its text
 * and "${bg:ROLE}" its background ("fg:link", "bg:banner").
 */
#ifndef ZF_SITE_STYLE_H
#define ZF_SITE_STYLE_H

#include "base/buf.h"
#include "publication/site.h"

/* The rows of zf_site_colours. */
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

#define FG(c) (zf_site_colours[c].foreground)
#define BG(c) (zf_site_colours[c].background)

/* The styles: 0 standard, 1 elder (长者模式). */
#define ZF_SITE_STYLES 2

/* The style sheet's file name: "style.css" or "elder.css". */
const char *zf_site_style_path(int elder);
/* Appends the style sheet. */
void zf_site_style_css(struct zf_buf *b, int elder);

#endif
