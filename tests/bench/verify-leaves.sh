#!/bin/sh
# publish-verify's memory as a log grows: a bundle whose entries.jsonl is
# replaced by N withheld leaves (a tenth of N first), its peak RSS beside
# that of reading the same file through sha256sum (the reference), and
# what one leaf costs.  The bundle no longer verifies; every leaf is read
# and kept all the same.
# Usage: verify-leaves.sh [BUILD-DIR] [N]   (BENCH_SCALE=small: N = 300000)
set -eu

build=$(cd "${1:-build}" && pwd)
if [ "${BENCH_SCALE:-full}" = small ]; then n=${2:-300000}; else n=${2:-3000000}; fi
PATH=$build:$PATH
w=$(mktemp -d "${TMPDIR:-/tmp}/zhifa-bench-leaves.XXXXXX")
trap 'rm -rf "$w"' EXIT
export HOME="$w/home" ZHIFA_ARCHIVE="$w/ar" ZHIFA_ACTOR=liuyang
mkdir -p "$HOME"
unset ZHIFA_NOW ZHIFA_KEY XDG_CONFIG_HOME
archive-init "$ZHIFA_ARCHIVE" >/dev/null 2>&1
publish-export --out "$w/b" >/dev/null 2>&1

# rss COMMAND...: peak RSS in KiB.
rss() {
	/usr/bin/time -f %M -o "$w/rss" "$@" >/dev/null 2>&1 || true
	tail -1 "$w/rss"
}

echo "== publish-verify of a log of $((n / 10)) and of $n leaves"
for size in $((n / 10)) "$n"; do
	awk -v n="$size" 'BEGIN { for (i = 0; i < n; i++)
	    printf "{\"hash\":\"%064x\",\"index\":%d}\n", i, i }' \
	    >"$w/b/data/log/entries.jsonl"
	k=$(rss publish-verify "$w/b")
	r=$(rss sha256sum "$w/b/data/log/entries.jsonl")
	eval "kib$size=$k"
	echo "$size leaves: publish-verify peak RSS $((k / 1024)) MiB," \
	    "sha256sum of entries.jsonl $((r / 1024)) MiB," \
	    "ratio $(awk "BEGIN{printf \"%.1f\", $k / $r}")"
done
small=$((n / 10))
eval "a=\$kib$small b=\$kib$n"
echo "publish-verify memory: $(( (b - a) * 1024 / (n - small) )) bytes a leaf"
