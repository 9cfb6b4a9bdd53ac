#!/bin/sh
# decision-revoke: the head voids a case's decision in force (撤销, 确认
# 违法, 责令重作).  What is journaled and what case-show shows; the
# withdrawal a published decision then needs, due in 3 working days and
# made by the next publish-export with the revocation's reason; the
# stages it is allowed in; every refusal with its exit code and the rule
# it names, leaving the archive byte for byte as it was.
. "$(dirname "$0")/lib.sh"
plan 67

new_archive_without_review
decided_case 甲建筑公司
p=$decided		# revoked
decided_case 乙建筑公司
i=$decided		# held illegal
decided_case 丙建筑公司
r=$decided		# to be remade
decided_case 丁建筑公司
s=$decided		# served, executed and closed, then revoked
decided_case 戊建筑公司
a=$decided		# closed and archived
at 2026-11-02
q=$(new_case 己建筑公司)	# no decision
at 2026-11-17
publish-export --as liuyang --out "$T/b1" >/dev/null ||
    not_ok "the decisions published"
at 2026-11-20

# Refusals: only the head; a reason and a known kind; one case that has
# a decision in force.
mark
expect_fail 77 "only the head (负责人) revokes decisions" \
    decision-revoke "$p" --reason 复议撤销
for who in lina liuyang zhaomin; do
	expect_fail 77 "only the head (负责人) revokes decisions" \
	    decision-revoke "$p" --as "$who" --reason 复议撤销
done
expect_fail 64 "--reason is required" decision-revoke "$p" --as chengang
expect_fail 64 "--reason is required" \
    decision-revoke "$p" --as chengang --reason ""
expect_fail 64 "give one case" decision-revoke --as chengang --reason 复议撤销
expect_fail 64 "give one case" \
    decision-revoke "$p" "$i" --as chengang --reason 复议撤销
expect_fail 64 "--kind 'cancelled' is not revoked (撤销), illegal (确认违法) or remade (责令重作)" \
    decision-revoke "$p" --as chengang --reason 复议撤销 --kind cancelled
expect_fail 65 "reason holds a control character" \
    decision-revoke "$p" --as chengang --reason "$(printf '复议\t撤销')"
expect_fail 65 "reason holds a control character" \
    decision-revoke "$p" --as chengang --reason "$(printf '复议\033撤销')"
expect_fail 65 "reason not valid UTF-8" \
    decision-revoke "$p" --as chengang --reason "$(printf '复议\377撤销')"
expect_fail 65 "reason too long" decision-revoke "$p" --as chengang \
    --reason "$(head -c 4001 /dev/zero | tr '\0' x)"
expect_fail 66 "no case 'C2026-0999'" \
    decision-revoke C2026-0999 --as chengang --reason 复议撤销
expect_fail 77 "$q has no decision in force to revoke" \
    decision-revoke "$q" --as chengang --reason 复议撤销
unchanged "refused revocations"

# Not in a suspended case, nor an archived one.
case-step "$s" suspend --as chengang >/dev/null
case-step "$a" close >/dev/null
case-step "$a" archive --as chengang >/dev/null
mark
expect_fail 77 "revoke (撤销决定) is not allowed in penalty $s at stage suspended (中止); allowed now: resume (恢复)" \
    decision-revoke "$s" --as chengang --reason 复议撤销
expect_fail 77 "revoke (撤销决定) is not allowed in penalty $a at stage archived (归档); allowed now: none" \
    decision-revoke "$a" --as chengang --reason 复议撤销
unchanged "no revocation in a suspended or archived case"
case-step "$s" resume --as chengang >/dev/null

# Revoked: the decision keeps its number and document, and is no longer
# in force; the case is at stage revoked; its withdrawal is due.
reason='行政复议决定撤销（示复决〔2026〕3号）'
expect_exit 0 decision-revoke "$p" --as chengang --reason "$reason"
expect_equal "$(cat "$T/out")" "$p" "decision-revoke prints the case"
case-log -o json "$p" >"$T/log"
check_json "decision.revoked journaled" "$T/log" "$reason" <<'PY'
issued = [e for e in j if e["type"] == "decision.issued"][0]
e = j[-1]
assert e["type"] == "decision.revoked" and e["actor"] == "chengang", e
d = e["data"]
assert d["decision"] == issued["seq"] and d["kind"] == "revoked", d
assert d["reason"] == arg[0] and d["at"] == "2026-11-20T10:00:00+08:00", d
assert d["prior"] == "decided" and d["stage"] == "revoked", d
w = d["clocks"]["open"]
assert [(c["rule"], c["days"], c["due"]) for c in w] == \
    [("withdraw", 3, "2026-11-25")], w
