# Sourced by every command-line test: a fresh temporary archive home,
# git-style expect/actual helpers, and a closing "N passed, N failed".
# Each test runs with stdin from /dev/null and the clock fixed.
#
# Each test states its plan, as TAP does: "plan N" before its first
# check, N the number of checks (ok or not_ok) it makes, computed from
# the test's own inputs where a loop runs over them.  finish fails when
# no plan was given, or when the count differs (a loop that ran zero
# times, a check skipped by an early return); a test that exits 0
# without reaching finish fails too, unless it called skip_all.
set -u

: "${ZHIFA_BIN:?set ZHIFA_BIN to the build folder}"
: "${ZHIFA_SRC:=$(cd "$(dirname "$0")/../.." && pwd)}"
PATH=$ZHIFA_BIN:$PATH
TEST_NAME=$(basename "$0" .sh)
T=$(mktemp -d "${TMPDIR:-/tmp}/zhifa-$TEST_NAME.XXXXXX")
finished=0
trap 'at_exit $?' EXIT
mkdir -p "$T/home"
export HOME="$T/home"
unset XDG_CONFIG_HOME ZHIFA_KEY
export ZHIFA_ARCHIVE="$T/ar"
export ZHIFA_ACTOR=zhangwei
export ZHIFA_NOW=2026-11-20T10:00:00+08:00
export LC_ALL=C.UTF-8
unset LANGUAGE
exec </dev/null

passed=0
failed=0
planned=

at_exit() {
	rm -rf "$T"
	if [ "$1" -eq 0 ] && [ "$finished" -eq 0 ]; then
		printf '%s: FAILED: the test ended before finish\n' "$TEST_NAME" >&2
		exit 1
	fi
}

# plan N: the test makes exactly N checks.  Once, before the first check.
plan() {
	case ${1:-} in
	'' | *[!0-9]* | 0)
		printf '%s: FAILED: plan "%s" is not a positive number\n' \
		    "$TEST_NAME" "${1:-}" >&2
		exit 1
		;;
	esac
	if [ -n "$planned" ] || [ $((passed + failed)) -ne 0 ]; then
		printf '%s: FAILED: plan must be given once, before the first check\n' \
		    "$TEST_NAME" >&2
		exit 1
	fi
	planned=$1
}

# skip_all REASON: the test cannot run here; it passes without a plan.
skip_all() {
	printf '%s: skipped: %s\n' "$TEST_NAME" "$1"
	finished=1
	exit 0
}

# have COMMAND: prints 1 when COMMAND is on the PATH, else 0, for plans
# that count the checks a missing tool leaves out.
have() {
	if command -v "$1" >/dev/null 2>&1; then echo 1; else echo 0; fi
}

ok() {
	passed=$((passed + 1))
}

not_ok() {
	failed=$((failed + 1))
	printf '%s: FAILED: %s\n' "$TEST_NAME" "$*" >&2
}

# group_begin ... group_end DESCRIPTION: the checks made in between count
# as one, which fails when any of them failed (each failure is still
# reported).  For checks whose number depends on an outcome the test
# cannot fix in advance, such as where a kill lands.
group_begin() {
	group_passed=$passed
	group_failed=$failed
}

group_end() {
	if [ "$failed" -gt "$group_failed" ]; then
		group_n=$((failed - group_failed))
		passed=$group_passed
		failed=$group_failed
		not_ok "$1 ($group_n failed)"
	else
		passed=$group_passed
		failed=$group_failed
		ok
	fi
}

# check DESCRIPTION COMMAND...: the command must succeed.
check() {
	desc=$1
	shift
	if "$@"; then ok; else not_ok "$desc"; fi
}

# expect_exit CODE COMMAND...: runs it with output in $T/out and $T/err.
expect_exit() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok
	else
		not_ok "'$*' exited $got, want $want; stderr: $(head -c 600 "$T/err")"
	fi
}

