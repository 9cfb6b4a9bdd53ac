#!/bin/sh
# case-stats at scale: N decided cases (default 100000) counted by kind,
# month, officer and stage, each timed beside the bare SQL scan of the
# same tables by the sqlite3 shell (the reference, as a ratio).
# Usage: stats.sh [BUILD-DIR] [N]   (BENCH_SCALE=small: N = 10000)
set -eu

build=$(cd "${1:-build}" && pwd)
if [ "${BENCH_SCALE:-full}" = small ]; then n=${2:-10000}; else n=${2:-100000}; fi
cmake --build "$build" --target mkdecided >/dev/null
PATH=$build:$PATH
w=$(mktemp -d "${TMPDIR:-/tmp}/zhifa-bench-stats.XXXXXX")
trap 'rm -rf "$w"' EXIT
export HOME="$w/home" ZHIFA_ACTOR=liuyang ZHIFA_ARCHIVE="$w/ar"
mkdir -p "$HOME"
unset ZHIFA_NOW ZHIFA_KEY XDG_CONFIG_HOME

now() { date +%s.%N; }
fmt() { awk "BEGIN{printf \"%.3f\", $1}"; }
ratio() { awk "BEGIN{printf \"%.2f\", ($1) / ($2)}"; }
secs() {
	t0=$(now)
	"$@" >/dev/null
	t1=$(now)
	awk "BEGIN{print $t1 - $t0}"
}

archive-init "$ZHIFA_ARCHIVE" >/dev/null 2>&1
echo "== case-stats over $n decided cases"
mkdecided "$n" >/dev/null
sums="count(*), count(c.decision_seq), sum(coalesce(c.fine_fen, 0) > 0), \
coalesce(sum(c.fine_fen), 0), sum(c.major)"
for by in kind month officer stage; do
	case $by in
	kind) sql="SELECT c.kind, $sums FROM cases c GROUP BY c.kind" ;;
	month) sql="SELECT substr(c.filed, 1, 7), $sums FROM cases c GROUP BY 1" ;;
	officer) sql="SELECT o.person, $sums FROM cases c JOIN case_officers o
	    ON o.case_id = c.id GROUP BY o.person" ;;
	stage) sql="SELECT c.stage, $sums FROM cases c GROUP BY c.stage" ;;
	esac
	t_ref=$(secs sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "$sql")
	t=$(secs case-stats -o json --by "$by")
	echo "--by $by: case-stats $(fmt "$t") s, sqlite3 $(fmt "$t_ref") s," \
	    "ratio $(ratio "$t" "$t_ref")"
done
