#!/bin/sh
# case-list: filters, -q for pipes, aligned text, TSV and JSON.
. "$(dirname "$0")/lib.sh"
plan 53

ids() {
	tr '\n' ' ' <"$T/out"
}

new_archive
# C2025-0001: inspection, filed 2025-06-01 by the clerk for sunli and zhangwei.
# (Each is recorded on its filing day: a drill's clock goes back.)
old=$(ZHIFA_NOW=2025-06-01T10:00:00+08:00 case-new --as liuyang -t inspection --party 某物业公司 --cause 检查 \
    --officer sunli --officer zhangwei --filed 2025-06-01)
c1=$(new_case)
c2=$(ZHIFA_NOW=2026-03-15T10:00:00+08:00 case-new -t licensing --party 张三 --cause 申请施工许可 --officer lina \
    --officer wangqiang --as lina --filed 2026-03-15)
c3=$(case-new -t 处罚 --party "ABC Trading Ltd" --party-kind business \
    --cause 违法建设 --officer wangqiang --officer chengang --as wangqiang \
    --filed 2026-11-01)
expect_equal "$old $c1 $c2 $c3" "C2025-0001 C2026-0001 C2026-0002 C2026-0003" \
    "case ids"

# All, oldest first.
expect_exit 0 case-list -q
expect_equal "$(ids)" "$old $c1 $c2 $c3 " "all cases, in order"
# By kind (English or Chinese).
expect_exit 0 case-list -q --kind penalty
expect_equal "$(ids)" "$c1 $c3 " "--kind penalty"
expect_exit 0 case-list -q --kind 许可
expect_equal "$(ids)" "$c2 " "--kind 许可"
expect_exit 0 case-list -q --kind levy
expect_equal "$(wc -c <"$T/out")" 0 "no levy cases: nothing printed"
# By officer.
expect_exit 0 case-list -q --officer wangqiang
expect_equal "$(ids)" "$c2 $c3 " "--officer wangqiang"
expect_exit 0 case-list -q --officer zhangwei
expect_equal "$(ids)" "$old $c1 " "--officer zhangwei"
expect_exit 0 case-list -q --officer liuyang
expect_equal "$(wc -c <"$T/out")" 0 "the clerk handles no case"
# By filing date (inclusive).
expect_exit 0 case-list -q --filed-since 2026-03-15
expect_equal "$(ids)" "$c1 $c2 $c3 " "--filed-since is inclusive"
expect_exit 0 case-list -q --filed-since 2026-03-16
expect_equal "$(ids)" "$c1 $c3 " "--filed-since 2026-03-16"
expect_exit 0 case-list -q --filed-since 2026-01-01 --kind penalty \
    --officer wangqiang
expect_equal "$(ids)" "$c3 " "filters combine"
# By stage: every new case is at filing.
expect_exit 0 case-list -q --stage filed
expect_equal "$(ids)" "$old $c1 $c2 $c3 " "--stage filed"
expect_exit 0 case-list -q --stage decided
expect_equal "$(wc -c <"$T/out")" 0 "no case decided"
expect_exit 0 case-list -q --major
expect_equal "$(wc -c <"$T/out")" 0 "no major case yet"

# A filter that does not parse is a usage error (64); a date of a day
# that does not exist is a wrong value (65), as in every program.
mark
expect_exit 65 case-list --filed-since 2026-13-01
expect_in "$T/err" "2026-13-01"
expect_exit 64 case-list --filed-since yesterday
expect_exit 64 case-list --kind parking
expect_in "$T/err" "parking"
expect_exit 64 case-list extra
unchanged "case-list changes nothing"

# Pipes: ids into case-show.
case-list -q --kind penalty | case-show -q - >"$T/out" 2>"$T/err"
expect_equal "$(ids)" "$c1 $c3 " "case-list -q | case-show -"

# Text for people: a header, one line per case, Chinese aligned.
expect_exit 0 case-list
expect_equal "$(wc -l <"$T/out")" 5 "header and four cases"
expect_in "$T/out" "示建罚立〔2026〕1号"
expect_in "$T/out" "行政许可"
starts <"$T/out" >"$T/starts"
expect_equal "$(sort -u "$T/starts" | wc -l)" 1 "columns aligned by display width"
expect_equal "$(head -1 "$T/starts" | wc -w)" 8 "eight columns"

# TSV has a header; JSON is an array.
expect_exit 0 case-list -o tsv --kind penalty
expect_equal "$(wc -l <"$T/out")" 3 "TSV: header and two cases"
expect_equal "$(head -1 "$T/out")" "$(printf 'id\tnumber\tkind_name\tstage_name\tfiled\tnext_due\tparty_name\tcause')" "TSV header names fields"
expect_equal "$(sed -n 2p "$T/out" | cut -f1)" "$c1" "TSV first row"
expect_in "$T/out" "ABC Trading Ltd"
expect_exit 0 case-list -o json --officer lina
if command -v python3 >/dev/null 2>&1; then
	expect_equal "$(python3 -c 'import json,sys
print(" ".join(c["id"] + "/" + c["kind"] for c in json.load(open(sys.argv[1]))))' "$T/out")" \
	    "$c1/penalty $c2/licensing" "JSON array"
else
	expect_in "$T/out" "\"id\": \"$c2\""
fi
# Each case carries its decision's 文号, outcome and fine, for
# statistics; null before a decision.
check_json "no decision yet" "$T/out" <<'PY'
for c in j:
    assert c["outcome"] is None and c["fine_fen"] is None, c
    assert c["decision_number"] is None, c
PY
printf '决定书\n' >"$T/dl.txt"
case-step "$c1" notify >/dev/null 2>&1
case-step "$c1" waive >/dev/null 2>&1
decision-issue "$c1" --as chengang --outcome 罚款五千元 --fine 5000 \
    --doc "$T/dl.txt" >/dev/null 2>&1
expect_exit 0 case-list -o json --officer lina
check_json "case-list carries the decision's outcome and fine" "$T/out" \
    "$c1" <<'PY'
c = [c for c in j if c["id"] == arg[0]][0]
assert c["outcome"] == "罚款五千元" and c["fine_fen"] == 500000, c
assert c["decision_number"].endswith("号"), c
PY
expect_exit 0 case-list -o json --kind levy
expect_equal "$(tr -d ' \n' <"$T/out")" "[]" "an empty JSON array"
finish
