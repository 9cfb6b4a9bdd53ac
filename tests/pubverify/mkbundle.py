#!/usr/bin/env python3
"""Writes publication bundles by the bundle format (version 1), for tests.

Only the standard library and the openssl command (Ed25519 signatures).

  mkbundle.py keygen KEY.pem
  mkbundle.py vkey KEY.pem ORIGIN            prints the verifier key line
  mkbundle.py make KEY.pem OUT --origin O --size N [--format dir|tar.gz|zip]
              [--fork LEAF] [--top NAME] [--as-of DATE]
  mkbundle.py sign DIR KEY.pem              re-signs data/log/checkpoint and
                                            data/log/journal-checkpoint, and
                                            writes data/log/agency.vkey
  mkbundle.py remanifest DIR                recomputes Payload-Oxum and both
                                            manifests
  mkbundle.py pack DIR OUT tar.gz|zip [--top NAME] [--order reverse]

The log is a fixed sequence of entries: publications of cases, with a
correction of leaf 1 at leaf 4 and a withdrawal of leaf 2 at leaf 5, so a
log of 6 or more leaves has entries withheld.  --fork LEAF changes the
record of that leaf (a rewritten history, signed all the same).
"""
import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile


def canonical(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def sha(b):
    return hashlib.sha256(b).digest()


def leaf_hash(b):
    return sha(b"\x00" + b)


def node(l, r):
    return sha(b"\x01" + l + r)


def split(n):
    k = 1
    while k < n - k:
        k <<= 1
    return k


def mth(h):
    if not h:
        return sha(b"")
    if len(h) == 1:
        return h[0]
    k = split(len(h))
    return node(mth(h[:k]), mth(h[k:]))


def path(m, h):
    if len(h) <= 1:
        return []
    k = split(len(h))
    if m < k:
        return path(m, h[:k]) + [mth(h[k:])]
    return path(m - k, h[k:]) + [mth(h[:k])]


def entry(i, fork):
    case = "C2026-%04d" % (i + 1)
    if i == 4:
        e = {"case": "C2026-0002", "kind": "penalty",
             "number": "示建罚决〔2026〕2号", "published": "2026-11-20",
             "record": {"CF_WSH": "示建罚决〔2026〕2号", "CF_XDR_MC": "某建筑公司",
                        "CF_FKJE": "20000"},
             "type": "correct", "corrects": 1, "reason": "罚款金额笔误",
             "until": "2029-11-16", "v": 1}
    elif i == 5:
        e = {"case": "C2026-0003", "number": "示建罚决〔2026〕3号", "of": 2,
             "reason": "决定被撤销", "date": "2026-11-20", "type": "withdraw",
             "v": 1}
    else:
        kind = "licensing" if i % 3 == 2 else "penalty"
        e = {"case": case, "kind": kind,
             "number": "示建罚决〔2026〕%d号" % (i + 1),
             "published": "2026-11-20",
             "record": {"CF_WSH": "示建罚决〔2026〕%d号" % (i + 1),
                        "CF_XDR_MC": "某建筑公司%d" % (i + 1),
                        "CF_FKJE": str(10000 + i)},
             "type": "publish", "until": "2029-11-16", "v": 1}
    if fork is not None and i == fork and "record" in e:
        e["record"]["CF_FKJE"] = "1"
    return e


def withheld(entries):
    gone = set()
    for e in entries:
        if e["type"] == "correct":
            gone.add(e["corrects"])
        if e["type"] in ("withdraw", "expire"):
            gone.add(e["of"])
    return gone


def openssl(*args, data=None):
    return subprocess.run(("openssl",) + args, input=data, check=True,
                          stdout=subprocess.PIPE).stdout


def public_key(keyfile):
    der = openssl("pkey", "-in", keyfile, "-pubout", "-outform", "DER")
    return der[-32:]


def key_id(name, pub):
    return sha(name.encode() + b"\n\x01" + pub)[:4]


def vkey(keyfile, name):
    pub = public_key(keyfile)
    return "%s+%s+%s" % (name, key_id(name, pub).hex(),
                         base64.b64encode(b"\x01" + pub).decode())


def sign_note(keyfile, name, text):
    with tempfile.NamedTemporaryFile() as f:
        f.write(text.encode())
        f.flush()
        sig = openssl("pkeyutl", "-sign", "-inkey", keyfile, "-rawin",
                      "-in", f.name)
    blob = key_id(name, public_key(keyfile)) + sig
    return text + "\n\u2014 %s %s\n" % (name, base64.b64encode(blob).decode())


def write(root, name, data):
    p = os.path.join(root, name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def read(root, name):
    with open(os.path.join(root, name), "rb") as f:
        return f.read()


def payload_files(root):
    out = []
    for d, _, files in os.walk(os.path.join(root, "data")):
        for f in files:
            out.append(os.path.relpath(os.path.join(d, f), root))
    return sorted(out)


def remanifest(root):
    files = payload_files(root)
    octets = sum(os.path.getsize(os.path.join(root, f)) for f in files)
    info = [l for l in read(root, "bag-info.txt").decode().splitlines()
            if not l.startswith("Payload-Oxum:")]
    info.insert(1, "Payload-Oxum: %d.%d" % (octets, len(files)))
    write(root, "bag-info.txt", "\n".join(info) + "\n")
    write(root, "manifest-sha256.txt", "".join(
        "%s  %s\n" % (hashlib.sha256(read(root, f)).hexdigest(), f)
        for f in files))
    write(root, "tagmanifest-sha256.txt", "".join(
        "%s  %s\n" % (hashlib.sha256(read(root, f)).hexdigest(), f)
        for f in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")))


def sign(root, keyfile):
    """Re-signs the checkpoint's text with keyfile; writes its vkey."""
    note = read(root, "data/log/checkpoint").decode()
    text = note[:note.index("\n\n") + 1]
    origin = text.split("\n")[0]
    name = origin[:-len("/publication")]
    write(root, "data/log/checkpoint", sign_note(keyfile, name, text))
    write(root, "data/log/agency.vkey", vkey(keyfile, name) + "\n")
    # The journal's checkpoint the bundle carries, signed alike.
    if os.path.exists(os.path.join(root, "data/log/journal-checkpoint")):
        note = read(root, "data/log/journal-checkpoint").decode()
        text = note[:note.index("\n\n") + 1]
        write(root, "data/log/journal-checkpoint",
              sign_note(keyfile, name, text))


def make(keyfile, root, origin, size, fork, as_of):
    entries = [entry(i, fork) for i in range(size)]
    gone = withheld(entries)
    hashes = [leaf_hash(canonical(e)) for e in entries]
    root_hash = mth(hashes)
    os.makedirs(root)
    write(root, "bagit.txt",
          "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    write(root, "bag-info.txt",
          "Bagging-Date: %s\nSource-Organization: 示例县住房和城乡建设局\n"
          "Zhifa-Bundle-Version: 1\nZhifa-Audience: public\n"
          "Zhifa-Log-Size: %d\nZhifa-As-Of: %s\n" % (as_of, size, as_of))
    lines, records = [], []
    for i, (e, h) in enumerate(zip(entries, hashes)):
        line = {"hash": h.hex(), "index": i}
        if i not in gone:
            line["entry"] = e
        lines.append(canonical(line) + b"\n")
        if i in gone or e["type"] not in ("publish", "correct"):
            continue
        records.append({"case": e["case"], "fields": e["record"],
                        "index": i, "kind": e["kind"], "type": e["type"]})
        write(root, "data/log/proofs/%d.json" % i, canonical(
            {"hash": h.hex(), "index": i,
             "proof": [p.hex() for p in path(i, hashes)], "size": size}))
        write(root, "data/decisions/%s.html" % e["case"],
              "<!doctype html><title>%s</title><p>%s</p>\n"
              % (e["number"], e["record"]["CF_XDR_MC"]))
    write(root, "data/log/entries.jsonl", b"".join(lines))
    write(root, "data/records.json", json.dumps(
        {"as_of": as_of, "audience": "public", "log_size": size,
         "records": records}, ensure_ascii=False, indent=1) + "\n")
    write(root, "data/index.html",
          "<!doctype html><title>行政执法公示</title><p>%d</p>\n"
          % len(records))
    write(root, "data/style.css", "body { font-size: 18px }\n")
    # The CSV files hold the same records, one file per schema.
    for schema in ("penalty", "licensing", "other"):
        # A record's schema is by its items: CF_WSH penalty, XK_WSH
        # licensing (a licence granted), else other.
        rows = [r["fields"] for r in records
                if ("penalty" if "CF_WSH" in r["fields"] else "licensing"
                    if "XK_WSH" in r["fields"] else "other") == schema]
        cols = sorted(rows[0]) if rows else ["BZ"]
        text = ",".join('"%s"' % c for c in cols) + "\r\n"
        for f in rows:
            text += ",".join('"%s"' % f[c].replace('"', '""')
                             for c in cols) + "\r\n"
        write(root, "data/records-%s.csv" % schema, "\ufeff" + text)
    name = origin
    text = "%s/publication\n%d\n%s\n" % (
        name, size, base64.b64encode(root_hash).decode())
    write(root, "data/log/checkpoint", sign_note(keyfile, name, text))
    write(root, "data/log/agency.vkey", vkey(keyfile, name) + "\n")
    remanifest(root)


def pack(root, out, fmt, top, order="bagit"):
    names = ["bagit.txt"] + payload_files(root) + [
        "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt"]
    if order == "reverse":
        names.reverse()
    prefix = top + "/" if top else ""
    if fmt == "tar.gz":
        with tarfile.open(out, "w:gz", format=tarfile.PAX_FORMAT) as t:
            for n in names:
                data = read(root, n)
                info = tarfile.TarInfo(prefix + n)
                info.size = len(data)
                info.mode = 0o644
                t.addfile(info, io.BytesIO(data))
    else:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for n in names:
                z.writestr(prefix + n, read(root, n))


def main(argv):
    cmd = argv[1]
    opts = {}
    rest = []
    i = 2
    while i < len(argv):
        if argv[i].startswith("--"):
            opts[argv[i][2:]] = argv[i + 1]
            i += 2
        else:
            rest.append(argv[i])
            i += 1
    if cmd == "keygen":
        openssl("genpkey", "-algorithm", "ed25519", "-out", rest[0])
    elif cmd == "vkey":
        print(vkey(rest[0], rest[1]))
    elif cmd == "make":
        fmt = opts.get("format", "dir")
        out = rest[1]
        root = out if fmt == "dir" else tempfile.mkdtemp() + "/b"
        make(rest[0], root, opts["origin"], int(opts["size"]),
             int(opts["fork"]) if "fork" in opts else None,
             opts.get("as-of", "2026-11-20"))
        if fmt != "dir":
            pack(root, out, fmt, opts.get("top", "gongshi"))
            shutil.rmtree(os.path.dirname(root))
    elif cmd == "sign":
        sign(rest[0], rest[1])
    elif cmd == "remanifest":
        remanifest(rest[0])
    elif cmd == "pack":
        pack(rest[0], rest[1], rest[2], opts.get("top", "gongshi"),
             opts.get("order", "bagit"))
    else:
        sys.exit("mkbundle: unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)
