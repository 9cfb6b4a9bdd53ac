#!/bin/sh
# Lawful procedure (行政处罚法 and the sector's rules), as the gates and
# clocks a court would check.  Two certified officers act throughout
# (第四十二条): when one officer's certificate lapses, every act on the
# case is refused, naming the officer, until the head reassigns it
# (case-step CASE reassign); the clocks keep running.
. "$(dirname "$0")/lib.sh"
plan 59

new_archive
# 孙丽's certificate runs to 2025-12-31: a case filed before it lapses.
at 2025-12-20
c=$(case-new --as liuyang -t penalty --party 某物业公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 违规收费 --officer sunli \
    --officer zhangwei 2>/dev/null) || exit 1
at 2026-01-05
mark
expect_refused 77 "officer 'sunli' (孙丽) of $c holds no enforcement certificate valid on 2026-01-05: two certified officers act throughout (行政处罚法第四十二条)" \
    case-step "$c" investigate --note 现场复查
expect_refused 77 "holds no enforcement certificate valid on 2026-01-05" \
    evidence-add "$c" "$ZHIFA_ARCHIVE/zhifa.yaml" --as zhangwei
unchanged "acts while an officer's certificate has lapsed"

# Reassigning: the head's, to a certified officer not on the case.
mark
expect_refused 64 "reassign needs --officer PERSON" \
    case-step "$c" reassign --replaces sunli --note 执法证到期 --as chengang
expect_refused 65 "'zhangwei' is an officer of $c already" \
    case-step "$c" reassign --officer zhangwei --replaces sunli \
    --note 执法证到期 --as chengang
expect_refused 77 "'zhaomin' (赵敏) holds no enforcement certificate valid on 2026-01-05 and cannot take the case over" \
    case-step "$c" reassign --officer zhaomin --replaces sunli \
    --note 执法证到期 --as chengang
expect_exit 0 case-step "$c" reassign --officer lina --replaces sunli \
    --note 孙丽执法证到期，改由李娜承办 --as chengang
expect_exit 0 case-step "$c" investigate --note 现场复查
expect_equal "$(case-show -o json "$c" | json '" ".join(d["officers"])')" \
    "lina zhangwei" "the case's officers after the reassignment"

# A hearing is requested within the party's 5 working days
# (行政处罚法第六十四条第一项), not after: a late request is refused and
# does not hold the decision back.
at 2026-11-02
h=$(new_case 壬建筑公司 2>/dev/null) || exit 1
case-step "$h" notify >/dev/null 2>&1
at 2026-11-16
mark
expect_refused 77 "hearing-request can no longer be taken: 当事人陈述、申辩和要求听证的期限 ran until 2026-11-09 (行政处罚法第四十四条、第四十五条、第六十四条第一项、第八十五条)" \
    case-step "$h" hearing-request --note 当事人申请听证
unchanged "a hearing requested after the window"
# An officer acts only in the fields of the certificate (执法领域): 王强
# holds 城乡规划 and 物业管理, not 建筑市场.
mark
expect_refused 77 "officer 'wangqiang' (王强) is not certified for the field 建筑市场: the fields of the certificate are 城乡规划、物业管理、消防 (行政处罚法第四十二条" \
    case-new -t penalty --party 某公司 --cause 违法分包 --field 建筑市场 \
    --officer zhangwei --officer wangqiang
f=$(case-new -t penalty --party 某公司 --cause 违法分包 --field 建筑市场 \
    --officer zhangwei --officer lina 2>/dev/null) || exit 1
mark
expect_refused 77 "'wangqiang' (王强) is not certified for the field 建筑市场 and cannot take the case over" \
    case-step "$f" reassign --officer wangqiang --replaces lina \
    --note 调整 --as chengang

# 留置送达 is proved by a photo or video (国办发〔2018〕118号).
printf '行政处罚决定书\n' >"$T/decision.txt"
case-step "$f" notify >/dev/null 2>&1
case-step "$f" waive >/dev/null 2>&1
expect_exit 0 decision-issue "$f" --as chengang --outcome 警告 \
    --measure warning --doc "$T/decision.txt"
mark
expect_refused 77 "serve needs evidence of kind photo|video made for it" \
    case-step "$f" serve --method residence
expect_exit 0 evidence-add "$f" "$T/decision.txt" --kind photo --stage serve
expect_exit 0 case-step "$f" serve --method residence

