#!/bin/sh
# case-stats and case-audit at scale: N decided cases (default 100000)
# counted by each grouping, and audited (案卷评查) whole and --quick, each
# timed beside the bare SQL scan of the same tables by the sqlite3 shell
# (the reference, as a ratio).  A ratio above 1 is the programs' own
# cost: for case-audit, decoding every event of every case, checking
# each one's hash and signature and the rules.
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
	"$@" >/dev/null || [ $? -eq 1 ]
	t1=$(now)
	awk "BEGIN{print $t1 - $t0}"
}

archive-init "$ZHIFA_ARCHIVE" >/dev/null 2>&1
echo "== case-stats and case-audit over $n decided cases"
t=$(secs mkdecided "$n")
echo "filling: $n cases in $(fmt "$t") s"
db=$ZHIFA_ARCHIVE/zhifa.db
today=$(date +%F)
# The lateness of each case, as case-stats counts it (lib/cases/stats.c).
late="WITH lat AS (SELECT d.case_id, max(CASE WHEN d.state = 'done' THEN
julianday(substr(coalesce(s.at, j.time), 1, 10)) - julianday(d.due) WHEN
d.state = 'open' THEN julianday('$today') - julianday(d.due) ELSE 0 END) AS
days FROM deadlines d LEFT JOIN steps s ON s.seq = d.closed_seq LEFT JOIN
journal j ON j.seq = d.closed_seq WHERE d.party = 0 GROUP BY d.case_id)"
sums="count(*), count(c.decision_seq), sum(coalesce(c.fine_fen, 0) > 0), \
coalesce(sum(c.fine_fen), 0), sum(c.major), sum(coalesce(l.days, 0) > 0)"
from="FROM cases c LEFT JOIN lat l ON l.case_id = c.id"
for by in kind month officer stage measure outcome review deadline; do
	case $by in
	kind) sql="$late SELECT c.kind, $sums $from GROUP BY c.kind" ;;
	month) sql="$late SELECT substr(c.filed, 1, 7), $sums $from GROUP BY 1" ;;
	officer) sql="$late SELECT o.person, $sums $from JOIN case_officers o
	    ON o.case_id = c.id GROUP BY o.person" ;;
	stage) sql="$late SELECT c.stage, $sums $from GROUP BY c.stage" ;;
	measure) sql="$late SELECT m.value, $sums $from JOIN decisions d ON
	    d.seq = c.decision_seq JOIN json_each(d.measures) m GROUP BY 1" ;;
	outcome) sql="$late SELECT c.decision_seq IS NULL, c.fine_fen > 0,
	    c.stage, $sums $from GROUP BY 1, 2, 3" ;;
	review) sql="$late SELECT c.review_status, $sums $from GROUP BY 1" ;;
	deadline) sql="$late SELECT min(coalesce(l.days, 0), 1), $sums $from
	    GROUP BY 1" ;;
	esac
	t_ref=$(secs sqlite3 "$db" "$sql")
	t=$(secs case-stats -o json --by "$by")
	echo "case-stats --by $by: $(fmt "$t") s, sqlite3 $(fmt "$t_ref") s," \
	    "ratio $(ratio "$t" "$t_ref")"
done

# case-audit reads, for each case, its events, deadlines, evidence,
# reviews and reads: the reference scans those tables once, joined to
# the cases.
ref="SELECT count(*), sum(length(j.body)), sum(length(j.sigs)) FROM cases c
JOIN journal j ON j.case_id = c.id;
SELECT count(*), sum(julianday(due)) FROM deadlines WHERE party = 0;
SELECT count(*), sum(length(digest)) FROM evidence;
SELECT count(*) FROM reviews; SELECT count(*) FROM reads;"
t_ref=$(secs sqlite3 "$db" "$ref")
for q in "" --quick; do
	t0=$(now)
	case-audit --all -o json $q >"$w/audit.json" || [ $? -eq 1 ]
	t1=$(now)
	t=$(awk "BEGIN{print $t1 - $t0}")
	audited=$(grep -c '"case":' "$w/audit.json")
	echo "case-audit --all${q:+ $q}: $audited cases in $(fmt "$t") s," \
	    "sqlite3 $(fmt "$t_ref") s, ratio $(ratio "$t" "$t_ref")"
done
if [ -x /usr/bin/time ]; then
	rss=$( { /usr/bin/time -f '%M' case-audit --all -q >/dev/null; } 2>&1 |
	    tail -n 1) || true
	echo "case-audit --all: peak memory ${rss} KiB"
fi
