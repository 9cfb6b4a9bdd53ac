#!/bin/sh
# province-load at scale: N decided cases (default 1,000,000) of one
# agency, exported in bundles of 100,000 cases, loaded into a throwaway
# PostgreSQL cluster; the rate (cases a second) printed beside a bare
# COPY of the same rows into a table of the same shape (the reference,
# as a ratio).  Runs as root (initdb runs as the postgres user).
# Usage: province.sh [BUILD-DIR] [N]   (BENCH_SCALE=small: N = 10000)
set -eu

build=$(cd "${1:-build}" && pwd)
if [ "${BENCH_SCALE:-full}" = small ]; then n=${2:-10000}; else n=${2:-1000000}; fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/initdb" ] || { echo "province.sh: no PostgreSQL server" >&2; exit 1; }
cmake --build "$build" --target mkdecided >/dev/null
PATH=$build:$PATH
w=$(mktemp -d "${TMPDIR:-/tmp}/zhifa-bench-province.XXXXXX")
chmod 755 "$w"
mkdir "$w/pg" && chown postgres "$w/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$w/pg/data" -A trust -U postgres \
    >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$w/pg/data" -w -l "$w/pg/log" \
    -o "-k $w/pg -c listen_addresses=''" start >/dev/null
trap 'runuser -u postgres -- "$pgbin/pg_ctl" -D "$w/pg/data" -m fast stop \
    >/dev/null 2>&1; rm -rf "$w"' EXIT
runuser -u postgres -- "$pgbin/createdb" -h "$w/pg" zhifa
DB="host=$w/pg dbname=zhifa user=postgres"
export HOME="$w/home" ZHIFA_ACTOR=liuyang ZHIFA_ARCHIVE="$w/ar"
mkdir -p "$HOME"
unset ZHIFA_NOW ZHIFA_KEY XDG_CONFIG_HOME

now() { date +%s.%N; }
fmt() { awk "BEGIN{printf \"%.1f\", $1}"; }

echo "== province-load of $n cases"
archive-init "$ZHIFA_ARCHIVE" >/dev/null 2>&1
t0=$(now)
mkdecided "$n" >/dev/null
t1=$(now)
echo "filling: $(fmt "$t1 - $t0") s"
case-list -q >"$w/ids"
split -l 100000 "$w/ids" "$w/part."
t0=$(now)
for p in "$w"/part.*; do
	case-export - --as chengang --to 省住房和城乡建设厅 \
	    --out "$p.tar.gz" <"$p" >/dev/null
done
t1=$(now)
echo "exporting: $(fmt "$t1 - $t0") s"
python3 -c "import json,tarfile,sys
t = tarfile.open(sys.argv[1])
print(json.load(t.extractfile('data/exchange.json'))['agency']['vkey'])" \
    "$(ls "$w"/part.*.tar.gz | head -n 1)" >"$w/keys"
t0=$(now)
province-load -q --max-entries 2000000 --db "$DB" --trust "$w/keys" \
    "$w"/part.*.tar.gz
t1=$(now)
t_load=$(awk "BEGIN{print $t1 - $t0}")
loaded=$("$pgbin/psql" -X -At "$DB" -c 'SELECT count(*) FROM zhifa_cases')
# The reference: the same rows, out and back in by a bare COPY.
"$pgbin/psql" -X -q "$DB" -c "\\copy zhifa_cases TO '$w/rows.tsv'"
"$pgbin/psql" -X -q "$DB" -c 'CREATE TABLE bare (LIKE zhifa_cases
    INCLUDING ALL)'
t0=$(now)
"$pgbin/psql" -X -q "$DB" -c "\\copy bare FROM '$w/rows.tsv'"
t1=$(now)
t_copy=$(awk "BEGIN{print $t1 - $t0}")
echo "province-load: $loaded cases in $(fmt "$t_load") s," \
    "$(awk "BEGIN{printf \"%.0f\", $loaded / $t_load}") cases/s"
echo "bare COPY:     $loaded rows in $(fmt "$t_copy") s," \
    "$(awk "BEGIN{printf \"%.0f\", $loaded / $t_copy}") rows/s"
echo "ratio province-load / bare COPY: $(awk "BEGIN{printf \"%.1f\", $t_load / $t_copy}")"
