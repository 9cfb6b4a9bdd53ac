#!/bin/sh
# harness: the plans of lib.sh and check.h hold.  A test without a plan,
# with a count other than its plan, with a plan given late, twice or of
# zero, or that ends before finish, fails; a group of checks counts as
# one; skip_all passes.  The same for a unit test built with check.h
# (when a C compiler is at hand).
. "$(dirname "$0")/lib.sh"

cc=$(have cc)
plan $((2 * 10 + cc * 2 * 5))

# A test that sources lib.sh and does what $MODE says.
cat >"$T/child.sh" <<EOF
. "$ZHIFA_SRC/tests/cli/lib.sh"
case \$MODE in
good) plan 2; ok; ok; finish ;;
noplan) ok; finish ;;
fewer) plan 3; ok; ok; finish ;;
more) plan 1; ok; ok; finish ;;
late) ok; plan 1; finish ;;
twice) plan 1; plan 1; ok; finish ;;
zero) plan 0; finish ;;
unfinished) plan 1; ok; exit 0 ;;
group) plan 2; group_begin; ok; not_ok inner; group_end outer;
	group_begin; group_end empty; finish ;;
skip) skip_all "nothing to test here" ;;
esac
EOF
# child MODE STATUS TEXT: the child exits STATUS and says TEXT.
child() {
	MODE=$1 sh "$T/child.sh" >"$T/child.out" 2>&1
	expect_equal "$?" "$2" "a test that does '$1' exits $2"
	expect_in "$T/child.out" "$3"
}
child good 0 "child: 2 passed, 0 failed"
child noplan 1 'child: FAILED: no plan: call "plan N" before the first check'
child fewer 1 "child: FAILED: planned 3 checks, made 2"
child more 1 "child: FAILED: planned 1 checks, made 2"
child late 1 "child: FAILED: plan must be given once, before the first check"
child twice 1 "child: FAILED: plan must be given once, before the first check"
child zero 1 'child: FAILED: plan "0" is not a positive number'
child unfinished 1 "child: FAILED: the test ended before finish"
child group 1 "child: FAILED: outer (1 failed)"
child skip 0 "child: skipped: nothing to test here"

# A unit test: MODE 1 plans its 2 checks, 2 plans 3, 3 plans after a
# check, 4 plans 0, 0 plans nothing.
if [ "$cc" -eq 1 ]; then
	cat >"$T/t-child.c" <<'EOF'
#include "check.h"

int
main(void)
{
#if MODE == 1
	CHECK_PLAN(2);
#elif MODE == 2
	CHECK_PLAN(3);
#elif MODE == 3
	CHECK(1);
	CHECK_PLAN(2);
#elif MODE == 4
	CHECK_PLAN(0);
#endif
	CHECK(1);
	CHECK_PREFIX("法制审核意见书", "法制审核");
	return check_report("t-child");
}
EOF
	# unit MODE STATUS TEXT: built with MODE, it exits STATUS, saying TEXT.
	unit() {
		if cc -std=c11 -Wall -Wextra -Werror -I"$ZHIFA_SRC/tests/unit" \
		    -DMODE="$1" -o "$T/t-child" "$T/t-child.c" 2>"$T/cc.err"; then
			"$T/t-child" >"$T/child.out" 2>&1
			expect_equal "$?" "$2" "a unit test of mode $1 exits $2"
		else
			not_ok "cc: $(head -c 600 "$T/cc.err")"
		fi
		expect_in "$T/child.out" "$3"
	}
	unit 1 0 "t-child: 2 passed, 0 failed"
	unit 0 1 "t-child: FAILED: no plan: CHECK_PLAN(N) in main, before the first check"
	unit 2 1 "t-child: FAILED: planned 3 checks, made 2"
	unit 3 1 "t-child: FAILED: CHECK_PLAN must be given once, before the first check, with N > 0"
	unit 4 1 "t-child: FAILED: CHECK_PLAN must be given once, before the first check, with N > 0"
else
	echo "$TEST_NAME: NOTE: no cc: check.h's plan is not checked" >&2
fi
finish
