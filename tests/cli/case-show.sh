#!/bin/sh
# case-show: every documented JSON field, aligned text, ids from stdin, unknown cases.
. "$(dirname "$0")/lib.sh"
# python3 checks the JSON fields at once; without it, 23 greps do.
py=$(have python3)
plan $((30 + py + 23 * (1 - py)))

# aligned FILE DESCRIPTION: every line's fields start at the same columns.
aligned() {
	starts <"$1" >"$1.starts"
	if [ "$(sort -u "$1.starts" | wc -l)" -eq 1 ] &&
	    [ "$(awk '{print NF}' "$1.starts" | sort -u)" -gt 1 ]; then
		ok
	else
		not_ok "$2: columns not aligned: $(paste "$1.starts" "$1" | head -12)"
	fi
}

new_archive
c=$(new_case)
c2=$(case-new -t licensing --party 张三 --party-id 11010519491231002x \
    --cause 申请施工许可 --officer lina --officer zhangwei --as lina \
    --source 申请 --field 建筑市场)
printf '照片\n' >"$T/a.jpg"
printf '%%PDF 询问笔录\n' >"$T/b.pdf"
evidence-add "$c" "$T/a.jpg" --kind photo --title 现场照片 >"$T/added"
evidence-add "$c" "$T/b.pdf" --title 询问笔录 >>"$T/added"

expect_exit 0 case-show -o json "$c"
cp "$T/out" "$T/show.json"
if command -v python3 >/dev/null 2>&1; then
	python3 - "$T/show.json" "$T/added" "$(wc -c <"$T/a.jpg")" \
	    "$(wc -c <"$T/b.pdf")" >"$T/py" 2>&1 <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
added = [l.rstrip("\n").split("\t") for l in open(sys.argv[2])]
def want(cond, what):
    if not cond:
        print("FAIL", what)
want(isinstance(c, dict), "one object for one case")
for k in ("id", "number", "kind", "stage", "party", "cause", "officers",
          "filed", "major", "evidence", "review", "decision", "deadlines",
          "publication"):
    want(k in c, "field " + k)
want(c.get("id") == "C2026-0001", "id")
want(c.get("number") == "示建罚立〔2026〕1号", "number")
want(c.get("kind") == "penalty", "kind")
want(c.get("stage") == "filed", "stage")
want(c.get("party") == {"name": "某建筑公司", "kind": "org",
                        "id": "91350100M000100Y43", "rep": "王五"}, "party")
want(c.get("cause") == "未取得施工许可证擅自施工", "cause")
want(c.get("officers") == ["zhangwei", "lina"], "officers")
want(c.get("filed") == "2026-11-20", "filed")
want(c.get("major") is False, "major is a boolean")
ev = c.get("evidence", [])
want(len(ev) == 2, "two pieces of evidence")
for e, a in zip(ev, added):
    for k in ("id", "sha256", "kind", "title", "size"):
        want(k in e, "evidence field " + k)
    want(e.get("id") == a[0], "evidence id")
    want(e.get("sha256") == a[1], "evidence sha256")
    want(isinstance(e.get("size"), int), "evidence size is an integer")
want([e.get("kind") for e in ev] == ["photo", "document"], "evidence kinds")
want([e.get("title") for e in ev] == ["现场照片", "询问笔录"], "evidence titles")
want([e.get("size") for e in ev] == [int(sys.argv[3]), int(sys.argv[4])],
     "evidence sizes")
r = c.get("review")
want(isinstance(r, dict) and "status" in r and "round" in r, "review{status,round}")
want("decision" in c, "decision")
want(isinstance(c.get("deadlines"), list), "deadlines[]")
p = c.get("publication")
want(isinstance(p, dict) and all(k in p for k in
     ("status", "published", "withdrawn")), "publication{status,published,withdrawn}")
print("done")
PY
	expect_equal "$(cat "$T/py")" "done" "case-show -o json fields"
else
	for k in id number kind stage party name cause officers filed major \
	    evidence sha256 title size review status round decision \
	    deadlines publication published withdrawn; do
		expect_in "$T/show.json" "\"$k\":"
	done
	expect_in "$T/show.json" '"number": "示建罚立〔2026〕1号"'
fi

# Text for people: Chinese labels and values line up.
expect_exit 0 case-show "$c"
cp "$T/out" "$T/show.txt"
expect_equal "$(head -1 "$T/show.txt")" "C2026-0001  示建罚立〔2026〕1号" \
    "the first line"
expect_in "$T/show.txt" "某建筑公司"
expect_in "$T/show.txt" "行政处罚"
expect_in "$T/show.txt" "未取得施工许可证擅自施工"
expect_in "$T/show.txt" "现场照片"
# The labelled lines: the values start in one column.
grep -v '^C2026-\|^E2026-' "$T/show.txt" | sed -n '1,/^证据  /p' |
    sed '$d' >"$T/labels"
expect_equal "$(wc -l <"$T/labels")" 7 "seven labelled lines before the evidence"
aligned "$T/labels" "case-show labels"
# The evidence table: its header and rows line up.
sed -n '/^证据  *类别/,$p' "$T/show.txt" >"$T/table"
expect_equal "$(wc -l <"$T/table")" 3 "evidence table: header and two rows"
aligned "$T/table" "case-show evidence table"
expect_exit 0 case-show "$c2"
expect_in "$T/out" "11010519491231002X"
expect_in "$T/out" "建筑市场"

# Several ids, and ids from stdin.
printf '%s\n%s\n' "$c" "$c2" >"$T/ids"
case-show -q - <"$T/ids" >"$T/got" 2>"$T/err"
expect_equal "$?" 0 "ids from stdin"
expect_equal "$(tr '\n' ' ' <"$T/got")" "$c $c2 " "both ids from stdin"
case-show -o json - <"$T/ids" >"$T/got" 2>"$T/err"
if command -v python3 >/dev/null 2>&1; then
	expect_equal "$(python3 -c 'import json,sys
print(" ".join(c["id"] for c in json.load(open(sys.argv[1]))))' "$T/got")" \
	    "$c $c2" "a JSON array for two cases"
else
	expect_in "$T/got" "\"id\": \"$c2\""
fi
case-show - <"$T/ids" >"$T/got" 2>"$T/err"
expect_in "$T/got" "某建筑公司"
expect_in "$T/got" "张三"
expect_exit 0 case-show -o tsv "$c" "$c2"
expect_equal "$(head -1 "$T/out" | cut -f1)" "id" "TSV header"
expect_equal "$(wc -l <"$T/out")" 3 "TSV: header and two rows"

# Unknown cases.
mark
expect_exit 66 case-show C2026-0099
expect_in "$T/err" "case-show: "
expect_in "$T/err" "C2026-0099"
expect_exit 66 case-show "$c" C2026-0099
expect_in "$T/out" "某建筑公司"
printf 'C2026-0099\n' >"$T/bad"
case-show - <"$T/bad" >"$T/out" 2>"$T/err"
expect_equal "$?" 66 "unknown case from stdin"
expect_exit 64 case-show
unchanged "case-show changes nothing"
finish
