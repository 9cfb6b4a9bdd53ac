#!/bin/sh
# Sets up what is missing on a Debian machine, builds zhifa, and then:
#   dev.sh demo    walks a case through a fresh sample archive
#   dev.sh test    runs every test (a warnings-as-errors build, then the
#                  same tests under AddressSanitizer and UBSan)
#   dev.sh bench   runs the benchmarks in tests/bench/
#   dev.sh fuzz [SECONDS]
#                  builds the libFuzzer targets of tests/fuzz/ with clang
#                  (into build-fuzz/) and runs each on its corpus for
#                  SECONDS (300); a crash is kept in tests/fuzz/regress/
#   dev.sh crashloop
#                  kills each writing program after its Nth write, fsync,
#                  rename, link or unlink, for every N, checking the
#                  archive after each kill (tests/cli/crashloop.sh, all N)
#   dev.sh sweep   makes every call of each kind of system call fail in
#                  turn, with EIO and ENOSPC (tests/cli/faults.sh, all)
#   dev.sh deb     builds the Debian package build-deb/zhifa_VERSION_ARCH.deb
#                  (cpack, with Debian's hardening flags) and checks it
#                  with lintian
#   dev.sh deb-test
#                  builds it, then installs it with apt-get into a fresh
#                  Debian 12 made by debootstrap (in build-deb/root) and
#                  walks the demo there with the installed programs; also
#                  checks the systemd units (tests/pkg/deb.sh)
#   dev.sh build   only builds (into build/)
set -eu

cd "$(dirname "$0")/.."
what=${1:-build}

packages="build-essential cmake pkg-config libsqlite3-dev libyaml-dev
libssl-dev libarchive-dev libarchive-tools unzip sqlite3 mandoc time python3
libpq-dev zlib1g-dev libqrencode-dev libxlsxwriter-dev gettext locales"

# The fuzz targets need clang and libFuzzer's runtime, which clang only
# recommends; the crash loop needs strace.
case $what in
test) packages="$packages clang libclang-rt-14-dev strace postgresql-15" ;;
fuzz) packages="$packages clang libclang-rt-14-dev" ;;
crashloop|sweep) packages="$packages strace" ;;
esac
# The package: dpkg-shlibdeps computes its Depends, lintian checks it,
# debootstrap makes the fresh Debian it is installed into, and
# systemd-analyze checks its units.
case $what in
test|deb|deb-test) packages="$packages dpkg-dev lintian debootstrap systemd" ;;
esac

# The tests also check the zsh and fish completions, and render the public
# site in headless Chromium with a CJK font (tests/cli/site-a11y.sh), using
# the machine's node and npm when it has them.
if [ "$what" = test ]; then
	packages="$packages zsh fish chromium fonts-noto-cjk fontconfig"
	# The documents' check: LibreOffice opens each .docx, pdftotext
	# reads the PDF, zbarimg the QR code in it.
	packages="$packages libreoffice-writer-nogui poppler-utils zbar-tools"
	command -v node >/dev/null 2>&1 || packages="$packages nodejs"
	command -v npm >/dev/null 2>&1 || packages="$packages npm"
fi

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed" || missing="$missing $p"
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
if [ -n "$missing" ]; then
	echo "dev.sh: installing$missing" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
	    --no-install-recommends $missing >/dev/null
fi

# The messages' tests read Chinese: the locale zh_CN.UTF-8 must exist.
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\{0,1\}8'; then
	echo "dev.sh: generating the locale zh_CN.UTF-8" >&2
	$sudo localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
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

