#!/bin/sh
# A name that would be refused when it is recorded (a newline, a control
# character, bad UTF-8) is refused (65) before a byte of the file is
# stored: the archive, objects/ included, is exactly as it was.
. "$(dirname "$0")/lib.sh"
plan 17

new_archive
c=$(new_case)
head -c 300000 /dev/urandom >"$T/payload"
for name in "$(printf 'scan\n3.pdf')" "$(printf 'scan\0013.pdf')" \
    "$(printf 'scan\3773.pdf')"; do
	cp "$T/payload" "$T/$name"
	mark
	expect_refused 65 "file name" evidence-add "$c" "$T/$name"
	rm -f "$T/$name"
done
mark
expect_refused 65 "file name" sh -c 'evidence-add "$1" - --name "$2" <"$3"' \
    sh "$c" "$(printf 'a\tb')" "$T/payload"
bad=$T/$(printf 'notice\001.pdf')
cp "$T/payload" "$bad"
expect_refused 65 "file name" case-step "$c" notify --doc "$bad"
expect_exit 0 evidence-add "$c" "$T/payload"
expect_equal "$(find "$ZHIFA_ARCHIVE/objects" -type f | wc -l)" 2 \
    "one object besides the configuration, after five refusals"

finish
