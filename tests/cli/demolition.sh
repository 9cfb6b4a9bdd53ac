#!/bin/sh
# A forced demolition (强制拆除) run lawfully from start to end, and each
# unlawful shortcut refused naming its article: the 催告 before the
# decision (行政强制法第三十五条), the 公告 and its period (第四十四条),
# the remedy periods (行政复议法第二十条: 60 days; 行政诉讼法第四十六条:
# six months) and a pending 复议 or suit, the county government's order
# (城乡规划法第六十八条) or the court's ruling, and the video of the
# execution (国办发〔2018〕118号).
. "$(dirname "$0")/lib.sh"
plan 50

dues() {	# CASE: "rule=due" of its open deadlines, sorted
	deadline-check --all --party -o json | python3 -c '
import json, sys
print(" ".join(sorted("%s=%s" % (d["rule"], d["due"])
    for d in json.load(sys.stdin) if d["case"] == sys.argv[1])))' "$1"
}

at 2026-03-02
new_archive
printf '强制拆除决定书\n' >"$T/decision.txt"
printf '案件调查终结报告\n' >"$T/report.txt"
printf '决定书代拟稿\n' >"$T/draft.txt"
printf '现场照片\n' >"$T/photo.jpg"
printf '强制拆除全程录像\n' >"$T/video.mp4"
c=$(case-new -t compulsion --party 某村民 --party-kind person \
    --party-id 11010519491231002x --cause 违法建设经责令限期拆除逾期未拆除 \
    --field 城乡规划 --officer zhangwei --officer wangqiang --as zhangwei) ||
    exit 1
expect_exit 0 evidence-add "$c" "$T/photo.jpg" --kind photo --as zhangwei

# The decision to demolish needs the 催告 first, and its ten working days.
mark
expect_refused 77 "decide cannot be taken in $c before urge (催告) (行政强制法第三十五条、第三十七条" \
    decision-issue "$c" --as chengang --outcome 强制拆除 \
    --measure forced-demolition --doc "$T/decision.txt"
expect_exit 0 case-step "$c" urge --as zhangwei
expect_equal "$(dues "$c")" "compulsion-urge=2026-03-16" \
    "the party's ten working days after the 催告"
at 2026-03-17
expect_exit 0 case-step "$c" defense --note 当事人陈述：房屋系自住 --as zhangwei
expect_exit 0 review-submit "$c" --as zhangwei --statement "$T/report.txt" \
    --draft "$T/draft.txt" --measure forced-demolition
expect_exit 0 review-decide "$c" --as zhaomin --approve --all-pass \
    --opinion 同意强制拆除 --adviser 王律师（法律顾问） \
    --adviser-opinion 程序合法，建议公告后执行
expect_exit 0 case-step "$c" discuss --as chengang
expect_exit 0 decision-issue "$c" --as chengang --outcome 强制拆除违法建筑 \
    --measure forced-demolition --doc "$T/decision.txt"
expect_exit 0 case-step "$c" serve --method direct --as zhangwei

# The same day: no execution before the 公告, its period, the remedy
# periods, the government's order and the video.
mark
expect_refused 77 "execute cannot be taken in $c before announce (公告限期自行拆除) (行政强制法第四十四条" \
    case-step "$c" execute --as zhangwei
expect_exit 0 case-step "$c" announce --as zhangwei
expect_equal "$(dues "$c" | tr ' ' '\n' | grep -E '^(demolition-notice|remedy-review|remedy-litigation)=' | tr '\n' ' ')" \
    "demolition-notice=2026-03-27 remedy-litigation=2026-09-17 remedy-review=2026-05-18 " \
    "the 公告's ten days, then 60 days and six months from service"
mark
expect_refused 77 "execute cannot be taken in $c before government-order (人民政府责成强制拆除) or court-ruling (人民法院裁定准予执行)" \
    case-step "$c" execute --as zhangwei
expect_refused 77 "the party's period ends: 当事人提起行政诉讼的期限" \
    case-step "$c" government-order --as chengang

# Served on 17 March: the six months to sue run to 17 September, and the
# 60 days of 复议 to 16 May, a Saturday, so to Monday 18 May.
at 2026-09-17
mark
expect_refused 77 "当事人提起行政诉讼的期限（期间不得强制拆除） runs until 2026-09-17 (行政诉讼法第四十六条" \
    case-step "$c" government-order --as chengang

# The party sued on the last day: the demolition waits for the judgment.
expect_exit 0 case-step "$c" appeal --note 当事人提起行政诉讼 --as zhangwei
at 2026-09-21
mark
expect_refused 77 "复议、诉讼期间不得强制拆除" \
    case-step "$c" government-order --as chengang
# Judgment served on 16 November: 15 more days to appeal it
# (行政诉讼法第八十五条), to 1 December.
at 2026-11-16
expect_exit 0 case-step "$c" appeal-end --note 一审判决驳回诉讼请求 \
    --as zhangwei
mark
expect_refused 77 "runs until 2026-12-01 (行政诉讼法第四十五条、第八十五条" \
    case-step "$c" government-order --as chengang
# A video made before the order is no record of the execution.
expect_exit 0 evidence-add "$c" "$T/video.mp4" --kind video --stage execute \
    --as zhangwei
at 2026-12-02
expect_exit 0 case-step "$c" government-order --as chengang
mark
expect_refused 77 "execute needs evidence of kind video made for it, not before the case's last step" \
    case-step "$c" execute --as zhangwei
expect_in "$T/err" "国办发〔2018〕118号"
expect_exit 0 evidence-add "$c" "$T/video.mp4" --kind video --stage execute \
    --as zhangwei
expect_exit 0 case-step "$c" execute --as zhangwei
expect_equal "$(case-show -o json "$c" | json 'd["stage"]')" executed \
    "executed after every period"
case-show -o json "$c" >"$T/show"
expect_exit 0 case-log "$c" -o json
expect_in "$T/out" '"adviser"'
expect_in "$T/out" "王律师（法律顾问）"

# A forced demolition is a compulsion's: no penalty case decides one.
p=$(new_case) || exit 1
case-step "$p" notify --as zhangwei >/dev/null 2>&1
case-step "$p" waive --as zhangwei >/dev/null 2>&1
mark
expect_refused 77 "forced-demolition (强制拆除) is no decision of a penalty case" \
    decision-issue "$p" --as chengang --outcome 强制拆除 \
    --measure forced-demolition --doc "$T/decision.txt"
expect_exit 0 archive-verify
finish
