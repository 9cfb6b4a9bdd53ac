#!/bin/sh
# Messages in Chinese (gettext): the catalogue translates every marked
# message, LANG=zh_CN.UTF-8 gives the refusals and --help in Chinese
# with the articles of law kept, and the C locale stays English.
. "$(dirname "$0")/lib.sh"
plan 35

for t in xgettext msgcmp msgfmt; do
	command -v "$t" >/dev/null || { echo "i18n.sh: $t is missing (scripts/dev.sh" \
	    "installs gettext)" >&2; exit 1; }
done
locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\{0,1\}8' || {
	echo "i18n.sh: the locale zh_CN.UTF-8 is not generated" \
	    "(scripts/dev.sh generates it)" >&2
	exit 1
}
# The tests' harness fixes LC_ALL; these set the locale themselves.
unset LC_ALL LANGUAGE LC_MESSAGES

# Every message the sources mark has a translation, not fuzzy, with the
# same printf directives (msgfmt --check).
po=$ZHIFA_SRC/po/zh_CN.po
sh "$ZHIFA_SRC/po/update.sh" "$T/zhifa.pot"
n=$(grep -c '^msgid ' "$T/zhifa.pot")
check "the sources mark hundreds of messages ($n)" [ "$n" -gt 800 ]
if msgcmp "$po" "$T/zhifa.pot" 2>"$T/cmp"; then
	ok
else
	not_ok "po/zh_CN.po lacks translations (po/update.sh merges them):
$(grep -v 'not used' "$T/cmp" | head -20)"
fi
msgfmt --check --statistics -o /dev/null "$po" 2>"$T/stats"
check "po/zh_CN.po compiles with its formats checked" \
    msgfmt --check -o /dev/null "$po"
expect_not_in "$T/stats" "fuzzy"
expect_not_in "$T/stats" "untranslated"
# The check fails when one is missing: a message new in the sources.
printf 'static void f(void) { zf_cli_warn("a message not yet in the '\
'catalogue"); }\n' >"$T/new.c"
mkdir -p "$T/src/lib" "$T/src/cmd" "$T/src/po"
cp "$ZHIFA_SRC/po/update.sh" "$T/src/po/"
cp "$T/new.c" "$T/src/cmd/"
sh "$T/src/po/update.sh" "$T/new.pot"
if msgcmp "$po" "$T/new.pot" 2>"$T/err"; then
	not_ok "msgcmp took a message that has no translation"
else
	ok
fi
expect_in "$T/err" "this message is used but not defined"

new_archive
# An officer whose certificate has ended (sunli's ended 2025-12-31).
filing="-t penalty --party X --cause Y --officer zhangwei --officer sunli"
mark
# shellcheck disable=SC2086
expect_exit 77 env LANG=zh_CN.UTF-8 case-new $filing
expect_in "$T/err" "case-new: "
expect_in "$T/err" "执法人员"
expect_in "$T/err" "执法证"
expect_in "$T/err" "行政处罚法第四十二条"
expect_in "$T/err" "2025-12-31"
expect_not_in "$T/err" "enforcement certificate"
unchanged "the refusal in Chinese"
# shellcheck disable=SC2086
expect_exit 77 env LANG=C case-new $filing
expect_in "$T/err" "has no enforcement certificate valid on"
expect_in "$T/err" "行政处罚法第四十二条"
unchanged "the refusal in English"
# LC_ALL and LC_MESSAGES choose as well; LANGUAGE only beside a locale.
# shellcheck disable=SC2086
expect_exit 77 env LC_ALL=zh_CN.UTF-8 LANG=C case-new $filing
expect_in "$T/err" "执法证"
# shellcheck disable=SC2086
expect_exit 77 env LANG=C LANGUAGE=zh_CN case-new $filing
expect_in "$T/err" "has no enforcement certificate"

# The C library's words inside ours (strerror) come in Chinese too, not
# as question marks.
expect_exit 66 env LANG=zh_CN.UTF-8 case-show -A "$T/nowhere" C2026-0001
expect_in "$T/err" "没有那个文件或目录"
expect_not_in "$T/err" "??"

# Reading a bundle runs libarchive under a UTF-8 character type for
# this thread only; the messages keep their language there too.
printf 'PK\003\004garbage' >"$T/bad.zip"
expect_exit 65 env LANG=zh_CN.UTF-8 publish-verify "$T/bad.zip"
expect_in "$T/err" "不是数据包"

# A usage error, a warning and --help.
expect_exit 64 env LANG=zh_CN.UTF-8 case-list -o yaml
expect_in "$T/err" "用法：case-list"
expect_exit 0 env LANG=zh_CN.UTF-8 case-new --help
expect_in "$T/out" "用法：case-new"
expect_in "$T/out" "case-new(1)"
expect_not_in "$T/out" "File an enforcement case"

# What scripts read stays as it was: the new case's id and its table.
id=$(LANG=zh_CN.UTF-8 case-new -t penalty --party 张三 --cause 违法建设 \
    --officer zhangwei --officer lina --as zhangwei 2>/dev/null)
expect_equal "$id" "C2026-0001" "the id printed in Chinese"

finish
