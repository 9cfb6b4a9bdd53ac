#!/bin/sh
# case-stats: counts and sums that add up to case-list, by kind, month,
# officer and stage, for a year; the chart an SVG whose bars carry their
# values; read-only, and no chart inside the archive.
. "$(dirname "$0")/lib.sh"
plan 15

at 2026-11-02
new_archive_without_review
printf '决定书\n' >"$T/d.txt"
p1=$(new_case 甲公司) && p2=$(new_case 乙公司) || exit 1
l1=$(case-new -t licensing --party 丙公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 申请许可 --officer zhangwei \
    --officer wangqiang 2>/dev/null) || exit 1
for c in "$p1" "$p2"; do
	case-step "$c" notify >/dev/null 2>&1
	case-step "$c" waive >/dev/null 2>&1
done
decision-issue "$p1" --as chengang --outcome 罚款五千元 --fine 5000 \
    --doc "$T/d.txt" >/dev/null 2>&1
decision-issue "$p2" --as chengang --outcome 罚款一千二百三十四元五角 \
    --fine 1234.5 --doc "$T/d.txt" >/dev/null 2>&1

# By kind, the numbers case-list gives.
expect_exit 0 case-list -o json
cp "$T/out" "$T/list.json"
mark
expect_exit 0 case-stats -o json --by kind --chart "$T/chart.svg"
unchanged "case-stats writes nothing into the archive"
check_json "case-stats adds up to case-list" "$T/out" "$T/list.json" <<'PY'
cases = json.load(open(arg[0]))
rows = {r["key"]: r for r in j}
for k in ("penalty", "licensing"):
    mine = [c for c in cases if c["kind"] == k]
    assert rows[k]["cases"] == len(mine), (k, rows[k])
    assert rows[k]["decided"] == sum(c["decision_number"] is not None
                                     for c in mine), rows[k]
    assert rows[k]["fine_fen"] == sum(c["fine_fen"] or 0 for c in mine)
assert rows["all"]["cases"] == len(cases) == 3, rows
assert rows["penalty"]["fine_fen"] == 623450 and rows["penalty"]["fined"] == 2
PY
check_json "the chart's bars carry their values" "$T/out" "$T/chart.svg" <<'PY'
import re
svg = open(arg[0]).read()
bars = dict(re.findall(r'data-key="([a-z]+)" data-value="(\d+)"', svg))
assert bars == {"licensing": "1", "penalty": "2"}, bars
assert ">2</text>" in svg and "<title>" in svg, svg
PY
expect_exit 0 case-stats -o tsv --by officer
expect_in "$T/out" "张伟	3	2	2	623450	0"
expect_exit 0 case-stats --by month --year 2026
expect_in "$T/out" "2026-11"
expect_exit 0 case-stats -o json --year 2025
check_json "no case in 2025" "$T/out" <<'PY'
assert j == [{"key": "all", "label": "合计", "cases": 0, "decided": 0,
              "fined": 0, "fine_fen": 0, "major": 0}], j
PY
mark
expect_refused 64 "--by 'party' is not kind, month, officer or stage" \
    case-stats --by party
expect_exit 64 case-stats --chart "$ZHIFA_ARCHIVE/chart.svg"
finish
