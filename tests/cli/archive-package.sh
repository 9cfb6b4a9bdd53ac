#!/bin/sh
# case-step CASE archive --out: the transfer package (归档移交) of a closed
# case — its documents and evidence in order with a table of contents,
# its events with signatures and Merkle proofs against a signed
# checkpoint, its keys and retention — checked by sha256sum -c and by
# publish-verify, any changed byte found; refused for an open case and
# inside the archive, the archive unchanged; case-list --disposal-due
# lists a file once its retention period has passed, never a permanent
# one.
. "$(dirname "$0")/lib.sh"
plan 51

# retention: in zhifa.yaml is read like every section: an unknown key or
# a period that is neither 永久 nor years is refused (78).
sed 's/^    - period: 10$/    - period: 10\n      colour: red/' \
    "$ZHIFA_SRC/data/sample-zhifa.yaml" >"$T/bad1.yaml"
expect_fail 78 "unknown key 'colour' in a retention rule" \
    archive-init --drill --config "$T/bad1.yaml" "$T/bad1"
sed 's/^      period: 30$/      period: 20 years/' \
    "$ZHIFA_SRC/data/sample-zhifa.yaml" >"$T/bad2.yaml"
expect_fail 78 "period must be 永久 (permanent) or a number of years" \
    archive-init --drill --config "$T/bad2.yaml" "$T/bad2"

# The sample agency, a warning kept permanently (for this test).
printf '现场照片\n' >"$T/photo.jpg"
printf '行政处罚决定书\n' >"$T/decision.txt"
python3 - "$ZHIFA_SRC/data/sample-zhifa.yaml" >"$T/retention.yaml" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = "".join(l for l in t.splitlines(True) if not l.startswith("  approvers:"))
print(t.replace("retention:\n  cases:\n", "retention:\n  cases:\n"
                "    - measures: [warning]\n      period: 永久\n"
                "      basis: 测试用规则\n", 1), end="")
PY
new_archive --config "$T/retention.yaml"
at 2026-11-02
p=$(new_case 甲建筑公司) && q=$(new_case 丙建筑公司) || exit 1
evidence-add "$p" "$T/photo.jpg" --title 现场照片 >/dev/null 2>&1 || exit 1
at 2026-11-03
case-step "$p" notify >/dev/null 2>&1 &&
    case-step "$q" notify >/dev/null 2>&1 || exit 1
at 2026-11-16
decision-issue "$p" --as chengang --outcome 罚款五千元 --fine 5000 \
    --doc "$T/decision.txt" >/dev/null 2>&1 &&
    decision-issue "$q" --as chengang --outcome 警告 --measure warning \
    --doc "$T/decision.txt" >/dev/null 2>"$T/err" ||
    { cat "$T/err" >&2; exit 1; }
at 2026-11-18
o=$(new_case 乙建筑公司) || exit 1

# Refused: an open case (77), a package inside the archive (64), an
# officer (77); nothing written, the archive as it was.
mark
expect_refused 77 "archive (归档) is not allowed" \
    case-step "$o" archive --out "$T/open" --as liuyang
check "no package left by a refusal" test ! -e "$T/open"
expect_refused 64 "inside the archive" \
    case-step "$p" archive --out "$ZHIFA_ARCHIVE/pkg" --as liuyang

at 2026-11-20
publish-export --as liuyang --out "$T/site" >/dev/null 2>&1 || exit 1
case-step "$p" serve --method direct >/dev/null 2>&1 || exit 1
case-step "$p" execute >/dev/null 2>&1 || exit 1
case-step "$p" close >/dev/null 2>&1 || exit 1
case-step "$q" serve --method direct >/dev/null 2>&1 &&
    case-step "$q" close >/dev/null 2>"$T/err" ||
    { cat "$T/err" >&2; exit 1; }
mark
expect_refused 77 "written by a clerk (内勤) or the head" \
    case-step "$p" archive --out "$T/x" --as zhangwei
check "no package left by the refusal" test ! -e "$T/x"

# Retention: 30 years from 1 January 2027 for this penalty case.
expect_exit 0 case-list --disposal-due -q
expect_equal "$(cat "$T/out")" "" "nothing is due in 2026"

# The package, as a folder: its manifests hold, publish-verify passes.
at 2026-12-01
expect_exit 0 case-step "$p" archive --out "$T/pkg" --as liuyang -o json
check_json "the step's summary" "$T/out" "$p" <<'PY'
assert j["case"] == arg[0] and j["objects"] == 2, j
assert j["retention"]["years"] == 30 and j["retention"]["passes"] == "2057-01-01"
PY
check "sha256sum -c over the manifests" sh -c "cd '$T/pkg' && sha256sum -c \
    --quiet manifest-sha256.txt && sha256sum -c --quiet tagmanifest-sha256.txt"
expect_exit 0 publish-verify "$T/pkg"
expect_in "$T/out" "2 in the table of contents"
check_json "the description, the toc and the journal" "$T/pkg/data/archive.json" \
    "$T/pkg" "$p" <<'PY'
