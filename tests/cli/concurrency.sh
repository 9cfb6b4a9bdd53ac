#!/bin/sh
# Concurrency: eight processes file cases and add evidence to them on one
# archive at the same time, while a ninth reads and verifies and a tenth
# watches ARCHIVE/checkpoint.  Every
# command succeeds (no "database is locked", no "busy"), nothing is lost
# or recorded twice, the journal is one unbroken sequence, and the
# archive verifies — afterwards, and while the others write.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null 2>&1 ||
    { echo "$TEST_NAME: needs the sqlite3 shell" >&2; exit 1; }

P=8		# processes
C=15		# cases each, with one evidence each
plan $((P + 29))	# one for each writer

new_archive
events0=$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" 'SELECT count(*) FROM journal')

# worker P: files C cases as one officer (with a partner), adds a small
# file of its own to each; logs "CASE<TAB>EVIDENCE<TAB>DIGEST" per case
# in $T/w$P.log, stderr in $T/w$P.err, each failure in $T/w$P.fail.
worker() {
	case $(($1 % 3)) in
	0) me=zhangwei partner=lina ;;
	1) me=lina partner=wangqiang ;;
	2) me=wangqiang partner=zhangwei ;;
	esac
	j=1
	while [ "$j" -le "$C" ]; do
		id=$(case-new --as "$me" -t penalty --party "某建筑公司$1-$j" \
		    --party-kind org --cause "未取得施工许可证擅自施工" \
		    --officer "$me" --officer "$partner" 2>>"$T/w$1.err")
		rc=$?
		if [ "$rc" -ne 0 ] || [ -z "$id" ]; then
			echo "case-new $1-$j exited $rc" >>"$T/w$1.fail"
			j=$((j + 1))
			continue
		fi
		f="$T/w$1-$j.jpg"
		printf 'photo %s of worker %s, case %s\n' "$j" "$1" "$id" >"$f"
		head -c 4096 /dev/urandom >>"$f"
		ev=$(evidence-add --as "$me" --kind photo "$id" "$f" \
		    2>>"$T/w$1.err")
		rc=$?
		if [ "$rc" -ne 0 ] || [ -z "$ev" ]; then
			echo "evidence-add $1-$j ($id) exited $rc" \
			    >>"$T/w$1.fail"
		else
			printf '%s\t%s\n' "$id" "$(echo "$ev" | cut -f1,2)" \
			    >>"$T/w$1.log"
		fi
		j=$((j + 1))
	done
}

# reader: lists, shows and verifies until the writers are done.  A
# verification that overlaps writes sees a consistent state: no errors;
# only an object whose evidence-add has not committed yet may be
# unreferenced (W033).  Failures go to $T/r.fail.
reader() {
	i=0
	while [ ! -e "$T/writers-done" ] || [ "$i" -eq 0 ]; do
		i=$((i + 1))
		case-list -q >"$T/r.list" 2>>"$T/r.err" ||
		    echo "case-list exited $?" >>"$T/r.fail"
		first=$(head -1 "$T/r.list")
		if [ -n "$first" ]; then
			case-show "$first" >/dev/null 2>>"$T/r.err" ||
			    echo "case-show $first exited $?" >>"$T/r.fail"
		fi
		archive-verify -o tsv >"$T/r.verify" 2>"$T/r.verify.err"
		rc=$?
		bad=$(tail -n +2 "$T/r.verify" | cut -f1 | grep -v '^W033$' |
		    sort | uniq -c | tr -s ' \n' '  ')
		if [ "$rc" -ne 0 ] || [ -n "$bad" ]; then
			echo "archive-verify during writes exited $rc:$bad" \
			    "($(cat "$T/r.verify.err"))" \
			    "$(tail -n +2 "$T/r.verify" | grep -v '^W033' |
			    head -3 | tr '\t\n' '  ')" >>"$T/r.fail"
		fi
	done
	echo "$i" >"$T/r.rounds"
}

# watcher: ARCHIVE/checkpoint, replaced after each commit, only ever
# moves forward (read with builtins, every 10 ms).
watcher() {
	seen=0
	while [ ! -e "$T/writers-done" ]; do
		if { read -r origin && read -r size; } \
		    <"$ZHIFA_ARCHIVE/checkpoint"; then
			if [ "$size" -lt "$seen" ]; then
				echo "ARCHIVE/checkpoint went back from $seen to $size events" >>"$T/r.fail"
			fi
			seen=$size
		else
			echo "cannot read ARCHIVE/checkpoint" >>"$T/r.fail"
		fi
		sleep 0.01
	done
}

start=$(date +%s)
: >"$T/r.err"
: >"$T/r.fail"
reader &
rpid=$!
watcher &
wpid=$!
pids=
p=1
while [ "$p" -le "$P" ]; do
	: >"$T/w$p.err"
	: >"$T/w$p.log"
	: >"$T/w$p.fail"
	worker "$p" &
	pids="$pids $!"
	p=$((p + 1))
done
for pid in $pids; do
	wait "$pid"
	expect_equal "$?" 0 "worker $pid"
done
touch "$T/writers-done"
wait "$rpid"
expect_equal "$?" 0 "reader"
wait "$wpid"
expect_equal "$?" 0 "watcher"
elapsed=$(($(date +%s) - start))

