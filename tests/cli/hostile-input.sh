#!/bin/sh
# Hostile input: a batch header that names a column twice (in either
# spelling) is refused (65) and records nothing; free text that would
# reorder or hide what a terminal shows is printed escaped.
. "$(dirname "$0")/lib.sh"
plan 12

new_archive
for header in "kind	party	party	cause	officer" \
    "kind	party	party_kind	party-kind	cause	officer" \
    "kind	party	cause	officer	officers"; do
	printf '%s\n' "$header" >"$T/b.tsv"
	printf 'penalty\t某公司\t某公司\t违法施工\tzhangwei,lina\n' >>"$T/b.tsv"
	mark
	expect_refused 65 "is given twice" case-new --batch "$T/b.tsv" \
	    --as liuyang
done

rlo=$(printf '\342\200\256')
c=$(case-new -t penalty --party "某公司" --cause "未批先建${rlo}工施" \
    --officer zhangwei --officer lina)
expect_exit 0 case-show "$c"
expect_in "$T/out" '未批先建\u202e工施'
expect_not_in "$T/out" "$rlo"

finish
