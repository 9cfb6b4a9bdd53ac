#!/bin/sh
# decision-correct: what a decision's record states wrongly is put right
# (更正) by the head, journaled, without a new decision or 文号, and the
# published record is republished as a correction under the same 文号,
# the earlier leaf still provable.  What the legal review decided (fine,
# measures, outcome) is not corrected: that is a new decision.
. "$(dirname "$0")/lib.sh"
plan 45

at 2026-11-02
new_archive
printf '行政处罚决定书\n' >"$T/d.txt"
c=$(case-new -t penalty --party 示例建筑工程有线公司 --party-kind org \
    --party-id 91350100M000100Y43 --party-rep 王五 --cause 未取得施工许可证擅自施工 \
    --officer zhangwei --officer lina 2>/dev/null) || exit 1
case-step "$c" notify >/dev/null 2>&1
case-step "$c" waive >/dev/null 2>&1
expect_exit 0 decision-issue "$c" --as chengang --outcome 警告 \
    --measure warning --number "示建罚决(2026)5号" --doc "$T/d.txt" \
    --basis 《中华人民共和国建筑法》第六十五条
at 2026-11-03
expect_exit 0 publish-export --as liuyang --out "$T/b1"

mark
expect_refused 77 "only the head (负责人) corrects a decision's record (更正); 'zhangwei' is officer" \
    decision-correct "$c" --as zhangwei --field party \
    --value 示例建筑工程有限公司 --reason 当事人申请更正名称
expect_refused 64 "--field 'fine' cannot be corrected" \
    decision-correct "$c" --as chengang --field fine --value 5000 \
    --reason 录入错误
expect_refused 77 "may be corrected in its typography only" \
    decision-correct "$c" --as chengang --field number \
    --value "示建罚决〔2026〕6号" --reason 录入错误
expect_refused 65 "is already '示例建筑工程有线公司'" \
    decision-correct "$c" --as chengang --field party \
    --value 示例建筑工程有线公司 --reason 录入错误
expect_refused 65 "not a valid unified social credit code" \
    decision-correct "$c" --as chengang --field party-id \
    --value 91350100M000100Y44 --reason 录入错误
expect_refused 64 "--reason" \
    decision-correct "$c" --as chengang --field party --value 某公司
n=$(case-new -t penalty --party 某公司 --cause 违规 --officer zhangwei \
    --officer lina 2>/dev/null) || exit 1
mark
expect_refused 77 "has no decision in force to correct" \
    decision-correct "$n" --as chengang --field party --value 某某公司 \
    --reason 录入错误

# A 文号 another decision holds, in whatever typography, is refused.
m=$(case-new -t penalty --party 某公司 --cause 违规 --officer zhangwei \
    --officer lina 2>/dev/null) || exit 1
case-step "$m" notify >/dev/null 2>&1
case-step "$m" waive >/dev/null 2>&1
mark
expect_refused 65 "decision number 示建罚决〔2026〕５号 is already used" \
    decision-issue "$m" --as chengang --outcome 警告 --measure warning \
    --number "示建罚决〔2026〕５号" --doc "$T/d.txt"

# The party's name, the basis and the 文号's typography.
expect_exit 0 decision-correct "$c" --as chengang --field party \
    --value 示例建筑工程有限公司 --reason "当事人申请更正名称（联系电话13812345678）"
expect_equal "$(cat "$T/out")" "$c" "decision-correct prints the case"
expect_exit 0 decision-correct "$c" --as chengang --field basis \
    --value 《中华人民共和国建筑法》第六十四条 --reason 引用条款有误
expect_exit 0 decision-correct "$c" --as chengang --field number \
    --value "示建罚决〔2026〕5号" --reason 文号括号不规范
expect_exit 0 case-log "$c" -o json
expect_in "$T/out" '"type": "decision.corrected"'
expect_in "$T/out" '"previous": "示例建筑工程有线公司"'

# Republished as a correction: the same decision, its page marked 更正
# with the date and the reason (masked), the first leaf still provable.
at 2026-11-04
expect_exit 0 publish-export --as liuyang --out "$T/b2"
expect_in "$T/out" "published 0, corrected 1"
page="$T/b2/data/decisions/$c.html"
expect_in "$page" "示例建筑工程有限公司"
expect_in "$page" "示建罚决〔2026〕5号"
expect_in "$page" "《中华人民共和国建筑法》第六十四条"
expect_in "$page" "本条公示信息已更正：2026-11-04 更正，取代公示日志第 0 条。更正理由：当事人申请更正名称（联系电话138****5678）；引用条款有误；文号括号不规范。"
expect_not_in "$page" "13812345678"
expect_in "$T/b2/data/index.html" "已更正"
expect_exit 0 publish-verify "$T/b2" --previous "$T/b1"
expect_exit 0 case-show -o json "$c"
expect_in "$T/out" '"number": "示建罚决〔2026〕5号"'
expect_exit 0 archive-verify
finish
