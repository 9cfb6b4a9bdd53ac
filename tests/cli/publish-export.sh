#!/bin/sh
# publish-export and publish-withdraw: decisions of all five kinds
# published in each bundle format, the manifests checked by sha256sum,
# redaction per audience and the final scan, withdrawal, correction and
# expiry, the deadlines they meet, and every refusal leaving the archive
# as it was.
. "$(dirname "$0")/lib.sh"
plan 184

export ZHIFA_ACTOR=zhangwei
at 2026-11-02
new_archive_without_review
printf '决定书\n' >"$T/d.txt"

ID=11010519491231002X		# a citizen ID number with a right check digit
PHONE=13812345678
ROOM=人民路18号3幢201室

# Five cases, one of each kind.
pen=$(case-new -t penalty --party 张三 --party-kind person --party-id "$ID" \
    --party-phone "$PHONE" --party-address "浙江省示例县城关镇$ROOM" \
    --cause 未取得施工许可证擅自施工 --officer zhangwei --officer lina)
lic=$(case-new -t licensing --party 示例建设有限公司 --party-kind org \
    --party-id 91350100M000100Y43 --party-rep 王五 --cause 申请建筑工程施工许可 \
    --field 建筑市场 --officer zhangwei --officer lina)
com=$(case-new -t compulsion --party 李四 --party-kind business \
    --party-id 330327198001011238 --cause 违法建设逾期未拆除 \
    --officer zhangwei --officer lina)
ins=$(case-new -t inspection --party 示例物业服务有限公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 物业服务企业服务质量检查 \
    --officer zhangwei --officer lina)
both=$(case-new -t inspection --party 示例机械有限公司 --party-kind org \
    --party-id 913301189907103780 --cause 建筑起重机械检查 \
    --officer zhangwei --officer lina)
lev=$(case-new -t levy --party 示例房地产开发有限公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 城市基础设施配套费 \
    --officer zhangwei --officer lina)
case-step "$pen" notify >/dev/null
case-step "$com" urge >/dev/null
at 2026-11-18
decide() {
	case=$1
	shift
	decision-issue "$case" --as chengang --doc "$T/d.txt" "$@" >/dev/null ||
	    not_ok "decision of $case"
}
decide "$pen" --outcome 罚款五千元，责令改正 --fine 5000 --measure correct \
    --basis 《中华人民共和国建筑法》第六十四条 --violation 未取得施工许可证擅自施工 \
    --violated 《中华人民共和国建筑法》第七条第一款
decide "$lic" --outcome 准予建筑工程施工许可 --measure grant --basis 《中华人民共和国建筑法》第七条 \
    --licence-number 330327202611180101 --certificate 建筑工程施工许可证 \
    --valid-from 2026-11-18 --valid-to 2027-02-18 --licence-category 01
decide "$com" --outcome 强制拆除违法建筑 --measure forced-demolition \
    --basis 《中华人民共和国行政强制法》第四十四条
decide "$ins" --outcome 责令限期整改 --measure correct --basis 《物业管理条例》
decide "$lev" --outcome 征收城市基础设施配套费 --measure levy
decide "$both" --outcome 检查合格 --measure other

# The clocks: each decision is to be published, within 7 or 20 working days.
expect_exit 0 deadline-check --all -o json
expect_in "$T/out" '"rule": "publish-penalty-licensing"'
expect_in "$T/out" '"rule": "publish-other"'

