#!/bin/sh
# Leftovers: what killed commands left in tmp/ is removed by the next
# command that writes, when no other command has the archive open; while
# another has it open, nothing in tmp/ is touched.  An object a command
# writes never appears in tmp/ under a name (it is written unnamed).
. "$(dirname "$0")/lib.sh"
plan 7

A=$ZHIFA_ARCHIVE
new_archive
printf 'half an object\n' >"$A/tmp/obj-0123456789abcdef"
printf 'half a note\n' >"$A/tmp/checkpoint-0123"

# Another command holds the archive: the leftovers stay.
exec 9<"$A/lock"
flock -s 9
expect_exit 0 case-new -t penalty --party 某公司 --cause 违法施工 \
    --officer zhangwei --officer lina
expect_equal "$(ls "$A/tmp" | wc -l)" 2 "leftovers kept while another command runs"
exec 9<&-

# Alone, the next write removes them.
expect_exit 0 case-new -t penalty --party 某公司 --cause 违法施工 \
    --officer zhangwei --officer lina
expect_equal "$(ls -A "$A/tmp" | wc -l)" 0 "leftovers removed by the next write"
expect_exit 0 archive-verify
expect_not_in "$T/err" "W070"

# An object is written unnamed (O_TMPFILE), so that a kill leaves no
# name in tmp/ (where strace can show it).
printf 'photo\n' >"$T/photo.jpg"
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
	strace -f -o "$T/trace" -e trace=openat evidence-add C2026-0001 \
	    "$T/photo.jpg" >/dev/null 2>&1
	expect_in "$T/trace" "O_TMPFILE"
else
	expect_exit 0 evidence-add C2026-0001 "$T/photo.jpg"
fi

finish