# expect_fail CODE TEXT COMMAND...: the command exits CODE and its
# stderr says TEXT (two checks).
expect_fail() {
	ef_code=$1
	ef_text=$2
	shift 2
	expect_exit "$ef_code" "$@"
	expect_in "$T/err" "$ef_text"
}

# expect_refused CODE TEXT COMMAND...: the command exits CODE, says TEXT
# on stderr (unless TEXT is empty) and leaves the archive as it was at the
# last mark (three checks, or two).
expect_refused() {
	er_code=$1
	er_text=$2
	shift 2
	expect_exit "$er_code" "$@"
	[ -z "$er_text" ] || expect_in "$T/err" "$er_text"
	unchanged "'$*'"
}

# check_json DESCRIPTION FILE [ARG...] <<'PY' ... PY: the python3 script
# on stdin, with the JSON document of FILE as j and the ARGs as arg[0],
# arg[1], ..., raises nothing; a failed assert is shown (one check).
check_json() {
	cj_desc=$1
	shift
	{
		printf 'import json, sys\nj = json.load(open(sys.argv[1]))\n'
		printf 'arg = sys.argv[2:]\n'
		cat
	} >"$T/check.py"
	if python3 "$T/check.py" "$@" >"$T/check.out" 2>&1; then
		ok
	else
		not_ok "$cj_desc: $(tail -n 3 "$T/check.out")"
	fi
}

# expect_in FILE TEXT: FILE contains TEXT (fixed string).
expect_in() {
	if grep -qF -- "$2" "$1"; then
		ok
	else
		not_ok "$1 lacks '$2': $(head -c 600 "$1")"
	fi
}

expect_not_in() {
	if grep -qF -- "$2" "$1"; then
		not_ok "$1 holds '$2'"
	else
		ok
	fi
}

# expect_equal GOT WANT DESCRIPTION
expect_equal() {
	if [ "$1" = "$2" ]; then
		ok
	else
		not_ok "$3: got '$1', want '$2'"
	fi
}

# A fingerprint of every file, folder, mode and byte of the archive.
# SNAPSHOT_SKIP: find(1) tests that leave out files a test does not count
# as part of the archive (none unless a test sets it).
snapshot() {
	# shellcheck disable=SC2086
	(cd "${1:-$ZHIFA_ARCHIVE}" &&
	    find . ${SNAPSHOT_SKIP:-} -printf '%p %y %m %s\n' | sort &&
	    find . -type f ${SNAPSHOT_SKIP:-} -print0 | sort -z |
	    xargs -0 sha256sum)
}

# unchanged DESCRIPTION: the archive is byte-for-byte as at the last mark.
mark() {
	snapshot >"$T/mark"
}

unchanged() {
	snapshot >"$T/now"
	if cmp -s "$T/mark" "$T/now"; then
		ok
	else
		not_ok "$1: the archive changed: $(diff "$T/mark" "$T/now" | head -5)"
	fi
}

# new_archive [OPTION...]: a drill archive at $ZHIFA_ARCHIVE (the tests
# set the clock, which only a drill honours), with everyone's key.
# new_archive [OPTION...]: a drill of the sample agency (or of --config
# FILE), without the approval before release (publication.approvers),
# which only the tests of approval (and the sweeps) exercise:
# new_archive_with_approval keeps it.
new_archive() {
	case " $* " in
	*" --config "*) ;;
	*)	sed '/^  approvers:/d' "$ZHIFA_SRC/data/sample-zhifa.yaml" \
		    >"$T/sample-open.yaml"
		set -- --config "$T/sample-open.yaml" "$@" ;;
	esac
	archive-init --drill "$@" "$ZHIFA_ARCHIVE" >/dev/null 2>"$T/init.err" ||
	    { cat "$T/init.err" >&2; exit 1; }
}

new_archive_with_approval() {
	archive-init --drill "$@" "$ZHIFA_ARCHIVE" >/dev/null 2>"$T/init.err" ||
	    { cat "$T/init.err" >&2; exit 1; }
}

