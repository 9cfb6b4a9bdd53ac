#!/bin/sh
# archive-verify: an untouched archive passes; each kind of tampering is caught with its code.
. "$(dirname "$0")/lib.sh"
plan $((82 + $(have python3)))	# one check needs python3

# expect_re FILE REGEX: FILE has a line matching the extended regex.
expect_re() {
	if grep -qE -- "$2" "$1"; then
		ok
	else
		not_ok "$1 has no line matching '$2': $(head -c 600 "$1")"
	fi
}

# expect_count FILE TEXT N: TEXT is on exactly N lines of FILE.
expect_count() {
	expect_equal "$(grep -cF -- "$2" "$1")" "$3" "lines of $1 with '$2'"
}

# json_ok FILE WANT: the JSON report's "ok" is WANT (true or false).
json_ok() {
	if command -v python3 >/dev/null 2>&1; then
		got=$(python3 -c 'import json,sys
print(str(json.load(open(sys.argv[1]))["ok"]).lower())' "$1" 2>&1)
		expect_equal "$got" "$2" "\"ok\" in $1"
	else
		expect_in "$1" "\"ok\": $2"
	fi
}

# copy_of NAME: a fresh copy of the archive at $T/NAME, in $d.
copy_of() {
	d=$T/$1
	rm -rf "$d"
	cp -a "$ZHIFA_ARCHIVE" "$d" || exit 1
}

# The path of the object holding FILE's bytes, relative to the archive.
object_of() {
	h=$(sha256sum <"$1" | cut -c1-64)
	printf 'objects/sha256/%s/%s\n' "$(printf %s "$h" | cut -c1-2)" \
	    "$(printf %s "$h" | cut -c3-)"
}

# Writes byte X at offset 2 of a read-only file, and makes it read-only again.
flip_byte() {
	mode=$(stat -c %a "$1")
	chmod u+w "$1"
	printf 'X' | dd of="$1" bs=1 seek=2 conv=notrunc 2>/dev/null
	chmod "$mode" "$1"
}

# Stored tree hashes for a tree of N leaves: 2N - popcount(N).
stored_count() {
	n=$1
	pop=0
	while [ "$n" -gt 0 ]; do
		pop=$((pop + n % 2))
		n=$((n / 2))
	done
	echo $((2 * $1 - pop))
}

db() {
	sqlite3 "$d/zhifa.db" "$1"
}

# An archive with two cases, evidence and a read.
new_archive
c1=$(new_case)
expect_equal "$c1" "C2026-0001" "first case"
head -c 200000 /dev/urandom >"$T/photo.jpg"
printf '%%PDF-1.4 现场检查笔录\n' >"$T/scan.pdf"
cp "$T/photo.jpg" "$T/copy.jpg"
printf '询问笔录：当事人承认未办理施工许可。\n' >"$T/note.txt"

# A copy of the database before any evidence (for the rollback test).
expect_equal "$(find "$ZHIFA_ARCHIVE" -maxdepth 1 -name 'zhifa.db-*' | wc -l)" 0 \
    "no -wal or -shm once every program has exited"
cp "$ZHIFA_ARCHIVE/zhifa.db" "$T/old.db"
cp "$ZHIFA_ARCHIVE/checkpoint" "$T/old.checkpoint"

evidence-add "$c1" "$T/photo.jpg" "$T/scan.pdf" --kind photo >/dev/null
# A checkpoint handed to the superior agency at this point.
cp "$ZHIFA_ARCHIVE/checkpoint" "$T/witness"

c2=$(new_case 某物业公司)
evidence-add "$c2" "$T/copy.jpg" "$T/note.txt" >"$T/added"
expect_equal "$(wc -l <"$T/added")" 2 "two more files added"
evidence-get E2026-00003 --reason "复核证据" >/dev/null
events=$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "select count(*) from journal")
expect_equal "$events" 9 "events journaled"
dup=$(object_of "$T/photo.jpg")

# The untouched archive passes, in every mode.
expect_exit 0 archive-verify
expect_equal "$(wc -c <"$T/out")" 0 "nothing printed for a sound archive"
expect_in "$T/err" "0 errors"
expect_exit 0 archive-verify --quick
expect_exit 0 archive-verify -o json
json_ok "$T/out" true
if command -v python3 >/dev/null 2>&1; then
	expect_equal "$(python3 -c 'import json,sys
