#!/bin/sh
# case-export: whole cases for another agency as a signed exchange bundle
# — every event as the journal holds it, with its signatures, the keys
# that signed them, the documents by hash — secret evidence withheld but
# for a judicial transfer (移送); the head alone; the export journaled;
# refusals leave the archive and the destination as they were.
. "$(dirname "$0")/lib.sh"
plan 17

at 2026-11-02
new_archive
printf '现场照片\n' >"$T/photo.jpg"
printf '询问笔录（含个人隐私）\n' >"$T/secret.txt"
printf '决定书\n' >"$T/d.txt"
a=$(new_case 甲公司) && b=$(new_case 乙公司) || exit 1
evidence-add "$a" "$T/photo.jpg" >/dev/null 2>&1 || exit 1
s=$(evidence-add "$a" "$T/secret.txt" --kind record --access secret \
    --secret-kind privacy 2>/dev/null | cut -f 1) || exit 1
case-step "$b" notify >/dev/null 2>&1 && case-step "$b" waive >/dev/null 2>&1 &&
    decision-issue "$b" --as chengang --outcome 罚款 --fine 3000 \
    --doc "$T/d.txt" >/dev/null 2>&1 || exit 1

# Refused, and nothing written: a clerk, a case that is not there, a
# bundle inside the archive.
mark
expect_refused 77 "only the head (负责人) shares whole case files" \
    case-export "$a" --to 示例市住房和城乡建设局 --out "$T/x1" --as liuyang
expect_refused 66 "no case 'C2026-0099'" case-export "$a" C2026-0099 \
    --to 示例市住房和城乡建设局 --out "$T/x2" --as chengang
check "no bundle left by a refusal" test ! -e "$T/x2"
expect_refused 64 "inside the archive" case-export "$a" \
    --to 示例市住房和城乡建设局 --out "$ZHIFA_ARCHIVE/x3" --as chengang

# The bundle.
expect_exit 0 case-export "$a" "$b" --to 示例市住房和城乡建设局 \
    --out "$T/ex" --as chengang -o json
check "the bag's manifests hold" sh -c "cd '$T/ex' && sha256sum -c --quiet \
    manifest-sha256.txt && sha256sum -c --quiet tagmanifest-sha256.txt"
check_json "the bundle holds both cases, signed, the secret withheld" \
    "$T/out" "$T/ex" "$a" "$b" "$s" <<'PY'
import hashlib, os, re
ex = arg[0]
x = json.load(open(ex + "/data/exchange.json"))
assert x["format"] == "zhifa-exchange" and x["version"] == 1
assert x["to"] == "示例市住房和城乡建设局" and x["transfer"] is False
assert [c["id"] for c in x["cases"]] == arg[1:3], x["cases"]
a = x["cases"][0]
assert a["withheld"] == [arg[3]] and len(a["evidence"]) == 1, a
# every payload file named with its SHA-256, and no other
for name, h in x["files"].items():
    assert hashlib.sha256(open(ex + "/data/" + name, "rb").read()
                          ).hexdigest() == h, name
objs = os.listdir(ex + "/data/objects")
assert len(objs) == 2 and all("objects/" + o in x["files"] for o in objs)
assert "含个人隐私" not in "".join(open(ex + "/data/objects/" + o).read()
                                for o in objs)
# each event's body is the one its hash names, with its signature
for c in x["cases"]:
    lines = open(ex + "/data/cases/%s/events.jsonl" % c["id"]).read().split("\n")[:-1]
    assert len(lines) == c["events"] > 0
    for l in lines:
        e = json.loads(l)
        assert hashlib.sha256(e["body"].encode()).hexdigest() == e["hash"]
        assert json.loads(e["body"])["case"] == c["id"] and e["sigs"], e
keys = json.load(open(ex + "/data/keys.json"))
assert {k["person"] for k in keys} >= {"zhangwei", "chengang"}, keys
# the signature: a checkpoint of the agency key over exchange.json
note = open(ex + "/exchange-signature").read().split("\n")
root = hashlib.sha256(open(ex + "/data/exchange.json", "rb").read()).digest()
import base64
assert note[0].endswith("/exchange") and note[1] == "2", note
assert base64.b64decode(note[2]) == root, note
assert note[4].startswith("\u2014 " + x["agency"]["origin"] + " "), note
assert j["sha256"] == root.hex()
PY
expect_exit 0 archive-verify
check "the journal names the export" sh -c "sqlite3 '$ZHIFA_ARCHIVE/zhifa.db' \
    \"SELECT count(*) FROM journal WHERE type = 'cases.exported'\" | grep -qx 1"

# A judicial transfer (移送) carries the secret evidence too; as a .zip.
expect_exit 0 case-export "$a" --to 示例县公安局 --transfer \
    --out "$T/transfer.zip" --as chengang -o json
mkdir "$T/tz" && (cd "$T/tz" && unzip -q "$T/transfer.zip")
check_json "a transfer carries the secret evidence" "$T/out" "$T/tz" <<'PY'
import glob
x = json.load(open(arg[0] + "/data/exchange.json"))
assert x["transfer"] is True and x["cases"][0]["withheld"] == [], x
assert len(x["cases"][0]["evidence"]) == 2
PY
finish
