/* procedure: the steps of each kind of case and the stages they lead to. */
#include "rules/procedure.h"

#include <string.h>

#include "base/buf.h"
#include "base/text.h"

const struct zf_stage_def zf_stages[] = {
	{ "filed", "立案", 1 },
	{ "investigating", "调查取证", 1 },
	{ "notified", "已告知", 1 },
	{ "hearing", "听证程序", 1 },
	{ "heard", "已听证", 1 },
	{ "discussed", "已集体讨论", 1 },
	{ "decided", "已决定", 1 },
	{ "served", "已送达", 1 },
	{ "executed", "执行中", 1 },
	{ "suspended", "中止", 1 },
	{ "closed", "结案", 0 },
	{ "archived", "归档", 0 },
	{ "transferred", "移送", 0 },
	{ "revoked", "决定已撤销", 0 },
	{ NULL, NULL, 0 }
};

#define P ZF_KIND_PENALTY
#define C ZF_KIND_COMPULSION
#define I ZF_KIND_INSPECTION
#define V ZF_KIND_LEVY
#define L ZF_KIND_LICENSING
#define ALL ZF_KIND_ALL

/* Before a decision: the stages in which a case is still being handled. */
#define BEFORE "filed investigating notified heard discussed"

const struct zf_step_def zf_steps[] = {
	{ "investigate", "调查取证", ALL, "filed investigating",
	    "investigating", 0 },
	{ "inspect", "现场检查", I, "filed investigating", "investigating", 0 },
	{ "accept", "受理申请", L, "filed", "investigating", 0 },
	{ "supplement", "补正告知", L, "filed", NULL, 0 },
	{ "preserve", "先行登记保存", P, "filed investigating", NULL, 0 },
	{ "preserve-decide", "登记保存物品处理", P, BEFORE, NULL, 0 },
	{ "seize", "查封、扣押", C, "filed investigating decided served", NULL,
	    0 },
	{ "release", "解除查封、扣押", C, "open", NULL, 0 },
	{ "notify", "事先告知", P | V | L, "filed investigating notified",
	    "notified", 0 },
	{ "urge", "催告", C, "filed investigating notified", "notified", 0 },
	{ "defense", "陈述申辩", ALL, "notified heard discussed", NULL, 0 },
	{ "waive", "放弃陈述申辩和听证", P | V | L | C, "notified", NULL, 0 },
	{ "hearing-request", "申请听证", P | L, "notified", "hearing", 0 },
	{ "hearing-notice", "听证通知", P | L, "hearing", NULL, 0 },
	{ "hearing", "举行听证", P | L, "hearing", "heard",
	    ZF_STEP_RECORD | ZF_STEP_PRESIDED },
	{ "discuss", "集体讨论", ALL, "filed investigating notified heard "
	    "discussed", "discussed", 0 },
	{ "review-submit", "提交法制审核", ALL, BEFORE, NULL,
	    ZF_STEP_DECISION },
	{ "review-decide", "法制审核意见", ALL, BEFORE, NULL,
	    ZF_STEP_DECISION },
	{ "mark-major", "认定为重大执法决定", ALL, BEFORE, NULL, ZF_STEP_NOTE },
	{ "recuse", "回避", ALL, "open", NULL, ZF_STEP_NOTE },
	{ "reassign", "变更执法人员", ALL, "open", NULL, ZF_STEP_NOTE },
	{ "decide", "作出决定", ALL, BEFORE, "decided", ZF_STEP_DECISION },
	{ "serve", "送达", ALL, "decided served", "served", ZF_STEP_METHOD },
	{ "certify", "颁发证件", L, "decided served", NULL, 0 },
	{ "execute", "执行", P | C | V, "served executed", "executed", 0 },
	{ "announce", "公告限期自行拆除", P | C, "decided served executed",
	    NULL, 0 },
	{ "appeal", "当事人申请复议或者提起诉讼", ALL, "decided served "
	    "executed", NULL, ZF_STEP_NOTE },
	{ "appeal-end", "复议、诉讼终结", ALL, "decided served executed", NULL,
	    ZF_STEP_NOTE },
	{ "urge-enforce", "申请强制执行前催告", P | C | V, "served executed",
	    NULL, 0 },
	{ "urge-substitute", "代履行前催告", C, "decided served executed",
	    NULL, 0 },
	{ "court-apply", "申请人民法院强制执行", P | C | V, "served executed",
	    NULL, 0 },
	{ "court-ruling", "人民法院裁定准予执行", P | C | V, "served executed",
	    NULL, ZF_STEP_NOTE },
	{ "government-order", "人民政府责成强制拆除", P | C, "served executed",
	    NULL, 0 },
	{ "publish", "公示", ALL, "decided served executed closed", NULL,
	    ZF_STEP_DECISION },
	{ "close", "结案", ALL, "open", "closed", 0 },
	{ "archive", "归档", ALL, "closed transferred revoked", "archived", 0 },
	{ "extend", "延期", ALL, "open", NULL,
	    ZF_STEP_APPROVAL | ZF_STEP_DAYS },
	{ "suspend", "中止", ALL, "open", "suspended", ZF_STEP_APPROVAL },
	{ "resume", "恢复", ALL, "suspended", "resume", 0 },
	{ "appraise", "检验、检测、鉴定或专家评审", ALL, "open", NULL,
	    ZF_STEP_NOTE },
	{ "appraised", "检验、检测、鉴定或专家评审完成", ALL, "open", NULL, 0 },
	{ "transfer-report", "提请移送涉嫌犯罪案件", ALL, "open", NULL,
	    ZF_STEP_NOTE },
	{ "transfer-approve", "批准移送", ALL, "open", NULL, ZF_STEP_APPROVAL },
	{ "transfer-decline", "不予批准移送", ALL, "open", NULL,
	    ZF_STEP_APPROVAL | ZF_STEP_NOTE },
	{ "transfer", "移送司法机关", ALL, "open", "transferred",
	    ZF_STEP_APPROVAL },
	{ "revoke", "撤销决定", ALL, "decided served executed closed",
	    "revoked", ZF_STEP_DECISION },
	{ "withdraw", "撤回公示", ALL, "decided served executed closed "
	    "revoked investigating", NULL, ZF_STEP_DECISION },
	{ NULL, NULL, 0, NULL, NULL, 0 }
};

