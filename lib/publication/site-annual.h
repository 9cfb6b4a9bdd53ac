/*
 * site-annual: the page of a year's enforcement data (年度行政执法数据,
 * 国办发〔2018〕118号), annual-YYYY.html, from the report of
 * zf_stats_annual (stats.h): its tables of cases by kind, measure,
 * outcome, review and deadline, and the year's acts.
 */
#ifndef ZF_SITE_ANNUAL_H
#define ZF_SITE_ANNUAL_H

#include "base/buf.h"
#include "base/err.h"

struct zf_json;

/*
 * The page's name ("annual-2026.html") in name, and its body in b;
 * EX_DATAERR when the report is not one.
 */
int zf_site_annual_build(struct zf_buf *b, const struct zf_json *report,
    char name[32], struct zf_err *e);

#endif
