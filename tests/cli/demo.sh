#!/bin/sh
# The README's walk (scripts/demo.sh, also installed with the package's
# documentation) runs to its end with these programs, and its last step
# catches the change made to the record.
. "$(dirname "$0")/lib.sh"
plan 3

if TMPDIR=$T sh "$ZHIFA_SRC/scripts/demo.sh" "$ZHIFA_BIN" >"$T/demo" 2>&1
then
	ok
else
	not_ok "demo.sh exited $?: $(tail -15 "$T/demo")"
fi
expect_in "$T/demo" "published 1, corrected 0, withdrawn 0"
expect_in "$T/demo" "the change was caught"

finish
