#!/bin/sh
# deadline-check and the clocks: the penalty case of the statutory
# examples, each deadline leaving when its step is recorded, extension,
# suspension, --is-workday, and counting past the calendar.
. "$(dirname "$0")/lib.sh"
plan 74

dues() {	# CASE [options]: "rule=due" of its deadlines, sorted
	deadline-check --all --party -o json "$@" | python3 -c '
import json, sys
print(" ".join(sorted("%s=%s" % (d["rule"], d["due"]) for d in json.load(sys.stdin))))'
}

at 2026-09-01
new_archive
printf '行政处罚决定书\n' >"$T/decision.txt"
id=$(ZHIFA_NOW=2026-09-01T10:00:00+08:00 case-new -t penalty --party 某建筑公司 --party-kind org --party-rep 王五 --cause 违法施工 \
    --officer zhangwei --officer lina --filed 2026-09-01)

# Filed 2026-09-01: decide within 90 days, by 2026-11-30.
expect_equal "$(dues)" "penalty-decide=2026-11-30" "decision deadline"
expect_exit 0 deadline-check --today 2026-11-20
expect_equal "$(wc -c <"$T/out")" 0 "quiet when nothing is due within 3 working days"
expect_exit 0 deadline-check --today 2026-11-26
expect_in "$T/out" "2026-11-30"
expect_in "$T/out" "行政处罚法第六十条"
expect_exit 1 deadline-check --today 2026-12-01
expect_in "$T/out" "逾期"
expect_exit 0 deadline-check --today 2026-11-25 -o json --within 5
python3 - "$T/out" <<'PY' && ok || not_ok "JSON fields of deadline-check"
import json, sys
d = json.load(open(sys.argv[1]))[0]
assert d["case"] == "C2026-0001" and d["due"] == "2026-11-30", d
assert d["days_left"] == 5 and d["unit"] == "calendar" and d["overdue"] is False, d
assert d["basis"].startswith("行政处罚法第六十条") and d["what"] == "作出行政处罚决定", d
PY
expect_exit 0 deadline-check --today 2026-11-25 -o tsv --within 5
expect_equal "$(head -1 "$T/out" | cut -f1-4)" "$(printf 'case\twhat\tdue\tdays_left')" "TSV header"

# An extension, approved by the head, moves the decision deadline.
at 2026-09-10
expect_exit 77 case-step "$id" extend --days 30
expect_in "$T/err" "approval"
expect_exit 0 case-step "$id" extend --days 30 --approved-by chengang
expect_equal "$(dues)" "penalty-decide=2026-12-30" "extended by 30 days"

# The notice opens the party's period; no decision before it ends.
at 2026-09-15
expect_exit 0 case-step "$id" notify
expect_equal "$(dues)" "penalty-decide=2026-12-30 penalty-statement=2026-09-21" \
    "statement period: 5 working days, counting make-up Sunday 2026-09-20"
at 2026-09-18
mark
expect_exit 77 decision-issue "$id" --as chengang --outcome 罚款 --fine 6000 \
    --doc "$T/decision.txt"
expect_in "$T/err" "2026-09-21"
unchanged "decision refused during the statement period"

# Decided 2026-09-28 with the party absent: serve and publish by 2026-10-13.
at 2026-09-28
expect_exit 77 decision-issue "$id" --as lina --outcome 罚款 --doc "$T/decision.txt"
expect_in "$T/err" "only the head"
unchanged "only the head decides"
expect_exit 0 decision-issue "$id" --as chengang --outcome 罚款六千元 \
    --fine 6000 --doc "$T/decision.txt" --party-absent
expect_equal "$(cat "$T/out")" "示建罚决〔2026〕1号" "decision number"
expect_equal "$(dues)" "penalty-serve=2026-10-13 publish-penalty-licensing=2026-10-13" \
    "service and publication deadlines; the decision deadline is met"
expect_exit 0 deadline-check --today 2026-10-09
expect_in "$T/out" "送达行政处罚决定书"
expect_in "$T/out" "公示行政处罚、行政许可决定"

