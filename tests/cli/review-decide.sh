#!/bin/sh
# review-decide: the legal reviewer's conclusion on a submitted round
# (approve, return, reject), point by point; the written opinion stored
# as evidence and laid out as the paper form; what is journaled and what
# case-show shows; the reviewers the configuration allows; every refusal
# with its exit code and the rule it names, leaving the archive byte for
# byte as it was.
. "$(dirname "$0")/lib.sh"
plan 95

new_archive
decided_case 戊建筑公司
d=$decided		# decided: past review
printf '案件调查终结报告\n' >"$T/report.txt"
printf '行政处罚决定书（代拟稿）：罚款六万元\n' >"$T/draft.txt"
submit() {
	review-submit "$@" --statement "$T/report.txt" --draft "$T/draft.txt" \
	    --fine 60000 >/dev/null
}
at 2026-11-17
a=$(case_for_review 甲建筑公司)	# approved
r=$(case_for_review 乙建筑公司)	# returned, then approved in round 2
j=$(case_for_review 丙建筑公司)	# rejected
n=$(case_for_review 丁建筑公司)	# never submitted
submit "$a"
submit "$r"
submit "$j"
expect_equal "$(case-list --awaiting-review -q | tr '\n' ' ')" "$a $r $j " \
    "the review office's queue"
at 2026-11-18

# Refusals: only a legal reviewer, of a round waiting for a decision,
# with one conclusion that agrees with the points, and an opinion.
printf 'abc\000def' >"$T/nul.txt"
points="subject, officers, procedure, facts, evidence, law, discretion, authority, documents, transfer"
mark
expect_fail 77 "only a legal reviewer (法制审核人员) decides a review; 'zhangwei' is officer" \
    review-decide "$a" --approve --all-pass --opinion 同意
expect_fail 77 "only a legal reviewer (法制审核人员) decides a review; 'chengang' is head" \
    review-decide "$a" --as chengang --approve --all-pass --opinion 同意
expect_fail 77 "only a legal reviewer (法制审核人员) decides a review; 'liuyang' is clerk" \
    review-decide "$a" --as liuyang --approve --all-pass --opinion 同意
expect_fail 77 "$n has not been submitted for legal review" \
    review-decide "$n" --as zhaomin --approve --all-pass --opinion 同意
expect_fail 77 "$d is at stage decided (已决定), where no review can be decided" \
    review-decide "$d" --as zhaomin --approve --all-pass --opinion 同意
expect_fail 66 "no case 'C2026-0999'" \
    review-decide C2026-0999 --as zhaomin --approve --all-pass --opinion 同意
expect_fail 64 "give one case" review-decide --as zhaomin --approve --all-pass --opinion 同意
expect_fail 64 "give one case" \
    review-decide "$a" "$r" --as zhaomin --approve --all-pass --opinion 同意
expect_fail 64 "give --approve, --return or --reject" \
    review-decide "$a" --as zhaomin --opinion 同意
expect_fail 64 "give one of --approve, --return, --reject" \
    review-decide "$a" --as zhaomin --approve --all-pass --return --opinion 同意
expect_fail 64 "a written opinion is required: --opinion TEXT or --opinion-file FILE" \
    review-decide "$a" --as zhaomin --approve --all-pass
expect_fail 64 "--point 'facts=maybe' is not NAME=pass|fail[:NOTE] with NAME one of $points" \
    review-decide "$a" --as zhaomin --approve --all-pass --opinion 同意 --point facts=maybe
expect_fail 64 "--point 'colour=fail' is not NAME=pass|fail[:NOTE] with NAME one of $points" \
    review-decide "$a" --as zhaomin --return --opinion 退回 --point colour=fail
expect_fail 65 "a review with failed points cannot be approved: return or reject it" \
    review-decide "$a" --as zhaomin --approve --all-pass --opinion 同意 \
    --point evidence=fail:证据不足