PY
case-show -o json "$p" >"$T/show"
check_json "case-show after the revocation" "$T/show" "$reason" <<'PY'
assert j["stage"] == "revoked" and j["decision"] is None, j
d = j["decisions"]
assert len(d) == 1 and d[0]["number"] == "示建罚决〔2026〕1号", d
assert d[0]["state"] == "revoked" and d[0]["revoke_reason"] == arg[0], d
assert d[0]["doc"] == j["evidence"][0]["id"], d
assert j["steps"][-1]["step"] == "revoke" and \
    j["steps"][-1]["actor"] == "chengang", j["steps"]
assert j["publication"]["status"] == "published", j["publication"]
assert [(x["rule"], x["due"]) for x in j["deadlines"]] == \
    [("withdraw", "2026-11-25")], j["deadlines"]
PY
mark
expect_fail 77 "$p has no decision in force to revoke" \
    decision-revoke "$p" --as chengang --reason 再次撤销
unchanged "a decision revoked twice"

# Held illegal, with a reason of two lines.
reason2=$(printf '行政复议决定确认违法\n（示复决〔2026〕4号）')
expect_exit 0 decision-revoke "$i" --as chengang --kind illegal --reason "$reason2"
case-show -o json "$i" >"$T/show"
expect_equal "$(json 'd["stage"], d["decisions"][0]["state"]' <"$T/show")" \
    "revoked illegal" "held illegal: stage and state"
expect_equal "$(json 'd["decisions"][0]["revoke_reason"]' <"$T/show")" \
    "$reason2" "the reason's two lines"

# To be remade: back to investigation, and decided again under the next
# number.
expect_exit 0 decision-revoke "$r" --as chengang --kind remade \
    --reason 人民法院判决责令重作
case-show -o json "$r" >"$T/show"
expect_equal "$(json 'd["stage"], d["decision"], d["decisions"][0]["state"]' <"$T/show")" \
    "investigating None remade" "remade: stage, decision and state"
expect_equal "$(case-list --stage investigating -q)" "$r" "the case is handled again"
expect_exit 0 decision-issue "$r" --as chengang --outcome 罚款三千元 \
    --fine 3000 --doc "$T/decision.txt"
expect_equal "$(cat "$T/out")" "示建罚决〔2026〕6号" "the remade decision's number"
expect_equal "$(case-show -o json "$r" | json '[x["state"] for x in d["decisions"]]')" \
    "['remade', 'in-force']" "both decisions kept"

# Served, executed and closed: still revocable, with a reason of the
# longest length allowed.
case-step "$s" serve --method direct >/dev/null
case-step "$s" execute >/dev/null
case-step "$s" close >/dev/null
expect_exit 0 decision-revoke "$s" --as chengang \
    --reason "$(head -c 4000 /dev/zero | tr '\0' x)"
expect_equal "$(case-log -o json "$s" | json 'd[-1]["data"]["prior"], d[-1]["data"]["stage"]')" \
    "closed revoked" "revoked from the closed stage"

# The next export withdraws all four, each with its revocation's reason;
# nothing is due after it, and a revoked case can be archived.
withdrawals() {
	deadline-check --all -o json |
	    json '" ".join(x["case"] + "@" + x["due"] for x in d if x["rule"] == "withdraw")'
}
expect_equal "$(withdrawals)" \
    "$p@2026-11-25 $i@2026-11-25 $r@2026-11-25 $s@2026-11-25" "withdrawals due"
expect_exit 0 publish-export --as liuyang --out "$T/b2"
expect_in "$T/out" "withdrawn 4"
expect_in "$T/b2/data/log/entries.jsonl" "\"reason\":\"决定已撤销：$reason\""
expect_in "$T/b2/data/log/entries.jsonl" '"reason":"决定被确认违法：行政复议决定确认违法\n（示复决〔2026〕4号）"'
expect_in "$T/b2/data/log/entries.jsonl" '"reason":"决定被责令重作：人民法院判决责令重作"'
for c in "$p" "$i" "$s"; do
	expect_in "$T/b2/data/decisions/$c.html" "撤回公示说明"
done
expect_equal "$(withdrawals)" "" "no withdrawal due after the export"
expect_equal "$(case-show -o json "$p" | json 'd["publication"]["withdrawn"]')" \
    2026-11-20 "withdrawn on the day"
expect_exit 0 case-step "$p" archive --as chengang
expect_exit 0 archive-verify
finish
