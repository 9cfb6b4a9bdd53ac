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

# The tests also check the zsh and fish completions, and render the public
# site in headless Chromium with a CJK font (tests/cli/site-a11y.sh), using
# the machine's node and npm when it has them.
if [ "$what" = test ]; then
	packages="$packages zsh fish chromium fonts-noto-cjk fontconfig"
	command -v node >/dev/null 2>&1 || packages="$packages nodejs"
	command -v npm >/dev/null 2>&1 || packages="$packages npm"
fi

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

# The browser check's npm packages (axe-core, playwright-core), as pinned
# by tests/a11y/package-lock.json; again only when the lock file changed.
a11y_modules() {
	lock=tests/a11y/package-lock.json
	[ tests/a11y/node_modules/.package-lock.json -nt "$lock" ] && return
	echo "dev.sh: installing tests/a11y/node_modules" >&2
	(cd tests/a11y && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci \
	    --no-audit --no-fund --loglevel=error >/dev/null)
}

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
	a11y_modules
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
