/* ledger: the enforcement ledger's rows and its CSV. */
#include "cases/ledger.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/json.h"
#include "cases/case.h"
#include "cases/stats.h"
#include "record/archive.h"
#include "record/db.h"
#include "rules/config.h"
#include "rules/procedure.h"

const struct zf_ledger_column zf_ledger_columns[] = {
	{ "id", "编号", ZF_LEDGER_TEXT, 12 },
	{ "number", "案号", ZF_LEDGER_TEXT, 24 },
	{ "kind_name", "案件类别", ZF_LEDGER_TEXT, 10 },
	{ "filed", "立案日期", ZF_LEDGER_DATE, 12 },
	{ "party", "当事人", ZF_LEDGER_TEXT, 24 },
	{ "party_id", "统一社会信用代码/身份证号", ZF_LEDGER_TEXT, 22 },
	{ "cause", "案由", ZF_LEDGER_TEXT, 30 },
	{ "officers", "承办人员", ZF_LEDGER_TEXT, 30 },
	{ "measures", "处理措施", ZF_LEDGER_TEXT, 20 },
	{ "fine_fen", "罚款金额（元）", ZF_LEDGER_MONEY, 14 },
	{ "review", "法制审核结论", ZF_LEDGER_TEXT, 12 },
	{ "decided", "决定日期", ZF_LEDGER_DATE, 12 },
	{ "decision_number", "决定书文号", ZF_LEDGER_TEXT, 26 },
	{ "served", "送达日期", ZF_LEDGER_DATE, 12 },
	{ "execution", "执行情况", ZF_LEDGER_TEXT, 30 },
	{ "closed", "结案日期", ZF_LEDGER_DATE, 12 },
	{ "deadlines", "期限情况", ZF_LEDGER_TEXT, 40 },
	{ NULL, NULL, ZF_LEDGER_TEXT, 0 }
};

/* The steps that carry out a decision (执行情况). */
static const char *const execution_steps[] = { "execute", "announce",
	"urge-enforce", "urge-substitute", "court-apply", "court-ruling",
	"government-order", "certify", NULL };

/* The review's latest round, as a supervisor says it. */
static const char *const verdicts[][2] = {
	{ "approved", "通过" }, { "returned", "退回" },
	{ "rejected", "不通过" }, { "submitted", "审核中" },
};

/* Appends s after sep unless b is empty. */
static void
add_item(struct zf_buf *b, const char *sep, const char *s)
{
	if (b->len > 0)
		zf_buf_addstr(b, sep);
	zf_buf_addstr(b, s);
}

/* The date of a time (its first ten bytes), or "". */
static void
set_date(struct zf_json *row, const char *key, const char *time)
{
	if (time == NULL)
		time = "";
	zf_json_set(row, key, zf_json_stringn(time, strnlen(time, 10)));
}

static void
set_officers(struct zf_archive *a, struct zf_json *row,
    const struct zf_json *officers)
{
	struct zf_buf b;
	size_t i;

	zf_buf_init(&b);
	for (i = 0; i < zf_json_len(officers); i++) {
		const char *id = zf_json_str(zf_json_at(officers, i));
		const struct zf_person *p = zf_config_person(
		    zf_archive_config(a), id);

		if (b.len > 0)
			zf_buf_addstr(&b, "、");
		zf_buf_addstr(&b, p != NULL ? p->name : id);
		if (p != NULL && p->certificate != NULL)
			zf_buf_printf(&b, "（%s）", p->certificate);
	}
	zf_json_set_str(row, "officers", b.data);
	zf_buf_release(&b);
}

static const char *
verdict(const struct zf_json *c)
{
	const char *status = zf_json_get_str(c, "review_status");
	size_t i;

	for (i = 0; status != NULL && i < sizeof(verdicts) /
	    sizeof(verdicts[0]); i++)
		if (strcmp(status, verdicts[i][0]) == 0)
			return verdicts[i][1];
	return zf_json_get_bool(c, "major") == 1 ? "未审核" : "无需审核";
}

