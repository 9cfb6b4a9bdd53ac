#!/bin/sh
# case-step CASE archive --out: the transfer package (归档移交) of a closed
# case — its documents and evidence in order with a table of contents,
# its events with signatures and Merkle proofs against a signed
# checkpoint, its keys and retention — checked by sha256sum -c and by
# publish-verify, any changed byte found; refused for an open case and
# inside the archive, the archive unchanged; case-list --disposal-due
# lists a file once its retention period has passed.
. "$(dirname "$0")/lib.sh"
plan 1

printf '现场照片\n' >"$T/photo.jpg"
new_archive
decided_case 甲建筑公司 || exit 1
p=$decided
evidence-add "$p" "$T/photo.jpg" --title 现场照片 >/dev/null 2>&1 || exit 1
at 2026-11-20
publish-export --as liuyang --out "$T/site" >/dev/null 2>&1 || exit 1
case-step "$p" serve --method direct >/dev/null 2>&1 || exit 1
case-step "$p" execute >/dev/null 2>&1 || exit 1
expect_exit 0 case-step "$p" close
finish
