#!/bin/sh
# Crash safety: evidence-add, case-new --batch and archive-init are killed
# with SIGKILL at many moments, from their start to past their end.  After
# every kill the archive verifies and the command's effect is all or
# nothing: a fully recorded evidence, every case of the batch, a complete
# archive — or no trace of them but an unreferenced object or a temporary
# file (the warnings W033 and W070).
. "$(dirname "$0")/lib.sh"

now_ms() {
	date +%s%3N
}

case $(now_ms) in
*[!0-9]*) echo "$TEST_NAME: needs date +%s%3N (GNU date)" >&2; exit 1 ;;
esac
[ -r /proc/$$/stat ] || { echo "$TEST_NAME: needs /proc" >&2; exit 1; }
command -v sqlite3 >/dev/null 2>&1 ||
    { echo "$TEST_NAME: needs the sqlite3 shell" >&2; exit 1; }

# sha256 FILE: the hex digest, by an implementation other than zhifa's.
if command -v openssl >/dev/null 2>&1; then
	sha256() { openssl dgst -sha256 -r <"$1" | cut -c1-64; }
else
	sha256() { sha256sum <"$1" | cut -c1-64; }
fi

# ms_to_s MS: seconds with three decimals, for sleep(1).
ms_to_s() {
	printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000))
}

# kill_after MS PID: after MS milliseconds, SIGKILL PID if it is still a
# running child of this shell, then reap it; its exit status is left in
# $status.  The check reads /proc without starting a process, so the
# shell cannot reap the child (and free its id for reuse) between the
# check and the kill: nothing else can be hit.
kill_after() {
	ka_pid=$2
	sleep "$(ms_to_s "$1")"
	if { read -r procstat <"/proc/$ka_pid/stat"; } 2>/dev/null; then
		# pid (comm) state ppid ...; no name here holds a space.
		set -- $procstat
		if [ "$4" = "$$" ] && [ "$3" != Z ]; then
			kill -9 "$ka_pid" 2>/dev/null
		fi
	fi
	wait "$ka_pid" 2>/dev/null
	status=$?
}

# points N DURATION_MS: N kill times in ms spread evenly over 0..1.2 x
# DURATION_MS, in a fixed shuffled order (i*7 mod N; N not a multiple of
# 7) so that crashes stacked on one archive mix early and late kills.
points() {
	n=$1
	d=$2
	k=0
	while [ "$k" -lt "$n" ]; do
		i=$((k * 7 % n))
		echo $((i * d * 12 / (10 * (n - 1))))
		k=$((k + 1))
	done
}

# verify_ok DESCRIPTION [ARCHIVE]: archive-verify exits 0 and reports no
# problem but unreferenced objects (W033) and leftovers in tmp/ (W070).
verify_ok() {
	archive-verify -o tsv ${2:+-A "$2"} >"$T/v.out" 2>"$T/v.err"
	vrc=$?
	others=$(tail -n +2 "$T/v.out" | cut -f1 | grep -v '^W033$' |
	    grep -v '^W070$' | sort -u | tr '\n' ' ')
	if [ "$vrc" -eq 0 ] && [ -z "$others" ]; then
		ok
	else
		not_ok "$1: archive-verify exited $vrc: $(head -c 800 "$T/v.out") $(head -c 400 "$T/v.err")"
	fi
}

# kill_points FUNCTION WHAT VARIABLE: FUNCTION MS at each of KILL_POINTS
# kill times over the measured run ($dur ms), each a group of checks;
# then, as one more group, at later times while VARIABLE (the count of
# runs that finished) is 0: a machine slower now than when measured may
# have left no point after the end.
kill_points() {
	for ms in $(points "$KILL_POINTS" "$dur"); do
		group_begin
		"$1" "$ms"
		group_end "$2 killed at $ms ms"
	done
	group_begin
	for f in 2 4 8; do
		eval "[ \"\$$3\" -eq 0 ]" || break
		"$1" $((dur * f))
	done
	group_end "$2 killed later"
}

# reset_archive: the archive back to its saved state ($T/base).
reset_archive() {
	rm -rf "$ZHIFA_ARCHIVE"
	cp -a "$T/base" "$ZHIFA_ARCHIVE"
	forget_signed
}

# Crashes stack (a kill that left only debris is followed by the next
# kill on the same archive) up to this many times before a reset.
MAX_STACK=3
# Kill points: for archive-init, and for each of the two commands after.
INIT_POINTS=30
KILL_POINTS=24
# What a kill point checks depends on where the kill lands: each point
# is one group of checks, and so are the later points a slow machine
# may need.
plan $((16 + INIT_POINTS + 2 * KILL_POINTS))
start_ms=$(now_ms)

