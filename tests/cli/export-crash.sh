#!/bin/sh
# publish-export killed (SIGKILL, injected by strace at a given system
# call) at points before, at and after its commit: a re-run to the same
# --out finishes the export, consecutive bundles always pass
# publish-verify --previous, the archive verifies, and no temporary
# folder is left.  A bundle recorded but not placed waits for the re-run
# to its own path: an export to a new path places only its own bundle.
. "$(dirname "$0")/lib.sh"

if [ "$(have strace)" = 0 ] || ! strace -f -o /dev/null true 2>/dev/null
then
	skip_all "strace is missing or cannot trace here"
fi

# Kill points, as SYSCALL:OCCURRENCE: the bundle synced and the WAL
# written before the commit, the commit itself, the rename that places
# the bundle after it, and the folder's sync after the rename.
POINTS="pwrite64:20 syncfs:1 fsync:1 fdatasync:1 fdatasync:2 fdatasync:3
renameat2:1 fsync:4"
n=0
for p in $POINTS; do n=$((n + 1)); done
plan $((n * 5 + 6))

export ZHIFA_ACTOR=liuyang
new_archive_without_review
cases=""
for p in $POINTS x y; do
	ZHIFA_ACTOR=zhangwei decided_case >/dev/null || exit 1
	cases="$cases $decided"
done
at 2026-11-20
set -- $cases

# kill_at SYSCALL:N OUT [CASE...]: publish-export killed at the Nth call.
kill_at() {
	ka_sys=${1%:*}
	ka_n=${1#*:}
	ka_out=$2
	shift 2
	strace -f -qq -o "$T/trace" -e trace="$ka_sys" \
	    -e inject="$ka_sys":signal=KILL:when="$ka_n" \
	    publish-export --out "$ka_out" "$@" >/dev/null 2>&1
	grep -q 'killed by SIGKILL' "$T/trace"
}

no_temporaries() {
	! ls "$T" | grep -q '\.tmp-'
}

prev=""
i=0
for p in $POINTS; do
	i=$((i + 1))
	out="$T/b$i"
	check "killed at $p" kill_at "$p" "$out" "$1"
	if [ -e "$out" ]; then
		ok	# placed before the kill
	else
		expect_exit 0 publish-export --out "$out" "$1"
	fi
	if [ -n "$prev" ]; then
		expect_exit 0 publish-verify "$out" --previous "$prev"
	else
		expect_exit 0 publish-verify "$out"
	fi
	expect_exit 0 archive-verify
	check "no temporary left after the kill at $p" no_temporaries
	prev=$out
	shift
done

# Recorded but not placed; an export to another path meanwhile places
# only its own bundle, and the re-run places the recorded one as it was.
check "killed at the rename" kill_at renameat2:1 "$T/late" "$1"
expect_exit 0 publish-export --out "$T/other" "$2"
check "the recorded bundle is still not placed" test ! -e "$T/late"
expect_exit 0 publish-export --out "$T/late" "$2"
expect_in "$T/out" "finished the export of event"
expect_exit 0 publish-verify "$T/other" --previous "$T/late"
finish