/*
 * The decision in force, or else the latest one, revoked: its measures,
 * date and 文号 (marked 已撤销).
 */
static void
set_decision(struct zf_json *row, const struct zf_json *show)
{
	const struct zf_json *d = zf_json_get(show, "decision"), *all;
	const struct zf_json *measures;
	struct zf_buf b;
	size_t i;
	int revoked = 0;

	all = zf_json_get(show, "decisions");
	if (zf_json_type(d) != ZF_JSON_OBJECT && zf_json_len(all) > 0) {
		d = zf_json_at(all, zf_json_len(all) - 1);
		revoked = 1;
	}
	zf_buf_init(&b);
	if (zf_json_type(d) != ZF_JSON_OBJECT) {
		zf_json_set_str(row, "measures", "");
		set_date(row, "decided", NULL);
		zf_json_set_str(row, "decision_number", "");
		zf_buf_release(&b);
		return;
	}
	measures = zf_json_get(d, "measures");
	for (i = 0; !revoked && i < zf_json_len(measures); i++) {
		const char *m = zf_json_str(zf_json_at(measures, i));
		const struct zf_measure *def = zf_measure_find(m);

		add_item(&b, "、", def != NULL ? def->chinese : m);
	}
	zf_json_set_str(row, "measures", revoked ? "已撤销" : b.data);
	set_date(row, "decided", zf_json_get_str(d, "at"));
	zf_buf_reset(&b);
	zf_buf_addstr(&b, zf_json_get_str(d, "number"));
	if (revoked)
		zf_buf_addstr(&b, "（已撤销）");
	zf_json_set_str(row, "decision_number", b.data);
	zf_buf_release(&b);
}

/* The first service, the acts of execution, the closing. */
static void
set_steps(struct zf_json *row, const struct zf_json *steps)
{
	const char *served = NULL, *closed = NULL;
	struct zf_buf b;
	size_t i;

	zf_buf_init(&b);
	for (i = 0; i < zf_json_len(steps); i++) {
		const struct zf_json *s = zf_json_at(steps, i);
		const char *step = zf_json_get_str(s, "step");
		const char *at = zf_json_get_str(s, "at");

		if (step == NULL || at == NULL)
			continue;
		if (strcmp(step, "serve") == 0 && served == NULL)
			served = at;
		else if (strcmp(step, "close") == 0)
			closed = at;
		else if (zf_case_one_of(step, execution_steps)) {
			if (b.len > 0)
				zf_buf_addstr(&b, "；");
			zf_buf_printf(&b, "%s %.10s", zf_json_get_str(s,
			    "step_name"), at);
		}
	}
	set_date(row, "served", served);
	zf_json_set_str(row, "execution", b.data);
	set_date(row, "closed", closed);
	zf_buf_release(&b);
}

/*
 * Each of the agency's deadlines of the case: met in time, missed (met
 * late, or still open past its day), or still running; the missed ones
 * named.
 */
static int
set_deadlines(struct zf_archive *a, struct zf_json *row, const char *id)
{
	static const char sql[] = "SELECT d.what, d.state, "
	    ZF_STATS_DAYS_LATE ZF_STATS_DEADLINES " WHERE d.party = 0 AND "
	    "d.case_id = ?1 ORDER BY d.opened_seq, d.rule";
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	int64_t ontime = 0, late = 0, running = 0;
	struct zf_buf names, b;
	int rc;

	if (st == NULL)
		return e->code;
	zf_db_bind_text(st, 1, id);
	zf_stats_bind_clock(a, st);
	zf_buf_init(&names);
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read deadlines")) == 1) {
		const char *state = zf_db_text(st, 1);

		if (sqlite3_column_double(st, 2) > 0) {
			late++;
			add_item(&names, "、", zf_db_text(st, 0));
			if (strcmp(state, "done") != 0)
				zf_buf_addstr(&names, "（未办）");
		} else if (strcmp(state, "done") == 0)
			ontime++;
		else
			running++;
	}
	sqlite3_reset(st);
	zf_buf_init(&b);
	if (ontime + late + running > 0)
		zf_buf_printf(&b, "按期 %" PRId64 " / 逾期 %" PRId64
		    " / 未届满 %" PRId64, ontime, late, running);
	if (late > 0)
		zf_buf_printf(&b, "；逾期：%s", names.data);
	zf_json_set_str(row, "deadlines", b.data);
	zf_json_set_int(row, "late", late);
	zf_buf_release(&b);
	zf_buf_release(&names);
	return rc < 0 ? e->code : 0;
}

