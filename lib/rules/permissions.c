/* permissions: the roles table of zhifa(7), and the one question. */
#include "rules/permissions.h"

#include <string.h>

#include "rules/config.h"
#include "base/i18n.h"

const struct zf_permission zf_permissions[ZF_NACTS] = {
	{ ZF_ACT_FILE, "file", N_("files a case"),
	    ZF_MAY_OFFICERS | ZF_MAY_CLERK },
	{ ZF_ACT_EVIDENCE, "evidence", N_("adds evidence"),
	    ZF_MAY_OFFICERS | ZF_MAY_CLERK | ZF_MAY_HEAD },
	{ ZF_ACT_STEP, "step", N_("records a step"),
	    ZF_MAY_OFFICERS | ZF_MAY_HEAD },
	{ ZF_ACT_SUBMIT, "submit", N_("submits for legal review"),
	    ZF_MAY_OFFICERS },
	{ ZF_ACT_REVIEW, "review", N_("decides a legal review"),
	    ZF_MAY_REVIEWERS },
	{ ZF_ACT_DECIDE, "decide", N_("issues decisions"), ZF_MAY_HEAD },
	{ ZF_ACT_REVOKE, "revoke", N_("revokes decisions"), ZF_MAY_HEAD },
	{ ZF_ACT_EXPORT, "export", N_("publishes"),
	    ZF_MAY_CLERK | ZF_MAY_HEAD | ZF_MAY_SERVICE },
	{ ZF_ACT_WITHDRAW, "withdraw", N_("withdraws a publication"),
	    ZF_MAY_CLERK | ZF_MAY_HEAD },
	{ ZF_ACT_READ_RESTRICTED, "read-restricted",
	    N_("reads restricted evidence"),
	    ZF_MAY_OFFICERS | ZF_MAY_HEAD | ZF_MAY_REVIEWERS },
	{ ZF_ACT_READ_SECRET, "read-secret", N_("reads secret evidence"),
	    ZF_MAY_OFFICERS | ZF_MAY_HEAD | ZF_MAY_REVIEWING },
	{ ZF_ACT_KEYS, "keys", N_("registers and revokes personal keys"),
	    ZF_MAY_HEAD },
	{ ZF_ACT_CONFIG, "config", N_("applies a changed configuration"),
	    ZF_MAY_HEAD },
	{ ZF_ACT_RECUSE, "recuse", N_("declares a recusal"),
	    ZF_MAY_OFFICERS | ZF_MAY_REVIEWERS | ZF_MAY_HEAD },
	{ ZF_ACT_RESTORED, "restored", N_("records that a backup was restored"),
	    ZF_MAY_HEAD },
	{ ZF_ACT_READ_PUBLIC, "read-public", N_("reads public evidence"),
	    ZF_MAY_ANYONE },
	{ ZF_ACT_BACKUP, "backup", N_("copies the whole archive, evidence and "
	    "all"), ZF_MAY_HEAD | ZF_MAY_CLERK | ZF_MAY_SERVICE },
	{ ZF_ACT_REASSIGN, "reassign", N_("reassigns a case's officers"),
	    ZF_MAY_HEAD },
	{ ZF_ACT_SUMMARY, "decide-summary", N_("decides a penalty on the spot "
	    "(简易程序)"), ZF_MAY_OFFICERS | ZF_MAY_HEAD },
	{ ZF_ACT_CORRECT, "correct", N_("corrects a decision's record (更正)"),
	    ZF_MAY_HEAD },
	{ ZF_ACT_APPROVE, "approve",
	    N_("approves records before their release"), ZF_MAY_APPROVERS },
	{ ZF_ACT_DRAW, "draw", N_("commits to and makes the random draw of "
	    "inspections (双随机)"), ZF_MAY_CLERK },
	{ ZF_ACT_READ_LOG, "read-log", N_("sees who read which evidence and "
	    "why (调阅监督)"), ZF_MAY_HEAD | ZF_MAY_CLERK | ZF_MAY_REVIEWERS },
	{ ZF_ACT_SHARE, "share", N_("shares whole case files with another "
	    "agency (case-export)"), ZF_MAY_HEAD },
	{ ZF_ACT_IMPORT, "import", N_("takes in another agency's cases "
	    "(bundle-import)"), ZF_MAY_HEAD | ZF_MAY_CLERK },
	{ ZF_ACT_RENDER, "render", N_("makes a case's enforcement documents "
	    "(doc-render)"), ZF_MAY_OFFICERS | ZF_MAY_CLERK | ZF_MAY_HEAD },
	{ ZF_ACT_ARCHIVE, "archive", N_("writes a closed case's archival "
	    "transfer package (归档)"), ZF_MAY_HEAD | ZF_MAY_CLERK },
};

