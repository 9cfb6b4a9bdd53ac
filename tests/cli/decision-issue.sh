#!/bin/sh
# decision-issue: who decides, numbers, measures, the document; a
# revocation and the withdrawal it calls for, and a decision remade
# (decision-revoke's refusals are in decision-revoke.sh).
. "$(dirname "$0")/lib.sh"
plan 40

at 2026-11-02
new_archive_without_review
printf '行政处罚决定书\n当事人：某建筑公司\n' >"$T/d.txt"
p=$(new_case)
at 2026-11-03
case-step "$p" notify >/dev/null
at 2026-11-16

mark
expect_exit 64 decision-issue "$p" --as chengang --outcome 罚款
expect_in "$T/err" "--doc is required"
expect_exit 64 decision-issue "$p" --as chengang --doc "$T/d.txt"
expect_exit 77 decision-issue "$p" --outcome 罚款 --doc "$T/d.txt"
expect_in "$T/err" "only the head"
expect_exit 65 decision-issue "$p" --as chengang --outcome 罚款 \
    --fine 1.234 --doc "$T/d.txt"
expect_exit 65 decision-issue "$p" --as chengang --outcome 罚款 \
    --measure flogging --doc "$T/d.txt"
expect_in "$T/err" "stop-construction"
expect_exit 66 decision-issue "$p" --as chengang --outcome 罚款 --doc "$T/none"
expect_exit 66 decision-issue C2026-0999 --as chengang --outcome 罚款 \
    --doc "$T/d.txt"
unchanged "refused decisions"

expect_exit 0 decision-issue "$p" --as chengang --outcome "罚款五万元" \
    --fine 50000 --measure 责令停止建设、停止施工 --doc "$T/d.txt" \
    --basis "《中华人民共和国建筑法》第六十四条"
expect_equal "$(cat "$T/out")" "示建罚决〔2026〕1号" "the 文号 from the template"
case-show -o json "$p" >"$T/show"
python3 - "$T/show" "$T/d.txt" <<'PY' && ok || not_ok "decision in case-show"
import hashlib, json, sys
c = json.load(open(sys.argv[1]))
d = c["decision"]
assert d["number"] == "示建罚决〔2026〕1号" and d["fine_fen"] == 5000000, d
assert d["measures"] == ["fine", "stop-construction"], d
assert d["issued_by"] == "chengang" and d["state"] == "in-force", d
assert d["basis"] == "《中华人民共和国建筑法》第六十四条", d
doc = [e for e in c["evidence"] if e["id"] == d["doc"]][0]
assert doc["sha256"] == hashlib.sha256(open(sys.argv[2], "rb").read()).hexdigest()
assert c["stage"] == "decided"
PY
mark
expect_exit 77 decision-issue "$p" --as chengang --outcome 再罚 --doc "$T/d.txt"
unchanged "a second decision while one is in force"

# A decided case is published, then the decision is revoked: the
# publication must be withdrawn within 3 working days.
expect_exit 0 publish-export --as liuyang --out "$T/site1"
at 2026-11-20
expect_exit 0 decision-revoke "$p" --as chengang --reason 行政复议决定撤销 \
    --kind revoked
expect_exit 0 deadline-check --all -o json
expect_in "$T/out" '"rule": "withdraw"'
expect_in "$T/out" '"due": "2026-11-25"'
expect_exit 64 case-step "$p" withdraw --note 已撤回
expect_exit 0 publish-export --as liuyang --out "$T/site2"
expect_in "$T/out" "withdrawn 1"
expect_exit 0 deadline-check --all -q
expect_equal "$(wc -c <"$T/out")" 0 "withdrawn: nothing due"
case-show -o json "$p" >"$T/show"
expect_in "$T/show" '"state": "revoked"'
expect_in "$T/show" '"decision": null'
expect_in "$T/show" '"stage": "revoked"'

# To be remade: the case goes back to be handled, and a new decision
# gets the next number.
q=$(new_case 另一公司)
case-step "$q" notify >/dev/null
at 2026-11-30
expect_exit 0 decision-issue "$q" --as chengang --outcome 警告 \
    --measure warning --doc "$T/d.txt"
expect_equal "$(cat "$T/out")" "示建罚决〔2026〕2号" "numbers go on"
expect_exit 0 decision-revoke "$q" --as chengang --reason 法院判决重作 \
    --kind remade
expect_exit 0 case-show -o json "$q"
expect_in "$T/out" '"stage": "investigating"'
expect_exit 0 decision-issue "$q" --as chengang --outcome 罚款一万元 \
    --fine 10000 --doc "$T/d.txt" --number "示建罚决〔2026〕8号"
expect_exit 0 decision-revoke "$q" --as chengang --reason 再次重作 --kind remade
mark
printf '另一份决定书\n' >"$T/d2.txt"
expect_exit 65 decision-issue "$q" --as chengang --outcome x --doc "$T/d2.txt" \
    --number "示建罚决〔2026〕8号"
expect_in "$T/err" "already used"
unchanged "a 文号 used twice"
expect_exit 0 archive-verify
finish
