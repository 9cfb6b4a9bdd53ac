/* correct: a decision's record put right, journaled. */
#include "cases/correct.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/text.h"
#include "cases/case.h"
#include "cases/may.h"
#include "record/archive.h"
#include "record/db.h"
#include "record/journal.h"

const char *const zf_correct_fields[] = { "party", "party-id", "party-rep",
	"cause", "basis", "number", NULL };

#define NOW(column) "SELECT coalesce(" column ", ''), c.party_kind FROM " \
	"cases c JOIN decisions d ON d.seq = c.decision_seq WHERE c.id = ?"

/*
 * Each field: what it is called, how long it may be, how its value now
 * is read, and how a correction is applied (?1 the case, ?2 the value, ?3
 * the decision).
 */
static const struct {
	const char *field, *chinese;
	size_t max;
	int multiline, required;
	const char *now, *apply;
} fields[] = {
	{ "party", "当事人名称", 300, 0, 1, NOW("c.party_name"),
	    "UPDATE cases SET party_name = ?2 WHERE id = ?1 AND ?3 > 0" },
	{ "party-id", "统一社会信用代码或证件号码", 40, 0, 0,
	    NOW("c.party_id"), "UPDATE cases SET party_id = nullif(?2, '') "
	    "WHERE id = ?1 AND ?3 > 0" },
	{ "party-rep", "法定代表人", 100, 0, 0, NOW("c.party_rep"),
	    "UPDATE cases SET party_rep = nullif(?2, '') WHERE id = ?1 AND "
	    "?3 > 0" },
	{ "cause", "违法事实", 4000, 1, 1, NOW("c.cause"),
	    "UPDATE cases SET cause = ?2 WHERE id = ?1 AND ?3 > 0" },
	{ "basis", "依据", 4000, 1, 0, NOW("d.basis"),
	    "UPDATE decisions SET basis = nullif(?2, '') WHERE seq = ?3 AND "
	    "?1 IS NOT NULL" },
	{ "number", "决定书文号", 200, 0, 1, NOW("d.number"),
	    "UPDATE decisions SET number = ?2 WHERE seq = ?3 AND ?1 IS NOT "
	    "NULL" },
};

/*
 * The 文号 with its typography folded: brackets of every kind as 〔〕,
 * full-width digits as ASCII, spaces dropped (malloc'd).
 */
char *
zf_correct_fold_number(const char *s)
{
	static const char *const open[] = { "[", "(", "（", "【", "〔", "［",
		NULL };
	static const char *const close[] = { "]", ")", "）", "】", "〕", "］",
		NULL };
	struct zf_buf b;
	size_t i;

	zf_buf_init(&b);
	while (*s != '\0') {
		const unsigned char *u;
		int done = 0;

		for (i = 0; !done && open[i] != NULL; i++)
			if (strncmp(s, open[i], strlen(open[i])) == 0) {
				zf_buf_addstr(&b, "〔");
				s += strlen(open[i]);
				done = 1;
			}
		for (i = 0; !done && close[i] != NULL; i++)
			if (strncmp(s, close[i], strlen(close[i])) == 0) {
				zf_buf_addstr(&b, "〕");
				s += strlen(close[i]);
				done = 1;
			}
		if (done)
			continue;
		u = (const unsigned char *)s;
		if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 &&
		    u[2] <= 0x99) {
			zf_buf_addch(&b, (char)('0' + (u[2] - 0x90)));
			s += 3;
		} else if (s[0] == ' ') {
			s++;
		} else if (strncmp(s, "\u3000", 3) == 0) {
			s += 3;
		} else {
			zf_buf_addch(&b, *s++);
		}
	}
	return zf_buf_detach(&b, NULL);
}

static int
field_index(const char *field)
{
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(fields[i].field, field) == 0)
			return (int)i;
	return -1;
}

