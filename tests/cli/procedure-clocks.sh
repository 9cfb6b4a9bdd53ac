#!/bin/sh
# The clocks a court would check, on their right dates: the licensing
# clock from 受理 (行政许可法第三十二条、第四十二条、第四十五条), the
# penalty deadline's extensions and their cap, a seizure's cap that no
# holiday moves (行政强制法第二十五条), a seizure decision without a 催告
# and published in 20 working days, 代履行's three days (第五十一条), the
# court's 催告 (第五十四条) and the hours of a transfer (国务院令第310号).
. "$(dirname "$0")/lib.sh"
plan 92

due() {	# CASE RULE: its due date ("-" when not open); due_at for hours
	deadline-check --all --party -o json | python3 -c '
import json, sys
for d in json.load(sys.stdin):
    if d["case"] == sys.argv[1] and d["rule"] == sys.argv[2]:
        print(d.get("due_at", d["due"])); break
else:
    print("-")' "$1" "$2"
}
lic() {
	case-new -t licensing --party 示例建设有限公司 --party-kind org \
	    --party-id 91350100M000100Y43 --cause 申请建筑工程施工许可 \
	    --field 建筑市场 --officer zhangwei --officer lina --as lina
}

at 2026-09-01
new_archive
printf '文书\n' >"$T/doc.txt"

# 补正 within the five working days: the 20 working days run from 受理.
l1=$(lic) || exit 1
expect_equal "$(due "$l1" licensing-supplement)" 2026-09-08 "补正 is asked within 5 working days"
at 2026-09-03
expect_exit 0 case-step "$l1" supplement --as lina
at 2026-09-15
expect_exit 0 case-step "$l1" accept --as lina
expect_equal "$(due "$l1" licensing-decide)" 2026-10-19 \
    "20 working days from 受理 on 15 September (国庆 off, 10 October worked)"

# No 补正 in time: 受理 is deemed the day of receipt.
at 2026-09-01
l2=$(lic) || exit 1
at 2026-09-10
expect_exit 0 case-step "$l2" accept --as lina
expect_equal "$(due "$l2" licensing-decide)" 2026-09-29 \
    "受理 deemed on receipt: 20 working days from 1 September"

# Time of 检验、检测、鉴定 and 专家评审 is not counted.
at 2026-09-16
expect_exit 0 case-step "$l1" appraise --note 委托专家评审 --as lina
at 2026-09-22
expect_exit 0 case-step "$l1" appraised --as lina
expect_equal "$(due "$l1" licensing-decide)" 2026-10-26 \
    "the five working days of 专家评审 (20 September worked) added back"

# An extension is decided within the period, not after it ran out.
at 2026-09-30
mark
expect_refused 77 "作出行政许可决定 ran out on 2026-09-29 and can no longer be extended" \
    case-step "$l2" extend --days 10 --as chengang
expect_in "$T/err" "行政许可法第三十二条第一款第四项、第四十二条"

# The penalty's 90 days: 30 more by the head, 30 more after the heads'
# collective discussion, and no more (住建部令第55号 as shipped).
at 2026-01-05
p=$(new_case) || exit 1
expect_equal "$(due "$p" penalty-decide)" 2026-04-07 \
    "90 days to 5 April, 清明 off to the 6th, so the 7th"
at 2026-03-02
expect_exit 0 case-step "$p" extend --days 30 --as chengang
mark
expect_refused 77 "a further extension needs the heads' collective discussion" \
    case-step "$p" extend --days 30 --as chengang
expect_refused 64 "from 1 to 366" \
    case-step "$p" extend --days 367 --as chengang
expect_exit 0 case-step "$p" discuss --as chengang
expect_exit 0 case-step "$p" extend --days 30 --as chengang
mark
expect_refused 77 "by at most 60 days in all and has been by 60" \
    case-step "$p" extend --days 1 --as chengang
expect_equal "$(due "$p" penalty-decide)" 2026-06-04 \
    "150 days from filing: the extensions count from the 90th day, not from the 7th of April it was moved to"

# A seizure's 30 days end on 1 October, 国庆 or not: a cap on the
# state's hold, not a period of the party's.
at 2026-09-01
s=$(case-new -t compulsion --party 某建材公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 违法建设使用的建材 \
    --officer zhangwei --officer lina) || exit 1
expect_exit 0 evidence-add "$s" "$T/doc.txt" --kind video --stage seize
expect_exit 0 case-step "$s" seize --doc "$T/doc.txt" --approved-by chengang
expect_equal "$(due "$s" compulsion-seizure)" 2026-10-01 "the cap is not moved off 国庆"
mark
expect_refused 77 "close cannot be taken while this is still to be done: 查封、扣押期限届满" \
    case-step "$s" close --as chengang
expect_refused 77 "seize cannot be taken while this is still to be done: 查封、扣押期限届满" \
    case-step "$s" seize --doc "$T/doc.txt" --approved-by chengang
# The seizure decision needs no 催告 (行政强制法第二十四条, not 第三十五条),
# and is published within 20 working days (国办发〔2018〕118号).
expect_exit 0 decision-issue "$s" --as chengang --outcome 查封违法建设使用的建材 \
    --measure seal --doc "$T/doc.txt"
