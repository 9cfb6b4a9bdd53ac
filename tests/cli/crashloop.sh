#!/bin/sh
# The crash loop: each program that writes the record is killed (SIGKILL,
# by strace's syscall injection) at its Nth call of one kind of write,
# fsync, rename, link or unlink.  After every kill the archive verifies
# and the command's change is all or nothing: the journal holds the
# events of a complete run, in full, or none of them; for publish-export
# a bundle the kill left extends the one before, and so does the next;
# and the signer is never wedged: the next write is signed, whatever the
# kill left of its record of what it last signed.
#
# Every (kind, N) up to the count a complete run makes is a kill point.
# With ZHIFA_CRASHLOOP=all (scripts/dev.sh crashloop) every point is
# tried; otherwise a sample of ZHIFA_CRASHLOOP_POINTS points a program
# (40), drawn with ZHIFA_CRASHLOOP_SEED (by default the date, so that
# each day tries other points; printed, to repeat a run).
. "$(dirname "$0")/lib.sh"
# What a killed import leaves of its quarantine stays in the test's folder.
mkdir -p "$T/tmp"
TMPDIR=$T/tmp
export TMPDIR

command -v strace >/dev/null 2>&1 || skip_all "needs strace"
command -v sqlite3 >/dev/null 2>&1 || skip_all "needs the sqlite3 shell"
strace -f -o /dev/null true 2>/dev/null || skip_all "strace cannot trace here"

mode=${ZHIFA_CRASHLOOP:-sample}
per=${ZHIFA_CRASHLOOP_POINTS:-40}
seed=${ZHIFA_CRASHLOOP_SEED:-$(date +%Y%m%d)}
kinds="write pwrite64 fsync fdatasync rename renameat renameat2 link linkat
unlink unlinkat"
programs="case-new evidence-add case-step review-submit review-decide
decision-issue decision-correct publish-export publish-approve decision-revoke
publish-withdraw archive-backup person-key archive-config inspect-draw
case-export bundle-import case-step-archive doc-render"
# (case-step-archive: case-step CASE archive --out, the transfer package.)
# ZHIFA_CRASHLOOP_ONLY=PROGRAM...: those programs alone.
programs=${ZHIFA_CRASHLOOP_ONLY:-$programs}
set -- $programs
plan $#

# The starting archives: one with legal review (the sample agency), one
# without, each holding what every program needs.
printf '询问笔录\n' >"$T/record.txt"
third_case() {
	c_new=$(new_case 丙建筑公司 2>/dev/null)
}
review_bases third_case
new_archive_without_review
decided_case 丁建筑公司 &&
    c_pub=$decided &&
    { at 2026-11-20; publish-export --as liuyang --out "$T/b0" \
    >/dev/null; } &&
    decided_case 戊建筑公司 &&
    { at 2026-11-02; c_dec=$(new_case 己建筑公司); } &&
    { at 2026-11-03; case-step "$c_dec" notify >/dev/null; } ||
    { echo "$TEST_NAME: cannot make the archive without review" >&2; exit 1; }
mv "$ZHIFA_ARCHIVE" "$T/base-plain"
# With approval before release, and a decision waiting for it.
cp -a "$T/base-plain" "$T/base-approve"
sed -i 's/^publication:/publication:\n  approvers: [chengang]/' \
    "$T/base-approve/zhifa.yaml"
at 2026-11-27
ZHIFA_ARCHIVE=$T/base-approve archive-config apply --as chengang \
    >/dev/null 2>&1 ||
    { echo "$TEST_NAME: cannot make the archive with approval" >&2; exit 1; }
# An exchange bundle, and an archive that trusts its key (its own).
at 2026-11-27
ZHIFA_ARCHIVE=$T/base-plain case-export "$c_pub" --as chengang \
    --to 示例市住房和城乡建设局 --out "$T/share.tar.gz" >/dev/null 2>&1 &&
    cp -a "$T/base-plain" "$T/base-import" &&
    printf 'sharing:\n  trusted: ["%s"]\n' "$(python3 -c "import json,tarfile,sys
t = tarfile.open(sys.argv[1])
print(json.load(t.extractfile('data/exchange.json'))['agency']['vkey'])" \
    "$T/share.tar.gz")" >>"$T/base-import/zhifa.yaml" &&
    ZHIFA_ARCHIVE=$T/base-import archive-config apply --as chengang \
    >/dev/null 2>&1 ||
    { echo "$TEST_NAME: cannot make the archive that imports" >&2; exit 1; }
# The published case closed, for its archival transfer package.
# (The signer forgets the copies it signed: this one is signed anew.)
cp -a "$T/base-plain" "$T/base-closed"
forget_signed
at 2026-11-27
{ ZHIFA_ARCHIVE=$T/base-closed case-step "$c_pub" serve --method direct &&
    ZHIFA_ARCHIVE=$T/base-closed case-step "$c_pub" execute &&
    ZHIFA_ARCHIVE=$T/base-closed case-step "$c_pub" close; } \
    >/dev/null 2>&1 ||
    { echo "$TEST_NAME: cannot close a case" >&2; exit 1; }
