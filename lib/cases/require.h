/*
 * require: what the rules in force (steps: in zhifa.yaml) ask of a step
 * before it is taken — steps taken before it, evidence stored for it,
 * the head's approval — checked against the case's record.
 *
 * A rule applies to a step of its name in a case of one of its kinds,
 * when the decision the step is taken under, or makes, carries one of
 * its measures (a rule without measures: always), and, for serve, when
 * the method is its method.
 */
#ifndef ZF_REQUIRE_H
#define ZF_REQUIRE_H

struct zf_archive;

struct zf_require_step {
	const char *step;	/* the step's name; "summary": 简易程序 */
	const char *kind;	/* the case's kind */
	const char *measures;	/* JSON array of measure names, or NULL */
	const char *method;	/* serve's method, or NULL */
	int doc;		/* a document is given with the step: it
				   counts as a record (笔录) */
};

/*
 * 1 when a rule in force asks for the head's approval of the step, with
 * the rule's basis in *basis.
 */
int zf_require_approval(struct zf_archive *a, const struct zf_require_step *s,
    const char **basis);

/*
 * 0 when every rule of the step is met; else EX_NOPERM naming what is
 * missing and the rule's basis (or an I/O error's code).
 */
int zf_require_check(struct zf_archive *a, const char *case_id,
    const struct zf_require_step *s);

/* The measures of the case's decision in force as a JSON array, or NULL
 * (malloc'd); 0 or an error code. */
int zf_require_measures(struct zf_archive *a, const char *case_id,
    char **out);

#endif
