/*
 * config: the agency's zhifa.yaml, read against its schema.
 *
 * The file is untrusted input (yaml.h refuses the hostile shapes); this
 * module refuses unknown keys, missing required keys, wrong types, bad
 * dates and duplicate person ids, each as "FILE:LINE:COLUMN: reason".
 * zhifa.yaml(5) documents every key.  The digest of the file's bytes is
 * kept: each event records the config in force (see journal.h).
 */
#ifndef ZF_CONFIG_H
#define ZF_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"

enum zf_role {
	ZF_ROLE_OFFICER,	/* 执法人员 */
	ZF_ROLE_CLERK,		/* 内勤 */
	ZF_ROLE_REVIEWER,	/* 法制审核 */
	ZF_ROLE_HEAD,		/* 负责人 */
	ZF_ROLE_SERVICE		/* the unattended account: publish-export */
};

struct zf_person {
	char *id;		/* ASCII, used with --as and in events */
	char *name;
	enum zf_role role;
	char *login;		/* Unix login, or NULL */
	char *certificate;	/* 执法证号, or NULL */
	int32_t cert_from, cert_to;	/* days; valid when has_cert */
	int has_cert;
	int legal_qualification;	/* 法律职业资格 */
	char **fields;		/* 执法领域, NULL-terminated */
	/* Standing conflicts (回避): party names or credit codes. */
	char **conflicts;
};

/* Conditions a step can carry, for rules that start only then. */
#define ZF_WHEN_PARTY_ABSENT 1u	/* the party was absent at the decision */
#define ZF_WHEN_FINE 2u		/* the decision imposes a fine */
#define ZF_WHEN_GRANTED 4u	/* a licence was granted */
#define ZF_WHEN_PUBLISHED 8u	/* the decision had been published */

/*
 * A deadline rule: what is due, in which kinds of case, counted from
 * which step, how long, in which unit, under which article; the steps
 * that meet it, the step that extends it; a party's period (party) is
 * the party's time, not the agency's, and may keep steps from being
 * taken before it ends (blocks).
 */
/* The units a period is counted in. */
enum zf_unit {
	ZF_UNIT_CALENDAR,	/* 日: the end moved off a rest day */
	ZF_UNIT_WORKING,	/* 工作日 */
	ZF_UNIT_MONTH,		/* 月: the same day of the month, or its last */
	ZF_UNIT_HOUR		/* 小时: from the time of the step */
};

struct zf_rule {
	char *id, *what, *basis, *from, *extend;
	unsigned kinds;		/* ZF_KIND_* bits */
	unsigned when;		/* ZF_WHEN_* bits, all required */
	char **measures;	/* the decision carries any of these; empty:
				   no condition */
	char **done, **blocks;	/* step names, NULL-terminated */
	char **closes;		/* steps refused once it ran out unmet */
	char **holds;		/* steps refused while it is open */
	char **restart;		/* steps that start it again from their day */
	char **pauses, **resumes;	/* steps whose time is not counted */
	char *after;		/* counted from the end of this rule's period
				   (from the same step), not from the step */
	char *deemed;		/* when this rule ran out unmet, restart and
				   pauses do not move this one */
	int days;		/* the period, in unit */
	enum zf_unit unit;
	int working;		/* unit == ZF_UNIT_WORKING */
	int exact;		/* a cap: its end is not moved off a rest day */
	int party;
	int extend_max;		/* days an extension may add in all; 0: any */
	int extend_head_max;	/* of which the head approves alone; more
				   needs the heads' collective discussion */
};

/* "working", "calendar", "month" or "hour". */
const char *zf_unit_name(enum zf_unit u);
/* The unit called name; -1 when none is. */
int zf_unit_find(const char *name);

/*
 * A rule of a step (steps: in zhifa.yaml): what must be true before the
 * step is taken in cases of some kinds, when the decision (in force, or
 * being made) carries any of some measures, or for serve by a method:
 * steps taken before (each of after, one of after_any), evidence of each
 * kind in requires stored for the step (an item "photo|video": either),
 * the head's approval.
 */
struct zf_step_rule {
	char *step, *basis;
	unsigned kinds;
	char **measures;	/* empty: any decision, or none */
	char *method;		/* serve: only for this method */
	char **after, **after_any, **requires;
	int approval;
};

/*
 * The 简易程序 (行政处罚法第五十一条): the largest fine decided on the
 * spot, by the party's kind, and the measures it may carry.
 */
struct zf_summary {
	int64_t person_fen, org_fen, business_fen;	/* -1: not allowed */
	char **measures;
	char *basis;
};

/*
 * A rule of the catalog of major decisions (重大执法决定目录清单): a
 * decision is major when every condition a rule gives holds.  Unset
 * conditions do not count.
 */
#define ZF_CONDUCT_ANY 0
#define ZF_CONDUCT_BUSINESS 1		/* 经营性 */
#define ZF_CONDUCT_NON_BUSINESS 2	/* 非经营性 */

