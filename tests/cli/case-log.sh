#!/bin/sh
# case-log: every event of a case, in order, with the hash of its journal body.
. "$(dirname "$0")/lib.sh"
plan $((34 + $(have python3)))	# one check needs python3

q() {
	sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "$1"
}

new_archive
c=$(new_case)
c2=$(new_case 某物业公司)
printf '照片\n' >"$T/a.jpg"
printf '笔录\n' >"$T/b.txt"
evidence-add "$c" "$T/a.jpg" "$T/b.txt" >/dev/null
evidence-add "$c2" "$T/b.txt" >/dev/null
evidence-get E2026-00001 --reason "案卷评查" >/dev/null

# Every event of the case, and only those, in journal order.
seqs=$(q "select seq from journal where case_id='$c' order by seq" | tr '\n' ' ')
expect_equal "$seqs" "2 4 5 7 " "the case's events in the journal"
expect_exit 0 case-log -o tsv "$c"
cp "$T/out" "$T/log.tsv"
expect_equal "$(head -1 "$T/log.tsv")" "$(printf 'seq\ttime\tcase\tactor\ttype\thash')" \
    "TSV header"
expect_equal "$(sed 1d "$T/log.tsv" | cut -f1 | tr '\n' ' ')" "$seqs" \
    "case-log lists every event of the case"
expect_equal "$(sed 1d "$T/log.tsv" | cut -f5 | tr '\n' ' ')" \
    "case.filed evidence.added evidence.added evidence.read " "event types"
expect_equal "$(sed 1d "$T/log.tsv" | cut -f3 | sort -u)" "$c" "the case column"
expect_equal "$(sed -n 2p "$T/log.tsv" | cut -f2,4)" \
    "$(printf '2026-11-20T10:00:00+08:00\tzhangwei')" "time and actor"

# Each hash is 64 hex digits and the SHA-256 of the journal body.
sed 1d "$T/log.tsv" | while IFS="$(printf '\t')" read -r seq time cs actor type hash; do
	printf '%s %s\n' "$seq" "$hash"
done >"$T/hashes"
expect_equal "$(wc -l <"$T/hashes")" 4 "four hashes"
expect_equal "$(grep -cE '^[0-9]+ [0-9a-f]{64}$' "$T/hashes")" 4 \
    "every hash is 64 lowercase hex digits"
while read -r seq hash; do
	body=$(q "select body from journal where seq=$seq")
	expect_equal "$(printf %s "$body" | sha256sum | cut -c1-64)" "$hash" \
	    "hash of event $seq"
done <"$T/hashes"

# Text for people has the same events; -q one line each.
expect_exit 0 case-log "$c"
expect_equal "$(wc -l <"$T/out")" 5 "text: header and four events"
for seq in $seqs; do
	expect_in "$T/out" "$(grep "^$seq " "$T/hashes" | cut -d' ' -f2)"
done
expect_not_in "$T/out" "$c2"
expect_exit 0 case-log -q "$c"
expect_equal "$(wc -l <"$T/out")" 4 "-q: one line per event, no header"

# JSON: the events with their data, the read with its reason.
expect_exit 0 case-log -o json "$c"
cp "$T/out" "$T/log.json"
expect_in "$T/log.json" '"type": "evidence.read"'
expect_in "$T/log.json" '"reason": "案卷评查"'
if command -v python3 >/dev/null 2>&1; then
	expect_equal "$(python3 -c 'import json,sys
log=json.load(open(sys.argv[1]))
print(" ".join("%d:%s" % (e["seq"], e["hash"][:8]) for e in log))' "$T/log.json")" \
	    "$(while read -r s h; do printf '%s:%s ' "$s" "$(echo "$h" | cut -c1-8)"; done <"$T/hashes" | sed 's/ $//')" \
	    "JSON seq and hash"
fi

# Two cases, and ids from stdin.
printf '%s\n%s\n' "$c" "$c2" >"$T/ids"
case-log -o tsv - <"$T/ids" >"$T/both" 2>"$T/err"
expect_equal "$?" 0 "ids from stdin"
expect_equal "$(sed 1d "$T/both" | wc -l)" 6 "events of both cases"
expect_equal "$(grep -c "$c2" "$T/both")" 2 "the second case's events"

# Unknown cases; nothing changes.
mark
expect_exit 66 case-log C2026-0099
expect_in "$T/err" "C2026-0099"
expect_exit 66 case-log "$c" C2026-0099
expect_in "$T/out" "case.filed"
expect_exit 64 case-log
unchanged "case-log changes nothing"
finish
