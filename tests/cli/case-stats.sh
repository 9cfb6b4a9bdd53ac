#!/bin/sh
# case-stats: counts and sums that add up to case-list, by kind, month,
# officer, stage, outcome, review and deadline, for a year; the chart an
# SVG whose bars carry their values; the annual report adds up to both;
# who read what, secret evidence first; read-only, and no chart inside
# the archive.
. "$(dirname "$0")/lib.sh"
plan 45

fined_cases
# A third, decided, appealed and revoked: a remedy lost.
p3=$(new_case 丁公司) || exit 1
case-step "$p3" notify >/dev/null 2>&1
case-step "$p3" waive >/dev/null 2>&1
decision-issue "$p3" --as chengang --outcome 警告 --measure warning \
    --doc "$T/d.txt" >/dev/null 2>&1 || exit 1
case-step "$p3" appeal --note 申请行政复议 >/dev/null 2>&1 || exit 1
decision-revoke "$p3" --as chengang --kind illegal \
    --reason 复议机关确认违法 >/dev/null 2>&1 || exit 1
# Evidence read: a photo, and a secret record.
printf '照片\n' >"$T/photo.jpg"
printf '笔录\n' >"$T/secret.txt"
e1=$(evidence-add "$p1" "$T/photo.jpg" 2>/dev/null | cut -f 1)
e2=$(evidence-add "$p1" "$T/secret.txt" --kind record --access secret \
    --secret-kind privacy 2>/dev/null | cut -f 1)
evidence-get "$e1" --reason 制作处罚决定书 -O "$T/o1" >/dev/null 2>&1 || exit 1
evidence-get "$e2" --reason 核对当事人陈述 -O "$T/o2" >/dev/null 2>&1 || exit 1

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
assert rows["all"]["cases"] == len(cases) == 4, rows
assert rows["penalty"]["fine_fen"] == 623450 and rows["penalty"]["fined"] == 2
PY
check_json "the chart's bars carry their values" "$T/out" "$T/chart.svg" <<'PY'
import re
svg = open(arg[0]).read()
bars = dict(re.findall(r'data-key="([a-z]+)" data-value="(\d+)"', svg))
assert bars == {"licensing": "1", "penalty": "3"}, bars
assert ">3</text>" in svg and "<title>" in svg, svg
PY
expect_exit 0 case-stats -o tsv --by officer
expect_in "$T/out" "张伟	4	2	2	623450	0	0"
expect_exit 0 case-stats --by month --year 2026
expect_in "$T/out" "2026-11"
expect_exit 0 case-stats -o json --year 2025
check_json "no case in 2025" "$T/out" <<'PY'
assert j == [{"key": "all", "label": "合计", "cases": 0, "decided": 0,
              "fined": 0, "fine_fen": 0, "major": 0, "late": 0}], j
PY

# By outcome and review, the numbers case-list gives.
expect_exit 0 case-stats -o json --by outcome
check_json "by outcome: as case-list says" "$T/out" "$T/list.json" <<'PY'
cases = json.load(open(arg[0]))
rows = {r["key"]: r["cases"] for r in j if r["key"] != "all"}
want = {}
for c in cases:
    k = ("fined" if (c["fine_fen"] or 0) > 0 else "decided") \
        if c["decision_number"] else \
        ("revoked" if c["stage"] == "revoked" else "pending")
    want[k] = want.get(k, 0) + 1
assert rows == want == {"fined": 2, "revoked": 1, "pending": 1}, (rows, want)
PY
expect_exit 0 case-stats -o json --by review
check_json "by review: as case-list says" "$T/out" "$T/list.json" <<'PY'
cases = json.load(open(arg[0]))
rows = {r["key"]: r["cases"] for r in j if r["key"] != "all"}
want = {}
for c in cases:
    want[c["review_status"]] = want.get(c["review_status"], 0) + 1
assert rows == want, (rows, want)
PY
expect_exit 0 case-stats -o json --by measure
check_json "by measure: each decision in force's measures" "$T/out" <<'PY'
rows = {r["key"]: r["cases"] for r in j}
assert rows == {"fine": 2, "all": 4}, rows
PY

# Eighteen days on, the two fines are still not published (7 working
# days, due 11 November: 9 days late), and the licence applicant was
# never told what to complete (5 working days, due 9 November: 11 days
# late, 行政许可法第三十二条): by deadline, they are the cases late, and
# the cases case-audit finds a deadline missed in.
at 2026-11-20
expect_exit 0 case-stats -o json --by deadline
cp "$T/out" "$T/deadline.json"
expect_exit 1 case-audit --all -o json
check_json "by deadline: as case-audit finds" "$T/deadline.json" \
    "$T/out" "$p1" "$p2" "$l1" <<'PY'
