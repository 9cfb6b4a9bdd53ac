#!/bin/sh
# Sets up what is missing on a Debian machine, builds zhifa, and then:
#   dev.sh demo    walks a case through a fresh sample archive
#   dev.sh test    runs every test (a warnings-as-errors build, then the
#                  same tests under AddressSanitizer and UBSan)
#   dev.sh bench   runs the benchmarks in tests/bench/
#   dev.sh build   only builds (into build/)
set -eu

cd "$(dirname "$0")/.."
what=${1:-build}

packages="build-essential cmake pkg-config libsqlite3-dev libyaml-dev
libssl-dev libarchive-dev libarchive-tools unzip sqlite3 mandoc time python3"

# The tests also check the zsh and fish completions.
[ "$what" = test ] && packages="$packages zsh fish"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "dev.sh: installing$missing" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
	    --no-install-recommends $missing >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)

build() {
	dir=$1
	shift
	cmake -S . -B "$dir" -DZHIFA_WERROR=ON "$@" >/dev/null
	cmake --build "$dir" -j"$jobs" >/dev/null
}

case $what in
build)
	build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
	;;
demo)
	build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
	sh scripts/demo.sh build
	;;
test)
	build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
	(cd build && ctest -j"$jobs" --output-on-failure)
	echo "dev.sh: the same tests under AddressSanitizer and UBSan" >&2
	build build-asan -DCMAKE_BUILD_TYPE=Debug -DZHIFA_SANITIZE=ON
	(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    ctest -j"$jobs" --output-on-failure -LE slow)
	;;
bench)
	build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
	sh tests/bench/bench.sh build
	;;
*)
	echo "usage: dev.sh build|demo|test|bench" >&2
	exit 64
	;;
esac