const char *
zf_conflict(const struct zf_person *p, const char *party_name,
    const char *party_id)
{
	size_t i;

	for (i = 0; p->conflicts != NULL && p->conflicts[i] != NULL; i++)
		if ((party_name != NULL &&
		    strcmp(p->conflicts[i], party_name) == 0) ||
		    (party_id != NULL &&
		    strcmp(p->conflicts[i], party_id) == 0))
			return p->conflicts[i];
	return NULL;
}

/* Whether p may act as a reviewer of the case: "" when so, else why. */
static const char *
reviewer_bar(const struct zf_config *c, const struct zf_person *p,
    const struct zf_may_facts *f)
{
	if (p->role != ZF_ROLE_REVIEWER)
		return "not a reviewer";
	if (f->handles)
		return "handles";
	if (c->review_qualification && !p->legal_qualification)
		return "unqualified";
	return "";
}

/* The refusal, worded as each program has always worded it. */
static int
refuse(const struct zf_config *c, const struct zf_person *p,
    enum zf_act act, const struct zf_may_facts *f, struct zf_err *e)
{
	const char *id = p->id, *role = zf_role_name(p->role);
	const char *cid = f->case_id ? f->case_id : "";

	switch (act) {
	case ZF_ACT_FILE:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not file this "
		    "case: only one of its officers or a clerk may", id,
		    p->name, role);
	case ZF_ACT_EVIDENCE:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not add "
		    "evidence to %s: only its officers, a clerk or the head "
		    "may", id, p->name, role, cid);
	case ZF_ACT_STEP:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not act on %s: "
		    "only its officers or the head may", id, p->name, role,
		    cid);
	case ZF_ACT_SUBMIT:
		return zf_fail(e, EX_NOPERM, "only an officer of %s submits it "
		    "for legal review; '%s' is not", cid, id);
	case ZF_ACT_REVIEW:
		if (strcmp(reviewer_bar(c, p, f), "handles") == 0)
			return zf_fail(e, EX_NOPERM, "'%s' handles %s and may "
			    "not review it (回避)", id, cid);
		if (strcmp(reviewer_bar(c, p, f), "unqualified") == 0)
			return zf_fail(e, EX_NOPERM, "'%s' (%s) holds no legal "
			    "professional qualification (法律职业资格), which "
			    "the catalog requires of reviewers", id, p->name);
		return zf_fail(e, EX_NOPERM, "only a legal reviewer "
		    "(法制审核人员) decides a review; '%s' is %s", id, role);
	case ZF_ACT_EXPORT:
		return zf_fail(e, EX_NOPERM, "publication is for a clerk "
		    "(内勤), the head (负责人) or the service account; "
		    "'%s' is %s", id, role);
	case ZF_ACT_WITHDRAW:
		return zf_fail(e, EX_NOPERM, "publication is for a clerk "
		    "(内勤) or the head (负责人); '%s' is %s", id, role);
	case ZF_ACT_READ_RESTRICTED:
	case ZF_ACT_READ_SECRET:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not read %s "
		    "evidence of %s: only %s may", id, p->name, role,
		    act == ZF_ACT_READ_SECRET ? _("secret") : _("restricted"),
		    cid, act == ZF_ACT_READ_SECRET ? _("its officers, the "
		    "head and the reviewer while it is under review") :
		    _("its officers, the head and the legal reviewers"));
	case ZF_ACT_RECUSE:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not act on %s: "
		    "a recusal is declared by its officers, a legal reviewer "
		    "or the head", id, p->name, role, cid);
	case ZF_ACT_READ_PUBLIC:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not read "
		    "evidence of %s: the service account reads none", id,
		    p->name, role, cid);
	case ZF_ACT_BACKUP:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not copy the "
		    "archive: a backup holds all evidence, secret too, and is "
		    "for the head, a clerk or the service account", id,
		    p->name, role);
	case ZF_ACT_DECIDE:
		return zf_fail(e, EX_NOPERM, "only the head (负责人) issues "
		    "decisions (行政处罚法第五十七条; "
		    "行政强制法第三十七条); '%s' is %s", id, role);
	case ZF_ACT_SUMMARY:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not decide %s "
		    "on the spot: only its officers or the head may "
		    "(行政处罚法第五十二条)", id, p->name, role, cid);
	case ZF_ACT_APPROVE:
		return zf_fail(e, EX_NOPERM, "only an approver "
		    "(publication.approvers in zhifa.yaml) approves records "
		    "before their release; '%s' is not one", id);
	case ZF_ACT_READ_LOG:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not see who "
		    "read which evidence: 调阅监督 is for the head, a clerk or "
		    "the legal reviewers", id, p->name, role);
	case ZF_ACT_RENDER:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not make the "
		    "documents of %s: only its officers, a clerk or the head "
		    "may", id, p->name, role, cid);
	case ZF_ACT_IMPORT:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not take in "
		    "another agency's cases: that is for a clerk (内勤) or the "
		    "head (负责人)", id, p->name, role);
	case ZF_ACT_ARCHIVE:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not archive "
		    "%s: the transfer package (归档移交) is written by a clerk "
		    "(内勤) or the head (负责人)", id, p->name, role, cid);
	case ZF_ACT_DRAW:
		return zf_fail(e, EX_NOPERM, "'%s' (%s, %s) may not draw "
		    "inspections: the 双随机 draw is for a clerk (内勤), who "
		    "files the cases it draws", id, p->name, role);
	case ZF_ACT_CONFIG:
		return zf_fail(e, EX_NOPERM, "only the head (负责人) named in "
		    "the configuration in force applies a new one; '%s' is %s",
		    id, role);
	default:
		return zf_fail(e, EX_NOPERM, "only the head (负责人) %s; "
		    "'%s' is %s", _(zf_permissions[act].what), id, role);
	}
}

