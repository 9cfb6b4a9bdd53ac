#!/bin/sh
# publish-verify: good bundles (folder, tar.gz, zip) and a good sequence pass;
# each kind of tampering, a foreign key and a forked log are refused, saying why.
. "$(dirname "$0")/lib.sh"
plan 144

G="$ZHIFA_SRC/tests/pubverify/mkbundle.py"
gen() { python3 "$G" "$@" || { echo "mkbundle $* failed" >&2; exit 1; }; }

# expect_re FILE REGEX: FILE has a line matching the extended regex.
expect_re() {
	if grep -qE -- "$2" "$1"; then
		ok
	else
		not_ok "$1 has no line matching '$2': $(head -c 600 "$1")"
	fi
}

# refused WHY BUNDLE [OPTION...]: exit 1 with a line "publish-verify: ...WHY...".
refused() {
	why=$1
	shift
	expect_exit 1 publish-verify "$@"
	expect_re "$T/err" "^publish-verify: .*$why"
	expect_equal "$(wc -c <"$T/out")" 0 "no summary for a refused bundle"
}

# copy NAME FROM: a folder copy of bundle FROM at $T/NAME, in $d.
copy() {
	d=$T/$1
	rm -rf "$d"
	cp -a "$2" "$d" || exit 1
}

cd "$T" || exit 1

# Two bundles of one log, the second extending the first: made by
# publish-export from a real archive when it is built, else written by the
# generator (the same format, signed with a key of its own).
real=no
if [ -x "$ZHIFA_BIN/publish-export" ]; then
	if new_archive_without_review 2>/dev/null &&
	    decided_case 某建筑公司 && decided_case 另一建筑公司 &&
	    { at 2026-11-20; publish-export --as liuyang --out "$T/b1" \
	    >/dev/null 2>"$T/export.err"; } &&
	    decided_case 第三建筑公司 &&
	    { at 2026-11-27; publish-export --as liuyang --out "$T/b2" \
	    >/dev/null 2>>"$T/export.err"; }; then
		real=yes
	else
		printf '%s: publish-export is built but failed; using the generator: %s\n' \
		    "$TEST_NAME" "$(head -c 300 "$T/export.err" 2>/dev/null)" >&2
		rm -rf "$T/b1" "$T/b2"
	fi
fi
gen keygen "$T/agency.pem"
gen keygen "$T/other.pem"
if [ "$real" = no ]; then
	gen make "$T/agency.pem" "$T/b1" --origin zhifa.archive/0123abcd --size 6
	gen make "$T/agency.pem" "$T/b2" --origin zhifa.archive/0123abcd --size 9
	gen vkey "$T/agency.pem" zhifa.archive/0123abcd >"$T/agency.vkey"
else
	cp "$T/b1/data/log/agency.vkey" "$T/agency.vkey"
fi
echo "fixtures: real publish-export bundles: $real" >&2
gen vkey "$T/other.pem" "$(cut -d+ -f1 "$T/agency.vkey")" >"$T/other.vkey"
n1=$(sed -n 2p "$T/b1/data/log/checkpoint")
n2=$(sed -n 2p "$T/b2/data/log/checkpoint")

# Good bundles, in every format, with and without the top folder.
expect_exit 0 publish-verify "$T/b1"
expect_in "$T/out" "log size: $n1"
expect_re "$T/out" "^root: +[0-9a-f]{64}$"
expect_equal "$(wc -c <"$T/err")" 0 "nothing on stderr for a good bundle"
gen pack "$T/b2" "$T/b2.tar.gz" tar.gz
gen pack "$T/b2" "$T/b2.zip" zip
gen pack "$T/b2" "$T/b2-flat.tar.gz" tar.gz --top ""
gen pack "$T/b2" "$T/b2-reversed.zip" zip --order reverse
for b in b2 b2.tar.gz b2.zip b2-flat.tar.gz b2-reversed.zip; do
	expect_exit 0 publish-verify "$T/$b"
	expect_in "$T/out" "log size: $n2"
done
expect_exit 0 publish-verify -o json --key "$T/agency.vkey" "$T/b2.tar.gz"
python3 - "$T/out" "$n2" <<'PY' && ok || not_ok "json summary"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["ok"] is True and d["log_size"] == int(sys.argv[2]), d
assert len(d["root"]) == 64 and d["format"] == "tar.gz", d
assert d["problems"] == [] and d["security"] == [], d
assert d["proofs_checked"] == d["records"] > 0, d
PY
expect_exit 0 publish-verify -q "$T/b2.zip"
expect_equal "$(wc -c <"$T/out")" 0 "-q prints nothing"
# A folder holding the unpacked bag.
mkdir "$T/unpacked" && tar -xzf "$T/b2.tar.gz" -C "$T/unpacked"
expect_exit 0 publish-verify "$T/unpacked"

