/*
 * case: filing cases and reading them back, and what the modules above
 * it share about one case: its state, the time of a step, the refusal of
 * a step its stage does not allow, the end of a write.
 *
 * Rules that hold from the first release: a case has at least two
 * distinct officers whose enforcement certificates are valid on the
 * filing date (行政处罚法 Art 42); the party's identity number is checked
 * (GB 11643 for a natural person, GB 32100 for an organisation; either
 * for an individual business); the one filing is an officer of the case
 * or a clerk.  Case ids are "C<year>-<n:4>", numbered per filing year.
 */
#ifndef ZF_CASE_H
#define ZF_CASE_H

#include <stddef.h>
#include <stdint.h>

struct zf_archive;
struct zf_json;
struct zf_step_def;
struct zf_time;

#define ZF_CASE_MAX_OFFICERS 16

struct zf_case_input {
	const char *kind;	/* penalty ... or 处罚 ... */
	const char *party;
	const char *party_kind;	/* person | org | business; NULL: person */
	const char *party_id;
	const char *party_rep;	/* 法定代表人 or 负责人 */
	const char *party_address;
	const char *party_phone;
	const char *cause;
	const char *officers[ZF_CASE_MAX_OFFICERS];
	size_t nofficers;
	const char *filed;	/* YYYY-MM-DD; NULL: today */
	const char *source;
	const char *field;
	const char *conduct;	/* business | non-business; NULL: not said */
};

/*
 * Checks the input against every rule, without writing.  0, or EX_DATAERR
 * (bad input) / EX_NOPERM (a rule or permission) with the message.
 */
int zf_case_check(struct zf_archive *a, const struct zf_case_input *in);

/*
 * Files the case inside the caller's write transaction: checks, assigns
 * the id and number, journals case.filed.  *id gets the id (malloc'd).
 */
int zf_case_file(struct zf_archive *a, const struct zf_case_input *in,
    char **id);

/*
 * Files one case in a transaction of its own: checks, begins, files,
 * commits (or aborts).  *id gets the id (malloc'd).
 */
int zf_case_new(struct zf_archive *a, const struct zf_case_input *in,
    char **id);

/*
 * Ends a write transaction that the caller began: commits when rc is 0,
 * else aborts.  Returns rc, or the commit's code.
 */
int zf_case_commit(struct zf_archive *a, int rc);

/* 1 when the case exists, 0 when not, -1 on error. */
int zf_case_exists(struct zf_archive *a, const char *id);
/* 1 when person handles the case. */
int zf_case_has_officer(struct zf_archive *a, const char *id,
    const char *person);

/* 1 when the step was ever recorded in the case. */
int zf_case_has_step(struct zf_archive *a, const char *id, const char *step);
/*
 * 1 when sql, given the texts p1 and p2 (when it takes two), finds a
 * row; 0 when it does not, or fails.
 */
int zf_case_found(struct zf_archive *a, const char *sql, const char *p1,
    const char *p2);
/* 1 when s is one of the NULL-ended list. */
int zf_case_one_of(const char *s, const char *const *list);
/*
 * Steps *st, prepared from sql with the case id as its one parameter, to
 * its first row: 0, or e's code ("no case '<id>'", EX_NOINPUT, when none).
 */
struct sqlite3_stmt;
int zf_case_row(struct zf_archive *a, const char *sql, const char *id,
    struct sqlite3_stmt **st);

/* Everything about one case as JSON (CLI.md's fields); EX_NOINPUT. */
int zf_case_show(struct zf_archive *a, const char *id, struct zf_json **out);

struct zf_case_filter {
	const char *kind, *stage, *officer, *filed_since;
	int major;	/* 1: only major cases */
	int overdue;	/* 1: only cases with an overdue deadline */
	int awaiting_review;	/* 1: only cases whose review round waits */
};
/* Cases matching the filter, oldest first, as a JSON array. */
int zf_case_list(struct zf_archive *a, const struct zf_case_filter *f,
    struct zf_json **out);

/* The case's events, oldest first, as a JSON array. */
int zf_case_log(struct zf_archive *a, const char *id, struct zf_json **out);

/* What the programs know of a case before changing it. */
struct zf_case_state {
	char id[32];
	char kind[16];
	char stage[16];
	char prior[16];		/* the stage before a suspension */
	int32_t filed;
	int published;
	int64_t fine_fen;	/* of the decision in force; -1: none */
	int64_t decision_seq;	/* 0: none */
};

/*
 * The party's kind (person when not given) and identity number (a
 * citizen's for a person, a credit code for an organisation, either for
 * a business): 0, or EX_DATAERR naming what is wrong.
 */
int zf_case_check_party(struct zf_archive *a, const struct zf_case_input *in);

int zf_case_state(struct zf_archive *a, const char *id,
    struct zf_case_state *s);

/*
 * The time a step of the case is taken: at (RFC 3339), else now.
 * EX_DATAERR when it is ahead of now, before the filing, or before the
 * case's last step.  *day gets its date.
 */
int zf_case_step_time(struct zf_archive *a, const struct zf_case_state *s,
    const char *at, struct zf_time *t, int32_t *day);

/* Refuses (EX_NOPERM) a step the case's stage does not allow. */
int zf_case_refuse_step(struct zf_archive *a, const struct zf_case_state *s,
    const struct zf_step_def *d);

/* The text of a stage or step in Chinese, for people. */
const char *zf_stage_chinese(const char *stage);

#endif
