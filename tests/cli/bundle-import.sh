#!/bin/sh
# bundle-import: another agency's exchange bundle taken in when it is
# whole, signed by a trusted key and every event verifies; each bundle of
# a hostile corpus built here is refused with its reason and leaves the
# archive exactly as it was (every file and its digest compared): path
# traversal, an absolute name, a link then a write through it, a hard
# link, a device, a name twice, too many bytes, too many entries, a cut
# archive, a changed file, a changed and re-manifested exchange.json, an
# untrusted key, a format other than tar or zip, a folder.
. "$(dirname "$0")/lib.sh"
plan 72

at 2026-11-02
# The exporting agency: a case with evidence, exported as .tar.gz and .zip.
ZHIFA_ARCHIVE=$T/a
new_archive
printf '现场照片\n' >"$T/photo.jpg"
c=$(new_case 甲公司) || exit 1
evidence-add "$c" "$T/photo.jpg" >/dev/null 2>&1 || exit 1
case-export "$c" --to 示例市住房和城乡建设局 --out "$T/good.tar.gz" \
    --as chengang >/dev/null 2>&1 || exit 1
case-export "$c" --to 示例市住房和城乡建设局 --out "$T/good.zip" \
    --as chengang >/dev/null 2>&1 || exit 1
vkey=$(python3 -c "import json,tarfile,sys
t = tarfile.open(sys.argv[1])
print(json.load(t.extractfile('data/exchange.json'))['agency']['vkey'])" \
    "$T/good.tar.gz")

# The receiving agency trusts it, with caps a test can reach.
ZHIFA_ARCHIVE=$T/b
export ZHIFA_ARCHIVE
new_archive
printf 'sharing:\n  trusted: ["%s"]\n  max_entries: 40\n  max_bytes: 200000\n' \
    "$vkey" >>"$ZHIFA_ARCHIVE/zhifa.yaml"
apply_config
# A third agency trusts nobody.
ZHIFA_ARCHIVE=$T/c new_archive

# The hostile corpus, from the good bundle.
python3 - "$T/good.tar.gz" "$T" <<'PY'
import hashlib, io, sys, tarfile, zipfile
src, out = sys.argv[1], sys.argv[2]
good = tarfile.open(src)
members = [(m, good.extractfile(m).read() if m.isfile() else None)
           for m in good.getmembers()]
def write(name, extra=(), drop=(), change=None, fmt="w:gz"):
    t = tarfile.open(out + "/" + name, fmt)
    for m, data in members:
        if m.name in drop:
            continue
        if change and m.name in change:
            data = change[m.name]
            m.size = len(data)
        t.addfile(m, io.BytesIO(data) if data is not None else None)
    for m, data in extra:
        t.addfile(m, io.BytesIO(data) if data is not None else None)
    t.close()
def member(name, kind=tarfile.REGTYPE, data=b"x", link=""):
    m = tarfile.TarInfo(name)
    m.type = kind
    m.linkname = link
    m.size = len(data) if kind == tarfile.REGTYPE else 0
    return (m, data if kind == tarfile.REGTYPE else None)
write("traversal.tar.gz", [member("../evil.txt")])
write("absolute.tar.gz", [member("/tmp/zhifa-evil.txt")])
write("symlink.tar.gz", [member("data/link", tarfile.SYMTYPE, link="/tmp"),
                         member("data/link/evil.txt")])
write("hardlink.tar.gz", [member("data/hard", tarfile.LNKTYPE,
                                 link="data/keys.json")])
write("device.tar.gz", [member("data/null", tarfile.CHRTYPE)])
write("duplicate.tar.gz", [member("data/keys.json", data=b"[]")])
write("oversize.tar.gz", [member("data/big.bin", data=b"0" * 300000)])
write("entries.tar.gz", [member("data/f%d" % i) for i in range(50)])
x = [d for m, d in members if m.name == "data/exchange.json"][0]
# a payload file changed, its manifest not
keys = [d for m, d in members if m.name == "data/keys.json"][0]
write("digest.tar.gz", change={"data/keys.json": keys.replace(b"zhangwei",
                                                              b"zhangwex")})
# exchange.json changed and the manifests made to agree: the signature
# no longer does
x2 = x.replace("示例市住房和城乡建设局".encode(), "某某".encode())
man = [d for m, d in members if m.name == "manifest-sha256.txt"][0].decode()
man = man.replace(hashlib.sha256(x).hexdigest(), hashlib.sha256(x2).hexdigest())
tag = [d for m, d in members if m.name == "tagmanifest-sha256.txt"][0].decode()
old = [d for m, d in members if m.name == "manifest-sha256.txt"][0]
tag = tag.replace(hashlib.sha256(old).hexdigest(),
                  hashlib.sha256(man.encode()).hexdigest())
write("signature.tar.gz", change={"data/exchange.json": x2,
                                  "manifest-sha256.txt": man.encode(),
                                  "tagmanifest-sha256.txt": tag.encode()})
raw = open(src, "rb").read()
open(out + "/truncated.tar.gz", "wb").write(raw[:len(raw) // 2])
z = zipfile.ZipFile(out + "/traversal.zip", "w")
for m, data in members:
    if data is not None:
        z.writestr(m.name, data)
z.writestr("../evil.txt", b"x")
z.close()
PY
bsdtar -cf "$T/other.cpio" --format cpio -C "$T" photo.jpg
mkdir "$T/folder"

# Each refused, and the archive exactly as it was.  A clerk takes in.
# The quarantines are made in a folder of the test's own.
export ZHIFA_ACTOR=liuyang
mkdir "$T/q"
export TMPDIR="$T/q"
mark
expect_refused 65 "names a '.' or '..' part" bundle-import "$T/traversal.tar.gz"
expect_refused 65 "absolute name" bundle-import "$T/absolute.tar.gz"
expect_refused 65 "not a regular file" bundle-import "$T/symlink.tar.gz"
check "nothing written through the link" test ! -e /tmp/evil.txt
expect_refused 65 "not a regular file" bundle-import "$T/hardlink.tar.gz"
expect_refused 65 "not a regular file" bundle-import "$T/device.tar.gz"
expect_refused 65 "named twice" bundle-import "$T/duplicate.tar.gz"
expect_refused 65 "more than 200000 bytes" bundle-import "$T/oversize.tar.gz"
expect_refused 65 "more than 40 entries" bundle-import "$T/entries.tar.gz"
expect_refused 65 "truncated" bundle-import "$T/truncated.tar.gz"
expect_refused 65 "does not match its digest" bundle-import "$T/digest.tar.gz"
expect_refused 65 "does not verify with the key" bundle-import \
    "$T/signature.tar.gz"
expect_refused 65 "names a '.' or '..' part" bundle-import "$T/traversal.zip"
expect_refused 65 "a tar or zip file only" bundle-import "$T/other.cpio"
expect_refused 65 "not a folder" bundle-import "$T/folder"
expect_refused 77 "may not take in another agency's cases" \
    bundle-import "$T/good.tar.gz" --as zhangwei
ZHIFA_ARCHIVE=$T/c
mark
expect_refused 77 "signed by a key not trusted" \
    bundle-import "$T/good.tar.gz"
ZHIFA_ARCHIVE=$T/b
check "no quarantine left behind" test -z "$(ls -A "$T/q")"

# The good bundles: taken in, listed by their agency's prefix, apart
# from this agency's own cases; the archive verifies.
expect_exit 0 bundle-import "$T/good.tar.gz" -o json
check_json "the case taken in keeps its agency" "$T/out" "$c" <<'PY'
assert [x["case"] for x in j["cases"]] == [arg[0]], j
assert j["cases"][0]["id"].endswith(":" + arg[0]), j
assert j["agency"] == "示例县住房和城乡建设局", j
PY
expect_exit 0 bundle-import "$T/good.zip"
expect_exit 0 bundle-import --list -o json
check_json "listed once, the later bundle's" "$T/out" <<'PY'
assert len(j) == 1 and j[0]["events"] > 0, j
PY
expect_exit 0 case-list -o json
check_json "not among this agency's own cases" "$T/out" <<'PY'
assert j == [], j
PY
expect_exit 0 case-list --imported -o json
check_json "case-list --imported lists it" "$T/out" <<'PY'
assert len(j) == 1 and j[0]["agency"] == "示例县住房和城乡建设局", j
PY
# A later bundle replaces what the earlier said; the earlier one again
# is skipped, and an earlier one taken in after a later changes nothing.
at 2026-11-05
ZHIFA_ARCHIVE=$T/a case-step "$c" notify --as zhangwei >/dev/null 2>&1 || exit 1
ZHIFA_ARCHIVE=$T/a case-export "$c" --to 示例市住房和城乡建设局 \
    --out "$T/later.tar.gz" --as chengang >/dev/null 2>&1 || exit 1
expect_exit 0 bundle-import "$T/later.tar.gz"
expect_exit 0 bundle-import "$T/good.tar.gz"
expect_in "$T/out" "skipped"
n=$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "SELECT count(*) FROM journal")
mark
expect_exit 0 bundle-import "$T/good.zip"
unchanged "an import skipped writes nothing"
expect_exit 0 case-stats --imported -o json
check_json "statistics count the cases taken in only when asked" "$T/out" <<'PY'
assert [(r["key"], r["cases"]) for r in j] == [
    ("示例县住房和城乡建设局/penalty", 1), ("all", 1)], j
PY
expect_exit 0 case-stats -o json
check_json "and not among this agency's own" "$T/out" <<'PY'
assert j[-1]["key"] == "all" and j[-1]["cases"] == 0, j
PY
expect_exit 0 case-list --imported -o json
check_json "the later bundle's case stays" "$T/out" <<'PY'
assert len(j) == 1 and j[0]["events"] == 3, j  # filed, evidence, notify
PY
expect_exit 0 archive-verify
expect_in "$T/err" "ok (0 errors"
finish