# A good sequence.
expect_exit 0 publish-verify --previous "$T/b1" "$T/b2.tar.gz"
expect_in "$T/out" "extends:  $T/b1 ($n1 → $n2)"
expect_exit 0 publish-verify --previous "$T/b2.zip" --key "$T/agency.vkey" "$T/b2"
expect_in "$T/out" "($n2 → $n2)"

# An edited record in records.json: caught by the manifest, and with the
# manifest recomputed by the leaf's content.
copy edited "$T/b2"
python3 - "$d/data/records.json" <<'PY' || exit 1
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
fields = doc["records"][0]["fields"]
key = sorted(k for k in fields if isinstance(fields[k], str))[0]
fields[key] += "改"
json.dump(doc, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
PY
cmp -s "$d/data/records.json" "$T/b2/data/records.json" && not_ok "records.json edited"
refused "data/records.json fails its manifest" "$d"
gen remanifest "$d"
refused "records.json: the fields of the record of leaf [0-9]+ differ from the leaf's entry.record" "$d"
expect_not_in "$T/err" "manifest"

# An edited entry in entries.jsonl (a shown one), without and with the
# manifest recomputed; and with its hash recomputed too.
copy entry "$T/b2"
python3 - "$d/data/log/entries.jsonl" <<'PY' || exit 1
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines(True)
for i, l in enumerate(lines):
    o = json.loads(l)
    if "entry" in o and "record" in o["entry"]:
        o["entry"]["record"]["CF_XDR_MC"] = "别的公司"
        lines[i] = json.dumps(o, sort_keys=True, separators=(",", ":"),
                              ensure_ascii=False) + "\n"
        print(i, file=open(sys.argv[1] + ".leaf", "w"))
        break
open(sys.argv[1], "w", encoding="utf-8").write("".join(lines))
PY
leaf=$(cat "$d/data/log/entries.jsonl.leaf"); rm "$d/data/log/entries.jsonl.leaf"
refused "data/log/entries.jsonl fails its manifest" "$d"
expect_in "$T/err" "leaf $leaf: content does not match its hash (entries.jsonl line $((leaf + 1)))"
gen remanifest "$d"
refused "leaf $leaf: content does not match its hash" "$d"
expect_not_in "$T/err" "manifest"

# A removed entry (the last line of the log).
copy removed "$T/b2"
sed -i '$d' "$d/data/log/entries.jsonl"
gen remanifest "$d"
refused "entries.jsonl has $((n2 - 1)) lines but the checkpoint's tree has $n2 leaves" "$d"
# ... and one from the middle.
copy removed2 "$T/b2"
sed -i '2d' "$d/data/log/entries.jsonl"
gen remanifest "$d"
refused "entries out of order at line 2: index 2 where 1 is due" "$d"

# A reordered log: lines 2 and 3 swapped.
copy swapped "$T/b2"
sed -i '2{h;d};3{G}' "$d/data/log/entries.jsonl"
gen remanifest "$d"
refused "entries out of order at line 2: index 2 where 1 is due" "$d"
expect_in "$T/err" "entries out of order at line 3: index 1 where 2 is due"
expect_in "$T/err" "the root over the $n2 hashes of entries.jsonl is"

# A bad signature: one byte of it changed.
copy badsig "$T/b2"
python3 - "$d/data/log/checkpoint" <<'PY' || exit 1
import base64, sys
t = open(sys.argv[1], encoding="utf-8").read()
head, sig = t.rstrip("\n").rsplit(" ", 1)
b = bytearray(base64.b64decode(sig))
b[10] ^= 0x01
open(sys.argv[1], "w", encoding="utf-8").write(
    head + " " + base64.b64encode(bytes(b)).decode() + "\n")
PY
gen remanifest "$d"
refused "checkpoint signature does not verify" "$d"
gen pack "$d" "$T/badsig.zip" zip
refused "checkpoint signature does not verify" "$T/badsig.zip"

# A zip cut short, inside its central directory or its end record: every
# entry reads from the front, but the file is not whole.
zsize=$(wc -c <"$T/b2.zip")
for cut in 10 22 200; do
	head -c $((zsize - cut)) "$T/b2.zip" >"$T/cut.zip"
	refused "the zip is not whole" "$T/cut.zip"
done

# A name that is not UTF-8, in a folder and in a tar file.
copy badname "$T/b2"
: >"$d/data/$(printf 'x\377.html')"
refused "a name in the bag is not UTF-8" "$d"
(cd "$T" && bsdtar -czf "$T/badname.tar.gz" badname 2>/dev/null)
refused "a name in the bag is not UTF-8" "$T/badname.tar.gz"

# A checkpoint re-signed with another key, the bundle's vkey replaced too:
# consistent in itself, caught by --key and by --previous.
copy foreign "$T/b2"
gen sign "$d" "$T/other.pem"
gen remanifest "$d"
expect_exit 0 publish-verify "$d"
refused "checkpoint signed by another key than --key" "$d" --key "$T/agency.vkey"
expect_in "$T/err" "data/log/agency.vkey is another key than --key"
refused "SECURITY ERROR: .* is signed by another key than .*b1" --previous "$T/b1" "$d"
expect_exit 0 publish-verify --key "$T/other.vkey" "$d"

# A fork: a later bundle whose log changes an early leaf, signed by the
# agency's own key (longer, and of the same size).
gen make "$T/agency.pem" "$T/fork" --origin zhifa.archive/0123abcd --size 9 --fork 0
gen make "$T/agency.pem" "$T/g1" --origin zhifa.archive/0123abcd --size 6
gen make "$T/agency.pem" "$T/g2" --origin zhifa.archive/0123abcd --size 6 --fork 3
expect_exit 0 publish-verify "$T/fork"
refused "SECURITY ERROR: the log of .*fork is not an extension of .*g1: leaf 0 differs" \
    --previous "$T/g1" "$T/fork"
refused "SECURITY ERROR: the log of .*g2 is not an extension of .*g1: leaf 3 differs" \
    --previous "$T/g1" "$T/g2"
# A log that shrank.
refused "SECURITY ERROR: the log of .*g1 is not an extension of .*fork: log shrank from 9 to 6 entries" \
    --previous "$T/fork" "$T/g1"

# A missing file, and a file not in the manifest.
copy missing "$T/b2"
rm "$d/data/index.html"
refused "data/index.html is listed in manifest-sha256.txt but missing from the bundle" "$d"
copy extra "$T/b2"
echo '<p>added</p>' >"$d/data/extra.html"
refused "data/extra.html is not in the manifest" "$d"
gen pack "$d" "$T/extra.tar.gz" tar.gz
refused "data/extra.html is not in the manifest" "$T/extra.tar.gz"
refused "Payload-Oxum says" "$T/extra.tar.gz"
# A proof changed.
copy proof "$T/b2"
p=$(ls "$d/data/log/proofs" | head -1)
sed -i 's/"proof":\["\(.\)/"proof":["f/; s/"proof":\["ff/"proof":["0f/' "$d/data/log/proofs/$p"
gen remanifest "$d"
refused "proof data/log/proofs/$p does not verify against the checkpoint's root" "$d"

# Every problem is told, not only the first.
copy many "$T/b2"
rm "$d/data/index.html"
echo x >"$d/data/extra.html"
sed -i '2{h;d};3{G}' "$d/data/log/entries.jsonl"
refused "data/index.html is listed" "$d"
expect_in "$T/err" "data/extra.html is not in the manifest"
expect_in "$T/err" "data/log/entries.jsonl fails its manifest"
expect_in "$T/err" "entries out of order at line 2"

# What the log has ended stays ended: a withdrawn record shown again is
# refused, and a current one left out of records.json too.
gen make "$T/agency.pem" "$T/g6" --origin zhifa.archive/0123abcd --size 6
expect_exit 0 publish-verify "$T/g6"
copy resurrected "$T/g6"
python3 - "$G" "$d" <<'PY' || exit 1
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("mk", sys.argv[1])
mk = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mk)
root = sys.argv[2]
entries = [mk.entry(i, None) for i in range(6)]
hashes = [mk.leaf_hash(mk.canonical(e)) for e in entries]
path = root + "/data/log/entries.jsonl"
lines = open(path, "rb").read().splitlines()
lines[2] = mk.canonical({"entry": entries[2], "hash": hashes[2].hex(),
                         "index": 2})
