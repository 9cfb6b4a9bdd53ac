/*
 * decision: the decision that ends the handling of a case (decision-issue)
 * and its revocation (decision-revoke), by the head.
 *
 * A decision is checked against the procedure table for the case's kind
 * and stage, the steps the law requires before it (事先告知, 催告), the
 * parties' periods still running and the legal-review gate (review.h);
 * it is numbered (文号) from zhifa.yaml's template, and its effect on the
 * clocks is journaled with it.  A refusal writes nothing.
 */
#ifndef ZF_DECISION_H
#define ZF_DECISION_H

#include <stddef.h>

struct zf_archive;

#define ZF_MAX_MEASURES 16

struct zf_decision_input {
	const char *outcome;
	const char *measures[ZF_MAX_MEASURES];
	size_t nmeasures;
	const char *fine;	/* yuan */
	const char *number;	/* 文号; NULL: from the template */
	const char *at;
	int party_absent;
	const char *basis;	/* legal basis (处罚依据), for publication */
	const char *doc;	/* evidence id of the decision document */
	const char *doc_file;	/* for zf_decision_issue: the document */
	const char *confiscated;	/* 没收违法所得、非法财物的数额, yuan */
	/* The 双公示 items the decision gives: a penalty's kind of
	 * violation (违法行为类型) and the provision violated; a licence's
	 * number, certificate (证书名称, or the licence suspended or
	 * revoked), validity (YYYY-MM-DD) and category (01..06). */
	const char *violation, *violated;
	const char *licence_number, *certificate, *valid_from, *valid_to;
	const char *licence_category;
	int summary;		/* 简易程序: decided and handed over on the
				   spot (行政处罚法第五十一条、第五十二条) */
};

/*
 * Issues the decision in a transaction of its own: checks it, stores
 * doc_file (决定书), then begins, journals the document and the
 * decision, and commits.  *number gets its 文号 (malloc'd).
 */
int zf_decision_issue(struct zf_archive *a, const char *case_id,
    const struct zf_decision_input *in, char **number);

/*
 * Checks and journals the decision inside the caller's write
 * transaction; *number gets its 文号 (malloc'd).
 */
int zf_decision_record(struct zf_archive *a, const char *case_id,
    const struct zf_decision_input *in, char **number);

/*
 * Voids the decision in force, in a transaction of its own: kind is
 * revoked (撤销), illegal (确认违法) or remade (责令重作).
 */
int zf_decision_revoke(struct zf_archive *a, const char *case_id,
    const char *kind, const char *reason);

#endif
