#!/bin/sh
# The Debian package, installed as a bureau would install it:
#   tests/pkg/deb.sh build-deb/zhifa_VERSION_ARCH.deb
# debootstrap makes a fresh, minimal Debian 12 beside the package (ROOT,
# by default build-deb/root); apt-get install ./zhifa_*.deb takes the
# package there with the dependencies it names; then, as root in it:
# archive-init, case-new and man case-new; the demo (installed with the
# documentation) walks a case with the installed programs; the refusal
# in Chinese comes from the installed catalogue; and systemd-analyze
# verify accepts the installed units.  Needs root, debootstrap and
# Debian's mirror (ZHIFA_MIRROR, http://deb.debian.org/debian).
set -eu

[ $# -eq 1 ] && [ -f "$1" ] || {
	echo "usage: tests/pkg/deb.sh PACKAGE.deb" >&2
	exit 64
}
deb=$(realpath "$1")
root=${ROOT:-$(dirname "$deb")/root}
mirror=${ZHIFA_MIRROR:-http://deb.debian.org/debian}
passed=0
failed=0

ok() { passed=$((passed + 1)); }
not_ok() {
	failed=$((failed + 1))
	printf 'deb: FAILED: %s\n' "$1" >&2
}
# in COMMAND...: runs it in the fresh system, as root, with a clean
# environment and the C locale unless the command sets another.
in_root() {
	chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
	    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
cleanup() {
	umount "$root/proc" 2>/dev/null || true
}
trap cleanup EXIT

echo "deb: a fresh Debian 12 in $root" >&2
cleanup
rm -rf "$root"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 ||
    { tail -20 "$root.log" >&2; exit 1; }
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
# No daemon starts inside (Debian's policy-rc.d convention for chroots).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
cp "$deb" "$root/root/"
name=$(basename "$deb")

echo "deb: apt-get install ./$name" >&2
if in_root sh -c "cd /root && apt-get update -qq &&
    apt-get install -y -qq ./$name" >"$root/../apt.log" 2>&1; then
	ok
else
	not_ok "apt-get install ./$name: $(tail -5 "$root/../apt.log")"
	exit 1
fi
if in_root dpkg-query -W -f='${Status}' zhifa | grep -q "install ok installed"
then ok; else not_ok "dpkg does not list zhifa as installed"; fi

# archive-init and case-new, from /usr/bin, with the sample agency the
# package installs; case-new refuses the expired officer as it should.
if in_root sh -c 'archive-init /srv/bureau' >/dev/null 2>&1 &&
    id=$(in_root env ZHIFA_ARCHIVE=/srv/bureau ZHIFA_ACTOR=zhangwei \
    case-new -t penalty --party 示例公司 --cause 违法建设 \
    --officer zhangwei --officer lina 2>/dev/null) &&
    [ "$id" = "C$(date +%Y)-0001" ]; then
	ok
else
	not_ok "archive-init and case-new from /usr/bin (case '${id:-}')"
fi
if in_root env ZHIFA_ARCHIVE=/srv/bureau ZHIFA_ACTOR=zhangwei case-new \
    -t penalty --party X --cause Y --officer zhangwei --officer sunli \
    >/dev/null 2>"$root/../refusal"; then
	not_ok "case-new took an officer whose certificate ended"
elif grep -q "行政处罚法第四十二条" "$root/../refusal"; then
	ok
else
	not_ok "the refusal: $(cat "$root/../refusal")"
fi
# The installed catalogue: Chinese once the locale exists.
in_root sh -c 'apt-get install -y -qq locales >/dev/null 2>&1 &&
    localedef -i zh_CN -f UTF-8 zh_CN.UTF-8'
if in_root env LANG=zh_CN.UTF-8 ZHIFA_ARCHIVE=/srv/bureau \
    ZHIFA_ACTOR=zhangwei case-new -t penalty --party X --cause Y \
    --officer zhangwei --officer sunli 2>&1 | grep -q "执法证.*行政处罚法第四十二条"
then ok; else not_ok "no refusal in Chinese from the installed catalogue"; fi

# man case-new: the compressed page, found by man-db (Recommends).
if in_root sh -c 'MANPAGER=cat MANWIDTH=80 man case-new' 2>&1 |
    grep -q "file an enforcement case"; then
	ok
else
	not_ok "man case-new: $(in_root man -w case-new 2>&1)"
fi

# The overview in Chinese: man -L zh_CN 7 zhifa.
if in_root sh -c 'MANPAGER=cat man -L zh_CN 7 zhifa' 2>/dev/null |
    grep -q "三项制度"; then
	ok
else
	not_ok "man -L zh_CN 7 zhifa: $(in_root man -L zh_CN -w 7 zhifa 2>&1)"
fi

# The demo with the installed programs (it needs bsdtar and sqlite3).
in_root apt-get install -y -qq libarchive-tools sqlite3 >/dev/null 2>&1
demo=/usr/share/doc/zhifa/examples/demo.sh
if in_root sh -c "sh $demo /usr/bin" >"$root/../demo.log" 2>&1 &&
    grep -q "the change was caught" "$root/../demo.log"; then
	ok
else
	not_ok "the demo: $(tail -15 "$root/../demo.log")"
fi

# The account of the daily jobs, made by the package, with its home.
if in_root getent passwd zhifa >/dev/null &&
    [ -d "$root/var/lib/zhifa" ]; then
	ok
else
	not_ok "no account zhifa with its home /var/lib/zhifa"
fi
# The daily publication as zhifa(7) sets it up, run as its unit runs it
# (systemd does not run here): the account makes the archive, and on a
# working day (the sample is a drill, so its clock can be set) the job
# writes the day's bundle into ZHIFA_PUBLISH_DIR.
if in_root sh -c 'install -d -o zhifa -g zhifa /srv/zhifa /srv/www &&
    runuser -u zhifa -- env HOME=/var/lib/zhifa archive-init \
    /srv/zhifa/jianshe && runuser -u zhifa -- env HOME=/var/lib/zhifa \
    ZHIFA_ARCHIVE=/srv/zhifa/jianshe ZHIFA_ACTOR=publisher \
    ZHIFA_PUBLISH_DIR=/srv/www ZHIFA_NOW=2026-12-07T06:30:00+08:00 \
    /usr/libexec/zhifa/zhifa-daily publish' >"$root/../daily.log" 2>&1 &&
    ls "$root"/srv/www/gongshi-*.tar.gz >/dev/null 2>&1; then
	ok
else
	not_ok "the daily publication: $(tail -5 "$root/../daily.log")"
fi

# The systemd units, where the package put them, with systemd installed.
in_root apt-get install -y -qq systemd >/dev/null 2>&1
units="zhifa-deadline-check.service zhifa-deadline-check.timer
zhifa-publish-export.service zhifa-publish-export.timer"
for u in $units; do
	if [ -f "$root/usr/lib/systemd/system/$u" ]; then ok
	else not_ok "$u is not in /usr/lib/systemd/system"; fi
done
# shellcheck disable=SC2086
if in_root sh -c "cd /usr/lib/systemd/system && systemd-analyze verify $(echo $units)" \
    >"$root/../verify.log" 2>&1 && ! [ -s "$root/../verify.log" ]; then
	ok
else
	not_ok "systemd-analyze verify: $(cat "$root/../verify.log")"
fi
# The daily job on a day off does nothing, and says so.
if in_root sh -c 'ZHIFA_ARCHIVE=/srv/bureau ZHIFA_ACTOR=publisher \
    ZHIFA_NOW=2026-12-05T07:30:00+08:00 \
    /usr/libexec/zhifa/zhifa-daily deadlines' >"$root/../daily.log" 2>&1 &&
    grep -q "not a working day" "$root/../daily.log"
then ok; else not_ok "zhifa-daily: $(cat "$root/../daily.log")"; fi

# Removed and purged, the package leaves no enabled timer behind, nor
# its configuration; the keys' home stays.
in_root systemctl enable zhifa-deadline-check.timer \
    zhifa-publish-export.timer >/dev/null 2>&1
in_root apt-get purge -y -qq zhifa >/dev/null 2>&1
if ! ls "$root"/etc/systemd/system/timers.target.wants/zhifa-* \
    >/dev/null 2>&1 && [ ! -e "$root/etc/default/zhifa" ] &&
    [ ! -e "$root/usr/bin/case-new" ] && [ -d "$root/var/lib/zhifa" ]; then
	ok
else
	not_ok "after purge: $(ls "$root"/etc/systemd/system/timers.target.wants/ \
	    "$root/etc/default" 2>&1 | head -5)"
fi

echo "deb: $passed passed, $failed failed" >&2
[ "$failed" -eq 0 ]
