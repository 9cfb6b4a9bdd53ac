#!/bin/sh
# evidence-add streams: a 4 GiB file is stored with flat memory (peak RSS
# under 32 MiB) and its digest equals sha256sum's.
. "$(dirname "$0")/lib.sh"

need=$((9 * 1024 * 1024))	# KiB: the input is sparse, the object is not
free=$(df -Pk "$T" | awk 'NR == 2 {print $4}')
if [ "$free" -lt "$need" ]; then
	skip_all "needs 9 GiB free in $T, has $((free / 1024)) MiB"
fi
plan 10	# four checks for each of the two sizes, and two

new_archive
id=$(new_case)
for size in 16M 4G; do
	truncate -s "$size" "$T/in"
	# A few non-zero bytes at both ends, so no digest of zeros hides a bug.
	printf 'start' | dd of="$T/in" conv=notrunc 2>/dev/null
	printf 'end' | dd of="$T/in" bs=1 seek=$(($(stat -c %s "$T/in") - 3)) \
	    conv=notrunc 2>/dev/null
	/usr/bin/time -f %M -o "$T/rss.$size" evidence-add "$id" "$T/in" \
	    --title "录像 $size" >"$T/out" 2>"$T/err"
	check "evidence-add $size" test $? -eq 0
	want=$(sha256sum "$T/in" | cut -d' ' -f1)
	got=$(cut -f2 "$T/out")
	expect_equal "$got" "$want" "digest of $size equals sha256sum's"
	kib=$(tail -1 "$T/rss.$size")
	check "peak RSS of $size is ${kib} KiB, under 32 MiB" \
	    test "$kib" -lt 32768
	echo "$TEST_NAME: $size: peak RSS ${kib} KiB" >&2
	obj=$(ls "$ZHIFA_ARCHIVE"/objects/sha256/*/* | grep "${want#??}")
	expect_equal "$(stat -c %s "$obj")" "$(stat -c %s "$T/in")" \
	    "stored size of $size"
	rm -f "$T/in"
done
rss16=$(tail -1 "$T/rss.16M")
rss4g=$(tail -1 "$T/rss.4G")
check "memory stays flat: 4 GiB (${rss4g} KiB) within 4 MiB of 16 MiB (${rss16} KiB)" \
    test "$rss4g" -lt $((rss16 + 4096))
expect_exit 0 archive-verify --quick
finish
