/*
 * ledger: the enforcement ledger (执法台账) a supervisor reads, one row
 * per case of a filter (case.h), oldest first, and its CSV.
 *
 * A row is built from what case-list and case-show read (case.h) and
 * from the days by which each deadline was missed as case-stats counts
 * them (stats.h): the ledger's rows are case-stats's cases, its fines
 * their fines (the decision in force; none for a revoked one, shown as
 * 已撤销), and the rows with a missed deadline case-stats's late ones.
 * Only the agency's periods count, not the party's.  The ledger is for
 * the agency's own use: the party's identity number is given in full.
 */
#ifndef ZF_LEDGER_H
#define ZF_LEDGER_H

#include <stdint.h>

struct zf_archive;
struct zf_buf;
struct zf_case_filter;
struct zf_json;

enum zf_ledger_type {
	ZF_LEDGER_TEXT,
	ZF_LEDGER_DATE,		/* YYYY-MM-DD, kept as text */
	ZF_LEDGER_MONEY		/* fen, shown as yuan with two decimals */
};

/* The ledger's columns in order: a row's member, its header, its type
 * and its width in a spreadsheet (characters); a NULL key ends them. */
struct zf_ledger_column {
	const char *key, *header;
	enum zf_ledger_type type;
	int width;
};
extern const struct zf_ledger_column zf_ledger_columns[];

/*
 * The rows of the cases f selects, as a JSON array of objects holding
 * the columns' members (texts, "" when there is nothing to say; fine_fen
 * an integer) and late, the number of the case's deadlines missed.
 */
int zf_case_ledger(struct zf_archive *a, const struct zf_case_filter *f,
    struct zf_json **out);

/* The rows as CSV (csv.h): the byte order mark, a header, the rows. */
void zf_ledger_csv(const struct zf_json *rows, struct zf_buf *b);

/* The text of a cell: money as yuan with two decimals (buf: 32 bytes). */
const char *zf_ledger_cell(const struct zf_json *row,
    const struct zf_ledger_column *c, char buf[32]);

#endif
