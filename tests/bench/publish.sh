#!/bin/sh
# publish-export at scale: N decided cases (default 100000) published into
# a .tar.gz, timed and measured for peak memory, beside bsdtar archiving
# the very same files (the reference, as a ratio).  A tenth of N is run
# first, so that the growth of memory with N shows.
# Usage: publish.sh [BUILD-DIR] [N]   (BENCH_SCALE=small: N = 10000)
set -eu

build=$(cd "${1:-build}" && pwd)
if [ "${BENCH_SCALE:-full}" = small ]; then n=${2:-10000}; else n=${2:-100000}; fi
cmake --build "$build" --target mkdecided >/dev/null
PATH=$build:$PATH
w=$(mktemp -d "${TMPDIR:-/tmp}/zhifa-bench-pub.XXXXXX")
trap 'rm -rf "$w"' EXIT
export HOME="$w/home" ZHIFA_ACTOR=liuyang
mkdir -p "$HOME"
unset ZHIFA_NOW ZHIFA_KEY XDG_CONFIG_HOME

now() { date +%s.%N; }
fmt() { awk "BEGIN{printf \"%.2f\", $1}"; }
ratio() { awk "BEGIN{printf \"%.2f\", ($1) / ($2)}"; }
# run NAME COMMAND...: wall seconds and peak RSS (KiB) into $t and $kib.
run() {
	t0=$(now)
	/usr/bin/time -f %M -o "$w/rss" "$@" >/dev/null
	t1=$(now)
	t=$(awk "BEGIN{print $t1 - $t0}")
	kib=$(tail -1 "$w/rss")
}

for size in $((n / 10)) "$n"; do
	export ZHIFA_ARCHIVE="$w/ar$size"
	archive-init "$ZHIFA_ARCHIVE" >/dev/null 2>&1
	echo "== publish-export of $size decisions (five kinds, a third on natural persons)"
	run mkdecided "$size"
	echo "filled in $(fmt "$t") s"
	# The sample approves before release: the head approves them all
	# first, untimed beyond this line.
	run env ZHIFA_ACTOR=chengang publish-approve
	echo "approved in $(fmt "$t") s"
	run publish-export --out "$w/first$size.tar.gz"
	t_first=$t kib_first=$kib
	run publish-export --out "$w/site$size"
	t_dir=$t kib_dir=$kib
	run publish-export --out "$w/again$size.tar.gz"
	t_again=$t kib_again=$kib
	files=$(find "$w/site$size" -type f | wc -l)
	run bsdtar -czf "$w/ref$size.tar.gz" -C "$w/site$size" .
	t_ref=$t
	echo "bundle: $files files, $(du -sm "$w/site$size" | cut -f1) MiB as a folder," \
	    "$(( $(stat -c %s "$w/again$size.tar.gz") >> 20 )) MiB as tar.gz"
	echo "bsdtar -czf of the same files    $(fmt "$t_ref") s"
	echo "publish-export, journaling all   $(fmt "$t_first") s, peak RSS $((kib_first / 1024)) MiB"
	echo "publish-export to a folder       $(fmt "$t_dir") s, peak RSS $((kib_dir / 1024)) MiB"
	echo "publish-export again, tar.gz     $(fmt "$t_again") s, peak RSS $((kib_again / 1024)) MiB"
	echo "ratio publish-export (again) / bsdtar   $(ratio "$t_again" "$t_ref")"
	echo "ratio publish-export (first) / bsdtar   $(ratio "$t_first" "$t_ref")"
	# publish-verify reads every file of the bundle once or more: its
	# reference is reading them all through SHA-256 once.
	run publish-verify "$w/again$size.tar.gz"
	t_ver=$t kib_ver=$kib
	eval "kib_ver$size=$kib"
	run sh -c "bsdtar -xOf '$w/again$size.tar.gz' | sha256sum"
	echo "publish-verify of the tar.gz     $(fmt "$t_ver") s, peak RSS $((kib_ver / 1024)) MiB (reading it: $(fmt "$t") s)"
	echo "ratio publish-verify / bsdtar -xO | sha256sum   $(ratio "$t_ver" "$t")"
	rm -rf "$w/site$size" "$w"/*"$size".tar.gz
	echo
done
# What a decision costs publish-verify: the growth of its peak memory
# from a tenth of N to N, over the decisions added (each a leaf, and
# about three files: its proof and its pages).
small=$((n / 10))
eval "a=\$kib_ver$small b=\$kib_ver$n"
echo "publish-verify memory: $(( (b - a) * 1024 / (n - small) )) bytes a decision"