# A commitment of a 双随机 draw whose randomness is known on the 28th.
cp -a "$T/base-plain" "$T/base-draw"
draw_targets "$T/targets.csv"
dseq=$(ZHIFA_ARCHIVE=$T/base-draw inspect-draw --as liuyang --commit \
    --targets "$T/targets.csv" --count 2 --randomness "双色球 2026-11-28 开奖号码" \
    2>/dev/null | cut -f 1) && [ -n "$dseq" ] &&
    ZHIFA_ARCHIVE=$T/base-draw publish-export --as liuyang \
    --out "$T/site-draw" >/dev/null 2>&1 ||
    { echo "$TEST_NAME: cannot commit to a draw" >&2; exit 1; }
W=$T/ar
export ZHIFA_ARCHIVE="$W"

# spec PROGRAM: sets base, the clock and cmd, the command line.
spec() {
	base=$T/base-review
	at 2026-11-18
	case $1 in
	case-new)
		cmd="case-new -t penalty --party 庚建筑公司 --party-kind org
		    --party-id 91350100M000100Y43 --cause 未取得施工许可证擅自施工
		    --officer zhangwei --officer lina" ;;
	evidence-add)
		cmd="evidence-add $c_ready $T/record.txt" ;;
	case-step)
		cmd="case-step $c_new notify" ;;
	review-submit)
		cmd="review-submit $c_ready --statement $T/report.txt
		    --draft $T/draft.txt --fine 60000" ;;
	review-decide)
		cmd="review-decide $c_sub --as zhaomin --approve --all-pass --opinion 同意" ;;
	decision-issue)
		base=$T/base-plain
		at 2026-11-16
		cmd="decision-issue $c_dec --as chengang --outcome 罚款五千元
		    --fine 5000 --doc $T/decision.txt" ;;
	publish-export)
		base=$T/base-plain
		at 2026-11-27
		cmd="publish-export --as liuyang --out $T/out" ;;
	decision-revoke)
		base=$T/base-plain
		at 2026-11-27
		cmd="decision-revoke $c_pub --as chengang --kind revoked
		    --reason 复议决定撤销" ;;
	publish-withdraw)
		base=$T/base-plain
		at 2026-11-27
		cmd="publish-withdraw $c_pub --as liuyang --reason 公示信息有误" ;;
	publish-approve)
		base=$T/base-approve
		at 2026-11-27
		cmd="publish-approve --as chengang" ;;
	decision-correct)
		base=$T/base-plain
		at 2026-11-27
		cmd="decision-correct $c_pub --as chengang --field party
		    --value 丁建筑工程有限公司 --reason 当事人申请更正名称" ;;
	archive-backup)
		cmd="archive-backup --as liuyang $T/out" ;;
	person-key)
		cmd="person-key register wangqiang $T/wq.vkey --as chengang" ;;
	archive-config)
		base=$T/base-pending
		cmd="archive-config apply --as chengang" ;;
	bundle-import)
		base=$T/base-import
		at 2026-11-27
		cmd="bundle-import --as liuyang $T/share.tar.gz" ;;
	case-export)
		base=$T/base-plain
		at 2026-11-27
		cmd="case-export $c_pub --as chengang --to 示例市住房和城乡建设局
		    --out $T/out" ;;
	doc-render)
		base=$T/base-plain
		at 2026-11-27
		cmd="doc-render $c_pub notice --set facts=擅自施工
		    --set basis=建筑法第六十四条 --set proposal=罚款" ;;
	case-step-archive)
		base=$T/base-closed
		at 2026-11-28
		cmd="case-step $c_pub archive --as liuyang --out $T/out" ;;
	inspect-draw)
		base=$T/base-draw
		at 2026-11-30
		cmd="inspect-draw --as liuyang --draw $dseq --targets $T/targets.csv
		    --value 7" ;;
	esac
}

# fresh: the program's starting archive at $W, no bundle at $T/out.
fresh() {
	rm -rf "$W" "$T/out" "$T/out2"
	cp -a "$base" "$W"
	forget_signed
}

events() {
	sqlite3 "$W/zhifa.db" 'SELECT count(*) FROM journal' 2>/dev/null
}

types() {
	sqlite3 "$W/zhifa.db" "SELECT type FROM journal WHERE seq >= $1
	    ORDER BY seq" 2>/dev/null | tr '\n' ' '
}