import hashlib, csv
pkg, case = arg
assert j["format"] == "zhifa-archival" and j["case"]["id"] == case, j
assert j["fonds"]["name"] == "示例县住房和城乡建设局" and j["items"] == 2
assert j["retention"]["period"] == "30年" and "第8号" in j["retention"]["basis"]
assert j["transferred_by"]["id"] == "liuyang" and j["dates"]["closed"] == "2026-11-20"
toc = json.load(open(pkg + "/data/toc.json"))
files = [i["file"] for i in toc["items"]]
assert files == ["data/objects/0001-现场照片.jpg", "data/objects/0002-决定书.txt"], files
for i in toc["items"]:
    assert hashlib.sha256(open(pkg + "/" + i["file"], "rb").read()).hexdigest() == i["sha256"]
raw = open(pkg + "/data/卷内目录.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), raw[:8]
rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
assert rows[0][:3] == ["顺序号", "文号", "题名"] and rows[1][2] == "现场照片", rows
lines = open(pkg + "/data/journal/events.jsonl").read().split("\n")[:-1]
proofs = open(pkg + "/data/journal/proofs.jsonl").read().split("\n")[:-1]
assert len(lines) == len(proofs) > 5
for l in lines:
    e = json.loads(l)
    assert hashlib.sha256(e["body"].encode()).hexdigest() == e["hash"] and e["sigs"]
PY
check "the journal names the step with the manifest's SHA-256" sh -c \
    "sqlite3 '$ZHIFA_ARCHIVE/zhifa.db' \"SELECT body FROM journal WHERE \
    type = 'case.step' AND body LIKE '%manifest_sha256%'\" | grep -q \
    \$(sha256sum '$T/pkg/manifest-sha256.txt' | cut -c1-64)"
expect_exit 0 archive-verify
check "the case is archived" sh -c "case-show -o json '$p' | grep -q '\"stage\": *\"archived\"'"

# One changed byte anywhere is found.
for f in "data/objects/0002-*" data/journal/events.jsonl \
    data/toc.json data/journal/checkpoint; do
	rm -rf "$T/bad" && cp -a "$T/pkg" "$T/bad" && chmod -R u+w "$T/bad" ||
	    exit 1
	python3 - "$T/bad/$f" <<'PY'
import glob, sys
f = glob.glob(sys.argv[1])[0]
b = bytearray(open(f, "rb").read())
i = len(b) // 2
b[i] = b[i] ^ 0x01
open(f, "wb").write(b)
PY
	expect_exit 1 publish-verify "$T/bad"
	check "sha256sum -c finds the change in $f" sh -c \
	    "cd '$T/bad' && ! sha256sum -c --quiet manifest-sha256.txt \
	    >/dev/null 2>&1"
done
# A change the manifest covers too: an event's body, manifests redone.
rm -rf "$T/bad" && cp -a "$T/pkg" "$T/bad" || exit 1
sed -i '1s/未取得施工许可证/已取得施工许可证/' "$T/bad/data/journal/events.jsonl"
(cd "$T/bad" && find data -type f | sort | xargs -d '\n' sha256sum \
    >manifest-sha256.txt && sha256sum bagit.txt bag-info.txt \
    manifest-sha256.txt >tagmanifest-sha256.txt)
expect_fail 1 "is not the hash of its body" publish-verify "$T/bad"
# Another key given: the checkpoint is not its.
person-key new --as wangqiang --out "$T/wq.pem" >"$T/other.vkey" \
    2>"$T/key.err" || { cat "$T/key.err" >&2; exit 1; }
expect_fail 1 "another key" publish-verify "$T/pkg" --key "$T/other.vkey"

# As .tar.gz and .zip (of another, permanent case), extracted or not.
(cd "$T/pkg" && bsdtar -czf "$T/pkg.tar.gz" .)
expect_exit 0 publish-verify "$T/pkg.tar.gz"
mkdir "$T/x1" && (cd "$T/x1" && tar -xzf "$T/pkg.tar.gz")
check "the extracted .tar.gz passes sha256sum -c" sh -c \
    "cd '$T/x1' && sha256sum -c --quiet manifest-sha256.txt"

at 2026-12-02
expect_exit 0 case-step "$q" archive --out "$T/perm.zip" --as chengang -o json
check_json "a warning is kept permanently here" "$T/out" <<'PY'
assert j["retention"]["period"] == "永久" and j["retention"]["passes"] is None, j
PY
mkdir "$T/x2" && (cd "$T/x2" && unzip -q "$T/perm.zip")
check "the extracted .zip passes sha256sum -c" sh -c \
    "cd '$T/x2' && sha256sum -c --quiet manifest-sha256.txt"
expect_exit 0 publish-verify "$T/x2"
expect_exit 0 publish-verify "$T/perm.zip"

# case-list --disposal-due: not the day before, then the 30-year case,
# never the permanent one.
at 2056-12-31
expect_exit 0 case-list --disposal-due -q
expect_equal "$(cat "$T/out")" "" "nothing is due on 2056-12-31"
at 2057-01-01
expect_exit 0 case-list --disposal-due -q
expect_equal "$(cat "$T/out")" "$p" "the 30-year file is due on 2057-01-01"
at 2126-01-01
expect_exit 0 case-list --disposal-due -o json
check_json "never the permanent file" "$T/out" "$p" <<'PY'
assert [d["case"] for d in j] == [arg[0]] and j[0]["passed"] == "2057-01-01", j
assert j[0]["period"] == "30年" and "第8号" in j[0]["basis"], j
PY
finish