# Serving removes the service deadline and starts the 15 days to pay.
at 2026-10-09
expect_exit 0 case-step "$id" serve --method post
# The party's six months to sue end 2027-04-09; an unpaid fine may be
# taken to court within three months of that (行政强制法第五十三条).
expect_equal "$(dues)" "enforce-court=2027-07-09 penalty-pay=2026-10-26 publish-penalty-licensing=2026-10-13 remedy-period=2027-04-09" \
    "payment by 10-24 (a Saturday) moves to the next working day"
expect_exit 0 deadline-check --today 2026-10-12
expect_not_in "$T/out" "送达"
expect_not_in "$T/out" "缴纳罚款"
expect_exit 0 deadline-check --today 2026-10-12 --party --all
expect_in "$T/out" "缴纳罚款"
at 2026-10-12
expect_exit 64 case-step "$id" publish --note "https://example.gov.cn/gs/1"
expect_in "$T/err" "publish-export"
expect_exit 0 publish-export --as liuyang --out "$T/site" -q
expect_equal "$(dues)" "enforce-court=2027-07-09 penalty-pay=2026-10-26 remedy-period=2027-04-09" "published"
expect_exit 0 case-list --overdue -q
expect_equal "$(wc -c <"$T/out")" 0 "no overdue case"

# An overdue case is listed by case-list --overdue; deadline-check exits 1.
at 2026-09-01
id2=$(ZHIFA_NOW=2026-06-01T10:00:00+08:00 case-new -t penalty --party 张三 --cause 违法建设 --officer lina \
    --officer wangqiang --as lina --filed 2026-06-01)
at 2026-10-12
expect_equal "$(case-list --overdue -q)" "$id2" "case-list --overdue"
expect_exit 1 deadline-check --today 2026-10-12 --officer wangqiang
expect_in "$T/out" "$id2"
expect_not_in "$T/out" "$id "
expect_exit 0 deadline-check --today 2026-10-12 --kind licensing
case-show -o json "$id2" >"$T/show"
expect_in "$T/show" '"overdue": true'

# Suspension pauses the clocks, resumption restarts them with what was left.
expect_exit 0 case-step "$id2" suspend --as chengang --note 等待鉴定结论
expect_equal "$(dues --officer wangqiang)" "" "paused deadlines are not listed"
expect_exit 77 case-step "$id2" notify --as lina
expect_in "$T/err" "allowed now: resume"
at 2026-10-20
expect_exit 0 case-step "$id2" resume --as lina
expect_equal "$(grep -v 'warning: drill: ' "$T/err")" "" \
    "no warning within the calendar"
expect_equal "$(dues --officer wangqiang)" "penalty-decide=2026-09-08" \
    "resumed as late as it was (42 days), the suspension not counted"

# Working days for cron.
expect_exit 0 deadline-check --is-workday --today 2026-10-10
expect_exit 1 deadline-check --is-workday --today 2026-10-05
expect_exit 1 deadline-check --is-workday --today 2026-10-11
expect_exit 0 deadline-check --is-workday --today 2026-12-01

# Past the last year of the calendar: a warning, and "estimated".
at 2026-12-20
id3=$(case-new -t licensing --party 某开发公司 --cause 申请施工许可 \
    --officer zhangwei --officer lina 2>"$T/err3")
expect_in "$T/err3" "calendar ends with 2026"
expect_exit 1 deadline-check --today 2027-01-10 -o json --within 10
expect_in "$T/err" "calendar ends with 2026"
expect_in "$T/out" '"estimated": true'

# Refused steps change nothing.
mark
expect_exit 77 case-step "$id3" serve --method post
expect_in "$T/err" "allowed now:"
expect_exit 64 case-step "$id3" fly
expect_exit 65 case-step "$id" close --at 2026-13-01T00:00:00+08:00
expect_exit 66 case-step C2026-9999 notify
expect_exit 77 case-step "$id3" notify --as wangqiang
expect_exit 64 case-step "$id3" decide
expect_exit 66 case-step "$id3" supplement --doc "$T/missing.pdf"
unchanged "refused steps"
expect_exit 0 archive-verify
finish
