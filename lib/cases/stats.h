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

/* The groupings: "kind", "month", "officer", "stage", "measure" (of the
 * decision in force), "outcome", "review" (status of the latest round),
 * "deadline" (the most days one of the agency's periods was missed). */
extern const char *const zf_stats_groupings[];

/*
 * The rows grouped by by, of the cases filed in year (NULL: all), as a
 * JSON array of {key, label, cases, decided, fined, fine_fen, major,
 * late}, late the cases of which one of the agency's periods was met
 * late or is overdue; the last row's key is "all" (a case counts once
 * for each of its officers and of its measures, so by those the total is
 * no sum of the rows).
 * EX_USAGE for an unknown grouping.
 */
int zf_case_stats(struct zf_archive *a, const char *by, const char *year,
    struct zf_json **out);

/*
 * The reads of evidence (调阅), in year (NULL: all), those of secret
 * evidence first: [{seq, time, actor, name, evidence, case, access,
 * title, reason}].
 */
int zf_stats_reads(struct zf_archive *a, const char *year,
    struct zf_json **out);

/*
 * The year's enforcement data, as 国办发〔2018〕118号 asks each agency to
 * publish by 31 January: {year, agency, code?, kind, measure, outcome,
 * review, deadline (the rows of zf_case_stats for the cases filed in the
 * year), acts: {hearings, reviews, revocations, appeals, remedies_lost}
 * (the acts of the year, by the day they happened)}.
 */
int zf_stats_annual(struct zf_archive *a, const char *year,
    struct zf_json **out);

/* The report's parts (its members of rows) and acts, with their names,
 * in the order a report shows them; each table ends with a NULL key. */
struct zf_stats_name {
	const char *key, *chinese;
};
extern const struct zf_stats_name zf_stats_annual_parts[];
extern const struct zf_stats_name zf_stats_annual_acts[];

/*
 * The cases other agencies' bundles brought (bundle-import), by agency
 * and kind: [{key (AGENCY/KIND), label, agency, kind, cases, events}]
 * and a last row "all".
 */
int zf_stats_imported(struct zf_archive *a, struct zf_json **out);

/* An SVG bar chart of the rows' cases (malloc'd), each bar with its
 * value as text; title names the chart. */
char *zf_stats_chart(const struct zf_json *rows, const char *title);

#endif