int
zf_may(const struct zf_config *c, const struct zf_person *p,
    enum zf_act act, const struct zf_may_facts *f, struct zf_err *e)
{
	static const struct zf_may_facts none;
	unsigned who = zf_permissions[act].who;

	if (f == NULL)
		f = &none;
	if (p == NULL)
		return zf_fail(e, EX_NOPERM, "nobody is acting");
	/* Recusal bars every act on the case. */
	if (f->conflict != NULL && f->case_id != NULL)
		return zf_fail(e, EX_NOPERM, "'%s' (%s) is in recusal (回避) "
		    "for %s: %s", p->id, p->name, f->case_id, f->conflict);
	if ((who & ZF_MAY_HEAD) && p->role == ZF_ROLE_HEAD)
		return 0;
	if ((who & ZF_MAY_CLERK) && p->role == ZF_ROLE_CLERK)
		return 0;
	if ((who & ZF_MAY_SERVICE) && p->role == ZF_ROLE_SERVICE)
		return 0;
	if ((who & ZF_MAY_ANYONE) && p->role != ZF_ROLE_SERVICE)
		return 0;
	if (who & ZF_MAY_APPROVERS) {
		size_t i;

		for (i = 0; c->approvers != NULL && c->approvers[i] != NULL;
		    i++)
			if (strcmp(c->approvers[i], p->id) == 0)
				return 0;
	}
	if ((who & ZF_MAY_OFFICERS) && f->handles &&
	    (p->role == ZF_ROLE_OFFICER || p->role == ZF_ROLE_HEAD)) {
		if (zf_person_cert_valid(p, f->day))
			return 0;
		return zf_fail(e, EX_NOPERM, "'%s' (%s) holds no enforcement "
		    "certificate valid on that day", p->id, p->name);
	}
	if ((who & (ZF_MAY_REVIEWERS | ZF_MAY_REVIEWING)) &&
	    reviewer_bar(c, p, f)[0] == '\0' &&
	    ((who & ZF_MAY_REVIEWERS) || f->under_review))
		return 0;
	return refuse(c, p, act, f, e);
}