struct zf_major_rule {
	char *id, *reason;
	unsigned kinds;		/* ZF_KIND_* bits */
	char **parties;		/* person org business; empty: any */
	int conduct;
	int64_t fine_fen;	/* threshold; -1: not a fine rule */
	int inclusive;		/* 含本数: the threshold itself counts */
	char **measures;	/* any of these; empty: none asked */
	int hearing;		/* a hearing was held */
	char **fields;		/* the case's 执法领域 is one of these */
	char **levels;		/* the agency's 执法层级 is one of these */
	int64_t confiscated_fen;	/* 没收数额 threshold; -1: none */
};

/*
 * A redaction rule: how a field of a published record is masked for an
 * audience (redact.h), for the parties of some kinds (all when empty).
 * The first rule that matches a field decides; none: shown whole.
 */
struct zf_redact_rule {
	char *field;		/* party party_id party_rep address phone ... */
	int audience;		/* enum zf_audience */
	char **parties;		/* person org business; empty: any */
	char *mask;		/* keep drop ends:H:T name address phone id */
};

/*
 * A publicity period (公示期限): how many months after the decision a
 * record stays on the site, for decisions of some kinds, on some
 * parties, whose measures are all among some (each unset: any).  The
 * first that matches decides.
 */
struct zf_period {
	unsigned kinds;
	char **parties;
	char **measures;	/* by name (warning ...) */
	char **fields;		/* the case's 执法领域 is one of these */
	int months;
	int minimum;		/* a floor: every one that matches applies */
};

/*
 * 案卷评查 (case-audit): the checklist each case file is scored
 * against, stricter than the gates.  The checks, by name, in the order
 * of zf_audit_checks; each finding costs its check's points out of 100.
 */
enum zf_audit_check {
	ZF_AUDIT_LATE_ENTRY,	/* an act recorded long after it happened */
	ZF_AUDIT_DOCUMENT,	/* evidence the checklist asks of a step */
	ZF_AUDIT_ORDER,		/* a step taken before the steps it needs */
	ZF_AUDIT_DEADLINE,	/* an agency's period missed */
	ZF_AUDIT_OFFICERS,	/* an on-site act without two certified */
	ZF_AUDIT_REVIEW,	/* a major decision without a passed review */
	ZF_AUDIT_SERVICE,	/* service without its record */
	ZF_AUDIT_INTEGRITY,	/* a hash or a signature that fails */
	ZF_AUDIT_SECRET_READ,	/* a read of secret evidence unjustified */
	ZF_AUDIT_NCHECKS
};

/* The checks' names: "late-entry", "document", ... */
extern const char *const zf_audit_checks[];

struct zf_audit {
	struct zf_step_rule *steps;	/* what each step should have */
	size_t nsteps;
	char **onsite;		/* steps taken on site: two officers */
	int late_entry_hours;	/* 补录 later than this is a finding */
	int read_reason_min;	/* characters a secret read's reason needs */
	int points[ZF_AUDIT_NCHECKS];
	char *officers_basis, *late_entry_basis, *secret_read_basis;
};

/*
 * A retention rule (保管期限, 国家档案局令第8号): how many years a closed
 * case file is kept, 0 for permanent (永久), counted from 1 January of
 * the year after it was closed.  A rule of cases holds for cases of some
 * kinds, major ones only (major), or whose decision in force takes any
 * of some measures; a rule of evidence for evidence of some kinds in
 * cases of some kinds (each unset: any).  The first that matches
 * decides; evidence no rule of evidence matches is kept as its case.
 */
struct zf_retention_rule {
	unsigned kinds;
	char **measures;	/* cases: by name (revoke-licence ...) */
	int major;		/* cases: major decisions only */
	char **evidence;	/* evidence: document photo audio ... */
	int years;		/* 0: permanent */
	char *basis;
};

struct zf_json;

struct zf_config {
	char *path;
	int suite;		/* decides the digest */
	uint8_t digest[ZF_DIGEST_LEN];	/* use zf_config_digest */
	int have_digest;
	char *bytes;
	size_t len;

	char *agency_name;	/* 示例县住房和城乡建设局 */
	char *agency_code;	/* 统一社会信用代码, or NULL */
	char *agency_short;	/* used in case numbers: 示建 */
	char *agency_level;	/* 执法层级: province city county town */
	char *zone;
	int offset;		/* minutes east of UTC */
	/* template, e.g. "{short}{kind}立〔{year}〕{n}号" */
	char *case_number;
	char *decision_number;	/* template of decisions' 文号 */
	/* numbering.documents: each kind of document's 文号 template */
	struct zf_doc_number {
		char *type;	/* the document's name: notice */
		char *format;	/* {short}罚告〔{year}〕{n}号 */
	} *doc_numbers;
	size_t ndoc_numbers;
	char *agency_seal;	/* the seal's text (落款); the agency's name */