r=json.load(open(sys.argv[1]))
print(r["events"], r["objects"], r["errors"], len(r["problems"]))' "$T/out")" \
	    "$events 4 0 0" "events, objects (config + 3 distinct files), errors"
fi
expect_exit 0 archive-verify --quick -o json
json_ok "$T/out" true
expect_exit 0 archive-verify -A "$ZHIFA_ARCHIVE"
# A checkpoint kept elsewhere still verifies after more events.
expect_exit 0 archive-verify --checkpoint "$T/witness"

# Copying the directory is a complete backup: the copy verifies too.
copy_of backup
expect_exit 0 archive-verify -A "$d"

# (a) One byte of a stored object changed: only a full check sees it.
copy_of a
flip_byte "$d/$dup"
expect_exit 1 archive-verify -A "$d"
expect_in "$T/out" "E032"
expect_in "$T/out" "$dup"
expect_count "$T/out" "E032" 1
expect_exit 1 archive-verify -A "$d" -o json
json_ok "$T/out" false
expect_in "$T/out" "$dup"
expect_exit 0 archive-verify -A "$d" --quick
expect_not_in "$T/out" "E032"

# (b) A truncated object: caught by the size check, even with --quick.
copy_of b
chmod u+w "$d/$dup"
truncate -s 100 "$d/$dup"
chmod 440 "$d/$dup"
expect_exit 1 archive-verify -A "$d" --quick
expect_in "$T/out" "E031"
expect_in "$T/out" "$dup"
expect_exit 1 archive-verify -A "$d"
expect_in "$T/out" "E031"

# (c) A deleted object.
copy_of c
rm -f "$d/$dup"
expect_exit 1 archive-verify -A "$d"
expect_in "$T/out" "E030"
expect_in "$T/out" "$dup"
expect_exit 1 archive-verify -A "$d" --quick
expect_in "$T/out" "E030"

# (d) One field of one event's body changed.
copy_of d
db "UPDATE journal SET body=replace(body,'某建筑公司','某某公司') WHERE seq=2"
expect_equal "$(db "select count(*) from journal where body like '%某某公司%'")" 1 \
    "the body was changed"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E011 +event 2 "

# (e) Only the actor column of a row changed.
copy_of e
db "UPDATE journal SET actor='lina' WHERE seq=3"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E014 +event 3 "

# (f) A middle event deleted.
copy_of f
db "DELETE FROM journal WHERE seq=4"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E010 +event 5 "
expect_in "$T/out" "E012"

# (g) The last event deleted, with its tree hashes, its checkpoint and
# what it changed in the derived tables, as an attacker would.
copy_of g
last=$(db "select max(seq) from journal")
expect_equal "$(db "select type from journal where seq=$last")" "evidence.read" \
    "the last event is the read"
db "DELETE FROM journal WHERE seq=$last; DELETE FROM tree WHERE idx >= $(stored_count "$last");
    DELETE FROM checkpoints WHERE size > $last; DELETE FROM reads WHERE seq = $last"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E0(20|23) "
# Even with the checkpoint file put back to an older signed one, a
# checkpoint kept elsewhere proves the cut.
chmod u+w "$d/checkpoint"
db "select note from checkpoints where size = $last" >"$d/checkpoint"
cp "$ZHIFA_ARCHIVE/checkpoint" "$T/witness.now"
expect_exit 1 archive-verify -A "$d" --checkpoint "$T/witness.now"
expect_re "$T/out" "^E023 +$T/witness.now "

# (h) Two events swapped, bodies and hashes.
copy_of h
db "CREATE TABLE t AS SELECT seq, hash, body FROM journal WHERE seq IN (3, 4);
    UPDATE journal SET hash = (SELECT hash FROM t WHERE t.seq = 7 - journal.seq),
    body = (SELECT body FROM t WHERE t.seq = 7 - journal.seq) WHERE seq IN (3, 4);
    DROP TABLE t"
