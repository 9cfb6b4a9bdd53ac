/* ledger-xlsx: the enforcement ledger as a workbook (libxlsxwriter). */
#include "documents/ledger-xlsx.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/err.h"
#include "base/io.h"
#include "base/json.h"
#include "cases/ledger.h"

struct sheet {
	lxw_worksheet *ws;
	lxw_format *bold, *money, *bold_money;
	lxw_error err;		/* the first failure */
};

static void
check(struct sheet *s, lxw_error err)
{
	if (s->err == LXW_NO_ERROR)
		s->err = err;
}

static void
header(struct sheet *s)
{
	const struct zf_ledger_column *c;
	lxw_col_t i;

	for (c = zf_ledger_columns, i = 0; c->key != NULL; c++, i++) {
		check(s, worksheet_write_string(s->ws, 0, i, c->header,
		    s->bold));
		check(s, worksheet_set_column(s->ws, i, i, c->width,
		    c->type == ZF_LEDGER_MONEY ? s->money : NULL));
	}
	worksheet_freeze_panes(s->ws, 1, 0);
}

static void
row(struct sheet *s, lxw_row_t r, const struct zf_json *row)
{
	const struct zf_ledger_column *c;
	char buf[32];
	lxw_col_t i;

	for (c = zf_ledger_columns, i = 0; c->key != NULL; c++, i++) {
		int64_t fen = 0;

		if (c->type != ZF_LEDGER_MONEY) {
			check(s, worksheet_write_string(s->ws, r, i,
			    zf_ledger_cell(row, c, buf), NULL));
			continue;
		}
		zf_json_get_int(row, c->key, &fen);
		check(s, worksheet_write_number(s->ws, r, i,
		    (double)fen / 100, s->money));
	}
}

/* 合计: the cases, and the sum of each column of money. */
static void
sums(struct sheet *s, const struct zf_json *rows)
{
	lxw_row_t last = (lxw_row_t)zf_json_len(rows) + 1;
	const struct zf_ledger_column *c;
	char text[64], formula[64];
	lxw_col_t i;
	size_t k;

	check(s, worksheet_write_string(s->ws, last, 0, "合计", s->bold));
	snprintf(text, sizeof(text), "%zu 件", zf_json_len(rows));
	check(s, worksheet_write_string(s->ws, last, 1, text, s->bold));
	for (c = zf_ledger_columns, i = 0; c->key != NULL; c++, i++) {
		int64_t total = 0, fen;

		if (c->type != ZF_LEDGER_MONEY)
			continue;
		for (k = 0; k < zf_json_len(rows); k++)
			if (zf_json_get_int(zf_json_at(rows, k), c->key,
			    &fen) == 0)
				total += fen;
		if (zf_json_len(rows) == 0) {
			check(s, worksheet_write_number(s->ws, last, i, 0,
			    s->bold_money));
			continue;
		}
		/* Fewer than 26 columns: one letter names each. */
		snprintf(formula, sizeof(formula), "=SUM(%c2:%c%u)",
		    'A' + (int)i, 'A' + (int)i, (unsigned)last);
		check(s, worksheet_write_formula_num(s->ws, last, i, formula,
		    s->bold_money, (double)total / 100));
	}
}

int
zf_ledger_xlsx(const struct zf_json *rows, const char *path,
    struct zf_err *e)
{
	struct sheet s;
	lxw_workbook *wb;
	lxw_error closed;
	char *tmp;
	size_t i;
	int fd;

	if ((fd = zf_file_begin(path, &tmp)) < 0)
		return zf_fail(e, EX_CANTCREAT, "cannot create '%s': %s", path,
		    strerror(errno));
	if ((wb = workbook_new(tmp)) == NULL) {
		zf_file_drop(fd, tmp);
		return zf_fail(e, EX_CANTCREAT, "cannot create '%s': the "
		    "workbook cannot be made", path);
	}
	memset(&s, 0, sizeof(s));
	s.ws = workbook_add_worksheet(wb, "执法台账");
	s.bold = workbook_add_format(wb);
	format_set_bold(s.bold);
	s.money = workbook_add_format(wb);
	format_set_num_format(s.money, "0.00");
	s.bold_money = workbook_add_format(wb);
	format_set_bold(s.bold_money);
	format_set_num_format(s.bold_money, "0.00");
	if (s.ws == NULL)
		s.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
	else {
		header(&s);
		for (i = 0; i < zf_json_len(rows); i++)
			row(&s, (lxw_row_t)i + 1, zf_json_at(rows, i));
		sums(&s, rows);
	}
	closed = workbook_close(wb);
	check(&s, closed);
	if (s.err != LXW_NO_ERROR) {
		zf_file_drop(fd, tmp);
		return zf_fail(e, EX_IOERR, "cannot write '%s': %s", path,
		    lxw_strerror(s.err));
	}
	if (zf_file_place(fd, tmp, path) != 0)
		return zf_fail(e, EX_IOERR, "cannot write '%s': %s", path,
		    strerror(errno));
	return 0;
}
