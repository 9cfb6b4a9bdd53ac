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

/*
 * The days by which a deadline d of the agency (d.party = 0: not the
 * party's) was missed: counted from its due date to the day of the act
 * that met it, or, still open, to today (?2) — for a period in hours,
 * from its due time to the act's time, or now (?3), in fractions of a
 * day — or by which a paused one had run out when it was paused; 0 or
 * less when it was not missed.  An SQL expression over the rows of
 * ZF_STATS_DEADLINES, for case-stats's late and the ledger (ledger.h)
 * alike.
 */
#define ZF_STATS_DAYS_LATE "CASE WHEN d.state = 'done' AND " \
	"nullif(d.due_at, '') IS NOT NULL THEN julianday(coalesce(s.at, " \
	"j.time)) - julianday(d.due_at) WHEN d.state = 'done' THEN " \
	"julianday(substr(coalesce(s.at, j.time), 1, 10)) - " \
	"julianday(d.due) WHEN d.state = 'open' AND nullif(d.due_at, '') " \
	"IS NOT NULL THEN julianday(?3) - julianday(d.due_at) WHEN " \
	"d.state = 'open' THEN julianday(?2) - julianday(d.due) WHEN " \
	"d.state = 'paused' AND d.remaining < 0 THEN -d.remaining ELSE 0 END"
#define ZF_STATS_DEADLINES " FROM deadlines d LEFT JOIN steps s ON " \
	"s.seq = d.closed_seq LEFT JOIN journal j ON j.seq = d.closed_seq"
/* Binds ?2 and ?3 of ZF_STATS_DAYS_LATE: today and now, by a's clock. */
struct sqlite3_stmt;
void zf_stats_bind_clock(struct zf_archive *a, struct sqlite3_stmt *st);

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
