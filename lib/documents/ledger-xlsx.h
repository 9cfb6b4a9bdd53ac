/*
 * ledger-xlsx: the enforcement ledger (ledger.h) as an Excel workbook,
 * for a supervisor's spreadsheet: one sheet 执法台账, its header bold and
 * frozen, a column of each width, numbers as numbers (the fines in yuan,
 * two decimals), dates as text YYYY-MM-DD, and at the bottom a row 合计
 * with the number of cases and the fines' sum (a formula, with its value).
 *
 * The workbook is written beside the destination under a temporary
 * name and renamed into place (io.h): the file appears whole or not at
 * all, replacing one already there.
 */
#ifndef ZF_LEDGER_XLSX_H
#define ZF_LEDGER_XLSX_H

struct zf_err;
struct zf_json;

/* Writes rows (zf_case_ledger) to path: 0, or EX_CANTCREAT / EX_IOERR. */
int zf_ledger_xlsx(const struct zf_json *rows, const char *path,
    struct zf_err *e);

#endif