expect_fail 65 "say which points fail: --point NAME=fail:NOTE" \
    review-decide "$a" --as zhaomin --return --opinion 退回
expect_fail 65 "say which points fail: --point NAME=fail:NOTE" \
    review-decide "$a" --as zhaomin --reject --opinion 不同意 --point law=pass
expect_fail 65 "opinion holds a control character" \
    review-decide "$a" --as zhaomin --approve --all-pass --opinion "$(printf '同意\033')"
expect_fail 65 "opinion not valid UTF-8" \
    review-decide "$a" --as zhaomin --approve --all-pass --opinion "$(printf '同意\377')"
expect_fail 65 "opinion too long" review-decide "$a" --as zhaomin --approve --all-pass \
    --opinion "$(head -c 20001 /dev/zero | tr '\0' x)"
expect_fail 65 "note on evidence holds a control character or a line break" \
    review-decide "$a" --as zhaomin --return --opinion 退回 \
    --point "$(printf 'evidence=fail:缺少\n检测报告')"
expect_fail 65 "note on evidence too long" \
    review-decide "$a" --as zhaomin --return --opinion 退回 \
    --point "evidence=fail:$(head -c 1001 /dev/zero | tr '\0' x)"
expect_fail 65 "cannot read '$T/nul.txt': it holds a NUL byte" \
    review-decide "$a" --as zhaomin --approve --all-pass --opinion-file "$T/nul.txt"
expect_fail 66 "cannot read '$T/none.txt': No such file or directory" \
    review-decide "$a" --as zhaomin --approve --all-pass --opinion-file "$T/none.txt"
unchanged "refused review decisions"

# Approved, with the opinion in a file (its last line breaks dropped) and
# a note on a passed point.
printf '事实清楚，证据确凿。\n适用法律正确，程序合法，裁量适当，同意。\n\n' >"$T/opinion.txt"
expect_exit 0 review-decide "$a" --as zhaomin --approve --all-pass \
    --opinion-file "$T/opinion.txt" --point facts=pass:经现场核实
doc=$(cat "$T/out")
expect_equal "$(printf %s "$doc" | grep -cE '^E2026-[0-9]{5}$')" 1 \
    "review-decide prints the opinion's evidence id"
case-log -o json "$a" >"$T/log"
check_json "review.decided journaled" "$T/log" "$doc" <<'PY'
e = j[-1]
assert e["type"] == "review.decided" and e["actor"] == "zhaomin", e
d = e["data"]
assert d["round"] == 1 and d["verdict"] == "approve", d
assert d["opinion"] == "事实清楚，证据确凿。\n适用法律正确，程序合法，裁量适当，同意。", d
assert d["doc"] == arg[0] and d["at"] == "2026-11-18T10:00:00+08:00", d
assert d["stage"] == "notified", d
assert [p["point"] for p in d["points"]] == ["subject", "officers",
    "procedure", "facts", "evidence", "law", "discretion", "authority",
    "documents", "transfer"], d["points"]
assert all(p["pass"] for p in d["points"]), d["points"]
assert [p.get("note") for p in d["points"] if "note" in p] == ["经现场核实"]
assert d["clocks"]["close"] == ["legal-review"], d["clocks"]
PY
case-show -o json "$a" >"$T/show"
check_json "case-show after the approval" "$T/show" "$doc" "$a" <<'PY'
r = j["review"]
assert r["status"] == "approved" and r["round"] == 1, r
rd = r["rounds"][0]
assert rd["status"] == "approved" and rd["reviewer"] == "zhaomin", rd
assert rd["opinion_doc"] == arg[0], rd
e = [x for x in j["evidence"] if x["id"] == arg[0]][0]
assert e["title"] == "法制审核意见书" and e["kind"] == "document", e
assert e["name"] == "法制审核意见书-%s.txt" % arg[1], e
assert e["access"] == "restricted" and e["added_by"] == "zhaomin", e
assert "legal-review" not in [x["rule"] for x in j["deadlines"]], j["deadlines"]
PY
expect_exit 0 evidence-get "$doc" --as zhaomin --reason 核对意见书
cat >"$T/want" <<EOF
示例县住房和城乡建设局
法制审核意见书
（第1轮）

