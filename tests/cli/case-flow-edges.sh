#!/bin/sh
# The edges of case-step, decision-issue and review-decide: suspension
# around a review, numbers given by hand, steps dated late, capped
# extensions, certificates, remade decisions.
. "$(dirname "$0")/lib.sh"
plan 41


at 2026-11-02
new_archive
printf '报告\n' >"$T/r.txt"
printf '代拟稿\n' >"$T/d.txt"
printf '决定书\n' >"$T/decision.txt"

# A suspended case: no review is decided while suspended, and resuming
# returns it to where it was.
c=$(case_for_review)
review-submit "$c" --statement "$T/r.txt" --draft "$T/d.txt" --fine 60000 >/dev/null
expect_exit 0 case-step "$c" suspend --as chengang
mark
expect_exit 77 review-decide "$c" --as zhaomin --approve --all-pass --opinion 同意
expect_in "$T/err" "where no review can be decided"
unchanged "no review decided while suspended"
expect_exit 0 case-step "$c" resume
expect_equal "$(stage "$c")" notified "resumed where it was"

# Steps are not dated before the last one.
mark
expect_exit 65 case-step "$c" discuss --at 2026-11-01T12:00:00+08:00
expect_in "$T/err" "before the case was filed"
at 2026-11-05
expect_exit 0 case-step "$c" defense --at 2026-11-04T15:00:00+08:00
expect_exit 65 case-step "$c" discuss --at 2026-11-04T14:00:00+08:00
expect_in "$T/err" "before the case's last step"

# Numbers: one given by hand stands outside the count, and the count
# skips it when it meets it.
cfg() { sed '/^catalog:/,$d' "$ZHIFA_SRC/data/sample-zhifa.yaml"; echo 'catalog: []'; }
d=$T/nr
cfg >"$T/nr.yaml"
archive-init --drill --config "$T/nr.yaml" "$d" >/dev/null 2>&1
one() {
	id=$(case-new -A "$d" -t penalty --party "$1" --cause 违法 \
	    --officer zhangwei --officer lina)
	case-step -A "$d" "$id" notify >/dev/null
	echo "$id"
}
at 2026-11-02
p1=$(one 甲); p2=$(one 乙); p3=$(one 丙)
at 2026-11-16
expect_exit 0 decision-issue -A "$d" "$p1" --as chengang --outcome 警告 \
    --measure warning --doc "$T/decision.txt" --number "示建罚决〔2026〕2号"
expect_exit 0 decision-issue -A "$d" "$p2" --as chengang --outcome 警告 \
    --measure warning --doc "$T/decision.txt"
expect_equal "$(cat "$T/out")" "示建罚决〔2026〕1号" "the count starts at 1"
expect_exit 0 decision-issue -A "$d" "$p3" --as chengang --outcome 警告 \
    --measure warning --doc "$T/decision.txt"
expect_equal "$(cat "$T/out")" "示建罚决〔2026〕3号" "the count skips 2, given by hand"
expect_exit 64 decision-issue -A "$d" "$(one 丁)" --as chengang --outcome x \
    --doc "$T/decision.txt" --number " "

# Extensions are capped where the law caps them; --days is bounded.
cp_=$(case-new -t compulsion --party 某公司 --cause 违法建设 \
    --officer zhangwei --officer lina)
evidence-add "$cp_" "$T/decision.txt" --kind video --stage seize >/dev/null
case-step "$cp_" seize --doc "$T/decision.txt" --as chengang >/dev/null
expect_exit 0 case-step "$cp_" extend --days 20 --as chengang
mark
expect_exit 77 case-step "$cp_" extend --days 11 --as chengang
expect_in "$T/err" "at most 30 days in all"
expect_exit 64 case-step "$cp_" extend --days 4294967297 --as chengang
unchanged "extensions past the cap"
expect_exit 0 case-step "$cp_" extend --days 10 --as chengang

# A certificate only for a granted licence.
l=$(case-new -t licensing --party 某开发公司 --cause 申请 --officer lina \
    --officer wangqiang --as lina)
case-step "$l" notify --as lina >/dev/null
case-step "$l" waive --as lina >/dev/null
at 2026-11-20
expect_exit 0 decision-issue "$l" --as chengang --outcome 不予许可 \
    --measure deny --doc "$T/decision.txt"
mark
expect_exit 77 case-step "$l" certify --as lina
expect_in "$T/err" "grants no licence"
unchanged "no certificate for a denied licence"

# A decision revoked to be remade needs a new review before it is
# decided again.
at 2026-11-20
expect_exit 0 review-decide "$c" --as zhaomin --approve --all-pass --opinion 同意
expect_exit 0 case-step "$c" discuss --as chengang
expect_exit 0 decision-issue "$c" --as chengang --outcome 罚款六万元 \
    --fine 60000 --doc "$T/decision.txt"
expect_exit 0 decision-revoke "$c" --as chengang --reason 复议决定责令重作 \
    --kind remade
expect_exit 0 case-step "$c" discuss --as chengang
mark
expect_exit 77 decision-issue "$c" --as chengang --outcome 罚款六万元 \
    --fine 60000 --doc "$T/decision.txt"
expect_in "$T/err" "revoked after review round 1"
unchanged "a remade decision without a new review"

# A later round reuses only a previous round's statement and draft.
n=$(new_case 新公司)
evidence-add "$n" "$T/r.txt" --stage review-statement >/dev/null
evidence-add "$n" "$T/d.txt" --stage review-draft >/dev/null
case-step "$n" notify >/dev/null
case-step "$n" defense >/dev/null
mark
expect_exit 77 review-submit "$n" --fine 20000
expect_in "$T/err" "案件调查终结报告"
unchanged "evidence merely labelled as a statement is no statement"

# Notes may hold CRLF (an opinion with a NUL byte: review-decide.sh).
expect_exit 0 case-step "$n" defense --note "$(printf 'a\r\nb')"
expect_exit 0 archive-verify
expect_exit 0 archive-verify -A "$d"
finish
