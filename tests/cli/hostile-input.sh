#!/bin/sh
# Hostile input: a configuration too large or naming nobody is refused
# (78) by archive-init as by every program; a batch header that names a
# column twice (in either spelling) is refused (65) and records nothing;
# a date that does not parse is 64 and one of no such day 65 everywhere;
# free text that would reorder or hide what a terminal shows is printed
# escaped.
. "$(dirname "$0")/lib.sh"
plan 35

# archive-init refuses a configuration past the 4 MiB any archive
# reads, and one that lists nobody; no archive appears.
cp "$ZHIFA_SRC/data/sample-zhifa.yaml" "$T/big.yaml"
head -c 4200000 /dev/zero | tr '\0' '#' >>"$T/big.yaml"
expect_fail 78 "larger than 4194304 bytes" archive-init --config "$T/big.yaml" \
    "$T/never"
awk '/^people:/ { print "people: []"; skip = 1; next }
    skip && /^[a-z]/ { skip = 0 } !skip' \
    "$ZHIFA_SRC/data/sample-zhifa.yaml" >"$T/nobody.yaml"
expect_fail 78 "'people' lists nobody" archive-init --config \
    "$T/nobody.yaml" "$T/never"
check "no archive was made" test ! -e "$T/never"

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

# Dates: one that does not parse is 64 in every program; one with the
# form of a date but of no such day is 65.
for bad in "64 abc" "65 2026-02-30"; do
	set -- $bad
	expect_exit "$1" case-new -t penalty --party 某公司 --cause 违法施工 \
	    --officer zhangwei --officer lina --filed "$2"
	expect_exit "$1" deadline-check --today "$2"
	expect_exit "$1" case-list --filed-since "$2"
	expect_exit "$1" publish-export --as liuyang --dry-run --as-of "$2"
	expect_exit "$1" case-step "$c" investigate --at "${2}T10:00:00+08:00"
done

# Output that fails after the commit: 74, naming what was recorded.
case-new -t penalty --party 某公司 --cause 违法施工 --officer zhangwei \
    --officer lina >/dev/full 2>"$T/err"
expect_equal "$?" 74 "case-new with a full standard output"
id=$(case-list -q | tail -1)
expect_in "$T/err" "recorded all the same: $id (do not record it again)"

# A key file that cannot be used is said, not passed over in silence.
key=$(ls "$HOME"/.config/zhifa/keys/*.pem)
mv "$key" "$T/key.pem"
echo 'not a key' >"$key"
expect_exit 0 case-new -t penalty --party 某公司 --cause 违法施工 \
    --officer zhangwei --officer lina
expect_in "$T/err" "the agency key '$key' cannot be used"
chmod 000 "$key"
expect_exit 0 case-step "$c" investigate
if [ "$(id -u)" -eq 0 ]; then
	expect_in "$T/err" "cannot be used"	# root reads it all the same
else
	expect_in "$T/err" "Permission denied"
fi
mv "$T/key.pem" "$key"
expect_exit 0 case-step "$c" investigate
expect_not_in "$T/err" "cannot be used"

expect_exit 0 case-show "$c"
expect_in "$T/out" '未批先建\u202e工施'
expect_not_in "$T/out" "$rlo"

finish
