#!/bin/sh
# publish-withdraw: a clerk or the head takes a case's record off the
# public site for a reason other than a revoked decision.  What is
# journaled (a withdraw entry of the publication log, at once) and what
# case-show shows; the next export takes the page down and publishes the
# reason; a revoked decision withdrawn by hand meets its deadline; every
# refusal with its exit code and the rule it names, leaving the archive
# byte for byte as it was.
. "$(dirname "$0")/lib.sh"
plan 67

new_archive_without_review
decided_case 甲建筑公司
p=$decided		# withdrawn by the clerk
decided_case 乙建筑公司
h=$decided		# withdrawn by the head, with the longest reason
decided_case 丙建筑公司
v=$decided		# revoked, then withdrawn by hand
decided_case 丁建筑公司
u=$decided		# decided, never published
at 2026-11-02
w=$(new_case 戊建筑公司)	# a warning: three months on the site
case-step "$w" notify >/dev/null
at 2026-11-16
decision-issue "$w" --as chengang --outcome 警告 --measure warning \
    --doc "$T/decision.txt" >/dev/null
at 2026-11-17
publish-export --as liuyang --out "$T/b1" "$p" "$h" "$v" "$w" >/dev/null ||
    not_ok "the decisions published"
at 2026-11-18

# Refusals: a clerk or the head; one case with a record on the site; a
# reason of one line that may be published.
mark
expect_fail 77 "publication is for a clerk (内勤) or the head (负责人); 'zhangwei' is officer" \
    publish-withdraw "$p" --reason 公示信息有误
expect_fail 77 "publication is for a clerk (内勤) or the head (负责人); 'zhaomin' is reviewer" \
    publish-withdraw "$p" --as zhaomin --reason 公示信息有误
expect_fail 64 "say why with --reason TEXT" publish-withdraw "$p" --as liuyang
expect_fail 64 "say why with --reason TEXT" \
    publish-withdraw "$p" --as liuyang --reason ""
expect_fail 64 "give one case" publish-withdraw --as liuyang --reason 公示信息有误
expect_fail 64 "give one case" \
    publish-withdraw "$p" "$h" --as liuyang --reason 公示信息有误
expect_fail 66 "no case 'C2026-0999'" \
    publish-withdraw C2026-0999 --as liuyang --reason 公示信息有误
for bad in "$(printf '公示信息\n有误')" "$(printf '公示信息\t有误')" \
    "$(head -c 2001 /dev/zero | tr '\0' x)" "$(printf '公示\033[31m有误')" \
    "$(printf '公示\377有误')"; do
	expect_fail 65 "the reason must be one line of at most 2000 bytes" \
	    publish-withdraw "$p" --as liuyang --reason "$bad"
done
expect_fail 65 "the reason is published with the withdrawal, and holds a citizen id (at byte 10): leave it out" \
    publish-withdraw "$p" --as liuyang --reason "当事人 11010519491231002X 申请撤回"
expect_fail 65 "the reason is published with the withdrawal, and holds a mobile (at byte 16): leave it out" \
    publish-withdraw "$p" --as liuyang --reason "当事人来电 13812345678 申请撤回"
expect_fail 77 "$u has nothing published to withdraw" \
    publish-withdraw "$u" --as liuyang --reason 公示信息有误
unchanged "refused withdrawals"

# Withdrawn by the clerk: journaled at once, the decision still in force.
reason=公示信息有误，撤回核实
expect_exit 0 publish-withdraw "$p" --as liuyang --reason "$reason"
expect_equal "$(cat "$T/out")" "$p" "publish-withdraw prints the case"
case-log -o json "$p" >"$T/log"
check_json "the withdraw entry journaled" "$T/log" "$reason" <<'PY'
issued = [e for e in j if e["type"] == "decision.issued"][0]
published = [e for e in j if e["type"] == "publication.entry"][0]
e = j[-1]
assert e["type"] == "publication.entry" and e["actor"] == "liuyang", e
assert e["data"]["decision"] == issued["seq"], e
w = e["data"]["entry"]
assert w["type"] == "withdraw" and w["reason"] == arg[0], w
assert w["case"] == e["case"] and w["date"] == "2026-11-18", w
assert w["number"] == "示建罚决〔2026〕1号" and w["kind"] == "penalty", w
assert published["data"]["entry"]["type"] == "publish", published
PY
case-show -o json "$p" >"$T/show"
check_json "case-show after the withdrawal" "$T/show" "$reason" <<'PY'
p = j["publication"]
assert p["status"] == "withdrawn" and p["reason"] == arg[0], p
assert p["published"] == "2026-11-17" and p["withdrawn"] == "2026-11-18", p
assert j["stage"] == "decided" and j["decision"]["state"] == "in-force", j
PY
mark
expect_fail 77 "$p: its entry is already withdrawn" \
    publish-withdraw "$p" --as chengang --reason 再次撤回
unchanged "a record withdrawn twice"

# By the head, with a reason of the longest length allowed.
long=$(head -c 2000 /dev/zero | tr '\0' x)
expect_exit 0 publish-withdraw "$h" --as chengang --reason "$long"
expect_equal "$(case-show -o json "$h" | json 'd["publication"]["status"], len(d["publication"]["reason"])')" \
    "withdrawn 2000" "withdrawn by the head"

# A revoked decision withdrawn by hand: its withdrawal deadline is met.
expect_exit 0 decision-revoke "$v" --as chengang --reason 行政复议决定撤销
expect_exit 0 deadline-check --all -o json
expect_in "$T/out" "\"case\": \"$v\""
expect_in "$T/out" '"rule": "withdraw"'
expect_exit 0 publish-withdraw "$v" --as liuyang --reason 决定已被撤销，撤回公示
expect_exit 0 deadline-check --all -o json
expect_not_in "$T/out" '"rule": "withdraw"'

# The next export: three pages down, the entries with their reasons in
# the log, nothing withdrawn twice, the withdrawn not published again.
expect_exit 0 publish-export --as liuyang --out "$T/b2" -o json
expect_equal "$(json 'd["entries"]' <"$T/out")" \
    "{'publish': 1, 'correct': 0, 'withdraw': 0, 'expire': 0}" \
    "only the decision never published is published"
expect_equal "$(json 'd["current"]' <"$T/out")" 2 "two records on the site"
for c in "$p" "$h" "$v"; do
	expect_in "$T/b2/data/decisions/$c.html" "撤回公示说明"
	expect_not_in "$T/b2/data/records.json" "\"case\": \"$c\""
done
check "the warning is on the site" test -e "$T/b2/data/decisions/$w.html"
expect_in "$T/b2/data/log/entries.jsonl" "\"reason\":\"$reason\""
expect_in "$T/b2/data/log/entries.jsonl" "\"reason\":\"决定已被撤销，撤回公示\""
expect_equal "$(grep -c '"type":"withdraw"' "$T/b2/data/log/entries.jsonl")" 3 \
    "three withdraw entries"
expect_exit 0 publish-verify "$T/b2" --previous "$T/b1"

# A record that has expired has nothing on the site to withdraw.
at 2027-03-01
expect_exit 0 publish-export --as liuyang --out "$T/b3"
expect_in "$T/out" "expired 1"
mark
expect_fail 77 "$w: its entry is already expired" \
    publish-withdraw "$w" --as liuyang --reason 公示信息有误
unchanged "an expired record"
expect_exit 0 archive-verify
finish