案件：$a  示建罚立〔2026〕2号
当事人：甲建筑公司
案由：未取得施工许可证擅自施工
拟作决定：罚款（罚款 60000 元）
重大执法决定：是
  对法人或者其他组织处以五万元以上罚款：罚款 60000 元，不低于 50000 元（含本数）

审核事项：
一、执法主体是否合法：通过
二、执法人员是否具备执法资格：通过
三、执法程序是否合法：通过
四、案件事实是否清楚：通过（经现场核实）
五、证据是否合法充分：通过
六、适用法律、法规、规章是否准确：通过
七、裁量基准运用是否适当：通过
八、是否超越法定权限：通过
九、执法文书是否完备、规范：通过
十、违法行为是否涉嫌犯罪需要移送：通过

审核结论：同意
审核意见：事实清楚，证据确凿。
适用法律正确，程序合法，裁量适当，同意。

审核人：赵敏（zhaomin）
日期：2026年11月18日
EOF
check "the written opinion, as stored: $(diff "$T/want" "$T/out" | head -5)" \
    cmp -s "$T/want" "$T/out"
mark
expect_fail 77 "round 1 of $a is already decided (approved)" \
    review-decide "$a" --as zhaomin --reject --opinion 不同意 --point law=fail
unchanged "a round decided twice"
expect_equal "$(case-list --awaiting-review -q | tr '\n' ' ')" "$r $j " \
    "the approved case leaves the queue"

# Returned: the failed points, the last naming of a point counting.
expect_exit 0 review-decide "$r" --as zhaomin --return \
    --opinion 建议补充检测报告后再次提交 \
    --point evidence=fail:缺少质量检测报告 --point law=fail:条文有误 \
    --point law=pass --point discretion=fail:裁量理由不充分
opinion_r=$(cat "$T/out")
case-show -o json "$r" >"$T/show"
expect_equal "$(json 'd["review"]["status"], [(p["point"], p.get("note")) for p in d["review"]["rounds"][0]["points"] if not p["pass"]]' <"$T/show")" \
    "returned [('evidence', '缺少质量检测报告'), ('discretion', '裁量理由不充分')]" \
    "returned, with two failed points"
expect_exit 0 evidence-get "$opinion_r" --as zhaomin --reason 核对意见书
expect_in "$T/out" "五、证据是否合法充分：不通过（缺少质量检测报告）"
expect_in "$T/out" "六、适用法律、法规、规章是否准确：通过
七、裁量基准运用是否适当：不通过（裁量理由不充分）"
expect_in "$T/out" "审核结论：建议修改后再次提交"
# Submitted again, as round 2, and approved.
printf '补充的检测报告\n' >"$T/test-report.pdf"
evidence-add "$r" "$T/test-report.pdf" >/dev/null
review-submit "$r" --fine 60000 >/dev/null
expect_exit 0 review-decide "$r" --as zhaomin --approve --all-pass --opinion 同意
expect_equal "$(case-show -o json "$r" | json '[(x["round"], x["status"]) for x in d["review"]["rounds"]]')" \
    "[(1, 'returned'), (2, 'approved')]" "two rounds"
expect_exit 0 evidence-get "$(case-show -o json "$r" | json 'd["review"]["rounds"][1]["opinion_doc"]')" \
    --as zhaomin --reason 核对意见书
expect_in "$T/out" "（第2轮）"

# Rejected: no decision follows it.
expect_exit 0 review-decide "$j" --as zhaomin --reject --opinion 涉嫌犯罪，应当移送 \
    --point transfer=fail:涉嫌犯罪
expect_equal "$(case-show -o json "$j" | json 'd["review"]["status"]')" rejected \
    "rejected"
