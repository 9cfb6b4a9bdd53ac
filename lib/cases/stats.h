/*
 * stats: counts and sums over the cases (case-stats), grouped by kind of
 * case, month of filing, officer or stage: cases, decided, fined, the
 * fines' total (fen) and major decisions, with a row "all" of totals.
 * Read-only, one SQL scan of the cases.
 */
#ifndef ZF_STATS_H
#define ZF_STATS_H

struct zf_archive;
struct zf_json;

/* The groupings: "kind", "month", "officer", "stage". */
extern const char *const zf_stats_groupings[];

/*
 * The rows grouped by by, of the cases filed in year (NULL: all), as a
 * JSON array of {key, label, cases, decided, fined, fine_fen, major};
 * the last row's key is "all" (an officer's cases count once for each
 * of its officers, so by officer the total is no sum of the rows).
 * EX_USAGE for an unknown grouping.
 */
int zf_case_stats(struct zf_archive *a, const char *by, const char *year,
    struct zf_json **out);

/* An SVG bar chart of the rows' cases (malloc'd), each bar with its
 * value as text; title names the chart. */
char *zf_stats_chart(const struct zf_json *rows, const char *title);

#endif
