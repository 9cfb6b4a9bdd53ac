/*
 * site: the public web site of a publication bundle, as static files.
 *
 * The site is plain HTML and CSS in Chinese that any web server serves as
 * is, with no script but search.html's box, which only adds to a page
 * that works without it (site-search.h).  Every page exists twice:
 * NAME.html in the standard style and elder/NAME.html in the large-type
 * style for elderly readers (长者模式), each linking to the other.
 * Pages: index.html and list/2.html, list/3.html ... (the current
 * publications, a table of ZF_SITE_INDEX_ROWS a page, with numbered
 * pagination and links to the
 * bundle's data files and log for 数据下载与核验), decisions/PAGE.html
 * (one per entry) and standing.html (事前公开: enforcement subjects,
 * officers, 权责清单, legal bases, a flowchart per kind of case drawn from
 * the procedure's graph with the clocks beside its arrows, remedies and
 * the 随机抽查事项清单), search.html with search/party-N.html and
 * search/number-N.html (every decision by its party's name and by its
 * 文号) and search.json.  style.css and
 * elder.css are built from zf_site_colours, so the test checks the
 * colours actually used.  The site sits at the root of the bundle: links
 * to records.json, records-*.csv, log/... and an entry's proof are
 * relative to that root.
 *
 * The site is built as a stream, so that a bundle of 100,000 decisions
 * needs no more memory than one index page of rows (and the set of page
 * names, to keep them unique): zf_site_begin, zf_site_entry per entry,
 * zf_site_end, each handing finished files to an emit function as soon as
 * they are complete.
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
 *     "remedies": { "review", "court" },           optional: the 复议机关
 *                                                  and the 人民法院
 *     "clocks": { "penalty": [ { "from", "text" } ], … }  optional: the
 *                                                  clocks each step
 *                                                  starts, by kind
 *     "annual": [ { "year": "2026", … } ]          optional: each year's
 *                                                  enforcement data, as
 *                                                  zf_stats_annual gives
 *                                                  it: a page
 *                                                  annual-YYYY.html each,
 *                                                  linked from standing
 *     "draws": [ { "seq", "time", "commitment",    optional: the 双随机
 *                  "directory", "names",           commitments and draws
 *                  "draw" } ]                      (site-draws.h)
 *   }
 *
 * The entries, in the order the index lists them (objects given one at a
 * time to zf_site_entry, or an array given to zf_site_build):
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
 *       "published": "2026-11-18",                optional; YYYY-MM-DD
 *       "party_id": "91330100MA2…",               optional; the party's
 *                                                 certificate or credit
 *                                                 number as published
 *                                                 (masked upstream)
 *       "until": "2027-11-18",                    optional; YYYY-MM-DD,
 *                                                 公示截止日期
 *       "note": "…",                              optional; 更正说明,
 *                                                 '\n' breaks; the page
 *                                                 shows it first and the
 *                                                 index marks 已更正
 *       "proof": "log/proofs/12.json",            optional; the entry's
 *                                                 inclusion proof, relative
 *                                                 to the bundle root:
 *                                                 letters, digits, '-',
 *                                                 '_', '.', '/', no "..",
 *                                                 no leading or double '/'
 *       "index": 12 } ]                           optional; an integer
 *                                                 ≥ 0, the entry's leaf
 *                                                 number in the log
 *
 * An optional member may be absent or null.
 */
#ifndef ZF_SITE_H
#define ZF_SITE_H

#include <stddef.h>

/* Rows of the index on each index page. */
#define ZF_SITE_INDEX_ROWS 100

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
 * Receives each file of the site, in order: path is relative (as in
 * struct zf_site_file) and data[len] is NUL.  Returning non-zero stops
 * the build; that value is passed back as is, with what the function left
 * in *e.
 */
typedef int (*zf_site_emit_fn)(void *ctx, const char *path, const char *data,
    size_t len, struct zf_err *e);

/* A site being built; the caller owns it from zf_site_begin on. */
struct zf_site;

/*
 * Checks the standing information and emits style.css, elder.css,
 * standing.html and elder/standing.html at once.  nentries: how many
 * entries zf_site_entry will be given (for the index's page count).
 * standing may be freed once this returns.  Returns 0 with the site in
 * *out, or EX_DATAERR (nothing emitted) or emit's status, with *out NULL.
 */
int zf_site_begin(const struct zf_json *standing, size_t nentries,
    zf_site_emit_fn emit, void *ctx, struct zf_site **out, struct zf_err *e);
/*
 * One entry, in the order the index lists them: emits decisions/PAGE and
 * elder/decisions/PAGE, and adds its row to the index; index pages are
 * emitted as they fill.  EX_DATAERR refuses the entry (nothing emitted);
 * EX_SOFTWARE when it is one more than nentries.  After any failure the
 * site only refuses, with EX_SOFTWARE, until zf_site_free.
 */
int
zf_site_entry(struct zf_site *s, const struct zf_json *entry, struct zf_err *e);
/*
 * Emits what is left of the index (index.html even when there are no
 * entries).  EX_SOFTWARE when fewer entries came than nentries.
 */
int zf_site_end(struct zf_site *s, struct zf_err *e);
void zf_site_free(struct zf_site *s);

/*
 * Builds every file of the site in memory, through the calls above: for
 * tests and small sites.  Returns 0 with a malloc'd array in *files (free
 * it with zf_site_files_free), or EX_DATAERR with the message in *e and
 * *files NULL.
 */
int zf_site_build(const struct zf_json *standing, const struct zf_json *entries,
    struct zf_site_file **files, size_t *nfiles, struct zf_err *e);
void zf_site_files_free(struct zf_site_file *files, size_t n);

#endif