# Refusals change nothing: an officer may not publish, the key must be at
# hand, the path must be new, the date may not be in the future.
at 2026-11-20
mark
expect_exit 77 publish-export --out "$T/no"
expect_in "$T/err" "clerk"
expect_exit 64 publish-export --as liuyang
expect_exit 64 publish-export --as liuyang --out "$T/no" --format rar
expect_exit 65 publish-export --as liuyang --out "$T/no" --as-of 2026-12-01
expect_exit 64 publish-export --as liuyang --out "$T/no" --audience press
mkdir "$T/keys"
mv "$HOME"/.config/zhifa/keys/*.pem "$T/keys/"
expect_exit 77 publish-export --as liuyang --out "$T/no"
expect_in "$T/err" "agency key"
mv "$T"/keys/*.pem "$HOME/.config/zhifa/keys/"
mkdir "$T/taken"
expect_exit 73 publish-export --as liuyang --out "$T/taken"
expect_exit 66 publish-export --as liuyang --out "$T/no" C2026-0999
expect_exit 0 publish-export --as liuyang --out "$T/no" --dry-run -o json \
    --audience sharing
expect_equal "$(cat "$T/out")" "[]" "a sharing export journals nothing"
expect_exit 0 publish-export --as liuyang --out "$T/no" --dry-run -o json
expect_in "$T/out" "\"case\": \"$pen\""
expect_in "$T/out" '"type": "publish"'
check "refusals and the dry run wrote no bundle" test ! -e "$T/no"
unchanged "refused exports and the dry run"

# Publish: one bundle as a folder; then the same state as tar.gz and zip.
expect_exit 0 publish-export --as liuyang --out "$T/b1" -o json
python3 - "$T/out" <<'PY' && ok || not_ok "the export's summary"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["entries"] == {"publish": 6, "correct": 0, "withdraw": 0,
                        "expire": 0}, r
assert r["current"] == 6 and r["log_size"] == 6, r
PY
expect_exit 0 deadline-check --all -o json
expect_not_in "$T/out" "publish-"
expect_exit 0 publish-export --as liuyang --out "$T/b2.tar.gz"
expect_in "$T/out" "published 0, corrected 0, withdrawn 0, expired 0"
expect_exit 0 publish-export --as liuyang --out "$T/b3.zip"
mkdir "$T/x2" "$T/x3"
bsdtar -xf "$T/b2.tar.gz" -C "$T/x2" || not_ok "bsdtar extracts the tar.gz"
(cd "$T/x3" && unzip -q "$T/b3.zip") || not_ok "unzip extracts the zip"
for bag in "$T/b1" "$T/x2" "$T/x3"; do
	check "sha256sum -c on $bag" sh -c "cd '$bag' &&
	    sha256sum -c --quiet manifest-sha256.txt tagmanifest-sha256.txt"
	for f in index.html standing.html records.json records-penalty.csv \
	    records-licensing.csv records-other.csv log/checkpoint \
	    log/agency.vkey log/entries.jsonl "decisions/$pen.html" \
	    "decisions/$lic.html" "decisions/$com.html" "decisions/$ins.html" \
	    "decisions/$lev.html" "elder/decisions/$pen.html"; do
		check "$bag has data/$f" test -s "$bag/data/$f"
	done
done
expect_equal "$(cat "$T/x2/data/records.json")" \
    "$(cat "$T/b1/data/records.json")" "tar.gz and folder hold the same records"

# The records: national 双公示 items for penalty and licensing, ZF_* for
# the rest, each CSV with a BOM; each record is its leaf's record.
python3 - "$T/b1/data" "$pen" "$lic" <<'PY' && ok || not_ok "records and log"
import csv, hashlib, json, sys
d, pen, lic = sys.argv[1:4]
recs = json.load(open(d + "/records.json"))
assert recs["audience"] == "public" and recs["log_size"] == 6
kinds = sorted(r["kind"] for r in recs["records"])
assert kinds == ["compulsion", "inspection", "inspection", "levy",
                 "licensing", "penalty"], kinds
lines = [json.loads(l) for l in open(d + "/log/entries.jsonl")]
assert [l["index"] for l in lines] == list(range(6))
for r in recs["records"]:
    leaf = lines[r["index"]]
    body = json.dumps(leaf["entry"], ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode()
    assert hashlib.sha256(b"\0" + body).hexdigest() == leaf["hash"]
    assert leaf["entry"]["record"] == r["fields"]
p = [r for r in recs["records"] if r["case"] == pen][0]["fields"]
assert p["CF_XDR_LB"] == "自然人" and p["CF_XDR_ZJLX"] == "01", p
assert p["CF_XDR_ZJHM"] == "110105********002X", p
assert p["CF_NR_FK"] == "0.5" and p["CF_WSH"] == "示建罚决〔2026〕1号", p
# 双公示 items from the decision's own inputs: the kind of violation, the
# facts with the provision violated, Art 9 categories only (an order to
# correct is no penalty), 长期 as the penalty's own period.
assert p["CF_WFXW"] == "未取得施工许可证擅自施工", p
assert p["CF_SY"].endswith("（违反《中华人民共和国建筑法》第七条第一款）"), p
assert p["CF_CFLB"] == "罚款", p
assert p["CF_YXQ"] == "2099-12-31" and p["CF_GSJZQ"] != p["CF_YXQ"], p
assert p["CF_YJ"] == "《中华人民共和国建筑法》第六十四条", p
assert p["CF_GSJZQ"] == "2028-11-18", p     # natural person: 24 months
assert "ZF_XDR_LXDH" not in p and "ZF_XDR_DZ" not in p, p
l = [r for r in recs["records"] if r["case"] == lic][0]["fields"]
assert l["XK_XDR_SHXYM"] == "91350100M000100Y43" and l["XK_FRDB"] == "王五"
assert l["XK_YXQZI"] == "2027-02-18" and l["XK_YXQZ"] == "2026-11-18", l
assert l["XK_XKBH"] == "330327202611180101", l
assert l["XK_XKZS"] == "建筑工程施工许可证" and l["XK_XKLB"] == "01", l
assert l["XK_WSH"] != l["XK_XKBH"] and l["XK_ZT"] == "有效", l
raw = open(d + "/records-penalty.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
rows = list(csv.DictReader(open(d + "/records-penalty.csv",
                                encoding="utf-8-sig", newline="")))
assert len(rows) == 1 and rows[0]["CF_XDR_MC"] == "张三", rows
# The 双公示 files hold exactly the national items, in LAW.md's order.
cf = ["CF_XDR_MC", "CF_XDR_LB", "CF_XDR_SHXYM", "CF_FRDB", "CF_XDR_ZJLX",
      "CF_XDR_ZJHM", "CF_WSH", "CF_WFXW", "CF_SY", "CF_YJ", "CF_CFLB",
      "CF_NR", "CF_NR_FK", "CF_NR_WFFF", "CF_NR_ZKDX", "CF_JDRQ", "CF_YXQ",
      "CF_GSJZQ", "CF_CFJG", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM", "BZ"]
xk = ["XK_XDR_MC", "XK_XDR_LB", "XK_XDR_SHXYM", "XK_FRDB", "XK_XDR_ZJLX",
      "XK_XDR_ZJHM", "XK_XKWS", "XK_WSH", "XK_XKLB", "XK_XKZS", "XK_XKBH",
      "XK_NR", "XK_JDRQ", "XK_YXQZ", "XK_YXQZI", "XK_XKJG", "XK_XKJGDM",
      "XK_ZT", "XK_LYDW", "XK_LYDWDM", "BZ"]
for name, want in (("penalty", cf), ("licensing", xk)):
    head = next(csv.reader(open(d + "/records-%s.csv" % name,
                                encoding="utf-8-sig", newline="")))
    assert head == want, (name, head)
other = list(csv.DictReader(open(d + "/records-other.csv",
                                 encoding="utf-8-sig", newline="")))
assert sorted(r["ZF_LB"] for r in other) == ["行政强制", "行政征收",
                                               "行政检查", "行政检查"], other
b = [r for r in other if r["ZF_XDR_MC"] == "示例机械有限公司"][0]
assert b["ZF_XDR_SHXYM"] == "913301189907103780" and b["ZF_XDR_ZJHM"] == "", b
# An independent RFC 9162 tree, written here: the checkpoint's root is
# the root over the leaf hashes, and every proof leads to it.
import base64
H = lambda b: hashlib.sha256(b).digest()
def mth(leaves):
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return H(b"\1" + mth(leaves[:k]) + mth(leaves[k:]))
leaves = [bytes.fromhex(l["hash"]) for l in lines]
root = base64.b64decode(open(d + "/log/checkpoint").read().split("\n")[2])
assert mth(leaves) == root
def climb(i, n, h, path):
    # RFC 9162 2.1.3.2
    fn, sn = i, n - 1
    for p in path:
        p = bytes.fromhex(p)
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            h = H(b"\1" + p + h)
            while fn & 1 == 0 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            h = H(b"\1" + h + p)
        fn >>= 1
        sn >>= 1
    return h if sn == 0 else None
for r in recs["records"]:
    proof = json.load(open("%s/log/proofs/%d.json" % (d, r["index"])))
    assert proof["size"] == 6 and proof["hash"] == lines[r["index"]]["hash"]
    assert climb(r["index"], 6, leaves[r["index"]], proof["proof"]) == root
PY
expect_in "$T/b1/data/log/checkpoint" "/publication"
expect_equal "$(sed -n 2p "$T/b1/data/log/checkpoint")" 6 "the checkpoint's size"
expect_in "$T/b1/data/index.html" "示建罚决〔2026〕1号"
expect_in "$T/b1/data/decisions/$pen.html" "行政处罚决定信息公示"
expect_not_in "$T/b1/data/decisions/$pen.html" "行政行政"
expect_in "$T/b1/data/standing.html" "示建执-2020-001"

# The penalty's flowchart is the procedure as the programs enforce it,
# read back from the SVG: 法制审核 before 集体讨论 before the decision,
# 公示 on the main path, the clocks beside the arrows.
check_json "the penalty's flowchart as a graph" "$T/b1/data/records.json" \
    "$T/b1/data/standing.html" <<'PY'
import re
page = open(arg[0]).read()
svg = page[page.index('<h3 id="flow-penalty">'):]
svg = svg[:svg.index("</svg>")]
edges = re.findall(r'data-from="([a-z-]+)" data-to="([a-z-]+)"', svg)
main = [("filed", "investigate"), ("investigate", "notify"),
        ("notify", "review-submit"), ("review-submit", "discuss"),
        ("discuss", "decide"), ("decide", "serve"), ("serve", "publish"),
        ("publish", "execute"), ("execute", "close"), ("close", "archive")]
for e in main:
    assert e in edges, (e, edges)
assert ("notify", "hearing-request") in edges, edges
solid = re.findall(r'<rect data-step="([a-z-]+)" x="16"[^>]*/>', svg)
assert "publish" in solid and "review-submit" in solid, solid
assert "dasharray" not in re.search(r'<rect data-step="publish"[^>]*/>',
                                    svg).group(0)
