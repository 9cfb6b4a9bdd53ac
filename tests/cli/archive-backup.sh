#!/bin/sh
# archive-backup: a consistent copy taken while eight writers commit,
# which verifies on its own, holds every event committed before it
# began, is updated in place (a second backup copies only the new
# objects), and restores to a working archive.
. "$(dirname "$0")/lib.sh"
plan 39

q() {
	sqlite3 "${2:-$ZHIFA_ARCHIVE}/zhifa.db" "$1"
}

new_archive
c=$(new_case)
# blobs NAME: eight objects of 4 MiB as evidence, so that a copy takes
# a while.
blobs() {
	i=0
	while [ $i -lt 8 ]; do
		head -c 4194304 /dev/urandom >"$T/$1$i.bin"
		i=$((i + 1))
	done
	evidence-add "$c" "$T/$1"*.bin >/dev/null
}
blobs big

# A backup changes nothing in the archive.
mark
expect_exit 0 archive-backup --as liuyang -o json "$T/bk0"
unchanged "archive-backup"
expect_equal "$(json 'd["copied"]' <"$T/out")" 9 \
    "the first backup copies every object (the config and 8 files)"
expect_exit 0 archive-verify -A "$T/bk0"

# A backup killed at any point leaves a copy that verifies (perhaps with
# warnings for what it left), which the next run completes.
blobs more
for delay in 0.05 0.15 0.3; do
	archive-backup --as liuyang "$T/bk0" >/dev/null 2>&1 &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	expect_exit 0 archive-verify -A "$T/bk0"
done
expect_exit 0 archive-backup --as liuyang "$T/bk0"

# Eight writers, each filing cases until told to stop.
writer() {
	n=0
	while [ ! -e "$T/stop" ]; do
		new_case "当事人$1-$n" >/dev/null 2>>"$T/writer.$1.err" ||
		    { echo fail >>"$T/writer.$1.fail"; }
		n=$((n + 1))
	done
}
rm -f "$T/stop"
w=1
while [ $w -le 8 ]; do
	writer $w &
	w=$((w + 1))
done
# Wait for the writers to be under way.
tries=0
while [ "$(q 'select count(*) from journal')" -lt 30 ] && [ $tries -lt 300 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
q 'select seq, hex(hash) from journal order by seq' >"$T/before"
before_n=$(wc -l <"$T/before")
expect_exit 0 archive-backup --as liuyang -o json "$T/bk1"
cp "$T/out" "$T/bk1.json"
q 'select count(*) from journal' >"$T/after"
echo "events before $before_n, after $(cat "$T/after")" >"$T/window"
sleep 0.5
touch "$T/stop"
wait

expect_equal "$(cat "$T"/writer.*.fail 2>/dev/null | wc -l)" 0 \
    "no writer failed while the backup ran"
before=$(wc -l <"$T/before")
if [ "$(cat "$T/after")" -gt "$before" ]; then ok; else
	not_ok "the writers committed nothing while the backup ran: $(cat "$T/window")"
fi
expect_exit 0 archive-verify -A "$T/bk1"
expect_in "$T/err" "ok (0 errors"
# Every event committed before the backup began, the same.
q 'select seq, hex(hash) from journal order by seq' "$T/bk1" |
    head -n "$before" >"$T/copied"
check "the backup holds every event committed before it began" \
    cmp -s "$T/before" "$T/copied"
expect_equal "$(json 'd["events"]' <"$T/bk1.json")" \
    "$(q 'select count(*) from journal' "$T/bk1")" "the events it reports"
# The copy's checkpoint file matches the copy, not the archive now.
expect_equal "$(sed -n 2p "$T/bk1/checkpoint")" \
    "$(q 'select max(size) from checkpoints' "$T/bk1")" \
    "the copy's checkpoint is its latest"
expect_equal "$(find "$T/bk1/tmp" -type f | wc -l)" 0 "nothing left in tmp/"

# The second backup, into the same folder, copies only new objects.
obj=$(find "$T/bk1/objects" -type f | head -1)
obj_inode=$(stat -c %i "$obj")
printf 'one\n' >"$T/n1.txt"
printf 'two\n' >"$T/n2.txt"
printf 'three\n' >"$T/n3.txt"
evidence-add "$c" "$T/n1.txt" "$T/n2.txt" "$T/n3.txt" >/dev/null
touch "$T/bk1/tmp/obj-left-by-a-killed-backup"
expect_exit 0 archive-backup --as liuyang -o json "$T/bk1"
expect_equal "$(json 'd["copied"]' <"$T/out")" 3 \
    "the second backup copies the three new objects"
expect_equal "$(json 'd["bytes"]' <"$T/out")" 14 "and their bytes only"
expect_equal "$(stat -c %i "$obj")" "$obj_inode" "an old object is not copied"
expect_equal "$(find "$T/bk1/tmp" -type f | wc -l)" 0 \
    "a killed backup's leftovers are removed"
expect_exit 0 archive-verify -A "$T/bk1"
expect_equal "$(q 'select count(*) from journal' "$T/bk1")" \
    "$(q 'select count(*) from journal')" "the backup holds every event"

# Restore, as the manual says: copy the backup in place and verify it;
# the restored archive takes writes.
cp -a "$T/bk1" "$T/restored"
expect_exit 0 archive-verify -A "$T/restored"
expect_exit 0 case-new -A "$T/restored" -t penalty --party 恢复后 \
    --party-kind org --party-id 91350100M000100Y43 --cause 测试 \
    --officer zhangwei --officer lina
expect_exit 0 archive-verify -A "$T/restored"
expect_in "$T/err" "ok (0 errors"

# Refusals, which change nothing.
mark
expect_fail 64 "inside the archive" archive-backup --as liuyang "$ZHIFA_ARCHIVE/exports/bk"
ln -s "$ZHIFA_ARCHIVE" "$T/link"
expect_fail 64 "inside the archive" archive-backup --as liuyang "$T/link"
mkdir "$T/full"
echo x >"$T/full/notes.txt"
expect_fail 73 "neither empty" archive-backup --as liuyang "$T/full"
archive-init "$T/other" >/dev/null 2>&1
expect_fail 73 "another archive" archive-backup --as liuyang "$T/other"
# A backup whose journal went on elsewhere (the restored archive took a
# case) is not overwritten with an older history.
expect_fail 65 "not an earlier backup" archive-backup --as liuyang "$T/restored"
unchanged "the refusals"
finish
