#!/bin/sh
# case-audit (案卷评查): each defect planted through what the programs
# allow — an act recorded late, a service past its deadline, a document
# the checklist asks for and no gate did, a decision that only a later
# catalog counts as major — is found, and exactly it; a clean case has
# no finding.  Tampered evidence and a secret read without a reason are
# found too; the audit writes nothing.
. "$(dirname "$0")/lib.sh"
plan 42

printf '现场照片\n' >"$T/photo.jpg"
printf '行政处罚事先告知书\n' >"$T/notice.txt"
printf '行政处罚决定书\n' >"$T/decision.txt"
printf '送达回证\n' >"$T/receipt.txt"
ID=11010519491231002X

at 2026-11-02
new_archive
a=$(new_case 甲公司) && b=$(new_case 乙公司) && c=$(new_case 丙公司) &&
    d=$(new_case 丁公司) || exit 1
e=$(case-new -t penalty --party 张三 --party-kind person --party-id "$ID" \
    --cause 未取得施工许可证擅自施工 --officer zhangwei --officer lina \
    2>/dev/null) || exit 1
for x in $a $b $c $d $e; do
	evidence-add "$x" "$T/photo.jpg" --kind photo >/dev/null 2>&1 || exit 1
done

# The notice (事先告知): with its document, but b's recorded three days
# after it was given (补录) and c's without the document.
at 2026-11-03
for x in $a $d $e; do
	case-step "$x" notify --doc "$T/notice.txt" >/dev/null 2>&1 || exit 1
done
case-step "$c" notify >/dev/null 2>&1 || exit 1
at 2026-11-06
case-step "$b" notify --at 2026-11-03T09:00:00+08:00 --doc "$T/notice.txt" \
    >/dev/null 2>&1 || exit 1

# Waived, decided and served the same day; d's party was absent and it
# is served on 20 November, three days after the seven working days of
# 第六十一条 ran out on the 17th.  e's
# fine of 8000 yuan on a person is not major under the catalog then.
for x in $a $b $c $d $e; do
	case-step "$x" waive >/dev/null 2>&1 || exit 1
done
for x in $a $b $c $e; do
	fine=5000
	[ "$x" = "$e" ] && fine=8000
	decision-issue "$x" --as chengang --outcome 罚款 --fine $fine \
	    --doc "$T/decision.txt" >/dev/null 2>&1 || exit 1
	case-step "$x" serve --method direct --doc "$T/receipt.txt" \
	    >/dev/null 2>&1 || exit 1
done
decision-issue "$d" --as chengang --outcome 罚款 --fine 5000 --party-absent \
    --doc "$T/decision.txt" >/dev/null 2>&1 || exit 1
publish-export --as liuyang --out "$T/site" >/dev/null 2>&1 || exit 1
at 2026-11-20
case-step "$d" serve --method direct --doc "$T/receipt.txt" >/dev/null \
    2>&1 || exit 1

# The catalog is made stricter: a fine of 5000 yuan on a person is major.
at 2026-11-23
sed -i '/^  - id: fine-person/,/inclusive/s/fine_at_least: 10000/fine_at_least: 5000/' \
    "$ZHIFA_ARCHIVE/zhifa.yaml"
apply_config

mark
expect_exit 0 case-audit "$a"
expect_in "$T/out" "评查得分 100"
expect_exit 1 case-audit --all -o json
unchanged "case-audit writes nothing"
check_json "each planted defect is found, and nothing else" "$T/out" \
    "$a" "$b" "$c" "$d" "$e" <<'PY'
audits = {r["case"]: r for r in j}
assert len(audits) == 5, audits.keys()
a, b, c, d, e = (audits[x] for x in arg)
assert a["findings"] == [] and a["score"] == 100, a
def only(r, check):
    got = [f["check"] for f in r["findings"]]
    assert got == [check], (r["case"], r["findings"])
    f = r["findings"][0]
    assert f["basis"] and f["points"] > 0, f
    assert r["score"] == 100 - f["points"], r
    return f
f = only(b, "late-entry")
assert f["late_hours"] == 73 and "3 days 1 hour late" in f["what"], f
f = only(c, "document")
assert "notify" in f["what"] and "行政处罚法第四十四条" in f["basis"], f
f = only(d, "deadline")
assert "penalty-serve" in f["what"] and f["late_days"] == 3, f
assert "was due 2026-11-17" in f["what"], f
assert "行政处罚法第六十一条" in f["basis"], f
f = only(e, "review")
assert "对自然人处以一万元以上罚款" in f["what"], f
assert "earlier configuration" in f["what"], f
PY

# The text a reviewer reads, one finding a line with its basis.
expect_exit 1 case-audit "$b" "$d"
expect_in "$T/out" "late-entry"
expect_in "$T/out" "依据：行政处罚法第六十一条"
expect_exit 1 case-audit -q --all
check "-q names the cases with findings" \
    test "$(cat "$T/out")" = "$(printf '%s\n' "$b" "$c" "$d" "$e")"
