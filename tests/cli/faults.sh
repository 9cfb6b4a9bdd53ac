#!/bin/sh
# Fault injection: case-new, evidence-add, decision-issue,
# decision-correct, publish-export, publish-approve, review-submit,
# review-decide,
# archive-backup, person-key register, archive-config apply,
# inspect-draw --draw, case-export, bundle-import, case-step CASE
# archive --out (case-step-archive below) and doc-render run
# with one system call made to fail (strace -e inject), for a bounded set
# of its occurrences (every one under ZHIFA_SWEEP=all, with case-step,
# decision-revoke and publish-withdraw too).  After each run the
# command exited 0, or exited non-zero with the archive byte for byte as
# before; an I/O error is never a refusal (77) or "malformed" (65);
# archive-verify passes and the next write works.  The exceptions come
# after the commit, and say so: a failed write to standard output, and a
# failed sync of the folder a recorded bundle was placed in.
. "$(dirname "$0")/lib.sh"
# What a killed import leaves of its quarantine stays in the test's folder.
mkdir -p "$T/tmp"
TMPDIR=$T/tmp
export TMPDIR

command -v strace >/dev/null 2>&1 || skip_all "strace is not installed"
# LeakSanitizer cannot work under ptrace; the other tests check leaks.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
strace -f -o /dev/null true >/dev/null 2>&1 ||
    skip_all "strace cannot trace here (ptrace not allowed)"

# SQLite's shared-memory index and an empty write-ahead log, which a
# connection whose open of them failed may leave behind, hold no record.
SNAPSHOT_SKIP='! -name zhifa.db-shm ! ( -name zhifa.db-wal -empty )'

# An archive with legal review: a case ready for review-submit, and one
# submitted, for review-decide; and with a changed zhifa.yaml, for
# archive-config apply.
review_bases

at 2026-11-02
new_archive_without_review
printf '行政处罚决定书\n当事人：某建筑公司\n' >"$T/d.txt"
printf 'photo of the site\n' >"$T/photo.jpg"
p=$(new_case 2>/dev/null) || exit 1
at 2026-11-03
case-step "$p" notify >/dev/null || exit 1
at 2026-11-16
cp -a "$ZHIFA_ARCHIVE" "$T/base-open"
decision-issue "$p" --as chengang --outcome 罚款五千元 --fine 5000 \
    --doc "$T/d.txt" >/dev/null || exit 1
cp -a "$ZHIFA_ARCHIVE" "$T/base-decided"
# The same with approval before release, for publish-approve.
cp -a "$ZHIFA_ARCHIVE" "$T/base-approve"
sed -i 's/^publication:/publication:\n  approvers: [chengang]/' \
    "$T/base-approve/zhifa.yaml"
ZHIFA_ARCHIVE=$T/base-approve archive-config apply --as chengang \
    >/dev/null 2>&1 || exit 1
publish-export --as liuyang --out "$T/site0" >/dev/null || exit 1
cp -a "$ZHIFA_ARCHIVE" "$T/base-published"
# The case closed, for its archival transfer package.
at 2026-11-20
case-step "$p" serve --method direct >/dev/null 2>&1 &&
    case-step "$p" execute >/dev/null 2>&1 &&
    case-step "$p" close >/dev/null 2>&1 || exit 1
mv "$ZHIFA_ARCHIVE" "$T/base-closed"
cp -a "$T/base-published" "$ZHIFA_ARCHIVE"
at 2026-11-16
# An exchange bundle of the decided case, and an archive that trusts the
# key that signed it (its own), for bundle-import.
ZHIFA_ARCHIVE=$T/base-decided case-export "$p" --as chengang \
    --to 示例市住房和城乡建设局 --out "$T/share.tar.gz" >/dev/null 2>&1 || exit 1
cp -a "$T/base-open" "$T/base-import"
printf 'sharing:\n  trusted: ["%s"]\n' "$(python3 -c "import json,tarfile,sys
t = tarfile.open(sys.argv[1])
print(json.load(t.extractfile('data/exchange.json'))['agency']['vkey'])" \
    "$T/share.tar.gz")" >>"$T/base-import/zhifa.yaml"
ZHIFA_ARCHIVE=$T/base-import archive-config apply --as chengang \
    >/dev/null 2>&1 || exit 1
# A commitment of a 双随机 draw whose randomness is known on the 17th.
cp -a "$T/base-open" "$T/base-draw"
draw_targets "$T/targets.csv"
dseq=$(ZHIFA_ARCHIVE=$T/base-draw inspect-draw --as liuyang --commit \
    --targets "$T/targets.csv" --count 2 --randomness "双色球 2026-11-17 开奖号码" \
    2>/dev/null | cut -f 1) && [ -n "$dseq" ] &&
    ZHIFA_ARCHIVE=$T/base-draw publish-export --as liuyang \
    --out "$T/site-draw" >/dev/null 2>&1 || exit 1
