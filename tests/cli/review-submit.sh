#!/bin/sh
# Legal review of major decisions: review-submit, review-decide and the
# gate in decision-issue, walked through as the legal-review office would
# (review-decide's refusals are in review-decide.sh).
. "$(dirname "$0")/lib.sh"
plan 80

at 2026-11-02
new_archive
printf '案件调查终结报告\n' >"$T/report.txt"
printf '行政处罚决定书（代拟稿）：罚款六万元\n' >"$T/draft.txt"
printf '行政处罚决定书：罚款六万元\n' >"$T/decision.txt"
printf '现场照片\n' >"$T/photo.jpg"
printf '补充的检测报告\n' >"$T/test-report.pdf"

# A fine of 60,000 yuan on a company: major by the 50,000 rule.
id=$(new_case)
evidence-add "$id" "$T/photo.jpg" --kind photo >/dev/null
case-step "$id" notify >/dev/null
at 2026-11-10
case-step "$id" defense --note 当事人提交书面陈述 >/dev/null

mark
expect_exit 77 decision-issue "$id" --as chengang --outcome 罚款六万元 \
    --fine 60000 --doc "$T/decision.txt"
expect_in "$T/err" "is major (对法人或者其他组织处以五万元以上罚款：罚款 60000 元，不低于 50000 元（含本数）)"
expect_in "$T/err" "has not passed legal review"
unchanged "no decision without a review"

# Submitted with the statement missing: refused with the list.
expect_exit 77 review-submit "$id" --draft "$T/draft.txt" --fine 60000
expect_in "$T/err" "materials missing"
expect_in "$T/err" "案件调查终结报告（情况说明）"
expect_not_in "$T/err" "决定书代拟稿"
unchanged "an incomplete submission"
expect_exit 77 review-submit "$id" --statement "$T/report.txt" \
    --draft "$T/draft.txt" --fine 60000 --as wangqiang
expect_in "$T/err" "only an officer of"
unchanged "not an officer of the case"

# Complete: round 1, major, and why.
expect_exit 0 review-submit "$id" --statement "$T/report.txt" \
    --draft "$T/draft.txt" --fine 60000 -o json
expect_equal "$(json 'd["round"], d["major"]' <"$T/out")" "1 True" "round 1, major"
expect_in "$T/out" "罚款 60000 元，不低于 50000 元（含本数）"
expect_equal "$(case-list --awaiting-review -q)" "$id" "the review office's queue"
expect_exit 0 deadline-check --all -o json
expect_in "$T/out" '"rule": "legal-review"'
expect_in "$T/out" '"due": "2026-11-19"'

# zhaomin returns it with two failed points.
at 2026-11-12
expect_exit 0 review-decide "$id" --as zhaomin --return \
    --opinion "建议补充检测报告后再次提交" \
    --point evidence=fail:缺少质量检测报告 \
    --point discretion=fail:裁量理由不充分
opinion1=$(cat "$T/out")
case-show -o json "$id" >"$T/show"
python3 - "$T/show" "$opinion1" <<'PY' && ok || not_ok "round 1 returned, opinion stored"
import json, sys
c = json.load(open(sys.argv[1]))
r = c["review"]
assert r["status"] == "returned" and r["round"] == 1, r
rd = r["rounds"][0]
assert rd["reviewer"] == "zhaomin" and rd["opinion_doc"] == sys.argv[2], rd
fails = [p["point"] for p in rd["points"] if not p["pass"]]
assert fails == ["evidence", "discretion"], fails
doc = [e for e in c["evidence"] if e["id"] == sys.argv[2]][0]
assert doc["title"] == "法制审核意见书" and len(doc["sha256"]) == 64, doc
PY
expect_exit 0 evidence-get "$opinion1" --as zhaomin --reason 核对意见书
expect_in "$T/out" "法制审核意见书"
expect_in "$T/out" "审核结论：建议修改后再次提交"
expect_in "$T/out" "五、证据是否合法充分：不通过（缺少质量检测报告）"
expect_in "$T/out" "审核人：赵敏（zhaomin）"
expect_exit 77 decision-issue "$id" --as chengang --outcome 罚款六万元 \
    --fine 60000 --doc "$T/decision.txt"
expect_in "$T/err" "review round 1 is not approved (returned)"

# Evidence added; round 2 approved.
evidence-add "$id" "$T/test-report.pdf" >/dev/null
expect_exit 0 review-submit "$id" --fine 60000
expect_in "$T/out" "第2轮"
at 2026-11-13
expect_exit 0 review-decide "$id" --as zhaomin --approve --all-pass \
    --opinion "事实清楚，证据充分，同意"
# Refused until the collective discussion is recorded.
mark
expect_exit 77 decision-issue "$id" --as chengang --outcome 罚款六万元 \
    --fine 60000 --doc "$T/decision.txt"
expect_in "$T/err" "collective discussion"
unchanged "no decision before the collective discussion"
expect_exit 0 case-step "$id" discuss --as chengang --note 局务会集体讨论同意
# A decision other than the approved one needs a new round.
mark
expect_exit 77 decision-issue "$id" --as chengang --outcome 罚款五万元 \
    --fine 50000 --doc "$T/decision.txt"
expect_in "$T/err" "differs from the proposal approved in review round 2"
unchanged "a decision other than the approved proposal"
# Not by lina: only the head.
expect_exit 77 decision-issue "$id" --as lina --outcome 罚款六万元 \
    --fine 60000 --doc "$T/decision.txt"
