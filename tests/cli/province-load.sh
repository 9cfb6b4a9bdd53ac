#!/bin/sh
# province-load on a real PostgreSQL server, a throwaway cluster in the
# test's folder on a Unix socket only: the exchange bundles of three
# agencies loaded; one loaded twice is skipped; a later bundle of the
# same agency, after a revocation, replaces its cases: nothing doubles,
# the revocation shows, and the provincial views agree with each
# agency's case-stats.  An untrusted bundle is refused and loads nothing.
. "$(dirname "$0")/lib.sh"

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ] || ! id postgres >/dev/null 2>&1
then
	printf 'province-load: FAILED: no PostgreSQL server (apt postgresql-15); %s\n' \
	    "run 'sh scripts/dev.sh test' once, or install it" >&2
	exit 1
fi
plan 14

# The cluster: initdb refuses root, so the postgres user runs it.
chmod 755 "$T"
mkdir "$T/pg"
chown postgres "$T/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$T/pg/data" -A trust -U postgres \
    >"$T/pg.log" 2>&1 || { cat "$T/pg.log" >&2; exit 1; }
runuser -u postgres -- "$pgbin/pg_ctl" -D "$T/pg/data" -w -l "$T/pg/server.log" \
    -o "-k $T/pg -c listen_addresses=''" start >>"$T/pg.log" 2>&1 ||
    { cat "$T/pg.log" "$T/pg/server.log" >&2; exit 1; }
pg_stop() {
	runuser -u postgres -- "$pgbin/pg_ctl" -D "$T/pg/data" -m immediate \
	    stop >/dev/null 2>&1
}
trap 'pg_stop; at_exit $?' EXIT
runuser -u postgres -- "$pgbin/createdb" -h "$T/pg" zhifa || exit 1
DB="host=$T/pg dbname=zhifa user=postgres"
sql() {
	"$pgbin/psql" -X -At -F '|' "$DB" -c "$1"
}

# Three agencies, each its own archive, name, code and key.
python3 - >"$T/codes" <<'PY'
C = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
for i in range(3):
    body = "11330%03d MB000000".replace(" ", "") % (100 + i)
    body = body[:17]
    s = sum(C.index(ch) * w for ch, w in zip(body, W))
    print(body + C[(31 - s % 31) % 31])
PY
printf '决定书\n' >"$T/d.txt"
: >"$T/keys"
i=0
for code in $(cat "$T/codes"); do
	i=$((i + 1))
	sed -e "s/^  code: 11330000MB0000000H/  code: $code/" \
	    -e "s/^  name: 示例县住房和城乡建设局/  name: 第${i}县住房和城乡建设局/" \
	    -e '/^  approvers:/d' "$ZHIFA_SRC/data/sample-zhifa.yaml" >"$T/a$i.yaml"
	ZHIFA_ARCHIVE=$T/a$i
	export ZHIFA_ARCHIVE
	at 2026-11-02
	new_archive --config "$T/a$i.yaml"
	n=0
	while [ "$n" -lt $((i + 1)) ]; do
		n=$((n + 1))
		c=$(new_case "乙公司$n") || exit 1
		case-step "$c" notify >/dev/null 2>&1
		case-step "$c" waive >/dev/null 2>&1
		[ "$n" -eq 1 ] && continue
		decision-issue "$c" --as chengang --outcome 罚款 --fine $((n * 1000)) \
		    --doc "$T/d.txt" >/dev/null 2>&1 || exit 1
	done
	case-list -q | case-export - --as chengang --to 省住房和城乡建设厅 \
	    --out "$T/b$i.tar.gz" >/dev/null 2>&1 || exit 1
	python3 -c "import json,tarfile,sys
t = tarfile.open(sys.argv[1])
print(json.load(t.extractfile('data/exchange.json'))['agency']['vkey'])" \
	    "$T/b$i.tar.gz" >>"$T/keys"
done

# All three, then the first again.
expect_exit 0 province-load "$T/b1.tar.gz" "$T/b2.tar.gz" "$T/b3.tar.gz" \
    --db "$DB" --trust "$T/keys"
expect_in "$T/out" "b3.tar.gz	loaded	4 cases"
expect_exit 0 province-load "$T/b1.tar.gz" --db "$DB" --trust "$T/keys"
expect_in "$T/out" "b1.tar.gz	skipped"
expect_equal "$(sql 'SELECT count(*) FROM zhifa_cases')" 9 \
    "2 + 3 + 4 cases, once each"

# The first agency revokes its decision and sends a later bundle.
ZHIFA_ARCHIVE=$T/a1
at 2026-11-10
dc=$(case-list -o json | python3 -c "import json,sys
print([c['id'] for c in json.load(sys.stdin) if c['decision_number']][0])")
decision-revoke "$dc" --as chengang --kind revoked --reason 复议决定撤销 \
    >/dev/null 2>&1 || exit 1
case-list -q | case-export - --as chengang --to 省住房和城乡建设厅 \
    --out "$T/b1-later.tar.gz" >/dev/null 2>&1 || exit 1
expect_exit 0 province-load "$T/b1-later.tar.gz" --db "$DB" --trust "$T/keys"
expect_equal "$(sql 'SELECT count(*) FROM zhifa_cases')" 9 "nothing doubled"
expect_equal "$(sql "SELECT revoked FROM zhifa_cases WHERE case_id = '$dc' \
    AND agency = '第1县住房和城乡建设局'")" t "the revocation shows"
# The earlier bundle loaded once more changes nothing (loaded before).
expect_exit 0 province-load "$T/b1.tar.gz" --db "$DB" --trust "$T/keys"

# The views agree with each agency's case-stats.
for i in 1 2 3; do
	ZHIFA_ARCHIVE=$T/a$i case-stats -o json --by kind >"$T/stats$i.json"
done
sql "SELECT agency, kind, sum(cases), sum(decided), sum(fine_fen) FROM
    zhifa_cases_by_month GROUP BY agency, kind ORDER BY agency" >"$T/views"
check_json "the province's views are each agency's case-stats" "$T/stats1.json" \
    "$T/stats2.json" "$T/stats3.json" "$T/views" <<'PY'
views = {}
stats = [j, json.load(open(arg[0])), json.load(open(arg[1]))]
for line in open(arg[2]).read().split("\n"):
    if line:
        agency, kind, cases, decided, fine = line.split("|")
        views[(agency, kind)] = (int(cases), int(decided), int(fine))
for i in range(3):
    for r in stats[i]:
        if r["key"] == "all":
            continue
        got = views[("第%d县住房和城乡建设局" % (i + 1), r["key"])]
        assert got == (r["cases"], r["decided"], r["fine_fen"]), (i, r, got)
PY
expect_equal "$(sql 'SELECT sum(decided), sum(major) FROM zhifa_review_rates')" \
    "6|0" "review rates: six decisions, the revoked one too, none major"

# A bundle signed by a key not trusted loads nothing.
head -n 2 "$T/keys" >"$T/two"
expect_exit 77 province-load "$T/b3.tar.gz" --db "$DB" --trust "$T/two"
expect_in "$T/err" "signed by a key not trusted"
expect_equal "$(sql 'SELECT count(*) FROM zhifa_bundles')" 4 \
    "four bundles loaded: three agencies and a later one"
finish
