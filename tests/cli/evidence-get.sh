#!/bin/sh
# evidence-get: exact bytes out, every read journaled with its reason, access levels, damage detected.
. "$(dirname "$0")/lib.sh"
plan 68

reads() {
	sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" \
	    "select count(*) from journal where type='evidence.read'"
}

# same_bytes FILE1 FILE2 DESCRIPTION
same_bytes() {
	if cmp -s "$1" "$2"; then ok; else not_ok "$3: $1 and $2 differ"; fi
}

absent() {
	if [ -e "$1" ]; then not_ok "$2: $1 was left behind"; else ok; fi
}

new_archive
c=$(new_case)
head -c 2500000 /dev/urandom >"$T/video.mp4"
printf '营业执照复印件（含商业秘密）\n' >"$T/secret.pdf"
printf '责令改正通知书\n' >"$T/public.pdf"
evidence-add "$c" "$T/video.mp4" --kind video >/dev/null
evidence-add "$c" "$T/secret.pdf" --access secret --secret-kind commercial >/dev/null
evidence-add "$c" "$T/public.pdf" --access public >/dev/null
restricted=E2026-00001
secret=E2026-00002
public=E2026-00003
expect_equal "$(reads)" 0 "no reads yet"

# The exact bytes, to stdout and to a file.
evidence-get "$restricted" --reason "复核执法记录仪视频" >"$T/got" 2>"$T/err"
expect_equal "$?" 0 "evidence-get to stdout"
same_bytes "$T/got" "$T/video.mp4" "stdout"
expect_equal "$(reads)" 1 "the read journaled"
expect_exit 0 evidence-get "$restricted" --reason "制作案卷副本" -O "$T/copy.mp4"
same_bytes "$T/copy.mp4" "$T/video.mp4" "-O FILE"
expect_equal "$(wc -c <"$T/out")" 0 "nothing on stdout with -O"
absent "$T/copy.mp4.part" "-O"
expect_equal "$(reads)" 2 "the second read journaled"

# The log shows who read what and why.
case-log "$c" >"$T/log"
expect_equal "$(grep -c 'evidence.read' "$T/log")" 2 "two reads in the case log"
expect_in "$T/log" "zhangwei"
case-log -o json "$c" >"$T/log.json"
expect_in "$T/log.json" '"reason": "复核执法记录仪视频"'
expect_in "$T/log.json" '"reason": "制作案卷副本"'
expect_in "$T/log.json" "\"evidence\": \"$restricted\""
expect_equal "$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" \
    "select actor || ' ' || evidence_id || ' ' || reason from reads order by seq limit 1")" \
    "zhangwei $restricted 复核执法记录仪视频" "the reads table"

# Without a reason, or for nothing: refused, nothing changed.
mark
expect_exit 64 evidence-get "$restricted"
expect_in "$T/err" "reason"
unchanged "no --reason"
expect_exit 64 evidence-get "$restricted" --reason ""
unchanged "empty --reason"
expect_exit 64 evidence-get --reason 查看
unchanged "no evidence id"
expect_exit 66 evidence-get E2026-00099 --reason 查看
expect_in "$T/err" "E2026-00099"
unchanged "unknown evidence"
expect_exit 66 evidence-get E2026-00099 --reason 查看 -O "$T/none"
absent "$T/none" "unknown evidence"
absent "$T/none.part" "unknown evidence"
unchanged "unknown evidence with -O"

# Restricted evidence: the case's officers, the head and the reviewer.
n=$(reads)
for who in lina chengang zhaomin; do
	evidence-get "$restricted" --reason 审查 --as "$who" >"$T/got" 2>"$T/err"
	expect_equal "$?" 0 "$who reads restricted evidence"
	same_bytes "$T/got" "$T/video.mp4" "$who's copy"
	n=$((n + 1))
	expect_equal "$(reads)" "$n" "$who's read journaled"
done
expect_equal "$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" \
    "select actor from journal where type='evidence.read' order by seq desc limit 1")" \
    zhaomin "the reader is the actor"

# ... and nobody else.
mark
for who in wangqiang liuyang; do
	expect_exit 77 evidence-get "$restricted" --reason 查看 --as "$who" \
	    -O "$T/refused"
	expect_in "$T/err" "$who"
	absent "$T/refused" "refused read by $who"
	unchanged "restricted evidence refused to $who"
done
expect_exit 77 evidence-get "$restricted" --reason 查看 --as nobody
unchanged "unknown person"

# Secret evidence: not for the reviewer; the officers and the head may.
expect_exit 77 evidence-get "$secret" --reason 审核 --as zhaomin
unchanged "secret evidence refused to the reviewer"
expect_exit 77 evidence-get "$secret" --reason 查看 --as wangqiang
unchanged "secret evidence refused to another officer"
evidence-get "$secret" --reason 审查 --as chengang >"$T/got" 2>"$T/err"
expect_equal "$?" 0 "the head reads secret evidence"
same_bytes "$T/got" "$T/secret.pdf" "secret evidence"

# Public evidence: anyone in zhifa.yaml, still journaled.
n=$(reads)
evidence-get "$public" --reason 公示核对 --as wangqiang >"$T/got" 2>"$T/err"
expect_equal "$?" 0 "an officer not on the case reads public evidence"
same_bytes "$T/got" "$T/public.pdf" "public evidence"
expect_equal "$(reads)" $((n + 1)) "public read journaled"

expect_exit 0 archive-verify

# -O naming a pipe (or a device, as /dev/null): written to, never
# replaced by a file.
mkfifo "$T/pipe"
cat "$T/pipe" >"$T/piped" &
evidence-get "$public" --reason 公示核对 --as wangqiang -O "$T/pipe" \
    >/dev/null 2>&1
wait
check "-O a pipe: still a pipe" test -p "$T/pipe"
same_bytes "$T/piped" "$T/public.pdf" "evidence through a pipe"

# A damaged object: exit 65, and no file left behind.
h=$(sha256sum <"$T/video.mp4" | cut -c1-64)
obj=$ZHIFA_ARCHIVE/objects/sha256/$(printf %s "$h" | cut -c1-2)/$(printf %s "$h" | cut -c3-)
chmod u+w "$obj"
printf 'X' | dd of="$obj" bs=1 seek=1000000 conv=notrunc 2>/dev/null
chmod 440 "$obj"
expect_exit 65 evidence-get "$restricted" --reason 复核 -O "$T/damaged.mp4"
expect_in "$T/err" "archive-verify"
absent "$T/damaged.mp4" "damaged object"
absent "$T/damaged.mp4.part" "damaged object"
expect_exit 65 evidence-get "$restricted" --reason 复核
expect_exit 1 archive-verify
expect_in "$T/out" "E032"
finish