assert "90日：作出行政处罚决定" in svg and "5个工作日：" in svg, svg[-2000:]
PY

# The standing page's 服务指南 and 投诉举报 (a seed requirement).
expect_in "$T/b1/data/standing.html" '<h2 id="guide">服务指南</h2>'
expect_in "$T/b1/data/standing.html" "20个工作日（经负责人批准可延长10个工作日）"
expect_in "$T/b1/data/standing.html" '<h2 id="complaints">投诉举报</h2>'
expect_in "$T/b1/data/standing.html" "0570-1234568"

# Found by party and by 文号 with no script: the home page links to the
# search, the search to the two indexes, each row to its decision.
expect_in "$T/b1/data/index.html" 'href="search.html"'
expect_in "$T/b1/data/search.html" 'href="search/party-1.html"'
expect_in "$T/b1/data/search.html" 'href="search/number-1.html"'
check_json "the search finds the penalty by party and by 文号" \
    "$T/b1/data/records.json" "$T/b1/data" "$pen" <<'PY'
import re
party = open(arg[0] + "/search/party-1.html").read()
number = open(arg[0] + "/search/number-1.html").read()
row = r'<tr><th scope="row">%s</th><td>%s</td><td><a href="\.\./decisions/%s\.html">'
assert re.search(row % ("张三", "示建罚决〔2026〕1号", arg[1]), party), party
assert re.search(row % ("示建罚决〔2026〕1号", "张三", arg[1]), number)
assert [x[1] for x in json.load(open(arg[0] + "/search.json"))].count(
    "示建罚决〔2026〕1号") == 1