expect_exit 1 case-audit -o tsv "$a" "$c"
check "tsv: a header, a line for the clean case and one per finding" \
    test "$(wc -l <"$T/out")" -eq 3

# Refusals: nothing to audit, both at once, a case that is not there.
mark
expect_refused 64 "which case?" case-audit
expect_refused 64 "not both" case-audit --all "$a"
expect_refused 66 "no case 'C2026-0099'" case-audit C2026-0099

# Secret evidence read for no stated reason, and evidence changed in the
# store: each is a finding; --quick does not re-hash.
at 2026-11-24
printf '询问笔录\n' >"$T/secret.txt"
s=$(evidence-add "$a" "$T/secret.txt" --kind record --access secret \
    --secret-kind privacy 2>/dev/null | cut -f 1) || exit 1
evidence-get "$s" --reason 看看 -O "$T/got.txt" >/dev/null 2>&1 || exit 1
expect_exit 1 case-audit -o json "$a"
check_json "a read of secret evidence without a reason is found" "$T/out" <<'PY'
assert [f["check"] for f in j[0]["findings"]] == ["secret-read"], j
PY
obj=$(find "$ZHIFA_ARCHIVE/objects" -type f | while read -r f; do
	grep -l '现场照片' "$f"; done | head -1)
chmod u+w "$obj" && printf '改过的照片\n' >"$obj"
expect_exit 1 case-audit -o json "$a"
check_json "changed evidence is found" "$T/out" <<'PY'
checks = [f["check"] for f in j[0]["findings"]]
assert checks.count("integrity") == 1, checks
assert "does not match its digest" in str(j), j
PY
expect_exit 1 case-audit -o json --quick "$a"
check_json "--quick does not re-hash" "$T/out" <<'PY'
assert "integrity" not in [f["check"] for f in j[0]["findings"]], j
PY

# 回避: with one of its two officers standing aside, an on-site act has
# one officer; a second service without its own 送达回证 is found, the
# first one's does not cover it.
at 2026-11-25
f=$(new_case 戊公司) || exit 1
case-step "$f" recuse --as lina --note 当事人系其亲属 >/dev/null 2>&1 || exit 1
case-step "$f" investigate >/dev/null 2>&1 || exit 1
expect_exit 1 case-audit -o json "$f"
check_json "an on-site act after a recusal is found" "$T/out" <<'PY'
f = j[0]["findings"]
assert [x["check"] for x in f] == ["officers"], f
assert "1 officer of the case, not in recusal" in f[0]["what"], f
PY
case-step "$a" serve --method post >/dev/null 2>&1 || exit 1
expect_exit 1 case-audit -o json "$a"
check_json "a second service without its 送达回证 is found" "$T/out" <<'PY'
f = [x for x in j[0]["findings"] if x["check"] == "service"]
assert len(f) == 1 and "post" in f[0]["what"], j
PY

# A blank reason is no reason; two characters amid spaces are too few.
mark
expect_refused 64 "a reason is required" evidence-get "$s" --reason "    " \
    -O "$T/got2.txt"
evidence-get "$s" --reason "  看看 。" -O "$T/got3.txt" >/dev/null 2>&1 || exit 1
expect_exit 1 case-audit -o json "$a"
check_json "a reason of two characters and punctuation is found" "$T/out" <<'PY'
f = [x for x in j[0]["findings"] if x["check"] == "secret-read"]
assert len(f) == 2 and "看看 。" in f[1]["what"], f
PY

# The journal's rows changed behind the programs' back: an event moved
# to another case, an event taken away.
cp -a "$ZHIFA_ARCHIVE" "$T/moved"
seqn=$(sqlite3 "$T/moved/zhifa.db" "SELECT seq FROM journal WHERE case_id = '$c' AND type = 'case.step' ORDER BY seq LIMIT 1")
sqlite3 "$T/moved/zhifa.db" "UPDATE journal SET case_id = '$a' WHERE seq = $seqn"
expect_exit 1 case-audit -A "$T/moved" -o json "$c" "$a"
check_json "a moved event is found in both cases" "$T/out" "$seqn" <<'PY'
for r in j:
    f = [x for x in r["findings"] if x["check"] == "integrity"
         and x.get("seq") == int(arg[0])]
    assert f, (r["case"], r["findings"])
PY
cp -a "$ZHIFA_ARCHIVE" "$T/cut"
sqlite3 "$T/cut/zhifa.db" "DELETE FROM journal WHERE seq = $seqn"
expect_exit 1 case-audit -A "$T/cut" -o json "$c"
check_json "an event taken away is found" "$T/out" <<'PY'
assert any(x["check"] == "integrity" and "taken away" in x["what"]
           for x in j[0]["findings"]), j
PY

# The checklist is data: a check the audit does not know is refused.
sed 's/^    late-entry: 5$/    lateness: 5/' "$ZHIFA_SRC/data/sample-zhifa.yaml" \
    >"$T/bad.yaml"
expect_fail 78 "unknown key 'lateness' in audit: points" \
    archive-init --drill --config "$T/bad.yaml" "$T/other"
finish