# points: the kill points "KIND N" of a complete run of cmd, in the
# order they are tried (all, or a seeded sample).
points() {
	fresh
	strace -f -qq -o "$T/trace" -e trace="$(echo $kinds | tr ' ' ,)" \
	    $cmd >/dev/null 2>&1
	: >"$T/calls"
	for k in $kinds; do
		n=$(grep -cE "^[0-9]+ +$k\(" "$T/trace")
		[ "$n" -eq 0 ] || printf ' %s %d' "$k" "$n" >>"$T/calls"
		i=1
		while [ "$i" -le "$n" ]; do
			echo "$k $i"
			i=$((i + 1))
		done
	done | if [ "$mode" = all ]; then cat; else
		awk -v seed="$seed" -v n="$per" '
		    BEGIN { srand(seed) } { p[NR] = $0 }
		    END { for (i = NR; i > 1; i--) { j = int(rand() * i) + 1
		        t = p[i]; p[i] = p[j]; p[j] = t }
		        for (i = 1; i <= NR && i <= n; i++) print p[i] }'
	fi
}

for prog in $programs; do
	spec "$prog"
	# A complete run: the events it journals.
	fresh
	before=$(events)
	if ! $cmd >/dev/null 2>"$T/err"; then
		not_ok "$prog does not run: $(head -c 300 "$T/err")"
		continue
	fi
	after=$(events)
	full=$(types "$before")
	points >"$T/points"
	tried=0
	killed=0
	bad=""
	while read -r kind n <&3; do
		tried=$((tried + 1))
		fresh
		strace -f -qq -o /dev/null \
		    -e inject="$kind:signal=KILL:when=$n" $cmd \
		    >/dev/null 2>"$T/err"
		status=$?
		why=""
		case $status in
		0) ;;
		137) killed=$((killed + 1)) ;;
		*) why="exit $status: $(head -c 200 "$T/err")" ;;
		esac
		if [ -z "$why" ] && ! archive-verify >"$T/verify" 2>&1; then
			why="archive-verify: $(head -c 300 "$T/verify")"
		fi
		now=$(events)
		if [ -z "$why" ] && [ "$now" != "$before" ]; then
			if [ "$now" != "$after" ]; then
				why="$((now - before)) of $((after - before)) events"
			elif [ "$(types "$before")" != "$full" ]; then
				why="events $(types "$before"), not $full"
			fi
		fi
		if [ -z "$why" ] && [ "$prog" = archive-backup ]; then
			# A killed backup is finished by running it again: the
			# copy then verifies on its own and holds every event.
			if ! archive-backup --as liuyang "$T/out" >/dev/null \
			    2>"$T/err"; then
				why="the next backup fails: $(head -c 200 "$T/err")"
			elif ! ZHIFA_ARCHIVE=$T/out archive-verify \
			    >"$T/verify" 2>&1; then
				why="the backup: $(head -c 300 "$T/verify")"
			elif [ "$(sqlite3 "$T/out/zhifa.db" \
			    'SELECT count(*) FROM journal')" != "$after" ]; then
				why="the backup lacks events"
			fi
		fi
		if [ -z "$why" ] && [ "$prog" = publish-export ]; then
			# No fork: a bundle the kill left in place extends the
			# one before, and the next export extends both.
			if [ -e "$T/out" ] && ! publish-verify --previous \
			    "$T/b0" "$T/out" >"$T/pv" 2>&1; then
				why="the bundle left: $(head -c 300 "$T/pv")"
			elif ! publish-export --as liuyang --out "$T/out2" \
			    >/dev/null 2>"$T/err"; then
				why="the next export fails: $(head -c 200 "$T/err")"
			elif ! publish-verify --previous "$T/b0" "$T/out2" \
			    >"$T/pv" 2>&1; then
				why="the next bundle: $(head -c 300 "$T/pv")"
			elif [ -e "$T/out" ] && ! publish-verify --previous \
			    "$T/out" "$T/out2" >"$T/pv" 2>&1; then
				why="a fork: $(head -c 300 "$T/pv")"
			fi
		fi
		# The signer is never wedged: whatever the kill left of its
		# record of what it signed, the next write is signed.
		if [ -z "$why" ] && [ "$prog" != archive-config ] &&
		    ! case-new -t penalty --party 辛建筑公司 --party-kind org \
		    --party-id 91350100M000100Y43 --cause 某事 \
		    --officer zhangwei --officer lina >/dev/null 2>"$T/nerr"
		then
			why="the next write fails: $(head -c 200 "$T/nerr")"
		elif [ -z "$why" ] && grep -q "was not signed" "$T/nerr"; then
			why="the signer is wedged: $(grep "was not signed" "$T/nerr" | head -c 300)"
		fi
		[ -z "$why" ] || bad="$bad
  $kind $n: $why"
	done 3<"$T/points"
	printf '%s: %s: %d kill points tried, %d killed (%s, seed %s) of' \
	    "$TEST_NAME" "$prog" "$tried" "$killed" "$mode" "$seed"
	printf '%s\n' "$(cat "$T/calls")"
	if [ -n "$bad" ]; then
		not_ok "$prog: after a kill (seed $seed):$bad"
	else
		ok
	fi
done
finish
