#!/bin/sh
# case-list --ledger: the enforcement ledger (执法台账) adds up to
# case-stats (rows, fines, late deadlines, kinds); CSV with a byte order
# mark, the same on stdout and in -O FILE; the workbook a valid .xlsx
# holding the CSV's rows and the fines' sum; a revoked decision marked;
# case-list's filters kept; no workbook to stdout, no file inside the
# archive, and the archive unchanged.
. "$(dirname "$0")/lib.sh"
plan 33

fined_cases --measure warning
at 2026-11-04
case-step "$p1" serve --method direct >/dev/null 2>&1 || exit 1
at 2026-11-06
case-step "$p1" execute --note 当事人缴纳罚款 >/dev/null 2>&1 || exit 1
# A third, fined, appealed and revoked: no fine in force.
at 2026-11-02
p3=$(new_case 丁公司) || exit 1
case-step "$p3" notify >/dev/null 2>&1
case-step "$p3" waive >/dev/null 2>&1
decision-issue "$p3" --as chengang --outcome 罚款二千元 --fine 2000 \
    --doc "$T/d.txt" >/dev/null 2>&1 || exit 1
case-step "$p3" appeal --note 申请行政复议 >/dev/null 2>&1 || exit 1
decision-revoke "$p3" --as chengang --kind illegal \
    --reason 复议机关确认违法 >/dev/null 2>&1 || exit 1

# Eighteen days on, fines unpublished and the applicant never told what
# to complete: deadlines missed (case-stats's late).
at 2026-11-20
expect_exit 0 case-stats -o json --by kind
cp "$T/out" "$T/stats.json"
mark
expect_exit 0 case-list --ledger -O "$T/ledger.csv"
unchanged "case-list --ledger writes nothing into the archive"
check "the CSV starts with the UTF-8 byte order mark" \
    test "$(head -c 3 "$T/ledger.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
expect_exit 0 case-list --ledger
check "stdout holds what -O FILE holds" cmp -s "$T/out" "$T/ledger.csv"
check_json "the ledger adds up to case-stats" "$T/stats.json" \
    "$T/ledger.csv" <<'PY'
import csv
rows = list(csv.reader(open(arg[0], encoding="utf-8-sig", newline="")))
head, rows = rows[0], rows[1:]
assert head[:4] == ["编号", "案号", "案件类别", "立案日期"], head
assert "罚款金额（元）" in head and "期限情况" in head, head
col = {h: i for i, h in enumerate(head)}
stats = {r["key"]: r for r in j}
assert len(rows) == stats["all"]["cases"] == 4, (len(rows), stats)
fen = sum(round(float(r[col["罚款金额（元）"]]) * 100) for r in rows)
assert fen == stats["all"]["fine_fen"] == 623450, fen
late = [r for r in rows if "逾期：" in r[col["期限情况"]]]
assert len(late) == stats["all"]["late"], (late, stats["all"])
for key, name in (("penalty", "行政处罚"), ("licensing", "行政许可")):
    n = sum(r[col["案件类别"]] == name for r in rows)
    assert n == stats[key]["cases"], (key, n)
PY
check_json "the ledger's rows say what happened" "$T/stats.json" \
    "$T/ledger.csv" "$p1" "$p3" "$l1" <<'PY'
import csv
rows = list(csv.DictReader(open(arg[0], encoding="utf-8-sig", newline="")))
by = {r["编号"]: r for r in rows}
p1, p3, l1 = by[arg[1]], by[arg[2]], by[arg[3]]
assert p1["罚款金额（元）"] == "5000.00" and p1["处理措施"] == "罚款、警告", p1
assert p1["送达日期"] == "2026-11-04" and p1["决定日期"] == "2026-11-02", p1
assert p1["执行情况"] == "执行 2026-11-06", p1
assert p1["法制审核结论"] == "无需审核", p1
assert "张伟（" in p1["承办人员"] and "李娜（" in p1["承办人员"], p1
assert p1["统一社会信用代码/身份证号"] == "91350100M000100Y43", p1
assert p3["罚款金额（元）"] == "0.00" and p3["处理措施"] == "已撤销", p3
assert p3["决定书文号"].endswith("（已撤销）"), p3
assert l1["罚款金额（元）"] == "0.00" and l1["决定书文号"] == "", l1
assert l1["期限情况"].startswith("按期 0 / 逾期 1"), l1
PY

# The workbook: a valid .xlsx whose sheet holds the CSV's rows and, below
# them, the fines' sum.
expect_exit 0 case-list --ledger -O "$T/ledger.xlsx"
check "the workbook is a valid zip" python3 -m zipfile -t "$T/ledger.xlsx"
check_json "the workbook holds the CSV's rows and total" "$T/stats.json" \
    "$T/ledger.xlsx" "$T/ledger.csv" <<'PY'
import csv, re, zipfile
import xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(arg[0])
shared = [si.findtext("m:t", "", ns) for si in
          ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
cells = []
for r in sheet.find("m:sheetData", ns).findall("m:row", ns):
    row = {}
    for c in r.findall("m:c", ns):
        column = re.match(r"[A-Z]+", c.get("r")).group(0)
        v = c.findtext("m:v", None, ns)
        row[column] = shared[int(v)] if c.get("t") == "s" else float(v)
    cells.append(row)
want = list(csv.reader(open(arg[1], encoding="utf-8-sig", newline="")))
assert len(cells) == len(want) + 1, (len(cells), len(want))
letters = [chr(ord("A") + i) for i in range(len(want[0]))]
money = want[0].index("罚款金额（元）")
for got, row in zip(cells, want):
    for i, text in enumerate(row):
        v = got.get(letters[i], "")
        if isinstance(v, float):
            assert round(v * 100) == round(float(text) * 100), (v, text)
        else:
            assert v == text, (letters[i], v, text)
total = cells[-1]
assert total["A"] == "合计", total
assert round(total[letters[money]] * 100) == j[-1]["fine_fen"], total
assert b"<pane" in z.read("xl/worksheets/sheet1.xml"), "no frozen header"
PY
expect_exit 0 case-list --ledger --format xlsx -O "$T/ledger.bin"
check "--format xlsx writes a workbook whatever the name" \
    python3 -m zipfile -t "$T/ledger.bin"
check "no temporary file left beside" \
    test -z "$(find "$T" -maxdepth 1 -name '*.tmp-*')"

# case-list's filters hold: the licensing cases only, as JSON rows.
expect_exit 0 case-list --ledger --kind licensing -o json
check_json "--kind licensing: its one case" "$T/out" "$l1" <<'PY'
assert [r["id"] for r in j] == [arg[0]] and j[0]["late"] == 1, j
PY

# Refusals, the archive unchanged.
mark
expect_refused 64 "needs -O FILE" case-list --ledger --format xlsx
expect_refused 64 "inside the archive" case-list --ledger \
    -O "$ZHIFA_ARCHIVE/ledger.xlsx"
expect_refused 64 "inside the archive" case-list --ledger \
    --out "$ZHIFA_ARCHIVE/ledger.csv"
expect_exit 64 case-list --ledger --format pdf -O "$T/l.pdf"
expect_refused 64 "go with --ledger" case-list -O "$T/l.csv"
expect_refused 64 "not with --imported" case-list --ledger --imported
check "nothing written for a refusal" test ! -e "$T/l.pdf" -a ! -e "$T/l.csv"
finish