PY

# Redaction: neither the whole ID number, nor the mobile, nor the address
# below the street is in any file of a public bundle; sharing has them.
for bag in "$T/b1" "$T/x2" "$T/x3"; do
	for s in "$ID" "$PHONE" "$ROOM" 330327198001011238; do
		if grep -rqF -- "$s" "$bag"; then
			not_ok "$bag holds '$s': $(grep -rlF -- "$s" "$bag" | head -3)"
		else
			ok
		fi
	done
done
# A person's phone and address are no 双公示 items: in no public file,
# masked or not; sharing has them in a file of their own.
check "no phone or address in a public bundle" sh -c "! grep -rqF \
    -e 'ZF_XDR_LXDH' -e 'ZF_XDR_DZ' -e '138****5678' '$T/b1'"
expect_exit 0 publish-export --as liuyang --out "$T/share" --audience sharing
expect_in "$T/share/data/records.json" "$ID"
for s in "$PHONE" "$ROOM"; do
	expect_in "$T/share/data/records-extra.csv" "$s"
done
check "a sharing bundle has no site" test ! -e "$T/share/data/index.html"
check "sharing bundle manifests" sh -c "cd '$T/share' &&
    sha256sum -c --quiet manifest-sha256.txt tagmanifest-sha256.txt"