	struct zf_rule *rules;	/* deadlines: or the sample's */
	size_t nrules;
	struct zf_step_rule *step_rules;	/* steps: or the sample's */
	size_t nstep_rules;
	struct zf_summary summary;	/* summary: or the sample's */
	struct zf_major_rule *catalog;	/* catalog: or the sample's */
	size_t ncatalog;
	int review_qualification;	/* reviewers need 法律职业资格 */
	/* recording: how many days before its recording an act may have
	 * happened (--at, --filed), and still be recorded (补录). */
	int late_entry_max_days;
	struct zf_audit audit;	/* audit: or the sample's */
	/* sharing: the agencies whose exchange bundles bundle-import takes
	 * (their verifier keys), and the caps on what it reads. */
	char **trusted;
	int64_t import_max_entries, import_max_bytes;

	int32_t *cal_on, *cal_off;	/* local calendar exceptions */
	size_t ncal_on, ncal_off;

	struct zf_person *people;
	size_t npeople;

	/*
	 * publication: the standing information (事前公开) beyond the
	 * agency's name and officers, as the JSON site.h takes: address,
	 * phone, site, subjects, powers, bases, inspections, remedies.
	 */
	struct zf_json *standing;
	struct zf_period *periods;	/* or the sample's */
	size_t nperiods;
	struct zf_redact_rule *redaction;	/* or the sample's */
	size_t nredaction;
	/* publication.approvers: who approves records before release; NULL
	 * or empty: released without approval. */
	char **approvers;
	/* retention: for case files, then for evidence (or the sample's). */
	struct zf_retention_rule *retention;
	size_t nretention;
	struct zf_retention_rule *evidence_retention;
	size_t nevidence_retention;
};

/*
 * Reads and checks the file at path.  suite decides the digest.  Returns
 * 0, or EX_CONFIG (EX_NOINPUT when missing) with the message in e.
 */
int zf_config_load(const char *path, int suite, struct zf_config **out,
    struct zf_err *e);
/* The same from bytes in memory, with name used in messages. */
int zf_config_parse(const char *name, const char *bytes, size_t len,
    int suite, struct zf_config **out, struct zf_err *e);
void zf_config_free(struct zf_config *c);

/* The commented sample agency of CLI.md, as written by archive-init. */
extern const char zf_config_sample[];

/*
 * The digest of the file's bytes, computed on first use (readers never
 * need it, and it is what wakes OpenSSL up).
 */
const uint8_t *zf_config_digest(struct zf_config *c);

const struct zf_person *zf_config_person(const struct zf_config *c,
    const char *id);
const struct zf_person *zf_config_person_by_login(const struct zf_config *c,
    const char *login);
/*
 * 1 when the person may act in the field (执法领域): the field is
 * unknown (NULL or empty), the person's fields are not listed, or it is
 * one of them.
 */
int zf_person_has_field(const struct zf_person *p, const char *field);
/* 1 when the person holds an enforcement certificate valid on day. */
int zf_person_cert_valid(const struct zf_person *p, int32_t day);
const char *zf_role_name(enum zf_role r);

/*
 * Formats a number from a template (c->case_number, c->decision_number):
 * {short} {kind} {year} {n} ({n:4} zero-pads).  kind_char is the kind's
 * one-character name (罚).
 */
char *zf_config_number(const struct zf_config *c, const char *template,
    const char *kind_char, int year, int64_t n);
/* The 文号 template of a kind of document, or NULL. */
const char *zf_config_doc_number(const struct zf_config *c,
    const char *type);
#define zf_config_case_number(c, k, y, n) \
	zf_config_number((c), (c)->case_number, (k), (y), (n))

const struct zf_rule *zf_config_rule(const struct zf_config *c,
    const char *id);

/*
 * The mask for field of a party of party_kind for an audience: the
 * first redaction rule that matches, else "keep".
 */
const char *zf_config_mask(const struct zf_config *c, const char *field,
    int audience, const char *party_kind);

/*
 * The publicity period in months of a decision of kind on a party of
 * party_kind, in a case of field (NULL: none given), whose measures
 * (names, n of them) are given: the first ordinary rule that matches (36
 * when none does), raised to the longest minimum rule that matches.
 */
int zf_config_period(const struct zf_config *c, const char *kind,
    const char *party_kind, const char *field, const char *const *measures,
    size_t n);

/*
 * The retention rule of a case file of kind, major or not, whose
 * decision in force takes the measures (names, n of them): the first
 * that matches (the sample's last rule matches every case; NULL only
 * when none does).
 */
const struct zf_retention_rule *zf_config_retention(
    const struct zf_config *c, const char *kind, int major,
    const char *const *measures, size_t n);
/* The retention rule of evidence of a kind in a case of kind, or NULL:
 * kept as its case. */
const struct zf_retention_rule *zf_config_evidence_retention(
    const struct zf_config *c, const char *kind, const char *evidence_kind);
void zf_config_free_retention(struct zf_retention_rule *rules, size_t n);

#endif