open(path, "wb").write(b"\n".join(lines) + b"\n")
doc = json.load(open(root + "/data/records.json", encoding="utf-8"))
e = entries[2]
doc["records"].append({"case": e["case"], "fields": e["record"], "index": 2,
                       "kind": e["kind"], "type": e["type"]})
json.dump(doc, open(root + "/data/records.json", "w", encoding="utf-8"),
          ensure_ascii=False)
open(root + "/data/log/proofs/2.json", "wb").write(mk.canonical(
    {"hash": hashes[2].hex(), "index": 2,
     "proof": [p.hex() for p in mk.path(2, hashes)], "size": 6}))
PY
gen remanifest "$d"
refused "records.json holds the record of leaf 2, which the log withdrew" "$d"
copy dropped "$T/g6"
python3 - "$d/data/records.json" <<'PY' || exit 1
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
doc["records"] = doc["records"][1:]
json.dump(doc, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
PY
gen remanifest "$d"
refused "records.json lacks the record of leaf 0" "$d"

# The CSV files are the same records as records.json, row for row.
copy csvedit "$T/b2"
f=$(grep -l . "$d/data/records-penalty.csv" "$d/data/records-other.csv" \
    "$d/data/records-licensing.csv" | while read -r c; do
	[ "$(wc -l <"$c")" -gt 1 ] && { echo "$c"; break; }; done)
python3 - "$f" <<'PY' || exit 1
import sys
p = sys.argv[1]
lines = open(p, "rb").read().split(b"\r\n")
lines[1] = lines[1].replace(b'"",', b'"\xe6\x94\xb9",', 1) if b'"",' in \
    lines[1] else lines[1][:-1] + b'X"'
open(p, "wb").write(b"\r\n".join(lines))
PY
gen remanifest "$d"
refused "$(basename "$f") differs from the records of records.json" "$d"
copy csvdrop "$T/b2"
python3 - "$f" "$d" <<'PY' || exit 1
import os, sys
p = os.path.join(sys.argv[2], "data", os.path.basename(sys.argv[1]))
lines = open(p, "rb").read().split(b"\r\n")
del lines[1]
open(p, "wb").write(b"\r\n".join(lines))
PY
gen remanifest "$d"
refused "$(basename "$f") has [0-9]+ rows but records.json [0-9]+ records" "$d"

# The audience is not signed: relabelled "sharing" to escape the record
# check, a bundle with a site is refused.
copy relabelled "$T/g6"
sed -i 's/"audience": "public"/"audience": "sharing"/' "$d/data/records.json"
sed -i 's/^Zhifa-Audience: public/Zhifa-Audience: sharing/' "$d/bag-info.txt"
gen remanifest "$d"
refused "a bundle for sharing holds site pages" "$d"

# Two names for one file in an archive (data//records.json after
# data/records.json): extracting keeps the second, so it is refused.
copy alias "$T/g6"
python3 - "$d" "$T/alias.tar.gz" <<'PY' || exit 1
import hashlib, io, os, sys, tarfile
root, out = sys.argv[1:3]
evil = open(root + "/data/records.json", "rb").read().replace(
    "某建筑公司".encode(), "无此公司".encode())
with open(root + "/manifest-sha256.txt", "a") as m:
    m.write("%s  data//records.json\n" % hashlib.sha256(evil).hexdigest())
tag = "".join("%s  %s\n" % (hashlib.sha256(open(os.path.join(root, f), "rb")
              .read()).hexdigest(), f) for f in ("bagit.txt", "bag-info.txt",
              "manifest-sha256.txt"))
open(root + "/tagmanifest-sha256.txt", "w").write(tag)
with tarfile.open(out, "w:gz") as t:
    for base, dirs, files in os.walk(root):
        for f in sorted(files):
            full = os.path.join(base, f)
            t.add(full, arcname=os.path.relpath(full, root))
    info = tarfile.TarInfo("data//records.json")
    info.size = len(evil)
    t.addfile(info, io.BytesIO(evil))
PY
refused "is not a safe name in a bag" "$T/alias.tar.gz"

# Usage, missing and non-bundles.
expect_exit 64 publish-verify
expect_in "$T/err" "usage: publish-verify BUNDLE"
expect_exit 64 publish-verify "$T/b1" "$T/b2"
expect_exit 64 publish-verify --bogus "$T/b1"
expect_exit 64 publish-verify -o tsv "$T/b1"
expect_exit 0 publish-verify --help
expect_in "$T/out" "usage: publish-verify BUNDLE"
expect_exit 66 publish-verify "$T/nonesuch.tar.gz"
expect_in "$T/err" "publish-verify: cannot open bundle '$T/nonesuch.tar.gz'"
expect_exit 66 publish-verify --previous "$T/nonesuch" "$T/b1"
expect_exit 66 publish-verify --key "$T/nonesuch.vkey" "$T/b1"
echo 'not a key' >"$T/bad.vkey"
expect_exit 65 publish-verify --key "$T/bad.vkey" "$T/b1"
echo 'just text' >"$T/text.tar.gz"
expect_exit 65 publish-verify "$T/text.tar.gz"
expect_in "$T/err" "is not a bundle"
mkdir "$T/empty"
expect_exit 65 publish-verify "$T/empty"

finish