/* Checks the correction; *previous gets the value it replaces. */
static int
check(struct zf_archive *a, const char *case_id, const char *field,
    const char *value, const char *reason, char **previous,
    int64_t *decision)
{
	struct zf_err *e = zf_archive_err(a);
	struct zf_case_state s;
	sqlite3_stmt *st;
	const char *why, *kind;
	int f, rc;

	*previous = NULL;
	if ((f = field_index(field)) < 0)
		return zf_fail(e, EX_USAGE, "--field '%s' cannot be "
		    "corrected: only party, party-id, party-rep, cause, basis "
		    "and number (its typography); a change of fine, measures "
		    "or outcome is a revocation and a new decision "
		    "(decision-revoke, decision-issue)", field);
	if (reason == NULL || reason[0] == '\0')
		return zf_fail(e, EX_USAGE, "--reason is required: the request "
		    "that asks for the correction");
	if (zf_text_check(reason, 4000, 1, &why) != 0)
		return zf_fail(e, EX_DATAERR, "reason %s", why);
	if (value == NULL || (fields[f].required && value[0] == '\0'))
		return zf_fail(e, EX_USAGE, "--value is required");
	if (zf_text_check(value, fields[f].max, fields[f].multiline, &why) != 0)
		return zf_fail(e, EX_DATAERR, "value %s", why);
	if ((rc = zf_case_state(a, case_id, &s)) != 0 ||
	    (rc = zf_case_may(a, case_id, ZF_ACT_CORRECT,
	    zf_archive_today(a))) != 0)
		return rc;
	if (s.decision_seq == 0)
		return zf_fail(e, EX_NOPERM, "%s has no decision in force to "
		    "correct", case_id);
	*decision = s.decision_seq;
	st = zf_db_stmt(zf_archive_db(a), fields[f].now, e);
	rc = st == NULL ? -1 : (zf_db_bind_text(st, 1, case_id),
	    zf_db_row(zf_archive_db(a), st, e, "cannot read the decision"));
	if (rc == 1) {
		*previous = xstrdup(zf_db_text(st, 0));
		kind = zf_db_text(st, 1);
		if (strcmp(field, "party-id") == 0 && value[0] != '\0') {
			struct zf_case_input in;

			memset(&in, 0, sizeof(in));
			in.party_kind = kind;
			in.party_id = value;
			rc = zf_case_check_party(a, &in) != 0 ? -2 : 1;
		}
	}
	if (st != NULL)
		sqlite3_reset(st);
	if (rc == -2)
		return e->code;
	if (rc != 1)
		return rc < 0 ? e->code : zf_fail(e, EX_SOFTWARE, "%s: no "
		    "decision row", case_id);
	if (strcmp(*previous, value) == 0)
		return zf_fail(e, EX_DATAERR, "%s (%s) is already '%s'",
		    fields[f].chinese, field, value);
	if (strcmp(field, "number") == 0) {
		char *x = zf_correct_fold_number(*previous), *y =
		    zf_correct_fold_number(value);

		rc = strcmp(x, y);
		free(x);
		free(y);
		if (rc != 0)
			return zf_fail(e, EX_NOPERM, "the 文号 '%s' may be "
			    "corrected in its typography only (brackets, "
			    "digits, spaces), not to '%s': another number is "
			    "another decision", *previous, value);
		if ((rc = zf_case_found(a, "SELECT 1 FROM decisions WHERE "
		    "number = ?", value, NULL)) != 0)
			return rc < 0 ? e->code : zf_fail(e, EX_DATAERR,
			    "decision number %s is already used", value);
	}
	return 0;
}

int
zf_decision_correct(struct zf_archive *a, const char *case_id,
    const char *field, const char *value, const char *reason)
{
	struct zf_json *data;
	char *previous = NULL, when[26];
	int64_t decision = 0;
	int rc;

	if ((rc = check(a, case_id, field, value, reason, &previous,
	    &decision)) != 0) {
		free(previous);
		return rc;
	}
	if ((rc = zf_archive_begin(a)) != 0) {
		free(previous);
		return rc;
	}
	/* Checked again inside the transaction: nothing moved meanwhile. */
	free(previous);
	if ((rc = check(a, case_id, field, value, reason, &previous,
	    &decision)) != 0) {
		free(previous);
		zf_archive_abort(a);
		return rc;
	}
	zf_time_format(zf_archive_now(a), when);
	data = zf_json_object();
	zf_json_set_int(data, "decision", decision);
	zf_json_set_str(data, "field", field);
	zf_json_set_str(data, "value", value);
	zf_json_set_str(data, "previous", previous);
	zf_json_set_str(data, "reason", reason);
	zf_json_set_str(data, "at", when);
	free(previous);
	if ((rc = zf_journal_append(a, "decision.corrected", case_id, data,
	    NULL)) != 0) {
		zf_archive_abort(a);
		return rc;
	}
	return zf_archive_commit(a);
}

int
zf_correct_apply(struct zf_db *db, const char *case_id, int64_t decision,
    const char *field, const char *value, struct zf_err *e)
{
	int f = field_index(field);

	if (f < 0)
		return zf_fail(e, EX_DATAERR, "a correction of '%s'", field);
	return zf_db_run(db, fields[f].apply, e, "cannot correct the "
	    "decision", "tti", case_id, value, decision);
}