# forget_signed: the signer forgets the checkpoints it signed (kept next
# to the agency key), as on a new machine: for tests that run commands
# on fresh copies of one archive, each an older copy than the last.
forget_signed() {
	rm -f "$HOME"/.config/zhifa/keys/*.pem.signed \
	    "$HOME"/.config/zhifa/keys/*.pem.ring
}

# apply_config: the head puts the edited zhifa.yaml in force.
apply_config() {
	archive-config apply --as chengang >/dev/null 2>"$T/apply.err" ||
	    { cat "$T/apply.err" >&2; exit 1; }
}

# give_key PERSON: PERSON makes a key pair and the head registers it.
give_key() {
	person-key new --as "$1" >"$T/$1.vkey" 2>"$T/key.err" &&
	    person-key register "$1" "$T/$1.vkey" --as chengang \
	    >/dev/null 2>>"$T/key.err" || { cat "$T/key.err" >&2; exit 1; }
}

# An archive whose catalog makes nothing major, for tests of what comes
# before and after legal review.
new_archive_without_review() {
	sed -e '/^catalog:/,$d' -e '/^  approvers:/d' \
	    "$ZHIFA_SRC/data/sample-zhifa.yaml" >"$T/no-review.yaml"
	echo 'catalog: []' >>"$T/no-review.yaml"
	new_archive --config "$T/no-review.yaml"
}

# draw_targets FILE [N]: a directory of N (3) inspection targets for
# inspect-draw, in the fields of the sample officers, with valid
# unified social credit codes.
draw_targets() {
	python3 - "${2:-3}" >"$1" <<'PY'
import sys
C = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
print("name,code,address,field")
for i in range(int(sys.argv[1])):
    body = "91330327%09d" % (5000 + i)
    s = sum(C.index(ch) * w for ch, w in zip(body, W))
    print("抽查对象%d,%s,示例县%d号,%s" % (i, body + C[(31 - s % 31) % 31], i,
          ["建筑市场", "城乡规划", "消防"][i % 3]))
PY
}

# at DATE: the clock at 10:00 Beijing time on DATE.
at() {
	ZHIFA_NOW="$1T10:00:00+08:00"
	export ZHIFA_NOW
}

# json EXPR: EXPR evaluated by python3 with d the JSON document on stdin.
json() {
	python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"
}

# stage CASE: the case's stage, as case-show -o json says.
stage() {
	case-show -o json "$1" | json 'd["stage"]'
}

# fined_cases [OPTION...]: in an archive whose catalog makes nothing
# major (new_archive_without_review), on 2 November 2026, two penalty
# cases notified, waived and fined by the head, $p1 (甲公司, 5,000 yuan,
# with OPTIONs) and $p2 (乙公司, 1,234.50 yuan), and a licensing case
# $l1 (丙公司); the decision's document in $T/d.txt.
fined_cases() {
	at 2026-11-02
	new_archive_without_review
	printf '决定书\n' >"$T/d.txt"
	p1=$(new_case 甲公司) && p2=$(new_case 乙公司) || exit 1
	l1=$(case-new -t licensing --party 丙公司 --party-kind org \
	    --party-id 91350100M000100Y43 --cause 申请许可 \
	    --officer zhangwei --officer wangqiang 2>/dev/null) || exit 1
	for c in "$p1" "$p2"; do
		case-step "$c" notify >/dev/null 2>&1
		case-step "$c" waive >/dev/null 2>&1
	done
	decision-issue "$p1" --as chengang --outcome 罚款五千元 --fine 5000 \
	    "$@" --doc "$T/d.txt" >/dev/null 2>&1 || exit 1
	decision-issue "$p2" --as chengang \
	    --outcome 罚款一千二百三十四元五角 --fine 1234.5 \
	    --doc "$T/d.txt" >/dev/null 2>&1 || exit 1
}

# decided_case [PARTY]: a penalty case filed on 2 November 2026, notified
# on the 3rd and decided by the head on the 16th (a fine of 5,000 yuan,
# not major: no review), the decision in $T/decision.txt; its id in
# $decided, and the clock left on the 16th.
decided_case() {
	[ -f "$T/decision.txt" ] ||
	    printf '行政处罚决定书\n当事人：某建筑公司\n' >"$T/decision.txt"
	at 2026-11-02
	decided=$(new_case "$@") &&
	    { at 2026-11-03; case-step "$decided" notify >/dev/null; } &&
	    { at 2026-11-16; decision-issue "$decided" --as chengang \
	    --outcome 罚款五千元 --fine 5000 --doc "$T/decision.txt" >/dev/null; }
}

# A penalty case filed by zhangwei with lina; prints its id.
new_case() {
	case-new -t penalty --party "${1:-某建筑公司}" --party-kind org \
	    --party-id 91350100M000100Y43 --party-rep 王五 \
	    --cause "未取得施工许可证擅自施工" --officer zhangwei --officer lina
}

# case_for_review [PARTY]: a penalty case with a photo as evidence, the
# notice given and the party heard: ready for review-submit; prints its id.
case_for_review() {
	[ -f "$T/photo.jpg" ] || printf '现场照片\n' >"$T/photo.jpg"
	cr_id=$(new_case "$@") &&
	    evidence-add "$cr_id" "$T/photo.jpg" >/dev/null &&
	    case-step "$cr_id" notify >/dev/null &&
	    case-step "$cr_id" defense >/dev/null &&
	    echo "$cr_id"
}

# review_bases [COMMAND...]: the starting archives of the fault sweep and
# the crash loop.  $T/base-review is the sample agency's on 17 November
# 2026, with a case ready for review-submit ($c_ready), one submitted
# ($c_sub, its report and draft in $T/report.txt and $T/draft.txt) and
# wangqiang's new key ($T/wq.pem, $T/wq.vkey); COMMAND adds to it.
# $T/base-pending is the same with a changed zhifa.yaml, waiting for the
# head.  The clock is left on the 17th.
review_bases() {
	[ $# -gt 0 ] || set -- true
	printf '案件调查终结报告\n' >"$T/report.txt"
	printf '行政处罚决定书（代拟稿）：罚款六万元\n' >"$T/draft.txt"
	new_archive
	at 2026-11-17
	c_ready=$(case_for_review 甲建筑公司) &&
	    c_sub=$(case_for_review 乙建筑公司) &&
	    review-submit "$c_sub" --statement "$T/report.txt" \
	    --draft "$T/draft.txt" --fine 60000 >/dev/null &&
	    person-key new --as wangqiang --out "$T/wq.pem" >"$T/wq.vkey" \
	    2>/dev/null && "$@" ||
	    { echo "$TEST_NAME: cannot make the starting archives" >&2; exit 1; }
	mv "$ZHIFA_ARCHIVE" "$T/base-review"
	cp -a "$T/base-review" "$T/base-pending"
	printf '# 修订\n' >>"$T/base-pending/zhifa.yaml"
}

# starts: for each line of stdin, the display columns at which its fields
# (runs of text separated by two or more spaces) start; every line of an
# aligned table prints the same.
starts() {
	while IFS= read -r line; do
		out=""
		rest=$line
		total=$(printf '%s' "$line" | wc -L)
		while :; do
			w=$(printf '%s' "$rest" | wc -L)
			out="$out $((total - w))"
			case $rest in
			*"  "*)
				rest=${rest#*  }
				while :; do
					case $rest in
					" "*) rest=${rest# } ;;
					*) break ;;
					esac
				done
				;;
			*) break ;;
			esac
		done
		echo "$out"
	done
}

finish() {
	finished=1
	printf '%s: %d passed, %d failed\n' "$TEST_NAME" "$passed" "$failed"
	if [ -z "$planned" ]; then
		printf '%s: FAILED: no plan: call "plan N" before the first check\n' \
		    "$TEST_NAME" >&2
		exit 1
	fi
	if [ $((passed + failed)) -ne "$planned" ]; then
		printf '%s: FAILED: planned %d checks, made %d\n' "$TEST_NAME" \
		    "$planned" $((passed + failed)) >&2
		exit 1
	fi
	[ "$failed" -eq 0 ]
	exit $?
}
