/*
 * step: recording a procedural step of a case (case-step); the
 * decisions that end the handling of one are decision.h's.
 *
 * Each is checked against the procedure table (procedure.h) for the
 * case's kind and stage, against who may take it, and against the
 * parties' periods still running (deadline.h); its effect on the clocks
 * is worked out and journaled with it.  A refusal writes nothing.
 */
#ifndef ZF_STEP_H
#define ZF_STEP_H

#include <stddef.h>
#include <stdint.h>

struct zf_archive;
struct zf_json;

struct zf_step_input {
	const char *step;
	const char *at;		/* RFC 3339; NULL: now */
	const char *method;	/* serve */
	const char *note;
	const char *approved_by;	/* a head, for steps that need one */
	const char *rule;	/* extend: only this deadline */
	int days;		/* extend */
	const char *doc;	/* evidence id of the step's document */
	const char *doc_file;	/* for zf_step_take: the document to store */
	const char *officer;	/* reassign: the officer who takes over */
	const char *replaces;	/* reassign: the officer who leaves */
	const char *presided_by;	/* hearing: who presided */
	/* archive: the transfer package's path (zf_transfer_take writes
	 * it), and what its event carries besides (members copied). */
	const char *out;
	const struct zf_json *extra;
};

/*
 * Takes a step in a transaction of its own: checks it (0, or 77 naming
 * the rule and the steps allowed now, 65 for bad input), stores doc_file,
 * then begins, journals the document and the step, and commits.
 */
int zf_step_take(struct zf_archive *a, const char *case_id,
    const struct zf_step_input *in);

/* Checks the step without writing: 0, or the refusal. */
int zf_step_check(struct zf_archive *a, const char *case_id,
    const struct zf_step_input *in);

/* Checks and journals the step inside the caller's write transaction. */
int zf_step_record(struct zf_archive *a, const char *case_id,
    const struct zf_step_input *in);

#endif