/* Why a measure belongs to some kinds of case only. */
#define PENALTY_ONLY "a penalty (行政处罚法第九条) is decided in a penalty case"
#define ORDER "an order to correct (责令改正, 行政处罚法第二十八条) goes " \
	"with a penalty, a compulsion or an inspection"
#define COMPULSION_ONLY "a compulsion (行政强制法第九条、第十二条) is " \
	"decided in a compulsion case, after its own procedure"
#define LICENSING_ONLY "a licence is granted or refused in a licensing case"

const struct zf_measure zf_measures[] = {
	{ "warning", "警告", P, PENALTY_ONLY },
	{ "criticism", "通报批评", P, PENALTY_ONLY },
	{ "fine", "罚款", P | V, PENALTY_ONLY },
	{ "confiscate", "没收违法所得、没收非法财物", P, PENALTY_ONLY },
	{ "suspend-licence", "暂扣许可证件", P, PENALTY_ONLY },
	{ "lower-grade", "降低资质等级", P, PENALTY_ONLY },
	{ "revoke-licence", "吊销许可证件", P | L, PENALTY_ONLY },
	{ "restrict", "限制开展生产经营活动", P, PENALTY_ONLY },
	{ "stop-business", "责令停产停业", P, PENALTY_ONLY },
	{ "close-down", "责令关闭", P, PENALTY_ONLY },
	{ "restrict-practice", "限制从业", P, PENALTY_ONLY },
	{ "stop-construction", "责令停止建设、停止施工", P | C | I, ORDER },
	{ "correct", "责令限期改正", P | C | I | V | L, ORDER },
	{ "demolish", "限期拆除", P | C | I, ORDER },
	{ "forced-demolition", "强制拆除", C, COMPULSION_ONLY },
	{ "substitute", "代履行", C, COMPULSION_ONLY },
	{ "seal", "查封场所、设施或者财物", C, COMPULSION_ONLY },
	{ "grant", "准予行政许可", L, LICENSING_ONLY },
	{ "deny", "不予行政许可", L, LICENSING_ONLY },
	{ "no-penalty", "不予行政处罚", P, PENALTY_ONLY },
	{ "levy", "征收", V, "a levy is decided in a levy case" },
	{ "transfer", "移送司法机关", ALL, "" },
	{ "other", "其他", ALL, "" },
	{ NULL, NULL, 0, NULL }
};

const struct zf_measure *
zf_measure_find(const char *name)
{
	const struct zf_measure *m;

	for (m = zf_measures; m->name != NULL; m++)
		if (strcmp(name, m->name) == 0 || strcmp(name, m->chinese) == 0)
			return m;
	return NULL;
}

const char *const zf_serve_methods[] = { "direct", "residence", "post",
	"electronic", "notice", "entrusted", NULL };

