/*
 * permissions: who may do what, in one table every program asks — the
 * roles table of zhifa(7).  Each act names the roles and relations to
 * the case that allow it; a refusal names the rule (EX_NOPERM).
 *
 * Relations: a case's officers (named on it, holding a certificate
 * valid on the act's day), the legal reviewers (never of a case they
 * handle, qualified when the catalog asks it), the reviewer of a case
 * under review, the head, the clerks, the service account.  Anyone in
 * recusal (回避) for the case, a standing conflict of zhifa.yaml or a
 * declared one, may not act on it at all.
 */
#ifndef ZF_PERMISSIONS_H
#define ZF_PERMISSIONS_H

#include <stdint.h>

#include "base/err.h"

struct zf_config;
struct zf_person;

enum zf_act {
	ZF_ACT_FILE,		/* case-new */
	ZF_ACT_EVIDENCE,	/* evidence-add */
	ZF_ACT_STEP,		/* case-step */
	ZF_ACT_SUBMIT,		/* review-submit */
	ZF_ACT_REVIEW,		/* review-decide */
	ZF_ACT_DECIDE,		/* decision-issue */
	ZF_ACT_REVOKE,		/* decision-revoke */
	ZF_ACT_EXPORT,		/* publish-export */
	ZF_ACT_WITHDRAW,	/* publish-withdraw */
	ZF_ACT_READ_RESTRICTED,	/* evidence-get of restricted evidence */
	ZF_ACT_READ_SECRET,	/* evidence-get of secret evidence */
	ZF_ACT_KEYS,		/* person-key register, revoke */
	ZF_ACT_CONFIG,		/* archive-config apply */
	ZF_ACT_RECUSE,		/* case-step recuse: declaring one's own */
	ZF_ACT_RESTORED,	/* archive-backup --restored */
	ZF_ACT_READ_PUBLIC,	/* evidence-get of public evidence */
	ZF_ACT_BACKUP,		/* archive-backup: a copy of all evidence */
	ZF_ACT_REASSIGN,	/* case-step reassign: another officer */
	ZF_ACT_SUMMARY,		/* decision-issue --summary: on the spot */
	ZF_ACT_CORRECT,		/* decision-correct */
	ZF_ACT_APPROVE,		/* publish-approve */
	ZF_ACT_DRAW,		/* inspect-draw: the 双随机 draw */
	ZF_ACT_READ_LOG,	/* case-stats --reads: who read what */
	ZF_ACT_SHARE,		/* case-export: whole cases to another agency */
	ZF_ACT_IMPORT,		/* bundle-import: another agency's cases */
	ZF_ACT_RENDER,		/* doc-render: a case's documents */
	ZF_ACT_ARCHIVE,		/* case-step archive --out: 归档移交 */
	ZF_NACTS
};

/* Who: the bits of a row. */
#define ZF_MAY_HEAD	 0x01u
#define ZF_MAY_CLERK	 0x02u
#define ZF_MAY_OFFICERS	 0x04u	/* the case's, certificate valid that day */
#define ZF_MAY_REVIEWERS 0x08u	/* not of a case they handle; qualified */
#define ZF_MAY_REVIEWING 0x10u	/* a reviewer, while the case is under review */
#define ZF_MAY_SERVICE	 0x20u	/* the unattended account: nothing else */
#define ZF_MAY_ANYONE	 0x40u	/* every person but the service account */
#define ZF_MAY_APPROVERS 0x80u	/* publication.approvers of zhifa.yaml */

struct zf_permission {
	enum zf_act act;
	const char *name;	/* "file", as tests and pages name it */
	const char *what;	/* "files a case", for messages */
	unsigned who;
};

/* The table, ZF_NACTS rows in the order of enum zf_act. */
extern const struct zf_permission zf_permissions[ZF_NACTS];

/* What the caller knows of the person and the case. */
struct zf_may_facts {
	const char *case_id;	/* NULL for an act on no case */
	int handles;		/* one of the case's officers */
	int under_review;	/* the case waits for a reviewer's decision */
	const char *conflict;	/* why the person is in recusal, or NULL */
	int32_t day;		/* the act's day (certificates) */
};

/*
 * 0 when p may do act; else EX_NOPERM in e, naming the rule, the person
 * and what they are.
 */
int zf_may(const struct zf_config *c, const struct zf_person *p,
    enum zf_act act, const struct zf_may_facts *f, struct zf_err *e);

/*
 * The standing conflict of p with a party (a name or a unified social
 * credit code listed under conflicts:), or NULL.
 */
const char *zf_conflict(const struct zf_person *p, const char *party_name,
    const char *party_id);

#endif