expect_in "$T/err" "only the head"
unchanged "a decision by an officer"
expect_exit 0 decision-issue "$id" --as chengang --outcome 罚款六万元 \
    --fine 60000 --doc "$T/decision.txt"
expect_exit 0 case-log "$id"
for type in review.submitted review.decided decision.issued case.step; do
	expect_in "$T/out" "$type"
done

# Evidence added after approval: "materials changed after approval".
at 2026-11-16
id2=$(new_case 另一建筑公司)
evidence-add "$id2" "$T/photo.jpg" >/dev/null
case-step "$id2" notify >/dev/null
case-step "$id2" waive --note 当事人放弃陈述申辩 >/dev/null
review-submit "$id2" --statement "$T/report.txt" --draft "$T/draft.txt" \
    --fine 80000 >/dev/null
review-decide "$id2" --as zhaomin --approve --all-pass --opinion 同意 >/dev/null
case-step "$id2" discuss --as chengang >/dev/null
printf '迟到的证据\n' >"$T/late.txt"
evidence-add "$id2" "$T/late.txt" >/dev/null
mark
expect_exit 77 decision-issue "$id2" --as chengang --outcome 罚款八万元 \
    --fine 80000 --doc "$T/decision.txt"
expect_in "$T/err" "materials changed after approval"
unchanged "materials changed after approval"

# The thresholds: 9,999 yuan on a person is not major; 10,000 is.
p=$(case-new -t penalty --party 张三 --party-kind person --cause 违法建设 \
    --officer zhangwei --officer lina)
evidence-add "$p" "$T/photo.jpg" >/dev/null
case-step "$p" notify >/dev/null
case-step "$p" defense >/dev/null
expect_exit 0 review-submit "$p" --statement "$T/report.txt" \
    --draft "$T/draft.txt" --fine 9999 -o json
expect_equal "$(json 'd["major"]' <"$T/out")" False "9,999 yuan on a person"
review-decide "$p" --as zhaomin --approve --all-pass --opinion 同意 >/dev/null
expect_exit 0 review-submit "$p" --fine 10000 -o json
expect_equal "$(json 'd["major"]' <"$T/out")" True "10,000 yuan on a person"
expect_in "$T/out" "对自然人处以一万元以上罚款"

# A measure the catalog names makes a decision major whatever the fine.
q=$(case_for_review 第三公司)
expect_exit 0 review-submit "$q" --statement "$T/report.txt" \
    --draft "$T/draft.txt" --measure demolish -o json
expect_in "$T/out" "限期拆除、强制拆除：限期拆除"
# Measures by their Chinese names count the same.
at 2026-11-24
mark
expect_exit 77 decision-issue "$q" --as chengang --outcome 限期拆除 \
    --measure 限期拆除 --doc "$T/decision.txt"
expect_in "$T/err" "限期拆除、强制拆除：限期拆除"
unchanged "a Chinese measure name does not slip past the catalog"

# A transfer is major: it needs a review, but no notice to the party.
t=$(new_case 涉嫌犯罪公司)
evidence-add "$t" "$T/photo.jpg" >/dev/null
expect_exit 0 case-step "$t" transfer-report --note 涉嫌犯罪，提请移送
expect_exit 0 case-step "$t" transfer-approve --as chengang
mark
expect_exit 77 case-step "$t" transfer --as chengang
expect_in "$T/err" "涉嫌犯罪移送司法机关"
unchanged "no transfer without review"
expect_exit 0 review-submit "$t" --statement "$T/report.txt" \
    --draft "$T/draft.txt" --measure 移送司法机关
expect_in "$T/out" "重大执法决定：是"
expect_exit 0 review-decide "$t" --as zhaomin --approve --all-pass --opinion 同意移送
expect_exit 0 case-step "$t" discuss --as chengang
expect_exit 0 case-step "$t" transfer --as chengang --note 移送公安机关
expect_exit 0 case-show "$t"
expect_in "$T/out" "法制审核  第1轮 同意"
expect_in "$T/out" "移送"

# A manual flag with its reason.
m=$(new_case 第四公司)
expect_exit 0 case-step "$m" mark-major --note 社会影响重大 --as chengang
case-show -o json "$m" >"$T/show"
expect_in "$T/show" '"major": true'
expect_exit 64 case-step "$m" mark-major

# A round submitted again keeps the proposal it was given unless new
# values are: still 60,000 yuan, still major.
printf '案件调查终结报告\n' >"$T/rs.txt"
printf '行政处罚决定书（代拟稿）\n' >"$T/rd.txt"
q=$(case_for_review 辛建筑公司)
review-submit "$q" --statement "$T/rs.txt" --draft "$T/rd.txt" \
    --fine 60000 >/dev/null 2>&1
review-decide "$q" --as zhaomin --return --opinion 证据不足 \
    --point evidence=fail:缺少询问笔录 >/dev/null 2>&1
expect_exit 0 review-submit "$q" --note 补充询问笔录
case-show -o json "$q" >"$T/show"
expect_equal "$(json 'd["review"]["rounds"][1]["proposal"]["fine_fen"]' <"$T/show")" \
    6000000 "round 2 keeps round 1's fine"
expect_equal "$(json 'd["review"]["rounds"][1]["major"]' <"$T/show")" \
    True "round 2 is still major"
expect_exit 0 archive-verify
finish