# Free text is masked by pattern: a mobile number in a cause goes out
# masked.  A name is never rewritten by pattern: a record whose party's
# name holds a number is held back and reported, the rest go out, and the
# export exits 1 so that cron mails it.
leak=$(case-new -t inspection --party 示例公司 --party-kind org \
    --cause "举报人电话 13912345678 反映违法施工" --officer zhangwei --officer lina)
decide "$leak" --outcome 责令改正 --measure correct
held=$(case-new -t inspection --party "示例公司（电话13812345678）" \
    --party-kind org --cause 违法施工 --officer zhangwei --officer lina)
decide "$held" --outcome 责令改正 --measure correct
expect_exit 1 publish-export --as liuyang --out "$T/leak"
expect_in "$T/err" "held back: $held: ZF_XDR_MC would publish a mobile number"
expect_in "$T/out" "published 1,"
check "the masked cause is on the site" grep -qF '139****5678' \
    "$T/leak/data/decisions/$leak.html"
check "no number in the bundle" sh -c "! grep -rqF -e 13912345678 \
    -e 13812345678 '$T/leak'"
expect_exit 0 case-show -o json "$held"
expect_in "$T/out" '"status": "none"'
# The record is held until it is put right; here the decision is revoked.
expect_exit 0 decision-revoke "$held" --as chengang --kind revoked \
    --reason 当事人名称有误
expect_exit 0 publish-export --as liuyang --out "$T/b4"

# An organisation's penalty names its legal representative (CF_FRDB,
# a required 双公示 item): held back until it is given.
norep=$(case-new -t penalty --party 某无代表公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 违规 --officer zhangwei \
    --officer lina)
case-step "$norep" notify >/dev/null 2>&1
case-step "$norep" waive >/dev/null 2>&1
decide "$norep" --outcome 警告 --measure warning
expect_exit 1 publish-export --as liuyang --out "$T/b4r"
expect_in "$T/err" "held back: $norep: an organisation's penalty names its legal representative (CF_FRDB"
expect_exit 0 decision-correct "$norep" --as chengang --field party-rep \
    --value 钱七 --reason 补充法定代表人
expect_exit 0 publish-export --as liuyang --out "$T/b4s"
expect_in "$T/out" "published 1,"

# Publicity periods by field: a 消防 penalty stays public at least a year
# (国家发展改革委令2023年第58号), an ordinary warning three months.
for f in 消防:wangqiang 建筑市场:lina; do
	pc=$(case-new -t penalty --party "某${f%:*}公司" --party-kind org \
	    --party-id 91350100M000100Y43 --party-rep 王五 --cause 违规 \
	    --field "${f%:*}" \
	    --officer zhangwei --officer "${f#*:}")
	case-step "$pc" notify >/dev/null 2>&1
	case-step "$pc" waive >/dev/null 2>&1
	decide "$pc" --outcome 警告 --measure warning
	echo "$pc" >>"$T/by-field"
done
expect_exit 0 publish-export --as liuyang --out "$T/b4f"
check_json "a 消防 warning a year, an ordinary one three months" \
    "$T/b4f/data/records.json" $(cat "$T/by-field") <<'PY'
