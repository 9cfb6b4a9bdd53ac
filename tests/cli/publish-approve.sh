#!/bin/sh
# publish-approve: nothing is released before an approver
# (publication.approvers, the head in the sample) approved it, exactly
# as publish-export --dry-run shows it; a record changed after its
# approval is held back; withdrawals need no approval.
. "$(dirname "$0")/lib.sh"
plan 51

at 2026-11-02
new_archive_with_approval
printf '行政处罚决定书\n' >"$T/d.txt"
decided() {	# PARTY: a penalty case decided with a warning
	dc=$(case-new -t penalty --party "$1" --party-kind org \
	    --party-id 91350100M000100Y43 --party-rep 王五 --cause 未取得施工许可证擅自施工 \
	    --officer zhangwei --officer lina 2>/dev/null) &&
	    case-step "$dc" notify >/dev/null 2>&1 &&
	    case-step "$dc" waive >/dev/null 2>&1 &&
	    decision-issue "$dc" --as chengang --outcome 警告 \
	    --measure warning --doc "$T/d.txt" >/dev/null 2>&1 && echo "$dc"
}
c1=$(decided 甲建筑公司) || exit 1
c2=$(decided 乙建筑公司) || exit 1
at 2026-11-03

# Nothing approved: nothing published, both held back, exit 1; their
# publication deadlines still run.
expect_exit 1 publish-export --as liuyang --out "$T/b0"
expect_in "$T/out" "published 0,"
expect_in "$T/err" "held back: $c1: its record is not approved for release"
expect_in "$T/err" "held back: $c2"
expect_exit 0 deadline-check --all -o json
expect_in "$T/out" '"rule": "publish-penalty-licensing"'

# The approver reads exactly what would go out.
expect_exit 0 publish-export --as chengang --out "$T/x" --dry-run
expect_in "$T/out" "CF_XDR_MC      甲建筑公司"
expect_in "$T/out" "（not approved）"
expect_exit 0 publish-export --as chengang --out "$T/x" --dry-run -o json
check_json "the dry run's records, digests and approval" "$T/out" <<'PY'
assert len(j) == 2, j
for r in j:
    assert r["type"] == "publish" and r["approval"] == "not approved", r
    assert len(r["digest"]) == 64 and r["record"]["CF_NR"] == "警告", r
PY

# Only an approver approves; one case, then the rest.
mark
expect_refused 77 "only an approver (publication.approvers in zhifa.yaml) approves records before their release; 'liuyang' is not one" \
    publish-approve --as liuyang
expect_refused 66 "no case 'C2026-9999'" \
    publish-approve --as chengang C2026-9999
expect_exit 0 publish-approve --as chengang "$c1"
expect_equal "$(cat "$T/out")" "approved 1" "one case approved"
expect_exit 1 publish-export --as liuyang --out "$T/b1"
expect_in "$T/out" "published 1,"
expect_in "$T/err" "held back: $c2"
expect_exit 0 publish-approve --as chengang
expect_equal "$(cat "$T/out")" "approved 1" "the rest approved"
expect_exit 0 publish-export --as liuyang --out "$T/b2"
expect_in "$T/out" "published 1,"
expect_exit 0 publish-approve --as chengang
expect_equal "$(cat "$T/out")" "approved 0" "nothing left to approve"

# Changed after its approval: the correction is held back until it is
# approved as it now is.
expect_exit 0 decision-correct "$c1" --as chengang --field party \
    --value 甲建筑工程有限公司 --reason 当事人申请更正名称
at 2026-11-04
expect_exit 1 publish-export --as liuyang --out "$T/b3"
expect_in "$T/err" "held back: $c1: its record is changed since its approval"
expect_exit 0 publish-approve --as chengang "$c1"
expect_exit 0 publish-export --as liuyang --out "$T/b4"
expect_in "$T/out" "corrected 1,"

# Corrected back to a record approved before: an approval is of one
# entry (a publication, or this correction with its reasons), not of a
# record's text, so this one is held back until approved.
expect_exit 0 decision-correct "$c1" --as chengang --field party \
    --value 甲建筑公司 --reason "恢复原名称（未经审核）"
expect_exit 0 publish-export --as chengang --out "$T/x" --dry-run
expect_in "$T/out" "reason         恢复原名称（未经审核）"
expect_in "$T/out" "（changed since its approval）"
expect_exit 1 publish-export --as liuyang --out "$T/b4b"
expect_in "$T/err" "held back: $c1"
expect_exit 0 publish-approve --as chengang "$c1"

# A withdrawal only takes down: no approval.
expect_exit 0 decision-revoke "$c2" --as chengang --reason 复议决定撤销
expect_exit 0 publish-export --as liuyang --out "$T/b5"
expect_in "$T/out" "withdrawn 1,"
expect_exit 0 publish-verify "$T/b5" --previous "$T/b2"
expect_exit 0 case-log "$c1" -o json
expect_in "$T/out" '"type": "publication.approved"'
# Held back past its publicity period: neither published nor expired,
# reported, and the rest goes on (a warning is public three months).
c3=$(decided 丙建筑公司) || exit 1
at 2027-03-01
expect_exit 1 publish-export --as liuyang --out "$T/b6"
expect_in "$T/err" "held back: $c3: its record is not approved for release"
expect_in "$T/out" "expired 1"
expect_exit 0 archive-verify
finish
