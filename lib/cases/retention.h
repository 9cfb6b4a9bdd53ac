/*
 * retention: how long a closed case file and its evidence are kept
 * (保管期限), from the retention rules of zhifa.yaml (config.h), and
 * which have been kept their full period as of a day.
 *
 * A case file is closed by the step that ended its handling (close, or
 * transfer; revoke for a decision revoked after closing): the period
 * counts from 1 January of the year after that day, so that a period of
 * N years has passed on 1 January of the year closed + N + 1.  A
 * permanent (永久) file never passes.  Nothing here disposes of anything.
 */
#ifndef ZF_RETENTION_H
#define ZF_RETENTION_H

#include <stdint.h>

struct zf_archive;
struct zf_json;

struct zf_retention {
	int years;		/* 0: permanent (永久) */
	const char *basis;	/* the rule's, owned by the configuration */
	int32_t closed;		/* the day the case was closed; -1: open */
	int32_t passes;		/* the first day past the period; -1: never */
};

/* "永久" or "N年" (static or out, which holds 16 bytes). */
const char *zf_retention_name(int years, char out[16]);

/* The retention of a case file: EX_NOINPUT when there is no such case. */
int zf_retention_case(struct zf_archive *a, const char *case_id,
    struct zf_retention *r);

/*
 * The closed case files, and the evidence of a period of its own, whose
 * period has passed on day: an array of {case, number, evidence (null
 * for the case file), kind, closed, period, years, basis, passed}, by
 * case then evidence.
 */
int zf_retention_due(struct zf_archive *a, int32_t day,
    struct zf_json **list);

#endif
