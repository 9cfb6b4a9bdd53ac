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
	const char *word;	/* its short Chinese name: 证据 */
};
extern const struct zf_review_point_def zf_review_points[];

/*
 * A round's status as its opinion says it: 审核中, 同意, 建议修改后再次
 * 提交, 不同意; NULL for another.
 */
const char *zf_review_status_chinese(const char *status);

/*
 * Which catalog rules make a proposal major, as a JSON array of reasons
 * a clerk can read ("对法人或者其他组织处以五万元以上罚款：罚款 60000 元，
 * 不低于 50000 元（含本数）"); empty when it is not major.
 */
int zf_review_verdict(struct zf_archive *a, const char *case_id,
    const char *const *measures, size_t nmeasures, int64_t fine_fen,
    int64_t confiscated_fen, struct zf_json **reasons);

struct zf_review_submission {
	const char *statement_file;	/* the report to store; NULL: the
					   previous round's */
	const char *draft_file;	/* the draft decision to store; NULL: the
				   previous round's */
	const char *measures[ZF_REVIEW_MAX_MEASURES];
	size_t nmeasures;
	const char *fine;	/* yuan */
	const char *confiscated;	/* 没收数额, yuan */
	const char *note;
};

/*
 * Submits the case as its next round, in a transaction of its own:
 * checks who submits, the stage and every material (EX_NOPERM with the
 * list of what is missing), stores the files, then begins, journals
 * them and the round, and commits.  *round gets the round, *reasons the
 * verdict (zf_review_verdict).
 */
int zf_review_submit(struct zf_archive *a, const char *case_id,
    const struct zf_review_submission *in, int *round,
    struct zf_json **reasons);

struct zf_review_decision {
	const char *verdict;	/* approve return reject */
	const char *opinion;
	/* The opinion of a legal adviser (法律顾问、公职律师) heard in the
	 * round: who, and what they advised; both or neither. */
	const char *adviser, *adviser_opinion;
	int fail[ZF_REVIEW_POINTS];	/* 1 where the point failed */
	int named[ZF_REVIEW_POINTS];	/* given with --point */
	const char *note[ZF_REVIEW_POINTS];
	int all_pass;		/* --all-pass: every point not named passes */
};

/*
 * Parses "--point NAME=pass|fail[:NOTE]" into d, NAME the point's English
 * name, its short Chinese name (证据) or its printed label
 * (证据是否合法充分); 0 or -1.
 */
int zf_review_point_parse(const char *arg, struct zf_review_decision *d);
/*
 * Decides the pending round, in a transaction of its own: checks the
 * reviewer (回避, qualification) and the decision, writes and stores
 * the opinion (法制审核意见书), then begins, journals it and the
 * decision, and commits.  *opinion_id gets the opinion's evidence id
 * (malloc'd).
 */
int zf_review_decide(struct zf_archive *a, const char *case_id,
    const struct zf_review_decision *d, char **opinion_id);

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
    int64_t confiscated_fen, const char *exclude);

#endif