#
# 1. archive-init: DIR is absent or a whole archive, never half made.
#
t0=$(now_ms)
archive-init "$T/init-m" >/dev/null 2>"$T/init.err"
rc=$?
dur=$(($(now_ms) - t0))
expect_equal "$rc" 0 "an uninterrupted archive-init"
[ "$dur" -ge 1 ] || dur=1
i_whole=0
i_none=0
k=0
for ms in $(points "$INIT_POINTS" "$dur"); do
	group_begin
	k=$((k + 1))
	dir="$T/init-$k"
	archive-init "$dir" >/dev/null 2>"$T/init.err" &
	kill_after "$ms" $!
	case $status in
	0 | 137) ok ;;
	*) not_ok "archive-init killed at $ms ms exited $status: $(head -c 400 "$T/init.err")" ;;
	esac
	if [ -e "$dir" ]; then
		i_whole=$((i_whole + 1))
		verify_ok "archive-init killed at $ms ms" "$dir"
	elif [ "$status" -eq 0 ]; then
		not_ok "archive-init said done (kill at $ms ms) but '$dir' does not exist"
	else
		i_none=$((i_none + 1))
		# Debris beside DIR does not stand in the way of a new try.
		expect_exit 0 archive-init "$dir"
		verify_ok "archive-init again after a kill at $ms ms" "$dir"
	fi
	group_end "archive-init killed at $ms ms"
done
# Nothing but whole archives under the names asked for.
for d in "$T"/init-*; do
	[ -f "$d/zhifa.db" ] || not_ok "'$d' exists without zhifa.db"
done
init_ms=$(($(now_ms) - start_ms))

#
# 2. case-new --batch of 5000 cases: all of them or none.
#
new_archive
cid=$(new_case)
expect_equal "$cid" C2026-0001 "the first case"
cp -a "$ZHIFA_ARCHIVE" "$T/base"

count_cases() {
	sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" 'SELECT count(*) FROM cases'
}

N=5000
printf 'kind\tparty\tparty-kind\tcause\tofficer\n' >"$T/batch.tsv"
awk -v n=$N 'BEGIN { for (i = 1; i <= n; i++)
    printf "penalty\t某建筑公司第%d分公司\torg\t未取得施工许可证擅自施工\tzhangwei,lina\n", i }' \
    >>"$T/batch.tsv"
# Two runs to the end, on fresh copies: the slower one sets the scale.
dur=1
for run in 1 2; do
	t0=$(now_ms)
	case-new --batch "$T/batch.tsv" --as liuyang >"$T/batch.out" \
	    2>"$T/batch.err"
	rc=$?
	t1=$(($(now_ms) - t0))
	[ "$t1" -le "$dur" ] || dur=$t1
	expect_equal "$rc" 0 "an uninterrupted batch"
	expect_equal "$(wc -l <"$T/batch.out")" "$N" "ids printed by the batch"
	expect_equal "$(count_cases)" $((N + 1)) "cases after the batch"
	reset_archive
done

b_all=0
b_none=0
stack=0
# batch_point MS: one batch killed after MS ms, then checked.
batch_point() {
	before=$(count_cases)
	case-new --batch "$T/batch.tsv" --as liuyang >"$T/batch.out" \
	    2>"$T/batch.err" &
	kill_after "$1" $!
	case $status in
	0 | 137) ok ;;
	*) not_ok "case-new --batch killed at $1 ms exited $status: $(head -c 400 "$T/batch.err")" ;;
	esac
	verify_ok "case-new --batch killed at $1 ms"
	after=$(count_cases)
	if [ "$after" -eq "$before" ] && [ "$status" -ne 0 ]; then
		b_none=$((b_none + 1))
		ok
	elif [ "$after" -eq $((before + N)) ]; then
		b_all=$((b_all + 1))
		ok
	else
		not_ok "case-new --batch killed at $1 ms (exit $status): $before cases before, $after after; want $before or $((before + N))"
	fi
	# The archive takes writes again at once: no stale lock, no busy.
	expect_exit 0 case-new -t inspection --party 某物业公司 --cause 检查 \
	    --officer zhangwei --officer lina
	stack=$((stack + 1))
	if [ "$after" -ne "$before" ] || [ "$stack" -ge "$MAX_STACK" ]; then
		reset_archive
		stack=0
	fi
}
kill_points batch_point "case-new --batch" b_all
if [ "$b_all" -gt 0 ] && [ "$b_none" -gt 0 ]; then
	ok
