/*
 * review: legal review of major decisions (重大执法决定法制审核).
 *
 * The catalog in zhifa.yaml says which decisions are major.  An officer
 * of the case submits it with its materials (the investigation report or
 * 情况说明, the draft decision, the evidence, the party's statement, the
 * hearing record where one was held, the process records) and the
 * proposed decision; each submission is a round, fingerprinted: a digest
 * of the evidence and the proposal.  A legal reviewer who is not one of
 * the case's officers (回避) and holds the legal qualification decides it
 * point by point: 同意 (approve), 建议修改后再次提交 (return) or 不同意
 * (reject), and the written opinion (法制审核意见书) is stored with the
 * case.  No major decision is issued unless its latest round is approved
 * and neither the materials nor the decision differ from what was
 * approved, and the collective discussion (集体讨论) followed.
 */
#ifndef ZF_REVIEW_H
#define ZF_REVIEW_H

#include <stddef.h>
#include <stdint.h>

struct zf_archive;
struct zf_buf;
struct zf_json;

#define ZF_REVIEW_MAX_MEASURES 16
#define ZF_REVIEW_POINTS 10

/* The review points of 国办发〔2018〕118号 and provincial rules. */
struct zf_review_point_def {
	const char *name, *chinese;
};
extern const struct zf_review_point_def zf_review_points[];

/*
 * Which catalog rules make a proposal major, as a JSON array of reasons
 * a clerk can read ("对法人或者其他组织处以五万元以上罚款：罚款 60000 元，
 * 不低于 50000 元（含本数）"); empty when it is not major.
 */
int zf_review_verdict(struct zf_archive *a, const char *case_id,
    const char *const *measures, size_t nmeasures, int64_t fine_fen,
    struct zf_json **reasons);

struct zf_review_submission {
	const char *statement;	/* evidence id; NULL: the latest one */
	const char *draft;	/* evidence id; NULL: the latest one */
	const char *measures[ZF_REVIEW_MAX_MEASURES];
	size_t nmeasures;
	const char *fine;	/* yuan */
	const char *note;
	int statement_given, draft_given;	/* files come with this call */
};

/*
 * Checks a submission: who submits, the stage, and every material;
 * EX_NOPERM with the list of what is missing.
 */
int zf_review_submit_check(struct zf_archive *a, const char *case_id,
    const struct zf_review_submission *in);
/* Journals the round; *round and *reasons (the verdict) are returned. */
int zf_review_submit(struct zf_archive *a, const char *case_id,
    const struct zf_review_submission *in, int *round,
    struct zf_json **reasons);

struct zf_review_decision {
	const char *verdict;	/* approve return reject */
	const char *opinion;
	int fail[ZF_REVIEW_POINTS];	/* 1 where the point failed */
	const char *note[ZF_REVIEW_POINTS];
};

/* Parses "--point NAME=pass|fail[:NOTE]" into d; 0 or -1. */
int zf_review_point_parse(const char *arg, struct zf_review_decision *d);
int zf_review_decide_check(struct zf_archive *a, const char *case_id,
    const struct zf_review_decision *d);
/* The written opinion (法制审核意见书), as the text to store (malloc'd). */
char *zf_review_opinion_text(struct zf_archive *a, const char *case_id,
    const struct zf_review_decision *d);
/* Journals the decision with the stored opinion's evidence id. */
int zf_review_decide(struct zf_archive *a, const char *case_id,
    const struct zf_review_decision *d, const char *opinion_doc);

/*
 * The gate of decision-issue (and of a transfer): 0 when the decision
 * is not major or its review passed for exactly these materials and
 * this proposal after which the collective discussion was held;
 * EX_NOPERM saying which of these fails.  exclude names the decision's
 * own document, already recorded when the gate is passed a second time
 * inside the decision's transaction.
 */
int zf_review_gate(struct zf_archive *a, const char *case_id,
    const char *const *measures, size_t nmeasures, int64_t fine_fen,
    const char *exclude);

#endif
