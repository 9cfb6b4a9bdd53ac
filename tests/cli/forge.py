#!/usr/bin/env python3
"""What an insider with sqlite3 can do to a zhifa.db (SHA-256 archives),
for the trust tests: every hash, link and tree hash made right, only the
personal signatures (which need a person's private key) missing or wrong.

  forge.py DB append SEQ ACTOR   appends a copy of event SEQ's data as the
                                 next event, by ACTOR, unsigned
  forge.py DB actor SEQ ACTOR    makes ACTOR the actor of event SEQ and
                                 rewrites every later hash and link
  forge.py DB time SEQ TIME      gives event SEQ the recording time TIME,
                                 likewise
  forge.py DB clock SEQ VALUE    gives event SEQ the member clock, likewise
  forge.py DB signed SEQ ACTOR KEY.pem
                                 appends a copy of event SEQ's data as the
                                 next event by ACTOR, signed with ACTOR's
                                 own Ed25519 key (openssl)
Both rebuild the Merkle tree table from the journal.  Prints the number
of the event forged.
"""
import base64
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile


def canonical(v):
    return json.dumps(v, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode()


def h(b):
    return hashlib.sha256(b).digest()


def stored_index(level, n):
    for _ in range(level):
        n = 2 * n + 1
    i = 0
    while n > 0:
        i += n
        n >>= 1
    return i + level


def rebuild_tree(db):
    db.execute("DELETE FROM tree")
    stored = {}
    bodies = [r[0] for r in db.execute("SELECT body FROM journal ORDER BY seq")]
    for n, body in enumerate(bodies):
        leaf = h(b"\x00" + body.encode())
        idx = stored_index(0, n)
        out = [leaf]
        m = 0
        while (n + 1) >> m & 1 == 0:
            m += 1
        node = leaf
        for i in range(m):
            left = stored[stored_index(i, (n >> i) - 1)]
            node = h(b"\x01" + left + node)
            out.append(node)
        for k, x in enumerate(out):
            stored[idx + k] = x
    for idx, x in stored.items():
        db.execute("INSERT INTO tree (idx, hash) VALUES (?, ?)", (idx, x))


def rechain(db, start):
    rows = db.execute("SELECT seq, body FROM journal WHERE seq >= ? "
                      "ORDER BY seq", (start,)).fetchall()
    prev = db.execute("SELECT hash FROM journal WHERE seq = ?",
                      (start - 1,)).fetchone()
    prev = prev[0] if prev else bytes(32)
    for seq, body in rows:
        ev = json.loads(body)
        ev["prev"] = prev.hex()
        b = canonical(ev)
        digest = h(b)
        db.execute("UPDATE journal SET body = ?, hash = ?, prev = ?, "
                   "actor = ? WHERE seq = ?",
                   (b.decode(), digest, prev, ev["actor"], seq))
        prev = digest


def sign(keyfile, name, digest):
    """The sigs column of an event signed by keyfile, for name."""
    der = subprocess.run(["openssl", "pkey", "-in", keyfile, "-pubout",
                          "-outform", "DER"], check=True,
                         capture_output=True).stdout
    pub = der[-32:]
    keyid = hashlib.sha256(name.encode() + b"\n\x01" + pub).digest()[:4]
    with tempfile.NamedTemporaryFile() as f:
        f.write(b"zhifa event\n" + digest)
        f.flush()
        sig = subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey",
                              keyfile, "-rawin", "-in", f.name], check=True,
                             capture_output=True).stdout
    return json.dumps([{"key": "%s+%s" % (name, keyid.hex()),
                        "sig": base64.b64encode(sig).decode()}],
                      separators=(",", ":"), sort_keys=True)


def main():
    db = sqlite3.connect(sys.argv[1])
    what, seq, actor = sys.argv[2], int(sys.argv[3]), sys.argv[4]
    if what in ("append", "signed"):
        body = db.execute("SELECT body FROM journal WHERE seq = ?",
                          (seq,)).fetchone()[0]
        last, last_hash = db.execute(
            "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        ev = json.loads(body)
        ev["seq"] = last + 1
        ev["actor"] = actor
        ev["prev"] = last_hash.hex()
        b = canonical(ev)
        sigs = sign(sys.argv[5], actor, h(b)) if what == "signed" else "[]"
        db.execute("INSERT INTO journal (seq, hash, prev, time, actor, "
                   "case_id, type, body, sigs) VALUES (?, ?, ?, ?, ?, ?, "
                   "?, ?, ?)",
                   (last + 1, h(b), last_hash, ev["time"], actor,
                    ev.get("case"), ev["type"], b.decode(), sigs))
        forged = last + 1
    elif what in ("actor", "time", "clock"):
        body = db.execute("SELECT body FROM journal WHERE seq = ?",
                          (seq,)).fetchone()[0]
        ev = json.loads(body)
        ev[what] = actor
        db.execute("UPDATE journal SET time = ? WHERE seq = ?",
                   (ev["time"], seq))
        db.execute("UPDATE journal SET body = ? WHERE seq = ?",
                   (canonical(ev).decode(), seq))
        rechain(db, seq)
        forged = seq
    else:
        sys.exit("forge.py: append or actor")
    rebuild_tree(db)
    db.commit()
    print(forged)


main()
