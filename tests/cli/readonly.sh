#!/bin/sh
# readonly: the readers and archive-verify work on a copy nobody can
# write, and on a read-only bind mount, run by a Unix user who is not a
# person in zhifa.yaml; they write nothing and print what they print on
# the original.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	as_user() { "$@"; }
	owner=
elif command -v setpriv >/dev/null 2>&1 &&
    setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
	as_user() {
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	}
	owner=nobody:nogroup
else
	skip_all "root cannot run as nobody here (no setpriv, or not allowed)"
fi
# A read-only bind mount, in a mount namespace of its own, when allowed:
# as root, or as a user mapped to root in a user namespace (unshare -r).
bind=0
if [ "$(id -u)" -eq 0 ]; then
	ns="unshare -m"
else
	ns="unshare -rm"
fi
if mkdir "$T/m1" "$T/m2" && $ns sh -c "mount --bind '$T/m1' '$T/m2' &&
    mount -o remount,bind,ro '$T/m2'" 2>/dev/null; then
	bind=1
else
	printf 'readonly: no read-only bind mount here: that part is left out\n'
fi
plan $((8 * 3 + 3 + bind * 4))

new_archive
c=$(new_case)
printf '照片\n' >"$T/a.jpg"
evidence-add "$c" "$T/a.jpg" >/dev/null
printf '告知书\n' >"$T/notice.txt"
case-step "$c" notify --doc "$T/notice.txt" >/dev/null

# What each reader prints on the original.
readers="case-list|case-show $c|case-log $c|deadline-check|archive-verify -o json"
readers="$readers|case-stats -o json|case-audit --all -o json"
IFS='|'
i=0
for r in $readers; do
	unset IFS
	# shellcheck disable=SC2086
	$r >"$T/want.$i" 2>/dev/null
	IFS='|'
	i=$((i + 1))
done
unset IFS

cp -a "$ZHIFA_ARCHIVE" "$T/copy"
[ -z "$owner" ] || chown -R "$owner" "$T/copy"
chmod -R a-w "$T/copy"
# The parents must be open to the other user, and so must the programs,
# whose build folder may lie in one that is not: they run from a copy.
chmod 755 "$T"
mkdir "$T/bin"
for p in case-list case-show case-log deadline-check archive-verify \
    case-stats case-audit; do
	cp "$ZHIFA_BIN/$p" "$T/bin/"
done
chmod -R a+rX "$T/bin"
PATH=$T/bin:$PATH
mark_copy() { snapshot "$T/copy" >"$T/mark"; }
same_copy() {
	snapshot "$T/copy" >"$T/now"
	if cmp -s "$T/mark" "$T/now"; then ok; else
		not_ok "$1: the copy changed: $(diff "$T/mark" "$T/now" | head -5)"
	fi
}

# Each reader on the copy, as someone who may not write it: exit 0, the
# same output, nothing written.
mark_copy
IFS='|'
i=0
for r in $readers; do
	unset IFS
	# shellcheck disable=SC2086
	expect_exit 0 as_user env ZHIFA_ARCHIVE="$T/copy" $r
	expect_equal "$(cat "$T/out")" "$(cat "$T/want.$i")" \
	    "$r prints the same on the copy"
	same_copy "$r"
	IFS='|'
	i=$((i + 1))
done
unset IFS

# archive-verify needs no identity: no ZHIFA_ACTOR, no person with this
# login.
expect_exit 0 as_user env -u ZHIFA_ACTOR ZHIFA_ARCHIVE="$T/copy" \
    archive-verify
expect_in "$T/err" "ok (0 errors"
same_copy "archive-verify without an identity"

# Only the lock not writable, in a copy its user may otherwise write:
# the readers still read (the lock is opened read-only).
cp -a "$ZHIFA_ARCHIVE" "$T/lk"
[ -z "$owner" ] || chown -R "$owner" "$T/lk"
chmod a-w "$T/lk/lock"
snapshot "$T/lk" >"$T/mark"
expect_exit 0 as_user env ZHIFA_ARCHIVE="$T/lk" case-list
expect_equal "$(cat "$T/out")" "$(cat "$T/want.0")" \
    "case-list with a lock it cannot write"
snapshot "$T/lk" >"$T/now"
if cmp -s "$T/mark" "$T/now"; then ok; else
	not_ok "case-list changed the copy: $(diff "$T/mark" "$T/now" | head -5)"
fi

if [ "$bind" -eq 1 ]; then
	# The original itself, writable, seen through a read-only bind
	# mount by a user who is not in zhifa.yaml.
	[ -z "$owner" ] || chown -R "$owner" "$ZHIFA_ARCHIVE"
	mkdir "$T/ro"
	mark
	# Root drops to nobody; a user namespace's root is the user.
	drop=
	[ -z "$owner" ] ||
	    drop="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	cat >"$T/bind.sh" <<SH
mount --bind '$ZHIFA_ARCHIVE' '$T/ro' &&
    mount -o remount,bind,ro '$T/ro' || exit 99
$drop env -u ZHIFA_ACTOR ZHIFA_ARCHIVE='$T/ro' PATH='$PATH' \
    archive-verify -o json
SH
	expect_exit 0 $ns sh "$T/bind.sh"
	expect_equal "$(cat "$T/out")" "$(cat "$T/want.4")" \
	    "archive-verify on a read-only bind mount"
	expect_in "$T/err" "ok (0 errors"
	unchanged "archive-verify on a read-only bind mount"
fi
# So that the temporary folder can be removed by its owner.
chmod -R u+w "$T/copy" "$T/lk"
finish