f = {r["case"]: r["fields"] for r in j["records"]}
assert f[arg[0]]["CF_GSJZQ"] == "2027-11-20", f[arg[0]]
assert f[arg[1]]["CF_GSJZQ"] == "2027-02-20", f[arg[1]]
PY

# A licence refused is no 行政许可 of the 双公示 set: its record goes
# with the other decisions.
den=$(case-new -t licensing --party 某开发公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 申请施工许可 --officer zhangwei \
    --officer lina)
decide "$den" --outcome 不予行政许可 --measure deny
expect_exit 0 publish-export --as liuyang --out "$T/b4d"
check_json "a refused licence in the other schema" \
    "$T/b4d/data/records.json" "$den" <<'PY'
r = [r for r in j["records"] if r["case"] == arg[0]][0]
assert "ZF_WSH" in r["fields"] and "XK_WSH" not in r["fields"], r
assert r["fields"]["ZF_LB"] == "行政许可", r
PY
expect_in "$T/b4d/data/records-other.csv" "不予行政许可"
expect_not_in "$T/b4d/data/records-licensing.csv" "不予行政许可"

# Withdrawal: revoking a published decision opens a 3-working-day
# withdrawal; the export withdraws it and the page goes.
at 2026-11-23
expect_exit 0 decision-revoke "$lev" --as chengang --kind revoked \
    --reason "复议决定撤销（复议机关联系人 13912345678）"
expect_exit 0 deadline-check --all -o json
expect_in "$T/out" '"rule": "withdraw"'
expect_exit 0 publish-export --as liuyang --out "$T/b5"
expect_in "$T/out" "withdrawn 1"
expect_in "$T/b5/data/log/entries.jsonl" '"reason":"决定已撤销：复议决定撤销（复议机关联系人 139****5678）"'
expect_not_in "$T/b5/data/log/entries.jsonl" 13912345678
# Its page is now the withdrawal notice: the 文号, the date and the
# reason, masked, and nothing of the record (行政处罚法第四十八条).
expect_in "$T/b5/data/decisions/$lev.html" "撤回公示说明"
expect_in "$T/b5/data/decisions/$lev.html" "复议决定撤销（复议机关联系人 139****5678）"
expect_in "$T/b5/data/decisions/$lev.html" "2026年11月23日"
expect_not_in "$T/b5/data/decisions/$lev.html" "征收城市基础设施配套费"
expect_in "$T/b5/data/index.html" "已撤回"
expect_exit 0 deadline-check --all -o json
expect_not_in "$T/out" '"rule": "withdraw"'
expect_exit 0 case-show -o json "$lev"
expect_in "$T/out" '"status": "withdrawn"'
expect_in "$T/out" '"withdrawn": "2026-11-23"'

# publish-withdraw: for other reasons, by a clerk or the head, with a
# reason (its refusals are in publish-withdraw.sh); not a record the
# export withdrew.
mark
expect_exit 77 publish-withdraw "$lev" --as liuyang --reason 再撤一次
expect_in "$T/err" "already withdrawn"
unchanged "a record the export withdrew"
expect_exit 0 publish-withdraw "$ins" --as liuyang --reason 公示信息有误，撤回核实
expect_equal "$(cat "$T/out")" "$ins" "publish-withdraw prints the case"
expect_exit 0 publish-export --as liuyang --out "$T/b6"
expect_in "$T/b6/data/decisions/$ins.html" "公示信息有误，撤回核实"
expect_in "$T/b6/data/log/entries.jsonl" 公示信息有误，撤回核实

# Correction: a decision remade replaces the one shown.
expect_exit 0 decision-revoke "$com" --as chengang --reason 责令重作 --kind remade
case-step "$com" urge >/dev/null
at 2026-12-10
decide "$com" --outcome 限期自行拆除 --measure demolish
expect_exit 0 publish-export --as liuyang --out "$T/b7" -o json
python3 - "$T/out" "$T/b7/data" "$com" <<'PY' && ok || not_ok "correction"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["entries"]["withdraw"] == 1 and r["entries"]["correct"] == 1, r
lines = [json.loads(l) for l in open(sys.argv[2] + "/log/entries.jsonl")]
fix = [l for l in lines if "entry" in l and l["entry"]["type"] == "correct"]
assert len(fix) == 1 and fix[0]["entry"]["case"] == sys.argv[3], fix
old = lines[fix[0]["entry"]["corrects"]]
assert "entry" not in old, old      # the replaced record is off the site
PY
expect_in "$T/b7/data/decisions/$com.html" "更正"
expect_in "$T/b7/data/decisions/$com.html" "限期自行拆除"