expect_exit 0 evidence-get "$(cat "$T/out")" --as zhaomin --reason 核对意见书
expect_in "$T/out" "十、违法行为是否涉嫌犯罪需要移送：不通过（涉嫌犯罪）"
expect_in "$T/out" "审核结论：不同意"
at 2026-11-25		# past the party's period
mark
expect_fail 77 "review round 1 is not approved (rejected)" \
    decision-issue "$j" --as chengang --outcome 罚款六万元 --fine 60000 \
    --doc "$T/draft.txt"
unchanged "no decision after a rejection"
expect_equal "$(case-list --awaiting-review -q)" "" "the queue is empty"
expect_exit 0 deadline-check --all -o json
expect_not_in "$T/out" '"rule": "legal-review"'

# The reviewers the configuration allows: not one who handles the case
# (回避), nor, while review.qualification is true, one without the legal
# qualification.
k=$(case-new -t penalty --party 庚建筑公司 --party-kind org --cause 违法建设 \
    --officer wangqiang --officer lina --as lina)
evidence-add "$k" "$T/photo.jpg" --as lina >/dev/null
case-step "$k" notify --as lina >/dev/null
case-step "$k" defense --as lina >/dev/null
submit "$k" --as lina
sed -i -e '/^  - id: wangqiang$/,/^    role:/s/role: officer/role: reviewer\n    legal_qualification: true/' \
    -e '/^  - id: chengang$/i\  - id: wujing\n    name: 吴静\n    role: reviewer\n    login: wujing\n' \
    "$ZHIFA_ARCHIVE/zhifa.yaml"
apply_config
give_key wujing
mark
expect_fail 77 "'wangqiang' handles $k and may not review it (回避)" \
    review-decide "$k" --as wangqiang --approve --all-pass --opinion 同意
expect_fail 77 "'wujing' (吴静) holds no legal professional qualification (法律职业资格), which the catalog requires of reviewers" \
    review-decide "$k" --as wujing --approve --all-pass --opinion 同意
unchanged "a reviewer who handles the case, and one unqualified"
sed -i 's/^  qualification: true$/  qualification: false/' "$ZHIFA_ARCHIVE/zhifa.yaml"
apply_config
expect_exit 0 review-decide "$k" --as wujing --approve --all-pass --opinion 同意
expect_equal "$(case-show -o json "$k" | json 'd["review"]["rounds"][0]["reviewer"]')" \
    wujing "a reviewer without the qualification, when none is required"

# An approval certifies all ten points: a bare --approve is refused (64)
# naming the points not named; points are named in English, by their
# short Chinese names or as the opinion prints them.
m=$(case_for_review 癸建筑公司)
submit "$m" --as zhangwei
mark
expect_refused 64 "an approval certifies all ten points: name each (--point NAME=pass[:NOTE]) or say --all-pass; not named: subject, officers, procedure, facts, evidence, law, discretion, authority, documents, transfer" \
    review-decide "$m" --as zhaomin --approve --opinion 同意
expect_refused 64 "not named: authority, documents, transfer" \
    review-decide "$m" --as zhaomin --approve --opinion 同意 \
    --point subject=pass --point 执法人员=pass --point 执法程序是否合法=pass \
    --point facts=pass --point 证据=pass --point 适用法律=pass \
    --point discretion=pass
expect_exit 0 review-decide "$m" --as zhaomin --approve --opinion 同意 \
    --point subject=pass --point 执法人员=pass --point 执法程序是否合法=pass \
    --point facts=pass --point 证据=pass:笔录、照片相互印证 --point 适用法律=pass \
    --point discretion=pass --point 法定权限=pass --point 执法文书=pass \
    --point 移送=pass
expect_equal "$(case-show -o json "$m" | json 'd["review"]["rounds"][0]["points"][4]["note"]')" \
    笔录、照片相互印证 "a note on a point named in Chinese"
expect_exit 0 archive-verify
finish