# Every command of every process succeeded, and said nothing on stderr.
cat "$T"/w*.fail >"$T/fails"
cat "$T"/w*.err >"$T/errs"
expect_equal "$(wc -l <"$T/fails")" 0 "failed commands: $(head -5 "$T/fails")"
if grep -qiE 'lock|busy' "$T/errs"; then
	not_ok "a command met a locked or busy archive: $(grep -iE 'lock|busy' "$T/errs" | head -5)"
else
	ok
fi
# The only words allowed on stderr: the calendar's notice that deadlines
# in 2027 are estimated (the clock stands in late 2026), and the mark of
# a drill.
grep -v -e 'warning: the working-day calendar ends with' \
    -e 'warning: drill: ' "$T/errs" >"$T/errs.other"
expect_equal "$(wc -c <"$T/errs.other")" 0 "stderr of all commands: $(head -c 600 "$T/errs.other")"
# The reader too.
if grep -qiE 'lock|busy' "$T/r.err" "$T/r.fail"; then
	not_ok "a reader met a locked or busy archive: $(grep -iE 'lock|busy' "$T/r.err" "$T/r.fail" | head -5)"
else
	ok
fi
expect_equal "$(wc -c <"$T/r.err")" 0 "reader stderr: $(head -c 600 "$T/r.err")"
expect_equal "$(wc -l <"$T/r.fail")" 0 \
    "reader failures in $(cat "$T/r.rounds") rounds: $(head -3 "$T/r.fail")"

# Nothing lost, nothing twice.
total=$((P * C))
cat "$T"/w*.log | sort >"$T/logged"
expect_equal "$(wc -l <"$T/logged")" "$total" "cases with evidence logged"
expect_equal "$(cut -f1 "$T/logged" | sort -u | wc -l)" "$total" \
    "distinct case ids"
expect_equal "$(cut -f2 "$T/logged" | sort -u | wc -l)" "$total" \
    "distinct evidence ids"
expect_equal "$(case-list -q | wc -l)" "$total" "cases listed"
case-list -q | sort >"$T/listed"
cut -f1 "$T/logged" | sort >"$T/want-ids"
if cmp -s "$T/listed" "$T/want-ids"; then
	ok
else
	not_ok "case-list differs from the ids printed: $(diff "$T/want-ids" "$T/listed" | head -5)"
fi

db="$ZHIFA_ARCHIVE/zhifa.db"
q() {
	sqlite3 -separator "$(printf '\t')" "$db" "$1"
}
expect_equal "$(q 'SELECT count(*) FROM cases')" "$total" "case rows"
expect_equal "$(q 'SELECT count(*) FROM evidence')" "$total" "evidence rows"
expect_equal "$(q 'SELECT count(DISTINCT id) FROM evidence')" "$total" \
    "distinct evidence rows"
expect_equal "$(q 'SELECT count(DISTINCT digest) FROM evidence')" "$total" \
    "distinct evidence objects"
# Each evidence belongs to the case its process added it to.
q 'SELECT case_id, id, digest FROM evidence ORDER BY case_id' | sort \
    >"$T/stored"
if cmp -s "$T/logged" "$T/stored"; then
	ok
else
	not_ok "evidence rows differ from what the commands printed: $(diff "$T/logged" "$T/stored" | head -5)"
fi
# Each case numbered once, with its officers.
expect_equal "$(q 'SELECT count(DISTINCT n) FROM cases')" "$total" \
    "distinct case numbers"
expect_equal "$(q 'SELECT max(n) FROM cases')" "$total" "highest case number"
expect_equal "$(q 'SELECT count(*) FROM case_officers')" $((2 * total)) \
    "case officers"

# The journal: one event per command, seq contiguous from 0.
events=$((events0 + 2 * total))
expect_equal "$(q 'SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM journal')" \
    "$(printf '%d\t%d\t0\t%d' "$events" "$events" $((events - 1)))" \
    "journal count, distinct seqs, first and last seq"
expect_equal "$(q "SELECT count(*) FROM journal WHERE type = 'case.filed'")" \
    "$total" "case.filed events"
expect_equal "$(q "SELECT count(*) FROM journal WHERE type = 'evidence.added'")" \
    "$total" "evidence.added events"
expect_equal "$(q 'SELECT count(*) FROM journal j WHERE seq > 0 AND prev <> (SELECT hash FROM journal WHERE seq = j.seq - 1)')" \
    0 "events not linked to the one before"
# Every commit signed a checkpoint; the newest is in ARCHIVE/checkpoint.
expect_equal "$(q 'SELECT max(size) FROM checkpoints')" "$events" \
    "the last checkpoint covers the whole journal"
expect_equal "$(sed -n 2p "$ZHIFA_ARCHIVE/checkpoint")" "$events" \
    "ARCHIVE/checkpoint is the newest checkpoint"

expect_exit 0 archive-verify -o tsv
expect_equal "$(tail -n +2 "$T/out" | cut -f1 | tr '\n' ' ')" "" \
    "problems archive-verify reports"

printf '%s: %d writers, %d commands, %d reader rounds in %d s\n' \
    "$TEST_NAME" "$P" $((2 * total)) "$(cat "$T/r.rounds")" "$elapsed" >&2
finish
