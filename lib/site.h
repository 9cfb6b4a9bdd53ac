/*
 * site: the public web site of a publication bundle, as static files.
 *
 * The site is plain HTML and CSS in Chinese that any web server serves as
 * is, with no script.  Every page exists twice: NAME.html in the standard
 * style and elder/NAME.html in the large-type style for elderly readers
 * (长者模式), each linking to the other.  Pages: index.html (the current
 * publications, a table), decisions/PAGE.html (one per entry) and
 * standing.html (事前公开: enforcement subjects, officers, 权责清单, legal
 * bases, a flowchart per kind of case drawn from the procedure table,
 * remedies and the 随机抽查事项清单).  style.css and elder.css are built
 * from zf_site_colours, so the test checks the colours actually used.
 *
 * Invariants: every path is relative, ASCII, without "..", and unique;
 * every value taken from the JSON is HTML-escaped (& < > " ') before it
 * is written, and values with control characters are refused rather than
 * passed on.  Values arrive already redacted: this module decides only
 * structure and escaping.
 *
 * The standing information (an object; members not marked optional are
 * required, every leaf is a string):
 *
 *   {
 *     "agency": { "name": "某市市场监督管理局",
 *                 "code": "11330100MB0000000X",    统一社会信用代码
 *                 "address": "…", "phone": "…",
 *                 "site": "https://…" },           linked only when
 *                                                  http:// or https://
 *     "subjects": [ { "name", "basis" } ],         optional; 执法主体
 *                                                  other than the agency
 *     "officers": [ { "name", "certificate",       执法证号
 *                     "fields": [ "食品安全", … ] } ],
 *     "powers": [ { "name", "basis" } ],           权责清单
 *     "bases": [ "《中华人民共和国行政处罚法》", … ],
 *     "inspections": [ { "item", "basis", "frequency" } ],
 *     "remedies": { "review", "court" }            optional: the 复议机关
 *   }                                              and the 人民法院
 *
 * The entries (an array, in the order the index lists them):
 *
 *   [ { "id": "P2026-0001",                       publication entry id
 *       "page": "C2026-0001.html",                file name: letters,
 *                                                 digits, '-', '_', '.',
 *                                                 ending ".html", unique
 *       "kind": "penalty",                        zf_kind_bit() knows it
 *       "kind_name": "行政处罚",
 *       "number": "某市监罚〔2026〕12号",          决定书文号
 *       "party": "某某餐饮有限公司",
 *       "party_kind": "法人及非法人组织",          optional
 *       "cause": "…",                             optional; '\n' breaks
 *       "outcome": "…",                           optional; '\n' breaks
 *       "measures": [ "警告", "罚款" ],            optional
 *       "fine": "60000",                          optional; yuan, digits
 *                                                 with at most 2 decimals
 *       "decided": "2026-11-16",                  YYYY-MM-DD
 *       "basis": "…",                             optional
 *       "published": "2026-11-18" } ]             optional; YYYY-MM-DD
 *
 * An optional member may be absent or null.
 */
#ifndef ZF_SITE_H
#define ZF_SITE_H

#include <stddef.h>

struct zf_json;
struct zf_err;

struct zf_site_file {
	char *path; /* relative, e.g. "elder/decisions/C2026-0001.html" */
	char *data; /* NUL-terminated for convenience */
	size_t len;
};

/*
 * A text colour on a background, both "#rrggbb", as the style sheets use
 * them; the table ends with a NULL role.  Every pair is meant to reach
 * the WCAG 2 contrast ratio of 4.5:1.
 */
struct zf_site_colour {
	const char *role;
	const char *foreground, *background;
};
extern const struct zf_site_colour zf_site_colours[];

/*
 * Builds every file of the site from the standing information and the
 * current entries (shapes above).  Returns 0 with a malloc'd array in
 * *files (free it with zf_site_free), or EX_DATAERR with the message in
 * *e and *files NULL.
 */
int zf_site_build(const struct zf_json *standing, const struct zf_json *entries,
    struct zf_site_file **files, size_t *nfiles, struct zf_err *e);
void zf_site_free(struct zf_site_file *files, size_t n);

#endif
