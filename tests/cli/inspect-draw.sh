#!/bin/sh
# inspect-draw: the 双随机 draw.  A commitment before the randomness
# exists; the draw takes it and files an inspection case per target,
# each with two qualified officers without a conflict; the published
# record is computed again, on another machine and by an implementation
# in Python of the man page's algorithm; each refusal leaves the archive
# as it was: no commitment, a randomness known already, a directory or
# officers changed, a second draw, a tampered directory or record.
. "$(dirname "$0")/lib.sh"
plan 62

# A directory of twelve targets (检查对象名录库): the fields of the sample
# officers in turn, the fourth of each four an 个体工商户.
python3 - >"$T/targets.csv" <<'PY'
C = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def uscc(prefix, n):
    body = prefix + "330327" + "%09d" % n
    s = sum(C.index(ch) * w for ch, w in zip(body, W))
    return body + C[(31 - s % 31) % 31]
fields = ["建筑市场", "城乡规划", "消防"]
print("名称,统一社会信用代码,地址,领域,抽查事项")
for i in range(12):
    pre = "92" if i % 4 == 3 else "91"
    print("示例建设%d,%s,示例县人民路%d号,%s,建筑施工企业安全生产许可条件检查"
          % (i, uscc(pre, 1000 + i), i, fields[i % 3]))
PY
LOTTERY="中国福利彩票双色球第2026140期（2026-12-03 开奖）开奖号码"

at 2026-12-01
new_archive
export ZHIFA_ACTOR=liuyang

# Refused, and nothing written: randomness known already, or naming no
# date; more targets than the directory; one inspector; an officer
# drawing; a target no two officers may inspect.
mark
expect_refused 65 "after today" inspect-draw --commit --targets "$T/targets.csv" \
    --count 3 --randomness "双色球 2026-11-30 开奖号码"
expect_refused 65 "after today" inspect-draw --commit --targets "$T/targets.csv" \
    --count 3 --randomness 下一期双色球开奖号码
expect_refused 65 "fewer than the 13 to draw" inspect-draw --commit \
    --targets "$T/targets.csv" --count 13 --randomness "$LOTTERY"
expect_refused 64 "" inspect-draw --commit --targets "$T/targets.csv" \
    --count 3 --inspectors 1 --randomness "$LOTTERY"
expect_refused 77 "the 双随机 draw is for a clerk" inspect-draw --as zhangwei \
    --commit --targets "$T/targets.csv" --count 3 --randomness "$LOTTERY"
# 物业管理: only 王强 holds it.
python3 - "$T/targets.csv" >"$T/lonely.csv" <<'PY'
import sys
C = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
body = "91330327000009999"
code = body + C[(31 - sum(C.index(c) * w for c, w in zip(body, W)) % 31) % 31]
sys.stdout.write(open(sys.argv[1]).read() + "示例物业,%s,示例县,物业管理,\n" % code)
PY
expect_refused 77 "fewer than 2" inspect-draw --commit --targets "$T/lonely.csv" \
    --count 3 --randomness "$LOTTERY"

# The commitment.
expect_exit 0 inspect-draw --commit --targets "$T/targets.csv" --count 4 \
    --inspectors 2 --randomness "$LOTTERY" --out "$T/commitment.json"
seq=$(cut -f 1 "$T/out")
hash=$(cut -f 2 "$T/out")
check_json "the commitment names the directory, the officers and the randomness" \
    "$T/commitment.json" "$hash" "$T/out" <<'PY'
