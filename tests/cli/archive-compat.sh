#!/bin/sh
# An archive made by an earlier release (tests/fixtures/archive-v1: the
# demo's archive as an SQL dump, its objects, configuration, checkpoint
# and keys) is read by today's programs exactly as it was written: it
# verifies, its case file and clocks print as they did then, and it takes
# a new event whose checkpoint extends the old ones.
. "$(dirname "$0")/lib.sh"
plan 21

F=$ZHIFA_SRC/tests/fixtures/archive-v1
A=$ZHIFA_ARCHIVE
mkdir -p "$A/exports" "$A/tmp" "$A/keys" "$HOME/.config/zhifa/keys"
sqlite3 "$A/zhifa.db" <"$F/zhifa.dump"
# An archive is kept in WAL mode, which a dump does not carry.
sqlite3 "$A/zhifa.db" 'PRAGMA journal_mode=WAL' >/dev/null
cp -R "$F/objects" "$A/objects"
# git keeps no modes but the executable bit: objects are written 0440.
find "$A/objects" -type f -exec chmod 0440 {} +
cp "$F/zhifa.yaml" "$F/checkpoint" "$A/"
cp "$F/keys/agency.vkey" "$A/keys/"
cp "$F"/home-key/*.pem "$HOME/.config/zhifa/keys/"
chmod 600 "$HOME"/.config/zhifa/keys/*.pem
: >"$A/lock"
export ZHIFA_ACTOR=chengang

# Its events predate personal keys: reported once, as a warning.
expect_exit 0 archive-verify -o tsv
expect_in "$T/err" "19 events, 7 objects, 13 checkpoints: ok (0 errors, 1 warnings)"
expect_in "$T/out" "W017	journal	19 event(s) before the first personal key"

expect_exit 0 case-log C2026-0001
check "case-log prints the old events as they were written" \
    cmp -s "$T/out" "$F/expect-case-log.txt"
expect_exit 0 case-show -o json C2026-0001
check "case-show -o json prints the old case file as it was" \
    cmp -s "$T/out" "$F/expect-case-show.json"
expect_exit 0 deadline-check --all
check "deadline-check prints the old clocks as they were" \
    cmp -s "$T/out" "$F/expect-deadline-check.txt"

# A new event on the old record: appended, signed, and the whole verifies.
rows() {
	sqlite3 "$A/zhifa.db" "select seq, hex(hash), hex(prev) from journal
	    where seq in (select seq from journal order by seq limit 19)"
}
rows >"$T/rows-before"
# Nobody acts before the head registers their own key, signed by itself,
# and then the officer's.
mark
expect_fail 77 "this archive holds no personal key yet" \
    case-step C2026-0001 serve --as zhangwei --method direct --note 直接送达
unchanged "a write before any personal key"
person-key new --as chengang >"$T/chengang.vkey" 2>/dev/null
person-key new --as zhangwei >"$T/zhangwei.vkey" 2>/dev/null
# The old events after its last checkpoint row, unsigned by any person,
# are signed over all the same: nobody held a key then.
sqlite3 "$A/zhifa.db" 'DELETE FROM checkpoints WHERE size = 19'
expect_exit 0 person-key register chengang "$T/chengang.vkey" --as chengang
expect_equal "$(grep -c 'was not signed' "$T/err")" 0 "the first key's registration is signed: $(cat "$T/err")"
expect_exit 0 person-key register zhangwei "$T/zhangwei.vkey" --as chengang
expect_exit 0 case-step C2026-0001 serve --as zhangwei --method direct --note 直接送达
expect_exit 0 archive-verify
expect_in "$T/err" "22 events"
expect_in "$T/err" "ok (0 errors, 1 warnings)"
rows >"$T/rows-after"
check "the old events are still there, unchanged" \
    cmp -s "$T/rows-before" "$T/rows-after"
expect_equal "$(wc -l <"$T/rows-after")" 19 "nineteen old events"

finish