# fuzz SECONDS: builds the fuzz targets into build-fuzz, replays every
# regression input, then runs each target for SECONDS on its corpus (the
# seeds of tests/fuzz/corpus/ and what earlier runs found, kept in
# build-fuzz/corpus/).  A crash is saved in tests/fuzz/regress/TARGET/ and
# makes the run fail, after every target has run.
fuzz() {
	secs=$1
	(CC=clang cmake -S . -B build-fuzz -DZHIFA_WERROR=ON -DZHIFA_FUZZ=ON \
	    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
	    cmake --build build-fuzz -j"$jobs" --target fuzz >/dev/null)
	sh tests/fuzz/mkbundles.sh build-fuzz/seeds/bundle
	fuzz_failed=""
	for src in tests/fuzz/fuzz-*.c; do
		t=${src#tests/fuzz/fuzz-}
		t=${t%.c}
		mkdir -p "build-fuzz/corpus/$t" "tests/fuzz/regress/$t"
		log=build-fuzz/fuzz-$t.log
		set -- tests/fuzz/regress/$t/*
		if [ -e "$1" ] && ! build-fuzz/fuzz-$t "$@" >"$log" 2>&1; then
			tail -30 "$log" >&2
			echo "dev.sh: fuzz-$t: a regression input fails again" >&2
			fuzz_failed="$fuzz_failed $t"
			continue
		fi
		set --
		[ -d "tests/fuzz/corpus/$t" ] && set -- "tests/fuzz/corpus/$t"
		[ -d "build-fuzz/seeds/$t" ] && set -- "$@" "build-fuzz/seeds/$t"
		if ! build-fuzz/fuzz-$t -max_total_time="$secs" -timeout=20 \
		    -rss_limit_mb=2048 -print_final_stats=1 \
		    -artifact_prefix="tests/fuzz/regress/$t/" \
		    "build-fuzz/corpus/$t" "$@" >"$log" 2>&1; then
			tail -40 "$log" >&2
			echo "dev.sh: fuzz-$t: crashed; the input is kept in" \
			    "tests/fuzz/regress/$t/" >&2
			fuzz_failed="$fuzz_failed $t"
			continue
		fi
		printf 'dev.sh: fuzz-%s: %s executions in %s s, no crash\n' "$t" \
		    "$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")" \
		    "$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' \
		    "$log")" >&2
	done
	if [ -n "$fuzz_failed" ]; then
		echo "dev.sh: fuzz targets that failed:$fuzz_failed" >&2
		return 1
	fi
}

# deb: the Debian package, built as Debian builds (prefix /usr, the
# flags of dpkg-buildflags: hardening and all), then lintian.
deb() {
	rm -rf build-deb
	CFLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
	LDFLAGS="$(dpkg-buildflags --get LDFLAGS)" \
	    cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=None \
	    -DCMAKE_INSTALL_PREFIX=/usr -DZHIFA_WERROR=ON >/dev/null
	cmake --build build-deb -j"$jobs" >/dev/null
	(cd build-deb && cpack -G DEB >/dev/null)
	set -- build-deb/zhifa_*.deb
	lintian --fail-on error --tag-display-limit 0 "$1" >&2
	echo "dev.sh: $1 (lintian: no error)" >&2
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
	echo "dev.sh: each fuzz target for 20 s" >&2
	fuzz 20
	echo "dev.sh: the Debian package, installed into a fresh Debian 12" >&2
	deb
	sh tests/pkg/deb.sh build-deb/zhifa_*.deb
	;;
deb)
	deb
	;;
deb-test)
	deb
	sh tests/pkg/deb.sh build-deb/zhifa_*.deb
	;;
fuzz)
	fuzz "${2:-300}"
	;;
crashloop)
	build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
	ZHIFA_BIN=$PWD/build ZHIFA_SRC=$PWD ZHIFA_CRASHLOOP=all \
	    sh tests/cli/crashloop.sh
	;;
sweep)
	build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
	ZHIFA_BIN=$PWD/build ZHIFA_SRC=$PWD ZHIFA_SWEEP=all \
	    sh tests/cli/faults.sh
	;;
bench)
	build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
	sh tests/bench/bench.sh build
	;;
*)
	echo "usage: dev.sh build|demo|test|bench|fuzz [SECONDS]|crashloop|sweep|deb|deb-test" >&2
	exit 64
	;;
esac