: >"$T/injected"

# run PROGRAM [PREFIX...]: the command under test on $ZHIFA_ARCHIVE,
# run by PREFIX (strace) when given.
run() {
	prog=$1
	shift
	case $prog in
	case-new)
		"$@" case-new -t penalty --party 乙公司 --party-kind org \
		    --party-id 91350100M000100Y43 --cause 某事 \
		    --officer zhangwei --officer lina ;;
	evidence-add)
		"$@" evidence-add "$p" "$T/photo.jpg" --kind photo \
		    --title 照片 ;;
	decision-issue)
		"$@" decision-issue "$p" --as chengang --outcome 罚款五千元 \
		    --fine 5000 --doc "$T/d.txt" ;;
	publish-export)
		rm -rf "$T/site"
		"$@" publish-export --as liuyang --out "$T/site" ;;
	case-step)
		"$@" case-step "$p" defense --note 当事人提交书面陈述 ;;
	decision-revoke)
		"$@" decision-revoke "$p" --as chengang --kind revoked \
		    --reason 复议决定撤销 ;;
	decision-correct)
		"$@" decision-correct "$p" --as chengang --field party \
		    --value 某建筑工程有限公司 --reason 当事人申请更正名称 ;;
	publish-approve)
		"$@" publish-approve --as chengang ;;
	publish-withdraw)
		"$@" publish-withdraw "$p" --as liuyang --reason 公示信息有误 ;;
	review-submit)
		"$@" review-submit "$c_ready" --statement "$T/report.txt" \
		    --draft "$T/draft.txt" --fine 60000 ;;
	review-decide)
		"$@" review-decide "$c_sub" --as zhaomin --approve --all-pass \
		    --opinion 同意 ;;
	archive-backup)
		"$@" archive-backup --as liuyang "$T/bk" ;;
	person-key)
		"$@" person-key register wangqiang "$T/wq.vkey" --as chengang ;;
	archive-config)
		"$@" archive-config apply --as chengang ;;
	inspect-draw)
		"$@" inspect-draw --as liuyang --draw "$dseq" \
		    --targets "$T/targets.csv" --value 7 ;;
	bundle-import)
		"$@" bundle-import --as liuyang "$T/share.tar.gz" ;;
	case-step-archive)
		rm -rf "$T/pkg"
		"$@" case-step "$p" archive --as liuyang --out "$T/pkg" ;;
	case-export)
		rm -rf "$T/ex"
		"$@" case-export "$p" --as chengang --to 示例市住房和城乡建设局 \
		    --out "$T/ex" ;;
	doc-render)
		"$@" doc-render "$p" notice --set facts=现场检查发现擅自施工 \
		    --set basis=建筑法第六十四条 --set proposal=罚款 ;;
	esac
}

# fresh PROGRAM: a copy of the archive the program starts from.
fresh() {
	rm -rf "$T/w" "$T/bk"
	at 2026-11-16
	case $1 in
	review-submit|review-decide|archive-backup|person-key)
		at 2026-11-18
		cp -a "$T/base-review" "$T/w" ;;
	archive-config)
		at 2026-11-18
		cp -a "$T/base-pending" "$T/w" ;;
	publish-export|decision-revoke) cp -a "$T/base-decided" "$T/w" ;;
	decision-correct) cp -a "$T/base-published" "$T/w" ;;
	publish-approve) cp -a "$T/base-approve" "$T/w" ;;
	inspect-draw)
		at 2026-11-18
		cp -a "$T/base-draw" "$T/w" ;;
	bundle-import) cp -a "$T/base-import" "$T/w" ;;
	publish-withdraw) cp -a "$T/base-published" "$T/w" ;;
	case-step-archive)
		at 2026-11-20
		cp -a "$T/base-closed" "$T/w" ;;
	*) cp -a "$T/base-open" "$T/w" ;;
	esac
	forget_signed
	ZHIFA_ARCHIVE=$T/w
	export ZHIFA_ARCHIVE
}

# calls SYSCALL: how many times the busiest process of $T/trace made it
# (strace numbers the calls of each process on its own).
calls() {
	grep "^[0-9]* *$1(" "$T/trace" | awk '{ n[$1]++ }
	    END { m = 0; for (p in n) if (n[p] > m) m = n[p]; print m }'
}