# Expiry: after its publicity period the record leaves the site (its leaf
# stays in the log, as a hash); the natural person's data goes with it.
at 2028-11-20
expect_exit 0 publish-export --as liuyang --out "$T/b8" -o json
python3 - "$T/out" "$T/b8/data" "$pen" <<'PY' && ok || not_ok "expiry"
import json, sys
r = json.load(open(sys.argv[1]))
# Four: the person's penalty, the warnings of 消防 and 建筑市场, and the
# one held until its representative was given.
assert r["entries"]["expire"] == 4, r
lines = [json.loads(l) for l in open(sys.argv[2] + "/log/entries.jsonl")]
exp = [l for l in lines if "entry" in l and l["entry"]["type"] == "expire"
       and l["entry"]["case"] == sys.argv[3]]
assert len(exp) == 1, exp
assert "entry" not in lines[exp[0]["entry"]["of"]]
PY
check "the expired page is gone" test ! -e "$T/b8/data/decisions/$pen.html"
if grep -rqF 张三 "$T/b8/data"; then not_ok "the expired party is still shown"; else ok; fi

# Published late, past its publicity period (a warning: 3 months): the
# log records it and its expiry at once; the site never shows it.
# (The drill's clock goes back to record each act on its day.)
at 2028-01-03
late=$(case-new -t penalty --party 示例装饰工程有限公司 --party-kind org \
    --party-rep 赵六 --cause 逾期未改正 --officer zhangwei --officer lina)
at 2028-01-04
case-step "$late" notify >/dev/null
at 2028-01-17
decide "$late" --outcome 警告 --measure warning
at 2028-11-20
expect_exit 0 publish-export --as liuyang --out "$T/b9" -o json
expect_in "$T/out" '"publish": 1'
expect_in "$T/out" '"expire": 1'
check "the late record is not on the site" \
    test ! -e "$T/b9/data/decisions/$late.html"
expect_exit 0 case-show -o json "$late"
expect_in "$T/out" '"status": "expired"'
# A party name like a spreadsheet formula is text in the CSV.
fx=$(case-new -t inspection --party "=HYPERLINK(\"http://x/\")" --party-kind org \
    --cause 检查 --officer zhangwei --officer lina)
decide "$fx" --outcome 检查合格 --measure other
expect_exit 0 publish-export --as liuyang --out "$T/b10" "$fx"
expect_in "$T/b10/data/records-other.csv" "\"'=HYPERLINK("
expect_in "$T/b10/data/records.json" '"=HYPERLINK('

# Every export is in the journal, and the archive verifies.
expect_exit 0 case-log "$pen"
expect_in "$T/out" publication.entry
expect_exit 0 archive-verify
expect_exit 0 publish-verify "$T/b8" --previous "$T/b1"

# The signed checkpoints of the publication log are checked by
# archive-verify: a row changed, or a signature broken, is E026.
cp "$ZHIFA_ARCHIVE/zhifa.db" "$T/db.saved"
sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "UPDATE pubcheckpoints SET root = \
    zeroblob(32) WHERE size = (SELECT max(size) FROM pubcheckpoints)"
expect_exit 1 archive-verify
expect_in "$T/out" "E026"
expect_in "$T/out" "differs from its signed note"
cp "$T/db.saved" "$ZHIFA_ARCHIVE/zhifa.db"
sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "UPDATE pubcheckpoints SET note = \
    replace(note, '/publication', '/publicatioN') WHERE size = 6"
expect_exit 1 archive-verify
expect_in "$T/out" "E026"
cp "$T/db.saved" "$ZHIFA_ARCHIVE/zhifa.db"
expect_exit 0 archive-verify
finish