expect_equal "$(due "$s" publish-other)" 2026-09-29 "published within 20 working days"
at 2026-09-02
expect_exit 0 publish-export --as liuyang --out "$T/site" -q
expect_equal "$(due "$s" publish-other)" - "the seizure decision published"
expect_exit 0 case-step "$s" release --as zhangwei

# 代履行: decided after the 催告, then urged again three working days
# before it is carried out (行政强制法第五十一条).
at 2026-04-01
v=$(case-new -t compulsion --party 某开发公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 逾期未清除障碍物 \
    --officer zhangwei --officer lina) || exit 1
expect_exit 0 case-step "$v" urge
expect_exit 0 case-step "$v" waive
at 2026-04-17
expect_exit 0 decision-issue "$v" --as chengang --outcome 代履行清除障碍物 \
    --measure 代履行 --doc "$T/doc.txt"
expect_exit 0 case-step "$v" serve --method direct
mark
expect_refused 77 "execute cannot be taken in $v before urge-substitute (代履行前催告)" \
    case-step "$v" execute --doc "$T/doc.txt"
expect_exit 0 case-step "$v" urge-substitute
expect_equal "$(due "$v" compulsion-substitute)" 2026-04-22 "three working days"
mark
expect_refused 77 "代履行三日前催告当事人履行 runs until 2026-04-22" \
    case-step "$v" execute --doc "$T/doc.txt"
at 2026-04-23
expect_exit 0 case-step "$v" execute --doc "$T/doc.txt"

# A transfer: the head decides within 3 days of the report, and the case
# goes to the police within 24 hours of the approval.
at 2026-09-01
t=$(new_case 涉嫌犯罪公司) || exit 1
ZHIFA_NOW=2026-09-02T09:30:00+08:00
mark
expect_refused 77 "transfer-approve cannot be taken in $t before transfer-report (提请移送涉嫌犯罪案件)" \
    case-step "$t" transfer-approve --as chengang
expect_exit 0 case-step "$t" transfer-report --note 涉嫌犯罪，提请移送
expect_equal "$(due "$t" transfer-approve)" 2026-09-07 \
    "3 days to the 5th, a Saturday, so Monday the 7th"
ZHIFA_NOW=2026-09-03T16:00:00+08:00
expect_exit 0 case-step "$t" transfer-approve --as chengang
expect_equal "$(due "$t" transfer-send)" 2026-09-04T16:00:00+08:00 "24 hours"
mark
expect_refused 77 "transfer-decline cannot be taken while this is still to be done: 向公安机关移送涉嫌犯罪案件" \
    case-step "$t" transfer-decline --note 不构成犯罪 --as chengang
expect_exit 1 deadline-check --all
expect_in "$T/out" "09-04 16:00 前"

# An unpaid fine goes to court after a 催告 served ten days before
# (行政强制法第五十四条) and after the party's six months (第五十三条).
at 2026-03-02
u=$(new_case 欠款公司) || exit 1
case-step "$u" notify >/dev/null 2>&1
case-step "$u" waive >/dev/null 2>&1
expect_exit 0 decision-issue "$u" --as chengang --outcome 罚款五千元 \
    --fine 5000 --doc "$T/doc.txt"
expect_exit 0 case-step "$u" serve --method direct
at 2026-09-03
mark
expect_refused 77 "court-apply cannot be taken in $u before urge-enforce (申请强制执行前催告) (行政强制法第五十四条" \
    case-step "$u" court-apply
expect_exit 0 case-step "$u" urge-enforce
expect_equal "$(due "$u" enforce-court)" 2026-12-02 \
    "three months after the six (served 2 March: to 2 September, then 2 December)"
mark
expect_refused 77 "申请强制执行前的催告（催告书送达十日后方可申请） runs until 2026-09-17" \
    case-step "$u" court-apply
at 2026-09-18
expect_exit 0 case-step "$u" court-apply
# A licensing hearing (行政许可法第四十七条、第四十八条): noticed at least
# 7 days before, presided by someone who did not examine the application,
# and its time not counted in the 20 working days (第四十五条).
at 2026-11-02
h=$(lic) || exit 1
expect_exit 0 case-step "$h" accept --as lina
expect_equal "$(due "$h" licensing-decide)" 2026-11-30 "20 working days from 受理"
expect_exit 0 case-step "$h" notify --as lina
at 2026-11-04
expect_exit 0 case-step "$h" hearing-request --as lina
expect_equal "$(due "$h" licensing-hearing)" 2026-12-02 "organised within 20 working days"
at 2026-11-05
expect_exit 0 case-step "$h" hearing-notice --as lina
at 2026-11-16
mark
expect_refused 77 "听证通知至举行听证（至少七日） runs until 2026-11-16 (行政许可法第四十八条第一款第一项" \
    case-step "$h" hearing --presided-by zhaomin --doc "$T/doc.txt" --as lina
expect_refused 77 "'lina' (李娜) examined $h and may not preside over its hearing (行政许可法第四十八条第一款第三项)" \
    case-step "$h" hearing --presided-by lina --doc "$T/doc.txt" --as lina
at 2026-11-17
expect_exit 0 case-step "$h" hearing --presided-by zhaomin --doc "$T/doc.txt" \
    --as lina
expect_equal "$(due "$h" licensing-decide)" 2026-12-11 \
    "the 18 working days left when the hearing was asked for, from the hearing"
expect_exit 0 archive-verify
finish
