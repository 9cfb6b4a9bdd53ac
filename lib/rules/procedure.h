/*
 * procedure: the legal procedure of each kind of case, as tables.
 *
 * A case is always at one stage.  Each step names the kinds it belongs
 * to, the stages it may be taken from and the stage it leads to; the
 * table, not code, decides what is allowed.  "decide" and "revoke" are
 * taken by decision-issue and decision-revoke, every other step by
 * case-step.  Stages that end a case (closed, archived, transferred,
 * revoked) are not open: no clock runs there.
 */
#ifndef ZF_PROCEDURE_H
#define ZF_PROCEDURE_H

#define ZF_KIND_PENALTY 1u
#define ZF_KIND_COMPULSION 2u
#define ZF_KIND_INSPECTION 4u
#define ZF_KIND_LEVY 8u
#define ZF_KIND_LICENSING 16u
#define ZF_KIND_ALL 31u

/* What a step needs besides its stage. */
#define ZF_STEP_METHOD 1u	/* --method: how a document was served */
#define ZF_STEP_APPROVAL 2u	/* the head approves (or takes) it */
#define ZF_STEP_DAYS 4u		/* --days: how long an extension is */
#define ZF_STEP_DECISION 8u	/* only through its own program */
#define ZF_STEP_NOTE 16u	/* --note is required: the reason */
#define ZF_STEP_RECORD 32u	/* a written record (笔录): --doc, or evidence
				   stored before with --stage STEP */
#define ZF_STEP_PRESIDED 64u	/* --presided-by: not an investigator */

struct zf_stage_def {
	const char *name, *chinese;
	int open;
};

struct zf_step_def {
	const char *name, *chinese;
	unsigned kinds;
	const char *from;	/* stages, space-separated; "open": any open */
	const char *to;		/* the stage after; NULL: unchanged;
				   "resume": the stage before suspension */
	unsigned flags;
};

extern const struct zf_stage_def zf_stages[];
extern const struct zf_step_def zf_steps[];
/* How a decision may be served (送达方式). */
extern const char *const zf_serve_methods[];

/*
 * The measures a decision may carry (处理决定的种类): name, Chinese, the
 * kinds of case whose decisions carry it, and why the others do not.
 */
struct zf_measure {
	const char *name, *chinese;
	unsigned kinds;
	const char *why;
};
extern const struct zf_measure zf_measures[];
/* By either name; NULL when unknown. */
const struct zf_measure *zf_measure_find(const char *name);
#define zf_measure_known(name) (zf_measure_find(name) != NULL)

/* The five kinds: English name, Chinese name, one-character name. */
struct zf_case_kind {
	const char *name, *chinese, *letter;
};
extern const struct zf_case_kind zf_case_kinds[];
const struct zf_case_kind *zf_case_kind_find(const char *name);

/*
 * The procedure of a kind of case as a graph, for its flowchart: the main
 * path, in the order the programs enforce, from "filed" (立案); the
 * steps on it taken only in some cases, each "STEP=NOTE"; and the
 * optional branches, each "ANCHOR:STEP[:STEP...]", taken from a step of
 * the main path when the case calls for them.  Space-separated.
 */
struct zf_flow {
	const char *kind;
	const char *main;
	const char *conditional;
	const char *branches;
};
extern const struct zf_flow zf_flows[];
const struct zf_flow *zf_flow_find(const char *kind);

unsigned zf_kind_bit(const char *kind);
const struct zf_stage_def *zf_stage_find(const char *name);
const struct zf_step_def *zf_step_find(const char *name);
/* 1 when step may be taken in a case of kind at stage. */
int zf_step_allowed(const struct zf_step_def *s, const char *kind,
    const char *stage);
/*
 * The steps a case of kind at stage may take now, as "notify (事先告知),
 * ..." for messages (malloc'd).
 */
char *zf_steps_allowed_list(const char *kind, const char *stage);
/* The stage a step leads to; prior is the stage before a suspension. */
const char *zf_step_target(const struct zf_step_def *s, const char *stage,
    const char *prior);

#endif