PROGRAMS="case-new evidence-add decision-issue decision-correct publish-export
publish-approve review-submit review-decide archive-backup person-key
archive-config inspect-draw case-export bundle-import case-step-archive
doc-render"
# SYSCALL:ERROR:STEP: every STEP-th call made to fail with ERROR; every
# one for reads and syncs, fewer of the writes, which are many and alike.
FAULTS="pread64:EIO:1 pread64:ESTALE:3 pwrite64:EIO:4 pwrite64:ENOSPC:5
fsync:EIO:1 fdatasync:EIO:1 write:ENOSPC:1"
# ZHIFA_SWEEP=all (scripts/dev.sh sweep): more programs, every call of
# every kind the issue of durability names, with EIO and with ENOSPC.
if [ "${ZHIFA_SWEEP:-}" = all ]; then
	PROGRAMS="$PROGRAMS case-step decision-revoke publish-withdraw"
	FAULTS=""
	for sc in write pwrite64 pread64 read fsync fdatasync rename renameat \
	    renameat2 link linkat unlink unlinkat openat ftruncate mkdir \
	    mkdirat; do
		FAULTS="$FAULTS $sc:EIO:1 $sc:ENOSPC:1"
	done
	FAULTS="$FAULTS pread64:ESTALE:1"
	# ZHIFA_SWEEP_ONLY=PROGRAM: that program alone.
	[ -n "${ZHIFA_SWEEP_ONLY:-}" ] && PROGRAMS=$ZHIFA_SWEEP_ONLY
fi

: >"$T/points"
# faults PROGRAM: the faults tried on it.  In the bounded run the
# programs after the first four get the reads and syncs only.
faults() {
	case $1:${ZHIFA_SWEEP:-} in
	review-submit: | review-decide: | archive-backup: | person-key: | \
	archive-config: | inspect-draw: | case-export: | bundle-import: | \
	case-step-archive: | doc-render:)
		echo "pread64:EIO:2 fsync:EIO:1 fdatasync:EIO:1" ;;
	*) echo "$FAULTS" ;;
	esac
}

for prog in $PROGRAMS; do
	for f in $(faults "$prog"); do
		sc=${f%%:*}
		step=${f##*:}
		err=${f#*:}
		err=${err%:*}
		fresh "$prog"
		run "$prog" strace -f -o "$T/trace" -e trace="$sc" \
		    >/dev/null 2>&1
		n=$(calls "$sc")
		k=1
		while [ "$k" -le "$n" ]; do
			echo "$prog $sc $err $k" >>"$T/points"
			k=$((k + step))
		done
	done
done
npoints=$(wc -l <"$T/points")
plan $((3 * npoints + $(grep -c '^archive-backup ' "$T/points")))

while read -r prog sc err k; do
	fresh "$prog"
	mark
	run "$prog" strace -f -o "$T/trace" -e trace="$sc" \
	    -e inject="$sc:error=$err:when=$k" >"$T/out" 2>"$T/err"
	rc=$?
	what="$prog with $sc #$k failing ($err)"
	if grep -q 'INJECTED' "$T/trace"; then
		echo "$prog" >>"$T/injected"
	fi
	if [ "$rc" -eq 0 ]; then
		ok
	elif [ "$rc" -eq 65 ] || [ "$rc" -eq 77 ]; then
		not_ok "$what: exited $rc, a refusal for an I/O error: $(head -c 300 "$T/err")"
	elif grep -q 'write(1, .*(INJECTED)' "$T/trace" && [ "$rc" -eq 74 ]; then
		ok	# standard output failed after the commit
	elif [ "$rc" -eq 74 ] && grep -q "bundle '.*' is in place, but" "$T/err"
	then
		ok	# the recorded bundle was placed; its folder's sync failed
	elif [ "$rc" -eq 74 ] && grep -q "the export was recorded" "$T/err"
	then
		ok	# recorded; a re-run puts the bundle in place
	else
		unchanged "$what (exit $rc: $(head -c 200 "$T/err"))"
	fi
	if [ "$prog" = archive-backup ]; then
		# The backup is finished by running it again, and verifies.
		archive-backup --as liuyang "$T/bk" >/dev/null 2>"$T/berr" &&
		    ZHIFA_ARCHIVE=$T/bk archive-verify >"$T/bout" 2>&1
		expect_equal "$?" 0 "$what: the next backup: $(head -c 300 "$T/berr" "$T/bout")"
	fi
	archive-verify >"$T/vout" 2>&1
	vrc=$?
	expect_equal "$vrc" 0 "$what: archive-verify: $(grep -v '^ok' "$T/vout" | head -c 300)"
	# A failed apply leaves zhifa.yaml waiting: the head applies again.
	[ "$prog" = archive-config ] && [ "$rc" -ne 0 ] &&
	    archive-config apply --as chengang >/dev/null 2>&1
	case-new -t penalty --party 丙公司 --party-kind org \
	    --party-id 91350100M000100Y43 --cause 某事 --officer zhangwei \
	    --officer lina >/dev/null 2>"$T/nerr"
	nrc=$?
	expect_equal "$nrc" 0 "$what: the next write: $(head -c 300 "$T/nerr")"
done <"$T/points"

for prog in $PROGRAMS; do
	printf '%s: %s: %d runs, %d with a call made to fail\n' \
	    "$TEST_NAME" "$prog" "$(grep -c "^$prog " "$T/points")" \
	    "$(grep -c "^$prog\$" "$T/injected")"
done
finish
