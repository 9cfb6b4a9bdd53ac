#!/bin/sh
# case-new: filing, the rules of filing, and batches.
. "$(dirname "$0")/lib.sh"
plan 46

new_archive

id=$(new_case)
expect_equal "$id" "C2026-0001" "first case id"
id2=$(case-new -t 处罚 --party 张三 --party-id 11010519491231002x \
    --cause 违法建设 --officer lina --officer wangqiang --as lina)
expect_equal "$id2" "C2026-0002" "second case id"
case-show -o json "$id2" >"$T/show"
expect_in "$T/show" '"id": "11010519491231002X"'
expect_in "$T/show" '"kind": "penalty"'

# Refusals leave the archive untouched.
mark
expect_exit 77 case-new -t penalty --party X --cause Y --officer zhangwei \
    --officer nobody
expect_in "$T/err" "case-new: officer 'nobody' is not a person"
unchanged "unknown officer"
expect_exit 77 case-new -t penalty --party X --cause Y --officer zhangwei \
    --officer sunli
expect_in "$T/err" "sunli"
expect_in "$T/err" "2025-12-31"
unchanged "expired certificate"
expect_exit 77 case-new -t penalty --party X --cause Y --officer zhangwei
expect_in "$T/err" "at least two officers"
unchanged "one officer"
expect_exit 65 case-new -t penalty --party X --party-id 110105194912310021 \
    --cause Y --officer zhangwei --officer lina
expect_in "$T/err" "GB 11643"
unchanged "bad id number"
expect_exit 65 case-new -t penalty --party X --party-kind org \
    --party-id 91350100M000100Y44 --cause Y --officer zhangwei --officer lina
expect_in "$T/err" "GB 32100"
unchanged "bad credit code"
expect_exit 65 case-new -t parking --party X --cause Y --officer zhangwei \
    --officer lina
unchanged "bad kind"
expect_exit 77 case-new -t penalty --party X --cause Y --officer lina \
    --officer wangqiang
expect_in "$T/err" "only one of its officers or a clerk"
unchanged "not an officer of the case"
expect_exit 77 case-new --as zhaomin -t penalty --party X --cause Y \
    --officer zhangwei --officer lina
unchanged "reviewer may not file"
expect_exit 77 case-new --as nobody -t penalty --party X --cause Y \
    --officer zhangwei --officer lina
unchanged "unknown actor"
expect_exit 65 case-new -t penalty --party "$(printf 'a\tb')" --cause Y \
    --officer zhangwei --officer lina
unchanged "control character"
expect_exit 65 case-new -t penalty --party X --cause Y --officer zhangwei \
    --officer lina --filed 2026-12-01
unchanged "future filing date"
expect_exit 64 case-new --party X
unchanged "no kind"

# A clerk files on behalf of officers; certificates are checked on the
# filing date, so sunli could handle a case filed in 2025.
id3=$(ZHIFA_NOW=2025-06-01T10:00:00+08:00 case-new --as liuyang -t inspection --party 某物业公司 --cause 检查 \
    --officer sunli --officer zhangwei --filed 2025-06-01)
expect_equal "$id3" "C2025-0001" "case numbered in its filing year"

# Batches: TSV and YAML, all or nothing.
printf 'kind\tparty\tcause\tofficer\n' >"$T/b.tsv"
printf 'penalty\t甲公司\t违法施工\tzhangwei,lina\n' >>"$T/b.tsv"
printf 'licensing\t乙公司\t申请许可\tlina,wangqiang\n' >>"$T/b.tsv"
case-new --batch "$T/b.tsv" --as liuyang >"$T/ids"
expect_equal "$(wc -l <"$T/ids")" 2 "two ids from the TSV batch"
expect_equal "$(head -1 "$T/ids")" "C2026-0003" "batch ids continue"

cat >"$T/b.yaml" <<'YAML'
kind: penalty
party: 丙公司
cause: 违法施工
officer: [zhangwei, lina]
---
kind: penalty
party: 丁公司
cause: 违法施工
officer: [zhangwei, sunli]
YAML
mark
expect_exit 77 case-new --batch "$T/b.yaml" --as liuyang
expect_in "$T/err" "b.yaml:6"
expect_in "$T/err" "nothing filed"
unchanged "a batch with one bad record"
sed -i 's/sunli/wangqiang/' "$T/b.yaml"
case-new --batch - --as liuyang <"$T/b.yaml" >"$T/ids"
expect_equal "$(cat "$T/ids" | tr '\n' ' ')" "C2026-0005 C2026-0006 " \
    "YAML batch from stdin"

case-list -q >"$T/all"
expect_equal "$(wc -l <"$T/all")" 7 "seven cases listed"
expect_equal "$(case-list -q --kind licensing)" "C2026-0004" "filter by kind"
expect_exit 0 archive-verify
finish