expect_exit 1 archive-verify -A "$d"
expect_in "$T/out" "E012"
expect_in "$T/out" "E013"

# (i) A derived table changed behind the journal's back.
copy_of i
db "UPDATE cases SET party_name='某某公司' WHERE id='$c1'"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E040 +cases "
expect_count "$T/out" "E040" 1

# (j) The database replaced with an older copy (a rollback).
copy_of j
cp "$T/old.db" "$d/zhifa.db"
rm -f "$d/zhifa.db-wal" "$d/zhifa.db-shm"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E023 +checkpoint file "
# With the old checkpoint file put back as well, the checkpoint kept
# elsewhere still proves the rollback.
chmod u+w "$d/checkpoint"
cp "$T/old.checkpoint" "$d/checkpoint"
expect_exit 1 archive-verify -A "$d" --checkpoint "$T/witness"
expect_re "$T/out" "^E023 +$T/witness "

# (k) The checkpoint file's root edited.
copy_of k
first=$(sed -n 3p "$d/checkpoint" | cut -c1)
if [ "$first" = A ]; then to=B; else to=A; fi
chmod u+w "$d/checkpoint"
sed -i "3s/^./$to/" "$d/checkpoint"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E022 +checkpoint file "

# (l) Another archive's agency key put in place.
archive-init "$T/other" >/dev/null 2>&1
copy_of l
chmod u+w "$d/keys/agency.vkey"
cp "$T/other/keys/agency.vkey" "$d/keys/agency.vkey"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E025 +keys/agency.vkey "

# (m) A writable object.
copy_of m
chmod 644 "$d/$dup"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E034 +$dup "

# (n) A private key inside the archive.
copy_of n
id=$(db "select value from meta where key='id'")
cp "$HOME/.config/zhifa/keys/$id.pem" "$d/keys/agency.pem"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E060 +keys/agency.pem "

# (o) An extra object that nothing references: a warning only.
copy_of o
shard=$(dirname "$dup")
printf 'left over\n' >"$d/$shard/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
expect_exit 0 archive-verify -A "$d"
expect_re "$T/out" "^W033 +$shard "
expect_in "$T/out" "0123456789abcdef"
expect_not_in "$T/out" "E0"
expect_exit 0 archive-verify -A "$d" -o json
json_ok "$T/out" true

# (p) A leftover in tmp/: a warning only.
copy_of p
printf 'partial' >"$d/tmp/obj-0011223344556677"
expect_exit 0 archive-verify -A "$d"
expect_re "$T/out" "^W070 +tmp "
expect_in "$T/out" "obj-0011223344556677"
expect_not_in "$T/out" "E0"

# (q) One event rewritten with a matching hash: the chain, the tree and
# the checkpoints still give it away.
copy_of q
body=$(db "select body from journal where seq=2")
new=$(printf %s "$body" | sed 's/某建筑公司/某某公司/')
hash=$(printf %s "$new" | sha256sum | cut -c1-64)
esc=$(printf %s "$new" | sed "s/'/''/g")
db "UPDATE journal SET body='$esc', hash=X'$hash' WHERE seq=2"
expect_equal "$(db "select lower(hex(hash)) from journal where seq=2")" "$hash" \
    "the hash column was rewritten"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E0(12|20|21) "
expect_not_in "$T/out" "E011"

# (r) An event that claims another configuration than the one journaled
# (its hash recomputed, so only the configuration check can tell).
copy_of r
last=$(db "select max(seq) from journal")
body=$(db "select body from journal where seq=$last")
cfg=$(printf %s "$body" | sed 's/.*"config":"\([0-9a-f]*\)".*/\1/')
fake=$(printf 'another zhifa.yaml' | sha256sum | cut -c1-64)
new=$(printf %s "$body" | sed "s/$cfg/$fake/")
hash=$(printf %s "$new" | sha256sum | cut -c1-64)
esc=$(printf %s "$new" | sed "s/'/''/g")
db "UPDATE journal SET body='$esc', hash=X'$hash' WHERE seq=$last"
expect_exit 1 archive-verify -A "$d"
expect_re "$T/out" "^E015 +event $last "

# The original was never touched by any of this.
expect_exit 0 archive-verify
finish