const struct zf_case_kind zf_case_kinds[] = {
	{ "penalty", "行政处罚", "罚" },
	{ "compulsion", "行政强制", "强" },
	{ "inspection", "行政检查", "检" },
	{ "levy", "行政征收", "征" },
	{ "licensing", "行政许可", "许" },
	{ NULL, NULL, NULL }
};

const struct zf_case_kind *
zf_case_kind_find(const char *name)
{
	const struct zf_case_kind *k;

	if (name == NULL)
		return NULL;
	for (k = zf_case_kinds; k->name != NULL; k++)
		if (strcmp(name, k->name) == 0 ||
		    strcmp(name, k->chinese) == 0 ||
		    strcmp(name, k->chinese + strlen("行政")) == 0)
			return k;
	return NULL;
}

const struct zf_flow zf_flows[] = {
	{ "penalty", "filed investigate notify review-submit discuss decide "
	    "serve publish execute close archive",
	    "review-submit=重大执法决定 discuss=重大或情节复杂的",
	    "notify:defense notify:hearing-request:hearing-notice:hearing "
	    "investigate:preserve:preserve-decide investigate:extend "
	    "investigate:transfer-report:transfer-approve:transfer" },
	{ "compulsion", "filed investigate urge review-submit discuss decide "
	    "serve publish execute close archive",
	    "urge=强制执行 review-submit=重大执法决定 "
	    "discuss=重大或情节复杂的",
	    "investigate:seize:release serve:announce "
	    "serve:urge-enforce:court-apply:court-ruling "
	    "serve:government-order serve:urge-substitute" },
	{ "inspection", "filed inspect decide publish close archive", "",
	    "inspect:transfer-report:transfer-approve:transfer" },
	{ "levy", "filed investigate notify decide serve publish execute close "
	    "archive", "", "notify:defense" },
	{ "licensing", "filed accept decide certify publish close archive",
	    "certify=准予许可的",
	    "filed:supplement accept:appraise:appraised "
	    "accept:notify:hearing-request:hearing-notice:hearing "
	    "accept:extend" },
	{ NULL, NULL, NULL, NULL }
};

const struct zf_flow *
zf_flow_find(const char *kind)
{
	const struct zf_flow *f;

	for (f = zf_flows; f->kind != NULL; f++)
		if (strcmp(f->kind, kind) == 0)
			return f;
	return NULL;
}

unsigned
zf_kind_bit(const char *kind)
{
	int i;

	for (i = 0; zf_case_kinds[i].name != NULL; i++)
		if (strcmp(kind, zf_case_kinds[i].name) == 0)
			return 1u << i;
	return 0;
}

/*
 * The entry called name in a table of size-byte entries that each begin
 * with their name and end with a NULL one; NULL when there is none.
 */
static const void *
find_named(const void *table, size_t size, const char *name)
{
	const char *p;

	for (p = table; *(const char *const *)p != NULL; p += size)
		if (strcmp(*(const char *const *)p, name) == 0)
			return p;
	return NULL;
}

const struct zf_stage_def *
zf_stage_find(const char *name)
{
	return find_named(zf_stages, sizeof(zf_stages[0]), name);
}

const struct zf_step_def *
zf_step_find(const char *name)
{
	return find_named(zf_steps, sizeof(zf_steps[0]), name);
}

int
zf_step_allowed(const struct zf_step_def *s, const char *kind,
    const char *stage)
{
	const struct zf_stage_def *st = zf_stage_find(stage);

	if (!(s->kinds & zf_kind_bit(kind)) || st == NULL)
		return 0;
	if (strcmp(s->from, "open") == 0)
		return st->open && strcmp(stage, "suspended") != 0;
	return zf_text_has_word(s->from, stage);
}

char *
zf_steps_allowed_list(const char *kind, const char *stage)
{
	const struct zf_step_def *s;
	struct zf_buf b;

	zf_buf_init(&b);
	for (s = zf_steps; s->name != NULL; s++) {
		if (!zf_step_allowed(s, kind, stage))
			continue;
		zf_buf_printf(&b, "%s%s (%s)", b.len ? ", " : "", s->name,
		    s->chinese);
	}
	if (b.len == 0)
		zf_buf_addstr(&b, "none");
	return zf_buf_detach(&b, NULL);
}

const char *
zf_step_target(const struct zf_step_def *s, const char *stage,
    const char *prior)
{
	if (s->to == NULL)
		return stage;
	if (strcmp(s->to, "resume") == 0)
		return prior != NULL && prior[0] != '\0' ? prior :
		    "investigating";
	return s->to;
}