# 简易程序 (行政处罚法第五十一条、第五十二条): a warning or a small fine,
# decided and handed over on the spot, with no notice period waited for.
s1=$(case-new -t penalty --party 刘某 --party-kind person \
    --party-id 11010519491231002x --cause 施工现场未设置围挡 \
    --officer zhangwei --officer lina 2>/dev/null) || exit 1
mark
expect_refused 77 "a fine decided on the spot on a party of kind person is at most 200 yuan" \
    decision-issue "$s1" --summary --as chengang --outcome 罚款五百元 \
    --fine 500 --doc "$T/decision.txt"
expect_refused 77 "a penalty decided on the spot confiscates nothing" \
    decision-issue "$s1" --summary --as chengang --outcome 没收 \
    --fine 100 --confiscated 80000 --doc "$T/decision.txt"
expect_refused 77 "a penalty decided on the spot carries no stop-construction" \
    decision-issue "$s1" --summary --as chengang --outcome 责令停止施工 \
    --measure stop-construction --doc "$T/decision.txt"
expect_refused 77 "decide cannot be taken in $s1 before notify" \
    decision-issue "$s1" --as chengang --outcome 罚款二百元 --fine 200 \
    --doc "$T/decision.txt"
expect_exit 0 decision-issue "$s1" --summary --as chengang \
    --outcome 罚款二百元 --fine 200 --doc "$T/decision.txt"
expect_equal "$(case-show -o json "$s1" | json 'd["stage"]')" served \
    "handed over on the spot (当场交付)"
case-log "$s1" -o json >"$T/log" 2>/dev/null
expect_in "$T/log" '"summary": true'
expect_in "$T/log" "当场交付（行政处罚法第五十二条）"

# The catalog tests the case's field, the agency's level and the amount
# confiscated (国办发〔2018〕118号: 执法层级、所属领域、涉案金额).
cat >>"$ZHIFA_ARCHIVE/zhifa.yaml" <<'YAML'
  - id: confiscation
    reason: 没收违法所得、非法财物五万元以上
    kinds: [penalty]
    confiscated_at_least: 50000
  - id: market-county
    reason: 县级建筑市场领域责令停产停业
    fields: [建筑市场]
    level: [county]
    measures: [stop-business]
YAML
apply_config
g=$(case-new -t penalty --party 某劳务公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 违法所得 --field 建筑市场 \
    --officer zhangwei --officer lina 2>/dev/null) || exit 1
printf '现场照片\n' >"$T/photo.jpg"
evidence-add "$g" "$T/photo.jpg" >/dev/null 2>&1
case-step "$g" notify >/dev/null 2>&1
case-step "$g" waive >/dev/null 2>&1
printf '报告\n' >"$T/report.txt"
expect_exit 0 review-submit "$g" --statement "$T/report.txt" \
    --draft "$T/report.txt" --measure confiscate --confiscated 60000
expect_in "$T/out" "没收违法所得、非法财物五万元以上：没收 60000 元，不低于 50000 元（含本数）"
h=$(case-new -t penalty --party 某分包公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 违法分包 --field 建筑市场 \
    --officer zhangwei --officer lina 2>/dev/null) || exit 1
evidence-add "$h" "$T/photo.jpg" >/dev/null 2>&1
case-step "$h" notify >/dev/null 2>&1
case-step "$h" waive >/dev/null 2>&1
expect_exit 0 review-submit "$h" --statement "$T/report.txt" \
    --draft "$T/report.txt" --measure confiscate --confiscated 1000 \
    --measure stop-business
expect_in "$T/out" "县级建筑市场领域责令停产停业"
expect_not_in "$T/out" "没收违法所得、非法财物五万元以上"
k=$(case-new -t penalty --party 某物业公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 违规 --field 城乡规划 \
    --officer zhangwei --officer wangqiang 2>/dev/null) || exit 1
evidence-add "$k" "$T/photo.jpg" >/dev/null 2>&1
case-step "$k" notify >/dev/null 2>&1
case-step "$k" waive >/dev/null 2>&1
expect_exit 0 review-submit "$k" --statement "$T/report.txt" \
    --draft "$T/report.txt" --measure stop-business
expect_not_in "$T/out" "县级建筑市场领域"
expect_exit 0 archive-verify
finish
