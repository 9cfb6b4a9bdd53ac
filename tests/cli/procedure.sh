#!/bin/sh
# Lawful procedure (行政处罚法 and the sector's rules), as the gates and
# clocks a court would check.  Two certified officers act throughout
# (第四十二条): when one officer's certificate lapses, every act on the
# case is refused, naming the officer, until the head reassigns it
# (case-step CASE reassign); the clocks keep running.
. "$(dirname "$0")/lib.sh"
plan 24

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
expect_exit 0 archive-verify
finish
