#!/bin/sh
# mkbundles.sh DIR: writes small publication bundles into DIR, the seed
# corpus of fuzz-bundle (not stored in the tree, as they are binary):
# a .tar.gz and a .zip as tests/pubverify/mkbundle.py makes them, and the
# same bags packed without compression (a plain tar, a stored zip), whose
# bytes a fuzzer's mutations reach.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
g="$src/tests/pubverify/mkbundle.py"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zhifa-mkbundles.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
python3 "$g" keygen "$tmp/key.pem"
python3 "$g" make "$tmp/key.pem" "$tmp/b6" --origin zhifa.archive/0123abcd \
    --size 6 --format dir
python3 "$g" make "$tmp/key.pem" "$tmp/b3" --origin zhifa.archive/0123abcd \
    --size 3 --format dir
python3 "$g" pack "$tmp/b6" "$out/b6.tar.gz" tar.gz
python3 "$g" pack "$tmp/b3" "$out/b3.zip" zip
python3 - "$tmp/b3" "$tmp/b6" "$out" <<'PY'
import os, sys, tarfile, zipfile
b3, b6, out = sys.argv[1:4]
def files(d):
    for root, _, names in os.walk(d):
        for n in sorted(names):
            p = os.path.join(root, n)
            yield p, os.path.relpath(p, d)
with zipfile.ZipFile(os.path.join(out, "b3-stored.zip"), "w",
                     zipfile.ZIP_STORED) as z:
    for p, n in files(b3):
        z.write(p, n)
with tarfile.open(os.path.join(out, "b3.tar"), "w",
                  format=tarfile.USTAR_FORMAT) as t:
    for p, n in files(b3):
        t.add(p, n)
PY
