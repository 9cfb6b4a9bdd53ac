#!/bin/sh
# Lawful procedure (行政处罚法 and the sector's rules), as the gates and
# clocks a court would check.  Two certified officers act throughout
# (第四十二条): when one officer's certificate lapses, every act on the
# case is refused, naming the officer, until the head reassigns it
# (case-step CASE reassign); the clocks keep running.
. "$(dirname "$0")/lib.sh"
plan 20

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
expect_exit 0 archive-verify
finish