else
	not_ok "case-new --batch: want both outcomes, got $b_all whole and $b_none none (run took $dur ms)"
fi
batch_ms=$(($(now_ms) - start_ms - init_ms))

#
# 3. evidence-add of a 200 MiB file: recorded whole, or not at all.
#
reset_archive
head -c 209715200 /dev/urandom >"$T/big"
sync "$T/big"
size=$(wc -c <"$T/big")
digest=$(sha256 "$T/big")
objpath="$ZHIFA_ARCHIVE/objects/sha256/$(echo "$digest" | cut -c1-2)/$(echo "$digest" | cut -c3-)"

dur=1
for run in 1 2; do
	t0=$(now_ms)
	evidence-add "$cid" "$T/big" >"$T/add.out" 2>"$T/add.err"
	rc=$?
	t1=$(($(now_ms) - t0))
	[ "$t1" -le "$dur" ] || dur=$t1
	expect_equal "$rc" 0 "an uninterrupted evidence-add"
	expect_equal "$(cat "$T/add.out")" \
	    "$(printf 'E2026-00001\t%s\t%s' "$digest" "$T/big")" \
	    "evidence-add output"
	reset_archive
done

ev_recorded=0
ev_absent=0
stack=0
# evidence_point MS: one evidence-add killed after MS ms, then checked.
evidence_point() {
	evidence-add "$cid" "$T/big" >"$T/add.out" 2>"$T/add.err" &
	kill_after "$1" $!
	case $status in
	0 | 137) ok ;;
	*) not_ok "evidence-add killed at $1 ms exited $status: $(head -c 400 "$T/add.err")" ;;
	esac
	verify_ok "evidence-add killed at $1 ms"
	if ! case-show -o json "$cid" >"$T/show" 2>"$T/show.err"; then
		not_ok "case-show after a kill at $1 ms: $(cat "$T/show.err")"
		return
	fi
	digests=$(grep -o '"sha256": "[0-9a-f]*"' "$T/show" | cut -d'"' -f4)
	count=$(grep -c '"sha256":' "$T/show")
	case $count in
	0)
		ev_absent=$((ev_absent + 1))
		if [ "$status" -eq 0 ]; then
			not_ok "evidence-add said done (killed at $1 ms) but case-show lists no evidence"
		else
			ok
		fi
		;;
	1)
		ev_recorded=$((ev_recorded + 1))
		expect_equal "$digests" "$digest" "recorded digest (kill at $1 ms)"
		expect_in "$T/show" "\"size\": $size"
		if [ -f "$objpath" ]; then
			expect_equal "$(sha256 "$objpath")" "$digest" \
			    "the stored object hashes to its digest (kill at $1 ms)"
		else
			not_ok "evidence recorded (kill at $1 ms) but its object $objpath is missing"
		fi
		if [ "$status" -eq 0 ]; then
			expect_equal "$(cut -f1,2 "$T/add.out")" \
			    "$(printf 'E2026-00001\t%s' "$digest")" \
			    "evidence-add output (kill at $1 ms)"
		fi
		;;
	*)
		not_ok "kill at $1 ms: $count evidence records for one evidence-add"
		;;
	esac
	expect_exit 0 case-new -t inspection --party 某物业公司 --cause 检查 \
	    --officer zhangwei --officer lina
	stack=$((stack + 1))
	if [ "$count" -ne 0 ] || [ "$stack" -ge "$MAX_STACK" ]; then
		reset_archive
		stack=0
	fi
}
kill_points evidence_point evidence-add ev_recorded
if [ "$ev_recorded" -gt 0 ] && [ "$ev_absent" -gt 0 ]; then
	ok
else
	not_ok "evidence-add: want both outcomes, got $ev_recorded recorded and $ev_absent absent (run took $dur ms)"
fi
ev_ms=$(($(now_ms) - start_ms - init_ms - batch_ms))

printf '%s: archive-init: %d whole, %d none (%d ms); batch: %d whole, %d none (%d ms); evidence-add: %d recorded, %d absent (%d ms)\n' \
    "$TEST_NAME" "$i_whole" "$i_none" "$init_ms" "$b_all" "$b_none" \
    "$batch_ms" "$ev_recorded" "$ev_absent" "$ev_ms" >&2
finish