/* The row of one case, from its line of case-list and its case-show. */
static int
ledger_row(struct zf_archive *a, const struct zf_json *c,
    struct zf_json **out)
{
	const char *id = zf_json_get_str(c, "id");
	const struct zf_json *party = zf_json_get(c, "party");
	struct zf_json *show, *row;
	int64_t fine = 0;
	int rc;

	*out = NULL;
	if ((rc = zf_case_show(a, id, &show)) != 0)
		return rc;
	row = zf_json_object();
	zf_json_set_str(row, "id", id);
	zf_json_set_str(row, "number", zf_json_get_str(c, "number"));
	zf_json_set_str(row, "kind", zf_json_get_str(c, "kind"));
	zf_json_set_str(row, "kind_name", zf_json_get_str(c, "kind_name"));
	set_date(row, "filed", zf_json_get_str(c, "filed"));
	zf_json_set_str(row, "party", zf_json_get_str(party, "name"));
	zf_json_set_str(row, "party_id", zf_json_get_str(party, "id") ?
	    zf_json_get_str(party, "id") : "");
	zf_json_set_str(row, "cause", zf_json_get_str(c, "cause"));
	set_officers(a, row, zf_json_get(c, "officers"));
	set_decision(row, show);
	zf_json_get_int(c, "fine_fen", &fine);
	zf_json_set_int(row, "fine_fen", fine);
	zf_json_set_str(row, "review", verdict(c));
	set_steps(row, zf_json_get(show, "steps"));
	zf_json_free(show);
	if ((rc = set_deadlines(a, row, id)) != 0) {
		zf_json_free(row);
		return rc;
	}
	*out = row;
	return 0;
}

int
zf_case_ledger(struct zf_archive *a, const struct zf_case_filter *f,
    struct zf_json **out)
{
	struct zf_json *cases, *rows;
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = zf_case_list(a, f, &cases)) != 0)
		return rc;
	rows = zf_json_array();
	for (i = 0; i < zf_json_len(cases); i++) {
		struct zf_json *row;

		if ((rc = ledger_row(a, zf_json_at(cases, i), &row)) != 0) {
			zf_json_free(rows);
			zf_json_free(cases);
			return rc;
		}
		zf_json_push(rows, row);
	}
	zf_json_free(cases);
	*out = rows;
	return 0;
}

const char *
zf_ledger_cell(const struct zf_json *row, const struct zf_ledger_column *c,
    char buf[32])
{
	int64_t fen = 0;
	const char *s;

	if (c->type != ZF_LEDGER_MONEY)
		return (s = zf_json_get_str(row, c->key)) != NULL ? s : "";
	zf_json_get_int(row, c->key, &fen);
	snprintf(buf, 32, "%" PRId64 ".%02" PRId64, fen / 100, fen % 100);
	return buf;
}

void
zf_ledger_csv(const struct zf_json *rows, struct zf_buf *b)
{
	const struct zf_ledger_column *c;
	char money[32];
	size_t i;

	zf_buf_addstr(b, ZF_CSV_BOM);
	for (c = zf_ledger_columns; c->key != NULL; c++)
		zf_csv_field(b, c->header, c == zf_ledger_columns);
	zf_csv_row_end(b);
	for (i = 0; i < zf_json_len(rows); i++) {
		for (c = zf_ledger_columns; c->key != NULL; c++)
			zf_csv_field(b, zf_ledger_cell(zf_json_at(rows, i), c,
			    money), c == zf_ledger_columns);
		zf_csv_row_end(b);
	}
}