audits = json.load(open(arg[0]))
rows = {r["key"]: (r["cases"], r["late"]) for r in j}
assert rows == {"ontime": (1, 0), "late-8-30": (3, 3), "all": (4, 3)}, rows
late = sorted(a["case"] for a in audits
              if any(f["check"] == "deadline" for f in a["findings"]))
assert late == sorted(arg[1:4]), late
days = sorted(f["late_days"] for a in audits for f in a["findings"]
              if f["check"] == "deadline")
assert days == [9, 9, 11], days
PY

# The annual report (年度行政执法数据) of 2026: its parts are case-stats's
# rows for the year, and the year's acts.
expect_exit 0 case-stats -o json --year 2026 --annual
cp "$T/out" "$T/annual.json"
expect_exit 0 case-stats -o json --year 2026 --by kind
check_json "the annual report adds up to case-stats and case-list" \
    "$T/annual.json" "$T/out" "$T/list.json" <<'PY'
by_kind, cases = json.load(open(arg[0])), json.load(open(arg[1]))
assert j["year"] == "2026" and j["agency"] == "示例县住房和城乡建设局", j
assert j["kind"] == by_kind, (j["kind"], by_kind)
total = [r for r in j["kind"] if r["key"] == "all"][0]
assert total["cases"] == len(cases), total
assert total["fine_fen"] == sum(c["fine_fen"] or 0 for c in cases), total
assert j["acts"] == {"hearings": 0, "reviews": 0, "revocations": 1,
                     "appeals": 1, "remedies_lost": 1}, j["acts"]
assert [r["key"] for r in j["outcome"]] == ["fined", "pending", "revoked",
                                            "all"], j["outcome"]
PY
expect_exit 0 case-stats --year 2026 --annual
expect_in "$T/out" "2026年度行政执法数据"

# In January, publish-export puts the year's data on the site, linked
# from the standing information, with the numbers of --annual.
at 2027-01-11
expect_exit 0 publish-export --as liuyang --out "$T/site"
check_json "the site's annual page holds the report's numbers" \
    "$T/annual.json" "$T/site/data" <<'PY'
import re
site = arg[0]
page = open(site + "/annual-2026.html").read()
elder = open(site + "/elder/annual-2026.html").read()
standing = open(site + "/standing.html").read()
assert 'href="annual-2026.html"' in standing, "no link from standing.html"
assert "2026年度行政执法数据" in page and "2026年度行政执法数据" in elder
cells = lambda row: [int(float(x)) for x in row]
tables = re.findall(r'<th scope="row">合计</th><td>(\d+)</td><td>(\d+)</td>'
                    r'<td>(\d+)</td><td>([\d.]+)</td><td>(\d+)</td>'
                    r'<td>(\d+)</td>', page)
assert len(tables) == 5, tables
total = [r for r in j["kind"] if r["key"] == "all"][0]
got = tables[0]
assert int(got[0]) == total["cases"] and int(got[2]) == total["fined"], got
assert round(float(got[3]) * 100) == total["fine_fen"], got
assert int(got[5]) == total["late"], got
acts = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td></tr>', page)
assert ("撤销、确认违法或者责令重作的决定", "1") in acts, acts
PY

# Who read what, secret evidence first (调阅监督).
expect_exit 0 case-stats -o json --reads --as liuyang
check_json "reads: secret first, each with its reason" "$T/out" "$e1" "$e2" <<'PY'
assert [(r["evidence"], r["access"]) for r in j] == [
    (arg[1], "secret"), (arg[0], "restricted")], j
assert j[0]["reason"] == "核对当事人陈述" and j[0]["name"] == "张伟", j
PY
mark
expect_refused 64 "--by 'party' is not kind, month, officer, stage, measure, outcome, review or deadline" \
    case-stats --by party
expect_refused 64 "--annual needs --year" case-stats --annual
expect_refused 64 "go alone" case-stats --reads --by kind
expect_exit 64 case-stats --chart "$ZHIFA_ARCHIVE/chart.svg"
# Nor through a link into it, to a file there or to one to be made.
ln -s "$ZHIFA_ARCHIVE/zhifa.yaml" "$T/evil.svg"
ln -s "$ZHIFA_ARCHIVE/new.svg" "$T/evil2.svg"
mark
expect_refused 64 "inside the archive" case-stats --chart "$T/evil.svg"
expect_refused 64 "inside the archive" case-stats --chart "$T/evil2.svg"
finish
