/*
 * deadline-check: every open deadline that is overdue or falls due within
 * --within working days, soonest first; for cron.  Prints nothing when
 * none; exits 1 when any of the bureau's deadlines is overdue.  With
 * --is-workday it prints nothing and exits 0 on a working day, 1 else.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "rules/calendar.h"
#include "cases/case.h"
#include "common/cli.h"
#include "cases/deadline.h"
#include "rules/procedure.h"
#include "base/json.h"
#include "base/i18n.h"

static const char usage[] = "[--within DAYS] [--today DATE] [--kind K] "
    "[--officer P] [--party] [--all] [--is-workday]";

/* Fixed widths: the list is printed as it is read, never held whole. */
static const struct zf_column columns[] = {
	{ "案件", "case", 12 },
	{ "期限事项", "what", 30 },
	{ "届满日", "due", 10 },
	{ "剩余", "left", 24 },
	{ "依据", "basis", 40 },
	ZF_COLUMN_END
};

static const struct zf_column fields[] = {
	ZF_FIELD("case"), ZF_FIELD("what"), ZF_FIELD("due"),
	ZF_FIELD("days_left"), ZF_FIELD("unit"), ZF_FIELD("overdue"),
	ZF_FIELD("basis"),
	ZF_COLUMN_END
};

struct printer {
	struct zf_cli_stream stream;
	int overdue;
};

static int
print_one(void *ctx, struct zf_json *d)
{
	struct printer *p = ctx;

	if (zf_json_get_bool(d, "overdue") == 1 &&
	    zf_json_get_bool(d, "party") != 1)
		p->overdue = 1;
	zf_cli_stream_row(&p->stream, d);
	return 0;
}

int
main(int argc, char **argv)
{
	enum { OPT_KIND = ZF_OPT_FIRST_OWN };
	struct zf_deadline_filter f;
	const struct zf_case_kind *kind;
	struct zf_calendar *cal;
	static const struct zf_column ids[] = {
		ZF_FIELD("case"), ZF_COLUMN_END
	};
	struct zf_archive *a;
	struct printer p;
	struct zf_cli cli;
	const char *today = NULL;
	int rc, within = 3, all = 0, workday = 0;
	const struct zf_cli_opt opts[] = {
		ZF_NUMBER("within", &within, 0, 3660, "working days"),
		ZF_DATE("today", &today, &f.today),
		ZF_OWN("kind", OPT_KIND),
		ZF_TEXT("officer", 0, &f.officer),
		ZF_FLAG("party", &f.party),
		ZF_FLAG("all", &all),
		ZF_FLAG("is-workday", &workday),
		ZF_OPT_END
	};

	memset(&f, 0, sizeof(f));
	zf_cli_init(&cli, argv, usage,
	    N_("List the deadlines that are overdue or fall due soon."));
	while (zf_cli_next(&cli, argc, argv, opts) == OPT_KIND) {
		if ((kind = zf_case_kind_find(optarg)) == NULL)
			zf_cli_usage(&cli, "'%s' is not a kind of case",
			    optarg);
		f.kind = kind->name;
	}
	zf_cli_no_operands(&cli, argc, argv);
	if ((rc = zf_cli_open(&cli, 0, &a)) != 0)
		return zf_cli_exit(rc);
	if (today == NULL)
		f.today = zf_archive_today(a);
	cal = zf_archive_calendar(a);
	if (workday) {
		rc = zf_calendar_is_workday(cal, f.today,
		    zf_archive_beyond(a)) ? 0 : 1;
		if (*zf_archive_beyond(a))
			zf_cli_warn("the working-day calendar ends with %d: "
			    "this is a guess from the day of the week",
			    zf_calendar_last_year(cal));
		zf_cli_close(a);
		return zf_cli_exit(rc);
	}
	/* Only the dates listed, not the cut-off, may call for a warning. */
	f.until = all ? INT32_MAX : within == 0 ? f.today :
	    zf_calendar_add_workdays(cal, f.today, within, NULL);
	memset(&p, 0, sizeof(p));
	zf_cli_stream_begin(&p.stream, &cli, cli.quiet ? ids :
	    cli.format == ZF_FORMAT_TEXT ? columns : fields);
	if ((rc = zf_deadline_each(a, &f, print_one, &p)) != 0) {
		zf_cli_fail(zf_archive_err(a));
		zf_cli_close(a);
		return zf_cli_exit(rc);
	}
	zf_cli_stream_end(&p.stream);
	zf_cli_warn_calendar(a);
	zf_cli_close(a);
	return zf_cli_exit(p.overdue ? ZF_PROBLEMS : 0);
}
