#!/bin/sh
# Output paths: no program writes inside the archive but through its own
# record.  evidence-get -O and publish-export --out refuse (64) a path in
# the archive, judged after links and ".." are resolved, and leave the
# archive exactly as it was; publish-export may write under exports/.
. "$(dirname "$0")/lib.sh"
plan 37

A=$ZHIFA_ARCHIVE
new_archive
c=$(new_case)
printf '询问笔录\n' >"$T/record.txt"
evidence-add "$c" "$T/record.txt" >/dev/null
ln -s "$A" "$T/link"
mkdir "$T/elsewhere"

for out in "$A/zhifa.db" "$A/zhifa.db-journal" "$A/objects/x" \
    "$A/keys/copy" "$T/link/zhifa.db" "$A/objects/../zhifa.db-wal" "$A"; do
	mark
	expect_exit 64 evidence-get E2026-00001 --reason 复核 -O "$out"
	expect_in "$T/err" "is inside the archive"
	unchanged "evidence-get -O $out"
done

expect_exit 0 evidence-get E2026-00001 --reason 复核 -O "$T/elsewhere/copy.txt"
check "evidence-get -O outside writes the copy" \
    cmp -s "$T/elsewhere/copy.txt" "$T/record.txt"

for out in "$A/zhifa.db-journal" "$A/keys/b.tar.gz" "$T/link/tmp/b" \
    "$A/exports"; do
	mark
	expect_exit 64 publish-export --as liuyang --out "$out"
	expect_in "$T/err" "only its exports/ folder takes bundles"
	unchanged "publish-export --out $out"
done
expect_exit 0 publish-export --as liuyang --out "$A/exports/b1.tar.gz"
check "a bundle under exports/ is written" test -s "$A/exports/b1.tar.gz"

finish
