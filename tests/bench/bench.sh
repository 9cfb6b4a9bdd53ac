#!/bin/sh
# zhifa's benchmarks.  Each figure is printed beside a reference measured
# in the same run on the same files, as a ratio, so that results compare
# across machines.  Usage: bench.sh [BUILD-DIR]  (default: build)
# BENCH_SCALE=small shrinks every size tenfold for a quick look.
set -eu

bin=$(cd "${1:-build}" && pwd)
PATH=$bin:$PATH
w=$(mktemp -d "${TMPDIR:-/tmp}/zhifa-bench.XXXXXX")
trap 'rm -rf "$w"' EXIT
export HOME="$w/home" ZHIFA_ARCHIVE="$w/ar" ZHIFA_ACTOR=zhangwei
mkdir -p "$HOME"
unset ZHIFA_NOW ZHIFA_KEY XDG_CONFIG_HOME

if [ "${BENCH_SCALE:-full}" = small ]; then
	mib=100 big=400 ncases=10000 ninvoke=50
else
	mib=1024 big=4096 ncases=100000 ninvoke=200
fi

now() { date +%s.%N; }
# secs COMMAND...: wall seconds of one run (output discarded).
secs() {
	t0=$(now)
	"$@" >/dev/null 2>&1 || true
	t1=$(now)
	echo "$t1 - $t0" | bc -l 2>/dev/null || awk "BEGIN{print $t1 - $t0}"
}
ratio() { awk "BEGIN{printf \"%.2f\", ($1) / ($2)}"; }
fmt() { awk "BEGIN{printf \"%.3f\", $1}"; }
peak_kib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

# median.py N: defines median(cmd), the median wall time of N runs of cmd,
# without the shell's own overhead in it; the script follows on stdin.
cat >"$w/median.py" <<'PY'
import statistics, subprocess, sys, time
n = int(sys.argv[1])
def median(cmd):
    ts = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)
PY
median() { python3 -c "import sys; exec(open('$w/median.py').read() + sys.stdin.read())" "$@"; }

archive-init "$ZHIFA_ARCHIVE" >/dev/null 2>&1
id=$(case-new -t penalty --party 某公司 --cause 基准 --officer zhangwei \
    --officer lina)

echo "== evidence-add of a ${mib} MiB file (warm page cache)"
head -c $((mib << 20)) /dev/urandom >"$w/file"
sync; cat "$w/file" >/dev/null
t_sha=$(secs sha256sum "$w/file")
t_ossl=$(secs openssl dgst -sha256 "$w/file")
t_cp=$(secs cp "$w/file" "$w/copy")
rm -f "$w/copy"; sync
t_cpsync=$(secs sh -c "cp '$w/file' '$w/copy' && sync '$w/copy'")
rm -f "$w/copy"; sync
t_add=$(secs evidence-add "$id" "$w/file")
echo "sha256sum           $(fmt "$t_sha") s"
echo "openssl dgst        $(fmt "$t_ossl") s"
echo "cp                  $(fmt "$t_cp") s"
echo "cp + sync           $(fmt "$t_cpsync") s"
echo "evidence-add        $(fmt "$t_add") s (reads, hashes, writes, fsyncs)"
echo "ratio evidence-add / (sha256sum + cp)        $(ratio "$t_add" "$t_sha + $t_cp")  (goal < 1)"
echo "ratio evidence-add / (openssl dgst + cp+sync) $(ratio "$t_add" "$t_ossl + $t_cpsync")"
echo "ratio evidence-add / cp+sync                  $(ratio "$t_add" "$t_cpsync")"

echo
echo "== evidence-add peak memory, by file size (sparse inputs)"
for size in 64 $big; do
	truncate -s "${size}M" "$w/sparse$size"
	kib=$(peak_kib evidence-add "$id" "$w/sparse$size")
	echo "${size} MiB: peak RSS $((kib / 1024)) MiB (goal < 32 MiB, flat)"
done
want=$(sha256sum "$w/sparse$big" | cut -d' ' -f1)
got=$(case-show -o json "$id" | grep -c "$want" || true)
echo "${big} MiB object hash equals sha256sum's: $([ "$got" -ge 1 ] && echo yes || echo NO)"
rm -f "$w"/sparse*

echo
echo "== case-new, one process per case (${ninvoke} runs, median)"
# Per-run wall times without the shell's own overhead in them.
median "$ninvoke" <<'PY'
t_true = median(["/bin/true"])
t_new = median(["case-new", "-t", "penalty", "--party", "某公司", "--cause",
    "基准", "--officer", "zhangwei", "--officer", "lina"])