import hashlib
c = j["commitment"]
assert j["sha256"] == arg[0], j
assert c["count"] == 4 and c["inspectors"] == 2 and c["available"] == "2026-12-03"
assert c["targets"]["count"] == 12 and c["targets"]["name"] == "targets.csv"
assert [o["id"] for o in c["officers"]] == ["lina", "wangqiang", "zhangwei"], c
canon = json.dumps(c, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
assert hashlib.sha256(canon.encode()).hexdigest() == arg[0]
assert c["seq"] == int(open(arg[1]).read().split()[0])
PY

# No draw before the commitment is public, nor before the randomness
# exists, nor of what is no commitment.
at 2026-12-03
mark
expect_refused 77 "was not published before its randomness became known" \
    inspect-draw --draw "$seq" --value "01 05 12 19 27 33 + 08"
at 2026-12-02
expect_exit 0 publish-export --out "$T/site-before"
check_json "the commitment is on the site before the draw" "$T/commitment.json" \
    "$T/site-before/data" <<'PY'
page = open(arg[0] + "/draws.html").read()
assert j["sha256"] in page and "待抽取" in page, "commitment not listed"
PY
mark
expect_refused 77 "is not known before 2026-12-03" inspect-draw --draw "$seq" \
    --targets "$T/targets.csv" --value "01 05 12 19 27 33 + 08"
at 2026-12-03
expect_refused 77 "no commitment of a draw" inspect-draw --draw 1 \
    --targets "$T/targets.csv" --value "01 05 12 19 27 33 + 08"
# A directory changed after the commitment: one target's name.  (Its
# addresses are no part of the draw.)
sed 's/示例建设5,/示例建设五,/' "$T/targets.csv" >"$T/changed.csv"
expect_refused 77 "changed after commitment $seq" inspect-draw --draw "$seq" \
    --targets "$T/changed.csv" --value "01 05 12 19 27 33 + 08"

# The draw, from the directory the commitment stored: four inspection
# cases, two inspectors each.
expect_exit 0 inspect-draw --draw "$seq" \
    --value "01 05 12 19 27 33 + 08" --out "$T/draw.json" -o json
check_json "four targets, each with two qualified inspectors, filed as cases" \
    "$T/draw.json" <<'PY'
fields = {"zhangwei": {"城乡规划", "建筑市场", "消防"},
          "lina": {"建筑市场", "房地产市场"},
          "wangqiang": {"城乡规划", "物业管理", "消防"}}
r = j["result"]
assert len(r) == 4 and len({x["code"] for x in r}) == 4, r
for x in r:
    assert len(x["inspectors"]) == 2 and len(set(x["inspectors"])) == 2, x
    assert all(x["field"] in fields[i] for i in x["inspectors"]), x
    assert x["case"].startswith("C2026-"), x
PY
expect_exit 0 case-list -o json --kind inspection
check_json "each case is the target's, with its inspectors" "$T/out" \
    "$T/draw.json" <<'PY'
record = json.load(open(arg[0]))
cases = {c["id"]: c for c in j}
assert len(cases) == 4, cases
for x in record["result"]:
    c = cases[x["case"]]
    assert c["party"]["name"] == x["name"] and c["party"]["id"] == x["code"]
    assert c["officers"] == x["inspectors"], (c, x)
    assert c["source"] == "双随机抽查" and c["field"] == x["field"], c
    assert c["party"]["kind"] == ("business" if x["code"][:2] == "92" else "org")
PY
mark
expect_refused 77 "was drawn already" inspect-draw --draw "$seq" \
    --targets "$T/targets.csv" --value "02 05 12 19 27 33 + 08"
expect_exit 0 archive-verify
expect_in "$T/err" "ok (0 errors"

# Anyone computes it again from the record and the directory: with no
# archive at all, and in Python from the man page.
mkdir "$T/elsewhere"
cp "$T/draw.json" "$T/targets.csv" "$T/elsewhere/"
expect_exit 0 env -u ZHIFA_ARCHIVE -u ZHIFA_ACTOR HOME="$T/elsewhere" \
    inspect-draw --verify --record "$T/elsewhere/draw.json" \
    --targets "$T/elsewhere/targets.csv"
expect_in "$T/out" "ok: the draw is the one"
expect_exit 0 python3 "$ZHIFA_SRC/tests/cli/draw.py" "$T/draw.json" \
    "$T/targets.csv"
check_json "the Python implementation draws the same" "$T/out" \
    "$T/draw.json" <<'PY'
record = json.load(open(arg[0]))
mine = [{k: x[k] for k in ("target", "name", "code", "field", "inspectors")}
        for x in record["result"]]
assert j == mine, (j, mine)
PY
# A tampered directory, a result changed, another value.
expect_fail 65 "not the one committed to" inspect-draw --verify \
    --record "$T/draw.json" --targets "$T/changed.csv"
# The value's spelling does not matter: only its letters and digits.
sed 's/"01 05 12 19 27 33 + 08"/"01 05 12 19 27 33 ＋ 08 "/' "$T/draw.json" \
    >"$T/respelled.json"
expect_exit 0 inspect-draw --verify --record "$T/respelled.json" \
    --targets "$T/targets.csv"
python3 - "$T/draw.json" "$T/forged.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["result"][0]["inspectors"].reverse()
json.dump(r, open(sys.argv[2], "w"), ensure_ascii=False)
PY
expect_exit 1 inspect-draw --verify --record "$T/forged.json" \
    --targets "$T/targets.csv"
expect_in "$T/out" "DIFFERENT: draw 1"
sed 's/"01 05 12 19 27 33 + 08"/"01 05 12 19 27 34 + 08"/' "$T/draw.json" \
    >"$T/other.json"
expect_exit 1 inspect-draw --verify --record "$T/other.json" \
    --targets "$T/targets.csv"
sed 's/"count": 4,/"count": 5,/' "$T/draw.json" >"$T/bent.json"
expect_fail 65 "it was changed" inspect-draw --verify --record "$T/bent.json" \
    --targets "$T/targets.csv"

# Published (双随机、一公开): the next export puts the draw on the site,
# with its record and directory, from which it is computed again.
expect_exit 0 publish-export --out "$T/site"
check_json "the site lists the draw's targets and inspectors" "$T/draw.json" \
    "$T/site/data" <<'PY'
import glob, os
page = open(arg[0] + "/draws.html").read()
assert 'href="draws.html"' in open(arg[0] + "/standing.html").read()
for x in j["result"]:
    assert x["name"] in page and x["code"] in page, x
assert "李娜" in page or "张伟" in page or "王强" in page
assert os.path.exists(arg[0] + "/elder/draws.html")
assert len(glob.glob(arg[0] + "/draws/D*.json")) == 1
directory = open(glob.glob(arg[0] + "/draws/C*-targets.json")[0]).read()
assert "人民路" not in directory, "addresses are no part of the draw"
PY
expect_exit 0 inspect-draw --verify --record "$(ls "$T"/site/data/draws/D*.json)" \
    --targets "$(ls "$T"/site/data/draws/C*-targets.json)"
expect_exit 0 python3 "$ZHIFA_SRC/tests/cli/draw.py" \
    "$(ls "$T"/site/data/draws/D*.json)" \
    "$(ls "$T"/site/data/draws/C*-targets.json)"

# A second commitment, and the officers qualified change before its
# draw: a new field for 李娜 in zhifa.yaml.
expect_exit 0 inspect-draw --commit --targets "$T/targets.csv" --count 2 \
    --randomness "双色球 2026-12-08 开奖号码"
seq2=$(cut -f 1 "$T/out")
publish-export --out "$T/site2" >/dev/null 2>&1 || exit 1
sed -i 's/    fields: \[建筑市场, 房地产市场\]/    fields: [建筑市场, 房地产市场, 消防]/' \
    "$ZHIFA_ARCHIVE/zhifa.yaml"
ZHIFA_ACTOR=chengang apply_config
at 2026-12-08
mark
expect_refused 77 "the officers qualified changed after commitment $seq2" \
    inspect-draw --draw "$seq2" --targets "$T/targets.csv" --value 7
finish