t_show = median(["case-show", "C2026-0001"])
print("/bin/true           %.2f ms" % (t_true * 1000))
print("case-show           %.2f ms (a reader: no fsync)" % (t_show * 1000))
print("case-new            %.2f ms (goal < 10 ms, with fsync)" % (t_new * 1000))
print("ratio case-new / true  %.2f" % (t_new / t_true))
PY

echo
echo "== case-new --batch of ${ncases} cases"
awk -v n="$ncases" 'BEGIN{print "kind\tparty\tcause\tofficer";
    for (i = 0; i < n; i++) printf "penalty\t当事人%d\t违法施工\tzhangwei,lina\n", i}' \
    >"$w/batch.tsv"
t_batch=$(secs case-new --batch "$w/batch.tsv" --as liuyang)
sqlite3 "$w/ref.db" "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
    CREATE TABLE t (a, b, c, d);" >/dev/null
awk -v n="$ncases" 'BEGIN{print "BEGIN;";
    for (i = 0; i < n; i++) printf "INSERT INTO t VALUES (%d, \"当事人%d\", \"违法施工\", \"zhangwei,lina\");\n", i, i;
    print "COMMIT;"}' >"$w/ref.sql"
t_ref=$(secs sqlite3 "$w/ref.db" ".read $w/ref.sql")
echo "sqlite3 bare insert $(fmt "$t_ref") s"
echo "case-new --batch    $(fmt "$t_batch") s (goal < 20 s for 100000)"
echo "ratio batch / bare insert  $(ratio "$t_batch" "$t_ref")"

median "$ninvoke" <<'PY'
t_true = median(["/bin/true"])
t_show = median(["case-show", "C2026-0500"])
print("case-show of one case among them  %.2f ms (ratio to /bin/true %.2f)"
      % (t_show * 1000, t_show / t_true))
PY

echo
n_events=$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "SELECT count(*) FROM journal")
echo "== archive-verify --quick of ${n_events} events"
t_count=$(secs sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "SELECT count(*), sum(length(body)) FROM journal")
t_ver=$(secs archive-verify --quick)
kib=$(peak_kib archive-verify --quick)
echo "sqlite3 scan        $(fmt "$t_count") s"
echo "archive-verify      $(fmt "$t_ver") s (goal < 5 s for 100000), peak RSS $((kib / 1024)) MiB"
echo "ratio verify / scan  $(ratio "$t_ver" "$t_count")"

echo
if [ "${BENCH_SCALE:-full}" = small ]; then ndl=100000; else ndl=1000000; fi
echo "== deadline-check over ${ndl} open deadlines"
export ZHIFA_ARCHIVE="$w/dl"
archive-init "$ZHIFA_ARCHIVE" >/dev/null 2>&1
# Filed over the last 94 days: each decision is due 90 days after filing,
# so a few are overdue, a few due within 3 working days, most later.
today=$(date +%s)
awk -v n="$ndl" -v t="$today" 'BEGIN{print "kind\tparty\tcause\tofficer\tfiled";
    for (i = 0; i < n; i++) {
        d = strftime("%Y-%m-%d", t - 86400 * (i % 95), 0);
        printf "penalty\t当事人%d\t违法施工\tzhangwei,lina\t%s\n", i, d } }' \
    >"$w/dl.tsv"
t_fill=$(secs case-new --batch "$w/dl.tsv" --as liuyang)
rm -f "$w/dl.tsv"
open=$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "SELECT count(*) FROM deadlines WHERE state = 'open'")
until=$(date -d "+5 days" +%Y-%m-%d)
t_sql=$(secs sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "SELECT d.case_id, d.what, d.due, \
    d.basis FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE d.state = 'open' \
    AND d.due <= '$until' ORDER BY d.due, d.case_id")
t_check=$(secs deadline-check)
rows=$(deadline-check -q 2>/dev/null | wc -l)
kib=$(peak_kib deadline-check)
echo "filled by case-new --batch in $(fmt "$t_fill") s; $open open deadlines"
echo "bare SQL query      $(fmt "$t_sql") s"
echo "deadline-check      $(fmt "$t_check") s, ${rows} rows, peak RSS $((kib / 1024)) MiB (goal < 1 s, < 64 MiB)"
echo "ratio deadline-check / bare SQL  $(ratio "$t_check" "$t_sql")"

echo
sh "$(dirname "$0")/publish.sh" "$bin"
echo
sh "$(dirname "$0")/verify-leaves.sh" "$bin"
echo
sh "$(dirname "$0")/stats.sh" "$bin"
echo
sh "$(dirname "$0")/province.sh" "$bin"
